//! The print font a site names in site.toml (`phong_chu`, `thu_muc_phong_chu`): found in the
//! site's font folder, embedded in every PDF, refused with a located error when it is missing or
//! lacks a letter the products print.

#![cfg(feature = "pdf")]

mod common;

use std::path::Path;

use common::{Built, build_site, copy_site, example_root, test_date};

/// The family the fixture font is renamed to (as long as `Libertinus Serif`, so that the name
/// table keeps its offsets) and its PostScript prefix (as long as `LibertinusSerif`).
const FAMILY: &str = "Phong Thu Nghiem";
const POSTSCRIPT: &str = "PhongThuNghiemX";

/// Replaces every occurrence of `from` by `to` (same length) in `data`, as single bytes and as
/// UTF-16BE (the two encodings of an OpenType name table).
fn rename(data: &mut [u8], from: &str, to: &str) {
    assert_eq!(from.len(), to.len());
    let utf16 = |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(u16::to_be_bytes).collect() };
    for (from, to) in [
        (from.as_bytes().to_vec(), to.as_bytes().to_vec()),
        (utf16(from), utf16(to)),
    ] {
        let mut i = 0;
        while i + from.len() <= data.len() {
            if data[i..i + from.len()] == from[..] {
                data[i..i + from.len()].copy_from_slice(&to);
                i += from.len();
            } else {
                i += 1;
            }
        }
    }
}

/// A copy of the example whose site.toml names `family` (and, when given, a font folder).
fn site_with_font(family: &str, folder: Option<&str>) -> tempfile::TempDir {
    let site = copy_site(&example_root());
    name_font(site.path(), family, folder);
    site
}

/// Names `family` (and, when given, a font folder) in the site.toml of `site`.
fn name_font(site: &Path, family: &str, folder: Option<&str>) {
    let path = site.join("site.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut setting = format!("phong_chu = \"{family}\"\n");
    if let Some(folder) = folder {
        setting.push_str(&format!("thu_muc_phong_chu = [\"{folder}\"]\n"));
    }
    // After the first line (a comment): top-level keys must come before the first table.
    let (first, rest) = text.split_once('\n').unwrap();
    std::fs::write(&path, format!("{first}\n{setting}{rest}")).unwrap();
}

/// Writes Typst's embedded Libertinus Serif faces into `dir` under other file names, with the
/// family renamed to [`FAMILY`]: a font the machine does not otherwise have.
fn write_fixture_font(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    let mut n = 0;
    for (font, info) in typst_kit::fonts::embedded() {
        if info.family != "Libertinus Serif" {
            continue;
        }
        let mut data = font.data().as_slice().to_vec();
        rename(&mut data, "Libertinus Serif", FAMILY);
        rename(&mut data, "LibertinusSerif", POSTSCRIPT);
        n += 1;
        std::fs::write(dir.join(format!("mat-chu-{n}.otf")), data).unwrap();
    }
    assert!(n >= 4, "embedded Libertinus Serif faces: {n}");
}

/// Every font a PDF uses, as `(BaseFont, embedded)`; Type3 fonts (drawn glyphs) excepted.
fn fonts_of(path: &Path) -> Vec<(String, bool)> {
    let doc = lopdf::Document::load(path).unwrap();
    let mut out = Vec::new();
    for object in doc.objects.values() {
        let Ok(dict) = object.as_dict() else { continue };
        if dict.get(b"Type").and_then(|t| t.as_name()).ok() != Some(b"FontDescriptor") {
            continue;
        }
        let name = dict
            .get(b"FontName")
            .and_then(|n| n.as_name())
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .unwrap_or_default();
        let embedded = [&b"FontFile"[..], b"FontFile2", b"FontFile3"]
            .iter()
            .any(|k| dict.has(k));
        out.push((name, embedded));
    }
    out
}

fn pdfs(built: &Built) -> Vec<std::path::PathBuf> {
    walkdir::WalkDir::new(built.out().join("in"))
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect()
}

#[test]
fn a_font_from_the_site_folder_is_used_and_embedded_in_every_pdf() {
    // Built once with the default font first: the product cache must not hand back those PDFs.
    let site = copy_site(&example_root());
    assert!(build_site(site.path(), test_date()).errors().is_empty());
    name_font(site.path(), FAMILY, Some("phong-chu"));
    write_fixture_font(&site.path().join("phong-chu"));
    let built = build_site(site.path(), test_date());
    assert!(built.errors().is_empty(), "{:?}", built.errors());
    let files = pdfs(&built);
    assert!(files.len() > 50, "{} PDFs", files.len());
    for file in &files {
        let fonts = fonts_of(file);
        assert!(!fonts.is_empty(), "{} has no font", file.display());
        for (name, embedded) in &fonts {
            assert!(embedded, "{}: {name} is not embedded", file.display());
            // Subset prefix `ABCDEF+`, then the PostScript name of the site's font.
            assert!(
                name.contains(POSTSCRIPT),
                "{}: {name} is not the site's font",
                file.display()
            );
        }
    }
}

#[test]
fn the_default_font_is_embedded_in_every_pdf() {
    let built = build_site(&example_root(), test_date());
    for file in pdfs(&built) {
        for (name, embedded) in fonts_of(&file) {
            assert!(embedded, "{}: {name} is not embedded", file.display());
            assert!(
                name.contains("LibertinusSerif"),
                "{}: {name}",
                file.display()
            );
        }
    }
}

#[test]
fn a_font_not_found_is_located_in_site_toml_with_the_nearest_families() {
    let site = site_with_font("Phong Thu Ngiem", Some("phong-chu"));
    write_fixture_font(&site.path().join("phong-chu"));
    let built = build_site(site.path(), test_date());
    let errors = built.errors();
    let error = errors
        .iter()
        .find(|e| e.contains("Phong Thu Ngiem"))
        .unwrap_or_else(|| panic!("{errors:?}"));
    assert!(error.starts_with("site.toml:2:"), "{error}");
    // The families found nearest are listed, the right one first.
    let listed = error.split("đã tìm thấy: ").nth(1).unwrap_or_default();
    assert!(listed.starts_with(FAMILY), "{error}");
    assert!(!built.out().exists(), "nothing may be written on error");

    let site = site_with_font(FAMILY, Some("khong-co"));
    let built = build_site(site.path(), test_date());
    let errors = built.errors();
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("site.toml:3:") && e.contains("khong-co")),
        "{errors:?}"
    );
}

/// Checks that an error names a file, a line and a column where that file has the character the
/// error names, and returns the file.
fn check_location(site: &Path, error: &str) -> String {
    let pattern =
        regex::Regex::new(r"^([^:]+):(\d+):(\d+): .*`(.)` \(U\+([0-9A-F]{4,6})\)").unwrap();
    let c = pattern
        .captures(error)
        .unwrap_or_else(|| panic!("not a located glyph error: {error}"));
    let (file, line, column) = (
        &c[1],
        c[2].parse::<usize>().unwrap(),
        c[3].parse::<usize>().unwrap(),
    );
    let letter = c[4].chars().next().unwrap();
    assert_eq!(format!("{:04X}", u32::from(letter)), c[5].to_string());
    let text = std::fs::read_to_string(site.join(file)).unwrap();
    let source_line = text.lines().nth(line - 1).unwrap();
    assert_eq!(
        source_line.chars().nth(column - 1),
        Some(letter),
        "{error}\nline {line}: {source_line}"
    );
    file.to_owned()
}

#[test]
fn a_font_lacking_vietnamese_letters_is_refused_naming_letter_font_file_and_line() {
    // DejaVu Sans Mono (embedded in Typst) lacks 46 of the 134 Vietnamese letters.
    let site = site_with_font("DejaVu Sans Mono", None);
    let built = build_site(site.path(), test_date());
    let errors: Vec<String> = built
        .errors()
        .into_iter()
        .filter(|e| e.contains("DejaVu Sans Mono"))
        .collect();
    let letters = loa::render::print::engine::vietnamese_letters();
    for wanted in [
        "content/plans/ke-hoach-tro-giup-xa-hoi-2026.md",
        "content/leaflets/cham-soc-nguoi-cao-tuoi.md",
    ] {
        let error = errors
            .iter()
            .find(|e| e.starts_with(wanted))
            .unwrap_or_else(|| panic!("no glyph error for {wanted}: {errors:?}"));
        assert_eq!(check_location(site.path(), error), wanted);
        let letter = error.split('`').nth(3).unwrap().chars().next().unwrap();
        assert!(letters.contains(&letter), "{error}");
    }
    assert!(!built.out().exists(), "nothing may be written on error");
}
