//! CSV files of figures (UTF-8, comma-separated, first row the column names).

use super::cell::Cell;
use super::table::{Column, TableReader};
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::load::frontmatter::SourceText;

/// Char column of field `index` in a CSV line (1-based), found by walking the separators.
fn csv_column(line: &str, index: usize) -> usize {
    let mut field = 0;
    let mut quoted = false;
    for (i, c) in line.chars().enumerate() {
        if field == index {
            return i + 1;
        }
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => field += 1,
            _ => {}
        }
    }
    line.chars().count() + 1
}

pub(super) fn read_csv(
    source: &SourceText,
    file: u16,
    reader: &mut TableReader<'_>,
    diagnostics: &mut Diagnostics,
) {
    reader.file = source.path.clone();
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(source.text.as_bytes());
    let lines: Vec<&str> = source.text.lines().collect();
    let mut columns: Option<Vec<Option<Column>>> = None;
    let mut record = csv::StringRecord::new();
    let mut cells: Vec<Cell> = Vec::new();
    loop {
        match csv.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = e.position().map_or(1, |p| p.line() as usize);
                let d = Diagnostic::error(
                    "stats_csv_invalid",
                    Some(Location::new(&source.path, line, 1)),
                )
                .arg("detail", e.to_string());
                reader.errors.push(&source.path, d, diagnostics);
                return;
            }
        }
        let line = record.position().map_or(1, |p| p.line() as usize);
        let text_line = lines.get(line - 1).copied().unwrap_or("");
        let at = |i: usize| Location::new(&source.path, line, csv_column(text_line, i));
        cells.clear();
        cells.extend(record.iter().map(|f| {
            if f.trim().is_empty() {
                Cell::Empty
            } else {
                Cell::Text(f.to_owned())
            }
        }));
        match &columns {
            None => match reader.header(&cells, &at, diagnostics) {
                Some(c) => columns = Some(c),
                None => return,
            },
            Some(c) => reader.row(file, line, c, &cells, &at, diagnostics),
        }
    }
}
