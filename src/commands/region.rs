//! `kurator region ВХОД…`: several centres' figures added into one city or regional report.
//! The work is the library's (`kurator::region`); this file parses arguments and prints.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use kurator::indicators::Period;
use kurator::output::folder::OutFolder;
use kurator::region::{self, RegionError};

use super::DATA_ERRORS;

/// Arguments of `kurator region`.
#[derive(clap::Args)]
pub struct Args {
    /// Пакеты центров: архивы .zip или папки пакетов (kurator pack, в том числе обезличенные),
    /// или папки сборки out/ (тогда нужен --period).
    #[arg(value_name = "ПАКЕТ", required = true)]
    inputs: Vec<PathBuf>,
    /// Период: 2025-Q3 (квартал) или 2025 (год — из пакетов IV квартала). По умолчанию — период
    /// пакетов; пакеты разных периодов не складываются.
    #[arg(long, value_name = "ПЕРИОД")]
    period: Option<String>,
    /// Город или регион: заголовок отчёта и «центр» в сводном figures.json.
    #[arg(
        long,
        value_name = "НАЗВАНИЕ",
        default_value = "Сводные данные по центрам"
    )]
    name: String,
    /// Папка результата; отчёт пишется в <ПАПКА>/packs/регион-<период>/ и рядом .zip.
    #[arg(long, value_name = "ПАПКА", default_value = "out")]
    out: PathBuf,
}

/// Reads the inputs, adds their figures and writes the report.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let period = match &args.period {
        Some(text) => Some(Period::parse(text).with_context(|| {
            format!("период «{text}» не распознан: пишите 2025-Q3 (квартал) или 2025 (год)")
        })?),
        None => None,
    };
    let inputs = args
        .inputs
        .iter()
        .map(|path| region::read_input(path, period))
        .collect::<Result<Vec<_>, _>>();
    let total = inputs.and_then(|inputs| {
        let total = region::sum(&inputs, &args.name)?;
        Ok((inputs, total))
    });
    let (inputs, total) = match total {
        Ok(done) => done,
        Err(RegionError::Refused(message)) => {
            note!("kurator: ошибка: {message}");
            return Ok(ExitCode::from(DATA_ERRORS));
        }
        Err(e @ RegionError::Unreadable(_)) => return Err(e.into()),
    };
    let doc = region::document(&inputs, &total, &args.name);
    let here = std::env::current_dir().context("текущая папка")?;
    let out = OutFolder::open(&args.out, &here).context("папка результата")?;
    let (folder, zip) = region::write(&out, &doc, &total)?;
    outln!(
        "Сводный отчёт за {}: центров {}, семей на конец периода {} → {}\nАрхив: {}",
        total.period().label(),
        inputs.len(),
        total.movement.end,
        folder.display(),
        zip.display()
    )?;
    Ok(ExitCode::SUCCESS)
}
