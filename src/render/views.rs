//! The course as templates see it: plain serialisable views, with no answers in them.

use serde::Serialize;
use serde_json::json;

use super::markdown::render_inline;
use crate::load::{Course, GlossaryTerm, Module, QuestionKind, Quiz};

/// A module as the templates see it.
#[derive(Serialize)]
pub(crate) struct ModuleView<'a> {
    pub(crate) slug: &'a str,
    title: &'a str,
    summary: Option<&'a str>,
    minutes: Option<u32>,
    content_note: Option<&'a str>,
    quiz: Option<&'a str>,
    pub(crate) required: bool,
    number: usize,
    objectives_html: Vec<String>,
    takeaways_html: Vec<String>,
    /// Site-root-relative URL.
    pub(crate) url: String,
}

impl<'a> ModuleView<'a> {
    /// Module `m`, number `i + 1` of the course.
    pub(crate) fn new(i: usize, m: &'a Module) -> Self {
        ModuleView {
            slug: &m.slug,
            title: &m.title,
            summary: m.summary.as_deref(),
            minutes: m.minutes,
            content_note: m.content_note.as_deref(),
            quiz: m.quiz.as_deref(),
            required: m.required,
            number: i + 1,
            objectives_html: m.objectives.iter().map(|o| render_inline(o)).collect(),
            takeaways_html: m.takeaways.iter().map(|o| render_inline(o)).collect(),
            url: module_url(m),
        }
    }
}

/// A glossary term as the templates see it.
#[derive(Serialize)]
pub(crate) struct TermView<'a> {
    id: &'a str,
    pub(crate) term: &'a str,
    aliases: &'a [String],
    definition_html: String,
    /// Slugs of the modules that link to the term.
    used_in: Vec<&'a str>,
    /// The same modules with their titles and URLs, so templates need no lookup.
    used_in_modules: Vec<&'a ModuleView<'a>>,
}

impl<'a> TermView<'a> {
    /// Term `t`, linked from `used_in_modules`.
    pub(crate) fn new(t: &'a GlossaryTerm, used_in_modules: Vec<&'a ModuleView<'a>>) -> Self {
        let used_in = used_in_modules.iter().map(|v| v.slug).collect();
        TermView {
            id: &t.id,
            term: &t.term,
            aliases: &t.aliases,
            definition_html: render_inline(&t.definition),
            used_in,
            used_in_modules,
        }
    }
}

/// A module page's path in the site, e.g. `modules/intro.html`.
pub(crate) fn module_url(m: &Module) -> String {
    format!("modules/{}.html", m.slug)
}

/// A quiz as the templates see it: questions and options, with no answers.
pub(crate) fn quiz_view(course: &Course, quiz: &Quiz) -> serde_json::Value {
    let questions: Vec<_> = quiz
        .questions
        .iter()
        .map(|q| {
            let options: Vec<_> = q
                .options
                .iter()
                .enumerate()
                .map(|(i, o)| json!({ "index": i, "text_html": render_inline(&o.text) }))
                .collect();
            json!({
                "id": q.id,
                "kind": q.kind,
                "input": if q.kind == QuestionKind::Multiple { "checkbox" } else { "radio" },
                "prompt_html": render_inline(&q.prompt),
                "options": options,
            })
        })
        .collect();
    json!({
        "id": quiz.id,
        "title": quiz.title,
        "pass_mark": course.pass_mark(quiz),
        "shuffle": quiz.shuffle,
        "questions": questions,
    })
}
