//! Which recorded version of the data a document is made from: the stamp every PDF footer and
//! HTML page carries, and the case histories of the HTML site.
//!
//! The centre's audit trail is git. A printed programme that says «версия a1b2c3d от
//! 12.07.2025, автор: Иванова» can be traced to the exact file it came from; one made from
//! uncommitted edits says so on its face. Read once per build (`git::Repo`), so the cost does
//! not grow with the number of documents.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use crate::documents::Document;
use crate::git::{Log, Repo};
use crate::history::{self, CaseHistory};

/// The mark on a document made from files with uncommitted changes.
pub const UNCOMMITTED: &str = "изменения не зафиксированы в git";

/// What git says about the inputs of one build.
#[derive(Debug, Clone, Default)]
pub struct Provenance {
    git: Option<(Repo, Log)>,
}

/// The version stamp of a document, ready to print.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stamp {
    /// The source files: «cases/2024-001.yaml, kurator.yaml».
    pub sources: String,
    /// Short id of the newest commit that changed any of them; empty when none did.
    pub commit: String,
    /// Its author date, 12.07.2025.
    pub date: String,
    /// Its author.
    pub author: String,
    /// The stamp in one line.
    pub text: String,
    /// [`UNCOMMITTED`] when a source has uncommitted changes, else empty.
    pub mark: String,
}

impl Provenance {
    /// Reads git for the case repository at `root`: three invocations, whatever its size.
    pub fn read(root: &Path) -> Provenance {
        Provenance {
            git: Repo::open(root).map(|repo| {
                let log = repo.log();
                (repo, log)
            }),
        }
    }

    /// The git work tree, if the case repository is in one.
    pub fn repo(&self) -> Option<&Repo> {
        self.git.as_ref().map(|(repo, _)| repo)
    }

    /// Whether the repository is in git (documents get stamps).
    pub fn in_git(&self) -> bool {
        self.git.is_some()
    }

    /// What staff should know before trusting the stamps, one line each.
    pub fn warnings(&self) -> Vec<String> {
        let Some((repo, _)) = &self.git else {
            return vec![
                "каталог не в репозитории git (или git не установлен): документы собраны без \
                 отметки о версии данных. Храните случаи в git: git init, git add ., git commit"
                    .to_owned(),
            ];
        };
        let mut warnings = Vec::new();
        if repo.commit.is_none() {
            warnings.push(
                "в репозитории git ещё нет коммитов: документы помечены «изменения не \
                 зафиксированы в git». Зафиксируйте данные: git add ., git commit"
                    .to_owned(),
            );
        } else if !repo.dirty.is_empty() {
            let listed: Vec<&str> = repo.dirty.iter().take(5).map(String::as_str).collect();
            let more = repo.dirty.len() - listed.len();
            let tail = if more > 0 {
                format!(" и ещё {more}")
            } else {
                String::new()
            };
            warnings.push(format!(
                "{UNCOMMITTED}: {}{tail}. Документы из этих файлов помечены «{UNCOMMITTED}»; \
                 зафиксируйте изменения (git commit) и соберите снова",
                listed.join(", ")
            ));
        }
        if repo.shallow {
            warnings.push(
                "неглубокий клон git (shallow clone): история случаев неполная, ранние коммиты \
                 недоступны. Полная история: git fetch --unshallow"
                    .to_owned(),
            );
        }
        warnings
    }

    /// The stamp of a document made from `sources`, or `None` outside git.
    pub fn stamp(&self, sources: &[String]) -> Option<Stamp> {
        let (repo, log) = self.git.as_ref()?;
        let dirty = sources.iter().any(|source| {
            if source.ends_with('/') {
                repo.dirty.iter().any(|d| d.starts_with(source.as_str()))
            } else {
                repo.dirty.contains(source)
            }
        });
        let listed = sources.join(", ");
        // A file no commit has ever held (new, not yet added) makes the document unrecorded,
        // whatever the commits of its other sources.
        let unrecorded: Vec<&str> = sources
            .iter()
            .filter(|s| !s.ends_with('/') && !log.has(s))
            .map(String::as_str)
            .collect();
        let commit = log.newest(sources).filter(|_| unrecorded.is_empty());
        let text = match commit {
            Some(c) => format!(
                "Источник: {listed} — версия {} от {}, автор: {}",
                c.short,
                c.date.short_ru(),
                c.author
            ),
            None if unrecorded.is_empty() => format!("Источник: {listed} — в git не зафиксирован"),
            None => format!(
                "Источник: {listed} — в git не зафиксирован: {}",
                unrecorded.join(", ")
            ),
        };
        Some(Stamp {
            sources: listed,
            commit: commit.map(|c| c.short.clone()).unwrap_or_default(),
            date: commit.map(|c| c.date.short_ru()).unwrap_or_default(),
            author: commit.map(|c| c.author.clone()).unwrap_or_default(),
            text,
            mark: if dirty {
                UNCOMMITTED.to_owned()
            } else {
                String::new()
            },
        })
    }

    /// Puts each document's stamp into its view (`stamp`), where both templates print it.
    pub fn stamp_all(&self, docs: &mut [Document]) {
        for doc in docs {
            if let Some(stamp) = self.stamp(&doc.sources) {
                doc.insert("stamp", &stamp);
            }
        }
    }

    /// The histories of the case files at `paths`; empty outside git.
    pub fn histories(&self, paths: &[String]) -> BTreeMap<String, CaseHistory> {
        match &self.git {
            Some((repo, log)) => history::histories(repo, log, paths),
            None => BTreeMap::new(),
        }
    }
}
