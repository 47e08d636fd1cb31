//! Phone numbers found in text: where they are and their digits, for `tel:` links on the web
//! pages and for the loudspeaker, which says them digit by digit in their groups.

/// Where the run of ASCII digits starting at `from` ends.
pub fn digits_end(text: &str, from: usize) -> usize {
    text[from..]
        .find(|c: char| !c.is_ascii_digit())
        .map_or(text.len(), |n| from + n)
}

/// The character at byte `at`, if any.
pub fn char_at(text: &str, at: usize) -> Option<char> {
    text.get(at..).and_then(|s| s.chars().next())
}

/// Groups of digits from `at` joined by one space, dot or hyphen (or `) ` after a first group in
/// brackets), at most `limit` digits in all. Returns the groups, their digits and where they end;
/// `None` when a letter or digit follows at once.
fn groups(text: &str, at: usize, limit: usize) -> Option<(Vec<&str>, usize, usize)> {
    let mut groups = Vec::new();
    let mut total = 0;
    let mut end = at;
    loop {
        let group_end = digits_end(text, end);
        let len = group_end - end;
        if total + len > limit {
            break;
        }
        groups.push(&text[end..group_end]);
        total += len;
        end = group_end;
        let separator = match char_at(text, end) {
            Some(c @ (' ' | '.' | '-' | '\u{a0}')) => c.len_utf8(),
            Some(')') if groups.len() == 1 && text[end + 1..].starts_with(' ') => 2,
            _ => 0,
        };
        let next = end + separator;
        if separator > 0
            && char_at(text, next).is_some_and(|c| c.is_ascii_digit())
            && total + (digits_end(text, next) - next) <= limit
        {
            end = next;
        } else {
            break;
        }
    }
    if groups.is_empty() || char_at(text, end).is_some_and(char::is_alphanumeric) {
        return None;
    }
    Some((groups, total, end))
}

/// One group of digits cut at `cuts`.
fn cut<'a>(group: &'a str, cuts: &[usize]) -> Vec<&'a str> {
    let mut split = Vec::new();
    let mut from = 0;
    for &cut in cuts {
        split.push(&group[from..cut]);
        from = cut;
    }
    split.push(&group[from..]);
    split
}

/// A phone number starting at `at`: 10 or 11 digits from a leading `0` (`0225 3873 210`,
/// `0912.345.678`, `(0225) 3873 210` from the digit) or 8 or 10 from `1800`/`1900`. Returns the
/// groups (a single group is cut 4-3-3, 4-4-3 or 4-4) and where it ends.
pub fn phone_at(text: &str, at: usize) -> Option<(Vec<&str>, usize)> {
    let (groups, total, end) = groups(text, at, 11)?;
    let first = groups[0];
    let fits = if first.starts_with('0') {
        first.len() >= 3 && (total == 10 || total == 11)
    } else {
        (first.starts_with("1800") || first.starts_with("1900")) && (total == 8 || total == 10)
    };
    if !fits {
        return None;
    }
    if groups.len() > 1 {
        return Some((groups, end));
    }
    let cuts: &[usize] = match total {
        8 => &[4],
        10 => &[4, 7],
        _ => &[4, 8],
    };
    Some((cut(first, cuts), end))
}

/// A phone number with the country code at `at` (the `+`): `+84 912 345 678`,
/// `+84 225 3873 210`, `+84912345678`. Returns its groups (the first is `84`) and where it ends.
pub fn international_at(text: &str, at: usize) -> Option<(Vec<&str>, usize)> {
    if !text.get(at + 1..)?.starts_with("84") {
        return None;
    }
    let (groups, total, end) = groups(text, at + 1, 12)?;
    if !(total == 11 || total == 12) {
        return None;
    }
    if groups.len() > 1 {
        return Some((groups, end));
    }
    let cuts: &[usize] = if total == 11 { &[2, 5, 8] } else { &[2, 5, 9] };
    Some((cut(groups[0], cuts), end))
}

/// A phone number found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneMatch {
    /// Byte range in the text (with the `(` of an area code in brackets, the `+` of `+84`).
    pub start: usize,
    /// End of the range.
    pub end: usize,
    /// The number for a `tel:` link: its digits, with `+` for a country code.
    pub tel: String,
}

/// Every phone number of `text` that starts a word (not inside a longer number or a word).
pub fn find_phones(text: &str) -> Vec<PhoneMatch> {
    let mut found = Vec::new();
    let mut at = 0;
    while at < text.len() {
        let Some(c) = char_at(text, at) else { break };
        let starts_word = text[..at]
            .chars()
            .next_back()
            .is_none_or(|p| !p.is_alphanumeric() && !matches!(p, '.' | ',' | '/' | '-' | '+'));
        let hit = if !starts_word {
            None
        } else if c == '+' {
            international_at(text, at)
                .map(|(groups, end)| (at, end, format!("+{}", groups.concat())))
        } else if c == '(' && char_at(text, at + 1) == Some('0') {
            phone_at(text, at + 1).map(|(groups, end)| (at, end, groups.concat()))
        } else if c.is_ascii_digit() {
            phone_at(text, at).map(|(groups, end)| (at, end, groups.concat()))
        } else {
            None
        };
        match hit {
            Some((start, end, tel)) => {
                found.push(PhoneMatch { start, end, tel });
                at = end;
            }
            None => at += c.len_utf8(),
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tels(text: &str) -> Vec<(&str, String)> {
        find_phones(text)
            .into_iter()
            .map(|m| (&text[m.start..m.end], m.tel))
            .collect()
    }

    #[test]
    fn phone_numbers_are_found_where_they_are_written() {
        assert_eq!(
            tels("Gọi 0225 3873 210 hoặc (0225) 3873 211, di động 0912.345.678."),
            [
                ("0225 3873 210", "02253873210".to_owned()),
                ("(0225) 3873 211", "02253873211".to_owned()),
                ("0912.345.678", "0912345678".to_owned()),
            ]
        );
        assert_eq!(
            tels("Đường dây nóng 1800 1567, quốc tế +84 912 345 678."),
            [
                ("1800 1567", "18001567".to_owned()),
                ("+84 912 345 678", "+84912345678".to_owned()),
            ]
        );
        // Amounts, dates, document numbers and codes are not phones.
        for text in [
            "1.500.000 đồng",
            "ngày 25/3/2026",
            "Nghị định số 110/2024/NĐ-CP",
            "mã 01234567891234",
            "năm 2026 có 1234567890a",
            "số 12.0225 3873 210",
        ] {
            assert!(tels(text).is_empty(), "{text}: {:?}", tels(text));
        }
    }
}
