//! Themes: the default theme is embedded in the binary; a course overrides any single
//! template or static file by placing it at `themes/<name>/templates/...` or
//! `themes/<name>/static/...` in its folder.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};
use tera::Tera;
use walkdir::WalkDir;

use crate::diagnostic::{Diagnostic, Diagnostics};

/// The default theme, as shipped in this binary.
pub static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Loaded templates and the static files to publish.
pub struct Theme {
    pub tera: Tera,
    /// Path under `static/` → bytes.
    pub statics: BTreeMap<PathBuf, Cow<'static, [u8]>>,
}

/// Loads the embedded default theme with the course's overrides on top.
pub fn load(root: &Path, name: &str, diags: &mut Diagnostics) -> Option<Theme> {
    let mut templates: BTreeMap<String, (String, Option<PathBuf>)> = BTreeMap::new();
    let mut statics: BTreeMap<PathBuf, Cow<'static, [u8]>> = BTreeMap::new();
    collect_embedded(&DEFAULT_THEME, &mut templates, &mut statics);

    let dir = Path::new("themes").join(name);
    if root.join(&dir).is_dir() {
        for (sub, is_tpl) in [("templates", true), ("static", false)] {
            let base = root.join(&dir).join(sub);
            if !base.is_dir() {
                continue;
            }
            for e in WalkDir::new(&base)
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
            {
                let Ok(inner) = e.path().strip_prefix(&base) else {
                    continue;
                };
                let rel = dir.join(sub).join(inner);
                if is_tpl {
                    match crate::course::load::read_text(root, &rel, diags) {
                        Some(text) => {
                            diags.add_source(&rel, &text);
                            templates.insert(
                                inner.to_string_lossy().replace('\\', "/"),
                                (text, Some(rel)),
                            );
                        }
                        None => continue,
                    }
                } else {
                    match std::fs::read(e.path()) {
                        // A copy identical to the built-in file is not an override.
                        Ok(bytes)
                            if statics.get(inner).is_some_and(|b| {
                                matches!(b, Cow::Borrowed(_)) && **b == *bytes
                            }) => {}
                        Ok(bytes) => {
                            statics.insert(inner.to_path_buf(), Cow::Owned(bytes));
                        }
                        Err(err) => diags.push(Diagnostic::error(
                            "unreadable-file",
                            &rel,
                            format!("cannot read theme file: {err}"),
                        )),
                    }
                }
            }
        }
    } else if name != "default" {
        diags.push(
            Diagnostic::error("missing-theme", "site.yaml", format!("theme `{name}` not found: there is no folder themes/{name}/"))
                .hint("create the folder with the templates or static files you override, or use `theme: default`"),
        );
        return None;
    }

    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html"]);
    // Tera's default also escapes `/`, which makes every relative URL unreadable.
    tera.set_escape_fn(crate::markdown::escape);
    // Add one by one so a broken override is named precisely.
    let mut ok = true;
    let all: Vec<(String, String)> = templates
        .iter()
        .map(|(n, (t, _))| (n.clone(), t.clone()))
        .collect();
    if let Err(e) = tera.add_raw_templates(all) {
        ok = false;
        let msg = error_chain(&e);
        let culprit = templates
            .iter()
            .find(|(n, _)| msg.contains(n.as_str()))
            .and_then(|(_, (_, p))| p.clone());
        let file = culprit.unwrap_or_else(|| dir.join("templates"));
        diags.push(Diagnostic::error("template-error", file, format!("template does not compile: {msg}")).hint("fix the Tera syntax ({{ value }}, {% if %}...{% endif %}); compare with the default theme's template of the same name"));
    }
    // Pages load the theme's CSS and JS on every visit: publish the built-in ones without
    // comments and indentation (the readable sources are in themes/default/). A course's
    // own override files are published exactly as written.
    for (path, bytes) in statics
        .iter_mut()
        .filter(|(_, b)| matches!(b, Cow::Borrowed(_)))
    {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if let (Some(min), Ok(text)) = (
            match ext {
                "css" => Some(minify_css as fn(&str) -> String),
                "js" => Some(minify_js as fn(&str) -> String),
                _ => None,
            },
            std::str::from_utf8(bytes),
        ) {
            *bytes = Cow::Owned(min(text).into_bytes());
        }
    }
    ok.then_some(Theme { tera, statics })
}

/// CSS without comments and with whitespace collapsed (never inside strings).
pub fn minify_css(css: &str) -> String {
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
pub fn minify_js(js: &str) -> String {
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

fn collect_embedded(
    dir: &'static Dir<'static>,
    templates: &mut BTreeMap<String, (String, Option<PathBuf>)>,
    statics: &mut BTreeMap<PathBuf, Cow<'static, [u8]>>,
) {
    for f in dir.files() {
        let path = f.path();
        if let Ok(t) = path.strip_prefix("templates") {
            if let Some(text) = f.contents_utf8() {
                templates.insert(
                    t.to_string_lossy().replace('\\', "/"),
                    (text.to_string(), None),
                );
            }
        } else if let Ok(s) = path.strip_prefix("static") {
            statics.insert(s.to_path_buf(), Cow::Borrowed(f.contents()));
        }
    }
    for d in dir.dirs() {
        collect_embedded(d, templates, statics);
    }
}

/// A Tera error with its causes, on one line.
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut src = e.source();
    while let Some(c) = src {
        s.push_str(": ");
        s.push_str(&c.to_string());
        src = c.source();
    }
    s
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
