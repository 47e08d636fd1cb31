//! Document numbers/symbols as they are said: `110/2024/NĐ-CP` -> `110 năm 2024 của Chính phủ`,
//! `1791/QĐ-TTg` -> `1791 của Thủ tướng Chính phủ`, `42-KH/ĐU` -> `42 của Đảng ủy`. The letters
//! are never read: the number, the year when the symbol has one, and the issuer by name (from
//! the legal registry, else from the issuer code at the symbol's end).

use crate::model::spoken::SpokenTable;

/// Codes of the document type that come first in the letters of a symbol (`NĐ` in `NĐ-CP`);
/// the issuer follows them.
const TYPE_CODES: &[&str] = &[
    "NĐ", "QĐ", "KH", "TT", "TTLT", "NQ", "NQLT", "CT", "TB", "HD", "HĐ", "BC", "TTr", "ĐA", "CTr",
    "CV", "KL", "QC", "PL", "VBHN",
];

/// What a symbol says: its number, its year, and the issuer codes found in its letters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SymbolParts {
    /// The number, without leading zeros (`05` -> `5`).
    pub number: String,
    /// The year, when the symbol has one (`110/2024/NĐ-CP`).
    pub year: Option<String>,
    /// Issuer codes, in order (`CP`; `BLĐTBXH`, `BTC` for a joint circular).
    pub issuers: Vec<String>,
}

fn is_year(part: &str) -> bool {
    part.len() == 4 && part.bytes().all(|b| b.is_ascii_digit())
}

fn without_leading_zeros(number: &str) -> String {
    let trimmed = number.trim_start_matches('0');
    if trimmed.is_empty() { "0" } else { trimmed }.to_owned()
}

/// Reads a symbol as written (`110/2024/NĐ-CP`, `42-KH/ĐU`, `1234/SYT-NVY&BTXH`, `57/KH- SYT`).
/// `None` when it does not start with a number.
pub fn parts(symbol: &str) -> Option<SymbolParts> {
    let symbol: String = symbol
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| {
            if matches!(c, '\u{2010}' | '\u{2011}') {
                '-'
            } else {
                c
            }
        })
        .collect();
    let mut pieces = symbol.split('/');
    let first = pieces.next()?;
    let rest: Vec<&str> = pieces.collect();
    let number_end = first
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(first.len());
    if number_end == 0 {
        return None;
    }
    let number = without_leading_zeros(&first[..number_end]);
    // Party style: `42-KH/ĐU`, `18-NQ/TW`: the issuer is after the slash.
    if number_end < first.len() {
        let issuers = rest
            .last()
            .map(|s| vec![s.trim_end_matches(|c: char| c.is_ascii_digit()).to_owned()])
            .unwrap_or_default();
        return Some(SymbolParts {
            number,
            year: None,
            issuers,
        });
    }
    let mut rest = rest.as_slice();
    let mut year = None;
    if let Some((first, after)) = rest.split_first()
        && is_year(first)
    {
        year = Some((*first).to_owned());
        rest = after;
    }
    let letters = rest.join("-");
    let codes: Vec<&str> = letters
        .split(['-', '&'])
        .filter(|s| !s.is_empty())
        .collect();
    let issuers: Vec<String> = match codes.split_first() {
        Some((kind, after)) if TYPE_CODES.contains(kind) && !after.is_empty() => after.to_vec(),
        // `QH15`: the code is the issuer (the digits are the term of office).
        Some((only, [])) => vec![*only],
        // A letter (`1234/SYT-NVY&BTXH`): the office first, then its unit.
        Some((office, _)) => vec![*office],
        None => Vec::new(),
    }
    .into_iter()
    .map(|c| c.trim_end_matches(|c: char| c.is_ascii_digit()).to_owned())
    .filter(|c| !c.is_empty())
    .collect();
    Some(SymbolParts {
        number,
        year,
        issuers,
    })
}

/// The issuer said for a symbol: `registered` (the registry's `co_quan`) when given, else the
/// names of its issuer codes that the table knows, joined by `và`.
pub fn issuer(
    parts: &SymbolParts,
    registered: Option<&str>,
    table: &SpokenTable,
) -> Option<String> {
    if let Some(name) = registered.map(str::trim).filter(|n| !n.is_empty()) {
        return Some(name.to_owned());
    }
    let names: Vec<&str> = parts
        .issuers
        .iter()
        .filter_map(|code| table.issuers.get(code).map(String::as_str))
        .collect();
    (!names.is_empty()).then(|| names.join(" và "))
}

/// The spoken form of a symbol's number: `110 năm 2024`, then ` của {issuer}` unless
/// `issuer` is `None`.
pub fn said(parts: &SymbolParts, issuer: Option<&str>) -> String {
    let mut out = parts.number.clone();
    if let Some(year) = &parts.year {
        out.push_str(" năm ");
        out.push_str(year);
    }
    if let Some(issuer) = issuer {
        out.push_str(" của ");
        out.push_str(issuer);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> SpokenTable {
        let mut diagnostics = crate::diagnostics::Diagnostics::new();
        crate::load::abbreviations::default_table(&mut diagnostics)
    }

    fn say(symbol: &str) -> String {
        let parts = parts(symbol).unwrap();
        said(&parts, issuer(&parts, None, &table()).as_deref())
    }

    #[test]
    fn symbols_are_said_as_number_year_and_issuer() {
        let cases = [
            ("110/2024/NĐ-CP", "110 năm 2024 của Chính phủ"),
            ("1791/QĐ-TTg", "1791 của Thủ tướng Chính phủ"),
            ("73/KH-SYT", "73 của Sở Y tế"),
            ("57/KH- SYT", "57 của Sở Y tế"),
            ("05/KH-UBND", "5 của Ủy ban nhân dân"),
            ("91/2025/QH15", "91 năm 2025 của Quốc hội"),
            ("42-KH/ĐU", "42 của Đảng ủy"),
            ("18-NQ/TW", "18 của Ban Chấp hành Trung ương"),
            ("1234/SYT-NVY&BTXH", "1234 của Sở Y tế"),
            (
                "06/2016/TTLT-BLĐTBXH-BTC",
                "6 năm 2016 của Bộ Lao động - Thương binh và Xã hội và Bộ Tài chính",
            ),
            ("145/2013", "145 năm 2013"),
            ("12/2026/NQ-XYZ", "12 năm 2026"),
            ("20\u{2011}KH/ĐU", "20 của Đảng ủy"),
        ];
        for (symbol, spoken) in cases {
            assert_eq!(say(symbol), spoken, "{symbol}");
        }
        assert_eq!(parts("KH/UBND"), None);
        let p = parts("73/KH-SYT").unwrap();
        assert_eq!(
            said(
                &p,
                issuer(&p, Some("Sở Y tế thành phố Hải Phòng"), &table()).as_deref()
            ),
            "73 của Sở Y tế thành phố Hải Phòng"
        );
    }
}
