//! Data that cannot be right even though every file matches its schema: a file named after
//! another case, closure before intake, a decision of a meeting that never sat.
//!
//! Each check names the clause it enforces where the clause is in the regulations
//! (`../shared/seeds`); the rest are plain consistency of the record.

use std::collections::{BTreeMap, HashMap};

use crate::diagnostic::Diagnostic;
use crate::load::schema_check::closest;
use crate::load::{Repository, Source};
use crate::model::names::{normalise, stem, words};
use crate::model::{CENTRE_SLUG, Case, ClosureGround, Date, MeetingKind, Stage, name_slug};

/// The longest case number or curator name, in characters. Each becomes part of file names —
/// `cases/<номер>/…`, the pack's `итоговый-отчёт-<номер>.html` and `справка-2025-Q1-<куратор>.pdf`,
/// written first under a temporary name about 13 bytes longer — and a file name holds at most
/// 255 bytes (ext4, NTFS, APFS). A Cyrillic letter takes two, so 100 letters leave room for the
/// longest of these names: about 50 bytes besides the number.
pub const MAX_NAME_CHARS: usize = 100;

/// Every integrity error of the repository, in no particular order; `today` is the real date,
/// after which nothing can have happened yet.
pub fn check(repo: &Repository, today: Date) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    file_names(repo, &mut out);
    name_lengths(repo, &mut out);
    curator_file_names(repo, &mut out);
    requisites(repo, &mut out);
    calendar_years(repo, &mut out);
    not_yet_happened(repo, today, &mut out);
    votes(repo, &mut out);
    super::report_notes::check(repo, &mut out);
    let meeting_kinds: HashMap<Date, MeetingKind> = repo
        .meetings
        .iter()
        .map(|m| (m.data.date, m.data.kind))
        .collect();
    for case in &repo.cases {
        date_order(case, &mut out);
        meetings_exist(case, &meeting_kinds, &mut out);
        curator_chain(case, &mut out);
        closure(case, &mut out);
        members(case, &mut out);
        signer_genders(case, &mut out);
        supplements(case, &mut out);
        inclusions(case, &mut out);
        analysis_periods(case, &mut out);
        edition_dates(case, &mut out);
        number_names_nobody(case, &mut out);
        if let Some(config) = &repo.config {
            against_config(case, &config.data, &mut out);
        }
    }
    out
}

/// A vote counts those present: more votes than people listed in `присутствовали` is a typo.
fn votes(repo: &Repository, out: &mut Vec<Diagnostic>) {
    for meeting in &repo.meetings {
        let present = meeting.data.attendees.len();
        for (n, item) in meeting.data.agenda.iter().enumerate() {
            let Some(vote) = item.vote else { continue };
            let cast = (vote.yes + vote.no + vote.abstained) as usize;
            if cast > present {
                let path = ["повестка", &n.to_string(), "голосование"];
                out.push(
                    Diagnostic::error(
                        &meeting.path,
                        Some(meeting.span(&path)),
                        "vote-count",
                        format!("голосов {cast}, а присутствовали {present}"),
                    )
                    .with_hint(
                        "за, против и воздержались вместе — не больше числа присутствовавших; \
                         проверьте голосование или список «присутствовали»",
                    ),
                );
            }
        }
    }
}

/// A case number may not hold a member's name or the family's surname: the anonymised pack
/// names a family by its case number, in its text and in its file names.
fn number_names_nobody(source: &Source<Case>, out: &mut Vec<Diagnostic>) {
    let case = &source.data;
    let tokens = words(&case.number);
    let names = std::iter::once(case.family.surname.as_str())
        .chain(case.family.members.iter().map(|m| m.name.as_str()));
    let named = names
        .flat_map(|name| name.split(|c: char| c.is_whitespace() || c == '-'))
        .find(|typed| {
            let word = normalise(typed);
            let stem = stem(&word);
            !word.is_empty()
                && tokens
                    .iter()
                    .any(|t| *t == word || (word.chars().count() > 3 && t.starts_with(&stem)))
        });
    if let Some(named) = named {
        out.push(
            Diagnostic::error(
                &source.path,
                Some(source.span(&["номер"])),
                "number-names-family",
                format!(
                    "номер случая «{}» содержит «{named}» — часть ФИО члена семьи или фамилии \
                     семьи; в обезличенном пакете номер случая стоит вместо фамилии и в именах файлов",
                    case.number
                ),
            )
            .with_hint("дайте случаю номер без имён (например, 2025-014) и переименуйте файл по нему"),
        );
    }
}

fn file_stem(source: &Source<impl Sized>) -> String {
    source
        .path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// A case file is named by its number and a meeting file by its date, so they are found by name;
/// two files may not claim the same case.
fn file_names(repo: &Repository, out: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<String, &Source<Case>> = HashMap::new();
    for case in &repo.cases {
        let number = &case.data.number;
        let stem = file_stem(case);
        if stem != *number {
            out.push(
                Diagnostic::error(
                    &case.path,
                    Some(case.span(&["номер"])),
                    "file-name",
                    format!("номер случая «{number}» не совпадает с именем файла «{stem}»"),
                )
                .with_hint(format!(
                    "переименуйте файл в {number}.yaml или исправьте номер"
                )),
            );
        }
        if let Some(first) = seen.get(&number.to_lowercase()) {
            out.push(
                Diagnostic::error(
                    &case.path,
                    Some(case.span(&["номер"])),
                    "duplicate-number",
                    format!("номер случая «{number}» уже занят"),
                )
                .with_hint(format!(
                    "тот же номер в файле {}; у каждой семьи свой номер",
                    first.path.display()
                )),
            );
        } else {
            seen.insert(number.to_lowercase(), case);
        }
    }
    let mut numbers: HashMap<(i32, String), &Source<_>> = HashMap::new();
    let mut dates: HashMap<Date, &Source<_>> = HashMap::new();
    for meeting in &repo.meetings {
        if let Some(first) = dates.get(&meeting.data.date) {
            out.push(
                Diagnostic::error(
                    &meeting.path,
                    Some(meeting.span(&["дата"])),
                    "duplicate-date",
                    format!("заседание {} уже есть", meeting.data.date),
                )
                .with_hint(format!(
                    "в файле {}; решения по семьям ссылаются на заседание по дате, поэтому в один день — одно заседание",
                    first.path.display()
                )),
            );
        } else {
            dates.insert(meeting.data.date, meeting);
        }
        let date = meeting.data.date.to_string();
        let stem = file_stem(meeting);
        if stem != date {
            out.push(
                Diagnostic::error(
                    &meeting.path,
                    Some(meeting.span(&["дата"])),
                    "file-name",
                    format!("дата заседания {date} не совпадает с именем файла «{stem}»"),
                )
                .with_hint(format!(
                    "переименуйте файл в {date}.yaml или исправьте дату"
                )),
            );
        }
        let key = (
            meeting.data.date.year(),
            meeting.data.number.trim().to_lowercase(),
        );
        if let Some(first) = numbers.get(&key) {
            out.push(
                Diagnostic::error(
                    &meeting.path,
                    Some(meeting.span(&["номер"])),
                    "duplicate-number",
                    format!(
                        "протокол № {} за {} год уже есть",
                        meeting.data.number, key.0
                    ),
                )
                .with_hint(format!("тот же номер в файле {}", first.path.display())),
            );
        } else {
            numbers.insert(key, meeting);
        }
    }
}

/// Case numbers and curator names that would make a file name longer than a file system allows.
fn name_lengths(repo: &Repository, out: &mut Vec<Diagnostic>) {
    let too_long = |file: &std::path::Path, span, what: &str, value: &str, hint: &str| {
        Diagnostic::error(
            file,
            Some(span),
            "name-length",
            format!(
                "{what} слишком длинный для имени файла: {} знаков при пределе \
                 {MAX_NAME_CHARS}: из него составляются имена файлов документов, а имя файла \
                 не может быть длиннее 255 байт",
                value.chars().count(),
            ),
        )
        .with_hint(hint.to_owned())
    };
    for case in &repo.cases {
        let number = &case.data.number;
        // File names are limited in bytes; the schema lets only letters (two bytes at most in
        // the scripts kurator prints), digits and «.-_» into a number, so characters count.
        if number.chars().count() > MAX_NAME_CHARS {
            out.push(too_long(
                &case.path,
                case.span(&["номер"]),
                "номер случая",
                number,
                "сократите номер (обычно он вида 2024-017) и переименуйте файл так же",
            ));
        }
    }
    if let Some(config) = &repo.config {
        for (n, curator) in config.data.curators.iter().enumerate() {
            if curator.name.chars().count() > MAX_NAME_CHARS {
                out.push(too_long(
                    &config.path,
                    config.span(&["кураторы", &n.to_string(), "фио"]),
                    "ФИО куратора",
                    &curator.name,
                    "пишите фамилию и инициалы, например «Юсовская Т. В.»",
                ));
            }
        }
    }
}

/// Each curator's quarterly report is a file named after them (`name_slug`): two curators whose
/// names give one file name — differing only in spaces, dots or other signs, or in capitals,
/// which Windows and macOS do not tell apart — would write one report over the other, and a
/// name without letters would give none.
fn curator_file_names(repo: &Repository, out: &mut Vec<Diagnostic>) {
    let Some(config) = &repo.config else {
        return;
    };
    let mut taken: HashMap<String, &str> = HashMap::new();
    for (n, curator) in config.data.curators.iter().enumerate() {
        let span = config.span(&["кураторы", &n.to_string(), "фио"]);
        let slug = name_slug(&curator.name);
        if slug.is_empty() {
            out.push(
                Diagnostic::error(
                    &config.path,
                    Some(span),
                    "curator-name",
                    format!("в ФИО куратора «{}» нет ни одной буквы", curator.name),
                )
                .with_hint("пишите фамилию и инициалы, например «Юсовская Т. В.»"),
            );
            continue;
        }
        let key = slug.to_lowercase();
        if key == CENTRE_SLUG {
            out.push(
                Diagnostic::error(
                    &config.path,
                    Some(span),
                    "curator-name",
                    format!(
                        "ФИО куратора «{}» совпадает с именем файла справки по центру в целом ({CENTRE_SLUG})",
                        curator.name
                    ),
                )
                .with_hint("пишите фамилию и инициалы, например «Юсовская Т. В.»"),
            );
            continue;
        }
        match taken.get(&key) {
            Some(first) => out.push(
                Diagnostic::error(
                    &config.path,
                    Some(span),
                    "curator-name",
                    format!(
                        "куратор «{}» неотличим от «{first}» в имени файла справки ({slug})",
                        curator.name
                    ),
                )
                .with_hint(
                    "имена файлов не различают пробелы, точки и заглавные буквы; \
                     если это один человек, оставьте одну запись, если разные — \
                     допишите имя полностью, чтобы ФИО различались буквами",
                ),
            ),
            None => {
                taken.insert(key, &curator.name);
            }
        }
    }
}

/// The centre's ОГРН and ИНН end in a control digit: a mistyped digit in the requisites of every
/// agreement is caught here, not by the bank or the court. The schema has checked the length.
fn requisites(repo: &Repository, out: &mut Vec<Diagnostic>) {
    let Some(config) = &repo.config else {
        return;
    };
    let org = &config.data.organisation;
    let fields = [
        (
            "огрн",
            "ОГРН",
            org.ogrn.as_deref(),
            ogrn_valid as fn(&str) -> bool,
        ),
        ("инн", "ИНН", org.inn.as_deref(), inn_valid),
    ];
    for (key, what, value, valid) in fields {
        let Some(value) = value else { continue };
        if value.bytes().all(|b| b.is_ascii_digit()) && !valid(value) {
            out.push(
                Diagnostic::error(
                    &config.path,
                    Some(config.span(&["организация", key])),
                    "requisites",
                    format!("{what} «{value}» не сходится по контрольной цифре"),
                )
                .with_hint(format!(
                    "сверьте {what} с выпиской из ЕГРЮЛ или свидетельством: в нём опечатка"
                )),
            );
        }
    }
}

/// A legal entity's ИНН: the tenth digit is Σ(dᵢ·kᵢ) mod 11 mod 10 over the first nine.
fn inn_valid(inn: &str) -> bool {
    const WEIGHTS: [u32; 9] = [2, 4, 10, 3, 5, 9, 4, 6, 8];
    let d: Vec<u32> = inn.chars().filter_map(|c| c.to_digit(10)).collect();
    d.len() == 10 && WEIGHTS.iter().zip(&d).map(|(w, x)| w * x).sum::<u32>() % 11 % 10 == d[9]
}

/// An ОГРН: the thirteenth digit is the first twelve, as a number, mod 11 mod 10.
fn ogrn_valid(ogrn: &str) -> bool {
    let (Some(head), Some(last)) = (ogrn.get(..12), ogrn.get(12..)) else {
        return false;
    };
    match (head.parse::<u64>(), last.parse::<u64>()) {
        (Ok(head), Ok(last)) => head % 11 % 10 == last,
        _ => false,
    }
}

/// A repository's calendar year is named by its year and must make sense as a calendar.
fn calendar_years(repo: &Repository, out: &mut Vec<Diagnostic>) {
    for year in &repo.calendar_years {
        let stem = file_stem(year);
        let number = year.data.year.to_string();
        if stem != number {
            out.push(
                Diagnostic::error(
                    &year.path,
                    Some(year.span(&["год"])),
                    "file-name",
                    format!("год {number} не совпадает с именем файла «{stem}»"),
                )
                .with_hint(format!(
                    "переименуйте файл в {number}.yaml или исправьте год"
                )),
            );
        }
        for problem in year.data.validate() {
            out.push(Diagnostic::error(
                &year.path,
                Some(year.key_span(&["год"])),
                "calendar",
                problem,
            ));
        }
    }
}

/// An event of the case with the YAML path of its date, for date-order checks.
struct Dated {
    path: Vec<String>,
    date: Date,
    what: String,
}

fn dated(path: &[&str], date: Date, what: impl Into<String>) -> Dated {
    Dated {
        path: path.iter().map(|s| s.to_string()).collect(),
        date,
        what: what.into(),
    }
}

/// Events of support (visits, inspections, decisions…) that can only happen while the case is open.
fn events(case: &Case) -> Vec<Dated> {
    let mut events = Vec::new();
    let i = |n: usize| n.to_string();
    let c = case;
    if let Some(d) = c.intake.registered {
        events.push(dated(
            &["поступление", "постановка_на_учёт"],
            d,
            "постановка на учёт",
        ));
    }
    if let Some(d) = c.intake.working_group_informed {
        events.push(dated(
            &["поступление", "рабочая_группа_проинформирована"],
            d,
            "информирование рабочей группы",
        ));
    }
    for (stage, date) in c.stages.started() {
        events.push(dated(
            &["этапы", stage.key()],
            date,
            format!("начало этапа «{}»", stage.key()),
        ));
    }
    for (n, m) in c.family.members.iter().enumerate() {
        let Some(consent) = &m.consent else { continue };
        let at = |key: &str| {
            ["семья", "члены", &i(n), "согласие_пдн", key]
                .map(str::to_owned)
                .to_vec()
        };
        let what = format!(
            "согласие {}",
            m.person().declined(crate::grammar::Case::Genitive)
        );
        events.push(Dated {
            path: at("дата"),
            date: consent.date,
            what: what.clone(),
        });
        if let Some(withdrawn) = consent.withdrawn {
            events.push(Dated {
                path: at("отозвано"),
                date: withdrawn,
                what: format!("отзыв: {what}"),
            });
        }
    }
    if let Some(a) = &c.agreement {
        events.push(dated(&["договор", "дата"], a.date, "договор"));
        for (n, supplement) in a.supplements.iter().enumerate() {
            events.push(Dated {
                path: vec![
                    "договор".into(),
                    "дополнительные_соглашения".into(),
                    i(n),
                    "дата".into(),
                ],
                date: supplement.date,
                what: format!("дополнительное соглашение № {}", supplement.number),
            });
        }
    }
    if let Some(p) = &c.programme {
        for (key, date) in [
            ("проект_представлен", p.draft_presented),
            ("утверждена", p.approved),
            ("направлена", p.sent),
            ("семья_ознакомлена", p.family_acquainted),
        ] {
            if let Some(date) = date {
                events.push(dated(
                    &["программа", key],
                    date,
                    format!("программа: {}", key.replace('_', " ")),
                ));
            }
        }
        for (n, m) in p.measures.iter().enumerate() {
            for (key, date) in [("включено", m.included), ("исключено", m.excluded)]
            {
                if let Some(date) = date {
                    events.push(dated(
                        &["программа", "мероприятия", &i(n), key],
                        date,
                        format!("мероприятие {} {key}", n + 1),
                    ));
                }
            }
            if let Some(done) = m.done {
                events.push(dated(
                    &["программа", "мероприятия", &i(n), "выполнено"],
                    done,
                    format!("выполнение мероприятия {}", n + 1),
                ));
            }
        }
        for (n, k) in p.corrections.iter().enumerate() {
            events.push(dated(
                &["программа", "корректировки", &i(n), "дата"],
                k.date,
                "корректировка программы",
            ));
            for (key, date) in [("направлена", k.sent), ("ознакомлена", k.family_acquainted)]
            {
                if let Some(date) = date {
                    events.push(dated(
                        &["программа", "корректировки", &i(n), key],
                        date,
                        format!("редакция программы по корректировке {}: {key}", k.date),
                    ));
                }
            }
        }
    }
    for (n, x) in c.curator_changes.iter().enumerate() {
        events.push(dated(
            &["смена_куратора", &i(n), "дата"],
            x.date,
            "смена куратора",
        ));
    }
    for (n, x) in c.inspections.iter().enumerate() {
        events.push(dated(
            &["обследования", &i(n), "дата"],
            x.date,
            "обследование",
        ));
    }
    for (n, x) in c.visits.iter().enumerate() {
        events.push(dated(
            &["патронаж", &i(n), "дата"],
            x.date,
            "посещение семьи",
        ));
    }
    for (n, x) in c.analyses.iter().enumerate() {
        events.push(dated(
            &["анализ", &i(n), "дата"],
            x.date,
            "промежуточный анализ",
        ));
    }
    if let Some(m) = &c.final_monitoring {
        events.push(dated(
            &["итоговый_мониторинг", "дата"],
            m.date,
            "итоговый мониторинг",
        ));
    }
    for (n, x) in c.consilium.iter().enumerate() {
        events.push(dated(
            &["консилиумы", &i(n), "заседание"],
            x.meeting,
            "решение консилиума",
        ));
    }
    for (n, x) in c.threats.iter().enumerate() {
        events.push(dated(
            &["угрозы", &i(n), "дата"],
            x.date,
            "выявление угрозы ребёнку",
        ));
    }
    for (n, x) in c.children_returned.iter().enumerate() {
        events.push(dated(
            &["возвращение_детей", &i(n), "дата"],
            x.date,
            "возвращение ребёнка",
        ));
    }
    events
}

/// A record of something done (a visit, a signature, a meeting) dated after today is a typo:
/// usually the year. Left in, a year like 2205 would also stretch the quarterly reports over
/// centuries of empty quarters. Deadlines and terms (`срок`, `договор.до`) are plans and may
/// lie ahead. A day of slack: the machine's clock may keep another time zone than the centre
/// (CI runs in UTC, where at 8 in the morning in Vladivostok it is still yesterday).
fn not_yet_happened(repo: &Repository, today: Date, out: &mut Vec<Diagnostic>) {
    let after = today.naive().succ_opt().map_or(today, Date::from);
    let error = |file: &std::path::Path, span, what: &str, date: Date| {
        Diagnostic::error(
            file,
            Some(span),
            "future-date",
            format!("{what} {date} — эта дата ещё не наступила"),
        )
        .with_hint("записываются только состоявшиеся события; проверьте год и месяц")
    };
    for case in &repo.cases {
        let c = &case.data;
        for (n, member) in c.family.members.iter().enumerate() {
            if member.birth_date > after {
                let path = ["семья", "члены", &n.to_string(), "дата_рождения"];
                out.push(error(
                    &case.path,
                    case.span(&path),
                    "дата рождения",
                    member.birth_date,
                ));
            }
        }
        // Letters may go out after closure, so they are not events of the open case.
        for (n, notice) in c.notices.iter().enumerate() {
            if notice.date > after {
                let path = ["сообщения", &n.to_string(), "дата"];
                out.push(error(
                    &case.path,
                    case.span(&path),
                    "сообщение",
                    notice.date,
                ));
            }
        }
        // The date the documents count up to: whatever it comes from, a case past it is
        // refused, so the reports never span a typo's centuries.
        let latest = crate::documents::latest_date(c);
        if latest <= after {
            continue;
        }
        let mut recorded = events(c);
        recorded.push(dated(
            &["поступление", "дата"],
            c.intake.date,
            "поступление",
        ));
        if let Some(consent) = &c.consent {
            recorded.push(dated(&["согласие_пдн", "дата"], consent.date, "согласие"));
            if let Some(withdrawn) = consent.withdrawn {
                let what = "отзыв согласия";
                recorded.push(dated(&["согласие_пдн", "отозвано"], withdrawn, what));
            }
        }
        if let Some(closure) = &c.closure {
            recorded.push(dated(&["закрытие", "дата"], closure.date, "закрытие"));
        }
        recorded.retain(|e| e.date > after);
        if recorded.is_empty() {
            recorded.push(dated(&["номер"], latest, "запись в случае"));
        }
        for event in recorded {
            out.push(error(
                &case.path,
                case.span(&event.path),
                &event.what,
                event.date,
            ));
        }
    }
    for meeting in repo.meetings.iter().filter(|m| m.data.date > after) {
        let span = meeting.span(&["дата"]);
        out.push(error(&meeting.path, span, "заседание", meeting.data.date));
    }
    for notes in &repo.report_notes {
        if let Some(date) = notes.data.date.filter(|d| *d > after) {
            out.push(error(&notes.path, notes.span(&["дата"]), "справка", date));
        }
    }
}

fn date_order(case: &Source<Case>, out: &mut Vec<Diagnostic>) {
    let c = &case.data;
    let intake = c.intake.date;
    let mut closed = c.closure.as_ref().map(|x| x.date);
    let mut error = |path: &[String], message: String, hint: &str| {
        out.push(
            Diagnostic::error(&case.path, Some(case.span(path)), "date-order", message)
                .with_hint(hint),
        );
    };
    if let Some(closed_on) = closed
        && closed_on < intake
    {
        error(
            &["закрытие".into(), "дата".into()],
            format!("случай закрыт {closed_on}, раньше поступления информации {intake}"),
            "проверьте год и месяц в датах поступления и закрытия",
        );
        // Every event would also be «after closure»: one message says it all.
        closed = None;
    }
    for event in events(c) {
        if event.date < intake {
            error(
                &event.path,
                format!(
                    "{} {} раньше поступления информации о семье ({intake})",
                    event.what, event.date
                ),
                "всё, что делается по случаю, происходит после поступления информации; проверьте дату",
            );
        } else if let Some(closed) = closed
            && event.date > closed
        {
            error(
                &event.path,
                format!(
                    "{} {} позже закрытия случая ({closed})",
                    event.what, event.date
                ),
                "после закрытия случая сопровождение не ведётся; проверьте дату или дату закрытия",
            );
        }
    }
    let mut previous: Option<(Stage, Date)> = None;
    for (stage, date) in c.stages.started() {
        if let Some((before, before_date)) = previous
            && date < before_date
        {
            error(
                &["этапы".into(), stage.key().into()],
                format!(
                    "этап «{}» начинается {date}, раньше предыдущего этапа «{}» ({before_date})",
                    stage.key(),
                    before.key()
                ),
                "этапы идут по порядку: диагностический, целевой, деятельностный, рефлексивный, поддерживающий (Положение, п. 1.5)",
            );
        }
        previous = Some((stage, date));
    }
    if let Some(p) = &c.programme {
        let pairs = [
            (
                "проект_представлен",
                p.draft_presented,
                "утверждена",
                p.approved,
            ),
            ("утверждена", p.approved, "направлена", p.sent),
        ];
        for (first_key, first, second_key, second) in pairs {
            if let (Some(first), Some(second)) = (first, second)
                && second < first
            {
                error(
                    &["программа".into(), second_key.into()],
                    format!(
                        "программа {} {second}, раньше чем {} {first}",
                        second_key.replace('_', " "),
                        first_key.replace('_', " ")
                    ),
                    "проект представляют, потом утверждают, потом направляют (Положение, п. 1.5.2)",
                );
            }
        }
    }
    if let Some(a) = &c.agreement
        && a.valid_until < a.date
    {
        error(
            &["договор".into(), "срок_до".into()],
            format!(
                "договор действует до {}, раньше даты заключения {}",
                a.valid_until, a.date
            ),
            "проверьте срок действия договора",
        );
    }
    let member_consents = c.family.members.iter().enumerate().filter_map(|(n, m)| {
        let consent = m.consent.as_ref()?;
        let at = ["семья", "члены", &n.to_string(), "согласие_пдн"].map(str::to_owned);
        Some((at.to_vec(), consent.date, consent.withdrawn))
    });
    let consents = c
        .consent
        .iter()
        .map(|x| (vec!["согласие_пдн".to_owned()], x.date, x.withdrawn))
        .chain(member_consents);
    for (mut at, date, withdrawn) in consents {
        if let Some(withdrawn) = withdrawn
            && withdrawn < date
        {
            at.push("отозвано".into());
            error(
                &at,
                format!("согласие отозвано {withdrawn}, раньше чем подписано ({date})"),
                "проверьте даты согласия",
            );
        }
    }
}

/// A correction that includes measures (seed 002, seed 003 §3.4) names them by their `включено`
/// date: without it the measure would stand in the editions before it, even in the one the
/// working group approved months earlier.
fn inclusions(case: &Source<Case>, out: &mut Vec<Diagnostic>) {
    let Some(p) = &case.data.programme else {
        return;
    };
    for (n, c) in p.corrections.iter().enumerate() {
        let included = p.measures.iter().any(|m| m.included == Some(c.date));
        if c.kind == crate::model::CorrectionKind::Inclusion && !included {
            let path = ["программа", "корректировки", &n.to_string(), "вид"].map(str::to_owned);
            out.push(
                Diagnostic::error(
                    &case.path,
                    Some(case.span(&path)),
                    "inclusion",
                    format!(
                        "корректировка {} включает мероприятия, но ни у одного мероприятия нет \
                         «включено: {}»",
                        c.date, c.date
                    ),
                )
                .with_hint(
                    "добавьте «включено: ГГГГ-ММ-ДД» с датой корректировки к мероприятиям, которые она \
                     включила: с этой редакции они и появятся в программе",
                ),
            );
        }
    }
}

/// The edition a correction issues is sent and shown to the family after the correction is
/// made (Положение, пп. 1.5.2, 3.1): an earlier date is a typo, and the edition would state
/// that the family read a text that did not exist yet.
fn edition_dates(case: &Source<Case>, out: &mut Vec<Diagnostic>) {
    let Some(p) = &case.data.programme else {
        return;
    };
    for (n, c) in p.corrections.iter().enumerate() {
        for (key, date) in [("направлена", c.sent), ("ознакомлена", c.family_acquainted)]
        {
            let Some(date) = date.filter(|d| *d < c.date) else {
                continue;
            };
            let path = ["программа", "корректировки", &n.to_string(), key].map(str::to_owned);
            out.push(
                Diagnostic::error(
                    &case.path,
                    Some(case.span(&path)),
                    "date-order",
                    format!(
                        "редакция программы по корректировке {} {key} {date} — раньше самой \
                         корректировки",
                        c.date
                    ),
                )
                .with_hint(
                    "новую редакцию направляют и показывают семье после корректировки; проверьте \
                     обе даты",
                ),
            );
        }
    }
}

/// Supplements to an agreement follow it, each changes something, their numbers differ, and
/// each extension moves the end later (the agreement, п. 8.2).
fn supplements(case: &Source<Case>, out: &mut Vec<Diagnostic>) {
    let Some(a) = &case.data.agreement else {
        return;
    };
    let mut error = |n: usize, key: &str, message: String, hint: &str| {
        let mut path = vec![
            "договор".to_owned(),
            "дополнительные_соглашения".to_owned(),
            n.to_string(),
        ];
        path.extend((!key.is_empty()).then(|| key.to_owned()));
        out.push(
            Diagnostic::error(&case.path, Some(case.span(&path)), "supplement", message)
                .with_hint(hint),
        );
    };
    let mut end = a.valid_until;
    let mut seen: Vec<&str> = Vec::new();
    for (n, s) in a.supplements.iter().enumerate() {
        if s.date < a.date {
            error(
                n,
                "дата",
                format!(
                    "дополнительное соглашение № {} от {}, раньше самого договора ({})",
                    s.number, s.date, a.date
                ),
                "проверьте дату соглашения",
            );
        }
        if seen.contains(&s.number.trim()) {
            error(
                n,
                "номер",
                format!("дополнительное соглашение № {} уже есть выше", s.number),
                "у каждого соглашения к договору свой номер: 1, 2, …",
            );
        }
        seen.push(s.number.trim());
        let changes = s.valid_until.is_some()
            || !s.family_obligations.is_empty()
            || !s.centre_obligations.is_empty();
        if !changes {
            error(
                n,
                "",
                format!(
                    "дополнительное соглашение № {} ничего не меняет в договоре",
                    s.number
                ),
                "укажите новый срок (срок_до) или новые обязательства семьи или центра",
            );
        }
        if let Some(until) = s.valid_until {
            if until <= end {
                error(
                    n,
                    "срок_до",
                    format!(
                        "соглашение № {} продлевает договор до {until}, а он и так действует до {end}",
                        s.number
                    ),
                    "новый срок должен быть позже прежнего",
                );
            }
            end = end.max(until);
        }
    }
}

/// A decision or correction names its meeting by date; the meeting file must exist.
fn meetings_exist(
    case: &Source<Case>,
    meetings: &HashMap<Date, MeetingKind>,
    out: &mut Vec<Diagnostic>,
) {
    let mut refs: Vec<(Vec<String>, Date)> = case
        .data
        .consilium
        .iter()
        .enumerate()
        .map(|(n, d)| {
            (
                vec!["консилиумы".into(), n.to_string(), "заседание".into()],
                d.meeting,
            )
        })
        .collect();
    if let Some(p) = &case.data.programme {
        if let Some(date) = p.approval_meeting {
            refs.push((vec!["программа".into(), "заседание".into()], date));
            approval_meeting(case, p.approved, date, meetings.get(&date), out);
        }
        for (n, k) in p.corrections.iter().enumerate() {
            if let Some(date) = k.meeting {
                refs.push((
                    vec![
                        "программа".into(),
                        "корректировки".into(),
                        n.to_string(),
                        "заседание".into(),
                    ],
                    date,
                ));
            }
        }
    }
    for (n, decision) in case.data.consilium.iter().enumerate() {
        if meetings.get(&decision.meeting) == Some(&MeetingKind::WorkingGroup) {
            out.push(
                Diagnostic::error(
                    &case.path,
                    Some(case.span(&["консилиумы", &n.to_string(), "заседание"])),
                    "not-consilium",
                    format!("заседание {} — рабочая группа, а не консилиум", decision.meeting),
                )
                .with_hint(
                    "решения об уровне сопровождения и завершении принимает социальный консилиум \
                     (Положение о социальном сопровождении семей с детьми, п. 6.4); проверьте дату или «вид» заседания",
                ),
            );
        }
    }
    for (path, date) in refs {
        if !meetings.contains_key(&date) {
            out.push(
                Diagnostic::error(
                    &case.path,
                    Some(case.span(&path)),
                    "unknown-meeting",
                    format!("заседания {date} нет: не найден файл meetings/{date}.yaml"),
                )
                .with_hint(
                    "проверьте дату заседания или добавьте файл заседания в папку meetings/",
                ),
            );
        }
    }
}

/// A programme approved at a meeting: the meeting is a working group's, and the approval date
/// is the meeting's (Положение о кураторе семьи, п. 1.5.2: the working group approves the
/// programme), so the programme and the protocol cite each other by one date.
fn approval_meeting(
    case: &Source<Case>,
    approved: Option<Date>,
    meeting: Date,
    kind: Option<&MeetingKind>,
    out: &mut Vec<Diagnostic>,
) {
    if kind == Some(&MeetingKind::Consilium) {
        out.push(
            Diagnostic::error(
                &case.path,
                Some(case.span(&["программа", "заседание"])),
                "not-working-group",
                format!("заседание {meeting} — консилиум, а не рабочая группа"),
            )
            .with_hint(
                "программу утверждает рабочая группа (Положение о кураторе семьи, п. 1.5.2); \
                 укажите дату её заседания или исправьте «вид» в файле заседания",
            ),
        );
    }
    if approved != Some(meeting) {
        let (path, found) = match approved {
            Some(date) => (
                ["программа", "утверждена"],
                format!("дата «утверждена» — {date}"),
            ),
            None => (
                ["программа", "заседание"],
                "даты «утверждена» нет".to_owned(),
            ),
        };
        out.push(
            Diagnostic::error(
                &case.path,
                Some(case.span(&path)),
                "approval-date",
                format!(
                    "программа утверждена на заседании {meeting}, а {found}: даты должны совпадать"
                ),
            )
            .with_hint(format!(
                "программа утверждается в день заседания рабочей группы: напишите «утверждена: {meeting}» \
                 или исправьте дату заседания"
            )),
        );
    }
}

/// Replacements form one chain: dates increase, and each `прежний` is the curator the next
/// replacement (or the current `куратор`) took over from — otherwise findings go to the wrong
/// curator.
fn curator_chain(case: &Source<Case>, out: &mut Vec<Diagnostic>) {
    let changes = &case.data.curator_changes;
    for (n, change) in changes.iter().enumerate() {
        let successor = changes
            .get(n + 1)
            .map_or(case.data.curator.as_str(), |c| c.previous.as_str());
        let path = ["смена_куратора".to_owned(), n.to_string()];
        if let Some(next) = changes.get(n + 1)
            && next.date <= change.date
        {
            out.push(
                Diagnostic::error(
                    &case.path,
                    Some(case.span(&[&path[0], &(n + 1).to_string(), "дата"])),
                    "curator-chain",
                    format!(
                        "замена куратора {} не позже предыдущей ({})",
                        next.date, change.date
                    ),
                )
                .with_hint("записывайте замены по порядку дат, по одной в день"),
            );
        }
        if change.previous == successor {
            out.push(
                Diagnostic::error(&case.path, Some(case.span(&[&path[0], &path[1], "прежний"])), "curator-chain", format!("куратор «{successor}» заменён сам на себя"))
                    .with_hint("в «прежний» пишется куратор, который вёл семью до замены; новый — в следующей замене или в «куратор»"),
            );
        }
    }
}

fn closure(case: &Source<Case>, out: &mut Vec<Diagnostic>) {
    let Some(closure) = &case.data.closure else {
        return;
    };
    match closure.ground {
        None => out.push(
            Diagnostic::error(
                &case.path,
                Some(case.key_span(&["закрытие"])),
                "closure-ground",
                "случай закрыт без основания",
            )
            .with_hint(
                "укажите «основание:» — улучшение, лишение родительских прав, переезд, отказ семьи, \
                 передача в КДН и ЗП, передача в органы опеки или иное \
                 (Положение о социальном сопровождении семей с детьми, п. 8.6.2; Положение о кураторе семьи, п. 1.5.4)",
            ),
        ),
        Some(ClosureGround::Other) if closure.note.as_deref().is_none_or(|n| n.trim().is_empty()) => out.push(
            Diagnostic::error(
                &case.path,
                Some(case.span(&["закрытие", "основание"])),
                "closure-ground",
                "основание закрытия «иное» без пояснения",
            )
            .with_hint("добавьте «пояснение:» — что именно стало основанием"),
        ),
        Some(_) => {}
    }
}

/// An interim analysis covers a period that has begun and ended by the day it is written
/// (Положение о кураторе семьи, п. 3.1).
fn analysis_periods(case: &Source<Case>, out: &mut Vec<Diagnostic>) {
    for (n, a) in case.data.analyses.iter().enumerate() {
        let n = n.to_string();
        let (key, message) = if a.from > a.to {
            (
                "с",
                format!(
                    "период анализа начинается {} — позже, чем кончается ({})",
                    a.from, a.to
                ),
            )
        } else if a.to > a.date {
            (
                "по",
                format!(
                    "период анализа кончается {} — позже даты анализа {}",
                    a.to, a.date
                ),
            )
        } else {
            continue;
        };
        out.push(
            Diagnostic::error(
                &case.path,
                Some(case.span(&["анализ", &n, key])),
                "analysis-period",
                message,
            )
            .with_hint("анализ пишут за прошедший период: с ≤ по ≤ дата; проверьте даты"),
        );
    }
}

fn members(case: &Source<Case>, out: &mut Vec<Diagnostic>) {
    let family = &case.data.family;
    let applicants: Vec<usize> = family
        .members
        .iter()
        .enumerate()
        .filter(|(_, m)| m.applicant == crate::model::YesNo::Yes)
        .map(|(n, _)| n)
        .collect();
    if let [_, second, ..] = applicants.as_slice() {
        out.push(
            Diagnostic::error(
                &case.path,
                Some(case.span(&["семья", "члены", &second.to_string(), "заявитель"])),
                "applicant",
                "заявителей отмечено несколько",
            )
            .with_hint("заявитель в журнале один: оставьте «заявитель: да» у одного члена семьи"),
        );
    }
    let names: Vec<String> = family.members.iter().map(|m| m.name.clone()).collect();
    // Children returned, and those present at an inspection or a visit, are named as the family
    // lists them: the acts name them in the genitive with their role, and one of them signs a
    // visit act (Положение о кураторе семьи, п. 3.1).
    let children = case
        .data
        .children_returned
        .iter()
        .enumerate()
        .map(|(n, child)| {
            let path = vec![
                "возвращение_детей".to_owned(),
                n.to_string(),
                "фио".to_owned(),
            ];
            (
                &child.name,
                path,
                "ребёнок должен быть в составе семьи («семья › члены»)",
            )
        });
    let present = case.data.inspections.iter().enumerate().flat_map(|(n, i)| {
        i.present.iter().enumerate().map(move |(k, name)| {
            let path = [
                "обследования",
                &n.to_string(),
                "присутствовали",
                &k.to_string(),
            ];
            let rule = "в «присутствовали» пишутся члены семьи, как в её составе («семья › члены»)";
            (name, path.map(str::to_owned).to_vec(), rule)
        })
    });
    let visited = case.data.visits.iter().enumerate().flat_map(|(n, v)| {
        v.present.iter().enumerate().map(move |(k, name)| {
            let path = ["патронаж", &n.to_string(), "присутствовали", &k.to_string()];
            let rule = "в «присутствовали» пишутся члены семьи, как в её составе («семья › \
                        члены»); специалисты — в «участники»";
            (name, path.map(str::to_owned).to_vec(), rule)
        })
    });
    for (name, path, rule) in children.chain(present).chain(visited) {
        if !names.contains(name) {
            let hint = match closest(name, &names) {
                Some(near) => format!("возможно, имелось в виду «{near}»"),
                None => rule.to_owned(),
            };
            out.push(
                Diagnostic::error(
                    &case.path,
                    Some(case.span(&path)),
                    "unknown-member",
                    format!("«{name}» нет в составе семьи"),
                )
                .with_hint(hint),
            );
        }
    }
}

/// The people whose sex a document must show, with where each is written: the agreement's
/// signer («проживающая», «действующая»), the consent's («проживающий»), and the applicant, who
/// signs that they have read the programme and the acts («ознакомлена»).
fn signers(case: &Case) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    let applicant = case.applicant().map(|m| m.name.clone());
    if let Some(a) = &case.agreement {
        match &a.signed_by {
            Some(name) => out.push((name.clone(), vec!["договор".into(), "подписал".into()])),
            None => out.extend(applicant.clone().map(|name| (name, Vec::new()))),
        }
    }
    if let Some(c) = &case.consent {
        out.push((
            c.signed_by.clone(),
            vec!["согласие_пдн".into(), "подписал".into()],
        ));
    }
    for (n, m) in case.family.members.iter().enumerate() {
        if m.consent.is_some() {
            let at = vec![
                "семья".into(),
                "члены".into(),
                n.to_string(),
                "согласие_пдн".into(),
            ];
            out.push((m.name.clone(), at));
        }
    }
    // A visit act is read by a member present other than the applicant («С актом ознакомлена»).
    for (n, visit) in case.visits.iter().enumerate() {
        if let (reader, Some(k)) = visit.reader(applicant.as_deref().unwrap_or_default()) {
            let at = ["патронаж", &n.to_string(), "присутствовали", &k.to_string()];
            out.push((reader.to_owned(), at.map(str::to_owned).to_vec()));
        }
    }
    // Every case prints the applicant's application («проживающей», «Согласна»).
    out.extend(applicant.map(|name| (name, Vec::new())));
    out
}

/// [signer-gender] A document agrees words with its signer («проживающая», «ознакомлен»), so it
/// must know the signer's sex: from the patronymic, else from the member's `пол`. An error at
/// the member's «фио» (or at «подписал», for a signer who is not a member), so staff add `пол:`.
fn signer_genders(source: &Source<Case>, out: &mut Vec<Diagnostic>) {
    let case = &source.data;
    let mut reported: Vec<Vec<String>> = Vec::new();
    for (name, written_at) in signers(case) {
        if name.trim().is_empty() || case.person(&name).gender().is_some() {
            continue;
        }
        let wanted = words(&name);
        let member = case
            .family
            .members
            .iter()
            .position(|m| words(&m.name) == wanted);
        let (path, hint) = match member {
            Some(n) => (
                vec![
                    "семья".to_owned(),
                    "члены".to_owned(),
                    n.to_string(),
                    "фио".to_owned(),
                ],
                "добавьте этому члену семьи строку «пол: женский» или «пол: мужской»".to_owned(),
            ),
            None if !written_at.is_empty() => (
                written_at,
                "напишите ФИО полностью, с отчеством, или добавьте этого человека в состав семьи \
                 с полем «пол»"
                    .to_owned(),
            ),
            None => continue,
        };
        if reported.contains(&path) {
            continue;
        }
        let refs: Vec<&str> = path.iter().map(String::as_str).collect();
        out.push(
            Diagnostic::error(
                &source.path,
                Some(source.span(&refs)),
                "signer-gender",
                format!(
                    "не указан пол «{}»: его нет в отчестве, а документы пишут «проживающий» или \
                     «проживающая», «ознакомлен» или «ознакомлена»",
                    name.trim()
                ),
            )
            .with_hint(hint),
        );
        reported.push(path);
    }
}

/// A curator's name that is not among the curators of kurator.yaml ([unknown-curator]).
#[derive(Debug, PartialEq, Eq)]
pub struct UnknownCurator {
    /// The name as typed.
    pub name: String,
    /// The curator of kurator.yaml whose name is near enough to be meant.
    pub near: Option<String>,
}

impl UnknownCurator {
    /// «куратора «…» нет в kurator.yaml».
    pub fn message(&self) -> String {
        format!("куратора «{}» нет в kurator.yaml", self.name)
    }

    /// The nearest name as a «возможно, имелось в виду», or where to add the curator.
    pub fn hint(&self) -> String {
        match &self.near {
            Some(near) => format!("возможно, имелось в виду «{near}»"),
            None => "добавьте куратора в список «кураторы» в kurator.yaml".into(),
        }
    }
}

/// The one rule for a curator's name, wherever one is typed (a case file, `kurator new
/// --curator`): it must be one of `curators`, the names of kurator.yaml, exactly; a name
/// near one of them is suggested (seed 000, п. 1.6: the centre appoints the curator).
pub fn unknown_curator(name: &str, curators: &[String]) -> Option<UnknownCurator> {
    if curators.iter().any(|c| c == name) {
        return None;
    }
    Some(UnknownCurator {
        name: name.to_owned(),
        near: closest(name, curators).map(str::to_owned),
    })
}

/// Names and list values that must match what the centre configured in kurator.yaml.
fn against_config(case: &Source<Case>, config: &crate::model::Config, out: &mut Vec<Diagnostic>) {
    let curators: Vec<String> = config.curators.iter().map(|p| p.name.clone()).collect();
    let mut names: BTreeMap<Vec<String>, &str> = BTreeMap::new();
    names.insert(vec!["куратор".into()], &case.data.curator);
    for (n, change) in case.data.curator_changes.iter().enumerate() {
        names.insert(
            vec!["смена_куратора".into(), n.to_string(), "прежний".into()],
            &change.previous,
        );
    }
    for (path, name) in names {
        if let Some(unknown) = unknown_curator(name, &curators) {
            out.push(
                Diagnostic::error(
                    &case.path,
                    Some(case.span(&path)),
                    "unknown-curator",
                    unknown.message(),
                )
                .with_hint(unknown.hint()),
            );
        }
    }
    for (n, kind) in case.data.family.types.iter().enumerate() {
        if !config.family_types.contains(kind) {
            out.push(listed(
                case,
                &["семья".into(), "типы".into(), n.to_string()],
                "unknown-type",
                "тип семьи",
                kind,
                &config.family_types,
                "типы_семей",
            ));
        }
    }
    let mut levels: Vec<(Vec<String>, &str)> = Vec::new();
    if let Some(level) = &case.data.level {
        levels.push((vec!["уровень".into()], level));
    }
    for (n, d) in case.data.consilium.iter().enumerate() {
        if let Some(level) = &d.level {
            levels.push((
                vec!["консилиумы".into(), n.to_string(), "уровень".into()],
                level,
            ));
        }
    }
    for (path, level) in levels {
        if !config.levels.iter().any(|l| l == level) {
            out.push(listed(
                case,
                &path,
                "unknown-level",
                "уровень сопровождения",
                level,
                &config.levels,
                "уровни_сопровождения",
            ));
        }
    }
}

fn listed(
    case: &Source<Case>,
    path: &[String],
    code: &'static str,
    what: &str,
    value: &str,
    allowed: &[String],
    key: &str,
) -> Diagnostic {
    let hint = match closest(value, allowed) {
        Some(near) => format!("возможно, имелось в виду «{near}»"),
        None => format!(
            "допустимо: {}; список задаётся ключом «{key}» в kurator.yaml",
            allowed.join(", ")
        ),
    };
    Diagnostic::error(
        &case.path,
        Some(case.span(path)),
        code,
        format!("{what} «{value}» не указан в kurator.yaml"),
    )
    .with_hint(hint)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{case, repo};

    /// The [signer-gender] errors, as (line, hint), of a case whose only member is `member`
    /// (with any further YAML under it) and whose consent `signer` signed.
    fn signer_gender_errors(member: &str, signer: &str) -> Vec<(usize, String)> {
        let text = format!(
            "номер: 2024-001\nпоступление:\n  дата: 2024-01-10\n  источник: заявление\nсемья:\n  \
             фамилия: Ким\n  адрес: г. Н\n  категория: ТЖС\n  члены:\n    - фио: {member}\n      \
             роль: мать\n      дата_рождения: 1990-01-01\nкуратор: Кураторова В. Г.\n\
             согласие_пдн:\n  дата: 2024-01-17\n  подписал: {signer}\n"
        );
        let source = crate::load::parse_text::<Case>(
            crate::schema::FileKind::Case,
            std::path::Path::new("cases/2024-001.yaml"),
            &text,
        )
        .unwrap_or_else(|e| panic!("{e:?}\n{text}"));
        let mut out = Vec::new();
        signer_genders(&source, &mut out);
        out.iter()
            .map(|d| (d.line(), d.hint.clone().unwrap_or_default()))
            .collect()
    }

    #[test]
    fn a_signer_whose_sex_is_unknown_is_an_error_at_the_member() {
        // No patronymic, no «пол»: the error stands at the member's «фио» (line 10).
        let errors = signer_gender_errors("Ким Алина", "Ким Алина");
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].0, 10);
        assert!(errors[0].1.contains("пол: женский"), "{errors:?}");
        // The patronymic or «пол» tells it.
        assert_eq!(
            signer_gender_errors("Ким Алина Сергеевна", "Ким Алина Сергеевна"),
            []
        );
        assert_eq!(
            signer_gender_errors("Ким Алина\n      пол: женский", "ким  алина"),
            []
        );
        // A signer who is not a member: the error stands at «подписал» (line 16).
        let errors = signer_gender_errors("Ким Алина Сергеевна", "Ли Вера");
        assert_eq!(errors.iter().map(|e| e.0).collect::<Vec<_>>(), [16]);
    }

    /// The [future-date] errors, as (message, line), of a case taken in on `intake`.
    fn future_dates(intake: &str, today: &str) -> Vec<(String, usize)> {
        let repo = repo(vec![case("2024-001", intake, "ТЖС", "")]);
        let mut out = Vec::new();
        not_yet_happened(&repo, Date::parse(today).unwrap(), &mut out);
        out.iter().map(|d| (d.message.clone(), d.line())).collect()
    }

    #[test]
    fn a_record_dated_tomorrow_passes_and_one_after_is_an_error_at_its_line() {
        assert_eq!(future_dates("2025-03-02", "2025-03-01"), []);
        assert_eq!(
            future_dates("2025-03-03", "2025-03-01"),
            [(
                "поступление 2025-03-03 — эта дата ещё не наступила".to_owned(),
                3
            )]
        );
        assert_eq!(
            future_dates("2025-03-01", "1989-12-30"),
            [
                (
                    "дата рождения 1990-01-01 — эта дата ещё не наступила".to_owned(),
                    12
                ),
                (
                    "поступление 2025-03-01 — эта дата ещё не наступила".to_owned(),
                    3
                ),
            ]
        );
    }
}
