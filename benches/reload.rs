//! Live-reload latency of `aware serve`: from a module file written on disk to the
//! `reload` event reaching a browser's event stream.
//!
//! ```text
//! cargo build --release && cargo bench --bench reload
//! AWARE_RELOAD_EDITS=50 AWARE_RELOAD_NS="1000 5000" cargo bench --bench reload
//! ```
//!
//! For each course (the repository's default course, copied to a temporary folder, and a
//! generated course of N modules, default 1,000, from `benches/corpus.rs`) it:
//! 1. times a full `aware build` of the course (median of 3 runs, output deleted between
//!    runs), for comparison;
//! 2. starts `target/release/aware serve COURSE --port 0` (the real binary, built with
//!    `cargo build --release` if it is missing) and waits for "Serving at";
//! 3. connects to `/__aware/events` like a browser, then EDITS times (default 20): appends
//!    a sentence to the middle module (`fs::write`, in place), and measures the time from
//!    just before the write to the `reload` event naming that module's page (read on its
//!    own thread, time-stamped as it arrives). It then waits until the search index has
//!    followed (`search/manifest.js` changes; rebuilt in the background after the reload)
//!    and 200 ms more, so edits do not pile up.
//!
//! The latency includes the watcher (inotify), the debounce window (25 ms of quiet after
//! the last event), the incremental rebuild and the event's trip over the socket. Results
//! are printed as a markdown table; record them in benches/RESULTS-serve.md.

#[path = "corpus.rs"]
#[allow(dead_code)]
mod corpus;

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::thread;
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(30);

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("reload bench failed: {e}");
            ExitCode::FAILURE
        }
    }
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn env_num(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn run() -> Result<(), String> {
    let bin = binary()?;
    let edits = env_num("AWARE_RELOAD_EDITS", 20);
    let ns: Vec<usize> = std::env::var("AWARE_RELOAD_NS")
        .unwrap_or_else(|_| "1000".into())
        .split_whitespace()
        .filter_map(|n| n.parse().ok())
        .collect();
    let tmp = tempfile::tempdir().map_err(|e| e.to_string())?;
    let mut rows = Vec::new();

    let default = tmp.path().join("default-course");
    for part in ["site.yaml", "content", "quizzes", "themes"] {
        let from = repo().join(part);
        if from.exists() {
            copy(&from, &default.join(part))?;
        }
    }
    rows.push(measure(&bin, "default course", &default, edits)?);

    for n in ns {
        let dir = tmp.path().join(format!("N{n}"));
        corpus::generate(&dir, n, 1)
            .map_err(|e| format!("generating the {n}-module course: {e}"))?;
        rows.push(measure(
            &bin,
            &format!("generated, {n} modules"),
            &dir,
            edits,
        )?);
    }

    println!();
    println!("| course | modules | full `aware build` | `aware serve` start | reload median | reload worst | reload best | rebuild median (server) | search index follows (median) |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for r in &rows {
        println!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            r.name,
            r.modules,
            ms(r.build),
            ms(r.start),
            ms(median(&r.reloads)),
            ms(*r.reloads.iter().max().unwrap()),
            ms(*r.reloads.iter().min().unwrap()),
            ms(median(&r.rebuilds)),
            if r.search.is_empty() {
                "n/a".to_string()
            } else {
                ms(median(&r.search))
            },
        );
    }
    println!();
    println!(
        "{edits} edits per course; {} cores; binary {}",
        thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1),
        bin.display()
    );
    Ok(())
}

struct Row {
    name: String,
    modules: usize,
    build: Duration,
    start: Duration,
    reloads: Vec<Duration>,
    rebuilds: Vec<Duration>,
    search: Vec<Duration>,
}

fn ms(d: Duration) -> String {
    let v = d.as_secs_f64() * 1000.0;
    if v >= 1000.0 {
        format!("{:.2} s", v / 1000.0)
    } else {
        format!("{v:.1} ms")
    }
}

fn median(v: &[Duration]) -> Duration {
    let mut s = v.to_vec();
    s.sort();
    if s.is_empty() {
        return Duration::ZERO;
    }
    if s.len() % 2 == 1 {
        s[s.len() / 2]
    } else {
        (s[s.len() / 2 - 1] + s[s.len() / 2]) / 2
    }
}

/// target/release/aware, built first if it is missing.
fn binary() -> Result<PathBuf, String> {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("target"));
    let bin = target
        .join("release")
        .join(format!("aware{}", std::env::consts::EXE_SUFFIX));
    if !bin.is_file() {
        eprintln!("building {} (cargo build --release)…", bin.display());
        let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .args(["build", "--release", "--bin", "aware"])
            .current_dir(repo())
            .status()
            .map_err(|e| format!("cannot run cargo: {e}"))?;
        if !status.success() || !bin.is_file() {
            return Err("cargo build --release failed".into());
        }
    } else if newest(&repo().join("src")) > fs::metadata(&bin).and_then(|m| m.modified()).ok() {
        eprintln!("warning: {} is older than src/; run `cargo build --release` to measure the current code", bin.display());
    }
    Ok(bin)
}

fn newest(dir: &Path) -> Option<std::time::SystemTime> {
    let mut best = None;
    for e in fs::read_dir(dir).ok()?.filter_map(Result::ok) {
        let p = e.path();
        let t = if p.is_dir() {
            newest(&p)
        } else {
            e.metadata().and_then(|m| m.modified()).ok()
        };
        best = best.max(t);
    }
    best
}

fn copy(from: &Path, to: &Path) -> Result<(), String> {
    if from.is_dir() {
        fs::create_dir_all(to).map_err(|e| e.to_string())?;
        for e in fs::read_dir(from)
            .map_err(|e| e.to_string())?
            .filter_map(Result::ok)
        {
            copy(&e.path(), &to.join(e.file_name()))?;
        }
        Ok(())
    } else {
        fs::create_dir_all(to.parent().unwrap()).map_err(|e| e.to_string())?;
        fs::copy(from, to)
            .map(|_| ())
            .map_err(|e| format!("copying {}: {e}", from.display()))
    }
}

/// The modules of a course, in file-name order.
fn modules(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir(dir.join("content"))
        .map(|r| {
            r.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "md"))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// A module's page name, as aware makes it (number prefix dropped).
fn slug(path: &Path) -> String {
    let stem = path.file_stem().unwrap().to_string_lossy();
    let s = stem.trim_start_matches(|c: char| c.is_ascii_digit());
    if s.len() < stem.len() {
        s.trim_start_matches(['-', '_', '.', ' ']).to_string()
    } else {
        stem.to_string()
    }
}

fn measure(bin: &Path, name: &str, dir: &Path, edits: usize) -> Result<Row, String> {
    let mods = modules(dir);
    eprintln!("{name}: {} modules in {}", mods.len(), dir.display());
    // 1. Full builds, for comparison.
    let out = dir.with_extension("out");
    let mut builds = Vec::new();
    for _ in 0..3 {
        let _ = fs::remove_dir_all(&out);
        let t = Instant::now();
        let o = Command::new(bin)
            .args(["build", "-q", "-o"])
            .arg(&out)
            .arg(dir)
            .env("NO_COLOR", "1")
            .output()
            .map_err(|e| e.to_string())?;
        let d = t.elapsed();
        if !o.status.success() {
            return Err(format!(
                "aware build {} failed:\n{}",
                dir.display(),
                String::from_utf8_lossy(&o.stderr)
            ));
        }
        builds.push(d);
    }
    let _ = fs::remove_dir_all(&out);
    let build = median(&builds);
    eprintln!("  full build: {} (median of 3)", ms(build));

    // 2. Serve.
    let started = Instant::now();
    let mut server = Server::start(bin, dir)?;
    let start = started.elapsed();
    eprintln!("  serve ready on port {} after {}", server.port, ms(start));
    let events = Events::connect(server.port)?;

    // 3. Edits.
    let target = &mods[mods.len() / 2];
    let page = format!("modules/{}.html", slug(target));
    let mut text = fs::read_to_string(target).map_err(|e| e.to_string())?;
    let mut reloads = Vec::new();
    let mut search = Vec::new();
    let mut rebuilds = Vec::new();
    thread::sleep(Duration::from_millis(300));
    for i in 1..=edits {
        let manifest = get(server.port, "/search/manifest.js");
        text.push_str(&format!(
            "\nEdit number {i}: the trainer adds a sentence about reloading pages.\n"
        ));
        events.drain();
        while server.rebuilds.try_recv().is_ok() {}
        let t0 = Instant::now();
        fs::write(target, &text).map_err(|e| e.to_string())?;
        let arrived = events.wait_reload(&page)?;
        let d = arrived.saturating_duration_since(t0);
        reloads.push(d);
        // Let the background search export finish before the next edit.
        let deadline = Instant::now() + WAIT;
        loop {
            if get(server.port, "/search/manifest.js") != manifest {
                search.push(t0.elapsed());
                break;
            }
            if Instant::now() > deadline {
                eprintln!("  (search index did not change within {WAIT:?})");
                break;
            }
            thread::sleep(Duration::from_millis(5));
        }
        let rebuild = server.rebuilds.recv_timeout(WAIT).unwrap_or_default();
        rebuilds.push(rebuild);
        eprintln!(
            "  edit {i:>2}: reload after {} (rebuild {})",
            ms(d),
            ms(rebuild)
        );
        thread::sleep(Duration::from_millis(200));
    }
    server.stop();
    Ok(Row {
        name: name.to_string(),
        modules: mods.len(),
        build,
        start,
        reloads,
        rebuilds,
        search,
    })
}

struct Server {
    child: Child,
    port: u16,
    /// Rebuild times the server prints ("…: 1 file changed in 7.2 ms").
    rebuilds: Receiver<Duration>,
}

impl Server {
    fn start(bin: &Path, dir: &Path) -> Result<Server, String> {
        let mut child = Command::new(bin)
            .arg("serve")
            .arg(dir)
            .args(["--port", "0"])
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start aware serve: {e}"))?;
        let stderr = child.stderr.take().unwrap();
        let (tx, rx) = mpsc::channel();
        let (rebuilt, rebuilds) = mpsc::channel();
        thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(ms) = line
                    .rsplit(" changed in ")
                    .next()
                    .filter(|_| line.contains(" changed in "))
                    .and_then(|r| r.split(" ms").next())
                    .and_then(|v| v.parse::<f64>().ok())
                {
                    let _ = rebuilt.send(Duration::from_secs_f64(ms / 1000.0));
                }
                if let Some(rest) = line.split("Serving at http://127.0.0.1:").nth(1) {
                    let port: String = rest.chars().take_while(char::is_ascii_digit).collect();
                    let _ = tx.send(port.parse::<u16>().unwrap_or(0));
                }
                if line.contains("error[") || line.contains("failed") {
                    eprintln!("  serve: {line}");
                }
            }
        });
        let mut server = Server {
            child,
            port: 0,
            rebuilds,
        };
        server.port = rx
            .recv_timeout(Duration::from_secs(300))
            .map_err(|_| "aware serve did not start".to_string())?;
        Ok(server)
    }

    fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A GET request's body (empty on any error).
fn get(port: u16, path: &str) -> Vec<u8> {
    let Ok(mut s) = TcpStream::connect(("127.0.0.1", port)) else {
        return Vec::new();
    };
    let _ = s.set_read_timeout(Some(WAIT));
    if write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .is_err()
    {
        return Vec::new();
    }
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    match raw.windows(4).position(|w| w == b"\r\n\r\n") {
        Some(i) => raw[i + 4..].to_vec(),
        None => Vec::new(),
    }
}

/// An event stream read on its own thread; each event is time-stamped on arrival.
struct Events {
    rx: Receiver<(String, String, Instant)>,
    _stream: TcpStream,
}

impl Events {
    fn connect(port: u16) -> Result<Events, String> {
        let mut s = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
        let _ = s.set_nodelay(true);
        write!(
            s,
            "GET /__aware/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/event-stream\r\n\r\n"
        )
        .map_err(|e| e.to_string())?;
        let reader = s.try_clone().map_err(|e| e.to_string())?;
        let (tx, rx) = mpsc::channel();
        thread::spawn(move || {
            let mut r = BufReader::new(reader);
            let mut line = String::new();
            let (mut event, mut data) = (String::new(), String::new());
            let mut in_body = false;
            loop {
                line.clear();
                if r.read_line(&mut line).unwrap_or(0) == 0 {
                    return;
                }
                let l = line.trim_end_matches(['\r', '\n']);
                if !in_body {
                    in_body = l.is_empty();
                    continue;
                }
                if l.is_empty() {
                    if !event.is_empty()
                        && tx
                            .send((
                                std::mem::take(&mut event),
                                std::mem::take(&mut data),
                                Instant::now(),
                            ))
                            .is_err()
                    {
                        return;
                    }
                } else if let Some(e) = l.strip_prefix("event: ") {
                    event = e.to_string();
                } else if let Some(d) = l.strip_prefix("data: ") {
                    data.push_str(d);
                }
            }
        });
        let ev = Events { rx, _stream: s };
        loop {
            match ev.rx.recv_timeout(WAIT) {
                Ok((e, _, _)) if e == "hello" => return Ok(ev),
                Ok(_) => {}
                Err(_) => return Err("no hello on the event stream".into()),
            }
        }
    }

    fn drain(&self) {
        while self.rx.try_recv().is_ok() {}
    }

    /// When the `reload` event naming `page` (or all pages) arrived.
    fn wait_reload(&self, page: &str) -> Result<Instant, String> {
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok((e, d, at))
                    if e == "reload"
                        && (d.contains(&format!("\"{page}\"")) || d.contains("\"all\":true")) =>
                {
                    return Ok(at)
                }
                Ok((e, d, _)) if e == "error" => {
                    return Err(format!("the edit broke the course: {d}"))
                }
                Ok(_) => {}
                Err(_) => return Err(format!("no reload for {page} within {WAIT:?}")),
            }
        }
    }
}
