//! The ward itself (site.toml): its names, contacts, officials, residential groups, the page in
//! English and where the site is published.

use std::path::PathBuf;

use super::{Signer, publish};

/// An official to contact.
#[derive(
    Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct Official {
    /// Full name.
    #[serde(rename(deserialize = "ho_ten"))]
    pub name: String,
    /// Title.
    #[serde(rename(deserialize = "chuc_vu"))]
    pub title: String,
    /// Field handled.
    #[serde(rename(deserialize = "phu_trach"), default)]
    pub responsibility: String,
    /// Office phone.
    #[serde(rename(deserialize = "dien_thoai"), default)]
    pub phone: String,
    /// Office email.
    #[serde(rename(deserialize = "email"), default)]
    pub email: String,
    /// Title in English, for the page in English (`Vice Chairman of the Ward People's Committee`).
    #[serde(rename(deserialize = "chuc_vu_tieng_anh"), default)]
    pub title_en: String,
}

/// What the page in English says about the body (site.toml `[tieng_anh]`; Nghị định 42/2022,
/// Điều 7): its English name, what it is, its functions and duties, and its structure.
#[derive(
    Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct EnglishInfo {
    /// The body's English name (`People's Committee of Luu Kiem Ward`).
    #[serde(rename(deserialize = "ten_co_quan"), default)]
    pub body_name: String,
    /// A paragraph on the body and the site.
    #[serde(rename(deserialize = "gioi_thieu"), default)]
    pub description: String,
    /// Functions and duties, one per entry.
    #[serde(rename(deserialize = "chuc_nang"), default)]
    pub functions: Vec<String>,
    /// Structure: its offices and bodies, one per entry.
    #[serde(rename(deserialize = "co_cau"), default)]
    pub structure: Vec<String>,
    /// Office hours in English.
    #[serde(rename(deserialize = "gio_lam_viec"), default)]
    pub office_hours: String,
    /// Postal address in English.
    #[serde(rename(deserialize = "dia_chi"), default)]
    pub address: String,
}

/// A residential group (tổ dân phố, khu phố, thôn).
#[derive(
    Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct Area {
    /// Short key (`tdp-1`).
    #[serde(rename(deserialize = "ma"))]
    pub id: String,
    /// Name.
    #[serde(rename(deserialize = "ten"))]
    pub name: String,
}

/// The ward itself (site.toml).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SiteConfig {
    /// Proper name (`Lưu Kiếm`).
    pub name: String,
    /// Level (`phường`, `xã`, `thị trấn`).
    pub level: String,
    /// Province or city (`thành phố Hải Phòng`).
    pub province: String,
    /// Parent body line of document headers, may be empty.
    pub parent_body: String,
    /// Issuing body (`Ủy ban nhân dân phường Lưu Kiếm`).
    pub issuing_body: String,
    /// The centre that runs the site.
    pub service_centre: String,
    /// Postal address.
    pub address: String,
    /// Phone.
    pub phone: String,
    /// Email.
    pub email: String,
    /// Base URL of the site (`https://luukiem.haiphong.gov.vn`), no trailing slash.
    pub base_url: String,
    /// Facebook page.
    pub fanpage: String,
    /// Office hours.
    pub office_hours: String,
    /// One-paragraph description.
    pub description: String,
    /// Officials to contact.
    pub officials: Vec<Official>,
    /// What the page in English says (`[tieng_anh]`).
    pub english: EnglishInfo,
    /// Default signer for new documents.
    pub default_signer: Signer,
    /// What residential groups are called (`tổ dân phố`).
    pub area_kind: String,
    /// The residential groups.
    pub areas: Vec<Area>,
    /// Theme folder name under themes/.
    pub theme: String,
    /// How many days ahead the home page announces commemorative days.
    pub upcoming_days: u32,
    /// News items per list page.
    pub news_per_page: usize,
    /// The print font family named in site.toml (`phong_chu`) and where; none: Libertinus Serif.
    #[serde(skip)]
    pub print_font: Option<(String, crate::diagnostics::Location)>,
    /// Extra folders searched for it (`thu_muc_phong_chu`), relative to the site folder.
    pub font_dirs: Vec<PathBuf>,
    /// The text of site.toml (to locate a character the print font lacks).
    #[serde(skip)]
    pub source_text: std::sync::Arc<str>,
    /// The ward's logo file named in site.toml (`logo`) and where it is named; read by the loader
    /// into `logo`.
    #[serde(skip)]
    pub logo_file: Option<(String, crate::diagnostics::Location)>,
    /// The ward's logo (header, icons, share cards); none: a drawn emblem.
    #[serde(skip)]
    pub logo: Option<Logo>,
    /// Where `loa publish` sends the site (`[xuat_ban]`); none: not said in site.toml.
    #[serde(skip)]
    pub publish: Option<publish::PublishConfig>,
}

/// An image file of the site given to the print engine (the ward's logo).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logo {
    /// Lower-case format (`png`, `jpg`, `svg`).
    pub format: String,
    /// The file's bytes.
    pub bytes: std::sync::Arc<[u8]>,
}

impl Logo {
    /// Where print templates find it (`/logo.png`).
    pub fn virtual_path(&self) -> String {
        format!("/logo.{}", self.format)
    }

    /// Where the site publishes it (`/logo.png`).
    pub fn url(&self) -> String {
        self.virtual_path()
    }
}

impl SiteConfig {
    /// `phường Lưu Kiếm`.
    pub fn full_name(&self) -> String {
        format!("{} {}", self.level, self.name)
    }
}
