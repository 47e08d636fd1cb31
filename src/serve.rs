//! `loa serve`: build, serve `output/` on 127.0.0.1, watch the site's sources, rebuild what an
//! edit affects and reload the open page.
//!
//! * HTTP: [`tiny_http`] (small, synchronous, maintained); a few threads answer requests.
//! * Watching: [`notify_debouncer_mini`] over `content/`, `data/`, `themes/` and `site.toml`.
//! * Reload: every HTML page served (only by this command; the built files stay script-free) gets
//!   a tiny script that polls `/__loa/trang-thai` and reloads when the build version changes.
//! * Errors: a failed rebuild leaves the last good site in place; the located problems are
//!   printed and shown at the top of every page until the next good build.
//! * Editing news items (the common case) re-reads only those files and re-renders only the
//!   pages that show what changed: the item and the policies it cites; when its title or summary
//!   changed, also its list page, the home page and the feeds. The search index follows in a
//!   background thread once edits pause, and never delays the reload.
//!   Any other change (a new or removed file, a changed date or address, data, theme, site.toml)
//!   rebuilds the whole site, as `loa build` does.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::build::{self, BuildOptions, Checked};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::{self, article};
use crate::messages;
use crate::model::ArticleKind;
use crate::render::html::{HtmlRenderer, Job};
use crate::render::search::{self, Record};
use crate::render::{Renderer, Sink, feeds::FeedRenderer};

/// How long to wait for an editor to finish writing before rebuilding.
const DEBOUNCE: Duration = Duration::from_millis(30);
/// The search index of news edits is rebuilt once edits pause this long (it takes seconds on a
/// large site and would slow the next page rebuilds down).
const SEARCH_QUIET: Duration = Duration::from_secs(2);
/// Threads answering HTTP requests.
const HTTP_THREADS: usize = 4;
/// The address of the status the reload script polls.
const STATUS_URL: &str = "/__loa/trang-thai";
/// The address of the reload script.
const SCRIPT_URL: &str = "/__loa/tai-lai.js";
/// The reload script (no words a reader sees: the error box is rendered by the server).
const RELOAD_SCRIPT: &str = r#"(() => {
  let seen = null;
  async function tick() {
    try {
      const r = await fetch('/__loa/trang-thai', { cache: 'no-store' });
      const s = await r.json();
      if (seen !== null && s.version !== seen) { location.reload(); return; }
      seen = s.version;
    } catch (e) {}
    setTimeout(tick, 300);
  }
  tick();
})();
"#;

/// What `loa serve` needs.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The build options (root, output, date).
    pub build: BuildOptions,
    /// Port on 127.0.0.1.
    pub port: u16,
}

/// What the pages and the status show.
#[derive(Debug, Default, Clone)]
struct Status {
    /// Increases with every finished rebuild, good or bad.
    version: u64,
    /// The problems of the last rebuild, as printed (empty when it succeeded).
    errors: Vec<String>,
    /// How long the last rebuild took.
    last_ms: u128,
    /// `"full"` or `"news"`.
    last_kind: &'static str,
}

/// Writes files straight into the output folder, each atomically (temporary file, then rename),
/// so the server never sends a half-written page.
struct DirectSink<'a> {
    out: &'a Path,
    /// Where typeset PDFs are kept (the background PDF pass).
    cache: Option<&'a crate::write::ProductCache>,
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

/// Typesets, off the reload path, the PDFs the last build could not copy from the product cache
/// (builds in `serve` write only cached PDFs). Each signal on `rx` asks for one more pass; signals
/// that arrive during a pass are merged into the next. The pass reads the site afresh, so it
/// always typesets the newest saved state.
#[cfg(feature = "pdf")]
fn pdf_worker(options: BuildOptions, rx: mpsc::Receiver<()>) {
    while rx.recv().is_ok() {
        while rx.try_recv().is_ok() {}
        let started = Instant::now();
        let mut diagnostics = Diagnostics::default();
        let Some(checked) = build::check(&options.root, options.date, &mut diagnostics) else {
            continue;
        };
        if diagnostics.has_errors() {
            continue; // the edit does not build: the page already shows why
        }
        let cache = crate::write::ProductCache::for_site(&options.root);
        let sink = DirectSink {
            out: &options.out,
            cache: Some(&cache),
        };
        match crate::render::print::render_uncached_pdfs(
            &checked.site,
            &checked.derived,
            &checked.templates,
            &sink,
        ) {
            Ok(stats) if stats.files > 0 => println!(
                "{}",
                messages::text(
                    "serve_pdfs_done",
                    &[
                        ("files", stats.files.to_string()),
                        ("ms", started.elapsed().as_millis().to_string())
                    ]
                )
                .vi
            ),
            Ok(_) => {}
            Err(errors) => {
                for e in errors {
                    eprintln!("{e}");
                }
            }
        }
    }
}

/// The last good build, kept to rebuild only what an edit affects.
struct Live {
    checked: Checked,
    records: Vec<Record>,
}

fn diagnostics_text(diagnostics: &Diagnostics) -> Vec<String> {
    diagnostics
        .sorted()
        .into_iter()
        .filter(|d| d.is_error())
        .map(ToString::to_string)
        .collect()
}

/// Runs the whole pipeline; on success returns the state to update from.
fn full_rebuild(options: &BuildOptions) -> (build::Report, Option<Live>) {
    let (report, checked) = build::build_keeping(options);
    let live = checked.map(|checked| Live {
        records: search::records(&checked.site),
        checked,
    });
    (report, live)
}

/// Site-relative paths of the changed files (`content/news/x.md`).
fn relative_paths(root: &Path, paths: &[PathBuf]) -> Vec<PathBuf> {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    paths
        .iter()
        .filter_map(|p| {
            let p = p
                .parent()
                .and_then(|parent| parent.canonicalize().ok())
                .and_then(|parent| p.file_name().map(|f| parent.join(f)))
                .unwrap_or_else(|| p.clone());
            p.strip_prefix(&root).ok().map(Path::to_path_buf)
        })
        .collect()
}

/// Size and modification time of each source file, to tell real edits from the events a build
/// itself causes (reading a file is an event too on some systems).
type Stamps = std::collections::BTreeMap<PathBuf, Option<(std::time::SystemTime, u64)>>;

fn stamp(path: &Path) -> Option<(std::time::SystemTime, u64)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

/// Stamps of every source file under `root`.
fn source_stamps(root: &Path) -> Stamps {
    let mut stamps = Stamps::new();
    for folder in ["content", "data", "themes"] {
        for e in walkdir::WalkDir::new(root.join(folder))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
        {
            if let Ok(relative) = e.path().strip_prefix(root) {
                stamps.insert(relative.to_path_buf(), stamp(e.path()));
            }
        }
    }
    stamps.insert(PathBuf::from("site.toml"), stamp(&root.join("site.toml")));
    stamps
}

/// Keeps the files among `relative` whose size, time or existence changed since last seen.
fn really_changed(root: &Path, relative: Vec<PathBuf>, stamps: &mut Stamps) -> Vec<PathBuf> {
    relative
        .into_iter()
        .filter(|p| !root.join(p).is_dir())
        .filter(|p| {
            let now = stamp(&root.join(p));
            let before = stamps.insert(p.clone(), now);
            before.flatten() != now
        })
        .collect()
}

/// Whether a change matters to the build (not the output folder, not editor swap files).
fn is_source(relative: &Path) -> bool {
    let name = relative
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") {
        return false;
    }
    let first = relative
        .components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .unwrap_or_default();
    matches!(first.as_str(), "content" | "data" | "themes") || relative == Path::new("site.toml")
}

/// Re-reads edited news items and re-renders the pages that show them. `None` when the edit
/// needs a full rebuild (a file added or removed, a new date or address, anything but news).
fn news_update(
    live: &mut Live,
    root: &Path,
    out: &Path,
    changed: &[PathBuf],
) -> Option<Result<(), Diagnostics>> {
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
            // Another date or address moves the item in the lists: rebuild everything.
            if article.date != old.date
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

    let checked = &mut live.checked;
    let per_page = checked.site.config.news_per_page.max(1);
    let mut jobs: BTreeSet<JobKey> = BTreeSet::new();
    // Lists, the home page and the feeds show titles and summaries: a body edit leaves them be.
    let mut lists_changed = false;
    // The A–Z index shows titles.
    let mut titles_changed = false;
    for (index, article) in fresh {
        let before = checked.derived.news_citations[index].clone();
        let old = &checked.site.news[index];
        let shown_changed = old.title != article.title || old.summary != article.summary;
        lists_changed |= shown_changed;
        titles_changed |= old.title != article.title;
        checked.site.news[index] = article;
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
        Some(Ok(()))
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
fn write_search_bundle(records: &[Record], out: &Path) -> Result<(), String> {
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

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Adds the reload script (and the error box, when the last rebuild failed) to a page.
fn inject(html: &[u8], status: &Status) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    let mut extra = String::new();
    if !status.errors.is_empty() {
        let title = messages::text("serve_error_box", &[]).vi;
        extra.push_str(&format!(
            "<div role=\"alert\" style=\"position:fixed;inset:0 0 auto 0;z-index:9999;max-height:60vh;overflow:auto;background:#fff3f3;color:#600;border-bottom:4px solid #b00;padding:1rem;font:16px/1.4 monospace\"><strong>{}</strong><pre style=\"white-space:pre-wrap\">{}</pre></div>",
            html_escape(&title),
            html_escape(&status.errors.join("\n"))
        ));
    }
    extra.push_str(&format!("<script src=\"{SCRIPT_URL}\"></script>"));
    match text.rfind("</body>") {
        Some(at) => format!("{}{}{}", &text[..at], extra, &text[at..]).into_bytes(),
        None => format!("{text}{extra}").into_bytes(),
    }
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

/// Decodes `%xx` in an address path.
fn percent_decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if let Some(b) = (bytes[i] == b'%')
            .then(|| path.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| u8::from_str_radix(hex, 16).ok())
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The file an address maps to under `out`, or `None` for a path outside it.
fn file_for_request(out: &Path, url: &str) -> Option<PathBuf> {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    let path = percent_decode(path);
    let mut file = out.to_path_buf();
    for part in path.split('/').filter(|p| !p.is_empty()) {
        if part == ".." || part == "." || part.contains('\\') {
            return None;
        }
        file.push(part);
    }
    if path.ends_with('/') || file.is_dir() {
        file.push("index.html");
    }
    Some(file)
}

fn header(name: &str, value: &str) -> tiny_http::Header {
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes())
        .expect("header names and values here are ASCII")
}

fn answer(request: tiny_http::Request, out: &Path, status: &Mutex<Status>) {
    let url = request.url().to_owned();
    let status = status.lock().map(|s| s.clone()).unwrap_or_default();
    let respond = |code: u16, body: Vec<u8>, kind: &str| {
        let response = tiny_http::Response::from_data(body)
            .with_status_code(code)
            .with_header(header("Content-Type", kind))
            .with_header(header("Cache-Control", "no-store"));
        let _ = request.respond(response);
    };
    if url.starts_with(STATUS_URL) {
        let body = serde_json::json!({
            "version": status.version,
            "ok": status.errors.is_empty(),
            "errors": status.errors,
            "last_ms": status.last_ms as u64,
            "last_kind": status.last_kind,
        });
        return respond(200, body.to_string().into_bytes(), "application/json");
    }
    if url.starts_with(SCRIPT_URL) {
        return respond(
            200,
            RELOAD_SCRIPT.as_bytes().to_vec(),
            "text/javascript; charset=utf-8",
        );
    }
    let Some(file) = file_for_request(out, &url) else {
        return respond(400, b"bad path".to_vec(), "text/plain");
    };
    let (code, file) = if file.is_file() {
        (200, file)
    } else {
        (404, out.join("404.html"))
    };
    let bytes = std::fs::read(&file).unwrap_or_default();
    let kind = content_type(&file);
    if kind.starts_with("text/html") {
        respond(code, inject(&bytes, &status), kind)
    } else {
        respond(code, bytes, kind)
    }
}

/// Prints a build's problems, then its one summary line (also what `loa build` prints).
/// With `timings`, each stage's wall time comes first (on stderr).
pub(crate) fn print_report(report: &build::Report, out: &Path, timings: bool) {
    for d in report.diagnostics.sorted() {
        eprintln!("{d}");
    }
    let d = &report.diagnostics;
    if d.has_errors() {
        eprintln!(
            "{}",
            messages::text(
                "summary_failed",
                &[
                    ("errors", d.error_count().to_string()),
                    ("warnings", d.warning_count().to_string()),
                    ("out", out.display().to_string()),
                ],
            )
            .vi
        );
    } else {
        if timings {
            for (stage, took) in &report.timings {
                eprintln!(
                    "{}",
                    messages::text(
                        "summary_timing",
                        &[
                            ("stage", (*stage).to_owned()),
                            ("ms", took.as_millis().to_string())
                        ],
                    )
                    .vi
                );
            }
        }
        println!(
            "{}",
            messages::text(
                "summary_build",
                &[
                    ("pages", report.stats.pages.to_string()),
                    ("files", report.stats.files.to_string()),
                    ("warnings", d.warning_count().to_string()),
                    ("ms", report.elapsed.as_millis().to_string()),
                    ("out", out.display().to_string()),
                ],
            )
            .vi
        );
    }
}

/// Runs `loa serve` until interrupted. Returns an error diagnostic when it cannot start.
pub fn serve(options: &ServeOptions) -> Result<(), Diagnostic> {
    let root = options.build.root.clone();
    let out = options.build.out.clone();
    let (report, mut live) = full_rebuild(&options.build);
    print_report(&report, &out, false);
    let status = Arc::new(Mutex::new(Status {
        version: 1,
        errors: diagnostics_text(&report.diagnostics),
        last_ms: report.elapsed.as_millis(),
        last_kind: "full",
    }));

    let mut stamps = source_stamps(&root);
    let (tx, rx) = mpsc::channel();
    let mut debouncer = notify_debouncer_mini::new_debouncer(DEBOUNCE, tx).map_err(|e| {
        Diagnostic::error("serve_error", None)
            .arg("address", root.display().to_string())
            .arg("reason", e.to_string())
    })?;
    {
        use notify_debouncer_mini::notify::RecursiveMode;
        let watcher = debouncer.watcher();
        for folder in ["content", "data", "themes"] {
            let path = root.join(folder);
            if path.is_dir() {
                let _ = watcher.watch(&path, RecursiveMode::Recursive);
            }
        }
        // site.toml: watch the folder (editors replace the file), keep only its events.
        let _ = watcher.watch(&root, RecursiveMode::NonRecursive);
    }
    // Serve only once the watcher is in place: every edit after the page is up is seen.
    let address = format!("127.0.0.1:{}", options.port);
    let server = tiny_http::Server::http(&address).map_err(|e| {
        Diagnostic::error("serve_error", None)
            .arg("address", address.clone())
            .arg("reason", e.to_string())
    })?;
    let server = Arc::new(server);
    for _ in 0..HTTP_THREADS {
        let server = Arc::clone(&server);
        let status = Arc::clone(&status);
        let out = out.clone();
        std::thread::spawn(move || {
            for request in server.incoming_requests() {
                answer(request, &out, &status);
            }
        });
    }

    println!(
        "{}",
        messages::text("serve_listening", &[("url", format!("http://{address}/"))]).vi
    );

    // PDFs the product cache lacks are typeset here, off the reload path.
    let (pdf_tx, pdf_rx) = mpsc::channel::<()>();
    #[cfg(feature = "pdf")]
    if options.build.outputs.pdf && options.build.outputs.pdf_in_background {
        let build = options.build.clone();
        std::thread::spawn(move || pdf_worker(build, pdf_rx));
    }
    #[cfg(not(feature = "pdf"))]
    drop(pdf_rx);
    if live.is_some() {
        let _ = pdf_tx.send(());
    }

    // The search index of a news edit is rebuilt here, off the reload path.
    let (search_tx, search_rx) = mpsc::channel::<Vec<Record>>();
    {
        let out = out.clone();
        std::thread::spawn(move || {
            while let Ok(mut records) = search_rx.recv() {
                // Wait until the edits pause, then index only the newest state.
                while let Ok(newer) = search_rx.recv_timeout(SEARCH_QUIET) {
                    records = newer;
                }
                if let Err(reason) = write_search_bundle(&records, &out) {
                    eprintln!(
                        "{}",
                        Diagnostic::error("output_error", None)
                            .arg("path", format!("{}/", search::BUNDLE))
                            .arg("reason", reason)
                    );
                }
            }
        });
    }

    while let Ok(events) = rx.recv() {
        let Ok(events) = events else { continue };
        let paths: Vec<PathBuf> = events.into_iter().map(|e| e.path).collect();
        let sources: Vec<PathBuf> = relative_paths(&root, &paths)
            .into_iter()
            .filter(|p| is_source(p))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let changed = really_changed(&root, sources, &mut stamps);
        if changed.is_empty() {
            continue;
        }
        let started = Instant::now();
        let partial = live
            .as_mut()
            .and_then(|l| news_update(l, &root, &out, &changed));
        let (errors, kind) = match partial {
            Some(Ok(())) => {
                if let Some(l) = &live {
                    let _ = search_tx.send(l.records.clone());
                }
                (Vec::new(), "news")
            }
            Some(Err(diagnostics)) => {
                for d in diagnostics.sorted() {
                    eprintln!("{d}");
                }
                (diagnostics_text(&diagnostics), "news")
            }
            None => {
                let (report, fresh) = full_rebuild(&options.build);
                print_report(&report, &out, false);
                if fresh.is_some() {
                    live = fresh;
                }
                (diagnostics_text(&report.diagnostics), "full")
            }
        };
        let elapsed = started.elapsed().as_millis();
        if errors.is_empty() {
            let _ = pdf_tx.send(());
            let files: Vec<String> = changed.iter().map(|p| p.display().to_string()).collect();
            println!(
                "{}",
                messages::text(
                    "serve_rebuilt",
                    &[("files", files.join(", ")), ("ms", elapsed.to_string())]
                )
                .vi
            );
        }
        if let Ok(mut s) = status.lock() {
            s.version += 1;
            s.errors = errors;
            s.last_ms = elapsed;
            s.last_kind = kind;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_get_the_reload_script_and_the_error_box_only_after_a_failed_build() {
        let page = b"<html><body><p>x</p></body></html>";
        let good = String::from_utf8(inject(page, &Status::default())).unwrap();
        assert!(good.contains("<script src=\"/__loa/tai-lai.js\"></script></body>"));
        assert!(!good.contains("role=\"alert\""));
        let bad = Status {
            errors: vec!["content/news/a.md:3:1: lỗi: <x>".to_owned()],
            ..Status::default()
        };
        let shown = String::from_utf8(inject(page, &bad)).unwrap();
        assert!(shown.contains("content/news/a.md:3:1: lỗi: &lt;x&gt;"));
    }

    #[test]
    fn addresses_stay_inside_the_output_folder() {
        let out = Path::new("/srv/out");
        assert_eq!(
            file_for_request(out, "/tin-tuc/a/?q=1"),
            Some(PathBuf::from("/srv/out/tin-tuc/a/index.html"))
        );
        assert_eq!(file_for_request(out, "/../etc/passwd"), None);
        assert_eq!(file_for_request(out, "/%2e%2e/etc/passwd"), None);
        assert_eq!(
            file_for_request(out, "/static/style.css"),
            Some(PathBuf::from("/srv/out/static/style.css"))
        );
    }

    #[test]
    fn only_sources_trigger_a_rebuild() {
        assert!(is_source(Path::new("content/news/a.md")));
        assert!(is_source(Path::new("site.toml")));
        assert!(is_source(Path::new("themes/default/templates/base.html")));
        assert!(!is_source(Path::new("output/index.html")));
        assert!(!is_source(Path::new(".output.loa-1/x.html")));
        assert!(!is_source(Path::new("content/news/.a.md.swp")));
    }

    fn copy_example() -> tempfile::TempDir {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = tempfile::tempdir().unwrap();
        for folder in ["content", "data"] {
            for e in walkdir::WalkDir::new(root.join(folder))
                .into_iter()
                .filter_map(Result::ok)
            {
                let target = dir.path().join(e.path().strip_prefix(root).unwrap());
                if e.file_type().is_dir() {
                    std::fs::create_dir_all(&target).unwrap();
                } else {
                    std::fs::copy(e.path(), &target).unwrap();
                }
            }
        }
        std::fs::copy(root.join("site.toml"), dir.path().join("site.toml")).unwrap();
        dir
    }

    #[cfg(feature = "pdf")]
    #[test]
    fn a_serve_build_leaves_uncached_pdfs_to_the_background_pass() {
        let site = copy_example();
        let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let options = BuildOptions {
            root: site.path().to_path_buf(),
            out: site.path().join("output"),
            date,
            outputs: crate::model::Outputs {
                pdf_in_background: true,
                ..Default::default()
            },
        };
        let pdf = options
            .out
            .join("in/van-ban/ke-hoach-tro-giup-xa-hoi-2026.pdf");
        let plan_page = options
            .out
            .join("ke-hoach/ke-hoach-tro-giup-xa-hoi-2026/index.html");
        let (report, _) = full_rebuild(&options);
        assert!(!report.diagnostics.has_errors());
        // The page is up (and links to its PDF) before any PDF is typeset.
        assert!(
            std::fs::read_to_string(&plan_page)
                .unwrap()
                .contains("Tải PDF")
        );
        assert!(!pdf.exists());

        let (tx, rx) = mpsc::channel();
        tx.send(()).unwrap();
        drop(tx);
        pdf_worker(options.clone(), rx); // one pass, then the channel is closed
        let typeset = std::fs::read(&pdf).unwrap();
        assert!(typeset.starts_with(b"%PDF"));

        // The next build copies it from the product cache at once.
        let (report, _) = full_rebuild(&options);
        assert!(!report.diagnostics.has_errors());
        assert_eq!(std::fs::read(&pdf).unwrap(), typeset);
    }

    #[test]
    fn a_news_edit_rewrites_the_same_pages_a_full_build_would() {
        let site = copy_example();
        let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let options = BuildOptions {
            root: site.path().to_path_buf(),
            out: site.path().join("output"),
            date,
            outputs: Default::default(),
        };
        let (report, live) = full_rebuild(&options);
        assert!(!report.diagnostics.has_errors());
        let mut live = live.unwrap();
        let file = PathBuf::from("content/news/2026-06-06-kham-suc-khoe-nguoi-cao-tuoi.md");
        let text = std::fs::read_to_string(site.path().join(&file)).unwrap();
        let edited = text.replace(
            "+++\n\n",
            "+++\n\nTheo Nghị định số 20/2021/NĐ-CP, câu mới thêm vào tin.\n\n",
        );
        assert_ne!(text, edited);
        std::fs::write(site.path().join(&file), edited).unwrap();
        let result = news_update(
            &mut live,
            site.path(),
            &options.out,
            std::slice::from_ref(&file),
        );
        assert!(matches!(result, Some(Ok(()))));

        // The same site built from scratch gives the same pages.
        let fresh = tempfile::tempdir().unwrap();
        let report = build::build(&BuildOptions {
            out: fresh.path().join("output"),
            ..options.clone()
        });
        assert!(!report.diagnostics.has_errors());
        for page in [
            "tin-tuc/2026-06-06-kham-suc-khoe-nguoi-cao-tuoi/index.html",
            "tin-tuc/index.html",
            "index.html",
            "chinh-sach/nghi-dinh-20-2021-nd-cp/index.html",
            "atom.xml",
        ] {
            let incremental = std::fs::read_to_string(options.out.join(page)).unwrap();
            let full = std::fs::read_to_string(fresh.path().join("output").join(page)).unwrap();
            assert!(incremental == full, "{page} differs from a full build");
        }
        let news = std::fs::read_to_string(
            options
                .out
                .join("tin-tuc/2026-06-06-kham-suc-khoe-nguoi-cao-tuoi/index.html"),
        )
        .unwrap();
        assert!(news.contains("câu mới thêm vào tin"));
        // The policy page now lists the news item among those citing it.
        let policy = std::fs::read_to_string(
            options
                .out
                .join("chinh-sach/nghi-dinh-20-2021-nd-cp/index.html"),
        )
        .unwrap();
        assert!(policy.contains("/tin-tuc/2026-06-06-kham-suc-khoe-nguoi-cao-tuoi/"));

        // A new title is listed in the A–Z index at once, as a full build would list it.
        let renamed = std::fs::read_to_string(site.path().join(&file))
            .unwrap()
            .replacen("tieu_de = \"", "tieu_de = \"Ưu tiên: ", 1);
        std::fs::write(site.path().join(&file), renamed).unwrap();
        let result = news_update(
            &mut live,
            site.path(),
            &options.out,
            std::slice::from_ref(&file),
        );
        assert!(matches!(result, Some(Ok(()))));
        let fresh = tempfile::tempdir().unwrap();
        let report = build::build(&BuildOptions {
            out: fresh.path().join("output"),
            ..options.clone()
        });
        assert!(!report.diagnostics.has_errors());
        let letter = "tim-kiem/chu-u/index.html";
        let incremental = std::fs::read_to_string(options.out.join(letter)).unwrap();
        assert!(
            incremental.contains("Ưu tiên: "),
            "the new title is under Ư/U"
        );
        let full = std::fs::read_to_string(fresh.path().join("output").join(letter)).unwrap();
        assert!(incremental == full, "{letter} differs from a full build");

        // A changed date is not a news-only edit.
        let moved = std::fs::read_to_string(site.path().join(&file))
            .unwrap()
            .replace("ngay = \"2026-06-06\"", "ngay = \"2026-06-07\"");
        std::fs::write(site.path().join(&file), moved).unwrap();
        assert!(news_update(&mut live, site.path(), &options.out, &[file]).is_none());
    }
}
