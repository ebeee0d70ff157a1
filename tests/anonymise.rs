//! `kurator pack --anonymise` on a repository whose staff typed family members' names into
//! free text in every way people do: declined, hyphenated, «е» for «ё», with an invisible
//! character or a Latin look-alike letter inside, as initials beside the surname, with birth
//! dates and phones in other formats. The pack is read as an outsider would (PDF text and
//! metadata, HTML, every file of the folder and of the ZIP) and searched after normalising both
//! sides, so no spelling slips through; and staff names, among them «Лихачёва Г. С.» beside a
//! family surnamed «Ли», must come out exactly as written.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{copy_dir, fixture, git, pack};

const KURATOR_YAML: &str = "\
организация:
  полное_наименование: Бюджетное учреждение «Тестовый центр помощи семье»
  краткое_наименование: БУ «ТЦПС»
  адрес: 100000, г. Условный, ул. Примерная, д. 1
  телефон: 8 (000) 100-00-01
  руководитель:
    фио: Директорова А. Б.
    должность: Директор
кураторы:
  - фио: Кураторова В. Г.
    должность: специалист по социальной работе
  - фио: Опекунов Д. Е.
    должность: психолог
  - фио: Лихачёва Г. С.
    должность: социальный педагог
рабочая_группа:
  - фио: Заведующая Ж. З.
    должность: заведующий отделением
типы_семей: [полная, неполная, многодетная]
уровни_сопровождения: [интенсивный, базовый]
";

/// A family whose names staff wrote into every free-text field, each in another disguise.
/// U+00AD (soft hyphen) and U+200B (zero-width space) are written as escapes; «Пeтровой» has
/// a Latin «e», «Семёновa» a Latin «a», «Ивaнoв» Latin «а» and «о».
const PETROVS: &str = "\
номер: 2024-004
поступление:
  дата: 2024-07-05
  источник: \"звонок Петровой-Водкиной А. В. по тел. 8-900-123-45-67\"
  срочность: обычная
  обстоятельства: \"школа сообщила: Семенова Д. С. (род. 01.02.2015) пропускает занятия; конфликт у Петровой с Ивановым\"
  постановка_на_учёт: 2024-07-08
  рабочая_группа_проинформирована: 2024-07-09
семья:
  фамилия: Петровы
  адрес: г. Условный, ул. Берёзовая, д. 7, кв. 3
  телефон: +7 (900) 123-45-67
  категория: СОП
  типы: [полная]
  члены:
    - фио: Петрова-Водкина Анна Викторовна
      роль: мать
      дата_рождения: 1988-05-17
      занятость: кассир в магазине «Берёзка»
      заявитель: да
    - фио: Иванов Сергей Петрович
      роль: отчим
      дата_рождения: 1985-11-23
      занятость: водитель
    - фио: Семёнова Дарья Сергеевна
      роль: дочь
      дата_рождения: 2015-02-01
      занятость: МБОУ СОШ № 2
  проблемы:
    - \"у Петров\\u00ADой долг по ЖКУ\"
    - \"Дарья (1 февраля 2015 г. р.) без присмотра после школы\"
  ресурсы: [\"поддержка бабушки А. В. Петровой\"]
куратор: Опекунов Д. Е.
уровень: интенсивный
этапы:
  диагностический: 2024-07-05
  целевой: 2024-07-12
  деятельностный: 2024-07-26
согласие_пдн:
  дата: 2024-07-08
  подписал: Петрова-Водкина Анна Викторовна
договор:
  номер: 21
  дата: 2024-07-26
  срок_до: 2025-07-25
  обязательства_семьи: [посещать консультации]
  обязательства_центра: [консультации психолога]
программа:
  проект_представлен: 2024-07-17
  утверждена: 2024-07-22
  направлена: 2024-07-24
  семья_ознакомлена: 2024-07-24
  цели: [\"трудоустройство Ив\\u200Bанова С. П.\"]
  мероприятия:
    - задача: \"снизить конфликтность (Петрова А. В. и Ивaнoв)\"
      мероприятие: \"консультации психолога для Пeтровой\"
      исполнитель: Опекунов Д. Е.
      организация: БУ «ТЦПС»
      участие_семьи: \"Дарья, род. 01.02.15, приходит с матерью, тел. 89001234567\"
      срок: 2024-09-20
      выполнено: 2024-09-18
      результат: \"Семёновa записана в кружок; А. В. Петрова благодарит\"
    - задача: досуг ребёнка
      мероприятие: \"кружок для Семёновой\"
      исполнитель: Петрова-Водкина А. В.
      организация: Дом детского творчества на ул. Берёзовой
      срок: 2024-09-30
консилиумы:
  - заседание: 2024-09-26
    динамика: положительная
    эффективность: \"с Ивановым проведена беседа, Петрова-Водкина трудоустроена\"
    уровень: базовый
    корректировка: \"занятия для Дарьи Семеновой, связь по тел. +7 900 123 45 67\"
    решение: завершить
возвращение_детей:
  - фио: Семёнова Дарья Сергеевна
    дата: 2024-09-10
    откуда: приют, куда Петрову-Водкину не пускали
закрытие:
  дата: 2024-09-30
  основание: улучшение
  пояснение: \"Петрова-Водкина А. В. (родилась 17.05.1988) трудоустроена\"
  рекомендации: \"Семёновой Д. С. — кружок; Иванову С. П. — группа отцов; адрес: Берёзовая, 7\"
";

/// A family surnamed «Ли», whose curator is «Лихачёва Г. С.».
const LI: &str = "\
номер: 2024-005
поступление:
  дата: 2024-07-10
  источник: заявление родителя
  срочность: обычная
  обстоятельства: \"у Ли В. И. задолженность по ЖКУ\"
  постановка_на_учёт: 2024-07-11
  рабочая_группа_проинформирована: 2024-07-12
семья:
  фамилия: Ли
  адрес: г. Условный, ул. Кленовая, д. 2
  телефон: 8 (912) 765-43-21
  категория: ТЖС
  типы: [неполная]
  члены:
    - фио: Ли Виктория Игоревна
      роль: мать
      дата_рождения: 1992-06-14
      заявитель: да
    - фио: Ли Тимур Русланович
      роль: сын
      дата_рождения: 2016-04-03
  проблемы: [задолженность по оплате ЖКУ]
куратор: Лихачёва Г. С.
уровень: базовый
этапы:
  диагностический: 2024-07-10
  целевой: 2024-07-17
  деятельностный: 2024-07-31
согласие_пдн:
  дата: 2024-07-11
  подписал: Ли Виктория Игоревна
программа:
  проект_представлен: 2024-07-22
  утверждена: 2024-07-29
  направлена: 2024-07-31
  семья_ознакомлена: 2024-07-31
  цели: [погашение задолженности]
  мероприятия:
    - задача: погасить долг
      мероприятие: консультация юриста
      исполнитель: Лихачёва Г. С.
      организация: БУ «ТЦПС»
      срок: 2024-09-30
консилиумы:
  - заседание: 2024-09-26
    динамика: без изменений
    решение: продолжить
";

/// The meeting of 26.09.2024 with the mother of 2024-004 attending and named in the agenda.
const MEETING: &str = "\
дата: 2024-09-26
номер: \"3\"
вид: консилиум
председатель: Директорова А. Б.
секретарь: Заведующая Ж. З.
присутствовали:
  - фио: Кураторова В. Г.
    должность: специалист по социальной работе
  - фио: Петрова-Водкина А. В.
    должность: мать несовершеннолетней Семёновой Д. С.
повестка:
  - вопрос: \"О конфликте у Петровых-Водкиных (тел. 8 900 123-45-67)\"
    слушали: Кураторова В. Г.
    решили: Принять к сведению.
";

/// The head's conclusions to the quarter's справка: free text that names the families.
const HEAD_NOTES: &str = "\
номер: 9-2024
дата: 2024-10-03
выводы:
  - Семья Петровых (Петрова-Водкина Анна Викторовна, ул. Садовая) выполняет программу.
предложения:
  - Ли Виктории Игоревне (тел. 8 900 123-45-67) предложить консультацию юриста.
";

/// The `indicators` fixture with the two families above, the head's conclusions and the meeting, committed. The
/// Petrovs' file lies in a subfolder named after them, as the README allows: the version
/// stamps name their source file, and the folder must not reach the pack.
fn repository() -> testdir::TempDir {
    let dir = testdir::tempdir().unwrap();
    copy_dir(&fixture("indicators"), dir.path());
    fs::write(dir.path().join("kurator.yaml"), KURATOR_YAML).unwrap();
    fs::create_dir_all(dir.path().join("cases/Петровы")).unwrap();
    fs::write(dir.path().join("cases/Петровы/2024-004.yaml"), PETROVS).unwrap();
    fs::write(dir.path().join("cases/2024-005.yaml"), LI).unwrap();
    fs::write(dir.path().join("meetings/2024-09-26.yaml"), MEETING).unwrap();
    fs::create_dir(dir.path().join("reports")).unwrap();
    fs::write(dir.path().join("reports/2024-Q3.yaml"), HEAD_NOTES).unwrap();
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-q", "-m", "Данные"]);
    dir
}

/// Every name word of every family member, the family surnames and the streets, as they
/// stand in the case files.
const NAMES: &[&str] = &[
    "Петрова-Водкина Анна Викторовна",
    "Иванов Сергей Петрович",
    "Семёнова Дарья Сергеевна",
    "Петровы",
    "Ли Виктория Игоревна",
    "Ли Тимур Русланович",
    "Ли",
    "Тестова Мария Ивановна",
    "Тестов Иван Петрович",
    "Тестовы",
    "Проверкина Анна Олеговна",
    "Проверкин Олег Сергеевич",
    "Проверкины",
    "Закрытова Вера Павловна",
    "Закрытов Пётр Андреевич",
    "Закрытовы",
    "Берёзовая",
    "Кленовая",
    "Садовая",
];

/// Birth dates and phones in the spellings people use.
const NUMBERS: &[&str] = &[
    "01.02.2015",
    "1.02.2015",
    "01.02.15",
    "2015-02-01",
    "1 февраля 2015",
    "01 февраля 2015",
    "«01» февраля 2015",
    "17.05.1988",
    "1988-05-17",
    "17 мая 1988",
    "«17» мая 1988",
    "23.11.1985",
    "23 ноября 1985",
    "«23» ноября 1985",
    "14.06.1992",
    "«14» июня 1992",
    "03.04.2016",
    "«03» апреля 2016",
    "15.03.1990",
    "01.09.2015",
];

/// Phones as their digits without the country or trunk prefix.
const PHONES: &[&str] = &["9001234567", "9127654321"];

/// Staff as kurator.yaml writes them: each must appear exactly so.
const STAFF: &[&str] = &[
    "Лихачёва Г. С.",
    "Кураторова В. Г.",
    "Опекунов Д. Е.",
    "Директорова А. Б.",
    "Заведующая Ж. З.",
];

/// Lowercase, «ё» as «е», invisible characters dropped, Latin look-alikes as Cyrillic.
/// Written here again on purpose: the check must not share a blind spot with the code it checks.
fn normalise(text: &str) -> String {
    text.chars()
        .filter(|c| {
            !matches!(
                c,
                '\u{00AD}'
                    | '\u{034F}'
                    | '\u{180E}'
                    | '\u{200B}'..='\u{200F}'
                    | '\u{2060}'..='\u{2064}'
                    | '\u{FEFF}'
            )
        })
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'ё' => 'е',
            'a' => 'а',
            'e' => 'е',
            'o' => 'о',
            'p' => 'р',
            'c' => 'с',
            'x' => 'х',
            'y' => 'у',
            'k' => 'к',
            'm' => 'м',
            't' => 'т',
            'h' => 'н',
            'b' => 'в',
            other => other,
        })
        .collect()
}

/// Russian case endings a name takes («Петрова» → «Петровой», «Иванов» → «Ивановым»).
const ENDINGS: &[&str] = &[
    "", "а", "я", "ы", "и", "у", "ю", "е", "о", "ой", "ей", "ою", "ею", "ом", "ем", "ым", "им",
    "ого", "его", "ому", "ему", "ых", "их", "ыми", "ими", "ам", "ям", "ами", "ями", "ах", "ях",
    "ов", "ев", "ь", "й",
];

/// The words of the pack text a name word would take in any case form.
fn hits(words: &[&str], name_word: &str) -> Vec<String> {
    let word = normalise(name_word);
    let mut stem = word.clone();
    while stem.chars().count() > 3
        && stem.ends_with(['а', 'е', 'и', 'о', 'у', 'ы', 'ю', 'я', 'й', 'ь'])
    {
        stem.pop();
    }
    words
        .iter()
        .filter(|w| {
            **w == word
                || w.strip_prefix(stem.as_str())
                    .is_some_and(|rest| ENDINGS.contains(&rest))
        })
        .map(|w| (*w).to_owned())
        .collect()
}

/// What an outsider can read of one file: the text and metadata of a PDF, any other file as
/// text, and the file's name.
fn readable(path: &Path) -> String {
    let mut text = path.file_name().unwrap().to_string_lossy().into_owned() + "\n";
    if path.is_dir() {
        return text;
    }
    if path.extension().is_some_and(|e| e == "pdf") {
        for tool in ["pdftotext", "pdfinfo"] {
            let mut command = Command::new(tool);
            if tool == "pdfinfo" {
                command.args(["-meta", "-enc", "UTF-8"]);
            }
            let output = command
                .arg(path)
                .args(if tool == "pdftotext" {
                    &["-"][..]
                } else {
                    &[][..]
                })
                .output()
                .expect("poppler-utils are installed");
            assert!(
                output.status.success(),
                "{tool} {}: {output:?}",
                path.display()
            );
            text.push_str(&String::from_utf8_lossy(&output.stdout));
        }
    } else {
        text.push_str(&String::from_utf8_lossy(&fs::read(path).unwrap()));
    }
    text
}

/// The files under a folder, at any depth (the ZIP holds the pack in a folder), each folder's
/// name read too.
fn files(folder: &Path) -> Vec<PathBuf> {
    let mut all = Vec::new();
    for entry in fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            all.push(path.clone().join(""));
            all.extend(files(&path));
        } else {
            all.push(path);
        }
    }
    all.sort();
    all
}

/// Everything an outsider can read in the pack: the folder's files and, separately, what
/// an independent unzip of the archive gives.
fn pack_contents(packs: &Path, name: &str) -> Vec<(String, String)> {
    let folder = packs.join(name);
    let unzipped = testdir::tempdir().unwrap();
    let unzip = Command::new("python3")
        .args([
            "-c",
            "import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])",
        ])
        .arg(packs.join(format!("{name}.zip")))
        .arg(unzipped.path())
        .output()
        .expect("python3 runs");
    assert!(unzip.status.success(), "{unzip:?}");
    let mut contents: Vec<(String, String)> = files(&folder)
        .iter()
        .chain(&files(unzipped.path()))
        .map(|p| (p.display().to_string(), readable(p)))
        .collect();
    assert!(contents.len() > 20, "the pack holds files: {contents:?}");
    contents.push(("(имя пакета)".to_owned(), name.to_owned()));
    contents
}

/// The leaks of personal data in one readable file, each with the text around it.
fn leaks(text: &str) -> Vec<String> {
    let plain = normalise(text);
    let folded = plain.split_whitespace().collect::<Vec<_>>().join(" ");
    let words: Vec<&str> = plain
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let mut found = Vec::new();
    for name in NAMES {
        for part in name.split([' ', '-']) {
            for hit in hits(&words, part) {
                found.push(format!("«{hit}» (из «{name}»)"));
            }
        }
    }
    for number in NUMBERS {
        if folded.contains(&normalise(number)) {
            found.push(format!("«{number}»"));
        }
    }
    // Phones with any separators: runs of digits and the marks phones are written with.
    let mut digits = String::new();
    for c in plain.chars().chain(['|']) {
        if c.is_ascii_digit() {
            digits.push(c);
        } else if !" -()+.\u{a0}".contains(c) {
            for phone in PHONES {
                if digits.contains(phone) {
                    found.push(format!("телефон {phone}"));
                }
            }
            digits.clear();
        }
    }
    found.sort();
    found.dedup();
    found
}

#[test]
fn the_anonymised_pack_holds_no_personal_data_in_any_spelling_and_staff_names_intact() {
    let repo = repository();
    let out = testdir::tempdir().unwrap();
    let output = pack(repo.path(), out.path(), &["--anonymise"]);
    assert!(output.status.success(), "{output:?}");
    let contents = pack_contents(&out.path().join("packs"), "2024-Q3-обезличенный");
    let mut report = Vec::new();
    for (file, text) in &contents {
        let found = leaks(text);
        if !found.is_empty() {
            report.push(format!("{file}: {}", found.join(", ")));
        }
    }
    assert!(
        report.is_empty(),
        "personal data in the anonymised pack:\n{}",
        report.join("\n")
    );

    let all: String = contents
        .iter()
        .map(|(_, text)| text.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n");
    for name in STAFF {
        assert!(all.contains(name), "«{name}» is not in the pack as written");
    }
    // Every «хачёва» is the end of «Лихачёва», never of a case number put in for «Ли».
    for (i, _) in all.match_indices("хачёва") {
        assert!(
            all[..i].ends_with("Ли"),
            "a damaged staff name: «{}»",
            &all[i.saturating_sub(20)..i + 30]
        );
    }
    // The curator's own report keeps her name in its file name.
    assert!(
        contents
            .iter()
            .any(|(file, _)| file.ends_with("справка-2024-Q3-Лихачёва-Г-С.pdf")),
        "no report of Лихачёва Г. С."
    );
    // What stands in place of the family and its free text.
    assert!(all.contains("семья № 2024-004"), "families by case number");
    assert!(all.contains("(текст не включён в обезличенный пакет)"));
    // What kurator itself wrote stays: its agenda item, the kind of a proposed change, the
    // clause of an overdue deadline (whose message may quote a measure), members by kinship.
    for kept in [
        "О ходе социального сопровождения семьи № 2024-004",
        "предложено консилиумом: (текст не включён в обезличенный пакет)",
        "Положение о кураторе семьи, п.",
        "мать<br>отчим<br>дочь",
        "<span class=\"name\">мать <small>",
        "№ 9-2024",
        "Выводы",
    ] {
        assert!(all.contains(kept), "«{kept}» is not in the pack");
    }
}

/// Without `--anonymise` the same repository keeps every name, so the test above can only
/// pass because anonymisation removed them.
#[test]
fn the_ordinary_pack_of_the_same_repository_holds_the_names() {
    let repo = repository();
    let out = testdir::tempdir().unwrap();
    let output = pack(repo.path(), out.path(), &[]);
    assert!(output.status.success(), "{output:?}");
    let contents = pack_contents(&out.path().join("packs"), "2024-Q3");
    let all: String = contents
        .iter()
        .map(|(_, t)| t.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let found = leaks(&all).join(", ");
    for expected in [
        "петровой",
        "ивановым",
        "водкина",
        "семенова",
        "«01.02.2015»",
        "телефон 9001234567",
    ] {
        assert!(
            found.contains(expected),
            "{expected} not found in the ordinary pack: {found}"
        );
    }
}

/// A case number is what stands for the family in the anonymised pack and in its file names,
/// so a number that holds the family's surname is a located error of `validate` (what validate
/// accepts must pack, anonymised too), and neither pack is built.
#[test]
fn a_case_number_holding_the_surname_is_a_validation_error() {
    let repo = repository();
    let path = repo.path().join("cases/2024-005.yaml");
    let text = fs::read_to_string(&path).unwrap();
    fs::remove_file(&path).unwrap();
    fs::write(
        repo.path().join("cases/2024-Ли.yaml"),
        text.replace("номер: 2024-005", "номер: 2024-Ли"),
    )
    .unwrap();
    git(repo.path(), &["add", "-A"]);
    git(repo.path(), &["commit", "-q", "-m", "Номер"]);
    let validate = common::run(&["validate", "--root", repo.path().to_str().unwrap()]);
    let message = String::from_utf8_lossy(&validate.stdout);
    assert_eq!(validate.status.code(), Some(1), "{validate:?}");
    assert!(
        message.contains("cases/2024-Ли.yaml:1:8")
            && message.contains("номер случая «2024-Ли» содержит «Ли»"),
        "{message}"
    );
    let out = testdir::tempdir().unwrap();
    let refused = pack(repo.path(), out.path(), &["--anonymise"]);
    assert_eq!(refused.status.code(), Some(1), "{refused:?}");
    assert!(!out.path().join("packs").exists(), "nothing written");
}
