//! Reading a course file as text.

use std::path::Path;

use crate::diagnostic::{line_col, Diagnostic, Diagnostics};

/// True when `rel` is a link that leads out of the course folder.
pub(crate) fn outside(root: &Path, rel: &Path) -> bool {
    match (root.join(rel).canonicalize(), root.canonicalize()) {
        (Ok(real), Ok(root)) => !real.starts_with(root),
        _ => false,
    }
}

/// Largest course file read (a module, a quiz, site.yaml): far beyond any real one (the
/// default course's largest, its final assessment's pool, is 38 KB), and small enough
/// that indexing one for search stays bounded (a few seconds for 4 MB of words all
/// different).
pub(crate) const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// A regular file's bytes, refusing devices (a link to `/dev/zero` never ends) and files
/// over [`MAX_FILE_BYTES`].
fn read_bounded(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let f = std::fs::File::open(path)?;
    let meta = f.metadata()?;
    if !meta.is_file() {
        return Err(std::io::Error::other("not a plain file"));
    }
    // Room for the whole file and one byte more, so it is read in one go (and the end
    // found by the next read) instead of in growing steps.
    let mut bytes = Vec::with_capacity(meta.len().min(MAX_FILE_BYTES) as usize + 1);
    f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(std::io::Error::other(format!(
            "larger than {} MB",
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    Ok(bytes)
}

/// Reads a file as UTF-8, reporting where the first invalid byte is. The text is not
/// kept for diagnostics: callers add it (`Diagnostics::add_source`) when they report a
/// problem in the file, so a large course's text is not copied for nothing.
pub(crate) fn read_text(root: &Path, rel: &Path, diags: &mut Diagnostics) -> Option<String> {
    let bytes = match read_bounded(&root.join(rel)) {
        Ok(b) => b,
        Err(e) => {
            let hint = if e.to_string().starts_with("larger than") {
                "split it into several files: a module is rarely more than 100 KB"
            } else {
                "check the file exists, is a plain file and you may read it"
            };
            diags.push(
                Diagnostic::error("unreadable-file", rel, format!("cannot read file: {e}"))
                    .hint(hint),
            );
            return None;
        }
    };
    match String::from_utf8(bytes) {
        // A NUL is never text: most often the file is UTF-16 (every other byte is 0).
        Ok(s) if s.contains('\0') => {
            let at = s.find('\0').unwrap_or(0);
            let (line, column) = line_col(&s, at);
            let mut d = Diagnostic::error(
                "not-text",
                rel,
                format!("file contains a NUL character (byte {at}), so it is not text"),
            )
            .hint("save the file as UTF-8 in your editor (\"Save with encoding\" → UTF-8); a file saved as UTF-16 has a NUL after every letter");
            d.line = line;
            d.column = column;
            diags.push(d);
            None
        }
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
