//! `course.js`: the course facts the browser scripts read.

use std::path::PathBuf;

use serde_json::json;

use crate::load::config::{valid_for_months, Hours};
use crate::load::{Course, Module};
use crate::render::pages::LIST_PAGE_SIZE;
use crate::write::OutFile;

/// The certificate as the browser makes it: wording, and what the course's settings
/// add (validity, attestation, hours, topics, the verify address).
fn certificate(course: &Course) -> serde_json::Value {
    let c = &course.config.certificate;
    let mut v = json!({ "title": c.title, "statement": c.statement, "signatory": c.signatory });
    if let Some(months) = c.valid_for.as_deref().and_then(valid_for_months) {
        v["valid_months"] = json!(months);
    }
    if let Some(a) = &c.attestation {
        v["attestation"] = json!(a.trim());
    }
    if let Some(h) = hours_text(course) {
        v["hours"] = json!(h);
    }
    if c.topics {
        // The titles of the required modules: the scripts take them from `modules.js`, so
        // course.js stays the same size whatever the number of modules.
        v["topics"] = json!(true);
    }
    if let Some(base) = &course.config.base_url {
        v["verify_url"] = json!(format!("{}/verify.html", base.trim_end_matches('/')));
    }
    v
}

/// The certificate's hours as words ("1 hour 15 minutes"), when the course prints them.
pub(crate) fn hours_text(course: &Course) -> Option<String> {
    let minutes = match course.config.certificate.hours? {
        Hours::Auto(_) => course
            .modules
            .iter()
            .filter(|m| m.required)
            .filter_map(|m| m.minutes)
            .sum::<u32>(),
        Hours::Number(h) => (h * 60.0).round() as u32,
    };
    let (h, m) = (minutes / 60, minutes % 60);
    let part = |n: u32, unit: &str| format!("{n} {unit}{}", if n == 1 { "" } else { "s" });
    Some(match (h, m) {
        (0, m) => part(m, "minute"),
        (h, 0) => part(h, "hour"),
        (h, m) => format!("{} {}", part(h, "hour"), part(m, "minute")),
    })
}

/// The browser's course data: `course.js`, `modules.js` and, for a course whose home page
/// lists its modules on several pages, the module list in those pages' pieces.
pub(crate) fn files(course: &Course) -> Vec<OutFile> {
    let mut out = vec![file(course), modules_file(course)];
    out.extend(list_files(course));
    out
}

/// Course facts for the browser scripts, as a `.js` file so it loads from `file://`. Every
/// page loads it, so it holds nothing per module: its size does not grow with the course.
/// The module list is `modules.js`; a module page describes its own module in its HTML.
pub(crate) fn file(course: &Course) -> OutFile {
    let c = &course.config;
    let data = json!({
        "schema": 2,
        "id": c.id,
        "version": c.version,
        "title": c.title,
        "organisation": c.organisation,
        "pass_mark": c.pass_mark,
        "quick_exit_url": c.quick_exit_url,
        "counts": {
            "modules": course.modules.len(),
            "required": course.modules.iter().filter(|m| m.required).count(),
        },
        "final": c.final_assessment.as_ref().map(|f| {
            let mut v = json!({ "quiz": f.quiz, "questions": f.questions, "pass_mark": f.pass_mark.unwrap_or(c.pass_mark) });
            if f.spread.is_some() {
                v["spread"] = json!(f.spread);
            }
            v
        }),
        "certificate": certificate(course),
        "language": c.language,
    });
    OutFile {
        path: PathBuf::from("course.js"),
        bytes: format!("window.AWARE_COURSE = {};\n", data).into_bytes(),
    }
}

/// The module list, for the pages that need all of it (an LMS package's pages; the
/// certificate and verify pages when the certificate lists the topics; a page that fills
/// in progress saved by an older version): one row per module in course order,
/// `[slug, title, required, quiz id or null]`.
pub(crate) fn modules_file(course: &Course) -> OutFile {
    OutFile {
        path: PathBuf::from("modules.js"),
        bytes: rows_text("window.AWARE_MODULES = ", &course.modules).into_bytes(),
    }
}

/// The module list in the pieces of the home page's list pages, when there are several:
/// `modules/list-<k>.js` holds the rows of `index-<k>.html`'s modules (as `modules.js`),
/// as `window.AWARE_LISTS[k - 1]`. The home page finds where to continue from them,
/// loading one piece after another from the first only as far as it must, so what it
/// loads does not grow with the number of modules.
pub(crate) fn list_files(course: &Course) -> Vec<OutFile> {
    if course.modules.len() <= LIST_PAGE_SIZE {
        return Vec::new();
    }
    course
        .modules
        .chunks(LIST_PAGE_SIZE)
        .enumerate()
        .map(|(i, chunk)| {
            let head = format!("(window.AWARE_LISTS = window.AWARE_LISTS || [])[{i}] = ");
            OutFile {
                path: PathBuf::from(format!("modules/list-{}.js", i + 1)),
                bytes: rows_text(&head, chunk).into_bytes(),
            }
        })
        .collect()
}

/// `head` and the modules' rows as a JS array literal, one row per line.
fn rows_text(head: &str, modules: &[Module]) -> String {
    let mut text = format!("{head}[\n");
    for (i, m) in modules.iter().enumerate() {
        text.push_str(&json!([m.slug, m.title, m.required, m.quiz]).to_string());
        text.push_str(if i + 1 < modules.len() { ",\n" } else { "\n" });
    }
    text.push_str("];\n");
    text
}
