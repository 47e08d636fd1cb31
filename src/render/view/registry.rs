//! Units with their duties, and policies with who cites them, when they take effect and their
//! full text.

use serde::Serialize;

use crate::derive::{Citer, Derived};
use crate::locale::format;
use crate::model::{Article, LegalDoc, Site, Unit};
use crate::render::inline::Linker;
use crate::render::urls;

use super::*;

/// A unit's duties in one plan.
#[derive(Debug, Serialize)]
pub struct UnitDuties {
    pub plan: PlanSummary,
    pub requested: bool,
    pub anchor_url: String,
    pub duties_html: Vec<String>,
}

/// A unit page.
#[derive(Debug, Serialize)]
pub struct UnitView {
    pub url: String,
    pub id: String,
    pub name: String,
    pub kind: String,
    pub description: String,
    pub address: String,
    pub phone: String,
    pub phone_link: String,
    pub email: String,
    pub duty_count: usize,
    pub plans: Vec<UnitDuties>,
}

/// Builds a unit view.
pub fn unit_view(site: &Site, derived: &Derived, index: usize, linker: &Linker<'_>) -> UnitView {
    let unit: &Unit = &site.units[index];
    let plans: Vec<UnitDuties> = derived.unit_duties[index]
        .iter()
        .map(|&(p, a)| {
            let plan = &site.plans[p];
            let assignment = &plan.assignments[a];
            UnitDuties {
                plan: plan_summary(plan),
                requested: assignment.requested,
                anchor_url: format!("{}#{}", urls::plan(&plan.slug), assignment.anchor),
                duties_html: assignment
                    .duties
                    .iter()
                    .map(|d| linker.inline_html(d))
                    .collect(),
            }
        })
        .collect();
    UnitView {
        url: urls::unit(&unit.id),
        id: unit.id.clone(),
        name: unit.name.clone(),
        kind: unit.kind.clone(),
        description: unit.description.clone(),
        address: unit.address.clone(),
        phone: unit.phone.clone(),
        phone_link: phone_link(&unit.phone),
        email: unit.email.clone(),
        duty_count: plans.iter().map(|p| p.duties_html.len()).sum(),
        plans,
    }
}

/// Something that cites a policy, for its page.
#[derive(Debug, Serialize)]
pub struct CiterView {
    pub kind: &'static str,
    pub title: String,
    pub url: String,
    pub date_text: String,
}

/// A policy page.
#[derive(Debug, Serialize)]
pub struct PolicyView {
    #[serde(flatten)]
    pub link: PolicyLink,
    pub id: String,
    pub kind: String,
    pub symbol: String,
    pub names: Vec<String>,
    pub date_text: String,
    pub issuer: String,
    pub status: String,
    pub official_link: Option<String>,
    /// `ngày 01 tháng 7 năm 2021`, empty when not known.
    pub effective_text: String,
    /// Its full text to download.
    pub download: Option<crate::render::benefit::FormView>,
    pub citers: Vec<CiterView>,
    pub plan_count: usize,
}

/// Builds a policy view.
pub fn policy_view(site: &Site, derived: &Derived, index: usize) -> PolicyView {
    let doc = &site.legal[index];
    let citers: Vec<CiterView> = derived.cited_by[index]
        .iter()
        .map(|c| match *c {
            Citer::Plan(p) => {
                let plan = &site.plans[p];
                CiterView {
                    kind: "plan",
                    title: plan.title(),
                    url: urls::plan(&plan.slug),
                    date_text: format::partial_short(
                        plan.date.year,
                        plan.date.month,
                        plan.date.day,
                    ),
                }
            }
            Citer::News(n) => article_citer("news", &site.news[n], urls::news(&site.news[n].slug)),
            Citer::Page(n) => {
                article_citer("page", &site.pages[n], urls::page(&site.pages[n].slug))
            }
            Citer::Day(d) => CiterView {
                kind: "day",
                title: site.days[d].name.clone(),
                url: urls::day(&site.days[d].id),
                date_text: String::new(),
            },
        })
        .collect();
    PolicyView {
        link: policy_link(doc),
        id: doc.id.clone(),
        kind: doc.kind.clone(),
        symbol: doc.symbol.clone().unwrap_or_default(),
        names: doc.names.clone(),
        date_text: format::partial_short(doc.date.year, doc.date.month, doc.date.day),
        issuer: doc.issuer.clone(),
        status: doc.status.clone(),
        official_link: doc.link.clone(),
        effective_text: effective_text(doc),
        download: doc.download.as_ref().map(|f| {
            crate::render::benefit::form_view(f, urls::policy_file(&doc.id, &f.file_name))
        }),
        plan_count: citers.iter().filter(|c| c.kind == "plan").count(),
        citers,
    }
}

/// When a legal document takes effect, in words (`ngày 01 tháng 7 năm 2021`, `tháng 7 năm 2021`).
pub fn effective_text(doc: &LegalDoc) -> String {
    doc.effective
        .map_or_else(String::new, |d| match d.to_date() {
            Some(date) => format::heading_date(date),
            None => format::partial_short(d.year, d.month, d.day),
        })
}

fn article_citer(kind: &'static str, article: &Article, url: String) -> CiterView {
    CiterView {
        kind,
        title: article.title.clone(),
        url,
        date_text: article.date.map(format::short_date).unwrap_or_default(),
    }
}
