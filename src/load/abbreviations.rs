//! The table of what loudspeaker scripts say in full: the default shipped with loa
//! (`locales/viet-tat.toml`, compiled in) overlaid by the site's optional `data/viet-tat.toml`
//! (same sections; an entry replaces the default one, `""` turns a default one off).

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::frontmatter::{SourceText, parse_toml};
use crate::model::spoken::SpokenTable;

/// Where a site extends the table.
pub const SITE_FILE: &str = "data/viet-tat.toml";

const DEFAULT_FILE: &str = "locales/viet-tat.toml";
const DEFAULT_TEXT: &str = include_str!("../../locales/viet-tat.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTable {
    #[serde(default)]
    viet_tat: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    co_quan: BTreeMap<String, Spanned<String>>,
}

/// Whether `key` can be an abbreviation: letters and digits, joined inside by `-` or `&`
/// (`VH-XH`), at least two characters and one capital (so no ordinary word is ever replaced).
pub fn key_is_valid(key: &str) -> bool {
    let chars: Vec<char> = key.chars().collect();
    chars.len() >= 2
        && chars
            .iter()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '&'))
        && chars.first().is_some_and(|c| c.is_alphanumeric())
        && chars.last().is_some_and(|c| c.is_alphanumeric())
        && chars.iter().any(|c| c.is_uppercase())
}

/// Merges one section of `source` into `into`, reporting bad entries at their line.
fn merge(
    source: &SourceText,
    section: &'static str,
    entries: BTreeMap<String, Spanned<String>>,
    into: &mut BTreeMap<String, String>,
    diagnostics: &mut Diagnostics,
) {
    for (key, value) in entries {
        let location = source.location(value.span().start);
        let words = value.into_inner();
        let words = words.trim();
        if !key_is_valid(&key) {
            diagnostics.push(
                Diagnostic::error("abbreviation_key_invalid", Some(location))
                    .field(format!("{section}.{key}"))
                    .arg("key", key.clone()),
            );
        } else if words.is_empty() {
            into.remove(&key);
        } else if words.chars().any(char::is_control) || !words.chars().any(char::is_alphabetic) {
            diagnostics.push(
                Diagnostic::error("abbreviation_words_invalid", Some(location))
                    .field(format!("{section}.{key}"))
                    .arg("key", key.clone()),
            );
        } else {
            into.insert(key, words.to_owned());
        }
    }
}

fn overlay(source: &SourceText, table: &mut SpokenTable, diagnostics: &mut Diagnostics) {
    match parse_toml::<RawTable>(source, &source.text, 0, "ctx_abbreviations") {
        Ok(raw) => {
            merge(
                source,
                "viet_tat",
                raw.viet_tat,
                &mut table.abbreviations,
                diagnostics,
            );
            merge(
                source,
                "co_quan",
                raw.co_quan,
                &mut table.issuers,
                diagnostics,
            );
        }
        Err(d) => diagnostics.push(d),
    }
}

/// The default table alone.
pub fn default_table(diagnostics: &mut Diagnostics) -> SpokenTable {
    let mut table = SpokenTable::default();
    let source = SourceText::new(DEFAULT_FILE, crate::locale::text::normalize(DEFAULT_TEXT));
    overlay(&source, &mut table, diagnostics);
    table
}

/// The default table overlaid by the site's `data/viet-tat.toml` when there is one.
pub fn load(root: &Path, diagnostics: &mut Diagnostics) -> SpokenTable {
    let mut table = default_table(diagnostics);
    if root.join(SITE_FILE).exists() {
        match super::read_source(root, Path::new(SITE_FILE)) {
            Ok(source) => overlay(&source, &mut table, diagnostics),
            Err(d) => diagnostics.push(d),
        }
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_table_reads_without_a_problem() {
        let mut diagnostics = Diagnostics::new();
        let table = default_table(&mut diagnostics);
        assert_eq!(diagnostics.iter().count(), 0, "{diagnostics:?}");
        assert_eq!(table.abbreviations["UBND"], "Ủy ban nhân dân");
        assert_eq!(table.abbreviations["BHYT"], "bảo hiểm y tế");
        assert_eq!(table.issuers["TTg"], "Thủ tướng Chính phủ");
    }

    #[test]
    fn a_site_adds_replaces_and_turns_off_entries_and_bad_ones_are_located() {
        let mut diagnostics = Diagnostics::new();
        let mut table = default_table(&mut diagnostics);
        let source = SourceText::new(
            SITE_FILE,
            "[viet_tat]\n\"HND\" = \"Hội Nông dân\"\nUBND = \"Ủy ban nhân dân phường\"\nCLB = \"\"\nbhyt = \"bảo hiểm y tế\"\nVP = \"12\"\n"
                .to_owned(),
        );
        overlay(&source, &mut table, &mut diagnostics);
        assert_eq!(table.abbreviations["HND"], "Hội Nông dân");
        assert_eq!(table.abbreviations["UBND"], "Ủy ban nhân dân phường");
        assert!(!table.abbreviations.contains_key("CLB"));
        let shown: Vec<String> = diagnostics.iter().map(|d| d.to_string()).collect();
        assert_eq!(shown.len(), 2, "{shown:?}");
        assert!(shown[0].starts_with("data/viet-tat.toml:6:"), "{shown:?}");
        assert!(shown[0].contains("VP"), "{shown:?}");
        assert!(shown[1].starts_with("data/viet-tat.toml:5:"), "{shown:?}");
        assert!(shown[1].contains("bhyt"), "{shown:?}");
        // An unknown section is named with the sections that exist.
        let mut diagnostics = Diagnostics::new();
        let typo = SourceText::new(SITE_FILE, "[viet_tac]\nA = \"b\"\n".to_owned());
        overlay(&typo, &mut table, &mut diagnostics);
        let shown: Vec<String> = diagnostics.iter().map(|d| d.to_string()).collect();
        assert!(shown[0].contains("viet_tat"), "{shown:?}");
    }
}
