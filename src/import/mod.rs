//! `loa import`: a Word (.docx), text (.txt) or Markdown (.md) plan or official letter -> one plan
//! file in the core format (`content/plans/*.md`), a summary of what was recognised, and entries
//! proposed for `data/units.toml` and `data/legal.toml`.
//!
//! Stages: bytes -> text ([`decode`]) -> logical lines ([`lines`]), or a Word file straight to
//! lines ([`docx`]) -> document parts
//! ([`parse`]) -> plan file ([`emit`]). The plan file is then read back with the core plan loader,
//! so the summary counts exactly what the site will show. Nothing is dropped: a line that fits
//! nowhere goes into a marked section at the end of the body and is reported as a warning.

pub mod command;
pub mod decode;
pub mod docx;
pub mod emit;
pub mod lines;
pub mod parse;
pub mod propose;
pub mod report;
pub mod units;
pub mod vietnamese;

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::load::SourceText;
use crate::load::plan::{PlanDefaults, load as load_plan};
use crate::locale::slugify;
use crate::model::{LegalDoc, Plan, Signer, Unit};

pub use propose::{ProposedLegal, ProposedUnit, RegistryProposals};

/// The site's registries and defaults the import compares against.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// data/units.toml.
    pub units: &'a [Unit],
    /// data/legal.toml.
    pub legal: &'a [LegalDoc],
    /// The site's name (place in the date line).
    pub place: &'a str,
    /// The site's default signer.
    pub signer: &'a Signer,
    /// The site's parent body (site.toml `co_quan_cap_tren`).
    pub parent_body: &'a str,
    /// The site's issuing body (site.toml `co_quan_ban_hanh`).
    pub issuing_body: &'a str,
}

/// The registries and defaults of a site folder, read for an import (empty when the folder is
/// not a site).
#[derive(Debug, Clone, Default)]
pub struct SiteData {
    /// data/units.toml.
    pub units: Vec<Unit>,
    /// data/legal.toml.
    pub legal: Vec<LegalDoc>,
    /// The site's name.
    pub place: String,
    /// The site's default signer.
    pub signer: Signer,
    /// The site's parent body.
    pub parent_body: String,
    /// The site's issuing body.
    pub issuing_body: String,
    /// Problems reading them.
    pub problems: Diagnostics,
}

impl SiteData {
    /// Reads site.toml and the registries under `root`, where they exist.
    pub fn read(root: &Path) -> SiteData {
        use crate::load::{config, read_source, registry};
        let mut data = SiteData::default();
        let read = |relative: &str, data: &mut SiteData| {
            if !root.join(relative).is_file() {
                return None;
            }
            match read_source(root, Path::new(relative)) {
                Ok(source) => Some(source),
                Err(d) => {
                    data.problems.push(d);
                    None
                }
            }
        };
        if let Some(source) = read("site.toml", &mut data)
            && let Some(config) = config::load(&source, &mut data.problems)
        {
            data.place = config.name;
            data.signer = config.default_signer;
            data.parent_body = config.parent_body;
            data.issuing_body = config.issuing_body;
        }
        if let Some(source) = read("data/units.toml", &mut data) {
            data.units = registry::load_units(&source, &mut data.problems);
        }
        if let Some(source) = read("data/legal.toml", &mut data) {
            data.legal = registry::load_legal(&source, &mut data.problems);
        }
        data
    }

    /// The context an import compares against.
    pub fn context(&self) -> Context<'_> {
        Context {
            units: &self.units,
            legal: &self.legal,
            place: &self.place,
            signer: &self.signer,
            parent_body: &self.parent_body,
            issuing_body: &self.issuing_body,
        }
    }
}

/// The result of an import.
#[derive(Debug, Clone)]
pub struct Imported {
    /// File name of the plan file (`ke-hoach-x.md`).
    pub file_name: String,
    /// The plan file's text.
    pub text: String,
    /// The plan as the site will read it.
    pub plan: Plan,
    /// What the parser found beyond the plan (issuing body, page breaks, ...).
    pub parsed: parse::Parsed,
    /// The encoding the source was read in.
    pub encoding: decode::Encoding,
    /// Every citation found, as written, with whether the registry knows it.
    pub citations: Vec<(String, bool)>,
    /// Units not in the registry.
    pub proposed_units: Vec<ProposedUnit>,
    /// Legal documents not in the registry.
    pub proposed_legal: Vec<ProposedLegal>,
    /// Warnings about the source (located in the source file).
    pub warnings: Diagnostics,
}

/// Refuses text that does not read as Vietnamese (a wrong or unknown encoding, or a Word file
/// typed in an old 8-bit font), naming the first line that shows it, rather than writing garbled
/// words. `encoding` is how the text was read (`None` for a Word file); `line_of` maps a line of
/// `text` (1-based) to the source's own line or paragraph.
fn refuse_unless_vietnamese(
    source: &Path,
    text: &str,
    encoding: Option<decode::Encoding>,
    line_of: &dyn Fn(usize) -> usize,
) -> Result<(), Diagnostic> {
    let reading = vietnamese::reading(text);
    if !reading.refused() {
        return Ok(());
    }
    let (line, words) = reading.first_bad.clone().unwrap_or((1, Vec::new()));
    let error = match encoding {
        Some(encoding) => Diagnostic::error(
            "import_not_vietnamese",
            Some(Location::new(source, line_of(line), 1)),
        )
        .arg("encoding", encoding.name()),
        None => Diagnostic::error(
            "import_docx_not_vietnamese",
            Some(Location::new(source, line_of(line), 1)),
        ),
    };
    Err(error
        .arg(
            "share",
            crate::locale::format::percent(reading.share() * 100.0),
        )
        .arg(
            "threshold",
            crate::locale::format::percent(vietnamese::THRESHOLD * 100.0),
        )
        .arg("words", words.join(" ")))
}

/// Imports the document `bytes` read from `source` (named in messages as given).
pub fn import(source: &Path, bytes: &[u8], context: &Context<'_>) -> Result<Imported, Diagnostic> {
    let at = |line: usize| Location::new(source, line, 1);
    let extension = source
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let mut warnings = Diagnostics::new();
    let (lines, encoding) = if extension == "docx" {
        // Word paragraphs are already whole: read as lines, never through text rejoining.
        let word = docx::docx_to_lines(bytes).map_err(|e| {
            Diagnostic::error("import_docx_invalid", Some(Location::file(source)))
                .arg("reason", e.0)
        })?;
        for notice in word.notices {
            let mut warning = Diagnostic::warning(notice.note.code(), Some(at(notice.paragraph)));
            for (name, value) in notice.args {
                warning = warning.arg(name, value);
            }
            warnings.push(warning);
        }
        // A document typed in an old 8-bit font (.VnTime, VNI-Times) stores its letters as
        // other characters: Word shows them right, the text is not Vietnamese.
        let text: Vec<&str> = word.lines.iter().map(|l| l.text.as_str()).collect();
        refuse_unless_vietnamese(source, &text.join("\n"), None, &|line| {
            word.lines.get(line - 1).map_or(line, |l| l.line)
        })?;
        (word.lines, decode::Encoding::Utf8)
    } else if matches!(extension.as_str(), "txt" | "md" | "markdown" | "text" | "") {
        let (text, encoding) = decode::decode(bytes).map_err(|e| match e {
            decode::DecodeError::Vni => {
                Diagnostic::error("import_vni", Some(Location::file(source)))
            }
            decode::DecodeError::Unknown(offset) => {
                Diagnostic::error("import_encoding_unknown", Some(Location::file(source)))
                    .arg("offset", offset.to_string())
            }
        })?;
        refuse_unless_vietnamese(source, &text, Some(encoding), &|line| line)?;
        let converted = match encoding {
            decode::Encoding::Tcvn3 => Some("import_tcvn3_converted"),
            decode::Encoding::Vni => Some("import_vni_converted"),
            decode::Encoding::Cp1258 => Some("import_cp1258_converted"),
            _ => None,
        };
        if let Some(code) = converted {
            warnings.push(Diagnostic::warning(code, Some(Location::file(source))));
        }
        let markdown = matches!(extension.as_str(), "md" | "markdown");
        (lines::lines_with(&text, markdown), encoding)
    } else {
        return Err(
            Diagnostic::error("import_kind_unknown", Some(Location::file(source)))
                .arg("extension", extension),
        );
    };
    let mut parsed = parse::parse(lines);
    units::split_combined(&mut parsed, context.units);
    if parsed.body.is_empty() {
        return Err(Diagnostic::error(
            "import_no_body",
            Some(Location::file(source)),
        ));
    }
    let stem = source
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let slug = match slugify(&stem) {
        s if s.is_empty() => "van-ban".to_owned(),
        s => s,
    };
    let file_name = format!("{slug}.md");
    let source_name = source
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let plan_text = emit::emit(&parsed, &source_name, context);

    // Read the file back with the core loader: the summary counts what the site will show.
    let plan_path = PathBuf::from("content/plans").join(&file_name);
    let plan_source = SourceText::new(&plan_path, plan_text.clone());
    let mut load_problems = Diagnostics::new();
    let plan = load_plan(
        &plan_source,
        slug,
        &PlanDefaults {
            place: context.place,
            signer: context.signer,
            parent_body: context.parent_body,
            issuing_body: context.issuing_body,
        },
        &mut load_problems,
    );
    let plan = match plan {
        Some(plan) if !load_problems.has_errors() => plan,
        _ => {
            let first = load_problems
                .iter()
                .find(|d| d.is_error())
                .map(ToString::to_string)
                .unwrap_or_default();
            return Err(
                Diagnostic::error("import_output_invalid", Some(Location::file(source)))
                    .arg("reason", first),
            );
        }
    };

    // Warnings about what was found; an issuing body other than the site's, as `loa check` says.
    for problem in load_problems
        .iter()
        .filter(|d| d.code == "plan_issuer_differs")
    {
        warnings.push(problem.clone());
    }
    if parsed.doc_type.is_none() {
        warnings.push(Diagnostic::warning("import_no_type", Some(at(1))));
    }
    if parsed.subject.as_deref().is_none_or(str::is_empty) {
        warnings.push(Diagnostic::warning("import_no_subject", Some(at(1))));
    }
    if parsed.date.is_none() {
        warnings.push(Diagnostic::warning("import_no_date", Some(at(1))));
    }
    if parsed.authority.is_empty() && parsed.signer_title.is_none() {
        warnings.push(Diagnostic::warning("import_no_signer", Some(at(1))));
    } else if parsed.signer_name.is_none() {
        warnings.push(Diagnostic::warning("import_signer_no_name", Some(at(1))));
    }
    if let Some((line, written)) = &parsed.impossible_date {
        warnings.push(
            Diagnostic::warning("import_date_impossible", Some(at(*line)))
                .arg("date", written.clone()),
        );
    }
    for &(line, width) in &parsed.irregular_tables {
        warnings.push(
            Diagnostic::warning("import_table_irregular", Some(at(line)))
                .arg("width", width.to_string()),
        );
    }
    for (line, text) in &parsed.unplaced {
        warnings.push(Diagnostic::warning("import_unplaced", Some(at(*line))).arg("text", text));
    }
    let proposals = propose::propose(&plan, &parsed, context);
    for unit in &proposals.units {
        warnings.push(
            Diagnostic::warning("import_unit_new", Some(at(unit.source_line)))
                .arg("name", unit.name.clone()),
        );
    }
    for doc in &proposals.legal {
        warnings.push(
            Diagnostic::warning("import_citation_new", Some(at(doc.source_line)))
                .arg("citation", doc.cited_as.clone()),
        );
    }
    Ok(Imported {
        file_name,
        text: plan_text,
        plan,
        parsed,
        encoding,
        citations: proposals.citations,
        proposed_units: proposals.units,
        proposed_legal: proposals.legal,
        warnings,
    })
}
