//! The pages that take a dropped file: a plan to import, a figures file to check; and the save
//! of what they showed.

use std::path::PathBuf;

use tera::Context;

use super::http::{Response, catalogue_text, error_context, value_of};
use super::kinds::find;
use super::store::{self, Saved};
use super::upload::Parts;
use super::{BASE, Desk, Pending};
use crate::diagnostics::{Diagnostic, display_path};

impl Desk {
    pub(super) fn import_page(&self, result: Option<Context>) -> Response {
        let mut c = self.context(&catalogue_text("desk_import_title"));
        if let Some(result) = result {
            c.extend(result);
        }
        self.page("nhap_ke_hoach.html", &c)
    }

    pub(super) fn stats_page(&self, result: Option<Context>) -> Response {
        let mut c = self.context(&catalogue_text("desk_stats_title"));
        if let Some(result) = result {
            c.extend(result);
        }
        self.page("so_lieu.html", &c)
    }

    fn remember(&self, pending: Pending) -> String {
        let id = super::random_token();
        if let Ok(mut map) = self.pending.lock() {
            // Only the latest few drops are kept.
            while map.len() >= 8 {
                let first = map.keys().next().cloned().unwrap_or_default();
                map.remove(&first);
            }
            map.insert(id.clone(), pending);
        }
        id
    }

    pub(super) fn import_drop(&self, parts: Parts) -> Response {
        let Some(file) = parts.file.filter(|f| !f.bytes.is_empty()) else {
            return self.import_page(Some(error_context(Diagnostic::error("desk_no_file", None))));
        };
        match super::upload::import_plan(&self.root, &file) {
            Ok(result) => {
                let id = self.remember(Pending {
                    file: result.file.clone(),
                    bytes: result.text.clone().into_bytes(),
                    proposals: result.proposed.clone(),
                });
                let mut c = Context::new();
                c.insert("imported", &result);
                c.insert("pending", &id);
                self.import_page(Some(c))
            }
            Err(d) => self.import_page(Some(error_context(d))),
        }
    }

    pub(super) fn stats_drop(&self, parts: Parts) -> Response {
        let Some(file) = parts.file.filter(|f| !f.bytes.is_empty()) else {
            return self.stats_page(Some(error_context(Diagnostic::error("desk_no_file", None))));
        };
        match super::upload::check_figures(&self.root, self.date, &file, &self.lock) {
            Ok(result) => {
                let mut c = Context::new();
                if !result.has_errors {
                    let id = self.remember(Pending {
                        file: PathBuf::from(&result.file),
                        bytes: file.bytes.clone(),
                        proposals: Default::default(),
                    });
                    c.insert("pending", &id);
                }
                c.insert("checked", &result);
                self.stats_page(Some(c))
            }
            Err(d) => self.stats_page(Some(error_context(d))),
        }
    }

    /// Saves a dropped file the page showed (`which`: `ke-hoach` or `so-lieu`).
    pub(super) fn pending_save(&self, posted: &Parts, which: &str) -> Response {
        let id = value_of(&posted.fields, "_pending").unwrap_or("");
        let Some(pending) = self.pending.lock().ok().and_then(|mut m| m.remove(id)) else {
            return self.message(
                410,
                &catalogue_text("desk_pending_gone"),
                &[Diagnostic::error("desk_pending_gone", None)],
            );
        };
        if which == "ke-hoach" {
            let Some(kind) = find("ke-hoach") else {
                return self.not_found();
            };
            let candidate = store::Candidate {
                key: pending
                    .file
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                text: String::from_utf8_lossy(&pending.bytes).into_owned(),
                file: pending.file.clone(),
            };
            // The registry entries ticked on the page, appended to their files and checked with
            // the plan (refused together, never half-written).
            let chosen: Vec<&str> = (posted.fields.iter())
                .filter(|(name, _)| name == "_them")
                .map(|(_, value)| value.as_str())
                .collect();
            let (units, legal) = pending.proposals.appended(&chosen);
            let mut extra = Vec::new();
            for (id, text) in [("don-vi", units), ("van-ban", legal)] {
                let registry = find(id).and_then(|k| store::file_of(k, ""));
                if let (Some(file), false) = (registry, text.is_empty()) {
                    // Read as the loaders read it: a registry that cannot be read is reported,
                    // never replaced by the new entries alone.
                    let old = match store::read_text(&self.root, &file) {
                        Ok(old) => old,
                        Err(d) => return self.message(422, &d.text().vi, &[d]),
                    };
                    extra.push((file, format!("{old}{text}").into_bytes()));
                }
            }
            return match store::save(
                &self.root,
                self.date,
                &candidate,
                &extra,
                &self.known_problems(),
                &self.lock,
            ) {
                Ok(Saved::Written | Saved::Unchanged) => {
                    Response::redirect(format!("{BASE}/{}/sua/{}?da-luu=1", kind.id, candidate.key))
                }
                Ok(Saved::Draft { draft, problems }) => {
                    let mut list: Vec<Diagnostic> = problems.iter().cloned().collect();
                    list.insert(
                        0,
                        Diagnostic::warning("desk_kept_as_draft", None)
                            .arg("draft", display_path(&draft)),
                    );
                    self.message(422, &catalogue_text("desk_not_saved"), &list)
                }
                Err(d) => self.message(500, &d.text().vi, &[d]),
            };
        }
        match store::write_atomic(&self.root, &pending.file, &pending.bytes) {
            Ok(()) => {
                let mut c = Context::new();
                c.insert("saved", &display_path(&pending.file));
                self.stats_page(Some(c))
            }
            Err(d) => self.message(500, &d.text().vi, &[d]),
        }
    }
}
