//! JSON Schemas of the five file kinds, generated from the Rust types: one for kurator's own
//! check, one for the editor.
//!
//! **The validation schema** ([`FileKind::schema`]) is generated in-process from the types and
//! is what `load` checks every file against (`load::schema_check`), after the two loading rules
//! of `load::yaml`: a key with a blank value means «not filled» and is dropped, and where the
//! schema wants text an unquoted number or `true` is kept as the text typed. It holds no data of
//! any repository: the lists a centre keeps in kurator.yaml and meetings/ are checked by
//! `rules::integrity` (`unknown-curator`, `unknown-type`, `unknown-level`, `unknown-meeting`),
//! with hints of the nearest name.
//!
//! **The editor schema** ([`FileKind::editor_schema`]) is what `kurator schema` writes to
//! `schema/*.schema.json` for yaml-language-server (VS Code's YAML extension), which sees the
//! raw YAML and knows neither loading rule. It is the validation schema rewritten
//! (`editor.rs`) so that the editor's verdict on a file is kurator's:
//! - every property also accepts null (through `if`/`else`, which completion does not read,
//!   so that the editor offers no «null» as a value), so a blank value is «not filled» there
//!   too, and text fields also accept numbers and booleans, which kurator keeps as typed text
//!   (`номер: 17`, a phone); a list item stays non-null, as kurator refuses `- ` with nothing
//!   after it;
//! - the repository's own lists become `enum`s with Russian help of their own: curators
//!   (`куратор`, `смена_куратора[].прежний`), family types, levels and the dates of the
//!   meetings (consilium decisions only to consilium meetings) — so a curator missing from
//!   kurator.yaml is an error in both, and `kurator schema --check` fails until the committed
//!   schema is regenerated after kurator.yaml or meetings/ change; names of the working group
//!   are `examples` in meeting files (completion only, as kurator does not check them);
//! - every message yaml-language-server can show is Russian: it honours `errorMessage` for type,
//!   enum, const, required and unknown-property faults of a schema and `patternErrorMessage`
//!   for pattern and format faults, but not for `minLength`, `minItems`, `minimum` or
//!   `maximum`; those become `if`/`then` pairs whose `then` fails with a Russian
//!   `errorMessage`, and `additionalProperties: false` becomes `propertyNames` with an `enum`,
//!   so that an unknown key has its own message instead of the object's;
//! - help for the editor: `markdownDescription`, `markdownEnumDescriptions` for every enum
//!   value, and `defaultSnippets` in Russian for a visit, a programme measure, an inspection,
//!   a consilium decision, a family member, a curator change and a correction.
//!
//! The one deliberate difference: a *required* field left blank (as in a fresh `kurator new`
//! skeleton) is silent in the editor and an error in `kurator validate`, which stays the
//! authority on whether a file is complete. Everything the editor flags, kurator rejects, as
//! long as the committed schema is current (`schema --check`). Two slips the editor cannot see,
//! both caught by validate: a number typed with a sign where the pattern forbids one
//! (`номер: +17` is the number 17 to the editor), and anything beyond the schema (deadlines,
//! order of dates, agreement between files).
//! `tests/editor.rs` runs the real yaml-language-server over the skeleton, the demo and the
//! invalid fixtures; `tests/independent/check_schema.py` checks the committed schemas with
//! python-jsonschema against kurator's verdicts.
//!
//! Dates: the pattern [`DATE_PATTERN`] spells out the days of each month and 29 February of
//! leap years, since yaml-language-server's `format: date` accepts 2024-02-30; the editor
//! schema drops `format` so that a bad date gets one message, not two.

mod editor;

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema};
use serde_json::Value;

use crate::calendar::YearData;
use crate::load::{self, LoadError, Repository};
use crate::model::{Case, Config, Meeting, MeetingKind, ReportNotes};

pub use crate::model::DATE_PATTERN;
pub use editor::{ListChange, list_changes};

/// The lists of a case repository that rarely change and that the editor completes: what
/// `kurator schema` writes into the committed case and meeting schemas.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lists {
    /// Curators (`кураторы` of kurator.yaml): name and position.
    pub curators: Vec<(String, String)>,
    /// `типы_семей` of kurator.yaml (or kurator's default list).
    pub family_types: Vec<String>,
    /// `уровни_сопровождения` of kurator.yaml (or kurator's default list).
    pub levels: Vec<String>,
    /// Meetings that loaded: date (`ГГГГ-ММ-ДД`), kind and protocol number, by date.
    pub meetings: Vec<(String, MeetingKind, String)>,
    /// The working group of kurator.yaml: name and position (examples in meeting files).
    pub working_group: Vec<(String, String)>,
    /// Whether kurator.yaml loaded; without it the lists are empty and not enforced.
    pub config_loaded: bool,
}

impl Lists {
    /// The lists of a loaded repository; empty when its kurator.yaml did not load.
    pub fn of(repository: &Repository) -> Lists {
        let mut lists = Lists::default();
        if let Some(config) = &repository.config {
            let config = &config.data;
            lists.config_loaded = true;
            lists.curators = config
                .curators
                .iter()
                .map(|p| (p.name.clone(), p.position.clone()))
                .collect();
            lists.working_group = config
                .working_group
                .iter()
                .map(|p| (p.name.clone(), p.position.clone()))
                .collect();
            lists.family_types = config.family_types.clone();
            lists.levels = config.levels.clone();
        }
        let mut meetings: Vec<(String, MeetingKind, String)> = repository
            .meetings
            .iter()
            .map(|m| (m.data.date.to_string(), m.data.kind, m.data.number.clone()))
            .collect();
        meetings.sort_by(|a, b| a.0.cmp(&b.0));
        meetings.dedup_by(|a, b| a.0 == b.0);
        lists.meetings = meetings;
        lists
    }

    /// The lists of the repository at `root`: kurator.yaml and meetings/, cases are not read.
    pub fn read(root: &Path) -> Result<Lists, LoadError> {
        let (repository, _faults) = load::load_shared(root)?;
        Ok(Lists::of(&repository))
    }

    /// The lists of a repository about to be written (`kurator init`, `kurator demo`): files as
    /// (path relative to the root, text).
    pub fn of_files<P: AsRef<Path>>(files: &[(P, String)]) -> Lists {
        let files: Vec<(PathBuf, Vec<u8>)> = files
            .iter()
            .map(|(path, text)| (path.as_ref().to_owned(), text.as_bytes().to_vec()))
            .collect();
        match load::load_in_memory(&files) {
            Ok((repository, _faults)) => Lists::of(&repository),
            Err(_) => Lists::default(),
        }
    }
}

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
    /// `reports/<квартал>.yaml`.
    ReportNotes,
}

impl FileKind {
    /// Every kind, in the order the schemas are written.
    pub const ALL: [FileKind; 5] = [
        FileKind::Case,
        FileKind::Meeting,
        FileKind::Config,
        FileKind::Calendar,
        FileKind::ReportNotes,
    ];

    /// File name of the committed schema under `schema/`.
    pub fn schema_file(self) -> &'static str {
        match self {
            FileKind::Case => "case.schema.json",
            FileKind::Meeting => "meeting.schema.json",
            FileKind::Config => "kurator.schema.json",
            FileKind::Calendar => "calendar.schema.json",
            FileKind::ReportNotes => "report.schema.json",
        }
    }

    /// The schema as JSON.
    pub fn schema(self) -> &'static Value {
        static CASE: LazyLock<Value> = LazyLock::new(generate::<Case>);
        static MEETING: LazyLock<Value> = LazyLock::new(generate::<Meeting>);
        static CONFIG: LazyLock<Value> = LazyLock::new(generate::<Config>);
        static CALENDAR: LazyLock<Value> = LazyLock::new(generate::<YearData>);
        static REPORT_NOTES: LazyLock<Value> = LazyLock::new(generate::<ReportNotes>);
        match self {
            FileKind::Case => &CASE,
            FileKind::Meeting => &MEETING,
            FileKind::Config => &CONFIG,
            FileKind::Calendar => &CALENDAR,
            FileKind::ReportNotes => &REPORT_NOTES,
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
        static REPORT_NOTES: LazyLock<jsonschema::Validator> =
            LazyLock::new(|| build(FileKind::ReportNotes));
        match self {
            FileKind::Case => &CASE,
            FileKind::Meeting => &MEETING,
            FileKind::Config => &CONFIG,
            FileKind::Calendar => &CALENDAR,
            FileKind::ReportNotes => &REPORT_NOTES,
        }
    }

    /// The editor's schema for a repository with these lists (see the module doc).
    pub fn editor_schema(self, lists: &Lists) -> Value {
        editor::editor_schema(self, lists)
    }

    /// The text of `schema/<kind>.schema.json` as `kurator schema` writes it: the editor's schema.
    pub fn schema_text(self, lists: &Lists) -> String {
        let mut text =
            serde_json::to_string_pretty(&self.editor_schema(lists)).expect("a schema serialises");
        text.push('\n');
        text
    }
}

/// Every schema `kurator schema` (and `init`, `demo --generate`) writes into `schema/`: file
/// name, text, and the kind of repository file it is for (none for `figures.json`, an output).
pub fn schema_files(lists: &Lists) -> Vec<(&'static str, String, Option<FileKind>)> {
    FileKind::ALL
        .into_iter()
        .map(|kind| (kind.schema_file(), kind.schema_text(lists), Some(kind)))
        .chain([(FIGURES_SCHEMA_FILE, figures_schema_text(), None)])
        .collect()
}

/// The file name of the figures schema under `schema/`.
pub const FIGURES_SCHEMA_FILE: &str = "figures.schema.json";

/// The schema of `figures.json` (an output, not a file of the repository: no editor rewrite).
pub fn figures_schema() -> &'static Value {
    static FIGURES: LazyLock<Value> = LazyLock::new(generate::<crate::indicators::Figures>);
    &FIGURES
}

/// The text of `schema/figures.schema.json` as `kurator schema` writes it.
pub fn figures_schema_text() -> String {
    let mut text = serde_json::to_string_pretty(figures_schema()).expect("a schema serialises");
    text.push('\n');
    text
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
/// в виду …» instead of «none of the alternatives matched». The variants' own descriptions
/// stay, as `markdownEnumDescriptions` (annotations: the editor shows them beside each value).
fn consts_to_enum(value: &mut Value) {
    match value {
        Value::Object(map) => {
            let consts: Option<Vec<(Value, String)>> = map
                .get("oneOf")
                .and_then(Value::as_array)
                .and_then(|branches| {
                    branches
                        .iter()
                        .map(|b| {
                            let text = b.get("description").and_then(Value::as_str);
                            b.get("const")
                                .cloned()
                                .map(|c| (c, text.unwrap_or_default().to_owned()))
                        })
                        .collect()
                });
            if let Some(consts) = consts {
                map.remove("oneOf");
                map.insert("type".into(), Value::from("string"));
                let (values, texts): (Vec<Value>, Vec<String>) = consts.into_iter().unzip();
                map.insert("enum".into(), Value::Array(values));
                if texts.iter().any(|t| !t.is_empty()) {
                    map.insert(
                        "markdownEnumDescriptions".into(),
                        texts.into_iter().map(Value::from).collect(),
                    );
                }
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
            let text = serde_json::to_string(kind.schema()).unwrap();
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
        let schemas = FileKind::ALL
            .iter()
            .map(|kind| (kind.schema_file(), kind.schema()))
            .chain([(FIGURES_SCHEMA_FILE, figures_schema())]);
        for (file, schema) in schemas {
            let mut missing = Vec::new();
            walk(schema, "", &mut missing);
            assert!(missing.is_empty(), "{file}: {missing:?}");
        }
    }
}
