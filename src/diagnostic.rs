//! Diagnostics: what went wrong, where (file, line, column), and how to fix it.
//!
//! Every problem a user can cause in their course becomes a [`Diagnostic`]. They are
//! collected (never thrown) so `aware check` can report all of them at once, and rendered
//! in a rustc-like style with the offending source line underlined.

use std::path::{Path, PathBuf};

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor::WriteColor};

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

    /// Renders every diagnostic rustc-style (source line, underline, hint) to `out`.
    pub fn render(&self, out: &mut dyn WriteColor) -> std::io::Result<()> {
        let mut files = SimpleFiles::new();
        let mut ids = Vec::new();
        for (path, text) in &self.sources {
            ids.push((
                path.clone(),
                files.add(path.display().to_string(), text.clone()),
            ));
        }
        let config = term::Config::default();
        for d in self.sorted() {
            let file_id = ids.iter().find(|(p, _)| *p == d.file).map(|(_, id)| *id);
            let mut cs = match d.severity {
                Severity::Error => CsDiagnostic::error(),
                Severity::Warning => CsDiagnostic::warning(),
            }
            .with_code(d.code)
            .with_message(&d.message);
            match (file_id, d.span) {
                (Some(id), Some((s, e))) => {
                    cs = cs.with_labels(vec![Label::primary(id, s..e.max(s))]);
                }
                _ => {
                    // No source to show: still name the file (and position) on its own line.
                    cs = cs.with_notes(vec![format!("in {}", d.location())]);
                }
            }
            if let Some(h) = &d.hint {
                cs = cs.with_notes(vec![format!("help: {h}")]);
            }
            if term::emit(out, &config, &files, &cs).is_err() {
                writeln!(
                    out,
                    "{}: {}: {}",
                    d.location(),
                    severity_word(d.severity),
                    d.message
                )?;
            }
        }
        Ok(())
    }

    /// Renders to a plain string without colour (for tests, logs and the browser overlay).
    pub fn render_plain(&self) -> String {
        let mut buf = codespan_reporting::term::termcolor::NoColor::new(Vec::new());
        let _ = self.render(&mut buf);
        String::from_utf8_lossy(&buf.into_inner()).into_owned()
    }

    /// "2 errors, 1 warning" style summary.
    pub fn summary(&self) -> String {
        let e = self.error_count();
        let w = self.warning_count();
        format!("{} error{}, {} warning{}", e, plural(e), w, plural(w))
    }
}

fn severity_word(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// "s" unless n is 1.
pub fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// 1-based line and 1-based character column of byte `offset` in `source`.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(source, offset.min(source.len()));
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let column = source[line_start..offset].chars().count() + 1;
    (line, column)
}

/// Byte offset of a 1-based line and 1-based character column (clamped to the text).
pub fn offset_of(source: &str, line: usize, column: usize) -> usize {
    let mut start = 0;
    for _ in 1..line.max(1) {
        match source[start..].find('\n') {
            Some(n) => start += n + 1,
            None => return source.len(),
        }
    }
    let line_text = &source[start..];
    let line_end = line_text.find('\n').unwrap_or(line_text.len());
    let mut off = start;
    for (i, (idx, _)) in line_text[..line_end].char_indices().enumerate() {
        if i + 1 == column.max(1) {
            return start + idx;
        }
        off = start + idx;
    }
    if column <= 1 {
        start
    } else {
        (off + 1).min(start + line_end).max(start)
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The candidate closest to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let mut best: Option<(&str, f64)> = None;
    for c in candidates {
        let score = strsim::jaro_winkler(&word.to_lowercase(), &c.to_lowercase());
        if score > 0.8 && best.map_or(true, |(_, s)| score > s) {
            best = Some((c, score));
        }
    }
    best.map(|(c, _)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let s = "ab\ncé d\n";
        assert_eq!(line_col(s, 0), (1, 1));
        assert_eq!(line_col(s, 3), (2, 1));
        let d = s.find('d').unwrap();
        assert_eq!(line_col(s, d), (2, 4));
    }

    #[test]
    fn offset_of_inverts_line_col() {
        let s = "first\nsécond line\nthird";
        for off in [0, 6, 7, 9, 12] {
            let (l, c) = line_col(s, off);
            assert_eq!(offset_of(s, l, c), off, "offset {off}");
        }
    }

    #[test]
    fn did_you_mean_finds_close_typos_only() {
        let fields = ["title", "order", "summary", "minutes"];
        assert_eq!(did_you_mean("titel", fields), Some("title"));
        assert_eq!(did_you_mean("minuts", fields), Some("minutes"));
        assert_eq!(did_you_mean("colour", fields), None);
    }

    #[test]
    fn rendering_names_file_line_and_hint() {
        let mut ds = Diagnostics::new();
        let src = "title: x\nordr: 3\n";
        ds.add_source(Path::new("content/a.md"), src);
        ds.push(
            Diagnostic::error("unknown-field", "content/a.md", "unknown field `ordr`")
                .at_line_col(src, 2, 1)
                .hint("did you mean `order`?"),
        );
        let text = ds.render_plain();
        assert!(text.contains("content/a.md:2:1"), "{text}");
        assert!(text.contains("help: did you mean `order`?"), "{text}");
        assert!(text.contains("ordr: 3"), "{text}");
        assert_eq!(ds.summary(), "1 error, 0 warnings");
    }
}
