//! `kurator demo --generate`: the generated repository is valid, builds, covers the whole path
//! of a case, is the same for the same seed, and never goes into a folder that has files.

mod common;

use std::fs;

use common::{run, stdout};

#[test]
fn a_generated_repository_is_valid_complete_and_reproducible() {
    let dir = testdir::tempdir().unwrap();
    let repo = dir.path().join("центр");
    let made = run(&[
        "demo",
        "--generate",
        "120",
        "--seed",
        "3",
        repo.to_str().unwrap(),
    ]);
    assert!(made.status.success(), "{made:?}");
    let validate = run(&["validate", "--root", repo.to_str().unwrap()]);
    assert_eq!(validate.status.code(), Some(0), "{}", stdout(&validate));
    assert!(stdout(&validate).contains("Проверено: случаев 120, заседаний 8. Ошибок нет."));

    let cases: Vec<String> = fs::read_dir(repo.join("cases"))
        .unwrap()
        .map(|e| fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    let all = cases.concat();
    for wanted in [
        "категория: СОП",
        "категория: ТЖС",
        "категория: нуждается в поддержке",
        "рефлексивный:",
        "поддерживающий:",
        "закрытие:",
        "корректировки:",
        "смена_куратора:",
        "вид: повторное",
        "вид: итоговое",
        "решение: скорректировать",
        "срочность: экстренная",
        "динамика: отрицательная",
    ] {
        assert!(all.contains(wanted), "no generated case has «{wanted}»");
    }
    let open = cases.iter().filter(|c| !c.contains("закрытие:")).count();
    assert!(open > 30 && open < 110, "{open} of 120 open");

    let out = dir.path().join("out");
    let build = run(&[
        "build",
        "--format",
        "html",
        "--as-of",
        "2025-12-31",
        "--root",
        repo.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(build.status.success(), "{build:?}");

    let again = dir.path().join("снова");
    run(&[
        "demo",
        "--generate",
        "120",
        "--seed",
        "3",
        again.to_str().unwrap(),
    ]);
    let other = dir.path().join("другое");
    run(&[
        "demo",
        "--generate",
        "120",
        "--seed",
        "4",
        other.to_str().unwrap(),
    ]);
    let listing = |root: &std::path::Path| {
        let mut names: Vec<_> = fs::read_dir(root.join("cases"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        names
    };
    assert_eq!(listing(&repo), listing(&again));
    for name in listing(&repo) {
        let path = std::path::Path::new("cases").join(&name);
        assert_eq!(
            fs::read(repo.join(&path)).unwrap(),
            fs::read(again.join(&path)).unwrap(),
            "{} differs for the same seed",
            path.display()
        );
    }
    assert_ne!(
        listing(&repo),
        listing(&other),
        "another seed, other families"
    );

    // A folder with files is never written into.
    let refused = run(&["demo", "--generate", "5", repo.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("не пуста"));
}
