//! Where each value of a loaded file is written, kept compactly after the YAML tree is gone.
//!
//! Messages about a loaded case (a date out of order, an overdue measure) must name the line,
//! but keeping every file's full YAML tree costs ~100 KB a case: 1 GB for 10,000 cases. A
//! flat, pre-ordered list of (key, spans) without the text is a tenth of that.

use std::collections::HashSet;
use std::sync::{LazyLock, Mutex};

use super::yaml::{Node, NodeKind, Pos, Span};

/// Key names are a small vocabulary (the schema's), so each is stored once for the process.
fn intern(key: &str) -> &'static str {
    static KEYS: LazyLock<Mutex<HashSet<&'static str>>> = LazyLock::new(Default::default);
    let mut keys = KEYS.lock().unwrap_or_else(|e| e.into_inner());
    match keys.get(key) {
        Some(k) => k,
        None => {
            let k: &'static str = Box::leak(key.into());
            keys.insert(k);
            k
        }
    }
}

/// A position packed into 8 bytes.
#[derive(Debug, Clone, Copy)]
struct Packed {
    line: u32,
    column: u32,
}

impl Packed {
    fn new(pos: Pos) -> Packed {
        Packed {
            line: pos.line as u32,
            column: pos.column as u32,
        }
    }

    fn pos(self) -> Pos {
        Pos {
            line: self.line as usize,
            column: self.column as usize,
        }
    }
}

#[derive(Debug, Clone)]
struct Entry {
    /// The mapping key this value is under; `None` for list items and the root.
    key: Option<&'static str>,
    /// Where the key is written (the value's start for list items).
    key_start: Packed,
    key_end: Packed,
    start: Packed,
    end: Packed,
    /// Index just past this entry's last descendant.
    next: u32,
}

/// The spans of every value and key of one file, looked up by a path of keys and indices.
#[derive(Debug, Clone)]
pub struct Locator {
    entries: Vec<Entry>,
}

impl Locator {
    /// Records the spans of a tree.
    pub fn new(root: &Node) -> Locator {
        let mut locator = Locator {
            entries: Vec::new(),
        };
        locator.push(None, root.span, root);
        locator.entries.shrink_to_fit();
        locator
    }

    fn push(&mut self, key: Option<&str>, key_span: Span, node: &Node) {
        let at = self.entries.len();
        self.entries.push(Entry {
            key: key.map(intern),
            key_start: Packed::new(key_span.start),
            key_end: Packed::new(key_span.end),
            start: Packed::new(node.span.start),
            end: Packed::new(node.span.end),
            next: 0,
        });
        match &node.kind {
            NodeKind::Map(entries) => {
                for (k, v) in entries {
                    self.push(Some(k.as_text().unwrap_or_default()), k.span, v);
                }
            }
            NodeKind::Seq(items) => {
                for item in items {
                    self.push(None, item.span, item);
                }
            }
            NodeKind::Scalar { .. } => {}
        }
        self.entries[at].next = self.entries.len() as u32;
    }

    /// The entry at a path, or the deepest written ancestor and how far the path got.
    fn find<S: AsRef<str>>(&self, path: &[S]) -> (usize, usize) {
        let mut at = 0;
        for (depth, segment) in path.iter().enumerate() {
            let segment = segment.as_ref();
            let index = segment.parse::<usize>().ok();
            let end = self.entries[at].next as usize;
            let mut child = at + 1;
            let mut n = 0;
            let found = loop {
                if child >= end {
                    break None;
                }
                let entry = &self.entries[child];
                let hit = match entry.key {
                    Some(key) => key == segment,
                    None => index == Some(n),
                };
                if hit {
                    break Some(child);
                }
                n += 1;
                child = entry.next as usize;
            };
            match found {
                Some(child) => at = child,
                None => return (at, depth),
            }
        }
        (at, path.len())
    }

    /// Span of the value at `path`, or of its nearest written ancestor.
    pub fn span<S: AsRef<str>>(&self, path: &[S]) -> Span {
        let entry = &self.entries[self.find(path).0];
        Span {
            start: entry.start.pos(),
            end: entry.end.pos(),
        }
    }

    /// Span of the key of the entry at `path` (`закрытие:`); the value's for list items;
    /// the nearest written ancestor's when the path is not written.
    pub fn key_span<S: AsRef<str>>(&self, path: &[S]) -> Span {
        let entry = &self.entries[self.find(path).0];
        Span {
            start: entry.key_start.pos(),
            end: entry.key_end.pos(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::yaml::parse;

    #[test]
    fn finds_values_keys_and_nearest_ancestors() {
        let tree = parse("а: 1\nб:\n  - x: 2\n  - x: 3\n    у: 4\nв: 5\n")
            .unwrap()
            .unwrap();
        let loc = Locator::new(&tree);
        for path in [&["а"][..], &["б", "1", "у"], &["в"], &["б", "0", "x"]] {
            assert_eq!(loc.span(path), tree.at(path).unwrap().span, "{path:?}");
        }
        assert_eq!(loc.key_span(&["в"]).start, Pos { line: 6, column: 1 });
        assert_eq!(
            loc.span(&["б", "1", "нет"]),
            tree.at(&["б", "1"]).unwrap().span
        );
        assert_eq!(loc.span(&["б", "7"]), tree.at(&["б"]).unwrap().span);
        assert_eq!(loc.span::<&str>(&[]), tree.span);
    }
}
