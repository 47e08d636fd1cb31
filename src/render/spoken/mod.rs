//! The spoken form of a text (`../shared/domain.md` §7): what the announcer says when reading a
//! loudspeaker script, written as it is said. Document symbols become number, year and issuer
//! (`Nghị định số 110 năm 2024 của Chính phủ`), dates the words of the calendar, ranges `từ ...
//! đến ...`, `%` `phần trăm`, decimals `phẩy`, phone numbers their digits in words, group by
//! group, and the abbreviations of the table ([`SpokenTable`]) their words. [`in_words`] then
//! writes every number in words, for text-to-speech engines.
//!
//! A renderer: it puts figures into words and never reads a file (the table is in [`Site`]).

pub mod figures;
pub mod in_words;
pub mod phone;
pub mod symbols;

use std::ops::Range;

use regex::Regex;

use crate::derive::Derived;
use crate::derive::citation::symbol::{SYMBOL, symbol_is_plausible};
use crate::model::Site;
use crate::model::spoken::SpokenTable;

pub use in_words::in_words;

/// Says texts of one site: built once per build (it compiles its patterns).
pub struct Speaker<'a> {
    site: &'a Site,
    derived: &'a Derived,
    bare_symbol: Regex,
    issuer_follows: Regex,
    lunar_day: Regex,
}

impl<'a> Speaker<'a> {
    /// A speaker with the site's table and legal registry.
    pub fn new(site: &'a Site, derived: &'a Derived) -> Speaker<'a> {
        let compile = |pattern: &str| Regex::new(pattern).expect("a valid built-in pattern");
        Speaker {
            site,
            derived,
            bare_symbol: compile(SYMBOL),
            issuer_follows: compile(
                r"^\s*,?\s*(?:ngày\s+[0-9]{1,2}\s*/\s*[0-9]{1,2}\s*/\s*[0-9]{4}\s*,?\s*)?của\s",
            ),
            lunar_day: compile(
                r"\bngày ([1-9]|10) (tháng (?:Giêng|Chạp|[0-9]{1,2})(?: nhuận)? năm (?:Giáp|Ất|Bính|Đinh|Mậu|Kỷ|Canh|Tân|Nhâm|Quý) )",
            ),
        }
    }

    /// The table of abbreviations and issuer codes in use.
    pub fn table(&self) -> &SpokenTable {
        &self.site.spoken
    }

    /// `text` as the announcer says it.
    pub fn say(&self, text: &str) -> String {
        let text = self.symbols(text);
        let text = figures::figures(&text);
        let text = self
            .lunar_day
            .replace_all(&text, "ngày mùng $1 $2")
            .into_owned();
        let text = abbreviations(&text, self.table());
        crate::locale::text::collapse_whitespace(&text)
    }

    /// Whether the issuer `name` is said anyway around a symbol ending at `symbol_end`: in the
    /// citation before it (`Quyết định của Thủ tướng Chính phủ: số ...`), right after it (`...
    /// ngày 15/9/2016 của ...`), or later in its sentence.
    fn issuer_is_said(&self, text: &str, start: usize, symbol_end: usize, name: &str) -> bool {
        let said = format!("của {}", name.to_lowercase());
        let after = &text[symbol_end..];
        let sentence_end = after
            .char_indices()
            .find(|&(i, c)| {
                matches!(c, ';' | '!' | '?' | '\n' | ':')
                    || (c == '.' && after[i + 1..].starts_with(char::is_whitespace))
            })
            .map_or(after.len(), |(i, _)| i);
        text[start..symbol_end].to_lowercase().contains(&said)
            || self.issuer_follows.is_match(after)
            || after[..sentence_end].to_lowercase().contains(&said)
    }

    /// The spoken form of the symbol at `symbol` (inside a citation starting at `start`).
    fn said_symbol(
        &self,
        text: &str,
        start: usize,
        symbol: Range<usize>,
        registered: Option<usize>,
    ) -> Option<String> {
        let parts = symbols::parts(&text[symbol.clone()])?;
        let registered = registered
            .and_then(|i| self.site.legal.get(i))
            .map(|doc| doc.issuer.as_str());
        let issuer = symbols::issuer(&parts, registered, self.table())
            .filter(|name| !self.issuer_is_said(text, start, symbol.end, name));
        let said = symbols::said(&parts, issuer.as_deref());
        let before = text[..symbol.start]
            .trim_end()
            .trim_end_matches(':')
            .trim_end()
            .to_lowercase();
        Some(if before.ends_with("số") {
            said
        } else {
            format!("số {said}")
        })
    }

    /// Document symbols said as number, year and issuer: those the citation finder finds, and
    /// symbols written alone (`theo 05/KH-UBND`).
    fn symbols(&self, text: &str) -> String {
        let mut spans: Vec<(Range<usize>, String)> = Vec::new();
        let mut cited: Vec<Range<usize>> = Vec::new();
        for (citation, entry) in self.derived.citations.find(text) {
            cited.push(citation.start..citation.end);
            if let Some(symbol) = citation.symbol.clone()
                && let Some(said) = self.said_symbol(text, citation.start, symbol.clone(), entry)
            {
                spans.push((symbol, said));
            }
        }
        for found in self.bare_symbol.find_iter(text) {
            let range = found.range();
            let written = found.as_str();
            let alone = !text[..range.start]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || matches!(c, '/' | '.' | '-' | '_'));
            let looks_like_symbol = written.contains('/')
                && symbol_is_plausible(written)
                && written.chars().any(char::is_uppercase)
                && written
                    .split(['/', '-'])
                    .next()
                    .is_some_and(|n| n.bytes().all(|b| b.is_ascii_digit()));
            if !alone
                || !looks_like_symbol
                || cited
                    .iter()
                    .any(|c| c.start < range.end && range.start < c.end)
            {
                continue;
            }
            let entry = self.derived.citations.lookup(written);
            if let Some(said) = self.said_symbol(text, range.start, range.clone(), entry) {
                spans.push((range, said));
            }
        }
        spans.sort_by_key(|(range, _)| range.start);
        let mut out = String::with_capacity(text.len() + 32 * spans.len());
        let mut at = 0;
        for (range, said) in spans {
            if range.start < at {
                continue;
            }
            out.push_str(&text[at..range.start]);
            out.push_str(&said);
            at = range.end;
        }
        out.push_str(&text[at..]);
        out
    }
}

/// Whether what was said so far ends a sentence (or nothing was said): a word put in there
/// starts with a capital.
fn at_sentence_start(out: &str) -> bool {
    let trimmed =
        out.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '“' | '(' | '«'));
    trimmed.is_empty() || trimmed.ends_with(['.', '!', '?'])
}

fn capitalised(words: &str) -> String {
    let mut chars = words.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// Whether a whitespace-separated token is an address (web, e-mail), which is never changed.
fn is_address(token: &str) -> bool {
    token.contains("://") || token.contains('@') || token.to_lowercase().starts_with("www.")
}

/// Abbreviations of `table` replaced by their words where they stand as whole words (not
/// inside a longer word, an address or a symbol); `&` alone is `và`.
pub fn abbreviations(text: &str, table: &SpokenTable) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    for piece in text.split_inclusive(char::is_whitespace) {
        let token = piece.trim_end();
        if token.is_empty() || is_address(token) {
            out.push_str(piece);
            continue;
        }
        if token == "&" {
            out.push_str("và");
            out.push_str(&piece[token.len()..]);
            continue;
        }
        let chars: Vec<(usize, char)> = token.char_indices().collect();
        let mut i = 0;
        while i < chars.len() {
            let (start, c) = chars[i];
            if !c.is_alphanumeric() {
                out.push(c);
                i += 1;
                continue;
            }
            // A word: letters and digits, joined inside by `-` or `&` (`VH-XH`).
            let mut j = i + 1;
            while j < chars.len() {
                let c = chars[j].1;
                let joins = matches!(c, '-' | '&')
                    && chars.get(j + 1).is_some_and(|(_, n)| n.is_alphanumeric());
                if c.is_alphanumeric() || joins {
                    j += 1;
                } else {
                    break;
                }
            }
            let end = chars.get(j).map_or(token.len(), |&(e, _)| e);
            say_word(&token[start..end], table, &mut out);
            i = j;
        }
        out.push_str(&piece[token.len()..]);
    }
    out
}

/// One word: its expansion if the table has it, else each part of a joined word (`HĐND-UBND`)
/// that the table has, else as written.
fn say_word(word: &str, table: &SpokenTable, out: &mut String) {
    let put = |words: &str, out: &mut String| {
        if at_sentence_start(out) {
            out.push_str(&capitalised(words));
        } else {
            out.push_str(words);
        }
    };
    if let Some(words) = table.abbreviations.get(word) {
        put(words, out);
        return;
    }
    if !word.contains(['-', '&']) {
        out.push_str(word);
        return;
    }
    let parts: Vec<&str> = word.split(['-', '&']).collect();
    if !parts.iter().any(|p| table.abbreviations.contains_key(*p)) {
        out.push_str(word);
        return;
    }
    let mut at = 0;
    for (n, part) in parts.iter().enumerate() {
        if n > 0 {
            let joint = &word[at..at + 1];
            out.push_str(if joint == "&" { " và " } else { " - " });
            at += 1;
        }
        match table.abbreviations.get(*part) {
            Some(words) => put(words, out),
            None => out.push_str(part),
        }
        at += part.len();
    }
}

#[cfg(test)]
mod tests;
