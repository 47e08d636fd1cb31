//! The media step: each photo the site uses decoded once, turned upright (EXIF orientation),
//! resized to the published widths and encoded as WebP and JPEG without any metadata (no GPS
//! position, camera or time: the encoders write none). Runs beside the renderers; the files
//! go through the same [`Sink`] and are kept in `.loa/cache` by the photo's digest, so a
//! rebuild with unchanged photos decodes nothing.
//!
//! Like the loader, this step reads files (the photos named in the [`Site`]); renderers never
//! do. Memory stays bounded: photos are processed on the pool's threads, one decoded photo
//! per thread at a time.

use std::path::Path;

use image::{DynamicImage, ImageDecoder, RgbImage};

use crate::diagnostics::Diagnostic;
use crate::model::Site;
use crate::model::photo::{Encoding, MAX_PUBLISHED_BYTES, Photo, PhotoFormat, Variant};
use crate::render::{Sink, digest};

/// Changes whenever the way files are made changes (so kept files are made again).
const RECIPE: &str = "photo-1: fast_image_resize catmull-rom, webp q76-, jpeg q82-, no metadata";

/// Quality steps tried in turn until a file is under [`MAX_PUBLISHED_BYTES`].
const WEBP_QUALITY: [f32; 6] = [76.0, 68.0, 60.0, 50.0, 40.0, 30.0];
const JPEG_QUALITY: [u8; 6] = [82, 74, 66, 56, 46, 36];

/// What the media step did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct MediaStats {
    /// Photos decoded (not found in the cache).
    pub decoded: usize,
    /// Files written (every size and format of every photo).
    pub files: usize,
    /// Photos left for later (`cached_only`: not in the cache).
    pub pending: usize,
}

/// The cache key of one published file of `photo`.
fn key(photo: &Photo, variant: Variant, encoding: Encoding) -> String {
    digest(&[
        RECIPE.as_bytes(),
        photo.digest.as_bytes(),
        &variant.width.to_le_bytes(),
        &variant.height.to_le_bytes(),
        encoding.extension().as_bytes(),
    ])
}

/// Publishes every photo of `site` into `sink` (`/anh/...`), from the cache when it can. With
/// `cached_only` (`loa serve`), a photo the cache lacks is left for [`publish`] to make in the
/// background (counted as pending): the page is up at once, the photo follows.
pub fn publish(
    site: &Site,
    sink: &dyn Sink,
    cached_only: bool,
) -> Result<MediaStats, Vec<Diagnostic>> {
    use rayon::prelude::*;
    let results: Vec<Result<MediaStats, Diagnostic>> = site
        .photos
        .iter()
        .collect::<Vec<_>>()
        .par_iter()
        .with_max_len(1)
        .map(|photo| publish_one(&site.root, photo, sink, cached_only))
        .collect();
    let mut stats = MediaStats::default();
    let mut errors = Vec::new();
    for result in results {
        match result {
            Ok(s) => {
                stats.decoded += s.decoded;
                stats.files += s.files;
                stats.pending += s.pending;
            }
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(stats)
    } else {
        Err(errors)
    }
}

/// Publishes one photo's files; decodes it only when one of them is not kept (and not
/// `cached_only`).
pub fn publish_one(
    root: &Path,
    photo: &Photo,
    sink: &dyn Sink,
    cached_only: bool,
) -> Result<MediaStats, Diagnostic> {
    let variants = photo.variants();
    let wanted: Vec<(Variant, Encoding)> = variants
        .iter()
        .flat_map(|&v| Encoding::ALL.map(|e| (v, e)))
        .collect();
    let kept: Vec<Option<Vec<u8>>> = wanted
        .iter()
        .map(|&(v, e)| sink.recall(&key(photo, v, e)))
        .collect();
    let put = |variant: Variant, encoding: Encoding, bytes: &[u8]| {
        let url = photo.url(variant.width, encoding);
        sink.put(url.trim_start_matches('/'), bytes).map_err(|e| {
            Diagnostic::error("output_error", None)
                .arg("path", url.clone())
                .arg("reason", e.to_string())
        })
    };
    if kept.iter().all(Option::is_some) {
        for (&(v, e), bytes) in wanted.iter().zip(&kept) {
            put(v, e, bytes.as_deref().unwrap_or_default())?;
        }
        return Ok(MediaStats {
            decoded: 0,
            files: wanted.len(),
            pending: 0,
        });
    }
    if cached_only {
        return Ok(MediaStats {
            pending: 1,
            ..MediaStats::default()
        });
    }
    let upright = decode(root, photo)?;
    // Largest first, each smaller size from the one above it (less work than from the original).
    let mut source = upright;
    for &variant in variants.iter().rev() {
        let sized = if source.width() == variant.width && source.height() == variant.height {
            source.clone()
        } else {
            resize(&source, variant.width, variant.height)
        };
        for encoding in Encoding::ALL {
            let bytes = encode(&sized, encoding).ok_or_else(|| {
                Diagnostic::error("photo_too_heavy", Some(photo.first_use.clone()))
                    .arg("path", crate::diagnostics::display_path(&photo.path))
                    .arg("width", variant.width.to_string())
                    .arg("max", (MAX_PUBLISHED_BYTES / 1024).to_string())
            })?;
            sink.remember(&key(photo, variant, encoding), &bytes);
            put(variant, encoding, &bytes)?;
        }
        source = sized;
    }
    Ok(MediaStats {
        decoded: 1,
        files: wanted.len(),
        pending: 0,
    })
}

/// The photo's pixels, upright, as RGB (transparency laid on white).
pub fn decode(root: &Path, photo: &Photo) -> Result<RgbImage, Diagnostic> {
    let corrupt = |reason: String| {
        Diagnostic::error("photo_corrupt", Some(photo.first_use.clone()))
            .arg("target", crate::diagnostics::display_path(&photo.path))
            .arg("path", crate::diagnostics::display_path(&photo.path))
            .arg("reason", reason)
    };
    let bytes = std::fs::read(root.join(&photo.path)).map_err(|e| {
        Diagnostic::error("photo_missing", Some(photo.first_use.clone()))
            .arg("target", crate::diagnostics::display_path(&photo.path))
            .arg("path", crate::diagnostics::display_path(&photo.path))
            .arg("reason", e.to_string())
    })?;
    // The file changed since it was loaded: its header no longer describes it.
    if crate::load::photos::digest(&bytes) != photo.digest {
        return Err(corrupt(String::new()));
    }
    let format = match photo.format {
        PhotoFormat::Jpeg => image::ImageFormat::Jpeg,
        PhotoFormat::Png => image::ImageFormat::Png,
    };
    let mut decoder = image::ImageReader::with_format(std::io::Cursor::new(&bytes), format)
        .into_decoder()
        .map_err(|e| corrupt(e.to_string()))?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut picture = DynamicImage::from_decoder(decoder).map_err(|e| corrupt(e.to_string()))?;
    drop(bytes);
    picture.apply_orientation(orientation);
    Ok(if picture.color().has_alpha() {
        on_white(&picture)
    } else {
        picture.into_rgb8()
    })
}

/// `picture` resized to `width` x `height` (Catmull-Rom, by `fast_image_resize`: SIMD, about
/// 30 times faster than `image`'s own resize for a 12-megapixel photo).
pub fn resize(picture: &RgbImage, width: u32, height: u32) -> RgbImage {
    use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer, images};
    let resized = images::ImageRef::new(
        picture.width(),
        picture.height(),
        picture.as_raw(),
        PixelType::U8x3,
    )
    .ok()
    .and_then(|source| {
        let mut target = images::Image::new(width, height, PixelType::U8x3);
        let options =
            ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::CatmullRom));
        Resizer::new().resize(&source, &mut target, &options).ok()?;
        RgbImage::from_raw(width, height, target.into_vec())
    });
    // Only a buffer of the wrong size fails, which an RgbImage never has; kept safe anyway.
    resized.unwrap_or_else(|| {
        image::imageops::resize(
            picture,
            width,
            height,
            image::imageops::FilterType::CatmullRom,
        )
    })
}

/// An image with transparency laid on a white page.
fn on_white(picture: &DynamicImage) -> RgbImage {
    let rgba = picture.to_rgba8();
    RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let [r, g, b, a] = rgba.get_pixel(x, y).0;
        let blend =
            |c: u8| ((u16::from(c) * u16::from(a) + 255 * (255 - u16::from(a))) / 255) as u8;
        image::Rgb([blend(r), blend(g), blend(b)])
    })
}

/// `picture` encoded without metadata, at the best quality step under [`MAX_PUBLISHED_BYTES`];
/// `None` when even the lowest step is over it.
pub fn encode(picture: &RgbImage, encoding: Encoding) -> Option<Vec<u8>> {
    match encoding {
        Encoding::Webp => WEBP_QUALITY.iter().find_map(|&q| {
            let bytes =
                webp::Encoder::from_rgb(picture.as_raw(), picture.width(), picture.height())
                    .encode(q)
                    .to_vec();
            (bytes.len() <= MAX_PUBLISHED_BYTES).then_some(bytes)
        }),
        Encoding::Jpeg => JPEG_QUALITY
            .iter()
            .find_map(|&q| jpeg(picture, q).filter(|b| b.len() <= MAX_PUBLISHED_BYTES)),
    }
}

/// A baseline JPEG of `picture` at `quality` (the encoder writes a JFIF header, no EXIF).
pub fn jpeg(picture: &RgbImage, quality: u8) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
        .encode_image(picture)
        .ok()?;
    Some(out)
}

/// The lead photo of a printed product at print resolution: the original, upright, scaled
/// down to `width_px` (the slot's width at 300 dpi: `mm / 25.4 * 300`) if it is wider, as a
/// JPEG of quality 90 without metadata. For the print products' slots (leaflets, posters,
/// share cards); the caller keeps the bytes in its Typst World as an image file.
pub fn print_photo(root: &Path, photo: &Photo, width_px: u32) -> Result<Vec<u8>, Diagnostic> {
    let upright = decode(root, photo)?;
    let sized = if upright.width() > width_px && width_px > 0 {
        let height = ((u64::from(upright.height()) * u64::from(width_px))
            / u64::from(upright.width()))
        .max(1) as u32;
        resize(&upright, width_px, height)
    } else {
        upright
    };
    jpeg(&sized, 90).ok_or_else(|| {
        Diagnostic::error("photo_corrupt", Some(photo.first_use.clone()))
            .arg("target", crate::diagnostics::display_path(&photo.path))
            .arg("path", crate::diagnostics::display_path(&photo.path))
            .arg("reason", String::new())
    })
}

/// Print-resolution JPEGs by photo digest.
pub type PrintPhotos = std::collections::BTreeMap<String, std::sync::Arc<Vec<u8>>>;

/// The width (mm) of the widest print slot for a lead photo: the A5 leaflet's cover (the
/// tri-fold's is 85 mm).
pub const PRINT_SLOT_MM: f64 = 128.0;

/// The lead photos of the printed products (leaflets' covers) at print resolution, by photo
/// digest, from the cache when it can: what `Derived::print_photos` holds for the print
/// renderer. The one function that gives a lead photo's print bytes for a product with a slot
/// for it (the share cards and posters can take theirs from here too).
pub fn prepare_print(site: &Site, sink: &dyn Sink) -> Result<PrintPhotos, Vec<Diagnostic>> {
    use rayon::prelude::*;
    let mut wanted: Vec<&Photo> = printed_leads(site)
        .filter_map(|(source, lead)| {
            crate::render::photos::lead(&site.photos, source, Some(lead)).map(|(photo, _)| photo)
        })
        .collect();
    wanted.sort_by(|a, b| a.digest.cmp(&b.digest));
    wanted.dedup_by(|a, b| a.digest == b.digest);
    let width = print_width(PRINT_SLOT_MM);
    let made: Vec<Result<(&str, Vec<u8>), Diagnostic>> = wanted
        .par_iter()
        .map(|photo| {
            let key = digest(&[
                RECIPE.as_bytes(),
                b"print",
                photo.digest.as_bytes(),
                &width.to_le_bytes(),
            ]);
            let bytes = match sink.recall(&key) {
                Some(bytes) => bytes,
                None => {
                    let bytes = print_photo(&site.root, photo, width)?;
                    sink.remember(&key, &bytes);
                    bytes
                }
            };
            Ok((photo.digest.as_str(), bytes))
        })
        .collect();
    let mut out = PrintPhotos::new();
    let mut errors = Vec::new();
    for result in made {
        match result {
            Ok((digest, bytes)) => {
                out.insert(digest.to_owned(), std::sync::Arc::new(bytes));
            }
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// The lead photos printed products have a slot for, with the content file they belong to:
/// leaflets' covers and the share cards of news items (a product that gets a slot adds its
/// items here).
fn printed_leads(
    site: &Site,
) -> impl Iterator<Item = (&Path, &crate::model::photo::LeadPhoto)> + '_ {
    site.leaflets
        .iter()
        .filter_map(|l| Some((l.source.as_path(), l.lead_photo.as_ref()?)))
        .chain(
            site.news
                .iter()
                .filter_map(|a| Some((a.source.as_path(), a.lead_photo.as_ref()?))),
        )
}

/// The width in pixels of a print slot `mm` wide at 300 dpi.
pub fn print_width(mm: f64) -> u32 {
    (mm / 25.4 * 300.0).round().max(1.0) as u32
}
