//! Photos loa draws itself: scenes of a ward's news (a gift handed over, a health check table, a
//! meeting hall; people seen from behind, no faces), and phone-like files made from them (EXIF
//! orientation and a GPS position, as a phone writes them).

use image::{Rgb, RgbImage};

/// A small deterministic noise (sensor grain), so the scenes compress like photos.
fn grain(x: u32, y: u32, seed: u32) -> i32 {
    let mut h = x.wrapping_mul(374_761_393) ^ y.wrapping_mul(668_265_263) ^ seed;
    h = (h ^ (h >> 13)).wrapping_mul(1_274_126_177);
    ((h >> 24) % 9) as i32 - 4
}

fn shade(c: [u8; 3], amount: f32) -> [u8; 3] {
    c.map(|v| (f32::from(v) * amount).clamp(0.0, 255.0) as u8)
}

struct Canvas {
    img: RgbImage,
}

impl Canvas {
    fn new(w: u32, h: u32) -> Canvas {
        Canvas {
            img: RgbImage::new(w, h),
        }
    }
    fn w(&self) -> f32 {
        self.img.width() as f32
    }
    fn h(&self) -> f32 {
        self.img.height() as f32
    }
    /// Vertical gradient over a rectangle given in fractions of the picture.
    fn gradient(&mut self, x0: f32, y0: f32, x1: f32, y1: f32, top: [u8; 3], bottom: [u8; 3]) {
        let (w, h) = (self.w(), self.h());
        let (px0, py0, px1, py1) = (
            (x0 * w) as u32,
            (y0 * h) as u32,
            ((x1 * w) as u32).min(self.img.width()),
            ((y1 * h) as u32).min(self.img.height()),
        );
        for y in py0..py1 {
            let t = (y - py0) as f32 / (py1 - py0).max(1) as f32;
            let c: [u8; 3] = std::array::from_fn(|i| {
                (f32::from(top[i]) * (1.0 - t) + f32::from(bottom[i]) * t) as u8
            });
            for x in px0..px1 {
                self.img.put_pixel(x, y, Rgb(c));
            }
        }
    }
    fn rect(&mut self, x0: f32, y0: f32, x1: f32, y1: f32, c: [u8; 3]) {
        self.gradient(x0, y0, x1, y1, c, shade(c, 0.85));
    }
    /// Filled ellipse, centre and radii in fractions of the width (both axes, so circles stay round).
    fn ellipse(&mut self, cx: f32, cy: f32, rx: f32, ry: f32, c: [u8; 3]) {
        let w = self.w();
        let (cx, cy, rx, ry) = (cx * w, cy * self.h(), rx * w, ry * w);
        let y0 = (cy - ry).max(0.0) as u32;
        let y1 = ((cy + ry) as u32).min(self.img.height());
        let x0 = (cx - rx).max(0.0) as u32;
        let x1 = ((cx + rx) as u32).min(self.img.width());
        for y in y0..y1 {
            for x in x0..x1 {
                let dx = (x as f32 - cx) / rx;
                let dy = (y as f32 - cy) / ry;
                let d = dx * dx + dy * dy;
                if d <= 1.0 {
                    // Rounded light from the upper left.
                    let light = 1.08 - 0.25 * (dx + dy + 1.0).max(0.0) * 0.5;
                    self.img.put_pixel(x, y, Rgb(shade(c, light)));
                }
            }
        }
    }
    /// A five-pointed star (the flag's), centre and radius in fractions of the width.
    fn star(&mut self, cx: f32, cy: f32, r: f32, c: [u8; 3]) {
        let w = self.w();
        let (cx, cy, r) = (cx * w, cy * self.h(), r * w);
        let points: Vec<(f32, f32)> = (0..10)
            .map(|i| {
                let radius = if i % 2 == 0 { r } else { r * 0.382 };
                let angle = -std::f32::consts::FRAC_PI_2 + i as f32 * std::f32::consts::PI / 5.0;
                (cx + radius * angle.cos(), cy + radius * angle.sin())
            })
            .collect();
        for y in (cy - r) as u32..(cy + r) as u32 {
            for x in (cx - r) as u32..(cx + r) as u32 {
                let (px, py) = (x as f32 + 0.5, y as f32 + 0.5);
                let mut inside = false;
                let mut j = points.len() - 1;
                for i in 0..points.len() {
                    let (xi, yi) = points[i];
                    let (xj, yj) = points[j];
                    if (yi > py) != (yj > py) && px < (xj - xi) * (py - yi) / (yj - yi) + xi {
                        inside = !inside;
                    }
                    j = i;
                }
                if inside && x < self.img.width() && y < self.img.height() {
                    self.img.put_pixel(x, y, Rgb(c));
                }
            }
        }
    }
    /// A person seen from behind: shirt, shoulders, dark hair.
    fn person(&mut self, cx: f32, top: f32, size: f32, shirt: [u8; 3], hair: [u8; 3]) {
        let aspect = self.w() / self.h();
        self.ellipse(
            cx,
            top + size * 2.6 * aspect,
            size * 1.25,
            size * 1.6,
            shirt,
        );
        self.rect(
            cx - size * 1.05,
            top + size * 2.6 * aspect,
            cx + size * 1.05,
            (top + size * 6.0 * aspect).min(1.0),
            shirt,
        );
        self.ellipse(
            cx,
            top + size * 1.1 * aspect,
            size * 0.62,
            size * 0.75,
            hair,
        );
    }
    /// A wrapped gift: box, ribbon, bow.
    fn gift(&mut self, x0: f32, y0: f32, x1: f32, y1: f32, paper: [u8; 3], ribbon: [u8; 3]) {
        self.rect(x0, y0, x1, y1, paper);
        let mid = (x0 + x1) / 2.0;
        self.rect(mid - 0.004, y0, mid + 0.004, y1, ribbon);
        let midy = (y0 + y1) / 2.0;
        self.rect(x0, midy - 0.006, x1, midy + 0.006, ribbon);
        self.ellipse(mid - 0.01, y0, 0.012, 0.008, ribbon);
        self.ellipse(mid + 0.01, y0, 0.012, 0.008, ribbon);
    }
    /// Soft light and grain over everything, as a phone camera gives.
    fn finish(mut self, seed: u32) -> RgbImage {
        let (w, h) = (self.w(), self.h());
        for (x, y, p) in self.img.enumerate_pixels_mut() {
            let dx = x as f32 / w - 0.5;
            let dy = y as f32 / h - 0.45;
            let vignette = 1.0 - 0.35 * (dx * dx + dy * dy);
            let g = grain(x, y, seed);
            p.0 =
                p.0.map(|v| ((f32::from(v) * vignette) as i32 + g).clamp(0, 255) as u8);
        }
        self.img
    }
}

const RED: [u8; 3] = [196, 30, 36];
const YELLOW: [u8; 3] = [250, 214, 50];
const WALL: [u8; 3] = [236, 226, 204];
const HAIR: [u8; 3] = [34, 28, 26];

/// Ward staff hand gifts to a family: a red banner, a table of wrapped gifts, people from behind.
pub fn gift_handover(w: u32, h: u32) -> RgbImage {
    let mut c = Canvas::new(w, h);
    c.gradient(0.0, 0.0, 1.0, 0.62, WALL, shade(WALL, 0.9));
    c.gradient(0.0, 0.62, 1.0, 1.0, [170, 120, 80], [120, 80, 50]);
    c.rect(0.12, 0.06, 0.88, 0.22, RED);
    c.rect(0.14, 0.125, 0.86, 0.14, YELLOW);
    c.star(0.2, 0.14, 0.035, YELLOW);
    c.rect(0.05, 0.52, 0.95, 0.72, [180, 24, 30]);
    for (i, x) in [0.1, 0.22, 0.34, 0.62, 0.74, 0.84].iter().enumerate() {
        let paper = if i % 2 == 0 { RED } else { [220, 60, 50] };
        c.gift(*x, 0.4, x + 0.09, 0.53, paper, YELLOW);
    }
    c.person(0.46, 0.34, 0.045, [245, 245, 240], HAIR);
    c.person(0.58, 0.36, 0.05, [70, 90, 140], [90, 90, 90]);
    c.person(0.2, 0.58, 0.06, [60, 110, 70], HAIR);
    c.person(0.8, 0.6, 0.06, [230, 230, 235], HAIR);
    c.finish(7)
}

/// A health check for older people: a white table, a blood pressure monitor, forms, blue chairs.
pub fn health_check(w: u32, h: u32) -> RgbImage {
    let mut c = Canvas::new(w, h);
    c.gradient(0.0, 0.0, 1.0, 0.58, [214, 232, 240], [190, 212, 224]);
    c.gradient(0.0, 0.58, 1.0, 1.0, [200, 200, 196], [150, 150, 146]);
    c.rect(0.3, 0.08, 0.7, 0.2, [30, 110, 170]);
    c.rect(0.32, 0.13, 0.68, 0.15, [240, 240, 240]);
    c.rect(0.08, 0.5, 0.92, 0.66, [250, 250, 250]);
    c.rect(0.2, 0.4, 0.32, 0.5, [120, 124, 130]);
    c.rect(0.22, 0.42, 0.3, 0.46, [170, 220, 190]);
    c.ellipse(0.38, 0.49, 0.04, 0.012, [40, 40, 44]);
    for i in 0..4 {
        let x = 0.5 + i as f32 * 0.09;
        c.rect(x, 0.45, x + 0.07, 0.5, [255, 255, 255]);
        c.rect(x + 0.01, 0.465, x + 0.06, 0.468, [150, 150, 150]);
        c.rect(x + 0.01, 0.48, x + 0.05, 0.483, [150, 150, 150]);
    }
    for x in [0.15, 0.4, 0.65, 0.85] {
        c.rect(x - 0.06, 0.78, x + 0.06, 0.95, [40, 90, 170]);
    }
    c.person(0.6, 0.3, 0.045, [250, 250, 250], HAIR);
    c.person(0.35, 0.5, 0.065, [150, 90, 120], [200, 200, 200]);
    c.person(0.72, 0.55, 0.06, [90, 120, 90], [210, 210, 210]);
    c.finish(11)
}

/// A meeting hall: a red stage backdrop with the star, a long table, rows of people from behind.
pub fn meeting_hall(w: u32, h: u32) -> RgbImage {
    let mut c = Canvas::new(w, h);
    c.gradient(0.0, 0.0, 1.0, 0.5, [120, 20, 24], [170, 28, 34]);
    c.gradient(0.0, 0.5, 1.0, 1.0, [150, 110, 80], [90, 60, 40]);
    c.star(0.5, 0.15, 0.06, YELLOW);
    c.rect(0.2, 0.28, 0.8, 0.34, [245, 232, 200]);
    c.rect(0.15, 0.42, 0.85, 0.52, [240, 240, 236]);
    c.rect(0.15, 0.5, 0.85, 0.53, [30, 90, 60]);
    for x in [0.25, 0.4, 0.55, 0.7] {
        c.person(x, 0.3, 0.025, [250, 250, 250], HAIR);
    }
    for (row, y) in [0.55f32, 0.68, 0.82].iter().enumerate() {
        let size = 0.035 + row as f32 * 0.01;
        let count = 7 - row;
        for i in 0..count {
            let x = 0.08 + (i as f32 + 0.5) * (0.84 / count as f32);
            let shirt = match (i + row) % 3 {
                0 => [235, 235, 230],
                1 => [60, 80, 120],
                _ => [110, 140, 100],
            };
            c.person(x, *y, size, shirt, HAIR);
        }
    }
    c.finish(23)
}

/// An EXIF block (TIFF, big-endian) as a phone writes it: the orientation, and a GPS position
/// (latitude, longitude) with its time.
pub fn phone_exif(orientation: u16) -> Vec<u8> {
    let mut t: Vec<u8> = Vec::new();
    t.extend_from_slice(b"MM\0\x2a\0\0\0\x08");
    // IFD0: Make, Orientation, GPS pointer.
    let ifd0_entries = 3u16;
    let ifd0_size = 2 + 12 * ifd0_entries as usize + 4;
    let make_at = 8 + ifd0_size;
    let make = b"PhoneMaker\0\0";
    let gps_at = make_at + make.len();
    let entry = |t: &mut Vec<u8>, tag: u16, kind: u16, count: u32, value: u32| {
        t.extend_from_slice(&tag.to_be_bytes());
        t.extend_from_slice(&kind.to_be_bytes());
        t.extend_from_slice(&count.to_be_bytes());
        t.extend_from_slice(&value.to_be_bytes());
    };
    t.extend_from_slice(&ifd0_entries.to_be_bytes());
    entry(&mut t, 0x010F, 2, make.len() as u32, make_at as u32);
    entry(&mut t, 0x0112, 3, 1, u32::from(orientation) << 16);
    entry(&mut t, 0x8825, 4, 1, gps_at as u32);
    t.extend_from_slice(&0u32.to_be_bytes());
    t.extend_from_slice(make);
    // GPS IFD: N, latitude 20° 51' 30", E, longitude 106° 41' 12".
    let gps_entries = 4u16;
    let rationals_at = gps_at + 2 + 12 * gps_entries as usize + 4;
    t.extend_from_slice(&gps_entries.to_be_bytes());
    entry(&mut t, 0x0001, 2, 2, u32::from_be_bytes(*b"N\0\0\0"));
    entry(&mut t, 0x0002, 5, 3, rationals_at as u32);
    entry(&mut t, 0x0003, 2, 2, u32::from_be_bytes(*b"E\0\0\0"));
    entry(&mut t, 0x0004, 5, 3, (rationals_at + 24) as u32);
    t.extend_from_slice(&0u32.to_be_bytes());
    for value in [20u32, 51, 30, 106, 41, 12] {
        t.extend_from_slice(&value.to_be_bytes());
        t.extend_from_slice(&1u32.to_be_bytes());
    }
    t
}

/// A JPEG as a phone writes it: the pixels stored sideways with EXIF orientation 6 (turn a
/// quarter clockwise to show), a GPS position and the camera's make.
pub fn phone_jpeg(upright: &RgbImage, quality: u8) -> Vec<u8> {
    use image::ImageEncoder;
    // Stored turned a quarter anticlockwise; orientation 6 turns it back.
    let stored = image::imageops::rotate270(upright);
    let mut out = Vec::new();
    let mut encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality);
    encoder
        .set_exif_metadata(phone_exif(6))
        .expect("the JPEG encoder writes EXIF");
    encoder
        .write_image(
            stored.as_raw(),
            stored.width(),
            stored.height(),
            image::ExtendedColorType::Rgb8,
        )
        .unwrap();
    out
}

/// A JPEG as a phone writes it when held upright: EXIF orientation 1, GPS position, make.
pub fn phone_jpeg_upright(picture: &RgbImage, quality: u8) -> Vec<u8> {
    use image::ImageEncoder;
    let mut out = Vec::new();
    let mut encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality);
    encoder
        .set_exif_metadata(phone_exif(1))
        .expect("the JPEG encoder writes EXIF");
    encoder
        .write_image(
            picture.as_raw(),
            picture.width(),
            picture.height(),
            image::ExtendedColorType::Rgb8,
        )
        .unwrap();
    out
}

/// A plain JPEG (no metadata).
pub fn jpeg(picture: &RgbImage, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
        .encode_image(picture)
        .unwrap();
    out
}

/// A PNG.
pub fn png(picture: &RgbImage) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    picture.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

/// The first bytes of an iPhone HEIC file (an ISO box `ftyp` of brand `heic`).
pub fn heic_header() -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(&24u32.to_be_bytes());
    out.extend_from_slice(b"ftypheic\0\0\0\0mif1heic");
    out.extend_from_slice(&[0u8; 64]);
    out
}

/// Whether JPEG or WebP bytes carry any EXIF block or GPS tag: a JPEG APP1 `Exif` segment, a
/// WebP `EXIF` chunk, or the bytes of the GPS IFD's latitude reference.
pub fn carries_exif(bytes: &[u8]) -> bool {
    let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    has(b"Exif\0\0") || has(b"EXIF") || has(b"PhoneMaker") || has(&[0x88, 0x25, 0, 4])
}
