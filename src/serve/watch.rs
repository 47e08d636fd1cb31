//! What `loa serve` watches: which changed paths are sources, and which changes are real edits
//! (not the events a build itself causes).

use std::path::{Path, PathBuf};

/// Site-relative paths of the changed files (`content/news/x.md`).
pub(super) fn relative_paths(root: &Path, paths: &[PathBuf]) -> Vec<PathBuf> {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    paths
        .iter()
        .filter_map(|p| {
            let p = p
                .parent()
                .and_then(|parent| parent.canonicalize().ok())
                .and_then(|parent| p.file_name().map(|f| parent.join(f)))
                .unwrap_or_else(|| p.clone());
            p.strip_prefix(&root).ok().map(Path::to_path_buf)
        })
        .collect()
}

/// Size and modification time of each source file, to tell real edits from the events a build
/// itself causes (reading a file is an event too on some systems).
pub(super) type Stamps = std::collections::BTreeMap<PathBuf, Option<(std::time::SystemTime, u64)>>;

fn stamp(path: &Path) -> Option<(std::time::SystemTime, u64)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

/// Stamps of every source file under `root`.
pub(super) fn source_stamps(root: &Path) -> Stamps {
    let mut stamps = Stamps::new();
    for folder in ["content", "data", "themes"] {
        for e in walkdir::WalkDir::new(root.join(folder))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
        {
            if let Ok(relative) = e.path().strip_prefix(root) {
                stamps.insert(relative.to_path_buf(), stamp(e.path()));
            }
        }
    }
    stamps.insert(PathBuf::from("site.toml"), stamp(&root.join("site.toml")));
    stamps
}

/// Keeps the files among `relative` whose size, time or existence changed since last seen.
pub(super) fn really_changed(
    root: &Path,
    relative: Vec<PathBuf>,
    stamps: &mut Stamps,
) -> Vec<PathBuf> {
    relative
        .into_iter()
        .filter(|p| !root.join(p).is_dir())
        .filter(|p| {
            let now = stamp(&root.join(p));
            let before = stamps.insert(p.clone(), now);
            before.flatten() != now
        })
        .collect()
}

/// Whether a change matters to the build (not the output folder, not editor swap files).
pub(super) fn is_source(relative: &Path) -> bool {
    let name = relative
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") {
        return false;
    }
    let first = relative
        .components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .unwrap_or_default();
    matches!(first.as_str(), "content" | "data" | "themes") || relative == Path::new("site.toml")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_sources_trigger_a_rebuild() {
        assert!(is_source(Path::new("content/news/a.md")));
        assert!(is_source(Path::new("site.toml")));
        assert!(is_source(Path::new("themes/default/templates/base.html")));
        assert!(!is_source(Path::new("output/index.html")));
        assert!(!is_source(Path::new(".output.loa-1/x.html")));
        assert!(!is_source(Path::new("content/news/.a.md.swp")));
    }
}
