//! Stage 1, **load**: a course folder on disk → the typed [`Course`] model.
//!
//! Steps, each on its own file and each reporting every problem it finds (loading never
//! stops at the first one, so a trainer sees the whole list at once):
//!
//! 1. [`config`]: `site.yaml` → [`crate::load::config::SiteConfig`], values checked.
//! 2. [`discover`]: the module and quiz files under `content/` and `quizzes/`.
//! 3. [`module`]: each module file → front matter ([`frontmatter`], [`yaml`]) + body.
//! 4. [`quiz`]: each quiz file → a valid [`Quiz`] (parse, don't validate).
//! 5. [`glossary`]: `content/glossary.yaml` → terms.
//! 6. [`theme`]: the embedded default theme with the course's overrides, templates compiled.
//!
//! Files are read and parsed in parallel; diagnostics come out in file order. What failed
//! to load is remembered in [`Failed`], so later stages do not report it twice.

pub(crate) mod config;
mod discover;
pub(crate) mod frontmatter;
mod glossary;
pub(crate) mod model;
pub(crate) mod module;
pub(crate) mod page;
mod quiz;
pub(crate) mod read;
pub(crate) mod theme;
pub(crate) mod yaml;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Diagnostics};
pub(crate) use model::*;

/// Where things live inside a course folder.
pub(crate) const CONFIG_FILE: &str = "site.yaml";
pub(crate) const CONTENT_DIR: &str = "content";
pub(crate) const QUIZZES_DIR: &str = "quizzes";
pub(crate) const GLOSSARY_FILE: &str = "content/glossary.yaml";

/// Loads the course in `root`. When the diagnostics hold errors, the course is partial
/// (only the files that loaded) and must not be published.
pub(crate) fn load(root: &Path) -> (Course, Diagnostics) {
    let mut diags = Diagnostics::new();
    let mut failed = Failed::default();
    let (config, config_text) = load_config(root, &mut diags);
    failed.config = config.is_none();
    let modules = load_modules(root, &mut diags, &mut failed);
    let pages = load_pages(root, &mut diags, &mut failed);
    let quizzes = load_quizzes(root, &mut diags, &mut failed);
    let errors_before = diags.error_count();
    let glossary = load_glossary(root, &mut diags);
    failed.glossary = diags.error_count() > errors_before;
    let config = config.unwrap_or_else(config::placeholder);
    let course = Course {
        root: root.to_path_buf(),
        config,
        config_text,
        modules,
        pages,
        quizzes,
        glossary,
        failed,
    };
    (course, diags)
}

/// `site.yaml` and its text (empty when it is missing or unreadable).
fn load_config(root: &Path, diags: &mut Diagnostics) -> (Option<config::SiteConfig>, String) {
    let rel = Path::new(CONFIG_FILE);
    if read::outside(root, rel) {
        diags.push(
            Diagnostic::error(
                "path-escapes-course",
                rel,
                "site.yaml is a link to a file outside the course folder",
            )
            .hint("copy the file into the course folder instead of linking to it"),
        );
        return (None, String::new());
    }
    if !root.join(rel).is_file() {
        diags.push(
            Diagnostic::error("no-site-yaml", rel, format!("no site.yaml in {}: this folder is not a course", root.display()))
                .hint("pass the course folder (the one with site.yaml), or start one with `aware new my-course`"),
        );
        return (None, String::new());
    }
    let Some(text) = read::read_text(root, rel, diags) else {
        return (None, String::new());
    };
    diags.add_source(rel, &text);
    (config::load(rel, &text, diags), text)
}

fn load_modules(root: &Path, diags: &mut Diagnostics, failed: &mut Failed) -> Vec<Module> {
    if !root.join(CONTENT_DIR).is_dir() {
        if root.join(CONFIG_FILE).is_file() {
            diags.push(Diagnostic::error("no-content", CONTENT_DIR, "the course has no content/ folder").hint("create content/ and put module markdown files in it, e.g. content/01-introduction.md"));
        }
        return Vec::new();
    }
    // Read and parse in parallel; report in file order. Standalone pages are not modules.
    let files: Vec<PathBuf> = discover::files(root, CONTENT_DIR, &["md", "markdown"], diags)
        .into_iter()
        .filter(|f| !f.starts_with(page::PAGES_DIR))
        .collect();
    let parsed: Vec<(PathBuf, Option<Module>, Diagnostics)> = files
        .into_par_iter()
        .map(|rel| {
            let mut d = Diagnostics::new();
            let module = read::read_text(root, &rel, &mut d).and_then(|text| {
                let m = module::parse_module(&rel, text.clone(), &mut d);
                if !d.is_empty() {
                    d.add_source(&rel, &text);
                }
                m
            });
            (rel, module, d)
        })
        .collect();
    let mut modules = Vec::new();
    let mut seen: HashMap<String, PathBuf> = HashMap::new();
    for (rel, module, d) in parsed {
        diags.extend(d);
        let Some(module) = module else {
            failed.modules.insert(rel);
            continue;
        };
        if let Some(first) = seen.get(&module.slug) {
            diags.push(
                Diagnostic::error("duplicate-slug", &rel, format!("module page name `{}` is already used by {}", module.slug, first.display()))
                    .hint("page names come from file names without their number prefix; rename one of the files"),
            );
            // Links to it are not reported as missing: its own error says what to fix.
            failed.modules.insert(rel);
            continue;
        }
        seen.insert(module.slug.clone(), rel.clone());
        modules.push(module);
    }
    modules.sort_by(|a, b| (a.order, &a.source).cmp(&(b.order, &b.source)));
    modules
}

fn load_pages(root: &Path, diags: &mut Diagnostics, failed: &mut Failed) -> Vec<Page> {
    let mut parsed = Vec::new();
    for rel in discover::files(
        root,
        page::PAGES_DIR,
        &["md", "markdown"],
        &mut Diagnostics::new(),
    ) {
        let mut d = Diagnostics::new();
        let p = read::read_text(root, &rel, &mut d).and_then(|text| {
            let p = page::parse_page(&rel, text.clone(), &mut d);
            if !d.is_empty() {
                d.add_source(&rel, &text);
            }
            p
        });
        diags.extend(d);
        match p {
            Some(p) => parsed.push((rel, p)),
            None => {
                failed.modules.insert(rel);
            }
        }
    }
    page::collect(parsed, diags)
}

fn load_quizzes(
    root: &Path,
    diags: &mut Diagnostics,
    failed: &mut Failed,
) -> BTreeMap<String, Quiz> {
    let mut sources: HashMap<String, PathBuf> = HashMap::new();
    let mut unique = Vec::new();
    for rel in discover::files(root, QUIZZES_DIR, &["yaml", "yml"], diags) {
        let id = rel
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("")
            .to_string();
        if let Some(first) = sources.get(&id) {
            diags.push(
                Diagnostic::error(
                    "duplicate-quiz",
                    &rel,
                    format!("quiz id `{id}` is already used by {}", first.display()),
                )
                .hint("quiz ids are file names; rename one of the files"),
            );
            continue;
        }
        sources.insert(id.clone(), rel.clone());
        unique.push((id, rel));
    }
    let parsed: Vec<(String, Option<Quiz>, Diagnostics)> = unique
        .into_par_iter()
        .map(|(id, rel)| {
            let mut d = Diagnostics::new();
            let quiz = read::read_text(root, &rel, &mut d).and_then(|text| {
                let q = quiz::parse_quiz(&rel, &id, &text, &mut d);
                if !d.is_empty() {
                    d.add_source(&rel, &text);
                }
                q
            });
            (id, quiz, d)
        })
        .collect();
    let mut quizzes = BTreeMap::new();
    for (id, quiz, d) in parsed {
        diags.extend(d);
        match quiz {
            Some(q) => {
                quizzes.insert(id, q);
            }
            None => {
                failed.quizzes.insert(id);
            }
        }
    }
    quizzes
}

fn load_glossary(root: &Path, diags: &mut Diagnostics) -> Vec<GlossaryTerm> {
    let rel = Path::new(GLOSSARY_FILE);
    if !root.join(rel).exists() {
        return Vec::new();
    }
    if read::outside(root, rel) {
        diags.push(
            Diagnostic::error(
                "path-escapes-course",
                rel,
                "the glossary is a link to a file outside the course folder",
            )
            .hint("copy the file into content/ instead of linking to it"),
        );
        return Vec::new();
    }
    let Some(text) = read::read_text(root, rel, diags) else {
        return Vec::new();
    };
    diags.add_source(rel, &text);
    glossary::parse_glossary(rel, &text, diags)
}
