//! `imsmanifest.xml`: one organisation, one item, one SCO (the course's home page) that
//! lists every file of the package, with the pass mark where each SCORM wants it.
//!
//! Identifiers derive from the course id only (`aware.<id>`, `aware.<id>.item`, …), so
//! every version of a course has the same ones and an LMS recognises an upload as a new
//! version (the manifest's `version` attribute) of a course it knows.

use std::fmt::Write as _;

use super::Standard;
use crate::load::Course;
use crate::util::html::escape;

/// The manifest for a package of `course` holding `files` (site paths, `/`-separated).
pub(crate) fn manifest(course: &Course, standard: Standard, files: &[String]) -> String {
    let c = &course.config;
    let id = format!("aware.{}", c.id);
    let title = escape(c.title.trim());
    let pass_mark = c
        .final_assessment
        .as_ref()
        .map(|f| f.pass_mark.unwrap_or(c.pass_mark));
    let mut x = String::with_capacity(200 + files.len() * 40);
    x.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let (root_ns, schemaversion) = match standard {
        Standard::Scorm12 => (SCORM12_NAMESPACES, "1.2"),
        Standard::Scorm2004 => (SCORM2004_NAMESPACES, "2004 4th Edition"),
    };
    let _ = writeln!(
        x,
        "<manifest identifier=\"{id}\" version=\"{}\" {root_ns}>",
        escape(&c.version)
    );
    let _ = writeln!(x, "  <metadata>\n    <schema>ADL SCORM</schema>\n    <schemaversion>{schemaversion}</schemaversion>\n  </metadata>");
    let _ = writeln!(x, "  <organizations default=\"{id}.org\">\n    <organization identifier=\"{id}.org\">\n      <title>{title}</title>");
    let _ = writeln!(x, "      <item identifier=\"{id}.item\" identifierref=\"{id}.sco\" isvisible=\"true\">\n        <title>{title}</title>");
    match (standard, pass_mark) {
        (Standard::Scorm12, Some(p)) => {
            let _ = writeln!(x, "        <adlcp:masteryscore>{p}</adlcp:masteryscore>");
        }
        (Standard::Scorm2004, p) => x.push_str(&sequencing(p)),
        (Standard::Scorm12, None) => {}
    }
    x.push_str("      </item>\n    </organization>\n  </organizations>\n  <resources>\n");
    let scorm_type = match standard {
        Standard::Scorm12 => "adlcp:scormtype",
        Standard::Scorm2004 => "adlcp:scormType",
    };
    let _ = writeln!(x, "    <resource identifier=\"{id}.sco\" type=\"webcontent\" {scorm_type}=\"sco\" href=\"index.html\">");
    for f in files {
        let _ = writeln!(x, "      <file href=\"{}\"/>", escape(&uri_path(f)));
    }
    x.push_str("    </resource>\n  </resources>\n</manifest>\n");
    x
}

const SCORM12_NAMESPACES: &str = "xmlns=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2\" xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_rootv1p2\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd\"";

const SCORM2004_NAMESPACES: &str = "xmlns=\"http://www.imsglobal.org/xsd/imscp_v1p1\" xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_v1p3\" xmlns:adlseq=\"http://www.adlnet.org/xsd/adlseq_v1p3\" xmlns:adlnav=\"http://www.adlnet.org/xsd/adlnav_v1p3\" xmlns:imsss=\"http://www.imsglobal.org/xsd/imsss\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd\"";

/// SCORM 2004 sequencing of the one item: the content reports completion and success;
/// with a final assessment, success is also "the scaled score reaches the pass mark".
fn sequencing(pass_mark: Option<u8>) -> String {
    let objective = match pass_mark {
        Some(p) => format!(
            "          <imsss:objectives>\n            <imsss:primaryObjective objectiveID=\"pass\" satisfiedByMeasure=\"true\">\n              <imsss:minNormalizedMeasure>{}</imsss:minNormalizedMeasure>\n            </imsss:primaryObjective>\n          </imsss:objectives>\n",
            f64::from(p) / 100.0
        ),
        None => String::new(),
    };
    format!("        <imsss:sequencing>\n{objective}          <imsss:deliveryControls completionSetByContent=\"true\" objectiveSetByContent=\"true\"/>\n        </imsss:sequencing>\n")
}

/// A site path as a URI reference.
pub(crate) fn uri_path(path: &str) -> String {
    crate::util::percent::encode_path(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_percent_encoded() {
        assert_eq!(uri_path("media/a b#1?.png"), "media/a%20b%231%3F.png");
        assert_eq!(uri_path("médias/x.html"), "m%C3%A9dias/x.html");
        assert_eq!(
            uri_path("modules/who-is-at-risk.html"),
            "modules/who-is-at-risk.html"
        );
    }

    #[test]
    fn the_pass_mark_is_a_normalized_measure_in_2004() {
        let s = sequencing(Some(80));
        assert!(
            s.contains("<imsss:minNormalizedMeasure>0.8</imsss:minNormalizedMeasure>"),
            "{s}"
        );
        assert!(s.contains("satisfiedByMeasure=\"true\""));
        assert!(!sequencing(None).contains("objectives"));
    }
}
