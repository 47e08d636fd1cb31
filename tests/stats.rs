//! Statistics as a reader sees them: the dashboard sentences, roll-ups that add up, target status
//! on the plan page, the report's missing figures, open data files, and located errors for
//! personal data and bad figures.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::*;

const CSV_FILE: &str = "data/stats/tro-giup-xa-hoi.csv";

/// The example's monthly CSV as (period, area, indicator) -> value, read independently of loa.
fn example_csv() -> BTreeMap<(String, String, String), f64> {
    let text = std::fs::read_to_string(example_root().join(CSV_FILE)).unwrap();
    text.lines()
        .skip(1)
        .map(|line| {
            let cells: Vec<&str> = line.split(',').collect();
            (
                (
                    cells[0].to_owned(),
                    cells[1].to_owned(),
                    cells[2].to_owned(),
                ),
                cells[3].parse::<f64>().unwrap(),
            )
        })
        .collect()
}

/// `1234567` -> `1.234.567`, written here by hand rather than with loa's formatter.
fn dotted(n: i64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

fn ward_sum(csv: &BTreeMap<(String, String, String), f64>, periods: &[&str], key: &str) -> f64 {
    csv.iter()
        .filter(|((p, _, k), _)| periods.contains(&p.as_str()) && k == key)
        .map(|(_, v)| v)
        .sum()
}

#[test]
fn dashboard_says_the_latest_figures_in_sentences_with_vietnamese_numbers() {
    let built = build_example();
    let text = text_of(&built.page("/so-lieu/"));
    let csv = example_csv();
    let paid = ward_sum(&csv, &["2026-09"], "kinh-phi-chi-tra") as i64;
    assert!(
        paid > 1_000_000,
        "the example pays more than a million đồng a month"
    );
    let sentence = format!(
        "{} đồng đã chi trả trợ cấp cho người dân (tháng 9/2026)",
        dotted(paid)
    );
    assert!(
        text.contains(&sentence),
        "dashboard lacks «{sentence}»:\n{text}"
    );
    let people = ward_sum(&csv, &["2026-09"], "tro-cap-xa-hoi") as i64;
    assert!(
        text.contains(&format!(
            "{} người đang hưởng trợ cấp xã hội hằng tháng (tháng 9/2026)",
            dotted(people)
        )),
        "{text}"
    );
    assert!(
        text.contains("Số liệu minh họa."),
        "illustrative figures are labelled"
    );
    let previous = ward_sum(&csv, &["2026-08"], "tro-cap-xa-hoi") as i64;
    let word = if people >= previous {
        "tăng"
    } else {
        "giảm"
    };
    assert!(
        text.contains(&format!(
            "{word} {} người",
            dotted((people - previous).abs())
        )),
        "change against August is told: {text}"
    );
    // The menu leads there from every page.
    assert!(built.page("/").contains("href=\"/so-lieu/\""));
}

#[test]
fn quarter_and_year_figures_add_up_from_the_months_and_the_groups() {
    let built = build_example();
    let csv = example_csv();
    let open = std::fs::read_to_string(built.out().join("du-lieu/luot-chi-tra.csv")).unwrap();
    let rows: BTreeMap<(String, String), String> = open
        .lines()
        .skip(1)
        .map(|l| {
            let c: Vec<&str> = l.split(',').collect();
            ((c[0].to_owned(), c[2].to_owned()), c[5].to_owned())
        })
        .collect();
    let q3 = ward_sum(&csv, &["2026-07", "2026-08", "2026-09"], "luot-chi-tra");
    assert_eq!(
        rows[&("2026-Q3".to_owned(), "toan-phuong".to_owned())],
        format!("{q3}"),
        "2026-Q3 ward = all groups' July..September"
    );
    let months: Vec<String> = (1..=12).map(|m| format!("2025-{m:02}")).collect();
    let months: Vec<&str> = months.iter().map(String::as_str).collect();
    let year = ward_sum(&csv, &months, "luot-chi-tra");
    assert_eq!(
        rows[&("2025".to_owned(), "toan-phuong".to_owned())],
        format!("{year}")
    );
    let quarters: f64 = ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"]
        .iter()
        .map(|q| {
            rows[&(q.to_string(), "toan-phuong".to_owned())]
                .parse::<f64>()
                .unwrap()
        })
        .sum();
    assert_eq!(quarters, year, "the four quarters add up to the year");
    // A stock (people receiving an allowance) is the end-of-quarter figure, not a sum.
    let page = text_of(&built.page("/so-lieu/tro-cap-xa-hoi/"));
    let september = ward_sum(&csv, &["2026-09"], "tro-cap-xa-hoi") as i64;
    assert!(
        page.contains(&format!("quý III/2026 {} *", dotted(september))),
        "{page}"
    );
}

#[test]
fn plan_page_shows_each_target_status() {
    let built = build_example();
    let page = built.page("/ke-hoach/ke-hoach-an-sinh-xa-hoi-2026/");
    let start = page.find("id=\"chi-tieu\"").unwrap();
    let end = page[start..].find("</table>").unwrap() + start;
    let rows: Vec<String> = page[start..end]
        .split("<tr>")
        .skip(2)
        .map(text_of)
        .collect();
    assert_eq!(rows.len(), 4, "{rows:#?}");
    assert!(
        rows[0].starts_with("Tỷ lệ người dân tham gia bảo hiểm y tế đạt 96%. 96% năm 2030")
            && rows[0].contains("(quý III/2026)")
            && rows[0].ends_with("Chưa đến hạn"),
        "{}",
        rows[0]
    );
    assert!(rows[2].ends_with("Đạt"), "{}", rows[2]);
    assert!(
        rows[3].contains("không quá 75 hộ năm 2025") && rows[3].ends_with("Chưa đạt"),
        "{}",
        rows[3]
    );
    // The BHYT figure links to its indicator page, which exists.
    assert!(page.contains("href=\"/so-lieu/ty-le-bhyt/\""));
    built.page("/so-lieu/ty-le-bhyt/");
    // A plan without measured targets says so instead of a status.
    let other = text_of(&built.page("/ke-hoach/ke-hoach-tro-giup-xa-hoi-2026/"));
    assert!(!other.contains("Chưa đến hạn"));
}

#[test]
fn report_names_missing_figures_instead_of_printing_zeros() {
    let built = build_example();
    let text = text_of(&built.page("/bao-cao/2026-q3/"));
    assert!(
        text.contains(
            "Chưa có số liệu quý III/2026 Các chỉ số sau chưa có số liệu của kỳ báo cáo nên không được tính là 0: Hộ nghèo Hộ cận nghèo"
        ),
        "{text}"
    );
    assert!(!text.contains("Hộ nghèo 0 hộ"));
    // Key figures with change, targets with status, an appendix by group.
    assert!(text.contains("Số liệu chủ yếu quý III/2026"));
    assert!(text.contains("Tiến độ thực hiện chỉ tiêu kế hoạch"));
    assert!(text.contains("Phụ lục: số liệu theo tổ dân phố, quý III/2026"));
    let csv = example_csv();
    let q3 = ward_sum(&csv, &["2026-07", "2026-08", "2026-09"], "kinh-phi-chi-tra") as i64;
    assert!(
        text.contains(&format!("Kinh phí chi trả trợ cấp {} đồng", dotted(q3))),
        "{text}"
    );
}

#[test]
fn campaign_pages_compare_results_with_goals() {
    let built = build_example();
    let done = text_of(&built.page("/chien-dich/thang-hanh-dong-vi-nguoi-cao-tuoi-2025/"));
    let csv = example_csv();
    let october = ward_sum(&csv, &["2025-10"], "luot-tu-van-ctxh") as i64;
    let status = if october >= 150 {
        "Đạt"
    } else {
        "Chưa đạt"
    };
    assert!(
        done.contains(&format!(
            "Lượt tư vấn công tác xã hội 150 lượt {} lượt",
            dotted(october)
        )) && done.contains(status),
        "{done}"
    );
    let coming = text_of(&built.page("/chien-dich/thang-hanh-dong-vi-nguoi-cao-tuoi-2026/"));
    assert!(coming.contains("chưa có số liệu"), "{coming}");
    assert!(coming.contains("Chưa có số liệu"), "{coming}");
}

#[test]
fn charts_have_a_title_a_description_a_table_and_a_named_font() {
    let built = build_example();
    let page = built.page("/so-lieu/tro-cap-xa-hoi/");
    let chart = page.find("class=\"hinh\"").expect("a chart");
    let svg_start = page[chart..].find("<svg").unwrap() + chart;
    let svg = &page[svg_start..page[svg_start..].find("</svg>").unwrap() + svg_start];
    assert!(
        svg.contains("font-family=\"Noto Sans, sans-serif\""),
        "a concrete font is named, with the phone's own sans-serif after it"
    );
    assert!(
        !svg.contains("font-family=\"Noto Sans\""),
        "every label has the fallback"
    );
    assert!(svg.contains(
        "<title>Người hưởng trợ cấp xã hội hằng tháng, tháng 10/2025 – tháng 9/2026</title>"
    ));
    assert!(svg.contains("<desc>"));
    // Axis numbers are Vietnamese, not `1,000`.
    assert!(!svg.contains(">1,000<"));
    let text = text_of(&page);
    assert!(text.contains("Bảng số liệu của biểu đồ"));
    assert!(text.contains("tháng 9/2026"));
}

#[test]
fn open_data_has_csv_json_and_a_readme_with_the_licence() {
    let built = build_example();
    let csv = std::fs::read_to_string(built.out().join("du-lieu/ty-le-bhyt.csv")).unwrap();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("ky,loai_ky,khu_vuc,ten_khu_vuc,chi_so,gia_tri,hien_thi,don_vi,nguon")
    );
    let ward_q3 = csv
        .lines()
        .find(|l| l.starts_with("2026-Q3,quy,toan-phuong,"))
        .expect("ward 2026-Q3 row");
    assert!(ward_q3.ends_with(",%,tinh_ty_le"), "{ward_q3}");
    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(built.out().join("du-lieu/ty-le-bhyt.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(json["minh_hoa"], true);
    assert!(json["giay_phep"].as_str().unwrap().starts_with("CC BY 4.0"));
    let rows = json["so_lieu"].as_array().unwrap();
    assert_eq!(
        rows.len(),
        csv.lines().count() - 1,
        "CSV and JSON hold the same rows"
    );
    let q3 = rows
        .iter()
        .find(|r| r["ky"] == "2026-Q3" && r["khu_vuc"] == "toan-phuong")
        .unwrap();
    let shown = q3["hien_thi"].as_str().unwrap();
    assert!(ward_q3.contains(&format!("\"{shown}\"")) || ward_q3.contains(shown));
    assert!(shown.ends_with('%') && shown.contains(','), "{shown}");
    let readme = std::fs::read_to_string(built.out().join("du-lieu/README.md")).unwrap();
    assert!(readme.contains("Giấy phép: CC BY 4.0"));
    assert!(readme.contains("| `hien_thi` |"));
    // Linked from the indicator page.
    assert!(
        built
            .page("/so-lieu/ty-le-bhyt/")
            .contains("href=\"/du-lieu/ty-le-bhyt.csv\"")
    );
}

#[test]
fn small_counts_by_group_are_hidden_in_pages_and_open_data() {
    let built = build_example();
    let csv = std::fs::read_to_string(built.out().join("du-lieu/ho-ngheo.csv")).unwrap();
    let rows: Vec<&str> = csv
        .lines()
        .filter(|l| l.starts_with("2025,nam,tdp-"))
        .collect();
    assert_eq!(rows.len(), 12);
    let hidden = rows.iter().filter(|l| l.contains(",< 5,")).count();
    assert!(hidden >= 1, "the example has small counts: {csv}");
    for row in rows
        .iter()
        .filter(|l| l.contains(",< 5,") || l.contains(",x,"))
    {
        let cells: Vec<&str> = row.split(',').collect();
        assert_eq!(cells[5], "", "a hidden count has no value: {row}");
    }
    let shown: usize = rows
        .iter()
        .filter(|l| !l.contains(",< 5,") && !l.contains(",x,"))
        .count();
    assert!(
        hidden + shown == 12 && (12 - shown) >= 2,
        "never a single hidden cell beside a total"
    );
}

fn write(site: &Path, file: &str, text: &str) {
    std::fs::write(site.join(file), text).unwrap();
}

#[test]
fn a_personal_data_column_is_refused_with_file_and_line_and_nothing_is_written() {
    let site = copy_site(&example_root());
    write(
        site.path(),
        "data/stats/danh-sach.csv",
        "ky,khu_vuc,chi_so,gia_tri,Họ và tên\n2026-03,tdp-1,tro-cap-xa-hoi,1,\n",
    );
    let built = build_site(site.path(), test_date());
    let errors = built.errors();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0].starts_with(
            "data/stats/danh-sach.csv:1:27: lỗi: Cột `Họ và tên` có vẻ chứa dữ liệu cá nhân"
        ),
        "{}",
        errors[0]
    );
    assert!(!built.out().exists(), "nothing is written");
}

#[test]
fn personal_data_in_values_is_refused_with_its_line() {
    let site = copy_site(&example_root());
    write(
        site.path(),
        "data/stats/ghi-chu.csv",
        "ky,khu_vuc,chi_so,gia_tri,ghi_chu\n\
         2027-01,tdp-1,tro-cap-xa-hoi,50,\n\
         2027-01,tdp-2,tro-cap-xa-hoi,40,cụ Nguyễn Văn An mới vào danh sách\n\
         2027-01,tdp-3,tro-cap-xa-hoi,031095001234,\n\
         2027-01,tdp-4,tro-cap-xa-hoi,30,liên hệ 0912 345 678\n\
         2027-01,tdp-5,tro-cap-xa-hoi,30,sinh ngày 12/05/1948\n",
    );
    let built = build_site(site.path(), test_date());
    let errors = built.errors();
    assert_eq!(errors.len(), 4, "{errors:#?}");
    assert!(
        errors[0].starts_with(
            "data/stats/ghi-chu.csv:3:33: lỗi: Ô này có vẻ chứa dữ liệu cá nhân (họ tên người)"
        ),
        "{}",
        errors[0]
    );
    assert!(
        errors[1].starts_with(
            "data/stats/ghi-chu.csv:4:30: lỗi: Ô này có vẻ chứa dữ liệu cá nhân (số định danh"
        ),
        "{}",
        errors[1]
    );
    assert!(
        errors[2].starts_with("data/stats/ghi-chu.csv:5:") && errors[2].contains("(số điện thoại)"),
        "{}",
        errors[2]
    );
    assert!(
        errors[3].starts_with("data/stats/ghi-chu.csv:6:") && errors[3].contains("ngày sinh"),
        "{}",
        errors[3]
    );
}

#[test]
fn each_bad_figure_is_an_error_naming_file_line_and_column() {
    let site = copy_site(&example_root());
    write(
        site.path(),
        "data/stats/loi.csv",
        "ky,khu_vuc,chi_so,gia_tri\n\
         2027-13,tdp-1,tro-cap-xa-hoi,5\n\
         2027-01,tdp-99,tro-cap-xa-hoi,5\n\
         2027-01,tdp-1,tro-cap-xa-hoy,5\n\
         2027-01,tdp-1,tro-cap-xa-hoi,năm mươi\n\
         2027-01,tdp-1,ho-ngheo,-2\n\
         2027-01,toan-phuong,ty-le-khong-tien-mat,105\n\
         2027-01,tdp-2,tro-cap-xa-hoi,5\n\
         2027-01,tdp-2,tro-cap-xa-hoi,6\n",
    );
    let built = build_site(site.path(), test_date());
    let errors = built.errors();
    let expected = [
        "data/stats/loi.csv:2:1: lỗi: Kỳ `2027-13` không hợp lệ",
        "data/stats/loi.csv:3:9: lỗi: Không có khu vực `tdp-99`",
        "data/stats/loi.csv:4:15: lỗi: Không có chỉ số `tro-cap-xa-hoy`",
        "data/stats/loi.csv:5:30: lỗi: Giá trị `năm mươi` không phải là số",
        "data/stats/loi.csv:6:24: lỗi: Giá trị `-2` âm",
        "data/stats/loi.csv:7:2",
        "data/stats/loi.csv:9:1: lỗi: Trùng số liệu: kỳ 2027-01, chỉ số tro-cap-xa-hoi, khu vực tdp-2 đã có ở data/stats/loi.csv:8",
    ];
    assert_errors_start_with(&errors, &expected);
    assert!(
        errors[5].contains("ty-le-khong-tien-mat"),
        "a computed ratio is not typed in: {}",
        errors[5]
    );
    assert!(
        errors[2].contains("Có phải ý bạn là `tro-cap-xa-hoi`?"),
        "{}",
        errors[2]
    );
}

#[test]
fn a_ratio_over_100_percent_is_an_error() {
    let site = copy_site(&example_root());
    let registry = site.path().join("data/indicators.toml");
    let mut text = std::fs::read_to_string(&registry).unwrap();
    text.push_str(
        "\n[[chi_so]]\nma = \"ty-le-tiem-chung\"\nten = \"Tỷ lệ tiêm chủng\"\ndon_vi = \"%\"\nloai = \"ty_le\"\n",
    );
    std::fs::write(&registry, text).unwrap();
    write(
        site.path(),
        "data/stats/tiem-chung.csv",
        "ky,khu_vuc,chi_so,gia_tri\n2026-Q1,toan-phuong,ty-le-tiem-chung,\"96,5\"\n2026-Q2,toan-phuong,ty-le-tiem-chung,\"101,5%\"\n",
    );
    let built = build_site(site.path(), test_date());
    let errors = built.errors();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0].starts_with("data/stats/tiem-chung.csv:3:38: lỗi: Tỷ lệ `101,5%` lớn hơn 100%"),
        "{}",
        errors[0]
    );
}

#[test]
fn groups_that_do_not_add_up_to_a_given_ward_total_are_a_warning_with_both_figures() {
    let site = copy_site(&example_root());
    write(
        site.path(),
        "data/stats/tong.csv",
        "ky,khu_vuc,chi_so,gia_tri\n2026-09,toan-phuong,luot-tu-van-ctxh,1000\n",
    );
    let built = build_site(site.path(), test_date());
    assert!(built.errors().is_empty());
    let csv = example_csv();
    let computed = ward_sum(&csv, &["2026-09"], "luot-tu-van-ctxh") as i64;
    let warnings: Vec<String> = built
        .report
        .diagnostics
        .iter()
        .filter(|d| !d.is_error())
        .map(|d| d.to_string())
        .collect();
    let expected = format!(
        "data/stats/tong.csv:2:1: cảnh báo: Số liệu các khu dân cư không khớp tổng toàn phường: chỉ số luot-tu-van-ctxh, kỳ 2026-09: toàn phường ghi 1.000, cộng các khu được {}",
        dotted(computed)
    );
    assert!(
        warnings.iter().any(|w| w.starts_with(&expected)),
        "{warnings:#?}\nexpected {expected}"
    );
}

/// Writes `rows` (ky, khu_vuc, chi_so, gia_tri) as a workbook with one sheet.
fn write_xlsx(path: &Path, sheet: &str, rows: &[[&str; 4]]) {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let ws = workbook.add_worksheet().set_name(sheet).unwrap();
    for (c, h) in ["ky", "khu_vuc", "chi_so", "gia_tri"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, text) in row.iter().take(3).enumerate() {
            ws.write_string(r, c as u16, *text).unwrap();
        }
        match row[3].parse::<f64>() {
            Ok(n) => ws.write_number(r, 3, n).unwrap(),
            Err(_) => ws.write_string(r, 3, row[3]).unwrap(),
        };
    }
    workbook.save(path).unwrap();
}

#[test]
fn csv_and_xlsx_give_the_same_figures() {
    let rows = [
        ["2026-01", "tdp-1", "tro-cap-xa-hoi", "51"],
        ["2026-Q1", "toan-phuong", "dan-so", "25432"],
        ["2026", "Tổ dân phố 3", "ho-ngheo", "2"],
        ["2026-02", "tdp-12", "kinh-phi-chi-tra", "36720000"],
    ];
    let load = |root: &Path| {
        let mut diagnostics = loa::diagnostics::Diagnostics::new();
        let loaded = loa::load::load_site(root, &mut diagnostics).unwrap();
        assert!(!diagnostics.has_errors(), "{:?}", diagnostics.sorted());
        loaded
            .stats
            .figures
            .iter()
            .map(|f| (f.indicator, f.area, f.period, f.value))
            .collect::<Vec<_>>()
    };
    let a = copy_site(&example_root());
    let b = copy_site(&example_root());
    for site in [a.path(), b.path()] {
        for entry in std::fs::read_dir(site.join("data/stats")).unwrap() {
            std::fs::remove_file(entry.unwrap().path()).unwrap();
        }
    }
    let mut csv = String::from("ky,khu_vuc,chi_so,gia_tri\n");
    for r in &rows {
        csv.push_str(&r.join(","));
        csv.push('\n');
    }
    write(a.path(), "data/stats/so-lieu.csv", &csv);
    write_xlsx(&b.path().join("data/stats/so-lieu.xlsx"), "Q1", &rows);
    let from_csv = load(a.path());
    assert_eq!(from_csv.len(), 4);
    assert_eq!(from_csv, load(b.path()));
}

#[test]
fn an_xlsx_error_names_file_sheet_and_cell() {
    let site = copy_site(&example_root());
    write_xlsx(
        &site.path().join("data/stats/so-lieu.xlsx"),
        "Q1",
        &[
            ["2027-01", "tdp-1", "tro-cap-xa-hoi", "51"],
            ["2027-01", "tdp-2", "tro-cap-xa-hoi", "khoảng 40"],
            ["2027-01", "0912345678", "tro-cap-xa-hoi", "40"],
        ],
    );
    let built = build_site(site.path(), test_date());
    let errors = built.errors();
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(
        errors.iter().any(|e| e.starts_with(
            "data/stats/so-lieu.xlsx!Q1!D3:3:4: lỗi: Giá trị `khoảng 40` không phải là số"
        )),
        "{errors:#?}"
    );
    assert!(
        errors.iter().any(|e| e.starts_with("data/stats/so-lieu.xlsx!Q1!B4:4:2: lỗi: Ô này có vẻ chứa dữ liệu cá nhân (số điện thoại)")),
        "{errors:#?}"
    );
}

#[test]
fn a_target_naming_an_unknown_indicator_is_located() {
    let site = copy_site(&example_root());
    let plan = site
        .path()
        .join("content/plans/ke-hoach-an-sinh-xa-hoi-2026.md");
    let text = std::fs::read_to_string(&plan).unwrap();
    std::fs::write(
        &plan,
        text.replacen("chi_so = \"ty-le-bhyt\"", "chi_so = \"ty-le-bhy\"", 1),
    )
    .unwrap();
    let built = build_site(site.path(), test_date());
    let errors = built.errors();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0].starts_with("content/plans/ke-hoach-an-sinh-xa-hoi-2026.md:"),
        "{}",
        errors[0]
    );
    assert!(
        errors[0].contains("Không có chỉ số `ty-le-bhy`") && errors[0].contains("`ty-le-bhyt`"),
        "{}",
        errors[0]
    );
}

/// The rows of the age-band table on an indicator page, as (band, shown figure).
fn band_rows(page: &str) -> Vec<(String, String)> {
    let start = page
        .find("id=\"theo-nhom-tuoi\"")
        .expect("a table by age band");
    let end = page[start..].find("</table>").unwrap() + start;
    page[start..end]
        .split("<tr")
        .skip(2)
        .map(|row| {
            let text = text_of(&format!("<tr{row}"));
            let (label, value) = match text.strip_suffix(" < 5") {
                Some(label) => (label, "< 5"),
                None => text.rsplit_once(' ').unwrap_or((&text, "")),
            };
            (label.to_owned(), value.to_owned())
        })
        .collect()
}

#[test]
fn the_example_shows_longevity_celebrations_by_age_band_adding_up_to_the_total() {
    let built = build_example();
    let page = built.page("/so-lieu/nguoi-cao-tuoi-mung-tho/");
    let rows = band_rows(&page);
    let labels: Vec<&str> = rows.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(
        labels,
        [
            "70 tuổi",
            "75 tuổi",
            "80 tuổi",
            "85 tuổi",
            "90 tuổi",
            "95 tuổi",
            "100 tuổi",
            "Trên 100 tuổi",
            "Tổng số"
        ],
        "{rows:?}"
    );
    // Shown bands plus hidden ones (each between 1 and 4) make the total.
    let total: i64 = rows[8].1.replace('.', "").parse().unwrap();
    let shown: i64 = rows[..8]
        .iter()
        .filter_map(|(_, v)| v.replace('.', "").parse::<i64>().ok())
        .sum();
    let hidden = rows[..8].iter().filter(|(_, v)| v == "< 5").count() as i64;
    let hidden = hidden as usize;
    let extra = rows[..8].iter().filter(|(_, v)| v == "x").count();
    assert!(hidden + extra != 1, "a lone hidden band: {rows:?}");
    assert!(total - shown >= hidden as i64, "{rows:?}");
    if extra == 0 {
        assert!(total - shown <= 4 * hidden as i64, "{rows:?}");
    }
    assert!(
        page.contains("id=\"bd-nhom-tuoi-tieu-de\""),
        "a chart by band"
    );
}

#[test]
fn age_bands_hide_small_counts_so_that_none_can_be_recovered_by_subtraction() {
    let site = copy_site(&example_root());
    // October 2026, the whole ward: 70 -> 40, 75 -> 12, 80 -> 7, 85 -> 3, the others 0; total 62.
    // Hiding only the 3 would leave it as 62 - 40 - 12 - 7 - 0 - 0 - 0 - 0. The smallest band
    // above zero (7) is hidden too: the two hidden cells add up to 10, and the small one may be
    // anything from 1 to 4. (Hiding a 0 instead would protect nothing a reader could not guess.)
    write(
        site.path(),
        "data/stats/tuoi.csv",
        "ky,khu_vuc,chi_so,nhom_tuoi,gia_tri\n\
         2026-10,toan-phuong,nguoi-cao-tuoi-mung-tho,70,40\n\
         2026-10,toan-phuong,nguoi-cao-tuoi-mung-tho,75,12\n\
         2026-10,toan-phuong,nguoi-cao-tuoi-mung-tho,80,7\n\
         2026-10,toan-phuong,nguoi-cao-tuoi-mung-tho,85,3\n\
         2026-10,toan-phuong,nguoi-cao-tuoi-mung-tho,90,0\n\
         2026-10,toan-phuong,nguoi-cao-tuoi-mung-tho,95,0\n\
         2026-10,toan-phuong,nguoi-cao-tuoi-mung-tho,100,0\n\
         2026-10,toan-phuong,nguoi-cao-tuoi-mung-tho,100+,0\n",
    );
    let built = build_site(site.path(), test_date());
    assert!(built.errors().is_empty(), "{:?}", built.errors());
    let page = built.page("/so-lieu/nguoi-cao-tuoi-mung-tho/");
    assert!(
        page.contains("Theo nhóm tuổi, tháng 10/2026"),
        "latest period"
    );
    let rows = band_rows(&page);
    let shown: Vec<(&str, &str)> = rows.iter().map(|(l, v)| (l.as_str(), v.as_str())).collect();
    assert_eq!(
        shown,
        [
            ("70 tuổi", "40"),
            ("75 tuổi", "12"),
            ("80 tuổi", "x"),
            ("85 tuổi", "< 5"),
            ("90 tuổi", "0"),
            ("95 tuổi", "0"),
            ("100 tuổi", "0"),
            ("Trên 100 tuổi", "0"),
            ("Tổng số", "62"),
        ]
    );
    // The ward total, given by nobody, is the bands' sum; the open data and the area table are
    // unchanged by bands (no figure by area and band is published).
    assert!(!page.contains(">7<"), "the complementary cell is hidden");
}

#[test]
fn an_unknown_age_band_and_a_band_on_an_indicator_without_bands_are_located_errors() {
    let site = copy_site(&example_root());
    write(
        site.path(),
        "data/stats/tuoi.csv",
        "ky,khu_vuc,chi_so,nhom_tuoi,gia_tri\n\
         2026-10,toan-phuong,nguoi-cao-tuoi-mung-tho,65,4\n\
         2026-10,toan-phuong,ho-ngheo,70,4\n\
         2026-10,toan-phuong,nguoi-cao-tuoi-mung-tho,70,9\n\
         2026-10,toan-phuong,nguoi-cao-tuoi-mung-tho,70,8\n",
    );
    let built = build_site(site.path(), test_date());
    let errors = built.errors();
    let expected = [
        "data/stats/tuoi.csv:2:45: lỗi: Nhóm tuổi `65` không có trong các nhóm tuổi của chỉ số `nguoi-cao-tuoi-mung-tho`",
        "data/stats/tuoi.csv:3:30: lỗi: Chỉ số `ho-ngheo` không chia theo nhóm tuổi",
        "data/stats/tuoi.csv:5:1: lỗi: Trùng số liệu: kỳ 2026-10, chỉ số nguoi-cao-tuoi-mung-tho (70)",
    ];
    assert_errors_start_with(&errors, &expected);
    assert!(
        errors[0].contains("70, 75, 80, 85, 90, 95, 100, 100+"),
        "{}",
        errors[0]
    );
    assert!(!built.out().exists(), "nothing may be written on error");
}

#[test]
fn age_bands_that_do_not_add_up_to_the_total_are_a_warning_with_both_figures() {
    let site = copy_site(&example_root());
    write(
        site.path(),
        "data/stats/tuoi.csv",
        "ky,khu_vuc,chi_so,nhom_tuoi,gia_tri\n\
         2026-10,toan-phuong,nguoi-cao-tuoi-mung-tho,,70\n\
         2026-10,toan-phuong,nguoi-cao-tuoi-mung-tho,70,40\n\
         2026-10,toan-phuong,nguoi-cao-tuoi-mung-tho,75,22\n\
         2026-10,toan-phuong,nguoi-cao-tuoi-mung-tho,80,0\n\
         2026-10,toan-phuong,nguoi-cao-tuoi-mung-tho,85,0\n\
         2026-10,toan-phuong,nguoi-cao-tuoi-mung-tho,90,0\n\
         2026-10,toan-phuong,nguoi-cao-tuoi-mung-tho,95,0\n\
         2026-10,toan-phuong,nguoi-cao-tuoi-mung-tho,100,0\n\
         2026-10,toan-phuong,nguoi-cao-tuoi-mung-tho,100+,0\n",
    );
    let built = build_site(site.path(), test_date());
    assert!(built.errors().is_empty(), "{:?}", built.errors());
    let warnings: Vec<String> = built
        .report
        .diagnostics
        .iter()
        .filter(|d| !d.is_error())
        .map(|d| d.to_string())
        .collect();
    let expected = "data/stats/tuoi.csv:3:1: cảnh báo: Chỉ số `nguoi-cao-tuoi-mung-tho` kỳ 2026-10: tổng các nhóm tuổi là 62, khác với số của toàn phường là 70";
    assert!(
        warnings.iter().any(|w| w.starts_with(expected)),
        "{warnings:#?}"
    );
}

/// The quarterly report's A4 PDF, read back as a reader would read the paper.
#[cfg(feature = "pdf")]
mod report_pdf {
    use std::sync::OnceLock;

    use crate::common::pdf::Pdf;
    use crate::common::{Built, build_example, build_site, copy_site, example_root, test_date};
    use crate::{dotted, example_csv, ward_sum, write};

    const REPORT_PDF: &str = "in/bao-cao/2026-q3.pdf";

    fn example() -> &'static Built {
        static BUILT: OnceLock<Built> = OnceLock::new();
        BUILT.get_or_init(build_example)
    }

    #[test]
    fn the_report_is_an_a4_document_in_the_decree_30_layout() {
        let pdf = Pdf::open(example(), REPORT_PDF);
        assert!(pdf.page_count() >= 3, "pages: {}", pdf.page_count());
        for n in 1..=pdf.page_count() as u32 {
            let size = pdf.size(n);
            assert!(
                size == (595, 842) || size == (842, 595),
                "page {n} is not A4: {size:?}"
            );
        }
        let first = pdf.text_of(&[1]);
        for expected in [
            "ỦY BAN NHÂN DÂN PHƯỜNG LƯU KIẾM",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "/BC-UBND",
            "Lưu Kiếm, ngày . . .",
            "tháng 10 năm 2026",
            "BÁO CÁO Kết quả thực hiện công tác trợ giúp xã hội quý III năm 2026",
            "Kính gửi:",
            "Tình hình chung",
        ] {
            assert!(first.contains(expected), "{expected:?} missing in {first}");
        }
        let all = pdf.text();
        assert!(all.contains("Nơi nhận: - Như trên; - Lưu: VT."), "{all}");
        assert!(all.contains("PHÓ CHỦ TỊCH Hoàng Anh Tuấn"), "{all}");
        // Page numbers from page 2 only.
        assert!(pdf.text_of(&[2]).starts_with("2 "), "{}", pdf.text_of(&[2]));
        assert!(!first.starts_with('1'));
        // The appendix by group is on landscape pages after the signature.
        let last = pdf.page_count() as u32;
        assert_eq!(pdf.size(last), (842, 595));
        let signature = all.find("Hoàng Anh Tuấn").unwrap();
        let appendix = all
            .find("PHỤ LỤC Số liệu theo tổ dân phố, quý III/2026")
            .unwrap();
        assert!(signature < appendix);
    }

    #[test]
    fn the_report_tells_key_figures_with_their_change_and_every_target_status() {
        let pdf = Pdf::open(example(), REPORT_PDF);
        let text = pdf.text();
        let csv = example_csv();
        // Monthly recipients roll up to the quarter by the last month.
        let q3 = ward_sum(&csv, &["2026-09"], "tro-cap-xa-hoi") as i64;
        let q2 = ward_sum(&csv, &["2026-06"], "tro-cap-xa-hoi") as i64;
        let (word, diff) = if q3 >= q2 {
            ("tăng", q3 - q2)
        } else {
            ("giảm", q2 - q3)
        };
        let sentence = format!(
            "{} người đang hưởng trợ cấp xã hội hằng tháng; {word} {} người",
            dotted(q3),
            dotted(diff)
        );
        assert!(text.contains(&sentence), "{sentence:?} missing in {text}");
        assert!(
            text.contains(&format!("so với quý II/2026 ({} người)", dotted(q2))),
            "{text}"
        );
        // Payments roll up by sum over the three months.
        let paid = ward_sum(&csv, &["2026-07", "2026-08", "2026-09"], "kinh-phi-chi-tra") as i64;
        assert!(
            text.contains(&format!(
                "{} đồng đã chi trả trợ cấp cho người dân",
                dotted(paid)
            )),
            "{text}"
        );
        // The cashless target (75% by June 2026) is measured on June's figures.
        let cashless = ward_sum(&csv, &["2026-06"], "luot-chi-tra-khong-tien-mat");
        let all = ward_sum(&csv, &["2026-06"], "luot-chi-tra");
        let share = 100.0 * cashless / all;
        let status = if share >= 75.0 {
            "Đạt"
        } else {
            "Chưa đạt"
        };
        let row = "Tỷ lệ chi trả trợ cấp xã hội không dùng tiền mặt đạt 75% vào tháng 6 năm 2026.";
        let start = text
            .find(row)
            .unwrap_or_else(|| panic!("{row} missing in {text}"));
        let rest = &text[start..];
        let next_row = rest[row.len()..]
            .find(" 4 ")
            .map_or(rest.len(), |i| i + row.len());
        let cells = &rest[..next_row];
        let shown = format!("{:.1}%", share).replace('.', ",");
        assert!(cells.contains(&shown), "{shown} not in {cells}");
        assert!(
            cells.contains(&format!("(tháng 6/2026) {status}")),
            "{cells}"
        );
        // The near-poor target was not met at its deadline.
        assert!(text.contains("(năm 2025) Chưa đạt"), "{text}");
    }

    #[test]
    fn missing_figures_are_named_not_printed_as_zeros() {
        let text = Pdf::open(example(), REPORT_PDF).text();
        assert!(
            text.contains(
                "Chưa có số liệu quý III/2026 Các chỉ số sau chưa có số liệu của kỳ báo cáo nên không được tính là 0: - Hộ nghèo; - Hộ cận nghèo;"
            ),
            "{text}"
        );
        assert!(!text.contains("- 0 hộ nghèo"), "{text}");
        assert!(!text.contains("- 0 hộ cận nghèo"), "{text}");
        assert!(text.contains("Hộ nghèo (hộ) – – –"), "{text}");
    }

    #[test]
    fn a_report_for_a_period_without_figures_lists_them_all_as_missing() {
        let site = copy_site(&example_root());
        write(
            site.path(),
            "content/reports/2027-Q1.md",
            "+++\ntieu_de = \"Báo cáo quý I năm 2027\"\nky = \"2027-Q1\"\nngay = \"2027-04-05\"\nchi_so_chinh = [\"tro-cap-xa-hoi\", \"kinh-phi-chi-tra\"]\n[nguoi_ky]\ntham_quyen = [\"TM. ỦY BAN NHÂN DÂN\"]\nchuc_vu = \"CHỦ TỊCH\"\nho_ten = \"Nguyễn Thị Hoa\"\n+++\n\nChưa có số liệu.\n",
        );
        let built = build_site(site.path(), test_date());
        assert!(built.errors().is_empty(), "{:?}", built.errors());
        let pdf = Pdf::open(&built, "in/bao-cao/2027-q1.pdf");
        let text = pdf.text();
        assert!(text.contains("BÁO CÁO Quý I năm 2027"), "{text}");
        assert!(text.contains("ngày 05 tháng 4 năm 2027"), "{text}");
        assert!(text.contains("Chưa có số liệu quý I/2027"), "{text}");
        assert!(
            text.contains("- Người hưởng trợ cấp xã hội hằng tháng; - Kinh phí chi trả trợ cấp;"),
            "{text}"
        );
        assert!(!text.contains("Số liệu chủ yếu"), "{text}");
        assert!(!text.contains("0 người đang hưởng"), "{text}");
        assert!(text.contains("CHỦ TỊCH Nguyễn Thị Hoa"), "{text}");
        let raw = String::from_utf8_lossy(&pdf.bytes);
        assert!(raw.contains("2027-04-05"), "date not from the content");
    }

    #[test]
    fn the_report_is_pdf_a_2b_dated_from_its_content_and_identical_on_rebuild() {
        let built = example();
        let pdf = Pdf::open(built, REPORT_PDF);
        // Dated "2026-10" in the report: 1 October 2026, never the build date.
        pdf.assert_pdf_a_2b_dated("2026-10-01");
        // A copy of the site has its own (empty) product cache, so the report is typeset again.
        let copy = copy_site(&example_root());
        let again = build_site(copy.path(), test_date());
        let second = std::fs::read(again.out().join(REPORT_PDF)).unwrap();
        assert!(second == pdf.bytes, "the report differs between two builds");
    }

    #[test]
    fn the_report_charts_are_drawn_in_the_document_font() {
        let pdf = Pdf::open(example(), REPORT_PDF);
        // Chart text is text in the PDF (axis labels), set in the family the document embeds.
        let text = pdf.text();
        let glyphs: String = text.split_whitespace().collect();
        assert!(glyphs.contains("QII/26QIII/26Biểuđồ1"), "{text}");
        assert!(
            text.contains("Biểu đồ 1: Người hưởng trợ cấp xã hội hằng tháng"),
            "{text}"
        );
        let mut families = std::collections::BTreeSet::new();
        for object in pdf.doc.objects.values() {
            if let Ok(dict) = object.as_dict()
                && let Ok(name) = dict.get(b"BaseFont").and_then(|n| n.as_name())
            {
                let name = String::from_utf8_lossy(name).into_owned();
                let name = name.split_once('+').map_or(name.as_str(), |(_, n)| n);
                families.insert(name.split('-').next().unwrap_or_default().to_owned());
            }
        }
        assert_eq!(
            families.into_iter().collect::<Vec<_>>(),
            vec!["LibertinusSerif".to_owned()]
        );
    }

    #[test]
    fn the_report_page_links_to_its_pdf() {
        let page = example().page("/bao-cao/2026-q3/");
        assert!(
            page.contains(&format!("href=\"/{REPORT_PDF}\"")),
            "no PDF link"
        );
        assert!(page.contains("Tải bản in"));
    }
}

#[test]
fn a_report_shows_targets_as_they_stood_at_the_end_of_its_period() {
    let site = copy_site(&example_root());
    let q3 = std::fs::read_to_string(site.path().join("content/reports/2026-Q3.md")).unwrap();
    let q1 = q3
        .replace("ky = \"2026-Q3\"", "ky = \"2026-Q1\"")
        .replace("quý III năm 2026\"", "quý I năm 2026\"")
        .replace("ngay = \"2026-10\"", "ngay = \"2026-04\"");
    std::fs::write(site.path().join("content/reports/2026-Q1.md"), q1).unwrap();
    let mut diagnostics = Default::default();
    let checked = loa::build::check(site.path(), test_date(), &mut diagnostics).unwrap();
    let stats = &checked.derived.stats;
    let r = checked
        .site
        .stats
        .reports
        .iter()
        .position(|r| r.slug.contains("q1"))
        .expect("the Q1 report");
    // The cashless target is due in June 2026: the plan page (built 2026-11-22) measures it on
    // June's figures, the Q1 report on March's, the last month of its period.
    let cashless = |t: &&loa::derive::stats::TargetProgress| {
        t.indicator.as_deref() == Some("ty-le-khong-tien-mat")
    };
    let on_plan = stats.targets.iter().flatten().find(cashless).unwrap();
    let in_report = stats.reports[r]
        .targets
        .iter()
        .map(|t| &t.progress)
        .find(cashless)
        .unwrap();
    assert_eq!(
        on_plan.period.as_deref(),
        Some("tháng 6/2026"),
        "{on_plan:?}"
    );
    assert_eq!(
        in_report.period.as_deref(),
        Some("tháng 3/2026"),
        "{in_report:?}"
    );
    let csv = example_csv();
    let march = 100.0 * ward_sum(&csv, &["2026-03"], "luot-chi-tra-khong-tien-mat")
        / ward_sum(&csv, &["2026-03"], "luot-chi-tra");
    let shown = format!("{march:.1}%").replace('.', ",");
    assert_eq!(in_report.value_text.as_deref(), Some(shown.as_str()));
    assert_ne!(on_plan.value_text, in_report.value_text);
}

#[test]
fn a_chart_by_area_is_described_in_words_a_reader_uses() {
    let built = build_example();
    let count = common::text_of(&built.page("/so-lieu/nguoi-cao-tuoi-mung-tho/"));
    assert!(
        count.contains("được mừng thọ ở 12 tổ dân phố trong năm 2026"),
        "{count}"
    );
    // A percentage is written once with its sign; the ward's own bar is not one of the groups.
    let ratio = common::text_of(&built.page("/so-lieu/ty-le-khong-tien-mat/"));
    assert!(
        ratio.contains("ở 12 tổ dân phố trong tháng 9/2026"),
        "{ratio}"
    );
    assert!(ratio.contains("Tổ dân phố 8 (88,2%)"), "{ratio}");
    assert!(
        !ratio.contains("% %") && !ratio.contains(" cột "),
        "{ratio}"
    );
}
