//! How a table of a body is laid out: column widths, header rows with spans, alignment, a row
//! of column numbers (every table keeps its rows whole across pages). Both renderers read the
//! same layout, so a register is drawn alike on paper and on the page; the words are the
//! table's cells either way.

use serde::{Deserialize, Serialize};

/// The layout of a table beyond its header and rows; the default is a plain table (automatic
/// widths, everything on the left).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Layout {
    /// Header rows above the column headings whose cells span several columns or rows: a
    /// period over «Число / База / Доля». A column a cell spans down to the headings has no
    /// heading of its own there.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<Vec<Span>>,
    /// Relative widths of the columns (fr in Typst, percent in HTML); empty: automatic.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub widths: Vec<u16>,
    /// Alignment of each column's cells (headings are centred); a column not listed is left.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub align: Vec<Align>,
    /// A row of column numbers under the headings, as printed registers have.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub numbered: bool,
    /// For each row, a page of the site (a path from its root) that the row's first cell
    /// links to on the site, or empty: a register's entry leads to its case page.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<String>,
    /// The first cell of each row names the row (a figure's label): a row heading on the page.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub labelled: bool,
    /// The last row sums the others («Итого»): bold.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub total: bool,
    /// A short table of labels and figures, not stretched across the sheet.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub narrow: bool,
    /// Small print (9 pt) for a register of many columns.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub small: bool,
}

/// A header cell that spans columns and rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// Its text.
    pub text: String,
    /// How many columns it covers.
    pub cols: u16,
    /// How many header rows it covers, itself included.
    pub rows: u16,
}

impl Span {
    /// A cell over `cols` columns of one header row.
    pub fn across(text: impl Into<String>, cols: u16) -> Span {
        Span {
            text: text.into(),
            cols,
            rows: 1,
        }
    }

    /// A cell of one column down `rows` header rows.
    pub fn down(text: impl Into<String>, rows: u16) -> Span {
        Span {
            text: text.into(),
            cols: 1,
            rows,
        }
    }
}

/// Where a column's text sits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Align {
    /// Text.
    #[default]
    Left,
    /// Numbers, dates, short marks.
    Center,
}
