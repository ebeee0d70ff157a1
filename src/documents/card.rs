//! Карточка случая: a summary of the family and where its case stands. The text is
//! `templates/card.txt`.

use serde::Serialize;

use super::{
    CaseHead, Document, Kind, OrgView, case_dir, date_long, date_opt, date_short, to_json,
};
use crate::body::Block;
use crate::model::{Case, Config, Stage};

#[derive(Serialize)]
struct CardView<'a> {
    org: &'a OrgView,
    mark: String,
    /// The card is a one-page summary: smaller type in the PDF.
    compact: Block,
    case: CaseHead,
    /// «сведения на» — the latest date written in the case, so the card does not depend on today.
    as_of: String,
    /// Where the case stands, label — value.
    facts: Block,
    members: Block,
    problems: Vec<String>,
    strengths: Vec<String>,
    /// «Диагностический — с 15.01.2024; Целевой — с …», or empty.
    stages: String,
    /// Date, previous curator, ground; none when the curator never changed.
    curator_changes: Option<Block>,
    /// «28.03.2024: динамика положительная, продолжить сопровождение; …», or empty.
    decisions: String,
    /// Date, ground and recommendations of a closed case.
    closure: Option<Block>,
    signatures: Block,
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
            (Some(a), _) => format!(
                "утверждена {}",
                super::programme::approval_on(p, latest, date_short)
                    .unwrap_or_else(|| date_short(a))
            ),
            (None, Some(d)) => format!("проект представлен {}", date_short(d)),
            (None, None) => "в работе".to_owned(),
        },
        None => "не составлена".to_owned(),
    };
    let head = CaseHead::new(case, config, latest);
    let current_stage = case.stages.started().last().map(|(s, _)| s.key());
    let status = match &case.closure {
        Some(c) => format!("закрыт {}", date_short(c.date)),
        None => "сопровождение продолжается".to_owned(),
    };
    let mut types = head.category.clone();
    if !head.types.is_empty() {
        types.push_str(&format!("; {}", head.types));
    }
    let urgency = match case.intake.urgency {
        crate::model::Urgency::Normal => "обычная",
        crate::model::Urgency::Emergency => "экстренная",
    };
    let last_visit = case.visits.iter().map(|v| v.date).max();
    let facts = [
        ("Семья", head.family.clone()),
        ("Адрес", head.address.clone()),
        ("Категория; тип семьи", types),
        (
            "Куратор",
            format!("{}, {}", head.curator, head.curator_position),
        ),
        (
            "Поступление информации",
            format!(
                "{}, {} (срочность: {urgency})",
                date_short(case.intake.date),
                case.intake.source
            ),
        ),
        (
            "Обстоятельства",
            case.intake.circumstances.clone().unwrap_or_default(),
        ),
        ("Постановка на учёт", date_opt(case.intake.registered)),
        ("Уровень сопровождения", super::current_level(case)),
        (
            "Состояние",
            match current_stage {
                Some(stage) => format!("{status}, этап: {stage}"),
                None => status,
            },
        ),
        (
            "Согласие на обработку ПДн",
            match &case.consent {
                Some(c) => match c.withdrawn {
                    Some(w) => format!("дано {}, отозвано {}", date_short(c.date), date_short(w)),
                    None => format!("дано {} ({})", date_short(c.date), c.signed_by),
                },
                None => "нет".to_owned(),
            },
        ),
        (
            "Договор",
            match &case.agreement {
                Some(a) => format!(
                    "№ {} от {}, действует до {}",
                    a.number,
                    date_short(a.date),
                    date_short(a.valid_until)
                ),
                None => "не заключён".to_owned(),
            },
        ),
        ("Программа", programme),
        (
            "Посещений семьи",
            match last_visit {
                Some(last) => format!("{}, последнее {}", case.visits.len(), date_short(last)),
                None => case.visits.len().to_string(),
            },
        ),
    ];
    let changes: Vec<Vec<String>> = case
        .curator_changes
        .iter()
        .map(|c| {
            vec![
                date_short(c.date),
                c.previous.clone(),
                super::replacement_label(c.ground).to_owned(),
            ]
        })
        .collect();
    let view = CardView {
        org,
        mark: config.confidentiality_mark(),
        compact: Block::Compact,
        as_of: date_long(latest),
        facts: Block::Fields {
            rows: facts
                .map(|(label, value)| [label.to_owned(), value])
                .to_vec(),
        },
        members: super::members_table(&head.members),
        problems: case.family.problems.clone(),
        strengths: case.family.strengths.clone(),
        stages: case
            .stages
            .started()
            .map(|(stage, start)| format!("{} — с {}", stage_label(stage), date_short(start)))
            .collect::<Vec<_>>()
            .join("; "),
        curator_changes: super::table_if_any(&["Дата", "Прежний куратор", "Основание"], changes),
        decisions: case
            .consilium
            .iter()
            .map(|d| {
                format!(
                    "{}: динамика {}, {}",
                    date_short(d.meeting),
                    super::dynamics_label(d.dynamics),
                    super::decision_label(d.decision)
                )
            })
            .collect::<Vec<_>>()
            .join("; "),
        closure: case.closure.as_ref().map(|c| Block::Fields {
            rows: vec![
                ["Дата".to_owned(), date_short(c.date)],
                [
                    "Основание".to_owned(),
                    super::ground_label(c.ground).to_owned(),
                ],
                [
                    "Рекомендации".to_owned(),
                    c.recommendations.clone().unwrap_or_default(),
                ],
            ],
        }),
        signatures: super::case_indicators::curator_signature(&head),
        case: head,
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
