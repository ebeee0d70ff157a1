//! The harnesses of the fuzz targets in `fuzz/`: bytes in, a result or a panic out.
//!
//! They live in the library, not in the fuzz crate, so that `tests/fuzz_regressions.rs` replays
//! every crash input through exactly the code the fuzzer ran. Besides «no panic», they assert
//! what staff rely on: a file that does not load is named by an error, every position points
//! into its file, and valid data always renders.

// Not part of kurator's interface: hidden from the documentation.
#![doc(hidden)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use crate::diagnostic::{self, Diagnostic, Format, Severity};
use crate::documents::{self, Kind};
use crate::load::yaml::Span;
use crate::load::{self, Repository};
use crate::model::{Case, Date};
use crate::provenance::Provenance;
use crate::render::html::Site;
use crate::render::pdf::{PdfJob, Typst};
use crate::render::templates::Templates;
use crate::rules::{self, Finding};
use crate::schema::FileKind;

/// The date the deadlines are counted to: fixed, so that a crash replays.
const AS_OF: &str = "2025-06-30";

/// «Today» for the rule that nothing recorded lies in the future: fixed, and after every date of
/// the demo cases the `render` corpus starts from.
const TODAY: &str = "2026-11-24";

/// The repository every `load` input is dropped into: `tests/fixtures/base`.
const BASE: [(&str, &str); 3] = [
    (
        "kurator.yaml",
        include_str!("../tests/fixtures/base/kurator.yaml"),
    ),
    (
        "cases/2024-001.yaml",
        include_str!("../tests/fixtures/base/cases/2024-001.yaml"),
    ),
    (
        "meetings/2024-06-27.yaml",
        include_str!("../tests/fixtures/base/meetings/2024-06-27.yaml"),
    ),
];

/// The repository every `render` input is dropped into: the demo's settings and meetings, which
/// the demo cases (the seed corpus) are valid against; the base fixture's are not.
const DEMO: [(&str, &str); 11] = [
    ("kurator.yaml", include_str!("../kurator.yaml")),
    // The working group that approved the programme of demo case 2024-001.
    (
        "meetings/2024-01-30.yaml",
        include_str!("../meetings/2024-01-30.yaml"),
    ),
    (
        "meetings/2024-03-28.yaml",
        include_str!("../meetings/2024-03-28.yaml"),
    ),
    (
        "meetings/2024-06-27.yaml",
        include_str!("../meetings/2024-06-27.yaml"),
    ),
    (
        "meetings/2024-09-26.yaml",
        include_str!("../meetings/2024-09-26.yaml"),
    ),
    (
        "meetings/2024-12-19.yaml",
        include_str!("../meetings/2024-12-19.yaml"),
    ),
    (
        "meetings/2025-03-27.yaml",
        include_str!("../meetings/2025-03-27.yaml"),
    ),
    (
        "meetings/2025-06-26.yaml",
        include_str!("../meetings/2025-06-26.yaml"),
    ),
    (
        "meetings/2025-09-25.yaml",
        include_str!("../meetings/2025-09-25.yaml"),
    ),
    (
        "meetings/2025-11-20.yaml",
        include_str!("../meetings/2025-11-20.yaml"),
    ),
    (
        "meetings/2025-12-18.yaml",
        include_str!("../meetings/2025-12-18.yaml"),
    ),
];

/// Which file of the base repository a `load` input becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// Replaces the one case.
    Case,
    /// A second case next to it (duplicate numbers, shared meetings).
    SecondCase,
    /// Replaces the one meeting.
    Meeting,
    /// Replaces kurator.yaml.
    Config,
    /// A production-calendar year of the repository's own.
    Calendar,
}

impl Slot {
    /// Every slot, in the order the first byte of an input picks them.
    pub const ALL: [Slot; 5] = [
        Slot::Case,
        Slot::SecondCase,
        Slot::Meeting,
        Slot::Config,
        Slot::Calendar,
    ];

    /// The path the bytes are loaded from.
    pub fn path(self) -> &'static str {
        match self {
            Slot::Case => "cases/2024-001.yaml",
            Slot::SecondCase => "cases/2024-002.yaml",
            Slot::Meeting => "meetings/2024-06-27.yaml",
            Slot::Config => "kurator.yaml",
            Slot::Calendar => "calendar/2024.yaml",
        }
    }
}

/// What loading one input gave.
#[derive(Debug)]
pub struct Loaded {
    /// The repository, with whatever loaded.
    pub repo: Repository,
    /// Every error and warning of loading and of the rules, as `validate` would print them.
    pub diagnostics: Vec<Diagnostic>,
    /// Every compliance finding as of 2025-06-30, in the agenda's order.
    pub findings: Vec<Finding>,
}

/// The `load` target: the first byte picks a [`Slot`], the rest is that file.
pub fn load(input: &[u8]) -> Loaded {
    let (first, bytes) = input.split_first().unwrap_or((&0, &[]));
    load_as(Slot::ALL[usize::from(*first) % Slot::ALL.len()], bytes)
}

/// Loads `bytes` as the file of `slot` in the base repository, runs every rule over it, prints
/// the diagnostics in each format, and checks that the outcome makes sense.
pub fn load_as(slot: Slot, bytes: &[u8]) -> Loaded {
    let mut files = with(&BASE);
    files.retain(|(path, _)| path != Path::new(slot.path()));
    files.push((PathBuf::from(slot.path()), bytes.to_vec()));
    let (repo, mut diagnostics, findings) = load_and_check(&files);
    let texts = texts(&files);
    for format in [Format::Human, Format::Json, Format::Github] {
        diagnostic::render(&diagnostics, format, |path| texts.get(path).cloned());
    }
    rules::caseloads(&repo, date(AS_OF));
    let findings = rules::agenda(&repo, findings, date(AS_OF), true);
    check_outcome(&files, &texts, &repo, &diagnostics, &findings);
    diagnostic::sort(&mut diagnostics);
    Loaded {
        repo,
        diagnostics,
        findings,
    }
}

/// What rendering one input gave; `None` from [`render`] when the input is not valid data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rendered {
    /// Documents built.
    pub documents: usize,
    /// HTML pages rendered: one per document plus the site's own.
    pub pages: usize,
    /// PDFs compiled.
    pub pdfs: usize,
}

/// The compiled templates, shared by every input (compiling them is most of the cost).
static RENDERERS: LazyLock<(Site, Typst)> = LazyLock::new(|| {
    let templates = Templates::builtin();
    let site = Site::new(&templates).expect("the built-in HTML templates compile");
    (site, Typst::new(&templates))
});

/// The `render` target: `input` as a case file of the demo repository; when the repository is
/// valid, every document as HTML, the site's pages, and a few documents as PDF.
pub fn render(input: &[u8]) -> Option<Rendered> {
    let path = Path::new("cases/fuzz.yaml");
    let text = load::decode(path, input).ok()?;
    let number = load::parse_text::<Case>(FileKind::Case, path, &text)
        .ok()?
        .data
        .number;
    // A case file must be named by its number to be valid.
    let mut files = with(&DEMO);
    files.push((
        PathBuf::from(format!("cases/{number}.yaml")),
        input.to_vec(),
    ));
    let (repo, diagnostics, findings) = load_and_check(&files);
    if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        return None;
    }
    let mut docs = documents::all(&repo);
    crate::build::write_bodies(&Templates::builtin(), &mut docs)
        .unwrap_or_else(|e| panic!("the texts of documents: {e}"));
    let (site, typst) = &*RENDERERS;
    // A template error on valid data would stop the build of a valid repository: a bug.
    for doc in &docs {
        if let Err(e) = site.document(doc) {
            panic!("HTML of {}: {e}", doc.path.display());
        }
    }
    let provenance = Provenance::default();
    let own = site
        .pages(
            &repo,
            &docs,
            &findings,
            date(AS_OF),
            &provenance,
            BTreeMap::new(),
        )
        .unwrap_or_else(|e| panic!("HTML pages: {e}"));
    // Typst takes milliseconds a document: the card, the first programme, and one more picked
    // by the input, so that over a run every kind gets compiled.
    let picked = docs.get(input.len() % docs.len().max(1));
    let card = docs.iter().find(|d| d.kind == Kind::Card);
    let programme = docs.iter().find(|d| d.kind == Kind::Programme);
    let mut pdfs = 0;
    for doc in [card, programme, picked].into_iter().flatten() {
        let template = doc.kind.typst_template();
        let job = PdfJob {
            template,
            data: serde_json::to_vec(&doc.data).expect("a view serialises"),
            ident: &doc.ident,
            date: doc.date,
            today: date(AS_OF),
        };
        if let Err(errors) = typst.render(&job) {
            panic!("PDF of {}: {errors:?}", doc.path.display());
        }
        pdfs += 1;
    }
    Some(Rendered {
        documents: docs.len(),
        pages: docs.len() + own.len(),
        pdfs,
    })
}

/// The files of a fixed repository, as `load_in_memory` takes them.
fn with(files: &[(&str, &str)]) -> Vec<(PathBuf, Vec<u8>)> {
    files
        .iter()
        .map(|(path, text)| (PathBuf::from(path), text.as_bytes().to_vec()))
        .collect()
}

/// Load, rules and findings, as `kurator build` does them before rendering.
fn load_and_check(files: &[(PathBuf, Vec<u8>)]) -> (Repository, Vec<Diagnostic>, Vec<Finding>) {
    let (repo, mut diagnostics) = load::load_in_memory(files).expect("kurator.yaml is there");
    diagnostics.extend(rules::validate(&repo, date(TODAY)));
    let (findings, missing_years) = rules::findings(&repo, &repo.calendar(), date(AS_OF));
    diagnostics.extend(missing_years);
    (repo, diagnostics, findings)
}

/// The text of each file that decodes, by path.
fn texts(files: &[(PathBuf, Vec<u8>)]) -> BTreeMap<PathBuf, String> {
    files
        .iter()
        .filter_map(|(path, bytes)| Some((path.clone(), load::decode(path, bytes).ok()?)))
        .collect()
}

fn date(text: &str) -> Date {
    Date::parse(text).expect("a fixed date is valid")
}

/// Panics when the outcome would mislead staff: a file left out without an error naming it,
/// or a position outside its file.
fn check_outcome(
    files: &[(PathBuf, Vec<u8>)],
    texts: &BTreeMap<PathBuf, String>,
    repo: &Repository,
    diagnostics: &[Diagnostic],
    findings: &[Finding],
) {
    let loaded: Vec<&Path> = repo
        .config
        .iter()
        .map(|s| s.path.as_path())
        .chain(repo.cases.iter().map(|s| s.path.as_path()))
        .chain(repo.meetings.iter().map(|s| s.path.as_path()))
        .chain(repo.calendar_years.iter().map(|s| s.path.as_path()))
        .chain(repo.report_notes.iter().map(|s| s.path.as_path()))
        .collect();
    for (path, _) in files {
        let named = diagnostics
            .iter()
            .any(|d| d.file == *path && d.severity == Severity::Error);
        assert!(
            loaded.contains(&path.as_path()) || named,
            "{} left out without an error",
            path.display()
        );
    }
    // Lines as the parser counts them: `\n`, `\r\n` or a lone `\r` ends one.
    let lines: BTreeMap<&PathBuf, usize> = texts
        .iter()
        .map(|(path, text)| {
            (
                path,
                text.split("\r\n")
                    .map(|l| l.split(['\n', '\r']).count())
                    .sum(),
            )
        })
        .collect();
    let spans = diagnostics
        .iter()
        .filter_map(|d| Some((&d.file, d.span?)))
        .chain(findings.iter().map(|f| (&f.file, f.span)));
    for (file, span) in spans {
        check_span(file, span, lines.get(&file).copied());
    }
}

/// A span starts at line and column 1 or later, and on a line of its file when the file's
/// number of `lines` is known.
fn check_span(file: &Path, span: Span, lines: Option<usize>) {
    assert!(
        span.start.line >= 1 && span.start.column >= 1,
        "{}: {span:?}",
        file.display()
    );
    assert!(
        lines.is_none_or(|lines| span.start.line <= lines),
        "{}: {span:?} past the last line {lines:?}",
        file.display()
    );
}
