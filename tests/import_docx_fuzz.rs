//! The Word reader never panics or hangs: Word files built from the genre's pieces, then
//! mutated (XML cut, bytes flipped, tags inserted, parts dropped, the zip itself damaged), give
//! a plan file or an error naming the file. `PROPTEST_CASES=5000 cargo test --release --test
//! import_docx_fuzz` for a long run; proptest keeps failure seeds in proptest-regressions/.

mod common;

use std::path::Path;

use common::word::{
    HEADING_1, HEADING_2, LETTER, LIST_BULLET, LIST_BULLET_2, UNIT, pack, para, parts, styled,
    styled_docx, zip_parts,
};
use loa::import::{SiteData, import};
use proptest::prelude::*;

fn run(bytes: &[u8]) {
    let name = "van-ban.docx";
    match import(Path::new(name), bytes, &SiteData::default().context()) {
        Ok(imported) => assert!(imported.text.starts_with("+++\n")),
        Err(error) => {
            let location = error.location.expect("an import error names the file");
            assert_eq!(location.file, Path::new(name));
        }
    }
}

const TEXTS: &[&str] = &[
    "Số: 12/KH-UBND",
    "An Phú, ngày 04 tháng 3 năm 2026",
    "KẾ HOẠCH",
    "Chăm sóc người cao tuổi",
    "MỤC ĐÍCH",
    "TỔ CHỨC THỰC HIỆN",
    "Trạm Y tế phường",
    "Đề nghị Hội Nông dân",
    "Tỷ lệ đạt 96%.",
    "phối hợp thực hiện",
    "Nơi nhận:",
    "TM. ỦY BAN NHÂN DÂN",
    "CHỦ TỊCH",
    "Nguyễn Văn An",
    "| a | b |",
    "*",
    "",
];

const STYLES: &[&str] = &[
    "",
    HEADING_1,
    HEADING_2,
    LETTER,
    LIST_BULLET,
    LIST_BULLET_2,
    UNIT,
    "Missing",
];

/// Tags inserted at random places in document.xml.
const TAGS: &[&str] = &[
    "<w:p>",
    "</w:p>",
    "<w:tbl><w:tr><w:tc>",
    "</w:tc></w:tr></w:tbl>",
    "<w:sym w:font=\"Symbol\" w:char=\"F0B3\"/>",
    "<w:sym w:char=\"zz\"/>",
    "<w:numPr><w:numId w:val=\"10\"/><w:ilvl w:val=\"99\"/></w:numPr>",
    "<w:gridSpan w:val=\"100000\"/>",
    "<w:vMerge/>",
    "<w:footnoteReference w:id=\"7\"/>",
    "<w:br/>",
    "<w:txbxContent><w:p><w:r><w:t>hộp</w:t></w:r></w:p></w:txbxContent>",
    "<!DOCTYPE x [<!ENTITY a \"aaaa\">]>",
    "&amp;",
    "&#0;",
    "<w:t>",
    "\u{0}",
];

fn document() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(
        (prop::sample::select(STYLES), prop::sample::select(TEXTS)),
        0..24,
    )
    .prop_map(|paragraphs| {
        let mut docx = styled_docx();
        for (style, text) in paragraphs {
            docx = docx.add_paragraph(if style.is_empty() {
                para(text)
            } else {
                styled(style, text)
            });
        }
        pack(docx)
    })
}

#[derive(Debug, Clone)]
enum Mutation {
    Cut(usize),
    Flip(usize, u8),
    Insert(usize, &'static str),
    Drop,
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::Cut),
        (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Mutation::Flip(at, b)),
        (any::<usize>(), prop::sample::select(TAGS)).prop_map(|(at, t)| Mutation::Insert(at, t)),
        Just(Mutation::Drop),
    ]
}

fn mutate_part(data: &mut Vec<u8>, m: &Mutation) {
    if data.is_empty() {
        return;
    }
    match *m {
        Mutation::Cut(at) => data.truncate(at % data.len()),
        Mutation::Flip(at, b) => {
            let i = at % data.len();
            data[i] ^= b;
        }
        Mutation::Insert(at, tag) => {
            let i = at % data.len();
            data.splice(i..i, tag.bytes());
        }
        Mutation::Drop => {}
    }
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(32)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    /// XML parts mutated inside a sound zip.
    #[test]
    fn fuzz_docx_parts(bytes in document(), mutations in prop::collection::vec((0usize..8, mutation()), 1..6)) {
        let mut all = parts(&bytes);
        for (part, m) in &mutations {
            let i = part % all.len();
            if let Mutation::Drop = m {
                if all.len() > 1 {
                    all.remove(i);
                }
            } else {
                mutate_part(&mut all[i].1, m);
            }
        }
        run(&zip_parts(&all));
    }

    /// The zip itself damaged.
    #[test]
    fn fuzz_docx_zip(bytes in document(), mutations in prop::collection::vec(mutation(), 1..4)) {
        let mut bytes = bytes;
        for m in &mutations {
            mutate_part(&mut bytes, m);
        }
        run(&bytes);
    }
}
