//! Minifying the built-in theme's CSS and JavaScript: pages load them on every visit, so
//! they are published without comments and indentation (the readable sources are in
//! `themes/default/`). A course's own override files are published exactly as written.

use std::path::Path;

/// CSS without comments and with whitespace collapsed (never inside strings).
pub(crate) fn minify_css(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut quote: Option<char> = None;
    let mut pending_space = false;
    while let Some(c) = chars.next() {
        if let Some(q) = quote {
            out.push(c);
            if c == '\\' {
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            } else if c == q {
                quote = None;
            }
            continue;
        }
        if c == '/' && chars.peek() == Some(&'*') {
            chars.next();
            let mut prev = ' ';
            for n in chars.by_ref() {
                if prev == '*' && n == '/' {
                    break;
                }
                prev = n;
            }
            pending_space = true;
            continue;
        }
        if c.is_whitespace() {
            pending_space = true;
            continue;
        }
        if pending_space {
            let last = out.chars().last();
            let joins = |x: char| matches!(x, '{' | '}' | ';' | ',' | '>');
            if !(last.is_none() || last.is_some_and(joins) || joins(c)) {
                out.push(' ');
            }
            pending_space = false;
        }
        if c == '"' || c == '\'' {
            quote = Some(c);
        }
        out.push(c);
    }
    out.replace(";}", "}")
}

/// JavaScript without whole-line comments, indentation and blank lines. Deliberately
/// simple: it never touches a line's code, so it cannot change what the script does.
pub(crate) fn minify_js(js: &str) -> String {
    let mut out = String::with_capacity(js.len());
    let mut in_block = false;
    for line in js.lines() {
        let t = line.trim();
        if in_block {
            if let Some(i) = t.find("*/") {
                in_block = false;
                let rest = t[i + 2..].trim();
                if !rest.is_empty() {
                    out.push_str(rest);
                    out.push('\n');
                }
            }
            continue;
        }
        if t.is_empty() || t.starts_with("//") {
            continue;
        }
        if t.starts_with("/*") {
            match t.find("*/") {
                Some(i) => {
                    let rest = t[i + 2..].trim();
                    if !rest.is_empty() {
                        out.push_str(rest);
                        out.push('\n');
                    }
                }
                None => in_block = true,
            }
            continue;
        }
        out.push_str(t);
        out.push('\n');
    }
    out
}

/// The bytes to publish for a theme static file: built-in CSS and JS minified, anything
/// else (and every override of the course's own) as it is.
pub(crate) fn publishable(path: &Path, bytes: &[u8], builtin: bool) -> Vec<u8> {
    if let (true, Some(ext)) = (builtin, path.extension().and_then(|e| e.to_str())) {
        if let Ok(text) = std::str::from_utf8(bytes) {
            match ext {
                "css" => return minify_css(text).into_bytes(),
                "js" => return minify_js(text).into_bytes(),
                _ => {}
            }
        }
    }
    bytes.to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_minifier_keeps_meaning() {
        let css = "/* c */\n.a  .b > c ,\n d {\n  color : red;\n  content: \"a  /* b */\";\n}\n@media (max-width: 40rem) and (min-width: 1px) { x { y: z; } }\n";
        assert_eq!(minify_css(css), ".a .b>c,d{color : red;content: \"a  /* b */\"}@media (max-width: 40rem) and (min-width: 1px){x{y: z}}");
    }

    #[test]
    fn js_minifier_only_drops_comment_lines_and_indentation() {
        let js = "/* head\n   more */\n(function () {\n  // note\n  var url = \"https://x\"; // keep\n\n  return 1;\n})();\n";
        assert_eq!(
            minify_js(js),
            "(function () {\nvar url = \"https://x\"; // keep\nreturn 1;\n})();\n"
        );
    }
}
