//! A document body ([`Document`]) as semantic HTML: parts are sections with `h2`, numbered items
//! sections with `h3`, `-` and `+` bullets keep their marks, tables scroll on narrow screens.

use std::fmt::Write;

use crate::model::{Block, BlockKind, Document};
use crate::render::inline::Linker;

fn escape(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    // Writing into a Vec cannot fail.
    let _ = tera::escape_html(text, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Renders blocks into `out`.
pub fn blocks_html(blocks: &[Block], linker: &Linker<'_>, out: &mut String) {
    for block in blocks {
        match &block.kind {
            BlockKind::Paragraph { text } => {
                let _ = writeln!(out, "<p>{}</p>", linker.inline_html(text));
            }
            BlockKind::Heading { text } => {
                let _ = writeln!(out, "<h4>{}</h4>", linker.inline_html(text));
            }
            BlockKind::List(list) => {
                let (open, close) = match (list.start, list.marker) {
                    (Some(1), _) => ("<ol>".to_owned(), "</ol>"),
                    (Some(n), _) => (format!("<ol start=\"{n}\">"), "</ol>"),
                    (None, '+') => ("<ul class=\"dau-cong\">".to_owned(), "</ul>"),
                    (None, _) => ("<ul class=\"dau-gach\">".to_owned(), "</ul>"),
                };
                out.push_str(&open);
                out.push('\n');
                for item in &list.items {
                    out.push_str("<li>");
                    out.push_str(&linker.inline_html(&item.text));
                    if !item.children.is_empty() {
                        out.push('\n');
                        blocks_html(&item.children, linker, out);
                    }
                    out.push_str("</li>\n");
                }
                out.push_str(close);
                out.push('\n');
            }
            BlockKind::Table(table) => {
                let _ = writeln!(
                    out,
                    "<div class=\"cuon-bang\" role=\"region\" aria-label=\"{}\" tabindex=\"0\"><table>",
                    crate::locale::format::TABLE_LABEL
                );
                if !table.header.is_empty() {
                    out.push_str("<thead><tr>");
                    for cell in &table.header {
                        let _ = write!(out, "<th scope=\"col\">{}</th>", linker.inline_html(cell));
                    }
                    out.push_str("</tr></thead>\n");
                }
                out.push_str("<tbody>\n");
                for row in &table.rows {
                    out.push_str("<tr>");
                    for cell in row {
                        let _ = write!(out, "<td>{}</td>", linker.inline_html(cell));
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</tbody></table></div>\n");
            }
        }
    }
}

/// The preamble (căn cứ) as HTML.
pub fn preamble_html(document: &Document, linker: &Linker<'_>) -> String {
    let mut out = String::new();
    blocks_html(&document.preamble, linker, &mut out);
    out
}

/// The parts as HTML sections.
pub fn parts_html(document: &Document, linker: &Linker<'_>) -> String {
    let mut out = String::new();
    for part in &document.parts {
        let _ = writeln!(out, "<section class=\"phan\" id=\"{}\">", part.anchor);
        if !part.title.is_empty() {
            let numeral = part
                .numeral
                .as_ref()
                .map(|n| format!("{n}. "))
                .unwrap_or_default();
            let _ = writeln!(out, "<h2>{}{}</h2>", escape(&numeral), escape(&part.title));
        }
        blocks_html(&part.intro, linker, &mut out);
        for item in &part.items {
            let _ = write!(out, "<section class=\"muc\" id=\"{}\">\n<h3>", item.anchor);
            if let Some(number) = &item.number {
                let _ = write!(out, "{}. ", escape(number));
            }
            out.push_str(&linker.inline_html(&item.title));
            out.push_str("</h3>\n");
            blocks_html(&item.blocks, linker, &mut out);
            out.push_str("</section>\n");
        }
        out.push_str("</section>\n");
    }
    out
}
