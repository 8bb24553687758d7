//! The browser's search index: a small manifest, term chunks and excerpt fragments, all
//! as `.js` files (loaded with `<script>` tags, so they work from `file://`).
//!
//! - `search/manifest.js`: document count, average field lengths, BM25 constants, the
//!   analyzer hash, and each chunk's range of surface words.
//! - `search/c<N>.js`: a slice of the vocabulary. Each surface word seen in the course
//!   (lower-cased, accents folded) points to its stem; each stem has its postings: the
//!   documents that contain it with tantivy's BM25 score for that stem (the exact `f32`),
//!   impact-ordered: groups of documents with the same score, best first. The browser
//!   matches typed prefixes against real words, then sums postings' scores.
//! - `search/c<N>-<S>-<K>.js`: piece K of the postings of stem S of chunk N. A stem whose
//!   postings pass [`postings::SPLIT_BYTES`](super::postings::SPLIT_BYTES) keeps only its best-scoring documents in its chunk;
//!   the rest follow in pieces of growing size, each with its best score in the chunk, so
//!   the browser loads a piece only when it could change the top results.
//! - `search/f<N>.js`: titles, links and opening text of [`FRAGMENT_DOCS`] documents.
//! - `search/s<N>.js`: the course's own words with how many documents have them, sorted
//!   and cut into slices of about [`SUGGEST_BYTES`] (the manifest's `suggest` ranges):
//!   when a search finds nothing, the browser loads the slices of the typed word's first
//!   letter and offers the nearest words by edit distance ("did you mean").

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;
use std::fmt::Write as _;
use std::path::PathBuf;

use serde_json::json;

use super::analyzer;
use super::documents::{DocKind, SearchDoc};
use super::index::TITLE_BOOST;
use super::postings::{postings_len, postings_pieces, split_bytes};
use crate::write::{OutFile, Sink};

/// Target size of one term chunk, in bytes.
pub(crate) const CHUNK_BYTES: usize = 32 * 1024;
/// Documents per fragment file.
pub(crate) const FRAGMENT_DOCS: usize = 8;
/// Target size of one slice of the suggestion vocabulary, in bytes.
pub(crate) const SUGGEST_BYTES: usize = 16 * 1024;
/// Characters of text kept per document for excerpts.
pub(crate) const EXCERPT_CHARS: usize = 900;

/// Scores `docs` as tantivy would (see [`score`](super::score)) and writes the browser export, handing each file to
/// `sink` as soon as it is made, so a large index is never held in memory whole.
pub(crate) fn export(docs: &[SearchDoc], sink: &dyn Sink) -> anyhow::Result<()> {
    let timings = std::env::var_os("AWARE_TIMINGS").is_some();
    let t0 = std::time::Instant::now();
    let cpu0 = crate::pipeline::cpu_ms();
    let lap = |what: &str| {
        if timings {
            eprintln!(
                "    search: {what:<14} {:>8.1} ms, cpu {:>7.1} ms",
                t0.elapsed().as_secs_f64() * 1000.0,
                crate::pipeline::cpu_ms() - cpu0
            );
        }
    };
    let super::score::Scored {
        vocabulary: vocab,
        postings,
        average: (avg_title, avg_body),
    } = super::score::score(docs);
    lap("postings");
    // Surfaces grouped under their stem, stems in order.
    let mut by_stem: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (w, s) in &vocab {
        if postings.contains_key(s) {
            by_stem.entry(s.as_str()).or_default().push(w.as_str());
        }
    }
    let split = split_bytes();
    let groups = chunk_groups(&by_stem, &postings, split);
    let chunks_meta: Vec<serde_json::Value> = groups
        .par_iter()
        .enumerate()
        .map(|(n, g)| {
            let (js, lo, hi) = chunk_js(n, g, &postings, split, sink)?;
            sink.write(OutFile {
                path: PathBuf::from(format!("search/c{n}.js")),
                bytes: js.into_bytes(),
            })?;
            Ok(json!([lo, hi]))
        })
        .collect::<anyhow::Result<_>>()?;
    lap("chunks");
    write_fragments(docs, sink)?;
    lap("fragments");
    write_terms(docs, sink)?;
    let suggest = write_suggest(&vocab, &postings, sink)?;
    lap("suggest");
    let manifest = json!({
        "version": 1,
        "analyzer": analyzer::config_hash(),
        "docs": docs.len(),
        "avg": { "title": avg_title, "body": avg_body },
        "bm25": { "k1": 1.2, "b": 0.75, "title_boost": TITLE_BOOST },
        "fragment_docs": FRAGMENT_DOCS,
        "chunks": chunks_meta,
        "suggest": suggest,
    });
    sink.write(OutFile {
        path: PathBuf::from("search/manifest.js"),
        bytes: format!("window.AWARE_SEARCH_MANIFEST={manifest};\n").into_bytes(),
    })
}

/// One chunk's stems, each with its surface words.
type Group<'a> = Vec<(&'a str, &'a Vec<&'a str>)>;

/// Cuts the stems (in order) into chunks of about [`CHUNK_BYTES`].
fn chunk_groups<'a>(
    by_stem: &'a BTreeMap<&'a str, Vec<&'a str>>,
    postings: &HashMap<String, Vec<(u32, f32)>>,
    split: usize,
) -> Vec<Group<'a>> {
    let mut groups: Vec<Group> = vec![Vec::new()];
    let mut size = 0;
    for (stem, words) in by_stem {
        let p = postings_len(&postings[*stem]);
        let p = if p > split { split / 2 } else { p };
        let own = stem.len() + words.iter().map(|w| w.len() + 4).sum::<usize>() + p;
        // A stem too big for a chunk gets a chunk of its own, so looking up its
        // neighbours in the vocabulary never downloads its postings.
        if own >= CHUNK_BYTES && size > 0 {
            groups.push(Vec::new());
            size = 0;
        }
        size += own;
        if let Some(g) = groups.last_mut() {
            g.push((stem, words));
        }
        if size >= CHUNK_BYTES {
            groups.push(Vec::new());
            size = 0;
        }
    }
    groups.retain(|g| !g.is_empty());
    groups
}

/// `search/f<N>.js`: titles, links and opening text of [`FRAGMENT_DOCS`] documents each.
fn write_fragments(docs: &[SearchDoc], sink: &dyn Sink) -> anyhow::Result<()> {
    docs.par_chunks(FRAGMENT_DOCS)
        .enumerate()
        .try_for_each(|(n, group)| {
            let rows: Vec<_> = group
                .iter()
                .map(|d| json!([d.url, d.page, d.title, d.kind, excerpt(&d.body)]))
                .collect();
            let js = format!(
                "(window.AWARE_SEARCH_DATA=window.AWARE_SEARCH_DATA||{{}})[\"f{n}\"]={};\n",
                serde_json::Value::Array(rows)
            );
            sink.write(OutFile {
                path: PathBuf::from(format!("search/f{n}.js")),
                bytes: js.into_bytes(),
            })
        })
}

/// `search/terms.js`: glossary terms, suggested when a search finds nothing.
fn write_terms(docs: &[SearchDoc], sink: &dyn Sink) -> anyhow::Result<()> {
    let terms: Vec<_> = docs
        .iter()
        .filter(|d| d.kind == DocKind::Term)
        .map(|d| json!([d.title.split(", ").next().unwrap_or(&d.title), d.url]))
        .collect();
    sink.write(OutFile {
        path: PathBuf::from("search/terms.js"),
        bytes: format!(
            "(window.AWARE_SEARCH_DATA=window.AWARE_SEARCH_DATA||{{}})[\"terms\"]={};\n",
            serde_json::Value::Array(terms)
        )
        .into_bytes(),
    })
}

/// `search/s<N>.js`: every surface word of three or more characters that is not a number,
/// with its stem's document count, as a flat sorted `[word, count, ...]` list cut into
/// slices; returns each slice's lowest and highest word.
fn write_suggest(
    vocab: &BTreeMap<String, String>,
    postings: &HashMap<String, Vec<(u32, f32)>>,
    sink: &dyn Sink,
) -> anyhow::Result<Vec<serde_json::Value>> {
    let mut ranges = Vec::new();
    let mut slice: Vec<(&str, usize)> = Vec::new();
    let mut size = 0;
    let mut flush = |slice: &mut Vec<(&str, usize)>| -> anyhow::Result<()> {
        if slice.is_empty() {
            return Ok(());
        }
        let n = ranges.len();
        let mut js =
            format!("(window.AWARE_SEARCH_DATA=window.AWARE_SEARCH_DATA||{{}})[\"s{n}\"]=[");
        for (i, (w, df)) in slice.iter().enumerate() {
            if i > 0 {
                js.push(',');
            }
            let _ = write!(js, "{},{df}", json!(w));
        }
        js.push_str("];\n");
        ranges.push(json!([slice[0].0, slice[slice.len() - 1].0]));
        slice.clear();
        sink.write(OutFile {
            path: PathBuf::from(format!("search/s{n}.js")),
            bytes: js.into_bytes(),
        })
    };
    for (w, stem) in vocab {
        let Some(p) = postings.get(stem) else {
            continue;
        };
        if w.chars().count() < 3 || w.chars().all(|c| c.is_numeric()) {
            continue;
        }
        slice.push((w, p.len()));
        size += w.len() + 8;
        if size >= SUGGEST_BYTES {
            flush(&mut slice)?;
            size = 0;
        }
    }
    flush(&mut slice)?;
    Ok(ranges)
}

/// One chunk file; returns it with its lowest and highest surface word. The pieces of
/// split postings go to `sink` from here.
fn chunk_js(
    n: usize,
    stems: &[(&str, &Vec<&str>)],
    postings: &HashMap<String, Vec<(u32, f32)>>,
    split: usize,
    sink: &dyn Sink,
) -> anyhow::Result<(String, String, String)> {
    let mut words: Vec<(&str, usize)> = Vec::new();
    let mut js = String::new();
    let _ = write!(
        js,
        "(window.AWARE_SEARCH_DATA=window.AWARE_SEARCH_DATA||{{}})[\"c{n}\"]={{\"s\":["
    );
    for (i, (stem, ws)) in stems.iter().enumerate() {
        if i > 0 {
            js.push(',');
        }
        let _ = write!(js, "{}", json!(stem));
        words.extend(ws.iter().map(|w| (*w, i)));
    }
    js.push_str("],\"p\":[");
    let mut split_stems = Vec::new();
    for (i, (stem, _)) in stems.iter().enumerate() {
        if i > 0 {
            js.push(',');
        }
        let p = &postings[*stem];
        let pieces = postings_pieces(p, split);
        js.push('[');
        js.push_str(&pieces[0].0);
        js.push(']');
        if pieces.len() > 1 {
            let bests: Vec<String> = pieces[1..].iter().map(|(_, b)| b.to_string()).collect();
            split_stems.push(format!("[{i},{},[{}]]", p.len(), bests.join(",")));
            for (k, (text, _)) in pieces.iter().enumerate().skip(1) {
                let name = format!("c{n}-{i}-{k}");
                sink.write(OutFile {
                    path: PathBuf::from(format!("search/{name}.js")),
                    bytes: format!(
                        "(window.AWARE_SEARCH_DATA=window.AWARE_SEARCH_DATA||{{}})[\"{name}\"]=[{text}];\n"
                    )
                    .into_bytes(),
                })?;
            }
        }
    }
    js.push_str("],\"w\":[");
    words.sort();
    for (i, (w, s)) in words.iter().enumerate() {
        if i > 0 {
            js.push(',');
        }
        let _ = write!(js, "{},{}", json!(w), s);
    }
    js.push(']');
    if !split_stems.is_empty() {
        let _ = write!(js, ",\"x\":[{}]", split_stems.join(","));
    }
    js.push_str("};\n");
    let lo = words.first().map(|w| w.0.to_string()).unwrap_or_default();
    let hi = words.last().map(|w| w.0.to_string()).unwrap_or_default();
    Ok((js, lo, hi))
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

    /// A sink that keeps what it is given.
    #[derive(Default)]
    struct Keep(std::sync::Mutex<Vec<OutFile>>);
    impl Sink for Keep {
        fn write(&self, f: OutFile) -> anyhow::Result<()> {
            self.0.lock().unwrap().push(f);
            Ok(())
        }
        fn copy(&self, _: &std::path::Path, _: &std::path::Path) -> anyhow::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn suggestion_slices_hold_the_course_words_with_their_document_counts() {
        let vocab: BTreeMap<String, String> = [
            ("trafficking", "traffick"),
            ("trafficked", "traffick"),
            ("to", "to"),
            ("2000", "2000"),
            ("hotline", "hotlin"),
            ("orphan", "orphan"),
        ]
        .into_iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        let postings: HashMap<String, Vec<(u32, f32)>> =
            [("traffick", 3), ("to", 5), ("2000", 1), ("hotlin", 1)]
                .into_iter()
                .map(|(s, n)| (s.to_string(), (0..n).map(|d| (d, 1.0)).collect()))
                .collect();
        let sink = Keep::default();
        let ranges = write_suggest(&vocab, &postings, &sink).unwrap();
        assert_eq!(ranges, vec![json!(["hotline", "trafficking"])]);
        let files = sink.0.into_inner().unwrap();
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].path, PathBuf::from("search/s0.js"));
        assert_eq!(
            String::from_utf8(files[0].bytes.clone()).unwrap(),
            "(window.AWARE_SEARCH_DATA=window.AWARE_SEARCH_DATA||{})[\"s0\"]=[\"hotline\",1,\"trafficked\",3,\"trafficking\",3];\n",
            "short words, numbers and words without postings are left out"
        );
    }

    #[test]
    fn a_large_vocabulary_is_cut_into_ordered_slices() {
        let vocab: BTreeMap<String, String> = (0..5000)
            .map(|i| (format!("word{i:05}x"), format!("s{i}")))
            .collect();
        let postings: HashMap<String, Vec<(u32, f32)>> = vocab
            .values()
            .map(|s| (s.clone(), vec![(0, 1.0)]))
            .collect();
        let sink = Keep::default();
        let ranges = write_suggest(&vocab, &postings, &sink).unwrap();
        assert!(ranges.len() > 2, "{} slices", ranges.len());
        for f in sink.0.into_inner().unwrap() {
            assert!(
                f.bytes.len() < SUGGEST_BYTES + 200,
                "{:?}: {} bytes",
                f.path,
                f.bytes.len()
            );
        }
        for w in ranges.windows(2) {
            assert!(w[0][1].as_str().unwrap() < w[1][0].as_str().unwrap());
        }
    }
}
