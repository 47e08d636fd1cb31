//! Statistics inputs: data/indicators.toml, the aggregated figures of data/stats/ (CSV and Excel
//! `.xlsx`, long layout), content/campaigns/*.md and content/reports/*.md.
//!
//! Privacy is enforced here: a column or a value that looks like personal data (a person's name,
//! a 12-digit citizen ID, a phone number, a full date such as a birth date) is an error naming the
//! file and line (for a spreadsheet, sheet and cell), and the build writes nothing.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap as HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use regex::Regex;
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostics::{Diagnostic, Diagnostics, Location, display_path};
use crate::load::frontmatter::{SourceText, parse_toml, split};
use crate::load::read_source;
use crate::locale::{fold_diacritics, slugify, text::normalize};
use crate::model::stats::{
    AreaIndex, AreaRule, BandFigure, Campaign, Direction, Figure, Goal, Indicator, IndicatorKind,
    Period, ReportText, Statistics, TimeRule,
};
use crate::model::{DocType, PartialDate, Signer, SiteConfig};

/// The registry file.
pub const INDICATORS_FILE: &str = "data/indicators.toml";
/// The folder of figure files.
pub const STATS_DIR: &str = "data/stats";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct IndicatorsFile {
    #[serde(default)]
    nguong_an_so_nho: Option<u32>,
    #[serde(default)]
    minh_hoa: bool,
    #[serde(default)]
    giay_phep: Option<String>,
    #[serde(default)]
    chi_so: Vec<Spanned<RawIndicator>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndicator {
    ma: String,
    ten: String,
    don_vi: String,
    loai: String,
    #[serde(default)]
    cong_don_thoi_gian: Option<String>,
    #[serde(default)]
    cong_don_khu_vuc: Option<String>,
    #[serde(default)]
    huong_tot: Option<String>,
    #[serde(default)]
    tu_so: Option<String>,
    #[serde(default)]
    mau_so: Option<String>,
    #[serde(default)]
    cau: Option<String>,
    #[serde(default)]
    mo_ta: String,
    #[serde(default = "yes")]
    trang_tong_hop: bool,
    #[serde(default)]
    nhom_tuoi: Vec<String>,
}

fn yes() -> bool {
    true
}

/// One of a fixed set of words, or a located error listing them.
fn choice<T: Copy>(
    value: &str,
    options: &[(&str, T)],
    field: &str,
    location: &Location,
    diagnostics: &mut Diagnostics,
) -> Option<T> {
    let wanted = fold_diacritics(value.trim())
        .to_lowercase()
        .replace(' ', "_");
    if let Some((_, t)) = options.iter().find(|(name, _)| *name == wanted) {
        return Some(*t);
    }
    let expected: Vec<String> = options.iter().map(|(n, _)| format!("`{n}`")).collect();
    diagnostics.push(
        Diagnostic::error("value_not_allowed", Some(location.clone()))
            .field(field.to_owned())
            .arg("value", value.to_owned())
            .arg("expected", expected.join(", ")),
    );
    None
}

/// Reads data/indicators.toml (missing file: no statistics).
fn load_indicators(source: &SourceText, stats: &mut Statistics, diagnostics: &mut Diagnostics) {
    let file: IndicatorsFile = match parse_toml(source, &source.text, 0, "ctx_indicators") {
        Ok(file) => file,
        Err(d) => {
            diagnostics.push(d);
            return;
        }
    };
    stats.threshold = file.nguong_an_so_nho.unwrap_or(5);
    stats.illustrative = file.minh_hoa;
    stats.licence = file
        .giay_phep
        .unwrap_or_else(|| "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)".to_owned());
    for spanned in file.chi_so {
        let start = spanned.span().start;
        let location = source.location(start);
        let line = location.line;
        let raw = spanned.into_inner();
        let kind = choice(
            &raw.loai,
            &[
                ("so_luong", IndicatorKind::Count),
                ("so_tien", IndicatorKind::Amount),
                ("ty_le", IndicatorKind::Ratio),
            ],
            "loai",
            &source.key_location("loai", start),
            diagnostics,
        )
        .unwrap_or(IndicatorKind::Count);
        let time_default = if kind == IndicatorKind::Ratio {
            "cuoi_ky"
        } else {
            "tong"
        };
        let time_rule = choice(
            raw.cong_don_thoi_gian.as_deref().unwrap_or(time_default),
            &[
                ("tong", TimeRule::Sum),
                ("cuoi_ky", TimeRule::Last),
                ("trung_binh", TimeRule::Mean),
            ],
            "cong_don_thoi_gian",
            &source.key_location("cong_don_thoi_gian", start),
            diagnostics,
        )
        .unwrap_or(TimeRule::Sum);
        let area_default = if kind == IndicatorKind::Ratio {
            "khong"
        } else {
            "tong"
        };
        let area_rule = choice(
            raw.cong_don_khu_vuc.as_deref().unwrap_or(area_default),
            &[
                ("tong", AreaRule::Sum),
                ("trung_binh", AreaRule::Mean),
                ("khong", AreaRule::None),
            ],
            "cong_don_khu_vuc",
            &source.key_location("cong_don_khu_vuc", start),
            diagnostics,
        )
        .unwrap_or(AreaRule::Sum);
        let direction = choice(
            raw.huong_tot.as_deref().unwrap_or("khong"),
            &[
                ("tang", Direction::Up),
                ("giam", Direction::Down),
                ("khong", Direction::Neutral),
            ],
            "huong_tot",
            &source.key_location("huong_tot", start),
            diagnostics,
        )
        .unwrap_or(Direction::Neutral);
        let key = slugify(&raw.ma);
        if stats.indicators.iter().any(|i| i.key == key) {
            diagnostics.push(
                Diagnostic::error("duplicate_id", Some(location.clone()))
                    .arg("id", key.clone())
                    .arg("other", INDICATORS_FILE),
            );
        }
        let name = raw.ten.trim().to_owned();
        stats.indicators.push(Indicator {
            sentence: raw
                .cau
                .unwrap_or_else(|| format!("{name}: {{so}}"))
                .trim()
                .to_owned(),
            key,
            name,
            unit: raw.don_vi.trim().to_owned(),
            kind,
            time_rule,
            area_rule,
            direction,
            numerator: raw.tu_so.map(|s| slugify(&s)),
            denominator: raw.mau_so.map(|s| slugify(&s)),
            description: raw.mo_ta,
            on_dashboard: raw.trang_tong_hop,
            line,
            bands: raw
                .nhom_tuoi
                .iter()
                .map(|b| b.trim().to_owned())
                .filter(|b| !b.is_empty())
                .collect(),
        });
    }
    // A ratio's parts must be known indicators.
    for indicator in &stats.indicators {
        for (field, key) in [
            ("tu_so", &indicator.numerator),
            ("mau_so", &indicator.denominator),
        ] {
            if let Some(key) = key
                && !stats.indicators.iter().any(|i| &i.key == key)
            {
                diagnostics.push(
                    Diagnostic::error(
                        "reference_unknown",
                        Some(Location::new(INDICATORS_FILE, indicator.line, 1)),
                    )
                    .field(field)
                    .arg("value", key.clone())
                    .arg("registry", INDICATORS_FILE),
                );
            }
        }
    }
}

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
    fn is_blank(&self) -> bool {
        match self {
            Cell::Text(t) | Cell::Date(t) => t.trim().is_empty(),
            Cell::Number(_) => false,
            Cell::Empty => true,
        }
    }

    /// The text of a text cell, trimmed, without copying (numbers and empty cells: "").
    fn text_ref(&self) -> &str {
        match self {
            Cell::Text(t) | Cell::Date(t) => t.trim(),
            Cell::Number(_) | Cell::Empty => "",
        }
    }

    fn text(&self) -> String {
        match self {
            Cell::Text(t) | Cell::Date(t) => t.trim().to_owned(),
            Cell::Number(n) => {
                if n.fract() == 0.0 && n.abs() < 1e15 {
                    format!("{}", *n as i64)
                } else {
                    n.to_string()
                }
            }
            Cell::Empty => String::new(),
        }
    }
}

/// Where a cell is: for CSV a file, line and column; for a spreadsheet `file.xlsx!Sheet!C17`.
fn cell_location(file: &Path, sheet: Option<&str>, row: usize, column: usize) -> Location {
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

/// The columns of the long layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
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

/// Column names that name personal data.
const PERSONAL_COLUMNS: [&str; 24] = [
    "ho_ten",
    "hoten",
    "ho_va_ten",
    "ten_nguoi",
    "nguoi_nhan",
    "ten_doi_tuong",
    "doi_tuong",
    "ngay_sinh",
    "nam_sinh",
    "sinh_ngay",
    "cccd",
    "cmnd",
    "can_cuoc",
    "so_dinh_danh",
    "dinh_danh",
    "dien_thoai",
    "sdt",
    "so_dt",
    "phone",
    "name",
    "birth",
    "dia_chi",
    "address",
    "ten",
];

fn header_key(text: &str) -> String {
    let folded = fold_diacritics(text.trim()).to_lowercase();
    let mut key: String = folded
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    while key.contains("__") {
        key = key.replace("__", "_");
    }
    key.trim_matches('_').to_owned()
}

/// Whether a column name names personal data.
fn is_personal_column(key: &str) -> bool {
    PERSONAL_COLUMNS.iter().any(|p| {
        key == *p
            || key
                .split('_')
                .collect::<Vec<_>>()
                .windows(p.split('_').count())
                .any(|w| w.join("_") == *p)
    })
}

struct Patterns {
    citizen_id: Regex,
    phone: Regex,
    date: Regex,
    person: Regex,
}

fn patterns() -> &'static Patterns {
    static PATTERNS: OnceLock<Patterns> = OnceLock::new();
    PATTERNS.get_or_init(|| Patterns {
        citizen_id: Regex::new(r"(?:^|\D)\d{12}(?:\D|$)").expect("valid pattern"),
        phone: Regex::new(r"(?:^|[^\d])(?:\+84|0)(?:[ .\-]?\d){9,10}(?:[^\d]|$)")
            .expect("valid pattern"),
        date: Regex::new(
            r"\b\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*(?:19|20)\d{2}\b|\b(?:19|20)\d{2}-\d{2}-\d{2}\b",
        )
        .expect("valid pattern"),
        person: Regex::new(
            r"(?:\b(?:[ÔôBb]à|[Ôô]ng|[Cc]ụ|[Aa]nh|[Cc]hị|[Cc]háu|[Ee]m)\s+\p{Lu}\p{Ll}*)|(?:\b(?:Nguyễn|Trần|Lê|Phạm|Hoàng|Huỳnh|Phan|Vũ|Võ|Đặng|Bùi|Đỗ|Hồ|Ngô|Dương|Lý|Đinh|Trịnh|Đào|Lương|Tạ|Lưu)(?:\s+\p{Lu}\p{Ll}*){1,3})",
        )
        .expect("valid pattern"),
    })
}

/// What kind of personal data a value looks like, if any (a catalogue key for the kind).
pub fn personal_data_in(
    text: &str,
    allowed_names: &[String],
    check_id: bool,
) -> Option<&'static str> {
    let p = patterns();
    if check_id && p.citizen_id.is_match(text) {
        return Some("privacy_kind_id");
    }
    if p.phone.is_match(text) {
        return Some("privacy_kind_phone");
    }
    if p.date.is_match(text) {
        return Some("privacy_kind_date");
    }
    for m in p.person.find_iter(text) {
        let found = m.as_str();
        if !allowed_names.iter().any(|a| a.contains(found)) {
            return Some("privacy_kind_name");
        }
    }
    None
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

/// Reads the figure rows of one table (CSV file or spreadsheet sheet).
struct TableReader<'a> {
    config: &'a SiteConfig,
    stats: &'a mut Statistics,
    allowed_names: Vec<String>,
    area_keys: HashMap<String, AreaIndex>,
    indicator_cache: HashMap<String, Option<usize>>,
    area_cache: HashMap<String, Option<AreaIndex>>,
}

impl TableReader<'_> {
    /// Checks the header row; returns the column of each field.
    fn header(
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
                        diagnostics.push(
                            Diagnostic::error("privacy_column", Some(at(i)))
                                .arg("column", text.clone()),
                        );
                    } else {
                        diagnostics.push(
                            Diagnostic::error("stats_column_unknown", Some(at(i)))
                                .arg("column", text.clone())
                                .arg(
                                    "expected",
                                    "`ky`, `khu_vuc`, `chi_so`, `gia_tri`, `ghi_chu`, `nhom_tuoi`",
                                ),
                        );
                    }
                    columns.push(None);
                }
            }
        }
        for (name, column) in COLUMNS.iter().take(4) {
            if !columns.contains(&Some(*column)) {
                ok = false;
                diagnostics.push(
                    Diagnostic::error("stats_column_missing", Some(at(0))).arg("column", *name),
                );
            }
        }
        ok.then_some(columns)
    }

    /// Checks and records one data row.
    fn row(
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
                Cell::Date(_) => Some("privacy_kind_date"),
                Cell::Number(_) if i == value_col => None,
                Cell::Text(t) if i == value_col && parse_number(t).is_some() => {
                    let digits_only = t.trim().chars().all(|c| c.is_ascii_digit());
                    (!is_amount && digits_only && patterns().citizen_id.is_match(t.trim()))
                        .then_some("privacy_kind_id")
                }
                _ => {
                    let text = cell.text();
                    let check_id = !(i == value_col && is_amount);
                    personal_data_in(&text, &self.allowed_names, check_id)
                }
            };
            if let Some(kind) = kind {
                diagnostics.push(
                    Diagnostic::error("privacy_value", Some(at(i)))
                        .arg("kind", crate::messages::text(kind, &[]).vi)
                        .arg("kind_en", crate::messages::text(kind, &[]).en),
                );
                return;
            }
        }
        if period.is_none() {
            diagnostics.push(
                Diagnostic::error("stats_period_invalid", Some(at(period_col)))
                    .arg("value", period_cell.text()),
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
            diagnostics.push(
                Diagnostic::error("stats_indicator_unknown", Some(at(indicator_col)))
                    .arg("value", indicator_text.to_owned())
                    .arg("suggestion", suggestion),
            );
            return;
        };
        let Some(area) = area else {
            let known: Vec<String> = self.config.areas.iter().map(|a| a.id.clone()).collect();
            diagnostics.push(
                Diagnostic::error("stats_area_unknown", Some(at(area_col)))
                    .arg("value", area_text.to_owned())
                    .arg("expected", format!("toan-phuong, {}", known.join(", "))),
            );
            return;
        };
        let value = match value_cell {
            Cell::Number(n) => Some(*n),
            other => parse_number(other.text_ref()),
        };
        let Some(value) = value else {
            diagnostics.push(
                Diagnostic::error("stats_value_invalid", Some(at(value_col)))
                    .arg("value", value_cell.text()),
            );
            return;
        };
        let ind = &self.stats.indicators[indicator];
        if ind.kind == IndicatorKind::Ratio && ind.numerator.is_some() {
            diagnostics.push(
                Diagnostic::error("stats_ratio_computed", Some(at(indicator_col)))
                    .arg("indicator", ind.key.clone())
                    .arg("numerator", ind.numerator.clone().unwrap_or_default())
                    .arg("denominator", ind.denominator.clone().unwrap_or_default()),
            );
            return;
        }
        if value < 0.0 {
            diagnostics.push(
                Diagnostic::error("stats_value_negative", Some(at(value_col)))
                    .arg("value", value_cell.text()),
            );
            return;
        }
        if ind.kind == IndicatorKind::Ratio && value > 100.0 {
            diagnostics.push(
                Diagnostic::error("stats_ratio_over", Some(at(value_col)))
                    .arg("value", value_cell.text()),
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
                    diagnostics.push(
                        Diagnostic::error("stats_band_not_declared", Some(at(band_col)))
                            .arg("value", band_text.clone())
                            .arg("indicator", self.stats.indicators[indicator].key.clone()),
                    );
                    return;
                }
                None => {
                    diagnostics.push(
                        Diagnostic::error("stats_band_unknown", Some(at(band_col)))
                            .arg("value", band_text.clone())
                            .arg("indicator", self.stats.indicators[indicator].key.clone())
                            .arg("expected", bands.join(", ")),
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

fn read_csv(
    source: &SourceText,
    file: u16,
    reader: &mut TableReader<'_>,
    diagnostics: &mut Diagnostics,
) {
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
                diagnostics.push(
                    Diagnostic::error(
                        "stats_csv_invalid",
                        Some(Location::new(&source.path, line, 1)),
                    )
                    .arg("detail", e.to_string()),
                );
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

fn read_xlsx(
    root: &Path,
    relative: &Path,
    reader: &mut TableReader<'_>,
    diagnostics: &mut Diagnostics,
) {
    use calamine::{Data, Reader, open_workbook_auto};
    let mut workbook = match open_workbook_auto(root.join(relative)) {
        Ok(w) => w,
        Err(e) => {
            diagnostics.push(
                Diagnostic::error("stats_xlsx_invalid", Some(Location::file(relative)))
                    .arg("detail", e.to_string()),
            );
            return;
        }
    };
    for sheet in workbook.sheet_names() {
        let range = match workbook.worksheet_range(&sheet) {
            Ok(r) => r,
            Err(e) => {
                diagnostics.push(
                    Diagnostic::error("stats_xlsx_invalid", Some(Location::file(relative)))
                        .arg("detail", e.to_string()),
                );
                continue;
            }
        };
        let sheet = normalize(&sheet);
        let Some((first_row, first_col)) = range.start() else {
            continue;
        };
        let file = reader.stats.files.len() as u16;
        reader.stats.files.push(PathBuf::from(format!(
            "{}!{}",
            display_path(relative),
            sheet
        )));
        let mut columns: Option<Vec<Option<Column>>> = None;
        for (r, row) in range.rows().enumerate() {
            let line = first_row as usize + r + 1;
            let at =
                |i: usize| cell_location(relative, Some(&sheet), line, first_col as usize + i + 1);
            let cells: Vec<Cell> = row
                .iter()
                .map(|d| match d {
                    Data::Empty => Cell::Empty,
                    Data::String(s) => Cell::Text(normalize(s)),
                    Data::Float(f) => Cell::Number(*f),
                    Data::Int(i) => Cell::Number(*i as f64),
                    Data::Bool(b) => Cell::Text(b.to_string()),
                    Data::DateTime(d) => Cell::Date(d.to_string()),
                    Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Date(s.clone()),
                    Data::Error(e) => Cell::Text(format!("{e:?}")),
                })
                .collect();
            match &columns {
                None => match reader.header(&cells, &at, diagnostics) {
                    Some(c) => columns = Some(c),
                    None => break,
                },
                Some(c) => reader.row(file, line, c, &cells, &at, diagnostics),
            }
        }
    }
}

/// Reads the figures of data/stats/ given the registry already in `stats`.
pub fn load_figures(
    root: &Path,
    config: &SiteConfig,
    stats: &mut Statistics,
    diagnostics: &mut Diagnostics,
) {
    let mut area_keys: HashMap<String, AreaIndex> = HashMap::default();
    for ward in [
        "toan-phuong",
        "toan phuong",
        "toan-xa",
        "toan xa",
        "toan-thi-tran",
        "toan thi tran",
        "phuong",
        "xa",
    ] {
        area_keys.insert(ward.to_owned(), None);
    }
    area_keys.insert(fold_diacritics(&config.full_name()).to_lowercase(), None);
    for (i, area) in config.areas.iter().enumerate() {
        area_keys.insert(fold_diacritics(&area.id).to_lowercase(), Some(i as u16));
        area_keys.insert(fold_diacritics(&area.name).to_lowercase(), Some(i as u16));
    }
    let mut allowed_names = vec![
        config.name.clone(),
        config.full_name(),
        config.issuing_body.clone(),
    ];
    allowed_names.extend(config.areas.iter().map(|a| a.name.clone()));
    let mut reader = TableReader {
        config,
        stats,
        allowed_names,
        area_keys,
        indicator_cache: HashMap::default(),
        area_cache: HashMap::default(),
    };
    for relative in super::files_in(root, STATS_DIR, &["csv", "xlsx", "xls", "ods"]) {
        let is_csv = relative
            .extension()
            .is_some_and(|x| x.eq_ignore_ascii_case("csv"));
        if is_csv {
            match read_source(root, &relative) {
                Ok(source) => {
                    let file = reader.stats.files.len() as u16;
                    reader.stats.files.push(relative.clone());
                    read_csv(&source, file, &mut reader, diagnostics);
                }
                Err(d) => diagnostics.push(d),
            }
        } else {
            read_xlsx(root, &relative, &mut reader, diagnostics);
        }
    }
    remove_duplicates(config, stats, diagnostics);
    remove_band_duplicates(config, stats, diagnostics);
}

/// The same period, area, indicator and age band twice: an error naming both rows.
fn remove_band_duplicates(
    config: &SiteConfig,
    stats: &mut Statistics,
    diagnostics: &mut Diagnostics,
) {
    let mut seen: BTreeMap<(u16, AreaIndex, i64, u8), usize> = BTreeMap::new();
    let mut drop = vec![false; stats.band_figures.len()];
    for (n, b) in stats.band_figures.iter().enumerate() {
        let f = &b.figure;
        let key = (f.indicator, f.area, f.period.rank(), b.band);
        let Some(&first) = seen.get(&key) else {
            seen.insert(key, n);
            continue;
        };
        drop[n] = true;
        let first = &stats.band_figures[first].figure;
        let first_at = row_location(stats, first.file, first.line);
        let other = if display_path(&first_at.file).contains('!') {
            display_path(&first_at.file)
        } else {
            format!("{}:{}", display_path(&first_at.file), first.line)
        };
        let indicator = &stats.indicators[f.indicator as usize];
        let area = match f.area.and_then(|a| config.areas.get(a as usize)) {
            Some(a) => a.id.clone(),
            None => "toan-phuong".to_owned(),
        };
        diagnostics.push(
            Diagnostic::error("stats_duplicate", Some(row_location(stats, f.file, f.line)))
                .arg("period", f.period.code())
                .arg(
                    "indicator",
                    format!(
                        "{} ({})",
                        indicator.key,
                        indicator
                            .bands
                            .get(b.band as usize)
                            .cloned()
                            .unwrap_or_default()
                    ),
                )
                .arg("area", area)
                .arg("other", other),
        );
    }
    let mut n = 0;
    stats.band_figures.retain(|_| {
        let keep = !drop[n];
        n += 1;
        keep
    });
}

/// Where a figure's row is: `file:line` for CSV, `file.xlsx!Sheet!A17` for a spreadsheet row.
fn row_location(stats: &Statistics, file: u16, line: u32) -> Location {
    let path = stats.files.get(file as usize).cloned().unwrap_or_default();
    let shown = display_path(&path);
    if shown.contains('!') {
        Location::new(format!("{shown}!A{line}"), line as usize, 1)
    } else {
        Location::new(path, line as usize, 1)
    }
}

/// The same period, area and indicator twice: an error naming both rows; the later row is dropped.
/// The figures are left sorted by indicator, area and period.
fn remove_duplicates(config: &SiteConfig, stats: &mut Statistics, diagnostics: &mut Diagnostics) {
    let key = |f: &Figure| (f.indicator, f.area, f.period);
    let order = stats.figure_order();
    let mut drop = vec![false; stats.figures.len()];
    for pair in order.windows(2) {
        let (first, second) = (
            &stats.figures[pair[0] as usize],
            &stats.figures[pair[1] as usize],
        );
        if key(first) != key(second) {
            continue;
        }
        drop[pair[1] as usize] = true;
        let area = match second.area.and_then(|a| config.areas.get(a as usize)) {
            Some(a) => a.id.clone(),
            None => "toan-phuong".to_owned(),
        };
        let first_at = row_location(stats, first.file, first.line);
        let other = if display_path(&first_at.file).contains('!') {
            display_path(&first_at.file)
        } else {
            format!("{}:{}", display_path(&first_at.file), first.line)
        };
        diagnostics.push(
            Diagnostic::error(
                "stats_duplicate",
                Some(row_location(stats, second.file, second.line)),
            )
            .arg("period", second.period.code())
            .arg(
                "indicator",
                stats.indicators[second.indicator as usize].key.clone(),
            )
            .arg("area", area)
            .arg("other", other),
        );
    }
    // Kept in key order: the roll-up then finds every series as one run without sorting again.
    let mut figures: Vec<Option<Figure>> = std::mem::take(&mut stats.figures)
        .into_iter()
        .map(Some)
        .collect();
    stats.figures = order
        .iter()
        .filter(|&&n| !drop[n as usize])
        .filter_map(|&n| figures[n as usize].take())
        .collect();
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGoal {
    chi_so: String,
    gia_tri: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCampaign {
    ten: String,
    tu: String,
    den: String,
    ky: String,
    #[serde(default)]
    tom_tat: String,
    #[serde(default)]
    muc_tieu: Vec<Spanned<RawGoal>>,
}

fn parse_day(
    text: &str,
    field: &str,
    source: &SourceText,
    from: usize,
    diagnostics: &mut Diagnostics,
) -> Option<chrono::NaiveDate> {
    let date = PartialDate::parse(text).and_then(PartialDate::to_date);
    if date.is_none() {
        diagnostics.push(
            Diagnostic::error("date_invalid", Some(source.key_location(field, from)))
                .field(field.to_owned())
                .arg("value", text.to_owned()),
        );
    }
    date
}

fn parse_period_field(
    text: &str,
    field: &str,
    source: &SourceText,
    from: usize,
    diagnostics: &mut Diagnostics,
) -> Option<Period> {
    let period = Period::parse(text);
    if period.is_none() {
        diagnostics.push(
            Diagnostic::error(
                "stats_period_invalid",
                Some(source.key_location(field, from)),
            )
            .arg("value", text.to_owned()),
        );
    }
    period
}

fn slug_of(path: &Path) -> String {
    path.file_stem()
        .map(|s| slugify(&s.to_string_lossy()))
        .unwrap_or_default()
}

/// Reads one campaign file.
pub fn load_campaign(source: &SourceText, diagnostics: &mut Diagnostics) -> Option<Campaign> {
    let parts = split(source).map_err(|d| diagnostics.push(d)).ok()?;
    let raw: RawCampaign = parse_toml(source, parts.front, parts.front_offset, "ctx_campaign")
        .map_err(|d| diagnostics.push(d))
        .ok()?;
    let from = parts.front_offset;
    let start = parse_day(&raw.tu, "tu", source, from, diagnostics);
    let end = parse_day(&raw.den, "den", source, from, diagnostics);
    let period = parse_period_field(&raw.ky, "ky", source, from, diagnostics);
    let body_location = |offset: usize| source.location(parts.body_offset + offset);
    if !super::markdown::check(parts.body, &body_location, diagnostics) {
        return None;
    }
    let goals = raw
        .muc_tieu
        .into_iter()
        .map(|g| {
            let line = source.line_of(parts.front_offset + g.span().start);
            let g = g.into_inner();
            Goal {
                indicator: slugify(&g.chi_so),
                value: g.gia_tri,
                line,
            }
        })
        .collect();
    Some(Campaign {
        slug: slug_of(&source.path),
        source: source.path.clone(),
        title: raw.ten.trim().to_owned(),
        start: start?,
        end: end?,
        period: period?,
        goals,
        summary: raw.tom_tat,
        body: parts.body.to_owned(),
    })
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReport {
    tieu_de: String,
    ky: String,
    #[serde(default)]
    so: String,
    #[serde(default)]
    ky_hieu: String,
    #[serde(default)]
    ngay: String,
    #[serde(default)]
    kinh_gui: Vec<String>,
    #[serde(default)]
    chi_so_chinh: Vec<String>,
    #[serde(default)]
    trich_yeu: Option<String>,
    #[serde(default)]
    noi_ban_hanh: Option<String>,
    #[serde(default)]
    noi_nhan: Vec<String>,
    #[serde(default)]
    nguoi_ky: Option<Signer>,
}

/// The subject of a report titled `Báo cáo kết quả ...`: the title without the type name, with a
/// capital first letter (`Kết quả ...`).
pub fn report_subject(title: &str) -> String {
    let name = DocType::Report.name();
    let title = title.trim();
    let rest = match title.get(..name.len()) {
        Some(head) if head.to_lowercase() == name.to_lowercase() => title[name.len()..].trim(),
        _ => title,
    };
    let mut chars = rest.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => title.to_owned(),
    }
}

/// Reads one report narrative.
pub fn load_report(
    source: &SourceText,
    config: &SiteConfig,
    diagnostics: &mut Diagnostics,
) -> Option<ReportText> {
    let parts = split(source).map_err(|d| diagnostics.push(d)).ok()?;
    let raw: RawReport = parse_toml(source, parts.front, parts.front_offset, "ctx_report")
        .map_err(|d| diagnostics.push(d))
        .ok()?;
    let from = parts.front_offset;
    let period = parse_period_field(&raw.ky, "ky", source, from, diagnostics);
    let body_location = |offset: usize| source.location(parts.body_offset + offset);
    if !super::markdown::check(parts.body, &body_location, diagnostics) {
        return None;
    }
    let date = PartialDate::parse(&raw.ngay).unwrap_or_else(|| {
        diagnostics.push(
            Diagnostic::error("date_invalid", Some(source.key_location("ngay", from)))
                .field("ngay")
                .arg("value", raw.ngay.clone()),
        );
        PartialDate::default()
    });
    Some(ReportText {
        slug: slug_of(&source.path),
        source: source.path.clone(),
        title: raw.tieu_de.trim().to_owned(),
        period: period?,
        number: raw.so,
        symbol: raw.ky_hieu,
        date,
        addressees: raw.kinh_gui,
        key_indicators: raw.chi_so_chinh.iter().map(|k| slugify(k)).collect(),
        subject: raw
            .trich_yeu
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| report_subject(&raw.tieu_de)),
        place: raw.noi_ban_hanh.unwrap_or_else(|| config.name.clone()),
        recipients: raw.noi_nhan,
        signer: raw
            .nguoi_ky
            .unwrap_or_else(|| config.default_signer.clone()),
        body: parts.body.to_owned(),
        body_line: source.line_of(parts.body_offset),
        location: source.location(parts.front_offset),
    })
}

/// Reads every statistics input of a site. No data/indicators.toml: no statistics at all.
pub fn load(root: &Path, config: &SiteConfig, diagnostics: &mut Diagnostics) -> Statistics {
    let mut stats = Statistics {
        threshold: 5,
        ..Statistics::default()
    };
    if root.join(INDICATORS_FILE).is_file() {
        match read_source(root, Path::new(INDICATORS_FILE)) {
            Ok(source) => load_indicators(&source, &mut stats, diagnostics),
            Err(d) => diagnostics.push(d),
        }
    }
    load_figures(root, config, &mut stats, diagnostics);
    for path in super::files_in(root, "content/campaigns", &["md"]) {
        match read_source(root, &path) {
            Ok(source) => stats.campaigns.extend(load_campaign(&source, diagnostics)),
            Err(d) => diagnostics.push(d),
        }
    }
    for path in super::files_in(root, "content/reports", &["md"]) {
        match read_source(root, &path) {
            Ok(source) => stats
                .reports
                .extend(load_report(&source, config, diagnostics)),
            Err(d) => diagnostics.push(d),
        }
    }
    stats
        .campaigns
        .sort_by(|a, b| b.start.cmp(&a.start).then(a.slug.cmp(&b.slug)));
    stats
        .reports
        .sort_by(|a, b| b.period.cmp(&a.period).then(a.slug.cmp(&b.slug)));
    stats
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
    fn personal_data_is_recognised() {
        let allowed = vec!["Lưu Kiếm".to_owned(), "phường Lưu Kiếm".to_owned()];
        assert_eq!(
            personal_data_in("031095001234", &allowed, true),
            Some("privacy_kind_id")
        );
        assert_eq!(
            personal_data_in("gọi 0912 345 678", &allowed, true),
            Some("privacy_kind_phone")
        );
        assert_eq!(
            personal_data_in("+84912345678", &allowed, true),
            Some("privacy_kind_phone")
        );
        assert_eq!(
            personal_data_in("sinh 12/05/1948", &allowed, true),
            Some("privacy_kind_date")
        );
        assert_eq!(
            personal_data_in("cụ Nguyễn Văn An", &allowed, true),
            Some("privacy_kind_name")
        );
        assert_eq!(
            personal_data_in("Trần Thị Bình", &allowed, true),
            Some("privacy_kind_name")
        );
        assert_eq!(
            personal_data_in("bà Hoa", &allowed, true),
            Some("privacy_kind_name")
        );
        for fine in [
            "chi trả qua tài khoản",
            "phường Lưu Kiếm",
            "Tổ dân phố 3",
            "1.234",
            "2026-Q3",
            "96,5",
        ] {
            assert_eq!(personal_data_in(fine, &allowed, true), None, "{fine}");
        }
    }

    #[test]
    fn personal_columns() {
        for bad in [
            "Họ và tên",
            "ho_ten",
            "Ngày sinh",
            "Số CCCD",
            "Điện thoại",
            "Tên",
        ] {
            assert!(is_personal_column(&header_key(bad)), "{bad}");
        }
        for fine in ["ky", "khu_vuc", "chi_so", "ghi_chu", "so_luong"] {
            assert!(!is_personal_column(&header_key(fine)), "{fine}");
        }
    }

    #[test]
    fn spreadsheet_columns() {
        assert_eq!(column_letters(1), "A");
        assert_eq!(column_letters(3), "C");
        assert_eq!(column_letters(27), "AA");
    }
}
