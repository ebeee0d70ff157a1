//! Карточка случая: a one-page summary of the family and where its case stands.

use serde::Serialize;

use super::{
    CaseHead, Document, Kind, OrgView, case_dir, date_long, date_opt, date_short, to_json,
};
use crate::model::{Case, Config, Stage};

#[derive(Serialize)]
struct CardView<'a> {
    org: &'a OrgView,
    title: &'static str,
    case: CaseHead,
    /// «сведения на» — the latest date written in the case, so the card does not depend on today.
    as_of: String,
    intake_date: String,
    intake_source: String,
    urgency: &'static str,
    circumstances: String,
    registered: String,
    problems: Vec<String>,
    strengths: Vec<String>,
    level: String,
    stages: Vec<StageRow>,
    current_stage: String,
    curator_changes: Vec<[String; 3]>,
    consent: String,
    agreement: String,
    programme: String,
    visits: usize,
    last_visit: String,
    decisions: Vec<[String; 3]>,
    status: String,
    closure: Option<ClosureView>,
}

#[derive(Serialize)]
struct StageRow {
    name: String,
    start: String,
}

#[derive(Serialize)]
struct ClosureView {
    date: String,
    ground: String,
    recommendations: String,
}

/// The stage name with its capital letter: «Деятельностный».
pub fn stage_label(stage: Stage) -> String {
    crate::model::capitalise(stage.key())
}

/// The card of one case.
pub fn card(case: &Case, config: &Config, org: &OrgView) -> Document {
    let latest = super::latest_date(case);
    let programme = match &case.programme {
        Some(p) => match (p.approved, p.draft_presented) {
            (Some(a), _) => format!("утверждена {}", date_short(a)),
            (None, Some(d)) => format!("проект представлен {}", date_short(d)),
            (None, None) => "в работе".to_owned(),
        },
        None => "не составлена".to_owned(),
    };
    let view = CardView {
        org,
        title: "Карточка случая",
        case: CaseHead::new(case, config, latest),
        as_of: date_long(latest),
        intake_date: date_short(case.intake.date),
        intake_source: case.intake.source.clone(),
        urgency: match case.intake.urgency {
            crate::model::Urgency::Normal => "обычная",
            crate::model::Urgency::Emergency => "экстренная",
        },
        circumstances: case.intake.circumstances.clone().unwrap_or_default(),
        registered: date_opt(case.intake.registered),
        problems: case.family.problems.clone(),
        strengths: case.family.strengths.clone(),
        level: super::current_level(case),
        stages: case
            .stages
            .started()
            .map(|(stage, start)| StageRow {
                name: stage_label(stage),
                start: date_short(start),
            })
            .collect(),
        current_stage: case
            .stages
            .started()
            .last()
            .map(|(s, _)| stage_label(s))
            .unwrap_or_default(),
        curator_changes: case
            .curator_changes
            .iter()
            .map(|c| {
                [
                    date_short(c.date),
                    c.previous.clone(),
                    super::replacement_label(c.ground).to_owned(),
                ]
            })
            .collect(),
        consent: match &case.consent {
            Some(c) => match c.withdrawn {
                Some(w) => format!("дано {}, отозвано {}", date_short(c.date), date_short(w)),
                None => format!("дано {} ({})", date_short(c.date), c.signed_by),
            },
            None => "нет".to_owned(),
        },
        agreement: match &case.agreement {
            Some(a) => format!(
                "№ {} от {}, действует до {}",
                a.number,
                date_short(a.date),
                date_short(a.valid_until)
            ),
            None => "не заключён".to_owned(),
        },
        programme,
        visits: case.visits.len(),
        last_visit: date_opt(case.visits.iter().map(|v| v.date).max()),
        decisions: case
            .consilium
            .iter()
            .map(|d| {
                [
                    date_short(d.meeting),
                    super::dynamics_label(d.dynamics).to_owned(),
                    super::decision_label(d.decision).to_owned(),
                ]
            })
            .collect(),
        status: match &case.closure {
            Some(c) => format!("закрыт {}", date_short(c.date)),
            None => "сопровождение продолжается".to_owned(),
        },
        closure: case.closure.as_ref().map(|c| ClosureView {
            date: date_short(c.date),
            ground: super::ground_label(c.ground).to_owned(),
            recommendations: c.recommendations.clone().unwrap_or_default(),
        }),
    };
    Document {
        kind: Kind::Card,
        sources: super::case_sources(case),
        path: case_dir(&case.number).join("карточка"),
        ident: format!("kurator/{}/card", case.number),
        title: format!("Карточка случая № {}", case.number),
        date: latest,
        case: Some(case.number.clone()),
        data: to_json(&view),
    }
}
