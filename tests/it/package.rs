//! `aware package`: SCORM zips read back with an independent reader (Python's zipfile),
//! manifests validated against the schemas shipped in the zip (xmllint), atomic writes,
//! and the LMS runtime only in packages.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::*;

/// Unzips `zip` into `dir` with Python's zipfile module, which checks every CRC.
fn unzip(zip: &Path, dir: &Path) {
    let out = Command::new("python3")
        .args(["-c", "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); bad = z.testzip(); assert bad is None, bad; z.extractall(sys.argv[2])"])
        .arg(zip)
        .arg(dir)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn files_under(dir: &Path) -> BTreeSet<String> {
    walkdir(dir)
        .into_iter()
        .map(|p| {
            p.strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect()
}

fn package(course: &Path, flag: &str, out: &Path) -> std::process::Output {
    aware(
        &[
            "package",
            &course.to_string_lossy(),
            flag,
            "-o",
            &out.to_string_lossy(),
        ],
        course,
    )
}

/// The schema files each standard ships, and the namespaces its manifest imports.
fn schema_imports(standard: &str) -> &'static [(&'static str, &'static str)] {
    match standard {
        "scorm12" => &[
            (
                "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
                "imscp_rootv1p1p2.xsd",
            ),
            (
                "http://www.adlnet.org/xsd/adlcp_rootv1p2",
                "adlcp_rootv1p2.xsd",
            ),
            (
                "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1",
                "imsmd_rootv1p2p1.xsd",
            ),
        ],
        _ => &[
            ("http://www.imsglobal.org/xsd/imscp_v1p1", "imscp_v1p1.xsd"),
            ("http://www.adlnet.org/xsd/adlcp_v1p3", "adlcp_v1p3.xsd"),
            ("http://www.adlnet.org/xsd/adlseq_v1p3", "adlseq_v1p3.xsd"),
            ("http://www.adlnet.org/xsd/adlnav_v1p3", "adlnav_v1p3.xsd"),
            ("http://www.imsglobal.org/xsd/imsss", "imsss_v1p0.xsd"),
        ],
    }
}

/// Validates `dir/imsmanifest.xml` with xmllint against the schemas in `dir` (no network).
/// Returns false when xmllint is missing (a failure when CI=true).
fn validate_manifest(dir: &Path, standard: &str) -> bool {
    if Command::new("xmllint").arg("--version").output().is_err() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "xmllint is missing (Debian: libxml2-utils; tests/run.sh installs it)"
        );
        eprintln!("skipping manifest validation: xmllint is missing (install libxml2-utils)");
        return false;
    }
    let mut wrapper = String::from(
        "<?xml version=\"1.0\"?>\n<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\">\n",
    );
    for (ns, file) in schema_imports(standard) {
        assert!(dir.join(file).is_file(), "{file} is in the package");
        wrapper.push_str(&format!(
            "<xs:import namespace=\"{ns}\" schemaLocation=\"{file}\"/>\n"
        ));
    }
    wrapper.push_str("</xs:schema>\n");
    fs::write(dir.join("all-schemas.xsd"), wrapper).unwrap();
    let out = Command::new("xmllint")
        .args([
            "--nonet",
            "--noout",
            "--schema",
            "all-schemas.xsd",
            "imsmanifest.xml",
        ])
        .current_dir(dir)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && text.contains("imsmanifest.xml validates"),
        "{standard}: {text}"
    );
    true
}

#[test]
fn packages_hold_the_site_the_runtime_the_manifest_and_its_schemas() {
    let t = tempfile::tempdir().unwrap();
    let site = t.path().join("site");
    let (_, report) = aware::build(&fixture("good"), &site).unwrap();
    report.expect("builds");
    let built = files_under(&site);
    assert!(
        !built.iter().any(|f| f.starts_with("lms/")),
        "no LMS code in a build"
    );
    for page in built.iter().filter(|f| f.ends_with(".html")) {
        let html = fs::read_to_string(site.join(page)).unwrap();
        assert!(!html.contains("aware-scorm"), "{page} loads no LMS runtime");
    }
    for (flag, standard) in [("--scorm12", "scorm12"), ("--scorm2004", "scorm2004")] {
        let zip = t.path().join(format!("{standard}.zip"));
        let out = package(&fixture("good"), flag, &zip);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let dir = t.path().join(standard);
        unzip(&zip, &dir);
        let files = files_under(&dir);
        for f in built.iter().filter(|f| *f != aware::OUTPUT_MARKER) {
            assert!(files.contains(f), "{standard}: {f} is in the package");
        }
        assert!(files.contains("lms/aware-scorm.js"));
        let manifest = fs::read_to_string(dir.join("imsmanifest.xml")).unwrap();
        for f in files
            .iter()
            .filter(|f| !f.ends_with(".xsd") && !f.ends_with(".dtd") && *f != "imsmanifest.xml")
        {
            assert!(
                manifest.contains(&format!("<file href=\"{f}\"/>")),
                "{standard}: manifest lists {f}"
            );
        }
        assert!(
            manifest.contains("identifier=\"aware.fixture-course\" version=\""),
            "{manifest}"
        );
        let (course, _) = aware::check_course(&fixture("good"));
        let f = course.config.final_assessment.as_ref().unwrap();
        let pass = f.pass_mark.unwrap_or(course.config.pass_mark);
        let expected = match standard {
            "scorm12" => format!("<adlcp:masteryscore>{pass}</adlcp:masteryscore>"),
            _ => format!(
                "<imsss:minNormalizedMeasure>{}</imsss:minNormalizedMeasure>",
                f64::from(pass) / 100.0
            ),
        };
        assert!(
            manifest.contains(&expected),
            "{standard}: {expected} in {manifest}"
        );
        for page in files.iter().filter(|f| f.ends_with(".html")) {
            let html = fs::read_to_string(dir.join(page)).unwrap();
            let runtime = html
                .find("lms/aware-scorm.js")
                .unwrap_or_else(|| panic!("{page} loads the runtime"));
            // The 404 page loads aware.js through static/404.js (see its template).
            let core = html
                .find("static/aware.js")
                .or_else(|| html.find("static/404.js"))
                .unwrap();
            assert!(runtime < core, "{page}: the runtime loads first");
        }
        validate_manifest(&dir, standard);
    }
}

#[test]
fn a_failed_package_writes_nothing_and_keeps_the_old_zip() {
    let t = tempfile::tempdir().unwrap();
    let zip = t.path().join("course.zip");
    // An empty zip: the previous package.
    let previous = b"PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0";
    fs::write(&zip, previous).unwrap();
    let course = course_with_overlay(Some(&fixture("bad/missing-quiz")));
    let out = package(course.path(), "--scorm12", &zip);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("No SCORM 1.2 zip was written"));
    assert_eq!(fs::read(&zip).unwrap(), previous);
    let names: Vec<PathBuf> = fs::read_dir(t.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(names, [zip], "no temporary file left");
}

#[test]
fn a_package_never_replaces_a_file_that_is_not_a_zip() {
    let course = course_with_overlay(None);
    let site_yaml = fs::read(course.path().join("site.yaml")).unwrap();
    let notes = course.path().join("notes.zip");
    fs::write(&notes, "my notes").unwrap();
    for (target, why) in [
        ("site.yaml", "does not end in .zip"),
        ("notes.zip", "exists and is not a zip"),
    ] {
        let out = package(course.path(), "--scorm2004", &course.path().join(target));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{target}: {stderr}");
        assert!(stderr.contains(why), "{target}: {stderr}");
    }
    assert_eq!(
        fs::read(course.path().join("site.yaml")).unwrap(),
        site_yaml
    );
    assert_eq!(fs::read_to_string(&notes).unwrap(), "my notes");
}

#[test]
fn the_default_name_has_course_id_version_and_standard() {
    let course = course_with_overlay(None);
    let out = aware(
        &[
            "package",
            &course.path().to_string_lossy(),
            "--scorm2004",
            "-q",
        ],
        course.path(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let version = fs::read_to_string(course.path().join("site.yaml")).unwrap();
    let version = version
        .lines()
        .find_map(|l| l.strip_prefix("version: "))
        .unwrap()
        .trim_matches(['"', '\'']);
    assert!(course
        .path()
        .join(format!("fixture-course-{version}-scorm2004.zip"))
        .is_file());
}

#[test]
fn check_warns_about_what_cannot_make_a_package() {
    let course = course_with_overlay(None);
    let site = course.path().join("site.yaml");
    let text = fs::read_to_string(&site).unwrap();
    let long = text
        .lines()
        .map(|l| {
            if l.starts_with("version:") {
                "version: \"2026 winter edition, revised\""
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    fs::write(&site, long).unwrap();
    let (_, diags) = aware::check_course(course.path());
    let d = diags
        .items()
        .iter()
        .find(|d| d.code == "package-version")
        .expect("warned");
    assert_eq!(d.severity, aware::diagnostic::Severity::Warning);
    assert!(d.line > 0);
    let out = package(course.path(), "--scorm12", &course.path().join("p.zip"));
    assert_eq!(
        out.status.code(),
        Some(1),
        "the same problem stops `aware package`"
    );
}

#[test]
fn a_package_does_not_say_that_nothing_is_sent() {
    let t = tempfile::tempdir().unwrap();
    let zip = t.path().join("p.zip");
    assert!(package(&fixture("good"), "--scorm12", &zip)
        .status
        .success());
    let dir = t.path().join("p");
    unzip(&zip, &dir);
    for page in [
        "index.html",
        "certificate.html",
        "final.html",
        "modules/intro.html",
    ] {
        let html = fs::read_to_string(dir.join(page)).unwrap();
        assert!(
            !html.contains("not sent anywhere") && !html.contains("is sent anywhere"),
            "{page}"
        );
        assert!(
            html.contains("learning system"),
            "{page} says where the progress goes"
        );
    }
    let site = t.path().join("site");
    aware::build(&fixture("good"), &site)
        .unwrap()
        .1
        .expect("builds");
    let html = fs::read_to_string(site.join("index.html")).unwrap();
    assert!(
        html.contains("Nothing you enter is sent anywhere."),
        "the site keeps its promise"
    );
}
