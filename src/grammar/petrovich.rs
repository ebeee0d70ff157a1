//! The Petrovich rules engine: one name word in the nominative to any case.
//!
//! The rules are data (`petrovich-rules/rules.json`, MIT): for each part of a name (surname,
//! first name, patronymic) a list of exceptions (whole words) and of suffixes, each with the
//! sex it applies to and five modifiers, one per case from the genitive to the prepositional.
//! A modifier «--ой» drops two letters and adds «ой»; «.» leaves the word as it is. The first
//! rule that fits wins, exceptions before suffixes, in the order of the file. A hyphenated word
//! is declined part by part; rules tagged `first_word` («Тер-», «Бонч-») apply only to the first
//! part of such a word. This is the algorithm of the reference implementations (petrovich-ruby,
//! petrovich-js), with the tag read as they mean it: a tagged rule needs its tag.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use super::{Case, Gender};

/// Which part of a name a word is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Фамилия.
    Surname,
    /// Имя.
    First,
    /// Отчество.
    Patronymic,
}

#[derive(Deserialize)]
struct Rule {
    gender: String,
    test: Vec<String>,
    mods: Vec<String>,
    #[serde(default)]
    tags: Vec<String>,
}

#[derive(Deserialize)]
struct RuleSet {
    #[serde(default)]
    exceptions: Vec<Rule>,
    #[serde(default)]
    suffixes: Vec<Rule>,
}

#[derive(Deserialize)]
struct Rules {
    lastname: RuleSet,
    firstname: RuleSet,
    middlename: RuleSet,
}

/// Lists of endings by sex: `{"female": [...], "male": [...], "androgynous": [...]}`.
type Lists = BTreeMap<String, Vec<String>>;

#[derive(Deserialize)]
struct GenderSet {
    #[serde(default)]
    exceptions: Lists,
    #[serde(default)]
    suffixes: Lists,
}

#[derive(Deserialize)]
struct GenderParts {
    lastname: GenderSet,
    middlename: GenderSet,
}

#[derive(Deserialize)]
struct GenderFile {
    gender: GenderParts,
}

const RULES_JSON: &str = include_str!("petrovich-rules/rules.json");
const GENDER_JSON: &str = include_str!("petrovich-rules/gender.json");

fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| serde_json::from_str(RULES_JSON).expect("the Petrovich rules parse"))
}

fn genders() -> &'static GenderParts {
    static GENDERS: OnceLock<GenderParts> = OnceLock::new();
    GENDERS.get_or_init(|| {
        serde_json::from_str::<GenderFile>(GENDER_JSON)
            .expect("the Petrovich gender rules parse")
            .gender
    })
}

/// A name word (hyphenated or not) in `case`; `gender` unknown declines by the rules for
/// both sexes only.
pub fn inflect(word: &str, part: Part, gender: Option<Gender>, case: Case) -> String {
    let Some(index) = case.index() else {
        return word.to_owned();
    };
    let set = match part {
        Part::Surname => &rules().lastname,
        Part::First => &rules().firstname,
        Part::Patronymic => &rules().middlename,
    };
    let parts: Vec<&str> = word.split('-').collect();
    let compound = parts.len() > 1;
    parts
        .iter()
        .enumerate()
        .map(
            |(i, piece)| match find(set, piece, gender, compound && i == 0) {
                Some(rule) => apply(piece, &rule.mods[index]),
                None => (*piece).to_owned(),
            },
        )
        .collect::<Vec<_>>()
        .join("-")
}

/// Whether the word is a first part of a double surname that the rules keep as it is
/// («Бонч-», «Тер-», «фон-»).
pub fn first_word_exception(word: &str) -> bool {
    let lower = word.to_lowercase();
    rules()
        .lastname
        .exceptions
        .iter()
        .any(|rule| rule.tags.iter().any(|t| t == "first_word") && rule.test.contains(&lower))
}

fn find<'r>(
    set: &'r RuleSet,
    word: &str,
    gender: Option<Gender>,
    first_word: bool,
) -> Option<&'r Rule> {
    let lower = word.to_lowercase();
    let fits = |rule: &Rule| {
        let tagged = rule
            .tags
            .iter()
            .all(|tag| tag == "first_word" && first_word);
        let sex = matches!(
            (rule.gender.as_str(), gender),
            ("androgynous", _) | ("male", Some(Gender::Male)) | ("female", Some(Gender::Female))
        );
        tagged && sex
    };
    let exception = set
        .exceptions
        .iter()
        .filter(|r| fits(r))
        .find(|r| r.test.contains(&lower));
    exception.or_else(|| {
        set.suffixes
            .iter()
            .filter(|r| fits(r))
            .find(|r| r.test.iter().any(|t| lower.ends_with(t.as_str())))
    })
}

/// A modifier applied: «--ой» on «Лесная» is «Лесной». A word written in capitals gets its
/// ending in capitals.
fn apply(word: &str, modifier: &str) -> String {
    if modifier == "." {
        return word.to_owned();
    }
    let cut = modifier.chars().take_while(|c| *c == '-').count();
    let ending = &modifier[cut..];
    let letters: Vec<char> = word.chars().collect();
    let keep = letters.len().saturating_sub(cut);
    let mut out: String = letters[..keep].iter().collect();
    let capitals = letters.len() > 1 && letters.iter().all(|c| !c.is_lowercase());
    match capitals {
        true => out.push_str(&ending.to_uppercase()),
        false => out.push_str(ending),
    }
    out
}

/// The sex a patronymic says: «-ич», «-оглы», «-улы» a man; «-на», «-кызы», «-гызы» a woman
/// (the middlename lists of the Petrovich gender rules). `words` is the patronymic, one or two
/// words («Олегович», «Рашид оглы»).
pub fn patronymic_gender(words: &[&str]) -> Option<Gender> {
    let last = words.last()?.to_lowercase();
    by_suffix(&genders().middlename, &last)
}

/// The sex a surname suggests: «-ова», «-ская» a woman, «-ов», «-ский» a man, else nothing
/// (the lastname lists of the Petrovich gender rules). Used only to choose declension rules for
/// «Фамилия И. О.», never to agree words: a surname does not prove a person's sex.
pub fn surname_gender(word: &str) -> Option<Gender> {
    let set = &genders().lastname;
    let lower = word.to_lowercase();
    if set.exceptions.values().flatten().any(|w| *w == lower) {
        return None;
    }
    by_suffix(set, &lower)
}

fn by_suffix(set: &GenderSet, lower: &str) -> Option<Gender> {
    let has = |sex: &str| {
        set.suffixes
            .get(sex)
            .is_some_and(|list| list.iter().any(|s| lower.ends_with(s.as_str())))
    };
    match (has("male"), has("female")) {
        (true, false) => Some(Gender::Male),
        (false, true) => Some(Gender::Female),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modifiers_cut_letters_and_add_an_ending() {
        assert_eq!(apply("Лесная", "--ой"), "Лесной");
        assert_eq!(apply("Петров", "а"), "Петрова");
        assert_eq!(apply("Шевченко", "."), "Шевченко");
        assert_eq!(apply("ПЕТРОВ", "ым"), "ПЕТРОВЫМ");
    }

    #[test]
    fn first_word_rules_need_a_compound_word() {
        let f = Some(Gender::Female);
        assert_eq!(
            inflect("Тер-Петрова", Part::Surname, f, Case::Dative),
            "Тер-Петровой"
        );
        let m = Some(Gender::Male);
        assert_eq!(
            inflect("Бонч-Бруевич", Part::Surname, m, Case::Genitive),
            "Бонч-Бруевича"
        );
    }

    #[test]
    fn the_rules_files_parse() {
        assert!(!rules().lastname.suffixes.is_empty());
        assert_eq!(patronymic_gender(&["Олеговна"]), Some(Gender::Female));
        assert_eq!(patronymic_gender(&["Рашид", "оглы"]), Some(Gender::Male));
        assert_eq!(surname_gender("Полякова"), Some(Gender::Female));
        assert_eq!(surname_gender("Сидоренко"), None);
    }
}
