//! The course as typed, checked data. Everything here was validated on load.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;

use super::config::SiteConfig;

/// A whole course: settings, modules in order, quizzes and glossary.
#[derive(Debug, Clone, Serialize)]
pub struct Course {
    /// The course folder.
    #[serde(skip)]
    pub root: PathBuf,
    pub config: SiteConfig,
    /// The text of `site.yaml` (empty when it is missing), to point diagnostics into.
    #[serde(skip)]
    pub config_text: String,
    /// Modules sorted by `order`, then file name.
    pub modules: Vec<Module>,
    /// Standalone pages (`content/pages/`), by `order` then file name.
    pub pages: Vec<Page>,
    /// Quizzes by id (the file name without extension).
    pub quizzes: BTreeMap<String, Quiz>,
    pub glossary: Vec<GlossaryTerm>,
    /// Files that exist but failed to load, so later checks don't repeat their errors.
    #[serde(skip)]
    pub failed: Failed,
}

/// What failed to load (its errors were reported already).
#[derive(Debug, Clone, Default)]
pub struct Failed {
    pub config: bool,
    pub glossary: bool,
    pub modules: std::collections::HashSet<PathBuf>,
    pub quizzes: std::collections::HashSet<String>,
}

impl Failed {
    /// True when anything failed.
    pub fn any(&self) -> bool {
        self.config || self.glossary || !self.modules.is_empty() || !self.quizzes.is_empty()
    }
}

/// One training module: a markdown file with front matter.
#[derive(Debug, Clone, Serialize)]
pub struct Module {
    /// URL name: the file name without its number prefix and extension.
    pub slug: String,
    /// Path relative to the course folder, e.g. `content/03-who-is-at-risk.md`.
    pub source: PathBuf,
    pub title: String,
    pub order: i64,
    pub summary: Option<String>,
    pub minutes: Option<u32>,
    pub content_note: Option<String>,
    /// Id of the module's quiz, if it has one.
    pub quiz: Option<String>,
    /// Whether the module counts towards completion.
    pub required: bool,
    /// What the learner will be able to do ("In this module you will learn to:").
    pub objectives: Vec<String>,
    /// The key points, shown before the quiz.
    pub takeaways: Vec<String>,
    /// Byte offset of the body within the file, for diagnostics.
    #[serde(skip)]
    pub body_offset: usize,
    /// The whole file text, for diagnostics.
    #[serde(skip)]
    pub text: String,
}

/// A standalone page: `content/pages/NAME.md` (not a module: no quiz, no progress).
#[derive(Debug, Clone, Serialize)]
pub struct Page {
    /// URL name: the file name without its extension.
    pub slug: String,
    /// Path relative to the course folder, e.g. `content/pages/report-a-concern.md`.
    pub source: PathBuf,
    pub title: String,
    /// Where the page is linked from on every page, if anywhere.
    pub nav: Option<Nav>,
    pub order: i64,
    /// Byte offset of the body within the file, for diagnostics.
    #[serde(skip)]
    pub body_offset: usize,
    /// The whole file text.
    #[serde(skip)]
    pub text: String,
}

/// Where a standalone page is linked from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Nav {
    /// The site's header navigation.
    Header,
    /// The footer.
    Footer,
}

impl Page {
    /// The markdown body: the file after its front matter.
    pub fn body(&self) -> &str {
        &self.text[self.body_offset..]
    }
}

/// A quiz: questions with options, feedback and explanations.
#[derive(Debug, Clone, Serialize)]
pub struct Quiz {
    pub id: String,
    pub source: PathBuf,
    pub title: String,
    /// Percent needed to pass; `None` means the site's pass mark.
    pub pass_mark: Option<u8>,
    pub shuffle: bool,
    pub questions: Vec<Question>,
    /// The file's text, to point diagnostics at its questions.
    #[serde(skip)]
    pub text: String,
}

/// What kind of answer a question takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// One correct option (radio buttons).
    Single,
    /// One or more correct options (checkboxes); all must be ticked and no others.
    Multiple,
    /// True or false (radio buttons).
    TrueFalse,
}

/// One question. For true/false questions, options are "True" and "False".
#[derive(Debug, Clone, Serialize)]
pub struct Question {
    pub id: String,
    pub kind: QuestionKind,
    pub prompt: String,
    pub options: Vec<AnswerOption>,
    pub explanation: Option<String>,
    /// The module objective (1-based) the question tests.
    pub objective: Option<usize>,
    /// In the final assessment's pool: the module (slug) the question is about.
    pub module: Option<String>,
    /// In the final assessment's pool: asked in every attempt.
    pub always: bool,
    /// Quiz lints silenced for this question (their codes).
    pub lint_allow: Vec<String>,
}

/// One answer option.
#[derive(Debug, Clone, Serialize)]
pub struct AnswerOption {
    pub text: String,
    pub correct: bool,
    pub feedback: Option<String>,
}

/// One glossary entry.
#[derive(Debug, Clone, Serialize)]
pub struct GlossaryTerm {
    pub id: String,
    pub term: String,
    pub aliases: Vec<String>,
    pub category: String,
    pub definition: String,
}

impl Module {
    /// The markdown body: the file after its front matter.
    pub fn body(&self) -> &str {
        &self.text[self.body_offset..]
    }
}

impl Course {
    /// The module with this slug.
    pub fn module(&self, slug: &str) -> Option<&Module> {
        self.modules.iter().find(|m| m.slug == slug)
    }

    /// The glossary term with this id.
    pub fn term(&self, id: &str) -> Option<&GlossaryTerm> {
        self.glossary.iter().find(|t| t.id == id)
    }

    /// Pass mark (percent) for a quiz.
    pub fn pass_mark(&self, quiz: &Quiz) -> u8 {
        quiz.pass_mark.unwrap_or(self.config.pass_mark)
    }

    /// Total number of quiz questions.
    pub fn question_count(&self) -> usize {
        self.quizzes.values().map(|q| q.questions.len()).sum()
    }

    /// Lets the modules' and pages' markdown go once it is rendered and checked (a build
    /// needs it no more: a large course's sources are most of its memory until then).
    pub(crate) fn forget_sources(&mut self) {
        for m in &mut self.modules {
            m.text = String::new();
            m.body_offset = 0;
        }
        for p in &mut self.pages {
            p.text = String::new();
            p.body_offset = 0;
        }
    }
}
