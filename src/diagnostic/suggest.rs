//! "Did you mean …?": the closest known name to a typo.

/// The candidate closest to `word`, if it is close enough to be a likely typo.
pub(crate) fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let mut best: Option<(&str, f64)> = None;
    for c in candidates {
        let score = strsim::jaro_winkler(&word.to_lowercase(), &c.to_lowercase());
        if score > 0.8 && best.is_none_or(|(_, s)| score > s) {
            best = Some((c, score));
        }
    }
    best.map(|(c, _)| c)
}

/// A hint: `found(best)` for the closest candidate to `word`, else `otherwise()`.
pub(crate) fn hint_for<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    found: impl FnOnce(&str) -> String,
    otherwise: impl FnOnce() -> String,
) -> String {
    match did_you_mean(word, candidates) {
        Some(best) => found(best),
        None => otherwise(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn did_you_mean_finds_close_typos_only() {
        let fields = ["title", "order", "summary", "minutes"];
        assert_eq!(did_you_mean("titel", fields), Some("title"));
        assert_eq!(did_you_mean("minuts", fields), Some("minutes"));
        assert_eq!(did_you_mean("colour", fields), None);
    }

    #[test]
    fn hint_for_falls_back() {
        let h = hint_for(
            "x",
            ["title"],
            |b| format!("did you mean {b}"),
            || "add it".into(),
        );
        assert_eq!(h, "add it");
    }
}
