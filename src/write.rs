//! Write: render into a staging folder beside the output, then swap it in at once. A failed build
//! drops the staging folder and leaves the previous output exactly as it was.
//!
//! Products that are slow to make (PDFs, the search index) are also kept in a [`ProductCache`]
//! under the site folder, named by the digest of their inputs, so that the next build copies
//! what did not change instead of making it again.

use std::collections::BTreeSet;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::render::Sink;

/// Folder of the product cache, relative to the site folder.
pub const CACHE_DIR: &str = ".loa/cache";

/// The file written into every output folder: loa replaces only a folder that holds it (or an
/// empty one, or the output of a loa version from before the marker: see [`check_output`]).
pub const OUTPUT_MARKER: &str = ".loa-output";

/// Files every loa build writes at the top of its output, also before [`OUTPUT_MARKER`] existed:
/// a folder holding all of them (and a `static/` folder) is taken for an earlier loa output.
const EARLIER_OUTPUT: [&str; 5] = [
    "index.html",
    "404.html",
    "sitemap.xml",
    "robots.txt",
    "atom.xml",
];

/// The site's source folders: an output folder may never be one of them or lie inside one.
const SOURCE_DIRS: [&str; 3] = ["content", "data", "themes"];

/// Why an output folder is refused (each is a message code of its own).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The folder is the site folder or holds it.
    HoldsSite,
    /// The folder is, or lies inside, `content/`, `data/` or `themes/` (the named one).
    InSources(&'static str),
    /// The folder exists, is not empty and was not made by loa.
    NotOurs,
    /// The path names a file, not a folder.
    NotFolder,
}

impl Refusal {
    /// The refusal as an error naming the folder.
    pub fn diagnostic(&self, out: &Path) -> crate::diagnostics::Diagnostic {
        let code = match self {
            Refusal::HoldsSite => "output_holds_site",
            Refusal::InSources(_) => "output_in_sources",
            Refusal::NotOurs => "output_not_ours",
            Refusal::NotFolder => "output_not_folder",
        };
        let mut d = crate::diagnostics::Diagnostic::error(code, None)
            .arg("path", crate::diagnostics::display_path(out))
            .arg("marker", OUTPUT_MARKER);
        if let Refusal::InSources(folder) = self {
            d = d.arg("folder", *folder);
        }
        d
    }
}

/// `path` made absolute with every link resolved, also when its last parts do not exist yet
/// (they are then taken as written, `..` going up a level).
fn resolved(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_owned());
                existing = parent;
            }
            _ => break,
        }
    }
    let mut out = existing
        .canonicalize()
        .unwrap_or_else(|_| existing.to_path_buf());
    for part in rest.into_iter().rev() {
        match part.to_str() {
            Some("..") => {
                out.pop();
            }
            Some(".") => {}
            _ => out.push(part),
        }
    }
    out
}

/// Whether loa may replace `out` with the output of the site in `root`: never the site folder or
/// a folder holding it, never a folder in `content/`, `data/` or `themes/`; an existing folder only
/// when it is empty, holds [`OUTPUT_MARKER`], or holds the files every loa build writes (an output
/// of a loa version from before the marker).
pub fn check_output(root: &Path, out: &Path) -> Result<(), Refusal> {
    let root = resolved(root);
    let target = resolved(out);
    if root.starts_with(&target) {
        return Err(Refusal::HoldsSite);
    }
    for folder in SOURCE_DIRS {
        if target.starts_with(root.join(folder)) {
            return Err(Refusal::InSources(folder));
        }
    }
    let Ok(meta) = std::fs::metadata(out) else {
        return Ok(()); // made new
    };
    if !meta.is_dir() {
        return Err(Refusal::NotFolder);
    }
    let Ok(mut entries) = std::fs::read_dir(out) else {
        return Err(Refusal::NotOurs);
    };
    if entries.next().is_none() || out.join(OUTPUT_MARKER).is_file() {
        return Ok(());
    }
    let earlier =
        EARLIER_OUTPUT.iter().all(|f| out.join(f).is_file()) && out.join("static").is_dir();
    if earlier {
        Ok(())
    } else {
        Err(Refusal::NotOurs)
    }
}

/// Products of earlier builds, one file per product named by its key (the [`crate::render::digest`]
/// of every input), under [`CACHE_DIR`]. Entries a full build did not use are removed after it
/// succeeds ([`ProductCache::prune`]), so the cache holds one build's worth of products.
pub struct ProductCache {
    dir: PathBuf,
    used: Mutex<BTreeSet<String>>,
}

impl ProductCache {
    /// The cache of the site in `root` (created on first use).
    pub fn for_site(root: &Path) -> ProductCache {
        ProductCache {
            dir: root.join(CACHE_DIR),
            used: Mutex::new(BTreeSet::new()),
        }
    }

    fn path(&self, key: &str) -> Option<PathBuf> {
        // Keys are hex digests; anything else never names a file.
        (key.len() > 2 && key.bytes().all(|b| b.is_ascii_hexdigit()))
            .then(|| self.dir.join(&key[..2]).join(key))
    }

    fn mark(&self, key: &str) {
        if let Ok(mut used) = self.used.lock() {
            used.insert(key.to_owned());
        }
    }

    /// The product kept under `key`.
    pub fn recall(&self, key: &str) -> Option<Vec<u8>> {
        let bytes = std::fs::read(self.path(key)?).ok()?;
        self.mark(key);
        Some(bytes)
    }

    /// Keeps `bytes` under `key` (written to a temporary file, then renamed, so a reader never
    /// sees half a product).
    pub fn remember(&self, key: &str, bytes: &[u8]) -> io::Result<()> {
        let path = self
            .path(key)
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, key.to_owned()))?;
        let folder = path.parent().unwrap_or(&self.dir);
        std::fs::create_dir_all(folder)?;
        let mut file = tempfile::NamedTempFile::new_in(folder)?;
        file.write_all(bytes)?;
        file.persist(&path).map_err(|e| e.error)?;
        self.mark(key);
        Ok(())
    }

    /// Removes every kept product this build neither recalled nor remembered; returns how many.
    pub fn prune(&self) -> io::Result<usize> {
        let used = self.used.lock().map(|u| u.clone()).unwrap_or_default();
        let mut removed = 0;
        let Ok(folders) = std::fs::read_dir(&self.dir) else {
            return Ok(0);
        };
        for folder in folders.flatten() {
            if !folder.file_type()?.is_dir() {
                continue;
            }
            for entry in std::fs::read_dir(folder.path())?.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                if !used.contains(&name) {
                    std::fs::remove_file(entry.path())?;
                    removed += 1;
                }
            }
        }
        Ok(removed)
    }
}

/// A staging folder beside the output folder (same file system, so the swap is a rename).
///
/// A file whose bytes equal the previous output's file at the same path is hard-linked from it
/// instead of written: a rebuild then creates and later deletes only the files that changed, and
/// unchanged files keep their modification time, so a tool that uploads `output/` by date sends
/// only what changed. Where links are not possible (FAT or exFAT drives), files are written.
pub struct Staging {
    dir: tempfile::TempDir,
    cache: Option<ProductCache>,
    previous: Option<PathBuf>,
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
        let previous = out.is_dir().then(|| out.to_path_buf());
        let marker = crate::messages::text("output_marker", &[]);
        std::fs::write(
            dir.path().join(OUTPUT_MARKER),
            format!("{}\n{}\n", marker.vi, marker.en),
        )?;
        Ok(Staging {
            dir,
            cache: None,
            previous,
        })
    }

    /// Recalls and remembers products through `cache`.
    pub fn with_cache(mut self, cache: ProductCache) -> Staging {
        self.cache = Some(cache);
        self
    }

    /// The product cache, if any.
    pub fn cache(&self) -> Option<&ProductCache> {
        self.cache.as_ref()
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
        let Some(previous) = &self.previous else {
            return std::fs::write(target, bytes);
        };
        let old = previous.join(path);
        if unchanged(&old, bytes) && std::fs::hard_link(&old, &target).is_ok() {
            return Ok(());
        }
        // The path may already be a link to the previous output's file (a path written twice):
        // writing through it would change the previous output, so a new file replaces it.
        match std::fs::remove_file(&target) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
        std::fs::write(target, bytes)
    }

    fn recall(&self, key: &str) -> Option<Vec<u8>> {
        self.cache.as_ref()?.recall(key)
    }

    fn remember(&self, key: &str, bytes: &[u8]) {
        if let Some(cache) = &self.cache {
            let _ = cache.remember(key, bytes);
        }
    }
}

/// Whether the regular file at `path` holds exactly `bytes`.
fn unchanged(path: &Path, bytes: &[u8]) -> bool {
    use std::io::Read;
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return false;
    };
    if !meta.is_file() || meta.len() != bytes.len() as u64 {
        return false;
    }
    let Ok(mut file) = std::fs::File::open(path) else {
        return false;
    };
    let mut contents = Vec::with_capacity(bytes.len());
    file.read_to_end(&mut contents).is_ok() && contents == bytes
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
    fn the_cache_keeps_what_a_build_used_and_prunes_the_rest() {
        let root = tempfile::tempdir().unwrap();
        let first = ProductCache::for_site(root.path());
        first.remember("aa01", b"one").unwrap();
        first.remember("bb02", b"two").unwrap();
        assert!(first.remember("../x", b"").is_err(), "keys are hex digests");
        assert_eq!(first.prune().unwrap(), 0);

        let second = ProductCache::for_site(root.path());
        assert_eq!(second.recall("aa01").as_deref(), Some(&b"one"[..]));
        assert_eq!(second.recall("cc03"), None);
        assert_eq!(second.prune().unwrap(), 1, "bb02 was not used");
        let third = ProductCache::for_site(root.path());
        assert_eq!(third.recall("bb02"), None);
        assert_eq!(third.recall("aa01").as_deref(), Some(&b"one"[..]));
    }

    #[test]
    fn unchanged_files_are_linked_from_the_previous_output_which_stays_intact() {
        use std::os::unix::fs::MetadataExt;
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("output");
        let first = Staging::new(&out).unwrap();
        first.put("a/index.html", b"same").unwrap();
        first.put("b/index.html", b"old").unwrap();
        first.commit(&out).unwrap();
        let inode = |path: &str| std::fs::metadata(out.join(path)).unwrap().ino();
        let (a, b) = (inode("a/index.html"), inode("b/index.html"));

        let second = Staging::new(&out).unwrap();
        second.put("a/index.html", b"same").unwrap();
        second.put("b/index.html", b"new").unwrap();
        // Written twice: the second write must not go through the link into the old output.
        second.put("a/index.html", b"changed").unwrap();
        second.put("a/index.html", b"same").unwrap();
        let staged = std::fs::read(second.path().join("a/index.html")).unwrap();
        assert_eq!(staged, b"same");
        assert_eq!(std::fs::read(out.join("b/index.html")).unwrap(), b"old");
        drop(second);
        assert_eq!(std::fs::read(out.join("a/index.html")).unwrap(), b"same");
        assert_eq!(
            std::fs::read(out.join("b/index.html")).unwrap(),
            b"old",
            "failed build"
        );

        let third = Staging::new(&out).unwrap();
        third.put("a/index.html", b"same").unwrap();
        third.put("b/index.html", b"new").unwrap();
        third.commit(&out).unwrap();
        assert_eq!(
            inode("a/index.html"),
            a,
            "the unchanged file is the same file"
        );
        assert_ne!(inode("b/index.html"), b);
        assert_eq!(std::fs::read(out.join("b/index.html")).unwrap(), b"new");
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
