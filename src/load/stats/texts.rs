//! content/campaigns/*.md and content/reports/*.md: the parts of campaigns and reports a person
//! writes.

use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::frontmatter::{SourceText, parse_toml, split};
use crate::locale::slugify;
use crate::model::stats::{Campaign, Goal, Period, ReportText};
use crate::model::{DocType, PartialDate, Signer, SiteConfig};

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawGoal {
    chi_so: String,
    gia_tri: f64,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawCampaign {
    ten: String,
    tu: String,
    den: String,
    ky: String,
    #[serde(default)]
    tom_tat: String,
    #[serde(default)]
    #[schemars(with = "Vec<RawGoal>")]
    muc_tieu: Vec<Spanned<RawGoal>>,
}

fn parse_day(
    text: &str,
    field: &str,
    source: &SourceText,
    from: usize,
    diagnostics: &mut Diagnostics,
) -> Option<chrono::NaiveDate> {
    let date = PartialDate::parse(text).and_then(PartialDate::to_date);
    if date.is_none() {
        diagnostics.push(
            Diagnostic::error("date_invalid", Some(source.key_location(field, from)))
                .field(field.to_owned())
                .arg("value", text.to_owned()),
        );
    }
    date
}

fn parse_period_field(
    text: &str,
    field: &str,
    source: &SourceText,
    from: usize,
    diagnostics: &mut Diagnostics,
) -> Option<Period> {
    let period = Period::parse(text);
    if period.is_none() {
        diagnostics.push(
            Diagnostic::error(
                "stats_period_invalid",
                Some(source.key_location(field, from)),
            )
            .arg("value", text.to_owned()),
        );
    }
    period
}

fn slug_of(path: &Path) -> String {
    path.file_stem()
        .map(|s| slugify(&s.to_string_lossy()))
        .unwrap_or_default()
}

/// Reads one campaign file.
pub fn load_campaign(source: &SourceText, diagnostics: &mut Diagnostics) -> Option<Campaign> {
    let parts = split(source).map_err(|d| diagnostics.push(d)).ok()?;
    let raw: RawCampaign = parse_toml(source, parts.front, parts.front_offset, "ctx_campaign")
        .map_err(|d| diagnostics.push(d))
        .ok()?;
    let from = parts.front_offset;
    let start = parse_day(&raw.tu, "tu", source, from, diagnostics);
    let end = parse_day(&raw.den, "den", source, from, diagnostics);
    let period = parse_period_field(&raw.ky, "ky", source, from, diagnostics);
    let body_location = |offset: usize| source.location(parts.body_offset + offset);
    let links = crate::load::markdown::check(parts.body, &body_location, diagnostics)?;
    let goals = raw
        .muc_tieu
        .into_iter()
        .map(|g| {
            let line = source.line_of(parts.front_offset + g.span().start);
            let g = g.into_inner();
            Goal {
                indicator: slugify(&g.chi_so),
                value: g.gia_tri,
                line,
            }
        })
        .collect();
    Some(Campaign {
        slug: slug_of(&source.path),
        source: source.path.clone(),
        title: raw.ten.trim().to_owned(),
        start: start?,
        end: end?,
        period: period?,
        goals,
        summary: raw.tom_tat,
        body: parts.body.to_owned(),
        links,
    })
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawReport {
    tieu_de: String,
    ky: String,
    #[serde(default)]
    so: String,
    #[serde(default)]
    ky_hieu: String,
    #[serde(default)]
    ngay: String,
    #[serde(default)]
    kinh_gui: Vec<String>,
    #[serde(default)]
    chi_so_chinh: Vec<String>,
    #[serde(default)]
    trich_yeu: Option<String>,
    #[serde(default)]
    noi_ban_hanh: Option<String>,
    #[serde(default)]
    noi_nhan: Vec<String>,
    #[serde(default)]
    nguoi_ky: Option<Signer>,
}

/// The subject of a report titled `Báo cáo kết quả ...`: the title without the type name, with a
/// capital first letter (`Kết quả ...`).
pub fn report_subject(title: &str) -> String {
    let name = DocType::Report.name();
    let title = title.trim();
    let rest = match title.get(..name.len()) {
        Some(head) if head.to_lowercase() == name.to_lowercase() => title[name.len()..].trim(),
        _ => title,
    };
    let mut chars = rest.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => title.to_owned(),
    }
}

/// Reads one report narrative.
pub fn load_report(
    source: &SourceText,
    config: &SiteConfig,
    diagnostics: &mut Diagnostics,
) -> Option<ReportText> {
    let parts = split(source).map_err(|d| diagnostics.push(d)).ok()?;
    let raw: RawReport = parse_toml(source, parts.front, parts.front_offset, "ctx_report")
        .map_err(|d| diagnostics.push(d))
        .ok()?;
    let from = parts.front_offset;
    let period = parse_period_field(&raw.ky, "ky", source, from, diagnostics);
    let body_location = |offset: usize| source.location(parts.body_offset + offset);
    let links = crate::load::markdown::check(parts.body, &body_location, diagnostics)?;
    let date = PartialDate::parse(&raw.ngay).unwrap_or_else(|| {
        diagnostics.push(
            Diagnostic::error("date_invalid", Some(source.key_location("ngay", from)))
                .field("ngay")
                .arg("value", raw.ngay.clone()),
        );
        PartialDate::default()
    });
    Some(ReportText {
        slug: slug_of(&source.path),
        source: source.path.clone(),
        title: raw.tieu_de.trim().to_owned(),
        period: period?,
        number: raw.so,
        symbol: raw.ky_hieu,
        date,
        addressees: raw.kinh_gui,
        key_indicators: raw.chi_so_chinh.iter().map(|k| slugify(k)).collect(),
        subject: raw
            .trich_yeu
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| report_subject(&raw.tieu_de)),
        place: raw.noi_ban_hanh.unwrap_or_else(|| config.name.clone()),
        recipients: raw.noi_nhan,
        signer: raw
            .nguoi_ky
            .unwrap_or_else(|| config.default_signer.clone()),
        body: parts.body.to_owned(),
        body_line: source.line_of(parts.body_offset),
        links,
        location: source.location(parts.front_offset),
    })
}

/// The fields of a campaign (its front matter), as the loader reads them, for the editing desk's forms.
pub fn campaign_schema() -> schemars::Schema {
    schemars::schema_for!(RawCampaign)
}

/// The fields of a report (its front matter), as the loader reads them, for the editing desk's forms.
pub fn report_schema() -> schemars::Schema {
    schemars::schema_for!(RawReport)
}
