//! Figures as an announcer says them (`../shared/domain.md` §7), still in digits: dates
//! `25/3/2026` -> `ngày 25 tháng 3 năm 2026`, `6/2026` -> `tháng 6 năm 2026`, ranges `70-79` ->
//! `từ 70 đến 79`, `96,5%` -> `96 phẩy 5 phần trăm`, `500.000đ` -> `500.000 đồng`, times `7h30`
//! -> `7 giờ 30`, and phone numbers digit by digit in their groups, in words (`0225 3873 210` ->
//! `không hai hai năm, ba tám bảy ba, hai một không`).

use super::phone::{international, phone, say_phone};
use crate::locale::phone::{char_at, digits_end};

/// A figure found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Item<'a> {
    /// Day, month and optional year (`25/3/2026`, `25/3`).
    Date(&'a str, &'a str, Option<&'a str>),
    /// Month and year (`6/2026`).
    MonthYear(&'a str, &'a str),
    /// Two numbers with a slash that are no date (`45/100`).
    Ratio(&'a str, &'a str),
    /// A number: whole part as written (thousands dots kept), decimals, percent.
    Number {
        whole: &'a str,
        decimals: Option<&'a str>,
        percent: bool,
    },
}

fn value(digits: &str) -> u32 {
    digits.parse().unwrap_or(u32::MAX)
}

/// The number without its leading zeros (`04` -> `4`).
fn unpadded(digits: &str) -> &str {
    let trimmed = digits.trim_start_matches('0');
    if trimmed.is_empty() { "0" } else { trimmed }
}

/// The item starting at `at` (an ASCII digit) and where it ends.
fn item(text: &str, at: usize) -> (Item<'_>, usize) {
    let first_end = digits_end(text, at);
    let first = &text[at..first_end];
    if char_at(text, first_end) == Some('/')
        && char_at(text, first_end + 1).is_some_and(|c| c.is_ascii_digit())
    {
        let second_end = digits_end(text, first_end + 1);
        let second = &text[first_end + 1..second_end];
        let is_day_month = (1..=31).contains(&value(first)) && (1..=12).contains(&value(second));
        if char_at(text, second_end) == Some('/')
            && char_at(text, second_end + 1).is_some_and(|c| c.is_ascii_digit())
        {
            let third_end = digits_end(text, second_end + 1);
            let third = &text[second_end + 1..third_end];
            if is_day_month && third.len() == 4 {
                return (Item::Date(first, second, Some(third)), third_end);
            }
        }
        if second.len() == 4 && (1..=12).contains(&value(first)) {
            return (Item::MonthYear(first, second), second_end);
        }
        if is_day_month && first.len() <= 2 && second.len() <= 2 {
            return (Item::Date(first, second, None), second_end);
        }
        return (Item::Ratio(first, second), second_end);
    }
    // A date written with hyphens or dots: `25-3-2026`, `25.3.2026`.
    for mark in ['-', '.'] {
        if char_at(text, first_end) == Some(mark)
            && char_at(text, first_end + 1).is_some_and(|c| c.is_ascii_digit())
        {
            let second_end = digits_end(text, first_end + 1);
            let second = &text[first_end + 1..second_end];
            if char_at(text, second_end) == Some(mark)
                && first.len() <= 2
                && second.len() <= 2
                && (1..=31).contains(&value(first))
                && (1..=12).contains(&value(second))
            {
                let third_end = digits_end(text, second_end + 1);
                if third_end - (second_end + 1) == 4 {
                    let third = &text[second_end + 1..third_end];
                    return (Item::Date(first, second, Some(third)), third_end);
                }
            }
        }
    }
    // Thousands groups: `.ddd` not followed by a further digit.
    let mut end = first_end;
    while char_at(text, end) == Some('.') {
        let group_end = digits_end(text, end + 1);
        if group_end - (end + 1) == 3 {
            end = group_end;
        } else {
            break;
        }
    }
    let whole = &text[at..end];
    let mut decimals = None;
    if char_at(text, end) == Some(',') && char_at(text, end + 1).is_some_and(|c| c.is_ascii_digit())
    {
        let decimals_end = digits_end(text, end + 1);
        decimals = Some(&text[end + 1..decimals_end]);
        end = decimals_end;
    }
    let mut percent = false;
    for gap in ["%", " %", "\u{a0}%"] {
        if text[end..].starts_with(gap) {
            percent = true;
            end += gap.len();
            break;
        }
    }
    (
        Item::Number {
            whole,
            decimals,
            percent,
        },
        end,
    )
}

/// The last word of what was said so far, in lower case.
fn last_word(out: &str) -> String {
    out.split_whitespace()
        .next_back()
        .unwrap_or("")
        .to_lowercase()
}

/// An item as said; `before` is the word before it (`ngày 25/3/2026` does not say `ngày` twice).
fn say(item: &Item, before: &str) -> String {
    match item {
        Item::Date(day, month, year) => {
            let mut out = String::new();
            if year.is_some() && before != "ngày" {
                out.push_str("ngày ");
            }
            out.push_str(unpadded(day));
            out.push_str(" tháng ");
            out.push_str(unpadded(month));
            if let Some(year) = year {
                out.push_str(" năm ");
                out.push_str(year);
            }
            out
        }
        Item::MonthYear(month, year) => {
            let lead = if before == "tháng" { "" } else { "tháng " };
            format!("{lead}{} năm {year}", unpadded(month))
        }
        Item::Ratio(a, b) => format!("{a} trên {b}"),
        Item::Number {
            whole,
            decimals,
            percent,
        } => {
            let mut out = if whole.len() == 2 && matches!(before, "ngày" | "tháng" | "mùng") {
                unpadded(whole).to_owned()
            } else {
                (*whole).to_owned()
            };
            if let Some(decimals) = decimals {
                out.push_str(" phẩy ");
                out.push_str(decimals);
            }
            if *percent {
                out.push_str(" phần trăm");
            }
            out
        }
    }
}

/// A time of day at `at`: `7h30`, `7h`, `14g00`, `7:30`. Returns hour, minutes, end.
fn time(text: &str, at: usize) -> Option<(&str, Option<&str>, usize)> {
    let hour_end = digits_end(text, at);
    let hour = &text[at..hour_end];
    if hour.len() > 2 || value(hour) > 24 {
        return None;
    }
    let mark = char_at(text, hour_end)?;
    if !matches!(mark, 'h' | 'g' | ':') {
        return None;
    }
    let minutes_end = digits_end(text, hour_end + 1);
    let minutes = &text[hour_end + 1..minutes_end];
    let valid_minutes = minutes.len() == 2 && value(minutes) < 60;
    let after = char_at(text, minutes_end);
    if after.is_some_and(|c| c.is_alphanumeric()) {
        return None;
    }
    match (mark, valid_minutes, minutes.is_empty()) {
        (':' | 'h' | 'g', true, _) => Some((hour, Some(minutes), minutes_end)),
        // `14h`; a bare `5g` is grams, not a time.
        ('h', false, true) => Some((hour, None, minutes_end)),
        _ => None,
    }
}

/// Whether `c` is a dash that joins the two ends of a range.
fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '\u{2010}' | '\u{2011}')
}

/// The second end of a range after an item ending at `end`: the dash (spaces around it allowed)
/// and a further item that is not followed by a letter.
fn range_end(text: &str, end: usize) -> Option<(Item<'_>, usize)> {
    let rest = &text[end..];
    let trimmed = rest.trim_start_matches([' ', '\u{a0}']);
    let dash = trimmed.chars().next().filter(|&c| is_dash(c))?;
    let after_dash = &trimmed[dash.len_utf8()..];
    let second = after_dash.trim_start_matches([' ', '\u{a0}']);
    if !second.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let at = text.len() - second.len();
    if phone(text, at).is_some() {
        return None;
    }
    let (item, item_end) = item(text, at);
    if char_at(text, item_end).is_some_and(char::is_alphanumeric) {
        return None;
    }
    Some((item, item_end))
}

/// A range as said: `từ 70 đến 79`, `từ ngày 1 đến ngày 7 tháng 10 năm 2026`.
fn say_range(first: &Item, second: &Item, out: &mut String) {
    let before = last_word(out);
    let mut lead_day = false;
    if before == "ngày" && matches!(first, Item::Date(..) | Item::Number { .. }) {
        // `ngày 5-6/6/2026`: the range says `từ ngày`.
        let cut = out.trim_end().len() - "ngày".len();
        out.truncate(cut);
        lead_day = true;
    }
    if last_word(out) != "từ" {
        out.push_str("từ ");
    }
    match (first, second) {
        (
            Item::Number {
                whole,
                decimals: None,
                percent: false,
            },
            Item::Date(_, _, year),
        ) if value(whole) <= 31 => {
            let year_said = year.is_some() || lead_day;
            if year_said {
                out.push_str("ngày ");
            }
            out.push_str(unpadded(whole));
            out.push_str(" đến ");
            out.push_str(&say(second, if year_said { "" } else { "ngày" }));
        }
        _ => {
            let first_said = say(first, if lead_day { "" } else { "từ" });
            let first_said = match first {
                Item::Date(_, _, None) if lead_day => format!("ngày {first_said}"),
                _ => first_said,
            };
            out.push_str(&first_said);
            out.push_str(" đến ");
            out.push_str(&say(second, "đến"));
        }
    }
}

/// Capital letters before the number that follows a slash (`digits` long). A quarter in Roman
/// numerals and a year (`Quý I/2026`) says `I năm 2026`; a symbol of several parts of letters
/// (`A/RES/66/281`, a United Nations resolution) is said from its numbers: `số 66 trên 281`.
fn drop_letter_prefix(out: &mut String, digits: usize) {
    let token_start = out
        .rfind(char::is_whitespace)
        .map_or(0, |i| i + out[i..].chars().next().map_or(1, char::len_utf8));
    let token = &out[token_start..];
    let letters_only = token
        .chars()
        .all(|c| c.is_uppercase() || matches!(c, '/' | '.'))
        && token.chars().any(char::is_uppercase);
    if !letters_only {
        return;
    }
    let parts = token.matches('/').count();
    let roman = token
        .trim_end_matches('/')
        .chars()
        .all(|c| matches!(c, 'I' | 'V' | 'X'));
    if parts == 1 && roman && digits == 4 {
        out.pop();
        out.push_str(" năm ");
    } else if parts >= 2 {
        out.truncate(token_start);
        if last_word(out) != "số" {
            out.push_str("số ");
        }
    }
}

/// The text with its figures as said (see the module documentation).
pub fn figures(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let mut at = 0;
    while let Some(c) = char_at(text, at) {
        if c == '('
            && let Some((groups, end)) = phone(text, at + 1)
            && text[at..end].contains(')')
        {
            // `(0225) 3873 210`
            out.push_str(&say_phone(&groups));
            at = end;
            continue;
        }
        if c == '+'
            && let Some((said, end)) = international(text, at)
        {
            out.push_str(&said);
            at = end;
            continue;
        }
        if c.is_ascii_digit() && text[..at].ends_with('/') {
            drop_letter_prefix(&mut out, digits_end(text, at) - at);
        }
        let after_word = out.chars().next_back().is_some_and(|p| {
            p.is_alphanumeric() || matches!(p, '/' | '.' | ',' | '_' | '@' | ':' | '+')
        });
        if !c.is_ascii_digit() || after_word {
            // Digits inside a word (`QH15`, `H5N1`) or an address stay as written.
            let end = if c.is_ascii_digit() {
                digits_end(text, at)
            } else {
                at + c.len_utf8()
            };
            out.push_str(&text[at..end]);
            at = end;
            continue;
        }
        if let Some((groups, end)) = phone(text, at) {
            out.push_str(&say_phone(&groups));
            at = end;
            continue;
        }
        if let Some((hour, minutes, end)) = time(text, at) {
            out.push_str(hour);
            out.push_str(" giờ");
            if let Some(minutes) = minutes {
                out.push(' ');
                out.push_str(minutes);
            }
            at = end;
            continue;
        }
        let (first, mut end) = item(text, at);
        if let Some((second, second_end)) = range_end(text, end) {
            say_range(&first, &second, &mut out);
            end = second_end;
        } else {
            out.push_str(&say(&first, &last_word(&out)));
        }
        // Money: `500.000đ`, `500.000 VNĐ`.
        let rest = &text[end..];
        for mark in ["đ", " VNĐ", " VND", "VNĐ", "VND"] {
            if rest.starts_with(mark)
                && !rest[mark.len()..].starts_with(char::is_alphanumeric)
                && matches!(first, Item::Number { percent: false, .. })
            {
                out.push_str(" đồng");
                end += mark.len();
                break;
            }
        }
        at = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_said() {
        let cases = [
            ("sáng 25/3/2026,", "sáng ngày 25 tháng 3 năm 2026,"),
            ("sáng ngày 25/3/2026,", "sáng ngày 25 tháng 3 năm 2026,"),
            ("ngày 15/9/2016 của", "ngày 15 tháng 9 năm 2016 của"),
            ("từ 01/07/2024.", "từ ngày 1 tháng 7 năm 2024."),
            ("Việt Nam 6/6", "Việt Nam 6 tháng 6"),
            (
                "hai ngày 5 và 6/6/2026",
                "hai ngày 5 và ngày 6 tháng 6 năm 2026",
            ),
            ("kỳ chi trả tháng 6/2026,", "kỳ chi trả tháng 6 năm 2026,"),
            ("từ 6/2026", "từ tháng 6 năm 2026"),
            (
                "Thứ Ba, ngày 17 tháng 02 năm 2026",
                "Thứ Ba, ngày 17 tháng 2 năm 2026",
            ),
            ("ngày 04 tháng 3", "ngày 4 tháng 3"),
            ("45/100 hộ", "45 trên 100 hộ"),
            ("ngày 25-3-2026", "ngày 25 tháng 3 năm 2026"),
            ("hạn 25.3.2026.", "hạn ngày 25 tháng 3 năm 2026."),
            ("trong Quý I/2026,", "trong Quý I năm 2026,"),
            ("Quý IV/2025", "Quý IV năm 2025"),
            ("mẫu B/12", "mẫu B/12"),
            (
                "Nghị quyết A/RES/66/281 của",
                "Nghị quyết số 66 trên 281 của",
            ),
        ];
        for (written, said) in cases {
            assert_eq!(figures(written), said, "{written}");
        }
    }

    #[test]
    fn ranges_as_said() {
        let cases = [
            ("người 70-79 tuổi", "người từ 70 đến 79 tuổi"),
            ("người 70 – 79 tuổi", "người từ 70 đến 79 tuổi"),
            ("từ 70-79 tuổi", "từ 70 đến 79 tuổi"),
            ("giai đoạn 2021-2025", "giai đoạn từ 2021 đến 2025"),
            ("ngày 5-6/6/2026", "từ ngày 5 đến ngày 6 tháng 6 năm 2026"),
            ("1-7/10 hằng năm", "từ 1 đến 7 tháng 10 hằng năm"),
            (
                "từ 25/3 - 2/4/2026",
                "từ 25 tháng 3 đến ngày 2 tháng 4 năm 2026",
            ),
            (
                "ngày 1/10/2026 – 31/10/2026",
                "từ ngày 1 tháng 10 năm 2026 đến ngày 31 tháng 10 năm 2026",
            ),
            ("Phòng Văn hóa - Xã hội", "Phòng Văn hóa - Xã hội"),
            ("tổ 5 - Khu A", "tổ 5 - Khu A"),
        ];
        for (written, said) in cases {
            assert_eq!(figures(written), said, "{written}");
        }
    }

    #[test]
    fn numbers_percentages_money_and_times() {
        let cases = [
            ("đạt 96,5%.", "đạt 96 phẩy 5 phần trăm."),
            ("đạt 100%", "đạt 100 phần trăm"),
            ("tăng 12 %", "tăng 12 phần trăm"),
            ("1.500.000 đồng", "1.500.000 đồng"),
            ("500.000đ một tháng", "500.000 đồng một tháng"),
            ("2.000.000 VNĐ.", "2.000.000 đồng."),
            ("1,5 triệu", "1 phẩy 5 triệu"),
            ("70, 75, 80 tuổi", "70, 75, 80 tuổi"),
            ("năm 2025.", "năm 2025."),
            ("lúc 7h30 sáng", "lúc 7 giờ 30 sáng"),
            ("lúc 14h, ", "lúc 14 giờ, "),
            ("từ 7:30 đến 11:00", "từ 7 giờ 30 đến 11 giờ 00"),
            ("QH15 và H5N1", "QH15 và H5N1"),
            ("https://x.vn/a/25/3/2026", "https://x.vn/a/25/3/2026"),
        ];
        for (written, said) in cases {
            assert_eq!(figures(written), said, "{written}");
        }
    }
}
