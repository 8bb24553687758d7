//! The outline of a module: every heading's id, the "On this page" list, and the body's
//! plain text cut into sections at `##` and `###` headings (what search indexes).

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::{plain_text, Lints, Section, TocEntry, RESERVED_IDS};
use crate::util::slug::slugify;

/// One heading of the page, in order.
pub(super) struct Heading {
    pub(super) level: u8,
    pub(super) id: String,
}

/// A module's outline.
pub(super) struct Outline {
    pub(super) headings: Vec<Heading>,
    pub(super) toc: Vec<TocEntry>,
    pub(super) heading_ids: HashSet<String>,
    pub(super) sections: Vec<Section>,
}

/// Reads the outline from the body's events; warns about a `#` heading in the body and
/// about skipped heading levels.
pub(super) fn read(events: &[(Event, Range<usize>)], title: &str, lints: &mut Lints) -> Outline {
    let mut o = Outline {
        headings: Vec::new(),
        toc: Vec::new(),
        heading_ids: HashSet::new(),
        sections: vec![Section {
            id: None,
            title: title.to_string(),
            level: 1,
            text: String::new(),
        }],
    };
    let mut ids: HashSet<String> = RESERVED_IDS.iter().map(|s| s.to_string()).collect();
    let mut last_level = 1u8;
    let mut open: Option<(usize, Option<String>, Range<usize>)> = None;
    for (i, (ev, range)) in events.iter().enumerate() {
        match ev {
            Event::Start(Tag::Heading { id, .. }) => {
                open = Some((i + 1, id.as_ref().map(|s| s.to_string()), range.clone()));
            }
            Event::End(TagEnd::Heading(level)) => {
                let Some((start, explicit, hrange)) = open.take() else {
                    continue;
                };
                let n = *level as u8;
                lint_level(n, last_level, &hrange, lints);
                last_level = n;
                let text = plain_text(&events[start..i]);
                let explicit = explicit.filter(|id| {
                    let ok = is_heading_id(id);
                    if !ok {
                        lints.error("bad-heading-id", format!("heading id `{{#{id}}}` may use only letters, digits, `-`, `_`, `.` and `:`"), "write a plain id, e.g. `## Who is at risk {#at-risk}`", &hrange);
                    }
                    ok
                });
                let id = unique_id(explicit, &text, &mut ids);
                o.add(n, id, text.trim().to_string());
            }
            Event::Text(t) | Event::Code(t) => o.text(t),
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(TagEnd::Paragraph)
            | Event::End(TagEnd::Item)
            | Event::End(TagEnd::TableCell) => o.text(" "),
            _ => {}
        }
    }
    o
}

impl Outline {
    fn add(&mut self, level: u8, id: String, title: String) {
        self.heading_ids.insert(id.clone());
        if level == 2 || level == 3 {
            self.toc.push(TocEntry {
                level,
                id: id.clone(),
                title: title.clone(),
            });
            self.sections.push(Section {
                id: Some(id.clone()),
                title,
                level,
                text: String::new(),
            });
        }
        self.headings.push(Heading { level, id });
    }

    /// Adds text to the current section (one space between blocks, never two).
    fn text(&mut self, t: &str) {
        if let Some(s) = self.sections.last_mut() {
            if t == " " && (s.text.is_empty() || s.text.ends_with(' ')) {
                return;
            }
            s.text.push_str(t);
        }
    }
}

/// An id that is safe in an attribute and a URL fragment.
fn is_heading_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.:".contains(c))
}

/// The heading's id: `{#explicit}` or its slugged text, made unique on the page.
fn unique_id(explicit: Option<String>, text: &str, ids: &mut HashSet<String>) -> String {
    let base = explicit.filter(|s| !s.is_empty()).unwrap_or_else(|| {
        let s = slugify(text);
        if s.is_empty() {
            "section".into()
        } else {
            s
        }
    });
    let mut id = base.clone();
    let mut k = 2;
    while ids.contains(&id) {
        id = format!("{base}-{k}");
        k += 1;
    }
    ids.insert(id.clone());
    id
}

fn lint_level(n: u8, last: u8, range: &Range<usize>, lints: &mut Lints) {
    if n == 1 {
        lints.warning(
            "h1-in-body",
            "a `#` heading in a module body",
            "the module title is the page's heading; start sections at `##`",
            range,
        );
    } else if n > last + 1 {
        lints.warning(
            "heading-skip",
            format!("heading level jumps from h{last} to h{n}"),
            "screen-reader users navigate by heading level; don't skip levels (use `##` then `###`)",
            range,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::body;

    #[test]
    fn ids_are_unique_and_never_reserved() {
        let b = body("## Quiz\n\n## Signs\n\n## Signs\n\n## Über {#custom}\n");
        let ids: Vec<&str> = b.toc.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["quiz-2", "signs", "signs-2", "custom"]);
    }

    #[test]
    fn sections_split_at_h2_and_h3_only() {
        let b = body("Intro text.\n\n## One\n\nA.\n\n#### Deep\n\nB.\n\n### Two\n\nC.\n");
        let s: Vec<(Option<&str>, &str)> = b
            .sections
            .iter()
            .map(|s| (s.id.as_deref(), s.text.as_str()))
            .collect();
        // A heading's text ends the section before it (kept as it was: search is
        // byte-compatible with earlier builds).
        assert_eq!(
            s,
            [
                (None, "Intro text. One"),
                (Some("one"), "A. DeepB. Two"),
                (Some("two"), "C. ")
            ]
        );
    }

    #[test]
    fn skipped_levels_and_h1_are_reported() {
        let (_, d) = super::super::tests::render("# Big\n\n## Ok\n\n#### Skip\n");
        let codes: Vec<_> = d.items().iter().map(|x| (x.code, x.line)).collect();
        assert_eq!(codes, [("h1-in-body", 5), ("heading-skip", 9)]);
    }
}
