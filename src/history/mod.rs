//! The history of a case file in the case's own terms: every commit that touched it (following
//! renames), with date, author, message and the fields it changed.
//!
//! The commits come from the one `git log` of the build and the old versions from one
//! `git cat-file --batch` for all cases; each version is parsed once and compared with the one
//! before it (`diff`). This is the audit trail the centre keeps: git is the record, kurator
//! reads it back in words a curator or an inspector understands.

pub mod diff;

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;
use serde::Serialize;

use crate::git::{FileChange, Log, Repo, Status};
use crate::load::yaml::{self, Node};
use crate::model::Date;

pub use diff::Change;

/// Every recorded version of one case file, newest first.
#[derive(Debug, Clone, Serialize)]
pub struct CaseHistory {
    /// The file now, relative to the case repository.
    pub path: String,
    /// Commits that touched it, newest first.
    pub entries: Vec<Entry>,
    /// The clone is shallow: commits before its cut-off are missing.
    pub shallow: bool,
    /// The file has changes that are not committed yet (not in this history).
    pub uncommitted: bool,
}

/// One commit in a case's history.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    /// Short commit id.
    pub commit: String,
    /// Full commit id.
    pub id: String,
    /// Author date.
    pub date: Date,
    /// Author name.
    pub author: String,
    /// Commit message.
    pub message: String,
    /// What happened to the file.
    pub event: Event,
    /// Field changes (none when the file was created, or when only layout changed).
    pub changes: Vec<Change>,
    /// Why changes could not be listed, if they could not.
    pub note: Option<String>,
}

/// What a commit did to the file as a whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Event {
    /// The file was created (or, in a shallow clone, is as old as the history goes).
    Created,
    /// The file was edited.
    Changed,
    /// The file was renamed (and maybe edited).
    Renamed {
        /// Its former path.
        from: String,
        /// Its path after the commit.
        to: String,
    },
}

impl Entry {
    /// The entry in one line of words for staff: «файл создан», «переименован из …».
    pub fn event_text(&self) -> String {
        match &self.event {
            Event::Created => "файл создан".to_owned(),
            Event::Changed if self.changes.is_empty() && self.note.is_none() => {
                "изменено только оформление (комментарии, переносы, порядок ключей)".to_owned()
            }
            Event::Changed => String::new(),
            Event::Renamed { from, to } => format!("файл переименован: {from} → {to}"),
        }
    }
}

/// The histories of the files at `paths` (relative to the case repository), by path.
///
/// One `git cat-file` reads every version needed; a version git cannot give (a shallow clone)
/// or that does not parse is noted on its entry, never an error.
pub fn histories(repo: &Repo, log: &Log, paths: &[String]) -> BTreeMap<String, CaseHistory> {
    let trails: Vec<(&String, Vec<Step>)> = paths.iter().map(|p| (p, trail(log, p))).collect();
    let ids = trails.iter().flat_map(|(_, steps)| {
        steps
            .iter()
            .flat_map(|s| [s.change.old_blob.as_deref(), s.change.new_blob.as_deref()])
            .flatten()
    });
    let blobs = repo.blobs(ids).unwrap_or_default();
    trails
        .into_par_iter()
        .map(|(path, steps)| {
            let history = CaseHistory {
                path: path.clone(),
                entries: entries(log, &steps, &blobs),
                shallow: repo.shallow,
                uncommitted: repo.dirty.contains(path),
            };
            (path.clone(), history)
        })
        .collect()
}

/// One commit's change to the file, found by walking the log back from its current path.
struct Step<'a> {
    commit: usize,
    change: &'a FileChange,
}

/// The commits that made the file at `path` what it is, newest first, following renames back
/// to where it was added.
fn trail<'a>(log: &'a Log, path: &str) -> Vec<Step<'a>> {
    let mut current = path.to_owned();
    let mut steps = Vec::new();
    for (index, commit) in log.commits.iter().enumerate() {
        let Some(change) = commit
            .changes
            .iter()
            .find(|c| c.path == current && c.status != Status::Deleted)
        else {
            continue;
        };
        steps.push(Step {
            commit: index,
            change,
        });
        match (&change.status, &change.old_path) {
            (Status::Renamed, Some(old)) => current = old.clone(),
            // A copy starts the file's own history; so does an addition.
            (Status::Added | Status::Copied, _) => break,
            _ => {}
        }
    }
    steps
}

fn entries(log: &Log, steps: &[Step], blobs: &HashMap<String, Vec<u8>>) -> Vec<Entry> {
    steps
        .iter()
        .map(|step| {
            let commit = &log.commits[step.commit];
            let change = step.change;
            let event = match (&change.status, &change.old_path) {
                (Status::Renamed, Some(from)) => Event::Renamed {
                    from: from.clone(),
                    to: change.path.clone(),
                },
                (Status::Added | Status::Copied, _) => Event::Created,
                _ => Event::Changed,
            };
            let compared = match event {
                Event::Created => Ok(Vec::new()),
                _ => text(blobs, &change.old_blob)
                    .and_then(|old| Ok((old, text(blobs, &change.new_blob)?)))
                    .and_then(|(old, new)| compare(old, new)),
            };
            let (changes, note) = match compared {
                Ok(changes) => (changes, None),
                Err(note) => (Vec::new(), Some(note)),
            };
            Entry {
                commit: commit.short.clone(),
                id: commit.id.clone(),
                date: commit.date,
                author: commit.author.clone(),
                message: commit.message.clone(),
                event,
                changes,
                note,
            }
        })
        .collect()
}

fn text<'a>(blobs: &'a HashMap<String, Vec<u8>>, id: &Option<String>) -> Result<&'a str, String> {
    let bytes = id
        .as_deref()
        .and_then(|id| blobs.get(id))
        .ok_or("версия файла недоступна в этом клоне git")?;
    std::str::from_utf8(bytes).map_err(|_| "версия файла не в UTF-8".to_owned())
}

/// The field changes between two versions of a file.
///
/// Only the top-level sections whose text differs are parsed: a visit added to a file of 200
/// lines costs the parse of the visits, not of the family and the programme — parsing is most
/// of what a build's histories cost. When the file cannot be cut into sections (a top-level
/// list) or may use anchors, both versions are parsed whole.
fn compare(old: &str, new: &str) -> Result<Vec<Change>, String> {
    if old == new {
        return Ok(Vec::new());
    }
    // An alias may point into another section: such files are compared whole.
    let aliases = |text: &str| {
        text.as_bytes()
            .windows(2)
            .any(|w| matches!(w[0], b'&' | b'*') && !w[1].is_ascii_whitespace())
    };
    if !aliases(old)
        && !aliases(new)
        && let (Some(a), Some(b)) = (sections(old), sections(new))
    {
        let changed = |of: &[(&str, &str)], other: &[(&str, &str)]| -> String {
            of.iter()
                .filter(|section| !other.contains(section))
                .map(|(_, text)| *text)
                .collect()
        };
        if let (Ok(x), Ok(y)) = (parse(&changed(&a, &b)), parse(&changed(&b, &a))) {
            return Ok(diff::diff(&x, &y));
        }
    }
    Ok(diff::diff(&parse(old)?, &parse(new)?))
}

/// The top-level `key: …` sections of a block mapping, as (key, text with its indented lines
/// and the comments after it); `None` when the file is not such a mapping.
fn sections(text: &str) -> Option<Vec<(&str, &str)>> {
    let mut starts: Vec<(usize, &str)> = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let first = line.chars().next().unwrap_or(' ');
        if !matches!(first, ' ' | '\t' | '\r' | '\n' | '#') {
            if matches!(first, '-' | '.' | '%' | '[' | '{' | '&' | '*' | '!' | '?') {
                return None;
            }
            starts.push((offset, line.split(':').next()?.trim()));
        }
        offset += line.len();
    }
    let ends = starts.iter().skip(1).map(|(at, _)| *at).chain([text.len()]);
    Some(
        starts
            .iter()
            .zip(ends)
            .map(|((start, key), end)| (*key, &text[*start..end]))
            .collect(),
    )
}

fn parse(text: &str) -> Result<Node, String> {
    match yaml::parse(text) {
        Ok(Some(node)) => Ok(node),
        Ok(None) => Ok(Node {
            kind: yaml::NodeKind::Map(Vec::new()),
            span: yaml::Span::default(),
        }),
        Err(e) => Err(format!(
            "версия файла с ошибкой YAML ({}:{}: {}), изменения не показаны",
            e.span.start.line, e.span.start.column, e.message
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_changed_sections_are_compared_and_the_rest_falls_back() {
        let old =
            "# шапка\nномер: 1\nпатронаж:\n  - {дата: 2024-06-12}\n# конец\nуровень: базовый\n";
        let new = "# шапка\nномер: 1\nпатронаж:\n  - {дата: 2024-06-12}\n  - {дата: 2024-07-12}\n# конец\nуровень: базовый\n";
        let texts = |old, new| -> Vec<String> {
            compare(old, new)
                .unwrap()
                .into_iter()
                .map(|c| c.text)
                .collect()
        };
        assert_eq!(texts(old, new), ["добавлен патронаж 12.07.2024"]);
        assert_eq!(
            sections(new)
                .unwrap()
                .iter()
                .map(|(k, _)| *k)
                .collect::<Vec<_>>(),
            ["номер", "патронаж", "уровень"]
        );
        // An anchor in one section used in another: the whole files are compared.
        let old = "а: &x 1\nб: *x\n";
        let new = "а: &x 2\nб: *x\n";
        assert_eq!(texts(old, new), ["а: 1 → 2", "б: 1 → 2"]);
        assert!(sections("- 1\n- 2\n").is_none());
        assert!(
            compare("а: [1\n", "а: 2\n")
                .unwrap_err()
                .contains("ошибкой YAML")
        );
    }
}
