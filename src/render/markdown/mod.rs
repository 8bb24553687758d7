//! Module bodies: markdown → HTML, in passes over pulldown-cmark's events.
//!
//! For one module ([`render_body`]):
//!
//! 1. parse the body with source offsets (pulldown-cmark, GitHub-style extensions);
//! 2. [`callouts`]: `> [!NOTE] Title` block quotes become `<aside class="callout">`;
//! 3. [`outline`]: heading ids (unique, never a [`RESERVED_IDS`] one), the "On this page"
//!    list and the plain-text [`Section`]s search indexes, with heading-level lints;
//! 4. [`links`]: `glossary:` links become term links, links to other modules' files point
//!    at their pages, images and files at `media/`; every target becomes a [`Reference`]
//!    for the check stage (nothing here touches the disk);
//! 5. [`headings`]: each heading becomes `<h2 id>` with its anchor link;
//! 6. [`tables`]: tables are wrapped in a scrollable, focusable region;
//! 7. HTML.
//!
//! The result is a [`Body`]. Problems with the markdown itself (a skipped heading level,
//! an unknown callout, an image without alt text) are reported here; whether links lead
//! anywhere is the check stage's business ([`crate::check`]).

mod callouts;
mod headings;
mod links;
mod outline;
mod tables;

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::PathBuf;

use pulldown_cmark::{html, Event, Options, Parser};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::{Course, Module};

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

/// Module source path (relative to the course folder) → page slug: what links between
/// modules resolve against.
pub(crate) struct ModulePages<'a> {
    slugs: HashMap<&'a std::path::Path, &'a str>,
}

impl<'a> ModulePages<'a> {
    /// Indexes the course's modules.
    pub(crate) fn new(course: &'a Course) -> Self {
        ModulePages {
            slugs: course
                .modules
                .iter()
                .map(|m| (m.source.as_path(), m.slug.as_str()))
                .collect(),
        }
    }

    /// The slug of the module whose file is `file`.
    pub(crate) fn slug(&self, file: &std::path::Path) -> Option<&'a str> {
        self.slugs.get(file).copied()
    }
}

/// Every module's body, rendered in parallel, with the problems found in each (in
/// module order).
pub(crate) fn render_bodies(course: &Course) -> Vec<(Body, Diagnostics)> {
    use rayon::prelude::*;
    let pages = ModulePages::new(course);
    course
        .modules
        .par_iter()
        .map(|m| render_body(m, &pages))
        .collect()
}

/// Renders one module's body, with the problems found in its markdown.
pub(crate) fn render_body(module: &Module, pages: &ModulePages) -> (Body, Diagnostics) {
    let mut lints = Lints {
        module,
        diags: Diagnostics::new(),
    };
    let events: Vec<(Event, Range<usize>)> = Parser::new_ext(module.body(), options())
        .into_offset_iter()
        .collect();
    let events = callouts::apply(events, &mut lints);
    let outline = outline::read(&events, &module.title, &mut lints);
    let (events, refs) = links::apply(events, module, pages, &mut lints);
    let events = headings::apply(events, &outline.headings);
    let events = tables::apply(events);
    let mut html_out = String::with_capacity(module.body().len() * 3 / 2);
    html::push_html(&mut html_out, events.into_iter().map(|(e, _)| e));
    let mut diags = lints.diags;
    if !diags.is_empty() {
        diags.add_source(&module.source, &module.text);
    }
    let body = Body {
        html: html_out,
        toc: outline.toc,
        heading_ids: outline.heading_ids,
        terms: refs.terms,
        references: refs.references,
        assets: refs.assets,
        sections: outline.sections,
    };
    (body, diags)
}

/// Renders a short piece of markdown (a definition, a hotline note) without the `<p>` wrapper.
pub(crate) fn render_inline(text: &str) -> String {
    let mut s = String::new();
    html::push_html(&mut s, Parser::new_ext(text, options()));
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
    module: &'a Module,
    diags: Diagnostics,
}

impl Lints<'_> {
    /// Byte range in the whole file of a range in the body.
    fn span(&self, r: &Range<usize>) -> (usize, usize) {
        (
            self.module.body_offset + r.start,
            self.module.body_offset + r.end,
        )
    }

    fn report(&mut self, d: Diagnostic, r: &Range<usize>) {
        let (s, e) = self.span(r);
        self.diags.push(at_first_line(d, &self.module.text, s, e));
    }

    fn warning(
        &mut self,
        code: &'static str,
        message: impl Into<String>,
        hint: &str,
        r: &Range<usize>,
    ) {
        let d = Diagnostic::warning(code, &self.module.source, message).hint(hint);
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
pub(super) mod tests {
    use std::path::PathBuf;

    use super::*;

    const FRONT: &str = "---\ntitle: Test\n---\n\n";

    /// A module `content/01-test.md` with `body` (which starts on line 5).
    fn module(body: &str) -> Module {
        Module {
            slug: "test".into(),
            source: PathBuf::from("content/01-test.md"),
            title: "Test".into(),
            order: 1,
            summary: None,
            minutes: None,
            content_note: None,
            quiz: None,
            required: true,
            body_offset: FRONT.len(),
            text: format!("{FRONT}{body}"),
        }
    }

    /// `body` rendered as module `content/01-test.md`, beside `content/02-next.md`.
    pub(crate) fn body(body: &str) -> Body {
        render_full(body).0
    }

    /// `body`'s HTML and diagnostics.
    pub(crate) fn render(body: &str) -> (String, Diagnostics) {
        let (b, d) = render_full(body);
        (b.html, d)
    }

    fn render_full(body: &str) -> (Body, Diagnostics) {
        let m = module(body);
        let next = PathBuf::from("content/02-next.md");
        let pages = ModulePages {
            slugs: [(next.as_path(), "next"), (m.source.as_path(), "test")]
                .into_iter()
                .collect(),
        };
        render_body(&m, &pages)
    }

    #[test]
    fn inline_markdown_drops_the_paragraph() {
        assert_eq!(render_inline("Call **911**."), "Call <strong>911</strong>.");
        assert_eq!(render_inline("a\n\nb"), "<p>a</p>\n<p>b</p>");
    }
}
