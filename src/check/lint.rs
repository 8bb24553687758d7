//! Quiz lint: the cues a test-wise learner uses to pass without reading. Each lint has a
//! stable code; a question silences one for itself with `lint: { allow: [code] }` (the
//! lints about a whole quiz then leave that question out of their counts).
//!
//! | code | what |
//! | --- | --- |
//! | `answer-longest` | in a quiz (or the pool) with at least 5 single-choice questions, the correct option is the longest in more than half of them |
//! | `true-false-balance` | at least 4 true/false questions, and all, or more than 80 %, have the same answer |
//! | `giveaway-option` | "All of the above", "None of the above" or an option starting "Only", "Never" or "Always" is the one wrong option of a multiple-choice question |
//! | `pass-mark-needs-all` | the quiz has so few questions that its pass mark demands every answer right |
//! | `repeated-option` | the same option text in two questions of one file |
//! | `prompt-gives-away` | the correct option's words appear in the prompt |

use std::collections::HashMap;

use crate::diagnostic::{hint_for, Diagnostic, Diagnostics};
use crate::load::yaml::Locator;
use crate::load::{Course, Question, QuestionKind, Quiz};

/// Every lint's code.
pub(crate) const CODES: &[&str] = &[
    "answer-longest",
    "true-false-balance",
    "giveaway-option",
    "pass-mark-needs-all",
    "repeated-option",
    "prompt-gives-away",
];

/// Lints every quiz.
pub(super) fn check(course: &Course, diags: &mut Diagnostics) {
    // The pass mark matters for module quizzes (the final draws its own number).
    let module_quizzes: Vec<&str> = course
        .modules
        .iter()
        .filter_map(|m| m.quiz.as_deref())
        .collect();
    for quiz in course.quizzes.values() {
        let mut l = QuizLint {
            quiz,
            loc: Locator::new(&quiz.text, 0),
            found: Diagnostics::new(),
        };
        l.unknown_codes();
        l.answer_longest();
        l.true_false_balance();
        l.giveaway_options();
        l.repeated_options();
        l.prompts_giving_away();
        if module_quizzes.contains(&quiz.id.as_str()) {
            l.pass_mark_needs_all(course.pass_mark(quiz));
        }
        if !l.found.is_empty() {
            l.found.add_source(&quiz.source, &quiz.text);
            diags.extend(l.found);
        }
    }
}

struct QuizLint<'a> {
    quiz: &'a Quiz,
    loc: Locator<'a>,
    found: Diagnostics,
}

impl<'a> QuizLint<'a> {
    fn warn(&mut self, path: &str, code: &'static str, message: String, hint: &str) {
        let d = Diagnostic::warning(code, &self.quiz.source, message).hint(format!(
            "{hint} (if this is deliberate, add `lint: {{ allow: [{code}] }}` to the question)"
        ));
        self.found.push(self.loc.place(&self.quiz.text, path, d));
    }

    /// The questions that do not silence `code`, with their index.
    fn linted(&self, code: &str) -> impl Iterator<Item = (usize, &'a Question)> + '_ {
        let code = code.to_string();
        self.quiz
            .questions
            .iter()
            .enumerate()
            .filter(move |(_, q)| !q.lint_allow.contains(&code))
    }

    fn unknown_codes(&mut self) {
        for (i, q) in self.quiz.questions.iter().enumerate() {
            for (j, code) in q.lint_allow.iter().enumerate() {
                if CODES.contains(&code.as_str()) {
                    continue;
                }
                let hint = hint_for(
                    code,
                    CODES.iter().copied(),
                    |b| format!("did you mean `{b}`?"),
                    || format!("the lints are: {}", CODES.join(", ")),
                );
                let d = Diagnostic::warning(
                    "unknown-lint",
                    &self.quiz.source,
                    format!("no lint is called `{code}`"),
                )
                .hint(hint);
                self.found.push(self.loc.place(
                    &self.quiz.text,
                    &format!("questions.{i}.lint.allow.{j}"),
                    d,
                ));
            }
        }
    }

    fn answer_longest(&mut self) {
        let singles: Vec<&Question> = self
            .linted("answer-longest")
            .map(|(_, q)| q)
            .filter(|q| q.kind == QuestionKind::Single)
            .collect();
        let longest: Vec<&str> = singles
            .iter()
            .filter(|q| correct_is_longest(q))
            .map(|q| q.id.as_str())
            .collect();
        if singles.len() >= 5 && longest.len() * 2 > singles.len() {
            self.warn(
                "questions",
                "answer-longest",
                format!("the correct option is the longest in {} of {} single-choice questions ({})", longest.len(), singles.len(), list(&longest)),
                "test-wise learners pick the longest option; make some wrong options as long and as specific as the right one",
            );
        }
    }

    fn true_false_balance(&mut self) {
        let answers: Vec<bool> = self
            .linted("true-false-balance")
            .filter(|(_, q)| q.kind == QuestionKind::TrueFalse)
            .map(|(_, q)| q.options.first().is_some_and(|o| o.correct))
            .collect();
        let trues = answers.iter().filter(|a| **a).count();
        let most = trues.max(answers.len() - trues);
        if answers.len() >= 4 && most * 5 > answers.len() * 4 {
            let which = if most == trues { "true" } else { "false" };
            self.warn(
                "questions",
                "true-false-balance",
                format!(
                    "{most} of {} true/false questions have the answer `{which}`",
                    answers.len()
                ),
                "learners who notice always answer the same; balance true and false answers",
            );
        }
    }

    fn giveaway_options(&mut self) {
        let mut hits = Vec::new();
        for (i, q) in self.linted("giveaway-option") {
            if q.kind != QuestionKind::Multiple {
                continue;
            }
            let wrong: Vec<usize> = (0..q.options.len())
                .filter(|&j| !q.options[j].correct)
                .collect();
            if let [j] = wrong[..] {
                if is_giveaway(&q.options[j].text) {
                    hits.push((i, j, q.options[j].text.clone()));
                }
            }
        }
        for (i, j, text) in hits {
            self.warn(
                &format!("questions.{i}.options.{j}"),
                "giveaway-option",
                format!("“{}” is the only wrong option: every other option is correct", text.trim()),
                "an absolute or catch-all option that is the odd one out gives the answer away; write a plausible wrong option instead",
            );
        }
    }

    fn repeated_options(&mut self) {
        let mut seen: HashMap<String, &str> = HashMap::new();
        let mut hits = Vec::new();
        for (i, q) in self.linted("repeated-option") {
            if q.kind == QuestionKind::TrueFalse {
                continue;
            }
            for (j, o) in q.options.iter().enumerate() {
                let key = normalise(&o.text);
                match seen.get(&key) {
                    Some(first) if *first != q.id => {
                        hits.push((i, j, o.text.clone(), first.to_string()))
                    }
                    Some(_) => {}
                    None => {
                        seen.insert(key, &q.id);
                    }
                }
            }
        }
        for (i, j, text, first) in hits {
            self.warn(
                &format!("questions.{i}.options.{j}"),
                "repeated-option",
                format!("option “{}” is also an option of question `{first}`", text.trim()),
                "an option seen again tells learners what the quiz is looking for; word each question's options for that question",
            );
        }
    }

    fn prompts_giving_away(&mut self) {
        let mut hits = Vec::new();
        for (i, q) in self.linted("prompt-gives-away") {
            let prompt = normalise(&q.prompt);
            for (j, o) in q.options.iter().enumerate().filter(|(_, o)| o.correct) {
                let option = normalise(&o.text);
                if option.split(' ').count() >= 3 && prompt.contains(&option) {
                    hits.push((i, j));
                }
            }
        }
        for (i, j) in hits {
            self.warn(
                &format!("questions.{i}.options.{j}"),
                "prompt-gives-away",
                "the correct option's words are in the prompt".into(),
                "learners match words; reword the prompt or the option",
            );
        }
    }

    fn pass_mark_needs_all(&mut self, pass_mark: u8) {
        let n = self.quiz.questions.len();
        if self
            .quiz
            .questions
            .iter()
            .any(|q| q.lint_allow.iter().any(|c| c == "pass-mark-needs-all"))
        {
            return;
        }
        let needed = (n * usize::from(pass_mark)).div_ceil(100);
        if n > 1 && pass_mark < 100 && needed >= n {
            let more = (100usize).div_ceil(100 - usize::from(pass_mark));
            self.warn(
                "questions",
                "pass-mark-needs-all",
                format!("with {n} questions and a pass mark of {pass_mark}%, a learner must answer all {n} correctly"),
                &format!("add questions ({more} or more pass at {pass_mark}% with one wrong answer) or lower the pass mark"),
            );
        }
    }
}

/// True when the correct option is strictly the longest (ties do not count).
fn correct_is_longest(q: &Question) -> bool {
    let len = |t: &str| t.trim().chars().count();
    let Some(best) = q
        .options
        .iter()
        .filter(|o| o.correct)
        .map(|o| len(&o.text))
        .max()
    else {
        return false;
    };
    q.options
        .iter()
        .filter(|o| !o.correct)
        .all(|o| len(&o.text) < best)
}

/// "All of the above", "None of the above", or an absolute: "Only…", "Never…", "Always…".
fn is_giveaway(text: &str) -> bool {
    let t = normalise(text);
    t.contains("all of the above")
        || t.contains("none of the above")
        || ["only ", "never ", "always "]
            .iter()
            .any(|w| t.starts_with(w))
}

/// Lower-case words separated by single spaces, punctuation dropped.
fn normalise(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Question ids for a message: the first few, then "…".
fn list(ids: &[&str]) -> String {
    let shown: Vec<String> = ids.iter().take(5).map(|i| format!("`{i}`")).collect();
    if ids.len() > 5 {
        format!("{}, …", shown.join(", "))
    } else {
        shown.join(", ")
    }
}
