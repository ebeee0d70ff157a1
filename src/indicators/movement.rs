//! Movement of families in a period, for the centre and for each curator: figures that add up.
//!
//! Quarterly analytics send upward how many families were under support at the start, how many
//! came and left and why, and how many remain (seed 002, «аналитическая информация»; seed 003,
//! п. 6.4); a curator's own figures must carry over between periods, and transfers between
//! curators (seed 003, п. 1.9; seed 000, п. 1.6) must be counted, or a curator ends one quarter
//! with 3 families and starts the next with 4.
//!
//! The figures are counted from one definition, so the identities hold by construction and a
//! test can check them on any repository: a case's *state* on a day is «not under support» or
//! «under support, held by curator X» ([`is_open`], [`curator_on`]). Start is the state on the
//! day before the period, end the state on its last day; every change of state on a day of the
//! period is one movement — not open → open: opened (for the curator who holds it that day); open
//! → not open: closed, by the closure's ground (for the curator who held it the day before);
//! held by A → held by B: handed by A, received by B. Hence, for the centre and for each curator,
//! start + opened + received − handed − closed = end, and a period's end is the next one's start.
//!
//! Caseload is judged on every day of the period (seed 000, п. 1.8), as `kurator check` judges
//! it, not on the last day only.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Period;
use crate::load::Repository;
use crate::model::{Case, ClosureGround, Date};
use crate::rules::{caseloads, curator_on, is_open};

/// How the families under support moved in a period, for the centre or one curator.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Movement {
    /// Under support at the end of the day before the period.
    pub start: u32,
    /// Taken under support in the period.
    pub opened: u32,
    /// Received from another curator (always 0 for the centre).
    pub received: u32,
    /// Handed to another curator (always 0 for the centre).
    pub handed: u32,
    /// Removed from support in the period, by ground.
    pub closed: BTreeMap<ClosureGround, u32>,
    /// Under support on the period's last day.
    pub end: u32,
}

impl Movement {
    /// Removed from support in the period, all grounds together.
    pub fn closed_total(&self) -> u32 {
        self.closed.values().sum()
    }

    /// Whether start + opened + received − handed − closed = end.
    pub fn reconciles(&self) -> bool {
        i64::from(self.start) + i64::from(self.opened) + i64::from(self.received)
            - i64::from(self.handed)
            - i64::from(self.closed_total())
            == i64::from(self.end)
    }
}

/// A curator's figures in a period: movement and the load over every day.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CuratorMovement {
    /// How the curator's families moved.
    pub movement: Movement,
    /// The highest weighted load on any day of the period (1.0 = the full load of п. 1.8).
    pub max_load: f64,
    /// Days of the period on which the load was over the limit.
    pub days_over_limit: u32,
}

/// The period's movement for the centre and for every curator who held a family in it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PeriodMovement {
    /// The centre as a whole.
    pub centre: Movement,
    /// Each curator who held a family on some day of the period (or the day before it).
    pub curators: BTreeMap<String, CuratorMovement>,
}

/// A case's state on a day: `None` when it is not under support, else who holds it.
fn state(case: &Case, date: Date) -> Option<&str> {
    is_open(case, date).then(|| curator_on(case, date))
}

/// The movement of the curator `name`, made on first use.
fn held<'a>(curators: &'a mut BTreeMap<String, CuratorMovement>, name: &str) -> &'a mut Movement {
    &mut curators.entry(name.to_owned()).or_default().movement
}

fn day_before(date: Date) -> Date {
    date.naive()
        .pred_opt()
        .expect("a date after the first representable day")
        .into()
}

/// Counts the movement of `period` from the cases of `repo`.
pub fn period_movement(repo: &Repository, period: Period) -> PeriodMovement {
    let (from, to) = (period.start(), period.end());
    let before = day_before(from);
    let mut figures = PeriodMovement::default();
    let mut centre = Movement::default();
    for case in repo.cases.iter().map(|c| &c.data) {
        let first = state(case, before);
        if let Some(holder) = first {
            centre.start += 1;
            held(&mut figures.curators, holder).start += 1;
        }
        // The days on which the state can change: intake, closure and each curator change.
        let mut days: Vec<Date> = [
            Some(case.intake.date),
            case.closure.as_ref().map(|c| c.date),
        ]
        .into_iter()
        .flatten()
        .chain(case.curator_changes.iter().map(|c| c.date))
        .filter(|d| (from..=to).contains(d))
        .collect();
        days.sort();
        days.dedup();
        for day in days {
            match (state(case, day_before(day)), state(case, day)) {
                (None, Some(b)) => {
                    centre.opened += 1;
                    held(&mut figures.curators, b).opened += 1;
                }
                (Some(a), None) => {
                    // A case stops being open only by its closure; a closure without a ground is
                    // a validation error, so `Other` is never printed for it.
                    let ground = case
                        .closure
                        .as_ref()
                        .and_then(|c| c.ground)
                        .unwrap_or(ClosureGround::Other);
                    *centre.closed.entry(ground).or_default() += 1;
                    *held(&mut figures.curators, a)
                        .closed
                        .entry(ground)
                        .or_default() += 1;
                }
                (Some(a), Some(b)) if a != b => {
                    held(&mut figures.curators, a).handed += 1;
                    held(&mut figures.curators, b).received += 1;
                }
                _ => {}
            }
        }
        if let Some(holder) = state(case, to) {
            centre.end += 1;
            held(&mut figures.curators, holder).end += 1;
        }
    }
    figures.centre = centre;
    let mut day = from;
    while day <= to {
        for (name, load) in caseloads(repo, day) {
            let entry = figures.curators.entry(name.to_owned()).or_default();
            entry.max_load = entry.max_load.max(load.load());
            entry.days_over_limit += u32::from(load.over_limit());
        }
        day = day.naive().succ_opt().expect("a representable day").into();
    }
    figures
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indicators::quarters_between;

    /// The repository at `root`, loaded as kurator loads it, with no data errors.
    fn load_without_errors(root: &std::path::Path) -> Repository {
        let (repo, diagnostics) = crate::load::load(root).unwrap();
        assert!(
            diagnostics
                .iter()
                .all(|d| d.severity != crate::diagnostic::Severity::Error),
            "{diagnostics:?}"
        );
        repo
    }

    /// A generated repository of `families` families, loaded as kurator loads it.
    fn generated(families: usize, seed: u64) -> (testdir::TempDir, Repository) {
        let dir = testdir::tempdir().unwrap();
        for (path, text) in crate::demo::generate(families, seed) {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let repo = load_without_errors(dir.path());
        (dir, repo)
    }

    #[test]
    fn every_period_reconciles_and_carries_over_for_the_centre_and_each_curator() {
        for (families, seed) in [(40, 1), (120, 7), (300, 42)] {
            let (_dir, repo) = generated(families, seed);
            let first = repo.cases.iter().map(|c| c.data.intake.date).min().unwrap();
            let last = repo
                .cases
                .iter()
                .flat_map(|c| c.data.closure.iter().map(|x| x.date))
                .max()
                .unwrap_or(first);
            let quarters = quarters_between(first, last);
            assert!(quarters.len() > 2, "{families}/{seed}: {quarters:?}");
            let mut previous: Option<PeriodMovement> = None;
            let (mut moved, mut transfers) = (0, 0);
            for quarter in quarters {
                let figures = period_movement(&repo, quarter);
                let what = format!("{families} families, seed {seed}, {}", quarter.id());
                assert!(figures.centre.reconciles(), "{what}: {:?}", figures.centre);
                assert_eq!(figures.centre.received + figures.centre.handed, 0, "{what}");
                let sum = |f: fn(&Movement) -> u32| -> u32 {
                    figures.curators.values().map(|c| f(&c.movement)).sum()
                };
                assert_eq!(sum(|m| m.start), figures.centre.start, "{what}");
                assert_eq!(sum(|m| m.end), figures.centre.end, "{what}");
                assert_eq!(sum(|m| m.opened), figures.centre.opened, "{what}");
                assert_eq!(
                    sum(Movement::closed_total),
                    figures.centre.closed_total(),
                    "{what}"
                );
                assert_eq!(sum(|m| m.received), sum(|m| m.handed), "{what}");
                for (name, c) in &figures.curators {
                    assert!(c.movement.reconciles(), "{what}, {name}: {:?}", c.movement);
                }
                if let Some(previous) = &previous {
                    assert_eq!(previous.centre.end, figures.centre.start, "{what}");
                    for (name, c) in &figures.curators {
                        let before = previous.curators.get(name).map_or(0, |p| p.movement.end);
                        assert_eq!(before, c.movement.start, "{what}: {name} carries over");
                    }
                }
                moved += figures.centre.opened + figures.centre.closed_total();
                transfers += sum(|m| m.handed);
                previous = Some(figures);
            }
            // The generator makes intakes, closures and curator changes: the test saw them.
            assert!(
                moved > 0 && transfers > 0,
                "{families}/{seed}: {moved} {transfers}"
            );
        }
    }

    #[test]
    fn the_highest_load_is_the_highest_of_every_day() {
        let (_dir, repo) = generated(150, 3);
        let quarter = Period::quarter(2025, 1);
        let figures = period_movement(&repo, quarter);
        let mut day = quarter.start();
        let mut highest: BTreeMap<String, f64> = BTreeMap::new();
        while day <= quarter.end() {
            for (name, load) in caseloads(&repo, day) {
                let h = highest.entry(name.to_owned()).or_default();
                *h = h.max(load.load());
            }
            day = day.naive().succ_opt().unwrap().into();
        }
        for (name, load) in highest {
            assert_eq!(figures.curators[&name].max_load, load, "{name}");
        }
    }

    /// One case file of the hand-computed fixture: all СОП, so a load is families / 6.
    fn case(number: &str, intake: &str, curator: &str, extra: &str) -> (String, String) {
        let text = format!(
            "номер: {number}\nпоступление:\n  дата: {intake}\n  источник: заявление родителя\n\
             семья:\n  фамилия: Первые\n  адрес: г. Условный\n  категория: СОП\n  члены:\n\
             \x20   - фио: Первая Анна Ивановна\n      роль: мать\n      дата_рождения: 1990-01-01\n\
             куратор: {curator}\nэтапы:\n  диагностический: {intake}\n{extra}"
        );
        (format!("cases/{number}.yaml"), text)
    }

    /// Transfers both ways, closures by two grounds (one on the period's first day), and a load
    /// that peaks mid-quarter — computed by hand below.
    #[test]
    fn a_hand_computed_quarter() {
        const A: &str = "Кураторова В. Г.";
        const B: &str = "Опекунов Д. Е.";
        let dir = testdir::tempdir().unwrap();
        let base = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/base");
        std::fs::copy(base.join("kurator.yaml"), dir.path().join("kurator.yaml")).unwrap();
        std::fs::create_dir(dir.path().join("cases")).unwrap();
        let files = [
            // X: A's since 2024; handed to B on 10.02.
            case(
                "X",
                "2024-10-01",
                B,
                "смена_куратора:\n  - дата: 2025-02-10\n    прежний: Кураторова В. Г.\n    основание: изменение кадрового состава\n",
            ),
            // Y: opened by A on 15.01, closed on 20.03 (the family moved).
            case(
                "Y",
                "2025-01-15",
                A,
                "закрытие:\n  дата: 2025-03-20\n  основание: переезд\n",
            ),
            // Z: B's since December; closed on 01.01 — open on 31.12, so in Q1's start and closures.
            case(
                "Z",
                "2024-12-01",
                B,
                "закрытие:\n  дата: 2025-01-01\n  основание: отказ семьи\n",
            ),
            // W: opened by A on 01.02, handed to B on 01.03.
            case(
                "W",
                "2025-02-01",
                B,
                "смена_куратора:\n  - дата: 2025-03-01\n    прежний: Кураторова В. Г.\n    основание: ходатайство куратора\n",
            ),
        ];
        for (path, text) in files {
            std::fs::write(dir.path().join(path), text).unwrap();
        }
        let repo = load_without_errors(dir.path());
        let q1 = period_movement(&repo, Period::quarter(2025, 1));
        let closed = |pairs: &[(ClosureGround, u32)]| pairs.iter().copied().collect();
        // Centre: start X, Z = 2; opened Y, W = 2; closed Z (отказ), Y (переезд) = 2; end X, W = 2.
        assert_eq!(
            q1.centre,
            Movement {
                start: 2,
                opened: 2,
                received: 0,
                handed: 0,
                closed: closed(&[(ClosureGround::Moved, 1), (ClosureGround::Refusal, 1)]),
                end: 2,
            }
        );
        // A: start X = 1; opened Y, W = 2; handed X, W = 2; closed Y = 1; end 0: 1 + 2 − 2 − 1 = 0.
        assert_eq!(
            q1.curators[A].movement,
            Movement {
                start: 1,
                opened: 2,
                received: 0,
                handed: 2,
                closed: closed(&[(ClosureGround::Moved, 1)]),
                end: 0,
            }
        );
        // B: start Z = 1; received X, W = 2; closed Z = 1; end X, W = 2: 1 + 2 − 1 = 2.
        assert_eq!(
            q1.curators[B].movement,
            Movement {
                start: 1,
                opened: 0,
                received: 2,
                handed: 0,
                closed: closed(&[(ClosureGround::Refusal, 1)]),
                end: 2,
            }
        );
        // A's peak: X, Y and W from 01.02 to 09.02 = 3 СОП of 6, though A ends with none.
        assert_eq!(q1.curators[A].max_load, 0.5);
        // B: X from 10.02, W from 01.03 = 2 of 6; Z was never open in the quarter.
        assert_eq!(q1.curators[B].max_load, 2.0 / 6.0);
        assert_eq!(
            q1.curators[A].days_over_limit + q1.curators[B].days_over_limit,
            0
        );
        // Q2 starts where Q1 ended.
        let q2 = period_movement(&repo, Period::quarter(2025, 2));
        assert_eq!(q2.curators[B].movement.start, 2);
        assert!(!q2.curators.contains_key(A) || q2.curators[A].movement.start == 0);
    }
}
