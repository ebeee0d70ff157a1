//! Обезличивание for bodies outside the centre, decided by construction rather than by searching.
//!
//! Staff type family members' names into free text in every form a search misses — declined,
//! hyphenated, «е» for «ё», with a soft hyphen or a Latin «о» inside, as «А. В. Петрова» — and
//! a search that replaces a short surname («Ли») as a substring damages staff names
//! («Лихачёва Г. С.»). So nothing is searched: each document kind has an allow-list of the
//! places of its view (`policy`), each with a `Rule` saying what an outsider receives there.
//! A string at a place the list does not name is replaced by [`WITHHELD`], so a field added
//! to a view later leaves the centre only once someone puts it on the list. The view keeps its
//! shape (the same keys, the same number of rows), so every template, the repository's own
//! included, renders it; empty strings stay empty, so a template still leaves out what was
//! never written.
//!
//! What passes: what kurator itself writes (labels, figures, dates of events, the
//! organisation from kurator.yaml, the provenance stamp), values from closed lists (categories,
//! family types and levels that kurator.yaml lists, kinship words), the case number, and staff
//! names exactly as kurator.yaml writes them (or as a signature prints them, initials first).
//! A family is «№ <case>», a member is a kinship word
//! (else «член семьи»); names, addresses, phones, birth dates, occupations and free text are
//! never copied.

use std::collections::{BTreeSet, HashMap};

use serde_json::{Map, Value};

use super::{Document, Kind, date_short};
use crate::load::Repository;
use crate::model::names::normalise;
use crate::model::{Case, Config, Person, YesNo};

/// What stands in an anonymised document in place of text that staff typed.
pub const WITHHELD: &str = "(текст не включён в обезличенный пакет)";

/// What stands in place of a personal datum (a name, an address, a birth date, an occupation).
pub const NOT_GIVEN: &str = "не указывается";

/// What stands at one place of a view in an anonymised document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    /// Kept as it is, with everything under it: kurator wrote it (labels, figures, dates of
    /// events) or took it from kurator.yaml (the organisation) or a closed list.
    Kept,
    /// A person: kept when kurator.yaml names them (curators, working group, director),
    /// else [`NOT_GIVEN`].
    Staff,
    /// A measure's executor: a staff name or a position from kurator.yaml, else withheld.
    Executor,
    /// An organisation: the centre's own name from kurator.yaml, else withheld.
    Organisation,
    /// A meeting's number: kept when no two letters stand together (a name needs them).
    Number,
    /// The family: «№ <case>».
    Family,
    /// Family types: kept when kurator.yaml lists every one.
    Types,
    /// Level of support: kept when kurator.yaml lists it.
    Level,
    /// A personal datum (address, birth date): [`NOT_GIVEN`].
    NotGiven,
    /// A member as documents list them (an object): a kinship word, whether they applied;
    /// the rest [`NOT_GIVEN`].
    Member,
    /// The applicant's name: their kinship word.
    Applicant,
    /// The journal's «name, role, birth date; …»: the kinship words.
    Composition,
    /// The journal's «№ … от …» of the agreement, rebuilt from the case.
    Agreement,
    /// Children returned to the family (a list): «ребёнок, <date>».
    ChildrenReturned,
    /// A protocol's attendee `{name, position}`: staff with their position from kurator.yaml.
    Attendee,
    /// A protocol's question: one kurator wrote keeps its words with the family by case
    /// number; one staff typed is withheld.
    Question,
    /// A report's scope: the centre, or a curator from kurator.yaml.
    Scope,
    /// A report's proposal `[case, date, text]`: the kind of change kept, the text withheld.
    Proposal,
    /// An overdue finding (an object): its message replaced by the clause it comes from.
    Finding,
    /// The provenance stamp (an object): files, commit and date kept; the commit's author,
    /// whom git names as they like, only when kurator.yaml names them staff.
    Stamp,
    /// A member's role: the kinship word it is.
    Kinship,
    /// A row of a body's table: the rule of each column by its index; a column without one
    /// is withheld.
    Columns(&'static [Option<Rule>]),
}

/// The places every view has: the organisation and the provenance stamp.
const COMMON: &[(&str, Rule)] = &[("org", Rule::Kept), ("stamp", Rule::Stamp)];

/// The head of a case document (`CaseHead`).
const CASE_HEAD: &[(&str, Rule)] = &[
    ("case.number", Rule::Kept),
    ("case.family", Rule::Family),
    ("case.family_of", Rule::Family),
    ("case.address", Rule::NotGiven),
    ("case.category", Rule::Kept),
    ("case.types", Rule::Types),
    ("case.members[]", Rule::Member),
    ("case.applicant", Rule::Applicant),
    ("case.applicant_signature", Rule::Applicant),
    ("case.applicant_acquainted", Rule::Kept),
    ("case.curator", Rule::Staff),
    ("case.curator_signature", Rule::Staff),
    ("case.curator_position", Rule::Kept),
];

/// Signature lines: positions come from kurator.yaml or kurator itself. A kind on the body
/// model (`crate::body`) has them as a component, `signatures.signatures[]`.
const SIGNATURES: &[(&str, Rule)] = &[
    ("signatures[].position", Rule::Kept),
    ("signatures[].name", Rule::Staff),
    ("signatures[].date", Rule::Kept),
    ("signatures.t", Rule::Kept),
    ("signatures.signatures[].position", Rule::Kept),
    ("signatures.signatures[].name", Rule::Staff),
    ("signatures.signatures[].date", Rule::Kept),
];

const PROTOCOL: &[(&str, Rule)] = &[
    ("title", Rule::Kept),
    ("mark", Rule::Kept),
    ("meeting_of", Rule::Kept),
    ("number", Rule::Number),
    // The place is the centre's, the date the meeting's.
    ("place_date", Rule::Kept),
    ("chair", Rule::Staff),
    ("secretary", Rule::Staff),
    ("attendees[]", Rule::Attendee),
    // Questions, reports, speeches and decisions are free text naming families and people:
    // withheld; what stays is which case an item is about, who answers for it and by when.
    ("items[].number", Rule::Kept),
    ("items[].question", Rule::Question),
    ("items[].case", Rule::Kept),
    ("items[].responsible", Rule::Staff),
    ("items[].deadline", Rule::Kept),
    ("items[].vote", Rule::Kept),
];

/// A plan of measures in a programme (`programme::MEASURE_COLUMNS`): the number, the executor
/// and organisation as staff or the centre, the deadline.
const PLAN_COLUMNS: &[Option<Rule>] = &[
    Some(Rule::Kept),
    None,
    None,
    Some(Rule::Executor),
    Some(Rule::Organisation),
    None,
    Some(Rule::Kept),
];

const PROGRAMME: &[(&str, Rule)] = &[
    ("mark", Rule::Kept),
    ("approval", Rule::Kept),
    ("edition_date", Rule::Kept),
    ("grounds_word", Rule::Kept),
    ("grounds[].date", Rule::Kept),
    ("grounds[].kind", Rule::Kept),
    ("grounds[].meeting.body", Rule::Kept),
    ("grounds[].meeting.date", Rule::Kept),
    ("grounds[].meeting.number", Rule::Number),
    ("period", Rule::Kept),
    ("members.t", Rule::Kept),
    ("members.header", Rule::Kept),
    // №, name, role, birth date, occupation.
    (
        "members.rows[]",
        Rule::Columns(&[
            Some(Rule::Kept),
            Some(Rule::NotGiven),
            Some(Rule::Kinship),
            Some(Rule::NotGiven),
            Some(Rule::NotGiven),
        ]),
    ),
    ("measures.t", Rule::Kept),
    ("measures.header", Rule::Kept),
    ("measures.rows[]", Rule::Columns(PLAN_COLUMNS)),
    ("excluded.t", Rule::Kept),
    ("excluded.header", Rule::Kept),
    ("excluded.rows[]", Rule::Columns(PLAN_COLUMNS)),
    ("corrections.t", Rule::Kept),
    ("corrections.header", Rule::Kept),
    // Date and kind; the description is free text.
    (
        "corrections.rows[]",
        Rule::Columns(&[Some(Rule::Kept), Some(Rule::Kept)]),
    ),
    // kurator.yaml's working group and the curator.
    ("working_group.t", Rule::Kept),
    ("working_group.header", Rule::Kept),
    (
        "working_group.rows[]",
        Rule::Columns(&[Some(Rule::Staff), Some(Rule::Kept)]),
    ),
    ("meeting.body", Rule::Kept),
    ("meeting.date", Rule::Kept),
    ("meeting.number", Rule::Number),
    ("approved", Rule::Kept),
    ("sent", Rule::Kept),
    ("signatures.t", Rule::Kept),
    ("signatures.signatures[].position", Rule::Kept),
    ("signatures.signatures[].name", Rule::Staff),
    ("signatures.signatures[].date", Rule::Kept),
    ("acquaintance.t", Rule::Kept),
    ("acquaintance.signatures[].position", Rule::Kept),
    ("acquaintance.signatures[].name", Rule::Applicant),
    ("acquaintance.signatures[].date", Rule::Kept),
];

const FINAL_REPORT: &[(&str, Rule)] = &[
    ("mark", Rule::Kept),
    // The place is the centre's, the date the closure's.
    ("place_date", Rule::Kept),
    ("intake", Rule::Kept),
    ("closed", Rule::Kept),
    ("ground", Rule::Kept),
    ("stages", Rule::Kept),
    ("children_returned", Rule::ChildrenReturned),
    ("outcome.first", Rule::Kept),
    ("outcome.latest", Rule::Kept),
    ("outcome.criteria", Rule::Kept),
    ("outcome.dynamics", Rule::Kept),
    // What was done and what came of it is free text: withheld; who did it and when stays.
    ("measures_table.t", Rule::Kept),
    ("measures_table.header", Rule::Kept),
    (
        "measures_table.rows[]",
        Rule::Columns(&[
            None,
            Some(Rule::Executor),
            Some(Rule::Kept),
            Some(Rule::Kept),
        ]),
    ),
    // The effectiveness is free text; the date, the dynamics and the decision kurator's words.
    ("decisions.t", Rule::Kept),
    ("decisions.header", Rule::Kept),
    (
        "decisions.rows[]",
        Rule::Columns(&[Some(Rule::Kept), Some(Rule::Kept), None, Some(Rule::Kept)]),
    ),
];

const JOURNAL: &[(&str, Rule)] = &[
    ("started", Rule::Kept),
    ("finished", Rule::Kept),
    ("rows[].case", Rule::Kept),
    ("rows[].intake", Rule::Kept),
    ("rows[].registered", Rule::Kept),
    ("rows[].family", Rule::Family),
    ("rows[].members", Rule::Composition),
    ("rows[].category", Rule::Kept),
    ("rows[].curators[].name", Rule::Staff),
    ("rows[].curators[].since", Rule::Kept),
    ("rows[].agreement", Rule::Agreement),
    ("rows[].levels[].name", Rule::Level),
    ("rows[].levels[].since", Rule::Kept),
    ("rows[].result", Rule::Kept),
    ("rows[].closed", Rule::Kept),
];

const REPORT: &[(&str, Rule)] = &[
    ("scope", Rule::Scope),
    ("period", Rule::Kept),
    ("start", Rule::Kept),
    ("end", Rule::Kept),
    ("movement", Rule::Kept),
    ("stages", Rule::Kept),
    ("families[].case", Rule::Kept),
    ("families[].family", Rule::Family),
    ("families[].category", Rule::Kept),
    ("families[].curator", Rule::Staff),
    ("families[].stage", Rule::Kept),
    ("families[].dynamics", Rule::Kept),
    ("families[].criteria", Rule::Kept),
    ("overdue[]", Rule::Finding),
    ("violations[]", Rule::Finding),
    ("proposals[]", Rule::Proposal),
    // The справка's date and number, and its executor: staff and a work phone from
    // kurator.yaml. The head's conclusions and proposals are free text that names families:
    // only their headings are kept.
    ("requisites.date", Rule::Kept),
    ("requisites.number", Rule::Number),
    ("requisites.executor", Rule::Kept),
    ("analysis[].title", Rule::Kept),
    ("signature.position", Rule::Kept),
    ("signature.name", Rule::Staff),
    ("signature.date", Rule::Kept),
];

/// Indicators are figures and kurator's own labels and charts only.
const INDICATORS: &[(&str, Rule)] = &[
    ("period", Rule::Kept),
    ("previous", Rule::Kept),
    ("social", Rule::Kept),
    ("effect", Rule::Kept),
    ("effect_note", Rule::Kept),
    ("children", Rule::Kept),
    ("general", Rule::Kept),
    ("criteria_summary", Rule::Kept),
    ("criteria", Rule::Kept),
    ("indirect", Rule::Kept),
    ("charts", Rule::Kept),
];

/// The allow-list of a kind: every place of its view that may hold something other than
/// [`WITHHELD`]. Kinds that never leave the centre keep only the organisation and the case
/// head.
fn policy(kind: Kind) -> Vec<(&'static str, Rule)> {
    let own: &[&[(&str, Rule)]] = match kind {
        Kind::Protocol => &[PROTOCOL, SIGNATURES],
        Kind::Programme => &[PROGRAMME, CASE_HEAD],
        Kind::FinalReport => &[FINAL_REPORT, CASE_HEAD, SIGNATURES],
        Kind::Journal => &[JOURNAL],
        Kind::Report => &[REPORT],
        Kind::Indicators => &[INDICATORS],
        // Made from packs, anonymised ones among them; never from a case repository.
        Kind::Region => &[],
        Kind::Card
        | Kind::Agreement
        | Kind::Supplement
        | Kind::Consent
        | Kind::Inspection
        | Kind::CaseIndicators
        | Kind::CuratorOrder
        | Kind::CuratorNotice
        | Kind::Letter
        | Kind::Application
        | Kind::Opening
        | Kind::Visit
        | Kind::Interim
        | Kind::Monitoring => &[CASE_HEAD, SIGNATURES],
    };
    COMMON
        .iter()
        .chain(own.iter().flat_map(|list| list.iter()))
        .copied()
        .collect()
}

/// Kinship words a member's role may be given as; any other role is «член семьи».
const KINSHIP: &[&str] = &[
    "мать",
    "отец",
    "сын",
    "дочь",
    "брат",
    "сестра",
    "бабушка",
    "дедушка",
    "внук",
    "внучка",
    "отчим",
    "мачеха",
    "пасынок",
    "падчерица",
    "опекун",
    "попечитель",
    "приёмная мать",
    "приёмный отец",
    "приёмный сын",
    "приёмная дочь",
    "тётя",
    "дядя",
    "племянник",
    "племянница",
    "муж",
    "жена",
    "супруг",
    "супруга",
    "сожитель",
    "сожительница",
    "ребёнок",
    "законный представитель",
];

/// The anonymiser of one repository: who the staff are and which case is which.
pub struct Anonymiser<'a> {
    cases: HashMap<&'a str, &'a Case>,
    config: Option<&'a Config>,
    /// Staff names exactly as kurator.yaml writes them, and as signatures print them
    /// («Г. С. Лаврентьева» for «Лаврентьева Г. С.»).
    staff: BTreeSet<String>,
}

impl<'a> Anonymiser<'a> {
    /// The staff and the cases of a repository.
    pub fn new(repo: &'a Repository) -> Anonymiser<'a> {
        let config = repo.config.as_ref().map(|c| &c.data);
        let staff = config
            .into_iter()
            .flat_map(staff)
            .flat_map(|p| [p.name.clone(), crate::grammar::signature(&p.name)])
            .collect();
        let cases = repo
            .cases
            .iter()
            .map(|c| (c.data.number.as_str(), &c.data))
            .collect();
        Anonymiser {
            cases,
            config,
            staff,
        }
    }

    /// A document with its view reduced to what its kind's allow-list lets out, and a title
    /// built from the same.
    pub fn document(&self, doc: &mut Document) {
        let rules: HashMap<&str, Rule> = policy(doc.kind).into_iter().collect();
        let mut view = doc.view();
        let case = doc.case.as_deref().and_then(|n| self.cases.get(n).copied());
        self.walk(&mut view, &mut String::new(), &rules, case);
        doc.title = self.title(doc, &view);
        doc.data = serde_json::value::to_raw_value(&view).expect("a view serialises");
    }

    /// A period's figures as they leave the centre: only the curators' names can be personal
    /// data there, and a name kurator.yaml does not give is [`NOT_GIVEN`], as in the documents.
    pub fn figures(&self, figures: &mut crate::indicators::Figures) {
        for c in &mut figures.curators {
            if !self.staff.contains(&c.curator) {
                withhold(&mut c.curator, NOT_GIVEN);
            }
        }
    }

    /// A document's title: every kind but the protocol and the curator's report makes it
    /// from dates, periods and edition numbers only.
    fn title(&self, doc: &Document, view: &Value) -> String {
        let field = |key: &str| view.get(key).and_then(Value::as_str).unwrap_or_default();
        match doc.kind {
            Kind::Protocol => format!(
                "{} № {} от {}",
                field("title"),
                field("number"),
                date_short(doc.date)
            ),
            Kind::Report => match doc.title.split_once(" — ") {
                Some((head, name)) if !self.staff.contains(name) => format!("{head} — куратор"),
                _ => doc.title.clone(),
            },
            Kind::Programme
            | Kind::FinalReport
            | Kind::Journal
            | Kind::Indicators
            | Kind::Region => doc.title.clone(),
            Kind::Card
            | Kind::Agreement
            | Kind::Supplement
            | Kind::Consent
            | Kind::Inspection
            | Kind::CaseIndicators
            | Kind::CuratorOrder
            | Kind::CuratorNotice
            | Kind::Letter
            | Kind::Application
            | Kind::Opening
            | Kind::Visit
            | Kind::Interim
            | Kind::Monitoring => format!("Документ по случаю № {}", field_case(doc)),
        }
    }

    /// Applies the rule of `path`, or withholds a string no rule names; `case` is the case
    /// the nearest enclosing row (or the document) is about.
    fn walk(
        &self,
        value: &mut Value,
        path: &mut String,
        rules: &HashMap<&str, Rule>,
        case: Option<&Case>,
    ) {
        if let Some(rule) = rules.get(path.as_str()) {
            self.apply(*rule, value, case);
            return;
        }
        match value {
            Value::String(s) => withhold(s, WITHHELD),
            Value::Array(items) => {
                let len = path.len();
                path.push_str("[]");
                for item in items {
                    self.walk(item, path, rules, case);
                }
                path.truncate(len);
            }
            Value::Object(map) => {
                let case = self.row_case(map).or(case);
                let len = path.len();
                for (key, item) in map.iter_mut() {
                    if len > 0 {
                        path.push('.');
                    }
                    path.push_str(key);
                    self.walk(item, path, rules, case);
                    path.truncate(len);
                }
            }
            Value::Null | Value::Bool(_) | Value::Number(_) => {}
        }
    }

    /// The case a row names by its `case` or `number`.
    fn row_case(&self, row: &Map<String, Value>) -> Option<&'a Case> {
        ["case", "number"]
            .iter()
            .filter_map(|key| row.get(*key).and_then(Value::as_str))
            .find_map(|number| self.cases.get(number).copied())
    }

    fn apply(&self, rule: Rule, value: &mut Value, case: Option<&Case>) {
        let config = self.config;
        match (rule, value) {
            (Rule::Kept, _) => {}
            (Rule::Staff, Value::String(s)) => {
                if !self.staff.contains(s.as_str()) {
                    withhold(s, NOT_GIVEN);
                }
            }
            (Rule::Executor, Value::String(s)) => {
                let position = config.is_some_and(|c| staff(c).any(|p| p.position == *s));
                if !self.staff.contains(s.as_str()) && !position {
                    withhold(s, WITHHELD);
                }
            }
            (Rule::Organisation, Value::String(s)) => {
                let own = config.is_some_and(|c| {
                    c.organisation.short_name == *s || c.organisation.full_name == *s
                });
                if !own {
                    withhold(s, WITHHELD);
                }
            }
            (Rule::Number, Value::String(s)) => {
                let mut letters = 0;
                let named = s.chars().any(|c| {
                    letters = if c.is_alphabetic() { letters + 1 } else { 0 };
                    letters > 1
                });
                if named {
                    withhold(s, "б/н");
                }
            }
            (Rule::Family, Value::String(s)) => match case {
                Some(case) => *s = format!("№ {}", case.number),
                None => withhold(s, NOT_GIVEN),
            },
            (Rule::Types, Value::String(s)) => {
                let listed = config.is_some_and(|c| {
                    s.split(", ")
                        .all(|t| c.family_types.iter().any(|known| known == t))
                });
                if !listed {
                    withhold(s, WITHHELD);
                }
            }
            (Rule::Level, Value::String(s)) => {
                if !config.is_some_and(|c| c.levels.iter().any(|l| l == s)) {
                    withhold(s, WITHHELD);
                }
            }
            (Rule::NotGiven, Value::String(s)) => withhold(s, NOT_GIVEN),
            (Rule::Member, Value::Object(member)) => {
                for (key, item) in member.iter_mut() {
                    match (key.as_str(), item) {
                        ("role", Value::String(s)) => *s = kinship(s).to_owned(),
                        ("applicant", Value::Bool(_)) => {}
                        (_, item) => self.apply(Rule::NotGiven, item, None),
                    }
                }
            }
            (Rule::Applicant, Value::String(s)) => {
                let members = case
                    .map(|c| c.family.members.as_slice())
                    .unwrap_or_default();
                let applicant = members
                    .iter()
                    .find(|m| m.applicant == YesNo::Yes)
                    .or(members.first());
                match applicant {
                    Some(m) => *s = kinship(&m.role).to_owned(),
                    None => withhold(s, NOT_GIVEN),
                }
            }
            (Rule::Composition, Value::String(s)) => match case {
                Some(case) => {
                    *s = case
                        .family
                        .members
                        .iter()
                        .map(|m| kinship(&m.role))
                        .collect::<Vec<_>>()
                        .join("; ");
                }
                None => withhold(s, NOT_GIVEN),
            },
            (Rule::Agreement, Value::String(s)) => match case.and_then(|c| c.agreement.as_ref()) {
                Some(a) if a.number.chars().all(|c| !c.is_alphabetic()) => {
                    *s = format!("№ {} от {}", a.number.trim(), date_short(a.date));
                }
                Some(a) => *s = format!("от {}", date_short(a.date)),
                None => withhold(s, WITHHELD),
            },
            (Rule::ChildrenReturned, Value::Array(items)) => {
                let returned = case.map(|c| c.children_returned.as_slice());
                for (i, item) in items.iter_mut().enumerate() {
                    *item = match returned.and_then(|r| r.get(i)) {
                        Some(child) => Value::from(format!("ребёнок, {}", date_short(child.date))),
                        None => Value::from(WITHHELD),
                    };
                }
            }
            (Rule::Attendee, Value::Object(attendee)) => {
                let name = attendee
                    .get("name")
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                let position = config.and_then(|c| {
                    staff(c)
                        .find(|p| p.name == name)
                        .map(|p| p.position.clone())
                });
                let (name, position) = match position {
                    Some(position) => (name.to_owned(), position),
                    None => (NOT_GIVEN.to_owned(), WITHHELD.to_owned()),
                };
                attendee.insert("name".to_owned(), Value::from(name));
                attendee.insert("position".to_owned(), Value::from(position));
            }
            (Rule::Question, Value::String(s)) => match super::protocol::generated_question(s) {
                Some((head, case)) => *s = format!("{head} № {case}"),
                None => withhold(s, WITHHELD),
            },
            (Rule::Scope, Value::String(s)) => {
                let kept = s == super::report::CENTRE_SCOPE
                    || s.strip_prefix(super::report::CURATOR_SCOPE)
                        .is_some_and(|name| self.staff.contains(name));
                if !kept {
                    *s = super::report::CURATOR_SCOPE.trim_end().to_owned();
                }
            }
            (Rule::Proposal, Value::Array(row)) => {
                for (i, cell) in row.iter_mut().enumerate() {
                    if let Value::String(s) = cell {
                        match i {
                            // The case number and the date.
                            0 | 1 => {}
                            _ => match s.split_once(": ") {
                                Some((head, _)) if super::report::is_proposal_head(head) => {
                                    *s = format!("{head}: {WITHHELD}");
                                }
                                _ => withhold(s, WITHHELD),
                            },
                        }
                    }
                }
            }
            (Rule::Finding, Value::Object(row)) => {
                let clause = row.get("clause").cloned().unwrap_or_default();
                for (key, item) in row.iter_mut() {
                    match key.as_str() {
                        "case" | "status" | "due" | "clause" => {}
                        "message" => *item = clause.clone(),
                        _ => self.apply(Rule::NotGiven, item, None),
                    }
                }
            }
            (Rule::Kinship, Value::String(s)) => *s = kinship(s).to_owned(),
            (Rule::Columns(rules), Value::Array(cells)) => {
                for (i, cell) in cells.iter_mut().enumerate() {
                    match (rules.get(i).copied().flatten(), cell) {
                        (Some(rule), cell) => self.apply(rule, cell, case),
                        (None, Value::String(s)) => withhold(s, WITHHELD),
                        (None, _) => {}
                    }
                }
            }
            (Rule::Stamp, Value::Object(stamp)) => {
                // Sources by file name only: a subfolder of cases/ may be named after a family
                // («cases/Ивановы/2024-001.yaml»); the file names are case numbers and dates.
                let sources = stamp
                    .get("sources")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned();
                let flat = flat_sources(&sources);
                if flat != sources {
                    if let Some(Value::String(text)) = stamp.get_mut("text") {
                        for path in sources.split(", ") {
                            *text = text.replace(path, &flat_sources(path));
                        }
                    }
                    stamp.insert("sources".to_owned(), Value::String(flat));
                }
                let author = stamp
                    .get("author")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned();
                if author.is_empty() || self.staff.contains(author.as_str()) {
                    return;
                }
                for (key, item) in stamp.iter_mut() {
                    match (key.as_str(), item) {
                        ("sources" | "commit" | "date" | "mark", _) => {}
                        ("text", Value::String(text)) => {
                            match text.strip_suffix(&format!(", автор: {author}")) {
                                Some(head) => *text = head.to_owned(),
                                None => withhold(text, WITHHELD),
                            }
                        }
                        (_, item) => self.apply(Rule::NotGiven, item, None),
                    }
                }
            }
            // A place that holds something else than its rule expects: its strings withheld.
            (_, value) => self.walk(value, &mut String::from("\u{0}"), &HashMap::new(), None),
        }
    }
}

/// «cases/архив/Ивановы/2024-001.yaml, kurator.yaml» → «cases/2024-001.yaml, kurator.yaml».
fn flat_sources(sources: &str) -> String {
    sources
        .split(", ")
        .map(|path| match (path.split_once('/'), path.rsplit_once('/')) {
            (Some((top, _)), Some((_, file))) => format!("{top}/{file}"),
            _ => path.to_owned(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The people kurator.yaml names: curators, the working group, the director.
fn staff(config: &Config) -> impl Iterator<Item = &Person> {
    config
        .curators
        .iter()
        .chain(&config.working_group)
        .chain([&config.organisation.director])
}

/// The case number of a case document, for titles of kinds that have no title rule.
fn field_case(doc: &Document) -> &str {
    doc.case.as_deref().unwrap_or_default()
}

/// Replaces a non-empty string; an empty one stays empty, so a template still leaves out
/// what was never written.
fn withhold(s: &mut String, with: &str) {
    if !s.is_empty() {
        *s = with.to_owned();
    }
}

/// The kinship word a role is, from [`KINSHIP`], or «член семьи»: never the text typed.
fn kinship(role: &str) -> &'static str {
    let typed = normalise(role.trim());
    KINSHIP
        .iter()
        .find(|word| normalise(word) == typed)
        .copied()
        .unwrap_or("член семьи")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_name_sources_without_their_subfolders() {
        assert_eq!(
            flat_sources("cases/архив/Ивановы/2024-001.yaml, kurator.yaml"),
            "cases/2024-001.yaml, kurator.yaml"
        );
        assert_eq!(flat_sources("cases/2024-001.yaml"), "cases/2024-001.yaml");
        assert_eq!(flat_sources(""), "");
    }

    #[test]
    fn roles_are_kinship_words_or_a_family_member() {
        assert_eq!(kinship("Мать"), "мать");
        assert_eq!(kinship("тетя"), "тётя");
        assert_eq!(kinship("мaть"), "мать", "a Latin «a» inside");
        assert_eq!(kinship("мать Петровой"), "член семьи");
    }

    #[test]
    fn a_number_with_a_word_in_it_is_not_copied() {
        let a = Anonymiser {
            cases: HashMap::new(),
            config: None,
            staff: BTreeSet::new(),
        };
        for (number, shown) in [
            ("3", "3"),
            ("3/2024", "3/2024"),
            ("3-к", "3-к"),
            ("Ли-3", "б/н"),
        ] {
            let mut value = Value::from(number);
            a.apply(Rule::Number, &mut value, None);
            assert_eq!(value, Value::from(shown));
        }
    }

    /// figures.json leaves the centre with the curators kurator.yaml names, and no one else.
    #[test]
    fn figures_keep_staff_curators_only() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/base");
        let (repo, _) = crate::load::load(&root).unwrap();
        let period = crate::indicators::Period::quarter(2024, 2);
        let mut figures =
            crate::indicators::Figures::compute(&repo, &repo.calendar(), period).unwrap();
        let mut stranger = figures.curators[0].clone();
        stranger.curator = "Ли В. И.".to_owned();
        figures.curators.push(stranger);
        Anonymiser::new(&repo).figures(&mut figures);
        let names: Vec<&str> = figures
            .curators
            .iter()
            .map(|c| c.curator.as_str())
            .collect();
        assert_eq!(names, ["Кураторова В. Г.", NOT_GIVEN]);
    }

    #[test]
    fn strings_no_rule_names_are_withheld_and_empty_ones_stay_empty() {
        let a = Anonymiser {
            cases: HashMap::new(),
            config: None,
            staff: BTreeSet::from(["Лихачёва Г. С.".to_owned()]),
        };
        let mut view = serde_json::json!({
            "org": {"full_name": "Центр"},
            "title": "Протокол",
            "new_field": "у Петровой",
            "note": "",
            "items": [{"responsible": "Лихачёва Г. С.", "question": "О семье Ли", "case": "1", "n": 2}, {"question": "О ходе социального сопровождения семьи Ли (случай № 1)"}],
            "signatures": {"t": "signatures", "signatures": [{"name": "Ли В. И.", "position": "Председатель", "date": ""}]},
        });
        let rules: HashMap<&str, Rule> = policy(Kind::Protocol).into_iter().collect();
        a.walk(&mut view, &mut String::new(), &rules, None);
        assert_eq!(
            view,
            serde_json::json!({
                "org": {"full_name": "Центр"},
                "title": "Протокол",
                "new_field": WITHHELD,
                "note": "",
                "items": [{"responsible": "Лихачёва Г. С.", "question": WITHHELD, "case": "1", "n": 2}, {"question": "О ходе социального сопровождения семьи № 1"}],
                "signatures": {"t": "signatures", "signatures": [{"name": NOT_GIVEN, "position": "Председатель", "date": ""}]},
            })
        );
    }
}
