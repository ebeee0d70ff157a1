//! `kurator validate`: load + integrity rules, every fault of every file, nothing written.

use std::process::ExitCode;

use kurator::diagnostic::{self, Format, Severity};
use kurator::{load, rules};

use super::{DATA_ERRORS, RootArg};

/// Arguments of `kurator validate`.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    root: RootArg,
    /// Формат вывода: human — для людей, json — для программ, github — для GitHub Actions.
    #[arg(
        long,
        value_name = "ФОРМАТ",
        default_value = "human",
        value_parser = super::format_values(
            "ошибки и предупреждения по-русски: файл:строка:столбец, сама строка с пометкой и подсказка",
            "один массив JSON, по элементу на ошибку: {file, line, column, severity, code, message}; severity — error или warning",
            "аннотации GitHub Actions (::error и ::warning) на строках файлов",
        )
    )]
    format: Format,
}

/// Prints all diagnostics; exit 1 when any is an error.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let root = &args.root.root;
    let (repo, mut diagnostics) = load::load(root)?;
    diagnostics.extend(rules::validate(&repo, super::today()));
    diagnostic::sort(&mut diagnostics);
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let rendered = diagnostic::render(&diagnostics, args.format, |path| {
        load::read_text(root, path).ok()
    });
    out!("{rendered}")?;
    if args.format == Format::Human {
        if diagnostics.is_empty() {
            outln!(
                "Проверено: случаев {}, заседаний {}. Ошибок нет.",
                repo.cases.len(),
                repo.meetings.len()
            )?;
        } else {
            let warnings = diagnostics.len() - errors;
            outln!("Ошибок: {errors}, предупреждений: {warnings}.")?;
        }
    }
    Ok(if errors > 0 {
        ExitCode::from(DATA_ERRORS)
    } else {
        ExitCode::SUCCESS
    })
}
