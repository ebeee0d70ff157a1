//! The production calendar: `kurator calendar` run as the real binary, and every built-in day
//! cross-checked against an independent source, the `holidays-ru` crate.

mod common;

use chrono::{Datelike, NaiveDate};
use common::*;
use kurator::calendar::Calendar;
use kurator::model::Date;
use serde_json::Value;

/// Working days per year in the official production calendars (five-day week).
const WORKING_DAYS: [(i32, usize); 5] = [
    (2023, 247),
    (2024, 248),
    (2025, 247),
    (2026, 247),
    (2027, 247),
];

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

#[test]
fn calendar_human_summary_of_2025() {
    let output = run(&["calendar", "2025"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    for expected in [
        "Производственный календарь на 2025 год (пятидневная рабочая неделя)\n",
        "Основание: Постановление Правительства РФ от 04.10.2024 № 1335 «О переносе выходных дней в 2025 году»\n",
        "Рабочих дней: 247, выходных и праздничных: 118, всего дней: 365.\n",
        "Нерабочие праздничные дни (ТК РФ ст. 112): 1–8 января, 23 февраля, 8 марта, 1 мая, 9 мая, 12 июня, 4 ноября.\n",
        "Перенесённые выходные (будни, ставшие выходными): 2 мая (пт), 8 мая (чт), 13 июня (пт), 3 ноября (пн), 31 декабря (ср).\n",
        "Рабочие субботы (выходные, ставшие рабочими): 1 ноября (сб).\n",
        "Сокращённые предпраздничные дни (на 1 час, ТК РФ ст. 95): 7 марта (пт), 30 апреля (ср), 11 июня (ср), 1 ноября (сб).\n",
        "  январь    рабочих дней 17, выходных 14\n",
        "  май       рабочих дней 18, выходных 13\n",
        "  ноябрь    рабочих дней 19, выходных 11\n",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    assert!(output.stderr.is_empty());
}

#[test]
fn calendar_human_summary_without_working_saturdays() {
    let output = run(&["calendar", "2026", "--format", "human"]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(text.contains("Рабочие субботы (выходные, ставшие рабочими): нет.\n"));
    assert!(text.contains("Рабочих дней: 247,"));
    assert!(text.contains("от 24.09.2025 № 1466"));
}

#[test]
fn calendar_json_lists_every_day_of_every_built_in_year() {
    for (year, working_days) in WORKING_DAYS {
        let output = run(&["calendar", &year.to_string(), "--format", "json"]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let json: Value = serde_json::from_str(&stdout(&output)).expect("valid JSON");
        let object = json.as_object().unwrap();
        assert_eq!(
            object.keys().collect::<Vec<_>>(),
            ["year", "working_days", "days"]
        );
        assert_eq!(json["year"], year);
        assert_eq!(json["working_days"], working_days);
        let days = json["days"].as_array().unwrap();
        let leap = NaiveDate::from_ymd_opt(year, 2, 29).is_some();
        assert_eq!(days.len(), if leap { 366 } else { 365 }, "{year}");
        let mut expected = NaiveDate::from_ymd_opt(year, 1, 1).unwrap();
        let mut working = 0;
        for day in days {
            let day = day.as_object().unwrap();
            assert_eq!(day["date"], expected.format("%Y-%m-%d").to_string());
            if day["working"].as_bool().unwrap() {
                working += 1;
            }
            match day.get("shortened") {
                None => assert_eq!(day.len(), 2),
                Some(shortened) => {
                    assert_eq!(shortened, &Value::Bool(true));
                    assert_eq!(day["working"], true, "a shortened day is a working day");
                }
            }
            expected = expected.succ_opt().unwrap();
        }
        assert_eq!(working, working_days, "{year}");
    }
}

#[test]
fn calendar_json_of_2025_starts_with_the_new_year_holidays() {
    let output = run(&["calendar", "2025", "--format", "json"]);
    let json: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(
        json["days"][0],
        serde_json::json!({"date": "2025-01-01", "working": false})
    );
    assert_eq!(
        json["days"][8],
        serde_json::json!({"date": "2025-01-09", "working": true})
    );
    // 7 March 2025, a shortened Friday.
    assert_eq!(
        json["days"][65],
        serde_json::json!({"date": "2025-03-07", "working": true, "shortened": true})
    );
}

#[test]
fn calendar_of_a_year_without_data_is_a_usage_error() {
    for year in ["2022", "2028"] {
        let output = run(&["calendar", year]);
        assert_eq!(output.status.code(), Some(2), "{year}");
        assert!(output.stdout.is_empty());
        let message = stderr(&output);
        assert!(
            message.starts_with(&format!(
                "kurator: ошибка: нет производственного календаря на {year} год"
            )),
            "{message}"
        );
        assert!(
            message.contains(&format!("calendar/{year}.yaml")),
            "{message}"
        );
        assert!(message.contains(&format!("год: {year}\n")), "{message}");
        assert!(message.contains("перенесённые_выходные:"), "{message}");
    }
    let output = run(&["calendar", "двадцать пятый"]);
    assert_eq!(output.status.code(), Some(2));
    let output = run(&["calendar", "2025", "--format", "xml"]);
    assert_eq!(output.status.code(), Some(2));
}

/// Every day of 2023–2027: working or not, and shortened or not, as `holidays-ru` has it.
///
/// One known disagreement, on shortened days only: `holidays-ru` 0.2 marks Saturday
/// 27 April 2024 as shortened and 2 November 2024 as a full day. The official calendar
/// (norm 1979 hours = 248 × 8 − 5; xmlcalendar.ru and the news of the time agree) has it the
/// other way: 2 November worked instead of 30 April, the eve of 1 May, and inherits its
/// shortening; 27 April worked instead of Monday 29 April, an ordinary day.
#[test]
fn calendar_agrees_with_holidays_ru_on_every_day_2023_to_2027() {
    let calendar = Calendar::builtin();
    let mut shortened_disagreements = Vec::new();
    for (year, _) in WORKING_DAYS {
        for day in calendar.days(year).unwrap() {
            let date = day.date.naive();
            let flags = holidays_ru::flags_ymd::<holidays_ru::Federal>(
                date.year(),
                date.month() as u8,
                date.day() as u8,
            )
            .expect("a valid date");
            assert!(
                flags.is_fact(),
                "holidays-ru has no official data for {date}"
            );
            let flags = flags.value();
            assert_eq!(day.working, flags.is_working_day(), "working on {date}");
            assert_eq!(day.working, !flags.is_day_off(), "day off on {date}");
            if day.shortened != flags.is_short_day() {
                shortened_disagreements.push(day.date);
            }
        }
    }
    let d = |text| Date::parse(text).unwrap();
    assert_eq!(shortened_disagreements, [d("2024-04-27"), d("2024-11-02")]);
}
