//! The desk's files: listing and reading the items of a kind and making the text of a saved item.
//! Writing it, checked with the whole site, is [`super::checked`]'s (re-exported here).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde_json::Value;
use toml_edit::DocumentMut;

pub use super::checked::{REMOVED, Removed, Saved, remove, save, trial, write_atomic};
use super::edit::{apply, join_front, json_of_table, split_front};
use super::fields::{Field, fields};
use super::kinds::{Kind, Storage};
use crate::diagnostics::{Diagnostic, Location};
use crate::locale::slugify;
use crate::locale::text::normalize;

/// One item in a kind's list.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Listed {
    /// Its key in the desk's addresses (file stem, or entry number).
    pub key: String,
    /// What it is called.
    pub title: String,
    /// The file, from the site folder.
    pub file: String,
    /// A draft that did not pass the check.
    pub draft: bool,
    /// Its date, when it has one.
    pub date: String,
}

/// An item as the form shows it.
#[derive(Debug, Clone)]
pub struct Opened {
    /// The fields' values, keyed like the file.
    pub values: Value,
    /// The Markdown body (kinds with files).
    pub body: String,
    /// The file, from the site folder.
    pub file: PathBuf,
    /// The entry's number (kinds with entries).
    pub entry: Option<usize>,
}

/// The whole text of a TOML or content file as the loaders read it (UTF-8, NFC), or empty when
/// it does not exist yet.
pub(super) fn read_text(root: &Path, relative: &Path) -> Result<String, Diagnostic> {
    if !root.join(relative).exists() {
        return Ok(String::new());
    }
    crate::load::read_source(root, relative).map(|source| source.text)
}

pub(super) fn parse(relative: &Path, text: &str) -> Result<DocumentMut, Diagnostic> {
    text.parse::<DocumentMut>().map_err(|e| {
        let line = e.span().map_or(1, |s| {
            text[..s.start.min(text.len())].matches('\n').count() + 1
        });
        Diagnostic::error(
            "desk_toml_unreadable",
            Some(Location::new(relative, line, 1)),
        )
        .arg("reason", e.message().to_owned())
    })
}

fn text_field(values: &Value, key: &str) -> String {
    match values.get(key) {
        Some(Value::String(s)) => s.clone(),
        _ => String::new(),
    }
}

/// How many items and drafts a kind has, without reading them (the desk's menu on every page).
pub fn count(root: &Path, kind: &Kind) -> (usize, usize) {
    match kind.storage {
        Storage::Files { dir } => {
            let files = crate::load::files_in_with_drafts(root, dir, &["md"]);
            let drafts = files.iter().filter(|f| is_draft_file(f)).count();
            (files.len() - drafts, drafts)
        }
        Storage::Entries { .. } => (list(root, kind).len(), 0),
        Storage::Single { .. } => (1, 0),
    }
}

/// The items of a kind, drafts first, then by file name (newest news first).
pub fn list(root: &Path, kind: &Kind) -> Vec<Listed> {
    match kind.storage {
        Storage::Files { dir } => {
            let mut items: Vec<Listed> = crate::load::files_in_with_drafts(root, dir, &["md"])
                .into_iter()
                .filter_map(|relative| {
                    let text = read_text(root, &relative).ok()?;
                    let (front, _) = split_front(&text).unwrap_or(("", ""));
                    let values = front
                        .parse::<DocumentMut>()
                        .map(|d| json_of_table(d.as_table()))
                        .unwrap_or(Value::Null);
                    let stem = relative.file_stem()?.to_string_lossy().into_owned();
                    Some(Listed {
                        title: text_field(&values, kind.title),
                        draft: is_draft(&stem),
                        date: text_field(&values, "ngay"),
                        file: crate::diagnostics::display_path(&relative),
                        key: stem,
                    })
                })
                .collect();
            items.sort_by(|a, b| {
                b.draft
                    .cmp(&a.draft)
                    .then_with(|| b.date.cmp(&a.date))
                    .then_with(|| a.key.cmp(&b.key))
            });
            items
        }
        Storage::Entries { file, table } => {
            let text = read_text(root, Path::new(file)).unwrap_or_default();
            let Ok(doc) = text.parse::<DocumentMut>() else {
                return Vec::new();
            };
            doc.get(table)
                .and_then(|i| i.as_array_of_tables())
                .map(|entries| {
                    entries
                        .iter()
                        .enumerate()
                        .map(|(i, t)| {
                            let values = json_of_table(t);
                            Listed {
                                key: i.to_string(),
                                title: text_field(&values, kind.title),
                                file: file.to_owned(),
                                draft: false,
                                date: String::new(),
                            }
                        })
                        .collect()
                })
                .unwrap_or_default()
        }
        Storage::Single { file } => vec![Listed {
            key: String::new(),
            title: String::new(),
            file: file.to_owned(),
            draft: false,
            date: String::new(),
        }],
    }
}

/// Whether a key names a file of the folder and nothing else (no path, no `..`).
fn plain_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        && !key.contains("..")
        && !key.starts_with('.')
}

/// The file of item `key` of a kind kept in files.
pub fn file_of(kind: &Kind, key: &str) -> Option<PathBuf> {
    match kind.storage {
        Storage::Files { dir } if plain_key(key) => Some(Path::new(dir).join(format!("{key}.md"))),
        Storage::Files { .. } => None,
        Storage::Entries { file, .. } | Storage::Single { file } => Some(PathBuf::from(file)),
    }
}

/// Opens item `key` (`None`: a new one, from the kind's scaffold).
pub fn open(
    root: &Path,
    kind: &Kind,
    key: Option<&str>,
    date: NaiveDate,
) -> Result<Opened, Diagnostic> {
    let not_found = || Diagnostic::error("desk_not_found", None).arg("key", key.unwrap_or(""));
    match (kind.storage, key) {
        (Storage::Files { dir }, None) => {
            let text = new_text(root, kind, date);
            // The scaffold's body is the editor's placeholder, not its text.
            let (front, _) = split_front(&text).unwrap_or(("", ""));
            let values = parse(Path::new(dir), front).map(|d| json_of_table(d.as_table()))?;
            Ok(Opened {
                values,
                body: String::new(),
                file: PathBuf::from(dir),
                entry: None,
            })
        }
        (Storage::Files { .. }, Some(key)) => {
            let relative = file_of(kind, key).ok_or_else(not_found)?;
            if !root.join(&relative).is_file() {
                return Err(not_found());
            }
            let text = read_text(root, &relative)?;
            let (front, body) = split_front(&text).ok_or_else(|| {
                Diagnostic::error("frontmatter_missing", Some(Location::new(&relative, 1, 1)))
            })?;
            let values = json_of_table(parse(&relative, front)?.as_table());
            Ok(Opened {
                values,
                body: body.trim_start_matches('\n').to_owned(),
                file: relative,
                entry: None,
            })
        }
        (Storage::Entries { file, table }, key) => {
            let relative = PathBuf::from(file);
            let doc = parse(&relative, &read_text(root, &relative)?)?;
            let values = match key {
                None => Value::Object(Default::default()),
                Some(key) => {
                    let i: usize = key.parse().map_err(|_| not_found())?;
                    doc.get(table)
                        .and_then(|t| t.as_array_of_tables())
                        .and_then(|a| a.get(i))
                        .map(|t| json_of_table(t))
                        .ok_or_else(not_found)?
                }
            };
            Ok(Opened {
                values,
                body: String::new(),
                file: relative,
                entry: key.and_then(|k| k.parse().ok()),
            })
        }
        (Storage::Single { file }, _) => {
            let relative = PathBuf::from(file);
            let doc = parse(&relative, &read_text(root, &relative)?)?;
            Ok(Opened {
                values: json_of_table(doc.as_table()),
                body: String::new(),
                file: relative,
                entry: None,
            })
        }
    }
}

/// The text a new item starts from: the `loa new` scaffold with today's date, or an empty front
/// matter for kinds without one.
pub fn new_text(root: &Path, kind: &Kind, date: NaiveDate) -> String {
    match kind.scaffold {
        Some(template) => crate::scaffold::fill(root, template, "", date),
        None => "+++\n+++\n".to_owned(),
    }
}

/// What saving a form would write.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// The file, from the site folder.
    pub file: PathBuf,
    /// Its whole new text.
    pub text: String,
    /// The key of the item after saving (a new file's stem, a new entry's number).
    pub key: String,
}

/// A file name for a new item called `title` in `dir` that is not taken (`loa new`'s name, then
/// `-2`, `-3`, ...).
fn free_name(root: &Path, dir: &str, title: &str) -> String {
    let base = match slugify(title) {
        s if s.is_empty() => "bai-moi".to_owned(),
        s => s
            .chars()
            .take(80)
            .collect::<String>()
            .trim_end_matches('-')
            .to_owned(),
    };
    let taken = |name: &str| {
        root.join(dir).join(format!("{name}.md")).exists()
            || root.join(dir).join(format!("_{name}.md")).exists()
    };
    let mut name = base.clone();
    let mut n = 2;
    while taken(&name) {
        name = format!("{base}-{n}");
        n += 1;
    }
    name
}

/// The new text of item `key` (`None`: a new item) with `values` and `body`.
pub fn candidate(
    root: &Path,
    kind: &Kind,
    key: Option<&str>,
    values: &Value,
    body: &str,
    date: NaiveDate,
) -> Result<Candidate, Diagnostic> {
    let fields: Vec<Field> = fields(&(kind.schema)());
    let body = normalize(&body.replace("\r\n", "\n"));
    match kind.storage {
        Storage::Files { dir } => {
            let (relative, old, key) = match key {
                Some(key) => {
                    let relative = file_of(kind, key)
                        .ok_or_else(|| Diagnostic::error("desk_not_found", None).arg("key", key))?;
                    // Saving a draft writes the real file.
                    let real = key.trim_start_matches('_').to_owned();
                    let old = read_text(root, &relative)?;
                    (Path::new(dir).join(format!("{real}.md")), old, real)
                }
                None => {
                    let name = free_name(root, dir, &text_field(values, kind.title));
                    (
                        Path::new(dir).join(format!("{name}.md")),
                        new_text(root, kind, date),
                        name,
                    )
                }
            };
            let (front, _) = split_front(&old).unwrap_or(("", ""));
            let mut doc = parse(&relative, front)?;
            apply(doc.as_table_mut(), &fields, values, false);
            Ok(Candidate {
                file: relative,
                text: join_front(&doc.to_string(), &body),
                key,
            })
        }
        Storage::Entries { file, table } => {
            let relative = PathBuf::from(file);
            let mut doc = parse(&relative, &read_text(root, &relative)?)?;
            if doc.get(table).is_none() {
                doc.insert(
                    table,
                    toml_edit::Item::ArrayOfTables(toml_edit::ArrayOfTables::new()),
                );
            }
            let entries = doc
                .get_mut(table)
                .and_then(|t| t.as_array_of_tables_mut())
                .ok_or_else(|| {
                    Diagnostic::error("desk_toml_unreadable", Some(Location::file(&relative)))
                        .arg("reason", table)
                })?;
            let index = match key {
                Some(key) => key
                    .parse::<usize>()
                    .ok()
                    .filter(|i| *i < entries.len())
                    .ok_or_else(|| Diagnostic::error("desk_not_found", None).arg("key", key))?,
                None => {
                    let mut entry = toml_edit::Table::new();
                    entry.decor_mut().set_prefix("\n");
                    entries.push(entry);
                    entries.len() - 1
                }
            };
            if let Some(entry) = entries.get_mut(index) {
                apply(entry, &fields, values, false);
            }
            Ok(Candidate {
                file: relative,
                text: doc.to_string(),
                key: index.to_string(),
            })
        }
        Storage::Single { file } => {
            let relative = PathBuf::from(file);
            let mut doc = parse(&relative, &read_text(root, &relative)?)?;
            apply(doc.as_table_mut(), &fields, values, false);
            Ok(Candidate {
                file: relative,
                text: doc.to_string(),
                key: String::new(),
            })
        }
    }
}

/// Whether an item's key or file name is a draft's (`_a`, `_a.md`: the build skips them).
pub fn is_draft(name: &str) -> bool {
    name.starts_with('_')
}

/// Whether a file is a draft.
pub fn is_draft_file(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| is_draft(&n.to_string_lossy()))
}

/// The draft beside a file (`content/news/_a.md`, `data/_units.toml`).
pub fn draft_of(relative: &Path) -> PathBuf {
    let name = relative
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = name.trim_start_matches('_');
    relative.with_file_name(format!("_{name}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_never_lead_out_of_the_folder() {
        let kind = super::super::kinds::find("tin-tuc").unwrap();
        assert_eq!(
            file_of(kind, "a-b_2"),
            Some(PathBuf::from("content/news/a-b_2.md"))
        );
        for key in ["../site", "a/b", "..", ".hidden", "", "a\\b", "%2e%2e"] {
            assert_eq!(file_of(kind, key), None, "{key}");
        }
    }

    #[test]
    fn drafts_are_named_so_the_build_skips_them() {
        assert_eq!(
            draft_of(Path::new("content/news/a.md")),
            PathBuf::from("content/news/_a.md")
        );
        assert_eq!(
            draft_of(Path::new("content/news/_a.md")),
            PathBuf::from("content/news/_a.md")
        );
        assert_eq!(
            draft_of(Path::new("site.toml")),
            PathBuf::from("_site.toml")
        );
    }
}
