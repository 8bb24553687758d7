//! Files the site publishes as they are (or minified): the theme's static files, the
//! images and files modules link, and the logo.

use std::borrow::Cow;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::markdown::Body;
use super::minify::publishable;
use crate::load::theme::Theme;
use crate::load::{Course, CONTENT_DIR};
use crate::util::site_path::site_path;
use crate::write::OutFile;

/// A source file copied into the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Copy {
    /// Absolute (or course-relative) path of the source file.
    pub(crate) src: PathBuf,
    /// Path in the site.
    pub(crate) dest: PathBuf,
}

/// The theme's static files under `static/`, built-in CSS and JS minified, with the brand
/// colours from site.yaml appended to the main stylesheet `aware.css` (every theme has one:
/// a theme's files overlay the built-in ones), so they cost no request of their own.
pub(crate) fn statics<'a>(theme: &'a Theme, course: &Course) -> impl Iterator<Item = OutFile> + 'a {
    let brand = brand_rules(course);
    theme.statics.iter().map(move |(path, bytes)| {
        let mut out = publishable(path, bytes, matches!(bytes, Cow::Borrowed(_)));
        if let (true, Some(rules)) = (path == Path::new(MAIN_CSS), &brand) {
            out.extend_from_slice(rules.as_bytes());
        }
        OutFile {
            path: Path::new("static").join(path),
            bytes: out,
        }
    })
}

/// The theme's main stylesheet (under `static/`), which the brand colours join.
const MAIN_CSS: &str = "aware.css";

/// The brand colours as CSS rules (not an inline `<style>`: the Content-Security-Policy
/// allows only the site's own files). `None` when site.yaml sets no colour.
fn brand_rules(course: &Course) -> Option<String> {
    let c = &course.config.colours;
    if c.primary.is_none() && c.accent.is_none() {
        return None;
    }
    let mut vars = String::new();
    if let Some(p) = &c.primary {
        vars.push_str(&format!("--brand: {p};"));
    }
    if let Some(a) = &c.accent {
        vars.push_str(&format!("--accent: {a};"));
    }
    Some(format!(
        "\n@media print, (prefers-color-scheme: light) {{ :root {{ {vars} }} }}\n"
    ))
}

/// Where a file under `content/` is published.
pub(crate) fn media_path(rel: &Path) -> String {
    let inside = rel.strip_prefix(CONTENT_DIR).unwrap_or(rel);
    site_path(&Path::new("media").join(inside))
}

/// The images and files the given modules use, each once.
pub(crate) fn media<'b>(course: &Course, bodies: impl IntoIterator<Item = &'b Body>) -> Vec<Copy> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for b in bodies {
        for a in &b.assets {
            if seen.insert(a) {
                out.push(Copy {
                    src: course.root.join(a),
                    dest: PathBuf::from(media_path(a)),
                });
            }
        }
    }
    out
}

/// The logo, copied to `brand/`.
pub(crate) fn logo(course: &Course) -> Option<Copy> {
    let logo = course.config.logo.as_deref()?;
    Some(Copy {
        src: course.root.join(logo),
        dest: PathBuf::from(logo_url(logo)),
    })
}

/// The logo's path in the site.
pub(crate) fn logo_url(logo: &str) -> String {
    let name = Path::new(logo)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!("brand/{name}")
}
