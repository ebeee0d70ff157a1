//! `kurator history <номер>`: every commit that touched a case file (following renames), with
//! date, author, message and what changed in the case's own terms.
//!
//! Reads only git and the one file's recorded versions, not the whole repository, so it
//! answers at once even in a large centre and works while other cases have errors.

use std::process::ExitCode;

use anyhow::bail;
use kurator::diagnostic::for_terminal;
use kurator::git::Absent;
use kurator::history::CaseHistory;
use kurator::provenance::Provenance;

use super::RootArg;

/// Output formats of `history`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// для чтения: дата, коммит, автор, сообщение, изменения по полям
    Human,
    /// JSON для программ
    Json,
}

/// Arguments of `kurator history`.
#[derive(clap::Args)]
pub struct Args {
    /// Номер случая: имя файла в cases/ без .yaml, например 2024-001.
    #[arg(value_name = "НОМЕР")]
    number: String,
    #[command(flatten)]
    root: RootArg,
    /// Формат вывода: human или json.
    #[arg(long, value_name = "ФОРМАТ", value_enum, default_value = "human")]
    format: Format,
}

/// Prints the history of one case file.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let root = &args.root.root;
    let number = &args.number;
    if number.is_empty() || number.starts_with('.') || number.contains(['/', '\\']) {
        bail!("«{number}» — не номер случая; пишите номер, как в имени файла: 2024-001");
    }
    // The case may sit in a subfolder of cases/ (cases/архив/2023/…): found by its file name.
    let found: Vec<String> = kurator::load::case_files(root)?
        .into_iter()
        .filter(|p| p.file_stem().is_some_and(|stem| stem == number.as_str()))
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .collect();
    let path = match found.as_slice() {
        [path] => path.clone(),
        [] => bail!(
            "случай {number} не найден: нет файла {number}.yaml в папке {}",
            root.join(kurator::load::CASES_DIR).display()
        ),
        _ => bail!(
            "файлов случая {number} несколько: {}; оставьте один (kurator validate покажет оба)",
            found.join(", ")
        ),
    };
    let provenance = Provenance::read(root);
    if !provenance.in_git() {
        for warning in provenance.warnings() {
            note!("предупреждение: {warning}");
        }
    }
    let history = provenance
        .histories(std::slice::from_ref(&path))
        .remove(&path)
        .unwrap_or_else(|| CaseHistory {
            path: path.clone(),
            entries: Vec::new(),
            shallow: false,
            uncommitted: false,
        });
    match args.format {
        Format::Json => outln!("{}", serde_json::to_string_pretty(&history)?)?,
        Format::Human => out!(
            "{}",
            for_terminal(&human(number, &history, provenance.absent()))
        )?,
    }
    Ok(ExitCode::SUCCESS)
}

fn human(number: &str, history: &CaseHistory, absent: Option<&Absent>) -> String {
    let mut out = format!(
        "История случая {number} ({}): коммитов {}\n",
        history.path,
        history.entries.len()
    );
    match absent {
        Some(Absent::NotInGit) => out.push_str("Истории нет: папка не в репозитории git.\n"),
        Some(Absent::DubiousOwnership(_)) => out.push_str(
            "Истории нет: git отказался читать репозиторий другого пользователя (см. предупреждение).\n",
        ),
        None => {}
    }
    if history.shallow {
        out.push_str(
            "История неполная: неглубокий клон git (shallow clone). Полная: git fetch --unshallow\n",
        );
    }
    if history.uncommitted {
        out.push_str("В файле есть изменения, не зафиксированные в git; ниже их нет.\n");
    }
    for entry in &history.entries {
        out.push_str(&format!(
            "\n{}  {}  {}\n",
            entry.date.short_ru(),
            entry.commit,
            entry.author
        ));
        for line in entry.message.lines() {
            out.push_str(&format!("  {line}\n"));
        }
        let event = entry.event_text();
        let lines = (!event.is_empty())
            .then_some(event.as_str())
            .into_iter()
            .chain(entry.changes.iter().map(|c| c.text.as_str()))
            .chain(entry.note.as_deref());
        for line in lines {
            out.push_str(&format!("  • {line}\n"));
        }
    }
    out
}
