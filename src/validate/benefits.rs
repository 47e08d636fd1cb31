//! Benefits name policies, plans, days and officials: each name must lead somewhere. Policies are
//! looked up like a day's (`chinh_sach`), by registry id or number and symbol.

use std::collections::BTreeMap;

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::load::Loaded;
use crate::load::frontmatter::nearest;

/// Resolves every benefit's references in place and sorts the benefits into front-door order;
/// `legal_key` finds a legal registry id from what is written.
pub fn resolve(
    loaded: &mut Loaded,
    legal_key: &dyn Fn(&str) -> Option<String>,
    diagnostics: &mut Diagnostics,
) {
    let plan_slugs: Vec<String> = loaded.plans.iter().map(|p| p.slug.clone()).collect();
    let day_ids: Vec<String> = loaded.days.iter().map(|d| d.id.clone()).collect();
    let officials: BTreeMap<String, usize> = loaded
        .config
        .officials
        .iter()
        .enumerate()
        .map(|(i, o)| (key(&o.name), i))
        .collect();
    let official_names: Vec<String> = loaded
        .config
        .officials
        .iter()
        .map(|o| o.name.clone())
        .collect();
    for benefit in &mut loaded.benefits {
        let at = |line: usize| Some(Location::new(benefit.source.clone(), line.max(1), 1));
        let mut resolved = Vec::new();
        for policy in &benefit.policies {
            match legal_key(policy) {
                Some(id) => {
                    if !resolved.contains(&id) {
                        resolved.push(id);
                    }
                }
                None => diagnostics.push(
                    Diagnostic::error("reference_unknown", at(benefit.lines.policies))
                        .field("can_cu")
                        .arg("value", policy.clone())
                        .arg("registry", "data/legal.toml"),
                ),
            }
        }
        benefit.policies = resolved;
        for (list, known, line, field, what) in [
            (
                &benefit.plans,
                &plan_slugs,
                benefit.lines.plans,
                "ke_hoach",
                "content/plans",
            ),
            (
                &benefit.days,
                &day_ids,
                benefit.lines.days,
                "ngay",
                "data/days.toml",
            ),
        ] {
            // A plan whose file failed to load has its own error already.
            let failed = |n: &String| field == "ke_hoach" && loaded.plan_files.contains(n);
            for name in list.iter().filter(|n| !known.contains(n) && !failed(n)) {
                diagnostics.push(
                    Diagnostic::error("benefit_reference_unknown", at(line))
                        .field(field)
                        .arg("value", name.clone())
                        .arg("where", what)
                        .arg("suggestion", nearest(name, known).unwrap_or_default()),
                );
            }
        }
        benefit.plans.retain(|s| plan_slugs.contains(s));
        benefit.days.retain(|s| day_ids.contains(s));
        let mut indices = Vec::new();
        for name in &benefit.contacts {
            match officials.get(&key(name)) {
                Some(&i) => indices.push(i),
                None => diagnostics.push(
                    Diagnostic::error("benefit_contact_unknown", at(benefit.lines.contacts))
                        .field("lien_he")
                        .arg("value", name.clone())
                        .arg(
                            "suggestion",
                            nearest(name, &official_names).unwrap_or_default(),
                        ),
                ),
            }
        }
        benefit.contact_indices = indices;
        for code in &benefit.procedures {
            if !loaded
                .procedures
                .iter()
                .any(|p| p.code.as_deref() == Some(code.as_str()))
            {
                diagnostics.push(
                    Diagnostic::error("reference_unknown", at(benefit.lines.procedures))
                        .field("thu_tuc")
                        .arg("value", code.clone())
                        .arg("registry", "data/thu-tuc.toml"),
                );
            }
        }
    }
    loaded.benefits.sort_by(|a, b| {
        (a.order.is_none(), a.order, &a.title, &a.slug).cmp(&(
            b.order.is_none(),
            b.order,
            &b.title,
            &b.slug,
        ))
    });
}

/// Names compared without case or extra spaces.
fn key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}
