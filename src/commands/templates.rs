//! `kurator templates --eject [DIR]`: copy the built-in templates out to adapt them.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use kurator::render::templates::{TEMPLATES_DIR, eject};

/// Arguments of `kurator templates`.
#[derive(clap::Args)]
pub struct Args {
    /// Скопировать встроенные шаблоны в папку (по умолчанию templates/ репозитория); существующие файлы не трогаются.
    #[arg(long, value_name = "ПАПКА", num_args = 0..=1, default_missing_value = "")]
    eject: Option<PathBuf>,
    #[command(flatten)]
    root: super::RootArg,
}

/// Copies the templates, or lists them.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match args.eject {
        Some(dir) => {
            let dir = if dir.as_os_str().is_empty() {
                args.root.root.join(TEMPLATES_DIR)
            } else {
                dir
            };
            let written =
                eject(&dir).with_context(|| format!("запись шаблонов в {}", dir.display()))?;
            for path in &written {
                outln!("{}", path.display())?;
            }
            outln!(
                "Скопировано шаблонов: {}. Файл с именем встроенного шаблона в папке templates/ репозитория заменяет его при сборке.",
                written.len()
            )?;
        }
        None => {
            for (name, _) in kurator::render::templates::Templates::builtin().iter() {
                outln!("{name}")?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
