//! Numbers in Vietnamese words, as an announcer or a text-to-speech engine says them
//! (`../shared/domain.md` §7): `mốt`, `lăm` and `tư` after `mươi`, `linh` for a zero ten before a
//! unit, `không trăm` for a zero hundred inside a larger number, `nghìn`, `triệu`, `tỷ`.

const DIGITS: [&str; 10] = [
    "không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín",
];

/// One digit in words (`0` is `không`); `None` for anything that is not an ASCII digit.
pub fn digit(c: char) -> Option<&'static str> {
    c.to_digit(10).map(|d| DIGITS[d as usize])
}

/// Digits said one by one (`0225` -> `không hai hai năm`); other characters are left out.
pub fn digit_by_digit(text: &str) -> String {
    text.chars().filter_map(digit).collect::<Vec<_>>().join(" ")
}

/// Tens and units of a group (`tens` 0..=9, `units` 0..=9), `after_hundred` when a hundred (said
/// or `không trăm`) comes before: `linh` then marks a zero ten.
fn tens_units(tens: u64, units: u64, after_hundred: bool, out: &mut Vec<&'static str>) {
    match tens {
        0 => {
            if units > 0 {
                if after_hundred {
                    out.push("linh");
                }
                out.push(DIGITS[units as usize]);
            }
        }
        1 => {
            out.push("mười");
            match units {
                0 => {}
                5 => out.push("lăm"),
                u => out.push(DIGITS[u as usize]),
            }
        }
        t => {
            out.push(DIGITS[t as usize]);
            out.push("mươi");
            match units {
                0 => {}
                1 => out.push("mốt"),
                4 => out.push("tư"),
                5 => out.push("lăm"),
                u => out.push(DIGITS[u as usize]),
            }
        }
    }
}

/// A group of three digits (0..=999). `inner`: a higher group was said, so a zero hundred is
/// said too (`không trăm linh năm`).
fn group(value: u64, inner: bool, out: &mut Vec<&'static str>) {
    let (hundreds, tens, units) = (value / 100, value / 10 % 10, value % 10);
    let said_hundred = hundreds > 0 || inner;
    if said_hundred {
        out.push(DIGITS[hundreds as usize]);
        out.push("trăm");
    }
    tens_units(tens, units, said_hundred, out);
}

/// Below one billion, appending to `out`; `inner` as for [`group`].
fn below_billion(value: u64, inner: bool, out: &mut Vec<&'static str>) {
    let groups = [
        (value / 1_000_000, "triệu"),
        (value / 1_000 % 1_000, "nghìn"),
    ];
    let mut said = inner;
    for (g, name) in groups {
        if g > 0 {
            group(g, said, out);
            out.push(name);
            said = true;
        }
    }
    let rest = value % 1_000;
    if rest > 0 {
        group(rest, said, out);
    }
}

fn push_words(value: u64, inner: bool, out: &mut Vec<&'static str>) {
    const BILLION: u64 = 1_000_000_000;
    if value >= BILLION {
        // 10^12 is `nghìn tỷ`: the part above a billion is read as a number of its own.
        push_words(value / BILLION, inner, out);
        out.push("tỷ");
        let rest = value % BILLION;
        if rest > 0 {
            below_billion(rest, true, out);
        }
    } else {
        below_billion(value, inner, out);
    }
}

/// A whole number in words: 0 `không`, 15 `mười lăm`, 21 `hai mươi mốt`, 105 `một trăm linh năm`,
/// 2026 `hai nghìn không trăm hai mươi sáu`, 1.500.000 `một triệu năm trăm nghìn`.
pub fn number(value: u64) -> String {
    if value == 0 {
        return DIGITS[0].to_owned();
    }
    let mut out = Vec::new();
    push_words(value, false, &mut out);
    out.join(" ")
}

/// The digits written after a decimal comma: leading zeros one by one, the rest as a number
/// (`5` -> `năm`, `05` -> `không năm`, `25` -> `hai mươi lăm`).
pub fn fraction(digits: &str) -> String {
    let zeros = digits.len() - digits.trim_start_matches('0').len();
    let mut words: Vec<String> = std::iter::repeat_n(DIGITS[0].to_owned(), zeros).collect();
    let rest = &digits[zeros..];
    if !rest.is_empty() {
        words.push(written_number(rest));
    }
    words.join(" ")
}

/// A written whole number (ASCII digits, thousands dots allowed) in words. A leading zero or more
/// digits than a number is said with (18) reads digit by digit.
pub fn written_number(written: &str) -> String {
    let digits: String = written.chars().filter(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return String::new();
    }
    if (digits.len() > 1 && digits.starts_with('0')) || digits.len() > 18 {
        return digit_by_digit(&digits);
    }
    digits
        .parse::<u64>()
        .map_or_else(|_| digit_by_digit(&digits), number)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_said() {
        let cases: &[(u64, &str)] = &[
            (0, "không"),
            (1, "một"),
            (4, "bốn"),
            (5, "năm"),
            (10, "mười"),
            (11, "mười một"),
            (14, "mười bốn"),
            (15, "mười lăm"),
            (20, "hai mươi"),
            (21, "hai mươi mốt"),
            (24, "hai mươi tư"),
            (25, "hai mươi lăm"),
            (31, "ba mươi mốt"),
            (55, "năm mươi lăm"),
            (99, "chín mươi chín"),
            (100, "một trăm"),
            (101, "một trăm linh một"),
            (104, "một trăm linh bốn"),
            (105, "một trăm linh năm"),
            (110, "một trăm mười"),
            (111, "một trăm mười một"),
            (115, "một trăm mười lăm"),
            (121, "một trăm hai mươi mốt"),
            (300, "ba trăm"),
            (1000, "một nghìn"),
            (1001, "một nghìn không trăm linh một"),
            (1005, "một nghìn không trăm linh năm"),
            (1010, "một nghìn không trăm mười"),
            (1015, "một nghìn không trăm mười lăm"),
            (1100, "một nghìn một trăm"),
            (2005, "hai nghìn không trăm linh năm"),
            (2016, "hai nghìn không trăm mười sáu"),
            (2026, "hai nghìn không trăm hai mươi sáu"),
            (10_000, "mười nghìn"),
            (21_000, "hai mươi mốt nghìn"),
            (100_000, "một trăm nghìn"),
            (360_000, "ba trăm sáu mươi nghìn"),
            (1_000_000, "một triệu"),
            (1_000_005, "một triệu không trăm linh năm"),
            (1_005_000, "một triệu không trăm linh năm nghìn"),
            (1_500_000, "một triệu năm trăm nghìn"),
            (
                1_234_567,
                "một triệu hai trăm ba mươi tư nghìn năm trăm sáu mươi bảy",
            ),
            (25_000_000, "hai mươi lăm triệu"),
            (1_000_000_000, "một tỷ"),
            (2_500_000_000, "hai tỷ năm trăm triệu"),
            (1_000_000_001, "một tỷ không trăm linh một"),
            (1_000_000_000_000, "một nghìn tỷ"),
        ];
        for (value, words) in cases {
            assert_eq!(number(*value), *words, "{value}");
        }
        assert_eq!(
            number(18_446_744_073_000_000_015),
            "mười tám tỷ bốn trăm bốn mươi sáu triệu bảy trăm bốn mươi tư nghìn không trăm bảy mươi ba tỷ không trăm mười lăm"
        );
        assert!(number(u64::MAX).ends_with("sáu trăm mười lăm"));
    }

    #[test]
    fn written_numbers_fractions_and_digits() {
        assert_eq!(written_number("1.234.567"), number(1_234_567));
        assert_eq!(written_number("1.000.000"), "một triệu");
        assert_eq!(written_number("2026"), number(2026));
        assert_eq!(written_number("05"), "không năm");
        assert_eq!(written_number("0"), "không");
        assert_eq!(written_number(""), "");
        assert_eq!(
            written_number("1234567890123456789012"),
            digit_by_digit("1234567890123456789012")
        );
        assert_eq!(fraction("5"), "năm");
        assert_eq!(fraction("05"), "không năm");
        assert_eq!(fraction("25"), "hai mươi lăm");
        assert_eq!(digit_by_digit("0225"), "không hai hai năm");
        assert_eq!(digit_by_digit("3873"), "ba tám bảy ba");
        assert_eq!(digit('x'), None);
    }
}
