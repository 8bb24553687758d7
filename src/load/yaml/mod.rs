//! YAML reading with positions: typed deserialisation (serde_yaml_ng) whose errors become
//! diagnostics with "did you mean" hints, and a [`Locator`] that maps a path such as
//! `questions.2.options` to its line and column so later checks can point at a node.

mod budget;
mod locator;

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::diagnostic::{did_you_mean, offset_of, Diagnostic};
pub(crate) use locator::Locator;

/// Feeds `text`'s YAML events to `rx` one by one, until the stream ends, a syntax error,
/// or `stop` says so. Unlike yaml_rust2's `Parser::load` this does not recurse, so no
/// nesting depth can overflow the stack.
pub(crate) fn feed<R: yaml_rust2::parser::MarkedEventReceiver>(
    text: &str,
    rx: &mut R,
    stop: impl Fn(&R) -> bool,
) {
    let mut parser = yaml_rust2::parser::Parser::new_from_str(text);
    while let Ok((ev, mark)) = parser.next_token() {
        let end = matches!(ev, yaml_rust2::parser::Event::StreamEnd);
        rx.on_event(ev, mark);
        if end || stop(rx) {
            break;
        }
    }
}

/// Parses `text` (a YAML document that starts at `line_offset` lines into `file_text`)
/// into `T`. On failure returns a diagnostic pointing into `file_text`.
pub(crate) fn parse<T: DeserializeOwned>(
    file: &Path,
    file_text: &str,
    text: &str,
    line_offset: usize,
    what: &str,
) -> Result<T, Box<Diagnostic>> {
    budget::check(file, file_text, text, line_offset, what)?;
    serde_yaml_ng::from_str::<T>(text)
        .map_err(|e| Box::new(to_diagnostic(&e, file, file_text, text, line_offset, what)))
}

/// Turns a serde_yaml_ng error into a diagnostic with position and fix.
fn to_diagnostic(
    e: &serde_yaml_ng::Error,
    file: &Path,
    file_text: &str,
    text: &str,
    line_offset: usize,
    what: &str,
) -> Diagnostic {
    let raw = e.to_string();
    // The library appends " at line L column C" (or, for some scanner errors, " at
    // position N", a byte offset); we show the position separately.
    let mut position = None;
    let message = if let Some(i) = raw.find(" at line ") {
        raw[..i].to_string()
    } else if let Some(i) = raw.rfind(" at position ") {
        position = raw[i + 13..].trim().parse::<usize>().ok();
        raw[..i].to_string()
    } else {
        raw.clone()
    };
    // Errors inside nested data start with their path, e.g. "questions[0].type: ...".
    let (path, message) = split_path(&message);
    let (code, mut msg, hint) = explain(message, what);
    if let Some(p) = path {
        msg.push_str(&format!(" (at `{p}`)"));
    }
    let d = Diagnostic::error(code, file, msg);
    // Where `text` (the YAML) starts inside the whole file.
    let base = (text.as_ptr() as usize).wrapping_sub(file_text.as_ptr() as usize);
    let base = if base <= file_text.len() { base } else { 0 };
    let d = match (e.location(), position) {
        // A byte position in the message is more exact than the location the library
        // gives with it (which can be 1:1).
        (_, Some(p)) => {
            let at = (base + p).min(file_text.len());
            d.at(file_text, at, (at + 1).min(file_text.len()))
        }
        (Some(loc), None) => match second_key(text, message, loc.line()) {
            Some((line, col)) => d.at_line_col(file_text, line + line_offset, col),
            None => d.at_line_col(file_text, loc.line() + line_offset, loc.column()),
        },
        (None, None) => {
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

/// For "duplicate field `key`" (the library points at the map's start): the line and
/// column, in `text`, of the key's second appearance at the map's first key's indentation.
fn second_key(text: &str, message: &str, map_line: usize) -> Option<(usize, usize)> {
    let key = message
        .strip_prefix("duplicate field `")?
        .split('`')
        .next()?;
    let mut indent = None;
    let mut seen = 0;
    for (i, line) in text.lines().enumerate().skip(map_line.saturating_sub(1)) {
        let body = line.trim_start_matches([' ', '-']);
        let col = line.len() - body.len();
        if body.is_empty() || body.starts_with('#') {
            continue;
        }
        let at = *indent.get_or_insert(col);
        if col < at {
            break;
        }
        let named = body
            .strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with(':'));
        if col == at && named {
            seen += 1;
            if seen == 2 {
                return Some((i + 1, col + 1));
            }
        }
    }
    None
}

/// Splits a leading data path (`questions[0].type: rest`) from a serde message.
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
    if let Some(rest) = message.strip_prefix("duplicate field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        return (
            "duplicate-field",
            format!("`{field}` is given twice in {what}"),
            Some(format!("keep one `{field}:` line and remove the other")),
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
    if message.starts_with("invalid value") {
        // e.g. "invalid value: integer `300`, expected u8"
        let message = name_number_types(&message.replace("integer `", "number `"));
        return (
            "wrong-value",
            format!("{message} in {what}"),
            Some(
                "use a value in that range; the README lists each field and the values it takes"
                    .into(),
            ),
        );
    }
    if message.contains("invalid type") {
        // Name our internal types the way the README describes the files.
        let message = name_number_types(message)
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

/// Names Rust's number types (serde's "expected u8") the way a trainer reads them.
fn name_number_types(message: &str) -> String {
    const NAMES: [(&str, &str); 10] = [
        ("u8", "a whole number from 0 to 255"),
        ("u16", "a whole number from 0 to 65535"),
        ("u32", "a whole number, 0 or more"),
        ("u64", "a whole number, 0 or more"),
        ("usize", "a whole number, 0 or more"),
        ("i32", "a whole number"),
        ("i64", "a whole number"),
        ("isize", "a whole number"),
        ("f32", "a number"),
        ("f64", "a number"),
    ];
    match message.rsplit_once("expected ") {
        Some((head, ty)) => match NAMES.iter().find(|(t, _)| *t == ty.trim()) {
            Some((_, words)) => format!("{head}expected {words}"),
            None => message.to_string(),
        },
        None => message.to_string(),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn a_duplicate_key_is_shown_where_it_is_repeated() {
        let text = "title: x\norder: 1\n# a note\norder: 2\n";
        let d = parse::<T>(Path::new("a.yaml"), text, text, 0, "a module").unwrap_err();
        assert_eq!(d.code, "duplicate-field", "{d:?}");
        assert_eq!((d.line, d.column), (4, 1), "{d:?}");
    }

    #[test]
    fn numbers_out_of_range_or_of_the_wrong_type_are_named_in_words() {
        let text = "title: x\norder: 99999999999\n";
        let d = parse::<T>(Path::new("a.yaml"), text, text, 0, "a module").unwrap_err();
        assert_eq!(d.code, "wrong-value", "{d:?}");
        assert!(
            d.message
                .contains("number `99999999999`, expected a whole number, 0 or more"),
            "{}",
            d.message
        );
        assert_eq!(d.line, 2, "{d:?}");
        for value in ["two", "-5"] {
            let text = format!("title: x\norder: {value}\n");
            let d = parse::<T>(Path::new("a.yaml"), &text, &text, 0, "a module").unwrap_err();
            assert_eq!(d.code, "wrong-type", "{d:?}");
            assert!(
                d.message
                    .contains("expected a whole number, 0 or more in a module"),
                "{}",
                d.message
            );
        }
    }
}
