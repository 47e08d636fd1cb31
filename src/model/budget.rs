//! Budget disclosure tables (công khai ngân sách).

use std::path::PathBuf;

/// A budget disclosure table (công khai ngân sách: data/ngan-sach/<tên>.toml and .csv).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct BudgetTable {
    /// Address (from the descriptor's file name).
    pub slug: String,
    /// The descriptor, relative to the site root.
    pub source: PathBuf,
    /// The CSV of rows, relative to the site root.
    pub csv: PathBuf,
    /// Title (`Dự toán thu, chi ngân sách phường năm 2026`).
    pub title: String,
    /// Budget year.
    pub year: i32,
    /// Unit of every figure (`đồng`, `nghìn đồng`, `triệu đồng`).
    pub unit: String,
    /// The decision that publishes it (`Quyết định số 15/QĐ-UBND ngày ...`).
    pub decision: String,
    /// A sentence or two for residents.
    pub description: String,
    /// The rows, in file order.
    pub rows: Vec<BudgetRow>,
}

/// One row of a budget table.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct BudgetRow {
    /// Item number as written (`1`, `1.2`, `tong`).
    pub item: String,
    /// Item.
    pub label: String,
    /// 1 for `1`, 2 for `1.2`, ...; 0 for the grand total.
    pub depth: usize,
    /// The grand total.
    pub is_total: bool,
    /// Estimate (dự toán), in the table's unit.
    pub estimate: f64,
    /// Actual (thực hiện), in the table's unit, once known.
    pub actual: Option<f64>,
    /// 1-based line in the CSV.
    pub line: usize,
}
