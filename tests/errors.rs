//! Bad input: every problem is located (file, line, field, what to do), all problems of a run are
//! reported together, nothing panics, and a failed build leaves the previous output untouched.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use common::*;

const PLAN_FILE: &str = "content/plans/ke-hoach-tro-giup-xa-hoi-2026.md";

fn snapshot(root: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(root).unwrap().display().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

fn replace_in(site: &Path, file: &str, from: &str, to: &str) {
    let path = site.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} does not contain {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn a_typo_in_a_plan_field_names_file_line_and_the_nearest_field() {
    let site = copy_site(&example_root());
    replace_in(site.path(), PLAN_FILE, "trich_yeu =", "trichyeu =");
    let built = build_site(site.path(), test_date());
    let errors = built.errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    let text = std::fs::read_to_string(site.path().join(PLAN_FILE)).unwrap();
    let line = text
        .lines()
        .position(|l| l.starts_with("trichyeu"))
        .unwrap()
        + 1;
    assert!(
        errors[0].starts_with(&format!(
            "{PLAN_FILE}:{line}:1: lỗi: Trường `trichyeu` không có"
        )),
        "{}",
        errors[0]
    );
    assert!(
        errors[0].contains("Có phải ý bạn là `trich_yeu`?"),
        "{}",
        errors[0]
    );
    assert!(!built.out().exists(), "nothing is written on error");
}

#[test]
fn all_problems_of_a_run_are_reported_together() {
    let site = copy_site(&example_root());
    replace_in(
        site.path(),
        PLAN_FILE,
        "ky_hieu = \"KH-UBND\"",
        "ky_hieu = \"KH-UBND\"\nngay_ky = \"2026\"",
    );
    replace_in(site.path(), "data/units.toml", "[[don_vi]]", "[[don_vi]\n");
    std::fs::write(
        site.path().join("content/news/zz-sai-ngay.md"),
        "+++\ntieu_de = \"Tin sai ngày\"\nngay = \"2026-02-30\"\n+++\nNội dung.\n",
    )
    .unwrap();
    let built = build_site(site.path(), test_date());
    let errors = built.errors();
    assert_eq!(errors.len(), 3, "{errors:#?}");
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("content/news/zz-sai-ngay.md:3:")
                && e.contains("Ngày `2026-02-30` không hợp lệ"))
    );
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with(PLAN_FILE) && e.contains("`ngay_ky`"))
    );
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("data/units.toml:") && e.contains("Lỗi cú pháp TOML"))
    );
}

#[test]
fn a_failed_build_leaves_the_previous_output_exactly_as_it_was() {
    let site = copy_site(&example_root());
    let out = site.path().join("output");
    let first = loa::build::build(&loa::build::BuildOptions {
        root: site.path().to_path_buf(),
        out: out.clone(),
        date: test_date(),
        outputs: Default::default(),
    });
    assert!(!first.diagnostics.has_errors());
    let before = snapshot(&out);
    assert!(before.len() > 20);

    // A template error: rendering fails half-way through; nothing of it may reach output/.
    let theme = site.path().join("themes/default/templates");
    std::fs::create_dir_all(&theme).unwrap();
    std::fs::write(
        theme.join("unit.html"),
        "{% extends \"base.html\" %}{% block content %}{{ unit.khong_co | upper }}{% endblock content %}",
    )
    .unwrap();
    // And a content change that would alter other pages.
    replace_in(site.path(), PLAN_FILE, "Hoàng Anh Tuấn", "Người Khác");
    let second = loa::build::build(&loa::build::BuildOptions {
        root: site.path().to_path_buf(),
        out: out.clone(),
        date: test_date(),
        outputs: Default::default(),
    });
    assert!(second.diagnostics.has_errors());
    let shown: Vec<String> = second.diagnostics.iter().map(|d| d.to_string()).collect();
    assert!(
        shown
            .iter()
            .any(|e| e.starts_with("themes/default/templates/unit.html:1:")),
        "{shown:#?}"
    );
    assert_eq!(
        snapshot(&out),
        before,
        "output/ changed after a failed build"
    );
    let leftovers: Vec<_> = std::fs::read_dir(site.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("loa-"))
        .collect();
    assert!(leftovers.is_empty(), "staging folders left: {leftovers:?}");
}

#[test]
fn a_template_syntax_error_is_located_at_load_time() {
    let site = copy_site(&example_root());
    let theme = site.path().join("themes/default/templates");
    std::fs::create_dir_all(&theme).unwrap();
    std::fs::write(
        theme.join("404.html"),
        "{% extends \"base.html\" %}\n{% block content %}\n{% if %}\n{% endblock content %}\n",
    )
    .unwrap();
    let built = build_site(site.path(), test_date());
    let errors = built.errors();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0].starts_with("themes/default/templates/404.html:3:"),
        "{}",
        errors[0]
    );
    assert!(errors[0].contains("Lỗi trong mẫu giao diện"));
}

#[test]
fn unknown_units_and_citations_are_warnings_that_name_the_line() {
    let site = copy_site(&example_root());
    replace_in(
        site.path(),
        PLAN_FILE,
        "### 4. Công an phường",
        "### 4. Đội Công an lạ",
    );
    replace_in(
        site.path(),
        PLAN_FILE,
        "Nghị định số 20/2021/NĐ-CP ngày 15/3/2021",
        "Nghị định số 999/2099/NĐ-CP ngày 15/3/2021",
    );
    let built = build_site(site.path(), test_date());
    assert!(!built.report.diagnostics.has_errors());
    let warnings: Vec<String> = built
        .report
        .diagnostics
        .iter()
        .filter(|d| !d.is_error())
        .map(|d| d.to_string())
        .collect();
    let text = std::fs::read_to_string(site.path().join(PLAN_FILE)).unwrap();
    let unit_line = text
        .lines()
        .position(|l| l.contains("Đội Công an lạ"))
        .unwrap()
        + 1;
    let cite_line = text.lines().position(|l| l.contains("999/2099")).unwrap() + 1;
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with(&format!("{PLAN_FILE}:{unit_line}:"))
                && w.contains("Đơn vị `Đội Công an lạ` chưa có")),
        "{warnings:#?}"
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with(&format!("{PLAN_FILE}:{cite_line}:"))
                && w.contains("999/2099/NĐ-CP")),
        "{warnings:#?}"
    );
    // The page is still built, the unit shown without a link.
    assert!(
        built
            .page("/ke-hoach/ke-hoach-tro-giup-xa-hoi-2026/")
            .contains("<th scope=\"row\">Đội Công an lạ</th>")
    );
}

#[test]
fn future_news_is_published_and_reported() {
    let site = copy_site(&example_root());
    std::fs::write(
        site.path().join("content/news/tin-tuong-lai.md"),
        "+++\ntieu_de = \"Tin đăng trước\"\nngay = \"2027-01-05\"\n+++\nNội dung.\n",
    )
    .unwrap();
    let built = build_site(site.path(), test_date());
    assert!(!built.report.diagnostics.has_errors());
    assert!(
        built
            .report
            .diagnostics
            .iter()
            .any(|d| d.code == "content_future")
    );
    assert!(
        built
            .page("/tin-tuc/tin-tuong-lai/")
            .contains("Tin đăng trước")
    );
}

#[test]
fn nfd_and_crlf_input_is_normalised() {
    use unicode_normalization::UnicodeNormalization;
    let site = copy_site(&example_root());
    let text = "+++\r\ntieu_de = \"Người cao tuổi được chúc thọ\"\r\nngay = \"2026-10-01\"\r\n+++\r\nThăm hỏi người cao tuổi.\r\n";
    let nfd: String = text.nfd().collect();
    std::fs::write(site.path().join("content/news/nfd.md"), nfd).unwrap();
    let built = build_site(site.path(), test_date());
    assert!(!built.report.diagnostics.has_errors());
    let page = built.page("/tin-tuc/nfd/");
    assert!(
        page.contains("<h1>Người cao tuổi được chúc thọ</h1>"),
        "NFC title"
    );
}

#[test]
fn a_file_that_is_not_utf8_is_refused_with_its_position() {
    let site = copy_site(&example_root());
    // "Ch\xe0o" is Latin-1/TCVN3-style 8-bit text, not UTF-8.
    let mut bytes = b"+++\ntieu_de = \"Ch".to_vec();
    bytes.push(0xE0);
    bytes.extend_from_slice(b"o\"\nngay = \"2026-01-01\"\n+++\n");
    std::fs::write(site.path().join("content/news/cu.md"), bytes).unwrap();
    let built = build_site(site.path(), test_date());
    let errors = built.errors();
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].starts_with("content/news/cu.md:2:"),
        "{}",
        errors[0]
    );
    assert!(errors[0].contains("UTF-8"));
}

#[test]
fn the_command_line_exits_1_and_keeps_output_on_error() {
    let site = copy_site(&example_root());
    let loa = env!("CARGO_BIN_EXE_loa");
    let ok = Command::new(loa)
        .args(["build", "--date", "2026-11-22", "--root"])
        .arg(site.path())
        .output()
        .unwrap();
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let stdout = String::from_utf8_lossy(&ok.stdout);
    assert!(stdout.starts_with("Xong: "), "one summary line: {stdout}");
    assert!(
        stdout.contains(" trang, ") && stdout.contains(" cảnh báo, ") && stdout.contains(" ms")
    );
    let before = snapshot(&site.path().join("output"));

    replace_in(site.path(), "site.toml", "dia_chi_web", "dia_chi_wep");
    let failed = Command::new(loa)
        .args(["build", "--date", "2026-11-22", "--root"])
        .arg(site.path())
        .output()
        .unwrap();
    assert_eq!(failed.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&failed.stderr);
    assert!(stderr.contains("site.toml:"), "{stderr}");
    assert!(
        stderr.contains("`dia_chi_wep`") && stderr.contains("`dia_chi_web`"),
        "{stderr}"
    );
    assert!(stderr.contains("giữ nguyên như trước"), "{stderr}");
    assert_eq!(snapshot(&site.path().join("output")), before);

    let check = Command::new(loa)
        .args(["check", "--root"])
        .arg(site.path())
        .output()
        .unwrap();
    assert_eq!(check.status.code(), Some(1));
    let bad_date = Command::new(loa)
        .args(["build", "--date", "22/11/2026", "--root"])
        .arg(site.path())
        .output()
        .unwrap();
    assert_eq!(bad_date.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad_date.stderr).contains("--date NĂM-THÁNG-NGÀY"));
}

#[test]
fn help_is_in_vietnamese() {
    let out = Command::new(env!("CARGO_BIN_EXE_loa"))
        .arg("--help")
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("Cách dùng:"), "{help}");
    assert!(help.contains("Dựng toàn bộ trang"), "{help}");
    assert!(help.contains("Kiểm tra mọi tệp"), "{help}");
}

#[test]
fn scaffolds_build_cleanly() {
    let site = copy_site(&example_root());
    let loa = env!("CARGO_BIN_EXE_loa");
    for (kind, title) in [
        ("plan", "Kế hoạch Tháng hành động vì người cao tuổi"),
        ("news", "Tin mới về trợ cấp"),
        ("page", "Câu hỏi thường gặp"),
        ("toi-can", "Hỗ trợ người khuyết tật"),
    ] {
        let out = Command::new(loa)
            .args(["new", kind, title, "--root"])
            .arg(site.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8_lossy(&out.stdout).starts_with("Đã tạo content/"));
        let again = Command::new(loa)
            .args(["new", kind, title, "--root"])
            .arg(site.path())
            .output()
            .unwrap();
        assert_eq!(again.status.code(), Some(1), "never overwrites");
    }
    let check = Command::new(loa)
        .args(["check", "--date", "2026-11-22", "--root"])
        .arg(site.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert!(check.status.success(), "{stderr}");
    assert!(!stderr.contains("lỗi:"), "{stderr}");
}

#[test]
fn a_short_citation_without_the_issuer_suffix_links_to_its_policy() {
    let site = copy_site(&example_root());
    std::fs::write(
        site.path().join("content/news/tin-ngan.md"),
        "+++\ntieu_de = \"Ngày lễ lớn\"\nngay = \"2026-03-01\"\n+++\n\
         Các ngày lễ lớn được tổ chức theo Nghị định 145/2013 của Chính phủ.\n",
    )
    .unwrap();
    let built = build_site(site.path(), test_date());
    let warnings: Vec<String> = built
        .report
        .diagnostics
        .iter()
        .map(|d| d.to_string())
        .collect();
    assert!(
        !warnings.iter().any(|w| w.contains("145/2013")),
        "{warnings:#?}"
    );
    let page = built.page("/tin-tuc/tin-ngan/");
    let link = page
        .split("<a ")
        .find(|a| a.contains("Nghị định 145/2013</a>"))
        .expect("the short citation is a link");
    assert!(link.contains("href=\"/chinh-sach/"), "{link}");
}
