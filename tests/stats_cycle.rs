//! Indicators counted once a year (`chu_ky = "nam"` in data/indicators.toml): charted, tabled and
//! compared by year, a year still running summed over the quarters it has and saying so.

mod common;

use common::*;

const LONGEVITY: &str = "/so-lieu/nguoi-cao-tuoi-mung-tho/";

/// The ward's monthly figures of an indicator from its open data (`2026-02` -> 394).
fn ward_months(built: &Built, key: &str) -> Vec<(String, f64)> {
    let csv = std::fs::read_to_string(built.out().join(format!("du-lieu/{key}.csv"))).unwrap();
    csv.lines()
        .skip(1)
        .map(|l| l.split(',').collect::<Vec<_>>())
        .filter(|c| c[1] == "thang" && c[2] == "toan-phuong")
        .map(|c| (c[0].to_owned(), c[5].parse::<f64>().unwrap()))
        .collect()
}

fn year_sum(months: &[(String, f64)], year: &str) -> i64 {
    months
        .iter()
        .filter(|(p, _)| p.starts_with(year))
        .map(|(_, v)| v)
        .sum::<f64>() as i64
}

fn dotted(n: i64) -> String {
    let digits = n.abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// The first chart's SVG on a page (the trend over time).
fn first_svg(page: &str) -> &str {
    let chart = page.find("class=\"hinh\"").expect("a chart");
    let start = page[chart..].find("<svg").unwrap() + chart;
    &page[start..page[start..].find("</svg>").unwrap() + start]
}

#[test]
fn a_yearly_indicator_is_charted_by_year_with_no_quarter_on_it() {
    let built = build_example();
    let page = built.page(LONGEVITY);
    let svg = first_svg(&page);
    assert!(
        svg.contains(
            "<title>Người cao tuổi được mừng thọ, năm 2025 – năm 2026, đến hết quý III</title>"
        ),
        "{svg}"
    );
    for quarter in ["QI/", "QII/", "QIII/", "QIV/", "quý I/", "quý II/"] {
        assert!(
            !svg.contains(quarter),
            "no quarter `{quarter}` on the chart"
        );
    }
    // The line chart draws its series 3 px wide with a dot per period; bars draw neither.
    assert!(
        !svg.contains("stroke-width=\"3\"") && !svg.contains("<circle"),
        "a yearly figure is not a line through quarters"
    );
    let bars = svg.matches("<rect").count() - 1;
    assert_eq!(
        bars, 2,
        "one bar per year (2025, 2026 so far), beside the background"
    );
    // One bar per year, each year on the axis; the running one says how far it goes.
    let labels: Vec<&str> = svg
        .split("</text>")
        .filter_map(|t| t.rsplit_once('>'))
        .map(|(_, label)| label.trim())
        .filter(|label| label.starts_with("202"))
        .collect();
    assert_eq!(labels, ["2025", "2026 (đến QIII)"], "{svg}");
}

#[test]
fn a_yearly_indicator_table_by_period_has_years_and_compares_year_with_year() {
    let built = build_example();
    let months = ward_months(&built, "nguoi-cao-tuoi-mung-tho");
    let (y2025, y2026) = (year_sum(&months, "2025-"), year_sum(&months, "2026-"));
    assert!(y2025 > 0 && y2026 > 0, "the example celebrates both years");
    let page = built.page(LONGEVITY);
    let head = page
        .find("Bảng số liệu toàn phường theo kỳ")
        .expect("the table by period");
    let table = &page[head..head + page[head..].find("</table>").unwrap()];
    let rows: Vec<String> = table
        .split("<th scope=\"row\">")
        .skip(1)
        .map(|r| r[..r.find("</th>").unwrap()].to_owned())
        .collect();
    assert_eq!(rows, ["năm 2026, đến hết quý III", "năm 2025"], "{table}");
    let text = text_of(table);
    assert!(
        text.contains(&format!("năm 2026, đến hết quý III {} *", dotted(y2026))),
        "the running year is the sum of its months: {text}"
    );
    let word = if y2026 >= y2025 { "tăng" } else { "giảm" };
    assert!(
        text.contains(&format!("{word} {} người", dotted((y2026 - y2025).abs())))
            && text.contains(&format!("so với năm 2025 ({} người)", dotted(y2025))),
        "year against year: {text}"
    );
    // The key figure at the top says the same, and no quarter is compared.
    let top = text_of(&page[..head]);
    assert!(
        top.contains(&format!(
            "{} người cao tuổi được mừng thọ (năm 2026, đến hết quý III)",
            dotted(y2026)
        )),
        "{top}"
    );
    assert!(!top.contains("so với quý"), "{top}");
    assert!(top.contains("Kỳ tính mỗi năm một lần"), "{top}");
    // The dashboard says it too.
    let dashboard = text_of(&built.page("/so-lieu/"));
    assert!(
        dashboard.contains(&format!(
            "{} người cao tuổi được mừng thọ (năm 2026, đến hết quý III)",
            dotted(y2026)
        )),
        "{dashboard}"
    );
    // Open data keep whole periods: no `2026` row summed over part of the year.
    let csv =
        std::fs::read_to_string(built.out().join("du-lieu/nguoi-cao-tuoi-mung-tho.csv")).unwrap();
    assert!(csv.lines().any(|l| l.starts_with("2025,nam,toan-phuong,")));
    assert!(!csv.lines().any(|l| l.starts_with("2026,nam,")), "{csv}");
}

#[test]
fn an_unknown_cycle_is_an_error_at_its_line_naming_the_allowed_values() {
    let site = copy_site(&example_root());
    let registry = site.path().join("data/indicators.toml");
    let text = std::fs::read_to_string(&registry).unwrap();
    let at = text.find("chu_ky = \"nam\"").expect("a yearly indicator");
    let line = text[..at].lines().count() + 1;
    std::fs::write(
        &registry,
        text.replacen("chu_ky = \"nam\"", "chu_ky = \"hang nam\"", 1),
    )
    .unwrap();
    let built = build_site(site.path(), test_date());
    let errors = built.errors();
    assert_errors_start_with(
        &errors,
        &[&format!(
            "data/indicators.toml:{line}:1: lỗi: Giá trị `hang nam` của trường `chu_ky` không dùng được"
        )],
    );
    assert!(errors[0].contains("`thang`, `quy`, `nam`"), "{}", errors[0]);
    assert!(!built.out().exists(), "nothing may be written on error");
}

#[test]
fn a_hidden_yearly_figure_is_not_told_by_its_change() {
    // Bình Phước's poor households: 9 in 2024, fewer than 5 in 2025 (counted once a year).
    let built = build_site(&example_root().join("examples/binh-phuoc"), test_date());
    assert!(built.errors().is_empty(), "{:#?}", built.errors());
    let page = built.page("/so-lieu/ho-ngheo/");
    let text = text_of(&page);
    assert!(
        text.contains("< 5 hộ nghèo theo chuẩn nghèo đa chiều"),
        "{text}"
    );
    let head = text.find("Bảng số liệu toàn phường theo kỳ").unwrap();
    assert!(
        !text[..head].contains("so với năm 2024"),
        "a change against 9 would tell the hidden figure: {text}"
    );
    let dashboard = text_of(&built.page("/so-lieu/"));
    assert!(!dashboard.contains("so với năm 2024 (9 hộ)"), "{dashboard}");
}
