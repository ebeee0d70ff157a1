//! The papers of a curator's appointment and replacement (Положение о кураторе семьи, п. 1.6;
//! Положение о кураторе случая, п. 1.9), read from the demo's PDF (poppler's pdftotext) and
//! its HTML page: names declined, dates, ground and references as a head of department signs
//! them.

mod common;

use common::{demo, html_text, normalise, pdftotext};

/// The text of a case paper as its PDF and as its page, each normalised.
fn both(case: &str, file: &str) -> [(String, String); 2] {
    let dir = demo().join("cases").join(case);
    let pdf = dir.join(format!("{file}.pdf"));
    let page = std::fs::read_to_string(dir.join(format!("{file}.html")))
        .unwrap_or_else(|e| panic!("{case}/{file}.html: {e}"));
    [
        ("PDF".to_owned(), normalise(&pdftotext(&pdf))),
        ("HTML".to_owned(), normalise(&html_text(&page))),
    ]
}

fn assert_phrases(case: &str, file: &str, phrases: &[&str]) {
    for (format, text) in both(case, file) {
        for phrase in phrases {
            let phrase = normalise(phrase);
            assert!(
                text.contains(&phrase),
                "{case}/{file} ({format}): «{phrase}» not in\n{text}"
            );
        }
    }
}

#[test]
fn the_curator_is_appointed_by_an_order_of_the_director_at_registration() {
    assert_phrases(
        "2025-002",
        "распоряжение-куратор",
        &[
            "РАСПОРЯЖЕНИЕ № ______",
            "«13» февраля 2025 г.",
            "О закреплении куратора за семьёй Ковалёвых",
            "в связи с постановкой семьи Ковалёвых (случай № 2025-002",
            "1. Назначить куратором семьи Ковалёвых социального педагога отделения профилактики \
             безнадзорности несовершеннолетних Сазонова Д. И. с «13» февраля 2025 г.",
            "2. Куратору семьи Сазонову Д. И. организовать",
            "Директор (подпись) И. Л. Полякова",
            "Отметка об ознакомлении с распоряжением:",
            "Д. И. Сазонов",
        ],
    );
}

#[test]
fn each_replacement_is_its_own_order_with_its_ground_and_both_curators() {
    assert_phrases(
        "2025-002",
        "распоряжение-замена-куратора-2025-03-03",
        &[
            "«03» марта 2025 г.",
            "О замене куратора семьи Ковалёвых",
            "В соответствии с пунктом 1.6 Положения о кураторе семьи, по просьбе семьи:",
            "1. Освободить социального педагога отделения профилактики безнадзорности \
             несовершеннолетних Сазонова Д. И. от обязанностей куратора семьи Ковалёвых",
            "с «03» марта 2025 г.",
            // pdftotext drops the hyphen of «психолого-педагогической» at a line's end.
            "2. Назначить куратором семьи Ковалёвых специалиста по социальной работе отделения",
            "помощи семье и детям Кречетову Е. В. с «03» марта 2025 г.",
            "3. Сазонову Д. И. передать Кречетовой Е. В. документы по сопровождению семьи.",
            "4. Куратору семьи Кречетовой Е. В. письменно уведомить семью о замене куратора.",
            "Е. В. Кречетова",
            "Д. И. Сазонов",
        ],
    );
    // Another ground, another case: the staff change of 2024-008.
    assert_phrases(
        "2024-008",
        "распоряжение-замена-куратора-2025-02-10",
        &[
            "В соответствии с пунктом 1.6 Положения о кураторе семьи, в связи с изменением \
           кадрового состава:",
        ],
    );
}

#[test]
fn the_family_is_told_of_the_new_curator_in_a_letter_of_its_own() {
    let file = "уведомление-замена-куратора-2025-03-03";
    assert_phrases(
        "2025-002",
        file,
        &[
            "«03» марта 2025 г.",
            "Ковалёвой Ирине Сергеевне",
            "г. Верхнеозёрск, ул. Садовая, д. 21, кв. 4",
            "Уведомление о замене куратора",
            "Уважаемая Ирина Сергеевна!",
            "Сообщаем, что с «03» марта 2025 г. социальное сопровождение Вашей семьи вместо \
             Сазонова Д. И. ведёт куратор семьи Кречетова Е. В., специалист по социальной работе",
            "Куратор заменён по просьбе семьи.",
            "договора о социальном сопровождении № 5/2025 от 25.02.2025 не изменяются",
            "по телефону 8 (34519) 2-14-37 или по электронной почте rodnik@example.ru.",
            "Директор (подпись) И. Л. Полякова",
        ],
    );
    // A paper handed to the family: the data version is in its metadata, not in its text.
    let pdf = demo().join("cases/2025-002").join(format!("{file}.pdf"));
    assert!(!pdftotext(&pdf).contains("— версия "));
}
