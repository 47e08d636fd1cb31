//! `loa check` says what a reader would find broken or empty: each warning names the file and line
//! and says what to do. Every test breaks a copy of a real site in one way and reads the warnings
//! as `loa check` prints them.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;
use loa::diagnostics::Diagnostics;

/// The warnings of validate/content.rs.
const CONTENT_CODES: [&str; 10] = [
    "content_unplaced",
    "content_menu_dead",
    "content_link_dead",
    "content_image_missing",
    "content_unit_no_contact",
    "content_policy_no_summary",
    "content_plan_unnumbered",
    "content_list_doubled",
    "content_scaffold_text",
    "content_summary_empty",
];

/// The content warnings of `loa check` on `root`, as printed, sorted by place.
fn content_warnings(root: &Path) -> Vec<String> {
    let mut diagnostics = Diagnostics::new();
    loa::build::check(root, test_date(), &mut diagnostics);
    assert!(
        !diagnostics.has_errors(),
        "{:#?}",
        diagnostics
            .sorted()
            .iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
    );
    diagnostics
        .sorted()
        .into_iter()
        .filter(|d| !d.is_error() && CONTENT_CODES.contains(&d.code))
        .map(|d| d.to_string())
        .collect()
}

/// The 1-based number of the first line of `text` that contains `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line with {needle}"))
        + 1
}

/// The 1-based column (in characters) where `needle` starts on its line.
fn column_of(text: &str, needle: &str) -> usize {
    let line = text.lines().find(|l| l.contains(needle)).unwrap();
    line[..line.find(needle).unwrap()].chars().count() + 1
}

fn edit(path: &Path, change: impl FnOnce(String) -> String) -> String {
    let text = change(std::fs::read_to_string(path).unwrap());
    std::fs::write(path, &text).unwrap();
    text
}

#[track_caller]
fn assert_warnings(found: &[String], expected: &[String]) {
    assert_eq!(found.len(), expected.len(), "{found:#?}");
    for (warning, start) in found.iter().zip(expected) {
        assert!(
            warning.starts_with(start.as_str()),
            "{warning}\n  should start with {start}"
        );
    }
}

#[test]
fn the_bundled_site_has_none_of_these_warnings() {
    let found = content_warnings(&example_root());
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn a_review_section_left_by_an_import_is_reported_paragraph_by_paragraph() {
    let site = copy_site(&example_root());
    // A letter whose "(Đã ký)" fits nowhere: the importer keeps it in the marked section.
    let letter = "ỦY BAN NHÂN DÂN\nPHƯỜNG LƯU KIẾM\nSố: 125/UBND-VHXH\nV/v khám sức khỏe người cao tuổi\n\nLưu Kiếm, ngày 05 tháng 9 năm 2026\n\nKính gửi:\n- Trạm Y tế phường;\n- Công an phường.\n\nỦy ban nhân dân phường đề nghị các đơn vị thực hiện các nội dung sau:\n\n1. Trạm Y tế phường: tổ chức khám sức khỏe miễn phí cho người cao tuổi.\n\n2. Công an phường: bảo đảm an toàn các buổi khám.\n\nĐề nghị các đơn vị nghiêm túc thực hiện./.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT, VHXH.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\n(Đã ký)\n\nNguyễn Văn Bình\n";
    let data = loa::import::SiteData::read(site.path());
    let imported = loa::import::import(
        Path::new("cong-van.txt"),
        letter.as_bytes(),
        &data.context(),
    )
    .unwrap();
    assert!(imported.text.contains("NỘI DUNG CHƯA XẾP ĐƯỢC"));
    let file = "content/plans/cong-van-125.md";
    std::fs::write(site.path().join(file), &imported.text).unwrap();
    // The section is published as the last part of the letter until someone moves its lines.
    let built = build_preview(site.path(), test_date());
    assert!(
        text_of(&built.page("/ke-hoach/cong-van-125/")).contains("(Đã ký)"),
        "the review section is shown to readers"
    );
    let found = content_warnings(site.path());
    let line = line_of(&imported.text, "(Đã ký)");
    assert_warnings(
        &found,
        &[format!(
            "{file}:{line}:1: cảnh báo: Đoạn còn trong mục «NỘI DUNG CHƯA XẾP ĐƯỢC» và được đăng nguyên ở cuối văn bản: «(Đã ký)» (warning: a paragraph left in the import's review section"
        )],
    );
    assert!(
        found[0].contains("→ Chuyển đoạn này về đúng phần"),
        "{}",
        found[0]
    );

    // Moved to its place (here: deleted with its heading), the warning goes away.
    edit(&site.path().join(file), |t| {
        t[..t.find("## NỘI DUNG CHƯA XẾP ĐƯỢC").unwrap()].to_owned()
    });
    assert_eq!(content_warnings(site.path()), Vec::<String>::new());
}

#[test]
fn a_menu_entry_that_leads_nowhere_names_the_theme_line() {
    // The imported Ngọc Liên site as it was before it had figures: the default theme shows
    // "Số liệu" only on a site with figures, so there is no dead entry to warn about.
    let site = copy_site(&example_root().join("examples/ngoc-lien"));
    std::fs::remove_file(site.path().join("data/indicators.toml")).unwrap();
    std::fs::remove_dir_all(site.path().join("data/stats")).unwrap();
    // (its news items came with the figures and link to them)
    std::fs::remove_dir_all(site.path().join("content/news")).unwrap();
    assert_warnings(&content_warnings(site.path()), &[]);
    let built = build_preview(site.path(), test_date());
    assert!(built.errors().is_empty(), "{:?}", built.errors());
    assert!(!built.page("/").contains("href=\"/so-lieu/\""));

    // A site's own theme with a menu entry to a page nobody wrote.
    let site = copy_site(&example_root());
    let path = site.path().join("themes/default/templates/base.html");
    let text = edit(&path, |t| {
        t.replacen(
            "      <li><a href=\"/lien-he/\"",
            "      <li><a href=\"/tuyen-dung/\">Tuyển dụng</a></li>\n      <li><a href=\"/lien-he/\"",
            1,
        )
    });
    assert_warnings(
        &content_warnings(site.path()),
        &[format!(
            "themes/default/templates/base.html:{}:{}: cảnh báo: Mục trên thanh điều hướng dẫn tới `/tuyen-dung/`",
            line_of(&text, "/tuyen-dung/"),
            column_of(&text, "href=\"/tuyen-dung/\"")
        )],
    );
}

#[test]
fn links_and_images_to_missing_files_or_addresses_name_their_line_and_column() {
    let site = copy_site(&example_root());
    let file = "content/news/2026-11-01-lien-ket.md";
    let text = "+++\ntieu_de = \"Hướng dẫn làm hồ sơ\"\nngay = \"2026-11-01\"\ntom_tat = \"Mẫu đơn và nơi nộp.\"\n+++\n\nXem [kế hoạch](/ke-hoach/ke-hoach-tro-giup-xa-hoi-2026/) và tải [mẫu đơn](/tep/mau-don.docx).\n\n![Ảnh trao quà](/static/trao-qua.jpg)\n\n[Kế hoạch cũ](/ke-hoach/ke-hoach-2025) · [Liên hệ](/lien-he) · [Cổng Dịch vụ công](https://dichvucong.gov.vn/) · [Số liệu](../../so-lieu/#chinh) · [Gọi](tel:02253873210)\n\nIn [tờ rơi Tết](/in/to-roi/tet-nguyen-dan.pdf), [áp phích](/in/ap-phich/tet-nguyen-dan.pdf), [tin phát thanh](/in/phat-thanh/ngay-ky-niem/tet-nguyen-dan.txt), [bản cho máy đọc](/in/phat-thanh/ngay-ky-niem/tet-nguyen-dan.doc-may.txt), [báo cáo](/in/bao-cao/2026-q3.pdf), [tờ rơi cũ](/in/to-roi/tet-2025.pdf).\n";
    std::fs::write(site.path().join(file), text).unwrap();
    let found = content_warnings(site.path());
    assert_warnings(
        &found,
        &[
            format!(
                "{file}:7:{}: cảnh báo: Liên kết tới `/tep/mau-don.docx` không dẫn tới đâu: trang không có địa chỉ /tep/mau-don.docx",
                column_of(text, "[mẫu đơn]")
            ),
            format!(
                "{file}:9:1: cảnh báo: Ảnh `/static/trao-qua.jpg` không có trên trang (không có tệp ở địa chỉ /static/trao-qua.jpg)"
            ),
            format!(
                "{file}:11:1: cảnh báo: Liên kết tới `/ke-hoach/ke-hoach-2025` không dẫn tới đâu"
            ),
            // The print products of a day without a written leaflet (generated), of a report:
            // found; a leaflet that is not made: reported.
            format!(
                "{file}:13:{}: cảnh báo: Liên kết tới `/in/to-roi/tet-2025.pdf` không dẫn tới đâu",
                column_of(text, "[tờ rơi cũ]")
            ),
        ],
    );
    assert!(
        found[0].contains("/static/"),
        "the hint says where files go"
    );
}

#[test]
fn a_unit_without_any_contact_and_a_policy_without_a_summary() {
    let site = copy_site(&example_root());
    let units = edit(&site.path().join("data/units.toml"), |t| {
        t + "\n[[don_vi]]\nma = \"hoi-khuyen-hoc\"\nten = \"Hội Khuyến học phường\"\nloai = \"Đoàn thể\"\nmo_ta = \"Khuyến khích, hỗ trợ học sinh nghèo học giỏi.\"\n"
    });
    let legal = edit(&site.path().join("data/legal.toml"), |t| {
        t + "\n[[van_ban]]\nloai = \"Quyết định\"\nso_ky_hieu = \"15/2026/QĐ-UBND\"\ntrich_yeu = \"Quy định mức hỗ trợ học sinh có hoàn cảnh khó khăn\"\nngay = \"2026-05-04\"\nco_quan = \"Ủy ban nhân dân thành phố Hải Phòng\"\n"
    });
    let found = content_warnings(site.path());
    assert_warnings(
        &found,
        &[
            format!(
                "data/legal.toml:{}:1: cảnh báo: Chính sách `15/2026/QĐ-UBND` chưa có phần tóm tắt dễ hiểu",
                line_of(&legal, "so_ky_hieu = \"15/2026/QĐ-UBND\"") - 2
            ),
            format!(
                "data/units.toml:{}:1: cảnh báo: Đơn vị `Hội Khuyến học phường` không có điện thoại, thư điện tử hay địa chỉ",
                line_of(&units, "ma = \"hoi-khuyen-hoc\"") - 1
            ),
        ],
    );
    assert!(found[0].contains("→ Viết tom_tat"), "{}", found[0]);
    assert!(found[1].contains("→ Thêm dien_thoai"), "{}", found[1]);
}

#[test]
fn an_unnumbered_plan_not_marked_as_a_draft() {
    let site = copy_site(&example_root());
    let file = "content/plans/ke-hoach-tro-giup-xa-hoi-2026.md";
    let text = edit(&site.path().join(file), |t| {
        t.replacen("du_thao = true\n", "", 1)
    });
    let found = content_warnings(site.path());
    assert_warnings(
        &found,
        &[format!(
            "{file}:{}:1: cảnh báo: Văn bản chưa có số (in ra «Số:     /KH-UBND») mà không ghi là dự thảo",
            line_of(&text, "so = \"\"")
        )],
    );
    assert!(found[0].contains("du_thao = true"), "{}", found[0]);
    // Numbered once signed: nothing to say.
    edit(&site.path().join(file), |t| {
        t.replacen("so = \"\"", "so = \"25\"", 1)
    });
    assert!(content_warnings(site.path()).is_empty());
}

#[test]
fn doubled_separators_in_addressees_and_recipients() {
    let site = copy_site(&example_root());
    let file = "content/plans/ke-hoach-an-sinh-xa-hoi-2026.md";
    let text = edit(&site.path().join(file), |t| {
        let t = t.replacen(
            "noi_nhan = [\n",
            "kinh_gui = [\"Sở Y tế thành phố; ;\"]\nnoi_nhan = [\n  \"Thường trực Đảng ủy phường;;\",\n",
            1,
        );
        t.replacen("\"Lưu: VT", "\"Lưu:, , VT", 1)
    });
    let found = content_warnings(site.path());
    assert_warnings(
        &found,
        &[
            format!(
                "{file}:{}:{}: cảnh báo: Dòng `Sở Y tế thành phố; ;` có dấu phân cách lặp (;; hoặc ,,)",
                line_of(&text, "kinh_gui"),
                column_of(&text, "Sở Y tế thành phố; ;")
            ),
            format!(
                "{file}:{}:4: cảnh báo: Dòng `Thường trực Đảng ủy phường;;` có dấu phân cách lặp",
                line_of(&text, "Thường trực Đảng ủy phường;;")
            ),
            format!(
                "{file}:{}:4: cảnh báo: Dòng `Lưu:, , VT",
                line_of(&text, "Lưu:, , VT")
            ),
        ],
    );
}

#[test]
fn files_made_by_loa_new_and_left_as_they_were() {
    let site = copy_site(&example_root());
    let loa = env!("CARGO_BIN_EXE_loa");
    let mut files = Vec::new();
    for (kind, title) in [
        ("plan", "Kế hoạch Tháng hành động vì người cao tuổi"),
        ("news", "Tin mới về trợ cấp"),
        ("page", "Câu hỏi thường gặp"),
    ] {
        let out = Command::new(loa)
            .args(["new", kind, title, "--root"])
            .arg(site.path())
            .output()
            .unwrap();
        assert!(out.status.success());
        let stdout = String::from_utf8_lossy(&out.stdout);
        let path = stdout.trim().trim_start_matches("Đã tạo ").to_owned();
        let text = std::fs::read_to_string(site.path().join(&path)).unwrap();
        files.push((path, text));
    }
    let found = content_warnings(site.path());
    let sample = |file: usize, sentence: &str| {
        let (path, text) = &files[file];
        format!(
            "{path}:{}:1: cảnh báo: Câu mẫu của lệnh loa new vẫn còn và sẽ được đăng: «{}",
            line_of(text, sentence),
            sentence
                .split_whitespace()
                .take(6)
                .collect::<Vec<_>>()
                .join(" ")
        )
    };
    let summary = |file: usize| {
        let (path, text) = &files[file];
        format!(
            "{path}:{}:1: cảnh báo: Chưa có tóm tắt",
            line_of(text, "tom_tat = \"\"")
        )
    };
    let (plan_path, plan_text) = &files[0];
    let mut expected = vec![
        format!(
            "{plan_path}:{}:1: cảnh báo: Văn bản chưa có số",
            line_of(plan_text, "so = \"\"")
        ),
        sample(0, "Trên đây là Kế hoạch ..."),
        sample(0, "Căn cứ ... (các đoạn căn cứ"),
        sample(0, "Viết nội dung mục đích."),
        sample(0, "Mỗi ý bắt đầu bằng dấu gạch ngang"),
        sample(0, "Ý nhỏ hơn bắt đầu bằng dấu cộng"),
        sample(0, "Nội dung công việc."),
        sample(0, "Nguồn kinh phí thực hiện."),
        sample(0, "Nhiệm vụ của đơn vị (tên đơn vị"),
        sample(0, "Với cơ quan không thuộc quyền UBND"),
        summary(1),
        sample(1, "Viết nội dung bài ở đây."),
        sample(1, "Ý liệt kê bắt đầu bằng dấu gạch ngang."),
        sample(1, "Trích dẫn văn bản như"),
        summary(2),
        sample(2, "Viết nội dung trang ở đây."),
    ];
    expected.sort_by_key(|line| {
        let mut parts = line.splitn(3, ':');
        let path = parts.next().unwrap().to_owned();
        let number: usize = parts.next().unwrap().parse().unwrap();
        (path, number)
    });
    assert_warnings(&found, &expected);
    // The news item and the page were published with 0 warnings before; now their sample
    // sentences come from the scaffold files themselves, so a changed scaffold is still caught.
    assert!(found.iter().any(|w| w.contains("→ Thay câu mẫu")));
}
