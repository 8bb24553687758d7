//! Showing diagnostics: rustc-style with the source line underlined, or as one line.

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor::WriteColor};

use super::{Diagnostics, Severity};

impl Diagnostics {
    /// Renders every diagnostic rustc-style (source line, underline, hint) to `out`.
    pub fn render(&self, out: &mut dyn WriteColor) -> std::io::Result<()> {
        let mut files = SimpleFiles::new();
        let mut ids = Vec::new();
        for (path, text) in self.sources() {
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
}

fn severity_word(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::super::{Diagnostic, Diagnostics};

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
