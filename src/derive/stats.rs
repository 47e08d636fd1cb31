//! Statistics derived from the figures: roll-ups (months -> quarters -> years, groups -> ward) by
//! each indicator's rules, ratios from their parts, change against the previous period and the
//! same period last year, small-count suppression, plan target progress, campaign results, and the
//! generated sections of each periodic report (a plain structure a web page or a PDF can use).

use std::collections::BTreeMap;

use rustc_hash::{FxHashMap, FxHashSet};

use chrono::NaiveDate;
use serde::Serialize;

use crate::derive::charts::{self, ChartSpec};
use crate::diagnostics::{Diagnostic, Location};
use crate::locale::format;
use crate::model::stats::{
    AreaIndex, AreaRule, Direction, Indicator, IndicatorKind, Period, Statistics, TimeRule,
};
use crate::model::{Comparison, Site, Target};

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

/// One series of values (one indicator, one area) sorted by period: a flat vector searched by
/// halving, which at a million figures is several times faster than a map of maps.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Series(Vec<(Period, Value)>);

impl Series {
    /// A series from entries already in period order with no period twice.
    pub fn from_sorted(entries: Vec<(Period, Value)>) -> Series {
        debug_assert!(entries.windows(2).all(|w| w[0].0 < w[1].0));
        Series(entries)
    }

    /// The value of a period.
    pub fn get(&self, period: Period) -> Option<&Value> {
        self.0
            .binary_search_by(|(p, _)| p.cmp(&period))
            .ok()
            .map(|n| &self.0[n].1)
    }

    /// The value of a period and its position, looked for first at `guess` and just after it
    /// (where it is in a series with the same periods, or after the month before), then by
    /// halving.
    fn get_near(&self, period: Period, guess: usize) -> Option<(usize, &Value)> {
        for n in [guess, guess + 1] {
            if let Some((p, v)) = self.0.get(n)
                && *p == period
            {
                return Some((n, v));
            }
        }
        let n = self.0.binary_search_by(|(p, _)| p.cmp(&period)).ok()?;
        Some((n, &self.0[n].1))
    }

    /// Whether a period has a value.
    pub fn contains(&self, period: Period) -> bool {
        self.get(period).is_some()
    }

    /// Periods and values in period order.
    pub fn iter(&self) -> std::slice::Iter<'_, (Period, Value)> {
        self.0.iter()
    }

    /// Periods in order.
    pub fn periods(&self) -> impl Iterator<Item = Period> + '_ {
        self.0.iter().map(|(p, _)| *p)
    }

    /// Whether the series has no value.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Adds values for periods not yet in the series (`added` in period order).
    fn merge(&mut self, added: Vec<(Period, Value)>) {
        if added.is_empty() {
            return;
        }
        let old = std::mem::take(&mut self.0);
        let mut merged = Vec::with_capacity(old.len() + added.len());
        let (mut a, mut b) = (old.into_iter().peekable(), added.into_iter().peekable());
        loop {
            let take_old = match (a.peek(), b.peek()) {
                (Some(x), Some(y)) => x.0 < y.0,
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (None, None) => break,
            };
            merged.extend(if take_old { a.next() } else { b.next() });
        }
        self.0 = merged;
    }
}

impl IntoIterator for Series {
    type Item = (Period, Value);
    type IntoIter = std::vec::IntoIter<(Period, Value)>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

/// Every value, given and derived.
#[derive(Debug, Default)]
pub struct Table {
    /// The series of each (indicator, area), in that order (the ward before its groups).
    series: Vec<((u16, AreaIndex), Series)>,
    /// Suppressed cells.
    pub suppressed: BTreeMap<Key, Suppression>,
    /// Areas that do not add up.
    pub mismatches: Vec<Mismatch>,
}

impl Table {
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
    fn values_of(&self, cells: &[Key], out: &mut Vec<f64>) -> bool {
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

fn combine(rule_mean: bool, values: &[f64]) -> f64 {
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

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1.0)
}

impl Table {
    /// Like [`Table::latest`], skipping trailing zeros (months without a celebration, say), so a
    /// dashboard does not announce "0" when the last event had a figure.
    pub fn latest_nonzero(&self, indicator: usize, until: NaiveDate) -> Option<Period> {
        let mut periods: Vec<Period> = self
            .ward_periods(indicator)
            .into_iter()
            .filter(|p| p.last_day() <= until)
            .collect();
        periods.sort_by(|a, b| {
            b.last_day()
                .cmp(&a.last_day())
                .then(a.level().cmp(&b.level()))
        });
        periods
            .iter()
            .find(|p| self.get(indicator, None, **p).is_some_and(|v| v != 0.0))
            .or(periods.first())
            .copied()
    }
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
            let ratios: Vec<(Period, Value)> = ns
                .iter()
                .enumerate()
                .filter_map(|(position, (p, n))| {
                    let (_, d) = ds.get_near(*p, position)?;
                    (d.value > 0.0).then(|| {
                        (
                            *p,
                            Value {
                                value: 100.0 * n.value / d.value,
                                origin: Origin::Computed,
                            },
                        )
                    })
                })
                .collect();
            if !ratios.is_empty() {
                series.insert((i as u16, area), Series::from_sorted(ratios));
            }
        }
    }
    let mut table = Table {
        series: series.into_iter().collect(),
        suppressed: BTreeMap::new(),
        mismatches,
    };
    table.suppressed = suppress(stats, &table, area_count);
    table
}

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
                cells.extend(parent.children().into_iter().map(|c| (i, area, c)));
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

/// A figure formatted for a reader: `1.234`, `96,5%`, `1.500.000`.
pub fn number_text(indicator: &Indicator, value: f64) -> String {
    match indicator.kind {
        IndicatorKind::Ratio => format::percent(value),
        IndicatorKind::Amount => format::decimal(value, 0, false),
        IndicatorKind::Count => format::decimal(value, 1, false),
    }
}

/// A figure with its unit: `1.234 người`, `96,5%`, `1.500.000 đồng`.
pub fn value_text(indicator: &Indicator, value: f64) -> String {
    match indicator.kind {
        IndicatorKind::Ratio => format::percent(value),
        _ => format!("{} {}", number_text(indicator, value), indicator.unit),
    }
}

/// A cell as shown: the figure, `< 5`, or hidden.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CellText {
    /// What is shown.
    pub text: String,
    /// The value, when shown.
    pub value: Option<f64>,
    /// Why hidden, when hidden.
    pub suppressed: Option<Suppression>,
}

impl CellText {
    /// `value` of indicator `indicator` as the public sees it: the figure, or `< threshold` / `x`
    /// when suppressed.
    pub fn shown(
        stats: &Statistics,
        indicator: usize,
        value: f64,
        suppressed: Option<Suppression>,
    ) -> CellText {
        match suppressed {
            Some(Suppression::Small) => CellText {
                text: format!("< {}", stats.threshold),
                value: None,
                suppressed,
            },
            Some(Suppression::Complementary) => CellText {
                text: "x".to_owned(),
                value: None,
                suppressed,
            },
            None => CellText {
                text: number_text(&stats.indicators[indicator], value),
                value: Some(value),
                suppressed: None,
            },
        }
    }
}

/// How a cell shows to the public.
pub fn cell(stats: &Statistics, table: &Table, key: Key) -> Option<CellText> {
    let value = table.value(key)?.value;
    let suppressed = table.suppressed.get(&key).copied();
    Some(CellText::shown(stats, key.0 as usize, value, suppressed))
}

/// Change of a figure against another period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// The other period (`quý II/2026`).
    pub against: String,
    /// `up`, `down` or `same`.
    pub direction: &'static str,
    /// Whether the change is good news (`None`: neither).
    pub good: Option<bool>,
    /// Size of the change with unit (`12 người`, `1,2 điểm phần trăm` is the template's word).
    pub amount_text: String,
    /// Relative change (`3,4%`), for counts and amounts with a non-zero base.
    pub percent_text: Option<String>,
    /// The earlier value.
    pub before_text: String,
    /// The change is in percentage points (ratios).
    pub percentage_points: bool,
}

/// Change of `value` against the figure of `other`, if known.
pub fn change(
    indicator: &Indicator,
    table: &Table,
    index: usize,
    area: AreaIndex,
    value: f64,
    other: Period,
) -> Option<Change> {
    let before = table.get(index, area, other)?;
    let diff = value - before;
    let direction = if close(value, before) {
        "same"
    } else if diff > 0.0 {
        "up"
    } else {
        "down"
    };
    let good = match (indicator.direction, direction) {
        (_, "same") | (Direction::Neutral, _) => None,
        (Direction::Up, d) => Some(d == "up"),
        (Direction::Down, d) => Some(d == "down"),
    };
    let amount_text = match indicator.kind {
        IndicatorKind::Ratio => format::decimal(diff.abs(), 1, false),
        _ => value_text(indicator, diff.abs()),
    };
    let percent_text = (indicator.kind != IndicatorKind::Ratio && before != 0.0)
        .then(|| format::percent((diff / before * 100.0).abs()));
    Some(Change {
        against: format::period(other),
        direction,
        good,
        amount_text,
        percent_text,
        before_text: value_text(indicator, before),
        percentage_points: indicator.kind == IndicatorKind::Ratio,
    })
}

/// Target status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Đạt.
    Met,
    /// Chưa đạt (deadline passed).
    NotMet,
    /// Chưa đến hạn.
    NotDue,
    /// Chưa có số liệu.
    NoData,
}

/// The status of a measured value against a goal.
pub fn status(met: Option<bool>, deadline_passed: bool) -> Status {
    match met {
        None => Status::NoData,
        Some(true) => Status::Met,
        Some(false) if deadline_passed => Status::NotMet,
        Some(false) => Status::NotDue,
    }
}

/// Progress of a plan target measured by an indicator.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetProgress {
    /// Plan index.
    pub plan: usize,
    /// Target index in the plan.
    pub target: usize,
    /// Indicator key, if the target is measured.
    pub indicator: Option<String>,
    /// Indicator name.
    pub indicator_name: Option<String>,
    /// The period measured.
    pub period: Option<String>,
    /// The value measured, formatted.
    pub value_text: Option<String>,
    /// The value measured.
    pub value: Option<f64>,
    /// The value to reach, formatted.
    pub goal_text: String,
    /// Share of the goal reached, 0-100 (at-least targets with a non-zero goal).
    pub percent_of_goal: Option<f64>,
    /// The share formatted (`99,1%`).
    pub percent_of_goal_text: Option<String>,
    /// Status.
    pub status: Status,
    /// Deadline, formatted.
    pub deadline_text: String,
}

/// The figure a target on indicator `i` is measured on at `until`, with the period it covers as a
/// reader sees it. A target due in a year on an indicator that adds up over time (payments,
/// counselling sessions) is measured on the year so far: the year's figure once the year is over,
/// else its quarters and then months up to `until`, as long as they follow one another. Any other
/// target is measured on the latest figure.
pub fn measure(
    stats: &Statistics,
    table: &Table,
    i: usize,
    deadline: Option<Period>,
    until: NaiveDate,
) -> Option<(f64, String)> {
    if let Some(Period::Year { .. }) = deadline
        && stats.indicators[i].time_rule == TimeRule::Sum
    {
        let (value, last) = year_to_date(table, i, until)?;
        let text = if matches!(last, Period::Year { .. }) {
            format::period(last)
        } else {
            crate::messages::text(
                "target_year_to_date",
                &[
                    ("year", last.year().to_string()),
                    ("last", format::period(last)),
                ],
            )
            .vi
        };
        return Some((value, text));
    }
    let period = table.latest(i, until)?;
    Some((table.get(i, None, period)?, format::period(period)))
}

/// The ward's sum of indicator `i` from the start of the year of `until` to `until`, and the
/// last period counted: the year's own figure when the year is over, else whole quarters, then
/// the months of the quarter under way, stopping at the first gap.
pub fn year_to_date(table: &Table, i: usize, until: NaiveDate) -> Option<(f64, Period)> {
    use chrono::Datelike;
    let year = Period::Year { year: until.year() };
    if year.last_day() <= until
        && let Some(v) = table.get(i, None, year)
    {
        return Some((v, year));
    }
    let mut total = 0.0;
    let mut last = None;
    'quarters: for quarter in year.children() {
        if quarter.last_day() <= until
            && let Some(v) = table.get(i, None, quarter)
        {
            total += v;
            last = Some(quarter);
            continue;
        }
        for month in quarter.children() {
            match table.get(i, None, month) {
                Some(v) if month.last_day() <= until => {
                    total += v;
                    last = Some(month);
                }
                _ => break 'quarters,
            }
        }
    }
    last.map(|l| (total, l))
}

fn target_progress(
    site: &Site,
    table: &Table,
    build_date: NaiveDate,
    plan: usize,
    index: usize,
    target: &Target,
) -> TargetProgress {
    let stats = &site.stats;
    let indicator = target
        .indicator
        .as_deref()
        .and_then(|k| stats.indicator_index(k));
    let deadline_day = target
        .deadline
        .and_then(Period::of_deadline)
        .map(Period::last_day);
    let passed = deadline_day.is_some_and(|d| d < build_date);
    let until = deadline_day.map_or(build_date, |d| d.min(build_date));
    let deadline = target.deadline.and_then(Period::of_deadline);
    let measured = indicator.and_then(|i| {
        let (value, period) = measure(stats, table, i, deadline, until)?;
        Some((i, period, value))
    });
    let met = match (&measured, target.value) {
        (Some((_, _, v)), Some(goal)) => Some(match target.comparison {
            Comparison::AtLeast => *v >= goal - 1e-9,
            Comparison::AtMost => *v <= goal + 1e-9,
        }),
        _ => None,
    };
    let goal_text = match (target.value, target.unit.as_deref()) {
        (Some(v), Some("%")) => format::percent(v),
        (Some(v), Some(u)) => format!("{} {u}", format::decimal(v, 2, false)),
        (Some(v), None) => format::decimal(v, 2, false),
        (None, _) => String::new(),
    };
    let percent_of_goal = match (&measured, target.value, target.comparison) {
        (Some((_, _, v)), Some(goal), Comparison::AtLeast) if goal > 0.0 => {
            Some((v / goal * 100.0).min(100.0))
        }
        _ => None,
    };
    TargetProgress {
        plan,
        target: index,
        indicator: indicator.map(|i| stats.indicators[i].key.clone()),
        indicator_name: indicator.map(|i| stats.indicators[i].name.clone()),
        period: measured.as_ref().map(|(_, p, _)| p.clone()),
        value_text: measured
            .as_ref()
            .map(|(i, _, v)| value_text(&stats.indicators[*i], *v)),
        value: measured.as_ref().map(|(_, _, v)| *v),
        goal_text,
        percent_of_goal,
        percent_of_goal_text: percent_of_goal.map(format::percent),
        status: status(met, passed),
        deadline_text: target
            .deadline
            .map(|d| format::partial_short(d.year, d.month, d.day))
            .unwrap_or_default(),
    }
}

/// A campaign goal and its result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GoalResult {
    /// Indicator key.
    pub indicator: String,
    /// Indicator name.
    pub indicator_name: String,
    /// Goal, formatted.
    pub goal_text: String,
    /// Result, formatted.
    pub value_text: Option<String>,
    /// Share of the goal (higher-is-better goals).
    pub percent_of_goal: Option<f64>,
    /// The share formatted (`99,1%`).
    pub percent_of_goal_text: Option<String>,
    /// Status.
    pub status: Status,
}

/// A campaign's results.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CampaignResult {
    /// Campaign index.
    pub campaign: usize,
    /// Goals and results.
    pub goals: Vec<GoalResult>,
    /// The period measured (`tháng 10/2025`).
    pub period_text: String,
    /// Results against goals as a chart, when any goal has a result.
    pub chart: Option<ChartSpec>,
}

fn campaign_result(site: &Site, table: &Table, build_date: NaiveDate, c: usize) -> CampaignResult {
    let stats = &site.stats;
    let campaign = &stats.campaigns[c];
    let passed = campaign.end < build_date;
    let goals: Vec<GoalResult> = campaign
        .goals
        .iter()
        .filter_map(|g| {
            let i = stats.indicator_index(&g.indicator)?;
            let indicator = &stats.indicators[i];
            let value = table.get(i, None, campaign.period);
            let lower_is_better = indicator.direction == Direction::Down;
            let met = value.map(|v| {
                if lower_is_better {
                    v <= g.value + 1e-9
                } else {
                    v >= g.value - 1e-9
                }
            });
            let percent_of_goal = value
                .filter(|_| !lower_is_better && g.value > 0.0)
                .map(|v| (v / g.value * 100.0).min(100.0));
            Some(GoalResult {
                indicator: indicator.key.clone(),
                indicator_name: indicator.name.clone(),
                goal_text: value_text(indicator, g.value),
                value_text: value.map(|v| value_text(indicator, v)),
                percent_of_goal,
                percent_of_goal_text: percent_of_goal.map(format::percent),
                status: status(met, passed),
            })
        })
        .collect();
    let goals: Vec<GoalResult> = goals;
    let points: Vec<charts::Point> = goals
        .iter()
        .filter(|g| g.percent_of_goal.is_some())
        .map(|g| charts::Point {
            label: g.indicator_name.clone(),
            axis: g.indicator_name.clone(),
            value: g.percent_of_goal,
            text: format!(
                "{} / {}",
                g.value_text.clone().unwrap_or_default(),
                g.goal_text
            ),
        })
        .collect();
    let args = [
        ("period", format::period(campaign.period)),
        ("count", points.len().to_string()),
        (
            "met",
            goals
                .iter()
                .filter(|g| g.status == Status::Met)
                .count()
                .to_string(),
        ),
    ];
    let chart = (!points.is_empty())
        .then(|| {
            charts::progress(
                crate::messages::text("chart_progress_title", &args).vi,
                crate::messages::text("chart_progress_description", &args).vi,
                points,
            )
        })
        .flatten();
    CampaignResult {
        campaign: c,
        goals,
        period_text: format::period(campaign.period),
        chart,
    }
}

/// A key figure of a period with its changes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeyFigure {
    /// Indicator key.
    pub indicator: String,
    /// Indicator name.
    pub name: String,
    /// The period (`quý III/2026`).
    pub period: String,
    /// The value, formatted with unit.
    pub value_text: String,
    /// The dashboard sentence with the number in it.
    pub sentence: String,
    /// Against the previous period.
    pub previous: Option<Change>,
    /// Against the same period last year.
    pub year_ago: Option<Change>,
}

/// The key figure of an indicator for a period (ward), if it has one.
pub fn key_figure(
    stats: &Statistics,
    table: &Table,
    i: usize,
    period: Period,
) -> Option<KeyFigure> {
    let indicator = &stats.indicators[i];
    let value = table.get(i, None, period)?;
    let shown = cell(stats, table, (i as u16, None, period))?;
    Some(KeyFigure {
        indicator: indicator.key.clone(),
        name: indicator.name.clone(),
        period: format::period(period),
        value_text: match shown.value {
            Some(v) => value_text(indicator, v),
            None => shown.text.clone(),
        },
        sentence: indicator.sentence.replace("{so}", &shown.text),
        previous: change(indicator, table, i, None, value, period.previous()),
        year_ago: change(indicator, table, i, None, value, period.year_before()),
    })
}

/// A table of figures by area for one period (the report's appendix, an indicator page).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AreaTable {
    /// Column heads: the areas, then the ward.
    pub areas: Vec<String>,
    /// One row per indicator.
    pub rows: Vec<AreaRow>,
}

/// One row of an [`AreaTable`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AreaRow {
    /// Indicator key.
    pub indicator: String,
    /// Indicator name.
    pub name: String,
    /// Unit.
    pub unit: String,
    /// One cell per area (`None`: no figure), then the ward.
    pub cells: Vec<Option<CellText>>,
}

/// The area table of `indicators` for `period`.
pub fn area_table(site: &Site, table: &Table, indicators: &[usize], period: Period) -> AreaTable {
    let stats = &site.stats;
    let mut areas: Vec<String> = site.config.areas.iter().map(|a| a.name.clone()).collect();
    areas.push(site.config.full_name());
    let rows = indicators
        .iter()
        .map(|&i| {
            let indicator = &stats.indicators[i];
            let mut cells: Vec<Option<CellText>> = (0..site.config.areas.len())
                .map(|a| cell(stats, table, (i as u16, Some(a as u16), period)))
                .collect();
            cells.push(cell(stats, table, (i as u16, None, period)));
            AreaRow {
                indicator: indicator.key.clone(),
                name: indicator.name.clone(),
                unit: indicator.unit.clone(),
                cells,
            }
        })
        .collect();
    AreaTable { areas, rows }
}

/// A figure a report needs but the data does not have.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MissingFigure {
    /// Indicator key.
    pub indicator: String,
    /// Indicator name.
    pub name: String,
    /// Period (`quý III/2026`).
    pub period: String,
}

/// The generated sections of a periodic report: what a web page and a PDF print beside the
/// written narrative.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportData {
    /// Report index in `Statistics::reports`.
    pub report: usize,
    /// Period reported on (`quý III/2026`).
    pub period_text: String,
    /// Key figures with change.
    pub key_figures: Vec<KeyFigure>,
    /// Every plan target with progress and status.
    pub targets: Vec<ReportTarget>,
    /// Charts of the key figures over time.
    pub charts: Vec<ChartSpec>,
    /// Every indicator by area for the period.
    pub appendix: AreaTable,
    /// Figures the period lacks (named instead of printed as zeros).
    pub missing: Vec<MissingFigure>,
}

/// A target row in a report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportTarget {
    /// The target sentence (plain text).
    pub text: String,
    /// The plan it belongs to.
    pub plan_title: String,
    /// Progress.
    pub progress: TargetProgress,
}

fn report_data(site: &Site, table: &Table, build_date: NaiveDate, r: usize) -> ReportData {
    let stats = &site.stats;
    let report = &stats.reports[r];
    let period = report.period;
    // A report tells where the targets stood at the end of its period, not on the day it is built.
    let as_of = period.last_day().min(build_date);
    let key_indices: Vec<usize> = if report.key_indicators.is_empty() {
        (0..stats.indicators.len())
            .filter(|&i| stats.indicators[i].on_dashboard)
            .collect()
    } else {
        report
            .key_indicators
            .iter()
            .filter_map(|k| stats.indicator_index(k))
            .collect()
    };
    let mut key_figures = Vec::new();
    let mut missing = Vec::new();
    for &i in &key_indices {
        match key_figure(stats, table, i, period) {
            Some(k) => key_figures.push(k),
            None => missing.push(MissingFigure {
                indicator: stats.indicators[i].key.clone(),
                name: stats.indicators[i].name.clone(),
                period: format::period(period),
            }),
        }
    }
    for (i, indicator) in stats.indicators.iter().enumerate() {
        if !key_indices.contains(&i) && table.get(i, None, period).is_none() {
            missing.push(MissingFigure {
                indicator: indicator.key.clone(),
                name: indicator.name.clone(),
                period: format::period(period),
            });
        }
    }
    let report_targets: Vec<ReportTarget> = site
        .plans
        .iter()
        .enumerate()
        .flat_map(|(p, plan)| {
            plan.targets
                .iter()
                .enumerate()
                .map(move |(t, target)| (p, t, target))
        })
        .map(|(p, t, target)| ReportTarget {
            text: target.text.plain.clone(),
            plan_title: site.plans[p].title(),
            progress: target_progress(site, table, as_of, p, t, target),
        })
        .collect();
    let mut charts: Vec<ChartSpec> = key_indices
        .iter()
        .filter(|&&i| table.get(i, None, period).is_some())
        .take(3)
        .filter_map(|&i| charts::trend(site, table, i, period))
        .collect();
    let measured: Vec<&ReportTarget> = report_targets
        .iter()
        .filter(|t| t.progress.value.is_some() && t.progress.percent_of_goal.is_some())
        .collect();
    let progress_points: Vec<charts::Point> = measured
        .iter()
        .map(|t| charts::Point {
            label: t.text.clone(),
            axis: t.progress.indicator_name.clone().unwrap_or_default(),
            value: t.progress.percent_of_goal,
            text: format!(
                "{} / {}",
                t.progress.value_text.clone().unwrap_or_default(),
                t.progress.goal_text
            ),
        })
        .collect();
    let args = [
        ("period", format::period(period)),
        ("count", measured.len().to_string()),
        (
            "met",
            measured
                .iter()
                .filter(|t| t.progress.status == Status::Met)
                .count()
                .to_string(),
        ),
    ];
    if let Some(chart) = charts::progress(
        crate::messages::text("chart_progress_title", &args).vi,
        crate::messages::text("chart_progress_description", &args).vi,
        progress_points,
    ) {
        charts.push(chart);
    }
    let all: Vec<usize> = (0..stats.indicators.len()).collect();
    ReportData {
        report: r,
        period_text: format::period(period),
        key_figures,
        targets: report_targets,
        charts,
        appendix: area_table(site, table, &all, period),
        missing,
    }
}

/// Everything statistical the build derives.
#[derive(Debug, Default)]
pub struct StatsDerived {
    /// Values, suppression, mismatches.
    pub table: Table,
    /// For each plan, each target's progress.
    pub targets: Vec<Vec<TargetProgress>>,
    /// For each campaign, its results.
    pub campaigns: Vec<CampaignResult>,
    /// For each report, its generated sections.
    pub reports: Vec<ReportData>,
    /// Figures by age band, for the indicators that declare bands.
    pub bands: Vec<crate::derive::bands::BandTable>,
}

impl StatsDerived {
    /// The warnings to report (areas that do not add up).
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let areas = self
            .table
            .mismatches
            .iter()
            .map(|m| ("stats_areas_mismatch", m));
        let bands = self
            .bands
            .iter()
            .flat_map(|b| b.mismatches.iter().map(|m| ("stats_bands_mismatch", m)));
        areas
            .chain(bands)
            .map(|(code, m)| {
                Diagnostic::warning(code, Some(m.location.clone()))
                    .arg("indicator", m.indicator.clone())
                    .arg("period", m.period.clone())
                    .arg("given", format::decimal(m.given, 2, false))
                    .arg("computed", format::decimal(m.computed, 2, false))
            })
            .collect()
    }
}

/// Derives the statistics of `site` as of `build_date`.
pub fn derive(site: &Site, build_date: NaiveDate) -> StatsDerived {
    let table = roll_up(&site.stats, site.config.areas.len());
    let targets: Vec<Vec<TargetProgress>> = site
        .plans
        .iter()
        .enumerate()
        .map(|(p, plan)| {
            plan.targets
                .iter()
                .enumerate()
                .map(|(t, target)| target_progress(site, &table, build_date, p, t, target))
                .collect()
        })
        .collect();
    let campaigns = (0..site.stats.campaigns.len())
        .map(|c| campaign_result(site, &table, build_date, c))
        .collect();
    let reports = (0..site.stats.reports.len())
        .map(|r| report_data(site, &table, build_date, r))
        .collect();
    let bands = crate::derive::bands::band_tables(&site.stats, &table, site.config.areas.len());
    StatsDerived {
        table,
        targets,
        campaigns,
        reports,
        bands,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::stats::{Figure, Indicator};

    fn indicator(key: &str, kind: IndicatorKind, time: TimeRule, area: AreaRule) -> Indicator {
        Indicator {
            key: key.to_owned(),
            name: key.to_owned(),
            unit: "người".to_owned(),
            kind,
            time_rule: time,
            area_rule: area,
            direction: Direction::Neutral,
            numerator: None,
            denominator: None,
            sentence: "{so}".to_owned(),
            description: String::new(),
            on_dashboard: true,
            line: 1,
            bands: Vec::new(),
        }
    }

    fn p(code: &str) -> Period {
        Period::parse(code).unwrap()
    }

    fn fig(indicator: u16, area: AreaIndex, period: &str, value: f64) -> Figure {
        Figure {
            indicator,
            area,
            period: p(period),
            value,
            note: String::new(),
            file: 0,
            line: 2,
        }
    }

    fn stats(indicators: Vec<Indicator>, figures: Vec<Figure>) -> Statistics {
        Statistics {
            indicators,
            figures,
            files: vec!["data/stats/a.csv".into()],
            threshold: 5,
            ..Statistics::default()
        }
    }

    /// Months of 2026 for one area: January..December = 1..12 (times `scale`).
    fn year_of_months(indicator: u16, area: AreaIndex, scale: f64) -> Vec<Figure> {
        (1..=12)
            .map(|m| {
                fig(
                    indicator,
                    area,
                    &format!("2026-{m:02}"),
                    f64::from(m) * scale,
                )
            })
            .collect()
    }

    /// The map-based roll-up the flat table replaced, kept as the oracle: maps of maps, every
    /// look-up by key.
    fn reference_roll_up(stats: &Statistics, area_count: usize) -> BTreeMap<Key, (f64, Origin)> {
        type Map = BTreeMap<Period, (f64, Origin)>;
        fn over_time(series: &mut Map, rule: TimeRule) {
            for level in [1u8, 2u8] {
                let parents: Vec<Period> = series
                    .keys()
                    .filter(|p| p.level() + 1 == level)
                    .filter_map(|p| p.parent())
                    .collect::<std::collections::BTreeSet<_>>()
                    .into_iter()
                    .collect();
                for parent in parents {
                    if series.contains_key(&parent) {
                        continue;
                    }
                    let parts: Option<Vec<f64>> = parent
                        .children()
                        .iter()
                        .map(|c| series.get(c).map(|v| v.0))
                        .collect();
                    let Some(parts) = parts else { continue };
                    let value = match rule {
                        TimeRule::Sum => combine(false, &parts),
                        TimeRule::Mean => combine(true, &parts),
                        TimeRule::Last => *parts.last().unwrap(),
                    };
                    series.insert(parent, (value, Origin::RolledUp));
                }
            }
        }
        let mut series: BTreeMap<(u16, AreaIndex), Map> = BTreeMap::new();
        for f in &stats.figures {
            series
                .entry((f.indicator, f.area))
                .or_default()
                .insert(f.period, (f.value, Origin::Given));
        }
        for ((i, _), s) in series.iter_mut() {
            over_time(s, stats.indicators[*i as usize].time_rule);
        }
        for (i, indicator) in stats.indicators.iter().enumerate() {
            if indicator.area_rule == AreaRule::None {
                continue;
            }
            let i = i as u16;
            let periods: std::collections::BTreeSet<Period> = (0..area_count)
                .filter_map(|a| series.get(&(i, Some(a as u16))))
                .flat_map(|s| s.keys().copied())
                .collect();
            let mut computed = Vec::new();
            for period in periods {
                let parts: Option<Vec<f64>> = (0..area_count)
                    .map(|a| series.get(&(i, Some(a as u16)))?.get(&period).map(|v| v.0))
                    .collect();
                if let Some(parts) = parts {
                    computed.push((
                        period,
                        combine(indicator.area_rule == AreaRule::Mean, &parts),
                    ));
                }
            }
            let ward = series.entry((i, None)).or_default();
            for (period, value) in computed {
                ward.entry(period).or_insert((value, Origin::RolledUp));
            }
            over_time(ward, indicator.time_rule);
        }
        series
            .into_iter()
            .flat_map(|((i, a), s)| s.into_iter().map(move |(p, v)| ((i, a, p), v)))
            .collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

        /// Any figures, with gaps, given quarters and ward figures, roll up to what the map-based
        /// roll-up gives.
        #[test]
        fn the_flat_table_rolls_up_like_maps_of_maps(
            cells in proptest::collection::vec(
                (0u16..3, 0u16..4, 0u32..30, 0u32..3, 0u32..40),
                0..200,
            )
        ) {
            let indicators = vec![
                indicator("a", IndicatorKind::Count, TimeRule::Sum, AreaRule::Sum),
                indicator("b", IndicatorKind::Count, TimeRule::Last, AreaRule::Sum),
                indicator("c", IndicatorKind::Amount, TimeRule::Mean, AreaRule::Mean),
            ];
            let area_count = 3;
            let mut seen = std::collections::BTreeSet::new();
            let figures: Vec<Figure> = cells
                .into_iter()
                .filter_map(|(i, area, month, level, value)| {
                    // Area 3 is the ward; months 0..30 run over three years.
                    let area = (area < 3).then_some(area);
                    let year = 2024 + (month / 12) as i32;
                    let period = match level {
                        0 => Period::Month { year, month: month % 12 + 1 },
                        1 => Period::Quarter { year, quarter: month % 4 + 1 },
                        _ => Period::Year { year },
                    };
                    seen.insert((i, area, period)).then(|| Figure {
                        indicator: i,
                        area,
                        period,
                        value: f64::from(value),
                        note: String::new(),
                        file: 0,
                        line: 2,
                    })
                })
                .collect();
            let stats = stats(indicators, figures);
            let table = roll_up(&stats, area_count);
            let got: BTreeMap<Key, (f64, Origin)> =
                table.values().map(|(k, v)| (k, (v.value, v.origin))).collect();
            proptest::prop_assert_eq!(got, reference_roll_up(&stats, area_count));
        }
    }

    #[test]
    fn sum_last_and_mean_over_time_by_hand() {
        let s = stats(
            vec![
                indicator("sum", IndicatorKind::Count, TimeRule::Sum, AreaRule::None),
                indicator("last", IndicatorKind::Count, TimeRule::Last, AreaRule::None),
                indicator("mean", IndicatorKind::Count, TimeRule::Mean, AreaRule::None),
            ],
            [0u16, 1, 2]
                .into_iter()
                .flat_map(|i| year_of_months(i, None, 10.0))
                .collect(),
        );
        let t = roll_up(&s, 0);
        // Q1 = Jan..Mar = 10, 20, 30.
        assert_eq!(t.get(0, None, p("2026-Q1")), Some(60.0));
        assert_eq!(t.get(1, None, p("2026-Q1")), Some(30.0));
        assert_eq!(t.get(2, None, p("2026-Q1")), Some(20.0));
        // Q4 = 100, 110, 120.
        assert_eq!(t.get(0, None, p("2026-Q4")), Some(330.0));
        // Year: sum 10+..+120 = 780; last = December; mean of quarter means = 65.
        assert_eq!(t.get(0, None, p("2026")), Some(780.0));
        assert_eq!(t.get(1, None, p("2026")), Some(120.0));
        assert_eq!(t.get(2, None, p("2026")), Some(65.0));
        assert_eq!(
            t.value((0, None, p("2026"))).unwrap().origin,
            Origin::RolledUp
        );
    }

    #[test]
    fn an_incomplete_quarter_is_not_rolled_up() {
        let s = stats(
            vec![indicator(
                "sum",
                IndicatorKind::Count,
                TimeRule::Sum,
                AreaRule::None,
            )],
            vec![fig(0, None, "2026-07", 5.0), fig(0, None, "2026-08", 6.0)],
        );
        let t = roll_up(&s, 0);
        assert_eq!(t.get(0, None, p("2026-Q3")), None);
        assert_eq!(t.get(0, None, p("2026")), None);
    }

    #[test]
    fn areas_add_up_to_the_ward_and_a_given_total_that_differs_is_reported() {
        let s = stats(
            vec![
                indicator("sum", IndicatorKind::Count, TimeRule::Sum, AreaRule::Sum),
                indicator("mean", IndicatorKind::Count, TimeRule::Sum, AreaRule::Mean),
            ],
            vec![
                fig(0, Some(0), "2026-03", 12.0),
                fig(0, Some(1), "2026-03", 30.0),
                fig(0, Some(2), "2026-03", 9.0),
                fig(1, Some(0), "2026-03", 10.0),
                fig(1, Some(1), "2026-03", 20.0),
                fig(1, Some(2), "2026-03", 60.0),
                // Given ward figure that does not match 12 + 30 + 9 = 51.
                fig(0, None, "2026-03", 50.0),
            ],
        );
        let t = roll_up(&s, 3);
        assert_eq!(
            t.get(0, None, p("2026-03")),
            Some(50.0),
            "the given total is kept"
        );
        assert_eq!(t.get(1, None, p("2026-03")), Some(30.0));
        assert_eq!(t.mismatches.len(), 1);
        assert_eq!(t.mismatches[0].given, 50.0);
        assert_eq!(t.mismatches[0].computed, 51.0);
        assert_eq!(
            t.mismatches[0].location.file,
            std::path::PathBuf::from("data/stats/a.csv")
        );
    }

    #[test]
    fn a_ratio_is_computed_from_rolled_up_parts() {
        let mut ratio = indicator(
            "ratio",
            IndicatorKind::Ratio,
            TimeRule::Last,
            AreaRule::None,
        );
        ratio.numerator = Some("num".into());
        ratio.denominator = Some("den".into());
        let s = stats(
            vec![
                indicator("num", IndicatorKind::Count, TimeRule::Sum, AreaRule::Sum),
                indicator("den", IndicatorKind::Count, TimeRule::Sum, AreaRule::Sum),
                ratio,
            ],
            vec![
                fig(0, Some(0), "2026-Q1", 45.0),
                fig(0, Some(1), "2026-Q1", 51.0),
                fig(1, Some(0), "2026-Q1", 50.0),
                fig(1, Some(1), "2026-Q1", 50.0),
            ],
        );
        let t = roll_up(&s, 2);
        // (45 + 51) / (50 + 50) = 96%, not the mean of 90% and 102%.
        assert_eq!(t.get(2, None, p("2026-Q1")), Some(96.0));
        assert_eq!(t.get(2, Some(0), p("2026-Q1")), Some(90.0));
        assert_eq!(
            t.value((2, None, p("2026-Q1"))).unwrap().origin,
            Origin::Computed
        );
    }

    #[test]
    fn small_counts_are_hidden_and_cannot_be_recovered_by_subtraction() {
        // Adversarial: one small group, others large, ward total shown.
        let s = stats(
            vec![indicator(
                "c",
                IndicatorKind::Count,
                TimeRule::Last,
                AreaRule::Sum,
            )],
            vec![
                fig(0, Some(0), "2026", 3.0),
                fig(0, Some(1), "2026", 40.0),
                fig(0, Some(2), "2026", 25.0),
                fig(0, Some(3), "2026", 0.0),
            ],
        );
        let t = roll_up(&s, 4);
        assert_eq!(t.get(0, None, p("2026")), Some(68.0));
        assert_eq!(
            t.suppressed.get(&(0, Some(0), p("2026"))),
            Some(&Suppression::Small)
        );
        // A lone hidden cell beside a total would be 68 - 40 - 25 - 0: the smallest other cell (0)
        // is hidden too, and then every group has at least two hidden cells.
        assert_eq!(
            t.suppressed.get(&(0, Some(3), p("2026"))),
            Some(&Suppression::Complementary)
        );
        assert_eq!(t.suppressed.len(), 2);
        let shown = cell(&s, &t, (0, Some(0), p("2026"))).unwrap();
        assert_eq!(shown.text, "< 5");
        assert_eq!(shown.value, None);
        // Whatever the reader subtracts, two unknowns remain.
        let visible: f64 = (0..4)
            .filter_map(|a| cell(&s, &t, (0, Some(a), p("2026"))).and_then(|c| c.value))
            .sum();
        assert_eq!(
            68.0 - visible,
            3.0,
            "only the sum of the two hidden cells is known"
        );
    }

    #[test]
    fn suppression_also_protects_months_inside_a_quarter() {
        let s = stats(
            vec![indicator(
                "c",
                IndicatorKind::Count,
                TimeRule::Sum,
                AreaRule::None,
            )],
            vec![
                fig(0, None, "2026-01", 2.0),
                fig(0, None, "2026-02", 9.0),
                fig(0, None, "2026-03", 12.0),
            ],
        );
        let t = roll_up(&s, 0);
        assert_eq!(t.get(0, None, p("2026-Q1")), Some(23.0));
        assert_eq!(
            t.suppressed.get(&(0, None, p("2026-01"))),
            Some(&Suppression::Small)
        );
        assert_eq!(
            t.suppressed.get(&(0, None, p("2026-02"))),
            Some(&Suppression::Complementary)
        );
        assert!(!t.suppressed.contains_key(&(0, None, p("2026-03"))));
    }

    #[test]
    fn changes_against_previous_period_and_last_year() {
        let mut ind = indicator("c", IndicatorKind::Count, TimeRule::Sum, AreaRule::None);
        ind.direction = Direction::Down;
        let s = stats(
            vec![ind],
            vec![
                fig(0, None, "2025-Q3", 200.0),
                fig(0, None, "2026-Q2", 1_000.0),
                fig(0, None, "2026-Q3", 1_234.0),
            ],
        );
        let t = roll_up(&s, 0);
        let k = key_figure(&s, &t, 0, p("2026-Q3")).unwrap();
        assert_eq!(k.sentence, "1.234");
        let prev = k.previous.unwrap();
        assert_eq!(prev.direction, "up");
        assert_eq!(prev.amount_text, "234 người");
        assert_eq!(prev.percent_text.as_deref(), Some("23,4%"));
        assert_eq!(prev.against, "quý II/2026");
        assert_eq!(
            prev.good,
            Some(false),
            "more is bad news for this indicator"
        );
        assert_eq!(k.year_ago.unwrap().amount_text, "1.034 người");
    }

    #[test]
    fn statuses() {
        assert_eq!(status(None, true), Status::NoData);
        assert_eq!(status(Some(true), false), Status::Met);
        assert_eq!(status(Some(false), true), Status::NotMet);
        assert_eq!(status(Some(false), false), Status::NotDue);
    }

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_yearly_target_on_a_summed_indicator_counts_the_year_so_far() {
        // Sessions by month, January..October 2026 = 10, 20, ..., 100; last value indicator beside.
        let sessions = indicator("tu-van", IndicatorKind::Count, TimeRule::Sum, AreaRule::Sum);
        let people = indicator("nguoi", IndicatorKind::Count, TimeRule::Last, AreaRule::Sum);
        let mut figures: Vec<Figure> = (1..=10)
            .map(|m| fig(0, None, &format!("2026-{m:02}"), f64::from(m) * 10.0))
            .collect();
        figures
            .extend((1..=10).map(|m| fig(1, None, &format!("2026-{m:02}"), 100.0 + f64::from(m))));
        let s = stats(vec![sessions, people], figures);
        let table = roll_up(&s, 0);
        let due_2026 = Some(p("2026"));
        // On 22 November: Q1 (60) + Q2 (150) + Q3 (240) + October (100) = 550, not October's 100.
        let (value, text) = measure(&s, &table, 0, due_2026, day("2026-11-22")).unwrap();
        assert_eq!(value, 550.0);
        assert_eq!(text, "từ đầu năm 2026 đến hết tháng 10/2026");
        // On 20 August the months after July are not counted yet: 60 + 150 + 70 = 280.
        let (value, text) = measure(&s, &table, 0, due_2026, day("2026-08-20")).unwrap();
        assert_eq!(value, 280.0);
        assert_eq!(text, "từ đầu năm 2026 đến hết tháng 7/2026");
        // A month deadline and a last-value indicator keep the latest figure.
        let (value, _) = measure(&s, &table, 0, Some(p("2026-09")), day("2026-09-30")).unwrap();
        assert_eq!(value, 90.0);
        let (value, _) = measure(&s, &table, 1, due_2026, day("2026-11-22")).unwrap();
        assert_eq!(value, 110.0);
        // A target due in 2030 is measured on the current year so far.
        let (value, _) = measure(&s, &table, 0, Some(p("2030")), day("2026-11-22")).unwrap();
        assert_eq!(value, 550.0);
        // Nothing in the year yet: no figure rather than zero.
        assert_eq!(
            measure(&s, &table, 0, Some(p("2027")), day("2027-01-15")),
            None
        );
    }

    #[test]
    fn the_year_so_far_stops_at_a_gap_and_uses_the_year_once_it_is_over() {
        let sessions = indicator("tu-van", IndicatorKind::Count, TimeRule::Sum, AreaRule::Sum);
        // 2025: quarters given (Q1..Q4 = 5, 6, 7, 8); 2026: January, February, April (March missing).
        let figures = vec![
            fig(0, None, "2025-Q1", 5.0),
            fig(0, None, "2025-Q2", 6.0),
            fig(0, None, "2025-Q3", 7.0),
            fig(0, None, "2025-Q4", 8.0),
            fig(0, None, "2026-01", 3.0),
            fig(0, None, "2026-02", 4.0),
            fig(0, None, "2026-04", 9.0),
        ];
        let s = stats(vec![sessions], figures);
        let table = roll_up(&s, 0);
        let (value, text) = measure(&s, &table, 0, Some(p("2025")), day("2025-12-31")).unwrap();
        assert_eq!((value, text.as_str()), (26.0, "năm 2025"));
        let (value, text) = measure(&s, &table, 0, Some(p("2026")), day("2026-05-31")).unwrap();
        assert_eq!(
            (value, text.as_str()),
            (7.0, "từ đầu năm 2026 đến hết tháng 2/2026")
        );
    }
}
