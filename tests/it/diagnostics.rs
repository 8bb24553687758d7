//! Each bad fixture course (tests/fixtures/bad/<case>: files laid over the good course)
//! must produce exactly the diagnostics listed in its `expect` file, at the right place.

use std::fs;

use crate::common::*;

#[test]
fn every_bad_fixture_reports_the_expected_diagnostics() {
    let bad = fixture("bad");
    let mut cases: Vec<_> = fs::read_dir(&bad)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    assert!(
        cases.len() >= 15,
        "expected the bad fixtures, found {}",
        cases.len()
    );
    let mut failures = Vec::new();
    for case in cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let course = course_with_overlay(Some(&case));
        let (_, diags) = aware::check_course(course.path());
        let got: Vec<String> = diags
            .sorted()
            .iter()
            .map(|d| {
                format!(
                    "{} {} {}",
                    if d.severity == aware::diagnostic::Severity::Error {
                        "error"
                    } else {
                        "warning"
                    },
                    d.code,
                    d.location()
                )
            })
            .collect();
        let want: Vec<String> = fs::read_to_string(case.join("expect"))
            .unwrap()
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::to_string)
            .collect();
        let mut got_sorted = got.clone();
        got_sorted.sort();
        let mut want_sorted = want.clone();
        want_sorted.sort();
        if got_sorted != want_sorted {
            failures.push(format!(
                "{name}:\n  want {want:?}\n  got  {got:?}\n{}",
                diags.render_plain()
            ));
        }
        // Every diagnostic says how to fix it.
        for d in diags.items() {
            if d.hint.is_none() {
                failures.push(format!("{name}: `{}` has no hint", d.code));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn good_fixture_has_no_diagnostics() {
    let (course, diags) = aware::check_course(&fixture("good"));
    assert!(diags.is_empty(), "{}", diags.render_plain());
    assert_eq!(course.modules.len(), 2);
}

#[test]
fn check_reports_all_problems_at_once() {
    // Two independent problems in two files: both are reported.
    let course = course_with_overlay(Some(&fixture("bad/no-correct-option")));
    fs::write(
        course.path().join("content/01-intro.md"),
        "---\ntitel: Intro\n---\n",
    )
    .unwrap();
    let out = aware(&["check", "."], course.path());
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("content/01-intro.md:2:1"), "{err}");
    assert!(err.contains("did you mean `title`?"), "{err}");
    assert!(err.contains("quizzes/next.yaml:2:5"), "{err}");
    assert!(err.contains("2 errors"), "{err}");
}

#[test]
fn check_exits_zero_with_only_warnings() {
    let course = course_with_overlay(Some(&fixture("bad/image-without-alt")));
    let out = aware(&["check", "."], course.path());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("warning[image-no-alt]"), "{err}");
}

#[test]
fn rendered_diagnostic_shows_source_line_and_help() {
    let course = course_with_overlay(Some(&fixture("bad/missing-quiz")));
    let out = aware(&["check"], course.path());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("error[missing-quiz]"), "{err}");
    assert!(
        err.contains("quiz: nxt"),
        "the offending line is shown: {err}"
    );
    assert!(err.contains("did you mean `quiz: next`?"), "{err}");
}

#[test]
fn a_folder_without_site_yaml_is_explained() {
    let t = tempfile::tempdir().unwrap();
    let out = aware(&["check", "."], t.path());
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no site.yaml"), "{err}");
    assert!(err.contains("aware new"), "{err}");
}
