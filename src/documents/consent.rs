//! Согласие на обработку персональных данных: a document of its own (152-ФЗ, ст. 9; since
//! 01.09.2025 it may not be a clause of another document), one per adult whose data the centre
//! keeps: the case's `согласие_пдн` (its signer, for the children too, as their representative)
//! and each adult member's own `согласие_пдн`. The text is `templates/consent.txt`.
//!
//! What ст. 9 ч. 4 asks a written consent to name, and where it comes from here: the subject
//! with address and identity document (the member); the representative's authority (the
//! agreement's, else the parents' birth certificates); the operator with its address
//! (kurator.yaml); purposes, data, actions (the text); third parties by name (the working
//! group's organisations and `партнёры`); a definite term (support and the years documents are
//! kept, `хранение_документов_лет`); how to withdraw (ст. 9 ч. 2, ст. 21 ч. 5). Health data are
//! named as a special category (ст. 10), which needs this written consent.

use serde::Serialize;

use super::agreement::BY_HAND;
use super::{Document, Kind, OrgView, case_dir, date_long, date_short, is_minor, to_json};
use crate::body::{Block, Signature};
use crate::model::{Case, Config, Date, Member};

#[derive(Serialize)]
struct ConsentView<'a> {
    org: &'a OrgView,
    mark: String,
    subject: Subject,
    /// The minors the signer consents for, each with the document that identifies them (ст. 9
    /// ч. 4 п. 1): «Кудрявцев Артём Сергеевич, 17.02.2010 г. р., свидетельство о рождении …; …»,
    /// or empty.
    children: String,
    /// On what ground the signer represents them.
    authority: String,
    /// ««05» мая 2025 г.», or empty.
    withdrawn: String,
    third_parties: Vec<String>,
    /// «5 лет», after «в течение».
    retention: String,
    signatures: Block,
}

/// The person who consents, in the words the text needs.
#[derive(Serialize)]
struct Subject {
    name: String,
    birth_date: String,
    document: String,
    address: String,
    /// «проживающий» or «проживающая».
    living: &'static str,
}

/// The consents of a case: the signer's of `согласие_пдн`, then each adult member's own.
pub fn consents(case: &Case, config: &Config, org: &OrgView) -> Vec<Document> {
    let mut docs = Vec::new();
    if let Some(c) = &case.consent {
        let children = case
            .family
            .members
            .iter()
            .filter(|m| m.name != c.signed_by && is_minor(m.birth_date, c.date))
            .map(|m| {
                let document = m.document.as_deref().unwrap_or(BY_HAND);
                format!("{}, {} г. р., {document}", m.name, date_short(m.birth_date))
            })
            .collect::<Vec<_>>()
            .join("; ");
        let authority = match &children.is_empty() {
            true => String::new(),
            false => super::agreement::authority_of(case, &c.signed_by),
        };
        let signer = case.member_named(&c.signed_by);
        let view = view(case, config, org, &c.signed_by, signer, c.date, c.withdrawn);
        docs.push(document(
            case,
            ConsentView {
                children,
                authority,
                ..view
            },
            "согласие-пдн".to_owned(),
            "consent".to_owned(),
            c.date,
        ));
    }
    let adults = case.family.members.iter().filter_map(|m| {
        let consent = m.consent.as_ref()?;
        (!is_minor(m.birth_date, consent.date)).then_some((m, consent))
    });
    for (n, (member, consent)) in adults.enumerate() {
        let view = view(
            case,
            config,
            org,
            &member.name,
            Some(member),
            consent.date,
            consent.withdrawn,
        );
        docs.push(document(
            case,
            view,
            format!("согласие-пдн-{}", n + 2),
            format!("consent-{}", n + 2),
            consent.date,
        ));
    }
    docs
}

/// The consent of `name` (a member, if the case lists them) signed on `date`, for themselves.
fn view<'a>(
    case: &Case,
    config: &Config,
    org: &'a OrgView,
    name: &str,
    member: Option<&Member>,
    date: Date,
    withdrawn: Option<Date>,
) -> ConsentView<'a> {
    let person = case.person(name);
    ConsentView {
        org,
        mark: config.confidentiality_mark(),
        subject: Subject {
            name: name.to_owned(),
            birth_date: member.map(|m| date_short(m.birth_date)).unwrap_or_default(),
            document: member
                .and_then(|m| m.document.clone())
                .unwrap_or_else(|| BY_HAND.to_owned()),
            address: case.family.address.clone(),
            living: person.agree("проживающий", "проживающая"),
        },
        children: String::new(),
        authority: String::new(),
        withdrawn: withdrawn.map(date_long).unwrap_or_default(),
        third_parties: config.third_parties(),
        retention: years(config.retention_years()),
        // The date to the left of the signature, as a consent is signed.
        signatures: Block::Signatures {
            signatures: vec![Signature {
                position: date_long(date),
                name: person.signature(),
                date: String::new(),
            }],
        },
    }
}

fn document(case: &Case, view: ConsentView<'_>, file: String, id: String, date: Date) -> Document {
    Document {
        kind: Kind::Consent,
        sources: super::case_sources(case),
        path: case_dir(&case.number).join(file),
        ident: format!("kurator/{}/{id}", case.number),
        title: "Согласие на обработку персональных данных".to_owned(),
        date,
        case: Some(case.number.clone()),
        data: to_json(&view),
    }
}

/// «5 лет», «1 года», «21 года» — a number of years after «в течение».
fn years(n: u32) -> String {
    let word = match (n % 10, n % 100) {
        (1, r) if r != 11 => "года",
        _ => "лет",
    };
    format!("{n} {word}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn years_after_v_techenie() {
        assert_eq!(super::years(5), "5 лет");
        assert_eq!(super::years(1), "1 года");
        assert_eq!(super::years(11), "11 лет");
        assert_eq!(super::years(21), "21 года");
        assert_eq!(super::years(3), "3 лет");
    }
}
