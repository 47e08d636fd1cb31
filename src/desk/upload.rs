//! Files dropped on the desk: a Word or text plan to import (its summary shown before it is
//! saved), an Excel or CSV file of figures to check (each refused cell shown before it is saved),
//! a photo for a news item (kept beside it, with the alt text and caption asked for).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;

use super::http::{MAX_BODY, Request};
use super::kinds::{Kind, Storage};
use super::located::Shown;
use crate::diagnostics::{Diagnostic, display_path};
use crate::locale::slugify;

/// A file sent with a form.
#[derive(Debug, Clone)]
pub struct Upload {
    /// Its name on the sender's machine.
    pub name: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

impl Upload {
    /// Its file name, without the folders some browsers send with it.
    pub fn file_name(&self) -> &str {
        self.name.rsplit(['/', '\\']).next().unwrap_or(&self.name)
    }
}

/// The fields and the (first) file of a `multipart/form-data` body.
#[derive(Debug, Default)]
pub struct Parts {
    /// Text fields.
    pub fields: Vec<(String, String)>,
    /// The file, if one was sent.
    pub file: Option<Upload>,
}

/// Reads a `multipart/form-data` body (with `multer`, the parser axum uses).
pub fn multipart(request: &Request) -> Result<Parts, Diagnostic> {
    let refuse =
        |reason: String| Diagnostic::error("desk_upload_unreadable", None).arg("reason", reason);
    let content_type = request.header("content-type").unwrap_or_default();
    let boundary = multer::parse_boundary(content_type).map_err(|e| refuse(e.to_string()))?;
    if request.body.len() > MAX_BODY {
        return Err(refuse(format!("> {} MB", MAX_BODY / 1024 / 1024)));
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| refuse(e.to_string()))?;
    let body = std::io::Cursor::new(request.body.as_slice());
    runtime.block_on(async move {
        let mut reader = multer::Multipart::with_reader(body, boundary);
        let mut parts = Parts::default();
        while let Some(field) = reader
            .next_field()
            .await
            .map_err(|e| refuse(e.to_string()))?
        {
            let name = field.name().unwrap_or_default().to_owned();
            let file_name = field.file_name().map(str::to_owned);
            let bytes = field.bytes().await.map_err(|e| refuse(e.to_string()))?;
            match file_name {
                Some(file_name) if parts.file.is_none() => {
                    parts.file = Some(Upload {
                        name: file_name,
                        bytes: bytes.to_vec(),
                    });
                }
                Some(_) => {}
                None => parts
                    .fields
                    .push((name, String::from_utf8_lossy(&bytes).into_owned())),
            }
        }
        Ok(parts)
    })
}

/// A file name as loa writes it: the slug of its stem and its extension in lower case.
fn clean_name(upload: &Upload, fallback: &str) -> (String, String) {
    let name = upload.file_name();
    let (stem, extension) = name.rsplit_once('.').unwrap_or((name, ""));
    let stem = match slugify(stem) {
        s if s.is_empty() => fallback.to_owned(),
        s => s.chars().take(60).collect(),
    };
    (stem, extension.to_ascii_lowercase())
}

/// A photo placed beside its item.
#[derive(Debug, Clone)]
pub struct PlacedPhoto {
    /// The file, from the site folder.
    pub file: PathBuf,
    /// How the item names it (relative to its own file).
    pub target: String,
    /// The alt text.
    pub alt: String,
    /// The caption.
    pub caption: String,
    /// Who took it.
    pub author: String,
}

/// Where a photo dropped on item `key` goes (`<folder>/anh/<item>-<n>.<ext>`), with the alt text
/// and caption the form asked for. A photo without alt text is refused.
pub fn place_photo(
    root: &Path,
    kind: &Kind,
    key: Option<&str>,
    values: &Value,
    upload: &Upload,
    pairs: &[(String, String)],
) -> Result<PlacedPhoto, Diagnostic> {
    let Storage::Files { dir } = kind.storage else {
        return Err(Diagnostic::error("desk_photo_kind", None));
    };
    let text = |name: &str| {
        crate::locale::text::normalize(
            pairs
                .iter()
                .find(|(n, _)| n == name)
                .map_or("", |(_, v)| v.as_str())
                .trim(),
        )
    };
    let alt = text("_anh_mo_ta");
    if alt.is_empty() {
        return Err(
            Diagnostic::error("desk_photo_alt_missing", None).arg("file", upload.name.clone())
        );
    }
    let item = match key {
        Some(k) if !k.is_empty() => k.trim_start_matches('_').to_owned(),
        _ => slugify(
            values
                .get("tieu_de")
                .and_then(Value::as_str)
                .unwrap_or("anh"),
        ),
    };
    let (_, extension) = clean_name(upload, "anh");
    let extension = match upload.bytes.get(..3) {
        Some([0xFF, 0xD8, 0xFF]) => "jpg".to_owned(),
        Some([0x89, b'P', b'N']) => "png".to_owned(),
        _ if extension.is_empty() => "bin".to_owned(),
        _ => extension,
    };
    let folder = Path::new(dir).join("anh");
    let mut n = 1;
    let file = loop {
        let candidate = folder.join(format!("{item}-{n}.{extension}"));
        if !root.join(&candidate).exists() {
            break candidate;
        }
        n += 1;
    };
    let target = format!(
        "anh/{}",
        file.file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default()
    );
    Ok(PlacedPhoto {
        file,
        target,
        alt,
        caption: text("_anh_chu_thich"),
        author: text("_anh_tac_gia"),
    })
}

/// Names a placed photo in the item: its lead photo when it has none, else a figure at the end
/// of its body.
pub fn use_photo(values: &mut Value, body: &mut String, photo: &PlacedPhoto) {
    let has_lead = values
        .get("anh")
        .and_then(Value::as_str)
        .is_some_and(|a| !a.is_empty());
    if !has_lead && values.get("anh").is_some() {
        values["anh"] = Value::String(photo.target.clone());
        values["mo_ta_anh"] = Value::String(photo.alt.clone());
        values["chu_thich"] = Value::String(photo.caption.clone());
        if !photo.author.is_empty() {
            values["tac_gia"] = Value::String(photo.author.clone());
        }
        return;
    }
    let title = if photo.caption.is_empty() {
        String::new()
    } else {
        format!(" \"{}\"", photo.caption.replace('"', "'"))
    };
    let alt = photo.alt.replace([']', '['], "");
    let trimmed = body.trim_end().to_owned();
    *body = format!("{trimmed}\n\n![{alt}]({}{title})\n", photo.target);
}

/// What an imported plan looks like before it is saved.
#[derive(Debug, Clone, Serialize)]
pub struct ImportResult {
    /// The document's name.
    pub source: String,
    /// Where the plan file would be written.
    #[serde(serialize_with = "as_display")]
    pub file: PathBuf,
    /// The plan file's text.
    pub text: String,
    /// The summary `loa import` prints (parts, units, targets, citations, unplaced text).
    pub summary: String,
    /// Warnings, each with its line in the document.
    pub warnings: Vec<Shown>,
    /// The registry entries it proposes, each to tick on the page.
    pub proposals: Vec<ProposalChoice>,
    /// The same, as they would be written.
    #[serde(skip)]
    pub proposed: crate::import::RegistryProposals,
}

/// A registry entry the page offers to add: its tick box's value, which registry, its name and
/// the line of the document it comes from.
#[derive(Debug, Clone, Serialize)]
pub struct ProposalChoice {
    /// `u0`, `l2`: a unit or a legal document, by number.
    pub value: String,
    /// `don-vi` or `van-ban`.
    pub registry: &'static str,
    /// As the document names it.
    pub name: String,
    /// The line in the document (0: not known).
    pub line: usize,
}

fn as_display<S: serde::Serializer>(path: &Path, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&display_path(path))
}

/// Runs `loa import` on a dropped document, without writing anything.
pub fn import_plan(root: &Path, upload: &Upload) -> Result<ImportResult, Diagnostic> {
    let site = crate::import::SiteData::read(root);
    let context = site.context();
    let source = PathBuf::from(upload.file_name());
    let imported = crate::import::import(&source, &upload.bytes, &context)?;
    let stem = imported.file_name.trim_end_matches(".md").to_owned();
    let mut name = stem.clone();
    let mut n = 2;
    while root
        .join("content/plans")
        .join(format!("{name}.md"))
        .exists()
    {
        name = format!("{stem}-{n}");
        n += 1;
    }
    Ok(ImportResult {
        source: display_path(&source),
        file: Path::new("content/plans").join(format!("{name}.md")),
        summary: crate::import::report::summary(&imported, &display_path(&source)),
        warnings: imported
            .warnings
            .sorted()
            .into_iter()
            .map(Shown::of)
            .collect(),
        proposals: imported
            .proposed_units
            .iter()
            .enumerate()
            .map(|(i, u)| ProposalChoice {
                value: format!("u{i}"),
                registry: "don-vi",
                name: u.name.clone(),
                line: u.source_line,
            })
            .chain(
                imported
                    .proposed_legal
                    .iter()
                    .enumerate()
                    .map(|(i, d)| ProposalChoice {
                        value: format!("l{i}"),
                        registry: "van-ban",
                        name: d.cited_as.clone(),
                        line: d.source_line,
                    }),
            )
            .collect(),
        proposed: crate::import::RegistryProposals {
            units: imported.proposed_units,
            legal: imported.proposed_legal,
            source: upload.file_name().to_owned(),
        },
        text: imported.text,
    })
}

/// A cell of a figures file that the check refused.
#[derive(Debug, Clone, Serialize)]
pub struct RefusedCell {
    /// `B7` in a workbook, `dòng 7` in a CSV file.
    pub cell: String,
    /// What the cell holds.
    pub value: String,
    /// Why it is refused.
    pub reason: String,
    /// What to do.
    pub hint: String,
    /// An error (the file is refused) or a warning.
    pub error: bool,
}

/// The check of a dropped figures file.
#[derive(Debug, Clone, Serialize)]
pub struct FiguresResult {
    /// Where it would be written (`data/stats/<name>`).
    pub file: String,
    /// Its refused cells and other problems.
    pub cells: Vec<RefusedCell>,
    /// Whether any is an error (then it cannot be saved).
    pub has_errors: bool,
}

/// Checks a dropped CSV or Excel file of figures as the build would, with the rest of the site,
/// without keeping it.
pub fn check_figures(
    root: &Path,
    date: NaiveDate,
    upload: &Upload,
    lock: &std::sync::Mutex<()>,
) -> Result<FiguresResult, Diagnostic> {
    let (stem, extension) = clean_name(upload, "so-lieu");
    if !["csv", "xlsx", "xls", "ods"].contains(&extension.as_str()) {
        return Err(Diagnostic::error("desk_figures_kind", None).arg("file", upload.name.clone()));
    }
    let file = Path::new(crate::load::stats::STATS_DIR).join(format!("{stem}.{extension}"));
    let diagnostics =
        super::store::trial(root, date, &[(file.clone(), upload.bytes.clone())], lock)?;
    let shown_path = display_path(&file);
    let cells: Vec<RefusedCell> = diagnostics
        .sorted()
        .into_iter()
        .filter_map(|d| {
            let location = d.location.as_ref()?;
            let path = display_path(&location.file);
            // A workbook's cells are named `file!sheet!B7`; a CSV file's by line.
            let cell = match path.strip_prefix(&shown_path) {
                Some("") => {
                    crate::messages::text("desk_csv_line", &[("line", location.line.to_string())])
                        .vi
                }
                Some(rest) if rest.starts_with('!') => rest[1..].to_owned(),
                _ => return None,
            };
            let text = d.text();
            Some(RefusedCell {
                cell,
                value: d
                    .args
                    .iter()
                    .find(|(k, _)| *k == "value")
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default(),
                reason: text.vi.replace('`', "\""),
                hint: text.hint_vi.unwrap_or_default().replace('`', "\""),
                error: d.is_error(),
            })
        })
        .collect();
    Ok(FiguresResult {
        file: display_path(&file),
        has_errors: cells.iter().any(|c| c.error),
        cells,
    })
}

/// The Markdown body as HTML for the editor's preview (raw HTML shown as text).
pub fn preview_html(markdown: &str) -> String {
    use pulldown_cmark::{Event, Options, Parser, html};
    let parser = Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    )
    .map(|event| match event {
        Event::Html(text) | Event::InlineHtml(text) => Event::Text(text),
        other => other,
    });
    let mut out = String::new();
    html::push_html(&mut out, parser);
    out
}
