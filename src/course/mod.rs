//! The course model and how it is read from disk.

pub mod frontmatter;
pub mod load;
pub mod model;

pub use load::load;
pub use model::*;
