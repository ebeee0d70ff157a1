//! `schema`, `new` and `init`: files written, never overwritten, and valid for `validate`.

mod common;

use std::fs;

use common::*;

#[test]
fn committed_schemas_are_current() {
    let output = run(&[
        "schema",
        "--check",
        "--root",
        project_root().to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
}

#[test]
fn schema_check_names_a_stale_file_and_schema_rewrites_it() {
    let dir = testdir::tempdir().unwrap();
    let root = dir.path().to_str().unwrap();
    assert_eq!(run(&["schema", "--root", root]).status.code(), Some(0));
    assert_eq!(
        run(&["schema", "--check", "--root", root]).status.code(),
        Some(0)
    );
    let case_schema = dir.path().join("schema/case.schema.json");
    let text = fs::read_to_string(&case_schema).unwrap();
    fs::write(&case_schema, text.replace("Номер случая", "Номер")).unwrap();
    let output = run(&["schema", "--check", "--root", root]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).contains("case.schema.json: схема устарела"),
        "{}",
        stdout(&output)
    );
    assert_eq!(run(&["schema", "--root", root]).status.code(), Some(0));
    assert_eq!(fs::read_to_string(&case_schema).unwrap(), text);
}

/// The committed schemas carry the repository's lists for the editor: a curator added to
/// kurator.yaml, or a new meeting, makes them stale until `kurator schema` is run.
#[test]
fn schema_check_fails_when_kurator_yaml_gains_a_curator_or_a_meeting_is_added() {
    let repo = base_repo();
    let root = repo.path().to_str().unwrap();
    assert_eq!(run(&["schema", "--root", root]).status.code(), Some(0));
    let check = run(&["schema", "--check", "--root", root]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));

    let config = repo.path().join("kurator.yaml");
    let text = fs::read_to_string(&config).unwrap();
    let added = text.replace(
        "кураторы:\n",
        "кураторы:\n  - фио: Новикова А. А.\n    должность: психолог\n",
    );
    assert_ne!(added, text);
    fs::write(&config, added).unwrap();
    let check = run(&["schema", "--check", "--root", root]);
    assert_eq!(check.status.code(), Some(1), "{}", stdout(&check));
    let out = stdout(&check);
    assert!(
        out.contains("case.schema.json: схема устарела")
            && out.contains("кураторы в kurator.yaml: добавлены «Новикова А. А.»")
            && out.contains("Обновите схемы командой: kurator schema"),
        "{out}"
    );
    assert_eq!(run(&["schema", "--root", root]).status.code(), Some(0));
    let check = run(&["schema", "--check", "--root", root]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));

    let meeting = fs::read_to_string(repo.path().join("meetings/2024-06-27.yaml")).unwrap();
    fs::write(
        repo.path().join("meetings/2024-09-26.yaml"),
        meeting.replace("2024-06-27", "2024-09-26"),
    )
    .unwrap();
    let check = run(&["schema", "--check", "--root", root]);
    assert_eq!(check.status.code(), Some(1), "{}", stdout(&check));
    assert!(
        stdout(&check).contains("заседания в meetings/: добавлены «2024-09-26»"),
        "{}",
        stdout(&check)
    );
}

#[test]
fn init_makes_a_valid_repository_and_refuses_to_run_twice() {
    let dir = testdir::tempdir().unwrap();
    let repo = dir.path().join("центр");
    let output = run(&["init", repo.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0));
    for file in [
        "kurator.yaml",
        ".gitignore",
        ".vscode/settings.json",
        "README.md",
        "schema/case.schema.json",
        "schema/meeting.schema.json",
        "schema/kurator.schema.json",
        ".github/workflows/kurator.yml",
        ".gitlab-ci.yml",
    ] {
        assert!(repo.join(file).is_file(), "{file} missing");
    }
    // The CI files run the commands kurator has, with the options it takes.
    let github = fs::read_to_string(repo.join(".github/workflows/kurator.yml")).unwrap();
    assert!(github.contains("kurator validate --format github"));
    assert!(github.contains("kurator pack \"$PERIOD\""));
    let gitlab = fs::read_to_string(repo.join(".gitlab-ci.yml")).unwrap();
    assert!(gitlab.contains("kurator validate --format json"));
    assert!(gitlab.contains("kurator pack \"$PERIOD\" --anonymise"));
    assert!(repo.join("cases").is_dir() && repo.join("meetings").is_dir());
    assert!(
        fs::read_to_string(repo.join(".gitignore"))
            .unwrap()
            .contains("/out/")
    );
    let settings: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(repo.join(".vscode/settings.json")).unwrap())
            .unwrap();
    assert_eq!(
        settings["yaml.schemas"]["./schema/case.schema.json"],
        "cases/**/*.yaml"
    );
    let validate = run(&["validate", "--root", repo.to_str().unwrap()]);
    assert_eq!(
        stdout(&validate),
        "Проверено: случаев 0, заседаний 0. Ошибок нет.\n"
    );
    assert_eq!(
        run(&["schema", "--check", "--root", repo.to_str().unwrap()])
            .status
            .code(),
        Some(0)
    );

    fs::write(repo.join("README.md"), "наш README").unwrap();
    let again = run(&["init", repo.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("уже есть kurator.yaml"));
    assert_eq!(
        fs::read_to_string(repo.join("README.md")).unwrap(),
        "наш README"
    );
}

#[test]
fn new_writes_a_skeleton_once_and_validate_lists_what_to_fill() {
    let repo = base_repo();
    let root = repo.path().to_str().unwrap();
    let output = run(&[
        "new",
        "2025-007",
        "--root",
        root,
        "--date",
        "2025-03-03",
        "--curator",
        "Опекунов Д. Е.",
    ]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let path = repo.path().join("cases/2025-007.yaml");
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("# yaml-language-server: $schema=../schema/case.schema.json\n"));
    assert!(text.contains("номер: 2025-007\n"));
    assert!(text.contains("  дата: 2025-03-03\n"));
    assert!(text.contains("куратор: Опекунов Д. Е.\n"));

    let validate = run(&["validate", "--root", root, "--format", "json"]);
    assert_eq!(validate.status.code(), Some(1));
    let items: Vec<serde_json::Value> = serde_json::from_slice(&validate.stdout).unwrap();
    let mut blanks: Vec<&str> = items
        .iter()
        .map(|i| {
            assert_eq!(i["file"], "cases/2025-007.yaml");
            assert_eq!(i["code"], "required");
            i["message"].as_str().unwrap()
        })
        .collect();
    blanks.sort();
    assert_eq!(
        blanks,
        [
            "не заполнено обязательное поле «адрес». впишите значение после двоеточия",
            "не заполнено обязательное поле «дата_рождения». впишите значение после двоеточия",
            "не заполнено обязательное поле «источник». впишите значение после двоеточия",
            "не заполнено обязательное поле «категория». впишите значение после двоеточия",
            "не заполнено обязательное поле «роль». впишите значение после двоеточия",
            "не заполнено обязательное поле «фамилия». впишите значение после двоеточия",
            "не заполнено обязательное поле «фио». впишите значение после двоеточия",
        ]
    );

    fs::write(&path, "номер: 2025-007\n# уже заполняется\n").unwrap();
    let again = run(&["new", "2025-007", "--root", root]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("не перезаписывает"));
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        "номер: 2025-007\n# уже заполняется\n"
    );
}

#[test]
fn new_refuses_numbers_that_cannot_be_file_names() {
    let repo = base_repo();
    for bad in ["../x", "a/b", "", ".hidden", "2025 001"] {
        let output = run(&["new", bad, "--root", repo.path().to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(2), "{bad}");
    }
    assert_eq!(fs::read_dir(repo.path().join("cases")).unwrap().count(), 1);
}
