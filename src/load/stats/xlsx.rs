//! Workbooks of figures. An `.xlsx` (or `.xlsb`) sheet is read cell by cell as its file lists
//! them, never as a whole rectangle: a stray value far away (`XFD1048576`) costs one cell, not the
//! rows × columns between it and `A1`. Cells are bounded to what the long layout can hold
//! ([`MAX_COLUMNS`] columns, Excel's [`MAX_ROWS`] rows); a value outside is a located error.
//! `.xls` and `.ods` files are read through calamine's range (their readers have no cell stream).

use std::path::{Path, PathBuf};

use calamine::{DataRef, Reader, Sheets, open_workbook_auto};

use super::cell::{Cell, cell_location, column_letters};
use super::table::{Column, TableReader};
use crate::diagnostics::{Diagnostic, Diagnostics, Location, display_path};
use crate::locale::text::normalize;

/// The columns a figure table may use: the long layout has six; the rest leaves room for blank
/// and helper columns. A value further right is refused.
pub const MAX_COLUMNS: u32 = 64;

/// Excel's last row; a cell reference beyond it (or beyond column `XFD`) is malformed.
pub const MAX_ROWS: u32 = 1_048_576;

/// Excel's last column (`XFD`).
const EXCEL_COLUMNS: u32 = 16_384;

/// One sheet being read: the row being gathered and the header once read.
struct SheetTable<'s> {
    relative: &'s Path,
    sheet: &'s str,
    /// The sheet's index among the data files, given when its first value is read.
    file: Option<u16>,
    columns: Option<Vec<Option<Column>>>,
    /// The header was refused: the sheet's rows are not read.
    refused: bool,
    /// 0-based row of `cells`.
    row: Option<u32>,
    cells: Vec<Cell>,
    /// The last cell read (0-based row and column), for a located error after it.
    last: Option<(u32, u32)>,
}

impl SheetTable<'_> {
    /// Takes one cell of the sheet; `false` once the sheet need not be read further.
    fn cell(
        &mut self,
        (row, column): (u32, u32),
        value: Cell,
        reader: &mut TableReader<'_>,
        diagnostics: &mut Diagnostics,
    ) -> bool {
        if value == Cell::Empty {
            return true;
        }
        if row >= MAX_ROWS || column >= EXCEL_COLUMNS {
            let d = Diagnostic::error("stats_xlsx_reference_invalid", Some(self.sheet_location()))
                .arg("sheet", self.sheet.to_owned())
                .arg("previous", self.previous());
            reader.errors.push(self.relative, d, diagnostics);
            return true;
        }
        self.last = Some((row, column));
        if column >= MAX_COLUMNS {
            let at = cell_location(
                self.relative,
                Some(self.sheet),
                row as usize + 1,
                column as usize + 1,
            );
            let d = Diagnostic::error("stats_xlsx_cell_outside", Some(at))
                .arg("last_column", column_letters(MAX_COLUMNS as usize));
            reader.errors.push(self.relative, d, diagnostics);
            return true;
        }
        if self.row != Some(row) {
            if !self.flush(reader, diagnostics) {
                return false;
            }
            self.row = Some(row);
        }
        let column = column as usize;
        if self.cells.len() <= column {
            self.cells.resize(column + 1, Cell::Empty);
        }
        self.cells[column] = value;
        true
    }

    /// Checks the gathered row (the header, then data rows); `false` once the header is refused.
    fn flush(&mut self, reader: &mut TableReader<'_>, diagnostics: &mut Diagnostics) -> bool {
        let Some(row) = self.row.take() else {
            return !self.refused;
        };
        if self.refused {
            return false;
        }
        let file = *self.file.get_or_insert_with(|| {
            reader.stats.files.push(PathBuf::from(format!(
                "{}!{}",
                display_path(self.relative),
                self.sheet
            )));
            (reader.stats.files.len() - 1) as u16
        });
        let line = row as usize + 1;
        let (relative, sheet) = (self.relative, self.sheet);
        let at = |i: usize| cell_location(relative, Some(sheet), line, i + 1);
        match &self.columns {
            None => match reader.header(&self.cells, &at, diagnostics) {
                Some(c) => self.columns = Some(c),
                None => self.refused = true,
            },
            Some(c) => reader.row(file, line, c, &self.cells, &at, diagnostics),
        }
        self.cells.clear();
        !self.refused
    }

    /// `data/stats/a.xlsx!Sheet`, at the row of the last cell read.
    fn sheet_location(&self) -> Location {
        Location::new(
            format!("{}!{}", display_path(self.relative), self.sheet),
            self.last.map_or(1, |(row, _)| row as usize + 1),
            1,
        )
    }

    /// The last cell read (`B7`), or `A1` before any.
    fn previous(&self) -> String {
        let (row, column) = self.last.unwrap_or((0, 0));
        format!("{}{}", column_letters(column as usize + 1), row + 1)
    }
}

fn cell_of_ref(value: &DataRef<'_>) -> Cell {
    match value {
        DataRef::Empty => Cell::Empty,
        DataRef::String(s) => Cell::Text(normalize(s)),
        DataRef::SharedString(s) => Cell::Text(normalize(s)),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Bool(b) => Cell::Text(b.to_string()),
        DataRef::DateTime(d) => Cell::Date(d.to_string()),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Cell::Date(s.clone()),
        DataRef::Error(e) => Cell::Text(format!("{e:?}")),
    }
}

/// Streams the cells of a cell reader into `$table`; the reader's error as text, if any.
macro_rules! stream {
    ($cells:expr, $table:expr, $reader:expr, $diagnostics:expr) => {
        match $cells {
            Ok(mut cells) => loop {
                match cells.next_cell() {
                    Ok(Some(c)) => {
                        if !$table.cell(
                            c.get_position(),
                            cell_of_ref(c.get_value()),
                            $reader,
                            $diagnostics,
                        ) {
                            break Ok(());
                        }
                    }
                    Ok(None) => break Ok(()),
                    Err(e) => break Err(e.to_string()),
                }
            },
            Err(e) => Err(e.to_string()),
        }
    };
}

/// Reads every sheet of a workbook.
pub(super) fn read_workbook(
    root: &Path,
    relative: &Path,
    reader: &mut TableReader<'_>,
    diagnostics: &mut Diagnostics,
) {
    reader.file = relative.to_path_buf();
    // Old Excel (.xls) and OpenDocument (.ods) sheets can only be read whole: calamine lays out
    // every row and column up to the last cell used, so one stray far cell costs gigabytes.
    // They are refused with the way to convert them.
    if let Some(extension) = relative
        .extension()
        .map(|x| x.to_string_lossy().to_lowercase())
        .filter(|x| x == "xls" || x == "ods")
    {
        let d = Diagnostic::error("stats_workbook_format", Some(Location::file(relative)))
            .arg("extension", extension);
        reader.errors.push(relative, d, diagnostics);
        return;
    }
    let mut workbook = match open_workbook_auto(root.join(relative)) {
        Ok(w) => w,
        Err(e) => {
            let d = Diagnostic::error("stats_xlsx_invalid", Some(Location::file(relative)))
                .arg("detail", e.to_string());
            reader.errors.push(relative, d, diagnostics);
            return;
        }
    };
    for name in workbook.sheet_names() {
        let sheet = normalize(&name);
        let mut table = SheetTable {
            relative,
            sheet: &sheet,
            file: None,
            columns: None,
            refused: false,
            row: None,
            cells: Vec::new(),
            last: None,
        };
        let read: Result<(), String> = match &mut workbook {
            Sheets::Xlsx(x) => stream!(x.worksheet_cells_reader(&name), table, reader, diagnostics),
            Sheets::Xlsb(x) => stream!(x.worksheet_cells_reader(&name), table, reader, diagnostics),
            // .xls and .ods were refused above (only their whole-range reader exists).
            Sheets::Xls(_) | Sheets::Ods(_) => Ok(()),
        };
        table.flush(reader, diagnostics);
        if let Err(detail) = read {
            let d = Diagnostic::error("stats_xlsx_sheet_invalid", Some(table.sheet_location()))
                .arg("sheet", sheet.clone())
                .arg("previous", table.previous())
                .arg("detail", detail);
            reader.errors.push(relative, d, diagnostics);
        }
    }
}
