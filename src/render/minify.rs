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
            // After a colon too ("color: red"); never before one: ".a :focus" is a descendant.
            if !(last.is_none() || last.is_some_and(|x| joins(x) || x == ':') || joins(c)) {
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

/// Whether `c` can be part of an identifier, keyword or number.
fn word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '$' || !c.is_ascii()
}

/// A line of code without the spaces it does not need (outside string literals): only
/// between two word characters, or two of `+`/`-` (`a - -b`), does a space stay. A line
/// with a `/` (a regular expression, a division or a comment) or a backtick is left as it
/// is, so no regular expression or template needs to be recognised.
fn squeeze_line(t: &str) -> Option<String> {
    if t.contains('/') || t.contains('`') {
        return None;
    }
    let mut out = String::with_capacity(t.len());
    let mut chars = t.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '"' || c == '\'' {
            out.push(c);
            while let Some(n) = chars.next() {
                out.push(n);
                if n == '\\' {
                    if let Some(e) = chars.next() {
                        out.push(e);
                    }
                } else if n == c {
                    break;
                }
            }
            continue;
        }
        if c == ' ' || c == '\t' {
            while chars.peek().is_some_and(|&n| n == ' ' || n == '\t') {
                chars.next();
            }
            let (prev, next) = (out.chars().last(), chars.peek().copied());
            if let (Some(p), Some(n)) = (prev, next) {
                let pm = |x: char| x == '+' || x == '-';
                if (word_char(p) && word_char(n)) || (pm(p) && pm(n)) {
                    out.push(' ');
                }
            }
            continue;
        }
        out.push(c);
    }
    Some(out)
}

/// JavaScript without comments on lines of their own, indentation, blank lines and the
/// spaces around punctuation (see [`squeeze_line`]); a squeezed line that ends in `;`, `{`
/// or `,` is joined with the next (no semicolon is ever inserted there). Deliberately
/// simple: line breaks elsewhere stay, so automatic semicolon insertion is unchanged.
pub(crate) fn minify_js(js: &str) -> String {
    let lines = minify_js_lines(js);
    let mut out = String::with_capacity(lines.len());
    for line in lines.lines() {
        match squeeze_line(line) {
            Some(t) => {
                let join = t.ends_with(';') || t.ends_with('{') || t.ends_with(',');
                out.push_str(&t);
                if !join {
                    out.push('\n');
                }
            }
            None => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// JavaScript without whole-line comments, indentation and blank lines.
fn minify_js_lines(js: &str) -> String {
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

/// The bytes to publish for a theme static file: built-in CSS and JS minified (the JS
/// with its local names shortened, see `rename.rs`), anything else (and every override of
/// the course's own) as it is.
pub(crate) fn publishable(path: &Path, bytes: &[u8], builtin: bool) -> Vec<u8> {
    if let (true, Some(ext)) = (builtin, path.extension().and_then(|e| e.to_str())) {
        if let Ok(text) = std::str::from_utf8(bytes) {
            match ext {
                "css" => return minify_css(text).into_bytes(),
                "js" => {
                    let renamed = super::rename::rename_locals(text);
                    return minify_js(renamed.as_deref().unwrap_or(text)).into_bytes();
                }
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
        assert_eq!(minify_css(css), ".a .b>c,d{color :red;content:\"a  /* b */\"}@media (max-width:40rem) and (min-width:1px){x{y:z}}");
    }

    #[test]
    fn js_minifier_drops_comments_indentation_and_spaces_it_does_not_need() {
        let js = "/* head\n   more */\n(function () {\n  // note\n  var url = \"https://x\"; // keep\n\n  var a = b - -c + \"x  y\" + 'it\\'s  ' ;\n  return typeof a === \"string\" ? a : x in y;\n})();\n";
        assert_eq!(
            minify_js(js),
            "(function(){var url = \"https://x\"; // keep\nvar a=b- -c+\"x  y\"+'it\\'s  ';return typeof a===\"string\"?a:x in y;})();\n"
        );
    }
}
