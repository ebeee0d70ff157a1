//! Incremental builds and crash safety: a rebuild writes only what changed and removes the
//! outputs of removed cases; a build killed with SIGKILL while it writes leaves only complete
//! files, the previous build's files all present, and the next build finishes the job.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant, SystemTime};

use common::{copy_dir, fixture, project_root};

fn build(root: &Path, out: &Path) -> Output {
    common::build_ok(root, out, "2025-06-30")
}

fn summary(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr)
        .lines()
        .find(|l| l.starts_with("Собрано"))
        .unwrap_or_default()
        .to_owned()
}

/// Every file under `out` (but the temporary folder): relative path → (modified, bytes).
fn files(out: &Path) -> BTreeMap<String, (SystemTime, Vec<u8>)> {
    let mut all = BTreeMap::new();
    let mut stack = vec![out.to_owned()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let rel = path
                .strip_prefix(out)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            // The staging folder and the (empty) lock file are kurator's machinery, not outputs.
            if rel == ".kurator-tmp" || rel == ".kurator-lock" {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else {
                let modified = fs::metadata(&path).unwrap().modified().unwrap();
                all.insert(rel, (modified, fs::read(&path).unwrap()));
            }
        }
    }
    all
}

#[test]
fn a_rebuild_writes_only_what_changed_and_removes_what_is_gone() {
    let repo = testdir::tempdir().unwrap();
    copy_dir(&fixture("indicators"), repo.path());
    let out = testdir::tempdir().unwrap();
    let first = build(repo.path(), out.path());
    assert!(
        summary(&first).contains("без изменений 0, удалено 0"),
        "{}",
        summary(&first)
    );
    let before = files(out.path());

    let noop = build(repo.path(), out.path());
    assert!(
        summary(&noop).contains("записано файлов 0,"),
        "{}",
        summary(&noop)
    );
    assert_eq!(files(out.path()), before, "a no-op rebuild touches nothing");

    // One family moves: its documents and the registers that list it change,
    // nothing of the other families is rewritten.
    let case = repo.path().join("cases/2024-002.yaml");
    let text = fs::read_to_string(&case).unwrap();
    fs::write(
        &case,
        text.replace("ул. Садовая, д. 5", "ул. Садовая, д. 7"),
    )
    .unwrap();
    build(repo.path(), out.path());
    let after = files(out.path());
    assert_eq!(
        after.keys().collect::<Vec<_>>(),
        before.keys().collect::<Vec<_>>()
    );
    let changed: Vec<&String> = after
        .iter()
        .filter(|(path, file)| before[*path] != **file)
        .map(|(path, _)| path)
        .collect();
    assert!(
        changed.contains(&&"cases/2024-002/карточка.pdf".to_owned()),
        "{changed:?}"
    );
    assert!(changed.contains(&&"cases/2024-002/карточка.html".to_owned()));
    for path in &changed {
        let register = [
            "журнал/",
            "отчёты/",
            "протоколы/",
            "index.html",
            "повестка.html",
            "показатели.html",
            ".kurator-build.json",
        ]
        .iter()
        .any(|r| path.starts_with(r));
        assert!(
            path.starts_with("cases/2024-002/") || register,
            "{path} changed though it is not made from 2024-002"
        );
    }
    for (path, file) in &after {
        if path.starts_with("cases/2024-001/") || path.starts_with("cases/2024-003/") {
            assert_eq!(file, &before[path], "{path} was rewritten");
        }
    }

    // A removed case takes its outputs (and its folder) with it.
    fs::remove_file(&case).unwrap();
    let removed = build(repo.path(), out.path());
    let count = before
        .keys()
        .filter(|p| p.starts_with("cases/2024-002/"))
        .count();
    assert!(
        summary(&removed).contains(&format!("удалено {count})")),
        "{}",
        summary(&removed)
    );
    assert!(!out.path().join("cases/2024-002").exists());
    assert!(out.path().join("cases/2024-001/карточка.pdf").is_file());

    // Files kurator did not write are never removed.
    fs::write(out.path().join("заметка.txt"), "моё").unwrap();
    build(repo.path(), out.path());
    assert!(out.path().join("заметка.txt").is_file());
}

/// A complete output file: a PDF to its `%%EOF`, an HTML page to `</html>`, JSON that parses.
fn complete(path: &str, bytes: &[u8]) -> bool {
    let trimmed = bytes.trim_ascii_end();
    if path.ends_with(".pdf") {
        bytes.starts_with(b"%PDF-") && trimmed.ends_with(b"%%EOF")
    } else if path.ends_with(".html") {
        trimmed.ends_with(b"</html>")
    } else if path.ends_with(".json") {
        serde_json::from_slice::<serde_json::Value>(bytes).is_ok()
    } else {
        !bytes.is_empty()
    }
}

#[test]
fn a_build_killed_while_writing_leaves_complete_files_and_the_previous_build() {
    let repo = testdir::tempdir().unwrap();
    for part in ["kurator.yaml", "cases", "meetings"] {
        let from = project_root().join(part);
        if from.is_dir() {
            copy_dir(&from, &repo.path().join(part));
        } else {
            fs::copy(&from, repo.path().join(part)).unwrap();
        }
    }
    let out = testdir::tempdir().unwrap();
    build(repo.path(), out.path());
    let previous = files(out.path());

    // The centre's short name is on almost every document (the PDF's author, the page's
    // heading): the next build rewrites nearly all of them. The director's name is not enough
    // since the visit acts and interim analyses, which the director does not sign: fewer than
    // half the files changed, and the kill never came mid-write.
    let config = repo.path().join("kurator.yaml");
    let text = fs::read_to_string(&config).unwrap();
    let edited = text.replace("ГБУСО «КЦСОН «Родник»", "ГБУСО «КЦСОН «Родник» (филиал)");
    fs::write(&config, &edited).unwrap();
    let mut killed_mid_write = false;
    for delay_us in [0, 100, 500] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_kurator"))
            .args(["build", "--as-of", "2025-06-30", "--root"])
            .arg(repo.path())
            .arg("--out")
            .arg(out.path())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Outputs are staged in the temporary folder as they render, then moved into place:
        // the kill comes when about half of them have moved.
        let temp = out.path().join(".kurator-tmp");
        let staged = |temp: &Path| fs::read_dir(temp).map_or(0, |d| d.count());
        let half = previous.len() / 2;
        let started = Instant::now();
        while staged(&temp) < half && started.elapsed() < Duration::from_secs(120) {
            std::thread::sleep(Duration::from_millis(5));
        }
        while staged(&temp) >= half && started.elapsed() < Duration::from_secs(120) {}
        std::thread::sleep(Duration::from_micros(delay_us));
        child.kill().unwrap(); // SIGKILL
        let status = child.wait().unwrap();

        let now = files(out.path());
        for (path, (_, bytes)) in &now {
            assert!(
                complete(path, bytes),
                "{path} is not complete after SIGKILL"
            );
        }
        for path in previous.keys() {
            assert!(
                now.contains_key(path),
                "{path} of the previous build is gone"
            );
        }
        let replaced = previous
            .iter()
            .filter(|(path, (_, bytes))| &now[*path].1 != bytes)
            .count();
        eprintln!(
            "delay {delay_us} µs: {status}, {replaced} of {} files replaced",
            previous.len()
        );
        if !status.success() && replaced > 1 && replaced < previous.len() - 1 {
            killed_mid_write = true;
            break;
        }
        // Finished, or killed before it wrote much: back to the first build, and again.
        fs::write(&config, &text).unwrap();
        build(repo.path(), out.path());
        fs::write(&config, &edited).unwrap();
    }
    assert!(killed_mid_write, "no attempt was killed while writing");

    // The next build completes the job: the same files as a build from scratch.
    build(repo.path(), out.path());
    let fresh = testdir::tempdir().unwrap();
    build(repo.path(), fresh.path());
    let bytes = |files: BTreeMap<String, (SystemTime, Vec<u8>)>| {
        files
            .into_iter()
            .map(|(p, (_, b))| (p, b))
            .collect::<BTreeMap<_, _>>()
    };
    assert_eq!(bytes(files(out.path())), bytes(files(fresh.path())));
    assert!(!out.path().join(".kurator-tmp").exists());
}
