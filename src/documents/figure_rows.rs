//! Rows of figures that the справки and the indicators pages print alike, from
//! [`crate::indicators::Figures`]: one wording for each figure, and rows that add up.

use crate::indicators::{Children, ClosedByGround, CuratorFigures, MovementFigures};
use crate::model::{Category, ClosureGround};

/// The first row of a movement table.
pub const START: &str = "Семей на сопровождении на начало периода";
/// Families taken under support.
pub const OPENED: &str = "Взято на сопровождение";
/// A curator's families received from another curator.
pub const RECEIVED: &str = "Принято от другого куратора";
/// A curator's families handed to another curator.
pub const HANDED: &str = "Передано другому куратору";
/// Closures, all grounds together.
pub const CLOSED: &str = "Снято с сопровождения, всего";
/// The last row of a movement table.
pub const END: &str = "Семей на сопровождении на конец периода";
/// What a row of a part of the row above starts with.
const OF_WHICH: &str = "   в том числе";

/// One column of a movement table: a period's (or a curator's) movement.
pub struct MovementColumn<'a> {
    /// At the start.
    pub start: u32,
    /// Opened.
    pub opened: u32,
    /// Received and handed, for a curator; none for the centre.
    pub transfers: Option<(u32, u32)>,
    /// Closed, by ground.
    pub closed: &'a ClosedByGround,
    /// At the end.
    pub end: u32,
}

impl MovementColumn<'_> {
    /// The centre's movement.
    pub fn centre(f: &MovementFigures) -> MovementColumn<'_> {
        MovementColumn {
            start: f.start,
            opened: f.opened,
            transfers: None,
            closed: &f.closed,
            end: f.end,
        }
    }

    /// A curator's movement, with transfers.
    pub fn curator(c: &CuratorFigures) -> MovementColumn<'_> {
        MovementColumn {
            start: c.start,
            opened: c.opened,
            transfers: Some((c.received, c.handed)),
            closed: &c.closed,
            end: c.end,
        }
    }
}

/// The movement rows, label → a value per column: start, opened, (received, handed), closed in
/// total and by every ground some column has (and those of `always`), end.
pub fn movement(
    columns: &[MovementColumn<'_>],
    always: &[ClosureGround],
) -> Vec<(String, Vec<u32>)> {
    let row = |label: &str, value: &dyn Fn(&MovementColumn<'_>) -> u32| {
        (label.to_owned(), columns.iter().map(value).collect())
    };
    let mut rows = vec![row(START, &|c| c.start), row(OPENED, &|c| c.opened)];
    if columns.iter().any(|c| c.transfers.is_some()) {
        rows.push(row(RECEIVED, &|c| c.transfers.map_or(0, |t| t.0)));
        rows.push(row(HANDED, &|c| c.transfers.map_or(0, |t| t.1)));
    }
    rows.push(row(CLOSED, &|c| c.closed.total()));
    let grounds = columns
        .first()
        .map(|c| c.closed.iter().map(|(g, _)| g).collect::<Vec<_>>())
        .unwrap_or_default();
    for ground in grounds {
        let shown = always.contains(&ground) || columns.iter().any(|c| c.closed.get(ground) > 0);
        if shown {
            let label = format!("{OF_WHICH}: {}", super::ground_label(Some(ground)));
            rows.push(row(&label, &|c| c.closed.get(ground)));
        }
    }
    rows.push(row(END, &|c| c.end));
    rows
}

/// The children rows: minors in the families under support at the end, by category of the
/// family, and children returned to their families.
pub fn children(c: &Children) -> Vec<(String, u32)> {
    let mut rows = vec![(
        "Детей в семьях на сопровождении на конец периода".to_owned(),
        c.at_end,
    )];
    for (category, n) in c.by_category.iter() {
        let family = match category {
            Category::Sop => "в семьях в социально опасном положении",
            Category::Tzhs => "в семьях в трудной жизненной ситуации",
            Category::NeedsSupport => "в семьях, нуждающихся в поддержке",
        };
        rows.push((format!("{OF_WHICH}: {family}"), n));
    }
    rows.push(("Детей возвращено в родные семьи".to_owned(), c.returned));
    rows
}
