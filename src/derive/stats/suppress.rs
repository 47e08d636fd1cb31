//! Small-count suppression: counts below the threshold hidden, and enough others beside them
//! that no hidden count can be found by subtraction.

use std::collections::BTreeMap;

use rustc_hash::{FxHashMap, FxHashSet};

use super::rollup::{Key, Suppression, Table};
use crate::model::stats::{AreaRule, IndicatorKind, Statistics, TimeRule};

/// Small-count suppression for counts: cells from 1 to threshold-1 are hidden (`< 5`); where a
/// group (the groups of one period and the ward total; the months of a quarter; the quarters of a
/// year) would then have a single hidden cell beside a shown total, the smallest other cell is
/// hidden too, and so on until no hidden value can be found by subtraction.
pub fn suppress(
    stats: &Statistics,
    table: &Table,
    area_count: usize,
) -> BTreeMap<Key, Suppression> {
    let threshold = f64::from(stats.threshold);
    let mut hidden: FxHashMap<Key, Suppression> = FxHashMap::default();
    let mut queue: Vec<Key> = Vec::new();
    for ((i, area), series) in &table.series {
        if stats.indicators[*i as usize].kind != IndicatorKind::Count {
            continue;
        }
        for (period, value) in series.iter() {
            if value.value > 0.0 && value.value < threshold {
                let key = (*i, *area, *period);
                hidden.insert(key, Suppression::Small);
                queue.push(key);
            }
        }
    }
    // Each hidden cell is checked in the (at most two) groups it belongs to; a cell hidden in
    // turn is checked the same way, so only groups near a hidden cell are ever looked at. A group
    // is settled by its first check (it is skipped, or left with two hidden cells or more, and
    // cells are only ever added to `hidden`), so each group is looked at once. A group is named
    // by its total and whether it runs across groups or over time (the ward's quarter totals both
    // its groups and its months).
    let mut settled: FxHashSet<(Key, bool)> = FxHashSet::default();
    let mut cells: Vec<Key> = Vec::with_capacity(area_count.max(4));
    let mut values: Vec<f64> = Vec::with_capacity(area_count.max(4));
    while let Some(key) = queue.pop() {
        let (i, area, period) = key;
        let indicator = &stats.indicators[i as usize];
        for across_areas in [true, false] {
            cells.clear();
            let total = if across_areas {
                if indicator.area_rule != AreaRule::Sum || area.is_none() || area_count == 0 {
                    continue;
                }
                cells.extend((0..area_count).map(|a| (i, Some(a as u16), period)));
                (i, None, period)
            } else {
                let Some(parent) = period
                    .parent()
                    .filter(|_| indicator.time_rule == TimeRule::Sum)
                else {
                    continue;
                };
                // A year summed over part of it: the quarters it covers.
                let until = table.covered_until((i, area, parent));
                cells.extend(
                    parent
                        .children()
                        .into_iter()
                        .filter(|c| until.is_none_or(|u| *c <= u))
                        .map(|c| (i, area, c)),
                );
                (i, area, parent)
            };
            if !settled.insert((total, across_areas)) {
                continue;
            }
            if hidden.contains_key(&total) || table.value(total).is_none() {
                continue;
            }
            if !table.values_of(&cells, &mut values) {
                continue;
            }
            if cells.iter().filter(|k| hidden.contains_key(*k)).count() != 1 {
                continue;
            }
            let next = (0..cells.len())
                .filter(|&n| !hidden.contains_key(&cells[n]))
                .min_by(|&a, &b| {
                    values[a]
                        .total_cmp(&values[b])
                        .then(cells[a].cmp(&cells[b]))
                })
                .map(|n| cells[n]);
            if let Some(next) = next {
                hidden.insert(next, Suppression::Complementary);
                queue.push(next);
            }
        }
    }
    hidden.into_iter().collect()
}
