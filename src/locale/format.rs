//! Vietnamese number and date formatting (`1.234.567`, `96,5%`, `ngày 04 tháng 3 năm 2026`).
//!
//! This module is the locale table of the project: the words of the calendar live here and in the
//! theme's templates, nowhere else in the code.

use chrono::{Datelike, NaiveDate, Weekday};

/// Name of the subscription calendar.
pub const CALENDAR_NAME: &str = "Lịch các ngày kỷ niệm, sự kiện an sinh xã hội";

/// Accessible name of a scrollable table region in article bodies.
pub const TABLE_LABEL: &str = "Bảng";

/// Groups the digits of an integer with `.`: `1234567` -> `1.234.567`.
pub fn integer(value: i64) -> String {
    let digits = value.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if value < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// A decimal number with `.` thousands and `,` decimals, at most `max_decimals` decimals and
/// trailing zeros dropped: `1500050.3` -> `1.500.050,3`; with `fixed`, exactly that many decimals.
pub fn decimal(value: f64, max_decimals: usize, fixed: bool) -> String {
    if !value.is_finite() {
        return String::from("—");
    }
    let rendered = format!("{:.*}", max_decimals, value.abs());
    let (int_part, frac_part) = match rendered.split_once('.') {
        Some((i, f)) => (i, f),
        None => (rendered.as_str(), ""),
    };
    let frac = if fixed {
        frac_part
    } else {
        frac_part.trim_end_matches('0')
    };
    let int_value: i64 = int_part.parse().unwrap_or(0);
    let negative = value < 0.0 && (int_value != 0 || !frac.is_empty());
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    out.push_str(&integer(int_value));
    if !frac.is_empty() {
        out.push(',');
        out.push_str(frac);
    }
    out
}

/// A file size as a resident reads it: `24 KB` (rounded up), `1,2 MB`.
pub fn file_size(bytes: u64) -> String {
    if bytes < 1024 * 1024 {
        format!("{} KB", integer(bytes.div_ceil(1024) as i64))
    } else {
        format!("{} MB", decimal(bytes as f64 / (1024.0 * 1024.0), 1, false))
    }
}

/// A percentage without a space: `96.5` -> `96,5%`, `100.0` -> `100%`.
pub fn percent(value: f64) -> String {
    format!("{}%", decimal(value, 1, false))
}

/// An amount of money in running text: `1500000` -> `1.500.000 đồng`.
pub fn money(value: f64) -> String {
    format!("{} đồng", decimal(value, 0, false))
}

/// Day of the month as printed in a document heading: zero-padded below 10.
pub fn heading_day(day: u32) -> String {
    format!("{day:02}")
}

/// Month as printed in a document heading: months 1 and 2 zero-padded (`01`, `02`), others not.
pub fn heading_month(month: u32) -> String {
    if month <= 2 {
        format!("{month:02}")
    } else {
        month.to_string()
    }
}

/// The date line of a document heading: `ngày 04 tháng 3 năm 2026`.
pub fn heading_date(date: NaiveDate) -> String {
    format!(
        "ngày {} tháng {} năm {}",
        heading_day(date.day()),
        heading_month(date.month()),
        date.year()
    )
}

/// A date in running text: `15/9/2016`.
pub fn short_date(date: NaiveDate) -> String {
    format!("{}/{}/{}", date.day(), date.month(), date.year())
}

/// A day and month in running text: `18/4`.
pub fn day_month(day: u32, month: u32) -> String {
    format!("{day}/{month}")
}

/// The weekday in Vietnamese: `Thứ Hai` ... `Chủ nhật`.
pub fn weekday(date: NaiveDate) -> &'static str {
    match date.weekday() {
        Weekday::Mon => "Thứ Hai",
        Weekday::Tue => "Thứ Ba",
        Weekday::Wed => "Thứ Tư",
        Weekday::Thu => "Thứ Năm",
        Weekday::Fri => "Thứ Sáu",
        Weekday::Sat => "Thứ Bảy",
        Weekday::Sun => "Chủ nhật",
    }
}

/// A full date for readers: `Thứ Tư, ngày 04 tháng 3 năm 2026`.
pub fn long_date(date: NaiveDate) -> String {
    format!("{}, {}", weekday(date), heading_date(date))
}

/// The name of a month of the solar calendar: `Tháng 3`.
pub fn month_name(month: u32) -> String {
    format!("Tháng {month}")
}

/// The customary name of a lunar month: `Giêng` for 1, `Chạp` for 12, else the number.
pub fn lunar_month_name(month: u32) -> String {
    match month {
        1 => "Giêng".to_owned(),
        12 => "Chạp".to_owned(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn integers_group_by_dots() {
        assert_eq!(integer(0), "0");
        assert_eq!(integer(999), "999");
        assert_eq!(integer(1000), "1.000");
        assert_eq!(integer(1_234_567), "1.234.567");
        assert_eq!(integer(-1_234), "-1.234");
    }

    #[test]
    fn decimals_use_comma() {
        assert_eq!(decimal(1_500_050.30, 2, true), "1.500.050,30");
        assert_eq!(decimal(1_500_050.30, 2, false), "1.500.050,3");
        assert_eq!(decimal(2.0, 2, false), "2");
        assert_eq!(decimal(-0.5, 1, false), "-0,5");
        assert_eq!(decimal(f64::NAN, 1, false), "—");
    }

    #[test]
    fn percents_have_no_space() {
        assert_eq!(percent(96.5), "96,5%");
        assert_eq!(percent(100.0), "100%");
        assert_eq!(percent(33.333), "33,3%");
    }

    #[test]
    fn money_in_prose() {
        assert_eq!(money(1_500_000.0), "1.500.000 đồng");
    }

    #[test]
    fn heading_dates_pad_day_and_first_two_months() {
        assert_eq!(heading_date(d(2026, 3, 4)), "ngày 04 tháng 3 năm 2026");
        assert_eq!(heading_date(d(2026, 1, 15)), "ngày 15 tháng 01 năm 2026");
        assert_eq!(heading_date(d(2026, 2, 9)), "ngày 09 tháng 02 năm 2026");
        assert_eq!(heading_date(d(2026, 12, 31)), "ngày 31 tháng 12 năm 2026");
    }

    #[test]
    fn running_dates_are_unpadded() {
        assert_eq!(short_date(d(2016, 9, 15)), "15/9/2016");
        assert_eq!(short_date(d(2021, 3, 5)), "5/3/2021");
    }

    #[test]
    fn weekdays_and_long_dates() {
        assert_eq!(long_date(d(2026, 3, 4)), "Thứ Tư, ngày 04 tháng 3 năm 2026");
        assert_eq!(weekday(d(2026, 11, 22)), "Chủ nhật");
    }
}

/// A possibly partial date in a list: `4/3/2026`, `tháng 3/2026`, `năm 2026`, or `chưa ghi ngày`.
pub fn partial_short(year: Option<i32>, month: Option<u32>, day: Option<u32>) -> String {
    match (year, month, day) {
        (Some(y), Some(m), Some(d)) => format!("{d}/{m}/{y}"),
        (Some(y), Some(m), None) => format!("tháng {m}/{y}"),
        (Some(y), None, _) => format!("năm {y}"),
        _ => "chưa ghi ngày".to_owned(),
    }
}

/// The date line of a document heading with blanks left as `…` (a draft):
/// `ngày … tháng 3 năm 2026`.
pub fn partial_heading(year: Option<i32>, month: Option<u32>, day: Option<u32>) -> String {
    let blank = "…";
    format!(
        "ngày {} tháng {} năm {}",
        day.map_or(blank.to_owned(), heading_day),
        month.map_or(blank.to_owned(), heading_month),
        year.map_or(blank.to_owned(), |y| y.to_string())
    )
}

/// A lunar date in words: `ngày 15 tháng 8 năm Bính Ngọ` (`tháng 4 nhuận` for a leap month).
pub fn lunar_date(day: u32, month: u32, leap: bool, year_name: &str) -> String {
    let leap = if leap { " nhuận" } else { "" };
    format!(
        "ngày {day} tháng {}{leap} năm {year_name}",
        lunar_month_name(month)
    )
}

#[cfg(test)]
mod partial_tests {
    use super::*;

    #[test]
    fn partial_dates() {
        assert_eq!(partial_short(Some(2026), Some(3), Some(4)), "4/3/2026");
        assert_eq!(partial_short(Some(2026), Some(3), None), "tháng 3/2026");
        assert_eq!(partial_short(None, None, None), "chưa ghi ngày");
        assert_eq!(
            partial_heading(Some(2026), None, None),
            "ngày … tháng … năm 2026"
        );
        assert_eq!(
            partial_heading(Some(2026), Some(3), None),
            "ngày … tháng 3 năm 2026"
        );
        assert_eq!(
            partial_heading(Some(2026), Some(1), Some(5)),
            "ngày 05 tháng 01 năm 2026"
        );
    }

    #[test]
    fn lunar_words() {
        assert_eq!(
            lunar_date(15, 8, false, "Bính Ngọ"),
            "ngày 15 tháng 8 năm Bính Ngọ"
        );
        assert_eq!(
            lunar_date(1, 1, false, "Bính Ngọ"),
            "ngày 1 tháng Giêng năm Bính Ngọ"
        );
        assert_eq!(
            lunar_date(3, 6, true, "Ất Tỵ"),
            "ngày 3 tháng 6 nhuận năm Ất Tỵ"
        );
    }
}

/// Roman numerals of the quarters (`quý III`).
const QUARTERS: [&str; 4] = ["I", "II", "III", "IV"];

/// A quarter's Roman numeral (`III`), as periods write it.
pub fn quarter_numeral(quarter: u32) -> String {
    QUARTERS[(quarter.max(1) as usize - 1).min(3)].to_owned()
}

/// A period in running text: `tháng 3/2026`, `quý III/2026`, `năm 2026`.
pub fn period(period: crate::model::stats::Period) -> String {
    use crate::model::stats::Period;
    match period {
        Period::Month { year, month } => format!("tháng {month}/{year}"),
        Period::Quarter { year, quarter } => {
            format!("quý {}/{year}", QUARTERS[(quarter as usize - 1).min(3)])
        }
        Period::Year { year } => format!("năm {year}"),
    }
}

/// A period on a chart axis: `3/2026`, `QIII/2026`, `2026`.
pub fn period_short(period: crate::model::stats::Period) -> String {
    use crate::model::stats::Period;
    match period {
        Period::Month { year, month } => format!("{month}/{year}"),
        Period::Quarter { year, quarter } => {
            format!("Q{}/{year}", QUARTERS[(quarter as usize - 1).min(3)])
        }
        Period::Year { year } => year.to_string(),
    }
}

/// A period on a crowded chart axis: `3/26`, `QIII/26`, `2026`.
pub fn period_axis(period: crate::model::stats::Period) -> String {
    use crate::model::stats::Period;
    match period {
        Period::Month { year, month } => format!("{month}/{:02}", year.rem_euclid(100)),
        Period::Quarter { year, quarter } => {
            format!(
                "Q{}/{:02}",
                QUARTERS[(quarter as usize - 1).min(3)],
                year.rem_euclid(100)
            )
        }
        Period::Year { year } => year.to_string(),
    }
}

/// A period capitalised for a heading: `Quý III năm 2026`, `Tháng 3 năm 2026`, `Năm 2026`.
pub fn period_heading(period: crate::model::stats::Period) -> String {
    use crate::model::stats::Period;
    match period {
        Period::Month { year, month } => format!("Tháng {month} năm {year}"),
        Period::Quarter { year, quarter } => {
            format!("Quý {} năm {year}", QUARTERS[(quarter as usize - 1).min(3)])
        }
        Period::Year { year } => format!("Năm {year}"),
    }
}

#[cfg(test)]
mod period_tests {
    use super::*;
    use crate::model::stats::Period;

    #[test]
    fn periods_in_words() {
        let q = Period::parse("2026-Q3").unwrap();
        assert_eq!(period(q), "quý III/2026");
        assert_eq!(period_short(q), "QIII/2026");
        assert_eq!(period_heading(q), "Quý III năm 2026");
        assert_eq!(period(Period::parse("2026-03").unwrap()), "tháng 3/2026");
        assert_eq!(period(Period::parse("2025").unwrap()), "năm 2025");
    }
}
