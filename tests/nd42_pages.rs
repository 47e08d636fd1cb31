//! What Nghị định 42/2022/NĐ-CP asks of a ward's site, on the bundled example: the administrative
//! procedures page (codes, fields, anchors, the portal) and the page in English (the body, its
//! functions, its officials' contacts), with the located problems of their inputs.

mod common;

use common::*;

#[test]
fn procedures_page_groups_procedures_by_field_with_their_codes() {
    let built = build_example();
    let page = built.page(loa::render::urls::PROCEDURES);
    let text = text_of(&page);
    // Grouped by field, in the registry's order, each field with its own anchor.
    let fields: Vec<usize> = [
        "Bảo trợ xã hội",
        "Người khuyết tật",
        "Trợ cấp hưu trí xã hội",
    ]
    .iter()
    .map(|f| {
        page.find(&format!(">{f}</h2>"))
            .unwrap_or_else(|| panic!("no field heading {f}"))
    })
    .collect();
    assert!(fields.windows(2).all(|w| w[0] < w[1]), "{fields:?}");
    assert!(page.contains("<h2 id=\"linh-vuc-bao-tro-xa-hoi\">"));
    // Each procedure: name, code, where, fees, papers, and the national portal.
    for sentence in [
        "Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hằng tháng",
        "Mã thủ tục 1.001776",
        "Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội",
        "Mã thủ tục 1.001731",
        "Xác định, xác định lại mức độ khuyết tật và cấp Giấy xác nhận khuyết tật",
        "Nộp hồ sơ tại Bộ phận Một cửa, Ủy ban nhân dân phường Lưu Kiếm",
        "Phí, lệ phí Không mất phí",
        "Căn cước công dân của người đề nghị",
        "Cổng Dịch vụ công Quốc gia , tìm mã 1.001776",
    ] {
        assert!(text.contains(sentence), "procedures page lacks: {sentence}");
    }
    assert!(page.contains("href=\"https://dichvucong.gov.vn/\""));
    // A procedure whose code the site folder does not give says so; no code is made up.
    assert!(text.contains(
        "Chi trả trợ cấp xã hội hằng tháng khi người hưởng chuyển nơi ở trong hoặc ngoài tỉnh, \
         thành phố Mã thủ tục chưa ghi mã"
    ));
    // The address the lead's benefit pages use for a code leads to that procedure's heading.
    for code in [
        "1.001776", "1.001731", "1.001699", "1.001653", "1.014027", "1.014028",
    ] {
        let url = loa::render::urls::procedure(code);
        let (path, anchor) = url.split_once('#').unwrap();
        assert_eq!(path, loa::render::urls::PROCEDURES);
        assert!(
            page.contains(&format!("<h3 id=\"{anchor}\">")),
            "{url} leads nowhere"
        );
    }
    // In the menu of every page, and in the sitemap.
    assert!(
        built
            .page("/")
            .contains("<a href=\"/thu-tuc/\">Thủ tục hành chính</a>")
    );
    let sitemap = std::fs::read_to_string(built.out().join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("/thu-tuc/</loc>"), "{sitemap}");
    assert!(sitemap.contains("/en/</loc>"), "{sitemap}");
}

#[test]
fn english_page_gives_the_body_its_functions_and_its_officials_contacts() {
    let built = build_example();
    let page = built.page(loa::render::urls::ENGLISH);
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    let text = text_of(&page);
    for sentence in [
        "People's Committee of Luu Kiem Ward",
        "Functions and duties",
        "Receives and settles administrative procedures of residents",
        "Structure",
        "Office of Culture and Social Affairs",
        "Officials to contact",
        "Vice Chairman of the Ward People's Committee",
        "Head of the Ward Office of Culture and Social Affairs",
        "Office hours Monday to Friday",
    ] {
        assert!(text.contains(sentence), "English page lacks: {sentence}");
    }
    // Every official's phone is a tel: link and every e-mail a mailto: link.
    for (phone, email) in [
        ("02253873211", "hoanganhtuan.luukiem@haiphong.gov.vn"),
        ("02253873246", "nguyenthithuhang.luukiem@haiphong.gov.vn"),
        ("02253873358", "phamvankhanh.luukiem@haiphong.gov.vn"),
        ("02253873417", "dominhduc.luukiem@haiphong.gov.vn"),
    ] {
        assert!(page.contains(&format!("href=\"tel:{phone}\"")), "{phone}");
        assert!(
            page.contains(&format!("href=\"mailto:{email}\"")),
            "{email}"
        );
    }
    // Vietnamese words on the page are marked as such (the shared header and footer too).
    assert!(page.contains("<header class=\"dau-trang\" lang=\"vi\">"));
    assert!(page.contains("<td data-nhan=\"Name\" lang=\"vi\">Hoàng Anh Tuấn</td>"));
    // It links back to the contact page, which links to it.
    assert!(page.contains("href=\"/lien-he/\" lang=\"vi\" hreflang=\"vi\""));
    assert!(
        built
            .page("/lien-he/")
            .contains("href=\"/en/\" lang=\"en\" hreflang=\"en\"")
    );
}

#[test]
fn a_bad_procedure_code_is_an_error_at_its_line() {
    let site = copy_site(&example_root());
    let path = site.path().join("data/thu-tuc.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    // A code a digit short, and the first code given again (neither used by a question; the
    // funeral benefit names the code that is gone, which is an error of its own).
    let broken = text
        .replacen("ma = \"1.001653\"", "ma = \"1.00165\"", 1)
        .replacen("ma = \"1.014028\"", "ma = \"1.001776\"", 1);
    std::fs::write(&path, broken).unwrap();
    let line_of = |needle: &str| {
        std::fs::read_to_string(&path)
            .unwrap()
            .lines()
            .position(|l| l.contains(needle))
            .unwrap()
            + 1
    };
    let bad = line_of("ma = \"1.00165\"");
    let twice = line_of("ten = \"Hỗ trợ chi phí mai táng đối với người đang hưởng") - 2;
    let built = build_site(site.path(), test_date());
    assert_errors_start_with(
        &built.errors(),
        &[
            "content/toi-can/ho-tro-mai-tang-phi.md:23:1: lỗi: Không tìm thấy `1.014028` trong data/thu-tuc.toml",
            &format!("data/thu-tuc.toml:{bad}:1: lỗi: Mã thủ tục `1.00165` không đúng dạng"),
            &format!(
                "data/thu-tuc.toml:{twice}:1: lỗi: Mã `1.001776` bị trùng, đã dùng ở data/thu-tuc.toml:"
            ),
        ],
    );
    assert!(!built.out().exists(), "output written despite errors");
}

#[test]
fn missing_english_texts_are_warnings_naming_site_toml() {
    let site = copy_site(&example_root());
    let path = site.path().join("site.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let start = text.find("[tieng_anh]").unwrap();
    let end = start + text[start..].find("[[can_bo]]").unwrap();
    let without: String = format!("{}{}", &text[..start], &text[end..]).replacen(
        "chuc_vu_tieng_anh = \"Social worker, Ward Health Station\"\n",
        "",
        1,
    );
    std::fs::write(&path, without).unwrap();
    let built = build_site(site.path(), test_date());
    assert!(built.errors().is_empty(), "{:?}", built.errors());
    let warnings: Vec<String> = built
        .report
        .diagnostics
        .sorted()
        .into_iter()
        .filter(|d| !d.is_error())
        .map(|d| d.to_string())
        .filter(|w| w.starts_with("site.toml:"))
        .collect();
    let khanh = std::fs::read_to_string(&path)
        .unwrap()
        .lines()
        .position(|l| l == "ho_ten = \"Phạm Văn Khánh\"")
        .unwrap()
        + 1;
    assert_eq!(warnings.len(), 2, "{warnings:#?}");
    assert!(
        warnings[0].starts_with("site.toml:2:1: cảnh báo: Trang tiếng Anh còn thiếu `tieng_anh`"),
        "{warnings:#?}"
    );
    assert!(
        warnings[1].starts_with(&format!(
            "site.toml:{khanh}:1: cảnh báo: Cán bộ Phạm Văn Khánh chưa có chức vụ tiếng Anh"
        )),
        "{warnings:#?}"
    );
    // The page is still built, in English where it can be, the rest in Vietnamese marked as such.
    let page = built.page("/en/");
    assert!(page.contains("<span lang=\"vi\">Viên chức công tác xã hội, Trạm Y tế phường</span>"));
}

#[test]
fn questions_are_answered_with_their_policies_and_procedures_linked_both_ways() {
    let built = build_example();
    let page = built.page(loa::render::urls::QUESTIONS);
    let text = text_of(&page);
    for sentence in [
        "Mức trợ cấp xã hội hằng tháng bây giờ là bao nhiêu tiền?",
        "mức chuẩn trợ giúp xã hội là 500.000 đồng một tháng",
        "Mẹ tôi 76 tuổi, không có lương hưu, có được nhận tiền hằng tháng không?",
        "Con tôi bị khuyết tật, muốn xin giấy xác nhận khuyết tật thì làm sao?",
    ] {
        assert!(text.contains(sentence), "questions page lacks: {sentence}");
    }
    // Each answer under its own anchor, listed at the top.
    assert!(page.contains("<h3 id=\"muc-tro-cap-xa-hoi\">"));
    assert!(page.contains("<li><a href=\"#muc-tro-cap-xa-hoi\">"));
    // From the answer to the policy and the procedure it rests on ...
    let start = page.find("<h3 id=\"muc-tro-cap-xa-hoi\">").unwrap();
    let answer = &page[start..start + page[start..].find("</article>").unwrap()];
    assert!(
        answer.contains("href=\"/chinh-sach/nghi-dinh-20-2021-nd-cp/\""),
        "{answer}"
    );
    assert!(
        answer.contains("href=\"/thu-tuc/#tt-1-001776\""),
        "{answer}"
    );
    assert!(
        text_of(answer)
            .contains("Thủ tục: Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hằng tháng")
    );
    // ... and from the policy page back to the answers that concern it, and only those.
    let policy = built.page("/chinh-sach/nghi-dinh-20-2021-nd-cp/");
    let section = &policy[policy.find("<h2 id=\"hoi-dap\">").expect("Hỏi đáp section")..];
    let section = &section[..section.find("</section>").unwrap()];
    for anchor in [
        "muc-tro-cap-xa-hoi",
        "giay-to-tro-cap",
        "nop-ho-so-o-dau",
        "ho-tro-mai-tang",
    ] {
        assert!(
            section.contains(&format!("href=\"/hoi-dap/#{anchor}\"")),
            "{anchor}"
        );
    }
    assert!(!section.contains("tro-cap-huu-tri-xa-hoi"), "{section}");
    // How to ask: phone, e-mail, in person, the fanpage; nothing is posted anywhere.
    let ask = text_of(&page[page.find("id=\"cach-hoi\"").unwrap()..]);
    for way in [
        "Gọi điện 0225 3873 210",
        "Gửi thư điện tử ubnd.luukiem@haiphong.gov.vn",
        "Hỏi trực tiếp",
        "Nhắn tin trang của phường",
    ] {
        assert!(ask.contains(way), "{way}: {ask}");
    }
    assert!(page.contains("href=\"tel:02253873210\""));
    assert!(!page.contains("<form"), "a static site posts no form");
    // In the menu and linked from the contact page.
    assert!(
        built
            .page("/")
            .contains("<a href=\"/hoi-dap/\">Hỏi đáp</a>")
    );
    assert!(built.page("/lien-he/").contains("href=\"/hoi-dap/\""));
}

#[test]
fn a_question_citing_an_unknown_policy_or_procedure_is_an_error_at_its_line() {
    let site = copy_site(&example_root());
    let path = site.path().join("content/hoi-dap/muc-tro-cap-xa-hoi.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("\"76/2024/NĐ-CP\"]", "\"99/2099/NĐ-CP\"]")
            .replace("thu_tuc = [\"1.001776\"]", "thu_tuc = [\"1.999999\"]"),
    )
    .unwrap();
    let built = build_site(site.path(), test_date());
    assert_errors_start_with(
        &built.errors(),
        &[
            "content/hoi-dap/muc-tro-cap-xa-hoi.md:4:1: lỗi: Không tìm thấy `99/2099/NĐ-CP` trong data/legal.toml",
            "content/hoi-dap/muc-tro-cap-xa-hoi.md:5:1: lỗi: Không tìm thấy `1.999999` trong data/thu-tuc.toml",
        ],
    );
}

#[test]
fn budget_disclosure_is_a_table_whose_totals_add_up_with_a_csv_download() {
    let built = build_example();
    let page = built.page("/ngan-sach/chi-ngan-sach-2026/");
    let text = text_of(&page);
    for sentence in [
        "Dự toán và thực hiện chi ngân sách phường 9 tháng đầu năm 2026",
        "Đơn vị tính triệu đồng",
        "Quyết định số 05/QĐ-UBND ngày 06/01/2026",
        // Vietnamese figures, and the rate derived from them.
        "Tổng chi ngân sách phường 12.520 8.487 67,8%",
        "2.3 Chi bảo đảm xã hội (trợ cấp, mừng thọ, thăm hỏi) 1.950 1.512 77,5%",
        "3 Dự phòng ngân sách 240 35 14,6%",
    ] {
        assert!(
            text.contains(sentence),
            "budget page lacks: {sentence}\n{text}"
        );
    }
    // Stacked cards on a phone like the other tables: every cell names its column.
    assert!(page.contains("<table class=\"bang-noi-dung\">"));
    assert!(page.contains("<td class=\"so\" data-nhan=\"Đạt so với dự toán\">77,5%</td>"));
    // The download is the same rows, machine-readable.
    assert!(page.contains("href=\"/ngan-sach/chi-ngan-sach-2026.csv\""));
    let csv =
        std::fs::read_to_string(built.out().join("ngan-sach/chi-ngan-sach-2026.csv")).unwrap();
    assert!(csv.starts_with("muc,noi_dung,du_toan,thuc_hien,ty_le_thuc_hien,don_vi\n"));
    assert!(
        csv.contains(
            "\n2.3,\"Chi bảo đảm xã hội (trợ cấp, mừng thọ, thăm hỏi)\",1950,1512,77.5,triệu đồng\n"
        ),
        "{csv}"
    );
    // Listed, and linked from every page's footer.
    assert!(
        built
            .page("/ngan-sach/")
            .contains("href=\"/ngan-sach/chi-ngan-sach-2026/\"")
    );
    assert!(
        built
            .page("/")
            .contains("<a href=\"/ngan-sach/\">Công khai ngân sách</a>")
    );
}

#[test]
fn a_budget_total_that_is_not_the_sum_of_its_parts_names_the_cell() {
    let site = copy_site(&example_root());
    let path = site.path().join("data/ngan-sach/chi-ngan-sach-2026.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace(
            "\"Chi quốc phòng, an ninh, trật tự\",620,455",
            "\"Chi quốc phòng, an ninh, trật tự\",650,455",
        ),
    )
    .unwrap();
    let built = build_site(site.path(), test_date());
    assert_errors_start_with(
        &built.errors(),
        &[
            "data/ngan-sach/chi-ngan-sach-2026.csv:4:20: lỗi: Số của mục `Chi thường xuyên` là 9.430, nhưng cộng các mục con được 9.460",
        ],
    );
    assert!(!built.out().exists(), "output written despite errors");
}

#[test]
fn policies_are_found_by_type_and_by_year_without_a_script() {
    let built = build_example();
    let page = built.page(loa::render::urls::POLICIES);
    // A jump list of types (with counts) and of years, each to its own anchor.
    for (link, anchor) in [
        (
            "<a href=\"#loai-nghi-dinh\">Nghị định (5)</a>",
            "<h2 id=\"loai-nghi-dinh\">Nghị định</h2>",
        ),
        (
            "<a href=\"#loai-luat\">Luật (4)</a>",
            "<h2 id=\"loai-luat\">Luật</h2>",
        ),
        (
            "<a href=\"#nam-2024\">2024</a>",
            "<h3 id=\"nam-2024\">Năm 2024</h3>",
        ),
    ] {
        assert!(page.contains(link), "{link}");
        assert!(page.contains(anchor), "{anchor}");
    }
    // Within a type, newest first.
    let decrees = &page[page.find("<h2 id=\"loai-nghi-dinh\">").unwrap()..];
    let decrees = text_of(&decrees[..decrees.find("</table>").unwrap()]);
    let order: Vec<usize> = [
        "176/2025/NĐ-CP",
        "110/2024/NĐ-CP",
        "76/2024/NĐ-CP",
        "20/2021/NĐ-CP",
        "145/2013/NĐ-CP",
    ]
    .iter()
    .map(|s| {
        decrees
            .find(s)
            .unwrap_or_else(|| panic!("{s} in {decrees}"))
    })
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{decrees}");
    // A year lists what was issued that year.
    let y2024 = &page[page.find("<h3 id=\"nam-2024\">").unwrap()..];
    let y2024 = text_of(&y2024[..y2024.find("</ul>").unwrap()]);
    assert!(
        y2024.contains("Nghị định số 76/2024/NĐ-CP") && y2024.contains("Luật Bảo hiểm xã hội"),
        "{y2024}"
    );
}

#[test]
fn a_document_shows_when_it_takes_effect_and_its_full_text_downloads() {
    let site = common::copy_site(&common::example_root());
    let legal = site.path().join("data/legal.toml");
    let text = std::fs::read_to_string(&legal).unwrap();
    // The ward puts the decree's full text in the site folder and names it.
    std::fs::create_dir_all(site.path().join("data/van-ban")).unwrap();
    let pdf = b"%PDF-1.7\n% Nghi dinh 20/2021\n".to_vec();
    std::fs::write(site.path().join("data/van-ban/Nghị định 20-2021.pdf"), &pdf).unwrap();
    let text = text.replacen(
        "ngay_hieu_luc = \"2021-07-01\"",
        "ngay_hieu_luc = \"2021-07-01\"\ntep = \"data/van-ban/Nghị định 20-2021.pdf\"",
        1,
    );
    std::fs::write(&legal, &text).unwrap();
    let built = common::build_preview(site.path(), common::test_date());
    assert!(built.errors().is_empty(), "{:?}", built.errors());
    let page = built.page("/chinh-sach/nghi-dinh-20-2021-nd-cp/");
    let shown = common::text_of(&page);
    assert!(
        shown.contains("Ngày có hiệu lực ngày 01 tháng 7 năm 2021"),
        "{shown}"
    );
    let link = "/chinh-sach/nghi-dinh-20-2021-nd-cp/nghi-dinh-20-2021.pdf";
    assert!(page.contains(&format!("href=\"{link}\"")), "download link");
    assert_eq!(
        std::fs::read(built.out().join(link.trim_start_matches('/'))).unwrap(),
        pdf
    );
    let list = built.page("/chinh-sach/");
    assert!(
        list.contains(&format!("href=\"{link}\"")),
        "the list offers it too"
    );
    assert!(common::text_of(&list).contains("Từ ngày 01 tháng 7 năm 2021"));

    // A file that is not there, or a date that is not one, is an error at its line.
    let line = |t: &str, start: &str| t.lines().position(|l| l.starts_with(start)).unwrap() + 1;
    let broken = text
        .replace(
            "data/van-ban/Nghị định 20-2021.pdf",
            "data/van-ban/khong-co.pdf",
        )
        .replacen(
            "ngay_hieu_luc = \"2024-07-01\"",
            "ngay_hieu_luc = \"2024-13-01\"",
            1,
        );
    std::fs::write(&legal, &broken).unwrap();
    let built = common::build_preview(site.path(), common::test_date());
    let mut expected = [
        format!("data/legal.toml:{}:", line(&broken, "tep = ")),
        format!(
            "data/legal.toml:{}:",
            line(&broken, "ngay_hieu_luc = \"2024-13-01\"")
        ),
    ];
    expected.sort();
    let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
    common::assert_errors_start_with(&built.errors(), &expected);
    assert!(
        !built.out().exists(),
        "an error leaves the output untouched"
    );
}
