//! The **search** stage: after the pages, the course's text becomes a search index.
//!
//! 1. `documents`: module sections (from the markdown stage), glossary terms and module
//!    quiz explanations → [`SearchDoc`]s, in a stable order;
//! 2. `score`: the words, stems and BM25 scores of every stem in every document, as
//!    tantivy scores them (its [`analyzer`], `Bm25Weight` and field-norm codes), counted
//!    in one pass without building an inverted index;
//! 3. `export`: the browser's prebuilt, chunked index from those scores, written to the
//!    build's sink.
//!
//! `aware search` indexes the same documents with a real tantivy index (`index`) and
//! queries it ([`CourseSearch`]), showing [`highlight`]ed excerpts; the tests check that
//! its scores and the export's are the same numbers, bit for bit.

pub mod analyzer;
pub(crate) mod documents;
pub(crate) mod export;
pub mod highlight;
pub(crate) mod index;
mod postings;
mod score;

pub use documents::{DocKind, SearchDoc};
use index::SearchIndex;

/// A course's documents with their tantivy index.
pub struct CourseSearch {
    docs: Vec<SearchDoc>,
    index: SearchIndex,
}

/// One search result.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SearchResult {
    /// Position of the document in the export (the browser's document number).
    pub doc: usize,
    pub url: String,
    pub page: String,
    pub title: String,
    pub kind: DocKind,
    pub body: String,
    /// The sum of the query stems' BM25 scores (each tantivy's `f32`), taken in `f64`.
    pub score: f64,
}

impl CourseSearch {
    /// Indexes `docs`.
    pub(crate) fn new(docs: Vec<SearchDoc>) -> anyhow::Result<Self> {
        let index = SearchIndex::build(&docs)
            .map_err(|e| anyhow::anyhow!("building the search index: {e}"))?;
        Ok(CourseSearch { docs, index })
    }

    /// The distinct stems of a query, as the index sees them (for highlighting).
    pub fn query_stems(query: &str) -> Vec<String> {
        SearchIndex::query_stems(query)
    }

    /// The best `limit` documents for `query`.
    pub fn search(&self, query: &str, limit: usize) -> anyhow::Result<Vec<SearchResult>> {
        let hits = self
            .index
            .search(query, limit)
            .map_err(|e| anyhow::anyhow!("searching: {e}"))?;
        Ok(hits
            .into_iter()
            .map(|h| {
                let d = &self.docs[h.doc];
                SearchResult {
                    doc: h.doc,
                    url: d.url.clone(),
                    page: d.page.clone(),
                    title: d.title.clone(),
                    kind: d.kind,
                    body: d.body.clone(),
                    score: h.score,
                }
            })
            .collect())
    }
}
