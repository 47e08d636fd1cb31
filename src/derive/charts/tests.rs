use super::*;

/// `(font size, text)` of every `<text>` element of `svg` (plotters writes the text on the line
/// after the element's opening tag).
fn texts(svg: &str) -> Vec<(f64, String)> {
    svg.split("<text")
        .skip(1)
        .map(|rest| {
            let size = rest
                .split("font-size=\"")
                .nth(1)
                .and_then(|r| r.split('"').next())
                .and_then(|s| s.parse().ok())
                .unwrap_or(0.0);
            let body = rest
                .split_once('>')
                .map(|(_, b)| b.split("</text>").next().unwrap_or("").trim().to_owned())
                .unwrap_or_default();
            (size, body)
        })
        .collect()
}

/// `(width, height)` of `svg`'s viewBox.
fn view_box(svg: &str) -> (f64, f64) {
    let dims = svg
        .split("viewBox=\"0 0 ")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap();
    let (w, h) = dims.split_once(' ').unwrap();
    (w.parse().unwrap(), h.parse().unwrap())
}

fn goals(long: bool) -> Vec<Point> {
    (1..=4)
        .map(|i| Point {
            label: format!("Mục tiêu {i}"),
            axis: if long {
                format!("Tỷ lệ chi trả trợ cấp không dùng tiền mặt, mục tiêu số {i} của kế hoạch")
            } else {
                format!("Mục tiêu số {i} của kế hoạch")
            },
            value: Some(f64::from(i) * 20.0),
            text: format!("{}%", i * 20),
        })
        .collect()
}

fn quarters(n: usize) -> Vec<Point> {
    periods_up_to(Period::Quarter {
        year: 2026,
        quarter: 3,
    })
    .into_iter()
    .rev()
    .take(n)
    .rev()
    .enumerate()
    .map(|(i, p)| Point {
        label: crate::locale::format::period(p),
        axis: crate::locale::format::period_axis(p),
        value: Some(100.0 + i as f64 * 10.0),
        text: (100 + i * 10).to_string(),
    })
    .collect()
}

fn areas() -> Vec<Point> {
    (1..=12)
        .map(|i| Point {
            label: format!("Tổ dân phố {i}"),
            axis: format!("Tổ dân phố {i}"),
            value: (i != 5).then_some(f64::from(i) * 3.0),
            text: if i == 5 {
                "< 5".into()
            } else {
                (i * 3).to_string()
            },
        })
        .collect()
}

/// Every kind of chart on the page's canvas, finished as a page shows it.
fn screen_charts() -> Vec<(&'static str, String)> {
    let finished = |svg: Option<String>, height: u32| {
        finish(svg.unwrap(), Canvas::SCREEN, height, "Tiêu đề", "Mô tả")
    };
    let bars = areas();
    vec![
        (
            "line",
            finished(
                draw::line(&quarters(8), IndicatorKind::Count, Canvas::SCREEN),
                Canvas::LINE_HEIGHT,
            ),
        ),
        (
            "bars",
            finished(
                draw::bars(&bars, IndicatorKind::Count, true, Canvas::SCREEN),
                Canvas::SCREEN.bar_height(bars.len()),
            ),
        ),
        (
            "progress",
            progress("Tiến độ".into(), "Mô tả".into(), goals(true))
                .unwrap()
                .svg,
        ),
    ]
}

#[test]
fn chart_text_is_at_least_12_css_px_on_a_360_px_phone() {
    // The page's column on a 360 px screen is 360 less 2 x 16 px of margin.
    let column = 360.0 - 32.0;
    for (kind, svg) in screen_charts() {
        let (width, _) = view_box(&svg);
        let found = texts(&svg);
        assert!(found.len() >= 4, "{kind}: {svg}");
        for (size, text) in found {
            let css_px = size * column / width;
            assert!(css_px >= 12.0, "{kind}: `{text}` at {css_px:.1} px");
        }
        // The phone's own sans-serif is named after Noto Sans.
        assert!(
            svg.contains("font-family=\"Noto Sans, sans-serif\""),
            "{kind}"
        );
    }
}

#[test]
fn phone_chart_labels_fit_and_do_not_overlap() {
    let charts = screen_charts();
    // A long goal is wrapped onto lines above its bar, each within the chart, all of it shown.
    let (_, progress) = &charts[2];
    let (width, _) = view_box(progress);
    let lines: Vec<String> = texts(progress)
        .into_iter()
        .map(|(_, t)| t)
        .filter(|t| !t.ends_with('%'))
        .collect();
    assert!(
        lines
            .iter()
            .all(|l| Canvas::SCREEN.text_width(l) <= width - 20.0),
        "{lines:?}"
    );
    let shown = lines.join(" ");
    assert!(
        shown.contains("Tỷ lệ chi trả trợ cấp không dùng tiền mặt, mục tiêu số 4 của kế hoạch"),
        "{shown}"
    );
    // Eight quarters on a phone: every other one labelled, the latest always.
    let (_, line) = &charts[0];
    let labels: Vec<String> = texts(line)
        .into_iter()
        .map(|(_, t)| t)
        .filter(|t| t.starts_with('Q'))
        .collect();
    assert!(labels.len() < 8 && labels.len() >= 3, "{labels:?}");
    assert_eq!(labels.last().map(String::as_str), Some("QIII/26"));
}

#[test]
fn printed_chart_text_is_at_least_11_pt_on_the_a4_text_width() {
    let chart = progress("Tiến độ".into(), "Mô tả".into(), goals(false)).unwrap();
    // The report sets the chart across the text width: A4 less 30 mm and 15 mm is 165 mm.
    let (width, print_height) = view_box(&chart.print_svg);
    assert_eq!(width, 720.0);
    let points_per_unit = 165.0 / 25.4 * 72.0 / width;
    let printed = texts(&chart.print_svg);
    assert!(!printed.is_empty(), "{}", chart.print_svg);
    for (size, text) in printed {
        assert!(size * points_per_unit >= 11.0, "`{text}` at {size} units");
    }
    // Print keeps every goal's label beside its bar, whole.
    assert!(chart.print_svg.contains("Mục tiêu số 4 của kế hoạch"));
    // Bars grow with the text, so labels keep their rows.
    assert!(print_height > f64::from(Canvas::PRINT.scaled(28)) * 4.0);
}
