//! Tables: wrapped in a focusable region that scrolls sideways on a narrow screen, with
//! their header cells spelled out for screen readers.
//!
//! - column headers are `<th scope="col">`; an empty one (the corner of a grid whose rows
//!   are named in the first column) is an empty `<td>`, never an empty header;
//! - in a table of two or more columns, the first cell of each body row names the row:
//!   `<th scope="row">`;
//! - a column's alignment is a class (`align-left`, `align-center`, `align-right`), not a
//!   `style` attribute, so pages need no inline style (a strict Content-Security-Policy).
//!
//! The table's own tags are written here as HTML; the cells' content stays events, so
//! links, emphasis and glossary terms inside cells are rendered as anywhere else.

use std::ops::Range;

use pulldown_cmark::{Alignment, CowStr, Event, Tag, TagEnd};

type Events<'e> = Vec<(Event<'e>, Range<usize>)>;

/// Rewrites every table's tags (see the module's documentation).
pub(super) fn apply(events: Events) -> Events {
    if !events
        .iter()
        .any(|(e, _)| matches!(e, Event::Start(Tag::Table(_))))
    {
        return events;
    }
    let mut out = Vec::with_capacity(events.len() + 8);
    let mut aligns: Vec<Alignment> = Vec::new();
    let mut in_head = false;
    let mut body_open = false;
    let mut col = 0usize;
    // The tag each open cell closes with.
    let mut cell_end = "</td>";
    let mut iter = events.into_iter().peekable();
    while let Some((ev, range)) = iter.next() {
        let html = |s: String| (Event::Html(CowStr::from(s)), range.clone());
        match ev {
            Event::Start(Tag::Table(a)) => {
                aligns = a;
                body_open = false;
                out.push(html("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Table\">\n<table>\n".into()));
            }
            Event::Start(Tag::TableHead) => {
                in_head = true;
                col = 0;
                out.push(html("<thead><tr>".into()));
            }
            Event::End(TagEnd::TableHead) => {
                in_head = false;
                out.push(html("</tr></thead>\n".into()));
            }
            Event::Start(Tag::TableRow) => {
                col = 0;
                let open = if body_open { "" } else { "<tbody>\n" };
                body_open = true;
                out.push(html(format!("{open}<tr>")));
            }
            Event::End(TagEnd::TableRow) => out.push(html("</tr>\n".into())),
            Event::Start(Tag::TableCell) => {
                let align = match aligns.get(col) {
                    Some(Alignment::Left) => " class=\"align-left\"",
                    Some(Alignment::Center) => " class=\"align-center\"",
                    Some(Alignment::Right) => " class=\"align-right\"",
                    _ => "",
                };
                let empty = matches!(iter.peek(), Some((Event::End(TagEnd::TableCell), _)));
                let (open, end) = if in_head && empty {
                    (format!("<td{align}>"), "</td>")
                } else if in_head {
                    (format!("<th scope=\"col\"{align}>"), "</th>")
                } else if col == 0 && aligns.len() > 1 && !empty {
                    (format!("<th scope=\"row\"{align}>"), "</th>")
                } else {
                    (format!("<td{align}>"), "</td>")
                };
                cell_end = end;
                col += 1;
                out.push(html(open));
            }
            Event::End(TagEnd::TableCell) => out.push(html(cell_end.into())),
            Event::End(TagEnd::Table) => {
                let close = if body_open { "</tbody>\n" } else { "" };
                out.push(html(format!("{close}</table>\n</div>\n")));
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

    #[test]
    fn column_and_row_headers_are_scoped() {
        let b = body("| Term | Meaning |\n|---|---|\n| *Pimp* | A person who [sells](#x) others |\n| Mack | Slang |\n");
        assert!(
            b.html.contains(
                "<thead><tr><th scope=\"col\">Term</th><th scope=\"col\">Meaning</th></tr></thead>"
            ),
            "{}",
            b.html
        );
        assert!(b.html.contains("<tbody>\n<tr><th scope=\"row\"><em>Pimp</em></th><td>A person who <a href=\"#x\">sells</a> others</td></tr>"), "{}", b.html);
        assert!(
            b.html
                .contains("<tr><th scope=\"row\">Mack</th><td>Slang</td></tr>\n</tbody>\n</table>"),
            "{}",
            b.html
        );
    }

    #[test]
    fn an_empty_corner_is_not_a_header_and_a_single_column_has_no_row_headers() {
        let b = body(
            "| | Smuggling | Trafficking |\n|---|---|---|\n| Centers on | Moving | Exploiting |\n",
        );
        assert!(
            b.html
                .contains("<thead><tr><td></td><th scope=\"col\">Smuggling</th>"),
            "{}",
            b.html
        );
        assert!(
            b.html
                .contains("<tr><th scope=\"row\">Centers on</th><td>Moving</td>"),
            "{}",
            b.html
        );
        assert!(
            !b.html.contains("<th></th>") && !b.html.contains("<th scope=\"col\"></th>"),
            "{}",
            b.html
        );
        let one = body("| Steps |\n|---|\n| Notice |\n");
        assert!(
            one.html.contains("<tr><td>Notice</td></tr>"),
            "{}",
            one.html
        );
    }

    #[test]
    fn alignment_is_a_class_not_a_style() {
        let b = body("| Item | Amount |\n|:--|--:|\n| Days | 7 |\n");
        assert!(b.html.contains("<th scope=\"col\" class=\"align-left\">Item</th><th scope=\"col\" class=\"align-right\">Amount</th>"), "{}", b.html);
        assert!(
            b.html.contains(
                "<th scope=\"row\" class=\"align-left\">Days</th><td class=\"align-right\">7</td>"
            ),
            "{}",
            b.html
        );
        assert!(!b.html.contains("style="), "{}", b.html);
    }

    #[test]
    fn a_table_without_body_rows_closes_cleanly() {
        let b = body("| a | b |\n|---|---|\n");
        assert!(
            b.html.contains("</tr></thead>\n</table>\n</div>"),
            "{}",
            b.html
        );
    }
}
