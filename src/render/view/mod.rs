//! View models: the data templates see. Built from the model and derived data; no wording here
//! beyond formatted numbers and dates (templates own the words).
//!
//! Split by what the views are of: the site and its lists here; plans (`plan`), units and
//! policies (`registry`), days (`calendar`), news and pages (`article`), procedures and questions
//! (`service`).

mod article;
mod calendar;
mod plan;
mod registry;
mod service;

pub use article::*;
pub use calendar::*;
pub use plan::*;
pub use registry::*;
pub use service::*;

use chrono::Datelike;
use serde::Serialize;

use crate::derive::Derived;
use crate::locale::format;
use crate::model::Site;
use crate::render::urls;

/// A link.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    /// Shown text.
    pub title: String,
    /// Address.
    pub url: String,
}

/// The ward and site, for every page.
#[derive(Debug, Serialize)]
pub struct SiteView {
    pub name: String,
    pub level: String,
    pub full_name: String,
    pub province: String,
    pub issuing_body: String,
    pub parent_body: String,
    pub service_centre: String,
    pub address: String,
    pub phone: String,
    pub phone_link: String,
    pub email: String,
    pub base_url: String,
    pub fanpage: String,
    pub office_hours: String,
    pub description: String,
    pub officials: Vec<OfficialView>,
    pub area_kind: String,
    pub areas: Vec<crate::model::Area>,
    pub upcoming_days: u32,
    pub menu_pages: Vec<Link>,
    pub build_date: String,
    pub build_date_long: String,
    pub year: i32,
    pub calendar_ics: &'static str,
    pub feed: &'static str,
    /// Whether the site has figures (its `Số liệu` section exists).
    pub has_stats: bool,
    /// Whether the site has benefit pages (its `Tôi cần...` section exists).
    pub has_benefits: bool,
    /// Whether this build makes the icons (with the PDFs).
    pub icons: bool,
    /// The ward's logo, when site.toml names one.
    pub logo: Option<String>,
    /// The procedures page, when data/thu-tuc.toml lists some.
    pub procedures_url: Option<&'static str>,
    /// The page in English.
    pub english_url: &'static str,
    /// Questions and answers, and how to ask.
    pub questions_url: &'static str,
    /// Budget disclosures, when data/ngan-sach has some.
    pub budgets_url: Option<&'static str>,
    /// What the page in English says (site.toml `[tieng_anh]`).
    pub english: crate::model::EnglishInfo,
}

/// An official of the contact page, with the `tel:` form of the phone.
#[derive(Debug, Serialize)]
pub struct OfficialView {
    #[serde(flatten)]
    pub official: crate::model::Official,
    pub phone_link: String,
}

/// An official with the `tel:` form of the phone.
pub fn official_view(official: &crate::model::Official) -> OfficialView {
    OfficialView {
        phone_link: phone_link(&official.phone),
        official: official.clone(),
    }
}

/// Digits and a leading `+` only, for `tel:` links.
pub fn phone_link(phone: &str) -> String {
    phone
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect()
}

impl SiteView {
    /// Builds the site view.
    pub fn new(site: &Site, derived: &Derived) -> SiteView {
        let c = &site.config;
        SiteView {
            name: c.name.clone(),
            level: c.level.clone(),
            full_name: c.full_name(),
            province: c.province.clone(),
            issuing_body: c.issuing_body.clone(),
            parent_body: c.parent_body.clone(),
            service_centre: c.service_centre.clone(),
            address: c.address.clone(),
            phone: c.phone.clone(),
            phone_link: phone_link(&c.phone),
            email: c.email.clone(),
            base_url: c.base_url.clone(),
            fanpage: c.fanpage.clone(),
            office_hours: c.office_hours.clone(),
            description: c.description.clone(),
            officials: c.officials.iter().map(official_view).collect(),
            area_kind: c.area_kind.clone(),
            areas: c.areas.clone(),
            upcoming_days: c.upcoming_days,
            menu_pages: site
                .pages
                .iter()
                .filter(|p| p.menu_order.is_some() && p.slug != "lien-he")
                .map(|p| Link {
                    title: p.title.clone(),
                    url: urls::page(&p.slug),
                })
                .collect(),
            build_date: derived.build_date.format("%Y-%m-%d").to_string(),
            build_date_long: format::long_date(derived.build_date),
            year: derived.build_date.year(),
            calendar_ics: urls::CALENDAR_ICS,
            feed: urls::FEED,
            has_stats: !site.stats.indicators.is_empty(),
            has_benefits: !site.benefits.is_empty(),
            icons: site.outputs.pdf,
            logo: c.logo.as_ref().map(crate::model::Logo::url),
            procedures_url: (!site.procedures.is_empty()).then_some(urls::PROCEDURES),
            english_url: urls::ENGLISH,
            questions_url: urls::QUESTIONS,
            budgets_url: (!site.budgets.is_empty()).then_some(urls::BUDGETS),
            english: c.english.clone(),
        }
    }
}
