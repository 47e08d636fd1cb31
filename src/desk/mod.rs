//! The editing desk: forms over the site's own files, in the browser, beside `loa serve`'s live
//! preview (`http://127.0.0.1:PORT/ban-lam-viec/`). No database, no accounts: the site folder is
//! the data, and a file saved here reads like one written by hand.
//!
//! Split along its seams: [`kinds`] (where each kind of content is kept, which loader reads it),
//! [`fields`] (the loader's serde definition as form fields, labels from `locales/desk.toml`),
//! [`form`] (submitted values, the controls of a page), [`edit`] (values written into the TOML
//! in place), [`store`] (listing, opening and composing items), [`checked`] (saves, drafts and
//! removals checked with the whole site, atomic writes), [`located`] (diagnostics placed at
//! fields and lines), [`upload`] (dropped files: plans to import, figures to check, photos),
//! [`editing`], [`drops`] and [`removing`] (the pages of forms, dropped files and removals),
//! [`publish`] (the "Xuất bản" button: `loa publish` in the background), [`pages`] (the desk's
//! HTML from its templates) and [`http`] (requests: the session token, the routes).
//!
//! Safety: the server answers on the loopback only with the `Host` check of `loa serve`; every
//! request that changes a file carries the session's random token (a page of another site cannot
//! know it) and a cross-site `Origin` is refused; every path written is made from a kind's folder
//! and a slug, checked to stay inside the site folder.

mod checked;
mod drops;
pub mod edit;
mod editing;
pub mod fields;
pub mod form;
mod http;
pub mod kinds;
mod located;
mod pages;
mod publish;
mod removing;
pub mod store;
mod upload;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;

use crate::diagnostics::Diagnostic;

pub use http::{MAX_BODY, Request, Response};

/// The address of the desk under the preview server.
pub const BASE: &str = "/ban-lam-viec";

/// A file dropped on the desk, kept in memory until it is saved or dropped again.
#[derive(Debug, Clone)]
struct Pending {
    /// Where it would be written, from the site folder.
    file: PathBuf,
    /// What would be written.
    bytes: Vec<u8>,
    /// Registry entries an imported plan proposes (units, legal documents), and the name of its
    /// document for their note; empty for a figures file.
    proposals: crate::import::RegistryProposals,
}

/// The desk of one `loa serve` session.
pub struct Desk {
    /// The site folder.
    root: PathBuf,
    /// The output folder (built again by "Xuất bản").
    out: PathBuf,
    /// The build date (new items are dated with it).
    date: NaiveDate,
    /// The session's token, asked of every request that changes something.
    token: String,
    /// The port the preview answers on (for the `Origin` check).
    port: std::sync::atomic::AtomicU16,
    /// Held while a save is checked in the site folder (the preview's rebuilds wait for it).
    pub lock: Arc<Mutex<()>>,
    /// The problems of the preview's last build, to show at the fields they name.
    pub problems: Arc<Mutex<Vec<Diagnostic>>>,
    /// Dropped files waiting for "Lưu", by id.
    pending: Mutex<BTreeMap<String, Pending>>,
    /// The desk's templates.
    pages: pages::Pages,
    /// The last publish, for its progress.
    publish: Arc<Mutex<publish::PublishState>>,
}

/// A random token (32 hex digits) from the operating system.
fn random_token() -> String {
    let mut bytes = [0u8; 16];
    // Without a random source the token falls back to the time and process id: still unknown to
    // a page of another site, which never sees it.
    if getrandom::fill(&mut bytes).is_err() {
        let seed = format!("{:?}{}", std::time::SystemTime::now(), std::process::id());
        let digest = <sha2::Sha256 as sha2::Digest>::digest(seed.as_bytes());
        bytes.copy_from_slice(&digest[..16]);
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl Desk {
    /// A desk over the site folder `root`, whose site is built into `out`.
    pub fn new(root: PathBuf, out: PathBuf, date: NaiveDate) -> Result<Desk, Diagnostic> {
        Ok(Desk {
            root,
            out,
            date,
            token: random_token(),
            port: std::sync::atomic::AtomicU16::new(0),
            lock: Arc::new(Mutex::new(())),
            problems: Arc::new(Mutex::new(Vec::new())),
            pending: Mutex::new(BTreeMap::new()),
            pages: pages::Pages::new()?,
            publish: Arc::new(Mutex::new(publish::PublishState::default())),
        })
    }

    /// Tells the desk the port the preview answers on.
    pub fn set_port(&self, port: u16) {
        self.port.store(port, std::sync::atomic::Ordering::Relaxed);
    }

    /// The session token (tests drive the desk with it).
    pub fn token(&self) -> &str {
        &self.token
    }
}
