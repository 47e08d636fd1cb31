//! Source text with line positions, `+++` front matter, and TOML parsing whose errors name the
//! file, line, column and field (with the nearest known field for a typo).

use std::path::PathBuf;

use serde::de::DeserializeOwned;

use crate::diagnostics::{Diagnostic, Location};
use crate::locale::fold_diacritics;
use crate::messages;

/// A file's normalised text and the byte offset of each line start.
#[derive(Debug, Clone)]
pub struct SourceText {
    /// Path relative to the site root.
    pub path: PathBuf,
    /// NFC text with `\n` line ends.
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceText {
    /// Wraps already-normalised text.
    pub fn new(path: impl Into<PathBuf>, text: String) -> SourceText {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        SourceText {
            path: path.into(),
            text,
            line_starts,
        }
    }

    /// 1-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }

    /// Location (1-based line, column in characters) of a byte offset.
    pub fn location(&self, offset: usize) -> Location {
        let offset = offset.min(self.text.len());
        let line = self.line_of(offset);
        let start = self.line_starts[line - 1];
        let column = self
            .text
            .get(start..offset)
            .map_or(1, |s| s.chars().count() + 1);
        Location::new(self.path.clone(), line, column)
    }

    /// Location of the first line that assigns `key` (`key =`) at or after byte `from`, for
    /// problems found after deserialisation. Falls back to `from`.
    pub fn key_location(&self, key: &str, from: usize) -> Location {
        let from = from.min(self.text.len());
        let mut offset = from;
        for line in self.text[from..].split_inclusive('\n') {
            let trimmed = line.trim_start();
            if let Some(rest) = trimmed.strip_prefix(key)
                && rest.trim_start().starts_with('=')
            {
                return self.location(offset + (line.len() - trimmed.len()));
            }
            offset += line.len();
        }
        self.location(from)
    }
}

/// A file split into its TOML front matter and its body.
#[derive(Debug, Clone, Copy)]
pub struct Split<'a> {
    /// The TOML text between the `+++` lines.
    pub front: &'a str,
    /// Byte offset of `front` in the file.
    pub front_offset: usize,
    /// The body after the closing `+++` line.
    pub body: &'a str,
    /// Byte offset of `body` in the file.
    pub body_offset: usize,
}

/// Splits `+++` front matter from the body. Leading blank lines are allowed.
pub fn split(source: &SourceText) -> Result<Split<'_>, Diagnostic> {
    let text = source.text.as_str();
    let start = text.len() - text.trim_start().len();
    let first_line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    if text[start..first_line_end].trim_end() != "+++" {
        return Err(Diagnostic::error(
            "frontmatter_missing",
            Some(source.location(start)),
        ));
    }
    let front_offset = (first_line_end + 1).min(text.len());
    let mut offset = front_offset;
    for line in text[front_offset..].split_inclusive('\n') {
        if line.trim_end() == "+++" {
            let body_offset = offset + line.len();
            return Ok(Split {
                front: &text[front_offset..offset],
                front_offset,
                body: &text[body_offset..],
                body_offset,
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::error(
        "frontmatter_unclosed",
        Some(source.location(start)),
    ))
}

/// Parses TOML found at `offset` in `source` into `T`, turning errors into located diagnostics.
/// `context` is a catalogue key naming the place (`ctx_plan`, `ctx_site`, ...).
pub fn parse_toml<T: DeserializeOwned>(
    source: &SourceText,
    toml_text: &str,
    offset: usize,
    context: &str,
) -> Result<T, Diagnostic> {
    toml::from_str::<T>(toml_text).map_err(|error| {
        let location = source.location(offset + error.span().map_or(0, |s| s.start));
        from_toml_error(error.message(), location, context)
    })
}

/// Maps a serde/TOML message to a catalogue diagnostic.
fn from_toml_error(message: &str, location: Location, context: &str) -> Diagnostic {
    let context_name = messages::text(context, &[]).vi;
    if let Some((field, expected)) = parse_unknown_field(message) {
        let shown: Vec<String> = expected.iter().map(|f| format!("`{f}`")).collect();
        let diagnostic = match nearest(&field, &expected) {
            Some(suggestion) => {
                Diagnostic::error("field_unknown", Some(location)).arg("suggestion", suggestion)
            }
            None => Diagnostic::error("field_unknown_no_suggestion", Some(location)),
        };
        return diagnostic
            .field(field)
            .arg("expected", shown.join(", "))
            .arg("context", context_name);
    }
    if let Some(field) = between(message, "missing field `", "`") {
        return Diagnostic::error("field_missing", Some(location))
            .field(field)
            .arg("context", context_name);
    }
    Diagnostic::error("toml_syntax", Some(location)).arg("detail", message.trim().to_owned())
}

/// Extracts `field` and the expected names from serde's
/// "unknown field `x`, expected one of `a`, `b`" / "expected `a`" / "there are no fields".
fn parse_unknown_field(message: &str) -> Option<(String, Vec<String>)> {
    let field = between(message, "unknown field `", "`")?;
    let rest = &message[message.find("expected").unwrap_or(message.len())..];
    let expected = rest
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect();
    Some((field, expected))
}

fn between(text: &str, open: &str, close: &str) -> Option<String> {
    let start = text.find(open)? + open.len();
    let end = text[start..].find(close)? + start;
    Some(text[start..end].to_owned())
}

/// The known name closest to `field` (typos, missing underscores, diacritics), if close enough.
pub fn nearest(field: &str, known: &[String]) -> Option<String> {
    let squash = |s: &str| {
        fold_diacritics(s)
            .to_lowercase()
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect::<String>()
    };
    let wanted = squash(field);
    known
        .iter()
        .map(|k| {
            (
                strsim::normalized_damerau_levenshtein(&wanted, &squash(k)),
                k,
            )
        })
        .filter(|(score, _)| *score >= 0.5)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, k)| k.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Sample {
        tieude: String,
        #[serde(default)]
        ngay: String,
    }

    fn source(text: &str) -> SourceText {
        SourceText::new("content/news/a.md", text.to_owned())
    }

    #[test]
    fn splits_front_matter_and_body() {
        let s = source("\n+++\ntieude = \"A\"\n+++\nThân bài\n");
        let parts = split(&s).unwrap();
        assert_eq!(parts.front, "tieude = \"A\"\n");
        assert_eq!(parts.body, "Thân bài\n");
        assert_eq!(s.line_of(parts.body_offset), 5);
    }

    #[test]
    fn missing_and_unclosed_front_matter_are_located() {
        let e = split(&source("Chỉ có thân bài")).unwrap_err();
        assert_eq!(e.code, "frontmatter_missing");
        let e = split(&source("+++\na = 1\n")).unwrap_err();
        assert_eq!(e.code, "frontmatter_unclosed");
    }

    #[test]
    fn unknown_field_names_line_and_nearest_field() {
        let s = source("+++\ntieude = \"A\"\ntieu_de = \"B\"\n+++\n");
        let parts = split(&s).unwrap();
        let e =
            parse_toml::<Sample>(&s, parts.front, parts.front_offset, "ctx_article").unwrap_err();
        assert_eq!(e.code, "field_unknown");
        assert_eq!(e.field.as_deref(), Some("tieu_de"));
        assert_eq!(e.location.as_ref().unwrap().line, 3);
        let shown = e.to_string();
        assert!(shown.contains("Có phải ý bạn là `tieude`?"), "{shown}");
    }

    #[test]
    fn missing_field_and_syntax_errors() {
        let s = source("+++\nngay = \"2026\"\n+++\n");
        let parts = split(&s).unwrap();
        let e =
            parse_toml::<Sample>(&s, parts.front, parts.front_offset, "ctx_article").unwrap_err();
        assert_eq!(e.code, "field_missing");
        assert_eq!(e.field.as_deref(), Some("tieude"));

        let s = source("+++\ntieude = \"A\nngay = 1\n+++\n");
        let parts = split(&s).unwrap();
        let e =
            parse_toml::<Sample>(&s, parts.front, parts.front_offset, "ctx_article").unwrap_err();
        assert_eq!(e.code, "toml_syntax");
        assert_eq!(e.location.as_ref().unwrap().line, 2);
    }

    #[test]
    fn nearest_handles_typos() {
        let known: Vec<String> = ["trich_yeu", "ngay", "tieude", "noi_nhan"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(
            nearest("titel", &["title".to_owned()]).as_deref(),
            Some("title")
        );
        assert_eq!(nearest("trichyeu", &known).as_deref(), Some("trich_yeu"));
        assert_eq!(nearest("nơi_nhận", &known).as_deref(), Some("noi_nhan"));
        assert_eq!(nearest("zzzzzz", &known), None);
    }
}
