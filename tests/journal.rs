//! The journal of primary registration (issue 18): the date of registration, every curator with
//! the day they took the family, the level of support with the date of each change.

mod common;

use std::fs;

use common::*;

#[test]
fn the_journal_shows_registration_curator_changes_and_level_changes_with_dates() {
    let dir = base_repo();
    let path = dir.path().join("cases/2024-001.yaml");
    let text = fs::read_to_string(&path)
        .unwrap()
        .replacen(
            "куратор: Кураторова В. Г.\n",
            "куратор: Опекунов Д. Е.\nсмена_куратора:\n  - дата: 2024-07-01\n    прежний: Кураторова В. Г.\n    основание: изменение кадрового состава\n",
            1,
        )
        .replacen("    уровень: базовый\n", "    уровень: интенсивный\n", 1);
    fs::write(&path, text).unwrap();
    let out = dir.path().join("out");
    build_ok(dir.path(), &out, "2024-07-10");
    let pdf = pdftotext(&out.join("журнал/журнал-2024.pdf"))
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let html = fs::read_to_string(out.join("журнал/журнал-2024.html")).unwrap();
    for (in_pdf, in_html) in [
        ("на учёт 24.04.2024", "на учёт 24.04.2024"),
        (
            "Кураторова В. Г. с 22.04.2024",
            "Кураторова В. Г. с 22.04.2024",
        ),
        (
            "Опекунов Д. Е. с 01.07.2024",
            "<br>Опекунов Д. Е. с 01.07.2024",
        ),
        ("базовый с 24.04.2024", "базовый с 24.04.2024"),
        ("интенсивный с 27.06.2024", "<br>интенсивный с 27.06.2024"),
    ] {
        // Initials are kept together with a no-break space in the PDF's narrow column.
        let pdf = pdf.replace('\u{a0}', " ");
        assert!(pdf.contains(in_pdf), "«{in_pdf}» not in the PDF:\n{pdf}");
        assert!(
            html.contains(in_html),
            "«{in_html}» not in the HTML:\n{html}"
        );
    }
}

/// The journal is a register drawn from the body model: landscape sheets, the column numbers
/// under the headings on both sides (the HTML page had none, so PDF and HTML differed by
/// them), and on the site an entry's number leads to its case page.
#[test]
fn the_journal_is_a_landscape_register_with_numbered_columns_in_pdf_and_html() {
    let dir = base_repo();
    let out = dir.path().join("out");
    build_ok(dir.path(), &out, "2024-07-10");
    let pdf = out.join("журнал/журнал-2024.pdf");
    let info = std::process::Command::new("pdfinfo")
        .arg(&pdf)
        .output()
        .unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(info.contains("841.89 x 595.276"), "not landscape:\n{info}");
    let numbers = (1..=12)
        .map(|n| n.to_string())
        .collect::<Vec<_>>()
        .join(" ");
    let text = pdftotext_layout(&pdf);
    let row = text
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "));
    assert!(
        row.clone().any(|l| l == numbers),
        "no row «{numbers}»:\n{text}"
    );
    let html = fs::read_to_string(out.join("журнал/журнал-2024.html")).unwrap();
    let cells = (1..=12)
        .map(|n| format!("<td>{n}</td>"))
        .collect::<String>();
    assert!(
        html.contains(&format!("<tr class=\"numbers\">{cells}</tr>")),
        "{html}"
    );
    assert!(
        html.contains("<a href=\"..&#x2F;cases&#x2F;2024-001&#x2F;index.html\">1</a>"),
        "{html}"
    );
    assert!(
        html.contains("<article class=\"document landscape\" data-body data-kind=\"journal\">")
    );
}
