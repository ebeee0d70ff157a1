//! Договор о социальном сопровождении (Положение о кураторе семьи, п. 1.5.2; Положение о
//! социальном сопровождении семей с детьми, пп. 5.5, 7, 8.6.2).
//!
//! The text is `templates/agreement.txt` (see `crate::body`); this module gives it the data in
//! the forms the text needs: names declined and words agreed with the signer, the children it
//! concerns, the parties' requisites.

use serde::Serialize;

use super::{Document, Kind, OrgView, case_dir, date_long, date_short, is_minor, to_json};
use crate::body::{Block, Party, Signature};
use crate::grammar;
use crate::model::{Agreement, Case, Config};

/// What a paper leaves to be written by hand where the case file has nothing.
pub const BY_HAND: &str = "______________________________";

#[derive(Serialize)]
struct AgreementView<'a> {
    #[serde(flatten)]
    paper: Paper<'a>,
    /// «Кудрявцевых», after «семьи».
    family_of: String,
    curator: String,
    curator_position: String,
    /// The minors the agreement is made for, or null when there are none.
    children: Option<Block>,
    /// On what ground the signer represents the children.
    authority: String,
    valid_from: String,
    valid_until: String,
    family_obligations: Vec<String>,
    centre_obligations: Vec<String>,
}

/// What an agreement and each of its supplements say of themselves: the centre, the number,
/// place and date, the parties in the words the text needs and their requisites.
#[derive(Serialize)]
pub(super) struct Paper<'a> {
    org: &'a OrgView,
    mark: String,
    number: String,
    place_date: Block,
    /// «директора Поляковой И. Л.»: the one who signs for the centre, after «в лице».
    director: String,
    party: PartyView,
    parties: Block,
}

impl<'a> Paper<'a> {
    /// The paper numbered `number` and dated `date` between the parties of `a`.
    pub fn new(
        case: &Case,
        config: &Config,
        org: &'a OrgView,
        a: &Agreement,
        number: &str,
        date: crate::model::Date,
    ) -> Paper<'a> {
        let parties = Parties::of(case, config, a, org);
        Paper {
            org,
            mark: config.confidentiality_mark(),
            number: number.to_owned(),
            place_date: Block::PlaceDate {
                place: super::locality(&org.address),
                date: date_long(date),
            },
            director: parties.director,
            party: parties.signer,
            parties: parties.block,
        }
    }
}

/// The family member who signs, in the words the text needs.
#[derive(Serialize)]
struct PartyView {
    name: String,
    birth_date: String,
    document: String,
    address: String,
    /// «проживающий» or «проживающая».
    living: &'static str,
    /// «действующий» or «действующая».
    acting: &'static str,
}

/// The agreement of a case, if one was made.
pub fn agreement(case: &Case, config: &Config, org: &OrgView) -> Option<Document> {
    let a = case.agreement.as_ref()?;
    let paper = Paper::new(case, config, org, a, &a.number, a.date);
    let signer = signer_of(case, a);
    let curator = crate::rules::curator_on(case, a.date).to_owned();
    let view = AgreementView {
        paper,
        family_of: grammar::family(&case.family.surname).genitive,
        curator_position: super::position(config, &curator),
        curator,
        children: children(case, a, &signer),
        authority: authority(case, a, &signer),
        valid_from: date_long(a.date),
        valid_until: date_long(a.valid_until),
        family_obligations: a.family_obligations.clone(),
        centre_obligations: a.centre_obligations.clone(),
    };
    Some(Document {
        kind: Kind::Agreement,
        sources: super::case_sources(case),
        path: case_dir(&case.number).join("договор"),
        ident: format!("kurator/{}/agreement", case.number),
        title: format!("Договор о социальном сопровождении № {}", a.number),
        date: a.date,
        case: Some(case.number.clone()),
        data: to_json(&view),
    })
}

/// The two sides of an agreement (and of its supplements), in the words their texts need.
struct Parties {
    /// «директора Поляковой И. Л.»: the one who signs for the centre, after «в лице».
    director: String,
    /// The family member who signs.
    signer: PartyView,
    /// Their requisites and signatures side by side.
    block: Block,
}

impl Parties {
    /// The parties of `a`: the centre's director and the family member who signed (else the
    /// applicant).
    fn of(case: &Case, config: &Config, a: &Agreement, org: &OrgView) -> Parties {
        let signer = signer_of(case, a);
        let person = case.person(&signer);
        let member = case.member_named(&signer);
        let document = member
            .and_then(|m| m.document.clone())
            .unwrap_or_else(|| BY_HAND.to_owned());
        let director = config.staff(&org.director_name);
        let block = Block::Parties {
            parties: vec![
                Party {
                    title: "Учреждение".to_owned(),
                    lines: org_lines(org),
                    signature: Signature {
                        position: org.director_position.clone(),
                        name: org.director_signature.clone(),
                        date: String::new(),
                    },
                    seal: true,
                },
                Party {
                    title: "Получатель".to_owned(),
                    lines: vec![
                        signer.clone(),
                        format!("Документ: {document}"),
                        format!("Адрес: {}", case.family.address),
                    ],
                    signature: Signature {
                        position: String::new(),
                        name: person.signature(),
                        date: String::new(),
                    },
                    seal: false,
                },
            ],
        };
        Parties {
            director: format!(
                "{} {}",
                grammar::position_genitive(&org.director_position),
                director.declined(grammar::Case::Genitive)
            ),
            signer: PartyView {
                living: person.agree("проживающий", "проживающая"),
                acting: person.agree("действующий", "действующая"),
                birth_date: member.map(|m| date_short(m.birth_date)).unwrap_or_default(),
                document,
                address: case.family.address.clone(),
                name: signer,
            },
            block,
        }
    }
}

/// The centre's requisites, one line each.
fn org_lines(org: &OrgView) -> Vec<String> {
    let mut lines = vec![
        org.full_name.clone(),
        format!("Адрес: {}", org.address),
        format!("Тел.: {}", org.phone),
    ];
    if !org.email.is_empty() {
        lines.push(format!("Эл. почта: {}", org.email));
    }
    lines.extend(org.requisites.iter().cloned());
    lines
}

/// Whether the agreement is made for children too (its signer represents them).
pub(super) fn has_children(case: &Case, a: &Agreement) -> bool {
    children(case, a, &signer_of(case, a)).is_some()
}

/// The family member who signs the agreement: as written, else the applicant.
fn signer_of(case: &Case, a: &Agreement) -> String {
    a.signed_by
        .clone()
        .unwrap_or_else(|| super::applicant(case))
}

/// The minors of the family on the agreement's date, but the signer: the table of the children
/// the agreement is made for, with their birth certificates.
fn children(case: &Case, a: &Agreement, signer: &str) -> Option<Block> {
    let rows: Vec<Vec<String>> = case
        .family
        .members
        .iter()
        .filter(|m| m.name != signer && is_minor(m.birth_date, a.date))
        .enumerate()
        .map(|(i, m)| {
            vec![
                (i + 1).to_string(),
                m.name.clone(),
                date_short(m.birth_date),
                m.document.clone().unwrap_or_else(|| BY_HAND.to_owned()),
            ]
        })
        .collect();
    (!rows.is_empty()).then(|| {
        Block::table(
            ["№", "ФИО", "Дата рождения", "Свидетельство о рождении"]
                .map(str::to_owned)
                .to_vec(),
            rows,
        )
    })
}

/// The ground on which the signer represents the children: what the agreement says, else the
/// one their role gives ([`authority_of`]).
fn authority(case: &Case, a: &Agreement, signer: &str) -> String {
    a.authority
        .clone()
        .unwrap_or_else(|| authority_of(case, signer))
}

/// The ground a family member's role gives to represent the children: for a mother or a father,
/// the children's birth certificates (СК РФ ст. 64); for anyone else a line to write the
/// guardianship act by hand.
pub(super) fn authority_of(case: &Case, signer: &str) -> String {
    let role = case
        .member_named(signer)
        .map(|m| m.role.to_lowercase())
        .unwrap_or_default();
    match role.as_str() {
        "мать" | "отец" => "родитель, свидетельства о рождении детей".to_owned(),
        _ => BY_HAND.to_owned(),
    }
}
