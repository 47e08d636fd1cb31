//! Budget disclosures (công khai ngân sách): the view of each table for its page, and its rows as
//! a CSV download (open data, numbers in machine form).

use serde::Serialize;

use crate::derive::Derived;
use crate::derive::budget::rate;
use crate::diagnostics::Diagnostic;
use crate::locale::format;
use crate::model::{BudgetTable, Site};
use crate::render::{Renderer, Sink, Stats, urls};

/// A row as the page shows it.
#[derive(Debug, Serialize)]
pub struct RowView {
    pub item: String,
    pub label: String,
    pub depth: usize,
    pub is_total: bool,
    pub estimate: String,
    pub actual: String,
    pub rate: String,
}

/// A budget table's page.
#[derive(Debug, Serialize)]
pub struct BudgetView {
    pub url: String,
    pub csv_url: String,
    pub title: String,
    pub year: i32,
    pub unit: String,
    pub decision: String,
    pub description: String,
    pub has_actual: bool,
    pub rows: Vec<RowView>,
}

/// Builds the view of `table`: figures in Vietnamese usage (`1.234.567`, `96,5%`).
pub fn budget_view(table: &BudgetTable) -> BudgetView {
    BudgetView {
        url: urls::budget(&table.slug),
        csv_url: urls::budget_csv(&table.slug),
        title: table.title.clone(),
        year: table.year,
        unit: table.unit.clone(),
        decision: table.decision.clone(),
        description: table.description.clone(),
        has_actual: table.rows.iter().any(|r| r.actual.is_some()),
        rows: table
            .rows
            .iter()
            .map(|r| RowView {
                item: if r.is_total {
                    String::new()
                } else {
                    r.item.clone()
                },
                label: r.label.clone(),
                depth: r.depth,
                is_total: r.is_total,
                estimate: format::decimal(r.estimate, 2, false),
                actual: r
                    .actual
                    .map(|a| format::decimal(a, 2, false))
                    .unwrap_or_default(),
                rate: rate(r).map(format::percent).unwrap_or_default(),
            })
            .collect(),
    }
}

/// The rows of `table` as CSV: the columns of the site folder's file, the derived rate, and the
/// unit on every row, numbers with a `.` decimal point for spreadsheets and programs.
pub fn csv_of(table: &BudgetTable) -> Result<Vec<u8>, String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let e = |e: csv::Error| e.to_string();
    writer
        .write_record([
            "muc",
            "noi_dung",
            "du_toan",
            "thuc_hien",
            "ty_le_thuc_hien",
            "don_vi",
        ])
        .map_err(e)?;
    for r in &table.rows {
        writer
            .write_record([
                r.item.as_str(),
                r.label.as_str(),
                &r.estimate.to_string(),
                &r.actual.map(|a| a.to_string()).unwrap_or_default(),
                &rate(r).map(|v| format!("{v:.1}")).unwrap_or_default(),
                table.unit.as_str(),
            ])
            .map_err(e)?;
    }
    writer.into_inner().map_err(|e| e.to_string())
}

/// Writes each budget table's CSV download.
pub struct BudgetCsvRenderer;

impl Renderer for BudgetCsvRenderer {
    fn name(&self) -> &'static str {
        "budget"
    }

    fn render(
        &self,
        site: &Site,
        _derived: &Derived,
        sink: &dyn Sink,
    ) -> Result<Stats, Vec<Diagnostic>> {
        let mut errors = Vec::new();
        for table in &site.budgets {
            let path = urls::file_for(&urls::budget_csv(&table.slug));
            let result =
                csv_of(table).and_then(|bytes| sink.put(&path, &bytes).map_err(|e| e.to_string()));
            if let Err(reason) = result {
                errors.push(
                    Diagnostic::error("output_error", None)
                        .arg("path", path)
                        .arg("reason", reason),
                );
            }
        }
        if errors.is_empty() {
            Ok(Stats {
                pages: 0,
                files: site.budgets.len(),
            })
        } else {
            Err(errors)
        }
    }
}
