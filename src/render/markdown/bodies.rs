//! A course's bodies: every module's and page's markdown rendered, and what the later
//! stages take from them.

use super::{render_body, Body, LinkTargets, Section};
use crate::diagnostic::Diagnostics;
use crate::load::Course;

/// The markdown stage's output for a course: each module's and each page's body, in
/// course order.
#[derive(Debug, Clone, Default)]
pub(crate) struct Bodies {
    pub(crate) modules: Vec<Body>,
    pub(crate) pages: Vec<Body>,
}

impl Bodies {
    /// Renders every module and page, with all the problems found.
    pub(crate) fn render(course: &Course) -> (Bodies, Diagnostics) {
        let mut diags = Diagnostics::new();
        let mut take = |rendered: Vec<(Body, Diagnostics)>| -> Vec<Body> {
            rendered
                .into_iter()
                .map(|(b, d)| {
                    diags.extend(d);
                    b
                })
                .collect()
        };
        let modules = take(render_bodies(course));
        let pages = take(render_page_bodies(course));
        (Bodies { modules, pages }, diags)
    }

    /// Each module's and then each page's sections, copied (for search; `aware serve`
    /// keeps the bodies, and copying their HTML as well cost more than the rest).
    pub(crate) fn sections(&self) -> (Vec<Vec<Section>>, Vec<Vec<Section>>) {
        let m = self.modules.iter().map(|b| b.sections.clone()).collect();
        let p = self.pages.iter().map(|b| b.sections.clone()).collect();
        (m, p)
    }

    /// Each module's and then each page's sections, taken (for search).
    pub(crate) fn into_sections(self) -> (Vec<Vec<Section>>, Vec<Vec<Section>>) {
        use rayon::prelude::*;
        // The HTML is freed on the thread pool: at 10,000 modules it is a lot of strings.
        let m = self.modules.into_par_iter().map(|b| b.sections).collect();
        let p = self.pages.into_iter().map(|b| b.sections).collect();
        (m, p)
    }
}

/// Every module's body, rendered in parallel, with the problems found in each (in
/// module order).
pub(crate) fn render_bodies(course: &Course) -> Vec<(Body, Diagnostics)> {
    use rayon::prelude::*;
    let targets = LinkTargets::new(course);
    course
        .modules
        .par_iter()
        .map(|m| render_body(m.into(), &targets))
        .collect()
}

/// Every standalone page's body, with the problems found in each (in page order).
pub(crate) fn render_page_bodies(course: &Course) -> Vec<(Body, Diagnostics)> {
    let targets = LinkTargets::new(course);
    course
        .pages
        .iter()
        .map(|p| render_body(p.into(), &targets))
        .collect()
}
