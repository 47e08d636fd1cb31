//! Charts as SVG, drawn with `plotters` (SVG backend only): lines over time and bars by area.
//!
//! plotters 0.3 in SVG mode divides font sizes by 1.24 and clips the last axis label with tight
//! margins, so sizes here are multiplied back and margins are wide; its legend boxes are sized by
//! bytes (too wide for Vietnamese), so charts carry no plotters legend: the title, the text
//! description and the table beside each chart say what is drawn. Colours are a dark blue and a
//! dark orange of the Okabe-Ito set, which stay distinct in greyscale and for colour-blind readers.

mod canvas;
mod draw;
#[cfg(test)]
mod tests;

use serde::Serialize;

use canvas::Canvas;

use crate::derive::stats::Table;
use crate::model::Site;
use crate::model::stats::{Cycle, IndicatorKind, Period};

/// The font named in every chart, so a PDF engine uses the same one as the page.
pub const CHART_FONT: &str = "Noto Sans";
/// The font list a page's chart names: the font, then the phone's own sans-serif when the phone
/// lacks it (an old phone would otherwise draw the labels in its serif default).
const SCREEN_FONTS: &str = "Noto Sans, sans-serif";
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

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Makes plotters' SVG scale with the page and carry its title and description.
fn finish(svg: String, canvas: Canvas, height: u32, title: &str, description: &str) -> String {
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
    let fixed = format!("width=\"{}\" height=\"{height}\"", canvas.width);
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
            draw(&points, canvas)
                .map(|svg| finish(svg, canvas, height(canvas), &title, &description))
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

/// The ward's figure of indicator `i` over the periods up to `period`, as a line; a yearly
/// indicator's (`chu_ky = "nam"`) as one bar per year, a year summed over part of it saying how
/// far (`2026 (đến QIII)`).
pub fn trend(site: &Site, table: &Table, i: usize, period: Period) -> Option<ChartSpec> {
    let stats = &site.stats;
    let indicator = &stats.indicators[i];
    let yearly = indicator.cycle == Cycle::Year && period.level() == 2;
    let points: Vec<Point> = periods_up_to(period)
        .into_iter()
        .filter_map(|p| {
            let key = (i as u16, None, p);
            let shown = crate::derive::stats::cell(stats, table, key)?;
            Some(Point {
                label: crate::derive::stats::period_text(table, key),
                axis: crate::derive::stats::period_axis_text(table, key),
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
    let (description, label_head) = if yearly {
        ("chart_years_description", "chart_year_head")
    } else {
        ("chart_trend_description", "chart_period_head")
    };
    let description = crate::messages::text(description, &args).vi;
    let heads = (
        crate::messages::text(label_head, &[]).vi,
        unit_head(indicator),
    );
    if yearly {
        let bars = points.len();
        return ChartSpec::drawn(
            title,
            description,
            heads,
            points,
            |points, canvas| draw::bars(points, indicator.kind, false, canvas),
            |canvas| canvas.bar_height(bars),
        );
    }
    ChartSpec::drawn(
        title,
        description,
        heads,
        points,
        |points, canvas| draw::line(points, indicator.kind, canvas),
        |_| Canvas::LINE_HEIGHT,
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
        &crate::derive::stats::period_text(table, (i as u16, None, period)),
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

/// Horizontal bars of `points` (figures of `indicator` for `period`, as read, by group or by age
/// band),
/// titled and described by `texts`; the last bar (the ward) in the accent colour when
/// `last_accent`.
pub fn ranked_bars(
    indicator: &crate::model::stats::Indicator,
    period: &str,
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
        ("period", period.to_owned()),
        // The groups compared, the ward's own bar (drawn last, in the accent colour) not counted.
        (
            "count",
            (points.len() - usize::from(last_accent && !points.is_empty())).to_string(),
        ),
        (
            "highest",
            highest.map(|h| h.label.clone()).unwrap_or_default(),
        ),
        (
            "highest_value",
            highest.map(|h| h.text.clone()).unwrap_or_default(),
        ),
        // A value already written with its unit (`88,2%`) is not followed by it again.
        (
            "unit",
            match highest {
                Some(h) if h.text.trim_end().ends_with(indicator.unit.trim()) => String::new(),
                _ if indicator.unit.trim().is_empty() => String::new(),
                _ => format!(" {}", indicator.unit.trim()),
            },
        ),
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
        |points, canvas| draw::bars(points, indicator.kind, last_accent, canvas),
        |canvas| canvas.bar_height(bars),
    )
}

/// Progress against goals: one horizontal bar per goal, as a share of the goal (0-100%), with a
/// dashed line at 100%. `points` carry the share as value and `label: text` as their label.
pub fn progress(title: String, description: String, points: Vec<Point>) -> Option<ChartSpec> {
    if points.iter().all(|p| p.value.is_none()) {
        return None;
    }
    let rows = points.clone();
    ChartSpec::drawn(
        title,
        description,
        (
            crate::messages::text("chart_goal_head", &[]).vi,
            crate::messages::text("chart_progress_head", &[]).vi,
        ),
        points,
        draw::progress,
        |canvas| draw::progress_height(&rows, canvas),
    )
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
