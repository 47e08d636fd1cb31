//! Lists and quotes nested thousands of levels deep once crashed the build: a leaflet 8,000
//! levels deep overflowed the stack (exit 134, no location), a plan 2,000 levels deep stopped
//! its PDF with a JSON recursion error blamed on the print template. Nesting beyond
//! `MAX_NESTING` is now an error naming the file and the first line that goes too deep, found at
//! load before anything recursive runs. Built by the binary in a child process, with the PDFs
//! and the search index, so that an overflow shows as its exit code rather than a crashed test.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::{build_site, example_root, test_date};
use loa::load::markdown::MAX_NESTING;

const FRONT_PLAN: &str = "+++\nloai = \"KH\"\ntrich_yeu = \"Kế hoạch lồng sâu\"\n+++\n\nCăn cứ Luật Người cao tuổi.\n\n## I. NỘI DUNG\n\n### 1. Việc cần làm\n\n";

/// A ward with the example's settings and registries (statistics included) and no content.
fn small_site() -> tempfile::TempDir {
    let root = example_root();
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(root.join("site.toml"), dir.path().join("site.toml")).unwrap();
    for entry in walkdir::WalkDir::new(root.join("data")) {
        let entry = entry.unwrap();
        let target = dir.path().join(entry.path().strip_prefix(&root).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(target).unwrap();
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
    for kind in ["plans", "news", "pages", "leaflets", "campaigns", "reports"] {
        std::fs::create_dir_all(dir.path().join("content").join(kind)).unwrap();
    }
    dir
}

/// `loa build` of `site`, every product made.
fn build(site: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_loa"))
        .args(["build", "--date", "2026-11-22", "--root"])
        .arg(site)
        .output()
        .unwrap()
}

/// Writes `file` into a small ward, builds it with the binary and checks: exit 1 (not a crash),
/// the located message `file:line:` with the Vietnamese and English text, and no output written.
fn assert_refused(file: &str, text: &str, line: usize) {
    let site = small_site();
    std::fs::write(site.path().join(file), text).unwrap();
    let out = build(site.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{file}: exit {:?} (134 is a stack overflow)\n{}",
        out.status,
        stderr.chars().take(2000).collect::<String>()
    );
    let at = format!("{file}:{line}:");
    let error = stderr
        .lines()
        .find(|l| l.contains("lồng nhau quá"))
        .unwrap_or_else(|| panic!("no nesting error in:\n{stderr}"));
    assert!(error.starts_with(&at), "{error}\n  should start with {at}");
    assert!(
        error.contains(&format!(
            "Danh sách hoặc đoạn trích dẫn lồng nhau quá {MAX_NESTING} cấp"
        )) && error.contains(&format!("nested more than {MAX_NESTING} levels deep")),
        "{error}"
    );
    assert!(!site.path().join("output").exists(), "nothing is written");
}

/// `levels` nested bullets, one a line, each indented two spaces more.
fn indented_list(levels: usize) -> String {
    (0..levels)
        .map(|i| format!("{}- cấp {}\n", "  ".repeat(i), i + 1))
        .collect()
}

#[test]
fn a_plan_with_lists_2000_levels_deep_is_a_located_error() {
    let body_start = FRONT_PLAN.lines().count() + 1;
    assert_refused(
        "content/plans/long-sau.md",
        &format!("{FRONT_PLAN}{}", indented_list(2000)),
        body_start + MAX_NESTING,
    );
}

#[test]
fn a_leaflet_with_8000_levels_on_one_line_is_a_located_error() {
    let text = format!(
        "+++\ntieu_de = \"Tờ rơi\"\n+++\n\n## Phần một\n\nĐoạn đầu.\n\n{}cuối\n",
        "- ".repeat(8000)
    );
    assert_refused("content/leaflets/sau.md", &text, 9);
}

#[test]
fn quotes_and_lists_count_together_in_news_pages_campaigns_and_reports() {
    let quotes = format!("Mở đầu.\n\n{} trích\n", ">".repeat(8000));
    let mixed = format!("Mở đầu.\n\n{}x\n", "> - ".repeat(4000));
    assert_refused(
        "content/news/2026-01-01-sau.md",
        &format!("+++\ntieu_de = \"Tin\"\nngay = \"2026-01-01\"\n+++\n{quotes}"),
        7,
    );
    assert_refused(
        "content/pages/sau.md",
        &format!("+++\ntieu_de = \"Trang\"\n+++\n{mixed}"),
        6,
    );
    assert_refused(
        "content/campaigns/sau.md",
        &format!(
            "+++\nten = \"Chiến dịch\"\ntu = \"2026-02-01\"\nden = \"2026-02-28\"\nky = \"2026-02\"\n+++\n{}",
            indented_list(2000)
        ),
        7 + MAX_NESTING,
    );
    assert_refused(
        "content/reports/2026-Q4.md",
        &format!(
            "+++\ntieu_de = \"Báo cáo quý IV\"\nky = \"2026-Q4\"\nngay = \"2027-01\"\n+++\n{quotes}"
        ),
        8,
    );
}

#[test]
fn the_deepest_allowed_nesting_builds_and_prints() {
    // MAX_NESTING levels of lists and quotes load, render as HTML and typeset as PDFs.
    let site = small_site();
    let write = |file: &str, text: String| std::fs::write(site.path().join(file), text).unwrap();
    write(
        "content/plans/long-sau.md",
        format!("{FRONT_PLAN}{}", indented_list(MAX_NESTING)),
    );
    write(
        "content/news/2026-01-01-sau.md",
        format!(
            "+++\ntieu_de = \"Tin trích dẫn\"\nngay = \"2026-01-01\"\nphat_thanh = true\n+++\n\n{} trích dẫn sâu nhất\n",
            ">".repeat(MAX_NESTING)
        ),
    );
    write(
        "content/leaflets/sau.md",
        format!(
            "+++\ntieu_de = \"Tờ rơi\"\n+++\n\n## Phần một\n\n{}",
            indented_list(MAX_NESTING)
        ),
    );
    write(
        "content/reports/2026-Q3.md",
        format!(
            "+++\ntieu_de = \"Báo cáo quý III\"\nky = \"2026-Q3\"\nngay = \"2026-10\"\n+++\n\n## Tình hình\n\n{}",
            indented_list(MAX_NESTING)
        ),
    );
    let built = build_site(site.path(), test_date());
    assert!(built.errors().is_empty(), "{:#?}", built.errors());
    let page = built.page("/ke-hoach/long-sau/");
    assert!(page.contains(&format!("cấp {MAX_NESTING}</li>")));
    let body = &page[page.find("noi-dung-van-ban").unwrap()..];
    assert_eq!(body.matches("<ul class=\"dau-gach\">").count(), MAX_NESTING);
    let news = built.page("/tin-tuc/2026-01-01-sau/");
    assert_eq!(news.matches("<blockquote>").count(), MAX_NESTING);
    let report = built.page("/bao-cao/2026-q3/");
    assert!(report.contains(&format!("cấp {MAX_NESTING}")));
    for pdf in [
        "in/van-ban/long-sau.pdf",
        "in/to-roi/sau.pdf",
        "in/bao-cao/2026-q3.pdf",
    ] {
        assert!(built.out().join(pdf).is_file(), "{pdf}");
    }
}

#[test]
fn deep_emphasis_and_brackets_are_read_without_recursion() {
    // Inline marks nest without limit in Markdown; loa reads them in loops, never recursively, so
    // thousands of them build (as text and marks): emphasis in a plan (HTML and PDF), emphasis
    // and 6,000 nested link brackets in a news item (HTML and the search index). (Unclosed
    // brackets stay as one 36,000-character word, which Typst takes seconds to break into lines:
    // not printed here, to keep the test quick.)
    let site = small_site();
    let stars = format!("{}đậm{}", "*".repeat(6000), "*".repeat(6000));
    let brackets = format!("{}x{}", "[".repeat(6000), "](/a)".repeat(6000));
    std::fs::write(
        site.path().join("content/plans/dam.md"),
        format!("{FRONT_PLAN}- {stars}\n"),
    )
    .unwrap();
    std::fs::write(
        site.path().join("content/news/2026-01-01-dam.md"),
        format!("+++\ntieu_de = \"Tin\"\nngay = \"2026-01-01\"\n+++\n\n{stars}\n\n{brackets}\n"),
    )
    .unwrap();
    let out = build(site.path());
    assert!(
        out.status.success(),
        "exit {:?}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let plan = std::fs::read_to_string(site.path().join("output/ke-hoach/dam/index.html")).unwrap();
    assert!(plan.contains("đậm</strong>"), "the marks are read");
}
