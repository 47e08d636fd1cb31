//! The products of a commemorative day (poster, leaflets, banner, loudspeaker script, the
//! downloads on its page) are for the occurrence running on the build date or the next one:
//! built in December, the Tết poster is for the coming Tết, never for the Tết just past.

#![cfg(feature = "pdf")]

mod common;

use chrono::NaiveDate;
use common::pdf::Pdf;
use common::{Built, build_preview, build_site, example_root, text_of};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn script(built: &Built, day: &str) -> String {
    let path = built
        .out()
        .join(format!("in/phat-thanh/ngay-ky-niem/{day}.txt"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Solar dates (`ngày 06 tháng 02 năm 2027`) in the sentence of a script that says when the day
/// is (the one starting "Hưởng ứng").
fn dates_announced(script: &str) -> Vec<NaiveDate> {
    let line = script
        .lines()
        .find(|l| l.starts_with("Hưởng ứng"))
        .unwrap_or_else(|| panic!("no 'Hưởng ứng' sentence:\n{script}"));
    let pattern = regex::Regex::new(r"ngày (\d{1,2}) tháng (\d{1,2}) năm (\d{4})").unwrap();
    pattern
        .captures_iter(line)
        .map(|c| {
            date(
                c[3].parse().unwrap(),
                c[2].parse().unwrap(),
                c[1].parse().unwrap(),
            )
        })
        .collect()
}

/// The PDF's document date (what a print shop's software shows) is the occurrence's.
fn assert_dated(built: &Built, file: &str, yyyymmdd: &str) {
    let raw = String::from_utf8_lossy(&Pdf::open(built, file).bytes).into_owned();
    assert!(
        raw.contains(&format!("/CreationDate(D:{yyyymmdd}")),
        "{file} is not dated {yyyymmdd}"
    );
}

fn assert_errorless(built: &Built) {
    let errors = built.errors();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn built_in_december_every_product_of_tet_is_for_the_coming_tet() {
    let built = build_site(&example_root(), date(2026, 12, 2));
    assert_errorless(&built);
    let coming = "ngày 06 tháng 02 năm 2027";
    let past = "năm 2026";

    // The poster: the coming Tết, the theme chosen for 2027 under "Chủ đề năm 2027".
    let poster = Pdf::open(&built, "in/ap-phich/tet-nguyen-dan.pdf").text_of(&[1]);
    let poster = poster.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(poster.contains(coming), "{poster}");
    assert!(poster.contains("Chủ đề năm 2027"), "{poster}");
    assert!(
        poster.contains("Xuân Đinh Mùi: không để hộ nào trên địa bàn phường thiếu Tết"),
        "{poster}"
    );
    assert!(!poster.contains(past), "{poster}");
    assert_dated(&built, "in/ap-phich/tet-nguyen-dan.pdf", "20270206");

    // The generated leaflet (tri-fold and A5) and the banner.
    for file in [
        "in/to-roi/tet-nguyen-dan.pdf",
        "in/to-roi/tet-nguyen-dan-a5.pdf",
    ] {
        let pdf = Pdf::open(&built, file);
        let pages: Vec<u32> = (1..=pdf.page_count() as u32).collect();
        let text = pdf.text_of(&pages);
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(text.contains(coming), "{file}: {text}");
        // The theme chosen for 2027, not the standing one.
        assert!(
            text.contains("Xuân Đinh Mùi: không để hộ nào trên địa bàn phường thiếu Tết"),
            "{file}: {text}"
        );
        assert!(!text.contains("tháng 02 năm 2026"), "{file}: {text}");
    }
    assert_dated(&built, "in/bang-ron/tet-nguyen-dan.pdf", "20270206");

    // The loudspeaker script.
    let text = script(&built, "tet-nguyen-dan");
    assert_eq!(dates_announced(&text), [date(2027, 2, 6)], "{text}");
    assert!(text.contains("Chủ đề năm 2027"), "{text}");

    // The day page says which occurrence its downloads are for, and its theme heading follows.
    let page = text_of(&built.page("/ngay-ky-niem/tet-nguyen-dan/"));
    assert!(
        page.contains("dùng cho dịp Thứ Bảy, ngày 06 tháng 02 năm 2027"),
        "{page}"
    );
    assert!(page.contains("Chủ đề năm 2027"), "{page}");
}

#[test]
fn no_script_of_any_day_announces_a_day_that_has_passed() {
    for today in [
        date(2026, 12, 2),
        date(2026, 12, 31),
        date(2027, 1, 1),
        date(2027, 2, 7),
    ] {
        let built = build_preview(&example_root(), today);
        assert_errorless(&built);
        let dir = built.out().join("in/phat-thanh/ngay-ky-niem");
        let mut seen = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            // The scripts as read (their text-to-speech form, `.doc-may.txt`, has dates in words).
            let name = path.to_string_lossy();
            if !name.ends_with(".txt") || name.ends_with(".doc-may.txt") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let dates = dates_announced(&text);
            let (Some(first), Some(last)) = (dates.first(), dates.last()) else {
                panic!("{}: no date announced", path.display());
            };
            // Running on the build date (a span ends on or after it) or starting within a year.
            assert!(*last >= today, "{} on {today}: {dates:?}", path.display());
            assert!(
                (*first - today).num_days() <= 366,
                "{} on {today}: {dates:?}",
                path.display()
            );
            seen += 1;
        }
        assert!(seen >= 10, "only {seen} day scripts in {}", dir.display());
    }
}

#[test]
fn around_the_lunar_new_year_and_the_end_of_a_month_of_action() {
    // On Tết itself the products are for that day; the day after, for the next Tết
    // (26 January 2028).
    let on_the_day = build_preview(&example_root(), date(2027, 2, 6));
    assert_eq!(
        dates_announced(&script(&on_the_day, "tet-nguyen-dan")),
        [date(2027, 2, 6)]
    );
    let after = build_preview(&example_root(), date(2027, 2, 7));
    let text = script(&after, "tet-nguyen-dan");
    assert_eq!(dates_announced(&text), [date(2028, 1, 26)], "{text}");
    // 2028 has no theme of its own: the standing theme, under that year.
    assert!(
        text.contains("Chủ đề năm 2028 là: Không để hộ nào trên địa bàn phường thiếu Tết."),
        "{text}"
    );

    // The month of action for children (June) keeps the current month until its last day.
    let last_day = build_preview(&example_root(), date(2026, 6, 30));
    assert_eq!(
        dates_announced(&script(&last_day, "thang-hanh-dong-vi-tre-em")),
        [date(2026, 6, 1), date(2026, 6, 30)]
    );
    let next_month = build_preview(&example_root(), date(2026, 7, 1));
    assert_eq!(
        dates_announced(&script(&next_month, "thang-hanh-dong-vi-tre-em")),
        [date(2027, 6, 1), date(2027, 6, 30)]
    );
}

#[test]
fn a_theme_year_that_is_not_a_year_is_located() {
    let dir = common::copy_site(&example_root());
    let days = dir.path().join("data/days.toml");
    let text = std::fs::read_to_string(&days).unwrap();
    let text = text.replacen("{ 2027 = \"Xuân", "{ hai-nghin = \"Xuân", 1);
    std::fs::write(&days, text).unwrap();
    let built = build_preview(dir.path(), date(2026, 12, 2));
    common::assert_errors_start_with(&built.errors(), &["data/days.toml:12:"]);
    assert!(
        built.errors()[0].contains("chu_de_nam"),
        "{:?}",
        built.errors()
    );
}

#[test]
fn loa_build_with_date_at_the_year_end_makes_the_coming_tet_script() {
    // As an office runs it on 31 December: `loa build --date 2026-12-31`.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("output");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_loa"))
        .args([
            "build",
            "--no-pdf",
            "--no-search",
            "--date",
            "2026-12-31",
            "--root",
        ])
        .arg(example_root())
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(status.status.success(), "{status:?}");
    let script =
        std::fs::read_to_string(out.join("in/phat-thanh/ngay-ky-niem/tet-nguyen-dan.txt")).unwrap();
    assert_eq!(dates_announced(&script), [date(2027, 2, 6)], "{script}");
    let page = std::fs::read_to_string(out.join("ngay-ky-niem/tet-nguyen-dan/index.html")).unwrap();
    assert!(text_of(&page).contains("năm 2027"), "{page}");
}
