//! Characters from symbol fonts: Word stores `≥` typed from Insert → Symbol as `<w:sym
//! w:font="Symbol" w:char="F0B3"/>` (a private-use code in the font's own encoding), and bullets
//! or ticks typed in Wingdings the same way. Mapped to the Unicode character they show.

/// The Unicode character shown by `code` in `font`, `None` when unknown.
pub fn symbol(font: &str, code: u32) -> Option<char> {
    // Codes are stored either as F0xx (private use) or as the plain byte.
    let byte = if (0xF000..=0xF0FF).contains(&code) {
        code - 0xF000
    } else if code <= 0xFF {
        code
    } else {
        return char::from_u32(code).filter(|c| !is_private(*c));
    };
    let font = font.to_ascii_lowercase();
    if font.starts_with("wingdings") {
        wingdings(byte)
    } else if font.starts_with("symbol") || font.is_empty() {
        adobe_symbol(byte)
    } else {
        // A text font: the byte is Latin-1.
        char::from_u32(byte).filter(|c| !c.is_control())
    }
}

/// Whether `c` is in the private-use area (a symbol font's code, shown as a box elsewhere).
pub fn is_private(c: char) -> bool {
    ('\u{E000}'..='\u{F8FF}').contains(&c)
}

fn adobe_symbol(byte: u32) -> Option<char> {
    Some(match byte {
        0x20 => ' ',
        0x22 => '∀',
        0x24 => '∃',
        0x27 => '∋',
        0x2A => '∗',
        0x2D => '−',
        0x40 => '≅',
        0x21
        | 0x23
        | 0x25
        | 0x26
        | 0x28
        | 0x29
        | 0x2B
        | 0x2C
        | 0x2E..=0x3F
        | 0x5B
        | 0x5D
        | 0x5F
        | 0x7B..=0x7D => char::from_u32(byte)?,
        0x41 => 'Α',
        0x42 => 'Β',
        0x43 => 'Χ',
        0x44 => 'Δ',
        0x46 => 'Φ',
        0x47 => 'Γ',
        0x4C => 'Λ',
        0x50 => 'Π',
        0x53 => 'Σ',
        0x57 => 'Ω',
        0x61 => 'α',
        0x62 => 'β',
        0x63 => 'χ',
        0x64 => 'δ',
        0x65 => 'ε',
        0x66 => 'φ',
        0x67 => 'γ',
        0x6C => 'λ',
        0x6D => 'μ',
        0x70 => 'π',
        0x72 => 'ρ',
        0x73 => 'σ',
        0x74 => 'τ',
        0x77 => 'ω',
        0x7E => '∼',
        0xA3 => '≤',
        0xA5 => '∞',
        0xA7 => '♣',
        0xA8 => '♦',
        0xA9 => '♥',
        0xAA => '♠',
        0xAB => '↔',
        0xAC => '←',
        0xAD => '↑',
        0xAE => '→',
        0xAF => '↓',
        0xB0 => '°',
        0xB1 => '±',
        0xB2 => '″',
        0xB3 => '≥',
        0xB4 => '×',
        0xB5 => '∝',
        0xB7 => '•',
        0xB8 => '÷',
        0xB9 => '≠',
        0xBA => '≡',
        0xBB => '≈',
        0xBC => '…',
        0xD6 => '√',
        0xD7 => '⋅',
        0xD8 => '¬',
        0xD9 => '∧',
        0xDA => '∨',
        0xDB => '⇔',
        0xDC => '⇐',
        0xDD => '⇑',
        0xDE => '⇒',
        0xDF => '⇓',
        0xE0 => '◊',
        0xE2 | 0xD2 => '®',
        0xE3 | 0xD3 => '©',
        0xE4 | 0xD4 => '™',
        _ => return None,
    })
}

fn wingdings(byte: u32) -> Option<char> {
    Some(match byte {
        0x20 => ' ',
        0x21 => '✏',
        0x22 => '✂',
        0x28 => '☎',
        0x2A => '✉',
        0x3F => '✍',
        0x41 => '✌',
        0x43 => '👍',
        0x4A => '☺',
        0x4C => '☹',
        0x6C => '●',
        0x6D => '❍',
        0x6E => '■',
        0x6F => '□',
        0x70 => '◻',
        0x71 => '❑',
        0x72 => '❒',
        0x73 => '⬧',
        0x74 => '⧫',
        0x75 => '◆',
        0x76 => '❖',
        0x77 => '⬥',
        0x9F => '•',
        0xA1 => '○',
        0xA7 => '▪',
        0xA8 => '◻',
        0xAB => '★',
        0xD8 => '➢',
        0xDF => '🡠',
        0xE0 => '🡢',
        0xE8 => '➔',
        0xF0 => '⇨',
        0xFB => '✗',
        0xFC => '✓',
        0xFD => '☒',
        0xFE => '☑',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::symbol;

    #[test]
    fn symbol_font_codes_become_their_characters() {
        assert_eq!(symbol("Symbol", 0xF0B3), Some('≥'));
        assert_eq!(symbol("Symbol", 0xF0A3), Some('≤'));
        assert_eq!(symbol("Symbol", 0xF0B7), Some('•'));
        assert_eq!(symbol("Wingdings", 0xF0FC), Some('✓'));
        assert_eq!(symbol("Wingdings", 0xF0D8), Some('➢'));
        assert_eq!(symbol("Wingdings", 0xF001), None);
    }
}
