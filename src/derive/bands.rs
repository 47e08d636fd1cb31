//! Figures by age band (mừng thọ: 70, 75, ..., 100, over 100): the ward's figure of each band for
//! each period (given, added up from the groups, rolled up over time by the indicator's rule),
//! checked against the indicator's total, with the same small-count suppression as the groups:
//! bands from 1 to threshold-1 are shown as `< 5`, and when a single band would be hidden beside a
//! shown total, the next smallest band is hidden too, so no band can be found by subtraction.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::derive::charts::{self, ChartSpec, Point};
use crate::derive::stats::{
    CellText, Mismatch, Origin, Series, Suppression, Table, Value, cell, number_text, roll_up_time,
};
use crate::locale::format;
use crate::model::Site;
use crate::model::stats::{IndicatorKind, Period, Statistics};

/// The figures of one indicator by age band.
#[derive(Debug, Clone, PartialEq)]
pub struct BandTable {
    /// Indicator index.
    pub indicator: usize,
    /// Band codes as declared (`70`, `100+`).
    pub bands: Vec<String>,
    /// For each period, the ward figure of each band (`None`: not given).
    pub values: BTreeMap<Period, Vec<Option<f64>>>,
    /// Hidden band cells.
    pub suppressed: BTreeMap<(Period, usize), Suppression>,
    /// Periods whose bands do not add up to the indicator's total.
    pub mismatches: Vec<Mismatch>,
}

/// Hides small cells of one group and, while exactly one cell is hidden beside a shown total,
/// the smallest shown cell above zero too. `cells`: the values (`None`: no figure, never shown).
pub fn suppress_group(
    cells: &[Option<f64>],
    total_shown: bool,
    threshold: f64,
) -> Vec<Option<Suppression>> {
    let mut hidden: Vec<Option<Suppression>> = cells
        .iter()
        .map(|c| match c {
            Some(v) if *v > 0.0 && *v < threshold => Some(Suppression::Small),
            _ => None,
        })
        .collect();
    let missing = cells.iter().filter(|c| c.is_none()).count();
    if !total_shown || missing > 0 {
        return hidden;
    }
    while hidden.iter().filter(|h| h.is_some()).count() == 1 {
        // The smallest shown band above zero (a hidden zero is easily guessed), else a zero.
        let next = cells
            .iter()
            .enumerate()
            .filter(|(n, c)| hidden[*n].is_none() && c.is_some())
            .min_by(|a, b| {
                let (va, vb) = (a.1.unwrap_or(0.0), b.1.unwrap_or(0.0));
                (va == 0.0)
                    .cmp(&(vb == 0.0))
                    .then(va.total_cmp(&vb))
                    .then(a.0.cmp(&b.0))
            })
            .map(|(n, _)| n);
        match next {
            Some(n) => hidden[n] = Some(Suppression::Complementary),
            None => break,
        }
    }
    hidden
}

/// The band tables of every indicator that declares bands.
pub fn band_tables(stats: &Statistics, table: &Table, area_count: usize) -> Vec<BandTable> {
    let mut out = Vec::new();
    for (i, indicator) in stats.indicators.iter().enumerate() {
        if indicator.bands.is_empty() {
            continue;
        }
        let n = indicator.bands.len();
        // Given figures by (band, area, period).
        let mut given: BTreeMap<(usize, Option<u16>), BTreeMap<Period, Value>> = BTreeMap::new();
        let mut first_row: BTreeMap<Period, usize> = BTreeMap::new();
        for (k, b) in stats.band_figures.iter().enumerate() {
            let f = &b.figure;
            if f.indicator as usize != i {
                continue;
            }
            given.entry((b.band as usize, f.area)).or_default().insert(
                f.period,
                Value {
                    value: f.value,
                    origin: Origin::Given,
                },
            );
            first_row.entry(f.period).or_insert(k);
        }
        if given.is_empty() {
            continue;
        }
        let mut values: BTreeMap<Period, Vec<Option<f64>>> = BTreeMap::new();
        for band in 0..n {
            // The ward's series: given for the ward, else the sum of every group.
            let mut ward: BTreeMap<Period, Value> =
                given.get(&(band, None)).cloned().unwrap_or_default();
            if area_count > 0 {
                let groups: Vec<Option<&BTreeMap<Period, Value>>> = (0..area_count)
                    .map(|a| given.get(&(band, Some(a as u16))))
                    .collect();
                if let Some(Some(first)) = groups.first() {
                    for period in first.keys() {
                        if ward.contains_key(period) {
                            continue;
                        }
                        let parts: Option<f64> = groups
                            .iter()
                            .map(|g| g.and_then(|s| s.get(period)).map(|v| v.value))
                            .sum();
                        if let Some(sum) = parts {
                            ward.insert(
                                *period,
                                Value {
                                    value: sum,
                                    origin: Origin::RolledUp,
                                },
                            );
                        }
                    }
                }
            }
            let mut ward = Series::from_sorted(ward.into_iter().collect());
            roll_up_time(&mut ward, indicator.time_rule);
            for (period, value) in ward {
                values.entry(period).or_insert_with(|| vec![None; n])[band] = Some(value.value);
            }
        }
        let threshold = f64::from(stats.threshold);
        let mut suppressed = BTreeMap::new();
        let mut mismatches = Vec::new();
        for (period, cells) in &values {
            let sum: Option<f64> = cells.iter().copied().sum();
            let total = table.get(i, None, *period);
            if let (Some(total), Some(sum), Some(&row)) = (total, sum, first_row.get(period))
                && (total - sum).abs() > 1e-6 * total.abs().max(1.0)
            {
                mismatches.push(Mismatch {
                    location: stats.figure_location(&stats.band_figures[row].figure),
                    indicator: indicator.key.clone(),
                    period: period.code(),
                    given: total,
                    computed: sum,
                });
            }
            let total_shown = match total {
                Some(_) => !table.suppressed.contains_key(&(i as u16, None, *period)),
                None => sum.is_some_and(|s| s >= threshold || s == 0.0),
            };
            let hidden = if indicator.kind == IndicatorKind::Count {
                suppress_group(cells, total_shown, threshold)
            } else {
                vec![None; n]
            };
            for (band, h) in hidden.into_iter().enumerate() {
                if let Some(h) = h {
                    suppressed.insert((*period, band), h);
                }
            }
        }
        out.push(BandTable {
            indicator: i,
            bands: indicator.bands.clone(),
            values,
            suppressed,
            mismatches,
        });
    }
    out
}

impl BandTable {
    /// The latest period at or before `until` with a band above zero (finer periods first when
    /// two end on the same day).
    pub fn latest(&self, until: NaiveDate) -> Option<Period> {
        self.values
            .iter()
            .filter(|(p, cells)| p.last_day() <= until && cells.iter().flatten().any(|v| *v > 0.0))
            .map(|(p, _)| *p)
            .max_by(|a, b| {
                a.last_day()
                    .cmp(&b.last_day())
                    .then(b.level().cmp(&a.level()))
            })
    }

    /// A band cell as the public sees it.
    pub fn cell(&self, stats: &Statistics, period: Period, band: usize) -> Option<CellText> {
        let value = (*self.values.get(&period)?.get(band)?)?;
        let suppressed = self.suppressed.get(&(period, band)).copied();
        Some(CellText::shown(stats, self.indicator, value, suppressed))
    }
}

/// How a band is called: `70 tuổi`, `Trên 100 tuổi` (`100+`).
pub fn band_label(code: &str) -> String {
    match code.strip_suffix('+') {
        Some(age) => crate::messages::text("band_label_over", &[("age", age.trim().to_owned())]).vi,
        None => crate::messages::text("band_label", &[("age", code.to_owned())]).vi,
    }
}

/// One row of the table by band.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BandRow {
    /// `70 tuổi`.
    pub label: String,
    /// The figure, `< 5`, `x`, or none.
    pub cell: Option<CellText>,
}

/// An indicator's figures by age band for one period, as a page shows them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BandView {
    /// The period (`quý I/2026`).
    pub period: String,
    /// One row per band.
    pub rows: Vec<BandRow>,
    /// The total of the period.
    pub total: Option<CellText>,
    /// Bars by band.
    pub chart: Option<ChartSpec>,
}

/// The view of `bands` for `period`.
pub fn band_view(site: &Site, table: &Table, bands: &BandTable, period: Period) -> BandView {
    let stats = &site.stats;
    let i = bands.indicator;
    let indicator = &stats.indicators[i];
    let rows: Vec<BandRow> = bands
        .bands
        .iter()
        .enumerate()
        .map(|(b, code)| BandRow {
            label: band_label(code),
            cell: bands.cell(stats, period, b),
        })
        .collect();
    let total = cell(stats, table, (i as u16, None, period)).or_else(|| {
        let sum: Option<f64> = bands.values.get(&period)?.iter().copied().sum();
        let sum = sum?;
        Some(if sum > 0.0 && sum < f64::from(stats.threshold) {
            CellText {
                text: format!("< {}", stats.threshold),
                value: None,
                suppressed: Some(Suppression::Small),
            }
        } else {
            CellText {
                text: number_text(indicator, sum),
                value: Some(sum),
                suppressed: None,
            }
        })
    });
    let points: Vec<Point> = rows
        .iter()
        .filter_map(|r| {
            let c = r.cell.as_ref()?;
            Some(Point {
                label: r.label.clone(),
                axis: r.label.clone(),
                value: c.value,
                text: c.text.clone(),
            })
        })
        .collect();
    let texts = charts::BarTexts {
        title: "chart_band_title",
        description: "chart_band_description",
        place: ("ward", site.config.full_name()),
        label_head: crate::messages::text("chart_band_head", &[]).vi,
    };
    let chart = (points.len() >= 2)
        .then(|| charts::ranked_bars(indicator, &format::period(period), points, &texts, false))
        .flatten();
    BandView {
        period: format::period(period),
        rows,
        total,
        chart,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_single_small_band_takes_the_next_smallest_with_it() {
        // Total 62 shown: 3 alone could be found as 62 - (40 + 12 + 7); 7 is hidden too.
        let h = suppress_group(&[Some(40.0), Some(12.0), Some(7.0), Some(3.0)], true, 5.0);
        assert_eq!(
            h,
            vec![
                None,
                None,
                Some(Suppression::Complementary),
                Some(Suppression::Small)
            ]
        );
        // A zero is not taken while a band above zero is left.
        let h = suppress_group(&[Some(40.0), Some(0.0), Some(9.0), Some(3.0)], true, 5.0);
        assert_eq!(
            h,
            vec![
                None,
                None,
                Some(Suppression::Complementary),
                Some(Suppression::Small)
            ]
        );
        // Two small bands protect each other; zeros stay shown.
        let h = suppress_group(&[Some(40.0), Some(2.0), Some(0.0), Some(1.0)], true, 5.0);
        assert_eq!(
            h,
            vec![
                None,
                Some(Suppression::Small),
                None,
                Some(Suppression::Small)
            ]
        );
    }
}
