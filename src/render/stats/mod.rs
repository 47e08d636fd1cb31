//! The statistics part of the site: the `/so-lieu/` dashboard, a page per indicator, a page per
//! campaign, a page per periodic report, and the open data files under `/du-lieu/` (CSV and JSON
//! per indicator, with a README of the fields and the licence).

mod open_data;
mod pages;

use tera::Context;

use crate::derive::Derived;
use crate::diagnostics::Diagnostic;
use crate::model::Site;
use crate::render::inline::Linker;
use crate::render::view::{Link, SiteView};
use crate::render::{
    Renderer, Sink, Stats, Templates, render_to_file, template_diagnostic, write_error,
};

/// Addresses of the statistics pages.
pub mod urls {
    /// The dashboard.
    pub const DASHBOARD: &str = "/so-lieu/";
    /// The open data folder (its index page).
    pub const OPEN_DATA: &str = "/du-lieu/";
    /// The open data README.
    pub const OPEN_DATA_README: &str = "/du-lieu/README.md";

    /// An indicator page.
    pub fn indicator(key: &str) -> String {
        format!("/so-lieu/{key}/")
    }
    /// A campaign page.
    pub fn campaign(slug: &str) -> String {
        format!("/chien-dich/{slug}/")
    }
    /// A report page.
    pub fn report(slug: &str) -> String {
        format!("/bao-cao/{slug}/")
    }
    /// A report's A4 PDF.
    pub fn report_pdf(slug: &str) -> String {
        format!("/in/bao-cao/{slug}.pdf")
    }
    /// An indicator's CSV file.
    pub fn csv(key: &str) -> String {
        format!("/du-lieu/{key}.csv")
    }
    /// An indicator's JSON file.
    pub fn json(key: &str) -> String {
        format!("/du-lieu/{key}.json")
    }
}

/// Every statistics page address (for the sitemap).
pub fn page_urls(site: &Site) -> Vec<String> {
    let stats = &site.stats;
    if stats.indicators.is_empty() {
        return Vec::new();
    }
    let mut out = vec![urls::DASHBOARD.to_owned(), urls::OPEN_DATA.to_owned()];
    out.extend(stats.indicators.iter().map(|i| urls::indicator(&i.key)));
    out.extend(stats.campaigns.iter().map(|c| urls::campaign(&c.slug)));
    out.extend(stats.reports.iter().map(|r| urls::report(&r.slug)));
    out
}

/// Renders the statistics pages and open data.
pub struct StatsRenderer<'a> {
    /// Compiled templates.
    pub templates: &'a Templates,
}

impl StatsRenderer<'_> {
    /// Renders a page into its file: 1 when written, else 0 with the problem in `errors`.
    fn page(
        &self,
        tera: &tera::Tera,
        template: &str,
        url: &str,
        context: &mut Context,
        sink: &dyn Sink,
        errors: &mut Vec<Diagnostic>,
    ) -> usize {
        context.insert("url", url);
        counted(
            render_to_file(tera, self.templates, template, context, url, sink),
            errors,
        )
    }
}

/// Writes a file: 1 when written, else 0 with the problem in `errors`.
fn put(sink: &dyn Sink, path: &str, bytes: &[u8], errors: &mut Vec<Diagnostic>) -> usize {
    counted(
        sink.put(path, bytes).map_err(|e| write_error(path, &e)),
        errors,
    )
}

fn counted(written: Result<(), Diagnostic>, errors: &mut Vec<Diagnostic>) -> usize {
    match written {
        Ok(()) => 1,
        Err(d) => {
            errors.push(d);
            0
        }
    }
}

impl Renderer for StatsRenderer<'_> {
    fn name(&self) -> &'static str {
        "stats"
    }

    fn render(
        &self,
        site: &Site,
        derived: &Derived,
        sink: &dyn Sink,
    ) -> Result<Stats, Vec<Diagnostic>> {
        let stats = &site.stats;
        if stats.indicators.is_empty() {
            return Ok(Stats::default());
        }
        let mut tera = self.templates.tera.clone();
        tera.global_context()
            .insert("site", &SiteView::new(site, derived));
        tera.global_context()
            .insert("illustrative", &stats.illustrative);
        tera.global_context().insert("threshold", &stats.threshold);
        tera.global_context().insert("licence", &stats.licence);
        tera.global_context()
            .insert("share_image", &crate::render::share::image_for(site, None));
        let linker = Linker {
            citations: &derived.citations,
            legal: &site.legal,
            photos: &site.photos,
            source: None,
        };
        let mut errors = Vec::new();
        let mut pages = 0;
        let mut files = 0;

        let (figures, links) = pages::dashboard(site, derived);
        let campaign_links: Vec<Link> = stats
            .campaigns
            .iter()
            .map(|c| Link {
                title: c.title.clone(),
                url: urls::campaign(&c.slug),
            })
            .collect();
        let report_links: Vec<Link> = stats
            .reports
            .iter()
            .map(|r| Link {
                title: r.title.clone(),
                url: urls::report(&r.slug),
            })
            .collect();
        let mut c = Context::new();
        c.insert("figures", &figures);
        c.insert("indicators", &links);
        c.insert("campaigns", &campaign_links);
        c.insert("reports", &report_links);
        c.insert("open_data_url", urls::OPEN_DATA);
        c.insert("readme_url", urls::OPEN_DATA_README);
        pages += self.page(
            &tera,
            "so_lieu.html",
            urls::DASHBOARD,
            &mut c,
            sink,
            &mut errors,
        );
        pages += self.page(
            &tera,
            "du_lieu.html",
            urls::OPEN_DATA,
            &mut c,
            sink,
            &mut errors,
        );
        c.insert(
            "updated",
            &derived.build_date.format("%Y-%m-%d").to_string(),
        );
        match tera.render("du_lieu_readme.md", &c) {
            Ok(text) => {
                files += put(
                    sink,
                    urls::OPEN_DATA_README.trim_start_matches('/'),
                    text.as_bytes(),
                    &mut errors,
                )
            }
            Err(e) => errors.push(template_diagnostic(
                &e,
                &self.templates.paths,
                Some(urls::OPEN_DATA_README),
            )),
        }

        for i in 0..stats.indicators.len() {
            let page = pages::indicator_page(site, derived, i);
            let mut c = Context::new();
            c.insert("indicator", &page);
            pages += self.page(&tera, "chi_so.html", &page.url, &mut c, sink, &mut errors);
            for (path, made) in open_data::indicator_files(site, derived, i) {
                match made {
                    Ok(bytes) => {
                        files += put(sink, path.trim_start_matches('/'), &bytes, &mut errors)
                    }
                    Err(reason) => errors.push(
                        Diagnostic::error("output_error", None)
                            .arg("path", path)
                            .arg("reason", reason),
                    ),
                }
            }
        }

        for (n, campaign) in stats.campaigns.iter().enumerate() {
            let page = pages::campaign_page(site, derived, &linker, n);
            let mut c = Context::new();
            c.insert("campaign", &page);
            c.insert(
                "share_image",
                &crate::render::share::image_for(
                    site,
                    Some((crate::render::share::ShareKind::Campaign, &campaign.slug)),
                ),
            );
            pages += self.page(
                &tera,
                "chien_dich.html",
                &page.url,
                &mut c,
                sink,
                &mut errors,
            );
        }

        for n in 0..stats.reports.len() {
            let page = pages::report_page(site, derived, &linker, n);
            let mut c = Context::new();
            c.insert("report", &page);
            pages += self.page(&tera, "bao_cao.html", &page.url, &mut c, sink, &mut errors);
        }

        if errors.is_empty() {
            Ok(Stats {
                pages,
                files: pages + files,
            })
        } else {
            errors.dedup_by(|a, b| a.location == b.location && a.code == b.code);
            Err(errors)
        }
    }
}
