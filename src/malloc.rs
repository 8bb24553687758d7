//! The allocator's settings for the `aware` process.

/// glibc gives each thread that allocates its own memory arena (up to 8 per core), and
/// memory freed in one is not reused by another: at 10,000 modules that was 77 MiB of
/// peak memory (483 against 406 MiB) for no gain in speed. Two arenas are enough for the
/// worker threads of a build.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub(crate) fn limit_arenas() {
    // SAFETY: mallopt only sets a tunable of the allocator; it is called before any
    // other thread exists.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub(crate) fn limit_arenas() {}
