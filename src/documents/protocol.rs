//! Протокол заседания социального консилиума (Положение о социальном сопровождении семей с
//! детьми, п. 6): one per meeting file. The families reviewed are those whose case files record
//! a decision of this meeting, so the protocol and the cases can never disagree.

use serde::Serialize;

use super::{Document, Kind, OrgView, Signature, date_long, date_short, to_json};
use crate::load::Repository;
use crate::model::{Meeting, MeetingKind};

#[derive(Serialize)]
struct ProtocolView<'a> {
    org: &'a OrgView,
    title: &'static str,
    number: String,
    date: String,
    chair: String,
    secretary: String,
    attendees: Vec<[String; 2]>,
    agenda: Vec<String>,
    families: Vec<Reviewed>,
    signatures: Vec<Signature>,
}

/// One family reviewed at the meeting.
#[derive(Serialize)]
struct Reviewed {
    case: String,
    family: String,
    /// The family in the genitive plural: «семья Кудрявцевых».
    family_of: String,
    category: String,
    curator: String,
    dynamics: &'static str,
    effectiveness: String,
    level: String,
    correction: String,
    decision: &'static str,
}

/// The agenda item kurator adds for the families reviewed: this head, their number, the tail.
const REVIEW_HEAD: &str = "Рассмотрение хода социального сопровождения семей (";
const REVIEW_TAIL: &str =
    "): динамика, эффективность мероприятий, уровень сопровождения, корректировка программ.";

/// Whether an agenda item is the one kurator adds (an anonymised protocol keeps it, and
/// withholds the items staff typed).
pub(super) fn is_review_item(item: &str) -> bool {
    item.strip_prefix(REVIEW_HEAD)
        .and_then(|rest| rest.strip_suffix(REVIEW_TAIL))
        .is_some_and(|count| !count.is_empty() && count.chars().all(|c| c.is_ascii_digit()))
}

/// The protocol of every meeting.
pub fn protocols(repo: &Repository, org: &OrgView) -> Vec<Document> {
    repo.meetings
        .iter()
        .map(|m| protocol(repo, org, &m.data, &m.file()))
        .collect()
}

/// The protocol of `meeting`, read from `file` (relative to the repository).
fn protocol(repo: &Repository, org: &OrgView, meeting: &Meeting, file: &str) -> Document {
    let title = match meeting.kind {
        MeetingKind::Consilium => "Протокол заседания социального консилиума",
        MeetingKind::WorkingGroup => "Протокол заседания рабочей группы",
    };
    let families: Vec<Reviewed> = repo
        .cases
        .iter()
        .map(|c| &c.data)
        .flat_map(|case| {
            case.consilium
                .iter()
                .filter(|d| d.meeting == meeting.date)
                .map(move |d| Reviewed {
                    case: case.number.clone(),
                    family: case.family.surname.clone(),
                    family_of: crate::grammar::family(&case.family.surname).genitive,
                    category: case.family.category.label().to_owned(),
                    curator: crate::rules::curator_on(case, meeting.date).to_owned(),
                    dynamics: super::dynamics_label(d.dynamics),
                    effectiveness: d.effectiveness.clone().unwrap_or_default(),
                    level: d.level.clone().unwrap_or_default(),
                    correction: d.correction.clone().unwrap_or_default(),
                    decision: super::decision_label(d.decision),
                })
        })
        .collect();
    let mut agenda = meeting.agenda.clone();
    if !families.is_empty() {
        agenda.push(format!("{REVIEW_HEAD}{}{REVIEW_TAIL}", families.len()));
    }
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
        agenda,
        families,
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
