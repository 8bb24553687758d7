//! Diagnostics: what went wrong, where (file, line, column), and how to fix it.
//!
//! Every problem a user can cause in their course becomes a [`Diagnostic`]. They are
//! collected (never thrown) so `aware check` can report all of them at once, and rendered
//! in a rustc-like style with the offending source line underlined.

use std::path::{Path, PathBuf};

mod position;
mod render;
mod suggest;

use crate::util::text::plural;
pub(crate) use position::{floor_char_boundary, line_col, offset_of};
pub(crate) use render::MAX_PER_KIND;
pub(crate) use suggest::{did_you_mean, hint_for};

/// How bad a diagnostic is: errors stop a build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in one file, with a position when there is one.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable short name, e.g. `quiz-no-correct-option`; tests and tools match on it.
    pub code: &'static str,
    /// Path of the file, relative to the course folder where possible.
    pub file: PathBuf,
    /// 1-based line; 0 when the problem is about the whole file.
    pub line: usize,
    /// 1-based column in characters; 0 when the problem is about the whole file.
    pub column: usize,
    /// Byte range in the file that the problem is about (for the underline).
    #[serde(skip)]
    pub span: Option<(usize, usize)>,
    pub message: String,
    /// How to fix it, in one or two sentences.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// A diagnostic about a whole file.
    pub fn new(
        severity: Severity,
        code: &'static str,
        file: impl Into<PathBuf>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity,
            code,
            file: file.into(),
            line: 0,
            column: 0,
            span: None,
            message: message.into(),
            hint: None,
        }
    }

    /// An error about a whole file.
    pub fn error(code: &'static str, file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, file, message)
    }

    /// A warning about a whole file.
    pub fn warning(
        code: &'static str,
        file: impl Into<PathBuf>,
        message: impl Into<String>,
    ) -> Self {
        Self::new(Severity::Warning, code, file, message)
    }

    /// Points the diagnostic at a byte range of `source`, computing line and column.
    pub fn at(mut self, source: &str, start: usize, end: usize) -> Self {
        let start = floor_char_boundary(source, start.min(source.len()));
        let end = floor_char_boundary(source, end.max(start).min(source.len()));
        let (line, column) = line_col(source, start);
        self.line = line;
        self.column = column;
        self.span = Some((start, end));
        self
    }

    /// Points the diagnostic at a 1-based line and column of `source`.
    pub fn at_line_col(self, source: &str, line: usize, column: usize) -> Self {
        let start = offset_of(source, line, column);
        let end = source[start..]
            .find(['\n', '\r'])
            .map(|n| start + n)
            .unwrap_or(source.len());
        // Underline the token at the position, not the rest of the line.
        let token_end = source[start..end]
            .find(|c: char| c.is_whitespace() || c == ':' || c == ',')
            .map(|n| start + n.max(1))
            .unwrap_or(end);
        self.at(source, start, token_end.max(start))
    }

    /// Adds a hint saying how to fix the problem.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// `file:line:col` (or just `file`) for one-line summaries.
    pub fn location(&self) -> String {
        if self.line == 0 {
            self.file.display().to_string()
        } else {
            format!("{}:{}:{}", self.file.display(), self.line, self.column)
        }
    }
}

/// A list of diagnostics plus the source text needed to show them.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
    sources: std::collections::HashMap<PathBuf, String>,
}

impl Diagnostics {
    /// An empty list.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one diagnostic.
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    /// Remembers a file's text so diagnostics in it can show the offending line.
    pub fn add_source(&mut self, file: &Path, text: &str) {
        if !self.sources.contains_key(file) {
            self.sources.insert(file.to_path_buf(), text.to_string());
        }
    }

    /// The text remembered for `file`, if any.
    pub fn source(&self, file: &Path) -> Option<&str> {
        self.sources.get(file).map(String::as_str)
    }

    /// Moves all diagnostics and sources of `other` into this list.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
        for (p, t) in other.sources {
            self.add_source(&p, &t);
        }
    }

    /// All diagnostics in a stable order: by file, then position.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut v: Vec<&Diagnostic> = self.items.iter().collect();
        v.sort_by(|a, b| {
            (&a.file, a.line, a.column, a.severity).cmp(&(&b.file, b.line, b.column, b.severity))
        });
        v
    }

    /// Every file text remembered, by path.
    pub(crate) fn sources(&self) -> impl Iterator<Item = (&PathBuf, &String)> {
        self.sources.iter()
    }

    /// The diagnostics, in the order they were found.
    pub fn items(&self) -> &[Diagnostic] {
        &self.items
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    /// Makes every warning an error (`--strict`).
    pub fn promote_warnings(&mut self) {
        for d in &mut self.items {
            d.severity = Severity::Error;
        }
    }

    /// Number of warnings.
    pub fn warning_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }

    /// True when at least one error was found.
    pub fn has_errors(&self) -> bool {
        self.error_count() > 0
    }

    /// True when nothing was found.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// "2 errors, 1 warning" style summary.
    pub fn summary(&self) -> String {
        let e = self.error_count();
        let w = self.warning_count();
        format!("{} error{}, {} warning{}", e, plural(e), w, plural(w))
    }
}
