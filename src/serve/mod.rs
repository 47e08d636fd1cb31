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
//!
//! Split along its seams: [`http`] answers requests (and refuses those not addressed to this
//! machine), [`watch`] tells real edits of sources apart, [`incremental`] re-renders what a news
//! edit affects, [`photos`] makes new photos in the background (the page first, its photos on
//! the next reload).

mod http;
mod incremental;
mod photos;
mod watch;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::build::{self, BuildOptions, Checked};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::messages;
use crate::render::search::{self, Record};
use incremental::{DirectSink, news_update, write_search_bundle};
use watch::{is_source, really_changed, relative_paths, source_stamps};

/// How long to wait for an editor to finish writing before rebuilding.
const DEBOUNCE: Duration = Duration::from_millis(30);
/// The search index of news edits is rebuilt once edits pause this long (it takes seconds on a
/// large site and would slow the next page rebuilds down).
const SEARCH_QUIET: Duration = Duration::from_secs(2);

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
        let Some(mut checked) = build::check(&options.root, options.date, &mut diagnostics) else {
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
        match crate::media::prepare_print(&checked.site, &sink) {
            Ok(photos) => checked.derived.print_photos = photos,
            Err(errors) => {
                errors.iter().for_each(|e| eprintln!("{e}"));
                continue;
            }
        }
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

/// Gives the desk the problems of the last build.
fn set_problems(desk: &crate::desk::Desk, diagnostics: &Diagnostics) {
    if let Ok(mut problems) = desk.problems.lock() {
        *problems = diagnostics.iter().cloned().collect();
    }
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
    // The same protection as `loa build`, before anything is built or served.
    crate::write::check_output(&root, &out).map_err(|refusal| refusal.diagnostic(&out))?;
    let (report, mut live) = full_rebuild(&options.build);
    print_report(&report, &out, false);
    // The editing desk, beside the preview: its saves and the rebuilds take turns (`desk.lock`),
    // and it shows the last build's problems at the fields they name.
    let desk = Arc::new(crate::desk::Desk::new(
        root.clone(),
        out.clone(),
        options.build.date,
    )?);
    set_problems(&desk, &report.diagnostics);
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
    let preview = http::Preview::start(
        &out,
        options.port,
        Arc::clone(&status),
        Some(Arc::clone(&desk)),
    )?;
    desk.set_port(preview.address.port());
    println!(
        "{}",
        messages::text(
            "serve_listening",
            &[("url", format!("http://{}/", preview.address))]
        )
        .vi
    );
    println!(
        "{}",
        messages::text(
            "serve_desk",
            &[(
                "url",
                format!("http://{}{}/", preview.address, crate::desk::BASE)
            )]
        )
        .vi
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

    // Photos the product cache lacks are made here, off the reload path; the page reloads
    // when they are ready.
    let (photo_tx, photo_rx) = mpsc::channel::<()>();
    if options.build.outputs.pdf_in_background {
        let build = options.build.clone();
        let status = Arc::clone(&status);
        std::thread::spawn(move || photos::photo_worker(build, photo_rx, status));
    }
    if report.photos_pending > 0 {
        let _ = photo_tx.send(());
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
        // A desk save being checked in the site folder finishes first (it may put the old
        // text back, which is then no change at all).
        let turn = Arc::clone(&desk.lock);
        let _turn = turn
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let changed = really_changed(&root, sources, &mut stamps);
        if changed.is_empty() {
            continue;
        }
        let started = Instant::now();
        let partial = live
            .as_mut()
            .and_then(|l| news_update(l, &root, &out, &changed));
        let (errors, kind) = match partial {
            Some(Ok(warnings)) => {
                // Warnings are printed as a full build prints them; the page is served.
                for d in warnings.sorted() {
                    eprintln!("{d}");
                }
                set_problems(&desk, &warnings);
                if let Some(l) = &live {
                    let _ = search_tx.send(l.records.clone());
                }
                (Vec::new(), "news")
            }
            Some(Err(diagnostics)) => {
                for d in diagnostics.sorted() {
                    eprintln!("{d}");
                }
                set_problems(&desk, &diagnostics);
                (diagnostics_text(&diagnostics), "news")
            }
            None => {
                let (report, fresh) = full_rebuild(&options.build);
                print_report(&report, &out, false);
                set_problems(&desk, &report.diagnostics);
                if report.photos_pending > 0 {
                    let _ = photo_tx.send(());
                }
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
                .contains("Tải bản in")
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
        assert!(matches!(result, Some(Ok(ref w)) if w.iter().next().is_none()));

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
        assert!(matches!(result, Some(Ok(ref w)) if w.iter().next().is_none()));
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

        // A link that leads nowhere is reported at once, with its line, as `loa check` would
        // (the page is still rebuilt and served).
        let linked = std::fs::read_to_string(site.path().join(&file))
            .unwrap()
            .replace("+++\n\n", "+++\n\nXem [mẫu đơn](/tep/khong-co.docx).\n\n");
        std::fs::write(site.path().join(&file), &linked).unwrap();
        let line = linked
            .lines()
            .position(|l| l.contains("/tep/khong-co.docx"))
            .unwrap()
            + 1;
        let Some(Ok(warnings)) = news_update(
            &mut live,
            site.path(),
            &options.out,
            std::slice::from_ref(&file),
        ) else {
            panic!("a dead link is a warning, not an error");
        };
        let warnings: Vec<String> = warnings.iter().map(|d| d.to_string()).collect();
        assert_eq!(warnings.len(), 1, "{warnings:#?}");
        assert!(
            warnings[0].starts_with(&format!("{}:{line}:", file.display())),
            "{warnings:#?}"
        );
        assert!(warnings[0].contains("/tep/khong-co.docx"), "{warnings:#?}");

        // A changed date is not a news-only edit.
        let moved = std::fs::read_to_string(site.path().join(&file))
            .unwrap()
            .replace("ngay = \"2026-06-06\"", "ngay = \"2026-06-07\"");
        std::fs::write(site.path().join(&file), moved).unwrap();
        assert!(news_update(&mut live, site.path(), &options.out, &[file]).is_none());
    }
}
