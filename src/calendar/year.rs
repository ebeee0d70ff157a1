//! One year of the production calendar as staff write it: `calendar/<год>.yaml`.
//!
//! The file lists only the exceptions to «Monday to Friday»; the days themselves are worked
//! out in [`super::Calendar`]. Validation catches what a typo makes (a date of another year,
//! a transfer onto a Saturday) before any deadline is counted with it.

use std::collections::BTreeSet;
use std::path::Path;

use chrono::{Datelike, Weekday};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::load::parse_text;
use crate::model::Date;
use crate::schema::FileKind;

/// Производственный календарь одного года для пятидневной рабочей недели (файл `calendar/<год>.yaml`).
///
/// Рабочий день — понедельник–пятница, кроме праздников и перенесённых выходных, плюс рабочие субботы.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Производственный календарь на год")]
pub struct YearData {
    /// Год календаря; имя файла должно совпадать с ним: 2028 → calendar/2028.yaml.
    #[serde(rename = "год")]
    #[schemars(title = "Год", range(min = 1, max = 9999))]
    pub year: i32,

    /// Постановление Правительства РФ о переносе выходных дней на этот год: дата, номер, название.
    #[serde(rename = "основание")]
    #[schemars(title = "Основание", length(min = 1))]
    pub basis: String,

    /// Нерабочие праздничные дни (ТК РФ ст. 112 ч. 1), в том числе выпавшие на субботу или воскресенье.
    #[serde(rename = "праздники")]
    #[schemars(title = "Праздники", length(min = 1))]
    pub holidays: Vec<Date>,

    /// Будни, ставшие выходными: по постановлению о переносе и по ТК РФ ст. 112 ч. 2 (праздник в выходной).
    #[serde(rename = "перенесённые_выходные", default)]
    #[schemars(title = "Перенесённые выходные")]
    pub transferred_days_off: Vec<Date>,

    /// Суббота или воскресенье, ставшие рабочими днями по постановлению о переносе.
    #[serde(rename = "рабочие_субботы", default)]
    #[schemars(title = "Рабочие субботы")]
    pub working_weekends: Vec<Date>,

    /// Предпраздничные рабочие дни, сокращённые на один час (ТК РФ ст. 95); на счёт рабочих дней не влияют.
    #[serde(rename = "сокращённые_дни", default)]
    #[schemars(title = "Сокращённые дни")]
    pub shortened_days: Vec<Date>,
}

/// Key names as written in the file, for messages.
const HOLIDAYS: &str = "праздники";
const TRANSFERRED: &str = "перенесённые_выходные";
const WORKING_WEEKENDS: &str = "рабочие_субботы";
const SHORTENED: &str = "сокращённые_дни";

impl YearData {
    /// Parses and validates the text of a `<год>.yaml` file; every problem, in Russian.
    ///
    /// `path` only names the file in messages. Built-in years go through here; a repository's
    /// `calendar/` files are loaded with the rest of the repository (`crate::load`).
    pub fn from_yaml(path: &Path, text: &str) -> Result<YearData, Vec<String>> {
        let name = path.display();
        let source = parse_text::<YearData>(FileKind::Calendar, path, text).map_err(|faults| {
            faults
                .iter()
                .map(|d| format!("{name}:{}:{}: {}", d.line(), d.column(), d.message))
                .collect::<Vec<_>>()
        })?;
        let problems = source.data.validate();
        if problems.is_empty() {
            Ok(source.data)
        } else {
            Err(problems
                .into_iter()
                .map(|p| format!("{name}: {p}"))
                .collect())
        }
    }

    /// Everything wrong with the data, in Russian; empty when the year can be used.
    pub fn validate(&self) -> Vec<String> {
        let year = self.year;
        let mut problems = Vec::new();
        if !(1..=9999).contains(&year) {
            problems.push(format!(
                "«год: {year}» — ожидается год из четырёх цифр, например 2028"
            ));
            return problems;
        }
        if self.basis.trim().is_empty() {
            problems.push(format!(
                "«основание» пусто: укажите постановление Правительства РФ о переносе выходных \
                 дней в {year} году (дата, номер, название)"
            ));
        }
        if self.holidays.is_empty() {
            problems.push(format!(
                "список «{HOLIDAYS}» пуст: укажите нерабочие праздничные дни {year} года по ТК РФ \
                 ст. 112 (1–8 января, 23 февраля, 8 марта, 1 и 9 мая, 12 июня, 4 ноября)"
            ));
        }
        let lists = [
            (HOLIDAYS, &self.holidays),
            (TRANSFERRED, &self.transferred_days_off),
            (WORKING_WEEKENDS, &self.working_weekends),
            (SHORTENED, &self.shortened_days),
        ];
        for (name, dates) in lists {
            let mut seen = BTreeSet::new();
            for &date in dates {
                if date.year() != year {
                    problems.push(format!(
                        "«{name}»: дата {date} не из {year} года; все даты файла — из года, \
                         указанного в «год»"
                    ));
                }
                if !seen.insert(date) {
                    problems.push(format!("«{name}»: дата {date} указана дважды"));
                }
            }
        }
        let holidays: BTreeSet<Date> = self.holidays.iter().copied().collect();
        for &date in &self.transferred_days_off {
            if holidays.contains(&date) {
                problems.push(format!(
                    "{date} указана и в «{HOLIDAYS}», и в «{TRANSFERRED}»: праздник и так \
                     нерабочий, а перенесённый выходной — это другой, будний день"
                ));
            }
            if is_weekend(date) {
                problems.push(format!(
                    "«{TRANSFERRED}»: {date} — {}, а этот день и так выходной; перенесённый \
                     выходной приходится на будний день (понедельник–пятница)",
                    weekday_name(date)
                ));
            }
        }
        for &date in &self.working_weekends {
            if holidays.contains(&date) {
                problems.push(format!(
                    "{date} указана и в «{HOLIDAYS}», и в «{WORKING_WEEKENDS}»: нерабочий \
                     праздничный день не бывает рабочим"
                ));
            }
            if !is_weekend(date) {
                problems.push(format!(
                    "«{WORKING_WEEKENDS}»: {date} — {}, а этот день и так рабочий; рабочими по \
                     переносу делают субботу или воскресенье",
                    weekday_name(date)
                ));
            }
        }
        let off: BTreeSet<Date> = self.transferred_days_off.iter().copied().collect();
        let working_weekends: BTreeSet<Date> = self.working_weekends.iter().copied().collect();
        for &date in &self.shortened_days {
            let working = if working_weekends.contains(&date) {
                true
            } else {
                !is_weekend(date) && !holidays.contains(&date) && !off.contains(&date)
            };
            if !working {
                problems.push(format!(
                    "«{SHORTENED}»: {date} ({}) — нерабочий день; сокращают только рабочий день \
                     перед праздником (ТК РФ ст. 95)",
                    weekday_name(date)
                ));
            }
        }
        problems
    }
}

/// Saturday or Sunday.
pub(super) fn is_weekend(date: Date) -> bool {
    matches!(date.naive().weekday(), Weekday::Sat | Weekday::Sun)
}

/// The day of the week in Russian, for messages: «суббота».
pub fn weekday_name(date: Date) -> &'static str {
    match date.naive().weekday() {
        Weekday::Mon => "понедельник",
        Weekday::Tue => "вторник",
        Weekday::Wed => "среда",
        Weekday::Thu => "четверг",
        Weekday::Fri => "пятница",
        Weekday::Sat => "суббота",
        Weekday::Sun => "воскресенье",
    }
}

/// A blank `calendar/<год>.yaml` for a year kurator does not know, with the Labour Code holidays
/// filled in (ТК РФ ст. 112 ч. 1 does not change from year to year; the decree does).
pub fn template(year: i32) -> String {
    let holidays = [
        (1, 1),
        (1, 2),
        (1, 3),
        (1, 4),
        (1, 5),
        (1, 6),
        (1, 7),
        (1, 8),
        (2, 23),
        (3, 8),
        (5, 1),
        (5, 9),
        (6, 12),
        (11, 4),
    ]
    .map(|(month, day)| format!("{year:04}-{month:02}-{day:02}"))
    .join(", ");
    format!(
        "год: {year}\n\
         основание: Постановление Правительства РФ от ДД.ММ.ГГГГ № … «О переносе выходных дней в {year} году»\n\
         праздники: [{holidays}]  # ТК РФ ст. 112\n\
         перенесённые_выходные: []  # будни, ставшие выходными (по постановлению и по ст. 112 ч. 2)\n\
         рабочие_субботы: []  # суббота или воскресенье, ставшие рабочими\n\
         сокращённые_дни: []  # предпраздничные дни, на час короче (ТК РФ ст. 95)\n"
    )
}
