use super::*;

fn quiz_diags(text: &str) -> (Option<Quiz>, Vec<(&'static str, usize, usize)>) {
    let mut d = Diagnostics::new();
    let q = parse_quiz(Path::new("quizzes/q.yaml"), "q", text, &mut d);
    (
        q,
        d.items()
            .iter()
            .map(|x| (x.code, x.line, x.column))
            .collect(),
    )
}

#[test]
fn quiz_without_correct_option_is_an_error_at_the_question() {
    let (q, ds) = quiz_diags("questions:\n  - id: a\n    type: single\n    prompt: P?\n    options:\n      - text: x\n        feedback: no\n      - text: y\n        feedback: no\n");
    assert!(q.is_none());
    assert_eq!(ds, vec![("quiz-no-correct-option", 2, 5)]);
}

#[test]
fn single_with_two_correct_points_at_second() {
    let (_, ds) = quiz_diags("questions:\n  - id: a\n    type: single\n    prompt: P?\n    options:\n      - text: x\n        correct: true\n      - text: y\n        correct: true\n");
    assert_eq!(ds, vec![("single-choice-many-correct", 9, 9)]);
}

#[test]
fn true_false_normalises_to_two_options() {
    let (q, ds) = quiz_diags("questions:\n  - id: a\n    type: true_false\n    prompt: Sky is green.\n    answer: false\n    feedback: It is blue.\n");
    assert!(ds.is_empty(), "{ds:?}");
    let q = q.unwrap();
    let opts = &q.questions[0].options;
    assert_eq!((opts[0].text.as_str(), opts[0].correct), ("True", false));
    assert_eq!(opts[0].feedback.as_deref(), Some("It is blue."));
    assert!(opts[1].correct);
}

#[test]
fn type_typo_suggests_the_right_kind() {
    let mut d = Diagnostics::new();
    let text = "questions:\n  - id: a\n    type: singel\n    prompt: P\n";
    assert!(parse_quiz(Path::new("q.yaml"), "q", text, &mut d).is_none());
    let x = &d.items()[0];
    assert_eq!(x.code, "unknown-value");
    assert_eq!(x.line, 3);
    assert!(x.hint.as_deref().unwrap().contains("`single`"));
}

#[test]
fn wrong_option_without_feedback_warns() {
    let (q, ds) = quiz_diags("questions:\n  - id: a\n    type: single\n    prompt: P?\n    options:\n      - text: x\n        correct: true\n      - text: y\n");
    assert!(q.is_some());
    assert_eq!(ds, vec![("option-without-feedback", 8, 9)]);
}

#[test]
fn duplicate_question_ids_are_errors() {
    let q = "  - id: a\n    type: true_false\n    prompt: P\n    answer: true\n";
    let (_, ds) = quiz_diags(&format!("questions:\n{q}{q}"));
    assert_eq!(ds, vec![("duplicate-question-id", 6, 5)]);
}
