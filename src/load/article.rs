//! News items (content/news) and pages (content/pages): Markdown with `+++` TOML front matter.

use serde::Deserialize;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::frontmatter::{SourceText, parse_toml, split};
use crate::load::markdown;
use crate::model::{Article, ArticleKind, PartialDate};

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawArticle {
    tieu_de: String,
    #[serde(default)]
    ngay: Option<String>,
    #[serde(default)]
    tom_tat: String,
    #[serde(default)]
    the: Vec<String>,
    #[serde(default)]
    phat_thanh: bool,
    #[serde(default)]
    thu_tu_menu: Option<i32>,
    #[serde(default)]
    duong_dan: Option<String>,
    #[serde(default)]
    anh: Option<String>,
    #[serde(default)]
    chu_thich: String,
    #[serde(default)]
    tac_gia: String,
    #[serde(default)]
    mo_ta_anh: String,
}

/// Reads one article. `slug` comes from the file name unless `duong_dan` overrides it.
pub fn load(
    source: &SourceText,
    kind: ArticleKind,
    slug: String,
    diagnostics: &mut Diagnostics,
) -> Option<Article> {
    let parts = match split(source) {
        Ok(parts) => parts,
        Err(d) => {
            diagnostics.push(d);
            return None;
        }
    };
    let raw: RawArticle = match parse_toml(source, parts.front, parts.front_offset, "ctx_article") {
        Ok(raw) => raw,
        Err(d) => {
            diagnostics.push(d);
            return None;
        }
    };
    if raw.tieu_de.trim().is_empty() {
        diagnostics.push(Diagnostic::error(
            "title_missing",
            Some(source.key_location("tieu_de", parts.front_offset)),
        ));
    }
    let date = match raw.ngay.as_deref() {
        Some(text) => match PartialDate::parse(text).and_then(PartialDate::to_date) {
            Some(date) => Some(date),
            None => {
                diagnostics.push(
                    Diagnostic::error(
                        "date_invalid",
                        Some(source.key_location("ngay", parts.front_offset)),
                    )
                    .field("ngay")
                    .arg("value", text.to_owned()),
                );
                None
            }
        },
        None if kind == ArticleKind::News => {
            diagnostics.push(
                Diagnostic::error("field_missing", Some(source.location(parts.front_offset)))
                    .field("ngay")
                    .arg("context", crate::messages::text("ctx_article", &[]).vi),
            );
            None
        }
        None => None,
    };
    let body_location = |offset: usize| source.location(parts.body_offset + offset);
    let links = markdown::check(parts.body, &body_location, diagnostics)?;
    let slug = raw
        .duong_dan
        .as_deref()
        .map(crate::locale::slugify)
        .filter(|s| !s.is_empty())
        .unwrap_or(slug);
    Some(Article {
        kind,
        slug,
        source: source.path.clone(),
        title: raw.tieu_de.trim().to_owned(),
        date,
        summary: raw.tom_tat,
        tags: raw.the,
        body: parts.body.to_owned(),
        body_line: source.line_of(parts.body_offset),
        broadcast: raw.phat_thanh,
        source_text: raw.phat_thanh.then(|| source.text.as_str().into()),
        menu_order: raw.thu_tu_menu,
        summary_line: source.key_location("tom_tat", parts.front_offset).line,
        lead_photo: crate::load::photos::lead_photo(
            source,
            parts.front_offset,
            raw.anh,
            raw.chu_thich,
            raw.tac_gia,
            raw.mo_ta_anh,
        ),
        links,
    })
}

/// The fields of a news item or page, as the loader reads them, for the editing desk's forms.
pub fn schema() -> schemars::Schema {
    schemars::schema_for!(RawArticle)
}
