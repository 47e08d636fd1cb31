//! A document's own issuing body and signer: printed as the document gives them (PDF header and
//! HTML print view), a difference from site.toml is a warning, and a document without a signer
//! is a warning naming the file, never the site's signer in silence.

mod common;

use std::path::Path;

use common::*;
use loa::import::{SiteData, import};

/// Another body's plan: its own parent and issuing body and signer.
const OTHER_BODY: &str = "+++\nloai = \"KH\"\nso = \"15\"\nky_hieu = \"KH-UBND\"\nngay = \"2026-03-10\"\nnoi_ban_hanh = \"Ngọc Liên\"\nco_quan_cap_tren = \"UBND TỈNH THANH HÓA\"\nco_quan_ban_hanh = \"ỦY BAN NHÂN DÂN XÃ NGỌC LIÊN\"\ntrich_yeu = \"Triển khai công tác bảo trợ xã hội năm 2026\"\n\n[nguoi_ky]\ntham_quyen = [\"KT. CHỦ TỊCH\"]\nchuc_vu = \"PHÓ CHỦ TỊCH\"\nho_ten = \"Phạm Xuân Khánh\"\n+++\n\nThực hiện kế hoạch của tỉnh.\n\n## I. NỘI DUNG\n\n### 1. Rà soát\n\n- Rà soát đối tượng.\n";

fn warnings(built: &Built) -> Vec<String> {
    built
        .report
        .diagnostics
        .sorted()
        .into_iter()
        .filter(|d| !d.is_error())
        .map(|d| d.to_string())
        .collect()
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn a_plan_of_another_body_prints_its_own_header_with_a_warning() {
    let site = copy_site(&example_root());
    let file = "content/plans/ke-hoach-ngoc-lien.md";
    std::fs::write(site.path().join(file), OTHER_BODY).unwrap();
    // The site's own body, written another way, is no difference.
    let own = "content/plans/ke-hoach-luu-kiem.md";
    std::fs::write(
        site.path().join(own),
        OTHER_BODY
            .replace("UBND TỈNH THANH HÓA", "UBND THÀNH PHỐ HẢI PHÒNG")
            .replace("ỦY BAN NHÂN DÂN XÃ NGỌC LIÊN", "UBND phường  Lưu Kiếm"),
    )
    .unwrap();
    let built = build_preview(site.path(), test_date());
    assert!(built.errors().is_empty(), "{:#?}", built.errors());
    let warnings = warnings(&built);
    let field = line_of(OTHER_BODY, "co_quan_ban_hanh");
    let differs: Vec<&String> = warnings
        .iter()
        .filter(|w| w.contains("khác cơ quan ban hành trong site.toml"))
        .collect();
    assert_eq!(differs.len(), 1, "{warnings:#?}");
    assert!(
        differs[0].starts_with(&format!("{file}:{field}:")),
        "{}",
        differs[0]
    );
    assert!(
        differs[0].contains("ỦY BAN NHÂN DÂN XÃ NGỌC LIÊN"),
        "{}",
        differs[0]
    );

    // The print view and the page name the document's body, not the site's.
    let print = text_of(&built.page("/ke-hoach/ke-hoach-ngoc-lien/ban-in/"));
    assert!(
        print.contains("UBND TỈNH THANH HÓA ỦY BAN NHÂN DÂN XÃ NGỌC LIÊN Số: 15/KH-UBND"),
        "{print}"
    );
    assert!(!print.contains("PHƯỜNG LƯU KIẾM"), "{print}");
    let page = text_of(&built.page("/ke-hoach/ke-hoach-ngoc-lien/"));
    assert!(
        page.contains("Cơ quan ban hành ỦY BAN NHÂN DÂN XÃ NGỌC LIÊN"),
        "{page}"
    );
    let print = text_of(&built.page("/ke-hoach/ke-hoach-luu-kiem/ban-in/"));
    assert!(
        print.contains("UBND THÀNH PHỐ HẢI PHÒNG UBND PHƯỜNG LƯU KIẾM"),
        "{print}"
    );
}

#[cfg(feature = "pdf")]
#[test]
fn the_pdf_header_is_the_documents_own() {
    let site = copy_site(&example_root());
    std::fs::write(
        site.path().join("content/plans/ke-hoach-ngoc-lien.md"),
        OTHER_BODY,
    )
    .unwrap();
    let built = build_site(site.path(), test_date());
    assert!(built.errors().is_empty(), "{:#?}", built.errors());
    let pdf = common::pdf::Pdf::open(&built, "in/van-ban/ke-hoach-ngoc-lien.pdf");
    let first = pdf.text_of(&[1]);
    assert!(first.contains("UBND TỈNH THANH HÓA"), "{first}");
    assert!(first.contains("ỦY BAN NHÂN DÂN XÃ NGỌC LIÊN"), "{first}");
    assert!(!first.contains("LƯU KIẾM"), "{first}");
    assert!(pdf.text().contains("Phạm Xuân Khánh"));
    // The ward's own plans keep the ward's header.
    let own = common::pdf::Pdf::open(&built, "in/van-ban/ke-hoach-tro-giup-xa-hoi-2026.pdf");
    assert!(
        own.text_of(&[1])
            .contains("ỦY BAN NHÂN DÂN PHƯỜNG LƯU KIẾM")
    );
}

#[test]
fn a_document_without_a_signer_is_a_warning_naming_the_file() {
    let site = copy_site(&example_root());
    let unsigned = |text: &str| {
        let start = text.find("\n[nguoi_ky]").unwrap();
        let end = text.find("\n+++\n").unwrap();
        format!("{}{}", &text[..start], &text[end..])
    };
    // The ward's own plan: the default signer, said.
    let own = OTHER_BODY
        .replace("co_quan_cap_tren = \"UBND TỈNH THANH HÓA\"\n", "")
        .replace(
            "ỦY BAN NHÂN DÂN XÃ NGỌC LIÊN",
            "Ủy ban nhân dân phường Lưu Kiếm",
        );
    std::fs::write(
        site.path().join("content/plans/khong-ky-cua-phuong.md"),
        unsigned(&own),
    )
    .unwrap();
    // Another body's: never the ward's signer.
    std::fs::write(
        site.path().join("content/plans/khong-ky-cua-xa.md"),
        unsigned(OTHER_BODY),
    )
    .unwrap();
    let built = build_preview(site.path(), test_date());
    assert!(built.errors().is_empty(), "{:#?}", built.errors());
    let warnings = warnings(&built);
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with("content/plans/khong-ky-cua-phuong.md:")
                && w.contains("người ký mặc định trong site.toml (Hoàng Anh Tuấn)")),
        "{warnings:#?}"
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with("content/plans/khong-ky-cua-xa.md:")
                && w.contains("khối chữ ký để trống")),
        "{warnings:#?}"
    );
    let own = text_of(&built.page("/ke-hoach/khong-ky-cua-phuong/ban-in/"));
    assert!(own.contains("Hoàng Anh Tuấn"), "{own}");
    let other = text_of(&built.page("/ke-hoach/khong-ky-cua-xa/ban-in/"));
    assert!(!other.contains("Hoàng Anh Tuấn"), "{other}");
    // The example's own plans all name their signer.
    assert!(
        !warnings
            .iter()
            .any(|w| w.contains("[nguoi_ky]") && !w.contains("khong-ky-cua")),
        "{warnings:#?}"
    );
}

#[test]
fn import_writes_the_issuer_as_fields_and_warns_when_it_is_not_the_sites() {
    let text = "UBND TỈNH THANH HÓA\nỦY BAN NHÂN DÂN\nXÃ NGỌC LIÊN\nSố: 15/KH-UBND\nNgọc Liên, ngày 10 tháng 3 năm 2026\n\nKẾ HOẠCH\nTriển khai công tác bảo trợ xã hội năm 2026\n\nThực hiện kế hoạch của tỉnh.\n\nI. NỘI DUNG\n\n1. Rà soát đối tượng.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nPhạm Xuân Khánh\n";
    let site = SiteData::read(&example_root());
    let imported = import(Path::new("ngoc-lien.txt"), text.as_bytes(), &site.context()).unwrap();
    assert!(
        imported
            .text
            .contains("co_quan_cap_tren = \"UBND TỈNH THANH HÓA\"\nco_quan_ban_hanh = \"ỦY BAN NHÂN DÂN XÃ NGỌC LIÊN\"\n"),
        "{}",
        imported.text
    );
    assert_eq!(imported.plan.issuing_body, "ỦY BAN NHÂN DÂN XÃ NGỌC LIÊN");
    assert_eq!(imported.plan.parent_body, "UBND TỈNH THANH HÓA");
    let warnings: Vec<String> = imported.warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("khác cơ quan ban hành trong site.toml")),
        "{warnings:#?}"
    );
    // Imported into its own site, no warning.
    let own = SiteData::read(&example_root().join("examples/ngoc-lien"));
    let imported = import(Path::new("ngoc-lien.txt"), text.as_bytes(), &own.context()).unwrap();
    assert!(
        !imported
            .warnings
            .iter()
            .any(|w| w.to_string().contains("khác cơ quan ban hành")),
        "{:#?}",
        imported.warnings
    );
}
