//! Search: the analyzer against the golden token set (shared with the browser test), the
//! export's files, and `aware search` from the command line.

use std::fs;

use crate::common::*;

#[derive(serde::Deserialize)]
struct Golden {
    input: String,
    tokens: Vec<String>,
}

#[test]
fn surface_tokens_match_the_golden_set() {
    let golden: Vec<Golden> = serde_json::from_str(
        &fs::read_to_string(repo().join("tests/search/golden-tokens.json")).unwrap(),
    )
    .unwrap();
    assert!(golden.len() >= 25);
    let mut a = aware::search::analyzer::surface_analyzer();
    for g in golden {
        assert_eq!(
            aware::search::analyzer::tokens(&mut a, &g.input),
            g.tokens,
            "input {:?}",
            g.input
        );
    }
}

#[test]
fn export_writes_manifest_chunks_and_fragments() {
    let t = tempfile::tempdir().unwrap();
    let out = t.path().join("site");
    let (diags, r) = aware::build(&fixture("good"), &out).unwrap();
    assert!(r.is_some(), "{}", diags.render_plain());
    let manifest = fs::read_to_string(out.join("search/manifest.js")).unwrap();
    let json = manifest
        .trim()
        .strip_prefix("window.AWARE_SEARCH_MANIFEST=")
        .unwrap()
        .trim_end_matches(';');
    let m: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(m["analyzer"], aware::search::analyzer::config_hash());
    // 2 modules' sections + 2 glossary terms + 4 module quiz explanations... at least these:
    let docs = m["docs"].as_u64().unwrap();
    assert!(docs >= 6, "{docs} documents");
    let chunks = m["chunks"].as_array().unwrap();
    assert_eq!(chunks.len(), 1, "a small course fits one chunk");
    assert!(out.join("search/c0.js").is_file());
    assert!(out.join("search/f0.js").is_file());
    assert!(out.join("search/terms.js").is_file());
    // The final assessment's pool is not searchable (it would give answers away).
    let all: String = walkdir(&out.join("search"))
        .iter()
        .map(|p| fs::read_to_string(p).unwrap())
        .collect();
    assert!(
        !all.contains("No movement is needed"),
        "final pool feedback leaked into search"
    );
    assert!(all.contains("coercion"));
}

#[test]
fn cli_search_finds_sections_terms_and_ranks_titles_first() {
    let res = aware(&["search", "coercion", "--json"], &fixture("good"));
    assert!(
        res.status.success(),
        "{}",
        String::from_utf8_lossy(&res.stderr)
    );
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&res.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(!lines.is_empty());
    // The glossary entry titled "Coercion" outranks the module text that mentions it.
    assert_eq!(lines[0]["url"], "glossary.html#term-coercion");
    let res = aware(&["search", "hotline"], &fixture("good"));
    let text = String::from_utf8_lossy(&res.stdout);
    assert!(
        text.contains("«hotline»") || text.contains("«Hotline»"),
        "{text}"
    );
    let res = aware(&["search", "zebra"], &fixture("good"));
    assert!(String::from_utf8_lossy(&res.stdout).contains("No results"));
}
