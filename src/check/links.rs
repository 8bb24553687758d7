//! Links and images: every reference the markdown stage recorded must lead somewhere
//! inside the course. This is the only place that looks at the disk for them.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::diagnostic::{hint_for, Diagnostic, Diagnostics};
use crate::load::{Course, CONTENT_DIR, GLOSSARY_FILE};
use crate::render::markdown::{at_first_line, Body, Doc, LinkTargets, Reference, Target};

/// Checks the references of the documents `only` names (every one when `None`): modules
/// by their index in course order, then pages, numbered after the modules. Returns each
/// checked document's problems with its index. `bodies` and `page_bodies` are in course
/// order.
pub(super) fn check(
    course: &Course,
    bodies: &[Body],
    page_bodies: &[Body],
    only: Option<&BTreeSet<usize>>,
) -> Vec<(usize, Diagnostics)> {
    let docs: Vec<(Doc, &Body)> = course
        .modules
        .iter()
        .map(Doc::from)
        .zip(bodies)
        .chain(course.pages.iter().map(Doc::from).zip(page_bodies))
        .collect();
    // When only some documents are checked, only their own headings and those of the
    // documents they link into are needed (at 10,000 modules the rest cost more than the
    // check itself).
    let checked = |i: &usize| only.is_none_or(|o| o.contains(i));
    let targeted: HashSet<&Path> = docs
        .iter()
        .enumerate()
        .filter(|(i, _)| only.is_some_and(|o| o.contains(i)))
        .flat_map(|(_, (_, b))| b.references.iter())
        .filter_map(|r| match &r.target {
            Target::Module { file, .. } => Some(file.as_path()),
            _ => None,
        })
        .collect();
    let c = Checker {
        course,
        targets: LinkTargets::new(course),
        glossary: course.glossary.iter().map(|t| t.id.as_str()).collect(),
        headings: docs
            .iter()
            .enumerate()
            .filter(|(i, (d, _))| checked(i) || targeted.contains(d.source))
            .map(|(_, (d, b))| (d.source, &b.heading_ids))
            .collect(),
        // Computed once: resolving it for every link costs two system calls each.
        root: course.root.canonicalize().ok(),
    };
    let mut out = Vec::new();
    for (i, (doc, b)) in docs.iter().enumerate() {
        if !checked(&i) {
            continue;
        }
        let mut found = Diagnostics::new();
        for r in &b.references {
            if let Some(d) = c.reference(doc, r) {
                found.push(at_first_line(d, doc.text, r.span.0, r.span.1));
            }
        }
        if !found.is_empty() {
            found.add_source(doc.source, doc.text);
        }
        out.push((i, found));
    }
    out
}

/// The documents (numbered as in [`check`]) with a link into one of `files`: their
/// anchors may have come or gone with an edit of those files.
pub(super) fn linking_to(
    bodies: &[Body],
    page_bodies: &[Body],
    files: &[&Path],
) -> BTreeSet<usize> {
    bodies
        .iter()
        .chain(page_bodies)
        .enumerate()
        .filter(|(_, b)| {
            b.references.iter().any(|r| {
                // Both sides are normalised relative paths (`resolve` and discovery build
                // them from normal components), so their bytes compare exactly, much
                // faster than `Path`'s component by component comparison over every
                // link of 10,000 modules.
                matches!(&r.target, Target::Module { file, fragment: Some(_) }
                    if files.iter().any(|f| f.as_os_str() == file.as_os_str()))
            })
        })
        .map(|(i, _)| i)
        .collect()
}

struct Checker<'a> {
    course: &'a Course,
    targets: LinkTargets<'a>,
    glossary: HashSet<&'a str>,
    headings: HashMap<&'a Path, &'a HashSet<String>>,
    root: Option<PathBuf>,
}

impl Checker<'_> {
    /// The problem with one reference of document `doc`, if any.
    fn reference(&self, doc: &Doc, r: &Reference) -> Option<Diagnostic> {
        let src = doc.source;
        let (dest, path) = (r.written.as_str(), r.path.as_str());
        match &r.target {
            Target::Term(id) => self.term(src, id),
            Target::SamePage(fragment) => self.anchor(src, src, fragment),
            // A module of the course was found inside it (discovery judged its links):
            // only a path that is no module needs resolving.
            Target::Module { file, fragment } if self.targets.contains(file) => {
                fragment.as_deref().and_then(|f| self.anchor(src, file, f))
            }
            Target::Module { file, fragment } => self
                .escapes_by_link(src, file, path)
                .or_else(|| self.module(src, file, fragment.as_deref(), path)),
            Target::File { file, image } => {
                self.escapes_by_link(src, file, path).or_else(|| self.file(src, file, dest, *image))
            }
            Target::Absolute { image: false } => Some(Diagnostic::error("absolute-link", src, format!("link `{dest}` starts with `/`"))
                .hint("absolute links break when the site is hosted in a sub-folder or opened from disk; link relative to this file, e.g. `02-next-module.md`")),
            Target::Absolute { image: true } => Some(Diagnostic::error("absolute-link", src, format!("image `{dest}` starts with `/`"))
                .hint("link the image relative to this file, e.g. `images/map.png`")),
            Target::ExternalImage => Some(Diagnostic::error("external-image", src, format!("image `{dest}` is loaded from another site"))
                .hint("the site must work offline and send no request elsewhere: save the image into content/ and link it relatively")),
            Target::Escapes { not_relative: false } => Some(Diagnostic::error("path-escapes-course", src, format!("`{path}` points outside the course folder"))
                .hint("keep linked files inside content/")),
            Target::ExternalResource => Some(
                Diagnostic::error("external-resource", src, format!("raw HTML loads `{dest}` from another site"))
                    .hint("the site must work offline and send no request elsewhere: save the file into content/ and refer to it relatively"),
            ),
            Target::Script => Some(
                Diagnostic::error("raw-script", src, "a `<script>` in the text: the site's Content-Security-Policy would block it")
                    .hint("course text cannot run scripts; remove the <script> element"),
            ),
            Target::InlineAttribute => Some(
                Diagnostic::warning("inline-attribute", src, format!("`{dest}` in raw HTML: the site's Content-Security-Policy ignores inline styles and event handlers"))
                    .hint("remove the attribute; use markdown, a callout, or a class the theme's stylesheet styles"),
            ),
            Target::MistypedGlossary => Some(
                Diagnostic::error("mistyped-glossary-link", src, format!("link `{dest}` is not a glossary link: the prefix is written `glossary:`"))
                    .hint(format!("write `glossary:{}`, in lower case", path.trim())),
            ),
            Target::Escapes { not_relative: true } => Some(Diagnostic::error("path-escapes-course", src, format!("`{path}` is not a relative path"))
                .hint("link relative to this file")),
        }
    }

    fn term(&self, src: &Path, id: &str) -> Option<Diagnostic> {
        if self.glossary.contains(id) || self.course.failed.glossary {
            return None;
        }
        let hint = hint_for(
            id,
            self.course.glossary.iter().map(|t| t.id.as_str()),
            |b| format!("did you mean `glossary:{b}`?"),
            || format!("add a term with `id: {id}` to {GLOSSARY_FILE}, or fix the id"),
        );
        Some(
            Diagnostic::error(
                "unknown-glossary-term",
                src,
                format!("no glossary term with id `{id}`"),
            )
            .hint(hint),
        )
    }

    /// A symbolic link inside the course that leads out of it.
    fn escapes_by_link(&self, src: &Path, file: &Path, path: &str) -> Option<Diagnostic> {
        let root = self.root.as_ref()?;
        let real = self.course.root.join(file).canonicalize().ok()?;
        (!real.starts_with(root)).then(|| {
            Diagnostic::error(
                "path-escapes-course",
                src,
                format!("`{path}` is a link to a file outside the course folder"),
            )
            .hint("copy the file into content/ instead of linking to it")
        })
    }

    fn module(
        &self,
        src: &Path,
        file: &Path,
        fragment: Option<&str>,
        path: &str,
    ) -> Option<Diagnostic> {
        if self.targets.contains(file) {
            return fragment.and_then(|f| self.anchor(src, file, f));
        }
        if self.course.failed.modules.contains(file) {
            return None;
        }
        let names: Vec<String> = self
            .course
            .modules
            .iter()
            .filter_map(|m| {
                m.source
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
            })
            .collect();
        let wanted = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let hint = hint_for(
            &wanted,
            names.iter().map(String::as_str),
            |b| format!("did you mean `{b}`?"),
            || {
                "link to a module file in content/, relative to this file, e.g. `03-who-is-at-risk.md`".into()
            },
        );
        Some(
            Diagnostic::error(
                "broken-link",
                src,
                format!("link to `{path}`: there is no module {}", file.display()),
            )
            .hint(hint),
        )
    }

    fn file(&self, src: &Path, file: &Path, dest: &str, image: bool) -> Option<Diagnostic> {
        let (code, what) = if image {
            ("missing-image", "image")
        } else {
            ("broken-link", "linked file")
        };
        if file.strip_prefix(CONTENT_DIR).is_err() {
            return Some(
                Diagnostic::error(
                    "outside-content",
                    src,
                    format!("{what} `{dest}` is outside content/"),
                )
                .hint(
                    "keep images and files inside content/ so they are published with the course",
                ),
            );
        }
        if self.course.root.join(file).is_file() {
            return None;
        }
        Some(
            Diagnostic::error(
                code,
                src,
                format!("{what} `{dest}` not found (looked for {})", file.display()),
            )
            .hint("check the file name and its folder; paths are relative to this module file"),
        )
    }

    /// A `#fragment` on the page of the module or page in file `target`.
    fn anchor(&self, src: &Path, target: &Path, fragment: &str) -> Option<Diagnostic> {
        let ids = self.headings.get(target)?;
        if fragment.is_empty() || ids.contains(fragment) {
            return None;
        }
        let hint = hint_for(
            fragment,
            ids.iter().map(String::as_str),
            |b| format!("did you mean `#{b}`?"),
            || {
                let mut all: Vec<&str> = ids.iter().map(String::as_str).collect();
                all.sort();
                format!("section ids on that page: {}", all.join(", "))
            },
        );
        let name = self
            .course
            .modules
            .iter()
            .find(|m| m.source == target)
            .map(|m| format!("module `{}`", m.slug))
            .or_else(|| {
                let p = self.course.pages.iter().find(|p| p.source == target)?;
                Some(format!("page `{}`", p.slug))
            })
            .unwrap_or_else(|| target.display().to_string());
        Some(
            Diagnostic::error(
                "broken-anchor",
                src,
                format!("no section `#{fragment}` in {name}"),
            )
            .hint(hint),
        )
    }
}
