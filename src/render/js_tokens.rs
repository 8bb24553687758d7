//! The tokens of a script, for `rename.rs`: identifiers, single punctuation bytes, and
//! opaque literals (strings, numbers, regular expressions); comments and whitespace
//! dropped. ASCII outside strings and comments only, no template literals: anything else
//! is None (the script is then left as it is).

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Kind {
    Ident,
    Punct(u8),
    /// Strings, numbers and regular expressions: opaque.
    Literal,
}

#[derive(Clone, Copy, Debug)]
pub(super) struct Token {
    pub(super) kind: Kind,
    pub(super) start: usize,
    pub(super) end: usize,
}

/// Words after which a `/` starts a regular expression, not a division.
const BEFORE_EXPRESSION: &[&str] = &[
    "return",
    "typeof",
    "instanceof",
    "in",
    "of",
    "new",
    "delete",
    "void",
    "throw",
    "case",
    "do",
    "else",
];

fn word_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b == b'$'
}

fn word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$'
}

/// The tokens of `js`, without comments and whitespace; None for what this does not read.
pub(super) fn tokens(js: &str) -> Option<Vec<Token>> {
    let s = js.as_bytes();
    let mut out: Vec<Token> = Vec::new();
    let mut i = 0;
    while i < s.len() {
        let b = s[i];
        let start = i;
        if b.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        if !b.is_ascii() || b == b'`' {
            return None;
        }
        if b == b'/' && s.get(i + 1) == Some(&b'/') {
            while i < s.len() && s[i] != b'\n' {
                i += 1;
            }
            continue;
        }
        if b == b'/' && s.get(i + 1) == Some(&b'*') {
            let end = js[i + 2..].find("*/")?;
            i += end + 4;
            continue;
        }
        let kind = if word_start(b) {
            while i < s.len() && word_byte(s[i]) {
                i += 1;
            }
            Kind::Ident
        } else if b.is_ascii_digit() || (b == b'.' && s.get(i + 1).is_some_and(u8::is_ascii_digit))
        {
            while i < s.len() && (word_byte(s[i]) || s[i] == b'.') {
                let e = s[i] == b'e' || s[i] == b'E';
                i += 1;
                if e && i < s.len()
                    && (s[i] == b'+' || s[i] == b'-')
                    && !js[start..].starts_with("0x")
                {
                    i += 1;
                }
            }
            Kind::Literal
        } else if b == b'"' || b == b'\'' {
            i += 1;
            loop {
                match *s.get(i)? {
                    b'\\' => i += 2,
                    b'\n' => return None,
                    c if c == b => break,
                    _ => i += 1,
                }
            }
            i += 1;
            Kind::Literal
        } else if b == b'/' && regex_may_start(js, out.last()) {
            i += 1;
            let mut class = false;
            loop {
                match *s.get(i)? {
                    b'\\' => i += 2,
                    b'\n' => return None,
                    b'[' => {
                        class = true;
                        i += 1;
                    }
                    b']' => {
                        class = false;
                        i += 1;
                    }
                    b'/' if !class => break,
                    _ => i += 1,
                }
            }
            i += 1;
            while i < s.len() && word_byte(s[i]) {
                i += 1;
            }
            Kind::Literal
        } else {
            i += 1;
            Kind::Punct(b)
        };
        out.push(Token {
            kind,
            start,
            end: i,
        });
    }
    Some(out)
}

/// Whether a `/` after `prev` starts a regular expression (else it is a division).
fn regex_may_start(js: &str, prev: Option<&Token>) -> bool {
    match prev {
        None => true,
        Some(t) => match t.kind {
            Kind::Ident => BEFORE_EXPRESSION.contains(&&js[t.start..t.end]),
            Kind::Literal => false,
            Kind::Punct(p) => !matches!(p, b')' | b']' | b'}'),
        },
    }
}
