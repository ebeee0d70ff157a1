//! Согласие на обработку персональных данных: a document of its own (152-ФЗ, ст. 9; since
//! 01.09.2025 it may not be a clause of another document).

use serde::Serialize;

use super::{CaseHead, Document, Kind, OrgView, case_dir, date_long, to_json};
use crate::model::{Case, Config};

#[derive(Serialize)]
struct ConsentView<'a> {
    org: &'a OrgView,
    title: &'static str,
    case: CaseHead,
    date: String,
    subject: String,
    /// «проживающий» or «проживающая», agreed with the subject.
    subject_living: &'static str,
    /// The subject as a signature's расшифровка: «М. О. Кудрявцева».
    subject_signature: String,
    children: Vec<String>,
    purposes: Vec<&'static str>,
    data: Vec<&'static str>,
    actions: &'static str,
    term: &'static str,
    withdrawn: String,
}

const PURPOSES: [&str; 3] = [
    "социальное сопровождение семьи (ст. 22 Федерального закона от 28.12.2013 № 442-ФЗ)",
    "разработка и исполнение программы социального сопровождения, межведомственное взаимодействие с субъектами системы профилактики",
    "ведение учёта семей, находящихся на сопровождении, и отчётность учреждения",
];

const DATA: [&str; 6] = [
    "фамилия, имя, отчество, дата рождения, степень родства",
    "адрес места жительства, контактный телефон",
    "сведения о занятости, обучении, доходах семьи",
    "сведения о жилищно-бытовых условиях",
    "сведения о составе семьи и обстоятельствах, обусловливающих нуждаемость в сопровождении",
    "сведения о состоянии здоровья — в объёме, необходимом для сопровождения (ст. 10 Федерального закона № 152-ФЗ)",
];

const ACTIONS: &str = "сбор, запись, систематизация, накопление, хранение, уточнение (обновление, изменение), \
извлечение, использование, передача (предоставление, доступ) органам и учреждениям системы профилактики \
безнадзорности и правонарушений несовершеннолетних в целях сопровождения, обезличивание, блокирование, \
удаление, уничтожение, с использованием средств автоматизации и без них";

const TERM: &str = "Согласие действует со дня подписания до окончания социального сопровождения и срока \
хранения документов учреждения. Согласие может быть отозвано письменным заявлением (ч. 2 ст. 9 \
Федерального закона от 27.07.2006 № 152-ФЗ «О персональных данных»).";

/// The consent of a case, if one was signed.
pub fn consent(case: &Case, config: &Config, org: &OrgView) -> Option<Document> {
    let c = case.consent.as_ref()?;
    let head = CaseHead::new(case, config, c.date);
    let children = case
        .family
        .members
        .iter()
        .filter(|m| m.name != c.signed_by && super::is_minor(m.birth_date, c.date))
        .map(|m| format!("{}, {} г. р.", m.name, super::date_short(m.birth_date)))
        .collect();
    let subject = case.person(&c.signed_by);
    let view = ConsentView {
        subject_living: subject.agree("проживающий", "проживающая"),
        subject_signature: subject.signature(),
        org,
        title: "Согласие на обработку персональных данных",
        date: date_long(c.date),
        subject: c.signed_by.clone(),
        children,
        purposes: PURPOSES.to_vec(),
        data: DATA.to_vec(),
        actions: ACTIONS,
        term: TERM,
        withdrawn: c.withdrawn.map(date_long).unwrap_or_default(),
        case: head,
    };
    Some(Document {
        kind: Kind::Consent,
        sources: super::case_sources(case),
        path: case_dir(&case.number).join("согласие-пдн"),
        ident: format!("kurator/{}/consent", case.number),
        title: "Согласие на обработку персональных данных".to_owned(),
        date: c.date,
        case: Some(case.number.clone()),
        data: to_json(&view),
    })
}
