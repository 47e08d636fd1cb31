//! Site search: a [Pagefind](https://pagefind.app) index over plans, policies, units, news,
//! standing pages and commemorative days, the search page `/tim-kiem/`, and an A–Z index of every
//! title that works without JavaScript (the search form falls back to it).
//!
//! Pagefind folds tone marks (`tuổi` is found by `tuoi`, and exact marks rank first) but `đ` has no
//! Unicode decomposition, so it would not find `đường` from `duong`. The indexed text therefore
//! spells `đ`/`Đ` as `ḍ`/`Ḍ` (U+1E0D/U+1E0C, `d` + combining dot below, a letter Vietnamese never
//! uses): Pagefind folds it to `d` like any other mark and keeps the exact form for ranking. The
//! search script applies the same spelling to the query and turns it back into `đ` in snippets.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::derive::Derived;
use crate::diagnostics::Diagnostic;
use crate::locale::fold_diacritics;
use crate::model::{Article, Site};
use crate::render::view::{Link, SiteView};
use crate::render::{Renderer, Sink, Stats, Templates, template_diagnostic, urls};

/// Titles per page of a letter of the A–Z index.
pub const TITLES_PER_PAGE: usize = 100;

/// Folder of the search bundle (index and Pagefind's script) in the output.
pub const BUNDLE: &str = "pagefind";

/// What part of the site a record comes from; the search page names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    /// A plan or official letter.
    Plan,
    /// A legal document in the policy registry.
    Policy,
    /// A unit.
    Unit,
    /// A news item.
    News,
    /// A standing page.
    Page,
    /// A commemorative day.
    Day,
    /// An indicator (số liệu).
    Indicator,
    /// A campaign.
    Campaign,
    /// A periodic report.
    Report,
    /// A benefit or service (Tôi cần...).
    Benefit,
    /// An administrative procedure (on `/thu-tuc/`).
    Procedure,
    /// A question and its answer (on `/hoi-dap/`).
    Question,
}

impl Section {
    fn key(self) -> &'static str {
        match self {
            Section::Plan => "plan",
            Section::Policy => "policy",
            Section::Unit => "unit",
            Section::News => "news",
            Section::Page => "page",
            Section::Day => "day",
            Section::Indicator => "indicator",
            Section::Campaign => "campaign",
            Section::Report => "report",
            Section::Benefit => "benefit",
            Section::Procedure => "procedure",
            Section::Question => "question",
        }
    }

    /// Whether a page of this section answers "what am I entitled to, how do I get it": benefits
    /// and the standing pages (guides). Search lists them before the rest.
    pub fn is_guide(self) -> bool {
        matches!(self, Section::Benefit | Section::Page)
    }
}

/// One searchable page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Record {
    /// Address of the page.
    pub url: String,
    /// Title as shown.
    pub title: String,
    /// Where it belongs.
    pub section: Section,
    /// Plain text of the page (title excluded).
    pub text: String,
    /// Whom a benefit is for (empty for other pages).
    pub situation: String,
}

fn join(parts: &[&str]) -> String {
    parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Plain text of a Markdown body: the words, one block a line.
pub fn markdown_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser, TagEnd};
    let mut out = String::with_capacity(markdown.len());
    // The project's options: a table is read cell by cell, never as lines of `|` and `---`.
    for event in Parser::new_ext(markdown, crate::load::markdown::options()) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::TableRow
                | TagEnd::BlockQuote(_),
            ) => out.push('\n'),
            _ => {}
        }
    }
    out
}

fn article_record(article: &Article, url: String, section: Section, with_text: bool) -> Record {
    Record {
        url,
        title: article.title.clone(),
        section,
        situation: String::new(),
        text: if with_text {
            join(&[
                &article.summary,
                &markdown_text(&article.body),
                &article.tags.join(", "),
            ])
        } else {
            String::new()
        },
    }
}

/// Position of news item `index` in [`records`].
pub fn news_record_index(site: &Site, index: usize) -> usize {
    site.plans.len() + site.legal.len() + site.units.len() + index
}

/// The record of news item `index` (for `loa serve`, after an edit).
pub fn news_record(site: &Site, index: usize) -> Record {
    let a = &site.news[index];
    article_record(a, urls::news(&a.slug), Section::News, true)
}

/// Every searchable page of the site, in a stable order: plans, policies, units, news, pages,
/// days, indicators, campaigns, reports, procedures, questions.
pub fn records(site: &Site) -> Vec<Record> {
    records_with(site, true)
}

/// [`records`] with their text only when `with_text`: the A–Z index of titles needs no text, and
/// without the search index the plain text of every document is not made at all.
fn records_with(site: &Site, with_text: bool) -> Vec<Record> {
    let text = |make: &dyn Fn() -> String| if with_text { make() } else { String::new() };
    let mut out: Vec<Record> = Vec::new();
    out.par_extend(site.plans.par_iter().map(|p| Record {
        url: urls::plan(&p.slug),
        title: p.title(),
        section: Section::Plan,
        situation: String::new(),
        text: text(&|| {
            join(&[
                &p.number_and_symbol(),
                &p.body.plain_text(),
                &p.tags.join(", "),
            ])
        }),
    }));
    out.extend(site.legal.iter().map(|d| Record {
        url: urls::policy(&d.id),
        title: d.display_name(),
        section: Section::Policy,
        situation: String::new(),
        text: text(&|| {
            join(&[
                &d.kind,
                d.symbol.as_deref().unwrap_or(""),
                &d.names.join(", "),
                &d.title,
                &d.issuer,
                &d.summary,
            ])
        }),
    }));
    out.extend(site.units.iter().map(|u| Record {
        url: urls::unit(&u.id),
        title: u.name.clone(),
        section: Section::Unit,
        situation: String::new(),
        text: text(&|| join(&[&u.aliases.join(", "), &u.kind, &u.description, &u.address])),
    }));
    out.par_extend(
        site.news
            .par_iter()
            .map(|a| article_record(a, urls::news(&a.slug), Section::News, with_text)),
    );
    out.extend(site.pages.iter().map(|a| {
        let url = if a.slug == "lien-he" {
            urls::CONTACT.to_owned()
        } else {
            urls::page(&a.slug)
        };
        article_record(a, url, Section::Page, with_text)
    }));
    out.extend(site.days.iter().map(|d| Record {
        url: urls::day(&d.id),
        title: d.name.clone(),
        section: Section::Day,
        situation: String::new(),
        text: text(&|| {
            join(&[
                &d.theme,
                &d.slogans.join("\n"),
                &d.groups.join(", "),
                &d.basis,
                &d.description,
            ])
        }),
    }));
    let stats = &site.stats;
    out.extend(stats.indicators.iter().map(|i| Record {
        url: crate::render::stats::urls::indicator(&i.key),
        title: i.name.clone(),
        section: Section::Indicator,
        situation: String::new(),
        text: text(&|| join(&[&i.sentence.replace("{so}", ""), &i.description, &i.unit])),
    }));
    out.extend(stats.campaigns.iter().map(|c| Record {
        url: crate::render::stats::urls::campaign(&c.slug),
        title: c.title.clone(),
        section: Section::Campaign,
        situation: String::new(),
        text: text(&|| join(&[&c.summary, &markdown_text(&c.body)])),
    }));
    out.extend(stats.reports.iter().map(|r| Record {
        url: crate::render::stats::urls::report(&r.slug),
        title: r.title.clone(),
        section: Section::Report,
        situation: String::new(),
        text: text(&|| markdown_text(&r.body)),
    }));
    out.extend(site.benefits.iter().map(|b| Record {
        url: urls::benefit(&b.slug),
        title: b.title.clone(),
        section: Section::Benefit,
        situation: b.situation.clone(),
        text: text(&|| {
            let amounts: Vec<String> = b.amounts.iter().map(|a| join(&[&a.who, &a.note])).collect();
            join(&[
                &b.situation,
                &b.group,
                &b.summary,
                &b.eligible.join("\n"),
                &amounts.join("\n"),
                &b.papers.join("\n"),
                &b.place,
                &markdown_text(&b.body),
            ])
        }),
    }));
    out.extend(site.procedures.iter().map(|p| Record {
        url: urls::procedure_anchor(&p.anchor),
        title: p.name.clone(),
        section: Section::Procedure,
        situation: String::new(),
        text: text(&|| {
            join(&[
                p.code.as_deref().unwrap_or(""),
                &p.field,
                &p.place,
                &p.papers.join("\n"),
            ])
        }),
    }));
    out.extend(site.questions.iter().map(|q| Record {
        url: urls::question(&q.slug),
        title: q.question.clone(),
        section: Section::Question,
        situation: String::new(),
        text: text(&|| join(&[&markdown_text(&q.answer), &q.topics.join(", ")])),
    }));
    out
}

/// The Pagefind filter (name, value) of guides and benefits (static/tim-kiem.js asks for it).
pub const GUIDE_FILTER: (&str, &str) = ("uu_tien", "1");

/// `đ`/`Đ` spelled `ḍ`/`Ḍ`, nothing else changed.
pub fn spell_d(text: &str) -> String {
    text.replace('đ', "\u{1E0D}").replace('Đ', "\u{1E0C}")
}

/// The text handed to the indexer: HTML-escaped (Pagefind builds snippets from it as HTML) and
/// with `đ`/`Đ` spelled `ḍ`/`Ḍ` so that Pagefind's mark folding also folds them to `d`.
pub fn index_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            'đ' => out.push('\u{1E0D}'),
            'Đ' => out.push('\u{1E0C}'),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            other => out.push(other),
        }
    }
    out
}

/// Builds the Pagefind bundle for `records`: `(path under the bundle folder, bytes)`, only the
/// files the search page loads (no Pagefind UI). Runs Pagefind in-process.
pub fn pagefind_bundle(records: &[Record]) -> Result<Vec<(String, Vec<u8>)>, String> {
    use pagefind::api::PagefindIndex;
    use pagefind::options::PagefindServiceConfig;

    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| e.to_string())?;
    runtime.block_on(async {
        let config = PagefindServiceConfig::builder()
            .force_language("vi".to_owned())
            .build();
        let mut index = PagefindIndex::new(Some(config)).map_err(|e| e.to_string())?;
        for record in records {
            let mut meta = BTreeMap::from([
                // Spelled like the text so that title matches (weighted) fold `đ` too.
                ("title".to_owned(), spell_d(&record.title)),
                ("section".to_owned(), record.section.key().to_owned()),
            ]);
            // Whom a benefit is for: the search page ranks a benefit first when the query names it.
            if !record.situation.is_empty() {
                meta.insert("situation".to_owned(), spell_d(&record.situation));
            }
            let content = index_text(&format!("{}\n{}", record.title, record.text));
            // Guides and benefits carry a filter the search page asks first, to list them on top.
            let filters = record.section.is_guide().then(|| {
                BTreeMap::from([(GUIDE_FILTER.0.to_owned(), vec![GUIDE_FILTER.1.to_owned()])])
            });
            index
                .add_custom_record(
                    record.url.clone(),
                    content,
                    "vi".to_owned(),
                    Some(meta),
                    filters,
                    None,
                )
                .await
                .map_err(|e| e.to_string())?;
        }
        let files = index.get_files().await.map_err(|e| e.to_string())?;
        let mut out: Vec<(String, Vec<u8>)> = files
            .into_iter()
            .filter_map(|f| {
                let name = f.filename.to_string_lossy().replace('\\', "/");
                let wanted = name == "pagefind.js"
                    || name == "pagefind-worker.js"
                    || name == "pagefind-entry.json"
                    || name.ends_with(".pf_meta")
                    || (name.starts_with("wasm.") && name.ends_with(".pagefind"))
                    || name.starts_with("index/")
                    || name.starts_with("fragment/")
                    || name.starts_with("filter/");
                wanted.then_some((name, f.contents))
            })
            .collect();
        out.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(out)
    })
}

/// The key of the search bundle made from `records` (see [`crate::render::digest`]).
pub fn records_digest(records: &[Record]) -> String {
    // Everything a record gives the indexer: its text, its meta and its filter.
    let mut parts: Vec<&[u8]> = vec![
        b"pagefind 1.6",
        GUIDE_FILTER.0.as_bytes(),
        GUIDE_FILTER.1.as_bytes(),
    ];
    for r in records {
        parts.extend([
            r.url.as_bytes(),
            r.title.as_bytes(),
            r.section.key().as_bytes(),
            if r.section.is_guide() { b"guide" } else { b"" },
            r.text.as_bytes(),
            r.situation.as_bytes(),
        ]);
    }
    crate::render::digest(&parts)
}

/// The bundle's files in one blob for the product cache: for each file, the name's length (u32,
/// little-endian), the name, the contents' length (u64) and the contents.
fn pack(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let size = files.iter().map(|(n, b)| 12 + n.len() + b.len()).sum();
    let mut out = Vec::with_capacity(size);
    for (name, bytes) in files {
        out.extend((name.len() as u32).to_le_bytes());
        out.extend(name.as_bytes());
        out.extend((bytes.len() as u64).to_le_bytes());
        out.extend(bytes);
    }
    out
}

/// [`pack`] undone; `None` when the blob is damaged (the bundle is then made again).
fn unpack(mut blob: &[u8]) -> Option<Vec<(String, Vec<u8>)>> {
    fn take<'a>(blob: &mut &'a [u8], n: usize) -> Option<&'a [u8]> {
        let (head, rest) = (blob.len() >= n).then(|| blob.split_at(n))?;
        *blob = rest;
        Some(head)
    }
    let mut files = Vec::new();
    while !blob.is_empty() {
        let len = u32::from_le_bytes(take(&mut blob, 4)?.try_into().ok()?) as usize;
        let name = std::str::from_utf8(take(&mut blob, len)?).ok()?.to_owned();
        let len = usize::try_from(u64::from_le_bytes(take(&mut blob, 8)?.try_into().ok()?)).ok()?;
        files.push((name, take(&mut blob, len)?.to_vec()));
    }
    Some(files)
}

/// A letter of the A–Z index.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Letter {
    /// Sort position: digits first, then A, B, C, D, Đ, E ...
    order: (u32, u32),
    /// As shown (`A`, `Đ`, `0–9`).
    shown: String,
    /// In addresses (`a`, `dd`, `so`).
    slug: String,
}

fn letter_of(title: &str) -> Letter {
    let first = title.chars().find(|c| c.is_alphanumeric()).unwrap_or('#');
    if first.is_numeric() {
        return Letter {
            order: (0, 0),
            shown: "0–9".to_owned(),
            slug: "so".to_owned(),
        };
    }
    if first == 'đ' || first == 'Đ' {
        return Letter {
            order: (u32::from('D'), 1),
            shown: "Đ".to_owned(),
            slug: "dd".to_owned(),
        };
    }
    let base = fold_diacritics(&first.to_string())
        .chars()
        .next()
        .unwrap_or(first)
        .to_uppercase()
        .next()
        .unwrap_or(first);
    let slug = crate::locale::slugify(&base.to_string());
    Letter {
        order: (u32::from(base), 0),
        shown: base.to_string(),
        slug: if slug.is_empty() {
            "khac".to_owned()
        } else {
            slug
        },
    }
}

/// Sort key of a title: folded and lowercased, then the exact text.
fn title_key(title: &str) -> (String, String) {
    (fold_diacritics(title).to_lowercase(), title.to_owned())
}

/// A title in the A–Z index.
#[derive(Debug, Clone, Serialize)]
struct TitleEntry {
    url: String,
    title: String,
    section: Section,
}

/// A letter in the A–Z navigation.
#[derive(Debug, Clone, Serialize)]
struct LetterLink {
    letter: String,
    url: String,
    count: usize,
}

/// The pager of a letter.
#[derive(Debug, Serialize)]
struct Pager {
    current: usize,
    total: usize,
    previous: Option<String>,
    next: Option<String>,
    pages: Vec<Link>,
}

/// The A–Z index: letters in order, each with its titles sorted.
fn title_index(records: &[Record]) -> Vec<(Letter, Vec<TitleEntry>)> {
    let mut sorted: Vec<(&Record, (String, String))> =
        records.iter().map(|r| (r, title_key(&r.title))).collect();
    sorted.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.url.cmp(&b.0.url)));
    let mut letters: BTreeMap<Letter, Vec<TitleEntry>> = BTreeMap::new();
    for (r, _) in sorted {
        letters
            .entry(letter_of(&r.title))
            .or_default()
            .push(TitleEntry {
                url: r.url.clone(),
                title: r.title.clone(),
                section: r.section,
            });
    }
    letters.into_iter().collect()
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_text_spells_d_with_a_foldable_mark_and_escapes_html() {
        assert_eq!(
            index_text("Đường <b> & đông"),
            "\u{1E0C}ường &lt;b&gt; &amp; \u{1E0D}ông"
        );
        // The spelling folds to a plain d, as Pagefind folds it.
        assert_eq!(fold_diacritics(&index_text("Đông Sơn")), "Dong Son");
    }

    #[test]
    fn a_packed_bundle_unpacks_to_the_same_files_and_damage_is_detected() {
        let files = vec![
            ("pagefind.js".to_owned(), b"js".to_vec()),
            ("index/a.pf_index".to_owned(), vec![0, 1, 2, 255]),
            ("empty".to_owned(), Vec::new()),
        ];
        let blob = pack(&files);
        assert_eq!(unpack(&blob), Some(files));
        assert_eq!(unpack(&blob[..blob.len() - 1]), None);
        assert_eq!(unpack(&[]), Some(Vec::new()));
    }

    #[test]
    fn letters_follow_the_vietnamese_alphabet() {
        let mut letters: Vec<Letter> = ["Đường", "Dân", "Ấp", "Bảo", "2026", "Ủy ban"]
            .iter()
            .map(|t| letter_of(t))
            .collect();
        letters.sort();
        let shown: Vec<&str> = letters.iter().map(|l| l.shown.as_str()).collect();
        assert_eq!(shown, ["0–9", "A", "B", "D", "Đ", "U"]);
    }

    #[test]
    fn markdown_text_keeps_words_and_drops_markup() {
        let text =
            markdown_text("## Mục đích\n\nĐoạn **đậm** và [liên kết](/x/).\n\n- một\n- hai\n");
        assert_eq!(text, "Mục đích\nĐoạn đậm và liên kết.\nmột\nhai\n");
    }
}
