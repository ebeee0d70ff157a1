//! The quarterly справка as a paper the head signs (issue 19): its number and date, the
//! «Исполнитель» requisite (ГОСТ Р 7.0.97) from kurator.yaml, and the head's conclusions and
//! proposals from `reports/<квартал>.yaml` — validated with located Russian errors, and left as
//! blanks to fill by hand when the file is not there.

mod common;

use std::fs;
use std::path::Path;

use common::*;

/// The centre's справка of the base fixture's only quarter, as PDF text and as HTML.
fn centre_report(root: &Path) -> (String, String) {
    let out = testdir::tempdir().unwrap();
    build_ok(root, out.path(), "2024-06-30");
    let base = out.path().join("отчёты/2024-Q2/справка-2024-Q2-центр");
    let pdf = pdftotext(&base.with_extension("pdf"));
    // Tera escapes «/» as in any value; the test reads the page as a browser shows it.
    let html = fs::read_to_string(base.with_extension("html"))
        .unwrap()
        .replace("&#x2F;", "/");
    (pdf, html)
}

/// The «Исполнитель» of the справки, appended to the base fixture's kurator.yaml.
const EXECUTOR: &str = "\
отчёты:
  исполнитель:
    фио: Заведующая Ж. З.
    должность: заведующий отделением
    телефон: 8 (000) 100-00-07
";

/// The head's file for 2024-Q2: number, date, two conclusions, one proposal.
const NOTES: &str = "\
# yaml-language-server: $schema=../schema/report.schema.json
номер: 17/2024
дата: 2024-07-05
выводы:
  - Семья Тестовых выполняет программу, динамика положительная.
  - Нагрузка кураторов в пределах нормы.
предложения:
  - Привлечь к работе с семьёй Тестовых психолога школы.
";

fn with_notes(notes: &str) -> testdir::TempDir {
    let repo = base_repo();
    let config = repo.path().join("kurator.yaml");
    let mut text = fs::read_to_string(&config).unwrap();
    text.push_str(EXECUTOR);
    fs::write(&config, text).unwrap();
    fs::create_dir(repo.path().join("reports")).unwrap();
    fs::write(repo.path().join("reports/2024-Q2.yaml"), notes).unwrap();
    repo
}

/// PDF text with its line breaks and hyphenation undone, to find a phrase wrapped over lines.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_number_date_executor_and_conclusions_are_printed() {
    let repo = with_notes(NOTES);
    let (pdf, html) = centre_report(repo.path());
    let pdf = flat(&pdf);
    for text in [
        "№ 17/2024",
        "«05» июля 2024 г.",
        "Исполнитель: Заведующая Ж. З., заведующий отделением, тел. 8 (000) 100-00-07",
        "Выводы",
        "1. Семья Тестовых выполняет программу, динамика положительная.",
        "2. Нагрузка кураторов в пределах нормы.",
        "Предложения",
        "1. Привлечь к работе с семьёй Тестовых психолога школы.",
    ] {
        assert!(pdf.contains(text), "PDF lacks «{text}»:\n{pdf}");
        assert!(html.contains(text), "HTML lacks «{text}»:\n{html}");
    }
    assert!(!pdf.contains("№ ____"), "{pdf}");
}

#[test]
fn without_the_file_the_number_and_date_are_blanks_to_fill_by_hand() {
    let repo = base_repo();
    let (pdf, html) = centre_report(repo.path());
    let pdf = flat(&pdf);
    for text in ["№ ________", "«___» ____________ 20__ г."] {
        assert!(pdf.contains(text), "PDF lacks «{text}»:\n{pdf}");
        assert!(html.contains(text), "HTML lacks «{text}»:\n{html}");
    }
    // No executor configured: no empty «Исполнитель:» line.
    assert!(!pdf.contains("Исполнитель"), "{pdf}");
}

/// `kurator validate` over a repository with the head's file; (stdout, exit code).
fn validate(repo: &Path) -> (String, i32) {
    let output = run(&["validate", "--root", repo.to_str().unwrap()]);
    (stdout(&output), output.status.code().unwrap())
}

#[test]
fn a_date_before_the_quarter_ends_is_a_located_error() {
    let repo = with_notes(&NOTES.replace("дата: 2024-07-05", "дата: 2024-06-01"));
    let (out, code) = validate(repo.path());
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("reports/2024-Q2.yaml:3:7"), "{out}");
    assert!(
        out.contains("справка за II квартал 2024 г. датирована раньше его конца (30.06.2024)"),
        "{out}"
    );
}

#[test]
fn an_unknown_key_is_a_located_error_in_russian() {
    let repo = with_notes(&NOTES.replace("предложения:", "предложение:"));
    let (out, code) = validate(repo.path());
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("reports/2024-Q2.yaml:7:1"), "{out}");
    assert!(
        out.contains("предложения"),
        "the hint names the key meant: {out}"
    );
}

#[test]
fn a_file_for_a_quarter_without_a_report_is_an_error() {
    let repo = with_notes(NOTES);
    fs::write(repo.path().join("reports/2023-Q4.yaml"), NOTES).unwrap();
    fs::write(repo.path().join("reports/2024-Q5.yaml"), NOTES).unwrap();
    let (out, code) = validate(repo.path());
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("reports/2023-Q4.yaml:1:1: ошибка: за IV квартал 2023 г. справки нет"),
        "{out}"
    );
    assert!(
        out.contains("reports/2024-Q5.yaml:1:1: ошибка: имя файла не называет квартал"),
        "{out}"
    );
}

/// The head's file is an input in git like the case files: its commit is in the справка's
/// stamp, and a pack refuses it uncommitted.
#[test]
fn the_heads_file_is_versioned_in_the_stamp_and_a_pack_refuses_it_uncommitted() {
    let repo = with_notes(NOTES);
    git(repo.path(), &["init", "-q"]);
    git(repo.path(), &["add", "-A"]);
    git(repo.path(), &["commit", "-q", "-m", "Данные"]);
    let (pdf, html) = centre_report(repo.path());
    let stamp = flat(&pdf);
    assert!(
        stamp.contains("reports/2024-Q2.yaml — версия"),
        "the stamp names the file and its commit: {stamp}"
    );
    assert!(!html.contains("не зафиксирован"), "{html}");

    let file = repo.path().join("reports/2024-Q2.yaml");
    fs::write(&file, NOTES.replace("17/2024", "18/2024")).unwrap();
    let out = testdir::tempdir().unwrap();
    let output = run(&[
        "pack",
        "2024-К2",
        "--root",
        repo.path().to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
    ]);
    let said = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{said}");
    assert!(said.contains("reports/2024-Q2.yaml"), "{said}");
}

#[test]
fn an_overloaded_curator_is_named_in_the_centres_report() {
    // The load finding belongs to no case: its row in the справка named nobody.
    let pdf = common::demo().join("отчёты/2025-Q2/справка-2025-Q2-центр.pdf");
    let text = common::pdftotext(&pdf)
        .replace("\u{ad}\n", "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(text.contains("Белозёрова Н. А.: нагрузка 133 %"), "{text}");
}
