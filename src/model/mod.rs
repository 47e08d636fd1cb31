//! The model: one immutable [`Site`] built from validated input. Every record keeps the file and
//! line it came from so later stages can report located problems.

pub mod benefit;
pub mod date;
pub mod document;
pub mod fonts;
pub mod photo;
pub mod publish;
pub mod registry;
pub mod spoken;
pub mod stats;

use std::path::PathBuf;

pub use benefit::{Amount, Benefit, BenefitLines, Form};
pub use date::PartialDate;
pub use document::{
    Block, BlockKind, ColumnAlign, Document, Inline, Item, LinkRef, List, ListItem, Part, PartKind,
    Table,
};
pub use registry::{Day, DayDate, LegalDoc, Procedure, Unit};

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

/// Whether an article is a news item or a standing page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ArticleKind {
    /// A dated news item (content/news).
    News,
    /// A standing page (content/pages).
    Page,
}

/// A news item or page written in Markdown.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Article {
    /// News or page.
    pub kind: ArticleKind,
    /// URL slug.
    pub slug: String,
    /// Source file relative to the site root.
    pub source: PathBuf,
    /// Title.
    pub title: String,
    /// Date (required for news).
    pub date: Option<chrono::NaiveDate>,
    /// One-sentence summary.
    pub summary: String,
    /// Topics.
    pub tags: Vec<String>,
    /// Markdown body.
    pub body: String,
    /// Line of the first body line in the source file (for located warnings).
    pub body_line: usize,
    /// Marked for the loudspeaker (tin phát thanh).
    pub broadcast: bool,
    /// The text of the source file, kept for items marked for the loudspeaker only (to locate a
    /// character the print font lacks in their script's PDF).
    #[serde(skip)]
    pub source_text: Option<std::sync::Arc<str>>,
    /// Order in the menu (pages); `None` keeps a page out of the menu.
    pub menu_order: Option<i32>,
    /// Line of the summary (`tom_tat`), or of the front matter's start when there is none.
    pub summary_line: usize,
    /// The lead photo (`anh`).
    #[serde(skip)]
    pub lead_photo: Option<photo::LeadPhoto>,
    /// Links and images of the body, with their places.
    #[serde(skip)]
    pub links: Vec<LinkRef>,
}

/// A question residents ask and the ward's answer (content/hoi-dap).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Question {
    /// Anchor on the questions page (from the file name).
    pub slug: String,
    /// Source file relative to the site root.
    pub source: PathBuf,
    /// The question as a resident would ask it.
    pub question: String,
    /// When it was answered, if given.
    pub date: Option<chrono::NaiveDate>,
    /// Policies it concerns: as written in the file (`20/2021/NĐ-CP` or an id), replaced by the
    /// ids of data/legal.toml when validated.
    pub policies: Vec<String>,
    /// Line of `chinh_sach`.
    pub policies_line: usize,
    /// Procedures it concerns, by portal code (`1.001776`).
    pub procedures: Vec<String>,
    /// Line of `thu_tuc`.
    pub procedures_line: usize,
    /// Topics.
    pub topics: Vec<String>,
    /// The answer, Markdown.
    pub answer: String,
    /// Links and images of the answer, with their places.
    #[serde(skip)]
    pub links: Vec<LinkRef>,
}

/// A budget disclosure table (công khai ngân sách: data/ngan-sach/<tên>.toml and .csv).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct BudgetTable {
    /// Address (from the descriptor's file name).
    pub slug: String,
    /// The descriptor, relative to the site root.
    pub source: PathBuf,
    /// The CSV of rows, relative to the site root.
    pub csv: PathBuf,
    /// Title (`Dự toán thu, chi ngân sách phường năm 2026`).
    pub title: String,
    /// Budget year.
    pub year: i32,
    /// Unit of every figure (`đồng`, `nghìn đồng`, `triệu đồng`).
    pub unit: String,
    /// The decision that publishes it (`Quyết định số 15/QĐ-UBND ngày ...`).
    pub decision: String,
    /// A sentence or two for residents.
    pub description: String,
    /// The rows, in file order.
    pub rows: Vec<BudgetRow>,
}

/// One row of a budget table.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct BudgetRow {
    /// Item number as written (`1`, `1.2`, `tong`).
    pub item: String,
    /// Item.
    pub label: String,
    /// 1 for `1`, 2 for `1.2`, ...; 0 for the grand total.
    pub depth: usize,
    /// The grand total.
    pub is_total: bool,
    /// Estimate (dự toán), in the table's unit.
    pub estimate: f64,
    /// Actual (thực hiện), in the table's unit, once known.
    pub actual: Option<f64>,
    /// 1-based line in the CSV.
    pub line: usize,
}

/// An official to contact.
#[derive(
    Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct Official {
    /// Full name.
    #[serde(rename(deserialize = "ho_ten"))]
    pub name: String,
    /// Title.
    #[serde(rename(deserialize = "chuc_vu"))]
    pub title: String,
    /// Field handled.
    #[serde(rename(deserialize = "phu_trach"), default)]
    pub responsibility: String,
    /// Office phone.
    #[serde(rename(deserialize = "dien_thoai"), default)]
    pub phone: String,
    /// Office email.
    #[serde(rename(deserialize = "email"), default)]
    pub email: String,
    /// Title in English, for the page in English (`Vice Chairman of the Ward People's Committee`).
    #[serde(rename(deserialize = "chuc_vu_tieng_anh"), default)]
    pub title_en: String,
}

/// What the page in English says about the body (site.toml `[tieng_anh]`; Nghị định 42/2022,
/// Điều 7): its English name, what it is, its functions and duties, and its structure.
#[derive(
    Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct EnglishInfo {
    /// The body's English name (`People's Committee of Luu Kiem Ward`).
    #[serde(rename(deserialize = "ten_co_quan"), default)]
    pub body_name: String,
    /// A paragraph on the body and the site.
    #[serde(rename(deserialize = "gioi_thieu"), default)]
    pub description: String,
    /// Functions and duties, one per entry.
    #[serde(rename(deserialize = "chuc_nang"), default)]
    pub functions: Vec<String>,
    /// Structure: its offices and bodies, one per entry.
    #[serde(rename(deserialize = "co_cau"), default)]
    pub structure: Vec<String>,
    /// Office hours in English.
    #[serde(rename(deserialize = "gio_lam_viec"), default)]
    pub office_hours: String,
    /// Postal address in English.
    #[serde(rename(deserialize = "dia_chi"), default)]
    pub address: String,
}

/// A residential group (tổ dân phố, khu phố, thôn).
#[derive(
    Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct Area {
    /// Short key (`tdp-1`).
    #[serde(rename(deserialize = "ma"))]
    pub id: String,
    /// Name.
    #[serde(rename(deserialize = "ten"))]
    pub name: String,
}

/// The ward itself (site.toml).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SiteConfig {
    /// Proper name (`Lưu Kiếm`).
    pub name: String,
    /// Level (`phường`, `xã`, `thị trấn`).
    pub level: String,
    /// Province or city (`thành phố Hải Phòng`).
    pub province: String,
    /// Parent body line of document headers, may be empty.
    pub parent_body: String,
    /// Issuing body (`Ủy ban nhân dân phường Lưu Kiếm`).
    pub issuing_body: String,
    /// The centre that runs the site.
    pub service_centre: String,
    /// Postal address.
    pub address: String,
    /// Phone.
    pub phone: String,
    /// Email.
    pub email: String,
    /// Base URL of the site (`https://luukiem.haiphong.gov.vn`), no trailing slash.
    pub base_url: String,
    /// Facebook page.
    pub fanpage: String,
    /// Office hours.
    pub office_hours: String,
    /// One-paragraph description.
    pub description: String,
    /// Officials to contact.
    pub officials: Vec<Official>,
    /// What the page in English says (`[tieng_anh]`).
    pub english: EnglishInfo,
    /// Default signer for new documents.
    pub default_signer: Signer,
    /// What residential groups are called (`tổ dân phố`).
    pub area_kind: String,
    /// The residential groups.
    pub areas: Vec<Area>,
    /// Theme folder name under themes/.
    pub theme: String,
    /// How many days ahead the home page announces commemorative days.
    pub upcoming_days: u32,
    /// News items per list page.
    pub news_per_page: usize,
    /// The print font family named in site.toml (`phong_chu`) and where; none: Libertinus Serif.
    #[serde(skip)]
    pub print_font: Option<(String, crate::diagnostics::Location)>,
    /// Extra folders searched for it (`thu_muc_phong_chu`), relative to the site folder.
    pub font_dirs: Vec<PathBuf>,
    /// The text of site.toml (to locate a character the print font lacks).
    #[serde(skip)]
    pub source_text: std::sync::Arc<str>,
    /// The ward's logo file named in site.toml (`logo`) and where it is named; read by the loader
    /// into `logo`.
    #[serde(skip)]
    pub logo_file: Option<(String, crate::diagnostics::Location)>,
    /// The ward's logo (header, icons, share cards); none: a drawn emblem.
    #[serde(skip)]
    pub logo: Option<Logo>,
    /// Where `loa publish` sends the site (`[xuat_ban]`); none: not said in site.toml.
    #[serde(skip)]
    pub publish: Option<publish::PublishConfig>,
}

/// An image file of the site given to the print engine (the ward's logo).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logo {
    /// Lower-case format (`png`, `jpg`, `svg`).
    pub format: String,
    /// The file's bytes.
    pub bytes: std::sync::Arc<[u8]>,
}

impl Logo {
    /// Where print templates find it (`/logo.png`).
    pub fn virtual_path(&self) -> String {
        format!("/logo.{}", self.format)
    }

    /// Where the site publishes it (`/logo.png`).
    pub fn url(&self) -> String {
        self.virtual_path()
    }
}

impl SiteConfig {
    /// `phường Lưu Kiếm`.
    pub fn full_name(&self) -> String {
        format!("{} {}", self.level, self.name)
    }
}

/// A theme: template sources and static files, loaded from disk (or the built-in default).
#[derive(Debug, Clone, Default)]
pub struct ThemeFiles {
    /// `(template name, shown path, source)`.
    pub templates: Vec<(String, PathBuf, String)>,
    /// `(path under static/, bytes)`.
    pub static_files: Vec<(String, Vec<u8>)>,
    /// Typst sources of the print products: `(path under print/, shown path, source)`.
    pub print: Vec<(String, PathBuf, String)>,
}

/// Everything loaded and validated: the immutable input of derive and render.
#[derive(Debug, Clone)]
pub struct Site {
    /// The site folder.
    pub root: PathBuf,
    /// The ward.
    pub config: SiteConfig,
    /// Plans and letters, newest first.
    pub plans: Vec<Plan>,
    /// Units, in registry order.
    pub units: Vec<Unit>,
    /// Legal documents, in registry order.
    pub legal: Vec<LegalDoc>,
    /// Commemorative days, in registry order.
    pub days: Vec<Day>,
    /// Administrative procedures, in registry order (look one up by its code with
    /// [`Site::procedure`]).
    pub procedures: Vec<Procedure>,
    /// Questions and answers, by file name.
    pub questions: Vec<Question>,
    /// Budget disclosures, newest year first.
    pub budgets: Vec<BudgetTable>,
    /// News, newest first.
    pub news: Vec<Article>,
    /// Pages, by menu order then title.
    pub pages: Vec<Article>,
    /// Theme sources.
    pub theme: ThemeFiles,
    /// Indicators, figures, campaigns and reports.
    pub stats: stats::Statistics,
    /// Leaflets written in content/leaflets, by file name.
    pub leaflets: Vec<Leaflet>,
    /// Benefits and services (content/toi-can), in front-door order.
    pub benefits: Vec<Benefit>,
    /// Which optional products this build makes.
    pub outputs: Outputs,
    /// The font of the print products.
    pub fonts: fonts::PrintFonts,
    /// What loudspeaker scripts say in full.
    pub spoken: spoken::SpokenTable,
    /// Every photo the content uses, from its header.
    pub photos: photo::Photos,
}

impl Site {
    /// The procedure with the portal code `code` (`1.001776`), if data/thu-tuc.toml lists it.
    pub fn procedure(&self, code: &str) -> Option<&Procedure> {
        let code = code.trim();
        self.procedures
            .iter()
            .find(|p| p.code.as_deref() == Some(code))
    }
}

/// The optional products of a build. Both are on for `loa build`; `--no-pdf` and `--no-search`
/// turn them off for a quick preview (and for timing the site against generators that make
/// neither).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outputs {
    /// PDFs under `output/in/` (needs the cargo feature `pdf`).
    pub pdf: bool,
    /// The search index under `output/pagefind/` (the search page and the A–Z index are always
    /// written).
    pub search_index: bool,
    /// Write only the PDFs and photos found in the product cache; the caller typesets and
    /// processes the others afterwards (`loa serve`, so that a reload never waits for Typst or
    /// for decoding photos).
    pub pdf_in_background: bool,
    /// Also write the leaflets, posters and banners for a print shop (`--nha-in`): 3 mm bleed
    /// and crop marks, under `output/in/nha-in/`.
    pub print_shop: bool,
}

impl Default for Outputs {
    fn default() -> Self {
        Outputs {
            pdf: cfg!(feature = "pdf"),
            search_index: true,
            pdf_in_background: false,
            print_shop: false,
        }
    }
}

impl Outputs {
    /// Whether a build with these outputs makes every slow product this loa can make (the PDFs
    /// when built with them, and the search index): only such a build knows which kept products
    /// are no longer needed.
    pub fn makes_every_product(self) -> bool {
        let every = Outputs::default();
        self.pdf == every.pdf && self.search_index == every.search_index
    }
}

/// A leaflet (tờ rơi) written in content/leaflets: a title, key facts, short sections; the ward's
/// contact block and a QR code to the matching web page are added when it is printed.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Leaflet {
    /// Output name (from the file name).
    pub slug: String,
    /// Source file relative to the site root.
    pub source: PathBuf,
    /// Title on the cover.
    pub title: String,
    /// A line under the title.
    pub subtitle: String,
    /// The commemorative day it belongs to (id in data/days.toml), if any.
    pub day: Option<String>,
    /// Line of the `ngay_ky_niem` field (for located errors).
    pub day_line: usize,
    /// Site address the QR code points to (`/lien-he/`); else the day's page or the home page.
    pub link: Option<String>,
    /// Key facts, one short sentence each.
    pub facts: Vec<String>,
    /// Where to get help: one line each, printed above the ward's contact block.
    pub help: Vec<String>,
    /// The `##` sections of the body.
    pub sections: Vec<LeafletSection>,
    /// The text of the source file (to locate a character the print font lacks).
    #[serde(skip)]
    pub source_text: std::sync::Arc<str>,
    /// The cover's photo (`anh`), printed from the original at print resolution.
    #[serde(skip)]
    pub lead_photo: Option<photo::LeadPhoto>,
}

/// One `##` section of a leaflet.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct LeafletSection {
    /// Heading.
    pub title: Inline,
    /// 1-based line of the heading.
    pub line: usize,
    /// Paragraphs and bullet lists.
    pub blocks: Vec<Block>,
}
