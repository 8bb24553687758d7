//! `site.yaml`: the course-wide settings.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::yaml::{self, Locator};

/// Course-wide settings from `site.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// Course title shown on every page and on the certificate.
    pub title: String,
    /// Stable identifier (lower-case letters, digits, `-`); namespaces saved progress.
    pub id: String,
    /// Course version; a new version starts learners' progress afresh.
    pub version: String,
    /// Organisation that runs the training (shown on the certificate).
    pub organisation: String,
    /// One or two sentences for the home page.
    #[serde(default)]
    pub description: Option<String>,
    /// Page language (BCP 47), e.g. `en` or `en-US`.
    #[serde(default = "default_language")]
    pub language: String,
    /// Percent needed to pass a module quiz, unless the quiz sets its own.
    #[serde(default = "default_pass_mark")]
    pub pass_mark: u8,
    /// Theme name: overrides are read from `themes/<theme>/`.
    #[serde(default = "default_theme")]
    pub theme: String,
    /// Neutral page the quick-exit control leaves for.
    pub quick_exit_url: String,
    /// Logo image, relative to the course folder.
    #[serde(default)]
    pub logo: Option<String>,
    /// Brand colours (CSS hex, e.g. `#1d4f91`).
    #[serde(default)]
    pub colours: Colours,
    /// The final assessment, drawn from a pool quiz.
    #[serde(default)]
    pub final_assessment: Option<FinalAssessment>,
    /// Wording of the certificate.
    #[serde(default)]
    pub certificate: Certificate,
    /// Where to get help, shown on every page.
    pub hotline: Hotline,
}

/// Brand colours.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Colours {
    #[serde(default)]
    pub primary: Option<String>,
    #[serde(default)]
    pub accent: Option<String>,
}

/// Final assessment settings.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FinalAssessment {
    /// Quiz file (in `quizzes/`) that holds the question pool.
    pub quiz: String,
    /// How many questions each attempt draws from the pool.
    pub questions: usize,
    /// Percent needed to pass; defaults to the site pass mark.
    #[serde(default)]
    pub pass_mark: Option<u8>,
    /// Page title.
    #[serde(default = "default_final_title")]
    pub title: String,
}

/// Certificate wording.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Certificate {
    #[serde(default = "default_cert_title")]
    pub title: String,
    /// Sentence between the learner's name and the course title.
    #[serde(default = "default_cert_statement")]
    pub statement: String,
    /// Optional name or role printed at the signature line.
    #[serde(default)]
    pub signatory: Option<String>,
}

impl Default for Certificate {
    fn default() -> Self {
        Certificate {
            title: default_cert_title(),
            statement: default_cert_statement(),
            signatory: None,
        }
    }
}

/// Help block shown on every page.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Hotline {
    pub title: String,
    /// Short text (inline markdown allowed).
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub contacts: Vec<Contact>,
}

/// One way to get help: a phone number, a text number, a web page.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub label: String,
    pub value: String,
    /// Link such as `tel:18883737888` or `sms:233733`.
    #[serde(default)]
    pub href: Option<String>,
}

fn default_language() -> String {
    "en".into()
}
fn default_pass_mark() -> u8 {
    80
}
fn default_theme() -> String {
    "default".into()
}
fn default_final_title() -> String {
    "Final assessment".into()
}
fn default_cert_title() -> String {
    "Certificate of completion".into()
}
fn default_cert_statement() -> String {
    "has successfully completed".into()
}

/// Reads and checks `site.yaml`. Returns `None` (with diagnostics) when it cannot be used.
pub fn load(file: &Path, text: &str, diags: &mut Diagnostics) -> Option<SiteConfig> {
    let config: SiteConfig = match yaml::parse(file, text, text, 0, "site.yaml") {
        Ok(c) => c,
        Err(d) => {
            diags.push(*d);
            return None;
        }
    };
    let loc = Locator::new(text, 0);
    let at = |path: &str, d: Diagnostic| match loc.find(path) {
        Some((l, c)) => d.at_line_col(text, l, c),
        None => d,
    };
    let mut ok = true;
    if config.id.is_empty()
        || !config
            .id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        diags.push(at(
            "id",
            Diagnostic::error(
                "bad-id",
                file,
                format!("course id `{}` must use only a-z, 0-9 and `-`", config.id),
            )
            .hint("it names where progress is saved, e.g. `id: human-trafficking-awareness`"),
        ));
        ok = false;
    }
    for (path, mark) in [
        ("pass_mark", Some(config.pass_mark)),
        (
            "final_assessment.pass_mark",
            config.final_assessment.as_ref().and_then(|f| f.pass_mark),
        ),
    ] {
        if let Some(m) = mark {
            if m == 0 || m > 100 {
                diags.push(at(
                    path,
                    Diagnostic::error(
                        "bad-pass-mark",
                        file,
                        format!("pass mark {m} is not a percentage"),
                    )
                    .hint("use a number from 1 to 100, e.g. `80`"),
                ));
                ok = false;
            }
        }
    }
    if !(config.quick_exit_url.starts_with("https://")
        || config.quick_exit_url.starts_with("http://"))
    {
        diags.push(at(
            "quick_exit_url",
            Diagnostic::error(
                "bad-quick-exit-url",
                file,
                format!(
                    "quick_exit_url `{}` is not a web address",
                    config.quick_exit_url
                ),
            )
            .hint("use a full, neutral address such as `https://www.weather.gov/`"),
        ));
        ok = false;
    }
    for (name, value) in [
        ("primary", &config.colours.primary),
        ("accent", &config.colours.accent),
    ] {
        if let Some(v) = value {
            if !is_hex_colour(v) {
                diags.push(at(
                    &format!("colours.{name}"),
                    Diagnostic::error(
                        "bad-colour",
                        file,
                        format!("colour `{v}` is not a hex colour"),
                    )
                    .hint("write it as `\"#1d4f91\"` (quoted, since `#` starts a YAML comment)"),
                ));
                ok = false;
            }
        }
    }
    if let Some(f) = &config.final_assessment {
        if f.questions == 0 {
            diags.push(at(
                "final_assessment.questions",
                Diagnostic::error(
                    "bad-final",
                    file,
                    "the final assessment must draw at least one question",
                )
                .hint("e.g. `questions: 20`"),
            ));
            ok = false;
        }
    }
    ok.then_some(config)
}

fn is_hex_colour(v: &str) -> bool {
    let h = v.strip_prefix('#').unwrap_or("");
    (h.len() == 3 || h.len() == 6) && h.chars().all(|c| c.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "title: T\nid: t\nversion: '1'\norganisation: O\nquick_exit_url: https://example.org/\nhotline:\n  title: Help\n";

    #[test]
    fn minimal_config_gets_defaults() {
        let mut d = Diagnostics::new();
        let c = load(Path::new("site.yaml"), GOOD, &mut d).expect("loads");
        assert!(d.is_empty());
        assert_eq!(c.pass_mark, 80);
        assert_eq!(c.language, "en");
        assert_eq!(c.theme, "default");
    }

    #[test]
    fn bad_id_and_colour_are_reported_together() {
        let text = format!("{GOOD}colours:\n  primary: blue\n").replace("id: t", "id: My Course");
        let mut d = Diagnostics::new();
        assert!(load(Path::new("site.yaml"), &text, &mut d).is_none());
        let codes: Vec<_> = d.items().iter().map(|x| (x.code, x.line)).collect();
        assert!(codes.contains(&("bad-id", 2)), "{codes:?}");
        assert!(codes.contains(&("bad-colour", 9)), "{codes:?}");
    }
}
