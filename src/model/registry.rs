//! The registries under data/: units (units.toml), legal documents (legal.toml) and
//! commemorative days (days.toml), as the model keeps them.

use super::PartialDate;
use std::path::PathBuf;

/// A body that receives duties (data/units.toml).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Unit {
    /// Id and URL slug.
    pub id: String,
    /// Name.
    pub name: String,
    /// Other names plans use for it.
    pub aliases: Vec<String>,
    /// Kind (phòng chuyên môn, công an, y tế, trường học, mặt trận, đoàn thể, khu dân cư, ...).
    pub kind: String,
    /// What it does, in a sentence or two.
    pub description: String,
    /// Address.
    pub address: String,
    /// Phone.
    pub phone: String,
    /// Email.
    pub email: String,
    /// Source file and line.
    pub source: PathBuf,
    /// 1-based line of its entry.
    pub line: usize,
}

/// A legal or policy document the ward cites (data/legal.toml).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct LegalDoc {
    /// Id and URL slug.
    pub id: String,
    /// Type name (`Nghị định`, `Luật`).
    pub kind: String,
    /// Number and symbol (`20/2021/NĐ-CP`), if it has one.
    pub symbol: Option<String>,
    /// Names it is cited by (laws: `Luật Người khuyết tật`).
    pub names: Vec<String>,
    /// Subject (trích yếu).
    pub title: String,
    /// Issue date.
    pub date: PartialDate,
    /// Issuing body.
    pub issuer: String,
    /// One or two plain sentences for residents.
    pub summary: String,
    /// Status (`Còn hiệu lực`, ...).
    pub status: String,
    /// Link to the official text.
    pub link: Option<String>,
    /// Date it takes effect (ngày có hiệu lực), when known.
    pub effective: Option<PartialDate>,
    /// Its full text to download (`tep`, a file in the site folder), as written and where.
    #[serde(skip)]
    pub file: Option<(String, crate::diagnostics::Location)>,
    /// That file, read by the loader; published beside the policy's page.
    pub download: Option<crate::model::Form>,
    /// 1-based line of its entry in data/legal.toml.
    pub line: usize,
}

impl LegalDoc {
    /// How a reader names it: `Nghị định số 20/2021/NĐ-CP` or the law's name.
    pub fn display_name(&self) -> String {
        let is_law = crate::locale::fold_diacritics(&self.kind).eq_ignore_ascii_case("luat");
        match (&self.symbol, self.names.first()) {
            (_, Some(name)) if is_law || self.symbol.is_none() => name.clone(),
            (Some(symbol), _) => format!("{} số {}", self.kind, symbol),
            (None, _) => self.kind.clone(),
        }
    }
}

/// When a commemorative day falls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DayDate {
    /// A solar day and month.
    Solar {
        /// Day.
        day: u32,
        /// Month.
        month: u32,
    },
    /// A lunar day and month.
    Lunar {
        /// Day.
        day: u32,
        /// Month.
        month: u32,
    },
    /// A whole month (Tháng hành động).
    Month {
        /// Month.
        month: u32,
    },
    /// A span of solar days, possibly across the new year boundary.
    Range {
        /// First day.
        from_day: u32,
        /// First month.
        from_month: u32,
        /// Last day.
        to_day: u32,
        /// Last month.
        to_month: u32,
    },
}

/// A commemorative day (data/days.toml).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Day {
    /// Id and URL slug.
    pub id: String,
    /// Name (`Ngày Người cao tuổi Việt Nam`).
    pub name: String,
    /// When it falls.
    pub date: DayDate,
    /// Theme used every year unless `themes_by_year` has one for the year (`chu_de`).
    pub theme: String,
    /// Themes chosen for particular years (`chu_de_nam`), by year.
    pub themes_by_year: std::collections::BTreeMap<i32, String>,
    /// Slogans.
    pub slogans: Vec<String>,
    /// Groups concerned.
    pub groups: Vec<String>,
    /// Ids of related legal documents.
    pub policies: Vec<String>,
    /// Basis (law, decision).
    pub basis: String,
    /// A short description for residents.
    pub description: String,
    /// 1-based line of its entry.
    pub line: usize,
}

impl Day {
    /// The theme of the occurrence in `year`: that year's own theme, else the standing one.
    pub fn theme_for(&self, year: i32) -> &str {
        self.themes_by_year.get(&year).unwrap_or(&self.theme)
    }
}

/// An administrative procedure (thủ tục hành chính) residents carry out with the ward
/// (data/thu-tuc.toml), as listed on the National Public Service Portal.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Procedure {
    /// The portal's procedure code (`1.001776`), when it is known; `None` when the site folder
    /// gives none (a code is never made up).
    pub code: Option<String>,
    /// Anchor on the procedures page: `tt-1-001776` from the code, else from the name.
    pub anchor: String,
    /// Name as the portal words it.
    pub name: String,
    /// Field (lĩnh vực: `Bảo trợ xã hội`).
    pub field: String,
    /// Level that settles it (`Cấp xã`).
    pub level: String,
    /// Where the papers are handed in.
    pub place: String,
    /// How long it takes.
    pub duration: String,
    /// Fees (`Không`).
    pub fees: String,
    /// Papers to bring, one per entry.
    pub papers: Vec<String>,
    /// The procedure's own page on the national or the province's portal, when given.
    pub link: Option<String>,
    /// 1-based line of its entry in data/thu-tuc.toml.
    pub line: usize,
}

impl Procedure {
    /// The anchor a procedure code gives (`1.001776` -> `tt-1-001776`).
    pub fn anchor_for_code(code: &str) -> String {
        format!("tt-{}", crate::locale::slugify(&code.replace('.', "-")))
    }
}
