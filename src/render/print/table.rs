//! A table of a plan for print: rows as wide as the table, column alignment, and widths that give
//! each column its share of the line (short amounts never squeezed beside a long text column).

use serde_json::{Value, json};

use super::data::runs;
use crate::model::{ColumnAlign, Inline, Table};

/// A table for print: every row as wide as the table (a short row gets empty cells, so the
/// template can lay cells out in order), each column's alignment (`left`, `center`, `right`),
/// and whether it has so many columns that it is set in smaller type.
pub(super) fn table_data(table: &Table) -> Value {
    let columns = table.columns();
    let row = |cells: &[Inline]| -> Vec<Value> {
        (0..columns)
            .map(|c| {
                cells
                    .get(c)
                    .map_or_else(|| json!([]), |cell| runs(&cell.markdown))
            })
            .collect()
    };
    let align: Vec<&str> = (0..columns)
        .map(|c| match table.align_of(c) {
            ColumnAlign::Unstated | ColumnAlign::Left => "left",
            ColumnAlign::Center => "center",
            ColumnAlign::Right => "right",
        })
        .collect();
    json!({
        "kind": "table",
        "columns": columns,
        "widths": column_widths(table),
        "align": align,
        "small": columns >= crate::render::document::MANY_COLUMNS,
        "header": row(&table.header),
        "rows": table.rows.iter().map(|r| row(r)).collect::<Vec<_>>(),
    })
}

/// Entries up to this many characters (numbers, units, row numbers) make a short column.
const SHORT_ENTRY: usize = 12;

/// How many characters of a line short columns may take at their natural width (about 60% of
/// the 165 mm text width at 14 pt, and at 11 pt for a table of many columns).
const SHORT_BUDGET: [usize; 2] = [44, 56];

/// How wide each column is printed: `null` for a column of short or unbreakable entries
/// (numbers, units, row numbers: its natural width), else a share of the rest of the line in
/// proportion to its longest entry (at most 60 characters counted), so the table spans the text
/// width as the documents' tables do. A table of short columns only spreads them evenly. When
/// the natural widths would take most of the line, every column gets a share, and the share of
/// a column is never less than its longest word (an amount such as `2.450.000.000` cannot wrap).
fn column_widths(table: &Table) -> Vec<Value> {
    let columns = table.columns();
    let cells = |c: usize| {
        table
            .header
            .get(c)
            .into_iter()
            .chain(table.rows.iter().filter_map(move |r| r.get(c)))
    };
    let chars = |cell: Option<&Inline>| cell.map_or(0, |c| c.plain.chars().count());
    let body: Vec<usize> = (0..columns)
        .map(|c| {
            table
                .rows
                .iter()
                .map(|r| chars(r.get(c)))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let header: Vec<usize> = (0..columns).map(|c| chars(table.header.get(c))).collect();
    // The longest word of a column (header included), with a character of padding each side.
    let need: Vec<usize> = (0..columns)
        .map(|c| {
            cells(c)
                .flat_map(|cell| cell.plain.split_whitespace())
                .map(|w| w.chars().count())
                .max()
                .unwrap_or(0)
                + 2
        })
        .collect();
    // A long column holds text that wraps; an entry without a space never wraps.
    let long: Vec<bool> = (0..columns)
        .map(|c| {
            let entry = if table.rows.is_empty() {
                header[c]
            } else {
                body[c]
            };
            entry > SHORT_ENTRY && entry + 2 > need[c]
        })
        .collect();
    if !long.contains(&true) && body.iter().all(|&b| b <= SHORT_ENTRY) {
        return vec![json!(1); columns];
    }
    let short_width: usize = (0..columns)
        .filter(|&c| !long[c])
        .map(|c| body[c].max(header[c]) + 2)
        .sum();
    let many = usize::from(columns >= crate::render::document::MANY_COLUMNS);
    let budget = SHORT_BUDGET[many];
    if short_width <= budget {
        return (0..columns)
            .map(|c| {
                if long[c] {
                    json!(body[c].max(header[c]).min(60))
                } else {
                    Value::Null
                }
            })
            .collect();
    }
    // Shares for all: words that cannot wrap first, the rest of the line to the text columns in
    // proportion to their longest entries.
    let line = budget * 100 / 60;
    let fixed: usize = (0..columns).filter(|&c| !long[c]).map(|c| need[c]).sum();
    let rest = line.saturating_sub(fixed);
    let text: usize = (0..columns)
        .filter(|&c| long[c])
        .map(|c| body[c].max(header[c]).min(60))
        .sum();
    (0..columns)
        .map(|c| {
            if long[c] {
                let share = rest * body[c].max(header[c]).min(60) / text.max(1);
                json!(share.max(need[c]))
            } else {
                json!(need[c].max(3))
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Block, BlockKind};

    fn table(markdown: &str) -> Table {
        match crate::load::markdown::pieces(markdown, &|_| 1).remove(0) {
            crate::load::markdown::Piece::Block(Block {
                kind: BlockKind::Table(t),
                ..
            }) => t,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn tables_span_the_line_with_short_columns_at_their_width() {
        let t = table(
            "| TT | Nội dung chỉ tiêu | Đơn vị | Năm 2026 |\n|:-:|---|:-:|--:|\n| 1 | Tỷ lệ người dân tham gia bảo hiểm y tế | % | 96,5 |\n| 2 | Hộ nghèo | hộ |\n",
        );
        let data = table_data(&t);
        assert_eq!(data["columns"], 4);
        assert_eq!(data["small"], false);
        assert_eq!(data["align"], json!(["center", "left", "center", "right"]));
        assert_eq!(data["widths"], json!([null, 38, null, null]));
        // The short row is filled with empty cells so cells stay in their columns.
        assert_eq!(data["rows"][1].as_array().unwrap().len(), 4);
        assert_eq!(data["rows"][1][3], json!([]));
        // Short columns only: spread evenly.
        let t = table("| A | B |\n|---|---|\n| 1 | 2 |\n");
        assert_eq!(table_data(&t)["widths"], json!([1, 1]));
        // Many short columns beside a long one: shares for all, so none is squeezed out.
        let t = table(
            "| Chỉ số | Tổ 1 | Tổ 2 | Tổ 3 | Tổ 4 | Tổ 5 | Tổ 6 |\n|---|--:|--:|--:|--:|--:|--:|\n| Người hưởng trợ cấp xã hội | 1.234.567 | 1.234.567 | 1.234.567 | 1.234.567 | 1.234.567 | 1.234.567 |\n",
        );
        let data = table_data(&t);
        assert_eq!(data["small"], true);
        assert_eq!(data["widths"], json!([27, 11, 11, 11, 11, 11, 11]));
        // Amounts that cannot wrap keep their width beside a long text column.
        let t = table(
            "| TT | Nội dung | Đơn vị tính | Số lượng | Năm 2026 | Giai đoạn 2026-2030 |\n|:-:|---|---|--:|--:|--:|\n| 1 | Trợ cấp xã hội hằng tháng cho đối tượng bảo trợ xã hội | người | 412 | 2.450.000.000 | 12.600.000.000 |\n",
        );
        let widths = table_data(&t)["widths"].clone();
        let widths: Vec<u64> = widths
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w.as_u64().unwrap())
            .collect();
        let total: u64 = widths.iter().sum();
        // The share of `2.450.000.000` (13 characters and padding) of a line of about 93.
        assert!(widths[4] * 93 >= 15 * total, "{widths:?}");
        assert!(widths[5] * 93 >= 16 * total, "{widths:?}");
        assert!(
            widths[1] > widths[4],
            "the text column takes the rest: {widths:?}"
        );
    }
}
