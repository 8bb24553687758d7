//! Words for counts.

/// "s" unless n is 1.
pub(crate) fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// "n thing" / "n things", with an irregular plural when `many` is given.
pub(crate) fn count(n: usize, one: &str, many: Option<&str>) -> String {
    match (n, many) {
        (1, _) => format!("{n} {one}"),
        (_, Some(m)) => format!("{n} {m}"),
        _ => format!("{n} {one}s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_naturally() {
        assert_eq!(count(1, "module", None), "1 module");
        assert_eq!(count(2, "module", None), "2 modules");
        assert_eq!(count(0, "quiz", Some("quizzes")), "0 quizzes");
        assert_eq!(plural(1), "");
    }
}
