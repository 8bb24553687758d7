//! Slugs: the URL names of pages and the ids of headings.

use std::path::Path;

/// Lower-case ASCII letters and digits, other runs become `-`, no `-` at the ends.
pub(crate) fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars() {
        let c = fold_accent(c);
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
        } else if c != '\'' && c != '’' {
            dash = true;
        }
    }
    out
}

/// URL name for a file: its stem without a leading number prefix, lower-cased, with
/// every run of other characters turned into one `-`.
pub(crate) fn slug_from_file(path: &Path) -> String {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let trimmed = stem.trim_start_matches(|c: char| c.is_ascii_digit());
    let without_prefix = if trimmed.len() < stem.len() {
        trimmed.trim_start_matches(['-', '_', '.', ' '])
    } else {
        stem
    };
    let s = slugify(without_prefix);
    if s.is_empty() {
        slugify(stem)
    } else {
        s
    }
}

/// The number a file name starts with (`07-x.md` → 7), if any.
pub(crate) fn number_prefix(path: &Path) -> Option<i64> {
    let stem = path.file_stem()?.to_str()?;
    let digits: String = stem.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// True for ids made of `a-z`, `0-9`, `-` and `_`.
pub(crate) fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// Common Latin accents to their base letter, so "Café" slugs to "cafe".
fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => 'a',
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'i',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
        'ñ' | 'Ñ' => 'n',
        'ç' | 'Ç' => 'c',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_drop_number_prefix() {
        assert_eq!(
            slug_from_file(Path::new("content/03-who-is-at-risk.md")),
            "who-is-at-risk"
        );
        assert_eq!(
            slug_from_file(Path::new("content/10_The Economics.md")),
            "the-economics"
        );
        assert_eq!(slug_from_file(Path::new("content/intro.md")), "intro");
        assert_eq!(slug_from_file(Path::new("content/2024.md")), "2024");
        assert_eq!(
            slugify("Trafficking or smuggling?"),
            "trafficking-or-smuggling"
        );
        assert_eq!(slugify("Don't panic — Café"), "dont-panic-cafe");
    }

    #[test]
    fn number_prefix_and_ids() {
        assert_eq!(number_prefix(Path::new("content/07-x.md")), Some(7));
        assert_eq!(number_prefix(Path::new("content/x.md")), None);
        assert!(is_id("minors-consent_2"));
        assert!(!is_id("Bad Id"));
        assert!(!is_id(""));
    }
}
