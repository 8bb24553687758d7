//! What aware says to the person at the terminal: summaries, next steps and the reasons a
//! command stopped, in one place so the wording stays consistent.

use std::path::Path;
use std::time::Duration;

use crate::diagnostic::Diagnostics;
use crate::load::Course;
use crate::package::Standard;
use crate::pipeline::{BuildReport, PackageReport};
use crate::util::text::{count, plural};

fn quizzes(n: usize) -> String {
    count(n, "quiz", Some("quizzes"))
}

/// " with N warnings", or nothing.
fn with_warnings(diags: &Diagnostics) -> String {
    match diags.warning_count() {
        0 => String::new(),
        n => format!(" with {n} warning{}", plural(n)),
    }
}

/// After `aware build` succeeded: what was built, then where to find it.
pub fn built(r: &BuildReport, diags: &Diagnostics) -> String {
    format!(
        "Built \"{}\": {}, {} ({}), {} → {} pages, {} files ({:.1} KB) in {} [{:.2} s]{}\nOpen {} in a browser, or copy the folder to any web server.",
        r.title,
        count(r.modules, "module", None),
        quizzes(r.quizzes),
        count(r.questions, "question", None),
        count(r.terms, "glossary term", None),
        r.pages,
        r.files,
        r.bytes as f64 / 1024.0,
        r.out.display(),
        r.elapsed.as_secs_f64(),
        with_warnings(diags),
        r.out.join("index.html").display()
    )
}

/// After `aware build` stopped on errors.
pub fn build_failed(diags: &Diagnostics, out: &Path) -> String {
    format!(
        "Build failed: {}. Nothing was written; {} is unchanged.",
        diags.summary(),
        out.display()
    )
}

/// After `aware package` succeeded: what was packaged, where, and what to do with it.
pub fn packaged(r: &PackageReport, diags: &Diagnostics) -> String {
    format!(
        "Packaged \"{}\" for {}: {}, {} files ({:.1} KB, {:.1} KB zipped) → {} [{:.2} s]{}\nUpload this zip to your LMS as a {} package (see the README, \"LMS packages\").",
        r.title,
        r.standard.title(),
        count(r.modules, "module", None),
        r.files,
        r.bytes as f64 / 1024.0,
        r.zip_bytes as f64 / 1024.0,
        r.out.display(),
        r.elapsed.as_secs_f64(),
        with_warnings(diags),
        r.standard.title()
    )
}

/// After `aware package` stopped on errors.
pub fn package_failed(diags: &Diagnostics, standard: Standard) -> String {
    format!(
        "Package failed: {}. No {} zip was written.",
        diags.summary(),
        standard.title()
    )
}

/// After `aware check`.
pub fn checked(course: &Course, diags: &Diagnostics) -> String {
    format!(
        "Checked {}, {}, {}: {}",
        count(course.modules.len(), "module", None),
        quizzes(course.quizzes.len()),
        count(course.glossary.len(), "glossary term", None),
        diags.summary()
    )
}

/// When `aware search` cannot search a course with errors.
pub fn search_needs_a_clean_course(diags: &Diagnostics) -> String {
    format!("Search needs a course without errors: {}.", diags.summary())
}

/// After `aware new`.
pub fn created(dir: &Path, files: usize) -> String {
    format!(
        "Created a new course in {} ({} files).\nNext: fill in what is marked [[replace: …]] (`aware check {}` lists each), then run `aware build {}`.",
        dir.display(),
        files,
        dir.display(),
        dir.display()
    )
}

/// `aware serve` built the course in memory.
pub fn serving_built(course: &Course, files: usize, elapsed: Duration) -> String {
    format!(
        "Built \"{}\" in memory: {}, {}, {} → {} files in {:.2} s",
        course.config.title,
        count(course.modules.len(), "module", None),
        quizzes(course.quizzes.len()),
        count(course.glossary.len(), "glossary term", None),
        files,
        elapsed.as_secs_f64()
    )
}

/// `aware serve` started on a course with errors.
pub fn serving_with_errors(diags: &Diagnostics) -> String {
    format!("The course has errors ({}); the site will appear when they are fixed. Watching for changes.", diags.summary())
}

/// `aware serve` listens on a non-loopback address.
pub fn serving_on_network(ip: std::net::IpAddr) -> String {
    format!("warning: listening on {ip}: anyone who can reach this computer on your network can see the course (and its quiz answers). Use the default (127.0.0.1) to keep it to this computer.")
}

/// `aware serve` is ready.
pub fn serving_at(url: &str) -> String {
    format!("Serving at {url}  (live reload on; Ctrl-C to stop)")
}

/// A rebuild in `aware serve` failed; the last good site stays.
pub fn rebuild_failed(what: &str, diags: &Diagnostics) -> String {
    format!(
        "Rebuild failed ({what}): {}. Still serving the last good version.",
        diags.summary()
    )
}

/// A rebuild in `aware serve` succeeded.
pub fn rebuilt(what: &str, changed: usize, elapsed: Duration, diags: &Diagnostics) -> String {
    let warnings = match diags.warning_count() {
        0 => String::new(),
        n => format!(" ({n} warning{})", plural(n)),
    };
    let changed = match changed {
        0 => "no page changed".to_string(),
        n => format!("{n} file{} changed", plural(n)),
    };
    format!(
        "{what}: {changed} in {:.1} ms{warnings}",
        elapsed.as_secs_f64() * 1000.0
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_use_plurals() {
        assert_eq!(quizzes(1), "1 quiz");
        assert_eq!(quizzes(2), "2 quizzes");
        let d = Diagnostics::new();
        assert_eq!(
            rebuilt("content/a.md", 1, Duration::from_millis(3), &d),
            "content/a.md: 1 file changed in 3.0 ms"
        );
    }
}
