//! Writing the site atomically: everything goes into a staging folder beside the output,
//! which replaces the output only once it is complete. A build that fails at any point
//! leaves the previous site exactly as it was.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;

use anyhow::{Context, Result};

use super::fsops::{exchange, open_no_follow, remove_site};
use super::guard::{absolute, MARKER};
use super::{OutFile, Sink};

/// What was written.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct WriteStats {
    pub(crate) files: usize,
    pub(crate) bytes: u64,
}

/// A new site being written beside `out`. Files are written as they are made, so a large
/// site is never held in memory whole. [`Staging::commit`] swaps it in; dropping it
/// without committing deletes it and leaves `out` untouched.
///
/// One build at a time writes to `out`: [`Staging::create`] takes an exclusive lock on
/// `.OUT.aware-lock` beside it (a second build waits, saying so) and holds it until the
/// staging folder is committed or dropped. Each build has its own staging folder.
pub(crate) struct Staging {
    out: PathBuf,
    dir: PathBuf,
    old: PathBuf,
    made_dirs: Mutex<HashSet<PathBuf>>,
    files: AtomicUsize,
    bytes: AtomicU64,
    committed: bool,
    /// Whether files identical to the previous site's are linked from it.
    reuse: bool,
    /// Held for the whole build.
    _lock: OutputLock,
}

/// The exclusive right to replace an output folder, taken at the start of a build: a
/// second build of the same folder waits (saying so). Taking it also repairs what an
/// interrupted build left (see [`recover`]), so "OUT is unchanged" is true after any
/// failed build.
pub(crate) struct OutputLock {
    out: PathBuf,
    parent: PathBuf,
    name: String,
    _file: fs::File,
}

impl OutputLock {
    /// Locks `out` (through `.OUT.aware-lock` beside it) and repairs it.
    pub(crate) fn acquire(out: &Path) -> Result<OutputLock> {
        let out = absolute(out)?;
        let parent = out
            .parent()
            .context("output folder has no parent folder")?
            .to_path_buf();
        let name = out
            .file_name()
            .context("output folder has no name")?
            .to_string_lossy()
            .into_owned();
        fs::create_dir_all(&parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
        let file = lock(&parent.join(format!(".{name}.aware-lock")), &out)?;
        let lock = OutputLock {
            out,
            parent,
            name,
            _file: file,
        };
        recover(&lock.out, &lock.old(), &lock.parent, &lock.name)?;
        Ok(lock)
    }

    fn old(&self) -> PathBuf {
        self.parent.join(format!(".{}.aware-old", self.name))
    }
}

impl Staging {
    /// Creates an empty staging folder next to the locked output folder.
    pub(crate) fn create(lock: OutputLock) -> Result<Staging> {
        let dir = lock.parent.join(format!(
            ".{}.aware-staging-{}",
            lock.name,
            std::process::id()
        ));
        fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        Ok(Staging {
            out: lock.out.clone(),
            dir,
            old: lock.old(),
            made_dirs: Mutex::new(HashSet::new()),
            files: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
            committed: false,
            reuse: std::env::var_os("AWARE_NO_REUSE").is_none(),
            _lock: lock,
        })
    }

    fn parent_for(&self, rel: &Path) -> Result<PathBuf> {
        crate::util::site_path::check_inside(rel)?;
        let target = self.dir.join(rel);
        if let Some(parent) = rel.parent().filter(|p| !p.as_os_str().is_empty()) {
            let known = self
                .made_dirs
                .lock()
                .map(|d| d.contains(parent))
                .unwrap_or(false);
            if !known {
                fs::create_dir_all(self.dir.join(parent))
                    .with_context(|| format!("cannot create {}", parent.display()))?;
                if let Ok(mut d) = self.made_dirs.lock() {
                    d.insert(parent.to_path_buf());
                }
            }
        }
        Ok(target)
    }

    /// Marks the folder as aware's and swaps it in place of the output folder: in one
    /// atomic exchange where the system has one, else with two renames that the next
    /// build repairs if it is interrupted between them.
    pub(crate) fn commit(mut self) -> Result<WriteStats> {
        fs::write(
            self.dir.join(MARKER),
            concat!("built by aware ", env!("CARGO_PKG_VERSION"), "\n"),
        )?;
        if !self.out.exists() {
            fs::rename(&self.dir, &self.out)
                .with_context(|| format!("cannot move the new site into {}", self.out.display()))?;
        } else if exchange(&self.dir, &self.out).is_ok() {
            // The staging folder's name now holds the previous site.
            remove_site(&self.dir);
        } else {
            self.swap_by_renames()?;
        }
        self.committed = true;
        Ok(WriteStats {
            files: self.files.load(Ordering::Relaxed),
            bytes: self.bytes.load(Ordering::Relaxed),
        })
    }

    /// Links `rel` from the previous site into the staging folder when its bytes are
    /// `same` as the new ones: no new file (inode) is created, which is most of a build's
    /// disk time when little changed. The build stays atomic (the link is a new name for
    /// the old bytes; the previous site is not touched). Off with `AWARE_NO_REUSE`.
    fn reuse(
        &self,
        rel: &Path,
        target: &Path,
        len: usize,
        same: impl FnOnce(&[u8]) -> bool,
    ) -> bool {
        if !self.reuse {
            return false;
        }
        let old = self.out.join(rel);
        let Ok(mut file) = open_no_follow(&old) else {
            return false;
        };
        // Only a file of the same size can be the same; most changed files are not.
        if !file
            .metadata()
            .is_ok_and(|m| m.is_file() && m.len() == len as u64)
        {
            return false;
        }
        let mut bytes = vec![0; len];
        use std::io::Read as _;
        file.read_exact(&mut bytes).is_ok() && same(&bytes) && fs::hard_link(&old, target).is_ok()
    }

    /// The swap where there is no atomic exchange: OUT aside, the new site in, the old
    /// one deleted. A crash between the two renames leaves OUT missing and `.old`
    /// present, which the next build puts back first ([`recover`]).
    fn swap_by_renames(&mut self) -> Result<()> {
        if self.old.exists() {
            fs::remove_dir_all(&self.old)
                .with_context(|| format!("cannot remove stale {}", self.old.display()))?;
        }
        fs::rename(&self.out, &self.old).with_context(|| {
            format!("cannot move the previous site {} aside", self.out.display())
        })?;
        if std::env::var_os("AWARE_TEST_CRASH_BETWEEN_RENAMES").is_some() {
            // Test hook: die as a power cut would, between the two renames.
            std::process::exit(137);
        }
        if let Err(e) = fs::rename(&self.dir, &self.out) {
            let _ = fs::rename(&self.old, &self.out);
            return Err(e)
                .with_context(|| format!("cannot move the new site into {}", self.out.display()));
        }
        remove_site(&self.old);
        Ok(())
    }
}

/// Takes the exclusive lock on `file`, waiting (and saying so) while another build holds it.
fn lock(file: &Path, out: &Path) -> Result<fs::File> {
    let f = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(file)
        .with_context(|| format!("cannot create the lock file {}", file.display()))?;
    match f.try_lock() {
        Ok(()) => return Ok(f),
        Err(fs::TryLockError::WouldBlock) => {
            eprintln!(
                "Another aware build is writing {}; waiting for it to finish…",
                out.display()
            );
        }
        Err(fs::TryLockError::Error(e)) => {
            return Err(e).with_context(|| format!("cannot lock {}", file.display()))
        }
    }
    f.lock()
        .with_context(|| format!("cannot lock {}", file.display()))?;
    Ok(f)
}

/// Repairs what an interrupted build left beside `out` (we hold the lock, so no build is
/// running): the previous site moved aside but not replaced is put back, and staging
/// folders are deleted.
fn recover(out: &Path, old: &Path, parent: &Path, name: &str) -> Result<()> {
    if !out.exists() && old.is_dir() {
        fs::rename(old, out).with_context(|| {
            format!(
                "cannot put back the previous site {} from {}",
                out.display(),
                old.display()
            )
        })?;
    }
    let prefix = format!(".{name}.aware-staging");
    for e in fs::read_dir(parent)?.flatten() {
        if e.file_name().to_string_lossy().starts_with(&prefix) {
            let _ = fs::remove_dir_all(e.path());
        }
    }
    Ok(())
}

impl Sink for Staging {
    /// Writes one generated file (or links the previous site's identical copy).
    fn write(&self, f: OutFile) -> Result<()> {
        let target = self.parent_for(&f.path)?;
        if !self.reuse(&f.path, &target, f.bytes.len(), |old| {
            old == f.bytes.as_slice()
        }) {
            fs::write(&target, &f.bytes)
                .with_context(|| format!("cannot write {}", f.path.display()))?;
        }
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes
            .fetch_add(f.bytes.len() as u64, Ordering::Relaxed);
        Ok(())
    }

    /// Copies a source file into the site at `dest`.
    fn copy(&self, src: &Path, dest: &Path) -> Result<()> {
        let target = self.parent_for(dest)?;
        let n = match fs::read(src) {
            Ok(bytes) if self.reuse(dest, &target, bytes.len(), |old| old == bytes.as_slice()) => {
                bytes.len() as u64
            }
            _ => fs::copy(src, &target)
                .with_context(|| format!("cannot copy {} to {}", src.display(), dest.display()))?,
        };
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(n, Ordering::Relaxed);
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write_site(out: &Path, files: &[OutFile]) -> Result<WriteStats> {
        let staging = Staging::create(OutputLock::acquire(out)?)?;
        files.iter().try_for_each(|f| staging.write(f.clone()))?;
        staging.commit()
    }

    #[test]
    fn swap_replaces_old_site_completely() {
        let t = tempfile::tempdir().unwrap();
        let out = t.path().join("public");
        let f = |p: &str, b: &str| OutFile {
            path: p.into(),
            bytes: b.as_bytes().to_vec(),
        };
        write_site(&out, &[f("index.html", "one"), f("old.html", "x")]).unwrap();
        write_site(&out, &[f("index.html", "two"), f("modules/a.html", "a")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "two");
        assert!(!out.join("old.html").exists());
        assert!(out.join(MARKER).exists());
        let mut leftovers: Vec<_> = fs::read_dir(t.path())
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        leftovers.sort();
        // The lock file stays (deleting it would race with a build waiting on it).
        assert_eq!(leftovers, [".public.aware-lock", "public"]);
    }

    #[test]
    fn the_two_rename_swap_also_replaces_the_site() {
        let t = tempfile::tempdir().unwrap();
        let out = t.path().join("public");
        let f = |p: &str, b: &str| OutFile {
            path: p.into(),
            bytes: b.as_bytes().to_vec(),
        };
        write_site(&out, &[f("index.html", "one")]).unwrap();
        let lock = OutputLock::acquire(&out).unwrap();
        let mut staging = Staging::create(lock).unwrap();
        staging.write(f("index.html", "two")).unwrap();
        fs::write(staging.dir.join(MARKER), "x").unwrap();
        staging.swap_by_renames().unwrap();
        staging.committed = true;
        drop(staging);
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "two");
        assert!(!t.path().join(".public.aware-old").exists());
    }

    #[test]
    fn a_site_moved_aside_is_put_back_by_the_next_lock() {
        let t = tempfile::tempdir().unwrap();
        let out = t.path().join("public");
        let old = t.path().join(".public.aware-old");
        fs::create_dir_all(&old).unwrap();
        fs::write(old.join("index.html"), "previous").unwrap();
        fs::create_dir_all(t.path().join(".public.aware-staging-99")).unwrap();
        drop(OutputLock::acquire(&out).unwrap());
        assert_eq!(
            fs::read_to_string(out.join("index.html")).unwrap(),
            "previous"
        );
        assert!(!old.exists());
        assert!(
            !t.path().join(".public.aware-staging-99").exists(),
            "leftover staging removed"
        );
    }

    #[cfg(unix)]
    #[test]
    fn unchanged_files_are_linked_from_the_previous_site() {
        use std::os::unix::fs::MetadataExt;
        let t = tempfile::tempdir().unwrap();
        let out = t.path().join("public");
        let f = |p: &str, b: &str| OutFile {
            path: p.into(),
            bytes: b.as_bytes().to_vec(),
        };
        write_site(&out, &[f("same.html", "same"), f("changed.html", "one")]).unwrap();
        let before = fs::metadata(out.join("same.html")).unwrap().ino();
        let changed_before = fs::metadata(out.join("changed.html")).unwrap().ino();
        write_site(&out, &[f("same.html", "same"), f("changed.html", "two")]).unwrap();
        assert_eq!(
            fs::metadata(out.join("same.html")).unwrap().ino(),
            before,
            "linked, not rewritten"
        );
        assert_ne!(
            fs::metadata(out.join("changed.html")).unwrap().ino(),
            changed_before
        );
        assert_eq!(fs::read_to_string(out.join("changed.html")).unwrap(), "two");
        assert_eq!(
            fs::metadata(out.join("same.html")).unwrap().nlink(),
            1,
            "the previous site is gone"
        );
    }
}
