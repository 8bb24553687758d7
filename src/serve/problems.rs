//! What is wrong with the course as it is on disk: every stage's problems in one list,
//! as `aware check` would print them.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use super::incremental::LiveSite;
use crate::diagnostic::Diagnostics;

impl LiveSite {
    /// Every problem of the course as it is now on disk (as `aware check` reports them),
    /// each with the source text it points into.
    pub fn diagnostics(&self) -> Diagnostics {
        let mut all = Diagnostics::new();
        let parts = [&self.load_diags, &self.theme_diags, &self.page_diags]
            .into_iter()
            .chain(self.checks.parts())
            .chain(self.body_diags.iter());
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
        // Each file's text, looked up once per file (a course of 10,000 modules with a
        // warning in each must not scan every module for every warning).
        let mut texts: HashMap<&Path, &str> = HashMap::new();
        let parts = [&self.load_diags, &self.theme_diags]
            .into_iter()
            .chain(self.checks.parts());
        for part in parts {
            for (p, t) in part.sources() {
                texts.entry(p.as_path()).or_insert(t.as_str());
            }
        }
        for (p, t) in self
            .course
            .modules
            .iter()
            .map(|m| (&m.source, &m.text))
            .chain(self.course.pages.iter().map(|p| (&p.source, &p.text)))
        {
            texts.insert(p.as_path(), t.as_str());
        }
        for f in files {
            if let Some(t) = texts.get(f) {
                all.add_source(f, t);
            }
        }
        all
    }

    /// True when the course's content or theme has errors (template errors aside).
    pub(super) fn content_errors(&self) -> bool {
        [&self.load_diags, &self.theme_diags, &self.page_diags]
            .into_iter()
            .chain(self.body_diags.iter())
            .any(Diagnostics::has_errors)
            || self.checks.has_errors()
    }

    /// True when the course as it is now has errors (the site is the last good one).
    pub fn has_errors(&self) -> bool {
        self.content_errors() || !self.page_errors.is_empty()
    }
}
