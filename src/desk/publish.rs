//! The desk's "Xuất bản" button: the same build and upload as `loa publish`, run in the
//! background while the page shows its progress. The password is typed on the page, used for
//! this run and dropped; it is never written anywhere.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;
use serde::Serialize;

use crate::build::{self, BuildOptions};
use crate::diagnostics::Diagnostic;
use crate::messages;
use crate::publish::command::{plan_lines, progress_line, summary_line};
use crate::publish::{Credentials, Destination, Progress};

use super::http::{Response, catalogue_text, shown_of, value_of};
use super::upload::Parts;
use super::{BASE, Desk};
use crate::diagnostics::Diagnostics;

/// Where a publish is, for the page.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PublishState {
    /// Running now.
    pub running: bool,
    /// A dry run (nothing sent).
    pub dry_run: bool,
    /// Lines of what happened, newest last (Vietnamese).
    pub lines: Vec<String>,
    /// Steps done.
    pub done: usize,
    /// Steps in all.
    pub total: usize,
    /// How it ended: `Some(true)` done, `Some(false)` failed, `None` not finished.
    pub ok: Option<bool>,
}

/// The destination site.toml names, as the page shows it (empty: none).
pub fn destination_of(root: &Path) -> Result<Option<Destination>, Diagnostic> {
    let source = crate::load::read_source(root, Path::new("site.toml"))?;
    let mut diagnostics = crate::diagnostics::Diagnostics::new();
    let Some(config) = crate::load::config::load(&source, &mut diagnostics) else {
        return Err(diagnostics
            .iter()
            .find(|d| d.is_error())
            .cloned()
            .unwrap_or_else(|| Diagnostic::error("publish_no_destination", None)));
    };
    Destination::from_config(&config, root)
}

fn say(state: &Mutex<PublishState>, key: &str, args: &[(&str, String)]) {
    if let Ok(mut s) = state.lock() {
        s.lines.push(messages::text(key, args).vi);
    }
}

fn fail(state: &Mutex<PublishState>, d: &Diagnostic) {
    if let Ok(mut s) = state.lock() {
        s.lines.push(d.to_string());
        s.ok = Some(false);
        s.running = false;
    }
}

/// Starts a publish in the background unless one is running: build into `out` (holding `lock`,
/// so the preview does not rebuild meanwhile), then plan and send.
pub fn start(
    root: PathBuf,
    out: PathBuf,
    date: NaiveDate,
    dry_run: bool,
    password: String,
    state: Arc<Mutex<PublishState>>,
    lock: Arc<Mutex<()>>,
) {
    {
        let Ok(mut s) = state.lock() else { return };
        if s.running {
            return;
        }
        *s = PublishState {
            running: true,
            dry_run,
            ..PublishState::default()
        };
    }
    std::thread::spawn(move || {
        let destination = match destination_of(&root) {
            Ok(Some(d)) => d,
            Ok(None) => return fail(&state, &Diagnostic::error("publish_no_destination", None)),
            Err(d) => return fail(&state, &d),
        };
        let credentials = if password.is_empty() {
            Credentials::from_environment().unwrap_or_else(Credentials::none)
        } else {
            Credentials::password(password)
        };
        say(&state, "desk_publish_building", &[]);
        let report = {
            let _turn = lock
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            build::build(&BuildOptions {
                root: root.clone(),
                out: out.clone(),
                date,
                outputs: crate::model::Outputs::default(),
            })
        };
        if let Some(d) = report.diagnostics.iter().find(|d| d.is_error()) {
            say(
                &state,
                "desk_publish_build_failed",
                &[("errors", report.diagnostics.error_count().to_string())],
            );
            return fail(&state, d);
        }
        let plan = match crate::publish::plan(&root, &out, &destination, &credentials) {
            Ok(plan) => plan,
            Err(d) => return fail(&state, &d),
        };
        if let Ok(mut s) = state.lock() {
            s.lines.extend(plan_lines(&plan, dry_run));
            if dry_run {
                s.lines.push(messages::text("publish_dry_run", &[]).vi);
                s.ok = Some(true);
                s.running = false;
            }
        }
        if dry_run {
            return;
        }
        let mut progress = |p: Progress| {
            if let Ok(mut s) = state.lock() {
                s.done = p.done;
                s.total = p.total;
                s.lines.push(progress_line(&p));
                // The page shows the last lines; a publish of thousands of files keeps 200.
                let excess = s.lines.len().saturating_sub(200);
                s.lines.drain(..excess);
            }
        };
        match crate::publish::publish(&plan, &credentials, &mut progress) {
            Ok(summary) => {
                if let Ok(mut s) = state.lock() {
                    s.lines.push(summary_line(&summary, &plan));
                    s.ok = Some(true);
                    s.running = false;
                }
            }
            Err(d) => fail(&state, &d),
        }
    });
}

impl Desk {
    pub(super) fn publish_page(&self) -> Response {
        let mut c = self.context(&catalogue_text("desk_publish_title"));
        let state = self.publish.lock().map(|s| s.clone()).unwrap_or_default();
        c.insert("state", &state);
        match super::publish::destination_of(&self.root) {
            Ok(Some(destination)) => {
                c.insert("destination", &destination.label());
                c.insert("needs_password", &destination.needs_password());
            }
            Ok(None) => c.insert("destination", ""),
            Err(d) => {
                c.insert("destination", "");
                let mut all = Diagnostics::new();
                all.push(d);
                c.insert("problems", &shown_of(&all));
            }
        }
        self.page("xuat_ban.html", &c)
    }

    pub(super) fn publish_start(&self, posted: &Parts) -> Response {
        let pairs = &posted.fields;
        super::publish::start(
            self.root.clone(),
            self.out.clone(),
            self.date,
            value_of(pairs, "thu").is_some(),
            value_of(pairs, "mat_khau").unwrap_or("").to_owned(),
            std::sync::Arc::clone(&self.publish),
            std::sync::Arc::clone(&self.lock),
        );
        Response::redirect(format!("{BASE}/xuat-ban"))
    }
}
