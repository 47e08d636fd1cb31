//! Targets in a table of a target part. A column headed by a period (`Năm 2026`, `Giai đoạn
//! 2021-2025`, `2026-2030`) is a milestone: each row's figure in it is a target of its own, due by
//! the period's last year. Without period columns, the value column (`Giá trị`, `Kế hoạch`, else
//! the last) gives one target per row, due by the part's deadline. Columns of results (`Kết quả
//! năm 2025`, `Ước thực hiện 2025`) are not milestones.

use std::sync::LazyLock;

use regex::Regex;

use super::targets::{parse_number, target_from};
use crate::locale::fold_diacritics;
use crate::model::{PartialDate, Table, Target};

static PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\d])((?:19|20)\d{2})(?:\s*[-–—/]\s*((?:19|20)\d{2}))?(?:[^\d]|$)")
        .expect("valid regex")
});

/// The last year of the period a header names (`Giai đoạn 2021-2025` -> 2025).
fn period_end(header: &str) -> Option<i32> {
    let c = PERIOD.captures(header)?;
    c.get(2)
        .unwrap_or_else(|| c.get(1).expect("group 1"))
        .as_str()
        .parse()
        .ok()
}

/// The targets of `table` (at source line `line`).
pub(super) fn table_targets(
    table: &Table,
    line: usize,
    deadline: Option<PartialDate>,
    out: &mut Vec<Target>,
) {
    let column = |names: &[&str]| {
        table.header.iter().position(|h| {
            let h = fold_diacritics(&h.plain).to_lowercase();
            names.iter().any(|n| h.contains(n))
        })
    };
    let content =
        column(&["noi dung", "chi tieu"]).unwrap_or(1.min(table.header.len().saturating_sub(1)));
    let unit = column(&["don vi"]);
    let periods: Vec<(usize, i32)> = table
        .header
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != content && Some(i) != unit)
        .filter(|(_, h)| {
            // `Kết quả năm 2025`, `Ước thực hiện 2025`: what was done, not a milestone.
            let h = fold_diacritics(&h.plain).to_lowercase();
            !["ket qua", "thuc hien", "uoc ", "hien trang"]
                .iter()
                .any(|w| h.contains(w))
        })
        .filter_map(|(i, h)| period_end(&h.plain).map(|year| (i, year)))
        .collect();
    let value =
        column(&["gia tri", "ke hoach", "nam"]).or_else(|| table.header.len().checked_sub(1));
    for row in &table.rows {
        let Some(text) = row.get(content) else {
            continue;
        };
        let unit_text = unit
            .and_then(|i| row.get(i))
            .filter(|c| !c.plain.is_empty())
            .map(|c| c.plain.clone());
        let mut push = |column: Option<usize>, deadline: Option<PartialDate>, milestone: bool| {
            let mut target = target_from(text, line, deadline);
            if milestone {
                target.deadline = deadline;
            }
            if let Some(v) = column
                .and_then(|i| row.get(i))
                .and_then(|c| parse_number(&c.plain))
            {
                target.value = Some(v);
            }
            if let Some(u) = &unit_text {
                target.unit = Some(u.clone());
            }
            out.push(target);
        };
        if periods.is_empty() {
            push(value, deadline, false);
            continue;
        }
        for &(i, year) in &periods {
            // A milestone left blank in this row is no target.
            if row.get(i).is_none_or(|c| parse_number(&c.plain).is_none()) {
                continue;
            }
            let due = PartialDate {
                year: Some(year),
                month: None,
                day: None,
            };
            push(Some(i), Some(due), true);
        }
    }
}
