//! Акт обследования жилищно-бытовых условий: one per inspection (Положение о кураторе семьи,
//! пп. 1.5.1, 6.1.2), with the eight private criteria.

use serde::Serialize;

use super::{CaseHead, Document, Kind, OrgView, Signature, case_dir, date_long, to_json};
use crate::indicators::criteria_rows;
use crate::model::{Case, Config, Inspection, Mark, YesNo};

#[derive(Serialize)]
struct InspectionView<'a> {
    org: &'a OrgView,
    title: String,
    case: CaseHead,
    date: String,
    kind: &'static str,
    commission: Vec<String>,
    housing: String,
    rooms: String,
    amenities: String,
    sanitary: String,
    income_per_person: String,
    low_income: String,
    criteria: Vec<[String; 2]>,
    conclusions: String,
    signatures: Vec<Signature>,
    acquainted: String,
}

/// The word for a mark.
pub fn mark_label(mark: Mark) -> &'static str {
    match mark {
        Mark::Yes => "да",
        Mark::Partly => "частично",
        Mark::No => "нет",
        Mark::NotApplicable => "неприменимо",
    }
}

/// One act per inspection of the case.
pub fn inspections(case: &Case, config: &Config, org: &OrgView) -> Vec<Document> {
    case.inspections
        .iter()
        .map(|i| act(case, config, org, i))
        .collect()
}

fn act(case: &Case, config: &Config, org: &OrgView, i: &Inspection) -> Document {
    let head = CaseHead::new(case, config, i.date);
    let c = &i.conditions;
    let mut commission = i.commission.clone();
    let signatures = match commission.is_empty() {
        true => vec![Signature::of("Член комиссии", &head.curator)],
        false => commission
            .iter()
            .map(|member| Signature::of("Член комиссии", member))
            .collect(),
    };
    if commission.is_empty() {
        commission.push(format!("{} — {}", head.curator, head.curator_position));
    }
    let view = InspectionView {
        org,
        title: "Акт обследования жилищно-бытовых условий".to_owned(),
        date: date_long(i.date),
        kind: super::inspection_label(i.kind),
        commission,
        housing: c.housing.clone(),
        rooms: c.rooms.map(|r| r.to_string()).unwrap_or_default(),
        amenities: c.amenities.clone().unwrap_or_default(),
        sanitary: c.sanitary.clone().unwrap_or_default(),
        income_per_person: c
            .income_per_person
            .map(|r| format!("{} руб.", thousands(r)))
            .unwrap_or_default(),
        low_income: match c.low_income {
            Some(YesNo::Yes) => "да".to_owned(),
            Some(YesNo::No) => "нет".to_owned(),
            None => String::new(),
        },
        criteria: i
            .criteria
            .as_ref()
            .map(|c| {
                criteria_rows(c)
                    .iter()
                    .map(|(name, mark)| [name.to_string(), mark_label(*mark).to_owned()])
                    .collect()
            })
            .unwrap_or_default(),
        conclusions: i.conclusions.clone(),
        signatures,
        acquainted: head.applicant_signature.clone(),
        case: head,
    };
    let stamp = i.date.to_string();
    Document {
        kind: Kind::Inspection,
        sources: super::case_sources(case),
        path: case_dir(&case.number).join(format!("акт-обследования-{stamp}")),
        ident: format!("kurator/{}/inspection/{stamp}", case.number),
        title: format!(
            "Акт обследования жилищно-бытовых условий от {}",
            super::date_short(i.date)
        ),
        date: i.date,
        case: Some(case.number.clone()),
        data: to_json(&view),
    }
}

/// 12500 → «12 500», with a no-break space, as amounts are written in Russian documents.
fn thousands(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{a0}');
        }
        out.push(c);
    }
    out
}
