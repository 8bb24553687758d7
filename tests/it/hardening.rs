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
    let out = Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--locked", "--offline"])
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
