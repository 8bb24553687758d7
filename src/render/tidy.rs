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
        // A line may open and close several <pre>s; the last one decides.
        let open = line.rfind("<pre");
        let close = line.rfind("</pre>");
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
    }
}
