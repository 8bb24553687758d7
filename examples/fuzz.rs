//! Mutational fuzzer for aware's `check` and `build` (issue 13, item 14).
//!
//! ```text
//! cargo run --release --example fuzz -- --cases N --seed S [--timeout-secs T] [--keep DIR]
//!     [--case N] [--base DIR | --full] [--mem-limit-mb M] [--max-rss-mb R] [--verbose]
//! ```
//!
//! A base course is scaffolded with the library (`aware new`), cut down to its first three
//! modules so a case is fast (`--full` keeps all of it; `--base DIR` uses another course),
//! checked (it must have no errors) and built once into a reference output. Each case then
//! copies the base course and that output, applies 1–3 seeded mutations to the course
//! (see `fuzz/mutate.rs`), and runs `check` and then `build` into the copied output, each
//! in a child process: this program re-executed with a hidden `--child check|build DIR
//! [OUT]`, which calls the library (`fuzz/api.rs`, the only place that does) and prints a
//! one-line JSON summary. Case N's mutations depend only on the seed and N, so
//! `--seed S --case N` reproduces one case of any run.
//!
//! Findings (any one makes the exit status 1):
//! - `panic`: the child panicked (exit 101, "panicked at");
//! - `hang`: the child exceeded `--timeout-secs` (default 10) and was killed;
//! - `oom`, `stack-overflow`, `signal`: the child died by a signal (an allocation beyond
//!   `--mem-limit-mb`, default 4096, aborts; that is reported as `oom`);
//! - `crash`: any other non-zero exit, or no summary line;
//! - `err`: `build` returned `Err` (reserved for output-folder and disk problems, which a
//!   mutated course should not cause);
//! - `no-file`: a diagnostic with an empty file;
//! - `no-line`: a diagnostic at line 0 whose code is not in [`WHOLE_FILE_CODES`];
//! - `bad-position`: a line or column beyond the end of the file or line it names;
//! - `output-changed`: a failed build (diagnostics, `Err`, panic, ...) changed the previous
//!   good output (compared byte for byte, with file types and symlink targets);
//! - `leftover`: a failed build that was not killed left files beside the output
//!   (staging folders);
//! - `bad-output`: a build reported success but the output has no `index.html`;
//! - `memory`: the child's peak RSS exceeded `--max-rss-mb` (default 1024; Unix, from
//!   `wait4`).

#[path = "fuzz/api.rs"]
mod api;
#[path = "fuzz/mutate.rs"]
mod mutate;
#[path = "fuzz/rng.rs"]
mod rng;

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// Codes that are about a whole file (or folder), so line 0 is right for them.
/// - `unreadable-file`, `not-utf8` when no text could be read (not-utf8 has a position);
/// - `no-site-yaml`, `no-content`: a missing file or folder has no lines;
/// - `unused-quiz`, `duplicate-quiz`, `duplicate-slug`, `bad-file-name`: about a file's
///   existence or name, not its text;
/// - `empty-quiz`: a quiz with no `questions:` key has no node to point at;
/// - `template-error`, `search-index`: about a theme file or the output, not the course.
///
/// Not listed on purpose: `missing-theme` (site.yaml's `theme:` line is known) and every
/// code about a value in a file.
const WHOLE_FILE_CODES: &[&str] = &[
    "unreadable-file",
    "no-site-yaml",
    "no-content",
    "unused-quiz",
    "duplicate-quiz",
    "duplicate-slug",
    "bad-file-name",
    "empty-quiz",
    "template-error",
    "search-index",
    // A link out of the course: about the whole file (site.yaml, the glossary, a module).
    "symlink-outside",
    "path-escapes-course",
];

#[derive(Clone)]
struct Opts {
    cases: u64,
    only_case: Option<u64>,
    seed: u64,
    timeout: Duration,
    keep: Option<PathBuf>,
    base: Option<PathBuf>,
    full: bool,
    mem_limit_mb: u64,
    max_rss_mb: u64,
    verbose: bool,
}

fn usage() -> ! {
    eprintln!(
        "usage: fuzz [--cases N] [--seed S] [--case N] [--timeout-secs T] [--keep DIR]\n            [--base DIR | --full] [--mem-limit-mb M] [--max-rss-mb R] [--verbose]"
    );
    std::process::exit(2)
}

fn parse_opts(args: &[String]) -> Opts {
    let mut o = Opts {
        cases: 100,
        only_case: None,
        seed: 1,
        timeout: Duration::from_secs(10),
        keep: None,
        base: None,
        full: false,
        mem_limit_mb: 4096,
        max_rss_mb: 1024,
        verbose: false,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut val = || it.next().cloned().unwrap_or_else(|| usage());
        let num = |s: String| s.parse::<u64>().unwrap_or_else(|_| usage());
        match a.as_str() {
            "--cases" => o.cases = num(val()),
            "--case" => o.only_case = Some(num(val())),
            "--seed" => o.seed = num(val()),
            "--timeout-secs" => {
                o.timeout = Duration::from_secs_f64(val().parse().unwrap_or_else(|_| usage()))
            }
            "--keep" => o.keep = Some(PathBuf::from(val())),
            "--base" => o.base = Some(PathBuf::from(val())),
            "--full" => o.full = true,
            "--mem-limit-mb" => o.mem_limit_mb = num(val()),
            "--max-rss-mb" => o.max_rss_mb = num(val()),
            "--verbose" | "-v" => o.verbose = true,
            "--help" | "-h" => usage(),
            _ => usage(),
        }
    }
    o
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--child") {
        return child(&args[1..]);
    }
    let o = parse_opts(&args);
    match run(&o) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("fuzz: {e}");
            ExitCode::from(2)
        }
    }
}

// ---------------------------------------------------------------------------------------
// Child: one library call, summarised as one JSON line
// ---------------------------------------------------------------------------------------

fn child(args: &[String]) -> ExitCode {
    let mut rest = args.to_vec();
    let mut mem_mb = 0;
    if let Some(i) = rest.iter().position(|a| a == "--mem-limit-mb") {
        mem_mb = rest.get(i + 1).and_then(|s| s.parse().ok()).unwrap_or(0);
        rest.drain(i..(i + 2).min(rest.len()));
    }
    limit_memory(mem_mb);
    let (mode, dir) = match (rest.first(), rest.get(1)) {
        (Some(m), Some(d)) => (m.as_str(), PathBuf::from(d)),
        _ => return ExitCode::from(3),
    };
    let start = Instant::now();
    let out = match (mode, rest.get(2)) {
        ("check", _) => api::call(api::Call::Check(&dir)),
        ("build", Some(o)) => api::call(api::Call::Build(&dir, Path::new(o))),
        (m, _) if m.starts_with("selftest-") => self_test_child(m, &dir, mem_mb),
        _ => return ExitCode::from(3),
    };
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    let (codes, whole_file, problems) = judge_diags(&dir, &out.diags);
    let summary = json!({
        "mode": mode,
        "ms": ms,
        "err": out.err,
        "built": out.built,
        "errors": out.diags.iter().filter(|d| d.error).count(),
        "warnings": out.diags.iter().filter(|d| !d.error).count(),
        "rendered_bytes": out.rendered_bytes,
        "codes": codes,
        "whole_file": whole_file,
        "problems": problems.iter().map(|(k, (n, ex))| (k.to_string(), json!({"count": n, "examples": ex}))).collect::<BTreeMap<_, _>>(),
    });
    println!("{summary}");
    ExitCode::SUCCESS
}

type Problems = BTreeMap<&'static str, (usize, Vec<String>)>;

/// Counts of codes, of line-0 diagnostics with allowed codes, and the misplaced ones:
/// `no-file`, `no-line`, `bad-position` (line or column past the end of the file's text).
fn judge_diags(
    dir: &Path,
    diags: &[api::Diag],
) -> (BTreeMap<String, usize>, BTreeMap<String, usize>, Problems) {
    let mut texts: HashMap<String, Option<String>> = HashMap::new();
    let mut problems = Problems::new();
    let mut codes: BTreeMap<String, usize> = BTreeMap::new();
    let mut whole_file: BTreeMap<String, usize> = BTreeMap::new();
    for d in diags {
        *codes.entry(d.code.clone()).or_default() += 1;
        if d.line == 0 && d.column == 0 && WHOLE_FILE_CODES.contains(&d.code.as_str()) {
            *whole_file.entry(d.code.clone()).or_default() += 1;
        }
        let kind = if d.file.is_empty() {
            Some("no-file")
        } else if d.line == 0 {
            (d.column != 0 || !WHOLE_FILE_CODES.contains(&d.code.as_str())).then_some("no-line")
        } else {
            let text = texts.entry(d.file.clone()).or_insert_with(|| {
                fs::read(dir.join(&d.file))
                    .ok()
                    .map(|b| String::from_utf8_lossy(&b).into_owned())
            });
            match text {
                None => None,
                Some(t) => {
                    let lines: Vec<&str> = t.split('\n').collect();
                    match lines.get(d.line - 1) {
                        None => Some("bad-position"),
                        Some(l) => (d.column == 0 || d.column > l.chars().count() + 1)
                            .then_some("bad-position"),
                    }
                }
            }
        };
        if let Some(k) = kind {
            let e = problems.entry(k).or_default();
            e.0 += 1;
            if e.1.len() < 3 {
                let msg: String = d.message.chars().take(160).collect();
                e.1.push(format!(
                    "[{}] {}:{}:{}: {msg}",
                    d.code, d.file, d.line, d.column
                ));
            }
        }
    }
    (codes, whole_file, problems)
}

/// Children that fail on purpose, so `--self-test` can show each kind of failure is caught.
fn self_test_child(mode: &str, dir: &Path, mem_mb: u64) -> api::Outcome {
    fn recurse(n: u64) -> u64 {
        let pad = std::hint::black_box([n; 64]);
        if pad[2] == u64::MAX {
            return 0;
        }
        recurse(pad[0] + 1) + pad[1]
    }
    match mode {
        "selftest-panic" => panic!("fuzz self-test panic"),
        "selftest-hang" => loop {
            std::thread::sleep(Duration::from_secs(1));
        },
        "selftest-abort" => std::process::abort(),
        "selftest-oom" => {
            let v: Vec<u8> = Vec::with_capacity(((mem_mb + 64) * 1024 * 1024) as usize);
            std::hint::black_box(v);
            api::Outcome::default()
        }
        "selftest-overflow" => {
            std::hint::black_box(recurse(0));
            api::Outcome::default()
        }
        "selftest-err" => api::Outcome {
            err: Some("self-test error".into()),
            ..Default::default()
        },
        _ => {
            // selftest-diags: one good diagnostic and one of each misplaced kind.
            fs::write(dir.join("two-lines.txt"), "first\nsecond line\n").ok();
            let d = |code: &str, file: &str, line, column| api::Diag {
                error: true,
                code: code.into(),
                file: file.into(),
                line,
                column,
                message: "self-test".into(),
            };
            api::Outcome {
                diags: vec![
                    d("fine", "two-lines.txt", 2, 12),
                    d("unused-quiz", "two-lines.txt", 0, 0),
                    d("nameless", "", 1, 1),
                    d("lineless", "two-lines.txt", 0, 0),
                    d("past-the-end", "two-lines.txt", 9, 1),
                    d("wide", "two-lines.txt", 1, 7),
                ],
                ..Default::default()
            }
        }
    }
}

/// Caps the child's address space so an expansion bomb aborts instead of taking the
/// machine's memory.
#[cfg(unix)]
fn limit_memory(mb: u64) {
    if mb == 0 {
        return;
    }
    let bytes = (mb * 1024 * 1024) as libc::rlim_t;
    let lim = libc::rlimit {
        rlim_cur: bytes,
        rlim_max: bytes,
    };
    // SAFETY: setrlimit with a valid, initialised struct.
    unsafe {
        libc::setrlimit(libc::RLIMIT_AS, &lim);
    }
}

#[cfg(not(unix))]
fn limit_memory(_mb: u64) {}

// ---------------------------------------------------------------------------------------
// Parent: running children with a time limit
// ---------------------------------------------------------------------------------------

enum Status {
    Exited(i32),
    Signal(i32),
    TimedOut,
}

struct ChildRun {
    status: Status,
    wall: Duration,
    rss_kib: Option<u64>,
    stderr: String,
    summary: Option<Value>,
}

fn run_child(args: &[&Path], mode: &str, logs: &Path, o: &Opts) -> Result<ChildRun, String> {
    let exe = std::env::current_exe().map_err(|e| format!("current_exe: {e}"))?;
    let out_path = logs.join(format!("{mode}.stdout"));
    let err_path = logs.join(format!("{mode}.stderr"));
    let mk = |p: &Path| fs::File::create(p).map_err(|e| format!("{}: {e}", p.display()));
    let mut cmd = Command::new(exe);
    cmd.arg("--child").arg(mode);
    for a in args {
        cmd.arg(a);
    }
    cmd.arg("--mem-limit-mb").arg(o.mem_limit_mb.to_string());
    cmd.stdin(Stdio::null())
        .stdout(mk(&out_path)?)
        .stderr(mk(&err_path)?);
    let start = Instant::now();
    let mut child = cmd.spawn().map_err(|e| format!("spawn: {e}"))?;
    let (status, rss_kib) = wait_with_timeout(&mut child, o.timeout)?;
    let wall = start.elapsed();
    let stdout = fs::read_to_string(&out_path).unwrap_or_default();
    let stderr = String::from_utf8_lossy(&fs::read(&err_path).unwrap_or_default()).into_owned();
    let summary = stdout
        .lines()
        .last()
        .and_then(|l| serde_json::from_str(l).ok());
    Ok(ChildRun {
        status,
        wall,
        rss_kib,
        stderr,
        summary,
    })
}

#[cfg(unix)]
fn wait_with_timeout(
    child: &mut std::process::Child,
    timeout: Duration,
) -> Result<(Status, Option<u64>), String> {
    let pid = child.id() as libc::pid_t;
    let start = Instant::now();
    let mut nap = Duration::from_micros(500);
    let mut killed = false;
    loop {
        let mut status: libc::c_int = 0;
        // SAFETY: rusage is plain old data; all-zero is valid.
        let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
        let flags = if killed { 0 } else { libc::WNOHANG };
        // SAFETY: pid is our own unreaped child; status and ru are valid locals.
        let r = unsafe { libc::wait4(pid, &mut status, flags, &mut ru) };
        if r == pid {
            // ru_maxrss: KiB on Linux, bytes on macOS.
            let rss = if cfg!(target_os = "macos") {
                ru.ru_maxrss as u64 / 1024
            } else {
                ru.ru_maxrss as u64
            };
            let st = if killed {
                Status::TimedOut
            } else if libc::WIFSIGNALED(status) {
                Status::Signal(libc::WTERMSIG(status))
            } else {
                Status::Exited(libc::WEXITSTATUS(status))
            };
            return Ok((st, Some(rss)));
        }
        if r < 0 {
            let e = std::io::Error::last_os_error();
            if e.kind() != std::io::ErrorKind::Interrupted {
                return Err(format!("wait4: {e}"));
            }
            continue;
        }
        if start.elapsed() > timeout {
            child.kill().map_err(|e| format!("kill: {e}"))?;
            killed = true;
            continue;
        }
        std::thread::sleep(nap);
        nap = (nap * 2).min(Duration::from_millis(20));
    }
}

#[cfg(not(unix))]
fn wait_with_timeout(
    child: &mut std::process::Child,
    timeout: Duration,
) -> Result<(Status, Option<u64>), String> {
    let start = Instant::now();
    loop {
        if let Some(s) = child.try_wait().map_err(|e| e.to_string())? {
            return Ok((Status::Exited(s.code().unwrap_or(-1)), None));
        }
        if start.elapsed() > timeout {
            child.kill().ok();
            child.wait().ok();
            return Ok((Status::TimedOut, None));
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

// ---------------------------------------------------------------------------------------
// Folders: copies and byte-for-byte snapshots
// ---------------------------------------------------------------------------------------

fn copy_tree(src: &Path, dst: &Path, skip_top: &[&str]) -> std::io::Result<()> {
    fs::create_dir_all(dst)?;
    let mut entries: Vec<_> = fs::read_dir(src)?.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = e.file_name();
        if skip_top.iter().any(|s| name == *s) {
            continue;
        }
        let (from, to) = (e.path(), dst.join(&name));
        let meta = fs::symlink_metadata(&from)?;
        if meta.file_type().is_symlink() {
            #[cfg(unix)]
            std::os::unix::fs::symlink(fs::read_link(&from)?, &to)?;
        } else if meta.is_dir() {
            copy_tree(&from, &to, &[])?;
        } else {
            // An unreadable file (mode 000 without root) is kept as an empty one.
            if fs::copy(&from, &to).is_err() {
                fs::write(&to, b"")?;
            }
        }
    }
    Ok(())
}

#[derive(PartialEq, Eq, Debug)]
enum Entry {
    File(Vec<u8>),
    Dir,
    Link(PathBuf),
    Other,
}

type Snapshot = BTreeMap<PathBuf, Entry>;

fn snapshot(root: &Path) -> Snapshot {
    fn walk(root: &Path, dir: &Path, out: &mut Snapshot) {
        let Ok(rd) = fs::read_dir(dir) else { return };
        for e in rd.flatten() {
            let p = e.path();
            let rel = p.strip_prefix(root).unwrap().to_path_buf();
            let Ok(meta) = fs::symlink_metadata(&p) else {
                continue;
            };
            let entry = if meta.file_type().is_symlink() {
                Entry::Link(fs::read_link(&p).unwrap_or_default())
            } else if meta.is_dir() {
                walk(root, &p, out);
                Entry::Dir
            } else if meta.is_file() {
                Entry::File(fs::read(&p).unwrap_or_default())
            } else {
                Entry::Other
            };
            out.insert(rel, entry);
        }
    }
    let mut s = Snapshot::new();
    if root.is_dir() {
        s.insert(PathBuf::new(), Entry::Dir);
        walk(root, root, &mut s);
    }
    s
}

/// Up to three differences between two snapshots, described.
fn diff(before: &Snapshot, after: &Snapshot) -> Vec<String> {
    let mut d = Vec::new();
    for (p, e) in before {
        match after.get(p) {
            None => d.push(format!("{} removed", p.display())),
            Some(a) if a != e => d.push(format!("{} changed", p.display())),
            _ => {}
        }
    }
    for p in after.keys() {
        if !before.contains_key(p) {
            d.push(format!("{} added", p.display()));
        }
    }
    if d.len() > 3 {
        let n = d.len();
        d.truncate(3);
        d.push(format!("… {} differences in all", n));
    }
    d
}

// ---------------------------------------------------------------------------------------
// The base course
// ---------------------------------------------------------------------------------------

/// Cuts the scaffolded course to its first `keep` modules: later modules and their quizzes
/// are deleted, and links to deleted modules become plain text.
fn shrink(course: &Path, keep: usize) -> std::io::Result<()> {
    let content = course.join("content");
    let mut modules: Vec<PathBuf> = fs::read_dir(&content)?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    modules.sort();
    if modules.len() <= keep {
        return Ok(());
    }
    let mut removed = Vec::new();
    for m in &modules[keep..] {
        let text = fs::read_to_string(m)?;
        if let Some(q) = text.lines().find_map(|l| l.strip_prefix("quiz:")) {
            fs::remove_file(course.join("quizzes").join(format!("{}.yaml", q.trim()))).ok();
        }
        fs::remove_file(m)?;
        removed.push(m.file_name().unwrap().to_string_lossy().into_owned());
    }
    for m in &modules[..keep] {
        let mut text = fs::read_to_string(m)?;
        let mut from = 0;
        while let Some(i) = text[from..].find("](").map(|i| i + from) {
            let Some(close) = text[i..].find(')').map(|c| c + i) else {
                break;
            };
            let target = text[i + 2..close].split('#').next().unwrap_or("");
            let open = text[..i].rfind('[');
            match open {
                Some(open) if removed.iter().any(|r| r == target) => {
                    let label = text[open + 1..i].to_string();
                    text.replace_range(open..=close, &label);
                    from = open + label.len();
                }
                _ => from = i + 2,
            }
        }
        fs::write(m, text)?;
    }
    Ok(())
}

struct Base {
    course: PathBuf,
    out: PathBuf,
    snap: Snapshot,
    note: String,
}

fn prepare_base(work: &Path, o: &Opts) -> Result<Base, String> {
    let dir = work.join("base");
    let course = dir.join("course");
    let out = dir.join("out");
    let attempt = |shrunk: bool| -> Result<Option<String>, String> {
        fs::remove_dir_all(&dir).ok();
        fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        let note = if let Some(b) = &o.base {
            copy_tree(b, &course, &["public", ".git", "target"])
                .map_err(|e| format!("copying {}: {e}", b.display()))?;
            format!("course copied from {}", b.display())
        } else {
            let r = api::call(api::Call::Scaffold(&course));
            if let Some(e) = r.err {
                return Err(format!("scaffold: {e}"));
            }
            if shrunk {
                shrink(&course, 3).map_err(|e| format!("shrinking the base course: {e}"))?;
                "scaffolded course cut to its first 3 modules".to_string()
            } else {
                "scaffolded course (all modules)".to_string()
            }
        };
        let c = run_child(&[&course], "check", &dir, o)?;
        let errors = c.summary.as_ref().and_then(|s| s["errors"].as_u64());
        if errors != Some(0) {
            return Ok(None);
        }
        let b = run_child(&[&course, &out], "build", &dir, o)?;
        if b.summary.as_ref().and_then(|s| s["built"].as_bool()) != Some(true) {
            return Err(format!("the base course does not build:\n{}", b.stderr));
        }
        Ok(Some(note))
    };
    let shrink_it = o.base.is_none() && !o.full;
    let note = match attempt(shrink_it)? {
        Some(n) => n,
        None if shrink_it => match attempt(false)? {
            Some(n) => format!("{n}; cutting it to 3 modules left errors"),
            None => return Err("the scaffolded course has errors".into()),
        },
        None => return Err("the base course has errors (run `aware check` on it)".into()),
    };
    let snap = snapshot(&out);
    Ok(Base {
        course,
        out,
        snap,
        note,
    })
}

// ---------------------------------------------------------------------------------------
// Cases
// ---------------------------------------------------------------------------------------

struct Finding {
    case: u64,
    kind: String,
    phase: &'static str,
    detail: String,
}

#[derive(Default)]
struct Totals {
    cases: u64,
    findings: BTreeMap<String, u64>,
    built: u64,
    refused: u64,
    slowest: (f64, u64, f64, f64),
    /// The slowest case whose children all finished in time.
    slowest_done: (f64, u64, f64, f64),
    /// Seconds (check + build) of every case.
    times: Vec<f64>,
    max_rss: (u64, u64, &'static str),
    /// Cases in which each diagnostic code appeared.
    codes: BTreeMap<String, u64>,
    /// Line-0 diagnostics with an allowed whole-file code, by code.
    whole_file: BTreeMap<String, u64>,
    mutations: u64,
}

/// Findings from one child run.
fn judge(r: &ChildRun, phase: &'static str, case: u64, o: &Opts) -> Vec<Finding> {
    let mut f = Vec::new();
    let mut add = |kind: &str, detail: String| {
        f.push(Finding {
            case,
            kind: kind.to_string(),
            phase,
            detail,
        })
    };
    let panic_line = || {
        let lines: Vec<&str> = r.stderr.lines().collect();
        match lines.iter().position(|l| l.contains("panicked at")) {
            Some(i) => lines[i..(i + 2).min(lines.len())].join(" "),
            None => lines
                .iter()
                .rev()
                .take(2)
                .rev()
                .copied()
                .collect::<Vec<_>>()
                .join(" "),
        }
    };
    match r.status {
        Status::TimedOut => add(
            "hang",
            format!("killed after {:.1} s", r.wall.as_secs_f64()),
        ),
        Status::Signal(sig) => {
            let kind = if r.stderr.contains("memory allocation of") {
                "oom"
            } else if r.stderr.contains("has overflowed its stack") {
                "stack-overflow"
            } else {
                "signal"
            };
            add(kind, format!("signal {sig}: {}", panic_line()))
        }
        Status::Exited(101) => add("panic", panic_line()),
        Status::Exited(0) if r.stderr.contains("panicked at") => add("panic", panic_line()),
        Status::Exited(0) if r.summary.is_none() => add("crash", "no summary line".into()),
        Status::Exited(0) => {}
        Status::Exited(c) => add("crash", format!("exit status {c}: {}", panic_line())),
    }
    if let Some(s) = &r.summary {
        if let Some(e) = s["err"].as_str() {
            add("err", e.to_string());
        }
        if let Some(p) = s["problems"].as_object() {
            for (k, v) in p {
                let ex: Vec<&str> = v["examples"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .collect();
                add(
                    k,
                    format!("{} diagnostic(s), e.g. {}", v["count"], ex.join(" | ")),
                );
            }
        }
    }
    if let Some(rss) = r.rss_kib {
        if rss > o.max_rss_mb * 1024 {
            add("memory", format!("peak RSS {} MiB", rss / 1024));
        }
    }
    f
}

/// Whether the build published a site, and findings about OUT and its neighbours: a
/// failed build must leave OUT exactly as `before` and, unless it was killed, nothing
/// beside it (`case_dir` holds only `course`, `out` and the children's logs).
fn judge_output(
    before: &Snapshot,
    out: &Path,
    case_dir: &Path,
    build: &ChildRun,
    n: u64,
) -> (bool, Vec<Finding>) {
    let mut findings = Vec::new();
    let mut add = |kind: &str, detail: String| {
        findings.push(Finding {
            case: n,
            kind: kind.into(),
            phase: "build",
            detail,
        })
    };
    let built = matches!(build.status, Status::Exited(0))
        && build.summary.as_ref().and_then(|s| s["built"].as_bool()) == Some(true);
    if built {
        if !out.join("index.html").is_file() {
            add("bad-output", "built, but OUT has no index.html".into());
        }
        return (true, findings);
    }
    let d = diff(before, &snapshot(out));
    if !d.is_empty() {
        add("output-changed", d.join("; "));
    }
    let killed = matches!(build.status, Status::TimedOut | Status::Signal(_));
    if !killed {
        let mut extra: Vec<String> = fs::read_dir(case_dir)
            .map(|rd| {
                rd.flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        extra.retain(|n| {
            !matches!(n.as_str(), "course" | "out")
                // The lock beside OUT stays by design (deleting it would race).
                && !n.ends_with(".aware-lock")
                && !n.ends_with(".stdout")
                && !n.ends_with(".stderr")
        });
        if !extra.is_empty() {
            extra.sort();
            add("leftover", format!("left beside OUT: {}", extra.join(", ")));
        }
    }
    (false, findings)
}

/// Shows that each kind of failure is detected: children that panic, hang, abort, run out
/// of memory or stack, return `Err` or misplaced diagnostics, and a failed build that
/// changed OUT. Runs before every fuzz run (about a second).
fn self_test(work: &Path, o: &Opts) -> Result<(), String> {
    let dir = work.join("self-test");
    fs::remove_dir_all(&dir).ok();
    fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let quick = Opts {
        timeout: Duration::from_millis(500),
        mem_limit_mb: 256,
        max_rss_mb: 1 << 20,
        ..o.clone()
    };
    let mut expect = vec![
        ("selftest-panic", vec!["panic"]),
        ("selftest-hang", vec!["hang"]),
        ("selftest-err", vec!["err"]),
        ("selftest-diags", vec!["bad-position", "no-file", "no-line"]),
    ];
    if cfg!(unix) {
        expect.push(("selftest-abort", vec!["signal"]));
        expect.push(("selftest-oom", vec!["oom"]));
        expect.push(("selftest-overflow", vec!["stack-overflow"]));
    }
    for (mode, want) in expect {
        let r = run_child(&[&dir], mode, &dir, &quick)?;
        let mut got: Vec<String> = judge(&r, "check", 0, &quick)
            .into_iter()
            .map(|f| f.kind)
            .collect();
        got.sort();
        if got != want {
            return Err(format!(
                "self-test: {mode} gave findings {got:?}, expected {want:?}\n{}",
                r.stderr
            ));
        }
    }
    // A failed build that changed OUT, and one that left a staging folder beside it.
    let case = dir.join("case");
    let out = case.join("out");
    fs::create_dir_all(out.join("sub")).map_err(|e| e.to_string())?;
    fs::write(out.join("sub/page.html"), "old").map_err(|e| e.to_string())?;
    let before = snapshot(&out);
    let refused = run_child(&[&dir], "selftest-err", &dir, &quick)?;
    let (_, f) = judge_output(&before, &out, &case, &refused, 0);
    if !f.is_empty() {
        return Err(format!(
            "self-test: an untouched OUT gave {:?}",
            f.iter().map(|f| &f.kind).collect::<Vec<_>>()
        ));
    }
    fs::write(out.join("sub/page.html"), "olD").map_err(|e| e.to_string())?;
    fs::create_dir_all(case.join(".out.aware-staging")).map_err(|e| e.to_string())?;
    let (_, f) = judge_output(&before, &out, &case, &refused, 0);
    let mut got: Vec<String> = f.into_iter().map(|f| f.kind).collect();
    got.sort();
    if got != ["leftover", "output-changed"] {
        return Err(format!("self-test: a changed OUT gave {got:?}"));
    }
    fs::remove_dir_all(&dir).ok();
    Ok(())
}

fn run_case(
    n: u64,
    base: &Base,
    work: &Path,
    o: &Opts,
    t: &mut Totals,
) -> Result<Vec<Finding>, String> {
    let dir = work.join("case");
    fs::remove_dir_all(&dir).ok();
    let course = dir.join("course");
    let out = dir.join("out");
    copy_tree(&base.course, &course, &[]).map_err(|e| format!("copy course: {e}"))?;
    copy_tree(&base.out, &out, &[]).map_err(|e| format!("copy output: {e}"))?;
    let mut rng = rng::Rng::for_case(o.seed, n);
    let muts = mutate::mutate(&course, &mut rng);
    t.mutations += muts.len() as u64;

    let check = run_child(&[&course], "check", &dir, o)?;
    let build = run_child(&[&course, &out], "build", &dir, o)?;
    let mut findings = judge(&check, "check", n, o);
    findings.extend(judge(&build, "build", n, o));

    let (built, out_findings) = judge_output(&base.snap, &out, &dir, &build, n);
    findings.extend(out_findings);
    if built {
        t.built += 1;
    } else {
        t.refused += 1;
    }

    // Totals.
    let secs = |r: &ChildRun| r.wall.as_secs_f64();
    let total = secs(&check) + secs(&build);
    t.times.push(total);
    let done = |r: &ChildRun| !matches!(r.status, Status::TimedOut);
    if done(&check) && done(&build) && total > t.slowest_done.0 {
        t.slowest_done = (total, n, secs(&check), secs(&build));
    }
    if total > t.slowest.0 {
        t.slowest = (total, n, secs(&check), secs(&build));
    }
    for (r, phase) in [(&check, "check"), (&build, "build")] {
        if let Some(rss) = r.rss_kib {
            if rss > t.max_rss.0 {
                t.max_rss = (rss, n, phase);
            }
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    for r in [&check, &build] {
        if let Some(c) = r.summary.as_ref().and_then(|s| s["codes"].as_object()) {
            seen.extend(c.keys().cloned());
        }
    }
    for c in seen {
        *t.codes.entry(c).or_default() += 1;
    }
    for r in [&check, &build] {
        if let Some(w) = r.summary.as_ref().and_then(|s| s["whole_file"].as_object()) {
            for (c, n) in w {
                *t.whole_file.entry(c.clone()).or_default() += n.as_u64().unwrap_or(0);
            }
        }
    }
    for f in &findings {
        *t.findings.entry(f.kind.clone()).or_default() += 1;
    }

    if o.verbose || !findings.is_empty() {
        let status = |r: &ChildRun| match r.status {
            Status::TimedOut => "timeout".to_string(),
            Status::Signal(s) => format!("signal {s}"),
            Status::Exited(c) => match &r.summary {
                Some(s) => format!("{}e/{}w", s["errors"], s["warnings"]),
                None => format!("exit {c}"),
            },
        };
        println!(
            "case {n}: check {} {:.2}s, build {}{} {:.2}s",
            status(&check),
            secs(&check),
            status(&build),
            if built { " built" } else { "" },
            secs(&build)
        );
        for m in &muts {
            println!("    mutation: {}", trunc_line(m, 200));
        }
    }
    for f in &findings {
        println!(
            "FINDING case {} [{}] in {}: {}",
            f.case,
            f.kind,
            f.phase,
            trunc_line(&f.detail, 600)
        );
    }
    if !findings.is_empty() {
        let keep_arg = o
            .keep
            .as_ref()
            .map(|k| k.display().to_string())
            .unwrap_or_else(|| "/tmp/aware-fuzz-keep".into());
        let base_arg = match (&o.base, o.full) {
            (Some(b), _) => format!(" --base {}", b.display()),
            (None, true) => " --full".into(),
            _ => String::new(),
        };
        println!(
            "    reproduce: cargo run --release --example fuzz -- --seed {} --case {n}{base_arg} --timeout-secs {} --keep {keep_arg}",
            o.seed,
            o.timeout.as_secs_f64()
        );
        if let Some(keep) = &o.keep {
            let dest = keep.join(format!("seed-{}-case-{n}", o.seed));
            fs::remove_dir_all(&dest).ok();
            copy_tree(&course, &dest.join("course"), &[])
                .map_err(|e| format!("keeping case: {e}"))?;
            let mut notes = format!("aware fuzz seed {} case {n}\n\nmutations:\n", o.seed);
            for m in &muts {
                notes.push_str(&format!("  {m}\n"));
            }
            notes.push_str("\nfindings:\n");
            for f in &findings {
                notes.push_str(&format!("  [{}] in {}: {}\n", f.kind, f.phase, f.detail));
            }
            notes.push_str(&format!(
                "\ncheck stderr:\n{}\nbuild stderr:\n{}\n",
                check.stderr, build.stderr
            ));
            notes.push_str(&format!(
                "\nreproduce: aware check {0}/course; aware build {0}/course -o /tmp/out\n",
                dest.display()
            ));
            fs::write(dest.join("FINDINGS.txt"), notes).map_err(|e| e.to_string())?;
            println!("    kept in {}", dest.display());
        }
    }
    fs::remove_dir_all(&dir).ok();
    Ok(findings)
}

fn trunc_line(s: &str, max: usize) -> String {
    let s = s.replace('\n', "\\n");
    if s.chars().count() > max {
        format!("{}…", s.chars().take(max).collect::<String>())
    } else {
        s
    }
}

fn run(o: &Opts) -> Result<bool, String> {
    let work = std::env::temp_dir().join(format!("aware-fuzz-{}", std::process::id()));
    fs::create_dir_all(&work).map_err(|e| format!("{}: {e}", work.display()))?;
    let start = Instant::now();
    let result = (|| {
        self_test(&work, o)?;
        let base = prepare_base(&work, o)?;
        let cases: Vec<u64> = match o.only_case {
            Some(c) => vec![c],
            None => (1..=o.cases).collect(),
        };
        println!(
            "aware fuzz: self-test ok; seed {}, {} case(s), timeout {:.0} s, {} (base build {} files)",
            o.seed,
            cases.len(),
            o.timeout.as_secs_f64(),
            base.note,
            base.snap.values().filter(|e| matches!(e, Entry::File(_))).count()
        );
        let mut t = Totals::default();
        let mut all = Vec::new();
        for (i, n) in cases.iter().enumerate() {
            all.extend(run_case(*n, &base, &work, o, &mut t)?);
            t.cases += 1;
            if !o.verbose && (i + 1) % 100 == 0 {
                println!(
                    "  … {} cases, {} finding(s), {:.0} s",
                    i + 1,
                    all.len(),
                    start.elapsed().as_secs_f64()
                );
            }
        }
        Ok::<_, String>((t, all))
    })();
    fs::remove_dir_all(&work).ok();
    let (t, all) = result?;
    let elapsed = start.elapsed().as_secs_f64();
    println!();
    println!(
        "aware fuzz totals: seed {}, {} cases ({} mutations) in {:.1} s; {} built, {} refused",
        o.seed, t.cases, t.mutations, elapsed, t.built, t.refused
    );
    if all.is_empty() {
        println!("  findings: none");
    } else {
        let by: Vec<String> = t.findings.iter().map(|(k, v)| format!("{k} {v}")).collect();
        println!("  findings: {} ({})", all.len(), by.join(", "));
    }
    let mut times = t.times.clone();
    times.sort_by(f64::total_cmp);
    let pct = |p: f64| {
        times
            .get(((times.len() as f64 * p) as usize).min(times.len().saturating_sub(1)))
            .copied()
            .unwrap_or(0.0)
    };
    println!(
        "  case time (check + build): median {:.2} s, p99 {:.2} s",
        pct(0.5),
        pct(0.99)
    );
    println!(
        "  slowest case: {} ({:.2} s: check {:.2} s, build {:.2} s)",
        t.slowest.1, t.slowest.0, t.slowest.2, t.slowest.3
    );
    if t.slowest_done.1 != t.slowest.1 {
        println!(
            "  slowest case within the time limit: {} ({:.2} s: check {:.2} s, build {:.2} s)",
            t.slowest_done.1, t.slowest_done.0, t.slowest_done.2, t.slowest_done.3
        );
    }
    if t.max_rss.0 > 0 {
        println!(
            "  max memory: {:.0} MiB (case {} {})",
            t.max_rss.0 as f64 / 1024.0,
            t.max_rss.1,
            t.max_rss.2
        );
    }
    let mut codes: Vec<(&String, &u64)> = t.codes.iter().collect();
    codes.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let codes: Vec<String> = codes.iter().map(|(c, n)| format!("{c} {n}")).collect();
    println!("  diagnostic codes seen (cases): {}", codes.join(", "));
    let whole: Vec<String> = t
        .whole_file
        .iter()
        .map(|(c, n)| format!("{c} {n}"))
        .collect();
    println!(
        "  whole-file diagnostics (line 0, allowed): {}",
        if whole.is_empty() {
            "none".into()
        } else {
            whole.join(", ")
        }
    );
    Ok(all.is_empty())
}
