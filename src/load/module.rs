//! One module file: YAML front matter and a markdown body.

use std::path::Path;

use serde::Deserialize;

use super::frontmatter::{self, SplitError};
use super::model::Module;
use super::yaml::{self, Locator};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::util::slug::{number_prefix, slug_from_file};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFrontMatter {
    title: String,
    #[serde(default)]
    order: Option<i64>,
    #[serde(default)]
    summary: Option<String>,
    #[serde(default)]
    minutes: Option<u32>,
    #[serde(default)]
    content_note: Option<String>,
    #[serde(default)]
    quiz: Option<String>,
    #[serde(default = "yes")]
    required: bool,
    #[serde(default)]
    objectives: Vec<String>,
    #[serde(default)]
    takeaways: Vec<String>,
}

fn yes() -> bool {
    true
}

/// Longest page name a module's file name may make: its files (`<slug>.terms.js`) must
/// fit in the 255 bytes every file system allows a name.
const MAX_SLUG: usize = 100;

/// Parses one module file (already read as text).
pub(crate) fn parse_module(rel: &Path, text: String, diags: &mut Diagnostics) -> Option<Module> {
    let split = match frontmatter::split(&text) {
        Ok(s) => s,
        Err(e) => {
            diags.push(split_error(rel, &text, e));
            return None;
        }
    };
    let raw: RawFrontMatter = match yaml::parse(
        rel,
        &text,
        split.yaml,
        split.yaml_line_offset,
        "module front matter",
    ) {
        Ok(r) => r,
        Err(d) => {
            diags.push(*d);
            return None;
        }
    };
    let loc = Locator::new(split.yaml, split.yaml_line_offset);
    let mut ok = true;
    if raw.title.trim().is_empty() {
        let d = Diagnostic::error("empty-title", rel, "module title is empty")
            .hint("give the module a title, e.g. `title: Who is at risk`");
        diags.push(loc.place(&text, "title", d));
        ok = false;
    }
    if raw.quiz.as_deref().is_some_and(|q| q.trim().is_empty()) {
        let d = Diagnostic::error("empty-quiz", rel, "`quiz:` names no quiz")
            .hint("give the quiz's file name without .yaml, e.g. `quiz: who-is-at-risk`, or remove the line");
        diags.push(loc.place(&text, "quiz", d));
        ok = false;
    }
    let slug = slug_from_file(rel);
    if slug.is_empty() {
        diags.push(
            Diagnostic::error(
                "bad-file-name",
                rel,
                "cannot make a page name from this file name",
            )
            .hint("use letters or digits in the name, e.g. 01-introduction.md"),
        );
        ok = false;
    } else if slug.len() > MAX_SLUG {
        diags.push(
            Diagnostic::error(
                "bad-file-name",
                rel,
                format!(
                    "the file name makes a page name of {} characters, more than {MAX_SLUG}",
                    slug.len()
                ),
            )
            .hint("shorten the file name: it is the page's address, e.g. 05-labor-trafficking.md"),
        );
        ok = false;
    }
    if !ok {
        return None;
    }
    let order = raw
        .order
        .unwrap_or_else(|| number_prefix(rel).unwrap_or(i64::MAX));
    let body_offset = split.body_offset;
    Some(Module {
        slug,
        source: rel.to_path_buf(),
        title: raw.title.trim().to_string(),
        order,
        summary: raw.summary,
        minutes: raw.minutes,
        content_note: raw.content_note,
        quiz: raw.quiz,
        required: raw.required,
        objectives: trimmed(raw.objectives),
        takeaways: trimmed(raw.takeaways),
        body_offset,
        text,
    })
}

/// The non-empty entries of a list, trimmed.
fn trimmed(list: Vec<String>) -> Vec<String> {
    list.into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

pub(crate) fn split_error(rel: &Path, text: &str, e: SplitError) -> Diagnostic {
    match e {
        SplitError::Missing => {
            Diagnostic::error("no-front-matter", rel, "module has no front matter")
                .at(text, 0, text.find('\n').unwrap_or(text.len()))
                .hint(
                    "start the file with a `---` line, then `title: ...`, then another `---` line",
                )
        }
        SplitError::Unclosed => Diagnostic::error(
            "unclosed-front-matter",
            rel,
            "front matter is opened with `---` but never closed",
        )
        .at(text, 0, 3)
        .hint("add a line with just `---` after the last front-matter field"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn module_front_matter_errors() {
        let mut d = Diagnostics::new();
        assert!(parse_module(Path::new("content/a.md"), "# Hi\n".into(), &mut d).is_none());
        assert!(
            parse_module(Path::new("content/a.md"), "---\ntitle: A\n".into(), &mut d).is_none()
        );
        assert!(parse_module(
            Path::new("content/a.md"),
            "---\ntitle: A\nminuts: 3\n---\n".into(),
            &mut d
        )
        .is_none());
        let codes: Vec<_> = d.items().iter().map(|x| (x.code, x.line)).collect();
        assert_eq!(
            codes,
            vec![
                ("no-front-matter", 1),
                ("unclosed-front-matter", 1),
                ("unknown-field", 3)
            ]
        );
        assert!(d.items()[2].hint.as_deref().unwrap().contains("`minutes`"));
    }

    #[test]
    fn order_defaults_to_number_prefix() {
        let mut d = Diagnostics::new();
        let m = parse_module(
            Path::new("content/07-x.md"),
            "---\ntitle: X\n---\nBody".into(),
            &mut d,
        )
        .unwrap();
        assert_eq!(m.order, 7);
        assert!(m.required);
        assert_eq!(&m.text[m.body_offset..], "Body");
    }
}
