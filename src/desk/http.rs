//! The desk's requests: the session token and the `Origin` check on every change, then the
//! routes under [`BASE`](super::BASE).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::Value;
use tera::Context;

use super::fields::{Catalogue, catalogue, fields, scaffold_help};
use super::form::{Layout, controls, from_form};
use super::kinds::{KINDS, Kind, Storage, find};
use super::located::{Shown, front_lines, place};
use super::pages::{SCRIPT, STYLE};
use super::store::{self, Saved};
use super::{BASE, Desk, Pending};
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
    fn html(status: u16, body: String) -> Response {
        Response {
            status,
            content_type: "text/html; charset=utf-8",
            body: body.into_bytes(),
            location: None,
        }
    }

    fn redirect(to: String) -> Response {
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

    fn json(value: &Value) -> Response {
        Response {
            status: 200,
            content_type: "application/json",
            body: value.to_string().into_bytes(),
            location: None,
        }
    }
}

impl Request {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn path(&self) -> &str {
        self.url.split(['?', '#']).next().unwrap_or("/")
    }

    fn query(&self, name: &str) -> Option<String> {
        let query = self.url.split_once('?')?.1;
        form_urlencoded::parse(query.as_bytes())
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
    }

    fn form(&self) -> Vec<(String, String)> {
        form_urlencoded::parse(&self.body)
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect()
    }

    fn is_multipart(&self) -> bool {
        self.header("content-type")
            .is_some_and(|t| t.starts_with("multipart/form-data"))
    }
}

fn value_of<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
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

fn shown_of(diagnostics: &Diagnostics) -> Vec<Shown> {
    diagnostics
        .sorted()
        .into_iter()
        .map(|d| {
            let text = d.text();
            Shown {
                severity: if d.is_error() { "loi" } else { "canh-bao" },
                line: d.location.as_ref().map_or(0, |l| l.line),
                body_line: 0,
                field: d
                    .location
                    .as_ref()
                    .map(|l| display_path(&l.file))
                    .unwrap_or_default(),
                text: text.vi,
                hint: text.hint_vi.unwrap_or_default(),
                english: text.en,
            }
        })
        .collect()
}

impl Desk {
    fn port(&self) -> u16 {
        self.port.lock().map(|p| *p).unwrap_or(0)
    }

    /// Whether a request that changes something comes from the desk's own pages: the session
    /// token, and no `Origin` or fetch site other than this machine's preview.
    fn trusted(&self, request: &Request, pairs: &[(String, String)]) -> bool {
        let port = self.port();
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

    fn context(&self, title: &str) -> Context {
        let mut c = Context::new();
        let catalogue = catalogue();
        let kinds: Vec<NavKind> = KINDS
            .iter()
            .map(|k| {
                let listed = store::list(&self.root, k);
                let text = catalogue.loai.get(k.id).cloned().unwrap_or_default();
                NavKind {
                    id: k.id,
                    name: text.ten,
                    plural: text.nhieu,
                    about: text.mo_ta,
                    count: listed.iter().filter(|l| !l.draft).count(),
                    drafts: listed.iter().filter(|l| l.draft).count(),
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

    fn page(&self, template: &str, context: &Context) -> Response {
        match self.pages.render(template, context) {
            Ok(html) => Response::html(200, html),
            Err(d) => Response::html(500, crate::render::escape_html(&d.to_string())),
        }
    }

    fn message(&self, status: u16, title: &str, diagnostics: &[Diagnostic]) -> Response {
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
        if !get {
            let pairs = if request.is_multipart() {
                Vec::new()
            } else {
                request.form()
            };
            let token_in_multipart = request.is_multipart()
                && super::upload::multipart_field(request, "_token").as_deref()
                    == Some(self.token.as_str());
            if !(self.trusted(request, &pairs)
                || token_in_multipart && self.trusted_origin(request))
            {
                return self.message(
                    403,
                    &crate::messages::text("desk_forbidden", &[]).vi,
                    &[Diagnostic::error("desk_forbidden", None)],
                );
            }
        }
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
            (false, ["xem-truoc"]) => self.preview(request),
            (true, ["nhap-ke-hoach"]) => self.import_page(None),
            (false, ["nhap-ke-hoach"]) => self.import_drop(request),
            (false, ["nhap-ke-hoach", "luu"]) => self.pending_save(request, "ke-hoach"),
            (true, ["so-lieu"]) => self.stats_page(None),
            (false, ["so-lieu"]) => self.stats_drop(request),
            (false, ["so-lieu", "luu"]) => self.pending_save(request, "so-lieu"),
            (true, ["xuat-ban"]) => self.publish_page(),
            (false, ["xuat-ban"]) => self.publish_start(request),
            (true, ["xuat-ban", "trang-thai"]) => {
                let state = self.publish.lock().map(|s| s.clone()).unwrap_or_default();
                Response::json(&serde_json::to_value(state).unwrap_or_default())
            }
            (true, [kind]) => match find(kind) {
                Some(kind) => self.list_page(kind),
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
            (false, [kind, "luu"]) => match find(kind) {
                Some(kind) => self.save(kind, request),
                None => self.not_found(),
            },
            _ => self.not_found(),
        }
    }

    /// The problems of the preview's last build (a save is refused only for new ones).
    fn known_problems(&self) -> Vec<Diagnostic> {
        self.problems.lock().map(|p| p.clone()).unwrap_or_default()
    }

    fn trusted_origin(&self, request: &Request) -> bool {
        self.trusted(
            &Request {
                headers: request
                    .headers
                    .iter()
                    .filter(|(n, _)| !n.eq_ignore_ascii_case("x-loa-token"))
                    .cloned()
                    .collect(),
                ..Request::default()
            },
            &[("_token".to_owned(), self.token.clone())],
        )
    }

    fn not_found(&self) -> Response {
        let mut r = self.message(
            404,
            &crate::messages::text("desk_not_found", &[("key", String::new())]).vi,
            &[],
        );
        r.status = 404;
        r
    }

    fn home(&self) -> Response {
        let mut c = self.context(&catalogue_text("desk_title"));
        let problems = self.problems.lock().map(|p| p.clone()).unwrap_or_default();
        let mut all = Diagnostics::new();
        problems.into_iter().for_each(|d| all.push(d));
        c.insert("problems", &shown_of(&all));
        self.page("trang_chu.html", &c)
    }

    fn list_page(&self, kind: &Kind) -> Response {
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
        self.page("danh_sach.html", &c)
    }

    /// The form of item `key` (`None`: new; `Some("")`: the one item of a single file), showing
    /// `submitted` values and problems when a save was refused.
    fn form_page(
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
                    .push(format!("{} {}", s.text, s.hint).trim().to_owned());
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
        c.insert("photos", &(kind.id == "tin-tuc" || kind.id == "trang"));
        c.insert(
            "preview_url",
            &key.and_then(|k| preview_url(kind, k, &values)),
        );
        self.page("bieu_mau.html", &c)
    }

    fn save(&self, kind: &Kind, request: &Request) -> Response {
        let (pairs, photo) = if request.is_multipart() {
            match super::upload::multipart(request) {
                Ok(parts) => (parts.fields, parts.file),
                Err(d) => return self.message(400, &d.text().vi, &[d]),
            }
        } else {
            (request.form(), None)
        };
        let key = value_of(&pairs, "_key")
            .filter(|k| !k.is_empty() || matches!(kind.storage, Storage::Single { .. }));
        let schema_fields = fields(&(kind.schema)());
        let (mut values, refused) = from_form(&schema_fields, &pairs);
        let mut body = value_of(&pairs, "_body").unwrap_or("").to_owned();
        let mut shown: Vec<Shown> = refused
            .iter()
            .map(|r| {
                let text = crate::messages::text(r.code, &[("value", r.value.clone())]);
                Shown {
                    severity: "loi",
                    line: 0,
                    body_line: 0,
                    field: r.path.clone(),
                    text: text.vi,
                    hint: text.hint_vi.unwrap_or_default(),
                    english: text.en,
                }
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
                Err(d) => {
                    let text = d.text();
                    shown.push(Shown {
                        severity: "loi",
                        line: 0,
                        body_line: 0,
                        field: "anh".into(),
                        text: text.vi,
                        hint: text.hint_vi.unwrap_or_default(),
                        english: text.en,
                    });
                }
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
            Ok(saved @ (Saved::Written(_) | Saved::Unchanged)) => {
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
                        let text = d.text();
                        shown.push(Shown {
                            severity: "loi",
                            line: d.location.as_ref().map_or(0, |l| l.line),
                            body_line: 0,
                            field: String::new(),
                            text: format!(
                                "{}: {}",
                                d.location
                                    .as_ref()
                                    .map(|l| l.to_string())
                                    .unwrap_or_default(),
                                text.vi
                            ),
                            hint: text.hint_vi.unwrap_or_default(),
                            english: text.en,
                        });
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

    fn preview(&self, request: &Request) -> Response {
        let pairs = request.form();
        let markdown = value_of(&pairs, "_body").unwrap_or("");
        let html = super::upload::preview_html(markdown);
        Response {
            status: 200,
            content_type: "text/html; charset=utf-8",
            body: html.into_bytes(),
            location: None,
        }
    }

    fn import_page(&self, result: Option<Context>) -> Response {
        let mut c = self.context(&catalogue_text("desk_import_title"));
        if let Some(result) = result {
            c.extend(result);
        }
        self.page("nhap_ke_hoach.html", &c)
    }

    fn stats_page(&self, result: Option<Context>) -> Response {
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

    fn import_drop(&self, request: &Request) -> Response {
        let parts = match super::upload::multipart(request) {
            Ok(p) => p,
            Err(d) => return self.message(400, &d.text().vi, &[d]),
        };
        let Some(file) = parts.file.filter(|f| !f.bytes.is_empty()) else {
            return self.import_page(Some(error_context(Diagnostic::error("desk_no_file", None))));
        };
        match super::upload::import_plan(&self.root, &file) {
            Ok(result) => {
                let id = self.remember(Pending {
                    file: result.file.clone(),
                    bytes: result.text.clone().into_bytes(),
                });
                let mut c = Context::new();
                c.insert("imported", &result);
                c.insert("pending", &id);
                self.import_page(Some(c))
            }
            Err(d) => self.import_page(Some(error_context(d))),
        }
    }

    fn stats_drop(&self, request: &Request) -> Response {
        let parts = match super::upload::multipart(request) {
            Ok(p) => p,
            Err(d) => return self.message(400, &d.text().vi, &[d]),
        };
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
    fn pending_save(&self, request: &Request, which: &str) -> Response {
        let pairs = request.form();
        let id = value_of(&pairs, "_pending").unwrap_or("");
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
            return match store::save(
                &self.root,
                self.date,
                &candidate,
                &[],
                &self.known_problems(),
                &self.lock,
            ) {
                Ok(Saved::Written(_) | Saved::Unchanged) => {
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

impl Desk {
    fn publish_page(&self) -> Response {
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

    fn publish_start(&self, request: &Request) -> Response {
        let pairs = request.form();
        super::publish::start(
            self.root.clone(),
            self.out.clone(),
            self.date,
            value_of(&pairs, "thu").is_some(),
            value_of(&pairs, "mat_khau").unwrap_or("").to_owned(),
            std::sync::Arc::clone(&self.publish),
            std::sync::Arc::clone(&self.lock),
        );
        Response::redirect(format!("{BASE}/xuat-ban"))
    }
}

/// What a refused save brings back to its form.
struct Submitted {
    values: Value,
    body: String,
    shown: Vec<Shown>,
    note: String,
}

/// "Đã lưu" after a save redirected here.
fn saved_note(request: &Request) -> String {
    match request.query("da-luu").as_deref() {
        Some("khong-doi") => catalogue_text("desk_unchanged"),
        Some(_) => catalogue_text("desk_saved"),
        None => String::new(),
    }
}

fn catalogue_text(code: &str) -> String {
    crate::messages::text(code, &[]).vi
}

fn error_context(d: Diagnostic) -> Context {
    let mut c = Context::new();
    let mut all = Diagnostics::new();
    all.push(d);
    c.insert("problems", &shown_of(&all));
    c
}

/// The address of an item's page on the preview.
fn preview_url(kind: &Kind, key: &str, values: &Value) -> Option<String> {
    if key.starts_with('_') {
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
