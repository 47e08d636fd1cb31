//! Print products under `output/in/`: each plan and letter as an A4 PDF in the Nghị định 30/2020
//! layout (PDF/A-2b), leaflets (A4 tri-fold and A5), an A3 poster and a banner for each
//! commemorative day, and loudspeaker scripts (text and PDF).
//!
//! The layout and the words live in the theme (`print/*.typ` for Typst, `templates/phat_thanh*.txt`
//! for the scripts); this module turns the model into JSON data for them. Each script is written
//! twice as text: as the announcer reads it (`.txt`) and for text-to-speech engines, every number
//! in words (`.doc-may.txt`). PDFs are typeset
//! in-process by Typst (cargo feature `pdf`, on by default); without it only the text scripts
//! are written.

pub mod broadcast;
pub mod data;
#[cfg(feature = "pdf")]
pub mod engine;
#[cfg(feature = "pdf")]
pub mod pdfs;
#[cfg(feature = "pdf")]
mod probe;
pub mod raster;
pub mod report;
mod table;

use serde::Serialize;

use crate::derive::Derived;
use crate::diagnostics::Diagnostic;
use crate::model::Site;
use crate::render::html::Job;
use crate::render::{Renderer, Sink, Stats, Templates, urls};

/// Addresses of the print products of a page (absent when the build does not make them).
#[derive(Debug, Default, Serialize)]
pub struct PrintLinks {
    /// The document PDF (plans and letters).
    pub pdf: Option<String>,
    /// The leaflet, A4 tri-fold.
    pub leaflet: Option<String>,
    /// The leaflet, A5.
    pub leaflet_a5: Option<String>,
    /// The A3 poster.
    pub poster: Option<String>,
    /// The banner.
    pub banner: Option<String>,
    /// The loudspeaker script as text.
    pub script_txt: Option<String>,
    /// The script for text-to-speech engines (every number in words).
    pub script_words: Option<String>,
    /// The loudspeaker script as PDF.
    pub script_pdf: Option<String>,
}

/// The print products linked from the page of `job` in this build (the PDFs only when it
/// makes them).
pub fn links(site: &Site, job: Job) -> PrintLinks {
    product_links(site, job, site.outputs.pdf)
}

/// Every address a full build writes under `output/in/`: the products of every page, written
/// leaflets and reports. What `loa check` resolves links against.
pub fn product_urls(site: &Site) -> Vec<String> {
    let mut jobs: Vec<Job> = (0..site.plans.len()).map(Job::Plan).collect();
    jobs.extend((0..site.days.len()).map(Job::Day));
    jobs.extend((0..site.news.len()).map(Job::News));
    let mut out: Vec<String> = jobs
        .into_iter()
        .flat_map(|job| {
            let l = product_links(site, job, true);
            [
                l.pdf,
                l.leaflet,
                l.leaflet_a5,
                l.poster,
                l.banner,
                l.script_txt,
                l.script_words,
                l.script_pdf,
            ]
        })
        .flatten()
        .collect();
    for leaflet in &site.leaflets {
        out.push(urls::leaflet_pdf(&leaflet.slug));
        out.push(urls::leaflet_a5_pdf(&leaflet.slug));
    }
    out.extend(
        site.stats
            .reports
            .iter()
            .map(|r| crate::render::stats::urls::report_pdf(&r.slug)),
    );
    out
}

fn product_links(site: &Site, job: Job, pdf: bool) -> PrintLinks {
    let when = |url: String| pdf.then_some(url);
    match job {
        Job::Plan(i) | Job::PlanPrint(i) => PrintLinks {
            pdf: when(urls::plan_pdf(&site.plans[i].slug)),
            ..PrintLinks::default()
        },
        Job::Day(i) => {
            let day = &site.days[i];
            let leaflet = site
                .leaflets
                .iter()
                .find(|l| l.day.as_deref() == Some(day.id.as_str()))
                .map_or(day.id.as_str(), |l| l.slug.as_str());
            PrintLinks {
                pdf: None,
                leaflet: when(urls::leaflet_pdf(leaflet)),
                leaflet_a5: when(urls::leaflet_a5_pdf(leaflet)),
                poster: when(urls::poster_pdf(&day.id)),
                banner: when(urls::banner_pdf(&day.id)),
                script_txt: Some(urls::day_broadcast(&day.id, "txt")),
                script_words: Some(urls::day_broadcast(&day.id, urls::MACHINE_SCRIPT)),
                script_pdf: when(urls::day_broadcast(&day.id, "pdf")),
            }
        }
        Job::News(i) if site.news[i].broadcast => {
            let slug = &site.news[i].slug;
            PrintLinks {
                script_txt: Some(urls::news_broadcast(slug, "txt")),
                script_words: Some(urls::news_broadcast(slug, urls::MACHINE_SCRIPT)),
                script_pdf: when(urls::news_broadcast(slug, "pdf")),
                ..PrintLinks::default()
            }
        }
        _ => PrintLinks::default(),
    }
}

/// Writes the print products.
pub struct PrintRenderer<'a> {
    /// Compiled templates (for the scripts' text).
    pub templates: &'a Templates,
}

impl Renderer for PrintRenderer<'_> {
    fn name(&self) -> &'static str {
        "print"
    }

    fn render(
        &self,
        site: &Site,
        derived: &Derived,
        sink: &dyn Sink,
    ) -> Result<Stats, Vec<Diagnostic>> {
        let scripts = broadcast::scripts(site, derived, self.templates)?;
        let mut stats = Stats::default();
        for script in &scripts {
            let path = format!("{}.txt", script.base.trim_start_matches('/'));
            sink.put(&path, script.text().as_bytes())
                .map_err(|e| vec![data::write_error(&path, &e)])?;
            let path = format!(
                "{}.{}",
                script.base.trim_start_matches('/'),
                urls::MACHINE_SCRIPT
            );
            sink.put(&path, script.machine_text().as_bytes())
                .map_err(|e| vec![data::write_error(&path, &e)])?;
            stats.files += 2;
        }
        #[cfg(feature = "pdf")]
        if site.outputs.pdf {
            let pass = if site.outputs.pdf_in_background {
                pdfs::PdfPass::Cached
            } else {
                pdfs::PdfPass::All
            };
            stats += pdfs::render_pdfs(site, derived, &scripts, sink, pass)?;
        }
        Ok(stats)
    }
}

/// Typesets the PDFs the product cache does not hold and writes them (and keeps them) through
/// `sink`: the second half of a build made with `pdf_in_background`.
#[cfg(feature = "pdf")]
pub fn render_uncached_pdfs(
    site: &Site,
    derived: &Derived,
    templates: &Templates,
    sink: &dyn Sink,
) -> Result<Stats, Vec<Diagnostic>> {
    let scripts = broadcast::scripts(site, derived, templates)?;
    pdfs::render_pdfs(site, derived, &scripts, sink, pdfs::PdfPass::Uncached)
}
