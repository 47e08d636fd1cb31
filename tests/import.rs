//! `loa import` on the three real plans, on .docx fixtures written from them, and on messy variants.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use loa::import::{Imported, SiteData, decode, import};
use unicode_normalization::UnicodeNormalization;

const LUU_KIEM: &str = "ke-hoach-tro-giup-xa-hoi-luu-kiem-2026.txt";
const NGOC_LIEN: &str = "ke-hoach-bao-tro-xa-hoi-ngoc-lien-2026.txt";
const BINH_PHUOC: &str = "ke-hoach-an-sinh-xa-hoi-binh-phuoc-2026.txt";

fn fixture(name: &str) -> PathBuf {
    common::example_root()
        .join("tests/fixtures/documents")
        .join(name)
}

fn source(name: &str) -> String {
    std::fs::read_to_string(fixture(name)).unwrap()
}

fn import_bytes(name: &str, bytes: &[u8], site: &SiteData) -> Imported {
    import(Path::new(name), bytes, &site.context())
        .unwrap_or_else(|e| panic!("{name} must import: {e}"))
}

fn import_fixture(name: &str) -> Imported {
    import_bytes(name, source(name).as_bytes(), &SiteData::default())
}

/// Words (letters and digits), lowercased; formatting marks and punctuation are not words.
fn words(text: &str) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for word in text
        .nfc()
        .collect::<String>()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        // A number is the same number zero-padded (`03` in `ngay = "2026-03"`).
        let word = if word.chars().all(|c| c.is_ascii_digit()) && word.len() > 1 {
            word.trim_start_matches('0').to_owned()
        } else {
            word.to_lowercase()
        };
        *out.entry(word).or_insert(0) += 1;
    }
    out
}

/// The source without what the plan format states by its fields rather than in words: the
/// national motto, the labels `Số`, `ngày … tháng … năm`, `Kính gửi`, `Nơi nhận`, `V/v`, and the
/// type line (`KẾ HOẠCH` is `loai = "KH"`).
fn source_words(text: &str) -> BTreeMap<String, usize> {
    let number_label = regex::Regex::new(r"^Số\s*:?").unwrap();
    let date_label = regex::Regex::new(r",\s*ngày\s+(\d*)\s*tháng\s+(\d*)\s*năm").unwrap();
    let mut kept = Vec::new();
    for line in text.lines() {
        let t = line.trim().trim_matches('*');
        if t == "KẾ HOẠCH" || t.starts_with("CỘNG HÒA") || t.starts_with("Độc lập") {
            continue;
        }
        let t = number_label.replace(t, "").into_owned();
        let t = date_label.replace(&t, " $1 $2").into_owned();
        let t = t.replace("Nơi nhận:", "").replace("Kính gửi:", "");
        kept.push(t);
    }
    words(&kept.join("\n"))
}

fn assert_nothing_lost(name: &str, imported: &Imported) {
    let have = words(&imported.text);
    let mut missing = Vec::new();
    for (word, count) in source_words(&source(name)) {
        let got = have.get(&word).copied().unwrap_or(0);
        if got < count {
            missing.push(format!("{word} ({got} of {count})"));
        }
    }
    assert!(missing.is_empty(), "{name}: words lost: {missing:?}");
}

#[test]
fn every_word_of_each_document_is_in_the_imported_file() {
    for name in [LUU_KIEM, NGOC_LIEN, BINH_PHUOC] {
        let imported = import_fixture(name);
        assert_nothing_lost(name, &imported);
        assert!(
            imported.parsed.unplaced.is_empty(),
            "{name}: {:?}",
            imported.parsed.unplaced
        );
    }
}

#[test]
fn the_word_test_can_fail() {
    let mut imported = import_fixture(LUU_KIEM);
    imported.text = imported.text.replace("Hoàng Anh Tuấn", "");
    let result = std::panic::catch_unwind(|| assert_nothing_lost(LUU_KIEM, &imported));
    assert!(
        result.is_err(),
        "dropping the signer's name must be noticed"
    );
}

/// Importing the bundled example's source gives the bundled plan file, except:
/// - the importer adds a comment naming the source file (the hand-made file has none);
/// - the hand-made file has tags (`the = [...]`): tags are an editor's choice, not in the document.
#[test]
fn importing_the_bundled_source_reproduces_the_bundled_plan() {
    let site = SiteData::read(&common::example_root());
    let imported = import_bytes(LUU_KIEM, source(LUU_KIEM).as_bytes(), &site);
    let bundled = std::fs::read_to_string(
        common::example_root().join("content/plans/ke-hoach-tro-giup-xa-hoi-2026.md"),
    )
    .unwrap();
    let ours: Vec<&str> = imported
        .text
        .lines()
        .filter(|l| !l.starts_with("# Nhập từ "))
        .collect();
    let theirs: Vec<&str> = bundled
        .lines()
        .filter(|l| !l.starts_with("the = "))
        .collect();
    assert_eq!(ours, theirs);
    // The bundled site knows every unit and citation: nothing to propose.
    assert!(
        imported.proposed_units.is_empty(),
        "{:?}",
        imported.proposed_units
    );
    assert!(
        imported.proposed_legal.is_empty(),
        "{:?}",
        imported.proposed_legal
    );
}

#[test]
fn summary_of_binh_phuoc_names_units_targets_citations_and_signer() {
    let imported = import_fixture(BINH_PHUOC);
    let plan = &imported.plan;
    let units: Vec<(&str, usize, bool)> = plan
        .assignments
        .iter()
        .map(|a| (a.unit_name.as_str(), a.duties.len(), a.requested))
        .collect();
    assert_eq!(
        units,
        [
            ("Phòng Văn hóa - Xã hội phường", 7, false),
            ("Phòng Kinh tế, Hạ tầng và Đô thị phường", 3, false),
            ("Công an phường", 3, false),
            ("Ban Chỉ huy Quân sự phường", 4, false),
            ("Trạm Y tế phường", 4, false),
            ("Ban Điều hành các khu phố", 5, false),
            (
                "Ủy ban Mặt trận Tổ quốc Việt Nam phường, các tổ chức chính trị - xã hội và các hội đặc thù của phường",
                4,
                true
            ),
        ]
    );
    let bhyt = plan
        .targets
        .iter()
        .find(|t| t.text.plain.contains("bảo hiểm y tế đạt 96%"))
        .expect("BHYT target");
    assert_eq!(bhyt.value, Some(96.0));
    assert_eq!(bhyt.deadline.and_then(|d| d.year), Some(2030));
    assert_eq!(plan.targets.len(), 8);
    assert_eq!(plan.signer.title, "PHÓ CHỦ TỊCH");
    assert_eq!(plan.signer.authority, ["KT. CHỦ TỊCH"]);
    assert_eq!(plan.recipients.len(), 9);
    assert_eq!(plan.date.month, Some(3));
    // The page break inside "Hội Chữ thập đỏ, / Hội Khuyến học" is joined.
    assert!(
        imported
            .text
            .contains("Hội Chữ thập đỏ, Hội Khuyến học xây dựng")
    );
    // A citation missing from the registry is reported at its line in the source.
    let citation = imported
        .warnings
        .iter()
        .find(|d| {
            d.code == "import_citation_new" && d.args.iter().any(|(_, v)| v.contains("42-KH/ĐU"))
        })
        .expect("a warning for 42-KH/ĐU");
    assert_eq!(citation.location.as_ref().map(|l| l.line), Some(13));
    // No signer name: a warning, not an invented name.
    assert!(
        imported
            .warnings
            .iter()
            .any(|d| d.code == "import_signer_no_name")
    );
    let summary = loa::import::report::summary(&imported, BINH_PHUOC);
    for expected in [
        "Ban Điều hành các khu phố: 5 nhiệm vụ — chưa có trong data/units.toml",
        "(đề nghị phối hợp)",
        "Tỷ lệ người dân tham gia bảo hiểm y tế đạt 96%. [96%]",
        "Kế hoạch số 42-KH/ĐU — chưa có trong data/legal.toml",
        "người ký: KT. CHỦ TỊCH, PHÓ CHỦ TỊCH",
    ] {
        assert!(
            summary.contains(expected),
            "summary lacks {expected}:\n{summary}"
        );
    }
    let legal = loa::import::propose::legal_toml(&imported.proposed_legal, BINH_PHUOC);
    assert!(legal.contains("so_ky_hieu = \"42-KH/ĐU\"\ntrich_yeu = \"Triển khai đồng bộ, hiệu quả chính sách an sinh xã hội\"\nngay = \"2026-01-31\"\nco_quan = \"Ban Chấp hành Đảng bộ phường Bình Phước\""), "{legal}");
}

#[test]
fn laws_cited_by_name_are_proposed() {
    let imported = import_fixture(NGOC_LIEN);
    let names: Vec<&str> = imported
        .proposed_legal
        .iter()
        .filter_map(|d| d.name.as_deref())
        .collect();
    assert_eq!(
        names,
        [
            "Luật Bảo hiểm xã hội",
            "Luật Người khuyết tật",
            "Luật Người cao tuổi"
        ]
    );
    // Known to the bundled registry: nothing proposed for them there.
    let site = SiteData::read(&common::example_root());
    let again = import_bytes(NGOC_LIEN, source(NGOC_LIEN).as_bytes(), &site);
    assert!(again.proposed_legal.iter().all(|d| d.name.is_none()));
}

fn body_of(imported: &Imported) -> String {
    imported
        .text
        .lines()
        .filter(|l| !l.starts_with('#') || l.starts_with("##"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn messy_exports_give_the_same_plan() {
    let clean = import_fixture(LUU_KIEM);
    let text = source(LUU_KIEM);
    let mut variants: Vec<(&str, Vec<u8>)> = Vec::new();
    // Windows line endings and a byte-order mark.
    let mut crlf = vec![0xEF, 0xBB, 0xBF];
    crlf.extend(text.replace('\n', "\r\n").bytes());
    variants.push(("crlf-bom", crlf));
    // Decomposed (NFD) text.
    variants.push(("nfd", text.nfd().collect::<String>().into_bytes()));
    // UTF-16 little endian with a byte-order mark.
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        utf16.extend(unit.to_le_bytes());
    }
    variants.push(("utf16", utf16));
    // Legacy TCVN3 (ABC) and VNI.
    variants.push(("tcvn3", decode::encode_tcvn3(&text)));
    variants.push(("vni", decode::encode_vni(&text)));
    // Bold marks around headings and the signer, stray italics.
    let marked = text
        .replace("I. MỤC ĐÍCH, YÊU CẦU", "**I. MỤC ĐÍCH, YÊU CẦU**")
        .replace("TM. ỦY BAN NHÂN DÂN", "**TM. ỦY BAN NHÂN DÂN")
        .replace("Hoàng Anh Tuấn", "**Hoàng Anh Tuấn**")
        .replace("PHÓ CHỦ TỊCH", "PHÓ CHỦ TỊCH**");
    variants.push(("marks", marked.into_bytes()));
    for (label, bytes) in variants {
        let name = format!("{label}-{LUU_KIEM}");
        let imported = import_bytes(LUU_KIEM, &bytes, &SiteData::default());
        if label == "tcvn3" {
            // TCVN3 has no codes for capitals with tone marks in ordinary text (`Ủy` is written
            // with the code of `ủ`): the same text, except for such capitals.
            assert_eq!(
                body_of(&imported).to_lowercase(),
                body_of(&clean).to_lowercase(),
                "variant {name}"
            );
            assert!(
                imported
                    .warnings
                    .iter()
                    .any(|d| d.code == "import_tcvn3_converted")
            );
        } else {
            assert_eq!(body_of(&imported), body_of(&clean), "variant {name}");
        }
    }
}

#[test]
fn page_breaks_anywhere_in_a_sentence_are_joined() {
    let clean = import_fixture(NGOC_LIEN);
    let text = source(NGOC_LIEN);
    // Break every long paragraph after its 17th word, as a page break in a Word export would.
    let broken: String = text
        .lines()
        .map(|line| {
            let words: Vec<&str> = line.split(' ').collect();
            if words.len() > 30 && !words[16].ends_with(['.', ';', ':']) {
                format!("{}\n\n{}", words[..17].join(" "), words[17..].join(" "))
            } else {
                line.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert_ne!(broken, text);
    let imported = import_bytes(NGOC_LIEN, broken.as_bytes(), &SiteData::default());
    let (got, want) = (body_of(&imported), body_of(&clean));
    if got != want {
        std::fs::write(std::env::temp_dir().join("loa-page-break-got.md"), &got).unwrap();
        std::fs::write(std::env::temp_dir().join("loa-page-break-want.md"), &want).unwrap();
    }
    assert!(
        got == want,
        "page breaks not joined (see loa-page-break-*.md in the temp folder)"
    );
}

#[test]
fn vni_text_is_converted_or_refused_with_a_clear_message() {
    // A short plan typed in VNI (Windows-1252 bytes of `Keá hoaïch ...`).
    let vni = "KEÁ HOAÏCH\nTrôï giuùp ngöôøi cao tuoåi\n\nI. TOÅ CHÖÙC THÖÏC HIEÄN\n\n1. Traïm Y teá phöôøng\n\n- Khaùm söùc khoûe cho ngöôøi cao tuoåi.\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(vni);
    let imported = import_bytes("vni.txt", &bytes, &SiteData::default());
    assert_eq!(imported.plan.subject, "Trợ giúp người cao tuổi");
    assert_eq!(imported.plan.assignments[0].unit_name, "Trạm Y tế phường");
    assert_eq!(
        imported.plan.assignments[0].duties[0].plain,
        "Khám sức khỏe cho người cao tuổi."
    );
    assert!(
        imported
            .warnings
            .iter()
            .any(|d| d.code == "import_vni_converted")
    );

    // VNI marks mixed with letters Vietnamese never uses: refused, not published garbled.
    let odd = b"cha\xf8o ng\xf6\xf4\xf8i da\xe2n \xf1a\xf5 \xf1\xf6\xf4\xefc a\xdf";
    let error = import(Path::new("vni.txt"), odd, &SiteData::default().context()).unwrap_err();
    assert_eq!(error.code, "import_vni");
    let shown = error.to_string();
    assert!(
        shown.starts_with("vni.txt:1:1: lỗi: Văn bản gõ bằng bảng mã VNI"),
        "{shown}"
    );
    assert!(shown.contains("Unicode"), "{shown}");
}

#[test]
fn legal_website_layout_with_pipes() {
    let text = source(BINH_PHUOC);
    let header = "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nPHƯỜNG BÌNH PHƯỚC | Độc lập - Tự do - Hạnh phúc\n|\n| ---------------\nSố: /KH-UBND | Bình Phước, ngày tháng 3 năm 2026\n";
    let start = text.find("KẾ HOẠCH").unwrap();
    let end = text.find("Nơi nhận:").unwrap();
    let signature = "Nơi nhận: | KT. CHỦ TỊCH\n- Thường trực Đảng ủy phường; | PHÓ CHỦ TỊCH\n- Lưu VT. |\n| Lê Văn Hùng\n";
    let pasted = format!("{header}\n{}{signature}", &text[start..end]);
    let imported = import_bytes(BINH_PHUOC, pasted.as_bytes(), &SiteData::default());
    assert_eq!(
        imported.parsed.issuer,
        ["ỦY BAN NHÂN DÂN", "PHƯỜNG BÌNH PHƯỚC"]
    );
    assert_eq!(imported.plan.symbol, "KH-UBND");
    assert_eq!(imported.plan.place, "Bình Phước");
    assert_eq!(imported.plan.date.month, Some(3));
    assert_eq!(imported.plan.assignments.len(), 7);
    assert!(
        imported.parsed.unplaced.is_empty(),
        "{:?}",
        imported.parsed.unplaced
    );
    // The issuing body is kept (as the plan's field, printed in its header) rather than dropped.
    assert!(
        imported
            .text
            .contains("co_quan_ban_hanh = \"ỦY BAN NHÂN DÂN PHƯỜNG BÌNH PHƯỚC\"\n")
    );
    assert_eq!(
        imported.plan.issuing_body,
        "ỦY BAN NHÂN DÂN PHƯỜNG BÌNH PHƯỚC"
    );
}

#[test]
fn a_cong_van_with_numbered_units_and_a_target_table() {
    let text = "ỦY BAN NHÂN DÂN\nPHƯỜNG AN BÌNH\nSố: 125/UBND-VHXH\nV/v triển khai Tháng hành động\nvì người cao tuổi năm 2026\n\nAn Bình, ngày 05 tháng 9 năm 2026\n\nKính gửi:\n- Trạm Y tế phường;\n- Công an phường;\n- Các khu phố.\n\nThực hiện Kế hoạch số 88/KH-SYT ngày 20/8/2026 của Sở Y tế, Ủy ban nhân dân phường đề nghị các đơn vị thực hiện các nội dung sau:\n\n1. Trạm Y tế phường: tổ chức khám sức khỏe miễn phí cho người cao tuổi.\n\n2. Công an phường\n\n- Bảo đảm an toàn các buổi chúc thọ;\n\n+ phối hợp với các khu phố.\n\n3. Các khu phố\n\nTT\nNội dung chỉ tiêu\nĐơn vị tính\nNăm 2026\n1\nNgười cao tuổi được khám sức khỏe\nngười\n350\n\nĐề nghị các đơn vị nghiêm túc thực hiện./.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT, VHXH.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\n(Đã ký)\n\nNguyễn Văn Bình\n";
    let imported = import_bytes("cong-van.txt", text.as_bytes(), &SiteData::default());
    let plan = &imported.plan;
    assert_eq!(plan.doc_type, loa::model::DocType::OfficialLetter);
    assert_eq!(
        (plan.number.as_str(), plan.symbol.as_str()),
        ("125", "UBND-VHXH")
    );
    assert_eq!(
        plan.subject,
        "triển khai Tháng hành động vì người cao tuổi năm 2026"
    );
    assert_eq!(plan.addressees.len(), 3);
    let units: Vec<&str> = plan
        .assignments
        .iter()
        .map(|a| a.unit_name.as_str())
        .collect();
    assert_eq!(units, ["Trạm Y tế phường", "Công an phường", "Các khu phố"]);
    assert_eq!(
        plan.assignments[0].duties[0].plain,
        "Tổ chức khám sức khỏe miễn phí cho người cao tuổi."
    );
    assert!(
        imported
            .text
            .contains("| 1 | Người cao tuổi được khám sức khỏe | người | 350 |")
    );
    assert_eq!(plan.closing.len(), 1);
    assert_eq!(plan.signer.name, "Nguyễn Văn Bình");
    assert_eq!(plan.signer.title, "CHỦ TỊCH");
    // "(Đã ký)" fits nowhere: kept in the marked section and reported with its line.
    assert!(
        imported
            .text
            .contains("## NỘI DUNG CHƯA XẾP ĐƯỢC (CẦN XEM LẠI)\n\n(Đã ký)")
    );
    let warning = imported
        .warnings
        .iter()
        .find(|d| d.code == "import_unplaced")
        .expect("a warning for the unplaced line");
    assert_eq!(warning.location.as_ref().map(|l| l.line), Some(44));
}

/// Wraps each line at `width` characters, as a plain-text export at a fixed width does.
fn hard_wrap(text: &str, width: usize) -> String {
    let mut out = Vec::new();
    for line in text.lines() {
        let mut current = String::new();
        for word in line.split_whitespace() {
            if !current.is_empty() && current.chars().count() + 1 + word.chars().count() > width {
                out.push(std::mem::take(&mut current));
            }
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
        }
        out.push(current);
    }
    out.join("\n")
}

#[test]
fn text_wrapped_at_a_fixed_width_gives_the_same_plan() {
    for name in [BINH_PHUOC, NGOC_LIEN, LUU_KIEM] {
        let clean = import_fixture(name);
        let wrapped = hard_wrap(&source(name), 72);
        assert!(wrapped.lines().count() > source(name).lines().count() + 50);
        let imported = import_bytes(name, wrapped.as_bytes(), &SiteData::default());
        assert_eq!(body_of(&imported), body_of(&clean), "{name}");
    }
}

/// Word's "Save as plain text" writes one paragraph per line with no blank line between them
/// (and so does copying from many web pages).
#[test]
fn one_paragraph_per_line_without_blank_lines_gives_the_same_plan() {
    for name in [LUU_KIEM, NGOC_LIEN, BINH_PHUOC] {
        let clean = import_fixture(name);
        let dense: String = source(name)
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| format!("{l}\r\n"))
            .collect();
        let imported = import_bytes(name, dense.as_bytes(), &SiteData::default());
        assert_eq!(body_of(&imported), body_of(&clean), "{name}");
    }
}

/// Text that looks like markup reaches the page as written.
#[test]
fn text_that_looks_like_markup_is_kept_as_written() {
    let text = "KẾ HOẠCH\nThử\n\nI. NỘI DUNG\n\n2026. Năm bản lề của giai đoạn <2026-2030>.\n\nNơi nhận hồ sơ: bộ phận một cửa, mã_số 5 * 3 [mục 2].\n\n# 5 hộ được hỗ trợ.\n\nNơi nhận:\n- Lưu: VT.\n";
    let imported = import_bytes("thu.txt", text.as_bytes(), &SiteData::default());
    let mut shown = Vec::new();
    imported
        .plan
        .body
        .for_each_inline(&mut |t: &loa::model::Inline, _| shown.push(t.plain.clone()));
    assert_eq!(
        shown,
        [
            "2026. Năm bản lề của giai đoạn <2026-2030>.",
            "Nơi nhận hồ sơ: bộ phận một cửa, mã_số 5 * 3 [mục 2].",
            "# 5 hộ được hỗ trợ.",
        ]
    );
    assert_eq!(imported.plan.recipients, ["Lưu: VT."]);
}

#[test]
fn a_markdown_copy_with_heading_marks_gives_the_same_plan() {
    let clean = import_fixture(BINH_PHUOC);
    let roman = regex::Regex::new(r"^[IVX]+\. ").unwrap();
    let markdown: String = source(BINH_PHUOC)
        .lines()
        .map(|l| {
            if roman.is_match(l) {
                format!("## {l}\n")
            } else if l.starts_with("KẾ HOẠCH") {
                format!("# {l}\n")
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    let imported = import_bytes("ke-hoach.md", markdown.as_bytes(), &SiteData::default());
    assert_eq!(body_of(&imported), body_of(&clean));
}

/// A công văn exported from Word as plain text: the two header columns and the signature laid out
/// with runs of spaces and tabs.
#[test]
fn a_cong_van_laid_out_in_columns_of_spaces() {
    let text = "ỦY BAN NHÂN DÂN                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n  PHƯỜNG HÒA BÌNH                         Độc lập - Tự do - Hạnh phúc\n\nSố: 215/UBND-VHXH\t\tHòa Bình, ngày 12 tháng 5 năm 2026\nV/v tổ chức khám sức khỏe\ncho người cao tuổi\n\n\tKính gửi:\n\t\t- Trạm Y tế phường;\n\t\t- Hội Người cao tuổi phường.\n\nThực hiện Kế hoạch số 88/KH-UBND ngày 02/5/2026 của UBND phường, UBND phường đề nghị:\n\n1.\tTrạm Y tế phường\n\n- Tổ chức khám sức khỏe cho người cao tuổi từ 80 tuổi trở lên.\n\n2.\tĐề nghị Hội Người cao tuổi phường\n\n- Thông báo lịch khám đến hội viên.\n\nĐề nghị các đơn vị quan tâm, phối hợp thực hiện./.\n\nNơi nhận:                                        TM. ỦY BAN NHÂN DÂN\n- Như trên;                                          CHỦ TỊCH\n- Lưu: VT, VHXH.\n                                                       (Đã ký)\n\n                                                  Đỗ Thị Hạnh\n";
    let imported = import_bytes("cong-van-kham.txt", text.as_bytes(), &SiteData::default());
    let plan = &imported.plan;
    assert_eq!(
        imported.parsed.issuer,
        ["ỦY BAN NHÂN DÂN", "PHƯỜNG HÒA BÌNH"]
    );
    assert_eq!(plan.doc_type, loa::model::DocType::OfficialLetter);
    assert_eq!(
        (plan.number.as_str(), plan.symbol.as_str()),
        ("215", "UBND-VHXH")
    );
    assert_eq!(plan.place, "Hòa Bình");
    assert_eq!(plan.subject, "tổ chức khám sức khỏe cho người cao tuổi");
    assert_eq!(
        plan.addressees,
        ["Trạm Y tế phường;", "Hội Người cao tuổi phường."]
    );
    let units: Vec<(&str, bool)> = plan
        .assignments
        .iter()
        .map(|a| (a.unit_name.as_str(), a.requested))
        .collect();
    assert_eq!(
        units,
        [
            ("Trạm Y tế phường", false),
            ("Hội Người cao tuổi phường", true)
        ]
    );
    assert_eq!(plan.closing.len(), 1);
    assert_eq!(plan.recipients, ["Như trên;", "Lưu: VT, VHXH."]);
    assert_eq!(plan.signer.authority, ["TM. ỦY BAN NHÂN DÂN"]);
    assert_eq!(plan.signer.title, "CHỦ TỊCH");
    assert_eq!(plan.signer.name, "Đỗ Thị Hạnh");
    // "(Đã ký)" is kept for review, not dropped.
    assert_eq!(imported.parsed.unplaced.len(), 1);
    assert!(imported.text.contains("(Đã ký)"));
}

#[test]
fn a_date_that_does_not_exist_keeps_what_exists_and_is_named() {
    // A typo in the header (`31 tháng 02`, `tháng 13`) used to make the whole import fail.
    for (written, month, shown) in [
        ("Lưu Kiếm, ngày 31 tháng 02 năm 2026", Some(2), "31/2/2026"),
        ("Lưu Kiếm, ngày 31/02/2026", Some(2), "31/2/2026"),
        ("Lưu Kiếm, ngày 04 tháng 13 năm 2026", None, "4/13/2026"),
    ] {
        let text = source(LUU_KIEM).replacen("Lưu Kiếm, ngày tháng năm 2026", written, 1);
        let imported = import_bytes(LUU_KIEM, text.as_bytes(), &SiteData::default());
        assert_eq!(imported.plan.date.year, Some(2026), "{written}");
        assert_eq!(imported.plan.date.month, month, "{written}");
        assert_eq!(imported.plan.date.day, None, "{written}");
        let warnings: Vec<String> = imported.warnings.iter().map(|w| w.to_string()).collect();
        assert!(
            warnings
                .iter()
                .any(|w| w.starts_with(&format!("{LUU_KIEM}:5:1:"))
                    && w.contains(&format!("không có thật: {shown}"))),
            "{written}: {warnings:#?}"
        );
    }
}
