//! Reading a course folder: discovery (walkdir), parsing (serde) and per-file checks.
//!
//! Loading never stops at the first problem: each file is read on its own and every
//! problem becomes a diagnostic, so a trainer sees the whole list at once.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Deserialize;
use walkdir::WalkDir;

use super::frontmatter::{self, SplitError};
use super::model::*;
use crate::config::{self, SiteConfig};
use crate::diagnostic::{line_col, Diagnostic, Diagnostics};
use crate::yaml::{self, Locator};

/// Where things live inside a course folder.
pub const CONFIG_FILE: &str = "site.yaml";
pub const CONTENT_DIR: &str = "content";
pub const QUIZZES_DIR: &str = "quizzes";
pub const GLOSSARY_FILE: &str = "content/glossary.yaml";

/// Loads the course in `root`. When the diagnostics hold errors, the course is partial
/// (only the files that loaded) and must not be published.
pub fn load(root: &Path) -> (Course, Diagnostics) {
    let mut diags = Diagnostics::new();
    let mut failed = Failed::default();
    let config = load_config(root, &mut diags);
    failed.config = config.is_none();
    let modules = load_modules(root, &mut diags, &mut failed);
    let quizzes = load_quizzes(root, &mut diags, &mut failed);
    let errors_before = diags.error_count();
    let glossary = load_glossary(root, &mut diags);
    failed.glossary = diags.error_count() > errors_before;
    let config = config.unwrap_or_else(placeholder_config);
    (
        Course {
            root: root.to_path_buf(),
            config,
            modules,
            quizzes,
            glossary,
            failed,
        },
        diags,
    )
}

/// Reads a file as UTF-8, reporting where the first invalid byte is. The text is not
/// kept for diagnostics: callers add it (`Diagnostics::add_source`) when they report a
/// problem in the file, so a large course's text is not copied for nothing.
pub fn read_text(root: &Path, rel: &Path, diags: &mut Diagnostics) -> Option<String> {
    let bytes = match std::fs::read(root.join(rel)) {
        Ok(b) => b,
        Err(e) => {
            diags.push(
                Diagnostic::error("unreadable-file", rel, format!("cannot read file: {e}"))
                    .hint("check the file exists and you may read it"),
            );
            return None;
        }
    };
    match String::from_utf8(bytes) {
        Ok(s) => Some(s),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
            let (line, column) = line_col(&prefix, prefix.len());
            let mut d = Diagnostic::error(
                "not-utf8",
                rel,
                format!(
                    "file is not UTF-8 text (invalid byte 0x{:02x} at byte {valid})",
                    e.as_bytes()[valid]
                ),
            )
            .hint("save the file as UTF-8 in your editor (\"Save with encoding\" → UTF-8)");
            d.line = line;
            d.column = column;
            diags.push(d);
            None
        }
    }
}

fn load_config(root: &Path, diags: &mut Diagnostics) -> Option<SiteConfig> {
    let rel = Path::new(CONFIG_FILE);
    if !root.join(rel).is_file() {
        diags.push(
            Diagnostic::error("no-site-yaml", rel, format!("no site.yaml in {}: this folder is not a course", root.display()))
                .hint("pass the course folder (the one with site.yaml), or start one with `aware new my-course`"),
        );
        return None;
    }
    let text = read_text(root, rel, diags)?;
    diags.add_source(rel, &text);
    config::load(rel, &text, diags)
}

/// A stand-in so later checks can run when site.yaml failed; never published.
fn placeholder_config() -> SiteConfig {
    serde_yaml_ng::from_str("title: ''\nid: x\nversion: ''\norganisation: ''\nquick_exit_url: ''\nhotline: {title: ''}\n").expect("placeholder config is valid YAML")
}

/// Files under `root/dir` with one of `exts`, relative to `root`, sorted; hidden files skipped.
fn discover(root: &Path, dir: &str, exts: &[&str]) -> Vec<PathBuf> {
    let base = root.join(dir);
    if !base.is_dir() {
        return Vec::new();
    }
    let mut files: Vec<PathBuf> = WalkDir::new(&base)
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| {
            e.path()
                .extension()
                .and_then(|x| x.to_str())
                .is_some_and(|x| exts.contains(&x))
        })
        .filter_map(|e| e.path().strip_prefix(root).ok().map(Path::to_path_buf))
        .collect();
    files.sort();
    files
}

/// URL name for a file: its stem without a leading number prefix, lower-cased, with
/// every run of other characters turned into one `-`.
pub fn slug_from_file(path: &Path) -> String {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let trimmed = stem.trim_start_matches(|c: char| c.is_ascii_digit());
    let without_prefix = if trimmed.len() < stem.len() {
        trimmed.trim_start_matches(['-', '_', '.', ' '])
    } else {
        stem
    };
    let s = slugify(without_prefix);
    if s.is_empty() {
        slugify(stem)
    } else {
        s
    }
}

/// Lower-case ASCII letters and digits, other runs become `-`, no `-` at the ends.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars() {
        let c = fold_accent(c);
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
        } else if c != '\'' && c != '’' {
            dash = true;
        }
    }
    out
}

/// Common Latin accents to their base letter, so "Café" slugs to "cafe".
fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => 'a',
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'i',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
        'ñ' | 'Ñ' => 'n',
        'ç' | 'Ç' => 'c',
        _ => c,
    }
}

fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFrontMatter {
    title: String,
    #[serde(default)]
    order: Option<i64>,
    #[serde(default)]
    summary: Option<String>,
    #[serde(default)]
    minutes: Option<u32>,
    #[serde(default)]
    content_note: Option<String>,
    #[serde(default)]
    quiz: Option<String>,
    #[serde(default = "yes")]
    required: bool,
}

fn yes() -> bool {
    true
}

fn load_modules(root: &Path, diags: &mut Diagnostics, failed: &mut Failed) -> Vec<Module> {
    if !root.join(CONTENT_DIR).is_dir() {
        if root.join(CONFIG_FILE).is_file() {
            diags.push(Diagnostic::error("no-content", CONTENT_DIR, "the course has no content/ folder").hint("create content/ and put module markdown files in it, e.g. content/01-introduction.md"));
        }
        return Vec::new();
    }
    let mut modules = Vec::new();
    let mut seen: HashMap<String, PathBuf> = HashMap::new();
    // Read and parse in parallel; report in file order.
    let parsed: Vec<(PathBuf, Option<Module>, Diagnostics)> =
        discover(root, CONTENT_DIR, &["md", "markdown"])
            .into_par_iter()
            .map(|rel| {
                let mut d = Diagnostics::new();
                let module = read_text(root, &rel, &mut d).and_then(|text| {
                    let m = parse_module(&rel, text.clone(), &mut d);
                    if !d.is_empty() {
                        d.add_source(&rel, &text);
                    }
                    m
                });
                (rel, module, d)
            })
            .collect();
    for (rel, module, d) in parsed {
        diags.extend(d);
        let Some(module) = module else {
            failed.modules.insert(rel);
            continue;
        };
        if let Some(first) = seen.get(&module.slug) {
            diags.push(
                Diagnostic::error("duplicate-slug", &rel, format!("module page name `{}` is already used by {}", module.slug, first.display()))
                    .hint("page names come from file names without their number prefix; rename one of the files"),
            );
            continue;
        }
        seen.insert(module.slug.clone(), rel.clone());
        modules.push(module);
    }
    modules.sort_by(|a, b| (a.order, &a.source).cmp(&(b.order, &b.source)));
    modules
}

/// Parses one module file (already read as text).
pub fn parse_module(rel: &Path, text: String, diags: &mut Diagnostics) -> Option<Module> {
    let split = match frontmatter::split(&text) {
        Ok(s) => s,
        Err(SplitError::Missing) => {
            diags.push(
                Diagnostic::error("no-front-matter", rel, "module has no front matter")
                    .at(&text, 0, text.find('\n').unwrap_or(text.len()))
                    .hint("start the file with a `---` line, then `title: ...`, then another `---` line"),
            );
            return None;
        }
        Err(SplitError::Unclosed) => {
            diags.push(
                Diagnostic::error(
                    "unclosed-front-matter",
                    rel,
                    "front matter is opened with `---` but never closed",
                )
                .at(&text, 0, 3)
                .hint("add a line with just `---` after the last front-matter field"),
            );
            return None;
        }
    };
    let raw: RawFrontMatter = match yaml::parse(
        rel,
        &text,
        split.yaml,
        split.yaml_line_offset,
        "module front matter",
    ) {
        Ok(r) => r,
        Err(d) => {
            diags.push(*d);
            return None;
        }
    };
    let loc = Locator::new(split.yaml, split.yaml_line_offset);
    let mut ok = true;
    if raw.title.trim().is_empty() {
        let d = Diagnostic::error("empty-title", rel, "module title is empty")
            .hint("give the module a title, e.g. `title: Who is at risk`");
        diags.push(match loc.find("title") {
            Some((l, c)) => d.at_line_col(&text, l, c),
            None => d,
        });
        ok = false;
    }
    let slug = slug_from_file(rel);
    if slug.is_empty() {
        diags.push(
            Diagnostic::error(
                "bad-file-name",
                rel,
                "cannot make a page name from this file name",
            )
            .hint("use letters or digits in the name, e.g. 01-introduction.md"),
        );
        ok = false;
    }
    if !ok {
        return None;
    }
    let order = raw
        .order
        .unwrap_or_else(|| number_prefix(rel).unwrap_or(i64::MAX));
    let body_offset = split.body_offset;
    Some(Module {
        slug,
        source: rel.to_path_buf(),
        title: raw.title.trim().to_string(),
        order,
        summary: raw.summary,
        minutes: raw.minutes,
        content_note: raw.content_note,
        quiz: raw.quiz,
        required: raw.required,
        body_offset,
        text,
    })
}

fn number_prefix(path: &Path) -> Option<i64> {
    let stem = path.file_stem()?.to_str()?;
    let digits: String = stem.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

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

fn load_quizzes(
    root: &Path,
    diags: &mut Diagnostics,
    failed: &mut Failed,
) -> BTreeMap<String, Quiz> {
    let mut quizzes = BTreeMap::new();
    let mut sources: HashMap<String, PathBuf> = HashMap::new();
    let mut unique = Vec::new();
    for rel in discover(root, QUIZZES_DIR, &["yaml", "yml"]) {
        let id = rel
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("")
            .to_string();
        if let Some(first) = sources.get(&id) {
            diags.push(
                Diagnostic::error(
                    "duplicate-quiz",
                    &rel,
                    format!("quiz id `{id}` is already used by {}", first.display()),
                )
                .hint("quiz ids are file names; rename one of the files"),
            );
            continue;
        }
        sources.insert(id.clone(), rel.clone());
        unique.push((id, rel));
    }
    let parsed: Vec<(String, Option<Quiz>, Diagnostics)> = unique
        .into_par_iter()
        .map(|(id, rel)| {
            let mut d = Diagnostics::new();
            let quiz = read_text(root, &rel, &mut d).and_then(|text| {
                let q = parse_quiz(&rel, &id, &text, &mut d);
                if !d.is_empty() {
                    d.add_source(&rel, &text);
                }
                q
            });
            (id, quiz, d)
        })
        .collect();
    for (id, quiz, d) in parsed {
        diags.extend(d);
        match quiz {
            Some(q) => {
                quizzes.insert(id, q);
            }
            None => {
                failed.quizzes.insert(id);
            }
        }
    }
    quizzes
}

/// Parses and checks one quiz file.
pub fn parse_quiz(rel: &Path, id: &str, text: &str, diags: &mut Diagnostics) -> Option<Quiz> {
    let raw: RawQuiz = match yaml::parse(rel, text, text, 0, "a quiz") {
        Ok(r) => r,
        Err(d) => {
            diags.push(*d);
            return None;
        }
    };
    let loc = Locator::new(text, 0);
    let before = diags.error_count();
    let mut push = |path: &str, d: Diagnostic| {
        diags.push(match loc.find(path) {
            Some((l, c)) => d.at_line_col(text, l, c),
            None => d,
        })
    };
    if let Some(m) = raw.pass_mark {
        if m == 0 || m > 100 {
            push(
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
        push(
            "questions",
            Diagnostic::error("empty-quiz", rel, "quiz has no questions")
                .hint("add at least one question under `questions:`"),
        );
    }
    let mut ids: HashMap<&str, usize> = HashMap::new();
    let mut questions = Vec::new();
    for (i, q) in raw.questions.iter().enumerate() {
        let p = format!("questions.{i}");
        if !is_id(&q.id) {
            push(
                &format!("{p}.id"),
                Diagnostic::error(
                    "bad-question-id",
                    rel,
                    format!("question id `{}` may use only a-z, 0-9, `-` and `_`", q.id),
                )
                .hint("e.g. `id: minors-consent`"),
            );
        } else if let Some(first) = ids.insert(&q.id, i) {
            push(
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
            push(
                &format!("{p}.prompt"),
                Diagnostic::error("empty-prompt", rel, "question has an empty prompt")
                    .hint("write the question in `prompt:`"),
            );
        }
        let options = match q.kind {
            QuestionKind::TrueFalse => {
                if !q.options.is_empty() {
                    push(&format!("{p}.options"), Diagnostic::error("true-false-options", rel, "a true_false question takes `answer: true` or `answer: false`, not options").hint("remove `options:` and add `answer:`, or change `type:` to `single`"));
                    continue;
                }
                let Some(answer) = q.answer else {
                    push(
                        &p,
                        Diagnostic::error(
                            "true-false-no-answer",
                            rel,
                            format!("true_false question `{}` has no answer", q.id),
                        )
                        .hint("add `answer: true` or `answer: false`"),
                    );
                    continue;
                };
                vec![
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
                ]
            }
            QuestionKind::Single | QuestionKind::Multiple => {
                if q.answer.is_some() {
                    push(
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
                    push(&format!("{p}.feedback"), Diagnostic::error("feedback-on-choice", rel, "question-level `feedback:` is only for true_false questions").hint("put `feedback:` on each option, or use `explanation:` for text shown after any answer"));
                }
                if q.options.len() < 2 {
                    push(
                        &format!("{p}.options"),
                        Diagnostic::error(
                            "too-few-options",
                            rel,
                            format!("question `{}` needs at least two options", q.id),
                        )
                        .hint("add options under `options:`, each with `text:`"),
                    );
                    continue;
                }
                let correct = q.options.iter().filter(|o| o.correct).count();
                if correct == 0 {
                    push(
                        &p,
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
                    push(
                        &format!("{p}.options.{second}.correct"),
                        Diagnostic::error("single-choice-many-correct", rel, format!("single-choice question `{}` has {correct} correct options", q.id)).hint("keep `correct: true` on one option only, or change `type:` to `multiple`"),
                    );
                }
                for (j, o) in q.options.iter().enumerate() {
                    if o.text.trim().is_empty() {
                        push(
                            &format!("{p}.options.{j}.text"),
                            Diagnostic::error("empty-option", rel, "option has no text")
                                .hint("write the answer in `text:`"),
                        );
                    }
                    if !o.correct && o.feedback.as_deref().map_or(true, |f| f.trim().is_empty()) {
                        push(&format!("{p}.options.{j}"), Diagnostic::warning("option-without-feedback", rel, format!("wrong option {} of question `{}` has no feedback", j + 1, q.id)).hint("add `feedback:` saying why this answer is wrong; learners learn most from it"));
                    }
                }
                q.options
                    .iter()
                    .map(|o| AnswerOption {
                        text: o.text.clone(),
                        correct: o.correct,
                        feedback: o.feedback.clone(),
                    })
                    .collect()
            }
        };
        questions.push(Question {
            id: q.id.clone(),
            kind: q.kind,
            prompt: q.prompt.clone(),
            options,
            explanation: q.explanation.clone(),
        });
    }
    if diags.error_count() > before {
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
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTerm {
    id: String,
    term: String,
    #[serde(default)]
    aliases: Vec<String>,
    category: String,
    definition: String,
}

fn load_glossary(root: &Path, diags: &mut Diagnostics) -> Vec<GlossaryTerm> {
    let rel = Path::new(GLOSSARY_FILE);
    if !root.join(rel).is_file() {
        return Vec::new();
    }
    let Some(text) = read_text(root, rel, diags) else {
        return Vec::new();
    };
    diags.add_source(rel, &text);
    parse_glossary(rel, &text, diags)
}

/// Parses and checks the glossary file.
pub fn parse_glossary(rel: &Path, text: &str, diags: &mut Diagnostics) -> Vec<GlossaryTerm> {
    let raw: Vec<RawTerm> = match yaml::parse(rel, text, text, 0, "a glossary term") {
        Ok(r) => r,
        Err(d) => {
            diags.push(*d);
            return Vec::new();
        }
    };
    let loc = Locator::new(text, 0);
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut terms = Vec::new();
    for (i, t) in raw.into_iter().enumerate() {
        let at = |d: Diagnostic| match loc.find(&format!("{i}.id")) {
            Some((l, c)) => d.at_line_col(text, l, c),
            None => d,
        };
        if !is_id(&t.id) {
            diags.push(at(Diagnostic::error(
                "bad-term-id",
                rel,
                format!("glossary id `{}` may use only a-z, 0-9, `-` and `_`", t.id),
            )
            .hint(format!("e.g. `id: {}`", slugify(&t.id)))));
            continue;
        }
        if let Some(first) = seen.insert(t.id.clone(), i) {
            diags.push(at(Diagnostic::error(
                "duplicate-term",
                rel,
                format!(
                    "glossary id `{}` is already used by entry {}",
                    t.id,
                    first + 1
                ),
            )
            .hint("give each term its own id, or merge the two entries")));
            continue;
        }
        if t.definition.trim().is_empty() {
            diags.push(at(Diagnostic::error(
                "empty-definition",
                rel,
                format!("glossary term `{}` has no definition", t.id),
            )
            .hint("write one or two sentences in `definition:`")));
            continue;
        }
        terms.push(GlossaryTerm {
            id: t.id,
            term: t.term,
            aliases: t.aliases,
            category: t.category,
            definition: t.definition.trim().to_string(),
        });
    }
    terms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_drop_number_prefix() {
        assert_eq!(
            slug_from_file(Path::new("content/03-who-is-at-risk.md")),
            "who-is-at-risk"
        );
        assert_eq!(
            slug_from_file(Path::new("content/10_The Economics.md")),
            "the-economics"
        );
        assert_eq!(slug_from_file(Path::new("content/intro.md")), "intro");
        assert_eq!(slug_from_file(Path::new("content/2024.md")), "2024");
        assert_eq!(
            slugify("Trafficking or smuggling?"),
            "trafficking-or-smuggling"
        );
        assert_eq!(slugify("Don't panic — Café"), "dont-panic-cafe");
    }

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

    #[test]
    fn module_front_matter_errors() {
        let mut d = Diagnostics::new();
        assert!(parse_module(Path::new("content/a.md"), "# Hi\n".into(), &mut d).is_none());
        assert!(
            parse_module(Path::new("content/a.md"), "---\ntitle: A\n".into(), &mut d).is_none()
        );
        assert!(parse_module(
            Path::new("content/a.md"),
            "---\ntitle: A\nminuts: 3\n---\n".into(),
            &mut d
        )
        .is_none());
        let codes: Vec<_> = d.items().iter().map(|x| (x.code, x.line)).collect();
        assert_eq!(
            codes,
            vec![
                ("no-front-matter", 1),
                ("unclosed-front-matter", 1),
                ("unknown-field", 3)
            ]
        );
        assert!(d.items()[2].hint.as_deref().unwrap().contains("`minutes`"));
    }

    #[test]
    fn order_defaults_to_number_prefix() {
        let mut d = Diagnostics::new();
        let m = parse_module(
            Path::new("content/07-x.md"),
            "---\ntitle: X\n---\nBody".into(),
            &mut d,
        )
        .unwrap();
        assert_eq!(m.order, 7);
        assert!(m.required);
        assert_eq!(&m.text[m.body_offset..], "Body");
    }

    #[test]
    fn glossary_duplicates_and_bad_ids() {
        let mut d = Diagnostics::new();
        let text = "- id: a\n  term: A\n  category: C\n  definition: D\n- id: a\n  term: A2\n  category: C\n  definition: D\n- id: Bad Id\n  term: B\n  category: C\n  definition: D\n";
        let terms = parse_glossary(Path::new("content/glossary.yaml"), text, &mut d);
        assert_eq!(terms.len(), 1);
        let codes: Vec<_> = d.items().iter().map(|x| (x.code, x.line)).collect();
        assert_eq!(codes, vec![("duplicate-term", 5), ("bad-term-id", 9)]);
    }
}
