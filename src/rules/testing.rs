//! Cases and repositories written in a few lines, for the rules' unit tests.

use std::path::Path;

use crate::load::parse_text;
use crate::load::{Repository, Source};
use crate::model::Case;
use crate::schema::FileKind;

/// A case arriving on `intake`, category `category`, with extra top-level YAML.
pub fn case(number: &str, intake: &str, category: &str, extra: &str) -> Source<Case> {
    let text = format!(
        "номер: {number}\nпоступление:\n  дата: {intake}\n  источник: заявление\nсемья:\n  фамилия: Ивановы\n  адрес: г. Н\n  категория: {category}\n  члены:\n    - фио: Иванова Анна Петровна\n      роль: мать\n      дата_рождения: 1990-01-01\nкуратор: Кураторова В. Г.\n{extra}"
    );
    parse_text::<Case>(
        FileKind::Case,
        Path::new(&format!("cases/{number}.yaml")),
        &text,
    )
    .unwrap_or_else(|e| panic!("{e:?}\n{text}"))
}

/// A repository of just these cases: no settings, meetings or calendar years.
pub fn repo(cases: Vec<Source<Case>>) -> Repository {
    Repository {
        root: ".".into(),
        config: None,
        cases,
        meetings: Vec::new(),
        calendar_years: Vec::new(),
        report_notes: Vec::new(),
    }
}
