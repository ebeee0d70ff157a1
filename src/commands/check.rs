//! `kurator check`: the curators' agenda — what is overdue and what falls due this week.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

use anyhow::bail;
use kurator::diagnostic::{self, Diagnostic, Format, Severity, for_terminal};
use kurator::load;
use kurator::load::schema_check::closest;
use kurator::model::{Date, capitalise};
use kurator::rules::{self, DUE_SOON_DAYS, Finding, Status};
use serde::Serialize;

use super::{DATA_ERRORS, RootArg, check, parse_date, today};

/// Arguments of `kurator check`.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    root: RootArg,
    /// Дата, на которую строится повестка (ГГГГ-ММ-ДД); по умолчанию сегодня.
    #[arg(long, value_name = "ДАТА", value_parser = parse_date)]
    as_of: Option<Date>,
    /// Показать и то, что ещё не истекает, но наступит в ближайшие ДНЕЙ дней (по умолчанию 7:
    /// только «срок истекает»): патронаж и консилиум предстоящих месяцев и кварталов, сроки
    /// мероприятий, этапов и договора. Те же пункты на странице куратора и в его календаре.
    #[arg(long, value_name = "ДНЕЙ", default_value_t = DUE_SOON_DAYS, value_parser = clap::value_parser!(i64).range(0..=3660))]
    within: i64,
    /// Только пункты этого куратора (ФИО как в kurator.yaml).
    #[arg(long, value_name = "ФИО")]
    curator: Option<String>,
    /// Формат вывода: human — повестка для людей, json — для программ, github — для GitHub Actions.
    #[arg(
        long,
        value_name = "ФОРМАТ",
        default_value = "human",
        value_parser = super::format_values(
            "повестка по-русски, по кураторам: нагрузка, просрочено, срок истекает, с местом в файле",
            "один массив JSON, по элементу на пункт повестки: {case, rule, clause, status, due, curator, file, line, message, past}; due — срок (ГГГГ-ММ-ДД или null), past — нарушение в прошлом (исполнить уже нельзя)",
            "аннотации GitHub Actions: просрочки и превышение нагрузки — ::warning, близкие сроки — ::notice",
        )
    )]
    format: Format,
    /// Код выхода 1, если в повестке есть пункты (для CI).
    #[arg(long)]
    strict: bool,
    /// Показать и историю: закрытые случаи и сроки, выполненные с опозданием.
    #[arg(long)]
    all: bool,
}

/// Prints the agenda; data errors are reported as by `validate` and give exit 1.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let root = &args.root.root;
    let as_of = args.as_of.unwrap_or_else(today);
    let kurator::build::Checked {
        repo,
        mut findings,
        diagnostics: errors,
    } = check(root, as_of)?;
    if errors.iter().any(|d| d.severity == Severity::Error) {
        return report_errors(root, errors, args.format);
    }
    if args.within > DUE_SOON_DAYS {
        // The same engine, looking further ahead; a missing calendar year is already an error.
        findings = rules::findings_within(&repo, &repo.calendar(), as_of, args.within).0;
    }

    if let Some(name) = &args.curator {
        let known: BTreeSet<String> = repo
            .config
            .iter()
            .flat_map(|c| c.data.curators.iter().map(|p| p.name.clone()))
            .chain(findings.iter().map(|f| f.curator.clone()))
            .collect();
        if !known.contains(name) {
            let known: Vec<String> = known.into_iter().collect();
            match closest(name, &known) {
                Some(near) => bail!("куратора «{name}» нет; возможно, имелось в виду «{near}»"),
                None => bail!("куратора «{name}» нет; кураторы: {}", known.join(", ")),
            }
        }
        findings.retain(|f| &f.curator == name);
    }
    let findings = rules::agenda(&repo, findings, as_of, args.all);

    let text = match args.format {
        Format::Human => for_terminal(&human(&findings, as_of, args.within, &repo)).into_owned(),
        Format::Json => json(&findings),
        Format::Github => {
            for_terminal(&findings.iter().map(github).collect::<String>()).into_owned()
        }
    };
    out!("{text}")?;
    Ok(if args.strict && !findings.is_empty() {
        ExitCode::from(DATA_ERRORS)
    } else {
        ExitCode::SUCCESS
    })
}

fn report_errors(
    root: &Path,
    mut errors: Vec<Diagnostic>,
    format: Format,
) -> anyhow::Result<ExitCode> {
    diagnostic::sort(&mut errors);
    out!(
        "{}",
        diagnostic::render(&errors, format, |path| load::read_text(root, path).ok())
    )?;
    if format == Format::Human {
        let count = errors
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        outln!(
            "Ошибок: {count}. Повестка строится по правильным данным: исправьте ошибки и запустите снова."
        )?;
    }
    Ok(ExitCode::from(DATA_ERRORS))
}

fn location(f: &Finding) -> String {
    format!(
        "{}:{}",
        f.file.to_string_lossy().replace('\\', "/"),
        f.span.start.line.max(1)
    )
}

/// The agenda grouped by curator: over the limit, overdue, due soon, then history.
fn human(findings: &[Finding], as_of: Date, within: i64, repo: &load::Repository) -> String {
    let open_cases = repo
        .cases
        .iter()
        .filter(|c| rules::is_open(&c.data, as_of))
        .count();
    let count = |s: Status| {
        findings
            .iter()
            .filter(|f| f.status == s && !f.is_past())
            .count()
    };
    let past = findings.iter().filter(|f| f.is_past()).count();
    let mut out = format!(
        "Повестка на {}: просрочено {}, срок истекает в ближайшие {DUE_SOON_DAYS} дней {}, нарушений в прошлом {past}; семей в работе: {open_cases}.\n",
        as_of.short_ru(),
        count(Status::Overdue),
        count(Status::DueSoon),
    );
    if findings.is_empty() {
        out.push_str("Просроченных и срочных дел нет.\n");
        return out;
    }
    let curators: BTreeSet<&str> = findings.iter().map(|f| f.curator.as_str()).collect();
    for curator in curators {
        let mine: Vec<&Finding> = findings.iter().filter(|f| f.curator == curator).collect();
        let _ = writeln!(out, "\n{curator}");
        // What can still be done, by status; then what cannot (a visit of a month gone by).
        let sections = [
            Status::OverLimit,
            Status::Overdue,
            Status::DueSoon,
            Status::Upcoming,
            Status::DoneLate,
            Status::TooShort,
        ]
        .map(|status| (Some(status), false))
        .into_iter()
        .chain([(None, true)]);
        for (status, past) in sections {
            let items: Vec<&&Finding> = mine
                .iter()
                .filter(|f| f.is_past() == past && status.is_none_or(|s| f.status == s))
                .collect();
            if items.is_empty() {
                continue;
            }
            let heading = match status {
                None => "Нарушения в прошлом (срок прошёл, исполнить уже нельзя)".to_owned(),
                Some(Status::OverLimit) => "Нагрузка".to_owned(),
                Some(Status::DueSoon) => {
                    format!("Срок истекает (в ближайшие {DUE_SOON_DAYS} дней)")
                }
                Some(Status::Upcoming) => {
                    format!("Срок впереди (в ближайшие {within} дней)")
                }
                Some(other) => capitalise(other.label()),
            };
            let _ = writeln!(out, "  {heading}:");
            for f in items {
                let due = match (f.due, f.status) {
                    (Some(due), Status::Overdue) if !f.is_past() => {
                        format!(
                            "срок {} (просрочено на {} дн.)",
                            due.short_ru(),
                            (as_of.naive() - due.naive()).num_days()
                        )
                    }
                    (Some(due), Status::DueSoon | Status::Upcoming) => {
                        format!(
                            "срок {} (осталось {} дн.)",
                            due.short_ru(),
                            (due.naive() - as_of.naive()).num_days()
                        )
                    }
                    (Some(due), _) => format!("срок {}", due.short_ru()),
                    (None, _) => String::new(),
                };
                let case = f.case.as_deref().unwrap_or("");
                let lead = [case, &due]
                    .iter()
                    .filter(|s| !s.is_empty())
                    .copied()
                    .collect::<Vec<_>>()
                    .join("  ");
                let lead = if lead.is_empty() {
                    String::new()
                } else {
                    format!("{lead}: ")
                };
                let _ = writeln!(out, "    {lead}{}", f.message);
                let _ = writeln!(out, "      {} · {}", f.clause, location(f));
            }
        }
    }
    out
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    case: Option<&'a str>,
    rule: &'a str,
    clause: &'a str,
    status: Status,
    due: Option<String>,
    curator: &'a str,
    file: String,
    line: usize,
    message: &'a str,
    /// A past violation: the period the work belonged to has ended.
    past: bool,
}

fn json(findings: &[Finding]) -> String {
    let items: Vec<JsonFinding> = findings
        .iter()
        .map(|f| JsonFinding {
            case: f.case.as_deref(),
            rule: f.rule,
            clause: f.clause,
            status: f.status,
            due: f.due.map(|d| d.to_string()),
            curator: &f.curator,
            file: f.file.to_string_lossy().replace('\\', "/"),
            line: f.span.start.line.max(1),
            message: &f.message,
            past: f.is_past(),
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".into());
    text.push('\n');
    text
}

/// Overdue and over-limit as warnings, due soon (and ahead) as notices: findings never fail a workflow
/// unless `--strict` says so.
fn github(f: &Finding) -> String {
    let level = if matches!(f.status, Status::DueSoon | Status::Upcoming) {
        "notice"
    } else {
        "warning"
    };
    let due = f
        .due
        .map(|d| format!(", срок {}", d.short_ru()))
        .unwrap_or_default();
    let message = format!(
        "{}{}: {} — {}{due} ({})",
        f.case
            .as_deref()
            .map(|c| format!("{c}: "))
            .unwrap_or_default(),
        f.status.label(),
        f.message,
        f.curator,
        f.clause
    );
    diagnostic::github_line(
        level,
        &f.file,
        f.span.start.line.max(1),
        f.span.start.column.max(1),
        &format!("kurator {}", f.rule),
        &message,
    )
}
