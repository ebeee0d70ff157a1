//! One sitting of the social consilium or the working group: `meetings/<дата>.yaml`.
//!
//! Decisions about each family live in the case files (`консилиумы:`, a programme's
//! `заседание:`), so a meeting file holds who sat, when, and the other questions it decided;
//! the protocol is assembled from both.

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

    /// Вопросы повестки, кроме рассмотрения семей и утверждения программ (их kurator берёт из файлов случаев): по каждому — слушали, выступили, решили.
    #[serde(rename = "повестка", default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(title = "Повестка")]
    pub agenda: Vec<AgendaItem>,
}

/// Вопрос повестки заседания (Положение о социальном сопровождении семей с детьми, п. 6): кого слушали, кто выступил и что решили.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AgendaItem {
    /// Вопрос, как в повестке: «О распределении семей между кураторами на период отпуска …».
    #[serde(rename = "вопрос")]
    #[schemars(title = "Вопрос повестки", length(min = 1))]
    pub question: String,

    /// СЛУШАЛИ: докладчик — ФИО в именительном падеже («Лаврентьева Г. С.»); в протоколе kurator склонит: «Лаврентьеву Г. С.».
    #[serde(rename = "слушали")]
    #[schemars(title = "Слушали (докладчик)", length(min = 1))]
    pub speaker: String,

    /// Краткое содержание доклада: «о …».
    #[serde(rename = "доклад", default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "Содержание доклада")]
    pub report: Option<String>,

    /// ВЫСТУПИЛИ: кто выступил по вопросу и что сказал (необязательно).
    #[serde(rename = "выступили", default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(title = "Выступили")]
    pub speeches: Vec<Speech>,

    /// РЕШИЛИ: текст решения. Протокол пишется после заседания, поэтому вопрос без решения — ошибка.
    #[serde(rename = "решили")]
    #[schemars(title = "Решили", length(min = 1))]
    pub decision: String,

    /// Ответственный за исполнение решения (ФИО); не нужен решению «принять к сведению».
    #[serde(
        rename = "ответственный",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(title = "Ответственный")]
    pub responsible: Option<String>,

    /// Срок исполнения решения.
    #[serde(rename = "срок", default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "Срок исполнения")]
    pub deadline: Option<Date>,

    /// Итоги голосования, если голосовали.
    #[serde(
        rename = "голосование",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(title = "Голосование")]
    pub vote: Option<Vote>,
}

/// Выступление по вопросу повестки.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Speech {
    /// ФИО выступившего.
    #[serde(rename = "фио")]
    #[schemars(title = "ФИО", length(min = 1))]
    pub name: String,

    /// Что сказал, кратко.
    #[serde(rename = "текст")]
    #[schemars(title = "Содержание выступления", length(min = 1))]
    pub text: String,
}

/// Итоги голосования: число голосов за, против и воздержавшихся.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Vote {
    /// Голосов «за».
    #[serde(rename = "за")]
    #[schemars(title = "За")]
    pub yes: u32,

    /// Голосов «против».
    #[serde(rename = "против", default)]
    #[schemars(title = "Против")]
    pub no: u32,

    /// Воздержались.
    #[serde(rename = "воздержались", default)]
    #[schemars(title = "Воздержались")]
    pub abstained: u32,
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
