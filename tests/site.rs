//! The bundled example ward, built and read as a reader would.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::*;
use regex::Regex;

const PLAN: &str = "/ke-hoach/ke-hoach-tro-giup-xa-hoi-2026/";

#[test]
fn plan_page_shows_the_whole_document() {
    let built = build_example();
    let page = built.page(PLAN);
    let text = text_of(&page);
    for sentence in [
        "Thực hiện Kế hoạch số 73/KH-SYT ngày 04/3/2026 của Sở Y tế thành phố Hải Phòng",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "hệ thống chính sách, các chương trình trợ giúp xã hội của nhà nước",
        "III. KINH PHÍ THỰC HIỆN",
        "Thường xuyên rà soát các đối tượng bảo trợ xã hội, người yếu thế, để xuất kịp thời các trường hợp phát sinh.",
        "Trên đây là Kế hoạch thực hiện Đề án đổi mới, phát triển trợ giúp xã hội",
        "TM. ỦY BAN NHÂN DÂN",
        "PHÓ CHỦ TỊCH",
        "Hoàng Anh Tuấn",
        "Lưu: VT, VHXX.",
    ] {
        assert!(text.contains(sentence), "plan page lacks: {sentence}");
    }
}

#[test]
fn plan_page_lists_all_eight_bodies_with_their_duties() {
    let built = build_example();
    let page = built.page(PLAN);
    let start = page
        .find("id=\"ai-lam-gi\"")
        .expect("who-does-what section");
    let end = page[start..].find("</table>").expect("table end") + start;
    let table = &page[start..end];
    let rows: Vec<&str> = table.split("<tr>").skip(2).collect();
    let bodies: Vec<String> = rows
        .iter()
        .map(|row| {
            let head = &row[row.find("<th scope=\"row\">").unwrap()..row.find("</th>").unwrap()];
            text_of(head)
        })
        .collect();
    let expected = [
        "Phòng Văn hóa - Xã hội phường",
        "Phòng Kinh tế, Hạ tầng và Đô thị phường",
        "Trạm Y tế phường",
        "Công an phường",
        "Trung tâm Dịch vụ sự nghiệp công phường",
        "Các trường học trên địa bàn phường",
        "Ủy ban Mặt trận Tổ quốc Việt Nam phường đề nghị phối hợp",
        "Các tổ dân phố",
    ];
    assert_eq!(bodies, expected);
    // Every body links to its unit page and has at least one duty.
    for row in &rows {
        assert!(
            row.contains("href=\"/don-vi/"),
            "row without unit link: {row}"
        );
        assert!(row.contains("<li>"), "row without duties: {row}");
    }
    let duties: usize = rows.iter().map(|r| r.matches("<li>").count()).sum();
    assert_eq!(
        duties,
        4 + 2 + 3 + 2 + 1 + 3 + 4 + 2,
        "every duty bullet or paragraph is listed"
    );
    assert!(
        text_of(rows[4])
            .contains("Phối hợp với Phòng Văn hóa - Xã hội, Trạm Y tế phường xây dựng nội dung")
    );
}

#[test]
fn unit_pages_collect_duties_from_plans() {
    let built = build_example();
    let page = built.page("/don-vi/");
    let unit_link = Regex::new(r#"href="(/don-vi/[^"]+/)">Trạm Y tế phường<"#).unwrap();
    let url = unit_link
        .captures(&page)
        .expect("Trạm Y tế in the unit list")[1]
        .to_owned();
    let unit = text_of(&built.page(&url));
    assert!(unit.contains("Quản lý trường hợp, theo dõi, giám sát và can thiệp tại cộng đồng"));
    assert!(unit.contains("Kế hoạch thực hiện Đề án Đổi mới, phát triển trợ giúp xã hội năm 2026"));
}

#[test]
fn every_cited_decree_links_to_a_policy_page_listing_the_plan() {
    let built = build_example();
    let page = built.page(PLAN);
    let link =
        Regex::new(r#"<a class="trich-dan" href="(/chinh-sach/[^"]+/)">([^<]+)</a>"#).unwrap();
    let mut cited: BTreeMap<String, String> = BTreeMap::new();
    for c in link.captures_iter(&page) {
        cited.insert(c[2].to_owned(), c[1].to_owned());
    }
    for decree in [
        "Nghị định số 20/2021/NĐ-CP",
        "Nghị định số 76/2024/NĐ-CP",
        "Nghị định số 176/2025/NĐ-CP",
        "Nghị quyết số 48/2025/NQ-HĐND",
        "Nghị quyết số 57/2025/NQ-HĐND",
        "Kế hoạch số 73/KH-SYT",
    ] {
        let url = cited
            .get(decree)
            .unwrap_or_else(|| panic!("{decree} is not linked; linked: {cited:?}"));
        let policy = built.page(url);
        assert!(
            policy.contains(&format!("href=\"{PLAN}\"")),
            "{url} does not list the plan"
        );
    }
}

#[test]
fn every_internal_link_and_asset_resolves() {
    let built = build_example();
    let out = built.out();
    let attr = Regex::new(r#"(?:href|src)="([^"]*)""#).unwrap();
    let id = Regex::new(r#"\sid="([^"]+)""#).unwrap();
    let mut ids: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut links = Vec::new();
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(&out)
        .into_iter()
        .filter_map(Result::ok)
    {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        pages += 1;
        let html = std::fs::read_to_string(path).unwrap();
        let relative = path
            .strip_prefix(&out)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        ids.insert(
            relative.clone(),
            id.captures_iter(&html).map(|c| c[1].to_owned()).collect(),
        );
        for c in attr.captures_iter(&html) {
            links.push((relative.clone(), c[1].to_owned()));
        }
    }
    assert!(pages > 20, "only {pages} pages");
    let mut broken = Vec::new();
    for (from, link) in &links {
        if link.starts_with("http") || link.starts_with("mailto:") || link.starts_with("tel:") {
            continue;
        }
        let (path, fragment) = link.split_once('#').unwrap_or((link, ""));
        let file = if path.is_empty() {
            from.clone()
        } else {
            assert!(path.starts_with('/'), "{from}: relative link {link}");
            loa::render::urls::file_for(path)
        };
        if !out.join(&file).is_file() {
            broken.push(format!("{from} -> {link} (no {file})"));
            continue;
        }
        if !fragment.is_empty() && !ids.get(&file).is_some_and(|set| set.contains(fragment)) {
            broken.push(format!("{from} -> {link} (no id {fragment})"));
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn pages_have_the_required_parts() {
    let built = build_example();
    for url in [
        "/",
        PLAN,
        "/don-vi/",
        "/chinh-sach/",
        "/lich/",
        "/tin-tuc/",
        "/lien-he/",
        "/404.html",
    ] {
        let page = built.page(url);
        assert!(
            page.starts_with("<!DOCTYPE html>\n<html lang=\"vi\">"),
            "{url}"
        );
        assert!(page.contains("media=\"print\""), "{url}: print stylesheet");
        assert!(page.contains("class=\"bo-qua\""), "{url}: skip link");
        // No JavaScript needed: the one script (home page) only adds "ngày mai" and the like
        // beside dates the page already states.
        let scripts = page.matches("<script").count();
        let optional = page
            .matches(r#"<script src="/static/ngay.js" defer></script>"#)
            .count();
        assert_eq!(scripts, optional, "{url}: no JavaScript needed");
        assert!(!page.contains("https://fonts."), "{url}: no other host");
    }
    let plan = built.page(PLAN);
    assert!(plan.contains("aria-label=\"Đường dẫn\""), "breadcrumbs");
    assert!(plan.contains("/ban-in/"), "print link");
    let print = text_of(&built.page(&format!("{PLAN}ban-in/")));
    assert!(print.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc"));
    assert!(print.contains("Lưu Kiếm, ngày … tháng … năm 2026"));
    assert!(print.contains("Số: …………/KH-UBND"), "{print}");
    let out = built.out();
    for file in [
        "sitemap.xml",
        "robots.txt",
        "atom.xml",
        "lich/ngay-ky-niem.ics",
        "static/style.css",
        "static/print.css",
    ] {
        assert!(out.join(file).is_file(), "{file} missing");
    }
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains(
        "<loc>https://luukiem.haiphong.gov.vn/ke-hoach/ke-hoach-tro-giup-xa-hoi-2026/</loc>"
    ));
    assert!(!sitemap.contains("404"));
    let robots = std::fs::read_to_string(out.join("robots.txt")).unwrap();
    assert!(robots.contains("Sitemap: https://luukiem.haiphong.gov.vn/sitemap.xml"));
}

#[test]
fn typical_pages_stay_small() {
    let built = build_example();
    let css = std::fs::metadata(built.out().join("static/style.css"))
        .unwrap()
        .len();
    for url in ["/", PLAN, "/lich/", "/chinh-sach/"] {
        let html = built.page(url).len() as u64;
        assert!(html + css < 60 * 1024, "{url}: {html} + {css} bytes");
    }
}

#[test]
fn calendar_has_lunar_days_on_their_solar_dates_and_an_ics_file() {
    let built = build_example();
    let calendar = text_of(&built.page("/lich/"));
    assert!(calendar.contains("Lịch ngày kỷ niệm năm 2026"));
    assert!(
        calendar.contains("Thứ Năm, ngày 27 tháng 8 năm 2026"),
        "Vu Lan 2026 is 27/8"
    );
    assert!(
        calendar.contains("Thứ Sáu, ngày 25 tháng 9 năm 2026"),
        "Trung thu 2026 is 25/9"
    );
    assert!(calendar.contains("ngày 15 tháng 8 năm Bính Ngọ"));
    let ics = std::fs::read_to_string(built.out().join("lich/ngay-ky-niem.ics")).unwrap();
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(
        ics.contains("DTSTART;VALUE=DATE:20260925"),
        "Trung thu 2026 in the ics"
    );
    assert!(
        ics.contains("DTSTART;VALUE=DATE:20270915"),
        "Trung thu 2027 in the ics"
    );
    assert!(
        ics.contains("DTSTAMP:20261122T000000Z"),
        "stamp from the build date, not the clock"
    );
}

#[test]
fn home_announces_upcoming_days_relative_to_the_build_date() {
    let built = build_example();
    let home = text_of(&built.page("/"));
    // 22/11/2026: the gender-equality month (15/11-15/12) is running; 3/12 is eleven days away.
    assert!(home.contains("Ngày Quốc tế Người khuyết tật"), "{home}");
    // The page states dates, never words that go stale ("ngày mai", "đang diễn ra"): those are
    // added in the reader's browser by the optional static/ngay.js from these dates.
    assert!(
        home.contains("Trong 60 ngày kể từ Chủ nhật, ngày 22 tháng 11 năm 2026:"),
        "{home}"
    );
    assert!(
        home.contains("Thứ Năm, ngày 03 tháng 12 năm 2026"),
        "{home}"
    );
    for stale in ["Còn 11 ngày", "Đang diễn ra", "Ngày mai"] {
        assert!(!home.contains(stale), "{stale}: {home}");
    }
    let html = built.page("/");
    assert!(
        html.contains(r#"data-tu="2026-12-03" data-den="2026-12-03""#),
        "{html}"
    );
    assert!(html.contains(r#"<script src="/static/ngay.js" defer></script>"#));
    assert!(built.out().join("static/ngay.js").exists());
    let june = build_site(
        &example_root(),
        chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap(),
    );
    let home = text_of(&june.page("/"));
    assert!(home.contains("Ngày Người cao tuổi Việt Nam"));
    assert!(home.contains("Thứ Bảy, ngày 06 tháng 6 năm 2026"), "{home}");
}

#[test]
fn identical_input_gives_identical_output() {
    // Two copies, so each has its own empty product cache and makes the search index and the
    // PDFs itself (a shared cache would hand the second build the first build's files).
    let (one, two) = (copy_site(&example_root()), copy_site(&example_root()));
    let a = build_site(one.path(), test_date());
    let b = build_site(two.path(), test_date());
    assert!(a.errors().is_empty() && b.errors().is_empty());
    let files = |root: &std::path::Path| -> BTreeMap<String, Vec<u8>> {
        walkdir::WalkDir::new(root)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                (
                    e.path()
                        .strip_prefix(root)
                        .unwrap()
                        .to_string_lossy()
                        .into_owned(),
                    std::fs::read(e.path()).unwrap(),
                )
            })
            .collect()
    };
    let (fa, fb) = (files(&a.out()), files(&b.out()));
    assert_eq!(fa.keys().collect::<Vec<_>>(), fb.keys().collect::<Vec<_>>());
    for (name, bytes) in &fa {
        assert!(bytes == &fb[name], "{name} differs between two builds");
    }
}

#[test]
fn residents_read_plain_words_and_headings_they_can_see() {
    let built = build_example();
    // Words of the trade a resident does not know: formats, archiving standards, statisticians'
    // terms. (The open-data page for data users may name formats; it is not in this list.)
    let jargon = [
        "Atom",
        "(.ics)",
        "PDF/A",
        "cộng dồn",
        "(tốt lên)",
        "Tải CSV",
    ];
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(built.out())
        .into_iter()
        .filter_map(Result::ok)
    {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "html")
            || path.to_string_lossy().contains("/du-lieu/")
        {
            continue;
        }
        let text = text_of(&std::fs::read_to_string(path).unwrap());
        for word in jargon {
            assert!(!text.contains(word), "{}: '{word}'", path.display());
        }
        pages += 1;
    }
    assert!(pages > 50, "{pages} pages");

    // h1 at least 1.6 times the body text, on a phone as on a computer.
    let css = std::fs::read_to_string(built.out().join("static/style.css")).unwrap();
    let size = |pattern: &str| -> Vec<f64> {
        regex::Regex::new(pattern)
            .unwrap()
            .captures_iter(&css)
            .map(|c| c[1].parse().unwrap())
            .collect()
    };
    let body = size(r"(?s)\nbody \{[^}]*?font-size: ([\d.]+)rem");
    let h1 = size(r"h1 \{ font-size: ([\d.]+)rem");
    assert_eq!(body.len(), 1, "{body:?}");
    assert!(h1.len() >= 2, "desktop and phone sizes: {h1:?}");
    for h in h1 {
        assert!(h >= 1.6 * body[0], "h1 {h}rem for body {}rem", body[0]);
    }
}

#[test]
fn wide_tables_become_labelled_cards_on_a_phone() {
    let built = build_example();
    let table = regex::Regex::new(r"(?s)<table([^>]*)>(.*?)</table>").unwrap();
    let cell = regex::Regex::new(r"<td(?:\s[^>]*)?>").unwrap();
    let figure = regex::Regex::new(r#"(?s)<figure class="bieu-do".*?</figure>"#).unwrap();
    for url in [
        "/ke-hoach/ke-hoach-tro-giup-xa-hoi-2026/",
        "/ke-hoach/",
        "/bao-cao/2026-q3/",
        "/lien-he/",
        "/don-vi/",
        "/chinh-sach/",
        "/so-lieu/",
    ] {
        let page = built.page(url);
        // The charts' own data tables (two short columns, folded away) stay tables.
        let page = figure.replace_all(&page, "");
        let mut tables = 0;
        for t in table.captures_iter(&page) {
            tables += 1;
            assert!(
                t[1].contains("bang-noi-dung"),
                "{url}: a table that stays wide on a phone: <table{}>",
                &t[1]
            );
            for td in cell.find_iter(&t[2]) {
                assert!(
                    td.as_str().contains("data-nhan=\""),
                    "{url}: a cell without the name of its column: {}",
                    td.as_str()
                );
            }
        }
        assert!(tables > 0, "{url}: no table");
    }
    let css = std::fs::read_to_string(built.out().join("static/style.css")).unwrap();
    assert!(css.contains(".bang-noi-dung td[data-nhan]::before { content: attr(data-nhan);"));
}

#[test]
fn every_phone_number_is_a_call_link_and_every_email_a_mail_link() {
    let built = build_example();
    let links =
        regex::Regex::new(r#"(?s)<a [^>]*href="(?:tel|mailto):[^"]*"[^>]*>.*?</a>"#).unwrap();
    let email =
        regex::Regex::new(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
            .unwrap();
    let mut called = 0;
    for entry in walkdir::WalkDir::new(built.out())
        .into_iter()
        .filter_map(Result::ok)
    {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = std::fs::read_to_string(path).unwrap();
        called += html.matches("href=\"tel:").count();
        let rest = text_of(&links.replace_all(&html, " "));
        let phones = loa::locale::phone::find_phones(&rest);
        assert!(
            phones.is_empty(),
            "{}: a phone number that is not a link: {}",
            path.display(),
            &rest[phones[0].start..phones[0].end]
        );
        assert!(
            !email.is_match(&rest),
            "{}: an e-mail address that is not a link: {:?}",
            path.display(),
            email.find(&rest).map(|m| m.as_str())
        );
    }
    assert!(called > 100, "{called} call links");
    // A number written in a news item's text is a link too.
    let news = built.page("/tin-tuc/2026-06-06-kham-suc-khoe-nguoi-cao-tuoi/");
    assert!(news.contains("href=\"tel:"), "{news}");
}
