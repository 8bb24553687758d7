//! Module bodies: markdown → HTML, in passes over pulldown-cmark's events.
//!
//! For one module ([`render_body`]):
//!
//! 1. parse the body with source offsets (pulldown-cmark, GitHub-style extensions);
//! 2. [`callouts`]: `> [!NOTE] Title` block quotes become `<aside class="callout">`;
//!    [`placeholders`]: `[[replace: what]]` becomes a marked placeholder;
//! 3. [`outline`]: heading ids (unique, never a [`RESERVED_IDS`] one), the "On this page"
//!    list and the plain-text [`Section`]s search indexes, with heading-level lints;
//! 4. [`links`]: `glossary:` links become term links, links to other modules' files point
//!    at their pages, images and files at `media/`; every target becomes a [`Reference`]
//!    for the check stage (nothing here touches the disk);
//! 5. [`headings`]: each heading becomes `<h2 id>`, its text a link to its section;
//! 6. [`tables`]: tables are wrapped in a scrollable, focusable region;
//! 7. HTML.
//!
//! The result is a [`Body`]. Problems with the markdown itself (a skipped heading level,
//! an unknown callout, an image without alt text) are reported here; whether links lead
//! anywhere is the check stage's business ([`crate::check`]).

mod bodies;
mod callouts;
mod headings;
mod links;
mod outline;
mod placeholders;
mod raw_html;
mod tables;

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

use pulldown_cmark::{html, Event, Options, Parser};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::{Course, Module, Page};

pub(crate) use bodies::{render_bodies, render_page_bodies, Bodies};

/// Ids the page templates use; headings never take them.
pub const RESERVED_IDS: &[&str] = &[
    "main",
    "quiz",
    "toc",
    "terms",
    "content-note",
    "search",
    "progress",
    "top",
    "hotline",
    "key-points",
    "key-points-title",
    "objectives-title",
];

/// One entry of a module's "On this page" list.
#[derive(Debug, Clone, serde::Serialize, PartialEq, Eq)]
pub(crate) struct TocEntry {
    pub(crate) level: u8,
    pub(crate) id: String,
    pub(crate) title: String,
}

/// Plain text of a part of a module, split at `##`/`###` headings (for search).
#[derive(Debug, Clone, serde::Serialize, Default)]
pub(crate) struct Section {
    /// Heading id; `None` for the text before the first heading.
    pub(crate) id: Option<String>,
    pub(crate) title: String,
    pub(crate) level: u8,
    pub(crate) text: String,
}

/// Where a link or image in a module points, as written and resolved against the module's
/// folder, not yet checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    /// `glossary:ID`.
    Term(String),
    /// A markdown file (relative to the course folder), maybe with a `#fragment`.
    Module {
        file: PathBuf,
        fragment: Option<String>,
    },
    /// `#fragment` on the module's own page.
    SamePage(String),
    /// Any other file (relative to the course folder): an image or a linked document.
    File { file: PathBuf, image: bool },
    /// A path starting with `/`.
    Absolute { image: bool },
    /// An image from another site.
    ExternalImage,
    /// A path that climbs out of the course folder (`..` too often), or is not relative.
    Escapes { not_relative: bool },
    /// Raw HTML or CSS that loads something from another host (`<img src="https://…">`,
    /// `url(//…)`).
    ExternalResource,
    /// A raw `<script>`: the Content-Security-Policy would block it.
    Script,
    /// A raw `style="…"` or `on…="…"` attribute: the Content-Security-Policy blocks them.
    InlineAttribute,
    /// `glossary:` mistyped (`Glossary:ID`, `glosary:ID`): it would be a dead link.
    MistypedGlossary,
}

/// One link or image of a module, for the check stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reference {
    pub(crate) target: Target,
    /// The destination as written.
    pub(crate) written: String,
    /// The part of it that was resolved as a path (before any `#` for links).
    pub(crate) path: String,
    /// Byte range of the link or image in the module file.
    pub(crate) span: (usize, usize),
}

/// What one module's markdown became: its HTML with the outline the page shows, the
/// references the check stage verifies, and the plain-text sections search indexes.
#[derive(Debug, Clone, Default)]
pub(crate) struct Body {
    pub(crate) html: String,
    pub(crate) toc: Vec<TocEntry>,
    /// Every heading id on the page.
    pub(crate) heading_ids: HashSet<String>,
    /// Glossary ids linked from the page, in order of first use.
    pub(crate) terms: Vec<String>,
    pub(crate) references: Vec<Reference>,
    /// Files (relative to the course folder) the page links or shows: copied to `media/`.
    pub(crate) assets: Vec<PathBuf>,
    pub(crate) sections: Vec<Section>,
}

/// A markdown document to render: a module or a standalone page.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Doc<'a> {
    /// Path relative to the course folder.
    pub(crate) source: &'a Path,
    pub(crate) title: &'a str,
    /// The whole file.
    pub(crate) text: &'a str,
    /// Where the body starts in `text`.
    pub(crate) body_offset: usize,
    /// The site folder its page is in: `modules` or `pages`.
    pub(crate) folder: &'static str,
}

impl<'a> Doc<'a> {
    fn body(&self) -> &'a str {
        &self.text[self.body_offset..]
    }
}

impl<'a> From<&'a Module> for Doc<'a> {
    fn from(m: &'a Module) -> Self {
        Doc {
            source: &m.source,
            title: &m.title,
            text: &m.text,
            body_offset: m.body_offset,
            folder: "modules",
        }
    }
}

impl<'a> From<&'a Page> for Doc<'a> {
    fn from(p: &'a Page) -> Self {
        Doc {
            source: &p.source,
            title: &p.title,
            text: &p.text,
            body_offset: p.body_offset,
            folder: "pages",
        }
    }
}

/// Markdown file (relative to the course folder) → the folder and slug of its page: what
/// links between modules and pages resolve against.
pub(crate) struct LinkTargets<'a> {
    pages: HashMap<&'a Path, (&'static str, &'a str)>,
}

impl<'a> LinkTargets<'a> {
    /// Indexes the course's modules and standalone pages.
    pub(crate) fn new(course: &'a Course) -> Self {
        let modules = course
            .modules
            .iter()
            .map(|m| (m.source.as_path(), ("modules", m.slug.as_str())));
        let pages = course
            .pages
            .iter()
            .map(|p| (p.source.as_path(), ("pages", p.slug.as_str())));
        LinkTargets {
            pages: modules.chain(pages).collect(),
        }
    }

    /// True when `file` is a module's or a page's.
    pub(crate) fn contains(&self, file: &Path) -> bool {
        self.pages.contains_key(file)
    }

    /// The URL of `file`'s page from a page in `from` (a site folder).
    fn url(&self, file: &Path, from: &str) -> Option<String> {
        let (folder, slug) = self.pages.get(file)?;
        Some(if *folder == from {
            format!("{slug}.html")
        } else {
            format!("../{folder}/{slug}.html")
        })
    }
}

/// Renders one document's body, with the problems found in its markdown.
pub(crate) fn render_body(doc: Doc, targets: &LinkTargets) -> (Body, Diagnostics) {
    let mut lints = Lints {
        doc,
        diags: Diagnostics::new(),
    };
    let events: Vec<(Event, Range<usize>)> = Parser::new_ext(doc.body(), options())
        .into_offset_iter()
        .collect();
    let events = callouts::apply(events, &mut lints);
    let events = if doc.text.contains(crate::util::placeholder::OPEN) {
        placeholders::apply(events)
    } else {
        events
    };
    let outline = outline::read(&events, doc.title, &mut lints);
    let (events, refs) = links::apply(events, doc, targets, &mut lints);
    let events = headings::apply(events, &outline.headings);
    let events = tables::apply(events);
    let mut html_out = String::with_capacity(doc.body().len() * 3 / 2);
    html::push_html(&mut html_out, events.into_iter().map(|(e, _)| e));
    let mut diags = lints.diags;
    if !diags.is_empty() {
        diags.add_source(doc.source, doc.text);
    }
    // Kept until the pages and the search index are made, for every module at once:
    // growing strings leave up to half their room unused, so give it back.
    html_out.shrink_to_fit();
    let mut sections = outline.sections;
    for s in &mut sections {
        s.text.shrink_to_fit();
        s.title.shrink_to_fit();
    }
    sections.shrink_to_fit();
    let body = Body {
        html: html_out,
        toc: outline.toc,
        heading_ids: outline.heading_ids,
        terms: refs.terms,
        references: refs.references,
        assets: refs.assets,
        sections,
    };
    (body, diags)
}

/// Renders a short piece of markdown (a definition, a hotline note) without the `<p>` wrapper.
pub(crate) fn render_inline(text: &str) -> String {
    let mut s = String::new();
    if text.contains(crate::util::placeholder::OPEN) {
        let events = Parser::new_ext(text, options())
            .into_offset_iter()
            .collect();
        html::push_html(
            &mut s,
            placeholders::apply(events).into_iter().map(|(e, _)| e),
        );
    } else {
        html::push_html(&mut s, Parser::new_ext(text, options()));
    }
    let t = s.trim();
    match t.strip_prefix("<p>").and_then(|x| x.strip_suffix("</p>")) {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => t.to_string(),
    }
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
}

/// The markdown problems of one module, pointed at their place in its file.
pub(crate) struct Lints<'a> {
    doc: Doc<'a>,
    diags: Diagnostics,
}

impl Lints<'_> {
    /// Byte range in the whole file of a range in the body.
    fn span(&self, r: &Range<usize>) -> (usize, usize) {
        (self.doc.body_offset + r.start, self.doc.body_offset + r.end)
    }

    fn report(&mut self, d: Diagnostic, r: &Range<usize>) {
        let (s, e) = self.span(r);
        self.diags.push(at_first_line(d, self.doc.text, s, e));
    }

    fn warning(
        &mut self,
        code: &'static str,
        message: impl Into<String>,
        hint: &str,
        r: &Range<usize>,
    ) {
        let d = Diagnostic::warning(code, self.doc.source, message).hint(hint);
        self.report(d, r);
    }

    fn error(
        &mut self,
        code: &'static str,
        message: impl Into<String>,
        hint: &str,
        r: &Range<usize>,
    ) {
        let d = Diagnostic::error(code, self.doc.source, message).hint(hint);
        self.report(d, r);
    }
}

/// Points `d` at `start..end` of `text`, underlining only the first line of a long
/// construct.
pub(crate) fn at_first_line(d: Diagnostic, text: &str, start: usize, end: usize) -> Diagnostic {
    let end = text[start..end]
        .find('\n')
        .map(|n| start + n)
        .unwrap_or(end);
    d.at(text, start, end)
}

/// The text of a run of inline events (for heading ids and titles).
fn plain_text(events: &[(Event, Range<usize>)]) -> String {
    let mut s = String::new();
    for (e, _) in events {
        match e {
            Event::Text(t) | Event::Code(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            _ => {}
        }
    }
    s
}

#[cfg(test)]
pub(super) mod tests;
