//! Reading a case repository: every file found, parsed, checked against its schema and
//! turned into typed data — or into located diagnostics, never a panic.
//!
//! Loading goes on past a bad file: staff fix a whole batch of problems at once, as with a
//! compiler, so one broken case must not hide the faults of the others.

pub mod file;
mod locate;
mod printable;
pub mod schema_check;
pub mod yaml;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::de::DeserializeOwned;
use walkdir::WalkDir;

use crate::calendar::{Calendar, YearData};
use crate::diagnostic::Diagnostic;
use crate::model::{Case, Config, Meeting, ReportNotes};
use crate::schema::FileKind;
pub use locate::Locator;
use yaml::{NodeKind, Span};

/// Largest file accepted; a real case file is a few kilobytes.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// Name of the centre's settings file at the repository root.
pub const CONFIG_FILE: &str = "kurator.yaml";
/// Folder of case files.
pub const CASES_DIR: &str = "cases";
/// Folder of meeting files.
pub const MEETINGS_DIR: &str = "meetings";
/// Folder of production-calendar years that add to or override the built-in ones.
pub const CALENDAR_DIR: &str = "calendar";
/// Folder of the head's conclusions and proposals to the quarterly справки, a file per quarter.
pub const REPORTS_DIR: &str = "reports";
/// Every folder of data files that [`load`] reads.
pub const DATA_DIRS: [&str; 4] = [CASES_DIR, MEETINGS_DIR, CALENDAR_DIR, REPORTS_DIR];

/// A file that loaded: its typed data and where each value is written, for later messages.
#[derive(Debug, Clone)]
pub struct Source<T> {
    /// Path relative to the repository root, as shown in messages.
    pub path: PathBuf,
    /// Spans of the file's values.
    pub locator: Locator,
    /// The typed data.
    pub data: T,
}

impl<T> Source<T> {
    /// Span of the value at a path of keys and indices, or of its nearest written ancestor.
    pub fn span<S: AsRef<str>>(&self, path: &[S]) -> Span {
        self.locator.span(path)
    }

    /// The path as git and the version stamps write it: `/` between folders on every system.
    pub fn file(&self) -> String {
        self.path.to_string_lossy().replace('\\', "/")
    }

    /// Span of the key of the entry at `path` (`закрытие:`), or of the value when there is no key.
    pub fn key_span<S: AsRef<str>>(&self, path: &[S]) -> Span {
        self.locator.key_span(path)
    }
}

/// Everything that loaded from a case repository.
#[derive(Debug, Clone)]
pub struct Repository {
    /// The repository root.
    pub root: PathBuf,
    /// `kurator.yaml`, if it loaded without errors.
    pub config: Option<Source<Config>>,
    /// Case files that loaded, sorted by path.
    pub cases: Vec<Source<Case>>,
    /// Meeting files that loaded, sorted by path.
    pub meetings: Vec<Source<Meeting>>,
    /// Production-calendar years of the repository (`calendar/<год>.yaml`) that loaded.
    pub calendar_years: Vec<Source<YearData>>,
    /// The head's files to the quarterly справки (`reports/<квартал>.yaml`) that loaded.
    pub report_notes: Vec<Source<ReportNotes>>,
}

impl Repository {
    /// The built-in production calendar with the repository's own years added or replaced.
    ///
    /// Years with errors are left out; `rules::integrity` reports them.
    pub fn calendar(&self) -> Calendar {
        with_own_years(self.calendar_years.iter().map(|y| &y.data))
    }
}

/// The built-in calendar plus the years of `root/calendar/` that load without errors, without
/// reading the rest of the repository (`kurator calendar`).
pub fn calendar(root: &Path) -> Calendar {
    let (files, _refused) = yaml_files(root, CALENDAR_DIR).unwrap_or_default();
    let years: Vec<YearData> = files
        .iter()
        .filter_map(|path| load_file::<YearData>(root, path, FileKind::Calendar).ok())
        .map(|source| source.data)
        .collect();
    with_own_years(years.iter())
}

fn with_own_years<'a>(years: impl Iterator<Item = &'a YearData>) -> Calendar {
    let valid = years.filter(|y| y.validate().is_empty()).cloned();
    Calendar::builtin()
        .with_years(valid)
        .expect("only years without problems are added")
}

/// A failure to load at all (exit code 2), as opposed to faults in the data.
#[derive(Debug)]
pub enum LoadError {
    /// The folder is not a case repository.
    NotARepository(PathBuf),
    /// A folder could not be read.
    Io(PathBuf, std::io::Error),
    /// kurator.yaml has errors ([`config`] only; [`load`] reports them as diagnostics).
    Config(Vec<Diagnostic>),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::NotARepository(root) => write!(
                f,
                "в папке {} нет файла {CONFIG_FILE}: это не репозиторий случаев. \
                 Запустите kurator в корне репозитория, укажите --root ПАПКА или создайте новый: kurator init ПАПКА",
                root.display()
            ),
            LoadError::Io(path, error) => {
                write!(f, "не удалось прочитать {}: {error}", path.display())
            }
            LoadError::Config(faults) => {
                write!(f, "в {CONFIG_FILE} есть ошибки")?;
                for fault in faults {
                    let place = match &fault.span {
                        Some(span) => format!(
                            "{CONFIG_FILE}:{}:{}",
                            span.start.line.max(1),
                            span.start.column.max(1)
                        ),
                        None => CONFIG_FILE.to_owned(),
                    };
                    write!(f, "\n  {place}: {}", fault.message)?;
                }
                write!(
                    f,
                    "\nИсправьте их (kurator validate покажет подробно) и запустите снова"
                )
            }
        }
    }
}

impl std::error::Error for LoadError {}

/// Loads every file of the repository at `root`; data faults come back as diagnostics.
pub fn load(root: &Path) -> Result<(Repository, Vec<Diagnostic>), LoadError> {
    // Present in any form: a kurator.yaml that is a link or a FIFO is a data error of the
    // repository (reported by the read), not a reason to call the folder no repository.
    if fs::symlink_metadata(root.join(CONFIG_FILE)).is_err() {
        return Err(LoadError::NotARepository(root.to_owned()));
    }
    let mut refused = Vec::new();
    let mut list = |dir: &str| -> Result<Vec<PathBuf>, LoadError> {
        let (files, faults) = yaml_files(root, dir)?;
        refused.extend(faults);
        Ok(files)
    };
    let listing = Listing {
        cases: list(CASES_DIR)?,
        meetings: list(MEETINGS_DIR)?,
        calendar: list(CALENDAR_DIR)?,
        reports: list(REPORTS_DIR)?,
        refused,
    };
    Ok(load_listed(root, &listing, |path| read_text(root, path)))
}

/// Loads kurator.yaml and the meetings of the repository at `root`, not the cases: the lists
/// that `kurator schema` writes into the editor's schemas (`schema::Lists`).
pub fn load_shared(root: &Path) -> Result<(Repository, Vec<Diagnostic>), LoadError> {
    if fs::symlink_metadata(root.join(CONFIG_FILE)).is_err() {
        return Err(LoadError::NotARepository(root.to_owned()));
    }
    let (meetings, refused) = yaml_files(root, MEETINGS_DIR)?;
    let listing = Listing {
        cases: Vec::new(),
        meetings,
        calendar: Vec::new(),
        reports: Vec::new(),
        refused,
    };
    Ok(load_listed(root, &listing, |path| read_text(root, path)))
}

/// Loads a repository held in memory as (path relative to the root, bytes) pairs, as [`load`]
/// loads one from disk (the same code after listing and reading); for fuzzing and tests.
pub fn load_in_memory(
    files: &[(PathBuf, Vec<u8>)],
) -> Result<(Repository, Vec<Diagnostic>), LoadError> {
    // A later file of the same path replaces an earlier one; paths come out sorted, as listed.
    let files: BTreeMap<&Path, &[u8]> = files
        .iter()
        .map(|(path, bytes)| (path.as_path(), bytes.as_slice()))
        .collect();
    let root = Path::new("");
    if !files.contains_key(Path::new(CONFIG_FILE)) {
        return Err(LoadError::NotARepository(root.to_owned()));
    }
    let listed = |dir: &str| -> Vec<PathBuf> {
        files
            .keys()
            .filter(|path| in_folder(path, dir) && name_kind(path) == NameKind::Data)
            .map(|path| path.to_path_buf())
            .collect()
    };
    // The same refusals of a name as the listing of a folder on disk.
    let refused = files
        .keys()
        .filter(|path| DATA_DIRS.iter().any(|dir| in_folder(path, dir)))
        .filter_map(|path| match name_kind(path) {
            NameKind::Misnamed(suffix) => Some(misnamed(path, &suffix)),
            _ => None,
        })
        .collect();
    let listing = Listing {
        cases: listed(CASES_DIR),
        meetings: listed(MEETINGS_DIR),
        calendar: listed(CALENDAR_DIR),
        reports: listed(REPORTS_DIR),
        refused,
    };
    let read = |path: &Path| decode(path, files.get(path).copied().unwrap_or_default());
    Ok(load_listed(root, &listing, read))
}

/// Whether `path` (relative to the root) is under `dir` and not hidden, as `yaml_files` walks.
fn in_folder(path: &Path, dir: &str) -> bool {
    let hidden = path
        .components()
        .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
    path.starts_with(dir) && !hidden
}

/// What the name of a file in a data folder says it is.
#[derive(Debug, PartialEq, Eq)]
enum NameKind {
    /// `.yaml` or `.yml`: a data file, read.
    Data,
    /// Meant as a data file but not named as one (`.YAML`, `.Yml`, `.yaml.txt` as Notepad saves
    /// it): the suffix as written. Reported, since skipping it would make a family vanish from
    /// every document without a word.
    Misnamed(String),
    /// Anything else (notes, pictures): not kurator's.
    Other,
}

fn name_kind(path: &Path) -> NameKind {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    if let Some(ext) = path.extension().and_then(|e| e.to_str())
        && (ext == "yaml" || ext == "yml")
    {
        return NameKind::Data;
    }
    let lower = name.to_lowercase();
    for suffix in [".yaml", ".yml", ".yaml.txt", ".yml.txt"] {
        if lower.ends_with(suffix) && lower.len() > suffix.len() {
            return NameKind::Misnamed(name[name.len() - suffix.len()..].to_owned());
        }
    }
    NameKind::Other
}

/// The error for a data file whose suffix kurator does not read.
fn misnamed(path: &Path, suffix: &str) -> Diagnostic {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let stem = &name[..name.len() - suffix.len()];
    let wanted = if suffix.to_lowercase().starts_with(".yml") {
        ".yml"
    } else {
        ".yaml"
    };
    Diagnostic::error(
        path,
        None,
        "file-suffix",
        format!(
            "расширение «{suffix}» не читается: kurator берёт только файлы .yaml и .yml \
             (строчными буквами), и этот файл не попал бы ни в один документ"
        ),
    )
    .with_hint(format!("переименуйте файл в {stem}{wanted}"))
}

/// The data files of a repository, relative to its root, each list sorted, and the entries
/// of its data folders that are refused (links, special files, misnamed data files).
struct Listing {
    cases: Vec<PathBuf>,
    meetings: Vec<PathBuf>,
    calendar: Vec<PathBuf>,
    reports: Vec<PathBuf>,
    refused: Vec<Diagnostic>,
}

/// Loads the listed files and kurator.yaml, each read as text by `read`.
fn load_listed(
    root: &Path,
    listing: &Listing,
    read: impl Fn(&Path) -> Result<String, Vec<Diagnostic>> + Sync,
) -> (Repository, Vec<Diagnostic>) {
    let read = &read;
    let mut diagnostics = listing.refused.clone();
    let config = collect(
        read_and_parse(read, Path::new(CONFIG_FILE), FileKind::Config),
        &mut diagnostics,
    );
    let cases: Vec<_> = listing
        .cases
        .par_iter()
        .map(|path| read_and_parse(read, path, FileKind::Case))
        .collect();
    let meetings: Vec<_> = listing
        .meetings
        .par_iter()
        .map(|path| read_and_parse(read, path, FileKind::Meeting))
        .collect();
    let calendar_years = listing
        .calendar
        .iter()
        .map(|path| read_and_parse(read, path, FileKind::Calendar))
        .filter_map(|r| collect(r, &mut diagnostics))
        .collect();
    let report_notes = listing
        .reports
        .iter()
        .map(|path| read_and_parse(read, path, FileKind::ReportNotes))
        .filter_map(|r| collect(r, &mut diagnostics))
        .collect();
    let cases = cases
        .into_iter()
        .filter_map(|r| collect(r, &mut diagnostics))
        .map(|mut case: Source<Case>| {
            // A case may sit in a subfolder of cases/: its stamp and history name that file.
            case.data.file = case.file();
            case
        })
        .collect();
    let meetings = meetings
        .into_iter()
        .filter_map(|r| collect(r, &mut diagnostics))
        .collect();
    let repository = Repository {
        root: root.to_owned(),
        config,
        cases,
        meetings,
        calendar_years,
        report_notes,
    };
    (repository, diagnostics)
}

fn collect<T>(
    result: Result<Source<T>, Vec<Diagnostic>>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Source<T>> {
    result.map_err(|faults| diagnostics.extend(faults)).ok()
}

/// kurator.yaml alone, read, parsed and schema-checked as [`load`] reads it, for a command that
/// needs only the centre's settings (`kurator new --curator` checks the name against them);
/// `Err` holds its faults, or says that there is no kurator.yaml.
pub fn config(root: &Path) -> Result<Source<Config>, LoadError> {
    if fs::symlink_metadata(root.join(CONFIG_FILE)).is_err() {
        return Err(LoadError::NotARepository(root.to_owned()));
    }
    load_file(root, Path::new(CONFIG_FILE), FileKind::Config).map_err(LoadError::Config)
}

/// The case files of the repository at `root`, in every subfolder of `cases/`, relative to
/// `root` and sorted: what [`load`] reads, for a command that needs only one of them (files
/// refused for what they are — links, misnamed — are not among them; `validate` names them).
pub fn case_files(root: &Path) -> Result<Vec<PathBuf>, LoadError> {
    yaml_files(root, CASES_DIR).map(|(files, _refused)| files)
}

/// The `.yaml`/`.yml` files under `root/dir`, relative to `root`, sorted; hidden entries skipped.
/// Links are not followed: a link (to a file or a folder) and a special file (FIFO, device,
/// socket) anywhere in the folder come back as errors, as does a misnamed data file.
fn yaml_files(root: &Path, dir: &str) -> Result<(Vec<PathBuf>, Vec<Diagnostic>), LoadError> {
    let base = root.join(dir);
    let mut refused = Vec::new();
    match fs::symlink_metadata(&base) {
        Ok(m) if m.file_type().is_symlink() => {
            refused.push(refusal(
                Path::new(dir),
                &file::Refusal::Symlink(dir.into()),
                0,
            ));
            return Ok((Vec::new(), refused));
        }
        Ok(m) if m.is_dir() => {}
        _ => return Ok((Vec::new(), refused)),
    }
    let mut files = Vec::new();
    let walker = WalkDir::new(&base)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(&base).to_owned();
            LoadError::Io(path, e.into())
        })?;
        let relative = entry.path().strip_prefix(root).unwrap_or(entry.path());
        let kind = entry.file_type();
        if kind.is_dir() {
            continue;
        }
        if kind.is_symlink() {
            let shown = file::Refusal::Symlink(relative.to_owned());
            refused.push(refusal(relative, &shown, 0));
            continue;
        }
        if !kind.is_file() {
            let what = entry
                .metadata()
                .map_or("файл особого вида", |m| file::kind_of(&m));
            refused.push(refusal(relative, &file::Refusal::NotRegular(what), 0));
            continue;
        }
        match name_kind(relative) {
            NameKind::Data => files.push(relative.to_owned()),
            NameKind::Misnamed(suffix) => refused.push(misnamed(relative, &suffix)),
            NameKind::Other => {}
        }
    }
    Ok((files, refused))
}

/// Reads a data file (a regular file inside the repository, see [`file::read_regular`]) and
/// decodes it; see [`decode`].
pub fn read_text(root: &Path, path: &Path) -> Result<String, Vec<Diagnostic>> {
    let bytes = file::read_regular(root, path, MAX_FILE_BYTES)
        .map_err(|why| vec![refusal(path, &why, MAX_FILE_BYTES)])?;
    decode(path, &bytes)
}

/// The error for a data file that was not read.
fn refusal(path: &Path, why: &file::Refusal, max_bytes: u64) -> Diagnostic {
    let code = match why {
        file::Refusal::Missing | file::Refusal::Io(_) => "io",
        file::Refusal::Symlink(_) => "symlink",
        file::Refusal::NotRegular(_) => "not-a-file",
        file::Refusal::TooBig(bytes) => return too_big(path, *bytes),
    };
    let (message, hint) = why.message(path, max_bytes);
    Diagnostic::error(path, None, code, message).with_hint(hint)
}

fn too_big(path: &Path, bytes: u64) -> Diagnostic {
    Diagnostic::error(
        path,
        None,
        "file-size",
        format!("файл слишком большой: {bytes} байт"),
    )
    .with_hint(format!(
        "файл данных kurator не бывает больше {} КБ; проверьте, тот ли это файл",
        MAX_FILE_BYTES / 1024
    ))
}

/// Bytes as staff saved them → text: UTF-8 required, a BOM dropped, any line ends kept.
pub fn decode(path: &Path, bytes: &[u8]) -> Result<String, Vec<Diagnostic>> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(vec![too_big(path, bytes.len() as u64)]);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
            let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            let column = String::from_utf8_lossy(&valid[line_start..])
                .chars()
                .count()
                + 1;
            Err(vec![
                Diagnostic::error(
                    path,
                    Some(Span::on_line(line, column, 1)),
                    "encoding",
                    "файл не в кодировке UTF-8",
                )
                .with_hint(
                    "похоже, он сохранён в Windows-1251 или другой кодировке; \
                         откройте его в редакторе и сохраните как UTF-8",
                ),
            ])
        }
    }
}

/// Reads, parses and schema-checks one file.
fn load_file<T: DeserializeOwned>(
    root: &Path,
    path: &Path,
    kind: FileKind,
) -> Result<Source<T>, Vec<Diagnostic>> {
    read_and_parse(&|path: &Path| read_text(root, path), path, kind)
}

/// Reads one file with `read`, then parses and schema-checks it.
fn read_and_parse<T: DeserializeOwned>(
    read: &impl Fn(&Path) -> Result<String, Vec<Diagnostic>>,
    path: &Path,
    kind: FileKind,
) -> Result<Source<T>, Vec<Diagnostic>> {
    let text = read(path)?;
    parse_text(kind, path, &text)
}

/// Parses and schema-checks the text of one file of the given kind; `path` is for messages.
pub fn parse_text<T: DeserializeOwned>(
    kind: FileKind,
    path: &Path,
    text: &str,
) -> Result<Source<T>, Vec<Diagnostic>> {
    let tree = match yaml::parse(text) {
        Ok(Some(tree)) => tree,
        Ok(None) => {
            return Err(vec![
                Diagnostic::error(path, None, "empty-file", "файл пуст")
                    .with_hint(empty_hint(kind)),
            ]);
        }
        Err(e) => {
            let mut d = Diagnostic::error(path, Some(e.span), e.code, e.message);
            d.hint = e.hint;
            return Err(vec![d]);
        }
    };
    if !matches!(tree.kind, NodeKind::Map(_)) {
        return Err(vec![
            Diagnostic::error(
                path,
                Some(tree.span),
                "type",
                format!(
                    "файл должен быть словарём «ключ: значение», а здесь {}",
                    tree.shape_name()
                ),
            )
            .with_hint(empty_hint(kind)),
        ]);
    }
    let mut json = tree.to_json();
    let faults = schema_check::check(kind, path, &tree, &mut json);
    if !faults.is_empty() {
        return Err(faults);
    }
    match serde_path_to_error::deserialize::<_, T>(json) {
        Ok(data) => Ok(Source {
            path: path.to_owned(),
            locator: Locator::new(&tree),
            data,
        }),
        Err(e) => {
            // The schema should have caught everything; what reaches here is a value the schema
            // allows but the type cannot hold (2.0 where an integer is wanted).
            let pointer: Vec<String> = e
                .path()
                .iter()
                .filter_map(|segment| match segment {
                    serde_path_to_error::Segment::Seq { index } => Some(index.to_string()),
                    serde_path_to_error::Segment::Map { key } => Some(key.clone()),
                    serde_path_to_error::Segment::Enum { variant } => Some(variant.clone()),
                    serde_path_to_error::Segment::Unknown => None,
                })
                .collect();
            let inner = e.inner().to_string();
            let message = if inner.contains("floating point") {
                "ожидается целое число, без дробной части".to_owned()
            } else {
                "значение не подходит для этого поля".to_owned()
            };
            Err(vec![Diagnostic::error(
                path,
                Some(Locator::new(&tree).span(&pointer)),
                "type",
                message,
            )])
        }
    }
}

fn empty_hint(kind: FileKind) -> &'static str {
    match kind {
        FileKind::Case => "создайте заготовку случая командой: kurator new <номер>",
        FileKind::Meeting => "файл заседания начинается с «дата: ГГГГ-ММ-ДД» и «номер: …»",
        FileKind::Config => "заготовку kurator.yaml создаёт команда kurator init",
        FileKind::Calendar => {
            "формат файла календаря описан в README, раздел «Производственный календарь»"
        }
        FileKind::ReportNotes => {
            "файл справки за квартал содержит «номер:», «дата:», «выводы:» и «предложения:»"
        }
    }
}
