//! Search: one analyzer ([`analyzer`]), a real tantivy index for `aware search`
//! ([`index`]), and the browser's prebuilt, chunked export ([`export`]).

pub mod analyzer;
pub mod export;
pub mod highlight;
pub mod index;

use index::{DocKind, SearchDoc, SearchIndex};

/// A course's documents with their tantivy index.
pub struct CourseSearch {
    pub docs: Vec<SearchDoc>,
    pub index: SearchIndex,
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
    pub score: f32,
}

impl CourseSearch {
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
