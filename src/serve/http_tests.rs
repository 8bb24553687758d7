use super::*;

#[test]
fn request_paths_are_confined_to_the_site() {
    assert_eq!(site_path_of("/").unwrap(), "index.html");
    assert_eq!(
        site_path_of("/modules/intro.html?x=1#top").unwrap(),
        "modules/intro.html"
    );
    assert_eq!(site_path_of("/modules/").unwrap(), "modules/index.html");
    assert_eq!(
        site_path_of("/media/my%20map.png").unwrap(),
        "media/my map.png"
    );
    assert_eq!(
        site_path_of("//modules//intro.html").unwrap(),
        "modules/intro.html"
    );
    for bad in [
        "/../site.yaml",
        "/%2e%2e/site.yaml",
        "/%2E%2E/site.yaml",
        "/modules/..%2f..%2fsite.yaml",
        "/modules/%2e%2e/%2e%2e/site.yaml",
        "/..\\site.yaml",
        "/%5c..%5csite.yaml",
        "/index.html%00.png",
        "/./index.html",
        "/%zz",
        "/%ff",
        "site.yaml",
    ] {
        assert!(site_path_of(bad).is_err(), "{bad} should be refused");
    }
}

#[test]
fn content_types_by_extension() {
    for (p, t) in [
        ("index.html", "text/html; charset=utf-8"),
        ("static/aware.css", "text/css; charset=utf-8"),
        ("course.js", "text/javascript; charset=utf-8"),
        ("a.json", "application/json"),
        ("media/a.SVG", "image/svg+xml"),
        ("a.png", "image/png"),
        ("a.jpg", "image/jpeg"),
        ("a.gif", "image/gif"),
        ("a.webp", "image/webp"),
        ("favicon.ico", "image/x-icon"),
        ("a.pdf", "application/pdf"),
        ("a.txt", "text/plain; charset=utf-8"),
        ("f.woff2", "font/woff2"),
        ("noext", "application/octet-stream"),
    ] {
        assert_eq!(content_type(p), t, "{p}");
    }
}

#[test]
fn reload_script_goes_before_the_last_body_end() {
    let out = String::from_utf8(inject(b"<html><body><p>x</p></body></html>")).unwrap();
    assert_eq!(
        out,
        format!("<html><body><p>x</p><script src=\"{RELOAD_JS_PATH}\"></script>\n</body></html>")
    );
    let out = String::from_utf8(inject(b"<p>no body</p>")).unwrap();
    assert!(out.ends_with("</script>\n"));
}
