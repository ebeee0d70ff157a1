//! `kurator build`, run as the real binary: the text inside every kind of PDF (read back by
//! poppler's `pdftotext`, a program nobody on this project wrote), the HTML pages, hostile
//! text, reproducible bytes, overrides, and what a failed build leaves behind.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

fn build(root: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "build",
        "--root",
        root.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--as-of",
        "2025-06-30",
    ];
    args.extend_from_slice(extra);
    run(&args)
}

/// The text of a PDF as pdftotext reads it, lower-cased, with hyphenation undone and
/// whitespace collapsed, so a phrase can be found whatever the line breaks.
fn pdf_text(pdf: &Path) -> String {
    normalise(&common::pdftotext(pdf))
}

fn normalise(text: &str) -> String {
    let joined = text
        .replace("\u{ad}\n", "")
        .replace('\u{ad}', "")
        .replace("-\n", "-");
    joined
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn assert_has(text: &str, expected: &[&str], what: &str) {
    for phrase in expected {
        assert!(
            text.contains(&normalise(phrase)),
            "{what}: «{phrase}» not found in\n{text}"
        );
    }
}

fn all_files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in walk(dir) {
        files.insert(
            entry.strip_prefix(dir).unwrap().to_owned(),
            fs::read(&entry).unwrap(),
        );
    }
    files
}

#[test]
fn every_document_kind_carries_its_data_in_the_pdf() {
    let repo = base_repo();
    let out = testdir::tempdir().unwrap();
    let output = build(repo.path(), out.path(), &[]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let case = out.path().join("cases/2024-001");
    let text = |name: &str| pdf_text(&case.join(name));
    assert_has(
        &text("карточка.pdf"),
        &[
            "Карточка случая № 2024-001",
            "Тестова Мария Ивановна",
            "Тестов Иван Петрович",
            "22.04.2024",
            "заявление родителя",
            "ТЖС",
            "Кураторова В. Г.",
        ],
        "card",
    );
    assert_has(
        &text("программа-ред1.pdf"),
        &[
            "Программа социального сопровождения семьи",
            "погашение задолженности",
            "консультация юриста: реструктуризация долга",
            "юрисконсульт",
            "30.06.2024",
            // Done on 20.06.2024, after the approval: not in the edition (tests/programme.rs).
            "Тестова Мария Ивановна",
            // УТВЕРЖДАЮ: the signature, initials first (ГОСТ Р 7.0.97-2025).
            "А. Б. Директорова",
            "с программой ознакомлена",
        ],
        "programme",
    );
    assert_has(
        &text("договор.pdf"),
        &[
            "Договор № 17 о социальном сопровождении семьи",
            "«15» мая 2024 г.",
            "«14» мая 2025 г.",
            "погасить задолженность по графику;",
            "консультация юриста;",
            "Тестова Мария Ивановна, 15.03.1990 года рождения",
            // The centre's party in the genitive, the participle agreed with «директора».
            "в лице директора Директоровой А. Б., действующего на основании Устава",
            // The children it is made for, with the parent's authority.
            "Тестов Иван Петрович 01.09.2015",
            "Основание представительства: родитель, свидетельства о рождении детей.",
            "плата за содействие",
            "А. Б. Директорова",
            "М. И. Тестова",
        ],
        "agreement",
    );
    assert_has(
        &text("согласие-пдн.pdf"),
        &[
            "Согласие на обработку персональных данных",
            "Тестова Мария Ивановна",
            "Тестов Иван Петрович",
            "«24» апреля 2024 г.",
            "152-ФЗ",
        ],
        "consent",
    );
    assert_has(
        &text("акт-обследования-2024-04-25.pdf"),
        &[
            "Акт обследования жилищно-бытовых условий",
            "«25» апреля 2024 г.",
            "квартира",
            "12 500 руб.",
            "Организация досуга несовершеннолетних",
            "частично",
            "условия удовлетворительные",
        ],
        "inspection",
    );
    assert_has(
        &pdf_text(&out.path().join("журнал/журнал-2024.pdf")),
        &[
            "Журнал первичного учёта семей",
            "2024",
            "22.04.2024",
            "заявление родителя",
            "Тестовы",
            "№ 17 от 15.05.2024",
            "базовый",
            "Кураторова В. Г.",
        ],
        "journal",
    );
}

#[test]
fn pdfs_are_archival_with_embedded_fonts() {
    let repo = base_repo();
    let out = testdir::tempdir().unwrap();
    assert_eq!(
        build(repo.path(), out.path(), &["--format", "pdf"])
            .status
            .code(),
        Some(0)
    );
    let pdf = fs::read(out.path().join("cases/2024-001/договор.pdf")).unwrap();
    let raw = String::from_utf8_lossy(&pdf);
    assert!(
        raw.contains("pdfaid:part") && raw.contains("pdfaid:conformance"),
        "no PDF/A identification"
    );
    let fonts = Command::new("pdffonts")
        .arg(out.path().join("cases/2024-001/договор.pdf"))
        .output()
        .expect("pdffonts");
    let fonts = String::from_utf8(fonts.stdout).unwrap();
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty());
    for row in rows {
        assert!(row.contains("LiberationSerif"), "{row}");
        assert!(
            row.split_whitespace().rev().nth(4) == Some("yes"),
            "font not embedded: {row}"
        );
    }
    assert!(
        !out.path().join("index.html").exists(),
        "--format pdf wrote HTML"
    );
}

#[test]
fn hostile_text_prints_as_typed() {
    let out = testdir::tempdir().unwrap();
    let output = build(&fixture("hostile"), out.path(), &[]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let case = out.path().join("cases/2024-001");
    let mut text = String::new();
    for name in [
        "карточка.pdf",
        "программа-ред1.pdf",
        "акт-обследования-2024-04-25.pdf",
    ] {
        text += &pdf_text(&case.join(name));
    }
    assert_has(
        &text,
        &[
            "Тестовы #set page(fill: red)",
            "*x*",
            "$x$",
            "<script>alert(1)</script>",
            "@ref",
            "// #{1+1}",
            // A narrow cell of the programme's plan may break the line before «_y_».
            "<a> @b [c] \\",
            "_y_",
            "ул. <b>Жирная</b> & Co",
            "</td></tr></table>",
        ],
        "hostile PDF",
    );
    for page in [
        "карточка.html",
        "программа-ред1.html",
        "акт-обследования-2024-04-25.html",
        "index.html",
    ] {
        let html = fs::read_to_string(case.join(page)).unwrap();
        assert!(
            !html.contains("<script>alert(1)</script>"),
            "{page} has a live script"
        );
        assert!(!html.contains("<b>Жирная</b>"), "{page} has live markup");
    }
    let card = fs::read_to_string(case.join("карточка.html")).unwrap();
    assert!(
        card.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;"),
        "{card}"
    );
    assert!(card.contains("ул. &lt;b&gt;Жирная&lt;&#x2F;b&gt; &amp; Co"));
}

#[test]
fn two_builds_of_the_same_data_are_byte_identical() {
    let repo = base_repo();
    let (a, b) = (testdir::tempdir().unwrap(), testdir::tempdir().unwrap());
    assert_eq!(
        build(repo.path(), a.path(), &["--jobs", "1"]).status.code(),
        Some(0)
    );
    assert_eq!(
        build(repo.path(), b.path(), &["--jobs", "2"]).status.code(),
        Some(0)
    );
    let (a, b) = (all_files(a.path()), all_files(b.path()));
    assert!(a.len() > 10);
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(
            bytes == &b[path],
            "{} differs between builds",
            path.display()
        );
    }
}

#[test]
fn the_card_page_snapshot() {
    let repo = base_repo();
    let out = testdir::tempdir().unwrap();
    // Both formats: the pages link the PDFs that are there.
    assert_eq!(build(repo.path(), out.path(), &[]).status.code(), Some(0));
    for (page, snapshot) in [
        ("cases/2024-001/карточка.html", "card.html"),
        ("cases/2024-001/index.html", "case-page.html"),
        ("index.html", "index.html"),
        ("повестка.html", "agenda.html"),
        ("cases/2024-001/программа-ред1.html", "programme.html"),
        ("cases/2024-001/договор.html", "agreement.html"),
        ("cases/2024-001/согласие-пдн.html", "consent.html"),
        (
            "cases/2024-001/акт-обследования-2024-04-25.html",
            "inspection.html",
        ),
        ("журнал/журнал-2024.html", "journal.html"),
    ] {
        let html = fs::read_to_string(out.path().join(page)).unwrap();
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"ru\">"));
        assert!(
            !html.contains("http://") && !html.contains("https://"),
            "{page} links outside"
        );
        assert_snapshot(
            &project_root().join("tests/snapshots").join(snapshot),
            &html,
        );
    }
}

/// Data errors: exit 1, nothing written, the previous output untouched.
#[test]
fn a_build_with_data_errors_writes_nothing() {
    let repo = base_repo();
    let out = testdir::tempdir().unwrap();
    assert_eq!(build(repo.path(), out.path(), &[]).status.code(), Some(0));
    let before = all_files(out.path());
    fs::copy(
        fixture("invalid/cases/date-dotted.yaml"),
        repo.path().join("cases/date-dotted.yaml"),
    )
    .unwrap();
    let case = repo.path().join("cases/2024-001.yaml");
    fs::write(
        &case,
        fs::read_to_string(&case)
            .unwrap()
            .replace("Тестова Мария", "Тестова-Новая Мария"),
    )
    .unwrap();
    let output = build(repo.path(), out.path(), &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).contains("Сборка не выполнена"),
        "{}",
        stdout(&output)
    );
    assert_eq!(all_files(out.path()), before);
    let fresh = testdir::tempdir().unwrap();
    let target = fresh.path().join("out");
    assert_eq!(build(repo.path(), &target, &[]).status.code(), Some(1));
    assert!(!target.exists());
}

#[test]
fn a_repository_template_overrides_the_built_in_one_and_eject_copies_them() {
    let repo = base_repo();
    let templates = repo.path().join("templates");
    let output = run(&["templates", "--eject", templates.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0));
    assert!(templates.join("programme.txt").is_file() && templates.join("style.css").is_file());
    let again = run(&["templates", "--eject", templates.to_str().unwrap()]);
    assert!(
        stdout(&again).contains("Скопировано шаблонов: 0"),
        "{}",
        stdout(&again)
    );

    let card = fs::read_to_string(templates.join("card.typ")).unwrap();
    fs::write(
        templates.join("card.typ"),
        card + "\nОТМЕТКА ЦЕНТРА: свой шаблон\n",
    )
    .unwrap();
    let out = testdir::tempdir().unwrap();
    let output = build(repo.path(), out.path(), &["--format", "pdf"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("templates/card.typ заменяет встроенный")
    );
    assert_has(
        &pdf_text(&out.path().join("cases/2024-001/карточка.pdf")),
        &["ОТМЕТКА ЦЕНТРА: свой шаблон"],
        "override",
    );

    let before = all_files(out.path());
    fs::write(templates.join("card.typ"), "#let x = (\n").unwrap();
    let broken = build(repo.path(), out.path(), &["--format", "pdf"]);
    assert_eq!(broken.status.code(), Some(2));
    assert!(
        all_files(out.path()) == before
            && String::from_utf8_lossy(&broken.stderr).contains("card.typ:"),
        "{}",
        String::from_utf8_lossy(&broken.stderr)
    );
}

/// Every full name written in the demo case files appears in at least one PDF.
#[test]
fn every_name_in_the_demo_reaches_a_pdf() {
    let out = testdir::tempdir().unwrap();
    let output = build(&project_root(), out.path(), &["--format", "pdf"]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut text = String::new();
    for pdf in walk(out.path())
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
    {
        text += &pdf_text(&pdf);
        text.push(' ');
        // The case card is a one-page summary.
        if pdf.file_name().is_some_and(|n| n == "карточка.pdf") {
            let info = Command::new("pdfinfo")
                .arg(&pdf)
                .output()
                .expect("pdfinfo (poppler-utils)");
            let info = String::from_utf8_lossy(&info.stdout).into_owned();
            let pages = info
                .lines()
                .find_map(|l| l.strip_prefix("Pages:"))
                .map(str::trim);
            assert_eq!(pages, Some("1"), "{} is not one page", pdf.display());
        }
    }
    let mut names = Vec::new();
    for entry in fs::read_dir(project_root().join("cases")).unwrap() {
        let body = fs::read_to_string(entry.unwrap().path()).unwrap();
        for line in body.lines() {
            if let Some(name) = line
                .trim_start()
                .trim_start_matches("- ")
                .strip_prefix("фио: ")
            {
                names.push(name.trim().trim_matches('"').to_owned());
            }
        }
    }
    assert!(names.len() > 50, "{}", names.len());
    let missing: Vec<&String> = names
        .iter()
        .filter(|n| !text.contains(&normalise(n)))
        .collect();
    assert!(
        missing.is_empty(),
        "names missing from every PDF: {missing:?}"
    );
}
