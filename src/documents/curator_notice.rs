//! Уведомление семьи о замене куратора: a letter to the one who signed the agreement (else the
//! applicant), one per `смена_куратора`, naming the new curator, the day and how to reach the
//! centre (the agreement: «О замене куратора Учреждение письменно уведомляет Получателя»;
//! grounds — Положение о кураторе случая, п. 1.9). The text is `templates/curator-notice.txt`.

use serde::Serialize;

use super::curator_order::{director, ground, place_date};
use super::{Document, Kind, OrgView, case_dir, date_long, date_short, to_json};
use crate::body::Block;
use crate::grammar::{self, Person};
use crate::model::{Case, Config, CuratorChange};

#[derive(Serialize)]
struct NoticeView<'a> {
    org: &'a OrgView,
    mark: String,
    place_date: Block,
    /// «Ковалёвой Анне Сергеевне».
    to: String,
    address: String,
    /// «Уважаемая Анна Сергеевна».
    greeting: String,
    from: String,
    /// «Сазонова Д. И.», after «вместо».
    previous: String,
    curator: String,
    curator_position: String,
    /// «по просьбе семьи»: why, after «Куратор заменён».
    ground: String,
    /// The agreement the family signed before the replacement: «№ 3/2025 от 14.02.2025», or
    /// empty.
    agreement: String,
    signatures: Block,
}

/// The notices of a case's curator replacements, one each.
pub fn curator_notices(case: &Case, config: &Config, org: &OrgView) -> Vec<Document> {
    case.curator_changes
        .iter()
        .map(|change| notice(case, config, org, change))
        .collect()
}

fn notice(case: &Case, config: &Config, org: &OrgView, change: &CuratorChange) -> Document {
    let date = change.date;
    let agreement = case.agreement.as_ref().filter(|a| a.date <= date);
    let name = agreement
        .and_then(|a| a.signed_by.clone())
        .unwrap_or_else(|| super::applicant(case));
    let person = case.person(&name);
    let curator = crate::rules::curator_on(case, date);
    let view = NoticeView {
        org,
        mark: config.confidentiality_mark(),
        place_date: place_date(org, date),
        to: person.declined(grammar::Case::Dative),
        address: case.family.address.clone(),
        greeting: format!(
            "{} {}",
            person.agree("Уважаемый", "Уважаемая"),
            form_of_address(&person)
        ),
        from: date_long(date),
        previous: config
            .staff(&change.previous)
            .declined(grammar::Case::Genitive),
        curator: curator.to_owned(),
        curator_position: super::position(config, curator),
        ground: ground(change.ground).to_owned(),
        agreement: agreement
            .map(|a| format!("№ {} от {}", a.number, date_short(a.date)))
            .unwrap_or_default(),
        signatures: director(org),
    };
    Document {
        kind: Kind::CuratorNotice,
        sources: super::case_sources(case),
        path: case_dir(&case.number).join(format!("уведомление-замена-куратора-{date}")),
        ident: format!("kurator/{}/curator-notice-{date}", case.number),
        title: "Уведомление о замене куратора".to_owned(),
        date,
        case: Some(case.number.clone()),
        data: to_json(&view),
    }
}

/// How a letter addresses a person: by first name and patronymic («Анна Сергеевна»), or by the
/// name as written when the data give initials only.
fn form_of_address(person: &Person) -> String {
    let words: Vec<&str> = person.name().split_whitespace().collect();
    match words.as_slice() {
        [_, first, patronymic] if !first.contains('.') && !patronymic.contains('.') => {
            format!("{first} {patronymic}")
        }
        _ => person.name().to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::form_of_address;
    use crate::grammar::Person;

    #[test]
    fn a_letter_calls_a_person_by_first_name_and_patronymic() {
        let full = Person::new("Ковалёва Анна Сергеевна", None);
        assert_eq!(form_of_address(&full), "Анна Сергеевна");
        let initials = Person::new("Ковалёва А. С.", None);
        assert_eq!(form_of_address(&initials), "Ковалёва А. С.");
    }
}
