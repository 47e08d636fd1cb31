//! Statistics derived from the figures: roll-ups (months -> quarters -> years, groups -> ward) by
//! each indicator's rules, ratios from their parts, change against the previous period and the
//! same period last year, small-count suppression, plan target progress, campaign results, and the
//! generated sections of each periodic report (a plain structure a web page or a PDF can use).

use chrono::NaiveDate;
use serde::Serialize;

use crate::diagnostics::Diagnostic;
use crate::locale::format;
use crate::model::Site;
use crate::model::stats::{
    AreaIndex, Cycle, Direction, Indicator, IndicatorKind, Period, Statistics,
};

mod goals;
pub mod narrative;
mod report;
mod rollup;
mod series;
mod suppress;

pub use goals::*;
pub use report::*;
pub use rollup::*;
pub use suppress::suppress;

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

/// A period as a reader reads it (`quý III/2026`); a year summed over part of it says how far
/// (`năm 2026 (đến hết quý III)`).
pub fn period_text(table: &Table, key: Key) -> String {
    match table.covered_until(key) {
        Some(Period::Quarter { year, quarter }) => {
            crate::messages::text(
                "stats_year_to_quarter",
                &[
                    ("year", year.to_string()),
                    ("quarter", format::quarter_numeral(quarter)),
                ],
            )
            .vi
        }
        _ => format::period(key.2),
    }
}

/// A period on a chart axis (`QIII/26`, `2026`); a year summed over part of it says how far
/// (`2026 (đến QIII)`).
pub fn period_axis_text(table: &Table, key: Key) -> String {
    match table.covered_until(key) {
        Some(Period::Quarter { year, quarter }) => {
            crate::messages::text(
                "stats_year_to_quarter_axis",
                &[
                    ("year", year.to_string()),
                    ("quarter", format::quarter_numeral(quarter)),
                ],
            )
            .vi
        }
        _ => format::period_axis(key.2),
    }
}

/// The period a report of `period` shows indicator `i` for: a yearly indicator's year (so far)
/// when its figure covers no more than `period`, else `period` itself.
pub fn report_period(stats: &Statistics, table: &Table, i: usize, period: Period) -> Period {
    let year = Period::Year {
        year: period.year(),
    };
    let yearly = stats.indicators[i].cycle == Cycle::Year && period.level() < 2;
    if yearly
        && table.get(i, None, year).is_some()
        && table.end_day((i as u16, None, year)) <= period.last_day()
    {
        year
    } else {
        period
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
        against: period_text(table, (index as u16, area, other)),
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
        period: period_text(table, (i as u16, None, period)),
        value_text: match shown.value {
            Some(v) => value_text(indicator, v),
            None => shown.text.clone(),
        },
        sentence: indicator.sentence.replace("{so}", &shown.text),
        // A hidden figure's change would tell it (`< 5`, "6 fewer than last year's 9").
        previous: (shown.suppressed.is_none())
            .then(|| change(indicator, table, i, None, value, period.previous()))
            .flatten(),
        // A year's previous period is the year before: said once.
        year_ago: (shown.suppressed.is_none() && period.level() < 2)
            .then(|| change(indicator, table, i, None, value, period.year_before()))
            .flatten(),
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
    /// The warnings to report (areas or bands that do not add up, ratios over 100%).
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let ratios = self.table.ratios_over.iter().map(|r| {
            Diagnostic::warning("stats_ratio_computed_over", Some(r.location.clone()))
                .arg("indicator", r.indicator.clone())
                .arg("period", r.period.clone())
                .arg("area", r.area_id.clone())
                .arg("numerator", r.numerator.0.clone())
                .arg("numerator_value", format::decimal(r.numerator.1, 2, false))
                .arg("denominator", r.denominator.0.clone())
                .arg(
                    "denominator_value",
                    format::decimal(r.denominator.1, 2, false),
                )
        });
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
            .chain(ratios)
            .collect()
    }
}

/// Derives the statistics of `site` as of `build_date`.
pub fn derive(site: &Site, build_date: NaiveDate) -> StatsDerived {
    let mut table = roll_up(&site.stats, site.config.areas.len());
    for r in &mut table.ratios_over {
        r.area_id = match r.area.and_then(|a| site.config.areas.get(a as usize)) {
            Some(a) => a.id.clone(),
            None => "toan-phuong".to_owned(),
        };
    }
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
mod tests;
