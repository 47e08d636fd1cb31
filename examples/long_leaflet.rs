//! How long a leaflet far too long takes to be refused (for bench/README.md, "A leaflet far too
//! long"): a leaflet with a 10,000-line section, in a small site made in a temporary folder.
//!
//! 1. What loa did before it tried the beginning first: typeset the whole leaflet (A4 tri-fold and
//!    A5, one after the other), then compare the page count with the limit.
//! 2. What the print renderer does now (as `loa build` runs it, both formats side by side).
//!
//! `cargo run --release --example long_leaflet [LINES]`

use std::time::Instant;

use loa::render::print::{data, engine};
use loa::render::{Renderer, Sink};

/// Keeps nothing.
struct Discard;

impl Sink for Discard {
    fn put(&self, _path: &str, _bytes: &[u8]) -> std::io::Result<()> {
        Ok(())
    }
}

fn run() {
    let lines: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000);
    let dir = tempfile::tempdir().expect("temporary folder");
    let root = dir.path();
    std::fs::write(
        root.join("site.toml"),
        "ten = \"Lưu Kiếm\"\nco_quan_ban_hanh = \"Ủy ban nhân dân phường Lưu Kiếm\"\n\
         dia_chi_web = \"https://luukiem.example.vn\"\n",
    )
    .expect("site.toml");
    let body: Vec<String> = (1..=lines)
        .map(|i| {
            format!("Dòng thứ {i} của một đoạn rất dài, chép nhầm từ một tệp khác vào tờ rơi.")
        })
        .collect();
    std::fs::create_dir_all(root.join("content/leaflets")).expect("folder");
    std::fs::write(
        root.join("content/leaflets/dai.md"),
        format!(
            "+++\ntieu_de = \"Tờ rơi dài\"\ndiem_chinh = [\"Một điểm.\"]\n+++\n\n## Phần dài\n\n{}\n",
            body.join("\n")
        ),
    )
    .expect("leaflet");
    let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default();
    let mut diagnostics = loa::diagnostics::Diagnostics::new();
    let Some(checked) = loa::build::check(root, date, &mut diagnostics) else {
        eprintln!("cannot load the site");
        std::process::exit(1);
    };
    let (site, derived) = (&checked.site, &checked.derived);

    // 1. The whole leaflet typeset, as before.
    let engine = engine::Engine::for_site(site);
    let (value, url) = data::leaflet_data(site, derived, &site.leaflets[0]);
    let qr = data::qr_svg(&url).ok();
    for template in ["to-roi.typ", "to-roi-a5.typ"] {
        let job = engine::Job {
            template,
            data: &value,
            qr_svg: qr.clone(),
            product: template.to_owned(),
            origin: loa::diagnostics::Location::file("content/leaflets/dai.md"),
            ident: template.to_owned(),
            date,
            archival: false,
            photo: None,
        };
        let started = Instant::now();
        let pages = engine
            .typeset(&job)
            .map(|document| document.pages().len().to_string())
            .unwrap_or_else(|errors| format!("error: {}", errors[0]));
        println!(
            "whole leaflet, {template:<14} {lines} lines: {:>8.1} s, {pages} pages",
            started.elapsed().as_secs_f64()
        );
    }

    // 2. The print renderer now.
    typst::comemo::evict(0);
    let renderer = loa::render::print::PrintRenderer {
        templates: &checked.templates,
    };
    let started = Instant::now();
    let result = renderer.render(site, derived, &Discard);
    let took = started.elapsed().as_secs_f64();
    match result {
        Ok(_) => println!("print renderer: {took:.1} s, no error"),
        Err(errors) => {
            println!("print renderer: {took:.1} s to refuse the leaflet:");
            errors.iter().for_each(|e| println!("  {e}"));
        }
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
