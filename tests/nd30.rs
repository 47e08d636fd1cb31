//! The Nghị định 30/2020 layout, finished: the signature block never stands alone on a page,
//! paragraphs are spaced, the issuing body's name breaks between the body and its place (in the
//! PDF and the print view), and a report reads results -> problems -> direction.

#![cfg(feature = "pdf")]

mod common;
#[path = "common/picture.rs"]
mod picture;

use std::fmt::Write as _;

use common::pdf::Pdf;
use common::{Built, build_site, copy_site, example_root, test_date};

/// The page of `pdf` that carries the signature block.
fn signature_page(pdf: &Pdf) -> u32 {
    (1..=pdf.page_count() as u32)
        .find(|&n| pdf.text_of(&[n]).contains("Nơi nhận:"))
        .expect("no page with 'Nơi nhận:'")
}

fn assert_errorless(built: &Built) {
    let errors = built.errors();
    assert!(errors.is_empty(), "{errors:#?}");
}

/// A plan with `paragraphs` paragraphs of body, its last paragraph (or closing, when `closing`)
/// marked so it can be found on the page.
fn long_plan(n: usize, closing: bool) -> String {
    let mut text = String::from(
        "+++\nloai = \"KH\"\nso = \"12\"\nky_hieu = \"KH-UBND\"\nngay = \"2026-03-04\"\nnoi_ban_hanh = \"Lưu Kiếm\"\n",
    );
    writeln!(text, "trich_yeu = \"Thử độ dài số {n}\"").unwrap();
    if closing {
        writeln!(
            text,
            "loi_ket = \"\"\"\nĐoạn kết của kế hoạch số {n}: các đơn vị báo cáo kết quả hằng quý./.\n\"\"\""
        )
        .unwrap();
    }
    text.push_str("noi_nhan = [\"Các tổ dân phố;\", \"Lưu: VT.\"]\n\n[nguoi_ky]\ntham_quyen = [\"TM. ỦY BAN NHÂN DÂN\"]\nchuc_vu = \"CHỦ TỊCH\"\nho_ten = \"Nguyễn Văn An\"\n+++\n\n## I. MỤC ĐÍCH\n\n");
    for k in 1..=n {
        writeln!(
            text,
            "Đoạn {k}: rà soát, lập danh sách đối tượng bảo trợ xã hội tại từng tổ dân phố, hướng dẫn hồ sơ đề nghị hưởng trợ cấp xã hội hằng tháng và theo dõi việc chi trả qua tài khoản.\n"
        )
        .unwrap();
    }
    writeln!(
        text,
        "Đoạn cuối của thân kế hoạch số {n}: tổng hợp kết quả gửi Ủy ban nhân dân phường."
    )
    .unwrap();
    text
}

#[test]
fn the_signature_block_always_has_the_last_paragraph_on_its_page() {
    // Plans of every length between one and three pages: at some of them the page ends just
    // before the signature block, which then took the page alone.
    let dir = copy_site(&example_root());
    let plans = dir.path().join("content/plans");
    let lengths: Vec<usize> = (6..=34).collect();
    for &n in &lengths {
        std::fs::write(
            plans.join(format!("do-dai-{n:02}.md")),
            long_plan(n, n % 2 == 0),
        )
        .unwrap();
    }
    let built = build_site(dir.path(), test_date());
    assert_errorless(&built);
    let mut moved = 0;
    for &n in &lengths {
        let pdf = Pdf::open(&built, &format!("in/van-ban/do-dai-{n:02}.pdf"));
        let page = signature_page(&pdf);
        let text = pdf.text_of(&[page]);
        // A signed plan (numbered, not `du_thao`) carries no draft mark.
        assert!(!pdf.text_of(&[1]).contains("DỰ THẢO"));
        let last = if n % 2 == 0 {
            format!("Đoạn kết của kế hoạch số {n}")
        } else {
            format!("Đoạn cuối của thân kế hoạch số {n}")
        };
        assert!(
            text.contains(&last),
            "plan of {n} paragraphs: the signature on page {page} without its last paragraph:\n{text}"
        );
        // The signature block comes after that paragraph on the page.
        assert!(text.find(&last) < text.find("Nơi nhận:"), "{text}");
        // (The page's number comes first in its text.)
        let body = text.trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ');
        if page > 1 && body.starts_with(&last) {
            moved += 1;
        }
    }
    // The lengths did reach the case the rule is for: a page that starts with the last paragraph.
    assert!(
        moved > 0,
        "no length put a page break before the last paragraph"
    );
}

/// Baselines (in points from the top) of the text lines of a typeset page.
fn baselines(frame: &typst::layout::Frame, dy: f64, out: &mut Vec<f64>) {
    for (point, item) in frame.items() {
        match item {
            typst::layout::FrameItem::Group(group) => {
                baselines(&group.frame, dy + point.y.to_pt(), out);
            }
            typst::layout::FrameItem::Text(_) => out.push(dy + point.y.to_pt()),
            _ => {}
        }
    }
}

#[test]
fn paragraphs_are_spaced_at_least_six_points_more_than_lines() {
    use loa::render::print::data;
    let mut diagnostics = loa::diagnostics::Diagnostics::default();
    let checked = loa::build::check(&example_root(), test_date(), &mut diagnostics).unwrap();
    let site = &checked.site;
    let plan = site
        .plans
        .iter()
        .find(|p| p.slug == "ke-hoach-tro-giup-xa-hoi-2026")
        .unwrap();
    let document = picture::typeset(site, "van-ban.typ", &data::plan_data(site, plan), None);
    // Page 2 is body text only: its line-to-line steps are the line height, paragraph to
    // paragraph that plus the spacing.
    let mut lines = Vec::new();
    baselines(&document.pages()[1].frame, 0.0, &mut lines);
    lines.sort_by(f64::total_cmp);
    lines.dedup_by(|a, b| (*a - *b).abs() < 1.0);
    let steps: Vec<f64> = lines.windows(2).map(|w| w[1] - w[0]).collect();
    let line = steps.iter().copied().fold(f64::INFINITY, f64::min);
    let paragraph_steps = steps.iter().filter(|s| **s > line + 1.0).count();
    assert!(paragraph_steps >= 3, "steps: {steps:?}");
    for s in &steps {
        assert!(
            *s < line + 1.0 || *s >= line + 5.5,
            "a paragraph step of {s:.1} pt for lines of {line:.1} pt: {steps:?}"
        );
    }
}

fn build_example_site(name: &str) -> Built {
    let root = example_root().join("examples").join(name);
    let built = build_site(&root, test_date());
    assert_errorless(&built);
    built
}

#[test]
fn the_issuing_body_breaks_between_its_name_and_its_place() {
    let built = build_example_site("ngoc-lien");
    let slug = "ke-hoach-bao-tro-xa-hoi-ngoc-lien-2026";
    let pdf = Pdf::open(&built, &format!("in/van-ban/{slug}.pdf"));
    let lines = pdf.lines_of(1);
    let at = lines
        .iter()
        .position(|l| l == "ỦY BAN NHÂN DÂN")
        .unwrap_or_else(|| panic!("no line 'ỦY BAN NHÂN DÂN': {lines:#?}"));
    assert_eq!(lines[at + 1], "XÃ NGỌC LIÊN", "{lines:#?}");
    assert!(!lines.iter().any(|l| l.ends_with(" XÃ")), "{lines:#?}");

    let html = built.page(&format!("/ke-hoach/{slug}/ban-in/"));
    assert!(
        html.contains(r#"<span class="dong-ten">ỦY BAN NHÂN DÂN</span><span class="dong-ten">XÃ NGỌC LIÊN</span>"#),
        "{html}"
    );
    // The print view keeps each line whole where there is room (and when printing).
    let css = std::fs::read_to_string(built.out().join("static/document.css")).unwrap();
    assert!(css.contains(".dong-ten { white-space: nowrap; }"), "{css}");
}

fn positions(text: &str, words: &[&str]) -> Vec<usize> {
    words
        .iter()
        .map(|w| {
            text.find(w)
                .unwrap_or_else(|| panic!("'{w}' missing from:\n{text}"))
        })
        .collect()
}

#[test]
fn a_report_reads_results_then_problems_then_direction() {
    // The example's report is written in that order; move the direction first, as staff may.
    let dir = copy_site(&example_root());
    let file = dir.path().join("content/reports/2026-Q3.md");
    let text = std::fs::read_to_string(&file).unwrap();
    let (head, rest) = text.split_once("## Tình hình chung").unwrap();
    let (results, rest) = rest.split_once("## Khó khăn").unwrap();
    let (problems, direction) = rest.split_once("## Phương hướng").unwrap();
    let reordered = format!(
        "{head}## Phương hướng{}\n\n## Tình hình chung{results}## Khó khăn{}",
        direction.trim_end(),
        problems.trim_end()
    );
    std::fs::write(&file, reordered).unwrap();
    let built = build_site(dir.path(), test_date());
    assert_errorless(&built);

    let order = [
        "Tình hình chung",
        "Số liệu chủ yếu",
        "Tiến độ thực hiện chỉ tiêu kế hoạch",
        "Khó khăn, vướng mắc",
        "Phương hướng quý IV",
    ];
    let pdf = Pdf::open(&built, "in/bao-cao/2026-q3.pdf");
    let all = pdf.text();
    let at = positions(&all, &order);
    assert!(at.is_sorted(), "{order:?} at {at:?}:\n{all}");
    // The direction's last paragraph is on the signature's page, before it.
    let page = pdf.text_of(&[signature_page(&pdf)]);
    assert!(
        page.contains("chuẩn bị mừng thọ người cao tuổi dịp Tết Nguyên đán"),
        "{page}"
    );

    let html = common::text_of(&built.page("/bao-cao/2026-q3/"));
    let at = positions(&html, &order);
    assert!(at.is_sorted(), "{order:?} at {at:?}:\n{html}");
}

#[test]
fn a_plan_published_as_a_draft_says_so_above_its_header() {
    let built = common::build_example();
    let draft = Pdf::open(&built, "in/van-ban/ke-hoach-an-sinh-xa-hoi-2026.pdf");
    let lines = draft.lines_of(1);
    assert_eq!(
        lines.first().map(String::as_str),
        Some("DỰ THẢO"),
        "{lines:#?}"
    );
}
