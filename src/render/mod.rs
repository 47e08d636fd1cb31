//! Render: the site as files (HTML pages, feeds, sitemap, calendar file, assets), written through a
//! [`Sink`]. Renderers never read files: the theme's sources come in the [`Site`].

pub mod benefit;
pub mod budget;
pub mod document;
pub mod feeds;
pub mod html;
pub mod inline;
pub mod photos;
pub mod posts;
pub mod print;
pub mod search;
pub mod share;
pub mod spoken;
pub mod stats;
pub mod urls;
pub mod view;

use std::collections::BTreeMap;

use crate::derive::Derived;
use crate::diagnostics::{Diagnostic, Location};
use crate::model::{Site, ThemeFiles};

/// Where rendered files go (the write stage implements it). Must accept writes from several threads.
pub trait Sink: Sync {
    /// Writes `bytes` to `path` (relative, `/`-separated).
    fn put(&self, path: &str, bytes: &[u8]) -> std::io::Result<()>;

    /// A product an earlier build made from the same inputs: `key` is the [`digest`] of every
    /// input of the product. `None` when nothing is kept (the default) or nothing matches.
    fn recall(&self, _key: &str) -> Option<Vec<u8>> {
        None
    }

    /// Keeps a product under `key` for later builds. Keeping is only a speed-up: failures are
    /// ignored.
    fn remember(&self, _key: &str, _bytes: &[u8]) {}
}

/// SHA-256 of `parts` (each prefixed by its length, so that parts cannot run into each other),
/// as lowercase hex: the key of a kept product. loa's version is always part of it.
pub fn digest(parts: &[&[u8]]) -> String {
    use sha2::Digest;
    let mut hasher = sha2::Sha256::new();
    hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
    for part in parts {
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part);
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// What a renderer produced.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Stats {
    /// HTML pages.
    pub pages: usize,
    /// All files, pages included.
    pub files: usize,
}

impl std::ops::AddAssign for Stats {
    fn add_assign(&mut self, other: Stats) {
        self.pages += other.pages;
        self.files += other.files;
    }
}

/// One output format (site pages, feeds, print documents...), in the manner of mdBook's renderers.
pub trait Renderer: Sync {
    /// A short name for messages.
    fn name(&self) -> &'static str;
    /// Renders everything this renderer makes into `sink`.
    fn render(
        &self,
        site: &Site,
        derived: &Derived,
        sink: &dyn Sink,
    ) -> Result<Stats, Vec<Diagnostic>>;
}

/// The compiled theme templates.
pub struct Templates {
    /// The Tera engine with every template added.
    pub tera: tera::Tera,
    /// Template name -> path shown in messages.
    pub paths: BTreeMap<String, std::path::PathBuf>,
}

/// Compiles the theme's templates; syntax errors name the template file, line and column.
pub fn compile_templates(theme: &ThemeFiles) -> Result<Templates, Vec<Diagnostic>> {
    let mut tera = tera::Tera::new();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.register_filter("so", |value: i64, _: tera::Kwargs, _: &tera::State| {
        crate::locale::format::integer(value)
    });
    let paths: BTreeMap<String, std::path::PathBuf> = theme
        .templates
        .iter()
        .map(|(name, path, _)| (name.clone(), path.clone()))
        .collect();
    let sources: Vec<(&str, &str)> = theme
        .templates
        .iter()
        .map(|(name, _, source)| (name.as_str(), source.as_str()))
        .collect();
    match tera.add_raw_templates(sources) {
        Ok(()) => Ok(Templates { tera, paths }),
        Err(error) => Err(vec![template_diagnostic(&error, &paths, None)]),
    }
}

/// Text made safe to put in HTML (`&`, `<`, `>`, `"`).
pub fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A write failure as a diagnostic.
pub fn write_error(path: &str, error: &std::io::Error) -> Diagnostic {
    Diagnostic::error("output_error", None)
        .arg("path", path.to_owned())
        .arg("reason", error.to_string())
}

/// Renders `template` with `context` and writes it to the file of address `url`.
pub fn render_to_file(
    tera: &tera::Tera,
    templates: &Templates,
    template: &str,
    context: &tera::Context,
    url: &str,
    sink: &dyn Sink,
) -> Result<(), Diagnostic> {
    let text = tera
        .render(template, context)
        .map_err(|e| template_diagnostic(&e, &templates.paths, Some(url)))?;
    let file = urls::file_for(url);
    sink.put(&file, text.as_bytes())
        .map_err(|e| write_error(&file, &e))
}

/// Turns a Tera error into a located diagnostic.
pub fn template_diagnostic(
    error: &tera::Error,
    paths: &BTreeMap<String, std::path::PathBuf>,
    page: Option<&str>,
) -> Diagnostic {
    let (location, detail) = match error.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            let file = paths
                .get(report.filename())
                .cloned()
                .unwrap_or_else(|| report.filename().into());
            let span = report.span();
            (
                Some(Location::new(file, span.start_line, span.start_col + 1)),
                report.message().to_owned(),
            )
        }
        other => (None, other.to_string()),
    };
    match page {
        Some(page) => Diagnostic::error("render_error", location)
            .arg("page", page.to_owned())
            .arg("detail", detail),
        None => Diagnostic::error("template_error", location).arg("detail", detail),
    }
}

/// The renderers of a build, in order.
pub fn renderers<'a>(templates: &'a Templates) -> Vec<Box<dyn Renderer + 'a>> {
    vec![
        Box::new(html::HtmlRenderer { templates }),
        Box::new(feeds::FeedRenderer { templates }),
        Box::new(posts::PostRenderer { templates }),
        Box::new(stats::StatsRenderer { templates }),
        Box::new(budget::BudgetCsvRenderer),
        Box::new(search::SearchRenderer { templates }),
        Box::new(print::PrintRenderer { templates }),
    ]
}
