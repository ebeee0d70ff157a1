//! Показатели эффективности за квартал и за год (Положение о кураторе семьи, п. 6; social
//! effect as the Krasnoyarsk practice counts it, seed 002), with charts drawn as SVG, and the
//! same figures as the HTML dashboard. The text is `templates/indicators.txt`; its tables and
//! charts are made from the view with the body.

use serde::Serialize;
use serde_json::Value;

use super::figure_rows::{self, MovementColumn};
use super::tables::{self, From::At, From::Field, column};
use super::{Document, Kind, OrgView, to_json};
use crate::body::Block;
use crate::body::table::{Align, Layout, Span};
use crate::calendar::Calendar;
use crate::indicators::{
    CRITERIA_SHORT, Figures, Share, SocialEffect, change_percent, change_text, percent_text,
    share_text,
};
use crate::load::Repository;
use crate::model::ClosureGround;
use crate::render::svg::{self, Bar, Series};

#[derive(Serialize)]
struct IndicatorsView<'a> {
    org: &'a OrgView,
    period: String,
    previous: String,
    social: Vec<SocialRow>,
    effect: Vec<EffectRow>,
    effect_note: &'static str,
    children: Vec<[String; 2]>,
    general: String,
    criteria_summary: String,
    criteria: Vec<[String; 5]>,
    indirect: Vec<[String; 2]>,
    charts: Vec<String>,
}

/// A movement figure against the previous period.
#[derive(Serialize)]
struct SocialRow {
    label: String,
    current: u32,
    previous: u32,
    change: String,
}

/// A social-effect figure of seed 002 with its base, against the previous period.
#[derive(Serialize)]
struct EffectRow {
    label: String,
    current: u32,
    current_base: String,
    current_share: String,
    previous: u32,
    previous_base: String,
    previous_share: String,
    change: String,
}

/// The tables, the charts and the director's signature, from the view (an anonymised one
/// too): `@insert social_table` … `@insert signatures`.
///
/// Widths are the old template's millimetres of the 180 mm between the margins.
pub(super) fn components(view: &mut Value) {
    let text = |key: &str| view[key].as_str().unwrap_or_default().to_owned();
    let (period, previous) = (text("period"), text("previous"));
    let labelled = Layout {
        labelled: true,
        ..Layout::default()
    };
    let social = [
        column("Показатель", Field("label"), 90, Align::Left),
        column(&period, Field("current"), 32, Align::Center),
        column(&previous, Field("previous"), 32, Align::Center),
        column("Изменение", Field("change"), 26, Align::Center),
    ];
    let social = tables::from_view(view, "social", &social, labelled.clone());
    tables::put(view, "social_table", social);
    // «Число / База / Доля» under each period, «Показатель» and «Изменение» down both rows.
    let effect = [
        column("", Field("label"), 64, Align::Left),
        column("Число", Field("current"), 15, Align::Center),
        column("База", Field("current_base"), 15, Align::Center),
        column("Доля", Field("current_share"), 16, Align::Center),
        column("Число", Field("previous"), 15, Align::Center),
        column("База", Field("previous_base"), 15, Align::Center),
        column("Доля", Field("previous_share"), 16, Align::Center),
        column("", Field("change"), 24, Align::Center),
    ];
    let mut effect = tables::from_view(view, "effect", &effect, labelled.clone());
    if let Block::Table { header, layout, .. } = &mut effect {
        // The first and last columns' headings are the spans above.
        header.retain(|h| !h.is_empty());
        layout.groups = vec![vec![
            Span::down("Показатель", 2),
            Span::across(period.clone(), 3),
            Span::across(previous, 3),
            Span::down("Изменение", 2),
        ]];
    }
    tables::put(view, "effect_table", effect);
    let children = [
        column("Показатель", At(0), 118, Align::Left),
        column(&period, At(1), 32, Align::Center),
    ];
    let narrow = Layout {
        narrow: true,
        ..labelled.clone()
    };
    let children = tables::from_view(view, "children", &children, narrow);
    tables::put(view, "children_table", children);
    let criteria = [
        column("Критерий", At(0), 76, Align::Left),
        column("Улучшение", At(1), 26, Align::Center),
        column("Без изменений", At(2), 26, Align::Center),
        column("Ухудшение", At(3), 26, Align::Center),
        column("Доля с улучшением", At(4), 26, Align::Center),
    ];
    let criteria = tables::from_view(view, "criteria", &criteria, labelled.clone());
    tables::put(view, "criteria_table", criteria);
    let indirect = [
        column("Критерий", At(0), 140, Align::Left),
        column("Выполнено в срок", At(1), 40, Align::Center),
    ];
    let indirect = tables::from_view(view, "indirect", &indirect, labelled);
    tables::put(view, "indirect_table", indirect);
    let charts: Vec<Block> = view["charts"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(|svg| Block::Chart {
            svg: svg.to_owned(),
        })
        .collect();
    view["chart_blocks"] = serde_json::to_value(charts).expect("blocks serialise");
    tables::put_signature(view, "/org/director_position", "/org/director_signature");
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

/// The quarters among the figures, in order.
fn quarterly(figures: &[Figures]) -> Vec<&Figures> {
    let mut quarters: Vec<&Figures> = figures
        .iter()
        .filter(|f| f.period().quarter.is_some())
        .collect();
    quarters.sort_by_key(|f| f.period());
    quarters
}

/// One indicators document per period of `figures` (every quarter and year the data spans).
pub fn period_indicators(
    repo: &Repository,
    calendar: &Calendar,
    org: &OrgView,
    figures: &[Figures],
) -> Vec<Document> {
    let quarters = quarterly(figures);
    figures
        .iter()
        .filter_map(|current| {
            let period = current.period();
            let previous = match figures.iter().find(|f| f.period() == period.previous()) {
                Some(previous) => previous.clone(),
                // Before the data: counted all the same (a family open since before it).
                None => Figures::compute(repo, calendar, period.previous()).ok()?,
            };
            Some(document(org, current, &previous, &quarters))
        })
        .collect()
}

fn document(org: &OrgView, f: &Figures, previous: &Figures, quarters: &[&Figures]) -> Document {
    let period = f.period();
    let trend: Vec<&Figures> = quarters.iter().copied().filter(|q| q.to <= f.to).collect();
    let trend = &trend[trend.len().saturating_sub(8)..];
    let view = IndicatorsView {
        org,
        period: period.label(),
        previous: previous.period().label(),
        social: social_rows(f, previous),
        effect: effect_rows(&f.social_effect, &previous.social_effect),
        effect_note: EFFECT_NOTE,
        children: figure_rows::children(&f.children)
            .into_iter()
            .map(|(label, n)| [label, n.to_string()])
            .collect(),
        general: share_text(f.positive_dynamics),
        criteria_summary: format!(
            "Семей на сопровождении в периоде: {}; обследованы в периоде и сравнены с \
             предыдущим обследованием: {}; обследованы впервые: {}; не обследованы в периоде: {}.",
            f.criteria.families,
            f.criteria.compared,
            f.criteria.first_inspection,
            f.criteria.not_inspected
        ),
        criteria: f
            .criteria
            .items
            .iter()
            .map(|c| {
                [
                    c.name.clone(),
                    c.improved.to_string(),
                    c.unchanged.to_string(),
                    c.worse.to_string(),
                    percent_text(c.improved_share().percent()),
                ]
            })
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

/// The movement beside the previous period, in the order in which the rows add up: start +
/// opened − closed = end, closed in total and by every ground either period has (improvement
/// and loss of parental rights always: seed 002 compares them year over year).
fn social_rows(f: &Figures, p: &Figures) -> Vec<SocialRow> {
    let always = [
        ClosureGround::Improvement,
        ClosureGround::LossOfParentalRights,
    ];
    figure_rows::movement(
        &[
            MovementColumn::centre(&f.movement),
            MovementColumn::centre(&p.movement),
        ],
        &always,
    )
    .into_iter()
    .map(|(label, values)| SocialRow {
        label,
        current: values[0],
        previous: values[1],
        change: change_text(change_percent(values[0], values[1])),
    })
    .collect()
}

/// What the bases of the social effect are (seed 002 divides children returned by the children
/// leaving institutions, which the case files do not record).
const EFFECT_NOTE: &str = "База снятых — семьи на сопровождении в периоде (на начало и взятые); \
     база возвращённых детей — несовершеннолетние в этих семьях.";

/// The social effect of seed 002, each figure with its base and share, beside the previous
/// period. The change of a share is in percentage points (18,8 % against 9,1 % is «+9,7 п. п.»,
/// not the «+200 %» of the counts beside it); a figure without a base changes in per cent, as
/// seed 002 compares them («на 5,2 % больше»).
fn effect_rows(f: &SocialEffect, p: &SocialEffect) -> Vec<EffectRow> {
    let row = |label: &str, current: Option<Share>, previous: Option<Share>, n: [u32; 2]| {
        let base = |s: Option<Share>| s.map_or("—".to_owned(), |s| s.of.to_string());
        let share = |s: Option<Share>| percent_text(s.and_then(Share::percent));
        EffectRow {
            label: label.to_owned(),
            current: n[0],
            current_base: base(current),
            current_share: share(current),
            previous: n[1],
            previous_base: base(previous),
            previous_share: share(previous),
            change: match (
                current.and_then(Share::percent),
                previous.and_then(Share::percent),
            ) {
                (Some(a), Some(b)) => points_text(a - b),
                _ => change_text(change_percent(n[0], n[1])),
            },
        }
    };
    let shared = |label: &str, get: fn(&SocialEffect) -> Share| {
        let (a, b) = (get(f), get(p));
        row(label, Some(a), Some(b), [a.done, b.done])
    };
    vec![
        row(
            "Семей на сопровождении в периоде (на начало и взятых)",
            None,
            None,
            [f.families, p.families],
        ),
        shared(
            "Снято в связи с улучшением ситуации в семье",
            |e| e.closed_improvement,
        ),
        shared(
            "Снято в связи с лишением родительских прав",
            |e| e.closed_loss_of_parental_rights,
        ),
        shared("Детей возвращено в родные семьи", |e| e.children_returned),
    ]
}

/// The indirect criteria (п. 6.2.1) and caseload (п. 1.8) as shares.
fn indirect(f: &Figures) -> [(&'static str, Share); 5] {
    let t = &f.timeliness;
    [
        (
            "Проект программы в течение 10 рабочих дней",
            t.programme_on_time,
        ),
        (
            "Программа направлена в течение 3 рабочих дней",
            t.sent_on_time,
        ),
        ("Ежемесячный патронаж проведён", t.visits_kept),
        ("Консилиум по семье проведён в квартале", t.consilium_held),
        (
            "Нагрузка кураторов в пределах нормы каждый день",
            t.caseload_within,
        ),
    ]
}

fn share_bar(label: &str, share: Share) -> Bar {
    Bar {
        label: label.to_owned(),
        value: share.percent(),
        note: format!("({} из {})", share.done, share.of),
    }
}

fn charts(f: &Figures, trend: &[&Figures]) -> Vec<String> {
    let criteria: Vec<Bar> = CRITERIA_SHORT
        .iter()
        .zip(&f.criteria.items)
        .map(|(name, c)| share_bar(name, c.improved_share()))
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

fn trend_chart(trend: &[&Figures]) -> String {
    let labels: Vec<String> = trend.iter().map(|f| f.period().short_label()).collect();
    let series = |name: &str, value: fn(&Figures) -> u32| Series {
        name: name.to_owned(),
        values: trend.iter().map(|f| Some(f64::from(value(f)))).collect(),
    };
    svg::lines(
        "Семьи на сопровождении по кварталам",
        &labels,
        &[
            series("на конец квартала", |f| f.movement.end),
            series("взято", |f| f.movement.opened),
            series("снято", |f| f.movement.closed_total),
        ],
    )
}

/// The dashboard of the HTML site: every quarter, and the charts of the latest one.
pub fn dashboard(repo: &Repository) -> Dashboard {
    let figures = crate::indicators::all_figures(repo, &repo.calendar());
    let quarters = quarterly(&figures);
    let rows = quarters
        .iter()
        .map(|f| {
            let id = &f.period;
            DashboardRow {
                period: f.period().label(),
                link: format!("отчёты/{id}/показатели-{id}.html"),
                at_end: f.movement.end,
                opened: f.movement.opened,
                closed: f.movement.closed_total,
                positive: percent_text(f.positive_dynamics.percent()),
                visits: percent_text(f.timeliness.visits_kept.percent()),
                consilium: percent_text(f.timeliness.consilium_held.percent()),
                caseload: percent_text(f.timeliness.caseload_within.percent()),
            }
        })
        .collect();
    let charts = match quarters.last() {
        Some(latest) => charts(latest, &quarters[quarters.len().saturating_sub(12)..]),
        None => Vec::new(),
    };
    Dashboard {
        rows,
        charts,
        latest: quarters
            .last()
            .map(|f| f.period().label())
            .unwrap_or_default(),
    }
}

/// A change of a share in percentage points: «+9,7 п. п.», «−9,1 п. п.», «0 п. п.».
fn points_text(points: f64) -> String {
    let text = format!("{:.1}", points.abs()).replace('.', ",");
    let text = text.strip_suffix(",0").unwrap_or(&text).to_owned();
    match points {
        p if p >= 0.05 => format!("+{text} п. п."),
        p if p <= -0.05 => format!("−{text} п. п."),
        _ => "0 п. п.".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_share_changes_in_percentage_points() {
        let (now, before) = (3.0 * 100.0 / 16.0, 100.0 / 11.0);
        assert_eq!(super::points_text(now - before), "+9,7 п. п.");
        assert_eq!(super::points_text(0.0 - before), "−9,1 п. п.");
        assert_eq!(super::points_text(0.0), "0 п. п.");
    }
}
