//! Промежуточный анализ реализации программы: the curator «формирует промежуточный анализ о
//! реализации этапов реабилитации согласно ПССС и направляет его координатору» (Положение о
//! кураторе семьи, п. 3.1), one per `анализ:` entry of a case. From the record of the period
//! `с` – `по`: the programme's measures due in it, each done or not by the period's end with its
//! result; the consilium's decisions and the dynamics; the visits; then the curator's own
//! conclusions and proposals. The coordinator is the working group's head in kurator.yaml.
//! The text is `templates/interim.txt`.

use serde::Serialize;

use super::{
    Document, Kind, OrgView, case_dir, date_long, date_short, decision_label, dynamics_label,
    to_json,
};
use crate::body::{Block, Signature};
use crate::grammar::{self, Case as Declension};
use crate::model::{Analysis, Case, Config, Date};

#[derive(Serialize)]
struct InterimView<'a> {
    org: &'a OrgView,
    mark: String,
    addressee: Block,
    place_date: Block,
    number: String,
    family_of: String,
    from: String,
    to: String,
    case: Block,
    /// The measures due in the period, or none.
    measures: Option<Block>,
    due: usize,
    done: usize,
    not_done: usize,
    /// The consilium's decisions taken in the period, or none.
    decisions: Option<Block>,
    visits: usize,
    /// «, последнее — 18.04.2024», or empty.
    last_visit: String,
    conclusions: String,
    proposals: String,
    signatures: Block,
}

/// The analyses of a case, in the order recorded.
pub fn interim_analyses(case: &Case, config: &Config, org: &OrgView) -> Vec<Document> {
    case.analyses
        .iter()
        .map(|a| analysis(case, config, org, a))
        .collect()
}

fn analysis(case: &Case, config: &Config, org: &OrgView, a: &Analysis) -> Document {
    let within = |d: Date| a.from <= d && d <= a.to;
    let curator = crate::rules::curator_on(case, a.date).to_owned();
    let measures: Vec<&crate::model::Measure> = case
        .programme
        .iter()
        .flat_map(|p| &p.measures)
        .filter(|m| within(m.deadline))
        .filter(|m| m.included.is_none_or(|d| d <= a.to))
        .filter(|m| m.excluded.is_none_or(|d| d > m.deadline))
        .collect();
    let done_by_end = |m: &crate::model::Measure| m.done.filter(|d| *d <= a.to);
    let done = measures.iter().filter(|m| done_by_end(m).is_some()).count();
    let rows: Vec<Vec<String>> = measures
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let (mark, result) = match done_by_end(m) {
                Some(d) if d > m.deadline => (
                    format!("выполнено {} с нарушением срока", date_short(d)),
                    m.result.clone().unwrap_or_default(),
                ),
                Some(d) => (
                    format!("выполнено {}", date_short(d)),
                    m.result.clone().unwrap_or_default(),
                ),
                None => ("не выполнено".to_owned(), String::new()),
            };
            vec![
                format!("{}", i + 1),
                m.action.clone(),
                m.executor.clone(),
                date_short(m.deadline),
                mark,
                result,
            ]
        })
        .collect();
    let decisions: Vec<Vec<String>> = case
        .consilium
        .iter()
        .filter(|d| within(d.meeting))
        .map(|d| {
            vec![
                date_short(d.meeting),
                dynamics_label(d.dynamics).to_owned(),
                d.level.clone().unwrap_or_default(),
                decision_label(d.decision).to_owned(),
                d.correction.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let visits: Vec<Date> = case
        .visits
        .iter()
        .map(|v| v.date)
        .filter(|d| within(*d))
        .collect();
    let view = InterimView {
        org,
        mark: config.confidentiality_mark(),
        addressee: Block::Addressee {
            lines: coordinator(config),
        },
        place_date: super::curator_order::place_date(org, a.date),
        number: case.number.clone(),
        family_of: grammar::family(&case.family.surname).genitive,
        from: date_short(a.from),
        to: date_short(a.to),
        case: case_fields(case, &curator, a.date),
        measures: super::table_if_any(
            &[
                "№",
                "Мероприятие",
                "Исполнитель",
                "Срок",
                "Отметка о выполнении",
                "Результат",
            ],
            rows,
        ),
        due: measures.len(),
        done,
        not_done: measures.len() - done,
        decisions: super::table_if_any(
            &[
                "Заседание",
                "Динамика",
                "Уровень",
                "Решение",
                "Корректировка",
            ],
            decisions,
        ),
        visits: visits.len(),
        last_visit: visits
            .last()
            .map(|d| format!(", последнее — {}", date_short(*d)))
            .unwrap_or_default(),
        conclusions: a.conclusions.clone(),
        proposals: a.proposals.clone().unwrap_or_default(),
        signatures: Block::Signatures {
            signatures: vec![Signature {
                position: "Куратор семьи".to_owned(),
                name: grammar::signature(&curator),
                date: String::new(),
            }],
        },
    };
    Document {
        kind: Kind::Interim,
        sources: super::case_sources(case),
        path: case_dir(&case.number).join(format!("промежуточный-анализ-{}", a.date)),
        ident: format!("kurator/{}/interim/{}", case.number, a.date),
        title: format!(
            "Промежуточный анализ реализации программы за период с {} по {}",
            date_short(a.from),
            date_short(a.to)
        ),
        date: a.date,
        case: Some(case.number.clone()),
        data: to_json(&view),
    }
}

/// To whom the analysis goes: the coordinator, who heads the working group (kurator.yaml's
/// member whose position says so), in the dative.
fn coordinator(config: &Config) -> Vec<String> {
    let mut lines = vec!["Координатору социального сопровождения".to_owned()];
    let head = config
        .working_group
        .iter()
        .find(|p| p.position.contains("руководитель рабочей группы"));
    if let Some(head) = head {
        lines.push(config.staff(&head.name).declined(Declension::Dative));
    }
    lines
}

/// What the reader needs to find the case: number, address, category, the level of support on
/// `on`, the curator, the programme.
pub(super) fn case_fields(case: &Case, curator: &str, on: Date) -> Block {
    let approved = case
        .programme
        .as_ref()
        .and_then(|p| super::programme::approval_on(p, on, date_long));
    let level = case
        .consilium
        .iter()
        .filter(|d| d.meeting <= on)
        .filter_map(|d| d.level.clone())
        .next_back()
        .or_else(|| case.level.clone())
        .unwrap_or_default();
    let row = |label: &str, value: String| [label.to_owned(), value];
    Block::Fields {
        rows: vec![
            row("Случай №", case.number.clone()),
            row("Адрес", case.family.address.clone()),
            row("Категория семьи", case.family.category.label().to_owned()),
            row("Уровень сопровождения", level),
            row("Куратор семьи", curator.to_owned()),
            row("Программа утверждена", approved.unwrap_or_default()),
        ],
    }
}
