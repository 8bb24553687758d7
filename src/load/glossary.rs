//! `content/glossary.yaml`: the course's terms, each with an id modules link to.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;

use super::model::GlossaryTerm;
use super::yaml::{self, Locator};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::util::slug::{is_id, slugify};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTerm {
    id: String,
    term: String,
    #[serde(default)]
    aliases: Vec<String>,
    category: String,
    definition: String,
}

/// Parses and checks the glossary file.
pub(crate) fn parse_glossary(rel: &Path, text: &str, diags: &mut Diagnostics) -> Vec<GlossaryTerm> {
    let raw: Vec<RawTerm> = match yaml::parse(rel, text, text, 0, "a glossary term") {
        Ok(r) => r,
        Err(d) => {
            diags.push(*d);
            return Vec::new();
        }
    };
    let loc = Locator::new(text, 0);
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut terms = Vec::new();
    for (i, t) in raw.into_iter().enumerate() {
        let at = |d: Diagnostic| loc.place(text, &format!("{i}.id"), d);
        if !is_id(&t.id) {
            diags.push(at(Diagnostic::error(
                "bad-term-id",
                rel,
                format!("glossary id `{}` may use only a-z, 0-9, `-` and `_`", t.id),
            )
            .hint(format!("e.g. `id: {}`", slugify(&t.id)))));
            continue;
        }
        if let Some(first) = seen.insert(t.id.clone(), i) {
            diags.push(at(Diagnostic::error(
                "duplicate-term",
                rel,
                format!(
                    "glossary id `{}` is already used by entry {}",
                    t.id,
                    first + 1
                ),
            )
            .hint("give each term its own id, or merge the two entries")));
            continue;
        }
        if t.definition.trim().is_empty() {
            diags.push(at(Diagnostic::error(
                "empty-definition",
                rel,
                format!("glossary term `{}` has no definition", t.id),
            )
            .hint("write one or two sentences in `definition:`")));
            continue;
        }
        terms.push(GlossaryTerm {
            id: t.id,
            term: t.term,
            aliases: t.aliases,
            category: t.category,
            definition: t.definition.trim().to_string(),
        });
    }
    terms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glossary_duplicates_and_bad_ids() {
        let mut d = Diagnostics::new();
        let text = "- id: a\n  term: A\n  category: C\n  definition: D\n- id: a\n  term: A2\n  category: C\n  definition: D\n- id: Bad Id\n  term: B\n  category: C\n  definition: D\n";
        let terms = parse_glossary(Path::new("content/glossary.yaml"), text, &mut d);
        assert_eq!(terms.len(), 1);
        let codes: Vec<_> = d.items().iter().map(|x| (x.code, x.line)).collect();
        assert_eq!(codes, vec![("duplicate-term", 5), ("bad-term-id", 9)]);
    }
}
