//! The body of a document: the blocks of text that both renderers draw.
//!
//! A document kind (its wording in `templates/<kind>.txt`, see [`wording`]) is not drawn by
//! two templates that each repeat its fixed text — they drifted apart (the HTML agreement was
//! another contract than its PDF). Instead its view is turned once into a [`Body`]: headings,
//! paragraphs, numbered clauses and the components Rust builds from the data (tables,
//! requisites of the parties, signatures). `body.typ` and `body.html` draw any body and add only
//! geometry, so the PDF and the HTML page carry the same words, and a test holds them to it.
//!
//! Data never becomes markup: every run is a string both renderers place as a value.

pub mod table;
pub mod wording;

use serde::{Deserialize, Serialize};

use crate::documents::{Document, Kind};
use crate::render::templates::Templates;

/// A piece of text in one style.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Run {
    /// The text, as typed.
    pub text: String,
    /// Bold.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub strong: bool,
}

impl Run {
    /// Plain text.
    pub fn plain(text: impl Into<String>) -> Run {
        Run {
            text: text.into(),
            strong: false,
        }
    }
}

/// A party to an agreement: its name and requisites, and the one who signs for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Party {
    /// «Учреждение», «Получатель».
    pub title: String,
    /// Name, address, document, phone: one line each.
    pub lines: Vec<String>,
    /// Who signs.
    pub signature: Signature,
    /// Whether a seal goes beside the signature («М. П.»).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub seal: bool,
}

/// A signature line: position, the line to sign on, the name initials first, and a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signature {
    /// Position or role; may be empty.
    pub position: String,
    /// «И. Л. Полякова».
    pub name: String,
    /// A date to print, or empty for a line to date by hand.
    #[serde(default)]
    pub date: String,
}

/// One block of a body. The first four come from the wording; the others are components that
/// Rust builds from the data and the wording places with `@insert`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "t", rename_all = "snake_case")]
pub enum Block {
    /// A heading: level 1 is the document's title, level 2 a section.
    Heading {
        /// 1 or 2.
        level: u8,
        /// Its text.
        runs: Vec<Run>,
    },
    /// A paragraph.
    Para {
        /// Its text.
        runs: Vec<Run>,
    },
    /// A numbered clause: «2.3.» and its text.
    Clause {
        /// The number as printed.
        marker: String,
        /// Its text.
        runs: Vec<Run>,
    },
    /// An item of a list, after a dash.
    Item {
        /// Its text.
        runs: Vec<Run>,
    },
    /// A table with a header row.
    Table {
        /// Column headings (fewer when a header group spans down over a column).
        header: Vec<String>,
        /// Rows of cells, one per column; a line break in a cell is `\n`.
        rows: Vec<Vec<String>>,
        /// Widths, header groups, alignment.
        #[serde(default)]
        layout: table::Layout,
    },
    /// Label — value lines, without borders.
    Fields {
        /// `[label, value]` pairs; a pair with an empty value is not printed.
        rows: Vec<[String; 2]>,
    },
    /// The parties side by side, each with its requisites and signature.
    Parties {
        /// Usually two.
        parties: Vec<Party>,
    },
    /// Signatures one under another.
    Signatures {
        /// In order.
        signatures: Vec<Signature>,
    },
    /// The place on the left and the date on the right, above the text.
    PlaceDate {
        /// «г. Верхнеозёрск», or empty for a line to fill by hand.
        place: String,
        /// «"24" января 2024 г.», or empty for a line to fill by hand.
        date: String,
    },
    /// The centre's name and contacts above a paper the centre issues, as the other documents'
    /// `org-header` prints them.
    Letterhead {
        /// The full name, in bold.
        name: String,
        /// «адрес · тел. … · e-mail».
        contacts: String,
    },
    /// Whom a citizen's paper is addressed to and from whom, in the top right corner, as an
    /// application sets it out: «Директору …», the director's name, «от …», the address.
    Addressee {
        /// One line each.
        lines: Vec<String>,
    },
    /// A chart kurator drew as SVG from the figures, the same picture in both renderers. Its
    /// labels are drawing, not text: the word comparison of PDF and HTML leaves them out.
    Chart {
        /// The SVG document; every text in it escaped by the code that drew it.
        svg: String,
    },
    /// Lines to write on by hand: what the head has not written yet.
    Ruled {
        /// How many.
        lines: u8,
    },
    /// «УТВЕРЖДАЮ» in the top right corner: the head's position, a line to sign on, the name
    /// initials first and the date of approval (a line to date by hand when empty).
    Approval {
        /// «УТВЕРЖДАЮ».
        title: String,
        /// «Директор».
        position: String,
        /// «И. Л. Полякова».
        name: String,
        /// «30 января 2024 г.», or the line to date by hand.
        date: String,
    },
    /// Not a text but a hint to the PDF: the paper is a summary that fits one page (the case
    /// card), so its text is set in 10 pt and its tables in 9 pt instead of 12 pt. The page
    /// shows nothing for it.
    Compact,
}

impl Block {
    /// A plain table: automatic widths, text on the left.
    pub fn table(header: Vec<String>, rows: Vec<Vec<String>>) -> Block {
        Block::Table {
            header,
            rows,
            layout: table::Layout::default(),
        }
    }

    /// Whether the wording may place this block with `@insert` (the text blocks come from the
    /// wording's own lines).
    pub fn is_component(&self) -> bool {
        !matches!(
            self,
            Block::Heading { .. } | Block::Para { .. } | Block::Clause { .. } | Block::Item { .. }
        )
    }
}

/// A document's body and what its renderers need besides: the JSON both templates read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Body {
    /// The kind's stable name (`Kind::template`), on the page's article for tests and styles.
    pub kind: &'static str,
    /// The title, for the PDF metadata and the page's `<title>`.
    pub title: String,
    /// The organisation's short name, the PDF's author.
    pub author: String,
    /// The confidentiality mark in the top right corner, or empty.
    pub mark: String,
    /// Whether the data version is printed at the foot of the pages; it is in the PDF's
    /// metadata whatever this says.
    pub version_in_text: bool,
    /// Printed on landscape sheets: a register too wide for a portrait page.
    pub landscape: bool,
    /// The case it belongs to, for the page's links.
    pub case: Option<String>,
    /// The data version the view was stamped with (`crate::provenance`), carried over.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stamp: Option<serde_json::Value>,
    /// The blocks, in order.
    pub blocks: Vec<Block>,
}

/// The wordings of one build, parsed once from the templates (built-in or the repository's).
pub struct Wordings {
    parsed: Vec<(Kind, wording::Wording)>,
}

impl Wordings {
    /// Parses the wording of every kind. A replacement wording must still place
    /// what a paper cannot be signed without (the parties' signatures). Every problem of every
    /// wording is reported, each as `templates/<kind>.txt:line:column: …`.
    pub fn load(templates: &Templates) -> Result<Wordings, Vec<String>> {
        let mut parsed = Vec::new();
        let mut errors = Vec::new();
        for kind in Kind::ALL {
            let name = kind.wording();
            let shown = templates.shown(name);
            let text = templates.get(name).unwrap_or_default();
            match wording::Wording::parse(text) {
                Ok(w) => {
                    let inserts = w.inserts();
                    for required in kind.required_inserts() {
                        if !inserts.iter().any(|i| i == required) {
                            errors.push(format!(
                                "{shown}: в тексте нет «@insert {required}» — без него документ \
                                 нельзя подписать; верните строку или удалите файл из templates/"
                            ));
                        }
                    }
                    parsed.push((kind, w));
                }
                Err(es) => errors.extend(es.iter().map(|e| located(&shown, e))),
            }
        }
        match errors.is_empty() {
            true => Ok(Wordings { parsed }),
            false => Err(errors),
        }
    }

    /// Turns the view of every document into its body, which both templates then draw. Every problem is reported, once per wording line.
    pub fn apply(&self, templates: &Templates, docs: &mut [Document]) -> Result<(), Vec<String>> {
        let mut errors = std::collections::BTreeSet::new();
        for doc in docs.iter_mut() {
            let Some((_, wording)) = self.parsed.iter().find(|(k, _)| *k == doc.kind) else {
                continue;
            };
            let mut view = doc.view();
            crate::documents::components(doc.kind, &mut view);
            match wording.blocks(&view) {
                Ok(blocks) => {
                    let text = |key: &str| {
                        let value = view.pointer(key).and_then(serde_json::Value::as_str);
                        value.unwrap_or_default().to_owned()
                    };
                    let body = Body {
                        kind: doc.kind.template(),
                        title: doc.title.clone(),
                        author: text("/org/short_name"),
                        mark: text("/mark"),
                        version_in_text: doc.kind.version_in_text(),
                        landscape: doc.kind.landscape(),
                        case: doc.case.clone(),
                        stamp: view.get("stamp").cloned(),
                        blocks,
                    };
                    doc.data = serde_json::value::to_raw_value(&body).expect("a body serialises");
                }
                Err(es) => {
                    let shown = templates.shown(doc.kind.wording());
                    errors.extend(es.iter().map(|e| located(&shown, e)));
                }
            }
        }
        match errors.is_empty() {
            true => Ok(()),
            false => Err(errors.into_iter().collect()),
        }
    }
}

fn located(shown: &str, e: &wording::WordingError) -> String {
    format!("{shown}:{}:{}: {}", e.line, e.column, e.message)
}
