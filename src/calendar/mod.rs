//! The Russian production calendar for the five-day week: which days are working days, and
//! deadlines counted in working days.
//!
//! Why kurator needs it: the regulations set deadlines in working days, not calendar days. The
//! curator puts the draft programme before the working group «не позднее 10 рабочих дней с
//! момента поступления информации о семье» and sends the approved programme out «в течение 3
//! рабочих дней» (seed 000, п. 1.5.2), and informs the working group within 5 working days of
//! the information arriving (п. 3.1). Which days are working is decided anew every year: the
//! Labour Code fixes the holidays (ТК РФ ст. 112) and a Government decree moves days off. So the
//! data is kept per year — built-in files `calendar-data/<год>.yaml` for 2023–2027, which a case
//! repository extends or overrides with its own `calendar/<год>.yaml` (same
//! format, [`YearData`]; see [`Calendar::with_years`]).
//!
//! A date in a year without data is an error ([`MissingYear`]) telling staff how to add the
//! year, never a guess from Saturdays and Sundays: a deadline silently wrong by the New Year
//! holidays is worse than no deadline.
//!
//! # Counting convention
//!
//! One rule for every deadline (as ГК РФ ст. 191: a period starts the day after the event):
//! counting starts with the first working day *after* the event day, and the N-th working day
//! so counted is the last allowed day. The event day never counts, whether or not it is a
//! working day; `N = 0` gives the event day itself. So 10 working days after Friday 2025-04-25
//! end on Thursday 2025-05-15: the May holidays and transferred days off are skipped.
//! [`Calendar::working_days_between`] counts the working days in `(from, to]`, the inverse:
//! `working_days_between(e, add_working_days(e, n)?)? == n`.

mod year;

pub use year::{YearData, template, weekday_name};

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};

use crate::model::Date;

/// The years built into kurator, each a file of `calendar-data/`.
const BUILTIN: [(i32, &str); 5] = [
    (2023, include_str!("../../calendar-data/2023.yaml")),
    (2024, include_str!("../../calendar-data/2024.yaml")),
    (2025, include_str!("../../calendar-data/2025.yaml")),
    (2026, include_str!("../../calendar-data/2026.yaml")),
    (2027, include_str!("../../calendar-data/2027.yaml")),
];

/// The built-in calendar, parsed once; the unit tests check every built-in file is valid.
static BUILTIN_CALENDAR: LazyLock<Calendar> = LazyLock::new(|| {
    let mut years = Vec::new();
    for (year, text) in BUILTIN {
        let path = format!("calendar-data/{year}.yaml");
        let data = YearData::from_yaml(Path::new(&path), text)
            .unwrap_or_else(|problems| panic!("built-in {path} is invalid: {problems:?}"));
        assert_eq!(data.year, year, "{path} holds another year");
        years.push(data);
    }
    Calendar::empty()
        .with_years(years)
        .unwrap_or_else(|e| panic!("built-in calendar is invalid: {e:?}"))
});

/// Working days and days off of the years kurator knows.
#[derive(Debug, Clone)]
pub struct Calendar {
    years: BTreeMap<i32, Year>,
}

/// One year, worked out day by day (index: day of the year from 0).
#[derive(Debug, Clone)]
struct Year {
    data: YearData,
    working: Vec<bool>,
    shortened: Vec<bool>,
}

impl Year {
    /// Expands validated data: Monday–Friday, minus holidays and transferred days off, plus
    /// working weekends.
    fn new(data: YearData) -> Year {
        let first = NaiveDate::from_ymd_opt(data.year, 1, 1).expect("validated year");
        let len = if first.leap_year() { 366 } else { 365 };
        let mut working: Vec<bool> = first
            .iter_days()
            .take(len)
            .map(|d| !year::is_weekend(Date::from(d)))
            .collect();
        for &date in data.holidays.iter().chain(&data.transferred_days_off) {
            working[index(date)] = false;
        }
        for &date in &data.working_weekends {
            working[index(date)] = true;
        }
        let mut shortened = vec![false; len];
        for &date in &data.shortened_days {
            shortened[index(date)] = true;
        }
        Year {
            data,
            working,
            shortened,
        }
    }
}

/// Day of the year from 0.
fn index(date: Date) -> usize {
    date.naive().ordinal0() as usize
}

/// One day of a year as the calendar sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Day {
    /// The date.
    pub date: Date,
    /// A working day of the five-day week.
    pub working: bool,
    /// A pre-holiday working day, one hour shorter (ТК РФ ст. 95).
    pub shortened: bool,
}

/// A date falls in a year the calendar has no data for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MissingYear {
    /// The year without data.
    pub year: i32,
}

impl fmt::Display for MissingYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let year = self.year;
        write!(
            f,
            "нет производственного календаря на {year} год: какие дни этого года рабочие, решает \
             постановление Правительства РФ о переносе выходных дней, а угадывать по субботам и \
             воскресеньям kurator не станет.\n\
             Добавьте в репозиторий случаев файл calendar/{year}.yaml по этому постановлению, \
             например:\n{}",
            template(year).trim_end()
        )
    }
}

impl std::error::Error for MissingYear {}

/// Year data that cannot be used, with every problem found in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidYear {
    /// The year the data claims to be.
    pub year: i32,
    /// What is wrong, in Russian.
    pub problems: Vec<String>,
}

impl fmt::Display for InvalidYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "производственный календарь на {} год с ошибками:",
            self.year
        )?;
        for problem in &self.problems {
            write!(f, "\n- {problem}")?;
        }
        Ok(())
    }
}

impl std::error::Error for InvalidYear {}

impl Calendar {
    /// A calendar without any year: every date is a [`MissingYear`].
    pub fn empty() -> Calendar {
        Calendar {
            years: BTreeMap::new(),
        }
    }

    /// The calendar built into kurator: 2023–2027.
    pub fn builtin() -> Calendar {
        BUILTIN_CALENDAR.clone()
    }

    /// Adds years, replacing a year already known (a case repository's `calendar/<год>.yaml`
    /// wins over the built-in file). Every year is validated; all the invalid ones are reported.
    pub fn with_years(
        mut self,
        years: impl IntoIterator<Item = YearData>,
    ) -> Result<Calendar, Vec<InvalidYear>> {
        let mut invalid = Vec::new();
        for data in years {
            let problems = data.validate();
            if problems.is_empty() {
                self.years.insert(data.year, Year::new(data));
            } else {
                invalid.push(InvalidYear {
                    year: data.year,
                    problems,
                });
            }
        }
        if invalid.is_empty() {
            Ok(self)
        } else {
            Err(invalid)
        }
    }

    /// The years with data, in order.
    pub fn years(&self) -> impl Iterator<Item = i32> + '_ {
        self.years.keys().copied()
    }

    /// The data of a year as written in its file.
    pub fn year_data(&self, year: i32) -> Result<&YearData, MissingYear> {
        self.year(year).map(|y| &y.data)
    }

    fn year(&self, year: i32) -> Result<&Year, MissingYear> {
        self.years.get(&year).ok_or(MissingYear { year })
    }

    /// Whether the date is a working day of the five-day week.
    pub fn is_working(&self, date: Date) -> Result<bool, MissingYear> {
        Ok(self.year(date.year())?.working[index(date)])
    }

    /// Whether the date is a shortened pre-holiday working day.
    pub fn is_shortened(&self, date: Date) -> Result<bool, MissingYear> {
        Ok(self.year(date.year())?.shortened[index(date)])
    }

    /// Every day of the year, from 1 January to 31 December.
    pub fn days(&self, year: i32) -> Result<Vec<Day>, MissingYear> {
        let data = self.year(year)?;
        let first = NaiveDate::from_ymd_opt(year, 1, 1).expect("a year with data exists");
        Ok(first
            .iter_days()
            .zip(data.working.iter().zip(&data.shortened))
            .map(|(date, (&working, &shortened))| Day {
                date: Date::from(date),
                working,
                shortened,
            })
            .collect())
    }

    /// Number of working days in the year (247 in 2025).
    pub fn working_days_in_year(&self, year: i32) -> Result<u32, MissingYear> {
        Ok(self.year(year)?.working.iter().filter(|&&w| w).count() as u32)
    }

    /// The last allowed day of a deadline of `n` working days after `event` (see the module's
    /// counting convention): the `n`-th working day after the event day; `n = 0` is the event day.
    ///
    /// Fails with the first year on the way that has no data.
    pub fn add_working_days(&self, event: Date, n: u32) -> Result<Date, MissingYear> {
        let mut day = event.naive();
        let mut left = n;
        while left > 0 {
            day = day.succ_opt().ok_or(MissingYear {
                year: day.year().saturating_add(1),
            })?;
            if self.is_working(Date::from(day))? {
                left -= 1;
            }
        }
        Ok(Date::from(day))
    }

    /// Number of working days after `from` up to and including `to` (the days in `(from, to]`);
    /// 0 when `to` is not after `from`. How many working days of a deadline have been used.
    pub fn working_days_between(&self, from: Date, to: Date) -> Result<u32, MissingYear> {
        let mut count = 0;
        let mut day = from.naive();
        while day < to.naive() {
            day = day.succ_opt().expect("before `to`, so not the last date");
            if self.is_working(Date::from(day))? {
                count += 1;
            }
        }
        Ok(count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    fn builtin() -> Calendar {
        Calendar::builtin()
    }

    /// The built-in 2025, to alter in validation tests.
    fn data_2025() -> YearData {
        builtin().year_data(2025).unwrap().clone()
    }

    #[test]
    fn builtin_files_are_valid_and_named_by_their_year() {
        for (year, text) in BUILTIN {
            let data = YearData::from_yaml(Path::new("x.yaml"), text).unwrap();
            assert_eq!(data.year, year);
            assert!(data.validate().is_empty());
            assert!(data.basis.contains("Постановление Правительства РФ"));
            assert!(data.basis.contains(&format!("в {year} году")));
        }
        assert_eq!(
            builtin().years().collect::<Vec<_>>(),
            vec![2023, 2024, 2025, 2026, 2027]
        );
    }

    #[test]
    fn working_days_per_year_match_the_official_calendars() {
        let cal = builtin();
        for (year, expected, days) in [
            (2023, 247, 365),
            (2024, 248, 366),
            (2025, 247, 365),
            (2026, 247, 365),
            (2027, 247, 365),
        ] {
            assert_eq!(cal.working_days_in_year(year), Ok(expected), "{year}");
            assert_eq!(cal.days(year).unwrap().len(), days, "{year}");
        }
    }

    #[test]
    fn ten_working_days_after_25_april_2025_end_on_15_may() {
        let cal = builtin();
        assert_eq!(
            cal.add_working_days(d("2025-04-25"), 10),
            Ok(d("2025-05-15"))
        );
        assert_eq!(
            cal.working_days_between(d("2025-04-25"), d("2025-05-15")),
            Ok(10)
        );
        // Three working days (sending the programme out) after the same Friday.
        assert_eq!(
            cal.add_working_days(d("2025-04-25"), 3),
            Ok(d("2025-04-30"))
        );
    }

    #[test]
    fn zero_days_is_the_event_day_and_the_event_day_never_counts() {
        let cal = builtin();
        assert_eq!(
            cal.add_working_days(d("2025-05-01"), 0),
            Ok(d("2025-05-01"))
        );
        // An event on a holiday: 2 May is a transferred day off, 3–4 May a weekend.
        assert_eq!(
            cal.add_working_days(d("2025-05-01"), 1),
            Ok(d("2025-05-05"))
        );
        // An event on a working Monday: the count starts on Tuesday.
        assert_eq!(
            cal.add_working_days(d("2025-04-28"), 1),
            Ok(d("2025-04-29"))
        );
    }

    #[test]
    fn counting_across_the_2024_new_year() {
        let cal = builtin();
        // Saturday 28 December 2024 is a working day; 29 Dec – 8 Jan are days off.
        assert_eq!(cal.is_working(d("2024-12-28")), Ok(true));
        assert_eq!(cal.is_working(d("2024-12-30")), Ok(false));
        assert_eq!(cal.is_working(d("2024-12-31")), Ok(false));
        assert_eq!(
            cal.add_working_days(d("2024-12-27"), 1),
            Ok(d("2024-12-28"))
        );
        assert_eq!(
            cal.add_working_days(d("2024-12-27"), 2),
            Ok(d("2025-01-09"))
        );
        assert_eq!(
            cal.add_working_days(d("2024-12-28"), 1),
            Ok(d("2025-01-09"))
        );
        assert_eq!(
            cal.add_working_days(d("2024-12-31"), 1),
            Ok(d("2025-01-09"))
        );
        assert_eq!(
            cal.add_working_days(d("2024-12-26"), 5),
            Ok(d("2025-01-13"))
        );
        assert_eq!(
            cal.working_days_between(d("2024-12-26"), d("2025-01-13")),
            Ok(5)
        );
    }

    #[test]
    fn counting_across_the_2025_and_2026_new_year() {
        let cal = builtin();
        // 31 Dec 2025 is a transferred day off; 1–8 Jan holidays; 9 Jan 2026 transferred.
        assert_eq!(
            cal.add_working_days(d("2025-12-29"), 1),
            Ok(d("2025-12-30"))
        );
        assert_eq!(
            cal.add_working_days(d("2025-12-30"), 1),
            Ok(d("2026-01-12"))
        );
        assert_eq!(
            cal.add_working_days(d("2025-12-30"), 10),
            Ok(d("2026-01-23"))
        );
        // 2026 → 2027: 31 Dec 2026 off, 1–8 Jan 2027 holidays, 11 Jan is a Monday.
        assert_eq!(
            cal.add_working_days(d("2026-12-30"), 1),
            Ok(d("2027-01-11"))
        );
    }

    #[test]
    fn counting_into_a_year_without_data_fails_with_that_year() {
        let cal = builtin();
        assert_eq!(
            cal.add_working_days(d("2027-12-30"), 1),
            Err(MissingYear { year: 2028 })
        );
        assert_eq!(
            cal.add_working_days(d("2027-12-29"), 1),
            Ok(d("2027-12-30"))
        );
        assert_eq!(
            cal.working_days_between(d("2027-12-01"), d("2028-01-20")),
            Err(MissingYear { year: 2028 })
        );
        assert_eq!(
            cal.is_working(d("2022-12-30")),
            Err(MissingYear { year: 2022 })
        );
        assert_eq!(
            cal.add_working_days(d("2022-12-30"), 1),
            Err(MissingYear { year: 2022 })
        );
    }

    #[test]
    fn the_missing_year_message_names_the_year_and_shows_the_file() {
        let message = MissingYear { year: 2028 }.to_string();
        assert!(message.contains("нет производственного календаря на 2028 год"));
        assert!(message.contains("calendar/2028.yaml"));
        assert!(message.contains("год: 2028\n"));
        // The template it shows is itself a valid file once the decree's fields are filled.
        let data = YearData::from_yaml(Path::new("calendar/2028.yaml"), &template(2028)).unwrap();
        assert_eq!(data.holidays.len(), 14);
        assert_eq!(data.holidays[0], d("2028-01-01"));
    }

    #[test]
    fn adding_and_counting_are_inverse_over_every_day_2023_to_2027() {
        let cal = builtin();
        let mut event = d("2023-01-01").naive();
        while event < d("2027-11-01").naive() {
            for n in [1, 3, 5, 10] {
                let end = cal.add_working_days(Date::from(event), n).unwrap();
                assert_eq!(cal.is_working(end), Ok(true), "{event} + {n}");
                assert_eq!(
                    cal.working_days_between(Date::from(event), end),
                    Ok(n),
                    "{event} + {n}"
                );
            }
            event = event.succ_opt().unwrap();
        }
    }

    #[test]
    fn a_repository_year_overrides_or_adds_a_year() {
        let mut changed = data_2025();
        changed.transferred_days_off.push(d("2025-12-30"));
        let mut next = YearData::from_yaml(Path::new("2028.yaml"), &template(2028)).unwrap();
        next.basis = "проверка".into();
        let cal = builtin().with_years([changed, next]).unwrap();
        assert_eq!(cal.working_days_in_year(2025), Ok(246));
        assert_eq!(cal.is_working(d("2025-12-30")), Ok(false));
        assert_eq!(cal.is_working(d("2028-01-10")), Ok(true));
        assert_eq!(cal.years().count(), 6);
        // The built-in calendar itself is untouched.
        assert_eq!(builtin().working_days_in_year(2025), Ok(247));
    }

    fn validate_changed(change: impl FnOnce(&mut YearData)) -> Vec<String> {
        let mut data = data_2025();
        change(&mut data);
        data.validate()
    }

    #[test]
    fn validation_finds_what_typos_make() {
        let one = |change: fn(&mut YearData)| {
            let problems = validate_changed(change);
            assert_eq!(problems.len(), 1, "{problems:?}");
            problems.into_iter().next().unwrap()
        };
        assert!(
            one(|y| y.holidays.push(d("2024-03-08"))).contains("дата 2024-03-08 не из 2025 года")
        );
        assert!(one(|y| y.holidays.push(d("2025-03-08"))).contains("указана дважды"));
        assert!(
            one(|y| y.working_weekends.push(d("2025-01-04")))
                .contains("указана и в «праздники», и в «рабочие_субботы»")
        );
        assert!(
            one(|y| y.working_weekends.push(d("2025-11-05")))
                .contains("2025-11-05 — среда, а этот день и так рабочий")
        );
        assert!(
            one(|y| y.transferred_days_off.push(d("2025-11-08")))
                .contains("2025-11-08 — суббота, а этот день и так выходной")
        );
        assert!(
            one(|y| y.shortened_days.push(d("2025-05-02")))
                .contains("«сокращённые_дни»: 2025-05-02 (пятница) — нерабочий день")
        );
        assert!(one(|y| y.basis = "  ".into()).contains("«основание» пусто"));
        assert!(one(|y| y.holidays.clear()).contains("список «праздники» пуст"));
        // A holiday that is also a transferred day off on a weekday.
        let both = validate_changed(|y| y.transferred_days_off.push(d("2025-01-08")));
        assert!(both[0].contains("и в «праздники», и в «перенесённые_выходные»"));
        // with_years refuses the year and says why.
        let mut bad = data_2025();
        bad.working_weekends.push(d("2025-11-05"));
        let err = builtin().with_years([bad]).unwrap_err();
        assert_eq!(err.len(), 1);
        assert_eq!(err[0].year, 2025);
        assert!(
            err[0]
                .to_string()
                .starts_with("производственный календарь на 2025 год с ошибками:\n- ")
        );
    }

    #[test]
    fn from_yaml_speaks_russian_about_keys_types_and_dates() {
        let path = Path::new("calendar/2028.yaml");
        let errors = |text: &str| YearData::from_yaml(path, text).unwrap_err();
        let base = template(2028);
        let only = |text: &str| {
            let e = errors(text);
            assert_eq!(e.len(), 1, "{e:?}");
            e[0].clone()
        };
        assert_eq!(
            only(&base.replace("перенесённые_выходные", "перенесенные_выходные")),
            "calendar/2028.yaml:4:1: неизвестный ключ «перенесенные_выходные»"
        );
        assert_eq!(
            only(&base.replace("рабочие_субботы: []", "рабочие_субботы: [06.05.2028]")),
            "calendar/2028.yaml:5:19: дата «06.05.2028» записана не в формате ГГГГ-ММ-ДД"
        );
        assert_eq!(
            only(&base.replace("год: 2028\n", "")),
            "calendar/2028.yaml:1:1: нет обязательного поля «год»"
        );
        assert!(
            only(&base.replace("год: 2028", "год: две тысячи")).contains("ожидается целое число")
        );
        assert!(
            only(&base.replace("рабочие_субботы: []", "рабочие_субботы: 2028-05-06"))
                .contains("ожидается список")
        );
        assert!(
            only(&base.replace("сокращённые_дни: []", "сокращённые_дни: [2028-02-30]"))
                .contains("такой даты нет")
        );
        assert!(only("год: [2028\n").starts_with("calendar/2028.yaml:"));
        assert_eq!(only(""), "calendar/2028.yaml:1:1: файл пуст");
        assert!(only("- 2028\n").contains("файл должен быть словарём"));
        // Validation runs after parsing.
        let wrong_year = errors(&base.replace("год: 2028", "год: 2029"));
        assert_eq!(wrong_year.len(), 14);
        assert!(wrong_year[0].contains("дата 2028-01-01 не из 2029 года"));
    }

    #[test]
    fn shortened_days_are_working_days_and_marked() {
        let cal = builtin();
        for year in cal.years() {
            for day in cal.days(year).unwrap() {
                assert!(!day.shortened || day.working, "{}", day.date);
                assert_eq!(cal.is_shortened(day.date), Ok(day.shortened));
            }
        }
        assert_eq!(cal.is_shortened(d("2025-11-01")), Ok(true));
        assert_eq!(cal.is_shortened(d("2024-11-02")), Ok(true));
        assert_eq!(cal.is_shortened(d("2024-04-27")), Ok(false));
    }
}
