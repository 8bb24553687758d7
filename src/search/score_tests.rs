//! The export's scoring against a real tantivy index.

use super::*;
use crate::search::index::SearchIndex;
use crate::search::DocKind;

fn doc(i: usize, title: &str, body: &str) -> SearchDoc {
    SearchDoc {
        kind: DocKind::Section,
        url: format!("m{i}.html"),
        page: format!("Page {i}"),
        title: title.into(),
        body: body.into(),
    }
}

/// Documents of many lengths (many field-norm codes), empty and stop-word-only
/// fields, repeated words, accents, and over 2,000 of them (two indexing threads, so
/// a real index spreads them over segments).
fn varied() -> Vec<SearchDoc> {
    let words = [
        "hotline",
        "report",
        "reports",
        "reporting",
        "trafficking",
        "traffickers",
        "labour",
        "labor",
        "café",
        "résumé",
        "the",
        "of",
        "signs",
        "sign",
        "recruit",
        "recruiters",
        "debt",
        "bondage",
        "passport",
        "wages",
        "1-888-373-7888",
    ];
    let mut seed = 7u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    (0..2300)
        .map(|i| {
            let len = match i % 5 {
                0 => 0,
                1 => (next() % 6) as usize,
                2 => (next() % 60) as usize,
                3 => (next() % 600) as usize,
                _ => (next() % 4000) as usize,
            };
            let body: Vec<&str> = (0..len)
                .map(|_| words[(next() % words.len() as u64) as usize])
                .collect();
            let title = match i % 4 {
                0 => String::new(),
                1 => "The of".into(),
                _ => words[(next() % words.len() as u64) as usize].to_string(),
            };
            doc(i, &title, &body.join(" "))
        })
        // Frequencies too large to pack (see `LARGE`).
        .chain([doc(2300, &"hotline ".repeat(300), "report")])
        .collect()
}

fn assert_same_as_tantivy(docs: &[SearchDoc]) {
    let scored = score(docs);
    let index = SearchIndex::build(docs).unwrap();
    let stems: Vec<String> = scored.postings.keys().cloned().collect();
    let real = index.postings(&stems).unwrap();
    assert_eq!(real.len(), scored.postings.len());
    for (stem, list) in &real {
        let ours = &scored.postings[stem];
        let bits = |l: &[(u32, f32)]| l.iter().map(|p| (p.0, p.1.to_bits())).collect::<Vec<_>>();
        assert_eq!(bits(ours), bits(list), "postings of {stem:?}");
    }
    assert_eq!(scored.average, index.average_field_lengths().unwrap());
    // Every token of the full analyzer is a stem of the vocabulary, and back.
    let mut full = analyzer::analyzer();
    let mut surface = analyzer::surface_analyzer();
    for d in docs {
        for text in [&d.title, &d.body] {
            let stems = analyzer::tokens(&mut full, text);
            let via: Vec<String> = analyzer::tokens(&mut surface, text)
                .iter()
                .filter_map(|w| scored.vocabulary.get(w).cloned())
                .collect();
            assert_eq!(via, stems);
        }
    }
}

#[test]
fn postings_are_a_real_tantivy_index_scores_bit_for_bit() {
    assert_same_as_tantivy(&varied());
}

#[test]
fn the_default_course_scores_as_tantivy_does() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let checked = crate::pipeline::load_and_check(root, &mut crate::pipeline::PhaseTimer::off());
    assert!(!checked.diags.has_errors());
    let docs = crate::search::documents::documents(&checked.course, checked.bodies.into_sections());
    assert!(docs.len() > 100);
    assert_same_as_tantivy(&docs);
}

#[test]
fn no_documents_no_postings() {
    let scored = score(&[]);
    assert!(scored.postings.is_empty() && scored.vocabulary.is_empty());
    assert_eq!(scored.average, (0.0, 0.0));
}
