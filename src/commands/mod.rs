//! Subcommands; each file holds its arguments and what it does.

mod build;
mod calendar;
mod check;
mod demo;
mod history;
mod init;
mod new;
mod pack;
mod region;
mod schema;
mod serve;
mod templates;
mod validate;

use std::path::PathBuf;
use std::process::ExitCode;

/// Exit code when the data has errors.
pub const DATA_ERRORS: u8 = 1;

/// The subcommands of kurator.
#[derive(clap::Subcommand)]
pub enum Command {
    /// Собрать документы: PDF и HTML-сайт в out/.
    Build(build::Args),
    /// Проверить все файлы репозитория и показать все ошибки с местом и подсказкой.
    Validate(validate::Args),
    /// Повестка кураторов: что просрочено и что истекает в ближайшие 7 дней.
    Check(check::Args),
    /// Записать JSON-схемы в schema/ (или проверить, что они актуальны: --check).
    Schema(schema::Args),
    /// Создать заготовку случая cases/<номер>.yaml.
    New(new::Args),
    /// Квартальный пакет: протоколы, справки, показатели, журнал — папка, manifest.json и ZIP.
    Pack(pack::Args),
    /// Сводный отчёт города или региона: показатели нескольких центров из их пакетов — PDF, HTML и figures.json.
    Region(region::Args),
    /// История файла случая по git: кто, когда и что изменил — по полям.
    History(history::Args),
    /// Создать новый репозиторий случаев в папке.
    Init(init::Args),
    /// Создать вымышленный репозиторий из N семей (для замеров и проверки): --generate N.
    Demo(demo::Args),
    /// Встроенные шаблоны документов: список или копия для правки (--eject).
    Templates(templates::Args),
    /// Показать производственный календарь года: рабочие дни, праздники, переносы.
    Calendar(calendar::Args),
    /// Предпросмотр сайта на 127.0.0.1: пересборка при сохранении файла, страница обновляется сама.
    Serve(serve::Args),
}

impl Command {
    /// Runs the subcommand; `Err` means exit code 2.
    pub fn run(self) -> anyhow::Result<ExitCode> {
        match self {
            Command::Build(args) => build::run(args),
            Command::Validate(args) => validate::run(args),
            Command::Check(args) => check::run(args),
            Command::Schema(args) => schema::run(args),
            Command::New(args) => new::run(args),
            Command::Pack(args) => pack::run(args),
            Command::Region(args) => region::run(args),
            Command::History(args) => history::run(args),
            Command::Init(args) => init::run(args),
            Command::Demo(args) => demo::run(args),
            Command::Templates(args) => templates::run(args),
            Command::Calendar(args) => calendar::run(args),
            Command::Serve(args) => serve::run(args),
        }
    }
}

/// `--root`: the case repository, by default the current folder.
#[derive(clap::Args)]
pub struct RootArg {
    /// Папка репозитория случаев (где лежит kurator.yaml).
    #[arg(long, value_name = "ПАПКА", default_value = ".")]
    pub root: PathBuf,
}

/// Parses a command-line date with the same rules as the case files, saying what is wrong:
/// the shape, or the day that does not exist (30 February).
pub fn parse_date(text: &str) -> Result<kurator::model::Date, String> {
    use kurator::model::{Date, DateError, no_such_day};
    Date::parse(text).map_err(|e| match e {
        DateError::NoSuchDay => format!("дня «{text}» нет в календаре: {}", no_such_day(text)),
        DateError::Shape { iso: Some(iso) } => match Date::parse(&iso) {
            Ok(_) => format!("дата «{text}» записана не как ГГГГ-ММ-ДД; пишите так: {iso}"),
            Err(_) => format!(
                "дата «{text}» записана не как ГГГГ-ММ-ДД, и такого дня нет: {}",
                no_such_day(&iso)
            ),
        },
        DateError::Shape { iso: None } => {
            format!("«{text}» — не дата; пишите ГГГГ-ММ-ДД, например 2025-04-25")
        }
    })
}

/// The values of `--format` for a command that prints diagnostics or findings, each described
/// as that command writes it (`validate` and `check` print different things in each format).
pub fn format_values(
    human: &'static str,
    json: &'static str,
    github: &'static str,
) -> impl clap::builder::TypedValueParser<Value = kurator::diagnostic::Format> {
    use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
    use kurator::diagnostic::Format;
    PossibleValuesParser::new([
        PossibleValue::new("human").help(human),
        PossibleValue::new("json").help(json),
        PossibleValue::new("github").help(github),
    ])
    .map(|value| match value.as_str() {
        "json" => Format::Json,
        "github" => Format::Github,
        _ => Format::Human,
    })
}

/// Today's date on this machine: the default of `--as-of` where a date matters, and the date
/// after which validation refuses a recorded event ([future-date]).
pub fn today() -> kurator::model::Date {
    chrono::Local::now().date_naive().into()
}

/// Loads the repository and runs every rule as of a date ([`kurator::build::check`]), with
/// this machine's date as the limit of recorded events.
pub fn check(
    root: &std::path::Path,
    as_of: kurator::model::Date,
) -> anyhow::Result<kurator::build::Checked> {
    kurator::build::check(root, as_of, today())
}

/// The diagnostics as `validate` prints them (errors with the warnings beside them), when there
/// is an error among them; `None` when there is none. Shared by every command that stops on
/// errors and by the preview's error page.
pub fn error_report(
    root: &std::path::Path,
    mut diagnostics: Vec<kurator::diagnostic::Diagnostic>,
) -> Option<String> {
    use kurator::diagnostic::{self, Format, Severity};
    if !diagnostics.iter().any(|d| d.severity == Severity::Error) {
        return None;
    }
    diagnostic::sort(&mut diagnostics);
    Some(diagnostic::render(&diagnostics, Format::Human, |p| {
        kurator::load::read_text(root, p).ok()
    }))
}

/// Prints [`error_report`] and says that `what` (e.g. «Сборка не выполнена») stopped because of
/// the errors; `true` when there were errors. Warnings alone pass.
pub fn stop_on_errors(
    root: &std::path::Path,
    diagnostics: Vec<kurator::diagnostic::Diagnostic>,
    what: &str,
) -> std::io::Result<bool> {
    let Some(report) = error_report(root, diagnostics) else {
        return Ok(false);
    };
    out!("{report}")?;
    outln!("{what}: в данных есть ошибки, ничего не записано. Исправьте их и запустите снова.")?;
    Ok(true)
}
