//! Write: render into a staging folder beside the output, then swap it in at once. A failed build
//! drops the staging folder and leaves the previous output exactly as it was.

use std::io;
use std::path::{Path, PathBuf};

use crate::render::Sink;

/// A staging folder beside the output folder (same file system, so the swap is a rename).
pub struct Staging {
    dir: tempfile::TempDir,
}

impl Staging {
    /// Creates a hidden folder `.<name>.loa-` plus random letters next to `out`.
    pub fn new(out: &Path) -> io::Result<Staging> {
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent)?;
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "output".to_owned());
        let dir = tempfile::Builder::new()
            .prefix(&format!(".{name}.loa-"))
            .tempdir_in(parent)?;
        Ok(Staging { dir })
    }

    /// The staging folder.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Replaces `out` with the staged files. On failure the previous output is put back.
    pub fn commit(self, out: &Path) -> io::Result<()> {
        let staged = self.dir.keep();
        if !out.exists() {
            return std::fs::rename(&staged, out).inspect_err(|_| {
                let _ = std::fs::remove_dir_all(&staged);
            });
        }
        let mut old = staged.clone();
        old.set_extension("old");
        std::fs::rename(out, &old).inspect_err(|_| {
            let _ = std::fs::remove_dir_all(&staged);
        })?;
        if let Err(error) = std::fs::rename(&staged, out) {
            let _ = std::fs::rename(&old, out);
            let _ = std::fs::remove_dir_all(&staged);
            return Err(error);
        }
        std::fs::remove_dir_all(&old)
    }
}

impl Sink for Staging {
    fn put(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        if path.split('/').any(|part| part == ".." || part.is_empty()) {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, path.to_owned()));
        }
        let target = self.dir.path().join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(target, bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commit_replaces_and_drop_discards() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("output");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("old.html"), "cũ").unwrap();

        let failed = Staging::new(&out).unwrap();
        failed.put("index.html", b"moi").unwrap();
        drop(failed);
        assert!(out.join("old.html").exists());
        assert!(!out.join("index.html").exists());
        assert_eq!(
            std::fs::read_dir(root.path()).unwrap().count(),
            1,
            "no staging left behind"
        );

        let ok = Staging::new(&out).unwrap();
        ok.put("a/b/index.html", b"moi").unwrap();
        ok.commit(&out).unwrap();
        assert!(!out.join("old.html").exists());
        assert_eq!(std::fs::read(out.join("a/b/index.html")).unwrap(), b"moi");
        assert_eq!(std::fs::read_dir(root.path()).unwrap().count(), 1);
    }

    #[test]
    fn paths_cannot_escape() {
        let root = tempfile::tempdir().unwrap();
        let staging = Staging::new(&root.path().join("out")).unwrap();
        assert!(staging.put("../x", b"").is_err());
        assert!(staging.put("/abs", b"").is_err());
    }
}
