//! Handing freed memory back to the system.

/// Below this many bytes freed, handing them back is not worth its time (at 10,000
/// modules the pages' HTML is about 100 MB, and giving it back takes a tenth of a second
/// or more: glibc returns a heap's free pages one stretch at a time).
const WORTH_IT: usize = 48 * 1024 * 1024;

/// Hands the pages of memory freed so far back to the system (glibc keeps them
/// otherwise) when about `freed` bytes were just let go of and that is a lot: called
/// when a build lets go of the pages' HTML, so the search index's tables do not come on
/// top of it.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub(crate) fn release_free_memory(freed: usize) {
    if freed < WORTH_IT {
        return;
    }
    // SAFETY: malloc_trim only returns free memory to the system.
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub(crate) fn release_free_memory(_freed: usize) {
    let _ = WORTH_IT;
}
