//! The static HTML site through Tera, with autoescaping on: every value from the case files is
//! escaped, so `<script>` in a note prints as text. No external resources: one stylesheet of
//! our own, relative links, so the site works opened from `file://`.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use serde::Serialize;
use tera::{Context, Tera};

use super::budget;
use super::templates::Templates;
use super::{root_prefix, with_extension};
use crate::documents::{Document, Kind};
use crate::history::CaseHistory;
use crate::load::Repository;
use crate::provenance::{Provenance, Stamp};
use crate::rules::Finding;

mod desk;

/// The compiled HTML templates of one build.
pub struct Site {
    tera: Tera,
    /// The PDFs that are there to link (relative to the output folder); `None`: every one.
    pdfs: Option<BTreeSet<PathBuf>>,
    /// How messages name each template (`templates/case.html` when the repository's own).
    shown: BTreeMap<String, String>,
}

/// Tera's functions that reach outside the data: the environment (`get_env`), the clock
/// (`now`) and randomness (`get_random`). Replaced by functions that refuse, so that a
/// repository's template cannot print a secret of the machine into a page, and every page
/// depends on the data alone. (`now` and `get_random` come only with Tera's `builtins`
/// feature, which kurator leaves off; refused all the same, with a message staff can read.)
const REFUSED_FUNCTIONS: [(&str, &str); 3] = [
    ("get_env", "окружение машины"),
    ("now", "часы машины"),
    ("get_random", "случайные числа"),
];

/// A page of the site: where it goes and its HTML.
#[derive(Debug, Clone)]
pub struct Page {
    /// Path relative to the output folder, with extension.
    pub path: PathBuf,
    /// The HTML.
    pub html: String,
}

/// A link to one document in its two formats.
#[derive(Debug, Clone, Serialize)]
struct DocLink {
    title: String,
    date: String,
    html: String,
    pdf: String,
}

#[derive(Serialize)]
struct CaseRow {
    number: String,
    family: String,
    category: String,
    curator: String,
    intake: String,
    intake_iso: String,
    stage: String,
    status: String,
    open: bool,
    link: String,
    /// The curator's desk page, while the case is open.
    desk: String,
}

impl Site {
    /// Compiles the `.html` templates; a template error names the file and the line.
    /// Functions that read the environment, the clock or randomness are refused, and
    /// templates whose macros or includes call themselves are an error (see
    /// `tera_recursion`), before anything renders.
    pub fn new(templates: &Templates) -> Result<Site, String> {
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html"]);
        for (name, reaches) in REFUSED_FUNCTIONS {
            tera.register_function(name, move |_: &HashMap<String, tera::Value>| {
                Err(tera::Error::msg(format!(
                    "функция {name} недоступна шаблонам: шаблон не может читать {reaches}; \
                     уберите её из шаблона"
                )))
            });
        }
        let html: Vec<(&str, &str)> = templates
            .iter()
            .filter(|(n, _)| n.ends_with(".html"))
            .collect();
        let shown = html
            .iter()
            .map(|(name, _)| (name.to_string(), templates.shown(name)))
            .collect();
        let _watched = budget::Rendering::parsing("разбор шаблонов HTML");
        tera.add_raw_templates(html).map_err(|e| tera_error(&e))?;
        let site = Site {
            tera,
            shown,
            pdfs: None,
        };
        if let Some(cycle) = super::tera_recursion::find_cycle(&site.tera) {
            let steps: Vec<String> = cycle
                .iter()
                .map(|(template, macro_name)| {
                    let shown = site.shown(template);
                    match macro_name {
                        Some(name) => format!("макрос «{name}» из {shown}"),
                        None => shown.to_owned(),
                    }
                })
                .collect();
            return Err(format!(
                "рекурсия в шаблонах HTML: {} — шаблоны сайта не могут вызывать сами себя \
                 (через макросы или include), это исчерпало бы стек; перепишите шаблон без \
                 рекурсии или удалите его из templates/",
                steps.join(" → ")
            ));
        }
        Ok(site)
    }

    /// Links only these PDFs (paths relative to the output folder): a page never points at a
    /// file that is not there (`build --format html` renders no PDF).
    pub fn linking_pdfs(mut self, pdfs: BTreeSet<PathBuf>) -> Site {
        self.pdfs = Some(pdfs);
        self
    }

    /// Whether the document's PDF is there to link.
    fn has_pdf(&self, doc: &Document) -> bool {
        self.pdfs
            .as_ref()
            .is_none_or(|pdfs| pdfs.contains(&with_extension(&doc.path, "pdf")))
    }

    /// Links from a page in `from` (relative to the output folder) to a document's files.
    fn link(&self, doc: &Document, from: &Path) -> DocLink {
        let mut link = link(doc, from);
        if !self.has_pdf(doc) {
            link.pdf.clear();
        }
        link
    }

    /// Renders `template` for the page `document`, within the render budget.
    fn render(&self, template: &str, context: &Context, document: &Path) -> Result<String, String> {
        let _watched = budget::Rendering::start(self.shown(template), document);
        self.tera
            .render(template, context)
            .map_err(|e| tera_error(&e))
    }

    /// How messages name a template: `templates/<name>` when the repository's own.
    fn shown<'a>(&'a self, template: &'a str) -> &'a str {
        self.shown.get(template).map_or(template, String::as_str)
    }

    /// A document's HTML page, mirroring its PDF.
    pub fn document(&self, doc: &Document) -> Result<Page, String> {
        self.document_page(doc, false)
    }

    /// A document's page for a pack: no links into the site it is not part of.
    pub fn standalone(&self, doc: &Document) -> Result<Page, String> {
        self.document_page(doc, true)
    }

    fn document_page(&self, doc: &Document, standalone: bool) -> Result<Page, String> {
        let path = with_extension(&doc.path, "html");
        let mut context = Context::new();
        context.insert("standalone", &standalone);
        let view = doc.view();
        context.insert("stamp", &view.get("stamp"));
        context.insert("doc", &view);
        context.insert("title", &doc.title);
        context.insert("root", &root_prefix(&path));
        let pdf = match self.has_pdf(doc) {
            true => with_extension(Path::new(doc.path.file_name().unwrap_or_default()), "pdf"),
            false => PathBuf::new(),
        };
        context.insert("pdf", &pdf);
        let html = self.render(doc.kind.html_template(), &context, &path)?;
        Ok(Page { path, html })
    }

    /// The index page of a pack: what it holds and what it was made from.
    pub fn pack_index(
        &self,
        org: &crate::documents::OrgView,
        source: &crate::output::pack::Source,
        items: &[PackItem],
    ) -> Result<String, String> {
        let mut context = Context::new();
        context.insert("title", &format!("Пакет документов за {}", source.label));
        context.insert("root", "");
        context.insert("standalone", &true);
        context.insert("org", org);
        context.insert("source", source);
        context.insert("items", items);
        self.render("pack.html", &context, Path::new("index.html"))
    }

    /// The index of cases and the page of each case (with its history, by case file), linking
    /// every document.
    pub fn pages(
        &self,
        repo: &Repository,
        docs: &[Document],
        findings: &[Finding],
        as_of: crate::model::Date,
        provenance: &Provenance,
        mut histories: BTreeMap<String, CaseHistory>,
    ) -> Result<Vec<Page>, String> {
        let mut by_case: BTreeMap<&str, Vec<&Document>> = BTreeMap::new();
        let mut registers = Vec::new();
        for doc in docs {
            match &doc.case {
                Some(case) => by_case.entry(case).or_default().push(doc),
                None => registers.push(doc),
            }
        }
        // Looked up once per case: a scan of every finding per case is quadratic.
        let mut findings_by_case: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
        for finding in findings {
            if let Some(case) = &finding.case {
                findings_by_case.entry(case).or_default().push(finding);
            }
        }
        let org = repo
            .config
            .as_ref()
            .map(|c| crate::documents::OrgView::new(&c.data));
        let site_stamp = provenance.stamp(&crate::documents::sources(
            &crate::documents::REPORT_SOURCES,
        ));
        let mut pages = Vec::new();
        let mut rows = Vec::new();
        for source in &repo.cases {
            let case = &source.data;
            let file = crate::documents::case_file(case);
            let dir = crate::documents::case_dir(&case.number);
            let page_path = dir.join("index.html");
            let links: Vec<DocLink> = by_case
                .get(case.number.as_str())
                .into_iter()
                .flatten()
                .map(|d| self.link(d, &dir))
                .collect();
            let stage = case
                .stages
                .started()
                .last()
                .map(|(s, _)| crate::documents::stage_label(s))
                .unwrap_or_default();
            let open = case.closure.is_none();
            let status = match &case.closure {
                Some(c) => format!("закрыт {}", crate::documents::date_short(c.date)),
                None => "в работе".to_owned(),
            };
            let timeline: Vec<[String; 2]> = case
                .stages
                .started()
                .map(|(s, d)| {
                    [
                        crate::documents::stage_label(s),
                        crate::documents::date_short(d),
                    ]
                })
                .chain(
                    case.closure
                        .iter()
                        .map(|c| ["Закрытие".to_owned(), crate::documents::date_short(c.date)]),
                )
                .collect();
            // Threats found and letters sent, by date: what the prevention system was told.
            let mut dated: Vec<(crate::model::Date, String, String)> = case
                .threats
                .iter()
                .map(|t| {
                    (
                        t.date,
                        "выявлена угроза ребёнку".to_owned(),
                        t.description.clone(),
                    )
                })
                .chain(case.notices.iter().map(|n| {
                    let number = n
                        .number
                        .as_ref()
                        .map(|x| format!(", исх. № {x}"))
                        .unwrap_or_default();
                    let what = format!("{} → {}{number}", n.kind.label(), n.addressee.label());
                    (n.date, what, n.content.clone())
                }))
                .collect();
            dated.sort_by_key(|row| row.0);
            let notices: Vec<[String; 3]> = dated
                .into_iter()
                .map(|(date, what, text)| [crate::documents::date_short(date), what, text])
                .collect();
            let case_findings: Vec<FindingRow> = findings_by_case
                .get(case.number.as_str())
                .into_iter()
                .flatten()
                .map(|f| FindingRow::new(f))
                .collect();
            let mut context = Context::new();
            context.insert(
                "title",
                &format!("Случай № {} — {}", case.number, case.family.surname),
            );
            context.insert("root", &root_prefix(&page_path));
            context.insert("org", &org);
            context.insert("case", &crate::documents::case_head(repo, case));
            let desk_page = desk::paths(&case.curator).0;
            context.insert("desk", &format!("{}{desk_page}", root_prefix(&page_path)));
            context.insert("documents", &links);
            context.insert("timeline", &timeline);
            context.insert("status", &status);
            context.insert("findings", &case_findings);
            context.insert("notices", &notices);
            context.insert(
                "history",
                &HistoryView::new(&file, histories.remove(&file), provenance.in_git()),
            );
            context.insert(
                "stamp",
                &provenance.stamp(&crate::documents::case_sources(case)),
            );
            pages.push(Page {
                path: page_path.clone(),
                html: self.render("case.html", &context, &page_path)?,
            });
            rows.push(CaseRow {
                number: case.number.clone(),
                family: case.family.surname.clone(),
                category: case.family.category.label().to_owned(),
                curator: case.curator.clone(),
                intake: crate::documents::date_short(case.intake.date),
                intake_iso: case.intake.date.to_string(),
                stage,
                status,
                desk: match crate::rules::is_open(case, as_of) {
                    true => desk::paths(crate::rules::curator_on(case, as_of)).0,
                    false => String::new(),
                },
                open,
                link: page_path.to_string_lossy().replace('\\', "/"),
            });
        }
        let mut groups: Vec<RegisterGroup> = Vec::new();
        for doc in registers {
            let heading = match doc.kind {
                Kind::Journal => "Журналы",
                Kind::Protocol => "Протоколы заседаний",
                Kind::Report => "Аналитические справки",
                _ => "Показатели эффективности",
            };
            match groups.iter_mut().find(|g| g.heading == heading) {
                Some(group) => group.links.push(self.link(doc, Path::new(""))),
                None => groups.push(RegisterGroup {
                    heading,
                    links: vec![self.link(doc, Path::new(""))],
                }),
            }
        }
        let (desk_pages, desks) =
            self.desks(repo, docs, as_of, org.as_ref(), site_stamp.as_ref())?;
        pages.extend(desk_pages);
        let mut context = Context::new();
        context.insert("title", "Случаи сопровождения семей");
        context.insert("root", "");
        context.insert("org", &org);
        context.insert("cases", &rows);
        context.insert("registers", &groups);
        context.insert("desks", &desks);
        context.insert("open_count", &rows.iter().filter(|r| r.open).count());
        context.insert("stamp", &site_stamp);
        pages.push(Page {
            path: "index.html".into(),
            html: self.render("index.html", &context, Path::new("index.html"))?,
        });
        pages.push(self.agenda(repo, findings, as_of, org.as_ref(), site_stamp.as_ref())?);
        let mut context = Context::new();
        context.insert("title", "Показатели эффективности");
        context.insert("root", "");
        context.insert("org", &org);
        context.insert("dashboard", &crate::documents::dashboard(repo));
        context.insert("stamp", &site_stamp);
        pages.push(Page {
            path: "показатели.html".into(),
            html: self.render("dashboard.html", &context, Path::new("показатели.html"))?,
        });
        Ok(pages)
    }

    /// The agenda page: the same items as `kurator check`, with links to the cases.
    fn agenda(
        &self,
        repo: &Repository,
        findings: &[Finding],
        as_of: crate::model::Date,
        org: Option<&crate::documents::OrgView>,
        stamp: Option<&Stamp>,
    ) -> Result<Page, String> {
        let agenda = crate::rules::agenda(repo, findings.to_vec(), as_of, false);
        let (past, agenda): (Vec<&Finding>, Vec<&Finding>) =
            agenda.iter().partition(|f| f.is_past());
        // Past violations, apart from what can still be done: one table for the centre.
        let past_rows: Vec<AgendaRow> = past.iter().map(|f| AgendaRow::new(f)).collect();
        let mut groups: Vec<AgendaGroup> = Vec::new();
        for f in &agenda {
            if groups.last().is_none_or(|g| g.curator != f.curator) {
                groups.push(AgendaGroup {
                    curator: f.curator.clone(),
                    rows: Vec::new(),
                });
            }
            if let Some(group) = groups.last_mut() {
                group.rows.push(AgendaRow::new(f));
            }
        }
        let count = |status| agenda.iter().filter(|f| f.status == status).count();
        let mut context = Context::new();
        context.insert("title", &format!("Повестка на {}", as_of.short_ru()));
        context.insert("root", "");
        context.insert("org", &org);
        context.insert("groups", &groups);
        context.insert("past", &past_rows);
        context.insert("overdue", &count(crate::rules::Status::Overdue));
        context.insert("due_soon", &count(crate::rules::Status::DueSoon));
        context.insert("stamp", &stamp);
        Ok(Page {
            path: "повестка.html".into(),
            html: self.render("agenda.html", &context, Path::new("повестка.html"))?,
        })
    }
}

/// A document listed in a pack's index.
#[derive(Debug, Clone, Serialize)]
pub struct PackItem {
    /// The heading it goes under.
    pub section: &'static str,
    /// Its title.
    pub title: String,
    /// File name of its HTML page.
    pub html: String,
    /// File name of its PDF.
    pub pdf: String,
}

/// The history section of a case page.
#[derive(Serialize)]
struct HistoryView {
    path: String,
    in_git: bool,
    shallow: bool,
    uncommitted: bool,
    entries: Vec<HistoryRow>,
}

#[derive(Serialize)]
struct HistoryRow {
    date: String,
    commit: String,
    author: String,
    message: String,
    event: String,
    changes: Vec<String>,
    note: String,
}

impl HistoryView {
    fn new(path: &str, history: Option<CaseHistory>, in_git: bool) -> HistoryView {
        let history = history.unwrap_or_else(|| CaseHistory {
            path: path.to_owned(),
            entries: Vec::new(),
            shallow: false,
            uncommitted: false,
        });
        HistoryView {
            path: history.path,
            in_git,
            shallow: history.shallow,
            uncommitted: history.uncommitted,
            entries: history
                .entries
                .into_iter()
                .map(|e| HistoryRow {
                    date: e.date.short_ru(),
                    event: e.event_text(),
                    commit: e.commit,
                    author: e.author,
                    message: e.message,
                    changes: e.changes.into_iter().map(|c| c.text).collect(),
                    note: e.note.unwrap_or_default(),
                })
                .collect(),
        }
    }
}

/// Documents of the whole centre under one heading of the index.
#[derive(Serialize)]
struct RegisterGroup {
    heading: &'static str,
    links: Vec<DocLink>,
}

#[derive(Serialize)]
struct AgendaGroup {
    curator: String,
    rows: Vec<AgendaRow>,
}

#[derive(Serialize)]
struct AgendaRow {
    case: String,
    link: String,
    curator: String,
    finding: FindingRow,
}

#[derive(Serialize)]
struct FindingRow {
    status: &'static str,
    due: String,
    message: String,
    clause: &'static str,
}

impl AgendaRow {
    /// The row of a finding, linked to its case page (from the site's root).
    fn new(f: &Finding) -> AgendaRow {
        let link = f
            .case
            .as_ref()
            .map(|n| {
                format!(
                    "{}/index.html",
                    crate::documents::case_dir(n)
                        .to_string_lossy()
                        .replace('\\', "/")
                )
            })
            .unwrap_or_default();
        AgendaRow {
            case: f.case.clone().unwrap_or_default(),
            link,
            curator: f.curator.clone(),
            finding: FindingRow::new(f),
        }
    }
}

/// What the site shows as a finding's status: a past violation says so.
const PAST_LABEL: &str = "нарушение в прошлом";

impl FindingRow {
    fn new(f: &Finding) -> FindingRow {
        FindingRow {
            status: if f.is_past() {
                PAST_LABEL
            } else {
                f.status.label()
            },
            due: f.due.map(|d| d.short_ru()).unwrap_or_default(),
            message: f.message.clone(),
            clause: f.clause,
        }
    }
}

/// Links from a page in `from` (relative to the output folder) to a document's two files.
fn link(doc: &Document, from: &Path) -> DocLink {
    let relative = doc
        .path
        .strip_prefix(from)
        .unwrap_or(&doc.path)
        .to_path_buf();
    let href = |ext: &str| {
        with_extension(&relative, ext)
            .to_string_lossy()
            .replace('\\', "/")
    };
    DocLink {
        title: doc.title.clone(),
        date: crate::documents::date_short(doc.date),
        html: href("html"),
        pdf: href("pdf"),
    }
}

/// Tera's error with its causes (the cause names the template and the line).
fn tera_error(error: &tera::Error) -> String {
    let mut message = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    message
}
