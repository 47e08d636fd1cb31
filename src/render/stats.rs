//! The statistics part of the site: the `/so-lieu/` dashboard, a page per indicator, a page per
//! campaign, a page per periodic report, and the open data files under `/du-lieu/` (CSV and JSON
//! per indicator, with a README of the fields and the licence).

use serde::Serialize;
use tera::Context;

use crate::derive::Derived;
use crate::derive::charts::{self, ChartSpec};
use crate::derive::stats::{
    CampaignResult, CellText, Change, KeyFigure, Origin, ReportData, Table, cell, change,
    key_figure, period_text,
};
use crate::diagnostics::Diagnostic;
use crate::locale::format;
use crate::model::Site;
use crate::model::stats::{AreaIndex, Cycle, Period, Statistics};
use crate::render::inline::Linker;
use crate::render::view::{Link, SiteView};
use crate::render::{Renderer, Sink, Stats, Templates, template_diagnostic};

/// Addresses of the statistics pages.
pub mod urls {
    /// The dashboard.
    pub const DASHBOARD: &str = "/so-lieu/";
    /// The open data folder (its index page).
    pub const OPEN_DATA: &str = "/du-lieu/";
    /// The open data README.
    pub const OPEN_DATA_README: &str = "/du-lieu/README.md";

    /// An indicator page.
    pub fn indicator(key: &str) -> String {
        format!("/so-lieu/{key}/")
    }
    /// A campaign page.
    pub fn campaign(slug: &str) -> String {
        format!("/chien-dich/{slug}/")
    }
    /// A report page.
    pub fn report(slug: &str) -> String {
        format!("/bao-cao/{slug}/")
    }
    /// A report's A4 PDF.
    pub fn report_pdf(slug: &str) -> String {
        format!("/in/bao-cao/{slug}.pdf")
    }
    /// An indicator's CSV file.
    pub fn csv(key: &str) -> String {
        format!("/du-lieu/{key}.csv")
    }
    /// An indicator's JSON file.
    pub fn json(key: &str) -> String {
        format!("/du-lieu/{key}.json")
    }
}

/// Every statistics page address (for the sitemap).
pub fn page_urls(site: &Site) -> Vec<String> {
    let stats = &site.stats;
    if stats.indicators.is_empty() {
        return Vec::new();
    }
    let mut out = vec![urls::DASHBOARD.to_owned(), urls::OPEN_DATA.to_owned()];
    out.extend(stats.indicators.iter().map(|i| urls::indicator(&i.key)));
    out.extend(stats.campaigns.iter().map(|c| urls::campaign(&c.slug)));
    out.extend(stats.reports.iter().map(|r| urls::report(&r.slug)));
    out
}

/// A dashboard entry.
#[derive(Debug, Serialize)]
struct DashboardFigure {
    url: String,
    figure: KeyFigure,
}

/// An indicator in a list.
#[derive(Debug, Serialize)]
struct IndicatorLink {
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
struct PeriodRow {
    period: String,
    level: u8,
    cell: CellText,
    derived: bool,
    previous: Option<Change>,
    year_ago: Option<Change>,
}

/// An indicator page.
#[derive(Debug, Serialize)]
struct IndicatorPage {
    url: String,
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
struct CampaignPage {
    url: String,
    title: String,
    summary: String,
    dates: String,
    result: CampaignResult,
    goal_links: Vec<Link>,
    body_html: String,
}

/// A report page.
#[derive(Debug, Serialize)]
struct ReportPage {
    url: String,
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

/// One row of the open data.
#[derive(Debug, Serialize)]
struct OpenRow {
    ky: String,
    loai_ky: &'static str,
    khu_vuc: String,
    ten_khu_vuc: String,
    chi_so: String,
    gia_tri: Option<serde_json::Number>,
    hien_thi: String,
    don_vi: String,
    nguon: &'static str,
}

/// An indicator's open data file (JSON).
#[derive(Debug, Serialize)]
struct OpenFile<'a> {
    chi_so: &'a str,
    ten: &'a str,
    don_vi: &'a str,
    mo_ta: &'a str,
    don_vi_cong_bo: &'a str,
    minh_hoa: bool,
    giay_phep: &'a str,
    nguong_an_so_nho: u32,
    ngay_cap_nhat: String,
    so_lieu: Vec<OpenRow>,
}

/// Where a figure comes from, as an open data code.
fn origin_code(origin: Origin) -> &'static str {
    match origin {
        Origin::Given => "so_lieu_goc",
        Origin::RolledUp => "cong_don",
        Origin::Computed => "tinh_ty_le",
    }
}

fn level_code(period: Period) -> &'static str {
    match period {
        Period::Month { .. } => "thang",
        Period::Quarter { .. } => "quy",
        Period::Year { .. } => "nam",
    }
}

fn open_rows(site: &Site, table: &Table, i: usize) -> Vec<OpenRow> {
    let stats = &site.stats;
    let indicator = &stats.indicators[i];
    let i16 = i as u16;
    table
        .indicator_values(i16)
        // A year summed over part of it is the page's reading aid; open data keep whole periods.
        .filter(|(key, _)| table.covered_until(*key).is_none())
        .filter_map(|((_, area, period), value)| {
            let shown = cell(stats, table, (i16, area, period))?;
            let (code, name) = area_names(site, area);
            Some(OpenRow {
                ky: period.code(),
                loai_ky: level_code(period),
                khu_vuc: code,
                ten_khu_vuc: name,
                chi_so: indicator.key.clone(),
                gia_tri: shown.value.and_then(json_number),
                hien_thi: shown.text,
                don_vi: indicator.unit.clone(),
                nguon: origin_code(value.origin),
            })
        })
        .collect()
}

/// A number for open data: integers without a decimal part (`2316`, not `2316.0`).
fn json_number(value: f64) -> Option<serde_json::Number> {
    if value.fract() == 0.0 && value.abs() < 9.0e15 {
        Some(serde_json::Number::from(value as i64))
    } else {
        serde_json::Number::from_f64((value * 1e6).round() / 1e6)
    }
}

fn area_names(site: &Site, area: AreaIndex) -> (String, String) {
    match area.and_then(|a| site.config.areas.get(a as usize)) {
        Some(a) => (a.id.clone(), a.name.clone()),
        None => ("toan-phuong".to_owned(), site.config.full_name()),
    }
}

fn csv_of(rows: &[OpenRow]) -> Result<Vec<u8>, String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in rows {
        writer.serialize(row).map_err(|e| e.to_string())?;
    }
    if rows.is_empty() {
        writer
            .write_record([
                "ky",
                "loai_ky",
                "khu_vuc",
                "ten_khu_vuc",
                "chi_so",
                "gia_tri",
                "hien_thi",
                "don_vi",
                "nguon",
            ])
            .map_err(|e| e.to_string())?;
    }
    writer.into_inner().map_err(|e| e.to_string())
}

fn indicator_page(site: &Site, derived: &Derived, i: usize) -> IndicatorPage {
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
        kind: serde_json::to_value(indicator.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default(),
        time_rule: serde_json::to_value(indicator.time_rule)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default(),
        cycle: serde_json::to_value(indicator.cycle)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default(),
        area_rule: serde_json::to_value(indicator.area_rule)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default(),
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

fn dashboard(site: &Site, derived: &Derived) -> (Vec<DashboardFigure>, Vec<IndicatorLink>) {
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

/// Renders the statistics pages and open data.
pub struct StatsRenderer<'a> {
    /// Compiled templates.
    pub templates: &'a Templates,
}

impl StatsRenderer<'_> {
    fn page(
        &self,
        tera: &tera::Tera,
        template: &str,
        url: &str,
        context: &mut Context,
        sink: &dyn Sink,
        errors: &mut Vec<Diagnostic>,
    ) -> usize {
        context.insert("url", url);
        match tera.render(template, context) {
            Ok(text) => put(
                sink,
                &crate::render::urls::file_for(url),
                text.as_bytes(),
                errors,
            ),
            Err(e) => {
                errors.push(template_diagnostic(&e, &self.templates.paths, Some(url)));
                0
            }
        }
    }
}

fn put(sink: &dyn Sink, path: &str, bytes: &[u8], errors: &mut Vec<Diagnostic>) -> usize {
    match sink.put(path, bytes) {
        Ok(()) => 1,
        Err(e) => {
            errors.push(
                Diagnostic::error("output_error", None)
                    .arg("path", path.to_owned())
                    .arg("reason", e.to_string()),
            );
            0
        }
    }
}

impl Renderer for StatsRenderer<'_> {
    fn name(&self) -> &'static str {
        "stats"
    }

    fn render(
        &self,
        site: &Site,
        derived: &Derived,
        sink: &dyn Sink,
    ) -> Result<Stats, Vec<Diagnostic>> {
        let stats = &site.stats;
        if stats.indicators.is_empty() {
            return Ok(Stats::default());
        }
        let mut tera = self.templates.tera.clone();
        tera.global_context()
            .insert("site", &SiteView::new(site, derived));
        tera.global_context()
            .insert("illustrative", &stats.illustrative);
        tera.global_context().insert("threshold", &stats.threshold);
        tera.global_context().insert("licence", &stats.licence);
        tera.global_context()
            .insert("share_image", &crate::render::share::image_for(site, None));
        let linker = Linker {
            citations: &derived.citations,
            legal: &site.legal,
            photos: &site.photos,
            source: None,
        };
        let table = &derived.stats.table;
        let mut errors = Vec::new();
        let mut pages = 0;
        let mut files = 0;

        let (figures, links) = dashboard(site, derived);
        let campaign_links: Vec<Link> = stats
            .campaigns
            .iter()
            .map(|c| Link {
                title: c.title.clone(),
                url: urls::campaign(&c.slug),
            })
            .collect();
        let report_links: Vec<Link> = stats
            .reports
            .iter()
            .map(|r| Link {
                title: r.title.clone(),
                url: urls::report(&r.slug),
            })
            .collect();
        let mut c = Context::new();
        c.insert("figures", &figures);
        c.insert("indicators", &links);
        c.insert("campaigns", &campaign_links);
        c.insert("reports", &report_links);
        c.insert("open_data_url", urls::OPEN_DATA);
        c.insert("readme_url", urls::OPEN_DATA_README);
        pages += self.page(
            &tera,
            "so_lieu.html",
            urls::DASHBOARD,
            &mut c,
            sink,
            &mut errors,
        );
        pages += self.page(
            &tera,
            "du_lieu.html",
            urls::OPEN_DATA,
            &mut c,
            sink,
            &mut errors,
        );
        c.insert(
            "updated",
            &derived.build_date.format("%Y-%m-%d").to_string(),
        );
        match tera.render("du_lieu_readme.md", &c) {
            Ok(text) => {
                files += put(
                    sink,
                    urls::OPEN_DATA_README.trim_start_matches('/'),
                    text.as_bytes(),
                    &mut errors,
                )
            }
            Err(e) => errors.push(template_diagnostic(
                &e,
                &self.templates.paths,
                Some(urls::OPEN_DATA_README),
            )),
        }

        for (i, indicator) in stats.indicators.iter().enumerate() {
            let page = indicator_page(site, derived, i);
            let mut c = Context::new();
            c.insert("indicator", &page);
            pages += self.page(&tera, "chi_so.html", &page.url, &mut c, sink, &mut errors);
            let rows = open_rows(site, table, i);
            match csv_of(&rows) {
                Ok(bytes) => {
                    files += put(
                        sink,
                        urls::csv(&indicator.key).trim_start_matches('/'),
                        &bytes,
                        &mut errors,
                    )
                }
                Err(reason) => errors.push(
                    Diagnostic::error("output_error", None)
                        .arg("path", urls::csv(&indicator.key))
                        .arg("reason", reason),
                ),
            }
            let file = OpenFile {
                chi_so: &indicator.key,
                ten: &indicator.name,
                don_vi: &indicator.unit,
                mo_ta: &indicator.description,
                don_vi_cong_bo: &site.config.issuing_body,
                minh_hoa: stats.illustrative,
                giay_phep: &stats.licence,
                nguong_an_so_nho: stats.threshold,
                ngay_cap_nhat: derived.build_date.format("%Y-%m-%d").to_string(),
                so_lieu: rows,
            };
            match serde_json::to_string_pretty(&file) {
                Ok(json) => {
                    files += put(
                        sink,
                        urls::json(&indicator.key).trim_start_matches('/'),
                        json.as_bytes(),
                        &mut errors,
                    )
                }
                Err(e) => errors.push(
                    Diagnostic::error("output_error", None)
                        .arg("path", urls::json(&indicator.key))
                        .arg("reason", e.to_string()),
                ),
            }
        }

        for (n, campaign) in stats.campaigns.iter().enumerate() {
            let result = derived.stats.campaigns[n].clone();
            let page = CampaignPage {
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
            };
            let mut c = Context::new();
            c.insert("campaign", &page);
            c.insert(
                "share_image",
                &crate::render::share::image_for(
                    site,
                    Some((crate::render::share::ShareKind::Campaign, &campaign.slug)),
                ),
            );
            pages += self.page(
                &tera,
                "chien_dich.html",
                &page.url,
                &mut c,
                sink,
                &mut errors,
            );
        }

        for (n, report) in stats.reports.iter().enumerate() {
            let data = derived.stats.reports[n].clone();
            let number_line = if report.symbol.is_empty() {
                report.number.clone()
            } else {
                format!("{}/{}", report.number, report.symbol)
            };
            let page = ReportPage {
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
            };
            let mut c = Context::new();
            c.insert("report", &page);
            pages += self.page(&tera, "bao_cao.html", &page.url, &mut c, sink, &mut errors);
        }

        if errors.is_empty() {
            Ok(Stats {
                pages,
                files: pages + files,
            })
        } else {
            errors.dedup_by(|a, b| a.location == b.location && a.code == b.code);
            Err(errors)
        }
    }
}
