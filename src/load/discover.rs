//! Finding a course's files.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

/// Files under `root/dir` with one of `exts`, relative to `root`, sorted; hidden files and
/// folders are skipped, and so are symbolic links.
pub(crate) fn files(root: &Path, dir: &str, exts: &[&str]) -> Vec<PathBuf> {
    let base = root.join(dir);
    if !base.is_dir() {
        return Vec::new();
    }
    let mut files: Vec<PathBuf> = WalkDir::new(&base)
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| {
            e.path()
                .extension()
                .and_then(|x| x.to_str())
                .is_some_and(|x| exts.contains(&x))
        })
        .filter_map(|e| e.path().strip_prefix(root).ok().map(Path::to_path_buf))
        .collect();
    files.sort();
    files
}
