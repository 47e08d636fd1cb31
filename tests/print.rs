//! Print products: the PDFs a ward prints (documents, leaflets, posters, banners, loudspeaker
//! scripts), checked by reading them back: page sizes, page counts, the text on the page.

#![cfg(feature = "pdf")]

mod common;
#[path = "common/picture.rs"]
mod picture;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

use common::pdf::Pdf;
use common::{Built, build_example, build_preview, build_site, copy_site, example_root, test_date};
use picture::{Picture, pictures};

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
    // The example plan is dated "2026" (day and month blank): 1 January of that year.
    pdf.assert_pdf_a_2b_dated("2026-01-01");
}

#[test]
fn the_plan_page_links_to_its_pdf() {
    let built = example();
    let page = built.page("/ke-hoach/ke-hoach-tro-giup-xa-hoi-2026/");
    assert!(
        page.contains(&format!("href=\"/{PLAN_PDF}\"")),
        "no PDF link"
    );
    assert!(page.contains("Tải bản in"));
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
    // The number may be broken after its slash or hyphen at the end of a line.
    let squashed: String = text.split_whitespace().collect();
    assert!(
        squashed.contains("Quyếtđịnhsố1791/QĐ-TTg"),
        "related policy missing: {text}"
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
            .ends_with("Xin cảm ơn bà con đã chú ý lắng nghe!")
    );
    // The syllable count printed at the top is that of what is said (the text-to-speech form,
    // every number in words), and the time follows at 130 a minute.
    let said = std::fs::read_to_string(built.out().join(format!("{day}.doc-may.txt"))).unwrap();
    let count: usize = said
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
        .filter(|n| n.ends_with(".txt") && !n.ends_with(".doc-may.txt"))
        .collect();
    let marked = std::fs::read_dir(example_root().join("content/news"))
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.path().is_file()) // not the photos' folder anh/
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
    // Each copy has its own (empty) product cache, so both builds typeset every PDF.
    let (one, two) = (copy_site(&example_root()), copy_site(&example_root()));
    let first = build_site(one.path(), test_date());
    let first = snapshot(&first.out().join("in"));
    let again = build_site(two.path(), test_date());
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

/// Every kept product: file name -> modification time.
fn cache_entries(root: &Path) -> BTreeMap<String, std::time::SystemTime> {
    walkdir::WalkDir::new(root.join(loa::write::CACHE_DIR))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let modified = e.metadata().unwrap().modified().unwrap();
            (e.file_name().to_string_lossy().into_owned(), modified)
        })
        .collect()
}

#[test]
fn a_rebuild_reuses_unchanged_products_and_remakes_only_the_edited_plan() {
    let site = copy_site(&example_root());
    let first = build_site(site.path(), test_date());
    assert!(first.errors().is_empty(), "{:?}", first.errors());
    let pdfs = snapshot(&first.out().join("in"));
    let pdf_count = pdfs.keys().filter(|p| p.ends_with(".pdf")).count();
    // Share cards and icons are typeset like the PDFs and kept the same way.
    let cards = snapshot(&first.out().join("chia-se"));
    let icons = std::fs::read_dir(first.out())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with("bieu-tuong-"))
        .count();
    assert_eq!(icons, 3);
    let kept = cache_entries(site.path());
    // And every published photo file (each size and format of the example's news photos).
    let photo_files = std::fs::read_dir(first.out().join("anh")).unwrap().count();
    assert!(photo_files > 0);
    // And the lead photos at print resolution of the products with a slot: news items' share
    // cards (and leaflets' covers, none in the example).
    let leads = ["content/news", "content/leaflets"]
        .iter()
        .flat_map(|dir| std::fs::read_dir(site.path().join(dir)).unwrap())
        .filter_map(Result::ok)
        .filter(|e| {
            std::fs::read_to_string(e.path())
                .is_ok_and(|t| t.lines().any(|l| l.starts_with("anh =")))
        })
        .count();
    assert_eq!(leads, 3);
    assert_eq!(
        kept.len(),
        pdf_count + cards.len() + icons + 1 + photo_files + leads,
        "every PDF, picture, photo file and the search index are kept"
    );

    // A quick build without PDFs and search index keeps their products for the next full build.
    let quick = build_preview(site.path(), test_date());
    assert!(quick.errors().is_empty(), "{:?}", quick.errors());
    assert_eq!(
        cache_entries(site.path()),
        kept,
        "a --no-pdf build prunes nothing"
    );

    let second = build_site(site.path(), test_date());
    assert_eq!(snapshot(&second.out().join("in")), pdfs);
    assert_eq!(snapshot(&second.out().join("chia-se")), cards);
    assert_eq!(
        snapshot(&second.out().join("pagefind")),
        snapshot(&first.out().join("pagefind"))
    );
    assert_eq!(cache_entries(site.path()), kept, "nothing was made again");

    let plan = site
        .path()
        .join("content/plans/ke-hoach-tro-giup-xa-hoi-2026.md");
    let text = std::fs::read_to_string(&plan).unwrap();
    let edited = text.replacen("người cao tuổi", "người cao tuổi (sửa)", 1);
    assert_ne!(text, edited);
    std::fs::write(&plan, edited).unwrap();
    let third = build_site(site.path(), test_date());
    assert!(third.errors().is_empty(), "{:?}", third.errors());
    let after = snapshot(&third.out().join("in"));
    let changed: Vec<&String> = pdfs
        .keys()
        .filter(|p| p.ends_with(".pdf") && pdfs[*p] != after[*p])
        .collect();
    assert_eq!(
        changed,
        ["van-ban/ke-hoach-tro-giup-xa-hoi-2026.pdf"],
        "only the edited plan's PDF changes"
    );
    let now = cache_entries(site.path());
    assert_eq!(now.len(), kept.len(), "the old PDF and index were pruned");
    let new: Vec<&String> = now.keys().filter(|k| !kept.contains_key(*k)).collect();
    assert_eq!(
        new.len(),
        2,
        "the edited plan's PDF and the search index: {new:?}"
    );
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
            .any(|e| e.starts_with("content/leaflets/chu-la.md:3:22:")
                && e.contains("漢")
                && e.contains("U+6F22")
                && e.contains("Libertinus Serif")),
        "{errors:?}"
    );

    // In a plan: the file and the line of the paragraph that has it.
    assert_appended_line_is_located(
        "content/plans/ke-hoach-tro-giup-xa-hoi-2026.md",
        "Đoạn có chữ lạ ☃ ở cuối.",
    );
    // In a news item marked for the loudspeaker: its script's PDF, the line in the news file.
    assert_appended_line_is_located(
        "content/news/2026-05-08-chi-tra-tro-cap-qua-tai-khoan.md",
        "Loa đọc chữ lạ ☃ này.",
    );
}

/// Appends `paragraph` (with ☃ as its 16th character) to `file` of the example and expects the
/// build to fail naming the file, the new line and the column of ☃.
fn assert_appended_line_is_located(file: &str, paragraph: &str) {
    assert_eq!(paragraph.chars().position(|c| c == '☃'), Some(15));
    let site = copy_site(&example_root());
    let path = site.path().join(file);
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str(&format!("\n{paragraph}\n"));
    let line = text.lines().count();
    std::fs::write(&path, text).unwrap();
    let built = build_site(site.path(), test_date());
    let errors = built.errors();
    let wanted = format!("{file}:{line}:16:");
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with(&wanted) && e.contains("U+2603")),
        "{wanted} {errors:?}"
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

/// The QR codes found in a rendered page (composited over white, as printed).
fn decode_qr(width: u32, height: u32, data: &[u8]) -> Vec<String> {
    let (w, h) = (width as usize, height as usize);
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| {
        let p = &data[(y * w + x) * 4..(y * w + x) * 4 + 4];
        // Premultiplied RGBA over white.
        let grey = (u32::from(p[0]) + u32::from(p[1]) + u32::from(p[2])) / 3;
        (grey + 255 - u32::from(p[3])).min(255) as u8
    });
    image
        .detect_grids()
        .iter()
        .map(|grid| grid.decode().expect("the QR code decodes").1)
        .collect()
}

fn checked_example() -> loa::build::Checked {
    let mut diagnostics = loa::diagnostics::Diagnostics::default();
    loa::build::check(&example_root(), test_date(), &mut diagnostics).unwrap()
}

/// The example's leaflet `slug` laid out with `template` as the build does, each page rendered
/// at `scale` pixels per point, and the address its QR code must hold.
fn leaflet_pictures(slug: &str, template: &str, scale: f64) -> (Vec<Picture>, String) {
    use loa::render::print::data;
    let checked = checked_example();
    let site = &checked.site;
    let leaflet = site.leaflets.iter().find(|l| l.slug == slug).unwrap();
    let (json, target) = data::leaflet_data(site, &checked.derived, leaflet);
    let qr = Some(data::qr_svg(&target).unwrap());
    (pictures(site, template, &json, qr, scale), target)
}

#[test]
fn the_leaflet_qr_code_as_laid_out_leads_to_the_day_page_printed_under_it() {
    let pdf = Pdf::open(example(), LEAFLET);
    let url = "https://luukiem.haiphong.gov.vn/ngay-ky-niem/ngay-nguoi-cao-tuoi-viet-nam/";
    // The address is printed under the code (it may be broken across lines).
    let printed: String = pdf.text_of(&[1]).split_whitespace().collect();
    assert!(printed.contains(url), "{printed}");

    // Lay the leaflet out as the build does, render the pages with the code to pixels and read
    // the code back from the picture: what a phone held over the printed sheet would see.
    // The tri-fold has its code on the outside (page 1), the A5 on page 2.
    for (template, page) in [("to-roi.typ", 0), ("to-roi-a5.typ", 1)] {
        let (pictures, target) = leaflet_pictures("cham-soc-nguoi-cao-tuoi", template, 3.0);
        assert_eq!(target, url);
        let p = &pictures[page];
        assert_eq!(decode_qr(p.width, p.height, &p.data), [url], "{template}");
    }
}

/// Pixels per point of the fill measure: 24 dots per inch.
const FILL_SCALE: f64 = 24.0 / 72.0;

/// Share of the pixel rows of each panel (of each page) that have ink, at 24 dpi: the tri-fold's
/// pages in thirds (its six panels), an A5 or poster page whole.
fn panel_fill(pages: &[Picture], panels: usize) -> Vec<f64> {
    pages
        .iter()
        .flat_map(|page| {
            (0..panels).map(move |i| {
                let w = 1.0 / panels as f64;
                page.filled_rows(i as f64 * w, (i + 1) as f64 * w)
            })
        })
        .collect()
}

/// Every leaflet of the example, written or generated for a day, and every day's poster fill
/// their page the way a print shop lays them out: on a 24 dpi rendering, the panels of a leaflet
/// have ink on at least 45% of their pixel rows on average and no panel on less than 30%; a
/// poster on at least 45%. (Before the redesign, generated tri-folds were 60-75% blank.)
#[test]
fn every_leaflet_and_poster_fills_its_panels() {
    use loa::render::print::data;
    let checked = checked_example();
    let (site, derived) = (&checked.site, &checked.derived);
    let mut leaflets: Vec<(String, serde_json::Value, String)> = site
        .leaflets
        .iter()
        .map(|l| {
            let (json, url) = data::leaflet_data(site, derived, l);
            (l.slug.clone(), json, url)
        })
        .collect();
    for (i, day) in site.days.iter().enumerate() {
        let (json, url) = data::day_leaflet_data(site, derived, i);
        leaflets.push((day.id.clone(), json, url));
    }
    let mut failures = Vec::new();
    for (name, json, url) in &leaflets {
        let qr = Some(data::qr_svg(url).unwrap());
        for (template, panels) in [("to-roi.typ", 3), ("to-roi-a5.typ", 1)] {
            let pages = pictures(site, template, json, qr.clone(), FILL_SCALE);
            assert_eq!(pages.len(), 2, "{name} {template}");
            let fill = panel_fill(&pages, panels);
            let mean = fill.iter().sum::<f64>() / fill.len() as f64;
            let least = fill.iter().copied().fold(1.0, f64::min);
            eprintln!("{name} {template}: mean {mean:.2}, least {least:.2}");
            if mean < 0.45 || least < 0.30 {
                failures.push(format!("{name} {template}: {fill:.2?}"));
            }
        }
    }
    for (i, day) in site.days.iter().enumerate() {
        let json = data::day_data(site, derived, i);
        let qr = Some(data::qr_svg(json["day"]["url"].as_str().unwrap()).unwrap());
        let pages = pictures(site, "ap-phich.typ", &json, qr, FILL_SCALE);
        assert_eq!(pages.len(), 1, "{} poster", day.id);
        let fill = panel_fill(&pages, 1)[0];
        eprintln!("{} poster: {fill:.2}", day.id);
        if fill < 0.45 {
            failures.push(format!("{} poster: {fill:.2}", day.id));
        }
    }
    assert!(failures.is_empty(), "panels left blank: {failures:#?}");
}

/// The example's generated leaflet data for `day` with the ward renamed to `name`.
fn day_leaflet_named(
    day: &str,
    name: Option<&str>,
) -> (loa::build::Checked, serde_json::Value, String) {
    use loa::render::print::data;
    let checked = checked_example();
    let i = checked.site.days.iter().position(|d| d.id == day).unwrap();
    let (mut json, url) = data::day_leaflet_data(&checked.site, &checked.derived, i);
    if let Some(name) = name {
        json["site"]["name"] = name.into();
    }
    (checked, json, url)
}

/// "ỦY BAN NHÂN DÂN" and "PHƯỜNG LƯU KIẾM" are each kept on one line wherever the body is
/// named in capitals (cover of the tri-fold, head of the A5, band of the poster); a ward name
/// too long for the line is set smaller rather than broken.
#[test]
fn the_ward_body_is_named_without_breaking_inside_its_parts() {
    use loa::render::print::data;
    for ward in [None, Some("Lưu Kiếm Thượng Đông Nam Tây Hạ")] {
        let (checked, json, url) = day_leaflet_named("ngay-cong-tac-xa-hoi-viet-nam", ward);
        let site = &checked.site;
        let level_and_name = format!(
            "PHƯỜNG {}",
            json["site"]["name"].as_str().unwrap().to_uppercase()
        );
        let mut poster = data::day_data(site, &checked.derived, 1);
        poster["site"]["name"] = json["site"]["name"].clone();
        let qr = Some(data::qr_svg(&url).unwrap());
        for (template, data, page) in [
            ("to-roi.typ", &json, 0),
            ("to-roi-a5.typ", &json, 0),
            ("ap-phich.typ", &poster, 0),
        ] {
            let document = picture::typeset(site, template, data, qr.clone());
            let lines = picture::text_lines(&document, page);
            // Every line with a part of the name has the whole part.
            let parts: Vec<&String> = lines
                .iter()
                .filter(|l| l.contains("ỦY BAN") || l.contains("PHƯỜNG"))
                .collect();
            assert!(!parts.is_empty(), "{template}: {lines:#?}");
            for line in &parts {
                assert!(
                    line.contains("ỦY BAN NHÂN DÂN") || line.contains(&level_and_name),
                    "{template}: a part of the name is broken: {parts:#?}"
                );
            }
            assert!(
                parts.iter().any(|l| l.contains(&level_and_name)),
                "{template}: {parts:#?}"
            );
        }
    }
}

/// The ward's phone number is printed bold at 16 pt or more on the leaflets and the poster, and
/// the words inviting to scan the QR code at 11 pt or more; the poster's headline (the day's
/// name) is at least 100 pt.
#[test]
fn phone_numbers_qr_captions_and_headlines_are_large_enough() {
    use loa::render::print::data;
    let (checked, json, url) = day_leaflet_named("ngay-cong-tac-xa-hoi-viet-nam", None);
    let site = &checked.site;
    let qr = Some(data::qr_svg(&url).unwrap());
    let phone = site.config.phone.clone();
    for (template, page) in [("to-roi.typ", 0), ("to-roi-a5.typ", 1)] {
        let document = picture::typeset(site, template, &json, qr.clone());
        let pieces = picture::text_pieces(&document, page);
        let number: Vec<_> = pieces.iter().filter(|p| p.text.contains(&phone)).collect();
        assert!(!number.is_empty(), "{template}: no phone number");
        for p in number {
            assert!(
                p.size >= 16.0 && p.bold,
                "{template}: phone at {} pt, bold {}",
                p.size,
                p.bold
            );
        }
        let scan = pieces
            .iter()
            .find(|p| p.text.contains("Quét mã"))
            .unwrap_or_else(|| panic!("{template}: no QR caption"));
        assert!(
            scan.size >= 11.0,
            "{template}: QR caption at {} pt",
            scan.size
        );
    }
    for (i, day) in site.days.iter().enumerate() {
        let data = data::day_data(site, &checked.derived, i);
        let qr = Some(data::qr_svg(data["day"]["url"].as_str().unwrap()).unwrap());
        let document = picture::typeset(site, "ap-phich.typ", &data, qr);
        let pieces = picture::text_pieces(&document, 0);
        let first_word = day.name.split_whitespace().next().unwrap();
        let headline = pieces
            .iter()
            .filter(|p| p.text.to_lowercase().contains(&first_word.to_lowercase()))
            .map(|p| p.size)
            .fold(0.0, f64::max);
        assert!(headline >= 100.0, "{}: headline at {headline} pt", day.id);
        let number = pieces.iter().find(|p| p.text.contains(&phone)).unwrap();
        assert!(
            number.size >= 16.0 && number.bold,
            "{} poster phone",
            day.id
        );
    }
}

/// On the banner, the slogan and the line under it are apart: between the rows that carry
/// the slogan's white letters and those that carry the yellow line there are at least 3 cm of
/// rows with no letter at all.
#[test]
fn the_banner_slogan_and_its_subtitle_do_not_touch() {
    use loa::render::print::data;
    let checked = checked_example();
    let site = &checked.site;
    for i in 0..site.days.len() {
        let json = data::day_data(site, &checked.derived, i);
        let page = &pictures(site, "bang-ron.typ", &json, None, 0.2)[0];
        // Letters are white (slogan) or light yellow (subtitle); the background is red and
        // its two rules golden.
        let letter_rows: Vec<usize> = (0..page.height as usize)
            .filter(|&y| {
                (0..page.width as usize).any(|x| {
                    let p = &page.data[(y * page.width as usize + x) * 4..][..3];
                    p[0] > 240 && p[1] > 210
                })
            })
            .collect();
        let widest_gap = letter_rows
            .windows(2)
            .map(|w| w[1] - w[0])
            .max()
            .unwrap_or(0);
        // 3 cm = 85 pt = 17 pixels at 0.2 pixel per point.
        assert!(
            widest_gap >= 17,
            "{}: slogan and subtitle {widest_gap} pixels apart",
            site.days[i].id
        );
    }
}

/// `loa build --nha-in` also writes every leaflet, poster and banner for a print shop under
/// `in/nha-in/`: pages 3 mm larger on each side (6 mm = 17 pt), the bands running into that
/// bleed, crop marks in the corners; the web downloads stay at trim size without marks.
#[test]
fn print_shop_copies_have_bleed_and_crop_marks() {
    use loa::render::print::data;
    let built = common::build_for_print_shop(&example_root(), test_date());
    assert!(built.errors().is_empty(), "{:?}", built.errors());
    for (web, trim) in [
        ("to-roi/cham-soc-nguoi-cao-tuoi.pdf", (842, 595)),
        ("to-roi/ngay-cong-tac-xa-hoi-viet-nam-a5.pdf", (420, 595)),
        ("ap-phich/ngay-nguoi-cao-tuoi-viet-nam.pdf", (842, 1191)),
        ("bang-ron/ngay-nguoi-cao-tuoi-viet-nam.pdf", (14173, 2268)),
    ] {
        let plain = Pdf::open(&built, &format!("in/{web}"));
        assert_eq!(plain.size(1), trim, "{web}");
        let shop = Pdf::open(&built, &format!("in/nha-in/{web}"));
        assert_eq!(shop.page_count(), plain.page_count(), "{web}");
        assert_eq!(shop.size(1), (trim.0 + 17, trim.1 + 17), "{web}");
    }

    // Crop marks: black strokes in the corners' bleed, on the trim lines; none on the web copy.
    let checked = checked_example();
    let site = &checked.site;
    let leaflet = site
        .leaflets
        .iter()
        .find(|l| l.slug == "cham-soc-nguoi-cao-tuoi")
        .unwrap();
    let (mut json, url) = data::leaflet_data(site, &checked.derived, leaflet);
    let qr = Some(data::qr_svg(&url).unwrap());
    let black = |page: &Picture, x: usize, y: usize| {
        let p = &page.data[(y * page.width as usize + x) * 4..][..4];
        p[3] > 200 && p[0] < 60 && p[1] < 60 && p[2] < 60
    };
    // 4 pixels per point: the bleed is 34 pixels wide; a corner is its 40 x 40 pixels.
    let corner_marks = |page: &Picture| {
        let (w, h) = (page.width as usize, page.height as usize);
        [(0, 0), (w - 40, 0), (0, h - 40), (w - 40, h - 40)]
            .iter()
            .filter(|(x0, y0)| (*y0..y0 + 40).any(|y| (*x0..x0 + 40).any(|x| black(page, x, y))))
            .count()
    };
    let web = &pictures(site, "to-roi.typ", &json, qr.clone(), 4.0)[1];
    assert_eq!(corner_marks(web), 0, "crop marks on the web copy");
    json["nha_in"] = true.into();
    let shop = &pictures(site, "to-roi.typ", &json, qr, 4.0)[1];
    assert_eq!(corner_marks(shop), 4, "a corner without crop marks");
    // The inside's top band runs to the sheet's edge (into the bleed) on the print-shop copy.
    let p = &shop.data[(4 * shop.width as usize + 60) * 4..][..4];
    assert!(p[0] > 100 && p[1] < 40, "no band in the bleed: {p:?}");
}
