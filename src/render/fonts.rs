//! The fonts embedded in the binary, and which characters they can print.
//!
//! PDF/A embeds every glyph, so a character no embedded font has stops typst from writing the
//! document at all. `validate` asks [`printable`] about every value so that such a character
//! is a located data error in the case file, not a failed build with no line to look at.

use std::sync::LazyLock;

use typst::text::FontInfo;

/// Liberation Serif, metric-compatible with Times New Roman, with full Cyrillic (SIL OFL 1.1,
/// licence in `assets/fonts/`).
pub const FONTS: [&[u8]; 4] = [
    include_bytes!("../../assets/fonts/LiberationSerif-Regular.ttf"),
    include_bytes!("../../assets/fonts/LiberationSerif-Bold.ttf"),
    include_bytes!("../../assets/fonts/LiberationSerif-Italic.ttf"),
    include_bytes!("../../assets/fonts/LiberationSerif-BoldItalic.ttf"),
];

/// The family name, as staff see it in messages.
pub const FAMILY: &str = "Liberation Serif";

/// Code points every embedded style has, sorted: a value may be set in any of them.
static COVERED: LazyLock<Vec<u32>> = LazyLock::new(|| {
    let mut styles = FONTS.iter().map(|data| {
        let info = FontInfo::new(data, 0).expect("an embedded font parses");
        info.coverage.iter().collect::<Vec<u32>>()
    });
    let mut common = styles.next().unwrap_or_default();
    for style in styles {
        common.retain(|c| style.binary_search(c).is_ok());
    }
    common
});

/// Whether the embedded fonts can print `c` in a document. Line breaks and tabs are layout,
/// not glyphs.
pub fn printable(c: char) -> bool {
    matches!(c, ' '..='~' | '\n' | '\r' | '\t') || COVERED.binary_search(&u32::from(c)).is_ok()
}

#[cfg(test)]
mod tests {
    use super::printable;

    #[test]
    fn cyrillic_latin_and_typography_print_other_scripts_do_not() {
        for c in "Ёё Жж Щщ Ъъ Abc Ωω 0-9 №«»—–…°§ ".chars() {
            assert!(printable(c), "{c:?} should print");
        }
        for c in ['Բ', 'ა', '中', '😀', '\u{7}'] {
            assert!(!printable(c), "{c:?} should not print");
        }
    }
}
