//! `aware new`: writes a working course from the files embedded in this binary, so a
//! user who installed only the binary can start at once.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use include_dir::{include_dir, Dir};

static CONTENT: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/content");
static QUIZZES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/quizzes");
const SITE_YAML: &str = include_str!("../site.yaml");
const GITIGNORE: &str = "# aware's output\n/public/\n";

/// Creates a new course in `dir` (which must be missing or empty). With `with_theme`,
/// the default theme's files are copied too, ready to edit. Returns the files written.
pub fn new_course(dir: &Path, with_theme: bool) -> Result<Vec<PathBuf>> {
    if dir.is_file() {
        bail!(
            "{} is a file; give a folder name for the new course",
            dir.display()
        );
    }
    if dir.is_dir() && fs::read_dir(dir)?.next().is_some() {
        bail!(
            "{} is not empty; refusing to overwrite anything. Choose a new folder name",
            dir.display()
        );
    }
    let mut written = Vec::new();
    let mut write = |rel: PathBuf, bytes: &[u8]| -> Result<()> {
        let path = dir.join(&rel);
        if let Some(p) = path.parent() {
            fs::create_dir_all(p).with_context(|| format!("cannot create {}", p.display()))?;
        }
        fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
        written.push(rel);
        Ok(())
    };
    write("site.yaml".into(), SITE_YAML.as_bytes())?;
    write(".gitignore".into(), GITIGNORE.as_bytes())?;
    for (prefix, tree) in [("content", &CONTENT), ("quizzes", &QUIZZES)] {
        for (rel, bytes) in files(tree) {
            write(Path::new(prefix).join(rel), bytes)?;
        }
    }
    if with_theme {
        for (rel, bytes) in files(&crate::load::theme::DEFAULT_THEME) {
            write(Path::new("themes/default").join(rel), bytes)?;
        }
    }
    Ok(written)
}

fn files(dir: &'static Dir<'static>) -> Vec<(PathBuf, &'static [u8])> {
    let mut out: Vec<(PathBuf, &'static [u8])> = dir
        .files()
        .map(|f| (f.path().to_path_buf(), f.contents()))
        .collect();
    for d in dir.dirs() {
        out.extend(files(d));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}
