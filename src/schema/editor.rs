//! The editor's schema: the validation schema rewritten for yaml-language-server, with the
//! repository's lists, Russian messages and snippets (the module doc of `schema` says why).
//!
//! yaml-language-server 2.0 (`parser/schemaValidation/baseValidator.js`) takes `errorMessage`
//! for `type`, `enum`, `const`, `required` and `additionalProperties` faults and
//! `patternErrorMessage` (then `errorMessage`) for `pattern` and `format`; every other keyword
//! has a fixed English message, and it has no Russian translation. So only those keywords may
//! fail in the editor: the rest are rewritten here into ones that carry a Russian message.

use std::collections::BTreeSet;

use serde_json::{Map, Value, json};

use super::{DATE_PATTERN, FileKind, Lists};
use crate::model::MeetingKind;

/// The editor's schema of `kind` for a repository with `lists`.
pub(super) fn editor_schema(kind: FileKind, lists: &Lists) -> Value {
    let mut schema = kind.schema().clone();
    match kind {
        FileKind::Case => case_lists(&mut schema, lists),
        FileKind::Meeting => meeting_examples(&mut schema, lists),
        FileKind::Config | FileKind::Calendar | FileKind::ReportNotes => {}
    }
    snippets(&mut schema);
    let item_defs = defs_used_as_items(&schema);
    let mut defs = match schema.as_object_mut().and_then(|m| m.remove("$defs")) {
        Some(Value::Object(defs)) => defs,
        _ => Map::new(),
    };
    // A definition used as a list item is refused blank there; where the same definition is
    // also the value of a property, that property gets a copy that may be blank (`anyOf` with
    // null would do, but yaml-language-server then merges the branches' faults into one
    // English message).
    let mut blank_copies = Map::new();
    for name in &item_defs {
        if let Some(def) = defs.get(name) {
            blank_copies.insert(format!("{name}{BLANK_SUFFIX}"), def.clone());
        }
    }
    rewrite(&mut schema, Place::Root, &item_defs);
    for (name, def) in defs.iter_mut() {
        let place = if item_defs.contains(name) {
            Place::Item
        } else {
            Place::Property
        };
        rewrite(def, place, &item_defs);
    }
    let used = serde_json::to_string(&(&schema, &defs)).unwrap_or_default();
    for (name, mut def) in blank_copies {
        if used.contains(&format!("\"#/$defs/{name}\"")) {
            rewrite(&mut def, Place::Property, &item_defs);
            defs.insert(name, def);
        }
    }
    if !defs.is_empty()
        && let Some(map) = schema.as_object_mut()
    {
        map.insert("$defs".into(), Value::Object(defs));
    }
    schema
}

/// Suffix of the copy of a list item's definition used where a property may be left blank.
const BLANK_SUFFIX: &str = "_или_пусто";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// The whole file.
    Root,
    /// The value of a property: blank («not filled») is allowed.
    Property,
    /// A list item: blank is an error, as in kurator.
    Item,
}

/// Names of the `$defs` that some `items` refers to.
fn defs_used_as_items(schema: &Value) -> BTreeSet<String> {
    fn walk(value: &Value, out: &mut BTreeSet<String>) {
        match value {
            Value::Object(map) => {
                if let Some(target) = map
                    .get("items")
                    .and_then(|i| i.get("$ref"))
                    .and_then(Value::as_str)
                {
                    out.insert(target.trim_start_matches("#/$defs/").to_owned());
                }
                map.values().for_each(|v| walk(v, out));
            }
            Value::Array(items) => items.iter().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let mut out = BTreeSet::new();
    walk(schema, &mut out);
    out
}

const TEXT: &str = "Здесь текст: значение пишется после двоеточия в той же строке (длинное — после «|» \
                    с новой строки с отступом), а не списком и не вложенными полями";
const INTEGER: &str =
    "Здесь целое число: цифрами, без пробелов, букв и единиц измерения, например 3";
const LIST: &str =
    "Здесь список: каждый элемент с новой строки после «- » или в скобках: [первый, второй]";
const DATE: &str = "Здесь дата в виде ГГГГ-ММ-ДД, например 2024-04-25";
const NO_SUCH_DATE: &str = "Такой даты нет в календаре, или она записана не как ГГГГ-ММ-ДД: \
                            пишите 2024-04-25, а не 25.04.2024 (и не 2024-02-30)";
const NUMBER_PATTERN: &str =
    "Только буквы, цифры, точка, дефис и подчёркивание, без пробелов: например 2024-017";
const BLANK_TEXT: &str = "Значение не может быть пустым: впишите текст или удалите строку";
const EMPTY_LIST: &str =
    "Список не может быть пустым: добавьте хотя бы один элемент с новой строки после «- »";

/// Rewrites one schema and, first, the schemas inside it.
fn rewrite(schema: &mut Value, place: Place, item_defs: &BTreeSet<String>) {
    let Value::Object(map) = schema else { return };
    if let Some(Value::Object(props)) = map.get_mut("properties") {
        for prop in props.values_mut() {
            rewrite(prop, Place::Property, item_defs);
        }
    }
    if let Some(items) = map.get_mut("items") {
        rewrite(items, Place::Item, item_defs);
    }
    if let Some(target) = map.get("$ref").and_then(Value::as_str) {
        let name = target.trim_start_matches("#/$defs/");
        if place == Place::Property && item_defs.contains(name) {
            let target = format!("#/$defs/{name}{BLANK_SUFFIX}");
            map.insert("$ref".into(), target.into());
        }
        describe_in_markdown(map);
        return;
    }
    let types = type_list(map);
    let has = |t: &str| types.iter().any(|x| x == t);
    let mut conditions = Vec::new();
    if has("string") {
        let is_date = map.get("pattern").and_then(Value::as_str) == Some(DATE_PATTERN);
        let enumerated = map.contains_key("enum");
        if is_date {
            // The pattern says everything `format: date` would, and one fault gets one message.
            map.remove("format");
            map.insert("patternErrorMessage".into(), NO_SUCH_DATE.into());
            map.entry("errorMessage").or_insert(DATE.into());
            append_markdown(map, "Формат: `ГГГГ-ММ-ДД`, например `2024-04-25`.");
        } else if enumerated {
            let message = enum_message(map);
            map.entry("errorMessage").or_insert(message.into());
        } else {
            // kurator keeps an unquoted number or `true` in a text field as the text typed.
            let pattern = map
                .get("pattern")
                .and_then(Value::as_str)
                .map(str::to_owned);
            if pattern.as_deref().is_none_or(accepts_numbers) {
                set_types(map, &["string", "number", "boolean"]);
            }
            if pattern.is_some() {
                map.insert("patternErrorMessage".into(), NUMBER_PATTERN.into());
            }
            map.entry("errorMessage").or_insert(TEXT.into());
        }
        if let Some(min) = map.remove("minLength").and_then(|v| v.as_u64())
            && min > 0
        {
            conditions.push((
                json!({"type": "string", "maxLength": min - 1}),
                BLANK_TEXT.to_owned(),
            ));
        }
    }
    if has("integer") || has("number") {
        map.remove("format");
        map.entry("errorMessage").or_insert(INTEGER.into());
        if let Some(min) = map.remove("minimum") {
            conditions.push((
                json!({"type": "number", "exclusiveMaximum": min}),
                format!("Число не может быть меньше {min}"),
            ));
        }
        if let Some(max) = map.remove("maximum") {
            conditions.push((
                json!({"type": "number", "exclusiveMinimum": max}),
                format!("Число не может быть больше {max}"),
            ));
        }
    }
    if has("array") {
        map.entry("errorMessage").or_insert(LIST.into());
        if let Some(min) = map.remove("minItems").and_then(|v| v.as_u64())
            && min > 0
        {
            conditions.push((
                json!({"type": "array", "maxItems": min - 1}),
                EMPTY_LIST.to_owned(),
            ));
        }
    }
    if has("object") {
        let keys: Vec<String> = map
            .get("properties")
            .and_then(Value::as_object)
            .map(|p| p.keys().cloned().collect())
            .unwrap_or_default();
        let required: Vec<String> = map
            .get("required")
            .and_then(Value::as_array)
            .map(|r| {
                r.iter()
                    .filter_map(|k| k.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        if map.get("additionalProperties") == Some(&Value::Bool(false)) {
            map.remove("additionalProperties");
            map.insert(
                "propertyNames".into(),
                json!({
                    "enum": keys,
                    "errorMessage": format!("Неизвестный ключ. Здесь допустимы: {}", keys.join(", ")),
                }),
            );
        }
        let mut message = if place == Place::Root {
            "Файл состоит из строк «ключ: значение»".to_owned()
        } else {
            "Здесь нужны вложенные поля «ключ: значение» с новой строки, с отступом".to_owned()
        };
        if !required.is_empty() {
            message.push_str(&format!(
                "; обязательные среди них (проверьте, что все есть): {}",
                required.join(", ")
            ));
        }
        map.entry("errorMessage").or_insert(message.into());
    }
    if !conditions.is_empty() {
        let all = map
            .entry("allOf")
            .or_insert_with(|| Value::Array(Vec::new()));
        if let Value::Array(all) = all {
            for (condition, message) in conditions {
                // `then` fails for whatever matched `if` (it is never null), with this message.
                all.push(json!({
                    "if": condition,
                    "then": {"type": "null", "errorMessage": message},
                }));
            }
        }
    }
    if place == Place::Property && !types.is_empty() {
        // Blank is allowed, without `null` (or `boolean`, for text) in a `type` that
        // yaml-language-server reads for completion: it would offer «null», «true» and «false»
        // as values. So the allowed types go into an `if`, which completion does not read,
        // and the `else` fails with the field's message.
        let message = map.get("errorMessage").cloned().unwrap_or_default();
        let mut allowed = type_list(map);
        allowed.push("null".into());
        map.remove("type");
        if let Some(options) = map.remove("enum") {
            // The options stay where completion finds them; no `type` in either branch, or
            // yaml-language-server merges the two branches' type faults into one English message.
            let mut values = json!({"enum": options, "errorMessage": message});
            if let Some(texts) = map.remove("markdownEnumDescriptions") {
                values["markdownEnumDescriptions"] = texts;
            }
            let blank = json!({
                "if": {"type": "null"},
                "else": {"type": "null", "errorMessage": message},
            });
            map.insert("anyOf".into(), json!([values, blank]));
        } else {
            map.insert("if".into(), json!({"type": allowed}));
            map.insert(
                "else".into(),
                json!({"type": "null", "errorMessage": message}),
            );
        }
    }
    describe_in_markdown(map);
}

/// The `type` keyword as a list.
fn type_list(map: &Map<String, Value>) -> Vec<String> {
    match map.get("type") {
        Some(Value::String(t)) => vec![t.clone()],
        Some(Value::Array(ts)) => ts
            .iter()
            .filter_map(|t| t.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    }
}

fn set_types(map: &mut Map<String, Value>, types: &[&str]) {
    let mut unique: Vec<&str> = Vec::new();
    for t in types {
        if !unique.contains(t) {
            unique.push(t);
        }
    }
    let value = match unique.as_slice() {
        [one] => Value::from(*one),
        many => many.iter().map(|t| Value::from(*t)).collect(),
    };
    map.insert("type".into(), value);
}

/// Whether a text pattern accepts whatever an unquoted number or boolean looks like as typed,
/// so that the editor may accept numbers where kurator takes them as text.
fn accepts_numbers(pattern: &str) -> bool {
    let Ok(validator) = jsonschema::validator_for(&json!({"pattern": pattern})) else {
        return false;
    };
    ["17", "0017", "2024", "1.5", "-3", "1e3", "true", "false"]
        .iter()
        .all(|text| validator.is_valid(&Value::from(*text)))
}

/// «Допустимые значения: …» for an enum.
fn enum_message(map: &Map<String, Value>) -> String {
    let values: Vec<&str> = map
        .get("enum")
        .and_then(Value::as_array)
        .map(|v| v.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    format!("Допустимые значения: {}", values.join(", "))
}

/// The hover text as Markdown (yaml-language-server prefers `markdownDescription`).
fn describe_in_markdown(map: &mut Map<String, Value>) {
    if !map.contains_key("markdownDescription")
        && let Some(text) = map.get("description").and_then(Value::as_str)
    {
        let text = text.to_owned();
        map.insert("markdownDescription".into(), text.into());
    }
}

fn append_markdown(map: &mut Map<String, Value>, more: &str) {
    describe_in_markdown(map);
    if let Some(Value::String(text)) = map.get_mut("markdownDescription") {
        text.push_str("\n\n");
        text.push_str(more);
    } else {
        map.insert("markdownDescription".into(), more.into());
    }
}

/// The JSON pointer of the schema that describes the value at `path` (property names, `*` for
/// a list item), following `$ref`s into `$defs`.
fn pointer_at(schema: &Value, path: &[&str]) -> Option<String> {
    let follow = |mut pointer: String| -> Option<String> {
        while let Some(target) = schema
            .pointer(&pointer)?
            .get("$ref")
            .and_then(Value::as_str)
        {
            pointer = target.strip_prefix('#')?.to_owned();
        }
        Some(pointer)
    };
    let mut pointer = follow(String::new())?;
    for segment in path {
        pointer = if *segment == "*" {
            format!("{pointer}/items")
        } else {
            format!(
                "{pointer}/properties/{}",
                segment.replace('~', "~0").replace('/', "~1")
            )
        };
        pointer = follow(pointer)?;
    }
    Some(pointer)
}

/// One list of the repository as an `enum` (with help for each value) at each of `paths`.
fn restrict(schema: &mut Value, paths: &[&[&str]], values: &[(String, String)], message: &str) {
    for path in paths {
        let Some(pointer) = pointer_at(schema, path) else {
            debug_assert!(false, "no schema at {path:?}");
            continue;
        };
        if let Some(Value::Object(slot)) = schema.pointer_mut(&pointer) {
            slot.insert(
                "enum".into(),
                values
                    .iter()
                    .map(|(v, _)| Value::from(v.as_str()))
                    .collect(),
            );
            slot.insert(
                "markdownEnumDescriptions".into(),
                values
                    .iter()
                    .map(|(_, d)| Value::from(d.as_str()))
                    .collect(),
            );
            slot.insert("errorMessage".into(), message.into());
        }
    }
}

/// Where each list of the repository goes in the case schema, by instance path.
pub(super) const CURATOR_PATHS: [&[&str]; 2] = [&["куратор"], &["смена_куратора", "*", "прежний"]];
pub(super) const TYPE_PATHS: [&[&str]; 1] = [&["семья", "типы", "*"]];
pub(super) const LEVEL_PATHS: [&[&str]; 2] = [&["уровень"], &["консилиумы", "*", "уровень"]];
pub(super) const CONSILIUM_PATHS: [&[&str]; 1] = [&["консилиумы", "*", "заседание"]];
pub(super) const MEETING_PATHS: [&[&str]; 1] = [&["программа", "корректировки", "*", "заседание"]];
pub(super) const WORKING_GROUP_PATHS: [&[&str]; 1] = [&["программа", "заседание"]];

fn case_lists(schema: &mut Value, lists: &Lists) {
    if !lists.config_loaded {
        // Without a readable kurator.yaml there is nothing to complete, and validate says why.
        return;
    }
    let from_config = |what: &str| format!("из kurator.yaml ({what})");
    restrict(
        schema,
        &CURATOR_PATHS,
        &lists.curators,
        "Такого куратора нет в списке «кураторы» в kurator.yaml: выберите из подсказки (Ctrl+Пробел). \
         Новый куратор: добавьте его в kurator.yaml и выполните kurator schema",
    );
    let plain = |values: &[String], what: &str| -> Vec<(String, String)> {
        values
            .iter()
            .map(|v| (v.clone(), from_config(what)))
            .collect()
    };
    restrict(
        schema,
        &TYPE_PATHS,
        &plain(&lists.family_types, "типы_семей"),
        &format!(
            "Такого типа семьи нет в списке «типы_семей» в kurator.yaml. Допустимые: {}",
            lists.family_types.join(", ")
        ),
    );
    restrict(
        schema,
        &LEVEL_PATHS,
        &plain(&lists.levels, "уровни_сопровождения"),
        &format!(
            "Такого уровня нет в списке «уровни_сопровождения» в kurator.yaml. Допустимые: {}",
            lists.levels.join(", ")
        ),
    );
    let meeting = |(date, kind, number): &(String, MeetingKind, String)| {
        let what = match kind {
            MeetingKind::Consilium => "консилиум",
            MeetingKind::WorkingGroup => "рабочая группа",
        };
        (
            date.clone(),
            format!("{what}, протокол № {number} (meetings/{date}.yaml)"),
        )
    };
    let consilia: Vec<(String, String)> = lists
        .meetings
        .iter()
        .filter(|m| m.1 == MeetingKind::Consilium)
        .map(meeting)
        .collect();
    let working_groups: Vec<(String, String)> = lists
        .meetings
        .iter()
        .filter(|m| m.1 == MeetingKind::WorkingGroup)
        .map(meeting)
        .collect();
    let all: Vec<(String, String)> = lists.meetings.iter().map(meeting).collect();
    restrict(
        schema,
        &CONSILIUM_PATHS,
        &consilia,
        "Консилиума с такой датой нет в meetings/: выберите дату из подсказки (Ctrl+Пробел). \
         Если файл заседания только что добавлен, выполните kurator schema",
    );
    restrict(
        schema,
        &WORKING_GROUP_PATHS,
        &working_groups,
        "Заседания рабочей группы с такой датой нет в meetings/: выберите дату из подсказки (Ctrl+Пробел). \
         Если файл заседания только что добавлен, выполните kurator schema",
    );
    restrict(
        schema,
        &MEETING_PATHS,
        &all,
        "Заседания с такой датой нет в meetings/: выберите дату из подсказки (Ctrl+Пробел). \
         Если файл заседания только что добавлен, выполните kurator schema",
    );
}

/// Names of the working group and the curators as completions in a meeting file; kurator does
/// not check these names, so neither does the editor.
fn meeting_examples(schema: &mut Value, lists: &Lists) {
    let mut names: Vec<&str> = Vec::new();
    for (name, _) in lists.working_group.iter().chain(&lists.curators) {
        if !names.contains(&name.as_str()) {
            names.push(name);
        }
    }
    if names.is_empty() {
        return;
    }
    for path in [
        &["председатель"][..],
        &["секретарь"],
        &["присутствовали", "*", "фио"],
        &["повестка", "*", "слушали"],
        &["повестка", "*", "ответственный"],
        &["повестка", "*", "выступили", "*", "фио"],
    ] {
        if let Some(pointer) = pointer_at(schema, path)
            && let Some(Value::Object(slot)) = schema.pointer_mut(&pointer)
        {
            slot.insert("examples".into(), json!(names));
        }
    }
    if let Some(pointer) = pointer_at(schema, &["присутствовали", "*"])
        && let Some(Value::Object(slot)) = schema.pointer_mut(&pointer)
    {
        let people: Vec<Value> = lists
            .working_group
            .iter()
            .chain(&lists.curators)
            .map(|(name, position)| {
                json!({
                    "label": name,
                    "description": position,
                    "body": {"фио": name, "должность": position},
                })
            })
            .collect();
        slot.insert("defaultSnippets".into(), Value::Array(people));
    }
}

/// Russian snippets for the items staff add most often, by instance path.
fn snippets(schema: &mut Value) {
    let marks = "${%|да,частично,нет,неприменимо|}";
    let items: [(&[&str], &str, &str, Value); 11] = [
        (
            &["угрозы", "*"],
            "выявленная угроза ребёнку",
            "Дата выявления и что выявлено: срочное сообщение — в тот же или следующий рабочий день",
            json!({
                "дата": "${1:ГГГГ-ММ-ДД}",
                "описание": "${2:что выявлено и при каких обстоятельствах}",
            }),
        ),
        (
            &["сообщения", "*"],
            "сообщение в орган профилактики",
            "Дата, адресат, вид, содержание и исходящий номер письма",
            json!({
                "дата": "${1:ГГГГ-ММ-ДД}",
                "адресат": "${2|КДН и ЗП,органы опеки,прокуратура,полиция|}",
                "вид": "${3|срочное сообщение,передача случая,итоги работы|}",
                "содержание": "${4:что направлено}",
                "исходящий_номер": "${5:01-12/1}",
            }),
        ),
        (
            &["повестка", "*"],
            "вопрос повестки",
            "Вопрос, кого слушали, что решили, ответственный и срок",
            json!({
                "вопрос": "${1:О …}",
                "слушали": "${2:Фамилия И. О.}",
                "решили": "${3:что решили}",
                "ответственный": "${4:Фамилия И. О.}",
                "срок": "${5:ГГГГ-ММ-ДД}",
            }),
        ),
        (
            &["патронаж", "*"],
            "посещение семьи (патронаж)",
            "Дата, кто ходил, кто из семьи был дома, что увидели и что рекомендовали (акт посещения)",
            json!({
                "дата": "${1:ГГГГ-ММ-ДД}",
                "участники": ["${2:куратор}"],
                "присутствовали": ["${3:Фамилия Имя Отчество члена семьи}"],
                "итог": "${4:что увидели}",
                "рекомендации": "${5:что рекомендовали, о чём договорились}",
            }),
        ),
        (
            &["анализ", "*"],
            "промежуточный анализ для координатора",
            "Дата, период, выводы и предложения куратора (Положение, п. 3.1)",
            json!({
                "дата": "${1:ГГГГ-ММ-ДД}",
                "с": "${2:ГГГГ-ММ-ДД}",
                "по": "${3:ГГГГ-ММ-ДД}",
                "выводы": "${4:как выполняется программа, какая динамика}",
                "предложения": "${5:что предлагается}",
            }),
        ),
        (
            &["программа", "мероприятия", "*"],
            "мероприятие программы",
            "Задача, мероприятие, исполнитель и срок",
            json!({
                "задача": "${1:какую проблему решает}",
                "мероприятие": "${2:что делается}",
                "исполнитель": "${3:ФИО или служба}",
                "организация": "${4:центр}",
                "срок": "${5:ГГГГ-ММ-ДД}",
            }),
        ),
        (
            &["обследования", "*"],
            "обследование ЖБУ (акт)",
            "Акт обследования жилищно-бытовых условий с критериями",
            json!({
                "дата": "${1:ГГГГ-ММ-ДД}",
                "вид": "${2|первичное,повторное,итоговое|}",
                "условия": {"жильё": "${3:квартира, дом, комната}"},
                "выводы": "${4:выводы комиссии}",
                "критерии": {
                    "отказ_от_вредных_привычек": marks.replace('%', "5"),
                    "трудоустройство": marks.replace('%', "6"),
                    "посещение_образовательного_учреждения": marks.replace('%', "7"),
                    "досуг_детей": marks.replace('%', "8"),
                    "нет_антиобщественного_поведения": marks.replace('%', "9"),
                    "сезонная_одежда_и_обувь": marks.replace('%', "10"),
                    "продукты_питания": marks.replace('%', "11"),
                    "бытовые_условия": marks.replace('%', "12"),
                },
            }),
        ),
        (
            &["консилиумы", "*"],
            "решение консилиума",
            "Дата заседания, динамика и решение",
            json!({
                "заседание": "${1:ГГГГ-ММ-ДД}",
                "динамика": "${2|положительная,без изменений,отрицательная|}",
                "решение": "${3|продолжить,скорректировать,завершить,передать|}",
            }),
        ),
        (
            &["семья", "члены", "*"],
            "член семьи",
            "ФИО, роль в семье и дата рождения",
            json!({
                "фио": "${1:Фамилия Имя Отчество}",
                "роль": "${2:мать}",
                "дата_рождения": "${3:ГГГГ-ММ-ДД}",
            }),
        ),
        (
            &["смена_куратора", "*"],
            "смена куратора",
            "Дата, прежний куратор и основание замены",
            json!({
                "дата": "${1:ГГГГ-ММ-ДД}",
                "прежний": "${2:Фамилия И. О.}",
                "основание": "${3|ходатайство учреждения,ходатайство куратора,просьба семьи,изменение проблем,изменение кадрового состава|}",
            }),
        ),
        (
            &["программа", "корректировки", "*"],
            "корректировка программы",
            "Дата, вид и описание корректировки",
            json!({
                "дата": "${1:ГГГГ-ММ-ДД}",
                "вид": "${2|включение,исключение,приоритет,привлечение|}",
                "описание": "${3:что изменено и почему}",
            }),
        ),
    ];
    for (path, label, description, body) in items {
        if let Some(pointer) = pointer_at(schema, path)
            && let Some(Value::Object(slot)) = schema.pointer_mut(&pointer)
        {
            slot.insert(
                "defaultSnippets".into(),
                json!([{"label": label, "description": description, "body": body}]),
            );
        }
    }
}

/// A list of the repository that differs between a committed schema and the repository now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListChange {
    /// What the list is, in Russian: «кураторы».
    pub list: &'static str,
    /// Where the list lives: «kurator.yaml» or «meetings/».
    pub source: &'static str,
    /// In the repository, not in the schema.
    pub added: Vec<String>,
    /// In the schema, no longer in the repository.
    pub removed: Vec<String>,
}

/// How the repository's lists in `committed` (a case schema as once written) differ from `lists`.
pub fn list_changes(committed: &Value, lists: &Lists) -> Vec<ListChange> {
    let fresh = editor_schema(FileKind::Case, lists);
    let values = |schema: &Value, path: &[&str]| -> Vec<String> {
        pointer_at(schema, path)
            .and_then(|p| schema.pointer(&p))
            .and_then(|s| {
                // A property that may be blank holds its options in the first `anyOf` branch.
                s.get("enum").or_else(|| s.pointer("/anyOf/0/enum"))
            })
            .and_then(Value::as_array)
            .map(|v| {
                v.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut out = Vec::new();
    for (list, source, path) in [
        ("кураторы", "kurator.yaml", CURATOR_PATHS[0]),
        ("типы семей", "kurator.yaml", TYPE_PATHS[0]),
        ("уровни сопровождения", "kurator.yaml", LEVEL_PATHS[0]),
        ("заседания", "meetings/", MEETING_PATHS[0]),
    ] {
        let old = values(committed, path);
        let new = values(&fresh, path);
        let added: Vec<String> = new.iter().filter(|v| !old.contains(v)).cloned().collect();
        let removed: Vec<String> = old.iter().filter(|v| !new.contains(v)).cloned().collect();
        if !added.is_empty() || !removed.is_empty() {
            out.push(ListChange {
                list,
                source,
                added,
                removed,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::load::yaml::{self, Node, NodeKind};
    use crate::model::{Case, Date};

    /// The file as yaml-language-server sees it: blank values are null and stay, plain scalars
    /// are resolved by the YAML 1.2 core schema (numbers stay numbers).
    fn raw(node: &Node) -> Value {
        match &node.kind {
            NodeKind::Scalar { .. } => node.to_json(),
            NodeKind::Seq(items) => items.iter().map(raw).collect(),
            NodeKind::Map(entries) => Value::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.as_text().unwrap_or_default().to_owned(), raw(v)))
                    .collect(),
            ),
        }
    }

    fn editor_verdict(text: &str) -> bool {
        let schema = FileKind::Case.editor_schema(&Lists::default());
        let validator = jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .build(&schema)
            .expect("the editor schema compiles");
        let tree = yaml::parse(text).unwrap().unwrap();
        validator.is_valid(&raw(&tree))
    }

    fn kurator_verdict(text: &str) -> bool {
        crate::load::parse_text::<Case>(FileKind::Case, Path::new("cases/x.yaml"), text).is_ok()
    }

    const CASE: &str = "номер: 2024-017
поступление:
  дата: 2024-04-22
  источник: заявление родителя
семья:
  фамилия: Петровы
  адрес: ул. Садовая, 1
  категория: СОП
  члены:
    - фио: Петрова Анна Ивановна
      роль: мать
      дата_рождения: 1990-01-01
куратор: Сазонов Д. И.
";

    /// The editor's schema and kurator's loading give one verdict on the same text; the one
    /// deliberate exception (a required field left blank) is checked separately.
    #[test]
    fn the_editor_and_kurator_agree() {
        let variants: &[(&str, &str, bool)] = &[
            ("", "", true),
            (
                "  адрес: ул. Садовая, 1\n",
                "  адрес: ул. Садовая, 1\n  телефон:\n",
                true,
            ),
            (
                "  адрес: ул. Садовая, 1\n",
                "  адрес: ул. Садовая, 1\n  телефон: 89121234567\n",
                true,
            ),
            ("номер: 2024-017", "номер: 17", true),
            ("номер: 2024-017", "номер: 0017", true),
            ("номер: 2024-017", "номер: true", true),
            ("номер: 2024-017", "номер: 2024 017", false),
            ("номер: 2024-017", "номер: [1, 2]", false),
            ("  дата: 2024-04-22", "  дата: 2024-02-30", false),
            ("  дата: 2024-04-22", "  дата: 2024-02-29", true),
            ("  дата: 2024-04-22", "  дата: 2023-02-29", false),
            ("  дата: 2024-04-22", "  дата: 1900-02-29", false),
            ("  дата: 2024-04-22", "  дата: 2000-02-29", true),
            ("  дата: 2024-04-22", "  дата: 2024-04-31", false),
            ("  дата: 2024-04-22", "  дата: 22.04.2024", false),
            ("  дата: 2024-04-22", "  дата: 2024", false),
            ("  категория: СОП", "  категория: 5", false),
            ("  категория: СОП", "  категория: ТЖСС", false),
            ("  категория: СОП", "  категория: [СОП]", false),
            ("  роль: мать", "  роль: 1", true),
            (
                "куратор: Сазонов Д. И.\n",
                "куратор: Сазонов Д. И.\nзакрытие:\n",
                true,
            ),
            (
                "куратор: Сазонов Д. И.\n",
                "куратор: Сазонов Д. И.\nзакрытие: в марте\n",
                false,
            ),
            (
                "куратор: Сазонов Д. И.\n",
                "куратор: Сазонов Д. И.\nуровень:\nэтапы:\n",
                true,
            ),
            (
                "куратор: Сазонов Д. И.\n",
                "куратор: Сазонов Д. И.\nфуфел:\n",
                false,
            ),
            (
                "куратор: Сазонов Д. И.\n",
                "куратор: Сазонов Д. И.\nпатронаж:\n  -\n",
                false,
            ),
            (
                "куратор: Сазонов Д. И.\n",
                "куратор: Сазонов Д. И.\nпатронаж: []\n",
                true,
            ),
            (
                "  члены:\n    - фио: Петрова Анна Ивановна\n      роль: мать\n      дата_рождения: 1990-01-01\n",
                "  члены: []\n",
                false,
            ),
            (
                "  члены:\n    - фио: Петрова Анна Ивановна\n      роль: мать\n      дата_рождения: 1990-01-01\n",
                "  члены:\n    -\n",
                false,
            ),
        ];
        let inspection = |rooms: &str| {
            format!(
                "обследования:\n  - дата: 2024-05-01\n    вид: первичное\n    условия:\n      жильё: квартира\n      комнат: {rooms}\n    выводы: условия удовлетворительные\n"
            )
        };
        let mut texts: Vec<(String, Option<bool>)> = variants
            .iter()
            .map(|(from, to, valid)| (CASE.replacen(from, to, 1), Some(*valid)))
            .collect();
        for (rooms, valid) in [
            ("2", true),
            ("0", true),
            ("-1", false),
            ("51", false),
            ("два", false),
            ("", true),
        ] {
            texts.push((format!("{CASE}{}", inspection(rooms)), Some(valid)));
        }
        for (text, expected) in texts {
            let ours = kurator_verdict(&text);
            let editor = editor_verdict(&text);
            assert_eq!(ours, editor, "kurator {ours}, editor {editor}:\n{text}");
            if let Some(expected) = expected {
                assert_eq!(ours, expected, "{text}");
            }
        }
    }

    /// A required field left blank (a fresh skeleton) is quiet in the editor; validate reports it.
    #[test]
    fn a_blank_required_field_is_left_to_validate() {
        let text = CASE.replace("  источник: заявление родителя", "  источник:");
        assert!(!kurator_verdict(&text));
        assert!(editor_verdict(&text));
    }

    /// The date pattern accepts exactly the days `Date::parse` accepts.
    #[test]
    fn the_date_pattern_is_the_calendar() {
        let validator = jsonschema::validator_for(&json!({"pattern": DATE_PATTERN})).unwrap();
        let mut years: Vec<u32> = (1895..=2105).collect();
        years.extend([0, 4, 100, 400, 1600, 1700, 1800, 2400, 2500, 9996, 9999]);
        for year in years {
            for month in 0..=13 {
                for day in 0..=32 {
                    let text = format!("{year:04}-{month:02}-{day:02}");
                    assert_eq!(
                        validator.is_valid(&Value::from(text.as_str())),
                        Date::parse(&text).is_ok(),
                        "{text}"
                    );
                }
            }
        }
        for text in [
            "2024-4-22",
            "24-04-22",
            "2024-04-22 ",
            "22.04.2024",
            "2024-04-2x",
        ] {
            assert!(!validator.is_valid(&Value::from(text)), "{text}");
        }
    }

    /// Every message the editor can show is Russian, and every enum value has its own help.
    #[test]
    fn messages_and_enum_help_are_russian() {
        let lists = Lists {
            curators: vec![("Сазонов Д. И.".into(), "социальный педагог".into())],
            family_types: vec!["многодетная".into()],
            levels: vec!["базовый".into()],
            meetings: vec![("2024-06-27".into(), MeetingKind::Consilium, "2".into())],
            working_group: vec![("Лаврентьева Г. С.".into(), "руководитель".into())],
            config_loaded: true,
        };
        fn walk(value: &Value, path: &str, faults: &mut Vec<String>) {
            match value {
                Value::Object(map) => {
                    for key in ["errorMessage", "patternErrorMessage"] {
                        if let Some(text) = map.get(key) {
                            let text = text.as_str().unwrap_or_default();
                            if !text.chars().any(|c| ('а'..='я').contains(&c)) {
                                faults.push(format!("{path}/{key}: «{text}»"));
                            }
                        }
                    }
                    let types = type_list(map);
                    let fails_in_english = [
                        "minLength",
                        "maxLength",
                        "minItems",
                        "maxItems",
                        "minimum",
                        "maximum",
                        "not",
                        "oneOf",
                        "uniqueItems",
                    ];
                    for key in fails_in_english {
                        if map.contains_key(key) {
                            faults.push(format!("{path}: {key} has an English message"));
                        }
                    }
                    if !types.is_empty() && !map.contains_key("errorMessage") {
                        faults.push(format!("{path}: a type without errorMessage"));
                    }
                    if let Some(options) = map.get("enum").and_then(Value::as_array)
                        && !path.ends_with("propertyNames")
                    {
                        let help = map
                            .get("markdownEnumDescriptions")
                            .and_then(Value::as_array);
                        if help.is_none_or(|h| h.len() != options.len()) {
                            faults.push(format!("{path}: enum without help for each value"));
                        }
                    }
                    for (k, v) in map {
                        // A condition only selects; its keywords never produce a message.
                        if k != "if" {
                            walk(v, &format!("{path}/{k}"), faults);
                        }
                    }
                }
                Value::Array(items) => {
                    for (i, v) in items.iter().enumerate() {
                        walk(v, &format!("{path}/{i}"), faults);
                    }
                }
                _ => {}
            }
        }
        for kind in FileKind::ALL {
            let mut faults = Vec::new();
            walk(&kind.editor_schema(&lists), "", &mut faults);
            assert!(faults.is_empty(), "{}: {faults:#?}", kind.schema_file());
        }
    }

    #[test]
    fn lists_that_changed_are_named() {
        let before = Lists {
            curators: vec![("Сазонов Д. И.".into(), String::new())],
            config_loaded: true,
            ..Lists::default()
        };
        let mut after = before.clone();
        after
            .curators
            .push(("Новикова А. А.".into(), String::new()));
        let committed = FileKind::Case.editor_schema(&before);
        let changes = list_changes(&committed, &after);
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].list, "кураторы");
        assert_eq!(changes[0].added, ["Новикова А. А."]);
        assert!(list_changes(&committed, &before).is_empty());
    }
}
