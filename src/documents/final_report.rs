//! Итоговый отчёт по случаю: for every closed case, what was done, the results by criterion and
//! the recommendations — what the curator presents at the end of support (Положение о кураторе
//! семьи, п. 1.5.4; Положение о кураторе случая; the results go to the КДН и ЗП, seed 002).

use serde::Serialize;

use super::case_indicators::{DecisionRow, Outcome, decision_rows};
use super::{
    CaseHead, Document, Kind, OrgView, Signature, case_dir, date_long, date_short, to_json,
};
use crate::model::{Case, Config};

#[derive(Serialize)]
struct FinalReportView<'a> {
    org: &'a OrgView,
    title: &'static str,
    case: CaseHead,
    date: String,
    intake: String,
    closed: String,
    ground: &'static str,
    note: String,
    stages: Vec<[String; 2]>,
    measures: Vec<MeasureRow>,
    measures_done: usize,
    visits: usize,
    children_returned: Vec<String>,
    outcome: Outcome,
    decisions: Vec<DecisionRow>,
    recommendations: String,
    signatures: Vec<Signature>,
}

#[derive(Serialize)]
struct MeasureRow {
    action: String,
    executor: String,
    deadline: String,
    done: String,
    result: String,
}

/// The final report of a case, if it is closed.
pub fn final_report(case: &Case, config: &Config, org: &OrgView) -> Option<Document> {
    let closure = case.closure.as_ref()?;
    let head = CaseHead::new(case, config, closure.date);
    let measures: Vec<MeasureRow> = case
        .programme
        .iter()
        .flat_map(|p| &p.measures)
        .filter(|m| m.excluded.is_none())
        .map(|m| MeasureRow {
            action: m.action.clone(),
            executor: m.executor.clone(),
            deadline: date_short(m.deadline),
            done: m.done.map(date_short).unwrap_or_default(),
            result: m.result.clone().unwrap_or_default(),
        })
        .collect();
    let view = FinalReportView {
        org,
        title: "Итоговый отчёт о социальном сопровождении семьи",
        date: date_long(closure.date),
        intake: date_short(case.intake.date),
        closed: date_short(closure.date),
        ground: super::ground_label(closure.ground),
        note: closure.note.clone().unwrap_or_default(),
        stages: case
            .stages
            .started()
            .map(|(s, d)| [super::stage_label(s), date_short(d)])
            .collect(),
        measures_done: measures.iter().filter(|m| !m.done.is_empty()).count(),
        measures,
        visits: case.visits.len(),
        children_returned: case
            .children_returned
            .iter()
            .map(|c| {
                let from = c
                    .from
                    .as_deref()
                    .map(|f| format!(" из {f}"))
                    .unwrap_or_default();
                format!("{}, {}{from}", c.name, date_short(c.date))
            })
            .collect(),
        outcome: Outcome::new(case),
        decisions: decision_rows(case),
        recommendations: closure.recommendations.clone().unwrap_or_default(),
        signatures: vec![Signature::of(head.curator_position.clone(), &head.curator)],
        case: head,
    };
    Some(Document {
        kind: Kind::FinalReport,
        sources: super::case_sources(case),
        path: case_dir(&case.number).join("итоговый-отчёт"),
        ident: format!("kurator/{}/final-report", case.number),
        title: format!("Итоговый отчёт от {}", date_short(closure.date)),
        date: closure.date,
        case: Some(case.number.clone()),
        data: to_json(&view),
    })
}
