//! Headings: each becomes `<hN id="…">` with a "link to this section" anchor, using the
//! ids the outline gave them.

use std::ops::Range;

use pulldown_cmark::{html, CowStr, Event, Tag, TagEnd};

use super::outline::Heading;
use crate::util::html::escape;

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
    format!(
        "<h{n} id=\"{id}\">{inner_html} <a class=\"heading-anchor\" href=\"#{id}\"><span aria-hidden=\"true\">#</span><span class=\"visually-hidden\">Link to section “{}”</span></a></h{n}>\n",
        escape(&h.title)
    )
}

#[cfg(test)]
mod tests {
    use super::super::tests::body;

    #[test]
    fn headings_get_ids_and_anchor_links() {
        let b = body("## Who is *at* risk?\n");
        assert_eq!(
            b.html,
            "<h2 id=\"who-is-at-risk\">Who is <em>at</em> risk? <a class=\"heading-anchor\" href=\"#who-is-at-risk\"><span aria-hidden=\"true\">#</span><span class=\"visually-hidden\">Link to section “Who is at risk?”</span></a></h2>\n"
        );
    }
}
