//! Fill-in placeholders: `[[replace: what to put here]]` marks text an organisation must
//! write itself (its name, its own reporting contacts). Pages show them marked; `aware
//! check` lists every one.

use std::collections::HashMap;

use crate::util::html::escape;

/// How a placeholder starts.
pub(crate) const OPEN: &str = "[[replace:";
const CLOSE: &str = "]]";

/// One placeholder: its byte range in the text and what to put there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Placeholder<'a> {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) what: &'a str,
}

/// Every placeholder in `text`, in order.
pub(crate) fn find(text: &str) -> Vec<Placeholder<'_>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find(OPEN) {
        let start = from + i;
        let inner = start + OPEN.len();
        let Some(j) = text[inner..].find(CLOSE) else {
            break;
        };
        // A placeholder lives on one line.
        if text[inner..inner + j].contains('\n') {
            from = inner;
            continue;
        }
        let end = inner + j + CLOSE.len();
        out.push(Placeholder {
            start,
            end,
            what: text[inner..inner + j].trim(),
        });
        from = end;
    }
    out
}

/// The HTML of one placeholder: marked by its words and brackets, not only by colour.
pub(crate) fn html(what: &str) -> String {
    format!(
        "<mark class=\"placeholder\">[To fill in: {}]</mark>",
        escape(what)
    )
}

/// `text` HTML-escaped, with its placeholders marked.
pub(crate) fn fill_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for p in find(text) {
        out.push_str(&escape(&text[last..p.start]));
        out.push_str(&html(p.what));
        last = p.end;
    }
    out.push_str(&escape(&text[last..]));
    out
}

/// The Tera filter `fill`: `{{ site.organisation | fill | safe }}`.
pub(crate) fn tera_filter(
    value: &tera::Value,
    _: &HashMap<String, tera::Value>,
) -> tera::Result<tera::Value> {
    match value {
        tera::Value::String(s) => Ok(tera::Value::String(fill_html(s))),
        other => Ok(tera::Value::String(escape(&other.to_string()))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_placeholders_on_one_line() {
        let t = "Call [[replace: your security desk]] or [[replace:HR]].\n[[replace: a\nb]]";
        let found: Vec<&str> = find(t).iter().map(|p| p.what).collect();
        assert_eq!(found, ["your security desk", "HR"]);
        assert_eq!(
            &t[find(t)[0].start..find(t)[0].end],
            "[[replace: your security desk]]"
        );
    }

    #[test]
    fn marks_and_escapes() {
        assert_eq!(
            fill_html("A & [[replace: <name>]]"),
            "A &amp; <mark class=\"placeholder\">[To fill in: &lt;name&gt;]</mark>"
        );
        assert_eq!(fill_html("no placeholder"), "no placeholder");
    }
}
