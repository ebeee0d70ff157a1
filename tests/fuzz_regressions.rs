//! Every input the fuzzers crashed on (`tests/fuzz-regressions/<target>/`), and a few seeds,
//! replayed through the same harnesses as the fuzz targets (`kurator::fuzzing`, see
//! `fuzz/README.md`): no panic, and a result that means something.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use kurator::diagnostic::Severity;
use kurator::fuzzing::{self, Slot};
use kurator::load;

/// The files of a folder, sorted; none when it does not exist.
fn inputs(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .map(|entries| entries.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    files.retain(|path| path.is_file() && path.extension().is_none_or(|ext| ext != "out"));
    files.sort();
    files
}

fn regressions(target: &str) -> Vec<PathBuf> {
    inputs(
        &common::project_root()
            .join("tests/fuzz-regressions")
            .join(target),
    )
}

/// The slot's file either loaded, or an error names it at a line.
fn assert_meaningful(slot: Slot, loaded: &fuzzing::Loaded, what: &Path) {
    let path = Path::new(slot.path());
    let repo = &loaded.repo;
    let in_repo = repo.config.iter().any(|s| s.path == path)
        || repo.cases.iter().any(|s| s.path == path)
        || repo.meetings.iter().any(|s| s.path == path)
        || repo.calendar_years.iter().any(|s| s.path == path);
    let located = loaded
        .diagnostics
        .iter()
        .any(|d| d.file == path && d.severity == Severity::Error && d.line() >= 1);
    assert!(
        in_repo || located,
        "{}: neither loaded nor reported",
        what.display()
    );
}

#[test]
fn load_crash_inputs_come_back_as_data_or_located_errors() {
    for path in regressions("load") {
        let input = fs::read(&path).unwrap();
        let loaded = fuzzing::load(&input);
        let slot = Slot::ALL[usize::from(*input.first().unwrap_or(&0)) % Slot::ALL.len()];
        assert_meaningful(slot, &loaded, &path);
    }
}

/// The render crash inputs that validation now refuses, with the error it refuses them by;
/// every other input in `tests/fuzz-regressions/render/` must render.
const REFUSED: [(&str, &str); 2] = [
    ("armenian-letter-in-a-name", "unprintable"),
    ("consent-in-the-year-4050", "future-date"),
];

#[test]
fn render_crash_inputs_render_or_are_refused_by_their_rule() {
    for path in regressions("render") {
        let input = fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_str().unwrap();
        let rendered = fuzzing::render(&input);
        match REFUSED.iter().find(|(file, _)| *file == name) {
            Some((_, code)) => {
                assert!(rendered.is_none(), "{name}: rendered, must be refused");
                let loaded = fuzzing::load_as(Slot::Case, &input);
                assert!(
                    loaded.diagnostics.iter().any(|d| d.code == *code),
                    "{name}: no [{code}] error in {:#?}",
                    loaded.diagnostics
                );
            }
            None => assert!(rendered.is_some(), "{name}: refused, must render"),
        }
    }
}

#[test]
fn the_base_files_load_cleanly_in_their_own_slots() {
    let base = common::fixture("base");
    for (slot, file) in [
        (Slot::Case, "cases/2024-001.yaml"),
        (Slot::Meeting, "meetings/2024-06-27.yaml"),
        (Slot::Config, "kurator.yaml"),
    ] {
        let loaded = fuzzing::load_as(slot, &fs::read(base.join(file)).unwrap());
        assert_eq!(loaded.diagnostics, [], "{file}");
        assert_eq!(loaded.repo.cases.len(), 1);
    }
    let year = fs::read(common::project_root().join("calendar-data/2024.yaml")).unwrap();
    assert_eq!(fuzzing::load_as(Slot::Calendar, &year).diagnostics, []);
    // A copy of the case as a second one: its number is taken and not its file name.
    let case = fs::read(base.join(Slot::Case.path())).unwrap();
    let twin = fuzzing::load_as(Slot::SecondCase, &case);
    let mut codes: Vec<&str> = twin.diagnostics.iter().map(|d| d.code).collect();
    codes.sort_unstable();
    assert_eq!(codes, ["duplicate-number", "file-name"]);
}

#[test]
fn invalid_fixtures_are_reported_in_their_slots() {
    let invalid = common::fixture("invalid");
    for (dir, slot) in [
        ("cases", Slot::Case),
        ("meetings", Slot::Meeting),
        ("config", Slot::Config),
    ] {
        for path in inputs(&invalid.join(dir)) {
            let loaded = fuzzing::load_as(slot, &fs::read(&path).unwrap());
            assert_meaningful(slot, &loaded, &path);
        }
    }
}

#[test]
fn a_demo_case_renders_in_both_formats() {
    let case = fs::read(common::project_root().join("cases/2024-001.yaml")).unwrap();
    let rendered = fuzzing::render(&case).expect("a demo case is valid");
    assert!(rendered.documents > 5 && rendered.pages > rendered.documents);
    assert_eq!(rendered.pdfs, 3);
    assert_eq!(fuzzing::render(b"not: [a case"), None);
}

/// `load_in_memory` gives what `load` gives from the disk, for the fixture repositories.
#[test]
fn loading_from_memory_matches_loading_from_disk() {
    for name in ["base", "hostile", "indicators"] {
        let root = common::fixture(name);
        let mut files = Vec::new();
        read_tree(&root, &root, &mut files);
        let (disk, disk_faults) = load::load(&root).unwrap();
        let (memory, memory_faults) = load::load_in_memory(&files).unwrap();
        let paths = |repo: &load::Repository| -> Vec<PathBuf> {
            let cases = repo.cases.iter().map(|s| s.path.clone());
            cases
                .chain(repo.meetings.iter().map(|s| s.path.clone()))
                .collect()
        };
        assert_eq!(paths(&disk), paths(&memory), "{name}");
        assert_eq!(disk_faults, memory_faults, "{name}");
        assert_eq!(disk.config.is_some(), memory.config.is_some());
    }
    assert!(load::load_in_memory(&[]).is_err(), "no kurator.yaml");
}

/// Every file under `dir`, relative to `root`, with its bytes.
fn read_tree(root: &Path, dir: &Path, files: &mut Vec<(PathBuf, Vec<u8>)>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            read_tree(root, &path, files);
        } else {
            let relative = path.strip_prefix(root).unwrap().to_owned();
            files.push((relative, fs::read(&path).unwrap()));
        }
    }
}
