//! Plans: in a list, and in full with their targets and who does what.

use serde::Serialize;

use crate::derive::Derived;
use crate::locale::format;
use crate::model::{Comparison, LegalDoc, Plan, Site};
use crate::render::document;
use crate::render::inline::Linker;
use crate::render::urls;

use super::*;

/// A plan in a list.
#[derive(Debug, Clone, Serialize)]
pub struct PlanSummary {
    pub url: String,
    pub title: String,
    pub type_name: String,
    pub type_code: String,
    pub number: String,
    pub number_symbol: String,
    pub is_draft: bool,
    pub date_text: String,
    pub date_iso: String,
    pub subject: String,
    pub tags: Vec<String>,
}

/// One row of the targets table.
#[derive(Debug, Serialize)]
pub struct TargetView {
    pub text_html: String,
    pub value_text: String,
    pub at_most: bool,
    pub deadline_text: String,
    pub indicator: Option<String>,
    /// Progress measured by the indicator (statistics).
    pub progress: Option<crate::derive::stats::TargetProgress>,
}

/// One row of the who-does-what table.
#[derive(Debug, Serialize)]
pub struct AssignmentView {
    pub number: String,
    pub unit_name: String,
    pub unit_url: Option<String>,
    pub requested: bool,
    pub anchor: String,
    pub duties_html: Vec<String>,
}

/// A cited policy.
#[derive(Debug, Clone, Serialize)]
pub struct PolicyLink {
    pub url: String,
    pub name: String,
    pub title: String,
    pub summary: String,
}

/// A whole plan page.
#[derive(Debug, Serialize)]
pub struct PlanView {
    #[serde(flatten)]
    pub summary: PlanSummary,
    pub print_url: String,
    /// The document's own parent and issuing bodies (the site's when it names none).
    pub parent_body: String,
    pub issuing_body: String,
    /// The same names as the header prints them: broken between the body and its place.
    pub parent_lines: Vec<String>,
    pub issuing_lines: Vec<String>,
    pub type_upper: String,
    pub number_line: String,
    pub place_date: String,
    pub addressees: Vec<String>,
    pub preamble_html: String,
    pub body_html: String,
    pub closing_html: Vec<String>,
    pub recipients: Vec<String>,
    pub signer: crate::model::Signer,
    pub targets: Vec<TargetView>,
    pub assignments: Vec<AssignmentView>,
    pub policies: Vec<PolicyLink>,
    pub toc: Vec<Link>,
    pub word_count: usize,
}

/// Builds a plan's list entry.
pub fn plan_summary(plan: &Plan) -> PlanSummary {
    PlanSummary {
        url: urls::plan(&plan.slug),
        title: plan.title(),
        type_name: plan.doc_type.name().to_owned(),
        type_code: plan.doc_type.code().to_owned(),
        number: plan.number.clone(),
        number_symbol: plan.number_and_symbol(),
        is_draft: plan.draft || plan.number.is_empty() || plan.date.to_date().is_none(),
        date_text: format::partial_short(plan.date.year, plan.date.month, plan.date.day),
        date_iso: plan.date.iso(),
        subject: plan.subject.clone(),
        tags: plan.tags.clone(),
    }
}

/// A policy link for a legal document.
pub fn policy_link(doc: &LegalDoc) -> PolicyLink {
    PolicyLink {
        url: urls::policy(&doc.id),
        name: doc.display_name(),
        title: doc.title.clone(),
        summary: doc.summary.clone(),
    }
}

fn target_value(value: Option<f64>, unit: Option<&str>) -> String {
    match (value, unit) {
        (Some(v), Some("%")) => format::percent(v),
        (Some(v), Some(u)) => format!("{} {u}", format::decimal(v, 2, false)),
        (Some(v), None) => format::decimal(v, 2, false),
        (None, _) => String::new(),
    }
}

/// Builds a plan page's view.
pub fn plan_view(site: &Site, derived: &Derived, index: usize, linker: &Linker<'_>) -> PlanView {
    let plan = &site.plans[index];
    let linker = &linker.at(&plan.source);
    let summary = plan_summary(plan);
    let targets = plan
        .targets
        .iter()
        .enumerate()
        .map(|(n, t)| TargetView {
            text_html: linker.inline_html(&t.text),
            value_text: target_value(t.value, t.unit.as_deref()),
            at_most: t.comparison == Comparison::AtMost,
            deadline_text: t
                .deadline
                .map(|d| format::partial_short(d.year, d.month, d.day))
                .unwrap_or_default(),
            indicator: t.indicator.clone(),
            progress: derived
                .stats
                .targets
                .get(index)
                .and_then(|p| p.get(n))
                .cloned(),
        })
        .collect();
    let assignments = plan
        .assignments
        .iter()
        .map(|a| AssignmentView {
            number: a.number.clone().unwrap_or_default(),
            unit_name: a.unit_name.clone(),
            unit_url: a.unit_id.as_deref().map(urls::unit),
            requested: a.requested,
            anchor: a.anchor.clone(),
            duties_html: a.duties.iter().map(|d| linker.inline_html(d)).collect(),
        })
        .collect();
    let toc = plan
        .body
        .parts
        .iter()
        .filter(|p| !p.title.is_empty())
        .map(|p| Link {
            title: match &p.numeral {
                Some(n) => format!("{n}. {}", p.title),
                None => p.title.clone(),
            },
            url: format!("#{}", p.anchor),
        })
        .collect();
    let body_text = plan.body.plain_text();
    PlanView {
        print_url: urls::plan_print(&plan.slug),
        parent_body: plan.parent_body.clone(),
        issuing_body: plan.issuing_body.clone(),
        parent_lines: crate::locale::text::header_lines(&plan.parent_body),
        issuing_lines: crate::locale::text::header_lines(&plan.issuing_body),
        type_upper: plan.doc_type.name().to_uppercase(),
        number_line: plan.number_and_symbol(),
        place_date: format!(
            "{}, {}",
            plan.place,
            format::partial_heading(plan.date.year, plan.date.month, plan.date.day)
        ),
        addressees: plan.addressees.clone(),
        preamble_html: document::preamble_html(&plan.body, linker),
        body_html: document::parts_html(&plan.body, linker),
        closing_html: plan.closing.iter().map(|c| linker.inline_html(c)).collect(),
        recipients: plan.recipients.clone(),
        signer: plan.signer.clone(),
        targets,
        assignments,
        policies: derived.plan_citations[index]
            .iter()
            .map(|&i| policy_link(&site.legal[i]))
            .collect(),
        toc,
        word_count: body_text.split_whitespace().count(),
        summary,
    }
}
