//! Markdown -> HTML with legal citations linked to their policy pages.

use pulldown_cmark::{CowStr, Event, Parser, Tag, TagEnd, html};

use crate::derive::CitationIndex;
use crate::load::markdown::options;
use crate::model::{Inline, LegalDoc};

/// What the Markdown renderer needs to link citations.
pub struct Linker<'a> {
    /// Finder and registry lookup.
    pub citations: &'a CitationIndex,
    /// The legal registry (for link targets and titles).
    pub legal: &'a [LegalDoc],
}

impl Linker<'_> {
    /// Pushes `text` as events, with each resolved citation wrapped in a link.
    fn link_text<'e>(&self, text: String, out: &mut Vec<Event<'e>>) {
        let mut last = 0;
        for (citation, entry) in self.citations.find(&text) {
            let Some(i) = entry else { continue };
            if citation.start < last {
                continue;
            }
            if citation.start > last {
                out.push(Event::Text(CowStr::from(
                    text[last..citation.start].to_owned(),
                )));
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
            out.push(Event::Text(CowStr::from(text[last..].to_owned())));
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
                Event::Text(t) => pending.push_str(&t),
                Event::SoftBreak if !pending.is_empty() => pending.push(' '),
                other => {
                    flush(&mut pending, &mut out, in_link);
                    match other {
                        Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph)
                            if inline_only => {}
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
        let events = self.transform(Parser::new_ext(markdown, options()), false);
        let mut out = String::with_capacity(markdown.len() * 3 / 2);
        html::push_html(&mut out, events.into_iter());
        wrap_tables(out)
    }

    /// One inline run as HTML (no paragraph tags).
    pub fn inline_html(&self, inline: &Inline) -> String {
        let events = self.transform(Parser::new_ext(&inline.markdown, options()), true);
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

/// Wraps each table in a focusable scroll region so narrow screens can scroll it.
pub fn wrap_tables(html: String) -> String {
    if !html.contains("<table>") {
        return html;
    }
    html.replace(
        "<table>",
        &format!(
            "<div class=\"cuon-bang\" role=\"region\" aria-label=\"{}\" tabindex=\"0\"><table>",
            crate::locale::format::TABLE_LABEL
        ),
    )
    .replace("</table>", "</table></div>")
}
