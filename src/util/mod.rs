//! Small helpers shared by every stage, one job each.

pub(crate) mod base64;
pub(crate) mod html;
pub(crate) mod percent;
pub(crate) mod placeholder;
pub(crate) mod site_path;
pub(crate) mod slug;
pub(crate) mod text;
