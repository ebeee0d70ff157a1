//! The case's indicators and its final report share one text (`templates/outcome.txt`): the
//! results by criterion read the same in both; the report adds what was done and the
//! recommendations; both name the family in the genitive and are signed by the curator.

mod common;

use common::demo;

/// The PDF text and the page text of a demo document, whitespace folded, soft hyphens joined.
fn both(stem: &str) -> [String; 2] {
    let base = demo().join(stem);
    let fold = |text: String| {
        text.replace("\u{ad}\n", "")
            .replace('\u{ad}', "")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    [
        fold(common::pdftotext(&base.with_extension("pdf"))),
        fold(std::fs::read_to_string(base.with_extension("html")).unwrap()),
    ]
}

/// What both documents say of case 2024-001's results.
const RESULTS: &[&str] = &[
    "Сравниваются обследования 18.01.2024 и 10.12.2024.",
    "Отказ родителей от вредных привычек",
    "Итого: улучшение — 8, без изменений — 0, ухудшение — 0.",
    "По последнему решению консилиума: положительная.",
    "бабушка по линии матери живёт рядом и помогает с младшими детьми",
    "завершить сопровождение",
    "Специалист по социальной работе отделения психолого-педагогической помощи семье и детям",
    "Е. В. Кречетова",
];

/// Asserts that the PDF and the page of `stem` hold its `own` phrases and the [`RESULTS`];
/// returns their texts.
fn holds(stem: &str, own: &[&str]) -> [String; 2] {
    let texts = both(stem);
    for text in &texts {
        for phrase in own.iter().chain(RESULTS) {
            assert!(text.contains(phrase), "«{phrase}» not in\n{text}");
        }
    }
    texts
}

#[test]
fn the_final_report_states_what_was_done_and_the_results() {
    holds(
        "cases/2024-001/итоговый-отчёт",
        &[
            "ИТОГОВЫЙ ОТЧЁТ о социальном сопровождении семьи Кудрявцевых",
            "«20» декабря 2024 г.",
            "Информация о семье поступила 15.01.2024; семья снята с сопровождения 20.12.2024, \
             основание: улучшение ситуации в семье.",
            "Рефлексивный",
            "Мероприятий: 6, выполнено: 6; посещений семьи: 12.",
            "16.09.2024",
            "Рекомендации",
        ],
    );
}

#[test]
fn the_indicators_state_the_results_without_the_report_sections() {
    let texts = holds(
        "cases/2024-001/показатели",
        &[
            "ПОКАЗАТЕЛИ эффективности социального сопровождения семьи Кудрявцевых",
            "Случай № 2024-001, сведения на 20.12.2024.",
        ],
    );
    for text in texts {
        for absent in ["Выполнение программы", "Рекомендации"] {
            assert!(!text.contains(absent), "«{absent}» in\n{text}");
        }
    }
}
