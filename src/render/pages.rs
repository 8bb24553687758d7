//! Pages: the course model and rendered markdown poured into the theme's Tera templates.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use serde_json::json;
use tera::Context;

use super::markdown::{render_inline, Bodies};
use super::module_files;
use super::quiz_key::quiz_key;
use super::tidy::strip_template_whitespace;
use super::views::{module_url, quiz_view, ModuleView, TermView};
use crate::diagnostic::Diagnostic;
use crate::load::theme::{error_chain, Theme};
use crate::load::Course;
use crate::package::Standard;
use crate::util::slug::slugify;
use crate::write::OutFile;

/// Every page's Content-Security-Policy: nothing but the site's own files (scripts,
/// styles, images, data: images for the theme), no inline script or style, no plugins,
/// no `<base>`, no form submission anywhere. Quiz answer keys are JSON data blocks, which
/// a policy does not govern.
pub(crate) const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; media-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

/// Modules on each page of the module list: the home page lists the first ones and links
/// to `index-2.html`, `index-3.html`, ... so no page grows with the course.
pub(crate) const LIST_PAGE_SIZE: usize = 100;

/// Page `n` (from 1) of the module list: the home page, then `index-<n>.html`.
pub(crate) fn list_page_file(n: usize) -> String {
    if n <= 1 {
        "index.html".to_string()
    } else {
        format!("index-{n}.html")
    }
}

/// A rendered page, or why its template failed.
pub(crate) type PageResult = Result<OutFile, Box<Diagnostic>>;

/// A site-level page (not a module page).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum SitePage {
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
    pub(crate) const ALL: [SitePage; 8] = [
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
    pub(crate) fn file(self) -> &'static str {
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
    fn kind(self) -> &'static str {
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

/// The site's pages, ready to render one at a time: a build renders them all, `aware
/// serve` only the ones an edit touched.
pub(crate) struct Pages<'a> {
    course: &'a Course,
    bodies: &'a Bodies,
    theme: &'a Theme,
    /// Every module as the templates see it, made when a page first needs the whole
    /// list (a module page needs only itself and its neighbours: at 10,000 modules
    /// making all of them for each edit under `aware serve` cost milliseconds).
    views: OnceLock<Vec<ModuleView<'a>>>,
    base: Context,
}

impl<'a> Pages<'a> {
    /// The shared template context. `bodies` are in module order.
    /// `lms`: the package the pages are for (they load its runtime), or `None` for a site.
    pub(crate) fn new(
        course: &'a Course,
        bodies: &'a Bodies,
        theme: &'a Theme,
        lms: Option<Standard>,
    ) -> Self {
        let total_minutes: u32 = course.modules.iter().filter_map(|m| m.minutes).sum();
        let minutes = |required: bool| -> u32 {
            course
                .modules
                .iter()
                .filter(|m| m.required == required)
                .filter_map(|m| m.minutes)
                .sum()
        };
        let hotline_html = course.config.hotline.text.as_deref().map(render_inline);
        let mut base = Context::new();
        base.insert("site", &course.config);
        // Module pages get only the count: copying the whole list into each of N pages'
        // contexts made builds quadratic. Site pages get the list (see `site_page`).
        base.insert("module_count", &course.modules.len());
        base.insert(
            "required_count",
            &course.modules.iter().filter(|m| m.required).count(),
        );
        base.insert("first_module_url", &course.modules.first().map(module_url));
        base.insert("total_minutes", &total_minutes);
        base.insert("required_minutes", &minutes(true));
        base.insert("optional_minutes", &minutes(false));
        base.insert("has_optional", &course.modules.iter().any(|m| !m.required));
        base.insert("certificate_hours", &super::course_js::hours_text(course));
        base.insert("hotline_html", &hotline_html);
        base.insert("generator", concat!("aware ", env!("CARGO_PKG_VERSION")));
        base.insert("has_final", &course.config.final_assessment.is_some());
        base.insert("search_analyzer", &crate::search::analyzer::config_hash());
        base.insert("lms", &lms.map(Standard::name));
        base.insert("csp", CSP);
        base.insert("lms_runtime", crate::package::RUNTIME_PATH);
        let nav_pages: Vec<_> = course
            .pages
            .iter()
            .filter_map(|p| {
                let nav = p.nav?;
                Some(json!({ "slug": p.slug, "title": p.title, "url": format!("pages/{}.html", p.slug), "nav": nav }))
            })
            .collect();
        base.insert("nav_pages", &nav_pages);
        if let Some(logo) = &course.config.logo {
            base.insert("logo_url", &super::files::logo_url(logo));
        }
        Pages {
            course,
            bodies,
            theme,
            views: OnceLock::new(),
            base,
        }
    }

    /// Every module's view, in course order.
    fn views(&self) -> &[ModuleView<'a>] {
        self.views.get_or_init(|| {
            let modules = self.course.modules.iter().enumerate();
            modules.map(|(i, m)| ModuleView::new(i, m)).collect()
        })
    }

    fn render(&self, template: &str, ctx: &Context) -> Result<Vec<u8>, Box<Diagnostic>> {
        match self.theme.tera.render(template, ctx) {
            Ok(html) => Ok(strip_template_whitespace(&html).into_bytes()),
            Err(e) => {
                let file = PathBuf::from("themes")
                    .join(&self.course.config.theme)
                    .join("templates")
                    .join(template);
                Err(Box::new(
                    Diagnostic::error("template-error", file, format!("template failed to render: {}", error_chain(&e)))
                        .hint("a template uses a value that does not exist or has the wrong type; compare with the default theme"),
                ))
            }
        }
    }

    /// The page of module `i` (in course order).
    pub(crate) fn module_page(&self, i: usize) -> PageResult {
        let course = self.course;
        let view = |j: usize| ModuleView::new(j, &course.modules[j]);
        let m = &course.modules[i];
        let b = &self.bodies.modules[i];
        let n = course.modules.len();
        let mut ctx = self.base.clone();
        ctx.insert("root", "../");
        ctx.insert("page_kind", "module");
        ctx.insert("page_title", &m.title);
        ctx.insert("module", &view(i));
        ctx.insert("content_html", &b.html);
        ctx.insert("toc", &b.toc);
        ctx.insert("prev", &(i > 0).then(|| view(i - 1)));
        ctx.insert("next", &(i + 1 < n).then(|| view(i + 1)));
        let terms: Vec<TermView> = b
            .terms
            .iter()
            .filter_map(|id| course.term(id))
            .map(|t| TermView::new(t, Vec::new()))
            .collect();
        if !terms.is_empty() {
            ctx.insert("terms_file", &module_files::terms_file(m));
        }
        ctx.insert("terms", &terms);
        let quiz = m.quiz.as_deref().and_then(|q| course.quizzes.get(q));
        ctx.insert("quiz", &quiz.map(|q| quiz_view(course, q)));
        // The key is in a file of its own (see `module_files`); `quiz_key` stays for a
        // course's own quiz.html from before, which puts it in the page.
        ctx.insert("quiz_key", &quiz.map(|q| quiz_key(q, course.pass_mark(q))));
        if quiz.is_some() {
            ctx.insert("quiz_key_file", &module_files::quiz_key_file(m));
        }
        self.render("module.html", &ctx).map(|bytes| OutFile {
            path: PathBuf::from(module_url(m)),
            bytes,
        })
    }

    /// The files module `i`'s page loads on first use, next to it: its quiz's answer key
    /// and its terms' definitions (see [`module_files`](super::module_files)).
    pub(crate) fn module_files(&self, i: usize) -> impl Iterator<Item = OutFile> {
        let m = &self.course.modules[i];
        let key = module_files::quiz_key_script(self.course, m);
        key.into_iter().chain(module_files::terms_script(
            self.course,
            m,
            &self.bodies.modules[i],
        ))
    }

    /// A site-level page, as (path, result) pairs: none when the course has no such page
    /// (no final assessment), several for the home page of a long course (the pages of the
    /// module list, [`LIST_PAGE_SIZE`] modules each).
    pub(crate) fn site_page(&self, page: SitePage) -> Vec<(String, PageResult)> {
        let mut ctx = match page {
            SitePage::Glossary => self.glossary_context(),
            SitePage::Final => match self.final_context() {
                Some(c) => c,
                None => return Vec::new(),
            },
            _ => self.base.clone(),
        };
        ctx.insert("root", "");
        ctx.insert("page_kind", page.kind());
        // The pages whose scripts need the whole module list (see `course_js::modules_file`):
        // the certificate's code covers the topics, when the certificate lists them. The
        // home page reads its own modules from its cards and the list's pieces as it needs
        // them (`course_js::list_files`).
        let list = self.course.config.certificate.topics
            && matches!(page, SitePage::Certificate | SitePage::Verify);
        ctx.insert("modules_js", &list);
        if page == SitePage::Home {
            return self.list_pages(ctx);
        }
        if page == SitePage::Certificate {
            ctx.insert("modules", self.views());
        }
        let file = page.file().to_string();
        let r = self.render(page.file(), &ctx).map(|bytes| OutFile {
            path: PathBuf::from(page.file()),
            bytes,
        });
        vec![(file, r)]
    }

    /// The home page and the further pages of the module list.
    fn list_pages(&self, mut ctx: Context) -> Vec<(String, PageResult)> {
        let views = self.views();
        let chunks: Vec<&[ModuleView]> = if views.is_empty() {
            vec![&[]]
        } else {
            views.chunks(LIST_PAGE_SIZE).collect()
        };
        let pages: Vec<_> = chunks
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let first = i * LIST_PAGE_SIZE + 1;
                json!({
                    "number": i + 1,
                    "url": list_page_file(i + 1),
                    "first": first,
                    "last": first + c.len().saturating_sub(1),
                    "prev": (i > 0).then(|| list_page_file(i)),
                    "next": (i + 1 < chunks.len()).then(|| list_page_file(i + 2)),
                })
            })
            .collect();
        ctx.insert("list_pages", &pages);
        chunks
            .iter()
            .enumerate()
            .map(|(i, chunk)| {
                let file = list_page_file(i + 1);
                ctx.insert("list_page", &pages[i]);
                ctx.insert("modules", chunk);
                ctx.insert("list_has_required", &chunk.iter().any(|m| m.required));
                ctx.insert("list_has_optional", &chunk.iter().any(|m| !m.required));
                let r = self
                    .render(SitePage::Home.file(), &ctx)
                    .map(|bytes| OutFile {
                        path: PathBuf::from(&file),
                        bytes,
                    });
                (file, r)
            })
            .collect()
    }

    /// Standalone page `i` (in course order).
    pub(crate) fn standalone_page(&self, i: usize) -> PageResult {
        let page = &self.course.pages[i];
        let b = &self.bodies.pages[i];
        let mut ctx = self.base.clone();
        ctx.insert("root", "../");
        ctx.insert("page_kind", "page");
        ctx.insert("page_title", &page.title);
        ctx.insert("page", &json!({ "slug": page.slug, "title": page.title }));
        ctx.insert("content_html", &b.html);
        ctx.insert("toc", &b.toc);
        self.render("page.html", &ctx).map(|bytes| OutFile {
            path: PathBuf::from(format!("pages/{}.html", page.slug)),
            bytes,
        })
    }

    fn final_context(&self) -> Option<Context> {
        let course = self.course;
        let f = course.config.final_assessment.as_ref()?;
        let mut ctx = self.base.clone();
        if let Some(pool) = course.quizzes.get(&f.quiz) {
            let pass = f.pass_mark.unwrap_or(course.config.pass_mark);
            ctx.insert("quiz", &quiz_view(course, pool));
            ctx.insert("quiz_key", &quiz_key(pool, pass));
            ctx.insert("draw", &f.questions);
            ctx.insert("final_pass_mark", &pass);
            ctx.insert("final_title", &f.title);
        }
        Some(ctx)
    }

    fn glossary_context(&self) -> Context {
        let mut used_in: BTreeMap<&str, Vec<&ModuleView>> = BTreeMap::new();
        for (v, b) in self.views().iter().zip(&self.bodies.modules) {
            for t in &b.terms {
                used_in.entry(t.as_str()).or_default().push(v);
            }
        }
        let mut categories: BTreeMap<&str, Vec<TermView>> = BTreeMap::new();
        for t in &self.course.glossary {
            let modules = used_in.get(t.id.as_str()).cloned().unwrap_or_default();
            categories
                .entry(t.category.as_str())
                .or_default()
                .push(TermView::new(t, modules));
        }
        for terms in categories.values_mut() {
            terms.sort_by_key(|t| t.term.to_lowercase());
        }
        let categories: Vec<_> = categories
            .into_iter()
            .map(|(name, terms)| json!({ "name": name, "id": slugify(name), "terms": terms }))
            .collect();
        let mut ctx = self.base.clone();
        ctx.insert("categories", &categories);
        ctx
    }
}
