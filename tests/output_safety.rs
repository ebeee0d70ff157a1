//! What a build may do to the output folder (issue 16, «Writing and deleting»): kurator
//! deletes or replaces only files whose content it recorded writing, never writes or deletes
//! through a symlink, builds one at a time per folder, leaves the other format's files alone,
//! and a pack never deletes what it did not write. Every test runs the real binary; the
//! hostile ones on a fresh clone of a git repository that commits the traps.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{base_repo, copy_dir, fixture, git, kurator};

/// Commits `repo` and clones it into a new folder beside: what a CI runner or a new laptop gets.
fn fresh_clone(repo: &Path, into: &Path) -> PathBuf {
    git(repo, &["init", "-q"]);
    git(repo, &["add", "-A"]);
    git(repo, &["commit", "-q", "-m", "Данные"]);
    let clone = into.join("clone");
    let output = Command::new("git")
        .args(["clone", "-q"])
        .arg(repo)
        .arg(&clone)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    clone
}

fn build(root: &Path, out: &Path, extra: &[&str]) -> Output {
    kurator()
        .args(["build", "--as-of", "2025-06-30", "--root"])
        .arg(root)
        .arg("--out")
        .arg(out)
        .args(extra)
        .output()
        .expect("kurator runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn assert_code(output: &Output, code: i32) {
    assert_eq!(
        output.status.code(),
        Some(code),
        "stdout:\n{}\nstderr:\n{}",
        String::from_utf8_lossy(&output.stdout),
        stderr(output)
    );
}

/// Every file under `dir` (symlinks as their target text), with its bytes: a fingerprint of
/// a folder to compare before and after.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = fs::read_dir(&d) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            let meta = fs::symlink_metadata(&path).unwrap();
            let rel = path.strip_prefix(dir).unwrap().to_owned();
            if meta.file_type().is_symlink() {
                let target = fs::read_link(&path).unwrap();
                files.insert(rel, target.to_string_lossy().as_bytes().to_vec());
            } else if meta.is_dir() {
                files.insert(rel, b"<dir>".to_vec());
                stack.push(path);
            } else if meta.is_file() {
                files.insert(rel, fs::read(&path).unwrap());
            }
        }
    }
    files
}

fn pdfs_and_pages(out: &Path) -> (usize, usize) {
    let files = snapshot(out);
    let count = |ext: &str| {
        files
            .keys()
            .filter(|p| p.extension().is_some_and(|e| e == ext))
            .count()
    };
    (count("pdf"), count("html"))
}

/// The defect the issue quotes: a committed manifest naming `../../` and absolute paths made a
/// build on a fresh clone delete both files. Now the manifest is refused before any use.
#[test]
fn a_poisoned_manifest_deletes_nothing_outside_the_output_folder() {
    let place = testdir::tempdir().unwrap();
    let repo = place.path().join("repo");
    copy_dir(&fixture("base"), &repo);
    // Victims beside the clone and at an absolute path.
    let victims = place.path().join("victims");
    fs::create_dir_all(victims.join("deep")).unwrap();
    fs::write(victims.join("beside.txt"), "чужой файл").unwrap();
    fs::write(victims.join("deep/absolute.txt"), "чужой файл").unwrap();
    let absolute = victims.join("deep/absolute.txt");
    let manifest = serde_json::json!({
        "kurator": "0.1.0",
        "outputs": {
            "../../victims/beside.txt": {"key": "x", "sha256": "", "format": "html"},
            absolute.to_str().unwrap(): {"key": "x", "sha256": "", "format": "html"},
        }
    });
    fs::create_dir_all(repo.join("out")).unwrap();
    fs::write(repo.join("out/.kurator-build.json"), manifest.to_string()).unwrap();
    let clone = fresh_clone(&repo, place.path());
    assert!(clone.join("out/.kurator-build.json").is_file());
    let before = snapshot(&victims);

    let output = build(&clone, &clone.join("out"), &[]);
    assert_code(&output, 2);
    let text = stderr(&output);
    assert!(text.contains(".kurator-build.json"), "{text}");
    assert!(text.contains("../../victims/beside.txt"), "{text}");
    assert_eq!(snapshot(&victims), before, "files outside out/ changed");
}

/// A file in `out/` that kurator did not write is never replaced: the build stops naming it,
/// and `--overwrite` lets staff allow it.
#[test]
fn a_file_kurator_did_not_write_is_never_replaced() {
    let repo = base_repo();
    let out = testdir::tempdir().unwrap();
    fs::write(out.path().join("index.html"), "мой список семей").unwrap();
    let output = build(repo.path(), out.path(), &[]);
    assert_code(&output, 2);
    let text = stderr(&output);
    assert!(text.contains("index.html"), "{text}");
    assert!(text.contains("--overwrite"), "{text}");
    assert_eq!(
        fs::read_to_string(out.path().join("index.html")).unwrap(),
        "мой список семей"
    );
    assert_eq!(pdfs_and_pages(out.path()), (0, 1), "nothing else written");

    // An output edited by hand after a build is not kurator's any more either.
    let output = build(repo.path(), out.path(), &["--overwrite"]);
    assert_code(&output, 0);
    let card = out.path().join("cases/2024-001/карточка.html");
    assert!(card.is_file(), "{:?}", snapshot(out.path()).keys());
    fs::write(&card, "исправлено вручную").unwrap();
    fs::write(
        repo.path().join("kurator.yaml"),
        fs::read_to_string(repo.path().join("kurator.yaml"))
            .unwrap()
            .replacen("помощи семье", "помощи семье и детям", 1),
    )
    .unwrap();
    let output = build(repo.path(), out.path(), &[]);
    assert_code(&output, 2);
    assert!(
        stderr(&output).contains("карточка.html"),
        "{}",
        stderr(&output)
    );
    assert_eq!(fs::read_to_string(&card).unwrap(), "исправлено вручную");
}

/// `out/` committed as a symlink, a symlinked subfolder, a dangling and a looping link: no
/// write or delete goes through any of them.
#[test]
fn no_write_or_delete_goes_through_a_symlink() {
    let repo = base_repo();
    let elsewhere = testdir::tempdir().unwrap();
    fs::write(elsewhere.path().join("важное.txt"), "не трогать").unwrap();
    let before = snapshot(elsewhere.path());

    // out itself is a link to another folder.
    std::os::unix::fs::symlink(elsewhere.path(), repo.path().join("out")).unwrap();
    let output = build(repo.path(), &repo.path().join("out"), &[]);
    assert_code(&output, 2);
    assert!(
        stderr(&output).contains("символическ"),
        "{}",
        stderr(&output)
    );
    assert_eq!(snapshot(elsewhere.path()), before);
    fs::remove_file(repo.path().join("out")).unwrap();

    // A folder inside out/ is a link: the case documents would be written through it.
    let out = testdir::tempdir().unwrap();
    fs::create_dir_all(out.path().join("cases")).unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), out.path().join("cases/2024-001")).unwrap();
    let output = build(repo.path(), out.path(), &[]);
    assert_code(&output, 2);
    let text = stderr(&output);
    assert!(text.contains("cases/2024-001"), "{text}");
    assert!(text.contains("символическ"), "{text}");
    assert_eq!(snapshot(elsewhere.path()), before);

    // A dangling link and a link to itself in place of an output.
    let out = testdir::tempdir().unwrap();
    std::os::unix::fs::symlink("/nonexistent/kurator", out.path().join("index.html")).unwrap();
    std::os::unix::fs::symlink("повестка.html", out.path().join("повестка.html")).unwrap();
    let output = build(repo.path(), out.path(), &[]);
    assert_code(&output, 2);
    assert!(
        stderr(&output).contains("index.html"),
        "{}",
        stderr(&output)
    );
    assert!(
        fs::symlink_metadata(out.path().join("index.html"))
            .unwrap()
            .is_symlink()
    );

    // The output folder as a dangling link.
    let place = testdir::tempdir().unwrap();
    let dangling = place.path().join("out");
    std::os::unix::fs::symlink(place.path().join("nowhere"), &dangling).unwrap();
    let output = build(repo.path(), &dangling, &[]);
    assert_code(&output, 2);
    assert!(!place.path().join("nowhere").exists());
}

/// One build at a time per output folder: while another holds the lock, a build stops at once
/// with a message and writes nothing.
#[test]
fn a_second_build_into_a_locked_folder_stops() {
    let repo = base_repo();
    let out = testdir::tempdir().unwrap();
    let lock = fs::File::create(out.path().join(".kurator-lock")).unwrap();
    lock.lock().unwrap();
    let output = build(repo.path(), out.path(), &[]);
    assert_code(&output, 2);
    assert!(
        stderr(&output).contains("другой запуск kurator"),
        "{}",
        stderr(&output)
    );
    assert_eq!(pdfs_and_pages(out.path()), (0, 0));
    drop(lock);
    assert_code(&build(repo.path(), out.path(), &[]), 0);
}

/// `--format html` leaves the PDFs of an earlier build, `--format pdf` the site; HTML never
/// links to a PDF that is not there.
#[test]
fn one_format_leaves_the_other_alone_and_links_only_what_exists() {
    let repo = base_repo();
    let out = testdir::tempdir().unwrap();
    assert_code(&build(repo.path(), out.path(), &["--format", "html"]), 0);
    let files = snapshot(out.path());
    let (pdfs, pages) = pdfs_and_pages(out.path());
    assert_eq!(pdfs, 0);
    assert!(pages > 5);
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains(".pdf\""),
            "{} links a PDF that was not built",
            path.display()
        );
    }
    assert_code(&build(repo.path(), out.path(), &["--format", "pdf"]), 0);
    let (pdfs, pages_after) = pdfs_and_pages(out.path());
    assert!(pdfs > 5);
    assert_eq!(pages_after, pages, "a PDF build removed the site");
    assert_code(&build(repo.path(), out.path(), &[]), 0);
    let card = fs::read_to_string(out.path().join("cases/2024-001/карточка.html")).unwrap();
    assert!(
        card.contains("карточка.pdf\""),
        "PDF link once the PDF exists"
    );
    assert_code(&build(repo.path(), out.path(), &["--format", "html"]), 0);
    assert_eq!(
        pdfs_and_pages(out.path()).0,
        pdfs,
        "an HTML build removed PDFs"
    );
}

fn pack(root: &Path, out: &Path) -> Output {
    common::pack(root, out, &["--allow-dirty"])
}

/// A pack replaces only its own files: a file added to the pack folder stops it; its own
/// leftovers of a killed run (`.…new`, `.…old`) are cleaned up.
#[test]
fn a_pack_deletes_only_what_it_wrote_and_cleans_its_leftovers() {
    let repo = base_repo();
    let out = testdir::tempdir().unwrap();
    assert_code(&pack(repo.path(), out.path()), 0);
    let packs = out.path().join("packs");
    assert!(packs.join("2024-Q3/manifest.json").is_file());

    // Leftovers of a run killed half-way, by this version and by earlier ones.
    for leftover in [
        ".2024-Q3.new",
        ".2024-Q3.old",
        ".2024-Q3.4242.new",
        ".2024-Q3.4242.old",
    ] {
        fs::create_dir_all(packs.join(leftover)).unwrap();
        fs::write(packs.join(leftover).join("index.html"), "<html>").unwrap();
    }
    // Links with the names of kurator's temporary files, planted to be written through.
    let victim = testdir::tempdir().unwrap();
    fs::write(victim.path().join("bashrc"), "не трогать").unwrap();
    for planted in ["..kurator-packs.json.777.tmp", ".2024-Q3.zip.778.tmp"] {
        std::os::unix::fs::symlink(victim.path().join("bashrc"), packs.join(planted)).unwrap();
    }
    assert_code(&pack(repo.path(), out.path()), 0);
    assert_eq!(
        fs::read_to_string(victim.path().join("bashrc")).unwrap(),
        "не трогать"
    );
    let names: Vec<String> = fs::read_dir(&packs)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names
            .iter()
            .all(|n| !n.ends_with(".new") && !n.ends_with(".old")),
        "{names:?}"
    );

    // A note someone put into the pack folder.
    fs::write(packs.join("2024-Q3/заметка.txt"), "моя заметка").unwrap();
    let output = pack(repo.path(), out.path());
    assert_code(&output, 2);
    assert!(
        stderr(&output).contains("заметка.txt"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        fs::read_to_string(packs.join("2024-Q3/заметка.txt")).unwrap(),
        "моя заметка"
    );

    // A ZIP that is not kurator's is not replaced either.
    fs::remove_file(packs.join("2024-Q3/заметка.txt")).unwrap();
    fs::write(packs.join("2024-Q3.zip"), "чужой архив").unwrap();
    let output = pack(repo.path(), out.path());
    assert_code(&output, 2);
    assert!(
        stderr(&output).contains("2024-Q3.zip"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        fs::read(packs.join("2024-Q3.zip")).unwrap(),
        "чужой архив".as_bytes()
    );
}

/// The demo repository in a temporary folder (its documents take long enough to kill a build
/// at many moments).
fn demo_repo() -> testdir::TempDir {
    let repo = testdir::tempdir().unwrap();
    let root = common::project_root();
    for part in ["kurator.yaml", "cases", "meetings"] {
        let from = root.join(part);
        if from.is_dir() {
            copy_dir(&from, &repo.path().join(part));
        } else {
            fs::copy(&from, repo.path().join(part)).unwrap();
        }
    }
    repo
}

fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    format!("{:x}", sha2::Sha256::digest(bytes))
}

/// What the manifest vouches for is there: every recorded output that exists has one of the
/// contents recorded for it.
fn assert_manifest_vouches_truly(out: &Path) {
    let Ok(bytes) = fs::read(out.join(".kurator-build.json")) else {
        return;
    };
    let manifest: serde_json::Value = serde_json::from_slice(&bytes).expect("manifest parses");
    for (path, entry) in manifest["outputs"].as_object().unwrap() {
        let Ok(content) = fs::read(out.join(path)) else {
            continue;
        };
        let hash = sha256(&content);
        let recorded = [&entry["sha256"], &entry["pending"]];
        assert!(
            recorded.iter().any(|r| r.as_str() == Some(hash.as_str())),
            "the manifest vouches for {path} with {recorded:?}, the file is {hash}"
        );
    }
}

/// SIGKILL at random moments, many times: every file left is complete, the previous build's
/// files are all there, the manifest never vouches for a file it does not describe, and the
/// next build (no flag) finishes the job without calling any file foreign.
#[test]
fn builds_killed_at_random_moments_leave_a_usable_folder() {
    let repo = demo_repo();
    let out = testdir::tempdir().unwrap();
    assert_code(&build(repo.path(), out.path(), &[]), 0);
    let config = repo.path().join("kurator.yaml");
    let text = fs::read_to_string(&config).unwrap();
    let started = std::time::Instant::now();
    assert_code(
        &build(repo.path(), testdir::tempdir().unwrap().path(), &[]),
        0,
    );
    let full = started.elapsed();
    // xorshift: the same moments on every run, so a failure can be replayed.
    let mut seed: u64 = 0x4B55_5241_544F_5231;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for round in 0..12 {
        let previous = snapshot(out.path());
        // Each round changes the director's name, on every document.
        fs::write(
            &config,
            text.replace("Полякова И. Л.", &format!("Полякова И. Л. {round}")),
        )
        .unwrap();
        let mut child = kurator()
            .args(["build", "--as-of", "2025-06-30", "--root"])
            .arg(repo.path())
            .arg("--out")
            .arg(out.path())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let delay = full.mul_f64((next() % 1000) as f64 / 1000.0 * 1.1);
        std::thread::sleep(delay);
        child.kill().unwrap();
        child.wait().unwrap();
        let now = snapshot(out.path());
        for (path, bytes) in &now {
            let name = path.to_string_lossy();
            if name.starts_with(".kurator-tmp") || bytes == b"<dir>" {
                continue;
            }
            if name.ends_with(".pdf") {
                assert!(
                    bytes.trim_ascii_end().ends_with(b"%%EOF"),
                    "{name} cut (round {round})"
                );
            } else if name.ends_with(".html") {
                assert!(
                    bytes.trim_ascii_end().ends_with(b"</html>"),
                    "{name} cut (round {round})"
                );
            }
        }
        for path in previous.keys().filter(|p| !p.starts_with(".kurator-tmp")) {
            assert!(
                now.contains_key(path),
                "{} gone (round {round})",
                path.display()
            );
        }
        assert_manifest_vouches_truly(out.path());
        if next() % 2 == 0 {
            // Every other round the next build completes, with no flag.
            let output = build(repo.path(), out.path(), &[]);
            assert_code(&output, 0);
            assert_manifest_vouches_truly(out.path());
        }
    }
    assert_code(&build(repo.path(), out.path(), &[]), 0);
    let fresh = testdir::tempdir().unwrap();
    assert_code(&build(repo.path(), fresh.path(), &[]), 0);
    assert_eq!(snapshot(out.path()), snapshot(fresh.path()));
}

/// A disk that fills up while a build writes: the build stops with exit 2 and a message, the
/// previous build is still there byte for byte, and the next build with space succeeds.
/// The full disk is a file-size limit (RLIMIT_FSIZE, with SIGXFSZ ignored so that a write
/// fails with an error instead of killing the process): no root or mount is needed.
#[test]
fn a_full_disk_leaves_the_previous_build() {
    let repo = demo_repo();
    let out = testdir::tempdir().unwrap();
    assert_code(&build(repo.path(), out.path(), &[]), 0);
    let previous = snapshot(out.path());
    let config = repo.path().join("kurator.yaml");
    let text = fs::read_to_string(&config).unwrap();
    fs::write(
        &config,
        text.replace("Полякова И. Л.", "Полякова И. Л. (и. о.)"),
    )
    .unwrap();
    // 64 KiB: the case pages fit, the registers' PDFs do not.
    let output = Command::new("sh")
        .arg("-c")
        .arg("ulimit -f 128 && trap '' XFSZ && exec \"$@\"")
        .arg("sh")
        .arg(env!("CARGO_BIN_EXE_kurator"))
        .args(["build", "--as-of", "2025-06-30", "--root"])
        .arg(repo.path())
        .arg("--out")
        .arg(out.path())
        .output()
        .unwrap();
    assert_code(&output, 2);
    assert!(stderr(&output).contains("запись"), "{}", stderr(&output));
    assert_eq!(snapshot(out.path()), previous, "the previous build changed");
    assert_code(&build(repo.path(), out.path(), &[]), 0);
    assert_ne!(snapshot(out.path()), previous);
    assert_manifest_vouches_truly(out.path());
}

/// Runs a build with a deadline: a build that reads a FIFO would wait for ever.
fn build_within(root: &Path, out: &Path, seconds: u64) -> Output {
    let mut child = kurator()
        .args(["build", "--as-of", "2025-06-30", "--root"])
        .arg(root)
        .arg("--out")
        .arg(out)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > std::time::Duration::from_secs(seconds) {
            child.kill().unwrap();
            panic!("the build did not end within {seconds} s");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

/// The hostile repository of the issue, on a fresh clone: `out` committed as a symlink to a
/// folder outside holding a poisoned manifest, a template that is a symlink to /etc/passwd and
/// one that is a FIFO. Each trap is refused with exit 2 and its own message — the next one is
/// met when the one before is taken away — and nothing outside the repository changes.
#[test]
fn a_hostile_repository_changes_nothing_outside_it() {
    let place = testdir::tempdir().unwrap();
    let repo = place.path().join("repo");
    copy_dir(&fixture("base"), &repo);
    let outside = place.path().join("outside");
    fs::create_dir_all(outside.join("victims")).unwrap();
    fs::write(outside.join("victims/важное.txt"), "не трогать").unwrap();
    let absolute = outside.join("victims/важное.txt");
    let manifest = serde_json::json!({
        "kurator": "0.1.0",
        "outputs": {
            "../victims/важное.txt": {"key": "x", "sha256": "", "format": "html"},
            absolute.to_str().unwrap(): {"key": "x", "sha256": "", "format": "pdf"},
        }
    });
    fs::write(outside.join(".kurator-build.json"), manifest.to_string()).unwrap();
    std::os::unix::fs::symlink("../outside", repo.join("out")).unwrap();
    fs::create_dir_all(repo.join("templates")).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", repo.join("templates/card.html")).unwrap();
    let clone = fresh_clone(&repo, place.path());
    assert!(
        fs::symlink_metadata(clone.join("out"))
            .unwrap()
            .is_symlink()
    );
    let fifo = clone.join("templates/style.css");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let before = snapshot(&outside);
    let passwd = fs::read("/etc/passwd").unwrap();

    let output = build_within(&clone, &clone.join("out"), 120);
    assert_code(&output, 2);
    let text = stderr(&output);
    assert!(text.contains("templates/"), "{text}");
    assert_eq!(snapshot(&outside), before);

    // Without the templates, the symlinked out/ is the next trap.
    fs::remove_file(&fifo).unwrap();
    fs::remove_file(clone.join("templates/card.html")).unwrap();
    let output = build_within(&clone, &clone.join("out"), 120);
    assert_code(&output, 2);
    let text = stderr(&output);
    assert!(text.contains("символическая ссылка"), "{text}");
    assert_eq!(snapshot(&outside), before);

    // A real out/ holding the poisoned manifest: refused before any use.
    fs::remove_file(clone.join("out")).unwrap();
    fs::create_dir(clone.join("out")).unwrap();
    fs::copy(
        outside.join(".kurator-build.json"),
        clone.join("out/.kurator-build.json"),
    )
    .unwrap();
    let output = build_within(&clone, &clone.join("out"), 120);
    assert_code(&output, 2);
    assert!(
        stderr(&output).contains("../victims/важное.txt"),
        "{}",
        stderr(&output)
    );
    assert_eq!(snapshot(&outside), before);
    assert_eq!(fs::read("/etc/passwd").unwrap(), passwd);
}
