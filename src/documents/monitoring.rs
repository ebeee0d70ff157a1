//! Заключение по итогам итогового мониторинга: on the reflexive stage the curator, with the
//! centre's specialists and the bodies concerned, monitors the family's situation and the
//! effectiveness of support once the programme's term is over, to decide whether support goes on
//! or ends with recommendations to the family, and whether КДН и ЗП or опека must be told
//! (Положение о кураторе семьи, п. 1.5.4). One per case that records `итоговый_мониторинг:`. It
//! compares the private criteria (п. 6.1.2) of the first inspection with the last one before the
//! conclusion (п. 6.2: «сравнительный анализ актов обследования»), counts the programme's
//! measures and names the last consilium's dynamics. The curator signs it, the director
//! approves it. The text is `templates/monitoring.txt`.

use serde::Serialize;

use super::inspection::mark_label;
use super::{Document, Kind, OrgView, case_dir, date_short, dynamics_label, to_json};
use crate::body::Block;
use crate::grammar;
use crate::indicators::criteria_rows;
use crate::model::{Case, Config, Decision, FinalMonitoring, Inspection};

#[derive(Serialize)]
struct MonitoringView<'a> {
    org: &'a OrgView,
    mark: String,
    approval: Block,
    place_date: Block,
    family_of: String,
    case: Block,
    /// The curator and the others who took part, each with position.
    participants: Vec<String>,
    /// The criteria at the first and the last inspection, or none.
    criteria: Option<Block>,
    measures: usize,
    measures_done: usize,
    /// «положительная (заседание 26.09.2024)», or empty.
    dynamics: String,
    conclusions: String,
    /// What the curator proposes, as a sentence's end: «завершить социальное сопровождение семьи».
    proposal: &'static str,
    /// Whether the case goes to КДН и ЗП or опека (п. 1.5.4, 2).
    hand_over: bool,
    recommendations: String,
    signatures: Block,
}

/// The conclusion of a case that records its final monitoring.
pub fn final_monitoring(case: &Case, config: &Config, org: &OrgView) -> Option<Document> {
    let m = case.final_monitoring.as_ref()?;
    Some(conclusion(case, config, org, m))
}

fn conclusion(case: &Case, config: &Config, org: &OrgView, m: &FinalMonitoring) -> Document {
    let curator = crate::rules::curator_on(case, m.date).to_owned();
    let mut people = vec![curator.clone()];
    people.extend(m.participants.iter().filter(|p| **p != curator).cloned());
    let measures: Vec<&crate::model::Measure> = case
        .programme
        .iter()
        .flat_map(|p| &p.measures)
        .filter(|x| x.included.is_none_or(|d| d <= m.date))
        .filter(|x| x.excluded.is_none_or(|d| d > m.date))
        .collect();
    let last_decision = case.consilium.iter().rfind(|d| d.meeting <= m.date);
    let view = MonitoringView {
        org,
        mark: config.confidentiality_mark(),
        approval: super::approval(org, None),
        place_date: super::curator_order::place_date(org, m.date),
        family_of: grammar::family(&case.family.surname).genitive,
        case: super::interim::case_fields(case, &curator, m.date),
        participants: people
            .iter()
            .map(|p| super::staff_line(config, p))
            .collect(),
        criteria: criteria(case, m),
        measures: measures.len(),
        measures_done: measures
            .iter()
            .filter(|x| x.done.is_some_and(|d| d <= m.date))
            .count(),
        dynamics: last_decision
            .map(|d| {
                format!(
                    "{} (заседание {})",
                    dynamics_label(d.dynamics),
                    date_short(d.meeting)
                )
            })
            .unwrap_or_default(),
        conclusions: m.conclusions.clone(),
        proposal: proposal(m.proposal),
        hand_over: m.proposal == Decision::HandOver,
        recommendations: m
            .recommendations
            .clone()
            .or_else(|| case.closure.as_ref()?.recommendations.clone())
            .unwrap_or_default(),
        signatures: super::staff_signatures(config, &people),
    };
    Document {
        kind: Kind::Monitoring,
        sources: super::case_sources(case),
        path: case_dir(&case.number).join("заключение-итогового-мониторинга"),
        ident: format!("kurator/{}/monitoring", case.number),
        title: format!(
            "Заключение по итогам итогового мониторинга от {}",
            date_short(m.date)
        ),
        date: m.date,
        case: Some(case.number.clone()),
        data: to_json(&view),
    }
}

/// The private criteria at the first inspection that has them and at the last one up to the
/// conclusion, side by side; one column when there is one such inspection.
fn criteria(case: &Case, m: &FinalMonitoring) -> Option<Block> {
    let marked: Vec<&Inspection> = case
        .inspections
        .iter()
        .filter(|i| i.date <= m.date && i.criteria.is_some())
        .collect();
    let first = *marked.first()?;
    let last = *marked.last()?;
    let mut shown = vec![first];
    if last.date != first.date {
        shown.push(last);
    }
    let mut header = vec!["Критерий (Положение, п. 6.1.2)".to_owned()];
    header.extend(
        shown
            .iter()
            .map(|i| format!("Обследование {}", date_short(i.date))),
    );
    let columns: Vec<_> = shown
        .iter()
        .filter_map(|i| i.criteria.as_ref().map(criteria_rows))
        .collect();
    let rows = (0..8)
        .map(|k| {
            let mut row = vec![columns[0][k].0.to_owned()];
            row.extend(columns.iter().map(|c| mark_label(c[k].1).to_owned()));
            row
        })
        .collect();
    Some(Block::table(header, rows))
}

/// The proposal as the conclusion's sentence ends it.
fn proposal(decision: Decision) -> &'static str {
    match decision {
        Decision::Continue => "продолжить социальное сопровождение семьи",
        Decision::Correct => {
            "продолжить социальное сопровождение семьи со скорректированной программой"
        }
        Decision::Close => "завершить социальное сопровождение семьи",
        Decision::HandOver => {
            "завершить социальное сопровождение семьи в центре и передать случай в орган системы профилактики"
        }
    }
}
