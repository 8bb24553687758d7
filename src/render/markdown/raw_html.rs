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
        // Elements that send the learner, or every link, elsewhere by themselves:
        // `<meta http-equiv="refresh">` (which no Content-Security-Policy stops), `<base>`.
        let redirects =
            (tag == "meta" && attrs.iter().any(|(n, _)| n == "http-equiv")) || tag == "base";
        if redirects {
            found.push((Target::ExternalResource, format!("<{tag}>")));
        }
        for (name, value) in attrs {
            let value = decode_entities(&value);
            // An SVG image (`<image href>`, `<use href>`) loads what it names; `ping`
            // sends a request on every click; `srcdoc` is a page of its own.
            let svg = matches!(tag.as_str(), "image" | "use" | "feimage")
                && (name == "href" || name == "xlink:href");
            let loads = LOADS.contains(&name.as_str())
                || (name == "href" && tag == "link")
                || svg
                || name == "ping";
            if name == "srcdoc" {
                found.extend(scan(&value));
            } else if loads && value.split([',', ' ']).any(|v| is_remote(v.trim())) {
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

/// True for an address on another host: a scheme other than `data:`, or `//host`
/// (browsers read `\` as `/` in addresses, so `\\host` and `/\host` too).
fn is_remote(v: &str) -> bool {
    let v = v.trim_matches(['"', '\'']).trim().replace('\\', "/");
    !v.is_empty()
        && (v.starts_with("//") || (has_scheme(&v) && !v.to_ascii_lowercase().starts_with("data:")))
}

/// Character references (`&#104;`, `&#x68;`, `&colon;`) an address may hide behind,
/// decoded as the browser would before reading the value.
fn decode_entities(v: &str) -> String {
    if !v.contains('&') {
        return v.to_string();
    }
    let mut out = String::with_capacity(v.len());
    let mut rest = v;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest[1..]
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '#')
            .map_or(rest.len(), |j| j + 1);
        let name = &rest[1..end];
        let decoded = match name.strip_prefix('#') {
            Some(n) => match n.strip_prefix(['x', 'X']) {
                Some(h) => u32::from_str_radix(h, 16).ok(),
                None => n.parse().ok(),
            }
            .and_then(char::from_u32),
            None => match name {
                "colon" => Some(':'),
                "sol" => Some('/'),
                "bsol" => Some('\\'),
                "period" => Some('.'),
                "amp" => Some('&'),
                _ => None,
            },
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = rest[end..].strip_prefix(';').unwrap_or(&rest[end..]);
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
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
        // Spaces may stand around the `=`.
        let mut k = i;
        while k < b.len() && b[k].is_ascii_whitespace() {
            k += 1;
        }
        if k < b.len() && b[k] == b'=' {
            i = k + 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
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
    fn redirects_and_disguised_addresses_are_found() {
        for html in [
            r#"<meta http-equiv="refresh" content="0;url=https://x.org/">"#,
            r#"<base href="https://x.org/">"#,
            r#"<svg><image href="https://x.org/a.png"/></svg>"#,
            r#"<img src = "https://x.org/a.png" alt="">"#,
            r#"<img src="&#104;ttps://x.org/a.png" alt="">"#,
            r#"<img src="https&colon;//x.org/a.png" alt="">"#,
            r#"<img src="\\x.org\a.png" alt="">"#,
            r#"<img src="/\x.org/a.png" alt="">"#,
            r#"<a href="a.html" ping="https://x.org/p">a</a>"#,
            r#"<iframe srcdoc="<img src='https://x.org/a.png'>"></iframe>"#,
        ] {
            assert_eq!(kinds(html), [Target::ExternalResource], "{html}");
        }
        assert!(kinds(r#"<img src="a&amp;b.png" alt=""><a href="x.html">&#104;i</a>"#).is_empty());
    }

    #[test]
    fn inline_styles_and_handlers_are_found() {
        assert_eq!(
            kinds(r#"<p style="color:red" onclick="x()">"#),
            [Target::InlineAttribute, Target::InlineAttribute]
        );
    }
}
