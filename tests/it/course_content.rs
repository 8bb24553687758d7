//! The default course (the repo's content/, quizzes/, site.yaml) keeps its shape: later
//! edits cannot silently drop a quiz, break a link or leak a personal detail.

use std::fs;

use crate::common::*;
use aware::course::QuestionKind;

#[test]
fn default_course_checks_clean_with_no_warnings() {
    let (_, diags) = aware::check_course(&repo());
    assert!(diags.is_empty(), "{}", diags.render_plain());
}

#[test]
fn every_module_has_a_quiz_of_three_to_six_questions() {
    let (course, _) = aware::check_course(&repo());
    assert!(
        course.modules.len() >= 13,
        "{} modules",
        course.modules.len()
    );
    for m in &course.modules {
        let id = m
            .quiz
            .as_deref()
            .unwrap_or_else(|| panic!("{} has no quiz", m.source.display()));
        let q = &course.quizzes[id];
        assert!(
            (3..=6).contains(&q.questions.len()),
            "{id}: {} questions",
            q.questions.len()
        );
        let kinds: std::collections::HashSet<_> = q.questions.iter().map(|q| q.kind).collect();
        assert!(kinds.len() >= 2, "{id} uses one question type only");
    }
}

#[test]
fn every_question_has_the_right_number_of_correct_options_and_feedback() {
    let (course, _) = aware::check_course(&repo());
    for quiz in course.quizzes.values() {
        for q in &quiz.questions {
            let correct = q.options.iter().filter(|o| o.correct).count();
            match q.kind {
                QuestionKind::Single | QuestionKind::TrueFalse => {
                    assert_eq!(correct, 1, "{}/{}", quiz.id, q.id)
                }
                QuestionKind::Multiple => assert!(
                    correct >= 2,
                    "{}/{}: multiple with {correct} correct",
                    quiz.id,
                    q.id
                ),
            }
            for o in q.options.iter().filter(|o| !o.correct) {
                assert!(
                    o.feedback.as_deref().is_some_and(|f| !f.trim().is_empty()),
                    "{}/{}: wrong option without feedback",
                    quiz.id,
                    q.id
                );
            }
            assert!(
                q.explanation.is_some(),
                "{}/{} has no explanation",
                quiz.id,
                q.id
            );
        }
    }
}

#[test]
fn final_assessment_draws_twenty_from_a_pool_of_forty() {
    let (course, _) = aware::check_course(&repo());
    let f = course
        .config
        .final_assessment
        .as_ref()
        .expect("final assessment configured");
    assert!(f.questions >= 20);
    assert_eq!(f.pass_mark.unwrap_or(course.config.pass_mark), 80);
    let pool = &course.quizzes[&f.quiz];
    assert!(
        pool.questions.len() >= 40,
        "pool of {}",
        pool.questions.len()
    );
}

#[test]
fn modules_that_describe_abuse_carry_content_notes_and_all_cite_sources() {
    let (course, _) = aware::check_course(&repo());
    for slug in [
        "visible-and-invisible-chains",
        "the-language-of-the-game",
        "why-victims-do-not-disclose",
        "health-and-recovery",
    ] {
        let m = course
            .module(slug)
            .unwrap_or_else(|| panic!("module {slug}"));
        assert!(m.content_note.is_some(), "{slug} has no content note");
    }
    for m in &course.modules {
        assert!(
            m.body().contains("## Sources"),
            "{} has no Sources section",
            m.source.display()
        );
    }
}

#[test]
fn no_personal_contact_details_or_names_from_the_seeds() {
    // Names and handles from the seed documents' ads, slides and articles.
    let names = [
        "Ashlee",
        "Lucchesi",
        "Finley",
        "McCleary",
        "Jere Smith",
        "Brian Kemp",
        "Marty Kemp",
        "Bearden",
        "Wildow",
        "Katherine Chon",
        "Sharon Ricks",
        "Carlis Williams",
        "Pilato",
        "Gretchen Hunt",
        "Moorehead",
        "Roderica",
        "Brettmann",
        "Isaacson",
        "Echols",
    ];
    let allowed_numbers = ["1-888-373-7888", "888-373-7888"];
    let mut problems = Vec::new();
    for dir in ["content", "quizzes"] {
        for f in walkdir(&repo().join(dir)) {
            let text = fs::read_to_string(&f).unwrap();
            for n in names {
                if text.contains(n) {
                    problems.push(format!("{}: name {n}", f.display()));
                }
            }
            if text.contains('@') {
                problems.push(format!("{}: contains an e-mail-like `@`", f.display()));
            }
            // Any 10-digit phone number other than the national hotline.
            let digits: Vec<&str> = text
                .split(|c: char| {
                    !(c.is_ascii_digit() || c == '-' || c == '(' || c == ')' || c == '.')
                })
                .collect();
            for d in digits {
                let n: String = d.chars().filter(char::is_ascii_digit).collect();
                if n.len() >= 10 && !allowed_numbers.iter().any(|a| d.contains(a)) {
                    problems.push(format!("{}: phone-like number {d}", f.display()));
                }
            }
            for line in text.lines() {
                let l = line.to_lowercase();
                if l.contains("child prostitute")
                    && !(l.contains("no such thing")
                        || l.contains("never")
                        || l.contains("wrong")
                        || l.contains("why does"))
                {
                    problems.push(format!(
                        "{}: uses \"child prostitute\" outside an explanation: {line}",
                        f.display()
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}
