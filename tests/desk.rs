//! The editing desk (`loa serve`, `/ban-lam-viec/`) driven over HTTP as a browser would: forms
//! saved into the site's files, the preview showing them, refused saves kept as drafts, the
//! session token, dropped Word plans and figure files.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::{Duration, Instant};

use common::{copy_site, example_root};

/// A running `loa serve` on a copy of the example site.
struct Server {
    _serve: common::Serve,
    port: u16,
    site: tempfile::TempDir,
}

struct Answer {
    status: u16,
    location: String,
    body: String,
}

fn start() -> Server {
    let site = copy_site(&example_root());
    let serve = common::serve(site.path(), &["--no-pdf"]);
    Server {
        port: serve.port,
        _serve: serve,
        site,
    }
}

impl Server {
    fn request(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Answer {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\nContent-Length: {}\r\n",
            self.port,
            body.len()
        );
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        stream.write_all(head.as_bytes()).unwrap();
        stream.write_all(body).unwrap();
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes).unwrap();
        let split = bytes
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .unwrap_or(bytes.len());
        let head = String::from_utf8_lossy(&bytes[..split]).into_owned();
        let raw = bytes.get(split + 4..).unwrap_or_default();
        let status = head.split(' ').nth(1).unwrap().parse().unwrap();
        let location = head
            .lines()
            .find_map(|l| l.strip_prefix("Location: "))
            .unwrap_or("")
            .to_owned();
        let body = if head
            .to_ascii_lowercase()
            .contains("transfer-encoding: chunked")
        {
            String::from_utf8_lossy(&dechunk(raw)).into_owned()
        } else {
            String::from_utf8_lossy(raw).into_owned()
        };
        Answer {
            status,
            location,
            body,
        }
    }

    fn get(&self, path: &str) -> Answer {
        self.request("GET", path, &[], b"")
    }

    fn post_form(&self, path: &str, pairs: &[(String, String)]) -> Answer {
        let body: String = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs)
            .finish();
        self.request(
            "POST",
            path,
            &[("Content-Type", "application/x-www-form-urlencoded")],
            body.as_bytes(),
        )
    }

    /// A `multipart/form-data` post: text fields and one file `(field, file name, bytes)`.
    fn post_multipart(
        &self,
        path: &str,
        fields: &[(String, String)],
        file: (&str, &str, &[u8]),
    ) -> Answer {
        let boundary = "loa-boundary-7f3a";
        let mut body = Vec::new();
        for (name, value) in fields {
            body.extend_from_slice(
                format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").as_bytes(),
            );
        }
        let (field, name, bytes) = file;
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        self.request(
            "POST",
            path,
            &[(
                "Content-Type",
                &format!("multipart/form-data; boundary={boundary}"),
            )],
            &body,
        )
    }

    fn post_file(&self, path: &str, token: &str, name: &str, bytes: &[u8]) -> Answer {
        self.post_multipart(
            path,
            &[("_token".to_owned(), token.to_owned())],
            ("tep", name, bytes),
        )
    }

    fn root(&self) -> &Path {
        self.site.path()
    }

    /// Waits until the preview serves `path` containing `text`; the time it took.
    fn wait_for(&self, path: &str, text: &str) -> Duration {
        let started = Instant::now();
        loop {
            let page = self.get(path);
            if page.status == 200 && page.body.contains(text) {
                return started.elapsed();
            }
            assert!(
                started.elapsed() < Duration::from_secs(120),
                "{path} never showed {text:?}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

fn dechunk(mut rest: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(end) = rest.windows(2).position(|w| w == b"\r\n") {
        let size = String::from_utf8_lossy(&rest[..end]).trim().to_owned();
        let Ok(n) = usize::from_str_radix(&size, 16) else {
            break;
        };
        let after = &rest[end + 2..];
        if n == 0 || after.len() < n {
            break;
        }
        out.extend_from_slice(&after[..n]);
        rest = after[n..].strip_prefix(b"\r\n").unwrap_or(&after[n..]);
    }
    out
}

fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#x2F;", "/")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn token_of(page: &str) -> String {
    let at = page.find("name=\"loa-token\" content=\"").unwrap() + 26;
    page[at..at + 32].to_owned()
}

/// The pairs a browser submits for the first form of `page` with action `action`, as rendered.
fn form_pairs(page: &str, action: &str) -> Vec<(String, String)> {
    let start = page.find(&format!("action=\"{action}\"")).expect(action);
    let end = page[start..].find("</form>").unwrap() + start;
    let form = &page[start..end];
    let attr = |tag: &str, name: &str| -> Option<String> {
        let key = format!(" {name}=\"");
        let at = tag.find(&key)? + key.len();
        let len = tag[at..].find('"')?;
        Some(unescape(&tag[at..at + len]))
    };
    let mut pairs = Vec::new();
    let mut rest = form;
    while let Some(at) = rest.find('<') {
        rest = &rest[at..];
        let close = rest.find('>').unwrap();
        let tag = &rest[..=close];
        if tag.starts_with("<input") {
            let name = attr(tag, "name");
            let kind = attr(tag, "type").unwrap_or_default();
            if let Some(name) = name {
                match kind.as_str() {
                    "checkbox" => {
                        if tag.contains(" checked") {
                            pairs.push((name, attr(tag, "value").unwrap_or_default()));
                        }
                    }
                    "file" => {}
                    _ => pairs.push((name, attr(tag, "value").unwrap_or_default())),
                }
            }
        } else if tag.starts_with("<textarea") {
            let name = attr(tag, "name").unwrap();
            let after = &rest[close + 1..];
            let end = after.find("</textarea>").unwrap();
            // The newline right after <textarea> is not part of the value (HTML).
            let value = after[..end].strip_prefix('\n').unwrap_or(&after[..end]);
            pairs.push((name, unescape(value)));
        }
        rest = &rest[1..];
    }
    pairs
}

fn set(pairs: &mut Vec<(String, String)>, name: &str, value: &str) {
    match pairs.iter_mut().find(|(n, _)| n == name) {
        Some(pair) => pair.1 = value.to_owned(),
        None => pairs.push((name.to_owned(), value.to_owned())),
    }
}

#[test]
fn the_desk_saves_forms_into_the_files_and_the_preview_shows_them() {
    let server = start();
    let home = server.get("/ban-lam-viec/");
    assert_eq!(home.status, 200);
    assert!(home.body.contains("Bàn làm việc"), "{}", home.body);
    let token = token_of(&home.body);

    // A new news item through its form.
    let form = server.get("/ban-lam-viec/tin-tuc/moi");
    assert_eq!(form.status, 200);
    assert!(form.body.contains("<label for=\"f-tieu_de\">Tiêu đề"));
    // Help from the `loa new` comments; a tick box's from the catalogue (the comment says `true`).
    assert!(form.body.contains("NĂM-THÁNG-NGÀY"));
    assert!(form.body.contains("Đánh dấu nếu bài này cũng được đọc"));
    assert!(!form.body.contains("true nếu"));
    let mut pairs = form_pairs(&form.body, "/ban-lam-viec/tin-tuc/luu");
    set(
        &mut pairs,
        "f.tieu_de",
        "Phường trao quà Tết cho người cao tuổi",
    );
    set(&mut pairs, "f.ngay", "2026-11-20");
    set(
        &mut pairs,
        "f.tom_tat",
        "Sáng 20/11, phường trao 120 suất quà.",
    );
    set(&mut pairs, "f.the.0", "người cao tuổi");
    set(
        &mut pairs,
        "_body",
        "Sáng 20/11, UBND phường trao quà theo Nghị định số 20/2021/NĐ-CP.\r\n\r\n- Ý một\r\n",
    );

    assert!(
        pairs.contains(&("_token".to_owned(), token.clone())),
        "every form carries the session token"
    );
    // Without the session's token (a page of another site): refused, nothing written.
    let mut forged = pairs.clone();
    forged.retain(|(n, _)| n != "_token");
    let refused = server.post_form("/ban-lam-viec/tin-tuc/luu", &forged);
    assert_eq!(refused.status, 403);
    let file = server
        .root()
        .join("content/news/phuong-trao-qua-tet-cho-nguoi-cao-tuoi.md");
    assert!(!file.exists());
    let cross_site = server.request(
        "POST",
        "/ban-lam-viec/tin-tuc/luu",
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Origin", "http://attacker.example"),
        ],
        form_urlencoded::Serializer::new(String::new())
            .extend_pairs(&pairs)
            .finish()
            .as_bytes(),
    );
    assert_eq!(cross_site.status, 403);
    assert!(!file.exists());

    let started = Instant::now();
    let saved = server.post_form("/ban-lam-viec/tin-tuc/luu", &pairs);
    assert_eq!(saved.status, 303, "{}", saved.body);
    assert_eq!(
        saved.location,
        "/ban-lam-viec/tin-tuc/sua/phuong-trao-qua-tet-cho-nguoi-cao-tuoi?da-luu=1"
    );
    // The file reads like one `loa new` made: its comments, the values, the body.
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.starts_with("+++\n# ── Phần thông tin của bài viết"),
        "{text}"
    );
    assert!(
        text.contains(
            "# Tiêu đề bài viết.\ntieu_de = \"Phường trao quà Tết cho người cao tuổi\"\n"
        ),
        "{text}"
    );
    assert!(text.contains("ngay = \"2026-11-20\""));
    assert!(text.contains("the = [\"người cao tuổi\"]"));
    assert!(
        text.ends_with(
            "+++\n\nSáng 20/11, UBND phường trao quà theo Nghị định số 20/2021/NĐ-CP.\n\n- Ý một\n"
        ),
        "{text}"
    );
    // The preview shows it.
    let took = server.wait_for(
        "/tin-tuc/phuong-trao-qua-tet-cho-nguoi-cao-tuoi/",
        "Phường trao quà Tết cho người cao tuổi",
    );
    eprintln!(
        "save to preview: {} ms (save {} ms)",
        started.elapsed().as_millis(),
        (started.elapsed() - took).as_millis()
    );
    let page = server
        .get("/tin-tuc/phuong-trao-qua-tet-cho-nguoi-cao-tuoi/")
        .body;
    assert!(
        page.contains("/chinh-sach/nghi-dinh-20-2021-nd-cp/"),
        "the citation is linked"
    );

    // The form again, after the save: the note, the values.
    let again = server.get(&saved.location);
    assert!(again.body.contains("Đã lưu"));
    assert!(again.body.contains("value=\"2026-11-20\""));

    // A date that is no date: refused at its field, kept as a draft, the file and page unchanged.
    let mut bad = form_pairs(&again.body, "/ban-lam-viec/tin-tuc/luu");
    set(&mut bad, "f.ngay", "2026-13-45");
    set(&mut bad, "f.tieu_de", "Tiêu đề mới chưa được đăng");
    let before = std::fs::read_to_string(&file).unwrap();
    let refused = server.post_form("/ban-lam-viec/tin-tuc/luu", &bad);
    assert_eq!(refused.status, 200);
    let body = &refused.body;
    let field = body.find("<label for=\"f-ngay\">").unwrap();
    let error = body.find("2026-13-45").unwrap();
    assert!(
        error > field && error < body[field..].find("id=\"f-ngay\"").unwrap() + field,
        "the error is shown at the date field"
    );
    assert!(
        body.contains("bản nháp content/news/_phuong-trao-qua-tet-cho-nguoi-cao-tuoi.md"),
        "{body}"
    );
    assert!(
        body.contains("value=\"Tiêu đề mới chưa được đăng\""),
        "the work is on the page"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), before);
    let draft = std::fs::read_to_string(
        server
            .root()
            .join("content/news/_phuong-trao-qua-tet-cho-nguoi-cao-tuoi.md"),
    )
    .unwrap();
    assert!(draft.contains("Tiêu đề mới chưa được đăng"));
    // The list shows the draft.
    let list = server.get("/ban-lam-viec/tin-tuc/");
    assert!(list.body.contains("Bản nháp, chưa đăng"));
    // The site still builds and serves the last good page.
    std::thread::sleep(Duration::from_millis(500));
    let page = server
        .get("/tin-tuc/phuong-trao-qua-tet-cho-nguoi-cao-tuoi/")
        .body;
    assert!(page.contains("Phường trao quà Tết cho người cao tuổi"));
    assert!(
        !page.contains("role=\"alert\""),
        "no error box: the real file did not change"
    );

    // Fixed in the draft and saved: the real file takes it, the draft goes.
    set(&mut bad, "f.ngay", "2026-11-21");
    let saved = server.post_form("/ban-lam-viec/tin-tuc/luu", &bad);
    assert_eq!(saved.status, 303, "{}", saved.body);
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("Tiêu đề mới chưa được đăng")
    );
    assert!(
        !server
            .root()
            .join("content/news/_phuong-trao-qua-tet-cho-nguoi-cao-tuoi.md")
            .exists()
    );
}

/// The text files of a site folder, by path.
fn snapshot(root: &Path) -> std::collections::BTreeMap<String, String> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| {
            e.path()
                .extension()
                .is_some_and(|x| x == "md" || x == "toml")
        })
        .filter(|e| {
            !e.path().starts_with(root.join("output")) && !e.path().starts_with(root.join(".loa"))
        })
        .map(|e| {
            (
                e.path().strip_prefix(root).unwrap().display().to_string(),
                std::fs::read_to_string(e.path()).unwrap_or_default(),
            )
        })
        .collect()
}

#[test]
fn every_item_of_the_example_saved_unchanged_is_left_byte_for_byte() {
    let server = start();
    let kinds = [
        "tin-tuc",
        "ke-hoach",
        "trang",
        "toi-can",
        "chien-dich",
        "bao-cao",
        "hoi-dap",
        "to-roi",
        "ngay-ky-niem",
        "don-vi",
        "van-ban",
        "thu-tuc",
        "chi-so",
    ];
    let mut checked = 0;
    for kind in kinds {
        let list = server.get(&format!("/ban-lam-viec/{kind}/"));
        assert_eq!(list.status, 200, "{kind}");
        let prefix = format!("href=\"/ban-lam-viec/{kind}/sua/");
        let keys: Vec<String> = list
            .body
            .match_indices(&prefix)
            .map(|(at, _)| {
                let rest = &list.body[at + prefix.len()..];
                rest[..rest.find('"').unwrap()].to_owned()
            })
            .collect();
        assert!(!keys.is_empty(), "{kind} lists its items");
        for key in keys {
            let form = server.get(&format!("/ban-lam-viec/{kind}/sua/{key}"));
            assert_eq!(form.status, 200, "{kind}/{key}");
            let pairs = form_pairs(&form.body, &format!("/ban-lam-viec/{kind}/luu"));
            let before = snapshot(server.root());
            let saved = server.post_form(&format!("/ban-lam-viec/{kind}/luu"), &pairs);
            assert_eq!(saved.status, 303, "{kind}/{key}: {}", saved.body);
            let after = snapshot(server.root());
            for (path, text) in &after {
                if before.get(path) != Some(text) {
                    panic!(
                        "{kind}/{key}: the unchanged form changed {path}:\n--- before\n{}\n--- after\n{text}",
                        before.get(path).map_or("", String::as_str)
                    );
                }
            }
            assert!(
                saved.location.ends_with("?da-luu=khong-doi"),
                "{kind}/{key}: {}",
                saved.location
            );
            checked += 1;
        }
    }
    // The site's settings too.
    let form = server.get("/ban-lam-viec/cai-dat/sua");
    let pairs = form_pairs(&form.body, "/ban-lam-viec/cai-dat/luu");
    let saved = server.post_form("/ban-lam-viec/cai-dat/luu", &pairs);
    assert!(
        saved.location.ends_with("?da-luu=khong-doi"),
        "site.toml: {}",
        saved.location
    );
    assert!(checked > 40, "{checked}");
}

/// The workbook of the browser test (`.ci/desk.mjs`): figures of Q4 with one cell, D3, in words.
fn bad_workbook() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("Q4").unwrap();
    for (c, h) in ["ky", "khu_vuc", "chi_so", "gia_tri"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (r, (area, value)) in [("tdp-1", None), ("tdp-2", Some("năm mươi"))]
        .iter()
        .enumerate()
    {
        let r = r as u32 + 1;
        sheet.write_string(r, 0, "2026-10").unwrap();
        sheet.write_string(r, 1, *area).unwrap();
        sheet.write_string(r, 2, "tro-cap-xa-hoi").unwrap();
        match value {
            Some(text) => sheet.write_string(r, 3, *text).unwrap(),
            None => sheet.write_number(r, 3, 51.0).unwrap(),
        };
    }
    book.save_to_buffer().unwrap()
}

/// The plan of the browser test: the Ngọc Liên plan as Word writes it (numbering by styles).
fn word_plan() -> Vec<u8> {
    let text = std::fs::read_to_string(
        example_root().join("tests/fixtures/documents/ke-hoach-bao-tro-xa-hoi-ngoc-lien-2026.txt"),
    )
    .unwrap();
    common::word::docx_from_text(&text).bytes
}

/// A committed fixture of `tests/fixtures/desk/` (what the browser test drops); written afresh
/// with `LOA_WRITE_FIXTURES=1`.
fn fixture(name: &str, make: fn() -> Vec<u8>) -> Vec<u8> {
    let path = example_root().join("tests/fixtures/desk").join(name);
    if std::env::var_os("LOA_WRITE_FIXTURES").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, make()).unwrap();
    }
    std::fs::read(&path).unwrap_or_else(|_| panic!("{name}: run with LOA_WRITE_FIXTURES=1"))
}

#[test]
fn the_browser_tests_word_file_is_the_real_plan() {
    let bytes = fixture("ke-hoach-ngoc-lien.docx", word_plan);
    let site = loa::import::SiteData::read(&example_root());
    let imported = loa::import::import(
        Path::new("ke-hoach-ngoc-lien.docx"),
        &bytes,
        &site.context(),
    )
    .unwrap();
    assert!(
        imported.plan.subject.contains("bảo trợ xã hội"),
        "{}",
        imported.plan.subject
    );
    assert!(imported.plan.body.parts.len() >= 3);
    assert!(!imported.plan.assignments.is_empty());
}

fn pending_of(page: &str) -> String {
    let key = "name=\"_pending\" value=\"";
    let at = page.find(key).expect("a save button") + key.len();
    page[at..at + 32].to_owned()
}

#[test]
fn a_dropped_word_plan_and_text_export_are_summarised_then_saved() {
    let server = start();
    let token = token_of(&server.get("/ban-lam-viec/nhap-ke-hoach").body);
    let text = std::fs::read_to_string(
        example_root().join("tests/fixtures/documents/ke-hoach-bao-tro-xa-hoi-ngoc-lien-2026.txt"),
    )
    .unwrap();
    let word = fixture("ke-hoach-ngoc-lien.docx", word_plan);
    let shown = server.post_file(
        "/ban-lam-viec/nhap-ke-hoach",
        &token,
        "Kế hoạch bảo trợ xã hội.docx",
        &word,
    );
    assert_eq!(shown.status, 200);
    // The summary `loa import` prints, before anything is written.
    assert!(
        shown
            .body
            .contains("Đọc được từ Kế hoạch bảo trợ xã hội.docx"),
        "{}",
        shown.body
    );
    assert!(shown.body.contains("Lưu kế hoạch</button>"));
    let plans_before = std::fs::read_dir(server.root().join("content/plans"))
        .unwrap()
        .count();
    let file_at = shown.body.find("Sẽ lưu thành <code>").unwrap() + "Sẽ lưu thành <code>".len();
    let file = shown.body[file_at..file_at + shown.body[file_at..].find('<').unwrap()].to_owned();
    assert!(file.starts_with("content/plans/"), "{file}");
    assert!(!server.root().join(&file).exists());
    let saved = server.post_form(
        "/ban-lam-viec/nhap-ke-hoach/luu",
        &[
            ("_token".to_owned(), token.clone()),
            ("_pending".to_owned(), pending_of(&shown.body)),
        ],
    );
    assert_eq!(saved.status, 303, "{}", saved.body);
    assert!(server.root().join(&file).exists());
    assert_eq!(
        std::fs::read_dir(server.root().join("content/plans"))
            .unwrap()
            .count(),
        plans_before + 1
    );
    let slug = Path::new(&file)
        .file_stem()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    server.wait_for(&format!("/ke-hoach/{slug}/"), "</html>");

    // A text export in the old TCVN3 encoding, as Word saved it on an office machine.
    let legacy = loa::import::decode::encode_tcvn3(&text);
    let shown = server.post_file(
        "/ban-lam-viec/nhap-ke-hoach",
        &token,
        "ke-hoach.txt",
        &legacy,
    );
    assert_eq!(shown.status, 200);
    assert!(
        shown.body.contains("TCVN3"),
        "the encoding is named in the summary"
    );
    assert!(shown.body.contains("Lưu kế hoạch</button>"));
    // The units and documents the registries lack are offered, each to tick; the ticked ones
    // are appended to the registries with the plan, the others are not.
    let choice = |label: &str| -> String {
        let at = shown
            .body
            .find(label)
            .unwrap_or_else(|| panic!("{label}: {}", shown.body));
        let key = "name=\"_them\" value=\"";
        let value_at = shown.body[..at].rfind(key).unwrap() + key.len();
        let len = shown.body[value_at..].find('"').unwrap();
        shown.body[value_at..value_at + len].to_owned()
    };
    let unit = choice("Đơn vị: Phòng Kinh tế");
    let document = choice("Văn bản: Kế hoạch số 907/KH-SYT");
    assert!(
        shown
            .body
            .contains("Đơn vị: Trung tâm cung ứng dịch vụ công")
    );
    let units_before = std::fs::read_to_string(server.root().join("data/units.toml")).unwrap();
    let saved = server.post_form(
        "/ban-lam-viec/nhap-ke-hoach/luu",
        &[
            ("_token".to_owned(), token.clone()),
            ("_pending".to_owned(), pending_of(&shown.body)),
            ("_them".to_owned(), unit),
            ("_them".to_owned(), document),
        ],
    );
    assert_eq!(saved.status, 303, "{}", saved.body);
    let units = std::fs::read_to_string(server.root().join("data/units.toml")).unwrap();
    assert!(
        units.starts_with(&units_before),
        "the registry is appended to"
    );
    assert!(units.contains("ten = \"Phòng Kinh tế\""), "{units}");
    assert!(!units.contains("Trung tâm cung ứng dịch vụ công\""));
    let legal = std::fs::read_to_string(server.root().join("data/legal.toml")).unwrap();
    assert!(legal.contains("so_ky_hieu = \"907/KH-SYT\""), "{legal}");
    assert!(
        !legal.contains("1488/QĐ-UBND"),
        "an entry not ticked is not added"
    );

    // Not a plan: a located refusal, nothing to save.
    let shown = server.post_file(
        "/ban-lam-viec/nhap-ke-hoach",
        &token,
        "anh.docx",
        b"PK\x03\x04 not a zip",
    );
    assert_eq!(shown.status, 200);
    assert!(!shown.body.contains("Lưu kế hoạch</button>"));
    assert!(shown.body.contains("class=\"loi\""), "{}", shown.body);
}

#[test]
fn a_workbook_with_a_bad_cell_is_refused_with_the_cell_named() {
    let server = start();
    let token = token_of(&server.get("/ban-lam-viec/so-lieu").body);
    let bytes = fixture("so-lieu-quy-4-o-sai.xlsx", bad_workbook);
    let shown = server.post_file(
        "/ban-lam-viec/so-lieu",
        &token,
        "Số liệu quý 4.xlsx",
        &bytes,
    );
    assert_eq!(shown.status, 200);
    let body = &shown.body;
    assert!(
        body.contains("<th scope=\"row\">Q4!D3</th><td>năm mươi</td>"),
        "{body}"
    );
    assert!(body.contains("không phải là số"));
    assert!(
        !body.contains("Lưu tệp số liệu"),
        "a refused file cannot be saved"
    );
    assert!(!server.root().join("data/stats/so-lieu-quy-4.xlsx").exists());
    // The preview still serves the last good site, without an error box.
    let home = server.get("/");
    assert!(!home.body.contains("role=\"alert\""));

    // Mended, it is saved into data/stats/.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("Q4").unwrap();
    for (c, h) in ["ky", "khu_vuc", "chi_so", "gia_tri"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "2026-10").unwrap();
    sheet.write_string(1, 1, "tdp-1").unwrap();
    sheet.write_string(1, 2, "tro-cap-xa-hoi").unwrap();
    sheet.write_number(1, 3, 51.0).unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let shown = server.post_file(
        "/ban-lam-viec/so-lieu",
        &token,
        "Số liệu quý 4.xlsx",
        &bytes,
    );
    assert!(shown.body.contains("Lưu tệp số liệu"), "{}", shown.body);
    let saved = server.post_form(
        "/ban-lam-viec/so-lieu/luu",
        &[
            ("_token".to_owned(), token.clone()),
            ("_pending".to_owned(), pending_of(&shown.body)),
        ],
    );
    assert_eq!(saved.status, 200);
    assert_eq!(
        std::fs::read(server.root().join("data/stats/so-lieu-quy-4.xlsx")).unwrap(),
        bytes
    );
}

#[test]
fn a_photo_dropped_on_a_news_item_asks_for_its_alt_text_and_becomes_its_lead_photo() {
    let server = start();
    let form = server.get("/ban-lam-viec/tin-tuc/moi");
    let mut pairs = form_pairs(&form.body, "/ban-lam-viec/tin-tuc/luu");
    set(
        &mut pairs,
        "f.tieu_de",
        "Khám sức khỏe cho người cao tuổi tổ 3",
    );
    set(&mut pairs, "f.ngay", "2026-11-19");
    set(
        &mut pairs,
        "_body",
        "Sáng 19/11, trạm y tế phường khám cho 80 cụ.",
    );
    let photo = std::fs::read(example_root().join("tests/fixtures/photos/dien-thoai.jpg")).unwrap();
    // Without the alt text: refused at the photo, nothing written.
    let refused = server.post_multipart(
        "/ban-lam-viec/tin-tuc/luu",
        &pairs,
        ("_anh", "IMG_2041.JPG", &photo),
    );
    assert_eq!(refused.status, 200);
    assert!(refused.body.contains("chưa có mô tả"), "{}", refused.body);
    let item = server
        .root()
        .join("content/news/kham-suc-khoe-cho-nguoi-cao-tuoi-to-3.md");
    assert!(!item.exists());
    assert!(
        !server
            .root()
            .join("content/news/anh/kham-suc-khoe-cho-nguoi-cao-tuoi-to-3-1.jpg")
            .exists()
    );

    set(
        &mut pairs,
        "_anh_mo_ta",
        "Bác sĩ đo huyết áp cho một cụ ông",
    );
    set(
        &mut pairs,
        "_anh_chu_thich",
        "Khám sức khỏe tại nhà văn hóa tổ 3",
    );
    let saved = server.post_multipart(
        "/ban-lam-viec/tin-tuc/luu",
        &pairs,
        ("_anh", "IMG_2041.JPG", &photo),
    );
    assert_eq!(saved.status, 303, "{}", saved.body);
    let text = std::fs::read_to_string(&item).unwrap();
    assert!(
        text.contains("anh = \"anh/kham-suc-khoe-cho-nguoi-cao-tuoi-to-3-1.jpg\""),
        "{text}"
    );
    assert!(text.contains("mo_ta_anh = \"Bác sĩ đo huyết áp cho một cụ ông\""));
    assert!(text.contains("chu_thich = \"Khám sức khỏe tại nhà văn hóa tổ 3\""));
    assert_eq!(
        std::fs::read(
            server
                .root()
                .join("content/news/anh/kham-suc-khoe-cho-nguoi-cao-tuoi-to-3-1.jpg")
        )
        .unwrap(),
        photo
    );
    let page = {
        server.wait_for(
            "/tin-tuc/kham-suc-khoe-cho-nguoi-cao-tuoi-to-3/",
            "Bác sĩ đo huyết áp",
        );
        server
            .get("/tin-tuc/kham-suc-khoe-cho-nguoi-cao-tuoi-to-3/")
            .body
    };
    assert!(
        page.contains("Khám sức khỏe tại nhà văn hóa tổ 3"),
        "the caption is under the photo"
    );

    // A second photo goes into the body, with its caption.
    let form = server.get("/ban-lam-viec/tin-tuc/sua/kham-suc-khoe-cho-nguoi-cao-tuoi-to-3");
    let mut pairs = form_pairs(&form.body, "/ban-lam-viec/tin-tuc/luu");
    set(&mut pairs, "_anh_mo_ta", "Cụ bà nhận thuốc");
    set(&mut pairs, "_anh_chu_thich", "Phát thuốc miễn phí");
    let saved = server.post_multipart(
        "/ban-lam-viec/tin-tuc/luu",
        &pairs,
        ("_anh", "IMG_2042.JPG", &photo),
    );
    assert_eq!(saved.status, 303, "{}", saved.body);
    let text = std::fs::read_to_string(&item).unwrap();
    assert!(
        text.ends_with("![Cụ bà nhận thuốc](anh/kham-suc-khoe-cho-nguoi-cao-tuoi-to-3-2.jpg \"Phát thuốc miễn phí\")\n"),
        "{text}"
    );
}

/// The number of the `[[table]]` entry whose `ma` is `key`.
fn entry_index(text: &str, table: &str, key: &str) -> usize {
    let header = format!("[[{table}]]");
    let mut n = 0;
    for line in text.lines() {
        if line.trim() == header {
            n += 1;
        }
        if line.trim() == format!("ma = \"{key}\"") {
            return n - 1;
        }
    }
    panic!("no {table} {key}");
}

#[test]
fn an_item_is_removed_only_when_the_site_still_builds_and_a_copy_is_kept() {
    let server = start();
    let token = token_of(&server.get("/ban-lam-viec/").body);
    let posted = |path: &str, key: &str| {
        server.post_form(
            path,
            &[
                ("_token".to_owned(), token.clone()),
                ("_key".to_owned(), key.to_owned()),
            ],
        )
    };
    let bin = server.root().join(".loa/ban-lam-viec/da-xoa");

    // An indicator a plan's targets and the figures use: refused, with the places named.
    let indicators = server.root().join("data/indicators.toml");
    let before = std::fs::read_to_string(&indicators).unwrap();
    let n = entry_index(&before, "chi_so", "ty-le-bhyt").to_string();
    let confirm = server.get(&format!("/ban-lam-viec/chi-so/xoa/{n}"));
    assert_eq!(confirm.status, 200);
    assert!(confirm.body.contains("bảo hiểm y tế"), "{}", confirm.body);
    assert!(confirm.body.contains(".loa/ban-lam-viec/da-xoa"));
    // Without the session's token nothing is removed.
    let forged = server.post_form(
        "/ban-lam-viec/chi-so/xoa",
        &[("_key".to_owned(), n.clone())],
    );
    assert_eq!(forged.status, 403);
    let refused = posted("/ban-lam-viec/chi-so/xoa", &n);
    assert_eq!(refused.status, 409, "{}", refused.body);
    assert!(refused.body.contains("Chưa xoá"), "{}", refused.body);
    assert!(
        refused
            .body
            .contains("content/plans/ke-hoach-an-sinh-xa-hoi-2026.md"),
        "the plan that uses it is named: {}",
        refused.body
    );
    assert_eq!(std::fs::read_to_string(&indicators).unwrap(), before);
    assert!(
        !bin.join("1/data/indicators.toml").exists(),
        "no copy is left of what was not removed"
    );

    // A news item: removed, its copy kept byte for byte, the preview no longer serves it.
    let slug = "2026-03-18-tap-huan-can-bo-cong-tac-xa-hoi";
    let news = server.root().join(format!("content/news/{slug}.md"));
    let text = std::fs::read(&news).unwrap();
    let page = format!("/tin-tuc/{slug}/");
    assert_eq!(server.get(&page).status, 200);
    let confirm = server.get(&format!("/ban-lam-viec/tin-tuc/xoa/{slug}"));
    assert!(
        confirm
            .body
            .contains("trang của nó sẽ không còn trên trang web")
    );
    let done = posted("/ban-lam-viec/tin-tuc/xoa", slug);
    assert_eq!(done.status, 303, "{}", done.body);
    assert!(!news.exists());
    assert_eq!(
        std::fs::read(bin.join(format!("1/content/news/{slug}.md"))).unwrap(),
        text
    );
    let list = server.get(&done.location);
    assert!(list.body.contains("Đã xoá"), "{}", list.body);
    assert!(
        list.body
            .contains(&format!("da-xoa/1/content/news/{slug}.md"))
    );
    let started = Instant::now();
    while server.get(&page).status != 404 {
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "{page} is still served"
        );
        std::thread::sleep(Duration::from_millis(50));
    }

    // A unit the plans name: removed from the registry (the other entries and their comments
    // as they were), and the plans that still name it listed.
    let units = server.root().join("data/units.toml");
    let before = std::fs::read_to_string(&units).unwrap();
    let n = entry_index(&before, "don_vi", "tram-y-te").to_string();
    let done = posted("/ban-lam-viec/don-vi/xoa", &n);
    assert_eq!(done.status, 200, "{}", done.body);
    assert!(done.body.contains("vẫn còn nhắc đến"), "{}", done.body);
    assert!(
        done.body
            .contains("content/plans/ke-hoach-tro-giup-xa-hoi-2026.md"),
        "{}",
        done.body
    );
    let after = std::fs::read_to_string(&units).unwrap();
    assert!(!after.contains("tram-y-te"));
    assert_eq!(
        after.matches("[[don_vi]]").count() + 1,
        before.matches("[[don_vi]]").count()
    );
    assert!(after.contains("ma = \"cong-an\""));
    assert_eq!(
        std::fs::read_to_string(bin.join("1/data/units.toml")).unwrap(),
        before
    );
}
