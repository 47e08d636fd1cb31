//! Legal citations in Vietnamese administrative text.
//!
//! Two kinds of citation are recognised in (NFC-normalised) text:
//!
//! - **Numbered citations**: a type word (`Nghị định`, `Quyết định`, `Kế hoạch`, ...), an optional
//!   `số`, then a number/symbol such as `20/2021/NĐ-CP`, `1190/QĐ-TTg` or `42-KH/ĐU`. Type words and
//!   `số` are matched case-insensitively and any whitespace run (line breaks included) may separate
//!   the words, because exports from Word break lines anywhere. A symbol starts with a digit and has
//!   at least one `/` or `-` part; it must contain a letter (`1190/QĐ-TTg`) or be a short
//!   `number/year` form (`145/2013`), so dates (`15/3/2021`) and periods (`2021-2025`) are never
//!   citations. Trailing punctuation is never part of a symbol. A list continuing a numbered
//!   citation (`Nghị định số 20/2021/NĐ-CP, 76/2024/NĐ-CP` or `... và số 76/2024/NĐ-CP`) yields one
//!   citation per symbol; such listed symbols must contain a letter.
//! - **Known names**: documents cited by name (`Luật Người khuyết tật`, `Đề án 06 của Chính phủ`)
//!   cannot be found by a generic pattern, so the finder is given the registry's names. They match
//!   case-insensitively on word boundaries, longest name first, with an optional trailing year
//!   (`năm 2024` or a bare `2024`) included in the span.
//!
//! Overlapping matches are resolved leftmost first, then longest; on an exact tie a known name wins.

use std::collections::HashMap;

use regex::{CaptureLocations, Regex, RegexBuilder};
use unicode_normalization::UnicodeNormalization;

/// Kind of cited document, parsed from the type word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocKind {
    /// `Luật` (law) or `Bộ luật` (code).
    Law,
    /// `Nghị định` (government decree).
    Decree,
    /// `Nghị quyết` (resolution), including `Nghị quyết liên tịch`.
    Resolution,
    /// `Thông tư` (ministerial circular), including `Thông tư liên tịch`.
    Circular,
    /// `Quyết định` (decision).
    Decision,
    /// `Chỉ thị` (directive).
    Directive,
    /// `Kế hoạch` (plan).
    Plan,
    /// `Chương trình` or `Chương trình hành động` (programme, action programme).
    Program,
    /// `Đề án` (scheme).
    Scheme,
    /// `Tờ trình` (submission).
    Submission,
    /// `Công văn` (official letter); a numbered `Văn bản` is one too.
    OfficialLetter,
    /// `Thông báo` (notice), including `Thông báo kết luận`.
    Notice,
    /// `Hướng dẫn` (guidance).
    Guidance,
    /// `Báo cáo` (report).
    Report,
}

/// Type words and their kinds. Where one type word extends another, the longer one comes first.
const TYPE_WORDS: &[(&str, DocKind)] = &[
    ("Chương trình hành động", DocKind::Program),
    ("Chương trình", DocKind::Program),
    ("Nghị quyết liên tịch", DocKind::Resolution),
    ("Nghị quyết", DocKind::Resolution),
    ("Nghị định", DocKind::Decree),
    ("Thông tư liên tịch", DocKind::Circular),
    ("Thông tư", DocKind::Circular),
    ("Thông báo kết luận", DocKind::Notice),
    ("Thông báo", DocKind::Notice),
    ("Quyết định", DocKind::Decision),
    ("Chỉ thị", DocKind::Directive),
    ("Kế hoạch", DocKind::Plan),
    ("Đề án", DocKind::Scheme),
    ("Tờ trình", DocKind::Submission),
    ("Công văn", DocKind::OfficialLetter),
    ("Văn bản", DocKind::OfficialLetter),
    ("Hướng dẫn", DocKind::Guidance),
    ("Báo cáo", DocKind::Report),
    ("Bộ luật", DocKind::Law),
    ("Luật", DocKind::Law),
];

impl DocKind {
    /// The kind named by a type word such as `"Nghị định"` or `"Chương trình hành động"`.
    ///
    /// Case-insensitive; any whitespace run between the words counts as one space. Returns `None`
    /// for anything else.
    pub fn from_type_word(word: &str) -> Option<DocKind> {
        TYPE_WORDS
            .iter()
            .find(|(w, _)| words_eq_ci(word, w))
            .map(|&(_, kind)| kind)
    }

    /// The Vietnamese type word for this kind, e.g. `"Nghị định"`.
    pub fn vietnamese(self) -> &'static str {
        match self {
            DocKind::Law => "Luật",
            DocKind::Decree => "Nghị định",
            DocKind::Resolution => "Nghị quyết",
            DocKind::Circular => "Thông tư",
            DocKind::Decision => "Quyết định",
            DocKind::Directive => "Chỉ thị",
            DocKind::Plan => "Kế hoạch",
            DocKind::Program => "Chương trình",
            DocKind::Scheme => "Đề án",
            DocKind::Submission => "Tờ trình",
            DocKind::OfficialLetter => "Công văn",
            DocKind::Notice => "Thông báo",
            DocKind::Guidance => "Hướng dẫn",
            DocKind::Report => "Báo cáo",
        }
    }
}

/// One citation found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// Byte offset where the matched span starts (a char boundary).
    pub start: usize,
    /// Byte offset where the matched span ends (exclusive, a char boundary). The span covers the
    /// whole citation, e.g. `Nghị định số 20/2021/NĐ-CP` or `Luật Bảo hiểm xã hội năm 2024`.
    pub end: usize,
    /// The kind of document cited.
    pub kind: DocKind,
    /// The registry key: [`citation_key`] of the symbol for a numbered citation, the
    /// [`KnownName::key`] for a citation by name.
    pub key: String,
}

/// A named document the registry knows (laws, named schemes): its key and its names/aliases.
///
/// Give one `KnownName` per name or alias. The kind of a citation by name comes from the name's
/// leading type word (`Đề án ...` is a [`DocKind::Scheme`]); names without one count as laws.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownName {
    /// The key reported in [`Citation::key`] when the name is found.
    pub key: String,
    /// The name as written, e.g. `Luật Người khuyết tật`.
    pub name: String,
}

/// Finds legal citations in text. Build it once (it compiles its patterns) and reuse it.
#[derive(Debug, Clone)]
pub struct CitationFinder {
    /// Type word, optional `số`, symbol. Groups: 1 type word, 2 symbol.
    numbered: Regex,
    /// Anchored: a further symbol listed after a numbered citation. Groups: 1 span, 2 symbol.
    continuation: Regex,
    /// Known names in chunks, longest first. Groups: 1 name, 2 year suffix.
    names: Vec<Regex>,
    /// What each known name resolves to.
    entries: Vec<NameEntry>,
    /// Folded name (see [`fold`]) -> index into `entries`.
    by_fold: HashMap<String, usize>,
}

#[derive(Debug, Clone)]
struct NameEntry {
    name: String,
    key: String,
    kind: DocKind,
}

/// A number/symbol: a digit-led first part, then `/`- or `-`-joined parts of letters and digits.
const SYMBOL: &str = r"[0-9][\p{L}\p{M}\p{N}]*(?:[/\-\x{2010}\x{2011}][\p{L}\p{M}\p{N}]+)+";

/// `số` (number), optionally followed by a colon, and the whitespace after it.
const SO: &str = r"số\s*:?\s*";

/// Names per compiled regex; keeps each automaton small.
const NAMES_PER_REGEX: usize = 200;

impl CitationFinder {
    /// Builds the finder, compiling its patterns once. `known_names` are the registry's documents
    /// cited by name; empty names are ignored and, when two names differ only in case or spacing,
    /// the first one given wins.
    pub fn new(known_names: &[KnownName]) -> CitationFinder {
        let mut type_words: Vec<&str> = TYPE_WORDS.iter().map(|(w, _)| *w).collect();
        type_words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
        let types = type_words
            .iter()
            .map(|w| words_pattern(w))
            .collect::<Vec<_>>()
            .join("|");
        let numbered = build(&format!(r"(?i)({types})\s+(?:{SO})?({SYMBOL})"));
        let continuation = build(&format!(r"(?i)^\s*(?:,|và)\s*((?:{SO})?({SYMBOL}))"));

        let mut entries: Vec<NameEntry> = Vec::new();
        let mut by_fold = HashMap::new();
        for known in known_names {
            let name: String = known.name.trim().nfc().collect();
            let folded = fold(&name);
            if folded.is_empty() || by_fold.contains_key(&folded) {
                continue;
            }
            by_fold.insert(folded, entries.len());
            entries.push(NameEntry {
                kind: leading_kind(&name).unwrap_or(DocKind::Law),
                name,
                key: known.key.clone(),
            });
        }
        let mut order: Vec<usize> = (0..entries.len()).collect();
        order.sort_by(|&a, &b| {
            let (a, b) = (&entries[a].name, &entries[b].name);
            b.chars()
                .count()
                .cmp(&a.chars().count())
                .then_with(|| a.cmp(b))
        });
        let names = order
            .chunks(NAMES_PER_REGEX)
            .map(|chunk| {
                let alternatives = chunk
                    .iter()
                    .map(|&i| words_pattern(&entries[i].name))
                    .collect::<Vec<_>>()
                    .join("|");
                build(&format!(
                    r"(?i)({alternatives})(\s+(?:năm\s+)?[0-9]{{4}})?(?:$|[^\p{{L}}\p{{M}}\p{{N}}_])"
                ))
            })
            .collect();

        CitationFinder {
            numbered,
            continuation,
            names,
            entries,
            by_fold,
        }
    }

    /// All citations in `text`, non-overlapping and sorted by `start`.
    ///
    /// Allocates nothing when the text has no citation. Never panics.
    pub fn find(&self, text: &str) -> Vec<Citation> {
        let mut found = Vec::new();
        // Cheap pre-check: a numbered citation needs an ASCII digit; `is_match` stops early.
        let numbered_possible =
            text.bytes().any(|b| b.is_ascii_digit()) && self.numbered.is_match(text);
        if !numbered_possible && !self.names.iter().any(|re| re.is_match(text)) {
            return found;
        }

        // One searcher per regex: slot 0 numbered citations, then each chunk of names.
        let mut slots: Vec<Slot> = Vec::with_capacity(1 + self.names.len());
        slots.push(if numbered_possible {
            Slot::Stale
        } else {
            Slot::Done
        });
        slots.extend(self.names.iter().map(|_| Slot::Stale));
        let mut locations: Vec<CaptureLocations> = std::iter::once(&self.numbered)
            .chain(&self.names)
            .map(Regex::capture_locations)
            .collect();
        let mut continuation_locations = self.continuation.capture_locations();

        let mut pos = 0;
        loop {
            for (i, slot) in slots.iter_mut().enumerate() {
                let stale = match slot {
                    Slot::Stale => true,
                    Slot::Found(candidate) => candidate.start < pos,
                    Slot::Done => false,
                };
                if stale {
                    let next = if i == 0 {
                        self.next_numbered(text, pos, &mut locations[0])
                    } else {
                        self.next_name(i - 1, text, pos, &mut locations[i])
                    };
                    *slot = next.map_or(Slot::Done, Slot::Found);
                }
            }
            // Leftmost, then longest, then a known name over a numbered citation.
            let best = slots
                .iter()
                .enumerate()
                .filter_map(|(i, slot)| match slot {
                    Slot::Found(candidate) => Some((i, *candidate)),
                    _ => None,
                })
                .min_by_key(|(i, c)| (c.start, std::cmp::Reverse(c.end), *i == 0));
            let Some((_, candidate)) = best else {
                break;
            };
            pos = candidate.end;
            match candidate.source {
                Source::Symbol(s, e) => {
                    found.push(Citation {
                        start: candidate.start,
                        end: candidate.end,
                        kind: candidate.kind,
                        key: citation_key(&text[s..e]),
                    });
                    pos = self.push_continuations(
                        text,
                        pos,
                        candidate.kind,
                        &mut continuation_locations,
                        &mut found,
                    );
                }
                Source::Name(entry) => found.push(Citation {
                    start: candidate.start,
                    end: candidate.end,
                    kind: candidate.kind,
                    key: self.entries[entry].key.clone(),
                }),
            }
        }
        found
    }

    /// The next valid numbered citation starting at or after `pos`.
    fn next_numbered(
        &self,
        text: &str,
        mut pos: usize,
        locations: &mut CaptureLocations,
    ) -> Option<Candidate> {
        while pos <= text.len() {
            let m = self.numbered.captures_read_at(locations, text, pos)?;
            let (start, end) = (m.start(), m.end());
            let kind = locations
                .get(1)
                .and_then(|(s, e)| DocKind::from_type_word(&text[s..e]));
            let symbol = locations.get(2);
            if let (Some(kind), Some((s, e))) = (kind, symbol)
                && starts_word(text, start)
                && symbol_is_plausible(&text[s..e])
            {
                return Some(Candidate {
                    start,
                    end,
                    kind,
                    source: Source::Symbol(s, e),
                });
            }
            pos = next_char(text, start);
        }
        None
    }

    /// The next valid match of the `chunk`-th names regex starting at or after `pos`.
    fn next_name(
        &self,
        chunk: usize,
        text: &str,
        mut pos: usize,
        locations: &mut CaptureLocations,
    ) -> Option<Candidate> {
        let regex = &self.names[chunk];
        while pos <= text.len() {
            let m = regex.captures_read_at(locations, text, pos)?;
            let start = m.start();
            if let Some((s, e)) = locations.get(1)
                && starts_word(text, start)
                && let Some(entry) = self.entry_for(&text[s..e])
            {
                let end = locations.get(2).map_or(e, |(_, year_end)| year_end);
                return Some(Candidate {
                    start,
                    end,
                    kind: self.entries[entry].kind,
                    source: Source::Name(entry),
                });
            }
            pos = next_char(text, start);
        }
        None
    }

    /// The entry for a name as matched in the text (any case, any whitespace).
    fn entry_for(&self, matched: &str) -> Option<usize> {
        let folded = fold(matched);
        self.by_fold.get(&folded).copied().or_else(|| {
            // Case folding in the regex and `to_lowercase` can disagree on exotic letters.
            self.entries
                .iter()
                .position(|entry| words_eq_ci(matched, &entry.name))
        })
    }

    /// Pushes the symbols listed right after a numbered citation ending at `pos`
    /// (`, 76/2024/NĐ-CP`, `và số 76/2024/NĐ-CP`); returns where the last one ends.
    fn push_continuations(
        &self,
        text: &str,
        mut pos: usize,
        kind: DocKind,
        locations: &mut CaptureLocations,
        found: &mut Vec<Citation>,
    ) -> usize {
        let rest = |pos: usize| text.get(pos..).unwrap_or("");
        while self
            .continuation
            .captures_read(locations, rest(pos))
            .is_some()
        {
            let (Some((start, _)), Some((s, e))) = (locations.get(1), locations.get(2)) else {
                break;
            };
            let symbol = &rest(pos)[s..e];
            if !symbol.chars().any(char::is_alphabetic) {
                break;
            }
            found.push(Citation {
                start: pos + start,
                end: pos + e,
                kind,
                key: citation_key(symbol),
            });
            pos += e;
        }
        pos
    }
}

/// What a searcher knows about its next match.
#[derive(Debug, Clone, Copy)]
enum Slot {
    /// Must search (again) from the current position.
    Stale,
    /// Its next match at or after the position it searched from.
    Found(Candidate),
    /// No more matches.
    Done,
}

#[derive(Debug, Clone, Copy)]
struct Candidate {
    start: usize,
    end: usize,
    kind: DocKind,
    source: Source,
}

#[derive(Debug, Clone, Copy)]
enum Source {
    /// Byte range of the symbol.
    Symbol(usize, usize),
    /// Index into `CitationFinder::entries`.
    Name(usize),
}

/// The canonical registry key for a number/symbol: uppercase (Unicode-aware), spaces removed, e.g.
/// `"20/2021/NĐ-CP"`, `"42-KH/ĐU"`.
///
/// The result is NFC-normalised and Unicode hyphens (U+2010, U+2011) become `-`, so keys written in
/// any of these ways compare equal.
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
fn build(pattern: &str) -> Regex {
    RegexBuilder::new(pattern)
        .size_limit(64 << 20)
        .dfa_size_limit(16 << 20)
        .build()
        .expect("citation patterns are built from escaped text")
}

/// A regex matching the words of `phrase`, any whitespace run between them.
fn words_pattern(phrase: &str) -> String {
    phrase
        .split_whitespace()
        .map(regex::escape)
        .collect::<Vec<_>>()
        .join(r"\s+")
}

/// Lowercase, with whitespace runs collapsed to one space: the key for looking up a known name.
fn fold(text: &str) -> String {
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
fn words_eq_ci(a: &str, b: &str) -> bool {
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

fn word_eq_ci(a: &str, b: &str) -> bool {
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

/// The kind named by the type word a name starts with (`Đề án 06` -> scheme).
fn leading_kind(name: &str) -> Option<DocKind> {
    let words: Vec<&str> = name.split_whitespace().collect();
    TYPE_WORDS
        .iter()
        .filter(|(w, _)| {
            let type_words: Vec<&str> = w.split_whitespace().collect();
            type_words.len() <= words.len()
                && type_words.iter().zip(&words).all(|(t, w)| word_eq_ci(t, w))
        })
        .max_by_key(|(w, _)| w.len())
        .map(|&(_, kind)| kind)
}

/// Whether a symbol is a real document number rather than a date or a period: it has a letter
/// (`1190/QĐ-TTg`), or is the short `number/year` form (`145/2013`).
fn symbol_is_plausible(symbol: &str) -> bool {
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

/// Letters, digits, `_` and combining marks (for stray NFD text) make up words.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || ('\u{0300}'..='\u{036F}').contains(&c)
}

/// Whether a match at `start` begins a word (it is not preceded by a word char, or does not start
/// with one).
fn starts_word(text: &str, start: usize) -> bool {
    let first = text[start..].chars().next();
    let before = text[..start].chars().next_back();
    !matches!((before, first), (Some(b), Some(f)) if is_word_char(b) && is_word_char(f))
}

/// The char boundary after the char at `pos` (or past the end).
fn next_char(text: &str, pos: usize) -> usize {
    pos + text[pos..].chars().next().map_or(1, char::len_utf8)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finder() -> CitationFinder {
        let known = [
            ("luat-nguoi-khuyet-tat", "Luật Người khuyết tật"),
            ("luat-nguoi-cao-tuoi", "Luật Người cao tuổi"),
            ("luat-bao-hiem-xa-hoi", "Luật Bảo hiểm xã hội"),
            ("luat-tre-em", "Luật Trẻ em"),
            ("de-an-06", "Đề án 06 của Chính phủ"),
            ("de-an-06", "Đề án 06"),
            (
                "de-an-tro-giup-xa-hoi",
                "Đề án Đổi mới, phát triển trợ giúp xã hội",
            ),
        ];
        let known: Vec<KnownName> = known
            .iter()
            .map(|(key, name)| KnownName {
                key: (*key).to_owned(),
                name: (*name).to_owned(),
            })
            .collect();
        CitationFinder::new(&known)
    }

    fn keys(finder: &CitationFinder, text: &str) -> Vec<String> {
        finder.find(text).into_iter().map(|c| c.key).collect()
    }

    fn spans<'a>(finder: &CitationFinder, text: &'a str) -> Vec<&'a str> {
        finder
            .find(text)
            .into_iter()
            .map(|c| &text[c.start..c.end])
            .collect()
    }

    /// Every citation is well formed: char boundaries, in bounds, non-empty, sorted, disjoint.
    fn check_invariants(text: &str, found: &[Citation]) {
        let mut last_end = 0;
        for c in found {
            assert!(c.start < c.end, "{c:?} in {text:?}");
            assert!(c.end <= text.len(), "{c:?} in {text:?}");
            assert!(text.is_char_boundary(c.start), "{c:?} in {text:?}");
            assert!(text.is_char_boundary(c.end), "{c:?} in {text:?}");
            assert!(c.start >= last_end, "overlap {found:?} in {text:?}");
            assert!(!c.key.is_empty(), "{c:?} in {text:?}");
            last_end = c.end;
        }
    }

    #[test]
    fn detects_every_citation_shape() {
        let f = CitationFinder::new(&[]);
        let cases = [
            (
                "Nghị định số 20/2021/NĐ-CP",
                DocKind::Decree,
                "20/2021/NĐ-CP",
            ),
            ("Nghị định 20/2021/NĐ-CP", DocKind::Decree, "20/2021/NĐ-CP"),
            (
                "Nghị quyết số 48/2025/NQ-HĐND",
                DocKind::Resolution,
                "48/2025/NQ-HĐND",
            ),
            (
                "Thông tư số 96/2019/TT-BTC",
                DocKind::Circular,
                "96/2019/TT-BTC",
            ),
            (
                "Quyết định số 1190/QĐ-TTg",
                DocKind::Decision,
                "1190/QĐ-TTG",
            ),
            (
                "Quyết định số 1488/QĐ-UBND",
                DocKind::Decision,
                "1488/QĐ-UBND",
            ),
            ("Kế hoạch số 73/KH-SYT", DocKind::Plan, "73/KH-SYT"),
            ("Kế hoạch số 42-KH/ĐU", DocKind::Plan, "42-KH/ĐU"),
            (
                "Chương trình hành động số 01-CTr/ĐU",
                DocKind::Program,
                "01-CTR/ĐU",
            ),
            (
                "Chương trình số 05/CTr-UBND",
                DocKind::Program,
                "05/CTR-UBND",
            ),
            (
                "Tờ trình số 604/TTr-PVHXH",
                DocKind::Submission,
                "604/TTR-PVHXH",
            ),
            (
                "Công văn số 12/UBND-VHXH",
                DocKind::OfficialLetter,
                "12/UBND-VHXH",
            ),
            ("Chỉ thị số 05/CT-TTg", DocKind::Directive, "05/CT-TTG"),
            ("Luật số 58/2014/QH13", DocKind::Law, "58/2014/QH13"),
            ("Thông báo số 15/TB-UBND", DocKind::Notice, "15/TB-UBND"),
            ("Hướng dẫn số 12-HD/BTGTU", DocKind::Guidance, "12-HD/BTGTU"),
            ("Đề án số 03/ĐA-UBND", DocKind::Scheme, "03/ĐA-UBND"),
            ("Báo cáo số 150/BC-UBND", DocKind::Report, "150/BC-UBND"),
            (
                "Thông tư liên tịch số 06/2016/TTLT-BYT-BTC",
                DocKind::Circular,
                "06/2016/TTLT-BYT-BTC",
            ),
            ("Bộ luật số 45/2019/QH14", DocKind::Law, "45/2019/QH14"),
            ("Nghị định 145/2013", DocKind::Decree, "145/2013"),
            ("Quyết định 121-CP", DocKind::Decision, "121-CP"),
        ];
        for (text, kind, key) in cases {
            let sentence = format!("Căn cứ {text}, Ủy ban nhân dân phường.");
            let found = f.find(&sentence);
            assert_eq!(found.len(), 1, "{sentence}: {found:?}");
            let c = &found[0];
            assert_eq!(&sentence[c.start..c.end], text);
            assert_eq!(c.kind, kind, "{text}");
            assert_eq!(c.key, key, "{text}");
        }
    }

    #[test]
    fn type_words_are_case_insensitive() {
        let f = CitationFinder::new(&[]);
        assert_eq!(
            spans(
                &f,
                "theo nghị định số 20/2021/NĐ-CP và NGHỊ ĐỊNH SỐ 76/2024/NĐ-CP"
            ),
            ["nghị định số 20/2021/NĐ-CP", "NGHỊ ĐỊNH SỐ 76/2024/NĐ-CP"]
        );
    }

    #[test]
    fn citation_split_across_a_line_break() {
        let f = CitationFinder::new(&[]);
        let text = "triển khai Nghị định số\n176/2025/NĐ-CP ngày 30/6/2025";
        let found = f.find(text);
        assert_eq!(found.len(), 1);
        assert_eq!(
            &text[found[0].start..found[0].end],
            "Nghị định số\n176/2025/NĐ-CP"
        );
        assert_eq!(found[0].key, "176/2025/NĐ-CP");
        // A break anywhere between the words, even a blank line or non-breaking spaces.
        for text in [
            "Nghị\nđịnh số 176/2025/NĐ-CP",
            "Nghị định\r\nsố\r\n176/2025/NĐ-CP",
            "Nghị định số\n\n176/2025/NĐ-CP",
            "Nghị\u{a0}định\u{a0}số\u{a0}176/2025/NĐ-CP",
        ] {
            assert_eq!(keys(&f, text), ["176/2025/NĐ-CP"], "{text:?}");
            assert_eq!(spans(&f, text), [text]);
        }
    }

    #[test]
    fn date_after_citation_is_not_in_span() {
        let f = CitationFinder::new(&[]);
        let text = "Nghị định số 20/2021/NĐ-CP ngày 15/3/2021 của Chính phủ";
        assert_eq!(spans(&f, text), ["Nghị định số 20/2021/NĐ-CP"]);
    }

    #[test]
    fn several_citations_separated_by_semicolons() {
        let f = CitationFinder::new(&[]);
        let text =
            "Nghị định số 20/2021/NĐ-CP; Nghị định số 76/2024/NĐ-CP; Quyết định số 1190/QĐ-TTg.";
        let found = f.find(text);
        check_invariants(text, &found);
        assert_eq!(
            spans(&f, text),
            [
                "Nghị định số 20/2021/NĐ-CP",
                "Nghị định số 76/2024/NĐ-CP",
                "Quyết định số 1190/QĐ-TTg"
            ]
        );
    }

    #[test]
    fn dates_periods_and_bare_numbers_are_not_citations() {
        let f = finder();
        for text in [
            "ngày 15/3/2021",
            "15/3/2021",
            "Số: /KH-UBND",
            "Số: 12/UBND-VHXH",
            "Kế hoạch 2021-2025 của phường",
            "Chương trình hành động vì trẻ em",
            "Quyết định 15/3/2021 về việc",
            "Báo cáo 6 tháng/lần",
            "Hướng dẫn 3/4 số hộ",
            "Kế hoạch số /KH-UBND",
            "giai đoạn 2026 - 2030",
            "Nghị quyết Đại hội đại biểu Đảng bộ phường lần thứ I, nhiệm kỳ 2025 – 2030",
        ] {
            assert!(f.find(text).is_empty(), "{text:?}: {:?}", f.find(text));
        }
    }

    #[test]
    fn trailing_punctuation_is_excluded() {
        let f = CitationFinder::new(&[]);
        for (text, span) in [
            (
                "Quyết định số 1190/QĐ-TTg, ngày",
                "Quyết định số 1190/QĐ-TTg",
            ),
            ("(Quyết định số 1190/QĐ-TTg)", "Quyết định số 1190/QĐ-TTg"),
            ("Quyết định số 1190/QĐ-TTg.", "Quyết định số 1190/QĐ-TTg"),
            ("Quyết định số 1190/QĐ-TTg;", "Quyết định số 1190/QĐ-TTg"),
            ("Quyết định số 1190/QĐ-TTg/.", "Quyết định số 1190/QĐ-TTg"),
            ("Quyết định số 1190/QĐ-TTg-", "Quyết định số 1190/QĐ-TTg"),
            ("“Quyết định số 1190/QĐ-TTg”", "Quyết định số 1190/QĐ-TTg"),
            (
                "**Nghị định số 20/2021/NĐ-CP**",
                "Nghị định số 20/2021/NĐ-CP",
            ),
            ("Kế hoạch số: 42-KH/ĐU:", "Kế hoạch số: 42-KH/ĐU"),
        ] {
            assert_eq!(spans(&f, text), [span], "{text:?}");
        }
    }

    #[test]
    fn no_citations_means_empty() {
        let f = finder();
        assert!(f.find("").is_empty());
        assert!(
            f.find("Tiếp tục thực hiện có hiệu quả công tác an sinh xã hội.")
                .is_empty()
        );
        assert!(
            f.find("Kế hoạch được bố trí từ nguồn ngân sách 2026.")
                .is_empty()
        );
    }

    #[test]
    fn type_word_must_start_a_word() {
        let f = CitationFinder::new(&[]);
        assert!(f.find("xNghị định số 20/2021/NĐ-CP").is_empty());
        assert!(f.find("phápLuật số 58/2014/QH13").is_empty());
        assert_eq!(
            keys(&f, "xNghị định số 1/A-B Nghị định số 20/2021/NĐ-CP"),
            ["20/2021/NĐ-CP"]
        );
    }

    #[test]
    fn listed_symbols_after_a_citation() {
        let f = CitationFinder::new(&[]);
        let text = "các Nghị định số 20/2021/NĐ-CP, 76/2024/NĐ-CP và số 176/2025/NĐ-CP; Kế hoạch số 42-KH/ĐU, 01-CTr/ĐU.";
        let found = f.find(text);
        check_invariants(text, &found);
        assert_eq!(
            spans(&f, text),
            [
                "Nghị định số 20/2021/NĐ-CP",
                "76/2024/NĐ-CP",
                "số 176/2025/NĐ-CP",
                "Kế hoạch số 42-KH/ĐU",
                "01-CTr/ĐU"
            ]
        );
        assert_eq!(
            found.iter().map(|c| c.kind).collect::<Vec<_>>(),
            [
                DocKind::Decree,
                DocKind::Decree,
                DocKind::Decree,
                DocKind::Plan,
                DocKind::Plan
            ]
        );
        // A date or a count after a comma is not a listed symbol.
        assert_eq!(
            spans(&f, "Quyết định số 12/QĐ-UBND, 15/3/2021, 2/3 số hộ"),
            ["Quyết định số 12/QĐ-UBND"]
        );
    }

    #[test]
    fn known_names_case_insensitive_with_year() {
        let f = finder();
        let text = "Luật Người khuyết tật, Luật Người cao tuổi; Luật Bảo hiểm xã hội năm 2024; một số điều của luật bảo hiểm xã hội về trợ cấp.";
        let found = f.find(text);
        check_invariants(text, &found);
        assert_eq!(
            spans(&f, text),
            [
                "Luật Người khuyết tật",
                "Luật Người cao tuổi",
                "Luật Bảo hiểm xã hội năm 2024",
                "luật bảo hiểm xã hội"
            ]
        );
        assert_eq!(
            keys(&f, text),
            [
                "luat-nguoi-khuyet-tat",
                "luat-nguoi-cao-tuoi",
                "luat-bao-hiem-xa-hoi",
                "luat-bao-hiem-xa-hoi"
            ]
        );
        assert!(found.iter().all(|c| c.kind == DocKind::Law));
        assert_eq!(
            spans(&f, "LUẬT NGƯỜI CAO TUỔI 2009 và Luật Trẻ em 2016, Điều 11"),
            ["LUẬT NGƯỜI CAO TUỔI 2009", "Luật Trẻ em 2016"]
        );
        assert_eq!(
            spans(&f, "Luật Người\nkhuyết tật"),
            ["Luật Người\nkhuyết tật"]
        );
    }

    #[test]
    fn known_names_respect_word_boundaries() {
        let f = finder();
        assert!(f.find("Luật Trẻ emx").is_empty());
        assert!(f.find("xLuật Trẻ em").is_empty());
        assert!(f.find("Đề án 061 của tỉnh").is_empty());
        assert!(f.find("Luật Người cao tuổii").is_empty());
        // A year glued to more digits is not a year: the name still matches without it.
        assert_eq!(
            spans(&f, "Luật Người cao tuổi 20091"),
            ["Luật Người cao tuổi"]
        );
        assert_eq!(spans(&f, "(Luật Trẻ em)"), ["Luật Trẻ em"]);
    }

    #[test]
    fn longest_known_name_wins() {
        let known = [
            KnownName {
                key: "bhxh-2024".into(),
                name: "Luật Bảo hiểm xã hội".into(),
            },
            KnownName {
                key: "bhxh-2014".into(),
                name: "Luật Bảo hiểm xã hội năm 2014".into(),
            },
        ];
        let f = CitationFinder::new(&known);
        assert_eq!(
            keys(
                &f,
                "Luật Bảo hiểm xã hội năm 2014 và Luật Bảo hiểm xã hội năm 2024"
            ),
            ["bhxh-2014", "bhxh-2024"]
        );
        let f = finder();
        let text = "theo Đề án 06 của Chính phủ và Đề án 06.";
        assert_eq!(spans(&f, text), ["Đề án 06 của Chính phủ", "Đề án 06"]);
        assert!(f.find(text).iter().all(|c| c.kind == DocKind::Scheme));
    }

    #[test]
    fn known_name_overlapping_a_numbered_citation() {
        let known = [KnownName {
            key: "ke-hoach-73".into(),
            name: "Kế hoạch số 73/KH-SYT của Sở Y tế".into(),
        }];
        let f = CitationFinder::new(&known);
        let found = f.find("Thực hiện Kế hoạch số 73/KH-SYT của Sở Y tế; Kế hoạch số 73/KH-SYT.");
        assert_eq!(
            found.iter().map(|c| c.key.as_str()).collect::<Vec<_>>(),
            ["ke-hoach-73", "73/KH-SYT"]
        );
        assert_eq!(found[0].kind, DocKind::Plan);
    }

    #[test]
    fn odd_known_names() {
        let known: Vec<KnownName> = ["", "   ", "Luật (sửa đổi) [2025]*", "a.b+c?", "Đề án\t06"]
            .iter()
            .enumerate()
            .map(|(i, name)| KnownName {
                key: format!("k{i}"),
                name: (*name).to_owned(),
            })
            .collect();
        let f = CitationFinder::new(&known);
        assert!(f.find("").is_empty());
        assert_eq!(keys(&f, "theo Luật (sửa đổi) [2025]* này"), ["k2"]);
        assert_eq!(keys(&f, "a.b+c? và axbbc"), ["k3"]);
        assert_eq!(keys(&f, "đề án 06"), ["k4"]);
        // NFD names are normalised, so they match NFC text.
        let nfd: String = "Luật Người cao tuổi".nfd().collect();
        let f = CitationFinder::new(&[KnownName {
            key: "nct".into(),
            name: nfd,
        }]);
        assert_eq!(keys(&f, "theo Luật Người cao tuổi."), ["nct"]);
    }

    #[test]
    fn many_known_names() {
        // More names than one regex holds: the chunks must still agree on leftmost-longest.
        let known: Vec<KnownName> = (0..=400)
            .map(|i| KnownName {
                key: format!("k{i}"),
                name: format!("Đề án số hóa {i}"),
            })
            .collect();
        let f = CitationFinder::new(&known);
        assert_eq!(
            keys(&f, "Đề án số hóa 7, Đề án số hóa 400 và Đề án số hóa 70"),
            ["k7", "k400", "k70"]
        );
    }

    #[test]
    fn finder_is_shareable_across_threads() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<CitationFinder>();
        let f = finder();
        std::thread::scope(|scope| {
            for _ in 0..4 {
                scope.spawn(|| assert_eq!(keys(&f, "Luật Trẻ em"), ["luat-tre-em"]));
            }
        });
    }

    #[test]
    fn never_panics_on_odd_input() {
        let f = finder();
        let nfd: String = "Nghị định số 20/2021/NĐ-CP; Luật Người cao tuổi"
            .nfd()
            .collect();
        let mut inputs: Vec<String> = [
            "",
            "Nghị định số",
            "Nghị định số ",
            "Nghị định số 20/",
            "Nghị định số 20/-/",
            "Nghị định 1/A",
            "số",
            "/",
            "-",
            "😀",
            "😀Nghị định số 20/2021/NĐ-CP😀",
            "Nghị định số 20/2021/NĐ-CP😀",
            "\u{0301}\u{0323}Nghị định số 1/Á\u{0301}",
            "Luật",
            "Luật Người",
            "luật người cao tuổi năm",
            "Luật Người cao tuổi năm 20",
            "\n\n\n",
            "\u{feff}Kế hoạch số 1/KH",
            "Đ",
            "İ ß ẞ ſ K",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        inputs.push(nfd);
        inputs.push("Nghị định số ".repeat(500));
        inputs.push(format!("Nghị định số{}1/NĐ", " \n".repeat(5000)));
        // Deterministic pseudo-random mixes of tokens.
        let tokens = [
            "Nghị định",
            "số",
            " ",
            "\n",
            "20",
            "/",
            "-",
            "2021",
            "NĐ",
            "CP",
            ",",
            ";",
            ".",
            "và",
            "Luật",
            "Người",
            "cao",
            "tuổi",
            "năm",
            "2024",
            "😀",
            "\u{0301}",
            "Đề án",
            "06",
            "x",
            "LUẬT",
            "ĐỀ ÁN",
        ];
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..(state % 24) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                text.push_str(tokens[(state % tokens.len() as u64) as usize]);
            }
            inputs.push(text);
        }
        for text in &inputs {
            let found = f.find(text);
            check_invariants(text, &found);
            for c in &found {
                let (line, col) = line_col(text, c.start);
                assert!(line >= 1 && col >= 1);
            }
        }
    }

    #[test]
    fn line_col_counts_chars() {
        let text = "Căn cứ\nThực hiện Nghị định số 20/2021/NĐ-CP";
        let f = CitationFinder::new(&[]);
        let found = f.find(text);
        assert_eq!(line_col(text, found[0].start), (2, 11));
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col("", 0), (1, 1));
        assert_eq!(line_col("ăb", 2), (1, 2));
        // Inside a char: that char. Past the end: the end.
        assert_eq!(line_col("ăb", 1), (1, 1));
        assert_eq!(line_col("a\nb", 99), (2, 2));
        assert_eq!(line_col("a\r\nb", 3), (2, 1));
    }

    #[test]
    fn type_words_round_trip() {
        let all = [
            DocKind::Law,
            DocKind::Decree,
            DocKind::Resolution,
            DocKind::Circular,
            DocKind::Decision,
            DocKind::Directive,
            DocKind::Plan,
            DocKind::Program,
            DocKind::Scheme,
            DocKind::Submission,
            DocKind::OfficialLetter,
            DocKind::Notice,
            DocKind::Guidance,
            DocKind::Report,
        ];
        for kind in all {
            assert_eq!(DocKind::from_type_word(kind.vietnamese()), Some(kind));
        }
        assert_eq!(
            DocKind::from_type_word("  chương   trình\nHÀNH ĐỘNG "),
            Some(DocKind::Program)
        );
        assert_eq!(DocKind::from_type_word("NGHỊ ĐỊNH"), Some(DocKind::Decree));
        assert_eq!(DocKind::from_type_word("Nghị"), None);
        assert_eq!(DocKind::from_type_word(""), None);
    }

    #[test]
    fn citation_keys() {
        assert_eq!(citation_key("20/2021/NĐ-CP"), "20/2021/NĐ-CP");
        assert_eq!(citation_key(" 20/2021/nđ - cp "), "20/2021/NĐ-CP");
        assert_eq!(citation_key("1190/QĐ-TTg"), "1190/QĐ-TTG");
        assert_eq!(citation_key("42-kh/đu"), "42-KH/ĐU");
        assert_eq!(citation_key("42\u{2011}KH/ĐU"), "42-KH/ĐU");
        let nfd: String = "18-NQ/TƯ".nfd().collect();
        assert_eq!(citation_key(&nfd), "18-NQ/TƯ");
        assert_eq!(citation_key(""), "");
    }

    #[test]
    fn real_paragraphs() {
        let f = finder();
        // ke-hoach-tro-giup-xa-hoi-luu-kiem-2026.txt
        let text = "Thực hiện Kế hoạch số 73/KH-SYT ngày 04/3/2026 của Sở Y tế thành phố Hải Phòng về việc thực hiện Đề án Đổi mới, phát triển trợ giúp xã hội trên địa bàn thành phố Hải Phòng năm 2026, Ủy ban nhân dân phường Lưu Kiếm xây dựng Kế hoạch triển khai thực hiện, cụ thể như sau:";
        assert_eq!(keys(&f, text), ["73/KH-SYT", "de-an-tro-giup-xa-hoi"]);

        let text = "- Chủ trì tham mưu, phối hợp với các cơ quan, đơn vị, các tổ dân phố tổ chức triển khai có hiệu quả các chính sách của trung ương và chính sách đặc thù của thành phố: Nghị định số 20/2021/NĐ-CP ngày 15/3/2021 của Chính phủ quy định chính sách trợ giúp xã hội đối với đối tượng bảo trợ xã hội; Nghị định số 76/2024/NĐ-CP ngày 01/7/2024 của Chính phủ về sửa đổi, bổ sung một số điều của Nghị định số 20/2021/NĐ-CP ngày 15/3/2021 của Chính phủ quy định chính sách trợ giúp xã hội đối với đối tượng bảo trợ xã hội; Nghị định số\n\n176/2025/NĐ-CP ngày 30/6/2025 của Chính phủ quy định chi tiết và hướng dẫn thi hành một số điều của luật bảo hiểm xã hội về trợ cấp hưu trí xã hội; Nghị quyết số 48/2025/NQ-HĐND ngày 10/12/2025 của Hội đồng nhân dân thành phố về quy định chính sách hỗ trợ các nhóm đối tượng bảo trợ xã hội và mức phí chi trả trợ giúp xã hội trên địa bàn thành phố Hải Phòng; Nghị quyết số 57/2025/NQ-HĐND ngày 11/12/2025 của Hội đồng nhân dân thành phố về quy định chính sách hỗ trợ mức đóng bảo hiểm y tế cho các nhóm đối tượng xã hội đang thường trú trên địa bàn thành phố Hải Phòng, giai đoạn 2026 - 2030.";
        let found = f.find(text);
        check_invariants(text, &found);
        assert_eq!(
            keys(&f, text),
            [
                "20/2021/NĐ-CP",
                "76/2024/NĐ-CP",
                "20/2021/NĐ-CP",
                "176/2025/NĐ-CP",
                "luat-bao-hiem-xa-hoi",
                "48/2025/NQ-HĐND",
                "57/2025/NQ-HĐND"
            ]
        );

        // ke-hoach-an-sinh-xa-hoi-binh-phuoc-2026.txt
        let text = "Thực hiện Nghị quyết Đại hội đại biểu Đảng bộ phường Bình Phước lần thứ I, nhiệm kỳ 2025 – 2030 và Chương trình hành động số 01-CTr/ĐU ngày 21/8/2025 của Ban Chấp hành Đảng bộ phường về thực hiện Nghị quyết Đại hội đại biểu Đảng bộ phường lần thứ I, nhiệm kỳ 2025 - 2030;";
        let found = f.find(text);
        assert_eq!(keys(&f, text), ["01-CTR/ĐU"]);
        assert_eq!(found[0].kind, DocKind::Program);
        assert_eq!(
            &text[found[0].start..found[0].end],
            "Chương trình hành động số 01-CTr/ĐU"
        );
        let text = "Căn cứ Kế hoạch số 42-KH/ĐU ngày 31/01/2026 của Ban Chấp hành Đảng bộ phường Bình Phước về triển khai đồng bộ, hiệu quả chính sách an sinh xã hội;";
        assert_eq!(keys(&f, text), ["42-KH/ĐU"]);
        let text =
            "Theo đề nghị của Phòng Văn hóa - Xã hội tại Tờ trình số 604/TTr-PVHXH ngày 31/3/2026.";
        assert_eq!(keys(&f, text), ["604/TTR-PVHXH"]);
        assert_eq!(f.find(text)[0].kind, DocKind::Submission);

        // ke-hoach-bao-tro-xa-hoi-ngoc-lien-2026.txt
        let text = "Thực hiện Quyết định số 1488/QĐ-UBND ngày 31/12/2025 của UBND xã Ngọc Liên về việc công bố công khai dự toán thu ngân sách nhà nước; thu, chi ngân sách xã Ngọc Liên năm 2026.";
        assert_eq!(keys(&f, text), ["1488/QĐ-UBND"]);
        let text = "- Đẩy mạnh công tác tuyên truyền, phổ biến các chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước tới các cấp ủy đảng, chính quyền, các ban, ngành, đoàn thể và Nhân dân về công tác trợ giúp xã hội như: Luật Người khuyết tật, Luật Người cao tuổi; Luật Bảo hiểm xã hội năm 2024; Nghị định số 20/2021/NĐ-CP ngày 15/3/2021 của Chính phủ; Nghị định số 76/2024/NĐ-CP ngày 01/7/2024 của Chính phủ; Nghị định số 110/2024/NĐ-CP ngày 30/8/2024 của Chính phủ về công tác xã hội; Nghị định số 176/2025/NĐ-CP ngày 30/6/2025 của Chính phủ quy định chi tiết và hướng dẫn thi hành một số điều của Luật Bảo hiểm xã hội về trợ cấp hưu trí xã hội và các văn bản pháp luật có liên quan về công tác trợ giúp xã hội.";
        assert_eq!(
            keys(&f, text),
            [
                "luat-nguoi-khuyet-tat",
                "luat-nguoi-cao-tuoi",
                "luat-bao-hiem-xa-hoi",
                "20/2021/NĐ-CP",
                "76/2024/NĐ-CP",
                "110/2024/NĐ-CP",
                "176/2025/NĐ-CP",
                "luat-bao-hiem-xa-hoi"
            ]
        );
        let text = "- Chỉ đạo, hướng dẫn các thôn, làng thực hiện rà soát, lập danh sách, báo cáo số liệu đối tượng người cao tuổi tròn 70, 75, 80, 85, 90, 95; 100 và trên 100 thuộc diện chúc thọ, mừng thọ tết Nguyên đán năm 2027 và tổ chức mừng thọ, chúc thọ, tặng quà cho người cao tuổi nhân dịp tết Nguyên đán đảm bảo hiệu quả, trang trọng, ý nghĩa theo đúng quy định của Luật Người cao tuổi; Thông tư số 96/2019/TT-BTC ngày 18/10/2019 của Bộ trưởng Bộ Tài chính quy định\n\nquản lý và sử dụng kinh phí chăm sóc sức khỏe ban đầu cho người cao tuổi tại nơi cư trú; chúc thọ, mừng thọ; ưu đãi tín dụng và biểu dương, khen thưởng người cao tuổi; Nghị quyết số 294/2020/NQ-HĐND ngày 21/9/2020 của HĐND tỉnh về việc quy định mức chi quà tặng chúc thọ, mừng thọ người cao tuổi trên địa bàn tỉnh Thanh Hóa và các văn bản hiện hành có liên quan đến hướng dẫn việc chúc thọ, mừng thọ đối với người cao tuổi.";
        assert_eq!(
            keys(&f, text),
            ["luat-nguoi-cao-tuoi", "96/2019/TT-BTC", "294/2020/NQ-HĐND"]
        );
        let text = "- Chủ động thực hiện rà soát, làm sạch, chuẩn hóa dữ liệu đối tượng bảo trợ xã hội, đối tượng hưu trí xã hội, người khuyết tật, người cao tuổi, người làm công tác xã hội và số hóa hồ sơ quản lý đối tượng bảo trợ xã hội tại địa phương nhằm đảm bảo chính xác để chia sẻ, đồng bộ dữ liệu hồ sơ quản lý đối tượng với Hệ thống đăng ký giải quyết chính sách trợ giúp xã hội và cơ sở dữ liệu bảo trợ xã hội và dữ liệu quốc gia về dân cư theo Đề án 06 của Chính phủ.";
        let found = f.find(text);
        assert_eq!(keys(&f, text), ["de-an-06"]);
        assert_eq!(
            &text[found[0].start..found[0].end],
            "Đề án 06 của Chính phủ"
        );
    }
}
