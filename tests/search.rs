//! Search: the search page, its A–Z title index (the no-JavaScript fallback) and the index files.
//! Ranking and typing are tested in Chromium by `.ci/search.mjs`.

mod common;

use common::*;
use regex::Regex;

fn links(html: &str) -> Vec<String> {
    Regex::new(r#"href="([^"]+)""#)
        .unwrap()
        .captures_iter(html)
        .map(|c| c[1].to_owned())
        .collect()
}

#[test]
fn the_search_form_works_as_a_plain_link_and_every_title_is_in_the_a_to_z_index() {
    let built = build_example();
    let page = built.page("/tim-kiem/");
    assert!(
        page.contains(
            r#"<form class="o-tim-kiem" action="/tim-kiem/" method="get" role="search">"#
        )
    );
    assert!(page.contains(r#"name="q""#));
    assert!(text_of(&page).contains("Trình duyệt đang tắt JavaScript"));
    // Every menu links to the search page.
    assert!(
        built
            .page("/")
            .contains(r#"<a href="/tim-kiem/">Tìm kiếm</a>"#)
    );

    let letters: Vec<String> = links(&page)
        .into_iter()
        .filter(|l| l.starts_with("/tim-kiem/chu-"))
        .collect();
    assert!(
        letters.contains(&"/tim-kiem/chu-t/".to_owned()),
        "{letters:?}"
    );
    let mut titles = Vec::new();
    for letter in &letters {
        let html = built.page(letter);
        let list = html
            .split(r#"<ul class="danh-sach-ten">"#)
            .nth(1)
            .and_then(|rest| rest.split("</ul>").next())
            .unwrap_or_else(|| panic!("{letter} has no title list"));
        for url in links(list) {
            // Every title links to a page that exists (a procedure or a question: to its own
            // heading on the procedures or questions page).
            match url.split_once('#') {
                Some((page, anchor)) => assert!(
                    built.page(page).contains(&format!(" id=\"{anchor}\"")),
                    "{url} leads nowhere"
                ),
                None => {
                    built.page(&url);
                }
            }
            titles.push(url);
        }
    }
    // Plans, news, policies, units, days and pages are all there, each once.
    for url in [
        "/ke-hoach/ke-hoach-tro-giup-xa-hoi-2026/",
        "/tin-tuc/2026-06-06-kham-suc-khoe-nguoi-cao-tuoi/",
        "/chinh-sach/nghi-dinh-20-2021-nd-cp/",
        "/don-vi/truong-hoc/",
        "/ngay-ky-niem/gio-to-hung-vuong/",
        "/huong-dan-tro-cap/",
        "/thu-tuc/#tt-1-001776",
        "/hoi-dap/#muc-tro-cap-xa-hoi",
    ] {
        assert_eq!(titles.iter().filter(|t| *t == url).count(), 1, "{url}");
    }
    let t = text_of(&built.page("/tim-kiem/chu-t/"));
    assert!(t.contains("Mục lục: chữ T"), "{t}");
    assert!(t.contains("Trạm Y tế phường (Đơn vị)"), "{t}");
}

#[test]
fn titles_starting_with_d_stroke_have_their_own_letter_after_d() {
    let site = copy_site(&example_root());
    std::fs::write(
        site.path()
            .join("content/news/2026-05-01-duong-dong-son.md"),
        "+++\ntieu_de = \"Đường Đông Sơn được mở rộng\"\nngay = \"2026-05-01\"\n+++\n\nĐoạn tin.\n",
    )
    .unwrap();
    std::fs::write(
        site.path().join("content/news/2026-05-02-dan-vu.md"),
        "+++\ntieu_de = \"Dân vũ ở nhà văn hóa\"\nngay = \"2026-05-02\"\n+++\n\nĐoạn tin.\n",
    )
    .unwrap();
    let built = build_site(site.path(), test_date());
    assert!(!built.report.diagnostics.has_errors());
    let search = built.page("/tim-kiem/");
    let d = search.find(r#"href="/tim-kiem/chu-d/""#).expect("letter D");
    let dd = search
        .find(r#"href="/tim-kiem/chu-dd/""#)
        .expect("letter Đ");
    let e = search.find(r#"href="/tim-kiem/chu-g/""#).expect("letter G");
    assert!(d < dd && dd < e, "D, Đ, G in that order");
    let dd_page = text_of(&built.page("/tim-kiem/chu-dd/"));
    assert!(
        dd_page.contains("Đường Đông Sơn được mở rộng (Tin tức)"),
        "{dd_page}"
    );
    assert!(!dd_page.contains("Dân vũ"), "{dd_page}");
    assert!(text_of(&built.page("/tim-kiem/chu-d/")).contains("Dân vũ ở nhà văn hóa"));
}

#[test]
fn the_index_spells_d_so_that_pagefind_folds_it_and_stays_small() {
    let built = build_example();
    let bundle = built.out().join("pagefind");
    for file in [
        "pagefind.js",
        "pagefind-entry.json",
        "wasm.unknown.pagefind",
    ] {
        assert!(bundle.join(file).is_file(), "{file} missing");
    }
    // No Pagefind UI: the search page has its own small script.
    assert!(!bundle.join("pagefind-ui.js").exists());
    let size: u64 = walkdir::WalkDir::new(&bundle)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.metadata().unwrap().len())
        .sum::<u64>()
        + std::fs::metadata(built.out().join("static/tim-kiem.js"))
            .unwrap()
            .len();
    assert!(size < 300 * 1024, "index and scripts are {size} bytes");
    assert_eq!(
        loa::render::search::index_text("Đường đông"),
        "\u{1E0C}ường \u{1E0D}ông"
    );
}

#[test]
fn a_quick_preview_without_pdfs_or_search_index_links_to_neither() {
    let built = build_preview(&example_root(), test_date());
    assert!(built.errors().is_empty(), "{:?}", built.errors());
    let out = built.out();
    assert!(!out.join("pagefind").exists(), "no search index");
    let pdfs = walkdir::WalkDir::new(&out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "pdf"))
        .count();
    assert_eq!(pdfs, 0);
    let search = std::fs::read_to_string(out.join("tim-kiem/index.html")).unwrap();
    assert!(
        !search.contains("tim-kiem.js"),
        "no script that would look for the index"
    );
    assert!(
        search.contains("/tim-kiem/chu-"),
        "the A–Z index is still there"
    );
    let plan =
        std::fs::read_to_string(out.join("ke-hoach/ke-hoach-tro-giup-xa-hoi-2026/index.html"))
            .unwrap();
    assert!(
        !plan.contains("Tải bản in"),
        "no link to a PDF that was not made"
    );
    // The default build makes both.
    let full = build_example();
    assert!(full.out().join("pagefind/pagefind.js").exists());
    assert!(full.page("/tim-kiem/").contains("tim-kiem.js"));
    assert_eq!(
        full.page("/ke-hoach/ke-hoach-tro-giup-xa-hoi-2026/")
            .contains("Tải bản in"),
        cfg!(feature = "pdf")
    );
}

#[test]
fn indicators_campaigns_and_reports_are_in_the_a_to_z_index() {
    let built = build_example();
    let letter_n = built.page("/tim-kiem/chu-n/");
    assert!(
        letter_n.contains(r#"<a href="/so-lieu/tro-cap-huu-tri-xa-hoi/">Người hưởng trợ cấp hưu trí xã hội</a> <span class="phu">(Số liệu)</span>"#),
        "the indicator is listed under N with its section"
    );
    let site = loa::build::check(&example_root(), test_date(), &mut Default::default()).unwrap();
    let records = loa::render::search::records(&site.site);
    for (url, count) in [
        ("/so-lieu/", site.site.stats.indicators.len()),
        ("/chien-dich/", site.site.stats.campaigns.len()),
        ("/bao-cao/", site.site.stats.reports.len()),
    ] {
        assert!(count > 0);
        assert_eq!(
            records.iter().filter(|r| r.url.starts_with(url)).count(),
            count,
            "{url}"
        );
    }
}
