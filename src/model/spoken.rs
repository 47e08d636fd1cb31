//! What the loudspeaker scripts say in full: abbreviations of prose (`UBND` -> `Ủy ban nhân
//! dân`) and the issuer codes at the end of document symbols (`TTg` -> `Thủ tướng Chính phủ`).
//! The default table ships with loa (`locales/viet-tat.toml`); a site's `data/viet-tat.toml`
//! adds entries and replaces or turns off default ones.

use std::collections::BTreeMap;

/// The expansions a loudspeaker script uses.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SpokenTable {
    /// Abbreviation as written (case counts) -> words said.
    pub abbreviations: BTreeMap<String, String>,
    /// Issuer code of a document symbol (`CP`, `TTg`, `SYT`) -> the issuer's name.
    pub issuers: BTreeMap<String, String>,
}
