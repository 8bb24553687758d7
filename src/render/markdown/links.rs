//! Links and images: `glossary:` links become term links, links to other modules' files
//! point at their pages, and images and linked files point at their copies under
//! `media/`. Each target is resolved against the module's folder (path arithmetic only:
//! nothing here touches the disk) and recorded as a [`Reference`] for the check stage.

use std::ops::Range;
use std::path::{Component, Path, PathBuf};

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

use super::{Doc, LinkTargets, Lints, Reference, Target};
use crate::load::CONTENT_DIR;
use crate::util::html::escape;
use crate::util::percent::{decode_lenient, encode_path};
use crate::util::site_path::site_path;
use crate::util::slug::slug_from_file;

/// What the links of one module refer to.
#[derive(Default)]
pub(super) struct Refs {
    pub(super) references: Vec<Reference>,
    pub(super) terms: Vec<String>,
    pub(super) assets: Vec<PathBuf>,
}

type Events<'e> = Vec<(Event<'e>, Range<usize>)>;

/// Rewrites link and image destinations; warns about images without alt text.
pub(super) fn apply<'e>(
    events: Events<'e>,
    doc: Doc,
    targets: &LinkTargets,
    lints: &mut Lints,
) -> (Events<'e>, Refs) {
    let mut r = Resolver {
        doc,
        targets,
        refs: Refs::default(),
    };
    let mut out: Events<'e> = Vec::with_capacity(events.len());
    // For each open link: is it a glossary link (closed with raw HTML)?
    let mut glossary: Vec<bool> = Vec::new();
    let mut image: Option<(String, Range<usize>)> = None;
    for (ev, range) in events {
        let ev = match ev {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                if let Some(term) = dest_url.strip_prefix("glossary:") {
                    glossary.push(true);
                    Event::Html(CowStr::from(r.term(term.trim(), lints.span(&range))))
                } else {
                    glossary.push(false);
                    let dest_url = CowStr::from(r.link(&dest_url, link_type, lints.span(&range)));
                    Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    })
                }
            }
            Event::End(TagEnd::Link) if glossary.pop() == Some(true) => {
                Event::Html(CowStr::from("</a>"))
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                image = Some((String::new(), range.clone()));
                let dest_url = CowStr::from(r.image(&dest_url, lints.span(&range)));
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::End(TagEnd::Image) => {
                if let Some((alt, r)) = image.take() {
                    if alt.trim().is_empty() {
                        lints.warning("image-no-alt", "image has no alt text", "describe the image for people who cannot see it: ![what the image shows](path)", &r);
                    }
                }
                Event::End(TagEnd::Image)
            }
            Event::Text(t) => {
                if let Some((alt, _)) = &mut image {
                    alt.push_str(&t);
                }
                Event::Text(t)
            }
            Event::Html(h) => {
                r.raw_html(&h, lints.span(&range));
                Event::Html(h)
            }
            Event::InlineHtml(h) => {
                r.raw_html(&h, lints.span(&range));
                Event::InlineHtml(h)
            }
            other => other,
        };
        out.push((ev, range));
    }
    (out, r.refs)
}

struct Resolver<'a, 'p> {
    doc: Doc<'a>,
    targets: &'a LinkTargets<'p>,
    refs: Refs,
}

impl Resolver<'_, '_> {
    fn refer(&mut self, target: Target, written: &str, path: &str, span: (usize, usize)) {
        self.refs.references.push(Reference {
            target,
            written: written.to_string(),
            path: path.to_string(),
            span,
        });
    }

    /// Records what raw HTML would load from elsewhere or the CSP would block.
    fn raw_html(&mut self, html: &str, span: (usize, usize)) {
        for (target, written) in super::raw_html::scan(html) {
            self.refer(target, &written, &written, span);
        }
    }

    /// The opening tag of a glossary term link.
    fn term(&mut self, id: &str, span: (usize, usize)) -> String {
        if !self.refs.terms.iter().any(|t| t == id) {
            self.refs.terms.push(id.to_string());
        }
        self.refer(Target::Term(id.to_string()), id, id, span);
        format!(
            "<a class=\"term\" href=\"../glossary.html#term-{id}\">",
            id = escape(id)
        )
    }

    /// The URL to write for a link.
    fn link(&mut self, dest: &str, link_type: LinkType, span: (usize, usize)) -> String {
        if matches!(link_type, LinkType::Email) {
            return dest.to_string();
        }
        if has_scheme(dest) {
            if let Some((scheme, term)) = dest.split_once(':') {
                if looks_like_glossary(scheme) {
                    self.refer(Target::MistypedGlossary, dest, term, span);
                }
            }
            return dest.to_string();
        }
        let (path, fragment) = match dest.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (dest, None),
        };
        if path.is_empty() {
            if let Some(f) = fragment {
                self.refer(Target::SamePage(f.to_string()), dest, path, span);
            }
            return dest.to_string();
        }
        if path.starts_with('/') {
            self.refer(Target::Absolute { image: false }, dest, path, span);
            return dest.to_string();
        }
        let Some(file) = self.resolve(path, dest, span) else {
            return dest.to_string();
        };
        if is_markdown(&file) {
            let url = self
                .targets
                .url(&file, self.doc.folder)
                .unwrap_or_else(|| format!("{}.html", slug_from_file(&file)));
            let fragment = fragment.map(str::to_string);
            let url = match &fragment {
                Some(f) => format!("{url}#{f}"),
                None => url,
            };
            self.refer(Target::Module { file, fragment }, dest, path, span);
            return url;
        }
        let url = self.file(file, dest, path, false, span);
        match fragment {
            Some(f) if url != dest => format!("{url}#{f}"),
            _ => url,
        }
    }

    /// The URL to write for an image.
    fn image(&mut self, dest: &str, span: (usize, usize)) -> String {
        if dest.starts_with("data:") {
            return dest.to_string();
        }
        if has_scheme(dest) || dest.starts_with("//") {
            self.refer(Target::ExternalImage, dest, dest, span);
            return dest.to_string();
        }
        if dest.starts_with('/') {
            self.refer(Target::Absolute { image: true }, dest, dest, span);
            return dest.to_string();
        }
        match self.resolve(dest, dest, span) {
            Some(file) => self.file(file, dest, dest, true, span),
            None => dest.to_string(),
        }
    }

    /// A file beside the modules, published under `media/`.
    fn file(
        &mut self,
        file: PathBuf,
        dest: &str,
        path: &str,
        image: bool,
        span: (usize, usize),
    ) -> String {
        let url = match file.strip_prefix(CONTENT_DIR) {
            Ok(inside) => {
                if !self.refs.assets.contains(&file) {
                    self.refs.assets.push(file.clone());
                }
                format!("../media/{}", encode_path(&site_path(inside)))
            }
            Err(_) => dest.to_string(),
        };
        self.refer(Target::File { file, image }, dest, path, span);
        url
    }

    /// Resolves a relative path against the module's folder. A path that climbs out of the
    /// course or is not relative is recorded as such and gives `None`.
    fn resolve(&mut self, path: &str, dest: &str, span: (usize, usize)) -> Option<PathBuf> {
        let decoded = decode_lenient(path);
        let base = self.doc.source.parent().unwrap_or(Path::new(""));
        let mut parts: Vec<String> = base
            .components()
            .filter_map(|c| match c {
                Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
                _ => None,
            })
            .collect();
        for comp in Path::new(&decoded).components() {
            let escape = match comp {
                // A `\` is a separator on Windows: in a name it could climb out of the
                // site when the file is written or unzipped.
                Component::Normal(s) if s.to_string_lossy().contains('\\') => Some(true),
                Component::Normal(s) => {
                    parts.push(s.to_string_lossy().into_owned());
                    None
                }
                Component::ParentDir => parts.pop().is_none().then_some(false),
                Component::CurDir => None,
                _ => Some(true),
            };
            if let Some(not_relative) = escape {
                self.refer(Target::Escapes { not_relative }, dest, path, span);
                return None;
            }
        }
        Some(parts.iter().collect())
    }
}

fn is_markdown(file: &Path) -> bool {
    file.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// A link scheme that is `glossary` mistyped (`Glossary:`, `glosary:`, `glossery:`): the
/// link would be published as a dead link.
fn looks_like_glossary(scheme: &str) -> bool {
    let s = scheme.to_ascii_lowercase();
    scheme != "glossary"
        && (s == "glossary" || (s.len() >= 6 && strsim::levenshtein(&s, "glossary") <= 2))
}

/// True when `dest` starts with a URL scheme such as `https:` or `mailto:`.
pub(crate) fn has_scheme(dest: &str) -> bool {
    match dest.find(':') {
        Some(i) => {
            let scheme = &dest[..i];
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '-' || c == '.')
                && !dest[..i].contains('/')
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::body;
    use super::super::Target;
    use std::path::PathBuf;

    #[test]
    fn module_links_point_at_pages_and_keep_their_fragment() {
        let b = body("See [next](02-next.md#signs) and [here](#top-part).");
        assert!(b.html.contains("href=\"next.html#signs\""), "{}", b.html);
        let targets: Vec<&Target> = b.references.iter().map(|r| &r.target).collect();
        assert_eq!(
            targets,
            [
                &Target::Module {
                    file: PathBuf::from("content/02-next.md"),
                    fragment: Some("signs".into())
                },
                &Target::SamePage("top-part".into())
            ]
        );
    }

    #[test]
    fn images_and_files_go_to_media() {
        let b = body("![A map](images/my%20map.png) [form](files/form.pdf#page=2)");
        assert!(
            b.html.contains("src=\"../media/images/my%20map.png\""),
            "{}",
            b.html
        );
        assert!(
            b.html.contains("href=\"../media/files/form.pdf#page=2\""),
            "{}",
            b.html
        );
        assert_eq!(
            b.assets,
            [
                PathBuf::from("content/images/my map.png"),
                PathBuf::from("content/files/form.pdf")
            ]
        );
    }

    #[test]
    fn escapes_and_absolute_paths_are_recorded_not_resolved() {
        let b = body("[a](../../etc/passwd) [b](/abs.md) ![c](https://x.org/i.png)");
        let targets: Vec<&Target> = b.references.iter().map(|r| &r.target).collect();
        assert_eq!(
            targets,
            [
                &Target::Escapes {
                    not_relative: false
                },
                &Target::Absolute { image: false },
                &Target::ExternalImage
            ]
        );
        assert!(b.html.contains("href=\"../../etc/passwd\""));
    }

    #[test]
    fn glossary_links_become_term_links() {
        let b = body("A [recruiter](glossary:recruiter) and [again](glossary:recruiter).");
        assert_eq!(b.terms, ["recruiter"]);
        assert!(b
            .html
            .contains("<a class=\"term\" href=\"../glossary.html#term-recruiter\">recruiter</a>"));
    }

    #[test]
    fn web_and_mail_links_are_left_alone() {
        let b = body("[w](https://www.dol.gov/) <help@example.org>");
        assert!(b.references.is_empty());
    }

    #[test]
    fn images_without_alt_text_warn() {
        let (_, d) = super::super::tests::render("![](images/a.png)\n");
        assert_eq!(d.items()[0].code, "image-no-alt");
    }
}
