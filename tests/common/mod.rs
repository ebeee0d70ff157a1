//! Shared helpers of the integration tests: the real binary, fixture repositories in
//! temporary folders, and snapshot files that `KURATOR_BLESS=1` rewrites.

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root (where Cargo.toml is).
pub fn project_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture path under `tests/fixtures`.
pub fn fixture(rel: &str) -> PathBuf {
    project_root().join("tests/fixtures").join(rel)
}

/// A command running the kurator binary built by cargo for these tests.
pub fn kurator() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kurator"));
    cmd.env_remove("KURATOR_BLESS");
    cmd
}

/// Runs kurator with arguments and returns its output.
pub fn run(args: &[&str]) -> Output {
    kurator().args(args).output().expect("kurator runs")
}

/// Copies a folder tree.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A temporary copy of `tests/fixtures/base`: a small valid repository.
pub fn base_repo() -> testdir::TempDir {
    let dir = testdir::tempdir().unwrap();
    copy_dir(&fixture("base"), dir.path());
    dir
}

/// stdout as text.
pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

/// Compares `actual` with the snapshot file; with `KURATOR_BLESS=1` writes it instead.
pub fn assert_snapshot(snapshot: &Path, actual: &str) {
    if std::env::var_os("KURATOR_BLESS").is_some() {
        fs::write(snapshot, actual).unwrap();
        return;
    }
    let expected = fs::read_to_string(snapshot).unwrap_or_else(|_| {
        panic!(
            "no snapshot {}; run the tests with KURATOR_BLESS=1 to create it",
            snapshot.display()
        )
    });
    if expected != actual {
        panic!(
            "snapshot {} differs (KURATOR_BLESS=1 rewrites it)\n--- expected\n{expected}\n--- actual\n{actual}",
            snapshot.display()
        );
    }
}

/// Runs `kurator build --as-of AS_OF` from `root` into `out` and asserts that it succeeded.
pub fn build_ok(root: &Path, out: &Path, as_of: &str) -> Output {
    let output = kurator()
        .args(["build", "--as-of", as_of, "--root"])
        .arg(root)
        .arg("--out")
        .arg(out)
        .output()
        .expect("kurator runs");
    assert!(output.status.success(), "{output:?}");
    output
}

/// The demo (this repository) built as of 31.12.2025, once per test binary.
pub fn demo() -> &'static Path {
    static OUT: std::sync::OnceLock<testdir::TempDir> = std::sync::OnceLock::new();
    OUT.get_or_init(|| {
        let out = testdir::tempdir().unwrap();
        build_ok(&project_root(), out.path(), "2025-12-31");
        out
    })
    .path()
}

/// Every file under `dir`, folders descended into.
pub fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// Runs git in `dir` as a fixed test author and asserts that it succeeded.
pub fn git(dir: &Path, args: &[&str]) {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args([
            "-c",
            "user.name=Тестов Т. Т.",
            "-c",
            "user.email=test@example.ru",
        ])
        .args(args)
        .output()
        .expect("git runs");
    assert!(output.status.success(), "git {args:?}: {output:?}");
}

/// Runs `kurator pack 2024-К3` (the quarter the pack fixtures cover) from `root` into `out`.
pub fn pack(root: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "pack",
        "2024-К3",
        "--root",
        root.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend(extra);
    run(&args)
}

/// The text of a PDF as poppler's `pdftotext` reads it (a program nobody on this project wrote).
pub fn pdftotext(pdf: &Path) -> String {
    pdftotext_with(pdf, &[])
}

/// The text of a PDF with its layout kept: a table row stays on one line, cells apart.
pub fn pdftotext_layout(pdf: &Path) -> String {
    pdftotext_with(pdf, &["-layout"])
}

fn pdftotext_with(pdf: &Path, options: &[&str]) -> String {
    let output = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .args(options)
        .arg(pdf)
        .arg("-")
        .output()
        .expect(
            "pdftotext (poppler-utils) is needed by these tests: apt-get install poppler-utils",
        );
    assert!(
        output.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    String::from_utf8(output.stdout).unwrap()
}

/// Text lower-cased with soft hyphens and hyphenation undone and whitespace collapsed, so a
/// phrase is found whatever the line breaks.
pub fn normalise(text: &str) -> String {
    text.replace("\u{ad}\n", "")
        .replace('\u{ad}', "")
        .replace("-\n", "-")
        .replace('\u{a0}', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The visible text of an HTML page: tags dropped (each as a space), the few entities the
/// templates use decoded.
pub fn html_text(page: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in page.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let text = out
        .replace("&nbsp;", " ")
        .replace("&shy;", "")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#x2F;", "/")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    normalise(&text)
}

/// The text of a case paper of the demo as its PDF (poppler's pdftotext) and as its page, each
/// normalised, with the format's name.
pub fn case_paper(case: &str, file: &str) -> [(&'static str, String); 2] {
    let dir = demo().join("cases").join(case);
    let pdf = dir.join(format!("{file}.pdf"));
    assert!(pdf.is_file(), "{case}/{file}.pdf was not built");
    let page = fs::read_to_string(dir.join(format!("{file}.html")))
        .unwrap_or_else(|e| panic!("{case}/{file}.html: {e}"));
    [
        ("PDF", normalise(&pdftotext(&pdf))),
        ("HTML", normalise(&html_text(&page))),
    ]
}

/// Every phrase is in both the PDF and the page of a case paper of the demo.
pub fn assert_phrases(case: &str, file: &str, phrases: &[&str]) {
    for (format, text) in case_paper(case, file) {
        for phrase in phrases {
            let phrase = normalise(phrase);
            assert!(
                text.contains(&phrase),
                "{case}/{file} ({format}): «{phrase}» not in\n{text}"
            );
        }
    }
}
