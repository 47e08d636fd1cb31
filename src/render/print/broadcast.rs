//! Loudspeaker scripts (tin phát thanh): the words come from the theme's `phat_thanh.txt`
//! (opening, body, closing) and `phat_thanh_dau.txt` (the heading with the reading time);
//! this module gathers the data, puts the rendered text in its spoken form
//! ([`crate::render::spoken`]) and counts syllables on what is said.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::derive::Derived;
use crate::diagnostics::{Diagnostic, Location};
use crate::locale::format;
use crate::model::{Article, Site};
use crate::render::spoken::{Speaker, in_words};
use crate::render::view::{self, SiteView};
use crate::render::{Templates, template_diagnostic, urls};

/// Reading pace of the ward loudspeaker, in syllables per minute.
pub const SYLLABLES_PER_MINUTE: usize = 130;

/// A script ready to be written as text and typeset.
#[derive(Debug, Clone, Serialize)]
pub struct Script {
    /// Output address without extension (`/in/phat-thanh/tin-tuc/x`).
    #[serde(skip)]
    pub base: String,
    /// Where its content comes from.
    #[serde(skip)]
    pub origin: Location,
    /// Date of the content (document date of the PDF).
    #[serde(skip)]
    pub date: chrono::NaiveDate,
    /// The heading lines (title, reading time).
    pub heading: Vec<String>,
    /// The paragraphs to read, in their spoken form.
    pub paragraphs: Vec<String>,
    /// The same paragraphs with every number in words, for text-to-speech engines.
    #[serde(skip)]
    pub in_words: Vec<String>,
    /// Syllables said: counted in [`Script::in_words`], where every number is its words.
    pub syllables: usize,
}

impl Script {
    /// The script as UTF-8 text: heading, blank line, paragraphs separated by blank lines.
    pub fn text(&self) -> String {
        let mut out = self.heading.join("\n");
        out.push_str("\n\n");
        out.push_str(&self.paragraphs.join("\n\n"));
        out.push('\n');
        out
    }

    /// The text for a text-to-speech engine: the paragraphs only (a heading is not read), every
    /// number in words, separated by blank lines.
    pub fn machine_text(&self) -> String {
        let mut out = self.in_words.join("\n\n");
        out.push('\n');
        out
    }
}

/// A syllable is a space-separated word with at least one letter or digit.
pub fn syllables(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Estimated reading time in whole seconds at [`SYLLABLES_PER_MINUTE`], rounded up.
pub fn reading_seconds(syllables: usize) -> usize {
    (syllables * 60).div_ceil(SYLLABLES_PER_MINUTE)
}

/// Paragraphs of a Markdown body as plain text (headings and list items are paragraphs too). A
/// table is read row by row, one paragraph a row, in the form [`spoken_row`] gives.
pub fn plain_paragraphs(markdown: &str) -> Vec<String> {
    use crate::locale::text::collapse_whitespace;
    let mut out = Vec::new();
    let mut current = String::new();
    let mut header: Vec<String> = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let flush = |current: &mut String, out: &mut Vec<String>| {
        let text = collapse_whitespace(current);
        if !text.is_empty() {
            out.push(text);
        }
        current.clear();
    };
    for event in Parser::new_ext(markdown, crate::load::markdown::options()) {
        match event {
            Event::Text(t) | Event::Code(t) => current.push_str(&t),
            Event::SoftBreak | Event::HardBreak => current.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item)
            | Event::Start(Tag::List(_) | Tag::Item | Tag::Table(_)) => {
                flush(&mut current, &mut out);
            }
            Event::End(TagEnd::TableCell) => {
                row.push(collapse_whitespace(&current));
                current.clear();
            }
            Event::End(TagEnd::TableHead) => header = std::mem::take(&mut row),
            Event::End(TagEnd::TableRow) => {
                let spoken = spoken_row(&header, &std::mem::take(&mut row));
                if !spoken.is_empty() {
                    out.push(spoken);
                }
            }
            _ => {}
        }
    }
    flush(&mut current, &mut out);
    out
}

/// Whether a column header names the row-number column (`TT`, `STT`, `Số TT`), which is not read.
fn is_row_number_header(header: &str) -> bool {
    let folded = crate::locale::fold_diacritics(header).to_lowercase();
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    matches!(
        words.as_slice(),
        ["tt"] | ["stt"] | ["so", "tt"] | ["so", "thu", "tu"]
    )
}

/// A table row as it is read aloud: the row number left out, the first cell said alone (what the
/// row is about), then each further cell after its column header: `Người cao tuổi; Số người:
/// 1.234; Tỷ lệ: 12%.` Empty cells are skipped.
pub fn spoken_row(header: &[String], cells: &[String]) -> String {
    let mut parts: Vec<String> = Vec::new();
    for (column, cell) in cells.iter().enumerate() {
        let name = header.get(column).map_or("", String::as_str);
        if cell.is_empty() || is_row_number_header(name) {
            continue;
        }
        if parts.is_empty() || name.is_empty() {
            parts.push(cell.clone());
        } else {
            parts.push(format!("{name}: {cell}"));
        }
    }
    let mut spoken = parts.join("; ");
    if !spoken.is_empty() && !spoken.ends_with(['.', '!', '?', '…']) {
        spoken.push('.');
    }
    spoken
}

#[derive(Serialize)]
struct NewsData {
    title: String,
    date_text: String,
    summary: String,
    paragraphs: Vec<String>,
}

#[derive(Serialize)]
struct Timing {
    syllables: String,
    minutes: usize,
    seconds: usize,
    pace: usize,
}

fn render(
    templates: &Templates,
    name: &str,
    context: &tera::Context,
    page: &str,
) -> Result<String, Diagnostic> {
    templates
        .tera
        .render(name, context)
        .map_err(|e| template_diagnostic(&e, &templates.paths, Some(page)))
}

fn finish(
    templates: &Templates,
    speaker: &Speaker,
    mut context: tera::Context,
    base: String,
    origin: Location,
    date: chrono::NaiveDate,
) -> Result<Script, Diagnostic> {
    let page = format!("{base}.txt");
    let body = render(templates, "phat_thanh.txt", &context, &page)?;
    let paragraphs: Vec<String> = body
        .split("\n\n")
        .map(|p| speaker.say(p))
        .filter(|p| !p.is_empty())
        .collect();
    let words: Vec<String> = paragraphs.iter().map(|p| in_words(p)).collect();
    let count: usize = words.iter().map(|p| syllables(p)).sum();
    let seconds = reading_seconds(count);
    context.insert(
        "timing",
        &Timing {
            syllables: format::integer(count as i64),
            minutes: seconds / 60,
            seconds: seconds % 60,
            pace: SYLLABLES_PER_MINUTE,
        },
    );
    let heading: Vec<String> = render(templates, "phat_thanh_dau.txt", &context, &page)?
        .lines()
        .map(|l| speaker.say(l))
        .filter(|l| !l.is_empty())
        .collect();
    Ok(Script {
        base,
        origin,
        date,
        heading,
        paragraphs,
        in_words: words,
        syllables: count,
    })
}

/// The scripts of a build: one per commemorative day, one per news item marked for broadcast.
pub fn scripts(
    site: &Site,
    derived: &Derived,
    templates: &Templates,
) -> Result<Vec<Script>, Vec<Diagnostic>> {
    let site_view = SiteView::new(site, derived);
    let speaker = Speaker::new(site, derived);
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (i, day) in site.days.iter().enumerate() {
        let mut context = tera::Context::new();
        context.insert("site", &site_view);
        context.insert("kind", "day");
        let day_view = view::day_view(site, derived, i);
        let date = derived
            .calendar
            .iter()
            .find(|o| o.day == i)
            .map_or(derived.build_date, |o| o.start);
        context.insert("day", &day_view);
        let origin = Location::new("data/days.toml", day.line, 1);
        match finish(
            templates,
            &speaker,
            context,
            urls::day_broadcast(&day.id, "")
                .trim_end_matches('.')
                .to_owned(),
            origin,
            date,
        ) {
            Ok(s) => out.push(s),
            Err(e) => errors.push(e),
        }
    }
    for article in site.news.iter().filter(|a| a.broadcast) {
        match news_script(&speaker, &site_view, article, templates, derived) {
            Ok(s) => out.push(s),
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

fn news_script(
    speaker: &Speaker,
    site_view: &SiteView,
    article: &Article,
    templates: &Templates,
    derived: &Derived,
) -> Result<Script, Diagnostic> {
    let date = article.date.unwrap_or(derived.build_date);
    let mut context = tera::Context::new();
    context.insert("site", site_view);
    context.insert("kind", "news");
    context.insert(
        "news",
        &NewsData {
            title: article.title.clone(),
            date_text: format::heading_date(date),
            summary: article.summary.clone(),
            paragraphs: plain_paragraphs(&article.body),
        },
    );
    finish(
        templates,
        speaker,
        context,
        urls::news_broadcast(&article.slug, "")
            .trim_end_matches('.')
            .to_owned(),
        Location::file(article.source.clone()),
        date,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables_and_time() {
        assert_eq!(syllables("Kính thưa bà con, hôm nay - ngày 6/6"), 8);
        assert_eq!(reading_seconds(130), 60);
        assert_eq!(reading_seconds(195), 90);
        assert_eq!(reading_seconds(1), 1);
    }

    #[test]
    fn markdown_paragraphs_and_items() {
        let p = plain_paragraphs("Một **hai** ba.\n\n- Bốn\n- Năm\n\n## Sáu\n\nBảy\ntám");
        assert_eq!(p, ["Một hai ba.", "Bốn", "Năm", "Sáu", "Bảy tám"]);
    }

    #[test]
    fn tables_are_read_row_by_row() {
        let p = plain_paragraphs(
            "Kết quả:\n\n| TT | Đối tượng | Số người | Ghi chú |\n|:-:|---|--:|---|\n| 1 | Người cao tuổi | 1.234 | |\n| 2 | Trẻ em | 56 | mồ côi |\n\nXin cảm ơn.",
        );
        assert_eq!(
            p,
            [
                "Kết quả:",
                "Người cao tuổi; Số người: 1.234.",
                "Trẻ em; Số người: 56; Ghi chú: mồ côi.",
                "Xin cảm ơn."
            ]
        );
    }
}
