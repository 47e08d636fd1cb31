//! The preview server's answers: files of the output folder, with the reload script and the
//! error box added to pages. Only requests addressed to the machine itself are answered (a `Host`
//! of `127.0.0.1`, `localhost` or `[::1]` with the port): a page elsewhere cannot read the
//! preview by pointing a name of its own at 127.0.0.1 (DNS rebinding).

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::Status;
use crate::diagnostics::Diagnostic;
use crate::messages;

/// Threads answering HTTP requests.
const HTTP_THREADS: usize = 4;
/// The address of the status the reload script polls.
pub(super) const STATUS_URL: &str = "/__loa/trang-thai";
/// The address of the reload script.
pub(super) const SCRIPT_URL: &str = "/__loa/tai-lai.js";
/// The reload script (no words a reader sees: the error box is rendered by the server).
const RELOAD_SCRIPT: &str = r#"(() => {
  let seen = null;
  async function tick() {
    try {
      const r = await fetch('/__loa/trang-thai', { cache: 'no-store' });
      const s = await r.json();
      if (seen !== null && s.version !== seen) { location.reload(); return; }
      seen = s.version;
    } catch (e) {}
    setTimeout(tick, 300);
  }
  tick();
})();
"#;

use crate::render::escape_html as html_escape;

/// Adds the reload script (and the error box, when the last rebuild failed) to a page.
fn inject(html: &[u8], status: &Status) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    let mut extra = String::new();
    if !status.errors.is_empty() {
        let title = messages::text("serve_error_box", &[]).vi;
        extra.push_str(&format!(
            "<div role=\"alert\" style=\"position:fixed;inset:0 0 auto 0;z-index:9999;max-height:60vh;overflow:auto;background:#fff3f3;color:#600;border-bottom:4px solid #b00;padding:1rem;font:16px/1.4 monospace\"><strong>{}</strong><pre style=\"white-space:pre-wrap\">{}</pre></div>",
            html_escape(&title),
            html_escape(&status.errors.join("\n"))
        ));
    }
    extra.push_str(&format!("<script src=\"{SCRIPT_URL}\"></script>"));
    match text.rfind("</body>") {
        Some(at) => format!("{}{}{}", &text[..at], extra, &text[at..]).into_bytes(),
        None => format!("{text}{extra}").into_bytes(),
    }
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

/// Decodes `%xx` in an address path.
fn percent_decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if let Some(b) = (bytes[i] == b'%')
            .then(|| path.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| u8::from_str_radix(hex, 16).ok())
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The file an address maps to under `out`, or `None` for a path outside it.
fn file_for_request(out: &Path, url: &str) -> Option<PathBuf> {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    let path = percent_decode(path);
    let mut file = out.to_path_buf();
    for part in path.split('/').filter(|p| !p.is_empty()) {
        if part == ".." || part == "." || part.contains('\\') {
            return None;
        }
        file.push(part);
    }
    if path.ends_with('/') || file.is_dir() {
        file.push("index.html");
    }
    Some(file)
}

fn header(name: &str, value: &str) -> tiny_http::Header {
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes())
        .expect("header names and values here are ASCII")
}

/// The names the preview answers to, each with the port (`127.0.0.1:8000`).
fn local_hosts(port: u16) -> [String; 3] {
    [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("[::1]:{port}"),
    ]
}

/// Whether a request's `Host` names this machine and the preview's port (`None`: no `Host`).
fn is_local_host(host: Option<&str>, port: u16) -> bool {
    let Some(host) = host else {
        return false;
    };
    let host = host.trim().to_ascii_lowercase();
    local_hosts(port).contains(&host)
}

/// The preview server, answering on a few threads.
pub(super) struct Preview {
    /// Where it listens (the port actually bound, also when 0 was asked for).
    pub(super) address: std::net::SocketAddr,
}

impl Preview {
    /// Listens on 127.0.0.1:`port` (0: any free port) and answers from `out` with `status`.
    pub(super) fn start(
        out: &Path,
        port: u16,
        status: Arc<Mutex<Status>>,
        desk: Option<Arc<crate::desk::Desk>>,
    ) -> Result<Preview, Diagnostic> {
        let asked = format!("127.0.0.1:{port}");
        let server = tiny_http::Server::http(&asked).map_err(|e| {
            Diagnostic::error("serve_error", None)
                .arg("address", asked.clone())
                .arg("reason", e.to_string())
        })?;
        let address = server.server_addr().to_ip().ok_or_else(|| {
            Diagnostic::error("serve_error", None)
                .arg("address", asked.clone())
                .arg("reason", "no IP address")
        })?;
        let server = Arc::new(server);
        for _ in 0..HTTP_THREADS {
            let server = Arc::clone(&server);
            let status = Arc::clone(&status);
            let out = out.to_path_buf();
            let port = address.port();
            let desk = desk.clone();
            std::thread::spawn(move || {
                for request in server.incoming_requests() {
                    answer(request, &out, &status, port, desk.as_deref());
                }
            });
        }
        Ok(Preview { address })
    }
}

fn answer(
    request: tiny_http::Request,
    out: &Path,
    status: &Mutex<Status>,
    port: u16,
    desk: Option<&crate::desk::Desk>,
) {
    let url = request.url().to_owned();
    let host = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Host"))
        .map(|h| h.value.as_str().to_owned());
    let local = is_local_host(host.as_deref(), port);
    let to_desk = url == crate::desk::BASE
        || url.starts_with(&format!("{}/", crate::desk::BASE))
        || url.starts_with(&format!("{}?", crate::desk::BASE));
    if let Some(desk) = desk.filter(|_| local && to_desk) {
        return answer_desk(request, desk);
    }
    let status = status.lock().map(|s| s.clone()).unwrap_or_default();
    let respond = |code: u16, body: Vec<u8>, kind: &str| {
        let response = tiny_http::Response::from_data(body)
            .with_status_code(code)
            .with_header(header("Content-Type", kind))
            .with_header(header("Cache-Control", "no-store"));
        let _ = request.respond(response);
    };
    if !local {
        let allowed = local_hosts(port).join(", ");
        let text = messages::text("serve_host_refused", &[("allowed", allowed)]);
        let body = format!("{}\n({})\n", text.vi, text.en);
        return respond(403, body.into_bytes(), "text/plain; charset=utf-8");
    }
    if url.starts_with(STATUS_URL) {
        let body = serde_json::json!({
            "version": status.version,
            "ok": status.errors.is_empty(),
            "errors": status.errors,
            "last_ms": status.last_ms as u64,
            "last_kind": status.last_kind,
        });
        return respond(200, body.to_string().into_bytes(), "application/json");
    }
    if url.starts_with(SCRIPT_URL) {
        return respond(
            200,
            RELOAD_SCRIPT.as_bytes().to_vec(),
            "text/javascript; charset=utf-8",
        );
    }
    let Some(file) = file_for_request(out, &url) else {
        return respond(400, b"bad path".to_vec(), "text/plain");
    };
    let (code, file) = if file.is_file() {
        (200, file)
    } else {
        (404, out.join("404.html"))
    };
    let bytes = std::fs::read(&file).unwrap_or_default();
    let kind = content_type(&file);
    if kind.starts_with("text/html") {
        respond(code, inject(&bytes, &status), kind)
    } else {
        respond(code, bytes, kind)
    }
}

/// Hands a request to the editing desk and sends its answer.
fn answer_desk(mut request: tiny_http::Request, desk: &crate::desk::Desk) {
    use std::io::Read as _;
    let headers: Vec<(String, String)> = request
        .headers()
        .iter()
        .map(|h| {
            (
                h.field.as_str().as_str().to_ascii_lowercase(),
                h.value.as_str().to_owned(),
            )
        })
        .collect();
    let mut body = Vec::new();
    let limit = crate::desk::MAX_BODY as u64 + 1;
    let read = request.as_reader().take(limit).read_to_end(&mut body);
    let too_large = body.len() as u64 >= limit;
    let answer = if read.is_err() || too_large {
        crate::desk::Response::too_large()
    } else {
        desk.answer(&crate::desk::Request {
            method: request.method().as_str().to_owned(),
            url: request.url().to_owned(),
            headers,
            body,
        })
    };
    let mut response = tiny_http::Response::from_data(answer.body)
        .with_status_code(answer.status)
        .with_header(header("Content-Type", answer.content_type))
        .with_header(header("Cache-Control", "no-store"))
        .with_header(header("X-Frame-Options", "SAMEORIGIN"))
        .with_header(header("Referrer-Policy", "same-origin"));
    if let Some(location) = answer.location {
        // Header values are ASCII: a file name with marks is sent percent-encoded.
        let ascii: String = location
            .bytes()
            .map(|b| {
                if b.is_ascii_graphic() {
                    (b as char).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect();
        response = response.with_header(header("Location", &ascii));
    }
    let _ = request.respond(response);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_get_the_reload_script_and_the_error_box_only_after_a_failed_build() {
        let page = b"<html><body><p>x</p></body></html>";
        let good = String::from_utf8(inject(page, &Status::default())).unwrap();
        assert!(good.contains("<script src=\"/__loa/tai-lai.js\"></script></body>"));
        assert!(!good.contains("role=\"alert\""));
        let bad = Status {
            errors: vec!["content/news/a.md:3:1: lỗi: <x>".to_owned()],
            ..Status::default()
        };
        let shown = String::from_utf8(inject(page, &bad)).unwrap();
        assert!(shown.contains("content/news/a.md:3:1: lỗi: &lt;x&gt;"));
    }

    #[test]
    fn addresses_stay_inside_the_output_folder() {
        let out = Path::new("/srv/out");
        assert_eq!(
            file_for_request(out, "/tin-tuc/a/?q=1"),
            Some(PathBuf::from("/srv/out/tin-tuc/a/index.html"))
        );
        assert_eq!(file_for_request(out, "/../etc/passwd"), None);
        assert_eq!(file_for_request(out, "/%2e%2e/etc/passwd"), None);
        assert_eq!(
            file_for_request(out, "/static/style.css"),
            Some(PathBuf::from("/srv/out/static/style.css"))
        );
    }

    #[test]
    fn only_the_local_names_with_the_port_are_answered() {
        for host in [
            "127.0.0.1:8000",
            "localhost:8000",
            "LOCALHOST:8000",
            "[::1]:8000",
        ] {
            assert!(is_local_host(Some(host), 8000), "{host}");
        }
        for host in [
            "attacker.example:8000",
            "127.0.0.1",
            "127.0.0.1:8001",
            "localhost.attacker.example:8000",
            "192.168.1.5:8000",
            "",
        ] {
            assert!(!is_local_host(Some(host), 8000), "{host}");
        }
        assert!(!is_local_host(None, 8000));
    }
}
