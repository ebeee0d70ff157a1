//! The `kurator` command line: one module per subcommand under `commands/`.
//!
//! Exit codes (documented in the README): 0 success, 1 the data has errors,
//! 2 usage, I/O or internal error. A closed pipe (`kurator check | head`) is not an error:
//! the rest of the output is dropped quietly and the exit code is the command's own
//! (see `print`).

#[macro_use]
mod print;
mod commands;
mod russian;

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser};

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

fn main() -> ExitCode {
    let code = run();
    match print::flush() {
        Ok(()) => code,
        Err(e) => {
            note!("kurator: ошибка: {e}");
            ExitCode::from(2)
        }
    }
}

fn run() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let mut command = russian::command(Cli::command());
    let matches = command.try_get_matches_from_mut(&args);
    let cli = match matches.and_then(|m| Cli::from_arg_matches(&m)) {
        Ok(cli) => cli,
        Err(e) => {
            let report = russian::error(&e, &command, &args);
            if report.to_stdout {
                if let Err(e) = out!("{}", report.text) {
                    note!("kurator: ошибка: {e}");
                    return ExitCode::from(2);
                }
            } else {
                print::stderr(format_args!("{}", report.text));
            }
            return ExitCode::from(report.code);
        }
    };
    match budget::Limits::from_env() {
        Ok(limits) => budget::install(limits),
        Err(e) => {
            note!("kurator: ошибка: {e}");
            return ExitCode::from(2);
        }
    }
    match cli.command.run() {
        Ok(code) => code,
        // Only a write that bypassed `print` can still fail this way; it is as quiet.
        Err(e) if print::is_closed_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            // The chain may quote a file name or a value from the repository.
            note!("{}", for_terminal(&format!("kurator: ошибка: {e:#}")));
            ExitCode::from(2)
        }
    }
}
