//! The ward's logo (site.toml `logo`): a PNG, JPEG or SVG file inside the site folder, read once
//! for the header, the icons and the share cards. A file that is not what its name says is
//! refused here, named at its line, rather than failing later inside a print product.

use std::path::Path;

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::load::confine;
use crate::model::{Logo, SiteConfig};

/// Largest logo loa reads (a logo is a few hundred KB at most).
pub const MAX_LOGO_BYTES: u64 = 5 * 1024 * 1024;

/// The format a file's first bytes show, if it is one loa takes as a logo.
fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("jpg")
    } else {
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
        head.contains("<svg").then_some("svg")
    }
}

/// Reads the logo named in `config` into `config.logo`.
pub fn load(root: &Path, config: &mut SiteConfig, diagnostics: &mut Diagnostics) {
    let Some((written, location)) = config.logo_file.clone() else {
        return;
    };
    let relative = Path::new(written.trim_start_matches('/'));
    let refuse = |code: &'static str, location: Location| {
        Diagnostic::error(code, Some(location))
            .field("logo")
            .arg("path", written.clone())
    };
    if written.contains("..") {
        diagnostics.push(refuse("logo_missing", location));
        return;
    }
    if let Some(target) = confine::outside(root, relative) {
        diagnostics.push(confine::outside_error(location, relative, &target));
        return;
    }
    let full = root.join(relative);
    match std::fs::metadata(&full) {
        Ok(meta) if meta.is_file() && meta.len() <= MAX_LOGO_BYTES => {}
        Ok(meta) if meta.is_file() => {
            diagnostics.push(
                refuse("logo_too_big", location)
                    .arg("max", (MAX_LOGO_BYTES / 1024 / 1024).to_string()),
            );
            return;
        }
        _ => {
            diagnostics.push(refuse("logo_missing", location));
            return;
        }
    }
    let bytes = match std::fs::read(&full) {
        Ok(bytes) => bytes,
        Err(e) => {
            diagnostics
                .push(Diagnostic::error("io_read", Some(location)).arg("reason", e.to_string()));
            return;
        }
    };
    match sniff(&bytes) {
        Some(format) => {
            config.logo = Some(Logo {
                format: format.to_owned(),
                bytes: bytes.into(),
            })
        }
        None => diagnostics.push(refuse("logo_format", location)),
    }
}

#[cfg(test)]
mod tests {
    use super::sniff;

    #[test]
    fn formats_are_read_from_the_bytes_not_the_name() {
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\nrest"), Some("png"));
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some("jpg"));
        assert_eq!(
            sniff(b"<?xml version=\"1.0\"?><svg xmlns=\"\"/>"),
            Some("svg")
        );
        assert_eq!(sniff(b"GIF89a"), None);
        assert_eq!(sniff(b""), None);
    }
}
