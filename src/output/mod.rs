//! Writing files so that a crash never leaves a half-written one behind.
//!
//! Everything kurator writes goes to a temporary file in the same folder and is renamed into
//! place: a rename within one file system is atomic, so readers see the old file or the new one.

use std::fs;
use std::io::{self, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}

/// Writes `bytes` to a new temporary file beside `path`. Neither the folder nor the temporary
/// name may be a symlink (a repository could commit either, pointing anywhere): the folder is
/// refused, and the file is created anew without following a link — whatever already has its
/// name (a leftover, or a planted link) is removed first, never written through.
fn write_temp(path: &Path, bytes: &[u8]) -> io::Result<PathBuf> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        if fs::symlink_metadata(parent).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(folder::refused(format!(
                "{} — символическая ссылка; kurator не пишет через ссылки. Удалите её",
                parent.display()
            )));
        }
        fs::create_dir_all(parent)?;
    }
    let temp = temp_path(path);
    let create = || {
        fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .custom_flags(libc::O_NOFOLLOW)
            .open(&temp)
    };
    let mut file = match create() {
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            if fs::symlink_metadata(&temp).is_ok_and(|m| m.is_dir()) {
                return Err(e);
            }
            fs::remove_file(&temp)?;
            create()?
        }
        other => other?,
    };
    file.write_all(bytes)?;
    file.sync_all()?;
    Ok(temp)
}

/// Writes `bytes` to `path` atomically, replacing what was there.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let temp = write_temp(path, bytes)?;
    fs::rename(&temp, path).inspect_err(|_| {
        let _ = fs::remove_file(&temp);
    })
}

/// Writes `bytes` to `path` atomically, failing with `AlreadyExists` rather than replacing a file.
pub fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let temp = write_temp(path, bytes)?;
    let linked = fs::hard_link(&temp, path);
    let _ = fs::remove_file(&temp);
    linked
}

pub mod folder;
pub mod manifest;
pub mod pack;
pub mod zip;
