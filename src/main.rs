//! The `kurator` command line: one module per subcommand under `commands/`.
//!
//! Exit codes (documented in the README): 0 success, 1 the data has errors,
//! 2 usage, I/O or internal error.

mod commands;

use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, CommandFactory, FromArgMatches, Parser};

use commands::Command;
use kurator::diagnostic::for_terminal;
use kurator::render::budget;

/// mimalloc: loading thousands of case files is allocation-heavy (YAML nodes, JSON values);
/// measured 10–15 % faster than glibc malloc on `validate` (BENCHMARKS.md). Counted for the
/// memory budget of templates (`render::budget`).
#[global_allocator]
static ALLOCATOR: budget::Counting<mimalloc::MiMalloc> = budget::Counting(mimalloc::MiMalloc);

/// kurator — документы ведения случая семьи из YAML-файлов в git.
#[derive(Parser)]
#[command(name = "kurator", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Help in Russian: clap's own headings and flags are English, so each command gets a Russian
/// template and its own `-h/--help`.
fn russian(command: clap::Command) -> clap::Command {
    let has_subcommands = command.has_subcommands();
    let template = if has_subcommands {
        "{about-with-newline}\nИспользование: {usage}\n\nКоманды:\n{subcommands}\n\nПараметры:\n{options}\n"
    } else {
        "{about-with-newline}\nИспользование: {usage}\n\n{positionals}\n\nПараметры:\n{options}\n"
    };
    let command = command
        .help_template(template)
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .subcommand_value_name("КОМАНДА")
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("Показать эту справку"),
        );
    let command = if command.get_name() == "kurator" {
        command.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("Показать версию"),
        )
    } else {
        command
    };
    command.mut_subcommands(russian)
}

/// A clap error in Russian, with the argument and value it is about.
fn russian_error(error: &clap::Error) -> String {
    let context = |kind| match error.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let (arg, value) = (
        context(ContextKind::InvalidArg),
        context(ContextKind::InvalidValue),
    );
    let valid = context(ContextKind::ValidValue);
    let suggested = context(ContextKind::SuggestedArg) + &context(ContextKind::SuggestedSubcommand);
    let mut message = match error.kind() {
        ErrorKind::UnknownArgument => format!("неизвестный параметр «{arg}»"),
        ErrorKind::InvalidSubcommand => format!("неизвестная команда «{arg}»"),
        ErrorKind::InvalidValue if !valid.is_empty() => {
            format!("недопустимое значение «{value}» для {arg}; допустимо: {valid}")
        }
        ErrorKind::InvalidValue => format!("недопустимое значение «{value}» для {arg}"),
        ErrorKind::ValueValidation => {
            let cause = std::error::Error::source(error)
                .map(|e| e.to_string())
                .unwrap_or_default();
            format!("{arg}: {cause}")
        }
        ErrorKind::MissingRequiredArgument => format!("не указано обязательное: {arg}"),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "не указана команда".to_owned()
        }
        ErrorKind::ArgumentConflict => format!(
            "{arg} нельзя указывать вместе с {}",
            context(ContextKind::PriorArg)
        ),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => {
            format!("лишнее значение «{value}»")
        }
        _ => error.kind().to_string(),
    };
    if !suggested.is_empty() {
        message.push_str(&format!("; возможно, имелось в виду «{suggested}»"));
    }
    format!("kurator: ошибка: {message}\nСправка: kurator --help или kurator <команда> --help")
}

fn main() -> ExitCode {
    let matches = russian(Cli::command()).try_get_matches();
    let cli = match matches.and_then(|m| Cli::from_arg_matches(&m)) {
        Ok(cli) => cli,
        Err(e) if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("{}", russian_error(&e));
            return ExitCode::from(2);
        }
    };
    match budget::Limits::from_env() {
        Ok(limits) => budget::install(limits),
        Err(e) => {
            eprintln!("kurator: ошибка: {e}");
            return ExitCode::from(2);
        }
    }
    match cli.command.run() {
        Ok(code) => code,
        Err(e) => {
            // The chain may quote a file name or a value from the repository.
            eprintln!("{}", for_terminal(&format!("kurator: ошибка: {e:#}")));
            ExitCode::from(2)
        }
    }
}
