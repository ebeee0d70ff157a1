//! Values the documents cannot print: a letter of a script the embedded fonts lack (Armenian,
//! Georgian, Chinese), an emoji, a control character carried over from a copied text.
//!
//! typst cannot write such a character into a PDF/A document, so the whole build would stop on
//! it; found here, it is an error at its line and column like any other typo.

use std::path::Path;

use super::yaml::{Node, NodeKind, Span};
use crate::diagnostic::Diagnostic;
use crate::render::fonts::{FAMILY, printable};

/// Adds an error for every value of `tree` that holds a character the documents cannot print.
pub fn check(file: &Path, tree: &Node, out: &mut Vec<Diagnostic>) {
    match &tree.kind {
        NodeKind::Scalar { text, quoted } => {
            let mut bad = text.chars().enumerate().filter(|(_, c)| !printable(*c));
            if let Some((index, c)) = bad.next() {
                let place = place(tree.span, *quoted, text, index);
                out.push(unprintable(file, place, c, bad.count()));
            }
        }
        NodeKind::Seq(items) => items.iter().for_each(|item| check(file, item, out)),
        NodeKind::Map(entries) => entries
            .iter()
            .for_each(|(_, value)| check(file, value, out)),
    }
}

/// Where the `index`-th character of `text`, written at `span`, is: its own column when the
/// value is on one line written exactly as it reads — plain, or quoted without escapes (`\a`,
/// `''`), so one character wider on each side; otherwise the value, and which character.
fn place(span: Span, quoted: bool, text: &str, index: usize) -> (Span, String) {
    let quote = usize::from(quoted);
    let width = span.end.column.saturating_sub(span.start.column);
    if span.start.line == span.end.line && width == text.chars().count() + 2 * quote {
        let column = span.start.column + quote + index;
        (Span::on_line(span.start.line, column, 1), String::new())
    } else {
        (span, format!("; это {}-й знак значения", index + 1))
    }
}

/// The error for the character `c` at `place` (see [`place`]), with `more` like it after it.
fn unprintable(file: &Path, (span, place): (Span, String), c: char, more: usize) -> Diagnostic {
    let code = u32::from(c);
    let invisible = c.is_control() || c.is_whitespace();
    let what = match invisible {
        true => format!("невидимый символ U+{code:04X}"),
        false => format!("символ «{c}» (U+{code:04X})"),
    };
    let also = match more {
        0 => String::new(),
        n => format!("; в этом значении непечатаемых знаков ещё {n}"),
    };
    let hint = if invisible {
        "такие символы попадают в текст при копировании из других программ: удалите его \
         (наберите значение заново)"
    } else if c.is_alphabetic() {
        "документы печатаются кириллицей и латиницей: запишите значение кириллицей \
         (фамилии и имена — как в паспорте)"
    } else {
        "такой знак (эмодзи, значок) в документе не напечатать: удалите его или напишите \
         словами"
    };
    Diagnostic::error(
        file,
        Some(span),
        "unprintable",
        format!("{what} нечем напечатать: его нет в шрифте документов ({FAMILY}){place}{also}"),
    )
    .with_hint(hint)
}
