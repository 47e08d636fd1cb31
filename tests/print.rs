//! Print products: the PDFs a ward prints (documents, leaflets, posters, banners, loudspeaker
//! scripts), checked by reading them back: page sizes, page counts, the text on the page.

#![cfg(feature = "pdf")]

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

use common::pdf::Pdf;
use common::{Built, build_example, build_preview, build_site, copy_site, example_root, test_date};

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
    let kept = cache_entries(site.path());
    assert_eq!(
        kept.len(),
        pdf_count + 1,
        "every PDF and the search index are kept"
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
    let changed: Vec<&String> = pdfs.keys().filter(|p| pdfs[*p] != after[*p]).collect();
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

/// A rendered page: width, height and premultiplied RGBA pixels.
struct Picture {
    width: u32,
    height: u32,
    data: Vec<u8>,
}

impl Picture {
    /// Share of dark pixels in the rectangle given as fractions of the page.
    fn ink(&self, x0: f64, x1: f64, y0: f64, y1: f64) -> f64 {
        let (w, h) = (f64::from(self.width), f64::from(self.height));
        let (mut dark, mut all) = (0usize, 0usize);
        for y in (y0 * h) as usize..(y1 * h) as usize {
            for x in (x0 * w) as usize..(x1 * w) as usize {
                let p = &self.data[(y * self.width as usize + x) * 4..][..4];
                let grey = (u32::from(p[0]) + u32::from(p[1]) + u32::from(p[2])) / 3;
                all += 1;
                if grey + 255 - u32::from(p[3]) < 128 {
                    dark += 1;
                }
            }
        }
        dark as f64 / all.max(1) as f64
    }
}

/// Lays a product out with the engine the build uses and renders each page at `scale` pixels
/// per point.
fn pictures(
    site: &loa::model::Site,
    template: &str,
    json: &serde_json::Value,
    qr: Option<String>,
    scale: f64,
) -> Vec<Picture> {
    use loa::render::print::engine;
    let engine = engine::Engine::for_site(site);
    let job = engine::Job {
        template,
        data: json,
        qr_svg: qr,
        product: template.to_owned(),
        origin: loa::diagnostics::Location::file("site.toml"),
        ident: template.to_owned(),
        date: test_date(),
        archival: false,
    };
    let document = engine.typeset(&job).unwrap_or_else(|e| panic!("{e:?}"));
    let options = typst_render::RenderOptions {
        pixel_per_pt: scale.into(),
        ..typst_render::RenderOptions::default()
    };
    document
        .pages()
        .iter()
        .map(|page| {
            let pixmap = typst_render::render(page, &options);
            Picture {
                width: pixmap.width(),
                height: pixmap.height(),
                data: pixmap.data().to_vec(),
            }
        })
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

#[test]
fn a_short_leaflet_fills_every_panel_and_both_a5_pages() {
    // Inside of the tri-fold: each of the three panels carries text, the first not much more
    // than the others (the sections are shared out, not bunched into the first panel).
    let (pictures, _) = leaflet_pictures("cham-soc-nguoi-cao-tuoi", "to-roi.typ", 1.0);
    let inside = &pictures[1];
    let panels: Vec<f64> = [(0.0, 0.33), (0.34, 0.66), (0.67, 1.0)]
        .iter()
        .map(|(a, b)| inside.ink(*a, *b, 0.0, 1.0))
        .collect();
    let most = panels.iter().copied().fold(0.0, f64::max);
    for (i, ink) in panels.iter().enumerate() {
        assert!(
            *ink > most / 3.0,
            "panel {} nearly empty: {panels:?}",
            i + 1
        );
    }
    // A5: page 2 starts with sections at its top (not only the contact block at its foot).
    let (pictures, _) = leaflet_pictures("cham-soc-nguoi-cao-tuoi", "to-roi-a5.typ", 1.0);
    let top = pictures[1].ink(0.0, 1.0, 0.0, 0.3);
    let bottom = pictures[1].ink(0.0, 1.0, 0.7, 1.0);
    assert!(top > bottom / 3.0, "page 2 top {top} vs bottom {bottom}");
    // Page 1 still goes down past its middle.
    assert!(
        pictures[0].ink(0.0, 1.0, 0.5, 0.7) > 0.01,
        "page 1 bottom half is empty"
    );
}

/// The reviewed picture of the plan's first page (greyscale PNG, 0.75 pixel per point).
const GOLDEN: &str = "tests/golden/van-ban-trang-1.png";

/// Greyscale of a rendered page, over white.
fn greyscale(picture: &Picture) -> Vec<u8> {
    picture
        .data
        .chunks(4)
        .map(|p| {
            let grey = (u32::from(p[0]) + u32::from(p[1]) + u32::from(p[2])) / 3;
            (grey + 255 - u32::from(p[3])).min(255) as u8
        })
        .collect()
}

fn write_png(path: &Path, width: u32, height: u32, grey: &[u8]) {
    let file = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let mut encoder = png::Encoder::new(file, width, height);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().unwrap();
    writer.write_image_data(grey).unwrap();
}

fn read_png(path: &Path) -> (u32, u32, Vec<u8>) {
    let file = std::io::BufReader::new(std::fs::File::open(path).unwrap());
    let mut reader = png::Decoder::new(file).read_info().unwrap();
    let mut buffer = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buffer).unwrap();
    assert_eq!(info.color_type, png::ColorType::Grayscale);
    buffer.truncate(info.buffer_size());
    (info.width, info.height, buffer)
}

/// Page 1 of the plan (header, type name, subject, the first parts) compared with the reviewed
/// picture, in 6 x 6 pixel cells (about 8 pt): a cell differs when its mean grey moved by more
/// than 24 levels. Anti-aliasing or a rasteriser update moves a few levels; a line, rule or
/// paragraph moved or restyled changes hundreds of cells. `LOA_UPDATE_GOLDEN=1` rewrites the
/// picture (look at it before committing it).
#[test]
fn the_plan_first_page_looks_like_the_reviewed_picture() {
    use loa::render::print::data;
    let checked = checked_example();
    let site = &checked.site;
    let plan = site
        .plans
        .iter()
        .find(|p| p.slug == "ke-hoach-tro-giup-xa-hoi-2026")
        .unwrap();
    let page = &pictures(
        site,
        "van-ban.typ",
        &data::plan_data(site, plan),
        None,
        0.75,
    )[0];
    let grey = greyscale(page);
    let golden = example_root().join(GOLDEN);
    if std::env::var_os("LOA_UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(golden.parent().unwrap()).unwrap();
        write_png(&golden, page.width, page.height, &grey);
    }
    let (width, height, expected) = read_png(&golden);
    assert_eq!(
        (page.width, page.height),
        (width, height),
        "page size changed"
    );
    let (w, h) = (width as usize, height as usize);
    const CELL: usize = 6;
    let mean = |image: &[u8], cx: usize, cy: usize| {
        let mut sum = 0u32;
        let mut n = 0u32;
        for y in cy * CELL..((cy + 1) * CELL).min(h) {
            for x in cx * CELL..((cx + 1) * CELL).min(w) {
                sum += u32::from(image[y * w + x]);
                n += 1;
            }
        }
        i64::from(sum / n.max(1))
    };
    let mut differing = 0;
    let cells = w.div_ceil(CELL) * h.div_ceil(CELL);
    for cy in 0..h.div_ceil(CELL) {
        for cx in 0..w.div_ceil(CELL) {
            if (mean(&grey, cx, cy) - mean(&expected, cx, cy)).abs() > 24 {
                differing += 1;
            }
        }
    }
    if differing * 200 > cells {
        let actual = std::env::temp_dir().join("loa-van-ban-trang-1.png");
        write_png(&actual, page.width, page.height, &grey);
        panic!(
            "{differing} of {cells} cells differ from {GOLDEN}; this build's page is {}",
            actual.display()
        );
    }
}
