//! Site search: a [Pagefind](https://pagefind.app) index over plans, policies, units, news,
//! standing pages and commemorative days, the search page `/tim-kiem/`, and an A–Z index of every
//! title that works without JavaScript (the search form falls back to it).
//!
//! Pagefind folds tone marks (`tuổi` is found by `tuoi`, and exact marks rank first) but `đ` has no
//! Unicode decomposition, so it would not find `đường` from `duong`. The indexed text therefore
//! spells `đ`/`Đ` as `ḍ`/`Ḍ` (U+1E0D/U+1E0C, `d` + combining dot below, a letter Vietnamese never
//! uses): Pagefind folds it to `d` like any other mark and keeps the exact form for ranking. The
//! search script applies the same spelling to the query and turns it back into `đ` in snippets.

mod bundle;
mod records;
mod titles;

use rayon::prelude::*;
use tera::Context;

use crate::derive::Derived;
use crate::diagnostics::Diagnostic;
use crate::model::Site;
use crate::render::view::{Link, SiteView};
use crate::render::{Renderer, Sink, Stats, Templates, template_diagnostic, urls};
pub use bundle::{GUIDE_FILTER, index_text, pagefind_bundle, records_digest, spell_d};
use bundle::{pack, unpack};
use records::records_with;
pub use records::{Record, Section, markdown_text, news_record, news_record_index, records};
use titles::{LetterLink, Pager, TitleEntry, title_index};

/// Titles per page of a letter of the A–Z index.
pub const TITLES_PER_PAGE: usize = 100;

/// Folder of the search bundle (index and Pagefind's script) in the output.
pub const BUNDLE: &str = "pagefind";

/// The search page and the A–Z index, plus the Pagefind bundle.
pub struct SearchRenderer<'a> {
    /// Compiled templates.
    pub templates: &'a Templates,
}

impl Renderer for SearchRenderer<'_> {
    fn name(&self) -> &'static str {
        "search"
    }

    fn render(
        &self,
        site: &Site,
        derived: &Derived,
        sink: &dyn Sink,
    ) -> Result<Stats, Vec<Diagnostic>> {
        let records = records_with(site, site.outputs.search_index);
        let put = |path: &str, bytes: &[u8]| {
            sink.put(path, bytes).map_err(|e| {
                vec![
                    Diagnostic::error("output_error", None)
                        .arg("path", path.to_owned())
                        .arg("reason", e.to_string()),
                ]
            })
        };
        // The index and the pages are independent: build them side by side.
        let (bundle, pages) = rayon::join(
            || -> Result<Vec<(String, Vec<u8>)>, String> {
                if !site.outputs.search_index {
                    return Ok(Vec::new());
                }
                // The index depends on the records only: an unchanged site reuses the last one.
                let key = records_digest(&records);
                if let Some(bundle) = sink.recall(&key).and_then(|b| unpack(&b)) {
                    return Ok(bundle);
                }
                let bundle = pagefind_bundle(&records)?;
                sink.remember(&key, &pack(&bundle));
                Ok(bundle)
            },
            || self.pages(site, derived, &records),
        );
        let pages = pages?;
        let bundle = bundle.map_err(|reason| {
            vec![
                Diagnostic::error("output_error", None)
                    .arg("path", format!("{BUNDLE}/"))
                    .arg("reason", reason),
            ]
        })?;
        let mut stats = Stats::default();
        for (url, html) in &pages {
            put(&urls::file_for(url), html.as_bytes())?;
            stats.pages += 1;
            stats.files += 1;
        }
        for (name, bytes) in &bundle {
            put(&format!("{BUNDLE}/{name}"), bytes)?;
            stats.files += 1;
        }
        Ok(stats)
    }
}

impl SearchRenderer<'_> {
    /// Renders `/tim-kiem/` and every page of every letter: `(address, html)`.
    pub fn pages(
        &self,
        site: &Site,
        derived: &Derived,
        records: &[Record],
    ) -> Result<Vec<(String, String)>, Vec<Diagnostic>> {
        let mut tera = self.templates.tera.clone();
        tera.global_context()
            .insert("site", &SiteView::new(site, derived));
        tera.global_context()
            .insert("share_image", &crate::render::share::image_for(site, None));
        let index = title_index(records);
        let letters: Vec<LetterLink> = index
            .iter()
            .map(|(l, titles)| LetterLink {
                letter: l.shown.clone(),
                url: urls::search_letter(&l.slug, 1),
                count: titles.len(),
            })
            .collect();
        // (address, letter index, page number); page 0 is the search page itself.
        let mut jobs: Vec<(String, Option<usize>, usize)> =
            vec![(urls::SEARCH.to_owned(), None, 0)];
        for (i, (letter, titles)) in index.iter().enumerate() {
            let total = titles.len().div_ceil(TITLES_PER_PAGE).max(1);
            jobs.extend((1..=total).map(|n| (urls::search_letter(&letter.slug, n), Some(i), n)));
        }
        let rendered: Vec<Result<(String, String), Diagnostic>> = jobs
            .par_iter()
            .map(|(url, letter, n)| {
                let mut c = Context::new();
                c.insert("url", url);
                c.insert("letters", &letters);
                c.insert("title_count", &records.len());
                c.insert("search_index", &site.outputs.search_index);
                if let Some(i) = letter {
                    let (l, titles) = &index[*i];
                    let total = titles.len().div_ceil(TITLES_PER_PAGE).max(1);
                    let slice: Vec<&TitleEntry> = titles
                        .iter()
                        .skip((n - 1) * TITLES_PER_PAGE)
                        .take(TITLES_PER_PAGE)
                        .collect();
                    c.insert("letter", &l.shown);
                    c.insert("letter_count", &titles.len());
                    c.insert("titles", &slice);
                    c.insert(
                        "pager",
                        &Pager {
                            current: *n,
                            total,
                            previous: (*n > 1).then(|| urls::search_letter(&l.slug, n - 1)),
                            next: (*n < total).then(|| urls::search_letter(&l.slug, n + 1)),
                            pages: (1..=total)
                                .map(|k| Link {
                                    title: k.to_string(),
                                    url: urls::search_letter(&l.slug, k),
                                })
                                .collect(),
                        },
                    );
                }
                tera.render("search.html", &c)
                    .map(|html| (url.clone(), html))
                    .map_err(|e| template_diagnostic(&e, &self.templates.paths, Some(url)))
            })
            .collect();
        let mut pages = Vec::with_capacity(rendered.len());
        let mut errors = Vec::new();
        for r in rendered {
            match r {
                Ok(p) => pages.push(p),
                Err(e) => errors.push(e),
            }
        }
        if errors.is_empty() {
            Ok(pages)
        } else {
            errors.dedup_by(|a, b| a.location == b.location && a.code == b.code);
            Err(errors)
        }
    }
}
