//! Leaflets (tờ rơi) written in content/leaflets.

use std::path::PathBuf;

use super::{Block, Inline, photo};

/// A leaflet (tờ rơi) written in content/leaflets: a title, key facts, short sections; the ward's
/// contact block and a QR code to the matching web page are added when it is printed.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Leaflet {
    /// Output name (from the file name).
    pub slug: String,
    /// Source file relative to the site root.
    pub source: PathBuf,
    /// Title on the cover.
    pub title: String,
    /// A line under the title.
    pub subtitle: String,
    /// The commemorative day it belongs to (id in data/days.toml), if any.
    pub day: Option<String>,
    /// Line of the `ngay_ky_niem` field (for located errors).
    pub day_line: usize,
    /// Site address the QR code points to (`/lien-he/`); else the day's page or the home page.
    pub link: Option<String>,
    /// Key facts, one short sentence each.
    pub facts: Vec<String>,
    /// Where to get help: one line each, printed above the ward's contact block.
    pub help: Vec<String>,
    /// The `##` sections of the body.
    pub sections: Vec<LeafletSection>,
    /// The text of the source file (to locate a character the print font lacks).
    #[serde(skip)]
    pub source_text: std::sync::Arc<str>,
    /// The cover's photo (`anh`), printed from the original at print resolution.
    #[serde(skip)]
    pub lead_photo: Option<photo::LeadPhoto>,
}

/// One `##` section of a leaflet.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct LeafletSection {
    /// Heading.
    pub title: Inline,
    /// 1-based line of the heading.
    pub line: usize,
    /// Paragraphs and bullet lists.
    pub blocks: Vec<Block>,
}
