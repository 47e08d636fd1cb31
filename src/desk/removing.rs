//! Removing an item: a confirmation page that works without JavaScript, then the removal, checked
//! with the whole site (a unit a plan still names is kept, with the places that name it).

use serde_json::Value;

use super::fields::catalogue;
use super::http::{Response, catalogue_text, shown_of, value_of};
use super::kinds::{Kind, Storage};
use super::store::{self, Removed};
use super::upload::Parts;
use super::{BASE, Desk};
use crate::diagnostics::{Diagnostics, display_path};

impl Desk {
    /// "Xoá …?": what will be removed, where its copy is kept, and the button; with `problems`
    /// when a removal was refused.
    pub(super) fn remove_page(&self, kind: &Kind, key: &str, problems: &Diagnostics) -> Response {
        if matches!(kind.storage, Storage::Single { .. }) {
            return self.not_found();
        }
        let opened = match store::open(&self.root, kind, Some(key), self.date) {
            Ok(o) => o,
            Err(d) => return self.message(404, &d.text().vi, &[d]),
        };
        let text = catalogue().loai.get(kind.id).cloned().unwrap_or_default();
        let item_title = opened
            .values
            .get(kind.title)
            .and_then(Value::as_str)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .unwrap_or_else(|| display_path(&opened.file));
        let draft = store::is_draft(key);
        let mut c = self.context(&format!(
            "{} {}",
            catalogue_text(if draft {
                "desk_remove_draft"
            } else {
                "desk_remove"
            }),
            item_title
        ));
        c.insert("kind", kind.id);
        c.insert("kind_name", &text.ten.to_lowercase());
        c.insert("key", key);
        c.insert("item_title", &item_title);
        c.insert("file", &display_path(&opened.file));
        c.insert("entry", &matches!(kind.storage, Storage::Entries { .. }));
        c.insert("draft", &draft);
        c.insert("bin", store::REMOVED);
        // The page says what to do; a hint such as "did you mean ..." would mislead here.
        let mut shown = shown_of(problems);
        shown.iter_mut().for_each(|s| s.hint.clear());
        c.insert("problems", &shown);
        self.page("xoa.html", &c)
    }

    /// Removes the item posted, or shows why it stays.
    pub(super) fn remove(&self, kind: &Kind, posted: &Parts) -> Response {
        let Some(key) = value_of(&posted.fields, "_key").filter(|k| !k.is_empty()) else {
            return self.not_found();
        };
        match store::remove(
            &self.root,
            self.date,
            kind,
            key,
            &self.known_problems(),
            &self.lock,
        ) {
            Ok(Removed::Done { kept, warnings }) if warnings.iter().next().is_none() => {
                Response::redirect(format!(
                    "{BASE}/{}?da-xoa={}",
                    kind.id,
                    percent_encoding::utf8_percent_encode(
                        &display_path(&kept),
                        percent_encoding::NON_ALPHANUMERIC
                    )
                ))
            }
            // What still names it is listed with the list (no redirect: the list is the answer).
            Ok(Removed::Done { kept, warnings }) => {
                self.list_page(kind, Some(&display_path(&kept)), &warnings)
            }
            Ok(Removed::Refused { problems }) => {
                let mut r = self.remove_page(kind, key, &problems);
                r.status = 409;
                r
            }
            Err(d) => self.message(400, &d.text().vi, &[d]),
        }
    }
}
