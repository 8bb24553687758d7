//! Stages 2 and 4, **render**: markdown bodies, then pages and files.
//!
//! - [`markdown`] (stage 2, before the check stage, which reads its references): each
//!   module's body → a [`markdown::Body`] (HTML, outline, references, search text).
//! - [`site`] (stage 4, after the check stage passed): every file of the site, handed to
//!   a [`crate::write::Sink`] as soon as it is made:
//!   - [`pages`]: module pages (in parallel) and the site pages (home, glossary, final
//!     assessment, certificate, verify, safety, search, 404), from the theme's templates
//!     fed with [`views`] of the course and the answer keys of [`quiz_key`]; next to each
//!     module page, the files it loads on first use ([`module_files`]: its answer key and
//!     its terms' definitions);
//!   - [`course_js`]: the course facts the browser scripts read (`course.js`, every page)
//!     and the module list (`modules.js`, the pages that need all of it);
//!   - [`files`]: the theme's static files ([`minify`]d), module images and the logo.
//!
//! The search index is the [`crate::search`] stage's.

pub(crate) mod course_js;
pub(crate) mod files;
mod js_tokens;
pub(crate) mod markdown;
pub(crate) mod minify;
mod module_files;
pub(crate) mod pages;
mod quiz_key;
pub(crate) mod rename;
mod tidy;
mod views;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use rayon::prelude::*;

use markdown::Bodies;
use pages::{PageResult, Pages, SitePage};
pub(crate) use views::module_url;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::theme::Theme;
use crate::load::Course;
use crate::package::Standard;
use crate::write::Sink;

/// What rendering the site produced besides its files.
pub(crate) struct Rendered {
    /// HTML pages written.
    pub(crate) pages: usize,
    /// Templates that failed to render: nothing must be published when there are any.
    pub(crate) errors: Diagnostics,
}

/// Renders every page and file of the site into `sink` (module pages in parallel), so a
/// large site need not be held in memory. The first error of `sink` (e.g. a full disk)
/// stops it.
pub(crate) fn site(
    course: &Course,
    bodies: &Bodies,
    theme: &Theme,
    lms: Option<Standard>,
    sink: &dyn Sink,
) -> anyhow::Result<Rendered> {
    let p = Pages::new(course, bodies, theme, lms);
    // A template's error, once, with the number of pages it failed on (a mistake in
    // module.html fails every module page the same way).
    let found: Mutex<Vec<(Diagnostic, usize)>> = Mutex::new(Vec::new());
    let seen: Mutex<HashMap<(PathBuf, String), usize>> = Mutex::new(HashMap::new());
    let pages = AtomicUsize::new(0);
    let keep = |r: PageResult| -> anyhow::Result<()> {
        match r {
            Ok(f) => {
                pages.fetch_add(1, Ordering::Relaxed);
                sink.write(f)
            }
            Err(d) => {
                if let (Ok(mut g), Ok(mut seen)) = (found.lock(), seen.lock()) {
                    let key = (d.file.clone(), d.message.clone());
                    match seen.get(&key) {
                        Some(&i) => g[i].1 += 1,
                        None => {
                            seen.insert(key, g.len());
                            g.push((*d, 1));
                        }
                    }
                }
                Ok(())
            }
        }
    };
    (0..course.modules.len())
        .into_par_iter()
        .try_for_each(|i| {
            keep(p.module_page(i))?;
            p.module_files(i).try_for_each(|f| sink.write(f))
        })?;
    for page in SitePage::ALL {
        for (_, r) in p.site_page(page) {
            keep(r)?;
        }
    }
    for i in 0..course.pages.len() {
        keep(p.standalone_page(i))?;
    }
    for f in course_js::files(course) {
        sink.write(f)?;
    }
    let mut errors = Diagnostics::new();
    for (mut d, n) in found.into_inner().unwrap_or_default() {
        if n > 1 {
            d.message.push_str(&format!(" (on {n} pages)"));
        }
        errors.push(d);
    }
    if errors.is_empty() {
        for f in files::statics(theme, course) {
            sink.write(f)?;
        }
        for c in files::media(course, bodies.modules.iter().chain(&bodies.pages))
            .into_iter()
            .chain(files::logo(course))
        {
            sink.copy(&c.src, &c.dest)?;
        }
        if lms.is_some() {
            sink.write(crate::write::OutFile {
                path: crate::package::RUNTIME_PATH.into(),
                bytes: crate::package::RUNTIME.as_bytes().to_vec(),
            })?;
        }
    }
    Ok(Rendered {
        pages: pages.into_inner(),
        errors,
    })
}
