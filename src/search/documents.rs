//! Search documents: module sections, glossary terms and, when `site.yaml` opts in with
//! `search: { quiz_explanations: true }`, module quiz explanations. The final assessment's
//! pool is never searchable: both would give answers away.

use crate::load::Course;
use crate::render::markdown::Section;

/// What a search document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DocKind {
    Section,
    Term,
    Quiz,
}

/// One searchable unit with where it links to.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SearchDoc {
    pub kind: DocKind,
    /// Site-root-relative URL, e.g. `modules/indicators.html#signs-in-minors`.
    pub url: String,
    /// The page it is on (module title, "Glossary").
    pub page: String,
    /// The section heading, glossary term or question.
    pub title: String,
    /// Plain text.
    pub body: String,
}

/// Every searchable document of the course, in a stable order: module sections, glossary
/// terms, quiz explanations, then standalone pages' sections. `sections` are each
/// module's and each page's, in course order (taken, not copied: on a large course it is
/// a lot of text).
pub(crate) fn documents(
    course: &Course,
    (module_sections, page_sections): (Vec<Vec<Section>>, Vec<Vec<Section>>),
) -> Vec<SearchDoc> {
    use rayon::prelude::*;
    // Each module's documents on the thread pool, then all of them in course order.
    let per_module: Vec<Vec<SearchDoc>> = course
        .modules
        .par_iter()
        .zip(module_sections)
        .map(|(m, secs)| {
            let opening = match &m.summary {
                // The opening text is found by the module's own title and summary too.
                Some(sum) => format!("{} {sum}", m.title),
                None => m.title.clone(),
            };
            let mut docs = Vec::with_capacity(secs.len());
            push_sections(
                &mut docs,
                secs,
                &format!("modules/{}.html", m.slug),
                &m.title,
                opening,
            );
            docs
        })
        .collect();
    let mut docs = Vec::with_capacity(per_module.iter().map(Vec::len).sum::<usize>() + 64);
    for module in per_module {
        docs.extend(module);
    }
    for t in &course.glossary {
        let title = std::iter::once(t.term.as_str())
            .chain(t.aliases.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join(", ");
        docs.push(SearchDoc {
            kind: DocKind::Term,
            url: format!("glossary.html#term-{}", t.id),
            page: "Glossary".into(),
            title,
            body: strip_markdown(&t.definition),
        });
    }
    let final_quiz = course
        .config
        .final_assessment
        .as_ref()
        .map(|f| f.quiz.as_str());
    let explanations = course.config.search.quiz_explanations;
    for m in course.modules.iter().filter(|_| explanations) {
        let Some(q) = m
            .quiz
            .as_deref()
            .filter(|q| Some(*q) != final_quiz)
            .and_then(|q| course.quizzes.get(q))
        else {
            continue;
        };
        for question in &q.questions {
            if let Some(ex) = &question.explanation {
                docs.push(SearchDoc {
                    kind: DocKind::Quiz,
                    url: format!("modules/{}.html#quiz", m.slug),
                    page: m.title.clone(),
                    title: strip_markdown(&question.prompt),
                    body: strip_markdown(ex),
                });
            }
        }
    }
    for (p, secs) in course.pages.iter().zip(page_sections) {
        push_sections(
            &mut docs,
            secs,
            &format!("pages/{}.html", p.slug),
            &p.title,
            p.title.clone(),
        );
    }
    docs
}

/// The sections of one page (`url`, titled `page`) as documents; the text before the
/// first heading is titled `opening`.
fn push_sections(
    docs: &mut Vec<SearchDoc>,
    secs: Vec<Section>,
    url: &str,
    page: &str,
    opening: String,
) {
    let mut opening = Some(opening);
    for s in secs {
        let tidy = !s.text.contains("  ") && s.text.trim().len() == s.text.len();
        let body = if tidy {
            s.text
        } else {
            collapse_whitespace(&s.text)
        };
        if body.is_empty() && s.id.is_none() {
            continue;
        }
        let (url, title) = match &s.id {
            Some(id) => (format!("{url}#{id}"), s.title),
            None => (url.to_string(), opening.take().unwrap_or_default()),
        };
        docs.push(SearchDoc {
            kind: DocKind::Section,
            url,
            page: page.to_string(),
            title,
            body,
        });
    }
}

/// `text`'s words separated by single spaces (as `split_whitespace` and `join(" ")`, in
/// one pass).
fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    for c in text.chars() {
        if c.is_whitespace() {
            gap = true;
        } else {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.push(c);
        }
    }
    out
}

/// Plain text of a short markdown snippet.
fn strip_markdown(s: &str) -> String {
    let mut out = String::new();
    for ev in pulldown_cmark::Parser::new(s) {
        match ev {
            pulldown_cmark::Event::Text(t) | pulldown_cmark::Event::Code(t) => out.push_str(&t),
            pulldown_cmark::Event::SoftBreak | pulldown_cmark::Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn course() -> Course {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good");
        crate::load::load(&root).0
    }
    fn kinds(docs: &[SearchDoc], kind: DocKind) -> usize {
        docs.iter().filter(|d| d.kind == kind).count()
    }

    #[test]
    fn whitespace_collapses_as_split_and_join_would() {
        for t in [
            "",
            "  ",
            " a  b\n\tc \u{a0}d\u{2003} ",
            "one",
            "a\r\n\r\nb  ",
        ] {
            let want = t.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(collapse_whitespace(t), want, "{t:?}");
        }
    }

    #[test]
    fn quiz_explanations_are_searchable_only_when_site_yaml_opts_in() {
        let mut c = course();
        assert!(!c.config.search.quiz_explanations, "off by default");
        let off = documents(&c, (Vec::new(), Vec::new()));
        assert_eq!(
            kinds(&off, DocKind::Quiz),
            0,
            "no explanation gives answers away"
        );
        assert!(kinds(&off, DocKind::Term) > 0);
        c.config.search.quiz_explanations = true;
        let on = documents(&c, (Vec::new(), Vec::new()));
        assert!(
            kinds(&on, DocKind::Quiz) > 0,
            "opted in: module quiz explanations"
        );
        let final_quiz = c.config.final_assessment.as_ref().map(|f| f.quiz.clone());
        for d in on.iter().filter(|d| d.kind == DocKind::Quiz) {
            assert!(d.url.ends_with("#quiz"), "{}", d.url);
            let slug = d
                .url
                .trim_start_matches("modules/")
                .trim_end_matches(".html#quiz");
            let m = c.modules.iter().find(|m| m.slug == slug).unwrap();
            assert_ne!(m.quiz, final_quiz, "never the final pool");
        }
    }
}
