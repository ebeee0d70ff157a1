//! Акт посещения семьи: one per `патронаж` entry. The curator visits the family at home at
//! least once a month, talks with it and gives recommendations (Положение о кураторе семьи,
//! п. 3.1; Положение о кураторе случая, п. 2.3, with members of the working group). The seeds
//! name no journal of visits; what a centre files for each visit is an act the visitors sign and
//! the family member present reads, so that the month's visit and what was agreed can be shown
//! later (README, «Акт посещения семьи»). The text is `templates/visit.txt`.

use serde::Serialize;

use super::{Document, Kind, OrgView, case_dir, date_short, to_json};
use crate::body::{Block, Signature};
use crate::grammar::{self, Case as Declension};
use crate::model::{Case, Config, Visit, VisitKind};

#[derive(Serialize)]
struct VisitView<'a> {
    org: &'a OrgView,
    mark: String,
    /// The act's number among the case's visits: 1, 2, …
    n: usize,
    place_date: Block,
    number: String,
    family_of: String,
    address: String,
    /// «плановое» or «внеплановое».
    kind: &'static str,
    /// «Кречетова Е. В., специалист по социальной работе …».
    visitors: Vec<String>,
    /// The members present, in the genitive after «в присутствии»: «Кудрявцевой Марины
    /// Олеговны (мать)».
    present: String,
    outcome: String,
    observations: Vec<String>,
    recommendations: String,
    signatures: Block,
    /// «ознакомлен» or «ознакомлена», agreed with the member who signs.
    acquainted: String,
    /// The line the family member present signs.
    acquaintance: Block,
}

/// The acts of a case, one per visit, in the order recorded.
pub fn visits(case: &Case, config: &Config, org: &OrgView) -> Vec<Document> {
    case.visits
        .iter()
        .enumerate()
        .map(|(i, visit)| {
            // Two visits on one day (a planned one and one after a call) get two files.
            let same_day = case.visits[..i].iter().filter(|v| v.date == visit.date);
            act(case, config, org, visit, i + 1, same_day.count())
        })
        .collect()
}

fn act(
    case: &Case,
    config: &Config,
    org: &OrgView,
    visit: &Visit,
    n: usize,
    earlier_that_day: usize,
) -> Document {
    let visitors = match visit.participants.is_empty() {
        true => vec![crate::rules::curator_on(case, visit.date).to_owned()],
        false => visit.participants.clone(),
    };
    let applicant = super::applicant(case);
    let reader = case.person(visit.reader(&applicant).0);
    let view = VisitView {
        org,
        mark: config.confidentiality_mark(),
        n,
        place_date: super::curator_order::place_date(org, visit.date),
        number: case.number.clone(),
        family_of: grammar::family(&case.family.surname).genitive,
        address: case.family.address.clone(),
        kind: match visit.kind {
            VisitKind::Planned => "плановое",
            VisitKind::Unplanned => "внеплановое",
        },
        present: visit
            .present
            .iter()
            .map(|name| present(case, name))
            .collect::<Vec<_>>()
            .join(", "),
        outcome: visit.outcome.clone(),
        observations: visit.observations.clone(),
        recommendations: visit.recommendations.clone().unwrap_or_default(),
        signatures: super::staff_signatures(config, &visitors),
        visitors: visitors
            .iter()
            .map(|v| super::staff_line(config, v))
            .collect(),
        acquainted: reader.agree("ознакомлен", "ознакомлена").to_owned(),
        acquaintance: Block::Signatures {
            signatures: vec![Signature {
                position: String::new(),
                name: reader.signature(),
                date: super::application::DATE_BY_HAND.to_owned(),
            }],
        },
    };
    let suffix = match earlier_that_day {
        0 => String::new(),
        k => format!("-{}", k + 1),
    };
    Document {
        kind: Kind::Visit,
        sources: super::case_sources(case),
        path: case_dir(&case.number).join(format!("акт-посещения-{}{suffix}", visit.date)),
        ident: format!("kurator/{}/visit-{n}", case.number),
        title: format!("Акт посещения семьи от {}", date_short(visit.date)),
        date: visit.date,
        case: Some(case.number.clone()),
        data: to_json(&view),
    }
}

/// A member present, after «в присутствии»: the name in the genitive and the role.
fn present(case: &Case, name: &str) -> String {
    let declined = case.person(name).declined(Declension::Genitive);
    match case.member_named(name) {
        Some(member) => format!("{declined} ({})", member.role),
        None => declined,
    }
}
