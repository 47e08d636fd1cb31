//! The long layout of a figure table (a CSV file or a workbook sheet): its header row and each
//! data row checked, screened for personal data and recorded as a figure. Errors are counted per
//! file and only the first [`ERRORS_PER_FILE`] are reported, with how many more there are.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap as HashMap;

use super::cell::{Cell, parse_number};
use super::privacy::{
    FigureProblem, MAX_FIGURE, Personal, figure_problem, header_key, is_personal_column,
    personal_data_in,
};
use crate::diagnostics::{Diagnostic, Diagnostics, Location, display_path};
use crate::locale::{fold_diacritics, slugify};
use crate::model::SiteConfig;
use crate::model::stats::{AreaIndex, BandFigure, Figure, IndicatorKind, Period, Statistics};

/// The columns of the long layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Column {
    Period,
    Area,
    Indicator,
    Value,
    Note,
    Band,
}

const COLUMNS: [(&str, Column); 6] = [
    ("ky", Column::Period),
    ("khu_vuc", Column::Area),
    ("chi_so", Column::Indicator),
    ("gia_tri", Column::Value),
    ("ghi_chu", Column::Note),
    ("nhom_tuoi", Column::Band),
];

/// The most errors reported for one data file; the others are counted in one more error.
pub const ERRORS_PER_FILE: usize = 20;

/// Counts the errors of each data file and lets the first [`ERRORS_PER_FILE`] through.
#[derive(Debug, Default)]
pub(super) struct ErrorCap {
    counts: BTreeMap<PathBuf, usize>,
}

impl ErrorCap {
    /// Reports `diagnostic`, an error of `file`, unless the file has had its share.
    pub(super) fn push(
        &mut self,
        file: &Path,
        diagnostic: Diagnostic,
        diagnostics: &mut Diagnostics,
    ) {
        let count = match self.counts.get_mut(file) {
            Some(count) => count,
            None => self.counts.entry(file.to_path_buf()).or_default(),
        };
        *count += 1;
        if *count <= ERRORS_PER_FILE {
            diagnostics.push(diagnostic);
        }
    }

    /// One error per file that had more than were reported, saying how many more.
    pub(super) fn finish(self, diagnostics: &mut Diagnostics) {
        for (file, count) in self.counts {
            if count > ERRORS_PER_FILE {
                diagnostics.push(
                    Diagnostic::error("stats_errors_more", Some(Location::file(file)))
                        .arg("count", (count - ERRORS_PER_FILE).to_string())
                        .arg("shown", ERRORS_PER_FILE.to_string()),
                );
            }
        }
    }
}

/// The data file a stored file name belongs to: `data/stats/a.xlsx!Q1` -> `data/stats/a.xlsx`.
pub(super) fn data_file(stored: &Path) -> PathBuf {
    let shown = display_path(stored);
    match shown.split_once('!') {
        Some((file, _)) => PathBuf::from(file),
        None => stored.to_path_buf(),
    }
}

/// Reads the figure rows of one table (CSV file or spreadsheet sheet).
pub(super) struct TableReader<'a> {
    pub(super) config: &'a SiteConfig,
    pub(super) stats: &'a mut Statistics,
    pub(super) allowed_names: Vec<String>,
    pub(super) area_keys: HashMap<String, AreaIndex>,
    pub(super) indicator_cache: HashMap<String, Option<usize>>,
    pub(super) area_cache: HashMap<String, Option<AreaIndex>>,
    /// The data file being read (for a workbook, the file, not the sheet).
    pub(super) file: PathBuf,
    /// Errors counted per file.
    pub(super) errors: ErrorCap,
}

impl TableReader<'_> {
    /// Reports an error of the file being read (counted, see [`ErrorCap`]).
    fn error(&mut self, diagnostic: Diagnostic, diagnostics: &mut Diagnostics) {
        self.errors.push(&self.file, diagnostic, diagnostics);
    }

    /// Checks the header row; returns the column of each field.
    pub(super) fn header(
        &mut self,
        cells: &[Cell],
        at: &dyn Fn(usize) -> Location,
        diagnostics: &mut Diagnostics,
    ) -> Option<Vec<Option<Column>>> {
        let mut columns = Vec::new();
        let mut ok = true;
        for (i, cell) in cells.iter().enumerate() {
            let text = cell.text();
            let key = header_key(&text);
            if key.is_empty() {
                columns.push(None);
                continue;
            }
            match COLUMNS.iter().find(|(name, _)| *name == key) {
                Some((_, column)) => columns.push(Some(*column)),
                None => {
                    ok = false;
                    if is_personal_column(&key) {
                        self.error(
                            Diagnostic::error("privacy_column", Some(at(i)))
                                .arg("column", text.clone()),
                            diagnostics,
                        );
                    } else {
                        self.error(
                            Diagnostic::error("stats_column_unknown", Some(at(i)))
                                .arg("column", text.clone())
                                .arg(
                                    "expected",
                                    "`ky`, `khu_vuc`, `chi_so`, `gia_tri`, `ghi_chu`, `nhom_tuoi`",
                                ),
                            diagnostics,
                        );
                    }
                    columns.push(None);
                }
            }
        }
        for (name, column) in COLUMNS.iter().take(4) {
            if !columns.contains(&Some(*column)) {
                ok = false;
                self.error(
                    Diagnostic::error("stats_column_missing", Some(at(0))).arg("column", *name),
                    diagnostics,
                );
            }
        }
        ok.then_some(columns)
    }

    /// Checks and records one data row.
    pub(super) fn row(
        &mut self,
        file: u16,
        line: usize,
        columns: &[Option<Column>],
        cells: &[Cell],
        at: &dyn Fn(usize) -> Location,
        diagnostics: &mut Diagnostics,
    ) {
        if cells.iter().all(|c| c.is_blank()) {
            return;
        }
        const EMPTY: Cell = Cell::Empty;
        let get = |wanted: Column| -> (usize, &Cell) {
            columns
                .iter()
                .position(|c| *c == Some(wanted))
                .map(|i| (i, cells.get(i).unwrap_or(&EMPTY)))
                .unwrap_or((0, &EMPTY))
        };
        let (value_col, value_cell) = get(Column::Value);
        let (indicator_col, indicator_cell) = get(Column::Indicator);
        let (period_col, period_cell) = get(Column::Period);
        let (area_col, area_cell) = get(Column::Area);
        let indicator_text = indicator_cell.text_ref();
        let indicator = match self.indicator_cache.get(indicator_text) {
            Some(i) => *i,
            None => {
                let found = self.stats.indicator_index(&slugify(indicator_text));
                self.indicator_cache
                    .insert(indicator_text.to_owned(), found);
                found
            }
        };
        let area_text = area_cell.text_ref();
        let area = match self.area_cache.get(area_text) {
            Some(a) => *a,
            None => {
                let found = self
                    .area_keys
                    .get(&fold_diacritics(area_text).to_lowercase())
                    .copied();
                self.area_cache.insert(area_text.to_owned(), found);
                found
            }
        };
        let period = Period::parse(period_cell.text_ref());
        let is_amount =
            indicator.is_some_and(|i| self.stats.indicators[i].kind == IndicatorKind::Amount);
        // Privacy first: every cell that is not a known period, group, indicator or number.
        for (i, cell) in cells.iter().enumerate() {
            let recognised = (i == period_col && period.is_some())
                || (i == indicator_col && indicator.is_some())
                || (i == area_col && area.is_some());
            let kind = match cell {
                _ if recognised => None,
                Cell::Empty => None,
                Cell::Date(_) => Some(Personal::Date),
                Cell::Number(_) if i == value_col => None,
                Cell::Text(t) if i == value_col => match figure_problem(t) {
                    Some(FigureProblem::Personal(kind)) => Some(kind),
                    // Refused below as a figure that cannot be shown.
                    Some(_) => None,
                    None if parse_number(t).is_some() => {
                        // A 12-digit count is a citizen ID (an amount may be that large).
                        let digits = t.trim();
                        (!is_amount
                            && digits.len() == 12
                            && digits.bytes().all(|b| b.is_ascii_digit()))
                        .then_some(Personal::CitizenId)
                    }
                    None => personal_data_in(t, &self.allowed_names),
                },
                _ => personal_data_in(&cell.text(), &self.allowed_names),
            };
            if let Some(kind) = kind {
                self.error(
                    Diagnostic::error("privacy_value", Some(at(i)))
                        .arg("kind", crate::messages::text(kind.code(), &[]).vi)
                        .arg("kind_en", crate::messages::text(kind.code(), &[]).en),
                    diagnostics,
                );
                return;
            }
        }
        if period.is_none() {
            self.error(
                Diagnostic::error("stats_period_invalid", Some(at(period_col)))
                    .arg("value", period_cell.text()),
                diagnostics,
            );
        }
        let Some(indicator) = indicator else {
            let known: Vec<String> = self
                .stats
                .indicators
                .iter()
                .map(|i| i.key.clone())
                .collect();
            let suggestion = crate::load::frontmatter::nearest(&slugify(indicator_text), &known)
                .unwrap_or_else(|| known.first().cloned().unwrap_or_default());
            self.error(
                Diagnostic::error("stats_indicator_unknown", Some(at(indicator_col)))
                    .arg("value", indicator_text.to_owned())
                    .arg("suggestion", suggestion),
                diagnostics,
            );
            return;
        };
        let Some(area) = area else {
            let known: Vec<String> = self.config.areas.iter().map(|a| a.id.clone()).collect();
            self.error(
                Diagnostic::error("stats_area_unknown", Some(at(area_col)))
                    .arg("value", area_text.to_owned())
                    .arg("expected", format!("toan-phuong, {}", known.join(", "))),
                diagnostics,
            );
            return;
        };
        let value = match value_cell {
            Cell::Number(n) => Some(*n),
            other => {
                let text = other.text_ref();
                match figure_problem(text) {
                    Some(FigureProblem::TooLong) => {
                        self.error(
                            Diagnostic::error("stats_value_too_long", Some(at(value_col)))
                                .arg("value", text.to_owned()),
                            diagnostics,
                        );
                        return;
                    }
                    Some(_) => {
                        self.error(
                            Diagnostic::error("stats_value_not_figure", Some(at(value_col)))
                                .arg("value", text.to_owned()),
                            diagnostics,
                        );
                        return;
                    }
                    None => parse_number(text),
                }
            }
        };
        let Some(value) = value else {
            self.error(
                Diagnostic::error("stats_value_invalid", Some(at(value_col)))
                    .arg("value", value_cell.text()),
                diagnostics,
            );
            return;
        };
        // A figure shown as written: finite, at most 15 digits before the decimal mark.
        if !value.is_finite() || value.abs() > MAX_FIGURE {
            self.error(
                Diagnostic::error("stats_value_too_long", Some(at(value_col)))
                    .arg("value", value_cell.text()),
                diagnostics,
            );
            return;
        }
        let ind = &self.stats.indicators[indicator];
        if ind.kind == IndicatorKind::Ratio && ind.numerator.is_some() {
            self.error(
                Diagnostic::error("stats_ratio_computed", Some(at(indicator_col)))
                    .arg("indicator", ind.key.clone())
                    .arg("numerator", ind.numerator.clone().unwrap_or_default())
                    .arg("denominator", ind.denominator.clone().unwrap_or_default()),
                diagnostics,
            );
            return;
        }
        if value < 0.0 {
            self.error(
                Diagnostic::error("stats_value_negative", Some(at(value_col)))
                    .arg("value", value_cell.text()),
                diagnostics,
            );
            return;
        }
        if ind.kind == IndicatorKind::Ratio && value > 100.0 {
            self.error(
                Diagnostic::error("stats_ratio_over", Some(at(value_col)))
                    .arg("value", value_cell.text()),
                diagnostics,
            );
            return;
        }
        let (band_col, band_cell) = get(Column::Band);
        let band_text = band_cell.text();
        let band = if band_text.trim().is_empty() {
            None
        } else {
            let bands = &self.stats.indicators[indicator].bands;
            match bands.iter().position(|b| *b == band_text.trim()) {
                Some(b) => Some(b as u8),
                None if bands.is_empty() => {
                    self.error(
                        Diagnostic::error("stats_band_not_declared", Some(at(band_col)))
                            .arg("value", band_text.clone())
                            .arg("indicator", self.stats.indicators[indicator].key.clone()),
                        diagnostics,
                    );
                    return;
                }
                None => {
                    self.error(
                        Diagnostic::error("stats_band_unknown", Some(at(band_col)))
                            .arg("value", band_text.clone())
                            .arg("indicator", self.stats.indicators[indicator].key.clone())
                            .arg("expected", bands.join(", ")),
                        diagnostics,
                    );
                    return;
                }
            }
        };
        let Some(period) = period else { return };
        let (_, note) = get(Column::Note);
        let figure = Figure {
            indicator: indicator as u16,
            area,
            period,
            value,
            note: note.text_ref().to_owned(),
            file,
            line: line as u32,
        };
        match band {
            Some(band) => self.stats.band_figures.push(BandFigure { figure, band }),
            None => self.stats.figures.push(figure),
        }
    }
}
