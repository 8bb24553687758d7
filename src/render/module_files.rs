//! The files a module page loads on first use, next to it in `modules/`: its quiz's
//! answer key (`<slug>.quiz.js`, with the quiz's checking code) and its glossary terms'
//! definitions (`<slug>.terms.js`, with the pop-ups' code). Keeping them out of the page
//! keeps what a module page loads at page load small.

use std::path::PathBuf;

use super::markdown::{render_inline, Body};
use super::quiz_key::quiz_key;
use crate::load::{Course, Module};
use crate::write::OutFile;

/// The file of a module's answer key, as the page names it.
pub(super) fn quiz_key_file(m: &Module) -> String {
    format!("{}.quiz.js", m.slug)
}

/// The file of a module's term definitions, as the page names it.
pub(super) fn terms_file(m: &Module) -> String {
    format!("{}.terms.js", m.slug)
}

/// The answer key of module `m`'s quiz as a script of its own (it sets
/// `AWARE_KEYS[<quiz id>]` to the key's text). None for a module without a quiz.
pub(super) fn quiz_key_script(course: &Course, m: &Module) -> Option<OutFile> {
    let quiz = m.quiz.as_deref().and_then(|q| course.quizzes.get(q))?;
    let id = serde_json::Value::from(quiz.id.as_str());
    let key = quiz_key(quiz, course.pass_mark(quiz));
    Some(OutFile {
        path: PathBuf::from("modules").join(quiz_key_file(m)),
        bytes: format!("(window.AWARE_KEYS=window.AWARE_KEYS||{{}})[{id}]=\"{key}\";\n")
            .into_bytes(),
    })
}

/// The definitions of the glossary terms module `m` links to, as a script of its own: it
/// sets `AWARE_TERMS` to `{<term id>: <definition HTML>}` (ids in sorted order). None for
/// a module that links no term.
pub(super) fn terms_script(course: &Course, m: &Module, body: &Body) -> Option<OutFile> {
    let mut defs = serde_json::Map::new();
    for t in body.terms.iter().filter_map(|id| course.term(id)) {
        defs.insert(t.id.clone(), render_inline(&t.definition).into());
    }
    if defs.is_empty() {
        return None;
    }
    // JSON is JavaScript, but for U+2028/2029 in older engines: escape them.
    let json = serde_json::Value::Object(defs)
        .to_string()
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029");
    Some(OutFile {
        path: PathBuf::from("modules").join(terms_file(m)),
        bytes: format!("window.AWARE_TERMS={json};\n").into_bytes(),
    })
}
