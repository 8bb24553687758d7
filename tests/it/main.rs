//! The integration tests, in one binary (one link of the library instead of one per
//! file): fixture courses built and checked through the library and the `aware` binary.

mod common;

mod authoring;
mod build;
mod course_content;
mod diagnostics;
mod hardening;
mod package;
mod paths;
mod search;
mod serve;
mod snapshots;
