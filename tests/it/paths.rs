//! Paths and file names: output paths that must never destroy or escape (`-o` with a
//! `..` after a folder that does not exist yet, linked files whose names would climb out
//! of the site), and module file names as trainers write them.

use std::fs;

use crate::common::*;

#[test]
fn an_output_path_that_climbs_back_into_the_course_is_refused() {
    let course = course_with_overlay(None);
    let dir = course.path().to_string_lossy().into_owned();
    let before = snapshot(&course.path().join("content"));
    for out in ["missing/../content", "missing/../../", "a/b/../../quizzes"] {
        let o = aware(&["build", &dir, "-o", out, "-q"], course.path());
        assert_eq!(
            o.status.code(),
            Some(2),
            "{out}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    assert_eq!(snapshot(&course.path().join("content")), before);
    // The same `..` that leads to a new folder is fine.
    let o = aware(
        &["build", &dir, "-o", "missing/../site", "-q"],
        course.path(),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(course.path().join("site/index.html").is_file());
}

#[cfg(unix)]
#[test]
fn a_file_name_with_backslashes_cannot_be_written_outside_the_site() {
    let t = tempfile::tempdir().unwrap();
    let course = t.path().join("course");
    copy_tree(&fixture("good"), &course);
    // On Unix `\` is an ordinary character in a name; in a site path it is a separator.
    fs::write(course.join("content").join("y\\..\\..\\..\\pwned.txt"), "x").unwrap();
    let next = course.join("content/02-next.md");
    let mut text = fs::read_to_string(&next).unwrap();
    text.push_str("\n[notes](y%5C..%5C..%5C..%5Cpwned.txt)\n");
    fs::write(&next, text).unwrap();
    let (_, diags) = aware::check_course(&course);
    assert!(
        diags
            .items()
            .iter()
            .any(|d| d.code == "path-escapes-course"),
        "{}",
        diags.render_plain()
    );
    let dir = course.to_string_lossy().into_owned();
    let o = aware(&["build", &dir, "-q"], &course);
    assert_eq!(o.status.code(), Some(1));
    let zip = t.path().join("c.zip");
    let o = aware(
        &[
            "package",
            &dir,
            "--scorm12",
            "-o",
            &zip.to_string_lossy(),
            "-q",
        ],
        &course,
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(!zip.exists());
    assert!(!t.path().join("pwned.txt").exists() && !course.join("pwned.txt").exists());
}

#[test]
fn a_module_whose_extension_is_upper_case_is_a_module() {
    let course = course_with_overlay(None);
    fs::write(
        course.path().join("content/03-shouting.MD"),
        "---\ntitle: Shouting\nrequired: false\n---\nSee [the first](01-intro.md).\n",
    )
    .unwrap();
    let dir = course.path().to_string_lossy().into_owned();
    let o = aware(&["build", &dir, "-q"], course.path());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(course.path().join("public/modules/shouting.html").is_file());
}
