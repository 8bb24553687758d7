use super::*;

fn r(js: &str) -> String {
    rename_locals(js).expect("renamed")
}

#[test]
fn locals_get_short_names_and_nothing_else_changes() {
    let js = "(function (AWARE) {\n  var registry = {};\n  function start(name) { return registry[name] || document.title; }\n  AWARE.start = start;\n})(window.AWARE);\n";
    assert_eq!(
        r(js),
        "(function (a) {\n  var c = {};\n  function b(d) { return c[d] || document.title; }\n  a.start = b;\n})(window.AWARE);\n"
    );
}

#[test]
fn properties_keys_strings_regexes_and_comments_keep_their_names() {
    let js = "function f(name, slug) {\n  // name\n  var o = { name: name, slug: slug ? slug : name };\n  return o.name + \"name\" + /name/g.test(slug) + 'slug';\n}\n";
    assert_eq!(
        r(js),
        "function f(b, a) {\n  // name\n  var o = { name: b, slug: a ? a : b };\n  return o.name + \"name\" + /name/g.test(a) + 'slug';\n}\n"
    );
}

#[test]
fn inner_scopes_shadow_and_never_capture() {
    // The inner `value` is its own binding; `outer` inside `inner` is the outer one.
    let js = "function f(outer, value) { function inner(value) { return outer + value; } return inner(value); }";
    assert_eq!(
        r(js),
        "function f(a, b) { function c(d) { return a + d; } return c(b); }"
    );
}

#[test]
fn var_lists_for_loops_catch_and_named_function_expressions() {
    let js = "function f(list) { for (var index = 0, count = list.length; index < count; index++) {} for (var key in list) {} try { g(); } catch (error) { return error; } var again = function loop(times) { return times ? loop(times - 1) : key; }; return again; }";
    assert_eq!(
        r(js),
        "function f(a) { for (var b = 0, c = a.length; b < c; b++) {} for (var d in a) {} try { g(); } catch (h) { return h; } var e = function i(h) { return h ? i(h - 1) : d; }; return e; }"
    );
}

#[test]
fn new_names_are_never_an_identifier_of_the_file_or_a_reserved_word() {
    // `a` and `b` are used (globals, a property), so the locals become `c` and `d`.
    let js = "function f(first, second) { return a(first) + x.b + second; }";
    assert_eq!(r(js), "function f(c, d) { return a(c) + x.b + d; }");
    assert_eq!(short_name(0), "a");
    assert_eq!(short_name(52), "aa");
    assert!((0..5000).map(short_name).collect::<HashSet<_>>().len() == 5000);
}

#[test]
fn what_it_does_not_read_is_left_alone() {
    for js in [
        "function f(a) { let b = a; return b; }",
        "function f(list) { return list.map((x) => x); }",
        "function f(name) { return `hi ${name}`; }",
        "function f(list) { outer: for (var i in list) { break outer; } }",
        "function f(name) { with (name) { return x; } }",
        "function f(code) { return eval(code); }",
        "function f(opts) { var { a } = opts; return a; }",
        "function f(value = 1) { return value; }",
        "function f(values) { return g(...values); }",
        "var o = { get name() { return 1; } };",
        "function f(name) { return 'unterminated; }",
    ] {
        assert_eq!(rename_locals(js), None, "{js}");
    }
    // `get` and `let` as property names or keys are fine.
    assert!(rename_locals("function f(store) { return { get: store.get, let: 1 }; }").is_some());
}

#[test]
fn the_builtin_scripts_are_read_and_shrink() {
    for f in [
        "aware.js",
        "module.js",
        "quiz.js",
        "home.js",
        "search.js",
        "list.js",
    ] {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("themes/default/static")
            .join(f);
        let js = std::fs::read_to_string(&path).unwrap();
        let out = rename(&js).unwrap_or_else(|line| panic!("{f} is not read (rename.rs:{line})"));
        assert!(
            out.len() < js.len() * 95 / 100,
            "{f}: {} → {}",
            js.len(),
            out.len()
        );
    }
}

#[test]
fn mangled_scripts_never_panic() {
    // Cut and spliced copies of a real script: rename_locals answers (Some or None) for
    // each, never panics or loops.
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/module.js");
    let js = std::fs::read_to_string(path).unwrap();
    let pieces = [
        "(",
        ")",
        "{",
        "}",
        "/",
        "\"",
        "'",
        "var ",
        "function ",
        "catch",
        ".",
        ":",
        ",",
        "\\",
        "`",
        "é",
        "*/",
        "/*",
    ];
    let mut seed = 7u64;
    let mut next = |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize % n
    };
    for _ in 0..400 {
        let mut s = js.clone();
        for _ in 0..3 {
            let mut at = next(s.len());
            while !s.is_char_boundary(at) {
                at -= 1;
            }
            if next(2) == 0 {
                s.insert_str(at, pieces[next(pieces.len())]);
            } else {
                let mut end = (at + next(40)).min(s.len());
                while !s.is_char_boundary(end) {
                    end -= 1;
                }
                s.replace_range(at..end, "");
            }
        }
        let _ = rename_locals(&s);
    }
}
