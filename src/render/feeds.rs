//! Machine-readable files: the Atom feed, sitemap.xml, robots.txt (from theme templates) and the
//! commemorative-day calendar as an iCalendar file people can subscribe to.

use chrono::{NaiveDate, NaiveTime, TimeZone, Utc};
use icalendar::{Calendar, Component, EventLike};
use serde::Serialize;
use tera::Context;

use crate::derive::Derived;
use crate::derive::calendar::Occurrence;
use crate::diagnostics::Diagnostic;
use crate::model::Site;
use crate::render::html::{Job, jobs};
use crate::render::view::SiteView;
use crate::render::{Renderer, Sink, Stats, Templates, render_to_file, urls};

/// How many entries the Atom feed carries.
const FEED_LENGTH: usize = 30;

/// An entry of the Atom feed.
#[derive(Debug, Serialize, PartialEq, Eq, PartialOrd, Ord)]
struct FeedEntry {
    updated: String,
    url: String,
    title: String,
    summary: String,
}

fn rfc3339(date: NaiveDate) -> String {
    format!("{}T00:00:00+07:00", date.format("%Y-%m-%d"))
}

/// Renders feeds, sitemap, robots.txt and the calendar file.
pub struct FeedRenderer<'a> {
    /// Compiled templates.
    pub templates: &'a Templates,
}

impl FeedRenderer<'_> {
    fn entries(&self, site: &Site) -> Vec<FeedEntry> {
        let mut entries: Vec<FeedEntry> = site
            .news
            .iter()
            .filter_map(|a| {
                Some(FeedEntry {
                    updated: rfc3339(a.date?),
                    url: urls::news(&a.slug),
                    title: a.title.clone(),
                    summary: a.summary.clone(),
                })
            })
            .chain(site.plans.iter().filter_map(|p| {
                Some(FeedEntry {
                    updated: rfc3339(p.date.earliest()?),
                    url: urls::plan(&p.slug),
                    title: p.title(),
                    summary: p.subject.clone(),
                })
            }))
            .collect();
        entries.sort_by(|a, b| b.updated.cmp(&a.updated).then_with(|| a.url.cmp(&b.url)));
        entries.truncate(FEED_LENGTH);
        entries
    }
}

/// The subscription calendar for the build year and the next.
pub fn ics(site: &Site, derived: &Derived) -> String {
    let host = site
        .config
        .base_url
        .split("://")
        .nth(1)
        .unwrap_or(&site.config.base_url)
        .trim_end_matches('/');
    let stamp = Utc.from_utc_datetime(&derived.build_date.and_time(NaiveTime::MIN));
    let mut calendar = Calendar::new();
    calendar
        .name(&format!(
            "{} – {}",
            site.config.issuing_body,
            crate::locale::format::CALENDAR_NAME
        ))
        .description(&site.config.full_name());
    let all: Vec<&Occurrence> = derived
        .calendar
        .iter()
        .chain(&derived.next_calendar)
        .collect();
    for occurrence in all {
        let day = &site.days[occurrence.day];
        let uid = format!("{}-{}@{}", day.id, occurrence.start.format("%Y%m%d"), host);
        let mut event = icalendar::Event::new();
        event
            .uid(&uid)
            .timestamp(stamp)
            .summary(&day.name)
            .all_day(occurrence.start)
            .url(&format!("{}{}", site.config.base_url, urls::day(&day.id)));
        // All-day events end on the day after the last day (RFC 5545: DTEND is exclusive).
        event.ends(occurrence.end.succ_opt().unwrap_or(occurrence.end));
        if !day.theme.is_empty() {
            event.description(&day.theme);
        }
        calendar.push(event.done());
    }
    calendar.done().to_string()
}

impl Renderer for FeedRenderer<'_> {
    fn name(&self) -> &'static str {
        "feeds"
    }

    fn render(
        &self,
        site: &Site,
        derived: &Derived,
        sink: &dyn Sink,
    ) -> Result<Stats, Vec<Diagnostic>> {
        let mut tera = self.templates.tera.clone();
        tera.global_context()
            .insert("site", &SiteView::new(site, derived));
        let mut context = Context::new();
        context.insert("entries", &self.entries(site));
        context.insert("updated", &rfc3339(derived.build_date));
        let mut sitemap: Vec<String> = jobs(site)
            .into_iter()
            .filter(|j| j.is_public_listing())
            .map(|j: Job| j.url(site))
            .collect();
        sitemap.extend(crate::render::stats::page_urls(site));
        context.insert("urls", &sitemap);
        let mut errors = Vec::new();
        let mut files = 0;
        for (template, path) in [
            ("atom.xml", urls::FEED),
            ("sitemap.xml", "/sitemap.xml"),
            ("robots.txt", "/robots.txt"),
        ] {
            match render_to_file(&tera, self.templates, template, &context, path, sink) {
                Ok(()) => files += 1,
                Err(e) => errors.push(e),
            }
        }
        match sink.put(
            &urls::file_for(urls::CALENDAR_ICS),
            ics(site, derived).as_bytes(),
        ) {
            Ok(()) => files += 1,
            Err(e) => errors.push(
                Diagnostic::error("output_error", None)
                    .arg("path", urls::CALENDAR_ICS)
                    .arg("reason", e.to_string()),
            ),
        }
        if errors.is_empty() {
            Ok(Stats { pages: 0, files })
        } else {
            Err(errors)
        }
    }
}
