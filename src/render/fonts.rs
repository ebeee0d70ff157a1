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
/// not glyphs; invisible format characters are dropped by the shaper (see [`ignorable`]); a
/// non-breaking hyphen the font lacks is shaped as a hyphen.
pub fn printable(c: char) -> bool {
    matches!(
        c,
        ' '..='~' | '\n' | '\r' | '\t' | '\u{2011}' | '\u{2028}' | '\u{2029}'
    ) || ignorable(c)
        || COVERED.binary_search(&u32::from(c)).is_ok()
}

/// A bidirectional embedding, override or isolate: U+202A–U+202E, U+2066–U+2069. Printable
/// (the shaper drops them), but each opens a span that reorders the text after it, so values
/// may not hold them (`load`) and text from git loses them; the marks LRM, RLM and ALM open
/// nothing and are not among them.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Unicode's `Default_Ignorable_Code_Point` (DerivedCoreProperties.txt): soft hyphens,
/// zero-width spaces and joiners, direction marks, variation selectors, the byte-order mark —
/// what text copied from a word processor or a web page carries unseen. The shaper drops them
/// whether or not the font has a glyph, so they never stop a PDF (each was compiled to PDF/A
/// with the typst CLI and these fonts alone).
fn ignorable(c: char) -> bool {
    matches!(
        u32::from(c),
        0xAD | 0x34F
            | 0x61C
            | 0x115F..=0x1160
            | 0x17B4..=0x17B5
            | 0x180B..=0x180F
            | 0x200B..=0x200F
            | 0x202A..=0x202E
            | 0x2060..=0x206F
            | 0x3164
            | 0xFE00..=0xFE0F
            | 0xFEFF
            | 0xFFA0
            | 0xFFF0..=0xFFF8
            | 0x1BCA0..=0x1BCA3
            | 0x1D173..=0x1D17A
            | 0xE0000..=0xE0FFF
    )
}

#[cfg(test)]
mod tests {
    use super::printable;

    #[test]
    fn cyrillic_latin_and_typography_print_other_scripts_do_not() {
        for c in "Ёё Жж Щщ Ъъ Abc Ωω 0-9 №«»—–…°§ ".chars() {
            assert!(printable(c), "{c:?} should print");
        }
        // What a copy from a word processor brings along unseen.
        for c in [
            '\u{AD}', '\u{200B}', '\u{200D}', '\u{200E}', '\u{2011}', '\u{FE0F}', '\u{FEFF}',
        ] {
            assert!(printable(c), "{c:?} should print (or vanish)");
        }
        for c in ['Բ', 'ა', '中', '😀', '\u{7}'] {
            assert!(!printable(c), "{c:?} should not print");
        }
    }
}
