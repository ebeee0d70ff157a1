//! `kurator calendar <год>`: the production calendar of a year, for staff to check against the
//! official one, or as JSON for other programs.

use std::fmt::Write as _;
use std::process::ExitCode;

use chrono::Datelike;
use kurator::calendar::{Day, YearData};
use kurator::model::{Date, MONTHS, MONTHS_GENITIVE};
use serde::Serialize;

/// Arguments of `kurator calendar`.
#[derive(clap::Args)]
pub struct Args {
    /// Год, например 2025.
    #[arg(value_name = "ГОД")]
    year: i32,
    /// Формат вывода: human — сводка для людей, json — все дни года для программ.
    #[arg(long, value_name = "ФОРМАТ", value_enum, default_value = "human")]
    format: Format,
    /// Репозиторий случаев: его calendar/<год>.yaml дополняют и заменяют встроенные годы.
    #[command(flatten)]
    root: super::RootArg,
}

/// Output formats of `kurator calendar`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// сводка на русском: число рабочих дней, праздники, переносы, основание
    Human,
    /// все дни года в JSON: год, число рабочих дней и по каждому дню — дата и рабочий ли он
    Json,
}

/// Prints the year; a year without data is an error (exit code 2) saying how to add it.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    // Inside a case repository its own calendar/ years count, as they do for deadlines.
    let calendar = kurator::load::calendar(&args.root.root);
    let days = calendar.days(args.year)?;
    let data = calendar.year_data(args.year)?;
    let text = match args.format {
        Format::Human => human(data, &days),
        Format::Json => json(args.year, &days)?,
    };
    out!("{text}")?;
    Ok(ExitCode::SUCCESS)
}

/// The JSON form: every day of the year in order.
#[derive(Serialize)]
struct JsonYear {
    year: i32,
    working_days: usize,
    days: Vec<JsonDay>,
}

#[derive(Serialize)]
struct JsonDay {
    date: Date,
    working: bool,
    /// Present (and `true`) only on shortened pre-holiday days.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    shortened: bool,
}

fn json(year: i32, days: &[Day]) -> anyhow::Result<String> {
    let value = JsonYear {
        year,
        working_days: days.iter().filter(|d| d.working).count(),
        days: days
            .iter()
            .map(|d| JsonDay {
                date: d.date,
                working: d.working,
                shortened: d.shortened,
            })
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&value)?;
    text.push('\n');
    Ok(text)
}

const WEEKDAYS_SHORT: [&str; 7] = ["пн", "вт", "ср", "чт", "пт", "сб", "вс"];

/// «2 мая (пт)».
fn day_with_weekday(date: Date) -> String {
    let naive = date.naive();
    format!(
        "{} {} ({})",
        naive.day(),
        MONTHS_GENITIVE[naive.month0() as usize],
        WEEKDAYS_SHORT[naive.weekday().num_days_from_monday() as usize]
    )
}

/// A list of dates, or «нет».
fn dates_list(dates: &[Date]) -> String {
    if dates.is_empty() {
        return "нет".into();
    }
    let mut sorted = dates.to_vec();
    sorted.sort();
    sorted
        .into_iter()
        .map(day_with_weekday)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Holidays with runs of consecutive days in one month joined: «1–8 января, 23 февраля».
fn holiday_list(dates: &[Date]) -> String {
    let mut sorted: Vec<_> = dates.iter().map(|d| d.naive()).collect();
    sorted.sort();
    let mut runs: Vec<(chrono::NaiveDate, chrono::NaiveDate)> = Vec::new();
    for date in sorted {
        match runs.last_mut() {
            Some((_, end)) if end.succ_opt() == Some(date) && end.month() == date.month() => {
                *end = date;
            }
            _ => runs.push((date, date)),
        }
    }
    runs.iter()
        .map(|(start, end)| {
            let month = MONTHS_GENITIVE[start.month0() as usize];
            if start == end {
                format!("{} {month}", start.day())
            } else {
                format!("{}–{} {month}", start.day(), end.day())
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn human(data: &YearData, days: &[Day]) -> String {
    let working = days.iter().filter(|d| d.working).count();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Производственный календарь на {} год (пятидневная рабочая неделя)",
        data.year
    );
    let _ = writeln!(out, "Основание: {}", data.basis);
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "Рабочих дней: {working}, выходных и праздничных: {}, всего дней: {}.",
        days.len() - working,
        days.len()
    );
    let _ = writeln!(
        out,
        "Нерабочие праздничные дни (ТК РФ ст. 112): {}.",
        holiday_list(&data.holidays)
    );
    let _ = writeln!(
        out,
        "Перенесённые выходные (будни, ставшие выходными): {}.",
        dates_list(&data.transferred_days_off)
    );
    let _ = writeln!(
        out,
        "Рабочие субботы (выходные, ставшие рабочими): {}.",
        dates_list(&data.working_weekends)
    );
    let _ = writeln!(
        out,
        "Сокращённые предпраздничные дни (на 1 час, ТК РФ ст. 95): {}.",
        dates_list(&data.shortened_days)
    );
    let _ = writeln!(out);
    let _ = writeln!(out, "По месяцам:");
    for (month, name) in MONTHS.iter().enumerate() {
        let in_month: Vec<&Day> = days
            .iter()
            .filter(|d| d.date.naive().month0() as usize == month)
            .collect();
        let working = in_month.iter().filter(|d| d.working).count();
        let _ = writeln!(
            out,
            "  {name:<9} рабочих дней {working:>2}, выходных {:>2}",
            in_month.len() - working
        );
    }
    out
}
