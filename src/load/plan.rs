//! A plan or official letter (content/plans/*.md): TOML front matter for the header, signer and
//! recipients; a Markdown body that reads like the document (căn cứ, `## I.` parts, `### 1.` items,
//! `-`/`+` bullets). Targets and who-does-what are recognised from the structure.

mod table_targets;
mod targets;

use targets::{apply_target_annotation, find_targets};

use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::load::frontmatter::{SourceText, parse_toml, split};
use crate::load::markdown::{self, Piece, inline_from_markdown};
use crate::locale::{fold_diacritics, slugify};
use crate::model::{
    Assignment, Block, BlockKind, DocType, Document, Item, PartKind, PartialDate, Plan, Signer,
    same_body,
};

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawPlan {
    #[schemars(with = "String")]
    loai: Spanned<String>,
    #[serde(default)]
    so: String,
    #[serde(default)]
    du_thao: bool,
    #[serde(default)]
    ky_hieu: String,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    ngay: Option<Spanned<String>>,
    #[serde(default)]
    noi_ban_hanh: Option<String>,
    #[serde(default)]
    co_quan_cap_tren: Option<String>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    co_quan_ban_hanh: Option<Spanned<String>>,
    trich_yeu: String,
    #[serde(default)]
    kinh_gui: Vec<String>,
    #[serde(default)]
    the: Vec<String>,
    #[serde(default)]
    loi_ket: String,
    #[serde(default)]
    noi_nhan: Vec<String>,
    #[serde(default)]
    nguoi_ky: Option<Signer>,
    #[serde(default)]
    #[schemars(with = "Vec<RawTarget>")]
    chi_tieu: Vec<Spanned<RawTarget>>,
}

/// An annotation on a target sentence: which indicator measures it, or a figure the text
/// does not state plainly.
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawTarget {
    khop: String,
    #[serde(default)]
    chi_so: Option<String>,
    #[serde(default)]
    gia_tri: Option<f64>,
    #[serde(default)]
    don_vi: Option<String>,
    #[serde(default)]
    han: Option<String>,
    #[serde(default)]
    so_sanh: Option<String>,
}

/// What the loader needs to know about the site.
pub struct PlanDefaults<'a> {
    /// Place written in the date line when a plan gives none.
    pub place: &'a str,
    /// Signer when a plan of the site's own body gives none (with a warning).
    pub signer: &'a Signer,
    /// The site's parent body (site.toml `co_quan_cap_tren`).
    pub parent_body: &'a str,
    /// The site's issuing body (site.toml `co_quan_ban_hanh`).
    pub issuing_body: &'a str,
}

/// Reads one plan file.
pub fn load(
    source: &SourceText,
    slug: String,
    defaults: &PlanDefaults<'_>,
    diagnostics: &mut Diagnostics,
) -> Option<Plan> {
    let parts = match split(source) {
        Ok(parts) => parts,
        Err(d) => {
            diagnostics.push(d);
            return None;
        }
    };
    let raw: RawPlan = match parse_toml(source, parts.front, parts.front_offset, "ctx_plan") {
        Ok(raw) => raw,
        Err(d) => {
            diagnostics.push(d);
            return None;
        }
    };
    let at = |span: std::ops::Range<usize>| source.location(parts.front_offset + span.start);

    let doc_type = match DocType::parse(raw.loai.get_ref()) {
        Some(t) => t,
        None => {
            let expected: Vec<String> = DocType::ALL
                .iter()
                .map(|t| format!("{} ({})", t.code(), t.name()))
                .collect();
            diagnostics.push(
                Diagnostic::error("plan_type_unknown", Some(at(raw.loai.span())))
                    .field("loai")
                    .arg("value", raw.loai.get_ref().clone())
                    .arg("expected", expected.join(", ")),
            );
            DocType::Plan
        }
    };
    let date = match &raw.ngay {
        None => PartialDate::default(),
        Some(ngay) => PartialDate::parse(ngay.get_ref()).unwrap_or_else(|| {
            diagnostics.push(
                Diagnostic::error("date_invalid", Some(at(ngay.span())))
                    .field("ngay")
                    .arg("value", ngay.get_ref().clone()),
            );
            PartialDate::default()
        }),
    };

    let body_location = |offset: usize| source.location(parts.body_offset + offset);
    let (pieces, links) = markdown::read(parts.body, &body_location, diagnostics)?;
    let body = build_document(pieces, doc_type, &body_location, diagnostics);
    if body.preamble.is_empty() && body.parts.is_empty() {
        diagnostics.push(Diagnostic::error(
            "plan_no_body",
            Some(source.location(parts.body_offset)),
        ));
    }

    let mut targets = find_targets(&body, date);
    for spanned in &raw.chi_tieu {
        let location = at(spanned.span());
        apply_target_annotation(spanned.get_ref(), &location, &mut targets, diagnostics);
    }
    let assignments = find_assignments(&body, doc_type);
    let loi_ket = source.key_location("loi_ket", parts.front_offset);
    markdown::check(&raw.loi_ket, &|_| loi_ket.clone(), diagnostics);
    let (parent_body, issuing_body) = issuer(&raw, defaults, &at, diagnostics);
    let signer = match raw.nguoi_ky {
        Some(signer) => signer,
        None => {
            // The site's signer stands in for a document of the site's own body, never for
            // another body's; either way the file is named.
            let at_start = Some(source.location(parts.front_offset));
            if same_body(&issuing_body, defaults.issuing_body) {
                diagnostics.push(
                    Diagnostic::warning("plan_signer_default", at_start)
                        .field("nguoi_ky")
                        .arg("name", defaults.signer.name.clone()),
                );
                defaults.signer.clone()
            } else {
                diagnostics
                    .push(Diagnostic::warning("plan_signer_missing", at_start).field("nguoi_ky"));
                Signer::default()
            }
        }
    };
    let closing = raw
        .loi_ket
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(inline_from_markdown)
        .collect();

    Some(Plan {
        slug,
        source: source.path.clone(),
        doc_type,
        number: raw.so.trim().to_owned(),
        draft: raw.du_thao,
        symbol: raw.ky_hieu.trim().to_owned(),
        date,
        place: raw
            .noi_ban_hanh
            .unwrap_or_else(|| defaults.place.to_owned()),
        parent_body,
        issuing_body,
        subject: raw.trich_yeu.trim().to_owned(),
        addressees: raw.kinh_gui,
        tags: raw.the,
        body,
        closing,
        recipients: raw.noi_nhan,
        signer,
        targets,
        assignments,
        source_text: source.text.as_str().into(),
        links,
    })
}

/// The parent and issuing bodies of the header: the document's own (`co_quan_cap_tren`,
/// `co_quan_ban_hanh`), else the site's. A document that names another issuing body than the
/// site's is a warning at its field: it is printed as the document says.
fn issuer(
    raw: &RawPlan,
    defaults: &PlanDefaults<'_>,
    at: &dyn Fn(std::ops::Range<usize>) -> Location,
    diagnostics: &mut Diagnostics,
) -> (String, String) {
    let own = raw
        .co_quan_ban_hanh
        .as_ref()
        .filter(|body| !body.get_ref().trim().is_empty());
    let issuing = match own {
        Some(body) => {
            let name = body.get_ref().trim().to_owned();
            if !defaults.issuing_body.trim().is_empty() && !same_body(&name, defaults.issuing_body)
            {
                diagnostics.push(
                    Diagnostic::warning("plan_issuer_differs", Some(at(body.span())))
                        .field("co_quan_ban_hanh")
                        .arg("value", name.clone())
                        .arg("site", defaults.issuing_body.to_owned()),
                );
            }
            name
        }
        None => defaults.issuing_body.to_owned(),
    };
    // Another body comes with its own parent body (none unless given); the site's with the site's.
    let parent = match &raw.co_quan_cap_tren {
        Some(parent) => parent.trim().to_owned(),
        None if same_body(&issuing, defaults.issuing_body) => defaults.parent_body.to_owned(),
        None => String::new(),
    };
    (parent, issuing)
}

static PART_NUMERAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([IVXLC]+)\s*[.)]\s*(.*)$").expect("valid regex"));
static ITEM_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d+(?:\.\d+)*)\s*[.)]\s*(.*)$").expect("valid regex"));

/// Classifies a part by its title.
pub fn part_kind(title: &str) -> PartKind {
    let t = fold_diacritics(title).to_uppercase();
    if t.contains("TO CHUC THUC HIEN") {
        PartKind::Implementation
    } else if t.contains("CHI TIEU") || t.contains("MUC TIEU") {
        PartKind::Targets
    } else if t.contains("KINH PHI") {
        PartKind::Funding
    } else if t.contains("MUC DICH") || t.contains("YEU CAU") {
        PartKind::Purpose
    } else if t.contains("NOI DUNG") || t.contains("NHIEM VU") || t.contains("GIAI PHAP") {
        PartKind::Tasks
    } else {
        PartKind::Other
    }
}

fn unique_anchor(wanted: String, used: &mut std::collections::BTreeSet<String>) -> String {
    let mut anchor = wanted.clone();
    let mut n = 2;
    while !used.insert(anchor.clone()) {
        anchor = format!("{wanted}-{n}");
        n += 1;
    }
    anchor
}

/// Arranges pieces into preamble, parts and items.
fn build_document(
    pieces: Vec<Piece>,
    doc_type: DocType,
    location_of: &dyn Fn(usize) -> Location,
    diagnostics: &mut Diagnostics,
) -> Document {
    let mut document = Document::default();
    let mut anchors = std::collections::BTreeSet::new();
    for piece in pieces {
        match piece {
            Piece::Heading {
                level: 2,
                text,
                offset,
            } => {
                let (numeral, title) = match PART_NUMERAL.captures(&text.plain) {
                    Some(c) => (Some(c[1].to_owned()), c[2].trim().to_owned()),
                    None => (None, text.plain.clone()),
                };
                let wanted = match &numeral {
                    Some(n) => format!("phan-{}", n.to_lowercase()),
                    None => format!("phan-{}", slugify(&title)),
                };
                document.parts.push(crate::model::Part {
                    kind: part_kind(&title),
                    numeral,
                    title,
                    line: location_of(offset).line,
                    anchor: unique_anchor(wanted, &mut anchors),
                    intro: Vec::new(),
                    items: Vec::new(),
                });
            }
            Piece::Heading {
                level: 3,
                text,
                offset,
            } => {
                let line = location_of(offset).line;
                if document.parts.is_empty() {
                    let kind = if doc_type == DocType::OfficialLetter {
                        PartKind::Implementation
                    } else {
                        PartKind::Other
                    };
                    document.parts.push(crate::model::Part {
                        numeral: None,
                        title: String::new(),
                        kind,
                        line,
                        anchor: unique_anchor("noi-dung".to_owned(), &mut anchors),
                        intro: Vec::new(),
                        items: Vec::new(),
                    });
                }
                let part = document.parts.last_mut().expect("a part was just ensured");
                let (number, title) = match ITEM_NUMBER.captures(&text.markdown) {
                    Some(c) => (Some(c[1].to_owned()), inline_from_markdown(c[2].trim())),
                    None => (None, text),
                };
                let wanted = match &number {
                    Some(n) => format!("{}-muc-{}", part.anchor, slugify(n)),
                    None => format!("{}-{}", part.anchor, slugify(&title.plain)),
                };
                part.items.push(Item {
                    number,
                    title,
                    line,
                    anchor: unique_anchor(wanted, &mut anchors),
                    blocks: Vec::new(),
                });
            }
            Piece::Heading {
                level,
                text,
                offset,
            } if level == 1 => {
                diagnostics.push(
                    Diagnostic::error("plan_heading_level", Some(location_of(offset)))
                        .arg("text", text.plain.clone())
                        .arg("hashes", level.to_string()),
                );
            }
            Piece::Heading { text, offset, .. } => {
                push_block(
                    &mut document,
                    Block {
                        line: location_of(offset).line,
                        kind: BlockKind::Heading { text },
                    },
                );
            }
            Piece::Block(block) => push_block(&mut document, block),
        }
    }
    document
}

fn push_block(document: &mut Document, block: Block) {
    match document.parts.last_mut() {
        None => document.preamble.push(block),
        Some(part) => match part.items.last_mut() {
            Some(item) => item.blocks.push(block),
            None => part.intro.push(block),
        },
    }
}

static REQUESTED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^đề\s+nghị\s+").expect("valid regex"));

/// Who does what: each numbered item of an implementation part is a unit and its duties.
fn find_assignments(body: &Document, doc_type: DocType) -> Vec<Assignment> {
    let mut out = Vec::new();
    for part in &body.parts {
        let is_implementation = part.kind == PartKind::Implementation
            || (doc_type == DocType::OfficialLetter
                && part.numeral.is_none()
                && part.title.is_empty());
        if !is_implementation {
            continue;
        }
        for item in &part.items {
            let title = item
                .title
                .plain
                .trim()
                .trim_end_matches(['.', ':', ';'])
                .trim();
            let requested = REQUESTED.is_match(title);
            let unit_name = REQUESTED.replace(title, "").trim().to_owned();
            let mut duties = Vec::new();
            for block in &item.blocks {
                match &block.kind {
                    BlockKind::List(list) => {
                        duties.extend(list.items.iter().map(|i| i.text.clone()))
                    }
                    BlockKind::Paragraph { text } => duties.push(text.clone()),
                    _ => {}
                }
            }
            out.push(Assignment {
                number: item.number.clone(),
                unit_name,
                unit_id: None,
                requested,
                duties,
                line: item.line,
                anchor: item.anchor.clone(),
            });
        }
    }
    out
}

/// The fields of a plan (its front matter), as the loader reads them, for the editing desk's forms.
pub fn schema() -> schemars::Schema {
    schemars::schema_for!(RawPlan)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn part_kinds() {
        assert_eq!(part_kind("MỤC ĐÍCH, YÊU CẦU"), PartKind::Purpose);
        assert_eq!(part_kind("MỤC TIÊU"), PartKind::Targets);
        assert_eq!(
            part_kind("NỘI DUNG VÀ GIẢI PHÁP THỰC HIỆN"),
            PartKind::Tasks
        );
        assert_eq!(part_kind("KINH PHÍ THỰC HIỆN"), PartKind::Funding);
        assert_eq!(part_kind("TỔ CHỨC THỰC HIỆN"), PartKind::Implementation);
    }
}
