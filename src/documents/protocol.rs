//! Протокол заседания социального консилиума или рабочей группы (Положение о социальном
//! сопровождении семей с детьми, п. 6): one per meeting file. Every agenda item is printed as
//! the paper has it — СЛУШАЛИ, ВЫСТУПИЛИ, РЕШИЛИ with the responsible person and the deadline.
//! The questions typed in the meeting file come first; then kurator adds one item for each
//! programme approved at the meeting and one for each family reviewed, both read from the case
//! files, so the protocol and the cases can never disagree.

use serde::Serialize;

use super::{Document, Kind, OrgView, Signature, date_long, date_short, to_json};
use crate::grammar::{self, Person};
use crate::load::Repository;
use crate::model::{AgendaItem, Case, ConsiliumDecision, Date, Meeting, MeetingKind, capitalise};

#[derive(Serialize)]
struct ProtocolView<'a> {
    org: &'a OrgView,
    title: &'static str,
    number: String,
    date: String,
    chair: String,
    secretary: String,
    attendees: Vec<[String; 2]>,
    items: Vec<Item>,
    signatures: Vec<Signature>,
}

/// One numbered question of the protocol, as printed.
#[derive(Serialize)]
struct Item {
    number: usize,
    /// The question as the agenda lists it.
    question: String,
    /// The case the item is about, for items kurator adds; empty for typed questions.
    case: String,
    /// СЛУШАЛИ: the speaker in the accusative, then «— о …».
    heard: String,
    /// ВЫСТУПИЛИ: `[name, what they said]`.
    spoke: Vec<[String; 2]>,
    /// РЕШИЛИ.
    decision: String,
    responsible: String,
    deadline: String,
    /// «за — 9, против — 0, воздержались — 0», or empty when nobody voted.
    vote: String,
}

/// The protocol of every meeting.
pub fn protocols(repo: &Repository, org: &OrgView) -> Vec<Document> {
    repo.meetings
        .iter()
        .map(|m| protocol(repo, org, &m.data, &m.file()))
        .collect()
}

/// The heads of the questions kurator adds, each followed by « <family> (случай № <number>)».
const REVIEW_HEAD: &str = "О ходе социального сопровождения семьи";
const APPROVAL_HEAD: &str = "Об утверждении программы социального сопровождения семьи";

/// A question kurator adds: its head and the family.
fn question(head: &str, case: &Case) -> String {
    let family = grammar::family(&case.family.surname).genitive;
    format!("{head} {family} (случай № {})", case.number)
}

/// A question kurator wrote, split into its head and the case number (an anonymised protocol
/// keeps these and names the family by number); `None` for a question staff typed.
pub(super) fn generated_question(text: &str) -> Option<(&'static str, &str)> {
    let (rest, case) = text.strip_suffix(')')?.rsplit_once(" (случай № ")?;
    let head = [REVIEW_HEAD, APPROVAL_HEAD]
        .into_iter()
        .find(|h| rest.strip_prefix(h).is_some_and(|r| r.starts_with(' ')))?;
    Some((head, case))
}

/// «СЛУШАЛИ»: the speaker declined («Лаврентьеву Г. С.») and what they spoke about.
fn heard(speaker: &str, about: &str) -> String {
    let name = Person::new(speaker, None).declined(grammar::Case::Accusative);
    match about.trim() {
        "" => name,
        about if about.ends_with(['.', '!', '?', '…']) => format!("{name} — {about}"),
        about => format!("{name} — {about}."),
    }
}

fn typed(item: &AgendaItem) -> Item {
    Item {
        number: 0,
        question: item.question.clone(),
        case: String::new(),
        heard: heard(&item.speaker, item.report.as_deref().unwrap_or_default()),
        spoke: item
            .speeches
            .iter()
            .map(|s| [s.name.clone(), s.text.clone()])
            .collect(),
        decision: item.decision.clone(),
        responsible: item.responsible.clone().unwrap_or_default(),
        deadline: item.deadline.map(date_short).unwrap_or_default(),
        vote: item
            .vote
            .map(|v| {
                format!(
                    "за — {}, против — {}, воздержались — {}",
                    v.yes, v.no, v.abstained
                )
            })
            .unwrap_or_default(),
    }
}

/// The item kurator adds for a programme approved at this meeting: the curator reports the
/// draft; the decision approves it and sends it out within 3 working days (Положение о
/// кураторе семьи, п. 1.5.2).
fn approval(repo: &Repository, case: &Case, date: Date) -> Item {
    let family = grammar::family(&case.family.surname).genitive;
    let curator = crate::rules::curator_on(case, date);
    let goals = case
        .programme
        .as_ref()
        .map(|p| p.goals.join("; "))
        .unwrap_or_default();
    let about = match goals.is_empty() {
        true => "о проекте программы".to_owned(),
        false => format!("о проекте программы; цели: {goals}"),
    };
    let sent = repo
        .calendar()
        .add_working_days(date, crate::rules::SENT_WORKING_DAYS)
        .ok();
    Item {
        number: 0,
        question: question(APPROVAL_HEAD, case),
        case: case.number.clone(),
        heard: heard(curator, &about),
        spoke: Vec::new(),
        decision: format!(
            "Утвердить программу социального сопровождения семьи {family}. Направить утверждённую программу всем заинтересованным структурам в течение {} рабочих дней.",
            crate::rules::SENT_WORKING_DAYS
        ),
        responsible: curator.to_owned(),
        deadline: sent.map(date_short).unwrap_or_default(),
        vote: String::new(),
    }
}

/// The item kurator adds for a family reviewed at this meeting: the curator reports the
/// dynamics and the effectiveness, the decision is the one the case file records.
fn review(case: &Case, d: &ConsiliumDecision) -> Item {
    let curator = crate::rules::curator_on(case, d.meeting);
    let mut about = format!(
        "о ходе сопровождения ({}): динамика {}",
        case.family.category.label(),
        super::dynamics_label(d.dynamics)
    );
    if let Some(effectiveness) = d.effectiveness.as_deref() {
        about.push_str(&format!("; эффективность мероприятий: {effectiveness}"));
    }
    let mut decision = capitalise(super::decision_label(d.decision));
    decision.push('.');
    // A family whose support ends gets no level of support.
    if let Some(level) = d.level.as_deref()
        && d.decision != crate::model::Decision::Close
    {
        decision.push_str(&format!(" Уровень сопровождения: {level}."));
    }
    if let Some(correction) = d.correction.as_deref() {
        decision.push_str(&format!(" Корректировка программы: {correction}"));
        if !correction.ends_with('.') {
            decision.push('.');
        }
    }
    Item {
        number: 0,
        question: question(REVIEW_HEAD, case),
        case: case.number.clone(),
        heard: heard(curator, &about),
        spoke: Vec::new(),
        decision,
        responsible: curator.to_owned(),
        deadline: String::new(),
        vote: String::new(),
    }
}

/// The protocol of `meeting`, read from `file` (relative to the repository).
fn protocol(repo: &Repository, org: &OrgView, meeting: &Meeting, file: &str) -> Document {
    let title = match meeting.kind {
        MeetingKind::Consilium => "Протокол заседания социального консилиума",
        MeetingKind::WorkingGroup => "Протокол заседания рабочей группы",
    };
    let cases = || repo.cases.iter().map(|c| &c.data);
    let approvals = cases()
        .filter(|c| {
            c.programme
                .as_ref()
                .is_some_and(|p| p.approval_meeting == Some(meeting.date))
        })
        .map(|c| approval(repo, c, meeting.date));
    let reviews = cases().flat_map(|case| {
        case.consilium
            .iter()
            .filter(|d| d.meeting == meeting.date)
            .map(move |d| review(case, d))
    });
    let items: Vec<Item> = meeting
        .agenda
        .iter()
        .map(typed)
        .chain(approvals)
        .chain(reviews)
        .enumerate()
        .map(|(i, item)| Item {
            number: i + 1,
            ..item
        })
        .collect();
    let view = ProtocolView {
        org,
        title,
        number: meeting.number.clone(),
        date: date_long(meeting.date),
        chair: meeting.chair.clone(),
        secretary: meeting.secretary.clone(),
        attendees: meeting
            .attendees
            .iter()
            .map(|a| [a.name.clone(), a.position.clone()])
            .collect(),
        items,
        signatures: vec![
            Signature::of("Председатель", &meeting.chair),
            Signature::of("Секретарь", &meeting.secretary),
        ],
    };
    let stamp = meeting.date.to_string();
    let what = match meeting.kind {
        MeetingKind::Consilium => "консилиума",
        MeetingKind::WorkingGroup => "рабочей-группы",
    };
    Document {
        kind: Kind::Protocol,
        sources: super::sources(&[file, "cases/", "kurator.yaml"]),
        path: format!("протоколы/протокол-{what}-{stamp}").into(),
        ident: format!("kurator/protocol/{stamp}"),
        title: format!(
            "{title} № {} от {}",
            meeting.number,
            date_short(meeting.date)
        ),
        date: meeting.date,
        case: None,
        data: to_json(&view),
    }
}
