//! The output folder as kurator may touch it.
//!
//! A case repository is data that many people edit and that is cloned onto laptops and CI
//! runners, and `out/` usually lives inside it: whatever is in `out/` (a committed manifest, a
//! symlink, a file someone put there) may be hostile. So every path kurator writes or deletes
//! goes through [`OutFolder`]:
//! - the folder itself, and every folder between the repository and it, is a real folder,
//!   never a symlink; so is every folder between it and an output;
//! - an output path is relative with normal components only ([`check_relative`]);
//! - a file that is already there is inspected without following a link and without blocking
//!   on a FIFO ([`OutFolder::existing`]): only a regular file can be kurator's own;
//! - one run at a time holds the folder ([`LOCK_FILE`], an advisory lock the system drops when
//!   the process ends, killed or not), so two builds never interleave their manifests.

use std::fs::{self, File, OpenOptions};
use std::io;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Component, Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::load::file::{self, Refusal, kind_of};

/// The lock file in the output folder.
pub const LOCK_FILE: &str = ".kurator-lock";

/// An output folder, checked and locked for this run.
#[derive(Debug)]
pub struct OutFolder {
    path: PathBuf,
    _lock: File,
}

/// What is at an output path now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Existing {
    /// Nothing.
    Missing,
    /// A regular file with this SHA-256.
    File(String),
    /// A folder.
    Folder,
    /// Something else: a symlink, a FIFO, a device or a socket (what, in Russian).
    Other(&'static str),
}

impl OutFolder {
    /// Checks `path` (not a symlink itself, nor any folder between `root` and it when it lies
    /// inside the repository), creates it if missing and takes its lock; a folder another
    /// kurator holds is refused at once.
    pub fn open(path: &Path, root: &Path) -> io::Result<OutFolder> {
        refuse_links_between(root, path)?;
        match fs::symlink_metadata(path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                return Err(refused(format!(
                    "папка результата {} — символическая ссылка{}; kurator не пишет через \
                     ссылки. Удалите ссылку или укажите другую папку: --out ПАПКА",
                    path.display(),
                    link_target(path)
                )));
            }
            Ok(meta) if !meta.is_dir() => {
                return Err(refused(format!(
                    "{} — не папка; укажите папку результата: --out ПАПКА",
                    path.display()
                )));
            }
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => fs::create_dir_all(path)?,
            Err(e) => return Err(e),
        }
        let lock_path = path.join(LOCK_FILE);
        let lock = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
            .open(&lock_path)
            .map_err(|e| match e.raw_os_error() {
                Some(libc::ELOOP) => refused(format!(
                    "{} — символическая ссылка; kurator не пишет через ссылки. Удалите её",
                    lock_path.display()
                )),
                _ => io::Error::new(e.kind(), format!("{}: {e}", lock_path.display())),
            })?;
        if !lock.metadata()?.is_file() {
            return Err(refused(format!(
                "{} — не обычный файл; удалите его",
                lock_path.display()
            )));
        }
        match lock.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                return Err(refused(format!(
                    "в папку {} сейчас пишет другой запуск kurator (сборка, пакет или \
                     предпросмотр serve). Дождитесь его окончания и запустите снова",
                    path.display()
                )));
            }
            Err(fs::TryLockError::Error(e)) => return Err(e),
        }
        Ok(OutFolder {
            path: path.to_owned(),
            _lock: lock,
        })
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The full path of output `rel`, after checking that no folder on the way is a symlink
    /// or not a folder; with `create`, missing folders are made.
    pub fn dir_for(&self, rel: &str, create: bool) -> io::Result<PathBuf> {
        check_relative(rel).map_err(refused)?;
        let mut full = self.path.clone();
        let parts: Vec<&str> = rel.split('/').collect();
        for (i, part) in parts.iter().enumerate() {
            full.push(part);
            if i + 1 == parts.len() {
                break;
            }
            match fs::symlink_metadata(&full) {
                Ok(meta) if meta.is_dir() => {}
                Ok(meta) if meta.file_type().is_symlink() => {
                    return Err(refused(format!(
                        "{} — символическая ссылка{}; kurator не пишет через ссылки. \
                         Удалите её из папки результата",
                        parts[..=i].join("/"),
                        link_target(&full)
                    )));
                }
                Ok(_) => {
                    return Err(refused(format!(
                        "{} — файл там, где kurator пишет папку; удалите или переименуйте его",
                        parts[..=i].join("/")
                    )));
                }
                Err(e) if e.kind() == io::ErrorKind::NotFound && create => fs::create_dir(&full)?,
                // Nothing further down exists, so no link can be on the way.
                Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(self.path.join(rel)),
                Err(e) => return Err(e),
            }
        }
        Ok(full)
    }

    /// What is at output `rel` now, read without following a symlink or blocking on a FIFO.
    pub fn existing(&self, rel: &str) -> io::Result<Existing> {
        let full = self.dir_for(rel, false)?;
        existing(&full)
    }
}

/// What is at `path`: nothing, a regular file (with its hash) or something else.
pub fn existing(path: &Path) -> io::Result<Existing> {
    let meta = match fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Existing::Missing),
        Err(e) => return Err(e),
    };
    if meta.is_dir() {
        return Ok(Existing::Folder);
    }
    if !meta.is_file() {
        return Ok(Existing::Other(kind_of(&meta)));
    }
    let mut file = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)?;
    let opened = file.metadata()?;
    if !opened.is_file() {
        return Ok(Existing::Other(kind_of(&opened)));
    }
    let mut hasher = Sha256::new();
    io::copy(&mut file, &mut hasher)?;
    Ok(Existing::File(format!("{:x}", hasher.finalize())))
}

/// The bytes of the regular file at `path`, read as every repository file is read
/// ([`crate::load::file::read_regular`]: no link followed, no wait on a FIFO): `None` when
/// nothing is there or it is larger than `max`; a link or a special file is refused.
pub fn read_regular(path: &Path, max: u64) -> io::Result<Option<Vec<u8>>> {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return Ok(None);
    };
    match file::read_regular(dir, Path::new(name), max) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(Refusal::Missing | Refusal::TooBig(_)) => Ok(None),
        Err(Refusal::Io(e)) => Err(e),
        Err(refusal) => Err(refused(format!(
            "{}: {}",
            path.display(),
            refusal.message(Path::new(name), max).0
        ))),
    }
}

/// The SHA-256 of bytes, as the manifests record it.
pub fn sha256(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

/// Checks an output path as a manifest records it: relative, `/`-separated, normal components
/// only (no `..`, `.`, empty part or root), nothing hidden of kurator's own.
pub fn check_relative(rel: &str) -> Result<(), String> {
    let bad = |why: &str| Err(format!("путь «{rel}» {why}"));
    if rel.is_empty() {
        return bad("пуст");
    }
    if rel.contains('\\') || rel.contains('\0') {
        return bad("содержит недопустимый знак");
    }
    if Path::new(rel).is_absolute() {
        return bad("абсолютный — ведёт за пределы папки результата");
    }
    for part in rel.split('/') {
        match Path::new(part).components().next() {
            _ if part.is_empty() => return bad("содержит пустую часть"),
            Some(Component::Normal(_)) if part != ".." && part != "." => {}
            _ => return bad("ведёт за пределы папки результата"),
        }
        if part.starts_with(".kurator") {
            return bad("указывает на служебный файл kurator");
        }
    }
    Ok(())
}

/// Refuses a symlink on the way from `root` to `out` when `out` lies inside `root`: a
/// repository could commit `out` (or a folder above it) as a link to anywhere.
fn refuse_links_between(root: &Path, out: &Path) -> io::Result<()> {
    // Compared as absolute paths: `--root .` with `--out docs/out` is inside too.
    let (root, out) = (std::path::absolute(root)?, std::path::absolute(out)?);
    let Ok(rest) = out.strip_prefix(&root) else {
        return Ok(());
    };
    let mut path = root.clone();
    for part in rest.components() {
        path.push(part);
        if let Ok(meta) = fs::symlink_metadata(&path)
            && meta.file_type().is_symlink()
        {
            return Err(refused(format!(
                "папка результата {} — символическая ссылка{}; kurator не пишет через ссылки. \
                 Удалите ссылку или укажите другую папку: --out ПАПКА",
                path.display(),
                link_target(&path)
            )));
        }
    }
    Ok(())
}

fn link_target(path: &Path) -> String {
    fs::read_link(path)
        .map(|t| format!(" на {}", t.display()))
        .unwrap_or_default()
}

/// An error that stops the run before anything is written (exit 2 with its message).
pub(crate) fn refused(message: String) -> io::Error {
    io::Error::new(io::ErrorKind::PermissionDenied, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_paths_stay_inside_the_folder() {
        for good in ["index.html", "cases/2024-001/карточка.pdf", "a b/c"] {
            assert_eq!(check_relative(good), Ok(()), "{good}");
        }
        for bad in [
            "",
            "/etc/passwd",
            "../x",
            "a/../../x",
            "a//b",
            "./a",
            "a/.",
            "a\\..\\b",
            ".kurator-build.json",
            "x/.kurator-tmp/y",
        ] {
            assert!(check_relative(bad).is_err(), "{bad}");
        }
    }
}
