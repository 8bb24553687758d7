//! The browser's search index: a small manifest, term chunks and excerpt fragments, all
//! as `.js` files (loaded with `<script>` tags, so they work from `file://`).
//!
//! - `search/manifest.js`: document count, average field lengths, BM25 constants, the
//!   analyzer hash, and each chunk's range of surface words.
//! - `search/c<N>.js`: a slice of the vocabulary. Each surface word seen in the course
//!   (lower-cased, accents folded) points to its stem; each stem has its postings: the
//!   documents that contain it with tantivy's BM25 score for that stem. The browser
//!   matches typed prefixes against real words, then sums postings' scores.
//! - `search/f<N>.js`: titles, links and opening text of [`FRAGMENT_DOCS`] documents.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::PathBuf;

use serde_json::json;

use super::analyzer;
use super::index::{SearchDoc, SearchIndex, TITLE_BOOST};
use crate::render::OutFile;

/// Target size of one term chunk, in bytes.
pub const CHUNK_BYTES: usize = 32 * 1024;
/// Documents per fragment file.
pub const FRAGMENT_DOCS: usize = 8;
/// Characters of text kept per document for excerpts.
pub const EXCERPT_CHARS: usize = 900;

/// Builds the tantivy index and the browser export for `docs`.
pub fn export(docs: &[SearchDoc]) -> tantivy::Result<Vec<OutFile>> {
    let index = SearchIndex::build(docs)?;
    // Vocabulary: surface word → stem, from the same analyzer's steps.
    let mut surface = analyzer::surface_analyzer();
    let mut stemmer = analyzer::stem_analyzer();
    let mut vocab: BTreeMap<String, String> = BTreeMap::new();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for d in docs {
        for text in [&d.title, &d.body] {
            for w in analyzer::tokens(&mut surface, text) {
                if seen.insert(w.clone()) {
                    if let Some(stem) = analyzer::stem_of(&w, &mut stemmer) {
                        vocab.insert(w, stem);
                    }
                }
            }
        }
    }
    let stems: Vec<String> = vocab.values().cloned().collect::<BTreeSet<_>>().into_iter().collect();
    let postings = index.postings(&stems)?;
    // Surfaces grouped under their stem, stems in order.
    let mut by_stem: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (w, s) in &vocab {
        if postings.contains_key(s) {
            by_stem.entry(s.as_str()).or_default().push(w.as_str());
        }
    }

    let mut files = Vec::new();
    let mut chunks_meta = Vec::new();
    let mut current: Vec<(&str, &Vec<&str>)> = Vec::new();
    let mut size = 0;
    let flush = |current: &mut Vec<(&str, &Vec<&str>)>, files: &mut Vec<OutFile>, chunks_meta: &mut Vec<serde_json::Value>| {
        if current.is_empty() {
            return;
        }
        let n = chunks_meta.len();
        let (js, lo, hi) = chunk_js(n, current, &postings);
        chunks_meta.push(json!([lo, hi]));
        files.push(OutFile { path: PathBuf::from(format!("search/c{n}.js")), bytes: js.into_bytes() });
        current.clear();
    };
    for (stem, words) in &by_stem {
        let p = &postings[*stem];
        size += stem.len() + words.iter().map(|w| w.len() + 4).sum::<usize>() + p.len() * 11;
        current.push((stem, words));
        if size >= CHUNK_BYTES {
            flush(&mut current, &mut files, &mut chunks_meta);
            size = 0;
        }
    }
    flush(&mut current, &mut files, &mut chunks_meta);

    for (n, group) in docs.chunks(FRAGMENT_DOCS).enumerate() {
        let rows: Vec<_> = group.iter().map(|d| json!([d.url, d.page, d.title, d.kind, excerpt(&d.body)])).collect();
        let js = format!("(window.AWARE_SEARCH_DATA=window.AWARE_SEARCH_DATA||{{}})[\"f{n}\"]={};\n", serde_json::Value::Array(rows));
        files.push(OutFile { path: PathBuf::from(format!("search/f{n}.js")), bytes: js.into_bytes() });
    }

    // Glossary terms, suggested when a search finds nothing.
    let terms: Vec<_> = docs.iter().filter(|d| d.kind == super::index::DocKind::Term).map(|d| json!([d.title.split(", ").next().unwrap_or(&d.title), d.url])).collect();
    files.push(OutFile { path: PathBuf::from("search/terms.js"), bytes: format!("(window.AWARE_SEARCH_DATA=window.AWARE_SEARCH_DATA||{{}})[\"terms\"]={};\n", serde_json::Value::Array(terms)).into_bytes() });

    let (avg_title, avg_body) = index.average_field_lengths()?;
    let manifest = json!({
        "version": 1,
        "analyzer": analyzer::config_hash(),
        "docs": docs.len(),
        "avg": { "title": avg_title, "body": avg_body },
        "bm25": { "k1": 1.2, "b": 0.75, "title_boost": TITLE_BOOST },
        "fragment_docs": FRAGMENT_DOCS,
        "chunks": chunks_meta,
    });
    files.push(OutFile { path: PathBuf::from("search/manifest.js"), bytes: format!("window.AWARE_SEARCH_MANIFEST={manifest};\n").into_bytes() });
    Ok(files)
}

/// One chunk file; returns it with its lowest and highest surface word.
fn chunk_js(n: usize, stems: &[(&str, &Vec<&str>)], postings: &std::collections::HashMap<String, Vec<(u32, f32)>>) -> (String, String, String) {
    let mut words: Vec<(&str, usize)> = Vec::new();
    let mut js = String::new();
    let _ = write!(js, "(window.AWARE_SEARCH_DATA=window.AWARE_SEARCH_DATA||{{}})[\"c{n}\"]={{\"s\":[");
    for (i, (stem, ws)) in stems.iter().enumerate() {
        if i > 0 {
            js.push(',');
        }
        let _ = write!(js, "{}", json!(stem));
        words.extend(ws.iter().map(|w| (*w, i)));
    }
    js.push_str("],\"p\":[");
    for (i, (stem, _)) in stems.iter().enumerate() {
        if i > 0 {
            js.push(',');
        }
        js.push('[');
        let mut prev = 0u32;
        for (j, (doc, score)) in postings[*stem].iter().enumerate() {
            if j > 0 {
                js.push(',');
            }
            let _ = write!(js, "{},{}", doc - prev, short_float(*score));
            prev = *doc;
        }
        js.push(']');
    }
    js.push_str("],\"w\":[");
    words.sort();
    for (i, (w, s)) in words.iter().enumerate() {
        if i > 0 {
            js.push(',');
        }
        let _ = write!(js, "{},{}", json!(w), s);
    }
    js.push_str("]};\n");
    let lo = words.first().map(|w| w.0.to_string()).unwrap_or_default();
    let hi = words.last().map(|w| w.0.to_string()).unwrap_or_default();
    (js, lo, hi)
}

/// A float with 7 significant digits (relative error below 1e-6).
fn short_float(x: f32) -> String {
    let s = format!("{:.6e}", x);
    // "1.234568e0" → a plain decimal when that is shorter.
    match s.split_once('e') {
        Some((mant, exp)) => {
            let exp: i32 = exp.parse().unwrap_or(0);
            let mant = mant.trim_end_matches('0').trim_end_matches('.');
            if (-4..=6).contains(&exp) {
                let v: f64 = format!("{mant}e{exp}").parse().unwrap_or(x as f64);
                let digits = (6 - exp).max(0) as usize;
                let plain = format!("{v:.digits$}");
                let plain = if plain.contains('.') { plain.trim_end_matches('0').trim_end_matches('.').to_string() } else { plain };
                plain
            } else {
                format!("{mant}e{exp}")
            }
        }
        None => s,
    }
}

/// The opening of a document's text, cut at a word boundary.
fn excerpt(text: &str) -> String {
    if text.chars().count() <= EXCERPT_CHARS {
        return text.to_string();
    }
    let cut: String = text.chars().take(EXCERPT_CHARS).collect();
    match cut.rfind(' ') {
        Some(i) => format!("{}…", &cut[..i]),
        None => format!("{cut}…"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_float_keeps_seven_significant_digits() {
        for x in [2.7134826f32, 0.001234567, 12.5, 1.0, 123456.7, 0.5] {
            let s = short_float(x);
            let back: f64 = s.parse().unwrap();
            assert!(((back - x as f64) / x as f64).abs() < 1e-6, "{x} → {s}");
        }
        assert_eq!(short_float(1.0), "1");
        assert_eq!(short_float(12.5), "12.5");
    }
}
