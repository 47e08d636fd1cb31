//! Logical lines -> the parts of an administrative document: header, body blocks, closing,
//! recipients, signer, and whatever could not be placed.
//!
//! Seams: [`header`] (issuing body, number, place and date, type line, subject, `Kính gửi`),
//! [`rejoin`] (lines wrapped by hand or split by a page break put back together), [`tables`]
//! (pipe tables and tables exported one cell per line), [`body`] (parts, items, units and their
//! duties, the closing) and [`tail`] (`Nơi nhận` and the signature block).

mod body;
mod header;
mod rejoin;
mod tables;
mod tail;
#[cfg(test)]
mod tests;

use std::sync::LazyLock;

use regex::Regex;

use super::lines::{Line, plain};
use crate::model::DocType;

pub(crate) use body::looks_like_unit;

/// What the importer read from a document.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    /// Lines naming the issuing body (`ỦY BAN NHÂN DÂN`, `PHƯỜNG BÌNH PHƯỚC`).
    pub issuer: Vec<String>,
    /// Document type, if the type line, `V/v` or the symbol told it.
    pub doc_type: Option<DocType>,
    /// Number (blank when not yet issued).
    pub number: String,
    /// Symbol after the number (`KH-UBND`).
    pub symbol: String,
    /// Whether a `Số` line was found.
    pub has_number_line: bool,
    /// Place of issue.
    pub place: Option<String>,
    /// Date as `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (blank parts left out).
    pub date: Option<String>,
    /// Subject (trích yếu or `V/v`).
    pub subject: Option<String>,
    /// `Kính gửi:` list.
    pub addressees: Vec<String>,
    /// Body blocks, in order.
    pub body: Vec<Block>,
    /// Closing paragraphs.
    pub closing: Vec<String>,
    /// `Nơi nhận:` list.
    pub recipients: Vec<String>,
    /// Signature block: authority lines, title, name.
    pub authority: Vec<String>,
    /// Title of the signer.
    pub signer_title: Option<String>,
    /// Name of the signer.
    pub signer_name: Option<String>,
    /// Lines that fit nowhere, with their source line.
    pub unplaced: Vec<(usize, String)>,
    /// Paragraphs rejoined across a blank line (page breaks), by source line of the second half.
    pub joined: Vec<usize>,
    /// Tables exported one cell per line whose rows do not all have the header's width (kept
    /// line by line as written): source line of their first cell, and the header's width.
    pub irregular_tables: Vec<(usize, usize)>,
    /// A header date that does not exist (`31/02/2026`, `tháng 13`): its source line and the
    /// date as written; only what exists of it (month and year, or the year) is kept.
    pub impossible_date: Option<(usize, String)>,
}

/// A body element.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// `I. TITLE`.
    Part {
        numeral: String,
        title: String,
        line: usize,
    },
    /// `1. Title` with content under it.
    Item {
        number: String,
        title: String,
        line: usize,
    },
    /// `1. A long numbered paragraph.`
    NumberedParagraph {
        number: String,
        text: String,
        line: usize,
    },
    /// `- bullet` (level 0) or `+ sub-bullet` (level 1).
    Bullet {
        level: u8,
        text: String,
        line: usize,
    },
    /// A paragraph.
    Paragraph { text: String, line: usize },
    /// A table: header row and rows of cells.
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
        line: usize,
    },
}

impl Block {
    /// The source line and the text of a block (a table's cells joined).
    pub fn line_and_text(&self) -> (usize, String) {
        match self {
            Block::Part { title, line, .. } | Block::Item { title, line, .. } => {
                (*line, title.clone())
            }
            Block::NumberedParagraph { text, line, .. }
            | Block::Bullet { text, line, .. }
            | Block::Paragraph { text, line } => (*line, text.clone()),
            Block::Table { header, rows, line } => (
                *line,
                header
                    .iter()
                    .chain(rows.iter().flatten())
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
        }
    }
}

static ROMAN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([IVXL]{1,6})\s*[.):–-]\s*(\S.*)$").expect("valid regex"));
/// `Phần thứ nhất`, `PHẦN I`, `Phần 1`, `Chương II`, with or without a title after it.
static PART_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:phần|chương)\s+(thứ\s+\p{L}+|[IVXL]{1,6}\b|\d{1,2}\b)\s*([.:–-])?\s*(.*)$")
        .expect("valid regex")
});
static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{1,3}(?:\.\d{1,2}){0,3})\s*[.)](\s*)(\S.*)$").expect("valid regex")
});
static LETTERED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[a-zđ]\)\s*\S").expect("valid regex"));
static BULLET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([-–—•·●▪◦*+])\s*(\S.*)$").expect("valid regex"));
static LOWER_START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[\p{Ll}0-9(“\x22]").expect("valid regex"));

/// A numbered point (`1. Title`, `1.2) Title`, `1.Đối tượng:`, `100. Title`) -> its number and
/// text. A figure at the start of a line (`1.500 suất quà`, `2.000.000 đồng`) is not a number:
/// a digit right after the number's dot continues the figure.
fn numbered(text: &str) -> Option<(String, String)> {
    let c = NUMBERED.captures(text)?;
    if c[2].is_empty() && c[3].starts_with(|ch: char| ch.is_ascii_digit()) {
        return None;
    }
    Some((c[1].to_owned(), c[3].trim().to_owned()))
}

/// `Phần thứ hai`, `PHẦN II`, `Phần 2`, `Chương II` -> the part's Roman numeral and the title
/// written after it (empty when the title is on the next line).
fn part_word(text: &str) -> Option<(String, String)> {
    let c = PART_WORD.captures(text)?;
    let title = c[3].trim().to_owned();
    // `Phần lớn ...`, `Phần 2 tỷ đồng ...` at the start of a sentence are not parts: a part's
    // title is in capitals or follows a `.`, `:` or dash.
    if !title.is_empty() && c.get(2).is_none() && !is_uppercase_line(&title) {
        return None;
    }
    let number = c[1].to_lowercase();
    let value = if let Some(ordinal) = number.strip_prefix("thứ") {
        let ordinal = crate::locale::fold_diacritics(ordinal.trim());
        ORDINALS.iter().position(|o| *o == ordinal)? + 1
    } else if let Ok(n) = number.parse::<usize>() {
        n
    } else {
        return Some((c[1].to_uppercase(), title));
    };
    (1..=20)
        .contains(&value)
        .then(|| (super::docx::roman(value), title))
}

const ORDINALS: &[&str] = &[
    "nhat", "hai", "ba", "tu", "nam", "sau", "bay", "tam", "chin", "muoi",
];

fn is_uppercase_line(text: &str) -> bool {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    !letters.is_empty() && letters.iter().all(|c| !c.is_lowercase())
}

/// A person's name: two to six words, each starting with a capital, no digits.
fn looks_like_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (2..=6).contains(&words.len())
        && !text
            .chars()
            .any(|c| c.is_ascii_digit() || c == ':' || c == ';')
        && words.iter().all(|w| {
            let mut chars = w.chars();
            chars.next().is_some_and(char::is_uppercase) && chars.all(|c| !c.is_uppercase())
        })
}

fn ends_sentence(text: &str) -> bool {
    let t = plain(text);
    let t = t.trim_end_matches(['*', '"', '”', '’', ' ']);
    if let Some(inner) = t.strip_suffix(')') {
        // `(ốm đau, tai nạn, thiên tai...)`: an ellipsis closing a bracket lists examples, and
        // the sentence goes on after the bracket.
        let inner = inner.trim_end_matches(')');
        return inner.ends_with(['.', '!', '?']) && !inner.ends_with("..");
    }
    t.ends_with(['.', ';', ':', '!', '?', '…'])
}

/// A line that starts a part, a numbered or lettered point, a bullet or a table.
fn is_structural(line: &Line) -> bool {
    let p = plain(&line.text);
    line.table_row
        || ROMAN.is_match(&p)
        || part_word(&p).is_some()
        || numbered(&p).is_some()
        || LETTERED.is_match(&p)
        || BULLET.is_match(&p)
        || tables::is_table_start(&p)
}

fn strip_bullet(text: &str) -> String {
    match BULLET.captures(text) {
        Some(c) => c[2].trim().to_owned(),
        None => text.trim().to_owned(),
    }
}

pub(crate) fn capitalise_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Reads the whole document.
pub fn parse(all: Vec<Line>) -> Parsed {
    let mut parsed = Parsed::default();
    let all = header::mend(all);
    let plains: Vec<String> = all.iter().map(|l| plain(&l.text)).collect();
    let body_start = header::read(&mut parsed, &all, &plains);
    let tail_start = tail::start(&all, &plains, body_start);
    tail::read(&mut parsed, &all[tail_start..], &plains[tail_start..]);
    let body = rejoin::rejoin(all[body_start..tail_start].to_vec(), &mut parsed.joined);
    body::read(&mut parsed, &body);
    parsed
}
