//! Helpers of the `loa publish` tests (tests/publish.rs, tests/publish_servers.rs): run the
//! command, read a destination's files, find dead links, start and stop servers.

use std::collections::BTreeMap;
use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Output};

use loa::publish::MANIFEST_NAME;

pub const DATE: &str = "2026-11-22";
pub const SECRET: &str = "MatKhau-Bi-Mat-9371";

pub fn loa(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_loa"))
        .arg("publish")
        .arg("--root")
        .arg(root)
        .arg("--date")
        .arg(DATE)
        .args(args)
        .env("LOA_MAT_KHAU", SECRET)
        .output()
        .expect("loa runs")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Every file of a folder (path with `/` -> bytes), the publish manifest left out.
pub fn tree(folder: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(folder)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let relative = e.path().strip_prefix(folder).unwrap();
            let name = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            (name, std::fs::read(e.path()).unwrap())
        })
        .filter(|(name, _)| name != MANIFEST_NAME)
        .collect()
}

/// Asserts two trees hold the same files with the same bytes, naming the paths that differ.
pub fn assert_same(
    found: &BTreeMap<String, Vec<u8>>,
    expected: &BTreeMap<String, Vec<u8>>,
    what: &str,
) {
    let differ: Vec<&String> = found
        .keys()
        .chain(expected.keys())
        .filter(|p| found.get(*p) != expected.get(*p))
        .collect();
    assert!(differ.is_empty(), "{what}: these files differ: {differ:?}");
}

/// The built site as it must arrive: output/ without loa's marker file.
pub fn site_tree(output: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = tree(output);
    files.remove(".loa-output");
    files
}

/// Every local link (`href`, `src`) of every page on the destination that names no file there.
pub fn dead_links(destination: &Path) -> Vec<String> {
    let attribute = regex::Regex::new(r##"(?:href|src)="(/[^"#?]*)"##).unwrap();
    let files = tree(destination);
    let mut dead = Vec::new();
    for (name, bytes) in &files {
        if !name.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(bytes);
        for link in attribute.captures_iter(&html) {
            let target = loa::render::urls::file_for(&link[1]);
            if !files.contains_key(&target) {
                dead.push(format!("{name} -> {}", &link[1]));
            }
        }
    }
    dead
}

/// The `[i/n] path` lines of a run, as paths (removals keep their wording).
pub fn progress_lines(out: &str) -> Vec<String> {
    out.lines()
        .filter(|l| l.starts_with('['))
        .map(|l| l.split_once("] ").unwrap().1.to_owned())
        .collect()
}

pub fn news_page(stem: &str) -> String {
    format!("tin-tuc/{stem}/index.html")
}

pub const EDITED: &str = "2026-03-25-ngay-cong-tac-xa-hoi";
pub const DELETED: &str = "2026-04-17-tham-hoi-nguoi-khuyet-tat";

/// Edits one news item's text and deletes another.
pub fn edit_news(root: &Path) {
    let edited = root.join(format!("content/news/{EDITED}.md"));
    let mut text = std::fs::read_to_string(&edited).unwrap();
    text.push_str("\nCâu bổ sung sau khi sửa: buổi lễ được dời sang 8 giờ sáng.\n");
    std::fs::write(&edited, text).unwrap();
    std::fs::remove_file(root.join(format!("content/news/{DELETED}.md"))).unwrap();
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub fn wait_for_port(port: u16) {
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    panic!("server on port {port} did not start");
}

/// Kills the server when the test ends, also on failure.
pub struct Server(pub std::process::Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
