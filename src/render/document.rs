//! A document body ([`Document`]) as semantic HTML: parts are sections with `h2`, numbered items
//! sections with `h3`, `-` and `+` bullets keep their marks, tables scroll on narrow screens.

use std::fmt::Write;

use crate::model::{Block, BlockKind, ColumnAlign, Document};
use crate::render::inline::Linker;

fn escape(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    // Writing into a Vec cannot fail.
    let _ = tera::escape_html(text, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// From this many columns a table is set in smaller type (11 pt in print).
pub const MANY_COLUMNS: usize = 5;

/// The start of a table of `columns` columns from a document body: a focusable region that
/// scrolls on its own if it must, named for screen readers. On a phone the site's style sheet
/// shows each row as a card, every cell under its column's name (`data-nhan` of [`cell_open`]),
/// so no row needs sideways scrolling to be read.
pub fn table_open(columns: usize) -> String {
    let many = if columns >= MANY_COLUMNS {
        " nhieu-cot"
    } else {
        ""
    };
    format!(
        "<div class=\"cuon-bang\" role=\"region\" aria-label=\"{}\" tabindex=\"0\"><table class=\"bang-noi-dung{many}\">",
        crate::locale::format::TABLE_LABEL
    )
}

/// The end of a table opened with [`table_open`] (its body included).
pub const TABLE_CLOSE: &str = "</tbody></table></div>\n";

/// The opening tag of a cell: a column header (`th scope="col"`) or a data cell, with the
/// column's alignment as a class (`can-giua`, `can-phai`: numbers) and, for a data cell, the
/// plain text of its column's header as `data-nhan` (shown beside the value on a phone).
pub fn cell_open(header: bool, align: ColumnAlign, label: &str) -> String {
    let class = match align {
        ColumnAlign::Unstated => "",
        ColumnAlign::Left => " class=\"can-trai\"",
        ColumnAlign::Center => " class=\"can-giua\"",
        ColumnAlign::Right => " class=\"can-phai\"",
    };
    if header {
        format!("<th scope=\"col\"{class}>")
    } else if label.trim().is_empty() {
        format!("<td{class}>")
    } else {
        format!("<td{class} data-nhan=\"{}\">", escape(label.trim()))
    }
}

/// Renders blocks into `out`.
pub fn blocks_html(blocks: &[Block], linker: &Linker<'_>, out: &mut String) {
    for block in blocks {
        match &block.kind {
            BlockKind::Paragraph { text } => {
                let html = linker.inline_html(text);
                if html.starts_with("<figure") {
                    // A photo standing alone: its figure, never inside a paragraph.
                    let _ = writeln!(out, "{html}");
                } else {
                    let _ = writeln!(out, "<p>{html}</p>");
                }
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
                let columns = table.columns();
                out.push_str(&table_open(columns));
                out.push_str("<thead><tr>");
                for column in 0..columns {
                    let cell = table.header.get(column);
                    out.push_str(&cell_open(true, table.align_of(column), ""));
                    if let Some(cell) = cell {
                        out.push_str(&linker.inline_html(cell));
                    }
                    out.push_str("</th>");
                }
                out.push_str("</tr></thead>\n<tbody>\n");
                for row in &table.rows {
                    out.push_str("<tr>");
                    for (column, cell) in row.iter().enumerate() {
                        let label = table.header.get(column).map_or("", |h| h.plain.as_str());
                        out.push_str(&cell_open(false, table.align_of(column), label));
                        out.push_str(&linker.inline_html(cell));
                        out.push_str("</td>");
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str(TABLE_CLOSE);
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
