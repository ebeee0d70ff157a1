//! The curators' desk: for each curator, the families they hold on the as-of date and the work
//! those families owe — overdue, due within 7 and within 30 days — their caseload against the
//! limits, and the calendar events of their deadlines ([`ics`]).
//!
//! Nothing here decides what is late: the lists are the compliance engine's findings
//! (`rules::findings_within`), filtered by curator exactly as `kurator check --curator` filters
//! them, so the desk page, `check` and the calendars cannot disagree. The curator of a family is
//! the one responsible on the as-of date (`rules::curator_on`): a replacement moves the family
//! to the new curator's desk on the day of the change.

pub mod ics;

use std::collections::BTreeMap;

use chrono::{Datelike, Days};

use crate::load::Repository;
use crate::model::{Case, Date, MONTHS};
use crate::rules::{self, Caseload, Finding, Status};

/// How far ahead the desk lists work («в ближайшие 30 дней»).
pub const AHEAD_DAYS: i64 = 30;

/// How far ahead the calendars carry events: a quarter, so the next consilium quarter, three
/// visit months, and stage ends and agreement expiries three months before they come. A
/// subscribed calendar reloads and moves the horizon forward by itself.
pub const CALENDAR_DAYS: i64 = 92;

/// The agenda the desk pages and the calendars are made from: every open item of the engine
/// up to [`CALENDAR_DAYS`] ahead, as `kurator check --within 92` lists it.
pub fn agenda(repo: &Repository, as_of: Date) -> Vec<Finding> {
    // A missing calendar year is a data error reported (and stopping the build) elsewhere.
    let (findings, _) = rules::findings_within(repo, &repo.calendar(), as_of, CALENDAR_DAYS);
    rules::agenda(repo, findings, as_of, false)
}

/// Where an item of a curator's agenda goes on the desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shelf {
    /// Past its deadline, still to do.
    Overdue,
    /// A violation of a period gone by (a visit missed last month): for the record.
    Past,
    /// Due within [`rules::DUE_SOON_DAYS`].
    Week,
    /// Due within [`AHEAD_DAYS`].
    Month,
    /// Caseload over the limit (no deadline).
    Load,
    /// Further ahead: only in the calendars.
    Later,
}

/// The shelf of an agenda item on `as_of`.
pub fn shelf(f: &Finding, as_of: Date) -> Shelf {
    match f.status {
        Status::Overdue if f.is_past() => Shelf::Past,
        Status::Overdue => Shelf::Overdue,
        Status::DueSoon => Shelf::Week,
        Status::OverLimit => Shelf::Load,
        Status::Upcoming if f.due.is_some_and(|d| days_to(as_of, d) <= AHEAD_DAYS) => Shelf::Month,
        // Further ahead, and what the agenda never holds (done late, too short).
        _ => Shelf::Later,
    }
}

/// The curators a desk is made for: those of kurator.yaml, in its order, then anyone else who
/// holds a family on the date (a name kurator.yaml lacks is a data error, but the page still
/// shows who holds the family).
pub fn curators(repo: &Repository, as_of: Date) -> Vec<String> {
    let mut names: Vec<String> = repo
        .config
        .iter()
        .flat_map(|c| c.data.curators.iter().map(|p| p.name.clone()))
        .collect();
    for case in &repo.cases {
        if rules::is_open(&case.data, as_of) {
            let name = rules::curator_on(&case.data, as_of);
            if !names.iter().any(|n| n == name) {
                names.push(name.to_owned());
            }
        }
    }
    names
}

/// The families a curator holds on a date, by case number.
pub fn families<'a>(repo: &'a Repository, curator: &str, as_of: Date) -> Vec<&'a Case> {
    let mut cases: Vec<&Case> = repo
        .cases
        .iter()
        .map(|c| &c.data)
        .filter(|c| rules::is_open(c, as_of) && rules::curator_on(c, as_of) == curator)
        .collect();
    cases.sort_by(|a, b| a.number.cmp(&b.number));
    cases
}

/// The level of support on a date: the one set at registration, then each consilium decision
/// that set one (Положение о социальном сопровождении семей с детьми, п. 6.4).
pub fn level_on(case: &Case, date: Date) -> Option<&str> {
    let mut decisions: Vec<_> = case
        .consilium
        .iter()
        .filter(|d| d.meeting <= date && d.level.is_some())
        .collect();
    decisions.sort_by_key(|d| d.meeting);
    decisions
        .last()
        .and_then(|d| d.level.as_deref())
        .or(case.level.as_deref())
}

/// The stage a case is at on a date: the last one started by then.
pub fn stage_on(case: &Case, date: Date) -> Option<crate::model::Stage> {
    case.stages
        .started()
        .filter(|(_, d)| *d <= date)
        .max_by_key(|(_, d)| *d)
        .map(|(s, _)| s)
}

/// A curator's caseload on the as-of date and on every day of its quarter so far — judged on
/// every day, as the quarterly figures judge it (Положение о кураторе семьи, п. 1.8).
#[derive(Debug, Clone, Copy)]
pub struct Load {
    /// On the as-of date.
    pub today: Caseload,
    /// The highest share of a full load on a day of the quarter up to the as-of date.
    pub peak: f64,
    /// The first day that highest load was reached.
    pub peak_on: Date,
    /// Days of the quarter so far with the load over the limit.
    pub days_over: u32,
    /// The first day of the quarter.
    pub since: Date,
}

/// The caseload of every curator on `as_of` and over the quarter up to it: each day's
/// caseloads are counted once for all curators.
pub fn loads(repo: &Repository, as_of: Date) -> BTreeMap<String, Load> {
    let since = quarter_start(as_of).naive();
    let mut loads: BTreeMap<String, Load> = BTreeMap::new();
    let mut day = since;
    while day <= as_of.naive() {
        for (name, caseload) in rules::caseloads(repo, day.into()) {
            let load = loads.entry(name.to_owned()).or_insert(Load {
                today: Caseload::default(),
                peak: 0.0,
                peak_on: day.into(),
                days_over: 0,
                since: since.into(),
            });
            if caseload.load() > load.peak {
                load.peak = caseload.load();
                load.peak_on = day.into();
            }
            load.days_over += u32::from(caseload.over_limit());
            if day == as_of.naive() {
                load.today = caseload;
            }
        }
        day = day + Days::new(1);
    }
    loads
}

/// A curator's [`Load`] among [`loads`]: none at all when they held no family this quarter.
pub fn load_of(loads: &BTreeMap<String, Load>, curator: &str, as_of: Date) -> Load {
    loads.get(curator).copied().unwrap_or(Load {
        today: Caseload::default(),
        peak: 0.0,
        peak_on: quarter_start(as_of),
        days_over: 0,
        since: quarter_start(as_of),
    })
}

/// The first day of the quarter of a date.
fn quarter_start(date: Date) -> Date {
    let month = date.naive().month0() / 3 * 3 + 1;
    chrono::NaiveDate::from_ymd_opt(date.year(), month, 1)
        .expect("a quarter's first day exists")
        .into()
}

/// The Monday and Sunday of the week of a date: «this week» of the documents to sign.
pub fn week_of(date: Date) -> (Date, Date) {
    let monday = date.naive() - Days::new(u64::from(date.naive().weekday().num_days_from_monday()));
    (monday.into(), (monday + Days::new(6)).into())
}

/// What an item of the agenda is, in words that name no person: the calendars' summary when
/// the centre has not turned on details in kurator.yaml.
pub fn what(f: &Finding) -> String {
    let item = f.item.as_str();
    match f.rule {
        "working-group-informed" => "проинформировать рабочую группу о семье".to_owned(),
        "programme-draft" => "представить проект программы рабочей группе".to_owned(),
        "programme-approval" => "утвердить программу сопровождения".to_owned(),
        "programme-sent" => "направить утверждённую программу участникам".to_owned(),
        "monthly-visit" => match item.split_once('-') {
            Some((year, month)) => {
                let month = month.parse::<usize>().ok().and_then(|m| MONTHS.get(m - 1));
                format!("посещение семьи за {} {year}", month.unwrap_or(&""))
            }
            None => "посещение семьи".to_owned(),
        },
        "quarterly-consilium" => match item.split_once("-Q") {
            Some((year, quarter)) => format!("консилиум по семье за {quarter} квартал {year}"),
            None => "консилиум по семье".to_owned(),
        },
        "stage-length" => format!("окончание этапа «{item}»"),
        "measure-deadline" => match item.parse::<usize>() {
            Ok(n) => format!("срок мероприятия программы № {}", n + 1),
            Err(_) => "срок мероприятия программы".to_owned(),
        },
        "agreement-expiry" => "окончание срока договора".to_owned(),
        "consent-withdrawn" if item.is_empty() => {
            "прекратить обработку персональных данных (согласие отозвано)".to_owned()
        }
        "consent-withdrawn" => {
            "прекратить обработку данных члена семьи (его согласие отозвано)".to_owned()
        }
        "urgent-notice" => "срочное сообщение об угрозе ребёнку".to_owned(),
        rules::HANDOVER_RULE => "письмо о передаче случая".to_owned(),
        "caseload" => "нагрузка куратора".to_owned(),
        // A rule added later still reads as a deadline, and names itself for whoever adds it.
        other => format!("срок по правилу {other}"),
    }
}

/// Days from `as_of` to `due`.
pub fn days_to(as_of: Date, due: Date) -> i64 {
    (due.naive() - as_of.naive()).num_days()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn a_week_runs_monday_to_sunday() {
        assert_eq!(week_of(d("2025-06-30")), (d("2025-06-30"), d("2025-07-06")));
        assert_eq!(week_of(d("2025-07-06")), (d("2025-06-30"), d("2025-07-06")));
    }

    #[test]
    fn what_names_the_item_without_the_family() {
        let mut f = Finding {
            case: Some("2024-001".into()),
            rule: "monthly-visit",
            item: "2025-03".into(),
            clause: "",
            status: Status::Upcoming,
            due: Some(d("2025-03-31")),
            curator: String::new(),
            file: "cases/2024-001.yaml".into(),
            span: crate::load::yaml::Span::on_line(1, 1, 1),
            message: String::new(),
        };
        assert_eq!(what(&f), "посещение семьи за март 2025");
        f.rule = "quarterly-consilium";
        f.item = "2025-Q2".into();
        assert_eq!(what(&f), "консилиум по семье за 2 квартал 2025");
    }
}
