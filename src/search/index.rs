//! The real tantivy index over the search documents, used by `aware search` and to score
//! the browser export.

use std::collections::HashMap;

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, FAST, STORED,
};
use tantivy::{doc, Index, IndexWriter, TantivyDocument, Term};

use super::analyzer;
use super::documents::SearchDoc;

/// Weight of a match in the title field relative to the body.
pub(crate) const TITLE_BOOST: f32 = 3.0;

/// A tantivy index of the documents, in memory.
pub(crate) struct SearchIndex {
    pub(crate) index: Index,
    pub(crate) title: Field,
    pub(crate) body: Field,
    pub(crate) ord: Field,
}

/// One result.
#[derive(Debug, Clone, serde::Serialize)]
pub(crate) struct Hit {
    /// Position of the document in the documents' order.
    pub(crate) doc: usize,
    pub(crate) score: f32,
}

impl SearchIndex {
    /// Indexes `docs` with the shared analyzer.
    pub(crate) fn build(docs: &[SearchDoc]) -> tantivy::Result<SearchIndex> {
        let mut schema = Schema::builder();
        let text = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(analyzer::NAME)
                .set_index_option(IndexRecordOption::WithFreqs),
        );
        // Only term frequencies: BM25 needs no positions, and results are shown from our
        // own documents, so nothing is stored but the document number.
        let title = schema.add_text_field("title", text.clone());
        let body = schema.add_text_field("body", text);
        let ord = schema.add_u64_field("ord", FAST | STORED);
        let index = Index::create_in_ram(schema.build());
        index
            .tokenizers()
            .register(analyzer::NAME, analyzer::analyzer());
        let threads = if docs.len() > 2000 { 2 } else { 1 };
        let mut writer: IndexWriter =
            index.writer_with_num_threads(threads, 60_000_000 * threads)?;
        // The index lives only for this build: merging segments would cost time and buy
        // nothing (scores are the same over any number of segments).
        writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        for (i, d) in docs.iter().enumerate() {
            writer.add_document(
                doc!(title => d.title.as_str(), body => d.body.as_str(), ord => i as u64),
            )?;
        }
        writer.commit()?;
        Ok(SearchIndex {
            index,
            title,
            body,
            ord,
        })
    }

    /// The query for one stem: its title and body matches, boosted.
    pub(crate) fn stem_query(&self, stem: &str) -> BooleanQuery {
        let clause = |field: Field, boost: f32| -> (Occur, Box<dyn Query>) {
            let q: Box<dyn Query> = Box::new(TermQuery::new(
                Term::from_field_text(field, stem),
                IndexRecordOption::WithFreqs,
            ));
            (
                Occur::Should,
                if boost == 1.0 {
                    q
                } else {
                    Box::new(BoostQuery::new(q, boost))
                },
            )
        };
        BooleanQuery::new(vec![
            clause(self.title, TITLE_BOOST),
            clause(self.body, 1.0),
        ])
    }

    /// Distinct stems of a query, in order.
    pub(crate) fn query_stems(query: &str) -> Vec<String> {
        let mut a = analyzer::analyzer();
        let mut stems = analyzer::tokens(&mut a, query);
        let mut seen = std::collections::HashSet::new();
        stems.retain(|s| seen.insert(s.clone()));
        stems
    }

    /// Top `limit` documents for `query`: the sum over its distinct stems of the BM25
    /// score of each stem in the title (boosted) and body.
    pub(crate) fn search(&self, query: &str, limit: usize) -> tantivy::Result<Vec<Hit>> {
        let stems = Self::query_stems(query);
        if stems.is_empty() {
            return Ok(Vec::new());
        }
        let q = BooleanQuery::new(
            stems
                .iter()
                .map(|s| {
                    (
                        Occur::Should,
                        Box::new(self.stem_query(s)) as Box<dyn Query>,
                    )
                })
                .collect(),
        );
        let reader = self.index.reader()?;
        let searcher = reader.searcher();
        // A few extra, so ties at the cut are ordered like the browser orders them.
        let top = searcher.search(&q, &TopDocs::with_limit(limit + 20))?;
        let mut hits = Vec::with_capacity(top.len());
        for (score, addr) in top {
            let d: TantivyDocument = searcher.doc(addr)?;
            let ord = d.get_first(self.ord).and_then(|v| v.as_u64()).unwrap_or(0) as usize;
            hits.push(Hit { doc: ord, score });
        }
        // Ties in a stable order (by document position), as the browser does.
        hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.doc.cmp(&b.doc)));
        hits.truncate(limit);
        Ok(hits)
    }

    /// For every stem, tantivy's score of that stem in every document that has it:
    /// the browser sums these, so its ranking is tantivy's by construction.
    pub(crate) fn postings(
        &self,
        stems: &[String],
    ) -> tantivy::Result<HashMap<String, Vec<(u32, f32)>>> {
        let reader = self.index.reader()?;
        let searcher = reader.searcher();
        let mut out = HashMap::with_capacity(stems.len());
        for stem in stems {
            let q = self.stem_query(stem);
            let weight = q.weight(tantivy::query::EnableScoring::enabled_from_searcher(
                &searcher,
            ))?;
            let mut list: Vec<(u32, f32)> = Vec::new();
            for seg in searcher.segment_readers() {
                let ords = seg.fast_fields().u64("ord")?;
                weight.for_each(seg, &mut |doc, score| {
                    if let Some(o) = ords.first(doc) {
                        list.push((o as u32, score));
                    }
                })?;
            }
            list.sort_by_key(|p| p.0);
            if !list.is_empty() {
                out.insert(stem.clone(), list);
            }
        }
        Ok(out)
    }

    /// Average number of tokens per document in each field (title, body).
    pub(crate) fn average_field_lengths(&self) -> tantivy::Result<(f32, f32)> {
        let reader = self.index.reader()?;
        let searcher = reader.searcher();
        let n: u64 = searcher
            .segment_readers()
            .iter()
            .map(|s| s.max_doc() as u64)
            .sum();
        let mut totals = [0u64; 2];
        for (i, f) in [self.title, self.body].into_iter().enumerate() {
            for s in searcher.segment_readers() {
                totals[i] += s.inverted_index(f)?.total_num_tokens();
            }
        }
        let n = n.max(1) as f32;
        Ok((totals[0] as f32 / n, totals[1] as f32 / n))
    }
}
