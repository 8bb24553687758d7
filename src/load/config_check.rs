//! The checks of `site.yaml` that serde cannot make, each problem pointed at its key.

use std::path::Path;

use super::*;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::yaml::Locator;

/// Checks the values serde cannot, each problem pointed at its key in site.yaml.
pub(super) struct Validator<'a> {
    pub(super) file: &'a Path,
    pub(super) text: &'a str,
    pub(super) loc: Locator<'a>,
    pub(super) diags: &'a mut Diagnostics,
    pub(super) ok: bool,
}

impl Validator<'_> {
    pub(super) fn error(&mut self, path: &str, code: &'static str, message: String, hint: &str) {
        let d = Diagnostic::error(code, self.file, message).hint(hint);
        self.diags.push(self.loc.place(self.text, path, d));
        self.ok = false;
    }

    pub(super) fn id(&mut self, id: &str) {
        if !is_name(id) {
            self.error(
                "id",
                "bad-id",
                format!("course id `{id}` must use only a-z, 0-9 and `-`"),
                "it names where progress is saved, e.g. `id: human-trafficking-awareness`",
            );
        }
    }

    pub(super) fn pass_marks(&mut self, config: &SiteConfig) {
        let final_mark = config.final_assessment.as_ref().and_then(|f| f.pass_mark);
        for (path, mark) in [
            ("pass_mark", Some(config.pass_mark)),
            ("final_assessment.pass_mark", final_mark),
        ] {
            if let Some(m) = mark.filter(|&m| m == 0 || m > 100) {
                self.error(
                    path,
                    "bad-pass-mark",
                    format!("pass mark {m} is not a percentage"),
                    "use a number from 1 to 100, e.g. `80`",
                );
            }
        }
    }

    /// A theme is a name, resolved under the course's `themes/`: never a path.
    pub(super) fn theme(&mut self, name: &str) {
        if !is_name(name) {
            self.error("theme", "bad-theme", format!("theme `{name}` is not a theme name"), "a theme is a name (a-z, 0-9, `-`) whose files are in themes/<name>/ in the course folder, e.g. `theme: default`");
        }
    }

    pub(super) fn quick_exit_url(&mut self, url: &str) {
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            self.error(
                "quick_exit_url",
                "bad-quick-exit-url",
                format!("quick_exit_url `{url}` is not a web address"),
                "use a full, neutral address such as `https://www.weather.gov/`",
            );
        }
    }

    pub(super) fn contacts(&mut self, list: &str, contacts: &[Contact]) {
        for (i, c) in contacts.iter().enumerate() {
            let Some(href) = c.href.as_deref() else {
                continue;
            };
            if href.contains(crate::util::placeholder::OPEN) {
                continue; // a placeholder: reported as one
            }
            let allowed = ["tel:", "sms:", "mailto:", "https:"];
            if !allowed
                .iter()
                .any(|p| href.to_ascii_lowercase().starts_with(p))
            {
                self.error(&format!("{list}.{i}.href"), "bad-contact-link", format!("contact link `{href}` is not a phone, text, e-mail or https link"), "use `tel:+18883737888`, `sms:233733`, `mailto:help@example.org` or an `https://` address");
            }
        }
    }

    pub(super) fn certificate(&mut self, c: &Certificate) {
        if let Some(v) = c.valid_for.as_deref() {
            if valid_for_months(v).is_none() {
                self.error(
                    "certificate.valid_for",
                    "bad-valid-for",
                    format!("`valid_for: {v}` is not a period aware understands"),
                    "write a number of years or months, e.g. `1 year`, `18 months`, `2 years`",
                );
            }
        }
        if let Some(Hours::Number(h)) = c.hours {
            if !(h > 0.0 && h <= 1000.0) {
                self.error(
                    "certificate.hours",
                    "bad-hours",
                    format!("`hours: {h}` is not a number of hours"),
                    "write `hours: auto` (the required modules' minutes) or a number such as `1.5`",
                );
            }
        }
    }

    /// A BCP 47 language tag (`en`, `en-US`, `fr-CA`, `zh-Hant`): the pages' `lang`,
    /// which screen readers use to pick a voice.
    pub(super) fn language(&mut self, language: &str) {
        let mut parts = language.split('-');
        let primary = parts.next().unwrap_or("");
        let ok = (2..=3).contains(&primary.len())
            && primary.chars().all(|c| c.is_ascii_alphabetic())
            && parts.all(|p| {
                (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric())
            });
        if !ok {
            self.error(
                "language",
                "bad-language",
                format!("`{language}` is not a language tag"),
                "use a tag such as `en`, `en-US`, `es` or `fr-CA`: screen readers use it to pick their voice",
            );
        }
    }

    pub(super) fn colours(&mut self, colours: &Colours) {
        for (name, value) in [("primary", &colours.primary), ("accent", &colours.accent)] {
            let path = format!("colours.{name}");
            // `primary: #1d4f91` unquoted reads as an empty value: `#` starts a comment.
            if value.is_none() && self.loc.has(&path) {
                self.error(
                    &path,
                    "bad-colour",
                    format!("`colours.{name}` is empty, so the theme's colour is used"),
                    "quote the colour: `\"#1d4f91\"` (unquoted, `#` starts a YAML comment); or remove the line",
                );
            }
            if let Some(v) = value.as_deref().filter(|v| !is_hex_colour(v)) {
                self.error(
                    &format!("colours.{name}"),
                    "bad-colour",
                    format!("colour `{v}` is not a hex colour"),
                    "write it as `\"#1d4f91\"` (quoted, since `#` starts a YAML comment)",
                );
            }
        }
    }
}

fn is_hex_colour(v: &str) -> bool {
    let h = v.strip_prefix('#').unwrap_or("");
    (h.len() == 3 || h.len() == 6) && h.chars().all(|c| c.is_ascii_hexdigit())
}

/// A course id or theme name: not empty, only a-z, 0-9 and `-` (stricter than a module
/// or quiz id, [`crate::util::slug::is_id`], which also allows `_`).
fn is_name(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}
