//! `kurator serve`: build into the output folder, serve it on 127.0.0.1, rebuild when an input
//! is saved and reload the open pages ([`kurator::serve`]).
//!
//! Each round is a `build` through the same pipeline and the same manifest ([`kurator::build`]):
//! only outputs whose key changed are rendered and written, so the folder is afterwards exactly
//! what `kurator build` would have left, and a `build` after a preview has nothing to do. The
//! folder stays locked while serving: a `build` or `pack` into it is refused until it ends.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use anyhow::Context as _;
use kurator::build::{Built, Checked, Options};
use kurator::diagnostic::for_terminal;
use kurator::model::Date;
use kurator::output::folder::OutFolder;
use kurator::provenance::Provenance;
use kurator::render::templates::Templates;
use kurator::serve::{Failure, Preview, Watcher};

use super::build::OutputArgs;
use super::{RootArg, error_report, parse_date, today};

/// Arguments of `kurator serve`.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    root: RootArg,
    /// Порт на 127.0.0.1 (0 — любой свободный).
    #[arg(long, value_name = "ПОРТ", default_value_t = 8017)]
    port: u16,
    #[command(flatten)]
    output: OutputArgs,
    /// Дата, на которую показываются сроки (ГГГГ-ММ-ДД); по умолчанию сегодня, заново при
    /// каждой пересборке.
    #[arg(long, value_name = "ДАТА", value_parser = parse_date)]
    as_of: Option<Date>,
}

/// Builds, serves, rebuilds on every saved change until Ctrl-C.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let stop = kurator::serve::interrupted();
    let root = std::path::absolute(&args.root.root).context("папка репозитория")?;
    let out = std::path::absolute(args.output.folder(&root)).context("папка результата")?;
    // Port and folder first: a busy port or a locked folder is said at once, not after a build.
    let (server, port) = kurator::serve::bind(args.port)?;
    let folder = Arc::new(OutFolder::open(&out, &root).context("папка результата")?);
    let mut watcher = Watcher::new(&root, &out).context("наблюдение за файлами")?;
    let preview = Arc::new(Preview::new());
    let round = Round {
        root: root.clone(),
        folder: Arc::clone(&folder),
        html: args.output.html(),
        pdf: args.output.pdf(),
        as_of: args.as_of,
        jobs: args.output.jobs(),
    };
    round.run(&preview, true);
    {
        let (folder, preview) = (Arc::clone(&folder), Arc::clone(&preview));
        std::thread::spawn(move || kurator::serve::serve_http(server, port, folder, preview));
    }
    outln!(
        "Предпросмотр: http://127.0.0.1:{port}/ — страницы обновляются сами после сохранения \
         файла. Остановить: Ctrl+C"
    )?;
    while let Some(changed) = watcher.next_batch(stop) {
        let names: Vec<String> = changed.iter().map(|p| p.display().to_string()).collect();
        note!("изменено: {}", for_terminal(&names.join(", ")));
        round.run(&preview, false);
        if let Err(e) = watcher.watch_new_folders() {
            note!("предупреждение: наблюдение за файлами: {e}");
        }
    }
    // The lock goes with the folder; the server thread ends with the process.
    drop(round);
    drop(folder);
    note!("Предпросмотр остановлен.");
    Ok(ExitCode::SUCCESS)
}

/// One round's settings: everything but the date, which is today's at each round unless
/// `--as-of` fixed it.
struct Round {
    root: PathBuf,
    folder: Arc<OutFolder>,
    html: bool,
    pdf: bool,
    as_of: Option<Date>,
    jobs: usize,
}

impl Round {
    /// Checks and builds; tells the preview and the terminal how it went.
    fn run(&self, preview: &Preview, first: bool) {
        let started = Instant::now();
        let Some(_building) = kurator::serve::Building::start() else {
            return;
        };
        match self.build(first) {
            Ok(Ok(built)) => {
                let changed = !built.written.is_empty() || built.removed > 0;
                preview.finished(changed, None);
                for path in &built.left {
                    note!(
                        "предупреждение: {} больше не нужен, но его изменили после сборки — \
                         оставлен",
                        for_terminal(path)
                    );
                }
                let seconds = format!("{:.2}", started.elapsed().as_secs_f64()).replace('.', ",");
                note!(
                    "Собрано за {seconds} с: записано файлов {}, без изменений {}, удалено {}",
                    built.written.len(),
                    built.unchanged,
                    built.removed
                );
            }
            Ok(Err(text)) => {
                // The browser shows the errors too: a closed terminal must not stop the preview.
                let _ = out!("{}", text);
                let _ = outln!(
                    "В данных есть ошибки: сайт не обновлён, в браузере показаны эти ошибки. \
                     Исправьте их и сохраните файл."
                );
                preview.finished(false, Some(Failure::Data(text)));
            }
            Err(e) => {
                let text = for_terminal(&format!("{e:#}")).into_owned();
                note!("kurator: сборка не удалась: {text}");
                preview.finished(false, Some(Failure::Build(text)));
            }
        }
    }

    /// The round: what was built, or the data errors as `validate` prints them.
    fn build(&self, first: bool) -> anyhow::Result<Result<Built, String>> {
        let as_of = self.as_of.unwrap_or_else(today);
        let git = {
            let root = self.root.clone();
            std::thread::spawn(move || Provenance::read(&root))
        };
        let checked: Checked = kurator::build::check(&self.root, as_of, today())?;
        if checked.has_errors() {
            let report = error_report(&self.root, checked.diagnostics).unwrap_or_default();
            return Ok(Err(report));
        }
        let templates = Templates::load(&self.root).context("чтение шаблонов")?;
        let provenance = git
            .join()
            .map_err(|_| anyhow::anyhow!("чтение git: внутренняя ошибка"))?;
        if first {
            for line in templates.notes() {
                note!("{line}");
            }
            for warning in provenance.warnings() {
                note!("предупреждение: {warning}");
            }
        }
        let options = Options {
            html: self.html,
            pdf: self.pdf,
            as_of,
            jobs: self.jobs,
            overwrite: false,
            progress: first,
        };
        let built =
            kurator::build::build(&self.folder, &checked, &templates, &provenance, &options)?;
        Ok(Ok(built))
    }
}
