//! How fuzz targets run. A fuzz target is a `#[test]` function named `fuzz_<what>` in a file
//! `tests/fuzz_<area>.rs`; `bench/fuzz.sh` finds them by that name. Each runs through [`run`]:
//! a bounded number of cases by default (CI runs every test), `PROPTEST_CASES` for a long run,
//! and one summary line `fuzz-target <name>: <n> cases, <s> s, <k> failures` on stderr (the
//! script reads it). Failing inputs are shrunk, printed and kept by proptest in
//! `proptest-regressions/` so the next run tries them first.

use std::fmt::Debug;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use proptest::strategy::Strategy;
use proptest::test_runner::{Config, FileFailurePersistence, TestCaseError, TestRunner};

/// The number of cases to run: `PROPTEST_CASES` when set, else `default`.
pub fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

/// Runs `test` on inputs drawn from `strategy` ([`cases`] of them), then prints the summary line
/// and panics with the smallest failing input, if any.
#[track_caller]
pub fn run<S>(
    name: &str,
    default_cases: u32,
    strategy: S,
    test: impl Fn(S::Value) -> Result<(), TestCaseError>,
) where
    S: Strategy,
    S::Value: Debug,
{
    let source = std::path::Path::new(std::panic::Location::caller().file());
    let stem = source
        .file_stem()
        .map_or_else(|| "fuzz".to_owned(), |s| s.to_string_lossy().into_owned());
    // proptest-regressions/<test file>.txt: the failing seeds, tried first on the next run.
    let seeds: &'static str =
        Box::leak(format!("proptest-regressions/{stem}.txt").into_boxed_str());
    let config = Config {
        cases: cases(default_cases),
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(seeds))),
        ..Config::default()
    };
    let mut runner = TestRunner::new(config);
    let ran = AtomicU64::new(0);
    let started = Instant::now();
    let result = runner.run(&strategy, |input| {
        ran.fetch_add(1, Ordering::Relaxed);
        test(input)
    });
    let failures = usize::from(result.is_err());
    eprintln!(
        "fuzz-target {name}: {} cases, {:.1} s, {failures} failures",
        ran.load(Ordering::Relaxed),
        started.elapsed().as_secs_f64()
    );
    if let Err(error) = result {
        panic!("{name}: {error}");
    }
}
