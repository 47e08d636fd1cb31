//! site.toml: the ward's identity, contacts, signer, residential groups and build options.

use serde::Deserialize;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::frontmatter::{SourceText, parse_toml};
use crate::load::links;
use crate::model::{Area, Official, Signer, SiteConfig};

#[derive(Debug, Deserialize, schemars::JsonSchema)]
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
    #[schemars(with = "Option<String>")]
    phong_chu: Option<toml::Spanned<String>>,
    #[serde(default)]
    thu_muc_phong_chu: Vec<String>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    logo: Option<toml::Spanned<String>>,
    tieng_anh: Option<crate::model::EnglishInfo>,
    #[serde(default)]
    xuat_ban: Option<RawPublish>,
}

/// `[xuat_ban]`: where `loa publish` sends the site.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawPublish {
    #[schemars(with = "String")]
    dich: toml::Spanned<String>,
    #[serde(default)]
    nguoi_dung: Option<String>,
    #[serde(default)]
    khoa: Option<String>,
    #[serde(default)]
    chung_chi: Option<String>,
    /// Read only to refuse it: a password is never kept in the site folder (so the desk's form
    /// has no field for it).
    #[serde(default)]
    #[schemars(skip)]
    mat_khau: Option<toml::Spanned<toml::Value>>,
}

/// `[xuat_ban]` as the model keeps it; a password written there is an error (its value is never
/// repeated).
fn publish_config(
    source: &SourceText,
    raw: Option<RawPublish>,
    diagnostics: &mut Diagnostics,
) -> Option<crate::model::publish::PublishConfig> {
    let raw = raw?;
    if let Some(password) = &raw.mat_khau {
        diagnostics.push(
            Diagnostic::error(
                "publish_password_in_config",
                Some(source.location(password.span().start)),
            )
            .field("xuat_ban.mat_khau"),
        );
    }
    let nonempty = |s: Option<String>| s.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
    Some(crate::model::publish::PublishConfig {
        destination: raw.dich.get_ref().trim().to_owned(),
        destination_at: source.location(raw.dich.span().start),
        user: nonempty(raw.nguoi_dung),
        key_file: nonempty(raw.khoa),
        ca_file: nonempty(raw.chung_chi),
    })
}

fn default_level() -> String {
    "phường".to_owned()
}

fn default_area_kind() -> String {
    "tổ dân phố".to_owned()
}

/// Nghị định 42/2022/NĐ-CP (Điều 7) asks for the body, its functions and its officials'
/// contacts in English: a warning names each part site.toml does not give yet.
fn check_english(
    source: &SourceText,
    english: Option<&crate::model::EnglishInfo>,
    officials: &[Official],
    diagnostics: &mut Diagnostics,
) {
    let at = |key: &str| source.key_location(key, 0);
    let missing =
        |field: &str, location| Diagnostic::warning("english_missing", Some(location)).field(field);
    match english {
        None => diagnostics.push(missing("tieng_anh", at("ten"))),
        Some(e) => {
            for (field, empty) in [
                ("ten_co_quan", e.body_name.trim().is_empty()),
                ("gioi_thieu", e.description.trim().is_empty()),
                ("chuc_nang", e.functions.is_empty()),
            ] {
                if empty {
                    diagnostics.push(missing(&format!("tieng_anh.{field}"), at("tieng_anh")));
                }
            }
        }
    }
    // Officials are read without positions: each warning points at the official's entry (the
    // line of `ho_ten`, found by the name) and names the official.
    for o in officials.iter().filter(|o| o.title_en.trim().is_empty()) {
        let entry = source
            .text
            .find("[[can_bo]]")
            .and_then(|first| {
                let name = format!("\"{}\"", o.name);
                source.text[first..].find(&name).map(|at| first + at)
            })
            .map(|offset| {
                crate::diagnostics::Location::new(source.path.clone(), source.line_of(offset), 1)
            })
            .unwrap_or_else(|| at("can_bo"));
        diagnostics.push(
            Diagnostic::warning("english_title_missing", Some(entry))
                .field("chuc_vu_tieng_anh")
                .arg("name", o.name.clone()),
        );
    }
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
    check_english(source, raw.tieng_anh.as_ref(), &raw.can_bo, diagnostics);
    let publish = publish_config(source, raw.xuat_ban, diagnostics);
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
        english: raw.tieng_anh.unwrap_or_default(),
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
        publish,
    })
}

/// The fields of site.toml, as the loader reads them, for the editing desk's forms.
pub fn schema() -> schemars::Schema {
    schemars::schema_for!(RawConfig)
}
