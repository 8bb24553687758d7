//! Paths inside the built site, always with `/` separators.

use std::path::Path;

/// A site path with `/` separators, whatever the platform's.
pub(crate) fn site_path(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}
