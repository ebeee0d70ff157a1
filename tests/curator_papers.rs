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

#[test]
fn each_recorded_notice_is_a_letter_to_the_body_named_in_kurator_yaml() {
    assert_phrases(
        "2024-011",
        "письмо-2025-08-12-1",
        &[
            "«12» августа 2025 г.",
            "№ 01-12/311",
            "Комиссия по делам несовершеннолетних и защите их прав администрации Верхнеозёрского \
             муниципального округа",
            "Срочное сообщение об угрозе жизни или здоровью несовершеннолетнего",
            "В соответствии с пунктом 2 статьи 9 Федерального закона от 24.06.1999 № 120-ФЗ",
            "в семье Голубевых (адрес: г. Верхнеозёрск, ул. Заводская, д. 3, кв. 12; случай № 2024-011):",
            "Об оставлении ребёнка без присмотра родителями в состоянии опьянения 12.08.2025.",
            "Куратор семьи: Белозёрова Н. А.",
            "И. Л. Полякова",
            "Исполнитель: Ушакова М. Ю., тел. 8 (34519) 2-14-40",
        ],
    );
    assert_phrases(
        "2024-011",
        "письмо-2025-08-13-2",
        &[
            "№ 01-12/312",
            "Управление образования администрации Верхнеозёрского муниципального округа",
            "Об угрозе здоровью ребёнка; копия акта посещения от 12.08.2025.",
        ],
    );
    assert_phrases(
        "2024-011",
        "письмо-2025-09-29-3",
        &[
            "«29» сентября 2025 г.",
            "№ 01-12/364",
            "О передаче случая",
            "направляет информацию о передаче случая социального сопровождения семьи Голубевых",
        ],
    );
    assert_phrases(
        "2024-001",
        "письмо-2024-12-23-1",
        &[
            "№ 01-12/402",
            "Об итогах работы с семьёй",
            "направляет информацию об итогах социального сопровождения семьи Кудрявцевых",
        ],
    );
}

#[test]
fn initials_stay_together_at_a_line_end() {
    // At this width «вместо Сазонова Д. И.» ends a line of the notice: «Д.» stayed at its end
    // and «И.» began the next.
    let pdf = demo().join("cases/2025-002/уведомление-замена-куратора-2025-03-03.pdf");
    let text = common::pdftotext_layout(&pdf);
    assert!(
        text.lines()
            .any(|l| normalise(l).contains("сазонова д. и.")),
        "the initials are split between lines:\n{text}"
    );
}

/// The base repository with its curator renamed to a surname that does not tell the sex.
fn ambiguous_curator(sex: &str) -> String {
    let dir = common::base_repo();
    for file in ["kurator.yaml", "cases/2024-001.yaml"] {
        let path = dir.path().join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, text.replace("Кураторова В. Г.", "Ким В. Г.")).unwrap();
    }
    let config = dir.path().join("kurator.yaml");
    let text = std::fs::read_to_string(&config).unwrap();
    let text = text.replacen(
        "  - фио: Ким В. Г.\n",
        &format!("  - фио: Ким В. Г.\n{sex}"),
        1,
    );
    std::fs::write(&config, text).unwrap();
    let out = dir.path().join("out");
    common::build_ok(dir.path(), &out, "2025-12-31");
    let page =
        std::fs::read_to_string(out.join("cases/2024-001/распоряжение-куратор.html")).unwrap();
    html_text(&page)
}

#[test]
fn staff_whose_surname_does_not_tell_the_sex_are_declined_by_the_sex_kurator_yaml_gives() {
    // «Ким» declines for a man (Кима, Киму) and not for a woman; with the sex unknown the
    // surname is left as written rather than guessed.
    let woman = ambiguous_curator("    пол: женский\n");
    let man = ambiguous_curator("    пол: мужской\n");
    let unknown = ambiguous_curator("");
    for (text, whom, to) in [
        (&woman, "Ким В. Г.", "Ким В. Г."),
        (&man, "Кима В. Г.", "Киму В. Г."),
        (&unknown, "Ким В. Г.", "Ким В. Г."),
    ] {
        for phrase in [
            format!("куратором семьи Тестовых специалиста по социальной работе {whom} с"),
            format!("Куратору семьи {to} организовать"),
        ] {
            assert!(
                text.contains(&normalise(&phrase)),
                "«{phrase}» not in\n{text}"
            );
        }
    }
}
