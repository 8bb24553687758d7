//! The default course (the repo's content/, quizzes/, site.yaml) keeps the shape issue 11
//! gave its second edition: a core path of at most 45 honest minutes, objectives and key
//! points in every module, a final pool that covers every core module and always asks the
//! key safety questions, the right reporting channels in the right places, its own words
//! (no 12-word run copied from the seed documents), and no personal detail from them.

use std::collections::{BTreeSet, HashSet};
use std::fs;
use std::path::PathBuf;

use crate::common::*;
use aware::course::{Course, QuestionKind};

fn course() -> Course {
    let (course, diags) = aware::check_course(&repo());
    assert!(!diags.has_errors(), "{}", diags.render_plain());
    course
}

fn required_slugs(course: &Course) -> Vec<&str> {
    course
        .modules
        .iter()
        .filter(|m| m.required)
        .map(|m| m.slug.as_str())
        .collect()
}

fn lower(s: &str) -> String {
    s.to_lowercase()
}

#[test]
fn default_course_checks_clean_with_no_warnings() {
    let (_, diags) = aware::check_course(&repo());
    assert!(diags.is_empty(), "{}", diags.render_plain());
}

#[test]
fn strict_check_passes_on_the_default_course() {
    // `--strict` turns every lint warning (answer-longest, true-false-balance,
    // giveaway-option, pass-mark-needs-all, placeholders, ...) into an error.
    let out = aware(&["check", "--strict", "."], &repo());
    assert!(
        out.status.success(),
        "aware check --strict failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Words a reader reads: whitespace-separated tokens with a letter or digit, after link
/// targets and URLs are removed.
fn word_count(text: &str) -> usize {
    strip_links(text)
        .split_whitespace()
        .filter(|w| w.chars().any(|c| c.is_ascii_alphanumeric()))
        .count()
}

#[test]
fn core_path_takes_at_most_45_minutes_and_every_estimate_is_honest() {
    // Reading at about 200 words a minute (the module text before its Sources list,
    // plus the objectives and key points), plus 45 seconds a quiz question: enough to
    // read the prompt, options, feedback and explanation at the same pace and decide.
    let course = course();
    let mut core = 0;
    for m in &course.modules {
        let body = m.body();
        let reading = body.split("\n## Sources").next().unwrap_or(body);
        let words = word_count(reading)
            + m.objectives.iter().map(|s| word_count(s)).sum::<usize>()
            + m.takeaways.iter().map(|s| word_count(s)).sum::<usize>();
        let questions = m
            .quiz
            .as_deref()
            .map_or(0, |q| course.quizzes[q].questions.len());
        let estimate = words as f64 / 200.0 + 0.75 * questions as f64;
        let minutes = m.minutes.unwrap_or(0);
        assert!(
            f64::from(minutes) >= estimate.ceil(),
            "{}: says {minutes} minutes, but {words} words and {questions} questions take about {estimate:.1}",
            m.slug
        );
        if m.required {
            core += minutes;
        }
    }
    assert!(core <= 45, "the core path takes {core} minutes");
    let optional = course.modules.iter().filter(|m| !m.required).count();
    assert!(optional >= 5, "only {optional} go-deeper modules");
}

#[test]
fn every_module_has_objectives_key_points_a_quiz_of_four_to_six_and_sources() {
    let course = course();
    assert!(
        course.modules.len() >= 10,
        "{} modules",
        course.modules.len()
    );
    for m in &course.modules {
        let slug = &m.slug;
        assert!(
            m.objectives.len() >= 2,
            "{slug}: {} objectives",
            m.objectives.len()
        );
        assert!(
            m.takeaways.len() >= 3,
            "{slug}: {} key points",
            m.takeaways.len()
        );
        let id = m
            .quiz
            .as_deref()
            .unwrap_or_else(|| panic!("{slug} has no quiz"));
        let quiz = &course.quizzes[id];
        let n = quiz.questions.len();
        // 4 to 6 questions (issue 11), so that an 80% pass mark never demands 100%
        // (4 questions at 80% would; `aware check --strict` rejects that too).
        assert!((4..=6).contains(&n), "{id}: {n} questions");
        let kinds: HashSet<_> = quiz.questions.iter().map(|q| q.kind).collect();
        assert!(kinds.len() >= 2, "{id} uses one question type only");
        for q in &quiz.questions {
            if let Some(o) = q.objective {
                assert!(
                    (1..=m.objectives.len()).contains(&o),
                    "{id}/{}: objective {o} of {}",
                    q.id,
                    m.objectives.len()
                );
            }
        }
        assert!(
            m.body().contains("\n## Sources\n"),
            "{slug} has no Sources section"
        );
        assert!(
            m.content_note.is_some(),
            "{slug} has no content note (every module touches exploitation or abuse)"
        );
    }
}

#[test]
fn every_question_has_the_right_number_of_correct_options_and_feedback() {
    let course = course();
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
fn final_pool_covers_every_core_module_and_always_asks_the_safety_questions() {
    let course = course();
    let f = course
        .config
        .final_assessment
        .as_ref()
        .expect("final assessment configured");
    assert!(f.questions >= 20);
    assert_eq!(f.pass_mark.unwrap_or(course.config.pass_mark), 80);
    let pool = &course.quizzes[&f.quiz];
    let required = required_slugs(&course);
    // Each attempt draws evenly across the core modules; each needs its share and then
    // several more, so that attempts differ.
    let share = f.questions.div_ceil(required.len());
    for slug in &required {
        let n = pool
            .questions
            .iter()
            .filter(|q| q.module.as_deref() == Some(*slug))
            .count();
        assert!(
            n >= share + 4,
            "pool has {n} questions for core module {slug}; a draw takes {share}"
        );
    }
    for q in &pool.questions {
        let m = q
            .module
            .as_deref()
            .unwrap_or_else(|| panic!("pool question {} names no module", q.id));
        assert!(
            required.contains(&m),
            "pool question {} names {m}, which is not a core module",
            q.id
        );
    }
    let always: Vec<_> = pool.questions.iter().filter(|q| q.always).collect();
    assert!(
        always.len() <= f.questions / 4,
        "{} always items",
        always.len()
    );
    let text = |id: &str| -> String {
        let q = always
            .iter()
            .find(|q| q.id == id)
            .unwrap_or_else(|| panic!("no always: true question `{id}`"));
        let mut s = format!("{} {}", q.prompt, q.explanation.as_deref().unwrap_or(""));
        for o in &q.options {
            s.push(' ');
            s.push_str(&o.text);
            s.push(' ');
            s.push_str(o.feedback.as_deref().unwrap_or(""));
        }
        lower(&s)
    };
    // 911 versus the hotline.
    let t = text("always-911-or-hotline");
    assert!(t.contains("911") && t.contains("1-888-373-7888"), "{t}");
    // Your job is not to rescue.
    assert!(text("always-not-rescue").contains("not to rescue"));
    // Any minor in commercial sex is a victim.
    let t = text("always-minor-victim");
    assert!(t.contains("under 18") && t.contains("victim"), "{t}");
    // Children are reported to child protective services and, online, the CyberTipline.
    let t = text("always-child-report");
    assert!(
        t.contains("child protective services") && t.contains("cybertipline"),
        "{t}"
    );
}

#[test]
fn true_false_answers_are_balanced_in_every_quiz() {
    let course = course();
    let mut all = (0, 0);
    for quiz in course.quizzes.values() {
        let answers: Vec<bool> = quiz
            .questions
            .iter()
            .filter(|q| q.kind == QuestionKind::TrueFalse)
            .map(|q| q.options.iter().any(|o| o.correct && o.text == "True"))
            .collect();
        let t = answers.iter().filter(|a| **a).count();
        all.0 += t;
        all.1 += answers.len() - t;
        if answers.len() >= 4 {
            assert!(
                t * 5 <= answers.len() * 4 && (answers.len() - t) * 5 <= answers.len() * 4,
                "{}: {t} true of {}",
                quiz.id,
                answers.len()
            );
        }
    }
    assert!(all.0 * 3 >= all.1 && all.1 * 3 >= all.0, "course: {all:?}");
}

fn module_body<'a>(course: &'a Course, slug: &str) -> &'a str {
    course
        .module(slug)
        .unwrap_or_else(|| panic!("module {slug}"))
        .body()
}

#[test]
fn reporting_channels_appear_where_they_should() {
    let course = course();
    let site = fs::read_to_string(repo().join("site.yaml")).unwrap();
    for s in ["1-888-373-7888", "233733", "\"911\""] {
        assert!(site.contains(s), "site.yaml hotline block lacks {s}");
    }
    let respond = lower(module_body(&course, "how-to-respond"));
    for s in [
        "911",
        "1-888-373-7888",
        "233733",
        "child protective services",
        "check your state's rule",
        "cybertipline",
        "report.cybertip.org",
        "1-800-843-5678",
        "national runaway safeline",
        "1-800-786-2929",
        "only if the person can hide it safely",
        "your job is not to rescue",
    ] {
        assert!(respond.contains(s), "how-to-respond lacks `{s}`");
    }
    // The runaway content names the Safeline.
    let risk = module_body(&course, "who-is-at-risk");
    assert!(risk.contains("1-800-786-2929"));
    // The course opens with a note for learners with lived experience.
    let first = lower(course.modules[0].body());
    for s in [
        "if this topic is personal",
        "employee assistance program",
        "1-888-373-7888",
    ] {
        assert!(first.contains(s), "first module lacks `{s}`");
    }
    // The organisation page: what to write down, who to tell, dismissal, involvement,
    // retaliation, what happens after a hotline call, the T visa and every channel.
    let page = course
        .pages
        .iter()
        .find(|p| p.slug == "report-a-concern")
        .expect("content/pages/report-a-concern.md");
    let page = lower(&page.text);
    for s in [
        "write down",
        "if your concern is dismissed",
        "if your supervisor may be involved",
        "retaliat",
        "what happens after you call the hotline",
        "anonymous",
        "t visa",
        "911",
        "1-888-373-7888",
        "233733",
        "report.cybertip.org",
        "1-800-843-5678",
        "1-800-786-2929",
    ] {
        assert!(page.contains(s), "report-a-concern page lacks `{s}`");
    }
    for (id, needles) in [
        ("national-hotline", &["1-888-373-7888", "233733"][..]),
        (
            "cybertipline",
            &["report.cybertip.org", "1-800-843-5678"][..],
        ),
        ("runaway-safeline", &["1-800-786-2929"][..]),
    ] {
        let term = course
            .term(id)
            .unwrap_or_else(|| panic!("glossary term {id}"));
        for n in needles {
            assert!(term.definition.contains(n), "glossary {id} lacks {n}");
        }
    }
}

#[test]
fn corrected_facts_stay_corrected() {
    let course = course();
    let law = module_body(&course, "law-and-policy");
    // Florida's 2012 act did not bar charging minors; HB 545 did, in 2016; New York's
    // 2008 law was the first safe-harbor law.
    assert!(law.contains("HB 545") && law.contains("2016"));
    assert!(law.contains("New York") && law.contains("the first one"));
    let harbor = &course.term("safe-harbor-law").unwrap().definition;
    assert!(harbor.contains("2016") && harbor.contains("New York"));
    // Georgia's SB 42 has its year; unsourced rankings are gone.
    assert!(law.contains("**SB 42**, signed in **2023**"));
    // The buyer rule is stated for federal law only; CSAM terms are explained.
    assert!(law.contains("**Under federal law**"));
    assert!(law.contains("child pornography") && law.contains("CSAM"));
    // Statistics: profits, not an industry; identified, not rescued.
    let econ = module_body(&course, "the-economics");
    assert!(econ.contains("236 billion") && econ.contains("173 billion"));
    let mut everything = String::new();
    for m in &course.modules {
        everything.push_str(m.body());
    }
    for quiz in course.quizzes.values() {
        for q in &quiz.questions {
            everything.push_str(&q.prompt);
            for o in &q.options {
                everything.push_str(&o.text);
            }
        }
    }
    let everything = lower(&everything);
    for gone in [
        "rescued",
        "7th highest",
        "top 14",
        "that gap is the business model",
        "minors found in prostitution",
        "the slides",
        "official, preferred term",
    ] {
        assert!(!everything.contains(gone), "`{gone}` is back");
    }
    // The "48 hours" claim is only ever presented as unsourced, and never tested.
    for m in &course.modules {
        for line in m.body().lines().filter(|l| l.contains("48 hours")) {
            assert!(line.contains("no study"), "{}: {line}", m.slug);
        }
    }
    for quiz in course.quizzes.values() {
        for q in &quiz.questions {
            assert!(!q.prompt.contains("48 hours"), "{}/{}", quiz.id, q.id);
        }
    }
}

#[test]
fn glossary_spells_and_frames_its_slang() {
    let course = course();
    let gorilla = course.term("gorilla-pimp").expect("gorilla-pimp");
    assert_eq!(gorilla.term, "Gorilla pimp");
    assert!(gorilla.aliases.iter().any(|a| a == "guerilla pimp"));
    let wifey = course.term("wifey").expect("wifey");
    assert!(wifey.aliases.iter().any(|a| a == "wife-in-law"));
    assert!(wifey.definition.contains("same pimp"));
    // "the prostitution/pimp cult" was a truncated slide word ("culture").
    let game = lower(&course.term("the-game").unwrap().definition);
    assert!(!game
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| w == "cult"));
    // Slurs are findable (aliases of one framed entry), never bare headwords.
    let slurs = course.term("slurs").expect("slurs entry");
    for s in ["ho", "hoe", "304", "bitch"] {
        assert!(
            slurs.aliases.iter().any(|a| a == s),
            "slur {s} not findable"
        );
        assert!(
            course.glossary.iter().all(|t| lower(&t.term) != s),
            "slur {s} is a bare headword"
        );
    }
    let health = module_body(&course, "health-and-recovery");
    assert!(health.contains("hearing problems"));
}

#[test]
fn core_modules_and_the_page_link_only_to_core_modules() {
    // `aware new` copies only the core modules: a link from one of them (or from the
    // report-a-concern page) to a go-deeper module would break in the scaffold.
    let course = course();
    let optional: Vec<&str> = course
        .modules
        .iter()
        .filter(|m| !m.required)
        .map(|m| m.slug.as_str())
        .collect();
    let mut texts: Vec<(String, &str)> = course
        .modules
        .iter()
        .filter(|m| m.required)
        .map(|m| (m.slug.clone(), m.body()))
        .collect();
    for p in &course.pages {
        texts.push((p.slug.clone(), p.text.as_str()));
    }
    for (name, text) in texts {
        for target in text.split("](").skip(1) {
            let target = target.split(')').next().unwrap_or("");
            let file = target.split('#').next().unwrap_or("");
            if !file.ends_with(".md") {
                continue;
            }
            let stem = file.rsplit('/').next().unwrap().trim_end_matches(".md");
            let slug = stem.trim_start_matches(|c: char| c.is_ascii_digit() || c == '-');
            assert!(
                !optional.contains(&slug),
                "{name} links go-deeper module {slug}"
            );
        }
    }
}

#[test]
fn scaffold_files_carry_placeholders_and_the_repo_course_none() {
    let scaffold = repo().join("src/new_course");
    let site = fs::read_to_string(scaffold.join("site.yaml")).unwrap();
    assert!(site.contains("[[replace: your organisation's name]]"));
    assert!(site.contains("internal:"));
    let page = fs::read_to_string(scaffold.join("content/pages/report-a-concern.md")).unwrap();
    assert!(page.matches("[[replace:").count() >= 5);
    // Same sections as the repo's page, so the two stay in step.
    let repo_page = fs::read_to_string(repo().join("content/pages/report-a-concern.md")).unwrap();
    let headings = |t: &str| -> Vec<String> {
        t.lines()
            .filter(|l| l.starts_with("## "))
            .map(String::from)
            .collect()
    };
    assert_eq!(headings(&page), headings(&repo_page));
    let mut files = walkdir(&repo().join("content"));
    files.extend(walkdir(&repo().join("quizzes")));
    files.push(repo().join("site.yaml"));
    for f in files {
        let text = fs::read_to_string(&f).unwrap_or_default();
        assert!(
            !text.contains("[[replace"),
            "{} has a placeholder",
            f.display()
        );
    }
}

#[test]
fn no_personal_contact_details_or_names_from_the_seeds() {
    // Names and handles from the seed documents' ads, slides and articles, and the
    // internal programme names of the sponsoring company.
    let names = [
        "Ashlee",
        "Lucchesi",
        "Lederer",
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
        "Prevent.Survive.Thrive",
        "Hire Hope",
        "Rescuing Hope",
    ];
    let allowed_numbers = ["1-888-373-7888", "1-800-843-5678", "1-800-786-2929"];
    let mut problems = Vec::new();
    let mut files = walkdir(&repo().join("content"));
    files.extend(walkdir(&repo().join("quizzes")));
    for f in files {
        let Ok(text) = fs::read_to_string(&f) else {
            continue;
        };
        for n in names {
            if text.contains(n) {
                problems.push(format!("{}: name {n}", f.display()));
            }
        }
        if text.contains('@') {
            problems.push(format!("{}: contains an e-mail-like `@`", f.display()));
        }
        // Any 10-digit phone number other than the national lines the course teaches.
        let runs: Vec<&str> = text
            .split(|c: char| !(c.is_ascii_digit() || c == '-' || c == '(' || c == ')' || c == '.'))
            .collect();
        for d in runs {
            let n: String = d.chars().filter(char::is_ascii_digit).collect();
            if n.len() >= 10 && !allowed_numbers.iter().any(|a| d.contains(a)) {
                problems.push(format!("{}: phone-like number {d}", f.display()));
            }
        }
        for line in text.lines() {
            let l = lower(line);
            if l.contains("child prostitute")
                && !(l.contains("no such thing") || l.contains("never"))
            {
                problems.push(format!(
                    "{}: uses \"child prostitute\" outside an explanation: {line}",
                    f.display()
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

// --- shingles begin -----------------------------------------------------------------
// Copied-text check. A shingle is a run of 12 consecutive normalised words; its
// fingerprint is the FNV-1a 64-bit hash of the words joined by single spaces (UTF-8).
// Normalising: link targets `](...)`, `<http...>` autolinks and bare URLs are removed;
// words are runs of letters, digits and apostrophes (' or ’, written as '), lower-cased,
// with leading and trailing apostrophes trimmed. Course text is split into runs at each
// line end and at each double quotation (“…” or "…"), whose contents are skipped:
// quoting a source with attribution is allowed. Seed text is one run per file.

/// FNV-1a, 64 bits: offset basis 0xcbf29ce484222325, prime 0x100000001b3.
fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Removes `](target)`, then `<http(s)://...>`, then bare `http(s)://...` up to white space.
fn strip_links(text: &str) -> String {
    fn pass(text: &str, open: &[&str], until: Option<char>, repl: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        'outer: while !rest.is_empty() {
            for o in open {
                if let Some(after) = rest.strip_prefix(o) {
                    let end = match until {
                        Some(c) => after.find(c).map(|i| i + c.len_utf8()),
                        // A bare URL needs at least one character after the scheme.
                        None => Some(after.find(char::is_whitespace).unwrap_or(after.len()))
                            .filter(|&end| end > 0),
                    };
                    if let Some(end) = end {
                        out.push_str(repl);
                        rest = &after[end..];
                        continue 'outer;
                    }
                }
            }
            let c = rest.chars().next().unwrap();
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
        out
    }
    let t = pass(text, &["]("], Some(')'), "] ");
    let t = pass(&t, &["<http://", "<https://"], Some('>'), " ");
    pass(&t, &["http://", "https://"], None, " ")
}

/// Splits course text into runs outside double quotations; line ends also end a run.
fn unquoted_runs(text: &str) -> Vec<String> {
    let mut runs = vec![String::new()];
    let mut in_quote = false;
    for c in text.chars() {
        match c {
            '\n' => {
                runs.push(String::new());
                in_quote = false;
            }
            '“' | '”' | '"' => {
                let opening = match c {
                    '“' => true,
                    '”' => false,
                    _ => !in_quote,
                };
                if opening && !in_quote {
                    runs.push(String::new());
                    in_quote = true;
                } else if !opening && in_quote {
                    in_quote = false;
                }
            }
            _ if !in_quote => runs.last_mut().unwrap().push(c),
            _ => {}
        }
    }
    runs
}

fn words(run: &str) -> Vec<String> {
    run.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .map(|w| w.replace('’', "'").trim_matches('\'').to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

fn shingles(run: &str) -> Vec<(u64, String)> {
    let w = words(run);
    w.windows(12)
        .map(|s| {
            let s = s.join(" ");
            (fnv1a64(s.as_bytes()), s)
        })
        .collect()
}

fn seed_fingerprints(seed_text: &str) -> BTreeSet<u64> {
    shingles(&strip_links(seed_text))
        .into_iter()
        .map(|(h, _)| h)
        .collect()
}

fn course_shingles(text: &str) -> Vec<(u64, String)> {
    unquoted_runs(&strip_links(text))
        .iter()
        .flat_map(|r| shingles(r))
        .collect()
}
// --- shingles end -------------------------------------------------------------------

const SEED_SHINGLES: &str = "tests/fixtures/seed-shingles.txt";

fn committed_fingerprints() -> BTreeSet<u64> {
    fs::read_to_string(repo().join(SEED_SHINGLES))
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| u64::from_str_radix(l.trim(), 16).expect("hex fingerprint"))
        .collect()
}

#[test]
fn no_twelve_word_run_is_copied_from_the_seeds() {
    let seeds = committed_fingerprints();
    assert!(seeds.len() > 1000, "{} seed fingerprints", seeds.len());
    let course = course();
    let mut texts: Vec<(String, String)> = Vec::new();
    for m in &course.modules {
        texts.push((m.slug.clone(), m.body().to_string()));
        let mut front = vec![m.title.clone()];
        front.extend(m.summary.clone());
        front.extend(m.content_note.clone());
        front.extend(m.objectives.iter().cloned());
        front.extend(m.takeaways.iter().cloned());
        for t in front {
            texts.push((format!("{} (front matter)", m.slug), t));
        }
    }
    for p in &course.pages {
        texts.push((format!("page {}", p.slug), p.text.clone()));
    }
    for t in &course.glossary {
        texts.push((format!("glossary {}", t.id), t.term.clone()));
        texts.push((format!("glossary {}", t.id), t.definition.clone()));
    }
    for quiz in course.quizzes.values() {
        for q in &quiz.questions {
            let at = format!("{}/{}", quiz.id, q.id);
            texts.push((at.clone(), q.prompt.clone()));
            texts.extend(q.explanation.clone().map(|e| (at.clone(), e)));
            for o in &q.options {
                texts.push((at.clone(), o.text.clone()));
                texts.extend(o.feedback.clone().map(|f| (at.clone(), f)));
            }
        }
    }
    let mut copied = BTreeSet::new();
    for (at, text) in &texts {
        for (h, s) in course_shingles(text) {
            if seeds.contains(&h) {
                copied.insert(format!("{at}: \"{s}\""));
            }
        }
    }
    assert!(
        copied.is_empty(),
        "12-word runs copied from the seeds (write them in your own words, or quote them \
         in quotation marks with attribution):\n{}",
        copied.into_iter().collect::<Vec<_>>().join("\n")
    );
}

/// The seed documents, when they are on this machine: `AWARE_SEEDS`, or `../shared/seeds`
/// beside the repository.
fn seeds_dir() -> Option<PathBuf> {
    std::env::var_os("AWARE_SEEDS")
        .map(PathBuf::from)
        .or_else(|| Some(repo().join("../shared/seeds")))
        .filter(|d| d.is_dir())
}

/// Regenerates the fingerprints from the seed documents and compares them with the
/// committed file. The seeds are not part of the repository (they are third-party
/// documents the course was written from), so CI, which runs from a clean clone, has no
/// seeds: there this test has nothing to compare and passes. Where the seeds are present
/// it guarantees that the committed fingerprints are the seeds' own. To refresh the file,
/// run with `AWARE_WRITE_SEED_SHINGLES=1`.
#[test]
fn committed_seed_fingerprints_match_the_seed_documents() {
    let Some(dir) = seeds_dir() else {
        eprintln!(
            "no seed documents here (set AWARE_SEEDS or put them in ../shared/seeds); skipped"
        );
        return;
    };
    let mut fresh = BTreeSet::new();
    for f in walkdir(&dir) {
        let text = fs::read_to_string(&f).unwrap();
        fresh.extend(seed_fingerprints(&text));
    }
    if std::env::var_os("AWARE_WRITE_SEED_SHINGLES").is_some() {
        let mut out = String::from(
            "# FNV-1a 64-bit fingerprints of every normalised 12-word shingle of the seed\n\
             # documents (see tests/course_content.rs, \"shingles\"). Generated; do not edit:\n\
             # AWARE_SEEDS=DIR AWARE_WRITE_SEED_SHINGLES=1 cargo test --test course_content\n",
        );
        for h in &fresh {
            out.push_str(&format!("{h:016x}\n"));
        }
        fs::write(repo().join(SEED_SHINGLES), out).unwrap();
    }
    assert_eq!(
        committed_fingerprints(),
        fresh,
        "{SEED_SHINGLES} is out of date with {}: regenerate it with AWARE_WRITE_SEED_SHINGLES=1",
        dir.display()
    );
}
