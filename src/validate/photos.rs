//! Photos: every use located, every problem an error (a missing photo is a broken page; a photo
//! without alt text shuts out a reader who cannot see it), the good ones kept for the media step.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::Loaded;
use crate::load::photos::{Problem, uses};
use crate::model::photo::{MAX_FILE_BYTES, MAX_PIXELS, Photos};

/// Checks every photo use of `loaded`; returns the photos that can be published.
pub fn check(loaded: &Loaded, diagnostics: &mut Diagnostics) -> Photos {
    let mut photos = Photos::default();
    for used in uses(loaded) {
        let location = Some(used.location.clone());
        if used.alt.trim().is_empty() {
            let code = if used.lead {
                "photo_lead_alt_missing"
            } else {
                "photo_alt_missing"
            };
            diagnostics
                .push(Diagnostic::error(code, location.clone()).arg("target", &*used.target));
        }
        let Some(path) = &used.path else {
            diagnostics.push(
                Diagnostic::error("photo_outside", location).arg("target", used.target.clone()),
            );
            continue;
        };
        let shown = crate::diagnostics::display_path(path);
        let problem = match loaded.photos.get(path) {
            Some(Ok(photo)) => {
                photos
                    .by_path
                    .entry(path.clone())
                    .or_insert_with(|| photo.clone());
                continue;
            }
            Some(Err(problem)) => problem,
            None => &Problem::Missing(String::new()),
        };
        let diagnostic = match problem {
            Problem::Missing(_) => Diagnostic::error("photo_missing", location),
            Problem::TooLarge(bytes) => Diagnostic::error("photo_too_large", location)
                .arg("size", megabytes(*bytes))
                .arg("max", megabytes(MAX_FILE_BYTES)),
            Problem::TooManyPixels(w, h) => Diagnostic::error("photo_too_many_pixels", location)
                .arg("width", w.to_string())
                .arg("height", h.to_string())
                .arg(
                    "megapixels",
                    (u64::from(*w) * u64::from(*h) / 1_000_000).to_string(),
                )
                .arg("max", (MAX_PIXELS / 1_000_000).to_string()),
            Problem::Heic => Diagnostic::error("photo_heic", location),
            Problem::Unsupported(kind) => Diagnostic::error("photo_format_unsupported", location)
                .arg(
                    "kind",
                    if kind.is_empty() {
                        String::new()
                    } else {
                        format!("({kind})")
                    },
                ),
            Problem::Corrupt(reason) => {
                Diagnostic::error("photo_corrupt", location).arg("reason", reason.clone())
            }
            Problem::Truncated => Diagnostic::error("photo_truncated", location),
        };
        diagnostics.push(
            diagnostic
                .arg("target", used.target.clone())
                .arg("path", shown),
        );
    }
    photos
}

/// `41,9 MB`.
fn megabytes(bytes: u64) -> String {
    crate::locale::format::decimal(bytes as f64 / (1024.0 * 1024.0), 1, true)
}
