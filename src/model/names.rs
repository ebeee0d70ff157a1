//! Comparing names as staff type them: case, «ё», invisible characters and Latin look-alike
//! letters aside, so «Семенова», «Сем\u{AD}ёнова» and «Ceмёнова» are one name. Used where a name
//! must be recognised, never to print one.

/// Lowercase, «ё» as «е», invisible characters dropped, Latin look-alike letters as Cyrillic:
/// the form in which two spellings of one name compare equal.
pub fn normalise(text: &str) -> String {
    text.chars()
        .filter(|c| !is_invisible(*c))
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

/// Characters that print as nothing: a name with one inside looks the same and compares
/// different.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{034F}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}'
    )
}

/// The normalised words of a text, split at anything but a letter (a hyphen too).
pub fn words(text: &str) -> Vec<String> {
    normalise(text)
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A name word without its ending: «петровы» → «петров», «мария» → «мари».
pub fn stem(word: &str) -> String {
    let mut stem = word.to_owned();
    while stem.chars().count() > 3
        && stem.ends_with(['а', 'е', 'и', 'о', 'у', 'ы', 'э', 'ю', 'я', 'й', 'ь'])
    {
        stem.pop();
    }
    stem
}
