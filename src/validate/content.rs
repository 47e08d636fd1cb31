//! What a reader would find broken or empty, reported as warnings with file and line: review
//! sections an import left in a plan, menu entries and Markdown links that lead nowhere, units
//! without any contact, policies without a plain-language summary, unnumbered documents not marked
//! as drafts, doubled separators in recipient lists, and the sample text of `loa new` left as it was.

use std::collections::BTreeSet;
use std::path::Path;

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::load::SourceText;
use crate::load::frontmatter::split;
use crate::model::{Article, LinkRef, Site};
use crate::render::urls;

/// The files `loa new` writes; their sample sentences are what a file left as it was still says.
const SCAFFOLDS: [&str; 4] = [
    include_str!("../../locales/scaffold/plan.md"),
    include_str!("../../locales/scaffold/news.md"),
    include_str!("../../locales/scaffold/page.md"),
    include_str!("../../locales/scaffold/toi-can.md"),
];

/// Checks everything a reader would meet; every finding is a warning.
pub fn check(site: &Site, diagnostics: &mut Diagnostics) {
    let addresses = Addresses::of(site);
    let samples = sample_sentences();
    menu_links(site, &addresses, diagnostics);
    // Each document is checked on its own (every core): the findings are collected per
    // document and kept in document order, so the report does not depend on scheduling.
    let per_plan: Vec<Diagnostics> = site
        .plans
        .par_iter()
        .map(|plan| {
            let mut diagnostics = Diagnostics::new();
            let diagnostics = &mut diagnostics;
            let source = SourceText::new(plan.source.clone(), plan.source_text.to_string());
            let body_offset = match split(&source) {
                Ok(parts) => parts.body_offset,
                Err(_) => return std::mem::take(diagnostics),
            };
            unplaced(&source, body_offset, diagnostics);
            markdown_links(
                &plan.links,
                &urls::plan(&plan.slug),
                &addresses,
                diagnostics,
            );
            sample_lines(&source.text, 1, &plan.source, &samples, diagnostics);
            if plan.number.trim().is_empty() && !plan.draft {
                diagnostics.push(
                    Diagnostic::warning(
                        "content_plan_unnumbered",
                        Some(source.key_location("so", 0)),
                    )
                    .field("so")
                    .arg("symbol", plan.symbol.clone()),
                );
            }
            for (key, entries) in [
                ("kinh_gui", &plan.addressees),
                ("noi_nhan", &plan.recipients),
            ] {
                for entry in entries.iter().filter(|e| doubled_separator(e)) {
                    diagnostics.push(
                        Diagnostic::warning(
                            "content_list_doubled",
                            Some(entry_location(&source, key, entry)),
                        )
                        .field(key)
                        .arg("entry", entry.clone()),
                    );
                }
            }

            std::mem::take(diagnostics)
        })
        .collect();
    let per_article: Vec<Diagnostics> = site
        .news
        .par_iter()
        .chain(site.pages.par_iter())
        .map(|article| article_warnings(article, &addresses, &samples))
        .collect();
    for found in per_plan.into_iter().chain(per_article) {
        diagnostics.extend(found);
    }
    for benefit in &site.benefits {
        markdown_links(
            &benefit.links,
            &urls::benefit(&benefit.slug),
            &addresses,
            diagnostics,
        );
        sample_lines(
            &benefit.body,
            benefit.body_line,
            &benefit.source,
            &samples,
            diagnostics,
        );
    }
    for unit in &site.units {
        if [&unit.phone, &unit.email, &unit.address]
            .iter()
            .all(|s| s.trim().is_empty())
        {
            diagnostics.push(
                Diagnostic::warning(
                    "content_unit_no_contact",
                    Some(Location::new(&unit.source, unit.line, 1)),
                )
                .arg("name", unit.name.clone()),
            );
        }
    }
    for doc in &site.legal {
        if doc.summary.trim().is_empty() {
            let name = doc.symbol.clone().unwrap_or_else(|| doc.title.clone());
            diagnostics.push(
                Diagnostic::warning(
                    "content_policy_no_summary",
                    Some(Location::new("data/legal.toml", doc.line, 1)),
                )
                .field("tom_tat")
                .arg("name", name),
            );
        }
    }
}

/// The warnings of the news items `indices` alone (what `loa serve` reports after an edit it
/// rebuilds in place).
pub fn check_news(site: &Site, indices: &[usize], diagnostics: &mut Diagnostics) {
    let addresses = Addresses::of(site);
    let samples = sample_sentences();
    for &i in indices {
        if let Some(article) = site.news.get(i) {
            diagnostics.extend(article_warnings(article, &addresses, &samples));
        }
    }
}

/// The warnings of one news item or page: links that lead nowhere, text left from the scaffold,
/// a missing summary.
fn article_warnings(
    article: &crate::model::Article,
    addresses: &Addresses,
    samples: &BTreeSet<String>,
) -> Diagnostics {
    let mut diagnostics = Diagnostics::new();
    let url = match article.kind {
        crate::model::ArticleKind::News => urls::news(&article.slug),
        crate::model::ArticleKind::Page => urls::page(&article.slug),
    };
    markdown_links(&article.links, &url, addresses, &mut diagnostics);
    sample_lines(
        &article.body,
        article.body_line,
        &article.source,
        samples,
        &mut diagnostics,
    );
    summary(article, &mut diagnostics);
    diagnostics
}

/// Every address the build writes (pages, files, print products), for links to be checked
/// against. Search letter pages and the search bundle are known by their folder.
struct Addresses {
    exact: BTreeSet<String>,
    folders: Vec<&'static str>,
}

impl Addresses {
    fn of(site: &Site) -> Addresses {
        let mut exact: BTreeSet<String> = crate::render::html::jobs(site)
            .into_iter()
            .map(|job| job.url(site))
            .collect();
        exact.extend(crate::render::stats::page_urls(site));
        exact.extend(
            [
                urls::SEARCH,
                urls::FEED,
                urls::CALENDAR_ICS,
                "/sitemap.xml",
                "/robots.txt",
            ]
            .map(str::to_owned),
        );
        exact.extend(
            site.theme
                .static_files
                .iter()
                .map(|(path, _)| format!("{}{path}", urls::STATIC)),
        );
        let stats = &site.stats;
        if !stats.indicators.is_empty() {
            use crate::render::stats::urls as stat_urls;
            exact.insert(stat_urls::OPEN_DATA_README.to_owned());
            for indicator in &stats.indicators {
                exact.insert(stat_urls::csv(&indicator.key));
                exact.insert(stat_urls::json(&indicator.key));
            }
        }
        exact.extend(crate::render::print::product_urls(site));
        exact.extend(
            crate::render::html::downloads(site)
                .into_iter()
                .map(|(url, _)| url),
        );
        Addresses {
            exact,
            folders: vec![urls::SEARCH, "/pagefind/"],
        }
    }

    /// Whether a root-relative path (no query or fragment) is written by the build; a folder
    /// address may be written without its final `/`.
    fn contains(&self, path: &str) -> bool {
        self.exact.contains(path)
            || self.exact.contains(&format!("{path}/"))
            || self.folders.iter().any(|f| path.starts_with(f))
    }
}

/// The address a link leads to inside the site, resolved against the page it is on; `None` for
/// links that leave the site (a scheme such as `https:`, `mailto:`, `tel:`, or `//host`) or that
/// stay on the page (`#part`).
fn internal_target(destination: &str, page_url: &str) -> Option<String> {
    let destination = destination.trim();
    if destination.is_empty() || destination.starts_with('#') || destination.starts_with("//") {
        return None;
    }
    let before_path = destination.split(['/', '?', '#']).next().unwrap_or("");
    if before_path.contains(':') {
        return None;
    }
    let path = destination.split(['#', '?']).next().unwrap_or(destination);
    let joined = if path.starts_with('/') {
        path.to_owned()
    } else {
        // Page addresses are folders (`/tin-tuc/a/`): a relative link starts from there.
        let base = &page_url[..page_url.rfind('/').map_or(0, |i| i + 1)];
        format!("{base}{path}")
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/').skip(1) {
        match part {
            "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    let mut resolved = format!("/{}", parts.join("/"));
    if joined.ends_with('/') && !resolved.ends_with('/') {
        resolved.push('/');
    }
    Some(resolved)
}

/// Links and images of a Markdown body (found at load, with their places) that lead to an
/// address the build does not write.
fn markdown_links(
    links: &[LinkRef],
    page_url: &str,
    addresses: &Addresses,
    diagnostics: &mut Diagnostics,
) {
    for link in links {
        // A photo beside the content file is published by the media step (its problems are
        // errors of `validate::photos`), not looked for among the site's addresses.
        if link.image && crate::model::photo::is_photo_target(&link.target) {
            continue;
        }
        let Some(target) = internal_target(&link.target, page_url) else {
            continue;
        };
        if addresses.contains(&target) {
            continue;
        }
        let code = if link.image {
            "content_image_missing"
        } else {
            "content_link_dead"
        };
        diagnostics.push(
            Diagnostic::warning(code, Some(link.location.clone()))
                .arg("target", link.target.clone())
                .arg("address", target),
        );
    }
}

/// Literal root-relative links in the theme's navigation (`<nav>` ... `</nav>`) that lead to an
/// address the build does not write (menu entries built from pages always lead somewhere).
fn menu_links(site: &Site, addresses: &Addresses, diagnostics: &mut Diagnostics) {
    for (_, shown, source) in &site.theme.templates {
        let mut in_nav = false;
        // How many `{% if %}` blocks are open: an entry inside one is shown only when its
        // condition holds (the default theme's `Số liệu` on a site with figures), so it is not
        // judged from the template's text.
        let mut conditions = 0usize;
        for (index, line) in source.lines().enumerate() {
            if line.contains("<nav") {
                in_nav = true;
            }
            let mut marks: Vec<(usize, i8)> = line
                .match_indices("{% if")
                .map(|(i, _)| (i, 1))
                .chain(line.match_indices("{% endif").map(|(i, _)| (i, -1)))
                .chain(line.match_indices("href=\"").map(|(i, _)| (i, 0)))
                .collect();
            marks.sort_unstable();
            let mut hrefs = Vec::new();
            for (at, mark) in marks {
                match mark {
                    1 => conditions += 1,
                    -1 => conditions = conditions.saturating_sub(1),
                    _ if conditions == 0 => hrefs.push(at),
                    _ => {}
                }
            }
            if in_nav {
                for start in hrefs {
                    let value = &line[start + 6..];
                    let value = &value[..value.find('"').unwrap_or(value.len())];
                    if !value.starts_with('/') || value.contains("{{") || value.contains("{%") {
                        continue;
                    }
                    if !addresses.contains(value.split(['#', '?']).next().unwrap_or(value)) {
                        diagnostics.push(
                            Diagnostic::warning(
                                "content_menu_dead",
                                Some(Location::new(
                                    shown,
                                    index + 1,
                                    line[..start].chars().count() + 1,
                                )),
                            )
                            .arg("target", value.to_owned()),
                        );
                    }
                }
            }
            if line.contains("</nav>") {
                in_nav = false;
            }
        }
    }
}

/// The paragraphs of the review section an import adds at the end of a plan
/// (`## NỘI DUNG CHƯA XẾP ĐƯỢC (CẦN XEM LẠI)`), one warning each.
fn unplaced(source: &SourceText, body_offset: usize, diagnostics: &mut Diagnostics) {
    let heading = crate::messages::text("import_unplaced_heading", &[]).vi;
    let mut inside = false;
    let mut offset = body_offset;
    for line in source.text[body_offset..].split_inclusive('\n') {
        let text = line.trim();
        if let Some(title) = text.strip_prefix('#') {
            inside = title.trim_start_matches('#').trim() == heading;
        } else if inside && !text.is_empty() {
            diagnostics.push(
                Diagnostic::warning("content_unplaced", Some(source.location(offset)))
                    .arg("text", excerpt(text)),
            );
        }
        offset += line.len();
    }
}

/// The first words of a long line, for a message.
fn excerpt(text: &str) -> String {
    const WORDS: usize = 12;
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() > WORDS {
        format!("{} …", words[..WORDS].join(" "))
    } else {
        words.join(" ")
    }
}

/// A recipient line with an empty item between separators (`;;`, `,,`, `; ;`).
fn doubled_separator(entry: &str) -> bool {
    let packed: String = entry.chars().filter(|c| !c.is_whitespace()).collect();
    packed.contains(";;") || packed.contains(",,")
}

/// The line of `entry` in the list `key` of a plan's front matter, or the key's line.
fn entry_location(source: &SourceText, key: &str, entry: &str) -> Location {
    let at_key = source.key_location(key, 0);
    let from = source
        .text
        .split_inclusive('\n')
        .take(at_key.line - 1)
        .map(str::len)
        .sum::<usize>();
    match source.text[from..].find(entry) {
        Some(found) => source.location(from + found),
        None => at_key,
    }
}

/// A line compared with the sample sentences: list markers dropped, spaces collapsed.
fn sample_key(line: &str) -> String {
    let line = line.trim();
    let line = line
        .strip_prefix("- ")
        .or_else(|| line.strip_prefix("+ "))
        .unwrap_or(line);
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The sample sentences of the `loa new` files: every line of prose a person is meant to replace
/// (body paragraphs and list items, and text inside the front matter's multi-line strings), but
/// not headings, comments, fields, list values or lines with a placeholder.
fn sample_sentences() -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for scaffold in SCAFFOLDS {
        for line in scaffold.lines() {
            let trimmed = line.trim();
            let is_markup = trimmed.is_empty()
                || trimmed.starts_with(['#', '"', '[', ']'])
                || trimmed.starts_with("+++")
                || trimmed.contains("\"\"\"")
                || trimmed.contains('{')
                || trimmed.split_once('=').is_some_and(|(key, _)| {
                    key.trim()
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c == '_')
                });
            if !is_markup {
                out.insert(sample_key(trimmed));
            }
        }
    }
    out
}

/// Lines of `text` (its first line is `first_line` of `file`) that are a sample sentence.
fn sample_lines(
    text: &str,
    first_line: usize,
    file: &Path,
    samples: &BTreeSet<String>,
    diagnostics: &mut Diagnostics,
) {
    for (index, line) in text.lines().enumerate() {
        let key = sample_key(line);
        if !key.is_empty() && samples.contains(&key) {
            diagnostics.push(
                Diagnostic::warning(
                    "content_scaffold_text",
                    Some(Location::new(file, first_line + index, 1)),
                )
                .arg("text", excerpt(&key)),
            );
        }
    }
}

/// A news item or page whose summary is blank: lists, feeds and search results show nothing
/// under its title.
fn summary(article: &Article, diagnostics: &mut Diagnostics) {
    if article.summary.trim().is_empty() {
        diagnostics.push(
            Diagnostic::warning(
                "content_summary_empty",
                Some(Location::new(&article.source, article.summary_line, 1)),
            )
            .field("tom_tat"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_resolve_against_the_page_they_are_on() {
        let page = "/tin-tuc/mung-tho/";
        assert_eq!(internal_target("https://a.vn/x", page), None);
        assert_eq!(internal_target("mailto:a@b.vn", page), None);
        assert_eq!(internal_target("#phan-2", page), None);
        assert_eq!(
            internal_target("/so-lieu/?a=1#b", page).as_deref(),
            Some("/so-lieu/")
        );
        assert_eq!(
            internal_target("anh/qua-tet.jpg", page).as_deref(),
            Some("/tin-tuc/mung-tho/anh/qua-tet.jpg")
        );
        assert_eq!(
            internal_target("../khac/", page).as_deref(),
            Some("/tin-tuc/khac/")
        );
    }

    #[test]
    fn the_samples_come_from_the_scaffold_files() {
        let samples = sample_sentences();
        assert!(
            samples.contains("Viết nội dung trang ở đây."),
            "{samples:?}"
        );
        assert!(samples.contains("Ý liệt kê bắt đầu bằng dấu gạch ngang."));
        // Headings and list values of the scaffold are real content, not samples.
        assert!(!samples.contains("1. Mục đích"));
        assert!(!samples.iter().any(|s| s.contains("Như trên")));
        assert!(!samples.iter().any(|s| s.starts_with("so =")));
    }

    #[test]
    fn doubled_separators() {
        assert!(doubled_separator("Sở Y tế;;"));
        assert!(doubled_separator("Các phòng, , đơn vị"));
        assert!(doubled_separator("UBND phường; ;"));
        assert!(!doubled_separator("Lưu: VT, VHXH."));
    }
}
