//! What changed between a built site and what its destination holds, and the order of the steps
//! that keeps the live site whole at every moment.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::journal::{Journal, journal_path};
use super::manifest::{MANIFEST_NAME, Manifest, sha256_hex};
use super::{Destination, Transport, TransportError};
use crate::diagnostics::Diagnostic;

/// One file in a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Path relative to the site's root (`tin-tuc/abc/index.html`).
    pub path: String,
    /// Size in bytes (of the new file; of the old one for a removal).
    pub size: u64,
}

/// One step of a publish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Send a file.
    Send {
        /// Path.
        path: String,
        /// SHA-256 the file must still have.
        sha256: String,
        /// Size.
        size: u64,
    },
    /// Remove a file the site no longer has.
    Remove {
        /// Path.
        path: String,
    },
}

/// What a publish will do. Made by [`super::plan`]; a dry run shows it and stops.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Where.
    pub destination: Destination,
    /// Files the destination does not have.
    pub added: Vec<Change>,
    /// Files whose content differs.
    pub changed: Vec<Change>,
    /// Files loa published there earlier that the site no longer has (removed last).
    pub removed: Vec<Change>,
    /// Files already there, unchanged.
    pub unchanged: usize,
    /// Steps an interrupted publish already did (its uploads are not sent again).
    pub resumed: usize,
    pub(crate) root: PathBuf,
    pub(crate) output: PathBuf,
    pub(crate) journal: PathBuf,
    pub(crate) new: Manifest,
    pub(crate) old: Option<Manifest>,
    /// Digest of the destination's manifest as read ("none" when it had none).
    pub(crate) base: String,
}

/// Reads the destination's manifest: the manifest (if any) and the digest of its bytes.
pub(crate) fn read_remote(
    transport: &mut dyn Transport,
    destination: &Destination,
) -> Result<(Option<Manifest>, String), Diagnostic> {
    let bytes = transport.read(MANIFEST_NAME).map_err(|e| {
        let reason = match e {
            TransportError::Unreachable(r)
            | TransportError::LoginRefused(r)
            | TransportError::HostKeyChanged(r)
            | TransportError::Untrusted(r)
            | TransportError::Failed(r) => r,
        };
        Diagnostic::error("publish_step_failed", destination.location.clone())
            .arg("destination", destination.label())
            .arg("path", MANIFEST_NAME)
            .arg("reason", reason)
    })?;
    match bytes {
        None => Ok((None, "none".to_owned())),
        Some(bytes) => {
            let manifest = Manifest::parse(&bytes).ok_or_else(|| {
                Diagnostic::error("publish_manifest_invalid", destination.location.clone())
                    .arg("destination", destination.label())
                    .arg("manifest", MANIFEST_NAME)
            })?;
            Ok((Some(manifest), sha256_hex(&bytes)))
        }
    }
}

/// Compares the built site with what the destination holds.
pub(crate) fn prepare(
    root: &Path,
    output: &Path,
    destination: &Destination,
    transport: &mut dyn Transport,
    new: Manifest,
) -> Result<Plan, Diagnostic> {
    let (old, base) = read_remote(transport, destination)?;
    let journal_file = journal_path(root, &destination.label());
    let journal = Journal::load(&journal_file, &base);
    // What the destination holds now: its manifest with an interrupted publish's confirmed
    // uploads and removals applied.
    let mut before = old.clone().unwrap_or_default();
    for (path, (sha256, size)) in &journal.sent {
        before.files.insert(
            path.clone(),
            super::manifest::Entry {
                sha256: sha256.clone(),
                size: *size,
            },
        );
    }
    for path in &journal.removed {
        before.files.remove(path);
    }
    let mut plan = Plan {
        destination: destination.clone(),
        added: Vec::new(),
        changed: Vec::new(),
        removed: Vec::new(),
        unchanged: 0,
        resumed: journal.sent.len() + journal.removed.len(),
        root: root.to_path_buf(),
        output: output.to_path_buf(),
        journal: journal_file,
        new: Manifest::default(),
        old: old.clone(),
        base,
    };
    for (path, entry) in &new.files {
        let change = Change {
            path: path.clone(),
            size: entry.size,
        };
        match before.files.get(path) {
            Some(was) if was.sha256 == entry.sha256 => plan.unchanged += 1,
            Some(_) => plan.changed.push(change),
            None => plan.added.push(change),
        }
    }
    for (path, entry) in &before.files {
        if !new.files.contains_key(path) {
            plan.removed.push(Change {
                path: path.clone(),
                size: entry.size,
            });
        }
    }
    plan.new = new;
    Ok(plan)
}

/// Pages are `.html` files; everything else (styles, scripts, photos, PDFs, feeds) goes first.
fn is_page(path: &str) -> bool {
    path.ends_with(".html")
}

fn depth(path: &str) -> usize {
    path.matches('/').count()
}

impl Plan {
    /// Whether the destination already holds exactly this site, its manifest included (an
    /// interrupted publish that sent everything still has the manifest to write).
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.changed.is_empty()
            && self.removed.is_empty()
            && !self.manifest_needed()
    }

    /// Bytes of the files to send (added and changed).
    pub fn bytes_to_send(&self) -> u64 {
        self.added.iter().chain(&self.changed).map(|c| c.size).sum()
    }

    /// The steps still to do, in the safe order:
    /// 1. new and changed files that are not pages (a page sent later finds them there);
    /// 2. new pages, then changed pages, deepest first (an item before its section's index, which
    ///    links to it), the home page `index.html` very last;
    /// 3. removals of files the site no longer has (no page sent links to them any more);
    ///
    /// then the manifest ([`super::publish_with`]). What an interrupted publish already did is not
    /// in the plan (it was compared with the destination as that publish left it).
    pub fn steps(&self) -> Vec<Step> {
        let added: BTreeSet<&str> = self.added.iter().map(|c| c.path.as_str()).collect();
        let mut sends: Vec<&Change> = self.added.iter().chain(&self.changed).collect();
        let class = |path: &str| match (is_page(path), path == "index.html") {
            (false, _) => 0,
            (true, true) => 3,
            (true, false) if added.contains(path) => 1,
            (true, false) => 2,
        };
        sends.sort_by(|a, b| {
            class(&a.path)
                .cmp(&class(&b.path))
                .then(depth(&b.path).cmp(&depth(&a.path)))
                .then(a.path.cmp(&b.path))
        });
        let mut steps: Vec<Step> = sends
            .into_iter()
            .map(|c| Step::Send {
                path: c.path.clone(),
                sha256: self.new.files[&c.path].sha256.clone(),
                size: c.size,
            })
            .collect();
        let mut removals: Vec<&Change> = self.removed.iter().collect();
        removals.sort_by(|a, b| {
            let page = |p: &str| is_page(p) as u8;
            // Pages first (nothing links to a removed page's files once it is gone), deepest first.
            page(&b.path)
                .cmp(&page(&a.path))
                .then(depth(&b.path).cmp(&depth(&a.path)))
                .then(a.path.cmp(&b.path))
        });
        steps.extend(removals.into_iter().map(|c| Step::Remove {
            path: c.path.clone(),
        }));
        steps
    }

    /// Folders that held removed files and hold none of the new site's files, deepest first.
    pub(crate) fn emptied_folders(&self) -> Vec<String> {
        let mut kept = BTreeSet::new();
        for path in self.new.files.keys() {
            let mut at = path.as_str();
            while let Some((parent, _)) = at.rsplit_once('/') {
                kept.insert(parent.to_owned());
                at = parent;
            }
        }
        let mut emptied = BTreeSet::new();
        for change in &self.removed {
            let mut at = change.path.as_str();
            while let Some((parent, _)) = at.rsplit_once('/') {
                if !kept.contains(parent) {
                    emptied.insert(parent.to_owned());
                }
                at = parent;
            }
        }
        let mut emptied: Vec<String> = emptied.into_iter().collect();
        emptied.sort_by(|a, b| depth(b).cmp(&depth(a)).then(a.cmp(b)));
        emptied
    }

    /// Whether the destination's manifest must be (re)written.
    pub(crate) fn manifest_needed(&self) -> bool {
        self.old.as_ref() != Some(&self.new)
    }
}
