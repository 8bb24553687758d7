//! The browser export's postings, scored without building an inverted index.
//!
//! The export needs, for every stem, tantivy's BM25 score of that stem in each document
//! that has it (title boosted plus body) and the course's vocabulary of surface words.
//! Building a tantivy index only to read those numbers back was two thirds of the search
//! phase, so this module counts what BM25 needs in one pass over the text (the same
//! analyzer steps, see [`analyzer`]) and scores with tantivy's own
//! [`Bm25Weight`] and field-norm encoding. The numbers are tantivy's bit for bit: the
//! tests compare them with a real index's, and `aware search` still queries a real one.

use std::collections::{BTreeMap, HashMap};

use foldhash::HashMap as FastMap;
use rayon::prelude::*;
use tantivy::fieldnorm::FieldNormReader;
use tantivy::query::Bm25Weight;
use tantivy::tokenizer::{SimpleTokenizer, TextAnalyzer, TokenStream, Tokenizer};

use super::analyzer;
use super::documents::SearchDoc;
use super::index::TITLE_BOOST;

/// Stem → impact-ordered postings: (document, score), best first, ties by document.
pub(crate) type Postings = HashMap<String, Vec<(u32, f32)>>;

/// What the export needs from the text.
pub(crate) struct Scored {
    /// Surface word → its stem (stop words left out).
    pub(crate) vocabulary: BTreeMap<String, String>,
    pub(crate) postings: Postings,
    /// Average tokens per document in the title and in the body.
    pub(crate) average: (f32, f32),
}

/// Documents per piece of work handed to the thread pool.
const DOCS_PER_TASK: usize = 256;

/// One stem in one document, with its term frequencies in the title and in the body
/// packed as `title << 24 | body` (12 bytes: at 10,000 modules there are millions).
#[derive(Clone, Copy)]
struct Entry {
    stem: u32,
    doc: u32,
    tf: u32,
}

/// `Entry::tf` of frequencies too large to pack: the real ones are in `Counted::large`.
const LARGE: u32 = u32::MAX;

/// The analyzer's steps, as a task uses them: the tokenizer alone on the text, the
/// surface steps and the stemmer once per distinct token.
struct Analyzers {
    words: SimpleTokenizer,
    surface: TextAnalyzer,
    stemmer: TextAnalyzer,
}

impl Analyzers {
    fn new() -> Self {
        Analyzers {
            words: SimpleTokenizer::default(),
            surface: analyzer::surface_analyzer(),
            stemmer: analyzer::stem_analyzer(),
        }
    }
}

/// What one task counted over its run of documents; stems are numbered per task.
#[derive(Default)]
struct Counted {
    /// Token as the tokenizer cut it → task stem number (`None`: too long, or a stop word).
    raw: FastMap<String, Option<u32>>,
    /// Surface word → task stem number, `None` for a stop word.
    surfaces: FastMap<String, Option<u32>>,
    /// Task stem number → stem, and back.
    stems: Vec<String>,
    numbers: FastMap<String, u32>,
    /// By document, then (after [`Counted::sort`]) by stem.
    entries: Vec<Entry>,
    /// Where each stem's entries start, once sorted.
    starts: Vec<usize>,
    /// Frequencies of the entries marked [`LARGE`], by (stem, document).
    large: HashMap<(u32, u32), (u32, u32)>,
    /// Each document's number and tokens in its title and body.
    lengths: Vec<(u32, u32, u32)>,
    /// (title, body) term frequencies of each stem in the document being counted, and
    /// the stems it has.
    tf: Vec<(u32, u32)>,
    seen: Vec<u32>,
}

/// Counts, scores and orders the postings of `docs`.
pub(crate) fn score(docs: &[SearchDoc]) -> Scored {
    // A few runs of documents, each counted by one task.
    let mut tasks: Vec<Counted> = docs
        .par_chunks(DOCS_PER_TASK)
        .enumerate()
        .fold(
            || (Counted::default(), Analyzers::new()),
            |(mut c, mut a), (n, run)| {
                c.count(run, n * DOCS_PER_TASK, &mut a);
                (c, a)
            },
        )
        .map(|(c, _)| c)
        .collect();
    tasks.par_iter_mut().for_each(Counted::sort);

    // Every task saw many of the same words: one sorted list, then the map in one go.
    let mut pairs: Vec<(&str, &str)> = tasks
        .iter()
        .flat_map(|t| {
            t.surfaces
                .iter()
                .filter_map(|(w, s)| s.map(|s| (w.as_str(), t.stems[s as usize].as_str())))
        })
        .collect();
    pairs.par_sort_unstable_by(|a, b| a.0.cmp(b.0));
    pairs.dedup_by(|a, b| a.0 == b.0);
    let vocabulary: BTreeMap<String, String> = pairs
        .into_iter()
        .map(|(w, s)| (w.to_string(), s.to_string()))
        .collect();
    let mut stems: Vec<&str> = vocabulary.values().map(String::as_str).collect();
    stems.sort_unstable();
    stems.dedup();
    // Each task's numbers for the global stems (`u32::MAX`: not in its documents).
    let locals: Vec<Vec<u32>> = tasks
        .iter()
        .map(|t| {
            stems
                .iter()
                .map(|s| t.numbers.get(*s).copied().unwrap_or(u32::MAX))
                .collect()
        })
        .collect();
    // Field-norm codes by document (the tasks may come in any order).
    let mut norms = vec![(0u8, 0u8); docs.len()];
    let (mut total_title, mut total_body) = (0u64, 0u64);
    for &(doc, t, b) in tasks.iter().flat_map(|t| t.lengths.iter()) {
        norms[doc as usize] = (
            FieldNormReader::fieldnorm_to_id(t),
            FieldNormReader::fieldnorm_to_id(b),
        );
        total_title += u64::from(t);
        total_body += u64::from(b);
    }

    let n = docs.len() as u64;
    // As tantivy's `Bm25Weight::for_terms` and `SearchIndex::average_field_lengths`.
    let avg_title = total_title as f32 / n.max(1) as f32;
    let avg_body = total_body as f32 / n.max(1) as f32;
    let postings: Postings = stems
        .par_iter()
        .enumerate()
        .map(|(g, stem)| {
            let runs = || {
                tasks
                    .iter()
                    .zip(&locals)
                    .filter(move |(_, l)| l[g] != u32::MAX)
                    .flat_map(move |(t, l)| t.entries_of(l[g]))
            };
            let (df_title, df_body) = runs().fold((0u64, 0u64), |(a, b), (_, t, d)| {
                (a + u64::from(t > 0), b + u64::from(d > 0))
            });
            // The title clause is a `BoostQuery`, which boosts the term's BM25 weight;
            // the body's is boosted by 1.
            let title = Bm25Weight::for_one_term(df_title, n, avg_title).boost_by(TITLE_BOOST);
            let body = Bm25Weight::for_one_term(df_body, n, avg_body).boost_by(1.0);
            let mut list: Vec<(u32, f32)> = runs()
                .map(|(doc, tf_title, tf_body)| {
                    let (nt, nb) = norms[doc as usize];
                    // A boolean query of two "should" clauses sums its clauses' scores
                    // in `f32`, from zero, title first.
                    let mut s = 0f32;
                    if tf_title > 0 {
                        s += title.score(nt, tf_title);
                    }
                    if tf_body > 0 {
                        s += body.score(nb, tf_body);
                    }
                    (doc, s)
                })
                .collect();
            list.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            (stem.to_string(), list)
        })
        .collect();
    Scored {
        vocabulary,
        postings,
        average: (avg_title, avg_body),
    }
}

impl Counted {
    /// Counts a run of documents starting at document `first`: each surface word is
    /// stemmed once, each token costs one lookup.
    fn count(&mut self, run: &[SearchDoc], first: usize, a: &mut Analyzers) {
        let Analyzers {
            words,
            surface,
            stemmer,
        } = a;
        for (i, d) in run.iter().enumerate() {
            let mut lengths = [0u32; 2];
            for (field, text) in [&d.title, &d.body].into_iter().enumerate() {
                let mut ts = words.token_stream(text);
                while ts.advance() {
                    let raw = ts.token().text.as_str();
                    let stem = match self.raw.get(raw) {
                        Some(s) => *s,
                        None => self.learn(raw, surface, stemmer),
                    };
                    let Some(s) = stem else { continue };
                    lengths[field] += 1;
                    let s = s as usize;
                    let slot = &mut self.tf[s];
                    if *slot == (0, 0) {
                        self.seen.push(s as u32);
                    }
                    if field == 0 {
                        slot.0 += 1;
                    } else {
                        slot.1 += 1;
                    }
                }
            }
            let doc = (first + i) as u32;
            for s in self.seen.drain(..) {
                let (title, body) = std::mem::take(&mut self.tf[s as usize]);
                let tf = if title < 0xFF && body < 0xFF_FFFF {
                    title << 24 | body
                } else {
                    self.large.insert((s, doc), (title, body));
                    LARGE
                };
                self.entries.push(Entry { stem: s, doc, tf });
            }
            self.lengths
                .push(((first + i) as u32, lengths[0], lengths[1]));
        }
    }

    /// Learns a token as the tokenizer cut it, seen for the first time: its surface word
    /// (lower-cased, accents folded; none if too long) and that word's stem (none for a
    /// stop word). A token is one run of letters and digits, so the surface steps make
    /// at most one word of it, the word the full analyzer would make.
    fn learn(
        &mut self,
        raw: &str,
        surface: &mut TextAnalyzer,
        stemmer: &mut TextAnalyzer,
    ) -> Option<u32> {
        let mut stem = None;
        let mut ts = surface.token_stream(raw);
        while ts.advance() {
            let word = ts.token().text.as_str();
            stem = match self.surfaces.get(word) {
                Some(s) => *s,
                None => {
                    let s = analyzer::stem_of(word, stemmer).map(|stem| {
                        let next = self.stems.len() as u32;
                        *self.numbers.entry(stem).or_insert_with_key(|k| {
                            self.stems.push(k.clone());
                            next
                        })
                    });
                    self.surfaces.insert(word.to_string(), s);
                    s
                }
            };
        }
        if self.tf.len() < self.stems.len() {
            self.tf.resize(self.stems.len(), (0, 0));
        }
        self.raw.insert(raw.to_string(), stem);
        stem
    }

    /// Groups the entries by stem (documents stay ascending within a stem).
    fn sort(&mut self) {
        self.entries.sort_by_key(|e| (e.stem, e.doc));
        self.starts = vec![0; self.stems.len() + 1];
        for e in &self.entries {
            self.starts[e.stem as usize + 1] += 1;
        }
        for i in 0..self.stems.len() {
            self.starts[i + 1] += self.starts[i];
        }
        self.tf = Vec::new();
    }

    /// The entries of one of the task's stems: (document, title tf, body tf).
    fn entries_of(&self, stem: u32) -> impl Iterator<Item = (u32, u32, u32)> + '_ {
        self.entries[self.starts[stem as usize]..self.starts[stem as usize + 1]]
            .iter()
            .map(move |e| match e.tf {
                LARGE => {
                    let (t, b) = self.large[&(stem, e.doc)];
                    (e.doc, t, b)
                }
                tf => (e.doc, tf >> 24, tf & 0xFF_FFFF),
            })
    }
}

#[cfg(test)]
mod tests {
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
            let bits =
                |l: &[(u32, f32)]| l.iter().map(|p| (p.0, p.1.to_bits())).collect::<Vec<_>>();
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
        let checked =
            crate::pipeline::load_and_check(root, &mut crate::pipeline::PhaseTimer::off());
        assert!(!checked.diags.has_errors());
        let docs =
            crate::search::documents::documents(&checked.course, checked.bodies.into_sections());
        assert!(docs.len() > 100);
        assert_same_as_tantivy(&docs);
    }

    #[test]
    fn no_documents_no_postings() {
        let scored = score(&[]);
        assert!(scored.postings.is_empty() && scored.vocabulary.is_empty());
        assert_eq!(scored.average, (0.0, 0.0));
    }
}
