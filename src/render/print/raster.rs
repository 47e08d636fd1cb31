//! Pictures made by the print engine: share cards and icons are laid out by Typst like the
//! PDFs and rasterised to PNG (typst-render), so they use the same fonts, colours and pictograms.

use crate::diagnostics::Diagnostic;
use crate::render::print::engine::{Engine, Job};

/// The first page of `job`, `width` pixels wide, as PNG bytes.
pub fn png(engine: &Engine, job: &Job<'_>, width: u32) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let document = engine.typeset(job)?;
    let failed = |detail: String| {
        vec![
            Diagnostic::error("print_template_error", Some(job.origin.clone()))
                .arg("product", job.product.clone())
                .arg("detail", detail),
        ]
    };
    let Some(page) = document.pages().first() else {
        return Err(failed("no page".to_owned()));
    };
    let points = page.frame.width().to_pt();
    if points <= 0.0 {
        return Err(failed("empty page".to_owned()));
    }
    let options = typst_render::RenderOptions {
        pixel_per_pt: (f64::from(width) / points).into(),
        ..typst_render::RenderOptions::default()
    };
    typst_render::render(page, &options)
        .encode_png()
        .map_err(|e| failed(e.to_string()))
}
