//! One sitting of the social consilium or the working group: `meetings/<дата>.yaml`.
//!
//! Decisions about each family live in the case files (`консилиумы:`), so a meeting file
//! holds only who sat and when; the protocol is assembled from both.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Date;

/// Заседание социального консилиума или рабочей группы (файл `meetings/<дата>.yaml`).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Заседание")]
pub struct Meeting {
    /// Дата заседания; имя файла должно совпадать с ней: 2024-06-28 → meetings/2024-06-28.yaml.
    #[serde(rename = "дата")]
    #[schemars(title = "Дата заседания")]
    pub date: Date,

    /// Номер протокола, например «3» или «3/2024».
    #[serde(rename = "номер")]
    #[schemars(title = "Номер протокола")]
    pub number: String,

    /// Вид заседания: консилиум или рабочая группа.
    #[serde(rename = "вид", default)]
    #[schemars(title = "Вид заседания")]
    pub kind: MeetingKind,

    /// ФИО председателя.
    #[serde(rename = "председатель")]
    #[schemars(title = "Председатель")]
    pub chair: String,

    /// ФИО секретаря.
    #[serde(rename = "секретарь")]
    #[schemars(title = "Секретарь")]
    pub secretary: String,

    /// Присутствовали: ФИО и должность каждого.
    #[serde(rename = "присутствовали")]
    #[schemars(title = "Присутствовали", length(min = 1))]
    pub attendees: Vec<Attendee>,

    /// Повестка: вопросы, кроме рассмотрения семей.
    #[serde(rename = "повестка", default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(title = "Повестка")]
    pub agenda: Vec<String>,
}

/// Вид заседания.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum MeetingKind {
    /// Социальный консилиум.
    #[default]
    #[serde(rename = "консилиум")]
    Consilium,
    /// Заседание рабочей группы.
    #[serde(rename = "рабочая группа")]
    WorkingGroup,
}

/// Участник заседания.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Attendee {
    /// Фамилия и инициалы или ФИО полностью.
    #[serde(rename = "фио")]
    #[schemars(title = "ФИО")]
    pub name: String,

    /// Должность и организация.
    #[serde(rename = "должность")]
    #[schemars(title = "Должность")]
    pub position: String,
}
