//! `kurator validate` over fixture repositories, run as the real binary.
//!
//! Each file under `tests/fixtures/invalid/{cases,meetings,config}` is dropped into a copy of
//! the valid `base` repository; the full output and exit code are compared with the snapshot
//! beside it (`<file>.out`).

mod common;

use std::fs;
use std::path::Path;

use common::*;

/// Where an invalid fixture goes in the repository, by the folder it is kept in.
fn place(kind: &str, name: &str) -> String {
    match kind {
        "config" => "kurator.yaml".to_owned(),
        _ => format!("{kind}/{name}"),
    }
}

fn fixtures(kind: &str) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = fs::read_dir(fixture("invalid").join(kind))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e != "out"))
        .collect();
    files.sort();
    files
}

fn validate_with(kind: &str, file: &Path, format: &str) -> (String, i32) {
    let repo = base_repo();
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    fs::copy(file, repo.path().join(place(kind, &name))).unwrap();
    let output = run(&[
        "validate",
        "--root",
        repo.path().to_str().unwrap(),
        "--format",
        format,
    ]);
    assert!(
        output.stderr.is_empty(),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    (stdout(&output), output.status.code().unwrap())
}

#[test]
fn the_base_fixture_is_valid() {
    let repo = base_repo();
    let output = run(&["validate", "--root", repo.path().to_str().unwrap()]);
    assert_eq!(
        stdout(&output),
        "Проверено: случаев 1, заседаний 1. Ошибок нет.\n"
    );
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn every_invalid_fixture_gives_its_snapshot_and_exit_1() {
    let mut count = 0;
    for kind in ["cases", "meetings", "config"] {
        for file in fixtures(kind) {
            let (out, code) = validate_with(kind, &file, "human");
            let snapshot = format!("{out}exit: {code}\n");
            assert_eq!(code, 1, "{}: {out}", file.display());
            assert!(out.contains(":"), "{}", file.display());
            assert_snapshot(
                &file.with_extension(format!(
                    "{}.out",
                    file.extension().unwrap().to_string_lossy()
                )),
                &snapshot,
            );
            count += 1;
        }
    }
    assert!(count >= 30, "only {count} invalid fixtures");
}

/// JSON output parses, carries the documented keys, and agrees with the human output's positions.
#[test]
fn json_format_lists_every_fault_with_position() {
    let file = fixture("invalid/cases/unknown-key.yaml");
    let (out, code) = validate_with("cases", &file, "json");
    assert_eq!(code, 1);
    let items: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    let items = items.as_array().unwrap();
    assert_eq!(items.len(), 1, "{out}");
    let item = &items[0];
    let keys: Vec<&str> = item
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        ["file", "line", "column", "severity", "code", "message"]
    );
    assert_eq!(item["file"], "cases/unknown-key.yaml");
    assert_eq!(item["line"], 10);
    assert_eq!(item["column"], 3);
    assert_eq!(item["severity"], "error");
    assert_eq!(item["code"], "unknown-key");
    assert!(
        item["message"]
            .as_str()
            .unwrap()
            .contains("возможно, имелось в виду «фамилия»")
    );
}

#[test]
fn github_format_prints_annotations() {
    let file = fixture("invalid/cases/date-dotted.yaml");
    let (out, code) = validate_with("cases", &file, "github");
    assert_eq!(code, 1);
    assert_eq!(
        out,
        "::error file=cases/date-dotted.yaml,line=3,col=9,title=kurator date::дата «22.04.2024» записана не в формате ГГГГ-ММ-ДД. запишите её так: 2024-04-22\n"
    );
}

/// All faults of all files are reported in one run, not just the first.
#[test]
fn reports_all_files_at_once() {
    let repo = base_repo();
    for name in [
        "unknown-key.yaml",
        "date-dotted.yaml",
        "tab-indent.yaml",
        "windows-1251.yaml",
    ] {
        fs::copy(
            fixture("invalid/cases").join(name),
            repo.path().join("cases").join(name),
        )
        .unwrap();
    }
    let output = run(&[
        "validate",
        "--root",
        repo.path().to_str().unwrap(),
        "--format",
        "json",
    ]);
    let items: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    let files: Vec<&str> = items.iter().map(|i| i["file"].as_str().unwrap()).collect();
    assert_eq!(
        files,
        [
            "cases/date-dotted.yaml",
            "cases/tab-indent.yaml",
            "cases/unknown-key.yaml",
            "cases/windows-1251.yaml"
        ]
    );
    assert_eq!(output.status.code(), Some(1));
}

/// A BOM, CRLF line ends, `.yml`, unquoted numbers where text is wanted, and non-YAML files in
/// `cases/` are all accepted without a word.
#[test]
fn tolerates_what_editors_and_staff_produce() {
    let repo = base_repo();
    let case = fs::read_to_string(repo.path().join("cases/2024-001.yaml")).unwrap();
    let windows = format!(
        "\u{feff}{}",
        case.replace("2024-001", "2024-002").replace('\n', "\r\n")
    );
    fs::write(repo.path().join("cases/2024-002.yml"), windows).unwrap();
    fs::write(repo.path().join("cases/README.md"), "# не YAML: [\n").unwrap();
    fs::write(repo.path().join("cases/notes.txt"), "\u{0}\u{1}").unwrap();
    let output = run(&["validate", "--root", repo.path().to_str().unwrap()]);
    assert_eq!(
        stdout(&output),
        "Проверено: случаев 2, заседаний 1. Ошибок нет.\n"
    );
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn a_folder_without_kurator_yaml_is_a_usage_error() {
    let dir = testdir::tempdir().unwrap();
    let output = run(&["validate", "--root", dir.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("нет файла kurator.yaml"), "{stderr}");
    assert!(output.stdout.is_empty());
}

#[test]
fn a_file_over_the_size_limit_is_refused_on_its_own() {
    let repo = base_repo();
    let big = format!("номер: big\n# {}\n", "x".repeat(2 * 1024 * 1024));
    fs::write(repo.path().join("cases/big.yaml"), big).unwrap();
    let output = run(&[
        "validate",
        "--root",
        repo.path().to_str().unwrap(),
        "--format",
        "json",
    ]);
    let items: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["code"], "file-size");
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn unknown_arguments_exit_2() {
    assert_eq!(run(&["validate", "--no-such-flag"]).status.code(), Some(2));
    assert_eq!(run(&["validate", "--format", "xml"]).status.code(), Some(2));
    assert_eq!(run(&["no-such-command"]).status.code(), Some(2));
}
