//! Budget disclosures (công khai ngân sách): `data/ngan-sach/<tên>.toml` describes a table (title,
//! year, unit, decision) and `data/ngan-sach/<tên>.csv` holds its rows: item number (`muc`: `1`,
//! `1.1`, ..., `tong` for the grand total), item, estimate (`du_toan`) and, once known, the
//! actual figure (`thuc_hien`). A given total that is not the sum of its parts is an error naming
//! its cell.

use serde::Deserialize;

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::load::frontmatter::{SourceText, parse_toml};
use crate::load::stats::parse_number;
use crate::locale::{fold_diacritics, slugify};
use crate::model::{BudgetRow, BudgetTable};

/// The units a budget table may be kept in, and how many đồng each is.
pub const UNITS: [(&str, f64); 3] = [
    ("đồng", 1.0),
    ("nghìn đồng", 1_000.0),
    ("triệu đồng", 1_000_000.0),
];

/// How far a given total may be from the sum of its parts (rounding in the file's unit).
const TOLERANCE: f64 = 0.5;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBudget {
    tieu_de: String,
    nam: i32,
    don_vi: String,
    #[serde(default)]
    quyet_dinh: String,
    #[serde(default)]
    mo_ta: String,
    #[serde(default)]
    tep: Option<String>,
}

/// Reads one descriptor and the CSV it names (`read` gives a file's text by its path relative
/// to the site folder). Every problem is located; `None` when the table cannot be shown.
pub fn load(
    source: &SourceText,
    read: &dyn Fn(&std::path::Path) -> Result<SourceText, Diagnostic>,
    diagnostics: &mut Diagnostics,
) -> Option<BudgetTable> {
    let raw: RawBudget = match parse_toml(source, &source.text, 0, "ctx_budget") {
        Ok(raw) => raw,
        Err(d) => {
            diagnostics.push(d);
            return None;
        }
    };
    let unit = raw.don_vi.trim();
    if !UNITS.iter().any(|(u, _)| *u == unit) {
        diagnostics.push(
            Diagnostic::error(
                "budget_unit_unknown",
                Some(source.key_location("don_vi", 0)),
            )
            .field("don_vi")
            .arg("value", raw.don_vi.clone()),
        );
        return None;
    }
    let stem = source
        .path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let csv_name = raw.tep.clone().unwrap_or_else(|| format!("{stem}.csv"));
    let csv_path = source
        .path
        .parent()
        .unwrap_or(std::path::Path::new(""))
        .join(&csv_name);
    // The CSV sits beside its descriptor: a bare file name, never a path out of the folder.
    if csv_name.contains(['/', '\\']) || csv_name.starts_with('.') {
        diagnostics.push(
            Diagnostic::error("budget_file_missing", Some(source.key_location("tep", 0)))
                .field("tep")
                .arg("path", csv_name),
        );
        return None;
    }
    let csv = match read(&csv_path) {
        Ok(csv) => csv,
        Err(_) => {
            let at = if raw.tep.is_some() {
                source.key_location("tep", 0)
            } else {
                Location::new(source.path.clone(), 1, 1)
            };
            diagnostics.push(
                Diagnostic::error("budget_file_missing", Some(at))
                    .field("tep")
                    .arg("path", crate::diagnostics::display_path(&csv_path)),
            );
            return None;
        }
    };
    let rows = read_rows(&csv, diagnostics)?;
    Some(BudgetTable {
        slug: slugify(&stem),
        source: source.path.clone(),
        csv: csv.path.clone(),
        title: raw.tieu_de,
        year: raw.nam,
        unit: unit.to_owned(),
        decision: raw.quyet_dinh,
        description: raw.mo_ta,
        rows,
    })
}

/// Char column of field `index` in a CSV line (1-based).
fn column_of(line: &str, index: usize) -> usize {
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

/// Whether an item number marks the grand total (`tong`, `Tổng`, `tổng cộng`).
fn is_total(item: &str) -> bool {
    fold_diacritics(item).to_lowercase().starts_with("tong")
}

/// Reads the rows and checks that every given total is the sum of its parts.
fn read_rows(csv: &SourceText, diagnostics: &mut Diagnostics) -> Option<Vec<BudgetRow>> {
    let lines: Vec<&str> = csv.text.lines().collect();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(csv.text.as_bytes());
    let mut header: Option<[Option<usize>; 4]> = None;
    let mut rows: Vec<BudgetRow> = Vec::new();
    // Where each row's figures are, for errors found after all rows are read.
    let mut cells: Vec<(Location, Option<Location>)> = Vec::new();
    let before = diagnostics.error_count();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(1, |p| p.line() as usize);
                diagnostics.push(
                    Diagnostic::error("stats_csv_invalid", Some(Location::new(&csv.path, line, 1)))
                        .arg("detail", e.to_string()),
                );
                return None;
            }
        };
        let line = record.position().map_or(1, |p| p.line() as usize);
        let text_line = lines.get(line - 1).copied().unwrap_or("");
        let at = |i: usize| Location::new(&csv.path, line, column_of(text_line, i));
        let Some(columns) = header else {
            let find = |name: &str| record.iter().position(|h| h.trim() == name);
            let found = [
                find("muc"),
                find("noi_dung"),
                find("du_toan"),
                find("thuc_hien"),
            ];
            for (i, name) in ["muc", "noi_dung", "du_toan"].iter().enumerate() {
                if found[i].is_none() {
                    diagnostics.push(
                        Diagnostic::error("budget_column_missing", Some(at(0)))
                            .arg("column", (*name).to_owned()),
                    );
                }
            }
            if found[..3].iter().any(Option::is_none) {
                return None;
            }
            header = Some(found);
            continue;
        };
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let field = |i: Option<usize>| i.and_then(|i| record.get(i)).unwrap_or("").trim();
        let number = |i: usize, name: &str, diagnostics: &mut Diagnostics| -> Option<Option<f64>> {
            let text = field(Some(i));
            if text.is_empty() {
                return Some(None);
            }
            match parse_number(text) {
                Some(v) => Some(Some(v)),
                None => {
                    diagnostics.push(
                        Diagnostic::error("number_invalid", Some(at(i)))
                            .field(name)
                            .arg("value", text.to_owned()),
                    );
                    None
                }
            }
        };
        let item = field(columns[0]).to_owned();
        let label = field(columns[1]).to_owned();
        let estimate_col = columns[2].unwrap_or(0);
        let estimate = number(estimate_col, "du_toan", diagnostics);
        let actual = match columns[3] {
            Some(i) => number(i, "thuc_hien", diagnostics),
            None => Some(None),
        };
        let (Some(estimate), Some(actual)) = (estimate, actual) else {
            continue;
        };
        let Some(estimate) = estimate else {
            diagnostics.push(
                Diagnostic::error("budget_estimate_missing", Some(at(estimate_col)))
                    .arg("item", label.clone()),
            );
            continue;
        };
        let total = is_total(&item);
        let depth = if total { 0 } else { item.split('.').count() };
        rows.push(BudgetRow {
            item,
            label,
            depth,
            is_total: total,
            estimate,
            actual,
            line,
        });
        cells.push((at(estimate_col), columns[3].map(at)));
    }
    if diagnostics.error_count() > before {
        return None;
    }
    // Every row that has parts (`1` has `1.1`, `1.2`; the total has every top-level item) is
    // their sum.
    for (r, row) in rows.iter().enumerate() {
        let parts: Vec<&BudgetRow> = rows
            .iter()
            .filter(|p| {
                !p.is_total
                    && if row.is_total {
                        p.depth == 1
                    } else {
                        p.item
                            .strip_prefix(&format!("{}.", row.item))
                            .is_some_and(|rest| !rest.contains('.'))
                    }
            })
            .collect();
        if parts.is_empty() {
            continue;
        }
        let check = |given: f64, sum: f64, at: &Location, column: &str| {
            ((given - sum).abs() > TOLERANCE).then(|| {
                Diagnostic::error("budget_total_mismatch", Some(at.clone()))
                    .field(column)
                    .arg("item", row.label.clone())
                    .arg("given", crate::locale::format::decimal(given, 2, false))
                    .arg("sum", crate::locale::format::decimal(sum, 2, false))
            })
        };
        let sum: f64 = parts.iter().map(|p| p.estimate).sum();
        if let Some(d) = check(row.estimate, sum, &cells[r].0, "du_toan") {
            diagnostics.push(d);
        }
        if let (Some(given), Some(at)) = (row.actual, &cells[r].1)
            && parts.iter().all(|p| p.actual.is_some())
        {
            let sum: f64 = parts.iter().filter_map(|p| p.actual).sum();
            if let Some(d) = check(given, sum, at, "thuc_hien") {
                diagnostics.push(d);
            }
        }
    }
    Some(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> (Option<Vec<BudgetRow>>, Vec<String>) {
        let csv = SourceText::new("data/ngan-sach/x.csv", text.to_owned());
        let mut d = Diagnostics::new();
        let rows = read_rows(&csv, &mut d);
        let found = d
            .iter()
            .map(|e| format!("{} {}", e.location.as_ref().unwrap(), e.code))
            .collect();
        (rows, found)
    }

    #[test]
    fn totals_add_up_or_the_cell_is_named() {
        let good = "muc,noi_dung,du_toan,thuc_hien\n\
                    1,Chi thường xuyên,\"1.500,5\",700\n\
                    1.1,Sự nghiệp văn hóa,\"1.000,5\",500\n\
                    1.2,Đảm bảo xã hội,500,200\n\
                    2,Chi đầu tư,300,\n\
                    tong,Tổng cộng,\"1.800,5\",\n";
        let (read, errors) = rows(good);
        assert!(errors.is_empty(), "{errors:?}");
        let read = read.unwrap();
        assert_eq!(read.len(), 5);
        assert_eq!(read[1].estimate, 1000.5);
        assert_eq!(read[1].depth, 2);
        assert!(read[4].is_total);
        // Item 1.2 lowered: item 1 (estimate and actual) no longer adds up; the total still
        // adds up item 1 as given.
        let bad = good.replace("1.2,Đảm bảo xã hội,500,200", "1.2,Đảm bảo xã hội,400,100");
        let (_, errors) = rows(&bad);
        assert_eq!(
            errors,
            [
                "data/ngan-sach/x.csv:2:20 budget_total_mismatch",
                "data/ngan-sach/x.csv:2:30 budget_total_mismatch",
            ]
        );
    }

    #[test]
    fn a_bad_number_and_a_missing_column_are_located() {
        let (_, errors) = rows("muc,noi_dung,du_toan\n1,A,12a\n");
        assert_eq!(errors, ["data/ngan-sach/x.csv:2:5 number_invalid"]);
        let (_, errors) = rows("muc,noi_dung\n1,A\n");
        assert_eq!(errors, ["data/ngan-sach/x.csv:1:1 budget_column_missing"]);
    }
}
