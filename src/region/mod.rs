//! `kurator region`: the figures of several centres added into one city or regional report
//! (seed 002: «показатели социального эффекта» of a territory across its centres).
//!
//! Each centre is given as what it sends upward: its quarterly pack (the folder or its ZIP,
//! anonymised or not) or a build's output folder. Of each only `figures.json` is read (see
//! [`read_input`]) — the figures carry the centre's name — so the report needs no case file and
//! no personal data. The figures add ([`sum`]): counts and both parts of every share, so a
//! region's share is the share of its families, not an average of percentages.
//!
//! Refusals (exit codes of the command): an input that cannot be read at all or names no
//! figures is a usage or I/O error (2); figures that were read but cannot be added — another
//! period, another format version, a file that is not figures, an unsafe archive, the same
//! centre twice — are data errors (1), each message naming the file.

mod output;
mod sum;
pub mod zip;

pub use output::write;

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::body::Block;
use crate::body::table::{Align, Layout, Span};
use crate::documents::{Document, Kind};
use crate::indicators::{FIGURES_VERSION, Figures, Period, SocialEffect, share_text};
use crate::load::file::{self, Refusal};

/// The largest figures.json read: a centre of a thousand curators is far below.
pub const MAX_FIGURES_BYTES: u64 = 16 * 1024 * 1024;

/// Why `region` refused.
#[derive(Debug)]
pub enum RegionError {
    /// An input could not be read, or holds no figures (usage or I/O: exit 2).
    Unreadable(String),
    /// Figures were read but cannot be added (a data error: exit 1).
    Refused(String),
}

impl std::fmt::Display for RegionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RegionError::Unreadable(m) | RegionError::Refused(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for RegionError {}

/// One centre's figures and where they were read.
#[derive(Debug, Clone)]
pub struct Input {
    /// The file as messages name it: `packs/2025-Q3.zip:2025-Q3/figures.json`.
    pub shown: String,
    /// The figures.
    pub figures: Figures,
}

/// The names the figures of `period` have in a pack: `figures.json` for its quarter,
/// `figures-<год>.json` for the year in a fourth quarter's pack.
fn pack_names(period: Option<Period>) -> Vec<String> {
    match period {
        Some(p) if p.quarter.is_none() => vec![format!("figures-{}.json", p.id())],
        _ => vec!["figures.json".to_owned()],
    }
}

/// Reads the figures of one input: a pack's ZIP, a pack folder, or a build's output folder
/// (`отчёты/<период>/figures.json`, which needs `period`).
pub fn read_input(path: &Path, period: Option<Period>) -> Result<Input, RegionError> {
    let unreadable = |why: String| RegionError::Unreadable(format!("{}: {why}", path.display()));
    let meta = std::fs::metadata(path).map_err(|e| unreadable(format!("не открывается: {e}")))?;
    let (shown, bytes) = if meta.is_file() {
        from_zip(path, period)?
    } else if meta.is_dir() {
        let mut candidates: Vec<PathBuf> =
            pack_names(period).into_iter().map(PathBuf::from).collect();
        if let Some(p) = period {
            candidates.push(Path::new("отчёты").join(p.id()).join("figures.json"));
        }
        let found = candidates.iter().find_map(|rel| {
            match file::read_regular(path, rel, MAX_FIGURES_BYTES) {
                Err(Refusal::Missing) => None,
                other => Some((rel, other)),
            }
        });
        match found {
            Some((rel, Ok(bytes))) => (path.join(rel).display().to_string(), bytes),
            Some((rel, Err(refusal))) => {
                let (what, how) = refusal.message(rel, MAX_FIGURES_BYTES);
                return Err(RegionError::Refused(format!(
                    "{}: {what}; {how}",
                    path.join(rel).display()
                )));
            }
            None => {
                return Err(unreadable(match period {
                    Some(p) => format!(
                        "нет ни {}, ни отчёты/{}/figures.json: укажите пакет центра (папку или .zip) или папку сборки",
                        pack_names(period).join(", "),
                        p.id()
                    ),
                    None => "нет figures.json: укажите пакет центра (папку или .zip); папку сборки out/ — вместе с --period".to_owned(),
                }));
            }
        }
    } else {
        return Err(unreadable("не файл и не папка".to_owned()));
    };
    let figures = parse(&shown, &bytes)?;
    if let Some(p) = period
        && figures.period != p.id()
    {
        return Err(RegionError::Refused(format!(
            "{shown}: показатели за {}, а сводный отчёт — за {}",
            label(&figures.period),
            p.label()
        )));
    }
    Ok(Input { shown, figures })
}

/// The figures entry of a pack's ZIP: `<папка пакета>/figures.json` (or at the top).
fn from_zip(path: &Path, period: Option<Period>) -> Result<(String, Vec<u8>), RegionError> {
    let refused = |e: zip::ZipError| match e {
        zip::ZipError::Io(e) => {
            RegionError::Unreadable(format!("{}: не открывается: {e}", path.display()))
        }
        e => RegionError::Refused(format!("{}: {e}", path.display())),
    };
    let names = zip::names(path).map_err(refused)?;
    let wanted = pack_names(period);
    let entry = names.iter().find(|name| {
        let parts: Vec<&str> = name.split('/').collect();
        parts.len() <= 2
            && parts
                .last()
                .is_some_and(|last| wanted.iter().any(|w| w == last))
    });
    let Some(entry) = entry else {
        return Err(RegionError::Unreadable(format!(
            "{}: в архиве нет {}: это не пакет kurator pack",
            path.display(),
            wanted.join(", ")
        )));
    };
    let bytes = zip::read(path, entry, MAX_FIGURES_BYTES)
        .map_err(refused)?
        .expect("the entry was listed");
    Ok((format!("{}:{entry}", path.display()), bytes))
}

/// Figures from the bytes of a figures.json: its version first, so that a file of another
/// version is named as such rather than as a broken file.
fn parse(shown: &str, bytes: &[u8]) -> Result<Figures, RegionError> {
    let refused = |why: String| RegionError::Refused(format!("{shown}: {why}"));
    let value: serde_json::Value = serde_json::from_slice(bytes)
        .map_err(|e| refused(format!("не JSON ({e}): это не показатели kurator")))?;
    let version = value.get("version").and_then(serde_json::Value::as_u64);
    if version != Some(u64::from(FIGURES_VERSION)) {
        let had = version.map_or_else(|| "не указана".to_owned(), |v| v.to_string());
        return Err(refused(format!(
            "версия формата figures.json {had}, а эта версия kurator складывает версию \
             {FIGURES_VERSION}: соберите пакет центра той же версией kurator"
        )));
    }
    let mut value = value;
    let schema = crate::schema::figures_schema();
    known_fields_only(&mut value, schema, schema);
    serde_json::from_value(value).map_err(|e| {
        refused(format!(
            "figures.json не по формату версии {FIGURES_VERSION}: {e}"
        ))
    })
}

/// Drops the keys `schema` does not name, at every depth: within a version a newer kurator only
/// adds fields (README, «figures.json»), and this one adds up the fields it knows.
fn known_fields_only(
    value: &mut serde_json::Value,
    schema: &serde_json::Value,
    root: &serde_json::Value,
) {
    use serde_json::Value;
    let schema = match schema.get("$ref").and_then(Value::as_str) {
        Some(pointer) => root
            .pointer(pointer.trim_start_matches('#'))
            .unwrap_or(schema),
        None => schema,
    };
    match value {
        Value::Object(map) => {
            let Some(properties) = schema.get("properties").and_then(Value::as_object) else {
                return;
            };
            map.retain(|key, _| properties.contains_key(key));
            for (key, item) in map.iter_mut() {
                known_fields_only(item, &properties[key], root);
            }
        }
        Value::Array(items) => {
            if let Some(each) = schema.get("items") {
                items
                    .iter_mut()
                    .for_each(|item| known_fields_only(item, each, root));
            }
        }
        _ => {}
    }
}

/// «III квартал 2025 г.» for a period id, or the id as written.
fn label(id: &str) -> String {
    Period::parse(id).map_or_else(|| id.to_owned(), Period::label)
}

/// The inputs' figures added up, once they are known to add: one period, each centre once.
pub fn sum(inputs: &[Input], name: &str) -> Result<Figures, RegionError> {
    let Some(first) = inputs.first() else {
        return Err(RegionError::Unreadable(
            "не указано ни одного пакета центра".to_owned(),
        ));
    };
    if inputs
        .iter()
        .any(|i| i.figures.period != first.figures.period)
    {
        let list: Vec<String> = inputs
            .iter()
            .map(|i| format!("  {} — {}", i.shown, label(&i.figures.period)))
            .collect();
        return Err(RegionError::Refused(format!(
            "показатели за разные периоды не складываются:\n{}\nУкажите пакеты одного периода",
            list.join("\n")
        )));
    }
    for (n, input) in inputs.iter().enumerate() {
        if let Some(twice) = inputs[..n]
            .iter()
            .find(|i| i.figures.centre == input.figures.centre)
        {
            return Err(RegionError::Refused(format!(
                "{}: центр «{}» уже учтён ({}): его показатели сложились бы дважды",
                input.shown, input.figures.centre, twice.shown
            )));
        }
    }
    let mut total = first.figures.clone();
    for input in &inputs[1..] {
        total += &input.figures;
    }
    total.centre = name.to_owned();
    Ok(total)
}

/// The region report's view, which `templates/region.txt` sets out: its tables as blocks of
/// the body, the same for the PDF and the HTML.
#[derive(Serialize)]
struct RegionView {
    /// What `common.typ` puts in the PDF's metadata and the HTML header.
    org: Org,
    period: String,
    start: String,
    end: String,
    /// The movement of families and the children: each centre in the order given, then
    /// «Итого».
    movement: Block,
    /// Seed 002's social effect, the previous period beside this one under each figure.
    social: Block,
}

/// Who the report is of: the territory, as `--name` gives it.
#[derive(Serialize)]
struct Org {
    full_name: String,
    short_name: String,
}

/// A table of the centres' rows and the total: the centre's name heads its row, figures are
/// centred, the total is bold, small print; `groups` are the heading rows above `header`.
fn table(groups: Vec<Vec<Span>>, header: Vec<String>, rows: Vec<Vec<String>>) -> Block {
    let columns = rows.first().map_or(header.len(), Vec::len);
    let mut align = vec![Align::Center; columns];
    align[0] = Align::Left;
    let mut widths = vec![1; columns];
    widths[0] = 2;
    Block::Table {
        header,
        rows,
        layout: Layout {
            groups,
            widths,
            align,
            labelled: true,
            total: true,
            // Nine columns of a landscape sheet, as the old report's 10 pt.
            small: true,
            ..Layout::default()
        },
    }
}

/// The label of the total row.
const TOTAL: &str = "Итого";

/// The region report as a document: each centre's row and the total.
pub fn document(inputs: &[Input], total: &Figures, name: &str) -> Document {
    let period = total.period();
    // Column headings name the periods briefly («2 кв. 2025»): eight columns share the page.
    let previous = Period::parse(&total.previous_period)
        .map_or_else(|| total.previous_period.clone(), Period::short_label);
    let rows = |row: &dyn Fn(&Figures) -> Vec<String>| -> Vec<Vec<String>> {
        inputs
            .iter()
            .map(|i| (i.figures.centre.as_str(), &i.figures))
            .chain([(TOTAL, total)])
            .map(|(centre, f)| {
                let mut cells = vec![centre.to_owned()];
                cells.extend(row(f));
                cells
            })
            .collect()
    };
    let movement = table(
        Vec::new(),
        [
            "Центр",
            "Семей на начало периода",
            "Взято на сопровождение",
            "Снято, всего",
            "в т. ч. улучшение ситуации",
            "в т. ч. лишение родительских прав",
            "Семей на конец периода",
            "Детей в семьях на конец периода",
            "Детей возвращено в семьи",
        ]
        .map(String::from)
        .to_vec(),
        rows(&|f| {
            let m = &f.movement;
            [
                m.start,
                m.opened,
                m.closed_total,
                m.closed.improvement,
                m.closed.loss_of_parental_rights,
                m.end,
                f.children.at_end,
                f.children.returned,
            ]
            .map(|n| n.to_string())
            .to_vec()
        }),
    );
    let this = period.short_label();
    // Each figure over its two periods, «Центр» down both heading rows.
    let mut groups = vec![Span::down("Центр", 2)];
    groups.extend(
        [
            "Семей на сопровождении",
            "Снято с улучшением",
            "Снято с лишением родительских прав",
            "Детей возвращено в семьи",
        ]
        .map(|what| Span::across(what, 2)),
    );
    let social = table(
        vec![groups],
        (0..4)
            .flat_map(|_| [previous.clone(), this.clone()])
            .collect(),
        rows(&|f| {
            let before = social_cells(&f.previous_social_effect);
            let now = social_cells(&f.social_effect);
            before
                .into_iter()
                .zip(now)
                .flat_map(|(a, b)| [a, b])
                .collect()
        }),
    );
    let view = RegionView {
        org: Org {
            full_name: name.to_owned(),
            short_name: name.to_owned(),
        },
        period: period.label(),
        start: period.start().short_ru(),
        end: period.end().short_ru(),
        movement,
        social,
    };
    let id = period.id();
    Document {
        kind: Kind::Region,
        path: format!("сводный-отчёт-{id}").into(),
        ident: format!("kurator/region/{id}"),
        title: format!(
            "Сводный отчёт о социальном сопровождении семей за {}",
            period.label()
        ),
        date: period.end(),
        case: None,
        sources: Vec::new(),
        data: serde_json::value::to_raw_value(&view).expect("a view serialises"),
    }
}

/// The four social-effect cells of a period: the base, then each share of it.
fn social_cells(s: &SocialEffect) -> [String; 4] {
    [
        s.families.to_string(),
        share_text(s.closed_improvement),
        share_text(s.closed_loss_of_parental_rights),
        share_text(s.children_returned),
    ]
}
