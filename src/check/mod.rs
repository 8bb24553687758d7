//! Stage 3, **check**: everything that can only be judged across files, once the course
//! is loaded and its markdown rendered. It reads the earlier stages' data and reports;
//! it never renders or changes anything.
//!
//! - [`quizzes`]: every module's `quiz:` exists; the final assessment's pool exists and
//!   is big enough; no quiz is left unused; [`blueprint`]: the pool's `module:` and
//!   `always:` against the course and the draw.
//! - [`lint`]: the cues that let a test-wise learner pass without reading.
//! - [`objectives`]: questions test the objectives their module lists.
//! - [`placeholders`]: every `[[replace: …]]` still to fill in.
//! - [`links`]: every link and image of every module leads somewhere inside the course
//!   (glossary ids, module files, sections of pages, images and files under `content/`).
//! - [`logo`]: the logo named in `site.yaml` is a file inside the course.
//!
//! Problems inside one file (YAML, front matter, quiz questions, markdown) were reported
//! when it was loaded ([`crate::load`]) or rendered ([`crate::render::markdown`]).

mod blueprint;
mod links;
pub(crate) mod lint;
mod logo;
mod objectives;
mod placeholders;
mod quizzes;

use std::path::Path;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::yaml::Locator;
use crate::load::{Course, CONFIG_FILE};
use crate::render::markdown::Bodies;

/// Runs every cross-file check on the course and its rendered markdown.
pub(crate) fn run(course: &Course, bodies: &Bodies) -> Diagnostics {
    Findings::run(course, bodies).into_all()
}

/// The cross-file checks' findings in parts, so that an edit of one module's body
/// re-checks only what it can change ([`Findings::recheck_modules`]).
#[derive(Default)]
pub(crate) struct Findings {
    /// Checks of the course as a whole: quizzes, lint, the logo, site.yaml.
    course: Diagnostics,
    /// Each document's links: modules in course order, then pages.
    links: Vec<Diagnostics>,
    /// Each document's own checks: placeholders, and a module's objectives against its
    /// quiz.
    own: Vec<Diagnostics>,
}

impl Findings {
    /// Runs every check.
    pub(crate) fn run(course: &Course, bodies: &Bodies) -> Findings {
        let n = course.modules.len() + course.pages.len();
        let mut links = vec![Diagnostics::new(); n];
        for (i, d) in links::check(course, &bodies.modules, &bodies.pages, None) {
            links[i] = d;
        }
        let own = (0..n).map(|i| own_checks(course, i)).collect();
        Findings {
            course: course_checks(course),
            links,
            own,
        }
    }

    /// Checks again after the bodies of the modules `changed` (indices in course order)
    /// were edited, with their front matter's title, `required` and `quiz` unchanged:
    /// those modules' own checks and links, and the links of every document that points
    /// at a section of one of them. Quizzes, lint, the logo and site.yaml do not depend
    /// on what such an edit can change.
    pub(crate) fn recheck_modules(&mut self, course: &Course, bodies: &Bodies, changed: &[usize]) {
        let n = course.modules.len() + course.pages.len();
        if self.links.len() != n || self.own.len() != n {
            *self = Findings::run(course, bodies);
            return;
        }
        let files: Vec<&Path> = changed
            .iter()
            .filter_map(|&i| course.modules.get(i))
            .map(|m| m.source.as_path())
            .collect();
        let t = std::time::Instant::now();
        let mut which = links::linking_to(&bodies.modules, &bodies.pages, &files);
        which.extend(changed.iter().copied());
        let t1 = t.elapsed();
        for (i, d) in links::check(course, &bodies.modules, &bodies.pages, Some(&which)) {
            self.links[i] = d;
        }
        let t2 = t.elapsed();
        for &i in changed {
            if i < n {
                self.own[i] = own_checks(course, i);
            }
        }
        if std::env::var_os("AWARE_TIMINGS").is_some() {
            let ms = |d: std::time::Duration| d.as_secs_f64() * 1e3;
            eprintln!(
                "    recheck: {} documents; links into the edit {:.1} ms, links {:.1} ms, own checks {:.1} ms",
                which.len(),
                ms(t1),
                ms(t2 - t1),
                ms(t.elapsed() - t2)
            );
        }
    }

    /// Every finding in one list, without copying.
    pub(crate) fn into_all(self) -> Diagnostics {
        let mut all = self.course;
        for d in self.links.into_iter().chain(self.own) {
            all.extend(d);
        }
        all
    }

    /// True when any check found an error.
    pub(crate) fn has_errors(&self) -> bool {
        self.parts().any(Diagnostics::has_errors)
    }

    /// The parts, to go through without copying them.
    pub(crate) fn parts(&self) -> impl Iterator<Item = &Diagnostics> {
        std::iter::once(&self.course)
            .chain(&self.links)
            .chain(&self.own)
    }
}

/// The checks of document `i` (numbered as [`Findings`]'s) on its own: its placeholders,
/// and for a module, its objectives against its quiz.
fn own_checks(course: &Course, i: usize) -> Diagnostics {
    let mut d = Diagnostics::new();
    if let Some(m) = course.modules.get(i) {
        placeholders::check_file(&m.source, &m.text, &mut d);
        objectives::check_module(course, m, &mut d);
    } else if let Some(p) = course.pages.get(i - course.modules.len()) {
        placeholders::check_file(&p.source, &p.text, &mut d);
    }
    d
}

/// The checks that look at the course as a whole.
fn course_checks(course: &Course) -> Diagnostics {
    let mut diags = Diagnostics::new();
    quizzes::check(course, &mut diags);
    lint::check(course, &mut diags);
    logo::check(course, &mut diags);
    placeholders::check_config(course, &mut diags);
    diags
}

/// Points `d` at the `site.yaml` node `path` and remembers site.yaml's text to show it.
fn in_site_yaml(course: &Course, path: &str, d: Diagnostic, diags: &mut Diagnostics) {
    let text = &course.config_text;
    let d = Locator::new(text, 0).place(text, path, d);
    if d.span.is_some() {
        diags.add_source(Path::new(CONFIG_FILE), text);
    }
    diags.push(d);
}
