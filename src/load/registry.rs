//! The registries under data/: units (units.toml), legal documents (legal.toml) and
//! commemorative days (days.toml).

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::frontmatter::{SourceText, parse_toml};
use crate::load::links;
use crate::locale::slugify;
use crate::model::{Day, DayDate, LegalDoc, PartialDate, Unit};

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct UnitsFile {
    #[serde(default)]
    #[schemars(with = "Vec<RawUnit>")]
    don_vi: Vec<Spanned<RawUnit>>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawUnit {
    ma: String,
    ten: String,
    #[serde(default)]
    ten_khac: Vec<String>,
    #[serde(default)]
    loai: String,
    #[serde(default)]
    mo_ta: String,
    #[serde(default)]
    dia_chi: String,
    #[serde(default)]
    dien_thoai: String,
    #[serde(default)]
    email: String,
}

/// Reads data/units.toml.
pub fn load_units(source: &SourceText, diagnostics: &mut Diagnostics) -> Vec<Unit> {
    let file: UnitsFile = match parse_toml(source, &source.text, 0, "ctx_units") {
        Ok(file) => file,
        Err(d) => {
            diagnostics.push(d);
            return Vec::new();
        }
    };
    let units: Vec<Unit> = file
        .don_vi
        .into_iter()
        .map(|spanned| {
            let line = source.line_of(spanned.span().start);
            let raw = spanned.into_inner();
            Unit {
                id: slugify(&raw.ma),
                name: raw.ten,
                aliases: raw.ten_khac,
                kind: raw.loai,
                description: raw.mo_ta,
                address: raw.dia_chi,
                phone: raw.dien_thoai,
                email: raw.email,
                source: source.path.clone(),
                line,
            }
        })
        .collect();
    check_unique(
        source,
        units.iter().map(|u| (u.id.as_str(), u.line)),
        diagnostics,
    );
    units
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct LegalFile {
    #[serde(default)]
    #[schemars(with = "Vec<RawLegal>")]
    van_ban: Vec<Spanned<RawLegal>>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawLegal {
    #[serde(default)]
    ma: Option<String>,
    loai: String,
    #[serde(default)]
    so_ky_hieu: Option<String>,
    #[serde(default)]
    ten_goi: Vec<String>,
    trich_yeu: String,
    #[serde(default)]
    ngay: String,
    #[serde(default)]
    co_quan: String,
    #[serde(default)]
    tom_tat: String,
    #[serde(default)]
    hieu_luc: String,
    #[serde(default)]
    lien_ket: Option<String>,
    #[serde(default)]
    ngay_hieu_luc: Option<String>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    tep: Option<toml::Spanned<String>>,
}

/// Reads data/legal.toml.
pub fn load_legal(source: &SourceText, diagnostics: &mut Diagnostics) -> Vec<LegalDoc> {
    let file: LegalFile = match parse_toml(source, &source.text, 0, "ctx_legal") {
        Ok(file) => file,
        Err(d) => {
            diagnostics.push(d);
            return Vec::new();
        }
    };
    let docs: Vec<LegalDoc> = file
        .van_ban
        .into_iter()
        .map(|spanned| {
            let start = spanned.span().start;
            let line = source.line_of(start);
            let raw = spanned.into_inner();
            // Kept as written (`1791/QĐ-TTg`): the key it is looked up by is made where needed.
            let symbol = raw
                .so_ky_hieu
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty());
            let date = PartialDate::parse(&raw.ngay).unwrap_or_else(|| {
                diagnostics.push(
                    Diagnostic::error("date_invalid", Some(source.key_location("ngay", start)))
                        .field("ngay")
                        .arg("value", raw.ngay.clone()),
                );
                PartialDate::default()
            });
            let effective = raw
                .ngay_hieu_luc
                .as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .and_then(|text| {
                    let parsed = PartialDate::parse(text);
                    if parsed.is_none() {
                        diagnostics.push(
                            Diagnostic::error(
                                "date_invalid",
                                Some(source.key_location("ngay_hieu_luc", start)),
                            )
                            .field("ngay_hieu_luc")
                            .arg("value", text.to_owned()),
                        );
                    }
                    parsed
                });
            if let Some(link) = &raw.lien_ket {
                links::check_field(
                    link,
                    "lien_ket",
                    || source.key_location("lien_ket", start),
                    diagnostics,
                );
            }
            let id = match (&raw.ma, &symbol, raw.ten_goi.first()) {
                (Some(ma), _, _) => slugify(ma),
                (None, Some(symbol), _) => slugify(&format!("{} {}", raw.loai, symbol)),
                (None, None, Some(name)) => slugify(name),
                (None, None, None) => slugify(&raw.trich_yeu),
            };
            LegalDoc {
                id,
                kind: raw.loai,
                symbol,
                names: raw.ten_goi,
                title: raw.trich_yeu,
                date,
                issuer: raw.co_quan,
                summary: raw.tom_tat,
                status: raw.hieu_luc,
                link: raw.lien_ket.filter(|l| !l.trim().is_empty()),
                effective,
                file: raw.tep.filter(|f| !f.get_ref().trim().is_empty()).map(|f| {
                    (
                        f.get_ref().trim().to_owned(),
                        source.location(f.span().start),
                    )
                }),
                download: None,
                line,
            }
        })
        .collect();
    check_unique(
        source,
        docs.iter().map(|d| (d.id.as_str(), d.line)),
        diagnostics,
    );
    docs
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct DaysFile {
    #[serde(default)]
    #[schemars(with = "Vec<RawDay>")]
    ngay: Vec<Spanned<RawDay>>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawDay {
    ma: String,
    ten: String,
    #[serde(default)]
    duong_lich: Option<String>,
    #[serde(default)]
    am_lich: Option<String>,
    #[serde(default)]
    thang: Option<u32>,
    #[serde(default)]
    tu: Option<String>,
    #[serde(default)]
    den: Option<String>,
    #[serde(default)]
    chu_de: String,
    #[serde(default)]
    chu_de_nam: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    khau_hieu: Vec<String>,
    #[serde(default)]
    doi_tuong: Vec<String>,
    #[serde(default)]
    chinh_sach: Vec<String>,
    #[serde(default)]
    can_cu: String,
    #[serde(default)]
    mo_ta: String,
}

/// Parses `D/M` (`6/6`, `01/10`) into a valid day and month.
fn day_month(text: &str) -> Option<(u32, u32)> {
    let (d, m) = text.trim().split_once('/')?;
    let (d, m): (u32, u32) = (d.trim().parse().ok()?, m.trim().parse().ok()?);
    let max = match m {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => return None,
    };
    (1..=max).contains(&d).then_some((d, m))
}

/// Reads data/days.toml.
pub fn load_days(source: &SourceText, diagnostics: &mut Diagnostics) -> Vec<Day> {
    let file: DaysFile = match parse_toml(source, &source.text, 0, "ctx_days") {
        Ok(file) => file,
        Err(d) => {
            diagnostics.push(d);
            return Vec::new();
        }
    };
    let mut days = Vec::new();
    for spanned in file.ngay {
        let start = spanned.span().start;
        let line = source.line_of(start);
        let raw = spanned.into_inner();
        let invalid = |key: &str, value: &str| {
            Diagnostic::error("day_date_invalid", Some(source.key_location(key, start)))
                .field(key)
                .arg("value", value.to_owned())
        };
        let date = if let Some(text) = &raw.duong_lich {
            day_month(text)
                .map(|(day, month)| DayDate::Solar { day, month })
                .ok_or_else(|| invalid("duong_lich", text))
        } else if let Some(text) = &raw.am_lich {
            day_month(text)
                .filter(|(d, _)| *d <= 30)
                .map(|(day, month)| DayDate::Lunar { day, month })
                .ok_or_else(|| invalid("am_lich", text))
        } else if let Some(month) = raw.thang {
            if (1..=12).contains(&month) {
                Ok(DayDate::Month { month })
            } else {
                Err(invalid("thang", &month.to_string()))
            }
        } else if let (Some(from), Some(to)) = (&raw.tu, &raw.den) {
            match (day_month(from), day_month(to)) {
                (Some((from_day, from_month)), Some((to_day, to_month))) => Ok(DayDate::Range {
                    from_day,
                    from_month,
                    to_day,
                    to_month,
                }),
                (None, _) => Err(invalid("tu", from)),
                (_, None) => Err(invalid("den", to)),
            }
        } else {
            Err(
                Diagnostic::error("day_date_missing", Some(source.location(start)))
                    .arg("id", raw.ma.clone()),
            )
        };
        let mut themes_by_year = std::collections::BTreeMap::new();
        for (year, theme) in &raw.chu_de_nam {
            match year.trim().parse::<i32>() {
                Ok(y) if (1900..=2200).contains(&y) => {
                    themes_by_year.insert(y, theme.clone());
                }
                _ => diagnostics.push(
                    Diagnostic::error(
                        "day_theme_year",
                        Some(source.key_location("chu_de_nam", start)),
                    )
                    .field("chu_de_nam")
                    .arg("value", year.clone()),
                ),
            }
        }
        match date {
            Ok(date) => days.push(Day {
                id: slugify(&raw.ma),
                name: raw.ten,
                date,
                theme: raw.chu_de,
                themes_by_year,
                slogans: raw.khau_hieu,
                groups: raw.doi_tuong,
                policies: raw.chinh_sach,
                basis: raw.can_cu,
                description: raw.mo_ta,
                line,
            }),
            Err(d) => diagnostics.push(d),
        }
    }
    check_unique(
        source,
        days.iter().map(|d| (d.id.as_str(), d.line)),
        diagnostics,
    );
    days
}

/// Reports ids used twice in one registry (an empty id, which gives no address, is reported by
/// the address check of the validate stage).
fn check_unique<'a>(
    source: &SourceText,
    ids: impl Iterator<Item = (&'a str, usize)>,
    diagnostics: &mut Diagnostics,
) {
    let mut seen: std::collections::BTreeMap<&str, usize> = Default::default();
    for (id, line) in ids.filter(|(id, _)| !id.is_empty()) {
        if let Some(first) = seen.insert(id, line) {
            diagnostics.push(
                Diagnostic::error(
                    "duplicate_id",
                    Some(crate::diagnostics::Location::new(
                        source.path.clone(),
                        line,
                        1,
                    )),
                )
                .arg("id", id.to_owned())
                .arg(
                    "other",
                    format!(
                        "{}:{}",
                        crate::diagnostics::display_path(&source.path),
                        first
                    ),
                ),
            );
        }
    }
}

/// The fields of one unit of data/units.toml, as the loader reads them, for the editing desk's forms.
pub fn unit_schema() -> schemars::Schema {
    schemars::schema_for!(RawUnit)
}

/// The fields of one legal document of data/legal.toml, as the loader reads them, for the editing desk's forms.
pub fn legal_schema() -> schemars::Schema {
    schemars::schema_for!(RawLegal)
}

/// The fields of one commemorative day of data/days.toml, as the loader reads them, for the editing desk's forms.
pub fn day_schema() -> schemars::Schema {
    schemars::schema_for!(RawDay)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_month_checks_ranges() {
        assert_eq!(day_month("6/6"), Some((6, 6)));
        assert_eq!(day_month(" 01/10 "), Some((1, 10)));
        assert_eq!(day_month("31/4"), None);
        assert_eq!(day_month("1/13"), None);
        assert_eq!(day_month("abc"), None);
    }

    #[test]
    fn units_report_duplicates_with_lines() {
        let text = "[[don_vi]]\nma = \"a\"\nten = \"A\"\n\n[[don_vi]]\nma = \"a\"\nten = \"B\"\n";
        let source = SourceText::new("data/units.toml", text.to_owned());
        let mut d = Diagnostics::new();
        let units = load_units(&source, &mut d);
        assert_eq!(units.len(), 2);
        assert_eq!(units[1].line, 5);
        let errors: Vec<_> = d.iter().collect();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].code, "duplicate_id");
        assert_eq!(errors[0].location.as_ref().unwrap().line, 5);
    }

    #[test]
    fn days_parse_every_kind_of_date() {
        let text = r#"
[[ngay]]
ma = "nct"
ten = "Ngày Người cao tuổi Việt Nam"
duong_lich = "6/6"

[[ngay]]
ma = "trung-thu"
ten = "Tết Trung thu"
am_lich = "15/8"

[[ngay]]
ma = "thang-nct"
ten = "Tháng hành động vì người cao tuổi"
thang = 10

[[ngay]]
ma = "hiv"
ten = "Tháng hành động phòng, chống HIV/AIDS"
tu = "10/11"
den = "10/12"

[[ngay]]
ma = "sai"
ten = "Sai"
duong_lich = "32/1"
"#;
        let source = SourceText::new("data/days.toml", text.to_owned());
        let mut d = Diagnostics::new();
        let days = load_days(&source, &mut d);
        assert_eq!(days.len(), 4);
        assert_eq!(days[1].date, DayDate::Lunar { day: 15, month: 8 });
        let errors: Vec<_> = d.iter().collect();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].code, "day_date_invalid");
        assert_eq!(errors[0].location.as_ref().unwrap().line, 26);
    }
}
