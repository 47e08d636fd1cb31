//! Writes the bundled example ward's illustrative figures (số liệu minh họa):
//! `data/stats/tro-giup-xa-hoi.csv` (monthly, 2025-01 to 2026-09) and
//! `data/stats/bhyt-ho-ngheo-mung-tho.xlsx` (quarterly health insurance, yearly poor households,
//! monthly longevity celebrations), for the 12 residential groups of Phường Lưu Kiếm.
//!
//! Run from the repository root: `cargo run --example example_stats`. The figures come from a
//! fixed seed, so the files are the same on every run (the workbook's creation date is fixed too).

use std::fmt::Write as _;

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook};

const AREAS: usize = 12;

/// A small deterministic generator (64-bit LCG), so the example needs no extra crate.
struct Seed(u64);

impl Seed {
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as f64) / ((1u64 << 31) as f64)
    }
    fn between(&mut self, low: f64, high: f64) -> f64 {
        low + (high - low) * self.next()
    }
}

fn months() -> Vec<(i32, u32)> {
    let mut out = Vec::new();
    for year in [2025, 2026] {
        for month in 1..=12 {
            if year == 2026 && month > 9 {
                break;
            }
            out.push((year, month));
        }
    }
    out
}

fn quarters() -> Vec<(i32, u32)> {
    let mut out = Vec::new();
    for year in [2025, 2026] {
        for quarter in 1..=4 {
            if year == 2026 && quarter > 3 {
                break;
            }
            out.push((year, quarter));
        }
    }
    out
}

fn area(a: usize) -> String {
    format!("tdp-{}", a + 1)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = std::env::args().nth(1).unwrap_or_else(|| ".".to_owned());
    let dir = std::path::Path::new(&root).join("data/stats");
    std::fs::create_dir_all(&dir)?;

    // Monthly figures, one row per period, group and indicator.
    let mut csv = String::from("ky,khu_vuc,chi_so,gia_tri,ghi_chu\n");
    let mut seed = Seed(20_260_930);
    let base_allowance: Vec<f64> = (0..AREAS)
        .map(|_| seed.between(38.0, 66.0).round())
        .collect();
    let base_disabled: Vec<f64> = (0..AREAS)
        .map(|_| seed.between(9.0, 19.0).round())
        .collect();
    let base_pension: Vec<f64> = (0..AREAS)
        .map(|_| seed.between(3.0, 12.0).round())
        .collect();
    for (n, (year, month)) in months().into_iter().enumerate() {
        let period = format!("{year}-{month:02}");
        let pension_started = (year, month) >= (2025, 7);
        for a in 0..AREAS {
            let allowance =
                base_allowance[a] + (n as f64 * 0.25).floor() + seed.between(-1.0, 1.0).round();
            let disabled = base_disabled[a] + (n as f64 / 10.0).floor();
            let pension = if pension_started {
                base_pension[a] + ((n as f64 - 6.0) / 6.0).floor().max(0.0)
            } else {
                0.0
            };
            let payments = allowance + pension;
            let share = 0.55 + 0.30 * (n as f64 / 20.0) + seed.between(-0.03, 0.03);
            let cashless = (payments * share.min(0.95)).round();
            let amount = allowance * 720_000.0 + pension * 500_000.0;
            let counselling = seed.between(2.0, 13.0).round() + if month == 10 { 6.0 } else { 0.0 };
            let note = if a == 0 && (year, month) == (2025, 7) {
                "bắt đầu chi trợ cấp hưu trí xã hội"
            } else {
                ""
            };
            for (key, value, note) in [
                ("tro-cap-xa-hoi", allowance, ""),
                ("nguoi-khuyet-tat-tro-cap", disabled, ""),
                ("tro-cap-huu-tri-xa-hoi", pension, note),
                ("luot-chi-tra", payments, ""),
                ("luot-chi-tra-khong-tien-mat", cashless, ""),
                ("kinh-phi-chi-tra", amount, ""),
                ("luot-tu-van-ctxh", counselling, ""),
            ] {
                writeln!(csv, "{period},{},{key},{value},{note}", area(a))?;
            }
        }
    }
    std::fs::write(dir.join("tro-giup-xa-hoi.csv"), csv)?;

    // The workbook: one sheet per topic, as staff keep them.
    let mut workbook = Workbook::new();
    workbook.set_properties(
        &DocProperties::new()
            .set_title("Số liệu minh họa phường Lưu Kiếm")
            .set_creation_datetime(&ExcelDateTime::from_ymd(2026, 10, 1)?),
    );
    let header = ["ky", "khu_vuc", "chi_so", "gia_tri", "ghi_chu"];

    let sheet = workbook.add_worksheet().set_name("BHYT")?;
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, *h)?;
    }
    let mut row = 1u32;
    let population: Vec<f64> = (0..AREAS)
        .map(|_| seed.between(1_750.0, 2_450.0).round())
        .collect();
    let coverage: Vec<f64> = (0..AREAS).map(|_| seed.between(0.915, 0.945)).collect();
    for (n, (year, quarter)) in quarters().into_iter().enumerate() {
        for a in 0..AREAS {
            let people = population[a] + (n as f64 * 6.0);
            let insured = (people * (coverage[a] + n as f64 * 0.0030)).round();
            for (key, value) in [("dan-so", people), ("nguoi-tham-gia-bhyt", insured)] {
                sheet.write_string(row, 0, format!("{year}-Q{quarter}"))?;
                sheet.write_string(row, 1, area(a))?;
                sheet.write_string(row, 2, key)?;
                sheet.write_number(row, 3, value)?;
                row += 1;
            }
        }
    }

    let sheet = workbook.add_worksheet().set_name("Ho ngheo")?;
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, *h)?;
    }
    let mut row = 1u32;
    for a in 0..AREAS {
        let poor = seed.between(0.0, 4.0).floor();
        let near_poor = seed.between(3.0, 11.0).floor();
        for (key, value) in [("ho-ngheo", poor), ("ho-can-ngheo", near_poor)] {
            sheet.write_string(row, 0, "2025")?;
            sheet.write_string(row, 1, area(a))?;
            sheet.write_string(row, 2, key)?;
            sheet.write_number(row, 3, value)?;
            sheet.write_string(row, 4, "kết quả rà soát cuối năm")?;
            row += 1;
        }
    }

    let sheet = workbook.add_worksheet().set_name("Mung tho")?;
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, *h)?;
    }
    let mut row = 1u32;
    let mut ward_totals: Vec<((i32, u32), f64)> = Vec::new();
    for (year, month) in months() {
        // Tết Nguyên đán: 29/01/2025 and 17/02/2026.
        let tet = (year, month) == (2025, 1) || (year, month) == (2026, 2);
        let mut ward = 0.0;
        for a in 0..AREAS {
            let value = if tet {
                seed.between(24.0, 42.0).round()
            } else {
                0.0
            };
            ward += value;
            sheet.write_string(row, 0, format!("{year}-{month:02}"))?;
            sheet.write_string(row, 1, area(a))?;
            sheet.write_string(row, 2, "nguoi-cao-tuoi-mung-tho")?;
            sheet.write_number(row, 3, value)?;
            if tet {
                sheet.write_string(row, 4, "mừng thọ dịp Tết Nguyên đán")?;
            }
            row += 1;
        }
        ward_totals.push(((year, month), ward));
    }

    // The same celebrations for the whole ward by age band (no further draws from the seed, so
    // the other figures stay as they were): shares of the ward total, the remainder in band 70.
    let sheet = workbook.add_worksheet().set_name("Mung tho theo tuoi")?;
    let band_header = ["ky", "khu_vuc", "chi_so", "nhom_tuoi", "gia_tri", "ghi_chu"];
    for (c, h) in band_header.iter().enumerate() {
        sheet.write_string(0, c as u16, *h)?;
    }
    let shares = [
        ("75", 0.25),
        ("80", 0.19),
        ("85", 0.12),
        ("90", 0.07),
        ("95", 0.03),
        ("100", 0.008),
        ("100+", 0.003),
    ];
    let mut row = 1u32;
    for ((year, month), total) in ward_totals {
        let mut bands: Vec<(&str, f64)> = shares
            .iter()
            .map(|(band, share)| (*band, (total * share).round()))
            .collect();
        let rest = total - bands.iter().map(|(_, v)| v).sum::<f64>();
        bands.insert(0, ("70", rest));
        for (band, value) in bands {
            sheet.write_string(row, 0, format!("{year}-{month:02}"))?;
            sheet.write_string(row, 1, "toan-phuong")?;
            sheet.write_string(row, 2, "nguoi-cao-tuoi-mung-tho")?;
            sheet.write_string(row, 3, band)?;
            sheet.write_number(row, 4, value)?;
            row += 1;
        }
    }
    workbook.save(dir.join("bhyt-ho-ngheo-mung-tho.xlsx"))?;
    Ok(())
}
