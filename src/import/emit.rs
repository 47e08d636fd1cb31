//! Parsed document -> plan file text in the core format (TOML front matter between `+++` lines,
//! Markdown body), laid out like the bundled example.

use std::fmt::Write as _;

use super::Context;
use super::lines::plain;
use super::parse::{Block, Parsed};
use crate::locale::fold_diacritics;
use crate::messages;
use crate::model::DocType;

/// A TOML basic string.
pub fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn toml_list(items: &[String]) -> String {
    if items.is_empty() {
        return "[]".to_owned();
    }
    let mut out = String::from("[\n");
    for item in items {
        let _ = writeln!(out, "  {},", toml_string(item));
    }
    out.push(']');
    out
}

/// Escapes what Markdown would read as markup in running text: HTML, backslashes, a `#`, `>`
/// or list marker at the start, and `*` marks that do not pair up.
pub fn markdown_text(text: &str) -> String {
    let mut out = text.replace('\\', "\\\\").replace('<', "\\<");
    out = out.replace('[', "\\[").replace('`', "\\`");
    let stars = out.matches("**").count();
    let singles = out.replace("**", "").matches('*').count();
    if stars % 2 == 1 || singles % 2 == 1 {
        out = out.replace('*', "\\*");
    }
    out = out.replace('_', "\\_");
    if out.starts_with(['#', '>', '+', '-', '=', '|']) {
        out.insert(0, '\\');
    }
    // A paragraph starting `2026.` or `1)` would become a list item.
    if let Some(end) = out.find(|c: char| !c.is_ascii_digit())
        && end > 0
        && out[end..].starts_with(['.', ')'])
    {
        out.insert(end, '\\');
    }
    out
}

/// Writes the plan file.
pub fn emit(parsed: &Parsed, source_name: &str, context: &Context<'_>) -> String {
    let mut out = String::from("+++\n");
    let note = messages::text("import_file_note", &[("source", source_name.to_owned())]).vi;
    for line in note.lines() {
        let _ = writeln!(out, "# {line}");
    }
    let doc_type = parsed.doc_type.unwrap_or(DocType::Plan);
    let _ = writeln!(out, "loai = {}", toml_string(doc_type.code()));
    let _ = writeln!(out, "so = {}", toml_string(&parsed.number));
    if parsed.number.trim().is_empty() {
        // The source is a draft (`Số: /KH-UBND`): the file says so, and the site shows it as one.
        let note = messages::text("import_draft_note", &[]).vi;
        let _ = writeln!(out, "# {note}\ndu_thao = true");
    }
    let _ = writeln!(out, "ky_hieu = {}", toml_string(&parsed.symbol));
    let _ = writeln!(
        out,
        "ngay = {}",
        toml_string(parsed.date.as_deref().unwrap_or(""))
    );
    let _ = writeln!(
        out,
        "noi_ban_hanh = {}",
        toml_string(parsed.place.as_deref().unwrap_or(context.place))
    );
    let (parent_body, issuing_body) = header_bodies(&parsed.issuer);
    if !parent_body.is_empty() {
        let _ = writeln!(out, "co_quan_cap_tren = {}", toml_string(&parent_body));
    }
    if !issuing_body.is_empty() {
        let _ = writeln!(out, "co_quan_ban_hanh = {}", toml_string(&issuing_body));
    }
    let subject = parsed.subject.clone().unwrap_or_default();
    let _ = writeln!(out, "trich_yeu = {}", toml_string(&subject));
    if !parsed.addressees.is_empty() {
        let _ = writeln!(out, "kinh_gui = {}", toml_list(&parsed.addressees));
    }
    if !parsed.closing.is_empty() {
        out.push_str("loi_ket = \"\"\"\n");
        let closing: Vec<String> = parsed
            .closing
            .iter()
            .map(|p| {
                // Inside a multi-line basic string only `\` and `"""` need care.
                p.replace('\\', "\\\\").replace("\"\"\"", "\\\"\\\"\\\"")
            })
            .collect();
        out.push_str(&closing.join("\n\n"));
        out.push_str("\n\"\"\"\n");
    }
    if !parsed.recipients.is_empty() {
        let _ = writeln!(out, "noi_nhan = {}", toml_list(&parsed.recipients));
    }
    if !parsed.authority.is_empty() || parsed.signer_title.is_some() {
        out.push_str("\n[nguoi_ky]\n");
        let _ = writeln!(out, "tham_quyen = {}", inline_list(&parsed.authority));
        let _ = writeln!(
            out,
            "chuc_vu = {}",
            toml_string(parsed.signer_title.as_deref().unwrap_or(""))
        );
        let _ = writeln!(
            out,
            "ho_ten = {}",
            toml_string(parsed.signer_name.as_deref().unwrap_or(""))
        );
    }
    out.push_str("+++\n");
    out.push_str(&body(parsed));
    out
}

/// The header's capital lines above the number as (parent body, issuing body): the last body is
/// the issuing one (`UBND TỈNH THANH HÓA` / `ỦY BAN NHÂN DÂN XÃ NGỌC LIÊN`). A body's kind wrapped
/// onto a line of its own (`ỦY BAN NHÂN DÂN` / `PHƯỜNG A`) is joined to the line after it.
pub fn header_bodies(lines: &[String]) -> (String, String) {
    let mut bodies: Vec<String> = Vec::new();
    let mut pending: Option<String> = None;
    for line in lines {
        let line = crate::locale::text::collapse_whitespace(line);
        if line.is_empty() {
            continue;
        }
        let joined = match pending.take() {
            Some(kind) => format!("{kind} {line}"),
            None => line,
        };
        if is_body_kind_alone(&joined) {
            pending = Some(joined);
        } else {
            bodies.push(joined);
        }
    }
    bodies.extend(pending);
    match bodies.split_last() {
        Some((issuing, parents)) => (parents.join(" "), issuing.clone()),
        None => (String::new(), String::new()),
    }
}

/// Whether a header line names only a kind of body, not which one (`ỦY BAN NHÂN DÂN`, `UBND`).
fn is_body_kind_alone(line: &str) -> bool {
    let folded = fold_diacritics(line).to_uppercase();
    let words: Vec<&str> = folded.split_whitespace().collect();
    matches!(
        words.as_slice(),
        ["UY", "BAN", "NHAN", "DAN"] | ["UBND"] | ["HOI", "DONG", "NHAN", "DAN"] | ["HDND"]
    )
}

fn inline_list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| toml_string(i)).collect();
    format!("[{}]", quoted.join(", "))
}

fn table(header: &[String], rows: &[Vec<String>]) -> String {
    let cell = |c: &String| markdown_text(&plain(c)).replace('|', "\\|");
    let mut out = String::new();
    let width = header
        .len()
        .max(rows.iter().map(Vec::len).max().unwrap_or(0));
    let pad = |cells: &[String]| {
        let mut v: Vec<String> = cells.iter().map(cell).collect();
        v.resize(width, String::new());
        v
    };
    let _ = writeln!(out, "| {} |", pad(header).join(" | "));
    let _ = writeln!(out, "|{}|", vec!["---"; width].join("|"));
    for row in rows {
        let _ = writeln!(out, "| {} |", pad(row).join(" | "));
    }
    out
}

fn body(parsed: &Parsed) -> String {
    let mut chunks: Vec<String> = Vec::new();
    let mut previous_bullet = false;
    for block in &parsed.body {
        let chunk = match block {
            Block::Part { numeral, title, .. } => {
                format!("## {numeral}. {}", markdown_text(&plain(title)))
            }
            Block::Item { number, title, .. } => {
                let hashes = if number.contains('.') { "####" } else { "###" };
                let title = plain(title);
                let title = title.trim_end_matches('.');
                if number.is_empty() {
                    format!("### {}", markdown_text(title))
                } else {
                    format!("{hashes} {number}. {}", markdown_text(title))
                }
            }
            Block::NumberedParagraph { number, text, .. } => {
                format!("{number}. {}", markdown_text(text))
            }
            Block::Bullet { level: 0, text, .. } => format!("- {}", markdown_text(text)),
            Block::Bullet { text, .. } => {
                if previous_bullet {
                    format!("  + {}", markdown_text(text))
                } else {
                    format!("+ {}", markdown_text(text))
                }
            }
            Block::Paragraph { text, .. } => markdown_text(text),
            Block::Table { header, rows, .. } => table(header, rows).trim_end().to_owned(),
        };
        previous_bullet = matches!(block, Block::Bullet { .. });
        chunks.push(chunk);
    }
    if !parsed.unplaced.is_empty() {
        let heading = messages::text("import_unplaced_heading", &[]).vi;
        chunks.push(format!("## {heading}"));
        for (_, text) in &parsed.unplaced {
            chunks.push(markdown_text(text));
        }
    }
    let mut out = String::from("\n");
    out.push_str(&chunks.join("\n\n"));
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_text_escapes_what_would_become_markup() {
        assert_eq!(markdown_text("2026. Năm bản lề"), "2026\\. Năm bản lề");
        assert_eq!(markdown_text("# 5 hộ"), "\\# 5 hộ");
        assert_eq!(markdown_text("a <b> c"), "a \\<b> c");
        assert_eq!(markdown_text("(*đăng tải*)"), "(*đăng tải*)");
        assert_eq!(markdown_text("5 * 3"), "5 \\* 3");
        assert_eq!(markdown_text("mã_số"), "mã\\_số");
    }

    #[test]
    fn header_lines_give_the_parent_and_the_issuing_body() {
        let lines = |l: &[&str]| l.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            header_bodies(&lines(&[
                "UBND TỈNH THANH HÓA",
                "ỦY BAN NHÂN DÂN XÃ NGỌC LIÊN"
            ])),
            (
                "UBND TỈNH THANH HÓA".to_owned(),
                "ỦY BAN NHÂN DÂN XÃ NGỌC LIÊN".to_owned()
            )
        );
        assert_eq!(
            header_bodies(&lines(&["ỦY BAN NHÂN DÂN", "PHƯỜNG A"])),
            (String::new(), "ỦY BAN NHÂN DÂN PHƯỜNG A".to_owned())
        );
        assert_eq!(
            header_bodies(&lines(&[
                "UBND THÀNH PHỐ HẢI PHÒNG",
                "ỦY BAN NHÂN DÂN",
                "PHƯỜNG  LƯU KIẾM"
            ])),
            (
                "UBND THÀNH PHỐ HẢI PHÒNG".to_owned(),
                "ỦY BAN NHÂN DÂN PHƯỜNG LƯU KIẾM".to_owned()
            )
        );
        assert_eq!(
            header_bodies(&lines(&["ỦY BAN NHÂN DÂN"])),
            (String::new(), "ỦY BAN NHÂN DÂN".to_owned())
        );
        assert_eq!(header_bodies(&[]), (String::new(), String::new()));
    }

    #[test]
    fn toml_strings_are_quoted() {
        assert_eq!(toml_string("a \"b\" \\ c"), "\"a \\\"b\\\" \\\\ c\"");
        assert_eq!(toml_string("x\ny"), "\"x\\ny\"");
    }
}
