//! A generator of fictional case repositories of any size, for benchmarks and tests.
//!
//! Every family goes through the regulations' path as a curator would record it: intake,
//! registration, consent, agreement, a programme (some drafts late, some measures overdue, some
//! corrected by the consilium), monthly visits, inspections with the eight criteria, quarterly
//! consilium decisions, curator replacements, a threat to a child with its urgent notice in
//! some СОП families, and for older cases a closure on one of the grounds. All categories, stages and levels occur. The output depends only on the number of
//! cases and the seed (a SplitMix64 generator of our own, so no dependency can change it), and
//! `kurator validate` accepts it: overdue deadlines are findings, never data errors.
//!
//! Names are drawn from common Russian name lists and combined at random; the town, streets
//! and organisations are invented. No real person's data.

use chrono::{Datelike, Days, NaiveDate};

/// The last day the generated data records anything.
const RECORDED_UNTIL: (i32, u32, u32) = (2025, 12, 31);

/// Consilium meetings (the last Thursday of each quarter, working days in the calendar).
const MEETINGS: [&str; 8] = [
    "2024-03-28",
    "2024-06-27",
    "2024-09-26",
    "2024-12-19",
    "2025-03-27",
    "2025-06-26",
    "2025-09-25",
    "2025-12-18",
];

const SURNAMES: [&str; 30] = [
    "Иванов",
    "Смирнов",
    "Кузнецов",
    "Попов",
    "Васильев",
    "Петров",
    "Соколов",
    "Михайлов",
    "Новиков",
    "Фёдоров",
    "Морозов",
    "Волков",
    "Алексеев",
    "Лебедев",
    "Семёнов",
    "Егоров",
    "Павлов",
    "Козлов",
    "Степанов",
    "Николаев",
    "Орлов",
    "Андреев",
    "Макаров",
    "Никитин",
    "Захаров",
    "Зайцев",
    "Соловьёв",
    "Борисов",
    "Яковлев",
    "Григорьев",
];
const MEN: [(&str, &str, &str); 10] = [
    ("Сергей", "Сергеевич", "Сергеевна"),
    ("Андрей", "Андреевич", "Андреевна"),
    ("Алексей", "Алексеевич", "Алексеевна"),
    ("Дмитрий", "Дмитриевич", "Дмитриевна"),
    ("Игорь", "Игоревич", "Игоревна"),
    ("Олег", "Олегович", "Олеговна"),
    ("Павел", "Павлович", "Павловна"),
    ("Николай", "Николаевич", "Николаевна"),
    ("Виктор", "Викторович", "Викторовна"),
    ("Роман", "Романович", "Романовна"),
];
const WOMEN: [&str; 10] = [
    "Анна",
    "Елена",
    "Ольга",
    "Наталья",
    "Татьяна",
    "Ирина",
    "Марина",
    "Светлана",
    "Юлия",
    "Екатерина",
];
const BOYS: [&str; 8] = [
    "Артём",
    "Максим",
    "Иван",
    "Михаил",
    "Матвей",
    "Егор",
    "Кирилл",
    "Тимофей",
];
const GIRLS: [&str; 8] = [
    "Дарья",
    "Полина",
    "Софья",
    "Алиса",
    "Варвара",
    "Ксения",
    "Вероника",
    "Мария",
];
const STREETS: [&str; 10] = [
    "Садовая",
    "Заводская",
    "Школьная",
    "Луговая",
    "Речная",
    "Молодёжная",
    "Лесная",
    "Советская",
    "Новая",
    "Полевая",
];
const SOURCES: [&str; 5] = [
    "заявление матери",
    "сообщение МБОУ «СОШ № 2»",
    "постановление КДН и ЗП",
    "сообщение детской поликлиники",
    "сообщение ПДН ОМВД",
];
const PROBLEMS: [&str; 8] = [
    "задолженность по оплате ЖКУ",
    "безработица одного из родителей",
    "злоупотребление алкоголем",
    "пропуски занятий в школе",
    "конфликты в семье",
    "неудовлетворительные бытовые условия",
    "низкий доход семьи",
    "отсутствие досуга детей",
];
const STRENGTHS: [&str; 6] = [
    "мать заинтересована в изменениях",
    "бабушка помогает с детьми",
    "собственное жильё",
    "дети привязаны к родителям",
    "отец работает",
    "семья открыта к помощи",
];
const MEASURES: [(&str, &str, &str); 6] = [
    (
        "погасить задолженность по ЖКУ",
        "консультация юриста, соглашение о рассрочке",
        "юрисконсульт центра",
    ),
    (
        "трудоустроить родителя",
        "регистрация в центре занятости, подбор вакансий",
        "специалист ЦЗН",
    ),
    (
        "обеспечить посещение школы",
        "контроль посещаемости, занятия с педагогом-психологом",
        "социальный педагог школы",
    ),
    (
        "оформить меры социальной поддержки",
        "помощь в оформлении единого пособия",
        "специалист по социальной работе",
    ),
    (
        "организовать досуг детей",
        "запись детей в кружки Дома детского творчества",
        "куратор семьи",
    ),
    (
        "восстановить детско-родительские отношения",
        "курс занятий с психологом для родителей и детей",
        "педагог-психолог центра",
    ),
];
const TYPES: [&str; 6] = [
    "полная",
    "неполная",
    "многодетная",
    "молодая",
    "малообеспеченная",
    "опекунская",
];
const LEVELS: [&str; 4] = ["экстренный", "интенсивный", "базовый", "поддерживающий"];

/// A deterministic pseudo-random generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    fn between(&mut self, low: u64, high: u64) -> u64 {
        low + self.below(high - low + 1)
    }
}

/// The files of a generated repository: (path relative to its root, text).
pub fn generate(cases: usize, seed: u64) -> Vec<(String, String)> {
    let mut rng = Rng(seed);
    let curators: Vec<String> = (0..cases.div_ceil(12).max(4)).map(curator_name).collect();
    let mut files = vec![("kurator.yaml".to_owned(), config(&curators))];
    for date in MEETINGS {
        files.push((format!("meetings/{date}.yaml"), meeting(date, &curators)));
    }
    for n in 0..cases {
        let (number, text) = case(&mut rng, n, &curators);
        files.push((format!("cases/{number}.yaml"), text));
    }
    files
}

/// The n-th curator: distinct names for any number of curators.
fn curator_name(n: usize) -> String {
    let initials = "АВГДЕИКЛМНОПРСТ".chars().collect::<Vec<_>>();
    let surname = SURNAMES[n % SURNAMES.len()];
    let first = initials[(n / SURNAMES.len()) % initials.len()];
    let second = initials[(n / SURNAMES.len() / initials.len()) % initials.len()];
    let suffix = n / (SURNAMES.len() * initials.len() * initials.len());
    let base = format!("{surname}а {first}. {second}.");
    if suffix == 0 {
        base
    } else {
        format!("{base} ({suffix})")
    }
}

fn config(curators: &[String]) -> String {
    let mut text = String::from(
        "# yaml-language-server: $schema=schema/kurator.schema.json\n\
         # Сгенерировано kurator demo --generate: центр, люди и адреса вымышлены.\n\
         организация:\n  \
           полное_наименование: Государственное бюджетное учреждение социального обслуживания «Комплексный центр социального обслуживания населения «Пример»\n  \
           краткое_наименование: ГБУСО «КЦСОН «Пример»\n  \
           адрес: 000000, Условная область, г. Примерск, ул. Центральная, д. 1\n  \
           телефон: 8 (00000) 0-00-00\n  \
           огрн: \"1020000000019\"\n  \
           инн: \"0000000018\"\n  \
           кпп: \"000001001\"\n  \
           руководитель:\n    фио: Директорова А. Б.\n    должность: Директор\n\
         кураторы:\n",
    );
    for name in curators {
        text.push_str(&format!(
            "  - фио: {name}\n    должность: специалист по социальной работе\n"
        ));
    }
    text.push_str(
        "рабочая_группа:\n  \
           - фио: Руководова В. Г.\n    должность: заместитель директора, руководитель рабочей группы\n  \
           - фио: Секретарёва Д. Е.\n    должность: специалист по социальной работе, секретарь консилиума\n\
         типы_семей: [",
    );
    text.push_str(&TYPES.join(", "));
    text.push_str("]\nуровни_сопровождения: [");
    text.push_str(&LEVELS.join(", "));
    text.push_str(
        "]\nотчёты:\n  исполнитель:\n    фио: Руководова В. Г.\n    \
           должность: заместитель директора\n    телефон: 8 (00000) 0-00-01\n",
    );
    text
}

fn meeting(date: &str, curators: &[String]) -> String {
    let number = MEETINGS.iter().position(|d| *d == date).unwrap_or(0) + 1;
    let mut text = format!(
        "# yaml-language-server: $schema=../schema/meeting.schema.json\n\
         дата: {date}\nномер: \"{number}\"\nвид: консилиум\n\
         председатель: Руководова В. Г.\nсекретарь: Секретарёва Д. Е.\nприсутствовали:\n  \
           - фио: Руководова В. Г.\n    должность: председатель консилиума\n  \
           - фио: Секретарёва Д. Е.\n    должность: секретарь консилиума\n"
    );
    for name in curators.iter().take(6) {
        text.push_str(&format!("  - фио: {name}\n    должность: куратор семьи\n"));
    }
    text.push_str(
        "повестка:\n  \
           - вопрос: О динамике в семьях, находящихся на социальном сопровождении.\n    \
             слушали: Руководова В. Г.\n    \
             решили: Информацию принять к сведению.\n",
    );
    text
}

fn day(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

fn plus(date: NaiveDate, days: u64) -> NaiveDate {
    date.checked_add_days(Days::new(days)).unwrap_or(date)
}

/// A double-quoted YAML scalar: free text never turns into a number, a date or a mapping.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

/// A fictional passport issued at 20 (the series «00 00» belongs to no region).
fn passport(rng: &mut Rng, born: u64) -> String {
    quoted(&format!(
        "паспорт 00 {:02} {:06}, выдан отделом МВД России по г. Примерску {:02}.{:02}.{}",
        rng.below(100),
        rng.below(1_000_000),
        rng.between(1, 28),
        rng.between(1, 12),
        born + 20
    ))
}

fn case(rng: &mut Rng, n: usize, curators: &[String]) -> (String, String) {
    let (y, m, d) = RECORDED_UNTIL;
    let recorded_until = NaiveDate::from_ymd_opt(y, m, d).expect("a valid date");
    let first_day = NaiveDate::from_ymd_opt(2024, 1, 9).expect("a valid date");
    let intake = plus(first_day, rng.below(680));
    let number = format!("{}-{:05}", intake.year(), n + 1);
    let curator = rng.pick(curators).clone();
    let surname = *rng.pick(&SURNAMES);
    // The children's patronymic is made from the father's name.
    let (father, child_m, child_f) = *rng.pick(&MEN);
    let father_patronymic = rng.pick(&MEN).1;
    let mother = *rng.pick(&WOMEN);
    let mother_patronymic = rng.pick(&MEN).2;
    let category = match rng.below(10) {
        0..=4 => "СОП",
        5..=7 => "ТЖС",
        _ => "нуждается в поддержке",
    };
    let with_father = rng.chance(60);
    let children = rng.between(1, 4);
    let mut types = vec![if with_father {
        "полная"
    } else {
        "неполная"
    }];
    if children >= 3 {
        types.push("многодетная");
    }
    if rng.chance(30) {
        types.push("малообеспеченная");
    }
    let applicant = format!("{surname}а {mother} {mother_patronymic}");
    let mother_born = rng.between(1980, 1998);
    let mut members = format!(
        "    - фио: {applicant}\n      роль: мать\n      дата_рождения: {mother_born}-{:02}-{:02}\n      занятость: {}\n      заявитель: да\n      документ: {}\n",
        rng.between(1, 12),
        rng.between(1, 28),
        quoted(if rng.chance(50) {
            "работает"
        } else {
            "не работает"
        }),
        passport(rng, mother_born),
    );
    if with_father {
        let born = rng.between(1978, 1996);
        members.push_str(&format!(
            "    - фио: {surname} {father} {father_patronymic}\n      роль: отец\n      дата_рождения: {born}-{:02}-{:02}\n      документ: {}\n      согласие_пдн:\n        дата: {}\n",
            rng.between(1, 12),
            rng.between(1, 28),
            passport(rng, born),
            day(plus(intake, 2)),
        ));
    }
    for _ in 0..children {
        let (name, role, patronymic) = if rng.chance(50) {
            (*rng.pick(&BOYS), "сын", child_m)
        } else {
            (*rng.pick(&GIRLS), "дочь", child_f)
        };
        let family = if role == "сын" {
            surname.to_owned()
        } else {
            format!("{surname}а")
        };
        let born = rng.between(2008, 2023);
        members.push_str(&format!(
            "    - фио: {family} {name} {patronymic}\n      роль: {role}\n      дата_рождения: {born}-{:02}-{:02}\n      документ: {}\n",
            rng.between(1, 12),
            rng.between(1, 28),
            quoted(&format!(
                "свидетельство о рождении III-ПР № {:06}, выдано отделом ЗАГС г. Примерска в {born} г.",
                rng.below(1_000_000),
            )),
        ));
    }
    let mut some = |items: &[&str]| {
        let mut picked: Vec<String> = (0..rng.between(1, 3))
            .map(|_| quoted(rng.pick::<&str>(items)))
            .collect();
        picked.sort();
        picked.dedup();
        picked
    };
    let problems = some(&PROBLEMS);
    let strengths = some(&STRENGTHS);

    // Older cases may be closed after 8 to 13 months.
    let closure = plus(intake, rng.between(240, 400));
    let closed = (closure < recorded_until && rng.chance(45)).then_some(closure);
    let end = closed.unwrap_or(recorded_until);
    let late_draft = rng.chance(15);
    let draft = plus(
        intake,
        if late_draft {
            rng.between(15, 20)
        } else {
            rng.between(6, 12)
        },
    );
    let approved = plus(draft, rng.between(1, 4));
    let sent = plus(approved, if rng.chance(10) { 6 } else { rng.between(1, 3) });

    // Every tenth long case changed curators after about three months.
    let replaced = plus(intake, 100);
    let replacement = if replaced < end && curators.len() > 1 && rng.chance(10) {
        let previous = curators
            .iter()
            .find(|c| **c != curator)
            .expect("two curators at least");
        format!(
            "смена_куратора:\n  - дата: {}\n    прежний: {previous}\n    основание: ходатайство куратора\n",
            day(replaced)
        )
    } else {
        String::new()
    };
    let mut text = format!(
        "# yaml-language-server: $schema=../schema/case.schema.json\n\
         # Сгенерировано kurator demo --generate: семья вымышлена.\n\
         номер: {number}\n\n\
         поступление:\n  дата: {}\n  источник: {}\n  срочность: {}\n  обстоятельства: {}\n  постановка_на_учёт: {}\n  рабочая_группа_проинформирована: {}\n\n\
         семья:\n  фамилия: {surname}ы\n  адрес: {}\n  телефон: \"8 900 {:03}-{:02}-{:02}\"\n  категория: {category}\n  типы: [{}]\n  члены:\n{members}  проблемы: [{}]\n  ресурсы: [{}]\n\n\
         куратор: {curator}\n{}уровень: {}\n\n",
        day(intake),
        quoted(rng.pick::<&str>(&SOURCES)),
        if rng.chance(10) {
            "экстренная"
        } else {
            "обычная"
        },
        quoted(&format!(
            "{}; семья нуждается в сопровождении",
            rng.pick(&PROBLEMS)
        )),
        day(plus(intake, 2)),
        day(plus(intake, rng.between(2, 4))),
        quoted(&format!(
            "г. Примерск, ул. {}, д. {}, кв. {}",
            rng.pick(&STREETS),
            rng.between(1, 60),
            rng.between(1, 120)
        )),
        rng.below(1000),
        rng.below(100),
        rng.below(100),
        types.join(", "),
        problems.join(", "),
        strengths.join(", "),
        replacement,
        rng.pick(&LEVELS[1..]),
    );

    // Stages, each after the one before and within the case.
    text.push_str(&format!(
        "этапы:\n  диагностический: {}\n  целевой: {}\n  деятельностный: {}\n",
        day(intake),
        day(plus(intake, 5)),
        day(plus(approved, 1)),
    ));
    if let Some(closed) = closed {
        text.push_str(&format!(
            "  рефлексивный: {}\n  поддерживающий: {}\n",
            day(closed.checked_sub_days(Days::new(60)).unwrap_or(closed)),
            day(closed.checked_sub_days(Days::new(20)).unwrap_or(closed)),
        ));
    }
    text.push_str(&format!(
        "\nсогласие_пдн:\n  дата: {}\n  подписал: {applicant}\n\n\
         договор:\n  номер: \"{}/{}\"\n  дата: {}\n  срок_до: {}\n  подписал: {applicant}\n  обязательства_семьи: [\"выполнять мероприятия программы\"]\n  обязательства_центра: [\"назначить куратора семьи\"]\n\n\
         программа:\n  проект_представлен: {}\n  утверждена: {}\n  направлена: {}\n  семья_ознакомлена: {}\n  цели: [{}]\n  мероприятия:\n",
        day(plus(intake, 2)),
        n + 1,
        intake.year(),
        day(plus(intake, 3)),
        day(plus(intake, 368)),
        day(draft),
        day(approved),
        day(sent),
        day(sent),
        quoted("выход семьи из трудной жизненной ситуации"),
    ));
    for _ in 0..rng.between(2, 5) {
        let (task, action, executor) = *rng.pick(&MEASURES);
        let deadline = plus(approved, rng.between(30, 200));
        text.push_str(&format!(
            "    - задача: {}\n      мероприятие: {}\n      исполнитель: {}\n      срок: {}\n",
            quoted(task),
            quoted(action),
            quoted(executor),
            day(deadline)
        ));
        let done = plus(deadline, rng.between(0, 30))
            .checked_sub_days(Days::new(20))
            .unwrap_or(deadline);
        if done <= end && rng.chance(80) {
            text.push_str(&format!(
                "      выполнено: {}\n      результат: {}\n",
                day(done.max(approved)),
                quoted("выполнено, результат достигнут")
            ));
        }
    }

    // Quarterly consilium decisions while the case is open; some correct the programme.
    let mut decisions = String::new();
    let mut corrections = String::new();
    for date in MEETINGS {
        let meeting = NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("a fixed date");
        if meeting <= plus(sent, 1) || meeting > end {
            continue;
        }
        let correct = rng.chance(15);
        decisions.push_str(&format!(
            "  - заседание: {date}\n    динамика: {}\n    эффективность: {}\n    уровень: {}\n    решение: {}\n",
            match rng.below(10) {
                0..=5 => "положительная",
                6..=8 => "без изменений",
                _ => "отрицательная",
            },
            quoted("мероприятия программы выполняются"),
            rng.pick(&LEVELS[1..]),
            if correct { "скорректировать" } else { "продолжить" },
        ));
        if correct {
            // The new edition is sent within 3 working days (п. 1.5.2) and shown to the family
            // at the next visit.
            corrections.push_str(&format!(
                "    - дата: {date}\n      вид: приоритет\n      описание: {}\n      заседание: {date}\n      направлена: {}\n      ознакомлена: {}\n",
                quoted("приоритет программы изменён по решению консилиума"),
                day(plus(meeting, 2).min(end)),
                day(plus(meeting, 6).min(end)),
            ));
        }
    }
    if !corrections.is_empty() {
        text.push_str("  корректировки:\n");
        text.push_str(&corrections);
    }

    // Inspections: on intake, after half a year, and before closure.
    let mut inspections = vec![(plus(intake, 3), "первичное")];
    if plus(intake, 180) < end {
        inspections.push((plus(intake, 180), "повторное"));
    }
    if let Some(closed) = closed {
        inspections.push((
            closed.checked_sub_days(Days::new(5)).unwrap_or(closed),
            "итоговое",
        ));
    }
    text.push_str("\nобследования:\n");
    for (date, kind) in inspections.iter().filter(|(d, _)| *d <= end) {
        let mark = |rng: &mut Rng| *rng.pick(&["да", "частично", "нет"]);
        text.push_str(&format!(
            "  - дата: {}\n    вид: {kind}\n    комиссия: [{curator}]\n    условия: {{жильё: квартира, комнат: {}, санитарное_состояние: удовлетворительное, доход_на_человека: {}, малоимущая: {}}}\n    выводы: {}\n    критерии: {{отказ_от_вредных_привычек: {}, трудоустройство: {}, посещение_образовательного_учреждения: {}, досуг_детей: {}, нет_антиобщественного_поведения: {}, сезонная_одежда_и_обувь: {}, продукты_питания: {}, бытовые_условия: {}}}\n",
            day(*date),
            rng.between(1, 4),
            rng.between(8, 30) * 1000,
            if rng.chance(50) { "да" } else { "нет" },
            quoted("условия проживания удовлетворительные"),
            mark(rng), mark(rng), mark(rng), mark(rng), mark(rng), mark(rng), mark(rng), mark(rng),
        ));
    }

    // A visit about every month.
    text.push_str("\nпатронаж:\n");
    let mut visit = plus(intake, 3);
    while visit <= end {
        text.push_str(&format!(
            "  - {{дата: {}, участники: [{curator}], итог: {}}}\n",
            day(visit),
            quoted(rng.pick::<&str>(&[
                "семья на связи, рекомендации выполняются",
                "дети посещают школу, в доме порядок",
                "мать работает, задолженность погашается",
                "конфликтов нет, досуг детей организован",
            ]))
        ));
        visit = plus(visit, rng.between(24, 34));
    }
    if !decisions.is_empty() {
        text.push_str("\nконсилиумы:\n");
        text.push_str(&decisions);
    }
    // Every tenth family in СОП had a threat to a child found about six weeks in, reported to
    // КДН и ЗП the same day (120-ФЗ, ст. 9 п. 2). Chosen by number, not drawn, so the rest of
    // the generated data stays as it was.
    let threat = plus(intake, 40);
    if category == "СОП" && n % 10 == 3 && threat <= end {
        text.push_str(&format!(
            "\nугрозы:\n  - дата: {0}\n    описание: {1}\n\
             \nсообщения:\n  - дата: {0}\n    адресат: КДН и ЗП\n    вид: срочное сообщение\n    \
             содержание: {1}\n    исходящий_номер: \"01-12/{2}\"\n",
            day(threat),
            quoted("дети оставлены без присмотра, родители в состоянии опьянения"),
            n + 1
        ));
    }
    if let Some(closed) = closed {
        text.push_str(&format!(
            "\nзакрытие:\n  дата: {}\n  основание: {}\n  рекомендации: {}\n",
            day(closed),
            rng.pick(&[
                "улучшение",
                "улучшение",
                "улучшение",
                "переезд",
                "отказ семьи"
            ]),
            quoted("обращаться в центр при ухудшении ситуации")
        ));
    }
    (number, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_files_and_another_seed_others() {
        assert_eq!(generate(30, 7), generate(30, 7));
        assert_ne!(generate(30, 7), generate(30, 8));
        let files = generate(30, 7);
        assert_eq!(files.len(), 1 + MEETINGS.len() + 30);
        assert_eq!(curator_name(0), "Иванова А. А.");
        let names: std::collections::BTreeSet<String> = (0..7000).map(curator_name).collect();
        assert_eq!(names.len(), 7000, "curators are distinct");
    }
}
