//! The desk's requests: the session token and the `Origin` check on every change, then the
//! routes under [`BASE`](super::BASE).

use std::path::Path;

use serde::Serialize;
use serde_json::Value;
use tera::Context;

use super::fields::catalogue;
use super::kinds::{KINDS, Storage, find};
use super::located::Shown;
use super::pages::{SCRIPT, STYLE};
use super::store;
use super::upload::Parts;
use super::{BASE, Desk};
use crate::diagnostics::{Diagnostic, Diagnostics, display_path};

/// The most a request body may hold (a Word file, a workbook, a phone photo).
pub const MAX_BODY: usize = 60 * 1024 * 1024;

/// A request as the preview server hands it over.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// `GET` or `POST`.
    pub method: String,
    /// The address, with its query.
    pub url: String,
    /// The headers (names lower case).
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

/// The desk's answer.
#[derive(Debug, Clone)]
pub struct Response {
    /// HTTP status.
    pub status: u16,
    /// `Content-Type`.
    pub content_type: &'static str,
    /// The body.
    pub body: Vec<u8>,
    /// `Location` of a redirect.
    pub location: Option<String>,
}

impl Response {
    pub(super) fn html(status: u16, body: String) -> Response {
        Response {
            status,
            content_type: "text/html; charset=utf-8",
            body: body.into_bytes(),
            location: None,
        }
    }

    pub(super) fn redirect(to: String) -> Response {
        Response {
            status: 303,
            content_type: "text/plain; charset=utf-8",
            body: Vec::new(),
            location: Some(to),
        }
    }

    /// A body over [`MAX_BODY`].
    pub fn too_large() -> Response {
        let text = crate::messages::text(
            "desk_upload_unreadable",
            &[("reason", format!("> {} MB", MAX_BODY / 1024 / 1024))],
        );
        Response {
            status: 413,
            content_type: "text/plain; charset=utf-8",
            body: format!("{} ({})", text.vi, text.en).into_bytes(),
            location: None,
        }
    }

    pub(super) fn json(value: &Value) -> Response {
        Response {
            status: 200,
            content_type: "application/json",
            body: value.to_string().into_bytes(),
            location: None,
        }
    }
}

impl Request {
    pub(super) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub(super) fn path(&self) -> &str {
        self.url.split(['?', '#']).next().unwrap_or("/")
    }

    pub(super) fn query(&self, name: &str) -> Option<String> {
        let query = self.url.split_once('?')?.1;
        form_urlencoded::parse(query.as_bytes())
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
    }

    /// The body of a POST: a `multipart/form-data` form (with its file) or an URL-encoded one.
    fn parts(&self) -> Result<Parts, Diagnostic> {
        let multipart = self
            .header("content-type")
            .is_some_and(|t| t.starts_with("multipart/form-data"));
        if multipart {
            super::upload::multipart(self)
        } else {
            Ok(Parts {
                fields: form_urlencoded::parse(&self.body)
                    .map(|(k, v)| (k.into_owned(), v.into_owned()))
                    .collect(),
                file: None,
            })
        }
    }
}

pub(super) fn value_of<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// The kinds as the navigation shows them.
#[derive(Serialize)]
struct NavKind {
    id: &'static str,
    name: String,
    plural: String,
    about: String,
    count: usize,
    drafts: usize,
    single: bool,
}

pub(super) fn shown_of(diagnostics: &Diagnostics) -> Vec<Shown> {
    diagnostics
        .sorted()
        .into_iter()
        .map(|d| Shown {
            field: d
                .location
                .as_ref()
                .map(|l| display_path(&l.file))
                .unwrap_or_default(),
            ..Shown::of(d)
        })
        .collect()
}

impl Desk {
    /// Whether a request that changes something comes from the desk's own pages: the session
    /// token, and no `Origin` or fetch site other than this machine's preview.
    fn trusted(&self, request: &Request, pairs: &[(String, String)]) -> bool {
        let port = self.port.load(std::sync::atomic::Ordering::Relaxed);
        let origin_ok = request.header("origin").is_none_or(|origin| {
            let origin = origin.trim().to_ascii_lowercase();
            [
                format!("http://127.0.0.1:{port}"),
                format!("http://localhost:{port}"),
                format!("http://[::1]:{port}"),
            ]
            .contains(&origin)
        });
        let site_ok = request
            .header("sec-fetch-site")
            .is_none_or(|s| matches!(s, "same-origin" | "none"));
        let token = request
            .header("x-loa-token")
            .or_else(|| value_of(pairs, "_token"))
            .unwrap_or("");
        origin_ok && site_ok && token.len() == self.token.len() && token == self.token
    }

    pub(super) fn context(&self, title: &str) -> Context {
        let mut c = Context::new();
        let catalogue = catalogue();
        let kinds: Vec<NavKind> = KINDS
            .iter()
            .map(|k| {
                let (count, drafts) = store::count(&self.root, k);
                let text = catalogue.loai.get(k.id).cloned().unwrap_or_default();
                NavKind {
                    id: k.id,
                    name: text.ten,
                    plural: text.nhieu,
                    about: text.mo_ta,
                    count,
                    drafts,
                    single: matches!(k.storage, Storage::Single { .. }),
                }
            })
            .collect();
        c.insert("kinds", &kinds);
        c.insert("base", BASE);
        c.insert("token", &self.token);
        c.insert("title", title);
        let site_name = crate::load::read_source(&self.root, Path::new("site.toml"))
            .ok()
            .and_then(|s| {
                s.text
                    .parse::<toml_edit::DocumentMut>()
                    .ok()?
                    .get("ten")?
                    .as_str()
                    .map(str::to_owned)
            })
            .unwrap_or_default();
        c.insert("site_name", &site_name);
        c
    }

    pub(super) fn page(&self, template: &str, context: &Context) -> Response {
        match self.pages.render(template, context) {
            Ok(html) => Response::html(200, html),
            Err(d) => Response::html(500, crate::render::escape_html(&d.to_string())),
        }
    }

    pub(super) fn message(&self, status: u16, title: &str, diagnostics: &[Diagnostic]) -> Response {
        let mut c = self.context(title);
        let mut all = Diagnostics::new();
        diagnostics.iter().cloned().for_each(|d| all.push(d));
        c.insert("problems", &shown_of(&all));
        match self.pages.render("thong_bao.html", &c) {
            Ok(html) => Response::html(status, html),
            Err(d) => Response::html(500, crate::render::escape_html(&d.to_string())),
        }
    }

    /// Answers a request under [`BASE`].
    pub fn answer(&self, request: &Request) -> Response {
        let path = request.path().strip_prefix(BASE).unwrap_or("/").to_owned();
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        let get = request.method == "GET" || request.method == "HEAD";
        // A change's body is read once (a form, or a file with its fields); the token is one of
        // its fields (or the script's `X-Loa-Token` header).
        let posted = if get {
            Parts::default()
        } else {
            let posted = match request.parts() {
                Ok(p) => p,
                Err(d) => return self.message(400, &d.text().vi, &[d]),
            };
            if !self.trusted(request, &posted.fields) {
                return self.message(
                    403,
                    &crate::messages::text("desk_forbidden", &[]).vi,
                    &[Diagnostic::error("desk_forbidden", None)],
                );
            }
            posted
        };
        match (get, parts.as_slice()) {
            (true, []) => self.home(),
            (true, ["ban-lam-viec.css"]) => Response {
                status: 200,
                content_type: "text/css; charset=utf-8",
                body: STYLE.as_bytes().to_vec(),
                location: None,
            },
            (true, ["ban-lam-viec.js"]) => Response {
                status: 200,
                content_type: "text/javascript; charset=utf-8",
                body: SCRIPT.as_bytes().to_vec(),
                location: None,
            },
            (false, ["xem-truoc"]) => self.preview(&posted),
            (true, ["nhap-ke-hoach"]) => self.import_page(None),
            (false, ["nhap-ke-hoach"]) => self.import_drop(posted),
            (false, ["nhap-ke-hoach", "luu"]) => self.pending_save(&posted, "ke-hoach"),
            (true, ["so-lieu"]) => self.stats_page(None),
            (false, ["so-lieu"]) => self.stats_drop(posted),
            (false, ["so-lieu", "luu"]) => self.pending_save(&posted, "so-lieu"),
            (true, ["xuat-ban"]) => self.publish_page(),
            (false, ["xuat-ban"]) => self.publish_start(&posted),
            (true, ["xuat-ban", "trang-thai"]) => {
                let state = self.publish.lock().map(|s| s.clone()).unwrap_or_default();
                Response::json(&serde_json::to_value(state).unwrap_or_default())
            }
            (true, [kind]) => match find(kind) {
                Some(kind) => self.list_page(
                    kind,
                    request.query("da-xoa").as_deref(),
                    &Diagnostics::new(),
                ),
                None => self.not_found(),
            },
            (true, [kind, "moi"]) => match find(kind) {
                Some(kind) => self.form_page(kind, None, None, ""),
                None => self.not_found(),
            },
            (true, [kind, "sua", key]) => match find(kind) {
                Some(kind) => self.form_page(kind, Some(key), None, &saved_note(request)),
                None => self.not_found(),
            },
            (true, [kind, "sua"]) => match find(kind) {
                Some(kind) => self.form_page(kind, Some(""), None, &saved_note(request)),
                None => self.not_found(),
            },
            (true, [kind, "xoa", key]) => match find(kind) {
                Some(kind) => self.remove_page(kind, key, &Diagnostics::new()),
                None => self.not_found(),
            },
            (false, [kind, "xoa"]) => match find(kind) {
                Some(kind) => self.remove(kind, &posted),
                None => self.not_found(),
            },
            (false, [kind, "luu"]) => match find(kind) {
                Some(kind) => self.save(kind, posted),
                None => self.not_found(),
            },
            _ => self.not_found(),
        }
    }

    /// The problems of the preview's last build (a save is refused only for new ones).
    pub(super) fn known_problems(&self) -> Vec<Diagnostic> {
        self.problems.lock().map(|p| p.clone()).unwrap_or_default()
    }

    pub(super) fn not_found(&self) -> Response {
        let mut r = self.message(
            404,
            &crate::messages::text("desk_not_found", &[("key", String::new())]).vi,
            &[],
        );
        r.status = 404;
        r
    }
}

/// "Đã lưu" after a save redirected here.
pub(super) fn saved_note(request: &Request) -> String {
    match request.query("da-luu").as_deref() {
        Some("khong-doi") => catalogue_text("desk_unchanged"),
        Some(_) => catalogue_text("desk_saved"),
        None => String::new(),
    }
}

pub(super) fn catalogue_text(code: &str) -> String {
    crate::messages::text(code, &[]).vi
}

pub(super) fn error_context(d: Diagnostic) -> Context {
    let mut c = Context::new();
    let mut all = Diagnostics::new();
    all.push(d);
    c.insert("problems", &shown_of(&all));
    c
}
