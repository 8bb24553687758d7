//! Authoring features in the built HTML: objectives and key points, standalone pages,
//! placeholders, organisation contacts, the core/optional home page, the certificate's
//! settings, `--strict`, and `aware new`.

use std::fs;
use std::path::Path;

use scraper::{Html, Selector};

use crate::common::*;

fn page(path: &Path) -> Html {
    Html::parse_document(
        &fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
    )
}

fn texts(doc: &Html, s: &str) -> Vec<String> {
    let sel = Selector::parse(s).unwrap();
    doc.select(&sel)
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// Builds the good fixture with `overlay` (a bad-fixture folder) on top.
fn build_with(overlay: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let course = course_with_overlay(Some(&fixture(overlay)));
    let out = course.path().join("site");
    let (diags, report) = aware::build(course.path(), &out).unwrap();
    assert!(report.is_some(), "{}", diags.render_plain());
    (course, out)
}

#[test]
fn objectives_open_the_module_and_key_points_come_before_the_quiz() {
    let course = course_with_overlay(Some(&fixture("bad/objectives")));
    // The fixture's quiz names an objective that does not exist; take that line out.
    let quiz = course.path().join("quizzes/basics.yaml");
    fs::write(
        &quiz,
        fs::read_to_string(&quiz)
            .unwrap()
            .replace("    objective: 3\n", "    objective: 2\n"),
    )
    .unwrap();
    let out = course.path().join("site");
    let (diags, report) = aware::build(course.path(), &out).unwrap();
    assert!(
        report.is_some() && diags.is_empty(),
        "{}",
        diags.render_plain()
    );
    let html = fs::read_to_string(out.join("modules/intro.html")).unwrap();
    let doc = page(&out.join("modules/intro.html"));
    assert_eq!(
        texts(&doc, ".objectives h2"),
        ["In this module you will learn to:"]
    );
    assert_eq!(
        texts(&doc, ".objectives li"),
        ["Tell trafficking from smuggling", "Know when to call 911"]
    );
    assert_eq!(
        texts(&doc, ".takeaways li"),
        ["Any minor in commercial sex is a victim."]
    );
    let at = |s: &str| html.find(s).unwrap_or_else(|| panic!("{s} in the page"));
    assert!(
        at("class=\"objectives\"") < at("id=\"module-body\""),
        "objectives before the text"
    );
    assert!(
        at("class=\"takeaways\"") > at("id=\"module-body\""),
        "key points after the text"
    );
    assert!(
        at("class=\"takeaways\"") < at("id=\"quiz\""),
        "key points before the quiz"
    );
}

#[test]
fn standalone_pages_are_built_linked_from_every_page_and_searchable() {
    let course = course_with_overlay(Some(&fixture("bad/page-links")));
    let page_md = course.path().join("content/pages/report.md");
    fs::write(&page_md, "---\ntitle: Report a concern\nnav: header\n---\nTell your **supervisor** first. Read [the introduction](../01-intro.md#key-facts).\n\n## Retaliation\n\nNobody may punish you for reporting in good faith.\n").unwrap();
    fs::create_dir_all(course.path().join("content/pages")).unwrap();
    fs::write(
        course.path().join("content/pages/privacy.md"),
        "---\ntitle: Privacy\nnav: footer\n---\nNothing leaves your browser.\n",
    )
    .unwrap();
    let out = course.path().join("site");
    let (diags, report) = aware::build(course.path(), &out).unwrap();
    assert!(report.is_some(), "{}", diags.render_plain());
    let doc = page(&out.join("pages/report.html"));
    assert_eq!(texts(&doc, "h1"), ["Report a concern"]);
    // Links in the text, not a heading's link to its own section.
    let link = Selector::parse(".page-body a").unwrap();
    let in_heading = |a: &scraper::ElementRef| {
        a.parent()
            .and_then(scraper::ElementRef::wrap)
            .is_some_and(|p| matches!(p.value().name(), "h2" | "h3" | "h4"))
    };
    let href: Vec<&str> = doc
        .select(&link)
        .filter(|a| !in_heading(a))
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(href, ["../modules/intro.html#key-facts"]);
    assert!(out.join("modules/intro.html").is_file());
    for p in [
        "index.html",
        "modules/next.html",
        "pages/report.html",
        "glossary.html",
    ] {
        let doc = page(&out.join(p));
        let nav = Selector::parse(".site-nav a").unwrap();
        let depth = if p.contains('/') { "../" } else { "" };
        let hrefs: Vec<&str> = doc
            .select(&nav)
            .filter_map(|a| a.value().attr("href"))
            .collect();
        assert!(
            hrefs.contains(&format!("{depth}pages/report.html").as_str()),
            "{p}: {hrefs:?}"
        );
        let foot = Selector::parse(".footer-links a").unwrap();
        let foot: Vec<&str> = doc
            .select(&foot)
            .filter_map(|a| a.value().attr("href"))
            .collect();
        assert_eq!(foot, [format!("{depth}pages/privacy.html")], "{p}");
    }
    let out = aware(
        &[
            "search",
            "retaliation",
            &course.path().to_string_lossy(),
            "--json",
        ],
        course.path(),
    );
    let first: serde_json::Value = serde_json::from_str(
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .next()
            .expect("a result"),
    )
    .unwrap();
    assert_eq!(first["url"], "pages/report.html#retaliation");
}

#[test]
fn placeholders_are_marked_warned_and_refused_by_strict() {
    let (course, out) = build_with("bad/placeholders");
    let doc = page(&out.join("modules/intro.html"));
    assert_eq!(
        texts(&doc, ".module-body mark.placeholder"),
        ["[To fill in: your team’s name]"]
    );
    let home = page(&out.join("index.html"));
    assert!(
        texts(&home, "mark.placeholder").contains(&"[To fill in: your organisation]".to_string())
    );
    let dir = course.path().to_string_lossy().into_owned();
    assert_eq!(
        aware(&["check", &dir], course.path()).status.code(),
        Some(0)
    );
    let strict = aware(&["check", &dir, "--strict"], course.path());
    assert_eq!(strict.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&strict.stderr)
        .contains("error[placeholder]: to fill in: your team's name"));
    let fresh = course.path().join("strict-site");
    let b = aware(
        &["build", &dir, "-o", &fresh.to_string_lossy(), "--strict"],
        course.path(),
    );
    assert_eq!(b.status.code(), Some(1));
    assert!(
        !fresh.exists(),
        "a strict build with warnings writes nothing"
    );
    let zip = course.path().join("strict.zip");
    let p = aware(
        &[
            "package",
            &dir,
            "--scorm12",
            "-o",
            &zip.to_string_lossy(),
            "--strict",
        ],
        course.path(),
    );
    assert_eq!(p.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&p.stderr).contains("error[placeholder]"));
    assert!(
        !zip.exists(),
        "a strict package with warnings writes nothing"
    );
}

#[test]
fn organisation_contacts_come_first_in_the_help_block() {
    let (_c, out) = build_with("authoring/contact-links-good");
    let doc = page(&out.join("index.html"));
    assert_eq!(
        texts(&doc, ".hotline h3"),
        ["At your organisation", "Outside your organisation"]
    );
    assert_eq!(
        texts(&doc, ".hotline-internal .contact-label"),
        ["Security desk"]
    );
    let html = fs::read_to_string(out.join("index.html")).unwrap();
    assert!(html.find("hotline-internal").unwrap() < html.find("tel:+18883737888").unwrap());
}

#[test]
fn the_home_page_separates_core_and_optional_modules() {
    let t = tempfile::tempdir().unwrap();
    let out = t.path().join("site");
    aware::build(&fixture("good"), &out)
        .unwrap()
        .1
        .expect("builds");
    let doc = page(&out.join("index.html"));
    assert_eq!(texts(&doc, "#modules-title"), ["Core modules"]);
    assert_eq!(texts(&doc, "#optional-title"), ["Go deeper (optional)"]);
    assert_eq!(
        texts(
            &doc,
            ".module-list:not(.module-list-optional) .module-card-title"
        ),
        ["Introduction"]
    );
    assert_eq!(
        texts(&doc, ".module-list-optional .module-card-title"),
        ["Next steps"]
    );
    let facts = texts(&doc, ".module-group-facts");
    assert!(
        facts[0].contains("about 5 minutes") && facts[1].contains("about 7 minutes"),
        "{facts:?}"
    );
}

#[test]
fn the_certificate_settings_reach_the_page_and_the_browser() {
    let course = course_with_overlay(None);
    let site = course.path().join("site.yaml");
    let text = fs::read_to_string(&site).unwrap();
    fs::write(&site, format!("{text}certificate:\n  valid_for: 2 years\n  attestation: I did this training myself.\n  hours: auto\n  topics: true\n  signatory: Training team\nbase_url: https://training.example.org/course/\n")).unwrap();
    let out = course.path().join("site");
    let (diags, report) = aware::build(course.path(), &out).unwrap();
    assert!(report.is_some(), "{}", diags.render_plain());
    let js = fs::read_to_string(out.join("course.js")).unwrap();
    let data: serde_json::Value = serde_json::from_str(
        js.trim()
            .trim_start_matches("window.AWARE_COURSE = ")
            .trim_end_matches(';'),
    )
    .unwrap();
    let c = &data["certificate"];
    assert_eq!(c["valid_months"], 24);
    assert_eq!(c["attestation"], "I did this training myself.");
    assert_eq!(
        c["hours"], "5 minutes",
        "the required modules' minutes (Introduction: 5)"
    );
    assert_eq!(
        c["topics"],
        serde_json::json!(true),
        "the scripts take the titles of the required modules from modules.js"
    );
    let list = fs::read_to_string(out.join("modules.js")).unwrap();
    assert!(list.contains(r#""Introduction",true"#), "{list}");
    assert_eq!(
        c["verify_url"],
        "https://training.example.org/course/verify.html"
    );
    let doc = page(&out.join("certificate.html"));
    assert_eq!(
        texts(&doc, "label[for=attest]"),
        ["I did this training myself."]
    );
    assert_eq!(
        texts(&doc, ".cert-url"),
        ["https://training.example.org/course/verify.html"]
    );
    assert_eq!(texts(&doc, ".cert-topics li"), ["Introduction"]);
    assert_eq!(texts(&doc, "[data-cert-hours]"), ["5 minutes"]);
}

#[test]
fn a_new_course_is_the_core_path_with_placeholders_to_fill_in() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("course");
    let out = aware(&["new", &dir.to_string_lossy()], t.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (course, diags) = aware::check_course(&dir);
    assert!(!diags.has_errors(), "{}", diags.render_plain());
    assert!(
        course.modules.iter().all(|m| m.required),
        "only the core path"
    );
    assert!(!course.modules.is_empty() && !course.pages.is_empty());
    let codes: std::collections::BTreeSet<&str> = diags.items().iter().map(|d| d.code).collect();
    assert_eq!(codes.into_iter().collect::<Vec<_>>(), ["placeholder"]);
    assert!(diags.items().iter().all(|d| d.line > 0 && d.column > 0));
    assert_eq!(
        aware(&["check", &dir.to_string_lossy(), "--strict"], t.path())
            .status
            .code(),
        Some(1)
    );
    let full = t.path().join("full");
    assert!(aware(&["new", &full.to_string_lossy(), "--full"], t.path())
        .status
        .success());
    let (all, _) = aware::check_course(&full);
    assert!(all.modules.len() > course.modules.len());
}
