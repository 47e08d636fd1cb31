//! Roll-ups: months -> quarters -> years and groups -> ward by each indicator's rules, ratios
//! from their parts; small-count suppression is in `suppress.rs`.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::diagnostics::Location;
use crate::model::stats::{
    AreaIndex, AreaRule, Cycle, IndicatorKind, Period, Statistics, TimeRule,
};

/// Identifies one figure: indicator, area, period.
pub type Key = (u16, AreaIndex, Period);

/// Where a value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// Given in a data file.
    Given,
    /// Rolled up over time or areas.
    RolledUp,
    /// A ratio computed from its numerator and denominator.
    Computed,
}

pub use super::series::Series;

/// A value and where it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Value {
    /// The figure.
    pub value: f64,
    /// Given or derived.
    pub origin: Origin,
}

/// Why a count is not shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Suppression {
    /// Below the threshold: shown as `< 5`.
    Small,
    /// Hidden so that a small count cannot be found by subtraction.
    Complementary,
}

/// Areas whose figures do not add up to the ward figure given for the same period.
#[derive(Debug, Clone, PartialEq)]
pub struct Mismatch {
    /// Where the ward figure is.
    pub location: Location,
    /// Indicator key.
    pub indicator: String,
    /// Period code.
    pub period: String,
    /// The ward figure as given.
    pub given: f64,
    /// The figure the groups add up to.
    pub computed: f64,
}

/// Every value, given and derived.
#[derive(Debug, Default)]
pub struct Table {
    /// The series of each (indicator, area), in that order (the ward before its groups).
    pub(super) series: Vec<((u16, AreaIndex), Series)>,
    /// Suppressed cells.
    pub suppressed: BTreeMap<Key, Suppression>,
    /// Areas that do not add up.
    pub mismatches: Vec<Mismatch>,
    /// Computed ratios over 100% (a numerator above its denominator).
    pub ratios_over: Vec<RatioOver>,
    /// Years of yearly indicators (`chu_ky = "nam"`) summed over part of the year: the year's
    /// key and the last quarter its value covers (`2026` -> `2026-Q3`).
    pub partial_years: BTreeMap<Key, Period>,
}

/// A ratio computed over 100%: its numerator is larger than its denominator (more participants
/// than people). Reported as a warning naming both figures; the ratio is still shown.
#[derive(Debug, Clone, PartialEq)]
pub struct RatioOver {
    /// Where the numerator (else the denominator, else the ratio's declaration) is.
    pub location: Location,
    /// The ratio's key.
    pub indicator: String,
    /// The area.
    pub area: AreaIndex,
    /// The area's id (`toan-phuong` for the ward), filled in by [`super::derive`].
    pub area_id: String,
    /// Period code.
    pub period: String,
    /// The numerator's key and figure.
    pub numerator: (String, f64),
    /// The denominator's key and figure.
    pub denominator: (String, f64),
}

impl Table {
    /// For a year summed over part of it, the last quarter it covers.
    pub fn covered_until(&self, key: Key) -> Option<Period> {
        self.partial_years.get(&key).copied()
    }

    /// The last day a value covers: a year summed over part of it ends with its last quarter.
    pub fn end_day(&self, key: Key) -> NaiveDate {
        self.covered_until(key).unwrap_or(key.2).last_day()
    }

    /// The ward's periods of indicator `indicator` at the level of its `cycle`: years for a
    /// yearly indicator, months (where there are any) for a monthly one, every period for a
    /// quarterly one (the finest the figures have, as before cycles).
    pub fn cycle_periods(&self, indicator: usize, cycle: Cycle) -> Vec<Period> {
        let all = self.ward_periods(indicator);
        let level = match cycle {
            Cycle::Year => 2,
            Cycle::Month if all.iter().any(|p| p.level() == 0) => 0,
            Cycle::Month | Cycle::Quarter => return all,
        };
        all.into_iter().filter(|p| p.level() == level).collect()
    }

    /// The series of one indicator and area.
    pub fn series(&self, indicator: u16, area: AreaIndex) -> Option<&Series> {
        self.series
            .binary_search_by(|(k, _)| k.cmp(&(indicator, area)))
            .ok()
            .map(|n| &self.series[n].1)
    }

    /// The value of a cell and where it comes from.
    pub fn value(&self, key: Key) -> Option<&Value> {
        self.series(key.0, key.1)?.get(key.2)
    }

    /// The values of neighbouring `cells` (the groups of one period, the months of a quarter) into
    /// `out`; `false` if one is missing. Each is looked for beside the one before (the next
    /// series, the same or the next position) before halving.
    pub(super) fn values_of(&self, cells: &[Key], out: &mut Vec<f64>) -> bool {
        out.clear();
        let (mut series_guess, mut position_guess) = (0, 0);
        for &(i, area, period) in cells {
            let wanted = (i, area);
            let at = [series_guess, series_guess + 1]
                .into_iter()
                .find(|&n| self.series.get(n).is_some_and(|(k, _)| *k == wanted))
                .or_else(|| self.series.binary_search_by(|(k, _)| k.cmp(&wanted)).ok());
            let Some(at) = at else { return false };
            let Some((position, value)) = self.series[at].1.get_near(period, position_guess) else {
                return false;
            };
            (series_guess, position_guess) = (at, position);
            out.push(value.value);
        }
        true
    }

    /// A value.
    pub fn get(&self, indicator: usize, area: AreaIndex, period: Period) -> Option<f64> {
        self.value((indicator as u16, area, period))
            .map(|v| v.value)
    }

    /// Every value of one indicator, by area (the ward first) then period.
    pub fn indicator_values(&self, indicator: u16) -> impl Iterator<Item = (Key, &Value)> {
        let start = self.series.partition_point(|((i, _), _)| *i < indicator);
        self.series[start..]
            .iter()
            .take_while(move |((i, _), _)| *i == indicator)
            .flat_map(|((i, a), s)| s.iter().map(move |(p, v)| ((*i, *a, *p), v)))
    }

    /// Every value, in key order.
    pub fn values(&self) -> impl Iterator<Item = (Key, &Value)> {
        self.series
            .iter()
            .flat_map(|((i, a), s)| s.iter().map(move |(p, v)| ((*i, *a, *p), v)))
    }

    /// The periods with a ward value for an indicator, in order.
    pub fn ward_periods(&self, indicator: usize) -> Vec<Period> {
        self.series(indicator as u16, None)
            .map(|s| s.periods().collect())
            .unwrap_or_default()
    }

    /// The latest ward period at or before `until` (by last day), preferring the finer level.
    pub fn latest(&self, indicator: usize, until: NaiveDate) -> Option<Period> {
        self.ward_periods(indicator)
            .into_iter()
            .filter(|p| p.last_day() <= until)
            .max_by(|a, b| {
                a.last_day()
                    .cmp(&b.last_day())
                    .then(b.level().cmp(&a.level()))
            })
    }
}

pub(super) fn combine(rule_mean: bool, values: &[f64]) -> f64 {
    let sum: f64 = values.iter().sum();
    if rule_mean {
        sum / values.len() as f64
    } else {
        sum
    }
}

/// Rolls one series up over time: quarters from their three months, years from their four
/// quarters, by `rule`, only where every part is present and the longer period is not given.
pub fn roll_up_time(series: &mut Series, rule: TimeRule) {
    for level in [1u8, 2u8] {
        let mut added = Vec::new();
        let mut previous: Option<Period> = None;
        // Children come in period order, so their parents do too (each once after dedup).
        for (position, (child, _)) in series.iter().enumerate() {
            if child.level() + 1 != level {
                continue;
            }
            let Some(parent) = child.parent() else {
                continue;
            };
            if previous == Some(parent) {
                continue;
            }
            previous = Some(parent);
            // Months of a quarter sit side by side, the quarter just after them.
            let mut near = position;
            let parts: Option<Vec<f64>> = parent
                .children()
                .iter()
                .map(|c| {
                    let (at, v) = series.get_near(*c, near)?;
                    near = at;
                    Some(v.value)
                })
                .collect();
            if series.get_near(parent, near + 1).is_some() {
                continue;
            }
            let Some(parts) = parts else { continue };
            let value = match rule {
                TimeRule::Sum => combine(false, &parts),
                TimeRule::Mean => combine(true, &parts),
                TimeRule::Last => *parts.last().unwrap_or(&0.0),
            };
            added.push((
                parent,
                Value {
                    value,
                    origin: Origin::RolledUp,
                },
            ));
        }
        series.merge(added);
    }
}

pub(super) fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1.0)
}

impl Table {
    /// Like [`Table::latest`], skipping trailing zeros (months without a celebration, say), so a
    /// dashboard does not announce "0" when the last event had a figure.
    /// Only periods of the indicator's `cycle` count (see [`Table::cycle_periods`]); a year summed
    /// over part of it counts from the end of its last quarter.
    pub fn latest_nonzero(
        &self,
        indicator: usize,
        cycle: Cycle,
        until: NaiveDate,
    ) -> Option<Period> {
        let end = |p: &Period| self.end_day((indicator as u16, None, *p));
        let mut periods: Vec<Period> = self
            .cycle_periods(indicator, cycle)
            .into_iter()
            .filter(|p| end(p) <= until)
            .collect();
        periods.sort_by(|a, b| end(b).cmp(&end(a)).then(a.level().cmp(&b.level())));
        periods
            .iter()
            .find(|p| self.get(indicator, None, **p).is_some_and(|v| v != 0.0))
            .or(periods.first())
            .copied()
    }
}

/// Sums a yearly indicator's year still running (or given in part) over the quarters it has from
/// the first on (`rule` as for a whole year), where the year itself is not there; returns each
/// such year with the last quarter it covers.
pub fn roll_up_year_to_date(series: &mut Series, rule: TimeRule) -> Vec<(Period, Period)> {
    let mut added = Vec::new();
    let mut covered = Vec::new();
    let years: Vec<Period> = series
        .periods()
        .filter(|p| p.level() == 1)
        .filter_map(Period::parent)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    for year in years {
        if series.contains(year) {
            continue;
        }
        let parts: Vec<(Period, f64)> = year
            .children()
            .into_iter()
            .map_while(|q| series.get(q).map(|v| (q, v.value)))
            .collect();
        let Some(&(last, last_value)) = parts.last() else {
            continue;
        };
        let values: Vec<f64> = parts.iter().map(|(_, v)| *v).collect();
        let value = match rule {
            TimeRule::Sum => combine(false, &values),
            TimeRule::Mean => combine(true, &values),
            TimeRule::Last => last_value,
        };
        added.push((
            year,
            Value {
                value,
                origin: Origin::RolledUp,
            },
        ));
        covered.push((year, last));
    }
    series.merge(added);
    covered
}

/// Computes every roll-up of the site's figures.
pub fn roll_up(stats: &Statistics, area_count: usize) -> Table {
    let mut series: BTreeMap<(u16, AreaIndex), Series> = BTreeMap::new();
    // Sorted once, each series is built from its run in one pass (no insert per figure); the
    // duplicate check has already refused a period given twice.
    let order = stats.figure_order();
    for run in order.chunk_by(|&a, &b| {
        let (fa, fb) = (&stats.figures[a as usize], &stats.figures[b as usize]);
        (fa.indicator, fa.area) == (fb.indicator, fb.area)
    }) {
        let first = &stats.figures[run[0] as usize];
        let mut entries: Vec<(Period, Value)> = Vec::with_capacity(run.len());
        for &n in run {
            let f = &stats.figures[n as usize];
            let value = Value {
                value: f.value,
                origin: Origin::Given,
            };
            match entries.last_mut() {
                // A period given twice (refused at load): the later row counts.
                Some(last) if last.0 == f.period => last.1 = value,
                _ => entries.push((f.period, value)),
            }
        }
        let entries = Series::from_sorted(entries);
        series.insert((first.indicator, first.area), entries);
    }
    // Where each given ward figure is, for a mismatch report.
    let given_at = |i: u16, period: Period| -> Location {
        let run_start = order.partition_point(|&n| {
            let f = &stats.figures[n as usize];
            (f.indicator, f.area.is_some(), f.period) < (i, false, period)
        });
        order
            .get(run_start)
            .map(|&n| &stats.figures[n as usize])
            .filter(|f| (f.indicator, f.area, f.period) == (i, None, period))
            .map(|f| stats.figure_location(f))
            .unwrap_or_else(|| Location::file("data/stats"))
    };
    // Over time, each area and the ward.
    for ((indicator, _), s) in series.iter_mut() {
        roll_up_time(s, stats.indicators[*indicator as usize].time_rule);
    }
    // Over areas: a period every group has.
    let mut mismatches = Vec::new();
    for (i, indicator) in stats.indicators.iter().enumerate() {
        if indicator.area_rule == AreaRule::None || area_count == 0 {
            continue;
        }
        let i = i as u16;
        let mut computed_at: Vec<(Period, f64)> = Vec::new();
        {
            let groups: Option<Vec<&Series>> = (0..area_count)
                .map(|a| series.get(&(i, Some(a as u16))))
                .collect();
            let Some(groups) = groups else { continue };
            let mut parts = Vec::with_capacity(area_count);
            // Groups mostly have the same periods: each is looked for where the first has it.
            'period: for (position, period) in groups[0].periods().enumerate() {
                parts.clear();
                for group in &groups {
                    match group.get_near(period, position) {
                        Some((_, v)) => parts.push(v.value),
                        None => continue 'period,
                    }
                }
                computed_at.push((
                    period,
                    combine(indicator.area_rule == AreaRule::Mean, &parts),
                ));
            }
        }
        let ward = series.entry((i, None)).or_default();
        let mut added = Vec::new();
        for (period, computed) in computed_at {
            match ward.get(period) {
                Some(existing) => {
                    if existing.origin == Origin::Given && !close(existing.value, computed) {
                        mismatches.push(Mismatch {
                            location: given_at(i, period),
                            indicator: indicator.key.clone(),
                            period: period.code(),
                            given: existing.value,
                            computed,
                        });
                    }
                }
                None => added.push((
                    period,
                    Value {
                        value: computed,
                        origin: Origin::RolledUp,
                    },
                )),
            }
        }
        ward.merge(added);
        roll_up_time(ward, indicator.time_rule);
    }
    series.retain(|_, s| !s.is_empty());
    // A yearly indicator's year given in part: summed over the quarters it has.
    let mut partial_years = BTreeMap::new();
    for ((i, area), s) in series.iter_mut() {
        let indicator = &stats.indicators[*i as usize];
        if indicator.cycle != Cycle::Year || indicator.kind == IndicatorKind::Ratio {
            continue;
        }
        for (year, last) in roll_up_year_to_date(s, indicator.time_rule) {
            partial_years.insert((*i, *area, year), last);
        }
    }
    // Where a given figure is (a computed ratio over 100% names its parts' rows).
    let area_rank = |area: AreaIndex| area.map_or(0, |a| u32::from(a) + 1);
    let given_anywhere = |i: usize, area: AreaIndex, period: Period| -> Option<Location> {
        let wanted = (i as u16, area_rank(area), period.rank());
        let at = order.partition_point(|&n| {
            let f = &stats.figures[n as usize];
            (f.indicator, area_rank(f.area), f.period.rank()) < wanted
        });
        order
            .get(at)
            .map(|&n| &stats.figures[n as usize])
            .filter(|f| (f.indicator as usize, f.area, f.period) == (i, area, period))
            .map(|f| stats.figure_location(f))
    };
    let mut ratios_over = Vec::new();
    // Ratios from their parts.
    for (i, indicator) in stats.indicators.iter().enumerate() {
        let (Some(num), Some(den)) = (&indicator.numerator, &indicator.denominator) else {
            continue;
        };
        let (Some(num), Some(den)) = (stats.indicator_index(num), stats.indicator_index(den))
        else {
            continue;
        };
        let areas = std::iter::once(None).chain((0..area_count).map(|a| Some(a as u16)));
        for area in areas {
            let (Some(ns), Some(ds)) = (
                series.get(&(num as u16, area)),
                series.get(&(den as u16, area)),
            ) else {
                continue;
            };
            let mut over_in_series = 0;
            let ratios: Vec<(Period, Value)> = ns
                .iter()
                .enumerate()
                .filter_map(|(position, (p, n))| {
                    let (_, d) = ds.get_near(*p, position)?;
                    let value = 100.0 * n.value / d.value;
                    // Said once for each given part (its roll-ups follow from it), or once for
                    // a series of roll-ups only.
                    let given = n.origin == Origin::Given || d.origin == Origin::Given;
                    if d.value > 0.0
                        && value > 100.0
                        && !close(n.value, d.value)
                        && (given || over_in_series == 0)
                    {
                        over_in_series += 1;
                        let location = given_anywhere(num, area, *p)
                            .or_else(|| given_anywhere(den, area, *p))
                            .unwrap_or_else(|| {
                                Location::new(
                                    crate::load::stats::INDICATORS_FILE,
                                    indicator.line,
                                    1,
                                )
                            });
                        ratios_over.push(RatioOver {
                            location,
                            indicator: indicator.key.clone(),
                            area,
                            area_id: String::new(),
                            period: p.code(),
                            numerator: (stats.indicators[num].key.clone(), n.value),
                            denominator: (stats.indicators[den].key.clone(), d.value),
                        });
                    }
                    (d.value > 0.0).then_some((
                        *p,
                        Value {
                            value,
                            origin: Origin::Computed,
                        },
                    ))
                })
                .collect();
            // A ratio of years summed over part of them covers as far as its parts do.
            for (p, _) in &ratios {
                let part = |k: usize| partial_years.get(&(k as u16, area, *p)).copied();
                if let Some(until) = part(num).or_else(|| part(den)) {
                    partial_years.insert((i as u16, area, *p), until);
                }
            }
            if !ratios.is_empty() {
                series.insert((i as u16, area), Series::from_sorted(ratios));
            }
        }
    }
    let mut table = Table {
        series: series.into_iter().collect(),
        suppressed: BTreeMap::new(),
        mismatches,
        ratios_over,
        partial_years,
    };
    table.suppressed = super::suppress::suppress(stats, &table, area_count);
    table
}
