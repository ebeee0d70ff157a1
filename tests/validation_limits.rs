//! What `validate` accepts builds and packs: each limit a later stage would hit (a file name, a
//! PDF string, a page) is a located error first, or does not exist. Git metadata from anywhere
//! never breaks a build nor starts a program; nested folders get their own stamps and history;
//! nothing kurator prints to a terminal carries a raw control character. Every test runs the
//! real binary on a real git repository made from `tests/fixtures/base`.

mod common;

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use common::{base_repo, kurator};

/// Runs git in `dir` as author «Тестова»; asserts success and returns stdout.
fn git(dir: &Path, args: &[&str]) -> String {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args([
            "-c",
            "user.name=Тестова Т. Т.",
            "-c",
            "user.email=t@centre.example",
        ])
        .args(["-c", "commit.gpgsign=false"])
        .args(args)
        .output()
        .expect("git runs");
    assert!(output.status.success(), "git {args:?}: {output:?}");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The base fixture in a fresh git repository with one commit, after `edit` changed it.
fn repo(edit: impl FnOnce(&Path)) -> testdir::TempDir {
    let dir = base_repo();
    edit(dir.path());
    git(dir.path(), &["init", "-q", "-b", "main"]);
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-q", "-m", "данные"]);
    dir
}

/// Replaces `from` (which must be there) by `to` in the file `rel` of `root`.
fn replace(root: &Path, rel: &str, from: &str, to: &str) {
    let path = root.join(rel);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} has no «{from}»");
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// The base fixture's case file.
const CASE: &str = "cases/2024-001.yaml";

/// Replaces `from` by `to` in the base case.
fn edit_case(root: &Path, from: &str, to: &str) {
    replace(root, CASE, from, to);
}

/// Adds a comment line to the base case: a change to commit.
fn touch_case(root: &Path) {
    let mut case = fs::read_to_string(root.join(CASE)).unwrap();
    case.push_str("# правка\n");
    fs::write(root.join(CASE), case).unwrap();
}

/// Runs kurator with `args` in `root`.
fn run(root: &Path, args: &[&str]) -> Output {
    kurator()
        .current_dir(root)
        .args(args)
        .output()
        .expect("kurator runs")
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// `build` then `pack 2024-Q2 --allow-dirty` (the base fixture's quarter) both succeed.
fn builds_and_packs(root: &Path) {
    let build = run(root, &["build", "--as-of", "2024-07-10"]);
    assert_eq!(build.status.code(), Some(0), "{}", text(&build));
    let pack = run(root, &["pack", "2024-Q2", "--allow-dirty"]);
    assert_eq!(pack.status.code(), Some(0), "{}", text(&pack));
}

/// `validate` fails with exit 1 and prints `expected` (a located message).
fn refused(root: &Path, expected: &[&str]) -> String {
    let output = run(root, &["validate"]);
    let printed = text(&output);
    assert_eq!(output.status.code(), Some(1), "{printed}");
    for part in expected {
        assert!(printed.contains(part), "no «{part}» in:\n{printed}");
    }
    printed
}

/// The text of a PDF with hyphenation undone and whitespace collapsed.
fn pdf_text(pdf: &Path) -> String {
    common::pdftotext(pdf)
        .replace("\u{ad}\n", "")
        .replace('\u{ad}', "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn curators_whose_report_files_would_collide_are_a_located_error() {
    // «Кураторова В.Г.» and «Кураторова В. Г.» both make справка-…-Кураторова-В-Г: the second
    // report was written over the first (build: «File exists (os error 17)»).
    let dir = repo(|root| {
        replace(
            root,
            "kurator.yaml",
            "  - фио: Опекунов Д. Е.",
            "  - фио: кураторова В.Г.",
        );
    });
    refused(
        dir.path(),
        &[
            "kurator.yaml:13:10: ошибка: куратор «кураторова В.Г.» неотличим от «Кураторова В. Г.» \
             в имени файла справки (кураторова-В-Г) [curator-name]",
            "= имена файлов не различают пробелы, точки и заглавные буквы",
        ],
    );
    let centre = repo(|root| {
        replace(
            root,
            "kurator.yaml",
            "  - фио: Опекунов Д. Е.",
            "  - фио: Центр",
        );
    });
    refused(
        centre.path(),
        &["kurator.yaml:13:10:", "справки по центру", "[curator-name]"],
    );
}

#[test]
fn a_curator_name_with_a_slash_or_dots_makes_one_plain_report_file() {
    // The name once made a folder «справка-2024-Q2-Кураторова/» and a pack file «В-Г.pdf».
    let dir = repo(|root| {
        for rel in ["kurator.yaml", "cases/2024-001.yaml"] {
            replace(root, rel, "Кураторова В. Г.", "Кураторова/../В. Г.");
        }
    });
    builds_and_packs(dir.path());
    let reports = dir.path().join("out/отчёты/2024-Q2");
    assert!(reports.join("справка-2024-Q2-Кураторова-В-Г.pdf").is_file());
    assert!(!reports.join("справка-2024-Q2-Кураторова").exists());
    let pack = dir.path().join("out/packs/2024-Q2");
    assert!(pack.join("справка-2024-Q2-Кураторова-В-Г.pdf").is_file());
    assert!(!pack.join("В-Г.pdf").exists());
}

/// The base case renamed to `number` (file and `номер:`).
fn renumber(root: &Path, number: &str) {
    edit_case(root, "номер: 2024-001", &format!("номер: {number}"));
    fs::rename(
        root.join("cases/2024-001.yaml"),
        root.join(format!("cases/{number}.yaml")),
    )
    .unwrap();
}

#[test]
fn a_case_number_too_long_for_a_file_name_is_a_located_error() {
    // 120 letters: validate passed, build passed, pack stopped with «File name too long».
    let long = "я".repeat(120);
    let dir = repo(|root| renumber(root, &long));
    refused(
        dir.path(),
        &[
            &format!(
                "cases/{long}.yaml:2:8: ошибка: номер случая слишком длинный для имени файла: \
                 120 знаков при пределе 100"
            ),
            "[name-length]",
            "= сократите номер",
        ],
    );
    // At the limit every derived name fits: the pack holds программа-ред1-<номер>.pdf.
    let fits = "я".repeat(100);
    let dir = repo(|root| renumber(root, &fits));
    builds_and_packs(dir.path());
    let pack = dir.path().join("out/packs/2024-Q2");
    assert!(pack.join(format!("программа-ред1-{fits}.pdf")).is_file());
}

#[test]
fn a_word_longer_than_a_pdf_string_holds_is_a_located_error() {
    // 20,000 letters stopped the build («a PDF string is longer than 32767 characters»);
    // 33,000 made the PDF writer panic.
    let word = "а".repeat(20_000);
    let dir = repo(|root| {
        let to = format!("    выводы: {word}");
        edit_case(root, "    выводы: условия удовлетворительные", &to);
    });
    refused(
        dir.path(),
        &[
            "cases/2024-001.yaml:66:13: ошибка: слово из 20000 знаков без пробела",
            "длиннее 1000 знаков [long-word]",
        ],
    );
    let dir = repo(|root| {
        let to = format!("    выводы: {}", "а".repeat(1000));
        edit_case(root, "    выводы: условия удовлетворительные", &to);
    });
    builds_and_packs(dir.path());
}

#[test]
fn journal_rows_programme_measures_and_protocol_families_longer_than_a_page_keep_every_word() {
    // The journal row used to be unbreakable: of 1,500 words the PDF kept the first 133.
    let words = |tag: &str| {
        (1..=1500)
            .map(|n| format!("{tag}{n}"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let dir = repo(|root| {
        let circumstances = format!("  обстоятельства: {}", words("слово"));
        edit_case(
            root,
            "  обстоятельства: задолженность по ЖКУ, конфликт в семье",
            &circumstances,
        );
        let effect = format!(
            "    решение: продолжить\n    эффективность: {}",
            words("эффект")
        );
        edit_case(root, "    решение: продолжить", &effect);
        // The family's part: an edition prints it (a completion mark after the approval it
        // does not — editions are frozen at their date).
        let part = format!("      участие_семьи: {}", words("итог"));
        edit_case(root, "      участие_семьи: прийти на консультацию", &part);
    });
    let build = run(
        dir.path(),
        &["build", "--as-of", "2024-07-10", "--format", "pdf"],
    );
    assert_eq!(build.status.code(), Some(0), "{}", text(&build));
    // A row across pages has the repeated table head between its parts: every word is looked
    // for on its own.
    let has_all = |pdf: &str, tag: &str| {
        let text = pdf_text(&dir.path().join(pdf));
        // A sentence's last word carries its full stop.
        let found: std::collections::HashSet<&str> =
            text.split(' ').map(|w| w.trim_end_matches('.')).collect();
        let lost: Vec<String> = (1..=1500)
            .map(|n| format!("{tag}{n}"))
            .filter(|w| !found.contains(w.as_str()))
            .collect();
        assert!(
            lost.is_empty(),
            "{pdf} lost {} words, from {:?}",
            lost.len(),
            lost.first()
        );
    };
    has_all("out/журнал/журнал-2024.pdf", "слово");
    has_all("out/cases/2024-001/программа-ред1.pdf", "итог");
    has_all("out/протоколы/протокол-консилиума-2024-06-27.pdf", "эффект");
}

#[test]
fn direction_controls_are_located_errors_and_direction_marks_are_not() {
    let dir = repo(|root| {
        let to = "  адрес: \"г. Условный, ул. Садовая, д. 5, кв. \\u202E21\"";
        edit_case(root, "  адрес: г. Условный, ул. Садовая, д. 5, кв. 12", to);
    });
    refused(
        dir.path(),
        &[
            "cases/2024-001.yaml:12:",
            "невидимый знак направления письма U+202E",
            "[bidi-control]",
        ],
    );
    let dir = repo(|root| {
        let to = "  адрес: \"г. Условный,\\u200E ул. Садовая,\\u00AD д. 5,\\u200B кв. 12\"";
        edit_case(root, "  адрес: г. Условный, ул. Садовая, д. 5, кв. 12", to);
    });
    let output = run(dir.path(), &["validate"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
}

#[test]
fn settings_in_the_repositorys_git_config_start_no_program() {
    // Before: `core.fsmonitor` ran at every build; so did a `filter.*.clean` named by the
    // repository's own .gitattributes, on each file whose timestamp had changed.
    let dir = repo(|root| {
        fs::write(
            root.join(".gitattributes"),
            "*.yaml filter=evil diff=evil\n",
        )
        .unwrap();
    });
    let marker = dir.path().join(".git/program-ran");
    let script = dir.path().join(".git/program.sh");
    let body = format!("#!/bin/sh\necho \"$0 $*\" >> '{}'\ncat\n", marker.display());
    fs::write(&script, body).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&script, fs::Permissions::from_mode(0o755)).unwrap();
    }
    let script = script.display().to_string();
    for key in [
        "core.fsmonitor",
        "core.pager",
        "filter.evil.clean",
        "diff.evil.textconv",
        "diff.external",
    ] {
        git(dir.path(), &["config", key, &script]);
    }
    // The same content written again: a new timestamp, so `status` reads the file anew.
    let case = fs::read(dir.path().join(CASE)).unwrap();
    fs::write(dir.path().join(CASE), case).unwrap();
    let build = run(dir.path(), &["build", "--as-of", "2024-07-10"]);
    assert_eq!(build.status.code(), Some(0), "{}", text(&build));
    let history = run(dir.path(), &["history", "2024-001"]);
    assert_eq!(history.status.code(), Some(0), "{}", text(&history));
    let ran = fs::read_to_string(&marker).unwrap_or_default();
    assert!(ran.is_empty(), "git ran the repository's programs:\n{ran}");
    let card = pdf_text(&dir.path().join("out/cases/2024-001/карточка.pdf"));
    assert!(!card.contains("не зафиксированы"), "{card}");
}

/// A commit of a change to the base case whose author and message are these raw bytes.
fn commit_raw(dir: &Path, author: &[u8], message: &[u8]) {
    touch_case(dir);
    git(dir, &["add", "-A"]);
    let tree = git(dir, &["write-tree"]);
    let parent = git(dir, &["rev-parse", "HEAD"]);
    let mut object =
        format!("tree {}\nparent {}\nauthor ", tree.trim(), parent.trim()).into_bytes();
    object.extend_from_slice(author);
    object.extend_from_slice(b" <a@centre.example> 1720000000 +0300\n");
    object.extend_from_slice(b"committer T <t@centre.example> 1720000000 +0300\n\n");
    object.extend_from_slice(message);
    object.push(b'\n');
    let file = dir.join(".git/raw-commit");
    fs::write(&file, object).unwrap();
    let id = git(
        dir,
        &[
            "hash-object",
            "-t",
            "commit",
            "-w",
            "--literally",
            ".git/raw-commit",
        ],
    );
    git(dir, &["update-ref", "HEAD", id.trim()]);
}

#[test]
fn an_author_with_an_emoji_or_bytes_that_are_not_utf8_is_printed_sanitised() {
    // Before: «PDF/A-2b error: the text "😀" could not be displayed with font "Liberation
    // Serif"», exit 2, for every document of the case.
    let dir = repo(|_| {});
    commit_raw(
        dir.path(),
        "Иванова 😀 А. \u{202E}Б.".as_bytes(),
        "правка 😀".as_bytes(),
    );
    let build = run(dir.path(), &["build", "--as-of", "2024-07-10"]);
    assert_eq!(build.status.code(), Some(0), "{}", text(&build));
    let card = pdf_text(&dir.path().join("out/cases/2024-001/карточка.pdf"));
    assert!(card.contains("автор: Иванова ? А. Б."), "{card}");

    commit_raw(
        dir.path(),
        b"\xff\xfe \x1b]0;pwned\x07",
        b"msg \x1b]0;title\x07 end",
    );
    let build = run(dir.path(), &["build", "--as-of", "2024-07-10"]);
    assert_eq!(build.status.code(), Some(0), "{}", text(&build));
    let card = pdf_text(&dir.path().join("out/cases/2024-001/карточка.pdf"));
    assert!(card.contains("автор: ?? ?]0;pwned?"), "{card}");
}

#[test]
fn a_repository_git_refuses_as_another_users_is_reported_as_that() {
    // Before: «каталог не в репозитории git» — and no word of how to trust it.
    let dir = repo(|_| {});
    let build = kurator()
        .current_dir(dir.path())
        .args(["build", "--as-of", "2024-07-10"])
        .env("GIT_TEST_ASSUME_DIFFERENT_OWNER", "1")
        .output()
        .unwrap();
    let printed = text(&build);
    assert_eq!(build.status.code(), Some(0), "{printed}");
    assert!(
        printed.contains("git отказался читать репозиторий"),
        "{printed}"
    );
    assert!(printed.contains("(dubious ownership)"), "{printed}");
    assert!(
        printed.contains("git config --global --add safe.directory '"),
        "{printed}"
    );
    assert!(!printed.contains("не в репозитории git"), "{printed}");
    let history = kurator()
        .current_dir(dir.path())
        .args(["history", "2024-001"])
        .env("GIT_TEST_ASSUME_DIFFERENT_OWNER", "1")
        .output()
        .unwrap();
    let printed = text(&history);
    assert!(
        printed.contains("git отказался читать репозиторий"),
        "{printed}"
    );
    assert!(!printed.contains("не в репозитории git"), "{printed}");
}

/// The stamp line of a PDF: from «Источник:» on.
fn stamp_of(pdf: &Path) -> String {
    let text = pdf_text(pdf);
    let start = text
        .find("Источник:")
        .unwrap_or_else(|| panic!("no stamp in {text}"));
    text[start..].to_owned()
}

/// The PDF's keywords (its XMP metadata), where a signed paper keeps its stamp.
fn keywords_of(pdf: &Path) -> String {
    let output = std::process::Command::new("pdfinfo")
        .arg("-meta")
        .arg(pdf)
        .output()
        .expect("pdfinfo (poppler-utils) is needed by these tests");
    let meta = String::from_utf8_lossy(&output.stdout).into_owned();
    let start = meta
        .find("<pdf:Keywords>")
        .unwrap_or_else(|| panic!("no keywords in {meta}"));
    let rest = &meta[start + "<pdf:Keywords>".len()..];
    rest[..rest.find('<').unwrap_or(rest.len())].to_owned()
}

#[test]
fn cases_and_meetings_in_subfolders_get_their_own_stamps_and_history() {
    // Before: the card's stamp named cases/2024-001.yaml with no mark of the uncommitted
    // change, and `history 2024-001` said «нет файла ./cases/2024-001.yaml».
    let dir = repo(|_| {});
    let root = dir.path();
    fs::create_dir_all(root.join("cases/архив/2023")).unwrap();
    fs::create_dir_all(root.join("meetings/2024")).unwrap();
    git(
        root,
        &[
            "mv",
            "cases/2024-001.yaml",
            "cases/архив/2023/2024-001.yaml",
        ],
    );
    git(
        root,
        &[
            "mv",
            "meetings/2024-06-27.yaml",
            "meetings/2024/2024-06-27.yaml",
        ],
    );
    git(root, &["commit", "-q", "-m", "в архив"]);
    let build = run(root, &["build", "--as-of", "2024-07-10"]);
    assert_eq!(build.status.code(), Some(0), "{}", text(&build));
    let card = stamp_of(&root.join("out/cases/2024-001/карточка.pdf"));
    assert!(
        card.starts_with("Источник: cases/архив/2023/2024-001.yaml, kurator.yaml — версия"),
        "{card}"
    );
    assert!(!card.contains("не зафиксированы"), "{card}");
    // A protocol is a signed paper: its stamp is in the PDF's metadata, not at the page foot.
    let protocol = keywords_of(&root.join("out/протоколы/протокол-консилиума-2024-06-27.pdf"));
    assert!(
        protocol.starts_with("Источник: meetings/2024/2024-06-27.yaml, cases/"),
        "{protocol}"
    );

    for rel in [
        "cases/архив/2023/2024-001.yaml",
        "meetings/2024/2024-06-27.yaml",
    ] {
        let mut text = fs::read_to_string(root.join(rel)).unwrap();
        text.push_str("# правка\n");
        fs::write(root.join(rel), text).unwrap();
    }
    let build = run(root, &["build", "--as-of", "2024-07-10"]);
    assert_eq!(build.status.code(), Some(0), "{}", text(&build));
    let card = stamp_of(&root.join("out/cases/2024-001/карточка.pdf"));
    assert!(card.contains("изменения не зафиксированы в git"), "{card}");

    let history = run(root, &["history", "2024-001"]);
    let printed = text(&history);
    assert_eq!(history.status.code(), Some(0), "{printed}");
    assert!(
        printed.starts_with("История случая 2024-001 (cases/архив/2023/2024-001.yaml): коммитов 2"),
        "{printed}"
    );
    assert!(
        printed.contains("файл переименован: cases/2024-001.yaml → cases/архив/2023/2024-001.yaml"),
        "{printed}"
    );
    assert!(printed.contains("не зафиксированные в git"), "{printed}");
}

/// Whether any of the bytes is ESC or BEL.
fn raw_controls(bytes: &[u8]) -> bool {
    bytes.iter().any(|b| *b == 0x1b || *b == 0x07)
}

#[test]
fn nothing_printed_to_a_terminal_carries_a_raw_control_character() {
    // A raw `ESC ] 0 ; title BEL` in a value: validate quoted the line as it is, and `history`
    // printed a commit message as it is, retitling the terminal.
    let dir = repo(|root| {
        let to = "  обстоятельства: задолженность \u{1b}]0;title\u{7} по ЖКУ";
        edit_case(
            root,
            "  обстоятельства: задолженность по ЖКУ, конфликт в семье",
            to,
        );
    });
    for format in ["human", "github"] {
        for command in ["validate", "check"] {
            let output = run(dir.path(), &[command, "--format", format]);
            assert_eq!(output.status.code(), Some(1), "{}", text(&output));
            assert!(text(&output).contains("U+001B"), "{}", text(&output));
            assert!(
                !raw_controls(&output.stdout),
                "{command} {format}: {}",
                text(&output)
            );
            assert!(
                !raw_controls(&output.stderr),
                "{command} {format}: {}",
                text(&output)
            );
        }
    }
    let human = text(&run(dir.path(), &["validate"]));
    assert!(
        human.contains("задолженность \\u{1b}]0;title\\u{7} по ЖКУ"),
        "{human}"
    );

    let dir = repo(|_| {});
    commit_raw(
        dir.path(),
        b"\x1b]0;author\x07",
        b"msg \x1b]0;title\x07 end",
    );
    let history = run(dir.path(), &["history", "2024-001"]);
    assert_eq!(history.status.code(), Some(0), "{}", text(&history));
    assert!(!raw_controls(&history.stdout) && !raw_controls(&history.stderr));
    assert!(
        text(&history).contains("msg \\u{1b}]0;title\\u{7} end"),
        "{}",
        text(&history)
    );
}
