//! `kurator schema`: write the JSON Schemas that editors use, or check they are current.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use kurator::load::{MAX_FILE_BYTES, file};
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
            // Read as every repository file is: a link, FIFO or device is reported, not read.
            let relative = Path::new("schema").join(kind.schema_file());
            match file::read_regular(&args.root.root, &relative, MAX_FILE_BYTES) {
                Ok(bytes) if bytes == text.as_bytes() => {}
                Ok(_) | Err(file::Refusal::Missing) => {
                    stale.push((path, "схема устарела или отсутствует".to_owned()));
                }
                Err(why) => {
                    let (message, hint) = why.message(&relative, MAX_FILE_BYTES);
                    stale.push((path, format!("{message}; {hint}")));
                }
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
    for (path, why) in &stale {
        println!("{}: {why}", path.display());
    }
    println!("Обновите схемы командой: kurator schema");
    Ok(ExitCode::from(DATA_ERRORS))
}
