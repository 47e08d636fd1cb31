//! Words compared without regard to case or spacing, regex building, and positions in a text.

use regex::{Regex, RegexBuilder};

/// 1-based line and 1-based column (counted in chars) of `byte_offset` in `text`, for
/// `file:line:col` messages. An offset inside a char counts as that char; one past the end as the
/// end of the text.
pub fn line_col(text: &str, byte_offset: usize) -> (usize, usize) {
    let mut offset = byte_offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Compiles one of this module's patterns. They are built from escaped text, so only the size
/// limit (generous here) could fail.
pub(super) fn build(pattern: &str) -> Regex {
    RegexBuilder::new(pattern)
        .size_limit(64 << 20)
        .dfa_size_limit(16 << 20)
        .build()
        .expect("citation patterns are built from escaped text")
}

/// A regex matching the words of `phrase`, any whitespace run between them.
pub(super) fn words_pattern(phrase: &str) -> String {
    phrase
        .split_whitespace()
        .map(regex::escape)
        .collect::<Vec<_>>()
        .join(r"\s+")
}

/// Lowercase, with whitespace runs collapsed to one space: the key for looking up a known name.
pub(super) fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// Whether two phrases have the same words, ignoring case and how much whitespace is between them.
pub(super) fn words_eq_ci(a: &str, b: &str) -> bool {
    let mut a_words = a.split_whitespace();
    let mut b_words = b.split_whitespace();
    loop {
        match (a_words.next(), b_words.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) => {
                if !word_eq_ci(x, y) {
                    return false;
                }
            }
            _ => return false,
        }
    }
}

pub(super) fn word_eq_ci(a: &str, b: &str) -> bool {
    let mut a_chars = a.chars();
    let mut b_chars = b.chars();
    loop {
        match (a_chars.next(), b_chars.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) => {
                let same = x == y
                    || x.to_lowercase().eq(y.to_lowercase())
                    || x.to_uppercase().eq(y.to_uppercase());
                if !same {
                    return false;
                }
            }
            _ => return false,
        }
    }
}

/// Letters, digits, `_` and combining marks (for stray NFD text) make up words.
pub(super) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || ('\u{0300}'..='\u{036F}').contains(&c)
}

/// Whether a match at `start` begins a word (it is not preceded by a word char, or does not start
/// with one).
pub(super) fn starts_word(text: &str, start: usize) -> bool {
    let first = text[start..].chars().next();
    let before = text[..start].chars().next_back();
    !matches!((before, first), (Some(b), Some(f)) if is_word_char(b) && is_word_char(f))
}

/// The char boundary after the char at `pos` (or past the end).
pub(super) fn next_char(text: &str, pos: usize) -> usize {
    pos + text[pos..].chars().next().map_or(1, char::len_utf8)
}
