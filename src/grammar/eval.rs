//! Declension checked against the Petrovich evaluation data: a table of names of every class
//! kurator meets, the subset of petrovich-eval committed in `tests/fixtures/grammar/` (CC BY-SA
//! 3.0, see its README), and — ignored unless `PETROVICH_EVAL` names a folder — the whole set,
//! for the figure in the module doc.

use std::collections::HashMap;

use super::{Case, Gender, Part, Person, inflect};

const NAMES: &str = include_str!("../../tests/fixtures/grammar/petrovich-eval-names.tsv");
const PEOPLE: &str = include_str!("../../tests/fixtures/grammar/petrovich-eval-people.tsv");

const M: Gender = Gender::Male;
const F: Gender = Gender::Female;

/// Names of every class, with their genitive, dative and instrumental: hyphenated, with an
/// indeclinable first part, indeclinable («-ко», «-о», «-ых», foreign in a vowel), «-ская»,
/// «-ий/-ой», «-ич» and consonants for women (indeclinable) and men, foreign, «-ец», «-ей»,
/// «-а» for men, double first names, Turkic patronymics, and the demo's own people. Every cell
/// the evaluation data also holds is checked against it ([`the_table_agrees_with_the_evaluation_data`]).
#[rustfmt::skip]
const TABLE: &[(&str, Gender, [&str; 3])] = &[
    ("Салтыков-Щедрин Михаил Евграфович", M, ["Салтыкова-Щедрина Михаила Евграфовича", "Салтыкову-Щедрину Михаилу Евграфовичу", "Салтыковым-Щедриным Михаилом Евграфовичем"]),
    ("Сидорова-Петрова Мария Ивановна", F, ["Сидоровой-Петровой Марии Ивановны", "Сидоровой-Петровой Марии Ивановне", "Сидоровой-Петровой Марией Ивановной"]),
    ("Тер-Петрова Маша Ивановна", F, ["Тер-Петровой Маши Ивановны", "Тер-Петровой Маше Ивановне", "Тер-Петровой Машей Ивановной"]),
    ("Бонч-Бруевич Виктор Леопольдович", M, ["Бонч-Бруевича Виктора Леопольдовича", "Бонч-Бруевичу Виктору Леопольдовичу", "Бонч-Бруевичем Виктором Леопольдовичем"]),
    ("Бонч-Бруевич Анна Владимировна", F, ["Бонч-Бруевич Анны Владимировны", "Бонч-Бруевич Анне Владимировне", "Бонч-Бруевич Анной Владимировной"]),
    ("Станкевич Ольга Павловна", F, ["Станкевич Ольги Павловны", "Станкевич Ольге Павловне", "Станкевич Ольгой Павловной"]),
    ("Станкевич Павел Геннадиевич", M, ["Станкевича Павла Геннадиевича", "Станкевичу Павлу Геннадиевичу", "Станкевичем Павлом Геннадиевичем"]),
    ("Ткач Антон Вячеславович", M, ["Ткача Антона Вячеславовича", "Ткачу Антону Вячеславовичу", "Ткачем Антоном Вячеславовичем"]),
    ("Ткач Елена Васильевна", F, ["Ткач Елены Васильевны", "Ткач Елене Васильевне", "Ткач Еленой Васильевной"]),
    ("Исайченко Никита Иванович", M, ["Исайченко Никиты Ивановича", "Исайченко Никите Ивановичу", "Исайченко Никитой Ивановичем"]),
    ("Исайченко Ксения Павловна", F, ["Исайченко Ксении Павловны", "Исайченко Ксении Павловне", "Исайченко Ксенией Павловной"]),
    ("Плевако Фёдор Никифорович", M, ["Плевако Фёдора Никифоровича", "Плевако Фёдору Никифоровичу", "Плевако Фёдором Никифоровичем"]),
    ("Бильжо Андрей Георгиевич", M, ["Бильжо Андрея Георгиевича", "Бильжо Андрею Георгиевичу", "Бильжо Андреем Георгиевичем"]),
    ("Черных Иван Павлович", M, ["Черных Ивана Павловича", "Черных Ивану Павловичу", "Черных Иваном Павловичем"]),
    ("Черных Любовь Сергеевна", F, ["Черных Любови Сергеевны", "Черных Любови Сергеевне", "Черных Любовью Сергеевной"]),
    ("Долгих Пётр Ильич", M, ["Долгих Петра Ильича", "Долгих Петру Ильичу", "Долгих Петром Ильичом"]),
    ("Маковецкая Елена Васильевна", F, ["Маковецкой Елены Васильевны", "Маковецкой Елене Васильевне", "Маковецкой Еленой Васильевной"]),
    ("Слуцкая Ирина Эдуардовна", F, ["Слуцкой Ирины Эдуардовны", "Слуцкой Ирине Эдуардовне", "Слуцкой Ириной Эдуардовной"]),
    ("Щаранский Лев Борисович", M, ["Щаранского Льва Борисовича", "Щаранскому Льву Борисовичу", "Щаранским Львом Борисовичем"]),
    ("Горький Максим Алексеевич", M, ["Горького Максима Алексеевича", "Горькому Максиму Алексеевичу", "Горьким Максимом Алексеевичем"]),
    ("Толстой Лев Николаевич", M, ["Толстого Льва Николаевича", "Толстому Льву Николаевичу", "Толстым Львом Николаевичем"]),
    ("Толстая Софья Андреевна", F, ["Толстой Софьи Андреевны", "Толстой Софье Андреевне", "Толстой Софьей Андреевной"]),
    ("Левобережный Илья Васильевич", M, ["Левобережного Ильи Васильевича", "Левобережному Илье Васильевичу", "Левобережным Ильёй Васильевичем"]),
    ("Самотечний Геннадий Павлович", M, ["Самотечнего Геннадия Павловича", "Самотечнему Геннадию Павловичу", "Самотечним Геннадием Павловичем"]),
    ("Шопен Фредерик Францевич", M, ["Шопена Фредерика Францевича", "Шопену Фредерику Францевичу", "Шопеном Фредериком Францевичем"]),
    ("Штеттер Ринат Рашитович", M, ["Штеттера Рината Рашитовича", "Штеттеру Ринату Рашитовичу", "Штеттером Ринатом Рашитовичем"]),
    ("Дарвин Чарльз Робертович", M, ["Дарвина Чарльза Робертовича", "Дарвину Чарльзу Робертовичу", "Дарвином Чарльзом Робертовичем"]),
    ("Дюма Александр Александрович", M, ["Дюма Александра Александровича", "Дюма Александру Александровичу", "Дюма Александром Александровичем"]),
    ("Цой Виктор Робертович", M, ["Цоя Виктора Робертовича", "Цою Виктору Робертовичу", "Цоем Виктором Робертовичем"]),
    ("Кочубей Василий Леонтьевич", M, ["Кочубея Василия Леонтьевича", "Кочубею Василию Леонтьевичу", "Кочубеем Василием Леонтьевичем"]),
    ("Воробей Анна Андреевна", F, ["Воробей Анны Андреевны", "Воробей Анне Андреевне", "Воробей Анной Андреевной"]),
    ("Воробей Пётр Иванович", M, ["Воробья Петра Ивановича", "Воробью Петру Ивановичу", "Воробьем Петром Ивановичем"]),
    ("Кравец Дмитрий Иванович", M, ["Кравца Дмитрия Ивановича", "Кравцу Дмитрию Ивановичу", "Кравцом Дмитрием Ивановичем"]),
    ("Коломиец Ольга Ивановна", F, ["Коломиец Ольги Ивановны", "Коломиец Ольге Ивановне", "Коломиец Ольгой Ивановной"]),
    ("Коломиец Павел Иванович", M, ["Коломийца Павла Ивановича", "Коломийцу Павлу Ивановичу", "Коломийцем Павлом Ивановичем"]),
    ("Сирота Иван Иванович", M, ["Сироты Ивана Ивановича", "Сироте Ивану Ивановичу", "Сиротой Иваном Ивановичем"]),
    ("Окуджава Булат Шалвович", M, ["Окуджавы Булата Шалвовича", "Окуджаве Булату Шалвовичу", "Окуджавой Булатом Шалвовичем"]),
    ("Пушкин Александр Сергеевич", M, ["Пушкина Александра Сергеевича", "Пушкину Александру Сергеевичу", "Пушкиным Александром Сергеевичем"]),
    ("Ахматова Анна Андреевна", F, ["Ахматовой Анны Андреевны", "Ахматовой Анне Андреевне", "Ахматовой Анной Андреевной"]),
    ("Цветаева Марина Ивановна", F, ["Цветаевой Марины Ивановны", "Цветаевой Марине Ивановне", "Цветаевой Мариной Ивановной"]),
    ("Лермонтов Михаил Юрьевич", M, ["Лермонтова Михаила Юрьевича", "Лермонтову Михаилу Юрьевичу", "Лермонтовым Михаилом Юрьевичем"]),
    ("Белоконь Нинель Павловна", F, ["Белоконь Нинели Павловны", "Белоконь Нинели Павловне", "Белоконь Нинелью Павловной"]),
    ("Иванова Анна-Мария Петровна", F, ["Ивановой Анны-Марии Петровны", "Ивановой Анне-Марии Петровне", "Ивановой Анной-Марией Петровной"]),
    ("Мамедов Эльчин Рашид оглы", M, ["Мамедова Эльчина Рашид оглы", "Мамедову Эльчину Рашид оглы", "Мамедовым Эльчином Рашид оглы"]),
    ("Алиева Лейла Рашид кызы", F, ["Алиевой Лейлы Рашид кызы", "Алиевой Лейле Рашид кызы", "Алиевой Лейлой Рашид кызы"]),
    ("Кудрявцева Марина Олеговна", F, ["Кудрявцевой Марины Олеговны", "Кудрявцевой Марине Олеговне", "Кудрявцевой Мариной Олеговной"]),
    ("Ефремов Павел Геннадьевич", M, ["Ефремова Павла Геннадьевича", "Ефремову Павлу Геннадьевичу", "Ефремовым Павлом Геннадьевичем"]),
    ("Зимняя Зоя Ивановна", F, ["Зимней Зои Ивановны", "Зимней Зое Ивановне", "Зимней Зоей Ивановной"]),
    ("Осадчая Юлия Рашитовна", F, ["Осадчей Юлии Рашитовны", "Осадчей Юлии Рашитовне", "Осадчей Юлией Рашитовной"]),
];

/// One row of the evaluation data: a word in the nominative, the form expected, in which
/// part of a name, sex and cases.
struct Row {
    part: Part,
    lemma: String,
    word: String,
    gender: Gender,
    cases: Vec<Case>,
}

/// The sex and cases a `grammemes` cell names; none for plural forms, which
/// [`super::family`] makes from the plural nominative instead.
fn grammemes(cell: &str) -> Option<(Gender, Vec<Case>)> {
    let tags: Vec<&str> = cell.split(',').collect();
    if tags.contains(&"мн") {
        return None;
    }
    // As petrovich-ruby's evaluation reads them: «мр» (or «мр-жр») a man, else a woman.
    let gender = match tags.iter().any(|t| t.starts_with("мр")) {
        true => Gender::Male,
        false => Gender::Female,
    };
    let all = [
        Case::Nominative,
        Case::Genitive,
        Case::Dative,
        Case::Accusative,
        Case::Instrumental,
        Case::Prepositional,
    ];
    let cases = match tags.contains(&"0") {
        true => all.to_vec(),
        false => ["им", "рд", "дт", "вн", "тв", "пр"]
            .iter()
            .zip(all)
            .filter(|(tag, _)| tags.contains(tag))
            .map(|(_, case)| case)
            .collect(),
    };
    Some((gender, cases))
}

/// The rows of a `lemma word grammemes` file of petrovich-eval, as `part`.
fn rows(text: &str, part: impl Fn(&[&str]) -> Option<Part>) -> Vec<Row> {
    text.lines()
        .skip(1)
        .filter_map(|line| {
            let cells: Vec<&str> = line.trim_start_matches('\u{feff}').split('\t').collect();
            let part = part(&cells)?;
            let n = cells.len();
            let (gender, cases) = grammemes(cells.get(n.checked_sub(1)?)?)?;
            Some(Row {
                part,
                lemma: cells.get(n.checked_sub(3)?)?.to_string(),
                word: cells.get(n.checked_sub(2)?)?.to_string(),
                gender,
                cases,
            })
        })
        .collect()
}

fn part_named(name: &str) -> Option<Part> {
    match name {
        "фамилия" => Some(Part::Surname),
        "имя" => Some(Part::First),
        "отчество" => Some(Part::Patronymic),
        _ => None,
    }
}

/// (right, total, the first mistakes) of the engine on `rows`.
fn score(rows: &[Row]) -> (usize, usize, Vec<String>) {
    let (mut right, mut total, mut wrong) = (0, 0, Vec::new());
    for row in rows {
        for case in &row.cases {
            total += 1;
            let got = inflect(&row.lemma, row.part, Some(row.gender), *case);
            if got.to_uppercase() == row.word.to_uppercase() {
                right += 1;
            } else if wrong.len() < 20 {
                wrong.push(format!(
                    "{} ({:?}, {:?}, {case:?}): {got}, ожидалось {}",
                    row.lemma, row.part, row.gender, row.word
                ));
            }
        }
    }
    (right, total, wrong)
}

#[test]
fn every_row_of_the_committed_evaluation_subset() {
    let rows = rows(NAMES, |cells| part_named(cells[0]));
    let (right, total, wrong) = score(&rows);
    assert!(total > 300, "{total} forms");
    assert_eq!(right, total, "{wrong:#?}");
}

#[test]
fn whole_people_of_the_evaluation_data() {
    let mut checked = 0;
    for line in PEOPLE.lines().skip(1) {
        let cells: Vec<&str> = line.split('\t').collect();
        let (gender, cases) = grammemes(cells[6]).expect("singular");
        let parts = [Part::Surname, Part::First, Part::Patronymic];
        for (i, part) in parts.into_iter().enumerate() {
            if cells[i].is_empty() {
                continue;
            }
            let got = inflect(cells[i], part, Some(gender), cases[0]);
            assert_eq!(got, cells[i + 3], "{line}");
            checked += 1;
        }
        if cells[..3].iter().all(|c| !c.is_empty()) {
            let person = Person::new(&cells[..3].join(" "), None);
            assert_eq!(person.gender(), Some(gender), "{line}");
            assert_eq!(person.declined(cases[0]), cells[3..6].join(" "), "{line}");
        }
    }
    assert!(checked > 30, "{checked}");
}

#[test]
fn the_table_of_names_in_four_cases() {
    assert!(TABLE.len() >= 40);
    for (name, gender, [genitive, dative, instrumental]) in TABLE {
        let person = Person::new(name, None);
        assert_eq!(person.gender(), Some(*gender), "{name}");
        assert_eq!(person.declined(Case::Nominative), *name);
        assert_eq!(person.declined(Case::Genitive), *genitive, "{name}");
        assert_eq!(person.declined(Case::Dative), *dative, "{name}");
        assert_eq!(person.declined(Case::Instrumental), *instrumental, "{name}");
    }
}

#[test]
fn the_table_agrees_with_the_evaluation_data() {
    let mut known: HashMap<(String, &'static str, bool, &'static str), String> = HashMap::new();
    let tag = |case: Case| match case {
        Case::Nominative => "им",
        Case::Genitive => "рд",
        Case::Dative => "дт",
        Case::Accusative => "вн",
        Case::Instrumental => "тв",
        Case::Prepositional => "пр",
    };
    let part_tag = |part: Part| match part {
        Part::Surname => "фамилия",
        Part::First => "имя",
        Part::Patronymic => "отчество",
    };
    for row in rows(NAMES, |cells| part_named(cells[0])) {
        for case in &row.cases {
            known.insert(
                (
                    row.lemma.to_uppercase(),
                    part_tag(row.part),
                    row.gender == M,
                    tag(*case),
                ),
                row.word.to_uppercase(),
            );
        }
    }
    let mut covered = 0;
    for (name, gender, forms) in TABLE {
        let words: Vec<&str> = name.split(' ').collect();
        for (case, form) in [Case::Genitive, Case::Dative, Case::Instrumental]
            .into_iter()
            .zip(forms)
        {
            let declined: Vec<&str> = form.split(' ').collect();
            for (i, word) in words.iter().enumerate() {
                let part = match i {
                    0 => Part::Surname,
                    1 => Part::First,
                    _ => Part::Patronymic,
                };
                let key = (word.to_uppercase(), part_tag(part), *gender == M, tag(case));
                if let Some(expected) = known.get(&key) {
                    assert_eq!(&declined[i].to_uppercase(), expected, "{name}, {case:?}");
                    covered += 1;
                }
            }
        }
    }
    // Most first names and a part of the surnames and patronymics are in the data.
    assert!(
        covered >= 100,
        "{covered} cells of the table are in the evaluation data"
    );
}

/// The whole of petrovich-eval (and, if present, the surname list `surnames.tsv` that
/// petrovich-ruby evaluated on) from the folder `PETROVICH_EVAL` names; prints the accuracy.
#[test]
#[ignore = "needs the petrovich-eval data set: PETROVICH_EVAL=<folder>"]
fn accuracy_on_the_whole_evaluation_data() {
    let folder = std::env::var("PETROVICH_EVAL").expect("PETROVICH_EVAL=<folder>");
    let files = [
        ("firstnames.tsv", Part::First),
        ("firstnames.misc.tsv", Part::First),
        ("surnames.misc.tsv", Part::Surname),
        ("midnames.misc.tsv", Part::Patronymic),
        ("surnames.tsv", Part::Surname),
    ];
    for (file, part) in files {
        let Ok(text) = std::fs::read_to_string(std::path::Path::new(&folder).join(file)) else {
            println!("{file}: нет файла");
            continue;
        };
        let (right, total, wrong) = score(&rows(&text, |_| Some(part)));
        println!(
            "{file}: {right} из {total}, {:.2} %",
            100.0 * right as f64 / total.max(1) as f64
        );
        for w in wrong.iter().take(5) {
            println!("  {w}");
        }
    }
}

/// The family plural ([`super::family`]) on the plural forms of the surname list
/// `surnames.tsv` (petrovich-ruby's evaluation list) in the folder `PETROVICH_EVAL` names:
/// from the plural nominative to the genitive (the list's accusative, or its prepositional
/// where the two are alike), dative, instrumental and prepositional; a surname marked
/// indeclinable («мр-жр,0») must stay. Prints the accuracy.
#[test]
#[ignore = "needs the surname list: PETROVICH_EVAL=<folder with surnames.tsv>"]
fn family_plural_on_the_surname_list() {
    let folder = std::env::var("PETROVICH_EVAL").expect("PETROVICH_EVAL=<folder>");
    let text = std::fs::read_to_string(std::path::Path::new(&folder).join("surnames.tsv"))
        .expect("surnames.tsv");
    let mut forms: std::collections::BTreeMap<String, HashMap<String, String>> = Default::default();
    for line in text.lines().skip(1) {
        let cells: Vec<&str> = line.split('\t').collect();
        let &[lemma, word, tags] = cells.as_slice() else {
            continue;
        };
        let tags: Vec<&str> = tags.split(',').collect();
        let entry = forms.entry(lemma.to_owned()).or_default();
        if tags.contains(&"мн") {
            for case in ["им", "дт", "вн", "тв", "пр"] {
                if tags.contains(&case) {
                    entry.insert(case.to_owned(), word.to_owned());
                }
            }
        } else if tags.contains(&"мр-жр") && tags.contains(&"0") {
            entry.insert("0".to_owned(), word.to_owned());
        }
    }
    let (mut right, mut total, mut wrong) = (0, 0, Vec::new());
    for f in forms.values() {
        let (nominative, expected) = match (f.get("0"), f.get("им"), f.get("дт")) {
            (Some(word), _, _) => (word, [word; 4]),
            (None, Some(nominative), Some(dative)) => {
                let genitive = f.get("вн").or(f.get("пр")).unwrap_or(nominative);
                let prepositional = f.get("пр").unwrap_or(nominative);
                let instrumental = f.get("тв").unwrap_or(nominative);
                (nominative, [genitive, dative, instrumental, prepositional])
            }
            _ => continue,
        };
        let family = super::family(nominative);
        let got = [
            &family.genitive,
            &family.dative,
            &family.instrumental,
            &family.prepositional,
        ];
        for (got, expected) in got.into_iter().zip(expected) {
            total += 1;
            if got == expected {
                right += 1;
            } else if wrong.len() < 10 {
                wrong.push(format!("{nominative}: {got}, ожидалось {expected}"));
            }
        }
    }
    println!(
        "семья во множественном числе: {right} из {total}, {:.2} %",
        100.0 * right as f64 / total.max(1) as f64
    );
    for w in wrong {
        println!("  {w}");
    }
}
