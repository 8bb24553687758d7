//! What the server threads share, and the Server-Sent Events that tell browsers to
//! reload, swap a stylesheet, or show the errors of a failed rebuild.

use std::io::{self, Write};
use std::net::TcpStream;
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use crate::diagnostic::{Diagnostics, Severity};
use crate::util::html::escape;
use crate::util::site_path::site_path;
use crate::write::memory::{Bytes, Files};

/// What the server threads share.
pub(super) struct Shared {
    /// The last good site (search index apart).
    pub(super) files: RwLock<Arc<Files>>,
    /// The last good search index (`search/...`), rebuilt in the background.
    pub(super) search: RwLock<Arc<Files>>,
    /// The current error event's JSON, while the course has errors.
    pub(super) error: RwLock<Option<String>>,
    /// Shown for every page while no build has ever succeeded.
    pub(super) no_site: RwLock<Option<String>>,
    /// Open event streams.
    pub(super) clients: Mutex<Vec<Sender<Arc<str>>>>,
}

impl Shared {
    pub(super) fn lookup(&self, path: &str) -> Option<Bytes> {
        let map = if path.starts_with("search/") {
            &self.search
        } else {
            &self.files
        };
        map.read().ok()?.get(path).cloned()
    }

    /// Sends one event to every open stream, forgetting closed ones.
    pub(super) fn broadcast(&self, event: &str, data: &str) {
        let msg: Arc<str> = Arc::from(sse(event, data));
        if let Ok(mut clients) = self.clients.lock() {
            clients.retain(|c| c.send(msg.clone()).is_ok());
        }
    }
}

/// One Server-Sent Events message.
fn sse(event: &str, data: &str) -> String {
    let mut s = format!("event: {event}\n");
    for line in data.lines() {
        s.push_str("data: ");
        s.push_str(line);
        s.push('\n');
    }
    s.push('\n');
    s
}

/// An event stream: `hello` at once (and the current `error`, if any), then every event
/// until the browser goes away; a comment every 15 s keeps the connection open.
pub(super) fn events(mut stream: TcpStream, shared: &Shared, head: bool) -> io::Result<()> {
    let h = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: keep-alive\r\n\r\n";
    stream.write_all(h.as_bytes())?;
    if head {
        return stream.flush();
    }
    let (tx, rx) = mpsc::channel::<Arc<str>>();
    // Subscribe before saying hello, so no event after the hello is missed.
    if let Ok(mut c) = shared.clients.lock() {
        c.push(tx);
    }
    let mut first = String::from("retry: 1000\n\n");
    first.push_str(&sse("hello", "{}"));
    if let Some(e) = shared.error.read().ok().and_then(|e| e.clone()) {
        first.push_str(&sse("error", &e));
    }
    stream.write_all(first.as_bytes())?;
    stream.flush()?;
    loop {
        match rx.recv_timeout(Duration::from_secs(15)) {
            Ok(msg) => stream.write_all(msg.as_bytes())?,
            Err(RecvTimeoutError::Timeout) => stream.write_all(b": ping\n\n")?,
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        }
        stream.flush()?;
    }
}

/// The diagnostics as the browser overlay reads them.
pub(super) fn diagnostics_json(diags: &Diagnostics) -> serde_json::Value {
    // As on the terminal, at most MAX_PER_KIND of one kind per file are shown.
    let mut seen: std::collections::HashMap<(&std::path::Path, &str), usize> =
        std::collections::HashMap::new();
    let items: Vec<serde_json::Value> = diags
        .sorted()
        .into_iter()
        .filter(|d| {
            let n = seen.entry((d.file.as_path(), d.code)).or_insert(0);
            *n += 1;
            *n <= crate::diagnostic::MAX_PER_KIND
        })
        .map(|d| {
            let mut one = Diagnostics::new();
            one.push(d.clone());
            if let Some(src) = diags.source(&d.file) {
                one.add_source(&d.file, src);
            }
            serde_json::json!({
                "severity": d.severity,
                "code": d.code,
                "file": site_path(&d.file),
                "line": d.line,
                "column": d.column,
                "location": d.location().replace('\\', "/"),
                "message": d.message,
                "hint": d.hint,
                "snippet": one.render_plain(),
            })
        })
        .collect();
    let errors = diags
        .items()
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    serde_json::json!({ "summary": diags.summary(), "errors": errors, "diagnostics": items })
}

/// The page served while the course has never built.
pub(super) fn no_site_page(diags: &Diagnostics) -> String {
    let esc = escape;
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>Course has errors · aware serve</title></head>\n<body>\n<main>\n<h1>The course has errors</h1>\n<p>{}. The site appears here as soon as they are fixed.</p>\n<pre>{}</pre>\n</main>\n</body>\n</html>\n",
        esc(&diags.summary()),
        esc(&diags.render_plain())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_are_sse_framed() {
        assert_eq!(
            sse("reload", "{\"a\":1}"),
            "event: reload\ndata: {\"a\":1}\n\n"
        );
        assert_eq!(sse("x", "a\nb"), "event: x\ndata: a\ndata: b\n\n");
    }
}
