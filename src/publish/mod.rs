//! `loa publish` and the desk's "Xuất bản" button: send a built site to its host, only what
//! changed, in an order that keeps the live site whole if the upload stops half-way.
//!
//! - [`destination`]: where (`[xuat_ban]` in site.toml) and with which login.
//! - [`manifest`]: what a destination holds (path -> SHA-256, size), kept on the destination.
//! - [`plan`]: what changed, and the safe order of the steps.
//! - [`journal`]: what an interrupted publish already sent (so a new run does not resend it).
//! - transports: [`folder`], [`ftp`] (FTP, FTPS), [`sftp`].
//!
//! The API the desk calls:
//!
//! ```no_run
//! # use loa::publish::*;
//! # fn demo(config: &loa::model::SiteConfig, root: &std::path::Path) -> Result<(), loa::diagnostics::Diagnostic> {
//! let destination = Destination::from_config(config, root)?.expect("site.toml names one");
//! let credentials = Credentials::password("…typed by the user…");
//! let plan = plan(root, &root.join("output"), &destination, &credentials)?;
//! let summary = publish(&plan, &credentials, &mut |p: Progress| {
//!     eprintln!("{}/{} {}", p.done, p.total, p.path);
//! })?;
//! # let _ = summary; Ok(()) }
//! ```

pub mod command;
pub mod destination;
pub mod folder;
pub mod ftp;
pub mod journal;
pub mod manifest;
pub mod plan;
pub mod sftp;

use std::path::Path;

pub use destination::{Credentials, Destination, Protocol, Target};
pub use manifest::{MANIFEST_NAME, Manifest};
pub use plan::{Change, Plan, Step};

use crate::diagnostics::Diagnostic;
use journal::Journal;

/// A destination path under the folder `base` (`""`: the destination's root).
pub(crate) fn under(base: &str, path: &str) -> String {
    if base.is_empty() {
        path.to_owned()
    } else {
        format!("{base}/{path}")
    }
}

/// The folders above `path` (`a`, `a/b` for `a/b/c.html`), outermost first, that `made` does not
/// hold yet; they are added to it (each folder is made once per session).
pub(crate) fn new_parents(
    made: &mut std::collections::BTreeSet<String>,
    path: &str,
) -> Vec<String> {
    let parts: Vec<&str> = path.split('/').collect();
    let mut prefix = String::new();
    let mut folders = Vec::new();
    for part in &parts[..parts.len().saturating_sub(1)] {
        if !prefix.is_empty() {
            prefix.push('/');
        }
        prefix.push_str(part);
        if made.insert(prefix.clone()) {
            folders.push(prefix.clone());
        }
    }
    folders
}

/// Files are written under a name starting with this, then renamed into place.
pub const TEMPORARY_PREFIX: &str = ".loa-tam-";

/// Why a transport step failed. The reasons come from the host or the operating system, never
/// from the credentials.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransportError {
    /// The host (or the folder) cannot be reached.
    Unreachable(String),
    /// The host refused the login.
    LoginRefused(String),
    /// The host's SSH key differs from the one recorded at the first publish.
    HostKeyChanged(String),
    /// The host's TLS certificate is not from a trusted authority (FTPS).
    Untrusted(String),
    /// A step failed.
    Failed(String),
}

/// One way of reaching a destination. Paths are relative to the destination's root, with `/`.
pub trait Transport {
    /// A file's bytes, `None` when it does not exist.
    fn read(&mut self, path: &str) -> Result<Option<Vec<u8>>, TransportError>;
    /// Writes a file (making its folders): under a temporary name first, then renamed over the
    /// old one, so a reader sees the whole old file or the whole new one.
    fn put(&mut self, path: &str, bytes: &[u8]) -> Result<(), TransportError>;
    /// Removes a file; one already gone is not an error.
    fn remove(&mut self, path: &str) -> Result<(), TransportError>;
    /// Removes an empty folder (its failure is ignored by the caller).
    fn remove_dir(&mut self, path: &str) -> Result<(), TransportError>;
}

/// What has been done so far, after each confirmed step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    /// Steps done (uploads and removals).
    pub done: usize,
    /// Steps in this run.
    pub total: usize,
    /// Bytes sent so far.
    pub bytes_done: u64,
    /// Bytes this run sends.
    pub bytes_total: u64,
    /// The file just sent or removed.
    pub path: String,
    /// Whether it was sent or removed.
    pub removed: bool,
}

/// What a publish did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Files sent in this run.
    pub sent: usize,
    /// Their bytes.
    pub bytes_sent: u64,
    /// Files removed in this run.
    pub removed: usize,
    /// Files an interrupted earlier run had already sent (not sent again).
    pub resumed: usize,
    /// Files already on the destination, unchanged.
    pub unchanged: usize,
}

/// Connects to a destination (folder, SFTP, FTP or FTPS) and logs in.
pub fn connect(
    root: &Path,
    destination: &Destination,
    credentials: &Credentials,
) -> Result<Box<dyn Transport>, Diagnostic> {
    let transport: Result<Box<dyn Transport>, TransportError> = match &destination.target {
        Target::Folder(path) => folder::Folder::open(path).map(|f| Box::new(f) as _),
        Target::Remote {
            protocol: Protocol::Sftp,
            ..
        } => sftp::Sftp::connect(root, destination, credentials).map(|s| Box::new(s) as _),
        Target::Remote { .. } => {
            ftp::Ftp::connect(destination, credentials).map(|f| Box::new(f) as _)
        }
    };
    transport.map_err(|e| connect_error(destination, e))
}

/// A connection failure as a diagnostic located at the destination's line of site.toml.
fn connect_error(destination: &Destination, error: TransportError) -> Diagnostic {
    let (code, reason) = match error {
        TransportError::Unreachable(r) => ("publish_unreachable", r),
        TransportError::LoginRefused(r) => ("publish_login_refused", r),
        TransportError::HostKeyChanged(r) => ("publish_host_key_changed", r),
        TransportError::Untrusted(r) => ("publish_certificate_untrusted", r),
        TransportError::Failed(r) => ("publish_connect_failed", r),
    };
    if let Some(missing) = reason.strip_prefix(MISSING_PREFIX) {
        let code = if missing == "user" {
            "publish_user_missing"
        } else {
            "publish_password_missing"
        };
        return Diagnostic::error(code, destination.location.clone())
            .arg("destination", destination.label())
            .arg("variable", destination::PASSWORD_VARIABLE);
    }
    Diagnostic::error(code, destination.location.clone())
        .arg("destination", destination.label())
        .arg("reason", reason)
}

/// The reason a transport gives when the user name or password was not given at all.
pub(crate) const MISSING_PREFIX: &str = "missing:";

/// What publishing `output` (a built site) to `destination` would do: connects, reads the
/// destination's manifest and the journal of an interrupted publish. Touches nothing.
pub fn plan(
    root: &Path,
    output: &Path,
    destination: &Destination,
    credentials: &Credentials,
) -> Result<Plan, Diagnostic> {
    let new = output_manifest(output)?;
    let mut transport = connect(root, destination, credentials)?;
    plan::prepare(root, output, destination, transport.as_mut(), new)
}

/// [`plan`] through a transport already connected (tests give one that fails on purpose).
pub fn plan_with(
    root: &Path,
    output: &Path,
    destination: &Destination,
    transport: &mut dyn Transport,
) -> Result<Plan, Diagnostic> {
    let new = output_manifest(output)?;
    plan::prepare(root, output, destination, transport, new)
}

fn output_manifest(output: &Path) -> Result<Manifest, Diagnostic> {
    Manifest::of_folder(output).map_err(|e| {
        Diagnostic::error("publish_output_unreadable", None)
            .arg("path", output.display().to_string())
            .arg("reason", e.to_string())
    })
}

/// Carries out a plan: connects again and runs [`publish_with`].
pub fn publish(
    plan: &Plan,
    credentials: &Credentials,
    progress: &mut dyn FnMut(Progress),
) -> Result<Summary, Diagnostic> {
    let mut transport = connect(&plan.root, &plan.destination, credentials)?;
    publish_with(plan, transport.as_mut(), progress)
}

/// Carries out a plan through `transport`, in the safe order of [`Plan::steps`]: files that are
/// not pages, then pages (section indexes after their items, the home page last), then removals,
/// then the manifest. Each confirmed step is recorded in the journal first. When the destination
/// changed since the plan was made (another machine published), the plan is made again.
pub fn publish_with(
    plan: &Plan,
    transport: &mut dyn Transport,
    progress: &mut dyn FnMut(Progress),
) -> Result<Summary, Diagnostic> {
    let fresh;
    let plan = match plan::read_remote(transport, &plan.destination)? {
        (_, base) if base == plan.base => plan,
        _ => {
            fresh = plan::prepare(
                &plan.root,
                &plan.output,
                &plan.destination,
                transport,
                plan.new.clone(),
            )?;
            &fresh
        }
    };
    let mut journal = Journal::load(&plan.journal, &plan.base);
    let journal_error = |e: std::io::Error| {
        Diagnostic::error("publish_journal_unwritable", None)
            .arg("path", plan.journal.display().to_string())
            .arg("reason", e.to_string())
    };
    let steps = plan.steps();
    let total = steps.len();
    let bytes_total: u64 = steps
        .iter()
        .map(|s| match s {
            Step::Send { size, .. } => *size,
            Step::Remove { .. } => 0,
        })
        .sum();
    let mut summary = Summary {
        resumed: plan.resumed,
        unchanged: plan.unchanged,
        ..Summary::default()
    };
    let mut bytes_done = 0;
    for (index, step) in steps.iter().enumerate() {
        match step {
            Step::Send { path, sha256, size } => {
                let bytes = std::fs::read(plan.output.join(path))
                    .ok()
                    .filter(|b| manifest::sha256_hex(b) == *sha256)
                    .ok_or_else(|| {
                        Diagnostic::error("publish_output_changed", None).arg("path", path.clone())
                    })?;
                transport
                    .put(path, &bytes)
                    .map_err(|e| step_error(plan, path, e))?;
                journal
                    .record_sent(path, sha256, *size)
                    .map_err(journal_error)?;
                summary.sent += 1;
                summary.bytes_sent += size;
                bytes_done += size;
            }
            Step::Remove { path } => {
                transport
                    .remove(path)
                    .map_err(|e| step_error(plan, path, e))?;
                journal.record_removed(path).map_err(journal_error)?;
                summary.removed += 1;
            }
        }
        let (path, removed) = match step {
            Step::Send { path, .. } => (path.clone(), false),
            Step::Remove { path } => (path.clone(), true),
        };
        progress(Progress {
            done: index + 1,
            total,
            bytes_done,
            bytes_total,
            path,
            removed,
        });
    }
    // Folders the removals emptied (deepest first); one still holding something stays.
    for folder in plan.emptied_folders() {
        let _ = transport.remove_dir(&folder);
    }
    if plan.manifest_needed() {
        transport
            .put(MANIFEST_NAME, &plan.new.to_bytes())
            .map_err(|e| step_error(plan, MANIFEST_NAME, e))?;
    }
    journal.finish();
    Ok(summary)
}

fn step_error(plan: &Plan, path: &str, error: TransportError) -> Diagnostic {
    let reason = match error {
        TransportError::Unreachable(r)
        | TransportError::LoginRefused(r)
        | TransportError::HostKeyChanged(r)
        | TransportError::Untrusted(r)
        | TransportError::Failed(r) => r,
    };
    Diagnostic::error("publish_step_failed", plan.destination.location.clone())
        .arg("destination", plan.destination.label())
        .arg("path", path.to_owned())
        .arg("reason", reason)
}
