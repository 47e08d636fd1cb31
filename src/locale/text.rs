//! Text normalisation applied at load.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::is_nfc_quick;

/// NFC-normalises text (Word may export decomposed "tổ hợp" text), strips a byte-order mark and
/// turns Windows line endings into `\n`.
pub fn normalize(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_owned()
    };
    match is_nfc_quick(text.chars()) {
        unicode_normalization::IsNormalized::Yes => text,
        _ => text.nfc().collect(),
    }
}

/// Collapses every run of whitespace (including line breaks) into one space and trims the ends.
///
/// Whitespace is Unicode's (as [`char::is_whitespace`], so a no-break space counts too). The text
/// is scanned byte by byte and words are copied whole: every inline of every document passes
/// here twice, and the general-purpose `split_whitespace` was a tenth of a large build's time.
pub fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut word_start = None;
    let mut i = 0;
    while i < text.len() {
        let space = whitespace_len(text, i);
        if space == 0 {
            word_start.get_or_insert(i);
            i += 1;
            continue;
        }
        if let Some(start) = word_start.take() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&text[start..i]);
        }
        i += space;
    }
    if let Some(start) = word_start {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&text[start..]);
    }
    out
}

/// The length in bytes of the whitespace character starting at byte `i` of `text`, or 0. Every
/// whitespace character above ASCII starts with one of the bytes 0xC2, 0xE1, 0xE2 or 0xE3; other
/// bytes (letters, continuation bytes) are never whitespace, so `i` need not be a char boundary.
fn whitespace_len(text: &str, i: usize) -> usize {
    let byte = text.as_bytes()[i];
    if byte.is_ascii() {
        return usize::from(char::from(byte).is_whitespace());
    }
    if !matches!(byte, 0xC2 | 0xE1..=0xE3) {
        return 0;
    }
    match text.get(i..).and_then(|rest| rest.chars().next()) {
        Some(c) if c.is_whitespace() => c.len_utf8(),
        _ => 0,
    }
}

/// Administrative levels that start the name part of a body's name (`xã Ngọc Liên`), longest
/// first where one is the start of another.
const LEVELS: [&str; 9] = [
    "thành phố",
    "thị trấn",
    "thị xã",
    "đặc khu",
    "phường",
    "huyện",
    "quận",
    "tỉnh",
    "xã",
];

/// The lines a body's name takes in a document header (Nghị định 30: `ỦY BAN NHÂN DÂN` /
/// `XÃ NGỌC LIÊN`): broken once, before the administrative level its place name follows (the
/// first level word followed by a capitalised word or a number, so `Xã hội` in `Phòng Văn hóa -
/// Xã hội phường X` is not one). A name without such a level is one line.
pub fn header_lines(name: &str) -> Vec<String> {
    let name = collapse_whitespace(name);
    let lower = name.to_lowercase();
    let mut split = None;
    // Word starts after a space (lower-casing Vietnamese keeps byte offsets, the letters being
    // in the same UTF-8 length class; a name where it does not is left whole).
    let starts = name
        .char_indices()
        .map(|(i, _)| i)
        .filter(|&i| i > 0 && name[..i].ends_with(' ') && lower.len() == name.len());
    'words: for i in starts {
        for level in LEVELS {
            let Some(rest) = lower[i..].strip_prefix(level) else {
                continue;
            };
            let next = name[i + level.len()..].strip_prefix(' ');
            if rest.starts_with(' ')
                && next.is_some_and(|n| {
                    n.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                })
            {
                split = Some(i);
                break 'words;
            }
            break;
        }
    }
    match split {
        Some(i) => vec![name[..i].trim_end().to_owned(), name[i..].to_owned()],
        None if name.is_empty() => Vec::new(),
        None => vec![name],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfd_becomes_nfc() {
        let nfd: String = "Người cao tuổi".nfd().collect();
        assert_eq!(normalize(&nfd), "Người cao tuổi");
    }

    #[test]
    fn whitespace_runs_become_one_space() {
        assert_eq!(
            collapse_whitespace("  Kế hoạch\n  số\u{a0}\u{3000}12/KH-UBND\t\r\n"),
            "Kế hoạch số 12/KH-UBND"
        );
        assert_eq!(collapse_whitespace(" \n\u{2028} "), "");
        assert_eq!(collapse_whitespace("Đường"), "Đường");
    }

    proptest::proptest! {
        #[test]
        fn collapsing_matches_splitting_on_unicode_whitespace(text in "\\PC*|[ \t\n\u{a0}\u{85}\u{1680}\u{2000}-\u{200b}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}ạĐa]{0,40}") {
            let expected = text.split_whitespace().collect::<Vec<_>>().join(" ");
            proptest::prop_assert_eq!(collapse_whitespace(&text), expected);
        }
    }

    #[test]
    fn bom_and_crlf_are_removed() {
        assert_eq!(normalize("\u{feff}a\r\nb\rc"), "a\nb\nc");
    }

    #[test]
    fn header_names_break_between_the_body_and_its_place() {
        let lines = |n: &str| header_lines(n);
        assert_eq!(
            lines("Ủy ban nhân dân xã Ngọc Liên"),
            ["Ủy ban nhân dân", "xã Ngọc Liên"]
        );
        assert_eq!(
            lines("Ủy ban nhân dân  thành phố Hải Phòng"),
            ["Ủy ban nhân dân", "thành phố Hải Phòng"]
        );
        assert_eq!(
            lines("Trung tâm Dịch vụ sự nghiệp công phường Lưu Kiếm"),
            ["Trung tâm Dịch vụ sự nghiệp công", "phường Lưu Kiếm"]
        );
        assert_eq!(
            lines("Phòng Văn hóa - Xã hội phường Lưu Kiếm"),
            ["Phòng Văn hóa - Xã hội", "phường Lưu Kiếm"]
        );
        assert_eq!(
            lines("Ủy ban nhân dân phường 5"),
            ["Ủy ban nhân dân", "phường 5"]
        );
        assert_eq!(
            lines("UBND thị trấn Cẩm Giàng"),
            ["UBND", "thị trấn Cẩm Giàng"]
        );
        // The first level: the body on the first line, all of its place on the second.
        assert_eq!(
            lines("Hội Người cao tuổi xã Bình Phước huyện Yên Lạc"),
            ["Hội Người cao tuổi", "xã Bình Phước huyện Yên Lạc"]
        );
        assert_eq!(lines("Bộ Y tế"), ["Bộ Y tế"]);
        assert_eq!(lines("Xã Ngọc Liên"), ["Xã Ngọc Liên"]);
        assert!(lines("").is_empty());
    }
}
