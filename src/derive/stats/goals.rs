//! Plan targets and campaign goals measured by the figures.

use chrono::NaiveDate;
use serde::Serialize;

use crate::derive::charts::{self, ChartSpec};
use crate::locale::format;
use crate::model::stats::{Direction, Period, Statistics, TimeRule};
use crate::model::{Comparison, Site, Target};

use super::*;

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

pub(super) fn target_progress(
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

pub(super) fn campaign_result(
    site: &Site,
    table: &Table,
    build_date: NaiveDate,
    c: usize,
) -> CampaignResult {
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
