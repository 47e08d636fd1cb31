//! The form pages: the overview, a kind's list, an item's form, its save and the body preview.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde_json::Value;

use super::fields::{Catalogue, catalogue, fields, scaffold_help};
use super::form::{Layout, controls, from_form};
use super::http::{Response, catalogue_text, shown_of, value_of};
use super::kinds::{Kind, Storage};
use super::located::{Shown, front_lines, place};
use super::store::{self, Saved};
use super::upload::Parts;
use super::{BASE, Desk};
use crate::diagnostics::{Diagnostic, Diagnostics, display_path};

impl Desk {
    pub(super) fn home(&self) -> Response {
        let mut c = self.context(&catalogue_text("desk_title"));
        let problems = self.problems.lock().map(|p| p.clone()).unwrap_or_default();
        let mut all = Diagnostics::new();
        problems.into_iter().for_each(|d| all.push(d));
        c.insert("problems", &shown_of(&all));
        self.page("trang_chu.html", &c)
    }

    /// A kind's items; `removed`: where the copy of an item just removed is kept.
    /// `problems`: warnings the removal brought.
    pub(super) fn list_page(
        &self,
        kind: &Kind,
        removed: Option<&str>,
        problems: &Diagnostics,
    ) -> Response {
        if let Storage::Single { .. } = kind.storage {
            return Response::redirect(format!("{BASE}/{}/sua", kind.id));
        }
        let text = catalogue().loai.get(kind.id).cloned().unwrap_or_default();
        let mut c = self.context(&text.nhieu);
        c.insert("kind", kind.id);
        c.insert(
            "kind_text",
            &serde_json::json!({"ten": text.ten, "nhieu": text.nhieu, "mo_ta": text.mo_ta}),
        );
        c.insert("items", &store::list(&self.root, kind));
        // Only a path of the bin is shown (the address could be typed by anyone).
        c.insert(
            "removed",
            &removed
                .filter(|r| r.starts_with(store::REMOVED))
                .unwrap_or_default(),
        );
        c.insert("problems", &shown_of(problems));
        self.page("danh_sach.html", &c)
    }

    /// The form of item `key` (`None`: new; `Some("")`: the one item of a single file), showing
    /// `submitted` values and problems when a save was refused.
    pub(super) fn form_page(
        &self,
        kind: &Kind,
        key: Option<&str>,
        submitted: Option<Submitted>,
        note: &str,
    ) -> Response {
        let key = key.filter(|k| !k.is_empty() || matches!(kind.storage, Storage::Single { .. }));
        let opened = match store::open(&self.root, kind, key, self.date) {
            Ok(o) => o,
            Err(d) => return self.message(404, &d.text().vi, &[d]),
        };
        let schema_fields = fields(&(kind.schema)());
        let catalogue: &Catalogue = catalogue();
        let help = kind.scaffold.map(scaffold_help).unwrap_or_default();
        let file_text = std::fs::read_to_string(self.root.join(&opened.file)).unwrap_or_default();
        // A refused save's note warns; "Đã lưu" does not.
        let warns = submitted.is_some();
        let (values, body, shown, saved_note) = match submitted {
            Some(s) => (s.values, s.body, s.shown, s.note),
            None => {
                let problems = self.problems.lock().map(|p| p.clone()).unwrap_or_default();
                let shown = match kind.storage {
                    Storage::Files { .. } if key.is_some() => place(
                        &problems,
                        &opened.file,
                        &file_text,
                        front_lines(&file_text),
                        None,
                    ),
                    Storage::Entries { table, .. } => match opened.entry {
                        Some(n) => {
                            place(&problems, &opened.file, &file_text, None, Some((table, n)))
                        }
                        None => Vec::new(),
                    },
                    Storage::Single { .. } => {
                        place(&problems, &opened.file, &file_text, None, None)
                    }
                    _ => Vec::new(),
                };
                (opened.values, opened.body, shown, note.to_owned())
            }
        };
        let mut by_field: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut general = Vec::new();
        for s in &shown {
            if s.field.is_empty() || s.body_line > 0 {
                general.push(s.clone());
            } else {
                by_field
                    .entry(s.field.clone())
                    .or_default()
                    .push(sentence(&s.text, &s.hint));
            }
        }
        let layout = Layout {
            kind: kind.id,
            catalogue,
            scaffold_help: &help,
            errors: &by_field,
        };
        let controls = controls(&layout, &schema_fields, &values);
        // Problems whose field has no control of its own are listed above the form.
        for s in &shown {
            if !s.field.is_empty()
                && s.body_line == 0
                && !controls.iter().any(|c| c.path == s.field)
            {
                general.push(s.clone());
            }
        }
        let text = catalogue.loai.get(kind.id).cloned().unwrap_or_default();
        let title = match (&key, values.get(kind.title).and_then(Value::as_str)) {
            (Some(_), Some(t)) if !t.is_empty() => t.to_owned(),
            (None, _) => format!("{} {}", catalogue_text("desk_new"), text.ten.to_lowercase()),
            _ => text.ten.clone(),
        };
        let mut c = self.context(&title);
        c.insert("kind", kind.id);
        c.insert(
            "kind_text",
            &serde_json::json!({"ten": text.ten, "nhieu": text.nhieu, "mo_ta": text.mo_ta}),
        );
        c.insert("key", &key.unwrap_or(""));
        c.insert("is_draft", &key.is_some_and(store::is_draft));
        c.insert("controls", &controls);
        c.insert("general", &general);
        c.insert("has_body", &kind.has_body());
        c.insert("body", &body);
        c.insert(
            "body_placeholder",
            &kind
                .scaffold
                .and_then(|s| super::edit::split_front(s).map(|(_, b)| b.trim().to_owned()))
                .unwrap_or_default(),
        );
        c.insert("file", &display_path(&opened.file));
        c.insert("note", &saved_note);
        c.insert("note_warns", &warns);
        c.insert("photos", &(kind.id == "tin-tuc" || kind.id == "trang"));
        c.insert(
            "preview_url",
            &key.and_then(|k| preview_url(kind, k, &values)),
        );
        self.page("bieu_mau.html", &c)
    }

    pub(super) fn save(&self, kind: &Kind, posted: Parts) -> Response {
        let Parts {
            fields: pairs,
            file: photo,
        } = posted;
        let key = value_of(&pairs, "_key")
            .filter(|k| !k.is_empty() || matches!(kind.storage, Storage::Single { .. }));
        let schema_fields = fields(&(kind.schema)());
        let (mut values, refused) = from_form(&schema_fields, &pairs);
        let mut body = value_of(&pairs, "_body").unwrap_or("").to_owned();
        let mut shown: Vec<Shown> = refused
            .iter()
            .map(|r| Shown {
                field: r.path.clone(),
                ..Shown::message(
                    true,
                    0,
                    crate::messages::text(r.code, &[("value", r.value.clone())]),
                )
            })
            .collect();
        // A photo dropped on the item: kept beside it, as its lead photo or in its body.
        let mut extra: Vec<(PathBuf, Vec<u8>)> = Vec::new();
        if let Some(file) = photo.filter(|f| !f.bytes.is_empty()) {
            match super::upload::place_photo(&self.root, kind, key, &values, &file, &pairs) {
                Ok(placed) => {
                    super::upload::use_photo(&mut values, &mut body, &placed);
                    extra.push((placed.file.clone(), file.bytes.clone()));
                }
                Err(d) => shown.push(Shown {
                    field: "anh".into(),
                    ..Shown::of(&d)
                }),
            }
        }
        if !shown.is_empty() {
            return self.form_page(
                kind,
                key.or(Some(""))
                    .filter(|k| !k.is_empty() || matches!(kind.storage, Storage::Single { .. })),
                Some(Submitted {
                    values,
                    body,
                    shown,
                    note: catalogue_text("desk_not_saved"),
                }),
                "",
            );
        }
        let candidate = match store::candidate(&self.root, kind, key, &values, &body, self.date) {
            Ok(c) => c,
            Err(d) => return self.message(400, &d.text().vi, &[d]),
        };
        match store::save(
            &self.root,
            self.date,
            &candidate,
            &extra,
            &self.known_problems(),
            &self.lock,
        ) {
            Ok(saved @ (Saved::Written | Saved::Unchanged)) => {
                let note = if matches!(saved, Saved::Unchanged) {
                    "khong-doi"
                } else {
                    "1"
                };
                Response::redirect(match kind.storage {
                    Storage::Single { .. } => format!("{BASE}/{}/sua?da-luu={note}", kind.id),
                    _ => format!("{BASE}/{}/sua/{}?da-luu={note}", kind.id, candidate.key),
                })
            }
            Ok(Saved::Draft { draft, problems }) => {
                let list: Vec<Diagnostic> = problems.iter().cloned().collect();
                let entry = match kind.storage {
                    Storage::Entries { table, .. } => {
                        candidate.key.parse::<usize>().ok().map(|n| (table, n))
                    }
                    _ => None,
                };
                let mut shown = place(
                    &list,
                    &candidate.file,
                    &candidate.text,
                    if kind.has_body() {
                        front_lines(&candidate.text)
                    } else {
                        None
                    },
                    entry,
                );
                // Problems elsewhere that this change caused (a removed unit still named in a
                // plan): listed above the form with their file and line.
                for d in &list {
                    if d.location.as_ref().is_none_or(|l| l.file != candidate.file) {
                        let mut elsewhere = Shown::of(d);
                        if let Some(location) = &d.location {
                            elsewhere.text = format!("{location}: {}", elsewhere.text);
                        }
                        shown.push(elsewhere);
                    }
                }
                let note =
                    crate::messages::text("desk_kept_as_draft", &[("draft", display_path(&draft))])
                        .vi;
                let shown_key = match kind.storage {
                    Storage::Files { .. } => None,
                    _ => Some(candidate.key.clone()),
                };
                let stay_key = key.map(str::to_owned).or(shown_key);
                self.form_page(
                    kind,
                    Some(stay_key.as_deref().unwrap_or("")).filter(|k| {
                        !k.is_empty() || matches!(kind.storage, Storage::Single { .. })
                    }),
                    Some(Submitted {
                        values,
                        body,
                        shown,
                        note,
                    }),
                    "",
                )
            }
            Err(d) => self.message(500, &d.text().vi, &[d]),
        }
    }

    pub(super) fn preview(&self, posted: &Parts) -> Response {
        let markdown = value_of(&posted.fields, "_body").unwrap_or("");
        let html = super::upload::preview_html(markdown);
        Response {
            status: 200,
            content_type: "text/html; charset=utf-8",
            body: html.into_bytes(),
            location: None,
        }
    }
}

/// What a refused save brings back to its form.
/// A problem and what to do, as one text under a field: `Sai ngày "x". Viết ...`.
fn sentence(text: &str, hint: &str) -> String {
    let text = text.replace('`', "\"");
    if hint.is_empty() {
        return text;
    }
    let stop = if text.ends_with(['.', '!', '?', ':']) {
        ""
    } else {
        "."
    };
    format!("{text}{stop} {}", hint.replace('`', "\""))
}

pub(super) struct Submitted {
    values: Value,
    body: String,
    shown: Vec<Shown>,
    note: String,
}

/// The address of an item's page on the preview.
fn preview_url(kind: &Kind, key: &str, values: &Value) -> Option<String> {
    if store::is_draft(key) {
        return None;
    }
    let slug = values
        .get("duong_dan")
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .map(crate::locale::slugify)
        .unwrap_or_else(|| crate::locale::slugify(key));
    use crate::render::urls;
    Some(match kind.id {
        "tin-tuc" => urls::news(&slug),
        "ke-hoach" => urls::plan(&slug),
        "trang" => urls::page(&slug),
        "toi-can" => urls::benefit(&slug),
        "cai-dat" => "/".to_owned(),
        _ => return None,
    })
}
