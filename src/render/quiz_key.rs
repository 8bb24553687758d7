//! Answer keys: what the browser scores a quiz with.

use serde_json::json;

use super::markdown::render_inline;
use crate::load::Quiz;
use crate::util::base64;

/// The answer key the browser scores with, base64-encoded so answers are not visible at
/// a glance in the page source. (A static site cannot truly hide them; see README.)
pub(crate) fn quiz_key(quiz: &Quiz, pass_mark: u8) -> String {
    let questions: serde_json::Map<String, serde_json::Value> = quiz
        .questions
        .iter()
        .map(|q| {
            let correct: Vec<usize> = q
                .options
                .iter()
                .enumerate()
                .filter(|(_, o)| o.correct)
                .map(|(i, _)| i)
                .collect();
            let feedback: Vec<Option<String>> = q
                .options
                .iter()
                .map(|o| o.feedback.as_deref().map(render_inline))
                .collect();
            let explanation = q.explanation.as_deref().map(render_inline);
            let mut entry = json!({ "kind": q.kind, "correct": correct, "feedback": feedback, "explanation": explanation });
            // The final assessment's blueprint: which module, asked every time.
            if let Some(m) = &q.module {
                entry["module"] = json!(m);
            }
            if q.always {
                entry["always"] = json!(true);
            }
            (q.id.clone(), entry)
        })
        .collect();
    let key = json!({ "quiz": quiz.id, "pass_mark": pass_mark, "shuffle": quiz.shuffle, "questions": questions });
    base64::encode(key.to_string().as_bytes())
}
