//! Placeholders still to fill in: every `[[replace: …]]` in a module, a page or
//! site.yaml is a warning (an error with `--strict`).

use std::path::Path;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::{Course, CONFIG_FILE};
use crate::util::placeholder;

/// Lists every placeholder, in file order.
pub(super) fn check(course: &Course, diags: &mut Diagnostics) {
    let files = std::iter::once((Path::new(CONFIG_FILE), course.config_text.as_str()))
        .chain(
            course
                .modules
                .iter()
                .map(|m| (m.source.as_path(), m.text.as_str())),
        )
        .chain(
            course
                .pages
                .iter()
                .map(|p| (p.source.as_path(), p.text.as_str())),
        );
    for (file, text) in files {
        let found = placeholder::find(text);
        if found.is_empty() {
            continue;
        }
        diags.add_source(file, text);
        for p in found {
            let d = Diagnostic::warning("placeholder", file, format!("to fill in: {}", p.what))
                .hint("replace the whole `[[replace: …]]` with your organisation's own text")
                .at(text, p.start, p.end);
            diags.push(d);
        }
    }
}
