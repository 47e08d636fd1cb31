//! Every address of the site is claimed once: a page, plan, unit, policy, day, indicator,
//! campaign, report or leaflet whose address is already taken (by another file or entry, or by one
//! of loa's own sections such as `/tin-tuc/`), or that gives no address at all (`ma = ""`), is an
//! error located at the file or entry that claims it.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diagnostics::{Diagnostic, Diagnostics, Location, display_path};
use crate::load::Loaded;
use crate::render::stats::urls as stats_urls;
use crate::render::urls;

/// Who claimed an address first.
struct Claim {
    location: Location,
    /// Whether an entry of a registry file claimed it.
    registry: bool,
    /// The id (address part) it was claimed for: a second entry with the same id in the same
    /// registry file is its loader's `duplicate_id` already.
    slug: String,
}

/// How a claim is shown in the message: the file, with the line for a registry entry.
fn shown(claim: &Claim) -> String {
    if claim.registry {
        format!(
            "{}:{}",
            display_path(&claim.location.file),
            claim.location.line
        )
    } else {
        display_path(&claim.location.file)
    }
}

/// The address table being filled.
#[derive(Default)]
struct Table {
    claims: BTreeMap<String, Claim>,
    errors: Vec<Diagnostic>,
}

impl Table {
    /// Claims the addresses of one item whose address part is `slug` (named by `what` when it is
    /// empty: the `ma` field or the file name).
    fn claim(
        &mut self,
        addresses: &[String],
        slug: &str,
        what: &str,
        location: Location,
        registry: bool,
    ) {
        if slug.is_empty() {
            self.errors.push(
                Diagnostic::error("address_empty", Some(location)).arg("what", what.to_owned()),
            );
            return;
        }
        for address in addresses {
            match self.claims.get(address) {
                Some(first)
                    if first.registry
                        && registry
                        && first.location.file == location.file
                        && first.slug == slug => {}
                Some(first) => self.errors.push(
                    Diagnostic::error("address_taken", Some(location.clone()))
                        .arg("address", address.clone())
                        .arg("other", shown(first)),
                ),
                None => {
                    self.claims.insert(
                        address.clone(),
                        Claim {
                            location: location.clone(),
                            registry,
                            slug: slug.to_owned(),
                        },
                    );
                }
            }
        }
    }
}

/// How an empty file-name slug is named: the file.
fn file_name(path: &Path) -> String {
    format!(
        "`{}`",
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    )
}

/// Checks every address the site will have; problems go to `diagnostics`.
pub fn check(loaded: &Loaded, diagnostics: &mut Diagnostics) {
    let mut table = Table::default();
    let ma = "`ma`";
    for plan in &loaded.plans {
        let location = Location::file(&plan.source);
        table.claim(
            &[urls::plan(&plan.slug), urls::plan_pdf(&plan.slug)],
            &plan.slug,
            &file_name(&plan.source),
            location,
            false,
        );
    }
    for news in &loaded.news {
        table.claim(
            &[urls::news(&news.slug)],
            &news.slug,
            &file_name(&news.source),
            Location::file(&news.source),
            false,
        );
    }
    for page in &loaded.pages {
        let location = Location::file(&page.source);
        // `lien-he` is the text of the contact page, the one page that may use a section.
        if page.slug != urls::CONTACT.trim_matches('/')
            && let Some(section) = urls::SECTIONS.iter().find(|s| **s == page.slug)
        {
            diagnostics.push(
                Diagnostic::error("address_reserved", Some(location))
                    .arg("address", urls::page(&page.slug))
                    .arg("section", *section)
                    .arg("sections", urls::SECTIONS.join(", ")),
            );
            continue;
        }
        table.claim(
            &[urls::page(&page.slug)],
            &page.slug,
            &file_name(&page.source),
            location,
            false,
        );
    }
    for benefit in &loaded.benefits {
        let mut addresses = vec![urls::benefit(&benefit.slug)];
        addresses.extend(
            benefit
                .forms
                .iter()
                .map(|f| urls::benefit_form(&benefit.slug, &f.file_name)),
        );
        table.claim(
            &addresses,
            &benefit.slug,
            &file_name(&benefit.source),
            Location::file(&benefit.source),
            false,
        );
    }
    for unit in &loaded.units {
        table.claim(
            &[urls::unit(&unit.id)],
            &unit.id,
            ma,
            Location::new(&unit.source, unit.line, 1),
            true,
        );
    }
    for doc in &loaded.legal {
        let mut addresses = vec![urls::policy(&doc.id)];
        addresses.extend(
            doc.download
                .iter()
                .map(|f| urls::policy_file(&doc.id, &f.file_name)),
        );
        table.claim(
            &addresses,
            &doc.id,
            ma,
            Location::new("data/legal.toml", doc.line, 1),
            true,
        );
    }
    for day in &loaded.days {
        table.claim(
            &[urls::day(&day.id)],
            &day.id,
            ma,
            Location::new("data/days.toml", day.line, 1),
            true,
        );
    }
    let stats = &loaded.stats;
    for indicator in &stats.indicators {
        table.claim(
            &[
                stats_urls::indicator(&indicator.key),
                stats_urls::csv(&indicator.key),
                stats_urls::json(&indicator.key),
            ],
            &indicator.key,
            ma,
            Location::new(crate::load::stats::INDICATORS_FILE, indicator.line, 1),
            true,
        );
    }
    for campaign in &stats.campaigns {
        table.claim(
            &[stats_urls::campaign(&campaign.slug)],
            &campaign.slug,
            &file_name(&campaign.source),
            Location::file(&campaign.source),
            false,
        );
    }
    for report in &stats.reports {
        table.claim(
            &[
                stats_urls::report(&report.slug),
                stats_urls::report_pdf(&report.slug),
            ],
            &report.slug,
            &file_name(&report.source),
            Location::file(&report.source),
            false,
        );
    }
    let leaflet_pdfs = |slug: &str| vec![urls::leaflet_pdf(slug), urls::leaflet_a5_pdf(slug)];
    for leaflet in &loaded.leaflets {
        table.claim(
            &leaflet_pdfs(&leaflet.slug),
            &leaflet.slug,
            &file_name(&leaflet.source),
            Location::file(&leaflet.source),
            false,
        );
    }
    // A day without a written leaflet gets one generated under its own id.
    for day in &loaded.days {
        let written = loaded
            .leaflets
            .iter()
            .any(|l| l.day.as_deref() == Some(day.id.as_str()) || l.slug == day.id);
        if !written && !day.id.is_empty() {
            table.claim(
                &leaflet_pdfs(&day.id),
                &day.id,
                ma,
                Location::new("data/days.toml", day.line, 1),
                true,
            );
        }
    }
    table.errors.into_iter().for_each(|e| diagnostics.push(e));
}
