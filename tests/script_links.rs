//! A `javascript:`, `vbscript:` or `data:` link runs code on the reader's phone when tapped. loa
//! lets only `http`, `https`, `mailto`, `tel` and addresses on the site reach an `href` or
//! `src`; any other scheme, however it is written, is an error naming the file, line and field,
//! wherever the URL comes from.

mod common;

use std::path::Path;

use common::{build_preview, copy_site, example_root, test_date};

const REFUSED: &str = "loa không cho phép";

fn write(site: &Path, file: &str, text: &str) {
    std::fs::write(site.join(file), text).unwrap();
}

fn replace_in(site: &Path, file: &str, from: &str, to: &str) {
    let path = site.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} does not contain {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// The refused-link errors of a build of `site`, as printed.
fn refused_links(site: &Path) -> Vec<String> {
    let built = build_preview(site, test_date());
    let errors: Vec<String> = built
        .errors()
        .into_iter()
        .filter(|e| e.contains(REFUSED))
        .collect();
    assert!(
        !built.out().exists(),
        "an error leaves the output untouched"
    );
    errors
}

fn assert_at(errors: &[String], expected: &[&str]) {
    assert_eq!(errors.len(), expected.len(), "{errors:#?}");
    for (error, start) in errors.iter().zip(expected) {
        assert!(
            error.starts_with(start),
            "{error}\n  should start with {start}"
        );
    }
}

/// Every way Markdown writes a link target, each on its own line (the plan body starts at 7).
const MARKDOWN_LINKS: &str = "\
[liên kết](javascript:alert(1))
[tham chiếu][r]
<javascript:alert(3)>
[mã hóa](&#106;avascript:alert(4))
[hoa thường](JaVaScRiPt:alert(5))
[dấu cách](   javascript:alert(6))
[tab](<java\tscript:alert(7)>)
[điều khiển](<\u{1}\u{2} javascript:alert(8)>)
![ảnh](data:text/html,<script>alert(9)</script>)
[vb](vbscript:msgbox(10))
[dữ liệu](DATA:text/html;base64,PHNjcmlwdD4=)

[r]: javascript:alert(2)
";

#[test]
fn every_markdown_link_form_in_a_plan_is_located() {
    let site = copy_site(&example_root());
    write(
        site.path(),
        "content/plans/lien-ket.md",
        &format!(
            "+++\nloai = \"KH\"\ntrich_yeu = \"Liên kết\"\nloi_ket = \"Xem [thêm](javascript:alert(0)).\"\n+++\n\n{MARKDOWN_LINKS}"
        ),
    );
    let expected: Vec<String> = std::iter::once("content/plans/lien-ket.md:4:".to_owned())
        .chain((7..=17).map(|line| format!("content/plans/lien-ket.md:{line}:")))
        .collect();
    let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
    let errors = refused_links(site.path());
    assert_at(&errors, &expected);
    // The message shows the target as written (control characters escaped) and its scheme.
    assert!(errors[1].contains("`javascript:alert(1)`"), "{}", errors[1]);
    assert!(
        errors[1].contains("giao thức `javascript:`"),
        "{}",
        errors[1]
    );
    assert!(
        errors[1].contains("(error: the link uses the scheme `javascript:`"),
        "{}",
        errors[1]
    );
    assert!(errors[7].contains("java\\tscript:"), "{}", errors[7]);
    assert!(errors[9].contains("`data:`"), "{}", errors[9]);
    assert!(errors[10].contains("`vbscript:`"), "{}", errors[10]);
    assert!(
        errors[0].contains("http, https, mailto, tel"),
        "{}",
        errors[0]
    );
}

#[test]
fn news_pages_leaflets_campaigns_and_reports_are_checked_too() {
    let site = copy_site(&example_root());
    let link = "Xem [tại đây](javascript:alert(1)).\n";
    write(
        site.path(),
        "content/news/2026-01-01-lien-ket.md",
        &format!("+++\ntieu_de = \"Tin\"\nngay = \"2026-01-01\"\n+++\n\n{link}"),
    );
    write(
        site.path(),
        "content/pages/lien-ket.md",
        "+++\ntieu_de = \"Trang\"\n+++\n\n![ảnh](data:text/html,x)\n",
    );
    write(
        site.path(),
        "content/leaflets/lien-ket.md",
        &format!("+++\ntieu_de = \"Tờ rơi\"\n+++\n\n## Phần\n\n{link}"),
    );
    write(
        site.path(),
        "content/campaigns/lien-ket.md",
        &format!(
            "+++\nten = \"Chiến dịch\"\ntu = \"2026-02-01\"\nden = \"2026-02-28\"\nky = \"2026-02\"\n+++\n\n{link}"
        ),
    );
    write(
        site.path(),
        "content/reports/2026-Q4.md",
        "+++\ntieu_de = \"Báo cáo quý IV\"\nky = \"2026-Q4\"\nngay = \"2027-01\"\n+++\n\n## Tình hình\n\n<vbscript:msgbox(1)>\n",
    );
    let mut errors = refused_links(site.path());
    errors.sort();
    assert_at(
        &errors,
        &[
            "content/campaigns/lien-ket.md:8:",
            "content/leaflets/lien-ket.md:7:",
            "content/news/2026-01-01-lien-ket.md:6:",
            "content/pages/lien-ket.md:5:",
            "content/reports/2026-Q4.md:9:",
        ],
    );
}

#[test]
fn url_settings_in_site_toml_and_the_legal_registry_are_checked() {
    let site = copy_site(&example_root());
    replace_in(
        site.path(),
        "site.toml",
        "fanpage = \"https://www.facebook.com/ubndphuongluukiem\"",
        "fanpage = \" java\\tscript:alert(document.cookie)\"",
    );
    replace_in(
        site.path(),
        "data/legal.toml",
        "lien_ket = \"\"",
        "lien_ket = \"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\"",
    );
    let legal = std::fs::read_to_string(site.path().join("data/legal.toml")).unwrap();
    let line = legal
        .lines()
        .position(|l| l.starts_with("lien_ket = \"data:"))
        .unwrap()
        + 1;
    let mut errors = refused_links(site.path());
    errors.sort();
    assert_at(
        &errors,
        &[&format!("data/legal.toml:{line}:"), "site.toml:12:"],
    );
    assert!(
        errors[0].contains("Trường `lien_ket`: liên kết `data:"),
        "{}",
        errors[0]
    );
    assert!(errors[1].contains("Trường `fanpage`"), "{}", errors[1]);
    assert!(errors[1].contains("`javascript:`"), "{}", errors[1]);
}

/// Every `href` and `src` value in the built pages and feeds, entities decoded.
fn links_in(out: &Path) -> Vec<(String, String)> {
    let attribute =
        regex::Regex::new(r#"(?i)\b(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))"#).unwrap();
    let numeric = regex::Regex::new(r"&#(x?)([0-9a-fA-F]+);?").unwrap();
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
    {
        let path = entry.path();
        if !path
            .extension()
            .is_some_and(|e| e == "html" || e == "xml" || e == "svg")
        {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        for c in attribute.captures_iter(&text) {
            let raw = c.get(1).or(c.get(2)).or(c.get(3)).unwrap().as_str();
            let decoded = numeric.replace_all(raw, |n: &regex::Captures<'_>| {
                let radix = if n[1].is_empty() { 10 } else { 16 };
                u32::from_str_radix(&n[2], radix)
                    .ok()
                    .and_then(char::from_u32)
                    .map(String::from)
                    .unwrap_or_default()
            });
            let decoded = decoded
                .replace("&colon;", ":")
                .replace("&Tab;", "\t")
                .replace("&NewLine;", "\n")
                .replace("&amp;", "&");
            found.push((path.display().to_string(), decoded));
        }
    }
    found
}

/// Whether a browser would run `url` as a script or document: the scheme after dropping spaces,
/// control characters, tabs and line breaks.
fn is_script(url: &str) -> bool {
    let squeezed: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_lowercase();
    ["javascript:", "vbscript:", "data:"]
        .iter()
        .any(|s| squeezed.starts_with(s))
}

#[test]
fn no_built_page_links_to_a_script() {
    // Content full of script links does not build at all...
    let site = copy_site(&example_root());
    write(
        site.path(),
        "content/news/2026-01-01-lien-ket.md",
        &format!("+++\ntieu_de = \"Tin\"\nngay = \"2026-01-01\"\n+++\n\n{MARKDOWN_LINKS}"),
    );
    replace_in(
        site.path(),
        "site.toml",
        "fanpage = \"https://www.facebook.com/ubndphuongluukiem\"",
        "fanpage = \"javascript:alert(1)\"",
    );
    let built = build_preview(site.path(), test_date());
    assert!(!built.errors().is_empty());
    // ... so nothing is published (scanning a folder a refused build never writes proves nothing).
    assert!(
        links_in(&built.out()).is_empty(),
        "a refused build wrote pages"
    );

    // ... and the links loa allows are written as given, none of them a script.
    let site = copy_site(&example_root());
    write(
        site.path(),
        "content/news/2026-01-01-lien-ket.md",
        "+++\ntieu_de = \"Tin\"\nngay = \"2026-01-01\"\n+++\n\n\
         [web](https://thuvienphapluat.vn/a), [thư](mailto:ubnd@example.vn), [gọi](tel:02253123456), \
         [trang](/lien-he/), [mục](#phan-i), <https://example.vn/b>, [điều](<Điều 5: a>).\n",
    );
    let built = build_preview(site.path(), test_date());
    assert!(built.errors().is_empty(), "{:#?}", built.errors());
    let links = links_in(&built.out());
    let scripts: Vec<_> = links.iter().filter(|(_, url)| is_script(url)).collect();
    assert!(scripts.is_empty(), "{scripts:#?}");
    let news = built.page("/tin-tuc/2026-01-01-lien-ket/");
    for allowed in [
        "href=\"https://thuvienphapluat.vn/a\"",
        "href=\"mailto:ubnd@example.vn\"",
        "href=\"tel:02253123456\"",
        "href=\"/lien-he/\"",
        "href=\"https://example.vn/b\"",
    ] {
        assert!(news.contains(allowed), "{allowed} missing");
    }
    assert!(
        links.len() > 1000,
        "the scan reads every page: {}",
        links.len()
    );
}
