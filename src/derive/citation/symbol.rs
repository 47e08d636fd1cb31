//! Numbers/symbols (`20/2021/NĐ-CP`, `42-KH/ĐU`, `1234/SYT-NVY&BTXH`): the pattern that finds
//! them, which ones are real document numbers, and the registry key they are looked up by. The
//! key is for lookups only: a symbol is always shown as the text spells it.

use unicode_normalization::UnicodeNormalization;

/// A number/symbol: a digit-led first part, then parts of letters and digits joined by `/`, `-`
/// (also `‐`, `‑`) or `&` (joint issuers: `NVY&BTXH`). A hyphen may be followed by spaces, as
/// typed in `57/KH- SYT`; [`written_len`] keeps such a part only when it reads as a code.
pub(crate) const SYMBOL: &str =
    r"[0-9][\p{L}\p{M}\p{N}]*(?:(?:[/&\x{2010}\x{2011}]|-[ \t\x{a0}]*)[\p{L}\p{M}\p{N}]+)+";

/// `số` (number), optionally followed by a colon, and the whitespace after it.
pub(super) const SO: &str = r"số\s*:?\s*";

/// The canonical registry key for a number/symbol: uppercase (Unicode-aware), spaces removed, e.g.
/// `"20/2021/NĐ-CP"`, `"42-KH/ĐU"`, `"57/KH-SYT"` for `57/KH- SYT`.
///
/// The result is NFC-normalised and Unicode hyphens (U+2010, U+2011) become `-`, so keys written in
/// any of these ways compare equal. Only for looking up: what a reader sees is the symbol as
/// written.
pub fn citation_key(symbol: &str) -> String {
    let upper: String = symbol
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{2010}' | '\u{2011}' => '-',
            c => c,
        })
        .flat_map(char::to_uppercase)
        .collect();
    if upper.is_ascii() {
        upper
    } else {
        upper.nfc().collect()
    }
}

/// How much of a matched symbol is the symbol: all of it, unless a hyphen followed by spaces
/// leads to a part that is not a code (`05/KH-UBND- Phòng` ends before `- Phòng`; `57/KH- SYT`
/// is whole). A code has at least two capitals and at most one small letter (`SYT`, `TTg`).
pub(super) fn written_len(symbol: &str) -> usize {
    let mut search = 0;
    while let Some(found) = symbol[search..].find('-') {
        let hyphen = search + found;
        let after = &symbol[hyphen + 1..];
        let part_start = after.len() - after.trim_start().len();
        if part_start > 0 {
            let part: &str = after[part_start..]
                .split(['/', '-', '&', '\u{2010}', '\u{2011}'])
                .next()
                .unwrap_or("");
            let capitals = part.chars().filter(|c| c.is_uppercase()).count();
            let small = part.chars().filter(|c| c.is_lowercase()).count();
            if capitals < 2 || small > 1 {
                return hyphen;
            }
        }
        search = hyphen + 1;
    }
    symbol.len()
}

/// Whether a symbol is a real document number rather than a date or a period: it has a letter
/// (`1190/QĐ-TTg`), or is the short `number/year` form (`145/2013`).
pub(crate) fn symbol_is_plausible(symbol: &str) -> bool {
    if symbol.chars().any(char::is_alphabetic) {
        return true;
    }
    match symbol.split_once('/') {
        Some((number, year)) => {
            !number.is_empty()
                && number.bytes().all(|b| b.is_ascii_digit())
                && year.len() == 4
                && year.bytes().all(|b| b.is_ascii_digit())
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citation_keys() {
        assert_eq!(citation_key("20/2021/NĐ-CP"), "20/2021/NĐ-CP");
        assert_eq!(citation_key(" 20/2021/nđ - cp "), "20/2021/NĐ-CP");
        assert_eq!(citation_key("1190/QĐ-TTg"), "1190/QĐ-TTG");
        assert_eq!(citation_key("42-kh/đu"), "42-KH/ĐU");
        assert_eq!(citation_key("42\u{2011}KH/ĐU"), "42-KH/ĐU");
        assert_eq!(citation_key("57/KH- SYT"), "57/KH-SYT");
        assert_eq!(citation_key("1234/SYT-NVY&BTXH"), "1234/SYT-NVY&BTXH");
        let nfd: String = "18-NQ/TƯ".nfd().collect();
        assert_eq!(citation_key(&nfd), "18-NQ/TƯ");
        assert_eq!(citation_key(""), "");
    }

    #[test]
    fn a_spaced_hyphen_keeps_only_a_code() {
        for whole in [
            "57/KH- SYT",
            "12/QĐ- TTg",
            "01/KH-  BCĐ",
            "20/2021/NĐ-CP",
            "42-KH/ĐU",
        ] {
            assert_eq!(written_len(whole), whole.len(), "{whole}");
        }
        assert_eq!(written_len("05/KH-UBND- Phòng"), "05/KH-UBND".len());
        assert_eq!(written_len("05/KH-UBND- ngày"), "05/KH-UBND".len());
        assert_eq!(written_len("05/KH- 2026"), "05/KH".len());
        assert_eq!(written_len("05/KH- Ủy"), "05/KH".len());
    }
}
