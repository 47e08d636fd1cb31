//! Print products: the PDFs a ward prints (documents, leaflets, posters, banners, loudspeaker
//! scripts), checked by reading them back: page sizes, page counts, the text on the page.

#![cfg(feature = "pdf")]

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

use common::pdf::Pdf;
use common::{Built, build_example, build_site, copy_site, example_root, test_date};

fn example() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(build_example)
}

const PLAN_PDF: &str = "in/van-ban/ke-hoach-tro-giup-xa-hoi-2026.pdf";
const LEAFLET: &str = "in/to-roi/cham-soc-nguoi-cao-tuoi.pdf";
const LEAFLET_A5: &str = "in/to-roi/cham-soc-nguoi-cao-tuoi-a5.pdf";

#[test]
fn the_plan_is_an_a4_document_with_the_state_header_and_the_signer() {
    let pdf = Pdf::open(example(), PLAN_PDF);
    assert!(pdf.page_count() >= 3, "pages: {}", pdf.page_count());
    for n in 1..=pdf.page_count() as u32 {
        assert_eq!(pdf.size(n), (595, 842), "page {n} is not A4");
    }
    let first = pdf.text_of(&[1]);
    assert!(
        first.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        "{first}"
    );
    assert!(first.contains("Độc lập - Tự do - Hạnh phúc"), "{first}");
    assert!(first.contains("ỦY BAN NHÂN DÂN PHƯỜNG LƯU KIẾM"), "{first}");
    assert!(first.contains("KẾ HOẠCH"), "{first}");
    // A draft: the number and the day are dotted blanks, the symbol and year are printed.
    assert!(first.contains("/KH-UBND"), "{first}");
    assert!(first.contains("Số: . . . ."), "{first}");
    assert!(first.contains("ngày . . . ."), "{first}");
    assert!(first.contains("năm 2026"), "{first}");
    let all = pdf.text();
    assert!(all.contains("Hoàng Anh Tuấn"), "signer missing");
    assert!(all.contains("PHÓ CHỦ TỊCH"));
    assert!(all.contains("Nơi nhận:"));
    assert!(all.contains("TỔ CHỨC THỰC HIỆN"));
    // Page numbers from page 2: page 2 starts with its number, page 1 has none.
    assert!(pdf.text_of(&[2]).starts_with('2'), "{}", pdf.text_of(&[2]));
    assert!(!first.starts_with('1'));
}

#[test]
fn the_plan_is_pdf_a_2b_dated_from_its_content() {
    let pdf = Pdf::open(example(), PLAN_PDF);
    let raw = String::from_utf8_lossy(&pdf.bytes);
    assert!(
        raw.contains("<pdfaid:part>2</pdfaid:part>"),
        "no PDF/A part"
    );
    assert!(raw.contains("<pdfaid:conformance>B</pdfaid:conformance>"));
    // The example plan is dated "2026" (day and month blank): 1 January of that year.
    assert!(
        raw.contains("2026-01-01"),
        "creation date not from the content"
    );
    assert!(
        !raw.contains("2026-11-22"),
        "the build date leaked into the PDF"
    );
}

#[test]
fn the_plan_page_links_to_its_pdf() {
    let built = example();
    let page = built.page("/ke-hoach/ke-hoach-tro-giup-xa-hoi-2026/");
    assert!(
        page.contains(&format!("href=\"/{PLAN_PDF}\"")),
        "no PDF link"
    );
    assert!(page.contains("Tải PDF / In"));
    assert!(built.out().join(PLAN_PDF).is_file());
}

#[test]
fn the_leaflet_is_a_two_sided_tri_fold_and_an_a5_pair() {
    let pdf = Pdf::open(example(), LEAFLET);
    assert_eq!(pdf.page_count(), 2);
    assert_eq!(pdf.size(1), (842, 595), "A4 landscape");
    assert_eq!(pdf.size(2), (842, 595));
    let outside = pdf.text_of(&[1]);
    // Outside, left to right: inner flap (key facts), back (contact and QR), cover (title).
    let facts = outside.find("Điều cần biết").expect("facts panel");
    let contact = outside.find("Cần hỗ trợ").expect("contact panel");
    let cover = outside.find("Chăm sóc người cao tuổi").expect("cover");
    assert!(facts < contact && contact < cover, "{outside}");
    assert!(outside.contains("0225 3873 210"), "ward phone missing");
    let inside = pdf.text_of(&[2]);
    assert!(inside.contains("Thủ tục đăng ký"), "{inside}");
    for letter in ["ỗ", "ữ", "ặ", "ậ", "ễ", "ỹ", "Đ", "đ"] {
        assert!(pdf.text().contains(letter), "letter {letter} missing");
    }

    let a5 = Pdf::open(example(), LEAFLET_A5);
    assert_eq!(a5.page_count(), 2);
    assert_eq!(a5.size(1), (420, 595), "A5 portrait");
    assert!(
        a5.text_of(&[2]).contains("0225 3873 210"),
        "contact on page 2"
    );
}

#[test]
fn a_day_without_a_written_leaflet_gets_one_with_its_slogans() {
    let pdf = Pdf::open(example(), "in/to-roi/ngay-cong-tac-xa-hoi-viet-nam.pdf");
    assert_eq!(pdf.page_count(), 2);
    let text = pdf.text();
    assert!(text.contains("Ngày Công tác xã hội Việt Nam"));
    assert!(text.contains("Lá lành đùm lá rách"), "slogan missing");
    assert!(
        text.contains("Quyết định số 1791/QĐ-TTg"),
        "related policy missing"
    );
}

#[test]
fn posters_are_a3_and_banners_are_five_metres_by_eighty_centimetres() {
    let poster = Pdf::open(example(), "in/ap-phich/ngay-nguoi-cao-tuoi-viet-nam.pdf");
    assert_eq!(poster.page_count(), 1);
    assert_eq!(poster.size(1), (842, 1191));
    let text = poster.text();
    assert!(text.contains("NGÀY NGƯỜI CAO TUỔI VIỆT NAM"), "{text}");
    let banner = Pdf::open(example(), "in/bang-ron/ngay-nguoi-cao-tuoi-viet-nam.pdf");
    assert_eq!(banner.page_count(), 1);
    // 5 m x 0.8 m in points (72 per inch).
    assert_eq!(banner.size(1), (14173, 2268));
}

#[test]
fn loudspeaker_scripts_have_opening_closing_and_a_reading_time_that_adds_up() {
    let built = example();
    let day = "in/phat-thanh/ngay-ky-niem/ngay-nguoi-cao-tuoi-viet-nam";
    let text = std::fs::read_to_string(built.out().join(format!("{day}.txt"))).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("TIN PHÁT THANH"));
    assert_eq!(lines.next(), Some("Ngày Người cao tuổi Việt Nam"));
    let timing = lines.next().unwrap();
    assert!(
        timing.starts_with("Thời lượng đọc ước tính: khoảng"),
        "{timing}"
    );
    let body: String = lines.collect::<Vec<_>>().join("\n");
    assert!(
        body.trim_start()
            .starts_with("Đây là Đài Truyền thanh phường Lưu Kiếm")
    );
    assert!(
        body.trim_end()
            .ends_with("Xin cảm ơn bà con đã chú ý theo dõi!")
    );
    // The syllable count printed at the top is the body's, and the time follows at 130 a minute.
    let count: usize = body
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count();
    assert!(
        timing.contains(&format!("({count} âm tiết")),
        "{timing} vs {count}"
    );
    let seconds = (count * 60).div_ceil(130);
    let expected = if seconds >= 60 {
        format!("khoảng {} phút {} giây", seconds / 60, seconds % 60)
    } else {
        format!("khoảng {seconds} giây")
    };
    assert!(timing.contains(&expected), "{timing} vs {expected}");

    let pdf = Pdf::open(built, &format!("{day}.pdf"));
    assert_eq!(pdf.size(1), (595, 842));
    assert!(pdf.text().contains("Thời lượng đọc ước tính"));

    // News marked for broadcast get a script; the others do not.
    let news = built.out().join("in/phat-thanh/tin-tuc");
    let scripts: Vec<_> = std::fs::read_dir(&news)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    let marked = std::fs::read_dir(example_root().join("content/news"))
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| {
            std::fs::read_to_string(e.path())
                .unwrap()
                .contains("phat_thanh = true")
        })
        .count();
    assert_eq!(scripts.len(), marked, "{scripts:?}");
    assert!(marked > 0);
}

fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().display().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

#[test]
fn two_builds_give_byte_identical_pdfs() {
    let first = snapshot(&example().out().join("in"));
    let again = build_site(&example_root(), test_date());
    let second = snapshot(&again.out().join("in"));
    assert!(first.len() > 50, "only {} print files", first.len());
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &first {
        assert!(bytes == &second[path], "{path} differs between two builds");
    }
}

#[test]
fn a_bad_leaflet_is_reported_with_file_and_line() {
    let site = copy_site(&example_root());
    std::fs::write(
        site.path().join("content/leaflets/hong.md"),
        "+++\ntieu_de = \"Tờ rơi hỏng\"\nngay_ky_niem = \"ngay-nguoi-cao-tuoi\"\ndiem_chinhh = [\"x\"]\n+++\n\n## Mục\n\nNội dung.\n",
    )
    .unwrap();
    let built = build_site(site.path(), test_date());
    let errors = built.errors();
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("content/leaflets/hong.md:4:") && e.contains("diem_chinh")),
        "{errors:?}"
    );
    assert!(!built.out().exists(), "nothing may be written on error");

    std::fs::write(
        site.path().join("content/leaflets/hong.md"),
        "+++\ntieu_de = \"Tờ rơi hỏng\"\nngay_ky_niem = \"ngay-nguoi-cao-tuoi\"\n+++\n\n## Mục\n\nNội dung.\n",
    )
    .unwrap();
    let built = build_site(site.path(), test_date());
    let errors = built.errors();
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("content/leaflets/hong.md:3:")
                && e.contains("ngay-nguoi-cao-tuoi-viet-nam")),
        "{errors:?}"
    );
}

#[test]
fn a_character_the_font_lacks_is_an_error_naming_it() {
    let site = copy_site(&example_root());
    std::fs::write(
        site.path().join("content/leaflets/chu-la.md"),
        "+++\ntieu_de = \"Chữ lạ\"\ndiem_chinh = [\"Ký tự 漢 không có trong phông\"]\n+++\n",
    )
    .unwrap();
    let built = build_site(site.path(), test_date());
    let errors = built.errors();
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("content/leaflets/chu-la.md")
                && e.contains("漢")
                && e.contains("U+6F22")
                && e.contains("Libertinus Serif")),
        "{errors:?}"
    );
}

#[test]
fn a_leaflet_too_long_for_its_panels_is_refused() {
    let site = copy_site(&example_root());
    let facts: Vec<String> = (1..=30)
        .map(|i| {
            format!("\"Điểm chính số {i} của tờ rơi, viết khá dài để không vừa một mặt gấp.\"")
        })
        .collect();
    std::fs::write(
        site.path().join("content/leaflets/dai.md"),
        format!(
            "+++\ntieu_de = \"Quá dài\"\ndiem_chinh = [{}]\n+++\n",
            facts.join(", ")
        ),
    )
    .unwrap();
    let built = build_site(site.path(), test_date());
    let errors = built.errors();
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("content/leaflets/dai.md") && e.contains("không đủ chỗ")),
        "{errors:?}"
    );
}

/// Decodes a QR code drawn as qrcode's SVG (dark rectangles `M{x} {y}h{w}v{h}...`).
fn decode_qr_svg(svg: &str) -> String {
    let size = regex::Regex::new(r#"width="(\d+)" height="(\d+)""#).unwrap();
    let dims = size.captures(svg).expect("svg size");
    let (w, h): (usize, usize) = (dims[1].parse().unwrap(), dims[2].parse().unwrap());
    let mut dark = vec![false; w * h];
    let rect = regex::Regex::new(r"M(\d+) (\d+)h(\d+)v(\d+)").unwrap();
    for c in rect.captures_iter(svg) {
        let [x, y, rw, rh] = [1, 2, 3, 4].map(|i| c[i].parse::<usize>().unwrap());
        for yy in y..(y + rh).min(h) {
            for xx in x..(x + rw).min(w) {
                dark[yy * w + xx] = true;
            }
        }
    }
    let mut image =
        rqrr::PreparedImage::prepare_from_greyscale(
            w,
            h,
            |x, y| if dark[y * w + x] { 0 } else { 255 },
        );
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code");
    grids[0].decode().expect("QR decodes").1
}

#[test]
fn the_leaflet_qr_code_leads_to_the_page_printed_under_it() {
    let pdf = Pdf::open(example(), LEAFLET);
    let url = "https://luukiem.haiphong.gov.vn/ngay-ky-niem/ngay-nguoi-cao-tuoi-viet-nam/";
    // The address is printed under the code (it may be broken across lines).
    let printed: String = pdf.text_of(&[1]).split_whitespace().collect();
    assert!(printed.contains(url), "{printed}");
    let svg = loa::render::print::data::qr_svg(url).unwrap();
    assert_eq!(decode_qr_svg(&svg), url);
}
