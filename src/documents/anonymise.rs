//! Обезличивание for bodies outside the centre: family members' names become initials, the
//! family's surname the case number, addresses, phones and birth dates are removed — in every
//! string of every document view, free text included.
//!
//! Names in free text are declined («у Петровой», «с Ивановым»), so beyond exact full names a
//! word is replaced when it starts with the stem of a family name word (the word without its
//! final vowel or soft sign) and differs from it by at most three letters. That hides more
//! than it must (a staff member sharing a family's surname loses it too) — the safe side for
//! a document that leaves the centre. Staff names are kept: receiving bodies need them.

use std::collections::HashMap;

use super::Document;
use crate::load::Repository;
use crate::model::Case;

/// The replacements of one repository.
pub struct Anonymiser {
    /// Exact strings, longest first.
    exact: Vec<(String, String)>,
    /// Name stems by their first three lowercase letters: (stem, replacement).
    stems: HashMap<String, Vec<(String, String)>>,
}

impl Anonymiser {
    /// Collects the personal data of every case.
    pub fn new(repo: &Repository) -> Anonymiser {
        let mut exact = Vec::new();
        let mut stems: HashMap<String, Vec<(String, String)>> = HashMap::new();
        for case in repo.cases.iter().map(|c| &c.data) {
            collect(case, &mut exact, &mut stems);
        }
        exact.sort_by(|a, b| b.0.chars().count().cmp(&a.0.chars().count()).then(a.cmp(b)));
        exact.dedup_by(|a, b| a.0 == b.0);
        Anonymiser { exact, stems }
    }

    /// A document with every string of its view and its title anonymised.
    pub fn document(&self, doc: &mut Document) {
        doc.title = self.text(&doc.title);
        let mut view = doc.view();
        self.value(&mut view);
        doc.data = serde_json::value::to_raw_value(&view).expect("a view serialises");
    }

    fn value(&self, value: &mut serde_json::Value) {
        match value {
            serde_json::Value::String(s) => *s = self.text(s),
            serde_json::Value::Array(items) => items.iter_mut().for_each(|v| self.value(v)),
            serde_json::Value::Object(map) => map.values_mut().for_each(|v| self.value(v)),
            _ => {}
        }
    }

    /// One text anonymised.
    pub fn text(&self, text: &str) -> String {
        let mut out = text.to_owned();
        for (from, to) in &self.exact {
            if out.contains(from.as_str()) {
                out = out.replace(from.as_str(), to);
            }
        }
        self.words(&out)
    }

    /// Replaces declined forms of name words.
    fn words(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut word = String::new();
        for c in text.chars().chain(std::iter::once(' ')) {
            if c.is_alphabetic() {
                word.push(c);
                continue;
            }
            if !word.is_empty() {
                out.push_str(self.word(&word).unwrap_or(&word));
                word.clear();
            }
            out.push(c);
        }
        out.pop();
        out
    }

    fn word(&self, word: &str) -> Option<&str> {
        let lower = word.to_lowercase();
        let key: String = lower.chars().take(3).collect();
        self.stems.get(&key)?.iter().find_map(|(stem, to)| {
            let rest = lower.strip_prefix(stem.as_str())?;
            (rest.chars().count() <= 3).then_some(to.as_str())
        })
    }
}

fn collect(
    case: &Case,
    exact: &mut Vec<(String, String)>,
    stems: &mut HashMap<String, Vec<(String, String)>>,
) {
    let number = format!("№ {}", case.number);
    let family = &case.family;
    exact.push((family.address.clone(), "адрес не указывается".to_owned()));
    if let Some(phone) = &family.phone {
        exact.push((phone.clone(), "телефон не указывается".to_owned()));
    }
    exact.push((family.surname.clone(), number.clone()));
    add_stem(stems, &family.surname, &number);
    for m in &family.members {
        let words: Vec<&str> = m.name.split_whitespace().collect();
        let initials: String = words
            .iter()
            .filter_map(|w| w.chars().next())
            .map(|c| format!("{c}."))
            .collect::<Vec<_>>()
            .join(" ");
        exact.push((m.name.clone(), initials.clone()));
        if let [surname, rest @ ..] = words.as_slice() {
            let short: Vec<String> = rest
                .iter()
                .filter_map(|w| w.chars().next())
                .map(|c| format!("{c}."))
                .collect();
            if !short.is_empty() {
                exact.push((format!("{surname} {}", short.join(" ")), initials.clone()));
                exact.push((format!("{} {surname}", short.join(" ")), initials.clone()));
            }
        }
        for w in &words {
            let initial = w
                .chars()
                .next()
                .map(|c| format!("{c}."))
                .unwrap_or_default();
            add_stem(stems, w, &initial);
        }
        exact.push((m.birth_date.short_ru(), "дата не указывается".to_owned()));
        exact.push((m.birth_date.long_ru(), "дата не указывается".to_owned()));
    }
    for child in &case.children_returned {
        exact.push((child.name.clone(), initials(&child.name)));
    }
}

/// «Петрова Мария Ивановна» → «П. М. И.».
fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().next())
        .map(|c| format!("{c}."))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A name word's stem: without a final vowel, «й» or «ь» (Петровы → петров, Мария → мари).
fn add_stem(stems: &mut HashMap<String, Vec<(String, String)>>, word: &str, to: &str) {
    let lower = word.to_lowercase();
    let mut stem = lower.clone();
    while stem.chars().count() > 3
        && stem
            .chars()
            .last()
            .is_some_and(|c| "аеёиоуыэюяйь".contains(c))
    {
        stem.pop();
    }
    if stem.chars().count() < 3 {
        return;
    }
    let key: String = stem.chars().take(3).collect();
    let list = stems.entry(key).or_default();
    if !list.iter().any(|(s, _)| *s == stem) {
        list.push((stem, to.to_owned()));
        // Longer stems first, so «петровск…» is not taken for «петров».
        list.sort_by_key(|(stem, _)| std::cmp::Reverse(stem.len()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declined_names_are_hidden() {
        let mut stems = HashMap::new();
        add_stem(&mut stems, "Петрова", "П.");
        add_stem(&mut stems, "Мария", "М.");
        let a = Anonymiser {
            exact: vec![("Петрова Мария Ивановна".into(), "П. М. И.".into())],
            stems,
        };
        assert_eq!(
            a.text("Петрова Мария Ивановна; беседа с Петровой, у Марии всё хорошо."),
            "П. М. И.; беседа с П., у М. всё хорошо."
        );
        assert_eq!(a.text("Петровский район"), "Петровский район");
    }
}
