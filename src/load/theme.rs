//! The theme: the built-in default (compiled into the binary) overlaid by the site's own
//! `themes/<name>/templates` and `themes/<name>/static` files of the same names.

use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::model::ThemeFiles;

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

fn embedded(dir: &Dir<'static>, out: &mut Vec<(String, Vec<u8>)>) {
    for file in dir.files() {
        out.push((
            file.path().to_string_lossy().replace('\\', "/"),
            file.contents().to_vec(),
        ));
    }
    for sub in dir.dirs() {
        embedded(sub, out);
    }
}

fn on_disk(
    folder: &Path,
    out: &mut Vec<(String, Vec<u8>)>,
    diagnostics: &mut Diagnostics,
    root: &Path,
) {
    if !folder.is_dir() {
        return;
    }
    for entry in walkdir::WalkDir::new(folder)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
    {
        let Ok(relative) = entry.path().strip_prefix(folder) else {
            continue;
        };
        let name = relative.to_string_lossy().replace('\\', "/");
        match std::fs::read(entry.path()) {
            Ok(bytes) => {
                out.retain(|(n, _)| *n != name);
                out.push((name, bytes));
            }
            Err(e) => diagnostics.push(
                Diagnostic::error(
                    "io_read",
                    Some(crate::diagnostics::Location::file(
                        entry.path().strip_prefix(root).unwrap_or(entry.path()),
                    )),
                )
                .arg("reason", e.to_string()),
            ),
        }
    }
}

/// Whether `name` names a folder directly inside `themes/` (no separator, not `.` or `..`).
pub fn is_folder_name(name: &str) -> bool {
    !name.is_empty()
        && name != "."
        && name != ".."
        && !name.contains(['/', '\\', ':'])
        && !Path::new(name).has_root()
}

/// The site's own theme folder (relative to the site) for `name`, or the error to report at
/// `at` (the `giao_dien` line of site.toml): a name that is not a folder of `themes/`, a folder
/// that leads out of the site, or a missing folder for any theme but `default` (built in).
fn own_folder(root: &Path, name: &str, at: &Location) -> Result<Option<PathBuf>, Diagnostic> {
    if !is_folder_name(name) {
        return Err(Diagnostic::error("theme_name_invalid", Some(at.clone()))
            .field("giao_dien")
            .arg("value", name.to_owned()));
    }
    let relative = Path::new("themes").join(name);
    if !root.join(&relative).is_dir() {
        if name == "default" {
            return Ok(None);
        }
        let mut known: Vec<String> = std::fs::read_dir(root.join("themes"))
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| e.path().is_dir())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        known.push("default".to_owned());
        known.sort();
        known.dedup();
        return Err(Diagnostic::error("theme_missing", Some(at.clone()))
            .field("giao_dien")
            .arg("value", name.to_owned())
            .arg("known", known.join(", ")));
    }
    if let Some(target) = super::confine::outside(root, &relative) {
        return Err(
            super::confine::outside_error(at.clone(), &relative, &target).field("giao_dien"),
        );
    }
    Ok(Some(relative))
}

/// Loads the theme named in site.toml (`at`: where it is named).
pub fn load(root: &Path, name: &str, at: Location, diagnostics: &mut Diagnostics) -> ThemeFiles {
    let mut files = Vec::new();
    embedded(&DEFAULT_THEME, &mut files);
    match own_folder(root, name, &at) {
        Ok(Some(folder)) => on_disk(&root.join(folder), &mut files, diagnostics, root),
        Ok(None) => {}
        Err(d) => diagnostics.push(d),
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));

    let mut theme = ThemeFiles::default();
    for (path, bytes) in files {
        if let Some(template) = path.strip_prefix("templates/") {
            let shown = local_path(root, name, &path);
            match String::from_utf8(bytes) {
                Ok(text) => theme.templates.push((template.to_owned(), shown, text)),
                Err(_) => diagnostics.push(
                    Diagnostic::error(
                        "encoding_invalid",
                        Some(crate::diagnostics::Location::file(shown)),
                    )
                    .arg("offset", "0"),
                ),
            }
        } else if let Some(print) = path.strip_prefix("print/") {
            let shown = local_path(root, name, &path);
            match String::from_utf8(bytes) {
                Ok(text) => theme.print.push((print.to_owned(), shown, text)),
                Err(_) => diagnostics.push(
                    Diagnostic::error(
                        "encoding_invalid",
                        Some(crate::diagnostics::Location::file(shown)),
                    )
                    .arg("offset", "0"),
                ),
            }
        } else if let Some(asset) = path.strip_prefix("static/") {
            theme.static_files.push((asset.to_owned(), bytes));
        }
    }
    theme
}

/// The path a template is shown under in messages: the site's own file when it exists.
fn local_path(root: &Path, theme: &str, path: &str) -> PathBuf {
    let local = Path::new("themes").join(theme).join(path);
    if is_folder_name(theme) && root.join(&local).exists() {
        local
    } else {
        Path::new("themes/default").join(path)
    }
}
