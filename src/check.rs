//! Checks across files: module → quiz references, final assessment pool, links to other
//! modules' sections, unused quizzes. Per-file checks happen while loading
//! ([`crate::course::load`]) and while rendering markdown ([`crate::markdown`]).

use std::collections::{HashMap, HashSet};

use crate::course::load::CONFIG_FILE;
use crate::course::Course;
use crate::diagnostic::{did_you_mean, Diagnostic, Diagnostics};
use crate::markdown::Rendered;
use crate::yaml::Locator;

/// Checks references between the course's files. `rendered` is in module order.
pub fn cross_references(course: &Course, rendered: &[Rendered], diags: &mut Diagnostics) {
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
        let hint = match did_you_mean(q, quiz_ids.iter().copied()) {
            Some(b) => format!("did you mean `quiz: {b}`?"),
            None => format!("create quizzes/{q}.yaml, or remove the `quiz:` line"),
        };
        let d = Diagnostic::error(
            "missing-quiz",
            &m.source,
            format!("module refers to quiz `{q}`, but there is no quizzes/{q}.yaml"),
        )
        .hint(hint);
        diags.add_source(&m.source, &m.text);
        diags.push(point_at_field(&m.text, "quiz", d));
    }

    if let Some(f) = &course.config.final_assessment {
        let site = std::path::Path::new(CONFIG_FILE);
        let text = std::fs::read_to_string(course.root.join(site)).unwrap_or_default();
        let loc = Locator::new(&text, 0);
        let at = |path: &str, d: Diagnostic| match loc.find(path) {
            Some((l, c)) => d.at_line_col(&text, l, c),
            None => d,
        };
        match course.quizzes.get(&f.quiz) {
            Some(pool) => {
                used.insert(&f.quiz);
                if pool.questions.len() < f.questions {
                    diags.push(at(
                        "final_assessment.questions",
                        Diagnostic::error("final-pool-too-small", site, format!("the final assessment draws {} questions but quizzes/{}.yaml has only {}", f.questions, f.quiz, pool.questions.len()))
                            .hint("add questions to the pool, or lower `questions:`"),
                    ));
                }
            }
            None => {
                let hint = match did_you_mean(&f.quiz, quiz_ids.iter().copied()) {
                    Some(b) => format!("did you mean `quiz: {b}`?"),
                    None => format!("create quizzes/{}.yaml with the question pool", f.quiz),
                };
                diags.push(at(
                    "final_assessment.quiz",
                    Diagnostic::error(
                        "missing-quiz",
                        site,
                        format!(
                            "the final assessment uses quiz `{}`, which does not exist",
                            f.quiz
                        ),
                    )
                    .hint(hint),
                ));
            }
        }
    }

    // With a module or site.yaml unreadable, we can't know which quizzes are used.
    let uses_known = course.failed.modules.is_empty() && !course.failed.config;
    for (id, quiz) in course.quizzes.iter().filter(|_| uses_known) {
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

    // Links to sections (`other.md#id`, `#id`) now that every page's headings are known.
    let headings: HashMap<&str, &HashSet<String>> = course
        .modules
        .iter()
        .zip(rendered)
        .map(|(m, r)| (m.slug.as_str(), &r.heading_ids))
        .collect();
    for (m, r) in course.modules.iter().zip(rendered) {
        for link in &r.pending_links {
            let Some(ids) = headings.get(link.target_slug.as_str()) else {
                continue;
            };
            if ids.contains(&link.fragment) || link.fragment.is_empty() {
                continue;
            }
            let hint = match did_you_mean(&link.fragment, ids.iter().map(String::as_str)) {
                Some(b) => format!("did you mean `#{b}`?"),
                None => {
                    let mut all: Vec<&str> = ids.iter().map(String::as_str).collect();
                    all.sort();
                    format!("section ids on that page: {}", all.join(", "))
                }
            };
            let (s, e) = link.span;
            let e = m.text[s..e].find('\n').map(|n| s + n).unwrap_or(e);
            diags.add_source(&m.source, &m.text);
            diags.push(
                Diagnostic::error(
                    "broken-anchor",
                    &m.source,
                    format!(
                        "no section `#{}` in module `{}`",
                        link.fragment, link.target_slug
                    ),
                )
                .hint(hint)
                .at(&m.text, s, e),
            );
        }
    }
}

/// Points a diagnostic at a front-matter field of a module, when it can be found.
fn point_at_field(text: &str, field: &str, d: Diagnostic) -> Diagnostic {
    let prefix = format!("{field}:");
    let mut off = 0;
    for line in text.split_inclusive('\n') {
        if line.starts_with(&prefix) {
            let v = line[prefix.len()..].trim_start();
            let start = off + line.len() - line[prefix.len()..].len()
                + (line[prefix.len()..].len() - v.len());
            return d.at(text, start, start + v.trim_end().len());
        }
        off += line.len();
    }
    d
}
