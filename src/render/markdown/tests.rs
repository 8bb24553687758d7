use std::path::PathBuf;

use super::*;

const FRONT: &str = "---\ntitle: Test\n---\n\n";

/// A module `content/01-test.md` with `body` (which starts on line 5).
fn module(body: &str) -> Module {
    Module {
        slug: "test".into(),
        source: PathBuf::from("content/01-test.md"),
        title: "Test".into(),
        order: 1,
        summary: None,
        minutes: None,
        content_note: None,
        quiz: None,
        required: true,
        objectives: Vec::new(),
        takeaways: Vec::new(),
        body_offset: FRONT.len(),
        text: format!("{FRONT}{body}"),
    }
}

/// `body` rendered as module `content/01-test.md`, beside `content/02-next.md`.
pub(crate) fn body(body: &str) -> Body {
    render_full(body).0
}

/// `body`'s HTML and diagnostics.
pub(crate) fn render(body: &str) -> (String, Diagnostics) {
    let (b, d) = render_full(body);
    (b.html, d)
}

fn render_full(body: &str) -> (Body, Diagnostics) {
    let m = module(body);
    let next = PathBuf::from("content/02-next.md");
    let targets = LinkTargets {
        pages: [
            (next.as_path(), ("modules", "next")),
            (m.source.as_path(), ("modules", "test")),
        ]
        .into_iter()
        .collect(),
    };
    render_body((&m).into(), &targets)
}

#[test]
fn inline_markdown_drops_the_paragraph() {
    assert_eq!(render_inline("Call **911**."), "Call <strong>911</strong>.");
    assert_eq!(render_inline("a\n\nb"), "<p>a</p>\n<p>b</p>");
}
