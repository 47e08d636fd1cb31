//! data/indicators.toml: the indicators, the small-count threshold, the licence.

use serde::Deserialize;
use toml::Spanned;

use super::INDICATORS_FILE;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::load::frontmatter::{SourceText, parse_toml};
use crate::locale::{fold_diacritics, slugify};
use crate::model::stats::{
    AreaRule, Cycle, Direction, Indicator, IndicatorKind, Statistics, TimeRule,
};

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct IndicatorsFile {
    #[serde(default)]
    nguong_an_so_nho: Option<u32>,
    #[serde(default)]
    minh_hoa: bool,
    #[serde(default)]
    giay_phep: Option<String>,
    #[serde(default)]
    #[schemars(with = "Vec<RawIndicator>")]
    chi_so: Vec<Spanned<RawIndicator>>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawIndicator {
    ma: String,
    ten: String,
    don_vi: String,
    loai: String,
    #[serde(default)]
    cong_don_thoi_gian: Option<String>,
    #[serde(default)]
    cong_don_khu_vuc: Option<String>,
    #[serde(default)]
    huong_tot: Option<String>,
    #[serde(default)]
    chu_ky: Option<String>,
    #[serde(default)]
    tu_so: Option<String>,
    #[serde(default)]
    mau_so: Option<String>,
    #[serde(default)]
    cau: Option<String>,
    #[serde(default)]
    mo_ta: String,
    #[serde(default = "yes")]
    trang_tong_hop: bool,
    #[serde(default)]
    nhom_tuoi: Vec<String>,
}

fn yes() -> bool {
    true
}

/// One of a fixed set of words, or a located error listing them.
fn choice<T: Copy>(
    value: &str,
    options: &[(&str, T)],
    field: &str,
    location: &Location,
    diagnostics: &mut Diagnostics,
) -> Option<T> {
    let wanted = fold_diacritics(value.trim())
        .to_lowercase()
        .replace(' ', "_");
    if let Some((_, t)) = options.iter().find(|(name, _)| *name == wanted) {
        return Some(*t);
    }
    let expected: Vec<String> = options.iter().map(|(n, _)| format!("`{n}`")).collect();
    diagnostics.push(
        Diagnostic::error("value_not_allowed", Some(location.clone()))
            .field(field.to_owned())
            .arg("value", value.to_owned())
            .arg("expected", expected.join(", ")),
    );
    None
}

/// Reads data/indicators.toml (missing file: no statistics).
pub(super) fn load_indicators(
    source: &SourceText,
    stats: &mut Statistics,
    diagnostics: &mut Diagnostics,
) {
    let file: IndicatorsFile = match parse_toml(source, &source.text, 0, "ctx_indicators") {
        Ok(file) => file,
        Err(d) => {
            diagnostics.push(d);
            return;
        }
    };
    stats.threshold = file.nguong_an_so_nho.unwrap_or(5);
    stats.illustrative = file.minh_hoa;
    stats.licence = file
        .giay_phep
        .unwrap_or_else(|| "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)".to_owned());
    for spanned in file.chi_so {
        let start = spanned.span().start;
        let location = source.location(start);
        let line = location.line;
        let raw = spanned.into_inner();
        let kind = choice(
            &raw.loai,
            &[
                ("so_luong", IndicatorKind::Count),
                ("so_tien", IndicatorKind::Amount),
                ("ty_le", IndicatorKind::Ratio),
            ],
            "loai",
            &source.key_location("loai", start),
            diagnostics,
        )
        .unwrap_or(IndicatorKind::Count);
        let time_default = if kind == IndicatorKind::Ratio {
            "cuoi_ky"
        } else {
            "tong"
        };
        let time_rule = choice(
            raw.cong_don_thoi_gian.as_deref().unwrap_or(time_default),
            &[
                ("tong", TimeRule::Sum),
                ("cuoi_ky", TimeRule::Last),
                ("trung_binh", TimeRule::Mean),
            ],
            "cong_don_thoi_gian",
            &source.key_location("cong_don_thoi_gian", start),
            diagnostics,
        )
        .unwrap_or(TimeRule::Sum);
        let area_default = if kind == IndicatorKind::Ratio {
            "khong"
        } else {
            "tong"
        };
        let area_rule = choice(
            raw.cong_don_khu_vuc.as_deref().unwrap_or(area_default),
            &[
                ("tong", AreaRule::Sum),
                ("trung_binh", AreaRule::Mean),
                ("khong", AreaRule::None),
            ],
            "cong_don_khu_vuc",
            &source.key_location("cong_don_khu_vuc", start),
            diagnostics,
        )
        .unwrap_or(AreaRule::Sum);
        let direction = choice(
            raw.huong_tot.as_deref().unwrap_or("khong"),
            &[
                ("tang", Direction::Up),
                ("giam", Direction::Down),
                ("khong", Direction::Neutral),
            ],
            "huong_tot",
            &source.key_location("huong_tot", start),
            diagnostics,
        )
        .unwrap_or(Direction::Neutral);
        let cycle = choice(
            raw.chu_ky.as_deref().unwrap_or("quy"),
            &[
                ("thang", Cycle::Month),
                ("quy", Cycle::Quarter),
                ("nam", Cycle::Year),
            ],
            "chu_ky",
            &source.key_location("chu_ky", start),
            diagnostics,
        )
        .unwrap_or_default();
        let key = slugify(&raw.ma);
        if stats.indicators.iter().any(|i| i.key == key) {
            diagnostics.push(
                Diagnostic::error("duplicate_id", Some(location.clone()))
                    .arg("id", key.clone())
                    .arg("other", INDICATORS_FILE),
            );
        }
        let name = raw.ten.trim().to_owned();
        stats.indicators.push(Indicator {
            sentence: raw
                .cau
                .unwrap_or_else(|| format!("{name}: {{so}}"))
                .trim()
                .to_owned(),
            key,
            name,
            unit: raw.don_vi.trim().to_owned(),
            kind,
            time_rule,
            area_rule,
            direction,
            cycle,
            numerator: raw.tu_so.map(|s| slugify(&s)),
            denominator: raw.mau_so.map(|s| slugify(&s)),
            description: raw.mo_ta,
            on_dashboard: raw.trang_tong_hop,
            line,
            bands: raw
                .nhom_tuoi
                .iter()
                .map(|b| b.trim().to_owned())
                .filter(|b| !b.is_empty())
                .collect(),
        });
    }
    // A ratio's parts must be known indicators.
    for indicator in &stats.indicators {
        for (field, key) in [
            ("tu_so", &indicator.numerator),
            ("mau_so", &indicator.denominator),
        ] {
            if let Some(key) = key
                && !stats.indicators.iter().any(|i| &i.key == key)
            {
                diagnostics.push(
                    Diagnostic::error(
                        "reference_unknown",
                        Some(Location::new(INDICATORS_FILE, indicator.line, 1)),
                    )
                    .field(field)
                    .arg("value", key.clone())
                    .arg("registry", INDICATORS_FILE),
                );
            }
        }
    }
}

/// The fields of one indicator of data/indicators.toml, as the loader reads them, for the editing desk's forms.
pub fn indicator_schema() -> schemars::Schema {
    schemars::schema_for!(RawIndicator)
}
