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
