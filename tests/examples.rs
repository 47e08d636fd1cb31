//! The two example sites made with `loa import` (examples/ngoc-lien, examples/binh-phuoc), built
//! and read as a reader would; and the check that their plan files are the importer's own output.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;
use loa::import::{SiteData, import};

fn example(name: &str) -> PathBuf {
    example_root().join("examples").join(name)
}

fn build_clean(name: &str) -> Built {
    let built = build_site(&example(name), test_date());
    let problems: Vec<String> = built
        .report
        .diagnostics
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(
        problems.is_empty(),
        "{name} must build with no error and no warning:\n{}",
        problems.join("\n")
    );
    built
}

/// The who-does-what table of a plan page: (body, duties text) per row.
fn who_does_what(page: &str) -> Vec<(String, String)> {
    let start = page
        .find("id=\"ai-lam-gi\"")
        .expect("who-does-what section");
    let end = page[start..].find("</table>").expect("table end") + start;
    page[start..end]
        .split("<tr>")
        .skip(2)
        .map(|row| {
            let head_end = row.find("</th>").unwrap();
            let head = &row[row.find("<th scope=\"row\">").unwrap()..head_end];
            (text_of(head), text_of(&row[head_end..]))
        })
        .collect()
}

/// The targets table: (target sentence, figure) per row.
fn targets(page: &str) -> Vec<(String, String)> {
    let start = page.find("id=\"chi-tieu\"").expect("targets section");
    let end = page[start..].find("</table>").unwrap() + start;
    page[start..end]
        .split("<tr>")
        .skip(2)
        .map(|row| {
            let cells: Vec<String> = regex::Regex::new(r"<td[^>]*>")
                .unwrap()
                .split(row)
                .skip(1)
                .map(text_of)
                .collect();
            (cells[0].clone(), cells[1].clone())
        })
        .collect()
}

#[test]
fn binh_phuoc_shows_every_body_with_its_duties_and_the_targets_with_their_figures() {
    let built = build_clean("binh-phuoc");
    let page = built.page("/ke-hoach/ke-hoach-an-sinh-xa-hoi-binh-phuoc-2026/");
    let rows = who_does_what(&page);
    let expected = [
        (
            "Phòng Văn hóa - Xã hội phường",
            "Định kỳ tổng hợp, báo cáo UBND phường",
        ),
        (
            "Phòng Kinh tế, Hạ tầng và Đô thị phường",
            "gắn công tác giảm nghèo với phát triển sản xuất",
        ),
        (
            "Công an phường",
            "xử lý nghiêm các hành vi lợi dụng chính sách để trục lợi",
        ),
        (
            "Ban Chỉ huy Quân sự phường",
            "Thực hiện đầy đủ, kịp thời các chính sách hậu phương quân đội",
        ),
        (
            "Trạm Y tế phường",
            "góp phần nâng cao tỷ lệ bao phủ BHYT theo chỉ tiêu đề ra",
        ),
        (
            "Ban Điều hành các khu phố",
            "Tham gia giám sát việc thực hiện chính sách an sinh xã hội tại khu dân cư",
        ),
        (
            "Ủy ban Mặt trận Tổ quốc Việt Nam phường, các tổ chức chính trị - xã hội và các hội đặc thù của phường",
            "Hội Chữ thập đỏ, Hội Khuyến học xây dựng kế hoạch cụ thể",
        ),
    ];
    assert_eq!(rows.len(), expected.len(), "{rows:?}");
    for ((body, duties), (want_body, want_duty)) in rows.iter().zip(expected) {
        assert!(body.starts_with(want_body), "{body} should be {want_body}");
        assert!(
            duties.contains(want_duty),
            "{body}: duties lack «{want_duty}»: {duties}"
        );
    }
    assert!(
        rows[6].0.contains("đề nghị"),
        "the Front is requested, not assigned: {}",
        rows[6].0
    );

    let targets = targets(&page);
    assert_eq!(targets.len(), 8);
    for (sentence, figure) in [
        ("Tỷ lệ người dân tham gia bảo hiểm y tế đạt 96%.", "96%"),
        (
            "Tỷ lệ lao động trong độ tuổi tham gia bảo hiểm xã hội đạt 60%.",
            "60%",
        ),
        (
            "Duy trì không còn hộ nghèo theo chuẩn nghèo đa chiều.",
            "không quá 0",
        ),
    ] {
        assert!(
            targets.iter().any(|(s, f)| s == sentence && f == figure),
            "targets lack {sentence} = {figure}: {targets:?}"
        );
    }
    let text = text_of(&page);
    for expected in [
        "triển khai thực hiện đồng bộ, hiệu quả chính sách an sinh xã hội trên địa bàn phường",
        "Căn cứ Kế hoạch số 42-KH/ĐU ngày 31/01/2026",
        "II. MỤC TIÊU",
        "Trên đây là kế hoạch triển khai thực hiện đồng bộ",
        "KT. CHỦ TỊCH",
        "37 khu phố trên địa bàn phường;",
    ] {
        assert!(text.contains(expected), "plan page lacks {expected}");
    }
    // Every body has its own page listing its duties.
    let unit = text_of(&built.page("/don-vi/ban-dieu-hanh-khu-pho/"));
    assert!(
        unit.contains("kịp thời phát hiện các trường hợp khó khăn đột xuất"),
        "{unit}"
    );
    // Cited documents link to their policy page.
    assert!(page.contains("href=\"/chinh-sach/ke-hoach-42-kh-du/\""));
}

#[test]
fn ngoc_lien_shows_every_body_with_its_duties() {
    let built = build_clean("ngoc-lien");
    let page = built.page("/ke-hoach/ke-hoach-bao-tro-xa-hoi-ngoc-lien-2026/");
    let rows = who_does_what(&page);
    let expected = [
        (
            "Phòng Văn hóa - Xã hội",
            "Tham mưu cho UBND xã ban hành các văn bản chỉ đạo",
        ),
        (
            "Phòng Kinh tế",
            "Tham mưu bố trí kinh phí đảm bảo thực hiện kế hoạch",
        ),
        (
            "Trung tâm cung ứng dịch vụ công",
            "đăng tải các hoạt động, bài viết trên trang thông tin điện tử của xã",
        ),
        (
            "Các cơ sở khám bệnh, chữa bệnh trên địa bàn xã",
            "Thực hiện chế độ thông tin, báo cáo về tổ chức và hoạt động công tác xã hội",
        ),
    ];
    assert_eq!(rows.len(), expected.len(), "{rows:?}");
    for ((body, duties), (want_body, want_duty)) in rows.iter().zip(expected) {
        assert_eq!(body, want_body);
        assert!(
            duties.contains(want_duty),
            "{body}: duties lack «{want_duty}»"
        );
    }
    let text = text_of(&page);
    for expected in [
        "triển khai thực hiện công tác bảo trợ xã hội năm 2026",
        // Joined across the page break in the source.
        "theo chức năng quản lý của ngành phù hợp với điều kiện, tình hình thực tế trên địa bàn xã.",
        "người cao tuổi tròn 70, 75, 80, 85, 90, 95; 100 và trên 100",
        "Phạm Xuân Khánh",
        "Lưu: VT, VHXXH.",
    ] {
        assert!(text.contains(expected), "plan page lacks {expected}");
    }
    // Every document the plan cites, local or national, by number or by name, links to its page.
    for policy in [
        "ke-hoach-907-kh-syt",
        "quyet-dinh-1488-qd-ubnd",
        "thong-tu-96-2019-tt-btc",
        "nghi-quyet-294-2020-nq-hdnd",
        "nghi-dinh-20-2021-nd-cp",
        "luat-51-2010-qh12",
        "luat-39-2009-qh12",
        "luat-41-2024-qh15",
    ] {
        assert!(
            page.contains(&format!("href=\"/chinh-sach/{policy}/\"")),
            "no link to {policy}"
        );
        built.page(&format!("/chinh-sach/{policy}/"));
    }
}

/// The example plans are the importer's output, not hand-edited: importing the sources again with
/// each example's registries gives the committed files byte for byte.
#[test]
fn example_plans_are_the_importers_own_output() {
    for (site, source, plan) in [
        (
            "ngoc-lien",
            "ke-hoach-bao-tro-xa-hoi-ngoc-lien-2026.txt",
            "ke-hoach-bao-tro-xa-hoi-ngoc-lien-2026.md",
        ),
        (
            "binh-phuoc",
            "ke-hoach-an-sinh-xa-hoi-binh-phuoc-2026.txt",
            "ke-hoach-an-sinh-xa-hoi-binh-phuoc-2026.md",
        ),
    ] {
        let data = SiteData::read(&example(site));
        assert!(data.problems.iter().next().is_none());
        let bytes =
            std::fs::read(example_root().join("tests/fixtures/documents").join(source)).unwrap();
        let imported = import(Path::new(source), &bytes, &data.context()).unwrap();
        let committed =
            std::fs::read_to_string(example(site).join("content/plans").join(plan)).unwrap();
        assert_eq!(
            imported.text, committed,
            "{site}: re-run loa import and review the result"
        );
        // Their registries now know every unit and citation of the plan.
        assert!(
            imported.proposed_units.is_empty(),
            "{site}: {:?}",
            imported.proposed_units
        );
        assert!(
            imported.proposed_legal.is_empty(),
            "{site}: {:?}",
            imported.proposed_legal
        );
    }
}

/// Every `href` and `src` of every built HTML page that stays on the site, resolved against the
/// page's address: `(page, link, the file it must be)`.
fn internal_links(out: &Path) -> Vec<(String, String, PathBuf)> {
    let attribute = regex::Regex::new(r#"(?:href|src)="([^"]*)""#).unwrap();
    let mut links = Vec::new();
    for entry in walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
    {
        let relative = entry.path().strip_prefix(out).unwrap();
        let page = format!(
            "/{}",
            relative
                .to_string_lossy()
                .replace('\\', "/")
                .trim_end_matches("index.html")
        );
        let html = std::fs::read_to_string(entry.path()).unwrap();
        for cap in attribute.captures_iter(&html) {
            let link = cap[1].replace("&amp;", "&");
            let before_path = link.split(['/', '?', '#']).next().unwrap_or("");
            if link.is_empty()
                || link.starts_with('#')
                || link.starts_with("//")
                || before_path.contains(':')
            {
                continue;
            }
            let path = link.split(['#', '?']).next().unwrap();
            let joined = if path.starts_with('/') {
                path.to_owned()
            } else {
                format!("{}{path}", &page[..page.rfind('/').unwrap() + 1])
            };
            let mut parts: Vec<&str> = Vec::new();
            for part in joined.split('/').skip(1) {
                match part {
                    "." => {}
                    ".." => {
                        parts.pop();
                    }
                    other => parts.push(other),
                }
            }
            let mut file = out.join(parts.join("/"));
            if joined.ends_with('/') || file.is_dir() {
                file = file.join("index.html");
            }
            links.push((page.clone(), link.clone(), file));
        }
    }
    links
}

#[test]
fn the_examples_check_with_no_warning_and_every_internal_link_resolves() {
    for (name, unit, figure) in [
        (
            "ngoc-lien",
            "phong-van-hoa-xa-hoi",
            "131 người cao tuổi đang hưởng trợ cấp hưu trí xã hội",
        ),
        (
            "binh-phuoc",
            "ban-dieu-hanh-khu-pho",
            "Tỷ lệ người dân tham gia bảo hiểm y tế 94,8%",
        ),
    ] {
        // `loa check --root examples/X`, as a user runs it.
        let check = Command::new(env!("CARGO_BIN_EXE_loa"))
            .args(["check", "--date", "2026-11-22", "--root"])
            .arg(example(name))
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&check.stdout);
        let stderr = String::from_utf8_lossy(&check.stderr);
        assert!(check.status.success(), "{name}: {stderr}");
        assert_eq!(
            stdout.trim(),
            "Kiểm tra xong: 0 lỗi, 0 cảnh báo",
            "{name}:\n{stderr}"
        );

        let built = build_clean(name);
        let links = internal_links(&built.out());
        assert!(links.len() > 500, "{name}: only {} links", links.len());
        let dead: Vec<String> = links
            .iter()
            .filter(|(_, _, file)| !file.is_file())
            .map(|(page, link, _)| format!("{page} -> {link}"))
            .collect();
        assert!(dead.is_empty(), "{name}: dead links:\n{}", dead.join("\n"));
        // The menu's "Số liệu" leads to the figures of the plan's targets.
        let figures = text_of(&built.page("/so-lieu/"));
        assert!(figures.contains(figure), "{name}: {figures}");
        // A commune's figures are the commune's (xã), not a ward's (phường).
        let level = if name == "ngoc-lien" {
            "xã"
        } else {
            "phường"
        };
        assert!(
            figures.contains(&format!("số mới nhất của toàn {level}")),
            "{name}: {figures}"
        );
        // A few news items, in the ward's own words, with aggregates only.
        let news = text_of(&built.page("/tin-tuc/")).to_lowercase();
        for expected in ["quà tết", "mừng thọ"] {
            assert!(
                news.contains(expected),
                "{name}: news lack {expected}: {news}"
            );
        }
        // Units can be reached: a unit page gives a phone number to call.
        assert!(
            built
                .page(&format!("/don-vi/{unit}/"))
                .contains("href=\"tel:"),
            "{name}/{unit}"
        );
    }
}
