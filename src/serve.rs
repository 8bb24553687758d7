//! `aware serve`: builds the course into memory, serves it over HTTP, watches the course
//! folder and rebuilds incrementally ([`crate::site::Site`]), and tells the browser over
//! Server-Sent Events (`/__aware/events`) to reload, swap a stylesheet, or show the
//! errors of a failed rebuild over the last good page.
//!
//! HTTP is a small HTTP/1.1 server on `std::net`, one thread per connection (event streams
//! are long-lived), every response `Connection: close`. Only GET and HEAD; request paths
//! are decoded strictly and looked up in the in-memory site, never on disk.

use std::collections::HashSet;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, RwLock};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{bail, Context as _};
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};
use notify::{EventKind, RecursiveMode, Watcher};

use crate::diagnostic::{plural, Diagnostics, Severity};
use crate::site::{is_editor_temp, Bytes, Files, Level, Site};

/// Where the event stream is served.
pub const EVENTS_PATH: &str = "/__aware/events";
/// Where the live-reload script is served.
pub const RELOAD_JS_PATH: &str = "/__aware/reload.js";
/// Quiet time after the last file event before rebuilding: one editor save (write to a
/// temporary file, rename, write) is one rebuild.
pub const DEBOUNCE: Duration = Duration::from_millis(25);
/// Extra wait when a batch holds a course file that is missing or empty (half-saved).
pub const SETTLE: Duration = Duration::from_millis(100);
/// Longest a stream of file events can delay a rebuild.
pub const DEBOUNCE_MAX: Duration = Duration::from_millis(500);
/// Default port.
pub const DEFAULT_PORT: u16 = 3000;
/// How many ports after a taken one are tried.
const PORT_TRIES: u16 = 50;

/// The live-reload client, injected into every HTML page `aware serve` sends.
const RELOAD_JS: &str = include_str!("serve_reload.js");

/// Options of `aware serve`.
#[derive(Debug, Clone)]
pub struct Options {
    /// Course folder.
    pub dir: PathBuf,
    /// Port to listen on (0: any free port).
    pub port: u16,
    /// Address to listen on; `None` is 127.0.0.1.
    pub bind: Option<IpAddr>,
    /// Open the site in the default browser.
    pub open: bool,
    /// Colour for the terminal.
    pub color: ColorChoice,
}

/// What the server threads share.
struct Shared {
    /// The last good site (search index apart).
    files: RwLock<Arc<Files>>,
    /// The last good search index (`search/...`), rebuilt in the background.
    search: RwLock<Arc<Files>>,
    /// The current error event's JSON, while the course has errors.
    error: RwLock<Option<String>>,
    /// Shown for every page while no build has ever succeeded.
    no_site: RwLock<Option<String>>,
    /// Open event streams.
    clients: Mutex<Vec<Sender<Arc<str>>>>,
}

impl Shared {
    fn lookup(&self, path: &str) -> Option<Bytes> {
        let map = if path.starts_with("search/") {
            &self.search
        } else {
            &self.files
        };
        map.read().ok()?.get(path).cloned()
    }

    /// Sends one event to every open stream, forgetting closed ones.
    fn broadcast(&self, event: &str, data: &str) {
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

/// Runs `aware serve` until Ctrl-C. Content errors never stop it; `Err` is for problems
/// such as no free port or a folder that cannot be watched.
pub fn run(opts: Options) -> anyhow::Result<()> {
    let mut term = StandardStream::stderr(opts.color);
    let root = opts
        .dir
        .canonicalize()
        .with_context(|| format!("cannot open course folder {}", opts.dir.display()))?;
    if !root.is_dir() {
        bail!("{} is not a folder", opts.dir.display());
    }

    // Ctrl-C (or SIGTERM) stops at once, whatever is running: nothing is written to disk,
    // so there is nothing to finish.
    let serving: Arc<Mutex<Option<String>>> = Arc::new(Mutex::new(None));
    {
        let serving = serving.clone();
        ctrlc::set_handler(move || {
            let url = serving.lock().ok().and_then(|u| u.clone());
            match url {
                Some(url) => eprintln!("\nStopped serving {url}. Goodbye."),
                None => eprintln!("\nStopped. Goodbye."),
            }
            std::process::exit(0);
        })
        .context("cannot install the Ctrl-C handler")?;
    }

    let start = Instant::now();
    let mut site = Site::build(&root);
    let shared = Arc::new(Shared {
        files: RwLock::new(Arc::new(site.files().clone())),
        search: RwLock::new(Arc::new(site.search_files().clone())),
        error: RwLock::new(None),
        no_site: RwLock::new(None),
        clients: Mutex::new(Vec::new()),
    });
    let diags = site.diagnostics();
    if !diags.is_empty() {
        let _ = diags.render(&mut term);
    }
    if site.has_errors() {
        set_error(&shared, &site);
        let _ = writeln!(term, "The course has errors ({}); the site will appear when they are fixed. Watching for changes.", diags.summary());
    } else {
        let c = site.course();
        let _ = writeln!(
            term,
            "Built \"{}\" in memory: {} module{}, {} quiz{}, {} glossary term{} → {} files in {:.2} s",
            c.config.title,
            c.modules.len(),
            plural(c.modules.len()),
            c.quizzes.len(),
            if c.quizzes.len() == 1 { "" } else { "zes" },
            c.glossary.len(),
            plural(c.glossary.len()),
            site.files().len() + site.search_files().len(),
            start.elapsed().as_secs_f64()
        );
    }

    // Listen.
    let ip = opts.bind.unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST));
    let listener = bind(ip, opts.port, &mut term)?;
    let addr = listener.local_addr()?;
    let url = url_for(addr);
    if !ip.is_loopback() {
        let _ = writeln!(
            term,
            "warning: listening on {ip}: anyone who can reach this computer on your network can see the course (and its quiz answers). Use the default (127.0.0.1) to keep it to this computer."
        );
    }
    {
        let shared = shared.clone();
        thread::Builder::new()
            .name("aware-http".into())
            .spawn(move || accept_loop(listener, shared))?;
    }

    // Watch.
    let (tx, rx) = mpsc::channel::<PathBuf>();
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        let Ok(ev) = res else { return };
        if !relevant(&ev.kind) {
            return;
        }
        for p in ev.paths {
            let _ = tx.send(p);
        }
    })
    .context("cannot start watching files")?;
    let mut watched: HashSet<PathBuf> = HashSet::new();
    watcher
        .watch(&root, RecursiveMode::NonRecursive)
        .with_context(|| format!("cannot watch {}", root.display()))?;
    watch_dirs(&mut watcher, &root, &mut watched, true);

    let _ = writeln!(term, "Serving at {url}  (live reload on; Ctrl-C to stop)");
    if opts.open {
        open_browser(&url, &mut term);
    }

    // Search indexes are rebuilt on their own thread, newest first, after the reload.
    let (search_tx, search_rx) = mpsc::channel::<Vec<crate::search::index::SearchDoc>>();
    {
        let shared = shared.clone();
        thread::Builder::new()
            .name("aware-search".into())
            .spawn(move || search_loop(search_rx, shared))?;
    }

    {
        let shared = shared.clone();
        let color = opts.color;
        thread::Builder::new()
            .name("aware-rebuild".into())
            .spawn(move || {
                let mut term = StandardStream::stderr(color);
                let mut last_printed = site.diagnostics().render_plain();
                loop {
                    let Some(batch) = debounce(&rx, &root) else {
                        return;
                    };
                    if batch.iter().any(|p| p.parent() == Some(root.as_path())) {
                        watch_dirs(&mut watcher, &root, &mut watched, false);
                    }
                    rebuild(
                        &mut site,
                        &batch,
                        &shared,
                        &mut term,
                        &mut last_printed,
                        &search_tx,
                    );
                }
            })?;
    }

    if let Ok(mut s) = serving.lock() {
        *s = Some(url);
    }
    // Everything runs on its own thread now; the Ctrl-C handler ends the process.
    loop {
        thread::park();
    }
}

/// Binds `ip:port`, or the next free port after a taken one (saying so).
fn bind(ip: IpAddr, port: u16, term: &mut StandardStream) -> anyhow::Result<TcpListener> {
    let mut p = port;
    loop {
        match TcpListener::bind(SocketAddr::new(ip, p)) {
            Ok(l) => {
                if p != port {
                    let _ = writeln!(term, "Port {port} is in use; using port {p} instead.");
                }
                return Ok(l);
            }
            Err(e)
                if e.kind() == io::ErrorKind::AddrInUse
                    && port != 0
                    && p < port.saturating_add(PORT_TRIES)
                    && p < u16::MAX =>
            {
                p += 1
            }
            Err(e) if e.kind() == io::ErrorKind::AddrInUse => {
                bail!("ports {port} to {p} on {ip} are all in use; choose another with --port")
            }
            Err(e) => {
                return Err(e)
                    .with_context(|| format!("cannot listen on {}", SocketAddr::new(ip, p)))
            }
        }
    }
}

/// The address to open in a browser.
fn url_for(addr: SocketAddr) -> String {
    match addr.ip() {
        IpAddr::V4(v4) if v4.is_unspecified() => format!("http://127.0.0.1:{}/", addr.port()),
        IpAddr::V6(v6) if v6.is_unspecified() => format!("http://[::1]:{}/", addr.port()),
        IpAddr::V4(v4) => format!("http://{v4}:{}/", addr.port()),
        IpAddr::V6(v6) => format!("http://[{v6}]:{}/", addr.port()),
    }
}

/// Watches the course's sub-folders that exist and are not watched yet (again after a
/// folder was deleted and made anew).
fn watch_dirs(
    watcher: &mut impl Watcher,
    root: &Path,
    watched: &mut HashSet<PathBuf>,
    first: bool,
) {
    for sub in ["content", "quizzes", "themes"] {
        let dir = root.join(sub);
        if dir.is_dir() {
            if !first && watched.contains(&dir) {
                // Re-watch: the folder may be a new one under the same name.
                let _ = watcher.unwatch(&dir);
            }
            if watcher.watch(&dir, RecursiveMode::Recursive).is_ok() {
                watched.insert(dir);
            }
        } else {
            watched.remove(&dir);
        }
    }
}

/// File events that can change the site (opening and reading files do not).
fn relevant(kind: &EventKind) -> bool {
    use notify::event::{AccessKind, AccessMode, MetadataKind, ModifyKind};
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => false,
        _ => true,
    }
}

/// Waits for file events and returns one batch of changed paths: everything that arrives
/// until [`DEBOUNCE`] passes with no event (at most [`DEBOUNCE_MAX`]). Editor temporary
/// files never start or extend a batch. When a course file in the batch is missing or
/// empty, which is how a save looks half-way through, the batch waits up to [`SETTLE`]
/// longer for the rest of the save. `None` when the watcher is gone.
fn debounce(rx: &Receiver<PathBuf>, root: &Path) -> Option<Vec<PathBuf>> {
    let keep = |p: &PathBuf| {
        p.strip_prefix(root)
            .map(|rel| !is_editor_temp(rel))
            .unwrap_or(false)
    };
    let first = loop {
        let p = rx.recv().ok()?;
        if keep(&p) {
            break p;
        }
    };
    let started = Instant::now();
    let mut batch = vec![first];
    let mut quiet_until = Instant::now() + DEBOUNCE;
    let mut settled = false;
    loop {
        let now = Instant::now();
        let deadline = quiet_until.min(started + DEBOUNCE_MAX);
        if now >= deadline {
            if !settled && now < started + DEBOUNCE_MAX && batch.iter().any(|p| half_saved(p)) {
                settled = true;
                quiet_until = now + SETTLE;
                continue;
            }
            break;
        }
        match rx.recv_timeout(deadline - now) {
            Ok(p) => {
                if keep(&p) {
                    if !batch.contains(&p) {
                        batch.push(p);
                    }
                    quiet_until = Instant::now() + DEBOUNCE;
                }
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => break,
        }
    }
    Some(batch)
}

/// A course file (markdown or YAML) that is missing or empty: maybe deleted, maybe in
/// the middle of being saved.
fn half_saved(p: &Path) -> bool {
    let course_file = p
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e, "md" | "markdown" | "yaml" | "yml"));
    course_file && std::fs::metadata(p).map(|m| m.len() == 0).unwrap_or(true)
}

/// Applies one batch of changes, publishes the result and tells the browsers.
fn rebuild(
    site: &mut Site,
    batch: &[PathBuf],
    shared: &Shared,
    term: &mut StandardStream,
    last_printed: &mut String,
    search_tx: &Sender<Vec<crate::search::index::SearchDoc>>,
) {
    let was_error = shared.error.read().map(|e| e.is_some()).unwrap_or(false);
    let names: Vec<String> = batch
        .iter()
        .filter(|p| site.depends_on(p))
        .map(|p| {
            p.strip_prefix(site.root())
                .unwrap_or(p)
                .display()
                .to_string()
        })
        .collect();
    let update = site.apply(batch);
    if update.level == Level::Nothing && update.ok != was_error {
        return; // nothing the site depends on changed
    }
    let what = if names.len() > 3 {
        format!("{}, … ({} files)", names[..3].join(", "), names.len())
    } else {
        names.join(", ")
    };
    if !update.changed.is_empty() {
        if let Ok(mut f) = shared.files.write() {
            *f = Arc::new(site.files().clone());
        }
    }
    if !update.ok {
        set_error(shared, site);
        let error = shared
            .error
            .read()
            .ok()
            .and_then(|e| e.clone())
            .unwrap_or_default();
        shared.broadcast("error", &error);
        let diags = site.diagnostics();
        *last_printed = diags.render_plain();
        let _ = diags.render(term);
        let _ = writeln!(
            term,
            "Rebuild failed ({what}): {}. Still serving the last good version.",
            diags.summary()
        );
        return;
    }
    if let Ok(mut e) = shared.error.write() {
        *e = None;
    }
    if let Ok(mut n) = shared.no_site.write() {
        *n = None;
    }
    if update.changed.is_empty() {
        if was_error {
            shared.broadcast("ok", "{}");
        }
    } else if update.css_only() {
        shared.broadcast(
            "css",
            &serde_json::json!({ "paths": update.changed }).to_string(),
        );
    } else {
        // Pages reload when they changed; anything else (scripts, images, course.js) is
        // used by every page.
        let all =
            update.changed.len() > 200 || update.changed.iter().any(|p| !p.ends_with(".html"));
        let paths: &[String] = if all { &[] } else { &update.changed };
        shared.broadcast(
            "reload",
            &serde_json::json!({ "all": all, "paths": paths }).to_string(),
        );
    }
    // The search index follows, off the reload's path.
    if let Some(docs) = site.take_search_docs() {
        let _ = search_tx.send(docs);
    }
    let diags = site.diagnostics();
    let plain = diags.render_plain();
    if !diags.is_empty() && plain != *last_printed {
        let _ = diags.render(term);
    }
    *last_printed = plain;
    let n = update.changed.len();
    let _ = writeln!(
        term,
        "{what}: {} in {:.1} ms{}",
        if n == 0 {
            "no page changed".to_string()
        } else {
            format!("{n} file{} changed", plural(n))
        },
        update.elapsed.as_secs_f64() * 1000.0,
        if diags.warning_count() > 0 {
            format!(
                " ({} warning{})",
                diags.warning_count(),
                plural(diags.warning_count())
            )
        } else {
            String::new()
        }
    );
}

/// Exports search indexes, always the newest documents, into the served site.
fn search_loop(rx: Receiver<Vec<crate::search::index::SearchDoc>>, shared: Arc<Shared>) {
    while let Ok(mut docs) = rx.recv() {
        while let Ok(newer) = rx.try_recv() {
            docs = newer;
        }
        if let Ok(files) = crate::search::export::export(&docs) {
            if let Ok(mut s) = shared.search.write() {
                *s = Arc::new(crate::site::file_map(files));
            }
        }
    }
}

/// Records the site's diagnostics as the current error (event JSON and, with no site
/// yet, the page shown instead).
fn set_error(shared: &Shared, site: &Site) {
    let json = diagnostics_json(site.diagnostics()).to_string();
    if !site.has_site() {
        if let Ok(mut n) = shared.no_site.write() {
            *n = Some(no_site_page(site.diagnostics()));
        }
    }
    if let Ok(mut e) = shared.error.write() {
        *e = Some(json);
    }
}

/// The diagnostics as the browser overlay reads them.
pub fn diagnostics_json(diags: &Diagnostics) -> serde_json::Value {
    let items: Vec<serde_json::Value> = diags
        .sorted()
        .into_iter()
        .map(|d| {
            let mut one = Diagnostics::new();
            one.push(d.clone());
            if let Some(src) = diags.source(&d.file) {
                one.add_source(&d.file, src);
            }
            serde_json::json!({
                "severity": d.severity,
                "code": d.code,
                "file": d.file.to_string_lossy().replace('\\', "/"),
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
fn no_site_page(diags: &Diagnostics) -> String {
    let esc = crate::markdown::escape;
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>Course has errors · aware serve</title></head>\n<body>\n<main>\n<h1>The course has errors</h1>\n<p>{}. The site appears here as soon as they are fixed.</p>\n<pre>{}</pre>\n</main>\n</body>\n</html>\n",
        esc(&diags.summary()),
        esc(&diags.render_plain())
    )
}

/// Opens `url` in the default browser; a failure is only a warning.
fn open_browser(url: &str, term: &mut StandardStream) {
    let mut cmd = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    cmd.arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    match cmd.spawn() {
        Ok(mut child) => {
            let url = url.to_string();
            thread::spawn(move || {
                if let Ok(status) = child.wait() {
                    if !status.success() {
                        eprintln!(
                            "warning: could not open a browser ({status}); open {url} yourself."
                        );
                    }
                }
            });
        }
        Err(e) => {
            let _ = writeln!(
                term,
                "warning: could not open a browser ({e}); open {url} yourself."
            );
        }
    }
}

// ---------------------------------------------------------------------------------------
// HTTP
// ---------------------------------------------------------------------------------------

fn accept_loop(listener: TcpListener, shared: Arc<Shared>) {
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let shared = shared.clone();
        let _ = thread::Builder::new()
            .name("aware-conn".into())
            .spawn(move || {
                let _ = handle(stream, &shared);
            });
    }
}

/// A parsed request: method and target.
struct Request {
    method: String,
    target: String,
}

/// Reads the request line and headers (limited in size and time).
fn read_request(stream: &TcpStream) -> io::Result<Option<Request>> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.take(16 * 1024));
    let mut line = String::new();
    if reader.read_line(&mut line)? == 0 {
        return Ok(None);
    }
    let mut parts = line.split_whitespace();
    let (Some(method), Some(target)) = (parts.next(), parts.next()) else {
        return Ok(None);
    };
    let req = Request {
        method: method.to_string(),
        target: target.to_string(),
    };
    // Skip the headers: nothing in them changes the answer.
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h)? == 0 || h.trim_end().is_empty() {
            break;
        }
    }
    Ok(Some(req))
}

fn handle(mut stream: TcpStream, shared: &Shared) -> io::Result<()> {
    let req = match read_request(&stream) {
        Ok(Some(r)) => r,
        Ok(None) => {
            return respond(
                &mut stream,
                false,
                400,
                "text/plain; charset=utf-8",
                b"bad request\n",
                &[],
            )
        }
        Err(_) => return Ok(()),
    };
    let head = req.method == "HEAD";
    if req.method != "GET" && !head {
        return respond(
            &mut stream,
            false,
            405,
            "text/plain; charset=utf-8",
            b"method not allowed: aware serve answers GET and HEAD\n",
            &[("Allow", "GET, HEAD")],
        );
    }
    let path = match site_path_of(&req.target) {
        Ok(p) => p,
        Err(why) => {
            return respond(
                &mut stream,
                head,
                400,
                "text/plain; charset=utf-8",
                format!("bad request: {why}\n").as_bytes(),
                &[],
            )
        }
    };
    match path.as_str() {
        "__aware/events" => return events(stream, shared, head),
        "__aware/reload.js" => {
            return respond(
                &mut stream,
                head,
                200,
                "text/javascript; charset=utf-8",
                RELOAD_JS.as_bytes(),
                &[],
            )
        }
        _ => {}
    }
    if let Some(page) = shared.no_site.read().ok().and_then(|n| n.clone()) {
        let body = inject(page.as_bytes());
        return respond(
            &mut stream,
            head,
            500,
            "text/html; charset=utf-8",
            &body,
            &[],
        );
    }
    match shared.lookup(&path) {
        Some(bytes) => {
            let ct = content_type(&path);
            if ct.starts_with("text/html") {
                respond(&mut stream, head, 200, ct, &inject(&bytes), &[])
            } else {
                respond(&mut stream, head, 200, ct, &bytes, &[])
            }
        }
        None => match shared.lookup("404.html") {
            Some(page) => respond(
                &mut stream,
                head,
                404,
                "text/html; charset=utf-8",
                &inject(&page),
                &[],
            ),
            None => respond(
                &mut stream,
                head,
                404,
                "text/plain; charset=utf-8",
                b"not found\n",
                &[],
            ),
        },
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
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

/// An event stream: `hello` at once (and the current `error`, if any), then every event
/// until the browser goes away; a comment every 15 s keeps the connection open.
fn events(mut stream: TcpStream, shared: &Shared, head: bool) -> io::Result<()> {
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

/// Inserts the live-reload script before the last `</body>` (or at the end).
pub fn inject(html: &[u8]) -> Vec<u8> {
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
pub fn site_path_of(target: &str) -> Result<String, &'static str> {
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
    let bytes = percent_decode(raw).ok_or("malformed percent-encoding")?;
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

fn percent_decode(s: &str) -> Option<Vec<u8>> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    Some(out)
}

/// The Content-Type for a site path, by extension.
pub fn content_type(path: &str) -> &'static str {
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
mod tests {
    use super::*;

    #[test]
    fn request_paths_are_confined_to_the_site() {
        assert_eq!(site_path_of("/").unwrap(), "index.html");
        assert_eq!(
            site_path_of("/modules/intro.html?x=1#top").unwrap(),
            "modules/intro.html"
        );
        assert_eq!(site_path_of("/modules/").unwrap(), "modules/index.html");
        assert_eq!(
            site_path_of("/media/my%20map.png").unwrap(),
            "media/my map.png"
        );
        assert_eq!(
            site_path_of("//modules//intro.html").unwrap(),
            "modules/intro.html"
        );
        for bad in [
            "/../site.yaml",
            "/%2e%2e/site.yaml",
            "/%2E%2E/site.yaml",
            "/modules/..%2f..%2fsite.yaml",
            "/modules/%2e%2e/%2e%2e/site.yaml",
            "/..\\site.yaml",
            "/%5c..%5csite.yaml",
            "/index.html%00.png",
            "/./index.html",
            "/%zz",
            "/%ff",
            "site.yaml",
        ] {
            assert!(site_path_of(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn content_types_by_extension() {
        for (p, t) in [
            ("index.html", "text/html; charset=utf-8"),
            ("static/aware.css", "text/css; charset=utf-8"),
            ("course.js", "text/javascript; charset=utf-8"),
            ("a.json", "application/json"),
            ("media/a.SVG", "image/svg+xml"),
            ("a.png", "image/png"),
            ("a.jpg", "image/jpeg"),
            ("a.gif", "image/gif"),
            ("a.webp", "image/webp"),
            ("favicon.ico", "image/x-icon"),
            ("a.pdf", "application/pdf"),
            ("a.txt", "text/plain; charset=utf-8"),
            ("f.woff2", "font/woff2"),
            ("noext", "application/octet-stream"),
        ] {
            assert_eq!(content_type(p), t, "{p}");
        }
    }

    #[test]
    fn reload_script_goes_before_the_last_body_end() {
        let out = String::from_utf8(inject(b"<html><body><p>x</p></body></html>")).unwrap();
        assert_eq!(
            out,
            format!(
                "<html><body><p>x</p><script src=\"{RELOAD_JS_PATH}\"></script>\n</body></html>"
            )
        );
        let out = String::from_utf8(inject(b"<p>no body</p>")).unwrap();
        assert!(out.ends_with("</script>\n"));
    }

    #[test]
    fn events_are_sse_framed() {
        assert_eq!(
            sse("reload", "{\"a\":1}"),
            "event: reload\ndata: {\"a\":1}\n\n"
        );
        assert_eq!(sse("x", "a\nb"), "event: x\ndata: a\ndata: b\n\n");
    }
}
