//! The site boundary: content, data and the theme are read only from inside the site folder. A
//! link (symlink) that leads out of it is an error naming the link, and its target is never read.

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics, Location, display_path};

/// Where `root/relative` really is, when that is outside the site folder `root` (links
/// resolved). `None` when it is inside, or does not exist.
pub fn outside(root: &Path, relative: &Path) -> Option<PathBuf> {
    let site = root.canonicalize().ok()?;
    let target = root.join(relative).canonicalize().ok()?;
    (!target.starts_with(&site)).then_some(target)
}

/// The error for `relative` (as named in the site), which leads to `target` outside it.
pub fn outside_error(location: Location, relative: &Path, target: &Path) -> Diagnostic {
    Diagnostic::error("path_outside_site", Some(location))
        .arg("path", display_path(relative))
        .arg("target", display_path(target))
}

/// Reports every link among `site.toml`, `content/`, `data/` and `themes/<theme>/` that leads
/// out of the site folder, each located at the link.
pub fn check_links(root: &Path, theme: &str, diagnostics: &mut Diagnostics) {
    let Ok(site) = root.canonicalize() else {
        return;
    };
    let theme_dir = Path::new("themes").join(theme);
    let mut starts: Vec<PathBuf> = vec!["site.toml".into(), "content".into(), "data".into()];
    // A theme name that is not a folder of `themes/`, or a theme folder that is itself a link
    // out of the site, is reported at `giao_dien` (by the theme loader), not here.
    if super::theme::is_folder_name(theme) && outside(root, &theme_dir).is_none() {
        starts.push(theme_dir);
    }
    for start in starts {
        for entry in walkdir::WalkDir::new(root.join(&start))
            .follow_root_links(false)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.path_is_symlink())
        {
            let Ok(target) = entry.path().canonicalize() else {
                continue; // a broken link names nothing to read
            };
            if target.starts_with(&site) {
                continue;
            }
            let relative = entry.path().strip_prefix(root).unwrap_or(entry.path());
            diagnostics.push(outside_error(Location::file(relative), relative, &target));
        }
    }
}
