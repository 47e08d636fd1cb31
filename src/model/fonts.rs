//! The font family of the print products: the built-in Libertinus Serif, or a family the site
//! names in site.toml (`phong_chu`), found on the machine by the load stage and held here as bytes
//! so that the renderer never reads a file.

use std::path::PathBuf;
use std::sync::Arc;

/// The family used when site.toml names none (embedded in the binary, covers Vietnamese).
pub const DEFAULT_FAMILY: &str = "Libertinus Serif";

/// The print font: its family name and the faces read from disk (none for an embedded family).
#[derive(Debug, Clone, PartialEq)]
pub struct PrintFonts {
    /// The family name as the font files spell it (`Times New Roman`).
    pub family: String,
    /// The faces of the family read from disk, in a stable order (by path, then index).
    pub faces: Vec<FontFile>,
}

impl Default for PrintFonts {
    fn default() -> Self {
        PrintFonts {
            family: DEFAULT_FAMILY.to_owned(),
            faces: Vec::new(),
        }
    }
}

/// One font file (or one face of a collection) read at load.
#[derive(Clone, PartialEq)]
pub struct FontFile {
    /// Where it was found.
    pub path: PathBuf,
    /// Index of the face in a collection (`.ttc`), else 0.
    pub index: u32,
    /// The file's bytes.
    pub data: Arc<[u8]>,
}

impl std::fmt::Debug for FontFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FontFile")
            .field("path", &self.path)
            .field("index", &self.index)
            .field("bytes", &self.data.len())
            .finish()
    }
}
