//! Views of the "Tôi cần..." pages: the front door (benefits grouped by who they are for) and one
//! page per benefit. Numbers and dates are formatted here; the words are the templates'.

use serde::Serialize;

use crate::locale::format;
use crate::model::{Benefit, Form, Site};
use crate::render::inline::Linker;
use crate::render::urls;
use crate::render::view::{self, Link, OfficialView, PolicyLink};

/// A benefit as listed: on the front door, the home page, and the pages that concern it.
#[derive(Debug, Clone, Serialize)]
pub struct BenefitLink {
    pub url: String,
    pub title: String,
    pub situation: String,
    pub summary: String,
}

/// A group of the front door.
#[derive(Debug, Serialize)]
pub struct BenefitGroup {
    /// Who the benefits are for (empty: the ungrouped ones).
    pub name: String,
    /// Anchor of the group.
    pub anchor: String,
    pub benefits: Vec<BenefitLink>,
}

/// An amount, formatted.
#[derive(Debug, Serialize)]
pub struct AmountView {
    pub who: String,
    /// `750.000 đồng`, empty when it is not money.
    pub amount_text: String,
    pub per: String,
    pub note: String,
}

/// A form to download.
#[derive(Debug, Serialize)]
pub struct FormView {
    pub title: String,
    pub url: String,
    /// Lower-case extension (`docx`, `pdf`), for the template to name the kind of file.
    pub extension: String,
    /// `24 KB`, `1,2 MB`.
    pub size_text: String,
}

/// A benefit page.
#[derive(Debug, Serialize)]
pub struct BenefitView {
    #[serde(flatten)]
    pub link: BenefitLink,
    pub group: String,
    pub eligible: Vec<String>,
    pub amounts: Vec<AmountView>,
    pub papers: Vec<String>,
    pub place: String,
    pub hours: String,
    pub processing_time: String,
    pub fee: String,
    pub contacts: Vec<OfficialView>,
    pub forms: Vec<FormView>,
    pub policies: Vec<PolicyLink>,
    pub plans: Vec<Link>,
    pub days: Vec<Link>,
    /// Administrative procedures it is applied for with: name and code, on the procedures page.
    pub procedures: Vec<ProcedureLink>,
    pub body_html: String,
}

/// An administrative procedure a benefit is applied for with.
#[derive(Debug, Serialize)]
pub struct ProcedureLink {
    pub code: String,
    pub name: String,
    pub url: String,
}

/// The short form of a benefit.
pub fn benefit_link(benefit: &Benefit) -> BenefitLink {
    BenefitLink {
        url: urls::benefit(&benefit.slug),
        title: benefit.title.clone(),
        situation: benefit.situation.clone(),
        summary: benefit.summary.clone(),
    }
}

/// The benefits at `indices`, as links.
pub fn links(site: &Site, indices: &[usize]) -> Vec<BenefitLink> {
    indices
        .iter()
        .map(|&i| benefit_link(&site.benefits[i]))
        .collect()
}

/// Every benefit, as links, in front-door order.
pub fn all_links(site: &Site) -> Vec<BenefitLink> {
    site.benefits.iter().map(benefit_link).collect()
}

/// The front door: benefits grouped by who they are for, groups in the order their first benefit
/// comes.
pub fn groups(site: &Site) -> Vec<BenefitGroup> {
    let mut groups: Vec<BenefitGroup> = Vec::new();
    for benefit in &site.benefits {
        let link = benefit_link(benefit);
        match groups.iter_mut().find(|g| g.name == benefit.group) {
            Some(group) => group.benefits.push(link),
            None => groups.push(BenefitGroup {
                name: benefit.group.clone(),
                anchor: crate::locale::slugify(&benefit.group),
                benefits: vec![link],
            }),
        }
    }
    groups
}

/// A file to download, published at `url`.
pub fn form_view(form: &Form, url: String) -> FormView {
    FormView {
        title: form.title.clone(),
        url,
        extension: form
            .file_name
            .rsplit_once('.')
            .map(|(_, x)| x.to_owned())
            .unwrap_or_default(),
        size_text: format::file_size(form.bytes.len() as u64),
    }
}

/// Benefit `index` in full.
pub fn benefit_view(site: &Site, index: usize, linker: &Linker<'_>) -> BenefitView {
    let b = &site.benefits[index];
    let officials = &site.config.officials;
    BenefitView {
        link: benefit_link(b),
        group: b.group.clone(),
        eligible: b.eligible.clone(),
        amounts: b
            .amounts
            .iter()
            .map(|a| AmountView {
                who: a.who.clone(),
                amount_text: a.dong.map(|d| format::money(d as f64)).unwrap_or_default(),
                per: a.per.clone(),
                note: a.note.clone(),
            })
            .collect(),
        papers: b.papers.clone(),
        place: b.place.clone(),
        hours: b.hours.clone(),
        processing_time: b.processing_time.clone(),
        fee: b.fee.clone(),
        contacts: b
            .contact_indices
            .iter()
            .map(|&i| view::official_view(&officials[i]))
            .collect(),
        forms: b
            .forms
            .iter()
            .map(|f| form_view(f, urls::benefit_form(&b.slug, &f.file_name)))
            .collect(),
        policies: b
            .policies
            .iter()
            .filter_map(|id| site.legal.iter().find(|l| &l.id == id))
            .map(view::policy_link)
            .collect(),
        plans: b
            .plans
            .iter()
            .filter_map(|slug| site.plans.iter().find(|p| &p.slug == slug))
            .map(|p| Link {
                title: p.title(),
                url: urls::plan(&p.slug),
            })
            .collect(),
        days: b
            .days
            .iter()
            .filter_map(|id| site.days.iter().find(|d| &d.id == id))
            .map(|d| Link {
                title: d.name.clone(),
                url: urls::day(&d.id),
            })
            .collect(),
        procedures: b
            .procedures
            .iter()
            .filter_map(|code| site.procedure(code))
            .map(|p| ProcedureLink {
                code: p.code.clone().unwrap_or_default(),
                name: p.name.clone(),
                url: urls::procedure_anchor(&p.anchor),
            })
            .collect(),
        body_html: linker.at(&b.source).block_html(&b.body),
    }
}

#[cfg(test)]
mod tests {
    use crate::locale::format::file_size as size_text;

    #[test]
    fn sizes_read_as_a_resident_reads_them() {
        assert_eq!(size_text(300), "1 KB");
        assert_eq!(size_text(24 * 1024), "24 KB");
        assert_eq!(size_text(1_300_000), "1,2 MB");
    }
}
