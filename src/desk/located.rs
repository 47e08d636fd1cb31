//! Diagnostics placed where they belong: at the field they name (by the diagnostic's field, or
//! by the key written on the line it names), at a line of the body, or above the form.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diagnostics::Diagnostic;

/// A diagnostic as the desk shows it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Shown {
    /// `loi` or `canh-bao`.
    pub severity: &'static str,
    /// The line in the file (0: none).
    pub line: usize,
    /// The line in the body editor (0: not in the body).
    pub body_line: usize,
    /// The field path it is placed at (empty: above the form).
    pub field: String,
    /// The sentence, Vietnamese.
    pub text: String,
    /// What to do, Vietnamese.
    pub hint: String,
    /// The English beside it.
    pub english: String,
}

impl Shown {
    /// A diagnostic as the desk shows it: above the form (no field, no body line), at the line it
    /// names.
    pub fn of(d: &Diagnostic) -> Shown {
        Shown::message(
            d.is_error(),
            d.location.as_ref().map_or(0, |l| l.line),
            d.text(),
        )
    }

    /// A catalogue message as the desk shows it; its `code` marks read as quotes on a page.
    pub fn message(error: bool, line: usize, text: crate::messages::Text) -> Shown {
        Shown {
            severity: if error { "loi" } else { "canh-bao" },
            line,
            body_line: 0,
            field: String::new(),
            text: text.vi.replace('`', "\""),
            hint: text.hint_vi.unwrap_or_default().replace('`', "\""),
            english: text.en,
        }
    }
}

/// Where the keys of a TOML text are: for each line, the field path written on it
/// (`tieu_de`, `chi_tieu.1.khop`), every line of a value written over several lines included
/// (a list one item per line); `entry` keeps only the lines of the `entry`-th `[[table]]` (their
/// paths without the table). Read from `toml_edit`'s spans; a text that does not parse (its
/// problem is the syntax, not a field) falls back to the key written at the start of a line.
fn keys_by_line(
    text: &str,
    first_line: usize,
    entry: Option<(&str, usize)>,
) -> BTreeMap<usize, String> {
    let Ok(document) = toml_edit::Document::parse(text) else {
        return keys_written_by_line(text, first_line, entry);
    };
    let starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_of = |offset: usize| first_line + starts.partition_point(|&s| s <= offset) - 1;
    let mut out = BTreeMap::new();
    let mut walk_from = |table: &toml_edit::Table| {
        walk_keys(table, "", &line_of, &mut out);
    };
    match entry {
        None => walk_from(document.as_table()),
        Some((name, index)) => {
            if let Some(table) = document
                .get(name)
                .and_then(toml_edit::Item::as_array_of_tables)
                .and_then(|tables| tables.get(index))
            {
                walk_from(table);
            }
        }
    }
    out
}

/// Every value of `table` and its sub-tables: the lines from its key to the end of its value.
fn walk_keys(
    table: &toml_edit::Table,
    prefix: &str,
    line_of: &dyn Fn(usize) -> usize,
    out: &mut BTreeMap<usize, String>,
) {
    for (name, item) in table.iter() {
        let path = format!("{prefix}{name}");
        match item {
            toml_edit::Item::Value(value) => {
                let key = table.key(name).and_then(toml_edit::Key::span);
                if let Some(span) = value.span() {
                    let first = line_of(key.map_or(span.start, |k| k.start));
                    let last = line_of(span.end.saturating_sub(1).max(span.start));
                    for line in first..=last {
                        out.entry(line).or_insert_with(|| path.clone());
                    }
                }
            }
            toml_edit::Item::Table(sub) => walk_keys(sub, &format!("{path}."), line_of, out),
            toml_edit::Item::ArrayOfTables(tables) => {
                for (n, sub) in tables.iter().enumerate() {
                    walk_keys(sub, &format!("{path}.{n}."), line_of, out);
                }
            }
            toml_edit::Item::None => {}
        }
    }
}

/// [`keys_by_line`] for a text that does not parse: the key written at the start of each line.
fn keys_written_by_line(
    text: &str,
    first_line: usize,
    entry: Option<(&str, usize)>,
) -> BTreeMap<usize, String> {
    let mut out = BTreeMap::new();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut prefix = String::new();
    let mut inside = entry.is_none();
    for (i, line) in text.lines().enumerate() {
        let line_no = first_line + i;
        let trimmed = line.trim();
        if let Some(name) = trimmed
            .strip_prefix("[[")
            .and_then(|r| r.split("]]").next())
        {
            let name = name.trim().to_owned();
            let n = counts.entry(name.clone()).or_insert(0);
            match entry {
                Some((table, index)) => {
                    inside = name == table && *n == index;
                    prefix.clear();
                }
                None => prefix = format!("{name}.{n}."),
            }
            *n += 1;
            continue;
        }
        if let Some(name) = trimmed.strip_prefix('[').and_then(|r| r.split(']').next()) {
            if entry.is_some() {
                inside = false;
            }
            prefix = format!("{}.", name.trim());
            continue;
        }
        if !inside || trimmed.starts_with('#') {
            continue;
        }
        if let Some((key, _)) = trimmed.split_once('=') {
            let key = key.trim().trim_matches('"');
            if !key.is_empty() && !key.contains(' ') {
                out.insert(line_no, format!("{prefix}{key}"));
            }
        }
    }
    out
}

/// The lines of the entry-th `[[table]]` of a file (first, last), 1-based.
pub fn entry_lines(text: &str, table: &str, entry: usize) -> Option<(usize, usize)> {
    let header = format!("[[{table}]]");
    let mut starts = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim().starts_with("[["))
        .map(|(i, l)| (i + 1, l.trim().starts_with(&header)));
    let mut n = 0;
    let mut found = None;
    for (line, ours) in starts.by_ref() {
        if let Some(start) = found {
            return Some((start, line - 1));
        }
        if ours {
            if n == entry {
                found = Some(line);
            }
            n += 1;
        }
    }
    found.map(|start| (start, text.lines().count()))
}

/// Places the diagnostics of `file` (whose text is `text`). `front_lines`: the lines of the front
/// matter (`Some((first, last))`) for content files; `entry`: the table and number of the entry
/// shown, for registries.
pub fn place(
    diagnostics: &[Diagnostic],
    file: &Path,
    text: &str,
    front_lines: Option<(usize, usize)>,
    entry: Option<(&str, usize)>,
) -> Vec<Shown> {
    let (toml_text, first) = match front_lines {
        Some((first, last)) => (
            text.lines()
                .skip(first - 1)
                .take(last + 1 - first)
                .collect::<Vec<_>>()
                .join("\n"),
            first,
        ),
        None => (text.to_owned(), 1),
    };
    let keys = keys_by_line(&toml_text, first, entry);
    let range = entry.and_then(|(table, n)| entry_lines(text, table, n));
    let mut shown = Vec::new();
    for d in diagnostics {
        let Some(location) = &d.location else {
            continue;
        };
        if location.file != file {
            continue;
        }
        let line = location.line;
        if let Some((start, end)) = range
            && (line < start || line > end)
        {
            continue;
        }
        let in_body = front_lines.is_some_and(|(_, last)| line > last + 1);
        let field = if in_body {
            String::new()
        } else {
            keys.get(&line)
                .cloned()
                .or_else(|| d.field.clone().filter(|_| entry.is_none()))
                .unwrap_or_default()
        };
        shown.push(Shown {
            body_line: match front_lines {
                Some((_, last)) if in_body => line.saturating_sub(last + 2),
                _ => 0,
            },
            field,
            ..Shown::of(d)
        });
    }
    shown
}

/// The first and last line of the front matter of a content file (between the `+++` lines).
pub fn front_lines(text: &str) -> Option<(usize, usize)> {
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim_end() == "+++");
    let (open, _) = lines.next()?;
    let (close, _) = lines.next()?;
    Some((open + 2, close))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Location;

    #[test]
    fn a_problem_is_placed_at_the_key_on_its_line_or_in_the_body() {
        let text = "+++\ntieu_de = \"A\"\nngay = \"2026-13-01\"\n\n[[chi_tieu]]\nkhop = \"x\"\n+++\n\nDòng một.\nDòng hai.\n";
        let file = Path::new("content/news/a.md");
        let at = |line| Some(Location::new(file, line, 1));
        let diagnostics = vec![
            Diagnostic::error("date_invalid", at(3)).arg("value", "2026-13-01"),
            Diagnostic::error("date_invalid", at(6)).arg("value", "x"),
            Diagnostic::warning("date_invalid", at(10)).arg("value", "y"),
            Diagnostic::error("date_invalid", Some(Location::new("other.md", 3, 1))),
        ];
        let shown = place(&diagnostics, file, text, front_lines(text), None);
        assert_eq!(shown.len(), 3);
        assert_eq!(shown[0].field, "ngay");
        assert_eq!(shown[1].field, "chi_tieu.0.khop");
        assert_eq!(shown[2].field, "");
        assert_eq!(shown[2].body_line, 2);
        assert_eq!(shown[2].severity, "canh-bao");
    }

    #[test]
    fn a_registry_problem_is_shown_with_its_own_entry_only() {
        let text = "[[don_vi]]\nma = \"a\"\nten = \"A\"\n\n[[don_vi]]\nma = \"b\"\nten = \"\"\n";
        let file = Path::new("data/units.toml");
        let diagnostics = vec![Diagnostic::error(
            "title_missing",
            Some(Location::new(file, 7, 1)),
        )];
        assert!(place(&diagnostics, file, text, None, Some(("don_vi", 0))).is_empty());
        let shown = place(&diagnostics, file, text, None, Some(("don_vi", 1)));
        assert_eq!(shown[0].field, "ten");
        assert_eq!(entry_lines(text, "don_vi", 1), Some((5, 7)));
    }

    #[test]
    fn every_line_of_a_list_written_one_item_per_line_is_its_field() {
        let text = "+++\nso = \"05\"\nnoi_nhan = [\n  \"UBND phường\",\n  \"Lưu: VT\",\n]\ncan_cu = [\"a\", \"b\"]\n\n[nguoi_ky]\nho_ten = \"\"\n\n[[chi_tieu]]\nkhop = \"x\"\n[[chi_tieu]]\ncau = \"y\"\nkhop = [\n  \"z\",\n]\n+++\n\nThân.\n";
        let file = Path::new("content/plans/a.md");
        let fields: Vec<String> = [5, 6, 7, 10, 13, 15, 17, 20]
            .into_iter()
            .map(|line| {
                let d = Diagnostic::error("date_invalid", Some(Location::new(file, line, 1)));
                place(&[d], file, text, front_lines(text), None)[0]
                    .field
                    .clone()
            })
            .collect();
        assert_eq!(
            fields,
            [
                "noi_nhan",
                "noi_nhan",
                "can_cu",
                "nguoi_ky.ho_ten",
                "chi_tieu.0.khop",
                "chi_tieu.1.cau",
                "chi_tieu.1.khop",
                ""
            ]
        );
    }

    #[test]
    fn a_front_matter_that_does_not_parse_still_places_the_keys_written_on_lines() {
        let text = "+++\ntieu_de = \"A\nngay = \"2026-13-01\"\n+++\n";
        let file = Path::new("content/news/a.md");
        let d = Diagnostic::error("date_invalid", Some(Location::new(file, 3, 1)));
        assert_eq!(
            place(&[d], file, text, front_lines(text), None)[0].field,
            "ngay"
        );
    }
}
