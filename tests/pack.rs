//! Indicators against figures computed by hand, and `kurator pack`: contents, determinism,
//! the manifest, anonymisation and the refusal of uncommitted changes.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::{copy_dir, fixture, git, pack, project_root, run, stdout};
use kurator::indicators::{CriterionFigures, Figures, Period, Scope, Share, period_shares};
use sha2::{Digest, Sha256};

fn share(done: u32, of: u32) -> Share {
    Share { done, of }
}

/// The three families of `tests/fixtures/indicators` in the third quarter of 2024, counted by
/// hand from the files (dates in the comments).
#[test]
fn indicator_figures_equal_hand_computed_values() {
    let (repo, errors) = kurator::load::load(&fixture("indicators")).unwrap();
    assert!(errors.is_empty(), "{errors:?}");
    let q3 = Period::quarter(2024, 3);
    let f = Figures::compute(&repo, &repo.calendar(), q3).unwrap();
    // On 30.06: 2024-001 (since 22.04) and 2024-003 (since 15.01, closed 30.08); 2024-002 came
    // on 01.07. On 30.09: 2024-001 and 2024-002.
    let m = &f.movement;
    assert_eq!((m.start, m.opened, m.closed_total, m.end), (2, 1, 1, 2));
    assert_eq!(m.closed.improvement, 1);
    assert_eq!(m.closed.loss_of_parental_rights, 0);
    // One son in each family: 2024-001 (ТЖС) and 2024-002 (СОП) on 30.09; 2024-002's son
    // returned on 10.09.
    let c = &f.children;
    assert_eq!(
        (c.at_end, c.by_category.sop, c.by_category.tzhs, c.returned),
        (2, 1, 1, 1)
    );
    // Social effect: 2 + 1 = 3 families in the quarter, one closed for improvement; three
    // sons, one returned.
    let e = &f.social_effect;
    assert_eq!(e.families, 3);
    assert_eq!(e.closed_improvement, share(1, 3));
    assert_eq!(e.children_returned, share(1, 3));
    // Consilium 26.09: 2024-001 положительная, 2024-002 без изменений.
    assert_eq!(f.positive_dynamics, share(1, 2));
    // Criteria: 2024-001 20.08 against 25.04 (вредные привычки неприменимо; досуг частично → да;
    // быт частично → нет; the other five да → да); 2024-002 first inspected on 03.07;
    // 2024-003 no inspection with criteria in the quarter.
    let criteria = &f.criteria;
    let families = [
        criteria.compared,
        criteria.first_inspection,
        criteria.not_inspected,
    ];
    assert_eq!((criteria.families, families), (3, [1, 1, 1]));
    let column =
        |get: fn(&CriterionFigures) -> u32| criteria.items.iter().map(get).collect::<Vec<_>>();
    assert_eq!(column(|i| i.improved), [0, 0, 0, 1, 0, 0, 0, 0], "досуг");
    assert_eq!(column(|i| i.unchanged), [0, 1, 1, 0, 1, 1, 1, 0]);
    assert_eq!(column(|i| i.worse), [0, 0, 0, 0, 0, 0, 0, 1], "быт");
    let t = &f.timeliness;
    // 2024-002: 10 working days after 01.07 is 15.07, the draft came 19.07; approved 22.07,
    // due 25.07, sent 24.07. The other cases' deadlines fell before July.
    assert_eq!(t.programme_on_time, share(0, 1));
    assert_eq!(t.sent_on_time, share(1, 1));
    // Months needing a visit: 2024-001 Jul, Aug, Sep (visits 10.07, 05.09); 2024-002 Jul, Aug,
    // Sep (all three); 2024-003 July only (closed 30.08, visit 05.07).
    assert_eq!(t.visits_kept, share(6, 7));
    // The quarter needs a consilium for 2024-001 and 2024-002 (both held 26.09); 2024-003
    // closed within it.
    assert_eq!(t.consilium_held, share(2, 2));
    // Judged on every day of the quarter: Кураторова (2024-001, 2024-002: one ТЖС and one СОП)
    // and Опекунов (2024-003 until it closed on 30.08) had families; both stayed within the limit.
    assert_eq!(t.caseload_within, share(2, 2));

    let mine = f.curator("Кураторова В. Г.").unwrap();
    assert_eq!(
        (mine.start, mine.opened, mine.closed_total, mine.end),
        (1, 1, 0, 2)
    );
    let mine = period_shares(
        &repo,
        &repo.calendar(),
        q3,
        Scope::Curator("Кураторова В. Г."),
    )
    .unwrap();
    assert_eq!(mine.timeliness.visits_kept, share(5, 6));
    let previous = Figures::compute(&repo, &repo.calendar(), q3.previous()).unwrap();
    let m = &previous.movement;
    assert_eq!((m.start, m.opened, m.end), (1, 1, 2));
}

/// A committed copy of a fixture in a temporary git repository.
fn committed(name: &str) -> testdir::TempDir {
    let dir = testdir::tempdir().unwrap();
    copy_dir(&fixture(name), dir.path());
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-q", "-m", "Данные"]);
    dir
}

fn pdf_text(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .args([path.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext runs (poppler-utils)");
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// All text of a pack folder: PDF text and HTML, whitespace folded.
fn pack_text(folder: &Path) -> String {
    let mut text = String::new();
    for entry in fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        match path.extension().and_then(|e| e.to_str()) {
            Some("pdf") => text.push_str(&pdf_text(&path)),
            Some("html" | "json") => text.push_str(&fs::read_to_string(&path).unwrap()),
            _ => {}
        }
        text.push('\n');
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_pack_is_byte_identical_for_one_commit_and_its_manifest_holds() {
    let repo = committed("indicators");
    let (a, b) = (testdir::tempdir().unwrap(), testdir::tempdir().unwrap());
    for out in [a.path(), b.path()] {
        let output = pack(repo.path(), out, &[]);
        assert!(output.status.success(), "{output:?}");
    }
    let zip_a = fs::read(a.path().join("packs/2024-Q3.zip")).unwrap();
    let zip_b = fs::read(b.path().join("packs/2024-Q3.zip")).unwrap();
    assert!(zip_a == zip_b, "two packs of one commit differ");

    let folder = a.path().join("packs/2024-Q3");
    let manifest: serde_json::Value =
        serde_json::from_slice(&fs::read(folder.join("manifest.json")).unwrap()).unwrap();
    let head = Command::new("git")
        .args(["-C", repo.path().to_str().unwrap(), "rev-parse", "HEAD"])
        .output()
        .unwrap();
    assert_eq!(manifest["commit"], stdout(&head).trim());
    assert_eq!(manifest["uncommitted_changes"], false);
    let files = manifest["files"].as_array().unwrap();
    let on_disk = fs::read_dir(&folder).unwrap().count();
    assert_eq!(
        files.len() + 1,
        on_disk,
        "every file but the manifest is listed"
    );
    for f in files {
        let bytes = fs::read(folder.join(f["file"].as_str().unwrap())).unwrap();
        assert_eq!(f["bytes"], bytes.len());
        let hash: String = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(f["sha256"], hash, "{}", f["file"]);
    }
    let names: Vec<&str> = files.iter().map(|f| f["file"].as_str().unwrap()).collect();
    for expected in [
        "протокол-консилиума-2024-09-26.pdf",
        "справка-2024-Q3-центр.pdf",
        "справка-2024-Q3-Кураторова-В-Г.pdf",
        "справка-2024-Q3-Опекунов-Д-Е.pdf",
        "показатели-2024-Q3.pdf",
        "журнал-2024-на-2024-09-30.pdf",
        "программа-ред1-2024-002.pdf",
        "итоговый-отчёт-2024-003.pdf",
        "index.html",
    ] {
        assert!(
            names.contains(&expected),
            "{expected} missing from {names:?}"
        );
    }
    // The figures computed by hand above, as the documents print them.
    let indicators = pdf_text(&folder.join("показатели-2024-Q3.pdf"));
    let indicators = indicators.split_whitespace().collect::<Vec<_>>().join(" ");
    for figure in [
        "6 из 7 (85,7 %)",
        "1 из 2 (50 %)",
        "0 из 1 (0 %)",
        "2 из 2 (100 %)",
    ] {
        assert!(indicators.contains(figure), "{figure} not in {indicators}");
    }
    // A zip tool nobody here wrote reads the archive back.
    let check = Command::new("python3")
        .args(["-c", "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print(len(z.namelist()))"])
        .arg(a.path().join("packs/2024-Q3.zip"))
        .output()
        .expect("python3 runs");
    assert!(check.status.success(), "{check:?}");
    assert_eq!(stdout(&check).trim(), on_disk.to_string());
}

/// Whether `text` holds `words` as whole words («Тестовы» is not in «Тестовый»).
fn contains_words(text: &str, words: &str) -> bool {
    text.match_indices(words).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + words.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[test]
fn the_anonymised_pack_names_nobody_of_the_families() {
    let repo = committed("indicators");
    let out = testdir::tempdir().unwrap();
    let output = pack(repo.path(), out.path(), &["--anonymise"]);
    assert!(output.status.success(), "{output:?}");
    let text = pack_text(&out.path().join("packs/2024-Q3-обезличенный"));
    for name in [
        "Тестова Мария Ивановна",
        "Тестов Иван Петрович",
        "Проверкина Анна Олеговна",
        "Проверкин Олег Сергеевич",
        "Закрытова Вера Павловна",
        "Закрытов Пётр Андреевич",
        "Тестовы",
        "Проверкины",
        "Закрытовы",
        "Проверкиной",
        "Садовая, д. 5",
        "15.03.1990",
        "89001234567",
    ] {
        assert!(
            !contains_words(&text, name),
            "«{name}» is in the anonymised pack"
        );
    }
    assert!(
        text.contains("семья № 2024-002") || text.contains("семьи № 2024-002"),
        "families are named by case number"
    );
    // Members are not even initials: a kinship word stands for each, nothing else of them.
    assert!(!text.contains("П. А. О."), "members by initials");
    assert!(text.contains("мать<br>сын"), "members by kinship");
    assert!(text.contains("Кураторова В. Г."), "staff keep their names");
    // kurator's own figures and words pass: the social effect with its base, children, criteria.
    for kept in [
        "База снятых — семьи на сопровождении в периоде",
        "Детей в семьях на сопровождении на конец периода",
        "Снято в связи с улучшением ситуации в семье",
        "Семей на сопровождении в периоде: 3; обследованы в периоде и сравнены",
    ] {
        assert!(
            text.contains(kept),
            "«{kept}» is not in the anonymised pack"
        );
    }
}

#[test]
fn uncommitted_changes_and_missing_git_are_refused_unless_allowed() {
    let repo = committed("indicators");
    let out = testdir::tempdir().unwrap();
    let case = repo.path().join("cases/2024-001.yaml");
    fs::write(&case, fs::read_to_string(&case).unwrap() + "\n").unwrap();
    let refused = pack(repo.path(), out.path(), &[]);
    assert_eq!(refused.status.code(), Some(2));
    let message = String::from_utf8_lossy(&refused.stderr);
    assert!(
        message.contains("незафиксированные изменения (cases/2024-001.yaml)"),
        "{message}"
    );
    assert!(!out.path().join("packs").exists(), "nothing written");
    let allowed = pack(repo.path(), out.path(), &["--allow-dirty"]);
    assert!(allowed.status.success(), "{allowed:?}");
    let manifest = fs::read_to_string(out.path().join("packs/2024-Q3/manifest.json")).unwrap();
    assert!(manifest.contains("\"uncommitted_changes\": true"));

    let plain = testdir::tempdir().unwrap();
    copy_dir(&fixture("indicators"), plain.path());
    let refused = pack(plain.path(), out.path(), &[]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("не git-репозиторий"));
    let bad = run(&["pack", "2024-Q5", "--root", plain.path().to_str().unwrap()]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("не квартал"));
}

/// The command the project's CI runs on the demo repository.
#[test]
fn the_demo_pack_of_2025_q1_holds_protocols_reports_indicators_and_journal() {
    let out = testdir::tempdir().unwrap();
    let output = run(&[
        "pack",
        "2025-Q1",
        "--allow-dirty",
        "--root",
        project_root().to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{output:?}");
    let folder = out.path().join("packs/2025-Q1");
    let names: Vec<String> = fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for prefix in [
        "протокол-",
        "справка-2025-Q1-центр",
        "показатели-2025-Q1",
        "журнал-2025",
    ] {
        assert!(
            names
                .iter()
                .any(|n| n.starts_with(prefix) && n.ends_with(".pdf")),
            "no {prefix}… in {names:?}"
        );
    }
    let index = fs::read_to_string(folder.join("index.html")).unwrap();
    assert!(index.contains("Протоколы заседаний") && index.contains("Аналитические справки"));
    let report = pdf_text(&folder.join("справка-2025-Q1-центр.pdf"));
    assert!(report.contains("Движение семей"), "{report}");
    // The quarter's figures, as the documents print them (tests/figures.rs), for other programs.
    let (repo, _) = kurator::load::load(&project_root()).unwrap();
    let figures = Figures::compute(&repo, &repo.calendar(), Period::quarter(2025, 1)).unwrap();
    let packed = fs::read_to_string(folder.join("figures.json")).unwrap();
    assert_eq!(packed, figures.to_json());
    let manifest = fs::read_to_string(folder.join("manifest.json")).unwrap();
    assert!(
        manifest.contains("\"file\": \"figures.json\""),
        "{manifest}"
    );
}
