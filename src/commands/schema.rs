//! `kurator schema`: write the JSON Schemas that editors use, or check they are current.
//!
//! The schemas carry the repository's own lists (curators, family types, levels, meetings: see
//! `kurator::schema`), so they go stale not only with a new kurator but when kurator.yaml or
//! meetings/ change; `--check` says which list changed.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use kurator::load::{LoadError, MAX_FILE_BYTES, file};
use kurator::output::write_atomic;
use kurator::schema::{FileKind, Lists, list_changes, schema_files};

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
    let root = &args.root.root;
    let dir = root.join("schema");
    let lists = match Lists::read(root) {
        Ok(lists) => lists,
        // Schemas can be written before the repository has its kurator.yaml.
        Err(LoadError::NotARepository(_)) => Lists::default(),
        Err(e) => return Err(e.into()),
    };
    if !lists.config_loaded {
        eprintln!(
            "предупреждение: kurator.yaml не прочитан (ошибки покажет kurator validate): \
             кураторы, типы семей и уровни не попадут в подсказки редактора"
        );
    }
    let mut stale = Vec::new();
    for (file_name, text, kind) in schema_files(&lists) {
        let path = dir.join(file_name);
        if args.check {
            // Read as every repository file is: a link, FIFO or device is reported, not read.
            let relative = Path::new("schema").join(file_name);
            match file::read_regular(root, &relative, MAX_FILE_BYTES) {
                Ok(bytes) if bytes == text.as_bytes() => {}
                Ok(bytes) => stale.push((path, why_stale(kind, &bytes, &lists))),
                Err(file::Refusal::Missing) => {
                    stale.push((path, "схемы нет".to_owned()));
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
    println!("Обновите схемы командой: kurator schema — и закоммитьте папку schema/");
    Ok(ExitCode::from(DATA_ERRORS))
}

/// Why a committed schema differs: a list of the repository changed, or kurator did.
fn why_stale(kind: Option<FileKind>, committed: &[u8], lists: &Lists) -> String {
    let changes = match (kind, serde_json::from_slice(committed)) {
        (Some(FileKind::Case), Ok(value)) => list_changes(&value, lists),
        _ => Vec::new(),
    };
    if changes.is_empty() {
        return "схема устарела: она записана другой версией kurator или изменена вручную".into();
    }
    let quoted = |names: &[String]| {
        names
            .iter()
            .map(|n| format!("«{n}»"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let parts: Vec<String> = changes
        .iter()
        .map(|c| {
            let mut part = format!("{} в {}:", c.list, c.source);
            if !c.added.is_empty() {
                part.push_str(&format!(" добавлены {}", quoted(&c.added)));
            }
            if !c.removed.is_empty() {
                if !c.added.is_empty() {
                    part.push(';');
                }
                part.push_str(&format!(" убраны {}", quoted(&c.removed)));
            }
            part
        })
        .collect();
    format!(
        "схема устарела — изменились списки, которые подсказывает редактор: {}; \
         пока схема не обновлена, редактор их не подскажет и подчеркнёт как ошибку",
        parts.join("; ")
    )
}
