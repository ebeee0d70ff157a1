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

use crate::diagnostic::for_terminal;
use crate::documents::Document;
use crate::git::{Absent, Log, Repo};
use crate::history::{self, CaseHistory};
use crate::render::fonts::{is_bidi_control, printable};

/// The mark on a document made from files with uncommitted changes.
pub const UNCOMMITTED: &str = "изменения не зафиксированы в git";

/// What git says about the inputs of one build.
#[derive(Debug, Clone)]
pub struct Provenance {
    git: Result<(Repo, Log), Absent>,
}

impl Default for Provenance {
    fn default() -> Provenance {
        Provenance {
            git: Err(Absent::NotInGit),
        }
    }
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
        self.git.as_ref().ok().map(|(repo, _)| repo)
    }

    /// Why there is no git information, when there is none.
    pub fn absent(&self) -> Option<&Absent> {
        self.git.as_ref().err()
    }

    /// Whether the repository is in git (documents get stamps).
    pub fn in_git(&self) -> bool {
        self.git.is_ok()
    }

    /// What staff should know before trusting the stamps, one line each.
    pub fn warnings(&self) -> Vec<String> {
        let repo = match &self.git {
            Ok((repo, _)) => repo,
            Err(Absent::NotInGit) => {
                return vec![
                    "каталог не в репозитории git (или git не установлен): документы собраны без \
                     отметки о версии данных. Храните случаи в git: git init, git add ., git commit"
                        .to_owned(),
                ];
            }
            Err(Absent::DubiousOwnership(path)) => {
                return vec![
                    for_terminal(&format!(
                        "git отказался читать репозиторий {path}: папка принадлежит другому \
                     пользователю (dubious ownership). Документы собраны без отметки о версии \
                     данных. Если вы доверяете этому репозиторию, разрешите его командой: \
                     git config --global --add safe.directory '{path}'"
                    ))
                    .into_owned(),
                ];
            }
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
            warnings.push(
                for_terminal(&format!(
                    "{UNCOMMITTED}: {}{tail}. Документы из этих файлов помечены «{UNCOMMITTED}»; \
                     зафиксируйте изменения (git commit) и соберите снова",
                    listed.join(", ")
                ))
                .into_owned(),
            );
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
        let (repo, log) = self.git.as_ref().ok()?;
        let dirty = sources.iter().any(|source| {
            if source.ends_with('/') {
                repo.dirty.iter().any(|d| d.starts_with(source.as_str()))
            } else {
                repo.dirty.contains(source)
            }
        });
        let listed = printable_text(&sources.join(", "));
        // A file no commit has ever held (new, not yet added) makes the document unrecorded,
        // whatever the commits of its other sources.
        let unrecorded: Vec<&str> = sources
            .iter()
            .filter(|s| !s.ends_with('/') && !log.has(s))
            .map(String::as_str)
            .collect();
        let commit = log.newest(sources).filter(|_| unrecorded.is_empty());
        let author = commit
            .map(|c| printable_text(&c.author))
            .unwrap_or_default();
        let text = match commit {
            Some(c) => format!(
                "Источник: {listed} — версия {} от {}, автор: {author}",
                c.short,
                c.date.short_ru(),
            ),
            None if unrecorded.is_empty() => format!("Источник: {listed} — в git не зафиксирован"),
            None => format!(
                "Источник: {listed} — в git не зафиксирован: {}",
                printable_text(&unrecorded.join(", "))
            ),
        };
        Some(Stamp {
            sources: listed,
            commit: commit.map(|c| c.short.clone()).unwrap_or_default(),
            date: commit.map(|c| c.date.short_ru()).unwrap_or_default(),
            author,
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
            Ok((repo, log)) => history::histories(repo, log, paths),
            Err(_) => BTreeMap::new(),
        }
    }
}

/// Text from git (an author's name, a folder's name) as the documents can print it. git takes
/// any bytes for a name — an emoji, a control character, bytes that are not UTF-8 (read as
/// U+FFFD) — and the stamp goes into every PDF, where typst refuses a character the fonts lack:
/// each such character becomes `?`, and direction controls, which would reorder the stamp, are
/// dropped. The name stays recognisable, and a build never fails on who committed.
pub fn printable_text(name: &str) -> String {
    name.chars()
        .filter(|c| !is_bidi_control(*c))
        .map(|c| match c {
            '\n' | '\r' | '\t' => ' ',
            c if printable(c) => c,
            _ => '?',
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::printable_text;

    #[test]
    fn an_author_name_loses_only_what_the_fonts_cannot_print() {
        assert_eq!(printable_text("Иванова А. Б."), "Иванова А. Б.");
        assert_eq!(
            printable_text("Иванова 😀\u{1b}]0;x\u{7}\u{FFFD}\u{202E}Б."),
            "Иванова ??]0;x??Б."
        );
    }
}
