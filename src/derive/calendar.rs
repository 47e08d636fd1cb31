//! Commemorative days placed on the solar calendar of a year (lunar days converted with our
//! UTC+7 lunar calendar), and which ones are coming up relative to the build date.

use chrono::{Datelike, NaiveDate};

use crate::derive::lunar::{self, LunarDate};
use crate::model::{Day, DayDate};

/// One commemorative day placed on the solar calendar.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Occurrence {
    /// First solar day.
    pub start: NaiveDate,
    /// Last solar day (same as `start` for one-day observances).
    pub end: NaiveDate,
    /// Index of the day in `Site::days`.
    pub day: usize,
    /// The lunar date of `start`.
    pub lunar_start: LunarDate,
}

fn last_day_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    next?.pred_opt()
}

/// Where `day` falls in solar year `year` (a lunar day may fall in the previous lunar year's
/// months 11-12 in early January; both are considered). Returns every occurrence whose start is
/// in `year`.
pub fn occurrences_in_year(day: &Day, index: usize, year: i32) -> Vec<Occurrence> {
    let make = |start: NaiveDate, end: NaiveDate| Occurrence {
        start,
        end,
        day: index,
        lunar_start: lunar::solar_to_lunar(start),
    };
    let mut out = Vec::new();
    match day.date {
        DayDate::Solar { day: d, month } => {
            if let Some(date) = NaiveDate::from_ymd_opt(year, month, d) {
                out.push(make(date, date));
            }
        }
        DayDate::Month { month } => {
            if let (Some(start), Some(end)) = (
                NaiveDate::from_ymd_opt(year, month, 1),
                last_day_of_month(year, month),
            ) {
                out.push(make(start, end));
            }
        }
        DayDate::Range {
            from_day,
            from_month,
            to_day,
            to_month,
        } => {
            let end_year = if (to_month, to_day) < (from_month, from_day) {
                year + 1
            } else {
                year
            };
            if let (Some(start), Some(end)) = (
                NaiveDate::from_ymd_opt(year, from_month, from_day),
                NaiveDate::from_ymd_opt(end_year, to_month, to_day),
            ) {
                out.push(make(start, end));
            }
        }
        DayDate::Lunar { day: d, month } => {
            for lunar_year in [year - 1, year] {
                let wanted = LunarDate {
                    year: lunar_year,
                    month,
                    day: d,
                    leap: false,
                };
                // Day 30 of a 29-day month is kept on the month's last day.
                let solar = lunar::lunar_to_solar(wanted).or_else(|| {
                    lunar::lunar_to_solar(LunarDate {
                        day: d.min(29),
                        ..wanted
                    })
                });
                if let Some(date) = solar.filter(|s| s.year() == year) {
                    out.push(make(date, date));
                }
            }
        }
    }
    out
}

/// Every occurrence of every day whose start falls in `year`, in date order.
pub fn year_calendar(days: &[Day], year: i32) -> Vec<Occurrence> {
    let mut all: Vec<Occurrence> = days
        .iter()
        .enumerate()
        .flat_map(|(i, d)| occurrences_in_year(d, i, year))
        .collect();
    all.sort();
    all
}

/// Occurrences still running on `today` or starting within `window_days` after it.
pub fn upcoming(days: &[Day], today: NaiveDate, window_days: u32) -> Vec<Occurrence> {
    let horizon = today + chrono::Duration::days(i64::from(window_days));
    let mut all: Vec<Occurrence> = (today.year() - 1..=today.year() + 1)
        .flat_map(|y| year_calendar(days, y))
        .filter(|o| o.end >= today && o.start <= horizon)
        .collect();
    all.sort();
    all.dedup();
    all
}

/// The occurrence of `day` that products are made for on `today`: the one running on `today`,
/// else the next to start. A day that has passed this year gives next year's (a Tết poster
/// printed in December is for the coming Tết, not the one just past).
pub fn next_occurrence(day: &Day, index: usize, today: NaiveDate) -> Option<Occurrence> {
    (today.year() - 1..=today.year() + 2)
        .flat_map(|year| occurrences_in_year(day, index, year))
        .filter(|o| o.end >= today)
        .min()
}

/// [`next_occurrence`] of every day, by day index.
pub fn next_occurrences(days: &[Day], today: NaiveDate) -> Vec<Option<Occurrence>> {
    days.iter()
        .enumerate()
        .map(|(i, d)| next_occurrence(d, i, today))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(id: &str, date: DayDate) -> Day {
        Day {
            id: id.into(),
            name: id.into(),
            date,
            theme: String::new(),
            themes_by_year: Default::default(),
            slogans: vec![],
            groups: vec![],
            policies: vec![],
            basis: String::new(),
            description: String::new(),
            line: 1,
        }
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn lunar_days_land_on_the_published_solar_dates() {
        let days = vec![
            day("tet", DayDate::Lunar { day: 1, month: 1 }),
            day("gio-to", DayDate::Lunar { day: 10, month: 3 }),
            day("vu-lan", DayDate::Lunar { day: 15, month: 7 }),
            day("trung-thu", DayDate::Lunar { day: 15, month: 8 }),
        ];
        let cal = year_calendar(&days, 2026);
        let starts: Vec<NaiveDate> = cal.iter().map(|o| o.start).collect();
        assert_eq!(
            starts,
            vec![
                d(2026, 2, 17),
                d(2026, 4, 26),
                d(2026, 8, 27),
                d(2026, 9, 25)
            ]
        );
        let cal = year_calendar(&days, 2027);
        assert_eq!(cal[0].start, d(2027, 2, 6));
        assert_eq!(cal[1].start, d(2027, 4, 16));
        assert_eq!(cal[3].start, d(2027, 9, 15));
    }

    #[test]
    fn months_and_ranges_span_days() {
        let days = vec![
            day("thang-10", DayDate::Month { month: 10 }),
            day(
                "binh-dang-gioi",
                DayDate::Range {
                    from_day: 15,
                    from_month: 11,
                    to_day: 15,
                    to_month: 12,
                },
            ),
        ];
        let cal = year_calendar(&days, 2026);
        assert_eq!(
            (cal[0].start, cal[0].end),
            (d(2026, 10, 1), d(2026, 10, 31))
        );
        assert_eq!(
            (cal[1].start, cal[1].end),
            (d(2026, 11, 15), d(2026, 12, 15))
        );
    }

    #[test]
    fn upcoming_includes_running_and_next_days_only() {
        let days = vec![
            day("nkt", DayDate::Solar { day: 18, month: 4 }),
            day("nct", DayDate::Solar { day: 6, month: 6 }),
            day("thang-6", DayDate::Month { month: 6 }),
            day("qt-nkt", DayDate::Solar { day: 3, month: 12 }),
        ];
        let next = upcoming(&days, d(2026, 6, 2), 30);
        let ids: Vec<&str> = next.iter().map(|o| days[o.day].id.as_str()).collect();
        assert_eq!(ids, vec!["thang-6", "nct"]);
        let next = upcoming(&days, d(2026, 11, 22), 30);
        let ids: Vec<&str> = next.iter().map(|o| days[o.day].id.as_str()).collect();
        assert_eq!(ids, vec!["qt-nkt"]);
    }

    #[test]
    fn products_are_for_the_occurrence_running_or_next() {
        let tet = day("tet", DayDate::Lunar { day: 1, month: 1 });
        let next = |today| next_occurrence(&tet, 0, today).map(|o| o.start);
        // Built in December 2026: the coming Tết (6 February 2027), not 17 February 2026.
        assert_eq!(next(d(2026, 12, 2)), Some(d(2027, 2, 6)));
        assert_eq!(next(d(2026, 2, 17)), Some(d(2026, 2, 17)));
        // The day after Tết: the one after (26 January 2028).
        assert_eq!(next(d(2027, 2, 7)), Some(d(2028, 1, 26)));
        assert_eq!(next(d(2027, 2, 6)), Some(d(2027, 2, 6)));

        // A month in progress keeps the current one until its last day.
        let june = day("june", DayDate::Month { month: 6 });
        let next = |today| next_occurrence(&june, 0, today).map(|o| (o.start, o.end));
        assert_eq!(next(d(2026, 6, 30)), Some((d(2026, 6, 1), d(2026, 6, 30))));
        assert_eq!(next(d(2026, 7, 1)), Some((d(2027, 6, 1), d(2027, 6, 30))));

        // A span across the new year, built on 31 December and on 2 January: still running.
        let winter = day(
            "winter",
            DayDate::Range {
                from_day: 15,
                from_month: 12,
                to_day: 15,
                to_month: 1,
            },
        );
        let next = |today| next_occurrence(&winter, 0, today).map(|o| o.start);
        assert_eq!(next(d(2026, 12, 31)), Some(d(2026, 12, 15)));
        assert_eq!(next(d(2027, 1, 2)), Some(d(2026, 12, 15)));
        assert_eq!(next(d(2027, 1, 16)), Some(d(2027, 12, 15)));

        // A solar day on 31 December, built on 1 January.
        let eve = day("eve", DayDate::Solar { day: 31, month: 12 });
        assert_eq!(
            next_occurrence(&eve, 0, d(2027, 1, 1)).map(|o| o.start),
            Some(d(2027, 12, 31))
        );
    }
}
