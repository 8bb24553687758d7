//! Placeholders still to fill in: every `[[replace: …]]` in a module, a page or
//! site.yaml is a warning (an error with `--strict`).

use std::path::Path;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::{Course, CONFIG_FILE};
use crate::util::placeholder;

/// Lists every placeholder of site.yaml.
pub(super) fn check_config(course: &Course, diags: &mut Diagnostics) {
    check_file(Path::new(CONFIG_FILE), &course.config_text, diags);
}

/// Lists every placeholder of one module or page.
pub(super) fn check_file(file: &Path, text: &str, diags: &mut Diagnostics) {
    let found = placeholder::find(text);
    if found.is_empty() {
        return;
    }
    diags.add_source(file, text);
    for p in found {
        let d = Diagnostic::warning("placeholder", file, format!("to fill in: {}", p.what))
            .hint("replace the whole `[[replace: …]]` with your organisation's own text")
            .at(text, p.start, p.end);
        diags.push(d);
    }
}
