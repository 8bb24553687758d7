//! Raw HTML in markdown is published as written (course authors are trusted), but it must
//! keep the site's promises: nothing loaded from another host, and nothing the strict
//! Content-Security-Policy would block (scripts, inline styles and event handlers).

use super::links::has_scheme;
use super::Target;

/// Attributes whose value is a resource the browser loads by itself.
const LOADS: &[&str] = &[
    "src",
    "srcset",
    "data",
    "poster",
    "background",
    "action",
    "formaction",
];

/// What in `html` breaks the rules, with the text at fault.
pub(super) fn scan(html: &str) -> Vec<(Target, String)> {
    let mut found = Vec::new();
    let lower = html.to_ascii_lowercase();
    if lower.contains("<script") {
        found.push((Target::Script, "<script>".to_string()));
    }
    for (tag, attrs) in tags(html) {
        for (name, value) in attrs {
            let loads = LOADS.contains(&name.as_str()) || (name == "href" && tag == "link");
            if loads && value.split([',', ' ']).any(|v| is_remote(v.trim())) {
                found.push((Target::ExternalResource, value.clone()));
            } else if name == "style" || name.starts_with("on") {
                found.push((Target::InlineAttribute, format!("{name}=\"{value}\"")));
            }
            if name == "style" {
                found.extend(css_urls(&value));
            }
        }
    }
    // A <style> block's url(…) and @import.
    for (t, v) in css_urls(html) {
        if !found.iter().any(|(_, w)| *w == v) {
            found.push((t, v));
        }
    }
    found
}

/// True for an address on another host: a scheme other than `data:`, or `//host`.
fn is_remote(v: &str) -> bool {
    let v = v.trim_matches(['"', '\'']);
    !v.is_empty()
        && (v.starts_with("//") || (has_scheme(v) && !v.to_ascii_lowercase().starts_with("data:")))
}

/// `url(…)` and `@import "…"` values in CSS that point at another host.
fn css_urls(css: &str) -> Vec<(Target, String)> {
    let lower = css.to_ascii_lowercase();
    let mut out = Vec::new();
    for (pat, close) in [("url(", ')'), ("@import", ';')] {
        let mut from = 0;
        while let Some(i) = lower[from..].find(pat) {
            let start = from + i + pat.len();
            let end = css[start..].find(close).map_or(css.len(), |j| start + j);
            let value = css[start..end]
                .trim()
                .trim_matches(['"', '\'', ' '])
                .to_string();
            if is_remote(&value) {
                out.push((Target::ExternalResource, value));
            }
            from = end;
        }
    }
    out
}

/// Each start tag's lower-cased name and its attributes (name lower-cased, value as
/// written, quotes removed). A small tolerant reader, not a validator.
fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'<' || i + 1 >= b.len() || !b[i + 1].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'-') {
            j += 1;
        }
        let tag = html[i + 1..j].to_ascii_lowercase();
        let (attrs, end) = attributes(html, j);
        out.push((tag, attrs));
        i = end.max(j);
    }
    out
}

/// The attributes from byte `i` to the tag's `>`; returns them and where the tag ends.
fn attributes(html: &str, mut i: usize) -> (Vec<(String, String)>, usize) {
    let b = html.as_bytes();
    let mut attrs = Vec::new();
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        if i >= b.len() || b[i] == b'>' {
            return (attrs, i + 1);
        }
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'=' && b[i] != b'>' {
            i += 1;
        }
        let name = html[start..i].to_ascii_lowercase();
        let mut value = String::new();
        if i < b.len() && b[i] == b'=' {
            i += 1;
            let quote = b.get(i).copied().filter(|q| *q == b'"' || *q == b'\'');
            if let Some(q) = quote {
                let vstart = i + 1;
                let vend = html[vstart..]
                    .find(q as char)
                    .map_or(html.len(), |k| vstart + k);
                value = html[vstart..vend].to_string();
                i = (vend + 1).min(html.len());
            } else {
                let vstart = i;
                while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                    i += 1;
                }
                value = html[vstart..i].to_string();
            }
        }
        if !name.is_empty() {
            attrs.push((name, value));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(html: &str) -> Vec<Target> {
        scan(html).into_iter().map(|(t, _)| t).collect()
    }

    #[test]
    fn remote_resources_are_found_in_tags_and_css() {
        assert_eq!(
            kinds(r#"<img src="https://x.org/a.png" alt="">"#),
            [Target::ExternalResource]
        );
        assert_eq!(
            kinds(r#"<iframe src=//x.org/v></iframe>"#),
            [Target::ExternalResource]
        );
        assert_eq!(
            kinds(r#"<link rel="stylesheet" href="http://x.org/a.css">"#),
            [Target::ExternalResource]
        );
        assert_eq!(kinds("<style>@import 'https://x.org/a.css'; p { background: url( https://x.org/b.png ) }</style>"), [Target::ExternalResource, Target::ExternalResource]);
        assert_eq!(
            kinds(r#"<img srcset="a.png 1x, https://x.org/b.png 2x" alt="">"#),
            [Target::ExternalResource]
        );
        assert_eq!(
            kinds(r#"<script src="https://x.org/a.js"></script>"#),
            [Target::Script, Target::ExternalResource]
        );
    }

    #[test]
    fn local_data_and_links_are_fine() {
        assert!(kinds(
            r#"<img src="images/a.png" alt=""><img src="data:image/png;base64,AA" alt="">"#
        )
        .is_empty());
        assert!(kinds(r#"<a href="https://www.dol.gov/">DOL</a> <kbd>Shift</kbd>"#).is_empty());
    }

    #[test]
    fn inline_styles_and_handlers_are_found() {
        assert_eq!(
            kinds(r#"<p style="color:red" onclick="x()">"#),
            [Target::InlineAttribute, Target::InlineAttribute]
        );
    }
}
