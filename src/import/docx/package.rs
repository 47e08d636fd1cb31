//! The .docx package: a zip of XML parts tied together by relationship files. Parts are read
//! with a size limit (a small zip can unpack to gigabytes) and parsed with `roxmltree`.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use super::DocxError;

/// The largest part read, unpacked (Word's own limit for document.xml is far below).
const PART_LIMIT: u64 = 256 * 1024 * 1024;
/// The most XML nodes in one part (a bound on memory for hostile files).
const NODES_LIMIT: u32 = 20_000_000;

/// The WordprocessingML namespaces (transitional and strict).
pub const W: &[&str] = &[
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
];
const REL: &[&str] = &[
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://purl.oclc.org/ooxml/officeDocument/relationships",
];

/// Whether `node` is the WordprocessingML element `name`.
pub fn is_w(node: roxmltree::Node<'_, '_>, name: &str) -> bool {
    node.is_element()
        && node.tag_name().name() == name
        && node
            .tag_name()
            .namespace()
            .is_some_and(|ns| W.contains(&ns))
}

/// The WordprocessingML attribute `name` of `node` (`w:val`).
pub fn w_attr<'a>(node: roxmltree::Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attributes()
        .find(|a| a.name() == name && a.namespace().is_some_and(|ns| W.contains(&ns)))
        .map(|a| a.value())
}

/// The relationship attribute `name` of `node` (`r:id`, `r:embed`).
pub fn r_attr<'a>(node: roxmltree::Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attributes()
        .find(|a| a.name() == name && a.namespace().is_some_and(|ns| REL.contains(&ns)))
        .map(|a| a.value())
}

/// The first child element of `node` that is `w:name`.
pub fn w_child<'a, 'i>(
    node: roxmltree::Node<'a, 'i>,
    name: &str,
) -> Option<roxmltree::Node<'a, 'i>> {
    node.children().find(|c| is_w(*c, name))
}

/// An on/off property (`<w:b/>`, `<w:b w:val="0"/>`).
pub fn on_off(node: roxmltree::Node<'_, '_>) -> bool {
    !matches!(w_attr(node, "val"), Some("0" | "false" | "off"))
}

/// An opened package: the zip and the main document's relationships.
pub struct Package {
    zip: zip::ZipArchive<Cursor<Vec<u8>>>,
    /// Path of the main document part (`word/document.xml`).
    pub main: String,
    /// Relationship id -> (type, target part path) of the main document.
    pub rels: BTreeMap<String, (String, String)>,
}

impl Package {
    /// Opens the zip and finds the main document.
    pub fn open(bytes: &[u8]) -> Result<Package, DocxError> {
        let zip = zip::ZipArchive::new(Cursor::new(bytes.to_vec()))
            .map_err(|e| DocxError(format!("zip: {e}")))?;
        let mut package = Package {
            zip,
            main: String::new(),
            rels: BTreeMap::new(),
        };
        let root_rels = package.part("_rels/.rels")?;
        let main = root_rels
            .as_deref()
            .and_then(|xml| {
                relationships(xml, "")
                    .ok()?
                    .into_values()
                    .find(|(kind, _)| kind.ends_with("/officeDocument"))
                    .map(|(_, target)| target)
            })
            .unwrap_or_else(|| "word/document.xml".to_owned());
        let dir = main.rsplit_once('/').map_or("", |(d, _)| d).to_owned();
        let rels_path = format!("{dir}/_rels/{}.rels", main.rsplit('/').next().unwrap_or(""));
        if let Some(xml) = package.part(&rels_path)? {
            package.rels = relationships(&xml, &dir)?;
        }
        package.main = main;
        Ok(package)
    }

    /// The text of a part, `None` when the package has no such part.
    pub fn part(&mut self, path: &str) -> Result<Option<String>, DocxError> {
        let path = path.trim_start_matches('/');
        let mut file = match self.zip.by_name(path) {
            Ok(file) => file,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(DocxError(format!("{path}: {e}"))),
        };
        let mut bytes = Vec::new();
        (&mut file)
            .take(PART_LIMIT + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| DocxError(format!("{path}: {e}")))?;
        if bytes.len() as u64 > PART_LIMIT {
            return Err(DocxError(format!("{path}: > {} MB", PART_LIMIT >> 20)));
        }
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => decode_utf16(e.as_bytes())
                .ok_or_else(|| DocxError(format!("{path}: {}", e.utf8_error())))?,
        };
        Ok(Some(text))
    }

    /// The part of the main document's relationship of type `kind` (`styles`, `numbering`).
    /// A part missing from the relationships is looked for where Word puts it
    /// (`word/numbering.xml`): some writers leave the relationship out.
    pub fn related(&self, kind: &str) -> Vec<String> {
        let found: Vec<String> = self
            .rels
            .values()
            .filter(|(k, _)| k.rsplit('/').next() == Some(kind))
            .map(|(_, target)| target.clone())
            .collect();
        if !found.is_empty() || matches!(kind, "header" | "footer") {
            return found;
        }
        let dir = self.main.rsplit_once('/').map_or("", |(d, _)| d);
        vec![if dir.is_empty() {
            format!("{kind}.xml")
        } else {
            format!("{dir}/{kind}.xml")
        }]
    }
}

/// XML parts saved as UTF-16 (rare; allowed by the format).
fn decode_utf16(bytes: &[u8]) -> Option<String> {
    let (encoding, _) = encoding_rs::Encoding::for_bom(bytes)?;
    let (text, _, errors) = encoding.decode(bytes);
    (!errors).then(|| text.into_owned())
}

/// Parses XML, naming the part and the line and column of a fault.
pub fn parse_xml<'a>(path: &str, text: &'a str) -> Result<roxmltree::Document<'a>, DocxError> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        nodes_limit: NODES_LIMIT,
        ..roxmltree::ParsingOptions::default()
    };
    roxmltree::Document::parse_with_options(text, options)
        .map_err(|e| DocxError(format!("{path}: {e}")))
}

/// A relationships part -> id -> (type, target path resolved against `dir`).
fn relationships(xml: &str, dir: &str) -> Result<BTreeMap<String, (String, String)>, DocxError> {
    let doc = parse_xml("_rels", xml)?;
    let mut out = BTreeMap::new();
    for rel in doc.descendants().filter(|n| n.has_tag_name("Relationship")) {
        let (Some(id), Some(kind), Some(target)) = (
            rel.attribute("Id"),
            rel.attribute("Type"),
            rel.attribute("Target"),
        ) else {
            continue;
        };
        let external = rel.attribute("TargetMode") == Some("External");
        let target = if external {
            target.to_owned()
        } else {
            resolve(dir, target)
        };
        out.insert(id.to_owned(), (kind.to_owned(), target));
    }
    Ok(out)
}

/// `target` relative to the folder `dir` inside the zip (`../media/x.png`, `/word/x.xml`).
fn resolve(dir: &str, target: &str) -> String {
    let mut parts: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        dir.split('/').filter(|p| !p.is_empty()).collect()
    };
    for piece in target.split('/') {
        match piece {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::resolve;

    #[test]
    fn targets_resolve_against_the_part_folder() {
        assert_eq!(resolve("word", "styles.xml"), "word/styles.xml");
        assert_eq!(resolve("word", "../customXml/a.xml"), "customXml/a.xml");
        assert_eq!(resolve("word", "/word/media/i.png"), "word/media/i.png");
        assert_eq!(resolve("", "word/document.xml"), "word/document.xml");
    }
}
