//! The message catalogue: every sentence the command line shows comes from
//! `locales/messages.toml`, in Vietnamese with the English beside it.

use std::collections::BTreeMap;
use std::sync::OnceLock;

#[derive(Debug, serde::Deserialize)]
struct Entry {
    vi: String,
    en: String,
    #[serde(default)]
    hint_vi: Option<String>,
    #[serde(default)]
    hint_en: Option<String>,
}

fn catalogue() -> &'static BTreeMap<String, Entry> {
    static CATALOGUE: OnceLock<BTreeMap<String, Entry>> = OnceLock::new();
    CATALOGUE.get_or_init(|| {
        toml::from_str(include_str!("../locales/messages.toml"))
            .expect("locales/messages.toml is part of the binary and is checked by a unit test")
    })
}

/// Fills `{name}` placeholders.
fn fill(template: &str, args: &[(&str, String)]) -> String {
    let mut out = template.to_owned();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// A message in both languages, with what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    /// Vietnamese sentence.
    pub vi: String,
    /// English sentence.
    pub en: String,
    /// Vietnamese hint (what to do), if any.
    pub hint_vi: Option<String>,
    /// English hint, if any.
    pub hint_en: Option<String>,
}

/// Looks a message up by key and fills its placeholders. An unknown key is a programming error
/// caught by the catalogue test; at run time it falls back to the key itself.
pub fn text(key: &str, args: &[(&str, String)]) -> Text {
    match catalogue().get(key) {
        Some(entry) => Text {
            vi: fill(&entry.vi, args),
            en: fill(&entry.en, args),
            hint_vi: entry.hint_vi.as_deref().map(|h| fill(h, args)),
            hint_en: entry.hint_en.as_deref().map(|h| fill(h, args)),
        },
        None => Text {
            vi: key.to_owned(),
            en: key.to_owned(),
            hint_vi: None,
            hint_en: None,
        },
    }
}

/// Whether the catalogue has a key (used by tests to check every code the program emits).
pub fn has(key: &str) -> bool {
    catalogue().contains_key(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_parses_and_fills() {
        let t = text("date_invalid", &[("value", "2026-13-01".into())]);
        assert_eq!(t.vi, "Ngày `2026-13-01` không hợp lệ");
        assert!(t.hint_vi.unwrap().contains("2026-03-04"));
    }

    #[test]
    fn every_code_used_in_the_sources_is_in_the_catalogue() {
        // Every Rust source of the crate, so a new module cannot be left out of the check.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let sources: Vec<String> = walkdir::WalkDir::new(&root)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
            .map(|e| std::fs::read_to_string(e.path()).expect("readable source"))
            .collect();
        let pattern = regex::Regex::new(
            r#"code:\s*"([a-z_]+)"|Diagnostic::(?:error|warning)\(\s*"([a-z_]+)""#,
        )
        .unwrap();
        let mut seen = 0;
        for source in &sources {
            for cap in pattern.captures_iter(source) {
                let key = cap.get(1).or(cap.get(2)).unwrap().as_str();
                assert!(
                    has(key),
                    "message `{key}` missing from locales/messages.toml"
                );
                seen += 1;
            }
        }
        assert!(
            seen > 10,
            "the pattern should find the message codes ({seen})"
        );
    }
}
