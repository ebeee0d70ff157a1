//! Wording: the fixed text of a document kind, in one file a centre's lawyer can replace.
//!
//! The built-in wordings are `templates/<kind>.txt`; a file of the same name in the case
//! repository's `templates/` replaces one (as every template does). A wording is read line by
//! line:
//!
//! ```text
//! // a comment
//! = Title                    the document's heading
//! == 1. Section              a section; its leading number «1.» numbers the clauses below it
//! + text                     a clause numbered «1.1.», «1.2.», … («1.», «2.», … outside a
//!                            numbered section); a clause without a final stop gets «;» or «.»
//! - text                     an item after a dash
//! text                       a paragraph
//!                            (a line that follows text continues it, across @if, @else,
//!                            @end and @for too; a blank line or @insert ends it)
//! @if key … @else … @end     text only when the value is not empty (`@if not key`: when it is)
//! @for x in key … @end       the text once for each element of a list, which is `{x}` inside
//! @insert key                a table, the parties, signatures … built from the data
//! ```
//!
//! Inline, `{key}` or `{key.field}` prints a value of the document's data, `**` opens and closes
//! bold, `{{` and `}}` print braces. The file is parsed before anything renders and the data's
//! values are put in after parsing, so nothing a family's file holds can become a directive or
//! markup. Every problem is an error at the wording's line and column, in Russian.

use serde_json::Value;

use super::{Block, Run};

/// A problem in a wording, at its line and column (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordingError {
    /// Line.
    pub line: usize,
    /// Column, in characters.
    pub column: usize,
    /// What is wrong and how to fix it.
    pub message: String,
}

impl WordingError {
    fn at(pos: Pos, message: impl Into<String>) -> WordingError {
        WordingError {
            line: pos.line,
            column: pos.column,
            message: message.into(),
        }
    }
}

/// A place in the wording file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Pos {
    line: usize,
    column: usize,
}

/// A wording, parsed: ready to make the body of any document of its kind.
#[derive(Debug, Clone)]
pub struct Wording {
    nodes: Vec<Node>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TextKind {
    Heading(u8),
    Para,
    Clause,
    Item,
    /// More of the block before a directive: `… по адресу: {address}` `@if children`
    /// `, действующая …` `@end`.
    Continue,
}

#[derive(Debug, Clone)]
enum Inline {
    Text(String),
    Bold,
    Value(Key),
}

#[derive(Debug, Clone)]
struct Key {
    path: Vec<String>,
    pos: Pos,
}

#[derive(Debug, Clone)]
enum Node {
    Text {
        kind: TextKind,
        inline: Vec<Inline>,
    },
    If {
        key: Key,
        negate: bool,
        then: Vec<Node>,
        otherwise: Vec<Node>,
    },
    For {
        var: String,
        key: Key,
        body: Vec<Node>,
    },
    Insert(Key),
}

/// An open `@if` or `@for` while parsing.
enum Open {
    If {
        key: Key,
        negate: bool,
        then: Option<Vec<Node>>,
        at: Pos,
        /// Whether text was open before the @if: the @else branch continues it as the then
        /// branch does, not the then branch's own last line.
        open_text: bool,
    },
    For {
        var: String,
        key: Key,
        at: Pos,
    },
}

impl Wording {
    /// Parses a wording; every error found, not only the first.
    pub fn parse(text: &str) -> Result<Wording, Vec<WordingError>> {
        let mut errors = Vec::new();
        // The nodes of the innermost open block are on top.
        let mut stack: Vec<(Open, Vec<Node>)> = Vec::new();
        let mut nodes: Vec<Node> = Vec::new();
        // Whether the last line was text that a following plain line continues.
        let mut open_text = false;
        for (index, raw) in text.lines().enumerate() {
            let line = index + 1;
            let trimmed = raw.trim_end();
            let indent = trimmed.len() - trimmed.trim_start().len();
            let content = trimmed.trim_start();
            let column = raw[..indent].chars().count() + 1;
            let pos = Pos { line, column };
            let current = match stack.last_mut() {
                Some((_, inner)) => inner,
                None => &mut nodes,
            };
            if content.is_empty() || content.starts_with("//") {
                open_text &= !content.is_empty();
                continue;
            }
            if let Some(directive) = content.strip_prefix('@') {
                // A condition or a loop may sit inside a sentence; a component ends it.
                open_text &= !directive.starts_with("insert");
                let mut words = directive.split_whitespace();
                let name = words.next().unwrap_or("");
                let args: Vec<&str> = words.collect();
                let arg_pos = |n: usize| Pos {
                    line,
                    column: column + directive_arg_column(content, n),
                };
                match (name, args.as_slice()) {
                    ("if", [key]) => stack.push((
                        Open::If {
                            key: parse_key(key, arg_pos(0), &mut errors),
                            negate: false,
                            then: None,
                            at: pos,
                            open_text,
                        },
                        Vec::new(),
                    )),
                    ("if", ["not", key]) => stack.push((
                        Open::If {
                            key: parse_key(key, arg_pos(1), &mut errors),
                            negate: true,
                            then: None,
                            at: pos,
                            open_text,
                        },
                        Vec::new(),
                    )),
                    ("for", [var, "in", key]) => stack.push((
                        Open::For {
                            var: (*var).to_owned(),
                            key: parse_key(key, arg_pos(2), &mut errors),
                            at: pos,
                        },
                        Vec::new(),
                    )),
                    ("insert", [key]) => {
                        current.push(Node::Insert(parse_key(key, arg_pos(0), &mut errors)))
                    }
                    ("else", []) => match stack.last_mut() {
                        Some((
                            Open::If {
                                then: then @ None,
                                open_text: before,
                                ..
                            },
                            inner,
                        )) => {
                            *then = Some(std::mem::take(inner));
                            open_text = *before;
                        }
                        _ => errors.push(WordingError::at(
                            pos,
                            "@else без @if: уберите строку или поставьте выше «@if поле»",
                        )),
                    },
                    ("end", []) => match stack.pop() {
                        Some((open, inner)) => {
                            let node = match open {
                                Open::If {
                                    key, negate, then, ..
                                } => match then {
                                    Some(then) => Node::If {
                                        key,
                                        negate,
                                        then,
                                        otherwise: inner,
                                    },
                                    None => Node::If {
                                        key,
                                        negate,
                                        then: inner,
                                        otherwise: Vec::new(),
                                    },
                                },
                                Open::For { var, key, .. } => Node::For {
                                    var,
                                    key,
                                    body: inner,
                                },
                            };
                            match stack.last_mut() {
                                Some((_, outer)) => outer.push(node),
                                None => nodes.push(node),
                            }
                        }
                        None => errors.push(WordingError::at(
                            pos,
                            "@end без @if или @for: уберите лишнюю строку",
                        )),
                    },
                    _ => errors.push(WordingError::at(
                        pos,
                        format!(
                            "непонятная команда «@{directive}»: в тексте документа есть только \
                             «@if поле», «@if not поле», «@else», «@end», «@for x in поле» и \
                             «@insert поле»; чтобы напечатать «@» в начале строки, начните \
                             строку с «{{@}}»"
                        ),
                    )),
                }
                continue;
            }
            let (kind, rest, skip) = if let Some(rest) = content.strip_prefix("== ") {
                (TextKind::Heading(2), rest, 3)
            } else if let Some(rest) = content.strip_prefix("= ") {
                (TextKind::Heading(1), rest, 2)
            } else if let Some(rest) = content.strip_prefix("+ ") {
                (TextKind::Clause, rest, 2)
            } else if let Some(rest) = content.strip_prefix("- ") {
                (TextKind::Item, rest, 2)
            } else {
                (TextKind::Para, content, 0)
            };
            let text_pos = Pos {
                line,
                column: column + skip,
            };
            let inline = parse_inline(rest, text_pos, &mut errors);
            let continues = kind == TextKind::Para && open_text;
            match current.last_mut() {
                Some(Node::Text {
                    inline: previous, ..
                }) if continues => {
                    previous.push(Inline::Text(" ".to_owned()));
                    previous.extend(inline);
                }
                _ if continues => current.push(Node::Text {
                    kind: TextKind::Continue,
                    inline,
                }),
                _ => current.push(Node::Text { kind, inline }),
            }
            open_text = !matches!(kind, TextKind::Heading(_));
        }
        for (open, _) in stack {
            let (at, what) = match open {
                Open::If { at, .. } => (at, "@if"),
                Open::For { at, .. } => (at, "@for"),
            };
            errors.push(WordingError::at(
                at,
                format!("{what} без @end: поставьте «@end» там, где условный текст кончается"),
            ));
        }
        match errors.is_empty() {
            true => Ok(Wording { nodes }),
            false => Err(errors),
        }
    }

    /// The keys placed with `@insert` anywhere (to check that a replacement wording keeps the
    /// signatures).
    pub fn inserts(&self) -> Vec<String> {
        fn walk(nodes: &[Node], out: &mut Vec<String>) {
            for node in nodes {
                match node {
                    Node::Insert(key) => out.push(key.path.join(".")),
                    Node::If {
                        then, otherwise, ..
                    } => {
                        walk(then, out);
                        walk(otherwise, out);
                    }
                    Node::For { body, .. } => walk(body, out),
                    Node::Text { .. } => {}
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.nodes, &mut out);
        out
    }

    /// The blocks of one document: the wording with the values of `data` put in.
    pub fn blocks(&self, data: &Value) -> Result<Vec<Block>, Vec<WordingError>> {
        let mut made = Made::default();
        let mut errors = Vec::new();
        let mut scope = Scope {
            data,
            vars: Vec::new(),
        };
        made.nodes(&self.nodes, &mut scope, &mut errors);
        match errors.is_empty() {
            true => Ok(finish_clauses(made.blocks)),
            false => Err(errors),
        }
    }
}

/// The column (0-based, in characters) of the `n`-th argument of a directive line.
fn directive_arg_column(content: &str, n: usize) -> usize {
    let mut column = 0;
    let mut seen = 0;
    let mut in_word = false;
    for (i, c) in content.chars().enumerate() {
        if c.is_whitespace() {
            in_word = false;
        } else if !in_word {
            in_word = true;
            if seen == n + 1 {
                column = i;
                break;
            }
            seen += 1;
        }
    }
    column
}

fn parse_key(text: &str, pos: Pos, errors: &mut Vec<WordingError>) -> Key {
    let path: Vec<String> = text.split('.').map(str::to_owned).collect();
    let valid = |s: &String| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
    };
    if !path.iter().all(valid) {
        errors.push(WordingError::at(
            pos,
            format!(
                "«{text}» — не имя поля: пишите имена полей данных через точку, например \
                 «case.address»"
            ),
        ));
    }
    Key { path, pos }
}

fn parse_inline(text: &str, start: Pos, errors: &mut Vec<WordingError>) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut literal = String::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    let at = |i: usize| Pos {
        line: start.line,
        column: start.column + i,
    };
    let mut bold_open: Option<Pos> = None;
    while i < chars.len() {
        match (chars[i], chars.get(i + 1)) {
            ('{', Some('{')) | ('}', Some('}')) => {
                literal.push(chars[i]);
                i += 2;
            }
            ('*', Some('*')) => {
                if !literal.is_empty() {
                    out.push(Inline::Text(std::mem::take(&mut literal)));
                }
                bold_open = match bold_open {
                    Some(_) => None,
                    None => Some(at(i)),
                };
                out.push(Inline::Bold);
                i += 2;
            }
            ('{', _) => {
                let Some(len) = chars[i + 1..].iter().position(|&c| c == '}') else {
                    errors.push(WordingError::at(
                        at(i),
                        "«{» без «}»: закройте имя поля или напишите «{{», чтобы напечатать скобку",
                    ));
                    return out;
                };
                if !literal.is_empty() {
                    out.push(Inline::Text(std::mem::take(&mut literal)));
                }
                let name: String = chars[i + 1..i + 1 + len].iter().collect();
                out.push(Inline::Value(parse_key(name.trim(), at(i + 1), errors)));
                i += len + 2;
            }
            ('}', _) => {
                errors.push(WordingError::at(
                    at(i),
                    "«}» без «{»: напишите «}}», чтобы напечатать скобку",
                ));
                i += 1;
            }
            (c, _) => {
                literal.push(c);
                i += 1;
            }
        }
    }
    if !literal.is_empty() {
        out.push(Inline::Text(literal));
    }
    if let Some(pos) = bold_open {
        errors.push(WordingError::at(
            pos,
            "«**» открывает полужирный текст, который не закрыт в этой строке: поставьте «**» \
             в его конце",
        ));
    }
    out
}

/// The data and the loop variables in force.
struct Scope<'a> {
    data: &'a Value,
    vars: Vec<(String, &'a Value)>,
}

impl<'a> Scope<'a> {
    fn lookup(&self, key: &Key) -> Result<&'a Value, WordingError> {
        let (first, rest) = key.path.split_first().expect("a key has a first part");
        let mut value = match self.vars.iter().rev().find(|(name, _)| name == first) {
            Some((_, value)) => *value,
            None => self
                .data
                .get(first)
                .ok_or_else(|| self.unknown(key, 0, self.data))?,
        };
        for (i, part) in rest.iter().enumerate() {
            value = value
                .get(part)
                .ok_or_else(|| self.unknown(key, i + 1, value))?;
        }
        Ok(value)
    }

    /// «нет поля …», with the nearest name the data has.
    fn unknown(&self, key: &Key, index: usize, within: &Value) -> WordingError {
        let part = &key.path[index];
        let mut names: Vec<&str> = within
            .as_object()
            .map(|o| o.keys().map(String::as_str).collect())
            .unwrap_or_default();
        if index == 0 {
            names.extend(self.vars.iter().map(|(n, _)| n.as_str()));
        }
        let nearest = names
            .iter()
            .map(|n| (strsim::jaro_winkler(n, part), *n))
            .filter(|(score, _)| *score > 0.8)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, n)| format!("; возможно, имелось в виду «{n}»"))
            .unwrap_or_default();
        let whole = key.path.join(".");
        WordingError::at(
            key.pos,
            format!("в данных документа нет поля «{whole}»{nearest}"),
        )
    }
}

/// Whether a value counts as present for `@if`.
fn present(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(_) => true,
        Value::String(s) => !s.trim().is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}

/// The blocks made so far and the clause counter.
#[derive(Default)]
struct Made {
    blocks: Vec<Block>,
    /// «2.» from the last numbered section, and the clauses counted in it.
    section: String,
    clauses: usize,
}

impl Made {
    fn nodes<'a>(
        &mut self,
        nodes: &'a [Node],
        scope: &mut Scope<'a>,
        errors: &mut Vec<WordingError>,
    ) {
        for node in nodes {
            match node {
                Node::Text { kind, inline } => {
                    let runs = match runs(inline, scope) {
                        Ok(runs) => runs,
                        Err(e) => {
                            errors.push(e);
                            continue;
                        }
                    };
                    self.text(*kind, runs);
                }
                Node::If {
                    key,
                    negate,
                    then,
                    otherwise,
                } => match scope.lookup(key) {
                    Ok(value) => {
                        let chosen = if present(value) != *negate {
                            then
                        } else {
                            otherwise
                        };
                        self.nodes(chosen, scope, errors);
                    }
                    Err(e) => errors.push(e),
                },
                Node::For { var, key, body } => match scope.lookup(key) {
                    Ok(Value::Array(items)) => {
                        for item in items {
                            scope.vars.push((var.clone(), item));
                            self.nodes(body, scope, errors);
                            scope.vars.pop();
                        }
                    }
                    Ok(_) => errors.push(WordingError::at(
                        key.pos,
                        format!(
                            "«{}» — не список: @for перебирает только списки",
                            key.path.join(".")
                        ),
                    )),
                    Err(e) => errors.push(e),
                },
                Node::Insert(key) => match scope.lookup(key) {
                    Ok(value) => match serde_json::from_value::<Block>(value.clone()) {
                        Ok(block) if block.is_component() => self.blocks.push(block),
                        _ => errors.push(WordingError::at(
                            key.pos,
                            format!(
                                "«{}» нельзя вставить: @insert ставит только таблицы, реквизиты \
                                 сторон и подписи, которые kurator готовит из данных",
                                key.path.join(".")
                            ),
                        )),
                    },
                    Err(e) => errors.push(e),
                },
            }
        }
    }

    fn text(&mut self, kind: TextKind, runs: Vec<Run>) {
        match kind {
            TextKind::Heading(level) => {
                if level == 2 {
                    let first = runs.first().map(|r| r.text.as_str()).unwrap_or("");
                    self.section = section_number(first);
                    self.clauses = 0;
                }
                self.blocks.push(Block::Heading { level, runs });
            }
            TextKind::Para => self.blocks.push(Block::Para { runs }),
            TextKind::Item => self.blocks.push(Block::Item { runs }),
            TextKind::Continue => match self.blocks.last_mut() {
                Some(
                    Block::Para { runs: before }
                    | Block::Clause { runs: before, .. }
                    | Block::Item { runs: before },
                ) => {
                    // «адресу: …» + «, действующая» joins without a space before the comma.
                    let tight = runs
                        .first()
                        .is_some_and(|r| r.text.starts_with([',', '.', ';', ':', ')']));
                    if !tight && let Some(last) = before.last_mut() {
                        last.text.push(' ');
                    }
                    for run in runs {
                        match before.last_mut() {
                            Some(last) if last.strong == run.strong => {
                                last.text.push_str(&run.text)
                            }
                            _ => before.push(run),
                        }
                    }
                }
                _ => self.blocks.push(Block::Para { runs }),
            },
            TextKind::Clause => {
                self.clauses += 1;
                let marker = format!("{}{}.", self.section, self.clauses);
                self.blocks.push(Block::Clause { marker, runs });
            }
        }
    }
}

/// «2.» of «2. Обязанности Учреждения», or empty.
fn section_number(heading: &str) -> String {
    let number = heading.split_whitespace().next().unwrap_or("");
    let digits = number.trim_end_matches('.');
    match !digits.is_empty()
        && number.ends_with('.')
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
    {
        true => number.to_owned(),
        false => String::new(),
    }
}

/// The runs of a line with its values put in: adjacent runs of one style merged, whitespace of
/// the data (tabs, line breaks) made single spaces, so that both renderers show the same words.
fn runs(inline: &[Inline], scope: &Scope<'_>) -> Result<Vec<Run>, WordingError> {
    let mut out: Vec<Run> = Vec::new();
    let mut strong = false;
    for part in inline {
        let text = match part {
            Inline::Text(t) => t.clone(),
            Inline::Bold => {
                strong = !strong;
                continue;
            }
            Inline::Value(key) => match scope.lookup(key)? {
                Value::String(s) => s.clone(),
                Value::Number(n) => n.to_string(),
                Value::Null => String::new(),
                _ => {
                    return Err(WordingError::at(
                        key.pos,
                        format!(
                            "«{}» — не текст и не число: напечатать можно только их (список \
                             перебирает @for, таблицу ставит @insert)",
                            key.path.join(".")
                        ),
                    ));
                }
            },
        };
        match out.last_mut() {
            Some(last) if last.strong == strong => last.text.push_str(&text),
            _ => out.push(Run { text, strong }),
        }
    }
    for run in &mut out {
        run.text = single_spaced(&run.text);
    }
    // No space at the ends of a block.
    if let Some(first) = out.first_mut() {
        first.text = first.text.trim_start().to_owned();
    }
    if let Some(last) = out.last_mut() {
        last.text = last.text.trim_end().to_owned();
    }
    out.retain(|r| !r.text.is_empty());
    Ok(out)
}

/// Every run of whitespace (a tab, a line break, U+2028 …) as one space; the ends kept.
fn single_spaced(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

/// A clause whose text does not end in a stop gets «;», or «.» when no clause follows it (the
/// last of a list): staff type obligations without the punctuation of a contract.
fn finish_clauses(mut blocks: Vec<Block>) -> Vec<Block> {
    for i in 0..blocks.len() {
        let last = !matches!(blocks.get(i + 1), Some(Block::Clause { .. }));
        if let Block::Clause { runs, .. } = &mut blocks[i]
            && let Some(run) = runs.last_mut()
            && !run.text.ends_with(['.', ';', ':', '!', '?', '…'])
        {
            run.text.push(if last { '.' } else { ';' });
        }
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn words(wording: &str, data: Value) -> Vec<Block> {
        Wording::parse(wording).unwrap().blocks(&data).unwrap()
    }

    fn text(runs: &[Run]) -> String {
        runs.iter().map(|r| r.text.as_str()).collect()
    }

    #[test]
    fn the_else_branch_continues_what_the_if_continues_not_the_then_branch() {
        let paras = |a: bool| -> Vec<String> {
            words(
                "Первый.\n\n@if a\nДа.\n@else\nНет.\n@end\nпо адресу\n@if a\n, действующая\n@else\n, иное\n@end\n",
                json!({ "a": a }),
            )
            .iter()
            .filter_map(|b| match b {
                Block::Para { runs } => Some(text(runs)),
                _ => None,
            })
            .collect()
        };
        assert_eq!(paras(true), ["Первый.", "Да. по адресу, действующая"]);
        assert_eq!(paras(false), ["Первый.", "Нет. по адресу, иное"]);
    }

    #[test]
    fn clauses_are_numbered_by_section_and_end_as_a_contract_ends_them() {
        let blocks = words(
            "== 2. Обязанности\n@for o in list\n+ {o}\n@end\n+ Иное.\n== Без номера\n+ а\n",
            json!({"list": ["раз", "два;"]}),
        );
        let clauses: Vec<(String, String)> = blocks
            .iter()
            .filter_map(|b| match b {
                Block::Clause { marker, runs } => Some((marker.clone(), text(runs))),
                _ => None,
            })
            .collect();
        assert_eq!(
            clauses,
            [
                ("2.1.".to_owned(), "раз;".to_owned()),
                ("2.2.".to_owned(), "два;".to_owned()),
                ("2.3.".to_owned(), "Иное.".to_owned()),
                ("1.".to_owned(), "а.".to_owned()),
            ]
        );
    }

    #[test]
    fn data_never_becomes_markup_or_a_directive() {
        let evil = "**x** {y} @end\n@insert z\n== 9. заголовок";
        let blocks = words("Текст {v} конец\n", json!({"v": evil}));
        assert_eq!(blocks.len(), 1);
        let Block::Para { runs } = &blocks[0] else {
            panic!("{blocks:?}")
        };
        assert_eq!(runs.len(), 1, "no bold came from the data: {runs:?}");
        assert_eq!(
            runs[0].text,
            "Текст **x** {y} @end @insert z == 9. заголовок конец"
        );
    }

    #[test]
    fn lines_continue_a_paragraph_until_a_blank_line_and_bold_is_a_run() {
        let blocks = words(
            "Первая **строка**\n**и** вторая.\n\nДругой абзац.\n",
            json!({}),
        );
        assert_eq!(blocks.len(), 2);
        let Block::Para { runs } = &blocks[0] else {
            panic!()
        };
        assert_eq!(
            runs,
            &[
                Run::plain("Первая "),
                Run {
                    text: "строка".to_owned(),
                    strong: true
                },
                Run::plain(" "),
                Run {
                    text: "и".to_owned(),
                    strong: true
                },
                Run::plain(" вторая.")
            ]
        );
    }

    #[test]
    fn a_condition_inside_a_sentence_continues_it() {
        let w =
            "Живёт по адресу: {a}\n@if kids\n, действующая за детей\n@end\n(далее — Получатель).\n";
        for (kids, expected) in [
            (
                json!(["x"]),
                "Живёт по адресу: ул. Лесная, действующая за детей (далее — Получатель).",
            ),
            (
                json!([]),
                "Живёт по адресу: ул. Лесная (далее — Получатель).",
            ),
        ] {
            let blocks = words(w, json!({"a": "ул. Лесная", "kids": kids}));
            assert_eq!(blocks.len(), 1, "{blocks:?}");
            let Block::Para { runs } = &blocks[0] else {
                panic!()
            };
            assert_eq!(text(runs), expected);
        }
    }

    #[test]
    fn conditions_choose_and_empty_values_count_as_absent() {
        let w = "@if a\nесть\n@else\nнет\n@end\n@if not b\nпусто\n@end\n";
        let blocks = words(w, json!({"a": "", "b": []}));
        let texts: Vec<String> = blocks
            .iter()
            .map(|b| match b {
                Block::Para { runs } => text(runs),
                other => panic!("{other:?}"),
            })
            .collect();
        // No blank line between them: one paragraph, continued across the directives.
        assert_eq!(texts, ["нет пусто"]);
    }

    #[test]
    fn errors_name_line_and_column_and_suggest_the_field() {
        let w = Wording::parse("== 1. Предмет\n\n+ Адрес: {case.adress}.\n").unwrap();
        let errors = w
            .blocks(&json!({"case": {"address": "ул. Лесная"}}))
            .unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!((errors[0].line, errors[0].column), (3, 11));
        assert!(
            errors[0].message.contains("«case.adress»")
                && errors[0]
                    .message
                    .contains("возможно, имелось в виду «address»"),
            "{}",
            errors[0].message
        );
    }

    #[test]
    fn every_parse_error_is_reported() {
        let errors = Wording::parse("@if a\n@foo\nтекст {b\n** x\n@else\n@else\n").unwrap_err();
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [2, 3, 4, 6, 1], "{errors:#?}");
        assert!(errors[0].message.contains("непонятная команда «@foo»"));
    }

    #[test]
    fn insert_takes_only_components() {
        let w = Wording::parse("@insert sig\n@insert text\n").unwrap();
        let data = json!({
            "sig": {"t": "signatures", "signatures": [{"position": "Директор", "name": "И. Л. Полякова"}]},
            "text": {"t": "para", "runs": [{"text": "x"}]},
        });
        let errors = w.blocks(&data).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, 2);
        assert_eq!(w.inserts(), ["sig", "text"]);
    }
}
