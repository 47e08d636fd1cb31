//! Benefits and services (content/toi-can/*.md): TOML front matter with who qualifies, amounts,
//! papers, place, time, contacts, forms and references; a Markdown body with the steps.

use std::path::Path;

use serde::Deserialize;

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::load::frontmatter::{SourceText, parse_toml, split};
use crate::load::markdown;
use crate::model::{Amount, Benefit, BenefitLines, Form};

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawBenefit {
    tieu_de: String,
    #[serde(default)]
    tinh_huong: String,
    #[serde(default)]
    nhom: String,
    #[serde(default)]
    tom_tat: String,
    #[serde(default)]
    thu_tu: Option<i32>,
    #[serde(default)]
    duong_dan: Option<String>,
    #[serde(default)]
    doi_tuong: Vec<String>,
    #[serde(default)]
    muc_huong: Vec<Amount>,
    #[serde(default)]
    giay_to: Vec<String>,
    #[serde(default)]
    noi_nop: String,
    #[serde(default)]
    thoi_gian: String,
    #[serde(default)]
    thoi_han: String,
    #[serde(default)]
    le_phi: String,
    #[serde(default)]
    lien_he: Vec<String>,
    #[serde(default)]
    mau_don: Vec<RawForm>,
    #[serde(default)]
    can_cu: Vec<String>,
    #[serde(default)]
    ke_hoach: Vec<String>,
    #[serde(default)]
    ngay: Vec<String>,
    #[serde(default)]
    thu_tuc: Vec<String>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawForm {
    ten: String,
    tep: String,
}

fn trimmed(list: Vec<String>) -> Vec<String> {
    list.into_iter()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Reads one benefit; `root` is the site folder (forms are read from it). Problems are recorded
/// in `diagnostics` with their file and line.
pub fn load(
    root: &Path,
    source: &SourceText,
    slug: String,
    diagnostics: &mut Diagnostics,
) -> Option<Benefit> {
    let parts = match split(source) {
        Ok(parts) => parts,
        Err(d) => {
            diagnostics.push(d);
            return None;
        }
    };
    let raw: RawBenefit = match parse_toml(source, parts.front, parts.front_offset, "ctx_benefit") {
        Ok(raw) => raw,
        Err(d) => {
            diagnostics.push(d);
            return None;
        }
    };
    let at = |key: &str| source.key_location(key, parts.front_offset);
    if raw.tieu_de.trim().is_empty() {
        diagnostics.push(Diagnostic::error("title_missing", Some(at("tieu_de"))));
    }
    // A benefit page without the three things a resident comes for is not finished.
    for (key, empty) in [
        (
            "doi_tuong",
            raw.doi_tuong.iter().all(|s| s.trim().is_empty()),
        ),
        ("giay_to", raw.giay_to.iter().all(|s| s.trim().is_empty())),
        ("noi_nop", raw.noi_nop.trim().is_empty()),
    ] {
        if empty {
            diagnostics.push(
                Diagnostic::warning("benefit_field_empty", Some(at(key)))
                    .field(key)
                    .arg("field", key.to_owned()),
            );
        }
    }
    for amount in &raw.muc_huong {
        if amount.dong.is_none() && amount.note.trim().is_empty() {
            diagnostics.push(
                Diagnostic::error("benefit_amount_empty", Some(at("muc_huong")))
                    .field("muc_huong")
                    .arg("who", amount.who.clone()),
            );
        }
    }
    let folder = source.path.parent().unwrap_or(Path::new(""));
    let mut forms = Vec::new();
    for form in &raw.mau_don {
        let location =
            form_location(source, &form.tep, parts.front_offset).unwrap_or_else(|| at("mau_don"));
        forms.extend(read_form(root, folder, form, location, diagnostics));
    }
    let body_location = |offset: usize| source.location(parts.body_offset + offset);
    let links = markdown::check(parts.body, &body_location, diagnostics)?;
    // A benefit with a problem above is kept (the build fails on the error anyway), so that its
    // references are checked too and every problem of the file is reported in one run.
    let slug = raw
        .duong_dan
        .as_deref()
        .map(crate::locale::slugify)
        .filter(|s| !s.is_empty())
        .unwrap_or(slug);
    let line = |key: &str| at(key).line;
    Some(Benefit {
        slug,
        source: source.path.clone(),
        title: raw.tieu_de.trim().to_owned(),
        situation: raw.tinh_huong.trim().to_owned(),
        group: raw.nhom.trim().to_owned(),
        summary: raw.tom_tat.trim().to_owned(),
        order: raw.thu_tu,
        eligible: trimmed(raw.doi_tuong),
        amounts: raw.muc_huong,
        papers: trimmed(raw.giay_to),
        place: raw.noi_nop.trim().to_owned(),
        hours: raw.thoi_gian.trim().to_owned(),
        processing_time: raw.thoi_han.trim().to_owned(),
        fee: raw.le_phi.trim().to_owned(),
        contacts: trimmed(raw.lien_he),
        contact_indices: Vec::new(),
        forms,
        policies: trimmed(raw.can_cu),
        plans: trimmed(raw.ke_hoach),
        days: trimmed(raw.ngay),
        procedures: trimmed(raw.thu_tuc),
        body: parts.body.to_owned(),
        body_line: source.line_of(parts.body_offset),
        lines: BenefitLines {
            policies: line("can_cu"),
            plans: line("ke_hoach"),
            days: line("ngay"),
            contacts: line("lien_he"),
            procedures: line("thu_tuc"),
        },
        links,
    })
}

/// The line that names `file` in the front matter (`tep = "..."`).
fn form_location(source: &SourceText, file: &str, from: usize) -> Option<Location> {
    let needle = format!("\"{file}\"");
    let found = source.text.get(from..)?.find(&needle)?;
    Some(source.location(from + found))
}

/// Reads a form named beside the benefit's file (or from the site folder when it starts with
/// `/`); it must stay inside the site folder.
fn read_form(
    root: &Path,
    folder: &Path,
    form: &RawForm,
    location: Location,
    diagnostics: &mut Diagnostics,
) -> Option<Form> {
    let (file_name, bytes) =
        crate::load::attachment::read(root, folder, &form.tep, location, diagnostics)?;
    Some(Form {
        title: form.ten.trim().to_owned(),
        file_name,
        bytes,
    })
}

/// The fields of a benefit or service (its front matter), as the loader reads them, for the editing desk's forms.
pub fn schema() -> schemars::Schema {
    schemars::schema_for!(RawBenefit)
}
