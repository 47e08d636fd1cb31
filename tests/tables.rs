//! Markdown tables in every kind of document (plan, công văn, báo cáo, news, page) build through
//! every product that takes a body: the web page, the print view, the PDF (read back), the search
//! text, the feed and the loudspeaker script.

#![cfg(feature = "pdf")]

mod common;

use std::path::Path;
use std::sync::OnceLock;

use common::pdf::Pdf;
use common::{Built, build_site, copy_site, example_root, test_date, text_of};

/// A targets table as plans write them: row number centred, figures right-aligned, 6 columns.
const TARGETS: &str = "\
| TT | Nội dung chỉ tiêu | Đơn vị tính | Năm 2025 | Năm 2026 | Ghi chú |
|:-:|---|:-:|--:|--:|---|
| 1 | Tỷ lệ người dân tham gia bảo hiểm y tế | % | 94,1 | 96,5 | theo Quyết định số 1791/QĐ-TTg |
| 2 | Người cao tuổi được chúc thọ, mừng thọ | người | 1.180 | 1.234 | |
| 3 | Hộ nghèo còn lại | hộ | 12 | 0 | |
";

/// A long table: its header must come back on every page it runs onto.
fn long_table(rows: usize) -> String {
    let mut t = String::from("| TT | Tổ dân phố kiểm tra | Số hộ rà soát |\n|:-:|---|--:|\n");
    for n in 1..=rows {
        t.push_str(&format!("| {n} | Tổ dân phố số {n} | {} |\n", 100 + n));
    }
    t
}

fn write(site: &Path, file: &str, text: &str) {
    std::fs::write(site.join(file), text).unwrap();
}

/// The example ward with a table in a plan, a công văn, a báo cáo (a plan of type BC), the
/// quarterly report, a news item read on the loudspeaker and a page.
fn site() -> &'static (tempfile::TempDir, Built) {
    static BUILT: OnceLock<(tempfile::TempDir, Built)> = OnceLock::new();
    BUILT.get_or_init(|| {
        let site = copy_site(&example_root());
        let root = site.path();
        write(
            root,
            "content/plans/ke-hoach-co-bang.md",
            &format!(
                "+++\nloai = \"KH\"\nso = \"07\"\nky_hieu = \"KH-UBND\"\nngay = \"2026-03-04\"\ntrich_yeu = \"Rà soát hộ nghèo năm 2026\"\n+++\n\nThực hiện Kế hoạch số 73/KH-SYT ngày 04/3/2026 của Sở Y tế thành phố.\n\n## I. CHỈ TIÊU\n\n{TARGETS}\n## II. NỘI DUNG\n\n### 1. Rà soát theo tổ dân phố\n\n{}\n## III. TỔ CHỨC THỰC HIỆN\n\n### 1. Phòng Văn hóa - Xã hội phường\n\n- Chủ trì rà soát.\n",
                long_table(70)
            ),
        );
        write(
            root,
            "content/plans/cong-van-co-bang.md",
            "+++\nloai = \"CV\"\nso = \"12\"\nky_hieu = \"UBND-VHXH\"\nngay = \"2026-03-05\"\ntrich_yeu = \"báo cáo số người được trợ cấp\"\nkinh_gui = [\"Các tổ dân phố\"]\n+++\n\nĐề nghị các tổ dân phố báo cáo theo mẫu sau:\n\n| Tổ dân phố | Người cao tuổi | Người khuyết tật |\n|---|--:|--:|\n| Tổ 1 | 85 | 12 |\n| Tổ 2 | 91 | 9 |\n\n### 1. Các tổ dân phố\n\n- Gửi báo cáo trước ngày 15/3/2026.\n",
        );
        write(
            root,
            "content/plans/bao-cao-co-bang.md",
            "+++\nloai = \"BC\"\nso = \"150\"\nky_hieu = \"BC-UBND\"\nngay = \"2026-04-02\"\ntrich_yeu = \"Kết quả chi trả trợ cấp quý I năm 2026\"\nkinh_gui = [\"Sở Y tế thành phố Hải Phòng\"]\n+++\n\n## I. KẾT QUẢ\n\n| Nhóm đối tượng | Số người | Số tiền (đồng) |\n|---|--:|--:|\n| Người cao tuổi | 1.234 | 1.584.360.000 |\n| Người khuyết tật | 310 | 620.000.000 |\n",
        );
        let report = root.join("content/reports/2026-Q3.md");
        let mut text = std::fs::read_to_string(&report).unwrap();
        text.push_str("\n## Số lượt tư vấn theo tổ\n\n| Tổ dân phố | Lượt tư vấn |\n|---|--:|\n| Tổ dân phố 1 | 48 |\n| Tổ dân phố 2 | 37 |\n");
        std::fs::write(&report, text).unwrap();
        write(
            root,
            "content/news/2026-06-10-ket-qua-kham.md",
            "+++\ntieu_de = \"Kết quả khám sức khỏe người cao tuổi\"\nngay = \"2026-06-10\"\ntom_tat = \"Số người được khám theo nhóm tuổi.\"\nphat_thanh = true\n+++\n\nKết quả khám như sau:\n\n| TT | Nhóm tuổi | Số người được khám |\n|:-:|---|--:|\n| 1 | Từ 70 đến 79 tuổi | 256 |\n| 2 | Từ 80 tuổi trở lên | 148 |\n\nXin cảm ơn bà con.\n",
        );
        write(
            root,
            "content/pages/muc-tro-cap.md",
            "+++\ntieu_de = \"Mức trợ cấp hằng tháng\"\n+++\n\n| Đối tượng | Hệ số | Mức (đồng/tháng) |\n|---|:-:|--:|\n| Người từ đủ 80 tuổi | 1,5 | 750.000 |\n| Trẻ em dưới 4 tuổi | 2,5 | 1.250.000 |\n",
        );
        let built = build_site(root, test_date());
        assert!(built.errors().is_empty(), "{:#?}", built.errors());
        (site, built)
    })
}

fn built() -> &'static Built {
    &site().1
}

/// The first table of a page.
fn first_table(html: &str) -> &str {
    let start = html
        .find("<div class=\"cuon-bang\"")
        .expect("a table region");
    let end = html[start..]
        .find("</table></div>")
        .expect("the table ends")
        + start;
    &html[start..end]
}

/// Asserts a page's first table is a real, accessible, scrolling table with these header cells
/// and this right-aligned (number) cell.
fn assert_web_table(html: &str, headers: &[&str], number: &str) {
    let table = first_table(html);
    assert!(
        table.starts_with(
            "<div class=\"cuon-bang\" role=\"region\" aria-label=\"Bảng\" tabindex=\"0\"><table class=\"bang-noi-dung"
        ),
        "{table}"
    );
    assert!(table.contains("<thead><tr>"), "{table}");
    assert!(table.contains("<tbody>"), "{table}");
    for header in headers {
        assert!(
            table.contains(&format!(">{header}</th>")) && table.contains("<th scope=\"col\""),
            "{header} is not a column header: {table}"
        );
    }
    // Right-aligned, and labelled with its column's name for the phone's card layout.
    let cell_end = table
        .find(&format!(">{number}</td>"))
        .unwrap_or_else(|| panic!("{number} is not a cell: {table}"));
    let cell = &table[table[..cell_end].rfind("<td").expect("a cell")..cell_end];
    assert!(
        cell.starts_with("<td class=\"can-phai\" data-nhan=\""),
        "{number} is not right-aligned and labelled: {cell}"
    );
    assert!(!text_of(html).contains("|---"), "Markdown left in the page");
}

#[test]
fn a_plan_table_is_a_real_table_on_the_page_and_in_the_print_view() {
    let built = built();
    let page = built.page("/ke-hoach/ke-hoach-co-bang/");
    assert_web_table(
        &page,
        &["TT", "Nội dung chỉ tiêu", "Năm 2026", "Ghi chú"],
        "96,5",
    );
    let table = first_table(&page);
    assert!(
        table.contains("<table class=\"bang-noi-dung nhieu-cot\">"),
        "6 columns: smaller type"
    );
    assert!(
        table.contains("<td class=\"can-giua\" data-nhan=\"TT\">1</td>"),
        "{table}"
    );
    // A citation in a cell is linked and spelled as written.
    assert!(table.contains("Quyết định số 1791/QĐ-TTg</a>"), "{table}");
    let print = built.page("/ke-hoach/ke-hoach-co-bang/ban-in/");
    assert_web_table(&print, &["TT", "Nội dung chỉ tiêu", "Đơn vị tính"], "1.234");
    let css = std::fs::read_to_string(built.out().join("static/document.css")).unwrap();
    assert!(css.contains(".than table.nhieu-cot { font-size: 11pt; }"));
    assert!(css.contains(".cuon-bang { overflow-x: auto;"));
}

#[test]
fn a_wide_table_scrolls_in_its_own_region_not_the_page() {
    let css = std::fs::read_to_string(built().out().join("static/style.css")).unwrap();
    assert!(
        css.contains(".cuon-bang { overflow-x: auto; max-width: 100%;"),
        "the region scrolls"
    );
    assert!(css.contains("th.can-phai, td.can-phai { text-align: right;"));
}

#[test]
fn the_plan_pdf_prints_the_tables_and_repeats_the_header_on_each_page() {
    let pdf = Pdf::open(built(), "in/van-ban/ke-hoach-co-bang.pdf");
    let all = pdf.text();
    for cell in [
        "Nội dung chỉ tiêu",
        "Tỷ lệ người dân tham gia bảo hiểm y tế",
        "96,5",
        "1.234",
        "Hộ nghèo còn lại",
        "Tổ dân phố số 70",
    ] {
        assert!(all.contains(cell), "{cell} missing from the PDF");
    }
    // The 70-row table runs over pages: each page it runs onto starts with its header row.
    let pages_with_rows: Vec<u32> = (1..=pdf.page_count() as u32)
        .filter(|&n| pdf.text_of(&[n]).contains("Tổ dân phố số "))
        .collect();
    assert!(pages_with_rows.len() >= 2, "{pages_with_rows:?}");
    for n in pages_with_rows {
        let text = pdf.text_of(&[n]);
        assert!(
            text.contains("TT Tổ dân phố kiểm tra Số hộ rà soát"),
            "page {n} has rows without the header: {text}"
        );
    }
}

#[test]
fn a_letter_and_a_report_with_tables_build_on_the_web_and_in_print() {
    let built = built();
    let page = built.page("/ke-hoach/cong-van-co-bang/");
    assert_web_table(&page, &["Tổ dân phố", "Người cao tuổi"], "85");
    let letter = Pdf::open(built, "in/van-ban/cong-van-co-bang.pdf").text();
    assert!(
        letter.contains("Tổ dân phố Người cao tuổi Người khuyết tật"),
        "{letter}"
    );
    assert!(letter.contains("Tổ 2 91 9"), "{letter}");

    let page = built.page("/ke-hoach/bao-cao-co-bang/");
    assert_web_table(
        &page,
        &["Nhóm đối tượng", "Số tiền (đồng)"],
        "1.584.360.000",
    );
    let report = Pdf::open(built, "in/van-ban/bao-cao-co-bang.pdf").text();
    assert!(report.contains("BÁO CÁO"), "{report}");
    assert!(
        report.contains("Người cao tuổi 1.234 1.584.360.000"),
        "{report}"
    );

    // The quarterly report's written part.
    let page = built.page("/bao-cao/2026-q3/");
    assert_web_table(&page, &["Tổ dân phố", "Lượt tư vấn"], "48");
    let quarterly = Pdf::open(built, "in/bao-cao/2026-q3.pdf").text();
    assert!(quarterly.contains("Tổ dân phố Lượt tư vấn"), "{quarterly}");
    assert!(quarterly.contains("Tổ dân phố 2 37"), "{quarterly}");
}

#[test]
fn news_and_pages_tables_reach_the_page_search_feed_and_loudspeaker() {
    let built = built();
    let news = built.page("/tin-tuc/2026-06-10-ket-qua-kham/");
    assert_web_table(&news, &["Nhóm tuổi", "Số người được khám"], "256");
    let page = built.page("/muc-tro-cap/");
    assert_web_table(&page, &["Đối tượng", "Hệ số"], "750.000");
    assert!(first_table(&page).contains("<td class=\"can-giua\" data-nhan=\"Hệ số\">1,5</td>"));

    // The loudspeaker reads the table row by row, without the row number or any `|`.
    let script = std::fs::read_to_string(
        built
            .out()
            .join("in/phat-thanh/tin-tuc/2026-06-10-ket-qua-kham.txt"),
    )
    .unwrap();
    assert!(
        script.contains("Từ 70 đến 79 tuổi; Số người được khám: 256."),
        "{script}"
    );
    assert!(
        script.contains("Từ 80 tuổi trở lên; Số người được khám: 148."),
        "{script}"
    );
    assert!(!script.contains('|'), "{script}");
    let spoken = Pdf::open(built, "in/phat-thanh/tin-tuc/2026-06-10-ket-qua-kham.pdf").text();
    assert!(spoken.contains("Số người được khám: 256"), "{spoken}");

    // The feed carries the item.
    let feed = std::fs::read_to_string(built.out().join("atom.xml")).unwrap();
    assert!(feed.contains("Kết quả khám sức khỏe người cao tuổi"));

    // The search text holds the cells, never the Markdown of the table.
    let checked = loa::build::check(site().0.path(), test_date(), &mut Default::default())
        .expect("the site checks");
    let records = loa::render::search::records(&checked.site);
    for (url, cells) in [
        (
            "/tin-tuc/2026-06-10-ket-qua-kham/",
            ["Từ 80 tuổi trở lên", "148"],
        ),
        ("/muc-tro-cap/", ["Trẻ em dưới 4 tuổi", "1.250.000"]),
        ("/ke-hoach/ke-hoach-co-bang/", ["Hộ nghèo còn lại", "1.234"]),
    ] {
        let record = records.iter().find(|r| r.url == url).expect(url);
        for cell in cells {
            assert!(
                record.text.lines().any(|l| l.trim() == cell),
                "{url}: {cell} is not a cell of its own: {}",
                record.text
            );
        }
        assert!(!record.text.contains('|'), "{url}: {}", record.text);
    }
}
