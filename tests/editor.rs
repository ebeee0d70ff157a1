//! The committed schemas as the editor reads them: the real yaml-language-server (what VS Code's
//! YAML extension runs, pinned in tests/clients/package-lock.json) opens the skeleton of
//! `kurator new`, every demo file and the schema-level invalid fixtures through
//! tests/clients/lsp.mjs, and the test compares what it says with what kurator says.
//!
//! Needs `node` and tests/clients/node_modules (scripts/test runs `tests/clients/run prepare`
//! first); without them the tests fail with a message, they are never skipped.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::process::Command;

use common::*;
use serde_json::{Value, json};

/// Runs lsp.mjs over `files` (relative to `root`) and returns its JSON answer.
fn lsp(root: &Path, files: &[String], completions: &[(String, usize, usize)]) -> Value {
    let request = json!({
        "root": root,
        "files": files,
        "completions": completions
            .iter()
            .map(|(file, line, character)| json!({"file": file, "line": line, "character": character}))
            .collect::<Vec<_>>(),
    });
    let dir = testdir::tempdir().unwrap();
    let request_file = dir.path().join("request.json");
    fs::write(&request_file, request.to_string()).unwrap();
    let script = project_root().join("tests/clients/lsp.mjs");
    let output = Command::new("node")
        .arg(&script)
        .arg(&request_file)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "node не запускается ({e}): эти проверки читают схемы настоящим \
                 yaml-language-server; установите Node.js 20+ и выполните tests/clients/run prepare"
            )
        });
    assert!(
        output.status.success(),
        "lsp.mjs не отработал (код {:?}): {}\n{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stderr),
        String::from_utf8_lossy(&output.stdout),
    );
    serde_json::from_slice(&output.stdout).expect("lsp.mjs prints JSON")
}

/// The demo repository (kurator.yaml, cases, meetings, calendar, reports and the committed schemas)
/// copied to a temporary folder.
fn demo_copy() -> testdir::TempDir {
    let dir = testdir::tempdir().unwrap();
    let root = project_root();
    fs::copy(root.join("kurator.yaml"), dir.path().join("kurator.yaml")).unwrap();
    for sub in ["cases", "meetings", "calendar", "reports", "schema"] {
        if root.join(sub).is_dir() {
            copy_dir(&root.join(sub), &dir.path().join(sub));
        }
    }
    dir
}

/// Every YAML file of a repository that the editor opens with a kurator schema.
fn data_files(root: &Path) -> Vec<String> {
    let mut files = vec!["kurator.yaml".to_owned()];
    for sub in ["cases", "meetings", "calendar", "reports"] {
        if !root.join(sub).is_dir() {
            continue;
        }
        for path in walk(&root.join(sub)) {
            if path.extension().is_some_and(|e| e == "yaml") {
                let rel = path.strip_prefix(root).unwrap();
                files.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    files
}

fn new_case(root: &Path, number: &str, curator: Option<&str>) -> String {
    let mut args = vec!["new", "--root", root.to_str().unwrap(), number];
    if let Some(curator) = curator {
        args.extend(["--curator", curator]);
    }
    let output = run(&args);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    format!("cases/{number}.yaml")
}

fn has_cyrillic(text: &str) -> bool {
    text.chars()
        .any(|c| ('а'..='я').contains(&c.to_lowercase().next().unwrap_or(c)))
}

/// What yaml-language-server writes in English when the schema gives it no message of its own.
const ENGLISH: [&str; 8] = [
    "Incorrect type",
    "Value is not accepted",
    "Missing property",
    "is not allowed",
    "does not match",
    "String is",
    "Value is below",
    "Array has too few",
];

#[test]
fn skeleton_and_every_demo_file_open_without_diagnostics() {
    let repo = demo_copy();
    let root = repo.path();
    // The built-in production-calendar years are calendar files as a centre would write them.
    fs::create_dir_all(root.join("calendar")).unwrap();
    for year in fs::read_dir(project_root().join("calendar-data")).unwrap() {
        let year = year.unwrap().path();
        if year.extension().is_some_and(|e| e == "yaml") {
            fs::copy(&year, root.join("calendar").join(year.file_name().unwrap())).unwrap();
        }
    }
    let mut files = data_files(root);
    files.push(new_case(root, "2026-100", None));
    files.push(new_case(root, "2026-101", Some("Сазонов Д. И.")));
    let answer = lsp(root, &files, &[]);
    let mut shown = Vec::new();
    for file in &files {
        for d in answer["diagnostics"][file].as_array().unwrap() {
            shown.push(format!(
                "{file}:{}:{}: {}",
                d["line"].as_u64().unwrap() + 1,
                d["character"].as_u64().unwrap() + 1,
                d["message"].as_str().unwrap()
            ));
        }
    }
    assert!(
        shown.is_empty(),
        "yaml-language-server показывает {} замечаний на файлах, которые kurator принимает или только что создал:\n{}",
        shown.len(),
        shown.join("\n")
    );
}

/// Codes of kurator's diagnostics that the editor's schema expresses: faults of a file on its own
/// (schema level) and values that must come from the repository's own lists.
const EDITOR_CODES: [&str; 12] = [
    "unknown-key",
    "required",
    "type",
    "enum",
    "date",
    "pattern",
    "empty-list",
    "range",
    "unknown-curator",
    "unknown-type",
    "unknown-level",
    "unknown-meeting",
];

/// kurator's message for a required field written with a blank value: «not filled yet», as in
/// a fresh skeleton; the editor leaves it to validate, on purpose (see `kurator::schema`).
const BLANK_REQUIRED: &str = "не заполнено обязательное поле";

/// (line, code) of kurator's first diagnostic in a fixture's expected output, lines 1-based.
fn kurator_fault(expected: &str) -> Option<(usize, String)> {
    let first = expected.lines().find(|l| l.contains(": ошибка: "))?;
    let code = first.rsplit_once('[')?.1.trim_end_matches(']').to_owned();
    let place = first.split(": ошибка: ").next()?;
    let mut parts = place.rsplitn(3, ':');
    let _column = parts.next()?;
    let line = parts.next()?.parse().ok()?;
    Some((line, code))
}

#[test]
fn schema_faults_are_shown_on_kurators_line_in_russian() {
    let invalid = fixture("invalid");
    let mut checked = 0;
    let mut problems = Vec::new();
    for (folder, target) in [
        ("cases", None),
        ("meetings", None),
        ("config", Some("kurator.yaml")),
    ] {
        let mut batch: Vec<(String, usize, String)> = Vec::new();
        let mut entries: Vec<_> = fs::read_dir(invalid.join(folder))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
            .collect();
        entries.sort();
        for path in entries {
            let name = format!("{folder}/{}", path.file_name().unwrap().to_string_lossy());
            let expected = fs::read_to_string(path.with_file_name(format!(
                "{}.out",
                path.file_name().unwrap().to_string_lossy()
            )))
            .unwrap();
            let Some((line, code)) = kurator_fault(&expected) else {
                continue;
            };
            if !EDITOR_CODES.contains(&code.as_str()) || expected.contains(BLANK_REQUIRED) {
                continue;
            }
            batch.push((name, line, code));
        }
        // Config fixtures replace kurator.yaml: one repository each; cases and meetings share one.
        let groups: Vec<Vec<(String, usize, String)>> = match target {
            Some(_) => batch.into_iter().map(|b| vec![b]).collect(),
            None => vec![batch],
        };
        for group in groups {
            if group.is_empty() {
                continue;
            }
            let repo = testdir::tempdir().unwrap();
            let root = repo.path();
            copy_dir(&fixture("base"), root);
            // The schemas as `kurator schema` writes them for this repository (its curators,
            // its meetings), committed before the faulty files arrive.
            let made = run(&["schema", "--root", root.to_str().unwrap()]);
            assert_eq!(made.status.code(), Some(0), "{}", stdout(&made));
            let mut files = Vec::new();
            for (name, _, _) in &group {
                let rel = match target {
                    Some(t) => t.to_owned(),
                    None => format!("{folder}/fixture-{}", name.rsplit('/').next().unwrap()),
                };
                let text = fs::read_to_string(
                    invalid
                        .join(name.split_once('/').unwrap().0)
                        .join(name.rsplit('/').next().unwrap()),
                )
                .unwrap_or_default();
                // A fixture's own modeline points into the project; here it points at this repository's schema.
                let modeline = match folder {
                    "cases" => "# yaml-language-server: $schema=../schema/case.schema.json",
                    "meetings" => "# yaml-language-server: $schema=../schema/meeting.schema.json",
                    _ => "# yaml-language-server: $schema=schema/kurator.schema.json",
                };
                let text = text
                    .lines()
                    .map(|l| {
                        if l.starts_with("# yaml-language-server: $schema=") {
                            modeline
                        } else {
                            l
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
                    + "\n";
                fs::write(root.join(&rel), text).unwrap();
                files.push(rel);
            }
            let answer = lsp(root, &files, &[]);
            for ((name, line, code), rel) in group.iter().zip(&files) {
                checked += 1;
                let shown = answer["diagnostics"][rel].as_array().unwrap();
                let lines: BTreeSet<u64> = shown
                    .iter()
                    .map(|d| d["line"].as_u64().unwrap() + 1)
                    .collect();
                if !lines.contains(&(*line as u64)) {
                    problems.push(format!(
                        "{name}: kurator [{code}] на строке {line}, редактор — на строках {lines:?}: {shown}",
                        shown = Value::Array(shown.clone())
                    ));
                }
                for d in shown {
                    let message = d["message"].as_str().unwrap();
                    if !has_cyrillic(message) || ENGLISH.iter().any(|e| message.contains(e)) {
                        problems.push(format!(
                            "{name}:{}: сообщение не по-русски: {message}",
                            d["line"].as_u64().unwrap() + 1
                        ));
                    }
                }
            }
        }
    }
    assert!(checked >= 20, "проверено только {checked} файлов");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The 0-based (line, character) just after `key:` and one space on the line that starts with it.
fn value_position(text: &str, key: &str) -> (usize, usize) {
    let (n, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.trim_start().starts_with(&format!("{key}:")))
        .unwrap_or_else(|| panic!("no line «{key}:» in\n{text}"));
    let column = line.find(&format!("{key}:")).unwrap();
    (n, line[..column].chars().count() + key.chars().count() + 2)
}

fn labels(answer: &Value, n: usize) -> Vec<String> {
    answer["completions"][n]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn skeleton_completes_categories_and_the_repositorys_curators() {
    let repo = demo_copy();
    let root = repo.path();
    let file = new_case(root, "2026-100", None);
    let text = fs::read_to_string(root.join(&file)).unwrap();
    let (cat_line, cat_char) = value_position(&text, "категория");
    let (cur_line, cur_char) = value_position(&text, "куратор");
    // A decision of the consilium: its meeting date completes from meetings/.
    let decision = "cases/2026-102.yaml".to_owned();
    fs::write(
        root.join(&decision),
        "# yaml-language-server: $schema=../schema/case.schema.json\nконсилиумы:\n  - заседание: \nпатронаж:\n  - \n",
    )
    .unwrap();
    let answer = lsp(
        root,
        &[file.clone(), decision.clone()],
        &[
            (file.clone(), cat_line, cat_char),
            (file.clone(), cur_line, cur_char),
            (decision.clone(), 2, 15),
            (decision, 4, 4),
        ],
    );
    let categories = labels(&answer, 0);
    for category in ["СОП", "ТЖС", "нуждается в поддержке"] {
        assert!(
            categories.iter().any(|l| l == category),
            "на «категория:» (строка {}) нет «{category}» среди {categories:?}",
            cat_line + 1
        );
    }
    assert_eq!(categories.len(), 3, "{categories:?}");
    // Each value has its own help.
    assert!(
        help(&answer, 0, "СОП").contains("социально опасном положении"),
        "{}",
        help(&answer, 0, "СОП")
    );
    let curators = labels(&answer, 1);
    for curator in [
        "Белозёрова Н. А.",
        "Кречетова Е. В.",
        "Сазонов Д. И.",
        "Мельникова О. П.",
    ] {
        assert!(
            curators.iter().any(|l| l == curator),
            "на «куратор:» (строка {}) нет «{curator}» среди {curators:?}",
            cur_line + 1
        );
    }
    assert_eq!(curators.len(), 4, "{curators:?}");
    assert!(help(&answer, 1, "Сазонов Д. И.").contains("социальный педагог"));
    // Consilium decisions go to consilium meetings only: 2025-11-20 is a working group.
    let dates = labels(&answer, 2);
    assert!(
        dates.iter().any(|d| d == "2024-06-27") && !dates.iter().any(|d| d == "2025-11-20"),
        "{dates:?}"
    );
    // A visit is offered as a Russian snippet in the list of visits.
    let visit = labels(&answer, 3);
    assert!(
        visit.iter().any(|l| l == "посещение семьи (патронаж)"),
        "{visit:?}"
    );
}

/// The help shown beside a completion item.
fn help(answer: &Value, n: usize, label: &str) -> String {
    answer["completions"][n]["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["label"] == label)
        .and_then(|i| i["documentation"].as_str())
        .unwrap_or_default()
        .to_owned()
}
