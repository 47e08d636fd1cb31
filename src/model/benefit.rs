//! Benefits and services a resident can ask for (content/toi-can): the "Tôi cần..." front door.
//! One page each says who qualifies, how much, the papers, where and when, how long it takes, who
//! to call, the forms and the policies it rests on.

use std::path::PathBuf;
use std::sync::Arc;

use crate::model::LinkRef;

/// One benefit or service.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Benefit {
    /// URL slug (file name, or `duong_dan`).
    pub slug: String,
    /// Source file relative to the site root.
    pub source: PathBuf,
    /// Name of the benefit (`Trợ cấp xã hội hằng tháng`).
    pub title: String,
    /// The life situation it answers, as a resident says it (`Tôi từ 75 tuổi, không có lương hưu`).
    pub situation: String,
    /// Who it is mainly for, to group the front door (`Người cao tuổi`).
    pub group: String,
    /// One or two plain sentences.
    pub summary: String,
    /// Order on the front door (smaller first); `None` after the numbered ones, by title.
    pub order: Option<i32>,
    /// Who qualifies, one condition per entry.
    pub eligible: Vec<String>,
    /// How much, per group of beneficiaries.
    pub amounts: Vec<Amount>,
    /// Papers to bring.
    pub papers: Vec<String>,
    /// Where to apply.
    pub place: String,
    /// When (office hours); empty = the site's office hours.
    pub hours: String,
    /// How long it takes.
    pub processing_time: String,
    /// Fee (`Không mất phí`).
    pub fee: String,
    /// Officials to call, by name (site.toml `can_bo`); resolved to indices by validation.
    pub contacts: Vec<String>,
    /// Indices into `SiteConfig::officials` of `contacts`, filled by validation.
    pub contact_indices: Vec<usize>,
    /// Forms to download.
    pub forms: Vec<Form>,
    /// Policies it rests on: legal registry ids once validated.
    pub policies: Vec<String>,
    /// Plans (slugs) that concern it.
    pub plans: Vec<String>,
    /// Commemorative days (ids) that concern it.
    pub days: Vec<String>,
    /// Administrative procedure codes (mã thủ tục) it is applied for with.
    pub procedures: Vec<String>,
    /// Markdown body (more explanation, the steps).
    pub body: String,
    /// Line of the first body line.
    pub body_line: usize,
    /// Lines of the reference fields, for located problems.
    pub lines: BenefitLines,
    /// Links and images of the body.
    #[serde(skip)]
    pub links: Vec<LinkRef>,
}

/// Where a benefit's reference fields are written (1-based lines of its file).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct BenefitLines {
    /// `can_cu`.
    pub policies: usize,
    /// `ke_hoach`.
    pub plans: usize,
    /// `ngay`.
    pub days: usize,
    /// `lien_he`.
    pub contacts: usize,
    /// `thu_tuc`.
    pub procedures: usize,
}

/// An amount paid or given.
#[derive(
    Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct Amount {
    /// Who gets it (`Người từ đủ 80 tuổi`).
    #[serde(rename(deserialize = "doi_tuong"))]
    pub who: String,
    /// In đồng, when it is money.
    #[serde(default, rename(deserialize = "so_tien"))]
    pub dong: Option<u64>,
    /// Per what (`tháng`, `lần`, `năm`); empty for once.
    #[serde(default, rename(deserialize = "moi"))]
    pub per: String,
    /// What is given when it is not (only) money, or how it is worked out.
    #[serde(default, rename(deserialize = "ghi_chu"))]
    pub note: String,
}

/// A form to download, copied beside the benefit's page.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Form {
    /// What it is (`Tờ khai đề nghị trợ giúp xã hội, Mẫu số 1a`).
    pub title: String,
    /// The file's name in the output (slugged, extension kept).
    pub file_name: String,
    /// Its bytes.
    #[serde(skip)]
    pub bytes: Arc<[u8]>,
}
