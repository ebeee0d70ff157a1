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
    // Each version is parsed once: it is the «after» of one commit and the «before» of the next.
    let mut parsed: HashMap<&str, Result<Node, String>> = HashMap::new();
    for step in steps {
        for id in [&step.change.old_blob, &step.change.new_blob]
            .into_iter()
            .flatten()
        {
            parsed.entry(id).or_insert_with(|| parse(blobs.get(id)));
        }
    }
    let version = |id: &Option<String>| id.as_deref().and_then(|id| parsed.get(id));
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
            let (changes, note) = if event == Event::Created {
                (Vec::new(), None)
            } else {
                match (version(&change.old_blob), version(&change.new_blob)) {
                    (Some(Ok(old)), Some(Ok(new))) => (diff::diff(old, new), None),
                    (Some(Err(e)), _) | (_, Some(Err(e))) => (Vec::new(), Some(e.clone())),
                    _ => (Vec::new(), Some("версия файла недоступна".to_owned())),
                }
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

fn parse(bytes: Option<&Vec<u8>>) -> Result<Node, String> {
    let bytes = bytes.ok_or("версия файла недоступна в этом клоне git")?;
    let text = std::str::from_utf8(bytes).map_err(|_| "версия файла не в UTF-8".to_owned())?;
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
