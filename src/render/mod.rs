//! Rendering: documents to PDF (Typst) and to a static HTML site (Tera).
//!
//! Both read the same document views (`crate::documents`), so a document's HTML page mirrors
//! its PDF; templates come from `templates` (built in, overridable per repository).

pub mod budget;
pub mod fonts;
pub mod html;
pub mod pdf;
pub mod svg;
pub mod templates;
mod tera_recursion;

use std::path::{Path, PathBuf};

/// How many `../` lead from a file at `path` (relative to the output folder) back to its root.
pub fn root_prefix(path: &Path) -> String {
    let depth = path.parent().map_or(0, |p| p.components().count());
    "../".repeat(depth)
}

/// A file name with an extension added: `cases/1/договор` + `pdf` → `cases/1/договор.pdf`.
pub fn with_extension(path: &Path, extension: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".");
    name.push(extension);
    path.with_file_name(name)
}
