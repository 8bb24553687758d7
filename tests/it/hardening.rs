//! Hardening: atomic output under concurrent and interrupted builds, inputs confined to
//! the course, bounded work on hostile input, and `aware serve` on a shared machine.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::common::*;

/// Every file of a built site, without aware's marker.
fn site(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut s = snapshot(dir);
    s.remove(Path::new(aware::OUTPUT_MARKER));
    s
}

fn aware_cmd(args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_aware"));
    c.args(args).env("NO_COLOR", "1");
    c
}

/// Two copies of the good fixture whose sites differ (the second has another title).
fn two_courses() -> (tempfile::TempDir, tempfile::TempDir) {
    let a = course_with_overlay(None);
    let b = course_with_overlay(None);
    let site = b.path().join("site.yaml");
    let text = fs::read_to_string(&site)
        .unwrap()
        .replace("title: Fixture Course", "title: Second Course");
    fs::write(site, text).unwrap();
    (a, b)
}

fn leftovers(parent: &Path) -> Vec<String> {
    fs::read_dir(parent)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("aware-staging") || n.contains("aware-old"))
        .collect()
}

#[test]
fn concurrent_builds_to_one_folder_publish_one_complete_site() {
    let (a, b) = two_courses();
    let t = tempfile::tempdir().unwrap();
    let reference = |c: &Path, name: &str| {
        let out = t.path().join(name);
        assert!(aware(
            &[
                "build",
                &c.to_string_lossy(),
                "-o",
                &out.to_string_lossy(),
                "-q"
            ],
            c
        )
        .status
        .success());
        site(&out)
    };
    let (ra, rb) = (reference(a.path(), "ref-a"), reference(b.path(), "ref-b"));
    assert_ne!(ra, rb);
    let out = t.path().join("public");
    for round in 0..4 {
        let spawn = |c: &Path| {
            aware_cmd(&[
                "build",
                &c.to_string_lossy(),
                "-o",
                &out.to_string_lossy(),
                "-q",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
        };
        let (pa, pb) = (spawn(a.path()), spawn(b.path()));
        let (oa, ob) = (
            pa.wait_with_output().unwrap(),
            pb.wait_with_output().unwrap(),
        );
        assert!(
            oa.status.success() && ob.status.success(),
            "round {round}: {} / {}",
            String::from_utf8_lossy(&oa.stderr),
            String::from_utf8_lossy(&ob.stderr)
        );
        let got = site(&out);
        assert!(
            got == ra || got == rb,
            "round {round}: the site is exactly one course's build"
        );
        assert_eq!(
            leftovers(t.path()),
            Vec::<String>::new(),
            "round {round}: nothing left beside it"
        );
    }
}

#[test]
fn a_build_killed_between_the_two_renames_is_repaired_by_the_next_one() {
    let (a, b) = two_courses();
    let t = tempfile::tempdir().unwrap();
    let out = t.path().join("public");
    let o = out.to_string_lossy().into_owned();
    assert!(aware(
        &["build", &a.path().to_string_lossy(), "-o", &o, "-q"],
        a.path()
    )
    .status
    .success());
    let before = site(&out);
    // Force the two-rename swap and die between its renames.
    let crashed = aware_cmd(&["build", &b.path().to_string_lossy(), "-o", &o, "-q"])
        .env("AWARE_TEST_NO_EXCHANGE", "1")
        .env("AWARE_TEST_CRASH_BETWEEN_RENAMES", "1")
        .output()
        .unwrap();
    assert_eq!(crashed.status.code(), Some(137));
    assert!(
        !out.exists() && t.path().join(".public.aware-old").is_dir(),
        "the crash left the site aside"
    );
    // A build that fails puts it back first, so "unchanged" is true.
    let broken = course_with_overlay(Some(&fixture("bad/missing-quiz")));
    let failed = aware(
        &["build", &broken.path().to_string_lossy(), "-o", &o],
        broken.path(),
    );
    assert_eq!(failed.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&failed.stderr).contains("is unchanged"));
    assert_eq!(
        site(&out),
        before,
        "the previous site is back, byte for byte"
    );
    assert_eq!(leftovers(t.path()), Vec::<String>::new());
    // And the next good build replaces it as usual.
    assert!(aware(
        &["build", &b.path().to_string_lossy(), "-o", &o, "-q"],
        b.path()
    )
    .status
    .success());
    assert_ne!(site(&out), before);
}

#[test]
fn rust_version_covers_every_locked_dependency() {
    // Only the crates this platform builds: `cargo test` downloads no others, so on a
    // fresh machine the Windows-only ones are not there to read offline.
    let rustc = Command::new("rustc")
        .arg("-vV")
        .output()
        .expect("rustc runs");
    let host = String::from_utf8_lossy(&rustc.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("host: ").map(str::to_string))
        .expect("rustc -vV names the host");
    let out = Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--locked", "--offline"])
        .args(["--filter-platform", &host])
        .current_dir(repo())
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let parse = |v: &str| -> (u32, u32) {
        let mut p = v.split('.').map(|x| x.parse::<u32>().unwrap_or(0));
        (p.next().unwrap_or(0), p.next().unwrap_or(0))
    };
    let mut ours = (0, 0);
    let mut needed = ((0, 0), String::new());
    for p in meta["packages"].as_array().unwrap() {
        let Some(v) = p["rust_version"].as_str() else {
            continue;
        };
        if p["name"] == "aware" {
            ours = parse(v);
        } else if parse(v) > needed.0 {
            needed = (parse(v), format!("{} {}", p["name"], p["version"]));
        }
    }
    assert!(
        ours >= needed.0,
        "Cargo.toml says rust-version {ours:?} but {} needs {:?}",
        needed.1,
        needed.0
    );
}

/// `aware check` on a copy of the good fixture changed by `edit`: (code, file, line) of
/// each diagnostic, in order.
fn check_after(edit: impl FnOnce(&Path)) -> Vec<(String, String, usize)> {
    let course = course_with_overlay(None);
    edit(course.path());
    let (_, diags) = aware::check_course(course.path());
    diags
        .sorted()
        .iter()
        .map(|d| {
            (
                d.code.to_string(),
                d.file.to_string_lossy().replace('\\', "/"),
                d.line,
            )
        })
        .collect()
}

fn append(path: &Path, text: &str) {
    let mut s = fs::read_to_string(path).unwrap();
    s.push_str(text);
    fs::write(path, s).unwrap();
}

#[test]
fn a_theme_is_a_name_not_a_path() {
    for theme in ["../../elsewhere", "/etc", "My Theme"] {
        let got = check_after(|c| append(&c.join("site.yaml"), &format!("theme: \"{theme}\"\n")));
        assert!(
            got.iter()
                .any(|(code, file, line)| code == "bad-theme" && file == "site.yaml" && *line > 0),
            "{theme}: {got:?}"
        );
    }
}

#[cfg(unix)]
#[test]
fn links_out_of_the_course_are_refused_or_skipped() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("secret.png"), b"secret").unwrap();
    fs::write(
        outside.path().join("99-linked.md"),
        "---\ntitle: Linked\n---\nText\n",
    )
    .unwrap();
    let got = check_after(|c| {
        symlink(outside.path().join("secret.png"), c.join("logo.png")).unwrap();
        append(&c.join("site.yaml"), "logo: logo.png\n");
        symlink(
            outside.path().join("99-linked.md"),
            c.join("content/99-linked.md"),
        )
        .unwrap();
        fs::create_dir_all(c.join("themes/default/static")).unwrap();
        symlink(outside.path(), c.join("themes/default/static/outside")).unwrap();
    });
    let has = |code: &str, file: &str| got.iter().any(|(c, f, _)| c == code && f.starts_with(file));
    assert!(has("path-escapes-course", "site.yaml"), "the logo: {got:?}");
    assert!(
        has("symlink-outside", "content/99-linked.md"),
        "the module: {got:?}"
    );
    assert!(
        has("symlink-outside", "themes/default/static/outside"),
        "the theme file: {got:?}"
    );
}

#[test]
fn raw_html_cannot_load_from_another_host_or_run_scripts() {
    let got = check_after(|c| {
        append(&c.join("content/02-next.md"), "\n<img src=\"https://tracker.example/p.gif\" alt=\"\">\n\n<script>alert(1)</script>\n\n<p style=\"background: url(//cdn.example/x.png)\">x</p>\n\n## Title {#a\"onmouseover=\"alert(1)}\n");
    });
    let codes: Vec<&str> = got.iter().map(|(c, _, _)| c.as_str()).collect();
    for code in [
        "external-resource",
        "raw-script",
        "inline-attribute",
        "bad-heading-id",
    ] {
        assert!(codes.contains(&code), "{code}: {got:?}");
    }
}

#[test]
fn file_names_with_url_characters_are_linked_encoded() {
    let course = course_with_overlay(None);
    let name = "odd #1? 100%.png";
    fs::copy(
        course.path().join("content/images/map.png"),
        course.path().join("content/images").join(name),
    )
    .unwrap();
    append(
        &course.path().join("content/02-next.md"),
        "\n![An odd name](images/odd%20%231%3F%20100%25.png)\n",
    );
    let out = course.path().join("site");
    let (diags, report) = aware::build(course.path(), &out).unwrap();
    assert!(report.is_some(), "{}", diags.render_plain());
    assert!(out.join("media/images").join(name).is_file());
    let html = fs::read_to_string(out.join("modules/next.html")).unwrap();
    assert!(
        html.contains("src=\"../media/images/odd%20%231%3F%20100%25.png\""),
        "{html}"
    );
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let course = course_with_overlay(None);
    for f in [
        "content/01-intro.md",
        "quizzes/basics.yaml",
        "site.yaml",
        "content/glossary.yaml",
    ] {
        let p = course.path().join(f);
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend(fs::read(&p).unwrap());
        fs::write(&p, bytes).unwrap();
    }
    let out = course.path().join("site");
    let (diags, report) = aware::build(course.path(), &out).unwrap();
    assert!(
        report.is_some() && diags.is_empty(),
        "{}",
        diags.render_plain()
    );
}

#[test]
fn an_alias_bomb_is_refused_quickly_at_its_place() {
    let mut quiz = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        let p = i - 1;
        quiz.push_str(&format!(
            "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
        ));
    }
    quiz.push_str("questions: *a11\n");
    let start = std::time::Instant::now();
    let got = check_after(|c| fs::write(c.join("quizzes/next.yaml"), &quiz).unwrap());
    assert!(
        start.elapsed() < std::time::Duration::from_secs(10),
        "bounded work ({:?})",
        start.elapsed()
    );
    assert!(
        got.iter().any(|(code, file, line)| code == "yaml-too-large"
            && file == "quizzes/next.yaml"
            && *line > 1),
        "{got:?}"
    );
}

#[test]
fn diagnostics_point_at_the_right_place() {
    // A control character: its own line and column, not 1:1.
    let got = check_after(|c| {
        let p = c.join("quizzes/next.yaml");
        fs::write(
            &p,
            fs::read_to_string(&p)
                .unwrap()
                .replace("Your job", "Your \u{1}job"),
        )
        .unwrap();
    });
    assert_eq!(
        got,
        [(
            "yaml-syntax".to_string(),
            "quizzes/next.yaml".to_string(),
            4
        )]
    );
    // A broken final pool is one error, not also a "missing quiz" in site.yaml.
    let got =
        check_after(|c| fs::write(c.join("quizzes/final.yaml"), "questions: [oops\n").unwrap());
    assert!(
        got.iter().all(|(_, file, _)| file == "quizzes/final.yaml"),
        "{got:?}"
    );
    // Two modules with one page name: the duplicate is reported, links to it are not.
    let got = check_after(|c| {
        fs::write(
            c.join("content/03-next.md"),
            "---\ntitle: Again\n---\nText\n",
        )
        .unwrap();
        append(
            &c.join("content/01-intro.md"),
            "\nSee [again](03-next.md).\n",
        );
    });
    let codes: Vec<&str> = got.iter().map(|(c, _, _)| c.as_str()).collect();
    assert_eq!(codes, ["duplicate-slug"], "{got:?}");
}

#[test]
fn thousands_of_problems_are_reported_briefly() {
    let course = course_with_overlay(None);
    // 2,000 broken links on one line, and a quiz with 20,000 options without feedback.
    let links: String = (0..2000)
        .map(|i| format!("[x{i}](missing-{i}.md) "))
        .collect();
    append(
        &course.path().join("content/02-next.md"),
        &format!("\n{links}\n"),
    );
    let mut quiz = String::from("questions:\n  - id: many\n    type: single\n    prompt: Which?\n    options:\n      - text: right\n        correct: true\n");
    for i in 0..20_000 {
        quiz.push_str(&format!("      - text: wrong {i}\n"));
    }
    fs::write(course.path().join("quizzes/next.yaml"), quiz).unwrap();
    let start = std::time::Instant::now();
    let out = aware(&["check", &course.path().to_string_lossy()], course.path());
    let elapsed = start.elapsed();
    let text = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text.contains("error[broken-link]: … and 1,990 more like this in content/02-next.md"),
        "{}",
        &text[..2000.min(text.len())]
    );
    assert!(text.contains(
        "warning[option-without-feedback]: … and 19,990 more like this in quizzes/next.yaml"
    ));
    assert!(text.lines().count() < 200, "{} lines", text.lines().count());
    assert!(
        text.lines().all(|l| l.chars().count() < 200),
        "long lines are windowed"
    );
    assert!(
        text.contains("22000 errors") || text.contains("2000 errors"),
        "the summary still counts them all: {}",
        text.lines().last().unwrap_or("")
    );
    // Generous: only a quadratic blow-up (tens of seconds before) would take this long.
    assert!(elapsed < std::time::Duration::from_secs(20), "{elapsed:?}");
}

#[test]
fn what_the_fuzzer_found_stays_fixed() {
    // A column past the end of a line ending in a multi-byte character: no panic.
    let course = course_with_overlay(None);
    fs::write(
        course.path().join("site.yaml"),
        format!("title: x\n{}", "é".repeat(513)),
    )
    .unwrap();
    let (_, diags) = aware::check_course(course.path());
    assert!(diags.has_errors());
    // Deep flow nesting is refused at once, not scanned for seconds.
    let got = check_after(|c| {
        let p = c.join("quizzes/final.yaml");
        let deep = format!("title: {}x{}\n", "{a: ".repeat(40_000), "}".repeat(40_000));
        fs::write(
            &p,
            fs::read_to_string(&p)
                .unwrap()
                .replacen("title: Final\n", &deep, 1),
        )
        .unwrap();
    });
    assert!(
        got.iter()
            .any(|(c, f, l)| c == "yaml-too-deep" && f == "quizzes/final.yaml" && *l == 1),
        "{got:?}"
    );
    // A missing theme points at its line.
    let got = check_after(|c| append(&c.join("site.yaml"), "theme: nosuch\n"));
    assert!(
        got.iter()
            .any(|(c, f, l)| c == "missing-theme" && f == "site.yaml" && *l > 0),
        "{got:?}"
    );
}

#[cfg(unix)]
#[test]
fn a_glossary_linked_from_outside_is_refused_not_read() {
    let got = check_after(|c| {
        fs::remove_file(c.join("content/glossary.yaml")).unwrap();
        std::os::unix::fs::symlink("/dev/zero", c.join("content/glossary.yaml")).unwrap();
    });
    assert!(
        got.iter()
            .any(|(c, f, _)| c == "path-escapes-course" && f == "content/glossary.yaml"),
        "{got:?}"
    );
}
