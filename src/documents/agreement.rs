//! Договор о социальном сопровождении (Положение о кураторе семьи, п. 1.5.2; Положение о
//! социальном сопровождении семей с детьми, пп. 5.5, 7, 8.6.2).

use serde::Serialize;

use super::{CaseHead, Document, Kind, OrgView, Signature, case_dir, date_long, to_json};
use crate::grammar;
use crate::model::{Case, Config};

#[derive(Serialize)]
struct AgreementView<'a> {
    org: &'a OrgView,
    title: String,
    case: CaseHead,
    number: String,
    date: String,
    valid_from: String,
    valid_until: String,
    family_party: String,
    /// «проживающий» or «проживающая», agreed with the family's party.
    family_party_living: &'static str,
    /// «действующий» or «действующая».
    family_party_acting: &'static str,
    /// The family's party in the genitive: «в лице Кудрявцевой Марины Олеговны».
    family_party_genitive: String,
    family_obligations: Vec<String>,
    centre_obligations: Vec<String>,
    termination: Vec<&'static str>,
    signatures: Vec<Signature>,
}

/// Grounds of termination written into every agreement: the regulations' own (resolution of
/// the situation, 001 п. 8.6.2; final monitoring or hand-over, 000 п. 1.5.4) and the usual ones.
/// In the genitive: each continues «Договор прекращается в случаях:».
const TERMINATION: [&str; 5] = [
    "разрешения трудной жизненной ситуации, в связи с которой семья приняла сопровождение",
    "истечения срока действия договора",
    "письменного отказа семьи (законного представителя) от сопровождения",
    "решения социального консилиума о завершении сопровождения по итогам мониторинга",
    "передачи сведений о семье в комиссию по делам несовершеннолетних и защите их прав или органы опеки и попечительства",
];

/// The agreement of a case, if one was made.
pub fn agreement(case: &Case, config: &Config, org: &OrgView) -> Option<Document> {
    let a = case.agreement.as_ref()?;
    let head = CaseHead::new(case, config, a.date);
    let family_party = a
        .signed_by
        .clone()
        .unwrap_or_else(|| head.applicant.clone());
    let party = case.person(&family_party);
    let view = AgreementView {
        family_party_living: party.agree("проживающий", "проживающая"),
        family_party_acting: party.agree("действующий", "действующая"),
        family_party_genitive: party.declined(grammar::Case::Genitive),
        org,
        title: format!("Договор о социальном сопровождении семьи № {}", a.number),
        number: a.number.clone(),
        date: date_long(a.date),
        valid_from: date_long(a.date),
        valid_until: date_long(a.valid_until),
        family_obligations: a.family_obligations.clone(),
        centre_obligations: a.centre_obligations.clone(),
        termination: TERMINATION.to_vec(),
        signatures: vec![
            Signature::of(org.director_position.clone(), &org.director_name),
            Signature::of("Получатель (законный представитель)", &family_party),
        ],
        family_party,
        case: head,
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
