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

/// Escapes text for HTML and SVG (XML) content and attribute values: the five characters that
/// could end a text or an attribute. Tera's autoescape does this for templates; this is for markup
/// written in Rust (charts, the preview's pages).
pub(crate) fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
