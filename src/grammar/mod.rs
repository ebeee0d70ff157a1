//! Russian as a person writes it, for every document: names declined by case, the family
//! named in the plural («семья Кудрявцевых»), words agreed with a person's sex
//! («проживающая»), and signatures with the initials before the surname («И. Л. Полякова»,
//! ГОСТ Р 7.0.97-2025). Views (`crate::documents`) compute the words here and hand them to both
//! templates as values, so the PDF and the HTML print the same words.
//!
//! **Declension** follows the Petrovich rules (petrovich-rules, MIT, vendored unchanged in
//! `petrovich-rules/`; the engine is [`petrovich`], about 150 lines). The `petrovich` crate
//! 0.2.0 was not taken: it bundles the rules of its release (April 2020, before the 2020–2024
//! fixes: «-жая», «-сец», «-рн», «-ия» names, Turkic surnames), builds them with `serde_yaml`
//! 0.8 (a deprecated YAML stack as build dependencies), has had no release since, and measured
//! worse on the same data (run on 29.11.2026): first names 98.62 % against 99.21 % here, the
//! hand-made first-name list 93.75 % («Марием» for «Марией») against 100 %; surnames equal.
//!
//! Measured on the petrovich-eval data (CC BY-SA 3.0; `tests/fixtures/grammar/README.md`):
//! first names 99.21 % of 76 422 forms (12 736 names × 6 cases, both sexes); surnames 99.20 %
//! of 53 631 singular forms of the AOT-derived surname list that petrovich-ruby evaluated on
//! (`spec/data/surnames.tsv` of 2013; not committed here); the hand-made lists of surnames,
//! first names, patronymics and whole people 100 % (66, 32, 18, 17 rows). The family plural
//! ([`family`]) is kurator's own, checked on the plural forms of the same surname list: 99.04 %
//! of 35 084 forms. The errors left are rare foreign names
//! («Абдель-Насир», feminine «Агриппа») and soft-stem plurals («Гегели»).
//!
//! **Sex** comes from what staff wrote: the `пол` of a family member, else the patronymic
//! («-вич», «-вна», «-ич», «-чна», «оглы», «кызы»). A surname is used only to pick declension rules
//! for a name without a patronymic («Полякова И. Л.»), never to agree a word: where a document
//! needs the sex of a signer and neither is written, `rules::integrity` reports it
//! ([signer-gender]) at the member, so staff add `пол:`.

#[cfg(test)]
mod eval;
mod petrovich;

pub use petrovich::Part;

/// A person's sex, as grammar needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    /// Мужской.
    Male,
    /// Женский.
    Female,
}

/// A grammatical case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// Именительный: кто?
    Nominative,
    /// Родительный: кого?
    Genitive,
    /// Дательный: кому?
    Dative,
    /// Винительный: кого?
    Accusative,
    /// Творительный: кем?
    Instrumental,
    /// Предложный: о ком?
    Prepositional,
}

impl Case {
    /// The position of the case's modifier in a Petrovich rule; none for the nominative.
    fn index(self) -> Option<usize> {
        match self {
            Case::Nominative => None,
            Case::Genitive => Some(0),
            Case::Dative => Some(1),
            Case::Accusative => Some(2),
            Case::Instrumental => Some(3),
            Case::Prepositional => Some(4),
        }
    }
}

/// One word of a name in a case: `inflect("Кудрявцева", Part::Surname, Some(Gender::Female),
/// Case::Genitive)` is «Кудрявцевой».
pub fn inflect(word: &str, part: Part, gender: Option<Gender>, case: Case) -> String {
    petrovich::inflect(word, part, gender, case)
}

/// A name as staff write it: «Фамилия Имя Отчество» (the patronymic may be two words,
/// «Рашид оглы»), «Фамилия Имя», «Фамилия И. О.», «И. О. Фамилия» or one word.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Name<'a> {
    surname: &'a str,
    first: Option<&'a str>,
    patronymic: Vec<&'a str>,
    /// «И.», «О.» (or «И.О.» as typed).
    initials: Vec<&'a str>,
    /// The initials stand before the surname.
    initials_first: bool,
}

/// «И.», «И.О.», «Дж.»: letters each closed by a full stop, the first a capital.
fn is_initials(word: &str) -> bool {
    word.ends_with('.')
        && word.chars().next().is_some_and(char::is_uppercase)
        && word
            .trim_end_matches('.')
            .split('.')
            .all(|piece| (1..=2).contains(&piece.chars().count()))
}

impl<'a> Name<'a> {
    fn parse(text: &'a str) -> Name<'a> {
        let words: Vec<&str> = text.split_whitespace().collect();
        let initials: Vec<&str> = words.iter().copied().filter(|w| is_initials(w)).collect();
        if !initials.is_empty() && words.len() - initials.len() == 1 {
            let at = words.iter().position(|w| !is_initials(w)).unwrap_or(0);
            return Name {
                surname: words[at],
                first: None,
                patronymic: Vec::new(),
                initials,
                initials_first: at > 0,
            };
        }
        Name {
            surname: words.first().copied().unwrap_or_default(),
            first: words.get(1).copied(),
            patronymic: words.get(2..).map(<[&str]>::to_vec).unwrap_or_default(),
            initials: Vec::new(),
            initials_first: false,
        }
    }

    fn gender(&self) -> Option<Gender> {
        petrovich::patronymic_gender(&self.patronymic)
    }
}

/// The initial of a name word: «Марина» → «М.», «Анна-Мария» → «А.-М.».
fn initial(word: &str) -> String {
    word.split('-')
        .filter_map(|piece| piece.chars().next())
        .map(|c| format!("{}.", c.to_uppercase()))
        .collect::<Vec<_>>()
        .join("-")
}

/// «И.О.» as typed → «И. О.».
fn spaced_initials(initials: &[&str]) -> String {
    initials
        .iter()
        .flat_map(|w| w.split_inclusive('.'))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A person a document names: the name as written and the sex if it is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    name: String,
    gender: Option<Gender>,
}

impl Person {
    /// A person by name, with the sex written in the data (`пол`) if any; else the sex the
    /// patronymic says, if it says one.
    pub fn new(name: &str, written: Option<Gender>) -> Person {
        let gender = written.or_else(|| Name::parse(name).gender());
        Person {
            name: name.split_whitespace().collect::<Vec<_>>().join(" "),
            gender,
        }
    }

    /// The name as written (spaces tidied).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The sex, when the data or the patronymic tell it.
    pub fn gender(&self) -> Option<Gender> {
        self.gender
    }

    /// The word agreed with the person: `agree("проживающий", "проживающая")`. Where the
    /// sex is unknown the masculine, the form Russian forms use by default; validation
    /// ([signer-gender]) makes sure a signer's sex is known before a document is built.
    pub fn agree<'w>(&self, male: &'w str, female: &'w str) -> &'w str {
        match self.gender {
            Some(Gender::Female) => female,
            _ => male,
        }
    }

    /// The name in a case, laid out as written: «Кудрявцевой Марины Олеговны»,
    /// «Поляковой И. Л.», «И. Л. Поляковой».
    pub fn declined(&self, case: Case) -> String {
        let name = Name::parse(&self.name);
        // Declension rules for a name without a patronymic may come from the surname; agreement
        // never does (see `agree`).
        let gender = self
            .gender
            .or_else(|| petrovich::surname_gender(name.surname));
        let surname = inflect(name.surname, Part::Surname, gender, case);
        if !name.initials.is_empty() {
            let initials = spaced_initials(&name.initials);
            return match name.initials_first {
                true => format!("{initials} {surname}"),
                false => format!("{surname} {initials}"),
            };
        }
        let mut words = vec![surname];
        words.extend(name.first.map(|w| inflect(w, Part::First, gender, case)));
        words.extend(
            name.patronymic
                .iter()
                .map(|w| inflect(w, Part::Patronymic, gender, case)),
        );
        words.join(" ")
    }

    /// The name as a signature's расшифровка writes it (ГОСТ Р 7.0.97-2025): initials, then
    /// the surname — «М. О. Кудрявцева» for «Кудрявцева Марина Олеговна», «И. Л. Полякова» for
    /// «Полякова И. Л.». One word stays as it is.
    pub fn signature(&self) -> String {
        signature(&self.name)
    }
}

/// [`Person::signature`] of a name as written.
pub fn signature(name: &str) -> String {
    let parsed = Name::parse(name);
    let initials = match parsed.initials.is_empty() {
        false => spaced_initials(&parsed.initials),
        true => parsed
            .first
            .into_iter()
            .chain(parsed.patronymic.first().copied())
            .map(initial)
            .collect::<Vec<_>>()
            .join(" "),
    };
    match initials.is_empty() {
        true => parsed.surname.to_owned(),
        false => format!("{initials} {}", parsed.surname),
    }
}

/// A position in the genitive, as «в лице …» needs it, with a small first letter: the
/// adjectives before the head noun and the noun declined, the rest as written — «Директор» →
/// «директора», «заведующий отделением» → «заведующего отделением», «главный специалист отдела»
/// → «главного специалиста отдела», «заместитель директора» → «заместителя директора». A
/// position that begins with an abbreviation («и. о. директора») is already in the genitive's
/// shape and stays.
pub fn position_genitive(position: &str) -> String {
    let mut words = position_declined(position, PositionCase::Genitive);
    if let Some(first) = words.first_mut() {
        *first = lower_first(first);
    }
    words.join(" ")
}

/// A position in the dative, as the head of an application addresses it, with the capital
/// letter as written: «Директор» → «Директору», «заведующая отделением» → «заведующей
/// отделением», «главный специалист» → «главному специалисту»; «и. о. директора» stays.
pub fn position_dative(position: &str) -> String {
    position_declined(position, PositionCase::Dative).join(" ")
}

/// The words of a position with the adjectives before the head noun and the noun itself in
/// the genitive or the dative, the rest as written; from an abbreviation on, nothing is
/// declined.
fn position_declined(position: &str, case: PositionCase) -> Vec<String> {
    let mut words: Vec<String> = position.split_whitespace().map(str::to_owned).collect();
    for w in words.iter_mut() {
        if w.contains('.') {
            break;
        }
        let (declined, noun) = position_word(w, case);
        *w = declined;
        if noun {
            break;
        }
    }
    words
}

/// The cases a position is declined in.
#[derive(Clone, Copy, PartialEq, Eq)]
enum PositionCase {
    /// «в лице директора».
    Genitive,
    /// «Директору».
    Dative,
}

/// One word of a position in `case`, and whether it was the head noun.
fn position_word(word: &str, case: PositionCase) -> (String, bool) {
    let dative = case == PositionCase::Dative;
    let stem = |n: usize| {
        word.chars()
            .take(word.chars().count() - n)
            .collect::<String>()
    };
    let before = |n: usize| word.chars().rev().nth(n);
    let hushing = |c: Option<char>| matches!(c, Some('ж' | 'ш' | 'ч' | 'щ'));
    let (hard, soft) = if dative {
        ("ому", "ему")
    } else {
        ("ого", "его")
    };
    if word.ends_with("ый") || word.ends_with("ой") {
        return (stem(2) + hard, false);
    }
    // «заведующий», «управляющая»: a participle that names the position is its head.
    let participle = word.ends_with("щий") || word.ends_with("щая");
    if word.ends_with("ий") {
        let back = matches!(before(2), Some('к' | 'г' | 'х'));
        return (stem(2) + if back { hard } else { soft }, participle);
    }
    // The feminine adjective has one form for both cases.
    if word.ends_with("ая") {
        return (
            stem(2) + if hushing(before(2)) { "ей" } else { "ой" },
            participle,
        );
    }
    let back_or_hushing = hushing(before(1)) || matches!(before(1), Some('к' | 'г' | 'х'));
    let ending = match word.chars().last() {
        Some('ь' | 'й') => Some(if dative { "ю" } else { "я" }),
        Some('а') if dative => Some("е"),
        Some('а') => Some(if back_or_hushing { "и" } else { "ы" }),
        Some('я') if dative && before(1) != Some('и') => Some("е"),
        Some('я') => Some("и"),
        Some(c) if c.is_alphabetic() && !"аеёиоуыэюя".contains(c) => {
            return (format!("{word}{}", if dative { "у" } else { "а" }), true);
        }
        _ => None,
    };
    let declined = ending.map_or_else(|| word.to_owned(), |e| stem(1) + e);
    (declined, true)
}

/// The word with its first letter small: a position inside a sentence.
pub fn lower_first(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A family's surname in the plural cases; the case file writes the nominative («Петровы»).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Family {
    /// Родительный: «семья Петровых», «у Петровых».
    pub genitive: String,
    /// Дательный: «Петровым».
    pub dative: String,
    /// Творительный: «с Петровыми».
    pub instrumental: String,
    /// Предложный: «о Петровых».
    pub prepositional: String,
}

/// The plural forms of a family's surname, from the plural nominative the case file holds
/// («Кудрявцевы» → «Кудрявцевых»). Surnames with the adjective's plural («Вишневские»,
/// «Толстые») take «-их/-ых»; the possessive «-овы, -евы, -ины» take «-ых»; other plurals of
/// nouns («Гордоны», «Гармаши») «-ов/-ей, -ам, -ами, -ах». Indeclinable surnames stay as they
/// are: «-ко», «-их/-ых», «-аго/-яго», and any ending in a vowel but «-ы» («Шевченко», «Черных»,
/// «Дюма», «Абашидзе»). A surname written in the singular by mistake («Петров», «Петрова»,
/// «Вишневская») gets the family's plural all the same; any other singular («Гармаш») stays.
pub fn family(surname: &str) -> Family {
    let surname = surname.trim();
    let pieces: Vec<&str> = surname.split('-').collect();
    let forms: Vec<[String; 4]> = pieces
        .iter()
        .enumerate()
        .map(|(i, piece)| plural_word(piece, pieces.len() > 1 && i == 0))
        .collect();
    let join = |k: usize| {
        forms
            .iter()
            .map(|f| f[k].as_str())
            .collect::<Vec<_>>()
            .join("-")
    };
    Family {
        genitive: join(0),
        dative: join(1),
        instrumental: join(2),
        prepositional: join(3),
    }
}

/// The four plural forms (genitive, dative, instrumental, prepositional) of one word of a
/// family's surname.
fn plural_word(word: &str, first_of_compound: bool) -> [String; 4] {
    let lower = word.to_lowercase();
    let letters = lower.chars().count();
    let same = || [0; 4].map(|_| word.to_owned());
    // «Бонч-», «Тер-»: the first parts the Petrovich rules never decline.
    if first_of_compound && petrovich::first_word_exception(word) {
        return same();
    }
    let capitals = letters > 1 && word.chars().all(|c| !c.is_lowercase());
    let ending = |cut: usize, endings: [&str; 4]| {
        let stem: String = word.chars().take(letters.saturating_sub(cut)).collect();
        endings.map(|e| match capitals {
            true => format!("{stem}{}", e.to_uppercase()),
            false => format!("{stem}{e}"),
        })
    };
    let adjective_y = ["ых", "ым", "ыми", "ых"];
    let adjective_i = ["их", "им", "ими", "их"];
    let ends = |list: &[&str]| list.iter().any(|s| lower.ends_with(s));
    if letters < 3 {
        return same();
    }
    if ends(&["ые"]) {
        return ending(2, adjective_y);
    }
    if ends(&["ие"]) {
        return ending(2, adjective_i);
    }
    if ends(&["овы", "евы", "ёвы", "ины", "ыны"]) {
        return ending(1, adjective_y);
    }
    if ends(&["цы"]) {
        return ending(1, ["ев", "ам", "ами", "ах"]);
    }
    if ends(&["ы"]) {
        return ending(1, ["ов", "ам", "ами", "ах"]);
    }
    if letters > 3 && ends(&["жи", "ши", "чи", "щи"]) {
        return ending(1, ["ей", "ам", "ами", "ах"]);
    }
    if letters > 3 && ends(&["ки", "ги", "хи"]) {
        return ending(1, ["ов", "ам", "ами", "ах"]);
    }
    // The singular written by mistake.
    if ends(&["ская", "цкая", "ский", "цкий"]) {
        return ending(2, adjective_i);
    }
    if ends(&["ова", "ева", "ёва", "ина", "ына"]) {
        return ending(1, adjective_y);
    }
    // «Петров», not «Дарвин»: the possessive surnames have «-ым» in the instrumental.
    let possessive = || {
        inflect(word, Part::Surname, Some(Gender::Male), Case::Instrumental)
            .to_lowercase()
            .ends_with("ым")
    };
    if ends(&["ов", "ев", "ёв", "ин", "ын"]) && possessive() {
        return ending(0, adjective_y);
    }
    same()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(name: &str) -> Person {
        Person::new(name, None)
    }

    #[test]
    fn names_are_parsed_in_every_layout() {
        let n = Name::parse("Кудрявцева Марина Олеговна");
        assert_eq!(
            (n.surname, n.first, n.patronymic.as_slice()),
            ("Кудрявцева", Some("Марина"), ["Олеговна"].as_slice())
        );
        let n = Name::parse("Полякова И. Л.");
        assert_eq!((n.surname, n.initials_first), ("Полякова", false));
        let n = Name::parse("И.Л. Полякова");
        assert_eq!((n.surname, n.initials_first), ("Полякова", true));
        assert_eq!(
            Name::parse("Алиев Рашид Гейдар оглы").gender(),
            Some(Gender::Male)
        );
    }

    #[test]
    fn sex_comes_from_the_data_then_the_patronymic() {
        assert_eq!(
            person("Кудрявцева Марина Олеговна").gender(),
            Some(Gender::Female)
        );
        assert_eq!(
            person("Ефремов Павел Геннадьевич").gender(),
            Some(Gender::Male)
        );
        assert_eq!(
            person("Мамедова Айгюль Рашид кызы").gender(),
            Some(Gender::Female)
        );
        assert_eq!(person("Ким Алина").gender(), None);
        assert_eq!(
            person("Полякова И. Л.").gender(),
            None,
            "a surname proves nothing"
        );
        assert_eq!(
            Person::new("Ким Алина", Some(Gender::Female)).gender(),
            Some(Gender::Female)
        );
    }

    #[test]
    fn words_agree_with_the_person() {
        let woman = person("Кудрявцева Марина Олеговна");
        let man = person("Осипов Никита Романович");
        assert_eq!(woman.agree("проживающий", "проживающая"), "проживающая");
        assert_eq!(man.agree("проживающий", "проживающая"), "проживающий");
    }

    #[test]
    fn full_names_and_initials_are_declined() {
        let woman = person("Кудрявцева Марина Олеговна");
        assert_eq!(
            woman.declined(Case::Genitive),
            "Кудрявцевой Марины Олеговны"
        );
        assert_eq!(
            woman.declined(Case::Instrumental),
            "Кудрявцевой Мариной Олеговной"
        );
        assert_eq!(
            person("Полякова И. Л.").declined(Case::Genitive),
            "Поляковой И. Л."
        );
        assert_eq!(
            person("И.Л. Поляков").declined(Case::Dative),
            "И. Л. Полякову"
        );
        assert_eq!(
            person("Салтыков-Щедрин Михаил Евграфович").declined(Case::Dative),
            "Салтыкову-Щедрину Михаилу Евграфовичу"
        );
    }

    #[test]
    fn positions_in_the_genitive() {
        for (nominative, genitive) in [
            ("Директор", "директора"),
            (
                "заведующий отделением психолого-педагогической помощи",
                "заведующего отделением психолого-педагогической помощи",
            ),
            (
                "главный специалист отдела опеки",
                "главного специалиста отдела опеки",
            ),
            (
                "заместитель директора по социальной работе",
                "заместителя директора по социальной работе",
            ),
            ("Заведующая отделением", "заведующей отделением"),
            ("и. о. директора", "и. о. директора"),
            ("руководитель", "руководителя"),
            ("социальный педагог", "социального педагога"),
        ] {
            assert_eq!(position_genitive(nominative), genitive);
        }
    }

    #[test]
    fn positions_in_the_dative_head_an_application() {
        for (nominative, dative) in [
            ("Директор", "Директору"),
            ("Заведующая отделением", "Заведующей отделением"),
            ("заведующий отделением", "заведующему отделением"),
            (
                "главный специалист отдела опеки",
                "главному специалисту отдела опеки",
            ),
            ("заместитель директора", "заместителю директора"),
            ("и. о. директора", "и. о. директора"),
            ("руководитель", "руководителю"),
        ] {
            assert_eq!(position_dative(nominative), dative);
        }
    }

    #[test]
    fn signatures_put_the_initials_first() {
        assert_eq!(signature("Полякова И. Л."), "И. Л. Полякова");
        assert_eq!(signature("Полякова И.Л."), "И. Л. Полякова");
        assert_eq!(signature("И. Л. Полякова"), "И. Л. Полякова");
        assert_eq!(signature("Кудрявцева Марина Олеговна"), "М. О. Кудрявцева");
        assert_eq!(signature("Ли Анна-Мария"), "А.-М. Ли");
        assert_eq!(signature("Алиев Рашид Гейдар оглы"), "Р. Г. Алиев");
        assert_eq!(signature("Ли"), "Ли");
        assert_eq!(signature(""), "");
    }

    #[test]
    fn families_are_named_in_the_plural() {
        let genitive = |s: &str| family(s).genitive;
        assert_eq!(genitive("Кудрявцевы"), "Кудрявцевых");
        assert_eq!(genitive("Семёновы"), "Семёновых");
        assert_eq!(genitive("Черных"), "Черных");
        assert_eq!(genitive("Шевченко"), "Шевченко");
        assert_eq!(genitive("Вишневские"), "Вишневских");
        assert_eq!(genitive("Толстые"), "Толстых");
        assert_eq!(genitive("Гордоны"), "Гордонов");
        assert_eq!(genitive("Гармаши"), "Гармашей");
        assert_eq!(genitive("Абашидзе"), "Абашидзе");
        assert_eq!(genitive("Петров"), "Петровых");
        assert_eq!(genitive("Петрова"), "Петровых");
        assert_eq!(genitive("Гармаш"), "Гармаш");
        assert_eq!(genitive("Петровы-Водкины"), "Петровых-Водкиных");
        let f = family("Кудрявцевы");
        assert_eq!(
            [f.dative, f.instrumental, f.prepositional],
            ["Кудрявцевым", "Кудрявцевыми", "Кудрявцевых"]
        );
        let f = family("Шевченко");
        assert_eq!(f.dative, "Шевченко");
    }
}
