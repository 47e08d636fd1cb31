//! News items and standing pages.

use serde::Serialize;

use crate::locale::format;
use crate::model::{Article, Site};
use crate::render::inline::Linker;

use super::*;

/// A news item or page.
#[derive(Debug, Serialize)]
pub struct ArticleView {
    pub url: String,
    pub title: String,
    pub date_text: String,
    pub date_long: String,
    pub date_iso: String,
    pub summary: String,
    pub tags: Vec<String>,
    pub body_html: String,
    /// The lead photo with its caption (item pages).
    pub lead_html: String,
    /// The lead photo, small (list entries).
    pub thumb_html: String,
    pub policies: Vec<PolicyLink>,
    pub broadcast: bool,
}

/// Builds an article view (the body rendered only when `with_body`).
pub fn article_view(
    site: &Site,
    article: &Article,
    url: String,
    citations: &[usize],
    linker: Option<&Linker<'_>>,
) -> ArticleView {
    ArticleView {
        url,
        title: article.title.clone(),
        date_text: article.date.map(format::short_date).unwrap_or_default(),
        date_long: article.date.map(format::long_date).unwrap_or_default(),
        date_iso: article
            .date
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        summary: article.summary.clone(),
        tags: article.tags.clone(),
        body_html: linker
            .map(|l| l.at(&article.source).block_html(&article.body))
            .unwrap_or_default(),
        lead_html: if linker.is_some() {
            crate::render::photos::article_lead_html(site, article)
        } else {
            String::new()
        },
        thumb_html: crate::render::photos::article_thumb_html(site, article),
        policies: citations
            .iter()
            .map(|&i| policy_link(&site.legal[i]))
            .collect(),
        broadcast: article.broadcast,
    }
}
