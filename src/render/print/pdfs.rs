//! The PDF pass: every print product (plans, reports, leaflets, posters, banners, scripts) with
//! the data its template receives, typeset on threads with large stacks, copied from the product
//! cache when its inputs did not change. A leaflet far longer than its page limit is refused
//! after typesetting only its beginning ([`super::probe`]).

use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::NaiveDate;
use serde_json::{Value, json};

use super::data::{
    day_data, day_date, day_leaflet_data, leaflet_data, plan_data, qr_svg, site_data, write_error,
};
use crate::derive::Derived;
use crate::diagnostics::{Diagnostic, Location};
use crate::model::Site;
use crate::render::urls;

/// Stack size of the typesetting threads.
const TYPESETTING_STACK: usize = 64 << 20;

/// Every this many compilations, Typst's memoized results that none of them reused are dropped.
/// (Evicting walks the whole cache, so doing it after every document costs more than the
/// documents; never doing it keeps every document's layout in memory.)
const EVICT_EVERY: usize = 32;

/// The data of a product, made when it is typeset (holding every plan's data at once would
/// cost more memory than the documents).
enum ProductData {
    /// Made already (small).
    Ready(Value),
    /// The plan at this index of `site.plans`.
    Plan(usize),
}

struct Product {
    path: String,
    template: &'static str,
    data: ProductData,
    qr: Option<String>,
    origin: Location,
    date: NaiveDate,
    archival: bool,
    page_limit: Option<usize>,
    /// A long leaflet's beginning, typeset first, and where it ends in the source.
    beginning: Option<(Value, Location)>,
    /// A picture (share card, icon) of this width in pixels instead of a PDF.
    png_width: Option<u32>,
}

/// The templates whose products a print shop gets with bleed and crop marks.
const PRINT_SHOP_TEMPLATES: [&str; 4] = [
    "to-roi.typ",
    "to-roi-a5.typ",
    "ap-phich.typ",
    "bang-ron.typ",
];

/// The print-shop copies of the leaflets, posters and banners among `products`: the same data
/// with `nha_in` set (the templates then add 3 mm bleed and crop marks), under `in/nha-in/`. The
/// copies are not probed for length: their web products already are, with the same content.
fn print_shop_copies(products: &[Product]) -> Vec<Product> {
    products
        .iter()
        .filter(|p| PRINT_SHOP_TEMPLATES.contains(&p.template))
        .filter_map(|p| {
            let ProductData::Ready(Value::Object(data)) = &p.data else {
                return None;
            };
            let mut data = data.clone();
            data.insert("nha_in".into(), Value::Bool(true));
            Some(Product {
                path: urls::print_shop_pdf(&p.path),
                template: p.template,
                data: ProductData::Ready(Value::Object(data)),
                qr: p.qr.clone(),
                origin: p.origin.clone(),
                date: p.date,
                archival: false,
                page_limit: p.page_limit,
                beginning: None,
                png_width: None,
            })
        })
        .collect()
}

/// The share cards (1200 x 630: every shared item and the site's own) and the site's icons.
fn pictures(site: &Site, derived: &Derived) -> Vec<Product> {
    use crate::render::share;
    let site_origin = Location::file("site.toml");
    let mut out: Vec<Product> = share::shareables(site, derived)
        .into_iter()
        .map(|item| Product {
            path: item.card.clone(),
            template: "the-chia-se.typ",
            data: ProductData::Ready(share::card_data(site, derived, Some(&item))),
            qr: None,
            origin: item.origin.clone(),
            date: item.date,
            archival: false,
            page_limit: None,
            beginning: None,
            png_width: Some(1200),
        })
        .collect();
    out.push(Product {
        path: share::SITE_CARD.to_owned(),
        template: "the-chia-se.typ",
        data: ProductData::Ready(share::card_data(site, derived, None)),
        qr: None,
        origin: site_origin.clone(),
        date: share::undated(),
        archival: false,
        page_limit: None,
        beginning: None,
        png_width: Some(1200),
    });
    let icon_data = json!({
        "site": site_data(site),
        "logo": site.config.logo.as_ref().map(|l| l.virtual_path()),
    });
    for size in share::ICON_SIZES {
        out.push(Product {
            path: share::icon_url(size),
            template: "bieu-tuong.typ",
            data: ProductData::Ready(icon_data.clone()),
            qr: None,
            origin: site_origin.clone(),
            date: share::undated(),
            archival: false,
            page_limit: None,
            beginning: None,
            png_width: Some(size),
        });
    }
    out
}

/// Which PDFs a pass writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PdfPass {
    /// Every PDF: copied from the product cache, else typeset.
    All,
    /// Only those the product cache holds (nothing is typeset).
    Cached,
    /// Only those it does not hold (typeset and kept).
    Uncached,
}

/// Typesets the PDF products of `pass` and writes them; returns the files written.
pub fn render_pdfs(
    site: &Site,
    derived: &Derived,
    scripts: &[super::broadcast::Script],
    sink: &dyn crate::render::Sink,
    pass: PdfPass,
) -> Result<crate::render::Stats, Vec<Diagnostic>> {
    use rayon::prelude::*;

    let mut products = Vec::new();
    let mut errors = Vec::new();
    for (i, plan) in site.plans.iter().enumerate() {
        products.push(Product {
            path: urls::plan_pdf(&plan.slug),
            template: "van-ban.typ",
            data: ProductData::Plan(i),
            qr: None,
            origin: Location::file(plan.source.clone()),
            date: plan.date.earliest().unwrap_or(derived.build_date),
            archival: true,
            page_limit: None,
            beginning: None,
            png_width: None,
        });
    }
    for (r, report) in site.stats.reports.iter().enumerate() {
        products.push(Product {
            path: crate::render::stats::urls::report_pdf(&report.slug),
            template: "bao-cao.typ",
            data: ProductData::Ready(super::report::report_data(
                site,
                derived,
                r,
                &site.fonts.family,
            )),
            qr: None,
            origin: report.location.clone(),
            date: super::report::report_date(report),
            archival: true,
            page_limit: None,
            beginning: None,
            png_width: None,
        });
    }
    let mut leaflets: Vec<(String, Value, String, Location, NaiveDate)> = Vec::new();
    let mut beginnings: Vec<Option<(Value, Location)>> = Vec::new();
    for leaflet in &site.leaflets {
        let (data, url) = leaflet_data(site, derived, leaflet);
        let date = leaflet
            .day
            .as_ref()
            .and_then(|id| site.days.iter().position(|d| &d.id == id))
            .map_or(derived.build_date, |i| day_date(derived, i));
        beginnings.push(super::probe::beginning(&data).map(|b| {
            // The line of the block where the beginning ends (the file, for facts or help).
            let line = b.at.and_then(|(s, block)| {
                let section = leaflet.sections.get(s)?;
                Some(section.blocks.get(block).map_or(section.line, |b| b.line))
            });
            let at = Location::new(leaflet.source.clone(), line.unwrap_or(1), 1);
            (b.data, at)
        }));
        leaflets.push((
            leaflet.slug.clone(),
            data,
            url,
            Location::file(leaflet.source.clone()),
            date,
        ));
    }
    for (i, day) in site.days.iter().enumerate() {
        let origin = Location::new("data/days.toml", day.line, 1);
        let date = day_date(derived, i);
        let written = site
            .leaflets
            .iter()
            .any(|l| l.day.as_deref() == Some(day.id.as_str()) || l.slug == day.id);
        if !written {
            let (data, url) = day_leaflet_data(site, derived, i);
            beginnings.push(super::probe::beginning(&data).map(|b| (b.data, origin.clone())));
            leaflets.push((day.id.clone(), data, url, origin.clone(), date));
        }
        let data = day_data(site, derived, i);
        // The poster's QR code leads to the day's page (the address printed under it).
        let qr = match qr_svg(data["day"]["url"].as_str().unwrap_or_default()) {
            Ok(svg) => Some(svg),
            Err(detail) => {
                errors.push(
                    Diagnostic::error("print_template_error", Some(origin.clone()))
                        .arg("product", urls::poster_pdf(&day.id))
                        .arg("detail", detail),
                );
                continue;
            }
        };
        products.push(Product {
            path: urls::poster_pdf(&day.id),
            template: "ap-phich.typ",
            data: ProductData::Ready(data.clone()),
            qr,
            origin: origin.clone(),
            date,
            archival: false,
            page_limit: None,
            beginning: None,
            png_width: None,
        });
        products.push(Product {
            path: urls::banner_pdf(&day.id),
            template: "bang-ron.typ",
            data: ProductData::Ready(data),
            qr: None,
            origin,
            date,
            archival: false,
            page_limit: None,
            beginning: None,
            png_width: None,
        });
    }
    for ((slug, data, url, origin, date), beginning) in leaflets.into_iter().zip(beginnings) {
        let qr = match qr_svg(&url) {
            Ok(svg) => svg,
            Err(detail) => {
                errors.push(
                    Diagnostic::error("print_template_error", Some(origin.clone()))
                        .arg("product", urls::leaflet_pdf(&slug))
                        .arg("detail", detail),
                );
                continue;
            }
        };
        products.push(Product {
            path: urls::leaflet_pdf(&slug),
            template: "to-roi.typ",
            data: ProductData::Ready(data.clone()),
            qr: Some(qr.clone()),
            origin: origin.clone(),
            date,
            archival: false,
            page_limit: Some(2),
            beginning: beginning.clone(),
            png_width: None,
        });
        products.push(Product {
            path: urls::leaflet_a5_pdf(&slug),
            template: "to-roi-a5.typ",
            data: ProductData::Ready(data),
            qr: Some(qr),
            origin,
            date,
            archival: false,
            page_limit: Some(2),
            beginning,
            png_width: None,
        });
    }
    for script in scripts {
        products.push(Product {
            path: format!("{}.pdf", script.base),
            template: "phat-thanh.typ",
            data: ProductData::Ready(json!({"site": site_data(site), "script": script})),
            qr: None,
            origin: script.origin.clone(),
            date: script.date,
            archival: false,
            page_limit: None,
            beginning: None,
            png_width: None,
        });
    }

    if site.outputs.print_shop {
        products.extend(print_shop_copies(&products));
    }
    products.extend(pictures(site, derived));

    let engine = super::engine::Engine::for_site(site);
    let compiled = AtomicUsize::new(0);
    // The theme's print sources and the print font (the site's family and its faces' bytes).
    let theme_digest = {
        let mut sources: Vec<&[u8]> = site
            .theme
            .print
            .iter()
            .flat_map(|(name, _, source)| [name.as_bytes(), source.as_bytes()])
            .collect();
        sources.push(site.fonts.family.as_bytes());
        sources.extend(site.fonts.faces.iter().map(|face| &face.data[..]));
        crate::render::digest(&sources)
    };
    // Typst recurses deeply (more so in debug builds): typeset on threads with large stacks.
    let pool = rayon::ThreadPoolBuilder::new()
        .stack_size(TYPESETTING_STACK)
        .build()
        .map_err(|e| vec![write_error("in/", &std::io::Error::other(e.to_string()))])?;
    let results: Vec<Result<usize, Vec<Diagnostic>>> = pool.install(|| {
        products
            .par_iter()
            .map(|p| {
                let path = p.path.trim_start_matches('/');
                let made;
                let data = match &p.data {
                    ProductData::Ready(value) => value,
                    ProductData::Plan(i) => {
                        made = plan_data(site, &site.plans[*i]);
                        &made
                    }
                };
                let job = super::engine::Job {
                    template: p.template,
                    data,
                    qr_svg: p.qr.clone(),
                    product: path.to_owned(),
                    origin: p.origin.clone(),
                    ident: path.to_owned(),
                    date: p.date,
                    archival: p.archival,
                    // The data names the photo by its digest (so the cache key covers it).
                    photo: data
                        .pointer("/leaflet/photo/digest")
                        .or_else(|| data.pointer("/photo/digest"))
                        .and_then(Value::as_str)
                        .and_then(|digest| derived.print_photos.get(digest))
                        .map(|bytes| typst::foundations::Bytes::new(bytes.to_vec())),
                };
                // Everything the PDF is made from: the theme's print sources (and through
                // loa's version, the fonts and the engine), the data, the QR code, the date.
                let bytes = serde_json::to_vec(data).unwrap_or_default();
                let date = p.date.to_string();
                let key = crate::render::digest(&[
                    theme_digest.as_bytes(),
                    p.template.as_bytes(),
                    &bytes,
                    p.qr.as_deref().unwrap_or("").as_bytes(),
                    date.as_bytes(),
                    &[u8::from(p.archival)],
                    path.as_bytes(),
                    &p.png_width.unwrap_or(0).to_le_bytes(),
                ]);
                if let Some(pdf) = sink.recall(&key) {
                    if pass == PdfPass::Uncached {
                        return Ok(0);
                    }
                    sink.put(path, &pdf)
                        .map_err(|e| vec![write_error(path, &e)])?;
                    return Ok(1);
                }
                if pass == PdfPass::Cached {
                    return Ok(0);
                }
                if let Some(width) = p.png_width {
                    let png = super::raster::png(&engine, &job, width)?;
                    sink.put(path, &png)
                        .map_err(|e| vec![write_error(path, &e)])?;
                    sink.remember(&key, &png);
                    return Ok(1);
                }
                if let (Some(limit), Some((beginning, at))) = (p.page_limit, &p.beginning) {
                    let probe = super::engine::Job {
                        data: beginning,
                        qr_svg: p.qr.clone(),
                        product: path.to_owned(),
                        origin: p.origin.clone(),
                        ident: path.to_owned(),
                        photo: job.photo.clone(),
                        ..job
                    };
                    let pages = engine.typeset(&probe)?.pages().len();
                    if pages > limit {
                        return Err(vec![
                            Diagnostic::error("leaflet_too_long_early", Some(at.clone()))
                                .arg("product", path.to_owned())
                                .arg("pages", pages.to_string())
                                .arg("limit", limit.to_string()),
                        ]);
                    }
                }
                let output = engine.compile(&job);
                if compiled.fetch_add(1, Ordering::Relaxed) % EVICT_EVERY == EVICT_EVERY - 1 {
                    comemo::evict(1);
                }
                let output = output?;
                if let Some(limit) = p.page_limit
                    && output.pages > limit
                {
                    return Err(vec![
                        Diagnostic::error("leaflet_too_long", Some(p.origin.clone()))
                            .arg("product", path.to_owned())
                            .arg("pages", output.pages.to_string())
                            .arg("limit", limit.to_string()),
                    ]);
                }
                sink.put(path, &output.pdf)
                    .map_err(|e| vec![write_error(path, &e)])?;
                sink.remember(&key, &output.pdf);
                Ok(1)
            })
            .collect()
    });
    let mut stats = crate::render::Stats::default();
    for result in results {
        match result {
            Ok(n) => stats.files += n,
            Err(e) => errors.extend(e),
        }
    }
    if errors.is_empty() {
        Ok(stats)
    } else {
        Err(errors)
    }
}
