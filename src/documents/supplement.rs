//! Дополнительное соглашение к договору о социальном сопровождении: продление срока и новые
//! обязанности сторон (договор, п. 8.2: изменения оформляются дополнительными соглашениями).
//! Each supplement is a document of its own, numbered, with the agreement's parties; the text
//! is `templates/supplement.txt`.

use serde::Serialize;

use super::agreement::Paper;
use super::{Document, Kind, OrgView, case_dir, date_long, date_short, to_json};
use crate::model::{Case, Config};

#[derive(Serialize)]
struct SupplementView<'a> {
    #[serde(flatten)]
    paper: Paper<'a>,
    /// Whether the signer acts for the children too, as in the agreement.
    children: bool,
    agreement_number: String,
    agreement_date: String,
    /// The new last day, or empty when the supplement does not extend the agreement.
    valid_until: String,
    family_obligations: Vec<String>,
    centre_obligations: Vec<String>,
}

/// The supplements of a case's agreement, one document each.
pub fn supplements(case: &Case, config: &Config, org: &OrgView) -> Vec<Document> {
    let Some(a) = &case.agreement else {
        return Vec::new();
    };
    a.supplements
        .iter()
        .map(|s| {
            let view = SupplementView {
                paper: Paper::new(case, config, org, a, &s.number, s.date),
                children: super::agreement::has_children(case, a),
                agreement_number: a.number.clone(),
                agreement_date: date_short(a.date),
                valid_until: s.valid_until.map(date_long).unwrap_or_default(),
                family_obligations: s.family_obligations.clone(),
                centre_obligations: s.centre_obligations.clone(),
            };
            Document {
                kind: Kind::Supplement,
                sources: super::case_sources(case),
                path: case_dir(&case.number).join(format!("доп-соглашение-{}", s.number)),
                ident: format!("kurator/{}/supplement-{}", case.number, s.number),
                title: format!(
                    "Дополнительное соглашение № {} к договору № {}",
                    s.number, a.number
                ),
                date: s.date,
                case: Some(case.number.clone()),
                data: to_json(&view),
            }
        })
        .collect()
}
