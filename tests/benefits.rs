//! The "Tôi cần..." front door and the links that travel (issue #16, items 3 and 7): benefit pages
//! a resident can act on, linked from what they concern; every page shared on Zalo or Facebook
//! shows a preview card that exists; a ready-to-paste post per shared item.

mod common;

use common::{build_example, build_preview, copy_site, example_root, test_date, text_of};

const BENEFIT: &str = "/toi-can/tro-cap-xa-hoi-hang-thang/";

#[test]
fn the_home_page_opens_with_the_front_door() {
    let built = build_example();
    let home = built.page("/");
    let door = home.find("id=\"toi-can\"").expect("a Tôi cần section");
    for later in [
        "class=\"gioi-thieu\"",
        "id=\"sap-toi\"",
        "id=\"ke-hoach-moi\"",
        "id=\"tin-moi\"",
    ] {
        let at = home
            .find(later)
            .unwrap_or_else(|| panic!("{later} missing"));
        assert!(door < at, "the front door comes before {later}");
    }
    for slug in [
        "tro-cap-xa-hoi-hang-thang",
        "tro-cap-huu-tri-xa-hoi",
        "mung-tho-nguoi-cao-tuoi",
        "the-bao-hiem-y-te",
        "ho-tro-mai-tang-phi",
    ] {
        assert!(
            home.contains(&format!("href=\"/toi-can/{slug}/\"")),
            "{slug}"
        );
    }
    // The menu leads to it from every page.
    assert!(built.page("/lich/").contains("<a href=\"/toi-can/\""));
    let door_page = text_of(&built.page("/toi-can/"));
    assert!(
        door_page.contains("Người cao tuổi"),
        "grouped by who it is for"
    );
}

#[test]
fn a_benefit_page_says_who_how_much_what_papers_where_and_whom_to_call() {
    let built = build_example();
    let html = built.page(BENEFIT);
    let text = text_of(&html);
    for expected in [
        "Ai được hưởng",
        "Người khuyết tật đặc biệt nặng",
        "1.250.000 đồng mỗi tháng",
        "500.000 đồng mỗi tháng",
        "Giấy tờ cần mang",
        "Nơi nộp",
        "Bao lâu có kết quả",
        "Không mất phí",
        "Nguyễn Thị Thu Hằng",
    ] {
        assert!(text.contains(expected), "{expected} missing:\n{text}");
    }
    // The official to call, as a call link, before the page's sections.
    let call = html.find("href=\"tel:02253873246\"").expect("call link");
    assert!(call < html.find("id=\"ai-duoc-huong\"").unwrap());
    // The form downloads, with the bytes the office wrote.
    let form = "/toi-can/tro-cap-xa-hoi-hang-thang/to-khai-de-nghi-tro-giup-xa-hoi.docx";
    assert!(html.contains(&format!("href=\"{form}\"")), "form link");
    let written = std::fs::read(built.out().join(form.trim_start_matches('/'))).unwrap();
    let source = std::fs::read(
        example_root().join("content/toi-can/mau/to-khai-de-nghi-tro-giup-xa-hoi.docx"),
    )
    .unwrap();
    assert_eq!(written, source);
    assert!(text.contains("tệp Word"), "the kind of file is named");
    // The procedure it is applied for with, on the procedures page.
    assert!(
        html.contains("href=\"/thu-tuc/#tt-1-001776\""),
        "procedure link"
    );
    // The policies and the plan it rests on.
    assert!(html.contains("href=\"/ke-hoach/ke-hoach-tro-giup-xa-hoi-2026/\""));
    assert!(text.contains("Nghị định số 20/2021/NĐ-CP"));
}

#[test]
fn plans_days_and_policies_link_to_the_benefits_they_concern() {
    let built = build_example();
    let link = |url: &str| format!("href=\"{url}\"");
    let plan = built.page("/ke-hoach/ke-hoach-tro-giup-xa-hoi-2026/");
    assert!(plan.contains(&link(BENEFIT)));
    assert!(plan.contains(&link("/toi-can/ho-tro-mai-tang-phi/")));
    let tet = built.page("/ngay-ky-niem/tet-nguyen-dan/");
    assert!(tet.contains(&link("/toi-can/mung-tho-nguoi-cao-tuoi/")));
    let policies = built.page("/chinh-sach/");
    let decree = regex::Regex::new(r#"href="(/chinh-sach/[^"]+/)">Nghị định số 20/2021/NĐ-CP"#)
        .unwrap()
        .captures(&policies)
        .expect("Nghị định 20/2021 listed")[1]
        .to_owned();
    let policy = built.page(&decree);
    assert!(policy.contains(&link(BENEFIT)), "{decree}");
    // A day no benefit names has no such section.
    let unrelated = built.page("/ngay-ky-niem/tet-trung-thu/");
    assert!(!unrelated.contains("quyen-loi-lien-quan"));
}

#[test]
fn wrong_references_of_a_benefit_are_errors_at_their_lines_and_the_output_is_untouched() {
    let site = copy_site(&example_root());
    std::fs::write(
        site.path().join("content/toi-can/sai.md"),
        "+++\n\
         tieu_de = \"Hỗ trợ thử\"\n\
         doi_tuong = [\"Ai đó\"]\n\
         giay_to = [\"Đơn\"]\n\
         noi_nop = \"Phường\"\n\
         lien_he = [\"Nguyễn Văn Không Có\"]\n\
         can_cu = [\"99/2099/NĐ-CP\"]\n\
         ke_hoach = [\"ke-hoach-khong-co\"]\n\
         thu_tuc = [\"9.999999\"]\n\
         \n\
         [[mau_don]]\n\
         ten = \"Tờ khai\"\n\
         tep = \"mau/khong-co.docx\"\n\
         +++\n\
         Nội dung.\n",
    )
    .unwrap();
    let built = build_preview(site.path(), test_date());
    common::assert_errors_start_with(
        &built.errors(),
        &[
            "content/toi-can/sai.md:6:",
            "content/toi-can/sai.md:7:",
            "content/toi-can/sai.md:8:",
            "content/toi-can/sai.md:9:",
            "content/toi-can/sai.md:13:",
        ],
    );
    let errors = built.errors().join("\n");
    for named in [
        "Nguyễn Văn Không Có",
        "99/2099/NĐ-CP",
        "ke-hoach-khong-co",
        "mau/khong-co.docx",
    ] {
        assert!(errors.contains(named), "{named}:\n{errors}");
    }
    assert!(
        !built.out().exists(),
        "an error leaves the output untouched"
    );
}

#[test]
fn a_logo_that_is_missing_or_not_an_image_is_an_error_at_its_line() {
    let site = copy_site(&example_root());
    let toml = std::fs::read_to_string(site.path().join("site.toml")).unwrap();
    let line = toml.lines().position(|l| l.starts_with("logo =")).unwrap() + 1;
    std::fs::write(
        site.path().join("site.toml"),
        toml.replace("logo = \"data/logo.svg\"", "logo = \"data/logo.png\""),
    )
    .unwrap();
    let built = build_preview(site.path(), test_date());
    common::assert_errors_start_with(&built.errors(), &[&format!("site.toml:{line}:")]);
    std::fs::write(site.path().join("data/logo.png"), "không phải ảnh").unwrap();
    let built = build_preview(site.path(), test_date());
    common::assert_errors_start_with(&built.errors(), &[&format!("site.toml:{line}:")]);
    assert!(built.errors()[0].contains("PNG"), "{:?}", built.errors());
}

/// Width and height of a PNG file, from its header.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG");
    let at = |i: usize| u32::from_be_bytes(bytes[i..i + 4].try_into().unwrap());
    (at(16), at(20))
}

#[cfg(feature = "pdf")]
#[test]
fn every_page_has_a_share_preview_whose_image_exists() {
    let built = build_example();
    let out = built.out();
    let base = "https://luukiem.haiphong.gov.vn";
    let meta = |html: &str, property: &str| -> Option<String> {
        let pattern = format!(r#"<meta (?:property|name)="{property}" content="([^"]*)">"#);
        regex::Regex::new(&pattern)
            .unwrap()
            .captures(html)
            .map(|c| c[1].to_owned())
    };
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(&out)
        .into_iter()
        .filter_map(Result::ok)
    {
        let path = entry.path();
        if path.extension().is_none_or(|x| x != "html") || path.starts_with(out.join("pagefind")) {
            continue;
        }
        let html = std::fs::read_to_string(path).unwrap();
        let shown = path.strip_prefix(&out).unwrap().display().to_string();
        for property in ["og:title", "og:description", "og:url", "twitter:card"] {
            assert!(meta(&html, property).is_some(), "{shown}: {property}");
        }
        let title = meta(&html, "og:title").unwrap();
        assert!(!title.trim().is_empty(), "{shown}: empty og:title");
        let image = meta(&html, "og:image").unwrap_or_else(|| panic!("{shown}: og:image"));
        let file = image
            .strip_prefix(base)
            .expect("an absolute address of the site");
        let bytes = std::fs::read(out.join(file.trim_start_matches('/')))
            .unwrap_or_else(|e| panic!("{shown}: {file}: {e}"));
        assert_eq!(png_size(&bytes), (1200, 630), "{file}");
        assert_eq!(meta(&html, "twitter:card").unwrap(), "summary_large_image");
        pages += 1;
    }
    assert!(pages > 90, "{pages} pages");
    // Items carry their own card; the icons and the logo are there.
    let news = built.page("/tin-tuc/2026-05-08-chi-tra-tro-cap-qua-tai-khoan/");
    assert!(news.contains(&format!(
        "{base}/chia-se/tin-tuc/2026-05-08-chi-tra-tro-cap-qua-tai-khoan.png"
    )));
    assert!(
        built
            .page(BENEFIT)
            .contains("/chia-se/toi-can/tro-cap-xa-hoi-hang-thang.png")
    );
    for size in [32, 180, 512] {
        let icon = std::fs::read(out.join(format!("bieu-tuong-{size}.png"))).unwrap();
        assert_eq!(png_size(&icon), (size, size));
    }
    assert!(
        built
            .page("/")
            .contains("<img class=\"bieu-trung\" src=\"/logo.svg\"")
    );
    assert!(out.join("logo.svg").is_file());
}

#[test]
fn every_shared_item_has_a_post_ready_to_paste() {
    let built = build_example();
    let out = built.out();
    let folder = out.join("in/bai-dang");
    let posts: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    // 6 news, 2 plans, 19 days, 3 campaigns, 5 benefits.
    assert_eq!(posts.len(), 35, "{posts:?}");
    let link = regex::Regex::new(r"https://luukiem\.haiphong\.gov\.vn(/\S*/)").unwrap();
    for post in &posts {
        let text = std::fs::read_to_string(post).unwrap();
        let shown = post.display();
        let page = &link
            .captures(&text)
            .unwrap_or_else(|| panic!("{shown}: no link"))[1];
        assert!(
            out.join(loa::render::urls::file_for(page)).is_file(),
            "{shown}: {page} does not exist"
        );
        assert!(text.contains("#PhườngLưuKiếm"), "{shown}");
        assert!(!text.contains("{{") && !text.contains("{%"), "{shown}");
        assert!(text.contains("0225 3873 210"), "{shown}");
    }
    let benefit =
        std::fs::read_to_string(folder.join("toi-can-tro-cap-xa-hoi-hang-thang.txt")).unwrap();
    assert!(
        benefit.starts_with("ℹ️ TRỢ CẤP XÃ HỘI HẰNG THÁNG\n"),
        "{benefit}"
    );
    assert!(benefit.contains("Dành cho: Người già không nơi nương tựa"));
    // A plan's post quotes sentences, not its headings.
    let plan =
        std::fs::read_to_string(folder.join("ke-hoach-ke-hoach-tro-giup-xa-hoi-2026.txt")).unwrap();
    assert!(!plan.contains("MỤC ĐÍCH, YÊU CẦU"), "{plan}");
}

#[test]
fn a_new_benefit_file_says_what_is_still_missing() {
    let site = copy_site(&example_root());
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_loa"))
        .args(["new", "toi-can", "Hỗ trợ người khuyết tật", "--root"])
        .arg(site.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let path = "content/toi-can/ho-tro-nguoi-khuyet-tat.md";
    let text = std::fs::read_to_string(site.path().join(path)).unwrap();
    let line = |start: &str| text.lines().position(|l| l.starts_with(start)).unwrap() + 1;
    let built = build_preview(site.path(), test_date());
    assert!(built.errors().is_empty(), "{:?}", built.errors());
    let warnings: Vec<String> = built
        .report
        .diagnostics
        .iter()
        .filter(|d| {
            d.location
                .as_ref()
                .is_some_and(|l| l.file.ends_with("ho-tro-nguoi-khuyet-tat.md"))
        })
        .map(|d| d.to_string())
        .collect();
    for expected in [
        format!("{path}:{}:", line("doi_tuong")),
        format!("{path}:{}:", line("giay_to")),
        format!("{path}:{}:", line("noi_nop")),
        format!("{path}:{}:", line("1. Chuẩn bị giấy tờ.")),
    ] {
        assert!(
            warnings.iter().any(|w| w.starts_with(&expected)),
            "{expected} not in {warnings:#?}"
        );
    }
    assert!(
        built
            .page("/toi-can/")
            .contains("href=\"/toi-can/ho-tro-nguoi-khuyet-tat/\"")
    );
}

/// The RGB of pixel (x, y) of a PNG file.
#[cfg(feature = "pdf")]
fn pixel(bytes: &[u8], x: usize, y: usize) -> [u8; 3] {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND);
    let mut reader = decoder.read_info().unwrap();
    let mut data = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut data).unwrap();
    let channels = info.color_type.samples();
    let at = (y * info.width as usize + x) * channels;
    [data[at], data[at + 1], data[at + 2]]
}

#[cfg(feature = "pdf")]
#[test]
fn a_news_item_with_a_lead_photo_shares_the_photo_with_its_title() {
    let built = build_example();
    let card = |slug: &str| {
        std::fs::read(built.out().join(format!("chia-se/tin-tuc/{slug}.png"))).unwrap()
    };
    // Upper right of the middle: the photo on the card of an item with one, white paper without.
    let with = pixel(&card("2026-06-06-kham-suc-khoe-nguoi-cao-tuoi"), 1150, 160);
    let without = pixel(&card("2026-05-08-chi-tra-tro-cap-qua-tai-khoan"), 1150, 160);
    assert_eq!(without, [255, 255, 255]);
    assert_ne!(with, [255, 255, 255], "the lead photo fills the card");
}

#[test]
fn a_photo_in_a_benefit_page_is_published_for_phones() {
    let site = copy_site(&example_root());
    std::fs::create_dir_all(site.path().join("content/toi-can/anh")).unwrap();
    std::fs::copy(
        site.path().join("content/news/anh/kham-suc-khoe.jpg"),
        site.path().join("content/toi-can/anh/ban-tiep-nhan.jpg"),
    )
    .unwrap();
    let file = site.path().join("content/toi-can/the-bao-hiem-y-te.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        format!("{text}\n![Bàn tiếp nhận hồ sơ thẻ bảo hiểm y tế](anh/ban-tiep-nhan.jpg \"Bộ phận một cửa\")\n"),
    )
    .unwrap();
    let built = build_preview(site.path(), test_date());
    assert!(built.errors().is_empty(), "{:?}", built.errors());
    let page = built.page("/toi-can/the-bao-hiem-y-te/");
    assert!(page.contains("<figure"), "the photo is a figure");
    assert!(page.contains("alt=\"Bàn tiếp nhận hồ sơ thẻ bảo hiểm y tế\""));
    assert!(
        !page.contains("src=\"anh/ban-tiep-nhan.jpg\""),
        "not the original file"
    );
}
