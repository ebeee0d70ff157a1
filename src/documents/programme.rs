//! Программа социального сопровождения семьи (Положение о кураторе семьи, п. 1.5.2; Положение
//! о социальном сопровождении семей с детьми, пп. 5.5, 8.6): re-issued as a new edition at each
//! correction, earlier editions kept.

use serde::Serialize;

use super::{
    CaseHead, Document, Kind, OrgView, Signature, case_dir, date_long, date_short, to_json,
};
use crate::model::{Case, Config, CorrectionKind, Date, Programme};

#[derive(Serialize)]
struct ProgrammeView<'a> {
    org: &'a OrgView,
    title: &'static str,
    case: CaseHead,
    edition: usize,
    editions: usize,
    edition_date: String,
    draft: bool,
    approved: String,
    /// «от 30.01.2024 № РГ-1»: the protocol of the working-group meeting that approved it.
    approval_protocol: String,
    sent: String,
    acquainted: String,
    problems: Vec<String>,
    strengths: Vec<String>,
    goals: Vec<String>,
    measures: Vec<MeasureRow>,
    excluded: Vec<MeasureRow>,
    corrections: Vec<CorrectionRow>,
    signatures: Vec<Signature>,
}

#[derive(Serialize)]
struct MeasureRow {
    number: usize,
    task: String,
    action: String,
    executor: String,
    organisation: String,
    family_part: String,
    deadline: String,
    done: String,
    result: String,
}

#[derive(Serialize)]
struct CorrectionRow {
    date: String,
    kind: &'static str,
    description: String,
}

fn correction_label(kind: CorrectionKind) -> &'static str {
    match kind {
        CorrectionKind::Inclusion => "включение мероприятия",
        CorrectionKind::Exclusion => "исключение мероприятия",
        CorrectionKind::Priority => "изменение приоритета",
        CorrectionKind::Involvement => "привлечение субъекта системы профилактики",
    }
}

/// Every edition of the programme: the first as approved (or the draft), then one per change;
/// `approval_protocol` cites the protocol of the meeting that approved it.
pub fn programmes(
    case: &Case,
    config: &Config,
    org: &OrgView,
    approval_protocol: Option<String>,
) -> Vec<Document> {
    let Some(p) = &case.programme else {
        return Vec::new();
    };
    let Some(first) = p.approved.or(p.draft_presented) else {
        return Vec::new();
    };
    let mut dates: Vec<Date> = vec![first];
    // A new edition at each correction, and at each date a measure was included or excluded,
    // so no measure can fall between editions.
    let mut corrections: Vec<Date> = p
        .corrections
        .iter()
        .map(|c| c.date)
        .chain(
            p.measures
                .iter()
                .flat_map(|m| [m.included, m.excluded])
                .flatten(),
        )
        .filter(|d| *d > first)
        .collect();
    corrections.sort();
    corrections.dedup();
    dates.extend(corrections);
    let editions = dates.len();
    (0..editions)
        .map(|n| {
            edition(
                case,
                config,
                org,
                p,
                n,
                &dates,
                approval_protocol.as_deref(),
            )
        })
        .collect()
}

fn edition(
    case: &Case,
    config: &Config,
    org: &OrgView,
    p: &Programme,
    n: usize,
    dates: &[Date],
    approval_protocol: Option<&str>,
) -> Document {
    let at = dates[n];
    let head = CaseHead::new(case, config, at);
    // An edition is the text approved on its date: a completion mark made later is not in it
    // (execution is followed on the case page and in the next edition).
    let shown = |d: Option<Date>| d.filter(|d| *d <= at);
    let row = |(i, m): (usize, &crate::model::Measure)| MeasureRow {
        number: i + 1,
        task: m.task.clone(),
        action: m.action.clone(),
        executor: m.executor.clone(),
        organisation: m.organisation.clone().unwrap_or_default(),
        family_part: m.family_part.clone().unwrap_or_default(),
        deadline: date_short(m.deadline),
        done: shown(m.done).map(date_short).unwrap_or_default(),
        result: if shown(m.done).is_some() {
            m.result.clone().unwrap_or_default()
        } else {
            String::new()
        },
    };
    let in_edition: Vec<&crate::model::Measure> = p
        .measures
        .iter()
        .filter(|m| m.included.is_none_or(|d| d <= at))
        .collect();
    let measures = in_edition
        .iter()
        .copied()
        .filter(|m| m.excluded.is_none_or(|d| d > at))
        .enumerate()
        .map(row)
        .collect();
    let excluded = in_edition
        .iter()
        .copied()
        .filter(|m| m.excluded.is_some_and(|d| d <= at))
        .enumerate()
        .map(row)
        .collect();
    let draft = p.approved.is_none();
    let view = ProgrammeView {
        org,
        title: "Программа социального сопровождения семьи",
        edition: n + 1,
        editions: dates.len(),
        edition_date: date_long(at),
        draft,
        // The record holds these dates for the first edition only; later editions leave them
        // blank to be filled in by hand rather than show a date before the edition existed.
        approved: p
            .approved
            .filter(|_| n == 0)
            .map(date_long)
            .unwrap_or_default(),
        approval_protocol: approval_protocol
            .filter(|_| n == 0)
            .unwrap_or_default()
            .to_owned(),
        sent: p.sent.filter(|_| n == 0).map(date_long).unwrap_or_default(),
        acquainted: p
            .family_acquainted
            .filter(|_| n == 0)
            .map(date_long)
            .unwrap_or_default(),
        problems: case.family.problems.clone(),
        strengths: case.family.strengths.clone(),
        goals: p.goals.clone(),
        measures,
        excluded,
        corrections: p
            .corrections
            .iter()
            .filter(|c| c.date <= at)
            .map(|c| CorrectionRow {
                date: date_short(c.date),
                kind: correction_label(c.kind),
                description: c.description.clone(),
            })
            .collect(),
        signatures: vec![Signature::of(head.curator_position.clone(), &head.curator)],
        case: head,
    };
    let edition = n + 1;
    Document {
        kind: Kind::Programme,
        sources: super::case_sources(case),
        path: case_dir(&case.number).join(format!("программа-ред{edition}")),
        ident: format!("kurator/{}/programme/{edition}", case.number),
        title: if draft {
            "Проект программы социального сопровождения семьи".to_owned()
        } else {
            format!("Программа социального сопровождения семьи, редакция {edition}")
        },
        date: at,
        case: Some(case.number.clone()),
        data: to_json(&view),
    }
}
