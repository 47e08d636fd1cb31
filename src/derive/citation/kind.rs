//! The kinds of cited document and the type words that name them (`Nghị định`, `Thông tri`).

use super::text::{word_eq_ci, words_eq_ci};

/// Kind of cited document, parsed from the type word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocKind {
    /// `Luật` (law) or `Bộ luật` (code).
    Law,
    /// `Nghị định` (government decree).
    Decree,
    /// `Nghị quyết` (resolution), including `Nghị quyết liên tịch`.
    Resolution,
    /// `Thông tư` (ministerial circular), including `Thông tư liên tịch`.
    Circular,
    /// `Quyết định` (decision).
    Decision,
    /// `Chỉ thị` (directive).
    Directive,
    /// `Kế hoạch` (plan).
    Plan,
    /// `Chương trình` or `Chương trình hành động` (programme, action programme).
    Program,
    /// `Đề án` (scheme).
    Scheme,
    /// `Tờ trình` (submission).
    Submission,
    /// `Công văn` (official letter); a numbered `Văn bản` is one too.
    OfficialLetter,
    /// `Thông báo` (notice), including `Thông báo kết luận`.
    Notice,
    /// `Hướng dẫn` (guidance).
    Guidance,
    /// `Báo cáo` (report).
    Report,
    /// `Thông tri` (a Party committee's circular: `Thông tri số 12-TT/TU`).
    PartyCircular,
    /// `Kết luận` (a Party committee's conclusions: `Kết luận số 12-KL/TW`).
    Conclusion,
}

/// Type words and their kinds. Where one type word extends another, the longer one comes first.
pub(super) const TYPE_WORDS: &[(&str, DocKind)] = &[
    ("Chương trình hành động", DocKind::Program),
    ("Chương trình", DocKind::Program),
    ("Nghị quyết liên tịch", DocKind::Resolution),
    ("Nghị quyết", DocKind::Resolution),
    ("Nghị định", DocKind::Decree),
    ("Thông tư liên tịch", DocKind::Circular),
    ("Thông tư", DocKind::Circular),
    ("Thông báo kết luận", DocKind::Notice),
    ("Thông báo", DocKind::Notice),
    ("Thông tri", DocKind::PartyCircular),
    ("Kết luận", DocKind::Conclusion),
    ("Quyết định", DocKind::Decision),
    ("Chỉ thị", DocKind::Directive),
    ("Kế hoạch", DocKind::Plan),
    ("Đề án", DocKind::Scheme),
    ("Tờ trình", DocKind::Submission),
    ("Công văn", DocKind::OfficialLetter),
    ("Văn bản", DocKind::OfficialLetter),
    ("Hướng dẫn", DocKind::Guidance),
    ("Báo cáo", DocKind::Report),
    ("Bộ luật", DocKind::Law),
    ("Luật", DocKind::Law),
];

impl DocKind {
    /// The kind named by a type word such as `"Nghị định"` or `"Chương trình hành động"`.
    ///
    /// Case-insensitive; any whitespace run between the words counts as one space. Returns `None`
    /// for anything else.
    pub fn from_type_word(word: &str) -> Option<DocKind> {
        TYPE_WORDS
            .iter()
            .find(|(w, _)| words_eq_ci(word, w))
            .map(|&(_, kind)| kind)
    }

    /// The Vietnamese type word for this kind, e.g. `"Nghị định"`.
    pub fn vietnamese(self) -> &'static str {
        match self {
            DocKind::Law => "Luật",
            DocKind::Decree => "Nghị định",
            DocKind::Resolution => "Nghị quyết",
            DocKind::Circular => "Thông tư",
            DocKind::Decision => "Quyết định",
            DocKind::Directive => "Chỉ thị",
            DocKind::Plan => "Kế hoạch",
            DocKind::Program => "Chương trình",
            DocKind::Scheme => "Đề án",
            DocKind::Submission => "Tờ trình",
            DocKind::OfficialLetter => "Công văn",
            DocKind::Notice => "Thông báo",
            DocKind::Guidance => "Hướng dẫn",
            DocKind::Report => "Báo cáo",
            DocKind::PartyCircular => "Thông tri",
            DocKind::Conclusion => "Kết luận",
        }
    }
}

/// The kind named by the type word a name starts with (`Đề án 06` -> scheme).
pub(super) fn leading_kind(name: &str) -> Option<DocKind> {
    let words: Vec<&str> = name.split_whitespace().collect();
    TYPE_WORDS
        .iter()
        .filter(|(w, _)| {
            let type_words: Vec<&str> = w.split_whitespace().collect();
            type_words.len() <= words.len()
                && type_words.iter().zip(&words).all(|(t, w)| word_eq_ci(t, w))
        })
        .max_by_key(|(w, _)| w.len())
        .map(|&(_, kind)| kind)
}
