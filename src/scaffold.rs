//! `aware new`: writes a working course from the files embedded in this binary, so a
//! user who installed only the binary can start at once.
//!
//! The new course is the default course's core path (its required modules, their
//! quizzes, the final assessment's pool and the glossary; `--full` adds the optional
//! modules) with the scaffold's own `site.yaml` and pages from `src/new_course/`, whose
//! fill-in placeholders (`[[replace: …]]`) mark what an organisation must write itself.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use include_dir::{include_dir, Dir};

use crate::diagnostic::Diagnostics;
use crate::load::module::parse_module;

static CONTENT: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/content");
static QUIZZES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/quizzes");
static NEW_COURSE: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/src/new_course");
const GITIGNORE: &str = "# aware's output\n/public/\n";

/// What to put in a new course.
#[derive(Debug, Clone, Copy, Default)]
pub struct NewCourse {
    /// Also copy the default theme's templates and CSS, ready to edit.
    pub with_theme: bool,
    /// Also copy the optional ("go deeper") modules and their quizzes.
    pub full: bool,
}

/// Creates a new course in `dir` (which must be missing or empty). Returns the files
/// written, relative to `dir`.
pub fn new_course(dir: &Path, what: NewCourse) -> Result<Vec<PathBuf>> {
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
    write(".gitignore".into(), GITIGNORE.as_bytes())?;
    for (rel, bytes) in files(&NEW_COURSE) {
        write(rel, bytes)?;
    }
    let mut quizzes = vec!["final".to_string()];
    for (rel, bytes) in files(&CONTENT) {
        if rel.starts_with("pages") {
            continue; // the scaffold's own pages, with placeholders, are in src/new_course
        }
        if rel.extension().is_some_and(|e| e == "md") {
            match module_quiz(&rel, bytes) {
                Some((required, quiz)) if required || what.full => quizzes.extend(quiz),
                _ => continue,
            }
        }
        write(Path::new("content").join(rel), bytes)?;
    }
    for (rel, bytes) in files(&QUIZZES) {
        let id = rel.file_stem().map(|s| s.to_string_lossy().into_owned());
        if id.is_some_and(|id| quizzes.contains(&id)) {
            write(Path::new("quizzes").join(rel), bytes)?;
        }
    }
    if what.with_theme {
        for (rel, bytes) in files(&crate::load::theme::DEFAULT_THEME) {
            write(Path::new("themes/default").join(rel), bytes)?;
        }
    }
    Ok(written)
}

/// Whether an embedded module is required, and its quiz.
fn module_quiz(rel: &Path, bytes: &[u8]) -> Option<(bool, Option<String>)> {
    let text = std::str::from_utf8(bytes).ok()?.to_string();
    let m = parse_module(
        &Path::new("content").join(rel),
        text,
        &mut Diagnostics::new(),
    )?;
    Some((m.required, m.quiz))
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
