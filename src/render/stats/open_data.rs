//! The open data of an indicator: one row per period and area, as CSV and as JSON with the
//! fields, publisher and licence.

use serde::Serialize;

use super::urls;
use crate::derive::Derived;
use crate::derive::stats::{Origin, Table, cell};
use crate::model::Site;
use crate::model::stats::{AreaIndex, Period};

/// One row of the open data.
#[derive(Debug, Serialize)]
struct OpenRow {
    ky: String,
    loai_ky: &'static str,
    khu_vuc: String,
    ten_khu_vuc: String,
    chi_so: String,
    gia_tri: Option<serde_json::Number>,
    hien_thi: String,
    don_vi: String,
    nguon: &'static str,
}

/// An indicator's open data file (JSON).
#[derive(Debug, Serialize)]
struct OpenFile<'a> {
    chi_so: &'a str,
    ten: &'a str,
    don_vi: &'a str,
    mo_ta: &'a str,
    don_vi_cong_bo: &'a str,
    minh_hoa: bool,
    giay_phep: &'a str,
    nguong_an_so_nho: u32,
    ngay_cap_nhat: String,
    so_lieu: Vec<OpenRow>,
}

/// Where a figure comes from, as an open data code.
fn origin_code(origin: Origin) -> &'static str {
    match origin {
        Origin::Given => "so_lieu_goc",
        Origin::RolledUp => "cong_don",
        Origin::Computed => "tinh_ty_le",
    }
}

fn level_code(period: Period) -> &'static str {
    match period {
        Period::Month { .. } => "thang",
        Period::Quarter { .. } => "quy",
        Period::Year { .. } => "nam",
    }
}

fn open_rows(site: &Site, table: &Table, i: usize) -> Vec<OpenRow> {
    let stats = &site.stats;
    let indicator = &stats.indicators[i];
    let i16 = i as u16;
    table
        .indicator_values(i16)
        // A year summed over part of it is the page's reading aid; open data keep whole periods.
        .filter(|(key, _)| table.covered_until(*key).is_none())
        .filter_map(|((_, area, period), value)| {
            let shown = cell(stats, table, (i16, area, period))?;
            let (code, name) = area_names(site, area);
            Some(OpenRow {
                ky: period.code(),
                loai_ky: level_code(period),
                khu_vuc: code,
                ten_khu_vuc: name,
                chi_so: indicator.key.clone(),
                gia_tri: shown.value.and_then(json_number),
                hien_thi: shown.text,
                don_vi: indicator.unit.clone(),
                nguon: origin_code(value.origin),
            })
        })
        .collect()
}

/// A number for open data: integers without a decimal part (`2316`, not `2316.0`).
fn json_number(value: f64) -> Option<serde_json::Number> {
    if value.fract() == 0.0 && value.abs() < 9.0e15 {
        Some(serde_json::Number::from(value as i64))
    } else {
        serde_json::Number::from_f64((value * 1e6).round() / 1e6)
    }
}

fn area_names(site: &Site, area: AreaIndex) -> (String, String) {
    match area.and_then(|a| site.config.areas.get(a as usize)) {
        Some(a) => (a.id.clone(), a.name.clone()),
        None => ("toan-phuong".to_owned(), site.config.full_name()),
    }
}

fn csv_of(rows: &[OpenRow]) -> Result<Vec<u8>, String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in rows {
        writer.serialize(row).map_err(|e| e.to_string())?;
    }
    if rows.is_empty() {
        writer
            .write_record([
                "ky",
                "loai_ky",
                "khu_vuc",
                "ten_khu_vuc",
                "chi_so",
                "gia_tri",
                "hien_thi",
                "don_vi",
                "nguon",
            ])
            .map_err(|e| e.to_string())?;
    }
    writer.into_inner().map_err(|e| e.to_string())
}

/// An indicator's open data files: its CSV and its JSON, each with its address, or the reason
/// it could not be written.
pub(super) fn indicator_files(
    site: &Site,
    derived: &Derived,
    i: usize,
) -> [(String, Result<Vec<u8>, String>); 2] {
    let stats = &site.stats;
    let indicator = &stats.indicators[i];
    let rows = open_rows(site, &derived.stats.table, i);
    let csv = csv_of(&rows);
    let file = OpenFile {
        chi_so: &indicator.key,
        ten: &indicator.name,
        don_vi: &indicator.unit,
        mo_ta: &indicator.description,
        don_vi_cong_bo: &site.config.issuing_body,
        minh_hoa: stats.illustrative,
        giay_phep: &stats.licence,
        nguong_an_so_nho: stats.threshold,
        ngay_cap_nhat: derived.build_date.format("%Y-%m-%d").to_string(),
        so_lieu: rows,
    };
    let json = serde_json::to_string_pretty(&file)
        .map(String::into_bytes)
        .map_err(|e| e.to_string());
    [
        (urls::csv(&indicator.key), csv),
        (urls::json(&indicator.key), json),
    ]
}
