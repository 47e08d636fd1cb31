//! The header: issuing body, national motto, `Số`, place and date, type line, subject, `V/v`
//! and `Kính gửi`, however the export laid them out (two columns with pipes or tabs, or wrapped
//! over several lines down to a word per line).

use std::sync::LazyLock;

use regex::Regex;

use super::{BULLET, Line, Parsed, is_structural, is_uppercase_line, plain, strip_bullet};
use crate::locale::fold_diacritics;
use crate::model::{DocType, PartialDate};

pub(super) static NUMBER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^số\s*:?[\s.…_]*([0-9]*)[\s.…_]*(?:[/-]\s*(\S+))?\s*$").expect("valid regex")
});
/// `Số:` (or `Số`) with nothing after it: the number is on the next line.
static NUMBER_LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^số\s*:?[\s.…_]*$").expect("valid regex"));
/// What follows a `Số:` label on its own line: `12/KH-UBND`, `/KH-UBND`, `42-KH/ĐU`.
static NUMBER_REST: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[0-9.…_ ]*[/-]\s*\S+$").expect("valid regex"));
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
/// A piece of a date line wrapped over several lines: `ngày 24`, `tháng 4 năm 2025`, `2026`.
static DATE_PIECE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:ngày|tháng|năm|[0-9]+|[.…_/]+|\s+)+$").expect("valid regex")
});
pub(super) static VV: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^v\s*/\s*v\s*[:.]?\s*(.*)$").expect("valid regex"));
pub(super) static KINH_GUI: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^kính\s+gửi\s*:?\s*(.*)$").expect("valid regex"));
/// Where the tail starts: `Nơi nhận`, an authority line (`TM.`, `KT.`).
static SIGNATURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:nơi\s+nhận|(?:TM|KT|Q|TL|TUQ)\s*\.)").expect("valid regex")
});
/// Words a basis paragraph starts with (`Thực hiện Kế hoạch số ...`, `Căn cứ ...`).
static BASIS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:thực\s+hiện|căn\s+cứ|theo|xét|kính\s+gửi)\b").expect("valid regex")
});

/// How the name of a body starts (`Phường A` on the line above a date is the issuing body, not
/// the first word of the place).
const ISSUER_WORDS: &[&str] = &[
    "phuong ",
    "xa ",
    "uy ban",
    "ubnd",
    "so ",
    "thi tran",
    "huyen ",
    "quan ",
    "tinh ",
    "thanh pho ",
];

const MOTTOS: &[&str] = &["conghoaxahoichunghiavietnam", "doclaptudohanhphuc"];

/// Letters only, without marks, lowercase (`Độc lập - Tự do` -> `doclaptudo`).
fn letters(text: &str) -> String {
    fold_diacritics(text)
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphabetic())
        .collect()
}

/// Type names as written on the type line.
pub(super) fn type_of_line(text: &str) -> Option<DocType> {
    let t = plain(text);
    let t = t.trim_end_matches(['.', ':']).trim();
    if t.is_empty() || t.to_uppercase() != t {
        return None;
    }
    // Type names are two words (`KẾ HOẠCH`); a bare code such as `KH` on a line is not a type line.
    DocType::parse(t).filter(|_| t.contains(' '))
}

pub(super) fn is_date_line(text: &str) -> bool {
    DATE_LINE.is_match(text) || DATE_SLASH.is_match(text)
}

pub(super) fn is_motto(text: &str) -> bool {
    let f = fold_diacritics(text).to_lowercase();
    f.contains("cong hoa xa hoi chu nghia")
        || f.contains("doc lap - tu do")
        || MOTTOS.contains(&letters(text).as_str())
}

/// One to four capitalised words with no digits (`Thái`, `Thái Bình,`): the start of a place
/// name in a date line wrapped before `ngày`.
fn is_place_piece(text: &str) -> bool {
    let t = text.trim_end_matches(',').trim();
    let words: Vec<&str> = t.split_whitespace().collect();
    (1..=4).contains(&words.len())
        && !is_uppercase_line(t)
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().all(|c| c.is_alphabetic() || c == '.')
        })
}

/// How many lines from the start of `lines` (two or more) make one header line that was wrapped:
/// the motto, the type line, `Số:` and its number, a place and date, or the issuing body written a
/// word or two per line.
fn wrapped_run(lines: &[Line]) -> Option<usize> {
    let texts: Vec<String> = lines.iter().take(12).map(|l| plain(&l.text)).collect();
    if texts.len() < 2 || lines.iter().take(2).any(|l| l.whole || l.table_row) {
        return None;
    }
    let joined = |k: usize| texts[..k].join(" ");
    // The motto: pieces whose letters spell it (`Độc lập - Tự do -` / `Hạnh phúc`).
    let mut acc = String::new();
    for (k, text) in texts.iter().enumerate() {
        acc.push_str(&letters(text));
        if acc.is_empty() || !MOTTOS.iter().any(|m| m.starts_with(&acc)) {
            break;
        }
        if k > 0 && MOTTOS.contains(&acc.as_str()) {
            return Some(k + 1);
        }
    }
    // `KẾ` / `HOẠCH`.
    if type_of_line(&texts[0]).is_none() && type_of_line(&joined(2)).is_some() {
        return Some(2);
    }
    // `Số:` / `12/KH-UBND`.
    if NUMBER_LABEL.is_match(&texts[0]) && NUMBER_REST.is_match(&texts[1]) {
        return Some(2);
    }
    // `Thái` / `Bình, ngày 24` / `tháng 4 năm 2025`.
    let first = &texts[0];
    let folded_first = fold_diacritics(first).to_lowercase();
    let issuer_like = ISSUER_WORDS.iter().any(|w| folded_first.starts_with(w));
    let starts_date = (is_place_piece(first) && !issuer_like)
        || (!is_date_line(first)
            && (DATE_PIECE.is_match(first) || folded_first.contains(", ngay")));
    if starts_date {
        let mut best = None;
        for k in 2..=texts.len().min(9) {
            let piece = &texts[k - 1];
            let folded = fold_diacritics(piece).to_lowercase();
            let fits = DATE_PIECE.is_match(piece)
                || is_place_piece(piece)
                || folded.contains(", ngay")
                || folded.starts_with("ngay");
            if !fits || lines[k - 1].table_row || lines[k - 1].blank_before {
                break;
            }
            if is_date_line(&joined(k)) {
                best = Some(k);
            }
        }
        if best.is_some() {
            return best;
        }
    }
    // The issuing body a word or two per line: `ỦY` / `BAN` / `NHÂN` / `DÂN` / `PHƯỜNG` / `A`.
    let short_capitals = |t: &String| {
        is_uppercase_line(t)
            && t.split_whitespace().count() <= 2
            && type_of_line(t).is_none()
            && !MOTTOS.iter().any(|m| m.starts_with(&letters(t)))
    };
    let run = texts.iter().take_while(|t| short_capitals(t)).count();
    (run >= 2).then_some(run)
}

/// Puts back together the header lines an export wrapped (see [`wrapped_run`]); the body is
/// left as it is. The issuing body written a word per line is split again after `ỦY BAN NHÂN
/// DÂN`, as the header lays it out.
pub(super) fn mend(lines: Vec<Line>) -> Vec<Line> {
    let zone = lines
        .iter()
        .take(120)
        .position(|l| {
            let p = plain(&l.text);
            (is_structural(l) && !p.starts_with(['-', '–']))
                || KINH_GUI.is_match(&p)
                || SIGNATURE.is_match(&p)
        })
        .unwrap_or(lines.len().min(120));
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        if i < zone
            && let Some(k) = wrapped_run(&lines[i..zone])
        {
            let text = lines[i..i + k]
                .iter()
                .map(|l| l.text.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            let first = Line {
                text: String::new(),
                ..lines[i].clone()
            };
            let folded = fold_diacritics(&text).to_lowercase();
            match text.char_indices().nth("uy ban nhan dan".chars().count()) {
                Some((at, ' '))
                    if folded.starts_with("uy ban nhan dan ") && is_uppercase_line(&text) =>
                {
                    out.push(Line {
                        text: text[..at].to_owned(),
                        ..first.clone()
                    });
                    out.push(Line {
                        text: text[at + 1..].to_owned(),
                        blank_before: false,
                        ..first
                    });
                }
                _ => out.push(Line { text, ..first }),
            }
            i += k;
            continue;
        }
        out.push(lines[i].clone());
        i += 1;
    }
    out
}

/// Whether `next` goes on with the sentence `previous` started (a line wrapped within one
/// paragraph): it starts in lowercase, or `previous` stops on a comma or a linking word.
fn continues_line(previous: &str, next: &str) -> bool {
    let last = previous
        .split_whitespace()
        .last()
        .unwrap_or("")
        .to_lowercase();
    super::LOWER_START.is_match(next)
        || previous.ends_with(',')
        || super::rejoin::CONNECTORS.contains(&last.as_str())
}

/// Reads one header line.
/// The date a header gives, as `2026-03-04`, `2026-03` or `2026`: the most of it that exists.
/// A day or month that does not exist (`31/02/2026`, `tháng 13`) is noted in
/// `parsed.impossible_date` with the date as written, and left out.
fn existing_date(
    parsed: &mut Parsed,
    line: usize,
    year: &str,
    month: Option<u32>,
    day: Option<u32>,
) -> String {
    let written = match (month, day) {
        (Some(m), Some(d)) => format!("{year}-{m:02}-{d:02}"),
        (Some(m), None) => format!("{year}-{m:02}"),
        _ => year.to_owned(),
    };
    let mut kept = written.as_str();
    while PartialDate::parse(kept).is_none() {
        match kept.rfind('-') {
            Some(cut) => kept = &kept[..cut],
            None => {
                kept = "";
                break;
            }
        }
    }
    if kept != written {
        let shown = match (day, month) {
            (Some(d), Some(m)) => format!("{d}/{m}/{year}"),
            (None, Some(m)) => format!("{m}/{year}"),
            _ => year.to_owned(),
        };
        parsed.impossible_date = Some((line, shown));
    }
    kept.to_owned()
}

fn read_line(parsed: &mut Parsed, text: &str, line: usize) {
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
        let num = |i: usize| c[i].parse::<u32>().ok();
        parsed.date = Some(existing_date(parsed, line, &c[4], num(3), num(2)));
        return;
    }
    if let Some(c) = DATE_LINE.captures(&p) {
        parsed.place = c.get(1).map(|m| m.as_str().trim().to_owned());
        let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
        let (day, month) = (num(2), num(3));
        parsed.date = Some(
            c.get(4)
                .map(|year| existing_date(parsed, line, year.as_str(), month, day))
                .unwrap_or_default(),
        );
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

/// The subject starting at `start`: the paragraph there, ended by a blank line, a structural
/// line, `Kính gửi`, a basis paragraph, or (without blank lines) a line that does not go on
/// with it. Returns it and the index after it.
fn subject_at(all: &[Line], plains: &[String], start: usize) -> (Vec<String>, usize) {
    let mut i = start;
    let mut subject: Vec<String> = Vec::new();
    while i < all.len() && (subject.is_empty() || !all[i].blank_before) {
        if is_structural(&all[i]) || KINH_GUI.is_match(&plains[i]) {
            break;
        }
        if let Some(last) = subject.last() {
            // Without blank lines (Word's "plain text" export) the subject ends where a line
            // does not continue it; a subject wrapped a word or two per line goes on to the
            // next basis paragraph.
            // A short line without a full stop (`Tết Nguyên đán Bính Ngọ năm 2026`) ends a
            // subject wrapped by hand.
            let short = last.split_whitespace().count() <= 2;
            let short_end = plains[i].split_whitespace().count() <= 12
                && !super::ends_sentence(&plains[i])
                && !super::ends_sentence(last);
            if BASIS.is_match(&plains[i])
                || !(continues_line(last, &plains[i]) || short || short_end)
            {
                break;
            }
        }
        subject.push(plains[i].clone());
        i += 1;
    }
    (subject, i)
}

/// Reads the header of `all`; returns where the body starts.
pub(super) fn read(parsed: &mut Parsed, all: &[Line], plains: &[String]) -> usize {
    let search = all.len().min(60);
    let type_at = (0..search).find(|&i| type_of_line(&plains[i]).is_some());
    let vv_at = (0..search).find(|&i| VV.is_match(&plains[i]));
    let mut body_start = 0;
    if let Some(t) = type_at.filter(|&t| vv_at.is_none_or(|v| t < v)) {
        for l in &all[..t] {
            read_line(parsed, &l.text, l.line);
        }
        parsed.doc_type = type_of_line(&plains[t]);
        let (subject, end) = subject_at(all, plains, t + 1);
        if !subject.is_empty() {
            parsed.subject = Some(subject.join(" "));
        }
        body_start = end;
    } else if let Some(v) = vv_at {
        for l in &all[..=v] {
            read_line(parsed, &l.text, l.line);
        }
        let mut i = v + 1;
        // The V/v subject may wrap onto following lines; other header cells may follow it.
        while i < all.len() && !all[i].blank_before && !KINH_GUI.is_match(&plains[i]) {
            let p = &plains[i];
            if NUMBER_LINE.is_match(p) || is_date_line(p) || is_motto(p) {
                read_line(parsed, &all[i].text, all[i].line);
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
            read_line(parsed, &all[i].text, all[i].line);
            i += 1;
        }
        body_start = i;
    } else {
        // No type line: the header runs to the last Số or date line near the top, and the
        // subject is the title-like paragraph right under it, when there is one.
        let last = (0..all.len().min(20))
            .filter(|&i| NUMBER_LINE.is_match(&plains[i]) || is_date_line(&plains[i]))
            .max();
        if let Some(last) = last {
            for l in &all[..=last] {
                read_line(parsed, &l.text, l.line);
            }
            body_start = last + 1;
            if body_start < all.len() && !BASIS.is_match(&plains[body_start]) {
                let (subject, end) = subject_at(all, plains, body_start);
                let text = subject.join(" ");
                let title_like = !text.is_empty()
                    && text.split_whitespace().count() <= 40
                    && !text.trim_end().ends_with(['.', ';', ':']);
                if title_like {
                    parsed.subject = Some(text);
                    body_start = end;
                }
            }
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
    body_start
}
