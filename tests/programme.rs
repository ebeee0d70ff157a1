//! Programme editions frozen at their date (issue 17): an edition shows the measures in force on
//! its date and only the completion marks made by then; a correction that includes measures
//! names them by `включено`.

mod common;

use std::fs;

use common::*;

/// The base case with a correction of 20.06.2024 that includes a measure, done on 10.07.2024;
/// `included` is what the new measure says of its inclusion.
fn with_correction(included: &str) -> testdir::TempDir {
    let dir = base_repo();
    let path = dir.path().join("cases/2024-001.yaml");
    let text = fs::read_to_string(&path).unwrap();
    let measure = format!(
        "      результат: заключено соглашение о рассрочке
    - задача: устроить детей в лагерь
      мероприятие: путёвка в летний лагерь
      исполнитель: Кураторова В. Г.
      срок: 2024-07-31
{included}      выполнено: 2024-07-10
      результат: путёвка получена
  корректировки:
    - дата: 2024-06-20
      вид: включение
      описание: Включён летний отдых детей.
"
    );
    let text = text.replacen(
        "      результат: заключено соглашение о рассрочке\n",
        &measure,
        1,
    );
    fs::write(&path, text).unwrap();
    dir
}

fn text_of(out: &std::path::Path, file: &str) -> String {
    let path = out.join("cases/2024-001").join(file);
    let text = match file.ends_with(".pdf") {
        true => pdftotext(&path),
        false => html_text(&fs::read_to_string(&path).unwrap()),
    };
    normalise(&text)
}

#[test]
fn an_edition_shows_only_what_was_in_force_and_done_on_its_date() {
    let dir = with_correction("      включено: 2024-06-20\n");
    let out = dir.path().join("out");
    build_ok(dir.path(), &out, "2024-08-01");
    for ext in ["pdf", "html"] {
        // Edition 1 (13.05.2024): the first measure, not yet done; the lodge is not there.
        let first = text_of(&out, &format!("программа-ред1.{ext}"));
        assert!(first.contains("реструктуризация долга"), "{ext}: {first}");
        assert!(
            !first.contains("летний лагерь"),
            "{ext}: edition 1 shows a later measure"
        );
        assert!(
            !first.contains("20.06.2024"),
            "{ext}: edition 1 shows a later mark: {first}"
        );
        assert!(!first.contains("соглашение о рассрочке"), "{ext}: {first}");
        // Edition 2 (20.06.2024): the new measure and the first one's mark of that day; the
        // lodge's mark of 10.07 is after it.
        let second = text_of(&out, &format!("программа-ред2.{ext}"));
        assert!(second.contains("летний лагерь"), "{ext}: {second}");
        assert!(second.contains("20.06.2024"), "{ext}: {second}");
        assert!(
            !second.contains("10.07.2024"),
            "{ext}: edition 2 shows a later mark"
        );
    }
}

#[test]
fn an_inclusion_without_included_measures_is_a_located_error() {
    let dir = with_correction("");
    let output = run(&["validate", "--root", dir.path().to_str().unwrap()]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(
        text.contains("cases/2024-001.yaml:")
            && text.contains("корректировка 2024-06-20 включает мероприятия, но ни у одного мероприятия нет «включено: 2024-06-20»")
            && text.contains("[inclusion]"),
        "{text}"
    );
}
