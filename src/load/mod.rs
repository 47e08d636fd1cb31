//! Load: files -> typed records with source positions. Reads site.toml, data/*.toml,
//! content/{plans,news,pages}/*.md and the theme; never formats output.

pub mod abbreviations;
pub mod article;
pub mod attachment;
pub mod benefit;
pub mod budget;
pub mod config;
pub mod confine;
pub mod fonts;
pub mod frontmatter;
pub mod leaflet;
pub mod links;
pub mod logo;
pub mod markdown;
pub mod photos;
pub mod plan;
pub mod procedures;
pub mod question;
pub mod registry;
pub mod stats;
pub mod theme;

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::locale::{slugify, text::normalize};
use crate::model::{Article, ArticleKind, Day, LegalDoc, Plan, SiteConfig, ThemeFiles, Unit};

pub use frontmatter::SourceText;

/// Everything read from a site folder, before cross-references are checked.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The site folder.
    pub root: PathBuf,
    /// site.toml.
    pub config: SiteConfig,
    /// content/plans.
    pub plans: Vec<Plan>,
    /// data/units.toml.
    pub units: Vec<Unit>,
    /// data/legal.toml.
    pub legal: Vec<LegalDoc>,
    /// data/days.toml.
    pub days: Vec<Day>,
    /// data/thu-tuc.toml.
    pub procedures: Vec<crate::model::Procedure>,
    /// content/hoi-dap.
    pub questions: Vec<crate::model::Question>,
    /// data/ngan-sach.
    pub budgets: Vec<crate::model::BudgetTable>,
    /// content/news.
    pub news: Vec<Article>,
    /// content/pages.
    pub pages: Vec<Article>,
    /// The theme.
    pub theme: ThemeFiles,
    /// Statistics: indicators, figures, campaigns, reports.
    pub stats: crate::model::stats::Statistics,
    /// content/leaflets.
    pub leaflets: Vec<crate::model::Leaflet>,
    /// content/toi-can: benefits and services.
    pub benefits: Vec<crate::model::Benefit>,
    /// The address part of every plan file found, read or not (a plan that failed to load is
    /// reported once, at its own error, not again where it is named).
    pub plan_files: Vec<String>,
    /// The print font (site.toml `phong_chu`), found on the machine.
    pub fonts: crate::model::fonts::PrintFonts,
    /// What loudspeaker scripts say in full (default table and data/viet-tat.toml).
    pub spoken: crate::model::spoken::SpokenTable,
    /// The header of each photo file the content uses (or what is wrong with it).
    pub photos:
        std::collections::BTreeMap<PathBuf, Result<crate::model::photo::Photo, photos::Problem>>,
}

/// Where benefits and services are written.
pub const BENEFITS_DIR: &str = "content/toi-can";

/// Reads a file as normalised UTF-8 text; `relative` is how it is named in messages.
pub fn read_source(root: &Path, relative: &Path) -> Result<SourceText, Diagnostic> {
    let bytes = std::fs::read(root.join(relative)).map_err(|e| {
        Diagnostic::error("io_read", Some(Location::file(relative))).arg("reason", e.to_string())
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let before = String::from_utf8_lossy(&e.as_bytes()[..offset]).into_owned();
        let probe = SourceText::new(relative, before);
        Diagnostic::error("encoding_invalid", Some(probe.location(offset)))
            .arg("offset", offset.to_string())
    })?;
    Ok(SourceText::new(relative, normalize(&text)))
}

/// Markdown files in `root/dir`, sorted by name (missing folder: none).
fn markdown_files(root: &Path, dir: &str) -> Vec<PathBuf> {
    files_in(root, dir, &["md"])
}

/// Files under `root/dir` with one of `extensions` (any case), sorted, relative to `root`; names
/// starting with `.`, `_` or `~` (hidden, drafts, Office lock files) are skipped. Missing folder: none.
pub(crate) fn files_in(root: &Path, dir: &str, extensions: &[&str]) -> Vec<PathBuf> {
    let mut files = files_in_with_drafts(root, dir, extensions);
    files.retain(|p| {
        !p.file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('_'))
    });
    files
}

/// [`files_in`] with the drafts (`_name.md`) the build skips, for the editing desk's lists.
pub fn files_in_with_drafts(root: &Path, dir: &str, extensions: &[&str]) -> Vec<PathBuf> {
    let folder = root.join(dir);
    // A folder that leads out of the site is never read (`confine::check_links` reports it).
    if !folder.is_dir() || confine::outside(root, Path::new(dir)).is_some() {
        return Vec::new();
    }
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(&folder)
        .min_depth(1)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| {
            e.path()
                .extension()
                .is_some_and(|x| extensions.iter().any(|w| x.eq_ignore_ascii_case(w)))
        })
        .filter(|e| !e.file_name().to_string_lossy().starts_with(['.', '~']))
        .filter_map(|e| e.path().strip_prefix(root).ok().map(Path::to_path_buf))
        .collect();
    files.sort();
    files
}

fn slug_of(path: &Path) -> String {
    path.file_stem()
        .map(|s| slugify(&s.to_string_lossy()))
        .unwrap_or_default()
}

/// Reads an optional registry file with `load`, or nothing when it does not exist.
fn optional_registry<T>(
    root: &Path,
    relative: &str,
    diagnostics: &mut Diagnostics,
    load: fn(&SourceText, &mut Diagnostics) -> Vec<T>,
) -> Vec<T> {
    if !root.join(relative).exists() {
        return Vec::new();
    }
    match read_source(root, Path::new(relative)) {
        Ok(source) => load(&source, diagnostics),
        Err(d) => {
            diagnostics.push(d);
            Vec::new()
        }
    }
}

/// Reads and parses `paths` on every core (a ward has thousands of plans and news items), keeping
/// their order and the order of their diagnostics, as if read one after the other.
fn load_each<T: Send>(
    root: &Path,
    paths: Vec<PathBuf>,
    diagnostics: &mut Diagnostics,
    load: impl Fn(&SourceText, &Path, &mut Diagnostics) -> Option<T> + Sync,
) -> Vec<T> {
    use rayon::prelude::*;
    let loaded: Vec<(Option<T>, Diagnostics)> = paths
        .par_iter()
        .map(|path| {
            let mut found = Diagnostics::new();
            let item = match read_source(root, path) {
                Ok(source) => load(&source, path, &mut found),
                Err(d) => {
                    found.push(d);
                    None
                }
            };
            (item, found)
        })
        .collect();
    let mut out = Vec::with_capacity(loaded.len());
    for (item, found) in loaded {
        diagnostics.extend(found);
        out.extend(item);
    }
    out
}

/// Reads a whole site folder. Returns `None` when site.toml cannot be read; every other problem
/// is recorded in `diagnostics` and loading goes on, so all problems are reported together.
pub fn load_site(root: &Path, diagnostics: &mut Diagnostics) -> Option<Loaded> {
    if !root.join("site.toml").is_file() {
        diagnostics.push(
            Diagnostic::error("io_missing_root", None).arg("root", root.display().to_string()),
        );
        return None;
    }
    let config = match read_source(root, Path::new("site.toml")) {
        Ok(source) => config::load(&source, diagnostics),
        Err(d) => {
            diagnostics.push(d);
            None
        }
    };
    let units = optional_registry(root, "data/units.toml", diagnostics, registry::load_units);
    let mut legal = optional_registry(root, "data/legal.toml", diagnostics, registry::load_legal);
    // The full texts to download, named from the site folder.
    for doc in &mut legal {
        if let Some((written, location)) = doc.file.clone() {
            doc.download = attachment::read(root, Path::new(""), &written, location, diagnostics)
                .map(|(file_name, bytes)| crate::model::Form {
                    title: doc.display_name(),
                    file_name,
                    bytes,
                });
        }
    }
    let days = optional_registry(root, "data/days.toml", diagnostics, registry::load_days);
    let procedures = optional_registry(
        root,
        "data/thu-tuc.toml",
        diagnostics,
        procedures::load_procedures,
    );
    let mut config = config?;
    logo::load(root, &mut config, diagnostics);

    let plan_defaults = plan::PlanDefaults {
        place: &config.name,
        signer: &config.default_signer,
        parent_body: &config.parent_body,
        issuing_body: &config.issuing_body,
    };
    let plan_paths = markdown_files(root, "content/plans");
    let plan_files: Vec<String> = plan_paths.iter().map(|p| slug_of(p)).collect();
    let plans = load_each(root, plan_paths, diagnostics, |source, path, found| {
        plan::load(source, slug_of(path), &plan_defaults, found)
    });
    let read_articles = |dir: &str, kind: ArticleKind, diagnostics: &mut Diagnostics| {
        load_each(
            root,
            markdown_files(root, dir),
            diagnostics,
            |source, path, found| article::load(source, kind, slug_of(path), found),
        )
    };
    let news = read_articles("content/news", ArticleKind::News, diagnostics);
    let pages = read_articles("content/pages", ArticleKind::Page, diagnostics);
    let questions = load_each(
        root,
        markdown_files(root, "content/hoi-dap"),
        diagnostics,
        |source, path, found| question::load(source, slug_of(path), found),
    );
    let read_budget_file = |relative: &Path| read_source(root, relative);
    let mut budgets: Vec<crate::model::BudgetTable> = files_in(root, "data/ngan-sach", &["toml"])
        .into_iter()
        .filter_map(|path| match read_source(root, &path) {
            Ok(source) => budget::load(&source, &read_budget_file, diagnostics),
            Err(d) => {
                diagnostics.push(d);
                None
            }
        })
        .collect();
    budgets.sort_by(|a, b| b.year.cmp(&a.year).then_with(|| a.slug.cmp(&b.slug)));
    let theme_at =
        SourceText::new("site.toml", config.source_text.to_string()).key_location("giao_dien", 0);
    let theme = theme::load(root, &config.theme, theme_at, diagnostics);
    confine::check_links(root, &config.theme, diagnostics);
    let stats = stats::load(root, &config, diagnostics);
    let mut leaflets = Vec::new();
    for path in markdown_files(root, "content/leaflets") {
        match read_source(root, &path) {
            Ok(source) => {
                if let Some(l) = leaflet::load(&source, slug_of(&path), diagnostics) {
                    leaflets.push(l);
                }
            }
            Err(d) => diagnostics.push(d),
        }
    }
    let benefits = load_each(
        root,
        markdown_files(root, BENEFITS_DIR),
        diagnostics,
        |source, path, found| benefit::load(root, source, slug_of(path), found),
    );
    let fonts = fonts::load(root, &config, diagnostics);
    let spoken = abbreviations::load(root, diagnostics);

    let mut loaded = Loaded {
        root: root.to_path_buf(),
        config,
        plans,
        units,
        legal,
        days,
        procedures,
        questions,
        budgets,
        news,
        pages,
        theme,
        stats,
        leaflets,
        benefits,
        plan_files,
        fonts,
        spoken,
        photos: Default::default(),
    };
    loaded.photos = photos::read_headers(root, &photos::uses(&loaded));
    Some(loaded)
}
