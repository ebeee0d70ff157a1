//! `kurator build`: validate, then render every document as PDF and as an HTML site.
//!
//! Nothing is written when the data has errors. Each file is written to a temporary file and
//! renamed, so a failed or killed build leaves the previous output usable.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Instant;

use anyhow::{Context as _, bail};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use kurator::documents::{self, Document};
use kurator::model::Date;
use kurator::output::manifest::{Entry, Manifest, Writer, key};
use kurator::provenance::Provenance;
use kurator::render::html::Site;
use kurator::render::pdf::{PdfJob, TemplateError, Typst};
use kurator::render::templates::Templates;
use kurator::render::with_extension;

use super::{DATA_ERRORS, RootArg, load_and_check, parse_date, stop_on_errors, today};

/// Output formats of `build`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// PDF documents (Typst).
    Pdf,
    /// The HTML site (Tera).
    Html,
}

/// Arguments of `kurator build`.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    root: RootArg,
    /// Папка результата; по умолчанию out/ в репозитории случаев.
    #[arg(long, value_name = "ПАПКА")]
    out: Option<PathBuf>,
    /// Что собирать: pdf, html или оба через запятую.
    #[arg(long, value_enum, value_delimiter = ',', default_value = "pdf,html")]
    format: Vec<OutputFormat>,
    /// Дата, на которую показываются сроки на страницах случаев (ГГГГ-ММ-ДД); по умолчанию сегодня.
    #[arg(long, value_name = "ДАТА", value_parser = parse_date)]
    as_of: Option<Date>,
    /// Сколько документов собирать одновременно; по умолчанию по числу ядер.
    #[arg(long, short, value_name = "N")]
    jobs: Option<usize>,
}

/// Validates, renders, writes; prints a summary.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let root = &args.root.root;
    let out = args.out.clone().unwrap_or_else(|| root.join("out"));
    let as_of = args.as_of.unwrap_or_else(today);
    // git reads its log while the files load; the histories are worked out while the HTML
    // documents render (one core), so what git costs hides behind work that is done anyway.
    let git = {
        let root = root.clone();
        std::thread::spawn(move || Provenance::read(&root))
    };
    let (repo, findings, errors) = load_and_check(root, as_of)?;
    if stop_on_errors(root, errors, "Сборка не выполнена") {
        return Ok(ExitCode::from(DATA_ERRORS));
    }
    let templates = Templates::load(root).context("чтение шаблонов")?;
    for path in templates.overridden() {
        eprintln!("шаблон {} заменяет встроенный", path.display());
    }
    let mut docs = documents::all(&repo);
    let provenance = git
        .join()
        .map_err(|_| anyhow::anyhow!("чтение git: внутренняя ошибка"))?;
    for warning in provenance.warnings() {
        eprintln!("предупреждение: {warning}");
    }
    provenance.stamp_all(&mut docs);
    // Each output's key says what it is made from; one whose key the previous build recorded
    // is neither rendered nor written again.
    let fingerprint = fingerprint(&templates, as_of);
    let old = Manifest::read(&out);
    let html = args.format.contains(&OutputFormat::Html);
    let pdf = args.format.contains(&OutputFormat::Pdf);
    let (mut manifest, stale_html, stale_pdf) = plan(&docs, &fingerprint, &old, &out, html, pdf)?;
    let progress = progress_bar((stale_html.len() + stale_pdf.len()) as u64);
    // Outputs are staged as they render and placed only when all have rendered: a template
    // that fails on one document leaves the previous output untouched, not half replaced.
    let writer = Writer::new(&out).with_context(|| format!("запись в {}", out.display()))?;
    let mut staged: Vec<String> = Vec::new();
    let mut stage = |path: String, bytes: &[u8]| -> anyhow::Result<()> {
        writer
            .stage(&path, bytes)
            .with_context(|| format!("запись {}", out.join(&path).display()))?;
        staged.push(path);
        Ok(())
    };
    let mut pages = 0;
    if html {
        let site = Site::new(&templates).map_err(|e| anyhow::anyhow!("шаблон HTML: {e}"))?;
        let case_files: Vec<String> = repo
            .cases
            .iter()
            .map(|c| documents::case_file(&c.data))
            .collect();
        let site_pages = std::thread::scope(|scope| {
            let histories = scope.spawn(|| provenance.histories(&case_files));
            for doc in &stale_html {
                let page = site
                    .document(doc)
                    .map_err(|e| anyhow::anyhow!("шаблон HTML, {}: {e}", doc.path.display()))?;
                stage(slash_path(&page.path), page.html.as_bytes())?;
                progress.inc(1);
            }
            let histories = histories
                .join()
                .map_err(|_| anyhow::anyhow!("история случаев: внутренняя ошибка"))?;
            site.pages(&repo, &docs, &findings, as_of, &provenance, histories)
                .map_err(|e| anyhow::anyhow!("шаблон HTML: {e}"))
        })?;
        pages = docs.len() + site_pages.len();
        let css = templates.get("style.css").unwrap_or_default();
        // The site's own pages are cheap to render; they are keyed by what they hold.
        let made = site_pages
            .into_iter()
            .map(|page| (slash_path(&page.path), page.html.into_bytes()))
            .chain([("style.css".to_owned(), css.as_bytes().to_vec())]);
        for (path, bytes) in made {
            let key = key([bytes.as_slice()]);
            if !old.is_current(&out, &path, &key) {
                stage(path.clone(), &bytes)?;
            }
            let sources = Vec::new();
            manifest.outputs.insert(path, Entry { key, sources });
        }
    }
    if pdf {
        let jobs = args
            .jobs
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
        render_pdfs(
            &templates,
            &stale_pdf,
            as_of,
            jobs.max(1),
            &progress,
            |path, bytes| stage(slash_path(&path), &bytes),
        )?;
    }
    let removed = writer
        .replace(&old, &manifest, &staged)
        .with_context(|| format!("запись в {}", out.display()))?;
    progress.finish_and_clear();
    let seconds = started.elapsed().as_secs_f64();
    let pdfs = if pdf { docs.len() } else { 0 };
    eprintln!(
        "Собрано: документов {}, PDF {pdfs}, страниц HTML {pages} (записано файлов {}, без \
         изменений {}, удалено {removed}) за {} с → {}",
        docs.len(),
        staged.len(),
        manifest.outputs.len() - staged.len(),
        format!("{seconds:.1}").replace('.', ","),
        out.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// The new manifest's entries for the documents, and the documents whose HTML and PDF must be
/// rendered because the previous build did not record their key.
fn plan<'a>(
    docs: &'a [Document],
    fingerprint: &str,
    old: &Manifest,
    out: &Path,
    html: bool,
    pdf: bool,
) -> anyhow::Result<(Manifest, Vec<&'a Document>, Vec<&'a Document>)> {
    let mut manifest = Manifest {
        kurator: env!("CARGO_PKG_VERSION").to_owned(),
        outputs: BTreeMap::new(),
    };
    let (mut stale_html, mut stale_pdf) = (Vec::new(), Vec::new());
    for doc in docs {
        let data = serde_json::to_vec(&doc.data)?;
        for (wanted, ext, stale) in [
            (html, "html", &mut stale_html),
            (pdf, "pdf", &mut stale_pdf),
        ] {
            if !wanted {
                continue;
            }
            let path = slash_path(&with_extension(&doc.path, ext));
            let date = doc.date.to_string();
            let key = key([
                fingerprint.as_bytes(),
                path.as_bytes(),
                doc.kind.template().as_bytes(),
                doc.title.as_bytes(),
                doc.ident.as_bytes(),
                date.as_bytes(),
                &data,
            ]);
            if !old.is_current(out, &path, &key) {
                stale.push(doc);
            }
            let sources = doc.sources.clone();
            manifest.outputs.insert(path, Entry { key, sources });
        }
    }
    Ok((manifest, stale_html, stale_pdf))
}

/// What every output's key starts from: kurator itself (its version, and the binary, so that a
/// rebuilt kurator renders afresh), the templates, and the as-of date when a Typst template
/// reads `today()`.
fn fingerprint(templates: &Templates, as_of: Date) -> String {
    let binary = std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|m| format!("{} {:?}", m.len(), m.modified().ok()))
        .unwrap_or_default();
    let reads_today = templates
        .iter()
        .any(|(name, text)| name.ends_with(".typ") && text.contains("today("));
    let today = if reads_today {
        as_of.to_string()
    } else {
        String::new()
    };
    let mut parts: Vec<&[u8]> = vec![
        env!("CARGO_PKG_VERSION").as_bytes(),
        binary.as_bytes(),
        today.as_bytes(),
    ];
    for (name, text) in templates.iter() {
        parts.extend([name.as_bytes(), text.as_bytes()]);
    }
    key(parts)
}

/// An output path as the manifest records it: relative, `/`-separated.
fn slash_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

fn progress_bar(total: u64) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} {msg}") {
        bar.set_style(style);
    }
    bar
}

/// Renders every document to PDF on `jobs` threads sharing one `Typst`; each PDF goes to `sink`
/// on the calling thread as soon as it is made, so memory holds a few PDFs, not all of them.
pub(super) fn render_pdfs(
    templates: &Templates,
    docs: &[&Document],
    as_of: Date,
    jobs: usize,
    progress: &ProgressBar,
    mut sink: impl FnMut(PathBuf, Vec<u8>) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let typst = Typst::new(templates);
    let next = AtomicUsize::new(0);
    let (sender, receiver) = mpsc::channel::<(
        usize,
        Result<Vec<u8>, Vec<TemplateError>>,
        Vec<TemplateError>,
    )>();
    let mut failures = Vec::new();
    std::thread::scope(|scope| -> anyhow::Result<()> {
        for _ in 0..jobs.min(docs.len().max(1)) {
            let sender = sender.clone();
            let (typst, next) = (&typst, &next);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(doc) = docs.get(i) else { break };
                    let data = serde_json::to_vec(&doc.data).unwrap_or_default();
                    let job = PdfJob {
                        template: &format!("{}.typ", doc.kind.template()),
                        data,
                        ident: &doc.ident,
                        date: doc.date,
                        today: as_of,
                    };
                    let result = typst.render(&job);
                    let (result, warnings) = match result {
                        Ok(pdf) => (Ok(pdf.bytes), pdf.warnings),
                        Err(e) => (Err(e), Vec::new()),
                    };
                    if sender.send((i, result, warnings)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        for (i, result, warnings) in receiver {
            let doc = &docs[i];
            for w in warnings {
                eprintln!("{}: предупреждение шаблона: {w}", doc.path.display());
            }
            match result {
                Ok(bytes) => sink(with_extension(&doc.path, "pdf"), bytes)?,
                Err(errors) => failures.push(format!(
                    "{}: {}",
                    doc.path.display(),
                    errors
                        .iter()
                        .map(|e| e.to_string())
                        .collect::<Vec<_>>()
                        .join("; ")
                )),
            }
            progress.inc(1);
        }
        Ok(())
    })?;
    if !failures.is_empty() {
        bail!("шаблон PDF не собрался:\n{}", failures.join("\n"));
    }
    Ok(())
}
