//! The generated sections of a periodic report.

use chrono::NaiveDate;
use serde::Serialize;

use crate::derive::charts::{self, ChartSpec};
use crate::locale::format;
use crate::model::Site;

use super::*;

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
    /// The written narrative in reading order (results, problems, direction).
    pub narrative: super::narrative::Narrative,
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

pub(super) fn report_data(
    site: &Site,
    table: &Table,
    build_date: NaiveDate,
    r: usize,
) -> ReportData {
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
        match key_figure(stats, table, i, report_period(stats, table, i, period)) {
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
        .map(|&i| (i, report_period(stats, table, i, period)))
        .filter(|&(i, p)| table.get(i, None, p).is_some())
        .take(3)
        .filter_map(|(i, p)| charts::trend(site, table, i, p))
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
        narrative: super::narrative::ordered(&report.body),
    }
}
