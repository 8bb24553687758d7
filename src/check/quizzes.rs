//! Quizzes across files: module → quiz references, the final assessment's pool, and
//! quizzes nothing uses.

use std::collections::HashSet;
use std::path::Path;

use super::in_site_yaml;
use crate::diagnostic::{hint_for, Diagnostic, Diagnostics};
use crate::load::{Course, CONFIG_FILE};
use crate::render::markdown::at_first_line;

/// Checks the quizzes modules and the final assessment use.
pub(super) fn check(course: &Course, diags: &mut Diagnostics) {
    let quiz_ids: Vec<&str> = course.quizzes.keys().map(String::as_str).collect();
    let mut used: HashSet<&str> = HashSet::new();
    for m in &course.modules {
        let Some(q) = &m.quiz else { continue };
        if course.quizzes.contains_key(q) {
            used.insert(q);
            continue;
        }
        if course.failed.quizzes.contains(q) {
            continue; // its own errors were reported already
        }
        let hint = hint_for(
            q,
            quiz_ids.iter().copied(),
            |b| format!("did you mean `quiz: {b}`?"),
            || format!("create quizzes/{q}.yaml, or remove the `quiz:` line"),
        );
        let d = Diagnostic::error(
            "missing-quiz",
            &m.source,
            format!("module refers to quiz `{q}`, but there is no quizzes/{q}.yaml"),
        )
        .hint(hint);
        diags.add_source(&m.source, &m.text);
        diags.push(point_at_field(&m.text, "quiz", d));
    }
    let pool = final_pool(course, &quiz_ids, diags);
    if let Some(pool) = pool {
        used.insert(pool);
    }
    // `module:` and `always:` mean something only in the final assessment's pool.
    for id in used.iter().filter(|id| Some(**id) != pool) {
        let quiz = &course.quizzes[*id];
        let loc = crate::load::yaml::Locator::new(&quiz.text, 0);
        for (i, q) in quiz.questions.iter().enumerate() {
            for (field, given) in [("module", q.module.is_some()), ("always", q.always)] {
                if given {
                    let d = Diagnostic::warning(
                        "pool-field-in-module-quiz",
                        &quiz.source,
                        format!("`{field}:` does nothing in a module's quiz"),
                    )
                    .hint("only the final assessment's pool uses it: remove the line, or move the question to the pool");
                    diags.add_source(&quiz.source, &quiz.text);
                    diags.push(loc.place(&quiz.text, &format!("questions.{i}.{field}"), d));
                }
            }
        }
    }
    // With a module or site.yaml unreadable, we can't know which quizzes are used.
    if !course.failed.modules.is_empty() || course.failed.config {
        return;
    }
    for (id, quiz) in &course.quizzes {
        if !used.contains(id.as_str()) {
            diags.push(
                Diagnostic::warning(
                    "unused-quiz",
                    &quiz.source,
                    format!("quiz `{id}` is not used by any module or the final assessment"),
                )
                .hint(format!(
                    "add `quiz: {id}` to a module's front matter, or delete the file"
                )),
            );
        }
    }
}

/// Checks the final assessment's pool; returns its id when it exists.
fn final_pool<'c>(
    course: &'c Course,
    quiz_ids: &[&str],
    diags: &mut Diagnostics,
) -> Option<&'c str> {
    let f = course.config.final_assessment.as_ref()?;
    let site = Path::new(CONFIG_FILE);
    match course.quizzes.get(&f.quiz) {
        Some(pool) => {
            if pool.questions.len() < f.questions {
                let d = Diagnostic::error(
                    "final-pool-too-small",
                    site,
                    format!(
                        "the final assessment draws {} questions but quizzes/{}.yaml has only {}",
                        f.questions,
                        f.quiz,
                        pool.questions.len()
                    ),
                )
                .hint("add questions to the pool, or lower `questions:`");
                in_site_yaml(course, "final_assessment.questions", d, diags);
            }
            super::blueprint::check(course, f, pool, diags);
            Some(f.quiz.as_str())
        }
        None if course.failed.quizzes.contains(&f.quiz) => None, // its errors were reported
        None => {
            let hint = hint_for(
                &f.quiz,
                quiz_ids.iter().copied(),
                |b| format!("did you mean `quiz: {b}`?"),
                || format!("create quizzes/{}.yaml with the question pool", f.quiz),
            );
            let d = Diagnostic::error(
                "missing-quiz",
                site,
                format!(
                    "the final assessment uses quiz `{}`, which does not exist",
                    f.quiz
                ),
            )
            .hint(hint);
            in_site_yaml(course, "final_assessment.quiz", d, diags);
            None
        }
    }
}

/// Points a diagnostic at a front-matter field of a module, when it can be found.
fn point_at_field(text: &str, field: &str, d: Diagnostic) -> Diagnostic {
    let prefix = format!("{field}:");
    let mut off = 0;
    for line in text.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix(&prefix) {
            let value = rest.trim_start();
            let start = off + prefix.len() + (rest.len() - value.len());
            return at_first_line(d, text, start, start + value.trim_end().len());
        }
        off += line.len();
    }
    d
}
