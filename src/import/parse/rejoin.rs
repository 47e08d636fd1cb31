//! Lines put back together where an export broke a paragraph: hard wraps at a fixed width, page
//! breaks in the middle of a sentence. Only there: a whole paragraph (a Word paragraph) is never
//! joined to a neighbour, a line that starts a list item (`a)`, `-`, `+`, `1.`) is never glued
//! to the line above, and neither is a line after one that ends a sentence (where blank lines do
//! not already mark the paragraphs).

use super::{
    BULLET, LOWER_START, Line, ROMAN, ends_sentence, is_structural, numbered, part_word, plain,
    tables::is_table_start,
};

/// Words a sentence does not stop on: a line ending with one goes on below.
pub(super) const CONNECTORS: &[&str] = &[
    "số", "và", "của", "các", "về", "với", "cho", "theo", "tại", "trong", "đối", "những", "được",
    "để", "là", "có", "từ", "đến", "hoặc", "như", "do", "bởi", "tới", "nhằm", "mà", "khi", "nếu",
    "vì", "đã", "sẽ", "trên", "dưới", "giữa", "qua", "thuộc", "gồm", "bao",
];

/// Rejoins paragraphs split by a page break or by hard wrapping.
pub(super) fn rejoin(lines: Vec<Line>, joined: &mut Vec<usize>) -> Vec<Line> {
    // Where paragraphs are separated by blank lines, a line right under another is the same
    // paragraph wrapped by hand (a text export at a fixed width).
    let structural: Vec<&Line> = lines
        .iter()
        .filter(|l| !l.whole && is_structural(l))
        .collect();
    let blank_separated = structural.len() >= 3
        && structural.iter().filter(|l| l.blank_before).count() * 4 >= structural.len() * 3;
    let mut out: Vec<Line> = Vec::new();
    let mut in_cells = false;
    for line in lines {
        // A table exported one cell per line is left as it is.
        let p = plain(&line.text);
        // It ends at a blank line, a part, an item or a bullet, or a line too long for a cell.
        if is_table_start(&p) {
            in_cells = true;
        } else if in_cells
            && (line.blank_before
                || ROMAN.is_match(&p)
                || part_word(&p).is_some()
                || numbered(&p).is_some()
                || BULLET.is_match(&p)
                || p.split_whitespace().count() > 30)
        {
            in_cells = false;
        }
        let whole = line.whole || out.last().is_some_and(|prev| prev.whole);
        if in_cells || whole {
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
            let prev_is_heading =
                ROMAN.is_match(&prev_plain) || part_word(&prev_plain).is_some() || prev.table_row;
            let last_word = prev_plain
                .split_whitespace()
                .last()
                .unwrap_or("")
                .to_lowercase();
            // A long paragraph or bullet that stops without punctuation goes on after a page
            // break even when the next half starts with a capital (a name).
            let long_unfinished =
                numbered(&prev_plain).is_none() && prev_plain.split_whitespace().count() > 12;
            let continues = LOWER_START.is_match(&plain(&line.text))
                || prev_plain.ends_with(',')
                || CONNECTORS.contains(&last_word.as_str())
                || long_unfinished;
            // A page break can also fall before the dash of `văn hóa - xã hội` or `thương mại -
            // dịch vụ`: after a long line that stops mid-sentence, a dash line goes on with it
            // (a new bullet follows a finished one).
            let dash_goes_on =
                long_unfinished && (line.text.starts_with("- ") || line.text.starts_with("– "));
            if !prev_is_heading
                && !ends_sentence(&prev.text)
                && (!is_structural(&line) || dash_goes_on)
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
/// before stops mid-sentence and a lowercase word or a number follows the dash (a list item
/// starts with a capital).
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
    numbered(text).is_some_and(|(_, rest)| rest.split_whitespace().count() <= 4)
        && !text.ends_with(',')
}
