use super::*;

const GOOD: &str = "title: T\nid: t\nversion: '1'\norganisation: O\nquick_exit_url: https://example.org/\nhotline:\n  title: Help\n";

#[test]
fn minimal_config_gets_defaults() {
    let mut d = Diagnostics::new();
    let c = load(Path::new("site.yaml"), GOOD, &mut d).expect("loads");
    assert!(d.is_empty());
    assert_eq!(c.pass_mark, 80);
    assert_eq!(c.language, "en");
    assert_eq!(c.theme, "default");
}

#[test]
fn bad_id_and_colour_are_reported_together() {
    let text = format!("{GOOD}colours:\n  primary: blue\n").replace("id: t", "id: My Course");
    let mut d = Diagnostics::new();
    assert!(load(Path::new("site.yaml"), &text, &mut d).is_none());
    let codes: Vec<_> = d.items().iter().map(|x| (x.code, x.line)).collect();
    assert!(codes.contains(&("bad-id", 2)), "{codes:?}");
    assert!(codes.contains(&("bad-colour", 9)), "{codes:?}");
}

#[test]
fn an_unquoted_hex_colour_is_not_silently_dropped() {
    let text = format!("{GOOD}colours:\n  accent: \"#b3541e\"\n  primary: #aa0000\n");
    let mut d = Diagnostics::new();
    assert!(load(Path::new("site.yaml"), &text, &mut d).is_none());
    let codes: Vec<_> = d.items().iter().map(|x| (x.code, x.line)).collect();
    assert_eq!(codes, [("bad-colour", 10)]);
}

#[test]
fn the_language_is_a_tag() {
    for (lang, ok) in [
        ("en", true),
        ("en-US", true),
        ("zh-Hant-TW", true),
        ("English", false),
        ("en_US", false),
        ("", false),
    ] {
        let text = format!("{GOOD}language: \"{lang}\"\n");
        let mut d = Diagnostics::new();
        assert_eq!(
            load(Path::new("site.yaml"), &text, &mut d).is_some(),
            ok,
            "{lang}: {:?}",
            d.items()
        );
    }
}
