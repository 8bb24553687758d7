//! Where each node of a YAML document is, so checks after parsing can point at it.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, MarkedEventReceiver};
use yaml_rust2::scanner::Marker;

use crate::diagnostic::Diagnostic;

/// Positions (1-based line, 1-based column) of every node in a YAML document, by path.
///
/// Paths join map keys and sequence indexes with dots: `questions.0.options.1.correct`.
/// For map entries the position is that of the key, which is what an editor user looks for.
#[derive(Debug)]
pub(crate) struct Locator<'a> {
    text: &'a str,
    line_offset: usize,
    // Parsed on first use: most files have no problem to point at.
    positions: std::cell::OnceCell<HashMap<String, (usize, usize)>>,
}

impl<'a> Locator<'a> {
    /// Indexes `text`, whose first line is line `line_offset + 1` of its file.
    pub(crate) fn new(text: &'a str, line_offset: usize) -> Self {
        Locator {
            text,
            line_offset,
            positions: std::cell::OnceCell::new(),
        }
    }

    fn positions(&self) -> &HashMap<String, (usize, usize)> {
        self.positions.get_or_init(|| {
            let mut rx = Receiver {
                line_offset: self.line_offset,
                ..Default::default()
            };
            // A syntax error has already been reported by the typed parse; keep what we have.
            super::feed(self.text, &mut rx, |_| false);
            rx.positions
        })
    }

    /// Points `d` at the node `path` (or its nearest ancestor) in `file_text`, the whole
    /// file this document is part of; leaves it unplaced when nothing matches.
    pub(crate) fn place(&self, file_text: &str, path: &str, d: Diagnostic) -> Diagnostic {
        match self.find(path) {
            Some((l, c)) => d.at_line_col(file_text, l, c),
            None => d,
        }
    }

    /// Whether the document has a node at exactly `path` (a key given, even with no value).
    pub(crate) fn has(&self, path: &str) -> bool {
        self.positions().contains_key(path)
    }

    /// Position of `path`, or of its nearest ancestor that has one.
    pub(crate) fn find(&self, path: &str) -> Option<(usize, usize)> {
        let positions = self.positions();
        let mut p = path;
        loop {
            if let Some(pos) = positions.get(p) {
                return Some(*pos);
            }
            match p.rfind('.') {
                Some(i) => p = &p[..i],
                None => return positions.get("").copied(),
            }
        }
    }
}

#[derive(Default)]
struct Receiver {
    line_offset: usize,
    stack: Vec<Frame>,
    path: Vec<String>,
    positions: HashMap<String, (usize, usize)>,
}

enum Frame {
    /// `item_pending`: this map is a sequence item whose position is not yet recorded.
    Map {
        key: Option<String>,
        item_pending: bool,
    },
    Seq {
        index: usize,
    },
}

impl Receiver {
    fn pos(&self, m: &Marker) -> (usize, usize) {
        (m.line() + self.line_offset, m.col() + 1)
    }

    fn record(&mut self, segment: Option<String>, pos: (usize, usize)) {
        let mut key = self.path.join(".");
        if let Some(s) = segment {
            if !key.is_empty() {
                key.push('.');
            }
            key.push_str(&s);
        }
        self.positions.entry(key).or_insert(pos);
    }

    /// Path segment for a value about to start in the current container.
    fn value_segment(&self) -> Option<String> {
        match self.stack.last() {
            Some(Frame::Map { key, .. }) => key.clone(),
            Some(Frame::Seq { index }) => Some(index.to_string()),
            None => None,
        }
    }

    /// After a value completes, move the container on.
    fn value_done(&mut self) {
        match self.stack.last_mut() {
            Some(Frame::Map { key, .. }) => *key = None,
            Some(Frame::Seq { index }) => *index += 1,
            None => {}
        }
    }
}

impl MarkedEventReceiver for Receiver {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        let pos = self.pos(&mark);
        // A scalar in key position of a map is a key, not a value.
        if let (Event::Scalar(s, ..), Some(Frame::Map { key: None, .. })) = (&ev, self.stack.last())
        {
            let s = s.clone();
            // A map that is a sequence item is located at its first key: the parser's
            // mark for the map itself can lie past that key.
            if let Some(Frame::Map {
                item_pending: true, ..
            }) = self.stack.last()
            {
                let item = self.path.join(".");
                self.positions.entry(item).or_insert(pos);
            }
            self.record(Some(s.clone()), pos);
            if let Some(Frame::Map { key, item_pending }) = self.stack.last_mut() {
                *key = Some(s);
                *item_pending = false;
            }
            return;
        }
        match ev {
            Event::Scalar(..) | Event::Alias(_) => {
                let seg = self.value_segment();
                if matches!(self.stack.last(), Some(Frame::Seq { .. })) {
                    self.record(seg, pos);
                }
                self.value_done();
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let seg = self.value_segment();
                let in_seq = matches!(self.stack.last(), Some(Frame::Seq { .. }));
                let is_map = matches!(ev, Event::MappingStart(..));
                if self.stack.is_empty() || (in_seq && !is_map) {
                    self.record(seg.clone(), pos);
                }
                if let Some(s) = seg {
                    self.path.push(s);
                } else if !self.stack.is_empty() {
                    self.path.push(String::new());
                }
                self.stack.push(if is_map {
                    Frame::Map {
                        key: None,
                        item_pending: in_seq,
                    }
                } else {
                    Frame::Seq { index: 0 }
                });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
                if !self.stack.is_empty() {
                    self.path.pop();
                }
                self.value_done();
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locator_finds_keys_and_items() {
        let text = "title: Quiz\nquestions:\n  - id: a\n    options:\n      - text: x\n      - text: y\n        correct: true\n";
        let loc = Locator::new(text, 0);
        assert_eq!(loc.find("title"), Some((1, 1)));
        assert_eq!(loc.find("questions.0"), Some((3, 5)));
        assert_eq!(loc.find("questions.0.id"), Some((3, 5)));
        assert_eq!(loc.find("questions.0.options.1"), Some((6, 9)));
        assert_eq!(loc.find("questions.0.options.1.correct"), Some((7, 9)));
        // Unknown child falls back to the nearest ancestor.
        assert_eq!(loc.find("questions.0.options.1.nope"), Some((6, 9)));
    }

    #[test]
    fn locator_applies_line_offset() {
        let loc = Locator::new("a: 1\nb: 2\n", 3);
        assert_eq!(loc.find("b"), Some((5, 1)));
    }
}
