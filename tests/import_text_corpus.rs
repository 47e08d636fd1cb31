//! `loa import` on a corpus of text exports made the ways offices make them (tests/fixtures/text/,
//! described in its README): hard wraps, page breaks in sentences, two-column headers with pipes
//! or tabs, headers wrapped a word per line, parts written in every style, figures at line
//! starts, one-cell-per-line tables, combined unit headings, and the three real documents in
//! every encoding. Each fixture's expected structure is one row of `CORPUS`.
//!
//! `cargo test --release --test import_text_corpus -- --nocapture corpus` prints the table of
//! words kept and found/expected counts.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use loa::import::{Imported, SiteData, decode, import, vietnamese};
use loa::validate::unit_key;
use unicode_normalization::UnicodeNormalization;

fn dir() -> PathBuf {
    common::example_root().join("tests/fixtures/text")
}

fn site() -> &'static SiteData {
    static SITE: std::sync::OnceLock<SiteData> = std::sync::OnceLock::new();
    SITE.get_or_init(|| SiteData::read(&dir().join("site")))
}

/// A target: a fragment of its sentence, its figure and the year it is due.
type Target = (&'static str, Option<f64>, Option<i32>);

/// What a fixture must import to.
struct Expected {
    file: &'static str,
    /// (number, symbol, place, date, start of the subject).
    header: (
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
    ),
    /// Parts with a Roman numeral.
    parts: usize,
    /// Numbered items (`###`) and numbered paragraphs.
    items: usize,
    /// Units and how many duties each has.
    units: &'static [(&'static str, usize)],
    targets: &'static [Target],
    /// Citations found (each document once).
    citations: usize,
}

const LK_HEADER: (&str, &str, &str, &str, &str) =
    ("", "KH-UBND", "Lưu Kiếm", "2026", "Thực hiện Đề án Đổi mới");
const LK_UNITS: &[(&str, usize)] = &[
    ("Phòng Văn hóa - Xã hội phường", 4),
    ("Phòng Kinh tế, Hạ tầng và Đô thị phường", 2),
    ("Trạm Y tế phường", 3),
    ("Công an phường", 2),
    ("Trung tâm Dịch vụ sự nghiệp công phường", 1),
    ("Các trường học trên địa bàn phường", 3),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam phường", 4),
    ("Các tổ dân phố", 2),
];
const NL_HEADER: (&str, &str, &str, &str, &str) = (
    "",
    "KH-UBND",
    "Ngọc Liên",
    "2026-03",
    "Triển khai thực hiện công tác bảo trợ xã hội năm 2026",
);
const NL_UNITS: &[(&str, usize)] = &[
    ("Phòng Văn hóa - Xã hội", 3),
    ("Phòng Kinh tế", 2),
    ("Trung tâm cung ứng dịch vụ công", 1),
    ("Các cơ sở khám bệnh, chữa bệnh trên địa bàn xã", 2),
];
const BP_HEADER: (&str, &str, &str, &str, &str) = (
    "",
    "KH-UBND",
    "Bình Phước",
    "2026-03",
    "Triển khai thực hiện đồng bộ, hiệu quả chính sách an sinh xã hội trên địa bàn phường",
);
const BP_UNITS: &[(&str, usize)] = &[
    ("Phòng Văn hóa - Xã hội phường", 7),
    ("Phòng Kinh tế, Hạ tầng và Đô thị phường", 3),
    ("Công an phường", 3),
    ("Ban Chỉ huy Quân sự phường", 4),
    ("Trạm Y tế phường", 4),
    ("Ban Điều hành các khu phố", 5),
    (
        "Ủy ban Mặt trận Tổ quốc Việt Nam phường, các tổ chức chính trị - xã hội và các hội đặc thù của phường",
        4,
    ),
];
const BP_TARGETS: &[Target] = &[
    ("không còn hộ nghèo", Some(0.0), Some(2030)),
    ("100% gia đình người có công", Some(100.0), Some(2030)),
    ("100% đối tượng bảo trợ xã hội", Some(100.0), Some(2030)),
    ("bảo hiểm y tế đạt 96%", Some(96.0), Some(2030)),
    ("không còn nhà tạm", Some(0.0), Some(2030)),
    ("chương trình nhà ở xã hội", None, Some(2030)),
    ("chuẩn quốc gia đạt 92%", Some(92.0), Some(2030)),
    ("bảo hiểm xã hội đạt 60%", Some(60.0), Some(2030)),
];
const BP_PIPE_HEADER: (&str, &str, &str, &str, &str) = (
    "112",
    "KH-UBND",
    "Bình Phước",
    "2026-03-24",
    "Triển khai thực hiện đồng bộ, hiệu quả chính sách an sinh xã hội trên địa bàn phường",
);

const fn lk(file: &'static str) -> Expected {
    Expected {
        file,
        header: LK_HEADER,
        parts: 4,
        items: 16,
        units: LK_UNITS,
        targets: &[],
        citations: 6,
    }
}

const fn nl(file: &'static str) -> Expected {
    Expected {
        file,
        header: NL_HEADER,
        parts: 4,
        items: 16,
        units: NL_UNITS,
        targets: &[],
        citations: 11,
    }
}

const fn bp(file: &'static str) -> Expected {
    Expected {
        file,
        header: BP_HEADER,
        parts: 4,
        items: 18,
        units: BP_UNITS,
        targets: BP_TARGETS,
        citations: 3,
    }
}

const CORPUS: &[Expected] = &[
    lk("luu-kiem.utf8.txt"),
    lk("luu-kiem.cp1258.txt"),
    lk("luu-kiem.tcvn3.txt"),
    lk("luu-kiem.vni.txt"),
    lk("luu-kiem.utf16le.txt"),
    lk("luu-kiem.utf16be.txt"),
    nl("ngoc-lien.utf8.txt"),
    nl("ngoc-lien.cp1258.txt"),
    nl("ngoc-lien.tcvn3.txt"),
    nl("ngoc-lien.vni.txt"),
    nl("ngoc-lien.utf16le.txt"),
    nl("ngoc-lien.utf16be.txt"),
    bp("binh-phuoc.utf8.txt"),
    bp("binh-phuoc.cp1258.txt"),
    bp("binh-phuoc.tcvn3.txt"),
    bp("binh-phuoc.vni.txt"),
    bp("binh-phuoc.utf16le.txt"),
    bp("binh-phuoc.utf16be.txt"),
    lk("luu-kiem-wrapped-72.txt"),
    bp("binh-phuoc-wrapped-78.txt"),
    nl("ngoc-lien-page-breaks-wrapped-80.txt"),
    nl("ngoc-lien-dense-crlf.txt"),
    Expected {
        header: BP_PIPE_HEADER,
        ..bp("binh-phuoc-pipe-header.txt")
    },
    Expected {
        header: BP_PIPE_HEADER,
        ..bp("binh-phuoc-tab-header.txt")
    },
    Expected {
        header: BP_PIPE_HEADER,
        ..bp("binh-phuoc-header-word-per-line.txt")
    },
    Expected {
        header: (
            "",
            "KH-UBND",
            "Ngọc Liên",
            "2026-03-15",
            "Triển khai thực hiện công tác bảo trợ xã hội năm 2026",
        ),
        ..nl("ngoc-lien-no-type-line.txt")
    },
    lk("luu-kiem-part-styles.txt"),
    Expected {
        units: &[
            ("Phòng Văn hóa - Xã hội phường", 4),
            ("Phòng Kinh tế, Hạ tầng và Đô thị phường", 2),
            ("Trạm Y tế phường", 3),
            ("Công an phường", 2),
            ("Văn phòng HĐND và UBND phường", 1),
            ("Trung tâm Dịch vụ sự nghiệp công phường", 1),
            ("Các trường học trên địa bàn phường", 3),
            ("Ủy ban MTTQ Việt Nam phường", 4),
            ("các tổ chức chính trị - xã hội", 4),
            ("Các tổ dân phố", 2),
        ],
        items: 18,
        ..lk("luu-kiem-combined-units.txt")
    },
    Expected {
        file: "ke-hoach-qua-tet-bang-chi-tieu.txt",
        header: (
            "15",
            "KH-UBND",
            "Lưu Kiếm",
            "2026-01-05",
            "Thăm hỏi, tặng quà các đối tượng chính sách, hộ nghèo nhân dịp Tết Nguyên đán Bính Ngọ năm 2026",
        ),
        parts: 4,
        items: 8,
        units: &[
            ("Phòng Văn hóa - Xã hội phường", 1),
            ("Văn phòng HĐND và UBND phường", 1),
            ("Trung tâm Dịch vụ sự nghiệp công phường", 1),
            ("Ủy ban MTTQ Việt Nam phường", 1),
            ("các tổ chức chính trị - xã hội", 1),
        ],
        targets: &[
            ("bảo hiểm y tế", Some(95.0), Some(2026)),
            ("bảo hiểm y tế", Some(96.0), Some(2030)),
            ("bảo hiểm xã hội", Some(45.0), Some(2026)),
            ("bảo hiểm xã hội", Some(60.0), Some(2030)),
            ("phiên giao dịch việc làm", Some(2.0), Some(2026)),
            ("phiên giao dịch việc làm", Some(10.0), Some(2030)),
        ],
        citations: 1,
    },
    Expected {
        file: "cong-van-qua-tet-khong-dong-trong.txt",
        header: (
            "21",
            "UBND-VHXH",
            "Lưu Kiếm",
            "2026-01-12",
            "tặng quà Tết Nguyên đán Bính Ngọ năm 2026 cho người có công",
        ),
        parts: 0,
        items: 4,
        units: &[("Trạm Y tế phường", 1), ("Các tổ dân phố", 1)],
        targets: &[],
        citations: 1,
    },
];

fn read(file: &str) -> Vec<u8> {
    std::fs::read(dir().join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// Words (letters and digits), lowercased; a number is the same number zero-padded.
fn words(text: &str) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for word in text
        .nfc()
        .collect::<String>()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let word = if word.chars().all(|c| c.is_ascii_digit()) && word.len() > 1 {
            word.trim_start_matches('0').to_owned()
        } else {
            word.to_lowercase()
        };
        *out.entry(word).or_insert(0) += 1;
    }
    out
}

/// The source's words without what the plan file states by its fields rather than in words:
/// the motto, the labels `Số`, `ngày … tháng … năm`, `Kính gửi`, `Nơi nhận`, `V/v`, the type line
/// (`loai`) and the labels of parts written `Phần thứ nhất` / `Chương IV` (the part's numeral).
fn source_words(text: &str) -> BTreeMap<String, usize> {
    let mut text = text.nfc().collect::<String>();
    for (pattern, with) in [
        (r"(?i)cộng\s+hòa\s+xã\s+hội\s+chủ\s+nghĩa\s+việt\s+nam", " "),
        (r"(?i)độc\s+lập\s*-?\s*tự\s+do\s*-?\s*hạnh\s+phúc", " "),
        (r"(?m)^\s*KẾ\s+HOẠCH\s*$", " "),
        (r"(?m)^KẾ\nHOẠCH$", " "),
        (r"(?im)^\s*Số\b\s*:?", " "),
        (r"(?im)\|\s*Số\s*:", " "),
        (r",\s*ngày(\s+\d*)?\s+tháng\s+(\d*)\s*năm", " $1 $2 "),
        (r"(?m)^ngày(\s+\d*)?\s+tháng\s+(\d*)\s*năm", " $1 $2 "),
        (r"Nơi nhận:", " "),
        (r"Kính gửi:", " "),
        (r"(?m)^V/v", " "),
        (r"(?im)^(?:phần|chương)\s+(?:thứ\s+\S+|[IVX]+|\d+)\b", " "),
    ] {
        text = regex::Regex::new(pattern)
            .unwrap()
            .replace_all(&text, with)
            .into_owned();
    }
    words(&text)
}

/// How many of the source's words are in the imported file (counting repeats).
fn words_kept(source: &str, imported: &Imported) -> (usize, usize, Vec<String>) {
    let have = words(&imported.text);
    let (mut kept, mut total, mut missing) = (0, 0, Vec::new());
    for (word, count) in source_words(source) {
        let got = have.get(&word).copied().unwrap_or(0).min(count);
        kept += got;
        total += count;
        if got < count {
            missing.push(format!("{word} ({got}/{count})"));
        }
    }
    (kept, total, missing)
}

fn items(imported: &Imported) -> usize {
    let plan = &imported.plan;
    plan.body.parts.iter().map(|p| p.items.len()).sum::<usize>()
        + plan
            .body
            .parts
            .iter()
            .flat_map(|p| p.intro.iter().chain(p.items.iter().flat_map(|i| &i.blocks)))
            .chain(&plan.body.preamble)
            .filter_map(|b| match &b.kind {
                loa::model::BlockKind::List(l) if l.start.is_some() => Some(l.items.len()),
                _ => None,
            })
            .sum::<usize>()
}

/// The counts of one fixture, found and expected.
struct Row {
    file: &'static str,
    words: (usize, usize),
    parts: (usize, usize),
    items: (usize, usize),
    units: (usize, usize),
    duties: (usize, usize),
    targets: (usize, usize),
    citations: (usize, usize),
}

fn check(expected: &Expected) -> Result<Row, String> {
    let bytes = read(expected.file);
    let imported = import(Path::new(expected.file), &bytes, &site().context())
        .map_err(|e| format!("{}: not imported: {e}", expected.file))?;
    let (source, _) = decode::decode(&bytes).map_err(|e| format!("{e:?}"))?;
    let plan = &imported.plan;
    let mut problems = Vec::new();
    let f = expected.file;
    let (number, symbol, place, date, subject) = expected.header;
    let date_found = [
        plan.date.year.map(|y| y.to_string()),
        plan.date.month.map(|m| format!("{m:02}")),
        plan.date.day.map(|d| format!("{d:02}")),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join("-");
    let header_found = (
        plan.number.as_str(),
        plan.symbol.as_str(),
        plan.place.as_str(),
        date_found.as_str(),
    );
    if header_found != (number, symbol, place, date) {
        problems.push(format!(
            "header {header_found:?}, expected {:?}",
            (number, symbol, place, date)
        ));
    }
    if !plan
        .subject
        .to_lowercase()
        .starts_with(&subject.to_lowercase())
    {
        problems.push(format!("subject {:?}", plan.subject));
    }
    let issuer = imported.parsed.issuer.join(" ");
    if loa::locale::fold_diacritics(&issuer)
        .to_lowercase()
        .contains("cong hoa")
    {
        problems.push(format!("motto glued to the issuing body: {issuer:?}"));
    }
    let parts = plan
        .body
        .parts
        .iter()
        .filter(|p| p.numeral.is_some())
        .count();
    if parts != expected.parts {
        problems.push(format!("parts {parts}, expected {}", expected.parts));
    }
    let found_items = items(&imported);
    if found_items != expected.items {
        problems.push(format!("items {found_items}, expected {}", expected.items));
    }
    let units: Vec<(String, usize)> = plan
        .assignments
        .iter()
        .map(|a| (unit_key(&a.unit_name), a.duties.len()))
        .collect();
    let want_units: Vec<(String, usize)> = expected
        .units
        .iter()
        .map(|(n, d)| (unit_key(n), *d))
        .collect();
    if units != want_units {
        problems.push(format!("units {units:?}, expected {want_units:?}"));
    }
    let targets: Vec<(String, Option<f64>, Option<i32>)> = plan
        .targets
        .iter()
        .map(|t| {
            (
                t.text.plain.to_lowercase(),
                t.value,
                t.deadline.and_then(|d| d.year),
            )
        })
        .collect();
    let targets_ok = targets.len() == expected.targets.len()
        && targets.iter().zip(expected.targets).all(|(got, want)| {
            got.0.contains(&want.0.to_lowercase()) && (got.1, got.2) == (want.1, want.2)
        });
    if !targets_ok {
        problems.push(format!("targets {targets:?}"));
    }
    if imported.citations.len() != expected.citations {
        problems.push(format!(
            "citations {:?}, expected {}",
            imported.citations, expected.citations
        ));
    }
    let (kept, total, missing) = words_kept(&source, &imported);
    if !missing.is_empty() {
        problems.push(format!("words lost: {missing:?}"));
    }
    if !imported.parsed.unplaced.is_empty() {
        problems.push(format!("unplaced: {:?}", imported.parsed.unplaced));
    }
    if !problems.is_empty() {
        return Err(format!("{f}:\n  {}", problems.join("\n  ")));
    }
    let duties = |u: &[(String, usize)]| u.iter().map(|(_, d)| d).sum::<usize>();
    Ok(Row {
        file: expected.file,
        words: (kept, total),
        parts: (parts, expected.parts),
        items: (found_items, expected.items),
        units: (units.len(), want_units.len()),
        duties: (duties(&units), duties(&want_units)),
        targets: (targets.len(), expected.targets.len()),
        citations: (imported.citations.len(), expected.citations),
    })
}

#[test]
fn corpus_imports_to_the_expected_structure() {
    let mut failures = Vec::new();
    let mut rows = Vec::new();
    for expected in CORPUS {
        match check(expected) {
            Ok(row) => rows.push(row),
            Err(e) => failures.push(e),
        }
    }
    println!("| fixture | words kept | parts | items | units | duties | targets | citations |");
    println!("|---|---|---|---|---|---|---|---|");
    let pair = |(a, b): (usize, usize)| format!("{a}/{b}");
    for r in &rows {
        println!(
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            r.file,
            pair(r.words),
            pair(r.parts),
            pair(r.items),
            pair(r.units),
            pair(r.duties),
            pair(r.targets),
            pair(r.citations)
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Every fixture of the folder is in the table.
    let listed: Vec<&str> = CORPUS.iter().map(|e| e.file).collect();
    for entry in std::fs::read_dir(dir()).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name.ends_with(".txt") && !name.contains("refused") {
            assert!(listed.contains(&name.as_str()), "{name} is not in CORPUS");
        }
    }
}

/// The three real documents as an office's converter writes them in each encoding. The files
/// are committed; this test checks that they are exactly the real documents so encoded
/// (`LOA_WRITE_FIXTURES=1` writes them again).
#[test]
fn encoded_fixtures_are_the_real_documents() {
    let documents = common::example_root().join("tests/fixtures/documents");
    for (stem, file) in [
        ("luu-kiem", "ke-hoach-tro-giup-xa-hoi-luu-kiem-2026.txt"),
        ("ngoc-lien", "ke-hoach-bao-tro-xa-hoi-ngoc-lien-2026.txt"),
        ("binh-phuoc", "ke-hoach-an-sinh-xa-hoi-binh-phuoc-2026.txt"),
    ] {
        let text = std::fs::read_to_string(documents.join(file)).unwrap();
        let mut le = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let mut be = vec![0xFE, 0xFF];
        be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        for (encoding, bytes) in [
            ("utf8", text.clone().into_bytes()),
            ("cp1258", decode::encode_cp1258(&text)),
            ("tcvn3", decode::encode_tcvn3(&text)),
            ("vni", decode::encode_vni(&text)),
            ("utf16le", le),
            ("utf16be", be),
        ] {
            let name = format!("{stem}.{encoding}.txt");
            if std::env::var_os("LOA_WRITE_FIXTURES").is_some() {
                std::fs::write(dir().join(&name), &bytes).unwrap();
            }
            assert!(
                read(&name) == bytes,
                "{name} differs from {file} in {encoding}"
            );
        }
    }
}

#[test]
fn windows_1258_is_read_as_windows_1258() {
    let bytes = read("luu-kiem.cp1258.txt");
    // Combining tone marks after their letters: `Ủy` is `U` + U+0309.
    assert!(std::str::from_utf8(&bytes).is_err());
    let (text, encoding) = decode::decode(&bytes).unwrap();
    assert_eq!(encoding, decode::Encoding::Cp1258);
    assert!(
        text.contains("Ủy ban nhân dân phường Lưu Kiếm"),
        "{}",
        &text[..300]
    );
    let imported = import(Path::new("luu-kiem.cp1258.txt"), &bytes, &site().context()).unwrap();
    assert!(
        imported
            .warnings
            .iter()
            .any(|d| d.code == "import_cp1258_converted")
    );
    assert!(!imported.text.contains("UỀY"));
}

/// Each real document read in every wrong way: the share of Vietnamese syllables, printed, and
/// the threshold between the right readings and the wrong ones.
#[test]
fn reading_share_separates_right_and_wrong_decodings() {
    use encoding_rs::{WINDOWS_1252, WINDOWS_1258};
    let mut right = Vec::new();
    let mut wrong = Vec::new();
    for stem in ["luu-kiem", "ngoc-lien", "binh-phuoc"] {
        for encoding in ["utf8", "cp1258", "tcvn3", "vni", "utf16le", "utf16be"] {
            let bytes = read(&format!("{stem}.{encoding}.txt"));
            let (text, _) = decode::decode(&bytes).unwrap();
            right.push((
                format!("{stem}.{encoding}"),
                vietnamese::reading(&text).share(),
            ));
        }
        let as_1258 = |e: &str| {
            WINDOWS_1258
                .decode_without_bom_handling(&read(&format!("{stem}.{e}.txt")))
                .0
                .into_owned()
        };
        let as_1252 = |e: &str| {
            WINDOWS_1252
                .decode_without_bom_handling(&read(&format!("{stem}.{e}.txt")))
                .0
                .into_owned()
        };
        for (label, text) in [
            ("utf8 as windows-1252", as_1252("utf8")),
            ("tcvn3 as windows-1258", as_1258("tcvn3")),
            ("vni as windows-1258", as_1258("vni")),
            ("vni as windows-1252", as_1252("vni")),
            ("cp1258 as windows-1252", as_1252("cp1258")),
        ] {
            wrong.push((
                format!("{stem}: {label}"),
                vietnamese::reading(&text).share(),
            ));
        }
    }
    for (label, share) in right.iter().chain(&wrong) {
        println!("{label}: {share:.3}");
    }
    let lowest_right = right.iter().map(|r| r.1).fold(1.0, f64::min);
    let highest_wrong = wrong.iter().map(|r| r.1).fold(0.0, f64::max);
    println!("lowest right {lowest_right:.3}, highest wrong {highest_wrong:.3}");
    assert!(lowest_right > vietnamese::THRESHOLD, "{right:?}");
    assert!(highest_wrong < vietnamese::THRESHOLD, "{wrong:?}");
}

/// UTF-8 bytes once read as Windows-1252 and saved again as UTF-8 (`Káº¿ hoáº¡ch`): refused with
/// the line where it shows, never written.
#[test]
fn text_that_does_not_read_as_vietnamese_is_refused_with_its_line() {
    let bytes = read("luu-kiem.mojibake-refused.txt");
    let error = import(
        Path::new("luu-kiem.mojibake-refused.txt"),
        &bytes,
        &site().context(),
    )
    .unwrap_err();
    assert_eq!(error.code, "import_not_vietnamese");
    let shown = error.to_string();
    assert!(
        shown.starts_with("luu-kiem.mojibake-refused.txt:5:1: lỗi: Đọc theo bảng mã UTF-8"),
        "{shown}"
    );
    // The line `LÆ°u Kiáº¿m, ngÃ y thÃ¡ng nÄƒm 2026`, with words from it.
    assert!(shown.contains("«LÆ Kiáº ng»"), "{shown}");
}

/// The rejoining rules on the figures fixture, as a reader sees them.
#[test]
fn figures_and_years_at_line_starts_are_text() {
    let file = "cong-van-qua-tet-khong-dong-trong.txt";
    let imported = import(Path::new(file), &read(file), &site().context()).unwrap();
    let mut shown = Vec::new();
    imported
        .plan
        .body
        .for_each_inline(&mut |t: &loa::model::Inline, _| shown.push(t.plain.clone()));
    assert!(
        shown.contains(&"Mức quà tặng: mỗi suất 500.000 đồng; tổng số 1.500 suất quà.".to_owned()),
        "{shown:#?}"
    );
    assert!(
        shown.contains(
            &"2026 là năm phường lần đầu tặng quà bằng chuyển khoản cho người có tài khoản ngân hàng."
                .to_owned()
        ),
        "{shown:#?}"
    );
    // Numbered points that name no body are not proposed as units.
    assert!(
        imported.proposed_units.is_empty(),
        "{:?}",
        imported.proposed_units
    );
    let file = "ke-hoach-qua-tet-bang-chi-tieu.txt";
    let imported = import(Path::new(file), &read(file), &site().context()).unwrap();
    // The table whose last row lacks a cell is kept line by line and reported.
    let warning = imported
        .warnings
        .iter()
        .find(|d| d.code == "import_table_irregular")
        .expect("a warning for the irregular table");
    assert_eq!(warning.location.as_ref().map(|l| l.line), Some(43));
    assert!(imported.text.contains("\n\nHộ nghèo, hộ cận nghèo\n\n"));
    assert!(
        imported.text.contains(
            "| 2 | Tỷ lệ lao động trong độ tuổi tham gia bảo hiểm xã hội | % | 45 | 60 |"
        )
    );
}

/// The shape of an import: parts, and each unit with its duty count (names compared without
/// case and marks: TCVN3 writes capitals with tone marks as small letters).
fn shape(imported: &Imported) -> (usize, Vec<(String, usize)>, usize) {
    (
        imported.plan.body.parts.len(),
        imported
            .plan
            .assignments
            .iter()
            .map(|a| (unit_key(&a.unit_name), a.duties.len()))
            .collect(),
        imported.plan.targets.len(),
    )
}

/// Wraps every line at `width` columns and splits paragraphs at the word indices in `breaks`
/// (a blank line, as a page break does) where the word before does not end a sentence.
fn export(text: &str, width: usize, breaks: &[usize]) -> String {
    let mut out = Vec::new();
    for line in text.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        let mut current = String::new();
        for (i, word) in words.iter().enumerate() {
            let page_break = words.len() > 30
                && breaks.contains(&i)
                && i > 0
                && !words[i - 1].ends_with(['.', ';', ':'])
                && !current.is_empty();
            if page_break {
                out.push(std::mem::take(&mut current));
                out.push(String::new());
            } else if !current.is_empty()
                && current.chars().count() + 1 + word.chars().count() > width
            {
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

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(12)
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: cases(), ..Default::default() })]

    /// A real document re-wrapped at any width from 60 to 110 columns, broken by page breaks
    /// anywhere in its long paragraphs, and saved in any encoding imports to the same parts,
    /// units, duties and targets as the clean UTF-8 copy.
    #[test]
    fn fuzz_rewrapped_and_reencoded_documents_keep_their_structure(
        doc in 0usize..3,
        width in 60usize..110,
        // Word keeps at least one full line of a paragraph before a page break (widow and
        // orphan control; a line of 13-14 pt on A4 holds about 15 words), so a page break falls
        // after the 15th word or later.
        breaks in proptest::collection::vec(15usize..60, 0..3),
        encoding in 0usize..5,
    ) {
        let stem = ["luu-kiem", "ngoc-lien", "binh-phuoc"][doc];
        let clean = String::from_utf8(read(&format!("{stem}.utf8.txt"))).unwrap();
        let want = shape(&import(Path::new("a.txt"), clean.as_bytes(), &site().context()).unwrap());
        let text = export(&clean, width, &breaks);
        let bytes = match encoding {
            0 => text.into_bytes(),
            1 => decode::encode_cp1258(&text),
            2 => decode::encode_tcvn3(&text),
            3 => decode::encode_vni(&text),
            _ => {
                let mut le = vec![0xFF, 0xFE];
                le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
                le
            }
        };
        let imported = import(Path::new("a.txt"), &bytes, &site().context());
        proptest::prop_assert!(imported.is_ok(), "{:?}", imported.err());
        let got = shape(&imported.unwrap());
        proptest::prop_assert_eq!(got, want);
    }
}
