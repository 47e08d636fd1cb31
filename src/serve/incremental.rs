//! Rebuilding only what a news edit affects, written straight into the served output folder.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::Live;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::{self, article};
use crate::model::ArticleKind;
use crate::render::html::{HtmlRenderer, Job};
use crate::render::search::{self, Record};
use crate::render::{Renderer, Sink, feeds::FeedRenderer};

/// Writes files straight into the output folder, each atomically (temporary file, then rename),
/// so the server never sends a half-written page.
pub(super) struct DirectSink<'a> {
    pub(super) out: &'a Path,
    /// Where typeset PDFs are kept (the background PDF pass).
    pub(super) cache: Option<&'a crate::write::ProductCache>,
}

impl Sink for DirectSink<'_> {
    fn put(&self, path: &str, bytes: &[u8]) -> std::io::Result<()> {
        let target = self.out.join(path);
        let folder = target.parent().unwrap_or(self.out);
        std::fs::create_dir_all(folder)?;
        let mut file = tempfile::NamedTempFile::new_in(folder)?;
        file.write_all(bytes)?;
        file.persist(&target).map_err(|e| e.error)?;
        Ok(())
    }

    fn recall(&self, key: &str) -> Option<Vec<u8>> {
        self.cache?.recall(key)
    }

    fn remember(&self, key: &str, bytes: &[u8]) {
        if let Some(cache) = self.cache {
            let _ = cache.remember(key, bytes);
        }
    }
}

/// Re-reads edited news items and re-renders the pages that show them. `None` when the edit
/// needs a full rebuild (a file added or removed, a new date or address, anything but news).
pub(super) fn news_update(
    live: &mut Live,
    root: &Path,
    out: &Path,
    changed: &[PathBuf],
) -> Option<Result<Diagnostics, Diagnostics>> {
    let site = &live.checked.site;
    let mut edits = Vec::new();
    for relative in changed {
        if relative.parent() != Some(Path::new("content/news")) || !root.join(relative).is_file() {
            return None;
        }
        let index = site.news.iter().position(|a| a.source == *relative)?;
        edits.push((index, relative.clone()));
    }
    let mut diagnostics = Diagnostics::new();
    let mut fresh = Vec::new();
    for (index, relative) in &edits {
        let source = match load::read_source(root, relative) {
            Ok(s) => s,
            Err(d) => {
                diagnostics.push(d);
                continue;
            }
        };
        let old = &site.news[*index];
        let slug = relative
            .file_stem()
            .map(|s| crate::locale::slugify(&s.to_string_lossy()))
            .unwrap_or_default();
        if let Some(article) = article::load(&source, ArticleKind::News, slug, &mut diagnostics) {
            // Another date or address moves the item in the lists, other photos need their
            // headers read and checked: rebuild everything.
            if article.date != old.date
                || photo_uses(&article) != photo_uses(old)
                || article.slug != old.slug
                || article
                    .date
                    .is_some_and(|d| d > live.checked.derived.build_date)
            {
                return None;
            }
            fresh.push((*index, article));
        }
    }
    if diagnostics.has_errors() {
        return Some(Err(diagnostics));
    }
    // What the loader warned of, and what `loa check` would say of these items now.
    let mut warnings = diagnostics;

    let checked = &mut live.checked;
    let per_page = checked.site.config.news_per_page.max(1);
    let mut jobs: BTreeSet<JobKey> = BTreeSet::new();
    // Lists, the home page and the feeds show titles and summaries: a body edit leaves them be.
    let mut lists_changed = false;
    // The A–Z index shows titles.
    let mut titles_changed = false;
    let mut edited = Vec::new();
    for (index, article) in fresh {
        let before = checked.derived.news_citations[index].clone();
        let old = &checked.site.news[index];
        let shown_changed = old.title != article.title || old.summary != article.summary;
        lists_changed |= shown_changed;
        titles_changed |= old.title != article.title;
        checked.site.news[index] = article;
        edited.push(index);
        crate::derive::rescan_news(&checked.site, &mut checked.derived, index);
        let after = &checked.derived.news_citations[index];
        if shown_changed || before != *after {
            for &policy in before.iter().chain(after.iter()) {
                jobs.insert(JobKey(Job::Policy(policy)));
            }
        }
        jobs.insert(JobKey(Job::News(index)));
        if shown_changed {
            jobs.insert(JobKey(Job::NewsList(index / per_page + 1)));
            if index < crate::render::html::HOME_LIST_LENGTH {
                jobs.insert(JobKey(Job::Home));
            }
        }
        live.records[search::news_record_index(&checked.site, index)] =
            search::news_record(&checked.site, index);
    }
    crate::validate::content::check_news(&checked.site, &edited, &mut warnings);
    let sink = DirectSink { out, cache: None };
    let jobs: Vec<Job> = jobs.into_iter().map(|k| k.0).collect();
    let html = HtmlRenderer {
        templates: &checked.templates,
    };
    let mut errors = Vec::new();
    if let Err(e) = html.render_jobs(&checked.site, &checked.derived, &jobs, &sink) {
        errors.extend(e);
    }
    if lists_changed {
        let feeds = FeedRenderer {
            templates: &checked.templates,
        };
        if let Err(e) = feeds.render(&checked.site, &checked.derived, &sink) {
            errors.extend(e);
        }
    }
    if titles_changed {
        let search = crate::render::search::SearchRenderer {
            templates: &checked.templates,
        };
        match search.pages(&checked.site, &checked.derived, &live.records) {
            Ok(pages) => {
                for (url, html) in pages {
                    let path = crate::render::urls::file_for(&url);
                    if let Err(e) = sink.put(&path, html.as_bytes()) {
                        errors.push(
                            Diagnostic::error("output_error", None)
                                .arg("path", path)
                                .arg("reason", e.to_string()),
                        );
                    }
                }
            }
            Err(e) => errors.extend(e),
        }
    }
    if errors.is_empty() {
        Some(Ok(warnings))
    } else {
        let mut d = Diagnostics::new();
        errors.into_iter().for_each(|e| d.push(e));
        Some(Err(d))
    }
}

/// Jobs in a set (ordered by their address-like key).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct JobKey(Job);

impl JobKey {
    fn rank(&self) -> (u8, usize) {
        match self.0 {
            Job::Home => (0, 0),
            Job::News(i) => (1, i),
            Job::NewsList(n) => (2, n),
            Job::Policy(i) => (3, i),
            _ => (4, 0),
        }
    }
}

impl PartialOrd for JobKey {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for JobKey {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.rank().cmp(&other.rank())
    }
}

/// Rebuilds the search bundle from `records` and swaps it into `out/pagefind/`; old files that
/// the new bundle does not name are removed.
pub(super) fn write_search_bundle(records: &[Record], out: &Path) -> Result<(), String> {
    let bundle = search::pagefind_bundle(records)?;
    let folder = out.join(search::BUNDLE);
    let sink = DirectSink {
        out: &folder,
        cache: None,
    };
    let mut entry = None;
    let mut keep = BTreeSet::new();
    for (name, bytes) in &bundle {
        keep.insert(folder.join(name));
        // The entry file names the rest: write it last.
        if name == "pagefind-entry.json" {
            entry = Some(bytes);
            continue;
        }
        sink.put(name, bytes).map_err(|e| e.to_string())?;
    }
    if let Some(bytes) = entry {
        sink.put("pagefind-entry.json", bytes)
            .map_err(|e| e.to_string())?;
    }
    for e in walkdir::WalkDir::new(&folder)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
    {
        if !keep.contains(e.path()) {
            let _ = std::fs::remove_file(e.path());
        }
    }
    Ok(())
}

/// What an item's photos are, places aside: its lead photo and its body's image targets with
/// whether each has alt text.
#[derive(PartialEq)]
struct PhotoUses {
    lead: Option<(String, String, String, String)>,
    images: Vec<(String, bool)>,
}

fn photo_uses(article: &crate::model::Article) -> PhotoUses {
    PhotoUses {
        lead: article.lead_photo.as_ref().map(|l| {
            (
                l.target.clone(),
                l.alt.clone(),
                l.caption.clone(),
                l.author.clone(),
            )
        }),
        images: article
            .links
            .iter()
            .filter(|l| l.image)
            .map(|l| (l.target.clone(), l.alt.trim().is_empty()))
            .collect(),
    }
}
