//! JSON Schemas of the three file kinds, generated from the Rust types.
//!
//! The committed `schema/*.schema.json` files are for editors; validation uses the schema
//! generated in-process from the same types, so the two cannot drift apart unnoticed
//! (`kurator schema --check` compares them).

use std::sync::LazyLock;

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema};
use serde_json::Value;

use crate::calendar::YearData;
use crate::model::{Case, Config, Meeting};

/// The kinds of file in a case repository, each with its own schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileKind {
    /// `cases/<номер>.yaml`.
    Case,
    /// `meetings/<дата>.yaml`.
    Meeting,
    /// `kurator.yaml`.
    Config,
    /// `calendar/<год>.yaml`.
    Calendar,
}

impl FileKind {
    /// Every kind, in the order the schemas are written.
    pub const ALL: [FileKind; 4] = [
        FileKind::Case,
        FileKind::Meeting,
        FileKind::Config,
        FileKind::Calendar,
    ];

    /// File name of the committed schema under `schema/`.
    pub fn schema_file(self) -> &'static str {
        match self {
            FileKind::Case => "case.schema.json",
            FileKind::Meeting => "meeting.schema.json",
            FileKind::Config => "kurator.schema.json",
            FileKind::Calendar => "calendar.schema.json",
        }
    }

    /// The schema as JSON.
    pub fn schema(self) -> &'static Value {
        static CASE: LazyLock<Value> = LazyLock::new(generate::<Case>);
        static MEETING: LazyLock<Value> = LazyLock::new(generate::<Meeting>);
        static CONFIG: LazyLock<Value> = LazyLock::new(generate::<Config>);
        static CALENDAR: LazyLock<Value> = LazyLock::new(generate::<YearData>);
        match self {
            FileKind::Case => &CASE,
            FileKind::Meeting => &MEETING,
            FileKind::Config => &CONFIG,
            FileKind::Calendar => &CALENDAR,
        }
    }

    /// A compiled validator for the schema, built once per process.
    pub fn validator(self) -> &'static jsonschema::Validator {
        fn build(kind: FileKind) -> jsonschema::Validator {
            jsonschema::options()
                .with_draft(jsonschema::Draft::Draft202012)
                .should_validate_formats(true)
                .build(kind.schema())
                .expect("the generated schema compiles")
        }
        static CASE: LazyLock<jsonschema::Validator> = LazyLock::new(|| build(FileKind::Case));
        static MEETING: LazyLock<jsonschema::Validator> =
            LazyLock::new(|| build(FileKind::Meeting));
        static CONFIG: LazyLock<jsonschema::Validator> = LazyLock::new(|| build(FileKind::Config));
        static CALENDAR: LazyLock<jsonschema::Validator> =
            LazyLock::new(|| build(FileKind::Calendar));
        match self {
            FileKind::Case => &CASE,
            FileKind::Meeting => &MEETING,
            FileKind::Config => &CONFIG,
            FileKind::Calendar => &CALENDAR,
        }
    }

    /// The schema file's text as `kurator schema` writes it.
    pub fn schema_text(self) -> String {
        let mut text = serde_json::to_string_pretty(self.schema()).expect("a schema serialises");
        text.push('\n');
        text
    }
}

fn generate<T: JsonSchema>() -> Value {
    let schema: Schema = SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<T>();
    let mut value = schema.to_value();
    strip_null(&mut value);
    consts_to_enum(&mut value);
    if let Value::Object(map) = &mut value {
        // `$schema` and the title first, so the file reads well when opened by hand.
        let mut ordered = serde_json::Map::new();
        for key in ["$schema", "title", "description"] {
            if let Some(v) = map.remove(key) {
                ordered.insert(key.to_owned(), v);
            }
        }
        ordered.append(map);
        *map = ordered;
    }
    value
}

/// Removes `null` from every schema: a blank value in YAML means «not filled» and is dropped
/// before validation (see `yaml::Node::to_json`), so no field ever holds null, and the schema
/// stays free of `anyOf [X, null]` wrappers that would hide the real fault inside X.
fn strip_null(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if let Some(Value::Array(types)) = map.get_mut("type") {
                types.retain(|t| t != "null");
                if types.len() == 1 {
                    let only = types.remove(0);
                    map.insert("type".into(), only);
                }
            }
            if let Some(Value::Array(options)) = map.get_mut("enum") {
                options.retain(|o| !o.is_null());
            }
            if let Some(Value::Array(branches)) = map.get("anyOf") {
                let rest: Vec<Value> = branches
                    .iter()
                    .filter(|b| b.get("type") != Some(&Value::from("null")))
                    .cloned()
                    .collect();
                if let [only] = rest.as_slice() {
                    map.remove("anyOf");
                    if let Value::Object(inner) = only.clone() {
                        for (k, v) in inner {
                            map.entry(k).or_insert(v);
                        }
                    }
                }
            }
            map.values_mut().for_each(strip_null);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_null),
        _ => {}
    }
}

/// Documented enum variants come out of schemars as `oneOf` of `const`s; a plain `enum`
/// validates the same and lets a typo be reported as «недопустимое значение … возможно, имелось
/// в виду …» instead of «none of the alternatives matched».
fn consts_to_enum(value: &mut Value) {
    match value {
        Value::Object(map) => {
            let consts: Option<Vec<Value>> = map
                .get("oneOf")
                .and_then(Value::as_array)
                .and_then(|branches| branches.iter().map(|b| b.get("const").cloned()).collect());
            if let Some(consts) = consts {
                map.remove("oneOf");
                map.insert("type".into(), Value::from("string"));
                map.insert("enum".into(), Value::Array(consts));
            }
            map.values_mut().for_each(consts_to_enum);
        }
        Value::Array(items) => items.iter_mut().for_each(consts_to_enum),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemas_have_no_null_and_russian_titles() {
        for kind in FileKind::ALL {
            let text = kind.schema_text();
            assert!(!text.contains("\"null\""), "{}", kind.schema_file());
            assert!(text.contains("https://json-schema.org/draft/2020-12/schema"));
        }
        let case = FileKind::Case.schema();
        assert_eq!(case["properties"]["номер"]["title"], "Номер случая");
        assert_eq!(case["properties"]["закрытие"]["$ref"], "#/$defs/Closure");
    }

    /// Every property of every schema carries a Russian title and description (editor hover help).
    #[test]
    fn every_property_is_documented_in_russian() {
        fn walk(value: &Value, path: &str, missing: &mut Vec<String>) {
            if let Some(props) = value.get("properties").and_then(Value::as_object) {
                for (name, prop) in props {
                    for key in ["title", "description"] {
                        let text = prop.get(key).and_then(Value::as_str).unwrap_or("");
                        if !text
                            .chars()
                            .any(|c| ('а'..='я').contains(&c.to_lowercase().next().unwrap_or(c)))
                        {
                            missing.push(format!("{path}/{name}: {key}"));
                        }
                    }
                }
            }
            if let Some(map) = value.as_object() {
                for (k, v) in map {
                    walk(v, &format!("{path}/{k}"), missing);
                }
            }
        }
        for kind in FileKind::ALL {
            let mut missing = Vec::new();
            walk(kind.schema(), "", &mut missing);
            assert!(missing.is_empty(), "{}: {missing:?}", kind.schema_file());
        }
    }
}
