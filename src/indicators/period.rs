//! Reporting periods: a quarter or a calendar year.
//!
//! Staff type quarters as «2025-К1» and IT people as «2025-Q1»; both mean the same, and file
//! names use the ASCII spelling so that CI artifacts and shells handle them without surprises.

use chrono::{Datelike, Months};

use crate::model::Date;

/// A quarter (`quarter` 1–4) or a whole year (`quarter` none).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    /// Calendar year.
    pub year: i32,
    /// Quarter 1–4, or `None` for the whole year.
    pub quarter: Option<u8>,
}

impl Period {
    /// A quarter; `q` must be 1–4.
    pub fn quarter(year: i32, q: u8) -> Period {
        assert!((1..=4).contains(&q), "quarter {q} out of range");
        Period {
            year,
            quarter: Some(q),
        }
    }

    /// A whole calendar year.
    pub fn year(year: i32) -> Period {
        Period {
            year,
            quarter: None,
        }
    }

    /// The quarter a date falls in.
    pub fn containing(date: Date) -> Period {
        Period::quarter(date.year(), (date.naive().month0() / 3 + 1) as u8)
    }

    /// Parses «2025-Q1», «2025-К1» (Cyrillic or Latin K, any case) or «2025» (a year).
    pub fn parse(text: &str) -> Option<Period> {
        let text = text.trim();
        let (year, quarter) = match text.split_once('-') {
            Some((year, q)) => (year, Some(q)),
            None => (text, None),
        };
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year: i32 = year.parse().ok()?;
        let Some(q) = quarter else {
            return Some(Period::year(year));
        };
        let mut chars = q.chars();
        let letter = chars.next()?;
        let digit = chars.next()?.to_digit(10)?;
        let letter_ok = matches!(letter, 'Q' | 'q' | 'К' | 'к' | 'K' | 'k');
        if !letter_ok || chars.next().is_some() || !(1..=4).contains(&digit) {
            return None;
        }
        Some(Period::quarter(year, digit as u8))
    }

    /// First day.
    pub fn start(self) -> Date {
        let month = self.quarter.map_or(1, |q| u32::from(q - 1) * 3 + 1);
        Date::from_ymd(self.year, month, 1).expect("a period starts on an existing day")
    }

    /// Last day.
    pub fn end(self) -> Date {
        let months = if self.quarter.is_some() { 3 } else { 12 };
        let next = self.start().naive() + Months::new(months);
        Date::from(next.pred_opt().expect("a day before a period start exists"))
    }

    /// Whether a date falls in the period.
    pub fn contains(self, date: Date) -> bool {
        self.start() <= date && date <= self.end()
    }

    /// The period of the same length just before.
    pub fn previous(self) -> Period {
        match self.quarter {
            Some(1) => Period::quarter(self.year - 1, 4),
            Some(q) => Period::quarter(self.year, q - 1),
            None => Period::year(self.year - 1),
        }
    }

    /// The quarters of the period: four for a year, itself for a quarter.
    pub fn quarters(self) -> Vec<Period> {
        match self.quarter {
            Some(_) => vec![self],
            None => (1..=4).map(|q| Period::quarter(self.year, q)).collect(),
        }
    }

    /// The calendar months of the period, as (first day, last day).
    pub fn months(self) -> Vec<(Date, Date)> {
        let mut months = Vec::new();
        let mut start = self.start().naive();
        while Date::from(start) <= self.end() {
            let next = start + Months::new(1);
            months.push((
                Date::from(start),
                Date::from(next.pred_opt().expect("a month has a last day")),
            ));
            start = next;
        }
        months
    }

    /// The id used in file names: «2025-Q1» or «2025».
    pub fn id(self) -> String {
        match self.quarter {
            Some(q) => format!("{}-Q{q}", self.year),
            None => self.year.to_string(),
        }
    }

    /// The Russian name: «I квартал 2025 г.» or «2025 год».
    pub fn label(self) -> String {
        match self.quarter {
            Some(q) => format!(
                "{} квартал {} г.",
                ["I", "II", "III", "IV"][usize::from(q - 1)],
                self.year
            ),
            None => format!("{} год", self.year),
        }
    }

    /// The short Russian name for charts and tables: «1 кв. 2025».
    pub fn short_label(self) -> String {
        match self.quarter {
            Some(q) => format!("{q} кв. {}", self.year),
            None => self.year.to_string(),
        }
    }
}

/// Every quarter from the one holding `first` to the one holding `last`, in order.
pub fn quarters_between(first: Date, last: Date) -> Vec<Period> {
    let mut quarters = Vec::new();
    let mut q = Period::containing(first);
    let end = Period::containing(last);
    while q <= end {
        quarters.push(q);
        q = match q.quarter {
            Some(4) => Period::quarter(q.year + 1, 1),
            Some(n) => Period::quarter(q.year, n + 1),
            None => unreachable!("containing() gives quarters"),
        };
    }
    quarters
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn both_spellings_of_a_quarter() {
        assert_eq!(Period::parse("2025-Q1"), Some(Period::quarter(2025, 1)));
        assert_eq!(Period::parse("2025-К4"), Some(Period::quarter(2025, 4)));
        assert_eq!(Period::parse("2025-к2"), Some(Period::quarter(2025, 2)));
        assert_eq!(Period::parse("2025"), Some(Period::year(2025)));
        for bad in [
            "2025-Q5", "2025-Q0", "25-Q1", "2025-X1", "2025-Q12", "", "2025-",
        ] {
            assert_eq!(Period::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn bounds_and_neighbours() {
        let q1 = Period::quarter(2024, 1);
        assert_eq!((q1.start(), q1.end()), (d("2024-01-01"), d("2024-03-31")));
        assert_eq!(q1.previous(), Period::quarter(2023, 4));
        assert_eq!(Period::quarter(2025, 4).end(), d("2025-12-31"));
        assert_eq!(Period::year(2024).end(), d("2024-12-31"));
        assert_eq!(q1.months().len(), 3);
        assert_eq!(q1.months()[1], (d("2024-02-01"), d("2024-02-29")));
        assert_eq!(
            Period::containing(d("2025-06-30")),
            Period::quarter(2025, 2)
        );
        assert_eq!(q1.label(), "I квартал 2024 г.");
        assert_eq!(q1.id(), "2024-Q1");
        assert_eq!(
            quarters_between(d("2024-11-05"), d("2025-04-01")),
            vec![
                Period::quarter(2024, 4),
                Period::quarter(2025, 1),
                Period::quarter(2025, 2)
            ]
        );
    }
}
