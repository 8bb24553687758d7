//! The final assessment's blueprint: which module each pool question is about
//! (`module:`), the questions every attempt asks (`always: true`), and the even spread
//! across modules (`final_assessment.spread: module`).

use std::collections::HashSet;

use super::in_site_yaml;
use crate::diagnostic::{hint_for, Diagnostic, Diagnostics};
use crate::load::config::{FinalAssessment, Spread};
use crate::load::yaml::Locator;
use crate::load::{Course, Quiz, CONFIG_FILE};
use crate::util::slug::slug_from_file;

/// Checks the pool against the course and the draw.
pub(super) fn check(course: &Course, f: &FinalAssessment, pool: &Quiz, diags: &mut Diagnostics) {
    let loc = Locator::new(&pool.text, 0);
    let mut found = Diagnostics::new();
    let slugs: Vec<&str> = course.modules.iter().map(|m| m.slug.as_str()).collect();
    let mut named: HashSet<&str> = HashSet::new();
    for (i, q) in pool.questions.iter().enumerate() {
        let Some(m) = q.module.as_deref() else {
            continue;
        };
        if slugs.contains(&m) {
            named.insert(m);
            continue;
        }
        // A module that failed to load has its own error; naming it is not another one.
        if course.failed.modules.iter().any(|p| slug_from_file(p) == m) {
            continue;
        }
        let hint = hint_for(
            m,
            slugs.iter().copied(),
            |b| format!("did you mean `module: {b}`?"),
            || {
                format!("use a module's page name (its file name without number and extension), e.g. `module: {}`", slugs.first().copied().unwrap_or("introduction"))
            },
        );
        let d = Diagnostic::error(
            "unknown-module",
            &pool.source,
            format!(
                "question `{}` names module `{m}`, which does not exist",
                q.id
            ),
        )
        .hint(hint);
        found.push(loc.place(&pool.text, &format!("questions.{i}.module"), d));
    }
    if !named.is_empty() || f.spread == Some(Spread::Module) {
        for m in course
            .modules
            .iter()
            .filter(|m| m.required && !named.contains(m.slug.as_str()))
        {
            let d = Diagnostic::warning(
                "module-not-in-final",
                &pool.source,
                format!(
                    "required module `{}` has no question in the final assessment's pool",
                    m.slug
                ),
            )
            .hint(format!(
                "add questions with `module: {}` so the final assessment covers it",
                m.slug
            ));
            found.push(loc.place(&pool.text, "questions", d));
        }
    }
    if !found.is_empty() {
        found.add_source(&pool.source, &pool.text);
        diags.extend(found);
    }
    let always = pool.questions.iter().filter(|q| q.always).count();
    if always > f.questions {
        let d = Diagnostic::error(
            "too-many-always",
            CONFIG_FILE,
            format!(
                "{always} pool questions are `always: true`, but each attempt asks only {}",
                f.questions
            ),
        )
        .hint("ask more questions per attempt, or mark fewer questions `always: true`");
        in_site_yaml(course, "final_assessment.questions", d, diags);
    }
    if f.spread == Some(Spread::Module) && named.is_empty() && !pool.questions.is_empty() {
        let d = Diagnostic::error("spread-without-modules", CONFIG_FILE, format!("`spread: module` draws by module, but no question in quizzes/{}.yaml has `module:`", f.quiz))
            .hint("add `module: <module page name>` to the pool's questions, or remove `spread: module`");
        in_site_yaml(course, "final_assessment.spread", d, diags);
    }
}
