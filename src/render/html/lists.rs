//! The unit list and the policy list (by type and by year), as rows for the templates.

use serde::Serialize;

use crate::derive::Derived;
use crate::model::Site;
use crate::render::urls;
use crate::render::view::{self, Link};

/// A unit in the unit list.
#[derive(Debug, Serialize)]
pub(super) struct UnitRow {
    url: String,
    name: String,
    kind: String,
    plan_count: usize,
    duty_count: usize,
}

/// A policy in the registry list.
#[derive(Debug, Serialize)]
pub(super) struct PolicyRow {
    url: String,
    name: String,
    kind: String,
    title: String,
    date_text: String,
    status: String,
    /// When it takes effect, in words; empty when not known.
    effective_text: String,
    /// Its full text to download.
    download: Option<String>,
    citer_count: usize,
}

/// The policies of one type (Luật, Nghị định, ...), newest first, under an anchor.
#[derive(Debug, Serialize)]
pub(super) struct PolicyGroup<'a> {
    kind: String,
    anchor: String,
    rows: Vec<&'a PolicyRow>,
}

/// The policy list grouped by type, types in the order the registry first names them, each
/// group newest first (a document search that needs no script: jump to a type, then read down).
pub(super) fn policy_groups<'a>(site: &Site, rows: &'a [PolicyRow]) -> Vec<PolicyGroup<'a>> {
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    for (i, d) in site.legal.iter().enumerate() {
        match groups.iter_mut().find(|(k, _)| *k == d.kind) {
            Some((_, members)) => members.push(i),
            None => groups.push((d.kind.clone(), vec![i])),
        }
    }
    groups
        .into_iter()
        .map(|(kind, mut members)| {
            members.sort_by(|&a, &b| {
                site.legal[b]
                    .date
                    .earliest()
                    .cmp(&site.legal[a].date.earliest())
            });
            PolicyGroup {
                anchor: format!("loai-{}", crate::locale::slugify(&kind)),
                kind,
                rows: members.into_iter().map(|i| &rows[i]).collect(),
            }
        })
        .collect()
}

/// The policies by year of issue, newest year first, each year under an anchor.
#[derive(Debug, Serialize)]
pub(super) struct PolicyYear {
    year: i32,
    anchor: String,
    links: Vec<Link>,
}

pub(super) fn policy_years(site: &Site, rows: &[PolicyRow]) -> Vec<PolicyYear> {
    let mut years: std::collections::BTreeMap<i32, Vec<Link>> = Default::default();
    for (d, row) in site.legal.iter().zip(rows) {
        if let Some(year) = d.date.year {
            years.entry(year).or_default().push(Link {
                title: row.name.clone(),
                url: row.url.clone(),
            });
        }
    }
    years
        .into_iter()
        .rev()
        .map(|(year, links)| PolicyYear {
            year,
            anchor: format!("nam-{year}"),
            links,
        })
        .collect()
}

/// The unit list: each unit with how many plans and duties name it.
pub(super) fn unit_rows(site: &Site, derived: &Derived) -> Vec<UnitRow> {
    site.units
        .iter()
        .enumerate()
        .map(|(i, u)| {
            let duties = &derived.unit_duties[i];
            let mut plans: Vec<usize> = duties.iter().map(|(p, _)| *p).collect();
            plans.dedup();
            UnitRow {
                url: urls::unit(&u.id),
                name: u.name.clone(),
                kind: u.kind.clone(),
                plan_count: plans.len(),
                duty_count: duties
                    .iter()
                    .map(|&(p, a)| site.plans[p].assignments[a].duties.len())
                    .sum(),
            }
        })
        .collect()
}

/// The policy list in registry order.
pub(super) fn policy_rows(site: &Site, derived: &Derived) -> Vec<PolicyRow> {
    site.legal
        .iter()
        .enumerate()
        .map(|(i, d)| PolicyRow {
            url: urls::policy(&d.id),
            name: d.display_name(),
            kind: d.kind.clone(),
            title: d.title.clone(),
            date_text: crate::locale::format::partial_short(d.date.year, d.date.month, d.date.day),
            status: d.status.clone(),
            effective_text: view::effective_text(d),
            download: d
                .download
                .as_ref()
                .map(|f| urls::policy_file(&d.id, &f.file_name)),
            citer_count: derived.cited_by[i].len(),
        })
        .collect()
}
