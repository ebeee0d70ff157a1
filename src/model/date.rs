//! Calendar dates as staff type them: `ГГГГ-ММ-ДД`, nothing else.
//!
//! YAML 1.2 has no date type, so a date arrives as text. One strict format keeps files
//! sortable and unambiguous; anything else (`30.02.2024`, `2024-2-3`) is an error on its line.

use std::borrow::Cow;
use std::fmt;

use chrono::{Datelike, NaiveDate};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar date (no time, no zone), written `ГГГГ-ММ-ДД` in the case files.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(NaiveDate);

/// Why a text is not a date, for a message that tells staff how to fix it.
#[derive(Debug, PartialEq, Eq)]
pub enum DateError {
    /// Not of the shape `ГГГГ-ММ-ДД`; carries the ISO spelling when the text was `ДД.ММ.ГГГГ`.
    Shape { iso: Option<String> },
    /// The shape is right but the day does not exist (30 February).
    NoSuchDay,
}

impl Date {
    /// Builds a date from year, month and day; `None` when no such day exists.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        NaiveDate::from_ymd_opt(year, month, day).map(Date)
    }

    /// Parses the one accepted spelling, `ГГГГ-ММ-ДД`.
    pub fn parse(text: &str) -> Result<Date, DateError> {
        let bytes = text.as_bytes();
        let shape_ok = bytes.len() == 10
            && bytes[4] == b'-'
            && bytes[7] == b'-'
            && bytes
                .iter()
                .enumerate()
                .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
        if !shape_ok {
            return Err(DateError::Shape {
                iso: dotted_to_iso(text),
            });
        }
        let num = |r: std::ops::Range<usize>| text[r].parse::<u32>().unwrap_or(0);
        Date::from_ymd(num(0..4) as i32, num(5..7), num(8..10)).ok_or(DateError::NoSuchDay)
    }

    /// The underlying chrono date, for arithmetic.
    pub fn naive(self) -> NaiveDate {
        self.0
    }

    /// Year of the date.
    pub fn year(self) -> i32 {
        self.0.year()
    }

    /// «05.06.2025», the short Russian spelling, for tables and messages.
    pub fn short_ru(self) -> String {
        self.0.format("%d.%m.%Y").to_string()
    }

    /// «05» июня 2025 г., the spelling of official documents (ГОСТ Р 7.0.97-2025).
    pub fn long_ru(self) -> String {
        format!(
            "«{:02}» {} {} г.",
            self.0.day(),
            MONTHS_GENITIVE[self.0.month0() as usize],
            self.0.year()
        )
    }
}

/// Month names: «январь».
pub const MONTHS: [&str; 12] = [
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
];

/// Month names in the genitive: «января», as in «5 января».
pub const MONTHS_GENITIVE: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];

/// Month names in the prepositional: «феврале», as in «в феврале».
pub const MONTHS_PREPOSITIONAL: [&str; 12] = [
    "январе",
    "феврале",
    "марте",
    "апреле",
    "мае",
    "июне",
    "июле",
    "августе",
    "сентябре",
    "октябре",
    "ноябре",
    "декабре",
];

/// Why a text of the shape `ГГГГ-ММ-ДД` names no day ([`DateError::NoSuchDay`]), in words a
/// person can act on: «месяца 13 нет: месяцы — от 01 до 12», «в феврале 2026 года 28 дней».
pub fn no_such_day(text: &str) -> String {
    let num = |r: std::ops::Range<usize>| text.get(r).and_then(|t| t.parse::<u32>().ok());
    let (Some(year), Some(month), Some(day)) = (num(0..4), num(5..7), num(8..10)) else {
        return "такого дня нет в календаре".to_owned();
    };
    if !(1..=12).contains(&month) {
        return format!("месяца {month:02} нет: месяцы — от 01 до 12");
    }
    if day == 0 {
        return "числа 00 не бывает: дни месяца считаются с 01".to_owned();
    }
    let days = (28..=31)
        .rev()
        .find(|&d| Date::from_ymd(year as i32, month, d).is_some())
        .unwrap_or(28);
    let word = if days == 31 { "день" } else { "дней" };
    format!(
        "в {} {year} года {days} {word}, {day}-го числа нет",
        MONTHS_PREPOSITIONAL[month as usize - 1]
    )
}

/// The text with its first letter capitalised: «деятельностный» → «Деятельностный».
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// `30.02.2024` → `2024-02-30`: staff often type the Russian spelling; the hint shows the ISO one.
fn dotted_to_iso(text: &str) -> Option<String> {
    let parts: Vec<&str> = text.trim().split('.').collect();
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [d, m, y] if all_digits(d) && all_digits(m) && y.len() == 4 && all_digits(y) => {
            Some(format!("{y}-{m:0>2}-{d:0>2}"))
        }
        _ => None,
    }
}

impl From<NaiveDate> for Date {
    fn from(value: NaiveDate) -> Self {
        Date(value)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m-%d"))
    }
}

impl fmt::Debug for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = Cow::<str>::deserialize(deserializer)?;
        Date::parse(&text).map_err(|_| serde::de::Error::custom(format!("«{text}» — не дата")))
    }
}

/// A day of the Gregorian calendar written `ГГГГ-ММ-ДД`, as a regular expression: the days of
/// each month, and 29 February only in leap years (divisible by 4, centuries only by 400), so
/// the editor, which knows no `format: date`, flags 2024-02-30 and 2023-02-29 as kurator does.
/// Years 0000–9999, as [`Date::parse`] reads them.
pub const DATE_PATTERN: &str = concat!(
    "^(?:[0-9]{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])",
    "|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)",
    "|02-(?:0[1-9]|1[0-9]|2[0-8]))",
    "|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)$",
);

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "format": "date",
            "pattern": DATE_PATTERN,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_why_a_day_does_not_exist() {
        assert_eq!(
            no_such_day("2026-02-30"),
            "в феврале 2026 года 28 дней, 30-го числа нет"
        );
        assert_eq!(
            no_such_day("2024-02-30"),
            "в феврале 2024 года 29 дней, 30-го числа нет"
        );
        assert_eq!(
            no_such_day("2025-04-31"),
            "в апреле 2025 года 30 дней, 31-го числа нет"
        );
        assert_eq!(
            no_such_day("2025-01-32"),
            "в январе 2025 года 31 день, 32-го числа нет"
        );
        assert_eq!(
            no_such_day("2025-13-01"),
            "месяца 13 нет: месяцы — от 01 до 12"
        );
        assert_eq!(
            no_such_day("2025-00-01"),
            "месяца 00 нет: месяцы — от 01 до 12"
        );
        assert!(no_such_day("2025-05-00").starts_with("числа 00 не бывает"));
    }

    #[test]
    fn accepts_only_iso_dates_that_exist() {
        assert_eq!(Date::parse("2024-02-29").unwrap().to_string(), "2024-02-29");
        assert_eq!(Date::parse("2023-02-29"), Err(DateError::NoSuchDay));
        assert_eq!(Date::parse("2024-02-30"), Err(DateError::NoSuchDay));
        assert_eq!(
            Date::parse("30.02.2024"),
            Err(DateError::Shape {
                iso: Some("2024-02-30".into())
            })
        );
        assert_eq!(
            Date::parse("5.6.2025"),
            Err(DateError::Shape {
                iso: Some("2025-06-05".into())
            })
        );
        assert_eq!(Date::parse("2024-2-3"), Err(DateError::Shape { iso: None }));
        assert_eq!(Date::parse("завтра"), Err(DateError::Shape { iso: None }));
    }
}
