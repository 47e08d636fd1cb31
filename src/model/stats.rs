//! Statistics: the indicator registry (data/indicators.toml), aggregated figures (data/stats/),
//! campaigns (content/campaigns/) and report narratives (content/reports/).

use std::path::PathBuf;

use crate::diagnostics::Location;
use crate::model::{PartialDate, Signer};

/// What an indicator counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorKind {
    /// A number of people, households, visits (`so_luong`). Small counts are suppressed.
    Count,
    /// An amount of money (`so_tien`).
    Amount,
    /// A percentage (`ty_le`), given directly or computed from a numerator and a denominator.
    Ratio,
}

/// How figures of several periods make one figure of a longer period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeRule {
    /// Added up (`tong`): payments, visits.
    Sum,
    /// The value at the end of the period (`cuoi_ky`): people receiving an allowance.
    Last,
    /// The mean of the periods (`trung_binh`).
    Mean,
}

/// How the residential groups' figures make the ward's figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AreaRule {
    /// Added up (`tong`).
    Sum,
    /// The mean of the groups (`trung_binh`).
    Mean,
    /// Not combined (`khong`): the ward figure is given on its own.
    None,
}

/// The period an indicator is counted for (`chu_ky`): its page charts, tables and comparisons
/// are made at this level, finer figures summed up to it by the indicator's time rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Cycle {
    /// By month (`thang`): months where the figures are monthly, else the finest level given.
    Month,
    /// By quarter (`quy`, the default): the finest level the figures have, as before `chu_ky`.
    #[default]
    Quarter,
    /// Once a year (`nam`): one value per year; a year still running is summed over the part
    /// given and says so (`năm 2026 (đến hết quý III)`).
    Year,
}

/// Which direction of change is good news.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Higher is better (`tang`).
    Up,
    /// Lower is better (`giam`).
    Down,
    /// Neither (`khong`).
    Neutral,
}

/// An indicator (chỉ số) of data/indicators.toml.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Indicator {
    /// Key (`ty-le-bhyt`), also the address `/so-lieu/ty-le-bhyt/`.
    pub key: String,
    /// Vietnamese name.
    pub name: String,
    /// Unit (`người`, `hộ`, `lượt`, `đồng`, `%`).
    pub unit: String,
    /// Count, amount or ratio.
    pub kind: IndicatorKind,
    /// Roll-up over time.
    pub time_rule: TimeRule,
    /// Roll-up over areas.
    pub area_rule: AreaRule,
    /// Which way is good.
    pub direction: Direction,
    /// The period it is counted for.
    pub cycle: Cycle,
    /// Ratio: key of the numerator indicator.
    pub numerator: Option<String>,
    /// Ratio: key of the denominator indicator.
    pub denominator: Option<String>,
    /// The dashboard sentence, `{so}` standing for the figure (`{so} người đang hưởng ...`).
    pub sentence: String,
    /// A sentence or two on what is counted.
    pub description: String,
    /// Whether it appears on the dashboard.
    pub on_dashboard: bool,
    /// 1-based line of its entry.
    pub line: usize,
    /// Age bands its figures may be broken down by (`70`, ..., `100`, `100+`); empty: none.
    pub bands: Vec<String>,
}

/// A period of figures: a month, a quarter or a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(tag = "loai", rename_all = "snake_case")]
pub enum Period {
    /// `2026-03`.
    Month {
        /// Year.
        year: i32,
        /// Month 1-12.
        month: u32,
    },
    /// `2026-Q1`.
    Quarter {
        /// Year.
        year: i32,
        /// Quarter 1-4.
        quarter: u32,
    },
    /// `2026`.
    Year {
        /// Year.
        year: i32,
    },
}

impl Period {
    /// Before every period (for ranges).
    pub const MIN: Period = Period::Month {
        year: i32::MIN,
        month: 0,
    };
    /// After every period (for ranges).
    pub const MAX: Period = Period::Year { year: i32::MAX };

    /// Parses `2026-03`, `2026-Q1` (or `2026-q1`) or `2026`.
    pub fn parse(text: &str) -> Option<Period> {
        let text = text.trim();
        let year_of = |s: &str| -> Option<i32> {
            (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
                .filter(|y| (1900..=2200).contains(y))
        };
        match text.split_once('-') {
            None => Some(Period::Year {
                year: year_of(text)?,
            }),
            Some((y, rest)) => {
                let year = year_of(y)?;
                if let Some(q) = rest.strip_prefix(['Q', 'q']) {
                    let quarter: u32 = (q.len() == 1).then(|| q.parse().ok()).flatten()?;
                    (1..=4)
                        .contains(&quarter)
                        .then_some(Period::Quarter { year, quarter })
                } else {
                    if rest.len() != 2 || !rest.bytes().all(|b| b.is_ascii_digit()) {
                        return None;
                    }
                    let month: u32 = rest.parse().ok()?;
                    (1..=12)
                        .contains(&month)
                        .then_some(Period::Month { year, month })
                }
            }
        }
    }

    /// The code as written in files: `2026-03`, `2026-Q1`, `2026`.
    pub fn code(self) -> String {
        match self {
            Period::Month { year, month } => format!("{year}-{month:02}"),
            Period::Quarter { year, quarter } => format!("{year}-Q{quarter}"),
            Period::Year { year } => year.to_string(),
        }
    }

    /// The year.
    pub fn year(self) -> i32 {
        match self {
            Period::Month { year, .. } | Period::Quarter { year, .. } | Period::Year { year } => {
                year
            }
        }
    }

    /// 0 for months, 1 for quarters, 2 for years.
    pub fn level(self) -> u8 {
        match self {
            Period::Month { .. } => 0,
            Period::Quarter { .. } => 1,
            Period::Year { .. } => 2,
        }
    }

    /// The period one level up (month -> quarter -> year); a year has none.
    pub fn parent(self) -> Option<Period> {
        match self {
            Period::Month { year, month } => Some(Period::Quarter {
                year,
                quarter: (month - 1) / 3 + 1,
            }),
            Period::Quarter { year, .. } => Some(Period::Year { year }),
            Period::Year { .. } => None,
        }
    }

    /// The periods one level down, in order (a month has none).
    pub fn children(self) -> Vec<Period> {
        match self {
            Period::Month { .. } => Vec::new(),
            Period::Quarter { year, quarter } => (1..=3)
                .map(|i| Period::Month {
                    year,
                    month: (quarter - 1) * 3 + i,
                })
                .collect(),
            Period::Year { year } => (1..=4)
                .map(|quarter| Period::Quarter { year, quarter })
                .collect(),
        }
    }

    /// The period just before, at the same level.
    pub fn previous(self) -> Period {
        match self {
            Period::Month { year, month: 1 } => Period::Month {
                year: year - 1,
                month: 12,
            },
            Period::Month { year, month } => Period::Month {
                year,
                month: month - 1,
            },
            Period::Quarter { year, quarter: 1 } => Period::Quarter {
                year: year - 1,
                quarter: 4,
            },
            Period::Quarter { year, quarter } => Period::Quarter {
                year,
                quarter: quarter - 1,
            },
            Period::Year { year } => Period::Year { year: year - 1 },
        }
    }

    /// The same period a year before.
    pub fn year_before(self) -> Period {
        match self {
            Period::Month { year, month } => Period::Month {
                year: year - 1,
                month,
            },
            Period::Quarter { year, quarter } => Period::Quarter {
                year: year - 1,
                quarter,
            },
            Period::Year { year } => Period::Year { year: year - 1 },
        }
    }

    /// The last day of the period.
    pub fn last_day(self) -> chrono::NaiveDate {
        let (year, month) = match self {
            Period::Month { year, month } => (year, month),
            Period::Quarter { year, quarter } => (year, quarter * 3),
            Period::Year { year } => (year, 12),
        };
        let (next_year, next_month) = if month == 12 {
            (year + 1, 1)
        } else {
            (year, month + 1)
        };
        chrono::NaiveDate::from_ymd_opt(next_year, next_month, 1)
            .and_then(|d| d.pred_opt())
            .unwrap_or(chrono::NaiveDate::MIN)
    }

    /// The period a (possibly partial) deadline falls in: `2030` -> year 2030, `2026-06` -> June.
    pub fn of_deadline(date: PartialDate) -> Option<Period> {
        match (date.year, date.month) {
            (Some(year), Some(month)) => Some(Period::Month { year, month }),
            (Some(year), None) => Some(Period::Year { year }),
            _ => None,
        }
    }

    /// A number in chronological order (by end, shorter periods first): months of a quarter,
    /// then the quarter, ..., then the year. Cheap to compare and to sort by.
    pub fn rank(self) -> i64 {
        let (year, within) = match self {
            Period::Month { year, month } => (year, i64::from(month) * 10),
            Period::Quarter { year, quarter } => (year, i64::from(quarter) * 30 + 1),
            Period::Year { year } => (year, 200),
        };
        i64::from(year) * 256 + within
    }
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Period {
    /// Chronological by end: months of a quarter, then the quarter, ... then the year.
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.rank().cmp(&other.rank())
    }
}

/// Where a figure is about: the whole ward or one residential group (index in `SiteConfig::areas`).
pub type AreaIndex = Option<u16>;

/// One figure of a data file (already checked: known indicator and area, valid number).
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// Index into `Statistics::indicators`.
    pub indicator: u16,
    /// Area (`None` = the whole ward).
    pub area: AreaIndex,
    /// Period.
    pub period: Period,
    /// Value.
    pub value: f64,
    /// Note, if any.
    pub note: String,
    /// Index into `Statistics::files`.
    pub file: u16,
    /// 1-based line (CSV) or row (spreadsheet).
    pub line: u32,
}

/// A goal of a campaign: reach a value of an indicator.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Goal {
    /// Indicator key.
    pub indicator: String,
    /// Value to reach (or not to exceed for indicators where lower is better).
    pub value: f64,
    /// Line in the source.
    pub line: usize,
}

/// A campaign (content/campaigns/*.md).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Campaign {
    /// Address slug.
    pub slug: String,
    /// Source file.
    pub source: PathBuf,
    /// Name.
    pub title: String,
    /// First day.
    pub start: chrono::NaiveDate,
    /// Last day.
    pub end: chrono::NaiveDate,
    /// The period whose figures measure it.
    pub period: Period,
    /// Goals.
    pub goals: Vec<Goal>,
    /// One-sentence summary.
    pub summary: String,
    /// Markdown narrative.
    pub body: String,
    /// Links and images of the body, with their places.
    #[serde(skip)]
    pub links: Vec<crate::model::LinkRef>,
}

/// A periodic report narrative (content/reports/*.md): the parts a person writes.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ReportText {
    /// Address slug.
    pub slug: String,
    /// Source file.
    pub source: PathBuf,
    /// Report title.
    pub title: String,
    /// The period reported on.
    pub period: Period,
    /// Number (blank in a draft).
    pub number: String,
    /// Symbol (`BC-UBND`).
    pub symbol: String,
    /// Issue date.
    pub date: PartialDate,
    /// Addressees (`Kính gửi`).
    pub addressees: Vec<String>,
    /// Key indicators shown first; empty = every dashboard indicator.
    pub key_indicators: Vec<String>,
    /// Subject line printed under the type name (trích yếu).
    pub subject: String,
    /// Place of issue (`Lưu Kiếm`).
    pub place: String,
    /// Recipients (`Nơi nhận`); empty: the template's default.
    pub recipients: Vec<String>,
    /// Who signs (the site's signer unless the report names one).
    pub signer: Signer,
    /// Markdown narrative.
    pub body: String,
    /// Line of the first body line.
    pub body_line: usize,
    /// Links and images of the body, with their places.
    #[serde(skip)]
    pub links: Vec<crate::model::LinkRef>,
    /// Location of the front matter (for cross-reference problems).
    #[serde(skip)]
    pub location: Location,
}

/// Everything statistical the site has.
#[derive(Debug, Clone, Default)]
pub struct Statistics {
    /// Indicators, in registry order.
    pub indicators: Vec<Indicator>,
    /// Every figure of every data file, sorted by indicator, area and period once loaded (a
    /// figure's file and line say where it came from).
    pub figures: Vec<Figure>,
    /// Data files read (relative paths; a spreadsheet sheet is `file.xlsx!Sheet`).
    pub files: Vec<PathBuf>,
    /// Counts below this are shown as `< N`.
    pub threshold: u32,
    /// Figures are illustrative (số liệu minh họa): said on every statistics page.
    pub illustrative: bool,
    /// Licence of the open data.
    pub licence: String,
    /// Campaigns, newest first.
    pub campaigns: Vec<Campaign>,
    /// Reports, newest first.
    pub reports: Vec<ReportText>,
    /// Figures broken down by age band (rows with `nhom_tuoi`), in file order.
    pub band_figures: Vec<BandFigure>,
}

/// A figure of one age band: like [`Figure`], for one of its indicator's bands.
#[derive(Debug, Clone, PartialEq)]
pub struct BandFigure {
    /// The figure (indicator, area, period, value, where it is).
    pub figure: Figure,
    /// Index into the indicator's `bands`.
    pub band: u8,
}

impl Statistics {
    /// Positions of the figures sorted by indicator, area, period, then row (so the first of two
    /// equal rows comes first). Compact keys beside the row numbers sort faster than comparisons
    /// reaching into the figures.
    pub fn figure_order(&self) -> Vec<u32> {
        // One integer per figure: indicator (16 bits), area (17: the ward first), period rank
        // (48, offset to be positive), row (32). Sorting a million of them takes a third of the
        // time tuples take.
        let mut keyed: Vec<u128> = self
            .figures
            .iter()
            .enumerate()
            .map(|(n, f)| {
                let area = f.area.map_or(0, |a| u128::from(a) + 1);
                let rank = (f.period.rank() + (1 << 47)) as u128 & ((1 << 48) - 1);
                (u128::from(f.indicator) << 97) | (area << 80) | (rank << 32) | n as u128
            })
            .collect();
        keyed.sort_unstable();
        keyed.into_iter().map(|k| k as u32).collect()
    }

    /// The index of an indicator by key.
    pub fn indicator_index(&self, key: &str) -> Option<usize> {
        self.indicators.iter().position(|i| i.key == key)
    }

    /// Where a figure came from.
    pub fn figure_location(&self, figure: &Figure) -> Location {
        let file = self
            .files
            .get(figure.file as usize)
            .cloned()
            .unwrap_or_default();
        Location::new(file, figure.line as usize, 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_parse_and_order() {
        assert_eq!(
            Period::parse("2026-03"),
            Some(Period::Month {
                year: 2026,
                month: 3
            })
        );
        assert_eq!(
            Period::parse("2026-Q1"),
            Some(Period::Quarter {
                year: 2026,
                quarter: 1
            })
        );
        assert_eq!(Period::parse("2026"), Some(Period::Year { year: 2026 }));
        for bad in [
            "2026-13", "2026-Q5", "26-03", "2026-3", "2026/03", "", "quý 1",
        ] {
            assert_eq!(Period::parse(bad), None, "{bad}");
        }
        let mut periods: Vec<Period> = ["2026", "2026-Q1", "2026-03", "2026-01", "2025-12"]
            .iter()
            .filter_map(|p| Period::parse(p))
            .collect();
        periods.sort();
        let codes: Vec<String> = periods.iter().map(|p| p.code()).collect();
        assert_eq!(codes, ["2025-12", "2026-01", "2026-03", "2026-Q1", "2026"]);
    }

    #[test]
    fn period_arithmetic() {
        let q1 = Period::parse("2026-Q1").unwrap();
        assert_eq!(q1.previous().code(), "2025-Q4");
        assert_eq!(q1.year_before().code(), "2025-Q1");
        assert_eq!(
            Period::parse("2026-01").unwrap().previous().code(),
            "2025-12"
        );
        assert_eq!(
            Period::parse("2026-05").unwrap().parent(),
            Some(Period::parse("2026-Q2").unwrap())
        );
        let months: Vec<String> = Period::parse("2026-Q3")
            .unwrap()
            .children()
            .iter()
            .map(|p| p.code())
            .collect();
        assert_eq!(months, ["2026-07", "2026-08", "2026-09"]);
        assert_eq!(q1.last_day().to_string(), "2026-03-31");
    }
}
