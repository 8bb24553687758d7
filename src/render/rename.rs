//! Shorter names for the local variables of the built-in theme's scripts: a module page
//! loads `aware.js` and `module.js` on every visit, and their parameters and `var`s are
//! most of what the whitespace minifier (`minify.rs`) leaves.
//!
//! Deliberately narrow, so it is safe without a full parser: it reads the ES5 the theme
//! is written in (functions, `var`, `catch`) and gives up, leaving the file as it is, on
//! anything else (`let`, `const`, arrows, classes, templates, labels, `with`, `eval`,
//! destructuring, default parameters, non-ASCII names). Only names declared inside a
//! function are renamed, never a global, a property (`x.name`) or an object key
//! (`{ name: 1 }`). New names are never any identifier of the file and never a reserved
//! word, and a scope's new names continue its enclosing scopes' numbering, so a new name
//! can neither capture nor be captured by another binding.

use std::collections::{HashMap, HashSet};

use super::js_tokens::{tokens, Kind, Token};

/// Words that give up: ES2015+ scoping and syntax, and what makes scopes dynamic.
const UNSUPPORTED: &[&str] = &[
    "let", "const", "class", "with", "eval", "import", "export", "yield", "async", "await",
];

const RESERVED: &[&str] = &[
    "break",
    "case",
    "catch",
    "class",
    "const",
    "continue",
    "debugger",
    "default",
    "delete",
    "do",
    "else",
    "enum",
    "export",
    "extends",
    "false",
    "finally",
    "for",
    "function",
    "if",
    "implements",
    "import",
    "in",
    "instanceof",
    "interface",
    "let",
    "new",
    "null",
    "package",
    "private",
    "protected",
    "public",
    "return",
    "static",
    "super",
    "switch",
    "this",
    "throw",
    "true",
    "try",
    "typeof",
    "var",
    "void",
    "while",
    "with",
    "yield",
    "NaN",
    "undefined",
    "Infinity",
    "eval",
    "arguments",
    "of",
    "async",
    "await",
    "get",
    "set",
];

/// A function's (or a catch clause's) scope: the tokens it covers and its own names.
struct Scope {
    start: usize,
    end: usize,
    parent: Option<usize>,
    names: Vec<String>,
}

/// The index of the token that closes the bracket opened at `open`.
fn closing(toks: &[Token], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, t) in toks.iter().enumerate().skip(open) {
        if let Kind::Punct(p) = t.kind {
            match p {
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' | b'}' => {
                    depth = depth.checked_sub(1)?;
                    if depth == 0 {
                        return Some(i);
                    }
                }
                _ => {}
            }
        }
    }
    None
}

/// `js` with the local names of its functions shortened; None (leave it as it is) when it
/// uses anything this does not read.
pub(crate) fn rename_locals(js: &str) -> Option<String> {
    rename(js).ok()
}

/// [`rename_locals`], or the line of this file that gave up (for tests).
fn rename(js: &str) -> Result<String, u32> {
    let toks = tokens(js).ok_or(line!())?;
    let text = |t: &Token| &js[t.start..t.end];
    let is = |i: usize, p: u8| toks.get(i).is_some_and(|t| t.kind == Kind::Punct(p));
    let word = |i: usize, w: &str| {
        toks.get(i)
            .is_some_and(|t| t.kind == Kind::Ident && text(t) == w)
    };
    for (i, t) in toks.iter().enumerate() {
        let property = is(i.wrapping_sub(1), b'.') || is(i + 1, b':');
        if t.kind == Kind::Ident && UNSUPPORTED.contains(&text(t)) && !property {
            return Err(line!());
        }
        // An ES5 getter or setter (`get name() {}`).
        let accessor = word(i, "get") || word(i, "set");
        if accessor && !property && toks.get(i + 1).is_some_and(|n| n.kind == Kind::Ident) {
            return Err(line!());
        }
        // Arrows, spread and labels used by break/continue.
        if is(i, b'=') && is(i + 1, b'>') || is(i, b'.') && is(i + 1, b'.') {
            return Err(line!());
        }
        if (word(i, "break") || word(i, "continue"))
            && toks.get(i + 1).is_some_and(|n| n.kind == Kind::Ident)
            && !js[t.end..toks[i + 1].start].contains('\n')
        {
            return Err(line!());
        }
    }

    // The scopes: each function (parameters and body) and each catch clause.
    let mut scopes: Vec<Scope> = Vec::new();
    // Function declarations' names, declared in the enclosing scope: (token, name).
    let mut declared_fn: Vec<usize> = Vec::new();
    for i in 0..toks.len() {
        if word(i, "function") {
            let mut j = i + 1;
            let named = toks.get(j).is_some_and(|t| t.kind == Kind::Ident);
            if named {
                j += 1;
            }
            if !is(j, b'(') {
                return Err(line!());
            }
            let close = closing(&toks, j).ok_or(line!())?;
            let mut names = Vec::new();
            let mut k = j + 1;
            while k < close {
                if toks[k].kind != Kind::Ident {
                    return Err(line!());
                }
                names.push(text(&toks[k]).to_string());
                k += 1;
                if k < close && !is(k, b',') {
                    return Err(line!());
                }
                k += 1;
            }
            if !is(close + 1, b'{') {
                return Err(line!());
            }
            let end = closing(&toks, close + 1).ok_or(line!())?;
            let statement = i == 0 || matches!(toks[i - 1].kind, Kind::Punct(b';' | b'{' | b'}'));
            let mut start = j;
            if named && statement {
                declared_fn.push(i + 1);
            } else if named {
                // A function expression's own name is bound inside it.
                names.push(text(&toks[i + 1]).to_string());
                start = i + 1;
            }
            scopes.push(Scope {
                start,
                end,
                parent: None,
                names,
            });
        } else if word(i, "catch") && !is(i.wrapping_sub(1), b'.') {
            let param = toks
                .get(i + 2)
                .filter(|t| t.kind == Kind::Ident)
                .ok_or(line!())?;
            if !is(i + 1, b'(') || !is(i + 3, b')') || !is(i + 4, b'{') {
                return Err(line!());
            }
            let end = closing(&toks, i + 4).ok_or(line!())?;
            scopes.push(Scope {
                start: i + 2,
                end,
                parent: None,
                names: vec![text(param).to_string()],
            });
        }
    }
    scopes.sort_by_key(|s| s.start);
    // Parents: the innermost earlier scope that contains this one (scopes nest).
    let mut stack: Vec<usize> = Vec::new();
    for i in 0..scopes.len() {
        while stack
            .last()
            .is_some_and(|&p| scopes[p].end < scopes[i].start)
        {
            stack.pop();
        }
        scopes[i].parent = stack.last().copied();
        stack.push(i);
    }
    // The innermost scope of each token.
    let mut owner: Vec<Option<usize>> = vec![None; toks.len()];
    for (si, s) in scopes.iter().enumerate() {
        for o in &mut owner[s.start..=s.end] {
            *o = Some(si);
        }
    }
    // The function scope a `var` or a function declaration belongs to (not a catch's).
    let function_of = |mut s: Option<usize>, scopes: &[Scope]| {
        while let Some(i) = s {
            if word(scopes[i].start.wrapping_sub(2), "catch") {
                s = scopes[i].parent;
            } else {
                break;
            }
        }
        s
    };
    let mut extra: Vec<(usize, String)> = Vec::new();
    for &i in &declared_fn {
        if let Some(f) = function_of(owner[i - 1], &scopes) {
            extra.push((f, text(&toks[i]).to_string()));
        }
    }
    for (i, &own) in owner.iter().enumerate() {
        if !word(i, "var") {
            continue;
        }
        let Some(f) = function_of(own, &scopes) else {
            continue;
        };
        let mut k = i + 1;
        loop {
            let t = toks
                .get(k)
                .filter(|t| t.kind == Kind::Ident)
                .ok_or(line!())?;
            extra.push((f, text(t).to_string()));
            // Skip the initializer: to a `,` or `;` at this depth, `in`/`of`, or a `)`
            // that closes the `for (`.
            let mut depth = 0i32;
            k += 1;
            let mut more = false;
            while let Some(t) = toks.get(k) {
                match t.kind {
                    Kind::Punct(b'(' | b'[' | b'{') => depth += 1,
                    Kind::Punct(b')' | b']' | b'}') => {
                        depth -= 1;
                        if depth < 0 {
                            break;
                        }
                    }
                    Kind::Punct(b',') if depth == 0 => {
                        more = true;
                        break;
                    }
                    Kind::Punct(b';') if depth == 0 => break,
                    Kind::Ident if depth == 0 && matches!(text(t), "in" | "of" | "var") => break,
                    _ => {}
                }
                k += 1;
            }
            if !more {
                break;
            }
            k += 1;
        }
    }
    for (f, name) in extra {
        if !scopes[f].names.contains(&name) {
            scopes[f].names.push(name);
        }
    }

    // References: identifiers that are not properties or object keys.
    let mut uses: HashMap<(usize, &str), usize> = HashMap::new();
    let mut refs: Vec<(usize, usize)> = Vec::new(); // (token, scope)
    let all: HashSet<&str> = toks
        .iter()
        .filter(|t| t.kind == Kind::Ident)
        .map(text)
        .collect();
    for (i, t) in toks.iter().enumerate() {
        if t.kind != Kind::Ident || is(i.wrapping_sub(1), b'.') {
            continue;
        }
        if is(i + 1, b':') && (is(i.wrapping_sub(1), b'{') || is(i.wrapping_sub(1), b',')) {
            continue;
        }
        let name = text(t);
        let mut s = owner[i];
        while let Some(si) = s {
            if scopes[si].names.iter().any(|n| n == name) {
                *uses.entry((si, name)).or_default() += 1;
                refs.push((i, si));
                break;
            }
            s = scopes[si].parent;
        }
    }

    // New names: the most used first, continuing the enclosing scopes' numbering.
    let mut next = vec![0usize; scopes.len()];
    let mut map: HashMap<(usize, &str), String> = HashMap::new();
    for si in 0..scopes.len() {
        let mut n = scopes[si].parent.map_or(0, |p| next[p]);
        let mut names: Vec<&str> = scopes[si].names.iter().map(String::as_str).collect();
        names.sort_by_key(|name| std::cmp::Reverse(uses.get(&(si, *name)).copied().unwrap_or(0)));
        for name in names {
            let short = loop {
                let candidate = short_name(n);
                n += 1;
                if !all.contains(candidate.as_str()) && !RESERVED.contains(&candidate.as_str()) {
                    break candidate;
                }
            };
            if short.len() < name.len() {
                map.insert((si, name), short);
            } else {
                // Not shorter: keep the name (it is not used by any other scope's new names,
                // which never equal an identifier of the file).
                continue;
            }
        }
        next[si] = n;
    }

    let mut out = String::with_capacity(js.len());
    let mut last = 0;
    for (i, si) in refs {
        let t = &toks[i];
        if let Some(new) = map.get(&(si, text(t))) {
            out.push_str(&js[last..t.start]);
            out.push_str(new);
            last = t.end;
        }
    }
    out.push_str(&js[last..]);
    Ok(out)
}

/// The `n`th short name: a … z, A … Z, then two letters, and so on.
fn short_name(mut n: usize) -> String {
    const FIRST: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    const REST: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    let mut s = vec![FIRST[n % FIRST.len()]];
    n /= FIRST.len();
    while n > 0 {
        n -= 1;
        s.push(REST[n % REST.len()]);
        n /= REST.len();
    }
    String::from_utf8(s).unwrap_or_default()
}

#[cfg(test)]
#[path = "rename_tests.rs"]
mod tests;
