//! Legal citations in Vietnamese administrative text.
//!
//! Two kinds of citation are recognised in (NFC-normalised) text:
//!
//! - **Numbered citations**: a type word (`Nghị định`, `Quyết định`, `Kế hoạch`, `Thông tri`, ...),
//!   an optional `số`, then a number/symbol such as `20/2021/NĐ-CP`, `1190/QĐ-TTg`, `42-KH/ĐU`,
//!   `1234/SYT-NVY&BTXH` or `57/KH- SYT` (a space typed after the hyphen). Type words and `số` are
//!   matched case-insensitively and any whitespace run (line breaks included) may separate the
//!   words, because exports from Word break lines anywhere. A symbol starts with a digit and has
//!   at least one `/` or `-` part; it must contain a letter (`1190/QĐ-TTg`) or be a short
//!   `number/year` form (`145/2013`), so dates (`15/3/2021`) and periods (`2021-2025`) are never
//!   citations. Trailing punctuation is never part of a symbol. The issuer may come between the
//!   type word and a colon (`các Quyết định của Thủ tướng Chính phủ: số 135/QĐ-TTg`); the
//!   citation then starts at `số`. A list continuing a numbered citation
//!   (`Nghị định số 20/2021/NĐ-CP, 76/2024/NĐ-CP`, `... và số 76/2024/NĐ-CP`, `...; số ...`, with or
//!   without `ngày d/m/yyyy` after each) yields one citation per symbol, of the type named before
//!   the list; such listed symbols must contain a letter.
//! - **Known names**: documents cited by name (`Luật Người khuyết tật`, `Đề án 06 của Chính phủ`)
//!   cannot be found by a generic pattern, so the finder is given the registry's names. They match
//!   case-insensitively on word boundaries, longest name first, with an optional trailing year
//!   (`năm 2024` or a bare `2024`) included in the span.
//!
//! Overlapping matches are resolved leftmost first, then longest; on an exact tie a known name wins.
//!
//! The module is split along its seams: [`kind`] (type words and the kinds they name), [`symbol`]
//! (what a number/symbol looks like and its registry key), [`finder`] (finding citations in a
//! text), [`index`] (matching them to the legal registry) and [`text`] (case- and space-blind
//! comparison of words, positions). Links are rendered in `render::inline`.

pub mod finder;
pub mod index;
pub mod kind;
pub mod symbol;
pub mod text;

#[cfg(test)]
mod tests_names;
#[cfg(test)]
mod tests_numbered;

pub use finder::CitationFinder;
pub use index::CitationIndex;
pub use kind::DocKind;
pub use symbol::citation_key;
pub use text::line_col;

/// One citation found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// Byte offset where the matched span starts (a char boundary).
    pub start: usize,
    /// Byte offset where the matched span ends (exclusive, a char boundary). The span covers the
    /// whole citation, e.g. `Nghị định số 20/2021/NĐ-CP` or `Luật Bảo hiểm xã hội năm 2024`.
    pub end: usize,
    /// The kind of document cited.
    pub kind: DocKind,
    /// The registry key: [`citation_key`] of the symbol for a numbered citation, the
    /// [`KnownName::key`] for a citation by name. For lookups only, never shown.
    pub key: String,
    /// Byte range of the number/symbol as written (numbered citations), inside the span.
    pub symbol: Option<std::ops::Range<usize>>,
}

/// A named document the registry knows (laws, named schemes): its key and its names/aliases.
///
/// Give one `KnownName` per name or alias. The kind of a citation by name comes from the name's
/// leading type word (`Đề án ...` is a [`DocKind::Scheme`]); names without one count as laws.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownName {
    /// The key reported in [`Citation::key`] when the name is found.
    pub key: String,
    /// The name as written, e.g. `Luật Người khuyết tật`.
    pub name: String,
}
