//! Письма в органы системы профилактики, one per recorded `сообщения:` of a case: the
//! information to КДН и ЗП or органы опеки at hand-over and at the end of work (Положение о
//! кураторе семьи, п. 1.5.4; Положение о кураторе случая, пп. 4.6, 6.4) and the immediate
//! notice of a threat to a child (120-ФЗ, ст. 9 п. 2). The addressee is the working group's
//! organisation of that kind in kurator.yaml, else the body's general name; the «Исполнитель»
//! is `отчёты.исполнитель`, else the curator. The text is `templates/letter.txt`.

use serde::Serialize;

use super::curator_order::{director, place_date};
use super::{Document, Kind, OrgView, case_dir, to_json};
use crate::body::Block;
use crate::grammar;
use crate::model::{Addressee, Case, Config, Notice, NoticeKind, capitalise};

#[derive(Serialize)]
struct LetterView<'a> {
    org: &'a OrgView,
    mark: String,
    place_date: Block,
    /// The outgoing number, or a line to write it by hand.
    outgoing: String,
    addressee: String,
    /// Which sentence the text leads with: one of the three is true.
    handover: bool,
    results: bool,
    urgent: bool,
    number: String,
    family_of: String,
    address: String,
    curator: String,
    content: String,
    signatures: Block,
    /// «Ушакова М. Ю., тел. 8 (34519) 2-14-40».
    executor: String,
}

/// The letters of a case, one per recorded notice, in the order recorded.
pub fn letters(case: &Case, config: &Config, org: &OrgView) -> Vec<Document> {
    case.notices
        .iter()
        .enumerate()
        .map(|(i, notice)| letter(case, config, org, notice, i + 1))
        .collect()
}

fn letter(case: &Case, config: &Config, org: &OrgView, notice: &Notice, n: usize) -> Document {
    let curator = crate::rules::curator_on(case, notice.date);
    let executor = match config.reports.as_ref().and_then(|r| r.executor.as_ref()) {
        Some(e) => format!("{}, тел. {}", e.name, e.phone),
        None => format!("{curator}, тел. {}", org.phone),
    };
    let title = match notice.kind {
        NoticeKind::HandOver => "О передаче случая",
        NoticeKind::Results => "Об итогах работы с семьёй",
        NoticeKind::Urgent => "Срочное сообщение",
    };
    let view = LetterView {
        org,
        mark: config.confidentiality_mark(),
        place_date: place_date(org, notice.date),
        outgoing: notice.number.clone().unwrap_or_else(|| "______".to_owned()),
        addressee: addressee(config, notice.addressee),
        handover: notice.kind == NoticeKind::HandOver,
        results: notice.kind == NoticeKind::Results,
        urgent: notice.kind == NoticeKind::Urgent,
        number: case.number.clone(),
        family_of: grammar::family(&case.family.surname).genitive,
        address: case.family.address.clone(),
        curator: curator.to_owned(),
        content: notice.content.clone(),
        signatures: director(org),
        executor,
    };
    Document {
        kind: Kind::Letter,
        sources: super::case_sources(case),
        path: case_dir(&case.number).join(format!("письмо-{}-{n}", notice.date)),
        ident: format!("kurator/{}/letter-{n}", case.number),
        title: title.to_owned(),
        date: notice.date,
        case: Some(case.number.clone()),
        data: to_json(&view),
    }
}

/// The body a letter goes to: the working group's organisation of that kind as kurator.yaml
/// names it (the municipality's own commission, guardianship department, police), else the
/// body's general name.
fn addressee(config: &Config, to: Addressee) -> String {
    let (marks, general): (&[&str], &str) = match to {
        Addressee::Kdn => (
            &["комиссия по делам несовершеннолетних", "кдн"],
            "Комиссия по делам несовершеннолетних и защите их прав",
        ),
        Addressee::Guardianship => (&["опек"], "Орган опеки и попечительства"),
        Addressee::Prosecutor => (&["прокуратур"], "Прокуратура"),
        Addressee::Police => (&["омвд", "мвд", "полиц"], "Отдел полиции"),
    };
    // A member's position names the department when the organisation is a wider body
    // («главный специалист отдела опеки» of «Управление образования»).
    config
        .working_group
        .iter()
        .filter_map(|p| Some((p.organisation.as_deref()?, p.position.to_lowercase())))
        .find(|(org, position)| {
            let org = org.to_lowercase();
            marks
                .iter()
                .any(|m| org.contains(m) || position.contains(m))
        })
        .map_or_else(|| general.to_owned(), |(org, _)| capitalise(org))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_letter_goes_to_the_working_groups_body_of_its_kind() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let config = crate::load::config(root).unwrap().data;
        use crate::model::Addressee as A;
        assert_eq!(
            super::addressee(&config, A::Kdn),
            "Комиссия по делам несовершеннолетних и защите их прав администрации \
             Верхнеозёрского муниципального округа"
        );
        assert_eq!(
            super::addressee(&config, A::Guardianship),
            "Управление образования администрации Верхнеозёрского муниципального округа"
        );
        assert_eq!(
            super::addressee(&config, A::Police),
            "ОМВД России по Верхнеозёрскому муниципальному округу"
        );
        assert_eq!(super::addressee(&config, A::Prosecutor), "Прокуратура");
    }
}
