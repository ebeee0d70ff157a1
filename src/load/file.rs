//! The one way kurator reads a file of a case repository.
//!
//! A repository is cloned from a shared remote, so its files are whatever someone committed: a
//! symlink to `/etc/passwd` or `~/.ssh/id_rsa`, to `/dev/zero` (endless), a FIFO (a read that
//! never returns), a file of gigabytes. A file is read only if it is a regular file reached
//! without following any symlink from the repository root, and no larger than its bound.
//!
//! The final component is opened with `O_NOFOLLOW | O_NONBLOCK` and the opened handle is
//! checked (`fstat`), so a file swapped for a link or a FIFO between the check and the open is
//! refused too, and opening a FIFO does not wait for a writer. The folders on the way are
//! checked with `symlink_metadata` before the open; a local process racing that check is
//! outside what a repository can do.

use std::fs::{self, File, Metadata};
use std::io::{self, Read};
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::{Component, Path};

/// Why a file of the repository was not read.
#[derive(Debug)]
pub enum Refusal {
    /// There is no such file.
    Missing,
    /// The file, or a folder on the way to it (the path given), is a symlink.
    Symlink(std::path::PathBuf),
    /// Not a regular file: what it is instead, in Russian («именованный канал (FIFO)»).
    NotRegular(&'static str),
    /// Larger than the bound: its size in bytes.
    TooBig(u64),
    /// The system refused to open or read it.
    Io(io::Error),
}

impl Refusal {
    /// The refusal in Russian, `(what is wrong, how to fix it)`, for the file `shown` (as
    /// given to [`read_regular`]); `max_bytes` is the bound applied.
    pub fn message(&self, shown: &Path, max_bytes: u64) -> (String, String) {
        match self {
            Refusal::Missing => (
                "файл не найден".to_owned(),
                "проверьте имя файла".to_owned(),
            ),
            Refusal::Symlink(path) => {
                let what = if path.as_os_str().is_empty() || path == shown {
                    "это символическая ссылка".to_owned()
                } else {
                    format!(
                        "папка {} на пути к нему — символическая ссылка",
                        path.display()
                    )
                };
                (
                    format!(
                        "{what}: kurator не ходит по ссылкам, чтобы ничего не прочитать из-за \
                         пределов репозитория"
                    ),
                    "замените ссылку самим файлом или папкой (скопируйте содержимое) или удалите её"
                        .to_owned(),
                )
            }
            Refusal::NotRegular(kind) => (
                format!("это не обычный файл, а {kind}: kurator такие не читает"),
                format!("удалите {kind} из репозитория: здесь нужен обычный текстовый файл"),
            ),
            Refusal::TooBig(bytes) => (
                format!("файл слишком большой: {bytes} байт"),
                format!(
                    "здесь принимаются файлы не больше {} КБ; проверьте, тот ли это файл",
                    max_bytes / 1024
                ),
            ),
            Refusal::Io(error) => (
                format!("не удалось прочитать файл: {error}"),
                "проверьте права доступа к файлу".to_owned(),
            ),
        }
    }
}

/// What a non-regular, non-link entry is, in Russian.
pub fn kind_of(metadata: &Metadata) -> &'static str {
    let kind = metadata.file_type();
    if kind.is_dir() {
        "папка"
    } else if kind.is_fifo() {
        "именованный канал (FIFO)"
    } else if kind.is_socket() {
        "сокет"
    } else if kind.is_char_device() || kind.is_block_device() {
        "устройство"
    } else if kind.is_symlink() {
        "символическая ссылка"
    } else {
        "файл особого вида"
    }
}

/// The bytes of `root/relative`, if it is a regular file of at most `max_bytes` bytes reached
/// through real folders; `relative` must be relative, without `..`.
pub fn read_regular(root: &Path, relative: &Path, max_bytes: u64) -> Result<Vec<u8>, Refusal> {
    let mut on_the_way = root.to_path_buf();
    let components: Vec<Component> = relative.components().collect();
    let Some((last, folders)) = components.split_last() else {
        return Err(Refusal::Missing);
    };
    for component in folders {
        let Component::Normal(name) = component else {
            return Err(Refusal::Missing);
        };
        on_the_way.push(name);
        match fs::symlink_metadata(&on_the_way) {
            Ok(m) if m.file_type().is_symlink() => {
                let shown = on_the_way.strip_prefix(root).unwrap_or(&on_the_way);
                return Err(Refusal::Symlink(shown.to_owned()));
            }
            Ok(m) if m.is_dir() => {}
            Ok(_) => return Err(Refusal::Missing),
            Err(e) => return Err(refusal(e)),
        }
    }
    let Component::Normal(name) = last else {
        return Err(Refusal::Missing);
    };
    let full = on_the_way.join(name);
    let metadata = fs::symlink_metadata(&full).map_err(refusal)?;
    check(&metadata, max_bytes)?;
    let file = File::options()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(&full)
        .map_err(|e| match e.raw_os_error() {
            // Swapped for a link after the check.
            Some(libc::ELOOP) => Refusal::Symlink(Default::default()),
            _ => refusal(e),
        })?;
    // The handle, not the path: what was opened is what is read.
    check(&file.metadata().map_err(Refusal::Io)?, max_bytes)?;
    let mut bytes = Vec::new();
    // Bounded even if the file grows while it is read.
    file.take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(Refusal::Io)?;
    if bytes.len() as u64 > max_bytes {
        return Err(Refusal::TooBig(bytes.len() as u64));
    }
    Ok(bytes)
}

/// A regular file within the bound, or why not.
fn check(metadata: &Metadata, max_bytes: u64) -> Result<(), Refusal> {
    if metadata.file_type().is_symlink() {
        return Err(Refusal::Symlink(Default::default()));
    }
    if !metadata.is_file() {
        return Err(Refusal::NotRegular(kind_of(metadata)));
    }
    if metadata.len() > max_bytes {
        return Err(Refusal::TooBig(metadata.len()));
    }
    Ok(())
}

fn refusal(error: io::Error) -> Refusal {
    match error.kind() {
        io::ErrorKind::NotFound => Refusal::Missing,
        _ => Refusal::Io(error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn only_regular_files_within_the_bound_are_read() {
        let dir = testdir::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir(root.join("cases")).unwrap();
        fs::write(root.join("cases/a.yaml"), "a: 1").unwrap();
        assert_eq!(
            read_regular(root, Path::new("cases/a.yaml"), 10).unwrap(),
            b"a: 1"
        );
        assert!(matches!(
            read_regular(root, Path::new("cases/a.yaml"), 3),
            Err(Refusal::TooBig(4))
        ));
        symlink(root.join("cases/a.yaml"), root.join("cases/b.yaml")).unwrap();
        assert!(matches!(
            read_regular(root, Path::new("cases/b.yaml"), 10),
            Err(Refusal::Symlink(_))
        ));
        symlink(root.join("cases"), root.join("linked")).unwrap();
        match read_regular(root, Path::new("linked/a.yaml"), 10) {
            Err(Refusal::Symlink(path)) => assert_eq!(path, Path::new("linked")),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            read_regular(root, Path::new("cases"), 10),
            Err(Refusal::NotRegular("папка"))
        ));
        assert!(matches!(
            read_regular(root, Path::new("cases/../cases/a.yaml"), 10),
            Err(Refusal::Missing)
        ));
        assert!(matches!(
            read_regular(root, Path::new("нет.yaml"), 10),
            Err(Refusal::Missing)
        ));
    }
}
