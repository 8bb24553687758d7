//! Paths inside the built site, always with `/` separators.

use std::path::{Component, Path};

/// A site path with `/` separators, whatever the platform's.
pub(crate) fn site_path(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

/// Refuses a path that could land outside the site when written or unzipped: anything
/// but plain names (no `..`, no root, no drive), or a name with a `\\`.
pub(crate) fn check_inside(p: &Path) -> anyhow::Result<()> {
    let plain = p.components().all(|c| match c {
        Component::Normal(s) => !s.to_string_lossy().contains('\\'),
        _ => false,
    });
    if !plain || p.as_os_str().is_empty() {
        anyhow::bail!(
            "refusing to write {}: not a plain path inside the site",
            p.display()
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_paths_are_inside_the_site() {
        assert!(check_inside(Path::new("media/a b/c.png")).is_ok());
        for bad in ["", "/etc/x", "../x", "media/../../x", "y\\..\\..\\x", "./x"] {
            assert!(check_inside(Path::new(bad)).is_err(), "{bad}");
        }
    }
}
