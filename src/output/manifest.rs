//! The build manifest: what each file in the output folder was made from, so that a rebuild
//! renders and writes only what changed and removes the outputs of removed cases.
//!
//! An output's key is a hash of everything it is made from — kurator itself, the templates,
//! the options that reach it and the document's view (which is computed from the case, meeting
//! and calendar files and kurator.yaml on every build, and is cheap). Hashing the view rather
//! than listing input files is exact: a protocol whose families' decisions did not change is
//! not rebuilt when a visit is added to one of those families.
//!
//! Crash safety: every file is written to `.kurator-tmp/` in the output folder as it renders,
//! and renamed into place once all have rendered; before anything is replaced the manifest
//! forgets the outputs about to change, and it learns their new keys only after they are all
//! in place. A build killed at any moment leaves
//! complete files only, each either the previous build's or the new one, and a manifest that
//! never vouches for a file it does not describe.

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The manifest's file name in the output folder.
pub const FILE: &str = ".kurator-build.json";
/// Where files are written before they are renamed into place.
pub const TEMP_DIR: &str = ".kurator-tmp";

/// What each output was made from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// kurator's version that wrote it.
    pub kurator: String,
    /// Output path (relative to the output folder, `/`-separated) → what it was made from.
    pub outputs: BTreeMap<String, Entry>,
}

/// One output's record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Hash of everything the output is made from.
    pub key: String,
    /// The case-repository files it is made from, for people reading the manifest.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
}

impl Manifest {
    /// The manifest of `out`; an empty one when there is none or it does not parse (then
    /// everything is rebuilt, and nothing is removed).
    pub fn read(out: &Path) -> Manifest {
        fs::read(out.join(FILE))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// Whether `path` in `out` is what `key` describes and is still there.
    pub fn is_current(&self, out: &Path, path: &str, key: &str) -> bool {
        self.outputs.get(path).is_some_and(|e| e.key == key) && out.join(path).is_file()
    }

    fn write(&self, writer: &Writer) -> io::Result<()> {
        let mut bytes = serde_json::to_vec_pretty(self).map_err(io::Error::other)?;
        bytes.push(b'\n');
        writer.write(FILE, &bytes)
    }
}

/// A key: the SHA-256 of the parts, each length-prefixed so that parts cannot run together.
pub fn key<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part);
    }
    format!("{:x}", hasher.finalize())
}

/// Writes files into an output folder through its temporary folder.
pub struct Writer {
    out: PathBuf,
    temp: PathBuf,
}

impl Writer {
    /// A writer into `out`; temporary files a killed build left behind are removed.
    pub fn new(out: &Path) -> io::Result<Writer> {
        let temp = out.join(TEMP_DIR);
        match fs::remove_dir_all(&temp) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
        fs::create_dir_all(&temp)?;
        Ok(Writer {
            out: out.to_owned(),
            temp,
        })
    }

    fn temp_file(&self, path: &str) -> PathBuf {
        self.temp.join(key([path.as_bytes()]))
    }

    /// Writes the new content of `path` (relative to the output folder) into the temporary
    /// folder, where it waits for [`Writer::replace`]: memory holds one output at a time, and
    /// nothing in the output folder changes until every output has rendered.
    pub fn stage(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        let mut file = fs::File::create(self.temp_file(path))?;
        file.write_all(bytes)?;
        file.sync_data()
    }

    /// Moves a staged file into place by a rename, so the file is either the old one or the
    /// new one, never part of either.
    fn place(&self, path: &str) -> io::Result<()> {
        let target = self.out.join(path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::rename(self.temp_file(path), &target)
    }

    /// Writes `bytes` to `path` at once (staged and placed).
    pub fn write(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        self.stage(path, bytes)?;
        self.place(path)
    }

    /// Replaces the outputs: the `staged` files are placed, outputs of `old` that `new` does
    /// not list are removed, and `new` becomes the manifest — in the order that keeps a killed
    /// build safe (see the module comment). Returns how many files were removed.
    pub fn replace(&self, old: &Manifest, new: &Manifest, staged: &[String]) -> io::Result<usize> {
        let mut interim = old.clone();
        for path in staged {
            interim.outputs.remove(path);
        }
        interim
            .outputs
            .retain(|path, _| new.outputs.contains_key(path));
        if interim != *old {
            interim.write(self)?;
        }
        for path in staged {
            self.place(path)?;
        }
        let mut removed = 0;
        for path in old.outputs.keys().filter(|p| !new.outputs.contains_key(*p)) {
            let full = self.out.join(path);
            match fs::remove_file(&full) {
                Ok(()) => removed += 1,
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(e),
            }
            remove_empty_parents(&self.out, &full);
        }
        if new != old {
            new.write(self)?;
        }
        Ok(removed)
    }
}

impl Drop for Writer {
    /// After a failed build the staged files are not wanted; after a good one none are left.
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.temp);
    }
}

/// Removes the folders of a removed output that became empty, up to the output folder.
fn remove_empty_parents(out: &Path, file: &Path) {
    let mut dir = file.parent();
    while let Some(d) = dir.filter(|d| *d != out && d.starts_with(out)) {
        if fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outputs_are_replaced_and_removed_and_the_manifest_follows() {
        let out = tempfile::tempdir().unwrap();
        let entry = |key: &str| Entry {
            key: key.to_owned(),
            sources: Vec::new(),
        };
        let writer = Writer::new(out.path()).unwrap();
        let mut first = Manifest::default();
        first.outputs.insert("a/x.html".into(), entry("1"));
        first.outputs.insert("b/y.html".into(), entry("2"));
        writer.stage("a/x.html", b"x").unwrap();
        writer.stage("b/y.html", b"y").unwrap();
        let staged = ["a/x.html".to_owned(), "b/y.html".to_owned()];
        assert!(
            !out.path().join("a/x.html").exists(),
            "nothing placed before replace"
        );
        writer
            .replace(&Manifest::default(), &first, &staged)
            .unwrap();
        assert_eq!(Manifest::read(out.path()), first);
        assert!(first.is_current(out.path(), "a/x.html", "1"));
        assert!(!first.is_current(out.path(), "a/x.html", "9"));

        let mut second = Manifest::default();
        second.outputs.insert("a/x.html".into(), entry("3"));
        writer.stage("a/x.html", b"x2").unwrap();
        let removed = writer
            .replace(&first, &second, &["a/x.html".to_owned()])
            .unwrap();
        assert_eq!(removed, 1);
        assert!(!out.path().join("b").exists(), "empty folder removed");
        assert_eq!(fs::read(out.path().join("a/x.html")).unwrap(), b"x2");
        assert_eq!(Manifest::read(out.path()), second);
        drop(writer);
        assert!(!out.path().join(TEMP_DIR).exists());
    }
}
