//! A Word document (.docx) -> the same plain text a careful export would give: one paragraph per
//! line with a blank line between paragraphs, Word's automatic numbering written out (`I.`, `1.`,
//! `-`, `+`), bold and italic inside a paragraph kept as `**` and `*` (a paragraph in bold or italic
//! as a whole is a heading or a signature: its structure carries the meaning, so it is left plain),
//! tables as `| a | b |` rows. Read with `docx-rs`, a maintained reader of the Office Open XML format.

use std::collections::BTreeMap;

use docx_rs::{
    DocumentChild, Numberings, Paragraph, ParagraphChild, Run, RunChild, RunProperty,
    StructuredDataTagChild, Table, TableCellContent, TableChild, TableRowChild,
};

/// Why a .docx could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocxError(pub String);

/// Reads a .docx file into text.
pub fn docx_to_text(bytes: &[u8]) -> Result<String, DocxError> {
    let docx = docx_rs::read_docx(bytes).map_err(|e| DocxError(e.to_string()))?;
    let mut numbering = Counters::new(&docx.numberings);
    let mut out = Vec::new();
    for child in &docx.document.children {
        match child {
            DocumentChild::Paragraph(p) => out.push(paragraph_text(p, &mut numbering)),
            DocumentChild::Table(t) => out.push(any_table_text(t, &mut numbering)),
            // Content controls (forms, templates) hold ordinary paragraphs and tables.
            DocumentChild::StructuredDataTag(sdt) => sdt_text(sdt, &mut numbering, &mut out),
            _ => {}
        }
    }
    Ok(out.join("\n\n"))
}

fn any_table_text(t: &Table, numbering: &mut Counters) -> String {
    if is_layout_table(t) {
        layout_table_text(t, numbering)
    } else {
        table_text(t, numbering)
    }
}

fn sdt_text(sdt: &docx_rs::StructuredDataTag, numbering: &mut Counters, out: &mut Vec<String>) {
    let mut loose = String::new();
    for child in &sdt.children {
        match child {
            StructuredDataTagChild::Run(run) => run_text(run, &mut loose),
            StructuredDataTagChild::Paragraph(p) => out.push(paragraph_text(p, numbering)),
            StructuredDataTagChild::Table(t) => out.push(any_table_text(t, numbering)),
            StructuredDataTagChild::StructuredDataTag(inner) => sdt_text(inner, numbering, out),
            _ => {}
        }
    }
    if !loose.trim().is_empty() {
        out.push(loose);
    }
}

/// Whether an on/off property (bold, italic) is set and not switched off.
fn is_on<T: serde::Serialize>(value: &Option<T>) -> bool {
    value
        .as_ref()
        .and_then(|v| serde_json::to_value(v).ok())
        .is_some_and(|v| v.as_bool().unwrap_or(true))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Style {
    bold: bool,
    italic: bool,
}

fn style_of(p: &RunProperty, base: Style) -> Style {
    Style {
        bold: base.bold || is_on(&p.bold),
        italic: base.italic || is_on(&p.italic),
    }
}

fn run_text(run: &Run, out: &mut String) {
    for child in &run.children {
        match child {
            RunChild::Text(t) => out.push_str(&t.text),
            RunChild::Tab(_) | RunChild::PTab(_) => out.push(' '),
            RunChild::Break(_) | RunChild::CarriageReturn(_) => out.push('\n'),
            _ => {}
        }
    }
}

fn runs<'a>(children: &'a [ParagraphChild], out: &mut Vec<&'a Run>) {
    for child in children {
        match child {
            ParagraphChild::Run(r) => out.push(r),
            ParagraphChild::Hyperlink(h) => runs(&h.children, out),
            ParagraphChild::StructuredDataTag(sdt) => {
                for c in &sdt.children {
                    if let StructuredDataTagChild::Run(r) = c {
                        out.push(r);
                    }
                }
            }
            ParagraphChild::Insert(i) => {
                for c in &i.children {
                    if let docx_rs::InsertChild::Run(r) = c {
                        out.push(r);
                    }
                }
            }
            _ => {}
        }
    }
}

fn paragraph_text(p: &Paragraph, numbering: &mut Counters) -> String {
    let base = style_of(&p.property.run_property, Style::default());
    let mut pieces: Vec<(Style, String)> = Vec::new();
    let mut all = Vec::new();
    runs(&p.children, &mut all);
    for run in all {
        let mut text = String::new();
        run_text(run, &mut text);
        if text.is_empty() {
            continue;
        }
        let style = style_of(&run.run_property, base);
        match pieces.last_mut() {
            Some((s, t)) if *s == style => t.push_str(&text),
            _ => pieces.push((style, text)),
        }
    }
    let visible = |s: &&(Style, String)| !s.1.trim().is_empty();
    let all_bold = pieces.iter().filter(visible).all(|(s, _)| s.bold);
    let all_italic = pieces.iter().filter(visible).all(|(s, _)| s.italic);
    let mut text = String::new();
    for (style, piece) in &pieces {
        let bold = style.bold && !all_bold && !piece.trim().is_empty();
        let italic = style.italic && !all_italic && !piece.trim().is_empty();
        let mark = match (bold, italic) {
            (true, true) => "***",
            (true, false) => "**",
            (false, true) => "*",
            (false, false) => "",
        };
        // Marks hug the words: spaces stay outside.
        let lead = &piece[..piece.len() - piece.trim_start().len()];
        let trail = &piece[piece.trim_end().len()..];
        text.push_str(lead);
        text.push_str(mark);
        text.push_str(piece.trim());
        text.push_str(mark);
        text.push_str(trail);
    }
    let label = p
        .property
        .numbering_property
        .as_ref()
        .and_then(|n| Some((n.id.as_ref()?.id, n.level.as_ref().map_or(0, |l| l.val))))
        .and_then(|(id, level)| numbering.next(id, level));
    match label {
        Some(label) if !text.trim().is_empty() => format!("{label} {}", text.trim_start()),
        _ => text,
    }
}

/// The paragraphs of each cell, row by row.
fn cell_paragraphs(t: &Table) -> Vec<Vec<&Paragraph>> {
    let mut cells = Vec::new();
    for TableChild::TableRow(row) in &t.rows {
        for TableRowChild::TableCell(cell) in &row.cells {
            cells.push(
                cell.children
                    .iter()
                    .filter_map(|c| match c {
                        TableCellContent::Paragraph(p) => Some(p.as_ref()),
                        _ => None,
                    })
                    .collect(),
            );
        }
    }
    cells
}

/// Word documents lay out the header (issuing body | national motto, number | place and date)
/// and the signature (recipients | signer) in borderless tables: such a table is text in two
/// columns, not data.
fn is_layout_table(t: &Table) -> bool {
    let mut scratch = Counters::empty();
    cell_paragraphs(t).iter().flatten().any(|p| {
        let text = crate::locale::fold_diacritics(&paragraph_text(p, &mut scratch)).to_lowercase();
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

/// A layout table as lines: each cell's paragraphs, cell after cell.
fn layout_table_text(t: &Table, numbering: &mut Counters) -> String {
    cell_paragraphs(t)
        .into_iter()
        .map(|cell| {
            cell.into_iter()
                .map(|p| paragraph_text(p, numbering))
                .filter(|p| !p.trim().is_empty())
                .collect::<Vec<_>>()
                .join("\n")
        })
        .filter(|c| !c.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn table_text(t: &Table, numbering: &mut Counters) -> String {
    let mut rows = Vec::new();
    for TableChild::TableRow(row) in &t.rows {
        let mut cells = Vec::new();
        for TableRowChild::TableCell(cell) in &row.cells {
            let mut parts = Vec::new();
            for content in &cell.children {
                match content {
                    TableCellContent::Paragraph(p) => parts.push(paragraph_text(p, numbering)),
                    TableCellContent::Table(inner) => parts.push(table_text(inner, numbering)),
                    _ => {}
                }
            }
            let joined = parts
                .iter()
                .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            cells.push(joined.replace('|', "/"));
        }
        rows.push(format!("| {} |", cells.join(" | ")));
    }
    rows.join("\n")
}

/// Word's automatic numbering: the format and text of each level, and running counters.
struct Counters {
    /// numId -> levels (format, text such as `%1.`, start).
    levels: BTreeMap<usize, Vec<(String, String, usize)>>,
    counts: BTreeMap<usize, Vec<usize>>,
}

impl Counters {
    fn empty() -> Counters {
        Counters {
            levels: BTreeMap::new(),
            counts: BTreeMap::new(),
        }
    }

    fn new(numberings: &Numberings) -> Counters {
        let mut levels = BTreeMap::new();
        for num in &numberings.numberings {
            let Some(abs) = numberings
                .abstract_nums
                .iter()
                .find(|a| a.id == num.abstract_num_id)
            else {
                continue;
            };
            let mut list: Vec<(String, String, usize)> = Vec::new();
            for level in &abs.levels {
                let text = serde_json::to_value(&level.text)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default();
                let start = serde_json::to_value(&level.start)
                    .ok()
                    .and_then(|v| v.as_u64())
                    .unwrap_or(1) as usize;
                let at = level.level.min(8);
                if list.len() <= at {
                    list.resize(at + 1, (String::new(), String::new(), 1));
                }
                list[at] = (level.format.val.clone(), text, start);
            }
            levels.insert(num.id, list);
        }
        Counters {
            levels,
            counts: BTreeMap::new(),
        }
    }

    /// The label of the next paragraph numbered `id` at `level`.
    fn next(&mut self, id: usize, level: usize) -> Option<String> {
        let levels = self.levels.get(&id)?;
        let level = level.min(8);
        let (format, _, _) = levels.get(level)?;
        if format == "bullet" || format == "none" {
            return Some(if level == 0 { "-" } else { "+" }.to_owned());
        }
        let counts = self.counts.entry(id).or_default();
        if counts.len() <= level {
            counts.resize(level + 1, 0);
        }
        counts[level] += 1;
        for deeper in counts.iter_mut().skip(level + 1) {
            *deeper = 0;
        }
        let (_, text, _) = &levels[level];
        let mut label = if text.is_empty() {
            "%1.".to_owned()
        } else {
            text.clone()
        };
        for (i, (format, _, start)) in levels.iter().enumerate().take(level + 1) {
            let value = counts[i].max(1) + start.saturating_sub(1);
            label = label.replace(&format!("%{}", i + 1), &format_number(value, format));
        }
        Some(label)
    }
}

fn format_number(n: usize, format: &str) -> String {
    match format {
        "upperRoman" => roman(n),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperLetter" => letter(n).to_uppercase(),
        "lowerLetter" => letter(n),
        _ => n.to_string(),
    }
}

fn letter(n: usize) -> String {
    let letters = "abcdefghiklmnopqrstuvxy";
    let i = n.saturating_sub(1) % letters.len();
    letters[i..=i].to_owned()
}

/// Roman numerals for part numbers.
pub fn roman(mut n: usize) -> String {
    const TABLE: &[(usize, &str)] = &[
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for &(value, numeral) in TABLE {
        while n >= value {
            out.push_str(numeral);
            n -= value;
        }
    }
    out
}
