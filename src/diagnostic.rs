//! Located messages for staff, and the three ways to print them (human, JSON, GitHub).
//!
//! Every fault kurator finds — YAML syntax, schema, domain rule — becomes a `Diagnostic` with
//! a file, a span and a Russian message, so all of them are reported at once and look alike.
//! We render them ourselves rather than through codespan-reporting because its severity words
//! («error», «warning») are fixed in English, and staff read Russian.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::load::yaml::Span;
use crate::render::fonts::is_bidi_control;

/// Text for a terminal (or a CI log, which reads the same escapes): control characters and
/// direction controls written out as `\u{1b}`, line breaks and tabs kept.
///
/// What kurator prints for people quotes case values, file names and commit messages, which
/// anyone with write access to the repository chooses: `ESC ] 0 ; … BEL` would retitle the
/// terminal, other sequences recolour or clear it or hide a line, and a direction override
/// reorders what is read. Every human-readable output goes through this one function before
/// it is printed; JSON is escaped by serde instead.
pub fn for_terminal(text: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| (c.is_control() && c != '\n' && c != '\t') || is_bidi_control(c);
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            let _ = write!(out, "{}", c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// How bad a diagnostic is: errors fail `validate`, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Data that cannot be right; `validate` exits 1.
    Error,
    /// Worth a look, but the data can stand.
    Warning,
}

impl Severity {
    fn label(self) -> &'static str {
        match self {
            Severity::Error => "ошибка",
            Severity::Warning => "предупреждение",
        }
    }
}

/// One fault in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file, relative to the repository root.
    pub file: PathBuf,
    /// Where in the file; `None` when the fault is the file as a whole.
    pub span: Option<Span>,
    /// Error or warning.
    pub severity: Severity,
    /// Short stable code, e.g. `unknown-key`.
    pub code: &'static str,
    /// What is wrong, in Russian.
    pub message: String,
    /// How to fix it, in Russian.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error at a span.
    pub fn error(
        file: impl Into<PathBuf>,
        span: Option<Span>,
        code: &'static str,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            file: file.into(),
            span,
            severity: Severity::Error,
            code,
            message: message.into(),
            hint: None,
        }
    }

    /// The same diagnostic with a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// The same diagnostic as a warning.
    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    /// Line (from 1), or 1 when the fault is the whole file.
    pub fn line(&self) -> usize {
        self.span.map_or(1, |s| s.start.line)
    }

    /// Column (from 1), or 1 when the fault is the whole file.
    pub fn column(&self) -> usize {
        self.span.map_or(1, |s| s.start.column)
    }

    fn sort_key(&self) -> (&Path, usize, usize, &'static str) {
        (&self.file, self.line(), self.column(), self.code)
    }
}

/// Orders diagnostics by file and position, so output is stable whatever order they were found in.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        a.sort_key()
            .cmp(&b.sort_key())
            .then_with(|| a.message.cmp(&b.message))
    });
}

/// Output formats of `validate` and `check`. Each command describes what it prints in each
/// format in its own `--format` help (`commands::format_values` in the binary); the doc
/// comments below are what a `value_enum` argument would show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Текст по-русски: место в файле, сама строка с пометкой и подсказка.
    Human,
    /// Один массив JSON для программ.
    Json,
    /// Аннотации GitHub Actions на строках файлов.
    Github,
}

/// Renders diagnostics in the chosen format; `source` gives a file's text for the human format.
/// The human and GitHub formats come out [`for_terminal`].
pub fn render(
    diagnostics: &[Diagnostic],
    format: Format,
    source: impl Fn(&Path) -> Option<String>,
) -> String {
    match format {
        Format::Human => {
            let mut texts: std::collections::HashMap<&Path, Option<Vec<String>>> =
                Default::default();
            diagnostics
                .iter()
                .map(|d| {
                    let lines = texts
                        .entry(&d.file)
                        .or_insert_with(|| source(&d.file).map(|t| split_lines(&t)));
                    for_terminal(&human(d, lines.as_deref())).into_owned()
                })
                .collect()
        }
        Format::Json => json(diagnostics),
        Format::Github => diagnostics
            .iter()
            .map(|d| for_terminal(&github(d)).into_owned())
            .collect(),
    }
}

fn display_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// Lines split at `\n`, `\r\n` or a lone `\r`, as the YAML parser counts them.
fn split_lines(text: &str) -> Vec<String> {
    text.split('\n')
        .flat_map(|l| {
            let l = l.strip_suffix('\r').unwrap_or(l);
            l.split('\r')
        })
        .map(str::to_owned)
        .collect()
}

/// The message and its hint as one sentence, for formats that have a single text field.
fn sentence(d: &Diagnostic) -> String {
    match &d.hint {
        Some(hint) => format!("{}. {hint}", d.message.trim_end_matches('.')),
        None => d.message.clone(),
    }
}

/// `cases/2024-017.yaml:5:3: ошибка: …` then the line with the fault underlined and the hint.
fn human(d: &Diagnostic, source: Option<&[String]>) -> String {
    let mut out = format!(
        "{}:{}:{}: {}: {} [{}]\n",
        display_path(&d.file),
        d.line(),
        d.column(),
        d.severity.label(),
        d.message,
        d.code
    );
    let line_text = d.span.zip(source).and_then(|(span, lines)| {
        lines
            .get(span.start.line.checked_sub(1)?)
            .map(|l| (span, l))
    });
    if let Some((span, text)) = line_text {
        let text = text.replace('\t', " ");
        let number = span.start.line.to_string();
        let gutter = " ".repeat(number.len());
        let width = text.chars().count();
        let start = span.start.column.min(width + 1);
        let end = if span.end.line == span.start.line {
            span.end.column.min(width + 1)
        } else {
            width + 1
        };
        // The line is printed with its control characters written out: the carets count the
        // characters it takes on screen.
        let shown = |column: usize| -> usize {
            let before: String = text.chars().take(column - 1).collect();
            for_terminal(&before).chars().count() + 1
        };
        let (start, end) = (shown(start), shown(end));
        let text = for_terminal(&text);
        let carets = end.saturating_sub(start).max(1);
        let _ = writeln!(out, "{gutter} |");
        let _ = writeln!(out, "{number} | {text}");
        let _ = writeln!(
            out,
            "{gutter} | {}{}",
            " ".repeat(start - 1),
            "^".repeat(carets)
        );
        if let Some(hint) = &d.hint {
            let hint = hint.replace('\n', &format!("\n{gutter}   "));
            let _ = writeln!(out, "{gutter} = {hint}");
        }
    } else if let Some(hint) = &d.hint {
        let _ = writeln!(out, "  = {}", hint.replace('\n', "\n    "));
    }
    out.push('\n');
    out
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    file: String,
    line: usize,
    column: usize,
    severity: Severity,
    code: &'a str,
    message: String,
}

fn json(diagnostics: &[Diagnostic]) -> String {
    let items: Vec<_> = diagnostics
        .iter()
        .map(|d| JsonDiagnostic {
            file: display_path(&d.file),
            line: d.line(),
            column: d.column(),
            severity: d.severity,
            code: d.code,
            message: sentence(d),
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".into());
    out.push('\n');
    out
}

/// `::error file=…,line=…,col=…,title=…::message` — GitHub shows it on the line of the pull request.
fn github(d: &Diagnostic) -> String {
    let level = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let message = sentence(d);
    github_line(
        level,
        &d.file,
        d.line(),
        d.column(),
        &format!("kurator {}", d.code),
        &message,
    )
}

/// One GitHub Actions workflow command (`error`, `warning` or `notice`) on a file's line.
pub fn github_line(
    level: &str,
    file: &Path,
    line: usize,
    column: usize,
    title: &str,
    message: &str,
) -> String {
    format!(
        "::{level} file={},line={line},col={column},title={}::{}\n",
        escape_property(&display_path(file)),
        escape_property(title),
        escape_data(message)
    )
}

/// Workflow-command escaping of the message part (actions/toolkit `escapeData`).
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Workflow-command escaping of a property value (actions/toolkit `escapeProperty`).
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn human_underlines_the_span_in_characters() {
        let d = Diagnostic::error(
            "cases/a.yaml",
            Some(Span::on_line(2, 3, 6)),
            "unknown-key",
            "неизвестный ключ «фамиля»",
        )
        .with_hint("возможно, имелось в виду «фамилия»");
        let text = render(&[d], Format::Human, |_| {
            Some("семья:\n  фамиля: Петровы\n".into())
        });
        assert_eq!(
            text,
            "cases/a.yaml:2:3: ошибка: неизвестный ключ «фамиля» [unknown-key]\n  |\n2 |   фамиля: Петровы\n  |   ^^^^^^\n  = возможно, имелось в виду «фамилия»\n\n"
        );
    }

    #[test]
    fn old_mac_line_ends_still_show_the_line() {
        let d = Diagnostic::error("a.yaml", Some(Span::on_line(2, 1, 1)), "x", "m");
        let text = render(&[d], Format::Human, |_| Some("a: 1\rb: 2\r".into()));
        assert!(text.contains("2 | b: 2\n"), "{text}");
    }

    #[test]
    fn control_characters_reach_the_terminal_written_out_and_carets_stay_under_the_fault() {
        assert_eq!(for_terminal("а\tб\n"), "а\tб\n");
        assert_eq!(
            for_terminal("x\u{1b}]0;t\u{7}y\u{202E}\u{9b}"),
            "x\\u{1b}]0;t\\u{7}y\\u{202e}\\u{9b}"
        );
        let d = Diagnostic::error("a.yaml", Some(Span::on_line(1, 5, 1)), "x", "«\u{1b}»");
        let text = render(std::slice::from_ref(&d), Format::Human, |_| {
            Some("a: \u{1b}Ж\n".into())
        });
        assert!(!text.contains('\u{1b}'), "{text:?}");
        assert!(text.contains("1 | a: \\u{1b}Ж\n  |          ^\n"), "{text}");
        let github = render(&[d], Format::Github, |_| None);
        assert!(!github.contains('\u{1b}'), "{github:?}");
    }

    #[test]
    fn github_escapes_commas_and_newlines() {
        let d = Diagnostic::error("a,b.yaml", Some(Span::on_line(1, 1, 1)), "x", "a\nb");
        assert_eq!(
            render(&[d], Format::Github, |_| None),
            "::error file=a%2Cb.yaml,line=1,col=1,title=kurator x::a%0Ab\n"
        );
    }
}
