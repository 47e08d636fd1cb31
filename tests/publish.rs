//! `loa publish` to folders: the site arrives whole at its destination, only what changed is
//! sent, a dry run touches nothing, an interrupted publish leaves every link of the live site
//! working and the next run sends only the rest, and a password is never shown or written.
//! Real SFTP, FTP and FTPS servers: tests/publish_servers.rs.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};

use common::publish::*;
use loa::publish::{
    self, Credentials, Destination, MANIFEST_NAME, Progress, Transport, TransportError,
};

#[test]
fn first_publish_sends_everything_and_a_second_sends_nothing() {
    let site = common::copy_site(&common::example_root());
    let web = tempfile::tempdir().unwrap();
    let run = loa(site.path(), &["--dich", web.path().to_str().unwrap()]);
    assert!(run.status.success(), "{}", stderr(&run));
    let out = stdout(&run);
    let expected = site_tree(&site.path().join("output"));
    assert_same(
        &tree(web.path()),
        &expected,
        "the destination holds the built site",
    );
    let sent = progress_lines(&out);
    assert_eq!(sent.len(), expected.len(), "{out}");
    assert_eq!(
        sent.last().map(String::as_str),
        Some("index.html"),
        "the home page goes last"
    );
    let first_page = sent.iter().position(|p| p.ends_with(".html")).unwrap();
    assert!(
        sent[first_page..].iter().all(|p| p.ends_with(".html")),
        "styles, photos and PDFs go before every page"
    );
    assert!(
        out.contains(&format!("[{n}/{n}] index.html", n = expected.len())),
        "{out}"
    );

    let again = loa(site.path(), &["--dich", web.path().to_str().unwrap()]);
    assert!(again.status.success(), "{}", stderr(&again));
    let out = stdout(&again);
    assert!(progress_lines(&out).is_empty(), "nothing is sent: {out}");
    assert!(out.contains("không có gì phải gửi"), "{out}");
    assert_same(
        &tree(web.path()),
        &expected,
        "the destination holds the built site",
    );
}

#[test]
fn an_edit_sends_only_what_changed_and_a_removed_item_goes_last() {
    let site = common::copy_site(&common::example_root());
    let web = tempfile::tempdir().unwrap();
    let dest = web.path().to_str().unwrap().to_owned();
    assert!(loa(site.path(), &["--dich", &dest]).status.success());
    let published = tree(web.path());
    edit_news(site.path());

    // The dry run lists what would change and touches nothing.
    let dry = loa(site.path(), &["--dich", &dest, "--thu-nghiem"]);
    assert!(dry.status.success(), "{}", stderr(&dry));
    let listed = stdout(&dry);
    assert_same(&tree(web.path()), &published, "a dry run sends nothing");
    assert!(
        !site.path().join(".loa/xuat-ban").exists()
            || std::fs::read_dir(site.path().join(".loa/xuat-ban"))
                .unwrap()
                .filter_map(Result::ok)
                .all(|e| e.file_name() == "known_hosts"),
        "a dry run keeps no journal"
    );
    let new = site_tree(&site.path().join("output"));
    let line = |sign: &str, path: &str| {
        listed
            .lines()
            .any(|l| l.trim_start().starts_with(&format!("{sign} {path} (")))
    };
    assert!(line("~", &news_page(EDITED)), "{listed}");
    assert!(line("-", &news_page(DELETED)), "{listed}");
    assert!(line("~", "tin-tuc/index.html"), "{listed}");
    for (path, bytes) in &new {
        let changed = published.get(path) != Some(bytes);
        let sign = if published.contains_key(path) {
            "~"
        } else {
            "+"
        };
        assert_eq!(line(sign, path), changed, "{path} listed iff changed");
    }
    let removed: Vec<&String> = published.keys().filter(|p| !new.contains_key(*p)).collect();
    assert!(!removed.is_empty());
    for path in &removed {
        assert!(line("-", path), "{path} listed as removed");
    }
    let changed_count = new
        .iter()
        .filter(|(p, b)| published.get(*p) != Some(*b))
        .count();
    assert!(
        listed.contains(&format!("xóa {} tệp", removed.len())),
        "{listed}"
    );

    let run = loa(site.path(), &["--dich", &dest]);
    assert!(run.status.success(), "{}", stderr(&run));
    let out = stdout(&run);
    let steps = progress_lines(&out);
    assert_eq!(
        steps.len(),
        changed_count + removed.len(),
        "only the changed files are sent: {out}"
    );
    assert!(
        changed_count < new.len() / 2,
        "{changed_count} of {}",
        new.len()
    );
    let first_removal = steps.iter().position(|s| s.starts_with("đã xóa ")).unwrap();
    assert_eq!(
        steps[first_removal..].len(),
        removed.len(),
        "removals come after every upload: {out}"
    );
    assert_same(
        &tree(web.path()),
        &new,
        "the destination holds the new site",
    );
    assert!(!web.path().join(format!("tin-tuc/{DELETED}")).exists());
    let page = String::from_utf8_lossy(&new[&news_page(EDITED)]).into_owned();
    assert!(page.contains("buổi lễ được dời sang 8 giờ sáng"));
}

/// A folder transport that stops (as a dropped connection would) after `allowed` uploads.
struct Failing {
    inner: publish::folder::Folder,
    allowed: usize,
}

impl Transport for Failing {
    fn read(&mut self, path: &str) -> Result<Option<Vec<u8>>, TransportError> {
        self.inner.read(path)
    }
    fn put(&mut self, path: &str, bytes: &[u8]) -> Result<(), TransportError> {
        if self.allowed == 0 {
            return Err(TransportError::Failed("connection reset".into()));
        }
        self.allowed -= 1;
        self.inner.put(path, bytes)
    }
    fn remove(&mut self, path: &str) -> Result<(), TransportError> {
        if self.allowed == 0 {
            return Err(TransportError::Failed("connection reset".into()));
        }
        self.allowed -= 1;
        self.inner.remove(path)
    }
    fn remove_dir(&mut self, path: &str) -> Result<(), TransportError> {
        self.inner.remove_dir(path)
    }
}

fn copy_tree(from: &Path, to: &Path) {
    for (name, bytes) in tree(from) {
        let target = to.join(&name);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, bytes).unwrap();
    }
    std::fs::copy(from.join(MANIFEST_NAME), to.join(MANIFEST_NAME)).unwrap();
}

#[test]
fn an_interrupted_publish_keeps_every_link_working_and_the_next_run_sends_the_rest() {
    let site = common::copy_site(&common::example_root());
    let root = site.path();
    let published = tempfile::tempdir().unwrap();
    assert!(
        loa(root, &["--dich", published.path().to_str().unwrap()])
            .status
            .success()
    );
    // An edited item, a removed one and a new one (the section, the home page and the feeds
    // change with them).
    edit_news(root);
    let source = root.join(format!("content/news/{EDITED}.md"));
    let added = std::fs::read_to_string(&source).unwrap().replacen(
        "tieu_de = \"",
        "tieu_de = \"Tin mới: ",
        1,
    );
    std::fs::write(root.join("content/news/2026-11-20-tin-moi.md"), added).unwrap();
    let report = loa::build::build(&loa::build::BuildOptions {
        root: root.to_path_buf(),
        out: root.join("output"),
        date: common::test_date(),
        outputs: Default::default(),
    });
    assert!(!report.diagnostics.has_errors());
    let output = root.join("output");
    let new = site_tree(&output);
    assert!(new.contains_key(&news_page("2026-11-20-tin-moi")));

    let scratch = tempfile::tempdir().unwrap();
    let destination_at = |n: usize| -> (PathBuf, Destination) {
        let folder = scratch.path().join(format!("web-{n}"));
        std::fs::create_dir_all(&folder).unwrap();
        copy_tree(published.path(), &folder);
        let destination = Destination::parse(folder.to_str().unwrap(), root, None).unwrap();
        (folder, destination)
    };
    let (folder, destination) = destination_at(usize::MAX);
    let plan = publish::plan(root, &output, &destination, &Credentials::none()).unwrap();
    let steps = plan.steps().len();
    assert!(steps > 5, "{steps} steps");
    drop(folder);

    // Stopped after every possible number of steps, the live site never has a dead link.
    for n in 0..steps {
        let (folder, destination) = destination_at(n);
        let mut transport = Failing {
            inner: publish::folder::Folder::open(&folder).unwrap(),
            allowed: n,
        };
        let plan = publish::plan_with(root, &output, &destination, &mut transport).unwrap();
        let error = publish::publish_with(&plan, &mut transport, &mut |_| {}).unwrap_err();
        assert_eq!(error.code, "publish_step_failed");
        let dead = dead_links(&folder);
        assert!(
            dead.is_empty(),
            "stopped after {n} of {steps} steps: {dead:#?}"
        );
        assert_eq!(
            std::fs::read(folder.join(MANIFEST_NAME)).unwrap(),
            std::fs::read(published.path().join(MANIFEST_NAME)).unwrap(),
            "the manifest is written only once everything is there"
        );

        // Run again: what was sent is not sent again, and the site arrives whole.
        if n == steps / 2 {
            let plan = publish::plan(root, &output, &destination, &Credentials::none()).unwrap();
            assert_eq!(plan.resumed, n);
            let mut seen = Vec::new();
            let summary = publish::publish(&plan, &Credentials::none(), &mut |p: Progress| {
                seen.push(p.path)
            })
            .unwrap();
            assert_eq!(summary.resumed, n);
            assert_eq!(seen.len(), steps - n, "only the rest is sent: {seen:?}");
            assert_same(&tree(&folder), &new, "the destination holds the built site");
            assert!(dead_links(&folder).is_empty());
            let again = publish::plan(root, &output, &destination, &Credentials::none()).unwrap();
            assert!(again.is_empty() && again.resumed == 0);
        }
    }
}

#[test]
fn an_edit_undone_after_an_interrupted_publish_is_sent_back() {
    let site = common::copy_site(&common::example_root());
    let root = site.path();
    let web = tempfile::tempdir().unwrap();
    let dest = web.path().to_str().unwrap().to_owned();
    assert!(loa(root, &["--dich", &dest]).status.success());
    let source = root.join(format!("content/news/{EDITED}.md"));
    let original = std::fs::read(&source).unwrap();
    edit_news(root);
    let build = |root: &Path| {
        let report = loa::build::build(&loa::build::BuildOptions {
            root: root.to_path_buf(),
            out: root.join("output"),
            date: common::test_date(),
            outputs: Default::default(),
        });
        assert!(!report.diagnostics.has_errors());
    };
    build(root);
    let output = root.join("output");
    let destination = Destination::parse(&dest, root, None).unwrap();
    // Every upload and one removal go through, then the connection drops.
    let plan = publish::plan(root, &output, &destination, &Credentials::none()).unwrap();
    let uploads = plan.added.len() + plan.changed.len();
    let mut transport = Failing {
        inner: publish::folder::Folder::open(web.path()).unwrap(),
        allowed: uploads + 1,
    };
    assert!(publish::publish_with(&plan, &mut transport, &mut |_| {}).is_err());
    assert!(
        String::from_utf8_lossy(&tree(web.path())[&news_page(EDITED)])
            .contains("buổi lễ được dời sang 8 giờ sáng")
    );
    // The office undoes the edit and restores the deleted item, then publishes again: the
    // destination must get the old page and the removed file back, though the site now equals
    // what its manifest lists.
    std::fs::write(&source, original).unwrap();
    let restored = common::example_root().join(format!("content/news/{DELETED}.md"));
    std::fs::copy(restored, root.join(format!("content/news/{DELETED}.md"))).unwrap();
    let run = loa(root, &["--dich", &dest]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert_same(
        &tree(web.path()),
        &site_tree(&output),
        "the destination holds the built site",
    );
}

#[test]
fn destination_problems_are_located_in_site_toml_and_nothing_is_built() {
    for (table, code_text, line) in [
        (
            "[xuat_ban]\ndich = \"http://tenmien.gov.vn/web\"\n",
            "loa không gửi được trang qua `http://`",
            2,
        ),
        (
            "[xuat_ban]\ndich = \"sftp:///public_html\"\n",
            "thiếu tên máy chủ",
            2,
        ),
        (
            &format!("[xuat_ban]\ndich = \"ftp://ubnd.example\"\nmat_khau = \"{SECRET}\"\n"),
            "loa không lưu mật khẩu",
            3,
        ),
        (
            &format!("[xuat_ban]\ndich = \"ftp://ubnd:{SECRET}@ubnd.example/\"\n"),
            "có ghi mật khẩu",
            2,
        ),
        (
            "[xuat_ban]\ndich = \"ftp://ubnd.example\"\nnguoidung = \"ubnd\"\n",
            "nguoidung",
            3,
        ),
    ] {
        let site = common::copy_site(&common::example_root());
        let config = site.path().join("site.toml");
        let before = std::fs::read_to_string(&config).unwrap();
        let lines_before = before.lines().count();
        std::fs::write(&config, format!("{before}\n{table}")).unwrap();
        let run = loa(site.path(), &[]);
        let err = stderr(&run);
        assert!(!run.status.success(), "{table}");
        let at = format!("site.toml:{}:", lines_before + 1 + line);
        assert!(err.contains(&at), "{table}: expected {at} in\n{err}");
        assert!(err.contains(code_text), "{table}:\n{err}");
        assert!(!err.contains(SECRET) && !stdout(&run).contains(SECRET));
        assert!(
            !site.path().join("output").exists(),
            "no build before the destination is known"
        );
    }
}

/// A one-connection FTP server that refuses every login.
fn refusing_ftp_server() -> (u16, std::thread::JoinHandle<Vec<String>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = std::thread::spawn(move || {
        let (stream, _) = listener.accept().unwrap();
        let mut writer = stream.try_clone().unwrap();
        let mut reader = BufReader::new(stream);
        writer.write_all(b"220 test server\r\n").unwrap();
        let mut received = Vec::new();
        let mut line = String::new();
        while reader.read_line(&mut line).unwrap_or(0) > 0 {
            received.push(line.trim().to_owned());
            let reply: &[u8] = if line.starts_with("USER") {
                b"331 password please\r\n"
            } else if line.starts_with("PASS") {
                b"530 Login incorrect.\r\n"
            } else {
                b"221 bye\r\n"
            };
            writer.write_all(reply).unwrap();
            if !line.starts_with("USER") {
                break;
            }
            line.clear();
        }
        received
    });
    (port, server)
}

#[test]
fn a_refused_login_is_reported_at_the_destination_and_the_password_is_never_shown_or_kept() {
    let site = common::copy_site(&common::example_root());
    let (port, server) = refusing_ftp_server();
    let config = site.path().join("site.toml");
    let before = std::fs::read_to_string(&config).unwrap();
    let line = before.lines().count() + 3;
    std::fs::write(
        &config,
        format!(
            "{before}\n[xuat_ban]\ndich = \"ftp://127.0.0.1:{port}/web\"\nnguoi_dung = \"ubnd\"\n"
        ),
    )
    .unwrap();
    let run = loa(site.path(), &[]);
    let received = server.join().unwrap();
    assert!(
        received.contains(&format!("PASS {SECRET}")),
        "the password from LOA_MAT_KHAU reached the server: {received:?}"
    );
    assert!(!run.status.success());
    let err = stderr(&run);
    assert!(
        err.contains(&format!("site.toml:{line}:")) && err.contains("từ chối đăng nhập"),
        "{err}"
    );
    // Unreachable host: another located error.
    let closed = TcpListener::bind("127.0.0.1:0").unwrap();
    let closed_port = closed.local_addr().unwrap().port();
    drop(closed);
    let unreachable = loa(
        site.path(),
        &[
            "--dich",
            &format!("sftp://ubnd@127.0.0.1:{closed_port}/web"),
        ],
    );
    assert!(!unreachable.status.success());
    assert!(
        stderr(&unreachable).contains("Không kết nối được"),
        "{}",
        stderr(&unreachable)
    );
    for output in [&run, &unreachable] {
        assert!(!stdout(output).contains(SECRET) && !stderr(output).contains(SECRET));
    }
    for (name, bytes) in tree(site.path()) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains(SECRET),
            "the password is written in {name}"
        );
    }
}

#[test]
fn a_build_error_stops_the_publish_before_anything_is_sent() {
    let site = common::copy_site(&common::example_root());
    let web = tempfile::tempdir().unwrap();
    std::fs::write(
        site.path().join("content/news/2026-11-01-hong.md"),
        "+++\ntieu_de = \"Tin hỏng\"\nngay = \"2026-13-40\"\n+++\nNội dung.\n",
    )
    .unwrap();
    let run = loa(site.path(), &["--dich", web.path().to_str().unwrap()]);
    assert!(!run.status.success());
    assert!(
        stderr(&run).contains("content/news/2026-11-01-hong.md:3:"),
        "{}",
        stderr(&run)
    );
    assert!(tree(web.path()).is_empty(), "nothing sent");
    assert!(!web.path().join(MANIFEST_NAME).exists());
}
