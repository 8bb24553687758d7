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
    let mut diags = Diagnostics::new();
    quizzes::check(course, &mut diags);
    lint::check(course, &mut diags);
    objectives::check(course, &mut diags);
    links::check(course, &bodies.modules, &bodies.pages, &mut diags);
    logo::check(course, &mut diags);
    placeholders::check(course, &mut diags);
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
