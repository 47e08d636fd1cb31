//! What loa refuses (issue #14, the site's boundaries): an output folder that is not loa's, two
//! things at one address, reading outside the site folder, requests to the preview from another
//! name, and a leaflet far too long (refused before all of it is typeset).

mod common;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;
use loa::build::{BuildOptions, Report, build};

/// A small site (no plans, no statistics) that builds in a moment.
fn small_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(
        root.join("site.toml"),
        "ten = \"Lưu Kiếm\"\nco_quan_ban_hanh = \"Ủy ban nhân dân phường Lưu Kiếm\"\n\
         dia_chi_web = \"https://luukiem.example.vn\"\n",
    )
    .unwrap();
    write(
        root,
        "content/pages/gioi-thieu.md",
        "+++\ntieu_de = \"Giới thiệu\"\n+++\n\nPhường Lưu Kiếm.\n",
    );
    dir
}

fn write(root: &Path, relative: &str, text: &str) {
    let path = root.join(relative);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn build_into(root: &Path, out: &Path) -> Report {
    build(&BuildOptions {
        root: root.to_path_buf(),
        out: out.to_path_buf(),
        date: test_date(),
        outputs: loa::model::Outputs {
            pdf: false,
            search_index: false,
            pdf_in_background: false,
            print_shop: false,
        },
    })
}

fn errors(report: &Report) -> Vec<String> {
    report
        .diagnostics
        .sorted()
        .into_iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect()
}

fn checked(root: &Path) -> Vec<String> {
    let mut diagnostics = loa::diagnostics::Diagnostics::new();
    let _ = loa::build::check(root, test_date(), &mut diagnostics);
    diagnostics
        .sorted()
        .into_iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect()
}

// ── 1. --out deletes what was there ──────────────────────────────────────────────────────────

#[test]
fn the_site_folder_its_parent_and_its_source_folders_are_never_an_output() {
    let holder = tempfile::tempdir().unwrap();
    let root = holder.path().join("phuong");
    std::fs::create_dir_all(&root).unwrap();
    let site = small_site();
    for e in walkdir::WalkDir::new(site.path()).min_depth(1) {
        let e = e.unwrap();
        let target = root.join(e.path().strip_prefix(site.path()).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
    let cases: [(PathBuf, &str); 5] = [
        (
            root.clone(),
            "là thư mục của trang hoặc chứa thư mục của trang",
        ),
        (
            root.join("."),
            "là thư mục của trang hoặc chứa thư mục của trang",
        ),
        (
            holder.path().to_path_buf(),
            "là thư mục của trang hoặc chứa thư mục của trang",
        ),
        (
            root.join("content"),
            "nằm trong thư mục nguồn content/ của trang",
        ),
        (
            root.join("data/moi"),
            "nằm trong thư mục nguồn data/ của trang",
        ),
    ];
    for (out, message) in cases {
        let report = build_into(&root, &out);
        let errors = errors(&report);
        assert_eq!(errors.len(), 1, "{}: {errors:#?}", out.display());
        assert!(errors[0].contains(message), "{}", errors[0]);
        assert!(root.join("site.toml").is_file(), "site.toml is kept");
        assert!(root.join("content/pages/gioi-thieu.md").is_file());
    }
    assert!(!root.join("data").exists(), "nothing was made in data/");
}

#[test]
fn a_folder_loa_did_not_make_is_left_as_it_was() {
    let site = small_site();
    let docs = site.path().join("docs");
    write(site.path(), "docs/keep.txt", "ghi chú riêng");
    let report = build_into(site.path(), &docs);
    let errors = errors(&report);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0].contains("đã có tệp và không phải do loa dựng"),
        "{}",
        errors[0]
    );
    assert!(errors[0].contains("(error: the folder exists, is not empty and was not made by loa"));
    assert_eq!(
        std::fs::read_to_string(docs.join("keep.txt")).unwrap(),
        "ghi chú riêng"
    );
    assert_eq!(std::fs::read_dir(&docs).unwrap().count(), 1);

    // A file is not a folder.
    let file = site.path().join("docs/keep.txt");
    let errors = self::errors(&build_into(site.path(), &file));
    assert!(
        errors[0].contains("là một tệp, không phải thư mục"),
        "{errors:#?}"
    );
    assert!(file.is_file());
}

#[test]
fn new_empty_and_loa_made_folders_are_replaced() {
    let site = small_site();
    // New.
    let out = site.path().join("output");
    assert!(errors(&build_into(site.path(), &out)).is_empty());
    assert!(out.join(".loa-output").is_file(), "every output is marked");
    assert!(out.join("gioi-thieu/index.html").is_file());
    // Built before by loa: replaced.
    assert!(errors(&build_into(site.path(), &out)).is_empty());
    // Empty.
    let empty = site.path().join("trong");
    std::fs::create_dir_all(&empty).unwrap();
    assert!(errors(&build_into(site.path(), &empty)).is_empty());
    assert!(empty.join("index.html").is_file());
    // Built by a loa from before the marker: recognised by the files every build writes.
    std::fs::remove_file(out.join(".loa-output")).unwrap();
    assert!(errors(&build_into(site.path(), &out)).is_empty());
    assert!(out.join(".loa-output").is_file());
    // ... but not a folder that only holds an index.html.
    let other = site.path().join("khac");
    write(site.path(), "khac/index.html", "<p>trang riêng</p>");
    assert_eq!(errors(&build_into(site.path(), &other)).len(), 1);
    assert!(other.join("index.html").is_file());
}

#[test]
fn the_command_line_refuses_with_exit_code_1_for_build_and_serve() {
    let site = small_site();
    let loa = env!("CARGO_BIN_EXE_loa");
    for args in [&["build"][..], &["serve", "--port", "0"]] {
        let run = Command::new(loa)
            .args(args)
            .arg("--root")
            .arg(site.path())
            .arg("--out")
            .arg(site.path())
            .args(["--date", "2026-11-22", "--no-pdf", "--no-search"])
            .output()
            .unwrap();
        let command = args[0];
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(1), "{command}: {stderr}");
        assert!(
            stderr.contains("là thư mục của trang hoặc chứa thư mục của trang"),
            "{command}: {stderr}"
        );
        assert!(site.path().join("site.toml").is_file());
    }
}

// ── 6. Address collisions ────────────────────────────────────────────────────────────────────

#[test]
fn a_page_may_not_take_a_section_of_the_site() {
    let site = small_site();
    let sections = [
        "tin-tuc",
        "ke-hoach",
        "lich",
        "so-lieu",
        "chinh-sach",
        "du-lieu",
        "don-vi",
        "ngay-ky-niem",
        "static",
        "pagefind",
        "in",
    ];
    for section in sections {
        write(
            site.path(),
            &format!("content/pages/trang-{section}.md"),
            &format!(
                "+++\ntieu_de = \"Trang {section}\"\nduong_dan = \"{section}\"\n+++\n\nChữ.\n"
            ),
        );
    }
    let errors = checked(site.path());
    assert_eq!(errors.len(), sections.len(), "{errors:#?}");
    for section in sections {
        let file =
            format!("content/pages/trang-{section}.md:1:1: lỗi: Địa chỉ `/{section}/` là mục");
        assert!(
            errors.iter().any(|e| e.starts_with(&file)),
            "{file}\n{errors:#?}"
        );
    }
    // The contact page's text may take /lien-he/.
    let site = small_site();
    write(
        site.path(),
        "content/pages/lien-he.md",
        "+++\ntieu_de = \"Liên hệ\"\n+++\n\nGọi điện.\n",
    );
    assert!(checked(site.path()).is_empty());
}

#[test]
fn ids_without_letters_and_addresses_claimed_twice_are_located() {
    let site = small_site();
    write(
        site.path(),
        "data/units.toml",
        "[[don_vi]]\nma = \"\"\nten = \"A\"\n\n[[don_vi]]\nma = \".\"\nten = \"B\"\n\n\
         [[don_vi]]\nma = \"..\"\nten = \"C\"\n\n[[don_vi]]\nma = \"tram-y-te\"\nten = \"Trạm Y tế\"\n",
    );
    write(
        site.path(),
        "data/legal.toml",
        "[[van_ban]]\nma = \"\"\nloai = \"Luật\"\ntrich_yeu = \"Luật A\"\n",
    );
    // Two pages at one address: the file name of one, the duong_dan of the other.
    write(
        site.path(),
        "content/pages/zz-khac.md",
        "+++\ntieu_de = \"Khác\"\nduong_dan = \"Giới thiệu\"\n+++\n\nChữ.\n",
    );
    let errors = checked(site.path());
    assert_errors_start_with(
        &errors,
        &[
            "content/pages/zz-khac.md:1:1: lỗi: Địa chỉ `/gioi-thieu/` đã dùng cho content/pages/gioi-thieu.md",
            "data/legal.toml:1:1: lỗi: Không tạo được địa chỉ trang từ `ma`",
            "data/units.toml:1:1: lỗi: Không tạo được địa chỉ trang từ `ma`",
            "data/units.toml:5:1: lỗi: Không tạo được địa chỉ trang từ `ma`",
            "data/units.toml:9:1: lỗi: Không tạo được địa chỉ trang từ `ma`",
        ],
    );
}

#[test]
fn leaflets_whose_pdfs_share_a_name_are_located() {
    let site = small_site();
    let leaflet =
        "+++\ntieu_de = \"Tờ rơi\"\ndiem_chinh = [\"Một điểm.\"]\n+++\n\n## Mục\n\nChữ.\n";
    write(site.path(), "content/leaflets/cham-soc.md", leaflet);
    write(site.path(), "content/leaflets/cham-soc-a5.md", leaflet);
    let errors = checked(site.path());
    assert_errors_start_with(
        &errors,
        &[
            "content/leaflets/cham-soc.md:1:1: lỗi: Địa chỉ `/in/to-roi/cham-soc-a5.pdf` đã dùng cho content/leaflets/cham-soc-a5.md",
        ],
    );
}

#[test]
fn two_days_of_one_registry_whose_pdfs_share_a_name_are_located() {
    // `tet` prints its A5 leaflet at /in/to-roi/tet-a5.pdf, the A4 leaflet of `tet-a5`.
    let site = small_site();
    write(
        site.path(),
        "data/days.toml",
        "[[ngay]]\nma = \"tet\"\nten = \"Tết\"\nam_lich = \"1/1\"\n\n\
         [[ngay]]\nma = \"tet-a5\"\nten = \"Tết A5\"\nam_lich = \"2/1\"\n",
    );
    let errors = checked(site.path());
    assert!(
        errors
            .iter()
            .any(|e| e.contains("`/in/to-roi/tet-a5.pdf` đã dùng cho data/days.toml:1")),
        "{errors:#?}"
    );
}

// ── 7. Reading outside the site ──────────────────────────────────────────────────────────────

/// A theme folder outside the site, with a template that would publish what it holds.
fn outside_theme() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "static/bi-mat.txt", "BÍ MẬT NGOÀI TRANG");
    dir
}

#[test]
fn a_theme_is_a_folder_of_themes_and_must_exist() {
    let outside = outside_theme();
    let site = small_site();
    let config = std::fs::read_to_string(site.path().join("site.toml")).unwrap();
    let absolute = outside.path().display().to_string();
    let relative = format!("../../../../../../../..{absolute}");
    for (theme, message) in [
        (
            relative.as_str(),
            "không hợp lệ: phải là tên một thư mục trong themes/",
        ),
        (
            absolute.as_str(),
            "không hợp lệ: phải là tên một thư mục trong themes/",
        ),
        ("xanh", "Không thấy thư mục giao diện themes/xanh/"),
    ] {
        std::fs::write(
            site.path().join("site.toml"),
            format!("{config}giao_dien = \"{theme}\"\n"),
        )
        .unwrap();
        let out = tempfile::tempdir().unwrap();
        let report = build_into(site.path(), &out.path().join("output"));
        let errors = errors(&report);
        assert_eq!(errors.len(), 1, "{theme}: {errors:#?}");
        assert!(
            errors[0].starts_with("site.toml:4:1: lỗi: "),
            "{}",
            errors[0]
        );
        assert!(errors[0].contains(message), "{}", errors[0]);
        assert!(!out.path().join("output").exists());
    }

    // A theme folder that is a link to a folder outside the site.
    std::fs::write(
        site.path().join("site.toml"),
        format!("{config}giao_dien = \"xanh\"\n"),
    )
    .unwrap();
    std::fs::create_dir_all(site.path().join("themes")).unwrap();
    std::os::unix::fs::symlink(outside.path(), site.path().join("themes/xanh")).unwrap();
    let out = tempfile::tempdir().unwrap();
    let errors = errors(&build_into(site.path(), &out.path().join("output")));
    assert_errors_start_with(
        &errors,
        &["site.toml:4:1: lỗi: themes/xanh dẫn ra ngoài thư mục của trang"],
    );
    assert!(!out.path().join("output").exists());
}

#[test]
fn links_out_of_the_site_are_errors_at_the_link_and_never_read() {
    let outside = tempfile::tempdir().unwrap();
    write(
        outside.path(),
        "tin-mat.md",
        "+++\ntieu_de = \"Tin ngoài trang\"\nngay = \"2026-01-02\"\n+++\n\nBÍ MẬT NGOÀI TRANG\n",
    );
    let site = small_site();
    std::fs::create_dir_all(site.path().join("content")).unwrap();
    std::os::unix::fs::symlink(outside.path(), site.path().join("content/news")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("tin-mat.md"),
        site.path().join("content/pages/mat.md"),
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let report = build_into(site.path(), &out.path().join("output"));
    let errors = errors(&report);
    assert_errors_start_with(
        &errors,
        &[
            "content/news:1:1: lỗi: content/news dẫn ra ngoài thư mục của trang",
            "content/pages/mat.md:1:1: lỗi: content/pages/mat.md dẫn ra ngoài thư mục của trang",
        ],
    );
    assert!(!out.path().join("output").exists());

    // A link that stays inside the site is followed as before.
    let site = small_site();
    write(
        site.path(),
        "chung/tin.md",
        "+++\ntieu_de = \"Tin chung\"\nngay = \"2026-01-02\"\n+++\n\nChữ.\n",
    );
    std::os::unix::fs::symlink(site.path().join("chung"), site.path().join("content/news"))
        .unwrap();
    let out = tempfile::tempdir().unwrap();
    let report = build_into(site.path(), &out.path().join("output"));
    assert!(
        self::errors(&report).is_empty(),
        "{:#?}",
        self::errors(&report)
    );
    assert!(out.path().join("output/tin-tuc/tin/index.html").is_file());
}

// ── 10. The preview server ───────────────────────────────────────────────────────────────────

/// The status line and body of one request to `port` with `host` as its `Host`.
fn request(port: u16, host: &str) -> (String, String) {
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "GET /gioi-thieu/ HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).unwrap();
    let answer = String::from_utf8_lossy(&answer).into_owned();
    let status = answer.lines().next().unwrap_or_default().to_owned();
    let body = answer
        .split("\r\n\r\n")
        .nth(1)
        .unwrap_or_default()
        .to_owned();
    (status, body)
}

/// `loa serve` on a free port, stopped when dropped.
#[test]
fn the_preview_answers_only_its_own_local_address() {
    let site = small_site();
    let serve = common::serve(site.path(), &["--no-pdf", "--no-search"]);
    let port = serve.port;
    assert_ne!(port, 0, "the port actually bound is printed");

    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("[::1]:{port}"),
    ] {
        let (status, body) = request(port, &host);
        assert!(status.contains(" 200 "), "{host}: {status}");
        assert!(body.contains("Phường Lưu Kiếm."), "{host}");
    }
    for host in [
        format!("attacker.example:{port}"),
        format!("127.0.0.1.attacker.example:{port}"),
        "127.0.0.1:1".to_owned(),
    ] {
        let (status, body) = request(port, &host);
        assert!(status.contains(" 403 "), "{host}: {status}");
        assert!(!body.contains("Phường Lưu Kiếm."), "{host}");
        assert!(
            body.contains("Máy chủ xem trước của loa chỉ trả lời khi được gọi bằng địa chỉ"),
            "{body}"
        );
    }
    drop(serve);
}

// ── 11. A leaflet far too long ───────────────────────────────────────────────────────────────

#[cfg(feature = "pdf")]
#[test]
fn a_leaflet_far_too_long_is_refused_at_the_line_its_beginning_ends() {
    let site = small_site();
    let lines: Vec<String> = (1..=10_000)
        .map(|i| {
            format!("Dòng thứ {i} của một đoạn rất dài, chép nhầm từ một tệp khác vào tờ rơi.")
        })
        .collect();
    write(
        site.path(),
        "content/leaflets/dai.md",
        &format!(
            "+++\ntieu_de = \"Tờ rơi dài\"\ndiem_chinh = [\"Một điểm.\"]\n+++\n\n## Mở đầu\n\nNgắn.\n\n## Phần dài\n\n{}\n",
            lines.join("\n")
        ),
    );
    let out = tempfile::tempdir().unwrap();
    let report = build(&BuildOptions {
        root: site.path().to_path_buf(),
        out: out.path().join("output"),
        date: test_date(),
        outputs: loa::model::Outputs {
            pdf: true,
            search_index: false,
            pdf_in_background: false,
            print_shop: false,
        },
    });
    let errors = errors(&report);
    assert_eq!(errors.len(), 2, "{errors:#?}");
    // The long paragraph starts on line 12: the beginning typeset ends in it.
    assert!(
        errors[0].starts_with(
            "content/leaflets/dai.md:12:1: lỗi: Tờ rơi in/to-roi/dai-a5.pdf vượt quá 2 trang của khổ in: riêng phần nội dung đến đây đã cần"
        ),
        "{}",
        errors[0]
    );
    assert!(
        errors[1].contains("Tờ rơi in/to-roi/dai.pdf vượt quá 2 trang"),
        "{}",
        errors[1]
    );
    assert!(!out.path().join("output").exists());
}
