//! The file-system operations behind the atomic swap of an output folder: the exchange
//! of two folders, deleting the previous site, reading its files for reuse.

use std::fs;
use std::path::{Path, PathBuf};

/// Deletes a previous site, its top-level folders (`modules/`, `search/`, ...) at the
/// same time on the thread pool: at 10,000 modules that is 30,000 files.
pub(super) fn remove_site(dir: &Path) {
    use rayon::prelude::*;
    if let Ok(entries) = fs::read_dir(dir) {
        let paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.par_iter().for_each(|p| {
            let _ = match fs::symlink_metadata(p) {
                Ok(m) if m.is_dir() => fs::remove_dir_all(p),
                _ => fs::remove_file(p),
            };
        });
    }
    let _ = fs::remove_dir_all(dir);
}

/// Opens a file of the previous site for reading, not through a symbolic link (the
/// site's files are ours; a link put there is not reused).
pub(super) fn open_no_follow(path: &Path) -> std::io::Result<fs::File> {
    let mut o = fs::OpenOptions::new();
    o.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        o.custom_flags(libc::O_NOFOLLOW);
    }
    o.open(path)
}

/// Swaps two paths atomically (Linux `renameat2(RENAME_EXCHANGE)`).
#[cfg(target_os = "linux")]
pub(super) fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    if std::env::var_os("AWARE_TEST_NO_EXCHANGE").is_some() {
        return Err(std::io::ErrorKind::Unsupported.into());
    }
    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both paths are valid NUL-terminated strings that outlive the call.
    let r = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if r == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// Swaps two paths atomically (macOS `renamex_np(RENAME_SWAP)`).
#[cfg(target_os = "macos")]
pub(super) fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    if std::env::var_os("AWARE_TEST_NO_EXCHANGE").is_some() {
        return Err(std::io::ErrorKind::Unsupported.into());
    }
    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both paths are valid NUL-terminated strings that outlive the call.
    let r = unsafe { libc::renamex_np(a.as_ptr(), b.as_ptr(), libc::RENAME_SWAP) };
    if r == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// No atomic exchange on this system: the two-rename swap is used.
#[cfg(not(any(target_os = "linux", target_os = "macos")))]
pub(super) fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}
