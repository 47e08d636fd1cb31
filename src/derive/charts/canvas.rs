//! The canvas a chart is drawn on (its width and text size: a narrow one for phones, the A4 text
//! width for print), its colours and fonts, and how axis labels are spaced, thinned and wrapped.

use plotters::prelude::*;

use crate::model::stats::IndicatorKind;

/// plotters divides font sizes by this.
const FONT_QUIRK: f64 = 1.24;

/// Bars and lines: dark blue (Okabe-Ito "blue" darkened): contrast 8:1 on white.
pub const INK: RGBColor = RGBColor(0x0b, 0x3c, 0x73);
/// The ward total / second series: dark orange (Okabe-Ito vermillion darkened).
pub const ACCENT: RGBColor = RGBColor(0xa6, 0x3d, 0x00);
pub const GRID: RGBColor = RGBColor(0xd0, 0xd0, 0xd0);
pub const TEXT: RGBColor = RGBColor(0x1a, 0x1a, 0x1a);

/// The width of a chart (SVG units) and the size of its text; label areas, margins and bar rows
/// grow with the text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Canvas {
    /// Width in SVG units.
    pub width: u32,
    /// Text size in SVG units.
    pub text: f64,
    /// A phone's canvas: labels of progress bars go on their own lines above the bars, and a
    /// time axis labels only as many points as fit (print keeps every label beside its bar).
    pub narrow: bool,
}

impl Canvas {
    /// On a web page the chart fills the column of a 360 px phone (328 CSS px inside the page's
    /// margins): 400 units with 15-unit text draw the text at 12.3 CSS px there. On a wide
    /// screen the stylesheet keeps the chart under 30rem, where the text stays near body size.
    pub const SCREEN: Canvas = Canvas {
        width: 400,
        text: 15.0,
        narrow: true,
    };
    /// In a report the chart is the text width of an A4 page (about 165 mm for 720 units), so
    /// 18 units print at about 11.7 pt.
    pub const PRINT: Canvas = Canvas {
        width: 720,
        text: 18.0,
        narrow: false,
    };
    /// Height of a line chart.
    pub const LINE_HEIGHT: u32 = 360;

    /// A length drawn at 14 units of text, scaled to this canvas.
    pub fn scaled(self, length: u32) -> u32 {
        (f64::from(length) * self.text / 14.0).round() as u32
    }

    pub fn font(self) -> TextStyle<'static> {
        font(self.text)
    }

    /// Height of a bar chart with `n` bars.
    pub fn bar_height(self, n: usize) -> u32 {
        (n as u32) * self.scaled(28) + self.scaled(70)
    }

    /// A generous width of `text` in this canvas's font (Vietnamese letters with marks are
    /// about 0.6 of the text size wide on average in Noto Sans).
    pub fn text_width(self, text: &str) -> f64 {
        text.chars().count() as f64 * self.text * 0.6
    }

    /// How many characters of label fit on one line across `width` units.
    pub fn chars_across(self, width: f64) -> usize {
        ((width / (self.text * 0.6)).floor() as usize).max(8)
    }
}

/// A text style of `size` SVG units in the chart font.
pub fn font(size: f64) -> TextStyle<'static> {
    TextStyle::from((super::CHART_FONT, size * FONT_QUIRK).into_font()).color(&TEXT)
}

/// Axis numbers in Vietnamese (`1.000`, `96,5`).
pub fn axis_number(kind: IndicatorKind, value: f64) -> String {
    match kind {
        IndicatorKind::Ratio => crate::locale::format::decimal(value, 1, false),
        _ => crate::locale::format::decimal(value, 1, false),
    }
}

/// The y range of values: 0-100 for a ratio, else 0 to 15% above the highest.
pub fn y_range(kind: IndicatorKind, values: &[f64]) -> (f64, f64) {
    let max = values.iter().copied().fold(0.0_f64, f64::max);
    if kind == IndicatorKind::Ratio {
        return (0.0, 100.0);
    }
    let top = if max <= 0.0 { 1.0 } else { max * 1.15 };
    (0.0, top)
}

/// The label of a bar chart's row at axis position `y`: rows sit on whole numbers, and the ticks
/// plotters places between them get no label.
pub fn row_label(labels: &[String], y: f64) -> String {
    let i = y.round();
    if (y - i).abs() > 0.01 || i < 0.0 {
        return String::new();
    }
    labels.get(i as usize).cloned().unwrap_or_default()
}

/// Every how many points a time axis can be labelled without labels overlapping: `labels` share
/// `width` units evenly. The last point is always labelled (counted back from it).
pub fn label_step(labels: &[String], width: f64, canvas: Canvas) -> usize {
    let n = labels.len().max(1);
    let widest = labels
        .iter()
        .map(|l| canvas.text_width(l))
        .fold(0.0_f64, f64::max)
        + canvas.text;
    let per_point = width / n as f64;
    ((widest / per_point).ceil() as usize).clamp(1, n)
}

/// `text` broken at spaces into lines of at most `width` characters (a longer word stays whole).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_wrap_at_spaces() {
        assert_eq!(
            wrap("Tỷ lệ chi trả trợ cấp không dùng tiền mặt", 20),
            ["Tỷ lệ chi trả trợ", "cấp không dùng tiền", "mặt"]
        );
        assert_eq!(wrap("ngắn", 20), ["ngắn"]);
    }

    #[test]
    fn time_labels_thin_out_on_a_narrow_canvas() {
        let quarters: Vec<String> = (0..8).map(|i| format!("QIII/2{i}")).collect();
        assert!(label_step(&quarters, 270.0, Canvas::SCREEN) >= 2);
        assert_eq!(label_step(&quarters[..3], 270.0, Canvas::SCREEN), 1);
    }
}
