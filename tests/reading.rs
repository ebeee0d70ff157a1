//! What kurator reads from a case repository, tried as an attacker would: links out of the
//! repository, FIFOs, devices, oversized files, data files with a suffix kurator does not list,
//! templates that reach for the environment or loop, recurse and allocate without end. Each is
//! refused or stopped with a message naming the file — never read, never skipped silently,
//! never a hang or an abort.

mod common;

use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What a run of the binary gave: exit code (`None` when killed by a signal), stdout, stderr,
/// and how long it took.
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    took: Duration,
}

/// Runs `command` with a wall-clock limit well above any budget, so that a regression fails
/// the test instead of hanging it: the child is killed after `limit`.
fn run_within(mut command: Command, limit: Duration) -> Run {
    let dir = testdir::tempdir().unwrap();
    let (out, err) = (dir.path().join("stdout"), dir.path().join("stderr"));
    command
        .stdin(Stdio::null())
        .stdout(fs::File::create(&out).unwrap())
        .stderr(fs::File::create(&err).unwrap());
    let started = Instant::now();
    let mut child = command.spawn().expect("kurator runs");
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > limit {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!(
                "still running after {limit:?}; stderr:\n{}",
                fs::read_to_string(&err).unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let took = started.elapsed();
    let text = |path: &Path| String::from_utf8_lossy(&fs::read(path).unwrap()).into_owned();
    Run {
        code: status.code(),
        stdout: text(&out),
        stderr: text(&err),
        took,
    }
}

/// `kurator ARGS --root ROOT` with a generous wall-clock limit.
fn kurator_in(root: &Path, args: &[&str]) -> Run {
    let mut command = common::kurator();
    command.args(args).arg("--root").arg(root);
    run_within(command, Duration::from_secs(120))
}

/// `kurator build` of `root` into `root/out`, as of a fixed date.
fn build(root: &Path) -> Run {
    kurator_in(root, &["build", "--as-of", "2024-12-31"])
}

/// `repo` committed and cloned afresh: what a centre's laptop or CI runner builds.
fn fresh_clone(repo: &Path) -> testdir::TempDir {
    common::git(repo, &["init", "-q"]);
    common::git(repo, &["add", "-A"]);
    common::git(repo, &["commit", "-qm", "начало"]);
    let clone = testdir::tempdir().unwrap();
    let status = Command::new("git")
        .args(["clone", "-q"])
        .arg(repo)
        .arg(clone.path().join("repo"))
        .status()
        .unwrap();
    assert!(status.success());
    clone
}

/// Whether any file under the output folder `out` (if there is one) contains `text`.
fn output_holds(out: &Path, text: &str) -> bool {
    out.exists()
        && common::walk(out)
            .iter()
            .any(|p| fs::read_to_string(p).is_ok_and(|t| t.contains(text)))
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(status.success());
}

/// A case file of the base fixture under another number, written outside any repository.
fn outside_case(dir: &Path) -> std::path::PathBuf {
    let text = fs::read_to_string(common::fixture("base/cases/2024-001.yaml")).unwrap();
    let path = dir.join("чужой.yaml");
    fs::write(&path, text.replace("2024-001", "2024-077")).unwrap();
    path
}

// ---------------------------------------------------------------- data files

#[test]
fn a_case_file_that_is_a_symlink_is_refused_not_followed_or_skipped() {
    let repo = common::base_repo();
    let outside = testdir::tempdir().unwrap();
    symlink(
        outside_case(outside.path()),
        repo.path().join("cases/2024-077.yaml"),
    )
    .unwrap();
    symlink("/etc/passwd", repo.path().join("cases/passwd.yaml")).unwrap();
    symlink("нет-такого.yaml", repo.path().join("cases/висячая.yaml")).unwrap();
    symlink("петля.yaml", repo.path().join("cases/петля.yaml")).unwrap();
    let run = kurator_in(repo.path(), &["validate"]);
    assert_eq!(run.code, Some(1), "{}{}", run.stdout, run.stderr);
    for name in ["2024-077.yaml", "passwd.yaml", "висячая.yaml", "петля.yaml"] {
        let line = run
            .stdout
            .lines()
            .find(|l| l.contains(&format!("cases/{name}")))
            .unwrap_or_else(|| panic!("cases/{name} not reported:\n{}", run.stdout));
        assert!(line.contains("символическая ссылка"), "{line}");
    }
    assert!(!run.stdout.contains("root:"), "/etc/passwd was read");
    assert!(run.stdout.contains("замените ссылку"), "{}", run.stdout);
}

#[test]
fn a_fifo_among_cases_is_refused_without_blocking() {
    let repo = common::base_repo();
    mkfifo(&repo.path().join("cases/2024-002.yaml"));
    let run = kurator_in(repo.path(), &["validate"]);
    assert_eq!(run.code, Some(1), "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("cases/2024-002.yaml") && run.stdout.contains("не обычный файл"),
        "{}",
        run.stdout
    );
    assert!(run.took < Duration::from_secs(30));
}

#[test]
fn kurator_yaml_that_is_a_symlink_or_a_fifo_is_a_data_error() {
    let outside = testdir::tempdir().unwrap();
    let config = outside.path().join("kurator.yaml");
    fs::copy(common::fixture("base/kurator.yaml"), &config).unwrap();
    let repo = common::base_repo();
    fs::remove_file(repo.path().join("kurator.yaml")).unwrap();
    symlink(&config, repo.path().join("kurator.yaml")).unwrap();
    let run = kurator_in(repo.path(), &["validate"]);
    assert_eq!(run.code, Some(1), "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("kurator.yaml") && run.stdout.contains("символическая ссылка"),
        "{}",
        run.stdout
    );
    let repo = common::base_repo();
    fs::remove_file(repo.path().join("kurator.yaml")).unwrap();
    mkfifo(&repo.path().join("kurator.yaml"));
    let run = kurator_in(repo.path(), &["validate"]);
    assert_eq!(run.code, Some(1), "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains("kurator.yaml"), "{}", run.stdout);
}

#[test]
fn a_symlinked_folder_inside_cases_is_reported_not_followed() {
    let repo = common::base_repo();
    let outside = testdir::tempdir().unwrap();
    outside_case(outside.path());
    symlink(outside.path(), repo.path().join("cases/архив")).unwrap();
    symlink(outside.path(), repo.path().join("calendar")).unwrap();
    let run = kurator_in(repo.path(), &["validate"]);
    assert_eq!(run.code, Some(1), "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("cases/архив") && run.stdout.contains("символическая ссылка"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("calendar:") || run.stdout.contains("calendar "));
    assert!(!run.stdout.contains("2024-077"), "followed: {}", run.stdout);
}

#[test]
fn a_case_file_with_an_upper_case_suffix_is_reported_not_skipped() {
    let repo = common::base_repo();
    let text = fs::read_to_string(repo.path().join("cases/2024-001.yaml")).unwrap();
    fs::write(
        repo.path().join("cases/2024-002.YAML"),
        text.replace("2024-001", "2024-002"),
    )
    .unwrap();
    fs::write(
        repo.path().join("meetings/2024-07-01.Yml"),
        "дата: 2024-07-01\n",
    )
    .unwrap();
    // Not data files at all: left alone.
    fs::write(repo.path().join("cases/README.md"), "заметки").unwrap();
    let run = kurator_in(repo.path(), &["validate"]);
    assert_eq!(run.code, Some(1), "{}{}", run.stdout, run.stderr);
    for path in ["cases/2024-002.YAML", "meetings/2024-07-01.Yml"] {
        let line = run
            .stdout
            .lines()
            .find(|l| l.contains(path))
            .unwrap_or_else(|| panic!("{path} not reported:\n{}", run.stdout));
        assert!(line.contains("расширение"), "{line}");
    }
    assert!(run.stdout.contains("переименуйте"), "{}", run.stdout);
    assert!(!run.stdout.contains("README.md"), "{}", run.stdout);
}

// ---------------------------------------------------------------- templates

#[test]
fn a_committed_template_symlink_to_etc_passwd_is_refused_on_a_fresh_clone() {
    let repo = common::base_repo();
    fs::create_dir(repo.path().join("templates")).unwrap();
    symlink("/etc/passwd", repo.path().join("templates/case.html")).unwrap();
    let clone = fresh_clone(repo.path());
    let root = clone.path().join("repo");
    let run = build(&root);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(
        run.stderr.contains("templates/case.html") && run.stderr.contains("символическая ссылка"),
        "{}",
        run.stderr
    );
    assert!(
        !output_holds(&root.join("out"), "root:x:0:0"),
        "/etc/passwd reached the output"
    );
}

#[test]
fn a_template_that_is_a_fifo_stops_the_build_without_blocking() {
    let repo = common::base_repo();
    fs::create_dir(repo.path().join("templates")).unwrap();
    mkfifo(&repo.path().join("templates/programme.txt"));
    let run = build(repo.path());
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(
        run.stderr.contains("templates/programme.txt") && run.stderr.contains("не обычный файл"),
        "{}",
        run.stderr
    );
    assert!(run.took < Duration::from_secs(60));
}

#[test]
fn a_template_linked_to_dev_zero_or_too_big_is_refused() {
    let repo = common::base_repo();
    fs::create_dir(repo.path().join("templates")).unwrap();
    symlink("/dev/zero", repo.path().join("templates/body.typ")).unwrap();
    let run = build(repo.path());
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(run.stderr.contains("templates/body.typ"), "{}", run.stderr);

    let repo = common::base_repo();
    fs::create_dir(repo.path().join("templates")).unwrap();
    let big = "<p>лишнее</p>\n".repeat(200_000);
    fs::write(repo.path().join("templates/case.html"), big).unwrap();
    let run = build(repo.path());
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(
        run.stderr.contains("templates/case.html") && run.stderr.contains("слишком большой"),
        "{}",
        run.stderr
    );
}

#[test]
fn get_env_is_not_available_to_templates() {
    let repo = common::base_repo();
    fs::create_dir(repo.path().join("templates")).unwrap();
    let index = include_str!("../templates/index.html").replace(
        "{% block content %}",
        "{% block content %}<p>{{ get_env(name=\"KURATOR_SECRET\") }}</p>",
    );
    assert!(index.contains("KURATOR_SECRET"));
    fs::write(repo.path().join("templates/index.html"), index).unwrap();
    let mut command = common::kurator();
    command
        .args(["build", "--as-of", "2024-12-31", "--root"])
        .arg(repo.path())
        .env("KURATOR_SECRET", "тайна-123");
    let run = run_within(command, Duration::from_secs(120));
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(
        run.stderr.contains("get_env") && run.stderr.contains("недоступн"),
        "{}",
        run.stderr
    );
    assert!(
        !output_holds(&repo.path().join("out"), "тайна-123"),
        "the environment reached the output"
    );
}

// ---------------------------------------------------------------- budgets

/// Builds `root` with a small budget (3 s a document, 512 MB of memory) and asserts that the
/// build stops with exit 2, naming `template` and a document, well within a bounded time.
fn assert_stopped(root: &Path, format: &str, template: &str, document: &str) -> Run {
    stopped_within(root, format, 3, (template, document))
}

/// Builds `root` with `seconds` a document and 512 MB and asserts that the build stops with
/// exit 2, its message containing both `names`, without an abort and well within a bound.
fn stopped_within(root: &Path, format: &str, seconds: u64, names: (&str, &str)) -> Run {
    let mut command = common::kurator();
    command
        .args([
            "build",
            "--as-of",
            "2024-12-31",
            "--format",
            format,
            "--root",
        ])
        .arg(root)
        .env("KURATOR_RENDER_TIMEOUT", seconds.to_string())
        .env("KURATOR_MEMORY_LIMIT", "512");
    let run = run_within(command, Duration::from_secs(120));
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    let (template, document) = names;
    assert!(
        run.stderr.contains(template) && run.stderr.contains(document),
        "no {template} / {document} in:\n{}",
        run.stderr
    );
    assert!(
        run.took < Duration::from_secs(seconds + 30),
        "took {:?}",
        run.took
    );
    assert!(!run.stderr.contains("overflow"), "{}", run.stderr);
    run
}

/// Like [`assert_stopped`], with time enough that only the memory budget can stop the build.
fn assert_out_of_memory(root: &Path, format: &str, template: &str, document: &str) -> Run {
    let run = stopped_within(root, format, 60, (template, document));
    assert!(
        run.stderr.contains("больше памяти") && run.stderr.contains("KURATOR_MEMORY_LIMIT"),
        "{}",
        run.stderr
    );
    run
}

/// The base repository with `templates/<name>` written.
fn with_template(name: &str, text: &str) -> testdir::TempDir {
    let repo = common::base_repo();
    fs::create_dir_all(repo.path().join("templates")).unwrap();
    fs::write(repo.path().join("templates").join(name), text).unwrap();
    repo
}

/// The document the messages of a broken body.typ name, as far as it is known: every paper
/// with a wording is drawn by it, and which of them the build stops at first (the journal, an
/// application …) depends on the order the renders finish in.
const BODY_DOCUMENT: &str = ".pdf";

/// A Typst template of every paper with a wording (the journal among them: a register every
/// repository has) with `body` inside.
fn body_typ(body: &str) -> String {
    format!("#import \"common.typ\": *\n{body}\n")
}

#[test]
fn a_typst_template_that_loops_without_end_is_stopped() {
    let repo = with_template(
        "body.typ",
        &body_typ("#for i in range(100000) { for j in range(100000) { } }"),
    );
    let run = assert_stopped(repo.path(), "pdf", "templates/body.typ", BODY_DOCUMENT);
    assert!(
        run.stderr.contains("KURATOR_RENDER_TIMEOUT"),
        "{}",
        run.stderr
    );
    // typst's own limit on `while`.
    let repo = with_template("body.typ", &body_typ("#while true { }"));
    let run = assert_stopped(repo.path(), "pdf", "body.typ", BODY_DOCUMENT);
    assert!(
        run.stderr.contains("condition is always true"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_typst_template_that_recurses_without_end_is_stopped() {
    let repo = with_template("body.typ", &body_typ("#let f(n) = f(n + 1)\n#f(0)"));
    // typst's own limit on call depth.
    let run = assert_stopped(repo.path(), "pdf", "body.typ", BODY_DOCUMENT);
    assert!(
        run.stderr.contains("maximum function call depth"),
        "{}",
        run.stderr
    );
    let repo = with_template("body.typ", &body_typ("#let f(n) = [#f(n + 1)]\n#f(0)"));
    assert_stopped(repo.path(), "pdf", "body.typ", BODY_DOCUMENT);
}

#[test]
fn a_typst_template_that_allocates_without_end_is_stopped() {
    let repo = with_template("body.typ", &body_typ("#let a = range(400000000)"));
    let body = ("templates/body.typ", BODY_DOCUMENT);
    assert_out_of_memory(repo.path(), "pdf", body.0, body.1);
    let repo = with_template(
        "body.typ",
        &body_typ("#let s = \"x\"\n#for i in range(40) { s = s + s }\n#s.len()"),
    );
    assert_out_of_memory(repo.path(), "pdf", body.0, body.1);
}

/// The index page with `body` at the start of its content.
fn index_html(body: &str) -> String {
    include_str!("../templates/index.html").replace(
        "{% block content %}",
        &format!("{{% block content %}}{body}"),
    )
}

#[test]
fn a_tera_template_that_loops_without_end_is_stopped() {
    let repo = with_template(
        "index.html",
        &index_html(
            "{% for i in range(end=20000) %}{% for j in range(end=20000) %}{% endfor %}{% endfor %}",
        ),
    );
    let run = assert_stopped(
        repo.path(),
        "html",
        "шаблон templates/index.html, документ index.html",
        "дольше 3 с",
    );
    assert!(
        run.stderr.contains("KURATOR_RENDER_TIMEOUT"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_tera_template_that_allocates_without_end_is_stopped() {
    let repo = with_template(
        "index.html",
        &index_html("{% for i in range(end=400000000) %}{% endfor %}"),
    );
    let index = "шаблон templates/index.html, документ index.html";
    let run = assert_out_of_memory(repo.path(), "html", index, "512 МБ");
    assert!(!run.stderr.contains("дольше"), "{}", run.stderr);
    let repo = with_template(
        "index.html",
        &index_html(
            "{% set_global s = \"x\" %}{% for i in range(end=40) %}{% set_global s = s ~ s %}{% endfor %}{{ s | length }}",
        ),
    );
    assert_out_of_memory(repo.path(), "html", index, "512 МБ");
}

#[test]
fn a_tera_template_that_recurses_is_refused_before_rendering() {
    let repo = with_template(
        "index.html",
        &index_html("{{ self::f(n=0) }}").replace(
            "{% block content %}",
            "{% macro f(n) %}{{ self::f(n=n+1) }}{% endmacro f %}{% block content %}",
        ),
    );
    let run = build(repo.path());
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(
        run.stderr.contains("рекурсия в шаблонах HTML")
            && run.stderr.contains("макрос «f» из templates/index.html"),
        "{}",
        run.stderr
    );
    let repo = with_template("case.html", "{% include \"case.html\" %}");
    let run = build(repo.path());
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("templates/case.html → templates/case.html"),
        "{}",
        run.stderr
    );
}

#[test]
fn templates_nested_deeper_than_the_stack_are_stopped_not_aborted() {
    let repo = with_template(
        "index.html",
        &format!("{{{{ 1{} }}}}", " + 1".repeat(60_000)),
    );
    let run = assert_stopped(
        repo.path(),
        "html",
        "разбор шаблонов HTML",
        "переполнение стека",
    );
    assert_ne!(run.code, Some(134));
    let repo = with_template(
        "body.typ",
        &body_typ("#let a = ()\n#for i in range(20000) { a = (a,) }\n#repr(a)"),
    );
    let run = assert_stopped(repo.path(), "pdf", "templates/body.typ", BODY_DOCUMENT);
    assert!(run.stderr.contains("переполнение стека"), "{}", run.stderr);
}

/// A misnamed data file is refused the same way from memory (fuzzing) as from the disk.
#[test]
fn loading_from_memory_refuses_misnamed_files_as_the_disk_does() {
    let repo = common::base_repo();
    let case = fs::read(repo.path().join("cases/2024-001.yaml")).unwrap();
    fs::write(repo.path().join("cases/2024-002.Yaml"), &case).unwrap();
    fs::write(repo.path().join("cases/2024-003.yaml.txt"), &case).unwrap();
    let (_, disk) = kurator::load::load(repo.path()).unwrap();
    let mut files = Vec::new();
    for name in [
        "kurator.yaml",
        "cases/2024-001.yaml",
        "cases/2024-002.Yaml",
        "cases/2024-003.yaml.txt",
        "meetings/2024-06-27.yaml",
    ] {
        files.push((name.into(), fs::read(repo.path().join(name)).unwrap()));
    }
    let (_, memory) = kurator::load::load_in_memory(&files).unwrap();
    assert_eq!(disk, memory);
    let codes: Vec<_> = disk.iter().map(|d| (d.file.clone(), d.code)).collect();
    assert!(
        codes.contains(&("cases/2024-002.Yaml".into(), "file-suffix")),
        "{codes:?}"
    );
    assert!(
        codes.contains(&("cases/2024-003.yaml.txt".into(), "file-suffix")),
        "{codes:?}"
    );
}

#[test]
fn an_unreadable_budget_is_a_usage_error() {
    let repo = common::base_repo();
    for (name, value) in [
        ("KURATOR_RENDER_TIMEOUT", "пять"),
        ("KURATOR_MEMORY_LIMIT", "0"),
    ] {
        let mut command = common::kurator();
        command
            .args(["build", "--as-of", "2024-12-31", "--root"])
            .arg(repo.path())
            .env(name, value);
        let run = run_within(command, Duration::from_secs(120));
        assert_eq!(run.code, Some(2), "{}", run.stderr);
        assert!(
            run.stderr.contains(name) && run.stderr.contains("больше нуля"),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn schema_check_does_not_block_on_a_fifo_or_follow_a_link() {
    let repo = common::base_repo();
    let schema = repo.path().join("schema");
    fs::create_dir(&schema).unwrap();
    mkfifo(&schema.join("case.schema.json"));
    symlink("/dev/zero", schema.join("meeting.schema.json")).unwrap();
    let mut command = common::kurator();
    command
        .args(["schema", "--check", "--root"])
        .arg(repo.path());
    let run = run_within(command, Duration::from_secs(30));
    assert_eq!(run.code, Some(1), "{}{}", run.stdout, run.stderr);
    let line = |name: &str| {
        let found = run.stdout.lines().find(|l| l.contains(name));
        found.unwrap_or_else(|| panic!("{name} not reported:\n{}", run.stdout))
    };
    assert!(line("case.schema.json").contains("не обычный файл"));
    assert!(line("meeting.schema.json").contains("символическая ссылка"));
}

#[test]
fn a_templates_folder_that_is_a_symlink_is_refused() {
    let outside = testdir::tempdir().unwrap();
    fs::write(outside.path().join("case.html"), "чужой шаблон").unwrap();
    let repo = common::base_repo();
    symlink(outside.path(), repo.path().join("templates")).unwrap();
    let run = build(repo.path());
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("папка templates на пути к нему — символическая ссылка"),
        "{}",
        run.stderr
    );
    assert!(!output_holds(&repo.path().join("out"), "чужой шаблон"));
}
