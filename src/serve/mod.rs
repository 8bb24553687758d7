//! `aware serve`: builds the course into memory, serves it over HTTP, watches the course
//! folder and rebuilds incrementally, and tells the browser over Server-Sent Events
//! (`/__aware/events`) to reload, swap a stylesheet, or show the errors of a failed
//! rebuild over the last good page.
//!
//! - `incremental`: the site in memory ([`LiveSite`]) and what each edit redoes
//!   (`changes` classifies paths; `edits` and `stale` do the work);
//! - `watch`: file events, debounced into one batch per save;
//! - `rebuild`: one batch applied, published and announced;
//! - `http` and `events`: the server and its event streams;
//! - `open`: `--open`.

pub(crate) mod changes;
mod edits;
pub(crate) mod events;
pub(crate) mod http;
mod incremental;
mod open;
mod problems;
mod rebuild;
mod stale;
pub(crate) mod watch;

use std::io::{self, Write};
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::mpsc;
use std::sync::{Arc, Mutex, RwLock};
use std::thread;
use std::time::Instant;

use anyhow::{bail, Context as _};
use termcolor::{ColorChoice, StandardStream};

use crate::messages;
use crate::search::SearchDoc;
pub use crate::write::memory::{Bytes, Files};
use events::Shared;
pub use incremental::{LiveSite, Redo, Update};

/// Where the event stream is served.
pub const EVENTS_PATH: &str = "/__aware/events";
/// Where the live-reload script is served.
pub const RELOAD_JS_PATH: &str = "/__aware/reload.js";
/// Default port.
pub const DEFAULT_PORT: u16 = 3000;
/// How many ports after a taken one are tried.
const PORT_TRIES: u16 = 50;

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
    let serving = stop_on_ctrl_c()?;
    let (site, shared) = first_build(&root, &mut term);

    let ip = opts.bind.unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST));
    let listener = bind(ip, opts.port, &mut term)?;
    let addr = listener.local_addr()?;
    let url = url_for(addr);
    let hosts = http::Hosts {
        bound: ip,
        port: addr.port(),
    };
    if !ip.is_loopback() {
        let _ = writeln!(term, "{}", messages::serving_on_network(ip));
    }
    {
        let shared = shared.clone();
        thread::Builder::new()
            .name("aware-http".into())
            .spawn(move || http::accept_loop(listener, shared, hosts))?;
    }
    let (watcher, rx, watched) = watch::start(&root)?;
    let _ = writeln!(term, "{}", messages::serving_at(&url));
    if opts.open {
        open::open_browser(&url, &mut term);
    }

    // Search indexes are rebuilt on their own thread, newest first, after the reload.
    let (search_tx, search_rx) = mpsc::channel::<Vec<SearchDoc>>();
    {
        let shared = shared.clone();
        thread::Builder::new()
            .name("aware-search".into())
            .spawn(move || rebuild::search_loop(search_rx, shared))?;
    }
    let rebuilder = rebuild::Rebuilder {
        site,
        shared,
        term: StandardStream::stderr(opts.color),
        search: search_tx,
        last_printed: String::new(),
    };
    thread::Builder::new()
        .name("aware-rebuild".into())
        .spawn(move || rebuilder.run(watcher, rx, watched))?;

    if let Ok(mut s) = serving.lock() {
        *s = Some(url);
    }
    // Everything runs on its own thread now; the Ctrl-C handler ends the process.
    loop {
        thread::park();
    }
}

/// Ctrl-C (or SIGTERM) stops at once, whatever is running: nothing is written to disk,
/// so there is nothing to finish. The returned slot names the URL for the goodbye.
fn stop_on_ctrl_c() -> anyhow::Result<Arc<Mutex<Option<String>>>> {
    let serving: Arc<Mutex<Option<String>>> = Arc::new(Mutex::new(None));
    let slot = serving.clone();
    ctrlc::set_handler(move || {
        let url = slot.lock().ok().and_then(|u| u.clone());
        match url {
            Some(url) => eprintln!("\nStopped serving {url}. Goodbye."),
            None => eprintln!("\nStopped. Goodbye."),
        }
        std::process::exit(0);
    })
    .context("cannot install the Ctrl-C handler")?;
    Ok(serving)
}

/// Builds the site in memory and says how it went.
fn first_build(root: &std::path::Path, term: &mut StandardStream) -> (LiveSite, Arc<Shared>) {
    let start = Instant::now();
    let site = LiveSite::build(root);
    let search = site.search_files().unwrap_or_default();
    let shared = Arc::new(Shared {
        files: RwLock::new(Arc::new(site.files().clone())),
        search: RwLock::new(Arc::new(search)),
        error: RwLock::new(None),
        no_site: RwLock::new(None),
        clients: Mutex::new(Vec::new()),
    });
    let diags = site.diagnostics();
    if !diags.is_empty() {
        let _ = diags.render(term);
    }
    if site.has_errors() {
        rebuild::set_error(&shared, &site, &diags);
        let _ = writeln!(term, "{}", messages::serving_with_errors(&diags));
    } else {
        let files = site.files().len() + shared.search.read().map(|s| s.len()).unwrap_or(0);
        let _ = writeln!(
            term,
            "{}",
            messages::serving_built(site.course(), files, start.elapsed())
        );
    }
    (site, shared)
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
