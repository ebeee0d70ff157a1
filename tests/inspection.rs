//! The inspection act (Положение о кураторе семьи, пп. 1.5.1, 6.1.2) as the demo prints it:
//! the commission with positions, in whose presence, the family in the genitive, signatures
//! initials first, the same words in the PDF and on the page.

mod common;

use common::demo;

/// The text of a file with whitespace folded and soft hyphens joined.
fn folded(text: &str) -> String {
    text.replace("\u{ad}\n", "")
        .replace('\u{ad}', "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_act_names_the_commission_with_positions_those_present_and_the_family() {
    let case = demo().join("cases/2024-001");
    let pdf = folded(&common::pdftotext(
        &case.join("акт-обследования-2024-01-18.pdf"),
    ));
    let html =
        folded(&std::fs::read_to_string(case.join("акт-обследования-2024-01-18.html")).unwrap());
    for text in [&pdf, &html] {
        for phrase in [
            "АКТ обследования жилищно-бытовых условий семьи Кудрявцевых",
            "Комиссия в составе:",
            "Кречетова Е. В., специалист по социальной работе отделения психолого-педагогической \
             помощи семье и детям",
            "Зуева Т. А., социальный педагог, МБОУ «Средняя общеобразовательная школа № 2» г. \
             Верхнеозёрска",
            "провела первичное обследование жилищно-бытовых условий семьи Кудрявцевых",
            // `присутствовали`, in the genitive «в присутствии» governs.
            "(случай № 2024-001), в присутствии Кудрявцевой Марины Олеговны, Кудрявцева Сергея \
             Валентиновича.",
            "Категория семьи: СОП; тип семьи: многодетная, полная.",
            "Среднедушевой доход",
            "9 800 руб.",
            "Отказ родителей от вредных привычек",
            "Т. А. Зуева",
            "С актом ознакомлена:",
            "М. О. Кудрявцева",
        ] {
            assert!(text.contains(phrase), "«{phrase}» not in\n{text}");
        }
    }
}
