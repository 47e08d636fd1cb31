//! Times the phases of the statistics pipeline on a site folder (for bench/stats.sh):
//! `cargo run --release --example stats_phases -- bench/work/stats-1000000`.

use std::time::Instant;

fn main() {
    let root = std::path::PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| ".".into()));
    let mut diagnostics = loa::diagnostics::Diagnostics::new();
    let started = Instant::now();
    let Some(loaded) = loa::load::load_site(&root, &mut diagnostics) else {
        eprintln!("cannot load {}", root.display());
        std::process::exit(1);
    };
    let loaded_at = started.elapsed();
    let rows = loaded.stats.figures.len();
    let areas = loaded.config.areas.len();
    let table = loa::derive::stats::roll_up(&loaded.stats, areas);
    let rolled_at = started.elapsed();
    let before = Instant::now();
    let again = loa::derive::stats::suppress(&loaded.stats, &table, areas);
    eprintln!(
        "of which suppression alone: {:.2} s ({} hidden)",
        before.elapsed().as_secs_f64(),
        again.len()
    );
    println!(
        "{rows} rows: load {:.2} s, roll-up and suppression {:.2} s ({} values, {} hidden), total {:.2} s, {} errors",
        loaded_at.as_secs_f64(),
        (rolled_at - loaded_at).as_secs_f64(),
        table.values().count(),
        table.suppressed.len(),
        rolled_at.as_secs_f64(),
        diagnostics.error_count()
    );
}
