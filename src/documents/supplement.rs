//! Дополнительное соглашение к договору о социальном сопровождении: продление срока и новые
//! обязанности сторон (договор, п. 8.2: изменения оформляются дополнительными соглашениями).
//! Each supplement is a document of its own, numbered, with the agreement's parties; the text
//! is `templates/supplement.txt`.

use serde::Serialize;

use super::agreement::{Parties, PartyView, place_date};
use super::{Document, Kind, OrgView, case_dir, date_long, date_short, to_json};
use crate::body::Block;
use crate::model::{Case, Config};

#[derive(Serialize)]
struct SupplementView<'a> {
    org: &'a OrgView,
    mark: String,
    number: String,
    place_date: Block,
    director: String,
    party: PartyView,
    agreement_number: String,
    agreement_date: String,
    /// The new last day, or empty when the supplement does not extend the agreement.
    valid_until: String,
    family_obligations: Vec<String>,
    centre_obligations: Vec<String>,
    parties: Block,
}

/// The supplements of a case's agreement, one document each.
pub fn supplements(case: &Case, config: &Config, org: &OrgView) -> Vec<Document> {
    let Some(a) = &case.agreement else {
        return Vec::new();
    };
    a.supplements
        .iter()
        .map(|s| {
            let parties = Parties::of(case, a, org);
            let view = SupplementView {
                org,
                mark: config.confidentiality_mark(),
                number: s.number.clone(),
                place_date: place_date(org, s.date),
                director: parties.director.clone(),
                agreement_number: a.number.clone(),
                agreement_date: date_short(a.date),
                valid_until: s.valid_until.map(date_long).unwrap_or_default(),
                family_obligations: s.family_obligations.clone(),
                centre_obligations: s.centre_obligations.clone(),
                parties: parties.block.clone(),
                party: parties.signer,
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
