//! The `loa new` scaffolds (`locales/scaffold/*.md`) filled for a site: the title, the date, the
//! place and the default signer of `site.toml`. `loa new` and the editing desk start new items
//! from the same text, so a file made in the desk reads like one made by `loa new`.

use std::path::Path;

use chrono::NaiveDate;

use crate::diagnostics::Diagnostics;

/// The text of a TOML basic string, without its quotes (the scaffolds have them).
fn toml_string(text: &str) -> String {
    let quoted = crate::import::emit::toml_string(text);
    quoted[1..quoted.len() - 1].to_owned()
}

/// `template` with `{title}`, `{date}`, `{place}`, `{authority}`, `{signer_title}` and
/// `{signer_name}` filled from `site.toml` of `root` (left empty when it cannot be read).
pub fn fill(root: &Path, template: &str, title: &str, date: NaiveDate) -> String {
    let mut diagnostics = Diagnostics::new();
    let config = crate::load::read_source(root, Path::new("site.toml"))
        .ok()
        .and_then(|s| crate::load::config::load(&s, &mut diagnostics));
    let signer = config
        .as_ref()
        .map(|c| c.default_signer.clone())
        .unwrap_or_default();
    let authority: Vec<String> = signer
        .authority
        .iter()
        .map(|a| crate::import::emit::toml_string(a))
        .collect();
    template
        .replace("{title}", &toml_string(title.trim()))
        .replace("{date}", &date.format("%Y-%m-%d").to_string())
        .replace(
            "{place}",
            &toml_string(config.as_ref().map_or("", |c| c.name.as_str())),
        )
        .replace("{authority}", &authority.join(", "))
        .replace("{signer_title}", &toml_string(&signer.title))
        .replace("{signer_name}", &toml_string(&signer.name))
}
