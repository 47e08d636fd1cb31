//! Bytes of a text export -> Unicode text: byte-order marks, UTF-16, UTF-8, and the legacy
//! Vietnamese 8-bit encodings (TCVN3/ABC, VNI, Windows-1258 with its combining tone marks).
//! Bytes that are not UTF-8 are read in each legacy encoding and the reading that is most
//! Vietnamese (see [`super::vietnamese`]) is kept; VNI that does not convert cleanly is refused.

use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252, WINDOWS_1258};
use unicode_normalization::UnicodeNormalization;

use super::vietnamese;

/// How the bytes were read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 (with or without a byte-order mark).
    Utf8,
    /// UTF-16, little or big endian.
    Utf16,
    /// TCVN3 (ABC, `.VnTime` fonts), converted to Unicode.
    Tcvn3,
    /// VNI (VNI-Windows fonts), converted to Unicode.
    Vni,
    /// Windows-1258 ("Vietnamese (Windows)"), tone marks as combining characters, converted to
    /// Unicode and composed (NFC).
    Cp1258,
}

impl Encoding {
    /// The encoding's name as shown to users.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16 => "UTF-16",
            Encoding::Tcvn3 => "TCVN3",
            Encoding::Vni => "VNI",
            Encoding::Cp1258 => "Windows-1258",
        }
    }
}

/// Why the bytes could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// VNI-encoded text (`chaøo` for `chào`) that does not convert cleanly.
    Vni,
    /// Neither UTF-8, UTF-16 nor a recognised Vietnamese legacy encoding; byte offset of the
    /// first byte that is not UTF-8.
    Unknown(usize),
}

/// TCVN3 bytes 0xA1..=0xFE and the letters they stand for (the lowercase and base letters;
/// capitals with tone marks use the same codes in the `.VnTimeH` fonts).
const TCVN3: &[(u8, char)] = &[
    (0xA1, 'Ă'),
    (0xA2, 'Â'),
    (0xA3, 'Ê'),
    (0xA4, 'Ô'),
    (0xA5, 'Ơ'),
    (0xA6, 'Ư'),
    (0xA7, 'Đ'),
    (0xA8, 'ă'),
    (0xA9, 'â'),
    (0xAA, 'ê'),
    (0xAB, 'ô'),
    (0xAC, 'ơ'),
    (0xAD, 'ư'),
    (0xAE, 'đ'),
    (0xB5, 'à'),
    (0xB6, 'ả'),
    (0xB7, 'ã'),
    (0xB8, 'á'),
    (0xB9, 'ạ'),
    (0xBB, 'ằ'),
    (0xBC, 'ẳ'),
    (0xBD, 'ẵ'),
    (0xBE, 'ắ'),
    (0xC6, 'ặ'),
    (0xC7, 'ầ'),
    (0xC8, 'ẩ'),
    (0xC9, 'ẫ'),
    (0xCA, 'ấ'),
    (0xCB, 'ậ'),
    (0xCC, 'è'),
    (0xCE, 'ẻ'),
    (0xCF, 'ẽ'),
    (0xD0, 'é'),
    (0xD1, 'ẹ'),
    (0xD2, 'ề'),
    (0xD3, 'ể'),
    (0xD4, 'ễ'),
    (0xD5, 'ế'),
    (0xD6, 'ệ'),
    (0xD7, 'ì'),
    (0xD8, 'ỉ'),
    (0xDC, 'ĩ'),
    (0xDD, 'í'),
    (0xDE, 'ị'),
    (0xDF, 'ò'),
    (0xE1, 'ỏ'),
    (0xE2, 'õ'),
    (0xE3, 'ó'),
    (0xE4, 'ọ'),
    (0xE5, 'ồ'),
    (0xE6, 'ổ'),
    (0xE7, 'ỗ'),
    (0xE8, 'ố'),
    (0xE9, 'ộ'),
    (0xEA, 'ờ'),
    (0xEB, 'ở'),
    (0xEC, 'ỡ'),
    (0xED, 'ớ'),
    (0xEE, 'ợ'),
    (0xEF, 'ù'),
    (0xF1, 'ủ'),
    (0xF2, 'ũ'),
    (0xF3, 'ú'),
    (0xF4, 'ụ'),
    (0xF5, 'ừ'),
    (0xF6, 'ử'),
    (0xF7, 'ữ'),
    (0xF8, 'ứ'),
    (0xF9, 'ự'),
    (0xFA, 'ỳ'),
    (0xFB, 'ỷ'),
    (0xFC, 'ỹ'),
    (0xFD, 'ý'),
    (0xFE, 'ỵ'),
];

fn tcvn3_char(byte: u8) -> Option<char> {
    TCVN3
        .binary_search_by_key(&byte, |&(b, _)| b)
        .ok()
        .map(|i| TCVN3[i].1)
}

/// Encodes Unicode text as TCVN3 (for tests and fixtures); characters TCVN3 lacks become `?`.
pub fn encode_tcvn3(text: &str) -> Vec<u8> {
    use unicode_normalization::UnicodeNormalization;
    let mut out = Vec::new();
    for c in text.nfc() {
        if c.is_ascii() {
            out.push(c as u8);
            continue;
        }
        let lower = c.to_lowercase().next().unwrap_or(c);
        match TCVN3
            .iter()
            .find(|&&(_, t)| t == c)
            .or_else(|| TCVN3.iter().find(|&&(_, t)| t == lower))
        {
            Some(&(b, _)) => out.push(b),
            None => out.push(b'?'),
        }
    }
    out
}

/// Encodes Unicode text as VNI (Windows-1252 bytes; for tests and fixtures); characters VNI
/// lacks become `?`.
pub fn encode_vni(text: &str) -> Vec<u8> {
    use unicode_normalization::UnicodeNormalization;
    let mut latin = String::new();
    for c in text.nfc() {
        if c.is_ascii() {
            latin.push(c);
            continue;
        }
        let upper = c.is_uppercase();
        let lower: String = c.to_lowercase().collect();
        let mut decomposed: Vec<char> = lower.nfd().collect();
        let base = decomposed.remove(0);
        let has = |m: char| decomposed.contains(&m);
        let horn = has('\u{31b}');
        let circumflex = has('\u{302}');
        let breve = has('\u{306}');
        let tone = decomposed
            .iter()
            .copied()
            .find(|m| matches!(m, '\u{301}' | '\u{300}' | '\u{309}' | '\u{303}' | '\u{323}'));
        let case = |ch: char| {
            if upper {
                ch.to_uppercase().next().unwrap_or(ch)
            } else {
                ch
            }
        };
        // Letters VNI writes as one character.
        let single = match (base, horn, tone) {
            ('đ', _, _) => Some('ñ'),
            ('o', true, _) => Some('ô'),
            ('u', true, _) => Some('ö'),
            ('i', _, Some('\u{309}')) => Some('æ'),
            ('i', _, Some('\u{303}')) => Some('ó'),
            ('i', _, Some('\u{323}')) => Some('ò'),
            ('i', _, Some('\u{301}')) => Some('í'),
            ('i', _, Some('\u{300}')) => Some('ì'),
            _ => None,
        };
        let mark = |circumflex: bool, breve: bool, tone: Option<char>| -> Option<char> {
            Some(match (circumflex, breve, tone) {
                (false, false, Some('\u{301}')) => 'ù',
                (false, false, Some('\u{300}')) => 'ø',
                (false, false, Some('\u{309}')) => 'û',
                (false, false, Some('\u{303}')) => 'õ',
                (false, false, Some('\u{323}')) => 'ï',
                (true, _, None) => 'â',
                (_, true, None) => 'ê',
                (true, _, Some('\u{301}')) => 'á',
                (true, _, Some('\u{300}')) => 'à',
                (true, _, Some('\u{309}')) => 'å',
                (true, _, Some('\u{303}')) => 'ã',
                (true, _, Some('\u{323}')) => 'ä',
                (_, true, Some('\u{301}')) => 'é',
                (_, true, Some('\u{300}')) => 'è',
                (_, true, Some('\u{309}')) => 'ú',
                (_, true, Some('\u{303}')) => 'ü',
                (_, true, Some('\u{323}')) => 'ë',
                _ => return None,
            })
        };
        match single {
            Some(letter) if matches!(base, 'o' | 'u') && horn => {
                latin.push(case(letter));
                if let Some(m) = mark(false, false, tone) {
                    latin.push(case(m));
                }
            }
            Some(letter) => latin.push(case(letter)),
            None if base.is_ascii_alphabetic() => {
                latin.push(case(base));
                if let Some(m) = mark(circumflex, breve, tone) {
                    latin.push(case(m));
                }
            }
            None => latin.push('?'),
        }
    }
    let (bytes, _, _) = WINDOWS_1252.encode(&latin);
    bytes.into_owned()
}

/// Reads the bytes of a text file as Unicode text.
pub fn decode(bytes: &[u8]) -> Result<(String, Encoding), DecodeError> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return Ok((String::from_utf8_lossy(rest).into_owned(), Encoding::Utf8));
    }
    if bytes.starts_with(&[0xFF, 0xFE]) {
        let (text, _) = UTF_16LE.decode_without_bom_handling(&bytes[2..]);
        return Ok((text.into_owned(), Encoding::Utf16));
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        let (text, _) = UTF_16BE.decode_without_bom_handling(&bytes[2..]);
        return Ok((text.into_owned(), Encoding::Utf16));
    }
    // UTF-16 without a byte-order mark: many NUL bytes on one side.
    if bytes.len() >= 4 {
        let even = bytes.iter().step_by(2).filter(|&&b| b == 0).count();
        let odd = bytes.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
        let half = bytes.len() / 2;
        if odd * 3 > half {
            let (text, _) = UTF_16LE.decode_without_bom_handling(bytes);
            return Ok((text.into_owned(), Encoding::Utf16));
        }
        if even * 3 > half {
            let (text, _) = UTF_16BE.decode_without_bom_handling(bytes);
            return Ok((text.into_owned(), Encoding::Utf16));
        }
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((text.to_owned(), Encoding::Utf8)),
        Err(e) => {
            // Read the bytes in each legacy encoding and keep the reading with the largest
            // share of Vietnamese syllables (TCVN3 first when two read equally well).
            let vni = decode_vni(bytes);
            let mut readings = vec![
                (decode_tcvn3(bytes), Encoding::Tcvn3),
                (decode_cp1258(bytes), Encoding::Cp1258),
            ];
            if let Some(text) = &vni {
                readings.push((text.clone(), Encoding::Vni));
            }
            let scored: Vec<(vietnamese::Reading, String, Encoding)> = readings
                .into_iter()
                .map(|(text, encoding)| (vietnamese::reading(&text), text, encoding))
                .collect();
            let best = scored
                .into_iter()
                .filter(|(r, _, _)| r.words > 0)
                .reduce(|a, b| if b.0.share() > a.0.share() { b } else { a });
            match best {
                // VNI that leaves anything unconverted is refused, never read as something else.
                Some((r, _, _))
                    if vni.is_none()
                        && looks_like_vni(bytes)
                        && r.share() < vietnamese::THRESHOLD =>
                {
                    Err(DecodeError::Vni)
                }
                Some((_, text, encoding)) => Ok((text, encoding)),
                None if vni.is_none() && looks_like_vni(bytes) => Err(DecodeError::Vni),
                None => Err(DecodeError::Unknown(e.valid_up_to())),
            }
        }
    }
}

/// Windows-1258 bytes -> composed Unicode text.
fn decode_cp1258(bytes: &[u8]) -> String {
    let (text, _) = WINDOWS_1258.decode_without_bom_handling(bytes);
    text.nfc().collect()
}

/// Encodes Unicode text as Windows-1258 the way Word's "Vietnamese (Windows)" export does (for
/// tests and fixtures): a letter the code page has whole is one byte, any other is its base
/// letter (with circumflex, breve or horn) and a combining tone mark; what the code page lacks
/// becomes `?`.
pub fn encode_cp1258(text: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let one = |c: char, out: &mut Vec<u8>| -> bool {
        let mut buf = [0u8; 4];
        let (bytes, _, unmappable) = WINDOWS_1258.encode(c.encode_utf8(&mut buf));
        if unmappable || bytes.len() != 1 {
            return false;
        }
        out.push(bytes[0]);
        true
    };
    for c in text.nfc() {
        if one(c, &mut out) {
            continue;
        }
        let decomposed: Vec<char> = c.to_string().nfd().collect();
        let (tones, rest): (Vec<char>, Vec<char>) = decomposed
            .into_iter()
            .partition(|m| matches!(m, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}'));
        let base: String = rest.into_iter().collect::<String>().nfc().collect();
        let mut ok = base.chars().count() == 1;
        if ok {
            ok = base.chars().all(|b| one(b, &mut out));
        }
        if !ok {
            out.push(b'?');
            continue;
        }
        for tone in tones {
            if !one(tone, &mut out) {
                out.push(b'?');
            }
        }
    }
    out
}

fn decode_tcvn3(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 2);
    for &b in bytes {
        match tcvn3_char(b) {
            Some(c) => out.push(c),
            None if b.is_ascii() => out.push(b as char),
            None => {
                let byte = [b];
                let (s, _) = WINDOWS_1252.decode_without_bom_handling(&byte);
                out.push_str(&s);
            }
        }
    }
    capitalise_capital_words(&out)
}

/// `.VnTimeH` capitals share the lowercase codes: a line whose other letters are all capitals
/// (`KẾ HOẠCH` read as `Kế HOạCH`) is written in capitals.
fn capitalise_capital_words(text: &str) -> String {
    text.split_inclusive('\n')
        .map(|line| {
            let upper = line.chars().filter(char::is_ascii_uppercase).count();
            let lower = line.chars().filter(char::is_ascii_lowercase).count();
            if upper >= 3 && lower == 0 {
                line.to_uppercase()
            } else {
                line.to_owned()
            }
        })
        .collect()
}

/// The combining marks a VNI mark letter stands for after a vowel (`aø` = `à`, `aâ` = `â`,
/// `aá` = `ấ`, `aê` = `ă`, `aé` = `ắ`).
fn vni_marks(c: char) -> Option<&'static [char]> {
    const ACUTE: char = '\u{301}';
    const GRAVE: char = '\u{300}';
    const HOOK: char = '\u{309}';
    const TILDE: char = '\u{303}';
    const DOT: char = '\u{323}';
    const CIRCUMFLEX: char = '\u{302}';
    const BREVE: char = '\u{306}';
    Some(match c.to_lowercase().next()? {
        'ù' => &[ACUTE],
        'ø' => &[GRAVE],
        'û' => &[HOOK],
        'õ' => &[TILDE],
        'ï' => &[DOT],
        'â' => &[CIRCUMFLEX],
        'ê' => &[BREVE],
        'á' => &[CIRCUMFLEX, ACUTE],
        'à' => &[CIRCUMFLEX, GRAVE],
        'å' => &[CIRCUMFLEX, HOOK],
        'ã' => &[CIRCUMFLEX, TILDE],
        'ä' => &[CIRCUMFLEX, DOT],
        'é' => &[BREVE, ACUTE],
        'è' => &[BREVE, GRAVE],
        'ú' => &[BREVE, HOOK],
        'ü' => &[BREVE, TILDE],
        'ë' => &[BREVE, DOT],
        _ => return None,
    })
}

/// VNI letters written as one Windows-1252 character: ơ, ư, đ and the toned i.
fn vni_letter(c: char) -> Option<char> {
    Some(match c {
        'ô' => 'ơ',
        'Ô' => 'Ơ',
        'ö' => 'ư',
        'Ö' => 'Ư',
        'ñ' => 'đ',
        'Ñ' => 'Đ',
        'æ' => 'ỉ',
        'Æ' => 'Ỉ',
        'ó' => 'ĩ',
        'Ó' => 'Ĩ',
        'ò' => 'ị',
        'Ò' => 'Ị',
        _ => return None,
    })
}

/// Converts VNI text; `None` when something is left that is not Vietnamese (then it is refused
/// rather than published garbled).
fn decode_vni(bytes: &[u8]) -> Option<String> {
    use unicode_normalization::UnicodeNormalization;
    let (latin, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
    let mut out = String::with_capacity(latin.len());
    let mut after_vowel = false;
    for c in latin.chars() {
        if after_vowel && let Some(marks) = vni_marks(c) {
            out.extend(marks);
            continue;
        }
        if let Some(letter) = vni_letter(c) {
            out.push(letter);
            after_vowel = !matches!(letter, 'đ' | 'Đ');
            continue;
        }
        after_vowel = c.is_ascii_alphabetic() && is_vowel(c as u8);
        out.push(c);
    }
    let text: String = out.nfc().collect();
    let foreign = text.chars().any(|c| {
        ('\u{80}'..='\u{ff}').contains(&c) && !"àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ".contains(c)
    });
    (!foreign).then_some(text)
}

fn is_vowel(b: u8) -> bool {
    matches!(
        b.to_ascii_lowercase(),
        b'a' | b'e' | b'i' | b'o' | b'u' | b'y'
    )
}

/// VNI writes a tone or vowel mark as a separate Windows-1252 letter after the vowel
/// (`aø` = `à`, `oâ` = `ô`, `ö` = `ư`, `ñ` = `đ`): most high bytes follow a vowel or another mark.
fn looks_like_vni(bytes: &[u8]) -> bool {
    let high: Vec<usize> = (0..bytes.len()).filter(|&i| bytes[i] >= 0xC0).collect();
    if high.is_empty() {
        return false;
    }
    let after_vowel = high
        .iter()
        .filter(|&&i| {
            // đ, ư, ơ and the toned i are whole letters in VNI, found after any consonant.
            matches!(
                bytes[i],
                0xF1 | 0xD1
                    | 0xF6
                    | 0xD6
                    | 0xF4
                    | 0xD4
                    | 0xE6
                    | 0xC6
                    | 0xF3
                    | 0xD3
                    | 0xF2
                    | 0xD2
                    | 0xED
                    | 0xCD
                    | 0xEC
                    | 0xCC
            ) || (i > 0 && (is_vowel(bytes[i - 1]) || bytes[i - 1] >= 0xC0))
        })
        .count();
    // ñ (đ) and ö/ô (ư, ơ) are VNI's most frequent letters.
    let markers = bytes
        .iter()
        .filter(|&&b| matches!(b, 0xF1 | 0xD1 | 0xF6 | 0xF4))
        .count();
    after_vowel * 10 >= high.len() * 9 && markers * 20 >= high.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_for_binary_search() {
        assert!(TCVN3.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn tcvn3_round_trip() {
        let text = "Kế hoạch trợ giúp xã hội năm 2026 của phường Lưu Kiếm, người cao tuổi";
        let bytes = encode_tcvn3(text);
        assert!(std::str::from_utf8(&bytes).is_err());
        let (back, encoding) = decode(&bytes).unwrap();
        assert_eq!(encoding, Encoding::Tcvn3);
        assert_eq!(back, text);
        let (capitals, _) = decode(&encode_tcvn3("KẾ HOẠCH TRỢ GIÚP")).unwrap();
        assert_eq!(capitals, "KẾ HOẠCH TRỢ GIÚP");
    }

    #[test]
    fn vni_is_converted() {
        let (latin, _, _) = WINDOWS_1252.encode(
            "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam\nÑoäc laäp - Töï do - Haïnh phuùc\nKeá hoaïch trôï giuùp ngöôøi cao tuoåi, tyû leä ñaït 96%",
        );
        let (text, encoding) = decode(&latin).unwrap();
        assert_eq!(encoding, Encoding::Vni);
        assert_eq!(
            text,
            "Cộng hòa xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc\nKế hoạch trợ giúp người cao tuổi, tỷ lệ đạt 96%"
        );
    }

    #[test]
    fn vni_round_trip() {
        let text = "Ủy ban nhân dân phường Lưu Kiếm: người cao tuổi, trẻ em mồ côi, Đề án 06, tỷ lệ đạt 96%; ỉ ĩ ị í ì ắ ằ ẳ ẵ ặ ấ ầ ẩ ẫ ậ ớ ừ ỡ ữ";
        let bytes = encode_vni(text);
        assert!(std::str::from_utf8(&bytes).is_err());
        let (back, encoding) = decode(&bytes).unwrap();
        assert_eq!(encoding, Encoding::Vni);
        assert_eq!(back, text);
    }

    #[test]
    fn vni_that_does_not_convert_cleanly_is_refused() {
        // VNI-like marks, but also letters Vietnamese never uses (ß, þ).
        let bytes = b"cha\xf8o ng\xf6\xf4\xf8i da\xe2n \xf1a\xf5 \xf1\xf6\xf4\xefc a\xdf";
        assert_eq!(decode(bytes), Err(DecodeError::Vni));
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let text = "Số: /KH-UBND\r\nKẾ HOẠCH";
        let mut le = vec![0xFF, 0xFE];
        for u in text.encode_utf16() {
            le.extend(u.to_le_bytes());
        }
        assert_eq!(decode(&le).unwrap().0, text);
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(&be).unwrap().0, text);
    }
}
