//! The head's files to the quarterly справки (`reports/<квартал>.yaml`): each names a quarter
//! that has a справка, and a справка is dated no earlier than the end of its quarter — it
//! reports on the quarter's results (Положение о кураторе случая, п. 2.3: «ежеквартально …
//! предоставляет аналитическую информацию»).

use crate::diagnostic::Diagnostic;
use crate::indicators::{self, Period};
use crate::load::{REPORTS_DIR, Repository, Source};
use crate::model::ReportNotes;

/// The quarter a file of `reports/` is for, when its name is one: `reports/2025-Q1.yaml`.
pub fn quarter_of(source: &Source<ReportNotes>) -> Option<Period> {
    let stem = source.path.file_stem()?.to_str()?;
    Period::parse(stem).filter(|p| p.quarter.is_some() && p.id() == stem)
}

/// Every error of the head's files of the repository.
pub fn check(repo: &Repository, out: &mut Vec<Diagnostic>) {
    if repo.report_notes.is_empty() {
        return;
    }
    let quarters = indicators::quarters_of(repo);
    for source in &repo.report_notes {
        let Some(period) = quarter_of(source) else {
            out.push(misnamed(source));
            continue;
        };
        if !quarters.contains(&period) {
            let span = (quarters.first(), quarters.last());
            let hint = match span {
                (Some(first), Some(last)) => format!(
                    "справки составляются за кварталы с {} по {}; переименуйте файл по кварталу справки или удалите его",
                    first.id(),
                    last.id()
                ),
                _ => "в репозитории нет случаев, и справок нет ни за один квартал".to_owned(),
            };
            out.push(
                Diagnostic::error(
                    &source.path,
                    None,
                    "report-period",
                    format!("за {} справки нет", period.label()),
                )
                .with_hint(hint),
            );
        }
        if let Some(date) = source.data.date
            && date < period.end()
        {
            let end = period.end().short_ru();
            out.push(
                Diagnostic::error(
                    &source.path,
                    Some(source.span(&["дата"])),
                    "report-date",
                    format!(
                        "справка за {} датирована раньше его конца ({end})",
                        period.label()
                    ),
                )
                .with_hint(format!(
                    "справку составляют по итогам квартала: дата — не раньше {end}"
                )),
            );
        }
    }
}

/// The error for a file of `reports/` whose name is no quarter.
fn misnamed(source: &Source<ReportNotes>) -> Diagnostic {
    let stem = source
        .path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let hint = match Period::parse(&stem).filter(|p| p.quarter.is_some()) {
        Some(p) => format!("переименуйте файл в {REPORTS_DIR}/{}.yaml", p.id()),
        None => format!(
            "файл называется по кварталу справки: {REPORTS_DIR}/ГГГГ-QN.yaml, например {REPORTS_DIR}/2025-Q1.yaml"
        ),
    };
    Diagnostic::error(
        &source.path,
        None,
        "file-name",
        "имя файла не называет квартал",
    )
    .with_hint(hint)
}
