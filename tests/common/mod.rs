//! Shared helpers for the integration tests: build a site into a temporary folder and read pages.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use loa::build::{BuildOptions, Report, build};

pub mod fuzz;
pub mod pdf;
pub mod publish;
pub mod scenes;
pub mod word;

/// The repository root (the bundled example ward).
pub fn example_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The fixed date the tests build for.
pub fn test_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

/// A built site in a temporary folder.
pub struct Built {
    pub dir: tempfile::TempDir,
    pub report: Report,
}

impl Built {
    pub fn out(&self) -> PathBuf {
        self.dir.path().join("output")
    }

    /// Reads a page by its address (`/ke-hoach/x/`).
    pub fn page(&self, url: &str) -> String {
        let file = loa::render::urls::file_for(url);
        std::fs::read_to_string(self.out().join(&file))
            .unwrap_or_else(|e| panic!("page {url} ({file}) missing: {e}"))
    }

    /// The build's errors as printed (`file:line:col: ...`), in order.
    pub fn errors(&self) -> Vec<String> {
        self.report
            .diagnostics
            .sorted()
            .into_iter()
            .filter(|d| d.is_error())
            .map(|d| d.to_string())
            .collect()
    }
}

/// Asserts that `errors` are exactly as many as `expected` and each starts with its prefix.
pub fn assert_errors_start_with(errors: &[String], expected: &[&str]) {
    assert_eq!(errors.len(), expected.len(), "{errors:#?}");
    for (error, start) in errors.iter().zip(expected) {
        assert!(
            error.starts_with(start),
            "{error}\n  should start with {start}"
        );
    }
}

/// Builds `root` for `date` into a fresh temporary output folder.
pub fn build_site(root: &Path, date: NaiveDate) -> Built {
    build_with(root, date, Default::default())
}

/// Builds `root` as `loa build --no-pdf --no-search` does (a quick preview).
pub fn build_preview(root: &Path, date: NaiveDate) -> Built {
    build_with(
        root,
        date,
        loa::model::Outputs {
            pdf: false,
            search_index: false,
            pdf_in_background: false,
            print_shop: false,
        },
    )
}

/// Builds `root` as `loa build --nha-in` does (every product, and the print-shop copies).
pub fn build_for_print_shop(root: &Path, date: NaiveDate) -> Built {
    build_with(
        root,
        date,
        loa::model::Outputs {
            print_shop: true,
            ..Default::default()
        },
    )
}

fn build_with(root: &Path, date: NaiveDate, outputs: loa::model::Outputs) -> Built {
    let dir = tempfile::tempdir().unwrap();
    let report = build(&BuildOptions {
        root: root.to_path_buf(),
        out: dir.path().join("output"),
        date,
        outputs,
    });
    Built { dir, report }
}

/// Builds the bundled example and fails with every diagnostic if it has errors.
pub fn build_example() -> Built {
    let built = build_site(&example_root(), test_date());
    let errors: Vec<String> = built
        .report
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect();
    assert!(
        errors.is_empty(),
        "the example must build:\n{}",
        errors.join("\n")
    );
    built
}

/// Copies a site folder (without output/) into a temporary folder so a test can break it.
pub fn copy_site(root: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
    {
        let relative = entry.path().strip_prefix(root).unwrap();
        let first = relative
            .components()
            .next()
            .map(|c| c.as_os_str().to_string_lossy().into_owned());
        if matches!(
            first.as_deref(),
            Some(
                "target"
                    | "output"
                    | ".git"
                    | ".loa"
                    | "bench"
                    | "tests"
                    | "src"
                    | ".ci"
                    | "examples"
            )
        ) {
            continue;
        }
        let target = dir.path().join(relative);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
    dir
}

/// Text of an HTML fragment without tags, whitespace collapsed, entities for & < > " ' decoded.
pub fn text_of(html: &str) -> String {
    let tags = regex::Regex::new(r"<[^>]*>").unwrap();
    let text = tags.replace_all(html, " ");
    let text = text
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&#x2F;", "/");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A running `loa serve` (stopped when dropped).
pub struct Serve {
    /// The process.
    pub child: std::process::Child,
    /// The port it took (asked for with `--port 0`).
    pub port: u16,
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `loa serve --port 0 --date 2026-11-22 <args> --root <root>` and waits until it has
/// printed its addresses (the preview's and the desk's); its output is read on, so it never
/// blocks writing it.
pub fn serve(root: &Path, args: &[&str]) -> Serve {
    use std::io::BufRead as _;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_loa"))
        .args(["serve", "--port", "0", "--date", "2026-11-22"])
        .args(args)
        .arg("--root")
        .arg(root)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
        {
            if line.contains("/ban-lam-viec/") {
                let port = line
                    .split("http://127.0.0.1:")
                    .nth(1)
                    .and_then(|rest| rest.split('/').next())
                    .and_then(|p| p.parse::<u16>().ok());
                let _ = tx.send(port);
            }
        }
    });
    let port = rx
        .recv_timeout(std::time::Duration::from_secs(300))
        .ok()
        .flatten()
        .expect("loa serve prints the port it took");
    Serve { child, port }
}
