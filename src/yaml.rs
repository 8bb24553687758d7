//! YAML reading with positions: typed deserialisation (serde_yaml_ng) whose errors become
//! diagnostics with "did you mean" hints, and a [`Locator`] that maps a path such as
//! `questions.2.options` to its line and column so later checks can point at a node.

use std::collections::HashMap;
use std::path::Path;

use serde::de::DeserializeOwned;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

use crate::diagnostic::{did_you_mean, offset_of, Diagnostic};

/// Parses `text` (a YAML document that starts at `line_offset` lines into `file_text`)
/// into `T`. On failure returns a diagnostic pointing into `file_text`.
pub fn parse<T: DeserializeOwned>(
    file: &Path,
    file_text: &str,
    text: &str,
    line_offset: usize,
    what: &str,
) -> Result<T, Box<Diagnostic>> {
    serde_yaml_ng::from_str::<T>(text)
        .map_err(|e| Box::new(to_diagnostic(&e, file, file_text, line_offset, what)))
}

/// Turns a serde_yaml_ng error into a diagnostic with position and fix.
fn to_diagnostic(
    e: &serde_yaml_ng::Error,
    file: &Path,
    file_text: &str,
    line_offset: usize,
    what: &str,
) -> Diagnostic {
    let raw = e.to_string();
    // The library appends " at line L column C"; we show position separately.
    let message = match raw.find(" at line ") {
        Some(i) => raw[..i].to_string(),
        None => raw.clone(),
    };
    // Errors inside nested data start with their path, e.g. "questions[0].type: ...".
    let (path, message) = split_path(&message);
    let (code, mut msg, hint) = explain(message, what);
    if let Some(p) = path {
        msg.push_str(&format!(" (at `{p}`)"));
    }
    let d = Diagnostic::error(code, file, msg);
    let d = match e.location() {
        Some(loc) => d.at_line_col(file_text, loc.line() + line_offset, loc.column()),
        None => {
            // No location: point at the start of the document.
            let start = offset_of(file_text, line_offset + 1, 1);
            d.at(file_text, start, start)
        }
    };
    match hint {
        Some(h) => d.hint(h),
        None => d,
    }
}

/// Splits a leading data path ("questions[0].type: rest") from a serde message.
fn split_path(message: &str) -> (Option<&str>, &str) {
    if let Some((head, rest)) = message.split_once(": ") {
        let looks_like_path = !head.is_empty()
            && !head.contains(' ')
            && head
                .chars()
                .all(|c| c.is_alphanumeric() || "_.[]-".contains(c));
        if looks_like_path {
            let head = head.trim_start_matches('.');
            return ((!head.is_empty()).then_some(head), rest);
        }
    }
    (None, message)
}

/// Rewrites serde's wording into a message and a hint a trainer can act on.
fn explain(message: &str, what: &str) -> (&'static str, String, Option<String>) {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (field, expected) = split_expected(rest);
        let hint = match did_you_mean(&field, expected.iter().map(String::as_str)) {
            Some(best) => format!(
                "did you mean `{best}`? The fields {what} can have are: {}",
                expected.join(", ")
            ),
            None => format!(
                "remove it; the fields {what} can have are: {}",
                expected.join(", ")
            ),
        };
        return (
            "unknown-field",
            format!("unknown field `{field}` in {what}"),
            Some(hint),
        );
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let (value, expected) = split_expected(rest);
        let hint = match did_you_mean(&value, expected.iter().map(String::as_str)) {
            Some(best) => format!(
                "did you mean `{best}`? Allowed values: {}",
                expected.join(", ")
            ),
            None => format!("use one of: {}", expected.join(", ")),
        };
        return (
            "unknown-value",
            format!("`{value}` is not an allowed value here"),
            Some(hint),
        );
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or(rest).to_string();
        return (
            "missing-field",
            format!("{what} is missing the required field `{field}`"),
            Some(format!("add a line `{field}: ...`")),
        );
    }
    if message.contains("invalid type") {
        // Name our internal types the way the README describes the files.
        let message = message
            .replace("struct RawQuiz", "a map with `questions:`")
            .replace("struct RawQuestion", "a question (id, type, prompt, ...)")
            .replace("struct RawOption", "an option (text, correct, feedback)")
            .replace("struct RawFrontMatter", "front-matter fields (title: ...)")
            .replace(
                "struct RawTerm",
                "a glossary entry (id, term, category, definition)",
            )
            .replace("struct SiteConfig", "course settings (title: ...)");
        return (
            "wrong-type",
            format!("{message} in {what}"),
            Some("check the value's type: text, a number, true/false, a list (`- item`) or a map (`key: value`); quote text that contains `: ` or starts with a symbol".into()),
        );
    }
    (
        "yaml-syntax",
        format!("{what} is not valid YAML: {message}"),
        Some("check indentation (spaces, not tabs), that each `key: value` has a space after the colon, and quote text that contains `: ` or `#`".into()),
    )
}

/// Splits "name`, expected one of `a`, `b`" into ("name", ["a", "b"]).
fn split_expected(rest: &str) -> (String, Vec<String>) {
    let mut parts = rest.splitn(2, '`');
    let name = parts.next().unwrap_or("").to_string();
    let tail = parts.next().unwrap_or("");
    let expected = tail
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect();
    (name, expected)
}

/// Positions (1-based line, 1-based column) of every node in a YAML document, by path.
///
/// Paths join map keys and sequence indexes with dots: `questions.0.options.1.correct`.
/// For map entries the position is that of the key, which is what an editor user looks for.
#[derive(Debug)]
pub struct Locator<'a> {
    text: &'a str,
    line_offset: usize,
    // Parsed on first use: most files have no problem to point at.
    positions: std::cell::OnceCell<HashMap<String, (usize, usize)>>,
}

impl<'a> Locator<'a> {
    /// Indexes `text`, whose first line is line `line_offset + 1` of its file.
    pub fn new(text: &'a str, line_offset: usize) -> Self {
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
            let mut parser = Parser::new_from_str(self.text);
            // A syntax error has already been reported by the typed parse; keep what we have.
            let _ = parser.load(&mut rx, false);
            rx.positions
        })
    }

    /// Position of `path`, or of its nearest ancestor that has one.
    pub fn find(&self, path: &str) -> Option<(usize, usize)> {
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

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct T {
        title: String,
        order: u32,
    }

    #[test]
    fn unknown_field_gets_position_and_suggestion() {
        let text = "title: x\nordr: 2\n";
        let d = parse::<T>(Path::new("a.yaml"), text, text, 0, "a module").unwrap_err();
        assert_eq!(d.code, "unknown-field");
        assert_eq!((d.line, d.column), (2, 1));
        assert!(
            d.hint.as_deref().unwrap().contains("did you mean `order`?"),
            "{:?}",
            d.hint
        );
    }

    #[test]
    fn syntax_error_has_position() {
        let text = "title: \"unclosed\norder: 2\n";
        let d = parse::<T>(Path::new("a.yaml"), text, text, 0, "a module").unwrap_err();
        assert_eq!(d.code, "yaml-syntax");
        assert!(d.line >= 2, "{d:?}");
    }

    #[test]
    fn missing_field_is_named() {
        let text = "title: x\n";
        let d = parse::<T>(Path::new("a.yaml"), text, text, 0, "a module").unwrap_err();
        assert_eq!(d.code, "missing-field");
        assert!(d.message.contains("`order`"));
    }
}
