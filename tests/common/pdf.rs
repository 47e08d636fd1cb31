//! PDFs read back for what a reader sees: page sizes and the text on the page.

use std::collections::BTreeMap;

use super::Built;

/// A PDF read back for its page sizes and text.
pub struct Pdf {
    pub doc: lopdf::Document,
    pub bytes: Vec<u8>,
}

impl Pdf {
    pub fn open(built: &Built, path: &str) -> Pdf {
        let file = built.out().join(path);
        let bytes = std::fs::read(&file).unwrap_or_else(|e| panic!("{path} missing: {e}"));
        let doc = lopdf::Document::load_mem(&bytes).unwrap_or_else(|e| panic!("{path}: {e}"));
        Pdf { doc, bytes }
    }

    /// Asserts PDF/A-2b metadata dated `date` (from the content) and never the tests' build date.
    pub fn assert_pdf_a_2b_dated(&self, date: &str) {
        let raw = String::from_utf8_lossy(&self.bytes);
        assert!(
            raw.contains("<pdfaid:part>2</pdfaid:part>"),
            "no PDF/A part"
        );
        assert!(raw.contains("<pdfaid:conformance>B</pdfaid:conformance>"));
        assert!(raw.contains(date), "creation date not from the content");
        assert!(
            !raw.contains("2026-11-22"),
            "the build date leaked into the PDF"
        );
    }

    pub fn page_count(&self) -> usize {
        self.doc.get_pages().len()
    }

    /// Width and height of page `n` (1-based) in points, rounded.
    pub fn size(&self, n: u32) -> (i64, i64) {
        let pages = self.doc.get_pages();
        let id = pages[&n];
        let page = self.doc.get_dictionary(id).unwrap();
        let media = page.get(b"MediaBox").unwrap().as_array().unwrap();
        let num = |o: &lopdf::Object| match o {
            lopdf::Object::Integer(i) => *i as f64,
            lopdf::Object::Real(r) => f64::from(*r),
            other => panic!("not a number: {other:?}"),
        };
        (
            (num(&media[2]) - num(&media[0])).round() as i64,
            (num(&media[3]) - num(&media[1])).round() as i64,
        )
    }

    /// Text of the given pages, whitespace collapsed. Typst writes fonts as Identity-H with a
    /// ToUnicode CMap, which lopdf's own extractor does not parse, so the tests read the CMaps
    /// and the content streams themselves (page content and the form XObjects it draws).
    pub fn text_of(&self, pages: &[u32]) -> String {
        let all = self.doc.get_pages();
        let mut out = String::new();
        for n in pages {
            let id = all[n];
            let page = self.doc.get_dictionary(id).unwrap();
            let resources = self.resources(page);
            let content = self.doc.get_page_content(id).unwrap();
            self.show(&content, resources, &mut out, 0);
            out.push('\n');
        }
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// The text lines of page `n` as laid out (each positioned run of text), trimmed, empty ones
    /// left out: a heading broken over two lines gives two.
    pub fn lines_of(&self, n: u32) -> Vec<String> {
        let all = self.doc.get_pages();
        let id = all[&n];
        let page = self.doc.get_dictionary(id).unwrap();
        let resources = self.resources(page);
        let content = self.doc.get_page_content(id).unwrap();
        let mut out = String::new();
        self.show(&content, resources, &mut out, 0);
        out.lines()
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|l| !l.is_empty())
            .collect()
    }

    fn resolve<'a>(&'a self, object: &'a lopdf::Object) -> &'a lopdf::Object {
        match object {
            lopdf::Object::Reference(id) => self.doc.get_object(*id).unwrap(),
            other => other,
        }
    }

    fn resources<'a>(&'a self, dict: &'a lopdf::Dictionary) -> Option<&'a lopdf::Dictionary> {
        dict.get(b"Resources")
            .ok()
            .map(|r| self.resolve(r).as_dict().unwrap())
    }

    /// Glyph code -> text, from a font's ToUnicode CMap (bfchar and bfrange entries).
    fn to_unicode(&self, font: &lopdf::Dictionary) -> BTreeMap<u32, String> {
        let mut map = BTreeMap::new();
        let Ok(cmap) = font.get(b"ToUnicode") else {
            return map;
        };
        let stream = self.resolve(cmap).as_stream().unwrap();
        let data = stream
            .decompressed_content()
            .unwrap_or_else(|_| stream.content.clone());
        let text = String::from_utf8_lossy(&data);
        let hex = |h: &str| u32::from_str_radix(h, 16).unwrap();
        let utf16 = |h: &str| {
            let units: Vec<u16> = (0..h.len() / 4)
                .map(|i| u16::from_str_radix(&h[i * 4..i * 4 + 4], 16).unwrap())
                .collect();
            String::from_utf16_lossy(&units)
        };
        let pair = regex::Regex::new(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<([0-9A-Fa-f]+)>)?")
            .unwrap();
        let mut in_range = false;
        for line in text.lines() {
            if line.contains("beginbfrange") {
                in_range = true;
            } else if line.contains("beginbfchar") || line.contains("endbfrange") {
                in_range = false;
            }
            let Some(c) = pair.captures(line) else {
                continue;
            };
            if in_range {
                if let Some(dst) = c.get(4) {
                    let (lo, hi) = (hex(&c[1]), hex(&c[2]));
                    let base: Vec<char> = utf16(dst.as_str()).chars().collect();
                    for (k, code) in (lo..=hi).enumerate() {
                        let mut t: Vec<char> = base.clone();
                        if let Some(last) = t.last_mut() {
                            *last = char::from_u32(u32::from(*last) + k as u32).unwrap_or(*last);
                        }
                        map.insert(code, t.into_iter().collect());
                    }
                }
            } else if !line.contains("codespacerange") {
                map.insert(hex(&c[1]), utf16(&c[2]));
            }
        }
        map
    }

    fn show(
        &self,
        content: &[u8],
        resources: Option<&lopdf::Dictionary>,
        out: &mut String,
        depth: usize,
    ) {
        use lopdf::Object;
        let Ok(content) = lopdf::content::Content::decode(content) else {
            return;
        };
        let fonts = resources
            .and_then(|r| r.get(b"Font").ok())
            .map(|f| self.resolve(f).as_dict().unwrap());
        let xobjects = resources
            .and_then(|r| r.get(b"XObject").ok())
            .map(|x| self.resolve(x).as_dict().unwrap());
        let mut map = BTreeMap::new();
        let decode = |bytes: &[u8], map: &BTreeMap<u32, String>, out: &mut String| {
            for pair in bytes.chunks(2) {
                let code = pair.iter().fold(0u32, |a, b| (a << 8) | u32::from(*b));
                if let Some(t) = map.get(&code) {
                    out.push_str(t);
                }
            }
        };
        for op in &content.operations {
            match op.operator.as_str() {
                "Tf" => {
                    let name = op.operands[0].as_name().unwrap();
                    if let Some(font) = fonts.and_then(|f| f.get(name).ok()) {
                        map = self.to_unicode(self.resolve(font).as_dict().unwrap());
                    }
                }
                "Tj" => {
                    if let Object::String(bytes, _) = &op.operands[0] {
                        decode(bytes, &map, out);
                    }
                }
                "TJ" => {
                    if let Object::Array(items) = &op.operands[0] {
                        for item in items {
                            if let Object::String(bytes, _) = item {
                                decode(bytes, &map, out);
                            }
                        }
                    }
                }
                "Td" | "TD" | "Tm" | "T*" | "ET" => out.push('\n'),
                "Do" if depth < 8 => {
                    let name = op.operands[0].as_name().unwrap();
                    if let Some(x) = xobjects.and_then(|x| x.get(name).ok())
                        && let Ok(stream) = self.resolve(x).as_stream()
                    {
                        let data = stream
                            .decompressed_content()
                            .unwrap_or_else(|_| stream.content.clone());
                        let inner = self.resources(&stream.dict).or(resources);
                        self.show(&data, inner, out, depth + 1);
                    }
                }
                _ => {}
            }
        }
    }

    pub fn text(&self) -> String {
        let all: Vec<u32> = (1..=self.page_count() as u32).collect();
        self.text_of(&all)
    }
}
