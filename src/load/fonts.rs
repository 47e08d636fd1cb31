//! The print font named in site.toml (`phong_chu`): found among the fonts Typst embeds, the
//! site's own font folders (`thu_muc_phong_chu`) and the machine's fonts (typst-kit's font
//! search, through fontdb and the fontconfig folders), then read into memory so that rendering
//! never touches a file. Nothing is searched when no font is named.

use std::path::Path;

use crate::diagnostics::Diagnostics;
use crate::model::SiteConfig;
use crate::model::fonts::PrintFonts;

/// How many found families a "font not found" message lists.
#[cfg(feature = "pdf")]
const NEAREST_SHOWN: usize = 5;

/// Finds and reads the print font named in site.toml; the default (embedded) when none is named
/// or when the build makes no PDF (cargo feature `pdf` off).
pub fn load(root: &Path, config: &SiteConfig, diagnostics: &mut Diagnostics) -> PrintFonts {
    #[cfg(feature = "pdf")]
    {
        search(root, config, diagnostics)
    }
    #[cfg(not(feature = "pdf"))]
    {
        let _ = (root, config, diagnostics);
        PrintFonts::default()
    }
}

#[cfg(feature = "pdf")]
fn search(root: &Path, config: &SiteConfig, diagnostics: &mut Diagnostics) -> PrintFonts {
    use std::collections::BTreeSet;

    use crate::diagnostics::Diagnostic;
    use crate::load::SourceText;
    use crate::model::fonts::FontFile;

    let site_toml = SourceText::new("site.toml", config.source_text.to_string());
    let mut folders = Vec::new();
    for dir in &config.font_dirs {
        let folder = root.join(dir);
        if folder.is_dir() {
            folders.push(folder);
        } else {
            diagnostics.push(
                Diagnostic::error(
                    "font_dir_missing",
                    Some(site_toml.key_location("thu_muc_phong_chu", 0)),
                )
                .field("thu_muc_phong_chu")
                .arg("dir", dir.display().to_string()),
            );
        }
    }
    let Some((wanted, location)) = &config.print_font else {
        return PrintFonts::default();
    };
    let same = |family: &str| family.trim().eq_ignore_ascii_case(wanted.trim());
    let embedded: BTreeSet<String> = typst_kit::fonts::embedded()
        .map(|(_, info)| info.family)
        .collect();
    if let Some(family) = embedded.iter().find(|f| same(f)) {
        return PrintFonts {
            family: family.clone(),
            faces: Vec::new(),
        };
    }

    let mut found = Vec::new();
    for folder in &folders {
        found.extend(typst_kit::fonts::scan(folder));
    }
    found.extend(typst_kit::fonts::system());

    let mut faces: Vec<FontFile> = Vec::new();
    let mut family = wanted.clone();
    for (path, info) in &found {
        if !same(&info.family)
            || faces
                .iter()
                .any(|f| f.path == path.path && f.index == path.index)
        {
            continue;
        }
        match std::fs::read(&path.path) {
            Ok(bytes) => {
                family = info.family.clone();
                faces.push(FontFile {
                    path: path.path.clone(),
                    index: path.index,
                    data: bytes.into(),
                });
            }
            Err(e) => diagnostics.push(
                Diagnostic::error("font_unreadable", Some(location.clone()))
                    .arg("path", path.path.display().to_string())
                    .arg("reason", e.to_string()),
            ),
        }
    }
    if faces.is_empty() {
        let families: BTreeSet<String> = embedded
            .into_iter()
            .chain(found.into_iter().map(|(_, info)| info.family))
            .collect();
        diagnostics.push(
            Diagnostic::error("font_not_found", Some(location.clone()))
                .field("phong_chu")
                .arg("font", wanted.clone())
                .arg("nearest", nearest_families(wanted, &families).join(", ")),
        );
        return PrintFonts::default();
    }
    faces.sort_by(|a, b| a.path.cmp(&b.path).then(a.index.cmp(&b.index)));
    PrintFonts { family, faces }
}

/// The found families most like `wanted`, best first (at most [`NEAREST_SHOWN`]).
#[cfg(feature = "pdf")]
fn nearest_families(wanted: &str, families: &std::collections::BTreeSet<String>) -> Vec<String> {
    let key = |s: &str| s.to_lowercase().replace([' ', '-', '_'], "");
    let wanted = key(wanted);
    let mut scored: Vec<(f64, &String)> = families
        .iter()
        .map(|f| {
            let k = key(f);
            let mut score = strsim::normalized_damerau_levenshtein(&wanted, &k);
            if k.contains(&wanted) || wanted.contains(&k) {
                score += 1.0;
            }
            (score, f)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    scored
        .into_iter()
        .take(NEAREST_SHOWN)
        .map(|(_, f)| f.clone())
        .collect()
}

#[cfg(all(test, feature = "pdf"))]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_families_come_first() {
        let families = [
            "DejaVu Sans Mono",
            "Liberation Serif",
            "Noto Serif",
            "Libertinus Serif",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let nearest = nearest_families("Liberation Sérif", &families);
        assert_eq!(nearest[0], "Liberation Serif");
        assert_eq!(nearest_families("noto", &families)[0], "Noto Serif");
    }
}
