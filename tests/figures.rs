//! The quarterly справки and the indicators, read back from the HTML and the PDF text and set
//! beside figures.json: every movement table adds up, each curator's families carry over from one
//! quarter to the next, and the documents print the figures of figures.json (issue 19).

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde_json::Value;

/// A row of a page's table: its label and the text of its cells.
type Row = (String, Vec<String>);

/// Every table of a page (its body rows), in order.
fn tables(html: &str) -> Vec<Vec<Row>> {
    let text = |cell: &str| {
        let mut out = String::new();
        let mut in_tag = false;
        for c in cell.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.trim().to_owned()
    };
    html.split("<tbody>")
        .skip(1)
        .map(|t| {
            let body = t.split("</tbody>").next().unwrap();
            body.split("<tr><th scope=\"row\">")
                .skip(1)
                .map(|row| {
                    let (label, rest) = row.split_once("</th>").unwrap();
                    let cells = rest
                        .split("<td")
                        .skip(1)
                        .map(|c| text(c.split_once('>').unwrap().1.split("</td>").next().unwrap()))
                        .collect();
                    (text(label), cells)
                })
                .collect()
        })
        .collect()
}

/// The first table of a page: each row's label and its numeric cells, in order.
fn table(html: &str) -> Vec<(String, Vec<i64>)> {
    tables(html)
        .into_iter()
        .next()
        .expect("a table")
        .into_iter()
        .map(|(label, cells)| {
            let numbers = cells.iter().filter_map(|c| c.parse().ok()).collect();
            (label, numbers)
        })
        .collect()
}

/// The demo built once for the tests of this file (as of 30.06.2026).
fn demo_out() -> &'static Path {
    static OUT: OnceLock<testdir::TempDir> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = testdir::tempdir().unwrap();
        common::build_ok(&common::project_root(), out.path(), "2026-06-30");
        out
    })
    .path()
}

/// The movement table of a справка: its rows, label → number.
fn movement(html: &str) -> Vec<(String, i64)> {
    table(html)
        .into_iter()
        .map(|(label, numbers)| {
            let n = *numbers
                .first()
                .unwrap_or_else(|| panic!("a number in «{label}»"));
            (label, n)
        })
        .collect()
}

fn figure(rows: &[(String, i64)], label: &str) -> i64 {
    rows.iter().find(|(l, _)| l == label).map_or(0, |(_, n)| *n)
}

#[test]
fn every_movement_adds_up_and_each_curator_carries_over() {
    let out = demo_out();
    // quarter → scope (centre or curator's slug) → movement rows
    let mut reports: BTreeMap<String, BTreeMap<String, Vec<(String, i64)>>> = BTreeMap::new();
    for dir in fs::read_dir(out.join("отчёты")).unwrap() {
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

/// The social-effect table of an indicators page: label → (this period, the previous one).
fn social(html: &str) -> Vec<(String, i64, i64)> {
    table(html)
        .into_iter()
        .map(|(label, numbers)| {
            assert!(numbers.len() >= 2, "two numbers in «{label}»");
            (label, numbers[0], numbers[1])
        })
        .collect()
}

#[test]
fn every_social_effect_table_adds_up_in_both_columns() {
    let mut failures = Vec::new();
    let mut pages = 0;
    for path in common::walk(&demo_out().join("отчёты")) {
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        if !(name.starts_with("показатели-") && name.ends_with(".html")) {
            continue;
        }
        pages += 1;
        let rows = social(&std::fs::read_to_string(&path).unwrap());
        for (column, pick) in [("current", 0), ("previous", 1)] {
            let get = |label: &str| {
                rows.iter()
                    .find(|r| r.0 == label)
                    .map(|r| if pick == 0 { r.1 } else { r.2 })
            };
            let (Some(start), Some(opened), Some(closed), Some(end)) = (
                get("Семей на сопровождении на начало периода"),
                get("Взято на сопровождение"),
                get("Снято с сопровождения, всего"),
                get("Семей на сопровождении на конец периода"),
            ) else {
                failures.push(format!("{name}: a row is missing in {rows:?}"));
                break;
            };
            let grounds: i64 = rows
                .iter()
                .filter(|r| r.0.starts_with("в том числе"))
                .map(|r| if pick == 0 { r.1 } else { r.2 })
                .sum();
            if start + opened - closed != end || grounds != closed {
                failures.push(format!(
                    "{name} ({column}): {start} + {opened} − {closed} ≠ {end} or grounds {grounds} in {rows:?}"
                ));
            }
        }
    }
    assert!(pages >= 8, "{pages} indicator pages");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Overload is judged on every day: Белозёрова carried 8 СОП families (133 % of the norm) until
/// 29.09.2025, so Q3 2025 cannot say every curator stayed within it.
#[test]
fn overload_in_mid_quarter_is_not_hidden_by_a_lighter_last_day() {
    let page = |name: &str| std::fs::read_to_string(demo_out().join("отчёты/2025-Q3").join(name));
    let rows = movement(&page("справка-2025-Q3-Белозёрова-Н-А.html").unwrap());
    assert!(
        figure(&rows, "Наибольшая нагрузка за период, % нормы (п. 1.8)") >= 133,
        "{rows:?}"
    );
    assert!(figure(&rows, "Дней сверх нормы нагрузки") > 0, "{rows:?}");
    let indicators = page("показатели-2025-Q3.html").unwrap();
    let row = indicators
        .split("Нагрузка кураторов в пределах нормы")
        .nth(1)
        .and_then(|r| r.split("</tr>").next())
        .expect("the caseload row");
    assert!(!row.contains("(100 %)"), "{row}");
}

/// The grounds of closure as figures.json names them and as the documents print them.
const GROUNDS: [(&str, &str); 7] = [
    ("improvement", "улучшение ситуации в семье"),
    ("loss_of_parental_rights", "лишение родительских прав"),
    ("moved", "переезд семьи"),
    ("refusal", "отказ семьи от сопровождения"),
    ("handed_to_kdn", "передача в КДН и ЗП"),
    (
        "handed_to_guardianship",
        "передача в органы опеки и попечительства",
    ),
    ("other", "иное"),
];

fn n(value: &Value, key: &str) -> i64 {
    value[key]
        .as_i64()
        .unwrap_or_else(|| panic!("a number at «{key}» in {value}"))
}

/// The movement rows a document must print for `m` (the centre's or a curator's figures): the
/// grounds with a closure, and those of `always`.
fn movement_expected(m: &Value, always: &[&str]) -> Vec<(String, i64)> {
    let mut rows = vec![
        (
            "Семей на сопровождении на начало периода".to_owned(),
            n(m, "start"),
        ),
        ("Взято на сопровождение".to_owned(), n(m, "opened")),
    ];
    if m.get("received").is_some() {
        rows.push(("Принято от другого куратора".to_owned(), n(m, "received")));
        rows.push(("Передано другому куратору".to_owned(), n(m, "handed")));
    }
    rows.push((
        "Снято с сопровождения, всего".to_owned(),
        n(m, "closed_total"),
    ));
    for (key, label) in GROUNDS {
        let count = n(&m["closed"], key);
        if count > 0 || always.contains(&key) {
            rows.push((format!("в том числе: {label}"), count));
        }
    }
    rows.push((
        "Семей на сопровождении на конец периода".to_owned(),
        n(m, "end"),
    ));
    rows
}

/// The children rows a document must print.
fn children_expected(c: &Value) -> Vec<(String, i64)> {
    let category = &c["by_category"];
    vec![
        (
            "Детей в семьях на сопровождении на конец периода".to_owned(),
            n(c, "at_end"),
        ),
        (
            "в том числе: в семьях в социально опасном положении".to_owned(),
            n(category, "sop"),
        ),
        (
            "в том числе: в семьях в трудной жизненной ситуации".to_owned(),
            n(category, "tzhs"),
        ),
        (
            "в том числе: в семьях, нуждающихся в поддержке".to_owned(),
            n(category, "needs_support"),
        ),
        (
            "Детей возвращено в родные семьи".to_owned(),
            n(c, "returned"),
        ),
    ]
}

/// Whether the PDF's text (with layout) has a line for the row: the first column a start of the
/// label (a long label wraps), the rest the cells of the HTML, in order.
fn pdf_has_row(pdf: &str, (label, cells): &Row) -> bool {
    pdf.lines().any(|line| {
        let columns: Vec<&str> = line
            .trim()
            .split("  ")
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        let Some((first, rest)) = columns.split_first() else {
            return false;
        };
        // pdftotext may drop the narrow space of «0 %»; a wrapped label ends in a hyphen.
        let bare = |c: &str| c.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        label.starts_with(first.trim_end_matches(['-', '\u{ad}']))
            && rest
                .iter()
                .map(|c| bare(c))
                .eq(cells.iter().map(|c| bare(c)))
    })
}

/// For every справка and indicators page of the demo, the HTML prints the figures of the
/// period's figures.json, and the PDF the same rows as the HTML.
#[test]
fn every_demo_report_prints_the_figures_of_its_figures_json() {
    let reports = demo_out().join("отчёты");
    let figures_of = |period: &str| -> Option<Value> {
        let text = fs::read_to_string(reports.join(period).join("figures.json")).ok()?;
        Some(serde_json::from_str(&text).unwrap())
    };
    let mut failures = Vec::new();
    let mut checked = 0;
    for dir in fs::read_dir(&reports).unwrap() {
        let dir = dir.unwrap().path();
        let period = dir.file_name().unwrap().to_str().unwrap().to_owned();
        let f = figures_of(&period).unwrap_or_else(|| panic!("no figures.json for {period}"));
        for path in common::walk(&dir) {
            let name = path.file_name().unwrap().to_str().unwrap().to_owned();
            let Some(stem) = name.strip_suffix(".html") else {
                continue;
            };
            let html = fs::read_to_string(&path).unwrap();
            let tables = tables(&html);
            // What the page's tables must hold, by label, from figures.json.
            let mut expected: Vec<(usize, String, usize, i64)> = Vec::new();
            let mut expect = |table: usize, rows: Vec<(String, i64)>, column: usize| {
                for (label, value) in rows {
                    expected.push((table, label, column, value));
                }
            };
            if let Some(scope) = stem.strip_prefix(&format!("справка-{period}-")) {
                let scope_figures = match scope {
                    "центр" => f["movement"].clone(),
                    slug => f["curators"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .find(|c| {
                            let name = c["curator"].as_str().unwrap();
                            let slug_of = name.replace(". ", "-").replace([' ', '.'], "-");
                            slug_of.trim_end_matches('-') == slug
                        })
                        .unwrap_or_else(|| panic!("{name}: no curator in figures.json"))
                        .clone(),
                };
                let children = match scope {
                    "центр" => &f["children"],
                    _ => &scope_figures["children"],
                };
                let mut rows = movement_expected(&scope_figures, &[]);
                if scope != "центр" {
                    let load = scope_figures["max_load"].as_f64().unwrap();
                    rows.push((
                        "Наибольшая нагрузка за период, % нормы (п. 1.8)".to_owned(),
                        (load * 100.0).round() as i64,
                    ));
                    rows.push((
                        "Дней сверх нормы нагрузки".to_owned(),
                        n(&scope_figures, "days_over_limit"),
                    ));
                }
                rows.extend(children_expected(children));
                let shown = tables[0].len();
                if shown != rows.len() {
                    failures.push(format!("{name}: {shown} rows, figures.json has {rows:?}"));
                }
                expect(0, rows, 0);
            } else if stem.starts_with("показатели-") {
                let always = ["improvement", "loss_of_parental_rights"];
                expect(0, movement_expected(&f["movement"], &always), 0);
                let previous = f["previous_period"].as_str().unwrap();
                if let Some(p) = figures_of(previous) {
                    expect(0, movement_expected(&p["movement"], &always), 1);
                }
                let e = &f["social_effect"];
                expect(
                    1,
                    vec![(
                        "Семей на сопровождении в периоде (на начало и взятых)".to_owned(),
                        n(e, "families"),
                    )],
                    0,
                );
                for (key, label) in [
                    (
                        "closed_improvement",
                        "Снято в связи с улучшением ситуации в семье",
                    ),
                    (
                        "closed_loss_of_parental_rights",
                        "Снято в связи с лишением родительских прав",
                    ),
                    ("children_returned", "Детей возвращено в родные семьи"),
                ] {
                    expect(1, vec![(label.to_owned(), n(&e[key], "done"))], 0);
                    expect(1, vec![(label.to_owned(), n(&e[key], "of"))], 1);
                }
                expect(2, children_expected(&f["children"]), 0);
                for item in f["criteria"]["items"].as_array().unwrap() {
                    let name = item["name"].as_str().unwrap().to_owned();
                    for (column, key) in ["improved", "unchanged", "worse"].iter().enumerate() {
                        expect(3, vec![(name.clone(), n(item, key))], column);
                    }
                }
                let t = &f["timeliness"];
                for (key, label) in [
                    (
                        "programme_on_time",
                        "Проект программы в течение 10 рабочих дней",
                    ),
                    ("visits_kept", "Ежемесячный патронаж проведён"),
                    (
                        "caseload_within",
                        "Нагрузка кураторов в пределах нормы каждый день",
                    ),
                ] {
                    let share = &t[key];
                    let text = format!("{} из {}", n(share, "done"), n(share, "of"));
                    let shown = tables[4]
                        .iter()
                        .find(|r| r.0 == label)
                        .map(|r| r.1[0].clone());
                    let ok = match n(share, "of") {
                        0 => shown.as_deref() == Some("—"),
                        _ => shown.as_ref().is_some_and(|s| s.starts_with(&text)),
                    };
                    if !ok {
                        failures.push(format!("{name}: «{label}» {shown:?}, figures.json {share}"));
                    }
                }
            } else {
                continue;
            }
            for (table, label, column, value) in expected {
                let shown = tables
                    .get(table)
                    .and_then(|t| t.iter().find(|r| r.0 == label))
                    .and_then(|r| r.1.get(column))
                    .cloned();
                if shown != Some(value.to_string()) {
                    failures.push(format!(
                        "{name}: table {table}, «{label}» column {column}: {shown:?}, figures.json {value}"
                    ));
                }
            }
            let pdf = common::pdftotext_layout(&dir.join(format!("{stem}.pdf")));
            for row in tables.iter().flatten() {
                if !pdf_has_row(&pdf, row) {
                    failures.push(format!("{stem}.pdf: no line for {row:?}"));
                }
            }
            checked += 1;
        }
    }
    assert!(checked >= 30, "{checked} pages checked");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A figures.json value's identities: movement that adds up for the centre and each curator,
/// curators that add up to the centre, children by category, stages, criteria and the social
/// effect's base.
fn identities(f: &Value) -> Vec<String> {
    let mut wrong = Vec::new();
    let period = f["period"].as_str().unwrap();
    let mut check = |ok: bool, what: String| {
        if !ok {
            wrong.push(format!("{period}: {what}"));
        }
    };
    let m = &f["movement"];
    let grounds = |m: &Value| GROUNDS.iter().map(|(k, _)| n(&m["closed"], k)).sum::<i64>();
    check(
        grounds(m) == n(m, "closed_total"),
        format!("grounds of {m}"),
    );
    check(
        n(m, "start") + n(m, "opened") - n(m, "closed_total") == n(m, "end"),
        format!("centre {m}"),
    );
    let curators = f["curators"].as_array().unwrap();
    for c in curators {
        check(
            grounds(c) == n(c, "closed_total"),
            format!("grounds of {c}"),
        );
        check(
            n(c, "start") + n(c, "opened") + n(c, "received")
                - n(c, "handed")
                - n(c, "closed_total")
                == n(c, "end"),
            format!("curator {c}"),
        );
    }
    let sum = |key: &str| curators.iter().map(|c| n(c, key)).sum::<i64>();
    for key in ["start", "opened", "closed_total", "end"] {
        check(sum(key) == n(m, key), format!("curators' {key}"));
    }
    check(
        sum("received") == sum("handed"),
        "received ≠ handed".to_owned(),
    );
    let children = &f["children"];
    let by = &children["by_category"];
    check(
        n(by, "sop") + n(by, "tzhs") + n(by, "needs_support") == n(children, "at_end"),
        format!("children {children}"),
    );
    let children_of = |key: &str| curators.iter().map(|c| n(&c["children"], key)).sum::<i64>();
    check(
        children_of("at_end") == n(children, "at_end"),
        "curators' children".to_owned(),
    );
    check(
        children_of("returned") == n(children, "returned"),
        "children returned".to_owned(),
    );
    let stages: i64 = f["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| n(s, "families"))
        .sum();
    check(stages == n(m, "end"), format!("stages {stages}"));
    let c = &f["criteria"];
    check(
        n(c, "compared") + n(c, "first_inspection") + n(c, "not_inspected") == n(c, "families"),
        format!("criteria {c}"),
    );
    for item in c["items"].as_array().unwrap() {
        let moved = n(item, "improved") + n(item, "unchanged") + n(item, "worse");
        check(moved <= n(c, "compared"), format!("criterion {item}"));
    }
    let e = &f["social_effect"];
    check(
        n(e, "families") == n(m, "start") + n(m, "opened"),
        format!("base {e}"),
    );
    check(
        n(&e["closed_improvement"], "done") == n(&m["closed"], "improvement")
            && n(&e["closed_improvement"], "of") == n(e, "families")
            && n(&e["children_returned"], "done") == n(children, "returned"),
        format!("social effect {e}"),
    );
    wrong
}

/// figures.json of generated repositories of several sizes and seeds: every file written
/// validates against the committed schema/figures.schema.json, its identities hold, each
/// quarter's end is the next one's start (centre and curators), and a year is its quarters.
#[test]
fn figures_json_of_generated_repositories_validate_and_reconcile() {
    let schema_path = common::project_root().join("schema/figures.schema.json");
    let schema: Value = serde_json::from_str(&fs::read_to_string(schema_path).unwrap()).unwrap();
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(&schema)
        .expect("the committed schema compiles");
    let mut failures = Vec::new();
    for (families, seed) in [(40, 3), (120, 9)] {
        let dir = testdir::tempdir().unwrap();
        let (repo, out) = (dir.path().join("repo"), dir.path().join("out"));
        let made = common::run(&[
            "demo",
            "--generate",
            &families.to_string(),
            "--seed",
            &seed.to_string(),
            repo.to_str().unwrap(),
        ]);
        assert!(made.status.success(), "{made:?}");
        let built = common::kurator()
            .args(["build", "--format", "html", "--root"])
            .arg(&repo)
            .arg("--out")
            .arg(&out)
            .output()
            .unwrap();
        assert!(built.status.success(), "{built:?}");
        let mut all: BTreeMap<String, Value> = BTreeMap::new();
        let files: Vec<PathBuf> = common::walk(&out.join("отчёты"))
            .into_iter()
            .filter(|p| p.file_name().unwrap() == "figures.json")
            .collect();
        for path in files {
            let value: Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
            for error in validator.iter_errors(&value) {
                failures.push(format!(
                    "{}: {error} at {}",
                    path.display(),
                    error.instance_path()
                ));
            }
            failures.extend(identities(&value));
            all.insert(value["period"].as_str().unwrap().to_owned(), value);
        }
        let quarters: Vec<&Value> = all
            .values()
            .filter(|f| f["period"].as_str().unwrap().contains("-Q"))
            .collect();
        assert!(quarters.len() > 4, "{families}/{seed}: {:?}", all.keys());
        let curator = |f: &Value, name: &str, key: &str| {
            f["curators"]
                .as_array()
                .unwrap()
                .iter()
                .find(|c| c["curator"] == name)
                .map_or(0, |c| n(c, key))
        };
        for pair in quarters.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            let what = format!("{families}/{seed} {} → {}", a["period"], b["period"]);
            if n(&a["movement"], "end") != n(&b["movement"], "start") {
                failures.push(format!("{what}: centre"));
            }
            for c in a["curators"]
                .as_array()
                .unwrap()
                .iter()
                .chain(b["curators"].as_array().unwrap())
            {
                let name = c["curator"].as_str().unwrap();
                if curator(a, name, "end") != curator(b, name, "start") {
                    failures.push(format!("{what}: {name}"));
                }
            }
        }
        for (period, year) in all.iter().filter(|(p, _)| !p.contains("-Q")) {
            let of_year: Vec<&&Value> = quarters
                .iter()
                .filter(|q| {
                    q["period"]
                        .as_str()
                        .unwrap()
                        .starts_with(&format!("{period}-"))
                })
                .collect();
            let (first, last) = (of_year.first().unwrap(), of_year.last().unwrap());
            let m = &year["movement"];
            let sum = |key: &str| of_year.iter().map(|q| n(&q["movement"], key)).sum::<i64>();
            // Quarters without data have no movement, so the sums hold for a partial year too.
            let ok = n(m, "start") == n(&first["movement"], "start")
                && n(m, "end") == n(&last["movement"], "end")
                && n(m, "opened") == sum("opened")
                && n(m, "closed_total") == sum("closed_total");
            if !ok {
                failures.push(format!(
                    "{families}/{seed} {period}: the year is not its quarters"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The social effect's heading is two rows on both sides: «Показатель» and «Изменение» down
/// both, each period over its «Число / База / Доля» (the body table's header groups), and the
/// PDF draws the second row under the periods.
#[test]
fn the_social_effect_heading_puts_number_base_and_share_under_each_period() {
    let dir = demo_out().join("отчёты/2025-Q1");
    let html = fs::read_to_string(dir.join("показатели-2025-Q1.html")).unwrap();
    let groups = "<tr><th scope=\"col\" rowspan=\"2\">Показатель</th>\
        <th scope=\"colgroup\" colspan=\"3\">I квартал 2025 г.</th>\
        <th scope=\"colgroup\" colspan=\"3\">IV квартал 2024 г.</th>\
        <th scope=\"col\" rowspan=\"2\">Изменение</th></tr>";
    assert!(html.contains(groups), "{html}");
    let under = ["Число", "База", "Доля"].repeat(2);
    let cells: String = under
        .iter()
        .map(|h| format!("<th scope=\"col\">{h}</th>"))
        .collect();
    assert!(html.contains(&format!("<tr>{cells}</tr>")), "{html}");
    let pdf = common::pdftotext_layout(&dir.join("показатели-2025-Q1.pdf"));
    let lines: Vec<Vec<&str>> = pdf
        .lines()
        .map(|l| l.split_whitespace().collect())
        .collect();
    let periods = lines
        .iter()
        .position(|l| l.join(" ").contains("I квартал 2025 г. IV квартал 2024 г."))
        .unwrap_or_else(|| panic!("no period heading line:\n{pdf}"));
    assert!(
        lines[periods + 1..].iter().take(3).any(|l| *l == under),
        "no «Число База Доля» under the periods:\n{pdf}"
    );
}
