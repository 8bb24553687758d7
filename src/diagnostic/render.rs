//! Showing diagnostics, rustc-style: the location, the source line with the problem
//! underlined, and the fix.
//!
//! ```text
//! error[missing-quiz]: module refers to quiz `nxt`, but there is no quizzes/nxt.yaml
//!   ┌─ content/02-next.md:3:7
//!   │
//! 3 │ quiz: nxt
//!   │       ^^^
//!   │
//!   = help: did you mean `quiz: next`?
//! ```
//!
//! Built to stay fast on hostile input: the whole report is assembled in memory and
//! written at once, a long source line is shown as a window around the column, and after
//! [`MAX_PER_KIND`] diagnostics of one kind in one file the rest are counted, not shown.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use termcolor::{Buffer, Color, ColorSpec, WriteColor};

use super::position::LineIndex;
use super::{Diagnostic, Diagnostics, Severity};

/// Diagnostics of one kind (code) shown per file; the rest are counted.
pub(crate) const MAX_PER_KIND: usize = 10;
/// Longest source line shown whole; longer ones are shown as a window around the column.
const MAX_LINE_CHARS: usize = 120;
/// Characters kept on each side of the underline in a windowed line.
const CONTEXT_CHARS: usize = 50;

impl Diagnostics {
    /// Renders every diagnostic to `out`, in one write.
    pub fn render(&self, out: &mut dyn WriteColor) -> std::io::Result<()> {
        let mut buf = if out.supports_color() {
            Buffer::ansi()
        } else {
            Buffer::no_color()
        };
        self.render_into(&mut buf)?;
        out.write_all(buf.as_slice())?;
        out.flush()
    }

    /// Renders to a plain string without colour (for tests, logs and the browser overlay).
    pub fn render_plain(&self) -> String {
        let mut buf = Buffer::no_color();
        let _ = self.render_into(&mut buf);
        String::from_utf8_lossy(buf.as_slice()).into_owned()
    }

    fn render_into(&self, out: &mut Buffer) -> std::io::Result<()> {
        let indexes: HashMap<&Path, (&str, LineIndex)> = self
            .sources()
            .map(|(p, t)| (p.as_path(), (t.as_str(), LineIndex::new(t))))
            .collect();
        let mut shown: HashMap<(&Path, &str), usize> = HashMap::new();
        let mut hidden: Vec<((&Path, &str, Severity), usize)> = Vec::new();
        let sorted = self.sorted();
        for (i, d) in sorted.iter().enumerate() {
            let n = shown.entry((d.file.as_path(), d.code)).or_insert(0);
            *n += 1;
            // Placeholders are every one listed: `aware new` promises it, and each is a
            // place the trainer must fill in.
            if *n <= MAX_PER_KIND || d.code == "placeholder" {
                one(out, d, indexes.get(d.file.as_path()))?;
            } else if let Some(h) = hidden
                .iter_mut()
                .find(|((f, c, _), _)| *f == d.file && *c == d.code)
            {
                h.1 += 1;
            } else {
                hidden.push(((d.file.as_path(), d.code, d.severity), 1));
            }
            // After a file's last diagnostic, say how many of its kinds were not shown.
            let next_file = sorted.get(i + 1).map(|n| n.file.as_path());
            if next_file != Some(d.file.as_path()) {
                for ((file, code, severity), count) in hidden.drain(..) {
                    more(out, file, code, severity, count)?;
                }
            }
        }
        Ok(())
    }
}

fn spec(color: Option<Color>, bold: bool) -> ColorSpec {
    let mut s = ColorSpec::new();
    s.set_fg(color).set_bold(bold);
    s
}

fn severity_style(s: Severity) -> (ColorSpec, &'static str) {
    match s {
        Severity::Error => (spec(Some(Color::Red), true), "error"),
        Severity::Warning => (spec(Some(Color::Yellow), true), "warning"),
    }
}

/// One diagnostic; `source` is its file's text and line index when known.
fn one(
    out: &mut Buffer,
    d: &Diagnostic,
    source: Option<&(&str, LineIndex)>,
) -> std::io::Result<()> {
    let (style, word) = severity_style(d.severity);
    let gutter = spec(Some(Color::Blue), false);
    out.set_color(&style)?;
    write!(out, "{word}[{}]", d.code)?;
    out.set_color(&spec(None, true))?;
    writeln!(out, ": {}", d.message)?;
    out.reset()?;
    match (source, d.span) {
        (Some((text, index)), Some((start, end))) => {
            let (line, col) = index.line_col(text, start);
            let pad = " ".repeat(line.to_string().len() + 1);
            out.set_color(&gutter)?;
            write!(out, "{pad}┌─ ")?;
            out.reset()?;
            writeln!(out, "{}:{line}:{col}", d.file.display())?;
            out.set_color(&gutter)?;
            writeln!(out, "{pad}│")?;
            let (shown, offset, width) =
                snippet(index.line_text(text, line), col, text, start, end);
            write!(out, "{line} │ ")?;
            out.reset()?;
            writeln!(out, "{shown}")?;
            out.set_color(&gutter)?;
            write!(out, "{pad}│ ")?;
            out.set_color(&style)?;
            writeln!(out, "{}{}", " ".repeat(offset), "^".repeat(width))?;
            out.set_color(&gutter)?;
            writeln!(out, "{pad}│")?;
            if let Some(h) = &d.hint {
                write!(out, "{pad}= ")?;
                out.reset()?;
                writeln!(out, "help: {h}")?;
            }
        }
        _ => {
            out.set_color(&gutter)?;
            write!(out, " = ")?;
            out.reset()?;
            writeln!(out, "in {}", d.location())?;
            if let Some(h) = &d.hint {
                out.set_color(&gutter)?;
                write!(out, " = ")?;
                out.reset()?;
                writeln!(out, "help: {h}")?;
            }
        }
    }
    out.reset()?;
    writeln!(out)
}

/// The line as shown (tabs expanded; a window around the column when it is long), the
/// underline's offset and its width, all in characters.
fn snippet(line: &str, col: usize, text: &str, start: usize, end: usize) -> (String, usize, usize) {
    let chars: Vec<char> = line
        .chars()
        .flat_map(|c| if c == '\t' { vec![' '; 4] } else { vec![c] })
        .collect();
    let tabs_before = line
        .chars()
        .take(col.saturating_sub(1))
        .filter(|c| *c == '\t')
        .count();
    let offset = col.saturating_sub(1) + tabs_before * 3;
    let span_chars = text
        .get(start..end)
        .map(|s| s.split('\n').next().unwrap_or("").chars().count())
        .unwrap_or(0);
    let width = span_chars.clamp(1, chars.len().saturating_sub(offset).max(1));
    if chars.len() <= MAX_LINE_CHARS {
        return (chars.into_iter().collect(), offset, width);
    }
    let width = width.min(MAX_LINE_CHARS - 2 * CONTEXT_CHARS);
    let from = offset.saturating_sub(CONTEXT_CHARS);
    let to = (offset + width + CONTEXT_CHARS).min(chars.len());
    let mut shown = String::new();
    let mut lead = 0;
    if from > 0 {
        shown.push('…');
        lead = 1;
    }
    shown.extend(&chars[from..to]);
    if to < chars.len() {
        shown.push('…');
    }
    (shown, offset - from + lead, width)
}

/// "… and N more like this" for diagnostics of one kind not shown.
fn more(
    out: &mut Buffer,
    file: &Path,
    code: &str,
    severity: Severity,
    count: usize,
) -> std::io::Result<()> {
    let (style, word) = severity_style(severity);
    out.set_color(&style)?;
    write!(out, "{word}[{code}]")?;
    out.reset()?;
    writeln!(
        out,
        ": … and {} more like this in {}\n",
        with_commas(count),
        file.display()
    )
}

/// 1995 → "1,995".
fn with_commas(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::super::{Diagnostic, Diagnostics};
    use super::*;

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
        assert_eq!(
            ds.render_plain(),
            "error[unknown-field]: unknown field `ordr`\n  ┌─ content/a.md:2:1\n  │\n2 │ ordr: 3\n  │ ^^^^\n  │\n  = help: did you mean `order`?\n\n"
        );
        assert_eq!(ds.summary(), "1 error, 0 warnings");
    }

    #[test]
    fn every_placeholder_is_listed() {
        let src = "[[replace: x]]\n".repeat(15);
        let mut ds = Diagnostics::new();
        ds.add_source(Path::new("c.md"), &src);
        for line in 1..=15 {
            ds.push(
                Diagnostic::warning("placeholder", "c.md", "to fill in: x")
                    .at_line_col(&src, line, 1),
            );
        }
        let text = ds.render_plain();
        assert_eq!(
            text.matches("warning[placeholder]: to fill in").count(),
            15,
            "{text}"
        );
        assert!(!text.contains("more like this"), "{text}");
    }

    #[test]
    fn a_long_line_is_shown_as_a_window_and_repeats_are_counted() {
        let line = format!("{}[x](nope.md){}\n", "a".repeat(3000), "b".repeat(3000));
        let mut ds = Diagnostics::new();
        ds.add_source(Path::new("c.md"), &line);
        for _ in 0..25 {
            ds.push(Diagnostic::error("broken-link", "c.md", "no").at(&line, 3000, 3013));
        }
        let text = ds.render_plain();
        assert!(text.lines().all(|l| l.chars().count() < 200), "windowed");
        assert!(text.contains("…aaaa"));
        assert!(text.contains("1 │ …"));
        assert_eq!(text.matches("error[broken-link]: no").count(), MAX_PER_KIND);
        assert!(
            text.contains("error[broken-link]: … and 15 more like this in c.md"),
            "{text}"
        );
        assert_eq!(with_commas(1995), "1,995");
        assert_eq!(with_commas(12), "12");
    }
}
