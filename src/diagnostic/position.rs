//! Byte offsets ↔ 1-based line and character column.
//!
//! Positioning a diagnostic must not rescan its file: a file with 20,000 problems would
//! take quadratic time. [`LineIndex`] holds where each line starts; [`line_col`] and
//! [`offset_of`] keep the index of the text they last saw (per thread), so diagnostics
//! pointed one after another into the same file cost a binary search each.

use std::cell::RefCell;
use std::rc::Rc;

/// Where each line of a text starts.
#[derive(Debug)]
pub(crate) struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes `text`.
    pub(crate) fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// 1-based line and character column of byte `offset`.
    pub(crate) fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        (line, text[start..offset].chars().count() + 1)
    }

    /// Byte offset of a 1-based line and character column (clamped to the line).
    pub(crate) fn offset(&self, text: &str, line: usize, column: usize) -> usize {
        let Some(&start) = self.starts.get(line.max(1) - 1) else {
            return text.len();
        };
        let line_text = self.line_at(text, start);
        match line_text.char_indices().nth(column.max(1) - 1) {
            Some((i, _)) => start + i,
            None => start + line_text.len(),
        }
    }

    /// The text of 1-based `line`, without its line ending.
    pub(crate) fn line_text<'t>(&self, text: &'t str, line: usize) -> &'t str {
        match self.starts.get(line.max(1) - 1) {
            Some(&start) => self.line_at(text, start),
            None => "",
        }
    }

    fn line_at<'t>(&self, text: &'t str, start: usize) -> &'t str {
        let rest = &text[start.min(text.len())..];
        let end = rest.find('\n').unwrap_or(rest.len());
        rest[..end].strip_suffix('\r').unwrap_or(&rest[..end])
    }
}

thread_local! {
    /// The index of the text last positioned into: (address, length, index).
    static LAST: RefCell<Option<(usize, usize, Rc<LineIndex>)>> = const { RefCell::new(None) };
}

/// The (cached) index of `source`.
fn index(source: &str) -> Rc<LineIndex> {
    LAST.with(|last| {
        let key = (source.as_ptr() as usize, source.len());
        let mut last = last.borrow_mut();
        if let Some((p, l, i)) = last.as_ref() {
            if (*p, *l) == key {
                return i.clone();
            }
        }
        let i = Rc::new(LineIndex::new(source));
        *last = Some((key.0, key.1, i.clone()));
        i
    })
}

/// 1-based line and 1-based character column of byte `offset` in `source`.
pub(crate) fn line_col(source: &str, offset: usize) -> (usize, usize) {
    index(source).line_col(source, offset)
}

/// Byte offset of a 1-based line and 1-based character column (clamped to the text).
pub(crate) fn offset_of(source: &str, line: usize, column: usize) -> usize {
    index(source).offset(source, line, column)
}

/// The largest char boundary at or before `i`.
pub(crate) fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let s = "ab\ncé d\n";
        assert_eq!(line_col(s, 0), (1, 1));
        assert_eq!(line_col(s, 3), (2, 1));
        let d = s.find('d').unwrap();
        assert_eq!(line_col(s, d), (2, 4));
        assert_eq!(line_col(s, s.len()), (3, 1));
    }

    #[test]
    fn offset_of_inverts_line_col() {
        let s = "first\nsécond line\nthird";
        for off in [0, 6, 7, 9, 12, s.len()] {
            let (l, c) = line_col(s, off);
            assert_eq!(offset_of(s, l, c), off, "offset {off}");
        }
        assert_eq!(offset_of(s, 9, 1), s.len(), "past the end");
        assert_eq!(offset_of(s, 1, 99), 5, "clamped to the line");
    }

    #[test]
    fn many_positions_in_one_big_text_are_fast() {
        let text = "x: 1\n".repeat(200_000);
        let start = std::time::Instant::now();
        for i in 0..20_000 {
            let (l, _) = line_col(&text, i * 50);
            assert_eq!(offset_of(&text, l, 1) % 5, 0);
        }
        assert!(
            start.elapsed() < std::time::Duration::from_secs(2),
            "{:?}",
            start.elapsed()
        );
    }
}
