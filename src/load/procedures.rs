//! The administrative procedures registry (data/thu-tuc.toml): the procedures residents carry out
//! with the ward, each with its code on the National Public Service Portal (dichvucong.gov.vn).

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::load::frontmatter::{SourceText, parse_toml};
use crate::load::links;
use crate::locale::slugify;
use crate::model::Procedure;

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct ProceduresFile {
    #[serde(default)]
    #[schemars(with = "Vec<RawProcedure>")]
    thu_tuc: Vec<Spanned<RawProcedure>>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawProcedure {
    #[serde(default)]
    ma: Option<String>,
    ten: String,
    linh_vuc: String,
    #[serde(default)]
    cap: String,
    #[serde(default)]
    noi_nop: String,
    #[serde(default)]
    thoi_han: String,
    #[serde(default)]
    phi: String,
    #[serde(default)]
    giay_to: Vec<String>,
    #[serde(default)]
    lien_ket: Option<String>,
}

/// Whether `code` has the portal's shape: a digit, a dot, six digits (`1.001776`, `2.000744`).
pub fn is_procedure_code(code: &str) -> bool {
    let mut parts = code.split('.');
    matches!(
        (parts.next(), parts.next(), parts.next()),
        (Some(a), Some(b), None)
            if a.len() == 1
                && b.len() == 6
                && a.bytes().all(|c| c.is_ascii_digit())
                && b.bytes().all(|c| c.is_ascii_digit())
    )
}

/// Reads data/thu-tuc.toml. A malformed code, a code or name given twice and a link that runs
/// code are errors at their line; the procedures stay in the order the file gives.
pub fn load_procedures(source: &SourceText, diagnostics: &mut Diagnostics) -> Vec<Procedure> {
    let file: ProceduresFile = match parse_toml(source, &source.text, 0, "ctx_procedures") {
        Ok(file) => file,
        Err(d) => {
            diagnostics.push(d);
            return Vec::new();
        }
    };
    let mut procedures = Vec::new();
    let mut seen: std::collections::BTreeMap<String, usize> = Default::default();
    for spanned in file.thu_tuc {
        let start = spanned.span().start;
        let line = source.line_of(start);
        let raw = spanned.into_inner();
        let code = raw
            .ma
            .map(|c| c.trim().to_owned())
            .filter(|c| !c.is_empty());
        if let Some(code) = &code
            && !is_procedure_code(code)
        {
            diagnostics.push(
                Diagnostic::error(
                    "procedure_code_invalid",
                    Some(source.key_location("ma", start)),
                )
                .field("ma")
                .arg("value", code.clone()),
            );
            continue;
        }
        if let Some(link) = &raw.lien_ket {
            links::check_field(
                link,
                "lien_ket",
                || source.key_location("lien_ket", start),
                diagnostics,
            );
        }
        let anchor = match &code {
            Some(code) => Procedure::anchor_for_code(code),
            None => format!("tt-{}", slugify(&raw.ten)),
        };
        if let Some(first) = seen.insert(anchor.clone(), line) {
            diagnostics.push(
                Diagnostic::error(
                    "duplicate_id",
                    Some(Location::new(source.path.clone(), line, 1)),
                )
                .arg("id", code.clone().unwrap_or_else(|| raw.ten.clone()))
                .arg(
                    "other",
                    format!(
                        "{}:{}",
                        crate::diagnostics::display_path(&source.path),
                        first
                    ),
                ),
            );
            continue;
        }
        procedures.push(Procedure {
            code,
            anchor,
            name: raw.ten,
            field: raw.linh_vuc,
            level: raw.cap,
            place: raw.noi_nop,
            duration: raw.thoi_han,
            fees: raw.phi,
            papers: raw.giay_to,
            link: raw.lien_ket.filter(|l| !l.trim().is_empty()),
            line,
        });
    }
    procedures
}

/// The fields of one procedure of data/thu-tuc.toml, as the loader reads them, for the editing desk's forms.
pub fn schema() -> schemars::Schema {
    schemars::schema_for!(RawProcedure)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> (Vec<Procedure>, Vec<Diagnostic>) {
        let source = SourceText::new("data/thu-tuc.toml", text.to_owned());
        let mut d = Diagnostics::new();
        let procedures = load_procedures(&source, &mut d);
        (procedures, d.iter().cloned().collect())
    }

    #[test]
    fn codes_have_the_portal_shape() {
        assert!(is_procedure_code("1.001776"));
        assert!(is_procedure_code("2.000744"));
        assert!(!is_procedure_code("1.00177"));
        assert!(!is_procedure_code("1001776"));
        assert!(!is_procedure_code("1.001776.1"));
        assert!(!is_procedure_code("a.001776"));
    }

    #[test]
    fn a_bad_or_repeated_code_is_an_error_at_its_line() {
        let text = "[[thu_tuc]]\nma = \"1.001776\"\nten = \"A\"\nlinh_vuc = \"Bảo trợ xã hội\"\n\n\
                    [[thu_tuc]]\nten = \"B\"\nma = \"1.0017\"\nlinh_vuc = \"Bảo trợ xã hội\"\n\n\
                    [[thu_tuc]]\nma = \"1.001776\"\nten = \"C\"\nlinh_vuc = \"Bảo trợ xã hội\"\n\n\
                    [[thu_tuc]]\nten = \"Không có mã\"\nlinh_vuc = \"Y tế\"\n";
        let (procedures, errors) = load(text);
        let names: Vec<&str> = procedures.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["A", "Không có mã"]);
        assert_eq!(procedures[0].anchor, "tt-1-001776");
        assert_eq!(procedures[1].code, None);
        assert_eq!(procedures[1].anchor, "tt-khong-co-ma");
        let found: Vec<(&str, usize)> = errors
            .iter()
            .map(|e| (e.code, e.location.as_ref().unwrap().line))
            .collect();
        assert_eq!(found, [("procedure_code_invalid", 8), ("duplicate_id", 11)]);
    }

    #[test]
    fn a_missing_name_is_located() {
        let (_, errors) = load("[[thu_tuc]]\nma = \"1.001776\"\nlinh_vuc = \"X\"\n");
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].location.as_ref().unwrap().line, 1);
    }
}
