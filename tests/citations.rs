//! Citations shown as written: a number/symbol appears on every page exactly as the document (or
//! the registry) spells it, never as the upper-cased key it is looked up by; odd symbols (`&`, a
//! space after the hyphen), Party types (`Thông tri`) and lists after the issuer are each found
//! and linked; `loa import` proposes them as written, each subject ending before the next one.

mod common;

use std::path::Path;

use common::*;
use loa::import::{SiteData, import};

/// Every HTML page of a build, by its file.
fn pages(built: &Built) -> Vec<(String, String)> {
    walkdir::WalkDir::new(built.out())
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            (
                e.path().display().to_string(),
                std::fs::read_to_string(e.path()).unwrap(),
            )
        })
        .collect()
}

#[test]
fn the_example_shows_every_registered_symbol_as_written() {
    let built = build_preview(&example_root(), test_date());
    assert!(built.errors().is_empty(), "{:#?}", built.errors());
    let pages = pages(&built);
    let legal = std::fs::read_to_string(example_root().join("data/legal.toml")).unwrap();
    let symbols: Vec<&str> = legal
        .lines()
        .filter_map(|l| l.strip_prefix("so_ky_hieu = \""))
        .filter_map(|l| l.split('"').next())
        .collect();
    assert!(symbols.contains(&"1791/QĐ-TTg"), "{symbols:?}");
    for symbol in symbols {
        let upper = symbol.to_uppercase();
        if upper != symbol {
            for (file, html) in &pages {
                assert!(!html.contains(&upper), "{file} shows {upper} for {symbol}");
            }
        }
    }
    let policy = text_of(&built.page("/chinh-sach/quyet-dinh-1791-qd-ttg/"));
    assert!(policy.contains("Số, ký hiệu 1791/QĐ-TTg"), "{policy}");
    let day = text_of(&built.page("/ngay-ky-niem/ngay-cong-tac-xa-hoi-viet-nam/"));
    assert!(day.contains("Quyết định số 1791/QĐ-TTg"), "{day}");
}

/// A registry entry for `data/legal.toml`.
fn entry(kind: &str, symbol: &str, title: &str) -> String {
    format!(
        "\n[[van_ban]]\nloai = \"{kind}\"\nso_ky_hieu = \"{symbol}\"\ntrich_yeu = \"{title}\"\n"
    )
}

const NEWS: &str = "+++\ntieu_de = \"Triển khai các chính sách mới\"\nngay = \"2026-05-20\"\ntom_tat = \"Các văn bản mới về chính sách trợ giúp xã hội.\"\n+++\n\nThực hiện Công văn số 1234/SYT-NVY&BTXH của Sở Y tế, Kế hoạch số 57/KH- SYT của Sở Y tế và Thông tri số 12-TT/TU của Ban Thường vụ Thành ủy; các Quyết định của Thủ tướng Chính phủ: số 135/QĐ-TTg, số 1719/QĐ-TTg ngày 14/10/2021; Nghị quyết số 99/2026/NQ-HĐND chưa có trong danh mục.\n";

#[test]
fn odd_symbols_and_lists_are_linked_and_shown_as_written() {
    let site = copy_site(&example_root());
    let legal = site.path().join("data/legal.toml");
    let mut registry = std::fs::read_to_string(&legal).unwrap();
    registry.push_str(&entry(
        "Công văn",
        "1234/SYT-NVY&BTXH",
        "Hướng dẫn chi trả trợ cấp",
    ));
    registry.push_str(&entry("Kế hoạch", "57/KH-SYT", "Trợ giúp xã hội năm 2026"));
    registry.push_str(&entry("Thông tri", "12-TT/TU", "Lãnh đạo công tác an sinh"));
    registry.push_str(&entry("Quyết định", "135/QĐ-TTg", "Chương trình 135"));
    registry.push_str(&entry(
        "Quyết định",
        "1719/QĐ-TTg",
        "Chương trình mục tiêu quốc gia vùng dân tộc",
    ));
    std::fs::write(&legal, registry).unwrap();
    std::fs::write(
        site.path()
            .join("content/news/2026-05-20-chinh-sach-moi.md"),
        NEWS,
    )
    .unwrap();
    let built = build_preview(site.path(), test_date());
    assert!(built.errors().is_empty(), "{:#?}", built.errors());
    let page = built.page("/tin-tuc/2026-05-20-chinh-sach-moi/");
    for (written, id) in [
        (
            "Công văn số 1234/SYT-NVY&amp;BTXH",
            "cong-van-1234-syt-nvy-btxh",
        ),
        ("Kế hoạch số 57/KH- SYT", "ke-hoach-57-kh-syt"),
        ("Thông tri số 12-TT/TU", "thong-tri-12-tt-tu"),
        ("số 135/QĐ-TTg", "quyet-dinh-135-qd-ttg"),
        ("số 1719/QĐ-TTg", "quyet-dinh-1719-qd-ttg"),
    ] {
        let link = format!("<a class=\"trich-dan\" href=\"/chinh-sach/{id}/\">{written}</a>");
        assert!(page.contains(&link), "no {link} in {page}");
        built.page(&format!("/chinh-sach/{id}/"));
    }
    // (text_of puts a space where a tag was: after each link.)
    let text = text_of(&page).replace(" ,", ",");
    assert!(
        text.contains("các Quyết định của Thủ tướng Chính phủ: số 135/QĐ-TTg, số 1719/QĐ-TTg"),
        "{text}"
    );
    let policy = text_of(&built.page("/chinh-sach/cong-van-1234-syt-nvy-btxh/"));
    assert!(policy.contains("1234/SYT-NVY&BTXH"), "{policy}");
    // The one the registry lacks is a warning telling what to register, as written.
    let warnings: Vec<String> = built
        .report
        .diagnostics
        .iter()
        .filter(|d| !d.is_error())
        .map(|d| d.to_string())
        .collect();
    let warning = warnings
        .iter()
        .find(|w| w.contains("Nghị quyết số 99/2026/NQ-HĐND"))
        .unwrap_or_else(|| panic!("{warnings:#?}"));
    assert!(
        warning.starts_with("content/news/2026-05-20-chinh-sach-moi.md:7:"),
        "{warning}"
    );
    assert!(
        warning.contains("so_ky_hieu = \"99/2026/NQ-HĐND\""),
        "{warning}"
    );
    assert_eq!(
        warnings.iter().filter(|w| w.contains("2026-05-20")).count(),
        1,
        "{warnings:#?}"
    );
}

#[test]
fn imported_proposals_keep_the_spelling_and_end_each_subject_at_the_next_citation() {
    let text = "ỦY BAN NHÂN DÂN\nPHƯỜNG LƯU KIẾM\nSố: 05/KH-UBND\nLưu Kiếm, ngày 04 tháng 3 năm 2026\n\nKẾ HOẠCH\nThực hiện chính sách trợ giúp xã hội\n\nThực hiện Kế hoạch số 57/KH- SYT ngày 04/3/2026 của Sở Y tế về triển khai công tác trợ giúp xã hội và Công văn số 1234/SYT-NVY&BTXH ngày 05/3/2026 của Sở Y tế về hướng dẫn chi trả; các Quyết định của Thủ tướng Chính phủ: số 135/QĐ-TTg, số 1719/QĐ-TTg.\n\nI. NỘI DUNG\n\n1. Rà soát đối tượng.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn An\n";
    let site = SiteData::read(&example_root());
    let imported = import(Path::new("ke-hoach.txt"), text.as_bytes(), &site.context()).unwrap();
    let proposed: Vec<(Option<&str>, &str, &str)> = imported
        .proposed_legal
        .iter()
        .map(|d| (d.symbol.as_deref(), d.kind.as_str(), d.title.as_str()))
        .collect();
    assert_eq!(
        proposed,
        [
            (
                Some("57/KH-SYT"),
                "Kế hoạch",
                "Triển khai công tác trợ giúp xã hội"
            ),
            (Some("1234/SYT-NVY&BTXH"), "Công văn", "Hướng dẫn chi trả"),
            (Some("135/QĐ-TTg"), "Quyết định", ""),
            (Some("1719/QĐ-TTg"), "Quyết định", ""),
        ]
    );
    assert_eq!(imported.proposed_legal[0].issuer, "Sở Y tế");
    assert_eq!(imported.proposed_legal[0].date, "2026-03-04");
}
