//! Phone numbers as said: digit by digit, group by group, in words (`0225 3873 210` -> `không
//! hai hai năm, ba tám bảy ba, hai một không`), as `../shared/domain.md` §7 asks.

use crate::locale::words;

fn digits_end(text: &str, from: usize) -> usize {
    text[from..]
        .find(|c: char| !c.is_ascii_digit())
        .map_or(text.len(), |n| from + n)
}

fn char_at(text: &str, at: usize) -> Option<char> {
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
pub(super) fn phone(text: &str, at: usize) -> Option<(Vec<&str>, usize)> {
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

/// A phone number with the country code at `at` (the `+`): `+84 912 345 678`, `+84 225 3873 210`,
/// `+84912345678`. Returns it as said (`cộng tám bốn, chín một hai, ...`) and where it ends.
pub(super) fn international(text: &str, at: usize) -> Option<(String, usize)> {
    if !text.get(at + 1..)?.starts_with("84") {
        return None;
    }
    let (groups, total, end) = groups(text, at + 1, 12)?;
    if !(total == 11 || total == 12) {
        return None;
    }
    let groups = if groups.len() > 1 {
        groups
    } else {
        let cuts: &[usize] = if total == 11 { &[2, 5, 8] } else { &[2, 5, 9] };
        cut(groups[0], cuts)
    };
    Some((format!("cộng {}", say_phone(&groups)), end))
}

/// A phone number said digit by digit in its groups: `không hai hai năm, ba tám bảy ba, ...`.
pub fn say_phone(groups: &[&str]) -> String {
    groups
        .iter()
        .map(|g| words::digit_by_digit(g))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::super::figures::figures;

    #[test]
    fn phone_numbers_in_spoken_groups() {
        let cases = [
            (
                "điện thoại 0225 3873 210.",
                "điện thoại không hai hai năm, ba tám bảy ba, hai một không.",
            ),
            (
                "gọi 0912.345.678 hoặc",
                "gọi không chín một hai, ba bốn năm, sáu bảy tám hoặc",
            ),
            (
                "số 0912345678,",
                "số không chín một hai, ba bốn năm, sáu bảy tám,",
            ),
            (
                "số 02253873210",
                "số không hai hai năm, ba tám bảy ba, hai một không",
            ),
            ("gọi 1800 1567", "gọi một tám không không, một năm sáu bảy"),
            (
                "số (0225) 3873 210.",
                "số không hai hai năm, ba tám bảy ba, hai một không.",
            ),
            (
                "số (0912 345 678)",
                "số (không chín một hai, ba bốn năm, sáu bảy tám)",
            ),
            ("(2026)", "(2026)"),
            (
                "gọi +84 912 345 678.",
                "gọi cộng tám bốn, chín một hai, ba bốn năm, sáu bảy tám.",
            ),
            (
                "gọi +84912345678",
                "gọi cộng tám bốn, chín một hai, ba bốn năm, sáu bảy tám",
            ),
            (
                "gọi +84 225 3873 210",
                "gọi cộng tám bốn, hai hai năm, ba tám bảy ba, hai một không",
            ),
            ("+84 12", "+84 12"),
            ("có 0225 người", "có 0225 người"),
        ];
        for (written, said) in cases {
            assert_eq!(figures(written), said, "{written}");
        }
    }
}
