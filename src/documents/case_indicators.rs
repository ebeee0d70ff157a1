//! Показатели эффективности по случаю (Положение о кураторе семьи, п. 6): each private
//! criterion compared between the first and the latest inspection, the strengths the family
//! brings (п. 6.2), and the general dynamics the consilium recorded (п. 6.1.1).

use serde::Serialize;

use super::inspection::mark_label;
use super::{CaseHead, Document, Kind, OrgView, case_dir, date_short, to_json};
use crate::indicators::{CaseIndicators, Change, case_indicators};
use crate::model::{Case, Config};

#[derive(Serialize)]
struct CaseIndicatorsView<'a> {
    org: &'a OrgView,
    title: &'static str,
    case: CaseHead,
    date: String,
    outcome: Outcome,
    decisions: Vec<DecisionRow>,
}

/// The results by criterion, shared with the final report.
#[derive(Serialize)]
pub(super) struct Outcome {
    first: String,
    latest: String,
    criteria: Vec<CriterionRow>,
    improved: usize,
    unchanged: usize,
    worse: usize,
    comparable: bool,
    dynamics: &'static str,
    strengths: Vec<String>,
}

#[derive(Serialize)]
struct CriterionRow {
    name: &'static str,
    first: &'static str,
    latest: &'static str,
    change: &'static str,
    improved: bool,
    worse: bool,
}

/// A consilium decision as a row of a report.
#[derive(Serialize)]
pub(super) struct DecisionRow {
    date: String,
    dynamics: &'static str,
    effectiveness: String,
    decision: &'static str,
}

impl Outcome {
    /// The results of a case from what was recorded by its latest date.
    pub(super) fn new(case: &Case) -> Outcome {
        let i: CaseIndicators = case_indicators(case, super::latest_date(case));
        Outcome {
            first: i.first.map(date_short).unwrap_or_default(),
            latest: i.latest.map(date_short).unwrap_or_default(),
            criteria: i
                .criteria
                .iter()
                .map(|c| CriterionRow {
                    name: c.name,
                    first: mark_label(c.first),
                    latest: mark_label(c.latest),
                    change: c.change.label(),
                    improved: c.change == Change::Improved,
                    worse: c.change == Change::Worse,
                })
                .collect(),
            improved: i.count(Change::Improved),
            unchanged: i.count(Change::Unchanged),
            worse: i.count(Change::Worse),
            comparable: i.first != i.latest,
            dynamics: i.dynamics.map(super::dynamics_label).unwrap_or(""),
            strengths: case.family.strengths.clone(),
        }
    }
}

/// Every consilium decision of a case, in order.
pub(super) fn decision_rows(case: &Case) -> Vec<DecisionRow> {
    let mut decisions: Vec<_> = case.consilium.iter().collect();
    decisions.sort_by_key(|d| d.meeting);
    decisions
        .into_iter()
        .map(|d| DecisionRow {
            date: date_short(d.meeting),
            dynamics: super::dynamics_label(d.dynamics),
            effectiveness: d.effectiveness.clone().unwrap_or_default(),
            decision: super::decision_label(d.decision),
        })
        .collect()
}

/// The indicators document of a case.
pub fn case_indicators_doc(case: &Case, config: &Config, org: &OrgView) -> Document {
    let date = super::latest_date(case);
    let view = CaseIndicatorsView {
        org,
        title: "Показатели эффективности социального сопровождения семьи",
        case: CaseHead::new(case, config, date),
        date: date_short(date),
        outcome: Outcome::new(case),
        decisions: decision_rows(case),
    };
    Document {
        kind: Kind::CaseIndicators,
        sources: super::case_sources(case),
        path: case_dir(&case.number).join("показатели"),
        ident: format!("kurator/{}/indicators", case.number),
        title: format!("Показатели эффективности на {}", date_short(date)),
        date,
        case: Some(case.number.clone()),
        data: to_json(&view),
    }
}
