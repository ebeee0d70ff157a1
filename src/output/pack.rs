//! A quarterly pack on disk: a folder of documents with `manifest.json`, and a ZIP of it.
//!
//! The folder is written beside its old self and swapped in by renames, so a failed or killed
//! run leaves the previous pack whole; the ZIP is written atomically. Nothing in either depends
//! on the clock: the same commit gives the same bytes.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use serde::Serialize;
use sha2::{Digest, Sha256};

/// One file of a pack.
#[derive(Debug, Clone)]
pub struct PackFile {
    /// File name inside the pack folder.
    pub name: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

/// What a pack was made from, for its manifest.
#[derive(Debug, Clone, Serialize)]
pub struct Source {
    /// Period id, e.g. `2025-Q1`.
    pub period: String,
    /// Its Russian name.
    pub label: String,
    /// The commit of the case repository, when it is a git repository with one.
    pub commit: Option<String>,
    /// Whether uncommitted changes went in (`--allow-dirty`).
    pub uncommitted_changes: bool,
    /// Whether personal data was removed (`--anonymise`).
    pub anonymised: bool,
    /// kurator's version.
    pub kurator: &'static str,
}

#[derive(Serialize)]
struct Manifest<'a> {
    #[serde(flatten)]
    source: &'a Source,
    files: Vec<Entry<'a>>,
}

#[derive(Serialize)]
struct Entry<'a> {
    file: &'a str,
    sha256: String,
    bytes: usize,
}

/// The name of the manifest inside a pack.
pub const MANIFEST: &str = "manifest.json";

/// `manifest.json` for the files (which must not include it).
pub fn manifest(source: &Source, files: &[PackFile]) -> PackFile {
    let mut sorted: Vec<&PackFile> = files.iter().collect();
    sorted.sort_by(|a, b| a.name.cmp(&b.name));
    let manifest = Manifest {
        source,
        files: sorted
            .into_iter()
            .map(|f| Entry {
                file: &f.name,
                sha256: hex(&Sha256::digest(&f.bytes)),
                bytes: f.bytes.len(),
            })
            .collect(),
    };
    let mut bytes = serde_json::to_vec_pretty(&manifest).expect("a manifest serialises");
    bytes.push(b'\n');
    PackFile {
        name: MANIFEST.to_owned(),
        bytes,
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Writes `dir/<name>/` with the files (sorted by name) and `dir/<name>.zip` holding them
/// under `<name>/`. Returns the folder and the ZIP.
pub fn write(dir: &Path, name: &str, mut files: Vec<PackFile>) -> io::Result<(PathBuf, PathBuf)> {
    files.sort_by(|a, b| a.name.cmp(&b.name));
    fs::create_dir_all(dir)?;
    let folder = dir.join(name);
    let pid = std::process::id();
    let fresh = dir.join(format!(".{name}.{pid}.new"));
    let old = dir.join(format!(".{name}.{pid}.old"));
    if fresh.exists() {
        fs::remove_dir_all(&fresh)?;
    }
    fs::create_dir_all(&fresh)?;
    for f in &files {
        crate::output::write_atomic(&fresh.join(&f.name), &f.bytes)?;
    }
    if folder.exists() {
        fs::rename(&folder, &old)?;
    }
    fs::rename(&fresh, &folder)?;
    if old.exists() {
        fs::remove_dir_all(&old)?;
    }
    let entries: Vec<(String, &[u8])> = files
        .iter()
        .map(|f| (format!("{name}/{}", f.name), f.bytes.as_slice()))
        .collect();
    let zip = super::zip::archive(entries.iter().map(|(n, b)| (n.as_str(), *b)));
    let zip_path = dir.join(format!("{name}.zip"));
    crate::output::write_atomic(&zip_path, &zip)?;
    Ok((folder, zip_path))
}
