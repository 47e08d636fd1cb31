//! `loa import` from the command line: summary, dry run, writing, refusing to overwrite, and
//! `--update-registries`; then the imported plan builds and its page shows the whole document.

mod common;

use std::collections::BTreeMap;
use std::process::Command;

use common::*;

fn fixture(name: &str) -> std::path::PathBuf {
    example_root().join("tests/fixtures/documents").join(name)
}

fn words(text: &str) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for w in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let w = if w.chars().all(|c| c.is_ascii_digit()) && w.len() > 1 {
            w.trim_start_matches('0').to_owned()
        } else {
            w.to_lowercase()
        };
        *out.entry(w).or_insert(0) += 1;
    }
    out
}

#[test]
fn import_then_build_shows_the_whole_document() {
    let loa = env!("CARGO_BIN_EXE_loa");
    let site = copy_site(&example_root());
    let root = site.path();
    let source = fixture("ke-hoach-an-sinh-xa-hoi-binh-phuoc-2026.txt");

    // A dry run prints the file and the summary and writes nothing.
    let dry = Command::new(loa)
        .args(["import", "--dry-run", "--root"])
        .arg(root)
        .arg(&source)
        .output()
        .unwrap();
    assert!(dry.status.success());
    let stdout = String::from_utf8_lossy(&dry.stdout);
    assert!(stdout.starts_with("+++\n"), "{stdout}");
    assert!(stdout.contains("Đơn vị và nhiệm vụ:"), "{stdout}");
    assert!(
        stdout.contains("Ban Điều hành các khu phố: 5 nhiệm vụ"),
        "{stdout}"
    );
    assert!(stdout.contains("Đề xuất thêm vào"), "{stdout}");
    let stderr = String::from_utf8_lossy(&dry.stderr);
    assert!(
        stderr.contains("ke-hoach-an-sinh-xa-hoi-binh-phuoc-2026.txt:1:1: cảnh báo: Khối chữ ký không có họ tên người ký"),
        "{stderr}"
    );
    let plan = root.join("content/plans/ke-hoach-an-sinh-xa-hoi-binh-phuoc-2026.md");
    assert!(!plan.exists());

    // Import for real, with the proposals written to the registries.
    let run = Command::new(loa)
        .args(["import", "--update-registries", "--root"])
        .arg(root)
        .arg(&source)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(plan.is_file());
    let units = std::fs::read_to_string(root.join("data/units.toml")).unwrap();
    assert!(
        units.contains("ten = \"Ban Điều hành các khu phố\""),
        "{units}"
    );
    let legal = std::fs::read_to_string(root.join("data/legal.toml")).unwrap();
    assert!(legal.contains("so_ky_hieu = \"42-KH/ĐU\""), "{legal}");

    // Never overwrites.
    let again = Command::new(loa)
        .args(["import", "--root"])
        .arg(root)
        .arg(&source)
        .output()
        .unwrap();
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("đã có; loa không ghi đè"));

    // The site builds, and the plan page shows every word of the document body.
    let built = build_site(root, test_date());
    let errors: Vec<String> = built
        .report
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(ToString::to_string)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let page = text_of(&built.page("/ke-hoach/ke-hoach-an-sinh-xa-hoi-binh-phuoc-2026/"));
    let shown = words(&page);
    let text = std::fs::read_to_string(&source).unwrap();
    let body = &text[text.find("Thực hiện Nghị quyết").unwrap()..];
    let mut missing = Vec::new();
    for (word, count) in words(body) {
        if shown.get(&word).copied().unwrap_or(0) < count {
            missing.push(word);
        }
    }
    assert!(missing.is_empty(), "the page lacks: {missing:?}");
}

#[test]
fn unknown_file_kinds_and_missing_files_are_errors() {
    let loa = env!("CARGO_BIN_EXE_loa");
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("ke-hoach.pdf");
    std::fs::write(&pdf, b"%PDF-1.4").unwrap();
    let out = Command::new(loa).arg("import").arg(&pdf).output().unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("ke-hoach.pdf:1:1: lỗi: Không nhập được tệp đuôi `.pdf`"),
        "{stderr}"
    );
    let out = Command::new(loa)
        .arg("import")
        .arg(dir.path().join("khong-co.txt"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("Không đọc được tệp cần nhập"));
}
