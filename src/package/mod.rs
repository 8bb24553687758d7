//! LMS packages: the built site as a SCORM 1.2 or SCORM 2004 (4th edition) zip.
//!
//! A package is the site (rendered with the LMS runtime, [`RUNTIME`], on every page),
//! its search index, the manifest ([`manifest`]) and the XML schemas the manifest names.
//! The runtime is the only LMS code, and it is only in packages: `aware build` output
//! never contains it.

pub(crate) mod manifest;

use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::yaml::Locator;
use crate::load::{Course, CONFIG_FILE};
use crate::write::OutFile;

static SCORM12_SCHEMAS: Dir<'static> =
    include_dir!("$CARGO_MANIFEST_DIR/src/package/schemas/scorm12");
static SCORM2004_SCHEMAS: Dir<'static> =
    include_dir!("$CARGO_MANIFEST_DIR/src/package/schemas/scorm2004");

/// The LMS runtime: finds the LMS's API and keeps it told of the learner's progress.
pub(crate) const RUNTIME: &str = include_str!("aware-scorm.js");

/// Where the runtime is in the package.
pub(crate) const RUNTIME_PATH: &str = "lms/aware-scorm.js";

/// Which SCORM.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standard {
    /// SCORM 1.2: every LMS takes it.
    Scorm12,
    /// SCORM 2004, 4th edition.
    Scorm2004,
}

impl Standard {
    /// The name pages and file names use: `scorm12`, `scorm2004`.
    pub fn name(self) -> &'static str {
        match self {
            Standard::Scorm12 => "scorm12",
            Standard::Scorm2004 => "scorm2004",
        }
    }

    /// How people write it: `SCORM 1.2`, `SCORM 2004 4th edition`.
    pub fn title(self) -> &'static str {
        match self {
            Standard::Scorm12 => "SCORM 1.2",
            Standard::Scorm2004 => "SCORM 2004 4th edition",
        }
    }

    /// The schema files the manifest names, to ship in the zip's root.
    pub(crate) fn schemas(self) -> Vec<OutFile> {
        let dir = match self {
            Standard::Scorm12 => &SCORM12_SCHEMAS,
            Standard::Scorm2004 => &SCORM2004_SCHEMAS,
        };
        let mut files: Vec<OutFile> = dir
            .files()
            .map(|f| OutFile {
                path: f.path().to_path_buf(),
                bytes: f.contents().to_vec(),
            })
            .collect();
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }
}

/// The default package file: `DIR/<course id>-<version>-scorm12.zip`.
pub(crate) fn default_path(root: &Path, course: &Course, standard: Standard) -> PathBuf {
    let version: String = course
        .config
        .version
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    root.join(format!(
        "{}-{version}-{}.zip",
        course.config.id,
        standard.name()
    ))
}

/// Longest version a SCORM 1.2 manifest takes.
const MAX_VERSION_CHARS: usize = 20;
/// Longest title SCORM 1.2 LMSs must take.
const MAX_TITLE_CHARS: usize = 200;

/// What in site.yaml cannot make a valid package. `aware check` reports these as
/// warnings (the website is fine); `aware package` as errors.
pub(crate) fn check_config(course: &Course, severity_error: bool, diags: &mut Diagnostics) {
    let c = &course.config;
    let text = &course.config_text;
    let loc = Locator::new(text, 0);
    let mut report = |path: &str, code: &'static str, message: String, hint: &str| {
        let d = if severity_error {
            Diagnostic::error(code, CONFIG_FILE, message)
        } else {
            Diagnostic::warning(code, CONFIG_FILE, message)
        };
        let d = loc.place(text, path, d.hint(hint));
        if d.span.is_some() {
            diags.add_source(Path::new(CONFIG_FILE), text);
        }
        diags.push(d);
    };
    if c.version.trim().is_empty() {
        report("version", "package-version", "the course version is empty; an LMS package needs one".into(), "give the course a version, e.g. `version: \"1.0.0\"`; a new version is how an LMS tells an updated course");
    } else if c.version.chars().count() > MAX_VERSION_CHARS {
        report("version", "package-version", format!("version `{}` is longer than the {MAX_VERSION_CHARS} characters a SCORM 1.2 manifest allows", c.version), "use a short version such as `2.1.0`");
    } else if !c
        .version
        .chars()
        .all(|ch| ch.is_ascii_alphanumeric() || ".-_".contains(ch))
    {
        report(
            "version",
            "package-version",
            format!(
                "version `{}` has characters an LMS package name cannot use",
                c.version
            ),
            "use letters, digits, `.`, `-` and `_`, e.g. `2.1.0`",
        );
    }
    if c.title.trim().is_empty() {
        report(
            "title",
            "package-title",
            "the course title is empty; an LMS lists courses by title".into(),
            "give the course a title",
        );
    } else if c.title.chars().count() > MAX_TITLE_CHARS {
        report(
            "title",
            "package-title",
            format!(
                "the title is {} characters; SCORM 1.2 LMSs need at most {MAX_TITLE_CHARS}",
                c.title.chars().count()
            ),
            "shorten the title",
        );
    }
}
