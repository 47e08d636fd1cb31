//! The summary `loa import` prints: what was recognised, in Vietnamese from the catalogue.

use super::Imported;
use super::decode::Encoding;
use crate::locale::format;
use crate::messages;
use crate::model::{BlockKind, Comparison};

fn text(key: &str, args: &[(&str, String)]) -> String {
    messages::text(key, args).vi
}

fn or_none(value: String) -> String {
    if value.trim().is_empty() {
        text("import_summary_none", &[])
    } else {
        value
    }
}

/// The summary of an import, several lines.
pub fn summary(imported: &Imported, source: &str) -> String {
    let plan = &imported.plan;
    let parsed = &imported.parsed;
    let encoding = match imported.encoding {
        Encoding::Utf8 | Encoding::Utf16 => imported.encoding.name().to_owned(),
        legacy => format!("{} → Unicode", legacy.name()),
    };
    let symbol = if plan.symbol.is_empty() {
        String::new()
    } else {
        format!("số {}/{}", plan.number, plan.symbol)
    };
    let date = format::partial_short(plan.date.year, plan.date.month, plan.date.day);
    let items: usize = plan.body.parts.iter().map(|p| p.items.len()).sum::<usize>()
        + plan
            .body
            .parts
            .iter()
            .flat_map(|p| p.intro.iter().chain(p.items.iter().flat_map(|i| &i.blocks)))
            .filter_map(|b| match &b.kind {
                BlockKind::List(l) if l.start.is_some() => Some(l.items.len()),
                _ => None,
            })
            .sum::<usize>();
    let mut units = String::new();
    for a in &plan.assignments {
        let registered = imported
            .proposed_units
            .iter()
            .any(|u| u.name == a.unit_name);
        units.push_str(&text(
            "import_summary_unit",
            &[
                ("name", a.unit_name.clone()),
                (
                    "requested",
                    if a.requested {
                        text("import_summary_requested", &[])
                    } else {
                        String::new()
                    },
                ),
                ("duties", a.duties.len().to_string()),
                (
                    "registered",
                    if registered {
                        text("import_summary_unregistered", &[])
                    } else {
                        String::new()
                    },
                ),
            ],
        ));
    }
    let mut targets = String::new();
    for t in &plan.targets {
        let figure = match (t.value, &t.unit) {
            (Some(v), Some(u)) if u == "%" => format!(" [{}]", format::percent(v)),
            (Some(v), Some(u)) => format!(" [{} {u}]", format::decimal(v, 2, false)),
            (Some(v), None) if t.comparison == Comparison::AtMost => {
                format!(" [≤ {}]", format::decimal(v, 2, false))
            }
            (Some(v), None) => format!(" [{}]", format::decimal(v, 2, false)),
            _ => String::new(),
        };
        targets.push_str(&text(
            "import_summary_target",
            &[("text", t.text.plain.clone()), ("figure", figure)],
        ));
    }
    let mut citations = String::new();
    for (written, known) in &imported.citations {
        citations.push_str(&text(
            "import_summary_citation",
            &[
                ("text", written.clone()),
                (
                    "status",
                    if *known {
                        String::new()
                    } else {
                        text("import_summary_citation_new", &[])
                    },
                ),
            ],
        ));
    }
    let signer = [
        plan.signer.authority.join(", "),
        plan.signer.title.clone(),
        plan.signer.name.clone(),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(", ");
    text(
        "import_summary",
        &[
            ("source", source.to_owned()),
            ("encoding", encoding),
            ("doc_type", plan.doc_type.name().to_owned()),
            ("symbol", symbol),
            ("date", or_none(date)),
            ("subject", or_none(plan.subject.clone())),
            ("issuer", or_none(parsed.issuer.join(" "))),
            ("addressees", or_none(plan.addressees.join(" "))),
            ("basis", plan.body.preamble.len().to_string()),
            (
                "parts",
                plan.body
                    .parts
                    .iter()
                    .filter(|p| p.numeral.is_some())
                    .count()
                    .to_string(),
            ),
            ("items", items.to_string()),
            ("units", or_none(units)),
            ("targets", or_none(targets)),
            ("citations", or_none(citations)),
            ("closing", plan.closing.len().to_string()),
            ("recipients", plan.recipients.len().to_string()),
            ("signer", or_none(signer)),
            ("joined", parsed.joined.len().to_string()),
            ("unplaced", parsed.unplaced.len().to_string()),
        ],
    )
}
