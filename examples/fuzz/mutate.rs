//! Seeded mutations of a course folder. Each call to [`mutate`] applies 1–3 mutations and
//! returns a one-line description of each; the same RNG state gives the same mutations.
//!
//! Families (weights in [`one`]):
//! - bytes: bit flips, odd bytes, truncation, duplicated/deleted/swapped lines, NUL,
//!   invalid UTF-8, byte-order marks, CR/CRLF, very long lines, RTL/combining/odd Unicode,
//!   tabs;
//! - YAML (site.yaml, glossary, quizzes, module front matter): anchors and aliases
//!   (undefined ones, "billion laughs" bombs, fan-out of one big node), tags, merge keys,
//!   deep nesting, flow collections, hostile scalars, duplicate keys, document markers and
//!   directives, complex keys, block scalars, bad quoting, tab indentation, mangled keys;
//! - markdown (module bodies): huge tables, deeply nested lists and quotes, raw HTML,
//!   `glossary:` links, links and images with `#`, `?`, `%`, traversal and other schemes,
//!   heading attributes, callouts, code fences, footnotes, entities, emphasis and bracket
//!   runs, broken front-matter fences;
//! - duplicate ids: question and term ids, modules and quizzes copied under names that
//!   give the same page name or quiz id, two modules sharing a quiz;
//! - files: deletions (also of whole folders), renames to hostile names (`#`, `?`, `%`,
//!   newline, invalid UTF-8, very long, names of generated pages), folders in place of
//!   files, symlinks (outside, dangling, loops), unreadable files, stray extra files.

use std::fs;
use std::path::{Path, PathBuf};

use crate::rng::Rng;

/// Applies 1–3 mutations to the course in `root`.
pub fn mutate(root: &Path, rng: &mut Rng) -> Vec<String> {
    // Mostly one mutation, so that many cases still build and reach the renderer.
    let n = 1 + rng.weighted(&[55, 30, 15]);
    (0..n).map(|_| one(root, rng)).collect()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Group {
    Site,
    Glossary,
    Module,
    Quiz,
    Other,
}

fn group(rel: &Path) -> Group {
    let s = rel.to_string_lossy();
    if s == "site.yaml" {
        Group::Site
    } else if s == "content/glossary.yaml" {
        Group::Glossary
    } else if s.starts_with("content/") && s.ends_with(".md") {
        Group::Module
    } else if s.starts_with("quizzes/") && s.ends_with(".yaml") {
        Group::Quiz
    } else {
        Group::Other
    }
}

/// Regular files under `root`, relative, sorted (so choices do not depend on the OS).
fn course_files(root: &Path) -> Vec<PathBuf> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(rd) = fs::read_dir(dir) else { return };
        let mut entries: Vec<_> = rd.flatten().map(|e| e.path()).collect();
        entries.sort();
        for p in entries {
            let Ok(meta) = fs::symlink_metadata(&p) else {
                continue;
            };
            if meta.is_dir() {
                walk(root, &p, out);
            } else if meta.is_file() {
                out.push(p.strip_prefix(root).unwrap().to_path_buf());
            }
        }
    }
    let mut out = Vec::new();
    walk(root, root, &mut out);
    out
}

/// A file of one of the groups, chosen with `weights` (site, glossary, module, quiz, other)
/// among the groups that still have files.
fn pick_file(files: &[PathBuf], rng: &mut Rng, weights: [usize; 5]) -> Option<PathBuf> {
    let groups = [
        Group::Site,
        Group::Glossary,
        Group::Module,
        Group::Quiz,
        Group::Other,
    ];
    let mut w = weights;
    for (i, g) in groups.iter().enumerate() {
        if !files.iter().any(|f| group(f) == *g) {
            w[i] = 0;
        }
    }
    if w.iter().sum::<usize>() == 0 {
        return None;
    }
    let g = groups[rng.weighted(&w)];
    let of: Vec<&PathBuf> = files.iter().filter(|f| group(f) == g).collect();
    Some(of[rng.below(of.len())].clone())
}

fn one(root: &Path, rng: &mut Rng) -> String {
    let files = course_files(root);
    if files.is_empty() {
        fs::write(root.join("site.yaml"), b"title: [\n").ok();
        return "no files left: wrote a broken site.yaml".into();
    }
    match rng.weighted(&[38, 24, 22, 6, 10]) {
        0 => {
            let Some(f) = pick_file(&files, rng, [20, 15, 35, 30, 5]) else {
                unreachable!()
            };
            edit(root, &f, |data| bytes_mutation(data, rng))
        }
        1 => match pick_file(&files, rng, [25, 20, 20, 35, 0]) {
            Some(f) => {
                let g = group(&f);
                edit(root, &f, |data| yaml_mutation(data, g, rng))
            }
            None => {
                let f = pick_file(&files, rng, [1, 1, 1, 1, 1]).unwrap();
                edit(root, &f, |data| bytes_mutation(data, rng))
            }
        },
        2 => match pick_file(&files, rng, [0, 0, 1, 0, 0]) {
            Some(f) => edit(root, &f, |data| markdown_mutation(data, rng)),
            None => {
                let f = pick_file(&files, rng, [1, 1, 1, 1, 1]).unwrap();
                edit(root, &f, |data| bytes_mutation(data, rng))
            }
        },
        3 => duplicate_ids(root, &files, rng),
        _ => file_op(root, &files, rng),
    }
}

/// Reads `rel`, lets `f` change the bytes, writes them back; "FILE: what f did".
fn edit(root: &Path, rel: &Path, f: impl FnOnce(&mut Vec<u8>) -> String) -> String {
    let path = root.join(rel);
    let mut data = fs::read(&path).unwrap_or_default();
    let what = f(&mut data);
    fs::write(&path, &data).ok();
    format!("{}: {what}", rel.display())
}

// ---------------------------------------------------------------------------------------
// Line helpers (bytes, since a file may already be invalid UTF-8)
// ---------------------------------------------------------------------------------------

fn split_lines(data: &[u8]) -> Vec<Vec<u8>> {
    data.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect()
}

fn join_lines(lines: &[Vec<u8>]) -> Vec<u8> {
    lines.join(&b'\n')
}

/// A byte position that does not split a UTF-8 sequence.
fn char_pos(data: &[u8], rng: &mut Rng) -> usize {
    let mut p = rng.below(data.len() + 1);
    while p < data.len() && (data[p] & 0xC0) == 0x80 {
        p += 1;
    }
    p
}

/// `key: value` lines: (line index, byte index of the colon, column of the key).
#[derive(Clone, Copy)]
struct KeyLine {
    idx: usize,
    colon: usize,
    indent: usize,
}

fn parse_key(line: &[u8]) -> Option<(usize, usize)> {
    let mut i = 0;
    while i < line.len() && line[i] == b' ' {
        i += 1;
    }
    if line[i..].starts_with(b"- ") {
        i += 2;
        while i < line.len() && line[i] == b' ' {
            i += 1;
        }
    }
    let start = i;
    while i < line.len() && (line[i].is_ascii_alphanumeric() || line[i] == b'_' || line[i] == b'-')
    {
        i += 1;
    }
    if i == start || i >= line.len() || line[i] != b':' {
        return None;
    }
    match line.get(i + 1) {
        None | Some(b' ') | Some(b'\r') => Some((start, i)),
        _ => None,
    }
}

fn key_lines(lines: &[Vec<u8>], region: (usize, usize)) -> Vec<KeyLine> {
    (region.0..region.1.min(lines.len()))
        .filter_map(|idx| {
            parse_key(&lines[idx]).map(|(indent, colon)| KeyLine { idx, colon, indent })
        })
        .collect()
}

fn key_of(lines: &[Vec<u8>], k: KeyLine) -> String {
    String::from_utf8_lossy(&lines[k.idx][k.indent..k.colon]).into_owned()
}

fn value_of(lines: &[Vec<u8>], k: KeyLine) -> Vec<u8> {
    let v = &lines[k.idx][k.colon + 1..];
    let v = v.strip_prefix(b" ").unwrap_or(v);
    v.strip_suffix(b"\r").unwrap_or(v).to_vec()
}

fn set_value(lines: &mut [Vec<u8>], k: KeyLine, value: &[u8]) {
    let line = &mut lines[k.idx];
    line.truncate(k.colon + 1);
    if !value.is_empty() {
        line.push(b' ');
        line.extend_from_slice(value);
    }
}

fn indent_of(line: &[u8]) -> usize {
    line.iter().take_while(|&&b| b == b' ').count()
}

/// Lines after `k` that belong to its block value (more indented, or a `- ` list at the
/// key's own indentation), as a range of line indexes.
fn block_children(lines: &[Vec<u8>], k: KeyLine) -> (usize, usize) {
    let mut end = k.idx + 1;
    while end < lines.len() {
        let l = &lines[end];
        let blank = l.iter().all(|b| b.is_ascii_whitespace());
        let ind = indent_of(l);
        let deeper = ind > k.indent || (ind == k.indent && l[ind..].starts_with(b"- "));
        if !blank && !deeper {
            break;
        }
        end += 1;
    }
    // Trailing blank lines are not part of the block.
    while end > k.idx + 1 && lines[end - 1].iter().all(|b| b.is_ascii_whitespace()) {
        end -= 1;
    }
    (k.idx + 1, end)
}

/// Replaces `k`'s value (inline and block) with `value`.
fn replace_value(lines: &mut Vec<Vec<u8>>, k: KeyLine, value: &[u8]) {
    let (a, b) = block_children(lines, k);
    lines.drain(a..b);
    set_value(lines, k, value);
}

/// For a module: the front matter's lines (between the `---` fences), else everything.
fn yaml_region(lines: &[Vec<u8>], is_module: bool) -> (usize, usize) {
    if !is_module {
        return (0, lines.len());
    }
    let fence = |l: &[u8]| {
        let l = l.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(l);
        l.strip_suffix(b"\r").unwrap_or(l) == b"---"
    };
    if lines.first().is_some_and(|l| fence(l)) {
        if let Some(end) = (1..lines.len()).find(|&i| fence(&lines[i])) {
            return (1, end);
        }
    }
    (0, lines.len())
}

/// Module body: the lines after the front matter.
fn body_region(lines: &[Vec<u8>]) -> (usize, usize) {
    let (s, e) = yaml_region(lines, true);
    if s == 0 {
        (0, lines.len())
    } else {
        ((e + 1).min(lines.len()), lines.len())
    }
}

fn repeat_to(unit: &[u8], len: usize) -> Vec<u8> {
    let mut v = Vec::with_capacity(len + unit.len());
    while v.len() < len {
        v.extend_from_slice(unit);
    }
    v
}

// ---------------------------------------------------------------------------------------
// Bytes
// ---------------------------------------------------------------------------------------

const ODD_BYTES: &[u8] = b"\x00\xff\x80\xc0\x7f\t\r\n:-#&*!|>{}[]\"'%@`\\<,?~=";

const INVALID_UTF8: &[&[u8]] = &[
    b"\xff",
    b"\xfe",
    b"\xc3",
    b"\xc0\xaf",
    b"\xed\xa0\x80",
    b"\xf4\x90\x80\x80",
    b"\x80",
    b"\xe2\x82",
    b"\xf8\x88\x80\x80\x80",
];

const UNICODE: &[&str] = &[
    "\u{202E}evil\u{202C}",
    "\u{200F}",
    "\u{200E}\u{202B}",
    "שלום עולם",
    "مرحبا بالعالم",
    "\u{200B}",
    "\u{FEFF}",
    "\u{2028}",
    "\u{2029}",
    "\u{85}",
    "👩‍👩‍👧‍👦",
    "\u{FFFD}\u{FFFF}\u{10FFFF}\u{E000}",
    "İ",
    "ẞß",
    "ﬃ",
    "\u{212A}\u{2126}",
    "ｔｉｔｌｅ",
    "\u{3000}\u{A0}\u{180E}",
    "a\u{20DD}",
    "\u{115F}",
    "🏳️‍🌈",
    "\u{1D54F}",
];

fn bytes_mutation(data: &mut Vec<u8>, rng: &mut Rng) -> String {
    match rng.below(14) {
        0 => {
            let n = rng.range(1, 8);
            if data.is_empty() {
                data.push(0x80);
            }
            for _ in 0..n {
                let p = rng.below(data.len());
                data[p] ^= 1 << rng.below(8);
            }
            format!("{n} bit flips")
        }
        1 => {
            let n = rng.range(1, 8);
            for _ in 0..n {
                let b = if rng.chance(70) {
                    *rng.pick(ODD_BYTES)
                } else {
                    rng.below(256) as u8
                };
                if data.is_empty() {
                    data.push(b);
                } else {
                    let p = rng.below(data.len());
                    data[p] = b;
                }
            }
            format!("{n} bytes overwritten")
        }
        2 => {
            let p = if rng.chance(10) {
                0
            } else {
                rng.below(data.len() + 1)
            };
            data.truncate(p);
            format!("truncated to {p} bytes")
        }
        3 => {
            let mut lines = split_lines(data);
            let a = rng.below(lines.len());
            let len = rng.range(1, 5).min(lines.len() - a);
            let times = if rng.chance(10) {
                rng.log_range(10, 2000)
            } else {
                rng.range(1, 3)
            };
            let block: Vec<Vec<u8>> = lines[a..a + len].to_vec();
            for _ in 0..times {
                lines.splice(a..a, block.iter().cloned());
            }
            *data = join_lines(&lines);
            format!("lines {}..{} duplicated {times}x", a + 1, a + len)
        }
        4 => {
            let mut lines = split_lines(data);
            let a = rng.below(lines.len());
            let len = rng.range(1, 10).min(lines.len() - a);
            lines.drain(a..a + len);
            *data = join_lines(&lines);
            format!("lines {}..{} deleted", a + 1, a + len)
        }
        5 => {
            let mut lines = split_lines(data);
            let (a, b) = (rng.below(lines.len()), rng.below(lines.len()));
            lines.swap(a, b);
            *data = join_lines(&lines);
            format!("lines {} and {} swapped", a + 1, b + 1)
        }
        6 => {
            let n = rng.range(1, 3);
            for _ in 0..n {
                let p = char_pos(data, rng);
                data.insert(p, 0);
            }
            format!("{n} NUL bytes inserted")
        }
        7 => {
            let seq = *rng.pick(INVALID_UTF8);
            let p = rng.below(data.len() + 1);
            data.splice(p..p, seq.iter().copied());
            format!("invalid UTF-8 {seq:02x?} at byte {p}")
        }
        8 => match rng.below(3) {
            0 => {
                data.splice(0..0, *b"\xEF\xBB\xBF");
                "UTF-8 byte-order mark prepended".into()
            }
            1 => {
                data.splice(0..0, *b"\xEF\xBB\xBF\xEF\xBB\xBF");
                "two byte-order marks prepended".into()
            }
            _ => {
                let mut lines = split_lines(data);
                let a = rng.below(lines.len());
                lines[a].splice(0..0, *b"\xEF\xBB\xBF");
                *data = join_lines(&lines);
                format!("byte-order mark at the start of line {}", a + 1)
            }
        },
        9 => match rng.below(4) {
            0 => {
                let lines = split_lines(data);
                *data = lines.join(&b"\r\n"[..]);
                "all line ends CRLF".into()
            }
            1 => {
                let lines = split_lines(data);
                let mut out = Vec::new();
                for (i, l) in lines.iter().enumerate() {
                    if i > 0 {
                        out.extend_from_slice(if rng.chance(50) { b"\r\n" } else { b"\n" });
                    }
                    out.extend_from_slice(l);
                }
                *data = out;
                "mixed LF and CRLF line ends".into()
            }
            2 => {
                for b in data.iter_mut() {
                    if *b == b'\n' {
                        *b = b'\r';
                    }
                }
                "all line ends CR only".into()
            }
            _ => {
                let p = rng.below(data.len() + 1);
                data.insert(p, b'\r');
                format!("lone CR at byte {p}")
            }
        },
        10 => {
            let len = rng.log_range(1_000, 1_000_000);
            let units: &[&[u8]] = &[
                b"a",
                b"lorem ipsum ",
                b"[x](missing.md) ",
                b"[t](glossary:nope) ",
                "\u{5e9}".as_bytes(),
                "e\u{301}".as_bytes(),
                b"- ",
                b"*",
                b"[",
                b"`",
                b"<",
                b"&amp;",
                b"\t",
            ];
            let unit = *rng.pick(units);
            let long = repeat_to(unit, len);
            let mut lines = split_lines(data);
            let a = rng.below(lines.len() + 1);
            let how = if rng.chance(50) && a < lines.len() {
                lines[a].extend_from_slice(&long);
                "appended to"
            } else {
                lines.insert(a, long);
                "inserted at"
            };
            *data = join_lines(&lines);
            format!(
                "line of {len} bytes ({:?} repeated) {how} line {}",
                String::from_utf8_lossy(unit),
                a + 1
            )
        }
        11 => {
            let s: String = if rng.chance(25) {
                let n = rng.log_range(1, 2000);
                format!("e{}", "\u{301}\u{308}".repeat(n))
            } else {
                rng.pick(UNICODE).to_string()
            };
            let p = value_pos(data, rng);
            data.splice(p..p, s.bytes());
            format!("{:?} inserted at byte {p}", trunc(&s))
        }
        12 => {
            let mut lines = split_lines(data);
            let n = rng.range(1, 5);
            for _ in 0..n {
                let a = rng.below(lines.len());
                let ind = indent_of(&lines[a]);
                if ind > 0 && rng.chance(70) {
                    let tabs = if rng.chance(50) { ind } else { 1 };
                    lines[a].splice(0..ind, std::iter::repeat_n(b'\t', tabs));
                } else {
                    let p = rng.below(lines[a].len() + 1);
                    lines[a].insert(p, b'\t');
                }
            }
            *data = join_lines(&lines);
            format!("tabs in {n} lines")
        }
        _ => {
            data.clear();
            "emptied".into()
        }
    }
}

/// Just after `key: ` on some line (where values are), or anywhere.
fn value_pos(data: &[u8], rng: &mut Rng) -> usize {
    if rng.chance(60) {
        let lines = split_lines(data);
        let keys = key_lines(&lines, (0, lines.len()));
        let heads: Vec<usize> = (0..lines.len())
            .filter(|&i| lines[i].starts_with(b"#"))
            .collect();
        let starts: Vec<usize> = {
            let mut off = 0;
            lines
                .iter()
                .map(|l| {
                    let s = off;
                    off += l.len() + 1;
                    s
                })
                .collect()
        };
        if !keys.is_empty() && rng.chance(70) {
            let k = *rng.pick(&keys);
            return (starts[k.idx] + k.colon + 2).min(data.len());
        }
        if !heads.is_empty() {
            let h = *rng.pick(&heads);
            let hashes = lines[h].iter().take_while(|&&b| b == b'#').count();
            return (starts[h] + hashes + 1).min(data.len());
        }
    }
    char_pos(data, rng)
}

fn trunc(s: &str) -> String {
    if s.chars().count() > 60 {
        format!(
            "{}…({} bytes)",
            s.chars().take(60).collect::<String>(),
            s.len()
        )
    } else {
        s.to_string()
    }
}

// ---------------------------------------------------------------------------------------
// YAML
// ---------------------------------------------------------------------------------------

const TAGS: &[&str] = &[
    "!!binary aGVsbG8gd29ybGQ=",
    "!custom",
    "!!str",
    "!!int",
    "!!float",
    "!!bool",
    "!!null",
    "!!map",
    "!!seq",
    "!!set",
    "!!omap",
    "!!timestamp",
    "!<tag:yaml.org,2002:str>",
    "!e!undefined-handle",
    "!!python/object/apply:os.system",
    "!",
    "!!binary",
];

const SCALARS: &[&str] = &[
    "",
    "~",
    "null",
    "0",
    "-1",
    "-0",
    "99999999999999999999999999",
    "18446744073709551616",
    "1e400",
    ".nan",
    "-.inf",
    "0x1F",
    "0o17",
    "1_000",
    "true",
    "yes",
    "off",
    "2001-12-14t21:59:43.10-05:00",
    "'   '",
    "\"\"",
    "../../../../etc",
    "/etc/passwd",
    "themes/../../..",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "<script>alert(1)</script>",
    "\"</title><script>alert(1)</script>\"",
    "\"#fff;}</style><script>alert(1)</script>\"",
    "\"red; background: url(https://evil.example/x)\"",
    "https://evil.example/x.png",
    "//evil.example",
    "\"{{ config }}{% raw %}\"",
    "\"{{ 7*7 }}\"",
    "'%s%n%x'",
    "\"a\\nb\\tc\\0d\"",
    "\"\\u0000\"",
    "\"\\x00\"",
    "\"\\U0010FFFF\"",
    "\"\\q\"",
    "\"\\uD800\"",
    "\"unterminated",
    "'unterminated",
    "'it''s'",
    "\"\u{202E}txt.exe\"",
    "- listed",
    ": colon",
    "a: b: c",
    "? q",
    "@reserved",
    "`backtick",
    "%directive",
    "|",
    ">",
    "#comment",
    "&anchor",
    "*alias",
    "!tag",
    "=",
    "<<",
];

const FLOWS: &[&str] = &[
    "[]",
    "{}",
    "[a, b, {c: d}]",
    "{a: 1, a: 2}",
    "[",
    "{",
    "]",
    "}",
    "{? a : b}",
    "[a: b, c: d]",
    "[[], [[]], {}]",
    "{text: x, correct: true}",
    "[{id: x}, {id: x}]",
    "{title: x, <<: {title: y}}",
    "[a,,b]",
    "{a: [b}, c]",
];

fn bomb(width: usize, depth: usize) -> String {
    let mut s = format!("&fz0 [{}]", vec!["lol"; width].join(", "));
    for k in 1..depth {
        s = format!(
            "&fz{k} [{s}{}]",
            format!(", *fz{}", k - 1).repeat(width - 1)
        );
    }
    s
}

fn yaml_mutation(data: &mut Vec<u8>, g: Group, rng: &mut Rng) -> String {
    let mut lines = split_lines(data);
    let region = yaml_region(&lines, g == Group::Module);
    let keys = key_lines(&lines, region);
    if keys.is_empty() {
        return bytes_mutation(data, rng) + " (no YAML keys)";
    }
    let k = *rng.pick(&keys);
    let key = key_of(&lines, k);
    let at = k.idx + 1;
    let what = match rng.below(16) {
        0 => {
            let k2 = *rng.pick(&keys);
            let v = value_of(&lines, k);
            let anchored = if v.is_empty() {
                b"&fza".to_vec()
            } else {
                [b"&fza ".as_slice(), &v].concat()
            };
            set_value(&mut lines, k, &anchored);
            replace_value(&mut lines, k2, b"*fza");
            format!(
                "anchor &fza on `{key}` (line {at}), alias *fza as `{}` (line {})",
                key_of(&lines, k2),
                k2.idx + 1
            )
        }
        1 => {
            set_value(&mut lines, k, b"*undefined");
            format!("undefined alias as `{key}` (line {at})")
        }
        2 => {
            let width = rng.range(2, 10);
            let target = rng.log_range(10, 1_000_000_000) as f64;
            let depth = ((target.ln() / (width as f64).ln()).ceil() as usize).clamp(1, 30);
            let b = bomb(width, depth);
            let expands = (width as f64).powi(depth as i32);
            if rng.chance(60) {
                replace_value(&mut lines, k, b.as_bytes());
                format!("alias bomb ({width}^{depth} = {expands:.0} nodes) as `{key}` (line {at})")
            } else {
                let line = if g == Group::Glossary {
                    format!("- {b}")
                } else {
                    format!("lol: {b}")
                };
                lines.insert(region.1.min(lines.len()), line.into_bytes());
                format!(
                    "alias bomb ({width}^{depth} = {expands:.0} nodes) as an extra top-level entry"
                )
            }
        }
        3 => return fan_out(data, g, rng),
        4 => {
            let tag = *rng.pick(TAGS);
            let v = value_of(&lines, k);
            let nv = if v.is_empty() {
                tag.as_bytes().to_vec()
            } else {
                [tag.as_bytes(), b" ", &v].concat()
            };
            set_value(&mut lines, k, &nv);
            format!("tag {tag} on `{key}` (line {at})")
        }
        5 => {
            // Anchor a mapping block, then merge it (or something odd) into another mapping.
            let blocks: Vec<KeyLine> = keys
                .iter()
                .copied()
                .filter(|b| {
                    value_of(&lines, *b).is_empty()
                        && lines.get(b.idx + 1).is_some_and(|n| {
                            indent_of(n) > b.indent && !n[indent_of(n)..].starts_with(b"- ")
                        })
                })
                .collect();
            let merges = [
                "*fzm",
                "[*fzm, *fzm]",
                "{title: merged, extra: field}",
                "*undefined",
                "5",
                "[1, 2]",
                "~",
            ];
            let mut m = *rng.pick(&merges);
            if !blocks.is_empty() && rng.chance(70) {
                let b = blocks[rng.below(blocks.len())];
                lines[b.idx].extend_from_slice(b" &fzm");
            } else if m.contains("fzm") {
                m = "{title: merged}";
            }
            // Insert as a sibling after a key line with an inline value (or at its block start).
            let inline: Vec<KeyLine> = key_lines(&lines, yaml_region(&lines, g == Group::Module))
                .into_iter()
                .filter(|x| !value_of(&lines, *x).is_empty())
                .collect();
            match inline.get(rng.below(inline.len().max(1))) {
                Some(x) => {
                    let line = [vec![b' '; x.indent], format!("<<: {m}").into_bytes()].concat();
                    lines.insert(x.idx + 1, line);
                    format!("merge key `<<: {m}` at line {}", x.idx + 2)
                }
                None => {
                    lines.insert(region.0, format!("<<: {m}").into_bytes());
                    format!("merge key `<<: {m}` at line {}", region.0 + 1)
                }
            }
        }
        6 => {
            let d = rng.log_range(2, 100_000);
            let (open, close, name) = match rng.below(4) {
                0 => ("[", "]", "flow sequences"),
                1 => ("{a: ", "}", "flow mappings"),
                2 => ("[", "", "unclosed flow sequences"),
                _ => ("- ", "", "block sequences on one line"),
            };
            let v = format!("{}x{}", open.repeat(d), close.repeat(d));
            replace_value(&mut lines, k, v.as_bytes());
            format!("{name} nested {d} deep as `{key}` (line {at})")
        }
        7 => {
            let d = rng.log_range(2, 400);
            let (a, b) = block_children(&lines, k);
            lines.drain(a..b);
            set_value(&mut lines, k, b"");
            let block: Vec<Vec<u8>> = (1..=d)
                .map(|i| [vec![b' '; k.indent + 2 * i], b"a:".to_vec()].concat())
                .collect();
            lines.splice(a..a, block);
            format!("block mappings nested {d} deep under `{key}` (line {at})")
        }
        8 => {
            let f = *rng.pick(FLOWS);
            replace_value(&mut lines, k, f.as_bytes());
            format!("flow `{f}` as `{key}` (line {at})")
        }
        9 => {
            let s = *rng.pick(SCALARS);
            // In site.yaml, favour the fields that name files, URLs, colours and quizzes.
            const SENSITIVE: &[&str] = &[
                "theme",
                "logo",
                "quick_exit_url",
                "href",
                "primary",
                "accent",
                "quiz",
                "questions",
                "language",
                "id",
            ];
            let sensitive: Vec<KeyLine> = keys
                .iter()
                .copied()
                .filter(|k| SENSITIVE.contains(&key_of(&lines, *k).as_str()))
                .collect();
            if g == Group::Site && rng.chance(30) {
                lines.insert(region.1.min(lines.len()), format!("logo: {s}").into_bytes());
                *data = join_lines(&lines);
                return format!("`logo: {s}` added");
            }
            let k = if g == Group::Site && !sensitive.is_empty() && rng.chance(60) {
                *rng.pick(&sensitive)
            } else {
                k
            };
            let key = key_of(&lines, k);
            replace_value(&mut lines, k, s.as_bytes());
            format!("`{key}` (line {}) set to `{s}`", k.idx + 1)
        }
        10 => {
            let s = *rng.pick(SCALARS);
            let dup = [
                lines[k.idx][..k.colon + 1].to_vec(),
                format!(" {s}").into_bytes(),
            ]
            .concat();
            lines.insert(k.idx + 1, dup);
            format!("duplicate key `{key}: {s}` after line {at}")
        }
        11 => {
            let marks = [
                "---",
                "...",
                "--- !custom",
                "%YAML 1.1",
                "%YAML 2.0",
                "%TAG !e! tag:example.com,2000:",
                "%FOO bar",
                "--- |\n  literal document",
            ];
            let m = *rng.pick(marks.as_slice());
            let p = rng.range(region.0, region.1.min(lines.len()));
            lines.insert(p, m.as_bytes().to_vec());
            format!("`{}` inserted at line {}", m.replace('\n', "\\n"), p + 1)
        }
        12 => {
            let c = *rng.pick(&[
                "? [a, b]\n: c",
                "? |\n  block key\n: v",
                "? {a: b}\n: c",
                "[a]: b",
                "? x",
            ]);
            let line = [
                vec![b' '; k.indent],
                c.replace('\n', &format!("\n{}", " ".repeat(k.indent)))
                    .into_bytes(),
            ]
            .concat();
            lines.insert(k.idx, line);
            format!("complex key `{}` before line {at}", c.replace('\n', "\\n"))
        }
        13 => {
            let ind = *rng.pick(&["|", ">-", "|2", "|-", "|0", ">+", "|10", "|-+", "|9"]);
            let body: Vec<Vec<u8>> = (0..rng.range(1, 4))
                .map(|i| {
                    [
                        vec![b' '; k.indent + rng.below(5) + i % 2],
                        b"text".to_vec(),
                    ]
                    .concat()
                })
                .collect();
            replace_value(&mut lines, k, ind.as_bytes());
            lines.splice(k.idx + 1..k.idx + 1, body);
            format!("block scalar `{ind}` with odd indentation as `{key}` (line {at})")
        }
        14 => {
            let ind = indent_of(&lines[k.idx]);
            let tabs = rng.range(1, ind.max(1));
            lines[k.idx].splice(0..ind, std::iter::repeat_n(b'\t', tabs));
            format!("indentation of line {at} replaced by {tabs} tab(s)")
        }
        _ => {
            let forms = [
                "TITLE",
                "tіtle (Cyrillic і)",
                "quoted",
                "space before colon",
                "no colon",
                "unicode key",
            ];
            let form = *rng.pick(&forms);
            let (s, e) = (k.indent, k.colon);
            let new: Vec<u8> = match form {
                "TITLE" => key.to_uppercase().into_bytes(),
                "tіtle (Cyrillic і)" => {
                    key.replacen('i', "і", 1).replacen('e', "е", 1).into_bytes()
                }
                "quoted" => format!("\"{key}\"").into_bytes(),
                "space before colon" => format!("{key} ").into_bytes(),
                "no colon" => {
                    lines[k.idx].remove(k.colon);
                    key.clone().into_bytes()
                }
                _ => format!("{key}\u{301}").into_bytes(),
            };
            lines[k.idx].splice(s..e, new);
            format!("key `{key}` (line {at}) mangled: {form}")
        }
    };
    *data = join_lines(&lines);
    what
}

/// One big node repeated through aliases: a small file that expands to a large course.
fn fan_out(data: &mut Vec<u8>, g: Group, rng: &mut Rng) -> String {
    let n = rng.log_range(2, 2000);
    let mut text = String::from_utf8_lossy(data).into_owned();
    if !text.ends_with('\n') {
        text.push('\n');
    }
    match g {
        Group::Quiz => {
            let m = rng.log_range(2, 2000);
            let ind = text
                .lines()
                .find_map(|l| {
                    l.trim_start()
                        .starts_with("- id:")
                        .then(|| l.len() - l.trim_start().len())
                })
                .unwrap_or(2);
            let p = " ".repeat(ind);
            text.push_str(&format!(
                "{p}- id: fz-fan-0\n{p}  type: multiple\n{p}  prompt: p\n{p}  options: &fzo\n"
            ));
            for i in 0..m {
                text.push_str(&format!(
                    "{p}    - {{text: option {i}, correct: {}, feedback: f}}\n",
                    i == 0
                ));
            }
            for i in 1..n {
                text.push_str(&format!(
                    "{p}- {{id: fz-fan-{i}, type: multiple, prompt: p, options: *fzo}}\n"
                ));
            }
            *data = text.into_bytes();
            format!(
                "{n} questions share one list of {m} options by alias ({} options)",
                n * m
            )
        }
        Group::Glossary => {
            let len = rng.log_range(10, 100_000);
            text.push_str(&format!(
                "- {{id: fz-0, term: Fz 0, category: Fz, definition: &fzd \"{}\"}}\n",
                "word ".repeat(len / 5 + 1)
            ));
            for i in 1..n {
                text.push_str(&format!(
                    "- {{id: fz-{i}, term: Fz {i}, category: Fz, definition: *fzd}}\n"
                ));
            }
            *data = text.into_bytes();
            format!("{n} terms share one definition of {len} bytes by alias")
        }
        Group::Site => {
            let len = rng.log_range(10, 100_000);
            let mut lines = split_lines(data);
            let keys = key_lines(&lines, (0, lines.len()));
            let Some(k) = keys
                .iter()
                .copied()
                .find(|k| key_of(&lines, *k) == "contacts")
            else {
                return yaml_mutation(data, Group::Other, rng);
            };
            let v = format!(
                "[&fzc {{label: \"{}\", value: \"1\", href: \"tel:1\"}}{}]",
                "x".repeat(len),
                ", *fzc".repeat(n - 1)
            );
            replace_value(&mut lines, k, v.as_bytes());
            *data = join_lines(&lines);
            format!("hotline contacts: {n} aliases of one contact with a {len}-byte label")
        }
        _ => {
            let mut lines = split_lines(data);
            let region = yaml_region(&lines, g == Group::Module);
            let width = rng.range(2, 10);
            let depth = rng.range(2, 9);
            lines.insert(
                region.1.min(lines.len()),
                format!("lol: {}", bomb(width, depth)).into_bytes(),
            );
            *data = join_lines(&lines);
            format!("alias bomb ({width}^{depth}) as an extra front-matter field")
        }
    }
}

// ---------------------------------------------------------------------------------------
// Markdown
// ---------------------------------------------------------------------------------------

const LINK_TARGETS: &[&str] = &[
    "02-visible-and-invisible-chains.md#",
    "#",
    "#missing",
    "#Main",
    "#main",
    "?",
    "x.md?q=1",
    "01-what-is-human-trafficking.md?x#y",
    "%2e%2e/%2e%2e/etc/passwd",
    "%ZZ",
    "%",
    "02-visible-and-invisible-chains.md#a#b",
    "foo%00.md",
    "01-what-is-human-trafficking%2emd",
    "../quizzes/final.yaml",
    "../site.yaml",
    "glossary.yaml",
    "/etc/passwd",
    "file:///etc/passwd",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "<>",
    ".",
    "..",
    "./",
    "../../../../../../etc/passwd",
    "content/01-what-is-human-trafficking.md",
    "./01-what-is-human-trafficking.md",
    "01-WHAT-IS-HUMAN-TRAFFICKING.md",
    "mailto:",
    "https://example.com",
    "//evil.example/x",
    "\\\\server\\share",
    "C:\\x.md",
    "data:text/html,<script>alert(1)</script>",
    "tel:",
    "01-what-is-human-trafficking.md#the-core-idea-force-fraud-or-coercion",
    "03-who-is-at-risk.md#",
    "<01 what is.md>",
    "sub/../01-what-is-human-trafficking.md",
    "media/x.png",
    "x.png",
    "missing.svg",
    "../themes/default/page.html",
];

const GLOSSARY_TARGETS: &[&str] = &[
    "human-trafficking",
    "",
    "nonexistent",
    "../x",
    "HUMAN-TRAFFICKING",
    "human-trafficking#frag",
    "human-trafficking?x",
    "%68uman-trafficking",
    " human-trafficking",
    "<human trafficking>",
    "human-traffickin",
    "ĥuman-trafficking",
    "coercion\u{301}",
];

const HTML: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=\"https://evil.example/x.png\">",
    "<iframe src=\"https://evil.example\"></iframe>",
    "<link rel=stylesheet href=\"//evil.example/x.css\">",
    "<style>body{background:url(https://evil.example/x)}</style>",
    "<div>",
    "</div></div></main></body>",
    "<!-- unclosed comment",
    "<![CDATA[ x",
    "<?php echo 1; ?>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<svg onload=alert(1)>",
    "<details open><summary>x",
    "<table><tr><td>",
    "<textarea>",
    "<pre>",
    "<h1 id=\"main\">duplicate main</h1>",
    "<img src=x onerror=alert(1)>",
    "<base href=\"https://evil.example/\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
    "<object data=\"x.swf\"></object>",
    "<form action=\"https://evil.example\"><input name=p></form>",
    "<template><script>alert(1)</script></template>",
    "<plaintext>",
];

fn markdown_mutation(data: &mut Vec<u8>, rng: &mut Rng) -> String {
    let mut lines = split_lines(data);
    let body = body_region(&lines);
    let (snippet, what): (String, String) = match rng.below(14) {
        0 => {
            let cols = rng.log_range(1, 100);
            let rows = rng.log_range(1, (200_000 / cols).max(1)).min(5000);
            let ragged = rng.chance(20);
            let mut t = format!("|{}|\n|{}|\n", " h |".repeat(cols), "---|".repeat(cols));
            for r in 0..rows {
                let c = if ragged { rng.range(0, cols * 2) } else { cols };
                let cell = *rng.pick(&[" x ", " [l](#missing) ", " `c` ", " **b** ", " \\| ", " "]);
                t.push_str(&format!("|{}|{r}\n", cell.repeat(c)));
            }
            (
                t,
                format!(
                    "table of {rows} rows x {cols} columns{}",
                    if ragged { " (ragged)" } else { "" }
                ),
            )
        }
        1 => {
            let d = rng.log_range(2, 50_000);
            let unit = *rng.pick(&["- ", "> ", "1. ", "* > ", "> - ", "- [ ] ", "+ 1) "]);
            (
                format!("{}deep", unit.repeat(d)),
                format!("`{unit}` nested {d} deep"),
            )
        }
        2 => {
            let d = rng.log_range(2, 300);
            let t: String = (0..d)
                .map(|i| format!("{}- level {i}\n", "  ".repeat(i)))
                .collect();
            (t, format!("indented list nested {d} deep"))
        }
        3 => {
            let h = *rng.pick(HTML);
            (h.to_string(), format!("raw HTML `{h}`"))
        }
        4 => {
            let t = *rng.pick(GLOSSARY_TARGETS);
            (
                format!("[term](glossary:{t})"),
                format!("glossary link to `{t}`"),
            )
        }
        5 => {
            let t = *rng.pick(LINK_TARGETS);
            let form = rng.below(5);
            let s = match form {
                0 => format!("[link]({t})"),
                1 => format!("![image]({t})"),
                2 => format!("![]({t})"),
                3 => format!("[ref link][fzref]\n\n[fzref]: {t}"),
                _ => format!("<{t}>"),
            };
            (s.clone(), format!("`{s}`"))
        }
        6 => {
            let h = *rng.pick(&[
                "# {#id}",
                "## x {#a\"onmouseover=\"alert(1)}",
                "## x {#main}",
                "## x {#toc}",
                "## x {.class #id key=val}",
                "## {#}",
                "## The core idea: force, fraud or coercion",
                "## !!!",
                "## 😀",
                "###### deep",
                "####### seven",
                "Setext\n======",
                "#",
                "## x {#x} {#y}",
                "## <script>alert(1)</script>",
                "## İİİ KKK ﬃ",
            ]);
            let h = if rng.chance(10) {
                format!("## {}", "long heading ".repeat(rng.log_range(10, 10_000)))
            } else {
                h.to_string()
            };
            (h.clone(), format!("heading `{}`", trunc(&h)))
        }
        7 => {
            let c = *rng.pick(&[
                "> [!NOTE]\n> note",
                "> [!WARNING] Title\n> text",
                "> [!BOGUS]\n> x",
                "> [!note]\n> x",
                "> [!CONTENT-NOTE]\n> x",
                "> [!",
                "> > [!TIP]\n> > nested",
                "> [!TIP]",
                "> [!NOTE] [link](#missing)",
                "> [!IMPORTANT]\n> - list\n>   > quote",
            ]);
            (
                c.to_string(),
                format!("callout `{}`", c.replace('\n', "\\n")),
            )
        }
        8 => {
            let c = *rng.pick(&[
                "```",
                "~~~~ rust {#x}\ncode",
                "```\nunclosed",
                "    indented code",
                "```` `` ```",
                "```html\n<script>alert(1)</script>\n```",
            ]);
            (c.to_string(), format!("code `{}`", c.replace('\n', "\\n")))
        }
        9 => {
            let c = *rng.pick(&[
                "[^1]",
                "[^x]: [^x]",
                "[^a]\n\n[^a]: one\n[^a]: two",
                "[^]: empty",
                "[^\u{202E}]: rtl",
            ]);
            let n = if rng.chance(20) {
                rng.log_range(10, 5000)
            } else {
                1
            };
            let s: String = (0..n)
                .map(|i| {
                    if n > 1 {
                        format!("x[^n{i}]\n\n[^n{i}]: note {i}\n")
                    } else {
                        c.to_string()
                    }
                })
                .collect();
            (
                s,
                if n > 1 {
                    format!("{n} footnotes")
                } else {
                    format!("footnote `{}`", c.replace('\n', "\\n"))
                },
            )
        }
        10 => {
            let e = *rng.pick(&[
                "&#0;",
                "&#x110000;",
                "&#xD800;",
                "&bogus;",
                "&amp;amp;",
                "&#99999999999;",
                "&NotANamedEntityAtAll;",
            ]);
            (e.to_string(), format!("entity `{e}`"))
        }
        11 => {
            let unit = *rng.pick(&[
                "*", "_a*", "[", "![", "](", "**_", "<", "`", "~", "\\", "[x]", "*a **b", "<a ",
            ]);
            let n = rng.log_range(10, 50_000);
            (unit.repeat(n), format!("`{unit}` x {n}"))
        }
        12 => {
            // Front-matter fences.
            let (s, e) = yaml_region(&lines, true);
            let form = rng.below(5);
            let what = match (s, form) {
                (0, _) => {
                    lines.insert(0, b"---".to_vec());
                    "an opening `---` without a closing one".to_string()
                }
                (_, 0) => {
                    lines.remove(e);
                    "closing `---` removed".to_string()
                }
                (_, 1) => {
                    lines[0] = b"+++".to_vec();
                    "opening `---` replaced by `+++`".to_string()
                }
                (_, 2) => {
                    lines[e] = b" ---".to_vec();
                    "closing fence indented".to_string()
                }
                (_, 3) => {
                    lines.insert(e + 1, b"---".to_vec());
                    "a second closing `---`".to_string()
                }
                _ => {
                    lines.insert(0, Vec::new());
                    "blank line before the front matter".to_string()
                }
            };
            *data = join_lines(&lines);
            return what;
        }
        _ => {
            let t = *rng.pick(&[
                "- [x] done",
                "- [ ] todo",
                "~~strike~~",
                "a  \nhard break",
                "***",
                "<https://example.com>",
                "\\",
                "| a |\n|---|",
                "- \n- ",
            ]);
            (t.to_string(), format!("`{}`", t.replace('\n', "\\n")))
        }
    };
    let p = rng.range(body.0, body.1.min(lines.len()));
    let mut new: Vec<Vec<u8>> = split_lines(snippet.as_bytes());
    if rng.chance(70) {
        // As its own block.
        new.insert(0, Vec::new());
        new.push(Vec::new());
        lines.splice(p..p, new);
        *data = join_lines(&lines);
        format!("{} at line {}", trunc(&what), p + 1)
    } else {
        // Inside an existing paragraph or line.
        let q = p.min(lines.len() - 1);
        let pos = rng.below(lines[q].len() + 1);
        let mut pos = pos;
        while pos < lines[q].len() && (lines[q][pos] & 0xC0) == 0x80 {
            pos += 1;
        }
        lines[q].splice(pos..pos, join_lines(&new));
        *data = join_lines(&lines);
        format!("{} inside line {}", trunc(&what), q + 1)
    }
}

// ---------------------------------------------------------------------------------------
// Duplicate ids
// ---------------------------------------------------------------------------------------

fn duplicate_ids(root: &Path, files: &[PathBuf], rng: &mut Rng) -> String {
    let Some(f) = pick_file(files, rng, [5, 25, 35, 35, 0]) else {
        return file_op(root, files, rng);
    };
    let g = group(&f);
    let copy_to = |name: String| -> String {
        let dest = f.with_file_name(&name);
        fs::copy(root.join(&f), root.join(&dest)).ok();
        format!("{} copied to {}", f.display(), dest.display())
    };
    match (g, rng.below(2)) {
        (Group::Module, 0) => {
            let name = f.file_name().unwrap().to_string_lossy().into_owned();
            let stem = name.trim_start_matches(|c: char| c.is_ascii_digit() || c == '-');
            let new = match rng.below(4) {
                0 => stem.to_string(),
                1 => format!("99-{stem}"),
                2 => format!("00_{}", stem.to_uppercase().replace(".MD", ".md")),
                _ => format!("{}.markdown", name.trim_end_matches(".md")),
            };
            copy_to(new)
        }
        (Group::Quiz, 0) => {
            let name = f.file_name().unwrap().to_string_lossy().into_owned();
            let new = match rng.below(3) {
                0 => name.replace(".yaml", ".yml"),
                1 => name.to_uppercase().replace(".YAML", ".yaml"),
                _ => format!("copy-of-{name}"),
            };
            copy_to(new)
        }
        (Group::Module, _) => {
            // Two modules share a quiz, or an order.
            let others: Vec<&PathBuf> = files
                .iter()
                .filter(|x| group(x) == Group::Module && **x != f)
                .collect();
            let Some(o) = others.first().map(|_| others[rng.below(others.len())]) else {
                return copy_to("zz-copy.md".into());
            };
            let read = |p: &Path| fs::read(root.join(p)).unwrap_or_default();
            let (src, mut dst) = (split_lines(&read(o)), split_lines(&read(&f)));
            let key = *rng.pick(&["quiz", "order", "title"]);
            let find = |ls: &[Vec<u8>]| {
                key_lines(ls, yaml_region(ls, true))
                    .into_iter()
                    .find(|k| key_of(ls, *k) == key)
            };
            match (find(&src), find(&dst)) {
                (Some(a), Some(b)) => {
                    let v = value_of(&src, a);
                    set_value(&mut dst, b, &v);
                    fs::write(root.join(&f), join_lines(&dst)).ok();
                    format!("{}: `{key}` set to that of {}", f.display(), o.display())
                }
                _ => copy_to("zz-copy.md".into()),
            }
        }
        _ => {
            // Repeat one id (or term) value on another entry.
            let mut lines = split_lines(&fs::read(root.join(&f)).unwrap_or_default());
            let region = yaml_region(&lines, g == Group::Module);
            let key = if g == Group::Glossary && rng.chance(40) {
                "term"
            } else {
                "id"
            };
            let ids: Vec<KeyLine> = key_lines(&lines, region)
                .into_iter()
                .filter(|k| key_of(&lines, *k) == key)
                .collect();
            if ids.len() < 2 {
                let what = file_op(root, files, rng);
                return format!("(no two `{key}`s in {}) {what}", f.display());
            }
            let (a, b) = (*rng.pick(&ids), *rng.pick(&ids));
            let v = value_of(&lines, a);
            set_value(&mut lines, b, &v);
            fs::write(root.join(&f), join_lines(&lines)).ok();
            format!(
                "{}: `{key}` on line {} set to `{}` (as on line {})",
                f.display(),
                b.idx + 1,
                String::from_utf8_lossy(&v),
                a.idx + 1
            )
        }
    }
}

// ---------------------------------------------------------------------------------------
// Files
// ---------------------------------------------------------------------------------------

fn weird_name(rng: &mut Rng, ext: &str) -> std::ffi::OsString {
    let names = [
        format!("01 what is#frag.{ext}"),
        format!("02-why?.{ext}"),
        format!("03-100%.{ext}"),
        format!("04-%2e%2e.{ext}"),
        format!("05 spaced name.{ext}"),
        format!("06-é-ü.{ext}"),
        format!("07-\u{202E}dm.evil.{ext}"),
        format!("08-UPPER.{}", ext.to_uppercase()),
        "09-x.markdown".to_string(),
        "10-noext".to_string(),
        format!(".hidden.{ext}"),
        format!("-.{ext}"),
        format!(".{ext}"),
        format!("..{ext}"),
        format!("11-a\nb.{ext}"),
        format!("{}.{ext}", "x".repeat(240)),
        format!("12-trailing-dot..{ext}"),
        format!("13-<script>.{ext}"),
        format!("14-a&b'\".{ext}"),
        format!("16-back\\slash.{ext}"),
        format!("index.{ext}"),
        format!("00-search.{ext}"),
        format!("glossary.{ext}"),
        format!("final.{ext}"),
        format!("404.{ext}"),
        format!("17-İstanbul.{ext}"),
        format!("18-\u{212A}elvin.{ext}"),
        format!("19-\u{301}.{ext}"),
        format!("--.{ext}"),
        format!("20-{}.{ext}", "日本語"),
    ];
    #[cfg(unix)]
    if rng.chance(5) {
        use std::os::unix::ffi::OsStringExt;
        return std::ffi::OsString::from_vec([b"21-\xff\xfe.".as_slice(), ext.as_bytes()].concat());
    }
    rng.pick(&names).into()
}

fn file_op(root: &Path, files: &[PathBuf], rng: &mut Rng) -> String {
    let Some(f) = pick_file(files, rng, [8, 12, 40, 35, 5]) else {
        unreachable!()
    };
    let path = root.join(&f);
    let ext = f
        .extension()
        .map(|e| e.to_string_lossy().into_owned())
        .unwrap_or_default();
    match rng.below(9) {
        0 | 1 => {
            if rng.chance(10) {
                let dir = *rng.pick(&["content", "quizzes"]);
                fs::remove_dir_all(root.join(dir)).ok();
                return format!("folder {dir}/ deleted");
            }
            fs::remove_file(&path).ok();
            format!("{} deleted", f.display())
        }
        2 | 3 => {
            let name = weird_name(rng, &ext);
            let dest = match rng.below(6) {
                0 => root
                    .join(if f.starts_with("content") {
                        "quizzes"
                    } else {
                        "content"
                    })
                    .join(&name),
                1 => {
                    fs::create_dir_all(path.with_file_name("sub")).ok();
                    path.with_file_name("sub").join(&name)
                }
                _ => path.with_file_name(&name),
            };
            fs::rename(&path, &dest).ok();
            format!(
                "{} renamed to {:?}",
                f.display(),
                dest.strip_prefix(root).unwrap_or(&dest)
            )
        }
        4 => {
            fs::remove_file(&path).ok();
            fs::create_dir_all(path.join("inner")).ok();
            fs::write(path.join("inner").join("x.md"), "---\ntitle: x\n---\n").ok();
            format!("{} replaced by a folder", f.display())
        }
        #[cfg(unix)]
        5 | 6 => {
            let targets = [
                "/etc/passwd",
                "self",
                "dangling",
                "..",
                "/dev/zero",
                "sibling",
                "/proc/self/mem",
            ];
            let t = *rng.pick(&targets);
            let target: PathBuf = match t {
                "self" => f.file_name().unwrap().into(),
                "dangling" => "no-such-file".into(),
                "sibling" => {
                    let sib: Vec<&PathBuf> = files
                        .iter()
                        .filter(|x| x.parent() == f.parent() && **x != f)
                        .collect();
                    match sib.first() {
                        Some(_) => sib[rng.below(sib.len())].file_name().unwrap().into(),
                        None => "no-such-file".into(),
                    }
                }
                other => other.into(),
            };
            if rng.chance(50) {
                fs::remove_file(&path).ok();
                std::os::unix::fs::symlink(&target, &path).ok();
                format!(
                    "{} replaced by a symlink to {}",
                    f.display(),
                    target.display()
                )
            } else {
                let link = path.with_file_name(format!("50-link.{ext}"));
                std::os::unix::fs::symlink(&target, &link).ok();
                format!(
                    "symlink {:?} to {} added",
                    link.strip_prefix(root).unwrap_or(&link),
                    target.display()
                )
            }
        }
        #[cfg(unix)]
        7 => {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).ok();
            format!(
                "{} made unreadable (mode 000; no effect as root)",
                f.display()
            )
        }
        _ => {
            let extras: &[(&str, &[u8])] = &[
                ("content/notes.txt", b"notes"),
                (
                    "content/sub/03-nested.md",
                    b"---\ntitle: Nested\n---\nbody\n",
                ),
                ("content/.hidden.md", b"---\ntitle: Hidden\n---\n"),
                ("content/00-empty.md", b""),
                ("quizzes/empty.yaml", b""),
                ("quizzes/x.yml", b"title: x\nquestions: []\n"),
                (
                    "content/99-only-front.md",
                    b"---\ntitle: Only front matter\n---",
                ),
                ("content/98-no-title.md", b"---\n---\nbody\n"),
                ("quizzes/null.yaml", b"~\n"),
                ("content/97-nul.md", b"---\ntitle: a\0b\n---\n\0\n"),
                ("site.yml", b"title: other\n"),
                ("themes/evil/page.html", b"{{ config }}"),
                ("content/images/x.png", b"\x89PNG\r\n\x1a\n"),
            ];
            let (rel, bytes) = *rng.pick(extras);
            let p = root.join(rel);
            fs::create_dir_all(p.parent().unwrap()).ok();
            fs::write(&p, bytes).ok();
            format!("extra file {rel} ({} bytes)", bytes.len())
        }
    }
}
