//! Tests of citations by name, real paragraphs from the documents, and robustness.

use unicode_normalization::UnicodeNormalization;

use super::KnownName;
use super::finder::CitationFinder;
use super::kind::DocKind;
use super::line_col;
use super::tests_numbered::{check_invariants, finder, keys, spans};

#[test]
fn known_names_case_insensitive_with_year() {
    let f = finder();
    let text = "Luật Người khuyết tật, Luật Người cao tuổi; Luật Bảo hiểm xã hội năm 2024; một số điều của luật bảo hiểm xã hội về trợ cấp.";
    let found = f.find(text);
    check_invariants(text, &found);
    assert_eq!(
        spans(&f, text),
        [
            "Luật Người khuyết tật",
            "Luật Người cao tuổi",
            "Luật Bảo hiểm xã hội năm 2024",
            "luật bảo hiểm xã hội"
        ]
    );
    assert_eq!(
        keys(&f, text),
        [
            "luat-nguoi-khuyet-tat",
            "luat-nguoi-cao-tuoi",
            "luat-bao-hiem-xa-hoi",
            "luat-bao-hiem-xa-hoi"
        ]
    );
    assert!(found.iter().all(|c| c.kind == DocKind::Law));
    assert_eq!(
        spans(&f, "LUẬT NGƯỜI CAO TUỔI 2009 và Luật Trẻ em 2016, Điều 11"),
        ["LUẬT NGƯỜI CAO TUỔI 2009", "Luật Trẻ em 2016"]
    );
    assert_eq!(
        spans(&f, "Luật Người\nkhuyết tật"),
        ["Luật Người\nkhuyết tật"]
    );
}

#[test]
fn known_names_respect_word_boundaries() {
    let f = finder();
    assert!(f.find("Luật Trẻ emx").is_empty());
    assert!(f.find("xLuật Trẻ em").is_empty());
    assert!(f.find("Đề án 061 của tỉnh").is_empty());
    assert!(f.find("Luật Người cao tuổii").is_empty());
    // A year glued to more digits is not a year: the name still matches without it.
    assert_eq!(
        spans(&f, "Luật Người cao tuổi 20091"),
        ["Luật Người cao tuổi"]
    );
    assert_eq!(spans(&f, "(Luật Trẻ em)"), ["Luật Trẻ em"]);
}

#[test]
fn longest_known_name_wins() {
    let known = [
        KnownName {
            key: "bhxh-2024".into(),
            name: "Luật Bảo hiểm xã hội".into(),
        },
        KnownName {
            key: "bhxh-2014".into(),
            name: "Luật Bảo hiểm xã hội năm 2014".into(),
        },
    ];
    let f = CitationFinder::new(&known);
    assert_eq!(
        keys(
            &f,
            "Luật Bảo hiểm xã hội năm 2014 và Luật Bảo hiểm xã hội năm 2024"
        ),
        ["bhxh-2014", "bhxh-2024"]
    );
    let f = finder();
    let text = "theo Đề án 06 của Chính phủ và Đề án 06.";
    assert_eq!(spans(&f, text), ["Đề án 06 của Chính phủ", "Đề án 06"]);
    assert!(f.find(text).iter().all(|c| c.kind == DocKind::Scheme));
}

#[test]
fn known_name_overlapping_a_numbered_citation() {
    let known = [KnownName {
        key: "ke-hoach-73".into(),
        name: "Kế hoạch số 73/KH-SYT của Sở Y tế".into(),
    }];
    let f = CitationFinder::new(&known);
    let found = f.find("Thực hiện Kế hoạch số 73/KH-SYT của Sở Y tế; Kế hoạch số 73/KH-SYT.");
    assert_eq!(
        found.iter().map(|c| c.key.as_str()).collect::<Vec<_>>(),
        ["ke-hoach-73", "73/KH-SYT"]
    );
    assert_eq!(found[0].kind, DocKind::Plan);
}

#[test]
fn odd_known_names() {
    let known: Vec<KnownName> = ["", "   ", "Luật (sửa đổi) [2025]*", "a.b+c?", "Đề án\t06"]
        .iter()
        .enumerate()
        .map(|(i, name)| KnownName {
            key: format!("k{i}"),
            name: (*name).to_owned(),
        })
        .collect();
    let f = CitationFinder::new(&known);
    assert!(f.find("").is_empty());
    assert_eq!(keys(&f, "theo Luật (sửa đổi) [2025]* này"), ["k2"]);
    assert_eq!(keys(&f, "a.b+c? và axbbc"), ["k3"]);
    assert_eq!(keys(&f, "đề án 06"), ["k4"]);
    // NFD names are normalised, so they match NFC text.
    let nfd: String = "Luật Người cao tuổi".nfd().collect();
    let f = CitationFinder::new(&[KnownName {
        key: "nct".into(),
        name: nfd,
    }]);
    assert_eq!(keys(&f, "theo Luật Người cao tuổi."), ["nct"]);
}

#[test]
fn many_known_names() {
    // More names than one regex holds: the chunks must still agree on leftmost-longest.
    let known: Vec<KnownName> = (0..=400)
        .map(|i| KnownName {
            key: format!("k{i}"),
            name: format!("Đề án số hóa {i}"),
        })
        .collect();
    let f = CitationFinder::new(&known);
    assert_eq!(
        keys(&f, "Đề án số hóa 7, Đề án số hóa 400 và Đề án số hóa 70"),
        ["k7", "k400", "k70"]
    );
}

#[test]
fn finder_is_shareable_across_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<CitationFinder>();
    let f = finder();
    std::thread::scope(|scope| {
        for _ in 0..4 {
            scope.spawn(|| assert_eq!(keys(&f, "Luật Trẻ em"), ["luat-tre-em"]));
        }
    });
}

#[test]
fn never_panics_on_odd_input() {
    let f = finder();
    let nfd: String = "Nghị định số 20/2021/NĐ-CP; Luật Người cao tuổi"
        .nfd()
        .collect();
    let mut inputs: Vec<String> = [
        "",
        "Nghị định số",
        "Nghị định số ",
        "Nghị định số 20/",
        "Nghị định số 20/-/",
        "Nghị định 1/A",
        "số",
        "/",
        "-",
        "😀",
        "😀Nghị định số 20/2021/NĐ-CP😀",
        "Nghị định số 20/2021/NĐ-CP😀",
        "\u{0301}\u{0323}Nghị định số 1/Á\u{0301}",
        "Luật",
        "Luật Người",
        "luật người cao tuổi năm",
        "Luật Người cao tuổi năm 20",
        "\n\n\n",
        "\u{feff}Kế hoạch số 1/KH",
        "Đ",
        "İ ß ẞ ſ K",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    inputs.push(nfd);
    inputs.push("Nghị định số ".repeat(500));
    inputs.push(format!("Nghị định số{}1/NĐ", " \n".repeat(5000)));
    // Deterministic pseudo-random mixes of tokens.
    let tokens = [
        "Nghị định",
        "số",
        " ",
        "\n",
        "20",
        "/",
        "-",
        "2021",
        "NĐ",
        "CP",
        ",",
        ";",
        ".",
        "và",
        "Luật",
        "Người",
        "cao",
        "tuổi",
        "năm",
        "2024",
        "😀",
        "\u{0301}",
        "Đề án",
        "06",
        "x",
        "LUẬT",
        "ĐỀ ÁN",
    ];
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    for _ in 0..3000 {
        let mut text = String::new();
        for _ in 0..(state % 24) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            text.push_str(tokens[(state % tokens.len() as u64) as usize]);
        }
        inputs.push(text);
    }
    for text in &inputs {
        let found = f.find(text);
        check_invariants(text, &found);
        for c in &found {
            let (line, col) = line_col(text, c.start);
            assert!(line >= 1 && col >= 1);
        }
    }
}

#[test]
fn real_paragraphs() {
    let f = finder();
    // ke-hoach-tro-giup-xa-hoi-luu-kiem-2026.txt
    let text = "Thực hiện Kế hoạch số 73/KH-SYT ngày 04/3/2026 của Sở Y tế thành phố Hải Phòng về việc thực hiện Đề án Đổi mới, phát triển trợ giúp xã hội trên địa bàn thành phố Hải Phòng năm 2026, Ủy ban nhân dân phường Lưu Kiếm xây dựng Kế hoạch triển khai thực hiện, cụ thể như sau:";
    assert_eq!(keys(&f, text), ["73/KH-SYT", "de-an-tro-giup-xa-hoi"]);

    let text = "- Chủ trì tham mưu, phối hợp với các cơ quan, đơn vị, các tổ dân phố tổ chức triển khai có hiệu quả các chính sách của trung ương và chính sách đặc thù của thành phố: Nghị định số 20/2021/NĐ-CP ngày 15/3/2021 của Chính phủ quy định chính sách trợ giúp xã hội đối với đối tượng bảo trợ xã hội; Nghị định số 76/2024/NĐ-CP ngày 01/7/2024 của Chính phủ về sửa đổi, bổ sung một số điều của Nghị định số 20/2021/NĐ-CP ngày 15/3/2021 của Chính phủ quy định chính sách trợ giúp xã hội đối với đối tượng bảo trợ xã hội; Nghị định số\n\n176/2025/NĐ-CP ngày 30/6/2025 của Chính phủ quy định chi tiết và hướng dẫn thi hành một số điều của luật bảo hiểm xã hội về trợ cấp hưu trí xã hội; Nghị quyết số 48/2025/NQ-HĐND ngày 10/12/2025 của Hội đồng nhân dân thành phố về quy định chính sách hỗ trợ các nhóm đối tượng bảo trợ xã hội và mức phí chi trả trợ giúp xã hội trên địa bàn thành phố Hải Phòng; Nghị quyết số 57/2025/NQ-HĐND ngày 11/12/2025 của Hội đồng nhân dân thành phố về quy định chính sách hỗ trợ mức đóng bảo hiểm y tế cho các nhóm đối tượng xã hội đang thường trú trên địa bàn thành phố Hải Phòng, giai đoạn 2026 - 2030.";
    let found = f.find(text);
    check_invariants(text, &found);
    assert_eq!(
        keys(&f, text),
        [
            "20/2021/NĐ-CP",
            "76/2024/NĐ-CP",
            "20/2021/NĐ-CP",
            "176/2025/NĐ-CP",
            "luat-bao-hiem-xa-hoi",
            "48/2025/NQ-HĐND",
            "57/2025/NQ-HĐND"
        ]
    );

    // ke-hoach-an-sinh-xa-hoi-binh-phuoc-2026.txt
    let text = "Thực hiện Nghị quyết Đại hội đại biểu Đảng bộ phường Bình Phước lần thứ I, nhiệm kỳ 2025 – 2030 và Chương trình hành động số 01-CTr/ĐU ngày 21/8/2025 của Ban Chấp hành Đảng bộ phường về thực hiện Nghị quyết Đại hội đại biểu Đảng bộ phường lần thứ I, nhiệm kỳ 2025 - 2030;";
    let found = f.find(text);
    assert_eq!(keys(&f, text), ["01-CTR/ĐU"]);
    assert_eq!(found[0].kind, DocKind::Program);
    assert_eq!(
        &text[found[0].start..found[0].end],
        "Chương trình hành động số 01-CTr/ĐU"
    );
    let text = "Căn cứ Kế hoạch số 42-KH/ĐU ngày 31/01/2026 của Ban Chấp hành Đảng bộ phường Bình Phước về triển khai đồng bộ, hiệu quả chính sách an sinh xã hội;";
    assert_eq!(keys(&f, text), ["42-KH/ĐU"]);
    let text =
        "Theo đề nghị của Phòng Văn hóa - Xã hội tại Tờ trình số 604/TTr-PVHXH ngày 31/3/2026.";
    assert_eq!(keys(&f, text), ["604/TTR-PVHXH"]);
    assert_eq!(f.find(text)[0].kind, DocKind::Submission);

    // ke-hoach-bao-tro-xa-hoi-ngoc-lien-2026.txt
    let text = "Thực hiện Quyết định số 1488/QĐ-UBND ngày 31/12/2025 của UBND xã Ngọc Liên về việc công bố công khai dự toán thu ngân sách nhà nước; thu, chi ngân sách xã Ngọc Liên năm 2026.";
    assert_eq!(keys(&f, text), ["1488/QĐ-UBND"]);
    let text = "- Đẩy mạnh công tác tuyên truyền, phổ biến các chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước tới các cấp ủy đảng, chính quyền, các ban, ngành, đoàn thể và Nhân dân về công tác trợ giúp xã hội như: Luật Người khuyết tật, Luật Người cao tuổi; Luật Bảo hiểm xã hội năm 2024; Nghị định số 20/2021/NĐ-CP ngày 15/3/2021 của Chính phủ; Nghị định số 76/2024/NĐ-CP ngày 01/7/2024 của Chính phủ; Nghị định số 110/2024/NĐ-CP ngày 30/8/2024 của Chính phủ về công tác xã hội; Nghị định số 176/2025/NĐ-CP ngày 30/6/2025 của Chính phủ quy định chi tiết và hướng dẫn thi hành một số điều của Luật Bảo hiểm xã hội về trợ cấp hưu trí xã hội và các văn bản pháp luật có liên quan về công tác trợ giúp xã hội.";
    assert_eq!(
        keys(&f, text),
        [
            "luat-nguoi-khuyet-tat",
            "luat-nguoi-cao-tuoi",
            "luat-bao-hiem-xa-hoi",
            "20/2021/NĐ-CP",
            "76/2024/NĐ-CP",
            "110/2024/NĐ-CP",
            "176/2025/NĐ-CP",
            "luat-bao-hiem-xa-hoi"
        ]
    );
    let text = "- Chỉ đạo, hướng dẫn các thôn, làng thực hiện rà soát, lập danh sách, báo cáo số liệu đối tượng người cao tuổi tròn 70, 75, 80, 85, 90, 95; 100 và trên 100 thuộc diện chúc thọ, mừng thọ tết Nguyên đán năm 2027 và tổ chức mừng thọ, chúc thọ, tặng quà cho người cao tuổi nhân dịp tết Nguyên đán đảm bảo hiệu quả, trang trọng, ý nghĩa theo đúng quy định của Luật Người cao tuổi; Thông tư số 96/2019/TT-BTC ngày 18/10/2019 của Bộ trưởng Bộ Tài chính quy định\n\nquản lý và sử dụng kinh phí chăm sóc sức khỏe ban đầu cho người cao tuổi tại nơi cư trú; chúc thọ, mừng thọ; ưu đãi tín dụng và biểu dương, khen thưởng người cao tuổi; Nghị quyết số 294/2020/NQ-HĐND ngày 21/9/2020 của HĐND tỉnh về việc quy định mức chi quà tặng chúc thọ, mừng thọ người cao tuổi trên địa bàn tỉnh Thanh Hóa và các văn bản hiện hành có liên quan đến hướng dẫn việc chúc thọ, mừng thọ đối với người cao tuổi.";
    assert_eq!(
        keys(&f, text),
        ["luat-nguoi-cao-tuoi", "96/2019/TT-BTC", "294/2020/NQ-HĐND"]
    );
    let text = "- Chủ động thực hiện rà soát, làm sạch, chuẩn hóa dữ liệu đối tượng bảo trợ xã hội, đối tượng hưu trí xã hội, người khuyết tật, người cao tuổi, người làm công tác xã hội và số hóa hồ sơ quản lý đối tượng bảo trợ xã hội tại địa phương nhằm đảm bảo chính xác để chia sẻ, đồng bộ dữ liệu hồ sơ quản lý đối tượng với Hệ thống đăng ký giải quyết chính sách trợ giúp xã hội và cơ sở dữ liệu bảo trợ xã hội và dữ liệu quốc gia về dân cư theo Đề án 06 của Chính phủ.";
    let found = f.find(text);
    assert_eq!(keys(&f, text), ["de-an-06"]);
    assert_eq!(
        &text[found[0].start..found[0].end],
        "Đề án 06 của Chính phủ"
    );
}
