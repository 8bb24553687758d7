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
    fn lenient_keeps_what_it_cannot_decode() {
        assert_eq!(decode_lenient("my%20map.png"), "my map.png");
        assert_eq!(decode_lenient("100%"), "100%");
        assert_eq!(decode_lenient("%zz"), "%zz");
    }
}
