//! Показатели эффективности за квартал и за год (Положение о кураторе семьи, п. 6; social
//! effect as the Krasnoyarsk practice counts it, seed 002), with charts drawn as SVG, and the
//! same figures as the HTML dashboard.

use serde::Serialize;

use super::{Document, Kind, OrgView, to_json};
use crate::calendar::Calendar;
use crate::indicators::{
    CRITERIA, CRITERIA_SHORT, Period, PeriodFigures, Scope, change_percent, change_text,
    percent_text, period_figures, quarters_of, share_text,
};
use crate::load::Repository;
use crate::model::ClosureGround;
use crate::render::svg::{self, Bar, Series};

#[derive(Serialize)]
struct IndicatorsView<'a> {
    org: &'a OrgView,
    title: String,
    period: String,
    previous: String,
    social: Vec<SocialRow>,
    general: String,
    criteria: Vec<[String; 2]>,
    indirect: Vec<[String; 2]>,
    charts: Vec<String>,
}

/// A social-effect figure against the previous period.
#[derive(Serialize)]
struct SocialRow {
    label: String,
    current: u32,
    previous: u32,
    change: String,
}

/// The dashboard: every quarter in a table, charts of the latest period.
#[derive(Serialize)]
pub struct Dashboard {
    /// One row per quarter.
    rows: Vec<DashboardRow>,
    /// Trend and latest-quarter charts, SVG.
    charts: Vec<String>,
    /// The latest quarter's label.
    latest: String,
}

#[derive(Serialize)]
struct DashboardRow {
    period: String,
    link: String,
    at_end: u32,
    opened: u32,
    closed: u32,
    positive: String,
    visits: String,
    consilium: String,
    caseload: String,
}

/// The figures of every quarter the data spans, in order.
fn quarterly(repo: &Repository, calendar: &Calendar) -> Vec<PeriodFigures> {
    quarters_of(repo)
        .into_iter()
        .filter_map(|q| period_figures(repo, calendar, q, Scope::Centre).ok())
        .collect()
}

/// One indicators document per quarter and per year the data spans.
pub fn period_indicators(repo: &Repository, calendar: &Calendar, org: &OrgView) -> Vec<Document> {
    let quarters = quarterly(repo, calendar);
    let mut years: Vec<Period> = quarters
        .iter()
        .map(|f| Period::year(f.period.year))
        .collect();
    years.dedup();
    quarters
        .iter()
        .map(|f| f.period)
        .chain(years)
        .filter_map(|period| {
            let current = period_figures(repo, calendar, period, Scope::Centre).ok()?;
            let previous = period_figures(repo, calendar, period.previous(), Scope::Centre).ok()?;
            Some(document(org, &current, &previous, &quarters))
        })
        .collect()
}

fn document(
    org: &OrgView,
    f: &PeriodFigures,
    previous: &PeriodFigures,
    quarters: &[PeriodFigures],
) -> Document {
    let period = f.period;
    let social = social_rows(f, previous);
    let trend: Vec<&PeriodFigures> = quarters
        .iter()
        .filter(|q| q.period.end() <= period.end())
        .collect();
    let trend = &trend[trend.len().saturating_sub(8)..];
    let view = IndicatorsView {
        org,
        title: format!(
            "Показатели эффективности социального сопровождения семей за {}",
            period.label()
        ),
        period: period.label(),
        previous: previous.period.label(),
        social,
        general: share_text(f.positive_dynamics),
        criteria: CRITERIA
            .iter()
            .zip(&f.criteria)
            .map(|(name, share)| [name.to_string(), share_text(*share)])
            .collect(),
        indirect: indirect(f)
            .into_iter()
            .map(|(name, share)| [name.to_owned(), share_text(share)])
            .collect(),
        charts: charts(f, trend),
    };
    let id = period.id();
    Document {
        kind: Kind::Indicators,
        sources: super::sources(&super::REPORT_SOURCES),
        path: format!("отчёты/{id}/показатели-{id}").into(),
        ident: format!("kurator/indicators/{id}"),
        title: format!("Показатели эффективности за {}", period.label()),
        date: period.end(),
        case: None,
        data: to_json(&view),
    }
}

/// The social effect (seed 002) beside the previous period, in the order in which the rows add
/// up: start + opened − closed = end, closed in total and by every ground either period has
/// (improvement and loss of parental rights always: seed 002 compares them year over year).
fn social_rows(f: &PeriodFigures, p: &PeriodFigures) -> Vec<SocialRow> {
    let row = |label: String, current: u32, previous: u32| SocialRow {
        label,
        current,
        previous,
        change: change_text(change_percent(current, previous)),
    };
    let mut grounds: Vec<ClosureGround> = f
        .closed_by_ground
        .iter()
        .chain(&p.closed_by_ground)
        .filter_map(|(g, _)| *g)
        .chain([
            ClosureGround::Improvement,
            ClosureGround::LossOfParentalRights,
        ])
        .collect();
    grounds.sort();
    grounds.dedup();
    let mut rows = vec![
        row(
            "Семей на сопровождении на начало периода".to_owned(),
            f.at_start,
            p.at_start,
        ),
        row("Взято на сопровождение".to_owned(), f.opened, p.opened),
        row(
            "Снято с сопровождения, всего".to_owned(),
            f.closed,
            p.closed,
        ),
    ];
    for ground in grounds {
        rows.push(row(
            format!("   в том числе: {}", super::ground_label(Some(ground))),
            f.closed_for(ground),
            p.closed_for(ground),
        ));
    }
    rows.push(row(
        "Семей на сопровождении на конец периода".to_owned(),
        f.at_end,
        p.at_end,
    ));
    rows.push(row(
        "Детей возвращено в родные семьи".to_owned(),
        f.children_returned,
        p.children_returned,
    ));
    rows
}

/// The indirect criteria (п. 6.2.1) and caseload (п. 1.8) as shares.
fn indirect(f: &PeriodFigures) -> [(&'static str, crate::indicators::Share); 5] {
    [
        (
            "Проект программы в течение 10 рабочих дней",
            f.programme_on_time,
        ),
        (
            "Программа направлена в течение 3 рабочих дней",
            f.sent_on_time,
        ),
        ("Ежемесячный патронаж проведён", f.visits_kept),
        ("Консилиум по семье проведён в квартале", f.consilium_held),
        (
            "Нагрузка кураторов в пределах нормы каждый день",
            f.caseload_within,
        ),
    ]
}

fn share_bar(label: &str, share: crate::indicators::Share) -> Bar {
    Bar {
        label: label.to_owned(),
        value: share.percent(),
        note: format!("({} из {})", share.done, share.of),
    }
}

fn charts(f: &PeriodFigures, trend: &[&PeriodFigures]) -> Vec<String> {
    let criteria: Vec<Bar> = CRITERIA_SHORT
        .iter()
        .zip(&f.criteria)
        .map(|(name, share)| share_bar(name, *share))
        .collect();
    let indirect: Vec<Bar> = indirect(f)
        .iter()
        .map(|(name, share)| share_bar(short(name), *share))
        .collect();
    vec![
        svg::bars("Улучшение по частным критериям, доля семей", &criteria),
        svg::bars("Косвенные критерии и нагрузка кураторов", &indirect),
        trend_chart(trend),
    ]
}

fn short(name: &str) -> &str {
    match name {
        "Проект программы в течение 10 рабочих дней" => {
            "Проект программы (10 р. д.)"
        }
        "Программа направлена в течение 3 рабочих дней" => {
            "Направление (3 р. д.)"
        }
        "Ежемесячный патронаж проведён" => "Патронаж ежемесячно",
        "Консилиум по семье проведён в квартале" => {
            "Консилиум ежеквартально"
        }
        "Нагрузка кураторов в пределах нормы каждый день" => {
            "Нагрузка в норме"
        }
        other => other,
    }
}

fn trend_chart(trend: &[&PeriodFigures]) -> String {
    let labels: Vec<String> = trend.iter().map(|f| f.period.short_label()).collect();
    let series = |name: &str, value: fn(&PeriodFigures) -> u32| Series {
        name: name.to_owned(),
        values: trend.iter().map(|f| Some(f64::from(value(f)))).collect(),
    };
    svg::lines(
        "Семьи на сопровождении по кварталам",
        &labels,
        &[
            series("на конец квартала", |f| f.at_end),
            series("взято", |f| f.opened),
            series("снято", |f| f.closed),
        ],
    )
}

/// The dashboard of the HTML site: every quarter, and the charts of the latest one.
pub fn dashboard(repo: &Repository) -> Dashboard {
    let quarters = quarterly(repo, &repo.calendar());
    let rows = quarters
        .iter()
        .map(|f| {
            let id = f.period.id();
            DashboardRow {
                period: f.period.label(),
                link: format!("отчёты/{id}/показатели-{id}.html"),
                at_end: f.at_end,
                opened: f.opened,
                closed: f.closed,
                positive: percent_text(f.positive_dynamics.percent()),
                visits: percent_text(f.visits_kept.percent()),
                consilium: percent_text(f.consilium_held.percent()),
                caseload: percent_text(f.caseload_within.percent()),
            }
        })
        .collect();
    let trend: Vec<&PeriodFigures> = quarters.iter().collect();
    let charts = match quarters.last() {
        Some(latest) => charts(latest, &trend[trend.len().saturating_sub(12)..]),
        None => Vec::new(),
    };
    Dashboard {
        rows,
        charts,
        latest: quarters
            .last()
            .map(|f| f.period.label())
            .unwrap_or_default(),
    }
}
