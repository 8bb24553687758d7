//! Writing the site atomically: everything goes into a staging folder beside the output,
//! which replaces the output only once it is complete. A build that fails at any point
//! leaves the previous site exactly as it was.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;

use anyhow::{Context, Result};

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
pub(crate) struct Staging {
    out: PathBuf,
    dir: PathBuf,
    old: PathBuf,
    made_dirs: Mutex<HashSet<PathBuf>>,
    files: AtomicUsize,
    bytes: AtomicU64,
    committed: bool,
}

impl Staging {
    /// Creates an empty staging folder next to `out` (removing a stale one).
    pub(crate) fn create(out: &Path) -> Result<Staging> {
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
        let dir = parent.join(format!(".{name}.aware-staging"));
        let old = parent.join(format!(".{name}.aware-old"));
        if dir.exists() {
            fs::remove_dir_all(&dir)
                .with_context(|| format!("cannot remove stale {}", dir.display()))?;
        }
        fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        Ok(Staging {
            out,
            dir,
            old,
            made_dirs: Mutex::new(HashSet::new()),
            files: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
            committed: false,
        })
    }

    fn parent_for(&self, rel: &Path) -> Result<PathBuf> {
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

    /// Marks the folder as aware's and swaps it in place of the output folder.
    pub(crate) fn commit(mut self) -> Result<WriteStats> {
        fs::write(
            self.dir.join(MARKER),
            concat!("built by aware ", env!("CARGO_PKG_VERSION"), "\n"),
        )?;
        if self.old.exists() {
            fs::remove_dir_all(&self.old)
                .with_context(|| format!("cannot remove stale {}", self.old.display()))?;
        }
        let had_old = self.out.exists();
        if had_old {
            fs::rename(&self.out, &self.old).with_context(|| {
                format!("cannot move the previous site {} aside", self.out.display())
            })?;
        }
        if let Err(e) = fs::rename(&self.dir, &self.out) {
            if had_old {
                let _ = fs::rename(&self.old, &self.out);
            }
            return Err(e)
                .with_context(|| format!("cannot move the new site into {}", self.out.display()));
        }
        self.committed = true;
        if had_old {
            let _ = fs::remove_dir_all(&self.old);
        }
        Ok(WriteStats {
            files: self.files.load(Ordering::Relaxed),
            bytes: self.bytes.load(Ordering::Relaxed),
        })
    }
}

impl Sink for Staging {
    /// Writes one generated file.
    fn write(&self, f: OutFile) -> Result<()> {
        let target = self.parent_for(&f.path)?;
        fs::write(&target, &f.bytes)
            .with_context(|| format!("cannot write {}", f.path.display()))?;
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes
            .fetch_add(f.bytes.len() as u64, Ordering::Relaxed);
        Ok(())
    }

    /// Copies a source file into the site at `dest`.
    fn copy(&self, src: &Path, dest: &Path) -> Result<()> {
        let target = self.parent_for(dest)?;
        let n = fs::copy(src, &target)
            .with_context(|| format!("cannot copy {} to {}", src.display(), dest.display()))?;
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
        let staging = Staging::create(out)?;
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
        let leftovers: Vec<_> = fs::read_dir(t.path())
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.file_name())
            .collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("public")]);
    }
}
