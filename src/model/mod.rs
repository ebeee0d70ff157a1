//! The data staff keep in the case repository, as typed Rust values.
//!
//! These types are the single source of the JSON Schemas (`kurator schema`) and of what every
//! later stage reads; YAML keys are Russian through serde renames.

mod case;
mod config;
mod date;
mod meeting;
pub mod names;
mod report_notes;

pub use case::*;
pub use config::*;
pub use date::{
    DATE_PATTERN, Date, DateError, MONTHS, MONTHS_GENITIVE, MONTHS_PREPOSITIONAL, capitalise,
    no_such_day,
};
pub use meeting::*;
pub use report_notes::ReportNotes;
