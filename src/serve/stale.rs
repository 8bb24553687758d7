//! Pages the model in memory has moved past, and rendering them.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use super::incremental::{bytes, LiveSite};
use crate::render::files::{media_path, statics};
use crate::render::module_url;
use crate::render::pages::{PageResult, Pages, SitePage};
use crate::util::site_path::site_path;
use crate::write::memory::{Bytes, Files};
use crate::write::OutFile;

/// Pages not rendered since the model changed (while the course has errors, nothing is
/// published).
#[derive(Debug, Default)]
pub(crate) struct Stale {
    pub(crate) every_page: bool,
    pub(crate) modules: BTreeSet<usize>,
    pub(crate) home: bool,
    pub(crate) glossary: bool,
    pub(crate) course_js: bool,
}

impl Stale {
    pub(crate) fn every_page() -> Self {
        Stale {
            every_page: true,
            ..Stale::default()
        }
    }

    fn is_empty(&self) -> bool {
        !self.every_page
            && self.modules.is_empty()
            && !self.home
            && !self.glossary
            && !self.course_js
    }
}

impl LiveSite {
    /// Renders the stale pages into the site. Returns how many were rendered.
    pub(super) fn render_stale(&mut self) -> usize {
        let Some(theme) = &self.theme else { return 0 };
        let stale = std::mem::take(&mut self.stale);
        if stale.is_empty() {
            return 0;
        }
        if stale.every_page {
            self.page_errors.clear();
        }
        let pages = Pages::new(&self.course, &self.bodies, theme, None);
        let modules: Vec<usize> = if stale.every_page {
            (0..self.course.modules.len()).collect()
        } else {
            stale.modules.iter().copied().collect()
        };
        let mut site_pages: Vec<SitePage> = Vec::new();
        if stale.every_page {
            site_pages.extend(SitePage::ALL);
        } else {
            site_pages.extend(stale.home.then_some(SitePage::Home));
            site_pages.extend(stale.glossary.then_some(SitePage::Glossary));
        }
        let mut results: Vec<(String, PageResult)> = modules
            .par_iter()
            .map(|&i| (module_url(&self.course.modules[i]), pages.module_page(i)))
            .collect();
        for p in site_pages {
            results.extend(pages.site_page(p));
        }
        if stale.every_page {
            for (i, p) in self.course.pages.iter().enumerate() {
                results.push((format!("pages/{}.html", p.slug), pages.standalone_page(i)));
            }
        }
        let count = results.len();
        // Each module page's answer key and term definitions, files of their own next to it.
        let mut out: Vec<OutFile> = modules
            .iter()
            .flat_map(|&i| pages.module_files(i))
            .collect();
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
        if stale.every_page || stale.course_js {
            out.extend(crate::render::course_js::files(&self.course));
        }
        if !self.page_errors.is_empty() {
            // A template failed: nothing is published, and every page is tried again next time.
            self.stale = Stale::every_page();
            return count;
        }
        let mut full = None;
        if stale.every_page {
            // Start from nothing, so pages and files that no longer exist go.
            let mut files = Files::new();
            for f in statics(theme, &self.course) {
                files.insert(site_path(&f.path), bytes(f.bytes));
            }
            if let Some(logo) = crate::render::files::logo(&self.course) {
                if let Ok(b) = std::fs::read(&logo.src) {
                    files.insert(site_path(&logo.dest), bytes(b));
                }
            }
            full = Some((
                std::mem::replace(&mut self.files, files),
                std::mem::take(&mut self.changed),
            ));
        }
        if !stale.every_page {
            self.drop_module_files(&modules, &out);
        }
        for f in out {
            self.put(site_path(&f.path), bytes(f.bytes));
        }
        self.sync_media(&modules, stale.every_page);
        if let Some((old, before)) = full {
            // A new site from nothing: what changed is the difference from the old one.
            let mut changed = before;
            for (k, v) in &self.files {
                if old.get(k).is_none_or(|o| !Arc::ptr_eq(o, v) && o != v) {
                    changed.insert(k.clone());
                }
            }
            changed.extend(old.into_keys().filter(|k| !self.files.contains_key(k)));
            self.changed = changed;
        }
        self.built = true;
        count
    }

    /// Removes the files next to re-rendered module pages that they no longer have (a
    /// module's `<slug>.terms.js` once its last glossary link is gone), as a full build
    /// would not write them.
    fn drop_module_files(&mut self, modules: &[usize], out: &[OutFile]) {
        let made: BTreeSet<String> = out.iter().map(|f| site_path(&f.path)).collect();
        for &i in modules {
            // Slugs have no `.`: the prefix is this module's files only.
            let prefix = format!("modules/{}.", self.course.modules[i].slug);
            let gone: Vec<String> = self
                .files
                .range(prefix.clone()..)
                .map(|(k, _)| k)
                .take_while(|k| k.starts_with(&prefix))
                .filter(|k| k.ends_with(".js") && !made.contains(*k))
                .cloned()
                .collect();
            for k in gone {
                self.files.remove(&k);
                self.changed.insert(k);
            }
        }
    }

    /// Copies the images and files the given modules use, and drops media no module uses.
    fn sync_media(&mut self, modules: &[usize], pages: bool) {
        let used: BTreeSet<String> = self
            .bodies
            .modules
            .iter()
            .chain(&self.bodies.pages)
            .flat_map(|b| b.assets.iter().map(|a| media_path(a)))
            .collect();
        let changed = &mut self.changed;
        self.files.retain(|k, _| {
            let keep = !k.starts_with("media/") || used.contains(k);
            if !keep {
                changed.insert(k.clone());
            }
            keep
        });
        let pages = self.bodies.pages.iter().filter(|_| pages);
        let mut media = Vec::new();
        for b in modules
            .iter()
            .map(|&i| &self.bodies.modules[i])
            .chain(pages)
        {
            for a in &b.assets {
                if let Ok(b) = std::fs::read(self.root.join(a)) {
                    media.push((media_path(a), bytes(b)));
                }
            }
        }
        for (k, v) in media {
            self.put(k, v);
        }
    }

    /// Puts a file into the site, remembering its path when its bytes are new.
    pub(super) fn put(&mut self, path: String, bytes: Bytes) {
        match self.files.get(&path) {
            Some(old) if Arc::ptr_eq(old, &bytes) || *old == bytes => {}
            _ => {
                self.changed.insert(path.clone());
                self.files.insert(path, bytes);
            }
        }
    }
}

/// The path under the theme's `static/` folder, in the site.
pub(super) fn static_site_path(under_static: &Path) -> String {
    site_path(&Path::new("static").join(under_static))
}
