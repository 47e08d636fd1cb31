//! Questions and answers (content/hoi-dap/*.md): the question in the front matter, the answer in
//! the Markdown body, and the policies (legal codes), procedures (portal codes) and topics it
//! concerns. Cross-references are checked by the validate stage.

use serde::Deserialize;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::frontmatter::{SourceText, parse_toml, split};
use crate::load::markdown;
use crate::model::{PartialDate, Question};

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    cau_hoi: String,
    #[serde(default)]
    ngay: Option<String>,
    #[serde(default)]
    chinh_sach: Vec<String>,
    #[serde(default)]
    thu_tuc: Vec<String>,
    #[serde(default)]
    chu_de: Vec<String>,
}

/// Reads one question and its answer; `slug` (from the file name) is its anchor on `/hoi-dap/`.
pub fn load(source: &SourceText, slug: String, diagnostics: &mut Diagnostics) -> Option<Question> {
    let parts = match split(source) {
        Ok(parts) => parts,
        Err(d) => {
            diagnostics.push(d);
            return None;
        }
    };
    let raw: RawQuestion = match parse_toml(source, parts.front, parts.front_offset, "ctx_question")
    {
        Ok(raw) => raw,
        Err(d) => {
            diagnostics.push(d);
            return None;
        }
    };
    if raw.cau_hoi.trim().is_empty() {
        diagnostics.push(
            Diagnostic::error(
                "question_empty",
                Some(source.key_location("cau_hoi", parts.front_offset)),
            )
            .field("cau_hoi"),
        );
        return None;
    }
    if parts.body.trim().is_empty() {
        diagnostics.push(Diagnostic::error(
            "answer_empty",
            Some(source.location(parts.body_offset)),
        ));
        return None;
    }
    let date = match raw.ngay.as_deref() {
        Some(text) => match PartialDate::parse(text).and_then(PartialDate::to_date) {
            Some(date) => Some(date),
            None => {
                diagnostics.push(
                    Diagnostic::error(
                        "date_invalid",
                        Some(source.key_location("ngay", parts.front_offset)),
                    )
                    .field("ngay")
                    .arg("value", text.to_owned()),
                );
                None
            }
        },
        None => None,
    };
    let body_location = |offset: usize| source.location(parts.body_offset + offset);
    let links = markdown::check(parts.body, &body_location, diagnostics)?;
    Some(Question {
        slug,
        source: source.path.clone(),
        question: raw.cau_hoi.trim().to_owned(),
        date,
        policies: raw.chinh_sach,
        policies_line: source.key_location("chinh_sach", parts.front_offset).line,
        procedures: raw.thu_tuc,
        procedures_line: source.key_location("thu_tuc", parts.front_offset).line,
        topics: raw.chu_de,
        answer: parts.body.to_owned(),
        links,
    })
}

/// The fields of a question and answer (its front matter), as the loader reads them, for the editing desk's forms.
pub fn schema() -> schemars::Schema {
    schemars::schema_for!(RawQuestion)
}
