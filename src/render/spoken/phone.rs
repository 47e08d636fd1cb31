//! Phone numbers as said: digit by digit, group by group, in words (`0225 3873 210` -> `không
//! hai hai năm, ba tám bảy ba, hai một không`), as `../shared/domain.md` §7 asks.

use crate::locale::words;

pub(super) use crate::locale::phone::phone_at as phone;

/// A phone number with the country code at `at` (the `+`), as said (`cộng tám bốn, chín một
/// hai, ...`), and where it ends.
pub(super) fn international(text: &str, at: usize) -> Option<(String, usize)> {
    crate::locale::phone::international_at(text, at)
        .map(|(groups, end)| (format!("cộng {}", say_phone(&groups)), end))
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
