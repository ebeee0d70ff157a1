//! The curators' desk (issue 21): a page per curator with exactly the families they hold on the
//! as-of date, the same overdue and due items as `kurator check --curator`, and calendars whose
//! events are the agenda's deadlines under UIDs that survive a rebuild and a moved deadline.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use common::*;

/// The base fixture and two more families: 2024-002 handed from Кураторова to Опекунов on
/// 2024-07-01, 2024-003 (Кураторова's) closed on 2024-07-05.
fn repository() -> testdir::TempDir {
    let repo = base_repo();
    let base = fs::read_to_string(repo.path().join("cases/2024-001.yaml")).unwrap();
    let handed = base
        .replace("номер: 2024-001", "номер: 2024-002")
        .replace("фамилия: Тестовы", "фамилия: Заменины")
        .replace(
            "куратор: Кураторова В. Г.\n",
            "куратор: Опекунов Д. Е.\nсмена_куратора:\n  - дата: 2024-07-01\n    прежний: Кураторова В. Г.\n    основание: просьба семьи\n",
        );
    fs::write(repo.path().join("cases/2024-002.yaml"), handed).unwrap();
    let closed = base
        .replace("номер: 2024-001", "номер: 2024-003")
        .replace("фамилия: Тестовы", "фамилия: Закрытовы")
        + "закрытие:\n  дата: 2024-07-05\n  основание: улучшение\n";
    fs::write(repo.path().join("cases/2024-003.yaml"), closed).unwrap();
    repo
}

fn build(root: &Path, out: &Path, as_of: &str) {
    let output = kurator()
        .args(["build", "--format", "html", "--as-of", as_of, "--root"])
        .arg(root)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The rows of the table under the heading `h2` of a desk page, as their cells' text.
fn rows_under(html: &str, h2: &str) -> Vec<Vec<String>> {
    let Some(start) = html.find(&format!("<h2>{h2}")) else {
        panic!("no heading «{h2}» in\n{html}");
    };
    let section = &html[start..];
    let section = &section[4..];
    let section = &section[..section.find("<h2>").unwrap_or(section.len())];
    let Some(body) = section.split("<tbody>").nth(1) else {
        return Vec::new();
    };
    let body = &body[..body.find("</tbody>").unwrap()];
    body.split("<tr")
        .skip(1)
        .map(|row| {
            row.split("<td")
                .skip(1)
                .map(|cell| {
                    let cell = &cell[cell.find('>').unwrap() + 1..cell.find("</td>").unwrap()];
                    strip_tags(cell).trim().to_owned()
                })
                .collect()
        })
        .collect()
}

fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in html.chars() {
        match c {
            '<' => inside = true,
            '>' => inside = false,
            c if !inside => out.push(c),
            _ => {}
        }
    }
    out.replace("&quot;", "\"").replace("&amp;", "&")
}

/// Case numbers of the families table of a curator's page.
fn families(out: &Path, slug: &str) -> Vec<String> {
    let html = fs::read_to_string(out.join(format!("кураторы/{slug}.html"))).unwrap();
    rows_under(&html, "Семьи")
        .into_iter()
        .map(|cells| cells[0].clone())
        .collect()
}

/// (case, due dd.mm.yyyy, message) of `kurator check` for a curator, by status.
fn check_items(root: &Path, as_of: &str, curator: &str, within: &str) -> Vec<serde_json::Value> {
    let output = run(&[
        "check",
        "--root",
        root.to_str().unwrap(),
        "--as-of",
        as_of,
        "--curator",
        curator,
        "--within",
        within,
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    serde_json::from_slice(&output.stdout).unwrap()
}

fn short(iso: &str) -> String {
    let parts: Vec<&str> = iso.split('-').collect();
    format!("{}.{}.{}", parts[2], parts[1], parts[0])
}

/// The rows a desk list should hold: check's items with a status (and `past`), as
/// (case, due, message).
fn expected(
    items: &[serde_json::Value],
    status: &str,
    past: bool,
) -> BTreeSet<(String, String, String)> {
    items
        .iter()
        .filter(|i| i["status"] == status && i["past"] == past)
        .map(|i| {
            (
                i["case"].as_str().unwrap_or("—").to_owned(),
                short(i["due"].as_str().unwrap()),
                i["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn listed(html: &str, h2: &str) -> BTreeSet<(String, String, String)> {
    rows_under(html, h2)
        .into_iter()
        .map(|cells| {
            // «31.03.2025 (91 дн. назад)»: the date is the first word.
            let due = cells[1].split_whitespace().next().unwrap_or("").to_owned();
            (cells[0].clone(), due, cells[2].clone())
        })
        .collect()
}

#[test]
fn each_curator_holds_exactly_their_open_families_on_the_date() {
    let repo = repository();
    let (before, after) = (testdir::tempdir().unwrap(), testdir::tempdir().unwrap());
    build(repo.path(), before.path(), "2024-06-28");
    build(repo.path(), after.path(), "2024-07-15");
    // Before the hand-over 2024-002 is Кураторова's; 2024-003 is open.
    assert_eq!(
        families(before.path(), "Кураторова-В-Г"),
        ["2024-001", "2024-002", "2024-003"]
    );
    assert!(families(before.path(), "Опекунов-Д-Е").is_empty());
    // After it, Опекунов holds 2024-002, and the closed 2024-003 is on no desk.
    assert_eq!(families(after.path(), "Кураторова-В-Г"), ["2024-001"]);
    assert_eq!(families(after.path(), "Опекунов-Д-Е"), ["2024-002"]);
    // The index and the case page link the desks.
    // Tera escapes «/» in attributes as &#x2F;.
    let read = |page: &str| {
        fs::read_to_string(after.path().join(page))
            .unwrap()
            .replace("&#x2F;", "/")
    };
    let index = read("index.html");
    assert!(
        index.contains("href=\"кураторы/Опекунов-Д-Е.html\""),
        "{index}"
    );
    assert!(
        index.contains("href=\"кураторы/Опекунов-Д-Е.ics\""),
        "{index}"
    );
    let case = read("cases/2024-002/index.html");
    assert!(
        case.contains("href=\"../../кураторы/Опекунов-Д-Е.html\""),
        "{case}"
    );
}

#[test]
fn the_week_s_papers_are_on_the_desk_and_the_week_prints_alone() {
    let repo = repository();
    let out = testdir::tempdir().unwrap();
    // Wednesday 15 May 2024: the agreement and the programme's sending of 2024-001 are dated today.
    build(repo.path(), out.path(), "2024-05-15");
    let html = fs::read_to_string(out.path().join("кураторы/Кураторова-В-Г.html")).unwrap();
    let papers = html
        .split("<h2>Документы на подпись на этой неделе (13.05.2024 — 19.05.2024)</h2>")
        .nth(1)
        .unwrap_or_else(|| panic!("no papers of the week in\n{html}"));
    let papers = &papers[..papers.find("<h2>").unwrap()];
    assert!(
        papers.contains("Договор о социальном сопровождении № 17"),
        "{papers}"
    );
    // What does not belong to the week is marked for the screen only.
    let printed = &html[..html.find("<div class=\"screen-only\">").unwrap()];
    assert!(!printed.contains("<h2>Семьи</h2>"), "{printed}");
}

#[test]
fn the_desk_lists_equal_kurator_check() {
    let root = project_root();
    let out = testdir::tempdir().unwrap();
    let as_of = "2025-06-30";
    build(&root, out.path(), as_of);
    let mut compared = 0;
    for (curator, slug) in [
        ("Белозёрова Н. А.", "Белозёрова-Н-А"),
        ("Кречетова Е. В.", "Кречетова-Е-В"),
        ("Мельникова О. П.", "Мельникова-О-П"),
        ("Сазонов Д. И.", "Сазонов-Д-И"),
    ] {
        let html = fs::read_to_string(out.path().join(format!("кураторы/{slug}.html"))).unwrap();
        let week = check_items(&root, as_of, curator, "7");
        let month = check_items(&root, as_of, curator, "30");
        for (h2, items, status, past) in [
            ("Просрочено", &week, "просрочено", false),
            ("Нарушения в прошлом", &week, "просрочено", true),
            ("Срок в ближайшие 7 дней", &week, "срок истекает", false),
            ("Срок в ближайшие 30 дней", &month, "срок впереди", false),
        ] {
            let want = expected(items, status, past);
            let have = if html.contains(&format!("<h2>{h2}")) {
                listed(&html, h2)
            } else {
                BTreeSet::new()
            };
            assert_eq!(have, want, "{curator}: «{h2}»");
            compared += want.len();
        }
        // The 30-day look-ahead adds nothing before the 8th day.
        assert_eq!(
            expected(&month, "срок истекает", false),
            expected(&week, "срок истекает", false)
        );
    }
    assert!(compared >= 10, "the demo has items to compare: {compared}");
}

/// (UID, DTSTART, SUMMARY) of every event of an .ics file, lines unfolded.
fn events(ics: &str) -> Vec<(String, String, String)> {
    let unfolded = ics.replace("\r\n ", "");
    let mut out = Vec::new();
    for event in unfolded.split("BEGIN:VEVENT").skip(1) {
        let field = |name: &str| {
            event
                .lines()
                .find_map(|l| l.strip_prefix(name))
                .unwrap_or_default()
                .to_owned()
        };
        out.push((
            field("UID:"),
            field("DTSTART;VALUE=DATE:"),
            field("SUMMARY:"),
        ));
    }
    out
}

#[test]
fn calendars_keep_their_uids_and_move_a_moved_deadline() {
    let repo = repository();
    let (first, second, moved) = (
        testdir::tempdir().unwrap(),
        testdir::tempdir().unwrap(),
        testdir::tempdir().unwrap(),
    );
    // As of 2025-04-20 the agreement of 2024-001 (to 2025-05-14) is 24 days ahead.
    build(repo.path(), first.path(), "2025-04-20");
    build(repo.path(), second.path(), "2025-04-20");
    for file in ["календарь.ics", "кураторы/Кураторова-В-Г.ics"] {
        let a = fs::read(first.path().join(file)).unwrap();
        let b = fs::read(second.path().join(file)).unwrap();
        assert_eq!(a, b, "{file} differs between two builds");
    }
    let centre = fs::read_to_string(first.path().join("календарь.ics")).unwrap();
    assert!(
        centre.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"),
        "{centre}"
    );
    for line in centre.split("\r\n") {
        assert!(line.len() <= 75, "a line longer than 75 octets: {line}");
    }
    let before = events(&centre);
    let uids: BTreeSet<&str> = before.iter().map(|e| e.0.as_str()).collect();
    assert_eq!(uids.len(), before.len(), "UIDs are unique: {before:?}");
    let agreement = |events: &[(String, String, String)]| {
        events
            .iter()
            .find(|e| e.0.starts_with("2024-001.agreement-expiry."))
            .cloned()
            .unwrap_or_else(|| panic!("no agreement event in {events:?}"))
    };
    let old = agreement(&before);
    assert_eq!(old.1, "20250514");
    // No family name by default: the number and the initial.
    assert!(
        old.2.starts_with("2024-001 Т.: окончание срока договора"),
        "{old:?}"
    );
    assert!(!centre.contains("Тестовы"), "{centre}");

    // The agreement is extended by a week: the same event, on the new date.
    let case = repo.path().join("cases/2024-001.yaml");
    let text = fs::read_to_string(&case).unwrap();
    fs::write(
        &case,
        text.replace("срок_до: 2025-05-14", "срок_до: 2025-05-21"),
    )
    .unwrap();
    build(repo.path(), moved.path(), "2025-04-20");
    let after = events(&fs::read_to_string(moved.path().join("календарь.ics")).unwrap());
    let new = agreement(&after);
    assert_eq!(
        (new.0.as_str(), new.1.as_str()),
        (old.0.as_str(), "20250521")
    );
    // Everything else is as it was.
    let rest = |events: &[(String, String, String)]| {
        events
            .iter()
            .filter(|e| e.0 != old.0)
            .cloned()
            .collect::<Vec<_>>()
    };
    assert_eq!(rest(&before), rest(&after));
}

#[test]
fn the_centre_may_turn_on_details() {
    let repo = repository();
    let config = repo.path().join("kurator.yaml");
    let text = fs::read_to_string(&config).unwrap();
    fs::write(&config, text + "календари:\n  подробно: да\n").unwrap();
    let out = testdir::tempdir().unwrap();
    build(repo.path(), out.path(), "2025-04-20");
    let centre = fs::read_to_string(out.path().join("календарь.ics")).unwrap();
    let unfolded = centre.replace("\r\n ", "");
    assert!(
        unfolded.contains("SUMMARY:2024-001 Тестовы: договор № 17 действует до 14.05.2025"),
        "{unfolded}"
    );
}
