//! The command line itself: help and errors in Russian, mistakes named with a way out, a closed
//! pipe ending quietly, and what `init` gives a centre to start with.

mod common;

use std::fs;
use std::io::Read;
use std::process::{Output, Stdio};

use common::{base_repo, kurator, run};

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The subcommands listed by `kurator --help`, read from its output, so that a new one is
/// covered the day it is added.
fn subcommands() -> Vec<String> {
    let help = stdout(&run(&["--help"]));
    let list = help
        .split_once("Команды:\n")
        .unwrap_or_else(|| panic!("no «Команды:» section in kurator --help:\n{help}"))
        .1;
    let names: Vec<String> = list
        .lines()
        .take_while(|line| !line.trim().is_empty())
        .filter_map(|line| line.split_whitespace().next())
        .map(str::to_owned)
        .collect();
    assert!(names.len() >= 10, "{names:?}\n{help}");
    names
}

/// Words and marks clap prints in English; the flags `--help` and `--version` are names and
/// are allowed.
const ENGLISH: [&str; 19] = [
    "OPTIONS",
    "ARGS",
    "COMMAND",
    "Usage",
    "usage",
    "default",
    "Possible values",
    "possible values",
    "Options",
    "Arguments",
    "Commands",
    "[aliases",
    "aliases:",
    "Print",
    "version",
    "subcommand",
    "Russian text",
    "JSON array",
    "workflow",
];

fn english_in(text: &str) -> Vec<String> {
    let text = &text.replace("--help", "").replace("--version", "");
    let mut found: Vec<String> = ENGLISH
        .iter()
        .filter(|word| text.contains(*word))
        .map(|word| word.to_string())
        .collect();
    if text.to_lowercase().contains("help") {
        found.push("help".into());
    }
    // A value placeholder from a field name (`<FORMAT>`), not one of kurator's Russian names.
    for (start, _) in text.match_indices('<') {
        let name: String = text[start + 1..]
            .chars()
            .take_while(|c| *c != '>')
            .collect();
        if name.chars().count() > 1 && name.chars().all(|c| c.is_ascii_uppercase()) {
            found.push(format!("<{name}>"));
        }
    }
    found
}

#[test]
fn every_help_is_in_russian() {
    let mut invocations: Vec<Vec<String>> = vec![vec!["--help".into()], vec!["-h".into()]];
    for sub in subcommands() {
        invocations.push(vec![sub.clone(), "--help".into()]);
        invocations.push(vec![sub, "-h".into()]);
    }
    let mut failures = Vec::new();
    for args in &invocations {
        let output = kurator().args(args).output().unwrap();
        let text = stdout(&output);
        let english = english_in(&text);
        let ok = output.status.code() == Some(0)
            && text.contains("Использование: kurator")
            && english.is_empty()
            // No empty section (a heading over nothing leaves three line breaks in a row).
            && !text.contains("\n\n\n");
        if !ok {
            failures.push(format!(
                "kurator {} (exit {:?}): {english:?}\n{text}{}",
                args.join(" "),
                output.status.code(),
                stderr(&output)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n-----\n"));
}

#[test]
fn help_names_defaults_and_values_in_russian() {
    let long = stdout(&run(&["validate", "--help"]));
    assert!(long.contains("[по умолчанию: .]"), "{long}");
    assert!(long.contains("[по умолчанию: human]"), "{long}");
    assert!(long.contains("Возможные значения:"), "{long}");
    assert!(
        long.contains("Использование: kurator validate [ПАРАМЕТРЫ]"),
        "{long}"
    );
    let short = stdout(&run(&["new", "-h"]));
    assert!(
        short.contains("Использование: kurator new [ПАРАМЕТРЫ] <НОМЕР>"),
        "{short}"
    );
    assert!(short.contains("[по умолчанию: .]"), "{short}");
    let demo = stdout(&run(&["demo", "-h"]));
    assert!(
        demo.contains("Использование: kurator demo [ПАРАМЕТРЫ] --generate <N> <ПАПКА>"),
        "{demo}"
    );
}

#[test]
fn check_help_describes_the_agenda_not_validate_output() {
    let check = stdout(&run(&["check", "--help"]));
    let validate = stdout(&run(&["validate", "--help"]));
    // validate prints diagnostics: file, line, column, severity, code, message.
    assert!(validate.contains("severity"), "{validate}");
    assert!(!check.contains("severity"), "{check}");
    // check prints findings: the case, the rule, its status, due date and curator.
    for field in ["case", "status", "due", "curator"] {
        assert!(check.contains(field), "{field}: {check}");
    }
}

#[test]
fn a_misspelt_command_is_named_and_the_nearest_suggested() {
    let output = run(&["bild"]);
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{text}");
    assert!(text.contains("неизвестная команда «bild»"), "{text}");
    assert!(text.contains("возможно, имелось в виду «build»"), "{text}");
}

/// Every kind of command-line mistake clap can report gets a Russian sentence naming what was
/// typed, and exit code 2.
#[test]
fn command_line_errors_are_in_russian() {
    let repo = base_repo();
    let root = repo.path().to_str().unwrap();
    let cases: [(&[&str], &[&str]); 14] = [
        (&["validate", "--frob"], &["неизвестный параметр «--frob»"]),
        (
            &["validate", "--fromat", "json"],
            &["«--fromat»", "возможно, имелось в виду «--format»"],
        ),
        (&["new"], &["не указано обязательное", "<НОМЕР>"]),
        (&["demo", "x"], &["не указано обязательное", "--generate"]),
        (
            &["validate", "--format", "xml"],
            &["«xml»", "--format", "human, json, github"],
        ),
        (
            &["validate", "--format"],
            &["--format", "не указано значение"],
        ),
        (&["check", "--strict=yes"], &["--strict", "«yes»"]),
        (
            &["build", "--jobs", "много"],
            &["--jobs", "«много»", "число"],
        ),
        (
            &["build", "--jobs", "0"],
            &["--jobs", "«0»", "хотя бы один"],
        ),
        (&["check", "--as-of"], &["--as-of", "не указано значение"]),
        (&["calendar", "две тысячи"], &["«две тысячи»", "число"]),
        (&["check", "--all", "--all"], &["--all", "дважды"]),
        (&["init", "a", "b"], &["лишн", "«b»"]),
        (&["help"], &["неизвестная команда «help»", "--help"]),
    ];
    let mut failures = Vec::new();
    for (args, expected) in cases {
        let output = kurator().args(args).current_dir(root).output().unwrap();
        let text = stderr(&output);
        let english: Vec<&str> = [
            "error:",
            "unexpected",
            "invalid",
            "required",
            "Usage",
            "tip:",
            "found",
            "argument",
            "For more information",
            "digit",
            "cannot",
        ]
        .into_iter()
        .filter(|w| text.contains(w))
        .collect();
        // «допустимо:» with nothing after it, where an option takes any value.
        let ok = output.status.code() == Some(2)
            && text.starts_with("kurator: ошибка: ")
            && !text.contains("допустимо: \n")
            && english.is_empty()
            && expected.iter().all(|e| text.contains(e));
        if !ok {
            failures.push(format!(
                "kurator {} (exit {:?}), English {english:?}, expected {expected:?}:\n{text}",
                args.join(" "),
                output.status.code()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n-----\n"));
}

#[test]
fn no_command_shows_the_russian_help() {
    let output = run(&[]);
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{text}");
    assert!(text.contains("Команды:"), "{text}");
    assert!(english_in(&text).is_empty(), "{text}");
    let version = run(&["--version"]);
    assert_eq!(version.status.code(), Some(0));
    assert!(stdout(&version).starts_with("kurator "));
}

#[test]
fn an_impossible_date_is_named_as_such() {
    let repo = base_repo();
    let root = repo.path().to_str().unwrap();
    let output = run(&["new", "2026-001", "--root", root, "--date", "2026-02-30"]);
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{text}");
    assert!(text.contains("«2026-02-30»"), "{text}");
    assert!(text.contains("в феврале 2026 года 28 дней"), "{text}");
    assert!(!text.contains("не дата"), "{text}");
    assert!(!repo.path().join("cases/2026-001.yaml").exists());
    let month = stderr(&run(&["check", "--root", root, "--as-of", "2026-13-01"]));
    assert!(month.contains("месяца 13 нет"), "{month}");
}

#[test]
fn new_refuses_a_curator_not_in_kurator_yaml() {
    let repo = base_repo();
    let root = repo.path().to_str().unwrap();
    let output = run(&[
        "new",
        "2025-007",
        "--root",
        root,
        "--curator",
        "Опекунов Д.Е.",
    ]);
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{text}");
    assert!(
        text.contains("куратора «Опекунов Д.Е.» нет в kurator.yaml"),
        "{text}"
    );
    assert!(
        text.contains("возможно, имелось в виду «Опекунов Д. Е.»"),
        "{text}"
    );
    assert!(text.contains("Кураторова В. Г."), "{text}");
    assert!(!repo.path().join("cases/2025-007.yaml").exists());

    // Far from every name: no guess, still the list.
    let output = run(&["new", "2025-008", "--root", root, "--curator", "Иванов"]);
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{text}");
    assert!(!text.contains("возможно"), "{text}");
    assert!(text.contains("Кураторова В. Г., Опекунов Д. Е."), "{text}");
    assert!(!repo.path().join("cases/2025-008.yaml").exists());
}

/// `kurator check --format json | head -c 10`: the reader leaves, kurator ends without a word.
#[test]
fn a_closed_pipe_ends_quietly() {
    let dir = testdir::tempdir().unwrap();
    let root = dir.path().join("demo");
    let root = root.to_str().unwrap();
    assert!(run(&["demo", "--generate", "300", root]).status.success());
    let mut child = kurator()
        .args(["check", "--root", root, "--format", "json", "--all"])
        .args(["--as-of", "2025-06-30"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut head = [0u8; 10];
    child.stdout.take().unwrap().read_exact(&mut head).unwrap();
    // The read end is dropped here: later writes find the pipe closed.
    let output = child.wait_with_output().unwrap();
    let text = stderr(&output);
    assert!(!text.contains("panicked"), "{text}");
    assert!(text.is_empty(), "{text}");
    assert!(
        matches!(output.status.code(), Some(0) | None),
        "{:?} {text}",
        output.status
    );
}

/// Every printing command, its output going to a pipe nobody reads.
#[test]
fn every_command_is_quiet_on_a_pipe_closed_from_the_start() {
    let repo = base_repo();
    let root = repo.path().to_str().unwrap();
    let runs: [&[&str]; 7] = [
        &[
            "check",
            "--root",
            root,
            "--format",
            "json",
            "--as-of",
            "2025-06-30",
        ],
        &["check", "--root", root, "--as-of", "2025-06-30"],
        &["validate", "--root", root],
        &["validate", "--root", root, "--format", "json"],
        &["calendar", "2025", "--format", "json"],
        &["templates"],
        &["--help"],
    ];
    for args in runs {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let output = kurator()
            .args(args)
            .stdout(writer)
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        let text = stderr(&output);
        assert!(text.is_empty(), "kurator {}: {text}", args.join(" "));
        assert!(
            matches!(output.status.code(), Some(0) | None),
            "kurator {}: {:?}",
            args.join(" "),
            output.status
        );
    }
}

#[test]
fn init_readme_walks_a_curator_through_the_work() {
    let dir = testdir::tempdir().unwrap();
    let repo = dir.path().join("центр");
    assert!(run(&["init", repo.to_str().unwrap()]).status.success());
    let readme = fs::read_to_string(repo.join("README.md")).unwrap();
    let steps = [
        "git init",
        "kurator new",
        "VS Code",
        "kurator validate",
        "kurator serve",
        "kurator check",
        "kurator build",
        "git add",
        "git commit",
    ];
    let mut at = 0;
    for step in steps {
        let found = readme[at..]
            .find(step)
            .unwrap_or_else(|| panic!("«{step}» missing, or out of order, in README:\n{readme}"));
        at += found;
    }
}

#[test]
fn init_ci_installs_kurator_from_a_reference_that_exists() {
    let dir = testdir::tempdir().unwrap();
    let repo = dir.path().join("центр");
    assert!(run(&["init", repo.to_str().unwrap()]).status.success());
    for file in [".github/workflows/kurator.yml", ".gitlab-ci.yml"] {
        let text = fs::read_to_string(repo.join(file)).unwrap();
        assert!(!text.contains("v0.1.0"), "{file}:\n{text}");
        assert!(!text.contains("--tag"), "{file}:\n{text}");
        assert!(text.contains("--rev \"$KURATOR_REV\""), "{file}:\n{text}");
        // Unfilled placeholders stop CI with a sentence, not a cargo error.
        assert!(text.contains("впишите"), "{file}:\n{text}");
    }
}
