//! Fuzz targets for the front matter and Markdown loader of every content kind (plans, news,
//! pages, leaflets, campaigns, reports). Inputs are the real files of the example wards with
//! random edits (deep nesting, long lines, odd Unicode, NUL and invalid bytes, CRLF, a BOM, an
//! unclosed `+++`, cut-off text) and files built at random from the pieces the genre is made of.
//! For each: no panic; every error names the fuzzed file and a line inside it; a file that loads
//! renders every page without panic and without a script link. Bounded by default; set
//! `PROPTEST_CASES` for a long run (`bench/fuzz.sh`).

mod common;

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use loa::diagnostics::Diagnostics;
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::TestCaseError;

/// Cases per target when `PROPTEST_CASES` is not set (each case checks and renders a small site).
const DEFAULT_CASES: u32 = 24;

#[derive(Debug, Clone, Copy)]
enum Kind {
    Plan,
    News,
    Page,
    Leaflet,
    Campaign,
    Report,
}

impl Kind {
    fn dir(self) -> &'static str {
        match self {
            Kind::Plan => "content/plans",
            Kind::News => "content/news",
            Kind::Page => "content/pages",
            Kind::Leaflet => "content/leaflets",
            Kind::Campaign => "content/campaigns",
            Kind::Report => "content/reports",
        }
    }

    /// Front matter lines the kind knows, with values typical and odd.
    fn fields(self) -> &'static [&'static str] {
        match self {
            Kind::Plan => &[
                "loai = \"KH\"",
                "loai = \"CV\"",
                "loai = \"QD\"",
                "so = \"12\"",
                "ky_hieu = \"KH-UBND\"",
                "ngay = \"2026-03-04\"",
                "ngay = \"2026-02-30\"",
                "noi_ban_hanh = \"Lưu Kiếm\"",
                "trich_yeu = \"Thực hiện công tác trợ giúp xã hội năm 2026\"",
                "kinh_gui = [\"Trạm Y tế phường\"]",
                "the = [\"người cao tuổi\"]",
                "loi_ket = \"Trên đây là **Kế hoạch** [xem](/lien-he/).\"",
                "loi_ket = \"[x](javascript:alert(1))\"",
                "noi_nhan = [\"Như trên;\", \"Lưu: VT.\"]",
                "[nguoi_ky]\nchuc_vu = \"CHỦ TỊCH\"\nho_ten = \"Nguyễn Văn An\"",
                "[[chi_tieu]]\nkhop = \"bảo hiểm y tế\"\nchi_so = \"ty-le-bhyt\"\ngia_tri = 96.5\nso_sanh = \"toi_da\"",
                "[[chi_tieu]]\nkhop = \"không có\"\nhan = \"2027\"",
            ],
            Kind::News | Kind::Page => &[
                "tieu_de = \"Thăm hỏi người khuyết tật\"",
                "tieu_de = \"\"",
                "ngay = \"2026-04-17\"",
                "ngay = \"2026-13-01\"",
                "ngay = \"2027-01-01\"",
                "tom_tat = \"Tóm tắt\"",
                "the = [\"người khuyết tật\"]",
                "phat_thanh = true",
                "thu_tu_menu = 3",
                "duong_dan = \"gioi-thieu\"",
                "duong_dan = \"../../x\"",
            ],
            Kind::Leaflet => &[
                "tieu_de = \"Chăm sóc người cao tuổi\"",
                "phu_de = \"Những điều cần biết\"",
                "ngay_ky_niem = \"ngay-nguoi-cao-tuoi-viet-nam\"",
                "ngay_ky_niem = \"khong-co\"",
                "lien_ket = \"/lien-he/\"",
                "lien_ket = \"https://x.vn\"",
                "diem_chinh = [\"Từ 80 tuổi được trợ cấp\"]",
                "noi_ho_tro = [\"Bộ phận một cửa\"]",
            ],
            Kind::Campaign => &[
                "ten = \"Mừng thọ người cao tuổi\"",
                "tu = \"2026-02-01\"",
                "den = \"2026-02-28\"",
                "den = \"2025-01-01\"",
                "ky = \"2026-02\"",
                "ky = \"2026-Q5\"",
                "tom_tat = \"Chúc thọ, mừng thọ.\"",
                "[[muc_tieu]]\nchi_so = \"nguoi-cao-tuoi-mung-tho\"\ngia_tri = 380",
                "[[muc_tieu]]\nchi_so = \"khong-co\"\ngia_tri = -1",
            ],
            Kind::Report => &[
                "tieu_de = \"Báo cáo kết quả quý III năm 2026\"",
                "ky = \"2026-Q3\"",
                "ky = \"2026\"",
                "so = \"5\"",
                "ky_hieu = \"BC-UBND\"",
                "ngay = \"2026-10\"",
                "kinh_gui = [\"Sở Y tế\"]",
                "chi_so_chinh = [\"tro-cap-xa-hoi\", \"khong-co\"]",
                "trich_yeu = \"Kết quả\"",
                "noi_nhan = [\"Lưu: VT.\"]",
                "[nguoi_ky]\nho_ten = \"Trần Thị B\"",
            ],
        }
    }
}

/// Lines and fragments the genre is made of, and ones that have broken parsers elsewhere.
const BODY_PIECES: &[&str] = &[
    "Căn cứ Luật Người cao tuổi ngày 23 tháng 11 năm 2009;",
    "Thực hiện Kế hoạch số 73/KH-SYT ngày 04/3/2026 của Sở Y tế;",
    "Nghị định số 20/2021/NĐ-CP",
    "## I. MỤC ĐÍCH, YÊU CẦU",
    "## II. CHỈ TIÊU",
    "## IV. TỔ CHỨC THỰC HIỆN",
    "## Tình hình chung",
    "### 1. Trạm Y tế phường",
    "### 2. Đề nghị Ủy ban MTTQ Việt Nam phường",
    "#### a) Việc nhỏ",
    "# Tiêu đề cấp một",
    "- Tỷ lệ người dân tham gia bảo hiểm y tế đạt 96,5%.",
    "- Duy trì không còn hộ nghèo đến năm 2027.",
    "  + phối hợp với các tổ dân phố",
    "    - cấp ba",
    "1. Mục một",
    "2) Mục hai",
    "* sao",
    "> trích dẫn",
    "> > trích dẫn lồng",
    "> - danh sách trong trích dẫn",
    "| TT | Nội dung | Đơn vị | Kế hoạch |",
    "|---|---|---|---|",
    "| 1 | Tỷ lệ BHYT | % | 96,5 |",
    "| a | b |",
    "|",
    "```",
    "    mã thụt lề",
    "<div onclick=\"x\">html</div>",
    "<script>alert(1)</script>",
    "**đậm** *nghiêng* ~~gạch~~ `mã`",
    "***",
    "---",
    "+++",
    "[liên kết](/lien-he/)",
    "[ngoài](https://thuvienphapluat.vn)",
    "[thư](mailto:a@b.vn) [gọi](tel:0225)",
    "[x](javascript:alert(1))",
    "<JavaScript:alert(1)>",
    "![ảnh](data:text/html,x)",
    "[r]: vbscript:x",
    "[tham chiếu][r]",
    "&#106;avascript:",
    "[",
    "](",
    "\\",
    "*",
    "_",
    "",
    "",
    "",
    "\u{feff}",
    "\u{0}",
    "\u{200d}\u{202e}\u{fffd}\u{ffff}",
    "e\u{301}\u{323}\u{302}",
    "Ủy ban nhân dân phường Lưu Kiếm 😀",
];

/// Markers whose repetition nests: lists, quotes, emphasis, brackets.
const NESTERS: &[&str] = &[
    "- ", "> ", "1. ", "* ", "+ ", "> - ", "- > ", "*", "**", "_", "[", "![", "<", "~~", "`",
];

#[derive(Debug, Clone)]
enum Edit {
    Insert(Index, String),
    Delete(Index, usize),
    DuplicateLine(Index),
    Nest(Index, &'static str, usize),
    LongLine(Index, char, usize),
    Bytes(Index, Vec<u8>),
    Crlf,
    Bom,
    Unclose,
    Truncate(Index),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        4 => (any::<Index>(), prop_oneof![
            prop::sample::select(BODY_PIECES).prop_map(|p| format!("\n{p}\n")),
            prop::sample::select(BODY_PIECES).prop_map(str::to_owned),
            "\\PC{0,20}",
            any::<String>(),
        ]).prop_map(|(at, s)| Edit::Insert(at, s)),
        2 => (any::<Index>(), 0usize..200).prop_map(|(at, n)| Edit::Delete(at, n)),
        1 => any::<Index>().prop_map(Edit::DuplicateLine),
        2 => (any::<Index>(), prop::sample::select(NESTERS), prop_oneof![1usize..20, 20usize..3000])
            .prop_map(|(at, m, n)| Edit::Nest(at, m, n)),
        1 => (any::<Index>(), prop::sample::select(vec!['a', 'đ', ' ', '|', '*', '-', '😀', '\u{301}']), 1usize..60_000)
            .prop_map(|(at, c, n)| Edit::LongLine(at, c, n)),
        1 => (any::<Index>(), prop::collection::vec(any::<u8>(), 1..8)).prop_map(|(at, b)| Edit::Bytes(at, b)),
        1 => Just(Edit::Crlf),
        1 => Just(Edit::Bom),
        1 => Just(Edit::Unclose),
        1 => any::<Index>().prop_map(Edit::Truncate),
    ]
}

/// A byte offset of `text` at `at`, moved back to the start of a UTF-8 character.
fn offset(text: &[u8], at: &Index) -> usize {
    let mut i = at.index(text.len() + 1);
    while i > 0 && i < text.len() && (text[i] & 0xC0) == 0x80 {
        i -= 1;
    }
    i
}

fn apply(text: &mut Vec<u8>, edit: &Edit) {
    match edit {
        Edit::Insert(at, s) => {
            let i = offset(text, at);
            text.splice(i..i, s.bytes());
        }
        Edit::Delete(at, n) => {
            let i = offset(text, at);
            let end = (i + n).min(text.len());
            text.drain(i..end);
        }
        Edit::DuplicateLine(at) => {
            let i = offset(text, at);
            let start = text[..i]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |p| p + 1);
            let end = text[i..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(text.len(), |p| i + p + 1);
            let line = text[start..end].to_vec();
            text.splice(end..end, line);
        }
        Edit::Nest(at, marker, n) => {
            let i = offset(text, at);
            let line = format!("\n\n{}x\n", marker.repeat(*n));
            text.splice(i..i, line.into_bytes());
        }
        Edit::LongLine(at, c, n) => {
            let i = offset(text, at);
            let line: String = std::iter::repeat_n(*c, *n).collect();
            text.splice(i..i, line.into_bytes());
        }
        Edit::Bytes(at, bytes) => {
            let i = offset(text, at);
            text.splice(i..i, bytes.iter().copied());
        }
        Edit::Crlf => {
            let crlf = String::from_utf8_lossy(text).replace('\n', "\r\n");
            *text = crlf.into_bytes();
        }
        Edit::Bom => text.splice(0..0, "\u{feff}".bytes()).for_each(drop),
        Edit::Unclose => {
            // Drops the closing `+++` line.
            let s = String::from_utf8_lossy(text).into_owned();
            if let Some(first) = s.find("+++")
                && let Some(second) = s[first + 3..].find("+++")
            {
                let at = first + 3 + second;
                let mut out = s.into_bytes();
                out.drain(at..at + 3);
                *text = out;
            }
        }
        Edit::Truncate(at) => {
            let i = offset(text, at);
            text.truncate(i);
        }
    }
}

/// One fuzz input: a real file with edits, or a file built from pieces.
#[derive(Debug, Clone)]
enum Input {
    Mutated {
        seed: Index,
        edits: Vec<Edit>,
    },
    Built {
        front: Vec<String>,
        body: Vec<String>,
        closed: bool,
        crlf: bool,
    },
}

fn input(kind: Kind) -> impl Strategy<Value = Input> {
    let front_line = prop_oneof![
        6 => prop::sample::select(kind.fields()).prop_map(str::to_owned),
        1 => "\\PC{0,30}",
        1 => ("[a-z_]{1,12}", any::<String>())
            .prop_map(|(k, v)| format!("{k} = {}", toml::Value::String(v))),
    ];
    let body_line = prop_oneof![
        6 => prop::sample::select(BODY_PIECES).prop_map(str::to_owned),
        2 => "\\PC{0,60}",
        1 => any::<String>(),
        1 => (prop::sample::select(NESTERS), 1usize..400).prop_map(|(m, n)| format!("{}x", m.repeat(n))),
    ];
    prop_oneof![
        3 => (any::<Index>(), prop::collection::vec(edit(), 1..5))
            .prop_map(|(seed, edits)| Input::Mutated { seed, edits }),
        2 => (
            prop::collection::vec(front_line, 0..12),
            prop::collection::vec(body_line, 0..40),
            prop::bool::weighted(0.9),
            prop::bool::weighted(0.1),
        )
            .prop_map(|(front, body, closed, crlf)| Input::Built { front, body, closed, crlf }),
    ]
}

fn bytes_of(input: &Input, seeds: &[Vec<u8>]) -> Vec<u8> {
    match input {
        Input::Mutated { seed, edits } => {
            let mut text = seeds[seed.index(seeds.len())].clone();
            for edit in edits {
                apply(&mut text, edit);
            }
            text
        }
        Input::Built {
            front,
            body,
            closed,
            crlf,
        } => {
            let mut text = format!("+++\n{}\n", front.join("\n"));
            if *closed {
                text.push_str("+++\n");
            }
            text.push_str(&body.join("\n"));
            text.push('\n');
            if *crlf {
                text = text.replace('\n', "\r\n");
            }
            text.into_bytes()
        }
    }
}

/// The real files of `kind` in the example wards.
fn seeds(kind: Kind) -> Vec<Vec<u8>> {
    let root = common::example_root();
    let mut roots = vec![root.clone()];
    for entry in std::fs::read_dir(root.join("examples")).unwrap() {
        roots.push(entry.unwrap().path());
    }
    let mut seeds = Vec::new();
    for site in roots {
        let Ok(dir) = std::fs::read_dir(site.join(kind.dir())) else {
            continue;
        };
        let mut files: Vec<PathBuf> = dir.map(|e| e.unwrap().path()).collect();
        files.sort();
        for file in files {
            if file.extension().is_some_and(|e| e == "md") {
                seeds.push(std::fs::read(file).unwrap());
            }
        }
    }
    assert!(!seeds.is_empty(), "no {} in the examples", kind.dir());
    seeds
}

/// A site with the example's settings and registries and no content but the fuzzed file. Only
/// campaigns and reports get the statistics (the slowest part of a build to render); plans get
/// the indicators their targets name.
fn site(kind: Kind) -> tempfile::TempDir {
    let root = common::example_root();
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(root.join("site.toml"), dir.path().join("site.toml")).unwrap();
    let wanted = |path: &Path| {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        match kind {
            Kind::Campaign | Kind::Report => true,
            Kind::Plan => !path.starts_with(root.join("data/stats")),
            _ => !path.starts_with(root.join("data/stats")) && name != "indicators.toml",
        }
    };
    for entry in walkdir::WalkDir::new(root.join("data"))
        .into_iter()
        .filter_entry(|e| wanted(e.path()))
    {
        let entry = entry.unwrap();
        let target = dir.path().join(entry.path().strip_prefix(&root).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(target).unwrap();
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
    dir
}

/// Takes pages as they are rendered, noting any `href` or `src` that would run a script.
#[derive(Default)]
struct Pages {
    script_links: Mutex<Vec<String>>,
}

impl loa::render::Sink for Pages {
    fn put(&self, path: &str, bytes: &[u8]) -> std::io::Result<()> {
        if path.ends_with(".html") || path.ends_with(".xml") {
            let text = String::from_utf8_lossy(bytes).to_lowercase();
            for attribute in ["href=\"", "src=\""] {
                for (i, _) in text.match_indices(attribute) {
                    let value: String = text[i + attribute.len()..]
                        .chars()
                        .take_while(|&c| c != '"')
                        .filter(|c| !c.is_whitespace() && !c.is_control())
                        .collect();
                    if ["javascript:", "vbscript:", "data:"]
                        .iter()
                        .any(|s| value.starts_with(s))
                    {
                        self.script_links
                            .lock()
                            .unwrap()
                            .push(format!("{path}: {value}"));
                    }
                }
            }
        }
        Ok(())
    }
}

/// Loads `bytes` as `file` of `site`, checks where each problem is, and renders it if it loads.
/// Returns whether the input loaded and was rendered.
fn check(site: &Path, file: &Path, bytes: &[u8]) -> Result<bool, TestCaseError> {
    std::fs::write(site.join(file), bytes).unwrap();
    let text = loa::locale::text::normalize(&String::from_utf8_lossy(bytes));
    let last_line = text.matches('\n').count() + 1;
    let mut diagnostics = Diagnostics::new();
    let checked = loa::build::check(site, common::test_date(), &mut diagnostics);
    for d in diagnostics.iter() {
        let in_file = d.location.as_ref().filter(|l| l.file == file);
        if d.is_error() {
            prop_assert!(
                in_file.is_some(),
                "error not located in {}: {d}",
                file.display()
            );
        }
        if let Some(location) = in_file {
            prop_assert!(
                (1..=last_line).contains(&location.line),
                "line {} outside 1..={last_line}: {d}",
                location.line
            );
        }
    }
    if diagnostics.has_errors() {
        return Ok(false);
    }
    let Some(mut checked) = checked else {
        return Err(TestCaseError::fail("no errors, yet nothing to render"));
    };
    checked.site.outputs = loa::model::Outputs {
        pdf: std::env::var_os("LOA_FUZZ_PDF").is_some(),
        search_index: false,
        pdf_in_background: false,
        print_shop: false,
    };
    let pages = Pages::default();
    if let Err(errors) = loa::build::render_into(&checked, &pages) {
        for e in errors {
            prop_assert!(
                e.location.as_ref().is_some_and(|l| l.file == file),
                "render error not located in {}: {e}",
                file.display()
            );
        }
    }
    let script_links = pages.script_links.into_inner().unwrap();
    prop_assert!(script_links.is_empty(), "{script_links:?}");
    Ok(true)
}

fn fuzz(name: &str, kind: Kind) {
    let seeds = seeds(kind);
    let site = site(kind);
    std::fs::create_dir_all(site.path().join(kind.dir())).unwrap();
    let file = Path::new(kind.dir()).join("fuzz.md");
    let rendered = AtomicUsize::new(0);
    common::fuzz::run(name, DEFAULT_CASES, input(kind), |input| {
        if check(site.path(), &file, &bytes_of(&input, &seeds))? {
            rendered.fetch_add(1, Ordering::Relaxed);
        }
        Ok(())
    });
    eprintln!(
        "{name}: {} inputs loaded and rendered, the others refused with located errors",
        rendered.load(Ordering::Relaxed)
    );
}

#[test]
fn fuzz_plans() {
    fuzz("fuzz_plans", Kind::Plan);
}

#[test]
fn fuzz_news() {
    fuzz("fuzz_news", Kind::News);
}

#[test]
fn fuzz_pages() {
    fuzz("fuzz_pages", Kind::Page);
}

#[test]
fn fuzz_leaflets() {
    fuzz("fuzz_leaflets", Kind::Leaflet);
}

#[test]
fn fuzz_campaigns() {
    fuzz("fuzz_campaigns", Kind::Campaign);
}

#[test]
fn fuzz_reports() {
    fuzz("fuzz_reports", Kind::Report);
}
