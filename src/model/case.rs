//! One family under social support: `cases/<номер>.yaml`.
//!
//! The doc comments on fields are in Russian on purpose: schemars turns them into the
//! `description` that staff see as hover help in their editor.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Date;

/// Случай социального сопровождения семьи (один файл `cases/<номер>.yaml`).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Случай сопровождения семьи")]
pub struct Case {
    /// Номер случая; имя файла должно совпадать с ним: 2024-017 → cases/2024-017.yaml.
    #[serde(rename = "номер")]
    #[schemars(title = "Номер случая", regex(pattern = r"^[0-9A-Za-zА-Яа-яЁё._-]+$"))]
    pub number: String,

    /// The file the case was read from, relative to the repository, `/` between folders
    /// (`cases/архив/2023/2023-004.yaml`): stamps and histories name the real file. Set by
    /// `load`, never written in the file itself; empty for a case made in memory.
    #[serde(skip)]
    #[schemars(skip)]
    pub file: String,

    /// Когда и откуда поступила информация о семье: от этой даты считаются сроки (Положение, п. 3.1).
    #[serde(rename = "поступление")]
    #[schemars(title = "Поступление информации")]
    pub intake: Intake,

    /// Сведения о семье: состав, категория, типы, проблемы и ресурсы.
    #[serde(rename = "семья")]
    #[schemars(title = "Семья")]
    pub family: Family,

    /// ФИО куратора семьи, как в списке кураторов kurator.yaml, например «Юсовская Т. В.».
    #[serde(rename = "куратор")]
    #[schemars(title = "Куратор семьи")]
    pub curator: String,

    /// Замены куратора с датой и основанием (Положение о кураторе случая, п. 1.9).
    #[serde(
        rename = "смена_куратора",
        default,
        skip_serializing_if = "Vec::is_empty"
    )]
    #[schemars(title = "Смена куратора")]
    pub curator_changes: Vec<CuratorChange>,

    /// Уровень сопровождения при постановке на учёт (из списка уровней kurator.yaml); дальше его меняет консилиум.
    #[serde(rename = "уровень", default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "Уровень сопровождения")]
    pub level: Option<String>,

    /// Даты начала этапов сопровождения (Положение, п. 1.5.1–1.5.5).
    #[serde(rename = "этапы", default)]
    #[schemars(title = "Этапы")]
    pub stages: Stages,

    /// Согласие на обработку персональных данных — отдельный документ (152-ФЗ, ст. 9).
    #[serde(
        rename = "согласие_пдн",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(title = "Согласие на обработку ПДн")]
    pub consent: Option<Consent>,

    /// Договор о социальном сопровождении (Положение, п. 1.5.2; Положение о социальном сопровождении семей с детьми, п. 5.5).
    #[serde(rename = "договор", default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "Договор о сопровождении")]
    pub agreement: Option<Agreement>,

    /// Программа социального сопровождения семьи (ПССС/ИПСС).
    #[serde(rename = "программа", default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "Программа сопровождения")]
    pub programme: Option<Programme>,

    /// Обследования жилищно-бытовых условий: по каждому составляется акт.
    #[serde(
        rename = "обследования",
        default,
        skip_serializing_if = "Vec::is_empty"
    )]
    #[schemars(title = "Обследования ЖБУ")]
    pub inspections: Vec<Inspection>,

    /// Патронаж: посещения семьи по месту жительства, не реже раза в месяц (Положение, п. 3.1).
    #[serde(rename = "патронаж", default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(title = "Патронаж")]
    pub visits: Vec<Visit>,

    /// Решения социального консилиума по семье, не реже раза в квартал (Положение о социальном сопровождении семей с детьми, п. 6.4).
    #[serde(rename = "консилиумы", default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(title = "Решения консилиума")]
    pub consilium: Vec<ConsiliumDecision>,

    /// Дети, возвращённые в семью из реабилитационных центров и приютов (показатель социального эффекта).
    #[serde(
        rename = "возвращение_детей",
        default,
        skip_serializing_if = "Vec::is_empty"
    )]
    #[schemars(title = "Возвращение детей в семью")]
    pub children_returned: Vec<ChildReturn>,

    /// Выявленные угрозы жизни или здоровью ребёнка и нарушения его прав: о каждой — срочное сообщение в органы системы профилактики (120-ФЗ, ст. 9 п. 2).
    #[serde(rename = "угрозы", default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(title = "Выявленные угрозы ребёнку")]
    pub threats: Vec<Threat>,

    /// Письма и сообщения, направленные в КДН и ЗП, органы опеки, прокуратуру, полицию: передача случая, итоги работы, срочные сообщения.
    #[serde(rename = "сообщения", default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(title = "Сообщения в органы системы профилактики")]
    pub notices: Vec<Notice>,

    /// Снятие с сопровождения: дата, основание, рекомендации.
    #[serde(rename = "закрытие", default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "Закрытие случая")]
    pub closure: Option<Closure>,
}

/// Угроза жизни или здоровью ребёнка либо нарушение его прав, выявленные при посещении, обследовании или из другого источника.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Threat {
    /// Дата, когда угроза выявлена: срочное сообщение направляется в тот же или следующий рабочий день (120-ФЗ, ст. 9 п. 2: «незамедлительно»).
    #[serde(rename = "дата")]
    #[schemars(title = "Дата выявления")]
    pub date: Date,

    /// Что выявлено и при каких обстоятельствах.
    #[serde(rename = "описание")]
    #[schemars(title = "Что выявлено", length(min = 1))]
    pub description: String,
}

/// Письмо или сообщение в орган системы профилактики.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Notice {
    /// Дата отправки.
    #[serde(rename = "дата")]
    #[schemars(title = "Дата отправки")]
    pub date: Date,

    /// Кому направлено: КДН и ЗП, органы опеки, прокуратура, полиция.
    #[serde(rename = "адресат")]
    #[schemars(title = "Адресат")]
    pub addressee: Addressee,

    /// Вид: передача случая, итоги работы, срочное сообщение (об угрозе жизни или здоровью ребёнка, о нарушении его прав).
    #[serde(rename = "вид")]
    #[schemars(title = "Вид сообщения")]
    pub kind: NoticeKind,

    /// Что направлено: краткое содержание и приложения.
    #[serde(rename = "содержание")]
    #[schemars(title = "Содержание", length(min = 1))]
    pub content: String,

    /// Исходящий номер письма, например «01-12/145».
    #[serde(
        rename = "исходящий_номер",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(title = "Исходящий номер")]
    pub number: Option<String>,
}

/// Адресат сообщения: орган системы профилактики (120-ФЗ, ст. 4, ст. 9 п. 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum Addressee {
    /// Комиссия по делам несовершеннолетних и защите их прав.
    #[serde(rename = "КДН и ЗП")]
    Kdn,
    /// Органы опеки и попечительства.
    #[serde(rename = "органы опеки")]
    Guardianship,
    /// Прокуратура.
    #[serde(rename = "прокуратура")]
    Prosecutor,
    /// Полиция (органы внутренних дел).
    #[serde(rename = "полиция")]
    Police,
}

/// Вид сообщения.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum NoticeKind {
    /// Информация о передаче случая (Положение о кураторе семьи, п. 1.5.4).
    #[serde(rename = "передача случая")]
    HandOver,
    /// Итоги работы с семьёй (Положение о кураторе случая, п. 6.4).
    #[serde(rename = "итоги работы")]
    Results,
    /// Срочное сообщение об угрозе жизни или здоровью ребёнка либо о нарушении его прав (120-ФЗ, ст. 9 п. 2).
    #[serde(rename = "срочное сообщение")]
    Urgent,
}

impl Addressee {
    /// The body as staff write it (the YAML value).
    pub fn label(self) -> &'static str {
        match self {
            Addressee::Kdn => "КДН и ЗП",
            Addressee::Guardianship => "органы опеки",
            Addressee::Prosecutor => "прокуратура",
            Addressee::Police => "полиция",
        }
    }
}

impl NoticeKind {
    /// The kind as a list of letters names it.
    pub fn label(self) -> &'static str {
        match self {
            NoticeKind::HandOver => "передача случая",
            NoticeKind::Results => "итоги работы",
            NoticeKind::Urgent => "срочное сообщение об угрозе ребёнку",
        }
    }
}

/// Поступление информации о семье, нуждающейся в сопровождении.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Intake {
    /// Дата поступления информации о семье (ГГГГ-ММ-ДД).
    #[serde(rename = "дата")]
    #[schemars(title = "Дата поступления")]
    pub date: Date,

    /// Источник информации: заявление родителя, постановление КДН и ЗП, сообщение школы и т. п.
    #[serde(rename = "источник")]
    #[schemars(title = "Источник информации")]
    pub source: String,

    /// Срочность: «обычная» или «экстренная» (экстренное реагирование, этап 1 технологии ведения случая).
    #[serde(rename = "срочность", default)]
    #[schemars(title = "Срочность")]
    pub urgency: Urgency,

    /// Обстоятельства, обусловливающие нуждаемость семьи в сопровождении (графа журнала).
    #[serde(
        rename = "обстоятельства",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(title = "Обстоятельства нуждаемости")]
    pub circumstances: Option<String>,

    /// Дата постановки семьи на учёт (Положение, п. 1.5.1).
    #[serde(
        rename = "постановка_на_учёт",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(title = "Постановка на учёт")]
    pub registered: Option<Date>,

    /// Когда куратор проинформировал рабочую группу и сформировал общие сведения (срок — 5 рабочих дней, Положение, п. 3.1).
    #[serde(
        rename = "рабочая_группа_проинформирована",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(title = "Рабочая группа проинформирована")]
    pub working_group_informed: Option<Date>,
}

/// Срочность реагирования на поступившую информацию.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum Urgency {
    /// Обычная: сроки по положению.
    #[default]
    #[serde(rename = "обычная")]
    Normal,
    /// Экстренная: угроза жизни или здоровью, реагировать немедленно.
    #[serde(rename = "экстренная")]
    Emergency,
}

/// Сведения о семье.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Family {
    /// Фамилия семьи во множественном числе, например «Петровы».
    #[serde(rename = "фамилия")]
    #[schemars(title = "Фамилия семьи")]
    pub surname: String,

    /// Адрес проживания семьи.
    #[serde(rename = "адрес")]
    #[schemars(title = "Адрес")]
    pub address: String,

    /// Контактный телефон; можно писать как угодно: 8 912 345-67-89.
    #[serde(rename = "телефон", default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "Телефон")]
    pub phone: Option<String>,

    /// Категория семьи: СОП, ТЖС или «нуждается в поддержке» — от неё зависит нагрузка куратора (Положение, п. 1.8).
    #[serde(rename = "категория")]
    #[schemars(title = "Категория семьи")]
    pub category: Category,

    /// Типы семьи из списка «типы_семей» в kurator.yaml, например [многодетная, неполная].
    #[serde(rename = "типы", default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(title = "Типы семьи")]
    pub types: Vec<String>,

    /// Члены семьи, проживающие совместно.
    #[serde(rename = "члены")]
    #[schemars(title = "Состав семьи", length(min = 1))]
    pub members: Vec<Member>,

    /// Проблемы семьи, выявленные на диагностическом этапе.
    #[serde(rename = "проблемы", default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(title = "Проблемы")]
    pub problems: Vec<String>,

    /// Сильные стороны и ресурсы семьи (Положение, п. 6.2).
    #[serde(rename = "ресурсы", default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(title = "Ресурсы")]
    pub strengths: Vec<String>,
}

/// Категория семьи: от неё зависит предельная нагрузка куратора (Положение, п. 1.8).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
pub enum Category {
    /// Семья в социально опасном положении (120-ФЗ, ст. 1).
    #[serde(rename = "СОП")]
    Sop,
    /// Семья в трудной жизненной ситуации.
    #[serde(rename = "ТЖС")]
    Tzhs,
    /// Семья, нуждающаяся в поддержке.
    #[serde(rename = "нуждается в поддержке")]
    NeedsSupport,
}

impl Category {
    /// The spelling used in the case files and documents.
    pub fn label(self) -> &'static str {
        match self {
            Category::Sop => "СОП",
            Category::Tzhs => "ТЖС",
            Category::NeedsSupport => "нуждается в поддержке",
        }
    }
}

/// Член семьи.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// Фамилия Имя Отчество полностью.
    #[serde(rename = "фио")]
    #[schemars(title = "ФИО")]
    pub name: String,

    /// Кем приходится в семье: мать, отец, сын, дочь, бабушка, опекун и т. п.
    #[serde(rename = "роль")]
    #[schemars(title = "Роль в семье")]
    pub role: String,

    /// Дата рождения (ГГГГ-ММ-ДД).
    #[serde(rename = "дата_рождения")]
    #[schemars(title = "Дата рождения")]
    pub birth_date: Date,

    /// Место работы или учёбы, например «МБОУ СОШ № 3, 4 класс» или «не работает».
    #[serde(rename = "занятость", default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "Занятость")]
    pub occupation: Option<String>,

    /// Отметьте «да» у того, кто подал заявление или подписал договор (графа журнала «заявитель»).
    #[serde(rename = "заявитель", default, skip_serializing_if = "YesNo::is_no")]
    #[schemars(title = "Заявитель")]
    pub applicant: YesNo,

    /// Пол: мужской или женский. Пишется, если отчества нет: по полу договор пишет «проживающая».
    #[serde(rename = "пол", default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "Пол")]
    pub sex: Option<Sex>,

    /// Документ, удостоверяющий личность (у ребёнка — свидетельство о рождении): вид, серия,
    /// номер, кем и когда выдан, например «паспорт 71 09 482615, выдан ОВД г. Верхнеозёрска
    /// 14.05.2010». Печатается в договоре у того, кто его подписывает, и у детей, в интересах
    /// которых он заключён; если не заполнено, в договоре остаётся строка для записи от руки.
    #[serde(rename = "документ", default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "Документ, удостоверяющий личность")]
    pub document: Option<String>,

    /// Согласие этого взрослого члена семьи на обработку его персональных данных (152-ФЗ, ст. 9):
    /// у каждого взрослого, чьи данные ведутся, своё согласие; у того, кто подписал
    /// `согласие_пдн` случая, и у детей (их представляет законный представитель) не пишется.
    #[serde(
        rename = "согласие_пдн",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(title = "Согласие на обработку персональных данных")]
    pub consent: Option<MemberConsent>,
}

/// Согласие члена семьи на обработку персональных данных.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MemberConsent {
    /// Дата подписания согласия.
    #[serde(rename = "дата")]
    #[schemars(title = "Дата согласия")]
    pub date: Date,

    /// Дата отзыва согласия, если оно отозвано (152-ФЗ, ст. 9, ч. 2).
    #[serde(rename = "отозвано", default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "Отозвано")]
    pub withdrawn: Option<Date>,
}

impl Case {
    /// The family member of that name, compared as staff type names (case, «ё», spacing aside).
    pub fn member_named(&self, name: &str) -> Option<&Member> {
        let wanted = super::names::words(name);
        self.family
            .members
            .iter()
            .find(|m| super::names::words(&m.name) == wanted)
    }

    /// The person of that name as documents name them: the `пол` of the family member of that
    /// name counts, else the patronymic.
    pub fn person(&self, name: &str) -> crate::grammar::Person {
        match self.member_named(name) {
            Some(member) => member.person(),
            None => crate::grammar::Person::new(name, None),
        }
    }

    /// The member marked as applicant, or the first member.
    pub fn applicant(&self) -> Option<&Member> {
        let members = &self.family.members;
        members
            .iter()
            .find(|m| m.applicant == YesNo::Yes)
            .or(members.first())
    }
}

impl Member {
    /// The member as documents name them: the sex from `пол`, else from the patronymic.
    pub fn person(&self) -> crate::grammar::Person {
        crate::grammar::Person::new(&self.name, self.sex.map(Sex::gender))
    }
}

/// Пол.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum Sex {
    /// Мужской.
    #[serde(rename = "мужской")]
    Male,
    /// Женский.
    #[serde(rename = "женский")]
    Female,
}

impl Sex {
    /// The sex as grammar needs it.
    pub fn gender(self) -> crate::grammar::Gender {
        match self {
            Sex::Male => crate::grammar::Gender::Male,
            Sex::Female => crate::grammar::Gender::Female,
        }
    }
}

/// Замена куратора.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CuratorChange {
    /// Дата замены.
    #[serde(rename = "дата")]
    #[schemars(title = "Дата замены")]
    pub date: Date,

    /// ФИО куратора, который вёл семью до замены.
    #[serde(rename = "прежний")]
    #[schemars(title = "Прежний куратор")]
    pub previous: String,

    /// Основание замены (Положение о кураторе случая, п. 1.9).
    #[serde(rename = "основание")]
    #[schemars(title = "Основание замены")]
    pub ground: ReplacementGround,
}

/// Основание замены куратора (Положение о кураторе случая, п. 1.9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum ReplacementGround {
    /// По ходатайству учреждения социальной защиты.
    #[serde(rename = "ходатайство учреждения")]
    InstitutionRequest,
    /// По обоснованному ходатайству самого куратора.
    #[serde(rename = "ходатайство куратора")]
    CuratorRequest,
    /// По просьбе несовершеннолетнего или его семьи.
    #[serde(rename = "просьба семьи")]
    FamilyRequest,
    /// При изменении специфики проблем семьи.
    #[serde(rename = "изменение проблем")]
    ProblemsChanged,
    /// При изменении кадрового состава.
    #[serde(rename = "изменение кадрового состава")]
    StaffChange,
}

/// Даты начала этапов.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Stages {
    /// Начало диагностического этапа (Положение, п. 1.5.1).
    #[serde(
        rename = "диагностический",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(title = "Диагностический этап")]
    pub diagnostic: Option<Date>,

    /// Начало целевого этапа: программа и договор (Положение, п. 1.5.2).
    #[serde(rename = "целевой", default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "Целевой этап")]
    pub goal_setting: Option<Date>,

    /// Начало деятельностного этапа, до 1 года (Положение, п. 1.5.3).
    #[serde(
        rename = "деятельностный",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(title = "Деятельностный этап")]
    pub active: Option<Date>,

    /// Начало рефлексивного этапа, от 1 до 3 месяцев (Положение, п. 1.5.4).
    #[serde(
        rename = "рефлексивный",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(title = "Рефлексивный этап")]
    pub reflective: Option<Date>,

    /// Начало поддерживающего этапа, не более 1 месяца (Положение, п. 1.5.5).
    #[serde(
        rename = "поддерживающий",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(title = "Поддерживающий этап")]
    pub supporting: Option<Date>,
}

/// The five stages in the order a case passes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stage {
    /// Диагностический.
    Diagnostic,
    /// Целевой.
    GoalSetting,
    /// Деятельностный.
    Active,
    /// Рефлексивный.
    Reflective,
    /// Поддерживающий.
    Supporting,
}

impl Stage {
    /// Every stage, in order.
    pub const ALL: [Stage; 5] = [
        Stage::Diagnostic,
        Stage::GoalSetting,
        Stage::Active,
        Stage::Reflective,
        Stage::Supporting,
    ];

    /// The YAML key of the stage under `этапы`.
    pub fn key(self) -> &'static str {
        match self {
            Stage::Diagnostic => "диагностический",
            Stage::GoalSetting => "целевой",
            Stage::Active => "деятельностный",
            Stage::Reflective => "рефлексивный",
            Stage::Supporting => "поддерживающий",
        }
    }
}

impl Stages {
    /// Start date of one stage.
    pub fn start(&self, stage: Stage) -> Option<Date> {
        match stage {
            Stage::Diagnostic => self.diagnostic,
            Stage::GoalSetting => self.goal_setting,
            Stage::Active => self.active,
            Stage::Reflective => self.reflective,
            Stage::Supporting => self.supporting,
        }
    }

    /// The stages that have a start date, in order.
    pub fn started(&self) -> impl Iterator<Item = (Stage, Date)> + '_ {
        Stage::ALL
            .into_iter()
            .filter_map(|stage| self.start(stage).map(|date| (stage, date)))
    }
}

/// Согласие на обработку персональных данных.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Consent {
    /// Дата подписания согласия.
    #[serde(rename = "дата")]
    #[schemars(title = "Дата согласия")]
    pub date: Date,

    /// ФИО подписавшего (родитель или законный представитель).
    #[serde(rename = "подписал")]
    #[schemars(title = "Подписал")]
    pub signed_by: String,

    /// Дата отзыва согласия, если оно отозвано (152-ФЗ, ст. 9, ч. 2).
    #[serde(rename = "отозвано", default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "Отозвано")]
    pub withdrawn: Option<Date>,
}

/// Договор о социальном сопровождении.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Agreement {
    /// Номер договора, как он записан в журнале.
    #[serde(rename = "номер")]
    #[schemars(title = "Номер договора")]
    pub number: String,

    /// Дата заключения договора.
    #[serde(rename = "дата")]
    #[schemars(title = "Дата договора")]
    pub date: Date,

    /// Срок действия договора (последний день).
    #[serde(rename = "срок_до")]
    #[schemars(title = "Действует до")]
    pub valid_until: Date,

    /// ФИО члена семьи, подписавшего договор.
    #[serde(rename = "подписал", default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "Подписал от семьи")]
    pub signed_by: Option<String>,

    /// Обязательства семьи по договору.
    #[serde(
        rename = "обязательства_семьи",
        default,
        skip_serializing_if = "Vec::is_empty"
    )]
    #[schemars(title = "Обязательства семьи")]
    pub family_obligations: Vec<String>,

    /// Обязательства центра по договору.
    #[serde(
        rename = "обязательства_центра",
        default,
        skip_serializing_if = "Vec::is_empty"
    )]
    #[schemars(title = "Обязательства центра")]
    pub centre_obligations: Vec<String>,

    /// На каком основании подписавший представляет несовершеннолетних детей, если он не их
    /// родитель: например «акт об установлении опеки от 12.03.2023 № 145 администрации
    /// Верхнеозёрского муниципального округа». У матери и отца не пишется: основание —
    /// свидетельства о рождении детей, которые договор перечисляет.
    #[serde(
        rename = "полномочия",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(title = "Основание представительства детей")]
    pub authority: Option<String>,

    /// Дополнительные соглашения к договору — каждое отдельный документ: продление срока
    /// (`срок_до`) и новые обязанности сторон. Номера — 1, 2, … по порядку дат.
    #[serde(
        rename = "дополнительные_соглашения",
        default,
        skip_serializing_if = "Vec::is_empty"
    )]
    #[schemars(title = "Дополнительные соглашения")]
    pub supplements: Vec<Supplement>,
}

impl Agreement {
    /// The last day the agreement runs as known on `on`: the term of the latest supplement
    /// signed by then that extends it, else its own.
    pub fn ends(&self, on: Date) -> Date {
        self.supplements
            .iter()
            .filter(|s| s.date <= on)
            .filter_map(|s| s.valid_until)
            .next_back()
            .unwrap_or(self.valid_until)
    }
}

/// Дополнительное соглашение к договору о социальном сопровождении.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Supplement {
    /// Номер соглашения: «1», «2», …
    #[serde(rename = "номер")]
    #[schemars(title = "Номер соглашения")]
    pub number: String,

    /// Дата подписания соглашения.
    #[serde(rename = "дата")]
    #[schemars(title = "Дата соглашения")]
    pub date: Date,

    /// Новый последний день действия договора, если соглашение его продлевает.
    #[serde(rename = "срок_до", default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "Договор продлён до")]
    pub valid_until: Option<Date>,

    /// Обязанности, которыми соглашение дополняет обязанности семьи по договору.
    #[serde(
        rename = "обязательства_семьи",
        default,
        skip_serializing_if = "Vec::is_empty"
    )]
    #[schemars(title = "Новые обязательства семьи")]
    pub family_obligations: Vec<String>,

    /// Обязанности, которыми соглашение дополняет обязанности центра по договору.
    #[serde(
        rename = "обязательства_центра",
        default,
        skip_serializing_if = "Vec::is_empty"
    )]
    #[schemars(title = "Новые обязательства центра")]
    pub centre_obligations: Vec<String>,
}

/// Программа социального сопровождения семьи.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Programme {
    /// Дата, когда проект программы представлен рабочей группе (не позднее 10 рабочих дней, Положение, п. 1.5.2).
    #[serde(
        rename = "проект_представлен",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(title = "Проект представлен")]
    pub draft_presented: Option<Date>,

    /// Дата утверждения программы рабочей группой.
    #[serde(
        rename = "утверждена",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(title = "Утверждена")]
    pub approved: Option<Date>,

    /// Заседание рабочей группы, утвердившее программу: его дата (файл meetings/<дата>.yaml вида «рабочая группа»); совпадает с датой «утверждена». Протокол заседания перечислит программу, программа сошлётся на протокол.
    #[serde(rename = "заседание", default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "Заседание рабочей группы")]
    pub approval_meeting: Option<Date>,

    /// Дата направления утверждённой программы всем заинтересованным структурам (3 рабочих дня, Положение, п. 1.5.2).
    #[serde(
        rename = "направлена",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(title = "Направлена")]
    pub sent: Option<Date>,

    /// Дата ознакомления семьи с программой (Положение, п. 3.1).
    #[serde(
        rename = "семья_ознакомлена",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(title = "Семья ознакомлена")]
    pub family_acquainted: Option<Date>,

    /// Цели программы.
    #[serde(rename = "цели", default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(title = "Цели")]
    pub goals: Vec<String>,

    /// План мероприятий с исполнителями и сроками.
    #[serde(rename = "мероприятия", default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(title = "Мероприятия")]
    pub measures: Vec<Measure>,

    /// Корректировки программы; каждая выпускает новую редакцию программы.
    #[serde(
        rename = "корректировки",
        default,
        skip_serializing_if = "Vec::is_empty"
    )]
    #[schemars(title = "Корректировки")]
    pub corrections: Vec<Correction>,
}

/// Мероприятие программы.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    /// Задача, которую решает мероприятие.
    #[serde(rename = "задача")]
    #[schemars(title = "Задача")]
    pub task: String,

    /// Содержание мероприятия.
    #[serde(rename = "мероприятие")]
    #[schemars(title = "Мероприятие")]
    pub action: String,

    /// Ответственный исполнитель (ФИО или должность).
    #[serde(rename = "исполнитель")]
    #[schemars(title = "Исполнитель")]
    pub executor: String,

    /// Организация, ответственная за исполнение (субъект системы профилактики).
    #[serde(
        rename = "организация",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(title = "Организация")]
    pub organisation: Option<String>,

    /// Что делает сама семья (участие семьи).
    #[serde(
        rename = "участие_семьи",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(title = "Участие семьи")]
    pub family_part: Option<String>,

    /// Срок исполнения (последний день).
    #[serde(rename = "срок")]
    #[schemars(title = "Срок")]
    pub deadline: Date,

    /// Отметка о выполнении: дата, когда мероприятие выполнено.
    #[serde(rename = "выполнено", default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "Выполнено")]
    pub done: Option<Date>,

    /// Результат мероприятия.
    #[serde(rename = "результат", default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "Результат")]
    pub result: Option<String>,

    /// Дата корректировки, которой мероприятие включено в программу (пусто — было в первой редакции).
    #[serde(rename = "включено", default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "Включено")]
    pub included: Option<Date>,

    /// Дата корректировки, которой мероприятие исключено из программы.
    #[serde(rename = "исключено", default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "Исключено")]
    pub excluded: Option<Date>,
}

/// Корректировка программы.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Correction {
    /// Дата корректировки.
    #[serde(rename = "дата")]
    #[schemars(title = "Дата корректировки")]
    pub date: Date,

    /// Вид корректировки: включение, исключение, приоритет, привлечение (другого субъекта профилактики).
    #[serde(rename = "вид")]
    #[schemars(title = "Вид корректировки")]
    pub kind: CorrectionKind,

    /// Что изменено и почему.
    #[serde(rename = "описание")]
    #[schemars(title = "Описание")]
    pub description: String,

    /// Дата заседания (meetings/<дата>.yaml), на котором принята корректировка, если она принята консилиумом.
    #[serde(rename = "заседание", default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "Заседание")]
    pub meeting: Option<Date>,

    /// Дата, когда новая редакция программы направлена заинтересованным структурам (Положение, п. 1.5.2); не раньше даты корректировки.
    #[serde(
        rename = "направлена",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(title = "Редакция направлена")]
    pub sent: Option<Date>,

    /// Дата, когда семья ознакомлена с новой редакцией программы (Положение, п. 3.1); не раньше даты корректировки.
    #[serde(
        rename = "ознакомлена",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(title = "Семья ознакомлена с редакцией")]
    pub family_acquainted: Option<Date>,
}

/// Вид корректировки программы: включение, исключение мероприятия, смена приоритета, привлечение субъекта профилактики.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum CorrectionKind {
    /// Включение нового мероприятия.
    #[serde(rename = "включение")]
    Inclusion,
    /// Исключение мероприятия.
    #[serde(rename = "исключение")]
    Exclusion,
    /// Изменение приоритета мероприятий.
    #[serde(rename = "приоритет")]
    Priority,
    /// Привлечение другого субъекта системы профилактики.
    #[serde(rename = "привлечение")]
    Involvement,
}

/// Обследование жилищно-бытовых условий (по нему составляется акт).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Inspection {
    /// Дата обследования.
    #[serde(rename = "дата")]
    #[schemars(title = "Дата обследования")]
    pub date: Date,

    /// Вид: первичное, повторное или итоговое.
    #[serde(rename = "вид")]
    #[schemars(title = "Вид обследования")]
    pub kind: InspectionKind,

    /// Кто проводил обследование (ФИО, должность).
    #[serde(rename = "комиссия", default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(title = "Комиссия")]
    pub commission: Vec<String>,

    /// Жилищно-бытовые и материальные условия.
    #[serde(rename = "условия")]
    #[schemars(title = "Условия проживания")]
    pub conditions: Conditions,

    /// Выводы комиссии.
    #[serde(rename = "выводы")]
    #[schemars(title = "Выводы")]
    pub conclusions: String,

    /// Частные критерии оценки реализации программы (Положение, п. 6.1.2).
    #[serde(rename = "критерии", default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "Частные критерии")]
    pub criteria: Option<Criteria>,
}

/// Вид обследования; показатели сравнивают первое и последнее.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum InspectionKind {
    /// Первичное обследование на диагностическом этапе.
    #[serde(rename = "первичное")]
    Initial,
    /// Повторное обследование в ходе сопровождения.
    #[serde(rename = "повторное")]
    Repeat,
    /// Итоговое обследование перед закрытием.
    #[serde(rename = "итоговое")]
    Final,
}

/// Условия проживания семьи.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Conditions {
    /// Тип жилья: квартира, частный дом, комната в общежитии и т. п.
    #[serde(rename = "жильё")]
    #[schemars(title = "Жильё")]
    pub housing: String,

    /// Число комнат.
    #[serde(rename = "комнат", default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "Комнат", range(min = 0, max = 50))]
    pub rooms: Option<u32>,

    /// Благоустройство: отопление, водоснабжение, канализация.
    #[serde(rename = "удобства", default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "Удобства")]
    pub amenities: Option<String>,

    /// Санитарное состояние жилья.
    #[serde(
        rename = "санитарное_состояние",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(title = "Санитарное состояние")]
    pub sanitary: Option<String>,

    /// Среднедушевой доход семьи в рублях.
    #[serde(
        rename = "доход_на_человека",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(title = "Доход на человека, руб.", range(min = 0, max = 10_000_000))]
    pub income_per_person: Option<u32>,

    /// Признана ли семья малоимущей: да или нет.
    #[serde(
        rename = "малоимущая",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(title = "Малоимущая")]
    pub low_income: Option<YesNo>,
}

/// Да или нет.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum YesNo {
    /// Да.
    #[serde(rename = "да")]
    Yes,
    /// Нет.
    #[default]
    #[serde(rename = "нет")]
    No,
}

impl YesNo {
    /// `true` for «нет», to leave it out when writing.
    pub fn is_no(&self) -> bool {
        *self == YesNo::No
    }
}

/// Частные критерии оценки реализации программы (Положение, п. 6.1.2).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Criteria {
    /// Отказ родителей от вредных привычек.
    #[serde(rename = "отказ_от_вредных_привычек")]
    #[schemars(title = "Отказ от вредных привычек")]
    pub no_bad_habits: Mark,

    /// Трудоустройство родителей или наличие стабильного дохода.
    #[serde(rename = "трудоустройство")]
    #[schemars(title = "Трудоустройство (стабильный доход)")]
    pub employment: Mark,

    /// Посещение несовершеннолетними и родителями образовательного учреждения.
    #[serde(rename = "посещение_образовательного_учреждения")]
    #[schemars(title = "Посещение образовательного учреждения")]
    pub school_attendance: Mark,

    /// Организация досуга несовершеннолетних.
    #[serde(rename = "досуг_детей")]
    #[schemars(title = "Организация досуга")]
    pub leisure: Mark,

    /// Отсутствие не менее 3 месяцев фактов антиобщественного поведения членов семьи.
    #[serde(rename = "нет_антиобщественного_поведения")]
    #[schemars(title = "Нет антиобщественного поведения (3 мес.)")]
    pub no_antisocial: Mark,

    /// Наличие у детей сезонной одежды и обуви по возрасту.
    #[serde(rename = "сезонная_одежда_и_обувь")]
    #[schemars(title = "Сезонная одежда и обувь")]
    pub clothing: Mark,

    /// Наличие продуктов питания по месту жительства.
    #[serde(rename = "продукты_питания")]
    #[schemars(title = "Продукты питания")]
    pub food: Mark,

    /// Удовлетворительное состояние материально-бытовых условий.
    #[serde(rename = "бытовые_условия")]
    #[schemars(title = "Материально-бытовые условия")]
    pub living_conditions: Mark,
}

/// Выполнение критерия: да, частично, нет или неприменимо.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
pub enum Mark {
    /// Нет.
    #[serde(rename = "нет")]
    No,
    /// Частично.
    #[serde(rename = "частично")]
    Partly,
    /// Да.
    #[serde(rename = "да")]
    Yes,
    /// Неприменимо к этой семье (например, нет детей школьного возраста).
    #[serde(rename = "неприменимо")]
    NotApplicable,
}

/// Посещение семьи (патронаж).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Visit {
    /// Дата посещения.
    #[serde(rename = "дата")]
    #[schemars(title = "Дата посещения")]
    pub date: Date,

    /// Кто посещал семью.
    #[serde(rename = "участники", default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(title = "Участники")]
    pub participants: Vec<String>,

    /// Итог посещения: что увидели, о чём договорились.
    #[serde(rename = "итог")]
    #[schemars(title = "Итог посещения")]
    pub outcome: String,
}

/// Решение социального консилиума по семье.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConsiliumDecision {
    /// Дата заседания; должен существовать файл meetings/<дата>.yaml.
    #[serde(rename = "заседание")]
    #[schemars(title = "Заседание")]
    pub meeting: Date,

    /// Динамика ситуации в семье: положительная, без изменений, отрицательная.
    #[serde(rename = "динамика")]
    #[schemars(title = "Динамика")]
    pub dynamics: Dynamics,

    /// Оценка эффективности мероприятий программы.
    #[serde(
        rename = "эффективность",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(title = "Эффективность мероприятий")]
    pub effectiveness: Option<String>,

    /// Установленный уровень сопровождения (из списка уровней kurator.yaml).
    #[serde(rename = "уровень", default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "Уровень сопровождения")]
    pub level: Option<String>,

    /// Корректировка программы, принятая консилиумом.
    #[serde(
        rename = "корректировка",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(title = "Корректировка программы")]
    pub correction: Option<String>,

    /// Решение: продолжить, скорректировать, завершить или передать.
    #[serde(rename = "решение")]
    #[schemars(title = "Решение")]
    pub decision: Decision,
}

/// Динамика ситуации в семье.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum Dynamics {
    /// Положительная динамика.
    #[serde(rename = "положительная")]
    Positive,
    /// Без изменений.
    #[serde(rename = "без изменений")]
    None,
    /// Отрицательная динамика.
    #[serde(rename = "отрицательная")]
    Negative,
}

/// Решение консилиума по семье (Положение о социальном сопровождении семей с детьми, п. 6.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum Decision {
    /// Продолжить сопровождение.
    #[serde(rename = "продолжить")]
    Continue,
    /// Скорректировать программу.
    #[serde(rename = "скорректировать")]
    Correct,
    /// Завершить сопровождение.
    #[serde(rename = "завершить")]
    Close,
    /// Передать случай (в КДН и ЗП, органы опеки).
    #[serde(rename = "передать")]
    HandOver,
}

/// Возвращение ребёнка в семью.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChildReturn {
    /// ФИО ребёнка, как в составе семьи.
    #[serde(rename = "фио")]
    #[schemars(title = "ФИО ребёнка")]
    pub name: String,

    /// Дата возвращения в семью.
    #[serde(rename = "дата")]
    #[schemars(title = "Дата возвращения")]
    pub date: Date,

    /// Откуда возвращён: социальный приют, реабилитационный центр и т. п.
    #[serde(rename = "откуда", default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "Откуда")]
    pub from: Option<String>,
}

/// Закрытие случая (снятие с сопровождения).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Closure {
    /// Дата снятия с сопровождения.
    #[serde(rename = "дата")]
    #[schemars(title = "Дата закрытия")]
    pub date: Date,

    /// Основание: улучшение, лишение родительских прав, переезд, отказ семьи, передача в КДН и ЗП, передача в органы опеки, иное.
    #[serde(rename = "основание", default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "Основание закрытия")]
    pub ground: Option<ClosureGround>,

    /// Рекомендации семье по итогам сопровождения (Положение, п. 1.5.4).
    #[serde(
        rename = "рекомендации",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    #[schemars(title = "Рекомендации")]
    pub recommendations: Option<String>,

    /// Пояснение к основанию (обязательно при основании «иное»).
    #[serde(rename = "пояснение", default, skip_serializing_if = "Option::is_none")]
    #[schemars(title = "Пояснение")]
    pub note: Option<String>,
}

/// Основание снятия семьи с сопровождения.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
pub enum ClosureGround {
    /// Трудная жизненная ситуация разрешена.
    #[serde(rename = "улучшение")]
    Improvement,
    /// Родители лишены родительских прав.
    #[serde(rename = "лишение родительских прав")]
    LossOfParentalRights,
    /// Семья переехала.
    #[serde(rename = "переезд")]
    Moved,
    /// Семья отказалась от сопровождения.
    #[serde(rename = "отказ семьи")]
    Refusal,
    /// Сведения переданы в КДН и ЗП.
    #[serde(rename = "передача в КДН и ЗП")]
    HandedToKdn,
    /// Сведения переданы в органы опеки и попечительства.
    #[serde(rename = "передача в органы опеки")]
    HandedToGuardianship,
    /// Иное основание (обязательно пояснение).
    #[serde(rename = "иное")]
    Other,
}
