//! The text-to-speech form: the spoken text with every number written in words
//! (`ngày 25 tháng 3 năm 2026` -> `ngày hai mươi lăm tháng ba năm hai nghìn không trăm hai mươi
//! sáu`), so that an engine reads it as an announcer would. April is `tháng tư`.

use crate::locale::words;

/// The whole number starting at `at` (thousands dots allowed) and where it ends.
fn number_end(text: &str, at: usize) -> usize {
    let digits_end = |from: usize| {
        text[from..]
            .find(|c: char| !c.is_ascii_digit())
            .map_or(text.len(), |n| from + n)
    };
    let mut end = digits_end(at);
    while text[end..].starts_with('.') {
        let group_end = digits_end(end + 1);
        if group_end - (end + 1) == 3 {
            end = group_end;
        } else {
            break;
        }
    }
    end
}

/// `spoken` with every number in words. Digits inside a word (`H5N1`) stay as written.
pub fn in_words(spoken: &str) -> String {
    let mut out = String::with_capacity(spoken.len() * 2);
    let mut at = 0;
    while let Some(c) = spoken[at..].chars().next() {
        let inside_word = spoken[..at]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        if !c.is_ascii_digit() || inside_word {
            out.push(c);
            at += c.len_utf8();
            continue;
        }
        let end = number_end(spoken, at);
        let written = &spoken[at..end];
        if spoken[end..].starts_with(char::is_alphabetic) {
            out.push_str(written);
            at = end;
            continue;
        }
        let before = out
            .split_whitespace()
            .next_back()
            .unwrap_or("")
            .to_lowercase();
        let said = match before.as_str() {
            "phẩy" => words::fraction(written),
            "tháng" if written == "4" => "tư".to_owned(),
            _ => words::written_number(written),
        };
        out.push_str(&said);
        at = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_number_in_words() {
        let cases = [
            (
                "ngày 25 tháng 3 năm 2026",
                "ngày hai mươi lăm tháng ba năm hai nghìn không trăm hai mươi sáu",
            ),
            ("ngày 1 tháng 4", "ngày một tháng tư"),
            ("96 phẩy 5 phần trăm", "chín mươi sáu phẩy năm phần trăm"),
            ("0 phẩy 05", "không phẩy không năm"),
            ("1.500.000 đồng", "một triệu năm trăm nghìn đồng"),
            ("từ 70 đến 79 tuổi", "từ bảy mươi đến bảy mươi chín tuổi"),
            (
                "Nghị định số 110 năm 2024",
                "Nghị định số một trăm mười năm hai nghìn không trăm hai mươi tư",
            ),
            ("7 giờ 30.", "bảy giờ ba mươi."),
            (
                "tổ 5, tổ 15, tổ 21.",
                "tổ năm, tổ mười lăm, tổ hai mươi mốt.",
            ),
            ("vaccine H5N1", "vaccine H5N1"),
            ("10km", "10km"),
        ];
        for (spoken, said) in cases {
            assert_eq!(in_words(spoken), said, "{spoken}");
        }
    }
}
