//! Показатели эффективности по случаю (Положение о кураторе семьи, п. 6): each private
//! criterion compared between the first and the latest inspection, the strengths the family
//! brings (п. 6.2), and the general dynamics the consilium recorded (п. 6.1.1). Its text is
//! `templates/outcome.txt`, which the final report shares: the results are written once.

use serde::Serialize;

use super::inspection::mark_label;
use super::{CaseHead, Document, Kind, OrgView, case_dir, date_short, to_json};
use crate::body::{Block, Signature};
use crate::indicators::{CaseIndicators, Change, case_indicators};
use crate::model::{Case, Config, capitalise};

#[derive(Serialize)]
struct CaseIndicatorsView<'a> {
    org: &'a OrgView,
    mark: String,
    /// False: the shared wording prints the indicators' heading and leaves the report's
    /// sections out.
    report: bool,
    case: CaseHead,
    date: String,
    outcome: Outcome,
    decisions: Option<Block>,
    signatures: Block,
}

/// The results by criterion, shared with the final report.
#[derive(Serialize)]
pub(super) struct Outcome {
    first: String,
    latest: String,
    /// Whether any inspection assessed the criteria.
    assessed: bool,
    /// Whether two inspections did, so that they compare.
    comparable: bool,
    /// The criteria with the first mark, and with the latest and the change when they compare.
    criteria: Block,
    improved: usize,
    unchanged: usize,
    worse: usize,
    dynamics: &'static str,
    strengths: Vec<String>,
}

impl Outcome {
    /// The results of a case from what was recorded by its latest date.
    pub(super) fn new(case: &Case) -> Outcome {
        let i: CaseIndicators = case_indicators(case, super::latest_date(case));
        let first = i.first.map(date_short).unwrap_or_default();
        let latest = i.latest.map(date_short).unwrap_or_default();
        let comparable = i.first != i.latest;
        let header = match comparable {
            true => vec!["№", "Критерий", &first, &latest, "Изменение"],
            false => vec!["№", "Критерий", "Отметка"],
        };
        let rows = i
            .criteria
            .iter()
            .enumerate()
            .map(|(n, c)| {
                let mut row = vec![
                    (n + 1).to_string(),
                    c.name.to_owned(),
                    mark_label(c.first).to_owned(),
                ];
                if comparable {
                    row.extend([mark_label(c.latest).to_owned(), c.change.label().to_owned()]);
                }
                row
            })
            .collect();
        Outcome {
            assessed: !i.criteria.is_empty(),
            comparable,
            criteria: super::table(&header, rows),
            improved: i.count(Change::Improved),
            unchanged: i.count(Change::Unchanged),
            worse: i.count(Change::Worse),
            dynamics: i.dynamics.map(super::dynamics_label).unwrap_or(""),
            strengths: case.family.strengths.clone(),
            first,
            latest,
        }
    }
}

/// Every consilium decision of a case, in order, as a table; none when no consilium decided.
pub(super) fn decisions(case: &Case) -> Option<Block> {
    let mut decisions: Vec<_> = case.consilium.iter().collect();
    decisions.sort_by_key(|d| d.meeting);
    let rows: Vec<Vec<String>> = decisions
        .into_iter()
        .map(|d| {
            vec![
                date_short(d.meeting),
                super::dynamics_label(d.dynamics).to_owned(),
                d.effectiveness.clone().unwrap_or_default(),
                super::decision_label(d.decision).to_owned(),
            ]
        })
        .collect();
    super::table_if_any(&["Заседание", "Динамика", "Эффективность", "Решение"], rows)
}

/// The curator's signature under the results, the position with its capital letter (kurator.yaml
/// writes it in lower case, for the middle of a sentence).
pub(super) fn curator_signature(head: &CaseHead) -> Block {
    Block::Signatures {
        signatures: vec![Signature {
            position: capitalise(&head.curator_position),
            name: head.curator_signature.clone(),
            date: String::new(),
        }],
    }
}

/// The indicators document of a case.
pub fn case_indicators_doc(case: &Case, config: &Config, org: &OrgView) -> Document {
    let date = super::latest_date(case);
    let head = CaseHead::new(case, config, date);
    let view = CaseIndicatorsView {
        org,
        mark: config.confidentiality_mark(),
        report: false,
        date: date_short(date),
        outcome: Outcome::new(case),
        decisions: decisions(case),
        signatures: curator_signature(&head),
        case: head,
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
