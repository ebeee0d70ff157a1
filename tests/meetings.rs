//! Meetings that decide (issue 18): every agenda item of a protocol with СЛУШАЛИ / РЕШИЛИ, its
//! responsible person and deadline; family reviews and programme approvals read from the case
//! files; a programme approved at a working-group meeting and the protocol citing each other.

mod common;

use std::fs;
use std::path::Path;

use common::*;

/// A working-group meeting of 13.05.2024 with three questions of its own; the base case's
/// programme, approved that day, names it.
const WORKING_GROUP: &str = "\
дата: 2024-05-13
номер: \"РГ-5\"
вид: рабочая группа
председатель: Директорова А. Б.
секретарь: Заведующая Ж. З.
присутствовали:
  - фио: Кураторова В. Г.
    должность: специалист по социальной работе
  - фио: Опекунов Д. Е.
    должность: психолог
повестка:
  - вопрос: О плане работы рабочей группы на II квартал.
    слушали: Заведующая Ж. З.
    доклад: о проекте плана работы.
    решили: Утвердить план работы рабочей группы на II квартал.
    ответственный: Заведующая Ж. З.
    срок: 2024-05-20
  - вопрос: О распределении семей между кураторами на период отпуска Кураторовой В. Г.
    слушали: Кураторова В. Г.
    выступили:
      - фио: Опекунов Д. Е.
        текст: готов принять семью Тестовых на время отпуска.
    решили: С 01.07.2024 по 28.07.2024 закрепить семью Тестовых за куратором Опекуновым Д. Е.
    ответственный: Опекунов Д. Е.
    срок: 2024-07-01
    голосование: {за: 2, против: 0, воздержались: 0}
  - вопрос: О взаимодействии со школами.
    слушали: Опекунов Д. Е.
    решили: Направить письма в школы о ежемесячном обмене сведениями.
    ответственный: Кураторова В. Г.
    срок: 2024-06-03
";

/// The base repository with the working-group meeting and the programme naming it.
fn repository() -> testdir::TempDir {
    let dir = base_repo();
    fs::write(dir.path().join("meetings/2024-05-13.yaml"), WORKING_GROUP).unwrap();
    edit(
        dir.path(),
        "cases/2024-001.yaml",
        "  утверждена: 2024-05-13\n",
        "  утверждена: 2024-05-13\n  заседание: 2024-05-13\n",
    );
    dir
}

fn edit(root: &Path, file: &str, from: &str, to: &str) {
    let path = root.join(file);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "no «{from}» in {file}");
    fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// The PDF text and the HTML text of a built document, normalised (lower case, line breaks
/// and hyphenation undone).
fn both(out: &Path, stem: &str) -> [String; 2] {
    let html = fs::read_to_string(out.join(format!("{stem}.html"))).unwrap();
    [
        normalise(&pdftotext(&out.join(format!("{stem}.pdf")))),
        html_text(&html),
    ]
}

/// Whether `text` (normalised) holds `phrase`, compared the same way.
fn has(text: &str, phrase: &str) -> bool {
    text.contains(&normalise(phrase))
}

#[test]
fn a_protocol_prints_every_item_with_heard_decided_responsible_and_deadline() {
    let dir = repository();
    let out = dir.path().join("out");
    build_ok(dir.path(), &out, "2024-07-10");
    for text in both(&out, "протоколы/протокол-рабочей-группы-2024-05-13")
    {
        assert_eq!(text.matches("слушали:").count(), 4, "{text}");
        assert_eq!(text.matches("решили:").count(), 4, "{text}");
        for expected in [
            // Typed items: the speaker declined, the decision, who answers for it and by when.
            "1. О плане работы рабочей группы на II квартал. СЛУШАЛИ: Заведующую Ж. З. — о проекте плана работы. \
             РЕШИЛИ: Утвердить план работы рабочей группы на II квартал. Ответственный: Заведующая Ж. З. Срок: до 20.05.2024.",
            "СЛУШАЛИ: Кураторову В. Г. ВЫСТУПИЛИ: Опекунов Д. Е. — готов принять семью Тестовых на время отпуска. \
             РЕШИЛИ: С 01.07.2024 по 28.07.2024 закрепить семью Тестовых за куратором Опекуновым Д. Е. \
             Ответственный: Опекунов Д. Е. Срок: до 01.07.2024. Голосовали: за — 2, против — 0, воздержались — 0.",
            "3. О взаимодействии со школами. СЛУШАЛИ: Опекунова Д. Е. РЕШИЛИ: Направить письма в школы о ежемесячном \
             обмене сведениями. Ответственный: Кураторова В. Г. Срок: до 03.06.2024.",
            // The programme approved at the meeting, from the case file.
            "4. Об утверждении программы социального сопровождения семьи Тестовых (случай № 2024-001)",
            "РЕШИЛИ: Утвердить программу социального сопровождения семьи Тестовых.",
            // Initials first under the signatures.
            "А. Б. Директорова",
            "Ж. З. Заведующая",
        ] {
            assert!(has(&text, expected), "missing «{expected}» in\n{text}");
        }
    }
}

#[test]
fn a_family_review_item_prints_the_decision_of_the_case_file() {
    let dir = repository();
    let out = dir.path().join("out");
    build_ok(dir.path(), &out, "2024-07-10");
    for text in both(&out, "протоколы/протокол-консилиума-2024-06-27") {
        for expected in [
            "1. О ходе социального сопровождения семьи Тестовых (случай № 2024-001)",
            "СЛУШАЛИ: Кураторову В. Г. — о ходе сопровождения (ТЖС): динамика положительная.",
            "РЕШИЛИ: Продолжить сопровождение. Уровень сопровождения: базовый. Ответственный: Кураторова В. Г.",
        ] {
            assert!(has(&text, expected), "missing «{expected}» in\n{text}");
        }
    }
}

#[test]
fn the_programme_cites_the_protocol_that_approved_it() {
    let dir = repository();
    let out = dir.path().join("out");
    build_ok(dir.path(), &out, "2024-07-10");
    for text in both(&out, "cases/2024-001/программа-ред1") {
        assert!(
            has(
                &text,
                "Программа рассмотрена и утверждена на заседании рабочей группы 13.05.2024, протокол № РГ-5."
            ),
            "{text}"
        );
    }
}

/// `validate`'s output and exit code on the repository after `change`.
fn validate(change: impl FnOnce(&Path)) -> (String, i32) {
    let dir = repository();
    change(dir.path());
    let output = run(&["validate", "--root", dir.path().to_str().unwrap()]);
    (
        format!(
            "{}{}",
            stdout(&output),
            String::from_utf8_lossy(&output.stderr)
        ),
        output.status.code().unwrap(),
    )
}

#[test]
fn an_approval_must_name_a_working_group_meeting_on_its_own_date() {
    let (text, code) = validate(|_| {});
    assert_eq!(code, 0, "{text}");

    let (text, code) = validate(|root| {
        edit(
            root,
            "cases/2024-001.yaml",
            "  заседание: 2024-05-13",
            "  заседание: 2024-06-27",
        );
        edit(
            root,
            "cases/2024-001.yaml",
            "  утверждена: 2024-05-13",
            "  утверждена: 2024-06-27",
        );
    });
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("cases/2024-001.yaml:46:14: ошибка: заседание 2024-06-27 — консилиум, а не рабочая группа [not-working-group]"), "{text}");

    let (text, code) = validate(|root| {
        edit(
            root,
            "cases/2024-001.yaml",
            "  утверждена: 2024-05-13",
            "  утверждена: 2024-05-14",
        );
    });
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("cases/2024-001.yaml:45:15: ошибка: программа утверждена на заседании 2024-05-13, а дата «утверждена» — 2024-05-14: даты должны совпадать [approval-date]"), "{text}");

    let (text, code) = validate(|root| {
        fs::remove_file(root.join("meetings/2024-05-13.yaml")).unwrap();
    });
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("cases/2024-001.yaml:46:14: ошибка: заседания 2024-05-13 нет: не найден файл meetings/2024-05-13.yaml"), "{text}");
}

#[test]
fn an_agenda_item_needs_a_decision_and_a_plain_string_says_how_to_write_it() {
    let (text, code) = validate(|root| {
        edit(
            root,
            "meetings/2024-05-13.yaml",
            "    решили: Направить письма в школы о ежемесячном обмене сведениями.\n",
            "",
        );
    });
    assert_eq!(code, 1, "{text}");
    assert!(
        text.contains("meetings/2024-05-13.yaml:27:5: ошибка: нет обязательного поля «решили»"),
        "{text}"
    );
    assert!(text.contains("«решили»"), "{text}");

    let (text, code) = validate(|root| {
        edit(
            root,
            "meetings/2024-05-13.yaml",
            "  - вопрос: О взаимодействии со школами.\n    слушали: Опекунов Д. Е.\n",
            "  - О взаимодействии со школами.\n  - вопрос: О взаимодействии со школами.\n    слушали: Опекунов Д. Е.\n",
        );
    });
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("meetings/2024-05-13.yaml:27:5:"), "{text}");
    assert!(
        text.contains("ошибка: вопрос повестки записан одной строкой, без решения [agenda-item]"),
        "{text}"
    );
    assert!(
        text.contains("запишите его полями: «- вопрос: …»"),
        "{text}"
    );
}

#[test]
fn a_vote_counts_no_more_than_those_present() {
    let (text, code) = validate(|root| {
        edit(
            root,
            "meetings/2024-05-13.yaml",
            "{за: 2, против: 0, воздержались: 0}",
            "{за: 2, против: 1, воздержались: 0}",
        );
    });
    assert_eq!(code, 1, "{text}");
    assert!(
        text.contains(
            "meetings/2024-05-13.yaml:26:18: ошибка: голосов 3, а присутствовали 2 [vote-count]"
        ),
        "{text}"
    );
}
