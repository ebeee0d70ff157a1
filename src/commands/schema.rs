//! `kurator schema`: write the JSON Schemas that editors use, or check they are current.

use std::fs;
use std::process::ExitCode;

use anyhow::Context;
use kurator::output::write_atomic;
use kurator::schema::FileKind;

use super::{DATA_ERRORS, RootArg};

/// Arguments of `kurator schema`.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    root: RootArg,
    /// Только проверить, что файлы в schema/ совпадают с версией kurator; код 1, если устарели.
    #[arg(long)]
    check: bool,
}

/// Writes (or compares) `schema/*.schema.json`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let dir = args.root.root.join("schema");
    let mut stale = Vec::new();
    for kind in FileKind::ALL {
        let path = dir.join(kind.schema_file());
        let text = kind.schema_text();
        if args.check {
            if fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
                stale.push(path);
            }
        } else {
            write_atomic(&path, text.as_bytes())
                .with_context(|| format!("запись {}", path.display()))?;
        }
    }
    if stale.is_empty() {
        if !args.check {
            println!("Схемы записаны в {}", dir.display());
        }
        return Ok(ExitCode::SUCCESS);
    }
    for path in &stale {
        println!("{}: схема устарела или отсутствует", path.display());
    }
    println!("Обновите схемы командой: kurator schema");
    Ok(ExitCode::from(DATA_ERRORS))
}
