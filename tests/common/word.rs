//! Word files written the way offices produce them: numbering carried by paragraph styles
//! (`Heading 1` numbered through styles.xml, `List Number`, `List Bullet`, styles inheriting
//! their list through `basedOn`), multi-level lists, bold and italic runs. Written with
//! `docx-rs`; constructs it cannot write (text boxes) are written by hand into the zip.

use std::io::{Cursor, Read, Write};

use docx_rs::{
    AbstractNumbering, Docx, IndentLevel, Level, LevelJc, LevelText, NumberFormat, Numbering,
    NumberingId, NumberingProperty, Paragraph, ParagraphProperty, Run, Start, Style, StyleType,
};

/// Style ids as Word names them.
pub const HEADING_1: &str = "Heading1";
pub const HEADING_2: &str = "Heading2";
pub const HEADING_3: &str = "Heading3";
pub const LETTER: &str = "ListLetter";
pub const LIST_NUMBER: &str = "ListNumber";
/// A unit heading style based on `List Number` (no numbering of its own: inherited).
pub const UNIT: &str = "UnitHeading";
pub const LIST_BULLET: &str = "ListBullet";
pub const LIST_BULLET_2: &str = "ListBullet2";

/// The outline list (`I.`, `1.`, `1.1.`, `a)`), `List Number` and the bullets.
const OUTLINE: usize = 10;
const NUMBERS: usize = 11;
const BULLETS: usize = 12;

fn level(i: usize, format: &str, text: &str) -> Level {
    Level::new(
        i,
        Start::new(1),
        NumberFormat::new(format),
        LevelText::new(text),
        LevelJc::new("left"),
    )
}

fn numbered_style(id: &str, name: &str, num: NumberingProperty) -> Style {
    let mut style = Style::new(id, StyleType::Paragraph).name(name);
    style.paragraph_property = ParagraphProperty::new().numbering_property(num);
    style
}

/// A document with Word's list styles: the outline list ties `Heading 1`/`Heading 2`/
/// `Heading 3`/`ListLetter` to its levels through `w:pStyle` (the headings' own `w:numPr`
/// names the list only, as Word writes a numbered heading), `List Number` and `List Bullet`
/// carry their lists in styles.xml, `UnitHeading` and `List Bullet 2` inherit through `basedOn`.
pub fn styled_docx() -> Docx {
    let outline = AbstractNumbering::new(OUTLINE)
        .add_level(level(0, "upperRoman", "%1.").paragraph_style(HEADING_1))
        .add_level(level(1, "decimal", "%2.").paragraph_style(HEADING_2))
        .add_level(level(2, "decimal", "%2.%3.").paragraph_style(HEADING_3))
        .add_level(level(3, "lowerLetter", "%4)").paragraph_style(LETTER));
    let numbers = AbstractNumbering::new(NUMBERS).add_level(level(0, "decimal", "%1."));
    let bullets = AbstractNumbering::new(BULLETS)
        .add_level(level(0, "bullet", "-"))
        .add_level(level(1, "bullet", "+"));
    let only_id = |id: usize| NumberingProperty::new().id(NumberingId::new(id));
    let with_level = |id: usize, l: usize| {
        NumberingProperty::new().add_num(NumberingId::new(id), IndentLevel::new(l))
    };
    Docx::new()
        .add_abstract_numbering(outline)
        .add_abstract_numbering(numbers)
        .add_abstract_numbering(bullets)
        .add_numbering(Numbering::new(OUTLINE, OUTLINE))
        .add_numbering(Numbering::new(NUMBERS, NUMBERS))
        .add_numbering(Numbering::new(BULLETS, BULLETS))
        .add_style(numbered_style(HEADING_1, "heading 1", only_id(OUTLINE)).bold())
        .add_style(numbered_style(HEADING_2, "heading 2", only_id(OUTLINE)).bold())
        .add_style(numbered_style(HEADING_3, "heading 3", only_id(OUTLINE)).italic())
        .add_style(numbered_style(LETTER, "List Letter", only_id(OUTLINE)))
        .add_style(numbered_style(LIST_NUMBER, "List Number", only_id(NUMBERS)))
        .add_style(
            Style::new(UNIT, StyleType::Paragraph)
                .name("Unit Heading")
                .based_on(LIST_NUMBER)
                .bold(),
        )
        .add_style(numbered_style(
            LIST_BULLET,
            "List Bullet",
            with_level(BULLETS, 0),
        ))
        .add_style({
            let mut style = Style::new(LIST_BULLET_2, StyleType::Paragraph)
                .name("List Bullet 2")
                .based_on(LIST_BULLET);
            style.paragraph_property =
                ParagraphProperty::new().numbering_property(with_level(BULLETS, 1));
            style
        })
}

/// A paragraph in a style, its text in runs: `*…*` pieces in italics, as Word stores them.
pub fn styled(style: &str, text: &str) -> Paragraph {
    runs(text, false).style(style)
}

/// A run per `*`-delimited piece: odd pieces in italics; every run bold when `bold`.
pub fn runs(text: &str, bold: bool) -> Paragraph {
    let mut p = Paragraph::new();
    for (i, piece) in text.replace("**", "").split('*').enumerate() {
        if piece.is_empty() {
            continue;
        }
        let mut run = Run::new().add_text(piece);
        if i % 2 == 1 {
            run = run.italic();
        }
        if bold {
            run = run.bold();
        }
        p = p.add_run(run);
    }
    p
}

/// A plain paragraph.
pub fn para(text: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(text))
}

/// The .docx bytes.
pub fn pack(docx: Docx) -> Vec<u8> {
    let mut bytes = Vec::new();
    docx.build().pack(&mut Cursor::new(&mut bytes)).unwrap();
    bytes
}

/// The parts of a package, in order.
pub fn parts(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut file = zip.by_index(i).unwrap();
            let mut data = Vec::new();
            file.read_to_end(&mut data).unwrap();
            (file.name().unwrap().into_owned(), data)
        })
        .collect()
}

/// Writes parts into a package.
pub fn zip_parts(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in parts {
        out.start_file(name.as_str(), options).unwrap();
        out.write_all(data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// Rewrites one part of a package (XML written by hand where docx-rs cannot write it).
pub fn patch(bytes: &[u8], part: &str, edit: impl FnOnce(String) -> String) -> Vec<u8> {
    let mut all = parts(bytes);
    let entry = all
        .iter_mut()
        .find(|(name, _)| name == part)
        .unwrap_or_else(|| panic!("no part {part}"));
    entry.1 = edit(String::from_utf8(entry.1.clone()).unwrap()).into_bytes();
    zip_parts(&all)
}

/// Replaces the paragraph holding the text `marker` with `xml` in word/document.xml.
pub fn replace_paragraph(bytes: &[u8], marker: &str, xml: &str) -> Vec<u8> {
    patch(bytes, "word/document.xml", |doc| {
        let at = doc.find(marker).unwrap_or_else(|| panic!("no {marker}"));
        let start = doc[..at]
            .rfind("<w:p>")
            .max(doc[..at].rfind("<w:p "))
            .unwrap();
        let end = at + doc[at..].find("</w:p>").unwrap() + "</w:p>".len();
        format!("{}{xml}{}", &doc[..start], &doc[end..])
    })
}

/// Roman numerals.
pub fn roman(mut n: usize) -> String {
    let table = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")];
    let mut out = String::new();
    for (value, numeral) in table {
        while n >= value {
            out.push_str(numeral);
            n -= value;
        }
    }
    out
}

/// Vietnamese list letters.
pub const LETTERS: [&str; 23] = [
    "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t",
    "u", "v", "x", "y",
];

/// How a plan written as text was turned into Word.
pub struct FromText {
    pub bytes: Vec<u8>,
    /// Numbered lines whose number Word's styles produce.
    pub style_numbered: usize,
    /// Numbered lines kept typed (their number is not the list's next).
    pub typed: usize,
}

/// Writes a plan text as an office would hold it in Word: every paragraph one Word paragraph
/// (a paragraph cut by a page break in the text export made whole again), `I.` parts in
/// `Heading 1`, `1.` items in `Heading 2`, `1.1.` in `Heading 3`, `a)` in the letter level,
/// `-`/`+` in `List Bullet`/`List Bullet 2`, all numbers produced by the styles (a number the
/// list would not produce stays typed); in the part `TỔ CHỨC THỰC HIỆN` units are `UnitHeading`
/// (`List Number` through `basedOn`, restarted by a `w:lvlOverride`/`w:startOverride` instance).
pub fn docx_from_text(text: &str) -> FromText {
    let roman_re = regex::Regex::new(r"^([IVX]+)\. (.*)$").unwrap();
    let number_re = regex::Regex::new(r"^(\d+)\. (.*)$").unwrap();
    let sub_re = regex::Regex::new(r"^(\d+)\.(\d+)\. (.*)$").unwrap();
    let letter_re = regex::Regex::new(r"^([a-zđ])\) (.*)$").unwrap();
    let list_number = regex::Regex::new(r"^\d+(\.\d+)*\. ").unwrap();
    // Paragraphs: a line starting in lowercase or with a figure (not a list number), or after a
    // comma, under a paragraph that does not end its sentence is the rest of it (cut by a page
    // break in the export).
    let mut paragraphs: Vec<String> = Vec::new();
    let mut blank = true;
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            blank = true;
            continue;
        }
        let continues = paragraphs.last().is_some_and(|p| {
            !p.ends_with(['.', ';', ':', '!', '?'])
                && (line.starts_with(|c: char| c.is_lowercase())
                    || (line.starts_with(|c: char| c.is_ascii_digit())
                        && !list_number.is_match(line))
                    || p.ends_with(','))
        });
        match paragraphs.last_mut() {
            Some(last) if continues && blank => {
                last.push(' ');
                last.push_str(line);
            }
            _ => paragraphs.push(line.to_owned()),
        }
        blank = false;
    }
    let mut docx = styled_docx();
    let (mut part, mut item, mut sub, mut letter) = (0usize, 0usize, 0usize, 0usize);
    let mut units = false;
    let mut unit_lists = 0usize;
    let mut unit = 0usize;
    let (mut style_numbered, mut typed) = (0, 0);
    for p in &paragraphs {
        let paragraph = if let Some(c) = roman_re.captures(p) {
            units = c[2].contains("TỔ CHỨC THỰC HIỆN");
            if c[1] == roman(part + 1) {
                part += 1;
                (item, sub, letter) = (0, 0, 0);
                style_numbered += 1;
                styled(HEADING_1, &c[2])
            } else {
                typed += 1;
                runs(p, true)
            }
        } else if let Some(c) = number_re.captures(p) {
            let n: usize = c[1].parse().unwrap();
            if units {
                if n == 1 {
                    // A new instance of `List Number` starting again at 1.
                    unit_lists += 1;
                    let id = 100 + unit_lists;
                    docx = docx.add_numbering(
                        Numbering::new(id, NUMBERS)
                            .add_override(docx_rs::LevelOverride::new(0).start(1)),
                    );
                    unit = 0;
                }
                if n == unit + 1 {
                    unit += 1;
                    style_numbered += 1;
                    let id = 100 + unit_lists;
                    let mut paragraph = styled(UNIT, &c[2]);
                    paragraph.property = paragraph
                        .property
                        .numbering_property(NumberingProperty::new().id(NumberingId::new(id)));
                    paragraph
                } else {
                    typed += 1;
                    runs(p, false)
                }
            } else if n == item + 1 && part > 0 {
                item += 1;
                (sub, letter) = (0, 0);
                style_numbered += 1;
                styled(HEADING_2, &c[2])
            } else {
                typed += 1;
                runs(p, false)
            }
        } else if let Some(c) = sub_re.captures(p) {
            let (a, b): (usize, usize) = (c[1].parse().unwrap(), c[2].parse().unwrap());
            if a == item && b == sub + 1 {
                sub += 1;
                letter = 0;
                style_numbered += 1;
                styled(HEADING_3, &c[3])
            } else {
                typed += 1;
                runs(p, false)
            }
        } else if let Some(c) = letter_re.captures(p) {
            if LETTERS.get(letter) == Some(&&c[1]) {
                letter += 1;
                style_numbered += 1;
                styled(LETTER, &c[2])
            } else {
                typed += 1;
                runs(p, false)
            }
        } else if let Some(rest) = p.strip_prefix("- ") {
            styled(LIST_BULLET, rest)
        } else if let Some(rest) = p.strip_prefix("+ ") {
            styled(LIST_BULLET_2, rest)
        } else {
            let bold = p.starts_with("**") || p.ends_with("**");
            runs(p, bold)
        };
        docx = docx.add_paragraph(paragraph);
    }
    FromText {
        bytes: pack(docx),
        style_numbered,
        typed,
    }
}
