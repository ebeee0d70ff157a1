//! `kurator demo --generate N [--seed S] ПАПКА`: a fictional case repository of any size, for
//! benchmarks, tests and for trying kurator on a realistic amount of data.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, bail};
use kurator::output::write_new;

/// Arguments of `kurator demo`.
#[derive(clap::Args)]
pub struct Args {
    /// Сколько семей создать.
    #[arg(long, value_name = "N")]
    generate: usize,
    /// Зерно генератора: одно и то же зерно даёт те же файлы.
    #[arg(long, value_name = "ЧИСЛО", default_value_t = 1)]
    seed: u64,
    /// Папка нового репозитория: не должна существовать или должна быть пустой.
    #[arg(value_name = "ПАПКА")]
    dir: PathBuf,
}

/// Writes the generated repository.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let dir = &args.dir;
    // Never write into someone's data: only a new or empty folder.
    if std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some()) {
        bail!(
            "папка {} не пуста: демо-репозиторий создаётся только в новой или пустой папке",
            dir.display()
        );
    }
    let mut files = kurator::demo::generate(args.generate, args.seed);
    let lists = kurator::schema::Lists::of_files(&files);
    for (name, text, _) in kurator::schema::schema_files(&lists) {
        files.push((format!("schema/{name}"), text));
    }
    for (path, text) in &files {
        let full = dir.join(path);
        write_new(&full, text.as_bytes()).with_context(|| format!("запись {}", full.display()))?;
    }
    outln!(
        "Создан демо-репозиторий: семей {}, зерно {} → {}. Данные вымышлены.",
        args.generate,
        args.seed,
        dir.display()
    )?;
    Ok(ExitCode::SUCCESS)
}
