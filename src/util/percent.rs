//! Percent-decoding of URL paths.

/// Decodes `%XX` escapes strictly: `None` when an escape is malformed.
pub(crate) fn decode_strict(s: &str) -> Option<Vec<u8>> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    Some(out)
}

/// Decodes the `%XX` escapes that are well formed and keeps anything else as written
/// (for links in markdown, which authors type by hand).
pub(crate) fn decode_lenient(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            if let Some(v) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A path as a URL path: anything but unreserved characters and `/` percent-encoded, so
/// `#`, `?`, `%` and spaces in file names stay part of the path.
pub(crate) fn encode_path(path: &str) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_refuses_malformed_escapes() {
        assert_eq!(decode_strict("a%20b").unwrap(), b"a b");
        assert!(decode_strict("%zz").is_none());
        assert!(decode_strict("%2").is_none());
    }

    #[test]
    fn paths_are_encoded_for_urls() {
        assert_eq!(encode_path("media/a b#1?.png"), "media/a%20b%231%3F.png");
        assert_eq!(encode_path("médias/50%.html"), "m%C3%A9dias/50%25.html");
        assert_eq!(
            encode_path("modules/who-is-at-risk.html"),
            "modules/who-is-at-risk.html"
        );
        assert_eq!(
            decode_strict(&encode_path("a b#?%é")).unwrap(),
            "a b#?%é".as_bytes()
        );
    }

    #[test]
    fn lenient_keeps_what_it_cannot_decode() {
        assert_eq!(decode_lenient("my%20map.png"), "my map.png");
        assert_eq!(decode_lenient("100%"), "100%");
        assert_eq!(decode_lenient("%zz"), "%zz");
    }
}
