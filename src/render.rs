//! Pages: the course model and rendered markdown poured into the theme's Tera templates.
//! Produces an in-memory list of files; [`crate::output`] writes them atomically.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;
use serde_json::json;
use tera::Context;

use crate::course::{Course, GlossaryTerm, Module, Quiz};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::markdown::{self, render_inline, Rendered};
use crate::theme::{error_chain, Theme};

/// One output file: its path in the site and its bytes.
pub struct OutFile {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

/// A module as the templates see it.
#[derive(Serialize)]
struct ModuleView<'a> {
    slug: &'a str,
    title: &'a str,
    summary: Option<&'a str>,
    minutes: Option<u32>,
    content_note: Option<&'a str>,
    quiz: Option<&'a str>,
    required: bool,
    number: usize,
    /// Site-root-relative URL.
    url: String,
}

#[derive(Serialize)]
struct TermView<'a> {
    id: &'a str,
    term: &'a str,
    aliases: &'a [String],
    definition_html: String,
    /// Slugs of the modules that link to the term.
    used_in: Vec<&'a str>,
    /// The same modules with their titles and URLs, so templates need no lookup.
    used_in_modules: Vec<&'a ModuleView<'a>>,
}

/// Everything rendered from markdown, ready for templates.
pub struct Analysed {
    pub rendered: Vec<Rendered>,
}

/// Renders every module's markdown in parallel and checks cross references.
pub fn analyse(course: &Course, diags: &mut Diagnostics) -> Analysed {
    let results = analyse_modules(course);
    let mut rendered = Vec::with_capacity(results.len());
    for (r, d) in results {
        diags.extend(d);
        rendered.push(r);
    }
    crate::check::cross_references(course, &rendered, diags);
    Analysed { rendered }
}

/// Every module's markdown rendered in parallel, each with its own diagnostics (in module
/// order). Cross references are not checked: see [`crate::check::cross_references`].
pub fn analyse_modules(course: &Course) -> Vec<(Rendered, Diagnostics)> {
    let links = Links::new(course);
    course.modules.par_iter().map(|m| links.render(m)).collect()
}

/// What a module's markdown may link to (other modules, glossary terms), indexed once so
/// one module can be rendered again on its own.
pub struct Links<'a> {
    course: &'a Course,
    modules: HashMap<PathBuf, String>,
    glossary: HashMap<String, &'a GlossaryTerm>,
}

impl<'a> Links<'a> {
    /// Indexes the course's modules and glossary.
    pub fn new(course: &'a Course) -> Self {
        let modules = course
            .modules
            .iter()
            .map(|m| (m.source.clone(), m.slug.clone()))
            .collect();
        let glossary = course.glossary.iter().map(|t| (t.id.clone(), t)).collect();
        Links {
            course,
            modules,
            glossary,
        }
    }

    /// Renders one module's markdown, with the problems found in it.
    pub fn render(&self, m: &Module) -> (Rendered, Diagnostics) {
        let ctx = markdown::LinkContext {
            root: &self.course.root,
            modules: &self.modules,
            glossary: &self.glossary,
            failed: &self.course.failed,
        };
        let mut d = Diagnostics::new();
        let r = markdown::render_module(m, &ctx, &mut d);
        if !d.is_empty() {
            d.add_source(&m.source, &m.text);
        }
        (r, d)
    }
}

/// Renders every page and hands each to `sink` as soon as it is made (module pages in
/// parallel), so a large site need not be held in memory. Template errors become
/// diagnostics; the first error from `sink` (e.g. a full disk) is returned.
pub fn pages_into(
    course: &Course,
    analysed: &Analysed,
    theme: &Theme,
    diags: &mut Diagnostics,
    sink: &(dyn Fn(OutFile) -> anyhow::Result<()> + Sync),
) -> anyhow::Result<()> {
    let p = Pages::new(course, &analysed.rendered, theme);
    let errors = std::sync::Mutex::new(Diagnostics::new());
    let keep = |r: PageResult| -> anyhow::Result<()> {
        match r {
            Ok(f) => sink(f),
            Err(d) => {
                if let Ok(mut g) = errors.lock() {
                    g.push(*d);
                }
                Ok(())
            }
        }
    };
    (0..course.modules.len())
        .into_par_iter()
        .try_for_each(|i| keep(p.module_page(i)))?;
    for page in SitePage::ALL {
        if let Some(r) = p.site_page(page) {
            keep(r)?;
        }
    }
    sink(p.course_js())?;
    if let Ok(e) = errors.into_inner() {
        diags.extend(e);
    }
    Ok(())
}

/// A rendered page, or why its template failed.
pub type PageResult = Result<OutFile, Box<Diagnostic>>;

/// A site-level page (not a module page).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SitePage {
    Search,
    Home,
    Glossary,
    Final,
    Certificate,
    Verify,
    Safety,
    NotFound,
}

impl SitePage {
    /// Every site page, in the order they are rendered.
    pub const ALL: [SitePage; 8] = [
        SitePage::Search,
        SitePage::Home,
        SitePage::Glossary,
        SitePage::Final,
        SitePage::Certificate,
        SitePage::Verify,
        SitePage::Safety,
        SitePage::NotFound,
    ];

    /// The page's file in the site, which is also its template's name.
    pub fn file(self) -> &'static str {
        match self {
            SitePage::Search => "search.html",
            SitePage::Home => "index.html",
            SitePage::Glossary => "glossary.html",
            SitePage::Final => "final.html",
            SitePage::Certificate => "certificate.html",
            SitePage::Verify => "verify.html",
            SitePage::Safety => "safety.html",
            SitePage::NotFound => "404.html",
        }
    }

    /// The `page_kind` the templates see.
    pub fn kind(self) -> &'static str {
        match self {
            SitePage::Search => "search",
            SitePage::Home => "home",
            SitePage::Glossary => "glossary",
            SitePage::Final => "final",
            SitePage::Certificate => "certificate",
            SitePage::Verify => "verify",
            SitePage::Safety => "safety",
            SitePage::NotFound => "404",
        }
    }
}

/// The site's pages, ready to render one at a time: [`pages`] renders them all, `aware
/// serve` only the ones an edit touched.
pub struct Pages<'a> {
    course: &'a Course,
    rendered: &'a [Rendered],
    theme: &'a Theme,
    views: Vec<ModuleView<'a>>,
    base: Context,
}

impl<'a> Pages<'a> {
    /// The shared template context. `rendered` is in module order.
    pub fn new(course: &'a Course, rendered: &'a [Rendered], theme: &'a Theme) -> Self {
        let views: Vec<ModuleView> = course
            .modules
            .iter()
            .enumerate()
            .map(|(i, m)| ModuleView {
                slug: &m.slug,
                title: &m.title,
                summary: m.summary.as_deref(),
                minutes: m.minutes,
                content_note: m.content_note.as_deref(),
                quiz: m.quiz.as_deref(),
                required: m.required,
                number: i + 1,
                url: module_url(m),
            })
            .collect();
        let total_minutes: u32 = course.modules.iter().filter_map(|m| m.minutes).sum();
        let hotline_html = course.config.hotline.text.as_deref().map(render_inline);
        let mut base = Context::new();
        base.insert("site", &course.config);
        // Module pages get only the count: copying the whole list into each of N pages'
        // contexts made builds quadratic. Site pages get the list (see `site_page`).
        base.insert("module_count", &views.len());
        base.insert("total_minutes", &total_minutes);
        base.insert("hotline_html", &hotline_html);
        base.insert("generator", concat!("aware ", env!("CARGO_PKG_VERSION")));
        base.insert("has_final", &course.config.final_assessment.is_some());
        base.insert("search_analyzer", &crate::search::analyzer::config_hash());
        if let Some(logo) = &course.config.logo {
            base.insert("logo_url", &format!("brand/{}", logo_file_name(logo)));
        }
        Pages {
            course,
            rendered,
            theme,
            views,
            base,
        }
    }

    fn render(&self, template: &str, ctx: &Context) -> Result<Vec<u8>, Box<Diagnostic>> {
        self.theme.tera.render(template, ctx).map(|html| tidy(&html).into_bytes()).map_err(|e| {
            Box::new(
                Diagnostic::error(
                    "template-error",
                    PathBuf::from("themes").join(&self.course.config.theme).join("templates").join(template),
                    format!("template failed to render: {}", error_chain(&e)),
                )
                .hint("a template uses a value that does not exist or has the wrong type; compare with the default theme"),
            )
        })
    }

    /// The page of module `i` (in course order).
    pub fn module_page(&self, i: usize) -> PageResult {
        let (course, views) = (self.course, &self.views);
        let m = &course.modules[i];
        let r = &self.rendered[i];
        let n = course.modules.len();
        let mut ctx = self.base.clone();
        ctx.insert("root", "../");
        ctx.insert("page_kind", "module");
        ctx.insert("page_title", &m.title);
        ctx.insert("module", &views[i]);
        ctx.insert("content_html", &r.html);
        ctx.insert("toc", &r.toc);
        ctx.insert("prev", &(i > 0).then(|| &views[i - 1]));
        ctx.insert("next", &(i + 1 < n).then(|| &views[i + 1]));
        let terms: Vec<TermView> = r
            .terms
            .iter()
            .filter_map(|id| course.term(id))
            .map(|t| term_view(t, Vec::new()))
            .collect();
        ctx.insert("terms", &terms);
        let quiz = m.quiz.as_deref().and_then(|q| course.quizzes.get(q));
        ctx.insert("quiz", &quiz.map(|q| quiz_view(course, q)));
        ctx.insert("quiz_key", &quiz.map(|q| quiz_key(course, q)));
        self.render("module.html", &ctx).map(|bytes| OutFile {
            path: PathBuf::from("modules").join(format!("{}.html", m.slug)),
            bytes,
        })
    }

    /// A site-level page; `None` when the course has no such page (no final assessment).
    pub fn site_page(&self, page: SitePage) -> Option<PageResult> {
        let course = self.course;
        let mut ctx = match page {
            SitePage::Glossary => self.glossary_context(),
            SitePage::Final => {
                let f = course.config.final_assessment.as_ref()?;
                let mut ctx = self.base.clone();
                if let Some(pool) = course.quizzes.get(&f.quiz) {
                    let pass = f.pass_mark.unwrap_or(course.config.pass_mark);
                    ctx.insert("quiz", &quiz_view(course, pool));
                    ctx.insert("quiz_key", &quiz_key_with(pool, pass));
                    ctx.insert("draw", &f.questions);
                    ctx.insert("final_pass_mark", &pass);
                    ctx.insert("final_title", &f.title);
                }
                ctx
            }
            _ => self.base.clone(),
        };
        ctx.insert("root", "");
        ctx.insert("page_kind", page.kind());
        ctx.insert("modules", &self.views);
        Some(self.render(page.file(), &ctx).map(|bytes| OutFile {
            path: PathBuf::from(page.file()),
            bytes,
        }))
    }

    fn glossary_context(&self) -> Context {
        let course = self.course;
        let mut used_in: BTreeMap<&str, Vec<&ModuleView>> = BTreeMap::new();
        for (v, r) in self.views.iter().zip(self.rendered) {
            for t in &r.terms {
                used_in.entry(t.as_str()).or_default().push(v);
            }
        }
        let mut glossary_ctx = self.base.clone();
        let mut categories: BTreeMap<&str, Vec<TermView>> = BTreeMap::new();
        for t in &course.glossary {
            categories
                .entry(t.category.as_str())
                .or_default()
                .push(term_view(
                    t,
                    used_in.get(t.id.as_str()).cloned().unwrap_or_default(),
                ));
        }
        for terms in categories.values_mut() {
            terms.sort_by_key(|t| t.term.to_lowercase());
        }
        let categories: Vec<_> = categories.into_iter().map(|(name, terms)| json!({ "name": name, "id": crate::course::load::slugify(name), "terms": terms })).collect();
        glossary_ctx.insert("categories", &categories);
        glossary_ctx
    }

    /// `course.js`: the course facts the browser scripts read.
    pub fn course_js(&self) -> OutFile {
        OutFile {
            path: PathBuf::from("course.js"),
            bytes: course_js(self.course).into_bytes(),
        }
    }
}

/// Drops the indentation and blank lines that templates leave in their output, except
/// inside `<pre>` (code blocks keep their layout). Newlines stay, so text spacing does not
/// change.
pub fn tidy(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_pre = false;
    for line in html.lines() {
        if in_pre {
            out.push_str(line);
            out.push('\n');
        } else {
            let t = line.trim_start();
            if !t.trim_end().is_empty() {
                out.push_str(t);
                out.push('\n');
            }
        }
        // A line may open and close several <pre>s; the last one decides.
        let open = line.rfind("<pre");
        let close = line.rfind("</pre>");
        in_pre = match (open, close) {
            (Some(o), Some(c)) => o > c,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => in_pre,
        };
    }
    out
}

/// A module page's path in the site, e.g. `modules/intro.html`.
pub fn module_url(m: &Module) -> String {
    format!("modules/{}.html", m.slug)
}

fn term_view<'a>(t: &'a GlossaryTerm, used_in_modules: Vec<&'a ModuleView<'a>>) -> TermView<'a> {
    let used_in = used_in_modules.iter().map(|v| v.slug).collect();
    TermView {
        id: &t.id,
        term: &t.term,
        aliases: &t.aliases,
        definition_html: render_inline(&t.definition),
        used_in,
        used_in_modules,
    }
}

pub fn logo_file_name(logo: &str) -> String {
    std::path::Path::new(logo)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// A quiz as the templates see it: questions and options, with no answers.
fn quiz_view(course: &Course, quiz: &Quiz) -> serde_json::Value {
    let questions: Vec<_> = quiz
        .questions
        .iter()
        .map(|q| {
            let options: Vec<_> = q.options.iter().enumerate().map(|(i, o)| json!({ "index": i, "text_html": render_inline(&o.text) })).collect();
            json!({
                "id": q.id,
                "kind": q.kind,
                "input": if q.kind == crate::course::QuestionKind::Multiple { "checkbox" } else { "radio" },
                "prompt_html": render_inline(&q.prompt),
                "options": options,
            })
        })
        .collect();
    json!({
        "id": quiz.id,
        "title": quiz.title,
        "pass_mark": course.pass_mark(quiz),
        "shuffle": quiz.shuffle,
        "questions": questions,
    })
}

fn quiz_key(course: &Course, quiz: &Quiz) -> String {
    quiz_key_with(quiz, course.pass_mark(quiz))
}

/// The answer key the browser scores with, base64-encoded so answers are not visible at
/// a glance in the page source. (A static site cannot truly hide them; see README.)
fn quiz_key_with(quiz: &Quiz, pass_mark: u8) -> String {
    let questions: serde_json::Map<String, serde_json::Value> = quiz
        .questions
        .iter()
        .map(|q| {
            let correct: Vec<usize> = q.options.iter().enumerate().filter(|(_, o)| o.correct).map(|(i, _)| i).collect();
            let feedback: Vec<Option<String>> = q.options.iter().map(|o| o.feedback.as_deref().map(render_inline)).collect();
            (q.id.clone(), json!({ "kind": q.kind, "correct": correct, "feedback": feedback, "explanation": q.explanation.as_deref().map(render_inline) }))
        })
        .collect();
    let key = json!({ "quiz": quiz.id, "pass_mark": pass_mark, "shuffle": quiz.shuffle, "questions": questions });
    base64(key.to_string().as_bytes())
}

/// Course facts for the browser scripts, as a `.js` file so it loads from `file://`.
fn course_js(course: &Course) -> String {
    let c = &course.config;
    let modules: Vec<_> = course
        .modules
        .iter()
        .map(|m: &Module| json!({ "slug": m.slug, "title": m.title, "required": m.required, "quiz": m.quiz, "minutes": m.minutes }))
        .collect();
    let data = json!({
        "schema": 1,
        "id": c.id,
        "version": c.version,
        "title": c.title,
        "organisation": c.organisation,
        "pass_mark": c.pass_mark,
        "quick_exit_url": c.quick_exit_url,
        "modules": modules,
        "final": c.final_assessment.as_ref().map(|f| json!({ "quiz": f.quiz, "questions": f.questions, "pass_mark": f.pass_mark.unwrap_or(c.pass_mark) })),
        "certificate": c.certificate,
    });
    format!("window.AWARE_COURSE = {};\n", data)
}

/// Standard base64 with padding.
pub fn base64(data: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut s = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        s.push(T[(n >> 18) as usize & 63] as char);
        s.push(T[(n >> 12) as usize & 63] as char);
        s.push(if chunk.len() > 1 {
            T[(n >> 6) as usize & 63] as char
        } else {
            '='
        });
        s.push(if chunk.len() > 2 {
            T[n as usize & 63] as char
        } else {
            '='
        });
    }
    s
}

#[cfg(test)]
mod tidy_tests {
    use super::tidy;

    #[test]
    fn tidy_keeps_pre_blocks_and_line_breaks() {
        let html = "<div>\n    <p>a\n    b</p>\n\n  <pre><code>x\n    indented\n\n</code></pre>\n  </div>\n";
        assert_eq!(
            tidy(html),
            "<div>\n<p>a\nb</p>\n<pre><code>x\n    indented\n\n</code></pre>\n</div>\n"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::base64;

    #[test]
    fn base64_matches_rfc4648_vectors() {
        for (i, o) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(i.as_bytes()), o);
        }
    }
}
