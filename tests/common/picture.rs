//! Print products laid out with the build's engine and rendered to pixels (`typst-render`): what
//! a print shop or a reader would see, measured (ink, filled rows) or compared with reviewed
//! pictures in `tests/golden/`. Included by the print test files with `#[path]`, so that only
//! they link the renderer.

#![allow(dead_code)]

use std::path::Path;

use crate::common::{example_root, test_date};

/// A rendered page: width, height and premultiplied RGBA pixels.
pub struct Picture {
    pub width: u32,
    pub height: u32,
    pub data: Vec<u8>,
}

impl Picture {
    /// The pixel at (x, y) composited over white paper.
    fn rgb(&self, x: usize, y: usize) -> [u32; 3] {
        let p = &self.data[(y * self.width as usize + x) * 4..][..4];
        let paper = 255 - u32::from(p[3]);
        [0, 1, 2].map(|i| (u32::from(p[i]) + paper).min(255))
    }

    /// Whether the pixel at (x, y) carries ink: darker than mid-grey, or clearly coloured (a
    /// colour band, a coloured heading; a pale tint does not count).
    pub fn inked(&self, x: usize, y: usize) -> bool {
        let [r, g, b] = self.rgb(x, y);
        let grey = (r + g + b) / 3;
        let chroma = r.max(g).max(b) - r.min(g).min(b);
        grey < 128 || chroma > 96
    }

    /// Share of dark pixels in the rectangle given as fractions of the page.
    pub fn ink(&self, x0: f64, x1: f64, y0: f64, y1: f64) -> f64 {
        let (w, h) = (f64::from(self.width), f64::from(self.height));
        let (mut dark, mut all) = (0usize, 0usize);
        for y in (y0 * h) as usize..(y1 * h) as usize {
            for x in (x0 * w) as usize..(x1 * w) as usize {
                let [r, g, b] = self.rgb(x, y);
                all += 1;
                if (r + g + b) / 3 < 128 {
                    dark += 1;
                }
            }
        }
        dark as f64 / all.max(1) as f64
    }

    /// Share of the pixel rows of the column between fractions x0 and x1 of the page width that
    /// have ink (see [`Picture::inked`]) anywhere in that column: how much of a panel's height is
    /// used rather than left as an empty band.
    pub fn filled_rows(&self, x0: f64, x1: f64) -> f64 {
        let w = f64::from(self.width);
        let (a, b) = (
            (x0 * w) as usize,
            ((x1 * w) as usize).min(self.width as usize),
        );
        let h = self.height as usize;
        let rows = (0..h).filter(|&y| (a..b).any(|x| self.inked(x, y))).count();
        rows as f64 / h.max(1) as f64
    }

    /// Greyscale over white.
    pub fn greyscale(&self) -> Vec<u8> {
        self.data
            .chunks(4)
            .map(|p| {
                let grey = (u32::from(p[0]) + u32::from(p[1]) + u32::from(p[2])) / 3;
                (grey + 255 - u32::from(p[3])).min(255) as u8
            })
            .collect()
    }
}

/// A product laid out with the engine the build uses.
pub fn typeset(
    site: &loa::model::Site,
    template: &str,
    json: &serde_json::Value,
    qr: Option<String>,
) -> typst_layout::PagedDocument {
    use loa::render::print::engine;
    let engine = engine::Engine::for_site(site);
    let job = engine::Job {
        template,
        data: json,
        qr_svg: qr,
        product: template.to_owned(),
        origin: loa::diagnostics::Location::file("site.toml"),
        ident: template.to_owned(),
        date: test_date(),
        archival: false,
        photo: None,
    };
    engine.typeset(&job).unwrap_or_else(|e| panic!("{e:?}"))
}

/// Each page of a laid-out product rendered at `scale` pixels per point.
pub fn render(document: &typst_layout::PagedDocument, scale: f64) -> Vec<Picture> {
    let options = typst_render::RenderOptions {
        pixel_per_pt: scale.into(),
        ..typst_render::RenderOptions::default()
    };
    document
        .pages()
        .iter()
        .map(|page| {
            let pixmap = typst_render::render(page, &options);
            Picture {
                width: pixmap.width(),
                height: pixmap.height(),
                data: pixmap.data().to_vec(),
            }
        })
        .collect()
}

/// Lays a product out with the engine the build uses and renders each page at `scale` pixels
/// per point.
pub fn pictures(
    site: &loa::model::Site,
    template: &str,
    json: &serde_json::Value,
    qr: Option<String>,
    scale: f64,
) -> Vec<Picture> {
    render(&typeset(site, template, json, qr), scale)
}

/// A piece of text as laid out: baseline height and left edge (points from the page's top
/// left), size (points), whether its face is bold (semibold or heavier), and the text.
pub struct Piece {
    pub y: f64,
    pub x: f64,
    pub size: f64,
    pub bold: bool,
    pub text: String,
}

/// The pieces of text of page `page`, top to bottom, left to right.
pub fn text_pieces(document: &typst_layout::PagedDocument, page: usize) -> Vec<Piece> {
    use typst::layout::{Frame, FrameItem, Point};
    fn walk(frame: &Frame, at: Point, out: &mut Vec<Piece>) {
        for (pos, item) in frame.items() {
            let p = at + *pos;
            match item {
                FrameItem::Group(group) => {
                    let shift = Point::new(group.transform.tx, group.transform.ty);
                    walk(&group.frame, p + shift, out);
                }
                FrameItem::Text(text) => out.push(Piece {
                    y: p.y.to_pt(),
                    x: p.x.to_pt(),
                    size: text.size.to_pt(),
                    bold: text.font.info().variant.weight.to_number() >= 600,
                    text: text.text.to_string(),
                }),
                _ => {}
            }
        }
    }
    let mut pieces = Vec::new();
    walk(&document.pages()[page].frame, Point::zero(), &mut pieces);
    pieces.sort_by(|a, b| {
        (a.y.round() as i64, a.x)
            .partial_cmp(&(b.y.round() as i64, b.x))
            .unwrap()
    });
    pieces
}

/// The text of page `page` as lines: pieces whose baselines are within a point of each other,
/// left to right, joined by spaces.
pub fn text_lines(document: &typst_layout::PagedDocument, page: usize) -> Vec<String> {
    let mut lines: Vec<(i64, String)> = Vec::new();
    for piece in text_pieces(document, page) {
        let y = piece.y.round() as i64;
        match lines.last_mut() {
            Some((last, line)) if (*last - y).abs() <= 1 => {
                line.push(' ');
                line.push_str(&piece.text);
            }
            _ => lines.push((y, piece.text)),
        }
    }
    lines.into_iter().map(|(_, line)| line).collect()
}

/// Writes a greyscale PNG.
pub fn write_png(path: &Path, width: u32, height: u32, grey: &[u8]) {
    let file = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let mut encoder = png::Encoder::new(file, width, height);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().unwrap();
    writer.write_image_data(grey).unwrap();
}

/// Reads a greyscale PNG: width, height, pixels.
pub fn read_png(path: &Path) -> (u32, u32, Vec<u8>) {
    let file = std::io::BufReader::new(
        std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
    );
    let mut reader = png::Decoder::new(file).read_info().unwrap();
    let mut buffer = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buffer).unwrap();
    assert_eq!(info.color_type, png::ColorType::Grayscale);
    buffer.truncate(info.buffer_size());
    (info.width, info.height, buffer)
}

/// Compares `page` with the reviewed picture `tests/golden/<name>.png`, in 6 x 6 pixel cells: a
/// cell differs when its mean grey moved by more than 24 levels, and the page differs when more
/// than 0.5% of its cells do. Anti-aliasing or a rasteriser update moves a few levels; a line,
/// rule, band or paragraph moved or restyled changes hundreds of cells. With `LOA_UPDATE_GOLDEN`
/// set, the picture is rewritten instead (look at it before committing it).
pub fn assert_like_golden(name: &str, page: &Picture) {
    let grey = page.greyscale();
    let golden = example_root()
        .join("tests/golden")
        .join(format!("{name}.png"));
    if std::env::var_os("LOA_UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(golden.parent().unwrap()).unwrap();
        write_png(&golden, page.width, page.height, &grey);
    }
    let (width, height, expected) = read_png(&golden);
    assert_eq!(
        (page.width, page.height),
        (width, height),
        "{name}: page size changed"
    );
    let differing = differing_cells(width as usize, height as usize, &grey, &expected);
    let cells = (width as usize).div_ceil(CELL) * (height as usize).div_ceil(CELL);
    if differing * 200 > cells {
        let actual = std::env::temp_dir().join(format!("loa-{name}.png"));
        write_png(&actual, page.width, page.height, &grey);
        panic!(
            "{differing} of {cells} cells differ from tests/golden/{name}.png; this build's page is {} \
             (after a reviewed change: LOA_UPDATE_GOLDEN=1 cargo test --release --test golden)",
            actual.display()
        );
    }
}

/// Side of the cells compared, in pixels.
const CELL: usize = 6;

/// Cells of `a` and `b` (w x h greyscale) whose mean grey differs by more than 24 levels.
pub fn differing_cells(w: usize, h: usize, a: &[u8], b: &[u8]) -> usize {
    let mean = |image: &[u8], cx: usize, cy: usize| {
        let mut sum = 0u32;
        let mut n = 0u32;
        for y in cy * CELL..((cy + 1) * CELL).min(h) {
            for x in cx * CELL..((cx + 1) * CELL).min(w) {
                sum += u32::from(image[y * w + x]);
                n += 1;
            }
        }
        i64::from(sum / n.max(1))
    };
    let mut differing = 0;
    for cy in 0..h.div_ceil(CELL) {
        for cx in 0..w.div_ceil(CELL) {
            if (mean(a, cx, cy) - mean(b, cx, cy)).abs() > 24 {
                differing += 1;
            }
        }
    }
    differing
}
