//! The tail: `Nơi nhận` and its list, the signature block (authority, title, name).

use std::sync::LazyLock;

use regex::Regex;

use super::{
    BULLET, Line, Parsed, capitalise_first, is_uppercase_line, looks_like_name, strip_bullet,
};

static AUTHORITY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:TM|KT|Q|TL|TUQ)\s*\.\s*\S").expect("valid regex"));
static NOI_NHAN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^nơi\s+nhận\s*(?::\s*(.*))?$").expect("valid regex"));

/// Where the tail starts (the end of `all` when there is none).
pub(super) fn start(all: &[Line], plains: &[String], body_start: usize) -> usize {
    let noi_nhan = (body_start..all.len())
        .rev()
        .find(|&i| NOI_NHAN.is_match(&plains[i]));
    let first_authority = (body_start..all.len()).find(|&i| AUTHORITY.is_match(&plains[i]));
    match (noi_nhan, first_authority) {
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
    }
}

pub(super) fn read(parsed: &mut Parsed, lines: &[Line], plains: &[String]) {
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

/// `NGUYỄN VĂN AN` -> `Nguyễn Văn An` (for recognising a name written in capitals).
fn title_case(text: &str) -> String {
    text.split_whitespace()
        .map(|w| capitalise_first(&w.to_lowercase()))
        .collect::<Vec<_>>()
        .join(" ")
}
