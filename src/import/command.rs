//! `loa import FILE [--root DIR] [--out DIR] [--dry-run] [--update-registries]`.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{SiteData, import, propose, report};
use crate::diagnostics::{Diagnostic, Diagnostics, Location, display_path};
use crate::messages;

/// The command's options.
#[derive(Debug, Clone)]
pub struct Options {
    /// The document to import.
    pub file: PathBuf,
    /// The site folder.
    pub root: PathBuf,
    /// Where to write the plan file (default `<root>/content/plans`).
    pub out: Option<PathBuf>,
    /// Print only.
    pub dry_run: bool,
    /// Append proposals to the registries.
    pub update_registries: bool,
}

fn print_all(diagnostics: &Diagnostics) {
    for d in diagnostics.sorted() {
        eprintln!("{d}");
    }
}

/// Writes `text` to `path` through a temporary file in the same folder (never half a file).
fn write_atomic(path: &Path, text: &str) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut temp = tempfile::NamedTempFile::new_in(dir)?;
    temp.write_all(text.as_bytes())?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

fn append(path: &Path, text: &str) -> std::io::Result<()> {
    let old = if path.exists() {
        std::fs::read_to_string(path)?
    } else {
        String::new()
    };
    write_atomic(path, &format!("{old}{text}"))
}

fn io_error(path: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error("output_error", None)
        .arg("path", display_path(path))
        .arg("reason", e.to_string())
}

/// Runs the command; exit code 1 on any error.
pub fn run(options: &Options) -> ExitCode {
    let mut problems = Diagnostics::new();
    let bytes = match std::fs::read(&options.file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!(
                "{}",
                Diagnostic::error("import_read", Some(Location::file(&options.file)))
                    .arg("reason", e.to_string())
            );
            return ExitCode::FAILURE;
        }
    };
    // The site's registries and defaults, when the folder is a site.
    let root = &options.root;
    let site = SiteData::read(root);
    problems.extend(site.problems.clone());
    let context = site.context();
    let imported = match import(&options.file, &bytes, &context) {
        Ok(i) => i,
        Err(e) => {
            print_all(&problems);
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    problems.extend(imported.warnings.clone());
    print_all(&problems);
    let source_name = display_path(&options.file);
    let out_dir = options
        .out
        .clone()
        .unwrap_or_else(|| root.join("content").join("plans"));
    let path = out_dir.join(&imported.file_name);
    if options.dry_run {
        println!("{}", imported.text);
    }
    println!("{}", report::summary(&imported, &source_name));

    let file_name = options
        .file
        .file_name()
        .map_or(source_name.clone(), |n| n.to_string_lossy().into_owned());
    let units_toml = propose::units_toml(&imported.proposed_units, &file_name);
    let legal_toml = propose::legal_toml(&imported.proposed_legal, &file_name);
    let units_path = root.join("data").join("units.toml");
    let legal_path = root.join("data").join("legal.toml");
    if options.update_registries && !options.dry_run {
        if let Err(e) = append(&units_path, &units_toml) {
            eprintln!("{}", io_error(&units_path, &e));
            return ExitCode::FAILURE;
        }
        if let Err(e) = append(&legal_path, &legal_toml) {
            eprintln!("{}", io_error(&legal_path, &e));
            return ExitCode::FAILURE;
        }
        println!(
            "{}",
            messages::text(
                "import_registries_written",
                &[
                    ("units", imported.proposed_units.len().to_string()),
                    ("legal", imported.proposed_legal.len().to_string()),
                    ("units_path", display_path(&units_path)),
                    ("legal_path", display_path(&legal_path)),
                ],
            )
            .vi
        );
    } else {
        for (toml, path) in [(&units_toml, &units_path), (&legal_toml, &legal_path)] {
            if !toml.is_empty() {
                println!(
                    "\n{}{}",
                    messages::text("import_proposals", &[("path", display_path(path))]).vi,
                    toml
                );
            }
        }
    }
    if options.dry_run {
        return ExitCode::SUCCESS;
    }
    if path.exists() {
        eprintln!(
            "{}",
            Diagnostic::error("import_exists", None).arg("path", display_path(&path))
        );
        return ExitCode::FAILURE;
    }
    if let Err(e) = write_atomic(&path, &imported.text) {
        eprintln!("{}", io_error(&path, &e));
        return ExitCode::FAILURE;
    }
    println!(
        "{}",
        messages::text(
            "import_written",
            &[
                ("path", display_path(&path)),
                ("warnings", imported.warnings.warning_count().to_string()),
            ],
        )
        .vi
    );
    ExitCode::SUCCESS
}
