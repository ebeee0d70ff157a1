//! Распоряжение о закреплении куратора за семьёй (Положение о кураторе семьи, п. 1.6: куратор
//! назначается и освобождается руководителем Учреждения) and о замене куратора (Положение о
//! кураторе случая, п. 1.9, with its ground from `смена_куратора[].основание`): the first at
//! registration (`поступление.постановка_на_учёт`), one per replacement, each its own paper
//! signed by the director, with lines for the curators to sign that they have read it. The text
//! is `templates/curator-order.txt`.

use serde::Serialize;

use super::{Document, Kind, OrgView, case_dir, date_long, to_json};
use crate::body::{Block, Signature};
use crate::grammar;
use crate::model::{Case, Config, CuratorChange, Date, ReplacementGround, capitalise};

#[derive(Serialize)]
struct OrderView<'a> {
    org: &'a OrgView,
    mark: String,
    place_date: Block,
    number: String,
    /// «Кудрявцевых», after «семьи».
    family_of: String,
    address: String,
    /// The day of registration or of the replacement, from which the order takes effect.
    from: String,
    curator: Staff,
    /// The curator relieved, for a replacement.
    previous: Option<Staff>,
    /// «в связи с изменением кадрового состава», for a replacement.
    ground: String,
    signatures: Block,
    acquainted: Block,
}

/// A curator as the order names them.
#[derive(Serialize)]
struct Staff {
    /// «специалиста по социальной работе Кречетову Е. В.»: the object of «закрепить» and
    /// «освободить».
    whom: String,
    /// «Сазонову Д. И.», «Кречетовой Е. В.»: who is told to do something, and to whom
    /// documents are handed.
    dative: String,
}

impl Staff {
    fn new(config: &Config, name: &str) -> Staff {
        let person = config.staff(name);
        Staff {
            // The accusative of an animate noun is its genitive: «назначить специалиста».
            whom: format!(
                "{} {}",
                grammar::position_genitive(&super::position(config, name)),
                person.declined(grammar::Case::Accusative)
            ),
            dative: person.declined(grammar::Case::Dative),
        }
    }
}

/// The curator orders of a case: the appointment at registration, then one per replacement.
pub fn curator_orders(case: &Case, config: &Config, org: &OrgView) -> Vec<Document> {
    let mut docs = Vec::new();
    if let Some(registered) = case.intake.registered {
        docs.push(order(case, config, org, registered, None));
    }
    let mut changes: Vec<&CuratorChange> = case.curator_changes.iter().collect();
    changes.sort_by_key(|c| c.date);
    for change in changes {
        docs.push(order(case, config, org, change.date, Some(change)));
    }
    docs
}

/// The order of `date`: a replacement when `change` is given, else the appointment.
fn order(
    case: &Case,
    config: &Config,
    org: &OrgView,
    date: Date,
    change: Option<&CuratorChange>,
) -> Document {
    let curator = crate::rules::curator_on(case, date);
    let mut acquainted = vec![reader(config, curator)];
    acquainted.extend(change.map(|c| reader(config, &c.previous)));
    let view = OrderView {
        org,
        mark: config.confidentiality_mark(),
        place_date: place_date(org, date),
        number: case.number.clone(),
        family_of: grammar::family(&case.family.surname).genitive,
        address: case.family.address.clone(),
        from: date_long(date),
        curator: Staff::new(config, curator),
        previous: change.map(|c| Staff::new(config, &c.previous)),
        ground: change
            .map(|c| ground(c.ground))
            .unwrap_or_default()
            .to_owned(),
        signatures: director(org),
        acquainted: Block::Signatures {
            signatures: acquainted,
        },
    };
    let (file, id, title) = match change {
        None => (
            "распоряжение-куратор".to_owned(),
            "curator-order".to_owned(),
            "Распоряжение о закреплении куратора".to_owned(),
        ),
        Some(_) => (
            format!("распоряжение-замена-куратора-{date}"),
            format!("curator-order-{date}"),
            "Распоряжение о замене куратора".to_owned(),
        ),
    };
    Document {
        kind: Kind::CuratorOrder,
        sources: super::case_sources(case),
        path: case_dir(&case.number).join(file),
        ident: format!("kurator/{}/{id}", case.number),
        title,
        date,
        case: Some(case.number.clone()),
        data: to_json(&view),
    }
}

/// The centre's place and the paper's date, above its text.
pub(super) fn place_date(org: &OrgView, date: Date) -> Block {
    Block::PlaceDate {
        place: super::locality(&org.address),
        date: date_long(date),
    }
}

/// The director's signature under a paper of the centre.
pub(super) fn director(org: &OrgView) -> Block {
    Block::Signatures {
        signatures: vec![Signature {
            position: org.director_position.clone(),
            name: org.director_signature.clone(),
            date: String::new(),
        }],
    }
}

/// A curator's line to sign that they have read the order, dated by hand.
fn reader(config: &Config, name: &str) -> Signature {
    Signature {
        position: capitalise(&super::position(config, name)),
        name: grammar::signature(name),
        date: "«___» ____________ 20___ г.".to_owned(),
    }
}

/// Why a curator is replaced, as the order's preamble says it (the grounds of п. 1.9).
pub(super) fn ground(ground: ReplacementGround) -> &'static str {
    use ReplacementGround as G;
    match ground {
        G::InstitutionRequest => "по ходатайству учреждения социальной защиты населения",
        G::CuratorRequest => "по обоснованному ходатайству куратора",
        G::FamilyRequest => "по просьбе семьи",
        G::ProblemsChanged => "в связи с изменением специфики проблем семьи",
        G::StaffChange => "в связи с изменением кадрового состава",
    }
}
