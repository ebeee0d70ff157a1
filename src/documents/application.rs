//! Заявление о предоставлении социального сопровождения: the parent's (legal representative's)
//! written application, the ground on which a family is found to need support (Положение о
//! социальном сопровождении семей с детьми, п. 7) and the first thing registered (п. 8.1).
//!
//! Every case has one, whatever its `поступление.источник`: a case opened on a КДН и ЗП
//! resolution or a school's report still needs the parent's application before the programme
//! and the agreement (п. 8.3: «оформление письменного заявления родителя»). kurator prints it
//! filled in for the applicant to sign; the date is printed only when the case came in on the
//! application itself (its intake date), else left for the applicant to write. The text is
//! `templates/application.txt`.

use serde::Serialize;

use super::agreement::BY_HAND;
use super::{Document, Kind, OrgView, case_dir, date_long, date_short, to_json};
use crate::body::{Block, Signature};
use crate::grammar::{self, Case as Grammatical};
use crate::model::{Case, Config};

/// A date written by hand.
pub(super) const DATE_BY_HAND: &str = "«___» ____________ 20___ г.";

#[derive(Serialize)]
struct ApplicationView<'a> {
    org: &'a OrgView,
    mark: String,
    /// To the director, from the applicant, in the top right corner.
    addressee: Block,
    /// The family, one member a row.
    members: Block,
    /// `поступление.обстоятельства`, or empty.
    circumstances: String,
    /// «Согласен» or «Согласна».
    agree: &'static str,
    /// «ознакомлен» or «ознакомлена».
    acquainted: &'static str,
    signatures: Block,
}

/// The application of a case's applicant (the member marked `заявитель`, else the first).
pub fn application(case: &Case, config: &Config, org: &OrgView) -> Document {
    let name = super::applicant(case);
    let person = case.person(&name);
    let director = config.staff(&org.director_name);
    let phone = case.family.phone.as_deref().unwrap_or(BY_HAND);
    let addressee = Block::Addressee {
        lines: vec![
            format!(
                "{} {}",
                grammar::position_dative(&org.director_position),
                org.short_name
            ),
            director.declined(Grammatical::Dative),
            format!("от {},", person.declined(Grammatical::Genitive)),
            format!(
                "{} по адресу: {},",
                person.agree("проживающего", "проживающей"),
                case.family.address
            ),
            format!("тел.: {phone}"),
        ],
    };
    let rows = case
        .family
        .members
        .iter()
        .enumerate()
        .map(|(i, m)| {
            vec![
                (i + 1).to_string(),
                m.name.clone(),
                m.role.clone(),
                date_short(m.birth_date),
                m.occupation.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let members = Block::table(
        [
            "№",
            "ФИО",
            "Родство",
            "Дата рождения",
            "Место работы, учёбы",
        ]
        .map(str::to_owned)
        .to_vec(),
        rows,
    );
    let on_application = case.intake.source.to_lowercase().starts_with("заявлени");
    let date = match on_application {
        true => date_long(case.intake.date),
        false => DATE_BY_HAND.to_owned(),
    };
    let view = ApplicationView {
        org,
        mark: config.confidentiality_mark(),
        addressee,
        members,
        circumstances: case.intake.circumstances.clone().unwrap_or_default(),
        agree: person.agree("Согласен", "Согласна"),
        acquainted: person.agree("ознакомлен", "ознакомлена"),
        // The date to the left of the signature, as a citizen signs a paper.
        signatures: Block::Signatures {
            signatures: vec![Signature {
                position: date,
                name: person.signature(),
                date: String::new(),
            }],
        },
    };
    Document {
        kind: Kind::Application,
        sources: super::case_sources(case),
        path: case_dir(&case.number).join("заявление"),
        ident: format!("kurator/{}/application", case.number),
        title: "Заявление о предоставлении социального сопровождения".to_owned(),
        date: case.intake.date,
        case: Some(case.number.clone()),
        data: to_json(&view),
    }
}
