//! Finding a course's files.

use std::cell::RefCell;
use std::path::{Path, PathBuf};

use walkdir::{DirEntry, WalkDir};

use crate::diagnostic::{Diagnostic, Diagnostics};

/// Files under `root/dir` with one of `exts`, relative to `root`, sorted. Hidden files and
/// folders are skipped. Symbolic links are followed when they lead to a place inside the
/// course folder; one that leads outside is skipped with a warning (the course must not
/// publish files from elsewhere on the computer).
pub(crate) fn files(
    root: &Path,
    dir: &str,
    exts: &[&str],
    diags: &mut Diagnostics,
) -> Vec<PathBuf> {
    let base = root.join(dir);
    if !base.is_dir() {
        return Vec::new();
    }
    let real_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let outside: RefCell<Vec<PathBuf>> = RefCell::new(Vec::new());
    let inside = |e: &DirEntry| -> bool {
        if !e.path_is_symlink() {
            return true;
        }
        let ok = e
            .path()
            .canonicalize()
            .is_ok_and(|p| p.starts_with(&real_root));
        if !ok {
            if let Ok(rel) = e.path().strip_prefix(root) {
                outside.borrow_mut().push(rel.to_path_buf());
            }
        }
        ok
    };
    let mut files: Vec<PathBuf> = WalkDir::new(&base)
        .follow_links(true)
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0 || (!e.file_name().to_string_lossy().starts_with('.') && inside(e))
        })
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| {
            e.path()
                .extension()
                .and_then(|x| x.to_str())
                .is_some_and(|x| exts.iter().any(|e| x.eq_ignore_ascii_case(e)))
        })
        .filter_map(|e| e.path().strip_prefix(root).ok().map(Path::to_path_buf))
        .collect();
    files.sort();
    for rel in outside.into_inner() {
        diags.push(
            Diagnostic::warning(
                "symlink-outside",
                &rel,
                "skipped: a symbolic link to a place outside the course folder",
            )
            .hint("copy the file or folder into the course instead of linking to it"),
        );
    }
    files
}
