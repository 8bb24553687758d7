//! Watching the course folder: file events, debounced into one batch per save.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use super::changes::is_editor_temp;

/// Quiet time after the last file event before rebuilding: one editor save (write to a
/// temporary file, rename, write) is one rebuild.
pub(crate) const DEBOUNCE: Duration = Duration::from_millis(25);
/// Extra wait when a batch holds a course file that is missing or empty (half-saved).
pub(crate) const SETTLE: Duration = Duration::from_millis(100);
/// Longest a stream of file events can delay a rebuild.
pub(crate) const DEBOUNCE_MAX: Duration = Duration::from_millis(500);

/// The course folders being watched.
pub(super) type Watched = HashSet<PathBuf>;

/// Starts watching the course folder (itself, and its `content/`, `quizzes/` and `themes/`
/// recursively): file events that can change the site arrive on the receiver.
pub(super) fn start(
    root: &Path,
) -> anyhow::Result<(RecommendedWatcher, Receiver<PathBuf>, Watched)> {
    let (tx, rx) = mpsc::channel::<PathBuf>();
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        let Ok(ev) = res else { return };
        if !relevant(&ev.kind) {
            return;
        }
        for p in ev.paths {
            let _ = tx.send(p);
        }
    })
    .context("cannot start watching files")?;
    let mut watched = Watched::new();
    watcher
        .watch(root, RecursiveMode::NonRecursive)
        .with_context(|| format!("cannot watch {}", root.display()))?;
    watch_dirs(&mut watcher, root, &mut watched, true);
    Ok((watcher, rx, watched))
}

/// Watches the course's sub-folders that exist and are not watched yet (again after a
/// folder was deleted and made anew).
pub(super) fn watch_dirs(
    watcher: &mut impl Watcher,
    root: &Path,
    watched: &mut HashSet<PathBuf>,
    first: bool,
) {
    for sub in ["content", "quizzes", "themes"] {
        let dir = root.join(sub);
        if dir.is_dir() {
            if !first && watched.contains(&dir) {
                // Re-watch: the folder may be a new one under the same name.
                let _ = watcher.unwatch(&dir);
            }
            if watcher.watch(&dir, RecursiveMode::Recursive).is_ok() {
                watched.insert(dir);
            }
        } else {
            watched.remove(&dir);
        }
    }
}

/// File events that can change the site (opening and reading files do not).
fn relevant(kind: &EventKind) -> bool {
    use notify::event::{AccessKind, AccessMode, MetadataKind, ModifyKind};
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => false,
        _ => true,
    }
}

/// Waits for file events and returns one batch of changed paths: everything that arrives
/// until [`DEBOUNCE`] passes with no event (at most [`DEBOUNCE_MAX`]). Editor temporary
/// files never start or extend a batch. When a course file in the batch is missing or
/// empty, which is how a save looks half-way through, the batch waits up to [`SETTLE`]
/// longer for the rest of the save. `None` when the watcher is gone.
pub(super) fn debounce(rx: &Receiver<PathBuf>, root: &Path) -> Option<Vec<PathBuf>> {
    let keep = |p: &PathBuf| {
        p.strip_prefix(root)
            .map(|rel| !is_editor_temp(rel))
            .unwrap_or(false)
    };
    let first = loop {
        let p = rx.recv().ok()?;
        if keep(&p) {
            break p;
        }
    };
    let started = Instant::now();
    let mut batch = vec![first];
    let mut quiet_until = Instant::now() + DEBOUNCE;
    let mut settled = false;
    loop {
        let now = Instant::now();
        let deadline = quiet_until.min(started + DEBOUNCE_MAX);
        if now >= deadline {
            if !settled && now < started + DEBOUNCE_MAX && batch.iter().any(|p| half_saved(p)) {
                settled = true;
                quiet_until = now + SETTLE;
                continue;
            }
            break;
        }
        match rx.recv_timeout(deadline - now) {
            Ok(p) => {
                if keep(&p) {
                    if !batch.contains(&p) {
                        batch.push(p);
                    }
                    quiet_until = Instant::now() + DEBOUNCE;
                }
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => break,
        }
    }
    Some(batch)
}

/// A course file (markdown or YAML) that is missing or empty: maybe deleted, maybe in
/// the middle of being saved.
fn half_saved(p: &Path) -> bool {
    let course_file = p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        matches!(
            e.to_ascii_lowercase().as_str(),
            "md" | "markdown" | "yaml" | "yml"
        )
    });
    course_file && std::fs::metadata(p).map(|m| m.len() == 0).unwrap_or(true)
}
