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

/// Fewest documents worth a task of their own.
const MIN_DOCS_PER_TASK: usize = 256;

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
    /// By document; after [`Counted::renumber`], by the course's stem numbers.
    entries: Vec<Entry>,
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
    // A few long runs of documents, each counted by one task: a task stems each word
    // it meets once, so fewer tasks stem less.
    let runs = (rayon::current_num_threads() * 2).max(1);
    let per_run = docs.len().div_ceil(runs).max(MIN_DOCS_PER_TASK);
    let mut tasks: Vec<Counted> = docs
        .par_chunks(per_run)
        .enumerate()
        .map(|(n, run)| {
            let mut c = Counted::default();
            c.count(run, n * per_run, &mut Analyzers::new());
            c
        })
        .collect();
    let vocabulary = vocabulary(&tasks);
    let mut stems: Vec<&str> = vocabulary.values().map(String::as_str).collect();
    stems.par_sort_unstable();
    stems.dedup();
    tasks.par_iter_mut().for_each(|t| t.renumber(&stems));

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

    // The stems in batches of about equal numbers of entries, the last stems first: each
    // batch's entries are the end of every task's list, cut off once scored, so the
    // counts and the postings are not both held whole.
    let mut per_stem = vec![0usize; stems.len()];
    for e in tasks.iter().flat_map(|t| t.entries.iter()) {
        per_stem[e.stem as usize] += 1;
    }
    let total: usize = per_stem.iter().sum();
    let mut postings = Postings::with_capacity(stems.len());
    let mut hi = stems.len();
    while hi > 0 {
        let mut lo = hi;
        let mut size = 0;
        while lo > 0 && (size == 0 || size < total / SCORE_BATCHES) {
            lo -= 1;
            size += per_stem[lo];
        }
        let batch: Vec<(String, Vec<(u32, f32)>)> = (lo..hi)
            .into_par_iter()
            .map(|g| {
                let runs = || tasks.iter().flat_map(move |t| t.entries_of(g as u32));
                let (df_title, df_body) = runs().fold((0u64, 0u64), |(a, b), (_, t, d)| {
                    (a + u64::from(t > 0), b + u64::from(d > 0))
                });
                // The title clause is a `BoostQuery`, which boosts the term's BM25
                // weight; the body's is boosted by 1.
                let title = Bm25Weight::for_one_term(df_title, n, avg_title).boost_by(TITLE_BOOST);
                let body = Bm25Weight::for_one_term(df_body, n, avg_body).boost_by(1.0);
                let mut list: Vec<(u32, f32)> = runs()
                    .map(|(doc, tf_title, tf_body)| {
                        let (nt, nb) = norms[doc as usize];
                        // A boolean query of two "should" clauses sums its clauses'
                        // scores in `f32`, from zero, title first.
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
                (stems[g].to_string(), list)
            })
            .collect();
        postings.extend(batch);
        for t in &mut tasks {
            let cut = t.entries.partition_point(|e| (e.stem as usize) < lo);
            t.entries.truncate(cut);
            t.entries.shrink_to_fit();
        }
        hi = lo;
    }
    Scored {
        vocabulary,
        postings,
        average: (avg_title, avg_body),
    }
}

/// Batches the scoring is done in (see [`score`]).
const SCORE_BATCHES: usize = 8;

/// Every surface word the tasks saw, with its stem: many tasks saw the same words, so
/// one sorted list, then the map in one go.
fn vocabulary(tasks: &[Counted]) -> BTreeMap<String, String> {
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
    pairs
        .into_iter()
        .map(|(w, s)| (w.to_string(), s.to_string()))
        .collect()
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

    /// Gives the entries the course's stem numbers (`stems` is sorted) and groups them
    /// by stem, documents ascending; the words are no longer needed.
    fn renumber(&mut self, stems: &[&str]) {
        let global: Vec<u32> = self
            .stems
            .iter()
            .map(|s| {
                stems
                    .binary_search(&s.as_str())
                    .map_or(u32::MAX, |g| g as u32)
            })
            .collect();
        let large = std::mem::take(&mut self.large);
        for e in &mut self.entries {
            let g = global[e.stem as usize];
            if e.tf == LARGE {
                self.large.insert((g, e.doc), large[&(e.stem, e.doc)]);
            }
            e.stem = g;
        }
        // The words are no longer needed: let them go before the entries are copied.
        self.raw = FastMap::default();
        self.surfaces = FastMap::default();
        self.numbers = FastMap::default();
        self.stems = Vec::new();
        self.tf = Vec::new();
        // By (stem, document): the entries are in document order already, so a stable
        // counting sort by stem (a stem that is not found, u32::MAX, last) is enough.
        let n = stems.len();
        let slot = |e: &Entry| (e.stem as usize).min(n);
        let mut next = vec![0usize; n + 2];
        for e in &self.entries {
            next[slot(e) + 1] += 1;
        }
        for i in 1..next.len() {
            next[i] += next[i - 1];
        }
        let mut sorted = vec![
            Entry {
                stem: 0,
                doc: 0,
                tf: 0
            };
            self.entries.len()
        ];
        for e in &self.entries {
            let at = &mut next[slot(e)];
            sorted[*at] = *e;
            *at += 1;
        }
        debug_assert!(sorted
            .windows(2)
            .all(|w| (w[0].stem, w[0].doc) < (w[1].stem, w[1].doc)));
        self.entries = sorted;
    }

    /// The entries of one stem: (document, title tf, body tf).
    fn entries_of(&self, stem: u32) -> impl Iterator<Item = (u32, u32, u32)> + '_ {
        let from = self.entries.partition_point(|e| e.stem < stem);
        let to = from + self.entries[from..].partition_point(|e| e.stem == stem);
        self.entries[from..to].iter().map(move |e| match e.tf {
            LARGE => {
                let (t, b) = self.large[&(stem, e.doc)];
                (e.doc, t, b)
            }
            tf => (e.doc, tf >> 24, tf & 0xFF_FFFF),
        })
    }
}

#[cfg(test)]
#[path = "score_tests.rs"]
mod tests;
