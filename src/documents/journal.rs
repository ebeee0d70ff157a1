//! Журнал первичного учёта семей, нуждающихся в социальном сопровождении: one per calendar
//! year (Положение о кураторе семьи, п. 1.5.1, Приложение № 1), with the columns real
//! journals keep.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Document, Kind, OrgView, date_long, date_short, to_json};
use crate::load::Repository;
use crate::model::{Case, Date};

#[derive(Serialize)]
struct JournalView<'a> {
    org: &'a OrgView,
    title: &'static str,
    year: i32,
    started: String,
    finished: String,
    rows: Vec<Row>,
}

#[derive(Serialize)]
struct Row {
    number: usize,
    case: String,
    intake: String,
    source: String,
    family: String,
    members: String,
    circumstances: String,
    category: String,
    curator: String,
    agreement: String,
    level: String,
    result: String,
    closed: String,
}

/// A row as the journal stood on `until`: a later closure is not yet written in.
fn row(number: usize, case: &Case, until: Date) -> Row {
    let closure = case.closure.as_ref().filter(|c| c.date <= until);
    let applicant = super::applicant(case);
    Row {
        number,
        case: case.number.clone(),
        intake: date_short(case.intake.date),
        source: case.intake.source.clone(),
        family: if applicant.is_empty() {
            case.family.surname.clone()
        } else {
            format!("{} ({applicant})", case.family.surname)
        },
        members: case
            .family
            .members
            .iter()
            .map(|m| format!("{}, {}, {}", m.name, m.role, date_short(m.birth_date)))
            .collect::<Vec<_>>()
            .join("; "),
        circumstances: case
            .intake
            .circumstances
            .clone()
            .unwrap_or_else(|| case.family.problems.join("; ")),
        category: case.family.category.label().to_owned(),
        curator: case.curator.clone(),
        agreement: case
            .agreement
            .as_ref()
            .map(|a| format!("№ {} от {}", a.number, date_short(a.date)))
            .unwrap_or_default(),
        level: super::current_level(case),
        result: closure
            .map(|c| super::ground_label(c.ground).to_owned())
            .unwrap_or_else(|| "сопровождение продолжается".to_owned()),
        closed: closure.map(|c| date_short(c.date)).unwrap_or_default(),
    }
}

/// One journal per year in which information about a family arrived.
pub fn journals(repo: &Repository, org: &OrgView) -> Vec<Document> {
    let mut by_year: BTreeMap<i32, Vec<&Case>> = BTreeMap::new();
    for case in &repo.cases {
        by_year
            .entry(case.data.intake.date.year())
            .or_default()
            .push(&case.data);
    }
    let last_year = by_year.keys().next_back().copied();
    by_year
        .into_iter()
        .map(|(year, cases)| {
            // A journal is finished once entries of a later year exist; the current one is open.
            let finished = Some(year) < last_year;
            let until = latest(&cases).unwrap_or_else(|| year_end(year));
            journal(org, year, cases, finished, until)
        })
        .collect()
}

/// The journal of `until`'s year as it stood on that day: entries received by then, closures
/// made by then — what a quarterly pack hands over.
pub fn journal_until(repo: &Repository, org: &OrgView, until: Date) -> Option<Document> {
    let year = until.year();
    let cases: Vec<&Case> = repo
        .cases
        .iter()
        .map(|c| &c.data)
        .filter(|c| c.intake.date.year() == year && c.intake.date <= until)
        .collect();
    if cases.is_empty() {
        return None;
    }
    let mut doc = journal(org, year, cases, until == year_end(year), until);
    doc.path = format!("журнал/журнал-{year}-на-{until}").into();
    doc.ident = format!("kurator/journal/{year}/{until}");
    doc.title = format!(
        "Журнал первичного учёта семей за {year} год (на {})",
        date_short(until)
    );
    Some(doc)
}

fn year_end(year: i32) -> Date {
    Date::from_ymd(year, 12, 31).expect("31 December exists")
}

/// The latest date the journal's entries mention.
fn latest(cases: &[&Case]) -> Option<Date> {
    cases
        .iter()
        .flat_map(|c| [Some(c.intake.date), c.closure.as_ref().map(|x| x.date)])
        .flatten()
        .max()
}

fn journal(
    org: &OrgView,
    year: i32,
    mut cases: Vec<&Case>,
    finished: bool,
    until: Date,
) -> Document {
    cases.sort_by(|a, b| (a.intake.date, &a.number).cmp(&(b.intake.date, &b.number)));
    let first = cases.first().map(|c| c.intake.date);
    let view = JournalView {
        org,
        title: "Журнал первичного учёта семей, нуждающихся в социальном сопровождении",
        year,
        started: first.map(date_long).unwrap_or_default(),
        finished: if finished {
            date_long(year_end(year))
        } else {
            String::new()
        },
        rows: cases
            .iter()
            .enumerate()
            .map(|(i, c)| row(i + 1, c, until))
            .collect(),
    };
    Document {
        kind: Kind::Journal,
        sources: super::sources(&super::JOURNAL_SOURCES),
        path: format!("журнал/журнал-{year}").into(),
        ident: format!("kurator/journal/{year}"),
        title: format!("Журнал первичного учёта семей за {year} год"),
        date: cases
            .iter()
            .map(|c| c.intake.date)
            .max()
            .unwrap_or_else(|| year_end(year)),
        case: None,
        data: to_json(&view),
    }
}
