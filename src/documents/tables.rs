//! Tables (and a signature) of a body made from a view when the body is made
//! (`super::components`): after an anonymised pack has reduced the rows by their named fields,
//! so a table shows what the pack's policy lets out.

use serde_json::Value;

use crate::body::Block;
use crate::body::table::{Align, Layout};

/// A column: its heading, the field of an object row it shows (or the position in an array
/// row), its relative width and where its text sits.
pub(super) struct Column<'a> {
    /// The heading.
    pub head: &'a str,
    /// The field of an object row, or the position in an array row.
    pub from: From,
    /// Relative width.
    pub width: u16,
    /// Alignment.
    pub align: Align,
}

/// A column of `head` showing `from`, `width` wide, its text at `align`.
pub(super) const fn column(head: &str, from: From, width: u16, align: Align) -> Column<'_> {
    Column {
        head,
        from,
        width,
        align,
    }
}

/// Where a column's cell is in a row of the view.
pub(super) enum From {
    /// A field of an object.
    Field(&'static str),
    /// A position in an array.
    At(usize),
}

/// A table of `columns` from the list at `key` of the view, with `layout`'s other settings.
pub(super) fn from_view(view: &Value, key: &str, columns: &[Column<'_>], layout: Layout) -> Block {
    let rows = view.get(key).and_then(Value::as_array);
    let cell = |row: &Value, from: &From| {
        let value = match from {
            From::Field(name) => row.get(name),
            From::At(i) => row.get(i),
        };
        match value {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Null) | None => String::new(),
            Some(other) => other.to_string(),
        }
    };
    Block::Table {
        header: columns.iter().map(|c| c.head.to_owned()).collect(),
        rows: rows
            .into_iter()
            .flatten()
            .map(|row| columns.iter().map(|c| cell(row, &c.from)).collect())
            .collect(),
        layout: Layout {
            widths: columns.iter().map(|c| c.width).collect(),
            align: columns.iter().map(|c| c.align).collect(),
            ..layout
        },
    }
}

/// Puts under `signatures` the signature of the one the view names at `position` and `name`
/// (JSON pointers: `/org/director_position`), without a date line.
pub(super) fn put_signature(view: &mut Value, position: &str, name: &str) {
    let text = |pointer: &str| {
        let value = view.pointer(pointer).and_then(Value::as_str);
        value.unwrap_or_default().to_owned()
    };
    let signature = crate::body::Signature {
        position: text(position),
        name: text(name),
        date: String::new(),
    };
    let signatures = vec![signature];
    put(view, "signatures", Block::Signatures { signatures });
}

/// Puts a component into the view under `key`.
pub(super) fn put(view: &mut Value, key: &str, block: Block) {
    view[key] = serde_json::to_value(block).expect("a block serialises");
}
