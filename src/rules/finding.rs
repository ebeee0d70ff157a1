//! A finding: late or due work, as opposed to impossible data.
//!
//! Findings never fail `validate`; they fill the curators' agenda (`kurator check`), the case
//! pages and the indicators. Each names the clause of the regulations it comes from.

use std::path::PathBuf;

use serde::Serialize;

use crate::load::yaml::Span;
use crate::model::Date;

/// Where a finding stands on the as-of date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// The deadline has passed and the work is not done.
    Overdue,
    /// The deadline is within the next 7 days and the work is not done.
    DueSoon,
    /// The deadline is further ahead, within the horizon asked for (`check --within`, the
    /// curators' desk and calendars); never reported otherwise.
    Upcoming,
    /// Done, but after the deadline.
    DoneLate,
    /// A stage ended before its minimum length.
    TooShort,
    /// A curator has more families than the limits allow.
    OverLimit,
}

impl Status {
    /// The Russian word staff see.
    pub fn label(self) -> &'static str {
        match self {
            Status::Overdue => "просрочено",
            Status::DueSoon => "срок истекает",
            Status::Upcoming => "срок впереди",
            Status::DoneLate => "выполнено с опозданием",
            Status::TooShort => "раньше срока",
            Status::OverLimit => "превышение",
        }
    }

    /// Whether the status asks for action now (the agenda shows only these by default).
    pub fn is_open(self) -> bool {
        matches!(
            self,
            Status::Overdue | Status::DueSoon | Status::Upcoming | Status::OverLimit
        )
    }
}

impl Serialize for Status {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.label())
    }
}

/// One piece of late or due work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Case number; `None` for findings about a curator (caseload).
    pub case: Option<String>,
    /// Stable rule code, e.g. `programme-draft`.
    pub rule: &'static str,
    /// Which work of the rule, when a case owes it more than once: the month of a visit
    /// (`2025-03`), the quarter of a consilium (`2025-Q1`), the stage, the measure's place in
    /// the programme, the threat's, the family member's (`member-2`); empty otherwise. With the case and the rule, an identity
    /// that does not hold the due date (the calendars' UIDs: a moved deadline moves the event).
    pub item: String,
    /// The regulation and clause, e.g. «Положение о кураторе семьи, п. 1.5.2».
    pub clause: &'static str,
    /// Where it stands.
    pub status: Status,
    /// The last allowed day, when the rule has one.
    pub due: Option<Date>,
    /// The curator responsible.
    pub curator: String,
    /// The file the finding is about, relative to the repository root.
    pub file: PathBuf,
    /// Where in the file.
    pub span: Span,
    /// What is late, in Russian.
    pub message: String,
}

/// Rules whose work belongs to one calendar period — the month's home visit, the quarter's
/// consilium: once the period has ended the work cannot be done any more.
const PERIOD_RULES: [&str; 2] = ["monthly-visit", "quarterly-consilium"];

impl Finding {
    /// A past violation: overdue work of a period that has ended (a visit missed in January),
    /// kept apart from what can still be done. It stays in the record and the reports; the
    /// agenda lists it separately, after the current items.
    pub fn is_past(&self) -> bool {
        self.status == Status::Overdue && PERIOD_RULES.contains(&self.rule)
    }
}
