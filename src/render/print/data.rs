//! The data each print template receives (as `/du-lieu.json`): the model turned into plain JSON,
//! with inline text as runs (`{"t": text, "b": bold, "i": italic}`) so templates never parse
//! Markdown and text is never read as Typst markup. No wording here: templates own the words.

use chrono::{Datelike, NaiveDate};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use serde_json::{Map, Value, json};

use crate::derive::Derived;
use crate::locale::{format, text};
use crate::model::{Block, BlockKind, DocType, Leaflet, PartialDate, Plan, Signer, Site};
use crate::render::urls;
use crate::render::view;

pub use crate::render::write_error;

/// Inline Markdown as runs of plain text with their bold and italic flags.
pub fn runs(markdown: &str) -> Value {
    let mut out: Vec<Value> = Vec::new();
    let (mut bold, mut italic) = (0u32, 0u32);
    let mut push = |text: &str, bold: u32, italic: u32| {
        if text.is_empty() {
            return;
        }
        out.push(json!({"t": text, "b": bold > 0, "i": italic > 0}));
    };
    for event in Parser::new_ext(markdown, crate::load::markdown::options()) {
        match event {
            Event::Start(Tag::Strong) => bold += 1,
            Event::End(TagEnd::Strong) => bold = bold.saturating_sub(1),
            Event::Start(Tag::Emphasis) => italic += 1,
            Event::End(TagEnd::Emphasis) => italic = italic.saturating_sub(1),
            Event::Text(t) | Event::Code(t) => push(&t, bold, italic),
            Event::SoftBreak | Event::HardBreak => push(" ", bold, italic),
            _ => {}
        }
    }
    Value::Array(out)
}

/// Runs of a plain string (no marks).
pub fn plain_runs(text: &str) -> Value {
    json!([{"t": text, "b": false, "i": false}])
}

/// Body blocks as JSON.
pub fn blocks(blocks: &[Block]) -> Vec<Value> {
    blocks
        .iter()
        .map(|block| match &block.kind {
            BlockKind::Paragraph { text } => json!({"kind": "p", "runs": runs(&text.markdown)}),
            BlockKind::Heading { text } => json!({"kind": "h", "runs": runs(&text.markdown)}),
            BlockKind::List(list) => json!({
                "kind": "list",
                "start": list.start,
                "marker": list.marker.to_string(),
                "items": list.items.iter().map(|item| json!({
                    "runs": runs(&item.text.markdown),
                    "children": self::blocks(&item.children),
                })).collect::<Vec<_>>(),
            }),
            BlockKind::Table(table) => super::table::table_data(table),
        })
        .collect()
}

/// The ward, as every template sees it.
pub fn site_data(site: &Site) -> Value {
    let c = &site.config;
    json!({
        "name": c.name,
        "level": c.level,
        "full_name": c.full_name(),
        "province": c.province,
        "parent_body": c.parent_body,
        "issuing_body": c.issuing_body,
        "service_centre": c.service_centre,
        "address": c.address,
        "phone": c.phone,
        "email": c.email,
        "base_url": c.base_url,
        "office_hours": c.office_hours,
        "officials": c.officials,
    })
}

/// A document number as printed: numbers below 10 zero-padded (`5` -> `05`).
pub fn padded_number(number: &str) -> String {
    match number.trim().parse::<u32>() {
        Ok(n) if n < 10 => format!("{n:02}"),
        _ => number.trim().to_owned(),
    }
}

/// What the Nghị định 30/2020 layout prints around the body of any document the ward issues
/// (plans, letters, reports): number and symbol, place and date, subject, addressees, recipients
/// and the signature block.
pub struct Heading<'a> {
    /// Kind of document.
    pub doc_type: DocType,
    /// Parent body above the issuing body (may be empty).
    pub parent_body: &'a str,
    /// Issuing body of the header.
    pub issuing_body: &'a str,
    /// Number as written (padded when printed).
    pub number: &'a str,
    /// Symbol after the number.
    pub symbol: &'a str,
    /// Place in the date line.
    pub place: &'a str,
    /// Issue date, possibly partial.
    pub date: PartialDate,
    /// Subject (trích yếu).
    pub subject: &'a str,
    /// `Kính gửi:` addressees.
    pub addressees: &'a [String],
    /// `Nơi nhận:` lines.
    pub recipients: &'a [String],
    /// The signature block.
    pub signer: &'a Signer,
    /// Published as a draft (`du_thao = true`): marked `DỰ THẢO` above the header.
    pub draft: bool,
}

impl Heading<'_> {
    /// The heading as the `doc` object every document template reads.
    pub fn fields(&self) -> Map<String, Value> {
        let date = self.date;
        let fields = json!({
            "code": self.doc_type.code(),
            "type_name": self.doc_type.name(),
            "is_letter": self.doc_type == DocType::OfficialLetter,
            "draft": self.draft,
            "parent_body": self.parent_body,
            "issuing_body": self.issuing_body,
            "parent_lines": text::header_lines(self.parent_body),
            "issuing_lines": text::header_lines(self.issuing_body),
            "number": padded_number(self.number),
            "symbol": self.symbol,
            "place": self.place,
            "day": date.day.map(format::heading_day).unwrap_or_default(),
            "month": date.month.map(format::heading_month).unwrap_or_default(),
            "year": date.year.map(|y| y.to_string()).unwrap_or_default(),
            "subject": self.subject,
            "addressees": self.addressees,
            "recipients": self.recipients,
            "signer": {
                "authority": self.signer.authority,
                "title": self.signer.title,
                "name": self.signer.name,
            },
        });
        match fields {
            Value::Object(map) => map,
            _ => Map::new(),
        }
    }
}

/// A plan or letter.
pub fn plan_data(site: &Site, plan: &Plan) -> Value {
    let mut doc = Heading {
        doc_type: plan.doc_type,
        parent_body: &plan.parent_body,
        issuing_body: &plan.issuing_body,
        number: &plan.number,
        symbol: &plan.symbol,
        place: &plan.place,
        date: plan.date,
        subject: &plan.subject,
        addressees: &plan.addressees,
        recipients: &plan.recipients,
        signer: &plan.signer,
        draft: plan.draft,
    }
    .fields();
    doc.insert("preamble".into(), blocks(&plan.body.preamble).into());
    doc.insert(
        "parts".into(),
        plan.body
            .parts
            .iter()
            .map(|part| {
                json!({
                    "numeral": part.numeral,
                    "title": part.title,
                    "intro": blocks(&part.intro),
                    "items": part.items.iter().map(|item| json!({
                        "number": item.number,
                        "title": runs(&item.title.markdown),
                        "blocks": blocks(&item.blocks),
                    })).collect::<Vec<_>>(),
                })
            })
            .collect::<Vec<_>>()
            .into(),
    );
    let mut closing: Vec<Value> = plan.closing.iter().map(|c| runs(&c.markdown)).collect();
    // The last paragraph goes with the signature block (a signature alone on the last page is
    // refused by the print shop and the archive): the last closing paragraph, else the body's last
    // paragraph.
    let tail = match closing.pop() {
        Some(last) => vec![json!({"kind": "p", "runs": last})],
        None => last_paragraph(&mut doc),
    };
    doc.insert("closing".into(), closing.into());
    doc.insert("tail".into(), tail.into());
    json!({
        "site": site_data(site),
        "doc": doc,
    })
}

/// Takes the document's last block out of its parts (or its preamble) when it is a paragraph.
fn last_paragraph(doc: &mut Map<String, Value>) -> Vec<Value> {
    let is_paragraph = |b: &Value| b["kind"] == "p";
    let parts = doc.get_mut("parts").and_then(Value::as_array_mut);
    let list = match parts.and_then(|p| p.last_mut()) {
        Some(part) => {
            let has_items = part["items"].as_array().is_some_and(|i| !i.is_empty());
            if has_items {
                part["items"]
                    .as_array_mut()
                    .and_then(|i| i.last_mut())
                    .and_then(|item| item["blocks"].as_array_mut())
            } else {
                part["intro"].as_array_mut()
            }
        }
        None => doc.get_mut("preamble").and_then(Value::as_array_mut),
    };
    match list {
        Some(blocks) if blocks.last().is_some_and(is_paragraph) => {
            blocks.pop().into_iter().collect()
        }
        _ => Vec::new(),
    }
}

/// The occurrence of day `index` its products are for (running on the build date, else the
/// next), as the web pages show it.
fn occurrence(site: &Site, derived: &Derived, index: usize) -> Value {
    derived
        .next
        .get(index)
        .and_then(Option::as_ref)
        .map_or(Value::Null, |o| {
            serde_json::to_value(view::occurrence_view(site, o, derived.build_date))
                .unwrap_or(Value::Null)
        })
}

/// A written leaflet.
pub fn leaflet_data(site: &Site, derived: &Derived, leaflet: &Leaflet) -> (Value, String) {
    let day = leaflet
        .day
        .as_ref()
        .and_then(|id| site.days.iter().position(|d| &d.id == id));
    let path = match (&leaflet.link, day) {
        (Some(link), _) => link.clone(),
        (None, Some(i)) => urls::day(&site.days[i].id),
        (None, None) => urls::HOME.to_owned(),
    };
    let url = format!("{}{}", site.config.base_url, path);
    let occ = day.map_or(Value::Null, |i| occurrence(site, derived, i));
    let data = json!({
        "site": site_data(site),
        "leaflet": {
            "generated": false,
            "title": leaflet.title,
            "subtitle": leaflet.subtitle,
            "day_name": day.map(|i| site.days[i].name.clone()),
            "occurrence": occ,
            "facts": leaflet.facts.iter().map(|f| json!({"key": null, "text": f})).collect::<Vec<_>>(),
            "help": leaflet.help,
            "slogans": day.map(|i| site.days[i].slogans.clone()).unwrap_or_default(),
            "sections": leaflet.sections.iter().map(|s| json!({
                "key": null,
                "title": if s.title.plain.is_empty() { Value::Null } else { runs(&s.title.markdown) },
                "blocks": blocks(&s.blocks),
            })).collect::<Vec<_>>(),
            "url": url,
            "photo": lead_photo_data(
                site,
                derived,
                &leaflet.source,
                leaflet.lead_photo.as_ref(),
            ),
        }
    });
    (data, url)
}

/// The lead photo of an item written in `source` for a printed product's slot, when it has one
/// and the media step made it at print resolution (`media::prepare_print`): where it is in the
/// product's world (`image(photo.path)` in a template), its caption (`Ảnh: ...`), and its digest
/// (which keys the product's cache). `null` otherwise. For leaflets now; share cards and posters
/// take theirs the same way.
pub fn lead_photo_data(
    site: &Site,
    derived: &Derived,
    source: &std::path::Path,
    lead: Option<&crate::model::photo::LeadPhoto>,
) -> Value {
    let Some((photo, lead)) = crate::render::photos::lead(&site.photos, source, lead) else {
        return Value::Null;
    };
    if !derived.print_photos.contains_key(&photo.digest) {
        return Value::Null;
    }
    json!({
        "path": super::engine::PHOTO_PATH,
        "digest": photo.digest,
        "caption": crate::render::photos::caption_text(&lead.caption, &lead.author),
    })
}

/// A leaflet generated for a commemorative day from its theme, slogans and related policies.
pub fn day_leaflet_data(site: &Site, derived: &Derived, index: usize) -> (Value, String) {
    let day = &site.days[index];
    let url = format!("{}{}", site.config.base_url, urls::day(&day.id));
    let occ = occurrence(site, derived, index);
    let theme = day.theme_for(day_date(derived, index).year());
    let mut facts = Vec::new();
    if !day.groups.is_empty() {
        facts.push(json!({"key": "doi-tuong", "text": day.groups.join(", ")}));
    }
    if !day.basis.is_empty() {
        facts.push(json!({"key": "can-cu", "text": day.basis}));
    }
    let mut sections = Vec::new();
    if !day.description.is_empty() {
        sections.push(json!({"key": "y-nghia", "title": null,
            "blocks": [{"kind": "p", "runs": plain_runs(&day.description)}]}));
    }
    if !theme.is_empty() {
        sections.push(json!({"key": "chu-de", "title": null,
            "blocks": [{"kind": "p", "runs": plain_runs(theme)}]}));
    }
    let policies: Vec<Value> = day
        .policies
        .iter()
        .filter_map(|id| site.legal.iter().find(|d| &d.id == id))
        .take(3)
        .map(|d| {
            let text = if d.summary.is_empty() {
                &d.title
            } else {
                &d.summary
            };
            json!({
                "runs": [{"t": format!("{}: ", d.display_name()), "b": true, "i": false},
                         {"t": text, "b": false, "i": false}],
                "children": [],
            })
        })
        .collect();
    if !policies.is_empty() {
        sections.push(json!({"key": "chinh-sach", "title": null,
            "blocks": [{"kind": "list", "start": null, "marker": "-", "items": policies}]}));
    }
    let data = json!({
        "site": site_data(site),
        "leaflet": {
            "generated": true,
            "title": day.name,
            "subtitle": theme,
            "day_name": day.name,
            "occurrence": occ,
            "facts": facts,
            "help": [],
            "slogans": day.slogans,
            "sections": sections,
            "url": url,
        }
    });
    (data, url)
}

/// A commemorative day for its poster and banner.
pub fn day_data(site: &Site, derived: &Derived, index: usize) -> Value {
    let day = &site.days[index];
    let occ = occurrence(site, derived, index);
    let year = day_date(derived, index).year();
    json!({
        "site": site_data(site),
        "day": {
            "name": day.name,
            "theme": day.theme_for(year),
            "slogans": day.slogans,
            "description": day.description,
            "basis": day.basis,
            "occurrence": occ,
            "year": year.to_string(),
            "url": format!("{}{}", site.config.base_url, urls::day(&day.id)),
        }
    })
}

/// The date a day's products carry: the occurrence they are for, else the build date.
pub fn day_date(derived: &Derived, index: usize) -> NaiveDate {
    derived
        .next
        .get(index)
        .and_then(Option::as_ref)
        .map_or(derived.build_date, |o| o.start)
}

#[cfg(feature = "pdf")]
/// A QR code for `url`, as SVG (black on white, with the quiet zone).
pub fn qr_svg(url: &str) -> Result<String, String> {
    let code = qrcode::QrCode::with_error_correction_level(url.as_bytes(), qrcode::EcLevel::M)
        .map_err(|e| e.to_string())?;
    Ok(code
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(300, 300)
        .quiet_zone(true)
        .build())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_keep_bold_and_italic() {
        let r = runs("Thực hiện **Kế hoạch** số *05*.");
        assert_eq!(r[0]["t"], "Thực hiện ");
        assert_eq!(r[1]["t"], "Kế hoạch");
        assert_eq!(r[1]["b"], true);
        assert_eq!(r[3]["i"], true);
    }

    #[test]
    fn numbers_below_ten_are_padded() {
        assert_eq!(padded_number("5"), "05");
        assert_eq!(padded_number("12"), "12");
        assert_eq!(padded_number(""), "");
    }
}
