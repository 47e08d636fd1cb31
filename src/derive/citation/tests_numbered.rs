//! Tests of numbered citations: shapes of type words and symbols, lists, what is not a citation.

use super::finder::CitationFinder;
use super::kind::DocKind;
use super::line_col;
use super::{Citation, KnownName};

pub(super) fn finder() -> CitationFinder {
    let known = [
        ("luat-nguoi-khuyet-tat", "Luật Người khuyết tật"),
        ("luat-nguoi-cao-tuoi", "Luật Người cao tuổi"),
        ("luat-bao-hiem-xa-hoi", "Luật Bảo hiểm xã hội"),
        ("luat-tre-em", "Luật Trẻ em"),
        ("de-an-06", "Đề án 06 của Chính phủ"),
        ("de-an-06", "Đề án 06"),
        (
            "de-an-tro-giup-xa-hoi",
            "Đề án Đổi mới, phát triển trợ giúp xã hội",
        ),
    ];
    let known: Vec<KnownName> = known
        .iter()
        .map(|(key, name)| KnownName {
            key: (*key).to_owned(),
            name: (*name).to_owned(),
        })
        .collect();
    CitationFinder::new(&known)
}

pub(super) fn keys(finder: &CitationFinder, text: &str) -> Vec<String> {
    finder.find(text).into_iter().map(|c| c.key).collect()
}

pub(super) fn spans<'a>(finder: &CitationFinder, text: &'a str) -> Vec<&'a str> {
    finder
        .find(text)
        .into_iter()
        .map(|c| &text[c.start..c.end])
        .collect()
}

/// Every citation is well formed: char boundaries, in bounds, non-empty, sorted, disjoint.
pub(super) fn check_invariants(text: &str, found: &[Citation]) {
    let mut last_end = 0;
    for c in found {
        assert!(c.start < c.end, "{c:?} in {text:?}");
        assert!(c.end <= text.len(), "{c:?} in {text:?}");
        assert!(text.is_char_boundary(c.start), "{c:?} in {text:?}");
        assert!(text.is_char_boundary(c.end), "{c:?} in {text:?}");
        assert!(c.start >= last_end, "overlap {found:?} in {text:?}");
        assert!(!c.key.is_empty(), "{c:?} in {text:?}");
        if let Some(symbol) = &c.symbol {
            assert!(
                c.start <= symbol.start && symbol.end == c.end,
                "{c:?} in {text:?}"
            );
        }
        last_end = c.end;
    }
}

#[test]
fn detects_every_citation_shape() {
    let f = CitationFinder::new(&[]);
    let cases = [
        (
            "Nghị định số 20/2021/NĐ-CP",
            DocKind::Decree,
            "20/2021/NĐ-CP",
        ),
        ("Nghị định 20/2021/NĐ-CP", DocKind::Decree, "20/2021/NĐ-CP"),
        (
            "Nghị quyết số 48/2025/NQ-HĐND",
            DocKind::Resolution,
            "48/2025/NQ-HĐND",
        ),
        (
            "Thông tư số 96/2019/TT-BTC",
            DocKind::Circular,
            "96/2019/TT-BTC",
        ),
        (
            "Quyết định số 1190/QĐ-TTg",
            DocKind::Decision,
            "1190/QĐ-TTG",
        ),
        (
            "Quyết định số 1488/QĐ-UBND",
            DocKind::Decision,
            "1488/QĐ-UBND",
        ),
        ("Kế hoạch số 73/KH-SYT", DocKind::Plan, "73/KH-SYT"),
        ("Kế hoạch số 42-KH/ĐU", DocKind::Plan, "42-KH/ĐU"),
        (
            "Chương trình hành động số 01-CTr/ĐU",
            DocKind::Program,
            "01-CTR/ĐU",
        ),
        (
            "Chương trình số 05/CTr-UBND",
            DocKind::Program,
            "05/CTR-UBND",
        ),
        (
            "Tờ trình số 604/TTr-PVHXH",
            DocKind::Submission,
            "604/TTR-PVHXH",
        ),
        (
            "Công văn số 12/UBND-VHXH",
            DocKind::OfficialLetter,
            "12/UBND-VHXH",
        ),
        ("Chỉ thị số 05/CT-TTg", DocKind::Directive, "05/CT-TTG"),
        ("Luật số 58/2014/QH13", DocKind::Law, "58/2014/QH13"),
        ("Thông báo số 15/TB-UBND", DocKind::Notice, "15/TB-UBND"),
        ("Hướng dẫn số 12-HD/BTGTU", DocKind::Guidance, "12-HD/BTGTU"),
        ("Đề án số 03/ĐA-UBND", DocKind::Scheme, "03/ĐA-UBND"),
        ("Báo cáo số 150/BC-UBND", DocKind::Report, "150/BC-UBND"),
        (
            "Thông tư liên tịch số 06/2016/TTLT-BYT-BTC",
            DocKind::Circular,
            "06/2016/TTLT-BYT-BTC",
        ),
        ("Bộ luật số 45/2019/QH14", DocKind::Law, "45/2019/QH14"),
        ("Nghị định 145/2013", DocKind::Decree, "145/2013"),
        ("Thông tri số 12-TT/TU", DocKind::PartyCircular, "12-TT/TU"),
        ("Kết luận số 125-KL/TW", DocKind::Conclusion, "125-KL/TW"),
        (
            "Công văn số 1234/SYT-NVY&BTXH",
            DocKind::OfficialLetter,
            "1234/SYT-NVY&BTXH",
        ),
        ("Kế hoạch số 57/KH- SYT", DocKind::Plan, "57/KH-SYT"),
        ("Quyết định 121-CP", DocKind::Decision, "121-CP"),
    ];
    for (text, kind, key) in cases {
        let sentence = format!("Căn cứ {text}, Ủy ban nhân dân phường.");
        let found = f.find(&sentence);
        assert_eq!(found.len(), 1, "{sentence}: {found:?}");
        let c = &found[0];
        assert_eq!(&sentence[c.start..c.end], text);
        assert_eq!(c.kind, kind, "{text}");
        assert_eq!(c.key, key, "{text}");
    }
}

#[test]
fn type_words_are_case_insensitive() {
    let f = CitationFinder::new(&[]);
    assert_eq!(
        spans(
            &f,
            "theo nghị định số 20/2021/NĐ-CP và NGHỊ ĐỊNH SỐ 76/2024/NĐ-CP"
        ),
        ["nghị định số 20/2021/NĐ-CP", "NGHỊ ĐỊNH SỐ 76/2024/NĐ-CP"]
    );
}

#[test]
fn citation_split_across_a_line_break() {
    let f = CitationFinder::new(&[]);
    let text = "triển khai Nghị định số\n176/2025/NĐ-CP ngày 30/6/2025";
    let found = f.find(text);
    assert_eq!(found.len(), 1);
    assert_eq!(
        &text[found[0].start..found[0].end],
        "Nghị định số\n176/2025/NĐ-CP"
    );
    assert_eq!(found[0].key, "176/2025/NĐ-CP");
    // A break anywhere between the words, even a blank line or non-breaking spaces.
    for text in [
        "Nghị\nđịnh số 176/2025/NĐ-CP",
        "Nghị định\r\nsố\r\n176/2025/NĐ-CP",
        "Nghị định số\n\n176/2025/NĐ-CP",
        "Nghị\u{a0}định\u{a0}số\u{a0}176/2025/NĐ-CP",
    ] {
        assert_eq!(keys(&f, text), ["176/2025/NĐ-CP"], "{text:?}");
        assert_eq!(spans(&f, text), [text]);
    }
}

#[test]
fn date_after_citation_is_not_in_span() {
    let f = CitationFinder::new(&[]);
    let text = "Nghị định số 20/2021/NĐ-CP ngày 15/3/2021 của Chính phủ";
    assert_eq!(spans(&f, text), ["Nghị định số 20/2021/NĐ-CP"]);
}

#[test]
fn several_citations_separated_by_semicolons() {
    let f = CitationFinder::new(&[]);
    let text = "Nghị định số 20/2021/NĐ-CP; Nghị định số 76/2024/NĐ-CP; Quyết định số 1190/QĐ-TTg.";
    let found = f.find(text);
    check_invariants(text, &found);
    assert_eq!(
        spans(&f, text),
        [
            "Nghị định số 20/2021/NĐ-CP",
            "Nghị định số 76/2024/NĐ-CP",
            "Quyết định số 1190/QĐ-TTg"
        ]
    );
}

#[test]
fn dates_periods_and_bare_numbers_are_not_citations() {
    let f = finder();
    for text in [
        "ngày 15/3/2021",
        "15/3/2021",
        "Số: /KH-UBND",
        "Số: 12/UBND-VHXH",
        "Kế hoạch 2021-2025 của phường",
        "Chương trình hành động vì trẻ em",
        "Quyết định 15/3/2021 về việc",
        "Báo cáo 6 tháng/lần",
        "Hướng dẫn 3/4 số hộ",
        "Kế hoạch số /KH-UBND",
        "giai đoạn 2026 - 2030",
        "Nghị quyết Đại hội đại biểu Đảng bộ phường lần thứ I, nhiệm kỳ 2025 – 2030",
    ] {
        assert!(f.find(text).is_empty(), "{text:?}: {:?}", f.find(text));
    }
}

#[test]
fn trailing_punctuation_is_excluded() {
    let f = CitationFinder::new(&[]);
    for (text, span) in [
        (
            "Quyết định số 1190/QĐ-TTg, ngày",
            "Quyết định số 1190/QĐ-TTg",
        ),
        ("(Quyết định số 1190/QĐ-TTg)", "Quyết định số 1190/QĐ-TTg"),
        ("Quyết định số 1190/QĐ-TTg.", "Quyết định số 1190/QĐ-TTg"),
        ("Quyết định số 1190/QĐ-TTg;", "Quyết định số 1190/QĐ-TTg"),
        ("Quyết định số 1190/QĐ-TTg/.", "Quyết định số 1190/QĐ-TTg"),
        ("Quyết định số 1190/QĐ-TTg-", "Quyết định số 1190/QĐ-TTg"),
        ("“Quyết định số 1190/QĐ-TTg”", "Quyết định số 1190/QĐ-TTg"),
        (
            "**Nghị định số 20/2021/NĐ-CP**",
            "Nghị định số 20/2021/NĐ-CP",
        ),
        ("Kế hoạch số: 42-KH/ĐU:", "Kế hoạch số: 42-KH/ĐU"),
    ] {
        assert_eq!(spans(&f, text), [span], "{text:?}");
    }
}

#[test]
fn no_citations_means_empty() {
    let f = finder();
    assert!(f.find("").is_empty());
    assert!(
        f.find("Tiếp tục thực hiện có hiệu quả công tác an sinh xã hội.")
            .is_empty()
    );
    assert!(
        f.find("Kế hoạch được bố trí từ nguồn ngân sách 2026.")
            .is_empty()
    );
}

#[test]
fn type_word_must_start_a_word() {
    let f = CitationFinder::new(&[]);
    assert!(f.find("xNghị định số 20/2021/NĐ-CP").is_empty());
    assert!(f.find("phápLuật số 58/2014/QH13").is_empty());
    assert_eq!(
        keys(&f, "xNghị định số 1/A-B Nghị định số 20/2021/NĐ-CP"),
        ["20/2021/NĐ-CP"]
    );
}

#[test]
fn listed_symbols_after_a_citation() {
    let f = CitationFinder::new(&[]);
    let text = "các Nghị định số 20/2021/NĐ-CP, 76/2024/NĐ-CP và số 176/2025/NĐ-CP; Kế hoạch số 42-KH/ĐU, 01-CTr/ĐU.";
    let found = f.find(text);
    check_invariants(text, &found);
    assert_eq!(
        spans(&f, text),
        [
            "Nghị định số 20/2021/NĐ-CP",
            "76/2024/NĐ-CP",
            "số 176/2025/NĐ-CP",
            "Kế hoạch số 42-KH/ĐU",
            "01-CTr/ĐU"
        ]
    );
    assert_eq!(
        found.iter().map(|c| c.kind).collect::<Vec<_>>(),
        [
            DocKind::Decree,
            DocKind::Decree,
            DocKind::Decree,
            DocKind::Plan,
            DocKind::Plan
        ]
    );
    // A date or a count after a comma is not a listed symbol.
    assert_eq!(
        spans(&f, "Quyết định số 12/QĐ-UBND, 15/3/2021, 2/3 số hộ"),
        ["Quyết định số 12/QĐ-UBND"]
    );
}

#[test]
fn line_col_counts_chars() {
    let text = "Căn cứ\nThực hiện Nghị định số 20/2021/NĐ-CP";
    let f = CitationFinder::new(&[]);
    let found = f.find(text);
    assert_eq!(line_col(text, found[0].start), (2, 11));
    assert_eq!(line_col(text, 0), (1, 1));
    assert_eq!(line_col("", 0), (1, 1));
    assert_eq!(line_col("ăb", 2), (1, 2));
    // Inside a char: that char. Past the end: the end.
    assert_eq!(line_col("ăb", 1), (1, 1));
    assert_eq!(line_col("a\nb", 99), (2, 2));
    assert_eq!(line_col("a\r\nb", 3), (2, 1));
}

#[test]
fn type_words_round_trip() {
    let all = [
        DocKind::Law,
        DocKind::Decree,
        DocKind::Resolution,
        DocKind::Circular,
        DocKind::Decision,
        DocKind::Directive,
        DocKind::Plan,
        DocKind::Program,
        DocKind::Scheme,
        DocKind::Submission,
        DocKind::OfficialLetter,
        DocKind::Notice,
        DocKind::Guidance,
        DocKind::Report,
        DocKind::PartyCircular,
        DocKind::Conclusion,
    ];
    for kind in all {
        assert_eq!(DocKind::from_type_word(kind.vietnamese()), Some(kind));
    }
    assert_eq!(
        DocKind::from_type_word("  chương   trình\nHÀNH ĐỘNG "),
        Some(DocKind::Program)
    );
    assert_eq!(DocKind::from_type_word("NGHỊ ĐỊNH"), Some(DocKind::Decree));
    assert_eq!(DocKind::from_type_word("Nghị"), None);
    assert_eq!(DocKind::from_type_word(""), None);
}

/// The symbol as the text spells it (what a reader is shown), for each citation.
fn written<'a>(finder: &CitationFinder, text: &'a str) -> Vec<&'a str> {
    finder
        .find(text)
        .into_iter()
        .filter_map(|c| c.symbol.map(|s| &text[s]))
        .collect()
}

#[test]
fn symbols_keep_their_spelling() {
    let f = CitationFinder::new(&[]);
    let text =
        "theo Quyết định số 1791/QĐ-TTg, Công văn số 1234/SYT-NVY&BTXH và Kế hoạch số 57/KH- SYT.";
    let found = f.find(text);
    check_invariants(text, &found);
    assert_eq!(
        written(&f, text),
        ["1791/QĐ-TTg", "1234/SYT-NVY&BTXH", "57/KH- SYT"]
    );
    assert_eq!(
        found.iter().map(|c| c.key.as_str()).collect::<Vec<_>>(),
        ["1791/QĐ-TTG", "1234/SYT-NVY&BTXH", "57/KH-SYT"]
    );
    // A spaced hyphen before a word that is no code ends the symbol.
    assert_eq!(
        spans(&f, "Kế hoạch số 05/KH-UBND- Phòng Văn hóa"),
        ["Kế hoạch số 05/KH-UBND"]
    );
    assert_eq!(
        spans(&f, "Quyết định số 1190/QĐ-TTg- ngày 1/1/2020"),
        ["Quyết định số 1190/QĐ-TTg"]
    );
}

#[test]
fn a_list_after_the_issuer_is_one_citation_per_number() {
    let f = CitationFinder::new(&[]);
    let text = "Thực hiện các Quyết định của Thủ tướng Chính phủ: số 135/QĐ-TTg, số 1719/QĐ-TTg ngày 14/10/2021 và số 90/QĐ-TTg; các Nghị định: số 20/2021/NĐ-CP; số 76/2024/NĐ-CP.";
    let found = f.find(text);
    check_invariants(text, &found);
    assert_eq!(
        spans(&f, text),
        [
            "số 135/QĐ-TTg",
            "số 1719/QĐ-TTg",
            "số 90/QĐ-TTg",
            "số 20/2021/NĐ-CP",
            "số 76/2024/NĐ-CP"
        ]
    );
    assert_eq!(
        found.iter().map(|c| c.kind).collect::<Vec<_>>(),
        [
            DocKind::Decision,
            DocKind::Decision,
            DocKind::Decision,
            DocKind::Decree,
            DocKind::Decree
        ]
    );
    // A semicolon without `số` ends the list; so does a sentence.
    assert_eq!(
        spans(
            &f,
            "Nghị định số 20/2021/NĐ-CP; 76/2024/NĐ-CP. Quyết định của UBND: 100% hộ"
        ),
        ["Nghị định số 20/2021/NĐ-CP"]
    );
    // Without a colon an issuer does not join a type word to a later number.
    assert_eq!(
        spans(
            &f,
            "Kế hoạch của UBND phường về thực hiện Nghị định số 20/2021/NĐ-CP"
        ),
        ["Nghị định số 20/2021/NĐ-CP"]
    );
    assert_eq!(
        keys(
            &f,
            "Kế hoạch của UBND phường về việc tuyên truyền: Nghị định số 20/2021/NĐ-CP"
        ),
        ["20/2021/NĐ-CP"]
    );
    assert_eq!(
        f.find("Kế hoạch của UBND phường về việc tuyên truyền: Nghị định số 20/2021/NĐ-CP")[0].kind,
        DocKind::Decree
    );
}
