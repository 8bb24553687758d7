//! The real tantivy index over the search documents, used by `aware search` (and by the
//! tests, as the reference the export's own scoring must equal).

use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, STORED,
};
use tantivy::{doc, Index, IndexWriter, Term};

use super::analyzer;
use super::documents::SearchDoc;

/// Weight of a match in the title field relative to the body.
pub(crate) const TITLE_BOOST: f32 = 3.0;

/// A tantivy index of the documents, in memory.
pub(crate) struct SearchIndex {
    pub(crate) index: Index,
    pub(crate) title: Field,
    pub(crate) body: Field,
}

/// One result.
#[derive(Debug, Clone, serde::Serialize)]
pub(crate) struct Hit {
    /// Position of the document in the documents' order.
    pub(crate) doc: usize,
    /// The sum of the query's stems' scores (each tantivy's `f32`), in `f64`.
    pub(crate) score: f64,
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
        Ok(SearchIndex { index, title, body })
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
    /// score of each stem in the title (boosted) and body, ties by document order.
    ///
    /// Each stem's score in a document is tantivy's own (an `f32`, the very number the
    /// browser export stores); the sum is taken in `f64`, where adding a few `f32`s is
    /// exact, so it does not depend on the order of the terms and the browser, adding
    /// the same numbers, gets the same total bit for bit. Every matching document is
    /// scored (no top-k pruning), so equal scores are ordered by document number and not
    /// by where tantivy's segments happen to put the documents.
    pub(crate) fn search(&self, query: &str, limit: usize) -> tantivy::Result<Vec<Hit>> {
        let stems = Self::query_stems(query);
        if stems.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        let reader = self.index.reader()?;
        let searcher = reader.searcher();
        let docs: usize = searcher
            .segment_readers()
            .iter()
            .map(|s| s.max_doc() as usize)
            .sum();
        let mut total = vec![0f64; docs];
        let mut hit = vec![false; docs];
        for stem in &stems {
            let weight = self.stem_query(stem).weight(
                tantivy::query::EnableScoring::enabled_from_searcher(&searcher),
            )?;
            for seg in searcher.segment_readers() {
                let ords = seg.fast_fields().u64("ord")?;
                weight.for_each(seg, &mut |doc, score| {
                    if let Some(o) = ords.first(doc) {
                        let o = o as usize;
                        if o < docs {
                            total[o] += score as f64;
                            hit[o] = true;
                        }
                    }
                })?;
            }
        }
        let mut hits: Vec<Hit> = (0..docs)
            .filter(|&d| hit[d])
            .map(|d| Hit {
                doc: d,
                score: total[d],
            })
            .collect();
        let order = |a: &Hit, b: &Hit| b.score.total_cmp(&a.score).then(a.doc.cmp(&b.doc));
        if hits.len() > limit {
            hits.select_nth_unstable_by(limit - 1, order);
            hits.truncate(limit);
        }
        hits.sort_by(order);
        Ok(hits)
    }

    /// For every stem, tantivy's score of that stem in every document that has it: what
    /// the export's own scoring ([`score`](super::score)) is tested against.
    #[cfg(test)]
    pub(crate) fn postings(
        &self,
        stems: &[String],
    ) -> tantivy::Result<std::collections::HashMap<String, Vec<(u32, f32)>>> {
        let reader = self.index.reader()?;
        let searcher = reader.searcher();
        let mut out = std::collections::HashMap::with_capacity(stems.len());
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
            // Impact order: best score first, ties by document.
            list.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            if !list.is_empty() {
                out.insert(stem.clone(), list);
            }
        }
        Ok(out)
    }

    /// Average number of tokens per document in each field (title, body).
    #[cfg(test)]
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::DocKind;

    fn doc(i: usize, body: &str) -> SearchDoc {
        SearchDoc {
            kind: DocKind::Section,
            url: format!("m{i}.html"),
            page: format!("Page {i}"),
            title: "Same title".into(),
            body: body.into(),
        }
    }

    #[test]
    fn ties_are_cut_by_document_order_whatever_the_segments() {
        // Over 2000 documents the index is written by two threads, so documents are
        // spread over segments out of order. Every document scores the same for
        // "hotline"; the top 10 must be the first 10 documents, as in the browser.
        let docs: Vec<SearchDoc> = (0..2600)
            .map(|i| {
                doc(
                    i,
                    if i % 3 == 0 {
                        "call the hotline now"
                    } else {
                        "call the line now"
                    },
                )
            })
            .collect();
        let index = SearchIndex::build(&docs).unwrap();
        let hits = index.search("hotline", 10).unwrap();
        let want: Vec<usize> = (0..30).step_by(3).collect();
        assert_eq!(hits.iter().map(|h| h.doc).collect::<Vec<_>>(), want);
        assert!(hits.windows(2).all(|w| w[0].score == w[1].score));
    }

    #[test]
    fn scores_are_the_f64_sum_of_the_stems_f32_postings() {
        let docs: Vec<SearchDoc> = (0..50)
            .map(|i| doc(i, &format!("hotline {} report", "word ".repeat(i % 7))))
            .collect();
        let index = SearchIndex::build(&docs).unwrap();
        let postings = index
            .postings(&["hotlin".to_string(), "report".to_string()])
            .unwrap();
        let mut want: Vec<(usize, f64)> = (0..docs.len())
            .map(|d| {
                let s = |stem: &str| {
                    postings[stem]
                        .iter()
                        .find(|p| p.0 as usize == d)
                        .map_or(0.0, |p| p.1 as f64)
                };
                (d, s("hotlin") + s("report"))
            })
            .collect();
        want.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let hits = index.search("hotline reports", 50).unwrap();
        let got: Vec<(usize, f64)> = hits.iter().map(|h| (h.doc, h.score)).collect();
        assert_eq!(got, want);
    }
}
