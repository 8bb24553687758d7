//! A bound on the work a YAML file can ask for. Aliases make a small file expand into a
//! huge document ("billion laughs": a 130 KB quiz became a million options); before the
//! typed parse, the document is walked once and its size after expanding every alias is
//! counted, stopping at [`MAX_NODES`].

use std::collections::HashMap;
use std::path::Path;

use yaml_rust2::parser::{Event, MarkedEventReceiver};
use yaml_rust2::scanner::Marker;

use crate::diagnostic::{offset_of, Diagnostic};

/// Nodes a document may have once its aliases are expanded: far beyond any course file
/// (the default course's 44-question pool has about 1,500).
pub(crate) const MAX_NODES: usize = 200_000;

/// An error when `text` (part of `file_text`, starting `line_offset` lines in) expands
/// beyond [`MAX_NODES`]. Syntax errors are left to the typed parse.
pub(super) fn check(
    file: &Path,
    file_text: &str,
    text: &str,
    line_offset: usize,
    what: &str,
) -> Result<(), Box<Diagnostic>> {
    if let Some(at) = too_deep(text) {
        let base = (text.as_ptr() as usize).wrapping_sub(file_text.as_ptr() as usize);
        let at = if base <= file_text.len() {
            base + at
        } else {
            at
        };
        return Err(Box::new(
            Diagnostic::error("yaml-too-deep", file, format!("{what} nests more than {MAX_DEPTH} `[` or `{{` collections inside each other"))
                .at(file_text, at, at + 1)
                .hint("a course file never needs such nesting; look for stray `[` or `{` (quote text that starts with one)"),
        ));
    }
    // Without aliases the size is the text's own: nothing to bound.
    if !text.contains('*') {
        return Ok(());
    }
    let mut counter = Counter::default();
    super::feed(text, &mut counter, |c| c.over.is_some());
    let Some(mark) = counter.over else {
        return Ok(());
    };
    let at = offset_of(file_text, mark.0 + line_offset, mark.1);
    Err(Box::new(Diagnostic::error(
        "yaml-too-large",
        file,
        format!("{what} expands to more than {MAX_NODES} YAML nodes through its aliases (`*name`)"),
    )
    .at(file_text, at, at + 1)
    .hint("repeat the text instead of nesting aliases of aliases; a course file never needs this many values")))
}

/// Flow collections (`[`, `{`) nested deeper than this are refused before parsing: the
/// YAML scanner's time grows with the square of the depth.
pub(crate) const MAX_DEPTH: usize = 256;

/// The byte offset where flow nesting goes past [`MAX_DEPTH`], if it does. Quoted text and
/// comments are skipped; the count is deliberately simple (it may overcount, never under).
fn too_deep(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(i);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            q @ (b'"' | b'\'') => {
                // Skip to the closing quote on the same line.
                let end = b[i + 1..].iter().position(|&c| c == q || c == b'\n');
                i += end.map_or(b.len() - i, |e| e + 1);
            }
            b'#' if i == 0 || b[i - 1].is_ascii_whitespace() => {
                let end = b[i..].iter().position(|&c| c == b'\n');
                i += end.unwrap_or(b.len() - i);
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// Counts nodes with aliases expanded; remembers where the budget ran out.
#[derive(Default)]
struct Counter {
    total: usize,
    /// Size of each anchored node, by anchor id.
    anchored: HashMap<usize, usize>,
    /// Open collections: (anchor id, total when it started).
    open: Vec<(usize, usize)>,
    /// (line, column) of the event that went over the budget.
    over: Option<(usize, usize)>,
}

impl MarkedEventReceiver for Counter {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        if self.over.is_some() {
            return;
        }
        match ev {
            Event::Scalar(_, _, anchor, _) => {
                self.total += 1;
                if anchor > 0 {
                    self.anchored.insert(anchor, 1);
                }
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                self.total += 1;
                self.open.push((anchor, self.total - 1));
            }
            Event::SequenceEnd | Event::MappingEnd => {
                if let Some((anchor, start)) = self.open.pop() {
                    if anchor > 0 {
                        self.anchored.insert(anchor, self.total - start);
                    }
                }
            }
            Event::Alias(id) => {
                self.total = self
                    .total
                    .saturating_add(*self.anchored.get(&id).unwrap_or(&1));
            }
            _ => {}
        }
        if self.total > MAX_NODES {
            self.over = Some((mark.line(), mark.col() + 1));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bomb(levels: usize) -> String {
        let mut s = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..levels {
            s.push_str(&format!("a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n", p = i - 1));
        }
        s
    }

    #[test]
    fn an_alias_bomb_is_stopped_where_it_goes_over() {
        let text = bomb(9);
        let d = check(Path::new("q.yaml"), &text, &text, 0, "a quiz").unwrap_err();
        assert_eq!(d.code, "yaml-too-large");
        assert!(d.line >= 5 && d.line <= 9, "{d:?}");
    }

    #[test]
    fn deep_flow_nesting_is_refused_before_parsing() {
        let text = format!("title: {}x{}\n", "{a: ".repeat(40_000), "}".repeat(40_000));
        let start = std::time::Instant::now();
        let d = check(Path::new("q.yaml"), &text, &text, 0, "a quiz").unwrap_err();
        assert_eq!(d.code, "yaml-too-deep");
        assert!(start.elapsed() < std::time::Duration::from_secs(1));
        let fine = "a: [[1, 2], {b: [3]}]\nc: \"[[[[[[\"\n";
        assert!(check(Path::new("q.yaml"), fine, fine, 0, "a quiz").is_ok());
    }

    #[test]
    fn deep_block_nesting_with_an_alias_does_not_overflow_the_stack() {
        // Walked on a thread with a small stack: a recursive walk would overflow it.
        let text = format!("a: &a x\nb:\n{}*a\n", "- ".repeat(20_000));
        let r = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || check(Path::new("q.yaml"), &text, &text, 0, "a quiz").is_ok())
            .unwrap()
            .join();
        assert!(r.is_ok(), "no stack overflow");
    }

    #[test]
    fn ordinary_anchors_are_fine() {
        let text = bomb(3);
        assert!(check(Path::new("q.yaml"), &text, &text, 0, "a quiz").is_ok());
        let plain = "a: 1\nb: [2, 3]\n";
        assert!(check(Path::new("q.yaml"), plain, plain, 0, "a quiz").is_ok());
    }
}
