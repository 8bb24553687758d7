//! aware: turns a folder of markdown modules and YAML quizzes into a static,
//! searchable awareness-training site with completion certificates.
//!
//! One pipeline, one folder per stage; every command is a cut of it (`pipeline`):
//!
//! ```text
//! load ─► markdown ─► check ─► render ─► search ─► write
//! ```
//!
//! - `load/`: the course folder → the typed [`course::Course`] model and the theme;
//! - `render/markdown/`: each module's body → HTML, outline and references;
//! - `check/`: everything judged across files (links, quizzes, logo);
//! - `render/`: pages, `course.js` and files, into a sink;
//! - [`search`]: the search index, for the browser and for `aware search`;
//! - `write/`: the sinks (atomic staging folder, memory);
//! - [`serve`]: the same stages redone in part on each change, served with live reload.
//!
//! Shared helpers live in `util/`; [`diagnostic`] is how every stage reports problems and
//! [`messages`] what the commands say.

#![warn(unreachable_pub)]

mod check;
pub mod diagnostic;
mod load;
pub mod messages;
pub mod package;
mod pipeline;
mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
mod util;
mod write;

pub use pipeline::{
    build, build_with, check_course, package, search_index, BuildOptions, BuildReport,
    PackageReport,
};
pub use render::markdown::RESERVED_IDS;
pub use write::guard::MARKER as OUTPUT_MARKER;

/// The course model: what a course folder holds, as typed and checked data.
pub mod course {
    pub use crate::load::config::{
        Certificate, Colours, Contact, FinalAssessment, Hotline, SearchSettings, SiteConfig,
    };
    pub use crate::load::model::*;
}
