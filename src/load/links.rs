//! Which link targets may reach an `href` or `src`: `http`, `https`, `mailto`, `tel` and addresses
//! without a scheme (`/lien-he/`, `#muc-1`, `tep.pdf`). Every loader that reads a URL from input
//! (Markdown link and image targets, `fanpage` in site.toml, `lien_ket` in data/legal.toml) asks
//! [`refused_scheme`], so a `javascript:`, `vbscript:` or `data:` link never reaches a page.

use crate::diagnostics::{Diagnostic, Diagnostics, Location};

/// The schemes a link may have.
pub const ALLOWED_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// The scheme of `url` as a browser reads it, lower-cased, when it is not one loa allows; `None`
/// for an allowed scheme or an address without one.
///
/// Read as the WHATWG URL parser does: leading and trailing spaces and control characters are
/// dropped, tabs and line breaks anywhere are removed (`java\tscript:` is `javascript:`), and a
/// scheme is an ASCII letter followed by letters, digits, `+`, `-` or `.` up to the first `:`.
/// Anything else before the first `:` makes the address relative (`Điều 5: ...`).
pub fn refused_scheme(url: &str) -> Option<String> {
    let trimmed = url.trim_matches(|c: char| c <= ' ');
    let mut scheme = String::new();
    for c in trimmed.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')) {
        match c {
            ':' => break,
            c if c.is_ascii_alphabetic() => scheme.push(c.to_ascii_lowercase()),
            c if !scheme.is_empty() && (c.is_ascii_digit() || matches!(c, '+' | '-' | '.')) => {
                scheme.push(c)
            }
            // Not a scheme: the address is relative (or has no `:` at all).
            _ => return None,
        }
    }
    let has_colon = trimmed.contains(':');
    (has_colon && !scheme.is_empty() && !ALLOWED_SCHEMES.contains(&scheme.as_str()))
        .then_some(scheme)
}

/// The error for a refused link at `location` (a Markdown link or image target).
pub fn refused(url: &str, scheme: &str, location: Location) -> Diagnostic {
    with_value(
        Diagnostic::error("link_scheme_refused", Some(location)),
        url,
        scheme,
    )
}

/// Checks a URL typed in a TOML field: an error at `location` naming `field` when its scheme is
/// refused.
pub fn check_field(
    url: &str,
    field: &str,
    location: impl FnOnce() -> Location,
    diagnostics: &mut Diagnostics,
) {
    if let Some(scheme) = refused_scheme(url) {
        let error = Diagnostic::error("field_link_scheme_refused", Some(location()));
        diagnostics.push(with_value(error, url, &scheme).field(field));
    }
}

/// Fills a refused link's message: the value as written (control characters shown escaped, long
/// values shortened), its scheme and the schemes allowed.
fn with_value(error: Diagnostic, url: &str, scheme: &str) -> Diagnostic {
    const SHOWN: usize = 80;
    let mut shown: String = url
        .chars()
        .take(SHOWN)
        .flat_map(|c| {
            let escaped: Vec<char> = if c.is_control() {
                c.escape_default().collect()
            } else {
                vec![c]
            };
            escaped
        })
        .collect();
    if url.chars().count() > SHOWN {
        shown.push('…');
    }
    error
        .arg("value", shown)
        .arg("scheme", scheme.to_owned())
        .arg("allowed", ALLOWED_SCHEMES.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_schemes_are_refused_however_written() {
        for url in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "  javascript:alert(1)",
            "\u{1}\u{1f} javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "java\r\nscript:alert(1)",
            "vbscript:msgbox(1)",
            "data:text/html,<script>alert(1)</script>",
            "DATA:text/html;base64,PHNjcmlwdD4=",
            "file:///etc/passwd",
        ] {
            assert!(refused_scheme(url).is_some(), "{url:?} should be refused");
        }
        assert_eq!(
            refused_scheme(" Java\tScript:x").as_deref(),
            Some("javascript")
        );
    }

    #[test]
    fn web_mail_phone_and_relative_links_pass() {
        for url in [
            "https://thuvienphapluat.vn/van-ban/a.aspx",
            "HTTP://example.vn",
            "mailto:ubnd@example.vn",
            "tel:0225 3123 456",
            "/lien-he/",
            "#phan-i",
            "?q=1",
            "tep.pdf",
            "../a/b",
            "//cdn.example.vn/a",
            "",
            "Điều 5: quy định",
            "a b:c",
            "java%73cript:alert(1)",
            "\u{a0}javascript:x",
        ] {
            assert_eq!(refused_scheme(url), None, "{url:?} should pass");
        }
    }

    #[test]
    fn the_message_shows_control_characters_and_shortens() {
        let d = refused(
            "java\tscript:alert(1)",
            "javascript",
            Location::new("a.md", 3, 1),
        );
        let shown = d.to_string();
        assert!(shown.contains("java\\tscript:alert(1)"), "{shown}");
        let long = format!("data:text/html,{}", "a".repeat(500));
        let shown = refused(&long, "data", Location::new("a.md", 1, 1)).to_string();
        assert!(
            shown.contains('…') && !shown.contains(&"a".repeat(100)),
            "{shown}"
        );
    }
}
