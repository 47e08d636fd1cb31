//! Cross-references of the statistics: indicator keys named by plan targets, campaign goals and
//! reports must exist in data/indicators.toml.

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::load::Loaded;
use crate::load::frontmatter::nearest;
use crate::load::stats::INDICATORS_FILE;

fn unknown(
    key: &str,
    known: &[String],
    location: Location,
    field: &str,
    diagnostics: &mut Diagnostics,
) {
    let suggestion = nearest(key, known).unwrap_or_else(|| known.join(", "));
    diagnostics.push(
        Diagnostic::error("stats_indicator_unknown", Some(location))
            .field(field.to_owned())
            .arg("value", key.to_owned())
            .arg("suggestion", suggestion)
            .arg("registry", INDICATORS_FILE),
    );
}

/// Checks every indicator key used outside the registry.
pub fn validate(loaded: &Loaded, diagnostics: &mut Diagnostics) {
    let known: Vec<String> = loaded
        .stats
        .indicators
        .iter()
        .map(|i| i.key.clone())
        .collect();
    let exists = |key: &str| known.iter().any(|k| k == key);
    for plan in &loaded.plans {
        for target in &plan.targets {
            if let Some(key) = &target.indicator
                && !exists(key)
            {
                unknown(
                    key,
                    &known,
                    Location::new(&plan.source, target.line, 1),
                    "chi_so",
                    diagnostics,
                );
            }
        }
    }
    for campaign in &loaded.stats.campaigns {
        for goal in &campaign.goals {
            if !exists(&goal.indicator) {
                unknown(
                    &goal.indicator,
                    &known,
                    Location::new(&campaign.source, goal.line, 1),
                    "chi_so",
                    diagnostics,
                );
            }
        }
    }
    for report in &loaded.stats.reports {
        for key in &report.key_indicators {
            if !exists(key) {
                unknown(
                    key,
                    &known,
                    report.location.clone(),
                    "chi_so_chinh",
                    diagnostics,
                );
            }
        }
    }
}
