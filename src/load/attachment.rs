//! Files published for download as they were given (a benefit's forms, a legal document's full
//! text): read from inside the site folder, with located errors.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::load::confine;

/// Largest file loa publishes for download (a scanned form is a few MB; anything bigger is a
/// mistake).
pub const MAX_BYTES: u64 = 20 * 1024 * 1024;

/// Reads a file to publish for download (a form, a document's full text) named in a content or
/// registry file: relative to `folder`, or to the site folder when it starts with `/`; inside the
/// site folder, at most [`MAX_BYTES`]. Gives its published name (slugged stem, lower-case
/// extension) and bytes; every problem is an error at `location`.
pub fn read(
    root: &Path,
    folder: &Path,
    written: &str,
    location: Location,
    diagnostics: &mut Diagnostics,
) -> Option<(String, Arc<[u8]>)> {
    let written = written.trim();
    let relative: PathBuf = match written.strip_prefix('/') {
        Some(from_root) => PathBuf::from(from_root),
        None => folder.join(written),
    };
    if written.is_empty() || written.contains("..") {
        diagnostics.push(
            Diagnostic::error("form_missing", Some(location))
                .field("tep")
                .arg("path", written.to_owned()),
        );
        return None;
    }
    if let Some(target) = confine::outside(root, &relative) {
        diagnostics.push(confine::outside_error(location, &relative, &target));
        return None;
    }
    let full = root.join(&relative);
    let size = match std::fs::metadata(&full) {
        Ok(meta) if meta.is_file() => meta.len(),
        _ => {
            diagnostics.push(
                Diagnostic::error("form_missing", Some(location))
                    .field("tep")
                    .arg("path", crate::diagnostics::display_path(&relative)),
            );
            return None;
        }
    };
    if size > MAX_BYTES {
        diagnostics.push(
            Diagnostic::error("form_too_big", Some(location))
                .field("tep")
                .arg("path", crate::diagnostics::display_path(&relative))
                .arg(
                    "size",
                    crate::locale::format::integer(size.div_ceil(1024 * 1024) as i64),
                )
                .arg("max", (MAX_BYTES / 1024 / 1024).to_string()),
        );
        return None;
    }
    let bytes = match std::fs::read(&full) {
        Ok(bytes) => bytes,
        Err(e) => {
            diagnostics
                .push(Diagnostic::error("io_read", Some(location)).arg("reason", e.to_string()));
            return None;
        }
    };
    let stem = relative
        .file_stem()
        .map(|s| crate::locale::slugify(&s.to_string_lossy()))
        .unwrap_or_default();
    let extension = relative
        .extension()
        .map(|x| x.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let file_name = if extension.is_empty() {
        stem
    } else {
        format!("{stem}.{extension}")
    };
    Some((file_name, Arc::from(bytes)))
}
