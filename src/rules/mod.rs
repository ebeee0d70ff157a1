//! Domain rules over a loaded repository.
//!
//! Two kinds, kept apart on purpose: `integrity` finds data that cannot be right (an error,
//! `validate` fails, a build stops); `compliance` finds work that is late or falls due (a
//! finding: shown in the agenda and the indicators, never a reason to fail validation).

mod compliance;
mod finding;
mod integrity;

pub use compliance::{
    Caseload, DUE_SOON_DAYS, calendar_coverage, caseloads, curator_on, findings, is_open,
};
pub use finding::{Finding, Status};
pub use integrity::check as integrity;

use crate::diagnostic::Diagnostic;
use crate::load::Repository;

/// Every data error the rules find: integrity, and deadlines that need a calendar year kurator
/// does not have. What `validate` reports after loading.
pub fn validate(repo: &Repository) -> Vec<Diagnostic> {
    let mut errors = integrity(repo);
    errors.extend(calendar_coverage(repo, &repo.calendar()));
    errors
}
