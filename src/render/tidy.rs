//! Template output without its indentation and blank lines.

/// Drops the indentation and blank lines that templates leave in their output, except
/// inside `<pre>` (code blocks keep their layout). Newlines stay, so text spacing does not
/// change.
pub(crate) fn strip_template_whitespace(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_pre = false;
    for line in html.lines() {
        if in_pre {
            out.push_str(line);
            out.push('\n');
        } else {
            let t = line.trim_start();
            if !t.trim_end().is_empty() {
                out.push_str(t);
                out.push('\n');
            }
        }
        // A line may open and close several <pre>s; the last one decides. (Both start
        // with `<`: looking only where a `<` is is much faster than two searches.)
        let (mut open, mut close) = (None, None);
        for (i, _) in line.match_indices('<') {
            let rest = &line[i..];
            if rest.starts_with("<pre") {
                open = Some(i);
            } else if rest.starts_with("</pre>") {
                close = Some(i);
            }
        }
        in_pre = match (open, close) {
            (Some(o), Some(c)) => o > c,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => in_pre,
        };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::strip_template_whitespace;

    #[test]
    fn keeps_pre_blocks_and_line_breaks() {
        let html = "<div>\n    <p>a\n    b</p>\n\n  <pre><code>x\n    indented\n\n</code></pre>\n  </div>\n";
        assert_eq!(
            strip_template_whitespace(html),
            "<div>\n<p>a\nb</p>\n<pre><code>x\n    indented\n\n</code></pre>\n</div>\n"
        );
        // Several on one line: the last decides.
        let html = "<pre>a</pre> <pre>\n    kept\n</pre><pre>x</pre>\n    dropped\n";
        assert_eq!(
            strip_template_whitespace(html),
            "<pre>a</pre> <pre>\n    kept\n</pre><pre>x</pre>\ndropped\n"
        );
    }
}
