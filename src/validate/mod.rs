//! Validate: cross-references between the loaded records (plan units against the registry, day
//! policies against the legal registry, duplicate page addresses, future dates), then freeze the
//! result into the immutable [`Site`].

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::derive::citation::citation_key;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::load::Loaded;
use crate::locale::fold_diacritics;
use crate::model::Site;

pub mod addresses;
pub mod benefits;
pub mod content;
pub mod photos;
pub mod stats;

/// The form of a unit name used for matching: folded, lowercase, single spaces, no end punctuation.
pub fn unit_key(name: &str) -> String {
    fold_diacritics(name)
        .to_lowercase()
        .replace(['–', '—'], "-")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches(['.', ':', ';', ','])
        .to_owned()
}

/// Checks cross-references, records problems, and returns the site.
pub fn validate(mut loaded: Loaded, build_date: NaiveDate, diagnostics: &mut Diagnostics) -> Site {
    // Units named in plans -> registry ids.
    let mut unit_names: BTreeMap<String, String> = BTreeMap::new();
    for unit in &loaded.units {
        for name in std::iter::once(&unit.name).chain(unit.aliases.iter()) {
            unit_names.insert(unit_key(name), unit.id.clone());
        }
    }
    for plan in &mut loaded.plans {
        for assignment in &mut plan.assignments {
            assignment.unit_id = unit_names.get(&unit_key(&assignment.unit_name)).cloned();
            if assignment.unit_id.is_none() {
                diagnostics.push(
                    Diagnostic::warning(
                        "unit_unknown",
                        Some(Location::new(&plan.source, assignment.line, 1)),
                    )
                    .arg("name", assignment.unit_name.clone()),
                );
            }
        }
    }

    // Day policies -> legal ids.
    let mut legal_keys: BTreeMap<String, String> = BTreeMap::new();
    for doc in &loaded.legal {
        legal_keys.insert(doc.id.clone(), doc.id.clone());
        if let Some(symbol) = &doc.symbol {
            legal_keys.insert(citation_key(symbol), doc.id.clone());
        }
    }
    // A legal registry id from what is written: the id itself, or a number and symbol.
    let legal_key = |written: &str| {
        legal_keys
            .get(written.trim())
            .or_else(|| legal_keys.get(&citation_key(written)))
            .cloned()
    };
    for day in &mut loaded.days {
        let mut resolved = Vec::new();
        for policy in &day.policies {
            match legal_key(policy) {
                Some(id) => resolved.push(id),
                None => diagnostics.push(
                    Diagnostic::error(
                        "reference_unknown",
                        Some(Location::new("data/days.toml", day.line, 1)),
                    )
                    .field("chinh_sach")
                    .arg("value", policy.clone())
                    .arg("registry", "data/legal.toml"),
                ),
            }
        }
        day.policies = resolved;
    }
    benefits::resolve(&mut loaded, &legal_key, diagnostics);

    // Questions and answers -> legal ids and procedure codes.
    for question in &mut loaded.questions {
        let mut resolved = Vec::new();
        for policy in &question.policies {
            match legal_key(policy) {
                Some(id) => resolved.push(id),
                None => diagnostics.push(
                    Diagnostic::error(
                        "reference_unknown",
                        Some(Location::new(&question.source, question.policies_line, 1)),
                    )
                    .field("chinh_sach")
                    .arg("value", policy.clone())
                    .arg("registry", "data/legal.toml"),
                ),
            }
        }
        question.policies = resolved;
        for code in &question.procedures {
            if !loaded
                .procedures
                .iter()
                .any(|p| p.code.as_deref() == Some(code.trim()))
            {
                diagnostics.push(
                    Diagnostic::error(
                        "reference_unknown",
                        Some(Location::new(&question.source, question.procedures_line, 1)),
                    )
                    .field("thu_tuc")
                    .arg("value", code.clone())
                    .arg("registry", "data/thu-tuc.toml"),
                );
            }
        }
    }

    // Every address is claimed once.
    addresses::check(&loaded, diagnostics);

    // Content dated after the build date is published, and said so.
    for news in &loaded.news {
        if let Some(date) = news.date.filter(|d| *d > build_date) {
            diagnostics.push(
                Diagnostic::warning("content_future", Some(Location::file(&news.source)))
                    .arg("date", crate::locale::format::short_date(date))
                    .arg("build_date", crate::locale::format::short_date(build_date)),
            );
        }
    }
    for plan in &loaded.plans {
        if let Some(date) = plan.date.to_date().filter(|d| *d > build_date) {
            diagnostics.push(
                Diagnostic::warning("content_future", Some(Location::file(&plan.source)))
                    .arg("date", crate::locale::format::short_date(date))
                    .arg("build_date", crate::locale::format::short_date(build_date)),
            );
        }
    }

    // Leaflets name their commemorative day by id.
    for leaflet in &loaded.leaflets {
        if let Some(day) = &leaflet.day
            && !loaded.days.iter().any(|d| &d.id == day)
        {
            let known: Vec<String> = loaded.days.iter().map(|d| d.id.clone()).collect();
            diagnostics.push(
                Diagnostic::error(
                    "leaflet_day_unknown",
                    Some(crate::diagnostics::Location::new(
                        leaflet.source.clone(),
                        leaflet.day_line,
                        1,
                    )),
                )
                .field("ngay_ky_niem")
                .arg("day", day.clone())
                .arg(
                    "suggestion",
                    crate::load::frontmatter::nearest(day, &known).unwrap_or_default(),
                )
                .arg("known", known.join(", ")),
            );
        }
    }

    // Newest first; undated drafts by their partial date, then by address (stable output).
    loaded.plans.sort_by(|a, b| {
        b.date
            .earliest()
            .cmp(&a.date.earliest())
            .then_with(|| a.slug.cmp(&b.slug))
    });
    loaded
        .news
        .sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug)));
    loaded.pages.sort_by(|a, b| {
        a.menu_order
            .unwrap_or(i32::MAX)
            .cmp(&b.menu_order.unwrap_or(i32::MAX))
            .then_with(|| a.title.cmp(&b.title))
    });

    stats::validate(&loaded, diagnostics);
    let photos = photos::check(&loaded, diagnostics);

    let site = Site {
        photos,
        stats: loaded.stats,
        root: loaded.root,
        config: loaded.config,
        plans: loaded.plans,
        units: loaded.units,
        legal: loaded.legal,
        days: loaded.days,
        procedures: loaded.procedures,
        questions: loaded.questions,
        budgets: loaded.budgets,
        news: loaded.news,
        pages: loaded.pages,
        theme: loaded.theme,
        leaflets: loaded.leaflets,
        benefits: loaded.benefits,
        outputs: crate::model::Outputs::default(),
        fonts: loaded.fonts,
        spoken: loaded.spoken,
    };
    content::check(&site, diagnostics);
    site
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_keys_ignore_marks_case_and_punctuation() {
        assert_eq!(
            unit_key("Trung tâm Dịch vụ sự nghiệp công phường."),
            "trung tam dich vu su nghiep cong phuong"
        );
        assert_eq!(
            unit_key("Phòng Văn hóa – Xã hội"),
            unit_key("phòng văn hóa - xã  hội")
        );
    }
}
