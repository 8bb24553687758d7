//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root (the default course).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture folder under tests/fixtures.
pub fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures").join(name)
}

/// Copies a folder tree.
pub fn copy_tree(from: &Path, to: &Path) {
    for e in walkdir(from) {
        let rel = e.strip_prefix(from).unwrap();
        let dest = to.join(rel);
        fs::create_dir_all(dest.parent().unwrap()).unwrap();
        fs::copy(&e, &dest).unwrap();
    }
}

/// All files under a folder, sorted.
pub fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Every file under `dir` with its bytes, by relative path.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir(dir)
        .into_iter()
        .map(|p| {
            (
                p.strip_prefix(dir).unwrap().to_path_buf(),
                fs::read(&p).unwrap(),
            )
        })
        .collect()
}

/// Runs the aware binary.
pub fn aware(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_aware"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .output()
        .expect("run aware")
}

/// A copy of the good fixture with `overlay`'s files on top, in a temp dir.
pub fn course_with_overlay(overlay: Option<&Path>) -> tempfile::TempDir {
    let t = tempfile::tempdir().unwrap();
    copy_tree(&fixture("good"), t.path());
    if let Some(o) = overlay {
        for f in walkdir(o) {
            let rel = f.strip_prefix(o).unwrap();
            if rel == Path::new("expect") {
                continue;
            }
            let dest = t.path().join(rel);
            fs::create_dir_all(dest.parent().unwrap()).unwrap();
            fs::copy(&f, dest).unwrap();
        }
    }
    t
}
