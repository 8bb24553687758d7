//! Handing freed memory back to the system.

/// Hands the pages of memory freed so far back to the system (glibc keeps them
/// otherwise): called when a build lets go of the pages' HTML, so the search index's
/// large tables do not come on top of it.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub(crate) fn release_free_memory() {
    // SAFETY: malloc_trim only returns free memory to the system.
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub(crate) fn release_free_memory() {}
