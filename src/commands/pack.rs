//! `kurator pack <квартал>`: the quarterly pack — every document of the quarter in one folder
//! with an index, a manifest of hashes and the source commit, and a ZIP of it all.
//!
//! A pack is what leaves the centre, so it must say exactly what it was made from: a working
//! tree with uncommitted changes to the inputs is refused (unless `--allow-dirty`), and the
//! manifest names the commit. `--anonymise` is for bodies outside the centre: each document
//! keeps only what its kind's allow-list lets out (`documents::Anonymiser`).

use kurator::provenance::Provenance;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, bail};
use indicatif::ProgressBar;
use kurator::documents::{self, Anonymiser, Document, Kind, OrgView};
use kurator::indicators::Period;
use kurator::output::folder::OutFolder;
use kurator::output::pack::{self, PackFile, Source};
use kurator::render::html::{PackItem, Site};
use kurator::render::templates::Templates;
use kurator::render::with_extension;

use super::{DATA_ERRORS, RootArg, check, stop_on_errors, today};

/// Arguments of `kurator pack`.
#[derive(clap::Args)]
pub struct Args {
    /// Квартал: 2025-К1 или 2025-Q1; «прошлый» — последний закончившийся квартал.
    #[arg(value_name = "КВАРТАЛ")]
    period: String,
    #[command(flatten)]
    root: RootArg,
    /// Папка результата; пакет пишется в <ПАПКА>/packs/. По умолчанию out/ в репозитории.
    #[arg(long, value_name = "ПАПКА")]
    out: Option<PathBuf>,
    /// Обезличить: семья — номер случая, член семьи — степень родства; без ФИО, адресов,
    /// телефонов, дат рождения и текста, введённого сотрудниками. Для передачи за пределы центра.
    #[arg(long)]
    anonymise: bool,
    /// Собрать, даже если в репозитории есть незафиксированные изменения (или это не git).
    #[arg(long)]
    allow_dirty: bool,
}

/// Builds the pack.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let period = parse_period(&args.period)?;
    let root = &args.root.root;
    let provenance = Provenance::read(root);
    let git = provenance.repo();
    let commit = match (git, args.allow_dirty) {
        (None, false) => bail!(
            "{} — не git-репозиторий: пакету не на что сослаться. Соберите пакет из репозитория git или добавьте --allow-dirty",
            root.display()
        ),
        (Some(repo), false) if !repo.dirty.is_empty() => bail!(
            "есть незафиксированные изменения ({}): пакет должен соответствовать коммиту. Зафиксируйте их (git commit) или добавьте --allow-dirty",
            repo.dirty.iter().cloned().collect::<Vec<_>>().join(", ")
        ),
        (Some(repo), false) if repo.commit.is_none() => {
            bail!(
                "в репозитории ещё нет коммитов. Зафиксируйте файлы (git commit) или добавьте --allow-dirty"
            )
        }
        _ => git.and_then(|repo| repo.commit.clone()),
    };
    let dirty = git.is_none_or(|repo| !repo.dirty.is_empty());
    // One run at a time per output folder, builds included; checked before any work.
    let out = args.out.clone().unwrap_or_else(|| root.join("out"));
    let out_folder = OutFolder::open(&out, root).context("папка результата")?;
    let kurator::build::Checked {
        repo,
        diagnostics: errors,
        ..
    } = check(root, period.end())?;
    if stop_on_errors(root, errors, "Пакет не собран")? {
        return Ok(ExitCode::from(DATA_ERRORS));
    }
    let Some(config) = &repo.config else {
        bail!("нет kurator.yaml");
    };
    let org = OrgView::new(&config.data);
    let (all, mut figures) = documents::all_with_figures(&repo);
    let mut docs = select(all, period);
    docs.extend(documents::journal_until(&repo, &org, period.end()));
    provenance.stamp_all(&mut docs);
    // The quarter's figures, and in the fourth quarter the year's, as the documents show them.
    figures.retain(|f| {
        let p = f.period();
        p == period || (period.quarter == Some(4) && p == Period::year(period.year))
    });
    if args.anonymise {
        let anonymiser = Anonymiser::new(&repo);
        docs.iter_mut().for_each(|d| anonymiser.document(d));
        figures.iter_mut().for_each(|f| anonymiser.figures(f));
    }
    // The bodies are made from the views as they leave the centre (anonymised or not).
    let templates = Templates::load(root).context("чтение шаблонов")?;
    kurator::build::write_bodies(&templates, &mut docs)?;
    for doc in &mut docs {
        doc.path = PathBuf::from(pack_name(doc));
    }
    docs.sort_by(|a, b| (section(a.kind), &a.path).cmp(&(section(b.kind), &b.path)));

    let site = Site::new(&templates).map_err(|e| anyhow::anyhow!("шаблон HTML: {e}"))?;
    let mut files: Vec<PackFile> = figures
        .iter()
        .map(|f| PackFile {
            name: figures_name(f.period(), period),
            bytes: f.to_json().into_bytes(),
        })
        .collect();
    let mut items = Vec::new();
    for doc in &docs {
        let page = site
            .standalone(doc)
            .map_err(|e| anyhow::anyhow!("шаблон HTML, {}: {e}", doc.path.display()))?;
        files.push(PackFile {
            name: name(&page.path),
            bytes: page.html.into_bytes(),
        });
        items.push(PackItem {
            section: section(doc.kind).1,
            title: doc.title.clone(),
            html: name(&with_extension(&doc.path, "html")),
            pdf: name(&with_extension(&doc.path, "pdf")),
        });
    }
    let jobs = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut pdfs = Vec::new();
    let with = kurator::build::RenderWith {
        templates: &templates,
        site: None,
        as_of: period.end(),
        jobs,
    };
    kurator::build::render_outputs(
        &with,
        &[],
        &docs.iter().collect::<Vec<_>>(),
        &ProgressBar::hidden(),
        |path, bytes| {
            pdfs.push(PackFile {
                name: name(&path),
                bytes,
            });
            Ok(())
        },
    )?;
    // Threads finish in any order; the pack lists its files in document order.
    pdfs.sort_by(|a, b| a.name.cmp(&b.name));
    files.extend(pdfs);
    let source = Source {
        period: period.id(),
        label: period.label(),
        commit,
        uncommitted_changes: dirty,
        anonymised: args.anonymise,
        kurator: env!("CARGO_PKG_VERSION"),
    };
    let index = site
        .pack_index(&org, &source, &items)
        .map_err(|e| anyhow::anyhow!("шаблон HTML: {e}"))?;
    files.push(PackFile {
        name: "index.html".to_owned(),
        bytes: index.into_bytes(),
    });
    files.push(PackFile::style(&templates));
    let manifest = pack::manifest(&source, &files);
    files.push(manifest);
    let folder_name = match args.anonymise {
        true => format!("{}-обезличенный", period.id()),
        false => period.id(),
    };
    let count = files.len();
    let (folder, zip) = pack::write(&out_folder, &folder_name, files)
        .with_context(|| format!("запись пакета в {}", out.join("packs").display()))?;
    if dirty {
        note!("внимание: в пакет вошли незафиксированные изменения (--allow-dirty)");
    }
    outln!(
        "Пакет за {}: документов {}, файлов {count} → {}\nАрхив: {}",
        period.label(),
        docs.len(),
        folder.display(),
        zip.display()
    )?;
    Ok(ExitCode::SUCCESS)
}

fn parse_period(text: &str) -> anyhow::Result<Period> {
    if text == "прошлый" || text == "last" {
        return Ok(Period::containing(today()).previous());
    }
    match Period::parse(text) {
        Some(p) if p.quarter.is_some() => Ok(p),
        _ => bail!("«{text}» — не квартал. Пишите 2025-К1 (или 2025-Q1), либо «прошлый»"),
    }
}

/// The documents of the quarter: its protocols, reports and indicators (and the year's, in
/// the fourth quarter), programmes issued or corrected in it, final reports of cases closed in it.
fn select(docs: Vec<Document>, period: Period) -> Vec<Document> {
    let year = Period::year(period.year);
    docs.into_iter()
        .filter(|d| match d.kind {
            Kind::Protocol | Kind::Programme | Kind::FinalReport => period.contains(d.date),
            Kind::Report => d.date == period.end(),
            Kind::Indicators => {
                d.ident.ends_with(&format!("/{}", period.id()))
                    || (period.quarter == Some(4) && d.ident.ends_with(&format!("/{}", year.id())))
            }
            _ => false,
        })
        .collect()
}

/// The name of a period's figures in the pack of `quarter`: `figures.json` for the quarter
/// itself, `figures-<год>.json` for its year.
fn figures_name(figures: Period, quarter: Period) -> String {
    match figures == quarter {
        true => "figures.json".to_owned(),
        false => format!("figures-{}.json", figures.id()),
    }
}

/// The file stem in the flat pack: case documents carry their case number.
fn pack_name(doc: &Document) -> String {
    let stem = name(&doc.path);
    match &doc.case {
        Some(case) => format!("{stem}-{case}"),
        None => stem,
    }
}

fn name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Order and heading of a document in the pack's index.
fn section(kind: Kind) -> (u8, &'static str) {
    match kind {
        Kind::Report => (0, "Аналитические справки"),
        Kind::Indicators => (1, "Показатели эффективности"),
        Kind::Protocol => (2, "Протоколы заседаний"),
        Kind::Journal => (3, "Журнал первичного учёта"),
        Kind::Programme => (4, "Программы, утверждённые или изменённые в квартале"),
        Kind::FinalReport => (5, "Итоговые отчёты по закрытым случаям"),
        _ => (6, "Прочее"),
    }
}
