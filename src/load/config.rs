//! `site.yaml`: the course-wide settings.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::yaml::{self, Locator};
use crate::diagnostic::Diagnostics;

#[path = "config_check.rs"]
mod check;

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
    /// The address the site will be published at (`https://…/`), for full links on the
    /// certificate.
    #[serde(default)]
    pub base_url: Option<String>,
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
    /// What the search box finds.
    #[serde(default)]
    pub search: SearchSettings,
}

/// Search settings.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SearchSettings {
    /// Whether module quiz explanations are searchable (off by default: they give answers
    /// away).
    #[serde(default)]
    pub quiz_explanations: bool,
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
    /// How each attempt draws: `module` spreads the questions evenly across the modules
    /// the pool's questions name; without it, at random from the whole pool.
    #[serde(default)]
    pub spread: Option<Spread>,
}

/// How the final assessment spreads its draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Spread {
    /// Round-robin over the modules the pool names, in course order.
    Module,
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
    /// How long a certificate is valid, e.g. `1 year`, `24 months`.
    #[serde(default)]
    pub valid_for: Option<String>,
    /// A statement the learner must confirm before the certificate is made.
    #[serde(default)]
    pub attestation: Option<String>,
    /// Hours printed on the certificate: `auto` (the required modules' minutes) or a number.
    #[serde(default)]
    pub hours: Option<Hours>,
    /// Whether the certificate lists the modules covered.
    #[serde(default)]
    pub topics: bool,
}

/// The certificate's hours.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, Serialize)]
#[serde(untagged)]
pub enum Hours {
    /// A number of hours.
    Number(f64),
    /// `auto`: the sum of the required modules' minutes.
    Auto(AutoHours),
}

/// The word `auto`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AutoHours {
    Auto,
}

impl Default for Certificate {
    fn default() -> Self {
        Certificate {
            title: default_cert_title(),
            statement: default_cert_statement(),
            signatory: None,
            valid_for: None,
            attestation: None,
            hours: None,
            topics: false,
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
    /// The organisation's own contacts, shown first ("At your organisation").
    #[serde(default)]
    pub internal: Vec<Contact>,
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
pub(crate) fn load(file: &Path, text: &str, diags: &mut Diagnostics) -> Option<SiteConfig> {
    let config: SiteConfig = match yaml::parse(file, text, text, 0, "site.yaml") {
        Ok(c) => c,
        Err(d) => {
            diags.push(*d);
            return None;
        }
    };
    let mut v = check::Validator {
        file,
        text,
        loc: Locator::new(text, 0),
        diags,
        ok: true,
    };
    v.id(&config.id);
    v.pass_marks(&config);
    v.quick_exit_url(&config.quick_exit_url);
    v.theme(&config.theme);
    v.colours(&config.colours);
    v.language(&config.language);
    for (list, contacts) in [
        ("hotline.contacts", &config.hotline.contacts),
        ("hotline.internal", &config.hotline.internal),
    ] {
        v.contacts(list, contacts);
    }
    v.certificate(&config.certificate);
    if let Some(url) = &config.base_url {
        if !url.starts_with("https://") && !url.starts_with("http://") {
            v.error("base_url", "bad-base-url", format!("base_url `{url}` is not a web address"), "give the full address the site is published at, e.g. `base_url: https://training.example.org/trafficking/`");
        }
    }
    if let Some(f) = &config.final_assessment {
        if f.questions == 0 {
            v.error(
                "final_assessment.questions",
                "bad-final",
                "the final assessment must draw at least one question".into(),
                "e.g. `questions: 20`",
            );
        }
    }
    v.ok.then_some(config)
}

/// A stand-in so later checks can run when site.yaml failed; never published.
pub(crate) fn placeholder() -> SiteConfig {
    SiteConfig {
        title: String::new(),
        id: "x".into(),
        version: String::new(),
        organisation: String::new(),
        description: None,
        language: default_language(),
        pass_mark: default_pass_mark(),
        theme: default_theme(),
        quick_exit_url: String::new(),
        base_url: None,
        logo: None,
        colours: Colours::default(),
        final_assessment: None,
        certificate: Certificate::default(),
        hotline: Hotline {
            title: String::new(),
            text: None,
            contacts: Vec::new(),
            internal: Vec::new(),
        },
        search: SearchSettings::default(),
    }
}

/// The months in a period such as `1 year`, `24 months`, `2 years`.
pub(crate) fn valid_for_months(period: &str) -> Option<u32> {
    let mut words = period.split_whitespace();
    let n: u32 = words.next()?.parse().ok()?;
    let unit = words.next()?.to_ascii_lowercase();
    if words.next().is_some() || n == 0 || n > 1200 {
        return None;
    }
    match unit.as_str() {
        "year" | "years" => Some(n * 12),
        "month" | "months" => Some(n),
        _ => None,
    }
}

#[cfg(test)]
#[path = "config_tests.rs"]
mod tests;
