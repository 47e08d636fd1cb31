//! A folder destination: a mounted share, `\\may-chu\web`, or a local folder.

use std::path::{Path, PathBuf};

use super::{Transport, TransportError};

/// Writes into a folder that must exist (a share that is not mounted is not silently replaced by
/// a new local folder).
pub struct Folder {
    root: PathBuf,
}

impl Folder {
    /// The folder `root`, which must exist.
    pub fn open(root: &Path) -> Result<Folder, TransportError> {
        if root.is_dir() {
            Ok(Folder {
                root: root.to_path_buf(),
            })
        } else {
            Err(TransportError::Unreachable(root.display().to_string()))
        }
    }

    fn at(&self, path: &str) -> PathBuf {
        path.split('/')
            .fold(self.root.clone(), |p, part| p.join(part))
    }
}

fn failed(e: std::io::Error) -> TransportError {
    TransportError::Failed(e.to_string())
}

impl Transport for Folder {
    fn read(&mut self, path: &str) -> Result<Option<Vec<u8>>, TransportError> {
        match std::fs::read(self.at(path)) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(failed(e)),
        }
    }

    /// Written beside its place under a temporary name, then renamed over the old file (a reader
    /// sees the old file or the new one, never half of one).
    fn put(&mut self, path: &str, bytes: &[u8]) -> Result<(), TransportError> {
        let target = self.at(path);
        let parent = target.parent().unwrap_or(&self.root);
        std::fs::create_dir_all(parent).map_err(failed)?;
        let mut temporary = tempfile::Builder::new()
            .prefix(super::TEMPORARY_PREFIX)
            .tempfile_in(parent)
            .map_err(failed)?;
        std::io::Write::write_all(&mut temporary, bytes).map_err(failed)?;
        temporary.as_file().sync_all().map_err(failed)?;
        temporary.persist(&target).map_err(|e| failed(e.error))?;
        Ok(())
    }

    fn remove(&mut self, path: &str) -> Result<(), TransportError> {
        match std::fs::remove_file(self.at(path)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(failed(e)),
            _ => Ok(()),
        }
    }

    fn remove_dir(&mut self, path: &str) -> Result<(), TransportError> {
        std::fs::remove_dir(self.at(path)).map_err(failed)
    }
}
