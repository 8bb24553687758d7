//! aware: turns a folder of markdown modules and YAML quizzes into a static,
//! searchable awareness-training site with completion certificates.
//!
//! The pipeline is one line, and every command is a cut of it:
//! `load` ([`course`]) → `check` ([`check`], [`markdown`]) → `render` ([`render`],
//! [`theme`]) → `write` ([`output`], atomic).

pub mod check;
pub mod config;
pub mod course;
pub mod diagnostic;
pub mod markdown;
pub mod output;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod site;
pub mod theme;
pub mod yaml;

use std::path::{Path, PathBuf};

use std::time::{Duration, Instant};

use course::Course;
use diagnostic::{Diagnostic, Diagnostics};
use render::OutFile;

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

/// Loads and checks a course without writing anything: every diagnostic at once.
pub fn check(root: &Path) -> (Course, Diagnostics) {
    let (course, mut diags) = course::load(root);
    let _ = render::analyse(&course, &mut diags);
    let _ = theme::load(root, &course.config.theme, &mut diags);
    check_logo(&course, &mut diags);
    (course, diags)
}

/// Builds the course in `root` into `out`. Content problems come back as diagnostics
/// (with no report); `Err` is for problems with the output folder or the disk.
pub fn build(root: &Path, out: &Path) -> anyhow::Result<(Diagnostics, Option<BuildReport>)> {
    let start = Instant::now();
    let mut timer = PhaseTimer::new();
    output::check_output_dir(root, out)?;
    let (course, mut diags) = course::load(root);
    timer.phase("load");
    let mut analysed = render::analyse(&course, &mut diags);
    timer.phase("markdown + checks");
    let theme = theme::load(root, &course.config.theme, &mut diags);
    let logo = check_logo(&course, &mut diags);
    if diags.has_errors() {
        return Ok((diags, None));
    }
    let Some(theme) = theme else {
        return Ok((diags, None));
    };
    // From here on files go straight to a staging folder beside OUT; any error drops it
    // (deleting it) and leaves OUT as it was.
    let staging = output::Staging::create(out)?;
    let pages = std::sync::atomic::AtomicUsize::new(0);
    render::pages_into(&course, &analysed, &theme, &mut diags, &|f| {
        if f.path.extension().is_some_and(|e| e == "html") {
            pages.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        staging.write(&f)
    })?;
    timer.phase("pages");
    if diags.has_errors() {
        return Ok((diags, None));
    }
    // The pages are on disk: free their HTML before the search index needs memory.
    for r in &mut analysed.rendered {
        r.html = String::new();
    }
    let docs = search::index::take_documents(&course, &mut analysed.rendered);
    search::export::export_into(&docs, &|f| staging.write(&f))
        .map_err(|e| e.context("building the search index"))?;
    drop(docs);
    timer.phase("search index");
    for (path, bytes) in &theme.statics {
        staging.write(&OutFile {
            path: Path::new("static").join(path),
            bytes: bytes.to_vec(),
        })?;
    }
    let mut copied = std::collections::HashSet::new();
    for r in &analysed.rendered {
        for a in &r.assets {
            let inside = a.strip_prefix(course::load::CONTENT_DIR).unwrap_or(a);
            let dest = Path::new("media").join(inside);
            if copied.insert(dest.clone()) {
                staging.copy(&root.join(a), &dest)?;
            }
        }
    }
    if let Some((src, dest)) = logo {
        staging.copy(&src, &dest)?;
    }
    let stats = staging.commit()?;
    timer.phase("write");
    let pages = pages.into_inner();
    let report = BuildReport {
        title: course.config.title.clone(),
        modules: course.modules.len(),
        quizzes: course.quizzes.len(),
        questions: course.question_count(),
        terms: course.glossary.len(),
        pages,
        files: stats.files + 1,
        bytes: stats.bytes,
        out: out.to_path_buf(),
        elapsed: start.elapsed(),
    };
    Ok((diags, Some(report)))
}

/// Prints how long each build phase took when `AWARE_TIMINGS` is set (for profiling).
struct PhaseTimer {
    on: bool,
    last: Instant,
}

impl PhaseTimer {
    fn new() -> Self {
        PhaseTimer {
            on: std::env::var_os("AWARE_TIMINGS").is_some(),
            last: Instant::now(),
        }
    }

    fn phase(&mut self, name: &str) {
        if self.on {
            eprintln!(
                "  {name:<20} {:>8.1} ms",
                self.last.elapsed().as_secs_f64() * 1000.0
            );
        }
        self.last = Instant::now();
    }
}

/// A course's search index for `aware search`, built in memory with the same analyzer and
/// scores as the browser export. `None` (with diagnostics) when the course has errors.
pub fn search_index(root: &Path) -> anyhow::Result<(Diagnostics, Option<search::CourseSearch>)> {
    let (course, mut diags) = course::load(root);
    let analysed = render::analyse(&course, &mut diags);
    if diags.has_errors() {
        return Ok((diags, None));
    }
    let docs = search::index::documents(&course, &analysed.rendered);
    let index = search::index::SearchIndex::build(&docs)
        .map_err(|e| anyhow::anyhow!("building the search index: {e}"))?;
    Ok((diags, Some(search::CourseSearch { docs, index })))
}

/// Checks the logo exists inside the course; returns (source, site path) to copy.
pub(crate) fn check_logo(course: &Course, diags: &mut Diagnostics) -> Option<(PathBuf, PathBuf)> {
    let logo = course.config.logo.as_deref()?;
    let rel = Path::new(logo);
    let escapes = rel.is_absolute()
        || rel
            .components()
            .any(|c| matches!(c, std::path::Component::ParentDir));
    if escapes || !course.root.join(rel).is_file() {
        let d = Diagnostic::error("missing-logo", course::load::CONFIG_FILE, format!("logo `{logo}` not found inside the course folder"))
            .hint("put the image in the course folder (e.g. `images/logo.svg`) and give its path relative to site.yaml");
        let text = std::fs::read_to_string(course.root.join(course::load::CONFIG_FILE))
            .unwrap_or_default();
        let d = match yaml::Locator::new(&text, 0).find("logo") {
            Some((l, c)) => {
                diags.add_source(Path::new(course::load::CONFIG_FILE), &text);
                d.at_line_col(&text, l, c)
            }
            None => d,
        };
        diags.push(d);
        return None;
    }
    Some((
        course.root.join(rel),
        Path::new("brand").join(render::logo_file_name(logo)),
    ))
}
