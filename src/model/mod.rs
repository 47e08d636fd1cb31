//! The model: one immutable [`Site`] built from validated input. Every record keeps the file and
//! line it came from so later stages can report located problems.

mod article;
pub mod benefit;
mod budget;
mod config;
pub mod date;
pub mod document;
pub mod fonts;
mod leaflet;
pub mod photo;
mod plan;
pub mod publish;
pub mod registry;
pub mod spoken;
pub mod stats;

use std::path::PathBuf;

pub use article::{Article, ArticleKind, Question};
pub use benefit::{Amount, Benefit, BenefitLines, Form};
pub use budget::{BudgetRow, BudgetTable};
pub use config::{Area, EnglishInfo, Logo, Official, SiteConfig};
pub use date::PartialDate;
pub use document::{
    Block, BlockKind, ColumnAlign, Document, Inline, Item, LinkRef, List, ListItem, Part, PartKind,
    Table,
};
pub use leaflet::{Leaflet, LeafletSection};
pub use plan::{Assignment, Comparison, DocType, Plan, Signer, Target, lowercase_first, same_body};
pub use registry::{Day, DayDate, LegalDoc, Procedure, Unit};

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
