//! Byte offsets ↔ 1-based line and character column.

/// 1-based line and 1-based character column of byte `offset` in `source`.
pub(crate) fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(source, offset.min(source.len()));
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let column = source[line_start..offset].chars().count() + 1;
    (line, column)
}

/// Byte offset of a 1-based line and 1-based character column (clamped to the text).
pub(crate) fn offset_of(source: &str, line: usize, column: usize) -> usize {
    let mut start = 0;
    for _ in 1..line.max(1) {
        match source[start..].find('\n') {
            Some(n) => start += n + 1,
            None => return source.len(),
        }
    }
    let line_text = &source[start..];
    let line_end = line_text.find('\n').unwrap_or(line_text.len());
    let mut off = start;
    for (i, (idx, _)) in line_text[..line_end].char_indices().enumerate() {
        if i + 1 == column.max(1) {
            return start + idx;
        }
        off = start + idx;
    }
    if column <= 1 {
        start
    } else {
        (off + 1).min(start + line_end).max(start)
    }
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
    }

    #[test]
    fn offset_of_inverts_line_col() {
        let s = "first\nsécond line\nthird";
        for off in [0, 6, 7, 9, 12] {
            let (l, c) = line_col(s, off);
            assert_eq!(offset_of(s, l, c), off, "offset {off}");
        }
    }
}
