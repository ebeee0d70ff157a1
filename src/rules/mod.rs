//! Domain rules over a loaded repository.
//!
//! Two kinds, kept apart on purpose: `integrity` finds data that cannot be right (an error,
//! `validate` fails, a build stops); `compliance` finds work that is late or falls due (a
//! finding: shown in the agenda and the indicators, never a reason to fail validation).

mod compliance;
mod finding;
mod integrity;
mod report_notes;
#[cfg(test)]
mod testing;

pub use compliance::HANDOVER_RULE;
pub use compliance::{
    Caseload, DRAFT_WORKING_DAYS, DUE_SOON_DAYS, INFORMED_WORKING_DAYS, SENT_WORKING_DAYS,
    calendar_coverage, caseloads, curator_on, findings, findings_within, is_open,
};
pub use finding::{Finding, Status};
pub use integrity::check as integrity;
pub use integrity::{UnknownCurator, unknown_curator};
pub use report_notes::quarter_of;

use std::collections::BTreeSet;

use crate::diagnostic::Diagnostic;
use crate::load::Repository;
use crate::model::Date;

/// Every data error the rules find: integrity, and deadlines that need a calendar year kurator
/// does not have. What `validate` reports after loading; `today` is the real date (not
/// `--as-of`): nothing recorded can lie after it.
pub fn validate(repo: &Repository, today: Date) -> Vec<Diagnostic> {
    let mut errors = integrity(repo, today);
    errors.extend(calendar_coverage(repo, &repo.calendar()));
    errors
}

/// The agenda of `as_of`: what asks for action (overdue, due soon, over the limit) about cases
/// still open, and the hand-over letter a closed case still owes — or, with `all`, every
/// finding — sorted by curator, then what can still be done before past violations
/// ([`Finding::is_past`]), then status and due date.
pub fn agenda(
    repo: &Repository,
    mut findings: Vec<Finding>,
    as_of: Date,
    all: bool,
) -> Vec<Finding> {
    if !all {
        let open: BTreeSet<&str> = repo
            .cases
            .iter()
            .filter(|c| is_open(&c.data, as_of))
            .map(|c| c.data.number.as_str())
            .collect();
        findings.retain(|f| {
            f.status.is_open()
                && (f.rule == HANDOVER_RULE || f.case.as_deref().is_none_or(|n| open.contains(n)))
        });
    }
    findings.sort_by(|a, b| {
        (
            &a.curator,
            a.is_past(),
            a.status,
            a.due,
            &a.case,
            &a.file,
            a.span,
        )
            .cmp(&(
                &b.curator,
                b.is_past(),
                b.status,
                b.due,
                &b.case,
                &b.file,
                b.span,
            ))
    });
    findings
}
