//! A Word document (.docx) -> logical lines, each Word paragraph one whole line (never rejoined:
//! Word paragraphs are already whole), with Word's automatic numbering written out (`I.`, `1.`,
//! `a)`, `-`, `+`; numbering from paragraph styles and `basedOn` chains as well as direct),
//! bold and italic inside a paragraph kept as `**` and `*`, data tables as `| a | b |` rows.
//! Nothing is dropped silently: text boxes, symbols, tracked insertions, footnotes and endnotes
//! are carried over; images, embedded objects and header or footer text are named in warnings.
//!
//! Read with `zip` and `roxmltree` (a package is a zip of XML parts): a reader of our own over
//! a real XML parser sees every construct Word writes (docx-rs's reader drops text boxes,
//! symbols and style numbering, spins on a truncated part and recurses without bound).

mod body;
mod numbering;
mod package;
mod symbols;
mod text;

pub use numbering::roman;

use crate::import::lines::Line;
use body::Reader;
use numbering::Numbering;
use package::{Package, is_w, parse_xml, w_attr};

/// Why a .docx could not be read (the part and, for XML faults, line and column in it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocxError(pub String);

/// Something in the document that the plan file does not carry as it was (a warning).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Note {
    /// A text box, read after the paragraph it is anchored to.
    TextBox,
    /// A stamp in a text box (`DỰ THẢO`), not carried over.
    Stamp,
    /// An image, not carried over.
    Image,
    /// A chart, embedded object or alternative-format chunk, not carried over.
    Object,
    /// A symbol-font character with no known Unicode equivalent.
    Symbol,
    /// A table inside a table cell, flattened to the cell's text.
    TableNested,
    /// Content nested too deep, flattened to text.
    Flattened,
    /// Text in a page header or footer, not carried over.
    HeaderFooter,
    /// Tracked changes: insertions kept, deletions dropped.
    Tracked,
}

impl Note {
    /// The message code of the warning.
    pub fn code(self) -> &'static str {
        match self {
            Note::TextBox => "import_docx_text_box",
            Note::Stamp => "import_docx_stamp",
            Note::Image => "import_docx_image",
            Note::Object => "import_docx_object",
            Note::Symbol => "import_docx_symbol",
            Note::TableNested => "import_docx_table_nested",
            Note::Flattened => "import_docx_flattened",
            Note::HeaderFooter => "import_docx_header_footer",
            Note::Tracked => "import_docx_tracked",
        }
    }
}

/// A warning about the document, at a paragraph (1-based, in document order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub note: Note,
    pub paragraph: usize,
    pub args: Vec<(&'static str, String)>,
}

/// What was read from a Word file.
#[derive(Debug, Clone, Default)]
pub struct WordText {
    /// The lines (`line` = paragraph number).
    pub lines: Vec<Line>,
    /// Warnings, by paragraph.
    pub notices: Vec<Notice>,
}

/// Reads a .docx file into lines.
pub fn docx_to_lines(bytes: &[u8]) -> Result<WordText, DocxError> {
    let mut package = Package::open(bytes)?;
    let main = package.main.clone();
    let document_xml = package
        .part(&main)?
        .ok_or_else(|| DocxError(format!("{main}: —")))?;
    let document = parse_xml(&main, &document_xml)?;
    let read_related =
        |package: &mut Package, kind: &str| -> Result<Vec<(String, String)>, DocxError> {
            let mut out = Vec::new();
            for path in package.related(kind) {
                if let Some(text) = package.part(&path)? {
                    out.push((path, text));
                }
            }
            Ok(out)
        };
    let styles_xml = read_related(&mut package, "styles")?;
    let numbering_xml = read_related(&mut package, "numbering")?;
    let styles = match styles_xml.first() {
        Some((path, text)) => Some(parse_xml(path, text)?),
        None => None,
    };
    let numbering = match numbering_xml.first() {
        Some((path, text)) => Some(parse_xml(path, text)?),
        None => None,
    };
    let numbering = Numbering::new(numbering.as_ref(), styles.as_ref());
    let rels = package.rels.clone();
    let mut reader = Reader::new(numbering, &rels);

    for (kind, rel) in [("footnote", "footnotes"), ("endnote", "endnotes")] {
        for (path, text) in read_related(&mut package, rel)? {
            let doc = parse_xml(&path, &text)?;
            for note in doc.root_element().children().filter(|n| is_w(*n, kind)) {
                if w_attr(note, "type").is_some_and(|t| t != "normal") {
                    continue; // separators
                }
                let Some(id) = w_attr(note, "id") else {
                    continue;
                };
                let text = text::flat_text(note);
                if !text.is_empty() {
                    reader.notes.insert((kind, id.to_owned()), text);
                }
            }
        }
    }

    let body = document
        .root_element()
        .children()
        .find(|n| is_w(*n, "body"))
        .ok_or_else(|| DocxError(format!("{main}: w:body —")))?;
    reader.blocks(body, 0);

    // Tracked changes: the document as it reads with them accepted.
    let tracked = document
        .descendants()
        .find(|n| is_w(*n, "del") || is_w(*n, "moveFrom"));
    if tracked.is_some() {
        reader.notices.push(Notice {
            note: Note::Tracked,
            paragraph: 1,
            args: Vec::new(),
        });
    }

    // Page headers and footers: page numbers are layout; other text is named.
    for kind in ["header", "footer"] {
        for (path, text) in read_related(&mut package, kind)? {
            let doc = parse_xml(&path, &text)?;
            let text = text::flat_text(doc.root_element());
            if text.chars().any(char::is_alphabetic) {
                let shown: String = text.chars().take(80).collect();
                reader.notices.push(Notice {
                    note: Note::HeaderFooter,
                    paragraph: 1,
                    args: vec![("text", shown)],
                });
            }
        }
    }
    let mut notices = reader.notices;
    notices.sort_by_key(|n| n.paragraph);
    notices.dedup();
    Ok(WordText {
        lines: reader.lines,
        notices,
    })
}
