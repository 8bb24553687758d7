//! Markdown to HTML: pulldown-cmark plus aware's extensions.
//!
//! Steps for one module: parse with offsets → rewrite events (heading ids and anchors,
//! `glossary:` links, links between modules, images copied to `media/`, callout blocks,
//! scrollable tables) → HTML. Every link and image is checked on the way and problems are
//! reported at their exact line and column. Links to other modules' sections are returned
//! as [`PendingLink`]s and checked once every module's headings are known.

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

use pulldown_cmark::{html, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

use crate::course::load::{slugify, CONTENT_DIR};
use crate::course::{GlossaryTerm, Module};
use crate::diagnostic::{did_you_mean, Diagnostic, Diagnostics};

/// What a module's markdown may refer to.
pub struct LinkContext<'a> {
    /// Course folder, to check that images and files exist.
    pub root: &'a Path,
    /// Module source path (relative to the course folder) → slug.
    pub modules: &'a HashMap<PathBuf, String>,
    /// Glossary terms by id.
    pub glossary: &'a HashMap<String, &'a GlossaryTerm>,
    /// Module files and glossary that failed to load: links to them are not reported again.
    pub failed: &'a crate::course::Failed,
}

/// One entry of a module's table of contents.
#[derive(Debug, Clone, serde::Serialize, PartialEq, Eq)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// Plain text of a part of a module, split at headings (for search).
#[derive(Debug, Clone, serde::Serialize, Default)]
pub struct Section {
    /// Heading id; `None` for the text before the first heading.
    pub id: Option<String>,
    pub title: String,
    pub level: u8,
    pub text: String,
}

/// A link to another module's section, checked after all modules are rendered.
#[derive(Debug, Clone)]
pub struct PendingLink {
    pub target_slug: String,
    pub fragment: String,
    /// Byte range of the link in the module file.
    pub span: (usize, usize),
}

/// A rendered module.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<TocEntry>,
    /// Every heading id on the page.
    pub heading_ids: HashSet<String>,
    /// Glossary ids linked from the page, in order of first use.
    pub terms: Vec<String>,
    pub pending_links: Vec<PendingLink>,
    /// Files (relative to the course folder) to copy into `media/`.
    pub assets: Vec<PathBuf>,
    pub sections: Vec<Section>,
}

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

/// Callout kinds and their display titles.
const CALLOUTS: &[(&str, &str)] = &[
    ("NOTE", "Note"),
    ("TIP", "Tip"),
    ("IMPORTANT", "Important"),
    ("WARNING", "Warning"),
    ("CONTENT-NOTE", "Content note"),
];

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
}

/// Renders a module's body, reporting broken links, images and glossary references.
pub fn render_module(module: &Module, ctx: &LinkContext, diags: &mut Diagnostics) -> Rendered {
    let mut r = Renderer {
        module,
        ctx,
        diags,
        out: Rendered::default(),
        ids: RESERVED_IDS.iter().map(|s| s.to_string()).collect(),
        last_level: 1,
    };
    r.out.sections.push(Section {
        id: None,
        title: module.title.clone(),
        level: 1,
        text: String::new(),
    });
    let events: Vec<(Event, std::ops::Range<usize>)> = Parser::new_ext(module.body(), options())
        .into_offset_iter()
        .collect();
    let transformed = r.transform(events);
    let mut html_out = String::with_capacity(module.body().len() * 3 / 2);
    html::push_html(&mut html_out, transformed.into_iter());
    r.out.html = html_out;
    r.out
}

/// Renders a short piece of markdown (a definition, a hotline note) without the `<p>` wrapper.
pub fn render_inline(text: &str) -> String {
    let mut s = String::new();
    html::push_html(&mut s, Parser::new_ext(text, options()));
    let t = s.trim();
    match t.strip_prefix("<p>").and_then(|x| x.strip_suffix("</p>")) {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => t.to_string(),
    }
}

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => s.push_str("&amp;"),
            '<' => s.push_str("&lt;"),
            '>' => s.push_str("&gt;"),
            '"' => s.push_str("&quot;"),
            '\'' => s.push_str("&#39;"),
            _ => s.push(c),
        }
    }
    s
}

/// A recognised callout: kind and label, optional title, next event index, and whether
/// the paragraph that held the marker goes on (and so must be reopened).
type Callout = (
    &'static (&'static str, &'static str),
    Option<String>,
    usize,
    bool,
);

enum LinkKind {
    Plain,
    Glossary,
}

struct Renderer<'a, 'c> {
    module: &'a Module,
    ctx: &'a LinkContext<'c>,
    diags: &'a mut Diagnostics,
    out: Rendered,
    ids: HashSet<String>,
    last_level: u8,
}

impl<'a, 'c> Renderer<'a, 'c> {
    /// Byte range in the whole file of a range in the body.
    fn span(&self, r: &std::ops::Range<usize>) -> (usize, usize) {
        (
            self.module.body_offset + r.start,
            self.module.body_offset + r.end,
        )
    }

    fn report(&mut self, d: Diagnostic, r: &std::ops::Range<usize>) {
        let (s, e) = self.span(r);
        // Underline only the first line of a long construct.
        let text = &self.module.text;
        let e = text[s..e].find('\n').map(|n| s + n).unwrap_or(e);
        self.diags.push(d.at(text, s, e));
    }

    fn transform<'e>(
        &mut self,
        events: Vec<(Event<'e>, std::ops::Range<usize>)>,
    ) -> Vec<Event<'e>> {
        let mut out: Vec<Event<'e>> = Vec::with_capacity(events.len());
        let mut links: Vec<LinkKind> = Vec::new();
        let mut heading_start: Option<(
            usize,
            HeadingLevel,
            Option<String>,
            std::ops::Range<usize>,
        )> = None;
        let mut quotes: Vec<bool> = Vec::new();
        let mut in_image = false;
        let mut image_alt = String::new();
        let mut image_range = 0..0;
        let mut i = 0;
        while i < events.len() {
            let (ev, range) = events[i].clone();
            i += 1;
            match ev {
                Event::Start(Tag::Heading { level, id, .. }) => {
                    heading_start = Some((out.len(), level, id.map(|s| s.to_string()), range));
                }
                Event::End(TagEnd::Heading(level)) => {
                    if let Some((start, _, explicit, hrange)) = heading_start.take() {
                        let inner: Vec<Event> = out.drain(start..).collect();
                        let text = plain_text(&inner);
                        self.heading(level, explicit, &text, inner, &hrange, &mut out);
                    } else {
                        out.push(Event::End(TagEnd::Heading(level)));
                    }
                }
                Event::Start(Tag::BlockQuote(kind)) => {
                    if let Some((callout, title, skip, reopen)) = self.callout(&events, i) {
                        let label = title.unwrap_or_else(|| callout.1.to_string());
                        out.push(Event::Html(CowStr::from(format!(
                            "<aside class=\"callout callout-{}\" aria-label=\"{}\">\n<p class=\"callout-title\">{}</p>\n",
                            callout.0.to_ascii_lowercase(),
                            escape(&label),
                            escape(&label)
                        ))));
                        if reopen {
                            out.push(Event::Start(Tag::Paragraph));
                        }
                        i = skip;
                        quotes.push(true);
                    } else {
                        out.push(Event::Start(Tag::BlockQuote(kind)));
                        quotes.push(false);
                    }
                }
                Event::End(TagEnd::BlockQuote(kind)) => {
                    if quotes.pop() == Some(true) {
                        out.push(Event::Html(CowStr::from("</aside>\n")));
                    } else {
                        out.push(Event::End(TagEnd::BlockQuote(kind)));
                    }
                }
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    if let Some(term) = dest_url.strip_prefix("glossary:") {
                        let term = term.trim().to_string();
                        self.glossary_link(&term, &range, &mut out);
                        links.push(LinkKind::Glossary);
                    } else {
                        let dest = self.link(&dest_url, link_type, &range);
                        out.push(Event::Start(Tag::Link {
                            link_type,
                            dest_url: CowStr::from(dest),
                            title,
                            id,
                        }));
                        links.push(LinkKind::Plain);
                    }
                }
                Event::End(TagEnd::Link) => match links.pop() {
                    Some(LinkKind::Glossary) => out.push(Event::Html(CowStr::from("</a>"))),
                    _ => out.push(Event::End(TagEnd::Link)),
                },
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    let dest = self.image_dest(&dest_url, &range);
                    in_image = true;
                    image_alt.clear();
                    image_range = range;
                    out.push(Event::Start(Tag::Image {
                        link_type,
                        dest_url: CowStr::from(dest),
                        title,
                        id,
                    }));
                }
                Event::End(TagEnd::Image) => {
                    in_image = false;
                    if image_alt.trim().is_empty() {
                        let r = image_range.clone();
                        self.report(
                            Diagnostic::warning("image-no-alt", &self.module.source, "image has no alt text")
                                .hint("describe the image for people who cannot see it: ![what the image shows](path)"),
                            &r,
                        );
                    }
                    out.push(Event::End(TagEnd::Image));
                }
                Event::Start(Tag::Table(a)) => {
                    out.push(Event::Html(CowStr::from("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Table\">\n")));
                    out.push(Event::Start(Tag::Table(a)));
                }
                Event::End(TagEnd::Table) => {
                    out.push(Event::End(TagEnd::Table));
                    out.push(Event::Html(CowStr::from("</div>\n")));
                }
                Event::Text(t) => {
                    if in_image {
                        image_alt.push_str(&t);
                    }
                    self.section_text(&t);
                    out.push(Event::Text(t));
                }
                Event::Code(t) => {
                    self.section_text(&t);
                    out.push(Event::Code(t));
                }
                Event::SoftBreak | Event::HardBreak => {
                    self.section_text(" ");
                    out.push(ev);
                }
                Event::End(TagEnd::Paragraph)
                | Event::End(TagEnd::Item)
                | Event::End(TagEnd::TableCell) => {
                    self.section_text(" ");
                    out.push(ev);
                }
                other => out.push(other),
            }
        }
        out
    }

    fn section_text(&mut self, t: &str) {
        if let Some(s) = self.out.sections.last_mut() {
            if t == " " && (s.text.is_empty() || s.text.ends_with(' ')) {
                return;
            }
            s.text.push_str(t);
        }
    }

    fn heading<'e>(
        &mut self,
        level: HeadingLevel,
        explicit: Option<String>,
        text: &str,
        inner: Vec<Event<'e>>,
        range: &std::ops::Range<usize>,
        out: &mut Vec<Event<'e>>,
    ) {
        let n = level as u8;
        if n == 1 {
            self.report(
                Diagnostic::warning(
                    "h1-in-body",
                    &self.module.source,
                    "a `#` heading in a module body",
                )
                .hint("the module title is the page's heading; start sections at `##`"),
                range,
            );
        } else if n > self.last_level + 1 {
            self.report(
                Diagnostic::warning("heading-skip", &self.module.source, format!("heading level jumps from h{} to h{n}", self.last_level))
                    .hint("screen-reader users navigate by heading level; don't skip levels (use `##` then `###`)"),
                range,
            );
        }
        self.last_level = n;
        let base = explicit.filter(|s| !s.is_empty()).unwrap_or_else(|| {
            let s = slugify(text);
            if s.is_empty() {
                "section".into()
            } else {
                s
            }
        });
        let mut id = base.clone();
        let mut k = 2;
        while self.ids.contains(&id) {
            id = format!("{base}-{k}");
            k += 1;
        }
        self.ids.insert(id.clone());
        self.out.heading_ids.insert(id.clone());
        let title = text.trim().to_string();
        if n == 2 || n == 3 {
            self.out.toc.push(TocEntry {
                level: n,
                id: id.clone(),
                title: title.clone(),
            });
            self.out.sections.push(Section {
                id: Some(id.clone()),
                title: title.clone(),
                level: n,
                text: String::new(),
            });
        }
        let mut inner_html = String::new();
        html::push_html(&mut inner_html, inner.into_iter());
        out.push(Event::Html(CowStr::from(format!(
            "<h{n} id=\"{id}\">{inner_html} <a class=\"heading-anchor\" href=\"#{id}\"><span aria-hidden=\"true\">#</span><span class=\"visually-hidden\">Link to section “{}”</span></a></h{n}>\n",
            escape(&title)
        ))));
    }

    /// Recognises `> [!KIND] optional title` at the start of a block quote. Returns the
    /// kind, title and the index of the first event after the marker.
    fn callout(&mut self, events: &[(Event, std::ops::Range<usize>)], i: usize) -> Option<Callout> {
        if !matches!(events.get(i), Some((Event::Start(Tag::Paragraph), _))) {
            return None;
        }
        let mut j = i + 1;
        let mut first_line = String::new();
        let start_range = events.get(j).map(|(_, r)| r.clone())?;
        while let Some((Event::Text(t), _)) = events.get(j) {
            first_line.push_str(t);
            j += 1;
        }
        let rest = first_line.trim_start().strip_prefix("[!")?;
        let end = rest.find(']')?;
        let kind = rest[..end]
            .trim()
            .to_ascii_uppercase()
            .replace([' ', '_'], "-");
        let title = rest[end + 1..].trim();
        let Some(callout) = CALLOUTS.iter().find(|(k, _)| *k == kind) else {
            let names: Vec<&str> = CALLOUTS.iter().map(|(k, _)| *k).collect();
            let hint = match did_you_mean(&kind, names.iter().copied()) {
                Some(b) => format!("did you mean `[!{b}]`? Callout kinds: {}", names.join(", ")),
                None => format!("callout kinds are: {}", names.join(", ")),
            };
            self.report(
                Diagnostic::warning(
                    "unknown-callout",
                    &self.module.source,
                    format!("unknown callout kind `[!{kind}]`; shown as a plain quote"),
                )
                .hint(hint),
                &start_range,
            );
            return None;
        };
        let title = (!title.is_empty()).then(|| title.to_string());
        // Skip the marker line; drop the paragraph entirely if it held nothing else.
        match events.get(j) {
            Some((Event::SoftBreak | Event::HardBreak, _)) => Some((callout, title, j + 1, true)),
            Some((Event::End(TagEnd::Paragraph), _)) => Some((callout, title, j + 1, false)),
            _ => Some((callout, title, j, true)),
        }
    }
}

impl Renderer<'_, '_> {
    fn glossary_link<'e>(
        &mut self,
        term: &str,
        range: &std::ops::Range<usize>,
        out: &mut Vec<Event<'e>>,
    ) {
        if self.ctx.glossary.contains_key(term) {
            if !self.out.terms.iter().any(|t| t == term) {
                self.out.terms.push(term.to_string());
            }
        } else if !self.ctx.failed.glossary {
            let hint = match did_you_mean(term, self.ctx.glossary.keys().map(String::as_str)) {
                Some(b) => format!("did you mean `glossary:{b}`?"),
                None => format!(
                    "add a term with `id: {term}` to {}, or fix the id",
                    crate::course::load::GLOSSARY_FILE
                ),
            };
            self.report(
                Diagnostic::error(
                    "unknown-glossary-term",
                    &self.module.source,
                    format!("no glossary term with id `{term}`"),
                )
                .hint(hint),
                range,
            );
        }
        out.push(Event::Html(CowStr::from(format!(
            "<a class=\"term\" href=\"../glossary.html#term-{id}\" data-term=\"{id}\">",
            id = escape(term)
        ))));
    }

    /// Checks a link and returns the URL to write in the page.
    fn link(&mut self, dest: &str, link_type: LinkType, range: &std::ops::Range<usize>) -> String {
        if matches!(link_type, LinkType::Email) || has_scheme(dest) {
            return dest.to_string();
        }
        let (path, fragment) = match dest.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (dest, None),
        };
        if path.is_empty() {
            if let Some(f) = fragment {
                self.out.pending_links.push(PendingLink {
                    target_slug: self.module.slug.clone(),
                    fragment: f.to_string(),
                    span: self.span(range),
                });
            }
            return dest.to_string();
        }
        if path.starts_with('/') {
            self.report(
                Diagnostic::error("absolute-link", &self.module.source, format!("link `{dest}` starts with `/`"))
                    .hint("absolute links break when the site is hosted in a sub-folder or opened from disk; link relative to this file, e.g. `02-next-module.md`"),
                range,
            );
            return dest.to_string();
        }
        let Some(target) = self.resolve(path, range) else {
            return dest.to_string();
        };
        let is_module = target
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e == "md" || e == "markdown");
        if is_module {
            match self.ctx.modules.get(&target) {
                Some(slug) => {
                    if let Some(f) = fragment {
                        self.out.pending_links.push(PendingLink {
                            target_slug: slug.clone(),
                            fragment: f.to_string(),
                            span: self.span(range),
                        });
                    }
                    match fragment {
                        Some(f) => format!("{slug}.html#{f}"),
                        None => format!("{slug}.html"),
                    }
                }
                None if self.ctx.failed.modules.contains(&target) => {
                    format!("{}.html", crate::course::load::slug_from_file(&target))
                }
                None => {
                    let names: Vec<String> = self
                        .ctx
                        .modules
                        .keys()
                        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
                        .collect();
                    let wanted = target
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    let hint = match did_you_mean(&wanted, names.iter().map(String::as_str)) {
                        Some(b) => format!("did you mean `{b}`?"),
                        None => "link to a module file in content/, relative to this file, e.g. `03-who-is-at-risk.md`".into(),
                    };
                    self.report(
                        Diagnostic::error(
                            "broken-link",
                            &self.module.source,
                            format!("link to `{path}`: there is no module {}", target.display()),
                        )
                        .hint(hint),
                        range,
                    );
                    dest.to_string()
                }
            }
        } else {
            self.asset(&target, dest, fragment, range, "broken-link", "linked file")
        }
    }

    fn image_dest(&mut self, dest: &str, range: &std::ops::Range<usize>) -> String {
        if dest.starts_with("data:") {
            return dest.to_string();
        }
        if has_scheme(dest) || dest.starts_with("//") {
            self.report(
                Diagnostic::error("external-image", &self.module.source, format!("image `{dest}` is loaded from another site"))
                    .hint("the site must work offline and send no request elsewhere: save the image into content/ and link it relatively"),
                range,
            );
            return dest.to_string();
        }
        if dest.starts_with('/') {
            self.report(
                Diagnostic::error(
                    "absolute-link",
                    &self.module.source,
                    format!("image `{dest}` starts with `/`"),
                )
                .hint("link the image relative to this file, e.g. `images/map.png`"),
                range,
            );
            return dest.to_string();
        }
        let Some(target) = self.resolve(dest, range) else {
            return dest.to_string();
        };
        self.asset(&target, dest, None, range, "missing-image", "image")
    }

    /// A file beside the modules: must exist inside content/; copied to `media/`.
    fn asset(
        &mut self,
        target: &Path,
        dest: &str,
        fragment: Option<&str>,
        range: &std::ops::Range<usize>,
        code: &'static str,
        what: &str,
    ) -> String {
        let content = Path::new(CONTENT_DIR);
        let Ok(inside) = target.strip_prefix(content) else {
            self.report(
                Diagnostic::error(
                    "outside-content",
                    &self.module.source,
                    format!("{what} `{dest}` is outside content/"),
                )
                .hint(
                    "keep images and files inside content/ so they are published with the course",
                ),
                range,
            );
            return dest.to_string();
        };
        if !self.ctx.root.join(target).is_file() {
            self.report(
                Diagnostic::error(
                    code,
                    &self.module.source,
                    format!(
                        "{what} `{dest}` not found (looked for {})",
                        target.display()
                    ),
                )
                .hint("check the file name and its folder; paths are relative to this module file"),
                range,
            );
            return dest.to_string();
        }
        if !self.out.assets.iter().any(|a| a == target) {
            self.out.assets.push(target.to_path_buf());
        }
        let mut url = String::from("../media/");
        url.push_str(&inside.to_string_lossy().replace('\\', "/"));
        if let Some(f) = fragment {
            url.push('#');
            url.push_str(f);
        }
        url
    }

    /// Resolves a relative path against the module's folder, refusing escapes.
    fn resolve(&mut self, path: &str, range: &std::ops::Range<usize>) -> Option<PathBuf> {
        let decoded = percent_decode(path);
        let base = self.module.source.parent().unwrap_or(Path::new(""));
        let mut parts: Vec<String> = base
            .components()
            .filter_map(|c| match c {
                Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
                _ => None,
            })
            .collect();
        for comp in Path::new(&decoded).components() {
            match comp {
                Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
                Component::ParentDir => {
                    if parts.pop().is_none() {
                        self.report(
                            Diagnostic::error(
                                "path-escapes-course",
                                &self.module.source,
                                format!("`{path}` points outside the course folder"),
                            )
                            .hint("keep linked files inside content/"),
                            range,
                        );
                        return None;
                    }
                }
                Component::CurDir => {}
                _ => {
                    self.report(
                        Diagnostic::error(
                            "path-escapes-course",
                            &self.module.source,
                            format!("`{path}` is not a relative path"),
                        )
                        .hint("link relative to this file"),
                        range,
                    );
                    return None;
                }
            }
        }
        let p: PathBuf = parts.iter().collect();
        // A symlink may still lead out of the course: refuse it.
        if let (Ok(real), Ok(root)) = (
            self.ctx.root.join(&p).canonicalize(),
            self.ctx.root.canonicalize(),
        ) {
            if !real.starts_with(&root) {
                self.report(
                    Diagnostic::error(
                        "path-escapes-course",
                        &self.module.source,
                        format!("`{path}` is a link to a file outside the course folder"),
                    )
                    .hint("copy the file into content/ instead of linking to it"),
                    range,
                );
                return None;
            }
        }
        Some(p)
    }
}

fn has_scheme(dest: &str) -> bool {
    match dest.find(':') {
        Some(i) => {
            let scheme = &dest[..i];
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '-' || c == '.')
                && !dest[..i].contains('/')
        }
        None => false,
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            if let Some(v) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The text of a run of inline events (for heading ids and titles).
fn plain_text(events: &[Event]) -> String {
    let mut s = String::new();
    for e in events {
        match e {
            Event::Text(t) | Event::Code(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            _ => {}
        }
    }
    s
}
