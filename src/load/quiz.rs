//! One quiz file → a valid [`Quiz`]: every question has an id, a prompt and options of
//! which the right number are correct. Problems point at the YAML node they are about.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;

use super::model::{AnswerOption, Question, QuestionKind, Quiz};
use super::yaml::{self, Locator};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::util::slug::is_id;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuiz {
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    pass_mark: Option<u8>,
    #[serde(default)]
    shuffle: bool,
    questions: Vec<RawQuestion>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: String,
    #[serde(rename = "type")]
    kind: QuestionKind,
    prompt: String,
    #[serde(default)]
    options: Vec<RawOption>,
    #[serde(default)]
    answer: Option<bool>,
    #[serde(default)]
    feedback: Option<String>,
    #[serde(default)]
    explanation: Option<String>,
    #[serde(default)]
    objective: Option<usize>,
    #[serde(default)]
    module: Option<String>,
    #[serde(default)]
    always: bool,
    #[serde(default)]
    lint: Option<RawLint>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLint {
    #[serde(default)]
    allow: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOption {
    text: String,
    #[serde(default)]
    correct: bool,
    #[serde(default)]
    feedback: Option<String>,
}

/// Parses and checks one quiz file.
pub(crate) fn parse_quiz(
    rel: &Path,
    id: &str,
    text: &str,
    diags: &mut Diagnostics,
) -> Option<Quiz> {
    let raw: RawQuiz = match yaml::parse(rel, text, text, 0, "a quiz") {
        Ok(r) => r,
        Err(d) => {
            diags.push(*d);
            return None;
        }
    };
    let before = diags.error_count();
    let mut c = QuizChecker {
        rel,
        text,
        loc: Locator::new(text, 0),
        diags,
    };
    if let Some(m) = raw.pass_mark {
        if m == 0 || m > 100 {
            c.push(
                "pass_mark",
                Diagnostic::error(
                    "bad-pass-mark",
                    rel,
                    format!("pass mark {m} is not a percentage"),
                )
                .hint("use a number from 1 to 100, e.g. `80`"),
            );
        }
    }
    if raw.questions.is_empty() {
        c.push(
            "questions",
            Diagnostic::error("empty-quiz", rel, "quiz has no questions")
                .hint("add at least one question under `questions:`"),
        );
    }
    let mut ids: HashMap<&str, usize> = HashMap::new();
    let mut questions = Vec::new();
    for (i, q) in raw.questions.iter().enumerate() {
        if let Some(question) = c.question(i, q, &mut ids) {
            questions.push(question);
        }
    }
    if c.diags.error_count() > before {
        return None;
    }
    Some(Quiz {
        id: id.to_string(),
        source: rel.to_path_buf(),
        title: raw
            .title
            .unwrap_or_else(|| "Check your understanding".into()),
        pass_mark: raw.pass_mark,
        shuffle: raw.shuffle,
        questions,
        text: text.to_string(),
    })
}

/// Checks the questions of one quiz file, pointing each problem at its YAML node.
struct QuizChecker<'a> {
    rel: &'a Path,
    text: &'a str,
    loc: Locator<'a>,
    diags: &'a mut Diagnostics,
}

impl<'a> QuizChecker<'a> {
    fn push(&mut self, path: &str, d: Diagnostic) {
        self.diags.push(self.loc.place(self.text, path, d));
    }

    /// Question `i`, or `None` when it is unusable (its problems are reported).
    fn question<'q>(
        &mut self,
        i: usize,
        q: &'q RawQuestion,
        ids: &mut HashMap<&'q str, usize>,
    ) -> Option<Question> {
        let p = format!("questions.{i}");
        let rel = self.rel;
        if !is_id(&q.id) {
            self.push(
                &format!("{p}.id"),
                Diagnostic::error(
                    "bad-question-id",
                    rel,
                    format!("question id `{}` may use only a-z, 0-9, `-` and `_`", q.id),
                )
                .hint("e.g. `id: minors-consent`"),
            );
        } else if let Some(first) = ids.insert(&q.id, i) {
            self.push(
                &format!("{p}.id"),
                Diagnostic::error(
                    "duplicate-question-id",
                    rel,
                    format!(
                        "question id `{}` is already used by question {}",
                        q.id,
                        first + 1
                    ),
                )
                .hint("give each question in a quiz its own id"),
            );
        }
        if q.prompt.trim().is_empty() {
            self.push(
                &format!("{p}.prompt"),
                Diagnostic::error("empty-prompt", rel, "question has an empty prompt")
                    .hint("write the question in `prompt:`"),
            );
        }
        if q.objective == Some(0) {
            self.push(
                &format!("{p}.objective"),
                Diagnostic::error("bad-objective", rel, "objectives are numbered from 1")
                    .hint("`objective: 1` is the module's first objective"),
            );
        }
        let lint_allow = q.lint.as_ref().map(|l| l.allow.clone()).unwrap_or_default();
        let options = match q.kind {
            QuestionKind::TrueFalse => self.true_false_options(&p, q)?,
            QuestionKind::Single | QuestionKind::Multiple => self.choice_options(&p, q)?,
        };
        Some(Question {
            id: q.id.clone(),
            kind: q.kind,
            prompt: q.prompt.clone(),
            options,
            explanation: q.explanation.clone(),
            objective: q.objective,
            module: q.module.clone(),
            always: q.always,
            lint_allow,
        })
    }

    /// A true/false question's two options ("True", "False"), from `answer:`.
    fn true_false_options(&mut self, p: &str, q: &RawQuestion) -> Option<Vec<AnswerOption>> {
        let rel = self.rel;
        if !q.options.is_empty() {
            self.push(
                &format!("{p}.options"),
                Diagnostic::error(
                    "true-false-options",
                    rel,
                    "a true_false question takes `answer: true` or `answer: false`, not options",
                )
                .hint("remove `options:` and add `answer:`, or change `type:` to `single`"),
            );
            return None;
        }
        let Some(answer) = q.answer else {
            self.push(
                p,
                Diagnostic::error(
                    "true-false-no-answer",
                    rel,
                    format!("true_false question `{}` has no answer", q.id),
                )
                .hint("add `answer: true` or `answer: false`"),
            );
            return None;
        };
        Some(vec![
            AnswerOption {
                text: "True".into(),
                correct: answer,
                feedback: if answer { None } else { q.feedback.clone() },
            },
            AnswerOption {
                text: "False".into(),
                correct: !answer,
                feedback: if answer { q.feedback.clone() } else { None },
            },
        ])
    }

    /// A single- or multiple-choice question's options, checked.
    fn choice_options(&mut self, p: &str, q: &RawQuestion) -> Option<Vec<AnswerOption>> {
        let rel = self.rel;
        if q.answer.is_some() {
            self.push(
                &format!("{p}.answer"),
                Diagnostic::error(
                    "answer-on-choice",
                    rel,
                    "`answer:` is only for true_false questions",
                )
                .hint("mark the right option with `correct: true` instead"),
            );
        }
        if q.feedback.is_some() {
            self.push(&format!("{p}.feedback"), Diagnostic::error("feedback-on-choice", rel, "question-level `feedback:` is only for true_false questions").hint("put `feedback:` on each option, or use `explanation:` for text shown after any answer"));
        }
        if q.options.len() < 2 {
            self.push(
                &format!("{p}.options"),
                Diagnostic::error(
                    "too-few-options",
                    rel,
                    format!("question `{}` needs at least two options", q.id),
                )
                .hint("add options under `options:`, each with `text:`"),
            );
            return None;
        }
        self.correct_count(p, q);
        for (j, o) in q.options.iter().enumerate() {
            if o.text.trim().is_empty() {
                self.push(
                    &format!("{p}.options.{j}.text"),
                    Diagnostic::error("empty-option", rel, "option has no text")
                        .hint("write the answer in `text:`"),
                );
            }
            if !o.correct && o.feedback.as_deref().is_none_or(|f| f.trim().is_empty()) {
                self.push(&format!("{p}.options.{j}"), Diagnostic::warning("option-without-feedback", rel, format!("wrong option {} of question `{}` has no feedback", j + 1, q.id)).hint("add `feedback:` saying why this answer is wrong; learners learn most from it"));
            }
        }
        Some(
            q.options
                .iter()
                .map(|o| AnswerOption {
                    text: o.text.clone(),
                    correct: o.correct,
                    feedback: o.feedback.clone(),
                })
                .collect(),
        )
    }

    /// A choice question needs a correct option; a single-choice one exactly one.
    fn correct_count(&mut self, p: &str, q: &RawQuestion) {
        let rel = self.rel;
        let correct = q.options.iter().filter(|o| o.correct).count();
        if correct == 0 {
            self.push(
                p,
                Diagnostic::error(
                    "quiz-no-correct-option",
                    rel,
                    format!("question `{}` has no correct option", q.id),
                )
                .hint("mark the right option(s) with `correct: true`"),
            );
        }
        if q.kind == QuestionKind::Single && correct > 1 {
            let second = q
                .options
                .iter()
                .enumerate()
                .filter(|(_, o)| o.correct)
                .nth(1)
                .map(|(j, _)| j)
                .unwrap_or(0);
            self.push(
                &format!("{p}.options.{second}.correct"),
                Diagnostic::error(
                    "single-choice-many-correct",
                    rel,
                    format!(
                        "single-choice question `{}` has {correct} correct options",
                        q.id
                    ),
                )
                .hint("keep `correct: true` on one option only, or change `type:` to `multiple`"),
            );
        }
    }
}

#[cfg(test)]
#[path = "quiz_tests.rs"]
mod tests;
