//! Итоговый отчёт по случаю: for every closed case, what was done, the results by criterion and
//! the recommendations — what the curator presents at the end of support (Положение о кураторе
//! семьи, п. 1.5.4; Положение о кураторе случая; the results go to the КДН и ЗП, seed 002). Its
//! text is `templates/outcome.txt`, shared with the case's indicators.

use serde::Serialize;

use super::case_indicators::{Outcome, curator_signature, decisions};
use super::{
    CaseHead, Document, Kind, OrgView, case_dir, date_long, date_short, table_if_any, to_json,
};
use crate::body::Block;
use crate::model::{Case, Config};

#[derive(Serialize)]
struct FinalReportView<'a> {
    org: &'a OrgView,
    mark: String,
    /// True: the shared wording prints the report's heading and sections.
    report: bool,
    case: CaseHead,
    place_date: Block,
    intake: String,
    closed: String,
    ground: &'static str,
    note: String,
    /// The stages with the day each began; none when none began.
    stages: Option<Block>,
    measures: usize,
    measures_done: usize,
    /// The measures in force, with executor, deadline, completion and result.
    measures_table: Option<Block>,
    visits: usize,
    children_returned: Vec<String>,
    outcome: Outcome,
    decisions: Option<Block>,
    recommendations: String,
    signatures: Block,
}

/// The final report of a case, if it is closed.
pub fn final_report(case: &Case, config: &Config, org: &OrgView) -> Option<Document> {
    let closure = case.closure.as_ref()?;
    let head = CaseHead::new(case, config, closure.date);
    let measures: Vec<Vec<String>> = case
        .programme
        .iter()
        .flat_map(|p| &p.measures)
        .filter(|m| m.excluded.is_none())
        .map(|m| {
            vec![
                m.action.clone(),
                m.executor.clone(),
                date_short(m.deadline),
                m.done.map(date_short).unwrap_or_default(),
                m.result.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let stages: Vec<Vec<String>> = case
        .stages
        .started()
        .map(|(s, d)| vec![super::stage_label(s), date_short(d)])
        .collect();
    let view = FinalReportView {
        org,
        mark: config.confidentiality_mark(),
        report: true,
        place_date: Block::PlaceDate {
            place: super::locality(&org.address),
            date: date_long(closure.date),
        },
        intake: date_short(case.intake.date),
        closed: date_short(closure.date),
        ground: super::ground_label(closure.ground),
        note: closure.note.clone().unwrap_or_default(),
        stages: table_if_any(&["Этап", "Начат"], stages),
        measures: measures.len(),
        measures_done: measures.iter().filter(|m| !m[3].is_empty()).count(),
        measures_table: table_if_any(
            &[
                "Мероприятие",
                "Исполнитель",
                "Срок",
                "Выполнено",
                "Результат",
            ],
            measures,
        ),
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
        decisions: decisions(case),
        recommendations: closure.recommendations.clone().unwrap_or_default(),
        signatures: curator_signature(&head),
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
