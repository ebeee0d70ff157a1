//! Values the documents cannot print: a letter of a script the embedded fonts lack (Armenian,
//! Georgian, Chinese), an emoji, a control character carried over from a copied text; a
//! character that reorders the text around it; a word too long for a PDF.
//!
//! typst cannot write such a character into a PDF/A document, so the whole build would stop on
//! it; found here, it is an error at its line and column like any other typo. The same holds for
//! the two technical limits below: `validate` accepts only what builds.
//!
//! Invisible *format* characters (soft hyphen, zero-width space, the direction marks LRM and
//! RLM) stay allowed: pasted text carries them and they change nothing a reader sees. The
//! embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) are different: each opens
//! a span that a later character must close, so a value holding one reaches the HTML unbalanced
//! and can show staff the letters of a name or an amount in another order than they are stored.

use std::path::Path;

use super::yaml::{Node, NodeKind, Span};
use crate::diagnostic::Diagnostic;
use crate::render::fonts::{FAMILY, is_bidi_control, printable};

/// The longest run of characters without a space that a value may hold. A PDF string holds at
/// most 32,767 bytes (PDF/A-2, ISO 19005-2 §6.1.13); typst writes a word it cannot break as one
/// string of two bytes a glyph, so about 16,000 letters stop the build, and at 32,768 Cyrillic
/// letters (65,536 bytes) the PDF writer panics. No word, address or link comes near a thousand.
pub const MAX_WORD_CHARS: usize = 1000;

/// Adds an error for every value of `tree` that holds a character the documents cannot print,
/// a direction control, or a word longer than [`MAX_WORD_CHARS`].
pub fn check(file: &Path, tree: &Node, out: &mut Vec<Diagnostic>) {
    match &tree.kind {
        NodeKind::Scalar { text, quoted } => {
            let mut bad = text.chars().enumerate().filter(|(_, c)| !printable(*c));
            if let Some((index, c)) = bad.next() {
                let place = place(tree.span, *quoted, text, index);
                out.push(unprintable(file, place, c, bad.count()));
            }
            let mut controls = text
                .chars()
                .enumerate()
                .filter(|(_, c)| is_bidi_control(*c));
            if let Some((index, c)) = controls.next() {
                let place = place(tree.span, *quoted, text, index);
                out.push(bidi_control(file, place, c, controls.count()));
            }
            if let Some((index, length)) = longest_word(text).filter(|w| w.1 > MAX_WORD_CHARS) {
                let place = place(tree.span, *quoted, text, index);
                out.push(long_word(file, place, length));
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

/// The error for the direction control `c` at `place`, with `more` like it after it.
fn bidi_control(file: &Path, (span, place): (Span, String), c: char, more: usize) -> Diagnostic {
    let also = match more {
        0 => String::new(),
        n => format!("; в этом значении таких знаков ещё {n}"),
    };
    Diagnostic::error(
        file,
        Some(span),
        "bidi-control",
        format!(
            "невидимый знак направления письма U+{:04X}{place}{also}: он меняет порядок букв \
             в документах, и прочитанное не совпадёт с записанным",
            u32::from(c)
        ),
    )
    .with_hint(
        "такие знаки попадают в текст при копировании из других программ: удалите его \
         (наберите значение заново)",
    )
}

/// Where the longest run of characters without whitespace starts (in characters) and how many
/// characters it has; `None` for a value of spaces only.
fn longest_word(text: &str) -> Option<(usize, usize)> {
    let mut best: Option<(usize, usize)> = None;
    let mut start = 0;
    let mut length = 0;
    for (index, c) in text.chars().enumerate() {
        if c.is_whitespace() {
            length = 0;
            continue;
        }
        if length == 0 {
            start = index;
        }
        length += 1;
        if best.is_none_or(|(_, longest)| length > longest) {
            best = Some((start, length));
        }
    }
    best
}

/// The error for a word of `length` characters starting at `place`.
fn long_word(file: &Path, (span, place): (Span, String), length: usize) -> Diagnostic {
    Diagnostic::error(
        file,
        Some(span),
        "long-word",
        format!(
            "слово из {length} знаков без пробела{place}: в документе PDF не напечатать слово \
             длиннее {MAX_WORD_CHARS} знаков"
        ),
    )
    .with_hint(
        "похоже, текст вставлен без пробелов или по ошибке: разделите его пробелами \
         или сократите",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::yaml;

    fn codes(text: &str) -> Vec<(&'static str, usize, usize, String)> {
        let tree = yaml::parse(text).unwrap().unwrap();
        let mut out = Vec::new();
        check(Path::new("a.yaml"), &tree, &mut out);
        out.iter()
            .map(|d| (d.code, d.line(), d.column(), d.message.clone()))
            .collect()
    }

    #[test]
    fn direction_controls_are_errors_at_their_column_and_marks_are_not() {
        assert_eq!(codes("a: x\u{200E}y\u{200F}z\u{AD}w\u{200B}v\n"), []);
        let found = codes("a: ab\u{202E}cd\u{2066}\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "bidi-control");
        assert_eq!((found[0].1, found[0].2), (1, 6));
        assert!(found[0].3.contains("U+202E"), "{}", found[0].3);
        assert!(found[0].3.contains("ещё 1"), "{}", found[0].3);
        for c in [
            '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{2067}', '\u{2068}', '\u{2069}',
        ] {
            assert_eq!(codes(&format!("a: x{c}\n"))[0].0, "bidi-control");
        }
    }

    #[test]
    fn a_word_over_the_limit_is_an_error_where_it_starts() {
        let fits = format!("a: x {}\n", "я".repeat(MAX_WORD_CHARS));
        assert_eq!(codes(&fits), []);
        let long = format!("a: x {} y\n", "я".repeat(MAX_WORD_CHARS + 1));
        let found = codes(&long);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].0, found[0].1, found[0].2), ("long-word", 1, 6));
        assert!(found[0].3.contains("1001 знаков"), "{}", found[0].3);
    }

    #[test]
    fn longest_word_counts_characters() {
        assert_eq!(longest_word("  "), None);
        assert_eq!(longest_word("ab  cde f"), Some((4, 3)));
    }
}
