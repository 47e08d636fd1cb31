//! The theme: the built-in default (compiled into the binary) overlaid by the site's own
//! `themes/<name>/templates` and `themes/<name>/static` files of the same names.

use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use crate::diagnostics::{Diagnostic, Diagnostics};
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

/// Loads the theme named in site.toml.
pub fn load(root: &Path, name: &str, diagnostics: &mut Diagnostics) -> ThemeFiles {
    let mut files = Vec::new();
    embedded(&DEFAULT_THEME, &mut files);
    on_disk(
        &root.join("themes").join(name),
        &mut files,
        diagnostics,
        root,
    );
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
    if root.join(&local).exists() {
        local
    } else {
        Path::new("themes/default").join(path)
    }
}
