//! Resuming: every upload and removal the destination confirmed is appended to a journal in the
//! site folder (`.loa/xuat-ban/<destination>.txt`) at once. The journal belongs to one state of
//! the destination: its first line is the digest of the manifest the destination held when the
//! publish started. A publish run again while the destination still holds that manifest (the
//! interrupted one never got to write its new manifest) takes the destination to hold that
//! manifest with the journal's uploads and removals applied, and plans against that: a file the
//! journal says was sent with the same content is not sent again, a removal done is not done
//! again, and a file changed back or restored since is sent. A finished publish deletes its
//! journal; a journal from another state of the destination is ignored.
//!
//! Why a local journal and not a remote manifest rewritten after each batch: the remote
//! manifest says what the live site *is* and is written once, last, so another office machine
//! never takes a half-sent site for a finished one; a journal costs one appended line per file.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Folder of the journals, relative to the site folder (inside the git-ignored `.loa/`).
pub const JOURNAL_DIR: &str = ".loa/xuat-ban";

const HEADER: &str = "loa-xuat-ban 1";

/// The journal of one destination.
#[derive(Debug)]
pub struct Journal {
    path: PathBuf,
    base: String,
    /// Path -> SHA-256 and size of what the destination confirmed receiving.
    pub sent: BTreeMap<String, (String, u64)>,
    /// Paths the destination confirmed removing.
    pub removed: BTreeSet<String>,
    file: Option<std::fs::File>,
}

/// The journal file of a destination (named by the digest of its label, never its password).
pub fn journal_path(root: &Path, destination_label: &str) -> PathBuf {
    let digest = super::manifest::sha256_hex(destination_label.as_bytes());
    root.join(JOURNAL_DIR)
        .join(format!("{}.txt", &digest[..16]))
}

impl Journal {
    /// Reads the journal at `path` if it belongs to the destination state `base`; otherwise an
    /// empty journal (the file is replaced on the first record).
    pub fn load(path: &Path, base: &str) -> Journal {
        let mut journal = Journal {
            path: path.to_path_buf(),
            base: base.to_owned(),
            sent: BTreeMap::new(),
            removed: BTreeSet::new(),
            file: None,
        };
        let Ok(text) = std::fs::read_to_string(path) else {
            return journal;
        };
        let mut lines = text.lines();
        if lines.next() != Some(&format!("{HEADER} {base}")) {
            return journal;
        }
        for line in lines {
            if let Some(rest) = line.strip_prefix("+ ")
                && let Some((sha, rest)) = rest.split_once(' ')
                && let Some((size, path)) = rest.split_once(' ')
                && let Ok(size) = size.parse()
            {
                journal.removed.remove(path);
                journal.sent.insert(path.to_owned(), (sha.to_owned(), size));
            } else if let Some(path) = line.strip_prefix("- ") {
                journal.sent.remove(path);
                journal.removed.insert(path.to_owned());
            }
        }
        journal
    }

    fn append(&mut self, line: &str) -> std::io::Result<()> {
        if self.file.is_none() {
            if let Some(parent) = self.path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            let keep = !self.sent.is_empty() || !self.removed.is_empty();
            let mut file = std::fs::OpenOptions::new()
                .create(true)
                .append(keep)
                .write(true)
                .truncate(!keep)
                .open(&self.path)?;
            if !keep {
                writeln!(file, "{HEADER} {}", self.base)?;
            }
            self.file = Some(file);
        }
        let file = self.file.as_mut().expect("opened above");
        writeln!(file, "{line}")?;
        file.flush()
    }

    /// Records an upload the destination confirmed.
    pub fn record_sent(&mut self, path: &str, sha256: &str, size: u64) -> std::io::Result<()> {
        self.append(&format!("+ {sha256} {size} {path}"))?;
        self.removed.remove(path);
        self.sent.insert(path.to_owned(), (sha256.to_owned(), size));
        Ok(())
    }

    /// Records a removal the destination confirmed.
    pub fn record_removed(&mut self, path: &str) -> std::io::Result<()> {
        self.append(&format!("- {path}"))?;
        self.sent.remove(path);
        self.removed.insert(path.to_owned());
        Ok(())
    }

    /// The publish finished: the journal is no longer needed.
    pub fn finish(self) {
        drop(self.file);
        let _ = std::fs::remove_file(&self.path);
    }
}
