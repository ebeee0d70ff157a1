//! Checks a parsed file against its JSON Schema and turns each violation into a located,
//! Russian diagnostic.
//!
//! The validator reports JSON pointers; we map them back to YAML nodes to get the line and
//! column, and read the schema itself to suggest the key or value staff probably meant.

use std::path::Path;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{JsonType, ValidationError};
use serde_json::Value;

use super::yaml::{Node, NodeKind, Span};
use crate::diagnostic::Diagnostic;
use crate::model::{DATE_PATTERN, Date, DateError, no_such_day};
use crate::schema::FileKind;

/// Validates `json` (built from `tree`) against the schema of `kind`.
///
/// Where the schema wants text and staff typed an unquoted number or `true`, the text is kept
/// exactly as typed (`телефон: 89121234567`, `номер: 0017`), so `json` may be changed.
pub fn check(kind: FileKind, file: &Path, tree: &Node, json: &mut Value) -> Vec<Diagnostic> {
    let validator = kind.validator();
    let mut out = Vec::new();
    blank_unknown_keys(kind, file, tree, &mut Vec::new(), &mut out);
    super::printable::check(file, tree, &mut out);
    if validator.is_valid(json) {
        return cap(file, out);
    }
    let typed_as_text: Vec<(Vec<String>, &str)> = validator
        .iter_errors(json)
        .filter_map(|error| match error.kind() {
            ValidationErrorKind::Type { kind } if wants_string(kind) => {
                let path = segments(error.instance_path().as_str());
                match &tree.at(&path)?.kind {
                    NodeKind::Scalar {
                        text,
                        quoted: false,
                    } => Some((path, text.as_str())),
                    _ => None,
                }
            }
            _ => None,
        })
        .collect();
    for (path, text) in typed_as_text {
        set_at(json, &path, text);
    }
    out.extend(
        validator
            .iter_errors(json)
            .flat_map(|error| describe(kind, file, tree, &error)),
    );
    out.sort_by(|a, b| (a.span, a.code, &a.message).cmp(&(b.span, b.code, &b.message)));
    // A date that fails both `pattern` and `format` gives the same message twice.
    out.dedup_by(|a, b| a.span == b.span && a.code == b.code && a.message == b.message);
    cap(file, out)
}

/// Most faults reported for one file; a file with more is not a typo but a wrong file.
pub const MAX_PER_FILE: usize = 100;

/// Keeps the first `MAX_PER_FILE` faults and says how many more there are.
fn cap(file: &Path, mut out: Vec<Diagnostic>) -> Vec<Diagnostic> {
    if out.len() > MAX_PER_FILE {
        let more = out.len() - MAX_PER_FILE;
        out.truncate(MAX_PER_FILE);
        out.push(
            Diagnostic::error(
                file,
                None,
                "too-many",
                format!("и ещё {more} ошибок в этом файле"),
            )
            .with_hint("исправьте показанные ошибки и запустите проверку снова"),
        );
    }
    out
}

fn wants_string(kind: &TypeKind) -> bool {
    match kind {
        TypeKind::Single(t) => *t == JsonType::String,
        TypeKind::Multiple(set) => set.contains(JsonType::String),
    }
}

/// Splits a JSON pointer into unescaped segments.
fn segments(pointer: &str) -> Vec<String> {
    pointer
        .split('/')
        .skip(1)
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
        .collect()
}

fn set_at(json: &mut Value, path: &[String], text: &str) -> Option<()> {
    let mut here = json;
    for segment in path {
        here = match here {
            Value::Object(map) => map.get_mut(segment)?,
            Value::Array(items) => items.get_mut(segment.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    *here = Value::String(text.to_owned());
    Some(())
}

/// Where to point for a fault at `path`: the node, or the nearest ancestor that exists.
fn locate(tree: &Node, path: &[String]) -> Span {
    (0..=path.len())
        .rev()
        .find_map(|n| tree.at(&path[..n]))
        .map_or(tree.span, |n| n.span)
}

/// The span of the key under which the node at `path` is written (`семья:`), else the node.
fn key_span(tree: &Node, path: &[String]) -> Span {
    match path.split_last() {
        Some((last, parent)) => tree
            .at(parent)
            .and_then(|p| p.entry(last))
            .map_or_else(|| locate(tree, path), |(k, _)| k.span),
        None => Span::on_line(1, 1, 1),
    }
}

fn describe(
    kind: FileKind,
    file: &Path,
    tree: &Node,
    error: &ValidationError<'_>,
) -> Vec<Diagnostic> {
    let path = segments(error.instance_path().as_str());
    let here = locate(tree, &path);
    let node = tree.at(&path);
    let value_text = node.and_then(Node::as_text).unwrap_or_default();
    let at = |code, message: String| Diagnostic::error(file, Some(here), code, message);
    match error.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            let allowed = allowed_keys(kind, &path);
            unexpected
                .iter()
                .take(MAX_PER_FILE + 1)
                .map(|key| {
                    let span = node
                        .and_then(|n| n.entry(key))
                        .map_or(here, |(k, _)| k.span);
                    unknown_key(file, span, key, &allowed)
                })
                .collect()
        }
        ValidationErrorKind::Required { property } => {
            let name = property.as_str().unwrap_or_default();
            let allowed = allowed_keys(kind, &path);
            let misspelt = match node.map(|n| &n.kind) {
                Some(NodeKind::Map(entries)) => {
                    entries.iter().filter_map(|(k, _)| k.as_text()).any(|k| {
                        !allowed.iter().any(|a| a == k)
                            && closest(k, std::slice::from_ref(&name.to_owned())).is_some()
                    })
                }
                _ => false,
            };
            if misspelt {
                // The unknown-key message already says «возможно, имелось в виду …» for this key.
                return Vec::new();
            }
            match node.and_then(|n| n.entry(name)) {
                Some((key, _)) => vec![
                    Diagnostic::error(
                        file,
                        Some(key.span),
                        "required",
                        format!("не заполнено обязательное поле «{name}»"),
                    )
                    .with_hint("впишите значение после двоеточия"),
                ],
                None => {
                    let hint = if path.is_empty() {
                        format!("добавьте в файл строку «{name}: …» без отступа")
                    } else {
                        format!("добавьте строку «{name}: …» в этот раздел")
                    };
                    vec![
                        Diagnostic::error(
                            file,
                            Some(key_span(tree, &path)),
                            "required",
                            format!("нет обязательного поля «{name}»"),
                        )
                        .with_hint(hint),
                    ]
                }
            }
        }
        // Agenda items were plain strings before meetings decided (issue 18): say how an item
        // is written now rather than only that a map is expected.
        ValidationErrorKind::Type { .. }
            if kind == FileKind::Meeting
                && path.len() == 2
                && path[0] == "повестка"
                && node.is_some_and(|n| n.as_text().is_some()) =>
        {
            vec![
                at(
                    "agenda-item",
                    "вопрос повестки записан одной строкой, без решения".to_owned(),
                )
                .with_hint(
                    "запишите его полями: «- вопрос: …», под ним с отступом «слушали: ФИО», «решили: …», \
                     по желанию «ответственный: ФИО» и «срок: ГГГГ-ММ-ДД»",
                ),
            ]
        }
        ValidationErrorKind::Type { kind } => {
            let found = node.map_or("пустое значение", Node::shape_name);
            vec![
                at(
                    "type",
                    format!("ожидается {}, а здесь {found}", type_name(kind)),
                )
                .with_hint(type_hint(kind)),
            ]
        }
        ValidationErrorKind::Enum { options } => {
            let options: Vec<String> = options
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|o| o.as_str().map(str::to_owned))
                .collect();
            let hint = match closest(value_text, &options) {
                Some(near) => format!("возможно, имелось в виду «{near}»"),
                None => format!("допустимые значения: {}", options.join(", ")),
            };
            vec![at("enum", format!("недопустимое значение «{value_text}»")).with_hint(hint)]
        }
        ValidationErrorKind::Format { format } if format == "date" => {
            vec![date_error(file, here, value_text)]
        }
        ValidationErrorKind::Pattern { pattern } if pattern == DATE_PATTERN => {
            vec![date_error(file, here, value_text)]
        }
        ValidationErrorKind::Pattern { .. } => vec![
            at("pattern", format!("недопустимые символы в «{value_text}»"))
                .with_hint("используйте буквы, цифры, точку, дефис и подчёркивание, без пробелов"),
        ],
        ValidationErrorKind::MinLength { .. } => {
            vec![
                at("empty-text", "значение не может быть пустым".into())
                    .with_hint("впишите текст или удалите строку"),
            ]
        }
        ValidationErrorKind::MinItems { .. } => {
            vec![
                at("empty-list", "список не может быть пустым".into())
                    .with_hint("добавьте хотя бы один элемент: «- …»"),
            ]
        }
        ValidationErrorKind::Minimum { limit }
        | ValidationErrorKind::ExclusiveMinimum { limit } => {
            vec![at(
                "range",
                format!("значение {value_text} меньше допустимого ({limit})"),
            )]
        }
        ValidationErrorKind::Maximum { limit }
        | ValidationErrorKind::ExclusiveMaximum { limit } => {
            vec![at(
                "range",
                format!("значение {value_text} больше допустимого ({limit})"),
            )]
        }
        _ => vec![at(
            "schema",
            format!("значение не соответствует схеме: {error}"),
        )],
    }
}

fn date_error(file: &Path, span: Span, text: &str) -> Diagnostic {
    let (message, hint) = match Date::parse(text) {
        Err(DateError::Shape { iso: Some(iso) }) => match Date::parse(&iso) {
            Ok(_) => (
                format!("дата «{text}» записана не в формате ГГГГ-ММ-ДД"),
                format!("запишите её так: {iso}"),
            ),
            Err(_) => (
                format!(
                    "дата «{text}» записана не в формате ГГГГ-ММ-ДД, и такого дня нет в календаре"
                ),
                "проверьте число и месяц и запишите дату как ГГГГ-ММ-ДД".to_owned(),
            ),
        },
        Err(DateError::NoSuchDay) => (
            format!(
                "такой даты нет в календаре: «{text}» — {}",
                no_such_day(text)
            ),
            "проверьте число и месяц".to_owned(),
        ),
        _ => (
            format!("«{text}» — не дата"),
            "запишите дату в формате ГГГГ-ММ-ДД, например 2024-04-25".to_owned(),
        ),
    };
    Diagnostic::error(file, Some(span), "date", message).with_hint(hint)
}

fn type_name(kind: &TypeKind) -> &'static str {
    let single = match kind {
        TypeKind::Single(t) => *t,
        TypeKind::Multiple(set) => set.iter().next().unwrap_or(JsonType::String),
    };
    match single {
        JsonType::Object => "словарь (ключ: значение)",
        JsonType::Array => "список",
        JsonType::String => "текст",
        JsonType::Integer => "целое число",
        JsonType::Number => "число",
        JsonType::Boolean => "логическое значение",
        JsonType::Null => "пустое значение",
    }
}

fn type_hint(kind: &TypeKind) -> &'static str {
    match kind {
        TypeKind::Single(JsonType::Array) => {
            "запишите элементы списка с новой строки после «- » или в скобках: [a, b]"
        }
        TypeKind::Single(JsonType::Object) => {
            "запишите вложенные поля с новой строки с отступом: «ключ: значение»"
        }
        TypeKind::Single(JsonType::Integer | JsonType::Number) => {
            "запишите число цифрами, без пробелов и единиц измерения"
        }
        _ => "проверьте отступ и значение",
    }
}

/// The property names the schema allows in the mapping at `path` (an instance path),
/// following `$ref`s, `properties` and `items`; empty when the place is not a mapping.
fn allowed_keys(kind: FileKind, path: &[String]) -> Vec<String> {
    let root = kind.schema();
    let resolve = |mut schema: &'static Value| {
        while let Some(target) = schema.get("$ref").and_then(Value::as_str) {
            match target.strip_prefix('#').and_then(|p| root.pointer(p)) {
                Some(next) => schema = next,
                None => break,
            }
        }
        schema
    };
    let mut here = resolve(root);
    for segment in path {
        let next = match here.get("properties").and_then(|p| p.get(segment)) {
            Some(property) => Some(property),
            None if segment.parse::<usize>().is_ok() => here.get("items"),
            None => None,
        };
        match next {
            Some(next) => here = resolve(next),
            None => return Vec::new(),
        }
    }
    here.get("properties")
        .and_then(Value::as_object)
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default()
}

/// Keys written with a blank value are dropped before validation (blank = not filled), so the
/// validator never sees them; a misspelt key must still be reported, so check those here.
fn blank_unknown_keys(
    kind: FileKind,
    file: &Path,
    node: &Node,
    path: &mut Vec<String>,
    out: &mut Vec<Diagnostic>,
) {
    match &node.kind {
        NodeKind::Map(entries) => {
            let mut allowed: Option<Vec<String>> = None;
            for (key, value) in entries {
                let name = key.as_text().unwrap_or_default();
                if value.is_null() {
                    let allowed = allowed.get_or_insert_with(|| allowed_keys(kind, path));
                    if !allowed.is_empty() && !allowed.iter().any(|a| a == name) {
                        out.push(unknown_key(file, key.span, name, allowed));
                    }
                } else {
                    path.push(name.to_owned());
                    blank_unknown_keys(kind, file, value, path, out);
                    path.pop();
                }
            }
        }
        NodeKind::Seq(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(i.to_string());
                blank_unknown_keys(kind, file, item, path, out);
                path.pop();
            }
        }
        NodeKind::Scalar { .. } => {}
    }
}

fn unknown_key(file: &Path, span: Span, key: &str, allowed: &[String]) -> Diagnostic {
    let hint = match closest(key, allowed) {
        Some(near) => format!("возможно, имелось в виду «{near}»"),
        // Keys have no spaces: this is text cut off at a comma inside `{…}` or `[…]`.
        None if key.contains(' ') => {
            "похоже, это продолжение текста после запятой: возьмите весь текст в кавычки".to_owned()
        }
        None if allowed.is_empty() => "удалите этот ключ".to_owned(),
        None => format!("здесь допустимы ключи: {}", allowed.join(", ")),
    };
    Diagnostic::error(
        file,
        Some(span),
        "unknown-key",
        format!("неизвестный ключ «{key}»"),
    )
    .with_hint(hint)
}

/// The candidate nearest to `typed`, if it is near enough to be a typo.
pub fn closest<'a>(typed: &str, candidates: &'a [String]) -> Option<&'a str> {
    let typed_lower = typed.to_lowercase();
    candidates
        .iter()
        .map(|c| {
            (
                c,
                strsim::damerau_levenshtein(&typed_lower, &c.to_lowercase()),
            )
        })
        .filter(|(c, d)| *d <= (c.chars().count() / 3).max(1))
        .min_by_key(|(_, d)| *d)
        .map(|(c, _)| c.as_str())
}
