//! The one pipeline, and the cuts of it that the commands are:
//!
//! ```text
//! load ─► markdown ─► check ─► render ─► search ─► write
//! ```
//!
//! | command | stages | sink |
//! | --- | --- | --- |
//! | `aware check` | load, markdown, check | none |
//! | `aware build` | all | [`Staging`] (atomic folder swap) |
//! | `aware package` | all, pages with the LMS runtime | [`Zip`] (atomic file) |
//! | `aware search` | load, markdown, check, search (in memory) | none |
//! | `aware serve` | all, redone in part on each change ([`crate::serve`]) | [`crate::write::memory::Memory`] |
//!
//! Each stage is a plain function with a typed output: [`crate::load::load`] →
//! [`Course`]; [`crate::render::markdown::Bodies::render`] → each module's and page's body;
//! [`crate::check::run`] → diagnostics; [`crate::render::site`] → files into a sink;
//! [`crate::search::export`] → the search index into the same sink.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::diagnostic::Diagnostics;
use crate::load::theme::{self, Theme};
use crate::load::Course;
use crate::package::{self, Standard};
use crate::render::markdown::Bodies;
use crate::search::CourseSearch;
use crate::write::guard::check_output_dir;
use crate::write::staging::{OutputLock, Staging};
use crate::write::zip::Zip;
use crate::write::{OutFile, Sink as _};
use crate::{load, render, search};

/// The course after the first three stages: loaded, its markdown rendered, checked.
pub(crate) struct Checked {
    pub(crate) course: Course,
    /// Each module's and page's rendered markdown.
    pub(crate) bodies: Bodies,
    /// Every problem found so far.
    pub(crate) diags: Diagnostics,
}

/// Stages 1-3: load, markdown, check. The course is partial when there are errors.
pub(crate) fn load_and_check(root: &Path, timer: &mut PhaseTimer) -> Checked {
    let (course, mut diags) = load::load(root);
    timer.phase("load");
    let (bodies, d) = Bodies::render(&course);
    diags.extend(d);
    diags.extend(crate::check::run(&course, &bodies));
    timer.phase("markdown + checks");
    Checked {
        course,
        bodies,
        diags,
    }
}

/// What a successful build produced.
#[derive(Debug, Clone)]
pub struct BuildReport {
    pub title: String,
    pub modules: usize,
    pub quizzes: usize,
    pub questions: usize,
    pub terms: usize,
    pub pages: usize,
    pub files: usize,
    pub bytes: u64,
    pub out: PathBuf,
    pub elapsed: Duration,
}

/// Loads and checks a course without writing anything: every diagnostic at once. With
/// no error so far, the pages are rendered (and thrown away), so a template that fails
/// on the course's data is found by `check` too, not first by `build`.
pub fn check_course(root: &Path) -> (Course, Diagnostics) {
    let Checked {
        course,
        bodies,
        mut diags,
    } = load_and_check(root, &mut PhaseTimer::off());
    let theme = theme::load(root, &course.config.theme, &course.config_text, &mut diags);
    if !course.failed.config {
        package::check_config(&course, false, &mut diags);
    }
    if let Some(theme) = theme.filter(|_| !diags.has_errors()) {
        match render::site(&course, &bodies, &theme, None, &crate::write::Discard) {
            Ok(rendered) => diags.extend(rendered.errors),
            Err(e) => diags.push(
                crate::diagnostic::Diagnostic::error(
                    "render-failed",
                    crate::load::CONFIG_FILE,
                    format!("the pages could not be rendered: {e:#}"),
                )
                .hint("run `aware build` to see whether it fails the same way"),
            ),
        }
    }
    (course, diags)
}

/// How to build.
#[derive(Debug, Clone, Copy, Default)]
pub struct BuildOptions {
    /// Treat warnings as errors: build nothing while there is any.
    pub strict: bool,
}

/// Builds the course in `root` into `out`. Content problems come back as diagnostics
/// (with no report); `Err` is for problems with the output folder or the disk.
pub fn build(root: &Path, out: &Path) -> anyhow::Result<(Diagnostics, Option<BuildReport>)> {
    build_with(root, out, BuildOptions::default())
}

/// [`build`] with options.
pub fn build_with(
    root: &Path,
    out: &Path,
    options: BuildOptions,
) -> anyhow::Result<(Diagnostics, Option<BuildReport>)> {
    let start = Instant::now();
    let mut timer = PhaseTimer::from_env();
    check_output_dir(root, out)?;
    let lock = OutputLock::acquire(out)?;
    let Checked {
        mut course,
        bodies,
        mut diags,
    } = load_and_check(root, &mut timer);
    course.forget_sources();
    let theme: Option<Theme> =
        theme::load(root, &course.config.theme, &course.config_text, &mut diags);
    if options.strict {
        diags.promote_warnings();
    }
    let Some(theme) = theme.filter(|_| !diags.has_errors()) else {
        return Ok((diags, None));
    };
    // From here on files go straight to a staging folder beside OUT; any error drops it
    // (deleting it) and leaves OUT as it was.
    let staging = Staging::create(lock)?;
    let rendered = render::site(&course, &bodies, &theme, None, &staging)?;
    timer.phase("pages");
    if !rendered.errors.is_empty() {
        diags.extend(rendered.errors);
        return Ok((diags, None));
    }
    let docs = search::documents::documents(&course, bodies.into_sections());
    search::export::export(&docs, &staging).map_err(|e| e.context("building the search index"))?;
    drop(docs);
    timer.phase("search index");
    let stats = staging.commit()?;
    timer.phase("write");
    let report = BuildReport {
        title: course.config.title.clone(),
        modules: course.modules.len(),
        quizzes: course.quizzes.len(),
        questions: course.question_count(),
        terms: course.glossary.len(),
        pages: rendered.pages,
        files: stats.files + 1,
        bytes: stats.bytes,
        out: out.to_path_buf(),
        elapsed: start.elapsed(),
    };
    Ok((diags, Some(report)))
}

/// What a successful `aware package` produced.
#[derive(Debug, Clone)]
pub struct PackageReport {
    pub title: String,
    pub standard: Standard,
    pub modules: usize,
    /// Files in the zip.
    pub files: usize,
    /// Their size before compression.
    pub bytes: u64,
    /// The zip's size.
    pub zip_bytes: u64,
    pub out: PathBuf,
    pub elapsed: Duration,
}

/// Packages the course in `root` for an LMS: the site with the LMS runtime, its search
/// index, the manifest and its schemas, in one zip at `out` (default
/// `DIR/<id>-<version>-<standard>.zip`), written atomically. Content problems come back
/// as diagnostics; `Err` is for problems with the output file or the disk.
pub fn package(
    root: &Path,
    standard: Standard,
    out: Option<&Path>,
    options: BuildOptions,
) -> anyhow::Result<(Diagnostics, Option<PackageReport>)> {
    let start = Instant::now();
    let mut timer = PhaseTimer::from_env();
    let Checked {
        mut course,
        bodies,
        mut diags,
    } = load_and_check(root, &mut timer);
    course.forget_sources();
    let theme = theme::load(root, &course.config.theme, &course.config_text, &mut diags);
    package::check_config(&course, true, &mut diags);
    if options.strict {
        diags.promote_warnings();
    }
    let Some(theme) = theme.filter(|_| !diags.has_errors()) else {
        return Ok((diags, None));
    };
    let out = out.map_or_else(
        || package::default_path(root, &course, standard),
        Path::to_path_buf,
    );
    crate::write::guard::check_package_path(root, &out)?;
    let zip = Zip::default();
    let rendered = render::site(&course, &bodies, &theme, Some(standard), &zip)?;
    timer.phase("pages");
    if !rendered.errors.is_empty() {
        diags.extend(rendered.errors);
        return Ok((diags, None));
    }
    let docs = search::documents::documents(&course, bodies.into_sections());
    search::export::export(&docs, &zip).map_err(|e| e.context("building the search index"))?;
    drop(docs);
    timer.phase("search index");
    let site_files = zip.paths();
    for f in standard.schemas() {
        zip.write(f)?;
    }
    zip.write(OutFile {
        path: "imsmanifest.xml".into(),
        bytes: package::manifest::manifest(&course, standard, &site_files).into_bytes(),
    })?;
    let stats = zip.commit(&out)?;
    timer.phase("zip");
    Ok((
        diags,
        Some(PackageReport {
            title: course.config.title.clone(),
            standard,
            modules: course.modules.len(),
            files: stats.files,
            bytes: stats.bytes,
            zip_bytes: stats.zip_bytes,
            out,
            elapsed: start.elapsed(),
        }),
    ))
}

/// A course's search index for `aware search`, built in memory with the same analyzer and
/// scores as the browser export. `None` (with diagnostics) when the course has errors.
pub fn search_index(root: &Path) -> anyhow::Result<(Diagnostics, Option<CourseSearch>)> {
    let Checked {
        course,
        bodies,
        diags,
    } = load_and_check(root, &mut PhaseTimer::off());
    if diags.has_errors() {
        return Ok((diags, None));
    }
    let docs = search::documents::documents(&course, bodies.into_sections());
    Ok((diags, Some(CourseSearch::new(docs)?)))
}

/// Prints how long each build phase took when `AWARE_TIMINGS` is set (for profiling).
pub(crate) struct PhaseTimer {
    on: bool,
    last: Instant,
    last_cpu: f64,
}

impl PhaseTimer {
    /// On when the `AWARE_TIMINGS` environment variable is set.
    pub(crate) fn from_env() -> Self {
        PhaseTimer {
            on: std::env::var_os("AWARE_TIMINGS").is_some(),
            last: Instant::now(),
            last_cpu: cpu_ms(),
        }
    }

    /// Never prints.
    pub(crate) fn off() -> Self {
        PhaseTimer {
            on: false,
            last: Instant::now(),
            last_cpu: 0.0,
        }
    }

    /// Ends a phase (printing its time when on) and starts the next.
    pub(crate) fn phase(&mut self, name: &str) {
        if self.on {
            let cpu = cpu_ms();
            eprintln!(
                "  {name:<20} {:>8.1} ms, cpu {:>7.1} ms{}",
                self.last.elapsed().as_secs_f64() * 1000.0,
                cpu - self.last_cpu,
                memory().unwrap_or_default()
            );
            self.last_cpu = cpu;
        }
        self.last = Instant::now();
    }
}

/// The CPU time the process has used so far (all threads, user and system), in ms.
pub(crate) fn cpu_ms() -> f64 {
    #[cfg(unix)]
    {
        // SAFETY: getrusage fills the struct it is given; a zeroed rusage is valid.
        let mut u: libc::rusage = unsafe { std::mem::zeroed() };
        if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut u) } == 0 {
            let ms = |t: libc::timeval| t.tv_sec as f64 * 1000.0 + t.tv_usec as f64 / 1000.0;
            return ms(u.ru_utime) + ms(u.ru_stime);
        }
    }
    0.0
}

/// The process's memory now and at its peak so far, where the system tells (Linux).
fn memory() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches(" kB").parse::<u64>().ok())
    };
    Some(format!(
        "   (memory {} MiB, peak {} MiB)",
        field("VmRSS:")? / 1024,
        field("VmHWM:")? / 1024
    ))
}
