//! Решение о признании семьи нуждающейся в социальном сопровождении и об открытии случая:
//! stages 3 and 4 of the case technology (Красносельский КЦСОН — признание нуждаемости,
//! открытие случая), taken by the director on the day the family is registered
//! (`поступление.постановка_на_учёт`, Положение о кураторе семьи, п. 1.5.1). It names the ground
//! (the source of the information), the category and the level of support, the curator, and
//! the deadlines that follow from the intake date: the working group informed within 5 working
//! days and the draft programme before it within 10 (п. 3.1; п. 1.5.2), counted with the
//! production calendar as `check` counts them. The text is `templates/opening.txt`.

use serde::Serialize;

use super::agreement::BY_HAND;
use super::{Document, Kind, OrgView, case_dir, date_long, date_short, to_json};
use crate::body::{Block, Signature};
use crate::calendar::Calendar;
use crate::grammar;
use crate::model::{Case, Category, Config, Date};
use crate::rules::{DRAFT_WORKING_DAYS, INFORMED_WORKING_DAYS};

#[derive(Serialize)]
struct OpeningView<'a> {
    org: &'a OrgView,
    mark: String,
    number: String,
    place_date: Block,
    /// «Кудрявцевых», after «семьи».
    family_of: String,
    address: String,
    /// 15.01.2024.
    intake_date: String,
    source: String,
    /// `поступление.обстоятельства`, or empty.
    circumstances: String,
    /// «17.01.2024».
    registered: String,
    /// «семья, находящаяся в социально опасном положении (СОП)».
    category: String,
    /// `уровень`, or empty.
    level: String,
    curator: String,
    curator_position: String,
    /// The last days for the working group to be informed and the draft to be presented.
    informed_due: String,
    draft_due: String,
    informed_days: u32,
    draft_days: u32,
    signatures: Block,
    /// The curator's signature and a date to write, under «Отметка об ознакомлении»: kurator.yaml
    /// does not say a curator's sex, so no word agrees with it.
    acquaintance: Block,
}

/// The decision of a registered case; none for a case not registered yet.
pub fn opening(
    case: &Case,
    config: &Config,
    org: &OrgView,
    calendar: &Calendar,
) -> Option<Document> {
    let registered = case.intake.registered?;
    let intake = case.intake.date;
    let curator = crate::rules::curator_on(case, registered).to_owned();
    let due = |days| {
        calendar
            .add_working_days(intake, days)
            .map(date_short)
            .unwrap_or_else(|_| BY_HAND.to_owned())
    };
    let view = OpeningView {
        org,
        mark: config.confidentiality_mark(),
        number: case.number.clone(),
        place_date: Block::PlaceDate {
            place: super::locality(&org.address),
            date: date_long(registered),
        },
        family_of: grammar::family(&case.family.surname).genitive,
        address: case.family.address.clone(),
        intake_date: date_short(intake),
        source: case.intake.source.clone(),
        circumstances: case.intake.circumstances.clone().unwrap_or_default(),
        registered: date_short(registered),
        category: category(case.family.category).to_owned(),
        level: case.level.clone().unwrap_or_default(),
        curator_position: grammar::lower_first(&super::position(config, &curator)),
        acquaintance: Block::Signatures {
            signatures: vec![Signature {
                position: "Куратор семьи".to_owned(),
                name: grammar::signature(&curator),
                date: super::application::DATE_BY_HAND.to_owned(),
            }],
        },
        curator,
        informed_due: due(INFORMED_WORKING_DAYS),
        draft_due: due(DRAFT_WORKING_DAYS),
        informed_days: INFORMED_WORKING_DAYS,
        draft_days: DRAFT_WORKING_DAYS,
        signatures: Block::Signatures {
            signatures: vec![Signature {
                position: org.director_position.clone(),
                name: org.director_signature.clone(),
                date: String::new(),
            }],
        },
    };
    Some(document(case, view, registered))
}

fn document(case: &Case, view: OpeningView<'_>, date: Date) -> Document {
    Document {
        kind: Kind::Opening,
        sources: super::case_sources(case),
        path: case_dir(&case.number).join("решение-об-открытии"),
        ident: format!("kurator/{}/opening", case.number),
        title: format!(
            "Решение о признании семьи нуждающейся в социальном сопровождении и об открытии случая № {}",
            case.number
        ),
        date,
        case: Some(case.number.clone()),
        data: to_json(&view),
    }
}

/// The category in full, as the decision names it after «к категории:».
fn category(category: Category) -> &'static str {
    match category {
        Category::Sop => "семья, находящаяся в социально опасном положении (СОП)",
        Category::Tzhs => "семья, находящаяся в трудной жизненной ситуации (ТЖС)",
        Category::NeedsSupport => "семья, нуждающаяся в поддержке",
    }
}
