//! `kurator region`: the figures of several centres added into one report (issue 19). The
//! inputs are real packs of the demo and of a generated repository; the totals are checked
//! against the inputs' own figures.json, summed here, and against the PDF's text. Inputs that
//! cannot be added — other periods, another format version, an unsafe or oversized archive —
//! are refused with a message naming the file, and nothing is written.

mod common;

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::*;
use serde_json::Value;

/// `kurator pack 2025-К3` of `root` into `out`; the pack's folder.
fn pack_of(root: &Path, out: &Path, anonymise: bool) -> PathBuf {
    let mut args = vec![
        "pack",
        "2025-К3",
        "--allow-dirty",
        "--root",
        root.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    if anonymise {
        args.push("--anonymise");
    }
    let output = run(&args);
    assert!(output.status.success(), "{output:?}");
    let name = if anonymise {
        "2025-Q3-обезличенный"
    } else {
        "2025-Q3"
    };
    out.join("packs").join(name)
}

/// A generated repository of 30 families (seed 3), in a temporary folder.
fn generated() -> testdir::TempDir {
    let dir = testdir::tempdir().unwrap();
    let repo = dir.path().join("repo");
    let output = run(&[
        "demo",
        "--generate",
        "30",
        "--seed",
        "3",
        repo.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{output:?}");
    dir
}

/// `kurator region` with arguments; (exit code, stdout, stderr).
fn region(args: &[&Path], extra: &[&str], out: &Path) -> (i32, String, String) {
    let output = kurator()
        .arg("region")
        .args(extra)
        .arg("--out")
        .arg(out)
        .args(args)
        .output()
        .expect("kurator runs");
    (
        output.status.code().unwrap(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn json(path: &Path) -> Value {
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

/// The figure at a `/`-separated path of a figures.json.
fn at(figures: &Value, path: &str) -> u64 {
    figures
        .pointer(&format!("/{path}"))
        .and_then(Value::as_u64)
        .unwrap_or_else(|| panic!("no number at {path}"))
}

/// Every figure that adds across centres: counts, and both parts of every share.
const ADDING: &[&str] = &[
    "movement/start",
    "movement/opened",
    "movement/closed_total",
    "movement/end",
    "movement/closed/improvement",
    "movement/closed/loss_of_parental_rights",
    "movement/closed/handed_to_kdn",
    "children/at_end",
    "children/returned",
    "children/by_category/sop",
    "children/by_category/tzhs",
    "children/by_category/needs_support",
    "social_effect/families",
    "social_effect/closed_improvement/done",
    "social_effect/closed_improvement/of",
    "social_effect/closed_loss_of_parental_rights/done",
    "social_effect/closed_loss_of_parental_rights/of",
    "social_effect/children_returned/done",
    "social_effect/children_returned/of",
    "previous_social_effect/families",
    "previous_social_effect/closed_improvement/done",
    "previous_social_effect/children_returned/of",
    "criteria/families",
    "criteria/compared",
    "timeliness/visits_kept/done",
    "timeliness/visits_kept/of",
    "positive_dynamics/done",
    "positive_dynamics/of",
];

/// The numbers of the PDF's line that starts with `label`, as pdftotext -layout lays it out.
fn pdf_row(pdf: &Path, label: &str) -> Vec<String> {
    let output = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let text = String::from_utf8(output.stdout).unwrap();
    let line = text
        .lines()
        .find(|l| l.trim_start().starts_with(label))
        .unwrap_or_else(|| panic!("no «{label}» row in\n{text}"));
    line.split_whitespace()
        .filter(|w| w.chars().all(|c| c.is_ascii_digit()))
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_demo_and_a_generated_centre_add_up_in_figures_json_and_in_the_pdf() {
    let work = generated();
    let demo = pack_of(&project_root(), &work.path().join("demo-out"), true);
    let other = pack_of(
        &work.path().join("repo"),
        &work.path().join("gen-out"),
        false,
    );
    let demo_zip = demo.with_extension("zip");
    let out = work.path().join("region-out");
    // The demo as its anonymised ZIP, the other centre as its pack folder.
    let (code, stdout, stderr) =
        region(&[&demo_zip, &other], &["--name", "Заречная область"], &out);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("центров 2"), "{stdout}");

    let folder = out.join("packs/регион-2025-Q3");
    let total = json(&folder.join("figures.json"));
    let inputs = [
        json(&demo.join("figures.json")),
        json(&other.join("figures.json")),
    ];
    for path in ADDING {
        let sum: u64 = inputs.iter().map(|f| at(f, path)).sum();
        assert_eq!(at(&total, path), sum, "{path}");
    }
    assert_eq!(total["period"], "2025-Q3");
    assert_eq!(total["centre"], "Заречная область");
    assert_eq!(total["version"], inputs[0]["version"]);
    // The summed figures are figures.json of the same format: kurator region reads them back.
    let (code, _, stderr) = region(&[&folder], &[], &work.path().join("again"));
    assert_eq!(code, 0, "{stderr}");

    // The PDF's «Итого» row prints the sums, and each centre's row its own figures.
    let pdf = folder.join("сводный-отчёт-2025-Q3.pdf");
    let row = |f: &Value| -> Vec<String> {
        [
            "movement/start",
            "movement/opened",
            "movement/closed_total",
            "movement/closed/improvement",
            "movement/closed/loss_of_parental_rights",
            "movement/end",
            "children/at_end",
            "children/returned",
        ]
        .iter()
        .map(|p| at(f, p).to_string())
        .collect()
    };
    assert_eq!(pdf_row(&pdf, "Итого"), row(&total));
    let centre = inputs[1]["centre"].as_str().unwrap();
    assert_eq!(pdf_row(&pdf, centre), row(&inputs[1]));
    let html = fs::read_to_string(folder.join("сводный-отчёт-2025-Q3.html")).unwrap();
    assert!(html.contains("Заречная область"), "{html}");
    assert!(folder.with_extension("zip").is_file());
}

/// A folder holding only `figures.json`, as a pack folder does, with `edit` applied.
fn figures_folder(root: &Path, name: &str, figures: &Value, edit: impl Fn(&mut Value)) -> PathBuf {
    let dir = root.join(name);
    fs::create_dir_all(&dir).unwrap();
    let mut figures = figures.clone();
    edit(&mut figures);
    fs::write(dir.join("figures.json"), figures.to_string()).unwrap();
    dir
}

/// The figures of a build of the generated repository, by period.
fn built_figures(work: &Path) -> (PathBuf, Value, Value) {
    let out = work.join("out");
    let output = run(&[
        "build",
        "--format",
        "html",
        "--root",
        work.join("repo").to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{output:?}");
    let q = |id: &str| json(&out.join("отчёты").join(id).join("figures.json"));
    (out.clone(), q("2025-Q2"), q("2025-Q3"))
}

#[test]
fn figures_of_different_periods_or_versions_or_the_same_centre_twice_are_refused() {
    let work = generated();
    let (build_out, q2, q3) = built_figures(work.path());
    let out = work.path().join("region-out");
    let a = figures_folder(work.path(), "a", &q3, |_| {});
    let b = figures_folder(work.path(), "b", &q2, |f| {
        f["centre"] = "Другой центр".into()
    });
    let (code, _, stderr) = region(&[&a, &b], &[], &out);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("показатели за разные периоды не складываются"),
        "{stderr}"
    );
    assert!(
        stderr.contains("a/figures.json — III квартал 2025 г."),
        "{stderr}"
    );
    assert!(
        stderr.contains("b/figures.json — II квартал 2025 г."),
        "{stderr}"
    );

    // Within a version a newer kurator only adds fields: they are left aside, not refused.
    let newer = figures_folder(work.path(), "newer", &q2, |f| {
        f["centre"] = "Новый центр".into();
        f["period"] = "2025-Q3".into();
        f["new_figure"] = 7.into();
        f["movement"]["new_ground"] = 1.into();
    });
    let (code, _, stderr) = region(&[&a, &newer], &[], &work.path().join("newer-out"));
    assert_eq!(code, 0, "{stderr}");

    let v2 = figures_folder(work.path(), "v2", &q3, |f| f["version"] = 2.into());
    let (code, _, stderr) = region(&[&a, &v2], &[], &out);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("v2/figures.json: версия формата figures.json 2"),
        "{stderr}"
    );

    let (code, _, stderr) = region(&[&a, &build_out], &["--period", "2025-Q3"], &out);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("уже учтён"),
        "the same centre twice: {stderr}"
    );
    assert!(
        !out.join("packs").exists(),
        "nothing is written on a refusal"
    );

    // A build's output folder is read for the period asked; without one it names no figures.
    let (code, _, stderr) = region(&[&build_out], &[], &out);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("--period"), "{stderr}");
    let (code, stdout, stderr) = region(&[&build_out], &["--period", "2025"], &out);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("Сводный отчёт за 2025 год"), "{stdout}");
}

/// A ZIP made by Python's zipfile (not kurator's writer) with the given entries, which reach
/// Python on its standard input (20 MiB do not fit in an argument).
fn zip_with(path: &Path, entries: &[(&str, &str)]) {
    let script = "import sys, json, zipfile\n\
                  z = zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED)\n\
                  for name, text in json.load(sys.stdin): z.writestr(name, text)\n\
                  z.close()";
    let mut child = Command::new("python3")
        .args(["-c", script])
        .arg(path)
        .stdin(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    let entries = serde_json::to_vec(entries).unwrap();
    child.stdin.take().unwrap().write_all(&entries).unwrap();
    assert!(child.wait().unwrap().success());
}

#[test]
fn a_zip_that_climbs_out_or_holds_a_huge_entry_is_refused() {
    let work = generated();
    let (_, _, q3) = built_figures(work.path());
    let figures = q3.to_string();
    let out = work.path().join("region-out");

    let climbing = work.path().join("climbing.zip");
    zip_with(
        &climbing,
        &[("p/figures.json", &figures), ("../../evil.sh", "echo")],
    );
    let (code, _, stderr) = region(&[&climbing], &[], &out);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("архив небезопасен: элемент «../../evil.sh» ведёт за пределы папки архива"),
        "{stderr}"
    );

    // 20 MiB of spaces after the figures: valid JSON, a few kilobytes deflated.
    let huge = work.path().join("huge.zip");
    let padded = format!("{figures}{}", " ".repeat(20 * 1024 * 1024));
    zip_with(&huge, &[("p/figures.json", &padded)]);
    assert!(fs::metadata(&huge).unwrap().len() < 1024 * 1024);
    let (code, _, stderr) = region(&[&huge], &[], &out);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("«p/figures.json» слишком большой"),
        "{stderr}"
    );
    assert!(
        !out.join("packs").exists(),
        "nothing is written on a refusal"
    );

    // The same figures in a plain archive are read.
    let plain = work.path().join("plain.zip");
    zip_with(&plain, &[("p/figures.json", &figures)]);
    let (code, _, stderr) = region(&[&plain], &[], &out);
    assert_eq!(code, 0, "{stderr}");
}
