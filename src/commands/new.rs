//! `kurator new <номер>`: a commented skeleton case that staff fill in.

use std::process::ExitCode;

use anyhow::{Context, bail};
use kurator::load::CASES_DIR;
use kurator::model::Date;
use kurator::output::write_new;

use super::RootArg;

const SKELETON: &str = include_str!("../../assets/new-case.yaml");

/// Arguments of `kurator new`.
#[derive(clap::Args)]
pub struct Args {
    /// Номер нового случая, например 2025-001; он же имя файла.
    #[arg(value_name = "НОМЕР")]
    number: String,
    #[command(flatten)]
    root: RootArg,
    /// Дата поступления информации (ГГГГ-ММ-ДД); по умолчанию сегодня.
    #[arg(long, value_name = "ДАТА", value_parser = parse_date)]
    date: Option<Date>,
    /// Куратор семьи, как в kurator.yaml.
    #[arg(long, value_name = "ФИО")]
    curator: Option<String>,
}

/// Parses a command-line date with the same rules as the case files.
pub fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text)
        .map_err(|_| format!("«{text}» — не дата; пишите ГГГГ-ММ-ДД, например 2025-04-25"))
}

/// Writes `cases/<номер>.yaml`; refuses to overwrite.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let number = args.number.trim();
    let valid = !number.is_empty()
        && number
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
        && !number.starts_with('.');
    if !valid {
        bail!(
            "номер «{number}» не годится для имени файла: используйте буквы, цифры, дефис, точку и подчёркивание"
        );
    }
    let date = args
        .date
        .unwrap_or_else(|| chrono::Local::now().date_naive().into());
    let text = SKELETON
        .replace("{номер}", number)
        .replace("{дата}", &date.to_string())
        .replace("{куратор}", args.curator.as_deref().unwrap_or(""));
    let path = args
        .root
        .root
        .join(CASES_DIR)
        .join(format!("{number}.yaml"));
    match write_new(&path, text.as_bytes()) {
        Ok(()) => {
            println!(
                "Создан {}. Заполните его и проверьте: kurator validate",
                path.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            bail!(
                "{} уже существует — kurator не перезаписывает файлы случаев",
                path.display()
            )
        }
        Err(e) => Err(e).with_context(|| format!("запись {}", path.display())),
    }
}
