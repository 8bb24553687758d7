//! Snapshots of what people see: `aware check`'s diagnostics for every bad fixture
//! (message, position, source line and hint), and representative HTML fragments of the
//! good fixture's pages. They live in `tests/it/snapshots/`; after an intended change,
//! re-bless them with `INSTA_UPDATE=always cargo test --test it snapshots` and review the
//! diff in git.

use std::fs;
use std::path::Path;

use scraper::{Html, Selector};

use crate::common::*;

/// `aware check`'s terminal output for a course, with its temporary folder named neutrally.
fn check_output(dir: &Path) -> String {
    let out = aware(&["check", &dir.to_string_lossy()], dir);
    let text = String::from_utf8_lossy(&out.stderr).into_owned();
    text.replace(&dir.to_string_lossy().into_owned(), "[COURSE]")
}

#[test]
fn diagnostics_of_every_bad_fixture() {
    let bad = fixture("bad");
    let mut cases: Vec<_> = fs::read_dir(&bad)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    for case in cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let course = course_with_overlay(Some(&case));
        insta::assert_snapshot!(format!("check__{name}"), check_output(course.path()));
    }
}

/// The outer HTML of the first element matching `selector` in a built page.
fn fragment(site: &Path, page: &str, selector: &str) -> String {
    let html = fs::read_to_string(site.join(page)).unwrap();
    let doc = Html::parse_document(&html);
    let sel = Selector::parse(selector).unwrap();
    let el = doc
        .select(&sel)
        .next()
        .unwrap_or_else(|| panic!("{page} has no {selector}"));
    el.html()
}

#[test]
fn html_fragments_of_the_good_fixture() {
    let t = tempfile::tempdir().unwrap();
    let out = t.path().join("site");
    let (diags, report) = aware::build(&fixture("good"), &out).unwrap();
    assert!(report.is_some(), "{}", diags.render_plain());
    for (name, page, selector) in [
        ("module_body", "modules/intro.html", ".module-body"),
        ("module_header", "modules/intro.html", ".module-header"),
        ("module_quiz", "modules/intro.html", "section.quiz fieldset"),
        ("module_pager", "modules/next.html", ".pager"),
        ("content_note", "modules/next.html", ".content-note"),
        ("home_modules", "index.html", ".module-list-section"),
        ("glossary_terms", "glossary.html", "main"),
        ("hotline", "index.html", ".hotline"),
        ("exit_bar", "index.html", ".exit-bar"),
    ] {
        insta::assert_snapshot!(format!("html__{name}"), fragment(&out, page, selector));
    }
}
