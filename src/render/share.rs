//! Links that travel: the items a ward shares on Zalo and Facebook (news, plans, commemorative
//! days, campaigns, benefits), each with its 1200 x 630 share card (typeset in the print pass)
//! and a ready-to-paste post (`in/bai-dang/`). This module says which items and what they carry;
//! the words of the cards and posts are the theme's (`print/the-chia-se.typ`,
//! `templates/bai_dang.txt`).

use chrono::NaiveDate;
use serde::Serialize;

use crate::derive::Derived;
use crate::diagnostics::Location;
use crate::locale::format;
use crate::model::Site;
use crate::render::urls;

/// What kind of page an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ShareKind {
    News,
    Plan,
    Day,
    Campaign,
    Benefit,
}

impl ShareKind {
    /// The address part of its cards and posts (the section of its pages).
    pub fn folder(self) -> &'static str {
        match self {
            ShareKind::News => "tin-tuc",
            ShareKind::Plan => "ke-hoach",
            ShareKind::Day => "ngay-ky-niem",
            ShareKind::Campaign => "chien-dich",
            ShareKind::Benefit => "toi-can",
        }
    }
}

/// One item to share.
#[derive(Debug, Clone, Serialize)]
pub struct Shareable {
    pub kind: ShareKind,
    /// Its page.
    pub url: String,
    /// Its share card (PNG).
    pub card: String,
    /// Its ready-to-paste post (text).
    pub post: String,
    pub title: String,
    /// `ngày 18 tháng 3 năm 2026` (news, plans: issued; days: the coming occurrence; campaigns: start).
    pub date_text: String,
    /// Number and symbol of a plan.
    pub number: String,
    /// Who a benefit is for.
    pub situation: String,
    /// A commemorative day's theme for the coming occurrence.
    pub note: String,
    /// The news item it is (index into `Site::news`), for its lead photo.
    #[serde(skip)]
    pub news: Option<usize>,
    /// Two or three plain sentences.
    pub sentences: Vec<String>,
    /// Topics, for hashtags.
    pub tags: Vec<String>,
    /// Where it is written (located errors of its card).
    #[serde(skip)]
    pub origin: Location,
    /// The date its card carries (never the clock).
    #[serde(skip)]
    pub date: NaiveDate,
}

/// The default share card of the pages that have none of their own.
pub const SITE_CARD: &str = "/chia-se/trang.png";

/// The date of the pictures that carry no date (benefits, the site card, icons): fixed, so that
/// their cache key does not change with the build date.
pub fn undated() -> NaiveDate {
    NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default()
}

/// The share image of a page in this build (the PDFs and pictures are made together): the
/// item's own card, else the site's.
pub fn image_for(site: &Site, own: Option<(ShareKind, &str)>) -> Option<String> {
    site.outputs.pdf.then(|| match own {
        Some((kind, slug)) => card_url(kind, slug),
        None => SITE_CARD.to_owned(),
    })
}

/// The card of an item.
pub fn card_url(kind: ShareKind, slug: &str) -> String {
    format!("/chia-se/{}/{slug}.png", kind.folder())
}

/// The post of an item.
pub fn post_url(kind: ShareKind, slug: &str) -> String {
    format!("/in/bai-dang/{}-{slug}.txt", kind.folder())
}

/// The site's icons, by size in pixels.
pub const ICON_SIZES: [u32; 3] = [32, 180, 512];

/// The icon of `size` pixels.
pub fn icon_url(size: u32) -> String {
    format!("/bieu-tuong-{size}.png")
}

/// The first sentences of `text` (up to `max`), whole: a sentence ends at `.`, `!` or `?`
/// followed by a space or the end. Lines that end without one (headings, "như sau:") are not
/// sentences and are skipped, unless no line ends with one.
pub fn sentences(text: &str, max: usize) -> Vec<String> {
    let ends_sentence = |line: &&str| line.trim_end().ends_with(['.', '!', '?']);
    let lines: Vec<&str> = text.lines().filter(ends_sentence).collect();
    let prose = if lines.is_empty() {
        text.to_owned()
    } else {
        lines.join("\n")
    };
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = prose.char_indices().collect();
    for (n, &(i, c)) in chars.iter().enumerate() {
        let at_end = chars
            .get(n + 1)
            .is_none_or(|&(_, next)| next.is_whitespace());
        if matches!(c, '.' | '!' | '?') && at_end {
            let sentence = prose[start..i + c.len_utf8()].trim();
            if !sentence.is_empty() {
                out.push(sentence.split_whitespace().collect::<Vec<_>>().join(" "));
            }
            start = i + c.len_utf8();
            if out.len() == max {
                return out;
            }
        }
    }
    let rest = prose[start..].trim();
    if !rest.is_empty() && out.len() < max {
        out.push(rest.split_whitespace().collect::<Vec<_>>().join(" "));
    }
    out
}

fn item(
    kind: ShareKind,
    slug: &str,
    url: String,
    title: String,
    origin: Location,
    date: NaiveDate,
) -> Shareable {
    Shareable {
        kind,
        url,
        card: card_url(kind, slug),
        post: post_url(kind, slug),
        title,
        date_text: format::heading_date(date),
        number: String::new(),
        situation: String::new(),
        note: String::new(),
        news: None,
        sentences: Vec::new(),
        tags: Vec::new(),
        origin,
        date,
    }
}

/// Every item with a share card and a post, in a stable order.
pub fn shareables(site: &Site, derived: &Derived) -> Vec<Shareable> {
    let mut out = Vec::new();
    let plain = |markdown: &str| crate::render::search::markdown_text(markdown);
    for (index, a) in site.news.iter().enumerate() {
        let date = a.date.unwrap_or(derived.build_date);
        let mut s = item(
            ShareKind::News,
            &a.slug,
            urls::news(&a.slug),
            a.title.clone(),
            Location::file(&a.source),
            date,
        );
        let text = if a.summary.trim().is_empty() {
            plain(&a.body)
        } else {
            a.summary.clone()
        };
        s.sentences = sentences(&text, 3);
        s.tags = a.tags.clone();
        s.news = Some(index);
        out.push(s);
    }
    for p in &site.plans {
        let date = p.date.earliest().unwrap_or(derived.build_date);
        let mut s = item(
            ShareKind::Plan,
            &p.slug,
            urls::plan(&p.slug),
            p.title(),
            Location::file(&p.source),
            date,
        );
        if p.date.to_date().is_none() {
            s.date_text = String::new();
        }
        s.number = if p.number.trim().is_empty() {
            String::new()
        } else {
            p.number_and_symbol()
        };
        s.sentences = sentences(&p.body.plain_text(), 2);
        s.tags = p.tags.clone();
        out.push(s);
    }
    for (i, d) in site.days.iter().enumerate() {
        let date = derived.next[i]
            .as_ref()
            .map_or(derived.build_date, |o| o.start);
        let mut s = item(
            ShareKind::Day,
            &d.id,
            urls::day(&d.id),
            d.name.clone(),
            Location::new("data/days.toml", d.line, 1),
            date,
        );
        if derived.next[i].is_none() {
            s.date_text = String::new();
        }
        s.note = d.theme_for(chrono::Datelike::year(&date)).to_owned();
        s.sentences = sentences(&d.description, 3);
        s.tags = d.groups.iter().take(2).cloned().collect();
        out.push(s);
    }
    for c in &site.stats.campaigns {
        let mut s = item(
            ShareKind::Campaign,
            &c.slug,
            crate::render::stats::urls::campaign(&c.slug),
            c.title.clone(),
            Location::file(&c.source),
            c.start,
        );
        s.sentences = sentences(&c.summary, 3);
        out.push(s);
    }
    for b in &site.benefits {
        let mut s = item(
            ShareKind::Benefit,
            &b.slug,
            urls::benefit(&b.slug),
            b.title.clone(),
            Location::file(&b.source),
            undated(),
        );
        s.date_text = String::new();
        s.situation = b.situation.clone();
        s.sentences = sentences(&b.summary, 3);
        s.tags = vec![b.group.clone()];
        out.push(s);
    }
    out
}

/// A hashtag of a topic: each word capitalised, joined (`trợ giúp xã hội` -> `#TrợGiúpXãHội`);
/// marks kept (Zalo and Facebook take them). Empty for a topic without letters.
pub fn hashtag(topic: &str) -> String {
    let joined: String = topic
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_uppercase().chain(chars).collect::<String>()
            })
        })
        .collect();
    if joined.is_empty() {
        joined
    } else {
        format!("#{joined}")
    }
}

/// The data a share card's template receives: the item (or, with `None`, the site itself), the
/// site, the logo's path in the print world and the item's lead photo (a news item's), when it
/// has one: the card then shows the photo with the title on it.
pub fn card_data(site: &Site, derived: &Derived, item: Option<&Shareable>) -> serde_json::Value {
    let photo = item
        .and_then(|s| s.news)
        .map(|index| &site.news[index])
        .map_or(serde_json::Value::Null, |a| {
            crate::render::print::data::lead_photo_data(
                site,
                derived,
                &a.source,
                a.lead_photo.as_ref(),
            )
        });
    let address = site
        .config
        .base_url
        .trim_start_matches("https://")
        .trim_start_matches("http://")
        .to_owned();
    let card = match item {
        Some(s) => serde_json::json!({
            "kind": s.kind,
            "title": s.title,
            "date_text": s.date_text,
            "number": s.number,
            "situation": s.situation,
            "note": s.note,
            "address": format!("{address}{}", s.url.trim_end_matches('/')),
        }),
        None => serde_json::json!({
            "kind": "site",
            "title": site.config.issuing_body,
            "date_text": "",
            "number": "",
            "situation": "",
            "address": address,
        }),
    };
    serde_json::json!({
        "site": crate::render::print::data::site_data(site),
        "card": card,
        "logo": site.config.logo.as_ref().map(|l| l.virtual_path()),
        "photo": photo,
    })
}

#[cfg(test)]
mod tests {
    use super::{hashtag, sentences};

    #[test]
    fn sentences_end_at_a_stop_followed_by_a_space() {
        let text = "Phường chi trả trợ cấp quý 3. Số tiền 1.500.000 đồng mỗi người! Ai cần hỏi? Gọi 0225 3873 210.";
        assert_eq!(
            sentences(text, 2),
            vec![
                "Phường chi trả trợ cấp quý 3.",
                "Số tiền 1.500.000 đồng mỗi người!"
            ]
        );
        assert_eq!(sentences(text, 9).len(), 4);
        assert_eq!(sentences("Không có dấu chấm", 3), vec!["Không có dấu chấm"]);
        assert!(sentences("  ", 3).is_empty());
        // A plan's text: the heading and the line that introduces a list are not sentences.
        let plan = "Ủy ban nhân dân phường xây dựng Kế hoạch như sau:\nMỤC ĐÍCH, YÊU CẦU\nMục đích\nChăm lo cho người cao tuổi. Không để ai bị bỏ lại.";
        assert_eq!(
            sentences(plan, 3),
            vec!["Chăm lo cho người cao tuổi.", "Không để ai bị bỏ lại."]
        );
    }

    #[test]
    fn hashtags_keep_marks_and_join_words() {
        assert_eq!(hashtag("trợ giúp xã hội"), "#TrợGiúpXãHội");
        assert_eq!(
            hashtag("người cao tuổi, khuyết tật"),
            "#NgườiCaoTuổiKhuyếtTật"
        );
        assert_eq!(hashtag(" - "), "");
    }
}
