//! The quarterly справки of the demo, read back from the HTML: every movement table adds up, and
//! each curator's families carry over from one quarter to the next (issue 19).

mod common;

use std::collections::BTreeMap;
use std::fs;

/// The movement table of a справка: its rows, label → number.
fn movement(html: &str) -> Vec<(String, i64)> {
    let table = html
        .split("<tbody>")
        .nth(1)
        .and_then(|t| t.split("</tbody>").next())
        .expect("the movement table");
    table
        .split("<tr><th scope=\"row\">")
        .skip(1)
        .map(|row| {
            let label = row.split("</th>").next().unwrap().trim().to_owned();
            let number = row
                .split("<td class=\"num\">")
                .nth(1)
                .and_then(|t| t.split("</td>").next())
                .unwrap()
                .parse()
                .unwrap_or_else(|_| panic!("a number in «{row}»"));
            (label, number)
        })
        .collect()
}

fn figure(rows: &[(String, i64)], label: &str) -> i64 {
    rows.iter().find(|(l, _)| l == label).map_or(0, |(_, n)| *n)
}

#[test]
fn every_movement_adds_up_and_each_curator_carries_over() {
    let out = testdir::tempdir().unwrap();
    common::build_ok(&common::project_root(), out.path(), "2026-06-30");
    // quarter → scope (centre or curator's slug) → movement rows
    let mut reports: BTreeMap<String, BTreeMap<String, Vec<(String, i64)>>> = BTreeMap::new();
    for dir in fs::read_dir(out.path().join("отчёты")).unwrap() {
        let dir = dir.unwrap().path();
        let quarter = dir.file_name().unwrap().to_str().unwrap().to_owned();
        for file in fs::read_dir(&dir).unwrap() {
            let path = file.unwrap().path();
            let name = path.file_name().unwrap().to_str().unwrap();
            if let Some(scope) = name
                .strip_prefix(&format!("справка-{quarter}-"))
                .and_then(|n| n.strip_suffix(".html"))
            {
                let rows = movement(&fs::read_to_string(&path).unwrap());
                reports
                    .entry(quarter.clone())
                    .or_default()
                    .insert(scope.to_owned(), rows);
            }
        }
    }
    assert!(reports.len() >= 6, "{:?}", reports.keys());
    let mut failures = Vec::new();
    for (quarter, scopes) in &reports {
        for (scope, rows) in scopes {
            let sum = figure(rows, "Семей на сопровождении на начало периода")
                + figure(rows, "Взято на сопровождение")
                + figure(rows, "Принято от другого куратора")
                - figure(rows, "Передано другому куратору")
                - figure(rows, "Снято с сопровождения, всего");
            let end = figure(rows, "Семей на сопровождении на конец периода");
            if sum != end {
                failures.push(format!("{quarter} {scope}: {sum} ≠ {end} in {rows:?}"));
            }
        }
    }
    let quarters: Vec<&String> = reports.keys().collect();
    for pair in quarters.windows(2) {
        let (before, after) = (&reports[pair[0]], &reports[pair[1]]);
        for (scope, rows) in before {
            let end = figure(rows, "Семей на сопровождении на конец периода");
            let start = after
                .get(scope)
                .map(|r| figure(r, "Семей на сопровождении на начало периода"));
            if end > 0 && start != Some(end) {
                failures.push(format!(
                    "{scope}: {} ends with {end}, {} starts with {start:?}",
                    pair[0], pair[1]
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
