//! What git says about the case repository: which commit a document is made from, who changed
//! a case file and how, and whether the inputs have uncommitted changes.
//!
//! Through the `git` program, as the design asks, with a constant number of invocations however
//! many files there are: one `rev-parse`, one `status`, one `log` of every input, and one
//! `cat-file --batch` for the old versions of case files. No git, or no repository, is not an
//! error here — callers decide what it means.
//!
//! A case repository is data, and so is its `.git` folder when it is copied from elsewhere:
//! git runs here only to read, with every command a repository's own settings could start
//! turned off (see [`command`]), and a repository git itself refuses to trust (owned by another
//! user) is reported as that, never trusted on the staff's behalf.

mod log;

use std::collections::{BTreeSet, HashMap};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};

pub use log::{Commit, FileChange, Log, Status};

/// The paths a build reads, relative to the repository root.
pub const INPUTS: [&str; 6] = [
    "kurator.yaml",
    "cases",
    "meetings",
    "calendar",
    "reports",
    "templates",
];

/// A case repository that lives in a git work tree.
#[derive(Debug, Clone)]
pub struct Repo {
    root: std::path::PathBuf,
    /// Full id of `HEAD`, or `None` before the first commit.
    pub commit: Option<String>,
    /// How many characters git shows of a commit id here (`git rev-parse --short`).
    short_len: usize,
    /// What keeps git from running a program the repository names (see [`command`]).
    guard: Guard,
    /// Whether the clone is shallow: history before its cut-off is missing.
    pub shallow: bool,
    /// Input paths (relative to the case repository) with uncommitted changes: modified,
    /// added, deleted or untracked.
    pub dirty: BTreeSet<String>,
}

/// Why there is no [`Repo`] to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Absent {
    /// Not in a git work tree, or git is not installed.
    NotInGit,
    /// git refuses the repository at this path: it belongs to another user (`safe.directory`).
    DubiousOwnership(String),
}

impl Repo {
    /// The git work tree `root` is in, or why there is none.
    pub fn open(root: &Path) -> Result<Repo, Absent> {
        // One invocation answers all six; before the first commit `HEAD` fails after the
        // other four lines are printed.
        let output = command(root, None)
            .args([
                "rev-parse",
                "--is-inside-work-tree",
                "--is-shallow-repository",
                "--show-prefix",
                "--show-object-format",
                "HEAD",
                "--short",
                "HEAD",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .output()
            .map_err(|_| Absent::NotInGit)?;
        let out = String::from_utf8_lossy(&output.stdout);
        let mut lines = out.lines();
        if lines.next() != Some("true") {
            return Err(dubious_ownership(&String::from_utf8_lossy(&output.stderr))
                .map_or(Absent::NotInGit, Absent::DubiousOwnership));
        }
        let shallow = lines.next() == Some("true");
        let prefix = lines.next().unwrap_or_default().to_owned();
        let empty_tree = match lines.next() {
            Some("sha256") => EMPTY_TREE_SHA256,
            _ => EMPTY_TREE_SHA1,
        };
        let is_id = |id: &&str| id.len() >= 4 && id.bytes().all(|b| b.is_ascii_hexdigit());
        let commit = lines.next().filter(is_id).map(str::to_owned);
        // git's own abbreviation for this repository: 7 for a small one, more as it grows.
        let short_len = lines.next().filter(is_id).map_or(7, str::len);
        let mut args = vec![
            "status",
            "--porcelain=v1",
            "-z",
            "--untracked-files=all",
            // A submodule is another repository, with settings of its own: not an input.
            "--ignore-submodules=all",
            "--",
        ];
        args.extend(INPUTS);
        let guard = Guard {
            empty_tree,
            filters: filter_drivers(root),
        };
        let (ok, status) = run(root, &guard, &args).ok_or(Absent::NotInGit)?;
        if !ok {
            return Err(Absent::NotInGit);
        }
        let dirty = dirty_paths(&status, &prefix);
        Ok(Repo {
            root: root.to_owned(),
            commit,
            short_len,
            guard,
            shallow,
            dirty,
        })
    }

    /// Every commit that touched an input, newest first; empty before the first commit.
    pub fn log(&self) -> Log {
        if self.commit.is_none() {
            return Log::default();
        }
        let mut args = vec![
            "log",
            "-z",
            "--raw",
            "--no-abbrev",
            "--find-renames",
            // Paths relative to the case repository, which may be a folder of a larger one.
            "--relative",
            "--date=short",
            "--no-ext-diff",
            "--no-textconv",
            "--no-show-signature",
            "--format=%x1e%H%x1f%ad%x1f%an%x1f%B%x1f",
            "--",
        ];
        args.extend(INPUTS);
        match run(&self.root, &self.guard, &args) {
            Some((true, out)) => Log::parse(&out, self.short_len),
            _ => Log::default(),
        }
    }

    /// The contents of blobs by id, in one `git cat-file --batch`; missing ones are left out
    /// (a shallow clone may lack them).
    pub fn blobs<'a>(
        &self,
        ids: impl IntoIterator<Item = &'a str>,
    ) -> std::io::Result<HashMap<String, Vec<u8>>> {
        let ids: Vec<String> = ids
            .into_iter()
            .collect::<BTreeSet<_>>()
            .into_iter()
            .map(str::to_owned)
            .collect();
        let mut blobs = HashMap::with_capacity(ids.len());
        if ids.is_empty() {
            return Ok(blobs);
        }
        let mut child = command(&self.root, Some(&self.guard))
            .args(["cat-file", "--batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()?;
        let mut stdin = child.stdin.take().expect("stdin is piped");
        let input: String = ids.iter().map(|id| format!("{id}\n")).collect();
        // Written from a thread: git answers while it reads, and both pipes would fill up.
        let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
        let mut reader = BufReader::new(child.stdout.take().expect("stdout is piped"));
        let mut header = String::new();
        for _ in &ids {
            header.clear();
            if reader.read_line(&mut header)? == 0 {
                break;
            }
            let mut fields = header.split_whitespace();
            let (Some(id), Some(_kind), Some(size)) = (fields.next(), fields.next(), fields.next())
            else {
                continue; // `<id> missing`
            };
            let size: usize = size
                .parse()
                .map_err(|_| std::io::Error::other("git cat-file: неверный размер объекта"))?;
            // A version larger than a data file may be (a committed 3 GB file compresses to a
            // few megabytes) is skipped unread: its history shows no field changes.
            if size as u64 > crate::load::MAX_FILE_BYTES {
                std::io::copy(
                    &mut (&mut reader).take(size as u64 + 1),
                    &mut std::io::sink(),
                )?;
                continue;
            }
            let mut content = vec![0; size + 1]; // and the newline after it
            reader.read_exact(&mut content)?;
            content.pop();
            blobs.insert(id.to_owned(), content);
        }
        writer
            .join()
            .map_err(|_| std::io::Error::other("git cat-file: поток записи"))??;
        child.wait()?;
        Ok(blobs)
    }
}

/// Paths of `git status --porcelain -z` output, relative to the case repository (git gives
/// them relative to the top of the work tree). A rename entry is followed by its old path,
/// which is dirty too.
fn dirty_paths(status: &str, prefix: &str) -> BTreeSet<String> {
    status
        .split('\0')
        .map(|entry| entry.get(3..).unwrap_or(entry))
        .filter(|path| !path.is_empty())
        .map(|path| path.strip_prefix(prefix).unwrap_or(path).to_owned())
        .collect()
}

/// The directory of git's «detected dubious ownership in repository at '…'».
fn dubious_ownership(stderr: &str) -> Option<String> {
    let (_, rest) = stderr.split_once("dubious ownership in repository at '")?;
    let (path, _) = rest.split_once('\'')?;
    Some(path.to_owned())
}

/// The empty tree of a SHA-1 repository.
const EMPTY_TREE_SHA1: &str = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
/// The empty tree of a SHA-256 repository.
const EMPTY_TREE_SHA256: &str = "6ef19b41225c5369f1c104d45d8d85efa9b057b53b14b4b9b939dd74decc5321";

/// `git -C root` set up to read a repository that may come from anywhere.
///
/// Settings of the repository's own `.git/config` that would start a program are overridden
/// for this invocation only (`-c` wins over every config file): `core.fsmonitor` (a command
/// `status` runs), `core.hooksPath` (no read command runs a hook; set all the same), the
/// pager, and in `log` external diff, textconv and signature checks (`--no-ext-diff`,
/// `--no-textconv`, `--no-show-signature`, which also stops `gpg.program`). Filter, diff and
/// merge drivers are named by `.gitattributes`, which the repository writes: with
/// `GIT_ATTR_SOURCE` set to the empty tree (`empty_tree`, once the hash is known) git reads no
/// attributes at all, so `status` runs no `filter.*.clean` on a file whose timestamp changed.
/// The cost: `text`/`eol` attributes are not applied either, so such a file with other line
/// ends than its commit may show as changed. Submodules, which have settings of their own,
/// are not looked into. `GIT_OPTIONAL_LOCKS=0` keeps `status` from rewriting the index, so a
/// build never takes git's lock from a person committing. The user's own and the system's git
/// config stay in force: they are the machine's, not the repository's, and carry what staff
/// set up (`safe.directory`, `core.autocrlf`).
///
/// git before 2.41 ignores `GIT_ATTR_SOURCE` (Debian 12 has 2.39): for it, every filter driver
/// the repository's own config defines (`filter.<name>.*`, includes followed) is emptied with
/// `-c`, and git runs no filter whose command is empty.
fn command(root: &Path, guard: Option<&Guard>) -> Command {
    let mut command = Command::new("git");
    command
        .arg("-C")
        .arg(root)
        .args([
            "--no-pager",
            "-c",
            "core.fsmonitor=false",
            "-c",
            "core.hooksPath=/dev/null",
            // Cyrillic paths print as themselves, not as octal escapes; the log is UTF-8
            // whatever the user's settings.
            "-c",
            "core.quotepath=off",
            "-c",
            "i18n.logOutputEncoding=UTF-8",
        ])
        .env("GIT_OPTIONAL_LOCKS", "0")
        .env("GIT_TERMINAL_PROMPT", "0")
        .stdin(Stdio::null());
    if let Some(guard) = guard {
        command.env("GIT_ATTR_SOURCE", guard.empty_tree);
        for name in &guard.filters {
            for part in ["clean", "smudge", "process"] {
                command.arg("-c").arg(format!("filter.{name}.{part}="));
            }
        }
    }
    command
}

/// What keeps git from running a program the repository names.
#[derive(Debug, Clone)]
struct Guard {
    /// The empty tree of the repository's hash: where git reads attributes from.
    empty_tree: &'static str,
    /// Filter drivers the repository's own config defines, emptied in every invocation.
    filters: Vec<String>,
}

/// The filter drivers the repository's own config (`.git/config` and what it includes)
/// defines: `filter.<name>.clean` and the like. Reading config runs no program.
fn filter_drivers(root: &Path) -> Vec<String> {
    let Ok(output) = command(root, None)
        .args([
            "config",
            "--local",
            "--includes",
            "--name-only",
            "--get-regexp",
            r"^filter\.",
        ])
        .stderr(Stdio::null())
        .output()
    else {
        return Vec::new();
    };
    let mut names: Vec<String> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|key| key.strip_prefix("filter.")?.rsplit_once('.'))
        .map(|(name, _)| name.to_owned())
        .collect();
    names.sort();
    names.dedup();
    names
}

/// Runs git in `root` under `guard`; (success, stdout), or `None` when git cannot be started.
fn run(root: &Path, guard: &Guard, args: &[&str]) -> Option<(bool, String)> {
    let output = command(root, Some(guard))
        .args(args)
        .stderr(Stdio::null())
        .output()
        .ok()?;
    Some((
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_data_folder_is_an_input() {
        for dir in crate::load::DATA_DIRS
            .into_iter()
            .chain([crate::load::CONFIG_FILE])
        {
            assert!(INPUTS.contains(&dir), "{dir}");
        }
    }

    #[test]
    fn a_dubious_ownership_refusal_names_its_folder() {
        let stderr = "fatal: detected dubious ownership in repository at '/srv/случаи'\n\
                      To add an exception for this directory, call:\n\n\
                      \tgit config --global --add safe.directory /srv/случаи\n";
        assert_eq!(dubious_ownership(stderr).as_deref(), Some("/srv/случаи"));
        assert_eq!(dubious_ownership("fatal: not a git repository"), None);
    }

    #[test]
    fn status_paths_are_relative_to_the_case_repository() {
        let status = " M centre/cases/2024-001.yaml\0?? centre/cases/новый.yaml\0";
        let dirty = dirty_paths(status, "centre/");
        assert_eq!(
            dirty.into_iter().collect::<Vec<_>>(),
            ["cases/2024-001.yaml", "cases/новый.yaml"]
        );
    }
}
