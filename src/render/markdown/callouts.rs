//! Callouts: a block quote whose first line is `[!KIND] optional title` becomes an
//! `<aside class="callout callout-kind">` with a visible title; other quotes stay quotes.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::Lints;
use crate::diagnostic::hint_for;
use crate::util::html::escape;

/// Callout kinds and their display titles.
const CALLOUTS: &[(&str, &str)] = &[
    ("NOTE", "Note"),
    ("TIP", "Tip"),
    ("IMPORTANT", "Important"),
    ("WARNING", "Warning"),
    ("CONTENT-NOTE", "Content note"),
];

/// A recognised callout marker.
struct Marker {
    /// Kind and label, from [`CALLOUTS`].
    kind: &'static (&'static str, &'static str),
    title: Option<String>,
    /// Index of the first event after the marker.
    next: usize,
    /// Whether the paragraph that held the marker goes on (and so must be reopened).
    reopen: bool,
}

type Events<'e> = Vec<(Event<'e>, Range<usize>)>;

/// Replaces callout block quotes with asides (dropping their marker line).
pub(super) fn apply<'e>(events: Events<'e>, lints: &mut Lints) -> Events<'e> {
    let mut out: Events<'e> = Vec::with_capacity(events.len());
    // For each open block quote: is it a callout?
    let mut quotes: Vec<bool> = Vec::new();
    let mut i = 0;
    while i < events.len() {
        let (ev, range) = events[i].clone();
        i += 1;
        match ev {
            Event::Start(Tag::BlockQuote(kind)) => match marker(&events, i, lints) {
                Some(m) => {
                    let label = m.title.unwrap_or_else(|| m.kind.1.to_string());
                    let open = format!(
                        "<aside class=\"callout callout-{}\" aria-label=\"{}\">\n<p class=\"callout-title\">{}</p>\n",
                        m.kind.0.to_ascii_lowercase(),
                        escape(&label),
                        escape(&label)
                    );
                    out.push((Event::Html(CowStr::from(open)), range.clone()));
                    if m.reopen {
                        out.push((Event::Start(Tag::Paragraph), range));
                    }
                    i = m.next;
                    quotes.push(true);
                }
                None => {
                    out.push((Event::Start(Tag::BlockQuote(kind)), range));
                    quotes.push(false);
                }
            },
            Event::End(TagEnd::BlockQuote(kind)) => {
                if quotes.pop() == Some(true) {
                    out.push((Event::Html(CowStr::from("</aside>\n")), range));
                } else {
                    out.push((Event::End(TagEnd::BlockQuote(kind)), range));
                }
            }
            other => out.push((other, range)),
        }
    }
    out
}

/// Recognises `[!KIND] optional title` at the start of the block quote whose first inner
/// event is `events[i]`.
fn marker(events: &[(Event, Range<usize>)], i: usize, lints: &mut Lints) -> Option<Marker> {
    if !matches!(events.get(i), Some((Event::Start(Tag::Paragraph), _))) {
        return None;
    }
    let mut j = i + 1;
    let mut first_line = String::new();
    let start_range = events.get(j).map(|(_, r)| r.clone())?;
    while let Some((Event::Text(t), _)) = events.get(j) {
        first_line.push_str(t);
        j += 1;
    }
    let rest = first_line.trim_start().strip_prefix("[!")?;
    let end = rest.find(']')?;
    let name = rest[..end]
        .trim()
        .to_ascii_uppercase()
        .replace([' ', '_'], "-");
    let title = rest[end + 1..].trim();
    let Some(kind) = CALLOUTS.iter().find(|(k, _)| *k == name) else {
        let names: Vec<&str> = CALLOUTS.iter().map(|(k, _)| *k).collect();
        let hint = hint_for(
            &name,
            names.iter().copied(),
            |b| format!("did you mean `[!{b}]`? Callout kinds: {}", names.join(", ")),
            || format!("callout kinds are: {}", names.join(", ")),
        );
        lints.warning(
            "unknown-callout",
            format!("unknown callout kind `[!{name}]`; shown as a plain quote"),
            &hint,
            &start_range,
        );
        return None;
    };
    let title = (!title.is_empty()).then(|| title.to_string());
    // Skip the marker line; drop the paragraph entirely if it held nothing else.
    let (next, reopen) = match events.get(j) {
        Some((Event::SoftBreak | Event::HardBreak, _)) => (j + 1, true),
        Some((Event::End(TagEnd::Paragraph), _)) => (j + 1, false),
        _ => (j, true),
    };
    Some(Marker {
        kind,
        title,
        next,
        reopen,
    })
}

#[cfg(test)]
mod tests {
    use super::super::tests::render;

    #[test]
    fn a_marked_quote_becomes_a_titled_aside() {
        let (html, diags) = render("> [!WARNING] Stay safe\n> Do not confront anyone.\n");
        assert!(diags.is_empty());
        assert_eq!(
            html,
            "<aside class=\"callout callout-warning\" aria-label=\"Stay safe\">\n<p class=\"callout-title\">Stay safe</p>\n<p>Do not confront anyone.</p>\n</aside>\n"
        );
    }

    #[test]
    fn a_marker_alone_in_its_paragraph_drops_the_paragraph() {
        let (html, _) = render("> [!note]\n>\n> Text.\n");
        assert!(html.starts_with("<aside class=\"callout callout-note\" aria-label=\"Note\">\n<p class=\"callout-title\">Note</p>\n<p>Text.</p>"), "{html}");
    }

    #[test]
    fn an_unknown_kind_is_a_plain_quote_with_a_suggestion() {
        let (html, diags) = render("> [!WARNIGN] x\n");
        assert!(html.starts_with("<blockquote>"), "{html}");
        let d = &diags.items()[0];
        assert_eq!((d.code, d.line), ("unknown-callout", 5));
        assert!(d.hint.as_deref().unwrap().contains("`[!WARNING]`"));
    }

    #[test]
    fn ordinary_quotes_stay_quotes() {
        let (html, diags) = render("> Just a quote.\n");
        assert!(diags.is_empty());
        assert_eq!(html, "<blockquote>\n<p>Just a quote.</p>\n</blockquote>\n");
    }
}
