//! What search knows of each page: its address, title, section and plain text, taken from the
//! site (plans, policies, units, news, standing pages, benefits, commemorative days).

use rayon::prelude::*;
use serde::Serialize;

use crate::model::{Article, Site};
use crate::render::urls;

/// What part of the site a record comes from; the search page names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    /// A plan or official letter.
    Plan,
    /// A legal document in the policy registry.
    Policy,
    /// A unit.
    Unit,
    /// A news item.
    News,
    /// A standing page.
    Page,
    /// A commemorative day.
    Day,
    /// An indicator (số liệu).
    Indicator,
    /// A campaign.
    Campaign,
    /// A periodic report.
    Report,
    /// A benefit or service (Tôi cần...).
    Benefit,
    /// An administrative procedure (on `/thu-tuc/`).
    Procedure,
    /// A question and its answer (on `/hoi-dap/`).
    Question,
}

impl Section {
    pub(super) fn key(self) -> &'static str {
        match self {
            Section::Plan => "plan",
            Section::Policy => "policy",
            Section::Unit => "unit",
            Section::News => "news",
            Section::Page => "page",
            Section::Day => "day",
            Section::Indicator => "indicator",
            Section::Campaign => "campaign",
            Section::Report => "report",
            Section::Benefit => "benefit",
            Section::Procedure => "procedure",
            Section::Question => "question",
        }
    }

    /// Whether a page of this section answers "what am I entitled to, how do I get it": benefits
    /// and the standing pages (guides). Search lists them before the rest.
    pub fn is_guide(self) -> bool {
        matches!(self, Section::Benefit | Section::Page)
    }
}

/// One searchable page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Record {
    /// Address of the page.
    pub url: String,
    /// Title as shown.
    pub title: String,
    /// Where it belongs.
    pub section: Section,
    /// Plain text of the page (title excluded).
    pub text: String,
    /// Whom a benefit is for (empty for other pages).
    pub situation: String,
}

fn join(parts: &[&str]) -> String {
    parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Plain text of a Markdown body: the words, one block a line.
pub fn markdown_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser, TagEnd};
    let mut out = String::with_capacity(markdown.len());
    // The project's options: a table is read cell by cell, never as lines of `|` and `---`.
    for event in Parser::new_ext(markdown, crate::load::markdown::options()) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::TableRow
                | TagEnd::BlockQuote(_),
            ) => out.push('\n'),
            _ => {}
        }
    }
    out
}

fn article_record(article: &Article, url: String, section: Section, with_text: bool) -> Record {
    Record {
        url,
        title: article.title.clone(),
        section,
        situation: String::new(),
        text: if with_text {
            join(&[
                &article.summary,
                &markdown_text(&article.body),
                &article.tags.join(", "),
            ])
        } else {
            String::new()
        },
    }
}

/// Position of news item `index` in [`records`].
pub fn news_record_index(site: &Site, index: usize) -> usize {
    site.plans.len() + site.legal.len() + site.units.len() + index
}

/// The record of news item `index` (for `loa serve`, after an edit).
pub fn news_record(site: &Site, index: usize) -> Record {
    let a = &site.news[index];
    article_record(a, urls::news(&a.slug), Section::News, true)
}

/// Every searchable page of the site, in a stable order: plans, policies, units, news, pages,
/// days, indicators, campaigns, reports, procedures, questions.
pub fn records(site: &Site) -> Vec<Record> {
    records_with(site, true)
}

/// [`records`] with their text only when `with_text`: the A–Z index of titles needs no text, and
/// without the search index the plain text of every document is not made at all.
pub(super) fn records_with(site: &Site, with_text: bool) -> Vec<Record> {
    let text = |make: &dyn Fn() -> String| if with_text { make() } else { String::new() };
    let mut out: Vec<Record> = Vec::new();
    out.par_extend(site.plans.par_iter().map(|p| Record {
        url: urls::plan(&p.slug),
        title: p.title(),
        section: Section::Plan,
        situation: String::new(),
        text: text(&|| {
            join(&[
                &p.number_and_symbol(),
                &p.body.plain_text(),
                &p.tags.join(", "),
            ])
        }),
    }));
    out.extend(site.legal.iter().map(|d| Record {
        url: urls::policy(&d.id),
        title: d.display_name(),
        section: Section::Policy,
        situation: String::new(),
        text: text(&|| {
            join(&[
                &d.kind,
                d.symbol.as_deref().unwrap_or(""),
                &d.names.join(", "),
                &d.title,
                &d.issuer,
                &d.summary,
            ])
        }),
    }));
    out.extend(site.units.iter().map(|u| Record {
        url: urls::unit(&u.id),
        title: u.name.clone(),
        section: Section::Unit,
        situation: String::new(),
        text: text(&|| join(&[&u.aliases.join(", "), &u.kind, &u.description, &u.address])),
    }));
    out.par_extend(
        site.news
            .par_iter()
            .map(|a| article_record(a, urls::news(&a.slug), Section::News, with_text)),
    );
    out.extend(site.pages.iter().map(|a| {
        let url = if a.slug == "lien-he" {
            urls::CONTACT.to_owned()
        } else {
            urls::page(&a.slug)
        };
        article_record(a, url, Section::Page, with_text)
    }));
    out.extend(site.days.iter().map(|d| Record {
        url: urls::day(&d.id),
        title: d.name.clone(),
        section: Section::Day,
        situation: String::new(),
        text: text(&|| {
            join(&[
                &d.theme,
                &d.slogans.join("\n"),
                &d.groups.join(", "),
                &d.basis,
                &d.description,
            ])
        }),
    }));
    let stats = &site.stats;
    out.extend(stats.indicators.iter().map(|i| Record {
        url: crate::render::stats::urls::indicator(&i.key),
        title: i.name.clone(),
        section: Section::Indicator,
        situation: String::new(),
        text: text(&|| join(&[&i.sentence.replace("{so}", ""), &i.description, &i.unit])),
    }));
    out.extend(stats.campaigns.iter().map(|c| Record {
        url: crate::render::stats::urls::campaign(&c.slug),
        title: c.title.clone(),
        section: Section::Campaign,
        situation: String::new(),
        text: text(&|| join(&[&c.summary, &markdown_text(&c.body)])),
    }));
    out.extend(stats.reports.iter().map(|r| Record {
        url: crate::render::stats::urls::report(&r.slug),
        title: r.title.clone(),
        section: Section::Report,
        situation: String::new(),
        text: text(&|| markdown_text(&r.body)),
    }));
    out.extend(site.benefits.iter().map(|b| Record {
        url: urls::benefit(&b.slug),
        title: b.title.clone(),
        section: Section::Benefit,
        situation: b.situation.clone(),
        text: text(&|| {
            let amounts: Vec<String> = b.amounts.iter().map(|a| join(&[&a.who, &a.note])).collect();
            join(&[
                &b.situation,
                &b.group,
                &b.summary,
                &b.eligible.join("\n"),
                &amounts.join("\n"),
                &b.papers.join("\n"),
                &b.place,
                &markdown_text(&b.body),
            ])
        }),
    }));
    out.extend(site.procedures.iter().map(|p| Record {
        url: urls::procedure_anchor(&p.anchor),
        title: p.name.clone(),
        section: Section::Procedure,
        situation: String::new(),
        text: text(&|| {
            join(&[
                p.code.as_deref().unwrap_or(""),
                &p.field,
                &p.place,
                &p.papers.join("\n"),
            ])
        }),
    }));
    out.extend(site.questions.iter().map(|q| Record {
        url: urls::question(&q.slug),
        title: q.question.clone(),
        section: Section::Question,
        situation: String::new(),
        text: text(&|| join(&[&markdown_text(&q.answer), &q.topics.join(", ")])),
    }));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_text_keeps_words_and_drops_markup() {
        let text =
            markdown_text("## Mục đích\n\nĐoạn **đậm** và [liên kết](/x/).\n\n- một\n- hai\n");
        assert_eq!(text, "Mục đích\nĐoạn đậm và liên kết.\nmột\nhai\n");
    }
}
