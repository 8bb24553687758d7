//! Excerpts with the query's words marked, for `aware search`.

use super::analyzer;

/// A window of about `width` characters of `text` around the first word whose stem is
/// one of `stems`, with matching words marked (bold on a terminal, «» otherwise).
pub fn excerpt(text: &str, stems: &[String], width: usize, bold: bool) -> String {
    let mut surface = analyzer::surface_analyzer();
    let mut stemmer = analyzer::stem_analyzer();
    // Byte ranges of matching words.
    let mut marks: Vec<(usize, usize)> = Vec::new();
    {
        use tantivy::tokenizer::TokenStream;
        let mut ts = surface.token_stream(text);
        while ts.advance() {
            let t = ts.token();
            if analyzer::stem_of(&t.text, &mut stemmer).is_some_and(|s| stems.contains(&s)) {
                marks.push((t.offset_from, t.offset_to));
            }
        }
    }
    let first = marks.first().map(|m| m.0).unwrap_or(0);
    let mut start = first.saturating_sub(width / 3);
    while start > 0 && !text.is_char_boundary(start) {
        start -= 1;
    }
    if start > 0 {
        start = text[start..]
            .find(' ')
            .map(|i| start + i + 1)
            .unwrap_or(start);
    }
    let mut end = (start + width).min(text.len());
    while end < text.len() && !text.is_char_boundary(end) {
        end += 1;
    }
    if end < text.len() {
        end = text[..end].rfind(' ').filter(|&i| i > start).unwrap_or(end);
    }
    let (open, close) = if bold {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("«", "»")
    };
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let mut pos = start;
    for (s, e) in marks.into_iter().filter(|(s, e)| *s >= start && *e <= end) {
        out.push_str(&text[pos..s]);
        out.push_str(open);
        out.push_str(&text[s..e]);
        out.push_str(close);
        pos = e;
    }
    out.push_str(&text[pos..end]);
    if end < text.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_every_form_of_the_stem() {
        let e = excerpt(
            "Signs in minors: a minor may sign nothing.",
            &["sign".into(), "minor".into()],
            200,
            false,
        );
        assert_eq!(e, "«Signs» in «minors»: a «minor» may «sign» nothing.");
    }
}
