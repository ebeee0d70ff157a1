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

    /// Организация, если сотрудник не из центра (субъект системы профилактики).
    #[serde(
        rename = "организация",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(title = "Организация")]
    pub organisation: Option<String>,
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
