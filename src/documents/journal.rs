//! Журнал первичного учёта семей, нуждающихся в социальном сопровождении: one per calendar
//! year (Положение о кураторе семьи, п. 1.5.1, Приложение № 1), with the columns real
//! journals keep. The text is `templates/journal.txt`; the register is one table of the body.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::application::DATE_BY_HAND;
use super::{Document, Kind, OrgView, date_long, date_short, to_json};
use crate::body::Block;
use crate::body::table::{Align, Layout};
use crate::load::Repository;
use crate::model::{Case, Date};

#[derive(Serialize)]
struct JournalView<'a> {
    org: &'a OrgView,
    /// The register names families and their circumstances: personal data.
    mark: &'a str,
    year: i32,
    /// The date of the first entry, or a line to write it by hand.
    started: String,
    /// 31 December once a later year's journal exists, else a line to write it by hand.
    finished: String,
    /// The entries; the register's table is made from them when the body is (`components`),
    /// after an anonymised pack has reduced them.
    rows: Vec<Row>,
}

/// The journal's columns, as the paper one has them (Положение о кураторе семьи,
/// Приложение № 1; notes/domain.md), with their relative widths on a landscape sheet (mm of
/// the 267 mm between the margins) and where their text sits.
const COLUMNS: [(&str, u16, Align); 12] = [
    ("№\nп/п", 9, Align::Center),
    ("Дата поступления, постановки на учёт", 19, Align::Center),
    ("Источник информации", 22, Align::Left),
    ("Семья (заявитель)", 22, Align::Left),
    ("Состав семьи", 38, Align::Left),
    ("Обстоятельства нуждаемости", 38, Align::Left),
    ("Категория", 17, Align::Center),
    ("Куратор", 21, Align::Left),
    ("№ и дата договора", 20, Align::Left),
    ("Уровень сопровождения, дата перевода", 24, Align::Left),
    ("Результат", 20, Align::Left),
    ("Дата снятия", 17, Align::Center),
];

/// The register's table from the view's entries, put in as `entries` (`@insert entries`):
/// headings, a row of column numbers, rows kept whole; on the site an entry's number leads to
/// its case page.
pub(super) fn components(view: &mut Value) {
    // The view's own rows, which an anonymised pack keeps in shape.
    let rows: Vec<Row> =
        serde_json::from_value(view["rows"].clone()).expect("a journal's view has its rows");
    let table = Block::Table {
        header: COLUMNS.iter().map(|c| c.0.to_owned()).collect(),
        rows: rows.iter().map(Row::cells).collect(),
        layout: Layout {
            widths: COLUMNS.iter().map(|c| c.1).collect(),
            align: COLUMNS.iter().map(|c| c.2).collect(),
            numbered: true,
            small: true,
            links: rows
                .iter()
                .map(|r| format!("cases/{}/index.html", r.case))
                .collect(),
            ..Layout::default()
        },
    };
    super::tables::put(view, "entries", table);
}

#[derive(Serialize, Deserialize)]
struct Row {
    number: usize,
    case: String,
    intake: String,
    /// Date of registration (постановка на учёт), if recorded.
    registered: String,
    source: String,
    family: String,
    members: String,
    circumstances: String,
    category: String,
    /// Every curator of the family, each from the day they took it.
    curators: Vec<Since>,
    agreement: String,
    /// The level of support and each change of it, with its date.
    levels: Vec<Since>,
    result: String,
    closed: String,
}

/// A name (a curator, a level) and the day it applies from.
#[derive(Serialize, Deserialize)]
struct Since {
    name: String,
    since: String,
}

impl Row {
    /// The row's cells in the columns' order, a line each for what the paper journal writes
    /// one under another.
    fn cells(&self) -> Vec<String> {
        let lines = |items: Vec<String>| items.join("\n");
        let since = |list: &[Since]| {
            lines(
                list.iter()
                    .map(|s| format!("{} с {}", s.name, s.since))
                    .collect(),
            )
        };
        let mut intake = vec![self.intake.clone()];
        if !self.registered.is_empty() {
            intake.push(format!("на учёт {}", self.registered));
        }
        vec![
            self.number.to_string(),
            lines(intake),
            self.source.clone(),
            lines(vec![self.family.clone(), format!("случай № {}", self.case)]),
            // Members are «; »-separated in the view (an anonymised one too): one a line.
            self.members.replace("; ", "\n"),
            self.circumstances.clone(),
            self.category.clone(),
            since(&self.curators),
            self.agreement.clone(),
            since(&self.levels),
            self.result.clone(),
            self.closed.clone(),
        ]
    }
}

/// The curators of a case up to `until`: the first from the day the case arrived, then each
/// replacement from its date (Положение о кураторе случая, п. 1.9).
fn curators(case: &Case, until: Date) -> Vec<Since> {
    let mut changes: Vec<_> = case
        .curator_changes
        .iter()
        .filter(|c| c.date <= until)
        .collect();
    changes.sort_by_key(|c| c.date);
    let first = Since {
        name: crate::rules::curator_on(case, case.intake.date).to_owned(),
        since: date_short(case.intake.date),
    };
    let later = changes.iter().map(|c| Since {
        name: crate::rules::curator_on(case, c.date).to_owned(),
        since: date_short(c.date),
    });
    std::iter::once(first).chain(later).collect()
}

/// The level set at registration, then each consilium decision that changed it, up to
/// `until` (Положение о социальном сопровождении семей с детьми, п. 6.4).
fn levels(case: &Case, until: Date) -> Vec<Since> {
    let start = case.intake.registered.unwrap_or(case.intake.date);
    let mut levels: Vec<Since> = Vec::new();
    let mut current = case.level.clone();
    if let Some(level) = &current {
        levels.push(Since {
            name: level.clone(),
            since: date_short(start),
        });
    }
    let mut decisions: Vec<_> = case
        .consilium
        .iter()
        .filter(|d| d.meeting <= until)
        .collect();
    decisions.sort_by_key(|d| d.meeting);
    for d in decisions {
        if d.level.is_some() && d.level != current {
            current = d.level.clone();
            levels.push(Since {
                name: d.level.clone().unwrap_or_default(),
                since: date_short(d.meeting),
            });
        }
    }
    levels
}

/// A row as the journal stood on `until`: a later closure is not yet written in.
fn row(number: usize, case: &Case, until: Date) -> Row {
    let closure = case.closure.as_ref().filter(|c| c.date <= until);
    let applicant = super::applicant(case);
    Row {
        number,
        case: case.number.clone(),
        intake: date_short(case.intake.date),
        registered: case
            .intake
            .registered
            .filter(|d| *d <= until)
            .map(date_short)
            .unwrap_or_default(),
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
        curators: curators(case, until),
        agreement: case
            .agreement
            .as_ref()
            .map(|a| format!("№ {} от {}", a.number, date_short(a.date)))
            .unwrap_or_default(),
        levels: levels(case, until),
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

/// The latest date the journal's entries mention: intake, registration, curator and level
/// changes, closure — the latest record of any of its cases.
fn latest(cases: &[&Case]) -> Option<Date> {
    cases.iter().map(|c| super::latest_date(c)).max()
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
        mark: &org.confidential,
        year,
        started: first.map_or_else(|| DATE_BY_HAND.to_owned(), date_long),
        finished: match finished {
            true => date_long(year_end(year)),
            false => DATE_BY_HAND.to_owned(),
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
