//! Splitting a module file into YAML front matter and markdown body.

/// A module file cut into its parts, with positions kept for diagnostics.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Split<'a> {
    /// The YAML between the `---` lines.
    pub(crate) yaml: &'a str,
    /// Lines before the YAML starts (the opening `---` line), for line numbers.
    pub(crate) yaml_line_offset: usize,
    /// The markdown after the closing `---`.
    pub(crate) body: &'a str,
    /// Byte offset of the body in the file.
    pub(crate) body_offset: usize,
}

/// Why a file could not be split.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum SplitError {
    /// The file does not start with a `---` line.
    Missing,
    /// The opening `---` has no closing `---`.
    Unclosed,
}

/// Splits `text` at `---` fences. A byte-order mark and leading blank lines are allowed.
pub(crate) fn split(text: &str) -> Result<Split<'_>, SplitError> {
    let mut start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut line = 0;
    // Skip blank lines before the opening fence.
    loop {
        let rest = &text[start..];
        let end = rest.find('\n').map(|i| i + 1).unwrap_or(rest.len());
        let l = rest[..end].trim_end_matches(['\n', '\r']);
        if l.trim().is_empty() && end > 0 && end < rest.len() {
            start += end;
            line += 1;
            continue;
        }
        if l.trim_end() != "---" {
            return Err(SplitError::Missing);
        }
        start += end;
        line += 1;
        break;
    }
    let yaml_start = start;
    let mut pos = yaml_start;
    while pos < text.len() {
        let rest = &text[pos..];
        let end = rest.find('\n').map(|i| i + 1).unwrap_or(rest.len());
        let l = rest[..end].trim_end_matches(['\n', '\r']).trim_end();
        if l == "---" || l == "..." {
            return Ok(Split {
                yaml: &text[yaml_start..pos],
                yaml_line_offset: line,
                body: &text[pos + end..],
                body_offset: pos + end,
            });
        }
        pos += end;
    }
    Err(SplitError::Unclosed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_of_cases() {
        #[allow(clippy::type_complexity)]
        let cases: &[(&str, Result<(&str, usize, &str), SplitError>)] = &[
            (
                "---\ntitle: A\n---\nBody\n",
                Ok(("title: A\n", 1, "Body\n")),
            ),
            ("\u{feff}---\ntitle: A\n---\n", Ok(("title: A\n", 1, ""))),
            ("\n\n---\nt: 1\n...\nB", Ok(("t: 1\n", 3, "B"))),
            ("---\r\nt: 1\r\n---\r\nB", Ok(("t: 1\r\n", 1, "B"))),
            ("---\n---\nB", Ok(("", 1, "B"))),
            ("# No front matter\n", Err(SplitError::Missing)),
            ("", Err(SplitError::Missing)),
            ("---\ntitle: A\nBody\n", Err(SplitError::Unclosed)),
        ];
        for (input, want) in cases {
            let got = split(input).map(|s| (s.yaml, s.yaml_line_offset, s.body));
            assert_eq!(&got, want, "input {input:?}");
        }
    }

    #[test]
    fn body_offset_points_into_file() {
        let t = "---\na: 1\n---\nHello";
        let s = split(t).unwrap();
        assert_eq!(&t[s.body_offset..], "Hello");
    }
}
