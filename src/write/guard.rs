//! Which output folders aware may replace: never the course itself, a folder inside its
//! sources, or a folder of someone else's files.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

/// File that marks a folder as aware's output, so it may be replaced.
pub const MARKER: &str = ".aware-site";

/// Refuses output folders whose replacement would destroy the course or other files.
pub(crate) fn check_output_dir(course_root: &Path, out: &Path) -> Result<()> {
    let root = course_root
        .canonicalize()
        .with_context(|| format!("cannot open course folder {}", course_root.display()))?;
    let out_abs = absolute(out)?;
    if root.starts_with(&out_abs) {
        bail!("the output folder {} contains the course itself; choose another with -o (the default is DIR/public)", out.display());
    }
    for sub in ["content", "quizzes", "themes"] {
        if out_abs.starts_with(root.join(sub)) {
            bail!(
                "the output folder {} is inside the course's {sub}/ folder; choose another with -o",
                out.display()
            );
        }
    }
    if out_abs.is_file() {
        bail!("the output path {} is a file, not a folder", out.display());
    }
    if out_abs.is_dir()
        && !out_abs.join(MARKER).exists()
        && fs::read_dir(&out_abs)?.next().is_some()
    {
        bail!(
            "the output folder {} is not empty and was not made by aware; refusing to replace it. Choose an empty or new folder with -o, or delete it first",
            out.display()
        );
    }
    Ok(())
}

/// An absolute path for `p` even when it does not exist yet.
pub(crate) fn absolute(p: &Path) -> Result<PathBuf> {
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir()?.join(p)
    };
    let mut parts = Vec::new();
    let mut cur = abs.as_path();
    // Canonicalise the longest existing prefix, then re-append the rest.
    loop {
        if let Ok(c) = cur.canonicalize() {
            let mut r = c;
            for part in parts.iter().rev() {
                r.push(part);
            }
            return Ok(r);
        }
        match (cur.parent(), cur.file_name()) {
            (Some(parent), Some(name)) => {
                parts.push(name.to_os_string());
                cur = parent;
            }
            _ => return Ok(abs),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_to_replace_a_foreign_folder() {
        let t = tempfile::tempdir().unwrap();
        let course = t.path().join("course");
        fs::create_dir_all(course.join("content")).unwrap();
        let other = t.path().join("docs");
        fs::create_dir_all(&other).unwrap();
        fs::write(other.join("thesis.txt"), "precious").unwrap();
        assert!(check_output_dir(&course, &other).is_err());
        assert!(
            check_output_dir(&course, t.path()).is_err(),
            "an ancestor of the course"
        );
        assert!(check_output_dir(&course, &course.join("content/out")).is_err());
        assert!(check_output_dir(&course, &course.join("public")).is_ok());
    }
}
