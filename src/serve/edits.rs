//! Redoing the least for one kind of edit: a module, an image, a stylesheet, the theme.

use std::borrow::Cow;
use std::collections::HashSet;
use std::path::Path;

use super::incremental::{bytes, LiveSite, Redo};
use super::stale::static_site_path;
use crate::diagnostic::Diagnostics;
use crate::load::theme::DEFAULT_THEME;
use crate::render::files::media_path;
use crate::render::markdown::{render_body, Body, LinkTargets};

impl LiveSite {
    /// Re-reads a module's file and renders it again. `None` when the whole course must
    /// be loaded again (the module is new, gone, renamed, reordered or its front matter
    /// fails).
    pub(super) fn module_changed(&mut self, rel: &Path) -> Option<Redo> {
        let i = self.course.modules.iter().position(|m| m.source == rel)?;
        if !self.root.join(rel).is_file() {
            return None;
        }
        let mut d = Diagnostics::new();
        let text = crate::load::read::read_text(&self.root, rel, &mut d)?;
        let new = crate::load::module::parse_module(rel, text, &mut d)?;
        if d.has_errors() {
            return None;
        }
        let old = &self.course.modules[i];
        if new.order != old.order || new.slug != old.slug {
            return None;
        }
        if new.text == old.text {
            return Some(Redo::Nothing);
        }
        let front_matter_shown = new.summary != old.summary
            || new.minutes != old.minutes
            || new.content_note != old.content_note;
        let redo = if new.title != old.title
            || new.required != old.required
            || new.quiz != old.quiz
            || (front_matter_shown && self.custom_templates())
        {
            // Every page lists the modules; a course's own templates may show any of it.
            self.stale.every_page = true;
            Redo::Pages
        } else {
            if front_matter_shown {
                // The built-in templates show these on the home page, the module's own
                // page and (as prev/next) its neighbours'; course.js has the minutes.
                self.stale.home = true;
                self.stale.course_js = true;
                let n = self.course.modules.len();
                self.stale.modules.extend(
                    [i.saturating_sub(1), i, i + 1]
                        .into_iter()
                        .filter(|&j| j < n),
                );
            }
            Redo::Modules
        };
        self.course.modules[i] = new;
        let (body, diags) = render_body(
            (&self.course.modules[i]).into(),
            &LinkTargets::new(&self.course),
        );
        let terms = |b: &Body| b.terms.iter().cloned().collect::<HashSet<String>>();
        if terms(&body) != terms(&self.bodies.modules[i]) {
            self.stale.glossary = true;
        }
        self.bodies.modules[i] = body;
        self.body_diags[i] = diags;
        self.stale.modules.insert(i);
        self.search_stale = true;
        Some(redo)
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
    /// image), which a whole reload tells.
    pub(super) fn asset_changed(&mut self, rel: &Path) -> Option<Redo> {
        if self.has_errors() {
            return None;
        }
        let used = self
            .bodies
            .modules
            .iter()
            .chain(&self.bodies.pages)
            .any(|b| b.assets.iter().any(|a| a == rel));
        if !used {
            return Some(Redo::Nothing);
        }
        let b = std::fs::read(self.root.join(rel)).ok()?;
        if self.built {
            self.put(media_path(rel), bytes(b));
        }
        Some(Redo::Files)
    }

    /// A theme stylesheet changed: takes its new bytes. False when the theme must be
    /// loaded again (the file is gone or is a copy of the built-in one, which applies).
    pub(super) fn css_changed(&mut self, under_static: &Path) -> bool {
        let path = self
            .root
            .join("themes")
            .join(&self.course.config.theme)
            .join("static")
            .join(under_static);
        let Ok(b) = std::fs::read(&path) else {
            return false;
        };
        let builtin = DEFAULT_THEME.get_file(Path::new("static").join(under_static));
        if builtin.is_some_and(|f| f.contents() == b.as_slice()) {
            // A copy of the built-in file is no override: the theme publishes its
            // minified form.
            return false;
        }
        let Some(t) = &mut self.theme else {
            return false;
        };
        t.statics.insert(under_static.to_path_buf(), Cow::Owned(b));
        if self.built {
            // As published: the brand colours join the main stylesheet.
            let dest = Path::new("static").join(under_static);
            let published = crate::render::files::statics(t, &self.course).find(|f| f.path == dest);
            if let Some(f) = published {
                self.put(static_site_path(under_static), bytes(f.bytes));
            }
        }
        true
    }

    /// Loads the theme again; every page is stale.
    pub(super) fn reload_theme(&mut self) {
        self.theme_diags = Diagnostics::new();
        self.theme = crate::load::theme::load(
            &self.root,
            &self.course.config.theme,
            &self.course.config_text,
            &mut self.theme_diags,
        );
        self.stale.every_page = true;
    }
}
