//! Headings: each becomes `<hN id="…">`, its text a link to itself (the pattern of MDN's
//! pages: a link to the section to copy or share, with no second copy of the heading's
//! text for screen readers), using the ids the outline gave them. A heading that already
//! holds a link keeps its text as it is (links do not nest); the contents list still
//! links to it.

use std::ops::Range;

use pulldown_cmark::{html, CowStr, Event, Tag, TagEnd};

use super::outline::Heading;

type Events<'e> = Vec<(Event<'e>, Range<usize>)>;

/// Replaces each heading's events with its HTML; `headings` are the outline's, in order.
pub(super) fn apply<'e>(events: Events<'e>, headings: &[Heading]) -> Events<'e> {
    let mut out: Events<'e> = Vec::with_capacity(events.len());
    let mut next = headings.iter();
    let mut start: Option<usize> = None;
    for (ev, range) in events {
        match ev {
            Event::Start(Tag::Heading { .. }) => start = Some(out.len()),
            Event::End(TagEnd::Heading(level)) => match (start.take(), next.next()) {
                (Some(s), Some(h)) => {
                    let inner = out.drain(s..).map(|(e, _)| e);
                    let mut inner_html = String::new();
                    html::push_html(&mut inner_html, inner);
                    out.push((
                        Event::Html(CowStr::from(heading_html(h, &inner_html))),
                        range,
                    ));
                }
                _ => out.push((Event::End(TagEnd::Heading(level)), range)),
            },
            other => out.push((other, range)),
        }
    }
    out
}

fn heading_html(h: &Heading, inner_html: &str) -> String {
    let (n, id) = (h.level, &h.id);
    if inner_html.contains("<a ") {
        format!("<h{n} id=\"{id}\">{inner_html}</h{n}>\n")
    } else {
        format!("<h{n} id=\"{id}\"><a href=\"#{id}\">{inner_html}</a></h{n}>\n")
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::body;

    #[test]
    fn headings_get_ids_and_link_to_themselves() {
        let b = body("## Who is *at* risk?\n");
        assert_eq!(
            b.html,
            "<h2 id=\"who-is-at-risk\"><a href=\"#who-is-at-risk\">Who is <em>at</em> risk?</a></h2>\n"
        );
    }

    #[test]
    fn a_heading_with_a_link_is_not_wrapped_in_another() {
        let b = body("## See [the hotline](https://humantraffickinghotline.org/)\n");
        assert_eq!(
            b.html,
            "<h2 id=\"see-the-hotline\">See <a href=\"https://humantraffickinghotline.org/\">the hotline</a></h2>\n"
        );
    }
}
