//! Photos as HTML: a `<picture>` with WebP and JPEG at every published width, `sizes` for the
//! column it stands in, `width`/`height` (no layout shift), lazy loading below the first
//! screen, the caption under it ("Ảnh: ..."). Only addresses and sizes from the [`Photo`]
//! records: the files themselves are made by the media step.

use std::fmt::Write;

use crate::model::photo::{Encoding, LeadPhoto, Photo, Photos};
use crate::model::{Article, Site};

/// The width a photo takes in the text column (the theme's `.khung`: 60rem less its padding).
pub const COLUMN_SIZES: &str = "(min-width: 60rem) 58rem, calc(100vw - 2rem)";

/// The width of a list entry's small photo (the theme's `.anh-nho`).
pub const THUMB_SIZES: &str = "7rem";

fn escape(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    let _ = tera::escape_html(text, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// `<picture>` of `photo`: WebP first, JPEG for browsers without it.
pub fn picture_html(photo: &Photo, alt: &str, lazy: bool, sizes: &str) -> String {
    let variants = photo.variants();
    let srcset = |encoding: Encoding| {
        variants
            .iter()
            .map(|v| format!("{} {}w", photo.url(v.width, encoding), v.width))
            .collect::<Vec<_>>()
            .join(", ")
    };
    // The fallback `src`: the middle size (a browser without `srcset` is an old one).
    let fallback = variants[variants.len().saturating_sub(1).min(1)];
    let largest = variants[variants.len() - 1];
    let mut out = String::with_capacity(600);
    let _ = write!(
        out,
        "<picture><source type=\"{}\" srcset=\"{}\" sizes=\"{sizes}\"><img src=\"{}\" srcset=\"{}\" sizes=\"{sizes}\" width=\"{}\" height=\"{}\" alt=\"{}\"{} decoding=\"async\"></picture>",
        Encoding::Webp.mime(),
        srcset(Encoding::Webp),
        photo.url(fallback.width, Encoding::Jpeg),
        srcset(Encoding::Jpeg),
        largest.width,
        largest.height,
        escape(alt),
        if lazy { " loading=\"lazy\"" } else { "" },
    );
    out
}

/// The caption line: `Ảnh: ...` (and who took it).
pub fn caption_text(caption: &str, author: &str) -> String {
    let args = [
        ("caption", caption.trim().to_owned()),
        ("author", author.trim().to_owned()),
    ];
    let code = match (caption.trim().is_empty(), author.trim().is_empty()) {
        (true, true) => return String::new(),
        (false, true) => "photo_caption",
        (true, false) => "photo_caption_author_only",
        (false, false) => "photo_caption_author",
    };
    crate::messages::text(code, &args).vi
}

/// A photo standing alone: `<figure>` with the picture and its caption.
pub fn figure_html(photo: &Photo, alt: &str, caption: &str, author: &str, lazy: bool) -> String {
    let mut out = String::from("<figure class=\"anh\">");
    out.push_str(&picture_html(photo, alt, lazy, COLUMN_SIZES));
    let caption = caption_text(caption, author);
    if !caption.is_empty() {
        let _ = write!(out, "<figcaption>{}</figcaption>", escape(&caption));
    }
    out.push_str("</figure>\n");
    out
}

/// The lead photo of an item written in `source`, if it has one that was found.
pub fn lead<'a>(
    photos: &'a Photos,
    source: &std::path::Path,
    lead: Option<&'a LeadPhoto>,
) -> Option<(&'a Photo, &'a LeadPhoto)> {
    let lead = lead?;
    Some((photos.find(source, &lead.target)?, lead))
}

/// An article's lead photo at the top of its page (the first screen: loaded at once).
pub fn article_lead_html(site: &Site, article: &Article) -> String {
    lead(&site.photos, &article.source, article.lead_photo.as_ref())
        .map(|(photo, lead)| figure_html(photo, &lead.alt, &lead.caption, &lead.author, false))
        .unwrap_or_default()
}

/// An article's lead photo as a small picture beside its list entry (lazy: lists run long).
pub fn article_thumb_html(site: &Site, article: &Article) -> String {
    lead(&site.photos, &article.source, article.lead_photo.as_ref())
        .map(|(photo, _)| {
            // Beside the entry's linked title, the picture adds nothing to read: decorative.
            format!(
                "<span class=\"anh-nho\">{}</span>",
                picture_html(photo, "", true, THUMB_SIZES)
            )
        })
        .unwrap_or_default()
}
