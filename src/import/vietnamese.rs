//! Whether decoded text reads as Vietnamese: the share of its words that are valid Vietnamese
//! syllables (an onset, a rhyme from the language's closed list of rhymes, at most one tone mark,
//! and only the sharp or heavy tone on a rhyme closed by `c`, `ch`, `p`, `t`). Text read in the
//! wrong encoding (`UỀY BAN`, `KÕ ho¹ch`, `Káº¿ hoáº¡ch`) fails on most of its words.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use unicode_normalization::UnicodeNormalization;

/// Below this share of valid syllables a text is not published. Measured by
/// `reading_share_separates_right_and_wrong_decodings` (tests/import_text_corpus.rs): the three
/// real documents score 0.999 to 1.000 read correctly from UTF-8, UTF-16, Windows-1258, TCVN3
/// and VNI; read wrongly they score 0.147 to 0.303 (VNI or TCVN3 bytes as Windows-1258, VNI as
/// Windows-1252), 0.378 to 0.393 (Windows-1258 as Windows-1252) and 0.563 to 0.586 (UTF-8 read
/// as Windows-1252 and saved again, the most word-like garbage). 0.85 sits in the gap with room
/// on both sides: a plan with many acronyms and foreign names stays well above it, and a text
/// with one word in six garbled is refused.
pub const THRESHOLD: f64 = 0.85;

/// Fewer measured words than this say too little to judge (a header-only scrap).
pub const MIN_WORDS: usize = 20;

/// How well a text reads as Vietnamese.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    /// Words measured (acronyms in capitals and single ASCII letters are not).
    pub words: usize,
    /// Of them, valid Vietnamese syllables.
    pub valid: usize,
    /// The first line (1-based) where most measured words are not Vietnamese, and up to three
    /// of those words; `None` when there is no such line.
    pub first_bad: Option<(usize, Vec<String>)>,
}

impl Reading {
    /// The share of valid syllables (1 when nothing was measured).
    pub fn share(&self) -> f64 {
        if self.words == 0 {
            1.0
        } else {
            self.valid as f64 / self.words as f64
        }
    }

    /// Whether the text is refused: enough words to judge and too few of them Vietnamese.
    pub fn refused(&self) -> bool {
        self.words >= MIN_WORDS && self.share() < THRESHOLD
    }
}

const ONSETS: &[&str] = &[
    "ngh", "ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g",
    "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
];

/// Every Vietnamese rhyme, without its tone mark.
const RHYMES: &[&str] = &[
    "a", "ac", "ach", "ai", "am", "an", "ang", "anh", "ao", "ap", "at", "au", "ay", "ă", "ăc",
    "ăm", "ăn", "ăng", "ăp", "ăt", "â", "âc", "âm", "ân", "âng", "âp", "ât", "âu", "ây", "e", "ec",
    "em", "en", "eng", "eo", "ep", "et", "ê", "êch", "êm", "ên", "ênh", "êp", "êt", "êu", "i",
    "ia", "ich", "iêc", "iêm", "iên", "iêng", "iêp", "iêt", "iêu", "im", "in", "inh", "ip", "it",
    "iu", "o", "oa", "oac", "oach", "oai", "oam", "oan", "oang", "oanh", "oao", "oap", "oat",
    "oay", "oăc", "oăm", "oăn", "oăng", "oăt", "oc", "oe", "oen", "oeo", "oet", "oi", "om", "on",
    "ong", "ooc", "oong", "op", "ot", "ô", "ôc", "ôi", "ôm", "ôn", "ông", "ôp", "ôt", "ơ", "ơi",
    "ơm", "ơn", "ơp", "ơt", "u", "ua", "uân", "uâng", "uât", "uây", "uc", "uê", "uêch", "uênh",
    "ui", "um", "un", "ung", "uôc", "uôi", "uôm", "uôn", "uông", "uôt", "up", "ut", "uy", "uya",
    "uych", "uyên", "uyêt", "uyn", "uynh", "uyp", "uyt", "uyu", "uơ", "ư", "ưa", "ưc", "ưi", "ưm",
    "ưn", "ưng", "ươc", "ươi", "ươm", "ươn", "ương", "ươp", "ươt", "ươu", "ưt", "ưu", "y", "yêm",
    "yên", "yêng", "yêt", "yêu",
];

static RHYME_SET: LazyLock<BTreeSet<&'static str>> =
    LazyLock::new(|| RHYMES.iter().copied().collect());

const TONES: &[char] = &['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// Whether `word` (lowercase letters) is a Vietnamese syllable.
pub fn is_syllable(word: &str) -> bool {
    let mut tone = None;
    let mut base = String::with_capacity(word.len());
    for c in word.nfd() {
        if TONES.contains(&c) {
            if tone.is_some() {
                return false;
            }
            tone = Some(c);
        } else {
            base.push(c);
        }
    }
    let base: String = base.nfc().collect();
    let closed = ["c", "ch", "p", "t"].iter().any(|e| base.ends_with(e));
    if closed && !matches!(tone, None | Some('\u{301}' | '\u{323}')) {
        return false;
    }
    ONSETS.iter().any(|onset| {
        base.strip_prefix(onset)
            .is_some_and(|rhyme| RHYME_SET.contains(rhyme))
    })
}

/// Whether a token is measured: acronyms in capitals (`UBND`, `HĐND`) and single ASCII letters
/// (`b/c`) are not words.
fn measured(token: &str) -> bool {
    let acronym =
        token.chars().all(|c| !c.is_lowercase()) && token.chars().all(|c| c.is_ascii() || c == 'Đ');
    let single = token.chars().count() == 1 && token.is_ascii();
    !acronym && !single
}

/// Measures `text` (any normalisation form).
pub fn reading(text: &str) -> Reading {
    let text: String = text.nfc().collect();
    let mut out = Reading {
        words: 0,
        valid: 0,
        first_bad: None,
    };
    for (index, line) in text.lines().enumerate() {
        let mut bad = Vec::new();
        let mut counted = 0;
        for token in line
            .split(|c: char| !c.is_alphabetic())
            .filter(|t| !t.is_empty() && measured(t))
        {
            counted += 1;
            if is_syllable(&token.to_lowercase()) {
                out.valid += 1;
            } else {
                bad.push(token.to_owned());
            }
        }
        out.words += counted;
        if out.first_bad.is_none() && counted >= 3 && bad.len() * 2 > counted {
            bad.truncate(3);
            out.first_bad = Some((index + 1, bad));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables() {
        for word in [
            "nghiêng", "người", "khuyết", "quyết", "giữa", "gì", "trợ", "hoạch", "uỷ", "ủy", "yêu",
            "thuở", "xoong", "đặc", "những", "năm", "việt",
        ] {
            assert!(is_syllable(word), "{word}");
        }
        for word in ["uềy", "kÕ", "ho¹ch", "káº", "plan", "hoàc", "viêt̀", "thổc"] {
            assert!(!is_syllable(word), "{word}");
        }
    }

    #[test]
    fn garbled_text_is_refused_and_located() {
        let good = "Thực hiện Kế hoạch số 73/KH-SYT của Sở Y tế về việc thực hiện Đề án đổi mới, phát triển trợ giúp xã hội năm 2026 trên địa bàn phường";
        let bad = "UỀY BAN NHÂN DÂN PHƯỜNG; Thổc hiÖn KÕ ho¹ch sè 73 cña Së Y tÕ vÒ viÖc thùc hiÖn §Ò ¸n ®æi míi, ph¸t triÓn trî gióp x· héi n¨m 2026";
        assert!(!reading(good).refused());
        assert!(reading(good).share() > 0.95);
        let r = reading(&format!("{good}\n{bad}\n{bad}"));
        assert!(r.refused(), "{r:?}");
        assert_eq!(r.first_bad.as_ref().map(|b| b.0), Some(2));
    }
}
