//! Temporary folders for kurator's tests, removed when dropped.
//!
//! Why not the `tempfile` crate: it brings rustix with `std`, which switches on bitflags'
//! `std` feature in the test build only, and so the test build recompiled typst and everything
//! else above bitflags in the release profile that `cargo run --release -- build` had just
//! compiled (13 minutes on 2 cores). The tests need nothing but a fresh private folder, and a
//! dependency-free crate cannot change the features of the graph.

use std::fs;
use std::io;
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// A folder under the system's temporary folder, deleted with its contents on drop.
#[derive(Debug)]
pub struct TempDir {
    path: PathBuf,
}

impl TempDir {
    /// The folder's path.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl AsRef<Path> for TempDir {
    fn as_ref(&self) -> &Path {
        &self.path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        // Tests may leave read-only folders behind; a leftover in /tmp is not a test failure.
        let _ = fs::remove_dir_all(&self.path);
    }
}

/// Creates a new empty folder readable only by this user (mode 0700), never reusing one. Its
/// name is not hidden: yaml-language-server ignores its settings for files under hidden folders.
pub fn tempdir() -> io::Result<TempDir> {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let base = std::env::temp_dir();
    loop {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let path = base.join(format!("kurator-test-{}-{n}-{nanos:08x}", std::process::id()));
        match fs::DirBuilder::new().mode(0o700).create(&path) {
            Ok(()) => return Ok(TempDir { path }),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
}
