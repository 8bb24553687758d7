//! A site in memory: what `aware serve` serves and tests inspect.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use anyhow::Context as _;

use super::{OutFile, Sink};
use crate::util::site_path::site_path;

/// A file's bytes, shared without copying between the site and the server's threads.
pub type Bytes = Arc<[u8]>;

/// Site files by path, with `/` separators (e.g. `modules/intro.html`).
pub type Files = BTreeMap<String, Bytes>;

/// Collects files in memory.
#[derive(Default)]
pub(crate) struct Memory {
    files: Mutex<Files>,
}

impl Memory {
    /// The files collected.
    pub(crate) fn into_files(self) -> Files {
        self.files.into_inner().unwrap_or_default()
    }

    fn put(&self, path: &Path, bytes: Vec<u8>) {
        if let Ok(mut f) = self.files.lock() {
            f.insert(site_path(path), Bytes::from(bytes));
        }
    }
}

impl Sink for Memory {
    fn write(&self, file: OutFile) -> anyhow::Result<()> {
        self.put(&file.path, file.bytes);
        Ok(())
    }

    fn copy(&self, src: &Path, dest: &Path) -> anyhow::Result<()> {
        let bytes = std::fs::read(src).with_context(|| format!("cannot read {}", src.display()))?;
        self.put(dest, bytes);
        Ok(())
    }
}
