//! The compliance engine: which work is late or falls due, as of a given date.
//!
//! The rules of DESIGN.md §3, each from a clause of the regulations (`../shared/seeds`):
//! deadlines in working days after the information arrives or the programme is approved,
//! monthly home visits, a quarterly consilium, stage lengths, programme measures, caseload.
//!
//! Everything is computed *as of* a date: events written with a later date have not happened
//! yet, cases that arrive later do not exist yet, and a case closed later is still open. So the
//! same files give the agenda of any past day, and the demo repository (dated 2024–2025) can be
//! checked «as of 2025-06-30».
//!
//! Conventions (documented in the README):
//! - a deadline is met when the work is done on or before the last allowed day; «срок истекает»
//!   means the last allowed day is within the next 7 calendar days;
//! - home visits: every calendar month that begins on or after the day the information arrived
//!   needs at least one visit (a `патронаж` entry or an inspection at home), until closure; the
//!   month of closure needs none unless it ended with the case;
//! - consilium: every calendar quarter that begins on or after the information arrived needs a
//!   decision about the family (`консилиумы`), until closure, on the same terms;
//! - stage lengths in calendar months from the stage's start to the next stage's start (or
//!   closure): деятельностный ≤ 12 months, рефлексивный 1–3 months, поддерживающий ≤ 1 month;
//! - agreements, draft approval, withdrawn consent and notices: see `obligations`;
//! - caseload of a curator: families open on the date, weighed СОП/6 + ТЖС/12 + «нуждается в
//!   поддержке»/24; over 1 is over the limit. Each limit of п. 1.8 alone gives exactly 1, and a
//!   mixed caseload is the share of a full load each family takes.

mod obligations;

pub use obligations::HANDOVER_RULE;

use std::collections::BTreeMap;

use chrono::{Datelike, Months, NaiveDate};

use super::finding::{Finding, Status};
use crate::calendar::{Calendar, MissingYear};
use crate::diagnostic::Diagnostic;
use crate::load::{CONFIG_FILE, Repository, Source};
use crate::model::{Case, Category, Date, MONTHS, Stage, capitalise};

const INFORMED: &str = "Положение о кураторе семьи, п. 3.1";
const DRAFT: &str = "Положение о кураторе семьи, пп. 1.5.2, 3.1";
const SENT: &str = "Положение о кураторе семьи, п. 1.5.2";
const VISITS: &str = "Положение о кураторе семьи, п. 3.1; Положение о кураторе случая, п. 2.3";
const CONSILIUM: &str = "Положение о социальном сопровождении семей с детьми, п. 6.4";
const MEASURES: &str = "Положение о кураторе семьи, пп. 1.5.2, 3.4";
const CASELOAD: &str = "Положение о кураторе семьи, п. 1.8";

/// Days before a deadline from which it shows as «срок истекает».
pub const DUE_SOON_DAYS: i64 = 7;

/// Working days from the information to informing the working group (п. 3.1).
pub const INFORMED_WORKING_DAYS: u32 = 5;
/// Working days from the information to the draft programme (пп. 1.5.2, 3.1).
pub const DRAFT_WORKING_DAYS: u32 = 10;
/// Working days from approval to sending the programme out (п. 1.5.2).
pub const SENT_WORKING_DAYS: u32 = 3;

/// Every finding of the repository as of `as_of`; a deadline that needs a calendar year kurator
/// does not have comes back as an error diagnostic instead.
pub fn findings(
    repo: &Repository,
    calendar: &Calendar,
    as_of: Date,
) -> (Vec<Finding>, Vec<Diagnostic>) {
    findings_within(repo, calendar, as_of, DUE_SOON_DAYS)
}

/// [`findings`], and also the work not yet done whose deadline (or whose month or quarter of
/// visits and consilium) comes within `within` days of `as_of`, as [`Status::Upcoming`]: what
/// the curators' desk pages and calendars plan ahead (`kurator check --within`).
pub fn findings_within(
    repo: &Repository,
    calendar: &Calendar,
    as_of: Date,
    within: i64,
) -> (Vec<Finding>, Vec<Diagnostic>) {
    let mut findings = Vec::new();
    let mut errors = Vec::new();
    for case in &repo.cases {
        if case.data.intake.date > as_of {
            continue;
        }
        let mut check = CaseCheck {
            case,
            calendar,
            as_of,
            within,
            out: &mut findings,
        };
        if let Err(missing) = check.all() {
            errors.push(missing_year(case, missing));
        }
    }
    caseload(repo, as_of, &mut findings);
    (findings, errors)
}

/// The deadlines in working days that every case has, computed without an as-of date, so that
/// `validate` can report a missing calendar year as soon as a case needs it.
pub fn calendar_coverage(repo: &Repository, calendar: &Calendar) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    for case in &repo.cases {
        let c = &case.data;
        let mut need = vec![(c.intake.date, DRAFT_WORKING_DAYS)];
        if let Some(approved) = c.programme.as_ref().and_then(|p| p.approved) {
            need.push((approved, SENT_WORKING_DAYS));
        }
        for (event, days) in need {
            if let Err(missing) = calendar.add_working_days(event, days) {
                errors.push(missing_year(case, missing));
                break;
            }
        }
    }
    errors
}

fn missing_year(case: &Source<Case>, missing: MissingYear) -> Diagnostic {
    let message = missing.to_string();
    let (first, rest) = message.split_once('\n').unwrap_or((&message, ""));
    Diagnostic::error(
        &case.path,
        Some(case.span(&["поступление", "дата"])),
        "calendar-year",
        format!("сроки случая не сосчитать: {first}"),
    )
    .with_hint(rest.trim().to_owned())
}

/// The curator of a case on a date: the current one, or the one replaced after that date.
pub fn curator_on(case: &Case, date: Date) -> &str {
    // The earliest change after the date names who was replaced; the figures of every quarter
    // call this for every case, so it allocates nothing.
    case.curator_changes
        .iter()
        .filter(|c| c.date > date)
        .min_by_key(|c| c.date)
        .map_or(case.curator.as_str(), |c| c.previous.as_str())
}

/// Whether the case is open (arrived and not closed) on a date.
pub fn is_open(case: &Case, date: Date) -> bool {
    case.intake.date <= date && case.closure.as_ref().is_none_or(|c| c.date > date)
}

/// Status of a deadline on `as_of` given when (if ever) the work was done; `closed` is the
/// closure date when the case closed by then; `within`: how far ahead work not yet due is shown.
fn deadline_status(
    due: Date,
    done: Option<Date>,
    as_of: Date,
    closed: Option<Date>,
    within: i64,
) -> Option<Status> {
    let end = closed.unwrap_or(as_of);
    match done.filter(|d| *d <= as_of) {
        Some(done) if done > due => Some(Status::DoneLate),
        Some(_) => None,
        None if end > due => Some(Status::Overdue),
        None if closed.is_none() => pending(as_of, due, within),
        None => None,
    }
}

/// Work not done whose deadline has not passed: «срок истекает» within [`DUE_SOON_DAYS`],
/// «срок впереди» within `within` days, else nothing yet.
fn pending(as_of: Date, due: Date, within: i64) -> Option<Status> {
    match days(as_of, due) {
        d if d <= DUE_SOON_DAYS => Some(Status::DueSoon),
        d if d <= within => Some(Status::Upcoming),
        _ => None,
    }
}

fn days(from: Date, to: Date) -> i64 {
    (to.naive() - from.naive()).num_days()
}

struct CaseCheck<'a> {
    case: &'a Source<Case>,
    calendar: &'a Calendar,
    as_of: Date,
    /// Days ahead that work not yet due is reported ([`Status::Upcoming`]).
    within: i64,
    out: &'a mut Vec<Finding>,
}

impl CaseCheck<'_> {
    fn all(&mut self) -> Result<(), MissingYear> {
        self.intake_deadlines()?;
        self.programme_sent()?;
        self.visits();
        self.consilium();
        self.stages();
        self.measures();
        self.obligations()?;
        Ok(())
    }

    fn data(&self) -> &Case {
        &self.case.data
    }

    /// The day the case closed, if it closed on or before the as-of date.
    fn closed(&self) -> Option<Date> {
        self.data()
            .closure
            .as_ref()
            .map(|c| c.date)
            .filter(|d| *d <= self.as_of)
    }

    /// The last day the case is worked on as of the as-of date.
    fn end(&self) -> Date {
        self.closed().unwrap_or(self.as_of)
    }

    /// Records a finding about the work `item` of `rule` (see [`Finding::item`]) at the field
    /// `path`.
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        rule: &'static str,
        item: String,
        clause: &'static str,
        status: Status,
        due: Date,
        path: &[&str],
        message: String,
    ) {
        let span = self.case.span(path);
        self.push_at(rule, item, clause, status, due, span, message);
    }

    #[allow(clippy::too_many_arguments)]
    fn push_at(
        &mut self,
        rule: &'static str,
        item: String,
        clause: &'static str,
        status: Status,
        due: Date,
        span: crate::load::yaml::Span,
        message: String,
    ) {
        let on = if status == Status::DoneLate {
            due
        } else {
            self.end()
        };
        let curator = curator_on(self.data(), on).to_owned();
        let finding = Finding {
            case: Some(self.data().number.clone()),
            rule,
            item,
            clause,
            status,
            due: Some(due),
            curator,
            file: self.case.path.clone(),
            span,
            message,
        };
        self.out.push(finding);
    }

    /// 5 working days to inform the working group, 10 to put the draft programme before it.
    fn intake_deadlines(&mut self) -> Result<(), MissingYear> {
        let intake = self.data().intake.date;
        let programme = self.data().programme.as_ref();
        let rules = [
            (
                "working-group-informed",
                INFORMED,
                INFORMED_WORKING_DAYS,
                self.data().intake.working_group_informed,
                ["поступление", "рабочая_группа_проинформирована"],
                "рабочая группа проинформирована о семье",
            ),
            (
                "programme-draft",
                DRAFT,
                DRAFT_WORKING_DAYS,
                programme.and_then(|p| p.draft_presented),
                ["программа", "проект_представлен"],
                "проект программы представлен рабочей группе",
            ),
        ];
        for (rule, clause, working_days, done, path, what) in rules {
            let due = self.calendar.add_working_days(intake, working_days)?;
            if let Some(status) = deadline_status(due, done, self.as_of, self.closed(), self.within)
            {
                let message = match status {
                    Status::DoneLate => format!(
                        "{what} {} — позже срока {} ({working_days} рабочих дней после поступления информации {})",
                        done.unwrap_or(due).short_ru(),
                        due.short_ru(),
                        intake.short_ru()
                    ),
                    _ => format!(
                        "не отмечено, что {what} ({working_days} рабочих дней после поступления информации {})",
                        intake.short_ru()
                    ),
                };
                let path: &[&str] = if done.is_some() {
                    &path
                } else {
                    &["поступление", "дата"]
                };
                self.push(rule, String::new(), clause, status, due, path, message);
            }
        }
        Ok(())
    }

    /// 3 working days from approval to sending the programme to all parties.
    fn programme_sent(&mut self) -> Result<(), MissingYear> {
        let Some(programme) = self.data().programme.as_ref() else {
            return Ok(());
        };
        let Some(approved) = programme.approved.filter(|d| *d <= self.as_of) else {
            return Ok(());
        };
        let sent = programme.sent;
        let due = self
            .calendar
            .add_working_days(approved, SENT_WORKING_DAYS)?;
        if let Some(status) = deadline_status(due, sent, self.as_of, self.closed(), self.within) {
            let message = match status {
                Status::DoneLate => format!(
                    "программа направлена {} — позже срока {} (3 рабочих дня после утверждения {})",
                    sent.unwrap_or(due).short_ru(),
                    due.short_ru(),
                    approved.short_ru()
                ),
                _ => format!(
                    "утверждённая {} программа не направлена заинтересованным структурам (3 рабочих дня)",
                    approved.short_ru()
                ),
            };
            let path: &[&str] = if sent.is_some() {
                &["программа", "направлена"]
            } else {
                &["программа", "утверждена"]
            };
            self.push(
                "programme-sent",
                String::new(),
                SENT,
                status,
                due,
                path,
                message,
            );
        }
        Ok(())
    }

    /// Calendar periods (months or quarters) that must each hold an event: those beginning on or
    /// after the intake and, for a closed case, ending by the closure; the current one is due at
    /// its end.
    fn periods(&self, months: u32) -> Vec<(Date, Date)> {
        let intake = self.data().intake.date.naive();
        let first_month = intake.month0() / months * months;
        let mut start = NaiveDate::from_ymd_opt(intake.year(), first_month + 1, 1)
            .expect("a period start exists");
        if start < intake {
            start = start + Months::new(months);
        }
        let mut periods = Vec::new();
        // An open case plans the periods that begin within `within` days too.
        let last = match self.closed() {
            Some(closed) => closed,
            None => Date::from(self.as_of.naive() + chrono::Days::new(self.within.max(0) as u64)),
        };
        while Date::from(start) <= last {
            let end = Date::from(start + Months::new(months) - chrono::Days::new(1));
            if let Some(closed) = self.closed()
                && end > closed
            {
                break;
            }
            periods.push((Date::from(start), end));
            start = start + Months::new(months);
        }
        periods
    }

    /// Where the work of a period (a month's visit, a quarter's consilium) ending on `end`
    /// stands when it is missing: overdue once the period is over, else pending while the case
    /// is open.
    fn period_status(&self, end: Date) -> Option<Status> {
        if self.as_of > end {
            Some(Status::Overdue)
        } else if self.closed().is_none() {
            pending(self.as_of, end, self.within)
        } else {
            None
        }
    }

    /// At least one home visit in every calendar month of support.
    fn visits(&mut self) {
        let c = self.data();
        let mut visits: Vec<Date> = c
            .visits
            .iter()
            .map(|v| v.date)
            .chain(c.inspections.iter().map(|i| i.date))
            .collect();
        visits.retain(|d| *d <= self.as_of);
        for (start, end) in self.periods(1) {
            if visits.iter().any(|d| (start..=end).contains(d)) {
                continue;
            }
            let Some(status) = self.period_status(end) else {
                continue;
            };
            let month = start.naive();
            // A month still ahead is planned, not missed.
            let what = match status {
                Status::Upcoming => "предстоит посещение семьи",
                _ => "нет посещения семьи",
            };
            let message = format!(
                "{what} за {} {} (патронаж не реже раза в месяц)",
                MONTHS[month.month0() as usize],
                month.year()
            );
            let span = self.case.key_span(&["патронаж"]);
            let item = format!("{}-{:02}", month.year(), month.month());
            self.push_at("monthly-visit", item, VISITS, status, end, span, message);
        }
    }

    /// A consilium decision about the family in every calendar quarter of support.
    fn consilium(&mut self) {
        let decisions: Vec<Date> = self
            .data()
            .consilium
            .iter()
            .map(|d| d.meeting)
            .filter(|d| *d <= self.as_of)
            .collect();
        for (start, end) in self.periods(3) {
            if decisions.iter().any(|d| (start..=end).contains(d)) {
                continue;
            }
            let Some(status) = self.period_status(end) else {
                continue;
            };
            let quarter = start.naive().month0() / 3 + 1;
            let what = match status {
                Status::Upcoming => "предстоит решение консилиума",
                _ => "нет решения консилиума",
            };
            let message = format!(
                "{what} по семье за {quarter} квартал {} (не реже раза в квартал)",
                start.year()
            );
            self.push(
                "quarterly-consilium",
                format!("{}-Q{quarter}", start.year()),
                CONSILIUM,
                status,
                end,
                &["консилиумы"],
                message,
            );
        }
    }

    /// Stage lengths of пп. 1.5.3–1.5.5.
    fn stages(&mut self) {
        let started: Vec<(Stage, Date)> = self
            .data()
            .stages
            .started()
            .filter(|(_, d)| *d <= self.as_of)
            .collect();
        for (i, &(stage, start)) in started.iter().enumerate() {
            let (min, max, clause) = match stage {
                Stage::Active => (0, 12, "Положение о кураторе семьи, п. 1.5.3"),
                Stage::Reflective => (1, 3, "Положение о кураторе семьи, п. 1.5.4"),
                Stage::Supporting => (0, 1, "Положение о кураторе семьи, п. 1.5.5"),
                Stage::Diagnostic | Stage::GoalSetting => continue,
            };
            let ended = started.get(i + 1).map(|(_, d)| *d).or(self.closed());
            let add = |months: u32| Date::from(start.naive() + Months::new(months));
            let due = add(max);
            let path = ["этапы", stage.key()];
            let length = if max == 12 {
                "1 года".to_owned()
            } else {
                format!("{max} мес.")
            };
            let status = match ended {
                Some(end) if end > due => Some(Status::DoneLate),
                Some(end) if min > 0 && end < add(min) => {
                    let message = format!(
                        "{} этап длился меньше {min} мес.: с {} по {}",
                        capitalise(stage.key()),
                        start.short_ru(),
                        end.short_ru()
                    );
                    self.push(
                        "stage-length",
                        stage.key().to_owned(),
                        clause,
                        Status::TooShort,
                        add(min),
                        &path,
                        message,
                    );
                    None
                }
                Some(_) => None,
                None if self.as_of > due => Some(Status::Overdue),
                None => pending(self.as_of, due, self.within),
            };
            if let Some(status) = status {
                let limit = match status {
                    Status::Upcoming => "длится не дольше",
                    _ => "дольше",
                };
                let message = format!(
                    "{} этап {limit} {length}: начат {}",
                    capitalise(stage.key()),
                    start.short_ru()
                );
                self.push(
                    "stage-length",
                    stage.key().to_owned(),
                    clause,
                    status,
                    due,
                    &path,
                    message,
                );
            }
        }
    }

    /// Programme measures past their deadline without a mark of completion.
    fn measures(&mut self) {
        let Some(programme) = self.data().programme.as_ref() else {
            return;
        };
        let measures: Vec<_> = programme
            .measures
            .iter()
            .enumerate()
            .filter(|(_, m)| m.excluded.is_none_or(|d| d > self.as_of))
            .map(|(n, m)| (n, m.deadline, m.done, m.action.clone()))
            .collect();
        for (n, due, done, action) in measures {
            if let Some(status) = deadline_status(due, done, self.as_of, self.closed(), self.within)
            {
                let message = match status {
                    Status::DoneLate => format!(
                        "мероприятие «{action}» выполнено {} — позже срока {}",
                        done.unwrap_or(due).short_ru(),
                        due.short_ru()
                    ),
                    _ => format!("мероприятие «{action}» не отмечено выполненным"),
                };
                let index = n.to_string();
                let field = if done.is_some() {
                    "выполнено"
                } else {
                    "срок"
                };
                self.push(
                    "measure-deadline",
                    index.clone(),
                    MEASURES,
                    status,
                    due,
                    &["программа", "мероприятия", &index, field],
                    message,
                );
            }
        }
    }
}

/// A curator's families open on a date, by category.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Caseload {
    /// Families in a socially dangerous situation.
    pub sop: u32,
    /// Families in a difficult life situation.
    pub tzhs: u32,
    /// Families that need support.
    pub support: u32,
}

impl Caseload {
    /// Share of a full load: СОП/6 + ТЖС/12 + поддержка/24 (Положение о кураторе семьи, п. 1.8).
    pub fn load(self) -> f64 {
        f64::from(self.sop) / 6.0 + f64::from(self.tzhs) / 12.0 + f64::from(self.support) / 24.0
    }

    /// Whether the load is over the limit; exact in integers: 4·СОП + 2·ТЖС + поддержка > 24.
    pub fn over_limit(self) -> bool {
        4 * self.sop + 2 * self.tzhs + self.support > 24
    }
}

/// Caseload of every curator on a date, by the curator responsible then.
pub fn caseloads(repo: &Repository, date: Date) -> BTreeMap<&str, Caseload> {
    let mut loads: BTreeMap<&str, Caseload> = BTreeMap::new();
    for case in repo.cases.iter().filter(|c| is_open(&c.data, date)) {
        let load = loads.entry(curator_on(&case.data, date)).or_default();
        match case.data.family.category {
            Category::Sop => load.sop += 1,
            Category::Tzhs => load.tzhs += 1,
            Category::NeedsSupport => load.support += 1,
        }
    }
    loads
}

fn caseload(repo: &Repository, as_of: Date, out: &mut Vec<Finding>) {
    for (curator, load) in caseloads(repo, as_of) {
        if !load.over_limit() {
            continue;
        }
        let index = repo
            .config
            .as_ref()
            .and_then(|c| c.data.curators.iter().position(|p| p.name == curator));
        let (file, span) = match (&repo.config, index) {
            (Some(config), Some(i)) => (
                config.path.clone(),
                config.span(&["кураторы", &i.to_string(), "фио"]),
            ),
            _ => (
                CONFIG_FILE.into(),
                crate::load::yaml::Span::on_line(1, 1, 1),
            ),
        };
        out.push(Finding {
            case: None,
            rule: "caseload",
            item: String::new(),
            clause: CASELOAD,
            status: Status::OverLimit,
            due: None,
            curator: curator.to_owned(),
            file,
            span,
            message: format!(
                "нагрузка {:.0} %: СОП {} из 6, ТЖС {} из 12, нуждаются в поддержке {} из 24 \
                 (СОП/6 + ТЖС/12 + поддержка/24 = {} > 1)",
                load.load() * 100.0,
                load.sop,
                load.tzhs,
                load.support,
                format!("{:.2}", load.load()).replace('.', ",")
            ),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{case, repo};

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    /// (rule, status, due) of every finding about the case, as of a date.
    fn run(case: Source<Case>, as_of: &str) -> Vec<(&'static str, Status, String)> {
        let (findings, errors) = findings(&repo(vec![case]), &Calendar::builtin(), d(as_of));
        assert!(errors.is_empty(), "{errors:?}");
        findings
            .into_iter()
            .map(|f| {
                (
                    f.rule,
                    f.status,
                    f.due.map(|d| d.to_string()).unwrap_or_default(),
                )
            })
            .collect()
    }

    /// Looking ahead adds the work to come, named by its item, and changes nothing else.
    #[test]
    fn looking_ahead_lists_the_months_quarters_and_deadlines_to_come() {
        let case = || {
            case(
                "2025-001",
                "2025-01-10",
                "СОП",
                "этапы:\n  деятельностный: 2024-08-01\nдоговор:\n  номер: 1\n  дата: 2025-01-20\n  срок_до: 2025-08-20\n",
            )
        };
        let ahead = |within| {
            let (all, errors) = findings_within(
                &repo(vec![case()]),
                &Calendar::builtin(),
                d("2025-06-20"),
                within,
            );
            assert!(errors.is_empty(), "{errors:?}");
            all
        };
        let upcoming: Vec<(&str, String, String)> = ahead(75)
            .into_iter()
            .filter(|f| f.status == Status::Upcoming)
            .map(|f| (f.rule, f.item, f.due.unwrap().to_string()))
            .collect();
        let want =
            |rule: &'static str, item: &str, due: &str| (rule, item.to_owned(), due.to_owned());
        assert_eq!(
            upcoming,
            // June and its quarter end in 10 days: more than the week, within the 75.
            // The third quarter ends in 102 days: beyond them.
            [
                want("monthly-visit", "2025-06", "2025-06-30"),
                want("monthly-visit", "2025-07", "2025-07-31"),
                want("monthly-visit", "2025-08", "2025-08-31"),
                want("quarterly-consilium", "2025-Q2", "2025-06-30"),
                want("stage-length", "деятельностный", "2025-08-01"),
                want("agreement-expiry", "", "2025-08-20"),
            ]
        );
        // Within the week nothing is «срок впереди», and the rest is what `findings` gives.
        let (week, _) = findings(&repo(vec![case()]), &Calendar::builtin(), d("2025-06-20"));
        let mut rest = ahead(75);
        rest.retain(|f| f.status != Status::Upcoming);
        assert_eq!(rest, week);
        assert!(week.iter().all(|f| f.status != Status::Upcoming));
    }

    fn only(case: Source<Case>, as_of: &str, rule: &str) -> Vec<(Status, String)> {
        run(case, as_of)
            .into_iter()
            .filter(|f| f.0 == rule)
            .map(|f| (f.1, f.2))
            .collect()
    }

    #[test]
    fn draft_programme_is_due_10_working_days_after_intake_across_the_may_holidays() {
        let draft = |on: &str| {
            case(
                "1",
                "2025-04-25",
                "ТЖС",
                &format!("программа:\n  проект_представлен: {on}\n"),
            )
        };
        let rule = "programme-draft";
        assert_eq!(only(draft("2025-05-15"), "2025-06-01", rule), []);
        assert_eq!(
            only(draft("2025-05-16"), "2025-06-01", rule),
            [(Status::DoneLate, "2025-05-15".into())]
        );
        let none = || case("1", "2025-04-25", "ТЖС", "");
        assert_eq!(only(none(), "2025-05-07", rule), []);
        assert_eq!(
            only(none(), "2025-05-08", rule),
            [(Status::DueSoon, "2025-05-15".into())]
        );
        assert_eq!(
            only(none(), "2025-05-15", rule),
            [(Status::DueSoon, "2025-05-15".into())]
        );
        assert_eq!(
            only(none(), "2025-05-16", rule),
            [(Status::Overdue, "2025-05-15".into())]
        );
        // A draft written later than the as-of date has not happened yet.
        assert_eq!(
            only(draft("2025-05-14"), "2025-05-13", rule),
            [(Status::DueSoon, "2025-05-15".into())]
        );
    }

    #[test]
    fn informing_the_working_group_counts_across_the_new_year() {
        // 2024-12-28 is a working Saturday; 30–31 December and 1–8 January are days off.
        let informed = |on: &str| {
            let mut c = case("1", "2024-12-26", "СОП", "");
            c.data.intake.working_group_informed = Some(d(on));
            c
        };
        let rule = "working-group-informed";
        assert_eq!(only(informed("2025-01-13"), "2025-02-01", rule), []);
        let none = || case("1", "2024-12-26", "СОП", "");
        assert_eq!(only(none(), "2025-01-05", rule), []);
        assert_eq!(
            only(none(), "2025-01-06", rule),
            [(Status::DueSoon, "2025-01-13".into())]
        );
        assert_eq!(
            only(none(), "2025-01-13", rule),
            [(Status::DueSoon, "2025-01-13".into())]
        );
        assert_eq!(
            only(none(), "2025-01-14", rule),
            [(Status::Overdue, "2025-01-13".into())]
        );
        assert_eq!(
            only(informed("2025-01-14"), "2025-02-01", rule),
            [(Status::DoneLate, "2025-01-13".into())]
        );
    }

    #[test]
    fn the_approved_programme_goes_out_within_3_working_days_across_12_june() {
        let sent = |on: &str| {
            case(
                "1",
                "2025-05-20",
                "ТЖС",
                &format!(
                    "программа:\n  проект_представлен: 2025-05-30\n  утверждена: 2025-06-10\n  направлена: {on}\n"
                ),
            )
        };
        let rule = "programme-sent";
        assert_eq!(only(sent("2025-06-17"), "2025-07-01", rule), []);
        assert_eq!(
            only(sent("2025-06-18"), "2025-07-01", rule),
            [(Status::DoneLate, "2025-06-17".into())]
        );
        assert_eq!(
            only(sent("2025-06-18"), "2025-06-17", rule),
            [(Status::DueSoon, "2025-06-17".into())]
        );
        assert_eq!(
            only(sent("2025-06-19"), "2025-06-18", rule),
            [(Status::Overdue, "2025-06-17".into())]
        );
    }

    #[test]
    fn a_visit_is_needed_in_every_full_month_of_support() {
        let visits = "патронаж:\n  - дата: 2025-02-10\n    итог: ок\n";
        let rule = "monthly-visit";
        let open = || case("1", "2025-01-15", "СОП", visits);
        // January began before the intake; February has a visit; March is due at its end.
        assert_eq!(only(open(), "2025-03-23", rule), []);
        assert_eq!(
            only(open(), "2025-03-24", rule),
            [(Status::DueSoon, "2025-03-31".into())]
        );
        assert_eq!(
            only(open(), "2025-03-31", rule),
            [(Status::DueSoon, "2025-03-31".into())]
        );
        assert_eq!(
            only(open(), "2025-04-01", rule),
            [(Status::Overdue, "2025-03-31".into())]
        );
        // An inspection at home counts as a visit.
        let inspected = case(
            "1",
            "2025-01-15",
            "СОП",
            &format!(
                "{visits}обследования:\n  - дата: 2025-03-05\n    вид: повторное\n    условия:\n      жильё: квартира\n    выводы: ок\n"
            ),
        );
        assert_eq!(only(inspected, "2025-04-01", rule), []);
        // Closed on 20 March: March was not a full month of support.
        let closed = case(
            "1",
            "2025-01-15",
            "СОП",
            &format!("{visits}закрытие:\n  дата: 2025-03-20\n  основание: переезд\n"),
        );
        assert_eq!(only(closed, "2025-06-01", rule), []);
        // Across the year end: December has its visit, January is due on the 31st.
        let winter = || {
            case(
                "1",
                "2024-11-10",
                "СОП",
                "патронаж:\n  - дата: 2024-12-15\n    итог: ок\n",
            )
        };
        let january = |as_of| {
            only(winter(), as_of, rule)
                .into_iter()
                .filter(|f| f.1.starts_with("2025"))
                .collect::<Vec<_>>()
        };
        assert_eq!(january("2025-01-23"), []);
        assert_eq!(
            january("2025-01-31"),
            [(Status::DueSoon, "2025-01-31".into())]
        );
        assert_eq!(
            january("2025-02-01"),
            [(Status::Overdue, "2025-01-31".into())]
        );
        assert!(
            only(winter(), "2025-01-31", rule)
                .iter()
                .all(|f| f.1 != "2024-12-31")
        );
        // The month of the intake counts when the information arrives on the 1st.
        assert_eq!(
            only(case("1", "2025-02-01", "СОП", ""), "2025-03-01", rule),
            [(Status::Overdue, "2025-02-28".into())]
        );
    }

    #[test]
    fn a_consilium_decision_is_needed_every_quarter_across_the_year_end() {
        let decisions = |dates: &[&str]| {
            let list: String = dates
                .iter()
                .map(|m| {
                    format!(
                        "  - заседание: {m}\n    динамика: положительная\n    решение: продолжить\n"
                    )
                })
                .collect();
            case("1", "2024-11-10", "СОП", &format!("консилиумы:\n{list}"))
        };
        let rule = "quarterly-consilium";
        // Q4 2024 began before the intake; Q1 2025 is the first quarter that needs a decision.
        assert_eq!(only(decisions(&["2025-03-27"]), "2025-06-22", rule), []);
        assert_eq!(
            only(decisions(&["2025-03-27"]), "2025-06-23", rule),
            [(Status::DueSoon, "2025-06-30".into())]
        );
        assert_eq!(
            only(decisions(&["2025-03-27"]), "2025-07-01", rule),
            [(Status::Overdue, "2025-06-30".into())]
        );
        assert_eq!(
            only(decisions(&[]), "2025-04-01", rule),
            [(Status::Overdue, "2025-03-31".into())]
        );
        assert_eq!(
            only(decisions(&["2024-12-19"]), "2025-04-01", rule),
            [(Status::Overdue, "2025-03-31".into())]
        );
    }

    #[test]
    fn stage_lengths_on_both_sides_of_their_limits() {
        let stages = |active: &str, more: &str| {
            case(
                "1",
                "2024-05-20",
                "ТЖС",
                &format!("этапы:\n  деятельностный: {active}\n{more}"),
            )
        };
        let rule = "stage-length";
        let active = || stages("2024-06-03", "");
        assert_eq!(only(active(), "2025-05-26", rule), []);
        assert_eq!(
            only(active(), "2025-05-27", rule),
            [(Status::DueSoon, "2025-06-03".into())]
        );
        assert_eq!(
            only(active(), "2025-06-03", rule),
            [(Status::DueSoon, "2025-06-03".into())]
        );
        assert_eq!(
            only(active(), "2025-06-04", rule),
            [(Status::Overdue, "2025-06-03".into())]
        );
        assert_eq!(
            only(
                stages("2024-06-03", "  рефлексивный: 2025-06-03\n"),
                "2025-06-10",
                rule
            ),
            []
        );
        assert_eq!(
            only(
                stages("2024-06-03", "  рефлексивный: 2025-06-04\n"),
                "2025-06-10",
                rule
            ),
            [(Status::DoneLate, "2025-06-03".into())]
        );
        // Reflective: at least a month, at most three.
        let reflective = |supporting: &str| {
            stages(
                "2024-06-03",
                &format!("  рефлексивный: 2025-01-15\n  поддерживающий: {supporting}\n"),
            )
        };
        assert_eq!(only(reflective("2025-02-15"), "2025-02-20", rule), []);
        assert_eq!(only(reflective("2025-04-15"), "2025-04-20", rule), []);
        assert_eq!(
            only(reflective("2025-02-14"), "2025-02-20", rule),
            [(Status::TooShort, "2025-02-15".into())]
        );
        assert_eq!(
            only(reflective("2025-04-16"), "2025-04-20", rule),
            [(Status::DoneLate, "2025-04-15".into())]
        );
        // Supporting: at most a month, open-ended until closure.
        assert_eq!(only(reflective("2025-03-01"), "2025-03-24", rule), []);
        assert_eq!(
            only(reflective("2025-03-01"), "2025-04-01", rule),
            [(Status::DueSoon, "2025-04-01".into())]
        );
        assert_eq!(
            only(reflective("2025-03-01"), "2025-04-02", rule),
            [(Status::Overdue, "2025-04-01".into())]
        );
    }

    #[test]
    fn measures_past_their_deadline_without_a_mark() {
        let measure = |done: &str| {
            case(
                "1",
                "2025-01-10",
                "ТЖС",
                &format!(
                    "программа:\n  проект_представлен: 2025-01-20\n  мероприятия:\n    - задача: т\n      мероприятие: м\n      исполнитель: и\n      срок: 2025-05-15\n{done}"
                ),
            )
        };
        let rule = "measure-deadline";
        assert_eq!(
            only(measure("      выполнено: 2025-05-15\n"), "2025-06-01", rule),
            []
        );
        assert_eq!(
            only(measure("      выполнено: 2025-05-16\n"), "2025-06-01", rule),
            [(Status::DoneLate, "2025-05-15".into())]
        );
        assert_eq!(
            only(measure(""), "2025-05-16", rule),
            [(Status::Overdue, "2025-05-15".into())]
        );
        assert_eq!(
            only(measure("      исключено: 2025-04-01\n"), "2025-06-01", rule),
            []
        );
        // Excluded later than the as-of date: still in the programme then.
        assert_eq!(
            only(measure("      исключено: 2025-07-01\n"), "2025-06-01", rule),
            [(Status::Overdue, "2025-05-15".into())]
        );
    }

    #[test]
    fn caseload_weighs_categories_and_follows_curator_changes() {
        let cases = |sop: usize, tzhs: usize| {
            let mut all = Vec::new();
            for i in 0..sop {
                all.push(case(&format!("с{i}"), "2025-01-10", "СОП", ""));
            }
            for i in 0..tzhs {
                all.push(case(&format!("т{i}"), "2025-01-10", "ТЖС", ""));
            }
            all
        };
        let over = |cases: Vec<Source<Case>>| {
            let (findings, _) = findings(&repo(cases), &Calendar::builtin(), d("2025-01-12"));
            findings.iter().filter(|f| f.rule == "caseload").count()
        };
        assert_eq!(over(cases(6, 0)), 0);
        assert_eq!(over(cases(7, 0)), 1);
        assert_eq!(over(cases(5, 2)), 0);
        assert_eq!(over(cases(5, 3)), 1);
        assert_eq!(over(cases(0, 12)), 0);
        assert_eq!(over(cases(0, 13)), 1);
        let support = |n: usize| {
            (0..n)
                .map(|i| case(&format!("п{i}"), "2025-01-10", "нуждается в поддержке", ""))
                .collect::<Vec<_>>()
        };
        assert_eq!(over(support(24)), 0);
        assert_eq!(over(support(25)), 1);
        // The seventh family passed to another curator on 11 January.
        let mut seven = cases(7, 0);
        seven[6].data.curator = "Другова Е. Ж.".into();
        seven[6]
            .data
            .curator_changes
            .push(crate::model::CuratorChange {
                date: d("2025-01-11"),
                previous: "Кураторова В. Г.".into(),
                ground: crate::model::ReplacementGround::StaffChange,
            });
        assert_eq!(over(seven), 0);
        assert_eq!(
            Caseload {
                sop: 8,
                tzhs: 0,
                support: 0
            }
            .load(),
            8.0 / 6.0
        );
    }

    #[test]
    fn a_case_in_a_year_without_calendar_is_an_error_naming_the_year() {
        let old = case("1", "2022-12-20", "СОП", "");
        let (_, errors) = findings(
            &repo(vec![old.clone()]),
            &Calendar::builtin(),
            d("2023-03-01"),
        );
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0]
                .message
                .contains("нет производственного календаря на 2022 год"),
            "{}",
            errors[0].message
        );
        assert!(
            errors[0]
                .hint
                .as_deref()
                .unwrap_or("")
                .contains("calendar/2022.yaml")
        );
        assert_eq!(
            calendar_coverage(&repo(vec![old]), &Calendar::builtin()).len(),
            1
        );
        assert!(
            calendar_coverage(
                &repo(vec![case("1", "2023-01-09", "СОП", "")]),
                &Calendar::builtin()
            )
            .is_empty()
        );
    }

    #[test]
    fn cases_arriving_after_the_date_do_not_exist_yet() {
        assert_eq!(run(case("1", "2025-05-01", "СОП", ""), "2025-04-30"), []);
    }
}
