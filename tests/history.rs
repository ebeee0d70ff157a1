//! Git as the audit trail, on real repositories made in temporary folders: version stamps in
//! the PDF text and the HTML, the mark of uncommitted changes, `kurator history` with field
//! changes across a rename and two authors, a shallow clone, no git at all, and the number of
//! git invocations of a build.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{copy_dir, fixture, kurator, stdout};

const IVANOVA: &str = "Иванова Анна Петровна";
const PETROV: &str = "Петров Олег";

/// Runs git in `dir` as `author`; returns stdout.
fn git(dir: &Path, author: &str, args: &[&str]) -> String {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", &format!("user.name={author}")])
        .args(["-c", "user.email=staff@centre.example"])
        .args(["-c", "commit.gpgsign=false"])
        .args(args)
        .env("GIT_AUTHOR_DATE", "2024-07-12T10:00:00+03:00")
        .env("GIT_COMMITTER_DATE", "2024-07-12T10:00:00+03:00")
        .output()
        .expect("git runs");
    assert!(output.status.success(), "git {args:?}: {output:?}");
    stdout(&output)
}

fn head(dir: &Path) -> String {
    git(dir, IVANOVA, &["rev-parse", "--short", "HEAD"])
        .trim()
        .to_owned()
}

/// A git repository whose case folder is `центр/` (a Cyrillic folder inside the work tree),
/// holding the base fixture's case in four commits by two authors:
/// 1. Иванова adds it as `cases/2024-1.yaml`, without the visit and the done date;
/// 2. Петров renames it to `cases/2024-001.yaml`;
/// 3. Петров fills in the done date of the first measure;
/// 4. Иванова adds the visit of 17.05.2024.
struct Repo {
    _dir: testdir::TempDir,
    work: PathBuf,
    root: PathBuf,
    commits: Vec<String>,
}

fn repo_with_history() -> Repo {
    let dir = testdir::tempdir().unwrap();
    let work = dir.path().join("архив");
    let root = work.join("центр");
    copy_dir(&fixture("base"), &root);
    git(&work, IVANOVA, &["init", "-q", "-b", "main"]);
    let case = root.join("cases/2024-001.yaml");
    let full = fs::read_to_string(&case).unwrap();
    let done = "      выполнено: 2024-06-20\n";
    let visit = "патронаж:\n  - дата: 2024-05-17\n    участники: [Кураторова В. Г.]\n    итог: семья на связи\n";
    assert!(full.contains(done) && full.contains(visit));
    let first = full.replace(done, "").replace(visit, "");
    fs::remove_file(&case).unwrap();
    fs::write(root.join("cases/2024-1.yaml"), &first).unwrap();
    let mut commits = Vec::new();
    git(&work, IVANOVA, &["add", "."]);
    git(
        &work,
        IVANOVA,
        &["commit", "-q", "-m", "Новый случай: семья Тестовых"],
    );
    commits.push(head(&work));
    git(
        &work,
        PETROV,
        &["mv", "центр/cases/2024-1.yaml", "центр/cases/2024-001.yaml"],
    );
    git(&work, PETROV, &["commit", "-q", "-m", "Номер по журналу"]);
    commits.push(head(&work));
    fs::write(&case, full.replace(visit, "")).unwrap();
    git(
        &work,
        PETROV,
        &["commit", "-q", "-am", "Консультация юриста проведена"],
    );
    commits.push(head(&work));
    fs::write(&case, &full).unwrap();
    git(&work, IVANOVA, &["commit", "-q", "-am", "Патронаж 17 мая"]);
    commits.push(head(&work));
    Repo {
        _dir: dir,
        work,
        root,
        commits,
    }
}

fn build(root: &Path, out: &Path) -> Output {
    common::build_ok(root, out, "2024-07-01")
}

fn pdf_text(path: &Path) -> String {
    let output = Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) runs");
    assert!(output.status.success(), "pdftotext {}", path.display());
    // Footers wrap; compare words, not lines.
    stdout(&output)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn documents_carry_the_commit_of_their_sources() {
    let repo = repo_with_history();
    let out = testdir::tempdir().unwrap();
    let built = build(&repo.root, out.path());
    assert!(
        !stderr(&built).contains("предупреждение"),
        "{}",
        stderr(&built)
    );
    let last = &repo.commits[3];
    let card = pdf_text(&out.path().join("cases/2024-001/карточка.pdf"));
    let stamp = format!(
        "Источник: cases/2024-001.yaml, kurator.yaml — версия {last} от 12.07.2024, автор: {IVANOVA}"
    );
    assert!(card.contains(&stamp), "{card}");
    assert!(!card.contains("не зафиксированы"));
    // A second page of a long document carries it too: the footer is on every page.
    let journal = pdf_text(&out.path().join("журнал/журнал-2024.pdf"));
    assert!(journal.contains(&format!("Источник: cases/, kurator.yaml — версия {last}")));

    let page = fs::read_to_string(out.path().join("cases/2024-001/index.html")).unwrap();
    assert!(
        page.contains(&format!(
            "<footer class=\"version\">Источник: cases&#x2F;2024-001.yaml, kurator.yaml — версия {last} от 12.07.2024, автор: {IVANOVA}</footer>"
        )),
        "{page}"
    );
    let programme =
        fs::read_to_string(out.path().join("cases/2024-001/программа-ред1.html")).unwrap();
    assert!(programme.contains(&format!("версия {last}")));
    let index = fs::read_to_string(out.path().join("index.html")).unwrap();
    assert!(index.contains(&format!("версия {last}")));
}

#[test]
fn a_commit_that_edits_a_case_changes_its_stamp() {
    let repo = repo_with_history();
    let out = testdir::tempdir().unwrap();
    build(&repo.root, out.path());
    let card = out.path().join("cases/2024-001/карточка.pdf");
    assert!(pdf_text(&card).contains(&format!("версия {}", repo.commits[3])));
    let case = repo.root.join("cases/2024-001.yaml");
    let text = fs::read_to_string(&case).unwrap();
    fs::write(
        &case,
        text.replace("итог: семья на связи", "итог: долг погашен"),
    )
    .unwrap();
    git(
        &repo.work,
        PETROV,
        &["commit", "-q", "-am", "Итог патронажа"],
    );
    let new = head(&repo.work);
    build(&repo.root, out.path());
    let card = pdf_text(&card);
    assert!(
        card.contains(&format!("версия {new} от 12.07.2024, автор: {PETROV}")),
        "{card}"
    );
    assert!(!card.contains(&repo.commits[3]));
}

#[test]
fn uncommitted_changes_are_marked_and_warned_about() {
    let repo = repo_with_history();
    let case = repo.root.join("cases/2024-001.yaml");
    let text = fs::read_to_string(&case).unwrap();
    fs::write(
        &case,
        text.replace("итог: семья на связи", "итог: не застали"),
    )
    .unwrap();
    let out = testdir::tempdir().unwrap();
    let built = build(&repo.root, out.path());
    let warnings = stderr(&built);
    assert!(
        warnings.contains("предупреждение: изменения не зафиксированы в git: cases/2024-001.yaml"),
        "{warnings}"
    );
    let card = pdf_text(&out.path().join("cases/2024-001/карточка.pdf"));
    assert!(
        card.contains(&format!(
            "версия {} от 12.07.2024, автор: {IVANOVA} · изменения не зафиксированы в git",
            repo.commits[3]
        )),
        "{card}"
    );
    let page = fs::read_to_string(out.path().join("cases/2024-001/index.html")).unwrap();
    assert!(page.contains("<strong class=\"dirty\">изменения не зафиксированы в git</strong>"));
    assert!(page.contains("есть изменения, не зафиксированные в git"));

    // An untracked new case: no commit to name, and marked.
    fs::write(
        repo.root.join("cases/2024-002.yaml"),
        text.replace("номер: 2024-001", "номер: 2024-002"),
    )
    .unwrap();
    build(&repo.root, out.path());
    let card = pdf_text(&out.path().join("cases/2024-002/карточка.pdf"));
    assert!(
        card.contains(
            "Источник: cases/2024-002.yaml, kurator.yaml — в git не зафиксирован: \
             cases/2024-002.yaml · изменения не зафиксированы в git"
        ),
        "kurator.yaml is committed, the case is not: {card}"
    );
}

#[test]
fn history_lists_field_changes_across_a_rename_by_two_authors() {
    let repo = repo_with_history();
    let output = kurator()
        .args(["history", "2024-001", "--format", "json", "--root"])
        .arg(&repo.root)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let entries = json["entries"].as_array().unwrap();
    let column = |key: &str| -> Vec<String> {
        entries
            .iter()
            .map(|e| e[key].as_str().unwrap().to_owned())
            .collect()
    };
    let mut commits = repo.commits.clone();
    commits.reverse();
    assert_eq!(column("commit"), commits);
    assert_eq!(column("author"), [IVANOVA, PETROV, PETROV, IVANOVA]);
    assert_eq!(
        column("message"),
        [
            "Патронаж 17 мая",
            "Консультация юриста проведена",
            "Номер по журналу",
            "Новый случай: семья Тестовых"
        ]
    );
    assert_eq!(column("date"), ["2024-07-12"; 4]);
    let changes = |i: usize| -> Vec<String> {
        entries[i]["changes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["text"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(changes(0), ["добавлен патронаж 17.05.2024"]);
    assert_eq!(
        changes(1),
        ["программа › мероприятия › 1 › выполнено: — → 20.06.2024"]
    );
    assert_eq!(
        entries[1]["changes"][0]["path"],
        serde_json::json!(["программа", "мероприятия", "1", "выполнено"])
    );
    assert!(changes(2).is_empty());
    assert_eq!(
        entries[2]["event"],
        serde_json::json!({"kind": "renamed", "from": "cases/2024-1.yaml", "to": "cases/2024-001.yaml"})
    );
    assert_eq!(entries[3]["event"]["kind"], "created");
    assert_eq!(json["shallow"], false);

    let human = kurator()
        .args(["history", "2024-001", "--root"])
        .arg(&repo.root)
        .output()
        .unwrap();
    let human = stdout(&human);
    assert!(human.starts_with("История случая 2024-001 (cases/2024-001.yaml): коммитов 4\n"));
    assert!(human.contains(&format!(
        "12.07.2024  {}  {IVANOVA}\n  Патронаж 17 мая\n  • добавлен патронаж 17.05.2024\n",
        repo.commits[3]
    )));
    assert!(human.contains("  • файл переименован: cases/2024-1.yaml → cases/2024-001.yaml\n"));

    // The case page shows the same history.
    let out = testdir::tempdir().unwrap();
    build(&repo.root, out.path());
    let page = fs::read_to_string(out.path().join("cases/2024-001/index.html")).unwrap();
    for text in [
        "История изменений",
        "<li>добавлен патронаж 17.05.2024</li>",
        "<li>программа › мероприятия › 1 › выполнено: — → 20.06.2024</li>",
        "файл переименован: cases&#x2F;2024-1.yaml → cases&#x2F;2024-001.yaml",
        "Новый случай: семья Тестовых",
        PETROV,
    ] {
        assert!(page.contains(text), "{text} not on the case page");
    }
}

#[test]
fn a_shallow_clone_says_its_history_is_incomplete() {
    let repo = repo_with_history();
    let clone = testdir::tempdir().unwrap();
    let url = format!("file://{}", repo.work.display());
    let output = Command::new("git")
        .args(["clone", "-q", "--depth", "1", &url])
        .arg(clone.path().join("копия"))
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let root = clone.path().join("копия/центр");
    let history = kurator()
        .args(["history", "2024-001", "--root"])
        .arg(&root)
        .output()
        .unwrap();
    let text = stdout(&history);
    assert!(history.status.success());
    assert!(text.contains("коммитов 1\n"), "{text}");
    assert!(
        text.contains("История неполная: неглубокий клон git"),
        "{text}"
    );
    let out = testdir::tempdir().unwrap();
    let built = build(&root, out.path());
    assert!(stderr(&built).contains("неглубокий клон git (shallow clone)"));
    let card = pdf_text(&out.path().join("cases/2024-001/карточка.pdf"));
    assert!(card.contains(&format!("версия {}", repo.commits[3])));
}

#[test]
fn outside_git_there_are_no_stamps_and_one_warning() {
    let dir = testdir::tempdir().unwrap();
    copy_dir(&fixture("base"), dir.path());
    let out = testdir::tempdir().unwrap();
    let built = build(dir.path(), out.path());
    let warnings = stderr(&built);
    assert_eq!(warnings.matches("предупреждение").count(), 1, "{warnings}");
    assert!(warnings.contains("не в репозитории git"));
    let card = pdf_text(&out.path().join("cases/2024-001/карточка.pdf"));
    assert!(!card.contains("Источник:"));
    let page = fs::read_to_string(out.path().join("cases/2024-001/index.html")).unwrap();
    assert!(!page.contains("<footer class=\"version\">"));
    assert!(page.contains("не в репозитории git: истории изменений нет"));
    let history = kurator()
        .args(["history", "2024-001", "--root"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(history.status.success());
    assert!(stdout(&history).contains("Истории нет: папка не в репозитории git."));
    let missing = kurator()
        .args(["history", "2099-001", "--root"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("случай 2099-001 не найден"));
}

/// git runs a fixed number of times per build, not once per file: a `git` on PATH that
/// counts its calls and hands them to the real one.
#[test]
fn a_build_runs_git_a_constant_number_of_times() {
    let repo = repo_with_history();
    let count = |cases: usize| -> usize {
        for n in 2..=cases {
            let text = fs::read_to_string(repo.root.join("cases/2024-001.yaml")).unwrap();
            fs::write(
                repo.root.join(format!("cases/2024-{n:03}.yaml")),
                text.replace("номер: 2024-001", &format!("номер: 2024-{n:03}")),
            )
            .unwrap();
        }
        git(&repo.work, PETROV, &["add", "."]);
        git(
            &repo.work,
            PETROV,
            &["commit", "-q", "--allow-empty", "-m", "ещё случаи"],
        );
        let real = String::from_utf8(
            Command::new("sh")
                .args(["-c", "command -v git"])
                .output()
                .unwrap()
                .stdout,
        )
        .unwrap();
        let bin = testdir::tempdir().unwrap();
        let calls = bin.path().join("calls");
        let wrapper = bin.path().join("git");
        fs::write(
            &wrapper,
            format!(
                "#!/bin/sh\necho \"$@\" >> '{}'\nexec '{}' \"$@\"\n",
                calls.display(),
                real.trim()
            ),
        )
        .unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&wrapper, fs::Permissions::from_mode(0o755)).unwrap();
        }
        let path = format!(
            "{}:{}",
            bin.path().display(),
            std::env::var("PATH").unwrap_or_default()
        );
        let out = testdir::tempdir().unwrap();
        let output = kurator()
            .env("PATH", path)
            .args([
                "build",
                "--format",
                "html",
                "--as-of",
                "2024-07-01",
                "--root",
            ])
            .arg(&repo.root)
            .arg("--out")
            .arg(out.path())
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        fs::read_to_string(calls).unwrap().lines().count()
    };
    let one = count(1);
    assert_eq!(
        one, 5,
        "rev-parse, config (the repository's filter drivers), status, log, cat-file"
    );
    assert_eq!(count(6), one, "six cases, as many invocations as one");
}
