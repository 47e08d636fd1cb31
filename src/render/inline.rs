//! Markdown -> HTML with legal citations linked to their policy pages.

use pulldown_cmark::{CowStr, Event, Parser, Tag, TagEnd, html};

use crate::derive::CitationIndex;
use crate::load::links::refused_scheme;
use crate::load::markdown::{column_align, options};
use crate::locale::phone::find_phones;
use std::path::Path;

use crate::model::photo::Photos;
use crate::model::{ColumnAlign, Inline, LegalDoc};
use crate::render::{document, photos};

/// What the Markdown renderer needs to link citations and show photos.
#[derive(Clone, Copy)]
pub struct Linker<'a> {
    /// Finder and registry lookup.
    pub citations: &'a CitationIndex,
    /// The legal registry (for link targets and titles).
    pub legal: &'a [LegalDoc],
    /// The site's photos.
    pub photos: &'a Photos,
    /// The content file the Markdown comes from (photo targets are relative to it).
    pub source: Option<&'a Path>,
}

/// Pushes `text` as events, each phone number a `tel:` link and each e-mail address a `mailto:`
/// link (a resident on a phone taps the number to call).
fn link_contacts<'e>(text: &str, out: &mut Vec<Event<'e>>) {
    static EMAIL: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let email = EMAIL.get_or_init(|| {
        regex::Regex::new(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
            .unwrap_or_else(|_| unreachable!("a fixed pattern"))
    });
    let mut links: Vec<(usize, usize, String)> = find_phones(text)
        .into_iter()
        .map(|m| (m.start, m.end, format!("tel:{}", m.tel)))
        .chain(
            email
                .find_iter(text)
                .map(|m| (m.start(), m.end(), format!("mailto:{}", m.as_str()))),
        )
        .collect();
    links.sort();
    let mut last = 0;
    for (start, end, href) in links {
        if start < last {
            continue;
        }
        if start > last {
            out.push(Event::Text(CowStr::from(text[last..start].to_owned())));
        }
        out.push(Event::Html(CowStr::from(format!("<a href=\"{href}\">"))));
        out.push(Event::Text(CowStr::from(text[start..end].to_owned())));
        out.push(Event::Html(CowStr::from("</a>")));
        last = end;
    }
    if last < text.len() {
        out.push(Event::Text(CowStr::from(text[last..].to_owned())));
    }
}

impl<'a> Linker<'a> {
    /// The same linker for Markdown written in `source` (its photos are found beside it).
    pub fn at(&self, source: &'a Path) -> Linker<'a> {
        Linker {
            source: Some(source),
            ..*self
        }
    }

    /// Replaces each image that names one of the site's photos by its `<picture>`; an image
    /// that is a paragraph of its own (in `inline_only` mode: the whole run) becomes a
    /// `<figure>` with its caption (the title in quotes) instead of the paragraph.
    fn photos<'e>(&self, events: Vec<Event<'e>>, inline_only: bool) -> Vec<Event<'e>> {
        let Some(source) = self.source else {
            return events;
        };
        let mut out: Vec<Event<'e>> = Vec::with_capacity(events.len());
        let mut i = 0;
        while i < events.len() {
            let Event::Start(Tag::Image {
                ref dest_url,
                ref title,
                ..
            }) = events[i]
            else {
                out.push(events[i].clone());
                i += 1;
                continue;
            };
            let Some(photo) = self.photos.find(source, dest_url) else {
                out.push(events[i].clone());
                i += 1;
                continue;
            };
            let mut alt = String::new();
            let mut end = i + 1;
            while end < events.len() && !matches!(events[end], Event::End(TagEnd::Image)) {
                if let Event::Text(t) | Event::Code(t) = &events[end] {
                    alt.push_str(t);
                }
                end += 1;
            }
            let blank = |e: Option<&Event<'_>>| match e {
                None => true,
                Some(Event::Text(t)) => t.trim().is_empty(),
                Some(Event::SoftBreak | Event::HardBreak) => true,
                _ => false,
            };
            let alone = if inline_only {
                events[..i].iter().all(|e| blank(Some(e)))
                    && events[end + 1..].iter().all(|e| blank(Some(e)))
            } else {
                matches!(out.last(), Some(Event::Start(Tag::Paragraph)))
                    && matches!(events.get(end + 1), Some(Event::End(TagEnd::Paragraph)))
            };
            let alt = crate::locale::text::collapse_whitespace(&alt);
            if alone {
                if !inline_only {
                    out.pop();
                    end += 1;
                }
                out.push(html_event(photos::figure_html(
                    photo, &alt, title, "", true,
                )));
            } else {
                out.push(html_event(photos::picture_html(
                    photo,
                    &alt,
                    true,
                    photos::COLUMN_SIZES,
                )));
            }
            i = end + 1;
        }
        out
    }

    /// Pushes `text` as events, with each resolved citation wrapped in a link.
    fn link_text<'e>(&self, text: String, out: &mut Vec<Event<'e>>) {
        let mut last = 0;
        for (citation, entry) in self.citations.find(&text) {
            let Some(i) = entry else { continue };
            if citation.start < last {
                continue;
            }
            if citation.start > last {
                link_contacts(&text[last..citation.start], out);
            }
            let doc = &self.legal[i];
            out.push(Event::Html(CowStr::from(format!(
                "<a class=\"trich-dan\" href=\"{}\">",
                super::urls::policy(&doc.id)
            ))));
            out.push(Event::Text(CowStr::from(
                text[citation.start..citation.end].to_owned(),
            )));
            out.push(Event::Html(CowStr::from("</a>")));
            last = citation.end;
        }
        if last < text.len() {
            link_contacts(&text[last..], out);
        }
    }

    /// Rewrites an event stream: merges text runs (a citation may span a line break), links
    /// citations outside existing links, shifts body headings down one level (the page title is
    /// the only `h1`).
    fn transform<'e>(
        &self,
        events: impl Iterator<Item = Event<'e>>,
        inline_only: bool,
    ) -> Vec<Event<'e>> {
        let mut out = Vec::new();
        let mut pending = String::new();
        let mut in_link = 0usize;
        // Inside a link or image whose target is refused (links and images do not nest).
        let mut refused_open = false;
        // The open table's column alignments, whether its header is open, the current column.
        let mut table: Vec<ColumnAlign> = Vec::new();
        let mut in_head = false;
        let mut column = 0usize;
        // The plain text of each header cell: the label of its column's data cells.
        let mut labels: Vec<String> = Vec::new();
        let flush = |pending: &mut String, out: &mut Vec<Event<'e>>, in_link: usize| {
            if pending.is_empty() {
                return;
            }
            let text = std::mem::take(pending);
            if in_link > 0 {
                out.push(Event::Text(CowStr::from(text)));
            } else {
                self.link_text(text, out);
            }
        };
        for event in events {
            match event {
                Event::Text(t) => {
                    if in_head {
                        if labels.len() <= column {
                            labels.resize(column + 1, String::new());
                        }
                        labels[column].push_str(&t);
                    }
                    pending.push_str(&t)
                }
                Event::SoftBreak if !pending.is_empty() => pending.push(' '),
                other => {
                    flush(&mut pending, &mut out, in_link);
                    match other {
                        Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph)
                            if inline_only => {}
                        // A target that runs code never reaches `href` or `src`, whatever text
                        // it came from (the loaders refuse it with its place; this is the last
                        // guard): its text is kept, the link or image is not.
                        Event::Start(
                            Tag::Link { ref dest_url, .. } | Tag::Image { ref dest_url, .. },
                        ) if refused_scheme(dest_url).is_some() => refused_open = true,
                        Event::End(TagEnd::Link | TagEnd::Image) if refused_open => {
                            refused_open = false;
                        }
                        Event::Start(Tag::Link { .. }) => {
                            in_link += 1;
                            out.push(other);
                        }
                        Event::End(TagEnd::Link) => {
                            in_link = in_link.saturating_sub(1);
                            out.push(other);
                        }
                        Event::Start(Tag::Heading {
                            level,
                            id,
                            classes,
                            attrs,
                        }) => out.push(Event::Start(Tag::Heading {
                            level: demote(level),
                            id,
                            classes,
                            attrs,
                        })),
                        Event::End(TagEnd::Heading(level)) => {
                            out.push(Event::End(TagEnd::Heading(demote(level))))
                        }
                        // Tables as on the plan pages: scroll region, column headers, alignment.
                        Event::Start(Tag::Table(alignments)) => {
                            table = alignments.iter().map(|&a| column_align(a)).collect();
                            out.push(html_event(document::table_open(table.len())));
                        }
                        Event::End(TagEnd::Table) => {
                            out.push(html_event(document::TABLE_CLOSE.to_owned()))
                        }
                        Event::Start(Tag::TableHead) => {
                            in_head = true;
                            labels.clear();
                            column = 0;
                            out.push(html_event("<thead><tr>".to_owned()));
                        }
                        Event::End(TagEnd::TableHead) => {
                            in_head = false;
                            out.push(html_event("</tr></thead>\n<tbody>\n".to_owned()));
                        }
                        Event::Start(Tag::TableRow) => {
                            column = 0;
                            out.push(html_event("<tr>".to_owned()));
                        }
                        Event::End(TagEnd::TableRow) => out.push(html_event("</tr>\n".to_owned())),
                        Event::Start(Tag::TableCell) => {
                            let align = table.get(column).copied().unwrap_or_default();
                            let label = if in_head {
                                ""
                            } else {
                                labels.get(column).map_or("", String::as_str)
                            };
                            out.push(html_event(document::cell_open(in_head, align, label)));
                        }
                        Event::End(TagEnd::TableCell) => {
                            column += 1;
                            let close = if in_head { "</th>" } else { "</td>" };
                            out.push(html_event(close.to_owned()));
                        }
                        Event::Html(html) | Event::InlineHtml(html) => {
                            // Raw HTML in content is shown as text, never injected.
                            out.push(Event::Text(html));
                        }
                        other => out.push(other),
                    }
                }
            }
        }
        flush(&mut pending, &mut out, in_link);
        out
    }

    /// A whole Markdown body as HTML.
    pub fn block_html(&self, markdown: &str) -> String {
        let events = self.photos(
            self.transform(Parser::new_ext(markdown, options()), false),
            false,
        );
        let mut out = String::with_capacity(markdown.len() * 3 / 2);
        html::push_html(&mut out, events.into_iter());
        out
    }

    /// One inline run as HTML (no paragraph tags).
    pub fn inline_html(&self, inline: &Inline) -> String {
        let events = self.photos(
            self.transform(Parser::new_ext(&inline.markdown, options()), true),
            true,
        );
        let mut out = String::with_capacity(inline.markdown.len() * 3 / 2);
        html::push_html(&mut out, events.into_iter());
        out.trim_end().to_owned()
    }
}

fn demote(level: pulldown_cmark::HeadingLevel) -> pulldown_cmark::HeadingLevel {
    use pulldown_cmark::HeadingLevel::*;
    match level {
        H1 => H2,
        other => other,
    }
}

/// Markup loa writes itself (never text from the content).
fn html_event<'e>(markup: String) -> Event<'e> {
    Event::Html(CowStr::from(markup))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_script_target_never_reaches_the_page() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let checked = crate::build::check(root, date, &mut crate::diagnostics::Diagnostics::new())
            .expect("the example site checks");
        let linker = Linker {
            citations: &checked.derived.citations,
            legal: &checked.site.legal,
            photos: &checked.site.photos,
            source: None,
        };
        let html = linker.block_html(
            "[bấm vào](javascript:alert(1)) ![ảnh](data:text/html,x) [trang](/lien-he/)",
        );
        assert!(
            !html.contains("javascript:") && !html.contains("data:"),
            "{html}"
        );
        assert!(html.contains("bấm vào") && html.contains("ảnh"), "{html}");
        assert!(html.contains("href=\"/lien-he/\""), "{html}");
    }
}
