//! The build pipeline, shared by `build`, `pack` and `serve` so that they cannot drift: check
//! the repository ([`check`]), then render and write what changed ([`build`]) through the
//! manifest writer of [`crate::output::manifest`] into an [`OutFolder`] the caller has opened
//! and locked. The commands only parse arguments and print.
//!
//! Nothing is written when the data has errors (the caller stops before [`build`]). Each file is
//! staged and renamed into place only when every output has rendered, so a failed or killed build
//! leaves the previous output usable.

use std::collections::{BTreeMap, BTreeSet};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, mpsc};

use anyhow::{Context as _, bail};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::body::Wordings;
use crate::diagnostic::{Diagnostic, for_terminal};
use crate::documents::{self, Document};
use crate::load::Repository;
use crate::model::Date;
use crate::output::folder::OutFolder;
use crate::output::manifest::{Entry, Format, Manifest, Writer, foreign_error, key};
use crate::provenance::Provenance;
use crate::render::budget;
use crate::render::html::Site;
use crate::render::pdf::{PdfJob, TemplateError, Typst};
use crate::render::templates::Templates;
use crate::render::with_extension;
use crate::rules::Finding;

/// A loaded repository with every rule run: what `validate`, `check`, `build`, `pack` and
/// `serve` all start from.
pub struct Checked {
    /// The repository.
    pub repo: Repository,
    /// Compliance findings (overdue, over limit): shown, never stopping a build.
    pub findings: Vec<Finding>,
    /// Data errors and warnings; an error stops a build.
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    /// Whether any diagnostic is an error (then nothing is built).
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == crate::diagnostic::Severity::Error)
    }
}

/// Loads the repository and runs every rule as of a date: the data errors (integrity, and
/// deadlines that need a calendar year kurator lacks) and the findings. `today` is the date
/// after which a recorded event is refused ([future-date]). Every command shares it, so they can
/// never disagree about what is wrong or late.
pub fn check(root: &Path, as_of: Date, today: Date) -> anyhow::Result<Checked> {
    let (repo, mut diagnostics) = crate::load::load(root)?;
    diagnostics.extend(crate::rules::validate(&repo, today));
    let (findings, missing_years) = crate::rules::findings(&repo, &repo.calendar(), as_of);
    diagnostics.extend(missing_years);
    Ok(Checked {
        repo,
        findings,
        diagnostics,
    })
}

/// What a build is asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    /// Render the HTML site.
    pub html: bool,
    /// Render the PDFs.
    pub pdf: bool,
    /// The date the case pages show deadlines on (and Typst's `today()`).
    pub as_of: Date,
    /// How many threads render.
    pub jobs: usize,
    /// Replace files kurator did not write (`build --overwrite`).
    pub overwrite: bool,
    /// Draw a progress bar on a terminal.
    pub progress: bool,
}

/// What a build did.
#[derive(Debug, Clone, Default)]
pub struct Built {
    /// Documents built from the repository.
    pub documents: usize,
    /// PDFs the output holds for them (0 when PDFs were not asked for).
    pub pdfs: usize,
    /// HTML pages of the site.
    pub pages: usize,
    /// Output paths written by this build (relative, `/`-separated).
    pub written: Vec<String>,
    /// Outputs left as they were.
    pub unchanged: usize,
    /// Outputs removed.
    pub removed: usize,
    /// Outputs no longer wanted but changed by someone after kurator wrote them: left in place.
    pub left: Vec<String>,
}

/// Renders and writes into `folder` what changed since the build its manifest records, for a
/// repository without data errors. Template warnings are printed as they come.
pub fn build(
    folder: &OutFolder,
    checked: &Checked,
    templates: &Templates,
    provenance: &Provenance,
    options: &Options,
) -> anyhow::Result<Built> {
    let Checked { repo, findings, .. } = checked;
    let out = folder.path();
    let as_of = options.as_of;
    let (mut docs, figures) = documents::all_with_figures(repo);
    provenance.stamp_all(&mut docs);
    write_bodies(templates, &mut docs)?;
    // Each output's key says what it is made from; one whose key the previous build recorded
    // is neither rendered nor written again.
    let fingerprint = fingerprint(templates, as_of);
    let old = Manifest::read(folder).context("папка результата")?;
    let (html, pdf) = (options.html, options.pdf);
    let Plan {
        mut manifest,
        stale_html,
        stale_pdf,
        stale_paths,
        pdfs,
    } = plan(&docs, &fingerprint, &old, folder, html, pdf);
    // Outputs are staged as they render and placed only when all have rendered: a template
    // that fails on one document leaves the previous output untouched, not half replaced.
    let writer = Writer::new(folder, options.overwrite).context("папка результата")?;
    // Files in the way are found before an hour of rendering, not after it.
    let foreign = writer
        .foreign(&old, stale_paths.iter().map(String::as_str))
        .context("папка результата")?;
    if !foreign.is_empty() {
        return Err(foreign_error(out, &foreign).into());
    }
    let progress = progress_bar(
        options.progress,
        (stale_html.len() + stale_pdf.len()) as u64,
    );
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
            Site::new(templates)
                .map_err(|e| anyhow::anyhow!("шаблон HTML: {e}"))?
                .linking_pdfs(pdfs),
        ),
        false => None,
    };
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
            templates,
            site: site.as_ref(),
            as_of,
            jobs: options.jobs.max(1),
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
            .pages(repo, &docs, findings, as_of, provenance, histories)
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
            let entry = match old.is_current(folder, &path, &key) {
                true => old.outputs[&path].clone(),
                false => {
                    stage(path.clone(), &bytes)?;
                    Entry::new(key, Format::Html, Vec::new())
                }
            };
            manifest.outputs.insert(path, entry);
        }
    }
    // Each period's figures, as data beside its справки and indicators, whatever the format.
    for f in &figures {
        let (path, bytes) = (
            documents::figures_path(f.period()),
            f.to_json().into_bytes(),
        );
        let key = key([bytes.as_slice()]);
        let entry = match old.is_current(folder, &path, &key) {
            true => old.outputs[&path].clone(),
            false => {
                stage(path.clone(), &bytes)?;
                Entry::new(
                    key,
                    Format::Data,
                    documents::sources(&documents::REPORT_SOURCES),
                )
            }
        };
        manifest.outputs.insert(path, entry);
    }
    let (removed, left) = writer
        .replace(&old, &mut manifest, &staged)
        .with_context(|| format!("запись в {}", out.display()))?;
    progress.finish_and_clear();
    Ok(Built {
        documents: docs.len(),
        pdfs: if pdf { docs.len() } else { 0 },
        pages,
        unchanged: manifest.outputs.len() - staged.len(),
        written: staged.into_keys().collect(),
        removed,
        left,
    })
}

/// Turns the documents whose kind has a wording into bodies (`crate::body`); a wording that
/// does not parse or names a field the data lack stops the build with every such problem.
pub fn write_bodies(templates: &Templates, docs: &mut [Document]) -> anyhow::Result<()> {
    let wordings = Wordings::load(templates);
    let applied = wordings.and_then(|w| w.apply(templates, docs));
    applied.map_err(|errors| anyhow::anyhow!("текст документа не собрался:\n{}", errors.join("\n")))
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
        for (wanted, format, ext, stale) in [
            (html, Format::Html, "html", &mut stale_html),
            (pdf, Format::Pdf, "pdf", &mut stale_pdf),
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

/// What the render threads render with.
pub struct RenderWith<'a> {
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
pub fn render_outputs(
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
                    template: doc.kind.typst_template(),
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
                eprintln!("предупреждение шаблона: {}", for_terminal(&warning));
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
/// A progress bar on stderr when `show` and stderr is a terminal; else a hidden one.
fn progress_bar(show: bool, total: u64) -> ProgressBar {
    if !show || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} {msg}") {
        bar.set_style(style);
    }
    bar
}
