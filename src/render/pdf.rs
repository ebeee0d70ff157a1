//! PDF through Typst compiled in-process, with kurator's own `World`.
//!
//! One `Typst` per process holds what every document shares (the standard library, the
//! embedded fonts, the parsed templates); each document gets a cheap `DocumentWorld` that
//! borrows it and owns only that document's data. Data reaches templates as JSON read with
//! `json("/data.json")`, never spliced into markup, so `#`, `*`, `$` or `<` in a staff note
//! print as typed. `today()` is the build's as-of date, never the clock; nothing is read from
//! the disk or the network at render time; the PDF is PDF/A-2b with a date taken from the
//! data, so the same data gives the same bytes.

use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use typst::diag::{FileError, FileResult, Severity, SourceDiagnostic, Warned};
use typst::foundations::{Bytes, Datetime, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::model::Date;

use super::templates::Templates;

/// The one virtual path of every document's data. File ids are interned for the life of the
/// process (at most 2^16), so documents reuse fixed paths instead of one path each.
static DATA_ID: LazyLock<FileId> = LazyLock::new(|| file_id("/data.json"));

fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("a fixed virtual path is valid");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

/// What one document needs besides its data: which template, and its PDF metadata.
#[derive(Debug, Clone)]
pub struct PdfJob<'a> {
    /// Template file name, e.g. `body.typ`.
    pub template: &'a str,
    /// The document's data, as JSON bytes.
    pub data: Vec<u8>,
    /// A stable, unique id of the document (PDF `/ID`), e.g. `case/2024-001/programme-2`.
    pub ident: &'a str,
    /// The document's own date (approval, signature, inspection…), the PDF creation date.
    pub date: Date,
    /// The build's as-of date, what `today()` returns in templates.
    pub today: Date,
}

/// A template problem: a typst error or warning with its place in the template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateError {
    /// `body.typ:12:5: unknown variable: x`, or the message alone when it has no place.
    pub message: String,
}

impl std::fmt::Display for TemplateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// A rendered PDF and the warnings typst gave on the way.
#[derive(Debug, Clone)]
pub struct Pdf {
    /// The PDF file.
    pub bytes: Vec<u8>,
    /// Typst warnings (an unknown font, say); tests treat them as errors.
    pub warnings: Vec<TemplateError>,
}

/// What all documents of a process share; `Sync`, so render threads borrow one.
pub struct Typst {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    /// Parsed `.typ` templates by file id, and file ids by template name.
    sources: HashMap<FileId, Source>,
    ids: BTreeMap<String, FileId>,
    /// Pages laid out since typst's caches were last evicted.
    pages_since_eviction: AtomicUsize,
}

/// How many pages typst lays out between two evictions of its caches: measured on 860
/// generated documents, evicting after every document took 8.2 s, after 48 pages 6.0 s for
/// 35 MB more memory, after 200 pages 5.7 s for 150 MB more (BENCHMARKS.md).
const EVICT_AFTER_PAGES: usize = 48;

impl Typst {
    /// Loads fonts and parses the `.typ` templates once.
    pub fn new(templates: &Templates) -> Typst {
        let fonts: Vec<Font> = super::fonts::FONTS
            .iter()
            .flat_map(|data| Font::iter(Bytes::new(*data)))
            .collect();
        let mut sources = HashMap::new();
        let mut ids = BTreeMap::new();
        for (name, text) in templates.iter().filter(|(name, _)| name.ends_with(".typ")) {
            let id = file_id(&format!("/{name}"));
            sources.insert(id, Source::new(id, text.to_owned()));
            ids.insert(name.to_owned(), id);
        }
        Typst {
            library: LazyHash::new(Library::builder().build()),
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
            sources,
            ids,
            pages_since_eviction: AtomicUsize::new(0),
        }
    }

    /// Compiles one document to PDF/A-2b.
    pub fn render(&self, job: &PdfJob<'_>) -> Result<Pdf, Vec<TemplateError>> {
        let Some(&main) = self.ids.get(job.template) else {
            return Err(vec![TemplateError {
                message: format!("нет шаблона {}", job.template),
            }]);
        };
        let world = DocumentWorld {
            shared: self,
            main,
            data: Bytes::new(job.data.clone()),
            today: datetime(job.today, false),
        };
        let Warned { output, warnings } = typst::compile::<PagedDocument>(&world);
        let warnings: Vec<TemplateError> = warnings.iter().map(|w| world.describe(w)).collect();
        let document = output
            .map_err(|errors| errors.iter().map(|e| world.describe(e)).collect::<Vec<_>>())?;
        let standards =
            PdfStandards::new(&[PdfStandard::A_2b]).expect("PDF/A-2b is a valid standard");
        let options = PdfOptions {
            ident: Smart::Custom(job.ident.to_owned()),
            timestamp: datetime(job.date, true).map(Timestamp::new_utc),
            standards,
            ..PdfOptions::default()
        };
        let bytes = typst_pdf::pdf(&document, &options)
            .map_err(|errors| errors.iter().map(|e| world.describe(e)).collect::<Vec<_>>())?;
        // typst memoises across compilations; without eviction memory grows ~2 MB a page laid
        // out. Evicting after every document costs time (the other threads lose their cache
        // mid-document), so it is done after every few pages.
        let pages = document.pages().len();
        let since = self
            .pages_since_eviction
            .fetch_add(pages, Ordering::Relaxed)
            + pages;
        if since >= EVICT_AFTER_PAGES {
            self.pages_since_eviction.store(0, Ordering::Relaxed);
            comemo::evict(0);
        }
        Ok(Pdf { bytes, warnings })
    }
}

fn datetime(date: Date, with_time: bool) -> Option<Datetime> {
    let naive = date.naive();
    use chrono::Datelike;
    let (y, m, d) = (naive.year(), naive.month() as u8, naive.day() as u8);
    if with_time {
        Datetime::from_ymd_hms(y, m, d, 0, 0, 0)
    } else {
        Datetime::from_ymd(y, m, d)
    }
}

/// The world of one document: the shared parts plus this document's data.
struct DocumentWorld<'a> {
    shared: &'a Typst,
    main: FileId,
    data: Bytes,
    today: Option<Datetime>,
}

impl DocumentWorld<'_> {
    /// «body.typ:12:5: message (hint)» for a typst diagnostic.
    fn describe(&self, diagnostic: &SourceDiagnostic) -> TemplateError {
        let place = diagnostic.span.id().and_then(|id| {
            let source = self.shared.sources.get(&id)?;
            let range = self.range(diagnostic.span)?;
            let (line, column) = source.lines().byte_to_line_column(range.start)?;
            let name = self
                .shared
                .ids
                .iter()
                .find(|(_, i)| **i == id)
                .map(|(n, _)| n.as_str())?;
            Some(format!("{name}:{}:{}: ", line + 1, column + 1))
        });
        let kind = if diagnostic.severity == Severity::Warning {
            "предупреждение: "
        } else {
            ""
        };
        let mut message = format!("{}{kind}{}", place.unwrap_or_default(), diagnostic.message);
        for hint in &diagnostic.hints {
            message.push_str(&format!(" (подсказка: {})", hint.v));
        }
        TemplateError { message }
    }
}

impl World for DocumentWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.shared.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.shared.book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        self.shared
            .sources
            .get(&id)
            .cloned()
            .ok_or_else(|| FileError::NotFound(id.vpath().get_without_slash().into()))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == *DATA_ID {
            return Ok(self.data.clone());
        }
        match self.shared.sources.get(&id) {
            Some(source) => Ok(Bytes::from_string(source.clone())),
            None => Err(FileError::NotFound(id.vpath().get_without_slash().into())),
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.shared.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        self.today
    }
}
