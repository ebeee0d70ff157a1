//! The parsed output of one `git log -z --raw` over the inputs: commits, newest first, with
//! the files each one changed and the blob ids before and after.

use std::collections::HashMap;

use crate::model::Date;

/// One commit that touched an input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commit {
    /// Full id.
    pub id: String,
    /// The id as git abbreviates it in this repository.
    pub short: String,
    /// Author date.
    pub date: Date,
    /// Author name.
    pub author: String,
    /// The whole message, trimmed.
    pub message: String,
    /// Inputs it changed (none for a merge, as in `git log`).
    pub changes: Vec<FileChange>,
}

/// What a commit did to one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileChange {
    /// Added, modified, deleted, renamed…
    pub status: Status,
    /// The path after the commit (before it, for a deletion), relative to the case repository.
    pub path: String,
    /// The path before a rename or copy.
    pub old_path: Option<String>,
    /// Blob before the commit; `None` when the file did not exist.
    pub old_blob: Option<String>,
    /// Blob after the commit; `None` when the file was deleted.
    pub new_blob: Option<String>,
}

/// The kind of a file change, from git's status letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// `A`.
    Added,
    /// `M` or `T`.
    Modified,
    /// `D`.
    Deleted,
    /// `R`: moved, maybe edited too.
    Renamed,
    /// `C`: a copy of another file.
    Copied,
}

/// Commits that touched the inputs, newest first.
#[derive(Debug, Clone, Default)]
pub struct Log {
    /// The commits.
    pub commits: Vec<Commit>,
    /// Path → index of the newest commit that left the file as it is.
    latest: HashMap<String, usize>,
}

impl Log {
    /// Parses `git log -z --raw --no-abbrev --format=%x1e%H%x1f%ad%x1f%an%x1f%B%x1f`.
    /// Records git did not write as expected are skipped, never a panic.
    pub fn parse(out: &str, short_len: usize) -> Log {
        let commits: Vec<Commit> = out
            .split('\x1e')
            .filter_map(|record| parse_commit(record, short_len))
            .collect();
        let mut latest = HashMap::new();
        for (index, commit) in commits.iter().enumerate() {
            for change in &commit.changes {
                if change.status != Status::Deleted {
                    latest.entry(change.path.clone()).or_insert(index);
                }
            }
        }
        Log { commits, latest }
    }

    /// Whether a commit holds the file at `path`.
    pub fn has(&self, path: &str) -> bool {
        self.latest.contains_key(path)
    }

    /// The newest commit that changed any of `sources` (paths relative to the case
    /// repository; one ending in `/` is a whole folder, where a deletion is a change too).
    pub fn newest(&self, sources: &[String]) -> Option<&Commit> {
        sources
            .iter()
            .filter_map(|source| {
                if source.ends_with('/') {
                    self.commits.iter().position(|c| {
                        c.changes.iter().any(|change| {
                            change.path.starts_with(source.as_str())
                                || change
                                    .old_path
                                    .as_deref()
                                    .is_some_and(|old| old.starts_with(source.as_str()))
                        })
                    })
                } else {
                    self.latest.get(source).copied()
                }
            })
            .min()
            .map(|i| &self.commits[i])
    }
}

fn parse_commit(record: &str, short_len: usize) -> Option<Commit> {
    let mut fields = record.splitn(5, '\x1f');
    let id = fields.next()?.trim();
    let date = Date::parse(fields.next()?.trim()).ok()?;
    let author = fields.next()?.trim().to_owned();
    let message = fields.next()?.trim().to_owned();
    let raw = fields.next().unwrap_or_default();
    Some(Commit {
        short: id.chars().take(short_len).collect(),
        id: id.to_owned(),
        date,
        author,
        message,
        changes: parse_raw(raw),
    })
}

/// `:100644 100644 <old> <new> M\0path\0` and, for renames and copies,
/// `:… R095\0old\0new\0`.
fn parse_raw(raw: &str) -> Vec<FileChange> {
    let mut tokens = raw.split('\0').map(|t| t.trim_start_matches('\n'));
    let mut changes = Vec::new();
    while let Some(token) = tokens.next() {
        let Some(meta) = token.strip_prefix(':') else {
            continue;
        };
        let fields: Vec<&str> = meta.split(' ').collect();
        let [_, _, old, new, status] = fields[..] else {
            continue;
        };
        let blob = |id: &str| (!id.bytes().all(|b| b == b'0')).then(|| id.to_owned());
        let status = match status.chars().next() {
            Some('A') => Status::Added,
            Some('D') => Status::Deleted,
            Some('R') => Status::Renamed,
            Some('C') => Status::Copied,
            _ => Status::Modified,
        };
        let Some(first) = tokens.next() else { break };
        let (old_path, path) = match status {
            Status::Renamed | Status::Copied => match tokens.next() {
                Some(second) => (Some(first.to_owned()), second.to_owned()),
                None => break,
            },
            _ => (None, first.to_owned()),
        };
        changes.push(FileChange {
            status,
            path,
            old_path,
            old_blob: blob(old),
            new_blob: blob(new),
        });
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    const ZERO: &str = "0000000000000000000000000000000000000000";

    fn record(id: &str, author: &str, message: &str, raw: &str) -> String {
        format!("\x1e{id}\x1f2025-07-12\x1f{author}\x1f{message}\n\x1f\0\n{raw}")
    }

    #[test]
    fn commits_renames_and_cyrillic_survive_parsing() {
        let a = "a".repeat(40);
        let b = "b".repeat(40);
        let c = "c".repeat(40);
        let out = [
            record(
                &"1".repeat(40),
                "Петрова Ольга",
                "Переименован случай\n\nпо номеру журнала",
                &format!(":100644 100644 {a} {b} R090\0cases/1.yaml\0cases/2024-001.yaml\0"),
            ),
            record(&"2".repeat(40), "Merge", "Слияние", ""),
            record(
                &"3".repeat(40),
                "Иванова Анна",
                "Новый случай",
                &format!(
                    ":000000 100644 {ZERO} {a} A\0cases/1.yaml\0:000000 100644 {ZERO} {c} A\0kurator.yaml\0"
                ),
            ),
        ]
        .concat();
        let log = Log::parse(&out, 7);
        assert_eq!(log.commits.len(), 3);
        let first = &log.commits[0];
        assert_eq!(first.short, "1111111");
        assert_eq!(first.author, "Петрова Ольга");
        assert_eq!(first.message, "Переименован случай\n\nпо номеру журнала");
        assert_eq!(
            first.changes,
            [FileChange {
                status: Status::Renamed,
                path: "cases/2024-001.yaml".into(),
                old_path: Some("cases/1.yaml".into()),
                old_blob: Some(a.clone()),
                new_blob: Some(b),
            }]
        );
        assert!(log.commits[1].changes.is_empty());
        assert_eq!(log.commits[2].changes.len(), 2);
        assert_eq!(log.commits[2].changes[0].old_blob, None);
        let newest = |paths: &[&str]| {
            let paths: Vec<String> = paths.iter().map(|p| (*p).to_owned()).collect();
            log.newest(&paths).map(|c| c.author.clone())
        };
        assert_eq!(
            newest(&["cases/2024-001.yaml"]).as_deref(),
            Some("Петрова Ольга")
        );
        assert_eq!(newest(&["kurator.yaml"]).as_deref(), Some("Иванова Анна"));
        assert_eq!(
            newest(&["kurator.yaml", "cases/"]).as_deref(),
            Some("Петрова Ольга")
        );
        assert_eq!(newest(&["cases/2024-002.yaml", "meetings/"]), None);
    }
}
