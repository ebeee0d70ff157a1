//! `kurator new <номер>`: a commented skeleton case that staff fill in.

use std::process::ExitCode;

use anyhow::{Context, bail};
use kurator::load::CASES_DIR;
use kurator::model::Date;
use kurator::output::write_new;

use super::{RootArg, parse_date};

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

/// Writes `cases/<номер>.yaml`; refuses to overwrite.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let number = args.number.trim();
    let valid = !number.is_empty()
        && number
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
        && !number.starts_with('.');
    let yaml_word = matches!(
        number.to_lowercase().as_str(),
        "null" | "true" | "false" | "~"
    );
    if !valid || yaml_word {
        bail!(
            "номер «{number}» не годится для имени файла: используйте буквы, цифры, дефис, точку и подчёркивание"
        );
    }
    if let Some(name) = &args.curator {
        check_curator(&args.root.root, name)?;
    }
    let date = args.date.unwrap_or_else(super::today);
    let text = SKELETON
        .replace("{номер}", number)
        .replace("{дата}", &date.to_string())
        .replace(
            "{куратор}",
            &args.curator.as_deref().map(yaml_text).unwrap_or_default(),
        );
    let path = args
        .root
        .root
        .join(CASES_DIR)
        .join(format!("{number}.yaml"));
    match write_new(&path, text.as_bytes()) {
        Ok(()) => {
            outln!(
                "Создан {}. Заполните его и проверьте: kurator validate",
                path.display()
            )?;
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

/// Refuses a curator who is not in kurator.yaml, by the rule `validate` applies to the case
/// file (`rules::unknown_curator`): a file is not written that would fail validation at once.
fn check_curator(root: &std::path::Path, name: &str) -> anyhow::Result<()> {
    let config = kurator::load::config(root)?;
    let curators: Vec<String> = config
        .data
        .curators
        .iter()
        .map(|p| p.name.clone())
        .collect();
    let Some(unknown) = kurator::rules::unknown_curator(name, &curators) else {
        return Ok(());
    };
    let mut message = unknown.message();
    if unknown.near.is_some() {
        message = format!("{message}; {}", unknown.hint());
    }
    let listed = match curators.is_empty() {
        true => "в kurator.yaml пока нет ни одного куратора".to_owned(),
        false => format!("кураторы в kurator.yaml: {}", curators.join(", ")),
    };
    bail!(
        "{message}\n{listed}\nУкажите --curator так, как ФИО записано там, или добавьте куратора в список «кураторы» в kurator.yaml; файл случая не создан"
    )
}

/// A name as a YAML scalar: plain when it is only letters, spaces, dots and hyphens, else
/// double-quoted (a JSON string is a valid YAML double-quoted scalar).
fn yaml_text(text: &str) -> String {
    let plain = text.chars().next().is_some_and(char::is_alphabetic)
        && text
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, ' ' | '.' | '-'));
    if plain {
        text.to_owned()
    } else {
        serde_json::to_string(text).unwrap_or_default()
    }
}
