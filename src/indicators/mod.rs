//! Показатели эффективности: what the regulations measure, computed from the case files.
//!
//! Per case (Положение о кураторе семьи, п. 6.1–6.2): each of the eight private criteria
//! compared between the first and the latest inspection, the strengths the family brings, the
//! general dynamics the consilium recorded. Per quarter or year ([`Figures`], module
//! `figures`, what figures.json holds): the criteria within the period, the indirect criteria as
//! timeliness shares (п. 6.2.1), caseload compliance (п. 1.8), children, and the social-effect
//! figures of the Krasnoyarsk practice (seed 002: families on the register, closed for
//! improvement vs. loss of parental rights, children returned) with their base.
//!
//! Conventions, so that the figures can be checked by hand:
//! - on the register at the start = open at the end of the day before the period; at the end =
//!   open on its last day; so start + opened − closed = end;
//! - a visit month or a consilium quarter counts when it begins on or after the intake and, for
//!   a closed case, ends by the closure — the rule `kurator check` applies;
//! - a curator's movement (start, opened, received, handed, closed, end) and load follow the
//!   case day by day (module `movement`); the other per-curator figures count the cases the curator
//!   was responsible for on the period's last day (or on the day of closure, if it closed
//!   within the period);
//! - caseload is within the limit for the period when it was within on every day.

mod figures;
mod movement;
mod period;

pub use figures::{
    ByCategory, Children, ClosedByGround, CriteriaFigures, CriterionFigures, CuratorFigures,
    FIGURES_VERSION, Figures, Inspected, MovementFigures, SocialEffect, StageCount, Timeliness,
    all_figures, criteria_within, stage_on,
};
pub use movement::{CuratorMovement, Movement, PeriodMovement, period_movement};
pub use period::{Period, quarters_between};

use serde::Serialize;

use crate::calendar::{Calendar, MissingYear};
use crate::load::Repository;
use crate::model::{Case, Criteria, Date, Dynamics, Mark};
use crate::rules::{DRAFT_WORKING_DAYS, SENT_WORKING_DAYS, curator_on};

/// The eight private criteria of п. 6.1.2, in the order of the clause.
pub const CRITERIA: [&str; 8] = [
    "Отказ родителей от вредных привычек",
    "Трудоустройство (наличие стабильного дохода)",
    "Посещение несовершеннолетними и родителями образовательного учреждения",
    "Организация досуга несовершеннолетних",
    "Отсутствие не менее 3 месяцев фактов антиобщественного поведения",
    "Наличие у детей сезонной одежды и обуви по возрасту",
    "Наличие продуктов питания",
    "Удовлетворительное состояние материально-бытовых условий",
];

/// The eight criteria with their marks, in the order of the clause.
pub fn criteria_rows(c: &Criteria) -> [(&'static str, Mark); 8] {
    let marks = [
        c.no_bad_habits,
        c.employment,
        c.school_attendance,
        c.leisure,
        c.no_antisocial,
        c.clothing,
        c.food,
        c.living_conditions,
    ];
    std::array::from_fn(|i| (CRITERIA[i], marks[i]))
}

/// Short names of the eight criteria, for chart axes.
pub const CRITERIA_SHORT: [&str; 8] = [
    "Вредные привычки",
    "Доход",
    "Учёба",
    "Досуг",
    "Поведение",
    "Одежда",
    "Питание",
    "Быт",
];

/// How one criterion moved between two inspections.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Change {
    /// нет → частично → да: a step up.
    Improved,
    /// The same mark.
    Unchanged,
    /// A step down.
    Worse,
    /// Not applicable at either inspection, or only one inspection.
    NotComparable,
}

impl Change {
    /// The word for a report.
    pub fn label(self) -> &'static str {
        match self {
            Change::Improved => "улучшение",
            Change::Unchanged => "без изменений",
            Change::Worse => "ухудшение",
            Change::NotComparable => "нет сравнения",
        }
    }

    fn between(first: Mark, latest: Mark) -> Change {
        let rank = |m| match m {
            Mark::No => Some(0),
            Mark::Partly => Some(1),
            Mark::Yes => Some(2),
            Mark::NotApplicable => None,
        };
        match (rank(first), rank(latest)) {
            (Some(a), Some(b)) if b > a => Change::Improved,
            (Some(a), Some(b)) if b < a => Change::Worse,
            (Some(_), Some(_)) => Change::Unchanged,
            _ => Change::NotComparable,
        }
    }
}

/// One criterion of one case: first mark, latest mark, and the change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CriterionChange {
    /// The criterion as п. 6.1.2 names it.
    pub name: &'static str,
    /// At the first inspection with criteria.
    pub first: Mark,
    /// At the latest.
    pub latest: Mark,
    /// The movement.
    pub change: Change,
}

/// The indicators of one case as of a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseIndicators {
    /// Date of the first inspection with criteria.
    pub first: Option<Date>,
    /// Date of the latest one (the same as `first` when there is only one).
    pub latest: Option<Date>,
    /// The eight criteria; empty when no inspection recorded criteria.
    pub criteria: Vec<CriterionChange>,
    /// The dynamics of the latest consilium decision.
    pub dynamics: Option<Dynamics>,
}

impl CaseIndicators {
    /// How many criteria moved the given way.
    pub fn count(&self, change: Change) -> usize {
        self.criteria.iter().filter(|c| c.change == change).count()
    }
}

/// A case's indicators from what was recorded by `as_of`.
pub fn case_indicators(case: &Case, as_of: Date) -> CaseIndicators {
    let mut inspections: Vec<_> = case
        .inspections
        .iter()
        .filter(|i| i.date <= as_of)
        .filter_map(|i| i.criteria.as_ref().map(|c| (i.date, c)))
        .collect();
    inspections.sort_by_key(|(date, _)| *date);
    let first = inspections.first().copied();
    let latest = inspections.last().copied();
    let criteria = match (first, latest) {
        (Some((first_date, a)), Some((latest_date, b))) => compare(first_date, a, latest_date, b),
        _ => Vec::new(),
    };
    CaseIndicators {
        first: first.map(|(d, _)| d),
        latest: latest.map(|(d, _)| d),
        criteria,
        dynamics: latest_decision(case, as_of).map(|d| d.dynamics),
    }
}

fn compare(a_date: Date, a: &Criteria, b_date: Date, b: &Criteria) -> Vec<CriterionChange> {
    criteria_rows(a)
        .iter()
        .zip(criteria_rows(b))
        .map(|((name, first), (_, latest))| CriterionChange {
            name,
            first: *first,
            latest,
            change: if a_date >= b_date {
                Change::NotComparable
            } else {
                Change::between(*first, latest)
            },
        })
        .collect()
}

fn latest_decision(case: &Case, as_of: Date) -> Option<&crate::model::ConsiliumDecision> {
    case.consilium
        .iter()
        .filter(|d| d.meeting <= as_of)
        .max_by_key(|d| d.meeting)
}

/// Доля: `done` из `of`.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct Share {
    /// Сколько отвечают условию (числитель).
    #[schemars(title = "Сколько")]
    pub done: u32,
    /// Из скольких (база, знаменатель).
    #[schemars(title = "Из скольких")]
    pub of: u32,
}

impl Share {
    /// The share in per cent, or `None` when nothing was counted.
    pub fn percent(self) -> Option<f64> {
        (self.of > 0).then(|| f64::from(self.done) * 100.0 / f64::from(self.of))
    }

    fn add(&mut self, done: bool) {
        self.of += 1;
        self.done += u32::from(done);
    }
}

/// The shares of one period, for the centre or for one curator: what is counted case by case
/// (the movement and the children are counted in `movement` and `figures`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Shares {
    /// Families whose latest consilium decision in the period records positive dynamics, of
    /// those with a decision in the period.
    pub positive_dynamics: Share,
    /// Deadlines and caseload.
    pub timeliness: Timeliness,
}

/// Which cases a report counts.
#[derive(Debug, Clone, Copy)]
pub enum Scope<'a> {
    /// Every case of the centre.
    Centre,
    /// The cases of one curator (see the module doc for which).
    Curator(&'a str),
}

impl Scope<'_> {
    /// Whether a case belongs to the scope in a period.
    pub fn includes(self, case: &Case, period: Period) -> bool {
        match self {
            Scope::Centre => true,
            Scope::Curator(name) => responsible(case, period) == name,
        }
    }
}

/// The curator responsible for a case in a period: on its last day, or on the day of closure.
pub fn responsible(case: &Case, period: Period) -> &str {
    let on = case
        .closure
        .as_ref()
        .map_or(period.end(), |c| c.date.min(period.end()));
    curator_on(case, on)
}

/// Whether the case was under support on some day of the period.
pub fn active_in(case: &Case, period: Period) -> bool {
    case.intake.date <= period.end()
        && case
            .closure
            .as_ref()
            .is_none_or(|c| c.date >= period.start())
}

/// The shares of a period for a scope. Needs the calendar for working-day deadlines.
pub fn period_shares(
    repo: &Repository,
    calendar: &Calendar,
    period: Period,
    scope: Scope<'_>,
) -> Result<Shares, MissingYear> {
    let cases: Vec<&Case> = repo
        .cases
        .iter()
        .map(|s| &s.data)
        .filter(|c| scope.includes(c, period))
        .collect();
    shares(
        &cases,
        &period_movement(repo, period),
        calendar,
        period,
        scope,
    )
}

/// [`period_shares`] given the cases of the scope and the period's movement (with every
/// curator's load on each day), which the figures count once for every scope.
pub fn shares(
    cases: &[&Case],
    movement: &PeriodMovement,
    calendar: &Calendar,
    period: Period,
    scope: Scope<'_>,
) -> Result<Shares, MissingYear> {
    let mut f = Shares::default();
    for case in cases.iter().copied() {
        if let Some(decision) = case
            .consilium
            .iter()
            .filter(|d| period.contains(d.meeting))
            .max_by_key(|d| d.meeting)
        {
            f.positive_dynamics
                .add(decision.dynamics == Dynamics::Positive);
        }
        timeliness(case, calendar, period, &mut f.timeliness)?;
    }
    // Within the limit on every day of the period, not only on its last (п. 1.8): a curator
    // over the limit in August is not «within» for the quarter because September was lighter.
    let with_families = movement.curators.iter().filter(|(_, c)| c.max_load > 0.0);
    for (name, c) in with_families {
        if matches!(scope, Scope::Curator(mine) if mine != name) {
            continue;
        }
        f.timeliness.caseload_within.add(c.days_over_limit == 0);
    }
    Ok(f)
}

/// The indirect criteria of one case in a period: deadlines due in it, visits, consilium.
fn timeliness(
    case: &Case,
    calendar: &Calendar,
    period: Period,
    f: &mut Timeliness,
) -> Result<(), MissingYear> {
    let programme = case.programme.as_ref();
    let due = calendar.add_working_days(case.intake.date, DRAFT_WORKING_DAYS)?;
    if period.contains(due) {
        let done = programme.and_then(|p| p.draft_presented);
        f.programme_on_time.add(done.is_some_and(|d| d <= due));
    }
    if let Some(approved) = programme.and_then(|p| p.approved) {
        let due = calendar.add_working_days(approved, SENT_WORKING_DAYS)?;
        if period.contains(due) {
            let sent = programme.and_then(|p| p.sent);
            f.sent_on_time.add(sent.is_some_and(|d| d <= due));
        }
    }
    for (start, end) in period.months() {
        if needs(case, start, end) {
            f.visits_kept
                .add(case.visits.iter().any(|v| start <= v.date && v.date <= end));
        }
    }
    for q in period.quarters() {
        let (start, end) = (q.start(), q.end());
        if needs(case, start, end) {
            f.consilium_held.add(
                case.consilium
                    .iter()
                    .any(|d| start <= d.meeting && d.meeting <= end),
            );
        }
    }
    Ok(())
}

/// Whether a case must show an event in the span: it began on or after the intake and, for a
/// closed case, ended by the closure (the convention of `kurator check`).
fn needs(case: &Case, start: Date, end: Date) -> bool {
    start >= case.intake.date && case.closure.as_ref().is_none_or(|c| end <= c.date)
}

/// The change from `previous` to `current` in per cent, or `None` when `previous` is zero.
pub fn change_percent(current: u32, previous: u32) -> Option<f64> {
    (previous > 0).then(|| (f64::from(current) - f64::from(previous)) * 100.0 / f64::from(previous))
}

/// A per-cent figure as Russian reports print it: «66,7 %», or «—» when there is none.
pub fn percent_text(value: Option<f64>) -> String {
    match value {
        Some(v) => {
            let text = format!("{v:.1}").replace('.', ",");
            format!("{} %", text.strip_suffix(",0").unwrap_or(&text))
        }
        None => "—".to_owned(),
    }
}

/// A change in per cent with its sign: «+25 %», «−10 %», «—».
pub fn change_text(value: Option<f64>) -> String {
    match value {
        Some(v) if v > 0.0 => format!("+{}", percent_text(Some(v))),
        Some(v) if v < 0.0 => format!("−{}", percent_text(Some(-v))),
        Some(_) => "0 %".to_owned(),
        None => "—".to_owned(),
    }
}

/// «3 из 4 (75 %)», or «—» when nothing was counted.
pub fn share_text(share: Share) -> String {
    if share.of == 0 {
        return "—".to_owned();
    }
    format!(
        "{} из {} ({})",
        share.done,
        share.of,
        percent_text(share.percent())
    )
}

/// The quarters a repository's data spans: from the earliest intake to the latest date
/// recorded anywhere, so that the set of reports depends on the data alone.
pub fn quarters_of(repo: &Repository) -> Vec<Period> {
    let first = repo.cases.iter().map(|c| c.data.intake.date).min();
    let last = repo
        .cases
        .iter()
        .map(|c| crate::documents::latest_date(&c.data))
        .chain(repo.meetings.iter().map(|m| m.data.date))
        .max();
    match (first, last) {
        (Some(first), Some(last)) => quarters_between(first, last),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn per_cent_as_russian_reports_print_it() {
        assert_eq!(percent_text(Some(200.0 / 3.0)), "66,7 %");
        assert_eq!(percent_text(Some(75.0)), "75 %");
        assert_eq!(percent_text(None), "—");
        assert_eq!(change_text(change_percent(5, 4)), "+25 %");
        assert_eq!(change_text(change_percent(3, 4)), "−25 %");
        assert_eq!(change_text(change_percent(3, 0)), "—");
        assert_eq!(share_text(Share { done: 3, of: 4 }), "3 из 4 (75 %)");
    }

    #[test]
    fn marks_move_up_and_down() {
        assert_eq!(Change::between(Mark::No, Mark::Partly), Change::Improved);
        assert_eq!(Change::between(Mark::Yes, Mark::Partly), Change::Worse);
        assert_eq!(Change::between(Mark::Yes, Mark::Yes), Change::Unchanged);
        assert_eq!(
            Change::between(Mark::NotApplicable, Mark::Yes),
            Change::NotComparable
        );
    }
}
