//! The figure files as a careless or hostile hand makes them (issue #14): workbooks with stray
//! or malformed cells, a million bad rows, personal data written as figures or in notes, figures
//! that cannot be shown. Each is refused with an error naming the file and line (for a workbook
//! the sheet and cell) and the words a user reads; nothing panics, and what is printed is bounded.

mod common;

use std::io::Write;
use std::path::Path;
use std::sync::OnceLock;

use common::*;
use loa::diagnostics::Diagnostics;
use loa::model::SiteConfig;
use loa::model::stats::Statistics;

/// The example ward's settings and indicators, without its figures.
fn registry() -> &'static (SiteConfig, Statistics) {
    static REGISTRY: OnceLock<(SiteConfig, Statistics)> = OnceLock::new();
    REGISTRY.get_or_init(|| {
        let mut diagnostics = Diagnostics::new();
        let loaded = loa::load::load_site(&example_root(), &mut diagnostics).unwrap();
        let mut stats = loaded.stats;
        stats.figures.clear();
        stats.band_figures.clear();
        stats.files.clear();
        (loaded.config, stats)
    })
}

/// Loads the figure files of a folder holding only data/stats/ (written by `write`) against the
/// example's registry; returns the problems as printed, errors first, in order.
fn load_figures(write: impl FnOnce(&Path)) -> (Vec<String>, Statistics) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("data/stats")).unwrap();
    write(&dir.path().join("data/stats"));
    let (config, stats) = registry();
    let mut stats = stats.clone();
    let mut diagnostics = Diagnostics::new();
    loa::load::stats::load_figures(dir.path(), config, &mut stats, &mut diagnostics);
    let printed = diagnostics
        .sorted()
        .into_iter()
        .map(|d| d.to_string())
        .collect();
    (printed, stats)
}

fn csv(text: &str) -> impl FnOnce(&Path) + '_ {
    move |dir: &Path| std::fs::write(dir.join("so-lieu.csv"), text).unwrap()
}

const HEADER: [&str; 5] = ["ky", "khu_vuc", "chi_so", "gia_tri", "ghi_chu"];

/// A workbook `so-lieu.xlsx` with one sheet `Q1`: the header, `rows` as text cells (a figure
/// that parses as a number is written as a number), then `extra` cells (row, column, text).
fn workbook(rows: &[[&str; 4]], extra: &[(u32, u16, &str)]) -> impl FnOnce(&Path) {
    let rows: Vec<[String; 4]> = rows.iter().map(|r| r.map(str::to_owned)).collect();
    let extra: Vec<(u32, u16, String)> = extra
        .iter()
        .map(|(r, c, t)| (*r, *c, (*t).to_owned()))
        .collect();
    move |dir: &Path| {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet().set_name("Q1").unwrap();
        for (c, h) in HEADER.iter().take(4).enumerate() {
            sheet.write_string(0, c as u16, *h).unwrap();
        }
        for (r, row) in rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, text) in row.iter().enumerate() {
                match text.parse::<f64>() {
                    Ok(n) if c == 3 && !text.starts_with("0") => {
                        sheet.write_number(r, 3, n).unwrap()
                    }
                    _ => sheet.write_string(r, c as u16, text).unwrap(),
                };
            }
        }
        for (r, c, text) in &extra {
            sheet.write_string(*r, *c, text).unwrap();
        }
        book.save(dir.join("so-lieu.xlsx")).unwrap();
    }
}

/// A workbook written by hand (what Excel cannot be made to write): one sheet `Q1` whose
/// `<sheetData>` is `sheet_data`.
fn raw_workbook(sheet_data: &str) -> impl FnOnce(&Path) + '_ {
    move |dir: &Path| write_raw_xlsx(&dir.join("so-lieu.xlsx"), sheet_data)
}

fn write_raw_xlsx(path: &Path, sheet_data: &str) {
    let file = std::fs::File::create(path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default();
    let parts = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.to_owned(),
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_owned(),
        ),
        (
            "xl/workbook.xml",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Q1" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_owned(),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.to_owned(),
        ),
        (
            "xl/worksheets/sheet1.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{sheet_data}</sheetData></worksheet>"#
            ),
        ),
    ];
    for (name, text) in parts {
        zip.start_file(name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
}

/// An inline text cell at `reference`.
fn text_cell(reference: &str, text: &str) -> String {
    format!(r#"<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>"#)
}

/// The header row and one good figure row, as sheet XML.
fn good_rows() -> String {
    let header: String = ["A1", "B1", "C1", "D1"]
        .iter()
        .zip(HEADER)
        .map(|(r, h)| text_cell(r, h))
        .collect();
    format!(
        r#"<row r="1">{header}</row><row r="2">{}{}{}<c r="D2"><v>51</v></c></row>"#,
        text_cell("A2", "2027-01"),
        text_cell("B2", "tdp-1"),
        text_cell("C2", "tro-cap-xa-hoi"),
    )
}

fn assert_one_error_starting(errors: &[String], start: &str) {
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0].starts_with(start),
        "{}\n  should start with {start}",
        errors[0]
    );
}

const GOOD_ROW: [&str; 4] = ["2027-01", "tdp-1", "tro-cap-xa-hoi", "51"];

// Item 3: workbooks.

#[test]
fn a_value_in_the_last_cell_of_a_sheet_is_a_located_error_and_the_rest_is_read() {
    let (errors, stats) = load_figures(workbook(&[GOOD_ROW], &[(1_048_575, 16_383, "x")]));
    assert_one_error_starting(
        &errors,
        "data/stats/so-lieu.xlsx!Q1!XFD1048576:1048576:16384: lỗi: Ô này nằm ngoài vùng bảng số liệu (từ cột A đến cột BL)",
    );
    assert_eq!(stats.figures.len(), 1, "the good row is still read");
}

#[test]
fn old_excel_and_opendocument_workbooks_are_refused_with_the_way_to_convert_them() {
    for name in ["so-lieu.xls", "so-lieu.ODS"] {
        let (errors, stats) =
            load_figures(|dir: &Path| std::fs::write(dir.join(name), b"not read at all").unwrap());
        assert_one_error_starting(
            &errors,
            &format!("data/stats/{name}:1:1: lỗi: Không đọc tệp bảng tính dạng ."),
        );
        assert!(errors[0].contains("(.xlsx)"), "{}", errors[0]);
        assert!(stats.figures.is_empty());
    }
}

#[test]
fn a_stray_value_far_to_the_right_is_a_located_error() {
    let (errors, stats) = load_figures(workbook(&[GOOD_ROW], &[(19_999, 16_383, "ghi chú lạc")]));
    assert_one_error_starting(
        &errors,
        "data/stats/so-lieu.xlsx!Q1!XFD20000:20000:16384: lỗi:",
    );
    assert_eq!(stats.figures.len(), 1);
}

#[test]
fn a_stray_value_far_below_is_read_as_a_row_of_its_own() {
    // Column B at the last row: inside the columns, so it is a (bad) figure row, located.
    let (errors, stats) = load_figures(workbook(&[GOOD_ROW], &[(1_048_575, 1, "tdp-1")]));
    assert!(!errors.is_empty());
    assert!(
        errors
            .iter()
            .all(|e| e.starts_with("data/stats/so-lieu.xlsx!Q1!") && e.contains("1048576")),
        "{errors:#?}"
    );
    assert_eq!(stats.figures.len(), 1);
}

#[test]
fn a_malformed_cell_reference_is_a_located_error_not_a_panic() {
    // A reference whose row and column overflow Excel's (and 32-bit) limits.
    let data = format!(
        r#"{}<row r="3">{}</row>"#,
        good_rows(),
        text_cell("ZZZZZZZ4000000000", "x")
    );
    let (errors, stats) = load_figures(raw_workbook(&data));
    assert_one_error_starting(
        &errors,
        "data/stats/so-lieu.xlsx!Q1:2:1: lỗi: Trang tính `Q1` có một ô với địa chỉ không hợp lệ (ngay sau ô D2)",
    );
    assert_eq!(stats.figures.len(), 1);
}

#[test]
fn a_cell_reference_that_is_not_a_reference_is_a_located_error() {
    let data = format!(
        r#"{}<row r="3">{}</row>"#,
        good_rows(),
        text_cell("3B", "x")
    );
    let (errors, _) = load_figures(raw_workbook(&data));
    assert_one_error_starting(
        &errors,
        "data/stats/so-lieu.xlsx!Q1:2:1: lỗi: Không đọc được trang tính `Q1` sau ô D2",
    );
}

#[test]
fn thousands_of_bad_rows_print_the_first_20_with_their_lines_and_a_count() {
    let mut text = String::from("ky,khu_vuc,chi_so,gia_tri\n");
    for _ in 0..1000 {
        text.push_str("2027-01,tdp-1,tro-cap-xa-hoi,năm mươi\n");
    }
    let (errors, _) = load_figures(csv(&text));
    assert_eq!(errors.len(), 21, "{errors:#?}");
    assert!(
        errors[0].starts_with(
            "data/stats/so-lieu.csv:1:1: lỗi: Còn 980 lỗi nữa trong tệp này không được in (chỉ in 20 lỗi đầu tiên)"
        ),
        "{}",
        errors[0]
    );
    for (n, error) in errors[1..].iter().enumerate() {
        let start = format!(
            "data/stats/so-lieu.csv:{}:30: lỗi: Giá trị `năm mươi`",
            n + 2
        );
        assert!(
            error.starts_with(&start),
            "{error}\n  should start with {start}"
        );
    }
}

#[test]
fn thousands_of_duplicate_rows_are_capped_too() {
    let mut text = String::from("ky,khu_vuc,chi_so,gia_tri\n");
    for _ in 0..500 {
        text.push_str("2027-01,tdp-1,tro-cap-xa-hoi,5\n");
    }
    let (errors, stats) = load_figures(csv(&text));
    assert_eq!(errors.len(), 21, "{errors:#?}");
    assert!(errors[0].contains("Còn 479 lỗi nữa"), "{}", errors[0]);
    assert!(errors[1].contains("Trùng số liệu"), "{}", errors[1]);
    assert_eq!(stats.figures.len(), 1);
}

#[test]
fn errors_of_a_workbook_are_capped_per_file() {
    let rows: Vec<[&str; 4]> = (0..100)
        .map(|_| ["2027-13", "tdp-1", "tro-cap-xa-hoi", "5"])
        .collect();
    let (errors, _) = load_figures(workbook(&rows, &[]));
    assert_eq!(errors.len(), 21, "{errors:#?}");
    assert!(
        errors[0].starts_with("data/stats/so-lieu.xlsx:1:1: lỗi: Còn 80 lỗi nữa"),
        "{}",
        errors[0]
    );
    let periods: Vec<&String> = errors
        .iter()
        .filter(|e| e.contains("Kỳ `2027-13`"))
        .collect();
    assert_eq!(periods.len(), 20, "{errors:#?}");
    for row in 2..=21 {
        let start = format!("data/stats/so-lieu.xlsx!Q1!A{row}:{row}:1: lỗi: Kỳ `2027-13`");
        assert!(
            periods.iter().any(|e| e.starts_with(&start)),
            "{start}\n{errors:#?}"
        );
    }
}

// Item 8: privacy.

#[test]
fn phone_and_id_numbers_written_as_figures_are_refused() {
    let (errors, stats) = load_figures(csv("ky,khu_vuc,chi_so,gia_tri\n\
         2027-01,tdp-1,tro-cap-xa-hoi,0912345678\n\
         2027-01,tdp-2,tro-cap-xa-hoi,0912.345.678\n\
         2027-01,tdp-3,tro-cap-xa-hoi,\"0010 4501 2345\"\n\
         2027-01,tdp-4,tro-cap-xa-hoi,0123\n\
         2027-01,tdp-5,tro-cap-xa-hoi,\"25 432\"\n"));
    assert_errors_start_with(
        &errors,
        &[
            "data/stats/so-lieu.csv:2:30: lỗi: Ô này có vẻ chứa dữ liệu cá nhân (số điện thoại)",
            "data/stats/so-lieu.csv:3:30: lỗi: Ô này có vẻ chứa dữ liệu cá nhân (số điện thoại)",
            "data/stats/so-lieu.csv:4:30: lỗi: Ô này có vẻ chứa dữ liệu cá nhân (số định danh",
            "data/stats/so-lieu.csv:5:30: lỗi: Ô số liệu `0123` không phải là một con số",
        ],
    );
    assert_eq!(stats.figures.len(), 1, "25 432 is a figure");
    assert_eq!(stats.figures[0].value, 25_432.0);
}

#[test]
fn a_phone_number_in_a_workbook_text_cell_is_refused_at_its_cell() {
    let (errors, _) = load_figures(workbook(
        &[["2027-01", "tdp-1", "tro-cap-xa-hoi", "0912345678"]],
        &[],
    ));
    assert_one_error_starting(
        &errors,
        "data/stats/so-lieu.xlsx!Q1!D2:2:4: lỗi: Ô này có vẻ chứa dữ liệu cá nhân (số điện thoại)",
    );
}

#[test]
fn personal_data_in_notes_is_refused_and_ordinary_notes_pass() {
    let refused = [
        ("NGUYỄN VĂN AN", "(họ tên người)"),
        ("Nguyen Van An", "(họ tên người)"),
        ("CMND 012345678", "(số định danh"),
        ("001-045-012-345", "(số định danh"),
        ("84912345678", "(số điện thoại)"),
        ("(0225) 3873 210", "(số điện thoại)"),
        ("ngày 12 tháng 3 năm 1945", "(ngày tháng năm cụ thể"),
        ("1945/03/12", "(ngày tháng năm cụ thể"),
        ("12/03/45", "(ngày tháng năm cụ thể"),
        ("1945-03-12T00:00:00", "(ngày tháng năm cụ thể"),
        ("liên hệ an.nguyen@example.com", "(địa chỉ thư điện tử"),
        ("số sổ BHXH 3112345678", "(số sổ bảo hiểm xã hội"),
        (
            "STK 19034567890123",
            "(số sổ bảo hiểm xã hội, số thẻ hoặc số tài khoản)",
        ),
    ];
    let accepted = [
        "Tổ dân phố 3",
        "Quý I/2026",
        "1.500.000 đồng",
        "đường Lê Lợi",
        "người",
        "phường Lưu Kiếm",
    ];
    let mut text = String::from("ky,khu_vuc,chi_so,gia_tri,ghi_chu\n");
    let prefix = |n: usize| format!("{},tdp-1,tro-cap-xa-hoi,5,", 2030 + n);
    for (n, (note, _)) in refused.iter().enumerate() {
        text.push_str(&format!("{}\"{note}\"\n", prefix(n)));
    }
    for (n, note) in accepted.iter().enumerate() {
        text.push_str(&format!("{}\"{note}\"\n", prefix(refused.len() + n)));
    }
    let (errors, stats) = load_figures(csv(&text));
    assert_eq!(errors.len(), refused.len(), "{errors:#?}");
    for (n, (error, (note, kind))) in errors.iter().zip(refused).enumerate() {
        let start = format!(
            "data/stats/so-lieu.csv:{}:{}: lỗi: Ô này có vẻ chứa dữ liệu cá nhân {kind}",
            n + 2,
            prefix(n).chars().count() + 1
        );
        assert!(
            error.starts_with(&start),
            "{note}: {error}\n  should start with {start}"
        );
    }
    assert_eq!(stats.figures.len(), accepted.len());
}

// Item 9: figures that cannot be shown.

#[test]
fn figures_with_more_digits_than_can_be_shown_are_refused() {
    let (errors, stats) = load_figures(csv("ky,khu_vuc,chi_so,gia_tri\n\
         2027-01,tdp-1,kinh-phi-chi-tra,99999999999999999999\n\
         2027-01,tdp-2,kinh-phi-chi-tra,123456789012345678\n\
         2027-01,tdp-3,kinh-phi-chi-tra,123456789012345\n"));
    assert_errors_start_with(
        &errors,
        &[
            "data/stats/so-lieu.csv:2:32: lỗi: Giá trị `99999999999999999999` quá lớn hoặc có quá nhiều chữ số để hiển thị chính xác (tối đa 15 chữ số)",
            "data/stats/so-lieu.csv:3:32: lỗi: Giá trị `123456789012345678` quá lớn",
        ],
    );
    assert_eq!(stats.figures.len(), 1, "15 digits are shown exactly");
    assert_eq!(stats.figures[0].value, 123_456_789_012_345.0);
}

#[test]
fn a_huge_number_cell_in_a_workbook_is_refused_not_shown_as_zero() {
    let (errors, stats) = load_figures(workbook(
        &[
            ["2027-01", "tdp-1", "kinh-phi-chi-tra", "1.7e308"],
            ["2027-01", "tdp-2", "kinh-phi-chi-tra", "1e16"],
        ],
        &[],
    ));
    assert_errors_start_with(
        &errors,
        &[
            "data/stats/so-lieu.xlsx!Q1!D2:2:4: lỗi: Giá trị `1.7e308` quá lớn",
            "data/stats/so-lieu.xlsx!Q1!D3:3:4: lỗi: Giá trị `1e16` quá lớn",
        ],
    );
    assert!(stats.figures.is_empty());
}

#[test]
fn a_computed_ratio_over_100_percent_is_a_warning_naming_both_figures() {
    let site = copy_site(&example_root());
    std::fs::write(
        site.path().join("data/stats/bhyt-2027.csv"),
        "ky,khu_vuc,chi_so,gia_tri\n\
         2027-Q1,toan-phuong,dan-so,25.000\n\
         2027-Q1,toan-phuong,nguoi-tham-gia-bhyt,26.500\n",
    )
    .unwrap();
    let built = build_preview(site.path(), test_date());
    assert!(built.errors().is_empty(), "{:#?}", built.errors());
    let warnings: Vec<String> = built
        .report
        .diagnostics
        .iter()
        .filter(|d| !d.is_error())
        .map(|d| d.to_string())
        .filter(|w| w.contains("vượt 100%"))
        .collect();
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert!(
        warnings[0].starts_with(
            "data/stats/bhyt-2027.csv:3:1: cảnh báo: Tỷ lệ `ty-le-bhyt` kỳ 2027-Q1 (toan-phuong) vượt 100%: `nguoi-tham-gia-bhyt` là 26.500, lớn hơn `dan-so` là 25.000"
        ),
        "{}",
        warnings[0]
    );
}

/// Property tests: arbitrary and mutated rows and cells never panic, and every problem names
/// the file and a line (for a workbook, the sheet). Cases: 64 by default, `PROPTEST_CASES=N` for
/// a long run.
mod property {
    use super::*;
    use proptest::prelude::*;
    use proptest::test_runner::Config;

    fn config() -> Config {
        let cases = std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(64);
        Config {
            cases,
            failure_persistence: None,
            ..Config::default()
        }
    }

    /// A cell as staff (or a broken export) might type it.
    fn cell() -> impl Strategy<Value = String> {
        prop_oneof![
            Just(String::new()),
            prop::sample::select(vec![
                "2026-03",
                "2026-Q1",
                "2026",
                "2027-13",
                "tdp-1",
                "toan-phuong",
                "Tổ dân phố 3",
                "tdp-99",
                "tro-cap-xa-hoi",
                "ty-le-bhyt",
                "kinh-phi-chi-tra",
                "dan-so",
                "54",
                "1.234",
                "96,5%",
                "-3",
                "0912345678",
                "0010 4501 2345",
                "99999999999999999999",
                "1.7e308",
                "NaN",
                "inf",
                "cụ Nguyễn Văn An",
                "\"",
                "\"\"",
                ",",
                "\n",
                "\r\n",
                "ky",
                "gia_tri",
                "ho_ten",
                "70",
                "100+",
            ])
            .prop_map(str::to_owned),
            "\\PC{0,12}",
            "[0-9 .,\\-]{0,24}",
        ]
    }

    fn csv_line(cells: &[String]) -> String {
        cells
            .iter()
            .map(|c| {
                if c.contains([',', '"', '\n', '\r']) {
                    format!("\"{}\"", c.replace('"', "\"\""))
                } else {
                    c.clone()
                }
            })
            .collect::<Vec<_>>()
            .join(",")
    }

    /// Every problem names a file of data/stats and a line.
    fn assert_located(diagnostics: &Diagnostics) {
        for d in diagnostics.iter() {
            let location = d
                .location
                .as_ref()
                .unwrap_or_else(|| panic!("not located: {d}"));
            let file = loa::diagnostics::display_path(&location.file);
            assert!(file.starts_with("data/stats/so-lieu."), "{d}");
            assert!(location.line >= 1, "{d}");
        }
    }

    fn load(write: impl FnOnce(&Path)) -> Diagnostics {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("data/stats")).unwrap();
        write(&dir.path().join("data/stats"));
        let (config, stats) = registry();
        let mut stats = stats.clone();
        let mut diagnostics = Diagnostics::new();
        loa::load::stats::load_figures(dir.path(), config, &mut stats, &mut diagnostics);
        diagnostics
    }

    proptest! {
        #![proptest_config(config())]

        #[test]
        fn csv_rows_never_panic_and_every_error_is_located(
            header in prop_oneof![
                Just(HEADER.map(str::to_owned).to_vec()),
                prop::collection::vec(cell(), 0..8),
            ],
            rows in prop::collection::vec(prop::collection::vec(cell(), 0..8), 0..12),
            mutations in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..4),
        ) {
            let mut text = csv_line(&header);
            for row in &rows {
                text.push('\n');
                text.push_str(&csv_line(row));
            }
            // Bytes flipped anywhere (may break quoting or UTF-8).
            let mut bytes = text.into_bytes();
            for (at, byte) in mutations {
                if !bytes.is_empty() {
                    let i = at.index(bytes.len());
                    bytes[i] = byte;
                }
            }
            let diagnostics = load(|dir| std::fs::write(dir.join("so-lieu.csv"), &bytes).unwrap());
            assert_located(&diagnostics);
        }

        #[test]
        fn workbook_cells_never_panic_and_every_error_is_located(
            cells in prop::collection::vec(
                (0u32..1_048_576, 0u16..16_384, cell(), any::<f64>(), any::<bool>()),
                0..24,
            ),
            rows in prop::collection::vec(prop::collection::vec(cell(), 0..6), 0..6),
        ) {
            let diagnostics = load(|dir| {
                let mut book = rust_xlsxwriter::Workbook::new();
                let sheet = book.add_worksheet().set_name("Q1").unwrap();
                for (c, h) in HEADER.iter().enumerate() {
                    sheet.write_string(0, c as u16, *h).unwrap();
                }
                for (r, row) in rows.iter().enumerate() {
                    for (c, text) in row.iter().enumerate() {
                        sheet.write_string(r as u32 + 1, c as u16, text).unwrap();
                    }
                }
                for (row, column, text, number, as_number) in &cells {
                    if *as_number && number.is_finite() {
                        sheet.write_number(*row, *column, *number).unwrap();
                    } else {
                        sheet.write_string(*row, *column, text).unwrap();
                    }
                }
                book.save(dir.join("so-lieu.xlsx")).unwrap();
            });
            assert_located(&diagnostics);
        }

        #[test]
        fn malformed_sheet_xml_never_panics_and_every_error_is_located(
            cells in prop::collection::vec(
                ("[A-Za-z]{0,9}[0-9]{0,12}", "[A-Za-z0-9 .,\\-]{0,12}", any::<bool>()),
                0..16,
            ),
            row_attributes in prop::collection::vec("[0-9]{0,12}", 0..4),
        ) {
            let mut data = good_rows();
            for (n, (reference, value, as_number)) in cells.iter().enumerate() {
                let row = row_attributes.get(n % row_attributes.len().max(1)).cloned().unwrap_or_default();
                let cell = if *as_number {
                    format!(r#"<c r="{reference}"><v>{value}</v></c>"#)
                } else {
                    text_cell(reference, value)
                };
                data.push_str(&format!(r#"<row r="{row}">{cell}</row>"#));
            }
            let diagnostics = load(raw_workbook(&data));
            assert_located(&diagnostics);
        }
    }
}
