//! site.toml: the ward's identity, contacts, signer, residential groups and build options.

use serde::Deserialize;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::frontmatter::{SourceText, parse_toml};
use crate::load::links;
use crate::model::{Area, Official, Signer, SiteConfig};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    ten: String,
    #[serde(default = "default_level")]
    cap: String,
    #[serde(default)]
    tinh_thanh: String,
    #[serde(default)]
    co_quan_cap_tren: String,
    co_quan_ban_hanh: String,
    #[serde(default)]
    trung_tam: String,
    #[serde(default)]
    dia_chi: String,
    #[serde(default)]
    dien_thoai: String,
    #[serde(default)]
    email: String,
    dia_chi_web: String,
    #[serde(default)]
    fanpage: String,
    #[serde(default)]
    gio_lam_viec: String,
    #[serde(default)]
    gioi_thieu: String,
    #[serde(default)]
    giao_dien: Option<String>,
    #[serde(default)]
    so_ngay_bao_truoc: Option<u32>,
    #[serde(default)]
    so_tin_moi_trang: Option<usize>,
    #[serde(default = "default_area_kind")]
    loai_khu_dan_cu: String,
    #[serde(default)]
    nguoi_ky: Signer,
    #[serde(default)]
    can_bo: Vec<Official>,
    #[serde(default)]
    khu_dan_cu: Vec<Area>,
    #[serde(default)]
    phong_chu: Option<toml::Spanned<String>>,
    #[serde(default)]
    thu_muc_phong_chu: Vec<String>,
    #[serde(default)]
    logo: Option<toml::Spanned<String>>,
}

fn default_level() -> String {
    "phường".to_owned()
}

fn default_area_kind() -> String {
    "tổ dân phố".to_owned()
}

/// Reads site.toml.
pub fn load(source: &SourceText, diagnostics: &mut Diagnostics) -> Option<SiteConfig> {
    let raw: RawConfig = match parse_toml(source, &source.text, 0, "ctx_site") {
        Ok(raw) => raw,
        Err(diagnostic) => {
            diagnostics.push(diagnostic);
            return None;
        }
    };
    let base_url = raw.dia_chi_web.trim().trim_end_matches('/').to_owned();
    if !(base_url.starts_with("https://") || base_url.starts_with("http://")) {
        diagnostics.push(
            Diagnostic::error(
                "base_url_invalid",
                Some(source.key_location("dia_chi_web", 0)),
            )
            .field("dia_chi_web")
            .arg("value", base_url.clone()),
        );
    }
    links::check_field(
        &raw.fanpage,
        "fanpage",
        || source.key_location("fanpage", 0),
        diagnostics,
    );
    let mut seen = std::collections::BTreeSet::new();
    for area in &raw.khu_dan_cu {
        if !seen.insert(area.id.clone()) {
            diagnostics.push(
                Diagnostic::error("duplicate_id", Some(source.key_location("ma", 0)))
                    .arg("id", area.id.clone())
                    .arg("other", "site.toml"),
            );
        }
    }
    Some(SiteConfig {
        name: raw.ten,
        level: raw.cap,
        province: raw.tinh_thanh,
        parent_body: raw.co_quan_cap_tren,
        issuing_body: raw.co_quan_ban_hanh,
        service_centre: raw.trung_tam,
        address: raw.dia_chi,
        phone: raw.dien_thoai,
        email: raw.email,
        base_url,
        fanpage: raw.fanpage,
        office_hours: raw.gio_lam_viec,
        description: raw.gioi_thieu,
        officials: raw.can_bo,
        default_signer: raw.nguoi_ky,
        area_kind: raw.loai_khu_dan_cu,
        areas: raw.khu_dan_cu,
        theme: raw.giao_dien.unwrap_or_else(|| "default".to_owned()),
        upcoming_days: raw.so_ngay_bao_truoc.unwrap_or(60),
        news_per_page: raw.so_tin_moi_trang.unwrap_or(20).max(1),
        print_font: raw
            .phong_chu
            .filter(|f| !f.get_ref().trim().is_empty())
            .map(|f| {
                (
                    f.get_ref().trim().to_owned(),
                    source.location(f.span().start),
                )
            }),
        font_dirs: raw
            .thu_muc_phong_chu
            .iter()
            .map(std::path::PathBuf::from)
            .collect(),
        source_text: source.text.as_str().into(),
        logo_file: raw
            .logo
            .filter(|f| !f.get_ref().trim().is_empty())
            .map(|f| {
                (
                    f.get_ref().trim().to_owned(),
                    source.location(f.span().start),
                )
            }),
        logo: None,
    })
}
