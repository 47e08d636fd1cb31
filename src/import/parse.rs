//! Logical lines -> the parts of an administrative document: header, body blocks, closing,
//! recipients, signer, and whatever could not be placed.

use std::sync::LazyLock;

use regex::Regex;

use super::lines::{Line, plain};
use crate::load::plan::part_kind;
use crate::locale::fold_diacritics;
use crate::model::{DocType, PartKind};

/// What the importer read from a document.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    /// Lines naming the issuing body (`ỦY BAN NHÂN DÂN`, `PHƯỜNG BÌNH PHƯỚC`).
    pub issuer: Vec<String>,
    /// Document type, if the type line, `V/v` or the symbol told it.
    pub doc_type: Option<DocType>,
    /// Number (blank when not yet issued).
    pub number: String,
    /// Symbol after the number (`KH-UBND`).
    pub symbol: String,
    /// Whether a `Số` line was found.
    pub has_number_line: bool,
    /// Place of issue.
    pub place: Option<String>,
    /// Date as `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (blank parts left out).
    pub date: Option<String>,
    /// Subject (trích yếu or `V/v`).
    pub subject: Option<String>,
    /// `Kính gửi:` list.
    pub addressees: Vec<String>,
    /// Body blocks, in order.
    pub body: Vec<Block>,
    /// Closing paragraphs.
    pub closing: Vec<String>,
    /// `Nơi nhận:` list.
    pub recipients: Vec<String>,
    /// Signature block: authority lines, title, name.
    pub authority: Vec<String>,
    /// Title of the signer.
    pub signer_title: Option<String>,
    /// Name of the signer.
    pub signer_name: Option<String>,
    /// Lines that fit nowhere, with their source line.
    pub unplaced: Vec<(usize, String)>,
    /// Paragraphs rejoined across a blank line (page breaks), by source line of the second half.
    pub joined: Vec<usize>,
    /// Target tables whose last row lacked cells, by source line.
    pub incomplete_tables: Vec<usize>,
}

/// A body element.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// `I. TITLE`.
    Part {
        numeral: String,
        title: String,
        line: usize,
    },
    /// `1. Title` with content under it.
    Item {
        number: String,
        title: String,
        line: usize,
    },
    /// `1. A long numbered paragraph.`
    NumberedParagraph {
        number: String,
        text: String,
        line: usize,
    },
    /// `- bullet` (level 0) or `+ sub-bullet` (level 1).
    Bullet {
        level: u8,
        text: String,
        line: usize,
    },
    /// A paragraph.
    Paragraph { text: String, line: usize },
    /// A table: header row and rows of cells.
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
        line: usize,
    },
}

impl Block {
    /// The source line and the text of a block (a table's cells joined).
    pub fn line_and_text(&self) -> (usize, String) {
        match self {
            Block::Part { title, line, .. } | Block::Item { title, line, .. } => {
                (*line, title.clone())
            }
            Block::NumberedParagraph { text, line, .. }
            | Block::Bullet { text, line, .. }
            | Block::Paragraph { text, line } => (*line, text.clone()),
            Block::Table { header, rows, line } => (
                *line,
                header
                    .iter()
                    .chain(rows.iter().flatten())
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
        }
    }
}

static ROMAN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([IVXL]{1,6})\s*[.):–-]\s*(\S.*)$").expect("valid regex"));
static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\s*[.)]\s*(\S.*)$").expect("valid regex")
});
static BULLET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([-–—•·●▪◦*+])\s*(\S.*)$").expect("valid regex"));
static NUMBER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^số\s*:?[\s.…_]*([0-9]*)[\s.…_]*(?:[/-]\s*(\S+))?\s*$").expect("valid regex")
});
static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:([^,]*\S)\s*,\s*)?(?:ngày[\s.…_]*([0-9]{0,2})[\s.…_]*)?tháng[\s.…_]*([0-9]{0,2})[\s.…_]*năm[\s.…_]*([0-9]{4})?[\s.…_]*$",
    )
    .expect("valid regex")
});
static DATE_SLASH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:([^,]*\S)\s*,\s*)?ngày\s*(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})\s*\.?$")
        .expect("valid regex")
});
static AUTHORITY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:TM|KT|Q|TL|TUQ)\s*\.\s*\S").expect("valid regex"));
static VV: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^v\s*/\s*v\s*[:.]?\s*(.*)$").expect("valid regex"));
static KINH_GUI: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^kính\s+gửi\s*:?\s*(.*)$").expect("valid regex"));
static NOI_NHAN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^nơi\s+nhận\s*(?::\s*(.*))?$").expect("valid regex"));
static LOWER_START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[\p{Ll}0-9(“\x22]").expect("valid regex"));

/// Type names as written on the type line.
fn type_of_line(text: &str) -> Option<DocType> {
    let t = plain(text);
    let t = t.trim_end_matches(['.', ':']).trim();
    if t.is_empty() || t.to_uppercase() != t {
        return None;
    }
    // Type names are two words (`KẾ HOẠCH`); a bare code such as `KH` on a line is not a type line.
    DocType::parse(t).filter(|_| t.contains(' '))
}

fn is_date_line(text: &str) -> bool {
    DATE_LINE.is_match(text) || DATE_SLASH.is_match(text)
}

fn is_motto(text: &str) -> bool {
    let f = fold_diacritics(text).to_lowercase();
    f.contains("cong hoa xa hoi chu nghia") || f.contains("doc lap - tu do") || {
        let g: String = f.chars().filter(|c| c.is_alphabetic()).collect();
        g == "doclaptudohanhphuc"
    }
}

fn is_uppercase_line(text: &str) -> bool {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    !letters.is_empty() && letters.iter().all(|c| !c.is_lowercase())
}

/// A person's name: two to six words, each starting with a capital, no digits.
fn looks_like_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (2..=6).contains(&words.len())
        && !text
            .chars()
            .any(|c| c.is_ascii_digit() || c == ':' || c == ';')
        && words.iter().all(|w| {
            let mut chars = w.chars();
            chars.next().is_some_and(char::is_uppercase) && chars.all(|c| !c.is_uppercase())
        })
}

/// Reads the header lines before the body.
fn read_header_line(parsed: &mut Parsed, text: &str, line: usize) {
    let p = plain(text);
    if is_motto(&p) {
        return;
    }
    if let Some(c) = NUMBER_LINE.captures(&p) {
        parsed.has_number_line = true;
        parsed.number = c[1].to_owned();
        parsed.symbol = c.get(2).map_or(String::new(), |m| m.as_str().to_owned());
        return;
    }
    if let Some(c) = DATE_SLASH.captures(&p) {
        parsed.place = c.get(1).map(|m| m.as_str().trim().to_owned());
        let (day, month) = (
            c[2].parse::<u32>().unwrap_or(0),
            c[3].parse::<u32>().unwrap_or(0),
        );
        parsed.date = Some(format!("{}-{month:02}-{day:02}", &c[4]));
        return;
    }
    if let Some(c) = DATE_LINE.captures(&p) {
        parsed.place = c.get(1).map(|m| m.as_str().trim().to_owned());
        let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
        let (day, month) = (num(2), num(3));
        parsed.date = c.get(4).map(|year| match (month, day) {
            (Some(m), Some(d)) => format!("{}-{m:02}-{d:02}", year.as_str()),
            (Some(m), None) => format!("{}-{m:02}", year.as_str()),
            _ => year.as_str().to_owned(),
        });
        if parsed.date.is_none() {
            parsed.date = Some(String::new());
        }
        return;
    }
    if let Some(c) = VV.captures(&p) {
        parsed.subject = Some(c[1].trim().to_owned());
        parsed.doc_type.get_or_insert(DocType::OfficialLetter);
        return;
    }
    if is_uppercase_line(&p) && parsed.doc_type.is_none() {
        parsed.issuer.push(p);
        return;
    }
    parsed.unplaced.push((line, text.to_owned()));
}

/// Whether `next` goes on with the sentence `previous` started (a line wrapped within one
/// paragraph): it starts in lowercase, or `previous` stops on a comma or a linking word.
fn continues_line(previous: &str, next: &str) -> bool {
    let last = previous
        .split_whitespace()
        .last()
        .unwrap_or("")
        .to_lowercase();
    LOWER_START.is_match(next) || previous.ends_with(',') || CONNECTORS.contains(&last.as_str())
}

fn ends_sentence(text: &str) -> bool {
    let t = plain(text);
    let t = t.trim_end_matches(['*', '"', '”', '’', ')', ' ']);
    t.ends_with(['.', ';', ':', '!', '?', '…'])
}

const CONNECTORS: &[&str] = &[
    "số", "và", "của", "các", "về", "với", "cho", "theo", "tại", "trong", "đối", "những", "được",
    "để", "là", "có", "từ", "đến", "hoặc", "như", "do", "bởi", "tới", "nhằm", "mà", "khi", "nếu",
    "vì", "đã", "sẽ", "trên", "dưới", "giữa", "qua", "thuộc", "gồm", "bao",
];

fn is_structural(line: &Line) -> bool {
    let p = plain(&line.text);
    line.table_row
        || ROMAN.is_match(&p)
        || NUMBERED.is_match(&p)
        || BULLET.is_match(&p)
        || is_table_start(&p)
}

/// Rejoins paragraphs split by a page break or by hard wrapping.
fn rejoin(lines: Vec<Line>, joined: &mut Vec<usize>) -> Vec<Line> {
    // Where paragraphs are separated by blank lines, a line right under another is the same
    // paragraph wrapped by hand (a text export at a fixed width).
    let structural: Vec<&Line> = lines.iter().filter(|l| is_structural(l)).collect();
    let blank_separated = structural.len() >= 3
        && structural.iter().filter(|l| l.blank_before).count() * 4 >= structural.len() * 3;
    let mut out: Vec<Line> = Vec::new();
    let mut in_cells = false;
    for line in lines {
        // A table exported one cell per line is left as it is.
        let p = plain(&line.text);
        if is_table_start(&p) {
            in_cells = true;
        } else if in_cells
            && (ROMAN.is_match(&p)
                || NUMBERED.is_match(&p)
                || BULLET.is_match(&p)
                || p.split_whitespace().count() > 12)
        {
            in_cells = false;
        }
        if in_cells || line.whole {
            // A Word paragraph is whole: never joined with a neighbour.
            out.push(line);
            continue;
        }
        if let Some(prev) = out.last_mut()
            && blank_separated
            && !line.blank_before
            && !prev.table_row
            && !line.table_row
            && (!is_structural(&line) || wrapped_dash(&prev.text, &line.text))
        {
            prev.text.push(' ');
            prev.text.push_str(&line.text);
            continue;
        }
        if let Some(prev) = out.last_mut() {
            let prev_plain = plain(&prev.text);
            let prev_is_heading = ROMAN.is_match(&prev_plain) || prev.table_row;
            let last_word = prev_plain
                .split_whitespace()
                .last()
                .unwrap_or("")
                .to_lowercase();
            // A long paragraph or bullet that stops without punctuation goes on after a page
            // break even when the next half starts with a capital (a name).
            let long_unfinished =
                !NUMBERED.is_match(&prev_plain) && prev_plain.split_whitespace().count() > 12;
            let continues = LOWER_START.is_match(&plain(&line.text))
                || prev_plain.ends_with(',')
                || CONNECTORS.contains(&last_word.as_str())
                || long_unfinished;
            if !prev_is_heading
                && !ends_sentence(&prev.text)
                && !is_structural(&line)
                && continues
                && !is_short_heading_like(&prev_plain)
            {
                if line.blank_before {
                    joined.push(line.line);
                }
                prev.text.push(' ');
                prev.text.push_str(&line.text);
                continue;
            }
        }
        out.push(line);
    }
    out
}

/// A hand-wrapped line that starts with the dash of `kinh tế - xã hội` or `2026 - 2030`: the line
/// before stops mid-sentence and a lowercase word or a number follows the dash.
fn wrapped_dash(prev: &str, line: &str) -> bool {
    !ends_sentence(prev)
        && line
            .strip_prefix("- ")
            .or_else(|| line.strip_prefix("– "))
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit()))
}

/// A numbered title such as `1. Mục đích`: short, no sentence punctuation — what follows it
/// starts a new paragraph even when it begins in lowercase.
fn is_short_heading_like(text: &str) -> bool {
    NUMBERED
        .captures(text)
        .is_some_and(|c| c[2].split_whitespace().count() <= 4 && !text.ends_with(','))
}

fn is_table_start(p: &str) -> bool {
    let f = fold_diacritics(p).to_lowercase();
    matches!(f.as_str(), "tt" | "stt" | "so tt")
}

fn is_integer(p: &str) -> bool {
    !p.is_empty() && p.len() <= 3 && p.chars().all(|c| c.is_ascii_digit())
}

/// A table exported one cell per line: `TT`, the header cells, then rows each starting with
/// its number. Returns the table and how many lines it used.
fn cell_table(lines: &[Line], incomplete: &mut Vec<usize>) -> Option<(Block, usize)> {
    let first = lines.first()?;
    if !is_table_start(&plain(&first.text)) {
        return None;
    }
    let width = lines
        .iter()
        .skip(1)
        .position(|l| is_integer(&plain(&l.text)))?
        + 1;
    if !(2..=8).contains(&width)
        || lines[1..width]
            .iter()
            .any(|l| plain(&l.text).split_whitespace().count() > 12)
    {
        return None;
    }
    let header: Vec<String> = lines[..width].iter().map(|l| plain(&l.text)).collect();
    let mut rows = Vec::new();
    let mut at = width;
    while at < lines.len() && is_integer(&plain(&lines[at].text)) {
        let end = (at + width).min(lines.len());
        let mut row: Vec<String> = Vec::new();
        for (k, l) in lines[at..end].iter().enumerate() {
            let p = plain(&l.text);
            // A row ends early where the next row's number or a structural line begins.
            if k > 0 && (is_structural(l) && !is_integer(&p)) {
                break;
            }
            row.push(l.text.clone());
        }
        let used = row.len();
        if used < width {
            incomplete.push(lines[at].line);
            row.resize(width, String::new());
        }
        rows.push(row);
        at += used;
    }
    if rows.is_empty() {
        return None;
    }
    Some((
        Block::Table {
            header,
            rows,
            line: first.line,
        },
        at,
    ))
}

fn table_cells(row: &str) -> Vec<String> {
    row.trim()
        .trim_start_matches('|')
        .trim_end_matches('|')
        .split('|')
        .map(|c| c.trim().to_owned())
        .collect()
}

/// Reads the whole document.
pub fn parse(all: Vec<Line>) -> Parsed {
    let mut parsed = Parsed::default();
    let plains: Vec<String> = all.iter().map(|l| plain(&l.text)).collect();

    // ── Header: up to the type line and its subject, or the V/v subject and Kính gửi. ──
    let search = all.len().min(40);
    let type_at = (0..search).find(|&i| type_of_line(&plains[i]).is_some());
    let vv_at = (0..search).find(|&i| VV.is_match(&plains[i]));
    let mut body_start = 0;
    if let Some(t) = type_at.filter(|&t| vv_at.is_none_or(|v| t < v)) {
        for l in &all[..t] {
            read_header_line(&mut parsed, &l.text, l.line);
        }
        parsed.doc_type = type_of_line(&plains[t]);
        // The subject: the paragraph after the type line.
        let mut i = t + 1;
        let mut subject: Vec<String> = Vec::new();
        while i < all.len() && (subject.is_empty() || !all[i].blank_before) {
            if is_structural(&all[i]) || KINH_GUI.is_match(&plains[i]) {
                break;
            }
            // Without blank lines (Word's "plain text" export) the subject ends where a line
            // does not continue it.
            if let Some(last) = subject.last()
                && !continues_line(last, &plains[i])
            {
                break;
            }
            subject.push(plains[i].clone());
            i += 1;
        }
        if !subject.is_empty() {
            parsed.subject = Some(subject.join(" "));
        }
        body_start = i;
    } else if let Some(v) = vv_at {
        for l in &all[..=v] {
            read_header_line(&mut parsed, &l.text, l.line);
        }
        let mut i = v + 1;
        // The V/v subject may wrap onto following lines; other header cells may follow it.
        while i < all.len() && !all[i].blank_before && !KINH_GUI.is_match(&plains[i]) {
            let p = &plains[i];
            if NUMBER_LINE.is_match(p) || is_date_line(p) || is_motto(p) {
                read_header_line(&mut parsed, &all[i].text, all[i].line);
            } else if !parsed
                .subject
                .as_deref()
                .is_some_and(|s| continues_line(s, p))
            {
                break;
            } else if let Some(s) = parsed.subject.as_mut() {
                s.push(' ');
                s.push_str(p);
            }
            i += 1;
        }
        while i < all.len()
            && (NUMBER_LINE.is_match(&plains[i])
                || is_date_line(&plains[i])
                || is_motto(&plains[i]))
        {
            read_header_line(&mut parsed, &all[i].text, all[i].line);
            i += 1;
        }
        body_start = i;
    } else {
        // No type line: the header runs to the last Số or date line near the top.
        let last = (0..all.len().min(15))
            .filter(|&i| NUMBER_LINE.is_match(&plains[i]) || is_date_line(&plains[i]))
            .max();
        if let Some(last) = last {
            for l in &all[..=last] {
                read_header_line(&mut parsed, &l.text, l.line);
            }
            body_start = last + 1;
        }
    }
    if parsed.doc_type.is_none() {
        let code = parsed.symbol.split(['-', '/']).next().unwrap_or("");
        parsed.doc_type = DocType::parse(code).filter(|d| *d != DocType::OfficialLetter);
        if parsed.doc_type.is_none() && parsed.symbol.to_uppercase().starts_with("UBND") {
            parsed.doc_type = Some(DocType::OfficialLetter);
        }
    }
    // Kính gửi.
    if body_start < all.len()
        && let Some(c) = KINH_GUI.captures(&plains[body_start])
    {
        let first = c[1].trim();
        if !first.is_empty() {
            parsed.addressees.push(strip_bullet(first));
        }
        body_start += 1;
        while body_start < all.len() && BULLET.is_match(&plains[body_start]) {
            parsed.addressees.push(strip_bullet(&plains[body_start]));
            body_start += 1;
        }
    }

    // ── Tail: Nơi nhận and the signature block. ──
    let noi_nhan = (body_start..all.len())
        .rev()
        .find(|&i| NOI_NHAN.is_match(&plains[i]));
    let first_authority = (body_start..all.len()).find(|&i| AUTHORITY.is_match(&plains[i]));
    let tail_start = match (noi_nhan, first_authority) {
        (Some(a), Some(b)) => a.min(b),
        (Some(a), None) => a,
        (None, Some(b)) => b,
        (None, None) => {
            // A signer without authority line: a capitals title then a name at the very end.
            let n = all.len();
            if n >= 2
                && n - 2 >= body_start
                && is_uppercase_line(&plains[n - 2])
                && looks_like_name(&plains[n - 1])
            {
                n - 2
            } else {
                n
            }
        }
    };
    read_tail(&mut parsed, &all[tail_start..], &plains[tail_start..]);

    // ── Body. ──
    let body = rejoin(all[body_start..tail_start].to_vec(), &mut parsed.joined);
    read_body(&mut parsed, &body);
    parsed
}

fn strip_bullet(text: &str) -> String {
    match BULLET.captures(text) {
        Some(c) => c[2].trim().to_owned(),
        None => text.trim().to_owned(),
    }
}

fn read_tail(parsed: &mut Parsed, lines: &[Line], plains: &[String]) {
    let mut in_recipients = false;
    let mut after_authority = false;
    for (line, p) in lines.iter().zip(plains) {
        let p = p.trim();
        if let Some(c) = NOI_NHAN.captures(p) {
            in_recipients = true;
            let rest = c.get(1).map_or("", |m| m.as_str().trim());
            if !rest.is_empty() {
                parsed.recipients.push(strip_bullet(rest));
            }
            continue;
        }
        if AUTHORITY.is_match(p) {
            parsed.authority.push(p.to_owned());
            after_authority = true;
            continue;
        }
        if in_recipients && BULLET.is_match(p) {
            parsed.recipients.push(strip_bullet(p));
            continue;
        }
        if is_uppercase_line(p) && parsed.signer_title.is_none() && !looks_like_name(p) {
            parsed.signer_title = Some(p.to_owned());
            continue;
        }
        if (after_authority || parsed.signer_title.is_some())
            && parsed.signer_name.is_none()
            && (looks_like_name(p)
                || (parsed.signer_title.is_some() && looks_like_name(&title_case(p))))
        {
            parsed.signer_name = Some(p.to_owned());
            continue;
        }
        if in_recipients && parsed.signer_title.is_none() && !after_authority {
            // A recipient written without a dash.
            parsed.recipients.push(p.to_owned());
            continue;
        }
        parsed.unplaced.push((line.line, line.text.clone()));
    }
}

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
    if ROMAN.is_match(&p) || same_level_next {
        return false;
    }
    if BULLET.is_match(&p) || NUMBERED.is_match(&p) || is_table_start(&p) || next.table_row {
        return true;
    }
    in_implementation || (text.split_whitespace().count() <= 30 && !text.trim_end().ends_with(';'))
}

fn depth(number: &str) -> usize {
    number.split('.').filter(|s| !s.is_empty()).count()
}

fn read_body(parsed: &mut Parsed, lines: &[Line]) {
    let mut blocks = Vec::new();
    // A công văn's numbered units come without Roman parts.
    let mut kind = if parsed.doc_type == Some(DocType::OfficialLetter) {
        PartKind::Implementation
    } else {
        PartKind::Other
    };
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
        if let Some((table, used)) = cell_table(&lines[i..], &mut parsed.incomplete_tables) {
            blocks.push(table);
            i += used;
            continue;
        }
        if let Some(c) = ROMAN.captures(&p) {
            kind = part_kind(&c[2]);
            blocks.push(Block::Part {
                numeral: c[1].to_owned(),
                title: c[2].trim().to_owned(),
                line: line.line,
            });
            i += 1;
            continue;
        }
        if let Some(c) = NUMBERED
            .captures(&line.text)
            .or_else(|| NUMBERED.captures(&p))
        {
            let number = c[1].to_owned();
            let rest = c[2].trim().to_owned();
            let next = lines.get(i + 1);
            let same_level_next = next
                .and_then(|n| NUMBERED.captures(&plain(&n.text)).map(|c| c[1].to_owned()))
                .is_some_and(|n| depth(&n) == depth(&number));
            let implementation = kind == PartKind::Implementation;
            // `1. Phòng Văn hóa - Xã hội: chủ trì ...` — the unit, then its duty.
            if implementation
                && let Some((unit, duty)) = rest.split_once(':')
                && unit.split_whitespace().count() <= 14
                && !duty.trim().is_empty()
            {
                blocks.push(Block::Item {
                    number,
                    title: unit.trim().to_owned(),
                    line: line.line,
                });
                blocks.push(Block::Paragraph {
                    text: capitalise_first(duty.trim()),
                    line: line.line,
                });
            } else if numbered_is_title(&rest, next, same_level_next, implementation) {
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
                let under_part = matches!(
                    blocks
                        .iter()
                        .rev()
                        .find(|b| matches!(b, Block::Part { .. } | Block::Item { .. })),
                    Some(Block::Part { .. })
                ) || unit_bullets_so_far(&blocks);
                if kind == PartKind::Implementation
                    && marker != "+"
                    && under_part
                    && let Some((unit, duty)) = unit_and_duty(c[2].trim())
                {
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
    // The closing: trailing paragraphs from one starting "Trên đây" (or a last one ending "./.").
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
    if let Some(k) = closing_at {
        for b in blocks.drain(k..) {
            if let Block::Paragraph { text, .. } = b {
                parsed.closing.push(text);
            }
        }
    }
    parsed.body = blocks;
}

/// `NGUYỄN VĂN AN` -> `Nguyễn Văn An` (for recognising a name written in capitals).
fn title_case(text: &str) -> String {
    text.split_whitespace()
        .map(|w| capitalise_first(&w.to_lowercase()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Words a unit's name starts with in an implementation part.
const UNIT_WORDS: &[&str] = &[
    "phong",
    "ban",
    "cong an",
    "tram",
    "trung tam",
    "uy ban",
    "ubnd",
    "hoi",
    "doan",
    "truong",
    "cac",
    "de nghi",
    "mat tran",
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
];

/// `Công an phường: phối hợp ...` -> (`Công an phường`, `Phối hợp ...`) when the part before the
/// colon names a body.
fn unit_and_duty(text: &str) -> Option<(String, String)> {
    let (unit, duty) = text.split_once(':')?;
    let unit = plain(unit);
    let folded = fold_diacritics(&unit).to_lowercase();
    let is_unit = unit.split_whitespace().count() <= 14
        && unit.starts_with(|c: char| c.is_uppercase())
        && UNIT_WORDS.iter().any(|w| folded.starts_with(w))
        // Verbs that begin like a body's name.
        && !["ban hanh", "to chuc", "hoi nghi", "cac hoat dong", "cac noi dung"]
            .iter()
            .any(|w| folded.starts_with(w));
    (is_unit && !duty.trim().is_empty()).then(|| (unit, capitalise_first(duty.trim())))
}

/// Whether the last item of the body is a unit made from a bullet (its number is blank).
fn unit_bullets_so_far(blocks: &[Block]) -> bool {
    matches!(
        blocks.iter().rev().find(|b| matches!(b, Block::Part { .. } | Block::Item { .. })),
        Some(Block::Item { number, .. }) if number.is_empty()
    )
}

fn capitalise_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::lines::lines;

    #[test]
    fn header_of_a_cong_van() {
        let text = "ỦY BAN NHÂN DÂN\nPHƯỜNG A\nSố: 12/UBND-VHXH\nV/v triển khai\ntháng hành động\n\nA, ngày 05 tháng 3 năm 2026\n\nKính gửi:\n- Trạm Y tế phường;\n- Công an phường.\n\nThực hiện ...\n\n1. Trạm Y tế phường: chủ trì khám.\n\n2. Công an phường\n\n- Phối hợp.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Văn An";
        let p = parse(lines(text));
        assert_eq!(p.doc_type, Some(DocType::OfficialLetter));
        assert_eq!(p.number, "12");
        assert_eq!(p.symbol, "UBND-VHXH");
        assert_eq!(p.subject.as_deref(), Some("triển khai tháng hành động"));
        assert_eq!(p.date.as_deref(), Some("2026-03-05"));
        assert_eq!(p.place.as_deref(), Some("A"));
        assert_eq!(p.addressees, ["Trạm Y tế phường;", "Công an phường."]);
        assert_eq!(p.issuer, ["ỦY BAN NHÂN DÂN", "PHƯỜNG A"]);
        assert_eq!(p.recipients, ["Như trên;", "Lưu: VT."]);
        assert_eq!(p.authority, ["KT. CHỦ TỊCH"]);
        assert_eq!(p.signer_title.as_deref(), Some("PHÓ CHỦ TỊCH"));
        assert_eq!(p.signer_name.as_deref(), Some("Nguyễn Văn An"));
        assert!(p.unplaced.is_empty(), "{:?}", p.unplaced);
        assert!(matches!(&p.body[1], Block::Item { title, .. } if title == "Trạm Y tế phường"));
    }

    #[test]
    fn draft_headers_with_dots_and_names_in_capitals() {
        let text = "Số: ......./KH-UBND\nPhú Lâm, ngày ..... tháng ..... năm 2026\nỦY BAN NHÂN DÂN\nKẾ HOẠCH\nX\n\nI. NỘI DUNG\n\n• Việc một.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNGUYỄN THỊ LAN";
        let p = parse(lines(text));
        assert_eq!(p.symbol, "KH-UBND");
        assert_eq!(p.number, "");
        assert_eq!(p.place.as_deref(), Some("Phú Lâm"));
        assert_eq!(p.date.as_deref(), Some("2026"));
        assert_eq!(p.issuer, ["ỦY BAN NHÂN DÂN"]);
        assert!(matches!(&p.body[1], Block::Bullet { text, .. } if text == "Việc một."));
        assert_eq!(p.signer_title.as_deref(), Some("CHỦ TỊCH"));
        assert_eq!(p.signer_name.as_deref(), Some("NGUYỄN THỊ LAN"));
        assert!(p.unplaced.is_empty(), "{:?}", p.unplaced);
    }

    #[test]
    fn bulleted_units_in_the_implementation_part() {
        let text = "KẾ HOẠCH\nX\n\nII. TỔ CHỨC THỰC HIỆN\n\n- Phòng Văn hóa - Xã hội: chủ trì, tham mưu.\n\n- Công an phường: bảo đảm an ninh.\n\n- Đề nghị Ủy ban MTTQ phường: vận động Nhân dân.\n\n- Thời gian: cả năm 2026.";
        let p = parse(lines(text));
        let units: Vec<&str> = p
            .body
            .iter()
            .filter_map(|b| match b {
                Block::Item { title, .. } => Some(title.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(
            units,
            [
                "Phòng Văn hóa - Xã hội",
                "Công an phường",
                "Đề nghị Ủy ban MTTQ phường"
            ]
        );
        assert!(
            matches!(p.body.last(), Some(Block::Bullet { text, .. }) if text == "Thời gian: cả năm 2026.")
        );
    }

    #[test]
    fn date_lines_in_other_forms() {
        let p = parse(lines(
            "Số: 3/KH-UBND\nHà Đông, ngày 04/3/2026\nKẾ HOẠCH\nX\n\nI. A\n\n- B.",
        ));
        assert_eq!(p.date.as_deref(), Some("2026-03-04"));
        assert_eq!(p.place.as_deref(), Some("Hà Đông"));
        let p = parse(lines(
            "Số: 3/KH-UBND\nHà Đông, tháng 9 năm 2026\nKẾ HOẠCH\nX\n\nI. A\n\n- B.",
        ));
        assert_eq!(p.date.as_deref(), Some("2026-09"));
    }

    #[test]
    fn party_style_symbols() {
        let p = parse(lines("Số 42-KH/ĐU\nKẾ HOẠCH\nX\n\nI. NỘI DUNG\n\n- Một."));
        assert_eq!((p.number.as_str(), p.symbol.as_str()), ("42", "KH/ĐU"));
    }

    #[test]
    fn hand_wrapped_paragraphs_are_joined() {
        let text = "KẾ HOẠCH\nX\n\nI. NỘI DUNG\n\n1. Việc một về trợ\ngiúp xã hội\n\n- Phát triển kinh tế\n- xã hội; bảo đảm\nan sinh.\n\n- Bố trí cán bộ.";
        let p = parse(lines(text));
        assert!(
            matches!(&p.body[1], Block::Item { title, .. } if title == "Việc một về trợ giúp xã hội")
        );
        assert!(
            matches!(&p.body[2], Block::Bullet { text, .. } if text == "Phát triển kinh tế - xã hội; bảo đảm an sinh.")
        );
        assert!(matches!(&p.body[3], Block::Bullet { text, .. } if text == "Bố trí cán bộ."));
    }

    #[test]
    fn page_break_rejoined() {
        let text = "KẾ HOẠCH\nX\n\nI. NỘI DUNG\n\n1. Việc một\n\n- Rà soát các\n\nchính sách, hỗ trợ.\n\n- Bố trí,\n\nHội Khuyến học tham gia.";
        let p = parse(lines(text));
        let bullets: Vec<&str> = p
            .body
            .iter()
            .filter_map(|b| match b {
                Block::Bullet { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(
            bullets,
            [
                "Rà soát các chính sách, hỗ trợ.",
                "Bố trí, Hội Khuyến học tham gia."
            ]
        );
        assert_eq!(p.joined.len(), 2);
    }

    #[test]
    fn target_table_one_cell_per_line() {
        let text = "KẾ HOẠCH\nX\n\nII. CHỈ TIÊU\n\nTT\nNội dung chỉ tiêu\nĐơn vị tính\nNăm 2026\n1\nTỷ lệ người dân tham gia bảo hiểm y tế\n%\n96\n2\nSố phiên giao dịch việc làm\nphiên\n2\n\nIII. TỔ CHỨC THỰC HIỆN";
        let p = parse(lines(text));
        let Block::Table { header, rows, .. } = &p.body[1] else {
            panic!("{:?}", p.body)
        };
        assert_eq!(header.len(), 4);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0][3], "96");
        assert!(matches!(&p.body[2], Block::Part { numeral, .. } if numeral == "III"));
    }
}
