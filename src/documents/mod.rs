//! The documents kurator makes, each as a view: plain data shaped for its template.
//!
//! A view holds text ready to print (dates already spelled «25» апреля 2024 г., labels in
//! Russian), so the Typst and Tera templates stay simple and show the same thing; domain types
//! never reach a template. One module per document kind builds its views from the repository.

mod agreement;
mod anonymise;
mod application;
mod card;
mod case_indicators;
mod consent;
mod curator_notice;
mod curator_order;
mod figure_rows;
mod final_report;
mod inspection;
mod interim;
mod journal;
mod letter;
mod monitoring;
mod opening;
mod period_indicators;
mod programme;
mod protocol;
mod report;
mod report_head;
mod supplement;
mod tables;
mod visit;

use std::path::PathBuf;

use serde::Serialize;
use serde_json::value::RawValue;

use crate::grammar;
use crate::indicators::{Figures, Period};
use crate::load::Repository;
use crate::model::{Case, Config, Date, Member, YesNo};

pub use agreement::agreement;
pub use anonymise::Anonymiser;
pub use application::application;
pub use card::{card, stage_label};
pub use case_indicators::case_indicators_doc;
pub use consent::consents;
pub use curator_notice::curator_notices;
pub use curator_order::curator_orders;
pub use final_report::final_report;
pub use inspection::inspections;
pub use interim::interim_analyses;
pub use journal::{journal_until, journals};
pub use letter::letters;
pub use monitoring::final_monitoring;
pub use opening::opening;
pub use period_indicators::{Dashboard, dashboard, period_indicators};
pub use programme::programmes;
pub use protocol::protocols;
pub use report::reports;
pub use supplement::supplements;
pub use visit::visits;

/// «25» апреля 2024 г. — the date as official documents write it (ГОСТ Р 7.0.97-2025).
pub fn date_long(date: Date) -> String {
    date.long_ru()
}

/// 25.04.2024 — the short spelling, for tables.
pub fn date_short(date: Date) -> String {
    date.short_ru()
}

/// The short spelling of an optional date, or an empty string.
pub fn date_opt(date: Option<Date>) -> String {
    date.map(date_short).unwrap_or_default()
}

/// The locality of an address, for the place line of an agreement or an act: «…, г.
/// Верхнеозёрск, ул. …» → «г. Верхнеозёрск»; empty when no part begins with «г.», «пгт», «пос.»,
/// «п.», «с.», «ст-ца» or «рп» («д.» is not looked for: an address writes a house so too).
pub fn locality(address: &str) -> String {
    const MARKS: [&str; 7] = ["г.", "пгт", "пос.", "п.", "с.", "ст-ца", "рп"];
    address
        .split(',')
        .map(str::trim)
        .find(|part| {
            MARKS.iter().any(|mark| {
                part.strip_prefix(mark)
                    .is_some_and(|rest| rest.starts_with(char::is_whitespace))
            })
        })
        .unwrap_or_default()
        .to_owned()
}

/// The kinds of document, with the file names and template names they use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Карточка случая.
    Card,
    /// Программа социального сопровождения.
    Programme,
    /// Договор о социальном сопровождении.
    Agreement,
    /// Дополнительное соглашение к договору.
    Supplement,
    /// Согласие на обработку персональных данных.
    Consent,
    /// Акт обследования жилищно-бытовых условий.
    Inspection,
    /// Журнал первичного учёта семей.
    Journal,
    /// Показатели эффективности по случаю.
    CaseIndicators,
    /// Итоговый отчёт по случаю.
    FinalReport,
    /// Протокол заседания консилиума или рабочей группы.
    Protocol,
    /// Квартальная аналитическая справка.
    Report,
    /// Показатели эффективности за квартал или год.
    Indicators,
    /// Сводный отчёт по центрам города или региона (`kurator region`).
    Region,
    /// Распоряжение о закреплении куратора или о его замене.
    CuratorOrder,
    /// Уведомление семьи о замене куратора.
    CuratorNotice,
    /// Письмо в орган системы профилактики.
    Letter,
    /// Заявление о предоставлении социального сопровождения.
    Application,
    /// Решение о признании семьи нуждающейся в сопровождении и об открытии случая.
    Opening,
    /// Акт посещения семьи (патронаж).
    Visit,
    /// Промежуточный анализ реализации программы для координатора.
    Interim,
    /// Заключение по итогам итогового мониторинга.
    Monitoring,
}

impl Kind {
    /// Every kind.
    pub const ALL: [Kind; 21] = [
        Kind::Card,
        Kind::Programme,
        Kind::Agreement,
        Kind::Supplement,
        Kind::Consent,
        Kind::Inspection,
        Kind::Journal,
        Kind::CaseIndicators,
        Kind::FinalReport,
        Kind::Protocol,
        Kind::Report,
        Kind::Indicators,
        Kind::Region,
        Kind::CuratorOrder,
        Kind::CuratorNotice,
        Kind::Letter,
        Kind::Application,
        Kind::Opening,
        Kind::Visit,
        Kind::Interim,
        Kind::Monitoring,
    ];

    /// The file of its fixed text: every kind is written once and drawn by both renderers
    /// (`crate::body`), so its PDF and its page cannot say different things.
    pub fn wording(self) -> &'static str {
        match self {
            Kind::Agreement => "agreement.txt",
            Kind::Supplement => "supplement.txt",
            Kind::Consent => "consent.txt",
            Kind::CuratorOrder => "curator-order.txt",
            Kind::CuratorNotice => "curator-notice.txt",
            Kind::Letter => "letter.txt",
            Kind::Application => "application.txt",
            Kind::Opening => "opening.txt",
            Kind::Visit => "visit.txt",
            Kind::Interim => "interim.txt",
            Kind::Monitoring => "monitoring.txt",
            Kind::Journal => "journal.txt",
            Kind::Report => "report.txt",
            Kind::Indicators => "indicators.txt",
            Kind::Region => "region.txt",
            Kind::Programme => "programme.txt",
            Kind::Inspection => "inspection.txt",
            Kind::Protocol => "protocol.txt",
            // One text: the results by criterion are written once.
            Kind::FinalReport | Kind::CaseIndicators => "outcome.txt",
            Kind::Card => "card.txt",
        }
    }

    /// What a replacement wording must keep: the components without which the paper cannot
    /// be signed.
    pub fn required_inserts(self) -> &'static [&'static str] {
        match self {
            Kind::Agreement | Kind::Supplement => &["parties"],
            Kind::Consent => &["signatures"],
            Kind::CuratorOrder
            | Kind::CuratorNotice
            | Kind::Letter
            | Kind::Application
            | Kind::Opening
            | Kind::Inspection
            | Kind::Protocol
            | Kind::FinalReport
            | Kind::CaseIndicators
            | Kind::Card
            | Kind::Visit
            | Kind::Interim
            | Kind::Monitoring => &["signatures"],
            Kind::Programme => &["approval", "signatures"],
            _ => &[],
        }
    }

    /// Whether the data version is printed at the foot of its pages: on the registers,
    /// reports and case summaries, which show the data as they stand when built. A paper
    /// someone signs as of its own date — an agreement, a consent, an act, a protocol, an
    /// order, a letter — carries it in its PDF's metadata only: a commit date later than the
    /// paper's read as backdating, on the family's copy and in the case file alike.
    pub fn version_in_text(self) -> bool {
        matches!(
            self,
            Kind::Card
                | Kind::Journal
                | Kind::Report
                | Kind::Indicators
                | Kind::CaseIndicators
                | Kind::FinalReport
                | Kind::Region
        )
    }

    /// Whether its pages are landscape: a register whose columns a portrait sheet cannot hold.
    pub fn landscape(self) -> bool {
        matches!(self, Kind::Journal | Kind::Report | Kind::Region)
    }

    /// The Typst template that draws it: the one that draws any body.
    pub fn typst_template(self) -> &'static str {
        "body.typ"
    }

    /// The Tera template that draws it: the one that draws any body.
    pub fn html_template(self) -> &'static str {
        "body.html"
    }

    /// The kind's stable name, as its wording's file stem mostly reads (part of an output's
    /// manifest key).
    pub fn template(self) -> &'static str {
        match self {
            Kind::Card => "card",
            Kind::Programme => "programme",
            Kind::Agreement => "agreement",
            Kind::Supplement => "supplement",
            Kind::Consent => "consent",
            Kind::Inspection => "inspection",
            Kind::Journal => "journal",
            Kind::CaseIndicators => "case-indicators",
            Kind::FinalReport => "final-report",
            Kind::Protocol => "protocol",
            Kind::Report => "report",
            Kind::Indicators => "indicators",
            Kind::Region => "region",
            Kind::CuratorOrder => "curator-order",
            Kind::CuratorNotice => "curator-notice",
            Kind::Letter => "letter",
            Kind::Application => "application",
            Kind::Opening => "opening",
            Kind::Visit => "visit",
            Kind::Interim => "interim",
            Kind::Monitoring => "monitoring",
        }
    }
}

/// One document to render: where it goes, which template, and its view as JSON.
#[derive(Debug, Clone)]
pub struct Document {
    /// Its kind.
    pub kind: Kind,
    /// Output path without extension, relative to the output folder: `cases/2024-001/договор`.
    pub path: PathBuf,
    /// Stable unique id (the PDF `/ID`).
    pub ident: String,
    /// The title, as in the document's heading.
    pub title: String,
    /// The document's own date (the PDF creation date).
    pub date: Date,
    /// The case it belongs to, if any.
    pub case: Option<String>,
    /// The files of the case repository it is made from (a path ending in `/` is a whole
    /// folder), for the version stamp.
    pub sources: Vec<String>,
    /// The view, serialised once as compact JSON for both templates: a few times smaller than
    /// a `serde_json::Value`, and a build holds every document of every family at once.
    pub data: Box<RawValue>,
}

impl Document {
    /// The view as a value, for code that walks it.
    pub fn view(&self) -> serde_json::Value {
        serde_json::from_str(self.data.get()).expect("a view is valid JSON")
    }

    /// Adds a field at the end of the view (the version stamp).
    pub fn insert(&mut self, key: &str, value: &impl Serialize) {
        let json = self.data.get();
        let body = json
            .trim_end()
            .strip_suffix('}')
            .expect("a view is a JSON object");
        let comma = if body.trim_end().ends_with('{') {
            ""
        } else {
            ","
        };
        let field = format!(
            "{comma}{}:{}}}",
            serde_json::to_string(key).expect("a key serialises"),
            serde_json::to_string(value).expect("a field serialises")
        );
        self.data = RawValue::from_string(format!("{body}{field}")).expect("a view stays JSON");
    }
}

/// Puts into a view the components a kind builds from the view itself (a register's table
/// from its entries) when its body is made: after an anonymised pack has reduced the entries,
/// so the policy of `anonymise` governs named fields, not table cells.
pub fn components(kind: Kind, view: &mut serde_json::Value) {
    match kind {
        Kind::Journal => journal::components(view),
        Kind::Report => report::components(view),
        Kind::Indicators => period_indicators::components(view),
        _ => {}
    }
}

/// What the journal is made from.
const JOURNAL_SOURCES: [&str; 2] = ["cases/", "kurator.yaml"];
/// What reports, indicators and the site's own pages (index, agenda, dashboard) are made
/// from; the calendar counts the deadlines.
pub const REPORT_SOURCES: [&str; 4] = ["cases/", "meetings/", "calendar/", "kurator.yaml"];

/// Source paths as a document lists them.
pub fn sources(paths: &[&str]) -> Vec<String> {
    paths.iter().map(|p| (*p).to_owned()).collect()
}

/// A case document is made from the case file and kurator.yaml.
pub fn case_sources(case: &Case) -> Vec<String> {
    vec![case_file(case), "kurator.yaml".to_owned()]
}

/// The case's file, relative to the case repository: where `load` read it, in whatever folder
/// under `cases/` (`cases/архив/2023/2023-004.yaml`); for a case made in memory, the usual
/// `cases/<номер>.yaml` (the file name is the case number: `rules::integrity` holds to it).
pub fn case_file(case: &Case) -> String {
    match case.file.is_empty() {
        true => format!("cases/{}.yaml", case.number),
        false => case.file.clone(),
    }
}

/// The organisation block at the head of every document.
#[derive(Debug, Clone, Serialize)]
pub struct OrgView {
    /// Full name.
    pub full_name: String,
    /// Short name.
    pub short_name: String,
    /// Address.
    pub address: String,
    /// Phone.
    pub phone: String,
    /// E-mail, may be empty.
    pub email: String,
    /// Director's position.
    pub director_position: String,
    /// Director's name.
    pub director_name: String,
    /// Director's name as a signature's расшифровка: «И. Л. Полякова».
    pub director_signature: String,
    /// The centre's name and contacts at the head of its papers (`@insert org.letterhead`).
    pub letterhead: crate::body::Block,
    /// «ОГРН …», «ИНН/КПП …/…»: the lines kurator.yaml gives, for the requisites of a party.
    pub requisites: Vec<String>,
    /// The confidentiality mark kurator.yaml sets, for registers that name families.
    pub confidential: String,
}

impl OrgView {
    /// The block from kurator.yaml.
    pub fn new(config: &Config) -> OrgView {
        let o = &config.organisation;
        OrgView {
            full_name: o.full_name.clone(),
            short_name: o.short_name.clone(),
            address: o.address.clone(),
            phone: o.phone.clone(),
            email: o.email.clone().unwrap_or_default(),
            director_position: o.director.position.clone(),
            director_name: o.director.name.clone(),
            director_signature: grammar::signature(&o.director.name),
            letterhead: letterhead(o),
            requisites: requisites(o),
            confidential: config.confidentiality_mark(),
        }
    }
}

/// The registration numbers of the centre, as the requisites of an agreement give them.
fn requisites(o: &crate::model::Organisation) -> Vec<String> {
    let mut lines: Vec<String> = o.ogrn.iter().map(|n| format!("ОГРН {n}")).collect();
    match (&o.inn, &o.kpp) {
        (Some(inn), Some(kpp)) => lines.push(format!("ИНН/КПП {inn}/{kpp}")),
        (Some(inn), None) => lines.push(format!("ИНН {inn}")),
        (None, Some(kpp)) => lines.push(format!("КПП {kpp}")),
        (None, None) => {}
    }
    lines
}

/// The centre's name in bold and its address, phone and e-mail in one line.
fn letterhead(o: &crate::model::Organisation) -> crate::body::Block {
    let mut contacts = vec![o.address.clone(), format!("тел. {}", o.phone)];
    contacts.extend(o.email.clone());
    crate::body::Block::Letterhead {
        name: o.full_name.clone(),
        contacts: contacts.join(" · "),
    }
}

/// A signature line: position, line to sign on, name.
#[derive(Debug, Clone, Serialize)]
pub struct Signature {
    /// Position (or role: «Законный представитель»).
    pub position: String,
    /// Name as signed, initials first: «И. Л. Полякова».
    pub name: String,
    /// Date line, may be empty.
    pub date: String,
}

impl Signature {
    /// A signature of `name` as written in the data, printed initials first (ГОСТ Р
    /// 7.0.97-2025); no date line.
    pub fn of(position: impl Into<String>, name: &str) -> Signature {
        Signature {
            position: position.into(),
            name: grammar::signature(name),
            date: String::new(),
        }
    }
}

/// A family member as documents list them.
#[derive(Debug, Clone, Serialize)]
pub struct MemberView {
    /// Full name.
    pub name: String,
    /// Role in the family.
    pub role: String,
    /// 25.04.2024.
    pub birth_date: String,
    /// Work or school.
    pub occupation: String,
    /// Whether this member applied.
    pub applicant: bool,
}

impl MemberView {
    fn new(m: &Member) -> MemberView {
        MemberView {
            name: m.name.clone(),
            role: m.role.clone(),
            birth_date: date_short(m.birth_date),
            occupation: m.occupation.clone().unwrap_or_default(),
            applicant: m.applicant == YesNo::Yes,
        }
    }
}

/// The director's «УТВЕРЖДАЮ» in the top right corner, dated, or with a line to date by hand.
pub fn approval(org: &OrgView, date: Option<String>) -> crate::body::Block {
    crate::body::Block::Approval {
        title: "УТВЕРЖДАЮ".to_owned(),
        position: org.director_position.clone(),
        name: org.director_signature.clone(),
        date: date.unwrap_or_else(|| application::DATE_BY_HAND.to_owned()),
    }
}

/// A table of the body model under its header.
pub fn table(header: &[&str], rows: Vec<Vec<String>>) -> crate::body::Block {
    crate::body::Block::table(header.iter().map(|h| (*h).to_owned()).collect(), rows)
}

/// [`table`], or none when it has no rows: the wording then leaves the section out or says
/// there is nothing (a header alone would say nothing).
pub fn table_if_any(header: &[&str], rows: Vec<Vec<String>>) -> Option<crate::body::Block> {
    (!rows.is_empty()).then(|| table(header, rows))
}

/// The family's members as a table, as cards and acts list them.
pub fn members_table(members: &[MemberView]) -> crate::body::Block {
    let rows = members
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let applicant = if m.applicant {
                " (заявитель)"
            } else {
                ""
            };
            vec![
                (i + 1).to_string(),
                format!("{}{applicant}", m.name),
                m.role.clone(),
                m.birth_date.clone(),
                m.occupation.clone(),
            ]
        })
        .collect();
    table(
        &[
            "№",
            "ФИО",
            "Степень родства",
            "Дата рождения",
            "Место работы, учёбы",
        ],
        rows,
    )
}

/// What every case document repeats about the case.
#[derive(Debug, Clone, Serialize)]
pub struct CaseHead {
    /// Case number.
    pub number: String,
    /// «Петровы».
    pub family: String,
    /// The family in the genitive plural, as «семья …» names it: «Петровых».
    pub family_of: String,
    /// Address.
    pub address: String,
    /// СОП / ТЖС / нуждается в поддержке.
    pub category: String,
    /// Family types, comma-separated.
    pub types: String,
    /// Members.
    pub members: Vec<MemberView>,
    /// The applicant (or the first adult listed), as the party for the family.
    pub applicant: String,
    /// The applicant as a signature's расшифровка: «М. О. Кудрявцева».
    pub applicant_signature: String,
    /// «ознакомлен» or «ознакомлена», agreed with the applicant.
    pub applicant_acquainted: String,
    /// Curator's name.
    pub curator: String,
    /// Curator's name as a signature's расшифровка: «Е. В. Кречетова».
    pub curator_signature: String,
    /// Curator's position from kurator.yaml.
    pub curator_position: String,
}

impl CaseHead {
    /// The head of a case as of a date (the curator then), with the position from kurator.yaml.
    pub fn new(case: &Case, config: &Config, on: Date) -> CaseHead {
        let curator = crate::rules::curator_on(case, on).to_owned();
        let members: Vec<MemberView> = case.family.members.iter().map(MemberView::new).collect();
        let party = case.person(&applicant(case));
        CaseHead {
            number: case.number.clone(),
            family: case.family.surname.clone(),
            family_of: grammar::family(&case.family.surname).genitive,
            applicant_signature: party.signature(),
            applicant_acquainted: party.agree("ознакомлен", "ознакомлена").to_owned(),
            curator_signature: grammar::signature(&curator),
            address: case.family.address.clone(),
            category: case.family.category.label().to_owned(),
            types: case.family.types.join(", "),
            applicant: applicant(case),
            curator_position: position(config, &curator),
            curator,
            members,
        }
    }
}

/// The level of support now: the latest consilium's, else the one set at registration.
pub fn current_level(case: &Case) -> String {
    case.consilium
        .iter()
        .rev()
        .find_map(|d| d.level.clone())
        .or_else(|| case.level.clone())
        .unwrap_or_default()
}

/// The member marked as applicant, or the first member.
pub fn applicant(case: &Case) -> String {
    let members = &case.family.members;
    members
        .iter()
        .find(|m| m.applicant == YesNo::Yes)
        .or(members.first())
        .map(|m| m.name.clone())
        .unwrap_or_default()
}

/// A person's position as kurator.yaml gives it (curators, then the working group).
pub fn position(config: &Config, name: &str) -> String {
    config
        .curators
        .iter()
        .chain(&config.working_group)
        .find(|p| p.name == name)
        .map(|p| p.position.clone())
        .unwrap_or_else(|| "Куратор семьи".to_owned())
}

/// A person as an act or a protocol lists them: «Зуева Т. А., социальный педагог, МБОУ «СОШ
/// № 2»» — the name, the position and the organisation of a member from outside the centre, as
/// kurator.yaml gives them; the name alone when kurator.yaml does not know it (no position is
/// made up).
pub fn staff_line(config: &Config, name: &str) -> String {
    let known = config
        .curators
        .iter()
        .chain(&config.working_group)
        .find(|p| p.name == name);
    let Some(p) = known else {
        return name.to_owned();
    };
    let mut line = format!("{name}, {}", grammar::lower_first(&p.position));
    if let Some(organisation) = &p.organisation {
        line.push_str(", ");
        line.push_str(organisation);
    }
    line
}

/// The signatures of staff and working-group members under a paper they made together, each
/// with the position kurator.yaml gives.
pub fn staff_signatures(config: &Config, names: &[String]) -> crate::body::Block {
    crate::body::Block::Signatures {
        signatures: names
            .iter()
            .map(|name| crate::body::Signature {
                position: crate::model::capitalise(&position(config, name)),
                name: grammar::signature(name),
                date: String::new(),
            })
            .collect(),
    }
}

/// Every document of the repository (those that single cases and the register need).
pub fn all(repo: &Repository) -> Vec<Document> {
    all_with_figures(repo).0
}

/// Every document of the repository and the figures of every period its справки and
/// indicators are rendered from (each period's `figures.json`).
pub fn all_with_figures(repo: &Repository) -> (Vec<Document>, Vec<Figures>) {
    let Some(config) = &repo.config else {
        return (Vec::new(), Vec::new());
    };
    let config = &config.data;
    let org = OrgView::new(config);
    let mut docs = Vec::new();
    let calendar = repo.calendar();
    for source in &repo.cases {
        let case = &source.data;
        docs.push(card(case, config, &org));
        docs.push(application(case, config, &org));
        docs.extend(opening(case, config, &org, &calendar));
        docs.extend(programmes(case, config, &org, &repo.meetings));
        docs.extend(agreement(case, config, &org));
        docs.extend(supplements(case, config, &org));
        docs.extend(consents(case, config, &org));
        docs.extend(curator_orders(case, config, &org));
        docs.extend(curator_notices(case, config, &org));
        docs.extend(letters(case, config, &org));
        docs.extend(inspections(case, config, &org));
        docs.extend(visits(case, config, &org));
        docs.extend(interim_analyses(case, config, &org));
        docs.extend(final_monitoring(case, config, &org));
        docs.push(case_indicators_doc(case, config, &org));
        docs.extend(final_report(case, config, &org));
    }
    docs.extend(journals(repo, &org));
    docs.extend(protocols(repo, &org));
    let figures = crate::indicators::all_figures(repo, &calendar);
    docs.extend(reports(repo, &calendar, &org, &figures));
    docs.extend(period_indicators(repo, &calendar, &org, &figures));
    (docs, figures)
}

/// Where a period's `figures.json` goes in the output folder: beside its справки and indicators.
pub fn figures_path(period: Period) -> String {
    format!("отчёты/{}/figures.json", period.id())
}

/// Serialises a view; views are plain data, so this cannot fail.
fn to_json(view: &impl Serialize) -> Box<RawValue> {
    serde_json::value::to_raw_value(view).expect("a document view serialises")
}

/// The folder of a case's documents, relative to the output folder.
pub fn case_dir(number: &str) -> PathBuf {
    PathBuf::from("cases").join(number)
}

/// Whether someone born on `birth` is under 18 on `on`.
pub fn is_minor(birth: Date, on: Date) -> bool {
    birth
        .naive()
        .checked_add_months(chrono::Months::new(18 * 12))
        .is_some_and(|adult| adult > on.naive())
}

/// The latest date written anywhere in a case: what its card is «as of».
pub fn latest_date(case: &Case) -> Date {
    let mut dates = vec![case.intake.date];
    dates.extend(case.intake.registered);
    dates.extend(case.intake.working_group_informed);
    dates.extend(case.stages.started().map(|(_, d)| d));
    dates.extend(
        case.consent
            .iter()
            .flat_map(|c| [Some(c.date), c.withdrawn])
            .flatten(),
    );
    dates.extend(case.agreement.iter().map(|a| a.date));
    dates.extend(case.threats.iter().map(|t| t.date));
    if let Some(p) = &case.programme {
        dates.extend(
            [p.draft_presented, p.approved, p.sent, p.family_acquainted]
                .into_iter()
                .flatten(),
        );
        dates.extend(
            p.measures
                .iter()
                .flat_map(|m| [m.done, m.included, m.excluded])
                .flatten(),
        );
        dates.extend(p.corrections.iter().map(|c| c.date));
    }
    dates.extend(case.curator_changes.iter().map(|c| c.date));
    dates.extend(case.inspections.iter().map(|i| i.date));
    dates.extend(case.visits.iter().map(|v| v.date));
    dates.extend(case.analyses.iter().map(|a| a.date));
    dates.extend(case.final_monitoring.iter().map(|m| m.date));
    dates.extend(case.consilium.iter().map(|d| d.meeting));
    dates.extend(case.children_returned.iter().map(|c| c.date));
    dates.extend(case.closure.iter().map(|c| c.date));
    dates.into_iter().max().unwrap_or(case.intake.date)
}

/// The label of a closure ground.
pub fn ground_label(ground: Option<crate::model::ClosureGround>) -> &'static str {
    match ground {
        Some(crate::model::ClosureGround::Improvement) => "улучшение ситуации в семье",
        Some(crate::model::ClosureGround::LossOfParentalRights) => "лишение родительских прав",
        Some(crate::model::ClosureGround::Moved) => "переезд семьи",
        Some(crate::model::ClosureGround::Refusal) => "отказ семьи от сопровождения",
        Some(crate::model::ClosureGround::HandedToKdn) => "передача в КДН и ЗП",
        Some(crate::model::ClosureGround::HandedToGuardianship) => {
            "передача в органы опеки и попечительства"
        }
        Some(crate::model::ClosureGround::Other) => "иное",
        None => "",
    }
}

/// The label of an inspection kind.
pub fn inspection_label(kind: crate::model::InspectionKind) -> &'static str {
    match kind {
        crate::model::InspectionKind::Initial => "первичное",
        crate::model::InspectionKind::Repeat => "повторное",
        crate::model::InspectionKind::Final => "итоговое",
    }
}

/// The label of a dynamics mark.
pub fn dynamics_label(dynamics: crate::model::Dynamics) -> &'static str {
    match dynamics {
        crate::model::Dynamics::Positive => "положительная",
        crate::model::Dynamics::None => "без изменений",
        crate::model::Dynamics::Negative => "отрицательная",
    }
}

/// The label of a consilium decision.
pub fn decision_label(decision: crate::model::Decision) -> &'static str {
    match decision {
        crate::model::Decision::Continue => "продолжить сопровождение",
        crate::model::Decision::Correct => "скорректировать программу",
        crate::model::Decision::Close => "завершить сопровождение",
        crate::model::Decision::HandOver => "передать случай",
    }
}

/// The label of a curator replacement ground.
pub fn replacement_label(ground: crate::model::ReplacementGround) -> &'static str {
    use crate::model::ReplacementGround as G;
    match ground {
        G::InstitutionRequest => "ходатайство учреждения",
        G::CuratorRequest => "ходатайство куратора",
        G::FamilyRequest => "просьба семьи",
        G::ProblemsChanged => "изменение специфики проблем",
        G::StaffChange => "изменение кадрового состава",
    }
}

/// The head of a case for pages: with the curator's position when kurator.yaml loaded.
pub fn case_head(repo: &Repository, case: &Case) -> Option<CaseHead> {
    repo.config
        .as_ref()
        .map(|config| CaseHead::new(case, &config.data, latest_date(case)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_official_documents_write_them() {
        let d = Date::parse("2024-04-05").unwrap();
        assert_eq!(date_long(d), "«05» апреля 2024 г.");
        assert_eq!(date_short(d), "05.04.2024");
        assert_eq!(
            date_long(Date::parse("2025-12-31").unwrap()),
            "«31» декабря 2025 г."
        );
    }
}
