//! What the statistics pages show: the dashboard's figures and list, an indicator's page, a
//! campaign's results and a periodic report, as values for the templates.

use serde::Serialize;

use super::urls;
use crate::derive::Derived;
use crate::derive::charts::{self, ChartSpec};
use crate::derive::stats::{
    CampaignResult, CellText, Change, KeyFigure, Origin, ReportData, cell, change, key_figure,
    period_text,
};
use crate::locale::format;
use crate::model::Site;
use crate::model::stats::{Cycle, Statistics};
use crate::render::inline::Linker;
use crate::render::view::Link;

/// A dashboard entry.
#[derive(Debug, Serialize)]
pub(super) struct DashboardFigure {
    url: String,
    figure: KeyFigure,
}

/// An indicator in a list.
#[derive(Debug, Serialize)]
pub(super) struct IndicatorLink {
    url: String,
    name: String,
    unit: String,
    latest: Option<String>,
    period: Option<String>,
    csv_url: String,
    json_url: String,
}

/// A row of an indicator's table by period.
#[derive(Debug, Serialize)]
pub(super) struct PeriodRow {
    period: String,
    level: u8,
    cell: CellText,
    derived: bool,
    previous: Option<Change>,
    year_ago: Option<Change>,
}

/// An indicator page.
#[derive(Debug, Serialize)]
pub(super) struct IndicatorPage {
    pub(super) url: String,
    key: String,
    name: String,
    unit: String,
    description: String,
    kind: String,
    time_rule: String,
    /// The period it is counted for: `month`, `quarter` or `year`.
    cycle: String,
    area_rule: String,
    parts: Vec<Link>,
    latest: Option<KeyFigure>,
    trend: Option<ChartSpec>,
    by_area: Option<ChartSpec>,
    rows: Vec<PeriodRow>,
    csv_url: String,
    json_url: String,
    targets: Vec<Link>,
    campaigns: Vec<Link>,
    /// The latest figures by age band, for an indicator that has them.
    bands: Option<crate::derive::bands::BandView>,
}

/// A campaign page.
#[derive(Debug, Serialize)]
pub(super) struct CampaignPage {
    pub(super) url: String,
    title: String,
    summary: String,
    dates: String,
    result: CampaignResult,
    goal_links: Vec<Link>,
    body_html: String,
}

/// A report page.
#[derive(Debug, Serialize)]
pub(super) struct ReportPage {
    pub(super) url: String,
    title: String,
    number_line: String,
    place_date: String,
    period_heading: String,
    addressees: Vec<String>,
    /// The narrative in reading order: results before the figures, problems and direction after.
    results_html: String,
    problems_html: String,
    direction_html: String,
    data: ReportData,
    target_plan_urls: Vec<String>,
    /// The A4 PDF, when the build makes PDFs.
    pdf_url: Option<String>,
}

pub(super) fn indicator_page(site: &Site, derived: &Derived, i: usize) -> IndicatorPage {
    let stats = &site.stats;
    let table = &derived.stats.table;
    let indicator = &stats.indicators[i];
    let latest_period = table.latest_nonzero(i, indicator.cycle, derived.build_date);
    let latest = latest_period.and_then(|p| key_figure(stats, table, i, p));
    let trend = latest_period.and_then(|p| charts::trend(site, table, i, p));
    let area_period = latest_period.and_then(|p| {
        // The latest period with figures by group, at the level of the latest figure or above.
        let mut candidate = Some(p);
        while let Some(c) = candidate {
            if table.get(i, Some(0), c).is_some() {
                return Some(c);
            }
            candidate = c.parent();
        }
        None
    });
    let by_area = area_period.and_then(|p| charts::by_area(site, table, i, p));
    let mut rows: Vec<PeriodRow> = table
        .cycle_periods(i, indicator.cycle)
        .into_iter()
        .filter_map(|p| {
            let shown = cell(stats, table, (i as u16, None, p))?;
            let value = table.get(i, None, p)?;
            let hidden = shown.suppressed.is_some();
            Some(PeriodRow {
                period: period_text(table, (i as u16, None, p)),
                // A yearly indicator's rows are all years: none is a total of those above it.
                level: if indicator.cycle == Cycle::Year {
                    0
                } else {
                    p.level()
                },
                derived: table
                    .value((i as u16, None, p))
                    .is_some_and(|v| v.origin != Origin::Given),
                previous: (!hidden)
                    .then(|| change(indicator, table, i, None, value, p.previous()))
                    .flatten(),
                year_ago: (!hidden && p.level() < 2)
                    .then(|| change(indicator, table, i, None, value, p.year_before()))
                    .flatten(),
                cell: shown,
            })
        })
        .collect();
    rows.reverse();
    let parts = [&indicator.numerator, &indicator.denominator]
        .into_iter()
        .flatten()
        .filter_map(|k| stats.indicator_index(k))
        .map(|j| Link {
            title: stats.indicators[j].name.clone(),
            url: urls::indicator(&stats.indicators[j].key),
        })
        .collect();
    let targets = site
        .plans
        .iter()
        .filter(|p| {
            p.targets
                .iter()
                .any(|t| t.indicator.as_deref() == Some(indicator.key.as_str()))
        })
        .map(|p| Link {
            title: p.title(),
            url: format!("{}#chi-tieu", crate::render::urls::plan(&p.slug)),
        })
        .collect();
    let campaigns = stats
        .campaigns
        .iter()
        .filter(|c| c.goals.iter().any(|g| g.indicator == indicator.key))
        .map(|c| Link {
            title: c.title.clone(),
            url: urls::campaign(&c.slug),
        })
        .collect();
    IndicatorPage {
        url: urls::indicator(&indicator.key),
        key: indicator.key.clone(),
        name: indicator.name.clone(),
        unit: indicator.unit.clone(),
        description: indicator.description.clone(),
        kind: code_of(indicator.kind),
        time_rule: code_of(indicator.time_rule),
        cycle: code_of(indicator.cycle),
        area_rule: code_of(indicator.area_rule),
        parts,
        latest,
        trend,
        by_area,
        rows,
        csv_url: urls::csv(&indicator.key),
        json_url: urls::json(&indicator.key),
        targets,
        campaigns,
        bands: derived
            .stats
            .bands
            .iter()
            .find(|b| b.indicator == i)
            .and_then(|b| {
                let period = b.latest(derived.build_date)?;
                Some(crate::derive::bands::band_view(site, table, b, period))
            }),
    }
}

pub(super) fn dashboard(
    site: &Site,
    derived: &Derived,
) -> (Vec<DashboardFigure>, Vec<IndicatorLink>) {
    let stats: &Statistics = &site.stats;
    let table = &derived.stats.table;
    let mut figures = Vec::new();
    let mut links = Vec::new();
    for (i, indicator) in stats.indicators.iter().enumerate() {
        let latest = table.latest_nonzero(i, indicator.cycle, derived.build_date);
        let figure = latest.and_then(|p| key_figure(stats, table, i, p));
        if indicator.on_dashboard
            && let Some(figure) = &figure
        {
            figures.push(DashboardFigure {
                url: urls::indicator(&indicator.key),
                figure: figure.clone(),
            });
        }
        links.push(IndicatorLink {
            url: urls::indicator(&indicator.key),
            name: indicator.name.clone(),
            unit: indicator.unit.clone(),
            latest: figure.as_ref().map(|f| f.value_text.clone()),
            period: figure.map(|f| f.period),
            csv_url: urls::csv(&indicator.key),
            json_url: urls::json(&indicator.key),
        });
    }
    (figures, links)
}

/// The code a setting is written with in the files (`sum`, `quarter`), which the template reads.
fn code_of(setting: impl Serialize) -> String {
    serde_json::to_value(setting)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// A campaign's page.
pub(super) fn campaign_page(
    site: &Site,
    derived: &Derived,
    linker: &Linker,
    n: usize,
) -> CampaignPage {
    let campaign = &site.stats.campaigns[n];
    let result = derived.stats.campaigns[n].clone();
    CampaignPage {
        url: urls::campaign(&campaign.slug),
        title: campaign.title.clone(),
        summary: campaign.summary.clone(),
        dates: format!(
            "{} – {}",
            format::short_date(campaign.start),
            format::short_date(campaign.end)
        ),
        goal_links: result
            .goals
            .iter()
            .map(|g| Link {
                title: g.indicator_name.clone(),
                url: urls::indicator(&g.indicator),
            })
            .collect(),
        result,
        body_html: linker.at(&campaign.source).block_html(&campaign.body),
    }
}

/// A periodic report's page.
pub(super) fn report_page(site: &Site, derived: &Derived, linker: &Linker, n: usize) -> ReportPage {
    let report = &site.stats.reports[n];
    let data = derived.stats.reports[n].clone();
    let number_line = if report.symbol.is_empty() {
        report.number.clone()
    } else {
        format!("{}/{}", report.number, report.symbol)
    };
    ReportPage {
        url: urls::report(&report.slug),
        title: report.title.clone(),
        number_line,
        place_date: format!(
            "{}, {}",
            report.place,
            format::partial_heading(report.date.year, report.date.month, report.date.day)
        ),
        period_heading: format::period_heading(report.period),
        addressees: report.addressees.clone(),
        results_html: linker
            .at(&report.source)
            .block_html(&data.narrative.results),
        problems_html: linker
            .at(&report.source)
            .block_html(&data.narrative.problems),
        direction_html: linker
            .at(&report.source)
            .block_html(&data.narrative.direction),
        target_plan_urls: data
            .targets
            .iter()
            .map(|t| crate::render::urls::plan(&site.plans[t.progress.plan].slug))
            .collect(),
        pdf_url: cfg!(feature = "pdf").then(|| urls::report_pdf(&report.slug)),
        data,
    }
}
