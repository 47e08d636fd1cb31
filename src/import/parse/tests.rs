//! Unit tests of the parser on small documents.

use super::*;
use crate::import::lines::lines;

#[test]
fn header_of_a_cong_van() {
    let text = "ỦY BAN NHÂN DÂN\nPHƯỜNG A\nSố: 12/UBND-VHXH\nV/v triển khai\ntháng hành động\n\nA, ngày 05 tháng 3 năm 2026\n\nKính gửi:\n- Trạm Y tế phường;\n- Công an phường.\n\nThực hiện ...\n\n1. Trạm Y tế phường: chủ trì khám.\n\n2. Công an phường\n\n- Phối hợp.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Văn An";
    let p = parse(lines(text));
    assert_eq!(p.doc_type, Some(DocType::OfficialLetter));
    assert_eq!(p.number, "12");
    assert_eq!(p.symbol, "UBND-VHXH");
    assert_eq!(p.subject.as_deref(), Some("triển khai tháng hành động"));
    assert_eq!(p.date.as_deref(), Some("2026-03-05"));
    assert_eq!(p.place.as_deref(), Some("A"));
    assert_eq!(p.addressees, ["Trạm Y tế phường;", "Công an phường."]);
    assert_eq!(p.issuer, ["ỦY BAN NHÂN DÂN", "PHƯỜNG A"]);
    assert_eq!(p.recipients, ["Như trên;", "Lưu: VT."]);
    assert_eq!(p.authority, ["KT. CHỦ TỊCH"]);
    assert_eq!(p.signer_title.as_deref(), Some("PHÓ CHỦ TỊCH"));
    assert_eq!(p.signer_name.as_deref(), Some("Nguyễn Văn An"));
    assert!(p.unplaced.is_empty(), "{:?}", p.unplaced);
    assert!(matches!(&p.body[1], Block::Item { title, .. } if title == "Trạm Y tế phường"));
}

#[test]
fn draft_headers_with_dots_and_names_in_capitals() {
    let text = "Số: ......./KH-UBND\nPhú Lâm, ngày ..... tháng ..... năm 2026\nỦY BAN NHÂN DÂN\nKẾ HOẠCH\nX\n\nI. NỘI DUNG\n\n• Việc một.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNGUYỄN THỊ LAN";
    let p = parse(lines(text));
    assert_eq!(p.symbol, "KH-UBND");
    assert_eq!(p.number, "");
    assert_eq!(p.place.as_deref(), Some("Phú Lâm"));
    assert_eq!(p.date.as_deref(), Some("2026"));
    assert_eq!(p.issuer, ["ỦY BAN NHÂN DÂN"]);
    assert!(matches!(&p.body[1], Block::Bullet { text, .. } if text == "Việc một."));
    assert_eq!(p.signer_title.as_deref(), Some("CHỦ TỊCH"));
    assert_eq!(p.signer_name.as_deref(), Some("NGUYỄN THỊ LAN"));
    assert!(p.unplaced.is_empty(), "{:?}", p.unplaced);
}

#[test]
fn bulleted_units_in_the_implementation_part() {
    let text = "KẾ HOẠCH\nX\n\nII. TỔ CHỨC THỰC HIỆN\n\n- Phòng Văn hóa - Xã hội: chủ trì, tham mưu.\n\n- Công an phường: bảo đảm an ninh.\n\n- Đề nghị Ủy ban MTTQ phường: vận động Nhân dân.\n\n- Thời gian: cả năm 2026.";
    let p = parse(lines(text));
    let units: Vec<&str> = p
        .body
        .iter()
        .filter_map(|b| match b {
            Block::Item { title, .. } => Some(title.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(
        units,
        [
            "Phòng Văn hóa - Xã hội",
            "Công an phường",
            "Đề nghị Ủy ban MTTQ phường"
        ]
    );
    assert!(
        matches!(p.body.last(), Some(Block::Bullet { text, .. }) if text == "Thời gian: cả năm 2026.")
    );
}

#[test]
fn date_lines_in_other_forms() {
    let p = parse(lines(
        "Số: 3/KH-UBND\nHà Đông, ngày 04/3/2026\nKẾ HOẠCH\nX\n\nI. A\n\n- B.",
    ));
    assert_eq!(p.date.as_deref(), Some("2026-03-04"));
    assert_eq!(p.place.as_deref(), Some("Hà Đông"));
    let p = parse(lines(
        "Số: 3/KH-UBND\nHà Đông, tháng 9 năm 2026\nKẾ HOẠCH\nX\n\nI. A\n\n- B.",
    ));
    assert_eq!(p.date.as_deref(), Some("2026-09"));
}

#[test]
fn party_style_symbols() {
    let p = parse(lines("Số 42-KH/ĐU\nKẾ HOẠCH\nX\n\nI. NỘI DUNG\n\n- Một."));
    assert_eq!((p.number.as_str(), p.symbol.as_str()), ("42", "KH/ĐU"));
}

#[test]
fn hand_wrapped_paragraphs_are_joined() {
    let text = "KẾ HOẠCH\nX\n\nI. NỘI DUNG\n\n1. Việc một về trợ\ngiúp xã hội\n\n- Phát triển kinh tế\n- xã hội; bảo đảm\nan sinh.\n\n- Bố trí cán bộ.";
    let p = parse(lines(text));
    assert!(
        matches!(&p.body[1], Block::Item { title, .. } if title == "Việc một về trợ giúp xã hội")
    );
    assert!(
        matches!(&p.body[2], Block::Bullet { text, .. } if text == "Phát triển kinh tế - xã hội; bảo đảm an sinh.")
    );
    assert!(matches!(&p.body[3], Block::Bullet { text, .. } if text == "Bố trí cán bộ."));
}

#[test]
fn page_break_rejoined() {
    let text = "KẾ HOẠCH\nX\n\nI. NỘI DUNG\n\n1. Việc một\n\n- Rà soát các\n\nchính sách, hỗ trợ.\n\n- Bố trí,\n\nHội Khuyến học tham gia.";
    let p = parse(lines(text));
    let bullets: Vec<&str> = p
        .body
        .iter()
        .filter_map(|b| match b {
            Block::Bullet { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(
        bullets,
        [
            "Rà soát các chính sách, hỗ trợ.",
            "Bố trí, Hội Khuyến học tham gia."
        ]
    );
    assert_eq!(p.joined.len(), 2);
}

#[test]
fn target_table_one_cell_per_line() {
    let text = "KẾ HOẠCH\nX\n\nII. CHỈ TIÊU\n\nTT\nNội dung chỉ tiêu\nĐơn vị tính\nNăm 2026\n1\nTỷ lệ người dân tham gia bảo hiểm y tế\n%\n96\n2\nSố phiên giao dịch việc làm\nphiên\n2\n\nIII. TỔ CHỨC THỰC HIỆN";
    let p = parse(lines(text));
    let Block::Table { header, rows, .. } = &p.body[1] else {
        panic!("{:?}", p.body)
    };
    assert_eq!(header.len(), 4);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0][3], "96");
    assert!(matches!(&p.body[2], Block::Part { numeral, .. } if numeral == "III"));
}

#[test]
fn figures_are_not_item_numbers() {
    assert_eq!(numbered("1.500 suất quà"), None);
    assert_eq!(numbered("2.000.000 đồng cho mỗi hộ"), None);
    assert_eq!(
        numbered("100. Hỗ trợ hộ nghèo"),
        Some(("100".to_owned(), "Hỗ trợ hộ nghèo".to_owned()))
    );
    assert_eq!(
        numbered("1.Đối tượng:"),
        Some(("1".to_owned(), "Đối tượng:".to_owned()))
    );
    assert_eq!(
        numbered("1.2. Mục"),
        Some(("1.2".to_owned(), "Mục".to_owned()))
    );
    assert_eq!(
        numbered("1. 500 suất quà"),
        Some(("1".to_owned(), "500 suất quà".to_owned()))
    );
    // In a paragraph wrapped without blank lines, a figure at a line start goes on with it.
    let text = "KẾ HOẠCH\nX\nI. NỘI DUNG\n1. Quà Tết\n- Mỗi suất quà trị giá\n1.500.000 đồng cho\n2.000 hộ.\n2026 là năm đầu tiên.";
    let p = parse(lines(text));
    let texts: Vec<String> = p.body.iter().map(|b| b.line_and_text().1).collect();
    assert_eq!(
        texts,
        [
            "NỘI DUNG",
            "Quà Tết",
            "Mỗi suất quà trị giá 1.500.000 đồng cho 2.000 hộ.",
            "2026 là năm đầu tiên.",
        ]
    );
}

#[test]
fn list_items_and_sentence_ends_are_not_glued() {
    let text = "KẾ HOẠCH\nX\nI. NỘI DUNG\n1. Đối tượng\na) Người có công\nb) Hộ nghèo\n- Việc một\n+ việc nhỏ\nĐoạn văn kết thúc.\nĐoạn khác bắt đầu";
    let p = parse(lines(text));
    let texts: Vec<String> = p.body.iter().map(|b| b.line_and_text().1).collect();
    assert_eq!(
        texts,
        [
            "NỘI DUNG",
            "Đối tượng",
            "a) Người có công",
            "b) Hộ nghèo",
            "Việc một",
            "việc nhỏ",
            "Đoạn văn kết thúc.",
            "Đoạn khác bắt đầu",
        ]
    );
}

#[test]
fn whole_paragraphs_are_never_rejoined() {
    let mut ls = lines("KẾ HOẠCH\nX\n\nI. NỘI DUNG\n\n- Rà soát các\n\nchính sách hỗ trợ.");
    let as_text = parse(ls.clone());
    assert_eq!(as_text.joined.len(), 1);
    for l in &mut ls {
        l.whole = true;
    }
    let p = parse(ls);
    assert!(p.joined.is_empty());
    assert!(
        matches!(&p.body[1], Block::Bullet { text, .. } if text == "Rà soát các"),
        "{:?}",
        p.body
    );
}

#[test]
fn parts_in_every_style() {
    let text = "KẾ HOẠCH\nX\n\nPhần thứ nhất\nMỤC ĐÍCH, YÊU CẦU\n\n- Một.\n\nPHẦN II. NỘI DUNG\n\n- Hai.\n\nPhần 3: KINH PHÍ\n\n- Ba.\n\nChương IV\nTỔ CHỨC THỰC HIỆN\n\n1. Công an phường\n\n- Bốn.";
    let p = parse(lines(text));
    let parts: Vec<(String, String)> = p
        .body
        .iter()
        .filter_map(|b| match b {
            Block::Part { numeral, title, .. } => Some((numeral.clone(), title.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(
        parts,
        [
            ("I".to_owned(), "MỤC ĐÍCH, YÊU CẦU".to_owned()),
            ("II".to_owned(), "NỘI DUNG".to_owned()),
            ("III".to_owned(), "KINH PHÍ".to_owned()),
            ("IV".to_owned(), "TỔ CHỨC THỰC HIỆN".to_owned()),
        ]
    );
}

#[test]
fn headers_wrapped_over_several_lines() {
    let text = "ỦY\nBAN\nNHÂN\nDÂN\nTỈNH THÁI BÌNH\nSố:\n45/KH-UBND\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do -\nHạnh phúc\nThái\nBình, ngày 24\ntháng 4 năm 2025\nKẾ HOẠCH\nTriển khai công tác\nbảo trợ xã hội\n\nThực hiện Luật Người cao tuổi.\n\nI. NỘI DUNG\n\n- Một.";
    let p = parse(lines(text));
    assert_eq!((p.number.as_str(), p.symbol.as_str()), ("45", "KH-UBND"));
    assert_eq!(p.place.as_deref(), Some("Thái Bình"));
    assert_eq!(p.date.as_deref(), Some("2025-04-24"));
    assert_eq!(p.issuer, ["ỦY BAN NHÂN DÂN", "TỈNH THÁI BÌNH"]);
    assert_eq!(
        p.subject.as_deref(),
        Some("Triển khai công tác bảo trợ xã hội")
    );
    assert!(p.unplaced.is_empty(), "{:?}", p.unplaced);
}

#[test]
fn subject_without_a_type_line() {
    let text = "Số: 7/KH-UBND\nA, ngày 02 tháng 3 năm 2026\n\nTổ chức Tháng hành động\nvì người cao tuổi\n\nThực hiện Luật Người cao tuổi.\n\nI. NỘI DUNG\n\n- Một.";
    let p = parse(lines(text));
    assert_eq!(
        p.subject.as_deref(),
        Some("Tổ chức Tháng hành động vì người cao tuổi")
    );
    assert_eq!(p.doc_type, Some(DocType::Plan));
}

#[test]
fn numbered_points_of_a_cong_van_that_name_no_body_are_not_units() {
    let text = "Số: 5/UBND-VHXH\nV/v quà Tết\n\nKính gửi: Các đơn vị.\n\n1.Đối tượng: người có công.\n\n2. Mức quà tặng: 500.000 đồng.\n\n3. Trạm Y tế phường: khám bệnh.";
    let p = parse(lines(text));
    let items: Vec<&str> = p
        .body
        .iter()
        .filter_map(|b| match b {
            Block::Item { title, .. } => Some(title.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(items, ["Trạm Y tế phường"]);
}
