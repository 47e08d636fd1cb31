//! Photos (issue #17): a phone's photo reaches the page upright, at every published width, as
//! WebP and JPEG under 250 KB, without EXIF (no GPS position, no camera); every bad photo is an
//! error naming the content file and line and the previous output stays; a rebuild with
//! unchanged photos decodes nothing.

mod common;

use std::path::{Path, PathBuf};

use common::scenes;
use common::*;

const NEWS: &str = "content/news/2026-11-20-anh-dien-thoai.md";
const PAGE: &str = "/tin-tuc/2026-11-20-anh-dien-thoai/";

fn fixtures() -> PathBuf {
    example_root().join("tests/fixtures/photos")
}

/// A news item whose lead photo is `lead` and whose body is `body`, with the fixture corpus
/// copied beside it (in `anh/`).
fn site_with(lead: Option<&str>, body: &str) -> tempfile::TempDir {
    let site = copy_site(&example_root());
    let folder = site.path().join("content/news/anh");
    std::fs::create_dir_all(&folder).unwrap();
    for entry in std::fs::read_dir(fixtures()).unwrap() {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|x| x == "md") {
            continue; // the corpus's README, not a news item
        }
        std::fs::copy(entry.path(), folder.join(entry.file_name())).unwrap();
    }
    // PNGs of drawn scenes are large (their grain does not compress): made here, not kept.
    std::fs::write(
        folder.join("hoi-truong.png"),
        scenes::png(&scenes::meeting_hall(1200, 800)),
    )
    .unwrap();
    std::fs::write(
        folder.join("nho.png"),
        scenes::png(&scenes::health_check(400, 300)),
    )
    .unwrap();
    let lead = lead
        .map(|l| {
            format!("anh = \"{l}\"\nchu_thich = \"Cán bộ phường trao quà\"\ntac_gia = \"Thu Hà\"\n")
        })
        .unwrap_or_default();
    std::fs::write(
        site.path().join(NEWS),
        format!(
            "+++\ntieu_de = \"Trao quà cho gia đình chính sách\"\nngay = \"2026-11-20\"\ntom_tat = \"Phường trao quà.\"\n{lead}+++\n{body}"
        ),
    )
    .unwrap();
    site
}

fn decode(bytes: &[u8]) -> image::RgbImage {
    image::load_from_memory(bytes).unwrap().to_rgb8()
}

fn published(built: &Built) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(built.out().join("anh"))
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn a_phone_photo_reaches_the_page_upright_in_every_size_without_exif() {
    let original = std::fs::read(fixtures().join("dien-thoai.jpg")).unwrap();
    assert!(scenes::carries_exif(&original), "the fixture is a phone's");
    let site = site_with(
        Some("anh/dien-thoai.jpg"),
        "Nội dung.\n\n![Hội trường phường](anh/hoi-truong.png \"Hội nghị tập huấn\")\n",
    );
    let built = build_preview(site.path(), test_date());
    assert!(built.errors().is_empty(), "{:#?}", built.errors());
    let page = built.page(PAGE);
    // The lead photo: stored 1200 x 1600 turned by EXIF 6, shown 1600 wide x 1200 high.
    let lead = page
        .split("<figure class=\"anh\">")
        .nth(1)
        .expect("a lead figure");
    assert!(lead.contains("type=\"image/webp\""), "{lead}");
    assert!(
        lead.contains("-480.webp 480w, ") && lead.contains("-1600.jpg 1600w\""),
        "{lead}"
    );
    assert!(lead.contains("width=\"1600\" height=\"1200\""), "{lead}");
    assert!(lead.contains("alt=\"Cán bộ phường trao quà\""), "{lead}");
    assert!(!lead[..lead.find("</figure>").unwrap()].contains("loading=\"lazy\""));
    assert!(
        lead.contains("<figcaption>Ảnh: Cán bộ phường trao quà (người chụp: Thu Hà)</figcaption>"),
        "{lead}"
    );
    // The body's photo: a figure of its own (no paragraph around it), lazy, its caption.
    let body = page
        .split("<figure class=\"anh\">")
        .nth(2)
        .expect("a body figure");
    assert!(body.contains("loading=\"lazy\""), "{body}");
    assert!(
        body.contains("<figcaption>Ảnh: Hội nghị tập huấn</figcaption>"),
        "{body}"
    );
    assert!(!page.contains("<p><figure"), "{page}");
    assert!(!page.contains("src=\"anh/"), "no unprocessed image is left");

    let files = published(&built);
    let every_src: Vec<&str> = page
        .split(['"', ' ', ','])
        .filter(|s| s.starts_with("/anh/"))
        .collect();
    assert!(!every_src.is_empty());
    for src in &every_src {
        assert!(
            built.out().join(src.trim_start_matches('/')).is_file(),
            "{src} is published"
        );
    }
    for (name, bytes) in &files {
        assert!(!scenes::carries_exif(bytes), "{name} carries EXIF");
        assert!(bytes.len() <= 250 * 1024, "{name}: {} bytes", bytes.len());
    }
    // Upright: the scene's red banner is at the top of the published picture, not at a side.
    let largest = files
        .iter()
        .filter(|(n, _)| n.ends_with("-1600.jpg"))
        .map(|(_, b)| decode(b))
        .find(|img| img.dimensions() == (1600, 1200))
        .expect("the phone photo at 1600 x 1200");
    let banner = largest.get_pixel(800, 100).0;
    assert!(
        banner[0] > 150 && banner[1] < 90,
        "the banner is red at the top: {banner:?}"
    );
    let webp = files
        .iter()
        .find(|(n, _)| n.ends_with("-960.webp"))
        .expect("a WebP file");
    assert_eq!(&webp.1[..4], b"RIFF");
    assert_eq!(&webp.1[8..12], b"WEBP");
}

#[test]
fn a_small_photo_is_never_enlarged() {
    let site = site_with(None, "![Bảng tin tổ dân phố](anh/nho.png)\n");
    let built = build_preview(site.path(), test_date());
    assert!(built.errors().is_empty(), "{:#?}", built.errors());
    let page = built.page(PAGE);
    assert!(page.contains("width=\"400\" height=\"300\""), "{page}");
    let files = published(&built);
    let small = &files.iter().find(|(n, _)| n.contains("-400.")).unwrap().0[..16];
    let names: Vec<&str> = files
        .iter()
        .map(|(n, _)| n.as_str())
        .filter(|n| n.starts_with(small))
        .collect();
    assert_eq!(names.len(), 2, "one size, two formats: {names:?}");
    assert!(names.iter().all(|n| n.contains("-400.")), "{names:?}");
    let jpeg = &files
        .iter()
        .find(|(n, _)| n.as_str() == names[0])
        .unwrap()
        .1;
    assert_eq!(decode(jpeg).dimensions(), (400, 300));
}

fn line_of(site: &Path, needle: &str) -> usize {
    std::fs::read_to_string(site.join(NEWS))
        .unwrap()
        .lines()
        .position(|l| l.contains(needle))
        .unwrap()
        + 1
}

#[test]
fn every_bad_photo_is_an_error_at_its_line_and_the_output_stays() {
    let site = site_with(
        None,
        "Ảnh:\n\n![](anh/dien-thoai.jpg)\n\n![Thiếu tệp](anh/khong-co.jpg)\n\n![Cắt cụt](anh/cat-cut.jpg)\n\n![iPhone](anh/iphone.heic)\n\n![Quá nặng](anh/qua-nang.jpg)\n\n![Quá nhiều điểm ảnh](anh/qua-lon.png)\n\n![Không phải ảnh](anh/ghi-chu.txt)\n",
    );
    // A file over 40 MB (sparse: nothing is written to the disk) and a PNG header of 10000 x 7000.
    let heavy = std::fs::File::create(site.path().join("content/news/anh/qua-nang.jpg")).unwrap();
    heavy.set_len(41 * 1024 * 1024).unwrap();
    let mut png = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut png, 10_000, 7_000);
        encoder.set_color(png::ColorType::Rgb);
        drop(encoder.write_header().unwrap());
    }
    std::fs::write(site.path().join("content/news/anh/qua-lon.png"), png).unwrap();
    std::fs::write(site.path().join("content/news/anh/ghi-chu.txt"), "ghi chú").unwrap();

    let out = site.path().join("output");
    std::fs::create_dir_all(&out).unwrap();
    let before = loa::build::build(&loa::build::BuildOptions {
        root: example_root(),
        out: out.clone(),
        date: test_date(),
        outputs: loa::model::Outputs {
            pdf: false,
            search_index: false,
            pdf_in_background: false,
            print_shop: false,
        },
    });
    assert!(!before.diagnostics.has_errors());
    let home = std::fs::read(out.join("index.html")).unwrap();

    let report = loa::build::build(&loa::build::BuildOptions {
        root: site.path().to_path_buf(),
        out: out.clone(),
        date: test_date(),
        outputs: loa::model::Outputs {
            pdf: false,
            search_index: false,
            pdf_in_background: false,
            print_shop: false,
        },
    });
    let errors: Vec<String> = report
        .diagnostics
        .sorted()
        .into_iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect();
    let at = |needle: &str| format!("{NEWS}:{}:1: lỗi: ", line_of(site.path(), needle));
    let expected = [
        (at("![](anh/dien-thoai.jpg)"), "không có lời mô tả"),
        (
            at("anh/khong-co.jpg"),
            "Không có tệp ảnh `anh/khong-co.jpg`",
        ),
        (at("anh/cat-cut.jpg"), "bị cắt cụt"),
        (at("anh/iphone.heic"), "HEIC/HEIF"),
        (at("anh/qua-nang.jpg"), "nặng 41,0 MB, quá 40,0 MB"),
        (
            at("anh/qua-lon.png"),
            "10000 × 7000 điểm ảnh (70 megapixel)",
        ),
        (at("anh/ghi-chu.txt"), "không phải ảnh JPEG hay PNG"),
    ];
    assert_eq!(errors.len(), expected.len(), "{errors:#?}");
    for (error, (start, words)) in errors.iter().zip(&expected) {
        assert!(
            error.starts_with(start) && error.contains(words),
            "{error}\n  should start with {start} and say {words}"
        );
    }
    let heic = errors.iter().find(|e| e.contains("HEIC")).unwrap();
    assert!(
        heic.contains("Tương thích nhất"),
        "says how to convert: {heic}"
    );
    assert_eq!(
        std::fs::read(out.join("index.html")).unwrap(),
        home,
        "the previous output stays"
    );
}

#[test]
fn a_rebuild_with_unchanged_photos_decodes_nothing() {
    let site = site_with(
        Some("anh/dien-thoai.jpg"),
        "![Hội trường](anh/hoi-truong.png)\n",
    );
    let first = build_preview(site.path(), test_date());
    assert!(first.errors().is_empty(), "{:#?}", first.errors());
    // The example's own photos and the two of this item.
    assert!(
        first.report.photos_decoded >= 2,
        "{}",
        first.report.photos_decoded
    );
    let second = build_preview(site.path(), test_date());
    assert_eq!(
        second.report.photos_decoded, 0,
        "every file from .loa/cache"
    );
    assert_eq!(published(&first), published(&second), "the same files");
    // A changed photo is made again (and only it).
    std::fs::write(
        site.path().join("content/news/anh/hoi-truong.png"),
        scenes::png(&scenes::health_check(800, 600)),
    )
    .unwrap();
    let third = build_preview(site.path(), test_date());
    assert_eq!(third.report.photos_decoded, 1);
}

#[test]
fn the_example_news_carry_their_photos_with_captions() {
    let built = build_preview(&example_root(), test_date());
    assert!(built.errors().is_empty(), "{:#?}", built.errors());
    let with_photos: Vec<String> = std::fs::read_dir(example_root().join("content/news"))
        .unwrap()
        .filter_map(|e| {
            let path = e.unwrap().path();
            let text = std::fs::read_to_string(&path).ok()?;
            text.lines().any(|l| l.starts_with("anh =")).then(|| {
                let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
                loa::locale::slugify(&stem)
            })
        })
        .collect();
    assert!(with_photos.len() >= 3, "{with_photos:?}");
    for slug in &with_photos {
        let page = built.page(&format!("/tin-tuc/{slug}/"));
        assert!(page.contains("<figure class=\"anh\"><picture>"), "{slug}");
        assert!(page.contains("<figcaption>Ảnh: "), "{slug}");
    }
    let list = built.page("/tin-tuc/");
    assert!(
        list.matches("class=\"anh-nho\"").count() >= with_photos.len(),
        "list entries show the lead photos"
    );
    let home = built.page("/");
    assert!(home.contains("class=\"anh-nho\""), "and the home page's");
}

/// Draws the bundled example's photos and the fixture corpus (run by hand after changing a
/// scene: `cargo test --release --test photos -- --ignored draw`).
#[test]
#[ignore]
fn draw_the_example_photos_and_fixtures() {
    let news = example_root().join("content/news/anh");
    std::fs::create_dir_all(&news).unwrap();
    for (name, picture) in [
        ("trao-qua.jpg", scenes::gift_handover(1800, 1200)),
        ("kham-suc-khoe.jpg", scenes::health_check(1800, 1200)),
        ("hoi-truong.jpg", scenes::meeting_hall(1800, 1200)),
    ] {
        std::fs::write(news.join(name), scenes::jpeg(&picture, 62)).unwrap();
        // A small PNG copy to look at.
        let look = std::env::temp_dir().join("loa-scenes");
        std::fs::create_dir_all(&look).unwrap();
        let small = image::imageops::thumbnail(&picture, 600, 400);
        std::fs::write(look.join(name).with_extension("png"), scenes::png(&small)).unwrap();
    }
    let fixtures = fixtures();
    std::fs::create_dir_all(&fixtures).unwrap();
    // A phone's photo: 1600 x 1200 upright, stored sideways with EXIF 6 and GPS.
    let phone = scenes::phone_jpeg(&scenes::gift_handover(1600, 1200), 80);
    std::fs::write(fixtures.join("dien-thoai.jpg"), &phone).unwrap();
    std::fs::write(fixtures.join("cat-cut.jpg"), &phone[..phone.len() * 2 / 3]).unwrap();
    std::fs::write(fixtures.join("iphone.heic"), scenes::heic_header()).unwrap();
}

/// The corpus of `bench/photos.sh`: `LOA_BENCH_PHOTOS` phone photos of 4000 x 3000 (12
/// megapixels, JPEG quality 90 with EXIF orientation and GPS, each a different file) written
/// into the folder `LOA_BENCH_DIR`. Not a test: run by the bench script.
#[test]
#[ignore]
fn bench_corpus() {
    use rayon::prelude::*;
    let Ok(dir) = std::env::var("LOA_BENCH_DIR") else {
        return;
    };
    let count: usize = std::env::var("LOA_BENCH_PHOTOS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100);
    let dir = PathBuf::from(dir);
    std::fs::create_dir_all(&dir).unwrap();
    (0..count).into_par_iter().for_each(|i| {
        let mut picture = match i % 3 {
            0 => scenes::gift_handover(4000, 3000),
            1 => scenes::health_check(4000, 3000),
            _ => scenes::meeting_hall(4000, 3000),
        };
        // Each photo its own: a mark in a corner makes every file (and digest) different.
        for x in 0..(i as u32 % 50 + 1) * 8 {
            picture.put_pixel(x, 2990, image::Rgb([255, 255, 255]));
        }
        let bytes = scenes::phone_jpeg_upright(&picture, 90);
        std::fs::write(dir.join(format!("anh-{i:03}.jpg")), bytes).unwrap();
    });
}

/// Image XObjects of a PDF: (width, height, the stream's bytes).
fn pdf_images(pdf: &[u8]) -> Vec<(i64, i64, Vec<u8>)> {
    let document = lopdf::Document::load_mem(pdf).unwrap();
    document
        .objects
        .values()
        .filter_map(|object| {
            let lopdf::Object::Stream(stream) = object else {
                return None;
            };
            let is_image = stream
                .dict
                .get(b"Subtype")
                .and_then(|s| s.as_name())
                .is_ok_and(|n| n == b"Image");
            let size = |key: &[u8]| stream.dict.get(key).and_then(|v| v.as_i64()).unwrap_or(0);
            is_image.then(|| (size(b"Width"), size(b"Height"), stream.content.clone()))
        })
        .collect()
}

#[test]
fn a_leaflet_prints_its_photo_from_the_original_at_print_resolution() {
    let site = copy_site(&example_root());
    let folder = site.path().join("content/leaflets/anh");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::copy(
        fixtures().join("dien-thoai.jpg"),
        folder.join("dien-thoai.jpg"),
    )
    .unwrap();
    let leaflet = site
        .path()
        .join("content/leaflets/cham-soc-nguoi-cao-tuoi.md");
    let text = std::fs::read_to_string(&leaflet).unwrap();
    std::fs::write(
        &leaflet,
        text.replacen(
            "diem_chinh = [",
            "anh = \"anh/dien-thoai.jpg\"\nchu_thich = \"Trao quà mừng thọ\"\ndiem_chinh = [",
            1,
        ),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let report = loa::build::build(&loa::build::BuildOptions {
        root: site.path().to_path_buf(),
        out: dir.path().join("output"),
        date: test_date(),
        outputs: loa::model::Outputs {
            search_index: false,
            ..Default::default()
        },
    });
    assert!(!report.diagnostics.has_errors(), "{:?}", report.diagnostics);
    for product in [
        "in/to-roi/cham-soc-nguoi-cao-tuoi.pdf",
        "in/to-roi/cham-soc-nguoi-cao-tuoi-a5.pdf",
    ] {
        let pdf = std::fs::read(dir.path().join("output").join(product)).unwrap();
        let images = pdf_images(&pdf);
        // The photo is 1600 x 1200 upright: printed from the original, scaled to the widest
        // slot (128 mm at 300 dpi = 1512 px), turned by its EXIF orientation.
        let photo = images
            .iter()
            .find(|(w, _, _)| *w == 1512)
            .unwrap_or_else(|| {
                panic!(
                    "{product}: the photo at print resolution: {:?}",
                    images.iter().map(|(w, h, _)| (w, h)).collect::<Vec<_>>()
                )
            });
        assert_eq!(photo.1, 1134, "{product}: upright (landscape)");
        assert!(!scenes::carries_exif(&photo.2), "{product}: no EXIF");
        assert!(!scenes::carries_exif(&pdf), "{product}: no EXIF anywhere");
    }
}

/// Where the media step's time goes for one 12-megapixel phone photo (run by hand:
/// `cargo test --release --test photos -- --ignored --nocapture profile`).
#[test]
#[ignore]
fn profile_one_photo() {
    let t = std::time::Instant::now();
    let bytes = scenes::phone_jpeg_upright(&scenes::gift_handover(4000, 3000), 90);
    println!(
        "draw+encode source: {:?} ({} KB)",
        t.elapsed(),
        bytes.len() / 1024
    );
    let t = std::time::Instant::now();
    let img = image::load_from_memory(&bytes).unwrap().to_rgb8();
    println!("decode: {:?}", t.elapsed());
    let t = std::time::Instant::now();
    let big = image::imageops::resize(&img, 1600, 1200, image::imageops::FilterType::CatmullRom);
    println!("resize catmull-rom 1600: {:?}", t.elapsed());
    let t = std::time::Instant::now();
    let _ = loa::media::resize(&img, 1600, 1200);
    println!("fast_image_resize catmull-rom 1600: {:?}", t.elapsed());
    let t = std::time::Instant::now();
    let w = webp::Encoder::from_rgb(big.as_raw(), 1600, 1200).encode(76.0);
    println!("webp q76 1600: {:?} ({} KB)", t.elapsed(), w.len() / 1024);
    let t = std::time::Instant::now();
    let j = scenes::jpeg(&big, 82);
    println!("jpeg q82 1600: {:?} ({} KB)", t.elapsed(), j.len() / 1024);
}
