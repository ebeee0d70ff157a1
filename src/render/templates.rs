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

/// Built-in templates: `(file name, text)`.
const BUILTIN: &[(&str, &str)] = &[
    ("common.typ", include_str!("../../templates/common.typ")),
    (
        "programme.typ",
        include_str!("../../templates/programme.typ"),
    ),
    (
        "agreement.typ",
        include_str!("../../templates/agreement.typ"),
    ),
    ("consent.typ", include_str!("../../templates/consent.typ")),
    (
        "inspection.typ",
        include_str!("../../templates/inspection.typ"),
    ),
    ("journal.typ", include_str!("../../templates/journal.typ")),
    ("card.typ", include_str!("../../templates/card.typ")),
    ("outcome.typ", include_str!("../../templates/outcome.typ")),
    (
        "case-indicators.typ",
        include_str!("../../templates/case-indicators.typ"),
    ),
    (
        "final-report.typ",
        include_str!("../../templates/final-report.typ"),
    ),
    ("protocol.typ", include_str!("../../templates/protocol.typ")),
    ("report.typ", include_str!("../../templates/report.typ")),
    (
        "indicators.typ",
        include_str!("../../templates/indicators.typ"),
    ),
    ("base.html", include_str!("../../templates/base.html")),
    ("index.html", include_str!("../../templates/index.html")),
    ("case.html", include_str!("../../templates/case.html")),
    ("agenda.html", include_str!("../../templates/agenda.html")),
    (
        "programme.html",
        include_str!("../../templates/programme.html"),
    ),
    (
        "agreement.html",
        include_str!("../../templates/agreement.html"),
    ),
    ("consent.html", include_str!("../../templates/consent.html")),
    (
        "inspection.html",
        include_str!("../../templates/inspection.html"),
    ),
    ("journal.html", include_str!("../../templates/journal.html")),
    ("card.html", include_str!("../../templates/card.html")),
    ("outcome.html", include_str!("../../templates/outcome.html")),
    (
        "case-indicators.html",
        include_str!("../../templates/case-indicators.html"),
    ),
    (
        "final-report.html",
        include_str!("../../templates/final-report.html"),
    ),
    (
        "protocol.html",
        include_str!("../../templates/protocol.html"),
    ),
    ("report.html", include_str!("../../templates/report.html")),
    (
        "indicators.html",
        include_str!("../../templates/indicators.html"),
    ),
    (
        "dashboard.html",
        include_str!("../../templates/dashboard.html"),
    ),
    ("pack.html", include_str!("../../templates/pack.html")),
    ("style.css", include_str!("../../templates/style.css")),
];

/// Folder of a case repository with template overrides.
pub const TEMPLATES_DIR: &str = "templates";

/// The templates of one build: built-ins with the repository's overrides applied.
#[derive(Debug, Clone)]
pub struct Templates {
    files: BTreeMap<&'static str, Cow<'static, str>>,
    overridden: Vec<PathBuf>,
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
        }
    }

    /// Built-ins, each replaced by `root/templates/<name>` when that file exists.
    pub fn load(root: &Path) -> io::Result<Templates> {
        let mut templates = Templates::builtin();
        for (name, text) in templates.files.iter_mut() {
            let path = root.join(TEMPLATES_DIR).join(name);
            match fs::read_to_string(&path) {
                Ok(own) => {
                    if own != *text {
                        templates
                            .overridden
                            .push(Path::new(TEMPLATES_DIR).join(name));
                    }
                    *text = Cow::Owned(own);
                }
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(io::Error::new(e.kind(), format!("{}: {e}", path.display()))),
            }
        }
        Ok(templates)
    }

    /// Every template, `(name, text)`, in name order.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &str)> {
        self.files.iter().map(|(name, text)| (*name, text.as_ref()))
    }

    /// One template's text.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.files.get(name).map(|t| t.as_ref())
    }

    /// Repository files that differ from the built-ins (for the build summary and manifests).
    pub fn overridden(&self) -> &[PathBuf] {
        &self.overridden
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
