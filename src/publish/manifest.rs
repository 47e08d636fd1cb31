//! What a destination holds: path -> SHA-256 and size of every file loa published there, kept on
//! the destination itself ([`MANIFEST_NAME`] at its root), so that two office machines publishing
//! to one host agree on what is there.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The manifest's name at the root of the destination.
pub const MANIFEST_NAME: &str = ".loa-xuat-ban.json";

/// One published file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// SHA-256 of the bytes, lower-case hex.
    pub sha256: String,
    /// Size in bytes.
    pub size: u64,
}

/// Every file of a site, by path relative to the site's root (`/` separators).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Format version.
    pub loa: u32,
    /// The files.
    pub files: BTreeMap<String, Entry>,
}

/// Lower-case hex SHA-256.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl Manifest {
    /// Reads a manifest fetched from a destination; `None` when it is not one.
    pub fn parse(bytes: &[u8]) -> Option<Manifest> {
        serde_json::from_slice(bytes).ok()
    }

    /// The manifest as written to the destination (sorted, so the same files give the same bytes).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = serde_json::to_vec_pretty(self).unwrap_or_default();
        bytes.push(b'\n');
        bytes
    }

    /// Hashes every file of a built site (in parallel). The output marker and a manifest are not
    /// part of the site.
    pub fn of_folder(output: &Path) -> std::io::Result<Manifest> {
        use rayon::prelude::*;
        let mut paths = Vec::new();
        for entry in walkdir::WalkDir::new(output).sort_by_file_name() {
            let entry = entry.map_err(std::io::Error::other)?;
            if !entry.file_type().is_file() {
                continue;
            }
            let relative = entry
                .path()
                .strip_prefix(output)
                .map_err(std::io::Error::other)?;
            let name = crate::diagnostics::display_path(relative);
            if name == crate::write::OUTPUT_MARKER || name == MANIFEST_NAME {
                continue;
            }
            paths.push((name, entry.path().to_path_buf()));
        }
        let files = paths
            .par_iter()
            .map(|(name, path)| {
                let bytes = std::fs::read(path)?;
                Ok((
                    name.clone(),
                    Entry {
                        sha256: sha256_hex(&bytes),
                        size: bytes.len() as u64,
                    },
                ))
            })
            .collect::<std::io::Result<BTreeMap<_, _>>>()?;
        Ok(Manifest { loa: 1, files })
    }
}
