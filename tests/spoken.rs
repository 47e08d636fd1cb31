//! Loudspeaker scripts read as they are written (`../shared/domain.md` §7): document symbols,
//! dates, ranges, percentages, phone numbers and abbreviations as the announcer says them, one
//! form of address, the phone number said again at the end, no doubled word, and a second form
//! for text-to-speech engines with every number in words.

mod common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::{Built, build_preview, copy_site, example_root, test_date};

const PHONE_SAID: &str = "không hai hai năm, ba tám bảy ba, hai một không";
const MACHINE: &str = ".doc-may.txt";

fn example() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| {
        let built = build_preview(&example_root(), test_date());
        assert!(built.errors().is_empty(), "{:#?}", built.errors());
        built
    })
}

/// Every script the build wrote as `(announcer text file, its text)`, sorted.
fn scripts(built: &Built) -> Vec<(PathBuf, String)> {
    let mut out: Vec<(PathBuf, String)> = walkdir::WalkDir::new(built.out().join("in/phat-thanh"))
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.path().to_path_buf())
        .filter(|p| {
            let name = p.to_string_lossy();
            name.ends_with(".txt") && !name.ends_with(MACHINE)
        })
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (p, text)
        })
        .collect();
    out.sort();
    out
}

fn machine_file(script: &Path) -> PathBuf {
    let name = script.file_name().unwrap().to_string_lossy();
    script.with_file_name(name.replace(".txt", MACHINE))
}

/// Digits said one by one repeat by nature (`không hai hai năm`); any other word said twice in
/// a row is a mistake (`nhằm ngày ngày 1 tháng Giêng`).
fn doubled_words(text: &str) -> Vec<String> {
    const DIGIT_WORDS: [&str; 10] = [
        "không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín",
    ];
    let words: Vec<&str> = text.split_whitespace().collect();
    words
        .windows(2)
        .filter(|pair| {
            let (a, b) = (pair[0], pair[1]);
            a.chars().last().is_some_and(char::is_alphanumeric)
                && a.to_lowercase()
                    == b.trim_end_matches(|c: char| !c.is_alphanumeric())
                        .to_lowercase()
                && !DIGIT_WORDS.contains(&a.to_lowercase().as_str())
                && !a.chars().all(|c| c.is_ascii_digit())
        })
        .map(|pair| format!("{} {}", pair[0], pair[1]))
        .collect()
}

/// The words of a text split where an abbreviation could end (`(UBND)`, `UBND,`).
fn words_of(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '&'))
        .flat_map(|w| std::iter::once(w).chain(w.split(['-', '&'])))
        .filter(|w| !w.is_empty())
        .collect()
}

fn digit_slash_digit(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    chars
        .windows(3)
        .any(|w| w[0].is_ascii_digit() && w[1] == '/' && w[2].is_ascii_digit())
}

#[test]
fn every_script_of_the_example_is_written_as_it_is_said() {
    let built = example();
    let scripts = scripts(built);
    // One per commemorative day and one per news item marked for broadcast.
    assert_eq!(
        scripts.len(),
        22,
        "{:?}",
        scripts.iter().map(|s| &s.0).collect::<Vec<_>>()
    );
    let mut diagnostics = loa::diagnostics::Diagnostics::new();
    let table = loa::load::abbreviations::default_table(&mut diagnostics);
    for (path, text) in &scripts {
        let name = path.display();
        assert!(
            !digit_slash_digit(text),
            "{name}: a slash between digits\n{text}"
        );
        assert!(!text.contains('%'), "{name}: a % sign");
        let abbreviations: Vec<&str> = words_of(text)
            .into_iter()
            .filter(|w| table.abbreviations.contains_key(*w))
            .collect();
        assert!(abbreviations.is_empty(), "{name}: {abbreviations:?}");
        assert_eq!(doubled_words(text), Vec::<String>::new(), "{name}");
        assert!(text.contains("bà con"), "{name}");
        assert!(!text.to_lowercase().contains("các bạn"), "{name}");
        // The phone number: said in the body, then again before the closing, never as digits.
        assert_eq!(text.matches(PHONE_SAID).count(), 2, "{name}\n{text}");
        assert!(!text.contains("0225 3873 210"), "{name}");
        let again = text.rfind("Xin nhắc lại số điện thoại");
        let closing = text.rfind("xin kết thúc bản tin");
        assert!(again.is_some() && again < closing, "{name}");
        assert!(
            text.trim_end()
                .ends_with("Xin cảm ơn bà con đã chú ý lắng nghe!")
        );

        // The text-to-speech form: the same paragraphs, no digit left.
        let machine = std::fs::read_to_string(machine_file(path))
            .unwrap_or_else(|e| panic!("{name}: no text-to-speech form: {e}"));
        assert!(
            !machine.chars().any(|c| c.is_ascii_digit()),
            "{name}\n{machine}"
        );
        let body_paragraphs = text.split("\n\n").count() - 1;
        assert_eq!(machine.split("\n\n").count(), body_paragraphs, "{name}");
        assert_eq!(doubled_words(&machine), Vec::<String>::new(), "{name}");
        assert!(machine.starts_with("Đây là Đài Truyền thanh"), "{name}");
    }
}

#[test]
fn citations_dates_and_the_lunar_day_are_said_as_words_of_the_calendar() {
    let built = example();
    let read = |path: &str| std::fs::read_to_string(built.out().join(path)).unwrap();
    let ctxh = read("in/phat-thanh/ngay-ky-niem/ngay-cong-tac-xa-hoi-viet-nam.txt");
    for said in [
        "Nghị định số 110 năm 2024 của Chính phủ:",
        "Quyết định số 1791 ngày 15 tháng 9 năm 2016 của Thủ tướng Chính phủ.",
        "Quyết định số 1791 của Thủ tướng Chính phủ:",
        // The coming occurrence (the tests build on 22 November 2026).
        "ngày 25 tháng 3 năm 2027",
    ] {
        assert!(ctxh.contains(said), "{said}\n{ctxh}");
    }
    let tet = read("in/phat-thanh/ngay-ky-niem/tet-nguyen-dan.txt");
    assert!(
        tet.contains("(nhằm ngày mùng 1 tháng Giêng năm Đinh Mùi)"),
        "{tet}"
    );
    // Headings are dated without the zero of the written form.
    assert!(tet.contains("ngày 6 tháng 2 năm 2027"), "{tet}");
    let news = read("in/phat-thanh/tin-tuc/2026-03-25-ngay-cong-tac-xa-hoi.txt");
    assert!(
        news.contains("Phó Chủ tịch Ủy ban nhân dân phường"),
        "{news}"
    );
    assert!(news.contains("sáng ngày 25 tháng 3 năm 2026"), "{news}");
    assert!(news.contains("Việt Nam 25 tháng 3."), "{news}");
    let payments = read("in/phat-thanh/tin-tuc/2026-05-08-chi-tra-tro-cap-qua-tai-khoan.txt");
    assert!(
        payments.contains(
            "theo Nghị định số 20 năm 2021 của Chính phủ, đã được sửa đổi, bổ sung bởi Nghị định số 76 năm 2024 của Chính phủ"
        ),
        "{payments}"
    );
    assert!(
        payments.contains("kỳ chi trả tháng 6 năm 2026"),
        "{payments}"
    );
    let happiness = read("in/phat-thanh/ngay-ky-niem/ngay-quoc-te-hanh-phuc.txt");
    assert!(
        happiness.contains("Nghị quyết số 66 trên 281 của Đại hội đồng Liên hợp quốc"),
        "{happiness}"
    );

    let machine = read("in/phat-thanh/ngay-ky-niem/ngay-cong-tac-xa-hoi-viet-nam.doc-may.txt");
    for said in [
        "ngày hai mươi lăm tháng ba năm hai nghìn không trăm hai mươi bảy",
        "Nghị định số một trăm mười năm hai nghìn không trăm hai mươi tư của Chính phủ",
        "Quyết định số một nghìn bảy trăm chín mươi mốt ngày mười lăm tháng chín năm hai nghìn không trăm mười sáu",
    ] {
        assert!(machine.contains(said), "{said}\n{machine}");
    }
}

#[test]
fn the_reading_time_counts_every_syllable_said() {
    let built = example();
    let day = built
        .out()
        .join("in/phat-thanh/ngay-ky-niem/ngay-cong-tac-xa-hoi-viet-nam.txt");
    let text = std::fs::read_to_string(&day).unwrap();
    let timing = text.lines().nth(2).unwrap();
    let machine = std::fs::read_to_string(machine_file(&day)).unwrap();
    let said: usize = machine
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count();
    let written: usize = text
        .split("\n\n")
        .skip(1)
        .flat_map(str::split_whitespace)
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count();
    // `Quyết định số 1791` is four words written and seven said.
    assert!(said > written, "{said} vs {written}");
    assert!(
        timing.contains(&format!("({said} âm tiết")),
        "{timing} vs {said}"
    );
    let seconds = (said * 60).div_ceil(130);
    assert!(
        timing.contains(&format!(
            "khoảng {} phút {} giây",
            seconds / 60,
            seconds % 60
        )),
        "{timing}"
    );
}

#[test]
fn the_day_and_news_pages_link_the_text_to_speech_form() {
    let built = example();
    for (page, file) in [
        (
            "/ngay-ky-niem/ngay-cong-tac-xa-hoi-viet-nam/",
            "/in/phat-thanh/ngay-ky-niem/ngay-cong-tac-xa-hoi-viet-nam.doc-may.txt",
        ),
        (
            "/tin-tuc/2026-03-25-ngay-cong-tac-xa-hoi/",
            "/in/phat-thanh/tin-tuc/2026-03-25-ngay-cong-tac-xa-hoi.doc-may.txt",
        ),
    ] {
        let html = built.page(page);
        assert!(
            html.contains(&format!("href=\"{file}\"")),
            "{page} lacks {file}"
        );
        assert!(
            built.out().join(file.trim_start_matches('/')).is_file(),
            "{file}"
        );
    }
}

fn replace_in(site: &Path, file: &str, from: &str, to: &str) {
    let path = site.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} does not contain {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

const NEWS: &str = "content/news/2026-06-06-kham-suc-khoe-nguoi-cao-tuoi.md";
const NEWS_SCRIPT: &str = "in/phat-thanh/tin-tuc/2026-06-06-kham-suc-khoe-nguoi-cao-tuoi";

#[test]
fn a_site_extends_the_abbreviation_table_and_figures_are_said() {
    let site = copy_site(&example_root());
    std::fs::write(
        site.path().join("data/viet-tat.toml"),
        "# Chữ viết tắt riêng của phường\n[viet_tat]\n\"HND\" = \"Hội Nông dân\"\n\"CLB\" = \"\"\n",
    )
    .unwrap();
    replace_in(
        site.path(),
        NEWS,
        "Với những người không tự đến được,",
        "Hội viên HND và CLB dưỡng sinh, người 70-79 tuổi chiếm 96,5% số người được khám; mỗi người nhận 1.500.000đ, liên hệ 0912 345 678 từ 7h30 ngày 1/10/2026 – 31/10/2026. Với những người không tự đến được,",
    );
    let built = build_preview(site.path(), test_date());
    assert!(built.errors().is_empty(), "{:#?}", built.errors());
    let text = std::fs::read_to_string(built.out().join(format!("{NEWS_SCRIPT}.txt"))).unwrap();
    let said = "Hội viên Hội Nông dân và CLB dưỡng sinh, người từ 70 đến 79 tuổi chiếm 96 phẩy 5 phần trăm số người được khám; mỗi người nhận 1.500.000 đồng, liên hệ không chín một hai, ba bốn năm, sáu bảy tám từ 7 giờ 30 từ ngày 1 tháng 10 năm 2026 đến ngày 31 tháng 10 năm 2026.";
    assert!(text.contains(said), "{text}");
    let machine =
        std::fs::read_to_string(built.out().join(format!("{NEWS_SCRIPT}{MACHINE}"))).unwrap();
    for words in [
        "người từ bảy mươi đến bảy mươi chín tuổi chiếm chín mươi sáu phẩy năm phần trăm",
        "mỗi người nhận một triệu năm trăm nghìn đồng",
        "từ bảy giờ ba mươi",
        "ngày một tháng mười năm hai nghìn không trăm hai mươi sáu",
    ] {
        assert!(machine.contains(words), "{words}\n{machine}");
    }
}

#[test]
fn a_bad_abbreviation_table_is_an_error_at_its_line_and_the_output_is_untouched() {
    let site = copy_site(&example_root());
    std::fs::write(
        site.path().join("data/viet-tat.toml"),
        "[viet_tat]\n\"HND\" = \"Hội Nông dân\"\n\"bhyt\" = \"bảo hiểm y tế\"\n\"VP\" = \"1\"\n",
    )
    .unwrap();
    let built = build_preview(site.path(), test_date());
    common::assert_errors_start_with(
        &built.errors(),
        &["data/viet-tat.toml:3:", "data/viet-tat.toml:4:"],
    );
    let errors = built.errors();
    assert!(errors[0].contains("bhyt"), "{errors:?}");
    assert!(errors[1].contains("VP"), "{errors:?}");
    assert!(
        !built.out().exists(),
        "an error leaves the output untouched"
    );
}

#[cfg(feature = "pdf")]
#[test]
fn the_script_pdf_shows_the_spoken_text() {
    let built = common::build_example();
    let pdf = common::pdf::Pdf::open(
        &built,
        "in/phat-thanh/ngay-ky-niem/ngay-cong-tac-xa-hoi-viet-nam.pdf",
    );
    let squashed: String = pdf.text().split_whitespace().collect();
    assert!(
        squashed.contains("Nghịđịnhsố110năm2024củaChínhphủ"),
        "{squashed}"
    );
    assert!(!squashed.contains("110/2024"), "{squashed}");
    assert!(squashed.contains(&PHONE_SAID.split_whitespace().collect::<String>()));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 2000, ..Default::default() })]

    /// Any text (digits, separators, multi-byte letters and spaces next to them) is said without
    /// a panic, and its text-to-speech form has no digit outside a word.
    #[test]
    fn any_text_is_said_without_a_panic(
        text in "[0-9/.,%()–\\- \u{a0}hg:đĐÀàVNDIXAỦBHYT&\n]{0,48}",
    ) {
        let mut diagnostics = loa::diagnostics::Diagnostics::new();
        let table = loa::load::abbreviations::default_table(&mut diagnostics);
        let said = loa::render::spoken::figures::figures(&text);
        let said = loa::render::spoken::abbreviations(&said, &table);
        let words = loa::render::spoken::in_words(&said);
        let chars: Vec<char> = words.chars().collect();
        for (i, c) in chars.iter().enumerate() {
            if c.is_ascii_digit() {
                // Digits stay only inside a word or a symbol (`H5N1`, `5A`, `B/12`).
                let before = i.checked_sub(1).map(|j| chars[j]);
                let after = chars.get(i + 1 + chars[i + 1..].iter().take_while(|c| c.is_ascii_digit() || **c == '.').count());
                proptest::prop_assert!(
                    before.is_some_and(|b| b.is_alphanumeric() || b == '/' || b == '.' || b == ',' || b == ':')
                        || after.is_some_and(|a| a.is_alphabetic()),
                    "{text:?} -> {words:?}"
                );
            }
        }
        for symbol in text.split_whitespace() {
            let _ = loa::render::spoken::symbols::parts(symbol);
        }
    }
}
