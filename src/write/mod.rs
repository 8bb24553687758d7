//! Stage 5, **write**: where the site's files go. Every command that renders hands its
//! files to a [`Sink`]:
//!
//! - [`staging::Staging`] (`aware build`): a fresh folder beside the output, swapped in
//!   only once the whole site is in it, so a failed build leaves the old site untouched;
//!   [`guard`] refuses output folders that aware did not make;
//! - [`memory::Memory`] (`aware serve`, tests): a map of site paths to bytes.
//!
//! `aware check` renders nothing, so it needs no sink.

mod fsops;
pub(crate) mod guard;
pub(crate) mod memory;
pub(crate) mod staging;
pub(crate) mod zip;

use std::path::{Path, PathBuf};

/// One generated file: its path in the site and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct OutFile {
    pub(crate) path: PathBuf,
    pub(crate) bytes: Vec<u8>,
}

/// A sink that keeps nothing: `aware check` renders every page to find template errors.
pub(crate) struct Discard;

impl Sink for Discard {
    fn write(&self, _file: OutFile) -> anyhow::Result<()> {
        Ok(())
    }

    fn copy(&self, _src: &Path, _dest: &Path) -> anyhow::Result<()> {
        Ok(())
    }
}

/// Where a render puts files. Implementations are shared between the render threads.
pub(crate) trait Sink: Sync {
    /// Takes one generated file.
    fn write(&self, file: OutFile) -> anyhow::Result<()>;

    /// Takes a copy of the source file `src` (an image, the logo) at `dest` in the site.
    fn copy(&self, src: &Path, dest: &Path) -> anyhow::Result<()>;
}
