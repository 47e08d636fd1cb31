//! The document body -> logical lines: each Word paragraph one whole line (its automatic
//! number written out), data tables as `| a | b |` rows, layout tables (header, signature) as
//! the paragraphs of their cells, text boxes and notes after the paragraph that holds them.
//! Every walk is bounded in depth; deeper content is flattened to text with a warning.

use std::collections::BTreeMap;

use roxmltree::Node;

use super::numbering::{Emphasis, Numbering};
use super::package::{is_w, on_off, r_attr, w_attr, w_child};
use super::text::{flat_text, push_text, sym_char};
use super::{Note, Notice};
use crate::import::lines::Line;
use crate::locale::fold_diacritics;

/// How deep blocks (tables in cells, content controls) and inline wrappers (hyperlinks,
/// fields) may nest before the rest is flattened to text.
const DEPTH_LIMIT: usize = 24;
/// Widest table grid kept (Word allows 63 columns).
const GRID_LIMIT: usize = 64;

const MATH: &str = "http://schemas.openxmlformats.org/officeDocument/2006/math";
const MARKUP_COMPAT: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

/// A heading that carries its own typed number (`I. MỤC ĐÍCH`, `2. Yêu cầu`, `Phần I`).
static TYPED_NUMBER: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i)^(?:[IVXLC]+|\d+)[.)]|^(?:phần|chương)\s").expect("valid regex")
});

/// Reads the body of a document.
pub struct Reader<'a> {
    pub numbering: Numbering,
    /// Relationship id -> target part (images).
    pub rels: &'a BTreeMap<String, (String, String)>,
    /// Footnote and endnote texts by (`footnote`/`endnote`, id).
    pub notes: BTreeMap<(&'static str, String), String>,
    pub lines: Vec<Line>,
    pub notices: Vec<Notice>,
    /// Paragraphs read so far (the number of the current one).
    paragraph: usize,
    /// Whether the next line starts after a paragraph break (false inside a layout cell).
    blank: bool,
    in_layout_cell: bool,
    /// Notes referenced so far (their markers `(1)`, `(2)`).
    note_count: usize,
}

/// A paragraph's content before it becomes lines.
#[derive(Default)]
struct Para<'a, 'i> {
    pieces: Vec<(Emphasis, String)>,
    boxes: Vec<Node<'a, 'i>>,
    /// Notes referenced: marker number and text.
    notes: Vec<(usize, String)>,
}

impl<'a> Reader<'a> {
    pub fn new(numbering: Numbering, rels: &'a BTreeMap<String, (String, String)>) -> Reader<'a> {
        Reader {
            numbering,
            rels,
            notes: BTreeMap::new(),
            lines: Vec::new(),
            notices: Vec::new(),
            paragraph: 0,
            blank: false,
            in_layout_cell: false,
            note_count: 0,
        }
    }

    fn notice(&mut self, note: Note, args: Vec<(&'static str, String)>) {
        self.notices.push(Notice {
            note,
            paragraph: self.paragraph.max(1),
            args,
        });
    }

    fn push_line(&mut self, text: &str, table_row: bool) {
        if let Some(line) = Line::paragraph(text, self.paragraph.max(1), self.blank, table_row) {
            self.lines.push(line);
            self.blank = !self.in_layout_cell;
        }
    }

    /// Reads block content: paragraphs, tables, content controls.
    pub fn blocks(&mut self, container: Node<'_, '_>, depth: usize) {
        if depth > DEPTH_LIMIT {
            self.flatten(container);
            return;
        }
        for child in container.children().filter(Node::is_element) {
            let name = child.tag_name().name();
            if !is_w(child, name) {
                if is_alternate(child)
                    && let Some(choice) = alternate_choice(child)
                {
                    self.blocks(choice, depth + 1);
                }
                continue;
            }
            match name {
                "p" => self.paragraph(child, depth),
                "tbl" => self.table(child, depth),
                "sdt" | "sdtContent" | "customXml" | "ins" | "moveTo" | "smartTag" => {
                    self.blocks(child, depth + 1);
                }
                "altChunk" => {
                    self.notice(Note::Object, vec![("kind", "altChunk".to_owned())]);
                }
                _ => {}
            }
        }
    }

    /// Content nested beyond the limit: its text as one paragraph, with a warning.
    fn flatten(&mut self, node: Node<'_, '_>) {
        self.paragraph += 1;
        let text = flat_text(node);
        self.notice(Note::Flattened, vec![("depth", DEPTH_LIMIT.to_string())]);
        self.push_line(&text, false);
    }

    fn paragraph(&mut self, p: Node<'_, '_>, depth: usize) {
        let (text, para) = self.read_paragraph(p, depth);
        let mut first = true;
        for piece in text.split('\n') {
            let before = self.lines.len();
            self.push_line(piece, false);
            if let Some(line) = self.lines.get_mut(before) {
                if !first {
                    // A line break inside a paragraph: the text rules decide whether it wraps.
                    line.whole = false;
                    line.blank_before = false;
                }
                first = false;
            }
        }
        self.extras(para, depth);
    }

    /// A paragraph's text with its automatic number, line breaks as `\n`, and what it holds
    /// besides (notes, text boxes).
    fn read_paragraph<'n, 'i>(&mut self, p: Node<'n, 'i>, depth: usize) -> (String, Para<'n, 'i>) {
        self.paragraph += 1;
        let ppr = w_child(p, "pPr");
        let style = ppr
            .and_then(|n| w_child(n, "pStyle"))
            .and_then(|n| w_attr(n, "val"));
        let num = ppr.and_then(|n| w_child(n, "numPr"));
        let num_id = num
            .and_then(|n| w_child(n, "numId"))
            .and_then(|n| w_attr(n, "val"));
        let level = num
            .and_then(|n| w_child(n, "ilvl"))
            .and_then(|n| w_attr(n, "val"))
            .and_then(|v| v.parse().ok());
        let base = self.numbering.emphasis(style);
        let mut para = Para::default();
        self.inline(p, base, &mut para, depth + 1);
        // An empty numbered paragraph still takes its number, as Word shows it.
        let label = self
            .numbering
            .list_of(style, num_id, level)
            .and_then(|(id, level)| self.numbering.next(&id, level));
        let text = marked(&para.pieces);
        // A heading given by its style alone (`Heading 1` in no list) is numbered by its outline
        // level, so its part or item is found as if Word had numbered it.
        let label = match label {
            Some(label) => Some(label),
            None if !text.trim().is_empty() => {
                let own = ppr
                    .and_then(|n| w_child(n, "outlineLvl"))
                    .and_then(|n| w_attr(n, "val"))
                    .and_then(|v| v.parse().ok());
                let typed = TYPED_NUMBER.is_match(text.trim_start_matches(['*', ' ']));
                self.numbering.outline_label(style, own, typed)
            }
            None => None,
        };
        let text = match label {
            Some(label) if !text.trim().is_empty() => {
                format!("{label} {}", text.trim_start())
            }
            _ => text,
        };
        (text, para)
    }

    /// The notes a paragraph references, `(1) text`, and its text boxes, after it.
    fn extras(&mut self, para: Para<'_, '_>, depth: usize) {
        let host = self.paragraph;
        for (number, text) in para.notes {
            self.push_line(&format!("({number}) {text}"), false);
        }
        for content in para.boxes {
            let text = flat_text(content);
            let shown: String = text.chars().take(60).collect();
            // A short label in capitals (`DỰ THẢO`, `KHẨN`) is a stamp on the page, not text
            // of the document: named, not placed (it would be read as the issuing body).
            let stamp = text.split_whitespace().count() <= 4
                && text.chars().any(char::is_alphabetic)
                && !text.chars().any(char::is_lowercase);
            self.notices.push(Notice {
                note: if stamp { Note::Stamp } else { Note::TextBox },
                paragraph: host,
                args: vec![("text", shown)],
            });
            if stamp {
                continue;
            }
            // Its paragraphs take the number of the paragraph holding it (the count follows
            // the document's own paragraphs).
            let saved = (self.in_layout_cell, self.paragraph);
            let start = self.lines.len();
            let notices = self.notices.len();
            self.in_layout_cell = false;
            self.blank = true;
            self.blocks(content, depth + 1);
            (self.in_layout_cell, self.paragraph) = saved;
            for line in &mut self.lines[start..] {
                line.line = host;
            }
            for notice in &mut self.notices[notices..] {
                notice.paragraph = host;
            }
        }
    }

    /// Inline content of a paragraph (runs and their wrappers).
    fn inline<'n, 'i>(
        &mut self,
        node: Node<'n, 'i>,
        base: Emphasis,
        para: &mut Para<'n, 'i>,
        depth: usize,
    ) {
        if depth > DEPTH_LIMIT {
            let text = flat_text(node);
            self.notice(Note::Flattened, vec![("depth", DEPTH_LIMIT.to_string())]);
            para.pieces.push((base, text));
            return;
        }
        for child in node.children().filter(Node::is_element) {
            let name = child.tag_name().name();
            if is_w(child, name) {
                match name {
                    "r" => self.run(child, base, para),
                    "hyperlink" | "smartTag" | "ins" | "moveTo" | "customXml" | "fldSimple"
                    | "sdt" | "sdtContent" | "bdo" | "dir" => {
                        self.inline(child, base, para, depth + 1);
                    }
                    _ => {}
                }
            } else if child.tag_name().namespace() == Some(MATH) {
                para.pieces.push((base, flat_text(child)));
            } else if is_alternate(child)
                && let Some(choice) = alternate_choice(child)
            {
                self.inline(choice, base, para, depth + 1);
            }
        }
    }

    fn run<'n, 'i>(&mut self, run: Node<'n, 'i>, base: Emphasis, para: &mut Para<'n, 'i>) {
        let rpr = w_child(run, "rPr");
        let mut emphasis = base;
        if let Some(rpr) = rpr {
            if let Some(style) = w_child(rpr, "rStyle").and_then(|s| w_attr(s, "val")) {
                let from = self.numbering.character_emphasis(style);
                emphasis.bold |= from.bold;
                emphasis.italic |= from.italic;
            }
            if let Some(b) = w_child(rpr, "b") {
                emphasis.bold = on_off(b);
            }
            if let Some(i) = w_child(rpr, "i") {
                emphasis.italic = on_off(i);
            }
        }
        let font = rpr
            .and_then(|r| w_child(r, "rFonts"))
            .and_then(|f| w_attr(f, "ascii").or_else(|| w_attr(f, "hAnsi")))
            .unwrap_or("");
        let mut text = String::new();
        for child in run.children().filter(Node::is_element) {
            let name = child.tag_name().name();
            if !is_w(child, name) {
                if is_alternate(child)
                    && let Some(choice) = alternate_choice(child)
                {
                    self.media(choice, para);
                }
                continue;
            }
            match name {
                "t" => push_text(&mut text, child.text().unwrap_or(""), font),
                "tab" | "ptab" => text.push('\t'),
                "br" => match w_attr(child, "type") {
                    Some("page" | "column") => text.push(' '),
                    _ => text.push('\n'),
                },
                "cr" => text.push('\n'),
                "noBreakHyphen" => text.push('-'),
                "sym" => match sym_char(child) {
                    Some(c) => text.push(c),
                    None => self.notice(
                        Note::Symbol,
                        vec![
                            ("font", w_attr(child, "font").unwrap_or("").to_owned()),
                            ("code", w_attr(child, "char").unwrap_or("").to_owned()),
                        ],
                    ),
                },
                "footnoteReference" | "endnoteReference" => {
                    let kind = if name == "footnoteReference" {
                        "footnote"
                    } else {
                        "endnote"
                    };
                    let id = w_attr(child, "id").unwrap_or("").to_owned();
                    if let Some(note) = self.notes.get(&(kind, id)).cloned() {
                        self.note_count += 1;
                        text.push_str(&format!("({})", self.note_count));
                        para.notes.push((self.note_count, note));
                    }
                }
                "drawing" | "pict" | "object" => self.media(child, para),
                _ => {}
            }
        }
        if !text.is_empty() {
            match para.pieces.last_mut() {
                Some((e, t)) if *e == emphasis => t.push_str(&text),
                _ => para.pieces.push((emphasis, text)),
            }
        }
    }

    /// A drawing, VML picture or embedded object: its text boxes are read after the paragraph,
    /// images and objects are named in warnings.
    fn media<'n, 'i>(&mut self, node: Node<'n, 'i>, para: &mut Para<'n, 'i>) {
        let mut found = false;
        let mut stack = vec![node];
        while let Some(n) = stack.pop() {
            if is_w(n, "txbxContent") {
                para.boxes.push(n);
                found = true;
                continue;
            }
            let local = n.tag_name().name();
            let image = match local {
                "blip" => r_attr(n, "embed").or_else(|| r_attr(n, "link")),
                "imagedata" => r_attr(n, "id"),
                _ => None,
            };
            if let Some(id) = image {
                let name = self
                    .rels
                    .get(id)
                    .map_or(id, |(_, target)| {
                        target.rsplit('/').next().unwrap_or(target)
                    })
                    .to_owned();
                self.notice(Note::Image, vec![("name", name)]);
                found = true;
            } else if local == "chart" && r_attr(n, "id").is_some() {
                self.notice(Note::Object, vec![("kind", "chart".to_owned())]);
                found = true;
            }
            let children: Vec<_> = n.children().filter(Node::is_element).collect();
            stack.extend(children.into_iter().rev());
        }
        if !found && is_w(node, "object") {
            self.notice(Note::Object, vec![("kind", "OLE".to_owned())]);
        }
    }

    fn table(&mut self, tbl: Node<'_, '_>, depth: usize) {
        if depth > DEPTH_LIMIT {
            self.flatten(tbl);
            return;
        }
        let rows = rows(tbl);
        let width = rows.iter().map(|r| grid_width(*r)).max().unwrap_or(0);
        if is_layout_table(tbl) || width < 2 {
            // Text laid out in columns (or a framed box): the paragraphs of each cell.
            let saved = self.in_layout_cell;
            for row in rows {
                for cell in cells(row) {
                    self.blank = true;
                    self.in_layout_cell = true;
                    self.blocks(cell, depth + 1);
                }
            }
            self.in_layout_cell = saved;
            self.blank = true;
            return;
        }
        let mut above: Vec<String> = Vec::new();
        let mut extra: Vec<Line> = Vec::new();
        let mut grid_rows: Vec<(usize, Vec<String>)> = Vec::new();
        let mut nested = false;
        for row in rows {
            let mut grid: Vec<String> = Vec::new();
            let before = w_child(row, "trPr")
                .and_then(|p| w_child(p, "gridBefore"))
                .and_then(|g| w_attr(g, "val"))
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(0)
                .min(GRID_LIMIT);
            grid.resize(before, String::new());
            let first_paragraph = self.paragraph + 1;
            for cell in cells(row) {
                let tcpr = w_child(cell, "tcPr");
                let span = tcpr
                    .and_then(|p| w_child(p, "gridSpan"))
                    .and_then(|g| w_attr(g, "val"))
                    .and_then(|v| v.parse::<usize>().ok())
                    .unwrap_or(1)
                    .clamp(1, GRID_LIMIT);
                let merged_from_above = tcpr
                    .and_then(|p| w_child(p, "vMerge"))
                    .is_some_and(|m| w_attr(m, "val").is_none_or(|v| v == "continue"));
                let column = grid.len();
                let (text, had_nested) = self.cell_text(cell, depth, &mut extra);
                nested |= had_nested;
                let text = if merged_from_above {
                    above.get(column).cloned().unwrap_or_default()
                } else {
                    text
                };
                if grid.len() < GRID_LIMIT {
                    grid.push(text);
                    for _ in 1..span {
                        if grid.len() < GRID_LIMIT {
                            grid.push(String::new());
                        }
                    }
                }
            }
            above.clone_from(&grid);
            grid_rows.push((first_paragraph, grid));
        }
        if nested {
            self.notice(Note::TableNested, Vec::new());
        }
        let width = grid_rows.iter().map(|(_, g)| g.len()).max().unwrap_or(0);
        let saved = self.paragraph;
        for (paragraph, mut grid) in grid_rows {
            if grid.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            grid.resize(width, String::new());
            self.paragraph = paragraph;
            self.push_line(&format!("| {} |", grid.join(" | ")), true);
        }
        self.paragraph = saved;
        self.blank = true;
        for line in extra {
            self.lines.push(line);
        }
    }

    /// A data cell's text: its paragraphs joined (`; ` where a paragraph does not end a
    /// sentence), a nested table flattened; notes and text boxes go after the table.
    fn cell_text(
        &mut self,
        cell: Node<'_, '_>,
        depth: usize,
        extra: &mut Vec<Line>,
    ) -> (String, bool) {
        let mut parts: Vec<String> = Vec::new();
        let mut nested = false;
        let mut stack: Vec<Node<'_, '_>> = cell.children().filter(Node::is_element).collect();
        stack.reverse();
        while let Some(child) = stack.pop() {
            let name = child.tag_name().name();
            if !is_w(child, name) {
                continue;
            }
            match name {
                "p" => {
                    let (text, para) = self.read_paragraph(child, depth + 1);
                    let text = crate::locale::text::collapse_whitespace(&text);
                    if !text.is_empty() {
                        parts.push(text);
                    }
                    let start = self.lines.len();
                    self.extras(para, depth + 1);
                    extra.extend(self.lines.split_off(start));
                }
                "tbl" => {
                    nested = true;
                    let text = flat_text(child);
                    if !text.is_empty() {
                        parts.push(text);
                    }
                    self.paragraph += child.descendants().filter(|n| is_w(*n, "p")).count();
                }
                "sdt" | "sdtContent" | "customXml" | "ins" | "moveTo" => {
                    let mut inner: Vec<_> = child.children().filter(Node::is_element).collect();
                    inner.reverse();
                    stack.extend(inner);
                }
                _ => {}
            }
        }
        let mut text = String::new();
        for part in parts {
            if !text.is_empty() {
                let ended = text.ends_with(['.', ';', ':', ',', '!', '?']);
                text.push_str(if ended { " " } else { "; " });
            }
            text.push_str(&part);
        }
        (text.replace('|', "/"), nested)
    }
}

/// Whether `node` is `mc:AlternateContent`.
fn is_alternate(node: Node<'_, '_>) -> bool {
    node.tag_name().name() == "AlternateContent"
        && node.tag_name().namespace() == Some(MARKUP_COMPAT)
}

/// The branch of `mc:AlternateContent` to read: the first `Choice` (DrawingML, what Word shows),
/// else the `Fallback` (VML). Only one, so a text box is not read twice.
fn alternate_choice<'a, 'i>(node: Node<'a, 'i>) -> Option<Node<'a, 'i>> {
    let branch = |name: &str| {
        node.children().find(|c| {
            c.tag_name().name() == name && c.tag_name().namespace() == Some(MARKUP_COMPAT)
        })
    };
    branch("Choice").or_else(|| branch("Fallback"))
}

/// The rows of a table, also those wrapped in content controls.
fn rows<'a, 'i>(tbl: Node<'a, 'i>) -> Vec<Node<'a, 'i>> {
    wrapped(tbl, "tr")
}

/// The cells of a row, also those wrapped in content controls.
fn cells<'a, 'i>(tr: Node<'a, 'i>) -> Vec<Node<'a, 'i>> {
    wrapped(tr, "tc")
}

/// Children named `name`, looking through `sdt`/`sdtContent`/`customXml` wrappers (bounded).
fn wrapped<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Vec<Node<'a, 'i>> {
    let mut out = Vec::new();
    let mut stack: Vec<(Node<'a, 'i>, usize)> = node.children().rev().map(|c| (c, 0)).collect();
    while let Some((child, level)) = stack.pop() {
        if is_w(child, name) {
            out.push(child);
        } else if level < DEPTH_LIMIT
            && ["sdt", "sdtContent", "customXml", "ins", "moveTo"]
                .iter()
                .any(|w| is_w(child, w))
        {
            stack.extend(child.children().rev().map(|c| (c, level + 1)));
        }
    }
    out
}

/// The number of grid columns a row spans.
fn grid_width(tr: Node<'_, '_>) -> usize {
    cells(tr)
        .iter()
        .map(|c| {
            w_child(*c, "tcPr")
                .and_then(|p| w_child(p, "gridSpan"))
                .and_then(|g| w_attr(g, "val"))
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(1)
                .clamp(1, GRID_LIMIT)
        })
        .sum()
}

/// Word documents lay out the header (issuing body | national motto, number | place and date)
/// and the signature (recipients | signer) in borderless tables: such a table is text in two
/// columns, not data.
fn is_layout_table(tbl: Node<'_, '_>) -> bool {
    tbl.descendants().filter(|n| is_w(*n, "p")).any(|p| {
        let text = fold_diacritics(&flat_text(p)).to_lowercase();
        let text = text.trim();
        text.contains("cong hoa xa hoi chu nghia")
            || text.starts_with("noi nhan")
            || text.starts_with("so:")
            || text.starts_with("kinh gui")
            || ["tm.", "kt.", "q.", "tl.", "tuq."]
                .iter()
                .any(|a| text.starts_with(a))
    })
}

/// Pieces of text with their emphasis -> Markdown: bold and italic inside a paragraph as `**`
/// and `*` (a paragraph in bold or italic as a whole is a heading or a signature: left plain).
fn marked(pieces: &[(Emphasis, String)]) -> String {
    let visible = |s: &&(Emphasis, String)| !s.1.trim().is_empty();
    let all_bold = pieces.iter().filter(visible).all(|(s, _)| s.bold);
    let all_italic = pieces.iter().filter(visible).all(|(s, _)| s.italic);
    let mut text = String::new();
    for (style, piece) in pieces {
        let bold = style.bold && !all_bold && !piece.trim().is_empty();
        let italic = style.italic && !all_italic && !piece.trim().is_empty();
        let mark = match (bold, italic) {
            (true, true) => "***",
            (true, false) => "**",
            (false, true) => "*",
            (false, false) => "",
        };
        // Marks hug the words: spaces (and line breaks) stay outside.
        for (i, line) in piece.split('\n').enumerate() {
            if i > 0 {
                text.push('\n');
            }
            if line.trim().is_empty() {
                text.push_str(line);
                continue;
            }
            let lead = &line[..line.len() - line.trim_start().len()];
            let trail = &line[line.trim_end().len()..];
            text.push_str(lead);
            text.push_str(mark);
            text.push_str(line.trim());
            text.push_str(mark);
            text.push_str(trail);
        }
    }
    text
}
