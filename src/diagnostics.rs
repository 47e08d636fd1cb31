//! Located problems: every error or warning names the file, line, column, field and what to do.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::messages;

/// How serious a problem is: errors stop the build, warnings are reported and the build goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Stops the build; the previous output is kept.
    Error,
    /// Reported; the build goes on.
    Warning,
}

/// Where a problem is: a file (relative to the site root) and a 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// File path relative to the site root.
    pub file: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
}

impl Location {
    /// A location in a file.
    pub fn new(file: impl Into<PathBuf>, line: usize, column: usize) -> Location {
        Location {
            file: file.into(),
            line: line.max(1),
            column: column.max(1),
        }
    }

    /// The start of a file (for problems that concern the file as a whole).
    pub fn file(file: impl Into<PathBuf>) -> Location {
        Location::new(file, 1, 1)
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}",
            display_path(&self.file),
            self.line,
            self.column
        )
    }
}

/// A path shown with `/` separators, whatever the platform.
pub fn display_path(path: &Path) -> String {
    let joined = path
        .components()
        .filter(|c| !matches!(c, std::path::Component::RootDir))
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/");
    // An absolute path keeps one leading `/` (not `//`).
    if path.has_root() && !joined.starts_with('/') {
        format!("/{joined}")
    } else {
        joined
    }
}

/// One problem found in the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Where it is, when it concerns a place in a file.
    pub location: Option<Location>,
    /// The field concerned, if any.
    pub field: Option<String>,
    /// Key in the message catalogue.
    pub code: &'static str,
    /// Values for the message's placeholders.
    pub args: Vec<(&'static str, String)>,
}

impl Diagnostic {
    /// An error with catalogue message `code`.
    pub fn error(code: &'static str, location: Option<Location>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            location,
            field: None,
            code,
            args: Vec::new(),
        }
    }

    /// A warning with catalogue message `code`.
    pub fn warning(code: &'static str, location: Option<Location>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, location)
        }
    }

    /// Adds a placeholder value.
    pub fn arg(mut self, name: &'static str, value: impl Into<String>) -> Diagnostic {
        self.args.push((name, value.into()));
        self
    }

    /// Names the field concerned (also fills the `{field}` placeholder).
    pub fn field(mut self, field: impl Into<String>) -> Diagnostic {
        let field = field.into();
        self.args.push(("field", field.clone()));
        self.field = Some(field);
        self
    }

    /// The message text in both languages.
    pub fn text(&self) -> messages::Text {
        messages::text(self.code, &self.args)
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => messages::text("severity_error", &[]),
            Severity::Warning => messages::text("severity_warning", &[]),
        };
        let text = self.text();
        if let Some(location) = &self.location {
            write!(f, "{location}: ")?;
        }
        write!(
            f,
            "{}: {} ({}: {})",
            severity.vi, text.vi, severity.en, text.en
        )?;
        if let Some(hint) = &text.hint_vi {
            write!(f, "\n    → {hint}")?;
            if let Some(en) = &text.hint_en {
                write!(f, " ({en})")?;
            }
        }
        Ok(())
    }
}

/// All problems of a run, reported together.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty collection.
    pub fn new() -> Diagnostics {
        Diagnostics::default()
    }

    /// Records a problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Records every problem of another collection.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    /// Number of warnings.
    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    /// Whether any error was recorded.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// The problems sorted by file, line and column, errors first at equal places; duplicates removed.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut items: Vec<&Diagnostic> = self.items.iter().collect();
        items.sort_by(|a, b| {
            a.location
                .cmp(&b.location)
                .then(a.severity.cmp(&b.severity))
                .then(a.code.cmp(b.code))
                .then(a.args.cmp(&b.args))
        });
        items.dedup();
        items
    }

    /// Every problem, in the order recorded.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_line_column_and_both_languages() {
        let d = Diagnostic::error(
            "date_invalid",
            Some(Location::new("content/plans/a.md", 5, 8)),
        )
        .field("ngay")
        .arg("value", "2026-13-40");
        let shown = d.to_string();
        assert!(
            shown.starts_with(
                "content/plans/a.md:5:8: lỗi: Ngày `2026-13-40` không hợp lệ (error: invalid date)"
            ),
            "{shown}"
        );
        assert!(shown.contains("→ Viết NĂM-THÁNG-NGÀY"), "{shown}");
    }

    #[test]
    fn counts_and_sorting() {
        let mut all = Diagnostics::new();
        all.push(
            Diagnostic::warning("unit_unknown", Some(Location::new("b.md", 2, 1))).arg("name", "X"),
        );
        all.push(
            Diagnostic::error("date_invalid", Some(Location::new("a.md", 9, 1))).arg("value", "x"),
        );
        assert_eq!(all.error_count(), 1);
        assert_eq!(all.warning_count(), 1);
        assert!(all.has_errors());
        let sorted = all.sorted();
        assert_eq!(sorted[0].code, "date_invalid");
    }
}
