//! Акт обследования жилищно-бытовых условий: one per inspection (Положение о кураторе семьи,
//! пп. 1.5.1, 6.1.2), with the eight private criteria. The text is `templates/inspection.txt`.

use serde::Serialize;

use super::application::DATE_BY_HAND;
use super::{CaseHead, Document, Kind, OrgView, case_dir, date_long, to_json};
use crate::body::{Block, Signature};
use crate::grammar;
use crate::indicators::criteria_rows;
use crate::model::{Case, Config, Inspection, Mark, YesNo};

#[derive(Serialize)]
struct InspectionView<'a> {
    org: &'a OrgView,
    mark: String,
    place_date: Block,
    case: CaseHead,
    /// «первичное», before «обследование».
    kind: &'static str,
    /// «Кречетова Е. В., специалист по социальной работе …», one a line; the curator of the
    /// day when the data name nobody.
    commission: Vec<String>,
    /// «Кудрявцевой Марины Олеговны, Кудрявцева Сергея Валентиновича», after «в присутствии»;
    /// empty when the data do not say.
    present: String,
    members: Block,
    conditions: Block,
    /// The criteria table, or nothing when the commission did not assess them.
    criteria: Option<Block>,
    conclusions: String,
    signatures: Block,
    /// The applicant's signature with a date to write by hand.
    acquainted: Block,
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
    let names = match i.commission.is_empty() {
        true => vec![head.curator.clone()],
        false => i.commission.clone(),
    };
    let view = InspectionView {
        org,
        mark: config.confidentiality_mark(),
        place_date: Block::PlaceDate {
            place: super::locality(&org.address),
            date: date_long(i.date),
        },
        kind: super::inspection_label(i.kind),
        commission: names.iter().map(|n| super::staff_line(config, n)).collect(),
        present: i
            .present
            .iter()
            .map(|name| case.person(name).declined(grammar::Case::Genitive))
            .collect::<Vec<_>>()
            .join(", "),
        members: super::members_table(&head.members),
        conditions: conditions(i),
        criteria: i.criteria.as_ref().map(|c| {
            let rows = criteria_rows(c)
                .iter()
                .map(|(name, mark)| vec![name.to_string(), mark_label(*mark).to_owned()])
                .collect();
            super::table(&["Критерий", "Оценка"], rows)
        }),
        conclusions: i.conclusions.clone(),
        signatures: Block::Signatures {
            signatures: names
                .iter()
                .map(|n| Signature {
                    position: "Член комиссии".to_owned(),
                    name: grammar::signature(n),
                    date: String::new(),
                })
                .collect(),
        },
        acquainted: Block::Signatures {
            signatures: vec![Signature {
                position: String::new(),
                name: head.applicant_signature.clone(),
                date: DATE_BY_HAND.to_owned(),
            }],
        },
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

/// What the commission wrote of the housing and the income; a line not written is left out.
fn conditions(i: &Inspection) -> Block {
    let c = &i.conditions;
    let rows = [
        ("Жилое помещение", c.housing.clone()),
        (
            "Количество комнат",
            c.rooms.map(|r| r.to_string()).unwrap_or_default(),
        ),
        ("Благоустройство", c.amenities.clone().unwrap_or_default()),
        (
            "Санитарное состояние",
            c.sanitary.clone().unwrap_or_default(),
        ),
        (
            "Среднедушевой доход",
            c.income_per_person
                .map(|r| format!("{} руб.", thousands(r)))
                .unwrap_or_default(),
        ),
        (
            "Семья признана малоимущей",
            match c.low_income {
                Some(YesNo::Yes) => "да".to_owned(),
                Some(YesNo::No) => "нет".to_owned(),
                None => String::new(),
            },
        ),
    ];
    Block::Fields {
        rows: rows
            .map(|(label, value)| [label.to_owned(), value])
            .to_vec(),
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
