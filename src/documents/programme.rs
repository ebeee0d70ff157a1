//! Программа социального сопровождения семьи (Положение о кураторе семьи, п. 1.5.2; Положение
//! о социальном сопровождении семей с детьми, пп. 5.5, 8.6): re-issued as a new edition at each
//! correction, earlier editions kept.
//!
//! The text is `templates/programme.txt` (see `crate::body`). An edition is the text approved
//! on its date and nothing later: the measures in force then, the corrections made by then, the
//! meeting that approved it, when it was sent and when the family read it. Execution is not
//! part of the approved text (the case's final report follows it), so no completion mark is
//! printed; a later edition would otherwise show marks the working group never saw.

use serde::Serialize;

use super::application::DATE_BY_HAND;
use super::{CaseHead, Document, Kind, OrgView, case_dir, date_long, date_short, to_json};
use crate::body::table::Layout;
use crate::body::{Block, Signature};
use crate::load::Source;
use crate::model::{
    Case, Config, Correction, CorrectionKind, Date, Measure, Meeting, MeetingKind, Programme,
};

#[derive(Serialize)]
struct ProgrammeView<'a> {
    org: &'a OrgView,
    mark: String,
    /// Not approved yet: «ПРОЕКТ» instead of «УТВЕРЖДАЮ».
    draft: bool,
    /// «УТВЕРЖДАЮ» with the director and the date the edition was approved.
    approval: Block,
    case: CaseHead,
    edition: usize,
    /// 30.01.2024.
    edition_date: String,
    /// The first edition is «разработана впервые», a later one «повторно».
    first: bool,
    /// The edition it replaces.
    previous: usize,
    /// The corrections of the edition's date: why it was drawn up again.
    grounds: Vec<Ground>,
    /// «корректировкой» or «корректировками», after «в связи с».
    grounds_word: &'static str,
    /// «срок реализации с … по …».
    period: Period,
    problems: Vec<String>,
    strengths: Vec<String>,
    goals: Vec<String>,
    members: Option<Block>,
    measures: Option<Block>,
    excluded: Option<Block>,
    corrections: Option<Block>,
    working_group: Block,
    /// The meeting that approved the edition, if the data names one that exists.
    meeting: Option<MeetingRef>,
    /// The date the edition was approved, or empty.
    approved: String,
    /// The date it was sent, or a line to date by hand.
    sent: String,
    /// The organisations that carry out its measures: where it is sent (п. 1.5.2).
    recipients: String,
    signatures: Block,
    /// The applicant's signature under «С программой ознакомлена», with the date.
    acquaintance: Block,
}

/// A correction an edition is drawn up for.
#[derive(Serialize)]
struct Ground {
    date: String,
    kind: &'static str,
    meeting: Option<MeetingRef>,
}

/// A meeting as a paper cites it: «на заседании социального консилиума 27.06.2024, протокол № К-5».
#[derive(Serialize)]
struct MeetingRef {
    /// «рабочей группы», «социального консилиума».
    body: &'static str,
    date: String,
    number: String,
}

#[derive(Serialize)]
struct Period {
    from: String,
    until: String,
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
/// `meetings` are the repository's, for the protocols that approved each edition.
pub fn programmes(
    case: &Case,
    config: &Config,
    org: &OrgView,
    meetings: &[Source<Meeting>],
) -> Vec<Document> {
    let Some(p) = &case.programme else {
        return Vec::new();
    };
    let dates = edition_dates(p);
    let edition = Edition {
        case,
        config,
        org,
        p,
        meetings,
    };
    dates
        .iter()
        .enumerate()
        .map(|(n, at)| edition.document(n + 1, *at))
        .collect()
}

/// What every edition of one programme is made from.
struct Edition<'a> {
    case: &'a Case,
    config: &'a Config,
    org: &'a OrgView,
    p: &'a Programme,
    meetings: &'a [Source<Meeting>],
}

impl Edition<'_> {
    /// Edition `number` (from 1), in force from `at`.
    fn document(&self, number: usize, at: Date) -> Document {
        let (case, p) = (self.case, self.p);
        let head = CaseHead::new(case, self.config, at);
        let in_edition: Vec<&Measure> = p
            .measures
            .iter()
            .filter(|m| m.included.is_none_or(|d| d <= at))
            .collect();
        let (excluded, measures): (Vec<&Measure>, Vec<&Measure>) = in_edition
            .iter()
            .partition(|m| m.excluded.is_some_and(|d| d <= at));
        // The first edition's dates are the programme's own; a later edition's are those of
        // the corrections it is drawn up for.
        let ours: Vec<&Correction> = p.corrections.iter().filter(|c| c.date == at).collect();
        let first = number == 1;
        let meeting_date = match first {
            true => p.approval_meeting,
            false => ours.iter().find_map(|c| c.meeting),
        };
        let approved = match first {
            true => p.approved,
            false => p.approved.map(|_| meeting_date.unwrap_or(at)),
        };
        let latest =
            |get: fn(&Correction) -> Option<Date>| ours.iter().filter_map(|c| get(c)).max();
        let (sent, acquainted) = match first {
            true => (p.sent, p.family_acquainted),
            false => (latest(|c| c.sent), latest(|c| c.family_acquainted)),
        };
        let grounds = match ours.is_empty() {
            false => ours
                .iter()
                .map(|c| Ground {
                    date: date_short(c.date),
                    kind: correction_label(c.kind),
                    meeting: c.meeting.and_then(|d| self.meeting(d)),
                })
                .collect(),
            // A measure included or excluded on a day no correction records.
            true => changed_on(p, at),
        };
        let draft = p.approved.is_none();
        let by_hand =
            |d: Option<Date>| d.map(date_short).unwrap_or_else(|| DATE_BY_HAND.to_owned());
        let view = ProgrammeView {
            org: self.org,
            mark: self.config.confidentiality_mark(),
            draft,
            approval: super::approval(self.org, approved.map(date_long)),
            edition: number,
            edition_date: date_short(at),
            first,
            previous: number - 1,
            grounds_word: match grounds.len() {
                1 => "корректировкой",
                _ => "корректировками",
            },
            grounds,
            period: Period {
                from: date_short(p.approved.or(p.draft_presented).unwrap_or(at)),
                until: self
                    .until(at, &measures)
                    .map(date_short)
                    .unwrap_or_default(),
            },
            problems: case.family.problems.clone(),
            strengths: case.family.strengths.clone(),
            goals: p.goals.clone(),
            members: members(&head),
            measures: measure_table(&measures),
            excluded: measure_table(&excluded),
            corrections: corrections(p, at),
            working_group: self.working_group(&head),
            meeting: meeting_date.and_then(|d| self.meeting(d)),
            approved: approved.map(date_short).unwrap_or_default(),
            sent: by_hand(sent),
            recipients: recipients(&measures, self.org),
            signatures: Block::Signatures {
                signatures: vec![Signature {
                    position: "Куратор семьи".to_owned(),
                    name: head.curator_signature.clone(),
                    date: String::new(),
                }],
            },
            acquaintance: Block::Signatures {
                signatures: vec![Signature {
                    position: String::new(),
                    name: head.applicant_signature.clone(),
                    date: by_hand(acquainted),
                }],
            },
            case: head,
        };
        Document {
            kind: Kind::Programme,
            sources: super::case_sources(case),
            path: case_dir(&case.number).join(format!("программа-ред{number}")),
            ident: format!("kurator/{}/programme/{number}", case.number),
            title: if draft {
                "Проект программы социального сопровождения семьи".to_owned()
            } else {
                format!("Программа социального сопровождения семьи, редакция {number}")
            },
            date: at,
            case: Some(case.number.clone()),
            data: to_json(&view),
        }
    }

    /// The meeting of `date` as the paper cites it, if its file exists.
    fn meeting(&self, date: Date) -> Option<MeetingRef> {
        let m = &self.meetings.iter().find(|m| m.data.date == date)?.data;
        Some(MeetingRef {
            body: match m.kind {
                MeetingKind::WorkingGroup => "рабочей группы",
                MeetingKind::Consilium => "социального консилиума",
            },
            date: date_short(date),
            number: m.number.clone(),
        })
    }

    /// The last day of the programme as of `at`: the programme is part of the agreement
    /// (договор, п. 1.4), so it runs as long as the agreement with the supplements signed by
    /// then; without an agreement, until the last deadline of its measures.
    fn until(&self, at: Date, measures: &[&Measure]) -> Option<Date> {
        let agreement = self.case.agreement.as_ref().map(|a| {
            a.supplements
                .iter()
                .filter(|s| s.date <= at)
                .filter_map(|s| s.valid_until)
                .fold(a.valid_until, Date::max)
        });
        agreement.or_else(|| measures.iter().map(|m| m.deadline).max())
    }

    /// The working group of kurator.yaml and the family's curator: who drew the programme up.
    fn working_group(&self, head: &CaseHead) -> Block {
        let mut rows: Vec<Vec<String>> = self
            .config
            .working_group
            .iter()
            .map(|p| {
                let place = match &p.organisation {
                    Some(o) => format!("{}, {o}", p.position),
                    None => p.position.clone(),
                };
                vec![p.name.clone(), place]
            })
            .collect();
        rows.push(vec![
            head.curator.clone(),
            format!("{}, куратор семьи", head.curator_position),
        ]);
        Block::Table {
            header: vec!["ФИО".to_owned(), "Должность, организация".to_owned()],
            rows,
            layout: Layout::default(),
        }
    }
}

/// The inclusions and exclusions of measures dated `at`, each kind once: the ground of an
/// edition no correction records.
fn changed_on(p: &Programme, at: Date) -> Vec<Ground> {
    let kinds = [
        (
            CorrectionKind::Inclusion,
            p.measures.iter().any(|m| m.included == Some(at)),
        ),
        (
            CorrectionKind::Exclusion,
            p.measures.iter().any(|m| m.excluded == Some(at)),
        ),
    ];
    kinds
        .into_iter()
        .filter(|(_, changed)| *changed)
        .map(|(kind, _)| Ground {
            date: date_short(at),
            kind: correction_label(kind),
            meeting: None,
        })
        .collect()
}

/// The dates of a programme's editions, the first (approved, else its draft) first: a new
/// edition at each correction and at each date a measure was included or excluded, so no
/// measure can fall between editions.
pub fn edition_dates(p: &Programme) -> Vec<Date> {
    let Some(first) = p.approved.or(p.draft_presented) else {
        return Vec::new();
    };
    let mut later: Vec<Date> = p
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
    later.sort();
    later.dedup();
    std::iter::once(first).chain(later).collect()
}

/// How a summary names the approved programme on a date: «30.01.2024», and the edition in
/// force when a correction has followed — «30.01.2024; действует редакция № 2 от 27.06.2024».
pub fn approval_on(p: &Programme, on: Date, date: fn(Date) -> String) -> Option<String> {
    let approved = p.approved.filter(|a| *a <= on)?;
    let editions: Vec<Date> = edition_dates(p).into_iter().filter(|d| *d <= on).collect();
    Some(match editions.len() {
        0 | 1 => date(approved),
        n => format!(
            "{}; действует редакция № {n} от {}",
            date(approved),
            date(editions[n - 1])
        ),
    })
}

/// The family's members as the programme lists them, or none.
fn members(head: &CaseHead) -> Option<Block> {
    (!head.members.is_empty()).then(|| super::members_table(&head.members))
}

/// The columns of the plan of measures; `anonymise` names each by its index.
pub(super) const MEASURE_COLUMNS: [&str; 7] = [
    "№",
    "Задача",
    "Мероприятие",
    "Исполнитель",
    "Организация",
    "Участие семьи",
    "Срок",
];

/// A plan of measures, or none when it is empty.
fn measure_table(measures: &[&Measure]) -> Option<Block> {
    let rows: Vec<Vec<String>> = measures
        .iter()
        .enumerate()
        .map(|(i, m)| {
            vec![
                (i + 1).to_string(),
                m.task.clone(),
                m.action.clone(),
                m.executor.clone(),
                m.organisation.clone().unwrap_or_default(),
                m.family_part.clone().unwrap_or_default(),
                date_short(m.deadline),
            ]
        })
        .collect();
    (!rows.is_empty()).then(|| Block::Table {
        header: MEASURE_COLUMNS.map(str::to_owned).to_vec(),
        rows,
        layout: Layout::default(),
    })
}

/// The corrections made by `at`, or none.
fn corrections(p: &Programme, at: Date) -> Option<Block> {
    let rows: Vec<Vec<String>> = p
        .corrections
        .iter()
        .filter(|c| c.date <= at)
        .map(|c| {
            vec![
                date_short(c.date),
                correction_label(c.kind).to_owned(),
                c.description.clone(),
            ]
        })
        .collect();
    (!rows.is_empty()).then(|| Block::Table {
        header: ["Дата", "Вид корректировки", "Содержание"]
            .map(str::to_owned)
            .to_vec(),
        rows,
        layout: Layout::default(),
    })
}

/// The organisations named in the measures but the centre itself, each once, in the order of
/// the plan.
fn recipients(measures: &[&Measure], org: &OrgView) -> String {
    let mut seen: Vec<&str> = Vec::new();
    for m in measures {
        if let Some(o) = m.organisation.as_deref()
            && !seen.contains(&o)
            && o != org.short_name
            && o != org.full_name
        {
            seen.push(o);
        }
    }
    seen.join("; ")
}
