//! What a changed path means for the site in memory.

use std::path::{Component, Path, PathBuf};

use crate::load::{CONFIG_FILE, CONTENT_DIR, GLOSSARY_FILE, QUIZZES_DIR};

/// What one changed path means for the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Change {
    /// Load the whole course again.
    Course,
    /// A theme template or non-CSS static file.
    Theme,
    /// A stylesheet under the theme's `static/`: its path under `static/`.
    Css(PathBuf),
    /// A module file (relative path).
    Module(PathBuf),
    /// A file under `content/` that may be a module's image.
    Asset(PathBuf),
}

/// What the classification needs to know about the course as it is in memory.
pub(crate) trait Known {
    /// The theme in use.
    fn theme_name(&self) -> &str;
    /// True when site.yaml failed to load, so the theme in use is not really known.
    fn config_failed(&self) -> bool;
    /// True when a file the course used (module, quiz, image) is at or under `rel`.
    fn uses(&self, rel: &Path) -> bool;
}

/// The kind of change `rel` (relative to the course folder) is, or `None` when the site
/// does not depend on it. `is_dir` tells whether a path exists as a folder now.
pub(crate) fn classify(
    rel: &Path,
    known: &dyn Known,
    is_dir: &dyn Fn(&Path) -> bool,
) -> Option<Change> {
    if is_editor_temp(rel) {
        return None;
    }
    let parts: Vec<&str> = rel
        .components()
        .map(|c| match c {
            Component::Normal(s) => s.to_str(),
            _ => None,
        })
        .collect::<Option<Vec<_>>>()?;
    let ext = rel
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    // A path without an extension under content/ or quizzes/: a folder that exists now,
    // or held files the course used, needs the course loaded again; anything else (an
    // editor's or a tool's temporary file, such as sed's `sedXXXXXX`) is ignored.
    let folder = || (known.uses(rel) || is_dir(rel)).then_some(Change::Course);
    match parts.as_slice() {
        [] => Some(Change::Course),
        [f] if *f == CONFIG_FILE || *f == CONTENT_DIR || *f == QUIZZES_DIR => Some(Change::Course),
        ["themes"] => Some(Change::Theme),
        [_] => None,
        [d, ..] if *d == CONTENT_DIR => {
            if rel == Path::new(GLOSSARY_FILE) {
                return Some(Change::Course);
            }
            match ext.as_deref() {
                Some("md" | "markdown") => Some(Change::Module(rel.to_path_buf())),
                None => folder(),
                Some(_) => Some(Change::Asset(rel.to_path_buf())),
            }
        }
        [d, ..] if *d == QUIZZES_DIR => match ext.as_deref() {
            Some("yaml" | "yml") => Some(Change::Course),
            None => folder(),
            Some(_) => None,
        },
        ["themes", name, rest @ ..] => {
            if *name != known.theme_name() {
                // Another theme, unless site.yaml failed and we can't tell which is used.
                return known.config_failed().then_some(Change::Course);
            }
            match rest {
                ["static", ..] if ext.as_deref() == Some("css") => {
                    Some(Change::Css(rel.components().skip(3).collect()))
                }
                _ => Some(Change::Theme),
            }
        }
        _ => None,
    }
}

/// True for files editors write beside the real one while saving (swap files, backups,
/// vim's `4913` probe), and for hidden files, which the course never reads.
pub(crate) fn is_editor_temp(path: &Path) -> bool {
    path.components().any(|c| {
        let Component::Normal(name) = c else {
            return false;
        };
        let name = name.to_string_lossy();
        name.starts_with('.')
            || name.starts_with('#')
            || name.ends_with('~')
            || name == "4913"
            || [".swp", ".swx", ".tmp", ".bak"]
                .iter()
                .any(|e| name.to_ascii_lowercase().ends_with(e))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fake;

    impl Known for Fake {
        fn theme_name(&self) -> &str {
            "default"
        }
        fn config_failed(&self) -> bool {
            false
        }
        fn uses(&self, rel: &Path) -> bool {
            rel == Path::new("content/old")
        }
    }

    fn kind(p: &str) -> Option<Change> {
        classify(Path::new(p), &Fake, &|p| p == Path::new("content/new"))
    }

    #[test]
    fn paths_are_classified_by_what_depends_on_them() {
        assert_eq!(kind("site.yaml"), Some(Change::Course));
        assert_eq!(kind("content/glossary.yaml"), Some(Change::Course));
        assert_eq!(kind("quizzes/q.yaml"), Some(Change::Course));
        assert_eq!(
            kind("content/01-a.md"),
            Some(Change::Module("content/01-a.md".into()))
        );
        assert_eq!(
            kind("content/img/a.png"),
            Some(Change::Asset("content/img/a.png".into()))
        );
        assert_eq!(
            kind("themes/default/static/aware.css"),
            Some(Change::Css("aware.css".into()))
        );
        assert_eq!(
            kind("themes/default/templates/base.html"),
            Some(Change::Theme)
        );
        assert_eq!(kind("themes/other/templates/base.html"), None);
        assert_eq!(kind("content/new"), Some(Change::Course));
        assert_eq!(kind("content/old"), Some(Change::Course));
        assert_eq!(kind("content/sedAbc123"), None);
        assert_eq!(kind("README.md"), None);
        assert_eq!(kind("content/.01-a.md.swp"), None);
    }

    #[test]
    fn editor_temporaries_are_recognised() {
        for p in [
            "a/.x.md.swp",
            "a/#x.md#",
            "a/x.md~",
            "a/4913",
            "a/x.TMP",
            "a/x.bak",
        ] {
            assert!(is_editor_temp(Path::new(p)), "{p}");
        }
        assert!(!is_editor_temp(Path::new("content/01-x.md")));
    }
}
