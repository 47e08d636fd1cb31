//! A plan or official letter: its kind, number, signer, targets, duties of units and body.

use std::path::PathBuf;

use super::{Document, Inline, LinkRef, PartialDate};
use crate::locale::fold_diacritics;

/// The kind of an administrative document (Nghị định 30/2020, Phụ lục III).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub enum DocType {
    /// Kế hoạch (KH).
    Plan,
    /// Công văn (no type code in the symbol).
    OfficialLetter,
    /// Báo cáo (BC).
    Report,
    /// Thông báo (TB).
    Notice,
    /// Tờ trình (TTr).
    Submission,
    /// Quyết định (QĐ).
    Decision,
    /// Chương trình (CTr).
    Program,
    /// Đề án (ĐA).
    Scheme,
    /// Hướng dẫn (HD).
    Guidance,
}

impl DocType {
    /// Every type, in the order the scaffold lists them.
    pub const ALL: [DocType; 9] = [
        DocType::Plan,
        DocType::OfficialLetter,
        DocType::Report,
        DocType::Notice,
        DocType::Submission,
        DocType::Decision,
        DocType::Program,
        DocType::Scheme,
        DocType::Guidance,
    ];

    /// The type code used in symbols (`KH`); a công văn has none and is written `CV` in files.
    pub fn code(self) -> &'static str {
        match self {
            DocType::Plan => "KH",
            DocType::OfficialLetter => "CV",
            DocType::Report => "BC",
            DocType::Notice => "TB",
            DocType::Submission => "TTr",
            DocType::Decision => "QĐ",
            DocType::Program => "CTr",
            DocType::Scheme => "ĐA",
            DocType::Guidance => "HD",
        }
    }

    /// The Vietnamese name (`Kế hoạch`).
    pub fn name(self) -> &'static str {
        match self {
            DocType::Plan => "Kế hoạch",
            DocType::OfficialLetter => "Công văn",
            DocType::Report => "Báo cáo",
            DocType::Notice => "Thông báo",
            DocType::Submission => "Tờ trình",
            DocType::Decision => "Quyết định",
            DocType::Program => "Chương trình",
            DocType::Scheme => "Đề án",
            DocType::Guidance => "Hướng dẫn",
        }
    }

    /// Accepts a code (`KH`, `kh`, `QD`) or a name (`Kế hoạch`, `cong van`).
    pub fn parse(text: &str) -> Option<DocType> {
        let wanted = fold_diacritics(text.trim()).to_lowercase();
        DocType::ALL.into_iter().find(|t| {
            fold_diacritics(t.code()).to_lowercase() == wanted
                || fold_diacritics(t.name()).to_lowercase() == wanted
        })
    }
}

/// The signature block: authority lines (`TM. ỦY BAN NHÂN DÂN`, `KT. CHỦ TỊCH`), title, name.
#[derive(
    Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct Signer {
    /// Authority lines, top to bottom.
    #[serde(rename(deserialize = "tham_quyen"), default)]
    pub authority: Vec<String>,
    /// Title of the person signing (`PHÓ CHỦ TỊCH`).
    #[serde(rename(deserialize = "chuc_vu"), default)]
    pub title: String,
    /// Full name; may be blank in a draft.
    #[serde(rename(deserialize = "ho_ten"), default)]
    pub name: String,
}

/// Whether a target is met by reaching, staying under, or equalling its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparison {
    /// At least the value (`đạt 96%`).
    AtLeast,
    /// At most the value (`không còn hộ nghèo`: at most 0).
    AtMost,
}

/// A target (chỉ tiêu) of a plan.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Target {
    /// The sentence as written.
    pub text: Inline,
    /// 1-based line in the source.
    pub line: usize,
    /// The figure to reach, where the text gives one.
    pub value: Option<f64>,
    /// Its unit (`%`, `phiên`, ...).
    pub unit: Option<String>,
    /// Reach or stay under.
    pub comparison: Comparison,
    /// Deadline, where the text or the plan gives one.
    pub deadline: Option<PartialDate>,
    /// Key of the indicator that measures it (statistics), if declared.
    pub indicator: Option<String>,
}

/// Duties given to one body in a plan's implementation part.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Assignment {
    /// The item number as written.
    pub number: Option<String>,
    /// The body's name as written, without `Đề nghị`.
    pub unit_name: String,
    /// The registry unit it resolves to, when known.
    pub unit_id: Option<String>,
    /// `Đề nghị`: a body the UBND requests rather than assigns (Fatherland Front, associations).
    pub requested: bool,
    /// The duties, one per bullet or paragraph.
    pub duties: Vec<Inline>,
    /// 1-based line of the heading.
    pub line: usize,
    /// Anchor of the item in the plan page.
    pub anchor: String,
}

/// A plan or official letter issued by the ward.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Plan {
    /// URL slug (from the file name).
    pub slug: String,
    /// Source file relative to the site root.
    pub source: PathBuf,
    /// Kind of document.
    pub doc_type: DocType,
    /// Number (`05`); blank in a draft.
    pub number: String,
    /// Published as a draft on purpose (`du_thao = true`), e.g. for comment before signing.
    pub draft: bool,
    /// Symbol after the number (`KH-UBND`).
    pub symbol: String,
    /// Issue date, possibly partial.
    pub date: PartialDate,
    /// Place in the date line (`Lưu Kiếm`).
    pub place: String,
    /// The parent body printed above the issuing body (`UBND TỈNH THANH HÓA`); may be empty.
    pub parent_body: String,
    /// The issuing body of the header (`ỦY BAN NHÂN DÂN XÃ NGỌC LIÊN`): the document's own, else
    /// the site's.
    pub issuing_body: String,
    /// Subject (trích yếu).
    pub subject: String,
    /// `Kính gửi:` addressees (letters, reports).
    pub addressees: Vec<String>,
    /// Topics, for lists.
    pub tags: Vec<String>,
    /// The body.
    pub body: Document,
    /// Closing paragraph(s).
    pub closing: Vec<Inline>,
    /// `Nơi nhận:` lines.
    pub recipients: Vec<String>,
    /// The signature block.
    pub signer: Signer,
    /// Targets found in target parts.
    pub targets: Vec<Target>,
    /// Who does what.
    pub assignments: Vec<Assignment>,
    /// The text of the source file (to locate a character the print font lacks).
    #[serde(skip)]
    pub source_text: std::sync::Arc<str>,
    /// Links and images of the body, with their places.
    #[serde(skip)]
    pub links: Vec<LinkRef>,
}

impl Plan {
    /// The document's heading title: `Kế hoạch Thực hiện ...` (type name and subject).
    pub fn title(&self) -> String {
        format!(
            "{} {}",
            self.doc_type.name(),
            lowercase_first(&self.subject)
        )
    }

    /// `Số: 05/KH-UBND`, with a blank number kept blank (`/KH-UBND`).
    pub fn number_and_symbol(&self) -> String {
        if self.symbol.is_empty() {
            self.number.clone()
        } else {
            format!("{}/{}", self.number, self.symbol)
        }
    }
}

/// Whether two names of a body name the same body: case, diacritics, spacing and the
/// abbreviations `UBND`/`HĐND` aside (`UBND XÃ NGỌC LIÊN` = `Ủy ban nhân dân xã Ngọc Liên`).
pub fn same_body(a: &str, b: &str) -> bool {
    fn words(name: &str) -> Vec<String> {
        fold_diacritics(name)
            .to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .flat_map(|w| match w {
                "ubnd" => vec!["uy", "ban", "nhan", "dan"],
                "hdnd" => vec!["hoi", "dong", "nhan", "dan"],
                other => vec![other],
            })
            .map(str::to_owned)
            .collect()
    }
    words(a) == words(b)
}

/// Lowercases the first letter of a subject when it follows a type name (`Kế hoạch thực hiện`).
pub fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => {
            let second_is_upper = chars.clone().next().is_some_and(char::is_uppercase);
            if second_is_upper {
                text.to_owned()
            } else {
                first.to_lowercase().chain(chars).collect()
            }
        }
        None => String::new(),
    }
}
