//! Commemorative days: an occurrence in a list, and a day's page.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::derive::calendar::Occurrence;
use crate::derive::{Derived, lunar};
use crate::locale::format;
use crate::model::{Day, DayDate, Site};
use crate::render::urls;

use super::*;

/// A commemorative day placed on the calendar.
#[derive(Debug, Clone, Serialize)]
pub struct OccurrenceView {
    pub url: String,
    pub name: String,
    pub start_iso: String,
    pub end_iso: String,
    pub start_text: String,
    pub start_long: String,
    pub end_text: String,
    pub end_long: String,
    pub is_span: bool,
    pub lunar_text: String,
    pub is_lunar: bool,
    pub days_until: i64,
    pub ongoing: bool,
    pub month: u32,
    /// Solar year of its start.
    pub year: i32,
    /// The theme for this occurrence's year (that year's own, else the standing one).
    pub theme: String,
}

/// Builds an occurrence view relative to the build date.
pub fn occurrence_view(site: &Site, occurrence: &Occurrence, today: NaiveDate) -> OccurrenceView {
    let day = &site.days[occurrence.day];
    let l = occurrence.lunar_start;
    OccurrenceView {
        url: urls::day(&day.id),
        name: day.name.clone(),
        start_iso: occurrence.start.format("%Y-%m-%d").to_string(),
        end_iso: occurrence.end.format("%Y-%m-%d").to_string(),
        start_text: format::short_date(occurrence.start),
        start_long: format::long_date(occurrence.start),
        end_text: format::short_date(occurrence.end),
        end_long: format::long_date(occurrence.end),
        is_span: occurrence.end != occurrence.start,
        lunar_text: format::lunar_date(l.day, l.month, l.leap, &lunar::year_name(l.year)),
        is_lunar: matches!(day.date, DayDate::Lunar { .. }),
        days_until: (occurrence.start - today).num_days(),
        ongoing: occurrence.start <= today && occurrence.end >= today,
        month: occurrence.start.month(),
        year: occurrence.start.year(),
        theme: day.theme_for(occurrence.start.year()).to_owned(),
    }
}

/// A commemorative day page.
#[derive(Debug, Serialize)]
pub struct DayView {
    pub url: String,
    pub id: String,
    pub name: String,
    pub rule_text: String,
    pub rule_kind: &'static str,
    pub theme: String,
    pub slogans: Vec<String>,
    pub groups: Vec<String>,
    pub basis: String,
    pub description: String,
    pub policies: Vec<PolicyLink>,
    pub this_year: Vec<OccurrenceView>,
    pub next_year: Vec<OccurrenceView>,
    /// The occurrence running on the build date, else the next: the one its print products and
    /// loudspeaker script are for.
    pub next: Option<OccurrenceView>,
}

/// Builds a day view.
pub fn day_view(site: &Site, derived: &Derived, index: usize) -> DayView {
    let day: &Day = &site.days[index];
    let (rule_kind, rule_text) = match day.date {
        DayDate::Solar { day, month } => ("solar", format::day_month(day, month)),
        DayDate::Lunar { day, month } => ("lunar", format::day_month(day, month)),
        DayDate::Month { month } => ("month", month.to_string()),
        DayDate::Range {
            from_day,
            from_month,
            to_day,
            to_month,
        } => (
            "range",
            format!(
                "{} – {}",
                format::day_month(from_day, from_month),
                format::day_month(to_day, to_month)
            ),
        ),
    };
    let pick = |list: &[Occurrence]| -> Vec<OccurrenceView> {
        list.iter()
            .filter(|o| o.day == index)
            .map(|o| occurrence_view(site, o, derived.build_date))
            .collect()
    };
    let next = derived
        .next
        .get(index)
        .and_then(Option::as_ref)
        .map(|o| occurrence_view(site, o, derived.build_date));
    DayView {
        url: urls::day(&day.id),
        id: day.id.clone(),
        name: day.name.clone(),
        rule_text,
        rule_kind,
        theme: next
            .as_ref()
            .map_or_else(|| day.theme.clone(), |o| o.theme.clone()),
        slogans: day.slogans.clone(),
        groups: day.groups.clone(),
        basis: day.basis.clone(),
        description: day.description.clone(),
        policies: day
            .policies
            .iter()
            .filter_map(|id| site.legal.iter().find(|d| &d.id == id))
            .map(policy_link)
            .collect(),
        this_year: pick(&derived.calendar),
        next_year: pick(&derived.next_calendar),
        next,
    }
}
