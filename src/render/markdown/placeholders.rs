//! Fill-in placeholders in markdown: `[[replace: what]]` becomes a marked `<mark>`.
//! pulldown-cmark splits text at brackets, so neighbouring text events are joined first;
//! this pass runs only on documents that contain a placeholder.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event};

use crate::util::placeholder;

type Events<'e> = Vec<(Event<'e>, Range<usize>)>;

/// Joins runs of text and marks the placeholders in them.
pub(super) fn apply(events: Events) -> Events {
    let mut out: Events = Vec::with_capacity(events.len());
    let mut run: Option<(String, Range<usize>)> = None;
    for (ev, range) in events {
        match ev {
            Event::Text(t) => match &mut run {
                Some((s, r)) => {
                    s.push_str(&t);
                    r.end = range.end;
                }
                None => run = Some((t.to_string(), range)),
            },
            other => {
                flush(&mut run, &mut out);
                out.push((other, range));
            }
        }
    }
    flush(&mut run, &mut out);
    out
}

fn flush(run: &mut Option<(String, Range<usize>)>, out: &mut Events) {
    let Some((text, range)) = run.take() else {
        return;
    };
    let found = placeholder::find(&text);
    if found.is_empty() {
        out.push((Event::Text(CowStr::from(text)), range));
        return;
    }
    let mut last = 0;
    for p in &found {
        if p.start > last {
            out.push((
                Event::Text(CowStr::from(text[last..p.start].to_string())),
                range.clone(),
            ));
        }
        out.push((
            Event::Html(CowStr::from(placeholder::html(p.what))),
            range.clone(),
        ));
        last = p.end;
    }
    if last < text.len() {
        out.push((Event::Text(CowStr::from(text[last..].to_string())), range));
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::body;

    #[test]
    fn placeholders_are_marked_in_text() {
        let b = body("Tell [[replace: your security desk]] at once.\n");
        assert_eq!(
            b.html,
            "<p>Tell <mark class=\"placeholder\">[To fill in: your security desk]</mark> at once.</p>\n"
        );
    }
}
