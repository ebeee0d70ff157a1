//! What changed between two versions of a case file, in the file's own terms: the path of keys
//! («программа › мероприятия › 3 › выполнено») and the values before and after, or a visit,
//! an inspection, a consilium decision added or removed.
//!
//! Parsed YAML trees are compared, not lines, so reflowing text, reordering keys or editing a
//! comment is no change, and a new visit in the middle of the list is one added visit, not
//! every later visit changed (list items are matched by a longest common subsequence).

use serde::Serialize;

use crate::load::yaml::{Node, NodeKind};

/// One change of one field or list item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// Keys and 1-based list positions down to the field: `["программа", "мероприятия", "3"]`.
    pub path: Vec<String>,
    /// The value before, as written (`None`: there was none).
    pub before: Option<String>,
    /// The value after, as written (`None`: removed).
    pub after: Option<String>,
    /// The change in words: «программа › мероприятия › 3 › выполнено: — → 20.06.2024».
    pub text: String,
}

/// Lists of the case file whose items have a name: what to call an added or removed item and
/// which of its fields identify it.
const NAMED_ITEMS: [(&str, &str, &str, &[&str]); 8] = [
    (
        "патронаж",
        "добавлен патронаж",
        "удалён патронаж",
        &["дата"],
    ),
    (
        "обследования",
        "добавлено обследование",
        "удалено обследование",
        &["дата", "вид"],
    ),
    (
        "консилиумы",
        "добавлено решение консилиума",
        "удалено решение консилиума",
        &["заседание", "решение"],
    ),
    (
        "мероприятия",
        "добавлено мероприятие",
        "удалено мероприятие",
        &["мероприятие"],
    ),
    (
        "корректировки",
        "добавлена корректировка программы",
        "удалена корректировка программы",
        &["дата", "вид"],
    ),
    (
        "члены",
        "добавлен член семьи",
        "удалён член семьи",
        &["фио"],
    ),
    (
        "смена_куратора",
        "добавлена смена куратора",
        "удалена смена куратора",
        &["дата"],
    ),
    (
        "возвращение_детей",
        "добавлено возвращение детей",
        "удалено возвращение детей",
        &["дата"],
    ),
];

/// How long a value may be in `text` before it is cut with «…» (`before`/`after` stay whole).
const SHOWN_CHARS: usize = 100;

/// The changes from `old` to `new`, in the order of the new file.
pub fn diff(old: &Node, new: &Node) -> Vec<Change> {
    let mut changes = Vec::new();
    walk(&mut Vec::new(), Some(old), Some(new), &mut changes);
    changes
}

fn walk(path: &mut Vec<String>, old: Option<&Node>, new: Option<&Node>, out: &mut Vec<Change>) {
    // A blank value (`выполнено:`) means «not filled», the same as no key at all.
    let old = old.filter(|n| !n.is_null());
    let new = new.filter(|n| !n.is_null());
    match (old.map(|n| &n.kind), new.map(|n| &n.kind)) {
        (None, None) => {}
        (Some(NodeKind::Map(a)), Some(NodeKind::Map(b))) => {
            for (key, value) in b {
                let key = key.as_text().unwrap_or_default();
                path.push(key.to_owned());
                walk(path, lookup(a, key), Some(value), out);
                path.pop();
            }
            for (key, value) in a {
                let key = key.as_text().unwrap_or_default();
                if lookup(b, key).is_none() {
                    path.push(key.to_owned());
                    walk(path, Some(value), None, out);
                    path.pop();
                }
            }
        }
        (None, Some(NodeKind::Map(b))) => {
            for (key, value) in b {
                path.push(key.as_text().unwrap_or_default().to_owned());
                walk(path, None, Some(value), out);
                path.pop();
            }
        }
        (Some(NodeKind::Map(a)), None) => {
            for (key, value) in a {
                path.push(key.as_text().unwrap_or_default().to_owned());
                walk(path, Some(value), None, out);
                path.pop();
            }
        }
        (Some(NodeKind::Seq(a)), Some(NodeKind::Seq(b))) => lists(path, a, b, out),
        (None, Some(NodeKind::Seq(b))) => lists(path, &[], b, out),
        (Some(NodeKind::Seq(a)), None) => lists(path, a, &[], out),
        _ => {
            if let (Some(a), Some(b)) = (old, new)
                && same(a, b)
            {
                return;
            }
            let before = old.map(written);
            let after = new.map(written);
            let text = format!(
                "{}: {} → {}",
                path.join(" › "),
                shown(before.as_deref()),
                shown(after.as_deref())
            );
            out.push(Change {
                path: path.clone(),
                before,
                after,
                text,
            });
        }
    }
}

/// Items kept in order are matched by a longest common subsequence; between two matches,
/// removed and added items are paired up as edits of one item, the rest are added or removed.
fn lists(path: &mut Vec<String>, old: &[Node], new: &[Node], out: &mut Vec<Change>) {
    let matches = common_subsequence(old, new);
    let (mut i, mut j) = (0, 0);
    for (mi, mj) in matches.into_iter().chain([(old.len(), new.len())]) {
        let (removed, added) = (&old[i..mi], &new[j..mj]);
        let paired = removed.len().min(added.len());
        for k in 0..paired {
            path.push((j + k + 1).to_string());
            walk(path, Some(&removed[k]), Some(&added[k]), out);
            path.pop();
        }
        for (k, item) in added.iter().enumerate().skip(paired) {
            out.push(item_change(path, j + k + 1, None, Some(item)));
        }
        for (k, item) in removed.iter().enumerate().skip(paired) {
            out.push(item_change(path, i + k + 1, Some(item), None));
        }
        (i, j) = (mi + 1, mj + 1);
    }
}

/// A whole list item added or removed: «добавлен патронаж 12.07.2024».
fn item_change(path: &[String], position: usize, old: Option<&Node>, new: Option<&Node>) -> Change {
    let item = new.or(old).expect("an item was added or removed");
    let list = path.last().map(String::as_str).unwrap_or_default();
    let named = NAMED_ITEMS.iter().find(|(key, ..)| *key == list);
    let summary = match named {
        Some((_, _, _, fields)) => {
            let parts: Vec<String> = fields
                .iter()
                .filter_map(|f| item.at(&[*f]))
                .filter(|n| !n.is_null())
                .map(|n| cut(&written(n)))
                .collect();
            parts.join(", ")
        }
        None => cut(&written(item)),
    };
    let text = match (named, new.is_some()) {
        (Some((_, added, _, _)), true) => format!("{added} {summary}"),
        (Some((_, _, removed, _)), false) => format!("{removed} {summary}"),
        (None, true) => format!("{}: добавлено «{summary}»", path.join(" › ")),
        (None, false) => format!("{}: удалено «{summary}»", path.join(" › ")),
    };
    let mut item_path = path.to_vec();
    item_path.push(position.to_string());
    Change {
        path: item_path,
        before: old.map(written),
        after: new.map(written),
        text: text.trim_end().to_owned(),
    }
}

fn lookup<'a>(entries: &'a [(Node, Node)], key: &str) -> Option<&'a Node> {
    entries
        .iter()
        .find(|(k, _)| k.as_text() == Some(key))
        .map(|(_, v)| v)
}

/// Equal as data: the same text in the same shape, wherever it stands in the file.
fn same(a: &Node, b: &Node) -> bool {
    if a.is_null() && b.is_null() {
        return true;
    }
    match (&a.kind, &b.kind) {
        (NodeKind::Scalar { text: x, .. }, NodeKind::Scalar { text: y, .. }) => x == y,
        (NodeKind::Seq(x), NodeKind::Seq(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (NodeKind::Map(x), NodeKind::Map(y)) => {
            let filled = |e: &&(Node, Node)| !e.1.is_null();
            x.iter().filter(filled).count() == y.iter().filter(filled).count()
                && x.iter().filter(filled).all(|(k, v)| {
                    lookup(y, k.as_text().unwrap_or_default()).is_some_and(|w| same(v, w))
                })
        }
        _ => false,
    }
}

/// Pairs of (old index, new index) of a longest common subsequence of equal items.
fn common_subsequence(old: &[Node], new: &[Node]) -> Vec<(usize, usize)> {
    let (n, m) = (old.len(), new.len());
    // lengths[i][j]: LCS of old[i..] and new[j..]; lists in a case file are short.
    let mut lengths = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lengths[i][j] = if same(&old[i], &new[j]) {
                lengths[i + 1][j + 1] + 1
            } else {
                lengths[i + 1][j].max(lengths[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut pairs) = (0, 0, Vec::new());
    while i < n && j < m {
        if same(&old[i], &new[j]) {
            pairs.push((i, j));
            i += 1;
            j += 1;
        } else if lengths[i + 1][j] >= lengths[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    pairs
}

/// A value as staff read it: dates as 20.06.2024, lists and mappings on one line.
fn written(node: &Node) -> String {
    match &node.kind {
        NodeKind::Scalar { text, .. } => {
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            match crate::model::Date::parse(&text) {
                Ok(date) if text.len() == 10 => date.short_ru(),
                _ => text,
            }
        }
        NodeKind::Seq(items) => items.iter().map(written).collect::<Vec<_>>().join("; "),
        NodeKind::Map(entries) => entries
            .iter()
            .filter(|(_, v)| !v.is_null())
            .map(|(k, v)| format!("{}: {}", k.as_text().unwrap_or_default(), written(v)))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

fn shown(value: Option<&str>) -> String {
    value.map_or_else(|| "—".to_owned(), cut)
}

fn cut(text: &str) -> String {
    if text.chars().count() <= SHOWN_CHARS {
        return text.to_owned();
    }
    let mut short: String = text.chars().take(SHOWN_CHARS).collect();
    short.push('…');
    short
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::yaml::parse;

    fn changes(old: &str, new: &str) -> Vec<String> {
        let old = parse(old).unwrap().unwrap();
        let new = parse(new).unwrap().unwrap();
        diff(&old, &new).into_iter().map(|c| c.text).collect()
    }

    #[test]
    fn a_filled_field_deep_in_a_list() {
        let old = "программа:\n  мероприятия:\n    - {задача: а}\n    - {задача: б}\n    - {задача: в, выполнено:}\n";
        let new = "программа:\n  мероприятия:\n    - {задача: а}\n    - {задача: б}\n    - {задача: в, выполнено: 2024-06-20}\n";
        assert_eq!(
            changes(old, new),
            ["программа › мероприятия › 3 › выполнено: — → 20.06.2024"]
        );
    }

    #[test]
    fn a_visit_added_in_the_middle_is_one_change() {
        let old = "патронаж:\n  - {дата: 2024-06-12, итог: а}\n  - {дата: 2024-08-12, итог: в}\n";
        let new = "патронаж:\n  - {дата: 2024-06-12, итог: а}\n  - {дата: 2024-07-12, итог: б}\n  - {дата: 2024-08-12, итог: в}\n";
        assert_eq!(changes(old, new), ["добавлен патронаж 12.07.2024"]);
        assert_eq!(changes(new, old), ["удалён патронаж 12.07.2024"]);
    }

    #[test]
    fn layout_comments_and_key_order_are_no_change() {
        let old = "# комментарий\nа: 1\nб: [x, y]\nв: >-\n  длинный\n  текст\n";
        let new = "б:\n  - x\n  - y\nа: 1\nв: длинный текст\n";
        assert!(changes(old, new).is_empty());
    }

    #[test]
    fn sections_added_and_removed_list_their_fields() {
        let old = "номер: 1\nуровень: базовый\n";
        let new = "номер: 1\nзакрытие:\n  дата: 2024-12-20\n  основание: улучшение\n";
        assert_eq!(
            changes(old, new),
            [
                "закрытие › дата: — → 20.12.2024",
                "закрытие › основание: — → улучшение",
                "уровень: базовый → —",
            ]
        );
    }

    #[test]
    fn edited_visit_and_plain_lists() {
        let old = "патронаж:\n  - {дата: 2024-06-12, итог: старый}\nсемья:\n  проблемы: [долг]\n";
        let new = "патронаж:\n  - {дата: 2024-06-12, итог: новый}\nсемья:\n  проблемы: [долг, безработица]\n";
        assert_eq!(
            changes(old, new),
            [
                "патронаж › 1 › итог: старый → новый",
                "семья › проблемы: добавлено «безработица»",
            ]
        );
    }
}
