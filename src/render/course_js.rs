//! `course.js`: the course facts the browser scripts read.

use std::path::PathBuf;

use serde_json::json;

use crate::load::Course;
use crate::write::OutFile;

/// Course facts for the browser scripts, as a `.js` file so it loads from `file://`.
pub(crate) fn file(course: &Course) -> OutFile {
    let c = &course.config;
    let modules: Vec<_> = course
        .modules
        .iter()
        .map(|m| json!({ "slug": m.slug, "title": m.title, "required": m.required, "quiz": m.quiz, "minutes": m.minutes }))
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
    OutFile {
        path: PathBuf::from("course.js"),
        bytes: format!("window.AWARE_COURSE = {};\n", data).into_bytes(),
    }
}
