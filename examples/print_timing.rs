//! Times the print products of a site folder (for bench/print.sh).
//!
//! 1. The print renderer as `loa build` runs it (all cores, into memory): wall time per PDF.
//! 2. Each kind of PDF typeset one document after the other on one thread, with the same engine,
//!    data and templates the renderer uses, Typst's memo cache emptied before each: the time of
//!    one document from cold (median and maximum).
//!
//! `cargo run --release --example print_timing -- bench/work/ward-1000 [2026-11-22]`

use std::time::Instant;

use loa::render::print::{broadcast, data, engine};
use loa::render::{Renderer, Sink};

/// Counts what the renderer writes.
struct Count(std::sync::atomic::AtomicUsize);

impl Sink for Count {
    fn put(&self, path: &str, _bytes: &[u8]) -> std::io::Result<()> {
        if path.ends_with(".pdf") {
            self.0.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        Ok(())
    }
}

/// Times `jobs` one after the other: (count, median ms, max ms, mean KB).
fn time(engine: &engine::Engine, jobs: &[engine::Job<'_>]) -> (usize, f64, f64, f64) {
    let mut times = Vec::new();
    let mut bytes = 0;
    for job in jobs {
        // Cold: nothing memoised from the renderer's run or the previous document.
        typst::comemo::evict(0);
        let started = Instant::now();
        match engine.compile(job) {
            Ok(output) => bytes += output.pdf.len(),
            Err(errors) => {
                errors.iter().for_each(|e| eprintln!("{e}"));
                std::process::exit(1);
            }
        }
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    let n = times.len().max(1);
    (
        times.len(),
        times.get(times.len() / 2).copied().unwrap_or(0.0),
        times.last().copied().unwrap_or(0.0),
        bytes as f64 / n as f64 / 1024.0,
    )
}

fn job<'a>(template: &'a str, data: &'a serde_json::Value, qr: Option<String>) -> engine::Job<'a> {
    engine::Job {
        template,
        data,
        qr_svg: qr,
        product: template.to_owned(),
        origin: loa::diagnostics::Location::file("site.toml"),
        ident: template.to_owned(),
        date: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default(),
        archival: template == "van-ban.typ",
        photo: None,
    }
}

fn run() {
    let mut args = std::env::args().skip(1);
    let root = std::path::PathBuf::from(args.next().unwrap_or_else(|| ".".into()));
    let date = args
        .next()
        .and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok())
        .unwrap_or_else(|| chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default());
    let mut diagnostics = loa::diagnostics::Diagnostics::new();
    let Some(checked) = loa::build::check(&root, date, &mut diagnostics) else {
        eprintln!("cannot load {}", root.display());
        std::process::exit(1);
    };
    let (site, derived) = (&checked.site, &checked.derived);

    let renderer = loa::render::print::PrintRenderer {
        templates: &checked.templates,
    };
    let count = Count(Default::default());
    let started = Instant::now();
    if let Err(errors) = renderer.render(site, derived, &count) {
        errors.iter().for_each(|e| eprintln!("{e}"));
        std::process::exit(1);
    }
    let wall = started.elapsed().as_secs_f64() * 1000.0;
    let pdfs = count.0.into_inner();
    println!(
        "{}: print renderer {wall:.0} ms wall for {pdfs} PDFs = {:.1} ms/PDF ({} cores)",
        root.display(),
        wall / pdfs.max(1) as f64,
        std::thread::available_parallelism().map_or(1, |n| n.get()),
    );

    let started = Instant::now();
    let engine = engine::Engine::for_site(site);
    println!(
        "engine setup (fonts, templates): {:.1} ms",
        started.elapsed().as_secs_f64() * 1000.0
    );
    let plans: Vec<_> = site
        .plans
        .iter()
        .map(|p| data::plan_data(site, p))
        .collect();
    let days: Vec<_> = (0..site.days.len())
        .map(|i| data::day_data(site, derived, i))
        .collect();
    let leaflets: Vec<_> = (0..site.days.len())
        .map(|i| data::day_leaflet_data(site, derived, i))
        .collect();
    let scripts = broadcast::scripts(site, derived, &checked.templates).unwrap_or_default();
    let scripts: Vec<_> = scripts
        .iter()
        .map(|s| serde_json::json!({"site": data::site_data(site), "script": s}))
        .collect();
    let qr = |url: &str| data::qr_svg(url).ok();
    let kinds: Vec<(&str, Vec<engine::Job<'_>>)> = vec![
        (
            "văn bản A4 (PDF/A-2b)",
            plans.iter().map(|d| job("van-ban.typ", d, None)).collect(),
        ),
        (
            "tờ rơi gấp ba A4",
            leaflets
                .iter()
                .map(|(d, url)| job("to-roi.typ", d, qr(url)))
                .collect(),
        ),
        (
            "tờ rơi A5",
            leaflets
                .iter()
                .map(|(d, url)| job("to-roi-a5.typ", d, qr(url)))
                .collect(),
        ),
        (
            "áp phích A3",
            days.iter().map(|d| job("ap-phich.typ", d, None)).collect(),
        ),
        (
            "băng-rôn 5 m",
            days.iter().map(|d| job("bang-ron.typ", d, None)).collect(),
        ),
        (
            "tin phát thanh A4",
            scripts
                .iter()
                .map(|d| job("phat-thanh.typ", d, None))
                .collect(),
        ),
    ];
    println!(
        "{:<24} {:>6} {:>11} {:>9} {:>8}",
        "one at a time", "PDFs", "median ms", "max ms", "KB/PDF"
    );
    for (name, jobs) in &kinds {
        let (n, median, max, kb) = time(&engine, jobs);
        println!("{name:<24} {n:>6} {median:>11.1} {max:>9.1} {kb:>8.0}");
    }
}

fn main() {
    // Typst recurses deeply: the renderer typesets on threads with large stacks; so does this.
    let worker = std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(run)
        .expect("thread");
    if worker.join().is_err() {
        std::process::exit(1);
    }
}
