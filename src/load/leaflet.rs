//! Leaflets (content/leaflets/*.md): TOML front matter between `+++` lines (title, key facts,
//! where to get help, the commemorative day) and a Markdown body of short `##` sections.

use serde::Deserialize;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::frontmatter::{SourceText, parse_toml, split};
use crate::load::markdown::{self, Piece};
use crate::model::{Block, BlockKind, Inline, Leaflet, LeafletSection};

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawLeaflet {
    tieu_de: String,
    #[serde(default)]
    phu_de: String,
    #[serde(default)]
    ngay_ky_niem: Option<String>,
    #[serde(default)]
    lien_ket: Option<String>,
    #[serde(default)]
    diem_chinh: Vec<String>,
    #[serde(default)]
    noi_ho_tro: Vec<String>,
    #[serde(default)]
    anh: Option<String>,
    #[serde(default)]
    chu_thich: String,
    #[serde(default)]
    tac_gia: String,
    #[serde(default)]
    mo_ta_anh: String,
}

/// Reads one leaflet; problems are recorded in `diagnostics` with their file and line.
pub fn load(source: &SourceText, slug: String, diagnostics: &mut Diagnostics) -> Option<Leaflet> {
    let parts = match split(source) {
        Ok(parts) => parts,
        Err(d) => {
            diagnostics.push(d);
            return None;
        }
    };
    let raw: RawLeaflet = match parse_toml(source, parts.front, parts.front_offset, "ctx_leaflet") {
        Ok(raw) => raw,
        Err(d) => {
            diagnostics.push(d);
            return None;
        }
    };
    let mut ok = true;
    if raw.tieu_de.trim().is_empty() {
        diagnostics.push(Diagnostic::error(
            "title_missing",
            Some(source.key_location("tieu_de", parts.front_offset)),
        ));
        ok = false;
    }
    if let Some(link) = &raw.lien_ket
        && !link.starts_with('/')
    {
        diagnostics.push(
            Diagnostic::error(
                "leaflet_link_invalid",
                Some(source.key_location("lien_ket", parts.front_offset)),
            )
            .field("lien_ket")
            .arg("value", link.clone()),
        );
        ok = false;
    }

    let line_of = |offset: usize| source.line_of(parts.body_offset + offset);
    let body_location = |offset: usize| source.location(parts.body_offset + offset);
    let (pieces, _) = markdown::read(parts.body, &body_location, diagnostics)?;
    let mut sections: Vec<LeafletSection> = Vec::new();
    for piece in pieces {
        match piece {
            Piece::Heading {
                level: 2,
                text,
                offset,
            } => sections.push(LeafletSection {
                title: text,
                line: line_of(offset),
                blocks: Vec::new(),
            }),
            Piece::Heading { text, offset, .. } => push_block(
                &mut sections,
                Block {
                    line: line_of(offset),
                    kind: BlockKind::Heading { text },
                },
            ),
            Piece::Block(block) => push_block(&mut sections, block),
        }
    }
    if sections.is_empty() && raw.diem_chinh.is_empty() {
        diagnostics.push(Diagnostic::error(
            "leaflet_empty",
            Some(source.location(parts.body_offset)),
        ));
        ok = false;
    }
    let day_line = source.key_location("ngay_ky_niem", parts.front_offset).line;
    ok.then(|| Leaflet {
        slug,
        source: source.path.clone(),
        title: raw.tieu_de.trim().to_owned(),
        subtitle: raw.phu_de.trim().to_owned(),
        day: raw.ngay_ky_niem.filter(|d| !d.trim().is_empty()),
        day_line,
        link: raw.lien_ket,
        facts: raw.diem_chinh,
        help: raw.noi_ho_tro,
        sections,
        source_text: source.text.as_str().into(),
        lead_photo: crate::load::photos::lead_photo(
            source,
            parts.front_offset,
            raw.anh,
            raw.chu_thich,
            raw.tac_gia,
            raw.mo_ta_anh,
        ),
    })
}

/// Adds a block to the last section, opening an untitled one for text before the first `##`.
fn push_block(sections: &mut Vec<LeafletSection>, block: Block) {
    if sections.is_empty() {
        sections.push(LeafletSection {
            title: Inline::default(),
            line: block.line,
            blocks: Vec::new(),
        });
    }
    if let Some(last) = sections.last_mut() {
        last.blocks.push(block);
    }
}

/// The fields of a leaflet (its front matter), as the loader reads them, for the editing desk's forms.
pub fn schema() -> schemars::Schema {
    schemars::schema_for!(RawLeaflet)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (Option<Leaflet>, Diagnostics) {
        let mut diagnostics = Diagnostics::default();
        let source = SourceText::new("content/leaflets/a.md", text.to_owned());
        (load(&source, "a".into(), &mut diagnostics), diagnostics)
    }

    #[test]
    fn sections_facts_and_help_are_read() {
        let (leaflet, diagnostics) = read(
            "+++\ntieu_de = \"Chăm sóc người cao tuổi\"\ndiem_chinh = [\"Từ 80 tuổi được trợ cấp\"]\nnoi_ho_tro = [\"Bộ phận một cửa\"]\n+++\n\n## Ai được hưởng\n\n- Người từ 80 tuổi\n\n## Thủ tục\n\nNộp tờ khai.\n",
        );
        assert!(!diagnostics.has_errors(), "{diagnostics:?}");
        let leaflet = leaflet.unwrap();
        assert_eq!(leaflet.facts, ["Từ 80 tuổi được trợ cấp"]);
        assert_eq!(leaflet.sections.len(), 2);
        assert_eq!(leaflet.sections[1].title.plain, "Thủ tục");
        assert_eq!(leaflet.sections[1].line, 11);
    }

    #[test]
    fn unknown_field_is_located() {
        let (leaflet, diagnostics) =
            read("+++\ntieu_de = \"A\"\ndiem_chinhh = []\n+++\n## X\n\ny\n");
        assert!(leaflet.is_none());
        let error = diagnostics.iter().next().unwrap();
        assert_eq!(error.location.as_ref().unwrap().line, 3);
        assert!(error.to_string().contains("diem_chinh"), "{error}");
    }
}
