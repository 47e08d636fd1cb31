//! How `loa import` scales with the length of a Word file: a plan of N short paragraphs
//! (default 32,000) imported as .docx and, for comparison, the same lines as .txt.
//!
//! `cargo run --release --example import_docx_scale [N]` (figures in bench/README.md).

use std::io::Cursor;
use std::path::Path;
use std::time::Instant;

use docx_rs::{Docx, Paragraph, Run};
use loa::import::{SiteData, import};

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(32_000);
    let mut lines = vec![
        "Số: 12/KH-UBND".to_owned(),
        "An Phú, ngày 04 tháng 3 năm 2026".to_owned(),
        "KẾ HOẠCH".to_owned(),
        "Chăm sóc người cao tuổi năm 2026".to_owned(),
        "I. NỘI DUNG".to_owned(),
    ];
    for i in 0..n {
        lines.push(format!("Thăm hỏi hộ số {i} trên địa bàn."));
    }
    lines.push("II. TỔ CHỨC THỰC HIỆN".to_owned());
    lines.push("1. Trạm Y tế phường".to_owned());
    lines.push("- Khám sức khỏe định kỳ.".to_owned());
    let mut docx = Docx::new();
    for line in &lines {
        docx = docx.add_paragraph(Paragraph::new().add_run(Run::new().add_text(line)));
    }
    let mut bytes = Vec::new();
    docx.build()
        .pack(&mut Cursor::new(&mut bytes))
        .expect("docx written");
    let text = lines.join("\n\n");
    // The Word reader alone (zip, XML, numbering, lines), then the whole import.
    let start = Instant::now();
    let word = loa::import::docx::docx_to_lines(&bytes).expect("read");
    println!(
        "reading the .docx into {} lines: {:.2} s",
        word.lines.len(),
        start.elapsed().as_secs_f64()
    );
    let site = SiteData::default();
    for (name, input) in [
        ("ke-hoach.docx", &bytes),
        ("ke-hoach.txt", &text.into_bytes()),
    ] {
        let start = Instant::now();
        let imported = import(Path::new(name), input, &site.context()).expect("imported");
        println!(
            "{name}: {n} paragraphs, {} bytes, {:.2} s, {} bytes of plan",
            input.len(),
            start.elapsed().as_secs_f64(),
            imported.text.len()
        );
    }
}
