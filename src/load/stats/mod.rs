//! Statistics inputs: data/indicators.toml, the aggregated figures of data/stats/ (CSV and
//! workbooks, long layout), content/campaigns/*.md and content/reports/*.md.
//!
//! Privacy is enforced here: a column or a value that looks like personal data (a person's name,
//! an ID, a phone number, a full date such as a birth date, an e-mail address, an account number)
//! is an error naming the file and line (for a spreadsheet, sheet and cell), and the build writes
//! nothing.
//!
//! The parts: [`registry`] (the indicators), [`csv_file`] and [`xlsx`] (the figure files), [`table`]
//! (the long layout's rows), [`cell`] (cells and numbers), [`privacy`] (the screening) and
//! [`texts`] (campaigns and reports).

mod cell;
mod csv_file;
mod privacy;
mod registry;
mod table;
mod texts;
mod xlsx;

use std::collections::BTreeMap;
use std::path::Path;

use rustc_hash::FxHashMap as HashMap;

use crate::diagnostics::{Diagnostic, Diagnostics, Location, display_path};
use crate::load::read_source;
use crate::locale::fold_diacritics;
use crate::model::SiteConfig;
use crate::model::stats::{AreaIndex, Figure, Statistics};

pub use cell::{column_letters, parse_number};
pub use privacy::{
    FigureProblem, MAX_DIGITS, MAX_FIGURE, Personal, figure_problem, personal_data_in,
};
pub use registry::indicator_schema;
pub use table::ERRORS_PER_FILE;
pub use texts::{campaign_schema, load_campaign, load_report, report_schema, report_subject};
pub use xlsx::{MAX_COLUMNS, MAX_ROWS};

use table::{ErrorCap, TableReader, data_file};

/// The registry file.
pub const INDICATORS_FILE: &str = "data/indicators.toml";
/// The folder of figure files.
pub const STATS_DIR: &str = "data/stats";

/// Reads the figures of data/stats/ given the registry already in `stats`.
pub fn load_figures(
    root: &Path,
    config: &SiteConfig,
    stats: &mut Statistics,
    diagnostics: &mut Diagnostics,
) {
    let mut area_keys: HashMap<String, AreaIndex> = HashMap::default();
    for ward in [
        "toan-phuong",
        "toan phuong",
        "toan-xa",
        "toan xa",
        "toan-thi-tran",
        "toan thi tran",
        "phuong",
        "xa",
    ] {
        area_keys.insert(ward.to_owned(), None);
    }
    area_keys.insert(fold_diacritics(&config.full_name()).to_lowercase(), None);
    for (i, area) in config.areas.iter().enumerate() {
        area_keys.insert(fold_diacritics(&area.id).to_lowercase(), Some(i as u16));
        area_keys.insert(fold_diacritics(&area.name).to_lowercase(), Some(i as u16));
    }
    let mut allowed_names = vec![
        config.name.clone(),
        config.full_name(),
        config.issuing_body.clone(),
    ];
    allowed_names.extend(config.areas.iter().map(|a| a.name.clone()));
    let mut reader = TableReader {
        config,
        stats,
        allowed_names,
        area_keys,
        indicator_cache: HashMap::default(),
        area_cache: HashMap::default(),
        file: Default::default(),
        errors: ErrorCap::default(),
    };
    for relative in super::files_in(root, STATS_DIR, &["csv", "xlsx", "xls", "ods"]) {
        let is_csv = relative
            .extension()
            .is_some_and(|x| x.eq_ignore_ascii_case("csv"));
        if is_csv {
            match read_source(root, &relative) {
                Ok(source) => {
                    let file = reader.stats.files.len() as u16;
                    reader.stats.files.push(relative.clone());
                    csv_file::read_csv(&source, file, &mut reader, diagnostics);
                }
                Err(d) => diagnostics.push(d),
            }
        } else {
            xlsx::read_workbook(root, &relative, &mut reader, diagnostics);
        }
    }
    let mut errors = reader.errors;
    remove_duplicates(config, stats, &mut errors, diagnostics);
    remove_band_duplicates(config, stats, &mut errors, diagnostics);
    errors.finish(diagnostics);
}

/// The same period, area, indicator and age band twice: an error naming both rows.
fn remove_band_duplicates(
    config: &SiteConfig,
    stats: &mut Statistics,
    errors: &mut ErrorCap,
    diagnostics: &mut Diagnostics,
) {
    let mut seen: BTreeMap<(u16, AreaIndex, i64, u8), usize> = BTreeMap::new();
    let mut drop = vec![false; stats.band_figures.len()];
    for (n, b) in stats.band_figures.iter().enumerate() {
        let f = &b.figure;
        let key = (f.indicator, f.area, f.period.rank(), b.band);
        let Some(&first) = seen.get(&key) else {
            seen.insert(key, n);
            continue;
        };
        drop[n] = true;
        let first = &stats.band_figures[first].figure;
        let first_at = row_location(stats, first.file, first.line);
        let other = if display_path(&first_at.file).contains('!') {
            display_path(&first_at.file)
        } else {
            format!("{}:{}", display_path(&first_at.file), first.line)
        };
        let indicator = &stats.indicators[f.indicator as usize];
        let area = match f.area.and_then(|a| config.areas.get(a as usize)) {
            Some(a) => a.id.clone(),
            None => "toan-phuong".to_owned(),
        };
        errors.push(
            &data_file(&stats.files[f.file as usize]),
            Diagnostic::error("stats_duplicate", Some(row_location(stats, f.file, f.line)))
                .arg("period", f.period.code())
                .arg(
                    "indicator",
                    format!(
                        "{} ({})",
                        indicator.key,
                        indicator
                            .bands
                            .get(b.band as usize)
                            .cloned()
                            .unwrap_or_default()
                    ),
                )
                .arg("area", area)
                .arg("other", other),
            diagnostics,
        );
    }
    let mut n = 0;
    stats.band_figures.retain(|_| {
        let keep = !drop[n];
        n += 1;
        keep
    });
}

/// Where a figure's row is: `file:line` for CSV, `file.xlsx!Sheet!A17` for a spreadsheet row.
fn row_location(stats: &Statistics, file: u16, line: u32) -> Location {
    let path = stats.files.get(file as usize).cloned().unwrap_or_default();
    let shown = display_path(&path);
    if shown.contains('!') {
        Location::new(format!("{shown}!A{line}"), line as usize, 1)
    } else {
        Location::new(path, line as usize, 1)
    }
}

/// The same period, area and indicator twice: an error naming both rows; the later row is dropped.
/// The figures are left sorted by indicator, area and period.
fn remove_duplicates(
    config: &SiteConfig,
    stats: &mut Statistics,
    errors: &mut ErrorCap,
    diagnostics: &mut Diagnostics,
) {
    let key = |f: &Figure| (f.indicator, f.area, f.period);
    let order = stats.figure_order();
    let mut drop = vec![false; stats.figures.len()];
    for pair in order.windows(2) {
        let (first, second) = (
            &stats.figures[pair[0] as usize],
            &stats.figures[pair[1] as usize],
        );
        if key(first) != key(second) {
            continue;
        }
        drop[pair[1] as usize] = true;
        let area = match second.area.and_then(|a| config.areas.get(a as usize)) {
            Some(a) => a.id.clone(),
            None => "toan-phuong".to_owned(),
        };
        let first_at = row_location(stats, first.file, first.line);
        let other = if display_path(&first_at.file).contains('!') {
            display_path(&first_at.file)
        } else {
            format!("{}:{}", display_path(&first_at.file), first.line)
        };
        errors.push(
            &data_file(&stats.files[second.file as usize]),
            Diagnostic::error(
                "stats_duplicate",
                Some(row_location(stats, second.file, second.line)),
            )
            .arg("period", second.period.code())
            .arg(
                "indicator",
                stats.indicators[second.indicator as usize].key.clone(),
            )
            .arg("area", area)
            .arg("other", other),
            diagnostics,
        );
    }
    // Kept in key order: the roll-up then finds every series as one run without sorting again.
    let mut figures: Vec<Option<Figure>> = std::mem::take(&mut stats.figures)
        .into_iter()
        .map(Some)
        .collect();
    stats.figures = order
        .iter()
        .filter(|&&n| !drop[n as usize])
        .filter_map(|&n| figures[n as usize].take())
        .collect();
}

/// Reads every statistics input of a site. No data/indicators.toml: no statistics at all.
pub fn load(root: &Path, config: &SiteConfig, diagnostics: &mut Diagnostics) -> Statistics {
    let mut stats = Statistics {
        threshold: 5,
        ..Statistics::default()
    };
    if root.join(INDICATORS_FILE).is_file() {
        match read_source(root, Path::new(INDICATORS_FILE)) {
            Ok(source) => registry::load_indicators(&source, &mut stats, diagnostics),
            Err(d) => diagnostics.push(d),
        }
    }
    load_figures(root, config, &mut stats, diagnostics);
    for path in super::files_in(root, "content/campaigns", &["md"]) {
        match read_source(root, &path) {
            Ok(source) => stats.campaigns.extend(load_campaign(&source, diagnostics)),
            Err(d) => diagnostics.push(d),
        }
    }
    for path in super::files_in(root, "content/reports", &["md"]) {
        match read_source(root, &path) {
            Ok(source) => stats
                .reports
                .extend(load_report(&source, config, diagnostics)),
            Err(d) => diagnostics.push(d),
        }
    }
    stats
        .campaigns
        .sort_by(|a, b| b.start.cmp(&a.start).then(a.slug.cmp(&b.slug)));
    stats
        .reports
        .sort_by(|a, b| b.period.cmp(&a.period).then(a.slug.cmp(&b.slug)));
    stats
}
