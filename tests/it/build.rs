//! End-to-end builds of fixture courses: the HTML has what it should (parsed, not
//! string-matched), failed builds change nothing, and links resolve.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use crate::common::*;
use scraper::{Html, Selector};

fn parse(path: &Path) -> Html {
    Html::parse_document(
        &fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
    )
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn texts(doc: &Html, s: &str) -> Vec<String> {
    doc.select(&sel(s))
        .map(|e| e.text().collect::<String>().trim().to_string())
        .collect()
}

fn attrs(doc: &Html, s: &str, a: &str) -> Vec<String> {
    doc.select(&sel(s))
        .filter_map(|e| e.value().attr(a).map(str::to_string))
        .collect()
}

fn build_good() -> (tempfile::TempDir, PathBuf) {
    let t = tempfile::tempdir().unwrap();
    let out = t.path().join("site");
    let (diags, report) = aware::build(&fixture("good"), &out).unwrap();
    assert!(diags.is_empty(), "{}", diags.render_plain());
    let r = report.expect("build succeeds");
    assert_eq!((r.modules, r.quizzes, r.questions, r.terms), (2, 3, 7, 2));
    (t, out)
}

#[test]
fn home_page_lists_modules_in_order_with_minutes() {
    let (_t, out) = build_good();
    let home = parse(&out.join("index.html"));
    assert_eq!(texts(&home, "h1"), vec!["Fixture Course"]);
    assert_eq!(
        texts(&home, ".module-card-title"),
        vec!["Introduction", "Next steps"]
    );
    assert_eq!(
        attrs(&home, ".module-card-link", "href"),
        vec!["modules/intro.html", "modules/next.html"]
    );
    let meta = texts(&home, ".module-card-meta");
    assert!(
        meta[0].contains("5 min") && meta[0].contains("quiz"),
        "{meta:?}"
    );
    assert!(
        meta[1].contains("optional") && meta[1].contains("content note"),
        "{meta:?}"
    );
    assert_eq!(
        attrs(&home, "[data-module-status]", "data-module-status"),
        vec!["intro", "next"]
    );
    assert_eq!(attrs(&home, "html", "lang"), vec!["en"]);
    // Quick exit, hotline and skip link on every page.
    assert_eq!(
        attrs(&home, "[data-quick-exit]", "href"),
        vec!["https://example.org/weather"]
    );
    assert_eq!(
        attrs(&home, ".hotline-contacts a", "href"),
        vec!["tel:+18883737888"]
    );
    assert_eq!(attrs(&home, "a.skip-link", "href"), vec!["#main"]);
}

#[test]
fn module_page_has_extensions_toc_pager_and_quiz_form() {
    let (_t, out) = build_good();
    let page = parse(&out.join("modules/intro.html"));
    assert_eq!(texts(&page, "h1"), vec!["Introduction"]);
    // Heading ids, each heading's text a link to itself, and a table of contents of h2/h3.
    assert_eq!(
        attrs(&page, ".module-body h2, .module-body h3", "id"),
        vec!["key-facts", "details"]
    );
    assert_eq!(
        attrs(&page, ".module-body h2 > a, .module-body h3 > a", "href"),
        vec!["#key-facts", "#details"]
    );
    assert_eq!(
        attrs(&page, ".toc a", "href"),
        vec!["#key-facts", "#details", "#quiz"]
    );
    // Tables wrapped for scrolling, footnotes, strikethrough, task lists.
    assert_eq!(page.select(&sel(".table-wrap > table")).count(), 1);
    assert_eq!(page.select(&sel(".footnote-definition")).count(), 1);
    assert_eq!(texts(&page, "del"), vec!["struck"]);
    assert_eq!(
        page.select(&sel("li > input[type=checkbox][disabled]"))
            .count(),
        2
    );
    // Callout with its own title; a plain quote stays a quote.
    assert_eq!(
        texts(&page, "aside.callout-warning .callout-title"),
        vec!["Be careful"]
    );
    assert_eq!(texts(&page, "blockquote"), vec!["A plain quote."]);
    // Glossary link → glossary page anchor, and the term listed under "Terms in this module".
    assert_eq!(
        attrs(&page, "a.term", "href"),
        vec!["../glossary.html#term-coercion"]
    );
    assert_eq!(
        texts(
            &page,
            "details.terms li a[href='../glossary.html#term-coercion']"
        ),
        vec!["Coercion"]
    );
    // Its definition is in the module's terms file, not in the page.
    let terms = std::fs::read_to_string(out.join("modules/intro.terms.js")).unwrap();
    assert_eq!(
        terms,
        "window.AWARE_TERMS={\"coercion\":\"Making someone act through <em>threats</em> or pressure.\"};\n"
    );
    // Image copied and linked relatively.
    assert_eq!(
        attrs(&page, ".module-body img", "src"),
        vec!["../media/images/map.png"]
    );
    assert!(out.join("media/images/map.png").is_file());
    // Link to another module rewritten to its page.
    assert!(attrs(&page, ".module-body a", "href").contains(&"next.html".to_string()));
    // Pager: first module goes back home, then next.
    assert_eq!(
        attrs(&page, ".pager a", "href"),
        vec!["../index.html", "next.html"]
    );
    // Quiz: one fieldset per question with a legend; radios for single/true-false,
    // checkboxes for multiple; every input labelled.
    assert_eq!(attrs(&page, "section.quiz", "data-pass-mark"), vec!["75"]);
    assert_eq!(page.select(&sel("fieldset.question > legend")).count(), 3);
    assert_eq!(
        page.select(&sel("fieldset[data-kind=multiple] input[type=checkbox]"))
            .count(),
        3
    );
    assert_eq!(
        page.select(&sel("fieldset[data-kind=true_false] input[type=radio]"))
            .count(),
        2
    );
    for id in attrs(&page, "fieldset input", "id") {
        assert_eq!(
            page.select(&sel(&format!("label[for=\"{id}\"]"))).count(),
            1,
            "label for {id}"
        );
    }
}

#[test]
fn quiz_answers_are_not_in_the_markup_but_in_the_encoded_key() {
    let (_t, out) = build_good();
    let page = parse(&out.join("modules/intro.html"));
    let form_html: String = page
        .select(&sel("form.quiz-form"))
        .map(|e| e.html())
        .collect();
    assert!(!form_html.contains("correct"), "answers leak into the form");
    assert!(
        !form_html.contains("Clothing colour is not a sign"),
        "feedback shown before submitting"
    );
    // The key is not in the page either: in a file next to it, loaded on first use of the quiz.
    assert!(texts(&page, "script.quiz-key").is_empty());
    assert_eq!(
        attrs(&page, "section.quiz", "data-quiz-key-src"),
        vec!["intro.quiz.js"]
    );
    let file = fs::read_to_string(out.join("modules/intro.quiz.js")).unwrap();
    let b64 = file
        .strip_prefix("(window.AWARE_KEYS=window.AWARE_KEYS||{})[\"basics\"]=\"")
        .and_then(|r| r.strip_suffix("\";\n"))
        .unwrap_or_else(|| panic!("a quiz key file: {file}"));
    let json = decode_base64(b64);
    let v: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(
        v["questions"]["signs"]["correct"],
        serde_json::json!([0, 1])
    );
    assert_eq!(v["questions"]["minors"]["correct"], serde_json::json!([0]));
    assert_eq!(
        v["questions"]["smuggling"]["correct"],
        serde_json::json!([1])
    );
    assert_eq!(v["pass_mark"], 75);
}

fn decode_base64(s: &str) -> Vec<u8> {
    let val = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let bytes: Vec<u8> = s.bytes().filter(|&c| c != b'=').collect();
    let mut out = Vec::new();
    for chunk in bytes.chunks(4) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, &c)| acc | (val(c) as u32) << (18 - 6 * i));
        out.push((n >> 16) as u8);
        if chunk.len() > 2 {
            out.push((n >> 8) as u8);
        }
        if chunk.len() > 3 {
            out.push(n as u8);
        }
    }
    out
}

#[test]
fn second_module_has_content_note_and_unique_heading_ids() {
    let (_t, out) = build_good();
    let page = parse(&out.join("modules/next.html"));
    assert_eq!(
        texts(&page, "#content-note p").first().map(String::as_str),
        Some("Mentions abuse.")
    );
    assert_eq!(
        attrs(&page, ".module-body h2", "id"),
        vec!["what-to-do", "what-to-do-2"]
    );
    assert!(attrs(&page, ".module-body a", "href").contains(&"intro.html#key-facts".to_string()));
    // Last module: the pager leads to the final assessment.
    assert_eq!(
        attrs(&page, ".pager a", "href"),
        vec!["intro.html", "../final.html"]
    );
}

#[test]
fn glossary_groups_terms_by_category_and_links_back() {
    let (_t, out) = build_good();
    let g = parse(&out.join("glossary.html"));
    assert_eq!(
        texts(&g, ".glossary-category h2"),
        vec!["General", "Legal terms"]
    );
    assert_eq!(
        attrs(&g, ".glossary-entry", "id"),
        vec!["term-national-hotline", "term-coercion"]
    );
    assert_eq!(
        attrs(&g, "#term-coercion .used-in a", "href"),
        vec!["modules/intro.html"]
    );
    assert_eq!(texts(&g, "#term-coercion .aliases"), vec!["Also: pressure"]);
}

#[test]
fn final_certificate_verify_404_and_course_data_exist() {
    let (_t, out) = build_good();
    let f = parse(&out.join("final.html"));
    assert_eq!(attrs(&f, "section.quiz", "data-draw"), vec!["2"]);
    assert_eq!(
        f.select(&sel("fieldset.question")).count(),
        3,
        "the whole pool is in the page"
    );
    for page in ["certificate.html", "verify.html", "404.html", "safety.html"] {
        let d = parse(&out.join(page));
        assert_eq!(d.select(&sel("h1")).count(), 1, "{page}");
        assert_eq!(d.select(&sel("[data-quick-exit]")).count(), 1, "{page}");
    }
    let js = fs::read_to_string(out.join("course.js")).unwrap();
    let json = js
        .trim()
        .strip_prefix("window.AWARE_COURSE = ")
        .unwrap()
        .trim_end_matches(';');
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(v["id"], "fixture-course");
    assert_eq!(v["version"], "2.1");
    assert_eq!(
        v["modules"],
        serde_json::Value::Null,
        "the module list is modules.js"
    );
    assert_eq!(
        v["counts"],
        serde_json::json!({ "modules": 2, "required": 1 })
    );
    assert_eq!(v["final"]["questions"], 2);
    let js = fs::read_to_string(out.join("modules.js")).unwrap();
    let json = js
        .trim()
        .strip_prefix("window.AWARE_MODULES = ")
        .unwrap()
        .trim_end_matches(';');
    let rows: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(rows[1][0], "next");
    assert_eq!(rows[1][2], false);
    assert!(
        !out.join("modules/list-1.js").exists(),
        "a course with one list page has no list pieces"
    );
}

#[test]
fn course_js_stays_the_same_size_and_a_long_module_list_is_paged() {
    // 250 modules: course.js does not list them; the home page lists the first 100 and
    // links to index-2.html and index-3.html; module pages load neither list.
    let t = tempfile::tempdir().unwrap();
    let src = t.path().join("course");
    copy_tree(&fixture("good"), &src);
    for i in 3..=250 {
        fs::write(
            src.join(format!("content/{i:03}-m{i}.md")),
            format!("---\ntitle: Module {i}\n---\n\nText of module {i}.\n"),
        )
        .unwrap();
    }
    let out = t.path().join("site");
    let (diags, report) = aware::build(&src, &out).unwrap();
    assert!(report.is_some(), "{}", diags.render_plain());
    let course_js = fs::read_to_string(out.join("course.js")).unwrap();
    assert!(!course_js.contains("m250"), "course.js lists no module");
    assert!(
        course_js.contains(r#""counts":{"modules":250,"required":249}"#),
        "{course_js}"
    );
    assert!(fs::read_to_string(out.join("modules.js"))
        .unwrap()
        .contains(r#"["m250","Module 250",true,null]"#));
    let home = fs::read_to_string(out.join("index.html")).unwrap();
    assert_eq!(home.matches("data-module-card=").count(), 100);
    assert!(home.contains("Modules 1 to 100 of 250"));
    assert!(home.contains(r#"href="index-3.html""#));
    let third = fs::read_to_string(out.join("index-3.html")).unwrap();
    assert_eq!(third.matches("data-module-card=").count(), 50);
    assert!(third.contains("data-module-card=\"m250\""));
    assert!(
        !home.contains("modules.js"),
        "the home page does not load the whole list"
    );
    assert!(home.contains(r#"data-list-page="1" data-list-pages="3""#));
    // The list in the list pages' pieces, for the home page's "Continue".
    let piece = |k: usize| fs::read_to_string(out.join(format!("modules/list-{k}.js"))).unwrap();
    assert!(piece(1).starts_with("(window.AWARE_LISTS = window.AWARE_LISTS || [])[0] = [\n"));
    assert_eq!(
        piece(1).lines().count(),
        102,
        "100 rows, the head and the end"
    );
    assert!(piece(3).contains(r#"["m250","Module 250",true,null]"#));
    assert!(!out.join("modules/list-4.js").exists());
    let module = fs::read_to_string(out.join("modules/m7.html")).unwrap();
    assert!(
        !module.contains("modules.js"),
        "a module page does not load the list"
    );
    assert!(module.contains(r#"data-module-slug="m7" data-required="true""#));
}

/// Every relative href/src in every page points at a file that exists, and every
/// `#fragment` at an element id in that file.
fn assert_links_resolve(out: &Path) {
    let mut problems = BTreeSet::new();
    let html_files: Vec<PathBuf> = walkdir(out)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    assert!(!html_files.is_empty());
    let ids_of =
        |p: &Path| -> BTreeSet<String> { attrs(&parse(p), "[id]", "id").into_iter().collect() };
    for file in &html_files {
        let doc = parse(file);
        for (s, a) in [
            ("a[href]", "href"),
            ("img[src]", "src"),
            ("script[src]", "src"),
            ("link[href]", "href"),
        ] {
            for url in attrs(&doc, s, a) {
                if url.contains(':') || url.starts_with("//") {
                    continue;
                }
                // The 404 page offers its files at several depths and at the host's root on
                // purpose (themes/default/templates/404.html): only the first exists here.
                if file.ends_with("404.html") && (url.starts_with("../") || url.starts_with('/')) {
                    continue;
                }
                let (path, frag) = url
                    .split_once('#')
                    .map(|(p, f)| (p, Some(f)))
                    .unwrap_or((url.as_str(), None));
                let target = if path.is_empty() {
                    file.clone()
                } else {
                    file.parent().unwrap().join(path)
                };
                if !target.is_file() {
                    problems.insert(format!("{}: {url} → missing file", file.display()));
                    continue;
                }
                if let Some(f) = frag.filter(|f| !f.is_empty()) {
                    if target.extension().is_some_and(|e| e == "html")
                        && !ids_of(&target).contains(f)
                    {
                        problems.insert(format!("{}: {url} → no id #{f}", file.display()));
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn every_internal_link_in_the_fixture_resolves() {
    let (_t, out) = build_good();
    assert_links_resolve(&out);
}

#[test]
fn every_internal_link_in_the_default_course_resolves() {
    let t = tempfile::tempdir().unwrap();
    let out = t.path().join("public");
    let (diags, report) = aware::build(&repo(), &out).unwrap();
    assert!(report.is_some(), "{}", diags.render_plain());
    assert_links_resolve(&out);
}

#[test]
fn a_failed_build_leaves_the_previous_site_byte_for_byte() {
    let course = course_with_overlay(None);
    let out = course.path().join("public");
    let (_, r) = aware::build(course.path(), &out).unwrap();
    assert!(r.is_some());
    let before = snapshot(&out);
    // Break a quiz, then build again through the CLI.
    fs::copy(
        fixture("bad/no-correct-option/quizzes/next.yaml"),
        course.path().join("quizzes/next.yaml"),
    )
    .unwrap();
    let res = aware(&["build", "."], course.path());
    assert_eq!(res.status.code(), Some(1));
    let err = String::from_utf8_lossy(&res.stderr);
    assert!(err.contains("Nothing was written"), "{err}");
    assert_eq!(
        snapshot(&out),
        before,
        "output changed after a failed build"
    );
    let names: Vec<String> = fs::read_dir(course.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !names
            .iter()
            .any(|n| n.contains("aware-staging") || n.contains("aware-old")),
        "{names:?}"
    );
}

#[test]
fn a_rebuild_removes_pages_of_deleted_modules() {
    let course = course_with_overlay(None);
    let out = course.path().join("public");
    aware::build(course.path(), &out).unwrap();
    assert!(out.join("modules/next.html").is_file());
    fs::remove_file(course.path().join("content/02-next.md")).unwrap();
    fs::write(
        course.path().join("content/01-intro.md"),
        fs::read_to_string(course.path().join("content/01-intro.md"))
            .unwrap()
            .replace("(02-next.md)", "(#details)"),
    )
    .unwrap();
    fs::remove_file(course.path().join("quizzes/next.yaml")).unwrap();
    fs::write(
        course.path().join("content/glossary.yaml"),
        "- id: coercion\n  term: Coercion\n  category: Legal terms\n  definition: Pressure.\n",
    )
    .unwrap();
    let (diags, r) = aware::build(course.path(), &out).unwrap();
    assert!(r.is_some(), "{}", diags.render_plain());
    assert!(!out.join("modules/next.html").exists());
}

#[test]
fn refuses_to_replace_a_folder_it_did_not_make() {
    let course = course_with_overlay(None);
    let precious = course.path().join("docs");
    fs::create_dir_all(&precious).unwrap();
    fs::write(precious.join("notes.txt"), "keep me").unwrap();
    let res = aware(&["build", ".", "-o", "docs"], course.path());
    assert_eq!(res.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&res.stderr).contains("not empty and was not made by aware"));
    assert_eq!(
        fs::read_to_string(precious.join("notes.txt")).unwrap(),
        "keep me"
    );
}

#[test]
fn theme_overrides_replace_single_files() {
    let course = course_with_overlay(None);
    let theme = course.path().join("themes/default");
    fs::create_dir_all(theme.join("templates")).unwrap();
    fs::create_dir_all(theme.join("static")).unwrap();
    fs::write(theme.join("templates/404.html"), "{% extends \"base.html\" %}{% block main %}<h1>Lost? {{ site.title }}</h1>{% endblock main %}").unwrap();
    fs::write(theme.join("static/extra.txt"), "hello").unwrap();
    let out = course.path().join("public");
    let (diags, r) = aware::build(course.path(), &out).unwrap();
    assert!(r.is_some(), "{}", diags.render_plain());
    assert_eq!(
        texts(&parse(&out.join("404.html")), "h1"),
        vec!["Lost? Fixture Course"]
    );
    assert_eq!(
        fs::read_to_string(out.join("static/extra.txt")).unwrap(),
        "hello"
    );
    // Everything not overridden still comes from the embedded theme.
    assert!(out.join("static/aware.css").is_file());
    assert_eq!(
        texts(&parse(&out.join("index.html")), "h1"),
        vec!["Fixture Course"]
    );
}

#[test]
fn new_then_build_works_and_new_refuses_non_empty_folders() {
    let t = tempfile::tempdir().unwrap();
    let res = aware(&["new", "my-course"], t.path());
    assert!(
        res.status.success(),
        "{}",
        String::from_utf8_lossy(&res.stderr)
    );
    let dir = t.path().join("my-course");
    assert!(dir.join("site.yaml").is_file());
    assert!(dir.join("content/glossary.yaml").is_file());
    let res = aware(&["build", "my-course"], t.path());
    assert!(
        res.status.success(),
        "{}",
        String::from_utf8_lossy(&res.stderr)
    );
    assert!(dir.join("public/index.html").is_file());
    let again = aware(&["new", "my-course"], t.path());
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("not empty"));
    // --with-theme copies the theme to edit.
    let res = aware(&["new", "themed", "--with-theme"], t.path());
    assert!(res.status.success());
    assert!(t
        .path()
        .join("themed/themes/default/templates/module.html")
        .is_file());
}

#[test]
fn help_explains_every_command_and_version_prints() {
    let res = aware(&["--help"], &repo());
    let help = String::from_utf8_lossy(&res.stdout);
    for cmd in ["build", "check", "new"] {
        assert!(help.contains(cmd), "{help}");
    }
    let res = aware(&["build", "--help"], &repo());
    let help = String::from_utf8_lossy(&res.stdout);
    assert!(
        help.contains("--out") && help.contains("DIR/public") && help.contains("staging"),
        "{help}"
    );
    let res = aware(&["--version"], &repo());
    assert!(String::from_utf8_lossy(&res.stdout).contains(env!("CARGO_PKG_VERSION")));
}

#[test]
fn no_page_refers_to_another_host() {
    let (_t, out) = build_good();
    for file in walkdir(&out)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
    {
        let doc = parse(&file);
        for (s, a) in [
            ("img", "src"),
            ("script", "src"),
            ("link", "href"),
            ("iframe", "src"),
            ("source", "src"),
        ] {
            for url in attrs(&doc, s, a) {
                assert!(!url.contains("//"), "{}: {s} loads {url}", file.display());
            }
        }
    }
}

#[test]
fn branding_logo_and_colours_come_from_site_yaml() {
    let course = course_with_overlay(None);
    fs::create_dir_all(course.path().join("images")).unwrap();
    fs::copy(
        fixture("good/content/images/map.png"),
        course.path().join("images/logo.png"),
    )
    .unwrap();
    let site = fs::read_to_string(course.path().join("site.yaml")).unwrap();
    fs::write(
        course.path().join("site.yaml"),
        format!("{site}logo: images/logo.png\n"),
    )
    .unwrap();
    let out = course.path().join("public");
    let (diags, r) = aware::build(course.path(), &out).unwrap();
    assert!(r.is_some(), "{}", diags.render_plain());
    assert!(out.join("brand/logo.png").is_file());
    let home = parse(&out.join("index.html"));
    assert_eq!(attrs(&home, ".brand img", "src"), vec!["brand/logo.png"]);
    let module = parse(&out.join("modules/intro.html"));
    assert_eq!(
        attrs(&module, ".brand img", "src"),
        vec!["../brand/logo.png"]
    );
    // The primary colour from site.yaml is applied, by the site's own stylesheet (the
    // Content-Security-Policy allows no inline style): it joins aware.css, which every
    // page links, so it costs no request of its own.
    let html = fs::read_to_string(out.join("index.html")).unwrap();
    assert!(!html.contains("<style"), "no inline style");
    assert!(attrs(&home, "link[href$='brand.css']", "href").is_empty());
    assert!(!out.join("static/brand.css").exists());
    assert_eq!(
        attrs(&home, "link[rel=stylesheet]", "href"),
        vec!["static/aware.css", "static/pages.css"]
    );
    assert_eq!(
        attrs(&module, "link[rel=stylesheet]", "href"),
        vec!["../static/aware.css"],
        "a module page loads only the stylesheet module pages use"
    );
    let css = fs::read_to_string(out.join("static/aware.css")).unwrap();
    let (_, brand) = css
        .rsplit_once("@media print, (prefers-color-scheme: light)")
        .expect("brand rules at the end");
    assert!(
        brand.contains("--brand: #224488"),
        "colour not applied: {brand}"
    );
    // A logo that is not there is an error naming site.yaml.
    fs::write(
        course.path().join("site.yaml"),
        format!("{site}logo: images/nope.png\n"),
    )
    .unwrap();
    let (diags, r) = aware::build(course.path(), &out).unwrap();
    assert!(r.is_none());
    let d = &diags.items()[0];
    assert_eq!(d.code, "missing-logo");
    assert_eq!(
        d.location(),
        format!("site.yaml:{}:1", site.lines().count() + 1)
    );
}
