//! The `aware` process's memory allocator: jemalloc on Linux, with its settings.
//!
//! A build makes and frees millions of small strings on two threads at once (markdown,
//! pages, search terms). Against glibc's allocator (with two arenas, its best setting
//! here), jemalloc made builds of the shared bench corpus about 17% faster at 1,000
//! modules and 22% faster at 10,000, with the same peak memory (see
//! `benches/RESULTS-peers.md`). Its defaults keep freed memory for 10 seconds, which
//! took a 10,000-module build's peak from 350 to 510 MiB; the settings below hand freed
//! pages back after 0.3 s and use two arenas (each thread also has its own cache, so
//! more arenas mostly hold more freed memory), which keeps the peak where it was at no
//! measurable cost in speed.

#[cfg(target_os = "linux")]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc reads its options from this C string (`malloc_conf`, under the prefix the
/// `tikv-jemalloc-sys` crate gives its symbols) before the first allocation. The
/// `_RJEM_MALLOC_CONF` environment variable still overrides it, for experiments.
#[cfg(target_os = "linux")]
#[export_name = "_rjem_malloc_conf"]
static MALLOC_CONF: &u8 = &b"narenas:2,dirty_decay_ms:300\0"[0];
