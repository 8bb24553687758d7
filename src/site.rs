//! The site in memory, rebuilt incrementally: what `aware serve` serves.
//!
//! [`Site::build`] runs the same pipeline as `aware build` (load → analyse → theme →
//! pages → search) but keeps everything in memory: the course model, each module's
//! rendered markdown and diagnostics, the theme, and the site's files (path → bytes).
//! [`Site::apply`] takes the paths that changed on disk and redoes only what depends on
//! them:
//!
//! | change | redone |
//! | --- | --- |
//! | a module's body | that module's markdown and page; the glossary page if the set of terms it links changed; the cross-file checks. (No other page shows a module's body: its neighbours, the home page and `course.js` see only front matter.) |
//! | a module's `summary`, `minutes` or `content_note` | as above, plus its neighbours' pages (prev/next), the home page and `course.js`; every page when the course has its own templates, which may show them anywhere |
//! | a module's `title`, `required` or `quiz` | that module's markdown, then every page from the model in memory (no file is re-read) |
//! | a theme template or non-CSS static file | the theme, then every page from the model in memory |
//! | a `.css` file in the theme's `static/` | that file only |
//! | an image or file under `content/` | that file only (a full rebuild while the course has errors, in case it fixes one) |
//! | `site.yaml`, the glossary, a quiz, a module added, deleted, renamed or reordered, or one whose front matter no longer parses | everything ([`Site::build`]'s pipeline) |
//!
//! The cross-file checks ([`crate::check::cross_references`]) run after every change, so
//! the diagnostics are always those `aware check` would print. While there are errors the
//! served files stay those of the last good build; pages an edit touched meanwhile are
//! remembered and rendered once the errors are fixed. The search index is not rebuilt by
//! [`Site::apply`]: it is marked stale, and the caller rebuilds it from
//! [`Site::search_docs`] (`aware serve` does so in the background, after the reload).

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::course::load::{
    self as course_load, CONFIG_FILE, CONTENT_DIR, GLOSSARY_FILE, QUIZZES_DIR,
};
use crate::course::Course;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::markdown::Rendered;
use crate::render::{self, OutFile, PageResult, Pages, SitePage};
use crate::search::index::SearchDoc;
use crate::theme::{self, Theme};

/// A file's bytes, shared without copying between the site and the server's threads.
pub type Bytes = Arc<[u8]>;

/// Site files by path, with `/` separators (e.g. `modules/intro.html`).
pub type Files = BTreeMap<String, Bytes>;

/// How much a change made the site redo.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// Nothing that matters to the site changed.
    Nothing,
    /// Theme stylesheets or content files were copied again.
    Files,
    /// One or more modules were rendered again, with the pages that depend on them.
    Modules,
    /// Every page was rendered again from the model in memory.
    Pages,
    /// The whole course was loaded again.
    Full,
}

/// What [`Site::apply`] did.
#[derive(Debug, Clone)]
pub struct Update {
    pub level: Level,
    /// False when the course has errors ([`Site::diagnostics`]): the site was not changed
    /// (except stylesheets, which are independent of the content).
    pub ok: bool,
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

/// Pages the model in memory has moved past, not yet rendered (while the course had
/// errors, nothing is published).
#[derive(Debug, Default)]
struct Dirty {
    all: bool,
    modules: BTreeSet<usize>,
    home: bool,
    glossary: bool,
    course_js: bool,
}

impl Dirty {
    fn everything() -> Self {
        Dirty {
            all: true,
            ..Dirty::default()
        }
    }

    fn is_empty(&self) -> bool {
        !self.all && self.modules.is_empty() && !self.home && !self.glossary && !self.course_js
    }
}

/// What one changed path means for the site.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Change {
    Full,
    Theme,
    /// A stylesheet under the theme's `static/`: its path under `static/`.
    Css(PathBuf),
    /// A module file (relative path).
    Module(PathBuf),
    /// A file under `content/` that may be a module's image.
    Asset(PathBuf),
}

/// The course, its rendered parts and its site, in memory.
pub struct Site {
    root: PathBuf,
    course: Course,
    /// Problems found while loading (and with the logo).
    load_diags: Diagnostics,
    /// Each module's rendered markdown and its problems, in module order.
    rendered: Vec<Rendered>,
    module_diags: Vec<Diagnostics>,
    xref_diags: Diagnostics,
    theme: Option<Theme>,
    theme_diags: Diagnostics,
    /// Pages whose template failed, by site path.
    page_errors: BTreeMap<String, Diagnostic>,
    logo: Option<(PathBuf, PathBuf)>,
    diags: Diagnostics,
    /// The last good site, without the search index.
    files: Files,
    /// The last good search index (`search/...`).
    search: Files,
    search_stale: bool,
    /// Whether a build has ever succeeded.
    built: bool,
    dirty: Dirty,
}

impl Site {
    /// Loads, checks and renders the course in `root`, search index included. With errors
    /// the site is empty ([`Site::has_site`] is false) and [`Site::diagnostics`] says why.
    pub fn build(root: &Path) -> Site {
        let mut site = Site {
            root: root.to_path_buf(),
            course: course_load::load(root).0,
            load_diags: Diagnostics::new(),
            rendered: Vec::new(),
            module_diags: Vec::new(),
            xref_diags: Diagnostics::new(),
            theme: None,
            theme_diags: Diagnostics::new(),
            page_errors: BTreeMap::new(),
            logo: None,
            diags: Diagnostics::new(),
            files: Files::new(),
            search: Files::new(),
            search_stale: true,
            built: false,
            dirty: Dirty::everything(),
        };
        site.full();
        if site.built {
            site.refresh_search();
        }
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

    /// Every problem of the course as it is now on disk (as `aware check` reports them).
    pub fn diagnostics(&self) -> &Diagnostics {
        &self.diags
    }

    /// True when the course as it is now has errors (the site is the last good one).
    pub fn has_errors(&self) -> bool {
        self.diags.has_errors()
    }

    /// True once a build has succeeded, so there is a site to serve.
    pub fn has_site(&self) -> bool {
        self.built
    }

    /// The last good site's files, without the search index.
    pub fn files(&self) -> &Files {
        &self.files
    }

    /// The last good search index files (`search/...`); see [`Site::search_stale`].
    pub fn search_files(&self) -> &Files {
        &self.search
    }

    /// Every file of the last good site, as `aware build` would write it.
    pub fn all_files(&self) -> Files {
        let mut all = self.files.clone();
        all.extend(self.search.iter().map(|(k, v)| (k.clone(), v.clone())));
        all
    }

    /// True when content changed since the search index was made.
    pub fn search_stale(&self) -> bool {
        self.search_stale
    }

    /// The search documents of the current model, to export (maybe on another thread)
    /// with [`crate::search::export::export`]; `None` while the course has errors.
    pub fn search_docs(&self) -> Option<Vec<SearchDoc>> {
        (self.built && !self.has_errors())
            .then(|| crate::search::index::documents(&self.course, &self.rendered))
    }

    /// When the search index is stale and the course has no errors: the documents to
    /// export, and the index counts as fresh from now on (the caller exports them, on
    /// another thread if it likes, and may hand the files back to
    /// [`Site::set_search_files`]).
    pub fn take_search_docs(&mut self) -> Option<Vec<SearchDoc>> {
        if !self.search_stale {
            return None;
        }
        let docs = self.search_docs()?;
        self.search_stale = false;
        Some(docs)
    }

    /// Replaces the search index files with an export of [`Site::search_docs`].
    pub fn set_search_files(&mut self, files: Vec<OutFile>) {
        self.search = file_map(files);
        self.search_stale = false;
    }

    /// Rebuilds the search index now, on this thread.
    pub fn refresh_search(&mut self) {
        let Some(docs) = self.search_docs() else {
            return;
        };
        match crate::search::export::export(&docs) {
            Ok(files) => self.set_search_files(files),
            Err(e) => {
                self.diags.push(Diagnostic::error(
                    "search-index",
                    CONFIG_FILE,
                    format!("building the search index failed: {e}"),
                ));
            }
        }
    }

    /// Brings the site up to date with `changed` paths (absolute, or relative to the
    /// course folder), redoing as little as it can.
    pub fn apply<P: AsRef<Path>>(&mut self, changed: &[P]) -> Update {
        let start = Instant::now();
        let mut changes: Vec<Change> = Vec::new();
        for p in changed {
            if let Some(c) = self.classify(p.as_ref()) {
                if !changes.contains(&c) {
                    changes.push(c);
                }
            }
        }
        if changes.is_empty() {
            return Update {
                level: Level::Nothing,
                ok: !self.has_errors(),
                changed: Vec::new(),
                rendered: 0,
                elapsed: start.elapsed(),
            };
        }
        let old = self.files.clone();
        let mut level = Level::Nothing;
        let rendered;
        if changes.contains(&Change::Full)
            || (self.has_errors() && changes.iter().any(|c| matches!(c, Change::Asset(_))))
        {
            level = Level::Full;
            rendered = self.full();
        } else {
            let mut css: Vec<PathBuf> = Vec::new();
            for c in &changes {
                match c {
                    Change::Module(rel) => match self.module_changed(rel) {
                        Some(l) => level = level.max(l),
                        None => {
                            level = Level::Full;
                            break;
                        }
                    },
                    Change::Theme => level = level.max(Level::Pages),
                    Change::Css(p) => css.push(p.clone()),
                    Change::Asset(rel) => match self.asset_changed(rel) {
                        Some(l) => level = level.max(l),
                        None => {
                            level = Level::Full;
                            break;
                        }
                    },
                    Change::Full => unreachable!("handled above"),
                }
            }
            if level == Level::Full {
                rendered = self.full();
            } else {
                if changes.contains(&Change::Theme) {
                    self.reload_theme();
                } else if !css.is_empty() {
                    level = level.max(Level::Files);
                    for p in &css {
                        if !self.css_changed(p) {
                            self.reload_theme();
                            level = level.max(Level::Pages);
                            break;
                        }
                    }
                }
                if level >= Level::Modules {
                    self.xref_diags = Diagnostics::new();
                    crate::check::cross_references(
                        &self.course,
                        &self.rendered,
                        &mut self.xref_diags,
                    );
                }
                rendered = self.publish();
            }
        }
        let mut changed: Vec<String> = Vec::new();
        for (k, v) in &self.files {
            // Unchanged files share their bytes: compare pointers before contents.
            if old.get(k).map_or(true, |o| !Arc::ptr_eq(o, v) && o != v) {
                changed.push(k.clone());
            }
        }
        changed.extend(old.keys().filter(|k| !self.files.contains_key(*k)).cloned());
        changed.sort();
        Update {
            level,
            ok: !self.has_errors(),
            changed,
            rendered,
            elapsed: start.elapsed(),
        }
    }

    /// Collects the diagnostics and, when the content has no errors, renders the pages
    /// marked dirty. Returns how many pages were rendered.
    fn publish(&mut self) -> usize {
        self.assemble();
        // Template errors are retried (they may come from content); others must be fixed.
        if self.diags.error_count() > self.page_errors.len() {
            return 0;
        }
        let n = self.render_dirty();
        self.assemble();
        n
    }

    /// True when the site depends on `path` (absolute, or relative to the course folder).
    pub fn depends_on(&self, path: &Path) -> bool {
        self.classify(path).is_some()
    }

    /// The kind of change `path` is, or `None` when the site does not depend on it.
    fn classify(&self, path: &Path) -> Option<Change> {
        let rel = if path.is_absolute() {
            path.strip_prefix(&self.root).ok()?
        } else {
            path
        };
        if is_editor_temp(rel) {
            return None;
        }
        let parts: Vec<&str> = rel
            .components()
            .map(|c| {
                if let Component::Normal(s) = c {
                    s.to_str()
                } else {
                    None
                }
            })
            .collect::<Option<Vec<_>>>()?;
        let ext = rel
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match parts.as_slice() {
            [] => Some(Change::Full),
            [f] if *f == CONFIG_FILE || *f == CONTENT_DIR || *f == QUIZZES_DIR => {
                Some(Change::Full)
            }
            ["themes"] => Some(Change::Theme),
            [_] => None,
            [d, ..] if *d == CONTENT_DIR => {
                if rel == Path::new(GLOSSARY_FILE) {
                    return Some(Change::Full);
                }
                match ext.as_deref() {
                    Some("md" | "markdown") => Some(Change::Module(rel.to_path_buf())),
                    // A folder (new, moved or deleted with modules in it) or a temporary file.
                    None => self.folder_change(rel),
                    Some(_) => Some(Change::Asset(rel.to_path_buf())),
                }
            }
            [d, ..] if *d == QUIZZES_DIR => match ext.as_deref() {
                Some("yaml" | "yml") => Some(Change::Full),
                None => self.folder_change(rel),
                Some(_) => None,
            },
            ["themes", name, rest @ ..] => {
                if *name != self.course.config.theme {
                    // Another theme, unless site.yaml failed and we can't tell which is used.
                    return self.course.failed.config.then_some(Change::Full);
                }
                match rest {
                    ["static", ..] if ext.as_deref() == Some("css") => {
                        Some(Change::Css(rel.components().skip(3).collect()))
                    }
                    _ => Some(Change::Theme),
                }
            }
            _ => None,
        }
    }

    /// A path without an extension under `content/` or `quizzes/`: a folder that exists
    /// now, or held files the course used, needs a full rebuild; anything else (an
    /// editor's or a tool's temporary file, such as sed's `sedXXXXXX`) is ignored.
    fn folder_change(&self, rel: &Path) -> Option<Change> {
        let c = &self.course;
        let used = c.modules.iter().any(|m| m.source.starts_with(rel))
            || c.quizzes.values().any(|q| q.source.starts_with(rel))
            || c.failed.modules.iter().any(|m| m.starts_with(rel))
            || self
                .rendered
                .iter()
                .any(|r| r.assets.iter().any(|a| a.starts_with(rel)));
        (used || self.root.join(rel).is_dir()).then_some(Change::Full)
    }

    /// Re-reads a module's file and renders it again. `None` when that needs a full
    /// rebuild (the module is new, gone, renamed, reordered or its front matter fails).
    fn module_changed(&mut self, rel: &Path) -> Option<Level> {
        let i = self.course.modules.iter().position(|m| m.source == rel)?;
        if !self.root.join(rel).is_file() {
            return None;
        }
        let mut d = Diagnostics::new();
        let text = course_load::read_text(&self.root, rel, &mut d)?;
        let new = course_load::parse_module(rel, text, &mut d)?;
        if d.has_errors() {
            return None;
        }
        let old = &self.course.modules[i];
        if new.order != old.order || new.slug != old.slug {
            return None;
        }
        if new.text == old.text {
            return Some(Level::Nothing);
        }
        let front_matter_shown = new.summary != old.summary
            || new.minutes != old.minutes
            || new.content_note != old.content_note;
        let level = if new.title != old.title
            || new.required != old.required
            || new.quiz != old.quiz
            || (front_matter_shown && self.custom_templates())
        {
            // Every page lists the modules; a course's own templates may show any of it.
            self.dirty.all = true;
            Level::Pages
        } else if front_matter_shown {
            // The built-in templates show these on the home page, the module's own page
            // and (as prev/next) its neighbours'; course.js has the minutes.
            self.dirty.home = true;
            self.dirty.course_js = true;
            self.dirty.modules.extend(
                [i.saturating_sub(1), i, i + 1]
                    .into_iter()
                    .filter(|&j| j < self.course.modules.len()),
            );
            Level::Modules
        } else {
            Level::Modules
        };
        self.course.modules[i] = new;
        let (r, rd) = render::Links::new(&self.course).render(&self.course.modules[i]);
        let terms = |r: &Rendered| r.terms.iter().cloned().collect::<HashSet<String>>();
        if terms(&r) != terms(&self.rendered[i]) {
            self.dirty.glossary = true;
        }
        self.rendered[i] = r;
        self.module_diags[i] = rd;
        self.dirty.modules.insert(i);
        self.search_stale = true;
        Some(level)
    }

    /// True when the course overrides the theme's templates: they may show any module's
    /// front matter on any page, so a change to it renders every page.
    fn custom_templates(&self) -> bool {
        let dir = self
            .root
            .join("themes")
            .join(&self.course.config.theme)
            .join("templates");
        std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_some())
    }

    /// A file under `content/` changed: copies it again if a module uses it. `None` when
    /// that is not enough: it is gone, or the course has errors it may fix (a missing
    /// image), which a full rebuild tells.
    fn asset_changed(&mut self, rel: &Path) -> Option<Level> {
        if self.has_errors() {
            return None;
        }
        let used = self
            .rendered
            .iter()
            .any(|r| r.assets.iter().any(|a| a == rel));
        if !used {
            return Some(Level::Nothing);
        }
        let bytes = std::fs::read(self.root.join(rel)).ok()?;
        if self.built {
            self.files.insert(media_path(rel), Bytes::from(bytes));
        }
        Some(Level::Files)
    }

    /// A theme stylesheet changed: takes its new bytes. False when the theme must be
    /// loaded again (the file is gone or is a copy of the built-in one, which applies).
    fn css_changed(&mut self, under_static: &Path) -> bool {
        let path = self
            .root
            .join("themes")
            .join(&self.course.config.theme)
            .join("static")
            .join(under_static);
        let Ok(bytes) = std::fs::read(&path) else {
            return false;
        };
        let builtin = theme::DEFAULT_THEME.get_file(Path::new("static").join(under_static));
        if builtin.is_some_and(|f| f.contents() == bytes.as_slice()) {
            // A copy of the built-in file is no override: the theme publishes its
            // minified form.
            return false;
        }
        if let Some(t) = &mut self.theme {
            t.statics
                .insert(under_static.to_path_buf(), Cow::Owned(bytes.clone()));
        }
        if self.built {
            self.files.insert(
                site_path(&Path::new("static").join(under_static)),
                Bytes::from(bytes),
            );
        }
        true
    }

    fn reload_theme(&mut self) {
        self.theme_diags = Diagnostics::new();
        self.theme = theme::load(&self.root, &self.course.config.theme, &mut self.theme_diags);
        self.dirty.all = true;
    }

    /// Loads everything again. Returns the number of pages rendered.
    fn full(&mut self) -> usize {
        let (course, mut load_diags) = course_load::load(&self.root);
        let analysed = render::analyse_modules(&course);
        let mut theme_diags = Diagnostics::new();
        let theme = theme::load(&self.root, &course.config.theme, &mut theme_diags);
        self.logo = crate::check_logo(&course, &mut load_diags);
        self.course = course;
        self.load_diags = load_diags;
        (self.rendered, self.module_diags) = analysed.into_iter().unzip();
        self.theme = theme;
        self.theme_diags = theme_diags;
        self.xref_diags = Diagnostics::new();
        crate::check::cross_references(&self.course, &self.rendered, &mut self.xref_diags);
        self.page_errors.clear();
        self.dirty = Dirty::everything();
        self.search_stale = true;
        self.publish()
    }

    /// Puts every part's diagnostics together, each with the source text it points into.
    fn assemble(&mut self) {
        let mut all = Diagnostics::new();
        let parts = [&self.load_diags, &self.theme_diags, &self.xref_diags]
            .into_iter()
            .chain(self.module_diags.iter());
        let mut files: BTreeSet<&Path> = BTreeSet::new();
        for part in parts {
            for d in part.items() {
                files.insert(&d.file);
                all.push(d.clone());
            }
        }
        for d in self.page_errors.values() {
            all.push(d.clone());
        }
        for f in files {
            let text = match self.course.modules.iter().find(|m| m.source == f) {
                Some(m) => Some(m.text.as_str()),
                None => self
                    .load_diags
                    .source(f)
                    .or_else(|| self.theme_diags.source(f)),
            };
            if let Some(t) = text {
                all.add_source(f, t);
            }
        }
        self.diags = all;
    }

    /// Renders the pages marked dirty into the site. Returns how many were rendered.
    fn render_dirty(&mut self) -> usize {
        let Some(theme) = &self.theme else { return 0 };
        let dirty = std::mem::take(&mut self.dirty);
        if dirty.is_empty() {
            return 0;
        }
        if dirty.all {
            self.page_errors.clear();
        }
        let pages = Pages::new(&self.course, &self.rendered, theme);
        let modules: Vec<usize> = if dirty.all {
            (0..self.course.modules.len()).collect()
        } else {
            dirty.modules.iter().copied().collect()
        };
        let mut site_pages: Vec<SitePage> = Vec::new();
        if dirty.all {
            site_pages.extend(SitePage::ALL);
        } else {
            if dirty.home {
                site_pages.push(SitePage::Home);
            }
            if dirty.glossary {
                site_pages.push(SitePage::Glossary);
            }
        }
        let mut results: Vec<(String, PageResult)> = modules
            .par_iter()
            .map(|&i| {
                (
                    render::module_url(&self.course.modules[i]),
                    pages.module_page(i),
                )
            })
            .collect();
        for p in site_pages {
            if let Some(r) = pages.site_page(p) {
                results.push((p.file().to_string(), r));
            }
        }
        let count = results.len();
        let mut out: Vec<OutFile> = Vec::new();
        for (path, r) in results {
            match r {
                Ok(f) => {
                    self.page_errors.remove(&path);
                    out.push(f);
                }
                Err(d) => {
                    self.page_errors.insert(path, *d);
                }
            }
        }
        if dirty.all || dirty.course_js {
            out.push(pages.course_js());
        }
        if !self.page_errors.is_empty() {
            // A template failed: nothing is published, and every page is tried again next time.
            self.dirty = Dirty::everything();
            return count;
        }
        if dirty.all {
            // Start from nothing, so pages and files that no longer exist go.
            let mut files = Files::new();
            for (path, bytes) in &theme.statics {
                files.insert(
                    site_path(&Path::new("static").join(path)),
                    Bytes::from(bytes.to_vec()),
                );
            }
            if let Some((src, dest)) = &self.logo {
                if let Ok(bytes) = std::fs::read(src) {
                    files.insert(site_path(dest), Bytes::from(bytes));
                }
            }
            self.files = files;
        }
        for f in out {
            self.files.insert(site_path(&f.path), Bytes::from(f.bytes));
        }
        self.sync_media(&modules);
        self.built = true;
        count
    }

    /// Copies the images and files the given modules use, and drops media no module uses.
    fn sync_media(&mut self, modules: &[usize]) {
        let used: BTreeSet<String> = self
            .rendered
            .iter()
            .flat_map(|r| r.assets.iter().map(|a| media_path(a)))
            .collect();
        self.files
            .retain(|k, _| !k.starts_with("media/") || used.contains(k));
        for &i in modules {
            for a in &self.rendered[i].assets {
                if let Ok(bytes) = std::fs::read(self.root.join(a)) {
                    self.files.insert(media_path(a), Bytes::from(bytes));
                }
            }
        }
    }
}

/// True for files editors write beside the real one while saving (swap files, backups,
/// vim's `4913` probe), and for hidden files, which the course never reads.
pub fn is_editor_temp(path: &Path) -> bool {
    path.components().any(|c| {
        let Component::Normal(name) = c else {
            return false;
        };
        let name = name.to_string_lossy();
        name.starts_with('.')
            || name.starts_with('#')
            || name.ends_with('~')
            || name == "4913"
            || [".swp", ".swx", ".tmp", ".bak"]
                .iter()
                .any(|e| name.to_ascii_lowercase().ends_with(e))
    })
}

/// A site path with `/` separators.
pub fn site_path(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

/// Generated files keyed by their site path, as the server looks them up.
pub fn file_map(files: Vec<OutFile>) -> Files {
    files
        .into_iter()
        .map(|f| (site_path(&f.path), Bytes::from(f.bytes)))
        .collect()
}

/// Where a file under `content/` is published.
fn media_path(rel: &Path) -> String {
    let inside = rel.strip_prefix(CONTENT_DIR).unwrap_or(rel);
    site_path(&Path::new("media").join(inside))
}
