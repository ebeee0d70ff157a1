//! `kurator build`: validate, then render every document as PDF and as an HTML site — the
//! pipeline of [`kurator::build`]; this file parses the arguments and prints.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context as _;
use kurator::diagnostic::for_terminal;
use kurator::model::Date;
use kurator::output::folder::OutFolder;
use kurator::provenance::Provenance;
use kurator::render::templates::Templates;

use super::{DATA_ERRORS, RootArg, check, parse_date, stop_on_errors, today};

/// Output formats of `build`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// документы PDF для печати и подписи
    Pdf,
    /// HTML-сайт: главная страница, страница каждого случая, журнал, отчёты
    Html,
}

/// Where and what to build: shared by `build` and `serve`, so the two take the same options.
#[derive(clap::Args)]
pub struct OutputArgs {
    /// Папка результата; по умолчанию out/ в репозитории случаев.
    #[arg(long, value_name = "ПАПКА")]
    out: Option<PathBuf>,
    /// Что собирать: pdf, html или оба через запятую.
    #[arg(
        long,
        value_name = "ФОРМАТ",
        value_enum,
        value_delimiter = ',',
        default_value = "pdf,html"
    )]
    format: Vec<OutputFormat>,
    /// Сколько документов собирать одновременно; по умолчанию по числу ядер.
    #[arg(long, short, value_name = "N", value_parser = parse_jobs)]
    jobs: Option<usize>,
}

/// `--jobs`: a whole number from 1.
fn parse_jobs(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(0) => Err("«0»: нужен хотя бы один поток, например --jobs 1".to_owned()),
        Ok(n) => Ok(n),
        Err(_) => Err(format!(
            "«{text}» — не целое число; пишите цифрами, например 4"
        )),
    }
}

impl OutputArgs {
    /// The output folder: `--out`, or `out/` in the repository.
    pub fn folder(&self, root: &std::path::Path) -> PathBuf {
        self.out.clone().unwrap_or_else(|| root.join("out"))
    }

    /// Whether the HTML site is built.
    pub fn html(&self) -> bool {
        self.format.contains(&OutputFormat::Html)
    }

    /// Whether the PDFs are built.
    pub fn pdf(&self) -> bool {
        self.format.contains(&OutputFormat::Pdf)
    }

    /// How many documents render at once.
    pub fn jobs(&self) -> usize {
        self.jobs
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
    }
}

/// Arguments of `kurator build`.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    root: RootArg,
    #[command(flatten)]
    output: OutputArgs,
    /// Дата, на которую показываются сроки на страницах случаев (ГГГГ-ММ-ДД); по умолчанию сегодня.
    #[arg(long, value_name = "ДАТА", value_parser = parse_date)]
    as_of: Option<Date>,
    /// Заменять в папке результата файлы, которых kurator не записывал или которые изменили
    /// после сборки (например, после обновления kurator). Ссылки не заменяются никогда.
    #[arg(long)]
    overwrite: bool,
}

/// Validates, renders, writes; prints a summary.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let root = &args.root.root;
    let out = args.output.folder(root);
    let as_of = args.as_of.unwrap_or_else(today);
    // git reads its log while the files load; the histories are worked out while the HTML
    // documents render (one core), so what git costs hides behind work that is done anyway.
    let git = {
        let root = root.clone();
        std::thread::spawn(move || Provenance::read(&root))
    };
    let checked = check(root, as_of)?;
    if stop_on_errors(root, checked.diagnostics.clone(), "Сборка не выполнена")? {
        return Ok(ExitCode::from(DATA_ERRORS));
    }
    let templates = Templates::load(root).context("чтение шаблонов")?;
    for line in templates.notes() {
        note!("{line}");
    }
    let provenance = git
        .join()
        .map_err(|_| anyhow::anyhow!("чтение git: внутренняя ошибка"))?;
    for warning in provenance.warnings() {
        note!("предупреждение: {warning}");
    }
    // The folder is checked and locked before anything in it is read or trusted.
    let folder = OutFolder::open(&out, root).context("папка результата")?;
    let options = kurator::build::Options {
        html: args.output.html(),
        pdf: args.output.pdf(),
        as_of,
        jobs: args.output.jobs(),
        overwrite: args.overwrite,
        progress: true,
    };
    let built = kurator::build::build(&folder, &checked, &templates, &provenance, &options)?;
    for path in &built.left {
        note!(
            "предупреждение: {} больше не нужен, но его изменили после сборки — оставлен; \
             удалите его сами, если он не нужен",
            for_terminal(&out.join(path).display().to_string())
        );
    }
    let seconds = started.elapsed().as_secs_f64();
    note!(
        "Собрано: документов {}, PDF {}, страниц HTML {} (записано файлов {}, без \
         изменений {}, удалено {}) за {} с → {}",
        built.documents,
        built.pdfs,
        built.pages,
        built.written.len(),
        built.unchanged,
        built.removed,
        format!("{seconds:.1}").replace('.', ","),
        out.display()
    );
    Ok(ExitCode::SUCCESS)
}
