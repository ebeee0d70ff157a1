//! The centre itself: `kurator.yaml` at the root of the case repository.
//!
//! Lists that differ from centre to centre (family types, levels of support) live here, not
//! in the schema, so a centre changes them without a new kurator release.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Настройки центра: реквизиты, рабочая группа, кураторы и справочники (файл `kurator.yaml`).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Настройки центра")]
pub struct Config {
    /// Реквизиты организации для шапки документов.
    #[serde(rename = "организация")]
    #[schemars(title = "Организация")]
    pub organisation: Organisation,

    /// Кураторы семей; в случаях куратор указывается так же, как здесь.
    #[serde(rename = "кураторы")]
    #[schemars(title = "Кураторы", length(min = 1))]
    pub curators: Vec<Person>,

    /// Постоянный состав рабочей группы с должностями.
    #[serde(
        rename = "рабочая_группа",
        default,
        skip_serializing_if = "Vec::is_empty"
    )]
    #[schemars(title = "Рабочая группа")]
    pub working_group: Vec<Person>,

    /// Допустимые типы семей (Положение о социальном сопровождении семей с детьми, п. 4.1); если не указаны — встроенный список.
    #[serde(rename = "типы_семей", default = "default_family_types")]
    #[schemars(title = "Типы семей")]
    pub family_types: Vec<String>,

    /// Уровни сопровождения, как их называет центр; если не указаны — встроенный список.
    #[serde(rename = "уровни_сопровождения", default = "default_levels")]
    #[schemars(title = "Уровни сопровождения")]
    pub levels: Vec<String>,

    /// Отметка о конфиденциальности в правом верхнем углу первой страницы документов с
    /// персональными данными (ГОСТ Р 7.0.97-2025); если не указана — «Конфиденциально».
    /// Пустая строка ("") убирает отметку.
    #[serde(
        rename = "отметка_конфиденциальности",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(title = "Отметка о конфиденциальности")]
    pub confidentiality: Option<String>,

    /// Организации, которым центр передаёт персональные данные семей сверх тех, что названы у
    /// членов рабочей группы (`рабочая_группа[].организация`); согласие называет их всех
    /// (152-ФЗ, ст. 9, ч. 4, п. 5).
    #[serde(rename = "партнёры", default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(title = "Организации-партнёры")]
    pub partners: Vec<String>,

    /// Сколько лет центр хранит документы о сопровождении после его завершения (по номенклатуре
    /// дел); столько же после завершения действует согласие на обработку персональных данных.
    /// Если не указано — 5.
    #[serde(
        rename = "хранение_документов_лет",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(title = "Срок хранения документов, лет", range(min = 1, max = 75))]
    pub retention_years: Option<u32>,
    /// Реквизиты аналитических справок: исполнитель и кто подписывает справку по учреждению.
    #[serde(rename = "отчёты", default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "Аналитические справки")]
    pub reports: Option<ReportSettings>,
}

/// Реквизиты квартальных аналитических справок (ГОСТ Р 7.0.97: отметка об исполнителе, подпись).
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportSettings {
    /// Отметка об исполнителе в конце справки: кто её подготовил и как с ним связаться.
    #[serde(
        rename = "исполнитель",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(title = "Исполнитель")]
    pub executor: Option<Executor>,

    /// Кто подписывает справку по учреждению (директор или заведующий отделением); если не указан — руководитель учреждения.
    #[serde(
        rename = "подписывает",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(title = "Подписывает справку")]
    pub signer: Option<Person>,
}

/// Исполнитель документа (ГОСТ Р 7.0.97): ФИО, должность и телефон.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Executor {
    /// Фамилия и инициалы, например «Ушакова М. Ю.».
    #[serde(rename = "фио")]
    #[schemars(title = "ФИО")]
    pub name: String,

    /// Должность исполнителя.
    #[serde(rename = "должность", default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "Должность")]
    pub position: Option<String>,

    /// Телефон исполнителя, например «8 (34519) 2-14-40».
    #[serde(rename = "телефон")]
    #[schemars(title = "Телефон")]
    pub phone: String,
}

impl Config {
    /// Every organisation a consent names as receiving personal data: those of the working
    /// group, then the partners, each once, in the order written.
    pub fn third_parties(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let named = self
            .working_group
            .iter()
            .filter_map(|p| p.organisation.clone());
        for org in named.chain(self.partners.iter().cloned()) {
            if !out.contains(&org) {
                out.push(org);
            }
        }
        out
    }

    /// A member of staff as documents decline them: the `пол` kurator.yaml gives the director,
    /// a curator or a member of the working group of that name, else what the name tells.
    pub fn staff(&self, name: &str) -> crate::grammar::Person {
        let sex = std::iter::once(&self.organisation.director)
            .chain(&self.curators)
            .chain(&self.working_group)
            .find(|p| p.name == name)
            .and_then(|p| p.sex);
        crate::grammar::Person::new(name, sex.map(crate::model::Sex::gender))
    }

    /// Years documents (and consents) are kept after support ends.
    pub fn retention_years(&self) -> u32 {
        self.retention_years.unwrap_or(5)
    }

    /// The confidentiality mark documents with personal data carry; empty when the centre
    /// turned it off.
    pub fn confidentiality_mark(&self) -> String {
        match &self.confidentiality {
            Some(mark) => mark.trim().to_owned(),
            None => "Конфиденциально".to_owned(),
        }
    }
}

/// Реквизиты организации.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    /// Полное наименование учреждения.
    #[serde(rename = "полное_наименование")]
    #[schemars(title = "Полное наименование")]
    pub full_name: String,

    /// Сокращённое наименование учреждения.
    #[serde(rename = "краткое_наименование")]
    #[schemars(title = "Краткое наименование")]
    pub short_name: String,

    /// Почтовый адрес.
    #[serde(rename = "адрес")]
    #[schemars(title = "Адрес")]
    pub address: String,

    /// Телефон.
    #[serde(rename = "телефон")]
    #[schemars(title = "Телефон")]
    pub phone: String,

    /// Адрес электронной почты.
    #[serde(rename = "почта", default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "Электронная почта")]
    pub email: Option<String>,

    /// ОГРН учреждения: 13 цифр, последняя — контрольная.
    #[serde(rename = "огрн", default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "ОГРН", regex(pattern = r"^[0-9]{13}$"))]
    pub ogrn: Option<String>,

    /// ИНН учреждения: 10 цифр, последняя — контрольная.
    #[serde(rename = "инн", default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "ИНН", regex(pattern = r"^[0-9]{10}$"))]
    pub inn: Option<String>,

    /// КПП учреждения: 9 знаков.
    #[serde(rename = "кпп", default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "КПП", regex(pattern = r"^[0-9]{4}[0-9A-Z]{2}[0-9]{3}$"))]
    pub kpp: Option<String>,

    /// Руководитель учреждения: ФИО и должность, для подписи «Утверждаю».
    #[serde(rename = "руководитель")]
    #[schemars(title = "Руководитель")]
    pub director: Person,
}

/// Сотрудник: ФИО и должность.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Фамилия и инициалы, например «Юсовская Т. В.».
    #[serde(rename = "фио")]
    #[schemars(title = "ФИО")]
    pub name: String,

    /// Должность.
    #[serde(rename = "должность")]
    #[schemars(title = "Должность")]
    pub position: String,

    /// Пол: мужской или женский. Нужен, когда фамилия с инициалами его не выдаёт («Ким В. А.»,
    /// «Шевчук О. Л.»): по нему склоняется фамилия в распоряжениях, договоре и заявлении.
    #[serde(rename = "пол", default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "Пол")]
    pub sex: Option<crate::model::Sex>,

    /// Организация, если сотрудник не из центра (субъект системы профилактики).
    #[serde(
        rename = "организация",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(title = "Организация")]
    pub organisation: Option<String>,
}

/// The file-name tail of the centre's own quarterly report, beside the curators' [`name_slug`]s;
/// no curator's name may take it (`rules::integrity`).
pub const CENTRE_SLUG: &str = "центр";

/// The file-name form of a person's name: «Белозёрова Н. А.» → «Белозёрова-Н-А».
///
/// Only letters and digits are kept, the rest (spaces, dots, `/`, `\\`, `:`, NUL…) separates
/// them: whatever a name holds, its file name stays one plain component on every system, so a
/// name can neither make a folder nor climb out of one. Two names with one form (differing only
/// in punctuation or, on Windows and macOS, in case) are refused by `rules::integrity`.
pub fn name_slug(name: &str) -> String {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// Family types of Положение о социальном сопровождении семей с детьми, п. 4.1, plus the usual ones of journals.
fn default_family_types() -> Vec<String> {
    [
        "полная",
        "неполная",
        "многодетная",
        "молодая",
        "малообеспеченная",
        "приёмная",
        "опекунская",
        "с ребёнком-инвалидом",
        "семья участника СВО",
        "пострадавшие от насилия",
    ]
    .map(String::from)
    .to_vec()
}

/// Levels of support when a centre names none of its own.
fn default_levels() -> Vec<String> {
    ["экстренный", "интенсивный", "базовый", "поддерживающий"]
        .map(String::from)
        .to_vec()
}

#[cfg(test)]
mod tests {
    use super::name_slug;

    #[test]
    fn a_slug_is_one_plain_file_name_component() {
        assert_eq!(name_slug("Белозёрова Н. А."), "Белозёрова-Н-А");
        assert_eq!(name_slug("Мамин-Сибиряк Д. Н."), "Мамин-Сибиряк-Д-Н");
        assert_eq!(name_slug("../x\\y/z\0:*"), "x-y-z");
        assert_eq!(name_slug(" . / "), "");
    }
}
