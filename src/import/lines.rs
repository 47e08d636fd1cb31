//! Text -> logical lines: cleaned, the pipe-and-line-break layout of legal websites split into
//! cells, Markdown heading marks dropped, formatting rules removed.

use std::sync::LazyLock;

use regex::Regex;

use crate::locale::text::normalize;

/// One non-blank line of the source, with where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Line {
    /// The text, trimmed, single spaces.
    pub text: String,
    /// 1-based line in the source text.
    pub line: usize,
    /// Whether one or more blank lines came before it.
    pub blank_before: bool,
    /// A `| a | b |` table row.
    pub table_row: bool,
    /// A paragraph already whole (a Word paragraph): never joined with a neighbour. False for
    /// text exports, whose paragraphs may be cut by page breaks or hard wrapping.
    pub whole: bool,
}

impl Line {
    /// A paragraph read from a Word file (`whole`), cleaned like a text line; `None` when it
    /// holds no words (blank, or a rule drawn with `___` or `...`). `line` is the paragraph
    /// number.
    pub fn paragraph(text: &str, line: usize, blank_before: bool, table_row: bool) -> Option<Line> {
        let text = clean(&normalize(text));
        if text.is_empty()
            || (!table_row && RULE.is_match(&text) && !text.chars().any(char::is_alphanumeric))
        {
            return None;
        }
        Some(Line {
            text,
            line,
            blank_before,
            table_row,
            whole: true,
        })
    }
}

static RULE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[\s|\-_=~*—–.]*$").expect("valid regex"));
static MD_HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^#{1,6}\s+").expect("valid regex"));

/// Characters that are spaces in Word exports.
fn clean(text: &str) -> String {
    let text: String = text
        .chars()
        .map(|c| match c {
            '\t' | '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{3000}' => ' ',
            '\u{200b}' | '\u{feff}' | '\u{ad}' => '\u{0}',
            c if c.is_control() => '\u{0}',
            c => c,
        })
        .filter(|&c| c != '\u{0}')
        .collect();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Splits normalised text into logical lines (a text export: `#` is text).
pub fn lines(text: &str) -> Vec<Line> {
    lines_with(text, false)
}

/// Splits normalised text into logical lines; in Markdown, heading marks (`## I. ...`) are
/// dropped since the structure is recognised from the numbering.
pub fn lines_with(text: &str, markdown: bool) -> Vec<Line> {
    let text = normalize(text);
    let mut out = Vec::new();
    let mut blank = false;
    for (i, raw) in text.split('\n').enumerate() {
        let cleaned = clean(raw);
        if cleaned.is_empty() {
            blank = true;
            continue;
        }
        if cleaned.starts_with('|') && cleaned.ends_with('|') && cleaned.len() > 1 {
            let cells: Vec<&str> = cells(&cleaned);
            let is_separator = cells
                .iter()
                .all(|c| c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')));
            if cells.len() >= 2 && !is_separator {
                out.push(Line {
                    text: cleaned,
                    line: i + 1,
                    blank_before: blank,
                    table_row: true,
                    whole: false,
                });
                blank = false;
                continue;
            }
        }
        if RULE.is_match(&cleaned) && !cleaned.chars().any(char::is_alphanumeric) {
            // A rule under a heading, or a lone `|`: layout, not words. A `*` or `-` alone
            // carries no word either.
            continue;
        }
        let cleaned = if markdown {
            MD_HEADING.replace(&cleaned, "").into_owned()
        } else {
            cleaned
        };
        let pieces: Vec<String> = if cleaned.contains('|') {
            cells(&cleaned)
                .into_iter()
                .map(str::to_owned)
                .filter(|c| !c.is_empty())
                .collect()
        } else {
            space_columns(raw).unwrap_or_else(|| vec![cleaned])
        };
        for piece in pieces {
            out.push(Line {
                text: piece,
                line: i + 1,
                blank_before: blank,
                table_row: false,
                whole: false,
            });
            blank = false;
        }
    }
    out
}

static COLUMN_GAP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\t+| {3,}|\u{a0}{3,}").expect("valid regex"));
static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[IVXL]+[.)]?|\d{1,2}(?:\.\d{1,2})*[.)]?|[a-zđ][.)]|[-–+•*])$")
        .expect("valid regex")
});

/// A line laid out in two columns with tabs or runs of spaces (a header or signature exported
/// from Word: `ỦY BAN NHÂN DÂN      CỘNG HÒA XÃ HỘI ...`) -> its cells. A list marker followed by a
/// tab (`1.<tab>Phòng Văn hóa`) stays with its text.
fn space_columns(raw: &str) -> Option<Vec<String>> {
    let mut cells: Vec<String> = COLUMN_GAP
        .split(raw.trim())
        .map(clean)
        .filter(|c| !c.is_empty())
        .collect();
    if cells.len() >= 2 && MARKER.is_match(&cells[0]) {
        let first = cells.remove(0);
        cells[0] = format!("{first} {}", cells[0]);
    }
    (cells.len() >= 2).then_some(cells)
}

fn cells(row: &str) -> Vec<&str> {
    row.trim()
        .trim_start_matches('|')
        .trim_end_matches('|')
        .split('|')
        .map(str::trim)
        .collect()
}

/// The text without `**`, `*` and `_` emphasis marks (for recognising structure).
pub fn plain(text: &str) -> String {
    let without: String = text.replace("***", "").replace("**", "");
    let without = STAR.replace_all(&without, "$1$2").into_owned();
    without.split_whitespace().collect::<Vec<_>>().join(" ")
}

static STAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\*(\S)|(\S)\*").expect("valid regex"));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pipe_layout_becomes_cells() {
        let text = "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\r\n|\r\nPHƯỜNG A | Độc lập - Tự do - Hạnh phúc\r\n\r\n| TT | Chỉ tiêu |\n|---|---|\n| 1 | Tỷ lệ |";
        let got: Vec<(String, bool)> = lines(text)
            .into_iter()
            .map(|l| (l.text, l.table_row))
            .collect();
        assert_eq!(
            got,
            vec![
                ("ỦY BAN NHÂN DÂN".to_owned(), false),
                ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".to_owned(), false),
                ("PHƯỜNG A".to_owned(), false),
                ("Độc lập - Tự do - Hạnh phúc".to_owned(), false),
                ("| TT | Chỉ tiêu |".to_owned(), true),
                ("| 1 | Tỷ lệ |".to_owned(), true),
            ]
        );
    }

    #[test]
    fn columns_laid_out_with_spaces_or_tabs() {
        let text = "ỦY BAN NHÂN DÂN          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nV/v tổ chức\t\tAn Bình, ngày 10 tháng 5 năm 2026\n1.\tPhòng Văn hóa - Xã hội\n   Thụt đầu dòng.";
        let got: Vec<String> = lines(text).into_iter().map(|l| l.text).collect();
        assert_eq!(
            got,
            [
                "ỦY BAN NHÂN DÂN",
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "V/v tổ chức",
                "An Bình, ngày 10 tháng 5 năm 2026",
                "1. Phòng Văn hóa - Xã hội",
                "Thụt đầu dòng.",
            ]
        );
    }

    #[test]
    fn plain_drops_marks() {
        assert_eq!(plain("**KT. CHỦ TỊCH"), "KT. CHỦ TỊCH");
        assert_eq!(plain("(*đăng tải*) và **đậm**"), "(đăng tải) và đậm");
    }
}
