//! Golden pictures: the first page of each kind of print product, laid out with the build's
//! engine and rendered to pixels, compared with the reviewed pictures in `tests/golden/` (see
//! [`picture::assert_like_golden`] for the tolerance). After a reviewed change of a template,
//! one command rewrites them all: `LOA_UPDATE_GOLDEN=1 cargo test --release --test golden`
//! (then look at each changed picture before committing it).

#![cfg(feature = "pdf")]

mod common;
#[path = "common/picture.rs"]
mod picture;

use common::example_root;
use loa::render::print::data;
use picture::{assert_like_golden, pictures};

fn checked() -> loa::build::Checked {
    let mut diagnostics = loa::diagnostics::Diagnostics::default();
    loa::build::check(&example_root(), common::test_date(), &mut diagnostics).unwrap()
}

/// The example's written leaflet and one generated for a day without one.
const LEAFLET: &str = "cham-soc-nguoi-cao-tuoi";
const DAY: &str = "ngay-cong-tac-xa-hoi-viet-nam";
const POSTER_DAY: &str = "ngay-nguoi-cao-tuoi-viet-nam";

#[test]
fn the_plan_first_page_looks_like_the_reviewed_picture() {
    let checked = checked();
    let site = &checked.site;
    let plan = site
        .plans
        .iter()
        .find(|p| p.slug == "ke-hoach-tro-giup-xa-hoi-2026")
        .unwrap();
    let pages = pictures(
        site,
        "van-ban.typ",
        &data::plan_data(site, plan),
        None,
        0.75,
    );
    assert_like_golden("van-ban-trang-1", &pages[0]);
}

#[test]
fn the_tri_fold_leaflet_outside_and_inside_look_like_the_reviewed_pictures() {
    let checked = checked();
    let site = &checked.site;
    let leaflet = site.leaflets.iter().find(|l| l.slug == LEAFLET).unwrap();
    let (json, url) = data::leaflet_data(site, &checked.derived, leaflet);
    let qr = Some(data::qr_svg(&url).unwrap());
    let pages = pictures(site, "to-roi.typ", &json, qr, 0.75);
    assert_eq!(pages.len(), 2);
    assert_like_golden("to-roi-mat-ngoai", &pages[0]);
    assert_like_golden("to-roi-mat-trong", &pages[1]);
}

#[test]
fn the_a5_leaflet_first_page_looks_like_the_reviewed_picture() {
    let checked = checked();
    let site = &checked.site;
    let day = site.days.iter().position(|d| d.id == DAY).unwrap();
    let (json, url) = data::day_leaflet_data(site, &checked.derived, day);
    let qr = Some(data::qr_svg(&url).unwrap());
    let pages = pictures(site, "to-roi-a5.typ", &json, qr, 0.75);
    assert_like_golden("to-roi-a5-trang-1", &pages[0]);
}

#[test]
fn the_poster_and_the_banner_look_like_the_reviewed_pictures() {
    let checked = checked();
    let site = &checked.site;
    let day = site.days.iter().position(|d| d.id == POSTER_DAY).unwrap();
    let json = data::day_data(site, &checked.derived, day);
    let url = json["day"]["url"].as_str().unwrap().to_owned();
    let qr = Some(data::qr_svg(&url).unwrap());
    let poster = pictures(site, "ap-phich.typ", &json, qr, 0.5);
    assert_eq!(poster.len(), 1);
    assert_like_golden("ap-phich", &poster[0]);
    // 5 m x 0.8 m at 0.05 pixel per point: 709 x 114 pixels.
    let banner = pictures(site, "bang-ron.typ", &json, None, 0.05);
    assert_like_golden("bang-ron", &banner[0]);
}

#[test]
fn the_report_first_page_looks_like_the_reviewed_picture() {
    let checked = checked();
    let site = &checked.site;
    assert!(!site.stats.reports.is_empty(), "the example has a report");
    let json =
        loa::render::print::report::report_data(site, &checked.derived, 0, &site.fonts.family);
    let pages = pictures(site, "bao-cao.typ", &json, None, 0.75);
    assert_like_golden("bao-cao-trang-1", &pages[0]);
}

#[test]
fn the_loudspeaker_script_first_page_looks_like_the_reviewed_picture() {
    let checked = checked();
    let site = &checked.site;
    let scripts =
        loa::render::print::broadcast::scripts(site, &checked.derived, &checked.templates)
            .unwrap_or_else(|e| panic!("{e:?}"));
    let script = scripts
        .iter()
        .find(|s| s.base.ends_with(&format!("/{POSTER_DAY}")))
        .unwrap();
    let json = serde_json::json!({"site": data::site_data(site), "script": script});
    let pages = pictures(site, "phat-thanh.typ", &json, None, 0.75);
    assert_like_golden("phat-thanh-trang-1", &pages[0]);
}
