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

/// Refuses a package path whose replacement would destroy something: a name that does
/// not end in `.zip`, a folder, a place inside the course's sources or inside a site aware
/// built (its next build would delete the zip), or an existing file that is not a zip.
pub(crate) fn check_package_path(course_root: &Path, out: &Path) -> Result<()> {
    if !out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("zip"))
    {
        bail!(
            "{} does not end in .zip; give the package a file name ending in .zip with -o",
            out.display()
        );
    }
    if out.is_dir() {
        bail!(
            "{} is a folder; give the package a file name ending in .zip",
            out.display()
        );
    }
    let root = course_root
        .canonicalize()
        .with_context(|| format!("cannot open course folder {}", course_root.display()))?;
    let out_abs = absolute(out)?;
    for sub in ["content", "quizzes", "themes"] {
        if out_abs.starts_with(root.join(sub)) {
            bail!(
                "{} is inside the course's {sub}/ folder; choose another place with -o",
                out.display()
            );
        }
    }
    if let Some(site) = out_abs
        .ancestors()
        .skip(1)
        .find(|a| a.join(MARKER).exists())
    {
        bail!(
            "{} is inside {}, a site built by aware, which its next build replaces; choose another place with -o",
            out.display(),
            site.display()
        );
    }
    if out_abs.exists() {
        let mut head = [0u8; 4];
        let is_zip = fs::File::open(&out_abs)
            .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head))
            .is_ok()
            && (head == *b"PK\x03\x04" || head == *b"PK\x05\x06");
        if !is_zip {
            bail!(
                "{} exists and is not a zip; refusing to replace it. Choose another name with -o, or delete it first",
                out.display()
            );
        }
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
            return resolve_tail(r);
        }
        match (cur.parent(), cur.components().next_back()) {
            (Some(parent), Some(last)) => {
                parts.push(last.as_os_str().to_os_string());
                cur = parent;
            }
            _ => return Ok(abs),
        }
    }
}

/// `..` and `.` in the part of `p` that does not exist yet: the folders there will be
/// created as plain folders (no links), so they resolve by name, and a `..` may lead back
/// into folders that exist (`missing/../content` is `content`), so the result is resolved
/// again.
fn resolve_tail(p: PathBuf) -> Result<PathBuf> {
    use std::path::Component;
    if !p
        .components()
        .any(|c| matches!(c, Component::ParentDir | Component::CurDir))
    {
        return Ok(p);
    }
    let mut r = PathBuf::new();
    for c in p.components() {
        match c {
            Component::ParentDir => {
                r.pop();
            }
            Component::CurDir => {}
            other => r.push(other),
        }
    }
    absolute(&r)
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
        // A `..` after a folder that does not exist yet resolves back to what exists.
        for sneaky in [
            "missing/../content",
            "missing/../../docs",
            "a/b/../../../course",
        ] {
            assert!(
                check_output_dir(&course, &course.join(sneaky)).is_err(),
                "{sneaky}"
            );
        }
        assert!(check_output_dir(&course, &course.join("missing/../public")).is_ok());
    }

    #[test]
    fn refuses_package_paths_that_would_destroy_files() {
        let t = tempfile::tempdir().unwrap();
        let course = t.path().join("course");
        fs::create_dir_all(course.join("content")).unwrap();
        fs::create_dir_all(course.join("public")).unwrap();
        fs::write(course.join("public").join(MARKER), "").unwrap();
        fs::write(course.join("site.yaml"), "title: T\n").unwrap();
        fs::write(course.join("notes.zip"), "not a zip").unwrap();
        fs::write(course.join("old.zip"), b"PK\x05\x06\0\0\0\0").unwrap();
        let refused = |p: &str| check_package_path(&course, &course.join(p)).is_err();
        assert!(refused("site.yaml"), "a name without .zip");
        assert!(refused("content/x.zip"), "inside the sources");
        assert!(refused("public/x.zip"), "inside a built site");
        assert!(refused("notes.zip"), "an existing file that is not a zip");
        assert!(refused("content"), "a folder");
        assert!(!refused("old.zip"), "a previous zip is replaced");
        assert!(!refused("course-1.0.0-scorm12.ZIP"));
    }
}
