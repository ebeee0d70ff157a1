//! The build manifest: what each file in the output folder was made from, so that a rebuild
//! renders and writes only what changed and removes the outputs of removed cases — and what
//! each file's content was when kurator wrote it, so that kurator never replaces or removes a
//! file it did not write.
//!
//! An output's key is a hash of everything it is made from — kurator itself, the templates,
//! the options that reach it and the document's view (which is computed from the case, meeting
//! and calendar files and kurator.yaml on every build, and is cheap). Hashing the view rather
//! than listing input files is exact: a protocol whose families' decisions did not change is
//! not rebuilt when a visit is added to one of those families.
//!
//! Ownership: the manifest lies in the output folder, which may come from a repository's
//! history, so it is evidence, not authority. A path it names is used only if it stays inside
//! the folder ([`check_relative`]), and a file there is replaced or removed only if its SHA-256
//! is the one recorded for it. Anything else in the way of an output stops the build before
//! anything is written (`--overwrite` lets staff allow regular files to be replaced; symlinks
//! never); an output no longer wanted whose content kurator did not write is left in place.
//!
//! Crash safety: every file is written to `.kurator-tmp/` in the output folder as it renders,
//! and renamed into place once all have rendered; before anything is replaced the manifest
//! records, for each output about to change, both the content there now and the new one
//! (`pending`), keeps vouching for the outputs about to be removed, and learns the new keys
//! only after they are all in place. A build killed at any moment
//! leaves complete files only, each either the previous build's or the new one, and a manifest
//! that vouches for each of them — so the next build carries on without calling them foreign.

use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::folder::{Existing, OutFolder, check_relative, existing, read_regular, refused, sha256};

/// The manifest's file name in the output folder.
pub const FILE: &str = ".kurator-build.json";
/// Where files are written before they are renamed into place.
pub const TEMP_DIR: &str = ".kurator-tmp";
/// Largest manifest read: 10,000 families make about 20 MB.
const MAX_MANIFEST_BYTES: u64 = 256 * 1024 * 1024;

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
    /// SHA-256 of the file as kurator wrote it (empty: not known, so the file is not vouched for).
    #[serde(default)]
    pub sha256: String,
    /// SHA-256 of the content about to replace it, while a build places its outputs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending: Option<String>,
    /// Which format made it: a build of the other format leaves it alone.
    #[serde(default)]
    pub format: Format,
    /// The case-repository files it is made from, for people reading the manifest.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
}

/// The format an output belongs to (`build --format`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// A PDF document.
    Pdf,
    /// A page of the site, or its style sheet.
    #[default]
    Html,
    /// Machine-readable figures (`figures.json`): every build writes them, whatever the format.
    Data,
}

impl Entry {
    /// A new output's record; its SHA-256 is filled in when it is staged.
    pub fn new(key: String, format: Format, sources: Vec<String>) -> Entry {
        Entry {
            key,
            sha256: String::new(),
            pending: None,
            format,
            sources,
        }
    }

    /// Whether a file with this content is one kurator recorded writing here.
    fn vouches_for(&self, hash: &str) -> bool {
        (!self.sha256.is_empty() && self.sha256 == hash) || self.pending.as_deref() == Some(hash)
    }
}

impl Manifest {
    /// The manifest of `out`: empty when there is none or it does not parse (then nothing in
    /// the folder is vouched for). A manifest that names a path outside the folder, or that is
    /// a link or a special file, is refused: it was not written by kurator.
    pub fn read(out: &OutFolder) -> io::Result<Manifest> {
        let path = out.path().join(FILE);
        // Too big to be kurator's is as good as unreadable: nothing in the folder is vouched for.
        let Some(bytes) = read_regular(&path, MAX_MANIFEST_BYTES)? else {
            return Ok(Manifest::default());
        };
        let Ok(manifest) = serde_json::from_slice::<Manifest>(&bytes) else {
            return Ok(Manifest::default());
        };
        for rel in manifest.outputs.keys() {
            if let Err(why) = check_relative(rel) {
                return Err(refused(format!(
                    "{}: {why}. Этот файл записан не kurator (возможно, попал в git вместе с \
                     папкой результата); по нему ничего не удалено. Удалите его — kurator \
                     соберёт всё заново",
                    path.display()
                )));
            }
        }
        Ok(manifest)
    }

    /// Whether `path` in `out` is what `key` describes and is still there.
    pub fn is_current(&self, out: &OutFolder, path: &str, key: &str) -> bool {
        self.outputs
            .get(path)
            .is_some_and(|e| e.key == key && e.pending.is_none() && !e.sha256.is_empty())
            && fs::symlink_metadata(out.path().join(path)).is_ok_and(|m| m.is_file())
    }

    /// Whether kurator may replace or remove what is at `path` now.
    fn owns(&self, path: &str, now: &Existing) -> bool {
        match now {
            Existing::Missing => true,
            Existing::File(hash) => self.outputs.get(path).is_some_and(|e| e.vouches_for(hash)),
            Existing::Folder | Existing::Other(_) => false,
        }
    }
}

/// A key: the SHA-256 of the parts, each length-prefixed so that parts cannot run together.
pub fn key<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> String {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part);
    }
    format!("{:x}", hasher.finalize())
}

/// Outputs in the way that kurator may not replace, each with what is there.
pub type Foreign = Vec<(String, Existing)>;

/// Writes files into an output folder through its temporary folder.
pub struct Writer<'a> {
    out: &'a OutFolder,
    temp: PathBuf,
    overwrite: bool,
}

impl<'a> Writer<'a> {
    /// A writer into `out`; temporary files a killed build left behind are removed. With
    /// `overwrite`, regular files kurator did not write may be replaced.
    pub fn new(out: &'a OutFolder, overwrite: bool) -> io::Result<Writer<'a>> {
        let temp = out.path().join(TEMP_DIR);
        match existing(&temp)? {
            Existing::Missing => {}
            Existing::Folder => fs::remove_dir_all(&temp)?,
            Existing::File(_) => {
                return Err(refused(format!(
                    "{} — файл, а не временная папка kurator; удалите его",
                    temp.display()
                )));
            }
            Existing::Other(what) => {
                return Err(refused(format!(
                    "{} — {what}, а не временная папка kurator; удалите её",
                    temp.display()
                )));
            }
        }
        fs::create_dir(&temp)?;
        Ok(Writer {
            out,
            temp,
            overwrite,
        })
    }

    fn temp_file(&self, path: &str) -> PathBuf {
        self.temp.join(key([path.as_bytes()]))
    }

    /// Writes the new content of `path` (relative to the output folder) into the temporary
    /// folder, where it waits for [`Writer::replace`]: memory holds one output at a time, and
    /// nothing in the output folder changes until every output has rendered. Returns the
    /// content's SHA-256 for the manifest.
    pub fn stage(&self, path: &str, bytes: &[u8]) -> io::Result<String> {
        check_relative(path).map_err(refused)?;
        let mut file = fs::File::create_new(self.temp_file(path))?;
        file.write_all(bytes)?;
        file.sync_data()?;
        Ok(sha256(bytes))
    }

    /// Moves a staged file into place by a rename, so the file is either the old one or the
    /// new one, never part of either; no folder on the way may be a link.
    fn place(&self, path: &str) -> io::Result<()> {
        let target = self.out.dir_for(path, true)?;
        fs::rename(self.temp_file(path), &target)
    }

    /// The outputs in the way of `paths` (about to be written): what is there that kurator may
    /// not replace. Checked before rendering, and again before anything is written.
    pub fn foreign<'p>(
        &self,
        old: &Manifest,
        paths: impl IntoIterator<Item = &'p str>,
    ) -> io::Result<Foreign> {
        Ok(self.inspect(old, paths)?.1)
    }

    /// What is at each of `paths` now, and which of them kurator may not replace: a regular
    /// file only if the manifest vouches for it (or with `--overwrite`); never anything else.
    fn inspect<'p>(
        &self,
        old: &Manifest,
        paths: impl IntoIterator<Item = &'p str>,
    ) -> io::Result<(BTreeMap<String, Existing>, Foreign)> {
        let (mut now, mut foreign) = (BTreeMap::new(), Vec::new());
        for path in paths {
            let there = self.out.existing(path)?;
            let allowed = match &there {
                Existing::File(_) => self.overwrite || old.owns(path, &there),
                _ => old.owns(path, &there),
            };
            if !allowed {
                foreign.push((path.to_owned(), there.clone()));
            }
            now.insert(path.to_owned(), there);
        }
        Ok((now, foreign))
    }

    /// Replaces the outputs: the `staged` files (path → SHA-256) are placed, outputs of `old`
    /// that `new` does not list are removed, and `new` (with the staged hashes filled in)
    /// becomes the manifest — in the order that keeps a killed build safe (see the module
    /// comment). A file in the way of a staged one that kurator did not write stops it before
    /// any change; an output no longer wanted whose content kurator did not write is left
    /// where it is (`--overwrite` never deletes) and returned, to be named in a warning.
    /// Returns how many files were removed, and those left.
    pub fn replace(
        &self,
        old: &Manifest,
        new: &mut Manifest,
        staged: &BTreeMap<String, String>,
    ) -> io::Result<(usize, Vec<String>)> {
        let (now, foreign) = self.inspect(old, staged.keys().map(String::as_str))?;
        if !foreign.is_empty() {
            return Err(foreign_error(self.out.path(), &foreign));
        }
        let mut removed = Vec::new();
        let mut left = Vec::new();
        for path in old.outputs.keys().filter(|p| !new.outputs.contains_key(*p)) {
            match self.out.existing(path)? {
                Existing::Missing => {}
                there if old.owns(path, &there) => removed.push(path.as_str()),
                _ => left.push(path.clone()),
            }
        }
        for (path, hash) in staged {
            if let Some(entry) = new.outputs.get_mut(path) {
                entry.sha256 = hash.clone();
            }
        }
        // Until the last rename, the manifest vouches for each staged path both for what is
        // there now and for what is coming, and still for the outputs about to be removed.
        let mut interim = old.clone();
        for (path, hash) in staged {
            let format = new.outputs.get(path).map(|e| e.format).unwrap_or_default();
            let entry = interim
                .outputs
                .entry(path.clone())
                .or_insert_with(|| Entry::new(String::new(), format, Vec::new()));
            entry.key = String::new();
            entry.sha256 = match &now[path] {
                Existing::File(there) => there.clone(),
                _ => String::new(),
            };
            entry.pending = Some(hash.clone());
        }
        if interim != *old {
            self.write_manifest(&interim)?;
        }
        for path in staged.keys() {
            self.place(path)?;
        }
        for path in &removed {
            let full = self.out.dir_for(path, false)?;
            match fs::remove_file(&full) {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(e),
            }
            remove_empty_parents(self.out.path(), &full);
        }
        if *new != *old {
            self.write_manifest(new)?;
        }
        Ok((removed.len(), left))
    }

    /// Writes the manifest through the temporary folder and a rename.
    fn write_manifest(&self, manifest: &Manifest) -> io::Result<()> {
        let mut bytes = serde_json::to_vec_pretty(manifest).map_err(io::Error::other)?;
        bytes.push(b'\n');
        let temp = self.temp.join(FILE);
        let mut file = fs::File::create(&temp)?;
        file.write_all(&bytes)?;
        file.sync_data()?;
        fs::rename(&temp, self.out.path().join(FILE))
    }
}

impl Drop for Writer<'_> {
    /// After a failed build the staged files are not wanted; after a good one none are left.
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.temp);
    }
}

/// The message for files in the way: what they are and what staff can do.
pub fn foreign_error(out: &Path, foreign: &[(String, Existing)]) -> io::Error {
    let mut lines = Vec::new();
    for (path, now) in foreign.iter().take(20) {
        lines.push(match now {
            Existing::Other(what) => format!(
                "  {path} — {what}: kurator не пишет через ссылки и не заменяет такое; удалите"
            ),
            Existing::Folder => format!("  {path} — папка там, где kurator пишет файл"),
            _ => format!("  {path}"),
        });
    }
    if foreign.len() > 20 {
        lines.push(format!("  … и ещё {}", foreign.len() - 20));
    }
    refused(format!(
        "в папке результата {} есть файлы, которых kurator не записывал (или их изменили после \
         сборки); они не заменены и не удалены, сборка остановлена:\n{}\n\
         Перенесите их в другое место или, если их можно заменить, запустите снова с --overwrite",
        out.display(),
        lines.join("\n")
    ))
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

    fn entry(key: &str) -> Entry {
        Entry::new(key.to_owned(), Format::Html, Vec::new())
    }

    #[test]
    fn outputs_are_replaced_and_removed_and_the_manifest_follows() {
        let dir = testdir::tempdir().unwrap();
        let out = OutFolder::open(dir.path(), dir.path()).unwrap();
        let writer = Writer::new(&out, false).unwrap();
        let mut first = Manifest::default();
        first.outputs.insert("a/x.html".into(), entry("1"));
        first.outputs.insert("b/y.html".into(), entry("2"));
        let staged: BTreeMap<String, String> = [
            (
                "a/x.html".to_owned(),
                writer.stage("a/x.html", b"x").unwrap(),
            ),
            (
                "b/y.html".to_owned(),
                writer.stage("b/y.html", b"y").unwrap(),
            ),
        ]
        .into();
        assert!(
            !dir.path().join("a/x.html").exists(),
            "nothing placed before replace"
        );
        writer
            .replace(&Manifest::default(), &mut first, &staged)
            .unwrap();
        assert_eq!(Manifest::read(&out).unwrap(), first);
        assert_eq!(first.outputs["a/x.html"].sha256, sha256(b"x"));
        assert!(first.is_current(&out, "a/x.html", "1"));
        assert!(!first.is_current(&out, "a/x.html", "9"));

        let mut second = Manifest::default();
        second.outputs.insert("a/x.html".into(), entry("3"));
        let staged = [(
            "a/x.html".to_owned(),
            writer.stage("a/x.html", b"x2").unwrap(),
        )]
        .into();
        let (removed, _) = writer.replace(&first, &mut second, &staged).unwrap();
        assert_eq!(removed, 1);
        assert!(!dir.path().join("b").exists(), "empty folder removed");
        assert_eq!(fs::read(dir.path().join("a/x.html")).unwrap(), b"x2");
        assert_eq!(Manifest::read(&out).unwrap(), second);
        drop(writer);
        assert!(!dir.path().join(TEMP_DIR).exists());
    }

    #[test]
    fn a_file_with_other_content_is_neither_replaced_nor_removed() {
        let dir = testdir::tempdir().unwrap();
        let out = OutFolder::open(dir.path(), dir.path()).unwrap();
        let writer = Writer::new(&out, false).unwrap();
        let mut first = Manifest::default();
        first.outputs.insert("x.html".into(), entry("1"));
        first.outputs.insert("y.html".into(), entry("1"));
        let staged = [
            ("x.html".to_owned(), writer.stage("x.html", b"x").unwrap()),
            ("y.html".to_owned(), writer.stage("y.html", b"y").unwrap()),
        ]
        .into();
        writer
            .replace(&Manifest::default(), &mut first, &staged)
            .unwrap();
        fs::write(dir.path().join("y.html"), "правка").unwrap();
        // y.html is no longer wanted, but its content is not what kurator wrote: left.
        let mut second = Manifest::default();
        second
            .outputs
            .insert("x.html".into(), first.outputs["x.html"].clone());
        let (removed, left) = writer
            .replace(&first, &mut second, &BTreeMap::new())
            .unwrap();
        assert_eq!((removed, left), (0, vec!["y.html".to_owned()]));
        assert_eq!(
            fs::read(dir.path().join("y.html")).unwrap(),
            "правка".as_bytes()
        );
        assert_eq!(Manifest::read(&out).unwrap(), second);
        // x.html replaced by hand: not replaced, and the manifest not changed.
        fs::write(dir.path().join("x.html"), "правка").unwrap();
        let mut third = second.clone();
        third.outputs.get_mut("x.html").unwrap().key = "2".into();
        let staged = [("x.html".to_owned(), writer.stage("x.html", b"x3").unwrap())].into();
        let error = writer.replace(&second, &mut third, &staged).unwrap_err();
        assert!(error.to_string().contains("x.html"), "{error}");
        assert_eq!(
            fs::read(dir.path().join("x.html")).unwrap(),
            "правка".as_bytes()
        );
        assert_eq!(Manifest::read(&out).unwrap(), second, "manifest untouched");
    }
}
