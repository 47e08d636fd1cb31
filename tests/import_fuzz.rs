//! The importer never panics: arbitrary bytes and text built from the genre's own pieces (headers,
//! Roman parts, numbers, bullets, tables, pipes, marks, legacy bytes) give a plan file or a located
//! error. Inputs that once broke it are kept in tests/fixtures/import-corpus/ and run every time;
//! proptest keeps its own failure seeds in proptest-regressions/.

mod common;

use std::path::Path;

use loa::import::{SiteData, import};
use proptest::prelude::*;

fn site() -> &'static SiteData {
    static SITE: std::sync::OnceLock<SiteData> = std::sync::OnceLock::new();
    SITE.get_or_init(|| SiteData::read(&common::example_root()))
}

fn run(name: &str, bytes: &[u8]) {
    match import(Path::new(name), bytes, &site().context()) {
        Ok(imported) => {
            // What was written reads back as a plan (import checks it) and keeps every line.
            assert!(imported.text.starts_with("+++\n"));
        }
        Err(error) => {
            let location = error.location.expect("an import error names the file");
            assert_eq!(location.file, Path::new(name));
        }
    }
}

const PIECES: &[&str] = &[
    "ỦY BAN NHÂN DÂN",
    "PHƯỜNG A | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "|",
    "Số: /KH-UBND",
    "Số 12/UBND-VHXH",
    "A, ngày tháng năm 2026",
    "ngày 04 tháng 3 năm",
    "KẾ HOẠCH",
    "V/v",
    "V/v triển khai",
    "Kính gửi:",
    "Thực hiện Kế hoạch số 73/KH-SYT ngày 04/3/2026 của Sở Y tế về việc",
    "I. MỤC TIÊU",
    "II. CHỈ TIÊU",
    "IV. TỔ CHỨC THỰC HIỆN",
    "1. Trạm Y tế phường",
    "2. Đề nghị Ủy ban MTTQ:",
    "1.1. Mục",
    "- Tỷ lệ người dân tham gia bảo hiểm y tế đạt 96%.",
    "+ phối hợp",
    "* ý",
    "**",
    "*",
    "TT",
    "STT",
    "1",
    "%",
    "96",
    "| a | b |",
    "|---|---|",
    "Trên đây là kế hoạch./.",
    "Nơi nhận:",
    "- Lưu: VT.",
    "TM. ỦY BAN NHÂN DÂN",
    "KT. CHỦ TỊCH",
    "PHÓ CHỦ TỊCH",
    "Nguyễn Văn An",
    "(Đã ký)",
    "Luật Người khuyết tật",
    "Luật",
    "\"\"\"",
    "+++",
    "## tiêu đề",
    "<script>",
    "[liên kết](x)",
    "\\",
    "`",
    "\u{feff}",
    "\r",
    "",
    "",
];

fn genre_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(PIECES).prop_map(str::to_owned),
            1 => "\\PC{0,40}",
        ],
        0..60,
    )
    .prop_map(|lines| lines.join("\n"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn genre_text_never_panics(text in genre_text()) {
        run("van-ban.txt", text.as_bytes());
        run("van-ban.md", text.as_bytes());
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        run("van-ban.txt", &bytes);
        run("van-ban.docx", &bytes);
    }
}

#[test]
fn the_kept_corpus_imports_or_fails_cleanly() {
    let dir = common::example_root().join("tests/fixtures/import-corpus");
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        run(&name, &bytes);
        count += 1;
    }
    assert!(count >= 5, "the corpus is in {}", dir.display());
}
