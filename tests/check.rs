//! `kurator check`: the agenda over the demo repository and over small fixture repositories.

mod common;

use std::fs;

use common::*;

fn check(root: &std::path::Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["check", "--root", root.to_str().unwrap()];
    all.extend_from_slice(args);
    run(&all)
}

/// The demo data was written with gaps; as of 30 June 2025 the agenda lists them.
#[test]
fn the_demo_agenda_as_of_2025_06_30() {
    let output = check(&project_root(), &["--as-of", "2025-06-30"]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert_snapshot(
        &project_root().join("tests/snapshots/check-demo-2025-06-30.txt"),
        &text,
    );
    for expected in [
        "Повестка на 30.06.2025",
        "Белозёрова Н. А.",
        "нагрузка 133 %: СОП 8 из 6",
        "Нарушения в прошлом (срок прошёл, исполнить уже нельзя):\n    2024-007  срок 31.01.2025: нет посещения семьи за январь 2025",
        "нет решения консилиума по семье за 1 квартал 2025",
        "2025-007  срок 01.07.2025 (осталось 1 дн.): не отмечено, что проект программы представлен рабочей группе",
        "Положение о кураторе семьи, пп. 1.5.2, 3.1 · cases/2025-007.yaml:",
    ] {
        assert!(text.contains(expected), "missing «{expected}» in\n{text}");
    }
}

#[test]
fn the_demo_agenda_as_json() {
    let output = check(
        &project_root(),
        &["--as-of", "2025-06-30", "--format", "json"],
    );
    assert_eq!(output.status.code(), Some(0));
    let items: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).expect("JSON");
    assert!(items.len() >= 10, "{}", items.len());
    for item in &items {
        let keys: Vec<&str> = item
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            [
                "case", "rule", "clause", "status", "due", "curator", "file", "line", "message",
                "past"
            ]
        );
        assert!(
            ["просрочено", "срок истекает", "превышение"]
                .contains(&item["status"].as_str().unwrap())
        );
        assert!(item["clause"].as_str().unwrap().starts_with("Положение"));
        assert!(item["line"].as_u64().unwrap() >= 1);
    }
    let rules: std::collections::BTreeSet<&str> =
        items.iter().map(|i| i["rule"].as_str().unwrap()).collect();
    for rule in [
        "caseload",
        "measure-deadline",
        "monthly-visit",
        "programme-draft",
        "quarterly-consilium",
    ] {
        assert!(rules.contains(rule), "{rule} not found: {rules:?}");
    }
    let all = check(
        &project_root(),
        &["--as-of", "2025-06-30", "--format", "json", "--all"],
    );
    let all: Vec<serde_json::Value> = serde_json::from_slice(&all.stdout).unwrap();
    assert!(
        all.iter()
            .any(|i| i["status"] == "выполнено с опозданием" && i["rule"] == "programme-sent")
    );
    assert!(all.len() > items.len());
}

#[test]
fn strict_curator_and_github() {
    let root = project_root();
    assert_eq!(
        check(&root, &["--as-of", "2025-06-30", "--strict"])
            .status
            .code(),
        Some(1)
    );
    let mine = check(
        &root,
        &[
            "--as-of",
            "2025-06-30",
            "--format",
            "json",
            "--curator",
            "Кречетова Е. В.",
        ],
    );
    let mine: Vec<serde_json::Value> = serde_json::from_slice(&mine.stdout).unwrap();
    assert!(mine.iter().all(|i| i["curator"] == "Кречетова Е. В."));
    let typo = check(
        &root,
        &["--as-of", "2025-06-30", "--curator", "Кречетова Е.В."],
    );
    assert_eq!(typo.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&typo.stderr)
            .contains("возможно, имелось в виду «Кречетова Е. В.»")
    );
    let github = stdout(&check(
        &root,
        &["--as-of", "2025-06-30", "--format", "github"],
    ));
    assert!(!github.is_empty());
    for line in github.lines() {
        assert!(
            line.starts_with("::warning file=") || line.starts_with("::notice file="),
            "{line}"
        );
    }
    // Nothing due: an early date before any case arrived.
    let quiet = check(&root, &["--as-of", "2023-06-30", "--strict"]);
    assert_eq!(quiet.status.code(), Some(0));
    assert!(stdout(&quiet).contains("Просроченных и срочных дел нет."));
}

#[test]
fn findings_never_fail_validate() {
    let output = run(&["validate", "--root", project_root().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
}

#[test]
fn data_errors_are_reported_as_by_validate() {
    let repo = base_repo();
    fs::copy(
        fixture("invalid/cases/date-dotted.yaml"),
        repo.path().join("cases/date-dotted.yaml"),
    )
    .unwrap();
    let output = check(repo.path(), &["--as-of", "2024-07-01", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let items: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["code"], "date");
}

/// A year kurator does not know is an error naming it; the repository's calendar/ adds it.
#[test]
fn a_repository_calendar_year_makes_its_deadlines_countable() {
    let repo = base_repo();
    let case = fs::read_to_string(repo.path().join("cases/2024-001.yaml")).unwrap();
    let old = case
        .replace("2024-001", "2022-001")
        .replace("2024-0", "2022-0")
        .replace("2025-05-14", "2023-05-14");
    fs::write(repo.path().join("cases/2022-001.yaml"), old).unwrap();
    let meeting = fs::read_to_string(repo.path().join("meetings/2024-06-27.yaml")).unwrap();
    fs::write(
        repo.path().join("meetings/2022-06-27.yaml"),
        meeting.replace("2024-06-27", "2022-06-27"),
    )
    .unwrap();
    let missing = run(&["validate", "--root", repo.path().to_str().unwrap()]);
    assert_eq!(missing.status.code(), Some(1));
    let text = stdout(&missing);
    assert!(text.contains("cases/2022-001.yaml:4:9: ошибка: сроки случая не сосчитать: нет производственного календаря на 2022 год"), "{text}");
    assert!(text.contains("calendar/2022.yaml"), "{text}");

    fs::create_dir(repo.path().join("calendar")).unwrap();
    let year = kurator::calendar::template(2022)
        .replace("от ДД.ММ.ГГГГ № …", "от 16.09.2021 № 1564")
        .replace(
            "перенесённые_выходные: []",
            "перенесённые_выходные: [2022-03-07, 2022-05-02, 2022-05-03, 2022-05-10, 2022-06-13]",
        );
    fs::write(repo.path().join("calendar/2022.yaml"), year).unwrap();
    let output = run(&["validate", "--root", repo.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let agenda = check(
        repo.path(),
        &["--as-of", "2022-06-30", "--format", "json", "--all"],
    );
    assert_eq!(agenda.status.code(), Some(0), "{}", stdout(&agenda));

    fs::write(
        repo.path().join("calendar/2022.yaml"),
        "год: 2021\nоснование: x\nпраздники: [2021-01-01]\n",
    )
    .unwrap();
    let wrong = stdout(&run(&["validate", "--root", repo.path().to_str().unwrap()]));
    assert!(
        wrong.contains(
            "calendar/2022.yaml:1:6: ошибка: год 2021 не совпадает с именем файла «2022»"
        ),
        "{wrong}"
    );
}
