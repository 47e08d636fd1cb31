//! Tables: `| a | b |` rows, and tables exported one cell per line (`TT`, the header cells, then
//! rows of as many cells each starting with its number), rebuilt where their shape is regular.

use super::{Block, Line, is_structural, plain};
use crate::locale::fold_diacritics;

pub(super) fn is_table_start(p: &str) -> bool {
    let f = fold_diacritics(p).to_lowercase();
    matches!(f.as_str(), "tt" | "stt" | "so tt")
}

fn is_integer(p: &str) -> bool {
    !p.is_empty() && p.len() <= 3 && p.chars().all(|c| c.is_ascii_digit())
}

/// What a run of lines starting with `TT` turned out to be.
pub(super) enum CellTable {
    /// A header of N cells and rows of N cells: the table, and how many lines it used.
    Regular(Block, usize),
    /// A header, then rows that do not all have its width: how many lines to keep as written,
    /// and the header's width.
    Irregular(usize, usize),
}

/// A table exported one cell per line: `TT`, the header cells, then rows each starting with
/// its number and holding as many cells as the header. `None` when `lines` does not start one.
pub(super) fn cell_table(lines: &[Line]) -> Option<CellTable> {
    let first = lines.first()?;
    if !is_table_start(&plain(&first.text)) {
        return None;
    }
    let width = lines
        .iter()
        .skip(1)
        .position(|l| is_integer(&plain(&l.text)))?
        + 1;
    if !(2..=10).contains(&width)
        || lines[1..width]
            .iter()
            .any(|l| plain(&l.text).split_whitespace().count() > 12 || is_structural(l))
    {
        return None;
    }
    let header: Vec<String> = lines[..width].iter().map(|l| plain(&l.text)).collect();
    let mut rows = Vec::new();
    let mut at = width;
    let mut regular = true;
    while at < lines.len() && is_integer(&plain(&lines[at].text)) {
        let end = (at + width).min(lines.len());
        let mut row: Vec<String> = vec![lines[at].text.clone()];
        for l in &lines[at + 1..end] {
            // A row ends early where a structural line (a part, an item, a bullet) begins.
            if is_structural(l) && !is_integer(&plain(&l.text)) {
                break;
            }
            row.push(l.text.clone());
        }
        let used = row.len();
        regular &= used == width;
        rows.push(row);
        at += used;
        if !regular {
            break;
        }
    }
    if rows.is_empty() {
        return Some(CellTable::Irregular(at, width));
    }
    if !regular {
        // Keep every line up to the next structural one as written.
        while at < lines.len() && !is_structural(&lines[at]) {
            at += 1;
        }
        return Some(CellTable::Irregular(at, width));
    }
    Some(CellTable::Regular(
        Block::Table {
            header,
            rows,
            line: first.line,
        },
        at,
    ))
}

/// The cells of a `| a | b |` row.
pub(super) fn table_cells(row: &str) -> Vec<String> {
    row.trim()
        .trim_start_matches('|')
        .trim_end_matches('|')
        .split('|')
        .map(|c| c.trim().to_owned())
        .collect()
}
