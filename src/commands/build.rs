//! `kurator build`: validate, then render every document as PDF and as an HTML site.
//!
//! Nothing is written when the data has errors. Each file is written to a temporary file and
//! renamed, so a failed or killed build leaves the previous output usable.

use std::collections::{BTreeMap, BTreeSet};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, mpsc};
use std::time::Instant;

use anyhow::{Context as _, bail};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use kurator::diagnostic::for_terminal;
use kurator::documents::{self, Document};
use kurator::model::Date;
use kurator::output::folder::OutFolder;
use kurator::output::manifest::{Entry, Format, Manifest, Writer, foreign_error, key};
use kurator::provenance::Provenance;
use kurator::render::budget;
use kurator::render::html::Site;
use kurator::render::pdf::{PdfJob, TemplateError, Typst};
use kurator::render::templates::Templates;
use kurator::render::with_extension;

use super::{DATA_ERRORS, RootArg, load_and_check, parse_date, stop_on_errors, today};

/// Output formats of `build`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// документы PDF для печати и подписи
    Pdf,
    /// HTML-сайт: главная страница, страница каждого случая, журнал, отчёты
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
    #[arg(
        long,
        value_name = "ФОРМАТ",
        value_enum,
        value_delimiter = ',',
        default_value = "pdf,html"
    )]
    format: Vec<OutputFormat>,
    /// Дата, на которую показываются сроки на страницах случаев (ГГГГ-ММ-ДД); по умолчанию сегодня.
    #[arg(long, value_name = "ДАТА", value_parser = parse_date)]
    as_of: Option<Date>,
    /// Сколько документов собирать одновременно; по умолчанию по числу ядер.
    #[arg(long, short, value_name = "N")]
    jobs: Option<usize>,
    /// Заменять в папке результата файлы, которых kurator не записывал или которые изменили
    /// после сборки (например, после обновления kurator). Ссылки не заменяются никогда.
    #[arg(long)]
    overwrite: bool,
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
    if stop_on_errors(root, errors, "Сборка не выполнена")? {
        return Ok(ExitCode::from(DATA_ERRORS));
    }
    let templates = Templates::load(root).context("чтение шаблонов")?;
    for path in templates.overridden() {
        note!("шаблон {} заменяет встроенный", path.display());
    }
    let mut docs = documents::all(&repo);
    let provenance = git
        .join()
        .map_err(|_| anyhow::anyhow!("чтение git: внутренняя ошибка"))?;
    for warning in provenance.warnings() {
        note!("предупреждение: {warning}");
    }
    provenance.stamp_all(&mut docs);
    // The folder is checked and locked before anything in it is read or trusted.
    let folder = OutFolder::open(&out, root).context("папка результата")?;
    // Each output's key says what it is made from; one whose key the previous build recorded
    // is neither rendered nor written again.
    let fingerprint = fingerprint(&templates, as_of);
    let old = Manifest::read(&folder).context("папка результата")?;
    let html = args.format.contains(&OutputFormat::Html);
    let pdf = args.format.contains(&OutputFormat::Pdf);
    let Plan {
        mut manifest,
        stale_html,
        stale_pdf,
        stale_paths,
        pdfs,
    } = plan(&docs, &fingerprint, &old, &folder, html, pdf);
    // Outputs are staged as they render and placed only when all have rendered: a template
    // that fails on one document leaves the previous output untouched, not half replaced.
    let writer = Writer::new(&folder, args.overwrite).context("папка результата")?;
    // Files in the way are found before an hour of rendering, not after it.
    let foreign = writer
        .foreign(&old, stale_paths.iter().map(String::as_str))
        .context("папка результата")?;
    if !foreign.is_empty() {
        return Err(foreign_error(&out, &foreign).into());
    }
    let progress = progress_bar((stale_html.len() + stale_pdf.len()) as u64);
    let mut staged: BTreeMap<String, String> = BTreeMap::new();
    let mut stage = |path: String, bytes: &[u8]| -> anyhow::Result<()> {
        let hash = writer
            .stage(&path, bytes)
            .with_context(|| format!("запись {}", out.join(&path).display()))?;
        staged.insert(path, hash);
        Ok(())
    };
    let site = match html {
        true => Some(
            Site::new(&templates)
                .map_err(|e| anyhow::anyhow!("шаблон HTML: {e}"))?
                .linking_pdfs(pdfs),
        ),
        false => None,
    };
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let case_files: Vec<String> = repo
        .cases
        .iter()
        .map(|c| documents::case_file(&c.data))
        .collect();
    let histories = std::thread::scope(|scope| -> anyhow::Result<_> {
        let histories = site
            .is_some()
            .then(|| scope.spawn(|| provenance.histories(&case_files)));
        let with = RenderWith {
            templates: &templates,
            site: site.as_ref(),
            as_of,
            jobs: jobs.max(1),
        };
        render_outputs(&with, &stale_html, &stale_pdf, &progress, |path, bytes| {
            stage(slash_path(&path), &bytes)
        })?;
        histories
            .map(|thread| thread.join())
            .transpose()
            .map_err(|_| anyhow::anyhow!("история случаев: внутренняя ошибка"))
    })?;
    let mut pages = 0;
    if let (Some(site), Some(histories)) = (&site, histories) {
        let site_pages = site
            .pages(&repo, &docs, &findings, as_of, &provenance, histories)
            .map_err(|e| anyhow::anyhow!("шаблон HTML: {e}"))?;
        pages = docs.len() + site_pages.len();
        let css = templates.get("style.css").unwrap_or_default();
        // The site's own pages are cheap to render; they are keyed by what they hold.
        let made = site_pages
            .into_iter()
            .map(|page| (slash_path(&page.path), page.html.into_bytes()))
            .chain([("style.css".to_owned(), css.as_bytes().to_vec())]);
        for (path, bytes) in made {
            let key = key([bytes.as_slice()]);
            let entry = match old.is_current(&folder, &path, &key) {
                true => old.outputs[&path].clone(),
                false => {
                    stage(path.clone(), &bytes)?;
                    Entry::new(key, Format::Html, Vec::new())
                }
            };
            manifest.outputs.insert(path, entry);
        }
    }
    let (removed, left) = writer
        .replace(&old, &mut manifest, &staged)
        .with_context(|| format!("запись в {}", out.display()))?;
    for path in &left {
        note!(
            "предупреждение: {} больше не нужен, но его изменили после сборки — оставлен; \
             удалите его сами, если он не нужен",
            for_terminal(&out.join(path).display().to_string())
        );
    }
    progress.finish_and_clear();
    let seconds = started.elapsed().as_secs_f64();
    let pdfs = if pdf { docs.len() } else { 0 };
    note!(
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

/// What a build will do: the new manifest's entries for the documents, the documents whose
/// HTML and PDF must be rendered because the previous build did not record their key, and the
/// PDFs that will be there for the HTML pages to link.
struct Plan<'a> {
    manifest: Manifest,
    stale_html: Vec<&'a Document>,
    stale_pdf: Vec<&'a Document>,
    /// The output paths of the stale documents, both formats.
    stale_paths: Vec<String>,
    pdfs: BTreeSet<PathBuf>,
}

/// Plans a build of the formats asked for. The other format's files are no concern of this
/// build: their entries are kept as they are, so `--format html` never removes a PDF.
fn plan<'a>(
    docs: &'a [Document],
    fingerprint: &str,
    old: &Manifest,
    out: &OutFolder,
    html: bool,
    pdf: bool,
) -> Plan<'a> {
    let mut manifest = Manifest {
        kurator: env!("CARGO_PKG_VERSION").to_owned(),
        outputs: BTreeMap::new(),
    };
    let kept = |format: Format| old.outputs.iter().filter(move |(_, e)| e.format == format);
    let pdfs: BTreeSet<PathBuf> = match pdf {
        true => docs
            .iter()
            .map(|d| with_extension(&d.path, "pdf"))
            .collect(),
        false => kept(Format::Pdf)
            // A cheap look, not a hash: only whether a page may link it.
            .filter(|(path, _)| {
                std::fs::symlink_metadata(out.path().join(path)).is_ok_and(|m| m.is_file())
            })
            .map(|(path, _)| PathBuf::from(path))
            .collect(),
    };
    for (wanted, format) in [(html, Format::Html), (pdf, Format::Pdf)] {
        if !wanted {
            manifest
                .outputs
                .extend(kept(format).map(|(p, e)| (p.clone(), e.clone())));
        }
    }
    let (mut stale_html, mut stale_pdf, mut stale_paths) = (Vec::new(), Vec::new(), Vec::new());
    for doc in docs {
        let data = doc.data.get().as_bytes();
        let pdf_path = with_extension(&doc.path, "pdf");
        // An HTML page links its PDF only when the PDF is there.
        let links_pdf: &[u8] = if pdfs.contains(&pdf_path) {
            b"pdf"
        } else {
            b""
        };
        for (wanted, format, stale) in [
            (html, Format::Html, &mut stale_html),
            (pdf, Format::Pdf, &mut stale_pdf),
        ] {
            if !wanted {
                continue;
            }
            let ext = match format {
                Format::Html => "html",
                Format::Pdf => "pdf",
            };
            let path = slash_path(&with_extension(&doc.path, ext));
            let date = doc.date.to_string();
            let key = key([
                fingerprint.as_bytes(),
                path.as_bytes(),
                doc.kind.template().as_bytes(),
                doc.title.as_bytes(),
                doc.ident.as_bytes(),
                date.as_bytes(),
                data,
                if format == Format::Html {
                    links_pdf
                } else {
                    b""
                },
            ]);
            let entry = match old.is_current(out, &path, &key) {
                true => old.outputs[&path].clone(),
                false => {
                    stale.push(doc);
                    stale_paths.push(path.clone());
                    Entry::new(key, format, doc.sources.clone())
                }
            };
            manifest.outputs.insert(path, entry);
        }
    }
    Plan {
        manifest,
        stale_html,
        stale_pdf,
        stale_paths,
        pdfs,
    }
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

/// What the render threads render with.
pub(super) struct RenderWith<'a> {
    /// The templates (the `.typ` ones for PDF).
    pub templates: &'a Templates,
    /// The HTML site; none when no HTML is rendered.
    pub site: Option<&'a Site>,
    /// What `today()` gives in Typst templates.
    pub as_of: Date,
    /// How many threads render.
    pub jobs: usize,
}

/// One output to render: a document's HTML page or its PDF.
#[derive(Clone, Copy)]
enum Job<'a> {
    Html(&'a Document),
    Pdf(&'a Document),
}

/// What a render thread sends back: the output's path and bytes, or the template's errors;
/// and its warnings.
type Rendered = (Result<(PathBuf, Vec<u8>), String>, Vec<String>);

/// Renders the HTML pages (with `site`) and the PDFs of the documents on `jobs` threads
/// sharing one `Typst`; each output goes to `sink` on the calling thread as soon as it is made,
/// so memory holds a few outputs, not all of them. Every template error is reported.
///
/// Registers (documents of no one case: journal, protocols, reports, indicators) grow with the
/// number of families and take most of the memory of a build while they lay out: they render
/// first, so that the threads finish together, and one at a time, so that two of them never
/// hold memory at once.
pub(super) fn render_outputs(
    with: &RenderWith<'_>,
    html: &[&Document],
    pdf: &[&Document],
    progress: &ProgressBar,
    mut sink: impl FnMut(PathBuf, Vec<u8>) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let RenderWith {
        templates,
        site,
        as_of,
        jobs,
    } = *with;
    let typst = (!pdf.is_empty()).then(|| Typst::new(templates));
    let (registers, cases): (Vec<&Document>, Vec<&Document>) =
        pdf.iter().partition(|doc| doc.case.is_none());
    let registers: Vec<Job> = registers.into_iter().map(Job::Pdf).collect();
    let others: Vec<Job> = html
        .iter()
        .map(|doc| Job::Html(doc))
        .chain(cases.into_iter().map(Job::Pdf))
        .collect();
    let (next_register, next_other) = (AtomicUsize::new(0), AtomicUsize::new(0));
    let one_register = Mutex::new(());
    let render = |job: Job| -> Rendered {
        match job {
            Job::Html(doc) => {
                let page = site.map(|site| site.document(doc));
                match page {
                    Some(Ok(page)) => (Ok((page.path, page.html.into_bytes())), Vec::new()),
                    Some(Err(e)) => (Err(format!("{}.html: {e}", doc.path.display())), Vec::new()),
                    None => (Err("HTML без шаблонов сайта".to_owned()), Vec::new()),
                }
            }
            Job::Pdf(doc) => {
                let job = PdfJob {
                    template: &format!("{}.typ", doc.kind.template()),
                    data: doc.data.get().as_bytes().to_vec(),
                    ident: &doc.ident,
                    date: doc.date,
                    today: as_of,
                };
                let pdf_path = with_extension(&doc.path, "pdf");
                let describe = |errors: Vec<TemplateError>| -> Vec<String> {
                    let describe = |e: TemplateError| format!("{}: {e}", pdf_path.display());
                    errors.into_iter().map(describe).collect()
                };
                let template = templates.shown(job.template);
                let _watched = budget::Rendering::start(&template, &pdf_path);
                match typst.as_ref().map(|typst| typst.render(&job)) {
                    Some(Ok(made)) => (Ok((pdf_path.clone(), made.bytes)), describe(made.warnings)),
                    Some(Err(errors)) => (Err(describe(errors).join("\n")), Vec::new()),
                    None => (Err("PDF без шаблонов Typst".to_owned()), Vec::new()),
                }
            }
        }
    };
    // Bounded: a thread waits rather than pile up outputs the disk has not taken yet.
    let (sender, receiver) = mpsc::sync_channel::<Rendered>(2 * jobs);
    let mut failures = Vec::new();
    std::thread::scope(|scope| -> anyhow::Result<()> {
        let threads = jobs.min(html.len() + pdf.len()).max(1);
        for _ in 0..threads {
            let sender = sender.clone();
            let render = &render;
            let (registers, others) = (&registers, &others);
            let (next_register, next_other, one_register) =
                (&next_register, &next_other, &one_register);
            scope.spawn(move || {
                loop {
                    // A register when no other thread renders one, else anything else; when
                    // only registers are left, wait for the thread that renders one.
                    let rendered = match one_register.try_lock() {
                        Ok(_only_this_thread) => match take(next_register, registers) {
                            Some(job) => render(job),
                            None => match take(next_other, others) {
                                Some(job) => render(job),
                                None => break,
                            },
                        },
                        Err(_) => match take(next_other, others) {
                            Some(job) => render(job),
                            None => {
                                let _only_this_thread = one_register.lock();
                                match take(next_register, registers) {
                                    Some(job) => render(job),
                                    None => break,
                                }
                            }
                        },
                    };
                    if sender.send(rendered).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        for (result, warnings) in receiver {
            for warning in warnings {
                note!("предупреждение шаблона: {}", for_terminal(&warning));
            }
            match result {
                Ok((path, bytes)) => sink(path, bytes)?,
                Err(errors) => failures.push(errors),
            }
            progress.inc(1);
        }
        Ok(())
    })?;
    if !failures.is_empty() {
        bail!("шаблон не собрался:\n{}", failures.join("\n"));
    }
    Ok(())
}

/// The next job of a list shared by the render threads.
fn take<'a>(next: &AtomicUsize, list: &[Job<'a>]) -> Option<Job<'a>> {
    list.get(next.fetch_add(1, Ordering::Relaxed)).copied()
}
