//! Standalone pages: `content/pages/NAME.md`, a title and markdown, linked from the
//! header or the footer. Not modules: no quiz, no progress.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::frontmatter;
use super::model::{Nav, Page};
use super::yaml::{self, Locator};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::util::slug::{number_prefix, slug_from_file};

/// Where standalone pages live.
pub(crate) const PAGES_DIR: &str = "content/pages";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPage {
    title: String,
    #[serde(default)]
    nav: Option<Nav>,
    #[serde(default)]
    order: Option<i64>,
}

/// Parses one page file (already read as text).
pub(crate) fn parse_page(rel: &Path, text: String, diags: &mut Diagnostics) -> Option<Page> {
    let split = match frontmatter::split(&text) {
        Ok(s) => s,
        Err(e) => {
            diags.push(super::module::split_error(rel, &text, e));
            return None;
        }
    };
    let raw: RawPage = match yaml::parse(
        rel,
        &text,
        split.yaml,
        split.yaml_line_offset,
        "page front matter",
    ) {
        Ok(r) => r,
        Err(d) => {
            diags.push(*d);
            return None;
        }
    };
    if raw.title.trim().is_empty() {
        let loc = Locator::new(split.yaml, split.yaml_line_offset);
        let d = Diagnostic::error("empty-title", rel, "page title is empty")
            .hint("give the page a title, e.g. `title: Report a concern`");
        diags.push(loc.place(&text, "title", d));
        return None;
    }
    let slug = slug_from_file(rel);
    if slug.is_empty() {
        diags.push(
            Diagnostic::error(
                "bad-file-name",
                rel,
                "cannot make a page name from this file name",
            )
            .hint("use letters or digits in the name, e.g. report-a-concern.md"),
        );
        return None;
    }
    Some(Page {
        slug,
        source: rel.to_path_buf(),
        title: raw.title.trim().to_string(),
        nav: raw.nav,
        order: raw
            .order
            .unwrap_or_else(|| number_prefix(rel).unwrap_or(i64::MAX)),
        body_offset: split.body_offset,
        text,
    })
}

/// Pages in order, reporting two files that would make the same page.
pub(crate) fn collect(parsed: Vec<(PathBuf, Page)>, diags: &mut Diagnostics) -> Vec<Page> {
    let mut seen: HashMap<String, PathBuf> = HashMap::new();
    let mut pages = Vec::new();
    for (rel, page) in parsed {
        if let Some(first) = seen.get(&page.slug) {
            diags.push(
                Diagnostic::error(
                    "duplicate-slug",
                    &rel,
                    format!(
                        "page name `{}` is already used by {}",
                        page.slug,
                        first.display()
                    ),
                )
                .hint("page names come from file names; rename one of the files"),
            );
            continue;
        }
        seen.insert(page.slug.clone(), rel);
        pages.push(page);
    }
    pages.sort_by(|a, b| (a.order, &a.source).cmp(&(b.order, &b.source)));
    pages
}
