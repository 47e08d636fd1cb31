//! The A–Z index of every title, in the Vietnamese alphabet (`Đ` after `D`, digits first), for
//! readers without JavaScript.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Record, Section};
use crate::locale::fold_diacritics;
use crate::render::view::Link;

/// A letter of the A–Z index.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Letter {
    /// Sort position: digits first, then A, B, C, D, Đ, E ...
    pub(super) order: (u32, u32),
    /// As shown (`A`, `Đ`, `0–9`).
    pub(super) shown: String,
    /// In addresses (`a`, `dd`, `so`).
    pub(super) slug: String,
}

fn letter_of(title: &str) -> Letter {
    let first = title.chars().find(|c| c.is_alphanumeric()).unwrap_or('#');
    if first.is_numeric() {
        return Letter {
            order: (0, 0),
            shown: "0–9".to_owned(),
            slug: "so".to_owned(),
        };
    }
    if first == 'đ' || first == 'Đ' {
        return Letter {
            order: (u32::from('D'), 1),
            shown: "Đ".to_owned(),
            slug: "dd".to_owned(),
        };
    }
    let base = fold_diacritics(&first.to_string())
        .chars()
        .next()
        .unwrap_or(first)
        .to_uppercase()
        .next()
        .unwrap_or(first);
    let slug = crate::locale::slugify(&base.to_string());
    Letter {
        order: (u32::from(base), 0),
        shown: base.to_string(),
        slug: if slug.is_empty() {
            "khac".to_owned()
        } else {
            slug
        },
    }
}

/// Sort key of a title: folded and lowercased, then the exact text.
fn title_key(title: &str) -> (String, String) {
    (fold_diacritics(title).to_lowercase(), title.to_owned())
}

/// A title in the A–Z index.
#[derive(Debug, Clone, Serialize)]
pub(super) struct TitleEntry {
    pub(super) url: String,
    pub(super) title: String,
    pub(super) section: Section,
}

/// A letter in the A–Z navigation.
#[derive(Debug, Clone, Serialize)]
pub(super) struct LetterLink {
    pub(super) letter: String,
    pub(super) url: String,
    pub(super) count: usize,
}

/// The pager of a letter.
#[derive(Debug, Serialize)]
pub(super) struct Pager {
    pub(super) current: usize,
    pub(super) total: usize,
    pub(super) previous: Option<String>,
    pub(super) next: Option<String>,
    pub(super) pages: Vec<Link>,
}

/// The A–Z index: letters in order, each with its titles sorted.
pub(super) fn title_index(records: &[Record]) -> Vec<(Letter, Vec<TitleEntry>)> {
    let mut sorted: Vec<(&Record, (String, String))> =
        records.iter().map(|r| (r, title_key(&r.title))).collect();
    sorted.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.url.cmp(&b.0.url)));
    let mut letters: BTreeMap<Letter, Vec<TitleEntry>> = BTreeMap::new();
    for (r, _) in sorted {
        letters
            .entry(letter_of(&r.title))
            .or_default()
            .push(TitleEntry {
                url: r.url.clone(),
                title: r.title.clone(),
                section: r.section,
            });
    }
    letters.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_follow_the_vietnamese_alphabet() {
        let mut letters: Vec<Letter> = ["Đường", "Dân", "Ấp", "Bảo", "2026", "Ủy ban"]
            .iter()
            .map(|t| letter_of(t))
            .collect();
        letters.sort();
        let shown: Vec<&str> = letters.iter().map(|l| l.shown.as_str()).collect();
        assert_eq!(shown, ["0–9", "A", "B", "D", "Đ", "U"]);
    }
}
