//! Dates as documents give them: possibly partial (`ngày   tháng 3 năm 2026` in a draft).

use chrono::NaiveDate;

/// A date whose day, month or year may still be blank, as in a draft document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord, serde::Serialize)]
pub struct PartialDate {
    /// Year, if known.
    pub year: Option<i32>,
    /// Month 1-12, if known.
    pub month: Option<u32>,
    /// Day 1-31, if known (only with a month and a year).
    pub day: Option<u32>,
}

impl PartialDate {
    /// Parses `""`, `"2026"`, `"2026-03"` or `"2026-03-04"`. Returns `None` for anything else or
    /// for a day that does not exist.
    pub fn parse(text: &str) -> Option<PartialDate> {
        let text = text.trim();
        if text.is_empty() {
            return Some(PartialDate::default());
        }
        let parts: Vec<&str> = text.split('-').collect();
        let number = |s: &str, max_len: usize| -> Option<u32> {
            if s.is_empty() || s.len() > max_len || !s.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            s.parse().ok()
        };
        let year = number(parts.first()?, 4)? as i32;
        if parts[0].len() != 4 {
            return None;
        }
        let mut date = PartialDate {
            year: Some(year),
            month: None,
            day: None,
        };
        if let Some(month) = parts.get(1) {
            let month = number(month, 2)?;
            if !(1..=12).contains(&month) {
                return None;
            }
            date.month = Some(month);
        }
        if let Some(day) = parts.get(2) {
            let day = number(day, 2)?;
            NaiveDate::from_ymd_opt(year, date.month?, day)?;
            date.day = Some(day);
        }
        if parts.len() > 3 {
            return None;
        }
        Some(date)
    }

    /// A complete date.
    pub fn full(date: NaiveDate) -> PartialDate {
        use chrono::Datelike;
        PartialDate {
            year: Some(date.year()),
            month: Some(date.month()),
            day: Some(date.day()),
        }
    }

    /// The date, when day, month and year are all known.
    pub fn to_date(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year?, self.month?, self.day?)
    }

    /// Whether nothing is known.
    pub fn is_blank(self) -> bool {
        self.year.is_none()
    }

    /// The earliest real date this could be (for sorting and feeds): missing parts count as 1.
    pub fn earliest(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year?, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The latest real date this could be (for deadlines): `2030` means 31/12/2030.
    pub fn latest(self) -> Option<NaiveDate> {
        let year = self.year?;
        match (self.month, self.day) {
            (Some(m), Some(d)) => NaiveDate::from_ymd_opt(year, m, d),
            (Some(m), None) => {
                let next = if m == 12 {
                    NaiveDate::from_ymd_opt(year + 1, 1, 1)
                } else {
                    NaiveDate::from_ymd_opt(year, m + 1, 1)
                };
                next.and_then(|n| n.pred_opt())
            }
            _ => NaiveDate::from_ymd_opt(year, 12, 31),
        }
    }

    /// ISO form of what is known: `2026-03-04`, `2026-03`, `2026` or empty.
    pub fn iso(self) -> String {
        match (self.year, self.month, self.day) {
            (Some(y), Some(m), Some(d)) => format!("{y:04}-{m:02}-{d:02}"),
            (Some(y), Some(m), None) => format!("{y:04}-{m:02}"),
            (Some(y), None, _) => format!("{y:04}"),
            _ => String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_partial_dates() {
        assert_eq!(PartialDate::parse(""), Some(PartialDate::default()));
        let y = PartialDate::parse("2026").unwrap();
        assert_eq!((y.year, y.month, y.day), (Some(2026), None, None));
        let ym = PartialDate::parse("2026-03").unwrap();
        assert_eq!(ym.month, Some(3));
        let full = PartialDate::parse("2026-03-04").unwrap();
        assert_eq!(full.to_date(), NaiveDate::from_ymd_opt(2026, 3, 4));
        assert_eq!(full.iso(), "2026-03-04");
    }

    #[test]
    fn rejects_impossible_dates() {
        for bad in [
            "2026-13",
            "2026-02-30",
            "26-03-04",
            "2026/03/04",
            "2026-03-04-01",
            "abc",
            "2026-3-4x",
        ] {
            assert_eq!(PartialDate::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn latest_and_earliest() {
        let y = PartialDate::parse("2030").unwrap();
        assert_eq!(y.latest(), NaiveDate::from_ymd_opt(2030, 12, 31));
        let feb = PartialDate::parse("2028-02").unwrap();
        assert_eq!(feb.latest(), NaiveDate::from_ymd_opt(2028, 2, 29));
        assert_eq!(feb.earliest(), NaiveDate::from_ymd_opt(2028, 2, 1));
    }
}
