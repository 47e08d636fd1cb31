//! The pipeline: load -> validate -> model -> derive -> render -> write.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use crate::derive::{self, Derived};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::Site;
use crate::render::{self, Stats, Templates};
use crate::write::{ProductCache, Staging};
use crate::{load, validate};

/// What a build needs to know.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site folder (holds site.toml).
    pub root: PathBuf,
    /// Output folder.
    pub out: PathBuf,
    /// The date pages are built for.
    pub date: NaiveDate,
    /// Which optional products to make.
    pub outputs: crate::model::Outputs,
}

/// A site checked and ready to render.
pub struct Checked {
    /// The model.
    pub site: Site,
    /// Derived data.
    pub derived: Derived,
    /// Compiled templates.
    pub templates: Templates,
}

/// Everything a run reports.
#[derive(Debug, Default)]
pub struct Report {
    /// Problems found.
    pub diagnostics: Diagnostics,
    /// What was written (zero when nothing was).
    pub stats: Stats,
    /// Wall time.
    pub elapsed: Duration,
    /// Wall time of each stage, in order (`loa build --timings` prints them).
    pub timings: Vec<(&'static str, Duration)>,
    /// Photos the media step decoded (the others came from `.loa/cache`).
    pub photos_decoded: usize,
    /// Photos left to `loa serve`'s background pass (a preview build makes only cached ones).
    pub photos_pending: usize,
}

/// Load, validate, derive and compile templates, collecting every problem.
pub fn check(root: &Path, date: NaiveDate, diagnostics: &mut Diagnostics) -> Option<Checked> {
    check_timed(root, date, diagnostics, &mut Vec::new())
}

/// [`check`], adding the wall time of loading, validating, deriving and compiling the templates
/// to `timings`.
fn check_timed(
    root: &Path,
    date: NaiveDate,
    diagnostics: &mut Diagnostics,
    timings: &mut Vec<(&'static str, Duration)>,
) -> Option<Checked> {
    let mut stage = Instant::now();
    let mut lap = |name: &'static str, timings: &mut Vec<(&'static str, Duration)>| {
        timings.push((name, stage.elapsed()));
        stage = Instant::now();
    };
    let loaded = load::load_site(root, diagnostics);
    lap("load", timings);
    let site = validate::validate(loaded?, date, diagnostics);
    lap("validate", timings);
    let derived = derive::derive(&site, date);
    lap("derive", timings);
    for unresolved in &derived.unresolved {
        diagnostics.push(
            Diagnostic::warning("citation_unknown", Some(unresolved.location.clone()))
                .arg("citation", unresolved.text.clone())
                .arg("key", unresolved.key.clone()),
        );
    }
    for warning in derived.stats.diagnostics() {
        diagnostics.push(warning);
    }
    let templates = match render::compile_templates(&site.theme) {
        Ok(t) => Some(t),
        Err(errors) => {
            errors.into_iter().for_each(|e| diagnostics.push(e));
            None
        }
    };
    lap("templates", timings);
    Some(Checked {
        site,
        derived,
        templates: templates?,
    })
}

/// Renders a checked site into `sink`. The renderers run side by side (the search index is mostly
/// one long single-threaded task; the pages are rendered on the other cores meanwhile).
pub fn render_into(checked: &Checked, sink: &dyn render::Sink) -> Result<Stats, Vec<Diagnostic>> {
    render_timed(checked, sink, &mut Vec::new())
}

/// [`render_into`], adding each renderer's wall time to `timings`.
fn render_timed(
    checked: &Checked,
    sink: &dyn render::Sink,
    timings: &mut Vec<(&'static str, Duration)>,
) -> Result<Stats, Vec<Diagnostic>> {
    use rayon::prelude::*;
    let mut stats = Stats::default();
    let mut errors = Vec::new();
    let renderers = render::renderers(&checked.templates);
    let results: Vec<_> = renderers
        .par_iter()
        .map(|renderer| {
            let started = Instant::now();
            let result = renderer.render(&checked.site, &checked.derived, sink);
            (renderer.name(), started.elapsed(), result)
        })
        .collect();
    for (name, took, result) in results {
        timings.push((name, took));
        match result {
            Ok(s) => stats += s,
            Err(e) => errors.extend(e),
        }
    }
    if errors.is_empty() {
        Ok(stats)
    } else {
        Err(errors)
    }
}

/// Builds the site into `options.out`. The output folder changes only when the whole build succeeds.
pub fn build(options: &BuildOptions) -> Report {
    build_keeping(options).0
}

/// [`build`], also handing back the checked site when the build succeeded (`loa serve` keeps it
/// to rebuild only what an edit affects).
pub fn build_keeping(options: &BuildOptions) -> (Report, Option<Checked>) {
    let started = Instant::now();
    let mut report = Report::default();
    // Refused before anything is read, and reported with the site's own problems.
    if let Err(refusal) = crate::write::check_output(&options.root, &options.out) {
        report.diagnostics.push(refusal.diagnostic(&options.out));
    }
    let checked = check_timed(
        &options.root,
        options.date,
        &mut report.diagnostics,
        &mut report.timings,
    );
    let Some(mut checked) = checked.filter(|_| !report.diagnostics.has_errors()) else {
        report.elapsed = started.elapsed();
        return (report, None);
    };
    checked.site.outputs = options.outputs;
    let staging = match Staging::new(&options.out) {
        Ok(s) => s.with_cache(ProductCache::for_site(&options.root)),
        Err(e) => {
            report.diagnostics.push(
                Diagnostic::error("output_error", None)
                    .arg("path", options.out.display().to_string())
                    .arg("reason", e.to_string()),
            );
            report.elapsed = started.elapsed();
            return (report, None);
        }
    };
    // The print renderer takes the leaflets' photos at print resolution from `Derived`.
    if checked.site.outputs.pdf {
        match crate::media::prepare_print(&checked.site, &staging) {
            Ok(photos) => checked.derived.print_photos = photos,
            Err(errors) => {
                errors.into_iter().for_each(|e| report.diagnostics.push(e));
                report.elapsed = started.elapsed();
                return (report, None);
            }
        }
    }
    let (rendered, media) = rayon::join(
        || render_timed(&checked, &staging, &mut report.timings),
        || {
            let started = Instant::now();
            (
                crate::media::publish(&checked.site, &staging, options.outputs.pdf_in_background),
                started.elapsed(),
            )
        },
    );
    let (media, media_took) = media;
    report.timings.push(("photos", media_took));
    let rendered = match (rendered, media) {
        (Ok(mut stats), Ok(media)) => {
            stats.files += media.files;
            report.photos_decoded = media.decoded;
            report.photos_pending = media.pending;
            Ok(stats)
        }
        (Err(mut a), Err(b)) => {
            a.extend(b);
            Err(a)
        }
        (Err(e), _) | (_, Err(e)) => Err(e),
    };
    match rendered {
        Ok(stats) => {
            let committing = Instant::now();
            // Only a build that made every product knows which ones are still needed: prune what
            // it did not use. A `--no-pdf` or `--no-search` build keeps the other products' cache.
            if let Some(cache) = staging
                .cache()
                .filter(|_| options.outputs.makes_every_product())
            {
                let _ = cache.prune();
            }
            let committed = staging.commit(&options.out);
            report.timings.push(("commit", committing.elapsed()));
            match committed {
                Ok(()) => report.stats = stats,
                Err(e) => report.diagnostics.push(
                    Diagnostic::error("output_error", None)
                        .arg("path", options.out.display().to_string())
                        .arg("reason", e.to_string()),
                ),
            }
        }
        Err(errors) => errors.into_iter().for_each(|e| report.diagnostics.push(e)),
    }
    report.elapsed = started.elapsed();
    let ok = !report.diagnostics.has_errors();
    (report, ok.then_some(checked))
}
