//! YAML text → a tree of nodes that remember where they stand in the file.
//!
//! We build the tree ourselves from `saphyr-parser` events instead of using a YAML→serde
//! bridge because every later message must point at a line and column, and because hostile
//! input (alias bombs, deep nesting, duplicate keys) must become a located error, not a hang,
//! a panic or a silently dropped value.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, ScanError, Span as ParserSpan};
use serde_json::{Map, Number, Value};

/// Deepest nesting of mappings and lists accepted; real case files stay under 10.
pub const MAX_DEPTH: usize = 64;
/// Mappings up to this many keys check duplicates by scanning; larger ones by a hash index.
const SMALL_MAP: usize = 32;
/// Most nodes a file may expand to (aliases counted at their full size).
pub const MAX_NODES: usize = 200_000;

/// A position in a file: 1-based line and column (columns count characters, not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Pos {
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
}

/// The stretch of text a node or a fault covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// First character.
    pub start: Pos,
    /// Just past the last character.
    pub end: Pos,
}

impl Span {
    /// A span of `len` characters on one line.
    pub fn on_line(line: usize, column: usize, len: usize) -> Span {
        Span {
            start: Pos { line, column },
            end: Pos {
                line,
                column: column + len,
            },
        }
    }

    fn from_parser(span: &ParserSpan) -> Span {
        let pos = |m: &saphyr_parser::Marker| Pos {
            line: m.line(),
            column: m.col() + 1,
        };
        Span {
            start: pos(&span.start),
            end: pos(&span.end),
        }
    }
}

/// A YAML node with its place in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// What the node holds.
    pub kind: NodeKind,
    /// Where it is written.
    pub span: Span,
}

/// The three shapes of YAML data.
#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    /// A scalar exactly as written (after YAML unquoting); `quoted` scalars are always text.
    Scalar {
        /// The text.
        text: String,
        /// Quoted, literal or folded scalars are never numbers, booleans or null.
        quoted: bool,
    },
    /// A list.
    Seq(Vec<Node>),
    /// A mapping, in file order: (key, value).
    Map(Vec<(Node, Node)>),
}

/// A fault found while reading YAML, with where it is and what to do about it.
#[derive(Debug, Clone, PartialEq)]
pub struct YamlError {
    /// Short stable code for machines.
    pub code: &'static str,
    /// What is wrong, in Russian.
    pub message: String,
    /// Where.
    pub span: Span,
    /// How to fix it, in Russian.
    pub hint: Option<String>,
}

impl Node {
    /// The scalar's text, if the node is a scalar.
    pub fn as_text(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    /// Looks up a mapping entry by key; returns the key node and the value node.
    pub fn entry(&self, key: &str) -> Option<(&Node, &Node)> {
        match &self.kind {
            NodeKind::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.as_text() == Some(key))
                .map(|(k, v)| (k, v)),
            _ => None,
        }
    }

    /// Follows a path of mapping keys and list indices.
    pub fn at<'a, S: AsRef<str>>(&'a self, path: &[S]) -> Option<&'a Node> {
        path.iter().try_fold(self, |node, segment| {
            let segment = segment.as_ref();
            match &node.kind {
                NodeKind::Map(_) => node.entry(segment).map(|(_, v)| v),
                NodeKind::Seq(items) => segment.parse::<usize>().ok().and_then(|i| items.get(i)),
                NodeKind::Scalar { .. } => None,
            }
        })
    }

    /// Whether the node is a plain scalar that YAML reads as null (`~`, `null`, nothing).
    pub fn is_null(&self) -> bool {
        matches!(&self.kind, NodeKind::Scalar { text, quoted: false } if is_null_text(text))
    }

    /// A word for the node's shape, for messages: «словарь», «список», «текст»…
    pub fn shape_name(&self) -> &'static str {
        match &self.kind {
            NodeKind::Map(_) => "словарь (ключ: значение)",
            NodeKind::Seq(_) => "список",
            NodeKind::Scalar { .. } if self.is_null() => "пустое значение",
            NodeKind::Scalar { text, quoted } => match resolve_plain(text, *quoted) {
                Value::Bool(_) => "логическое значение",
                Value::Number(_) => "число",
                _ => "текст",
            },
        }
    }

    /// The node as JSON, resolving plain scalars by the YAML 1.2 core schema.
    ///
    /// Mapping entries whose value is empty (`ключ:` with nothing after it) are left out:
    /// staff leave optional fields blank, and blank means «not filled», not «null».
    pub fn to_json(&self) -> Value {
        match &self.kind {
            NodeKind::Scalar { text, quoted } => resolve_plain(text, *quoted),
            NodeKind::Seq(items) => Value::Array(items.iter().map(Node::to_json).collect()),
            NodeKind::Map(entries) => {
                let mut map = Map::with_capacity(entries.len());
                for (key, value) in entries {
                    if !value.is_null() {
                        map.insert(
                            key.as_text().unwrap_or_default().to_owned(),
                            value.to_json(),
                        );
                    }
                }
                Value::Object(map)
            }
        }
    }

    /// (number of nodes, levels of nesting), for aliases to be counted at their full weight.
    fn measure(&self) -> (usize, usize) {
        match &self.kind {
            NodeKind::Scalar { .. } => (1, 0),
            NodeKind::Seq(items) => items.iter().fold((1, 1), |(n, h), item| {
                let (size, height) = item.measure();
                (n + size, h.max(height + 1))
            }),
            NodeKind::Map(entries) => entries.iter().fold((1, 1), |(n, h), (_, v)| {
                let (size, height) = v.measure();
                (n + size + 1, h.max(height + 1))
            }),
        }
    }
}

fn is_null_text(text: &str) -> bool {
    matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

/// YAML 1.2 core schema resolution of a plain scalar (yaml.org/spec/1.2.2, §10.3.2).
fn resolve_plain(text: &str, quoted: bool) -> Value {
    if quoted {
        return Value::String(text.to_owned());
    }
    if is_null_text(text) {
        return Value::Null;
    }
    match text {
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    let digits = |s: &str, radix: u32| !s.is_empty() && s.chars().all(|c| c.is_digit(radix));
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    if digits(unsigned, 10) {
        if let Ok(n) = text.parse::<i64>() {
            return Value::Number(n.into());
        }
    } else if let Some(oct) = text.strip_prefix("0o").filter(|s| digits(s, 8)) {
        if let Ok(n) = i64::from_str_radix(oct, 8) {
            return Value::Number(n.into());
        }
    } else if let Some(hex) = text.strip_prefix("0x").filter(|s| digits(s, 16)) {
        if let Ok(n) = i64::from_str_radix(hex, 16) {
            return Value::Number(n.into());
        }
    } else if looks_like_float(unsigned)
        && let Some(n) = text.parse::<f64>().ok().and_then(Number::from_f64)
    {
        return Value::Number(n);
    }
    Value::String(text.to_owned())
}

/// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?` without the sign.
fn looks_like_float(s: &str) -> bool {
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    let mantissa_ok = digits(int) && digits(frac) && !(int.is_empty() && frac.is_empty());
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    mantissa_ok && exponent_ok && (mantissa.contains('.') || exponent.is_some())
}

/// Parses one YAML document. An empty file yields `Ok(None)`.
pub fn parse(text: &str) -> Result<Option<Node>, YamlError> {
    let mut builder = Builder::default();
    let end = End::of(text);
    for event in Parser::new_from_str(text) {
        let (event, span) = event.map_err(|e| scan_error(&e, text, end))?;
        builder.event(event, end.clamp_span(Span::from_parser(&span)))?;
    }
    Ok(builder.root)
}

enum Frame {
    Seq {
        span: Span,
        anchor: usize,
        items: Vec<Node>,
    },
    Map {
        span: Span,
        anchor: usize,
        entries: Vec<(Node, Node)>,
        pending_key: Option<Node>,
        /// Keys and their lines, indexed once a mapping grows past `SMALL_MAP` entries: small
        /// mappings (all real ones) are scanned, huge hostile ones are not quadratic.
        keys: Option<HashMap<String, usize>>,
    },
}

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    /// Anchored nodes with their (size, height), so an alias costs a lookup, not a walk.
    anchors: HashMap<usize, (Node, usize, usize)>,
    root: Option<Node>,
    documents: usize,
    nodes: usize,
}

impl Builder {
    fn event(&mut self, event: Event<'_>, span: Span) -> Result<(), YamlError> {
        match event {
            Event::DocumentStart(_) => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err(YamlError {
                        code: "yaml-documents",
                        message: "в файле больше одного документа YAML".into(),
                        span,
                        hint: Some(
                            "в файле должен быть один документ: уберите лишнюю строку `---`".into(),
                        ),
                    });
                }
            }
            Event::Scalar(text, style, anchor, tag) => {
                let plain = style == ScalarStyle::Plain
                    && !tag.is_some_and(|t| t.is_yaml_core_schema() && t.suffix == "str");
                let node = Node {
                    kind: NodeKind::Scalar {
                        text: text.into_owned(),
                        quoted: !plain,
                    },
                    span,
                };
                self.count(1, span)?;
                self.finish(node, anchor)?;
            }
            Event::SequenceStart(anchor, _) => {
                self.open(span)?;
                self.stack.push(Frame::Seq {
                    span,
                    anchor,
                    items: Vec::new(),
                });
            }
            Event::MappingStart(anchor, _) => {
                self.open(span)?;
                self.stack.push(Frame::Map {
                    span,
                    anchor,
                    entries: Vec::new(),
                    pending_key: None,
                    keys: None,
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let (node, anchor) = match self.stack.pop() {
                    Some(Frame::Seq {
                        span: start,
                        anchor,
                        items,
                    }) => (
                        Node {
                            kind: NodeKind::Seq(items),
                            span: Span {
                                start: start.start,
                                end: span.end,
                            },
                        },
                        anchor,
                    ),
                    Some(Frame::Map {
                        span: start,
                        anchor,
                        entries,
                        ..
                    }) => (
                        Node {
                            kind: NodeKind::Map(entries),
                            span: Span {
                                start: start.start,
                                end: span.end,
                            },
                        },
                        anchor,
                    ),
                    None => return Ok(()),
                };
                self.finish(node, anchor)?;
            }
            Event::Alias(anchor) => {
                let Some((node, size, height)) = self.anchors.get(&anchor).cloned() else {
                    return Err(YamlError {
                        code: "yaml-alias",
                        message: "ссылка `*…` на неизвестную метку".into(),
                        span,
                        hint: Some("объявите метку `&имя` раньше ссылки или уберите ссылку".into()),
                    });
                };
                if self.stack.len() + height > MAX_DEPTH {
                    return Err(depth_error(span));
                }
                self.count(size, span)?;
                let mut node = node;
                node.span = span;
                self.finish(node, 0)?;
            }
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => {}
        }
        Ok(())
    }

    fn open(&mut self, span: Span) -> Result<(), YamlError> {
        self.count(1, span)?;
        if self.stack.len() >= MAX_DEPTH {
            return Err(depth_error(span));
        }
        Ok(())
    }

    fn count(&mut self, n: usize, span: Span) -> Result<(), YamlError> {
        self.nodes = self.nodes.saturating_add(n);
        if self.nodes > MAX_NODES {
            return Err(YamlError {
                code: "yaml-size",
                message: format!("файл разворачивается больше чем в {MAX_NODES} значений"),
                span,
                hint: Some("вероятно, ссылки `*…` на метки `&…` размножают данные; запишите данные без меток".into()),
            });
        }
        Ok(())
    }

    /// Places a completed node into its parent (or as the root).
    fn finish(&mut self, node: Node, anchor: usize) -> Result<(), YamlError> {
        if anchor != 0 {
            let (size, height) = node.measure();
            self.anchors.insert(anchor, (node.clone(), size, height));
        }
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map {
                entries,
                pending_key,
                keys,
                ..
            }) => match pending_key.take() {
                None => {
                    let NodeKind::Scalar { text, .. } = &node.kind else {
                        return Err(YamlError {
                            code: "yaml-key",
                            message: format!("ключом записан {}", node.shape_name()),
                            span: node.span,
                            hint: Some(
                                "ключ — это слово перед двоеточием, например `дата:`".into(),
                            ),
                        });
                    };
                    if entries.len() >= SMALL_MAP && keys.is_none() {
                        let index = entries.iter().map(|(k, _)| {
                            (
                                k.as_text().unwrap_or_default().to_owned(),
                                k.span.start.line,
                            )
                        });
                        *keys = Some(index.collect());
                    }
                    let first = match keys {
                        Some(keys) => keys.get(text.as_str()).copied(),
                        None => entries
                            .iter()
                            .find(|(k, _)| k.as_text() == Some(text))
                            .map(|(k, _)| k.span.start.line),
                    };
                    if let Some(first_line) = first {
                        return Err(YamlError {
                            code: "yaml-duplicate-key",
                            message: format!("ключ «{text}» повторяется"),
                            span: node.span,
                            hint: Some(format!(
                                "он уже есть в строке {first_line}; оставьте один из двух"
                            )),
                        });
                    }
                    if let Some(keys) = keys {
                        keys.insert(text.clone(), node.span.start.line);
                    }
                    *pending_key = Some(node);
                }
                Some(key) => entries.push((key, node)),
            },
        }
        Ok(())
    }
}

fn depth_error(span: Span) -> YamlError {
    YamlError {
        code: "yaml-depth",
        message: format!("вложенность глубже {MAX_DEPTH} уровней"),
        span,
        hint: Some(
            "в файлах kurator вложенность не бывает больше нескольких уровней: проверьте отступы и ссылки `*…`".into(),
        ),
    }
}

/// Just past the last character of a text. At the end of a file without a final line break
/// the scanner reports the line after the last one, which no editor shows; positions there are
/// moved back to this one.
#[derive(Debug, Clone, Copy)]
struct End(Pos);

impl End {
    fn of(text: &str) -> End {
        // Lines as the scanner counts them: `\n`, `\r\n` or a lone `\r` ends one.
        let (index, last) = text
            .split("\r\n")
            .flat_map(|l| l.split(['\n', '\r']))
            .enumerate()
            .last()
            .unwrap_or((0, ""));
        End(Pos {
            line: index + 1,
            column: last.chars().count() + 1,
        })
    }

    fn clamp(self, pos: Pos) -> Pos {
        if pos.line > self.0.line { self.0 } else { pos }
    }

    fn clamp_span(self, span: Span) -> Span {
        Span {
            start: self.clamp(span.start),
            end: self.clamp(span.end),
        }
    }
}

/// Turns the scanner's English message into a Russian one with a hint.
fn scan_error(error: &ScanError, text: &str, end: End) -> YamlError {
    let marker = error.marker();
    let Pos { line, column } = end.clamp(Pos {
        line: marker.line(),
        column: marker.col() + 1,
    });
    let info = error.info();
    if info.contains("recursion limit") {
        return YamlError {
            code: "yaml-depth",
            message: format!("вложенность глубже {MAX_DEPTH} уровней"),
            span: Span::on_line(line, column, 1),
            hint: Some("проверьте скобки [ ] и { }: похоже, они не закрыты".into()),
        };
    }
    if info.contains("tab") {
        // The scanner stops where the tab breaks the structure, often the line before it;
        // point at the tab itself.
        let tab = text
            .lines()
            .enumerate()
            .skip(line.saturating_sub(1))
            .find_map(|(n, l)| {
                let indent: String = l.chars().take_while(|c| c.is_whitespace()).collect();
                indent
                    .find('\t')
                    .map(|i| (n + 1, indent[..i].chars().count() + 1))
            });
        let (line, column) = tab.unwrap_or((line, column));
        return YamlError {
            code: "yaml-syntax",
            message: "отступ сделан табуляцией".into(),
            span: Span::on_line(line, column, 1),
            hint: Some(
                "в YAML отступы делаются только пробелами: замените табуляцию пробелами".into(),
            ),
        };
    }
    let (message, hint) = if info.contains("quoted scalar") || info.contains("unclosed quote") {
        (
            "незакрытая кавычка".to_owned(),
            "закройте кавычку (\" или ') в конце текста".to_owned(),
        )
    } else if info.contains("mapping values are not allowed") {
        (
            "двоеточие в неожиданном месте".to_owned(),
            "если двоеточие — часть текста, возьмите весь текст в кавычки: \"...\"; иначе проверьте отступ".to_owned(),
        )
    } else if info.contains("did not find expected key")
        || info.contains("did not find expected '-'")
        || info.contains("invalid indentation")
    {
        (
            "неверный отступ или строка не похожа на «ключ: значение»".to_owned(),
            "выровняйте строку по соседним ключам того же уровня".to_owned(),
        )
    } else if info.contains("found unexpected end of stream") {
        (
            "файл кончился посреди значения".to_owned(),
            "закройте кавычку (\" или ') или скобку ([ или {)".to_owned(),
        )
    } else if info.contains("cannot start any token") {
        (
            "символ, с которого не может начинаться значение".to_owned(),
            "значения, начинающиеся с @, ` или %, берите в кавычки".to_owned(),
        )
    } else {
        (
            "синтаксическая ошибка YAML".to_owned(),
            format!("сообщение разборщика: {info}"),
        )
    };
    YamlError {
        code: "yaml-syntax",
        message,
        span: Span::on_line(line, column, 1),
        hint: Some(hint),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(text: &str) -> Value {
        parse(text).unwrap().unwrap().to_json()
    }

    #[test]
    fn resolves_scalars_by_yaml_1_2_core_schema() {
        let v = json(
            "a: 2024-04-22\nb: 012\nc: yes\nd: true\ne: '5'\nf: 1.5\ng: 1e3\nh: .5\ni: 89991234567\nj: 0x1F\n",
        );
        assert_eq!(v["a"], "2024-04-22");
        assert_eq!(v["b"], 12);
        assert_eq!(v["c"], "yes");
        assert_eq!(v["d"], true);
        assert_eq!(v["e"], "5");
        assert_eq!(v["f"], 1.5);
        assert_eq!(v["g"], 1000.0);
        assert_eq!(v["h"], 0.5);
        assert_eq!(v["i"], 89991234567i64);
        assert_eq!(v["j"], 31);
    }

    #[test]
    fn blank_values_are_left_out() {
        assert_eq!(json("a:\nb: ~\nc: x\n"), serde_json::json!({"c": "x"}));
    }

    #[test]
    fn remembers_positions() {
        let root = parse("семья:\n  фамилия: Петровы\n").unwrap().unwrap();
        let node = root.at(&["семья", "фамилия"]).unwrap();
        assert_eq!(
            node.span.start,
            Pos {
                line: 2,
                column: 12
            }
        );
        let (key, _) = root.at(&["семья"]).unwrap().entry("фамилия").unwrap();
        assert_eq!(key.span.start, Pos { line: 2, column: 3 });
    }

    #[test]
    fn rejects_duplicate_keys_at_the_second() {
        let err = parse("a: 1\nb: 2\na: 3\n").unwrap_err();
        assert_eq!(err.code, "yaml-duplicate-key");
        assert_eq!(err.span.start.line, 3);
    }

    #[test]
    fn stops_alias_bombs_and_deep_nesting() {
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 0..12 {
            let prev = if i == 0 {
                "a".to_owned()
            } else {
                format!("b{}", i - 1)
            };
            bomb += &format!(
                "b{i}: &b{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
            );
        }
        assert_eq!(parse(&bomb).unwrap_err().code, "yaml-size");
        // Each anchor wraps the previous alias 30 levels deeper: small text, thousands of levels.
        let mut chain = format!("a0: &a0 {}x{}\n", "[".repeat(30), "]".repeat(30));
        for i in 1..40 {
            chain += &format!(
                "a{i}: &a{i} {}*a{}{}\n",
                "[".repeat(30),
                i - 1,
                "]".repeat(30)
            );
        }
        assert_eq!(parse(&chain).unwrap_err().code, "yaml-depth");
        for deep in ["[".repeat(10_000), "[".repeat(100) + &"]".repeat(100)] {
            assert_eq!(parse(&deep).unwrap_err().code, "yaml-depth");
        }
        let block: String = (0..100)
            .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
            .collect();
        assert_eq!(parse(&block).unwrap_err().code, "yaml-depth");
    }

    #[test]
    fn tab_indentation_is_named_on_its_line() {
        let err = parse("a:\n\tb: 1\n").unwrap_err();
        assert!(err.message.contains("табуляц"), "{err:?}");
        let err = parse("a:\n  b: x\n\tc: 1\n").unwrap_err();
        assert_eq!(
            (err.span.start.line, err.span.start.column),
            (3, 1),
            "{err:?}"
        );
    }

    /// Found by fuzzing: the scanner put the end of a file without a final line break on a line
    /// after the last one.
    #[test]
    fn the_end_of_the_file_is_on_its_last_line() {
        let at = |text: &str| {
            let start = parse(text).unwrap_err().span.start;
            (start.line, start.column)
        };
        assert_eq!(at("a: 1\nb"), (2, 2));
        assert_eq!(
            parse("---").unwrap().unwrap().span.start,
            Pos { line: 1, column: 4 }
        );
        assert_eq!(at("a: 1\r\nбб"), (2, 3));
        assert_eq!(
            at("a: 1\nb\n"),
            (3, 1),
            "the empty line after the last break"
        );
    }

    #[test]
    fn empty_file_is_none() {
        assert_eq!(parse("").unwrap(), None);
        assert_eq!(parse("# только комментарий\n").unwrap(), None);
    }
}
