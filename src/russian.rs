//! The command line in Russian: help, usage lines and every command-line error.
//!
//! clap writes its own words in English in three places, and each is replaced here, once for
//! every command (so a new subcommand is Russian without touching this file):
//! - the help layout (headings «Usage», «Options», «Arguments», «Commands», the help flag):
//!   a Russian template per command and our own `-h/--help` and `-V/--version`;
//! - the usage line, where clap writes `[OPTIONS]`, `<COMMAND>`: built here from the command's
//!   arguments ([`usage`]) and set with `override_usage`, which clap then shows both in help
//!   and in errors;
//! - the notes clap appends to an argument's help (`[default: .]`, `Possible values:` with
//!   the values' help): hidden, and written here in Russian into the argument's own help
//!   ([`argument`]).
//!
//! `-h` gives the short help (one line per argument), `--help` the full one (each argument's
//! whole text, every value with its meaning, the default) for every command alike: each
//! argument gets a long help, so clap never picks the layout by accident of which arguments
//! happen to have one.
//!
//! Errors are rebuilt from the context clap records ([`error`]), never from its English text.

use std::io::IsTerminal;

use clap::builder::PossibleValue;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};

/// Every command of the tree, in Russian.
pub fn command(command: Command) -> Command {
    localise(command, "")
}

fn localise(command: Command, parent: &str) -> Command {
    let path = if parent.is_empty() {
        command.get_name().to_owned()
    } else {
        format!("{parent} {}", command.get_name())
    };
    let ids: Vec<clap::Id> = command
        .get_arguments()
        .map(|arg| arg.get_id().clone())
        .collect();
    let mut command = ids
        .into_iter()
        .fold(command, |command, id| command.mut_arg(id, argument));
    let usage = usage(&command, &path);
    let mut template = String::from("{about-with-newline}\nИспользование: {usage}\n");
    if command.has_subcommands() {
        template.push_str("\nКоманды:\n{subcommands}\n");
    }
    if command.get_positionals().any(|arg| !arg.is_hide_set()) {
        template.push_str("\nАргументы:\n{positionals}\n");
    }
    template.push_str("\nПараметры:\n{options}\n");
    command = command
        .help_template(template)
        .override_usage(usage)
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .subcommand_value_name("КОМАНДА")
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("Показать справку (--help — подробнее)")
                .long_help("Показать справку: -h — кратко, --help — подробно"),
        );
    if parent.is_empty() {
        command = command.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("Показать версию")
                .long_help("Показать версию kurator"),
        );
    }
    command.mut_subcommands(|sub| localise(sub, &path))
}

/// An argument's help with its default and its values written in Russian, clap's own notes
/// hidden; a long help for every argument (see the module note).
fn argument(arg: Arg) -> Arg {
    let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
    let long = arg
        .get_long_help()
        .map(ToString::to_string)
        .unwrap_or_else(|| help.clone());
    let takes_value = arg.get_action().takes_values();
    let defaults: Vec<String> = if takes_value {
        arg.get_default_values()
            .iter()
            .map(|v| v.to_string_lossy().into_owned())
            .collect()
    } else {
        Vec::new()
    };
    let values: Vec<PossibleValue> = if takes_value {
        arg.get_possible_values()
            .into_iter()
            .filter(|v| !v.is_hide_set())
            .collect()
    } else {
        Vec::new()
    };
    let mut short = help;
    let mut long = long;
    if !values.is_empty() {
        let names: Vec<&str> = values.iter().map(PossibleValue::get_name).collect();
        short.push_str(&format!(" [возможные значения: {}]", names.join(", ")));
        let width = names.iter().map(|n| n.chars().count()).max().unwrap_or(0);
        long.push_str("\n\nВозможные значения:");
        for value in &values {
            let name = value.get_name();
            match value.get_help() {
                Some(meaning) => long.push_str(&format!(
                    "\n- {name}:{:pad$} {meaning}",
                    "",
                    pad = width - name.chars().count()
                )),
                None => long.push_str(&format!("\n- {name}")),
            }
        }
    }
    if !defaults.is_empty() {
        let note = format!("[по умолчанию: {}]", defaults.join(","));
        short.push_str(&format!(" {note}"));
        long.push_str(&format!("\n\n{note}"));
    }
    let arg = arg.help(short).long_help(long);
    match takes_value {
        true => arg.hide_default_value(true).hide_possible_values(true),
        false => arg,
    }
}

/// The usage line of a command, from its arguments: `kurator new [ПАРАМЕТРЫ] <НОМЕР>`.
/// Optional options are summed up as `[ПАРАМЕТРЫ]` (the help lists them), required ones are
/// written out, positionals in their order.
fn usage(command: &Command, path: &str) -> String {
    let mut parts = vec![path.to_owned()];
    let own =
        |arg: &&Arg| !arg.is_hide_set() && !matches!(arg.get_id().as_str(), "help" | "version");
    let options: Vec<&Arg> = command
        .get_arguments()
        .filter(|arg| !arg.is_positional())
        .filter(own)
        .collect();
    if options.iter().any(|arg| !arg.is_required_set()) {
        parts.push("[ПАРАМЕТРЫ]".to_owned());
    }
    for arg in options.iter().filter(|arg| arg.is_required_set()) {
        let flag = match (arg.get_long(), arg.get_short()) {
            (Some(long), _) => format!("--{long}"),
            (None, Some(short)) => format!("-{short}"),
            (None, None) => continue,
        };
        match arg.get_action().takes_values() {
            true => parts.push(format!("{flag} {}", placeholder(arg))),
            false => parts.push(flag),
        }
    }
    let mut positionals: Vec<&Arg> = command.get_positionals().filter(own).collect();
    positionals.sort_by_key(|arg| arg.get_index());
    for arg in positionals {
        let mut text = placeholder(arg);
        if arg.get_num_args().is_some_and(|n| n.max_values() > 1) {
            text.push_str("...");
        }
        parts.push(match arg.is_required_set() {
            true => text,
            false => format!("[{text}]"),
        });
    }
    if command.has_subcommands() {
        parts.push(match command.is_subcommand_required_set() {
            true => "<КОМАНДА>".to_owned(),
            false => "[КОМАНДА]".to_owned(),
        });
    }
    parts.join(" ")
}

/// `<ПАПКА>`: the value name an argument was given, or its id in capitals.
fn placeholder(arg: &Arg) -> String {
    match arg.get_value_names() {
        Some(names) if !names.is_empty() => names
            .iter()
            .map(|n| format!("<{n}>"))
            .collect::<Vec<_>>()
            .join(" "),
        _ => format!("<{}>", arg.get_id().as_str().to_uppercase()),
    }
}

/// What to print for a clap error, where, and with which exit code.
pub struct Report {
    /// The text, ending in a line break.
    pub text: String,
    /// To stdout (help and version asked for) or to stderr.
    pub to_stdout: bool,
    /// 0 for help and version asked for, 2 for every mistake.
    pub code: u8,
}

/// A clap error in Russian: what is wrong with what was typed, a suggestion when clap has one,
/// the usage line of the command the error is about and where its help is. `root` is the
/// localised command tree and `args` the command line, to find which command that is.
pub fn error(error: &clap::Error, root: &Command, args: &[std::ffi::OsString]) -> Report {
    match error.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let rendered = error.render();
            let text = match std::io::stdout().is_terminal() {
                true => rendered.ansi().to_string(),
                false => rendered.to_string(),
            };
            return Report {
                text,
                to_stdout: true,
                code: 0,
            };
        }
        // `kurator` alone: say so, then the whole help (the error renders to it).
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            return Report {
                text: format!("kurator: ошибка: не указана команда\n\n{}", error.render()),
                to_stdout: false,
                code: 2,
            };
        }
        _ => {}
    }
    let context = |kind| match error.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(ContextValue::Number(n)) => n.to_string(),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let arg = context(ContextKind::InvalidArg);
    let value = context(ContextKind::InvalidValue);
    let valid = context(ContextKind::ValidValue);
    let mut suggested: Vec<String> = [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedValue,
    ]
    .into_iter()
    .map(context)
    .filter(|s| !s.is_empty())
    .collect();
    let mut tips = Vec::new();
    if let Some(ContextValue::StyledStrs(notes)) = error.get(ContextKind::Suggested) {
        for note in notes.iter().map(ToString::to_string) {
            // clap's two tips, read from their quoted parts: «'new --curator' exists» and
            // «to pass '-x' as a value, use '-- -x'».
            let quoted: Vec<&str> = note.split('\'').skip(1).step_by(2).collect();
            if note.contains("as a value") {
                tips.push(format!(
                    "если «{}» — значение, а не параметр, поставьте перед ним «--»: {}",
                    quoted.first().unwrap_or(&""),
                    quoted.get(1).unwrap_or(&"")
                ));
            } else if let Some(exists) = quoted.first() {
                suggested.push(exists.to_string());
            }
        }
    }
    let mut message = match error.kind() {
        ErrorKind::UnknownArgument if arg.starts_with('-') => {
            format!("неизвестный параметр «{arg}»")
        }
        ErrorKind::UnknownArgument => {
            format!("лишний аргумент «{arg}»: команда его не ждёт")
        }
        ErrorKind::InvalidSubcommand => {
            let typed = context(ContextKind::InvalidSubcommand);
            match typed.as_str() {
                "help" => "неизвестная команда «help»; справка — kurator --help".to_owned(),
                _ => format!("неизвестная команда «{typed}»"),
            }
        }
        ErrorKind::InvalidValue if value.is_empty() && valid.is_empty() => {
            format!("для {arg} не указано значение")
        }
        ErrorKind::InvalidValue if value.is_empty() => {
            format!("для {arg} не указано значение; допустимо: {valid}")
        }
        ErrorKind::InvalidValue => {
            format!("недопустимое значение «{value}» для {arg}; допустимо: {valid}")
        }
        ErrorKind::ValueValidation => format!("{arg}: {}", validation(error, &value)),
        ErrorKind::MissingRequiredArgument => format!("не указано обязательное: {arg}"),
        ErrorKind::MissingSubcommand => format!(
            "не указана команда; команды: {}",
            context(ContextKind::ValidSubcommand)
        ),
        ErrorKind::ArgumentConflict => {
            let prior = context(ContextKind::PriorArg);
            if arg.is_empty() {
                let sub = context(ContextKind::InvalidSubcommand);
                format!("команду «{sub}» нельзя указывать вместе с {prior}")
            } else if prior == arg || prior.is_empty() {
                format!("{arg} указан дважды; оставьте один")
            } else {
                format!("{arg} нельзя указывать вместе с {prior}")
            }
        }
        ErrorKind::NoEquals => {
            let flag = arg.split_whitespace().next().unwrap_or(&arg);
            format!("значение {flag} пишется через знак «=»: {flag}=ЗНАЧЕНИЕ")
        }
        ErrorKind::TooManyValues => format!("лишнее значение «{value}» для {arg}"),
        ErrorKind::TooFewValues => format!(
            "для {arg} нужно значений: не меньше {}, указано: {}",
            context(ContextKind::MinValues),
            context(ContextKind::ActualNumValues)
        ),
        ErrorKind::WrongNumberOfValues => format!(
            "для {arg} нужно значений: {}, указано: {}",
            context(ContextKind::ExpectedNumValues),
            context(ContextKind::ActualNumValues)
        ),
        ErrorKind::InvalidUtf8 => {
            "в командной строке текст не в кодировке UTF-8; наберите его заново".to_owned()
        }
        // Io and Format: clap failed to write or format; not a mistake of the user.
        _ => "внутренняя ошибка разбора командной строки".to_owned(),
    };
    if !suggested.is_empty() {
        message.push_str(&format!(
            "; возможно, имелось в виду «{}»",
            suggested.join("» или «")
        ));
    }
    let mut text = format!("kurator: ошибка: {message}\n");
    for tip in tips {
        text.push_str(&format!("Подсказка: {tip}\n"));
    }
    // The command the error is about: the subcommands named on the line, as far as they exist.
    let mut command = root;
    let mut path = root.get_name().to_owned();
    for arg in args.iter().skip(1) {
        let Some(sub) = arg.to_str().and_then(|name| command.find_subcommand(name)) else {
            continue;
        };
        path = format!("{path} {}", sub.get_name());
        command = sub;
    }
    text.push_str(&format!("Использование: {}\n", usage(command, &path)));
    text.push_str(&format!("Справка: {path} --help\n"));
    Report {
        text,
        to_stdout: false,
        code: 2,
    }
}

/// Why a value was refused: kurator's own parsers say it in Russian; the standard number
/// parsers say it in English, and are translated by kind.
fn validation(error: &clap::Error, value: &str) -> String {
    let Some(cause) = std::error::Error::source(error) else {
        return format!("недопустимое значение «{value}»");
    };
    if let Some(e) = cause.downcast_ref::<std::num::ParseIntError>() {
        use std::num::IntErrorKind::*;
        return match e.kind() {
            Empty => "не указано число".to_owned(),
            PosOverflow | NegOverflow => format!("«{value}» — слишком большое число"),
            _ => format!("«{value}» — не целое число; пишите цифрами, например 4"),
        };
    }
    let text = cause.to_string();
    if text
        .chars()
        .any(|c| matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё'))
    {
        text
    } else if value
        .trim_start_matches('-')
        .chars()
        .all(|c| c.is_ascii_digit())
    {
        // clap's range check of a number («99999999999 is not in …»).
        format!("«{value}» — слишком большое число")
    } else {
        format!("недопустимое значение «{value}»")
    }
}
