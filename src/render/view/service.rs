//! Administrative procedures and questions and answers (Nghị định 42).

use serde::Serialize;

use crate::locale::format;
use crate::model::Site;
use crate::render::inline::Linker;
use crate::render::urls;

use super::*;

/// A procedure on the procedures page.
#[derive(Debug, Serialize)]
pub struct ProcedureView {
    pub anchor: String,
    pub code: Option<String>,
    pub name: String,
    pub level: String,
    pub place: String,
    pub duration: String,
    pub fees: String,
    pub papers: Vec<String>,
    /// The procedure's own page on a portal, else the national portal's front page.
    pub portal_url: String,
    /// Whether `portal_url` is the procedure's own page.
    pub own_page: bool,
}

/// The procedures of one field.
#[derive(Debug, Serialize)]
pub struct ProcedureGroup {
    pub field: String,
    pub anchor: String,
    pub procedures: Vec<ProcedureView>,
}

/// The procedures grouped by field, fields in the order the registry first names them.
pub fn procedure_groups(site: &Site) -> Vec<ProcedureGroup> {
    let mut groups: Vec<ProcedureGroup> = Vec::new();
    for p in &site.procedures {
        let view = ProcedureView {
            anchor: p.anchor.clone(),
            code: p.code.clone(),
            name: p.name.clone(),
            level: p.level.clone(),
            place: p.place.clone(),
            duration: p.duration.clone(),
            fees: p.fees.clone(),
            papers: p.papers.clone(),
            portal_url: p
                .link
                .clone()
                .unwrap_or_else(|| urls::NATIONAL_PORTAL.to_owned()),
            own_page: p.link.is_some(),
        };
        match groups.iter_mut().find(|g| g.field == p.field) {
            Some(group) => group.procedures.push(view),
            None => groups.push(ProcedureGroup {
                field: p.field.clone(),
                anchor: format!("linh-vuc-{}", crate::locale::slugify(&p.field)),
                procedures: vec![view],
            }),
        }
    }
    groups
}

/// A question and its answer on the questions page.
#[derive(Debug, Serialize)]
pub struct QuestionView {
    pub anchor: String,
    pub question: String,
    pub date_text: String,
    pub answer_html: String,
    pub topics: Vec<String>,
    pub policies: Vec<PolicyLink>,
    /// The procedures it concerns: name (or code) and address on the procedures page.
    pub procedures: Vec<Link>,
}

/// Builds a question's view; its answer is Markdown, with citations linked.
pub fn question_view(site: &Site, q: &crate::model::Question, linker: &Linker<'_>) -> QuestionView {
    QuestionView {
        anchor: q.slug.clone(),
        question: q.question.clone(),
        date_text: q.date.map(format::short_date).unwrap_or_default(),
        answer_html: linker.block_html(&q.answer),
        topics: q.topics.clone(),
        policies: q
            .policies
            .iter()
            .filter_map(|id| site.legal.iter().find(|d| &d.id == id))
            .map(policy_link)
            .collect(),
        procedures: q
            .procedures
            .iter()
            .map(|code| Link {
                title: site
                    .procedure(code)
                    .map_or_else(|| code.clone(), |p| p.name.clone()),
                url: urls::procedure(code),
            })
            .collect(),
    }
}
