//! Tables: wrapped in a focusable region that scrolls sideways on a narrow screen.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

type Events<'e> = Vec<(Event<'e>, Range<usize>)>;

/// Wraps every table in `<div class="table-wrap" role="region" tabindex="0">`.
pub(super) fn apply(events: Events) -> Events {
    if !events
        .iter()
        .any(|(e, _)| matches!(e, Event::Start(Tag::Table(_))))
    {
        return events;
    }
    let mut out = Vec::with_capacity(events.len() + 4);
    for (ev, range) in events {
        match ev {
            Event::Start(Tag::Table(a)) => {
                out.push((Event::Html(CowStr::from("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Table\">\n")), range.clone()));
                out.push((Event::Start(Tag::Table(a)), range));
            }
            Event::End(TagEnd::Table) => {
                out.push((Event::End(TagEnd::Table), range.clone()));
                out.push((Event::Html(CowStr::from("</div>\n")), range));
            }
            other => out.push((other, range)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::tests::body;

    #[test]
    fn tables_scroll_in_a_labelled_region() {
        let b = body("| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert!(b.html.starts_with("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Table\">\n<table>"), "{}", b.html);
        assert!(b.html.ends_with("</table>\n</div>\n"), "{}", b.html);
    }
}
