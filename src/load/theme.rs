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
use crate::util::site_path::site_path;

/// The default theme, as shipped in this binary.
pub(crate) static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Loaded templates and the static files to publish. Built-in static files are borrowed
/// from the binary ([`Cow::Borrowed`]) and a course's overrides owned, so the render stage
/// knows which to minify.
pub(crate) struct Theme {
    pub(crate) tera: Tera,
    /// Path under `static/` → bytes.
    pub(crate) statics: BTreeMap<PathBuf, Cow<'static, [u8]>>,
}

/// Templates by name, with the course file they came from (`None`: built in).
type Templates = BTreeMap<String, (String, Option<PathBuf>)>;
/// Static files by path under `static/`.
type Statics = BTreeMap<PathBuf, Cow<'static, [u8]>>;

/// Loads the embedded default theme with the course's overrides on top.
/// `config_text` is site.yaml's, to point at its `theme:` line.
pub(crate) fn load(
    root: &Path,
    name: &str,
    config_text: &str,
    diags: &mut Diagnostics,
) -> Option<Theme> {
    let mut templates = Templates::new();
    let mut statics = Statics::new();
    collect_embedded(&DEFAULT_THEME, &mut templates, &mut statics);
    let dir = Path::new("themes").join(name);
    if root.join(&dir).is_dir() {
        overrides(root, &dir, "templates", diags, &mut |rel, inner, diags| {
            let text = super::read::read_text(root, &rel, diags)?;
            diags.add_source(&rel, &text);
            templates.insert(site_path(inner), (text, Some(rel)));
            Some(())
        });
        overrides(root, &dir, "static", diags, &mut |rel, inner, diags| {
            match std::fs::read(root.join(&rel)) {
                // A copy identical to the built-in file is not an override.
                Ok(bytes)
                    if statics
                        .get(inner)
                        .is_some_and(|b| matches!(b, Cow::Borrowed(_)) && **b == *bytes) => {}
                Ok(bytes) => {
                    statics.insert(inner.to_path_buf(), Cow::Owned(bytes));
                }
                Err(err) => diags.push(Diagnostic::error(
                    "unreadable-file",
                    &rel,
                    format!("cannot read theme file: {err}"),
                )),
            }
            Some(())
        });
    } else if name != "default" {
        let d = Diagnostic::error("missing-theme", "site.yaml", format!("theme `{name}` not found: there is no folder themes/{name}/"))
            .hint("create the folder with the templates or static files you override, or use `theme: default`");
        let d = super::yaml::Locator::new(config_text, 0).place(config_text, "theme", d);
        if d.span.is_some() {
            diags.add_source(Path::new("site.yaml"), config_text);
        }
        diags.push(d);
        return None;
    }
    let tera = compile(&templates, &dir, diags)?;
    Some(Theme { tera, statics })
}

/// Calls `take(path in the course, path under sub/)` for every file of `dir/sub`.
/// Symbolic links are followed only inside the course; one leading outside is skipped
/// with a warning.
fn overrides(
    root: &Path,
    dir: &Path,
    sub: &str,
    diags: &mut Diagnostics,
    take: &mut dyn FnMut(PathBuf, &Path, &mut Diagnostics) -> Option<()>,
) {
    let base = root.join(dir).join(sub);
    if !base.is_dir() {
        return;
    }
    let real_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    for e in WalkDir::new(&base)
        .follow_links(true)
        .into_iter()
        .filter_map(Result::ok)
    {
        let Ok(inner) = e.path().strip_prefix(&base) else {
            continue;
        };
        if !e.file_type().is_file() {
            continue;
        }
        let rel = dir.join(sub).join(inner);
        // Every file, not only links: a linked folder's files are links' children.
        if !e
            .path()
            .canonicalize()
            .is_ok_and(|p| p.starts_with(&real_root))
        {
            diags.push(
                Diagnostic::warning(
                    "symlink-outside",
                    &rel,
                    "skipped: a symbolic link to a place outside the course folder",
                )
                .hint("copy the file into the course instead of linking to it"),
            );
            continue;
        }
        let _ = take(rel, inner, diags);
    }
}

/// Compiles the templates; a broken one is named precisely.
fn compile(templates: &Templates, dir: &Path, diags: &mut Diagnostics) -> Option<Tera> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html"]);
    // Tera's default also escapes `/`, which makes every relative URL unreadable.
    tera.set_escape_fn(crate::util::html::escape);
    tera.register_filter("fill", crate::util::placeholder::tera_filter);
    let all: Vec<(String, String)> = templates
        .iter()
        .map(|(n, (t, _))| (n.clone(), t.clone()))
        .collect();
    if let Err(e) = tera.add_raw_templates(all) {
        let msg = error_chain(&e);
        let culprit = templates
            .iter()
            .find(|(n, _)| msg.contains(n.as_str()))
            .and_then(|(_, (_, p))| p.clone());
        let file = culprit.unwrap_or_else(|| dir.join("templates"));
        diags.push(Diagnostic::error("template-error", file, format!("template does not compile: {msg}")).hint("fix the Tera syntax ({{ value }}, {% if %}...{% endif %}); compare with the default theme's template of the same name"));
        return None;
    }
    Some(tera)
}

fn collect_embedded(dir: &'static Dir<'static>, templates: &mut Templates, statics: &mut Statics) {
    for f in dir.files() {
        let path = f.path();
        if let Ok(t) = path.strip_prefix("templates") {
            if let Some(text) = f.contents_utf8() {
                templates.insert(site_path(t), (text.to_string(), None));
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
pub(crate) fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut src = e.source();
    while let Some(c) = src {
        s.push_str(": ");
        s.push_str(&c.to_string());
        src = c.source();
    }
    s
}
