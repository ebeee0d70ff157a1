//! Document templates: compiled into the binary, overridable per case repository.
//!
//! As in zola, a file in the repository's `templates/` with the name of a built-in template
//! replaces it, so a centre adjusts a form without a new kurator; `kurator templates --eject`
//! copies the built-ins out as a starting point.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::load::file;

/// Built-in templates: `(file name, text)`.
const BUILTIN: &[(&str, &str)] = &[
    ("common.typ", include_str!("../../templates/common.typ")),
    ("body.typ", include_str!("../../templates/body.typ")),
    ("base.html", include_str!("../../templates/base.html")),
    ("index.html", include_str!("../../templates/index.html")),
    ("case.html", include_str!("../../templates/case.html")),
    ("agenda.html", include_str!("../../templates/agenda.html")),
    ("curator.html", include_str!("../../templates/curator.html")),
    (
        "table-tools.html",
        include_str!("../../templates/table-tools.html"),
    ),
    ("body.html", include_str!("../../templates/body.html")),
    (
        "body-macros.html",
        include_str!("../../templates/body-macros.html"),
    ),
    // Texts of documents drawn by both renderers (crate::body).
    (
        "agreement.txt",
        include_str!("../../templates/agreement.txt"),
    ),
    (
        "supplement.txt",
        include_str!("../../templates/supplement.txt"),
    ),
    ("consent.txt", include_str!("../../templates/consent.txt")),
    (
        "curator-order.txt",
        include_str!("../../templates/curator-order.txt"),
    ),
    (
        "curator-notice.txt",
        include_str!("../../templates/curator-notice.txt"),
    ),
    ("letter.txt", include_str!("../../templates/letter.txt")),
    (
        "application.txt",
        include_str!("../../templates/application.txt"),
    ),
    ("opening.txt", include_str!("../../templates/opening.txt")),
    ("visit.txt", include_str!("../../templates/visit.txt")),
    ("interim.txt", include_str!("../../templates/interim.txt")),
    (
        "monitoring.txt",
        include_str!("../../templates/monitoring.txt"),
    ),
    ("journal.txt", include_str!("../../templates/journal.txt")),
    ("report.txt", include_str!("../../templates/report.txt")),
    (
        "indicators.txt",
        include_str!("../../templates/indicators.txt"),
    ),
    ("region.txt", include_str!("../../templates/region.txt")),
    (
        "programme.txt",
        include_str!("../../templates/programme.txt"),
    ),
    (
        "inspection.txt",
        include_str!("../../templates/inspection.txt"),
    ),
    ("protocol.txt", include_str!("../../templates/protocol.txt")),
    ("outcome.txt", include_str!("../../templates/outcome.txt")),
    ("card.txt", include_str!("../../templates/card.txt")),
    (
        "dashboard.html",
        include_str!("../../templates/dashboard.html"),
    ),
    ("pack.html", include_str!("../../templates/pack.html")),
    ("style.css", include_str!("../../templates/style.css")),
];

/// Templates kurator no longer reads, and what took their place: a centre's copy of one would
/// otherwise be ignored without a word.
const RETIRED: &[(&str, &str)] = &[
    ("agreement.typ", "agreement.txt"),
    ("agreement.html", "agreement.txt"),
    ("consent.typ", "consent.txt"),
    ("consent.html", "consent.txt"),
    ("journal.typ", "journal.txt"),
    ("journal.html", "journal.txt"),
    ("report.typ", "report.txt"),
    ("report.html", "report.txt"),
    ("indicators.typ", "indicators.txt"),
    ("indicators.html", "indicators.txt"),
    ("region.typ", "region.txt"),
    ("region.html", "region.txt"),
    ("programme.typ", "programme.txt"),
    ("programme.html", "programme.txt"),
    ("inspection.typ", "inspection.txt"),
    ("inspection.html", "inspection.txt"),
    ("protocol.typ", "protocol.txt"),
    ("protocol.html", "protocol.txt"),
    ("outcome.typ", "outcome.txt"),
    ("outcome.html", "outcome.txt"),
    ("final-report.typ", "outcome.txt"),
    ("final-report.html", "outcome.txt"),
    ("case-indicators.typ", "outcome.txt"),
    ("case-indicators.html", "outcome.txt"),
    ("card.typ", "card.txt"),
    ("card.html", "card.txt"),
];

/// Folder of a case repository with template overrides.
pub const TEMPLATES_DIR: &str = "templates";

/// Largest template file accepted from a repository: the largest built-in one is under 10 KB,
/// so 256 KB leaves room for any real form while a file of megabytes (or `/dev/zero`) is
/// refused before it is read.
pub const MAX_TEMPLATE_BYTES: u64 = 256 * 1024;

/// The templates of one build: built-ins with the repository's overrides applied.
#[derive(Debug, Clone)]
pub struct Templates {
    files: BTreeMap<&'static str, Cow<'static, str>>,
    overridden: Vec<PathBuf>,
    /// The repository's files of retired templates, with their successors.
    retired: Vec<(PathBuf, &'static str)>,
}

impl Templates {
    /// The built-in templates only.
    pub fn builtin() -> Templates {
        Templates {
            files: BUILTIN
                .iter()
                .map(|(name, text)| (*name, Cow::Borrowed(*text)))
                .collect(),
            overridden: Vec::new(),
            retired: Vec::new(),
        }
    }

    /// Built-ins, each replaced by `root/templates/<name>` when that file exists. An override
    /// is read only as a regular file of at most [`MAX_TEMPLATE_BYTES`] inside the repository
    /// (see [`crate::load::file`]); a link, FIFO, device or oversized file is an error naming
    /// it, as is a `templates/` folder that is itself a link.
    pub fn load(root: &Path) -> io::Result<Templates> {
        let mut templates = Templates::builtin();
        match fs::symlink_metadata(root.join(TEMPLATES_DIR)) {
            Ok(m) if m.is_dir() => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(templates),
            // A link or anything else: read_regular below says which, naming the file.
            _ => {}
        }
        for (name, successor) in RETIRED {
            let path = Path::new(TEMPLATES_DIR).join(name);
            if fs::symlink_metadata(root.join(&path)).is_ok() {
                templates.retired.push((path, successor));
            }
        }
        for (name, text) in templates.files.iter_mut() {
            let path = Path::new(TEMPLATES_DIR).join(name);
            let own = match file::read_regular(root, &path, MAX_TEMPLATE_BYTES) {
                Ok(bytes) => bytes,
                Err(file::Refusal::Missing) => continue,
                Err(why) => {
                    let (message, hint) = why.message(&path, MAX_TEMPLATE_BYTES);
                    let text = format!("шаблон {}: {message}; {hint}", path.display());
                    return Err(io::Error::new(io::ErrorKind::InvalidData, text));
                }
            };
            let own = String::from_utf8(own).map_err(|_| {
                let text = format!(
                    "шаблон {}: файл не в кодировке UTF-8; сохраните его как UTF-8",
                    path.display()
                );
                io::Error::new(io::ErrorKind::InvalidData, text)
            })?;
            if own != *text {
                templates.overridden.push(path);
            }
            *text = Cow::Owned(own);
        }
        Ok(templates)
    }

    /// How messages name a template: `templates/<name>` when the repository replaces it,
    /// else `<name> (встроенный)`.
    pub fn shown(&self, name: &str) -> String {
        let own = Path::new(TEMPLATES_DIR).join(name);
        if self.overridden.contains(&own) {
            own.display().to_string()
        } else {
            format!("{name} (встроенный)")
        }
    }

    /// Every template, `(name, text)`, in name order.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &str)> {
        self.files.iter().map(|(name, text)| (*name, text.as_ref()))
    }

    /// One template's text.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.files.get(name).map(|t| t.as_ref())
    }

    /// What a build tells staff about the repository's templates: which replace built-ins, and
    /// which kurator no longer reads.
    pub fn notes(&self) -> Vec<String> {
        let replacing = self
            .overridden
            .iter()
            .map(|path| format!("шаблон {} заменяет встроенный", path.display()));
        let retired = self.retired.iter().map(|(path, successor)| {
            format!(
                "шаблон {} больше не используется: текст документа теперь в {successor} \
                 (kurator templates --eject покажет его); перенесите свои правки туда и удалите \
                 старый файл",
                path.display()
            )
        });
        replacing.chain(retired).collect()
    }
}

/// Writes the built-in templates into `dir`; existing files are kept. Returns the files written.
pub fn eject(dir: &Path) -> io::Result<Vec<PathBuf>> {
    fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    for (name, text) in BUILTIN {
        let path = dir.join(name);
        match crate::output::write_new(&path, text.as_bytes()) {
            Ok(()) => written.push(path),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    }
    Ok(written)
}
