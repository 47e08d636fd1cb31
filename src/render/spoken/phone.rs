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

/// A phone number starting at `at`: groups of digits joined by one space, dot or hyphen, 10 or
/// 11 digits from a leading `0` (`0225 3873 210`, `0912.345.678`) or 8 or 10 from `1800`/`1900`.
/// Returns the groups (a single group is split 4-3-3, 4-4-3 or 4-4) and where it ends.
pub(super) fn phone(text: &str, at: usize) -> Option<(Vec<&str>, usize)> {
    let mut groups = Vec::new();
    let mut total = 0;
    let mut end = at;
    loop {
        let group_end = digits_end(text, end);
        let len = group_end - end;
        if total + len > 11 {
            break;
        }
        groups.push(&text[end..group_end]);
        total += len;
        end = group_end;
        // Between groups: a space, dot or hyphen, or `) ` after an area code in brackets.
        let separator = match char_at(text, end) {
            Some(c @ (' ' | '.' | '-' | '\u{a0}')) => c.len_utf8(),
            Some(')') if groups.len() == 1 && text[end + 1..].starts_with(' ') => 2,
            _ => 0,
        };
        let next = end + separator;
        if separator > 0
            && char_at(text, next).is_some_and(|c| c.is_ascii_digit())
            && total + (digits_end(text, next) - next) <= 11
        {
            end = next;
        } else {
            break;
        }
    }
    if char_at(text, end).is_some_and(char::is_alphanumeric) {
        return None;
    }
    let first = *groups.first()?;
    let fits = if first.starts_with('0') {
        first.len() >= 3 && (total == 10 || total == 11)
    } else {
        (first.starts_with("1800") || first.starts_with("1900")) && (total == 8 || total == 10)
    };
    if !fits {
        return None;
    }
    if groups.len() == 1 {
        let cuts: &[usize] = match total {
            8 => &[4],
            10 => &[4, 7],
            _ => &[4, 8],
        };
        let mut split = Vec::new();
        let mut from = 0;
        for &cut in cuts {
            split.push(&first[from..cut]);
            from = cut;
        }
        split.push(&first[from..]);
        groups = split;
    }
    Some((groups, end))
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
            ("có 0225 người", "có 0225 người"),
        ];
        for (written, said) in cases {
            assert_eq!(figures(written), said, "{written}");
        }
    }
}
