//! `loa import` on Word files as offices write them: numbering carried by styles, whole
//! paragraphs, text boxes, symbols, tracked changes, notes, headers, images, merged and nested
//! tables, the three real plans rebuilt in Word with style numbering, and broken files.

mod common;

use std::path::Path;

use common::word::{
    HEADING_1, HEADING_2, LETTER, LIST_BULLET, LIST_BULLET_2, UNIT, docx_from_text, pack, para,
    parts, patch, replace_paragraph, styled, styled_docx, zip_parts,
};
use docx_rs::{
    Docx, Footnote, Header, NumberingId, NumberingProperty, Paragraph, Run, Sym, Table, TableCell,
    TableRow, VMergeType,
};
use loa::import::parse::Block;
use loa::import::{Imported, SiteData, import};

fn import_docx(name: &str, bytes: &[u8]) -> Imported {
    import(Path::new(name), bytes, &SiteData::default().context()).unwrap_or_else(|e| panic!("{e}"))
}

fn warnings(imported: &Imported) -> Vec<String> {
    imported.warnings.iter().map(ToString::to_string).collect()
}

/// The header every fixture starts with.
fn header(docx: Docx) -> Docx {
    docx.add_paragraph(para("Số: 21/KH-UBND"))
        .add_paragraph(para("An Phú, ngày 04 tháng 3 năm 2026"))
        .add_paragraph(para("KẾ HOẠCH"))
        .add_paragraph(para("Chăm sóc người cao tuổi năm 2026"))
        .add_paragraph(para("Căn cứ Luật Người cao tuổi năm 2009."))
}

fn parts_of(imported: &Imported) -> Vec<String> {
    imported
        .parsed
        .body
        .iter()
        .filter_map(|b| match b {
            Block::Part { numeral, title, .. } => Some(format!("{numeral}. {title}")),
            _ => None,
        })
        .collect()
}

fn units(imported: &Imported) -> Vec<(String, Vec<String>)> {
    imported
        .plan
        .assignments
        .iter()
        .map(|a| {
            (
                a.unit_name.clone(),
                a.duties.iter().map(|d| d.plain.clone()).collect(),
            )
        })
        .collect()
}

#[test]
fn numbering_from_styles_gives_parts_units_duties_and_targets() {
    // No paragraph carries its own w:numPr: every number comes from styles.xml.
    let docx = header(styled_docx())
        .add_paragraph(styled(HEADING_1, "MỤC ĐÍCH, YÊU CẦU"))
        .add_paragraph(styled(HEADING_2, "Mục đích"))
        .add_paragraph(para(
            "Chăm lo đời sống vật chất và tinh thần của người cao tuổi.",
        ))
        .add_paragraph(styled(HEADING_2, "Yêu cầu"))
        .add_paragraph(styled(LIST_BULLET, "Bảo đảm đúng đối tượng."))
        .add_paragraph(styled(HEADING_1, "CHỈ TIÊU"))
        .add_paragraph(styled(
            LIST_BULLET,
            "Tỷ lệ người cao tuổi được khám sức khỏe định kỳ đạt 95%.",
        ))
        .add_paragraph(styled(HEADING_1, "TỔ CHỨC THỰC HIỆN"))
        .add_paragraph(styled(UNIT, "Trạm Y tế phường"))
        .add_paragraph(styled(LIST_BULLET, "Khám sức khỏe cho người cao tuổi."))
        .add_paragraph(styled(LIST_BULLET_2, "ưu tiên người trên 80 tuổi;"))
        .add_paragraph(styled(LIST_BULLET, "Lập hồ sơ theo dõi sức khỏe."))
        .add_paragraph(styled(UNIT, "Công an phường"))
        .add_paragraph(styled(LETTER, "Bảo đảm an ninh trật tự;"))
        .add_paragraph(styled(LETTER, "Phối hợp rà soát đối tượng;"))
        .add_paragraph(styled(LETTER, "Tuyên truyền phòng chống lừa đảo;"))
        .add_paragraph(styled(LETTER, "Hỗ trợ làm căn cước;"))
        .add_paragraph(styled(LETTER, "Báo cáo kết quả về UBND phường."))
        .add_paragraph(styled(UNIT, "Đề nghị Hội Người cao tuổi phường"))
        .add_paragraph(styled(LIST_BULLET, "Vận động hội viên tham gia."))
        .add_paragraph(para(
            "Trên đây là Kế hoạch chăm sóc người cao tuổi năm 2026./.",
        ));
    let imported = import_docx("nguoi-cao-tuoi.docx", &pack(docx));
    let text = &imported.text;
    assert_eq!(
        parts_of(&imported),
        [
            "I. MỤC ĐÍCH, YÊU CẦU",
            "II. CHỈ TIÊU",
            "III. TỔ CHỨC THỰC HIỆN"
        ],
        "{text}"
    );
    // `1.`/`2.` under part I come from the outline list's second level (Heading 2).
    assert!(text.contains("### 1. Mục đích"), "{text}");
    assert!(text.contains("### 2. Yêu cầu"), "{text}");
    let units = units(&imported);
    let names: Vec<&str> = units.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "Trạm Y tế phường",
            "Công an phường",
            "Hội Người cao tuổi phường"
        ],
        "{text}"
    );
    // The lettered items stay the unit's duties, in Vietnamese letter order (đ after d).
    assert!(
        text.contains("đ) Báo cáo kết quả về UBND phường."),
        "{text}"
    );
    assert!(text.contains("a) Bảo đảm an ninh trật tự;"), "{text}");
    assert!(!text.contains("Công an phường a)"), "{text}");
    assert!(!units[1].1.is_empty(), "{units:?}");
    assert!(
        units[1].1.iter().any(|d| d.contains("Báo cáo kết quả")),
        "{units:?}"
    );
    // List Bullet 2 (basedOn List Bullet, level 1) gives `+`.
    assert!(text.contains("+ ưu tiên người trên 80 tuổi;"), "{text}");
    assert!(imported.plan.assignments[2].requested);
    assert_eq!(imported.plan.targets.len(), 1, "{text}");
    assert_eq!(imported.plan.targets[0].value, Some(95.0));
    assert!(
        imported.parsed.unplaced.is_empty(),
        "{:?}",
        imported.parsed.unplaced
    );
}

#[test]
fn numbering_switched_off_restarted_and_overridden() {
    // numId 0 on the paragraph switches its style's bullet off; a second instance of the
    // outline list with w:startOverride starts part numbers at III.
    let mut off = styled(LIST_BULLET, "Không còn gạch đầu dòng.");
    off.property = off
        .property
        .numbering_property(NumberingProperty::new().id(NumberingId::new(0)));
    let mut third = styled(HEADING_1, "KINH PHÍ");
    third.property = third
        .property
        .numbering_property(NumberingProperty::new().id(NumberingId::new(55)));
    let docx = header(styled_docx())
        .add_numbering(
            docx_rs::Numbering::new(55, 10).add_override(docx_rs::LevelOverride::new(0).start(3)),
        )
        .add_paragraph(styled(HEADING_1, "MỤC ĐÍCH"))
        .add_paragraph(off)
        .add_paragraph(third)
        .add_paragraph(styled(HEADING_2, "Ngân sách phường"));
    let imported = import_docx("kinh-phi.docx", &pack(docx));
    let text = &imported.text;
    assert!(text.contains("\nKhông còn gạch đầu dòng.\n"), "{text}");
    assert_eq!(
        parts_of(&imported),
        ["I. MỤC ĐÍCH", "III. KINH PHÍ"],
        "{text}"
    );
    assert!(text.contains("1. Ngân sách phường"), "{text}");
}

/// The three real plans, rebuilt in Word with style numbering, give the plan their text gives.
#[test]
fn the_real_plans_in_word_give_the_same_plan_as_their_text() {
    for name in [
        "ke-hoach-an-sinh-xa-hoi-binh-phuoc-2026.txt",
        "ke-hoach-bao-tro-xa-hoi-ngoc-lien-2026.txt",
        "ke-hoach-tro-giup-xa-hoi-luu-kiem-2026.txt",
    ] {
        let text = std::fs::read_to_string(
            common::example_root()
                .join("tests/fixtures/documents")
                .join(name),
        )
        .unwrap();
        let from_text = import_docx(name, text.as_bytes());
        let word = docx_from_text(&text);
        // The numbers come from Word's styles, not typed.
        assert!(
            word.style_numbered >= 10 && word.typed * 10 <= word.style_numbered,
            "{name}: {} style-numbered, {} typed",
            word.style_numbered,
            word.typed
        );
        let from_word = import_docx(&name.replace(".txt", ".docx"), &word.bytes);
        assert_eq!(parts_of(&from_word), parts_of(&from_text), "{name}");
        assert_eq!(units(&from_word), units(&from_text), "{name}");
        let targets = |i: &Imported| -> Vec<(String, Option<f64>)> {
            i.plan
                .targets
                .iter()
                .map(|t| (t.text.plain.clone(), t.value))
                .collect()
        };
        assert_eq!(targets(&from_word), targets(&from_text), "{name}");
        assert_eq!(from_word.plan.subject, from_text.plan.subject, "{name}");
        assert_eq!(from_word.plan.signer, from_text.plan.signer, "{name}");
        assert_eq!(
            from_word.plan.recipients, from_text.plan.recipients,
            "{name}"
        );
        assert!(!parts_of(&from_word).is_empty(), "{name}");
        if name.contains("binh-phuoc") {
            // Italics inside a sentence are kept as Markdown emphasis; a part title in a bold
            // style is a part, without marks.
            assert!(
                from_word
                    .text
                    .contains("(*trường học thông minh, trường học số, trường học hạnh phúc*)"),
                "{}",
                from_word.text
            );
            assert!(from_word.text.contains("\n## II. MỤC TIÊU\n"));
        }
    }
}

#[test]
fn headings_given_by_their_style_alone_are_parts_and_items() {
    // Word's default template: `Heading 1` and `Heading 2` carry an outline level and no list,
    // so Word shows them unnumbered; the units are `Heading 2` paragraphs too. One part keeps
    // the numeral typed in its text.
    let heading = |id: &str, name: &str, level: usize| {
        docx_rs::Style::new(id, docx_rs::StyleType::Paragraph)
            .name(name)
            .outline_lvl(level)
    };
    let docx = header(
        Docx::new()
            .add_style(heading("Heading1", "heading 1", 0))
            .add_style(heading("Heading2", "heading 2", 1)),
    )
    .add_paragraph(styled("Heading1", "MỤC ĐÍCH, YÊU CẦU"))
    .add_paragraph(styled("Heading2", "Mục đích"))
    .add_paragraph(para("Chăm lo đời sống của người cao tuổi."))
    .add_paragraph(styled("Heading1", "II. NỘI DUNG"))
    .add_paragraph(para("Tổ chức mừng thọ người cao tuổi."))
    .add_paragraph(styled("Heading1", "TỔ CHỨC THỰC HIỆN"))
    .add_paragraph(styled("Heading2", "Phòng Văn hóa - Xã hội phường"))
    .add_paragraph(para("- Lập danh sách người cao tuổi;"))
    .add_paragraph(para("- Tham mưu tổ chức trao quà."))
    .add_paragraph(styled("Heading2", "Trạm Y tế phường"))
    .add_paragraph(para("- Khám sức khỏe cho người cao tuổi."));
    let imported = import_docx("tieu-de.docx", &pack(docx));
    assert_eq!(
        parts_of(&imported),
        [
            "I. MỤC ĐÍCH, YÊU CẦU",
            "II. NỘI DUNG",
            "III. TỔ CHỨC THỰC HIỆN"
        ],
        "{}",
        imported.text
    );
    assert!(
        imported.text.contains("### 1. Mục đích"),
        "{}",
        imported.text
    );
    assert_eq!(
        units(&imported),
        [
            (
                "Phòng Văn hóa - Xã hội phường".to_owned(),
                vec![
                    "Lập danh sách người cao tuổi;".to_owned(),
                    "Tham mưu tổ chức trao quà.".to_owned()
                ]
            ),
            (
                "Trạm Y tế phường".to_owned(),
                vec!["Khám sức khỏe cho người cao tuổi.".to_owned()]
            ),
        ]
    );
}

#[test]
fn word_paragraphs_are_never_rejoined() {
    // Two paragraphs a text export would take for one cut by a page break: the first stops
    // mid-sentence, the second starts in lowercase. In Word they are two paragraphs.
    let docx = header(styled_docx())
        .add_paragraph(styled(HEADING_1, "NỘI DUNG"))
        .add_paragraph(para("Các nội dung thực hiện trong năm gồm"))
        .add_paragraph(para("chăm sóc sức khỏe, tặng quà và tổ chức mừng thọ."))
        .add_paragraph(styled(LIST_BULLET, "Tổ chức khám sức khỏe cho"))
        .add_paragraph(para("người cao tuổi ở các tổ dân phố."));
    let imported = import_docx("doan.docx", &pack(docx));
    let text = &imported.text;
    assert!(
        text.contains("Các nội dung thực hiện trong năm gồm\n\nchăm sóc sức khỏe"),
        "{text}"
    );
    assert!(
        text.contains("- Tổ chức khám sức khỏe cho\n\nngười cao tuổi"),
        "{text}"
    );
    assert!(imported.parsed.joined.is_empty());
}

/// A paragraph anchoring a DrawingML text box (Word 2010+), with the VML fallback Word writes
/// beside it: the text must be read once.
fn drawing_text_box(anchor: &str, inside: &str) -> String {
    format!(
        r#"<w:p><w:r><w:t xml:space="preserve">{anchor}</w:t></w:r><w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="wps"><w:drawing><wp:anchor xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:txbx><w:txbxContent><w:p><w:r><w:t>{inside}</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent><w:p><w:r><w:t>{inside}</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"#
    )
}

/// A VML text box only (Word 2003-2007 files).
fn vml_text_box(inside: &str) -> String {
    format!(
        r#"<w:p><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent><w:p><w:r><w:t>{inside}</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>"#
    )
}

#[test]
fn text_boxes_symbols_hyphens_tabs_and_breaks_are_kept() {
    let docx = styled_docx()
        .add_paragraph(para("@@STAMP@@"))
        .add_paragraph(para("Số: 21/KH-UBND"))
        .add_paragraph(para("An Phú, ngày 04 tháng 3 năm 2026"))
        .add_paragraph(para("KẾ HOẠCH"))
        .add_paragraph(para("Chăm sóc người cao tuổi giai đoạn 2026-2030"))
        .add_paragraph(para("@@NOTE@@"))
        .add_paragraph(styled(HEADING_1, "CHỈ TIÊU"))
        .add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text("- Tỷ lệ hộ nghèo "))
                .add_run(Run::new().add_sym(Sym::new("Symbol", "F0A3")))
                .add_run(Run::new().add_text(" 1% giai đoạn 2026@@NBH@@2030; tuổi thọ "))
                .add_run(Run::new().add_sym(Sym::new("Symbol", "F0B3")))
                .add_run(Run::new().add_text(" 75 tuổi."))
                .add_run(Run::new().add_sym(Sym::new("Wingdings", "F001"))),
        )
        .add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_sym(Sym::new("Symbol", "F0B7")))
                .add_run(
                    Run::new()
                        .add_tab()
                        .add_text("Người cao tuổi được chúc thọ@@SOFT@@."),
                )
                .add_run(
                    Run::new()
                        .add_break(docx_rs::BreakType::TextWrapping)
                        .add_text("Tổ chức tại nhà văn hóa."),
                ),
        );
    let bytes = pack(docx);
    let bytes = replace_paragraph(
        &bytes,
        "@@NOTE@@",
        &drawing_text_box(
            "Ghi chú:",
            "Kế hoạch này thay thế Kế hoạch số 09/KH-UBND ngày 10/01/2025.",
        ),
    );
    let bytes = replace_paragraph(&bytes, "@@STAMP@@", &vml_text_box("DỰ THẢO"));
    let bytes = patch(&bytes, "word/document.xml", |d| {
        d.replace(
            "@@NBH@@",
            r#"</w:t><w:noBreakHyphen/><w:t xml:space="preserve">"#,
        )
        .replace(
            "@@SOFT@@",
            r#"</w:t><w:softHyphen/><w:t xml:space="preserve">"#,
        )
    });
    let imported = import_docx("ghi-chu.docx", &bytes);
    let text = &imported.text;
    // The text box is read once, after its anchor paragraph.
    assert_eq!(
        text.matches("Kế hoạch này thay thế Kế hoạch số 09/KH-UBND")
            .count(),
        1,
        "{text}"
    );
    // The stamp is named, not read as the issuing body.
    assert!(!text.contains("DỰ THẢO"), "{text}");
    assert!(
        text.contains("Tỷ lệ hộ nghèo ≤ 1% giai đoạn 2026-2030; tuổi thọ ≥ 75 tuổi."),
        "{text}"
    );
    // `•` from the Symbol font is a bullet; the soft hyphen leaves no trace.
    assert!(text.contains("- Người cao tuổi được chúc thọ."), "{text}");
    assert!(text.contains("Tổ chức tại nhà văn hóa."), "{text}");
    assert!(!text.contains("20262030"), "{text}");
    let warnings = warnings(&imported);
    // Located at the paragraph holding them.
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with("ghi-chu.docx:6:1:") && w.contains("Khung văn bản")),
        "{warnings:#?}"
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with("ghi-chu.docx:1:1:") && w.contains("Dấu «DỰ THẢO»")),
        "{warnings:#?}"
    );
    assert!(
        warnings.iter().any(|w| w.starts_with("ghi-chu.docx:8:1:")
            && w.contains("Wingdings")
            && w.contains("F001")),
        "{warnings:#?}"
    );
    assert_eq!(
        imported.plan.subject,
        "Chăm sóc người cao tuổi giai đoạn 2026-2030"
    );
}

#[test]
fn tracked_changes_notes_headers_and_images() {
    let mut note = Footnote::new();
    note = note.add_content(para("Theo số liệu rà soát tháng 12/2025."));
    let docx = header(styled_docx())
        .header(Header::new().add_paragraph(para("DỰ THẢO LẦN 2")))
        .add_paragraph(styled(HEADING_1, "NỘI DUNG"))
        .add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text("Toàn phường có "))
                .add_delete(docx_rs::Delete::new().add_run(Run::new().add_delete_text("1.200 ")))
                .add_insert(docx_rs::Insert::new(Run::new().add_text("1.250 ")))
                .add_run(Run::new().add_text("người cao tuổi"))
                .add_run(Run::new().add_footnote_reference(note))
                .add_run(Run::new().add_text(".")),
        )
        .add_paragraph(para("@@IMAGE@@"))
        .add_paragraph(para("Trên đây là Kế hoạch./."));
    let bytes = pack(docx);
    let bytes = replace_paragraph(
        &bytes,
        "@@IMAGE@@",
        r#"<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData><pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:blipFill><a:blip xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:embed="rIdSoDo"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"#,
    );
    let bytes = patch(&bytes, "word/_rels/document.xml.rels", |r| {
        r.replace(
            "</Relationships>",
            r#"<Relationship Id="rIdSoDo" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/so-do-to-chuc.png"/></Relationships>"#,
        )
    });
    let imported = import_docx("theo-doi.docx", &bytes);
    let text = &imported.text;
    assert!(
        text.contains("Toàn phường có 1.250 người cao tuổi(1)."),
        "{text}"
    );
    assert!(!text.contains("1.200"), "{text}");
    assert!(
        text.contains("(1) Theo số liệu rà soát tháng 12/2025."),
        "{text}"
    );
    let warnings = warnings(&imported);
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("so-do-to-chuc.png") && w.starts_with("theo-doi.docx:8:1:")),
        "{warnings:#?}"
    );
    assert!(
        warnings.iter().any(|w| w.contains("DỰ THẢO LẦN 2")),
        "{warnings:#?}"
    );
    assert!(
        warnings.iter().any(|w| w.contains("Track Changes")),
        "{warnings:#?}"
    );
}

fn cell(text: &str) -> TableCell {
    TableCell::new().add_paragraph(para(text))
}

#[test]
fn tables_with_merged_cells_and_several_paragraphs() {
    let table = Table::new(vec![
        TableRow::new(vec![
            cell("TT"),
            cell("Chỉ tiêu"),
            cell("Đơn vị tính"),
            cell("Năm 2026"),
        ]),
        TableRow::new(vec![
            cell("1"),
            TableCell::new()
                .add_paragraph(para("Người cao tuổi được khám sức khỏe"))
                .add_paragraph(para("trong đó trên 80 tuổi")),
            cell("%").vertical_merge(VMergeType::Restart),
            cell("95"),
        ]),
        TableRow::new(vec![
            cell("2"),
            cell("Người cao tuổi có thẻ bảo hiểm y tế"),
            TableCell::new().vertical_merge(VMergeType::Continue),
            cell("100"),
        ]),
        TableRow::new(vec![
            cell("Ghi chú: số liệu năm 2025").grid_span(3),
            cell(""),
        ]),
        TableRow::new(vec![
            cell("3"),
            TableCell::new().add_table(Table::new(vec![TableRow::new(vec![
                cell("Nam"),
                cell("Nữ"),
            ])])),
            cell("người"),
            cell("40"),
        ]),
    ]);
    let docx = header(styled_docx())
        .add_paragraph(styled(HEADING_1, "CHỈ TIÊU"))
        .add_table(table);
    let imported = import_docx("bang.docx", &pack(docx));
    let text = &imported.text;
    assert!(
        text.contains("| 1 | Người cao tuổi được khám sức khỏe; trong đó trên 80 tuổi | % | 95 |"),
        "{text}"
    );
    // The merged unit cell repeats down; the spanned row stays four cells wide.
    assert!(
        text.contains("| 2 | Người cao tuổi có thẻ bảo hiểm y tế | % | 100 |"),
        "{text}"
    );
    assert!(
        text.contains("| Ghi chú: số liệu năm 2025 |  |  |  |"),
        "{text}"
    );
    assert!(text.contains("| 3 | Nam Nữ | người | 40 |"), "{text}");
    let warnings = warnings(&imported);
    assert!(
        warnings.iter().any(|w| w.contains("Bảng lồng")),
        "{warnings:#?}"
    );
    let values: Vec<Option<f64>> = imported.plan.targets.iter().map(|t| t.value).collect();
    assert!(
        values.contains(&Some(95.0)) && values.contains(&Some(100.0)),
        "{text}"
    );
}

/// Tables nested 200 deep (a hostile or broken file; written by hand, docx-rs's writer
/// itself recurses): flattened with a warning, no stack overflow.
#[test]
fn tables_nested_200_deep_are_flattened() {
    let bytes = pack(
        header(styled_docx())
            .add_paragraph(styled(HEADING_1, "NỘI DUNG"))
            .add_paragraph(para("@@DEEP@@")),
    );
    let cell = |t: &str| format!("<w:tc><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>");
    let mut deep = format!(
        "<w:tbl><w:tr>{}{}</w:tr></w:tbl>",
        cell("tầng cuối"),
        cell("x")
    );
    for depth in 0..200 {
        deep = format!(
            "<w:tbl><w:tr><w:tc>{deep}<w:p/></w:tc>{}</w:tr></w:tbl>",
            cell(&format!("tầng {depth}"))
        );
    }
    let bytes = replace_paragraph(&bytes, "@@DEEP@@", &deep);
    let imported = import_docx("long.docx", &bytes);
    assert!(imported.text.contains("tầng cuối"), "{}", imported.text);
    assert!(
        imported.text.contains("| tầng cuối x tầng 0"),
        "{}",
        imported.text
    );
    let warnings = warnings(&imported);
    assert!(
        warnings.iter().any(|w| w.contains("Bảng lồng")),
        "{warnings:#?}"
    );
}

/// Content controls nested 50,000 deep, written by hand.
#[test]
fn deep_content_controls_are_flattened() {
    let bytes = pack(header(styled_docx()).add_paragraph(para("@@DEEP@@")));
    let depth = 50_000;
    let deep = format!(
        "{}<w:p><w:r><w:t>Nội dung sâu</w:t></w:r></w:p>{}",
        "<w:sdt><w:sdtContent>".repeat(depth),
        "</w:sdtContent></w:sdt>".repeat(depth)
    );
    let bytes = replace_paragraph(&bytes, "@@DEEP@@", &deep);
    let imported = import_docx("sau.docx", &bytes);
    assert!(imported.text.contains("Nội dung sâu"), "{}", imported.text);
    assert!(
        warnings(&imported)
            .iter()
            .any(|w| w.contains("quá 24 tầng"))
    );
}

fn import_error(name: &str, bytes: &[u8]) -> String {
    match import(Path::new(name), bytes, &SiteData::default().context()) {
        Ok(_) => panic!("{name} imported"),
        Err(e) => {
            assert_eq!(e.code, "import_docx_invalid", "{e}");
            e.to_string()
        }
    }
}

/// Broken packages are located errors, quickly (a truncated part once spun forever).
#[test]
fn broken_word_files_are_located_errors() {
    let corpus = common::example_root().join("tests/fixtures/import-corpus/truncated.docx");
    let error = import_error("truncated.docx", &std::fs::read(corpus).unwrap());
    assert!(
        error.starts_with("truncated.docx:1:1: lỗi: Tệp Word không đọc được"),
        "{error}"
    );

    let good = pack(header(styled_docx()).add_paragraph(styled(HEADING_1, "NỘI DUNG")));
    // document.xml cut in the middle, inside a sound zip.
    let cut = patch(&good, "word/document.xml", |d| d[..d.len() / 2].to_owned());
    let error = import_error("cat-ngang.docx", &cut);
    assert!(error.contains("word/document.xml"), "{error}");
    // Not XML at all.
    let garbage = patch(&good, "word/document.xml", |_| {
        "\u{0}\u{1}PK<<<&&&".to_owned()
    });
    assert!(import_error("rac.docx", &garbage).contains("word/document.xml"));
    // A broken styles.xml is named too.
    let styles = patch(&good, "word/styles.xml", |s| s.replace("</w:styles>", ""));
    assert!(import_error("kieu.docx", &styles).contains("word/styles.xml"));
    // No document part.
    let mut all = parts(&good);
    all.retain(|(name, _)| name != "word/document.xml");
    assert!(import_error("thieu.docx", &zip_parts(&all)).contains("word/document.xml"));
    // The zip cut short.
    let short = &good[..good.len() * 2 / 3];
    let error = import_error("ngan.docx", short);
    assert!(error.starts_with("ngan.docx:1:1:"), "{error}");
}

/// A `basedOn` loop and a numbering instance pointing nowhere do not hang or panic.
#[test]
fn style_loops_and_dangling_lists_are_read() {
    let good = pack(
        header(styled_docx())
            .add_paragraph(styled(HEADING_1, "NỘI DUNG"))
            .add_paragraph(styled(LIST_BULLET, "Một việc."))
            .add_paragraph(styled("KhongCo", "Kiểu không tồn tại.")),
    );
    let looped = patch(&good, "word/styles.xml", |s| {
        s.replace(
            "</w:styles>",
            r#"<w:style w:type="paragraph" w:styleId="A"><w:basedOn w:val="B"/></w:style><w:style w:type="paragraph" w:styleId="B"><w:basedOn w:val="A"/></w:style></w:styles>"#,
        )
    });
    let looped = patch(&looped, "word/document.xml", |d| {
        d.replacen(
            "<w:p>",
            r#"<w:p><w:pPr><w:pStyle w:val="A"/><w:numPr><w:numId w:val="999"/></w:numPr></w:pPr>"#,
            1,
        )
    });
    let imported = import_docx("vong.docx", &looped);
    assert!(imported.text.contains("- Một việc."), "{}", imported.text);
    assert!(
        imported.text.contains("Kiểu không tồn tại."),
        "{}",
        imported.text
    );
}

/// The broken files kept in tests/fixtures/import-corpus/ (the fuzz test runs them too).
#[test]
fn the_kept_broken_word_files() {
    let read = |name: &str| {
        std::fs::read(
            common::example_root()
                .join("tests/fixtures/import-corpus")
                .join(name),
        )
        .unwrap()
    };
    let error = import_error("document-xml-cut.docx", &read("document-xml-cut.docx"));
    assert!(error.contains("word/document.xml"), "{error}");
    let error = import_error("no-document-part.docx", &read("no-document-part.docx"));
    assert!(error.contains("word/document.xml"), "{error}");
    let deep = import_docx("tables-200-deep.docx", &read("tables-200-deep.docx"));
    assert!(deep.text.contains("tầng cuối"), "{}", deep.text);
    let looped = import_docx(
        "styles-based-on-loop.docx",
        &read("styles-based-on-loop.docx"),
    );
    assert!(looped.text.contains("Một việc."), "{}", looped.text);
}

#[test]
fn a_word_file_typed_in_an_old_font_is_refused_at_its_paragraph() {
    // In a .VnTime document Word stores each TCVN3 byte as the Latin-1 character of that byte:
    // `Kế hoạch` is kept as `KÕ ho¹ch`, which Word shows right only in that font.
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/documents/ke-hoach-tro-giup-xa-hoi-luu-kiem-2026.txt"),
    )
    .unwrap();
    let mut docx = Docx::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let vntime: String = loa::import::decode::encode_tcvn3(line)
            .into_iter()
            .map(char::from)
            .collect();
        docx = docx.add_paragraph(para(&vntime));
    }
    let Err(error) = import(
        Path::new("vntime.docx"),
        &pack(docx),
        &SiteData::default().context(),
    ) else {
        panic!("a .VnTime document was imported");
    };
    let shown = error.to_string();
    assert!(shown.starts_with("vntime.docx:"), "{shown}");
    assert!(
        shown.contains("Chữ trong tệp Word không ra tiếng Việt") && shown.contains(".VnTime"),
        "{shown}"
    );
}
