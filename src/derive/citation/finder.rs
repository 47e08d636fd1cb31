//! Finding citations in a text: numbered citations (type word, `số`, symbol, and symbols listed
//! after it) and documents cited by a name the registry knows.

use std::collections::HashMap;

use regex::{CaptureLocations, Regex};
use unicode_normalization::UnicodeNormalization;

use super::kind::{DocKind, TYPE_WORDS, leading_kind};
use super::symbol::{SO, SYMBOL, citation_key, symbol_is_plausible, written_len};
use super::text::{build, fold, next_char, starts_word, words_eq_ci, words_pattern};
use super::{Citation, KnownName};

/// Finds legal citations in text. Build it once (it compiles its patterns) and reuse it.
#[derive(Debug, Clone)]
pub struct CitationFinder {
    /// Type word, what joins it to the number (spaces, or an issuer and a colon), optional `số`,
    /// symbol. Groups: 1 type word, 2 joint, 3 `số` and symbol, 4 symbol.
    numbered: Regex,
    /// Anchored: a further symbol listed after a numbered citation. Groups: 1 separator, 2 span,
    /// 3 `số`, 4 symbol.
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
        // Between the type word and the number: spaces, or a colon, or the issuer and a colon
        // (`Quyết định của Thủ tướng Chính phủ: số 135/QĐ-TTg`).
        let joint = r"\s+(?:của|do)\s+[^:;.!?\n]{1,100}?\s*:\s*|\s*:\s*|\s+";
        let numbered = build(&format!(r"(?i)({types})({joint})((?:{SO})?({SYMBOL}))"));
        // A further number: after a comma, `và` or (before `số`) a semicolon, with or without the
        // date of the one before.
        let date = r"\s*,?\s*ngày\s+[0-9]{1,2}\s*/\s*[0-9]{1,2}\s*/\s*[0-9]{4}";
        let continuation = build(&format!(
            r"(?i)^(?:{date})?\s*(,|;|và)\s*(({SO})?({SYMBOL}))"
        ));

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
                        symbol: Some(s..e),
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
                    symbol: None,
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
            let start = m.start();
            let kind = locations
                .get(1)
                .and_then(|(s, e)| DocKind::from_type_word(&text[s..e]));
            // Past an issuer and a colon, the citation is the number (`số 135/QĐ-TTg`).
            let joint_has_colon = locations
                .get(2)
                .is_some_and(|(s, e)| text[s..e].contains(':'));
            let number_start = locations.get(3).map(|(s, _)| s);
            if let (Some(kind), Some(number_start), Some((s, e))) =
                (kind, number_start, locations.get(4))
                && starts_word(text, start)
            {
                let e = s + written_len(&text[s..e]);
                if symbol_is_plausible(&text[s..e]) {
                    return Some(Candidate {
                        start: if joint_has_colon { number_start } else { start },
                        end: e,
                        kind,
                        source: Source::Symbol(s, e),
                    });
                }
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
    /// (`, 76/2024/NĐ-CP`, `và số 76/2024/NĐ-CP`, `ngày 15/3/2021; số 76/2024/NĐ-CP`); returns
    /// where the last one ends.
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
            let (Some((sep, _)), Some((start, _)), Some((s, e))) =
                (locations.get(1), locations.get(2), locations.get(4))
            else {
                break;
            };
            // A semicolon separates whole citations: only `; số ...` continues a list.
            if rest(pos)[sep..].starts_with(';') && locations.get(3).is_none_or(|(a, b)| a == b) {
                break;
            }
            let e = s + written_len(&rest(pos)[s..e]);
            let symbol = &rest(pos)[s..e];
            if !symbol.chars().any(char::is_alphabetic) {
                break;
            }
            found.push(Citation {
                start: pos + start,
                end: pos + e,
                kind,
                key: citation_key(symbol),
                symbol: Some(pos + s..pos + e),
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
