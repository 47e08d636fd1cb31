//! The typesetting engine: Typst as a library, with a minimal in-memory [`World`]. The theme's
//! Typst sources (`themes/<name>/print/*.typ`) are the only source files; the data of one product
//! comes as a virtual JSON file (`/du-lieu.json`) and, for leaflets, a QR code as `/qr.svg`.
//! Fonts are the ones embedded in Typst (Libertinus Serif among them) plus the faces of the family
//! the site names, read by the load stage (`Site::fonts`): no file or network access here. The
//! family reaches the templates as `sys.inputs.phong-chu`.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Dict, IntoValue, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::diagnostics::{Diagnostic, Location};
use crate::model::{Site, ThemeFiles};

/// The virtual path of a product's data.
pub const DATA_PATH: &str = "/du-lieu.json";
/// The virtual path of a product's QR code.
pub const QR_PATH: &str = "/qr.svg";
/// Where a product's lead photo is in its world (print resolution, JPEG).
pub const PHOTO_PATH: &str = "/anh-in.jpg";

/// What a template panics with when a fixed panel overflows (`LOA_TRAN_KHUNG: <panel name>`).
pub const OVERFLOW_TOKEN: &str = "LOA_TRAN_KHUNG";

/// The family used for all print products unless the site names another (Times-like, covers
/// the 134 Vietnamese letters).
pub const FONT_FAMILY: &str = crate::model::fonts::DEFAULT_FAMILY;

/// The name under which templates receive the family (`sys.inputs.at("phong-chu")`).
pub const FONT_INPUT: &str = "phong-chu";

/// Fonts, the standard library and the theme's Typst sources, shared by every compilation.
pub struct Engine {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    /// Theme sources by virtual path (`/van-ban.typ`).
    sources: BTreeMap<String, (Source, PathBuf)>,
    /// The print family.
    family: String,
    /// Source texts by file (content files and site.toml), to name the line of a character.
    texts: BTreeMap<PathBuf, Arc<str>>,
    /// The first character the templates print that the family lacks, where, and the face.
    template_gap: Option<(char, Location, String)>,
    /// Files of the site every product may use, by virtual path (`/logo.png`).
    assets: BTreeMap<String, Bytes>,
}

/// One product to typeset.
pub struct Job<'a> {
    /// Template file name under print/ (`van-ban.typ`).
    pub template: &'a str,
    /// The data, as JSON.
    pub data: &'a serde_json::Value,
    /// A QR code (SVG), when the product has one.
    pub qr_svg: Option<String>,
    /// What the product is, for messages (`in/van-ban/x.pdf`).
    pub product: String,
    /// Where its content comes from (located errors for glyphs and data).
    pub origin: Location,
    /// Stable identifier of the PDF (its output path).
    pub ident: String,
    /// The document date (from the content, never the clock).
    pub date: NaiveDate,
    /// PDF/A-2b (archival) for the documents the ward issued.
    pub archival: bool,
    /// The lead photo at print resolution (JPEG), at [`PHOTO_PATH`], when the product has one.
    pub photo: Option<Bytes>,
}

/// What compiling a product gave.
pub struct Output {
    /// The PDF bytes.
    pub pdf: Vec<u8>,
    /// Number of pages.
    pub pages: usize,
}

fn file_id(path: &str) -> Option<FileId> {
    let vpath = VirtualPath::new(path).ok()?;
    Some(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

impl Engine {
    /// Prepares fonts and parses the theme's print sources.
    pub fn new(theme: &ThemeFiles) -> Engine {
        let fonts: Vec<Font> = typst_kit::fonts::embedded().map(|(font, _)| font).collect();
        let book = FontBook::from_fonts(fonts.iter());
        let mut sources = BTreeMap::new();
        for (name, shown, text) in &theme.print {
            let path = format!("/{name}");
            if let Some(id) = file_id(&path) {
                sources.insert(path, (Source::new(id, text.clone()), shown.clone()));
            }
        }
        let mut engine = Engine {
            library: LazyHash::new(Library::builder().build()),
            book: LazyHash::new(book),
            fonts,
            sources,
            family: FONT_FAMILY.to_owned(),
            texts: BTreeMap::new(),
            template_gap: None,
            assets: BTreeMap::new(),
        };
        engine.set_family(FONT_FAMILY.to_owned());
        engine
    }

    /// The engine of a site: its theme, its print font (found at load), its source texts and
    /// its logo (`/logo.<ext>` for the templates).
    pub fn for_site(site: &Site) -> Engine {
        let mut engine = Engine::new(&site.theme);
        if let Some(logo) = &site.config.logo {
            engine
                .assets
                .insert(logo.virtual_path(), Bytes::new(logo.bytes.to_vec()));
        }
        let before = engine.fonts.len();
        for face in &site.fonts.faces {
            if let Some(font) = Font::new(Bytes::new(face.data.clone()), face.index) {
                engine.fonts.push(font);
            }
        }
        if engine.fonts.len() > before {
            engine.book = LazyHash::new(FontBook::from_fonts(engine.fonts.iter()));
        }
        engine.set_family(site.fonts.family.clone());
        engine
            .texts
            .insert(PathBuf::from("site.toml"), site.config.source_text.clone());
        for plan in &site.plans {
            engine
                .texts
                .insert(plan.source.clone(), plan.source_text.clone());
        }
        for article in &site.news {
            if let Some(text) = &article.source_text {
                engine.texts.insert(article.source.clone(), text.clone());
            }
        }
        for leaflet in &site.leaflets {
            engine
                .texts
                .insert(leaflet.source.clone(), leaflet.source_text.clone());
        }
        engine
    }

    /// Sets the print family: the templates' input, and the check of what they print themselves.
    fn set_family(&mut self, family: String) {
        let mut inputs = Dict::new();
        inputs.insert(FONT_INPUT.into(), family.as_str().into_value());
        self.library = LazyHash::new(Library::builder().with_inputs(inputs).build());
        self.family = family;
        self.template_gap = self.sources.values().find_map(|(source, shown)| {
            let (c, offset) =
                printed_text(source.root())
                    .into_iter()
                    .find_map(|(offset, text)| {
                        self.missing_in_regular(text)
                            .map(|(c, _)| (c, offset + text.find(c).unwrap_or(0)))
                    })?;
            let (line, column) = source.lines().byte_to_line_column(offset)?;
            let font = self.missing_in_regular(&c.to_string())?.1;
            Some((c, Location::new(shown.clone(), line + 1, column + 1), font))
        });
    }

    /// Where `c` comes from: the first line of the product's source file that has it (else the
    /// product's origin as it is).
    fn locate(&self, job: &Job<'_>, c: char) -> Location {
        let own = self
            .texts
            .get(&job.origin.file)
            .and_then(|text| find_char(text, c));
        let config = || {
            self.texts
                .get(std::path::Path::new("site.toml"))
                .and_then(|text| find_char(text, c))
        };
        match own {
            Some((line, column)) => Location::new(job.origin.file.clone(), line, column),
            None => match config() {
                Some((line, column)) => Location::new("site.toml", line, column),
                None => job.origin.clone(),
            },
        }
    }

    /// Whether the theme has a print template.
    pub fn has_template(&self, name: &str) -> bool {
        self.sources.contains_key(&format!("/{name}"))
    }

    /// The faces of the print family.
    fn faces(&self) -> Vec<&Font> {
        self.book
            .select_family(&self.family.to_lowercase())
            .filter_map(|i| self.fonts.get(i))
            .collect()
    }

    /// How a face is named in messages: `Libertinus Serif (Italic, 700)`.
    fn face_name(font: &Font) -> String {
        let info = font.info();
        format!(
            "{} ({:?}, {})",
            info.family,
            info.variant.style,
            info.variant.weight.to_number()
        )
    }

    /// The first character of `text` that the regular face of the print family lacks.
    fn missing_in_regular(&self, text: &str) -> Option<(char, String)> {
        let faces = self.faces();
        let Some(regular) = faces
            .iter()
            .find(|f| f.info().variant == typst::text::FontVariant::default())
            .or(faces.first())
        else {
            return text
                .chars()
                .find(|c| printable(*c))
                .map(|c| (c, self.family.clone()));
        };
        text.chars()
            .filter(|c| printable(*c))
            .find(|c| !regular.info().coverage.contains(u32::from(*c)))
            .map(|c| (c, Self::face_name(regular)))
    }

    /// After layout: the first character set in another font than the print family (Typst's
    /// silent fallback) or drawn as an empty box, with the faces of the family that lack it.
    fn fallback_glyph(&self, document: &PagedDocument) -> Option<(char, String)> {
        fn walk<'a>(frame: &'a typst::layout::Frame, out: &mut Vec<&'a typst::text::TextItem>) {
            for (_, item) in frame.items() {
                match item {
                    typst::layout::FrameItem::Group(group) => walk(&group.frame, out),
                    typst::layout::FrameItem::Text(text) => out.push(text),
                    _ => {}
                }
            }
        }
        let mut items = Vec::new();
        for page in document.pages() {
            walk(&page.frame, &mut items);
        }
        let family = self.family.to_lowercase();
        for item in items {
            let font = item.font.font();
            let foreign = font.info().family.to_lowercase() != family;
            for glyph in &item.glyphs {
                if !foreign && glyph.id != 0 {
                    continue;
                }
                let Some(c) = item
                    .text
                    .get(glyph.range())
                    .and_then(|t| t.chars().find(|c| printable(*c)))
                else {
                    continue;
                };
                let lacking: Vec<String> = self
                    .faces()
                    .into_iter()
                    .filter(|f| !f.info().coverage.contains(u32::from(c)))
                    .map(Self::face_name)
                    .collect();
                let named = if lacking.is_empty() {
                    self.family.clone()
                } else {
                    lacking.join(", ")
                };
                return Some((c, named));
            }
        }
        None
    }

    fn glyph_error(job: &Job<'_>, location: Location, c: char, font: String) -> Vec<Diagnostic> {
        vec![
            Diagnostic::error("glyph_missing", Some(location))
                .arg("char", c.to_string())
                .arg("code", format!("U+{:04X}", u32::from(c)))
                .arg("font", font)
                .arg("product", job.product.clone()),
        ]
    }

    /// Lays one product out (the pages the PDF is made of), with its glyphs checked.
    pub fn typeset(&self, job: &Job<'_>) -> Result<PagedDocument, Vec<Diagnostic>> {
        let world = self.world(job)?;
        self.typeset_in(&world, job)
    }

    /// The world of one product: its template, data and QR code.
    fn world(&self, job: &Job<'_>) -> Result<ProductWorld<'_>, Vec<Diagnostic>> {
        let main_path = format!("/{}", job.template);
        let Some((main_source, _)) = self.sources.get(&main_path) else {
            return Err(vec![
                Diagnostic::error("print_template_missing", None)
                    .arg("template", job.template.to_owned()),
            ]);
        };
        let data = serde_json::to_vec(job.data).unwrap_or_default();
        Ok(ProductWorld {
            engine: self,
            main: main_source.id(),
            data: Bytes::new(data),
            qr: job.qr_svg.clone().map(Bytes::from_string),
            photo: job.photo.clone(),
            today: Datetime::from_ymd(
                job.date.year(),
                job.date.month() as u8,
                job.date.day() as u8,
            ),
        })
    }

    fn typeset_in(
        &self,
        world: &ProductWorld<'_>,
        job: &Job<'_>,
    ) -> Result<PagedDocument, Vec<Diagnostic>> {
        // Every character that will be printed must be in the font: Typst would otherwise fall
        // back to another font or draw an empty box without a word.
        let mut text = String::new();
        collect_strings(job.data, &mut text);
        if let Some((c, font)) = self.missing_in_regular(&text) {
            return Err(Self::glyph_error(job, self.locate(job, c), c, font));
        }
        if let Some((c, location, font)) = &self.template_gap {
            return Err(Self::glyph_error(job, location.clone(), *c, font.clone()));
        }
        let document = typst::compile::<PagedDocument>(world)
            .output
            .map_err(|errors| self.located(world, &errors[..], job))?;
        if let Some((c, font)) = self.fallback_glyph(&document) {
            return Err(Self::glyph_error(job, self.locate(job, c), c, font));
        }
        Ok(document)
    }

    /// Typesets one product into a PDF.
    pub fn compile(&self, job: &Job<'_>) -> Result<Output, Vec<Diagnostic>> {
        let world = self.world(job)?;
        let document = self.typeset_in(&world, job)?;
        let standards = if job.archival {
            PdfStandards::new(&[PdfStandard::A_2b]).unwrap_or_default()
        } else {
            PdfStandards::default()
        };
        let timestamp = Datetime::from_ymd_hms(
            job.date.year(),
            job.date.month() as u8,
            job.date.day() as u8,
            0,
            0,
            0,
        )
        .map(Timestamp::new_utc);
        let options = PdfOptions {
            ident: Smart::Custom(job.ident.clone()),
            timestamp,
            standards,
            ..PdfOptions::default()
        };
        let pdf = typst_pdf::pdf(&document, &options)
            .map_err(|errors| self.located(&world, &errors[..], job))?;
        Ok(Output {
            pdf,
            pages: document.pages().len(),
        })
    }

    /// Typst's errors as located diagnostics: a position in a theme template when there is one,
    /// else the product's source.
    fn located(
        &self,
        world: &ProductWorld<'_>,
        errors: &[SourceDiagnostic],
        job: &Job<'_>,
    ) -> Vec<Diagnostic> {
        errors
            .iter()
            .map(|error| {
                let mut location = job.origin.clone();
                if let Some(id) = error.span.id()
                    && let Some((source, shown)) = self.sources.get(id.vpath().get_with_slash())
                    && let Some(range) = world.range(error.span)
                    && let Some((line, column)) = source.lines().byte_to_line_column(range.start)
                {
                    location = Location::new(shown.clone(), line + 1, column + 1);
                }
                if let Some(rest) = error.message.split(OVERFLOW_TOKEN).nth(1) {
                    let panel = rest.trim_start_matches(':').trim().trim_end_matches('"');
                    return Diagnostic::error("leaflet_panel_overflow", Some(job.origin.clone()))
                        .arg("panel", panel.to_owned())
                        .arg("product", job.product.clone());
                }
                let mut detail = error.message.to_string();
                for hint in &error.hints {
                    detail.push_str("; ");
                    detail.push_str(&hint.v);
                }
                Diagnostic::error("print_template_error", Some(location))
                    .arg("product", job.product.clone())
                    .arg("detail", detail)
            })
            .collect()
    }
}

/// Whether a character is drawn (spaces, controls and invisible joiners are not).
fn printable(c: char) -> bool {
    !(c.is_whitespace()
        || c.is_control()
        || matches!(
            c,
            '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}'
        ))
}

/// The 1-based line and column of the first `c` in `text`.
fn find_char(text: &str, c: char) -> Option<(usize, usize)> {
    text.lines().enumerate().find_map(|(i, line)| {
        line.chars()
            .position(|x| x == c)
            .map(|column| (i + 1, column + 1))
    })
}

/// The text a template prints itself (markup text and string literals, not comments), as
/// `(byte offset in the source, text)`.
fn printed_text(root: &typst::syntax::SyntaxNode) -> Vec<(usize, &str)> {
    use typst::syntax::{SyntaxKind, SyntaxNode};
    fn walk<'a>(node: &'a SyntaxNode, offset: usize, out: &mut Vec<(usize, &'a str)>) {
        let mut at = offset;
        for child in node.children() {
            match child.kind() {
                SyntaxKind::LineComment | SyntaxKind::BlockComment => {}
                SyntaxKind::Text | SyntaxKind::Str => out.push((at, child.leaf_text().as_str())),
                _ => walk(child, at, out),
            }
            at += child.len();
        }
    }
    let mut out = Vec::new();
    walk(root, 0, &mut out);
    out
}

/// Appends every string of a JSON value (keys excluded) to `out`.
fn collect_strings(value: &serde_json::Value, out: &mut String) {
    match value {
        serde_json::Value::String(s) => {
            out.push_str(s);
            out.push('\n');
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_strings(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| collect_strings(v, out)),
        _ => {}
    }
}

/// The world of one compilation: the engine's sources and fonts plus the product's data.
struct ProductWorld<'a> {
    engine: &'a Engine,
    main: FileId,
    data: Bytes,
    qr: Option<Bytes>,
    photo: Option<Bytes>,
    today: Option<Datetime>,
}

impl World for ProductWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.engine.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.engine.book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        let path = id.vpath().get_with_slash();
        match self.engine.sources.get(path) {
            Some((source, _)) => Ok(source.clone()),
            None => Err(FileError::NotFound(PathBuf::from(path))),
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        let path = id.vpath().get_with_slash();
        match path {
            DATA_PATH => Ok(self.data.clone()),
            QR_PATH => self
                .qr
                .clone()
                .ok_or_else(|| FileError::NotFound(PathBuf::from(path))),
            PHOTO_PATH => self
                .photo
                .clone()
                .ok_or_else(|| FileError::NotFound(PathBuf::from(path))),
            _ => match self.engine.sources.get(path) {
                Some((source, _)) => Ok(Bytes::from_string(source.text().to_owned())),
                None => self
                    .engine
                    .assets
                    .get(path)
                    .cloned()
                    .ok_or_else(|| FileError::NotFound(PathBuf::from(path))),
            },
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.engine.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        self.today
    }
}

/// The 134 letters of Vietnamese that are not plain ASCII (12 vowels x 6 tones x 2 cases, less
/// the 12 ASCII vowels, plus `đ` and `Đ`).
pub fn vietnamese_letters() -> Vec<char> {
    use unicode_normalization::UnicodeNormalization;
    let mut out = vec!['đ', 'Đ'];
    for base in "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY".chars() {
        for tone in ["", "\u{300}", "\u{301}", "\u{303}", "\u{309}", "\u{323}"] {
            let composed: String = format!("{base}{tone}").nfc().collect();
            let mut chars = composed.chars();
            if let (Some(c), None) = (chars.next(), chars.next())
                && !c.is_ascii()
            {
                out.push(c);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_print_family_covers_vietnamese_except_bold_italic_horn_letters() {
        let letters = vietnamese_letters();
        assert_eq!(letters.len(), 134);
        for font in typst_kit::fonts::embedded().map(|(f, _)| f) {
            let info = font.info();
            if info.family != FONT_FAMILY {
                continue;
            }
            let missing: String = letters
                .iter()
                .filter(|c| !info.coverage.contains(u32::from(**c)))
                .collect();
            // Libertinus Serif Bold Italic lacks ơ ư Ơ Ư: the templates set bold italic text in
            // Semibold Italic (600), and the build checks every face actually used.
            let bold_italic = info.variant.style == typst::text::FontStyle::Italic
                && info.variant.weight.to_number() == 700;
            let expected = if bold_italic { "ơưƠƯ" } else { "" };
            assert_eq!(missing, expected, "{}", Engine::face_name(&font));
        }
    }
}
