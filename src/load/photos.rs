//! Photos at load: each use (a body's `![alt](file)`, a front matter's `anh`) with its place,
//! and each file's header (format, size, EXIF orientation) and digest. The pixels are not
//! decoded here: the media step (`src/media/`) does that, once per digest.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::diagnostics::Location;
use crate::load::Loaded;
use crate::load::frontmatter::SourceText;
use crate::model::LinkRef;
use crate::model::photo::{self, LeadPhoto, MAX_FILE_BYTES, MAX_PIXELS, Photo, PhotoFormat};

/// The lead photo of a front matter (`anh`, `chu_thich`, `tac_gia`, `mo_ta_anh`): one piece
/// every content type with a lead photo reads the same way. `from` is the front matter's offset.
pub fn lead_photo(
    source: &SourceText,
    from: usize,
    file: Option<String>,
    caption: String,
    author: String,
    alt: String,
) -> Option<LeadPhoto> {
    let target = file?.trim().to_owned();
    let caption = caption.trim().to_owned();
    let alt = alt.trim().to_owned();
    Some(LeadPhoto {
        location: source.key_location("anh", from),
        target,
        alt: if alt.is_empty() { caption.clone() } else { alt },
        caption,
        author: author.trim().to_owned(),
    })
}

/// One use of a photo file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoUse {
    /// The file, relative to the site folder (`None`: it climbs out of the site folder).
    pub path: Option<PathBuf>,
    /// The target as written.
    pub target: String,
    /// Its alt text.
    pub alt: String,
    /// Where it is written.
    pub location: Location,
    /// A front matter's lead photo (`anh`) rather than a body's image.
    pub lead: bool,
}

fn body_uses<'a>(source: &'a Path, links: &'a [LinkRef]) -> impl Iterator<Item = PhotoUse> + 'a {
    links
        .iter()
        .filter(|l| l.image && photo::is_photo_target(&l.target))
        .map(move |l| PhotoUse {
            path: photo::resolve(source, &l.target),
            target: l.target.clone(),
            alt: l.alt.clone(),
            location: l.location.clone(),
            lead: false,
        })
}

fn lead_use(source: &Path, lead: &LeadPhoto) -> PhotoUse {
    PhotoUse {
        path: photo::resolve(source, &lead.target),
        target: lead.target.clone(),
        alt: lead.alt.clone(),
        location: lead.location.clone(),
        lead: true,
    }
}

/// Every use of a photo in the loaded site, in file order: plans, news, pages, campaigns,
/// reports (bodies), and the lead photos of news, pages and leaflets.
pub fn uses(loaded: &Loaded) -> Vec<PhotoUse> {
    let mut out = Vec::new();
    for plan in &loaded.plans {
        out.extend(body_uses(&plan.source, &plan.links));
    }
    for article in loaded.news.iter().chain(&loaded.pages) {
        if let Some(lead) = &article.lead_photo {
            out.push(lead_use(&article.source, lead));
        }
        out.extend(body_uses(&article.source, &article.links));
    }
    for leaflet in &loaded.leaflets {
        if let Some(lead) = &leaflet.lead_photo {
            out.push(lead_use(&leaflet.source, lead));
        }
    }
    for campaign in &loaded.stats.campaigns {
        out.extend(body_uses(&campaign.source, &campaign.links));
    }
    for report in &loaded.stats.reports {
        out.extend(body_uses(&report.source, &report.links));
    }
    for benefit in &loaded.benefits {
        out.extend(body_uses(&benefit.source, &benefit.links));
    }
    out
}

/// What is wrong with a photo file, found from its header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// No such file (or not readable): the reason.
    Missing(String),
    /// Larger than [`MAX_FILE_BYTES`].
    TooLarge(u64),
    /// More than [`MAX_PIXELS`].
    TooManyPixels(u32, u32),
    /// HEIC/HEIF (iPhone): must be converted.
    Heic,
    /// Not a format loa reads (JPEG, PNG): what it seems to be.
    Unsupported(String),
    /// The header cannot be read: the decoder's reason.
    Corrupt(String),
    /// The file ends before its image data does.
    Truncated,
}

/// Reads the header of every file `uses` name (each once, on every core).
pub fn read_headers(root: &Path, uses: &[PhotoUse]) -> BTreeMap<PathBuf, Result<Photo, Problem>> {
    use rayon::prelude::*;
    let mut first: BTreeMap<&PathBuf, &Location> = BTreeMap::new();
    for u in uses {
        if let Some(path) = &u.path {
            first.entry(path).or_insert(&u.location);
        }
    }
    first
        .into_par_iter()
        .map(|(path, location)| (path.clone(), read_header(root, path, location.clone())))
        .collect()
}

/// The header and digest of one file.
pub fn read_header(root: &Path, path: &Path, first_use: Location) -> Result<Photo, Problem> {
    let full = root.join(path);
    if crate::load::confine::outside(root, path).is_some() {
        return Err(Problem::Missing(String::new()));
    }
    let meta = std::fs::metadata(&full).map_err(|e| Problem::Missing(e.to_string()))?;
    if !meta.is_file() {
        return Err(Problem::Missing(String::new()));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(Problem::TooLarge(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(&full)
        .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| Problem::Missing(e.to_string()))?;
    let format = sniff(&bytes)?;
    // A PNG states its size in its first chunk (IHDR): checked before any decoder allocates.
    if format == PhotoFormat::Png && bytes.len() >= 24 {
        let width = u32::from_be_bytes([bytes[16], bytes[17], bytes[18], bytes[19]]);
        let height = u32::from_be_bytes([bytes[20], bytes[21], bytes[22], bytes[23]]);
        if u64::from(width) * u64::from(height) > MAX_PIXELS {
            return Err(Problem::TooManyPixels(width, height));
        }
    }
    let reader = image::ImageReader::with_format(
        std::io::Cursor::new(&bytes),
        match format {
            PhotoFormat::Jpeg => image::ImageFormat::Jpeg,
            PhotoFormat::Png => image::ImageFormat::Png,
        },
    );
    let mut decoder = reader
        .into_decoder()
        .map_err(|e| Problem::Corrupt(e.to_string()))?;
    let (width, height) = image::ImageDecoder::dimensions(&decoder);
    if width == 0 || height == 0 {
        return Err(Problem::Corrupt(String::new()));
    }
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(Problem::TooManyPixels(width, height));
    }
    let orientation = image::ImageDecoder::orientation(&mut decoder)
        .map(|o| o.to_exif())
        .unwrap_or(1);
    if !complete(format, &bytes) {
        return Err(Problem::Truncated);
    }
    Ok(Photo {
        path: path.to_path_buf(),
        digest: digest(&bytes),
        format,
        stored_width: width,
        stored_height: height,
        orientation,
        first_use,
    })
}

/// SHA-256 of a file's bytes, as lowercase hex.
pub fn digest(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The format from the file's first bytes (never from its name: a phone may call a HEIC
/// `.jpg`).
fn sniff(bytes: &[u8]) -> Result<PhotoFormat, Problem> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return Ok(PhotoFormat::Jpeg);
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Ok(PhotoFormat::Png);
    }
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        let brand = &bytes[8..12];
        if [
            b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1", b"avif",
        ]
        .iter()
        .any(|b| brand == *b)
        {
            return Err(Problem::Heic);
        }
    }
    let guessed = image::guess_format(bytes)
        .ok()
        .map(|f| format!("{f:?}"))
        .unwrap_or_default();
    Err(Problem::Unsupported(guessed))
}

/// Whether the file holds its image data to the end: a JPEG's end-of-image marker after its
/// first scan (entropy-coded data never holds `FF D9`; a phone may append data after it, such
/// as a motion photo's video), a PNG's `IEND` chunk.
fn complete(format: PhotoFormat, bytes: &[u8]) -> bool {
    match format {
        PhotoFormat::Png => bytes.windows(4).rev().take(64).any(|w| w == b"IEND"),
        PhotoFormat::Jpeg => {
            // Walk the marker segments to the first scan (SOS, FF DA).
            let mut i = 2;
            while i + 4 <= bytes.len() {
                if bytes[i] != 0xFF {
                    return false;
                }
                let marker = bytes[i + 1];
                if marker == 0xFF {
                    i += 1;
                    continue;
                }
                let length = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
                if marker == 0xDA {
                    let scan = i + 2 + length;
                    return bytes
                        .get(scan..)
                        .is_some_and(|rest| rest.windows(2).any(|w| w == [0xFF, 0xD9]));
                }
                i += 2 + length;
            }
            false
        }
    }
}
