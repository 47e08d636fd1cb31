//! Charts as SVG, drawn with `plotters` (SVG backend only): lines over time and bars by area.
//!
//! plotters 0.3 in SVG mode divides font sizes by 1.24 and clips the last axis label with tight
//! margins, so sizes here are multiplied back and margins are wide; its legend boxes are sized by
//! bytes (too wide for Vietnamese), so charts carry no plotters legend: the title, the text
//! description and the table beside each chart say what is drawn. Colours are a dark blue and a
//! dark orange of the Okabe-Ito set, which stay distinct in greyscale and for colour-blind readers.

use plotters::prelude::*;
use serde::Serialize;

use crate::derive::stats::Table;
use crate::locale::format;
use crate::model::Site;
use crate::model::stats::{IndicatorKind, Period};

/// The font named in every chart, so a PDF engine uses the same one as the page.
pub const CHART_FONT: &str = "Noto Sans";
/// The font list a page's chart names: the font, then the phone's own sans-serif when the phone
/// lacks it (an old phone would otherwise draw the labels in its serif default).
const SCREEN_FONTS: &str = "Noto Sans, sans-serif";
/// Chart size in SVG units.
const WIDTH: u32 = 720;
const HEIGHT: u32 = 360;
/// plotters divides font sizes by this.
const FONT_QUIRK: f64 = 1.24;

/// The size of a chart's text in SVG units; label areas and bar rows grow with it.
#[derive(Debug, Clone, Copy)]
struct Canvas {
    text: f64,
}

impl Canvas {
    /// On a web page the chart is as wide as the column: 14 units read as body text.
    const SCREEN: Canvas = Canvas { text: 14.0 };
    /// In a report the chart is the text width of an A4 page (about 165 mm for 720 units), so
    /// 18 units print at about 11.7 pt.
    const PRINT: Canvas = Canvas { text: 18.0 };

    /// A length drawn at 14 units of text, scaled to this canvas.
    fn scaled(self, length: u32) -> u32 {
        (f64::from(length) * self.text / 14.0).round() as u32
    }

    fn font(self) -> TextStyle<'static> {
        font(self.text)
    }

    /// Height of a bar chart with `n` bars.
    fn bar_height(self, n: usize) -> u32 {
        (n as u32) * self.scaled(28) + self.scaled(70)
    }
}
/// Bars and lines: dark blue (Okabe-Ito "blue" darkened): contrast 8:1 on white.
const INK: RGBColor = RGBColor(0x0b, 0x3c, 0x73);
/// The ward total / second series: dark orange (Okabe-Ito vermillion darkened).
const ACCENT: RGBColor = RGBColor(0xa6, 0x3d, 0x00);
const GRID: RGBColor = RGBColor(0xd0, 0xd0, 0xd0);
const TEXT: RGBColor = RGBColor(0x1a, 0x1a, 0x1a);

/// One point or bar of a chart, with the figure shown for it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Point {
    /// Label (`quý I/2026`, `Tổ dân phố 3`).
    pub label: String,
    /// Short label on the axis (`QI/26`).
    pub axis: String,
    /// Value drawn (`None`: hidden or missing, not drawn).
    pub value: Option<f64>,
    /// Figure as shown in the table (`1.234`, `< 5`).
    pub text: String,
}

/// A chart: what it shows (title, description, points for the table) and its SVG.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChartSpec {
    /// Title.
    pub title: String,
    /// A sentence describing what the chart shows, for readers who cannot see it.
    pub description: String,
    /// Column head of the labels in the table.
    pub label_head: String,
    /// Column head of the values in the table (with unit).
    pub value_head: String,
    /// The figures.
    pub points: Vec<Point>,
    /// The SVG, with `<title>` and `<desc>`.
    pub svg: String,
    /// The same chart with text sized for a printed report (see [`for_print`]).
    #[serde(skip)]
    pub print_svg: String,
}

fn font(size: f64) -> TextStyle<'static> {
    TextStyle::from((CHART_FONT, size * FONT_QUIRK).into_font()).color(&TEXT)
}

/// Axis numbers in Vietnamese (`1.000`, `96,5`).
fn axis_number(kind: IndicatorKind, value: f64) -> String {
    match kind {
        IndicatorKind::Ratio => format::decimal(value, 1, false),
        _ => format::decimal(value, 1, false),
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Makes plotters' SVG scale with the page and carry its title and description.
fn finish(svg: String, height: u32, title: &str, description: &str) -> String {
    // plotters draws the minor mesh in the given colour even when it is the background (white on
    // white) and writes the default `opacity="1"` everywhere: both cost page weight, neither ink.
    let svg: String = svg
        .lines()
        .filter(|line| !(line.starts_with("<line") && line.contains("stroke=\"#FFFFFF\"")))
        .map(|line| {
            line.replace(" opacity=\"1\"", "")
                .replace("opacity=\"1\" ", "")
        })
        .collect::<Vec<_>>()
        .join("\n");
    let svg = svg.replace(
        &format!("font-family=\"{CHART_FONT}\""),
        &format!("font-family=\"{SCREEN_FONTS}\""),
    );
    let fixed = format!("width=\"{WIDTH}\" height=\"{height}\"");
    let svg = svg.replacen(
        &fixed,
        &format!("width=\"100%\" preserveAspectRatio=\"xMidYMid meet\" role=\"img\" font-family=\"{SCREEN_FONTS}\""),
        1,
    );
    match svg.find('>') {
        Some(end) => format!(
            "{}><title>{}</title><desc>{}</desc>{}",
            &svg[..end],
            escape(title),
            escape(description),
            &svg[end + 1..]
        ),
        None => svg,
    }
}

impl ChartSpec {
    /// The chart of `points` with its words, drawn for the screen and for print (`draw` on each
    /// canvas, `height` its SVG height), both finished with the title and description. `heads`
    /// are the column heads of the labels and of the values in the table under the chart.
    fn drawn(
        title: String,
        description: String,
        heads: (String, String),
        points: Vec<Point>,
        draw: impl Fn(&[Point], Canvas) -> Option<String>,
        height: impl Fn(Canvas) -> u32,
    ) -> Option<ChartSpec> {
        let [svg, print_svg] = [Canvas::SCREEN, Canvas::PRINT].map(|canvas| {
            draw(&points, canvas).map(|svg| finish(svg, height(canvas), &title, &description))
        });
        let (label_head, value_head) = heads;
        Some(ChartSpec {
            svg: svg?,
            print_svg: print_svg?,
            title,
            description,
            label_head,
            value_head,
            points,
        })
    }
}

fn y_range(kind: IndicatorKind, values: &[f64]) -> (f64, f64) {
    let max = values.iter().copied().fold(0.0_f64, f64::max);
    if kind == IndicatorKind::Ratio {
        return (0.0, 100.0);
    }
    let top = if max <= 0.0 { 1.0 } else { max * 1.15 };
    (0.0, top)
}

/// Draws a line over time. Returns `None` if drawing fails (it does not on a string backend).
fn draw_line(points: &[Point], kind: IndicatorKind, canvas: Canvas) -> Option<String> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        root.fill(&WHITE).ok()?;
        let values: Vec<f64> = points.iter().filter_map(|p| p.value).collect();
        let (low, high) = y_range(kind, &values);
        let n = points.len().max(1);
        let labels: Vec<String> = points.iter().map(|p| p.axis.clone()).collect();
        let mut chart = ChartBuilder::on(&root)
            .margin_top(20)
            .margin_left(10)
            .margin_right(50)
            .margin_bottom(10)
            .x_label_area_size(canvas.scaled(60))
            .y_label_area_size(canvas.scaled(70))
            .build_cartesian_2d(-0.5f64..(n as f64 - 0.5), low..high)
            .ok()?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .bold_line_style(GRID)
            .light_line_style(WHITE)
            .x_labels(n.min(12))
            .x_label_formatter(&|x| {
                let i = x.round();
                if (x - i).abs() > 0.01 || i < 0.0 {
                    return String::new();
                }
                labels.get(i as usize).cloned().unwrap_or_default()
            })
            .y_labels(6)
            .y_label_formatter(&|y| axis_number(kind, *y))
            .x_label_style(canvas.font())
            .y_label_style(canvas.font())
            .axis_style(TEXT)
            .draw()
            .ok()?;
        let drawn: Vec<(f64, f64)> = points
            .iter()
            .enumerate()
            .filter_map(|(i, p)| p.value.map(|v| (i as f64, v)))
            .collect();
        chart
            .draw_series(LineSeries::new(drawn.clone(), INK.stroke_width(3)))
            .ok()?;
        chart
            .draw_series(
                drawn
                    .iter()
                    .map(|&(x, y)| Circle::new((x, y), 5, INK.filled())),
            )
            .ok()?;
        root.present().ok()?;
    }
    Some(svg)
}

/// Draws horizontal bars, one per point (labels read across, long names fit); the last bar (the
/// ward) in the accent colour when `last_accent`.
fn draw_bars(
    points: &[Point],
    kind: IndicatorKind,
    last_accent: bool,
    canvas: Canvas,
) -> Option<String> {
    let mut svg = String::new();
    let height = canvas.bar_height(points.len());
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        root.fill(&WHITE).ok()?;
        let values: Vec<f64> = points.iter().filter_map(|p| p.value).collect();
        let (low, high) = y_range(kind, &values);
        let n = points.len().max(1);
        let labels: Vec<String> = points.iter().map(|p| p.axis.clone()).collect();
        let mut chart = ChartBuilder::on(&root)
            .margin_top(10)
            .margin_left(10)
            .margin_right(60)
            .margin_bottom(10)
            .x_label_area_size(canvas.scaled(40))
            .y_label_area_size(canvas.scaled(150))
            .build_cartesian_2d(low..high, (n as f64 - 0.5)..-0.5f64)
            .ok()?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .bold_line_style(GRID)
            .light_line_style(WHITE)
            .y_labels(n)
            .y_label_formatter(&|y| row_label(&labels, *y))
            .x_labels(6)
            .x_label_formatter(&|x| axis_number(kind, *x))
            .x_label_style(canvas.font())
            .y_label_style(canvas.font())
            .axis_style(TEXT)
            .draw()
            .ok()?;
        chart
            .draw_series(points.iter().enumerate().filter_map(|(i, p)| {
                let v = p.value?;
                let colour = if last_accent && i + 1 == points.len() {
                    ACCENT
                } else {
                    INK
                };
                let y = i as f64;
                Some(Rectangle::new(
                    [(0.0, y - 0.35), (v, y + 0.35)],
                    colour.filled(),
                ))
            }))
            .ok()?;
        // Hidden figures (`< 5`, `x`) are written where their bar would be.
        chart
            .draw_series(
                points
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| p.value.is_none())
                    .map(|(i, p)| {
                        // Centred on the row, like its label (not below it, where the last one
                        // would sit on the axis).
                        let style = canvas.font().pos(plotters::style::text_anchor::Pos::new(
                            plotters::style::text_anchor::HPos::Left,
                            plotters::style::text_anchor::VPos::Center,
                        ));
                        Text::new(p.text.clone(), (high * 0.01, i as f64), style)
                    }),
            )
            .ok()?;
        root.present().ok()?;
    }
    Some(svg)
}

/// The periods of the same level as `period` leading up to it (12 months, 8 quarters or 5 years).
pub fn periods_up_to(period: Period) -> Vec<Period> {
    let count = match period {
        Period::Month { .. } => 12,
        Period::Quarter { .. } => 8,
        Period::Year { .. } => 5,
    };
    let mut out = vec![period];
    for _ in 1..count {
        let before = out[out.len() - 1].previous();
        out.push(before);
    }
    out.reverse();
    out
}

/// The ward's figure of indicator `i` over the periods up to `period`, as a line.
pub fn trend(site: &Site, table: &Table, i: usize, period: Period) -> Option<ChartSpec> {
    let stats = &site.stats;
    let indicator = &stats.indicators[i];
    let points: Vec<Point> = periods_up_to(period)
        .into_iter()
        .filter_map(|p| {
            let shown = crate::derive::stats::cell(stats, table, (i as u16, None, p))?;
            Some(Point {
                label: format::period(p),
                axis: format::period_axis(p),
                value: shown.value,
                text: shown.text,
            })
        })
        .collect();
    if points.len() < 2 {
        return None;
    }
    let first = &points[0];
    let last = &points[points.len() - 1];
    let name = site.config.full_name();
    let args = [
        ("indicator", indicator.name.clone()),
        ("ward", name),
        ("count", points.len().to_string()),
        ("first", first.label.clone()),
        ("first_value", first.text.clone()),
        ("last", last.label.clone()),
        ("last_value", last.text.clone()),
    ];
    let title = crate::messages::text("chart_trend_title", &args).vi;
    let description = crate::messages::text("chart_trend_description", &args).vi;
    ChartSpec::drawn(
        title,
        description,
        (
            crate::messages::text("chart_period_head", &[]).vi,
            unit_head(indicator),
        ),
        points,
        |points, canvas| draw_line(points, indicator.kind, canvas),
        |_| HEIGHT,
    )
}

fn unit_head(indicator: &crate::model::stats::Indicator) -> String {
    format!("{} ({})", indicator.name, indicator.unit)
}

/// Indicator `i` by residential group for `period`, as bars; the ward figure last.
pub fn by_area(site: &Site, table: &Table, i: usize, period: Period) -> Option<ChartSpec> {
    let stats = &site.stats;
    let indicator = &stats.indicators[i];
    let mut points: Vec<Point> = site
        .config
        .areas
        .iter()
        .enumerate()
        .filter_map(|(a, area)| {
            let shown =
                crate::derive::stats::cell(stats, table, (i as u16, Some(a as u16), period))?;
            Some(Point {
                label: area.name.clone(),
                axis: area.name.clone(),
                value: shown.value,
                text: shown.text,
            })
        })
        .collect();
    if points.len() < 2 {
        return None;
    }
    let ratio = indicator.kind == IndicatorKind::Ratio;
    if ratio && let Some(shown) = crate::derive::stats::cell(stats, table, (i as u16, None, period))
    {
        points.push(Point {
            label: site.config.full_name(),
            axis: site.config.full_name(),
            value: shown.value,
            text: shown.text,
        });
    }
    ranked_bars(
        indicator,
        period,
        points,
        &BarTexts {
            title: "chart_area_title",
            description: "chart_area_description",
            place: ("area_kind", site.config.area_kind.clone()),
            label_head: site.config.area_kind.clone(),
        },
        ratio,
    )
}

/// The words around a bar chart: message keys of its title and of its description (which names
/// the highest bar), one more message argument naming the place, and the head of the labels.
pub struct BarTexts {
    /// Message key of the title.
    pub title: &'static str,
    /// Message key of the description.
    pub description: &'static str,
    /// Message argument naming the place (`area_kind`, `ward`) and its value.
    pub place: (&'static str, String),
    /// Column head of the labels in the table.
    pub label_head: String,
}

/// Horizontal bars of `points` (figures of `indicator` for `period` by group or by age band),
/// titled and described by `texts`; the last bar (the ward) in the accent colour when
/// `last_accent`.
pub fn ranked_bars(
    indicator: &crate::model::stats::Indicator,
    period: Period,
    points: Vec<Point>,
    texts: &BarTexts,
    last_accent: bool,
) -> Option<ChartSpec> {
    let highest = points
        .iter()
        .filter(|p| p.value.is_some())
        .max_by(|a, b| a.value.unwrap_or(0.0).total_cmp(&b.value.unwrap_or(0.0)));
    let args = [
        ("indicator", indicator.name.clone()),
        (texts.place.0, texts.place.1.clone()),
        ("period", format::period(period)),
        ("count", points.len().to_string()),
        (
            "highest",
            highest.map(|h| h.label.clone()).unwrap_or_default(),
        ),
        (
            "highest_value",
            highest.map(|h| h.text.clone()).unwrap_or_default(),
        ),
        ("unit", indicator.unit.clone()),
    ];
    let title = crate::messages::text(texts.title, &args).vi;
    let description = match highest {
        Some(_) => crate::messages::text(texts.description, &args).vi,
        None => title.clone(),
    };
    let bars = points.len();
    ChartSpec::drawn(
        title,
        description,
        (texts.label_head.clone(), unit_head(indicator)),
        points,
        |points, canvas| draw_bars(points, indicator.kind, last_accent, canvas),
        |canvas| canvas.bar_height(bars),
    )
}

/// Progress against goals: one horizontal bar per goal, as a share of the goal (0-100%), with a
/// dashed line at 100%. `points` carry the share as value and `label: text` as their label.
pub fn progress(title: String, description: String, points: Vec<Point>) -> Option<ChartSpec> {
    if points.iter().all(|p| p.value.is_none()) {
        return None;
    }
    let bars = points.len();
    ChartSpec::drawn(
        title,
        description,
        (
            crate::messages::text("chart_goal_head", &[]).vi,
            crate::messages::text("chart_progress_head", &[]).vi,
        ),
        points,
        draw_progress,
        |canvas| canvas.bar_height(bars),
    )
}

/// Draws the bars of [`progress`].
fn draw_progress(points: &[Point], canvas: Canvas) -> Option<String> {
    let n = points.len();
    let height = canvas.bar_height(n);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        root.fill(&WHITE).ok()?;
        let labels: Vec<String> = points.iter().map(|p| p.axis.clone()).collect();
        let mut chart = ChartBuilder::on(&root)
            .margin_top(10)
            .margin_left(10)
            .margin_right(70)
            .margin_bottom(10)
            .x_label_area_size(canvas.scaled(40))
            .y_label_area_size(canvas.scaled(300))
            .build_cartesian_2d(0.0f64..100.0, (n as f64 - 0.5)..-0.5f64)
            .ok()?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .bold_line_style(GRID)
            .light_line_style(WHITE)
            .y_labels(n)
            .y_label_formatter(&|y| row_label(&labels, *y))
            .x_labels(6)
            .x_label_formatter(&|x| format::percent(*x))
            .x_label_style(canvas.font())
            .y_label_style(canvas.font())
            .axis_style(TEXT)
            .draw()
            .ok()?;
        chart
            .draw_series(points.iter().enumerate().filter_map(|(i, p)| {
                let v = p.value?;
                let y = i as f64;
                Some(Rectangle::new(
                    [(0.0, y - 0.35), (v.min(100.0), y + 0.35)],
                    INK.filled(),
                ))
            }))
            .ok()?;
        chart
            .draw_series(DashedLineSeries::new(
                vec![(100.0, -0.5), (100.0, n as f64 - 0.5)],
                6,
                4,
                ACCENT.stroke_width(2),
            ))
            .ok()?;
        chart
            .draw_series(points.iter().enumerate().map(|(i, p)| {
                let x = p.value.map_or(1.0, |v| (v.min(100.0) - 1.0).max(1.0));
                let style = if p.value.is_some_and(|v| v > 30.0) {
                    canvas
                        .font()
                        .color(&WHITE)
                        .pos(plotters::style::text_anchor::Pos::new(
                            plotters::style::text_anchor::HPos::Right,
                            plotters::style::text_anchor::VPos::Center,
                        ))
                } else {
                    canvas.font().pos(plotters::style::text_anchor::Pos::new(
                        plotters::style::text_anchor::HPos::Left,
                        plotters::style::text_anchor::VPos::Center,
                    ))
                };
                Text::new(p.text.clone(), (x, i as f64), style)
            }))
            .ok()?;
        root.present().ok()?;
    }
    Some(svg)
}

/// The label of a bar chart's row at axis position `y`: rows sit on whole numbers, and the ticks
/// plotters places between them get no label.
fn row_label(labels: &[String], y: f64) -> String {
    let i = y.round();
    if (y - i).abs() > 0.01 || i < 0.0 {
        return String::new();
    }
    labels.get(i as usize).cloned().unwrap_or_default()
}

/// A chart's SVG as a PDF engine should draw it: the font `family` the PDF embeds named instead of
/// the screen font (so no text falls back to another font), and a fixed size from the viewBox
/// instead of the page's `width="100%"`.
pub fn for_print(svg: &str, family: &str) -> String {
    let print_font = format!("font-family=\"{}\"", escape(family));
    let named = svg
        .replace(&format!("font-family=\"{SCREEN_FONTS}\""), &print_font)
        .replace(&format!("font-family=\"{CHART_FONT}\""), &print_font);
    let size = named
        .split_once("viewBox=\"0 0 ")
        .and_then(|(_, rest)| rest.split_once('"'))
        .and_then(|(dims, _)| dims.split_once(' '))
        .map(|(w, h)| format!("width=\"{w}\" height=\"{h}\""));
    match size {
        Some(size) => named.replacen("width=\"100%\"", &size, 1),
        None => named,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn font_sizes(svg: &str) -> Vec<f64> {
        svg.split("font-size=\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next()?.parse().ok())
            .collect()
    }

    #[test]
    fn printed_chart_text_is_at_least_11_pt_on_the_a4_text_width() {
        let points: Vec<Point> = (1..=4)
            .map(|i| Point {
                label: format!("Mục tiêu {i}"),
                axis: format!("Mục tiêu số {i} của kế hoạch"),
                value: Some(f64::from(i) * 20.0),
                text: format!("{}%", i * 20),
            })
            .collect();
        let chart = progress("Tiến độ".into(), "Mô tả".into(), points).unwrap();
        // The report sets the chart across the text width: A4 less 30 mm and 15 mm is 165 mm.
        let points_per_unit = 165.0 / 25.4 * 72.0 / f64::from(WIDTH);
        let printed = font_sizes(&chart.print_svg);
        assert!(!printed.is_empty(), "{}", chart.print_svg);
        for size in printed {
            assert!(size * points_per_unit >= 11.0, "{size} units");
        }
        let screen = font_sizes(&chart.svg);
        assert!(screen.iter().all(|s| (*s - 14.0).abs() < 0.5), "{screen:?}");
        // Bars grow with the text, so labels keep their rows.
        let height = |svg: &str| -> u32 {
            svg.split("viewBox=\"0 0 720 ")
                .nth(1)
                .and_then(|r| r.split('"').next())
                .and_then(|h| h.parse().ok())
                .unwrap()
        };
        assert!(height(&chart.print_svg) > height(&chart.svg));
    }
}
