//! Квартальная аналитическая справка, for the centre and for each curator: what the curator
//! presents to the working group every quarter (Положение о кураторе случая, п. 2.3: the dynamics
//! of each family, the effectiveness of measures, proposed changes to programmes). The text is
//! `templates/report.txt`; its tables are made from the view's rows with the body.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;
use serde_json::Value;

use super::figure_rows::{self, MovementColumn};
use super::report_head::{AnalysisSection, Head, Requisites};
use super::tables::{self, Column, From::At, From::Field, column};
use super::{Document, Kind, OrgView, date_short, to_json};
use crate::body::Block;
use crate::body::table::{Align, Layout};
use crate::calendar::Calendar;
use crate::indicators::{self, Change, Figures, Inspected, Period, Scope};
use crate::load::Repository;
use crate::model::{CENTRE_SLUG, Case, CorrectionKind, Date, name_slug};
use crate::rules::{Finding, Status};

#[derive(Serialize)]
struct ReportView<'a> {
    org: &'a OrgView,
    /// The справка names families (overdue work, violations): personal data.
    mark: &'a str,
    scope: String,
    period: String,
    start: String,
    end: String,
    movement: Vec<[String; 2]>,
    stages: Vec<[String; 2]>,
    families: Vec<FamilyRow>,
    /// What is overdue at the quarter's end and can still be done.
    overdue: Vec<OverdueRow>,
    /// Violations of the quarter that can no longer be put right (a visit of a month gone by):
    /// apart from the overdue, and only the quarter's own — earlier ones were in their справка.
    violations: Vec<OverdueRow>,
    proposals: Vec<[String; 3]>,
    /// The registration requisites of the centre's справка; none on a curator's.
    requisites: Option<Requisites>,
    /// The head's conclusions, then proposals; none on a curator's.
    analysis: Option<[AnalysisSection; 2]>,
    signature: super::Signature,
}

#[derive(Serialize)]
struct FamilyRow {
    case: String,
    family: String,
    category: String,
    curator: String,
    stage: String,
    dynamics: String,
    effectiveness: String,
    criteria: String,
}

#[derive(Serialize)]
struct OverdueRow {
    case: String,
    status: &'static str,
    due: String,
    message: String,
    /// The regulation and clause; what an anonymised report shows instead of the message,
    /// which may quote what staff typed.
    clause: &'static str,
}

/// The scope line of the centre's report.
pub(super) const CENTRE_SCOPE: &str = "по учреждению в целом";
/// The scope line of a curator's report, before the name.
pub(super) const CURATOR_SCOPE: &str = "куратор семей ";
/// What a proposal row says before «: » and the text staff typed.
const CONSILIUM_PROPOSAL: &str = "предложено консилиумом";

/// Whether `head` is one of the kinds of change kurator writes before a proposal's text.
pub(super) fn is_proposal_head(head: &str) -> bool {
    head == CONSILIUM_PROPOSAL
        || [
            CorrectionKind::Inclusion,
            CorrectionKind::Exclusion,
            CorrectionKind::Priority,
            CorrectionKind::Involvement,
        ]
        .into_iter()
        .any(|k| proposal_kind(k) == head)
}

/// The kind of a programme change as the report's proposals name it.
fn proposal_kind(kind: CorrectionKind) -> &'static str {
    match kind {
        CorrectionKind::Inclusion => "включение мероприятий",
        CorrectionKind::Exclusion => "исключение мероприятий",
        CorrectionKind::Priority => "изменение приоритета",
        CorrectionKind::Involvement => "привлечение субъектов профилактики",
    }
}

/// The centre's report and each curator's for every quarter among `figures`.
pub fn reports(
    repo: &Repository,
    calendar: &Calendar,
    org: &OrgView,
    figures: &[Figures],
) -> Vec<Document> {
    let mut docs = Vec::new();
    let all: Vec<&Case> = repo.cases.iter().map(|c| &c.data).collect();
    for quarter in figures.iter().filter(|f| f.period().quarter.is_some()) {
        let period = quarter.period();
        let (findings, _) = crate::rules::findings(repo, calendar, period.end());
        let overdue: Vec<&Finding> = findings
            .iter()
            .filter(|x| matches!(x.status, Status::Overdue | Status::OverLimit))
            .collect();
        let head = Head::of(repo, period);
        docs.push(report(quarter, org, &head, Scope::Centre, &all, &overdue));
        // Each case and each finding goes to its curator in one pass: a curator's report
        // that looked through every case and finding would make the reports quadratic.
        let mut by_curator: BTreeMap<&str, (Vec<&Case>, Vec<&Finding>)> = BTreeMap::new();
        let mut curator_of: HashMap<&str, &str> = HashMap::new();
        for case in &all {
            let curator = indicators::responsible(case, period);
            by_curator.entry(curator).or_default().0.push(case);
            curator_of.insert(case.number.as_str(), curator);
        }
        for finding in &overdue {
            let curator = match &finding.case {
                Some(number) => curator_of.get(number.as_str()).copied(),
                None => Some(finding.curator.as_str()),
            };
            if let Some(mine) = curator.and_then(|c| by_curator.get_mut(c)) {
                mine.1.push(finding);
            }
        }
        // A curator has a report for the quarter when a family was theirs on some day of it,
        // including one who handed every family over (seed 003, п. 1.9): the figures list them.
        for curator in &quarter.curators {
            let (cases, findings) = by_curator
                .get(curator.curator.as_str())
                .map_or((&[][..], &[][..]), |(c, f)| (c.as_slice(), f.as_slice()));
            let scope = Scope::Curator(&curator.curator);
            docs.push(report(quarter, org, &head, scope, cases, findings));
        }
    }
    docs
}

/// The справка's tables, the lines for the head to write on and the signature, from the view
/// (an anonymised one too): `@insert movement_table` … `@insert signatures`.
pub(super) fn components(view: &mut Value) {
    let figures = |label: &'static str, value: &'static str| {
        [
            column(label, At(0), 5, Align::Left),
            column(value, At(1), 1, Align::Center),
        ]
    };
    let narrow = Layout {
        narrow: true,
        labelled: true,
        ..Layout::default()
    };
    let tables = [
        (
            "movement",
            figures("Показатель", "Значение"),
            narrow.clone(),
        ),
        ("stages", figures("Этап", "Семей"), narrow),
    ];
    for (key, columns, layout) in tables {
        let table = tables::from_view(view, key, &columns, layout);
        tables::put(view, &format!("{key}_table"), table);
    }
    let families = tables::from_view(view, "families", &FAMILY_COLUMNS, Layout::default());
    tables::put(view, "families_table", families);
    for key in ["overdue", "violations"] {
        let table = tables::from_view(view, key, &FINDING_COLUMNS, Layout::default());
        tables::put(view, &format!("{key}_table"), table);
    }
    let proposals = tables::from_view(view, "proposals", &PROPOSAL_COLUMNS, Layout::default());
    tables::put(view, "proposals_table", proposals);
    tables::put(view, "ruled", Block::Ruled { lines: 4 });
    tables::put_signature(view, "/signature/position", "/signature/name");
}

/// «Динамика семей за квартал»: the date and the stage on one line, the text in the two wide
/// columns (widths in mm of the landscape sheet, as the old справка had them).
const FAMILY_COLUMNS: [Column<'static>; 8] = [
    column("Случай", Field("case"), 19, Align::Left),
    column("Семья", Field("family"), 25, Align::Left),
    column("Категория", Field("category"), 26, Align::Center),
    column("Куратор", Field("curator"), 31, Align::Left),
    column("Этап", Field("stage"), 36, Align::Left),
    column("Динамика (консилиум)", Field("dynamics"), 36, Align::Left),
    column(
        "Эффективность мероприятий",
        Field("effectiveness"),
        47,
        Align::Left,
    ),
    column(
        "Критерии: последнее обследование в квартале против предыдущего",
        Field("criteria"),
        47,
        Align::Left,
    ),
];

/// The overdue and the violations of the quarter.
const FINDING_COLUMNS: [Column<'static>; 4] = [
    column("Случай", Field("case"), 19, Align::Left),
    column("Состояние", Field("status"), 28, Align::Left),
    column("Срок", Field("due"), 24, Align::Center),
    column("Что", Field("message"), 196, Align::Left),
];

/// Changes to the programmes.
const PROPOSAL_COLUMNS: [Column<'static>; 3] = [
    column("Случай", At(0), 19, Align::Left),
    column("Дата", At(1), 24, Align::Center),
    column("Изменение", At(2), 224, Align::Left),
];

/// The figures table of a report: the movement (rows that add up, indicators::movement), a
/// curator's highest load, and the children.
fn figure_rows(figures: &Figures, scope: Scope<'_>) -> Vec<[String; 2]> {
    let curator = match scope {
        Scope::Centre => None,
        Scope::Curator(name) => figures.curator(name),
    };
    let column = curator.map_or(
        MovementColumn::centre(&figures.movement),
        MovementColumn::curator,
    );
    let mut rows: Vec<[String; 2]> = figure_rows::movement(&[column], &[])
        .into_iter()
        .map(|(label, values)| [label, values[0].to_string()])
        .collect();
    if let Some(c) = curator {
        rows.push([
            "Наибольшая нагрузка за период, % нормы (п. 1.8)".to_owned(),
            // Rounded half up, as a person counts (formatting would round 12,5 to 12).
            format!("{}", (c.max_load * 100.0).round()),
        ]);
        rows.push([
            "Дней сверх нормы нагрузки".to_owned(),
            c.days_over_limit.to_string(),
        ]);
    }
    let children = curator.map_or(&figures.children, |c| &c.children);
    rows.extend(
        figure_rows::children(children)
            .into_iter()
            .map(|(label, n)| [label, n.to_string()]),
    );
    rows
}

/// The report of a scope: `in_scope` are its cases, `overdue` the quarter's overdue and
/// over-limit findings that may concern it (all of them, or those of the curator's cases).
fn report(
    figures: &Figures,
    org: &OrgView,
    head: &Head<'_>,
    scope: Scope<'_>,
    in_scope: &[&Case],
    overdue: &[&Finding],
) -> Document {
    let period = figures.period();
    let (start, end) = (period.start(), period.end());
    let cases: Vec<&Case> = in_scope
        .iter()
        .copied()
        .filter(|c| indicators::active_in(c, period))
        .collect();
    let stages = match scope {
        Scope::Centre => &figures.stages,
        Scope::Curator(name) => figures.curator(name).map_or(&figures.stages, |c| &c.stages),
    };
    let stages = stages
        .iter()
        .map(|s| [s.stage.clone(), s.families.to_string()])
        .collect();
    let open_at_end: BTreeSet<&str> = cases
        .iter()
        .filter(|c| crate::rules::is_open(c, end))
        .map(|c| c.number.as_str())
        .collect();
    let (violations, overdue): (Vec<&&Finding>, Vec<&&Finding>) = overdue
        .iter()
        .filter(|x| match (&x.case, scope) {
            (Some(n), _) => open_at_end.contains(n.as_str()),
            (None, Scope::Centre) => true,
            (None, Scope::Curator(name)) => x.curator == name,
        })
        .filter(|x| !x.is_past() || x.due.is_some_and(|d| d >= start))
        .partition(|x| x.is_past());
    let row = |x: &&&Finding| OverdueRow {
        case: x.case.clone().unwrap_or_default(),
        // «просрочено» reads as still to do; a past one can only be recorded.
        status: if x.is_past() {
            "нарушен срок"
        } else {
            x.status.label()
        },
        due: x.due.map(date_short).unwrap_or_default(),
        // A finding of no case (a curator's load) names whose it is.
        message: match (&x.case, x.curator.is_empty()) {
            (None, false) => format!("{}: {}", x.curator, x.message),
            _ => x.message.clone(),
        },
        clause: x.clause,
    };
    let (overdue, violations) = (
        overdue.iter().map(row).collect(),
        violations.iter().map(row).collect(),
    );
    let mut sources = super::sources(&super::REPORT_SOURCES);
    let (title, scope_text, path_tail, signature) = match scope {
        Scope::Centre => (
            format!("Аналитическая справка за {}", period.label()),
            CENTRE_SCOPE.to_owned(),
            CENTRE_SLUG.to_owned(),
            head.signer(org),
        ),
        Scope::Curator(name) => (
            format!("Аналитическая справка за {} — {name}", period.label()),
            format!("{CURATOR_SCOPE}{name}"),
            name_slug(name),
            super::Signature::of("Куратор семьи", name),
        ),
    };
    let centre = matches!(scope, Scope::Centre);
    if centre {
        sources.extend(head.source());
    }
    let view = ReportView {
        org,
        mark: &org.confidential,
        scope: scope_text,
        period: period.label(),
        start: date_short(start),
        end: date_short(end),
        movement: figure_rows(figures, scope),
        stages,
        families: cases.iter().map(|c| family_row(c, period)).collect(),
        overdue,
        violations,
        proposals: cases.iter().flat_map(|c| proposals(c, period)).collect(),
        requisites: centre.then(|| head.requisites()),
        analysis: centre.then(|| head.analysis()),
        signature,
    };
    let id = period.id();
    Document {
        kind: Kind::Report,
        sources,
        path: format!("отчёты/{id}/справка-{id}-{path_tail}").into(),
        ident: format!("kurator/report/{id}/{path_tail}"),
        title,
        // The period's end, not the head's date: the pack picks a quarter's справки by it.
        date: end,
        case: None,
        data: to_json(&view),
    }
}

/// A family's dynamics in the quarter: the consilium's word and the criteria of the latest
/// inspection in the quarter against the latest one before it.
fn family_row(case: &Case, period: Period) -> FamilyRow {
    let decisions: Vec<_> = case
        .consilium
        .iter()
        .filter(|d| period.contains(d.meeting))
        .collect();
    let dynamics = decisions
        .iter()
        .map(|d| {
            format!(
                "{} ({})",
                super::dynamics_label(d.dynamics),
                date_short(d.meeting)
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    let effectiveness = decisions
        .iter()
        .filter_map(|d| d.effectiveness.clone())
        .collect::<Vec<_>>()
        .join(" ");
    let criteria = match indicators::criteria_within(case, period) {
        Inspected::Not => "в квартале не обследовалась".to_owned(),
        Inspected::First(date) => format!("первое обследование {}", date_short(date)),
        Inspected::Compared(before, latest, changes) => {
            let count = |c| changes.iter().filter(|x| x.change == c).count();
            format!(
                "{} против {}: улучшение {}, без изменений {}, ухудшение {}",
                date_short(latest),
                date_short(before),
                count(Change::Improved),
                count(Change::Unchanged),
                count(Change::Worse)
            )
        }
    };
    FamilyRow {
        case: case.number.clone(),
        family: case.family.surname.clone(),
        category: case.family.category.label().to_owned(),
        curator: indicators::responsible(case, period).to_owned(),
        stage: match &case.closure {
            Some(c) if c.date <= period.end() => format!("снята {}", date_short(c.date)),
            _ => indicators::stage_on(case, period.end()),
        },
        dynamics: if dynamics.is_empty() {
            "консилиум в квартале не рассматривал".to_owned()
        } else {
            dynamics
        },
        effectiveness,
        criteria,
    }
}

/// Changes to the programme in the quarter: corrections, inclusions, exclusions and what the
/// consilium proposed.
fn proposals(case: &Case, period: Period) -> Vec<[String; 3]> {
    let mut rows = Vec::new();
    if let Some(p) = &case.programme {
        for c in p.corrections.iter().filter(|c| period.contains(c.date)) {
            rows.push((
                c.date,
                format!("{}: {}", proposal_kind(c.kind), c.description),
            ));
        }
    }
    let recorded: Vec<Date> = case
        .programme
        .iter()
        .flat_map(|p| &p.corrections)
        .filter_map(|c| c.meeting)
        .collect();
    // A proposal the programme already records as a correction is listed once, as the latter.
    for d in case
        .consilium
        .iter()
        .filter(|d| period.contains(d.meeting) && !recorded.contains(&d.meeting))
    {
        if let Some(text) = &d.correction {
            rows.push((d.meeting, format!("{CONSILIUM_PROPOSAL}: {text}")));
        }
    }
    rows.sort_by_key(|(date, _)| *date);
    rows.into_iter()
        .map(|(date, text)| [case.number.clone(), date_short(date), text])
        .collect()
}
