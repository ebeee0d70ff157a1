//! `kurator check` on the findings of issue 18, each on both sides of its date: an agreement
//! running out, a draft not approved, a withdrawn consent, the urgent notice of a threat to a
//! child, the hand-over letter of a closed case; and past violations kept apart.

mod common;

use std::fs;
use std::path::Path;

use common::*;

/// The base repository with `from` replaced by `to` in its case file (each pair in turn).
fn repository(edits: &[(&str, &str)]) -> testdir::TempDir {
    let dir = base_repo();
    let path = dir.path().join("cases/2024-001.yaml");
    let mut text = fs::read_to_string(&path).unwrap();
    for (from, to) in edits {
        assert!(text.contains(from), "no «{from}» in the base case");
        text = text.replacen(from, to, 1);
    }
    fs::write(&path, text).unwrap();
    dir
}

/// `(status, due, past)` of the findings of `rule` as of a date, from `check --format json`.
fn found(root: &Path, as_of: &str, rule: &str, all: bool) -> Vec<(String, String, bool)> {
    let mut args = vec![
        "check",
        "--root",
        root.to_str().unwrap(),
        "--as-of",
        as_of,
        "--format",
        "json",
    ];
    if all {
        args.push("--all");
    }
    let output = run(&args);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let items: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    items
        .iter()
        .filter(|i| i["rule"] == rule)
        .map(|i| {
            (
                i["status"].as_str().unwrap().to_owned(),
                i["due"].as_str().unwrap_or_default().to_owned(),
                i["past"].as_bool().unwrap(),
            )
        })
        .collect()
}

fn one(status: &str, due: &str) -> Vec<(String, String, bool)> {
    vec![(status.to_owned(), due.to_owned(), false)]
}

#[test]
fn an_agreement_that_runs_out_while_the_case_is_open() {
    // The base agreement runs until 14.05.2025; the case stays open.
    let dir = repository(&[]);
    let at = |date| found(dir.path(), date, "agreement-expiry", false);
    assert_eq!(at("2025-05-06"), []);
    assert_eq!(at("2025-05-07"), one("срок истекает", "2025-05-14"));
    assert_eq!(at("2025-05-14"), one("срок истекает", "2025-05-14"));
    assert_eq!(at("2025-05-15"), one("просрочено", "2025-05-14"));
    // Closed on the last day of the agreement: nothing owed.
    let closed = repository(&[(
        "консилиумы:",
        "закрытие:\n  дата: 2025-05-14\n  основание: улучшение\nконсилиумы:",
    )]);
    assert_eq!(
        found(closed.path(), "2025-05-15", "agreement-expiry", true),
        []
    );
}

#[test]
fn a_supplementary_agreement_signed_in_time_extends_the_term() {
    let base = fs::read_to_string(fixture("base/cases/2024-001.yaml")).unwrap();
    let line = base
        .lines()
        .find(|l| l.trim_start().starts_with("обязательства_центра:"))
        .unwrap();
    let extended = format!(
        "{line}\n  дополнительные_соглашения:\n    - номер: \"1\"\n      дата: 2025-05-12\n      срок_до: 2025-12-31"
    );
    let dir = repository(&[(line, extended.as_str())]);
    let at = |date| found(dir.path(), date, "agreement-expiry", false);
    // Before the supplement is signed, the old term is what counts.
    assert_eq!(at("2025-05-11"), one("срок истекает", "2025-05-14"));
    // Signed on 12.05.2025: the agreement runs to the end of the year.
    assert_eq!(at("2025-05-15"), []);
    assert_eq!(at("2026-01-01"), one("просрочено", "2025-12-31"));
}

#[test]
fn a_draft_programme_not_approved_within_10_working_days() {
    // Presented on Monday 06.05.2024; 9 and 10 May are holidays: due 22.05.2024.
    let dir = repository(&[
        ("  утверждена: 2024-05-13\n", ""),
        ("  направлена: 2024-05-15\n", ""),
    ]);
    let at = |date| found(dir.path(), date, "programme-approval", false);
    assert_eq!(at("2024-05-14"), []);
    assert_eq!(at("2024-05-15"), one("срок истекает", "2024-05-22"));
    assert_eq!(at("2024-05-22"), one("срок истекает", "2024-05-22"));
    assert_eq!(at("2024-05-23"), one("просрочено", "2024-05-22"));
    // Approved on the last day, or a day late.
    let approved = |on: &str| {
        repository(&[
            ("  утверждена: 2024-05-13", &format!("  утверждена: {on}")),
            ("  направлена: 2024-05-15", "  направлена: 2024-05-24"),
        ])
    };
    let in_time = approved("2024-05-22");
    assert_eq!(
        found(in_time.path(), "2024-07-01", "programme-approval", true),
        []
    );
    let late = approved("2024-05-23");
    assert_eq!(
        found(late.path(), "2024-07-01", "programme-approval", true),
        one("выполнено с опозданием", "2024-05-22")
    );
}

#[test]
fn a_consent_withdrawn_while_the_case_stays_open() {
    // Withdrawn 02.09.2024: processing stops within 30 days, by 02.10.2024.
    let dir = repository(&[(
        "  подписал: Тестова Мария Ивановна\n",
        "  подписал: Тестова Мария Ивановна\n  отозвано: 2024-09-02\n",
    )]);
    let at = |date| found(dir.path(), date, "consent-withdrawn", false);
    assert_eq!(at("2024-09-01"), []);
    assert_eq!(at("2024-09-24"), []);
    assert_eq!(at("2024-09-25"), one("срок истекает", "2024-10-02"));
    assert_eq!(at("2024-10-03"), one("просрочено", "2024-10-02"));
}

#[test]
fn a_family_members_own_consent_withdrawn_while_the_case_stays_open() {
    // The grandmother withdraws her own consent on 02.09.2024: her data must stop being
    // processed by 02.10.2024, while the mother's consent keeps the case going.
    let grandmother = "    - фио: Тестова Нина Павловна\n      роль: бабушка\n      дата_рождения: 1960-01-20\n      согласие_пдн:\n        дата: 2024-04-25\n";
    let dir = repository(&[(
        "  проблемы:",
        &format!("{grandmother}        отозвано: 2024-09-02\n  проблемы:"),
    )]);
    let at = |date| found(dir.path(), date, "consent-withdrawn", false);
    assert_eq!(at("2024-09-01"), []);
    assert_eq!(at("2024-09-25"), one("срок истекает", "2024-10-02"));
    assert_eq!(at("2024-10-03"), one("просрочено", "2024-10-02"));
    let output = run(&[
        "check",
        "--root",
        dir.path().to_str().unwrap(),
        "--as-of",
        "2024-10-03",
    ]);
    let text = stdout(&output);
    assert!(
        text.contains("согласие Тестовой Нины Павловны на обработку персональных данных отозвано 02.09.2024: до 02.10.2024 прекратите обработку её данных"),
        "{text}"
    );
    // Her data removed from the case (or a consent given again): nothing is owed.
    let kept = repository(&[("  проблемы:", &format!("{grandmother}  проблемы:"))]);
    assert_eq!(
        found(kept.path(), "2024-10-03", "consent-withdrawn", false),
        []
    );
}

/// A threat found on Friday 07.06.2024, and the notices given.
fn threat(notices: &str) -> testdir::TempDir {
    repository(&[(
        "консилиумы:",
        &format!(
            "угрозы:\n  - дата: 2024-06-07\n    описание: ребёнок оставлен без присмотра\n{notices}консилиумы:"
        ),
    )])
}

#[test]
fn a_threat_to_a_child_needs_an_urgent_notice_by_the_next_working_day() {
    let dir = threat("");
    let at = |date| found(dir.path(), date, "urgent-notice", false);
    assert_eq!(at("2024-06-06"), []);
    assert_eq!(at("2024-06-07"), one("срок истекает", "2024-06-10"));
    assert_eq!(at("2024-06-10"), one("срок истекает", "2024-06-10"));
    assert_eq!(at("2024-06-11"), one("просрочено", "2024-06-10"));
    let notice = |date: &str| {
        format!(
            "сообщения:\n  - дата: {date}\n    адресат: КДН и ЗП\n    вид: срочное сообщение\n    содержание: об угрозе\n    исходящий_номер: 01-12/7\n"
        )
    };
    let in_time = threat(&notice("2024-06-10"));
    assert_eq!(
        found(in_time.path(), "2024-07-01", "urgent-notice", true),
        []
    );
    let late = threat(&notice("2024-06-11"));
    assert_eq!(
        found(late.path(), "2024-07-01", "urgent-notice", true),
        one("выполнено с опозданием", "2024-06-10")
    );
}

/// The base case closed on 30.09.2024 by hand-over to guardianship, with these notices.
fn handed_over(notices: &str) -> testdir::TempDir {
    repository(&[(
        "консилиумы:",
        &format!(
            "{notices}закрытие:\n  дата: 2024-09-30\n  основание: передача в органы опеки\nконсилиумы:"
        ),
    )])
}

#[test]
fn a_hand_over_closure_needs_its_letter_and_stays_on_the_agenda_until_it_is_recorded() {
    let letter = |to: &str| {
        format!(
            "сообщения:\n  - дата: 2024-09-30\n    адресат: {to}\n    вид: передача случая\n    содержание: информация о семье\n"
        )
    };
    let dir = handed_over("");
    // On the closure day the letter may still go out; the day after it is overdue, and the
    // default agenda shows it although the case is closed.
    assert_eq!(
        found(dir.path(), "2024-09-30", "handover-notice", false),
        one("срок истекает", "2024-09-30")
    );
    assert_eq!(
        found(dir.path(), "2024-10-01", "handover-notice", false),
        one("просрочено", "2024-09-30")
    );
    let human = stdout(&run(&[
        "check",
        "--root",
        dir.path().to_str().unwrap(),
        "--as-of",
        "2024-10-01",
    ]));
    assert!(
        human.contains("случай закрыт 30.09.2024 с передачей в органы опеки, а письмо о передаче"),
        "{human}"
    );
    // A letter to the wrong body does not count; to guardianship it does.
    let wrong = handed_over(&letter("КДН и ЗП"));
    assert_eq!(
        found(wrong.path(), "2024-10-01", "handover-notice", false),
        one("просрочено", "2024-09-30")
    );
    let right = handed_over(&letter("органы опеки"));
    assert_eq!(
        found(right.path(), "2024-10-01", "handover-notice", true),
        []
    );
}

#[test]
fn a_missed_visit_of_a_month_gone_by_is_a_past_violation_kept_apart() {
    // The base case has one visit, in May 2024: June's is missed.
    let dir = repository(&[]);
    let june = ("просрочено".to_owned(), "2024-06-30".to_owned(), true);
    let july_due = ("срок истекает".to_owned(), "2024-07-31".to_owned(), false);
    assert_eq!(
        found(dir.path(), "2024-07-10", "monthly-visit", false),
        std::slice::from_ref(&june)
    );
    // What can still be done comes first.
    assert_eq!(
        found(dir.path(), "2024-07-25", "monthly-visit", false),
        [july_due, june]
    );
    // check lists it in its own section, after what can still be done, and counts it apart.
    let human = stdout(&run(&[
        "check",
        "--root",
        dir.path().to_str().unwrap(),
        "--as-of",
        "2024-07-25",
    ]));
    let past = human
        .find("Нарушения в прошлом (срок прошёл, исполнить уже нельзя):")
        .unwrap_or_else(|| panic!("{human}"));
    let due = human.find("Срок истекает (в ближайшие 7 дней):").unwrap();
    assert!(due < past, "{human}");
    assert!(
        human[past..].contains("нет посещения семьи за июнь 2024"),
        "{human}"
    );
    assert!(human.contains("нарушений в прошлом 1;"), "{human}");
    // The agenda page lists it in its own table.
    let out = dir.path().join("out");
    build_ok(dir.path(), &out, "2024-07-25");
    let page = fs::read_to_string(out.join("повестка.html")).unwrap();
    let apart = page
        .find("<h2>Нарушения в прошлом</h2>")
        .unwrap_or_else(|| panic!("{page}"));
    assert!(
        page[apart..].contains("нет посещения семьи за июнь 2024"),
        "{page}"
    );
    assert!(
        !page[..apart].contains("нет посещения семьи за июнь 2024"),
        "{page}"
    );
}

#[test]
fn the_quarters_справка_lists_its_own_past_violations_apart_from_what_is_overdue() {
    // The base case has a visit in May 2024; with one more in September, June, July and August
    // are missed.
    let dir = repository(&[(
        "консилиумы:",
        "  - дата: 2024-09-20\n    участники: [Кураторова В. Г.]\n    итог: семья на связи\nконсилиумы:",
    )]);
    let out = dir.path().join("out");
    build_ok(dir.path(), &out, "2024-10-15");
    for ext in ["pdf", "html"] {
        let file = out.join(format!("отчёты/2024-Q3/справка-2024-Q3-центр.{ext}"));
        let text = match ext {
            "pdf" => pdftotext(&file),
            _ => html_text(&fs::read_to_string(&file).unwrap()),
        };
        let text = normalise(&text);
        let overdue = text.find("просрочено на конец квартала").unwrap();
        let past = text
            .find("нарушения сроков в квартале, исправить которые уже нельзя")
            .unwrap_or_else(|| panic!("{ext}: no section of past violations:\n{text}"));
        assert!(overdue < past, "{text}");
        let (current, gone) = (&text[overdue..past], &text[past..]);
        for month in ["июль 2024", "август 2024"] {
            let missed = format!("нет посещения семьи за {month}");
            assert!(
                gone.contains(&missed),
                "{ext}: «{missed}» not among the past:\n{gone}"
            );
            assert!(
                !current.contains(&missed),
                "{ext}: «{missed}» listed as current"
            );
        }
        // June's visit was the second quarter's violation, reported in its own справка.
        assert!(!text.contains("за июнь 2024"), "{ext}: {text}");
    }
}
