//! One rebuild: apply a batch of changes to the site in memory, publish it to the server,
//! tell the browsers, and print what happened.

use std::io::Write;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender};
use std::sync::Arc;

use notify::RecommendedWatcher;
use termcolor::StandardStream;

use super::events::{diagnostics_json, no_site_page, Shared};
use super::incremental::{LiveSite, Redo, Update};
use super::watch;
use crate::diagnostic::Diagnostics;
use crate::messages;
use crate::search::SearchDoc;
use crate::write::memory::Memory;

/// The rebuild thread's state.
pub(super) struct Rebuilder {
    pub(super) site: LiveSite,
    pub(super) shared: Arc<Shared>,
    pub(super) term: StandardStream,
    /// Where search documents go to be exported off the reload's path.
    pub(super) search: Sender<Vec<SearchDoc>>,
    /// The diagnostics last printed, so the same list is not printed twice in a row.
    pub(super) last_printed: String,
}

impl Rebuilder {
    /// Rebuilds after each batch of file events until the watcher goes away.
    pub(super) fn run(
        mut self,
        mut watcher: RecommendedWatcher,
        rx: Receiver<PathBuf>,
        mut watched: watch::Watched,
    ) {
        let root = self.site.root().to_path_buf();
        self.last_printed = self.site.diagnostics().render_plain();
        while let Some(batch) = watch::debounce(&rx, &root) {
            if batch.iter().any(|p| p.parent() == Some(root.as_path())) {
                watch::watch_dirs(&mut watcher, &root, &mut watched, false);
            }
            self.rebuild(&batch);
        }
    }

    /// Applies one batch of changes, publishes the result and tells the browsers.
    fn rebuild(&mut self, batch: &[PathBuf]) {
        let was_error = self
            .shared
            .error
            .read()
            .map(|e| e.is_some())
            .unwrap_or(false);
        let what = describe(&self.site, batch);
        let update = self.site.apply(batch);
        if update.redo == Redo::Nothing && update.has_errors == was_error {
            return; // nothing the site depends on changed
        }
        if !update.changed.is_empty() {
            if let Ok(mut f) = self.shared.files.write() {
                // Only the files that changed: at 10,000 modules copying the whole map
                // (40,000 paths) took longer than the rebuild. `make_mut` copies it only
                // when a request is still reading the previous one.
                let site = self.site.files();
                let served = Arc::make_mut(&mut *f);
                for path in &update.changed {
                    match site.get(path) {
                        Some(bytes) => {
                            served.insert(path.clone(), bytes.clone());
                        }
                        None => {
                            served.remove(path);
                        }
                    }
                }
            }
        }
        if update.has_errors {
            let diags = self.site.diagnostics();
            set_error(&self.shared, &self.site, &diags);
            let error = self.shared.error.read().ok().and_then(|e| e.clone());
            self.shared.broadcast("error", &error.unwrap_or_default());
            self.last_printed = diags.render_plain();
            let _ = diags.render(&mut self.term);
            let _ = writeln!(self.term, "{}", messages::rebuild_failed(&what, &diags));
            return;
        }
        self.announce(&update, was_error);
        // The search index follows, off the reload's path.
        if let Some(docs) = self.site.take_search_docs() {
            let _ = self.search.send(docs);
        }
        // The terminal's report comes after the browsers are told: with thousands of
        // warnings it takes longer than the rebuild.
        let diags = self.site.diagnostics();
        let plain = diags.render_plain();
        if !diags.is_empty() && plain != self.last_printed {
            let _ = diags.render(&mut self.term);
        }
        self.last_printed = plain;
        let line = messages::rebuilt(&what, update.changed.len(), update.elapsed, &diags);
        let _ = writeln!(self.term, "{line}");
    }

    /// Clears the error state and tells the browsers what to reload.
    fn announce(&self, update: &Update, was_error: bool) {
        let shared = &self.shared;
        if let Ok(mut e) = shared.error.write() {
            *e = None;
        }
        if let Ok(mut n) = shared.no_site.write() {
            *n = None;
        }
        if update.changed.is_empty() {
            if was_error {
                shared.broadcast("ok", "{}");
            }
        } else if update.css_only() {
            let paths = serde_json::json!({ "paths": update.changed });
            shared.broadcast("css", &paths.to_string());
        } else {
            // Pages reload when they changed; anything else (scripts, images, course.js)
            // is used by every page.
            let all =
                update.changed.len() > 200 || update.changed.iter().any(|p| !p.ends_with(".html"));
            let paths: &[String] = if all { &[] } else { &update.changed };
            let data = serde_json::json!({ "all": all, "paths": paths });
            shared.broadcast("reload", &data.to_string());
        }
    }
}

/// The changed files the site depends on, for the terminal: at most three named.
fn describe(site: &LiveSite, batch: &[PathBuf]) -> String {
    let names: Vec<String> = batch
        .iter()
        .filter(|p| site.depends_on(p))
        .map(|p| {
            p.strip_prefix(site.root())
                .unwrap_or(p)
                .display()
                .to_string()
        })
        .collect();
    if names.len() > 3 {
        format!("{}, … ({} files)", names[..3].join(", "), names.len())
    } else {
        names.join(", ")
    }
}

/// Exports search indexes, always the newest documents, into the served site.
pub(super) fn search_loop(rx: Receiver<Vec<SearchDoc>>, shared: Arc<Shared>) {
    while let Ok(mut docs) = rx.recv() {
        while let Ok(newer) = rx.try_recv() {
            docs = newer;
        }
        let memory = Memory::default();
        if crate::search::export::export(&docs, &memory).is_ok() {
            if let Ok(mut s) = shared.search.write() {
                *s = Arc::new(memory.into_files());
            }
        }
    }
}

/// Records `diags` as the current error (event JSON and, with no site yet, the page shown
/// instead).
pub(super) fn set_error(shared: &Shared, site: &LiveSite, diags: &Diagnostics) {
    let json = diagnostics_json(diags).to_string();
    if !site.has_site() {
        if let Ok(mut n) = shared.no_site.write() {
            *n = Some(no_site_page(diags));
        }
    }
    if let Ok(mut e) = shared.error.write() {
        *e = Some(json);
    }
}
