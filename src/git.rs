//! What git says about the case repository: the commit a document or a pack is made from, and
//! whether the inputs have uncommitted changes. Through the `git` program (as the design asks:
//! a constant number of invocations, never one per file); no git, or no repository, is not an
//! error here — callers decide what it means.

use std::path::Path;
use std::process::Command;

/// The state of the repository's inputs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    /// Full id of `HEAD`, or `None` before the first commit.
    pub commit: Option<String>,
    /// Input paths with uncommitted changes (modified, added, deleted or untracked).
    pub dirty: Vec<String>,
}

/// The paths a build reads, relative to the repository root.
pub const INPUTS: [&str; 5] = ["kurator.yaml", "cases", "meetings", "calendar", "templates"];

/// The git state of `root`'s inputs, or `None` when `root` is not in a git work tree or git
/// is not installed.
pub fn state(root: &Path) -> Option<State> {
    let inside = git(root, &["rev-parse", "--is-inside-work-tree"])?;
    if inside.trim() != "true" {
        return None;
    }
    let commit = git(root, &["rev-parse", "--verify", "--quiet", "HEAD"])
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty());
    let mut args = vec![
        "status",
        "--porcelain=v1",
        "-z",
        "--untracked-files=all",
        "--",
    ];
    args.extend(INPUTS);
    let status = git(root, &args)?;
    let dirty = status
        .split('\0')
        .filter(|entry| entry.len() > 3)
        .map(|entry| entry[3..].to_owned())
        .collect();
    Some(State { commit, dirty })
}

fn git(root: &Path, args: &[&str]) -> Option<String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(root)
        // Cyrillic paths print as themselves, not as octal escapes.
        .args(["-c", "core.quotepath=off"])
        .args(args)
        .output()
        .ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}
