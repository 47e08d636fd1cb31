//! Changes to the site folder, checked with the whole site before they stay: a save replaces a
//! file only if the site still builds (else the text is kept as a draft beside it, `_name.md`,
//! skipped by the build like every name starting with `_`), a removal happens only if nothing
//! still needs the item, a dropped figures file is tried and put back. Every write is atomic and
//! confined to the site folder; what is replaced or removed is copied under `.loa/` first.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::kinds::{Kind, Storage};
use super::store::{Candidate, draft_of, file_of, is_draft_file, parse, read_text};
use crate::diagnostics::{Diagnostic, Diagnostics};

/// Writes a file through a temporary file in its folder (never half a file), inside `root`.
pub fn write_atomic(root: &Path, relative: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    use std::io::Write as _;
    let error = |e: std::io::Error| {
        Diagnostic::error("output_error", None)
            .arg("path", crate::diagnostics::display_path(relative))
            .arg("reason", e.to_string())
    };
    if relative.is_absolute()
        || relative
            .components()
            .any(|c| !matches!(c, std::path::Component::Normal(_)))
    {
        return Err(Diagnostic::error("desk_outside", None)
            .arg("path", crate::diagnostics::display_path(relative)));
    }
    let path = root.join(relative);
    let dir = path.parent().unwrap_or(root);
    std::fs::create_dir_all(dir).map_err(error)?;
    // A folder on the way that leads out of the site (a link) is refused.
    if crate::load::confine::outside(root, relative.parent().unwrap_or(Path::new(""))).is_some() {
        return Err(Diagnostic::error("desk_outside", None)
            .arg("path", crate::diagnostics::display_path(relative)));
    }
    let mut temp = tempfile::NamedTempFile::new_in(dir).map_err(error)?;
    temp.write_all(bytes).map_err(error)?;
    temp.persist(&path).map_err(|e| error(e.error))?;
    Ok(())
}

/// Writes `files` into the site folder (`None`: removes the file), checks the whole site
/// (`build::check`), and puts back what they replaced unless `keep` accepts the diagnostics.
/// Runs with `lock` held, so no rebuild of the preview reads the site meanwhile.
fn check_with(
    root: &Path,
    date: NaiveDate,
    files: &[(PathBuf, Option<Vec<u8>>)],
    lock: &std::sync::Mutex<()>,
    keep: impl FnOnce(&Diagnostics) -> bool,
) -> Result<(Diagnostics, bool), Diagnostic> {
    let _guard = lock
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let old: Vec<Option<Vec<u8>>> = files
        .iter()
        .map(|(p, _)| std::fs::read(root.join(p)).ok())
        .collect();
    for (path, bytes) in files {
        put(root, path, bytes.as_deref())?;
    }
    let mut diagnostics = Diagnostics::new();
    let _ = crate::build::check(root, date, &mut diagnostics);
    let kept = keep(&diagnostics);
    if !kept {
        for ((path, _), old) in files.iter().zip(old) {
            put(root, path, old.as_deref())?;
        }
    }
    Ok((diagnostics, kept))
}

/// Writes `bytes` to `relative`, or removes it for `None`.
fn put(root: &Path, relative: &Path, bytes: Option<&[u8]>) -> Result<(), Diagnostic> {
    match bytes {
        Some(bytes) => write_atomic(root, relative, bytes),
        None => match std::fs::remove_file(root.join(relative)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                Err(Diagnostic::error("output_error", None)
                    .arg("path", crate::diagnostics::display_path(relative))
                    .arg("reason", e.to_string()))
            }
            _ => Ok(()),
        },
    }
}

/// Where the text a save replaces is kept, in case the machine stops in the middle.
const BEFORE_SAVE: &str = ".loa/ban-lam-viec/truoc-khi-luu";

/// The problems of `after` that `known` (the preview's last build) did not have, or that are in
/// `file`: what a change brought.
fn brought<'a>(
    after: &'a Diagnostics,
    known: &[Diagnostic],
    file: &'a Path,
) -> impl Iterator<Item = &'a Diagnostic> {
    let key = |d: &Diagnostic| format!("{}|{:?}", d.code, d.args);
    let baseline: std::collections::BTreeSet<String> = known.iter().map(key).collect();
    after.iter().filter(move |d| {
        !baseline.contains(&key(d)) || d.location.as_ref().is_some_and(|l| l.file == file)
    })
}

/// The errors among [`brought`]: what refuses a change.
fn new_errors<'a>(
    after: &'a Diagnostics,
    known: &[Diagnostic],
    file: &'a Path,
) -> impl Iterator<Item = &'a Diagnostic> {
    brought(after, known, file).filter(|d| d.is_error())
}

/// The diagnostics the build would report with `files` written; the site folder is left as it
/// was.
pub fn trial(
    root: &Path,
    date: NaiveDate,
    files: &[(PathBuf, Vec<u8>)],
    lock: &std::sync::Mutex<()>,
) -> Result<Diagnostics, Diagnostic> {
    let files: Vec<(PathBuf, Option<Vec<u8>>)> = files
        .iter()
        .map(|(path, bytes)| (path.clone(), Some(bytes.clone())))
        .collect();
    check_with(root, date, &files, lock, |_| false).map(|(diagnostics, _)| diagnostics)
}

/// The outcome of a save.
#[derive(Debug)]
pub enum Saved {
    /// The text is the file's own: nothing was written.
    Unchanged,
    /// Written; the site builds.
    Written,
    /// Kept as a draft; the file and the served site are unchanged.
    Draft {
        /// Where the draft is.
        draft: PathBuf,
        /// Why (new errors, located).
        problems: Diagnostics,
    },
}

/// Replaces `candidate.file` with `candidate.text` (and writes `extra`, a photo it names) if the
/// whole site still builds: no error in the file, and none elsewhere that `known` (the problems of
/// the preview's last build) did not have. Else keeps the text as a draft beside the file and
/// leaves everything as it was.
pub fn save(
    root: &Path,
    date: NaiveDate,
    candidate: &Candidate,
    extra: &[(PathBuf, Vec<u8>)],
    known: &[Diagnostic],
    lock: &std::sync::Mutex<()>,
) -> Result<Saved, Diagnostic> {
    let old = std::fs::read(root.join(&candidate.file)).ok();
    if extra.is_empty() && old.as_deref() == Some(candidate.text.as_bytes()) {
        return Ok(Saved::Unchanged);
    }
    let files: Vec<(PathBuf, Option<Vec<u8>>)> = (extra.iter().cloned())
        .chain([(candidate.file.clone(), candidate.text.clone().into_bytes())])
        .map(|(path, bytes)| (path, Some(bytes)))
        .collect();
    // A copy of what is replaced, in case the machine stops in the middle.
    for (file, _) in &files {
        if let Ok(old) = std::fs::read(root.join(file)) {
            write_atomic(root, &Path::new(BEFORE_SAVE).join(file), &old)?;
        }
    }
    let (after, kept) = check_with(root, date, &files, lock, |after| {
        new_errors(after, known, &candidate.file).next().is_none()
    })?;
    if kept {
        let _ = std::fs::remove_file(root.join(draft_of(&candidate.file)));
        return Ok(Saved::Written);
    }
    let mut problems = Diagnostics::new();
    new_errors(&after, known, &candidate.file).for_each(|d| problems.push(d.clone()));
    let draft = draft_of(&candidate.file);
    write_atomic(root, &draft, candidate.text.as_bytes())?;
    Ok(Saved::Draft { draft, problems })
}

/// Where removed files are kept, in case they are wanted back.
pub const REMOVED: &str = ".loa/ban-lam-viec/da-xoa";

/// The outcome of a removal.
#[derive(Debug)]
pub enum Removed {
    /// Removed; the previous file is kept under [`REMOVED`].
    Done {
        /// The copy of the file as it was.
        kept: PathBuf,
        /// Warnings it brought (a plan names a unit no longer in the registry).
        warnings: Diagnostics,
    },
    /// Not removed: the site would not build without it (a plan still names the unit).
    Refused {
        /// The errors it would bring, located.
        problems: Diagnostics,
    },
}

/// Removes item `key`: a file (news, plan, draft ...) or an entry of a registry file, if the
/// whole site still builds without it. A copy of the file as it was is kept under [`REMOVED`]
/// first. A draft (`_name`) is removed without a check: the build never reads it.
pub fn remove(
    root: &Path,
    date: NaiveDate,
    kind: &Kind,
    key: &str,
    known: &[Diagnostic],
    lock: &std::sync::Mutex<()>,
) -> Result<Removed, Diagnostic> {
    let not_found = || Diagnostic::error("desk_not_found", None).arg("key", key);
    let (relative, after): (PathBuf, Option<Vec<u8>>) = match kind.storage {
        Storage::Files { .. } => {
            let relative = file_of(kind, key).ok_or_else(not_found)?;
            if !root.join(&relative).is_file() {
                return Err(not_found());
            }
            (relative, None)
        }
        Storage::Entries { file, table } => {
            let relative = PathBuf::from(file);
            let mut doc = parse(&relative, &read_text(root, &relative)?)?;
            let index: usize = key.parse().map_err(|_| not_found())?;
            let entries = doc
                .get_mut(table)
                .and_then(|t| t.as_array_of_tables_mut())
                .filter(|a| index < a.len())
                .ok_or_else(not_found)?;
            entries.remove(index);
            (relative, Some(doc.to_string().into_bytes()))
        }
        Storage::Single { .. } => return Err(not_found()),
    };
    let old = std::fs::read(root.join(&relative)).map_err(|e| {
        Diagnostic::error("output_error", None)
            .arg("path", crate::diagnostics::display_path(&relative))
            .arg("reason", e.to_string())
    })?;
    // Each removal keeps its own copy: `da-xoa/1/data/units.toml`, then `da-xoa/2/...`.
    let kept = (1..)
        .map(|n| Path::new(REMOVED).join(n.to_string()).join(&relative))
        .find(|p| !root.join(p).exists())
        .unwrap_or_else(|| Path::new(REMOVED).join(&relative));
    write_atomic(root, &kept, &old)?;
    if is_draft_file(&relative) {
        put(root, &relative, None)?;
        return Ok(Removed::Done {
            kept,
            warnings: Diagnostics::new(),
        });
    }
    let files = [(relative.clone(), after)];
    // Only errors the removal brings refuse it (a known one elsewhere in the registry does not).
    let nowhere = Path::new("");
    let (checked, done) = check_with(root, date, &files, lock, |checked| {
        new_errors(checked, known, nowhere).next().is_none()
    })?;
    if done {
        let mut warnings = Diagnostics::new();
        brought(&checked, known, nowhere)
            .filter(|d| !d.is_error())
            .for_each(|d| warnings.push(d.clone()));
        return Ok(Removed::Done { kept, warnings });
    }
    let _ = std::fs::remove_file(root.join(&kept));
    let mut problems = Diagnostics::new();
    new_errors(&checked, known, nowhere).for_each(|d| problems.push(d.clone()));
    Ok(Removed::Refused { problems })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_never_leave_the_site_folder() {
        assert!(write_atomic(Path::new("/tmp"), Path::new("../x"), b"").is_err());
        assert!(write_atomic(Path::new("/tmp"), Path::new("/etc/x"), b"").is_err());
    }
}
