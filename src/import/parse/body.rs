//! The body: parts (`I.`, `Phần thứ nhất`, `PHẦN I`, `Phần 1`, `Chương I`), numbered items and
//! paragraphs, bullets, tables, units with their duties in the implementation part, and the
//! closing paragraphs.

use super::tables::{CellTable, cell_table, table_cells};
use super::{
    BULLET, Block, Line, Parsed, ROMAN, capitalise_first, is_structural, is_uppercase_line,
    numbered, part_word, plain,
};
use crate::load::plan::part_kind;
use crate::locale::fold_diacritics;
use crate::model::{DocType, PartKind};

/// Whether a numbered line is a title with content under it rather than a numbered paragraph.
fn numbered_is_title(
    text: &str,
    next: Option<&Line>,
    same_level_next: bool,
    in_implementation: bool,
) -> bool {
    let Some(next) = next else {
        return false;
    };
    let p = plain(&next.text);
    if ROMAN.is_match(&p) || part_word(&p).is_some() || same_level_next {
        return false;
    }
    if BULLET.is_match(&p)
        || numbered(&p).is_some()
        || super::tables::is_table_start(&p)
        || next.table_row
    {
        return true;
    }
    in_implementation || (text.split_whitespace().count() <= 30 && !text.trim_end().ends_with(';'))
}

fn depth(number: &str) -> usize {
    number.split('.').filter(|s| !s.is_empty()).count()
}

/// A part heading at `lines[i]`: its numeral, title and how many lines it takes (the title of
/// `PHẦN I` / `Phần thứ nhất` may stand on the next line, in capitals).
fn part_at(lines: &[Line], i: usize) -> Option<(String, String, usize)> {
    let p = plain(&lines[i].text);
    if let Some(c) = ROMAN.captures(&p) {
        return Some((c[1].to_owned(), c[2].trim().to_owned(), 1));
    }
    let (numeral, title) = part_word(&p)?;
    if !title.is_empty() {
        return Some((numeral, title, 1));
    }
    match lines.get(i + 1) {
        Some(next)
            if is_uppercase_line(&plain(&next.text)) && !is_structural(next) && !next.whole =>
        {
            Some((numeral, plain(&next.text), 2))
        }
        _ => Some((numeral, String::new(), 1)),
    }
}

pub(super) fn read(parsed: &mut Parsed, lines: &[Line]) {
    let mut blocks = Vec::new();
    // The last part or item pushed, kept as it goes: scanning back through `blocks` for it at
    // every bullet made a long list quadratic.
    let mut last_heading = LastHeading::None;
    // A công văn's numbered units come without Roman parts.
    let letter = parsed.doc_type == Some(DocType::OfficialLetter);
    let mut kind = if letter {
        PartKind::Implementation
    } else {
        PartKind::Other
    };
    let mut parts_seen = false;
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        let p = plain(&line.text);
        if line.table_row {
            let header = table_cells(&line.text);
            let mut rows = Vec::new();
            let mut j = i + 1;
            while j < lines.len() && lines[j].table_row {
                rows.push(table_cells(&lines[j].text));
                j += 1;
            }
            blocks.push(Block::Table {
                header,
                rows,
                line: line.line,
            });
            i = j;
            continue;
        }
        match cell_table(&lines[i..]) {
            Some(CellTable::Regular(table, used)) => {
                blocks.push(table);
                i += used;
                continue;
            }
            Some(CellTable::Irregular(used, width)) => {
                parsed.irregular_tables.push((line.line, width));
                for l in &lines[i..i + used] {
                    blocks.push(Block::Paragraph {
                        text: l.text.clone(),
                        line: l.line,
                    });
                }
                i += used;
                continue;
            }
            None => {}
        }
        if let Some((numeral, title, used)) = part_at(lines, i) {
            kind = part_kind(&title);
            parts_seen = true;
            blocks.push(Block::Part {
                numeral,
                title,
                line: line.line,
            });
            last_heading = LastHeading::Part;
            i += used;
            continue;
        }
        if let Some((number, rest)) = numbered(&line.text).or_else(|| numbered(&p)) {
            let next = lines.get(i + 1);
            let same_level_next = next
                .and_then(|n| numbered(&plain(&n.text)).map(|(n, _)| n))
                .is_some_and(|n| depth(&n) == depth(&number));
            let implementation = kind == PartKind::Implementation;
            let split = rest.split_once(':').filter(|(unit, duty)| {
                unit.split_whitespace().count() <= 14
                    && !duty.trim().is_empty()
                    && looks_like_unit(unit)
            });
            // `1. Phòng Văn hóa - Xã hội: chủ trì ...` — the unit, then its duty.
            if implementation && let Some((unit, duty)) = split {
                last_heading = LastHeading::item(&number);
                blocks.push(Block::Item {
                    number,
                    title: unit.trim().to_owned(),
                    line: line.line,
                });
                blocks.push(Block::Paragraph {
                    text: capitalise_first(duty.trim()),
                    line: line.line,
                });
            } else if implementation && letter && !parts_seen && !looks_like_unit(&rest) {
                // A công văn's numbered points that name no body (`1.Đối tượng:`, `2. Mức quà
                // tặng: ...`) are points, never units.
                blocks.push(Block::NumberedParagraph {
                    number,
                    text: rest,
                    line: line.line,
                });
            } else if numbered_is_title(&rest, next, same_level_next, implementation) {
                last_heading = LastHeading::item(&number);
                blocks.push(Block::Item {
                    number,
                    title: rest,
                    line: line.line,
                });
            } else {
                blocks.push(Block::NumberedParagraph {
                    number,
                    text: rest,
                    line: line.line,
                });
            }
            i += 1;
            continue;
        }
        if let Some(c) = BULLET.captures(&line.text) {
            let marker = &c[1];
            // `*` starts a bullet only when followed by a space (else it is emphasis).
            if marker != "*" || line.text.starts_with("* ") {
                // `- Công an phường: phối hợp ...` directly under TỔ CHỨC THỰC HIỆN: a unit
                // and its duty, as if numbered.
                let under_part =
                    matches!(last_heading, LastHeading::Part | LastHeading::BulletUnit);
                if kind == PartKind::Implementation
                    && marker != "+"
                    && under_part
                    && let Some((unit, duty)) = unit_and_duty(c[2].trim())
                {
                    last_heading = LastHeading::BulletUnit;
                    blocks.push(Block::Item {
                        number: String::new(),
                        title: unit,
                        line: line.line,
                    });
                    blocks.push(Block::Paragraph {
                        text: duty,
                        line: line.line,
                    });
                    i += 1;
                    continue;
                }
                blocks.push(Block::Bullet {
                    level: u8::from(marker == "+"),
                    text: c[2].trim().to_owned(),
                    line: line.line,
                });
                i += 1;
                continue;
            }
        }
        blocks.push(Block::Paragraph {
            text: line.text.clone(),
            line: line.line,
        });
        i += 1;
    }
    parsed.closing = closing(&mut blocks);
    parsed.body = blocks;
}

/// Takes the closing off the end of `blocks`: trailing paragraphs from one starting "Trên đây"
/// (or a last one ending "./.").
fn closing(blocks: &mut Vec<Block>) -> Vec<String> {
    let trailing_plain = blocks
        .iter()
        .rev()
        .take_while(|b| matches!(b, Block::Paragraph { .. }))
        .count();
    let start = blocks.len() - trailing_plain;
    let closing_at = (start..blocks.len())
        .find(|&k| match &blocks[k] {
            Block::Paragraph { text, .. } => {
                let f = fold_diacritics(&plain(text)).to_lowercase();
                f.starts_with("tren day") || f.starts_with("nhan duoc")
            }
            _ => false,
        })
        .or_else(|| match blocks.last() {
            Some(Block::Paragraph { text, .. })
                if trailing_plain > 0 && plain(text).trim_end().ends_with("./.") =>
            {
                Some(blocks.len() - 1)
            }
            _ => None,
        });
    let mut out = Vec::new();
    if let Some(k) = closing_at {
        for b in blocks.drain(k..) {
            if let Block::Paragraph { text, .. } = b {
                out.push(text);
            }
        }
    }
    out
}

/// Words a unit's name starts with (after `Đề nghị`).
const UNIT_WORDS: &[&str] = &[
    "phong",
    "ban ",
    "cong an",
    "tram",
    "trung tam",
    "uy ban",
    "ubnd",
    "hdnd",
    "hoi ",
    "doan ",
    "truong",
    "cac ",
    "mat tran",
    "mttq",
    "van phong",
    "bo phan",
    "to ",
    "khu pho",
    "thon",
    "quan su",
    "chi huy",
    "cong doan",
    "dang uy",
    "bao hiem",
    "ngan hang",
    "buu dien",
    "thuong truc",
    "chi cuc",
    "chi nhanh",
    "kho bac",
    "dien luc",
    "benh vien",
    "hop tac xa",
    "thu truong",
    "doanh nghiep",
    "lien doan",
    "chi doan",
    "chi hoi",
    "ban chi huy",
    "co so",
    "don vi",
    "ca nhan",
];

/// Whether `name` names a body (`Phòng Văn hóa - Xã hội`, `Đề nghị Ủy ban MTTQ phường`) rather
/// than a topic (`Đối tượng`, `Mức quà tặng`, `Thời gian`).
pub(crate) fn looks_like_unit(name: &str) -> bool {
    let unit = plain(name);
    let folded = fold_diacritics(unit.trim()).to_lowercase();
    let folded = folded.strip_prefix("de nghi ").unwrap_or(&folded);
    let folded = format!("{} ", folded.trim_end_matches([':', '.', ';']));
    unit.trim().starts_with(|c: char| c.is_uppercase())
        && UNIT_WORDS.iter().any(|w| folded.starts_with(w))
        // Verbs and topics that begin like a body's name.
        && !["ban hanh", "to chuc", "hoi nghi", "cac hoat dong", "cac noi dung", "cac giai phap", "cac nhiem vu"]
            .iter()
            .any(|w| folded.starts_with(w))
}

/// `Công an phường: phối hợp ...` -> (`Công an phường`, `Phối hợp ...`) when the part before the
/// colon names a body.
fn unit_and_duty(text: &str) -> Option<(String, String)> {
    let (unit, duty) = text.split_once(':')?;
    let unit = plain(unit);
    let is_unit = unit.split_whitespace().count() <= 14 && looks_like_unit(&unit);
    (is_unit && !duty.trim().is_empty()).then(|| (unit, capitalise_first(duty.trim())))
}

/// The last part or item of the body so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LastHeading {
    /// None yet.
    None,
    /// A part (`I.`, `TỔ CHỨC THỰC HIỆN`).
    Part,
    /// A numbered item.
    NumberedItem,
    /// A unit made from a bullet (its number is blank).
    BulletUnit,
}

impl LastHeading {
    fn item(number: &str) -> LastHeading {
        if number.is_empty() {
            LastHeading::BulletUnit
        } else {
            LastHeading::NumberedItem
        }
    }
}
