//! Text normalisation applied at load.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::is_nfc_quick;

/// NFC-normalises text (Word may export decomposed "tổ hợp" text), strips a byte-order mark and
/// turns Windows line endings into `\n`.
pub fn normalize(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_owned()
    };
    match is_nfc_quick(text.chars()) {
        unicode_normalization::IsNormalized::Yes => text,
        _ => text.nfc().collect(),
    }
}

/// Collapses every run of whitespace (including line breaks) into one space and trims the ends.
pub fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfd_becomes_nfc() {
        let nfd: String = "Người cao tuổi".nfd().collect();
        assert_eq!(normalize(&nfd), "Người cao tuổi");
    }

    #[test]
    fn bom_and_crlf_are_removed() {
        assert_eq!(normalize("\u{feff}a\r\nb\rc"), "a\nb\nc");
    }
}
