//! Reading a course file as text.

use std::path::Path;

use crate::diagnostic::{line_col, Diagnostic, Diagnostics};

/// Reads a file as UTF-8, reporting where the first invalid byte is. The text is not
/// kept for diagnostics: callers add it (`Diagnostics::add_source`) when they report a
/// problem in the file, so a large course's text is not copied for nothing.
pub(crate) fn read_text(root: &Path, rel: &Path, diags: &mut Diagnostics) -> Option<String> {
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
        // A byte-order mark (what Windows Notepad writes first) is not part of the text.
        Ok(s) if s.starts_with('\u{feff}') => Some(s['\u{feff}'.len_utf8()..].to_string()),
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
