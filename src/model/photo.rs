//! Photos: the files a body (`![alt](anh.jpg "Chú thích")`) or a front matter (`anh = ...`) puts
//! on a page, as their headers describe them (read at load, the pixels are decoded only by the
//! media step), and the sizes the site publishes.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use crate::diagnostics::Location;

/// The widths (px) a photo is published at, never above its own width: a phone's screen, a
/// sharp phone or a tablet, a computer.
pub const WIDTHS: [u32; 3] = [480, 960, 1600];

/// The most a published file may weigh (bytes): a slow phone connection.
pub const MAX_PUBLISHED_BYTES: usize = 250 * 1024;

/// The largest source file loa reads (bytes).
pub const MAX_FILE_BYTES: u64 = 40 * 1024 * 1024;

/// The most pixels a source photo may have (decoding one takes about 4 bytes a pixel).
pub const MAX_PIXELS: u64 = 60_000_000;

/// Where published photos go (`/anh/<digest>-<width>.jpg`).
pub const FOLDER: &str = "/anh/";

/// The lead photo of an item (front matter `anh`, `chu_thich`, `tac_gia`): shown at the top of
/// the item, beside its entry in lists, on its share card and on printed products with a slot
/// for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeadPhoto {
    /// The file as written, relative to the content file.
    pub target: String,
    /// What the photo shows, for a reader who cannot see it (`mo_ta`; else the caption).
    pub alt: String,
    /// Caption (`chu_thich`), shown under the photo.
    pub caption: String,
    /// Who took it (`tac_gia`), shown after the caption.
    pub author: String,
    /// Where `anh` is written.
    pub location: Location,
}

/// The format of a source photo.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum PhotoFormat {
    /// JPEG (phones, cameras).
    Jpeg,
    /// PNG (screenshots, drawings).
    Png,
}

/// One source photo file, from its header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Photo {
    /// Path relative to the site folder.
    pub path: PathBuf,
    /// SHA-256 of the file's bytes (hex): the photo's identity in the cache and in its address.
    pub digest: String,
    /// Format.
    pub format: PhotoFormat,
    /// Width of the stored pixels.
    pub stored_width: u32,
    /// Height of the stored pixels.
    pub stored_height: u32,
    /// EXIF orientation (1..=8; 1 when absent): 5..=8 turn the picture a quarter.
    pub orientation: u8,
    /// Where it is first used (for problems found when decoding it).
    pub first_use: Location,
}

/// One published size of a photo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Variant {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// The published file formats, the modern one first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// Lossy WebP (about a third smaller than JPEG at the same look).
    Webp,
    /// Baseline JPEG (every browser).
    Jpeg,
}

impl Encoding {
    /// Both, the modern one first.
    pub const ALL: [Encoding; 2] = [Encoding::Webp, Encoding::Jpeg];

    /// File extension.
    pub fn extension(self) -> &'static str {
        match self {
            Encoding::Webp => "webp",
            Encoding::Jpeg => "jpg",
        }
    }

    /// MIME type.
    pub fn mime(self) -> &'static str {
        match self {
            Encoding::Webp => "image/webp",
            Encoding::Jpeg => "image/jpeg",
        }
    }
}

impl Photo {
    /// Width and height as shown (EXIF orientation applied).
    pub fn shown_size(&self) -> (u32, u32) {
        if (5..=8).contains(&self.orientation) {
            (self.stored_height, self.stored_width)
        } else {
            (self.stored_width, self.stored_height)
        }
    }

    /// The sizes published: each of [`WIDTHS`] below the photo's own width, then the photo's
    /// width capped at the largest (never larger than the original).
    pub fn variants(&self) -> Vec<Variant> {
        let (width, height) = self.shown_size();
        let largest = WIDTHS[WIDTHS.len() - 1];
        let mut widths: Vec<u32> = WIDTHS.iter().copied().filter(|&w| w < width).collect();
        let top = width.min(largest);
        if widths.last() != Some(&top) {
            widths.push(top);
        }
        widths
            .into_iter()
            .map(|w| Variant {
                width: w.max(1),
                height: ((u64::from(height) * u64::from(w) + u64::from(width) / 2)
                    / u64::from(width.max(1)))
                .max(1) as u32,
            })
            .collect()
    }

    /// The address of one published file (`/anh/3fa2c1d09b7e4a55-960.webp`).
    pub fn url(&self, width: u32, encoding: Encoding) -> String {
        format!(
            "{FOLDER}{}-{width}.{}",
            &self.digest[..16.min(self.digest.len())],
            encoding.extension()
        )
    }
}

/// Every photo of the site by path (relative to the site folder).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Photos {
    /// Path -> photo.
    pub by_path: BTreeMap<PathBuf, Photo>,
}

impl Photos {
    /// The photo `target` names when written in `source` (a content file), if it is one.
    pub fn find(&self, source: &Path, target: &str) -> Option<&Photo> {
        self.by_path.get(&resolve(source, target)?)
    }

    /// Photos in path order, each once.
    pub fn iter(&self) -> impl Iterator<Item = &Photo> {
        self.by_path.values()
    }
}

/// Whether a Markdown image target names a photo file beside its content file (`anh.jpg`,
/// `anh/trao-qua.jpg`, `../anh/x.png`) rather than an address of the site (`/tinh/logo.png`)
/// or another host (`https://...`).
pub fn is_photo_target(target: &str) -> bool {
    let target = target.trim();
    !(target.is_empty()
        || target.starts_with('/')
        || target.starts_with('#')
        || target
            .split(['/', '?', '#'])
            .next()
            .unwrap_or("")
            .contains(':'))
}

/// The path (relative to the site folder) of photo `target` written in content file `source`,
/// `..` resolved; `None` when it is not a photo target or climbs out of the site folder.
pub fn resolve(source: &Path, target: &str) -> Option<PathBuf> {
    if !is_photo_target(target) {
        return None;
    }
    let target = target.trim();
    let decoded = percent_decode(target);
    let mut parts: Vec<std::ffi::OsString> = source
        .parent()
        .map(|p| {
            p.components()
                .filter_map(|c| match c {
                    Component::Normal(n) => Some(n.to_owned()),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();
    for component in Path::new(&decoded).components() {
        match component {
            Component::Normal(n) => parts.push(n.to_owned()),
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::CurDir => {}
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    (!parts.is_empty()).then(|| parts.iter().collect())
}

/// `%20` and other escapes of a Markdown target back to the file name's characters.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(text.get(i + 1..i + 3).unwrap_or(""), 16)
        {
            out.push(b);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn photo(width: u32, height: u32, orientation: u8) -> Photo {
        Photo {
            path: "content/news/a.jpg".into(),
            digest: "0123456789abcdef0123".into(),
            format: PhotoFormat::Jpeg,
            stored_width: width,
            stored_height: height,
            orientation,
            first_use: Location::file("content/news/a.md"),
        }
    }

    #[test]
    fn sizes_never_exceed_the_original() {
        let widths = |p: &Photo| p.variants().iter().map(|v| v.width).collect::<Vec<_>>();
        assert_eq!(widths(&photo(4000, 3000, 1)), [480, 960, 1600]);
        assert_eq!(widths(&photo(1200, 900, 1)), [480, 960, 1200]);
        assert_eq!(widths(&photo(300, 200, 1)), [300]);
        assert_eq!(widths(&photo(960, 640, 1)), [480, 960]);
        // Turned a quarter by EXIF: the shown width is the stored height.
        let turned = photo(4000, 3000, 6);
        assert_eq!(turned.shown_size(), (3000, 4000));
        let v = turned.variants();
        assert_eq!((v[0].width, v[0].height), (480, 640));
        assert_eq!(
            photo(4000, 3000, 1).url(960, Encoding::Webp),
            "/anh/0123456789abcdef-960.webp"
        );
    }

    #[test]
    fn targets_resolve_beside_their_content_file() {
        let source = Path::new("content/news/a.md");
        assert_eq!(
            resolve(source, "anh/trao%20qua.jpg"),
            Some(PathBuf::from("content/news/anh/trao qua.jpg"))
        );
        assert_eq!(
            resolve(source, "../anh/x.png"),
            Some(PathBuf::from("content/anh/x.png"))
        );
        assert_eq!(resolve(source, "../../../x.png"), None);
        assert_eq!(resolve(source, "/tinh/logo.png"), None);
        assert_eq!(resolve(source, "https://example.com/a.jpg"), None);
    }
}
