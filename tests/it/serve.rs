//! `aware serve`: the real binary on a copy of the good fixture, driven over HTTP and its
//! event stream while the test edits files; plus the in-memory [`aware::serve::LiveSite`]
//! checked against `aware build` (an incremental rebuild must give the same bytes as a
//! full one).

use std::collections::BTreeMap;
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use crate::common::*;

/// How long any one expected thing may take.
const WAIT: Duration = Duration::from_secs(10);

/// A running `aware serve`, killed when dropped.
struct Server {
    child: Child,
    port: u16,
    dir: tempfile::TempDir,
    log: Arc<Mutex<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Serves a fresh copy of the good fixture on a free port.
    fn start() -> Server {
        Server::start_with(&[])
    }

    fn start_with(extra: &[&str]) -> Server {
        let dir = course_with_overlay(None);
        Server::start_in(dir, extra)
    }

    fn start_in(dir: tempfile::TempDir, extra: &[&str]) -> Server {
        Server::start_env(dir, extra, &[])
    }

    fn start_env(dir: tempfile::TempDir, extra: &[&str], envs: &[(&str, &str)]) -> Server {
        let mut args = vec!["serve".to_string(), dir.path().display().to_string()];
        if !extra.contains(&"--port") {
            args.extend(["--port".into(), "0".into()]);
        }
        args.extend(extra.iter().map(|s| s.to_string()));
        let mut child = Command::new(env!("CARGO_BIN_EXE_aware"))
            .args(&args)
            .env("NO_COLOR", "1")
            .envs(envs.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start aware serve");
        let stderr = child.stderr.take().unwrap();
        let log = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = mpsc::channel::<u16>();
        {
            let log = log.clone();
            thread::spawn(move || {
                for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                    if let Some(rest) = line.split("Serving at http://127.0.0.1:").nth(1) {
                        let port: String = rest.chars().take_while(char::is_ascii_digit).collect();
                        let _ = tx.send(port.parse().unwrap());
                    }
                    let mut l = log.lock().unwrap();
                    l.push_str(&line);
                    l.push('\n');
                }
            });
        }
        let mut server = Server {
            child,
            port: 0,
            dir,
            log,
        };
        match rx.recv_timeout(Duration::from_secs(60)) {
            Ok(port) => server.port = port,
            Err(_) => panic!("aware serve did not start; it printed:\n{}", server.log()),
        }
        server
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// Waits until the terminal output contains `text`.
    fn wait_log(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let l = self.log();
            if l.contains(text) {
                return l;
            }
            assert!(start.elapsed() < WAIT, "no `{text}` in the output:\n{l}");
            thread::sleep(Duration::from_millis(20));
        }
    }

    fn get(&self, target: &str) -> Response {
        request(self.port, "GET", target)
    }

    fn events(&self) -> Events {
        Events::connect(self.port)
    }
}

struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// One request, sent as written (no normalisation of `..` or escapes).
fn request(port: u16, method: &str, target: &str) -> Response {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(WAIT)).unwrap();
    write!(
        s,
        "{method} {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("end of headers");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.lines();
    let status = lines
        .next()
        .unwrap()
        .split_whitespace()
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    Response {
        status,
        headers,
        body: raw[split + 4..].to_vec(),
    }
}

/// An open event stream.
struct Events {
    rx: Receiver<(String, String)>,
    _stream: TcpStream,
}

impl Events {
    fn connect(port: u16) -> Events {
        let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(s, "GET /__aware/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/event-stream\r\n\r\n").unwrap();
        let reader = s.try_clone().unwrap();
        let (tx, rx) = mpsc::channel();
        thread::spawn(move || {
            let mut r = BufReader::new(reader);
            let mut line = String::new();
            // Headers.
            loop {
                line.clear();
                if r.read_line(&mut line).unwrap_or(0) == 0 {
                    return;
                }
                if line.trim_end().is_empty() {
                    break;
                }
            }
            let (mut event, mut data) = (String::new(), String::new());
            loop {
                line.clear();
                if r.read_line(&mut line).unwrap_or(0) == 0 {
                    return;
                }
                let l = line.trim_end_matches(['\r', '\n']);
                if l.is_empty() {
                    if !event.is_empty()
                        && tx
                            .send((std::mem::take(&mut event), std::mem::take(&mut data)))
                            .is_err()
                    {
                        return;
                    }
                } else if let Some(e) = l.strip_prefix("event: ") {
                    event = e.to_string();
                } else if let Some(d) = l.strip_prefix("data: ") {
                    if !data.is_empty() {
                        data.push('\n');
                    }
                    data.push_str(d);
                }
            }
        });
        let ev = Events { rx, _stream: s };
        ev.expect("hello");
        ev
    }

    /// The next event, whatever it is.
    fn next(&self, timeout: Duration) -> Option<(String, String)> {
        self.rx.recv_timeout(timeout).ok()
    }

    /// Skips to the next event named one of `names`; returns its name and JSON data.
    fn expect_any(&self, names: &[&str]) -> (String, serde_json::Value) {
        let start = Instant::now();
        while let Some(left) = WAIT.checked_sub(start.elapsed()) {
            let Some((e, d)) = self.next(left) else { break };
            if names.contains(&e.as_str()) {
                return (
                    e,
                    serde_json::from_str(&d).unwrap_or(serde_json::Value::Null),
                );
            }
        }
        panic!("no {names:?} event within {WAIT:?}");
    }

    fn expect(&self, name: &str) -> serde_json::Value {
        self.expect_any(&[name]).1
    }
}

/// Writes a file the way a plain editor does (in place).
fn write(path: &Path, text: &str) {
    fs::write(path, text).unwrap();
}

fn reload_paths(data: &serde_json::Value) -> Vec<String> {
    data["paths"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn editing_a_module_reloads_its_page() {
    let s = Server::start();
    let before = s.get("/modules/intro.html").text();
    assert!(!before.contains("Freshly edited paragraph"));
    let ev = s.events();
    let md = s.path("content/01-intro.md");
    let text = fs::read_to_string(&md).unwrap();
    write(&md, &format!("{text}\nFreshly edited paragraph.\n"));
    let data = ev.expect("reload");
    assert_eq!(reload_paths(&data), vec!["modules/intro.html"], "{data}");
    assert_eq!(data["all"], false);
    let after = s.get("/modules/intro.html");
    assert_eq!(after.status, 200);
    assert!(after.text().contains("Freshly edited paragraph"));
    // The other module and the home page were not touched.
    let next = s.get("/modules/next.html").text();
    assert!(!next.contains("Freshly edited"));
    s.wait_log("content/01-intro.md: 1 file changed");
}

#[test]
fn a_broken_quiz_shows_the_error_and_keeps_the_last_good_site() {
    let s = Server::start();
    let ev = s.events();
    let page = s.get("/modules/intro.html").text();
    let quiz = s.path("quizzes/basics.yaml");
    let good = fs::read_to_string(&quiz).unwrap();
    // Question `minors` (line 4) loses its only correct option.
    let broken = good.replacen(
        "      - text: \"Yes\"\n        correct: true\n",
        "      - text: \"Yes\"\n        feedback: Right.\n",
        1,
    );
    assert_ne!(broken, good);
    write(&quiz, &broken);
    let data = ev.expect("error");
    let errors: Vec<&serde_json::Value> = data["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .collect();
    assert_eq!(errors.len(), 1, "{data}");
    let e = errors[0];
    assert_eq!(e["code"], "quiz-no-correct-option");
    assert_eq!(
        (
            e["file"].as_str().unwrap(),
            e["line"].as_u64().unwrap(),
            e["column"].as_u64().unwrap()
        ),
        ("quizzes/basics.yaml", 4, 5)
    );
    assert_eq!(e["location"], "quizzes/basics.yaml:4:5");
    assert!(e["hint"].as_str().unwrap().contains("correct: true"));
    assert!(e["snippet"].as_str().unwrap().contains("- id: minors"));
    // The terminal shows it like `aware check`, and the server keeps going.
    let log = s.wait_log("Still serving the last good version");
    assert!(
        log.contains("error[quiz-no-correct-option]") && log.contains("quizzes/basics.yaml:4:5"),
        "{log}"
    );
    // The last good page is still served, with the reload script.
    let still = s.get("/modules/intro.html");
    assert_eq!(still.status, 200);
    assert_eq!(still.text(), page);
    // A browser that connects now is told about the error at once.
    let late = s.events();
    assert_eq!(late.expect("error")["diagnostics"], data["diagnostics"]);
    // Fixing the file clears the error.
    write(&quiz, &good);
    let (name, _) = ev.expect_any(&["ok", "reload"]);
    assert!(name == "ok" || name == "reload");
    assert_eq!(s.get("/modules/intro.html").text(), page);
    let fresh = s.events();
    assert!(
        fresh.next(Duration::from_millis(300)).is_none(),
        "no error for a browser connecting after the fix"
    );
    assert!(s.child_alive());
}

impl Server {
    fn child_alive(&self) -> bool {
        // `try_wait` needs &mut; a request answered is proof enough.
        self.get("/").status == 200
    }
}

#[test]
fn a_broken_module_link_is_reported_at_its_position() {
    let s = Server::start();
    let ev = s.events();
    let md = s.path("content/02-next.md");
    let good = fs::read_to_string(&md).unwrap();
    write(
        &md,
        &good.replace("glossary:national-hotline", "glossary:national-hotlne"),
    );
    let data = ev.expect("error");
    let e = &data["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["severity"] == "error")
        .unwrap()
        .clone();
    assert_eq!(e["code"], "unknown-glossary-term");
    assert_eq!(e["location"], "content/02-next.md:11:10", "{e}");
    write(&md, &good);
    let (name, _) = ev.expect_any(&["ok", "reload"]);
    assert!(name == "ok" || name == "reload");
}

#[test]
fn requests_cannot_leave_the_site() {
    let s = Server::start();
    let secret = "Fixture Course";
    for target in [
        "/../site.yaml",
        "/%2e%2e/site.yaml",
        "/%2E%2E/%2e%2e/site.yaml",
        "/modules/..%2f..%2fsite.yaml",
        "/modules/../../site.yaml",
        "/..\\site.yaml",
        "/%5c..%5csite.yaml",
        "/site.yaml%00.html",
        "/content/01-intro.md",
        "/quizzes/basics.yaml",
        "/site.yaml",
    ] {
        let r = s.get(target);
        assert!(r.status == 400 || r.status == 404, "{target}: {}", r.status);
        let body = r.text();
        assert!(
            !body.contains("title: ")
                && !body.contains("quick_exit_url")
                && !body.contains("correct: true"),
            "{target} leaked a source file"
        );
        if r.status == 404 {
            assert!(
                body.contains(secret),
                "{target}: 404 should be the theme's 404 page"
            );
        }
    }
    // No directory listings; `/` is the home page.
    assert_eq!(s.get("/modules/").status, 404);
    let home = s.get("/");
    assert_eq!(home.status, 200);
    assert!(home.text().contains("<h1>Fixture Course</h1>") || home.text().contains(secret));
    // Missing pages get the theme's 404 page, with status 404.
    let missing = s.get("/modules/nope.html");
    assert_eq!(missing.status, 404);
    assert_eq!(
        missing.header("Content-Type"),
        Some("text/html; charset=utf-8")
    );
    assert!(missing.text().contains("/__aware/reload.js"));
    // Only GET and HEAD.
    for m in ["POST", "PUT", "DELETE", "OPTIONS"] {
        let r = request(s.port, m, "/index.html");
        assert_eq!(r.status, 405, "{m}");
        assert_eq!(r.header("Allow"), Some("GET, HEAD"));
    }
    let head = request(s.port, "HEAD", "/index.html");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert!(
        head.header("Content-Length")
            .unwrap()
            .parse::<usize>()
            .unwrap()
            > 0
    );
    // Content types.
    for (p, t) in [
        ("/index.html", "text/html; charset=utf-8"),
        ("/static/aware.css", "text/css; charset=utf-8"),
        ("/static/aware.js", "text/javascript; charset=utf-8"),
        ("/course.js", "text/javascript; charset=utf-8"),
        ("/media/images/map.png", "image/png"),
        ("/__aware/reload.js", "text/javascript; charset=utf-8"),
    ] {
        let r = s.get(p);
        assert_eq!(r.status, 200, "{p}");
        assert_eq!(r.header("Content-Type"), Some(t), "{p}");
    }
    assert_eq!(
        s.get("/media/images/map.png").body,
        fs::read(s.path("content/images/map.png")).unwrap()
    );
}

#[test]
fn the_home_page_follows_modules_added_renamed_and_deleted() {
    let s = Server::start();
    let ev = s.events();
    let extra = s.path("content/03-extra.md");
    write(
        &extra,
        "---\ntitle: Extra module\nsummary: Added while serving.\n---\nSome text.\n",
    );
    let data = ev.expect("reload");
    assert_eq!(
        data["all"], true,
        "course.js changes with the module list: {data}"
    );
    let home = s.get("/").text();
    assert!(home.contains("Extra module") && home.contains("modules/extra.html"));
    assert_eq!(s.get("/modules/extra.html").status, 200);
    // Renamed: new page name, the old one is gone.
    fs::rename(&extra, s.path("content/04-more.md")).unwrap();
    ev.expect("reload");
    let home = s.get("/").text();
    assert!(
        home.contains("modules/more.html") && !home.contains("modules/extra.html"),
        "{home}"
    );
    assert_eq!(s.get("/modules/extra.html").status, 404);
    assert_eq!(s.get("/modules/more.html").status, 200);
    // Deleted.
    fs::remove_file(s.path("content/04-more.md")).unwrap();
    ev.expect("reload");
    let home = s.get("/").text();
    assert!(!home.contains("Extra module"));
    assert_eq!(s.get("/modules/more.html").status, 404);
}

#[test]
fn an_editor_save_is_one_rebuild_and_swap_files_are_ignored() {
    let s = Server::start();
    let ev = s.events();
    let md = s.path("content/01-intro.md");
    let text = fs::read_to_string(&md).unwrap();
    // Swap and probe files alone do nothing.
    write(&s.path("content/.01-intro.md.swp"), "swap");
    write(&s.path("content/4913"), "");
    write(&s.path("content/#01-intro.md#"), "emacs");
    write(&s.path("content/notes.tmp"), "x");
    assert!(
        ev.next(Duration::from_millis(400)).is_none(),
        "swap files must not trigger a rebuild"
    );
    // Vim-style save: move the original to a backup, write the new file, drop the backup.
    fs::remove_file(s.path("content/4913")).unwrap();
    fs::rename(&md, s.path("content/01-intro.md~")).unwrap();
    write(&md, &format!("{text}\nSaved by an editor.\n"));
    fs::remove_file(s.path("content/01-intro.md~")).unwrap();
    let data = ev.expect("reload");
    assert_eq!(reload_paths(&data), vec!["modules/intro.html"], "{data}");
    assert!(s
        .get("/modules/intro.html")
        .text()
        .contains("Saved by an editor."));
    let more = ev.next(Duration::from_millis(500));
    assert!(more.is_none(), "one save, one rebuild; got {more:?}");
}

#[test]
fn a_stylesheet_change_is_swapped_without_a_reload() {
    let s = Server::start();
    let ev = s.events();
    let css = s.path("themes/default/static/aware.css");
    fs::create_dir_all(css.parent().unwrap()).unwrap();
    write(&css, "body { color: rebeccapurple }\n");
    let (name, data) = ev.expect_any(&["css", "reload"]);
    assert_eq!(name, "css", "{data}");
    assert_eq!(reload_paths(&data), vec!["static/aware.css"]);
    // As a build publishes it: the theme's file, then the course's brand colours if any.
    let served = s.get("/static/aware.css").text();
    let rest = served
        .strip_prefix("body { color: rebeccapurple }\n")
        .unwrap_or_else(|| panic!("the new stylesheet is served: {served}"));
    assert!(
        rest.is_empty()
            || rest
                .trim_start()
                .starts_with("@media print, (prefers-color-scheme: light) { :root { --"),
        "{rest}"
    );
}

#[test]
fn the_reload_script_is_served_but_never_built() {
    let s = Server::start();
    let served = s.get("/index.html").text();
    let tag = "<script src=\"/__aware/reload.js\"></script>";
    assert!(
        served.contains(tag),
        "served HTML carries the reload script"
    );
    assert!(served.find(tag).unwrap() < served.rfind("</body>").unwrap());
    let js = s.get("/__aware/reload.js").text();
    assert!(js.contains("EventSource") && js.contains("role") && js.contains("alert"));
    // Served pages are the built pages plus the script.
    let t = tempfile::tempdir().unwrap();
    let out = t.path().join("site");
    let o = aware(
        &[
            "build",
            s.dir.path().to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
        s.dir.path(),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for f in walkdir(&out) {
        let bytes = fs::read(&f).unwrap();
        assert!(
            !String::from_utf8_lossy(&bytes).contains("__aware"),
            "{} has serve's script",
            f.display()
        );
    }
    let built = fs::read_to_string(out.join("index.html")).unwrap();
    assert_eq!(served.replacen(&format!("{tag}\n"), "", 1), built);
}

#[test]
fn a_taken_port_moves_to_the_next_free_one() {
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let s = Server::start_with(&["--port", &port.to_string()]);
    assert_ne!(s.port, port);
    assert!(s.port > port);
    assert!(
        s.log().contains(&format!(
            "Port {port} is in use; using port {} instead.",
            s.port
        )),
        "{}",
        s.log()
    );
    assert_eq!(s.get("/").status, 200);
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_cleanly() {
    let mut s = Server::start();
    assert_eq!(s.get("/").status, 200);
    // SAFETY: kill(2) on our own child's pid.
    let rc = unsafe { libc::kill(s.child.id() as libc::pid_t, libc::SIGINT) };
    assert_eq!(rc, 0);
    let start = Instant::now();
    let status = loop {
        if let Some(st) = s.child.try_wait().unwrap() {
            break st;
        }
        assert!(start.elapsed() < WAIT, "aware serve did not stop on Ctrl-C");
        thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "{status}");
    s.wait_log("Goodbye.");
}

#[test]
fn a_course_with_errors_at_start_is_served_once_fixed() {
    let dir = course_with_overlay(None);
    let quiz = dir.path().join("quizzes/next.yaml");
    let good = fs::read_to_string(&quiz).unwrap();
    write(&quiz, "questions: [\n");
    let s = Server::start_in(dir, &[]);
    let page = s.get("/");
    assert_eq!(page.status, 500);
    assert!(page.text().contains("quizzes/next.yaml"));
    let ev = s.events();
    ev.expect("error");
    write(&quiz, &good);
    ev.expect("reload");
    assert_eq!(s.get("/").status, 200);
}

// ---------------------------------------------------------------------------------------
// The in-memory site against `aware build`.
// ---------------------------------------------------------------------------------------

fn built(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let t = tempfile::tempdir().unwrap();
    let out = t.path().join("site");
    let (diags, report) = aware::build(dir, &out).unwrap();
    assert!(report.is_some(), "{}", diags.render_plain());
    snapshot(&out)
        .into_iter()
        .filter(|(p, _)| p != Path::new(aware::OUTPUT_MARKER))
        .map(|(p, b)| (p.to_string_lossy().replace('\\', "/"), b))
        .collect()
}

fn in_memory(site: &aware::serve::LiveSite) -> BTreeMap<String, Vec<u8>> {
    site.all_files()
        .unwrap()
        .into_iter()
        .map(|(p, b)| (p, b.to_vec()))
        .collect()
}

fn assert_same(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) {
    let ka: Vec<&String> = a.keys().collect();
    let kb: Vec<&String> = b.keys().collect();
    assert_eq!(ka, kb);
    for (k, v) in a {
        assert!(v == &b[k], "{k} differs");
    }
}

#[test]
fn the_site_in_memory_is_what_build_writes() {
    let site = aware::serve::LiveSite::build(&fixture("good"));
    assert!(
        site.has_site() && !site.has_errors(),
        "{}",
        site.diagnostics().render_plain()
    );
    assert_same(&in_memory(&site), &built(&fixture("good")));
}

#[test]
fn incremental_rebuilds_match_full_builds() {
    let t = course_with_overlay(None);
    let root = t.path();
    let mut site = aware::serve::LiveSite::build(root);
    let md = root.join("content/01-intro.md");
    let text = fs::read_to_string(&md).unwrap();
    let edits: [(&str, String, aware::serve::Redo); 5] = [
        (
            "body",
            format!("{text}\nA new line with [a term](glossary:national-hotline).\n"),
            aware::serve::Redo::Modules,
        ),
        // Its last glossary link gone: its terms file goes too, as a build would not write it.
        (
            "no terms",
            text.replace("[coercion](glossary:coercion)", "coercion"),
            aware::serve::Redo::Modules,
        ),
        (
            "summary",
            text.replace(
                "summary: What this course covers.",
                "summary: Something else.",
            ),
            aware::serve::Redo::Modules,
        ),
        (
            "title",
            text.replace("title: Introduction", "title: Welcome"),
            aware::serve::Redo::Pages,
        ),
        ("back", text.clone(), aware::serve::Redo::Pages),
    ];
    for (what, new, level) in edits {
        write(&md, &new);
        let u = site.apply(&[&md]);
        assert!(
            !u.has_errors,
            "{what}: {}",
            site.diagnostics().render_plain()
        );
        assert_eq!(u.redo, level, "{what}");
        assert_same(&in_memory(&site), &built(root));
    }
    // An error keeps the last good site; the fix brings the pages up to date. (The
    // search index is the server's: it keeps the last good one, see `serve`.)
    let pages = |site: &aware::serve::LiveSite| -> BTreeMap<String, Vec<u8>> {
        site.files()
            .iter()
            .map(|(p, b)| (p.clone(), b.to_vec()))
            .collect()
    };
    let before = pages(&site);
    write(&md, &text.replace("glossary:coercion", "glossary:coercio"));
    let u = site.apply(&[&md]);
    assert!(u.has_errors && u.changed.is_empty());
    assert_eq!(site.diagnostics().error_count(), 1);
    assert_same(&pages(&site), &before);
    let next = root.join("content/02-next.md");
    let next_text = fs::read_to_string(&next).unwrap();
    write(
        &next,
        &format!("{next_text}\nEdited while the other module was broken.\n"),
    );
    assert!(site.apply(&[&next]).has_errors);
    write(&md, &text);
    let u = site.apply(&[&md]);
    assert!(!u.has_errors);
    assert!(
        u.changed.contains(&"modules/next.html".to_string()),
        "{:?}",
        u.changed
    );
    assert_same(&in_memory(&site), &built(root));
}

#[test]
fn images_and_stylesheets_are_copied_again_on_their_own() {
    let t = course_with_overlay(None);
    let root = t.path();
    let mut site = aware::serve::LiveSite::build(root);
    let png = root.join("content/images/map.png");
    let mut bytes = fs::read(&png).unwrap();
    bytes.extend_from_slice(b"changed");
    fs::write(&png, &bytes).unwrap();
    let u = site.apply(&[&png]);
    assert!(!u.has_errors);
    assert_eq!(u.redo, aware::serve::Redo::Files);
    assert_eq!(u.changed, vec!["media/images/map.png".to_string()]);
    assert_eq!(&*site.files()["media/images/map.png"], &bytes[..]);
    // An unused file changes nothing; editor files are not even looked at.
    fs::write(root.join("content/images/unused.png"), b"x").unwrap();
    fs::write(root.join("content/.01-intro.md.swp"), b"x").unwrap();
    let u = site.apply(&[
        root.join("content/images/unused.png"),
        root.join("content/.01-intro.md.swp"),
    ]);
    assert_eq!((u.redo, u.changed.len()), (aware::serve::Redo::Nothing, 0));
    // A stylesheet override, then its removal: only that file changes.
    let css = root.join("themes/default/static/aware.css");
    fs::create_dir_all(css.parent().unwrap()).unwrap();
    fs::write(&css, "p { color: red }\n").unwrap();
    let u = site.apply(&[&css]);
    assert!(u.css_only(), "{:?}", u.changed);
    // A copy of the built-in stylesheet is no override: it is published minified, as
    // `aware build` does.
    fs::write(
        &css,
        fs::read(repo().join("themes/default/static/aware.css")).unwrap(),
    )
    .unwrap();
    site.apply(&[&css]);
    assert_same(&in_memory(&site), &built(root));
    fs::write(&css, "p { color: red }\n").unwrap();
    site.apply(&[&css]);
    fs::remove_file(&css).unwrap();
    let u = site.apply(&[&css]);
    assert_eq!(u.changed, vec!["static/aware.css".to_string()]);
    assert_same(&in_memory(&site), &built(root));
}

/// Sends raw bytes and returns the status of the answer (0 when the server closed the
/// connection without one).
fn raw_status(port: u16, bytes: &[u8]) -> u16 {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(WAIT)).unwrap();
    s.write_all(bytes).unwrap();
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    String::from_utf8_lossy(&raw)
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0)
}

#[test]
fn only_requests_for_this_computer_are_answered() {
    let s = Server::start();
    let p = s.port;
    for (host, want) in [
        (format!("127.0.0.1:{p}"), 200),
        (format!("localhost:{p}"), 200),
        (format!("LOCALHOST:{p}"), 200),
        (format!("[::1]:{p}"), 200),
        ("attacker.example".to_string(), 403),
        (format!("attacker.example:{p}"), 403),
        (format!("127.0.0.1:{}", p.wrapping_add(1)), 403),
    ] {
        let req =
            format!("GET /__aware/reload.js HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
        assert_eq!(raw_status(p, req.as_bytes()), want, "Host: {host}");
    }
    assert_eq!(
        raw_status(p, b"GET / HTTP/1.1\r\nConnection: close\r\n\r\n"),
        403,
        "no Host at all"
    );
    // The event stream is refused too: a rebinding page cannot listen to it.
    let req = format!(
        "GET {} HTTP/1.1\r\nHost: attacker.example:{p}\r\n\r\n",
        aware::serve::EVENTS_PATH
    );
    assert_eq!(raw_status(p, req.as_bytes()), 403);
}

#[test]
fn slow_hostile_and_garbled_clients_cannot_hold_the_server() {
    let s = Server::start_env(
        course_with_overlay(None),
        &[],
        &[("AWARE_SERVE_HEADER_DEADLINE_MS", "400")],
    );
    let p = s.port;
    // Not UTF-8: a 400, not a silent close.
    assert_eq!(raw_status(p, b"GET /\xff\xfe HTTP/1.1\r\n\r\n"), 400);
    // A client that sends half a request is dropped once the header deadline passes,
    // even though it keeps sending a byte now and then.
    let mut slow = TcpStream::connect(("127.0.0.1", p)).unwrap();
    slow.set_read_timeout(Some(WAIT)).unwrap();
    slow.write_all(b"GET / HTTP/1.1\r\n").unwrap();
    let started = Instant::now();
    for _ in 0..6 {
        thread::sleep(Duration::from_millis(150));
        if slow.write_all(b"X").is_err() {
            break;
        }
    }
    let mut rest = Vec::new();
    let _ = slow.read_to_end(&mut rest);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "dropped after the deadline, not per read"
    );
    // Many idle connections: beyond the cap, new ones get a 503 at once.
    let idle: Vec<TcpStream> = (0..80)
        .map(|_| TcpStream::connect(("127.0.0.1", p)).unwrap())
        .collect();
    thread::sleep(Duration::from_millis(100));
    let status = raw_status(
        p,
        format!("GET / HTTP/1.1\r\nHost: 127.0.0.1:{p}\r\n\r\n").as_bytes(),
    );
    assert_eq!(status, 503, "over the cap");
    drop(idle);
    // Once they are gone (the deadline drops them too), the server answers again.
    let ok = (0..50).any(|_| {
        thread::sleep(Duration::from_millis(100));
        s.get("/").status == 200
    });
    assert!(ok, "the server answers again");
}

/// An edit of one module's body re-checks only that module and the documents linking
/// into it; what it reports must be what `aware check` reports on the same files.
#[test]
fn incremental_checks_match_a_full_check() {
    let t = course_with_overlay(None);
    let root = t.path();
    // A placeholder in the module that links into the edited one: its re-checked links
    // must not take its other findings with them.
    let next = root.join("content/02-next.md");
    let next_text = fs::read_to_string(&next).unwrap();
    write(
        &next,
        &format!("{next_text}\nAsk [[replace: your team lead]].\n"),
    );
    let mut site = aware::serve::LiveSite::build(root);
    let intro = root.join("content/01-intro.md");
    let text = fs::read_to_string(&intro).unwrap();
    let codes = |d: &aware::diagnostic::Diagnostics| -> Vec<(String, String, usize)> {
        d.sorted()
            .iter()
            .map(|d| (d.code.to_string(), d.file.display().to_string(), d.line))
            .collect()
    };
    // 02-next.md links to 01-intro.md#key-facts: renaming that heading breaks a link in
    // the module that was not edited.
    let edits = [
        text.replace("## Key facts", "## Main facts"),
        format!(
            "{}\nSee [nowhere](03-missing.md).\n",
            text.replace("## Key facts", "## Main facts")
        ),
        text.clone(),
    ];
    for (i, new) in edits.iter().enumerate() {
        write(&intro, new);
        let u = site.apply(&[&intro]);
        assert_eq!(u.redo, aware::serve::Redo::Modules, "edit {i}");
        let (_, full) = aware::check_course(root);
        assert_eq!(codes(&site.diagnostics()), codes(&full), "edit {i}");
        if i == 0 {
            assert!(
                codes(&full)
                    .iter()
                    .any(|(_, f, _)| f.ends_with("02-next.md")),
                "the broken anchor is reported in the other module: {:?}",
                codes(&full)
            );
        }
    }
    assert!(!site.has_errors());
    assert!(codes(&site.diagnostics())
        .iter()
        .any(|(c, f, _)| c == "placeholder" && f.ends_with("02-next.md")));
    // Only the edited module's page changed back.
    write(&intro, &format!("{text}\nOne more sentence.\n"));
    let u = site.apply(&[&intro]);
    assert_eq!(u.changed, vec!["modules/intro.html".to_string()]);
}
