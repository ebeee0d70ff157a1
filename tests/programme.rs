//! Programme editions frozen at their date (issue 17): an edition shows the measures in force on
//! its date and only the completion marks made by then; a correction that includes measures
//! names them by `включено`.

mod common;

use std::fs;

use common::*;

/// The base case with a correction of 20.06.2024 that includes a measure, done on 10.07.2024;
/// `included` is what the new measure says of its inclusion.
fn with_correction(included: &str) -> testdir::TempDir {
    with_correction_of("2024-06-20", included, "")
}

/// The base case with a correction of `date` that includes a measure done on 10.07.2024;
/// `included` is what the new measure says of its inclusion, `more` the correction's further
/// lines.
fn with_correction_of(date: &str, included: &str, more: &str) -> testdir::TempDir {
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
    - дата: {date}
      вид: включение
      описание: Включён летний отдых детей.
{more}"
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
    read(out, file, pdftotext)
}

/// The normalised text of a document of the case, its PDF read by `pdf`.
fn read(out: &std::path::Path, file: &str, pdf: fn(&std::path::Path) -> String) -> String {
    let path = out.join("cases/2024-001").join(file);
    let text = match file.ends_with(".pdf") {
        true => pdf(&path),
        false => html_text(&fs::read_to_string(&path).unwrap()),
    };
    normalise(&text)
}

/// What follows «С программой ознакомлена» (the PDF read with its layout kept, where the
/// signature and its date stand under the words, as on paper).
fn familiarisation(out: &std::path::Path, file: &str) -> String {
    let text = read(out, file, pdftotext_layout);
    let (_, line) = text
        .split_once("с программой ознакомлена")
        .expect("a familiarisation line");
    line.to_owned()
}

#[test]
fn an_edition_shows_only_what_was_in_force_on_its_date_and_no_execution() {
    let dir = with_correction("      включено: 2024-06-20\n");
    let out = dir.path().join("out");
    build_ok(dir.path(), &out, "2024-08-01");
    for ext in ["pdf", "html"] {
        // Edition 1 (13.05.2024): the first measure; the lodge is not there.
        let first = text_of(&out, &format!("программа-ред1.{ext}"));
        assert!(first.contains("реструктуризация долга"), "{ext}: {first}");
        assert!(
            !first.contains("путёвка"),
            "{ext}: edition 1 shows a later measure"
        );
        assert!(
            !first.contains("20.06.2024"),
            "{ext}: edition 1 shows a later date: {first}"
        );
        // Edition 2 (20.06.2024): the new measure. The approved text is a plan: the marks
        // of execution (20.06 and 10.07.2024) and their results stay out of every edition.
        let second = text_of(&out, &format!("программа-ред2.{ext}"));
        assert!(second.contains("путёвка"), "{ext}: {second}");
        for text in [&first, &second] {
            for mark in ["10.07.2024", "соглашение о рассрочке", "путёвка получена"]
            {
                assert!(
                    !text.contains(mark),
                    "{ext}: an execution mark «{mark}»: {text}"
                );
            }
        }
    }
}

/// What every edition says of itself (issue 17): its number and date, «впервые» or «повторно»
/// with the correction and the meeting that decided it, the period, the working group, the
/// meeting that approved it, the director's approval with its date, when it was sent and
/// when the family read it.
#[test]
fn each_edition_states_its_ground_approval_period_and_familiarisation() {
    let dir = with_correction_of(
        "2024-06-27",
        "      включено: 2024-06-27\n",
        "      заседание: 2024-06-27\n      направлена: 2024-07-01\n      ознакомлена: 2024-07-03\n",
    );
    let out = dir.path().join("out");
    build_ok(dir.path(), &out, "2024-08-01");
    for ext in ["pdf", "html"] {
        let first = text_of(&out, &format!("программа-ред1.{ext}"));
        let has_all = |text: &str, edition: usize, expected: &[&str]| {
            for e in expected {
                assert!(
                    text.contains(e),
                    "{ext}: no «{e}» in edition {edition}: {text}"
                );
            }
        };
        has_all(
            &first,
            1,
            &[
                "утверждаю директор",
                "«13» мая 2024 г.",
                "редакция № 1 от 13.05.2024",
                "программа разработана впервые.",
                "срок реализации программы: с 13.05.2024 по 14.05.2025.",
                "программа разработана рабочей группой в составе",
                "заведующая ж. з.",
                "направлена 15.05.2024",
            ],
        );
        assert!(!first.contains("повторно"), "{ext}: {first}");
        let second = text_of(&out, &format!("программа-ред2.{ext}"));
        has_all(
            &second,
            2,
            &[
                "утверждаю директор",
                "«27» июня 2024 г.",
                "редакция № 2 от 27.06.2024",
                "программа разработана повторно, взамен редакции № 1, в связи с корректировкой",
                "от 27.06.2024 — включение мероприятия, решение социального консилиума от 27.06.2024, протокол № 2",
                "срок реализации программы: с 13.05.2024 по 14.05.2025.",
                "утверждена на заседании социального консилиума 27.06.2024, протокол № 2.",
                "направлена 01.07.2024",
            ],
        );
        assert!(!second.contains("впервые"), "{ext}: {second}");
        // The family's line, each edition with its own date; in edition 2 every date is known,
        // so no line is left to date by hand.
        for (edition, date) in [(1, "15.05.2024"), (2, "03.07.2024")] {
            let file = format!("программа-ред{edition}.{ext}");
            let line = familiarisation(&out, &file);
            assert!(line.contains(date), "{file}: «{date}» not in «{line}»");
        }
        assert!(
            !second.contains("20___"),
            "{ext}: a blank date in edition 2: {second}"
        );
    }
}

/// A new edition is sent and read after its correction: a date before it is a located error.
#[test]
fn an_edition_read_before_its_correction_is_a_located_error() {
    let dir = with_correction_of(
        "2024-06-27",
        "      включено: 2024-06-27\n",
        "      ознакомлена: 2024-06-17\n",
    );
    let output = run(&["validate", "--root", dir.path().to_str().unwrap()]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(
        text.contains("cases/2024-001.yaml:")
            && text.contains(
                "редакция программы по корректировке 2024-06-27 ознакомлена 2024-06-17 — раньше самой корректировки"
            )
            && text.contains("[date-order]"),
        "{text}"
    );
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

/// An edition no correction records (a measure excluded on a day of its own) still says why it
/// was drawn up again.
#[test]
fn an_edition_without_a_correction_names_the_change_of_measures() {
    let dir = base_repo();
    let path = dir.path().join("cases/2024-001.yaml");
    let text = fs::read_to_string(&path).unwrap().replacen(
        "      срок: 2024-06-30\n",
        "      срок: 2024-06-30\n      исключено: 2024-06-10\n",
        1,
    );
    fs::write(&path, text).unwrap();
    let out = dir.path().join("out");
    build_ok(dir.path(), &out, "2024-08-01");
    for ext in ["pdf", "html"] {
        let second = text_of(&out, &format!("программа-ред2.{ext}"));
        assert!(
            second.contains(
                "программа разработана повторно, взамен редакции № 1, в связи с корректировкой: — от 10.06.2024 — исключение мероприятия"
            ),
            "{ext}: {second}"
        );
    }
}
