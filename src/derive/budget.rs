//! Figures derived from a budget disclosure: how much of each estimate has been spent or
//! collected (tỷ lệ thực hiện).

use crate::model::BudgetRow;

/// The actual figure as a percentage of the estimate, when both are known and the estimate is
/// not zero.
pub fn rate(row: &BudgetRow) -> Option<f64> {
    let actual = row.actual?;
    (row.estimate != 0.0).then(|| actual / row.estimate * 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(estimate: f64, actual: Option<f64>) -> BudgetRow {
        BudgetRow {
            item: "1".into(),
            label: "A".into(),
            depth: 1,
            is_total: false,
            estimate,
            actual,
            line: 2,
        }
    }

    #[test]
    fn rate_is_actual_over_estimate() {
        assert_eq!(rate(&row(200.0, Some(150.0))), Some(75.0));
        assert_eq!(rate(&row(200.0, None)), None);
        assert_eq!(rate(&row(0.0, Some(5.0))), None);
    }
}
