//! The series of each kind of chart drawn on a canvas with plotters: a line over time, horizontal
//! bars, and progress bars against goals. Each returns plotters' SVG, or `None` if drawing fails
//! (it does not on a string backend).

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::Point;
use super::canvas::{
    ACCENT, Canvas, GRID, INK, TEXT, axis_number, label_step, row_label, wrap, y_range,
};
use crate::locale::format;
use crate::model::stats::IndicatorKind;

/// Draws a line over time.
pub fn line(points: &[Point], kind: IndicatorKind, canvas: Canvas) -> Option<String> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (canvas.width, Canvas::LINE_HEIGHT))
            .into_drawing_area();
        root.fill(&WHITE).ok()?;
        let values: Vec<f64> = points.iter().filter_map(|p| p.value).collect();
        let (low, high) = y_range(kind, &values);
        let n = points.len().max(1);
        let labels: Vec<String> = points.iter().map(|p| p.axis.clone()).collect();
        let (y_area, right) = (canvas.scaled(70), canvas.scaled(50).min(50));
        // A phone's canvas labels every `step`-th point, counted back from the last.
        let plot_width = f64::from(canvas.width.saturating_sub(10 + right + y_area));
        let step = if canvas.narrow {
            label_step(&labels, plot_width, canvas)
        } else {
            1
        };
        let mut chart = ChartBuilder::on(&root)
            .margin_top(20)
            .margin_left(10)
            .margin_right(right)
            .margin_bottom(10)
            .x_label_area_size(canvas.scaled(60))
            .y_label_area_size(y_area)
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
                if (x - i).abs() > 0.01
                    || i < 0.0
                    || !(n - 1).abs_diff(i as usize).is_multiple_of(step)
                {
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
pub fn bars(
    points: &[Point],
    kind: IndicatorKind,
    last_accent: bool,
    canvas: Canvas,
) -> Option<String> {
    let mut svg = String::new();
    let height = canvas.bar_height(points.len());
    {
        let root = SVGBackend::with_string(&mut svg, (canvas.width, height)).into_drawing_area();
        root.fill(&WHITE).ok()?;
        let values: Vec<f64> = points.iter().filter_map(|p| p.value).collect();
        let (low, high) = y_range(kind, &values);
        let n = points.len().max(1);
        let labels: Vec<String> = points.iter().map(|p| p.axis.clone()).collect();
        let mut chart = ChartBuilder::on(&root)
            .margin_top(10)
            .margin_left(10)
            .margin_right(canvas.scaled(60).min(60))
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
            .x_labels(if canvas.narrow { 4 } else { 6 })
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
        // Hidden figures (`< 5`, `x`) are written where their bar would be, centred on the row
        // like its label (not below it, where the last one would sit on the axis).
        chart
            .draw_series(
                points
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| p.value.is_none())
                    .map(|(i, p)| {
                        let style = canvas.font().pos(Pos::new(HPos::Left, VPos::Center));
                        Text::new(p.text.clone(), (high * 0.01, i as f64), style)
                    }),
            )
            .ok()?;
        root.present().ok()?;
    }
    Some(svg)
}

/// The layout of progress bars: on a narrow canvas each goal's label is wrapped onto lines above
/// its bar; in print it sits beside the bar.
struct ProgressRows {
    /// Each point's label lines (narrow canvas only).
    lines: Vec<Vec<String>>,
    /// Label lines of the tallest row.
    most: usize,
}

impl ProgressRows {
    fn new(points: &[Point], canvas: Canvas) -> ProgressRows {
        let across = canvas.chars_across(f64::from(canvas.width - 20));
        let lines: Vec<Vec<String>> = if canvas.narrow {
            points.iter().map(|p| wrap(&p.axis, across)).collect()
        } else {
            Vec::new()
        };
        let most = lines.iter().map(Vec::len).max().unwrap_or(0);
        ProgressRows { lines, most }
    }

    /// Height of one row in SVG units: the label lines, then the bar.
    fn row(&self, canvas: Canvas) -> f64 {
        self.most as f64 * canvas.text * 1.3 + canvas.text * 2.2
    }
}

/// Height of the progress chart of `points`.
pub fn progress_height(points: &[Point], canvas: Canvas) -> u32 {
    let rows = ProgressRows::new(points, canvas);
    if canvas.narrow {
        (points.len() as f64 * rows.row(canvas)).ceil() as u32 + canvas.scaled(70)
    } else {
        canvas.bar_height(points.len())
    }
}

/// Draws progress against goals: one horizontal bar per goal, as a share of the goal
/// (0-100%), with a dashed line at 100%.
pub fn progress(points: &[Point], canvas: Canvas) -> Option<String> {
    let n = points.len();
    let height = progress_height(points, canvas);
    let rows = ProgressRows::new(points, canvas);
    // In row units (each row spans 1 on the y axis): where a label line sits and where the bar is.
    let row = rows.row(canvas);
    let bar_top = rows.most as f64 * canvas.text * 1.3 / row;
    let bar = if canvas.narrow {
        (
            bar_top + 0.1 * canvas.text / row,
            1.0 - 0.5 * canvas.text / row,
        )
    } else {
        (0.15, 0.85)
    };
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (canvas.width, height)).into_drawing_area();
        root.fill(&WHITE).ok()?;
        let labels: Vec<String> = points.iter().map(|p| p.axis.clone()).collect();
        let mut chart = ChartBuilder::on(&root)
            .margin_top(10)
            // The first axis label (`0%`) sits centred on the left edge of the bars.
            .margin_left(if canvas.narrow { canvas.scaled(20) } else { 10 })
            .margin_right(canvas.scaled(70).min(70))
            .margin_bottom(10)
            .x_label_area_size(canvas.scaled(40))
            .y_label_area_size(if canvas.narrow { 0 } else { canvas.scaled(300) })
            .build_cartesian_2d(0.0f64..100.0, (n as f64 - 0.5)..-0.5f64)
            .ok()?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .bold_line_style(GRID)
            .light_line_style(WHITE)
            .y_labels(if canvas.narrow { 0 } else { n })
            .y_label_formatter(&|y| row_label(&labels, *y))
            .x_labels(if canvas.narrow { 5 } else { 6 })
            .x_label_formatter(&|x| format::percent(*x))
            .x_label_style(canvas.font())
            .y_label_style(canvas.font())
            .axis_style(TEXT)
            .draw()
            .ok()?;
        // Row i spans i - 0.5 .. i + 0.5.
        let at = |i: usize, share: f64| i as f64 - 0.5 + share;
        if canvas.narrow {
            chart
                .draw_series(rows.lines.iter().enumerate().flat_map(|(i, lines)| {
                    lines.iter().enumerate().map(move |(k, line)| {
                        let y = at(i, (k as f64 + 1.0) * canvas.text * 1.3 / row);
                        Text::new(
                            line.clone(),
                            (0.0, y),
                            canvas.font().pos(Pos::new(HPos::Left, VPos::Bottom)),
                        )
                    })
                }))
                .ok()?;
        }
        chart
            .draw_series(points.iter().enumerate().filter_map(|(i, p)| {
                let v = p.value?;
                Some(Rectangle::new(
                    [(0.0, at(i, bar.0)), (v.min(100.0), at(i, bar.1))],
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
                let y = at(i, (bar.0 + bar.1) / 2.0);
                // Inside a long bar in white, else after it.
                let inside = p.value.is_some_and(|v| v > 30.0);
                let style = if inside {
                    canvas
                        .font()
                        .color(&WHITE)
                        .pos(Pos::new(HPos::Right, VPos::Center))
                } else {
                    canvas.font().pos(Pos::new(HPos::Left, VPos::Center))
                };
                Text::new(p.text.clone(), (x, y), style)
            }))
            .ok()?;
        root.present().ok()?;
    }
    Some(svg)
}
