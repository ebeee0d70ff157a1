//! The figures of one period as data: `figures.json`, from which the справки and the
//! indicators pages are rendered and which `kurator region` adds up across centres.
//!
//! Figures are data first (DESIGN §4): each period's figures are computed once, here, into one
//! serialisable value; the documents only lay them out, so a PDF, its HTML and the JSON cannot
//! disagree. The keys are English snake_case, as a machine format read by the ministries' tools
//! is; the values a person reads (the centre, curators, stage names) stay as kurator.yaml and the
//! documents spell them. [`FIGURES_VERSION`] changes when a field changes meaning or goes away;
//! fields are only added within a version.
//!
//! What each figure counts (so that it can be checked by hand):
//! - movement: `indicators::movement` — start + opened + received − handed − closed_total = end,
//!   for the centre (received = handed = 0) and for each curator;
//! - children: minors (under 18 on the day) in the families under support on the last day, by
//!   the family's category; children returned to their family on a day of the period;
//! - social effect (seed 002, «Социальный эффект»): closures for improvement and for loss of
//!   parental rights as shares of the families under support in the period (start + opened);
//!   children returned as a share of the minors in those families — seed 002 divides by the
//!   children leaving institutions, which a centre's case files do not record;
//! - criteria: for each family under support in the period, the latest inspection in the period
//!   against the one before it (in the period or earlier: a family inspected in January and in
//!   July of a year is compared, not counted as «first»); a family inspected for the first time,
//!   or not at all, in the period is counted as such;
//! - shares (timeliness, dynamics, caseload): `indicators::shares`.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{
    CRITERIA, Change, Movement, Period, PeriodMovement, Scope, Share, active_in, responsible,
};
use crate::calendar::{Calendar, MissingYear};
use crate::load::Repository;
use crate::model::{Case, Category, ClosureGround, Criteria, Date};
use crate::rules::is_open;

/// The version of the figures.json format: a reader refuses a version it does not know.
pub const FIGURES_VERSION: u32 = 1;

/// Показатели центра за период (figures.json).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "Показатели центра за период (figures.json)",
    description = "Машиночитаемые показатели квартала или года, из которых kurator печатает \
                   аналитические справки и показатели эффективности и которые kurator region \
                   складывает по центрам. Ключи — английские (snake_case): формат читают \
                   программы министерств; значения, которые читает человек, — по-русски."
)]
pub struct Figures {
    /// Версия формата figures.json; программа, не знающая версии, должна отказаться читать файл.
    #[schemars(title = "Версия формата")]
    pub version: u32,
    /// Период: «2025-Q1» (квартал) или «2025» (год).
    #[schemars(title = "Период")]
    pub period: String,
    /// Первый день периода (ГГГГ-ММ-ДД).
    #[schemars(title = "Начало периода")]
    pub from: Date,
    /// Последний день периода (ГГГГ-ММ-ДД).
    #[schemars(title = "Конец периода")]
    pub to: Date,
    /// Краткое наименование центра из kurator.yaml.
    #[schemars(title = "Центр")]
    pub centre: String,
    /// Движение семей по центру: на начало + взято − снято = на конец.
    #[schemars(title = "Движение семей")]
    pub movement: MovementFigures,
    /// Каждый куратор, у которого была семья в какой-либо день периода (или накануне).
    #[schemars(title = "Кураторы")]
    pub curators: Vec<CuratorFigures>,
    /// Дети в семьях на сопровождении.
    #[schemars(title = "Дети")]
    pub children: Children,
    /// Семьи на сопровождении на конец периода по этапам.
    #[schemars(title = "Этапы")]
    pub stages: Vec<StageCount>,
    /// Частные критерии (п. 6.1.2): последнее обследование в периоде против последнего до него.
    #[schemars(title = "Частные критерии")]
    pub criteria: CriteriaFigures,
    /// Семьи с положительной динамикой в последнем решении консилиума за период, из семей,
    /// по которым консилиум в периоде решал.
    #[schemars(title = "Положительная динамика")]
    pub positive_dynamics: Share,
    /// Косвенные критерии (п. 6.2.1) и нагрузка кураторов (п. 1.8) как доли.
    #[schemars(title = "Своевременность и нагрузка")]
    pub timeliness: Timeliness,
    /// Социальный эффект (Красноярск, seed 002) за период: доли от базы.
    #[schemars(title = "Социальный эффект")]
    pub social_effect: SocialEffect,
    /// Предыдущий период той же длины: «2024-Q4» или «2024».
    #[schemars(title = "Предыдущий период")]
    pub previous_period: String,
    /// Социальный эффект предыдущего периода, для сравнения год к году (квартал к кварталу).
    #[schemars(title = "Социальный эффект предыдущего периода")]
    pub previous_social_effect: SocialEffect,
}

/// Движение семей за период.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MovementFigures {
    /// Семей на сопровождении на конец дня накануне периода.
    #[schemars(title = "На начало периода")]
    pub start: u32,
    /// Взято на сопровождение в периоде.
    #[schemars(title = "Взято")]
    pub opened: u32,
    /// Снято с сопровождения по каждому основанию.
    #[schemars(title = "Снято по основаниям")]
    pub closed: ClosedByGround,
    /// Снято с сопровождения, всего (сумма по основаниям).
    #[schemars(title = "Снято всего")]
    pub closed_total: u32,
    /// Семей на сопровождении в последний день периода.
    #[schemars(title = "На конец периода")]
    pub end: u32,
}

/// Every ground of closure, in the order of the model (and of the documents' rows).
const GROUNDS: [ClosureGround; 7] = [
    ClosureGround::Improvement,
    ClosureGround::LossOfParentalRights,
    ClosureGround::Moved,
    ClosureGround::Refusal,
    ClosureGround::HandedToKdn,
    ClosureGround::HandedToGuardianship,
    ClosureGround::Other,
];

/// Снято с сопровождения по основаниям (все основания, нули тоже).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClosedByGround {
    /// Трудная жизненная ситуация разрешена (улучшение).
    #[schemars(title = "Улучшение ситуации")]
    pub improvement: u32,
    /// Родители лишены родительских прав.
    #[schemars(title = "Лишение родительских прав")]
    pub loss_of_parental_rights: u32,
    /// Семья переехала.
    #[schemars(title = "Переезд")]
    pub moved: u32,
    /// Семья отказалась от сопровождения.
    #[schemars(title = "Отказ семьи")]
    pub refusal: u32,
    /// Сведения переданы в КДН и ЗП.
    #[schemars(title = "Передача в КДН и ЗП")]
    pub handed_to_kdn: u32,
    /// Сведения переданы в органы опеки и попечительства.
    #[schemars(title = "Передача в органы опеки")]
    pub handed_to_guardianship: u32,
    /// Иное основание.
    #[schemars(title = "Иное")]
    pub other: u32,
}

impl ClosedByGround {
    /// The count of a ground.
    pub fn get(&self, ground: ClosureGround) -> u32 {
        match ground {
            ClosureGround::Improvement => self.improvement,
            ClosureGround::LossOfParentalRights => self.loss_of_parental_rights,
            ClosureGround::Moved => self.moved,
            ClosureGround::Refusal => self.refusal,
            ClosureGround::HandedToKdn => self.handed_to_kdn,
            ClosureGround::HandedToGuardianship => self.handed_to_guardianship,
            ClosureGround::Other => self.other,
        }
    }

    fn slot(&mut self, ground: ClosureGround) -> &mut u32 {
        match ground {
            ClosureGround::Improvement => &mut self.improvement,
            ClosureGround::LossOfParentalRights => &mut self.loss_of_parental_rights,
            ClosureGround::Moved => &mut self.moved,
            ClosureGround::Refusal => &mut self.refusal,
            ClosureGround::HandedToKdn => &mut self.handed_to_kdn,
            ClosureGround::HandedToGuardianship => &mut self.handed_to_guardianship,
            ClosureGround::Other => &mut self.other,
        }
    }

    /// Every ground with its count, in the order of the grounds.
    pub fn iter(&self) -> impl Iterator<Item = (ClosureGround, u32)> + '_ {
        GROUNDS.into_iter().map(|g| (g, self.get(g)))
    }

    /// All grounds together.
    pub fn total(&self) -> u32 {
        self.iter().map(|(_, n)| n).sum()
    }

    fn of(map: &BTreeMap<ClosureGround, u32>) -> ClosedByGround {
        let mut closed = ClosedByGround::default();
        for (ground, n) in map {
            *closed.slot(*ground) += n;
        }
        closed
    }
}

impl MovementFigures {
    fn of(m: &Movement) -> MovementFigures {
        MovementFigures {
            start: m.start,
            opened: m.opened,
            closed: ClosedByGround::of(&m.closed),
            closed_total: m.closed_total(),
            end: m.end,
        }
    }
}

/// Показатели одного куратора за период.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CuratorFigures {
    /// Куратор, как его называет kurator.yaml («Фамилия И. О.»).
    #[schemars(title = "Куратор")]
    pub curator: String,
    /// Семей у куратора на конец дня накануне периода.
    #[schemars(title = "На начало периода")]
    pub start: u32,
    /// Взято куратором на сопровождение в периоде.
    #[schemars(title = "Взято")]
    pub opened: u32,
    /// Принято от другого куратора (замена куратора).
    #[schemars(title = "Принято от другого куратора")]
    pub received: u32,
    /// Передано другому куратору.
    #[schemars(title = "Передано другому куратору")]
    pub handed: u32,
    /// Семьи куратора, снятые с сопровождения, по каждому основанию.
    #[schemars(title = "Снято у куратора по основаниям")]
    pub closed: ClosedByGround,
    /// Семьи куратора, снятые с сопровождения, всего (сумма по основаниям).
    #[schemars(title = "Снято у куратора всего")]
    pub closed_total: u32,
    /// Семей у куратора в последний день периода.
    #[schemars(title = "На конец периода")]
    pub end: u32,
    /// Наибольшая взвешенная нагрузка в какой-либо день периода, доля нормы п. 1.8 (1 — полная).
    #[schemars(title = "Наибольшая нагрузка")]
    pub max_load: f64,
    /// Дней периода, в которые нагрузка была сверх нормы.
    #[schemars(title = "Дней сверх нормы")]
    pub days_over_limit: u32,
    /// Детей возвращено в семьи, за которые куратор отвечал (в последний день периода или в
    /// день снятия); то же, что `children.returned`.
    #[schemars(title = "Детей возвращено в семьи")]
    pub children_returned: u32,
    /// Дети в семьях куратора (тех, за которые он отвечал в последний день периода или в день
    /// снятия): на конец периода, по категориям, возвращённые в семьи.
    #[schemars(title = "Дети")]
    pub children: Children,
    /// Семьи куратора на сопровождении на конец периода по этапам.
    #[schemars(title = "Этапы")]
    pub stages: Vec<StageCount>,
}

/// Семьи на одном этапе.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StageCount {
    /// Этап, как его пишут документы («Деятельностный»), или «этап не начат».
    #[schemars(title = "Этап")]
    pub stage: String,
    /// Семей на этом этапе.
    #[schemars(title = "Семей")]
    pub families: u32,
}

/// Несовершеннолетние в семьях на сопровождении.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Children {
    /// Несовершеннолетних в семьях на сопровождении в последний день периода.
    #[schemars(title = "Детей на конец периода")]
    pub at_end: u32,
    /// Они же по категории семьи.
    #[schemars(title = "По категориям семей")]
    pub by_category: ByCategory,
    /// Детей возвращено в родные семьи в периоде.
    #[schemars(title = "Возвращено в семьи")]
    pub returned: u32,
}

/// Число по категориям семей.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ByCategory {
    /// Семьи в социально опасном положении (СОП).
    #[schemars(title = "СОП")]
    pub sop: u32,
    /// Семьи в трудной жизненной ситуации (ТЖС).
    #[schemars(title = "ТЖС")]
    pub tzhs: u32,
    /// Семьи, нуждающиеся в поддержке.
    #[schemars(title = "Нуждается в поддержке")]
    pub needs_support: u32,
}

impl ByCategory {
    fn slot(&mut self, category: Category) -> &mut u32 {
        match category {
            Category::Sop => &mut self.sop,
            Category::Tzhs => &mut self.tzhs,
            Category::NeedsSupport => &mut self.needs_support,
        }
    }

    /// Each category with its count, in the order of the categories.
    pub fn iter(&self) -> [(Category, u32); 3] {
        [
            (Category::Sop, self.sop),
            (Category::Tzhs, self.tzhs),
            (Category::NeedsSupport, self.needs_support),
        ]
    }
}

/// Частные критерии за период.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CriteriaFigures {
    /// Семей на сопровождении в периоде (хотя бы один день).
    #[schemars(title = "Семей в периоде")]
    pub families: u32,
    /// Обследованы в периоде и есть обследование до него: сравнение есть.
    #[schemars(title = "Сравнено")]
    pub compared: u32,
    /// Обследованы в периоде впервые: сравнивать не с чем.
    #[schemars(title = "Первое обследование")]
    pub first_inspection: u32,
    /// Не обследованы в периоде.
    #[schemars(title = "Не обследованы")]
    pub not_inspected: u32,
    /// Восемь критериев п. 6.1.2 по порядку пункта.
    #[schemars(title = "Критерии")]
    pub items: Vec<CriterionFigures>,
}

/// Один частный критерий: сколько семей и как изменились.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CriterionFigures {
    /// Критерий, как его называет п. 6.1.2.
    #[schemars(title = "Критерий")]
    pub name: String,
    /// Улучшение (нет → частично → да).
    #[schemars(title = "Улучшение")]
    pub improved: u32,
    /// Без изменений.
    #[schemars(title = "Без изменений")]
    pub unchanged: u32,
    /// Ухудшение.
    #[schemars(title = "Ухудшение")]
    pub worse: u32,
}

impl CriterionFigures {
    /// Improved, of the families where the criterion applied at both inspections.
    pub fn improved_share(&self) -> Share {
        Share {
            done: self.improved,
            of: self.improved + self.unchanged + self.worse,
        }
    }
}

/// Косвенные критерии (п. 6.2.1) и нагрузка (п. 1.8).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Timeliness {
    /// Проект программы в течение 10 рабочих дней, из проектов со сроком в периоде.
    #[schemars(title = "Проект программы вовремя")]
    pub programme_on_time: Share,
    /// Программа направлена в течение 3 рабочих дней после утверждения.
    #[schemars(title = "Программа направлена вовремя")]
    pub sent_on_time: Share,
    /// Месяцы с патронажем, из семье-месяцев, когда он был нужен.
    #[schemars(title = "Ежемесячный патронаж")]
    pub visits_kept: Share,
    /// Кварталы с консилиумом, из семье-кварталов, когда он был нужен.
    #[schemars(title = "Ежеквартальный консилиум")]
    pub consilium_held: Share,
    /// Кураторы в пределах нормы нагрузки каждый день периода, из кураторов с семьями.
    #[schemars(title = "Нагрузка в пределах нормы")]
    pub caseload_within: Share,
}

/// Социальный эффект (seed 002): доли от своей базы.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SocialEffect {
    /// Семей на сопровождении в периоде (на начало + взято): база долей снятых.
    #[schemars(title = "Семей на сопровождении в периоде")]
    pub families: u32,
    /// Снято в связи с улучшением ситуации, из семей на сопровождении в периоде.
    #[schemars(title = "Снято с улучшением")]
    pub closed_improvement: Share,
    /// Снято в связи с лишением родительских прав, из семей на сопровождении в периоде.
    #[schemars(title = "Снято с лишением родительских прав")]
    pub closed_loss_of_parental_rights: Share,
    /// Детей возвращено в родные семьи, из несовершеннолетних в семьях на сопровождении в периоде.
    #[schemars(title = "Детей возвращено в семьи")]
    pub children_returned: Share,
}

impl Figures {
    /// The figures of `period` for the centre of `repo` (its short name from kurator.yaml).
    pub fn compute(
        repo: &Repository,
        calendar: &Calendar,
        period: Period,
    ) -> Result<Figures, MissingYear> {
        Figures::with_movements(repo, calendar, period, &mut BTreeMap::new())
    }

    /// [`Figures::compute`] with the movements already counted (each counts every day of its
    /// period): the quarters of a repository share them with their neighbours.
    fn with_movements(
        repo: &Repository,
        calendar: &Calendar,
        period: Period,
        movements: &mut BTreeMap<Period, PeriodMovement>,
    ) -> Result<Figures, MissingYear> {
        let previous = period.previous();
        for p in [period, previous] {
            movements
                .entry(p)
                .or_insert_with(|| super::period_movement(repo, p));
        }
        let (movement, previous_movement) = (&movements[&period], &movements[&previous]);
        let cases: Vec<&Case> = repo.cases.iter().map(|c| &c.data).collect();
        let shares = super::shares(&cases, movement, calendar, period, Scope::Centre)?;
        let centre = repo
            .config
            .as_ref()
            .map(|c| c.data.organisation.short_name.clone())
            .unwrap_or_default();
        Ok(Figures {
            version: FIGURES_VERSION,
            period: period.id(),
            from: period.start(),
            to: period.end(),
            centre,
            movement: MovementFigures::of(&movement.centre),
            curators: curators(&cases, movement, period),
            children: children(&cases, period),
            stages: stages(&cases, period.end()),
            criteria: criteria(&cases, period),
            positive_dynamics: shares.positive_dynamics,
            timeliness: shares.timeliness,
            social_effect: social_effect(&cases, &movement.centre, period),
            previous_period: previous.id(),
            previous_social_effect: social_effect(&cases, &previous_movement.centre, previous),
        })
    }

    /// The period these figures are of.
    pub fn period(&self) -> Period {
        Period::parse(&self.period).expect("figures name a period kurator wrote")
    }

    /// A curator's figures, if they held a family in the period.
    pub fn curator(&self, name: &str) -> Option<&CuratorFigures> {
        self.curators.iter().find(|c| c.curator == name)
    }

    /// `figures.json` as kurator writes it: pretty, with a final newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).expect("figures serialise");
        text.push('\n');
        text
    }
}

/// The figures of every quarter the data spans and of every year with such a quarter, quarters
/// first; a period whose deadlines need a calendar year kurator lacks is left out (that missing
/// year is a data error `kurator check` reports).
pub fn all_figures(repo: &Repository, calendar: &Calendar) -> Vec<Figures> {
    let quarters = super::quarters_of(repo);
    let mut years: Vec<Period> = quarters.iter().map(|q| Period::year(q.year)).collect();
    years.dedup();
    let mut movements = BTreeMap::new();
    quarters
        .into_iter()
        .chain(years)
        .filter_map(|period| Figures::with_movements(repo, calendar, period, &mut movements).ok())
        .collect()
}

/// Every curator who held a family on some day of the period, by name.
fn curators(cases: &[&Case], movement: &PeriodMovement, period: Period) -> Vec<CuratorFigures> {
    let mut mine: BTreeMap<&str, Vec<&Case>> = BTreeMap::new();
    for case in cases {
        mine.entry(responsible(case, period))
            .or_default()
            .push(case);
    }
    movement
        .curators
        .iter()
        .filter(|(_, c)| c.movement.start + c.movement.opened + c.movement.received > 0)
        .map(|(name, c)| {
            let cases = mine.get(name.as_str()).map_or(&[][..], Vec::as_slice);
            let m = MovementFigures::of(&c.movement);
            CuratorFigures {
                curator: name.clone(),
                start: m.start,
                opened: m.opened,
                received: c.movement.received,
                handed: c.movement.handed,
                closed: m.closed,
                closed_total: m.closed_total,
                end: m.end,
                max_load: c.max_load,
                days_over_limit: c.days_over_limit,
                children_returned: returned(cases, period),
                children: children(cases, period),
                stages: stages(cases, period.end()),
            }
        })
        .collect()
}

/// Children returned to their families on a day of the period.
fn returned(cases: &[&Case], period: Period) -> u32 {
    cases
        .iter()
        .flat_map(|c| &c.children_returned)
        .filter(|r| period.contains(r.date))
        .count() as u32
}

/// The members of a case who were minors on some day from `from` to `to`: born by `to` and
/// under 18 on `from`.
fn minors(case: &Case, from: Date, to: Date) -> u32 {
    case.family
        .members
        .iter()
        .filter(|m| m.birth_date <= to && crate::documents::is_minor(m.birth_date, from))
        .count() as u32
}

fn children(cases: &[&Case], period: Period) -> Children {
    let end = period.end();
    let mut children = Children {
        returned: returned(cases, period),
        ..Children::default()
    };
    for case in cases.iter().filter(|c| is_open(c, end)) {
        let n = minors(case, end, end);
        children.at_end += n;
        *children.by_category.slot(case.family.category) += n;
    }
    children
}

/// The families under support on `date`, by the stage they were at, in the order of stages.
fn stages(cases: &[&Case], date: Date) -> Vec<StageCount> {
    let mut counts: Vec<StageCount> = Vec::new();
    for case in cases.iter().filter(|c| is_open(c, date)) {
        let stage = stage_on(case, date);
        match counts.iter_mut().find(|s| s.stage == stage) {
            Some(row) => row.families += 1,
            None => counts.push(StageCount { stage, families: 1 }),
        }
    }
    let order = |label: &str| {
        crate::model::Stage::ALL
            .iter()
            .position(|s| crate::documents::stage_label(*s) == label)
            .unwrap_or(usize::MAX)
    };
    counts.sort_by_key(|s| order(&s.stage));
    counts
}

/// The stage a case was at on a date, as documents name it.
pub fn stage_on(case: &Case, date: Date) -> String {
    case.stages
        .started()
        .filter(|(_, d)| *d <= date)
        .last()
        .map(|(s, _)| crate::documents::stage_label(s))
        .unwrap_or_else(|| NO_STAGE.to_owned())
}

/// What a family is at before its first stage began.
const NO_STAGE: &str = "этап не начат";

/// How a family's criteria were inspected in a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inspected {
    /// No inspection with criteria in the period.
    Not,
    /// Inspected in the period for the first time: nothing to compare with.
    First(Date),
    /// The latest inspection in the period (second date) against the latest before it (first).
    Compared(Date, Date, Vec<super::CriterionChange>),
}

/// The latest inspection with criteria in the period against the one before it.
pub fn criteria_within(case: &Case, period: Period) -> Inspected {
    let with_criteria = || {
        case.inspections
            .iter()
            .filter_map(|i| i.criteria.as_ref().map(|c| (i.date, c)))
    };
    let latest_in = with_criteria()
        .filter(|(d, _)| period.contains(*d))
        .max_by_key(|(d, _)| *d);
    let before: Option<(Date, &Criteria)> = latest_in.and_then(|(latest, _)| {
        with_criteria()
            .filter(|(d, _)| *d < latest)
            .max_by_key(|(d, _)| *d)
    });
    match (before, latest_in) {
        (_, None) => Inspected::Not,
        (None, Some((date, _))) => Inspected::First(date),
        (Some((a_date, a)), Some((b_date, b))) => {
            Inspected::Compared(a_date, b_date, super::compare(a_date, a, b_date, b))
        }
    }
}

fn criteria(cases: &[&Case], period: Period) -> CriteriaFigures {
    let mut f = CriteriaFigures {
        items: CRITERIA
            .iter()
            .map(|name| CriterionFigures {
                name: (*name).to_owned(),
                ..CriterionFigures::default()
            })
            .collect(),
        ..CriteriaFigures::default()
    };
    for case in cases.iter().filter(|c| active_in(c, period)) {
        f.families += 1;
        match criteria_within(case, period) {
            Inspected::Not => f.not_inspected += 1,
            Inspected::First(_) => f.first_inspection += 1,
            Inspected::Compared(_, _, changes) => {
                f.compared += 1;
                for (item, c) in f.items.iter_mut().zip(&changes) {
                    match c.change {
                        Change::Improved => item.improved += 1,
                        Change::Unchanged => item.unchanged += 1,
                        Change::Worse => item.worse += 1,
                        Change::NotComparable => {}
                    }
                }
            }
        }
    }
    f
}

fn social_effect(cases: &[&Case], centre: &Movement, period: Period) -> SocialEffect {
    let families = centre.start + centre.opened;
    let closed = |ground| Share {
        done: centre.closed.get(&ground).copied().unwrap_or(0),
        of: families,
    };
    // The minors of the families under support on some day of the period.
    let minors: u32 = cases
        .iter()
        .filter(|c| active_in(c, period))
        .map(|c| minors(c, period.start(), period.end()))
        .sum();
    SocialEffect {
        families,
        closed_improvement: closed(ClosureGround::Improvement),
        closed_loss_of_parental_rights: closed(ClosureGround::LossOfParentalRights),
        children_returned: Share {
            done: returned(cases, period),
            of: minors,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Criteria marks of one inspection, in the order of п. 6.1.2.
    fn inspection(date: &str, marks: [&str; 8]) -> String {
        const KEYS: [&str; 8] = [
            "отказ_от_вредных_привычек",
            "трудоустройство",
            "посещение_образовательного_учреждения",
            "досуг_детей",
            "нет_антиобщественного_поведения",
            "сезонная_одежда_и_обувь",
            "продукты_питания",
            "бытовые_условия",
        ];
        let mut text = format!(
            "  - дата: {date}\n    вид: повторное\n    условия:\n      жильё: квартира\n\
             \x20   выводы: без замечаний\n    критерии:\n"
        );
        for (key, mark) in KEYS.iter().zip(marks) {
            text.push_str(&format!("      {key}: {mark}\n"));
        }
        text
    }

    /// One case file from «number intake category» and «name birth, name birth»: a mother born
    /// in 1990 and the children.
    fn case(head: &str, children: &str) -> String {
        let mut words = head.splitn(3, ' ');
        let (number, intake) = (words.next().unwrap(), words.next().unwrap());
        let category = words.next().unwrap();
        let mut text = format!(
            "номер: {number}\nпоступление:\n  дата: {intake}\n  источник: заявление родителя\n\
             семья:\n  фамилия: Счётные\n  адрес: г. Условный\n  категория: {category}\n  члены:\n\
             \x20   - фио: Счётная Анна Ивановна\n      роль: мать\n      дата_рождения: 1990-01-01\n"
        );
        for (name, birth) in children.split(", ").filter_map(|c| c.rsplit_once(' ')) {
            text.push_str(&format!(
                "    - фио: {name}\n      роль: ребёнок\n      дата_рождения: {birth}\n"
            ));
        }
        text.push_str(&format!(
            "куратор: Кураторова В. Г.\nэтапы:\n  диагностический: {intake}\nобследования:\n"
        ));
        text
    }

    const NO: [&str; 8] = ["нет"; 8];
    const PARTLY: [&str; 8] = ["частично"; 8];
    const YES: [&str; 8] = ["да"; 8];

    /// Q1 2025 of four families, counted by hand: criteria compared across the new year with the
    /// latest inspection before the quarter (not the first one), children by category, and the
    /// social effect with its base.
    #[test]
    fn a_hand_computed_first_quarter() {
        let dir = testdir::tempdir().unwrap();
        let base = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/base");
        std::fs::copy(base.join("kurator.yaml"), dir.path().join("kurator.yaml")).unwrap();
        std::fs::create_dir(dir.path().join("cases")).unwrap();
        // A, СОП since 01.10.2024: a son of 14 and a daughter who turns 18 on 10.01.2025;
        // inspected 05.10 (all «нет»), 20.12 (all «частично») and 15.02.2025 (four «да»).
        let a = case(
            "A 2024-10-01 СОП",
            "Счётный Иван 2010-05-01, Счётная Ольга 2007-01-10",
        ) + &inspection("2024-10-05", NO)
            + &inspection("2024-12-20", PARTLY)
            + &inspection(
                "2025-02-15",
                [
                    "да",
                    "да",
                    "да",
                    "да",
                    "частично",
                    "частично",
                    "частично",
                    "частично",
                ],
            );
        // B, ТЖС since 01.11.2024, one child; inspected only on 05.11.2024.
        let b = case("B 2024-11-01 ТЖС", "Счётный Пётр 2020-02-02") + &inspection("2024-11-05", NO);
        // C, «нуждается в поддержке» from 01.02.2025: a child of 2019 and one born on 01.03.2025;
        // first inspected on 03.02.2025.
        let c = case(
            "C 2025-02-01 нуждается в поддержке",
            "Счётный Лев 2019-06-06, Счётная Майя 2025-03-01",
        ) + &inspection("2025-02-03", PARTLY);
        // D, СОП since 01.06.2024, two children, one returned from a shelter on 20.01.2025;
        // inspected 05.06.2024 (all «да») and 25.01.2025 (the first criterion «нет»); closed for
        // improvement on 10.02.2025.
        let d = case(
            "D 2024-06-01 СОП",
            "Счётный Глеб 2012-03-03, Счётная Вера 2016-04-04",
        ) + &inspection("2024-06-05", YES)
            + &inspection(
                "2025-01-25",
                ["нет", "да", "да", "да", "да", "да", "да", "да"],
            )
            + "возвращение_детей:\n  - фио: Счётная Вера\n    дата: 2025-01-20\n"
            + "закрытие:\n  дата: 2025-02-10\n  основание: улучшение\n";
        for (number, text) in [("A", a), ("B", b), ("C", c), ("D", d)] {
            std::fs::write(dir.path().join(format!("cases/{number}.yaml")), text).unwrap();
        }
        let (repo, diagnostics) = crate::load::load(dir.path()).unwrap();
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let f = Figures::compute(&repo, &repo.calendar(), Period::quarter(2025, 1)).unwrap();
        // Start A, B, D = 3; opened C = 1; closed D (improvement) = 1; end A, B, C = 3.
        assert_eq!(
            (f.movement.start, f.movement.opened, f.movement.end),
            (3, 1, 3)
        );
        assert_eq!(
            (f.movement.closed.improvement, f.movement.closed_total),
            (1, 1)
        );
        // On 31.03: A's son (the daughter is 18 since 10.01), B's child, C's two (one born
        // 01.03); D closed. 1 СОП + 1 ТЖС + 2 «нуждается в поддержке» = 4; returned: D's one.
        assert_eq!(
            f.children,
            Children {
                at_end: 4,
                by_category: ByCategory {
                    sop: 1,
                    tzhs: 1,
                    needs_support: 2
                },
                returned: 1,
            }
        );
        // Base: families under support in the quarter 3 + 1 = 4; minors in them: A 2 (the
        // daughter was 17 on 01.01), B 1, C 2, D 2 = 7.
        assert_eq!(
            f.social_effect,
            SocialEffect {
                families: 4,
                closed_improvement: Share { done: 1, of: 4 },
                closed_loss_of_parental_rights: Share { done: 0, of: 4 },
                children_returned: Share { done: 1, of: 7 },
            }
        );
        // Criteria: A 15.02.2025 against 20.12.2024 (not 05.10): criteria 1–4 improved, 5–8
        // unchanged; D 25.01.2025 against 05.06.2024: the first worse, the rest unchanged;
        // C inspected first on 03.02; B not in the quarter.
        let c = &f.criteria;
        assert_eq!(
            (c.families, c.compared, c.first_inspection, c.not_inspected),
            (4, 2, 1, 1)
        );
        let moved: Vec<(u32, u32, u32)> = c
            .items
            .iter()
            .map(|i| (i.improved, i.unchanged, i.worse))
            .collect();
        assert_eq!(
            moved,
            [
                (1, 0, 1),
                (1, 1, 0),
                (1, 1, 0),
                (1, 1, 0),
                (0, 2, 0),
                (0, 2, 0),
                (0, 2, 0),
                (0, 2, 0),
            ]
        );
        // Q4 2024 before it: A 20.12 against 05.10, both in the quarter — compared; B first on
        // 05.11; D not inspected in Q4.
        let q4 = Figures::compute(&repo, &repo.calendar(), Period::quarter(2024, 4)).unwrap();
        assert_eq!(
            (
                q4.criteria.compared,
                q4.criteria.first_inspection,
                q4.criteria.not_inspected
            ),
            (1, 1, 1)
        );
        assert_eq!(f.previous_period, "2024-Q4");
        assert_eq!(f.previous_social_effect, q4.social_effect);
    }
}
