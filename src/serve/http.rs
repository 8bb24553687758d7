//! A small HTTP/1.1 server on `std::net` for `aware serve`: one thread per connection
//! (event streams are long-lived), every response `Connection: close`, only GET and
//! HEAD. Request paths are decoded strictly and looked up in the in-memory site, never on
//! disk; HTML pages get the live-reload script.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{IpAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use super::events::{events, Shared};
use super::RELOAD_JS_PATH;
use crate::util::percent::decode_strict;

/// The live-reload client, injected into every HTML page `aware serve` sends.
const RELOAD_JS: &str = include_str!("reload.js");

/// Connections served at once; more get a 503 (a slow or hostile client cannot take
/// every thread).
pub(crate) const MAX_CONNECTIONS: usize = 64;
/// Longest time a client may take to send its whole request line and headers.
const HEADER_DEADLINE: Duration = Duration::from_secs(10);
/// Longest time one write to a client may block.
const WRITE_TIMEOUT: Duration = Duration::from_secs(30);

/// Which `Host` headers the server answers: its own address, or the local names, with its
/// port. A page from another site that resolves its own name to 127.0.0.1 (DNS
/// rebinding) sends its own name, and is refused.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hosts {
    pub(crate) bound: IpAddr,
    pub(crate) port: u16,
}

impl Hosts {
    /// True when `host` (a `Host` header's value) names this server.
    pub(crate) fn allows(&self, host: &str) -> bool {
        let host = host.trim().to_ascii_lowercase();
        let Some((name, port)) = host.rsplit_once(':') else {
            return false; // browsers always send the port of a non-default port
        };
        if port.parse::<u16>().ok() != Some(self.port) {
            return false;
        }
        let name = name.trim_start_matches('[').trim_end_matches(']');
        if matches!(name, "localhost" | "127.0.0.1" | "::1") {
            return true;
        }
        match name.parse::<IpAddr>() {
            // Listening on every address: any address of this computer, never a name.
            Ok(ip) if self.bound.is_unspecified() => !ip.is_unspecified(),
            Ok(ip) => ip == self.bound,
            Err(_) => false,
        }
    }
}

/// Answers connections, each on its own thread, at most [`MAX_CONNECTIONS`] at once.
pub(super) fn accept_loop(listener: TcpListener, shared: Arc<Shared>, hosts: Hosts) {
    let active = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        let Ok(mut stream) = stream else { continue };
        let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
        if active.load(Ordering::SeqCst) >= MAX_CONNECTIONS {
            let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
            let mut r = Response::text(503, "too many connections; try again\n");
            r.extra.push(("Retry-After", "1"));
            let _ = r.send(&mut stream, false);
            continue;
        }
        active.fetch_add(1, Ordering::SeqCst);
        let (shared, mine) = (shared.clone(), active.clone());
        let spawned = thread::Builder::new()
            .name("aware-conn".into())
            .spawn(move || {
                let _ = handle(stream, &shared, hosts);
                mine.fetch_sub(1, Ordering::SeqCst);
            });
        if spawned.is_err() {
            active.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

/// A parsed request: method, target and `Host`.
struct Request {
    method: String,
    target: String,
    host: Option<String>,
}

/// Why a request could not be read.
enum BadRequest {
    /// Not HTTP (or not UTF-8): answer 400.
    Malformed,
    /// The client went away or took too long: answer nothing.
    Gone,
}

/// Reads the request line and headers, at most 16 KiB within [`HEADER_DEADLINE`].
fn read_request(stream: &TcpStream) -> Result<Request, BadRequest> {
    // Tests shorten the deadline to see a slow client dropped without waiting 10 s.
    let limit = std::env::var("AWARE_SERVE_HEADER_DEADLINE_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .map_or(HEADER_DEADLINE, Duration::from_millis);
    let deadline = Instant::now() + limit;
    let mut reader = BufReader::new(stream.take(16 * 1024));
    let mut next_line = || -> Result<String, BadRequest> {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(BadRequest::Gone);
        }
        stream
            .set_read_timeout(Some(left))
            .map_err(|_| BadRequest::Gone)?;
        let mut bytes = Vec::new();
        match reader.read_until(b'\n', &mut bytes) {
            Ok(0) => Err(BadRequest::Gone),
            Ok(_) => String::from_utf8(bytes).map_err(|_| BadRequest::Malformed),
            Err(_) => Err(BadRequest::Gone),
        }
    };
    let line = next_line()?;
    let mut parts = line.split_whitespace();
    let (Some(method), Some(target)) = (parts.next(), parts.next()) else {
        return Err(BadRequest::Malformed);
    };
    let mut req = Request {
        method: method.to_string(),
        target: target.to_string(),
        host: None,
    };
    loop {
        let h = next_line()?;
        if h.trim_end().is_empty() {
            return Ok(req);
        }
        if let Some((name, value)) = h.split_once(':') {
            if name.trim().eq_ignore_ascii_case("host") {
                req.host = Some(value.trim().to_string());
            }
        }
    }
}

fn handle(mut stream: TcpStream, shared: &Shared, hosts: Hosts) -> io::Result<()> {
    let req = match read_request(&stream) {
        Ok(r) => r,
        Err(BadRequest::Malformed) => {
            return Response::text(400, "bad request\n").send(&mut stream, false)
        }
        Err(BadRequest::Gone) => return Ok(()),
    };
    if !req.host.as_deref().is_some_and(|h| hosts.allows(h)) {
        let text = "aware serve answers only requests for this computer's own address (Host: localhost or 127.0.0.1 with the port)\n";
        return Response::text(403, text).send(&mut stream, false);
    }
    let head = req.method == "HEAD";
    if req.method != "GET" && !head {
        let mut r = Response::text(
            405,
            "method not allowed: aware serve answers GET and HEAD\n",
        );
        r.extra.push(("Allow", "GET, HEAD"));
        return r.send(&mut stream, false);
    }
    let path = match site_path_of(&req.target) {
        Ok(p) => p,
        Err(why) => {
            return Response::text(400, &format!("bad request: {why}\n")).send(&mut stream, head)
        }
    };
    if path == "__aware/events" {
        return events(stream, shared, head);
    }
    answer(&path, shared).send(&mut stream, head)
}

/// What to send for a site path.
fn answer(path: &str, shared: &Shared) -> Response {
    if path == "__aware/reload.js" {
        return Response::new(
            200,
            "text/javascript; charset=utf-8",
            RELOAD_JS.as_bytes().to_vec(),
        );
    }
    if let Some(page) = shared.no_site.read().ok().and_then(|n| n.clone()) {
        return Response::new(500, "text/html; charset=utf-8", inject(page.as_bytes()));
    }
    match shared.lookup(path) {
        Some(bytes) => {
            let ct = content_type(path);
            let body = if ct.starts_with("text/html") {
                inject(&bytes)
            } else {
                bytes.to_vec()
            };
            Response::new(200, ct, body)
        }
        None => match shared.lookup("404.html") {
            Some(page) => Response::new(404, "text/html; charset=utf-8", inject(&page)),
            None => Response::text(404, "not found\n"),
        },
    }
}

/// One response.
struct Response {
    status: u16,
    content_type: &'static str,
    body: Vec<u8>,
    extra: Vec<(&'static str, &'static str)>,
}

impl Response {
    fn new(status: u16, content_type: &'static str, body: Vec<u8>) -> Self {
        Response {
            status,
            content_type,
            body,
            extra: Vec::new(),
        }
    }

    fn text(status: u16, body: &str) -> Self {
        Self::new(
            status,
            "text/plain; charset=utf-8",
            body.as_bytes().to_vec(),
        )
    }

    fn send(&self, stream: &mut TcpStream, head: bool) -> io::Result<()> {
        respond(
            stream,
            head,
            self.status,
            self.content_type,
            &self.body,
            &self.extra,
        )
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        503 => "Service Unavailable",
        404 => "Not Found",
        405 => "Method Not Allowed",
        500 => "Internal Server Error",
        _ => "",
    }
}

fn respond(
    stream: &mut TcpStream,
    head: bool,
    status: u16,
    content_type: &str,
    body: &[u8],
    extra: &[(&str, &str)],
) -> io::Result<()> {
    let mut h = format!(
        "HTTP/1.1 {status} {}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n",
        reason(status),
        body.len()
    );
    for (k, v) in extra {
        h.push_str(&format!("{k}: {v}\r\n"));
    }
    h.push_str("\r\n");
    stream.write_all(h.as_bytes())?;
    if !head {
        stream.write_all(body)?;
    }
    stream.flush()
}

/// Inserts the live-reload script before the last `</body>` (or at the end).
pub(crate) fn inject(html: &[u8]) -> Vec<u8> {
    let tag = format!("<script src=\"{RELOAD_JS_PATH}\"></script>\n");
    let pos = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..pos]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[pos..]);
    out
}

/// The site path a request target asks for (`/modules/intro.html` → `modules/intro.html`,
/// `/` → `index.html`), or why it is refused: anything that could climb out of the site
/// or hide a separator (`..`, `%2e%2e`, `%2f`, `\`, NUL) is refused, not normalised.
pub(crate) fn site_path_of(target: &str) -> Result<String, &'static str> {
    let target = match target.find(['?', '#']) {
        Some(i) => &target[..i],
        None => target,
    };
    let Some(raw) = target.strip_prefix('/') else {
        return Err("the path must start with /");
    };
    let lower = raw.to_ascii_lowercase();
    if raw.contains('\\') || lower.contains("%5c") {
        return Err("backslashes are not allowed");
    }
    if lower.contains("%2f") {
        return Err("encoded slashes are not allowed");
    }
    let bytes = decode_strict(raw).ok_or("malformed percent-encoding")?;
    if bytes.contains(&0) {
        return Err("NUL is not allowed");
    }
    let decoded = String::from_utf8(bytes).map_err(|_| "the path is not UTF-8")?;
    let mut segments: Vec<&str> = Vec::new();
    for seg in decoded.split('/') {
        match seg {
            "" => {}
            "." | ".." => return Err("`.` and `..` are not allowed in paths"),
            s if s.chars().any(char::is_control) => {
                return Err("control characters are not allowed")
            }
            s => segments.push(s),
        }
    }
    let mut path = segments.join("/");
    if path.is_empty() || decoded.ends_with('/') {
        if !path.is_empty() {
            path.push('/');
        }
        path.push_str("index.html");
    }
    Ok(path)
}

/// The Content-Type for a site path, by extension.
pub(crate) fn content_type(path: &str) -> &'static str {
    let ext = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "txt" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "mp4" => "video/mp4",
        "mp3" => "audio/mpeg",
        "xml" => "application/xml",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
#[path = "http_tests.rs"]
mod tests;
