//! News items, standing pages and the questions residents ask.

use std::path::PathBuf;

use super::{LinkRef, photo};

/// Whether an article is a news item or a standing page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ArticleKind {
    /// A dated news item (content/news).
    News,
    /// A standing page (content/pages).
    Page,
}

/// A news item or page written in Markdown.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Article {
    /// News or page.
    pub kind: ArticleKind,
    /// URL slug.
    pub slug: String,
    /// Source file relative to the site root.
    pub source: PathBuf,
    /// Title.
    pub title: String,
    /// Date (required for news).
    pub date: Option<chrono::NaiveDate>,
    /// One-sentence summary.
    pub summary: String,
    /// Topics.
    pub tags: Vec<String>,
    /// Markdown body.
    pub body: String,
    /// Line of the first body line in the source file (for located warnings).
    pub body_line: usize,
    /// Marked for the loudspeaker (tin phát thanh).
    pub broadcast: bool,
    /// The text of the source file, kept for items marked for the loudspeaker only (to locate a
    /// character the print font lacks in their script's PDF).
    #[serde(skip)]
    pub source_text: Option<std::sync::Arc<str>>,
    /// Order in the menu (pages); `None` keeps a page out of the menu.
    pub menu_order: Option<i32>,
    /// Line of the summary (`tom_tat`), or of the front matter's start when there is none.
    pub summary_line: usize,
    /// The lead photo (`anh`).
    #[serde(skip)]
    pub lead_photo: Option<photo::LeadPhoto>,
    /// Links and images of the body, with their places.
    #[serde(skip)]
    pub links: Vec<LinkRef>,
}

/// A question residents ask and the ward's answer (content/hoi-dap).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Question {
    /// Anchor on the questions page (from the file name).
    pub slug: String,
    /// Source file relative to the site root.
    pub source: PathBuf,
    /// The question as a resident would ask it.
    pub question: String,
    /// When it was answered, if given.
    pub date: Option<chrono::NaiveDate>,
    /// Policies it concerns: as written in the file (`20/2021/NĐ-CP` or an id), replaced by the
    /// ids of data/legal.toml when validated.
    pub policies: Vec<String>,
    /// Line of `chinh_sach`.
    pub policies_line: usize,
    /// Procedures it concerns, by portal code (`1.001776`).
    pub procedures: Vec<String>,
    /// Line of `thu_tuc`.
    pub procedures_line: usize,
    /// Topics.
    pub topics: Vec<String>,
    /// The answer, Markdown.
    pub answer: String,
    /// Links and images of the answer, with their places.
    #[serde(skip)]
    pub links: Vec<LinkRef>,
}
