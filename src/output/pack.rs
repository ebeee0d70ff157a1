//! A quarterly pack on disk: a folder of documents with `manifest.json`, and a ZIP of it.
//!
//! The folder is written beside its old self and swapped in by renames, so a failed or killed
//! run leaves the previous pack whole; the ZIP is written atomically. Nothing in either depends
//! on the clock: the same commit gives the same bytes. A pack replaces only what kurator
//! recorded writing (see [`write`]).

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::folder::{Existing, OutFolder, check_relative, existing, read_regular, refused, sha256};

/// One file of a pack.
#[derive(Debug, Clone)]
pub struct PackFile {
    /// File name inside the pack folder.
    pub name: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

impl PackFile {
    /// `style.css` of the templates, which every HTML page of a pack links.
    pub fn style(templates: &crate::render::templates::Templates) -> PackFile {
        PackFile {
            name: "style.css".to_owned(),
            bytes: templates
                .get("style.css")
                .unwrap_or_default()
                .as_bytes()
                .to_vec(),
        }
    }
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
                sha256: sha256(&f.bytes),
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

/// Where kurator records the ZIPs it wrote in the packs folder (a ZIP cannot list its own hash).
const RECORDS: &str = ".kurator-packs.json";
/// Largest file of an earlier pack read back to recognise its ZIP (a 10,000-family journal
/// PDF is far below it).
const MAX_PACK_FILE_BYTES: u64 = 1024 * 1024 * 1024;
/// Largest manifest or record read back.
const MAX_RECORD_BYTES: u64 = 64 * 1024 * 1024;

/// The SHA-256 of a ZIP kurator wrote, and of the one it is about to write.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct ZipRecord {
    sha256: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pending: Option<String>,
}

/// Writes `packs/<name>/` in the output folder with the files (sorted by name) and
/// `packs/<name>.zip` holding them under `<name>/`. Returns the folder and the ZIP.
///
/// The previous pack is replaced only if it is kurator's: every file of its folder is listed
/// with its hash in its `manifest.json`, and its ZIP has the hash recorded in `.kurator-packs.json`;
/// anything else there stops the run before any change. The folder is built beside as
/// `.<name>.new` and swapped in by renames; leftovers of a killed run are cleaned up first.
pub fn write(
    out: &OutFolder,
    name: &str,
    mut files: Vec<PackFile>,
) -> io::Result<(PathBuf, PathBuf)> {
    files.sort_by(|a, b| a.name.cmp(&b.name));
    let folder = out.dir_for(&format!("packs/{name}"), true)?;
    let dir = folder
        .parent()
        .expect("a pack folder is inside packs/")
        .to_owned();
    let fresh = dir.join(format!(".{name}.new"));
    let old = dir.join(format!(".{name}.old"));
    clean_leftovers(&dir, name, &folder, &old)?;
    let zip_path = dir.join(format!("{name}.zip"));
    let mut records = read_records(&dir)?;
    let mut foreign = previous_folder_foreign(&folder)?;
    let zip_now = match existing(&zip_path)? {
        Existing::Missing => String::new(),
        Existing::File(hash) if records.get(name).is_some_and(|r| r.vouches_for(&hash)) => hash,
        // A ZIP from before the records: kurator's if it is the archive of the folder beside.
        Existing::File(hash)
            if foreign.is_empty() && archive_of(&folder, name)?.as_ref() == Some(&hash) =>
        {
            hash
        }
        _ => {
            foreign.push(format!("{name}.zip"));
            String::new()
        }
    };
    if !foreign.is_empty() {
        return Err(refused(format!(
            "в папке пакетов {} есть файлы, которых kurator не записывал (или их изменили \
             после сборки): {}. Пакет не собран, ничего не удалено: перенесите их в другое место",
            dir.display(),
            foreign.join(", ")
        )));
    }
    let entries: Vec<(String, &[u8])> = files
        .iter()
        .map(|f| (format!("{name}/{}", f.name), f.bytes.as_slice()))
        .collect();
    let zip = super::zip::archive(entries.iter().map(|(n, b)| (n.as_str(), *b)));
    // Until the new ZIP is in place, the record vouches for the one there now and the new one.
    records.insert(
        name.to_owned(),
        ZipRecord {
            sha256: zip_now,
            pending: Some(sha256(&zip)),
        },
    );
    write_records(&dir, &records)?;

    fs::create_dir(&fresh)?;
    for f in &files {
        check_relative(&f.name).map_err(io::Error::other)?;
        let mut file = fs::File::create_new(fresh.join(&f.name))?;
        file.write_all(&f.bytes)?;
        file.sync_data()?;
    }
    if folder.exists() {
        fs::rename(&folder, &old)?;
    }
    fs::rename(&fresh, &folder)?;
    if old.exists() {
        fs::remove_dir_all(&old)?;
    }
    crate::output::write_atomic(&zip_path, &zip)?;
    records.insert(
        name.to_owned(),
        ZipRecord {
            sha256: sha256(&zip),
            pending: None,
        },
    );
    write_records(&dir, &records)?;
    Ok((folder, zip_path))
}

impl ZipRecord {
    fn vouches_for(&self, hash: &str) -> bool {
        self.sha256 == hash || self.pending.as_deref() == Some(hash)
    }
}

/// Removes what a killed run of this pack left: the folders `.<name>.new`, `.<name>.old` (and
/// `.<name>.<pid>.new/old` of earlier versions) and the temporary files of its ZIP and records
/// (`.<file>.<pid>.tmp`); a previous pack caught mid-swap is put back first. Only these
/// reserved names are touched, and only when they are what kurator makes there.
fn clean_leftovers(dir: &Path, name: &str, folder: &Path, old: &Path) -> io::Result<()> {
    if !folder.exists() && existing(old)? == Existing::Folder {
        fs::rename(old, folder)?;
    }
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    let folder_prefix = format!(".{name}.");
    let temp_prefixes = [format!(".{name}.zip."), format!(".{RECORDS}.")];
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let file = entry.file_name().to_string_lossy().into_owned();
        let temp_file = temp_prefixes.iter().any(|prefix| {
            file.strip_prefix(prefix.as_str())
                .and_then(|rest| rest.strip_suffix(".tmp"))
                .is_some_and(|pid| !pid.is_empty() && digits(pid))
        });
        let swap_folder = file
            .strip_prefix(&folder_prefix)
            .and_then(|rest| {
                rest.strip_suffix("new")
                    .or_else(|| rest.strip_suffix("old"))
            })
            .is_some_and(|middle| middle.is_empty() || digits(middle.trim_end_matches('.')));
        match existing(&entry.path())? {
            Existing::Folder if swap_folder => fs::remove_dir_all(entry.path())?,
            // A link with a temporary name is removed too: writing would follow it.
            Existing::File(_) | Existing::Other(_) if temp_file => fs::remove_file(entry.path())?,
            _ => {}
        }
    }
    Ok(())
}

/// The files of the previous pack folder that its own manifest does not vouch for.
fn previous_folder_foreign(folder: &Path) -> io::Result<Vec<String>> {
    match existing(folder)? {
        Existing::Missing => return Ok(Vec::new()),
        Existing::Folder => {}
        _ => return Ok(vec![folder.display().to_string()]),
    }
    #[derive(Deserialize)]
    struct Listed {
        file: String,
        sha256: String,
    }
    #[derive(Deserialize)]
    struct Previous {
        files: Vec<Listed>,
    }
    let listed: BTreeMap<String, String> = read_regular(&folder.join(MANIFEST), MAX_RECORD_BYTES)?
        .and_then(|bytes| serde_json::from_slice::<Previous>(&bytes).ok())
        .map(|p| p.files.into_iter().map(|f| (f.file, f.sha256)).collect())
        .unwrap_or_default();
    let mut foreign = Vec::new();
    for entry in fs::read_dir(folder)? {
        let entry = entry?;
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let ours = match existing(&entry.path())? {
            Existing::File(_) if file_name == MANIFEST && !listed.is_empty() => true,
            Existing::File(hash) => listed.get(&file_name) == Some(&hash),
            _ => false,
        };
        if !ours {
            let parent = folder.file_name().unwrap_or_default().to_string_lossy();
            foreign.push(format!("{parent}/{file_name}"));
        }
    }
    foreign.sort();
    Ok(foreign)
}

/// The SHA-256 of the ZIP kurator would make of the pack folder as it is (its files read
/// without following a link; one that is not a regular file makes it no pack of kurator's).
fn archive_of(folder: &Path, name: &str) -> io::Result<Option<String>> {
    if existing(folder)? != Existing::Folder {
        return Ok(None);
    }
    let mut entries = Vec::new();
    for entry in fs::read_dir(folder)? {
        let entry = entry?;
        let file = entry.file_name().to_string_lossy().into_owned();
        let Some(bytes) = read_regular(&entry.path(), MAX_PACK_FILE_BYTES)? else {
            return Ok(None);
        };
        entries.push((format!("{name}/{file}"), bytes));
    }
    entries.sort();
    let zip = super::zip::archive(entries.iter().map(|(n, b)| (n.as_str(), b.as_slice())));
    Ok(Some(sha256(&zip)))
}

fn read_records(dir: &Path) -> io::Result<BTreeMap<String, ZipRecord>> {
    Ok(read_regular(&dir.join(RECORDS), MAX_RECORD_BYTES)?
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default())
}

fn write_records(dir: &Path, records: &BTreeMap<String, ZipRecord>) -> io::Result<()> {
    let mut bytes = serde_json::to_vec_pretty(records).map_err(io::Error::other)?;
    bytes.push(b'\n');
    crate::output::write_atomic(&dir.join(RECORDS), &bytes)
}
