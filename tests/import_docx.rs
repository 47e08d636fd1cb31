//! `loa import` on Word files with direct numbering (`w:numPr` on each paragraph), bold and
//! italic runs, a table, layout tables and content controls. Style numbering, the real plans
//! rebuilt in Word and broken files are in import_docx_word.rs.

mod common;

use std::io::Cursor;
use std::path::Path;

use docx_rs::{
    AbstractNumbering, Docx, IndentLevel, Level, LevelJc, LevelText, NumberFormat, Numbering,
    NumberingId, Paragraph, Run, Start, Table, TableCell, TableRow,
};
use loa::import::{SiteData, import};

/// Bullets (abstract 101) and decimal numbering (abstract 102); ids above 100 because a new
/// docx-rs document already defines numbering 1.
fn numbering() -> (AbstractNumbering, AbstractNumbering) {
    let bullets = AbstractNumbering::new(101)
        .add_level(Level::new(
            0,
            Start::new(1),
            NumberFormat::new("bullet"),
            LevelText::new("-"),
            LevelJc::new("left"),
        ))
        .add_level(Level::new(
            1,
            Start::new(1),
            NumberFormat::new("bullet"),
            LevelText::new("+"),
            LevelJc::new("left"),
        ));
    let decimal = AbstractNumbering::new(102).add_level(Level::new(
        0,
        Start::new(1),
        NumberFormat::new("decimal"),
        LevelText::new("%1."),
        LevelJc::new("left"),
    ));
    (bullets, decimal)
}

#[test]
fn word_numbering_and_tables_are_kept() {
    let (bullets, decimal) = numbering();
    let cell =
        |t: &str| TableCell::new().add_paragraph(Paragraph::new().add_run(Run::new().add_text(t)));
    let row = |cells: &[&str]| TableRow::new(cells.iter().map(|c| cell(c)).collect());
    let docx = Docx::new()
        .add_abstract_numbering(bullets)
        .add_abstract_numbering(decimal)
        .add_numbering(Numbering::new(101, 101))
        .add_numbering(Numbering::new(102, 102))
        .add_numbering(Numbering::new(103, 102))
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text("Số: 07/KH-UBND")))
        .add_paragraph(
            Paragraph::new().add_run(Run::new().add_text("An Phú, ngày 04 tháng 3 năm 2026")),
        )
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text("KẾ HOẠCH").bold()))
        .add_paragraph(
            Paragraph::new().add_run(
                Run::new()
                    .add_text("Chăm sóc người cao tuổi năm 2026")
                    .bold(),
            ),
        )
        .add_paragraph(
            Paragraph::new().add_run(Run::new().add_text("Căn cứ Luật Người cao tuổi năm 2009.")),
        )
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text("I. CHỈ TIÊU").bold()))
        .add_table(Table::new(vec![
            row(&["TT", "Nội dung chỉ tiêu", "Đơn vị tính", "Năm 2026"]),
            row(&["1", "Người cao tuổi được khám sức khỏe định kỳ", "%", "95"]),
        ]))
        .add_paragraph(
            Paragraph::new().add_run(Run::new().add_text("II. TỔ CHỨC THỰC HIỆN").bold()),
        )
        .add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text("Trạm Y tế phường"))
                .numbering(NumberingId::new(103), IndentLevel::new(0)),
        )
        .add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text("Khám sức khỏe cho người cao tuổi, "))
                .add_run(Run::new().add_text("miễn phí").bold())
                .add_run(Run::new().add_text("."))
                .numbering(NumberingId::new(101), IndentLevel::new(0)),
        )
        .add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text("Đề nghị Hội Người cao tuổi phường"))
                .numbering(NumberingId::new(103), IndentLevel::new(0)),
        )
        .add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text("Vận động hội viên tham gia."))
                .numbering(NumberingId::new(101), IndentLevel::new(0)),
        );
    let mut bytes = Vec::new();
    docx.build().pack(&mut Cursor::new(&mut bytes)).unwrap();
    let imported = import(
        Path::new("ke-hoach.docx"),
        &bytes,
        &SiteData::default().context(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let text = &imported.text;
    assert!(text.contains("### 1. Trạm Y tế phường"), "{text}");
    assert!(
        text.contains("### 2. Đề nghị Hội Người cao tuổi phường"),
        "{text}"
    );
    assert!(
        text.contains("- Khám sức khỏe cho người cao tuổi, **miễn phí**."),
        "{text}"
    );
    assert!(
        text.contains("| 1 | Người cao tuổi được khám sức khỏe định kỳ | % | 95 |"),
        "{text}"
    );
    let plan = &imported.plan;
    assert_eq!(
        (plan.number.as_str(), plan.symbol.as_str()),
        ("07", "KH-UBND")
    );
    assert_eq!(plan.assignments.len(), 2);
    assert!(plan.assignments[1].requested);
    assert_eq!(plan.targets.len(), 1);
    assert_eq!(plan.targets[0].value, Some(95.0));
}

#[test]
fn a_broken_word_file_is_an_error_naming_it() {
    let error = import(
        Path::new("hong.docx"),
        b"PK\x03\x04 not really a zip",
        &SiteData::default().context(),
    )
    .unwrap_err();
    assert_eq!(error.code, "import_docx_invalid");
    assert!(
        error
            .to_string()
            .starts_with("hong.docx:1:1: lỗi: Tệp Word không đọc được")
    );
}

#[test]
fn header_and_signature_laid_out_in_borderless_tables() {
    let para = |t: &str| Paragraph::new().add_run(Run::new().add_text(t));
    let cell = |lines: &[&str]| {
        lines
            .iter()
            .fold(TableCell::new(), |c, l| c.add_paragraph(para(l)))
    };
    let header = Table::new(vec![
        TableRow::new(vec![
            cell(&["ỦY BAN NHÂN DÂN", "PHƯỜNG AN PHÚ"]),
            cell(&[
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "Độc lập - Tự do - Hạnh phúc",
            ]),
        ]),
        TableRow::new(vec![
            cell(&["Số: 15/KH-UBND"]),
            cell(&["An Phú, ngày 10 tháng 4 năm 2026"]),
        ]),
    ]);
    let signature = Table::new(vec![TableRow::new(vec![
        cell(&["Nơi nhận:", "- UBND thành phố (b/c);", "- Lưu: VT."]),
        cell(&["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "Trần Thị Mai"]),
    ])]);
    let docx = Docx::new()
        .add_table(header)
        .add_paragraph(para("KẾ HOẠCH"))
        .add_paragraph(para("Tổ chức Tháng hành động vì trẻ em năm 2026"))
        .add_paragraph(para("I. TỔ CHỨC THỰC HIỆN"))
        .add_paragraph(para("1. Công an phường"))
        .add_paragraph(para("- Bảo đảm an toàn cho trẻ em."))
        .add_table(signature);
    let mut bytes = Vec::new();
    docx.build().pack(&mut Cursor::new(&mut bytes)).unwrap();
    let imported = import(
        Path::new("tre-em.docx"),
        &bytes,
        &SiteData::default().context(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let plan = &imported.plan;
    assert_eq!(imported.parsed.issuer, ["ỦY BAN NHÂN DÂN", "PHƯỜNG AN PHÚ"]);
    assert_eq!(
        (plan.number.as_str(), plan.symbol.as_str()),
        ("15", "KH-UBND")
    );
    assert_eq!(plan.place, "An Phú");
    assert_eq!(plan.date.day, Some(10));
    assert_eq!(plan.subject, "Tổ chức Tháng hành động vì trẻ em năm 2026");
    assert_eq!(plan.recipients, ["UBND thành phố (b/c);", "Lưu: VT."]);
    assert_eq!(plan.signer.authority, ["TM. ỦY BAN NHÂN DÂN"]);
    assert_eq!(plan.signer.title, "CHỦ TỊCH");
    assert_eq!(plan.signer.name, "Trần Thị Mai");
    assert_eq!(plan.assignments[0].unit_name, "Công an phường");
    assert!(
        imported.parsed.unplaced.is_empty(),
        "{:?}",
        imported.parsed.unplaced
    );
}

/// Text inside content controls (forms, templates) is read like any other paragraph.
#[test]
fn text_in_content_controls_is_not_lost() {
    let para = |t: &str| Paragraph::new().add_run(Run::new().add_text(t));
    let docx = Docx::new()
        .add_paragraph(para("Số: /KH-UBND"))
        .add_paragraph(para("KẾ HOẠCH"))
        .add_structured_data_tag(
            docx_rs::StructuredDataTag::new()
                .add_paragraph(para("Phòng chống đuối nước cho trẻ em")),
        )
        .add_paragraph(para("I. NỘI DUNG"))
        .add_structured_data_tag(
            docx_rs::StructuredDataTag::new()
                .add_paragraph(para("- Dạy bơi miễn phí cho trẻ em từ 6 đến 15 tuổi.")),
        );
    let mut bytes = Vec::new();
    docx.build().pack(&mut Cursor::new(&mut bytes)).unwrap();
    let imported = import(
        Path::new("duoi-nuoc.docx"),
        &bytes,
        &SiteData::default().context(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(imported.plan.subject, "Phòng chống đuối nước cho trẻ em");
    assert!(
        imported
            .text
            .contains("- Dạy bơi miễn phí cho trẻ em từ 6 đến 15 tuổi.")
    );
}
