//! The site in memory, rebuilt incrementally: what `aware serve` serves.
//!
//! [`LiveSite::build`] runs the same stages as `aware build` (load → markdown → check →
//! render, into memory) and keeps their outputs: the course model, each module's
//! rendered markdown and diagnostics, the theme, and the site's files (path → bytes).
//! [`LiveSite::apply`] takes the paths that changed on disk and redoes only what depends
//! on them:
//!
//! | change | redone |
//! | --- | --- |
//! | a module's body | that module's markdown and page; the glossary page if the set of terms it links changed; the cross-file checks. (No other page shows a module's body: its neighbours, the home page and `course.js` see only front matter.) |
//! | a module's `summary`, `minutes` or `content_note` | as above, plus its neighbours' pages (prev/next), the home page and `course.js`; every page when the course has its own templates, which may show them anywhere |
//! | a module's `title`, `required` or `quiz` | that module's markdown, then every page from the model in memory (no file is re-read) |
//! | a theme template or non-CSS static file | the theme, then every page from the model in memory |
//! | a `.css` file in the theme's `static/` | that file only |
//! | an image or file under `content/` | that file only (the whole course while it has errors, in case it fixes one) |
//! | `site.yaml`, the glossary, a quiz, a module added, deleted, renamed or reordered, or one whose front matter no longer parses | the whole course |
//!
//! The cross-file checks ([`crate::check`]) run after every change, so the diagnostics
//! are always those `aware check` would print. While there are errors the served files
//! stay those of the last good build; pages an edit touched meanwhile are remembered and
//! rendered once the errors are fixed. The search index is not kept here: the server
//! rebuilds it in the background from `LiveSite::take_search_docs`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::changes::{classify, Change, Known};
use super::stale::Stale;
use crate::check::Findings;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::theme::Theme;
use crate::load::Course;
use crate::render::markdown::{Bodies, Body};
use crate::search::SearchDoc;
use crate::write::memory::{Bytes, Files, Memory};

/// How much a change made the site redo.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Redo {
    /// Nothing that matters to the site changed.
    Nothing,
    /// Theme stylesheets or content files were copied again.
    Files,
    /// One or more modules were rendered again, with the pages that depend on them.
    Modules,
    /// Every page was rendered again from the model in memory.
    Pages,
    /// The whole course was loaded again.
    Course,
}

/// What [`LiveSite::apply`] did.
#[derive(Debug, Clone)]
pub struct Update {
    pub redo: Redo,
    /// True when the course has errors ([`LiveSite::diagnostics`]): the site was not
    /// changed (except stylesheets, which are independent of the content).
    pub has_errors: bool,
    /// Site paths whose bytes changed, were added or were removed.
    pub changed: Vec<String>,
    /// Pages rendered again (whether or not their bytes changed).
    pub rendered: usize,
    pub elapsed: Duration,
}

impl Update {
    /// True when every changed file is a stylesheet: the browser can swap it in place.
    pub fn css_only(&self) -> bool {
        !self.changed.is_empty() && self.changed.iter().all(|p| p.ends_with(".css"))
    }
}

/// The course, its rendered parts and its site, in memory.
pub struct LiveSite {
    pub(super) root: PathBuf,
    pub(super) course: Course,
    /// Problems found while loading.
    pub(super) load_diags: Diagnostics,
    /// Each module's and page's rendered markdown; each module's problems, in module
    /// order, and the pages' (a page edit reloads the whole course).
    pub(super) bodies: Bodies,
    pub(super) body_diags: Vec<Diagnostics>,
    pub(super) page_diags: Diagnostics,
    pub(super) checks: Findings,
    pub(super) theme: Option<Theme>,
    pub(super) theme_diags: Diagnostics,
    /// Pages whose template failed, by site path.
    pub(super) page_errors: BTreeMap<String, Diagnostic>,
    /// The last good site, without the search index.
    pub(super) files: Files,
    /// Site paths added, changed or removed since [`LiveSite::apply`] began.
    pub(super) changed: BTreeSet<String>,
    /// Whether a build has ever succeeded.
    pub(super) built: bool,
    /// Pages the model has moved past and that are not rendered yet.
    pub(super) stale: Stale,
    /// True when content changed since the search documents were last taken.
    pub(super) search_stale: bool,
}

impl LiveSite {
    /// Loads, checks and renders the course in `root`. With errors the site is empty
    /// ([`LiveSite::has_site`] is false) and [`LiveSite::diagnostics`] says why.
    pub fn build(root: &Path) -> LiveSite {
        let mut site = LiveSite {
            root: root.to_path_buf(),
            course: crate::load::load(root).0,
            load_diags: Diagnostics::new(),
            bodies: Bodies::default(),
            body_diags: Vec::new(),
            page_diags: Diagnostics::new(),
            checks: Findings::default(),
            theme: None,
            theme_diags: Diagnostics::new(),
            page_errors: BTreeMap::new(),
            files: Files::new(),
            changed: BTreeSet::new(),
            built: false,
            stale: Stale::every_page(),
            search_stale: true,
        };
        site.reload_course();
        site
    }

    /// The course folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The course model as last loaded (partial when it has errors).
    pub fn course(&self) -> &Course {
        &self.course
    }

    /// True once a build has succeeded, so there is a site to serve.
    pub fn has_site(&self) -> bool {
        self.built
    }

    /// The last good site's files, without the search index.
    pub fn files(&self) -> &Files {
        &self.files
    }

    /// The search index of the current model, exported now (empty while the course has
    /// errors).
    pub fn search_files(&self) -> anyhow::Result<Files> {
        let Some(docs) = self.search_docs() else {
            return Ok(Files::new());
        };
        let memory = Memory::default();
        crate::search::export::export(&docs, &memory)?;
        Ok(memory.into_files())
    }

    /// Every file of the site, search index included, as `aware build` would write it.
    pub fn all_files(&self) -> anyhow::Result<Files> {
        let mut all = self.files.clone();
        all.extend(self.search_files()?);
        Ok(all)
    }

    fn search_docs(&self) -> Option<Vec<SearchDoc>> {
        (self.built && !self.has_errors())
            .then(|| crate::search::documents::documents(&self.course, self.bodies.sections()))
    }

    /// When content changed since the last call and the course has no errors: the search
    /// documents to export (the caller exports them, on another thread if it likes).
    pub(crate) fn take_search_docs(&mut self) -> Option<Vec<SearchDoc>> {
        if !self.search_stale {
            return None;
        }
        let docs = self.search_docs()?;
        self.search_stale = false;
        Some(docs)
    }

    /// True when the site depends on `path` (absolute, or relative to the course folder).
    pub fn depends_on(&self, path: &Path) -> bool {
        self.change(path).is_some()
    }

    fn change(&self, path: &Path) -> Option<Change> {
        let rel = if path.is_absolute() {
            path.strip_prefix(&self.root).ok()?
        } else {
            path
        };
        classify(rel, self, &|p| self.root.join(p).is_dir())
    }

    /// Brings the site up to date with `changed` paths (absolute, or relative to the
    /// course folder), redoing as little as it can.
    pub fn apply<P: AsRef<Path>>(&mut self, changed: &[P]) -> Update {
        let start = Instant::now();
        let mut changes: Vec<Change> = Vec::new();
        for p in changed {
            if let Some(c) = self.change(p.as_ref()) {
                if !changes.contains(&c) {
                    changes.push(c);
                }
            }
        }
        self.changed.clear();
        let (redo, rendered) = if changes.is_empty() {
            (Redo::Nothing, 0)
        } else {
            self.redo(&changes)
        };
        // Every file put into the site or dropped from it was noted as it happened.
        let changed: Vec<String> = std::mem::take(&mut self.changed).into_iter().collect();
        Update {
            redo,
            has_errors: self.has_errors(),
            changed,
            rendered,
            elapsed: start.elapsed(),
        }
    }

    /// Redoes what `changes` need; returns how much and the number of pages rendered.
    fn redo(&mut self, changes: &[Change]) -> (Redo, usize) {
        let assets_while_broken =
            self.has_errors() && changes.iter().any(|c| matches!(c, Change::Asset(_)));
        if changes.contains(&Change::Course) || assets_while_broken {
            return (Redo::Course, self.reload_course());
        }
        let mut redo = Redo::Nothing;
        let mut css: Vec<&Path> = Vec::new();
        // Modules whose body (alone) was edited: only their checks need redoing.
        let mut bodies_edited: Vec<usize> = Vec::new();
        for c in changes {
            let r = match c {
                Change::Module(rel) => {
                    let r = self.module_changed(rel);
                    if r == Some(Redo::Modules) {
                        bodies_edited
                            .extend(self.course.modules.iter().position(|m| m.source == *rel));
                    }
                    r
                }
                Change::Asset(rel) => self.asset_changed(rel),
                Change::Theme => Some(Redo::Pages),
                Change::Css(p) => {
                    css.push(p);
                    Some(Redo::Nothing)
                }
                Change::Course => None,
            };
            match r {
                Some(r) => redo = redo.max(r),
                None => return (Redo::Course, self.reload_course()),
            }
        }
        if changes.contains(&Change::Theme) {
            self.reload_theme();
        } else if !css.is_empty() {
            redo = redo.max(Redo::Files);
            if !css.iter().all(|p| self.css_changed(p)) {
                self.reload_theme();
                redo = redo.max(Redo::Pages);
            }
        }
        let t = Instant::now();
        if redo == Redo::Modules && changes.iter().all(|c| matches!(c, Change::Module(_))) {
            self.checks
                .recheck_modules(&self.course, &self.bodies, &bodies_edited);
        } else if redo >= Redo::Modules {
            self.checks = Findings::run(&self.course, &self.bodies);
        }
        let t_check = t.elapsed();
        let rendered = self.render_if_clean();
        if std::env::var_os("AWARE_TIMINGS").is_some() {
            eprintln!(
                "    redo: check {:.1} ms, render {:.1} ms",
                t_check.as_secs_f64() * 1e3,
                (t.elapsed() - t_check).as_secs_f64() * 1e3
            );
        }
        (redo, rendered)
    }

    /// Renders the stale pages when the content has no errors. Template errors are tried
    /// again (they may come from content); other errors must be fixed first.
    fn render_if_clean(&mut self) -> usize {
        if self.content_errors() {
            return 0;
        }
        self.render_stale()
    }

    /// Loads everything again. Returns the number of pages rendered.
    fn reload_course(&mut self) -> usize {
        let (course, load_diags) = crate::load::load(&self.root);
        let rendered = crate::render::markdown::render_bodies(&course);
        let (pages, page_diags): (Vec<Body>, Vec<Diagnostics>) =
            crate::render::markdown::render_page_bodies(&course)
                .into_iter()
                .unzip();
        let mut theme_diags = Diagnostics::new();
        let theme = crate::load::theme::load(
            &self.root,
            &course.config.theme,
            &course.config_text,
            &mut theme_diags,
        );
        self.course = course;
        self.load_diags = load_diags;
        let (modules, body_diags): (Vec<Body>, Vec<Diagnostics>) = rendered.into_iter().unzip();
        self.bodies = Bodies { modules, pages };
        self.body_diags = body_diags;
        self.page_diags = Diagnostics::new();
        for d in page_diags {
            self.page_diags.extend(d);
        }
        self.theme = theme;
        self.theme_diags = theme_diags;
        self.checks = Findings::run(&self.course, &self.bodies);
        self.page_errors.clear();
        self.stale = Stale::every_page();
        self.search_stale = true;
        self.render_if_clean()
    }
}

impl Known for LiveSite {
    fn theme_name(&self) -> &str {
        &self.course.config.theme
    }

    fn config_failed(&self) -> bool {
        self.course.failed.config
    }

    fn uses(&self, rel: &Path) -> bool {
        let c = &self.course;
        c.modules.iter().any(|m| m.source.starts_with(rel))
            || c.quizzes.values().any(|q| q.source.starts_with(rel))
            || c.failed.modules.iter().any(|m| m.starts_with(rel))
            || self
                .bodies
                .modules
                .iter()
                .chain(&self.bodies.pages)
                .any(|b| b.assets.iter().any(|a| a.starts_with(rel)))
    }
}

/// The bytes of a file as the site stores them.
pub(super) fn bytes(v: Vec<u8>) -> Bytes {
    Bytes::from(v)
}
