//! The site's desk pages: a page per curator (`кураторы/<ФИО>.html`), their calendar
//! (`кураторы/<ФИО>.ics`) and the centre's (`календарь.ics`). What they hold is decided in
//! [`crate::desk`]; this file only shapes it for the templates.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;
use tera::Context;

use super::{DocLink, Page, Site};
use crate::desk::{self, Shelf, ics};
use crate::documents::{Document, OrgView, date_short};
use crate::load::Repository;
use crate::model::{Case, Date, name_slug};
use crate::provenance::Stamp;
use crate::rules::Finding;

/// The folder of the desk pages.
const DIR: &str = "кураторы";
/// The centre's calendar.
const CENTRE_CALENDAR: &str = "календарь.ics";

/// A curator as the index lists them.
#[derive(Serialize)]
pub(super) struct DeskLink {
    name: String,
    page: String,
    ics: String,
    families: usize,
    overdue: usize,
    week: usize,
}

/// The page and calendar paths of a curator, from the site's root.
pub(super) fn paths(curator: &str) -> (String, String) {
    let slug = name_slug(curator);
    (format!("{DIR}/{slug}.html"), format!("{DIR}/{slug}.ics"))
}

#[derive(Serialize)]
struct DeskView {
    name: String,
    position: String,
    as_of: String,
    week_end: String,
    month_end: String,
    monday: String,
    sunday: String,
    ics: String,
    load: LoadView,
    families: Vec<FamilyRow>,
    overdue: Vec<ItemRow>,
    week: Vec<ItemRow>,
    month: Vec<ItemRow>,
    past: Vec<ItemRow>,
    to_sign: Vec<SignRow>,
}

#[derive(Serialize)]
struct LoadView {
    today: String,
    quarter: String,
    over: bool,
}

#[derive(Serialize)]
struct FamilyRow {
    number: String,
    family: String,
    category: String,
    stage: String,
    level: String,
    link: String,
    next_due: String,
    next_iso: String,
    next_what: String,
    late: bool,
}

#[derive(Serialize)]
struct ItemRow {
    case: String,
    link: String,
    due: String,
    days: String,
    message: String,
    clause: &'static str,
}

#[derive(Serialize)]
struct SignRow {
    case: String,
    #[serde(flatten)]
    link: DocLink,
}

impl Site {
    /// The desk page and calendar of every curator, the centre's calendar, and the index's
    /// list of curators.
    pub(super) fn desks(
        &self,
        repo: &Repository,
        docs: &[Document],
        as_of: Date,
        org: Option<&OrgView>,
        stamp: Option<&Stamp>,
    ) -> Result<(Vec<Page>, Vec<DeskLink>), String> {
        let agenda = desk::agenda(repo, as_of);
        let detail = match repo.config.as_ref().and_then(|c| c.data.calendars.as_ref()) {
            Some(settings) if settings.detailed == crate::model::YesNo::Yes => ics::Detail::Full,
            _ => ics::Detail::Initial,
        };
        let centre = org.map_or("", |o| o.full_name.as_str());
        let cases: BTreeMap<&str, &Case> = repo
            .cases
            .iter()
            .map(|c| (c.data.number.as_str(), &c.data))
            .collect();
        let surname = |f: &Finding| {
            let case = cases.get(f.case.as_deref()?)?;
            Some(ics::Family {
                surname: case.family.surname.as_str(),
            })
        };
        let calendar = |name: String, items: &[&Finding]| {
            ics::Calendar {
                name,
                centre,
                as_of,
                detail,
            }
            .write(items.iter().map(|f| (*f, surname(f))))
        };
        let events: Vec<&Finding> = agenda
            .iter()
            .filter(|f| f.due.is_some() && !f.is_past())
            .collect();
        let mut pages = vec![Page {
            path: CENTRE_CALENDAR.into(),
            html: calendar(format!("Сроки: {}", short(org)), &events),
        }];
        let mut links = Vec::new();
        let loads = desk::loads(repo, as_of);
        for name in desk::curators(repo, as_of) {
            let (page_path, ics_path) = paths(&name);
            let mine: Vec<&Finding> = agenda.iter().filter(|f| f.curator == name).collect();
            let load = desk::load_of(&loads, &name, as_of);
            let view = self.view(repo, &cases, docs, &name, &mine, &load, as_of);
            links.push(DeskLink {
                page: page_path.clone(),
                ics: ics_path.clone(),
                families: view.families.len(),
                overdue: view.overdue.len(),
                week: view.week.len(),
                name: name.clone(),
            });
            let my_events: Vec<&Finding> = events
                .iter()
                .filter(|f| f.curator == name)
                .copied()
                .collect();
            pages.push(Page {
                path: ics_path.into(),
                html: calendar(format!("Сроки: {name}"), &my_events),
            });
            let page_path = PathBuf::from(page_path);
            let mut context = Context::new();
            context.insert("title", &format!("Рабочий стол куратора: {name}"));
            context.insert("root", &super::root_prefix(&page_path));
            context.insert("org", &org);
            context.insert("desk", &view);
            context.insert("stamp", &stamp);
            pages.push(Page {
                html: self.render("curator.html", &context, &page_path)?,
                path: page_path,
            });
        }
        Ok((pages, links))
    }

    #[allow(clippy::too_many_arguments)]
    fn view(
        &self,
        repo: &Repository,
        cases: &BTreeMap<&str, &Case>,
        docs: &[Document],
        name: &str,
        mine: &[&Finding],
        load: &desk::Load,
        as_of: Date,
    ) -> DeskView {
        let rows = |shelf: Shelf| -> Vec<ItemRow> {
            mine.iter()
                .filter(|f| desk::shelf(f, as_of) == shelf)
                .map(|f| ItemRow::new(f, as_of))
                .collect()
        };
        let families: Vec<FamilyRow> = desk::families(repo, name, as_of)
            .into_iter()
            .map(|case| {
                // The nearest open deadline of the family: the overdue first, then by date.
                let next = mine
                    .iter()
                    .filter(|f| f.case.as_deref() == Some(case.number.as_str()) && !f.is_past())
                    .filter_map(|f| f.due.map(|due| (due, f)))
                    .min_by_key(|(due, f)| (*due, f.rule));
                FamilyRow {
                    number: case.number.clone(),
                    family: case.family.surname.clone(),
                    category: case.family.category.label().to_owned(),
                    stage: desk::stage_on(case, as_of)
                        .map(crate::documents::stage_label)
                        .unwrap_or_default(),
                    level: desk::level_on(case, as_of).unwrap_or_default().to_owned(),
                    link: case_link(&case.number),
                    next_due: next.map(|(d, _)| date_short(d)).unwrap_or_default(),
                    next_iso: next.map(|(d, _)| d.to_string()).unwrap_or_default(),
                    next_what: next.map(|(_, f)| desk::what(f)).unwrap_or_default(),
                    late: next.is_some_and(|(d, _)| d < as_of),
                }
            })
            .collect();
        let (monday, sunday) = desk::week_of(as_of);
        let to_sign = docs
            .iter()
            .filter(|d| (monday..=sunday).contains(&d.date))
            .filter_map(|d| {
                let number = d.case.as_deref()?;
                let case = cases.get(number)?;
                (crate::rules::curator_on(case, d.date) == name).then(|| SignRow {
                    case: number.to_owned(),
                    link: self.link(d, Path::new("")),
                })
            })
            .collect();
        let position = repo
            .config
            .iter()
            .flat_map(|c| c.data.curators.iter())
            .find(|p| p.name == name)
            .map(|p| crate::model::capitalise(&p.position))
            .unwrap_or_default();
        let ahead =
            |days: i64| date_short(Date::from(as_of.naive() + chrono::Days::new(days as u64)));
        DeskView {
            name: name.to_owned(),
            position,
            as_of: date_short(as_of),
            week_end: ahead(crate::rules::DUE_SOON_DAYS),
            month_end: ahead(desk::AHEAD_DAYS),
            monday: date_short(monday),
            sunday: date_short(sunday),
            ics: paths(name)
                .1
                .trim_start_matches(&format!("{DIR}/"))
                .to_owned(),
            load: load_view(load, as_of),
            families,
            overdue: rows(Shelf::Overdue),
            week: rows(Shelf::Week),
            month: rows(Shelf::Month),
            past: rows(Shelf::Past),
            to_sign,
        }
    }
}

impl ItemRow {
    fn new(f: &Finding, as_of: Date) -> ItemRow {
        let days = f.due.map(|due| desk::days_to(as_of, due)).map(|n| match n {
            0 => "сегодня".to_owned(),
            n if n < 0 => format!("{} дн. назад", -n),
            n => format!("через {n} дн."),
        });
        ItemRow {
            case: f.case.clone().unwrap_or_default(),
            link: f.case.as_deref().map(case_link).unwrap_or_default(),
            due: f.due.map(date_short).unwrap_or_default(),
            days: days.unwrap_or_default(),
            message: f.message.clone(),
            clause: f.clause,
        }
    }
}

/// A case page from the site's root.
fn case_link(number: &str) -> String {
    format!(
        "{}/index.html",
        crate::documents::case_dir(number)
            .to_string_lossy()
            .replace('\\', "/")
    )
}

/// The load in words: on the day, and over the quarter so far.
fn load_view(load: &desk::Load, as_of: Date) -> LoadView {
    let percent = |share: f64| format!("{:.0} %", share * 100.0);
    let today = load.today;
    LoadView {
        today: format!(
            "На {}: {} полной нагрузки — СОП {} из 6, ТЖС {} из 12, нуждаются в поддержке {} из 24 \
             (Положение о кураторе семьи, п. 1.8){}.",
            date_short(as_of),
            percent(today.load()),
            today.sop,
            today.tzhs,
            today.support,
            if today.over_limit() {
                " — превышение"
            } else {
                ""
            }
        ),
        quarter: format!(
            "С {} по {}, по каждому дню: наибольшая нагрузка {} ({}), дней с превышением — {}.",
            date_short(load.since),
            date_short(as_of),
            percent(load.peak),
            date_short(load.peak_on),
            load.days_over
        ),
        over: today.over_limit(),
    }
}

/// The centre's short name for the calendar's title.
fn short(org: Option<&OrgView>) -> String {
    org.map(|o| o.short_name.clone())
        .unwrap_or_else(|| "центр".to_owned())
}
