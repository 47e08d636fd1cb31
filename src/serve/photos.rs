//! Photos in the preview: a build in `loa serve` publishes only the photos `.loa/cache` holds, so
//! the page is up at once; this pass makes the others (decode, resize, encode) into `output/`
//! and the cache, then bumps the preview's version so the open page reloads with its photos.

use std::sync::mpsc;
use std::sync::{Arc, Mutex};

use crate::build::{self, BuildOptions};
use crate::diagnostics::Diagnostics;
use crate::messages;

use super::Status;
use super::incremental::DirectSink;

/// Makes the photos the last build left pending, once per signal on `rx` (signals that arrive
/// during a pass are merged into the next). Reads the site afresh: the newest saved state.
pub(super) fn photo_worker(
    options: BuildOptions,
    rx: mpsc::Receiver<()>,
    status: Arc<Mutex<Status>>,
) {
    while rx.recv().is_ok() {
        while rx.try_recv().is_ok() {}
        let made = make_pending(&options);
        if made > 0
            && let Ok(mut s) = status.lock()
        {
            s.version += 1;
        }
    }
}

/// One pass: every photo of the site not yet in the cache made into `options.out`; returns how
/// many were decoded.
pub(super) fn make_pending(options: &BuildOptions) -> usize {
    let started = std::time::Instant::now();
    let mut diagnostics = Diagnostics::default();
    let Some(checked) = build::check(&options.root, options.date, &mut diagnostics) else {
        return 0;
    };
    if diagnostics.has_errors() {
        return 0; // the edit does not build: the page already shows why
    }
    let cache = crate::write::ProductCache::for_site(&options.root);
    let sink = DirectSink {
        out: &options.out,
        cache: Some(&cache),
    };
    match crate::media::publish(&checked.site, &sink, false) {
        Ok(stats) => {
            if stats.decoded > 0 {
                println!(
                    "{}",
                    messages::text(
                        "serve_photos_done",
                        &[
                            ("photos", stats.decoded.to_string()),
                            ("ms", started.elapsed().as_millis().to_string())
                        ]
                    )
                    .vi
                );
            }
            stats.decoded
        }
        Err(errors) => {
            for e in errors {
                eprintln!("{e}");
            }
            0
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_preview_build_leaves_new_photos_to_the_background_pass() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let site = tempfile::tempdir().unwrap();
        for folder in ["content", "data"] {
            for e in walkdir::WalkDir::new(root.join(folder))
                .into_iter()
                .filter_map(Result::ok)
            {
                let target = site.path().join(e.path().strip_prefix(root).unwrap());
                if e.file_type().is_dir() {
                    std::fs::create_dir_all(&target).unwrap();
                } else {
                    std::fs::copy(e.path(), &target).unwrap();
                }
            }
        }
        std::fs::copy(root.join("site.toml"), site.path().join("site.toml")).unwrap();
        let options = BuildOptions {
            root: site.path().to_path_buf(),
            out: site.path().join("output"),
            date: chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
            outputs: crate::model::Outputs {
                pdf: false,
                search_index: false,
                pdf_in_background: true,
                print_shop: false,
            },
        };
        let photos = |out: &std::path::Path| {
            std::fs::read_dir(out.join("anh"))
                .map(|d| d.count())
                .unwrap_or(0)
        };
        // The page is up at once, naming its photos; the files are not made yet.
        let (report, _) = build::build_keeping(&options);
        assert!(!report.diagnostics.has_errors());
        assert_eq!(report.photos_pending, 3, "the example's three photos");
        assert_eq!(photos(&options.out), 0);
        // The background pass makes them (then the page reloads).
        assert_eq!(make_pending(&options), 3);
        assert_eq!(photos(&options.out), 3 * 3 * 2, "three sizes, two formats");
        // The next build finds them in the cache.
        let (report, _) = build::build_keeping(&options);
        assert_eq!(report.photos_pending, 0);
        assert_eq!(photos(&options.out), 18);
        assert_eq!(make_pending(&options), 0);
    }
}
