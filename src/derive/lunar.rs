//! Vietnamese lunar calendar (âm lịch), computed for UTC+7.
//!
//! Re-implementation of the method Hồ Ngọc Đức describes for the Vietnamese
//! calendar: new moons come from a Meeus-style series (mean lunation plus
//! periodic corrections and ΔT), the sun's apparent longitude is evaluated at
//! local midnight, lunar month 11 is the month containing the winter solstice,
//! and in a 13-month "suì" (month 11 to the next month 11) the leap month is
//! the first month after month 11 without a major solar term (trung khí).
//!
//! The astronomical series are accurate for Gregorian years 1800..=2199, which
//! is the supported range. Outside it the functions still return a value (or
//! `None`) without panicking, but results drift from real astronomy.

use chrono::{Datelike, NaiveDate};

/// Offset of Vietnamese civil time from UTC, in hours.
pub const VIETNAM_UTC_OFFSET_HOURS: f64 = 7.0;

/// Julian day number of 0000-12-31, i.e. of chrono's `num_days_from_ce() == 0`.
const JDN_CE_OFFSET: i64 = 1_721_425;
/// Mean length of a lunation in days.
const SYNODIC_MONTH: f64 = 29.530_588_853;
/// Approximate local Julian day of lunation `k == 0` (January 1900).
const NEW_MOON_EPOCH: f64 = 2_415_021.076_998_695;
/// Periodic terms of the new-moon correction: (coefficient in days, multiples
/// of the sun's mean anomaly M, the moon's mean anomaly M', and the moon's
/// argument of latitude F). The `sin M` term depends on time and is separate.
#[rustfmt::skip]
const NEW_MOON_TERMS: [(f64, f64, f64, f64); 12] = [
    (0.0021, 2.0, 0.0, 0.0),   (-0.4068, 0.0, 1.0, 0.0), (0.0161, 0.0, 2.0, 0.0),
    (-0.0004, 0.0, 3.0, 0.0),  (0.0104, 0.0, 0.0, 2.0),  (-0.0051, 1.0, 1.0, 0.0),
    (-0.0074, 1.0, -1.0, 0.0), (0.0004, 1.0, 0.0, 2.0),  (-0.0004, -1.0, 0.0, 2.0),
    (-0.0006, 0.0, 1.0, 2.0),  (0.0010, 0.0, -1.0, 2.0), (0.0005, 1.0, 2.0, 0.0),
];
const STEMS: [&str; 10] = [
    "Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý",
];
const BRANCHES: [&str; 12] = [
    "Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi",
];

/// A date in the Vietnamese lunar calendar.
///
/// Fields are declared so that the derived ordering is chronological: a leap
/// month sorts after the regular month with the same number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LunarDate {
    /// Lunar year, numbered like the Gregorian year in which its month 1 starts.
    pub year: i32,
    /// Month number, 1..=12.
    pub month: u32,
    /// `true` if this is the leap (intercalary) copy of `month`.
    pub leap: bool,
    /// Day of the month, 1..=30.
    pub day: u32,
}

/// Julian Day at the instant of the `k`-th new moon after January 1900 (UT).
fn new_moon_jd(k: i64) -> f64 {
    let k = k as f64;
    let t = k / 1236.85;
    let (t2, t3) = (t * t, t * t * t);
    let mean = 2_415_020.759_33 + 29.530_588_68 * k + 0.000_117_8 * t2 - 0.000_000_155 * t3
        + 0.000_33 * (166.56 + 132.87 * t - 0.009_173 * t2).to_radians().sin();
    let m = (359.2242 + 29.105_356_08 * k - 0.000_033_3 * t2 - 0.000_003_47 * t3).to_radians();
    let mp = (306.0253 + 385.816_918_06 * k + 0.010_730_6 * t2 + 0.000_012_36 * t3).to_radians();
    let f = (21.2964 + 390.670_506_46 * k - 0.001_652_8 * t2 - 0.000_002_39 * t3).to_radians();
    let periodic: f64 = NEW_MOON_TERMS
        .iter()
        .map(|&(c, a, b, d)| c * (a * m + b * mp + d * f).sin())
        .sum::<f64>()
        + (0.1734 - 0.000_393 * t) * m.sin();
    let delta_t = if t < -11.0 {
        0.001 + 0.000_839 * t + 0.000_226_1 * t2 - 0.000_008_45 * t3 - 0.000_000_081 * t * t3
    } else {
        -0.000_278 + 0.000_265 * t + 0.000_262 * t2
    };
    mean + periodic - delta_t
}

/// Local day number (Julian day number) on which the `k`-th new moon falls.
fn new_moon_day(k: i64, zone: f64) -> i64 {
    (new_moon_jd(k) + 0.5 + zone / 24.0).floor() as i64
}

/// Index of the lunation whose new moon falls on or near local day `jdn`.
fn lunation_near(jdn: i64) -> i64 {
    ((jdn as f64 - NEW_MOON_EPOCH) / SYNODIC_MONTH).round() as i64
}

/// 30° sector (0..=11) of the sun's apparent longitude at local midnight that
/// starts day `jdn`. Sector 9 begins at the winter solstice.
fn sun_sector(jdn: i64, zone: f64) -> i64 {
    let t = (jdn as f64 - 0.5 - zone / 24.0 - 2_451_545.0) / 36_525.0;
    let t2 = t * t;
    let m =
        (357.529_10 + 35_999.050_30 * t - 0.000_155_9 * t2 - 0.000_000_48 * t * t2).to_radians();
    let mean_longitude = 280.466_45 + 36_000.769_83 * t + 0.000_303_2 * t2;
    let center = (1.914_600 - 0.004_817 * t - 0.000_014 * t2) * m.sin()
        + (0.019_993 - 0.000_101 * t) * (2.0 * m).sin()
        + 0.000_290 * (3.0 * m).sin();
    let longitude = (mean_longitude + center).rem_euclid(360.0);
    ((longitude / 30.0).floor() as i64).clamp(0, 11)
}

/// Julian day number of December 31 of Gregorian year `year`.
fn jdn_of_dec31(year: i32) -> i64 {
    let y = i64::from(year);
    JDN_CE_OFFSET + 365 * y + y.div_euclid(4) - y.div_euclid(100) + y.div_euclid(400)
}

/// Julian day number of a Gregorian date.
fn jdn_of(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce()) + JDN_CE_OFFSET
}

/// Gregorian date of a Julian day number, if chrono can represent it.
fn date_of(jdn: i64) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(jdn - JDN_CE_OFFSET).ok()?)
}

/// First day of the lunar month containing the winter solstice of `year`.
fn month11_start(year: i32, zone: f64) -> i64 {
    let k = ((jdn_of_dec31(year) as f64 - NEW_MOON_EPOCH) / SYNODIC_MONTH).floor() as i64;
    let start = new_moon_day(k, zone);
    if sun_sector(start, zone) >= 9 {
        new_moon_day(k - 1, zone)
    } else {
        start
    }
}

/// The lunar months from month 11 of Gregorian year `start_year` up to (not
/// including) month 11 of the following year.
struct Sui {
    start_year: i32,
    /// First day of each month, plus the first day of the next suì's month 11.
    starts: Vec<i64>,
    /// Index into `starts` of the leap month, if the suì has 13 months.
    leap_index: Option<usize>,
}

impl Sui {
    fn new(start_year: i32, zone: f64) -> Self {
        let first = month11_start(start_year, zone);
        let next = month11_start(start_year.saturating_add(1), zone);
        let months = ((next - first) as f64 / SYNODIC_MONTH)
            .round()
            .clamp(12.0, 13.0) as usize;
        let k0 = lunation_near(first);
        let starts: Vec<i64> = (0..=months as i64)
            .map(|j| new_moon_day(k0 + j, zone))
            .collect();
        let leap_index = (months == 13).then(|| {
            (1..13)
                .find(|&j| sun_sector(starts[j], zone) == sun_sector(starts[j + 1], zone))
                .unwrap_or(12)
        });
        Sui {
            start_year,
            starts,
            leap_index,
        }
    }

    /// Number of months (12 or 13).
    fn len(&self) -> usize {
        self.starts.len() - 1
    }

    /// (year, month, leap) of the month at `index`.
    fn label(&self, index: usize) -> (i32, u32, bool) {
        let (shift, leap) = match self.leap_index {
            Some(l) if index >= l => (index - 1, index == l),
            _ => (index, false),
        };
        let month = ((10 + shift) % 12 + 1) as u32;
        let year = if month >= 11 {
            self.start_year
        } else {
            self.start_year.saturating_add(1)
        };
        (year, month, leap)
    }

    /// Index and length in days of the month labelled `(month, leap)`.
    fn find(&self, month: u32, leap: bool) -> Option<(usize, u32)> {
        let index = (0..self.len()).find(|&i| {
            let (_, m, l) = self.label(i);
            m == month && l == leap
        })?;
        let days = u32::try_from(self.starts[index + 1] - self.starts[index]).ok()?;
        Some((index, days))
    }
}

/// Years chrono can represent; other years have no solar dates at all.
fn year_supported(year: i32) -> bool {
    (NaiveDate::MIN.year()..=NaiveDate::MAX.year()).contains(&year)
}

/// The suì holding lunar month `month` of lunar year `year`.
fn sui_for(year: i32, month: u32, zone: f64) -> Option<Sui> {
    if !year_supported(year) || !(1..=12).contains(&month) {
        return None;
    }
    let start_year = if month >= 11 { year } else { year - 1 };
    Some(Sui::new(start_year, zone))
}

/// Converts a Gregorian date to the Vietnamese lunar calendar (UTC+7).
pub fn solar_to_lunar(date: NaiveDate) -> LunarDate {
    solar_to_lunar_in_zone(date, VIETNAM_UTC_OFFSET_HOURS)
}

/// Converts a Vietnamese lunar date to its Gregorian date (UTC+7).
///
/// Returns `None` if the lunar date does not exist, e.g. day 30 of a 29-day
/// month or `leap == true` for a month that is not leap that year.
pub fn lunar_to_solar(date: LunarDate) -> Option<NaiveDate> {
    lunar_to_solar_in_zone(date, VIETNAM_UTC_OFFSET_HOURS)
}

/// Converts a Gregorian date to the lunar calendar computed for a time zone
/// `zone_hours` east of UTC (7.0 for Vietnam, 8.0 for China).
pub fn solar_to_lunar_in_zone(date: NaiveDate, zone_hours: f64) -> LunarDate {
    let jdn = jdn_of(date);
    let year = date.year();
    let start_year = if jdn >= month11_start(year, zone_hours) {
        year
    } else {
        year - 1
    };
    let sui = Sui::new(start_year, zone_hours);
    let index = sui
        .starts
        .windows(2)
        .position(|w| jdn < w[1])
        .unwrap_or(sui.len() - 1);
    let (year, month, leap) = sui.label(index);
    let day = u32::try_from(jdn - sui.starts[index] + 1).map_or(1, |d| d.clamp(1, 30));
    LunarDate {
        year,
        month,
        leap,
        day,
    }
}

/// Converts a lunar date, computed for a time zone `zone_hours` east of UTC,
/// to its Gregorian date; `None` if the lunar date does not exist.
pub fn lunar_to_solar_in_zone(date: LunarDate, zone_hours: f64) -> Option<NaiveDate> {
    let sui = sui_for(date.year, date.month, zone_hours)?;
    let (index, days) = sui.find(date.month, date.leap)?;
    if !(1..=days).contains(&date.day) {
        return None;
    }
    date_of(sui.starts[index] + i64::from(date.day) - 1)
}

/// The leap month of Vietnamese lunar year `lunar_year` (UTC+7), if it has one.
pub fn leap_month_of_year(lunar_year: i32) -> Option<u32> {
    if !year_supported(lunar_year) {
        return None;
    }
    let zone = VIETNAM_UTC_OFFSET_HOURS;
    // Months 1..=10 come from the previous suì, months 11 and 12 from this one.
    [Sui::new(lunar_year - 1, zone), Sui::new(lunar_year, zone)]
        .iter()
        .filter_map(|sui| sui.leap_index.map(|i| sui.label(i)))
        .find(|&(year, _, _)| year == lunar_year)
        .map(|(_, month, _)| month)
}

/// Number of days (29 or 30) in a Vietnamese lunar month (UTC+7); `None` if
/// the month does not exist (e.g. `leap == true` for a non-leap month).
pub fn month_length(year: i32, month: u32, leap: bool) -> Option<u32> {
    let sui = sui_for(year, month, VIETNAM_UTC_OFFSET_HOURS)?;
    sui.find(month, leap).map(|(_, days)| days)
}

/// Vietnamese name of the lunar year: stem (y+6) mod 10 of [Giáp, Ất, Bính,
/// Đinh, Mậu, Kỷ, Canh, Tân, Nhâm, Quý], branch (y+8) mod 12 of [Tý, Sửu,
/// Dần, Mão, Thìn, Tỵ, Ngọ, Mùi, Thân, Dậu, Tuất, Hợi]. 2026 -> "Bính Ngọ".
pub fn year_name(lunar_year: i32) -> String {
    let y = i64::from(lunar_year);
    let stem = STEMS[(y + 6).rem_euclid(10) as usize];
    let branch = BRANCHES[(y + 8).rem_euclid(12) as usize];
    format!("{stem} {branch}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn lunar(year: i32, month: u32, day: u32, leap: bool) -> LunarDate {
        LunarDate {
            year,
            month,
            leap,
            day,
        }
    }

    #[test]
    fn tet_dates_both_directions() {
        let tet = "2020-01-25 2021-02-12 2022-02-01 2023-01-22 2024-02-10 2025-01-29 2026-02-17 \
                   2027-02-06 2028-01-26 2029-02-13";
        for date in tet.split_whitespace().map(d) {
            let first = lunar(date.year(), 1, 1, false);
            assert_eq!(lunar_to_solar(first), Some(date));
            assert_eq!(solar_to_lunar(date), first);
        }
    }

    #[test]
    fn differences_from_utc8() {
        for (y, vn, cn) in [
            (1968, "1968-01-29", "1968-01-30"),
            (1985, "1985-01-21", "1985-02-20"),
            (2007, "2007-02-17", "2007-02-18"),
        ] {
            let tet = lunar(y, 1, 1, false);
            assert_eq!(lunar_to_solar_in_zone(tet, 7.0), Some(d(vn)));
            assert_eq!(lunar_to_solar_in_zone(tet, 8.0), Some(d(cn)));
            assert_eq!(solar_to_lunar_in_zone(d(vn), 7.0), tet);
            assert_eq!(solar_to_lunar_in_zone(d(cn), 8.0), tet);
        }
        assert_eq!(leap_month_of_year(1985), Some(2));
    }

    #[test]
    fn leap_months() {
        for (y, m, start) in [
            (2020, 4, "2020-05-23"),
            (2023, 2, "2023-03-22"),
            (2025, 6, "2025-07-25"),
            (2028, 5, "2028-06-23"),
        ] {
            assert_eq!(leap_month_of_year(y), Some(m));
            assert_eq!(lunar_to_solar(lunar(y, m, 1, true)), Some(d(start)));
            assert_eq!(solar_to_lunar(d(start)), lunar(y, m, 1, true));
        }
        assert_eq!(leap_month_of_year(2024), None);
        assert_eq!(leap_month_of_year(2026), None);
    }

    #[test]
    fn festivals_and_named_dates() {
        let l = solar_to_lunar(d("2026-03-04"));
        assert_eq!(
            (l, year_name(l.year).as_str()),
            (lunar(2026, 1, 16, false), "Bính Ngọ")
        );
        for (y, m, day, solar) in [
            (2026, 3, 10, "2026-04-26"),
            (2027, 3, 10, "2027-04-16"),
            (2026, 7, 15, "2026-08-27"),
            (2026, 8, 15, "2026-09-25"),
            (2027, 8, 15, "2027-09-15"),
        ] {
            assert_eq!(lunar_to_solar(lunar(y, m, day, false)), Some(d(solar)));
            assert_eq!(solar_to_lunar(d(solar)), lunar(y, m, day, false));
        }
    }

    #[test]
    fn year_names() {
        assert_eq!(year_name(2026), "Bính Ngọ");
        assert_eq!(year_name(2024), "Giáp Thìn");
        assert_eq!(year_name(2025), "Ất Tỵ");
        assert_eq!(year_name(1984), "Giáp Tý");
    }

    #[test]
    fn nonexistent_dates_are_none() {
        let short = (1..=12).find(|&m| month_length(2026, m, false) == Some(29));
        let short = short.unwrap();
        assert_eq!(lunar_to_solar(lunar(2026, short, 30, false)), None);
        assert!(lunar_to_solar(lunar(2026, short, 29, false)).is_some());
        assert_eq!(lunar_to_solar(lunar(2024, 4, 1, true)), None);
        assert_eq!(lunar_to_solar(lunar(2025, 5, 1, true)), None);
        assert_eq!(month_length(2025, 5, true), None);
        for bad in [
            lunar(2026, 13, 1, false),
            lunar(2026, 0, 1, false),
            lunar(2026, 1, 0, false),
        ] {
            assert_eq!(lunar_to_solar(bad), None);
        }
    }

    #[test]
    fn round_trip_and_continuity_1900_2100() {
        let mut prev = solar_to_lunar(d("1899-12-31"));
        for day in d("1900-01-01")
            .iter_days()
            .take_while(|&x| x <= d("2100-12-31"))
        {
            let l = solar_to_lunar(day);
            assert_eq!(lunar_to_solar(l), Some(day), "{day} -> {l:?}");
            if l.day == 1 {
                let len = month_length(prev.year, prev.month, prev.leap);
                assert!(matches!(len, Some(29 | 30)), "{prev:?}");
                assert_eq!(Some(prev.day), len, "{day}");
                let leap_next = !prev.leap && l.month == prev.month && l.leap;
                let regular_next = !l.leap && l.month == prev.month % 12 + 1;
                assert!(leap_next || regular_next, "{prev:?} -> {l:?}");
                let new_year = regular_next && l.month == 1;
                assert_eq!(l.year, prev.year + i32::from(new_year), "{l:?}");
                if l.leap {
                    assert_eq!(leap_month_of_year(l.year), Some(l.month));
                }
            } else {
                assert_eq!(
                    (l.year, l.month, l.leap),
                    (prev.year, prev.month, prev.leap)
                );
                assert_eq!(l.day, prev.day + 1, "{day}");
            }
            assert!(prev < l);
            prev = l;
        }
    }

    #[test]
    fn never_panics_at_extremes() {
        for date in [
            NaiveDate::MIN,
            NaiveDate::MAX,
            d("1800-01-01"),
            d("2199-12-31"),
        ] {
            let _ = lunar_to_solar(solar_to_lunar(date));
            let _ = solar_to_lunar_in_zone(date, 8.0);
        }
        for year in (-5000..5000).step_by(7).chain([i32::MIN, i32::MAX]) {
            let _ = (
                leap_month_of_year(year),
                month_length(year, 1, false),
                year_name(year),
            );
            let _ = lunar_to_solar(lunar(year, 12, 30, true));
            if let Some(date) = NaiveDate::from_ymd_opt(year, 6, 1) {
                let _ = solar_to_lunar(date);
            }
        }
    }
}
