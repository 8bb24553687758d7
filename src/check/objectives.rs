//! Learning objectives and the questions that test them: an objective a question names
//! must exist, and once a module's quiz names objectives, every objective is tested.

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::frontmatter;
use crate::load::yaml::Locator;
use crate::load::{Course, Module, Quiz};

/// Checks a module's objectives against its quiz.
pub(super) fn check_module(course: &Course, m: &Module, diags: &mut Diagnostics) {
    let Some(quiz) = m.quiz.as_deref().and_then(|q| course.quizzes.get(q)) else {
        return;
    };
    if !quiz.questions.iter().any(|q| q.objective.is_some()) {
        return;
    }
    out_of_range(m, quiz, diags);
    untested(m, quiz, diags);
}

/// `objective: N` beyond the module's list.
fn out_of_range(m: &Module, quiz: &Quiz, diags: &mut Diagnostics) {
    let loc = Locator::new(&quiz.text, 0);
    let mut found = Diagnostics::new();
    for (i, q) in quiz.questions.iter().enumerate() {
        let Some(n) = q.objective.filter(|&n| n > m.objectives.len()) else {
            continue;
        };
        let d = Diagnostic::error(
            "bad-objective",
            &quiz.source,
            format!(
                "question `{}` tests objective {n}, but {} has {}",
                q.id,
                m.source.display(),
                count(m.objectives.len())
            ),
        )
        .hint("objectives are numbered from 1 in the order of the module's `objectives:` list");
        found.push(loc.place(&quiz.text, &format!("questions.{i}.objective"), d));
    }
    if !found.is_empty() {
        found.add_source(&quiz.source, &quiz.text);
        diags.extend(found);
    }
}

/// Objectives no question of the quiz tests.
fn untested(m: &Module, quiz: &Quiz, diags: &mut Diagnostics) {
    let (yaml, offset) = match frontmatter::split(&m.text) {
        Ok(s) => (s.yaml, s.yaml_line_offset),
        Err(_) => ("", 0),
    };
    let loc = Locator::new(yaml, offset);
    let mut found = Diagnostics::new();
    for (k, objective) in m.objectives.iter().enumerate() {
        if quiz.questions.iter().any(|q| q.objective == Some(k + 1)) {
            continue;
        }
        let d = Diagnostic::warning(
            "objective-untested",
            &m.source,
            format!(
                "objective {} (“{}”) is tested by no question of quiz `{}`",
                k + 1,
                objective,
                quiz.id
            ),
        )
        .hint(format!(
            "add a question with `objective: {}` to {}, or drop the objective",
            k + 1,
            quiz.source.display()
        ));
        found.push(loc.place(&m.text, &format!("objectives.{k}"), d));
    }
    if !found.is_empty() {
        found.add_source(&m.source, &m.text);
        diags.extend(found);
    }
}

fn count(n: usize) -> String {
    match n {
        1 => "1 objective".into(),
        n => format!("{n} objectives"),
    }
}
