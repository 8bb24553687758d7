//! The logo: a file inside the course folder.

use std::path::{Component, Path};

use super::in_site_yaml;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::{Course, CONFIG_FILE};

/// Reports a logo that is not a file inside the course folder.
pub(super) fn check(course: &Course, diags: &mut Diagnostics) {
    let Some(logo) = course.config.logo.as_deref() else {
        return;
    };
    let rel = Path::new(logo);
    let escapes = rel.is_absolute() || rel.components().any(|c| matches!(c, Component::ParentDir));
    let real_root = course.root.canonicalize().ok();
    let outside = match (course.root.join(rel).canonicalize(), real_root) {
        (Ok(real), Some(root)) => !real.starts_with(root),
        _ => false,
    };
    if outside {
        let d = Diagnostic::error(
            "path-escapes-course",
            CONFIG_FILE,
            format!("logo `{logo}` is a link to a file outside the course folder"),
        )
        .hint("copy the image into the course folder instead of linking to it");
        in_site_yaml(course, "logo", d, diags);
        return;
    }
    if escapes || !course.root.join(rel).is_file() {
        let d = Diagnostic::error("missing-logo", CONFIG_FILE, format!("logo `{logo}` not found inside the course folder"))
            .hint("put the image in the course folder (e.g. `images/logo.svg`) and give its path relative to site.yaml");
        in_site_yaml(course, "logo", d, diags);
    }
}
