//! Cells as read from a CSV file or a workbook, where they are, and the numbers staff write.

use std::path::Path;

use crate::diagnostics::{Location, display_path};

/// A cell as read: text (CSV, text cells) or a number (spreadsheet number cells).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text.
    Text(String),
    /// A number.
    Number(f64),
    /// A date or time cell of a spreadsheet (shown as written).
    Date(String),
    /// Nothing.
    Empty,
}

impl Cell {
    /// Whether the cell holds nothing but spaces.
    pub(super) fn is_blank(&self) -> bool {
        match self {
            Cell::Text(t) | Cell::Date(t) => t.trim().is_empty(),
            Cell::Number(_) => false,
            Cell::Empty => true,
        }
    }

    /// The text of a text cell, trimmed, without copying (numbers and empty cells: "").
    pub(super) fn text_ref(&self) -> &str {
        match self {
            Cell::Text(t) | Cell::Date(t) => t.trim(),
            Cell::Number(_) | Cell::Empty => "",
        }
    }

    pub(super) fn text(&self) -> String {
        match self {
            Cell::Text(t) | Cell::Date(t) => t.trim().to_owned(),
            Cell::Number(n) => {
                if n.fract() == 0.0 && n.abs() < 1e15 {
                    format!("{}", *n as i64)
                } else if n.abs() < 1e15 {
                    n.to_string()
                } else {
                    // `1.7e308`, not 309 digits.
                    format!("{n:e}")
                }
            }
            Cell::Empty => String::new(),
        }
    }
}

/// Where a cell is: for CSV a file, line and column; for a spreadsheet `file.xlsx!Sheet!C17`.
pub(super) fn cell_location(
    file: &Path,
    sheet: Option<&str>,
    row: usize,
    column: usize,
) -> Location {
    match sheet {
        None => Location::new(file, row, column),
        Some(sheet) => Location::new(
            format!(
                "{}!{}!{}{}",
                display_path(file),
                sheet,
                column_letters(column),
                row
            ),
            row,
            column,
        ),
    }
}

/// `1` -> `A`, `27` -> `AA`.
pub fn column_letters(column: usize) -> String {
    let mut n = column.max(1);
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Parses a number as staff write it: `1234`, `1.234` (thousands), `96,5` or `96.5`, `96,5%`.
pub fn parse_number(text: &str) -> Option<f64> {
    // Most cells are plain digits: no copying for them.
    let plain = text.trim();
    if !plain.is_empty() && plain.len() < 16 && plain.bytes().all(|b| b.is_ascii_digit()) {
        return plain.parse::<u64>().ok().map(|n| n as f64);
    }
    let t = text
        .trim()
        .trim_end_matches('%')
        .trim()
        .replace([' ', '\u{a0}'], "");
    if t.is_empty() {
        return None;
    }
    let (negative, t) = match t.strip_prefix('-') {
        Some(rest) => (true, rest.to_owned()),
        None => (false, t),
    };
    if !t
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
    {
        return None;
    }
    let normal = if t.contains(',') {
        // Vietnamese: `.` groups thousands, `,` is the decimal mark.
        let (int, frac) = t.split_once(',')?;
        if frac.contains([',', '.']) {
            return None;
        }
        format!("{}.{frac}", int.replace('.', ""))
    } else {
        let groups: Vec<&str> = t.split('.').collect();
        if groups.len() > 1 && groups[1..].iter().all(|g| g.len() == 3) && !groups[0].is_empty() {
            t.replace('.', "")
        } else if groups.len() <= 2 {
            t.clone()
        } else {
            return None;
        }
    };
    let value: f64 = normal.parse().ok()?;
    value
        .is_finite()
        .then_some(if negative { -value } else { value })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_staff_write_them() {
        assert_eq!(parse_number("1234"), Some(1234.0));
        assert_eq!(parse_number("1.234"), Some(1234.0));
        assert_eq!(parse_number("1.234.567"), Some(1_234_567.0));
        assert_eq!(parse_number("96,5"), Some(96.5));
        assert_eq!(parse_number("96.5"), Some(96.5));
        assert_eq!(parse_number("96,5%"), Some(96.5));
        assert_eq!(parse_number("1.234,5"), Some(1234.5));
        assert_eq!(parse_number("-3"), Some(-3.0));
        assert_eq!(parse_number("mười"), None);
        assert_eq!(parse_number("12 người"), None);
        assert_eq!(parse_number(""), None);
    }

    #[test]
    fn spreadsheet_columns() {
        assert_eq!(column_letters(1), "A");
        assert_eq!(column_letters(3), "C");
        assert_eq!(column_letters(27), "AA");
        assert_eq!(column_letters(16_384), "XFD");
    }
}
