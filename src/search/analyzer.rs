//! The one analyzer: the single source of tokens for the tantivy index behind
//! `aware search` and for the browser export.
//!
//! simple tokenizer (split on non-alphanumerics) → remove tokens of 40+ bytes →
//! lower-case → ASCII folding → English stop words → English (Porter2) stemmer.
//! The browser never stems: it receives the course's own vocabulary of *surface* words
//! (the same pipeline without the last two steps) mapped to their stems, and its query
//! normalisation mirrors the surface steps (see `search.js`, `normalise`).

use std::collections::HashMap;

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, StopWordFilter,
    TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};

/// Tokenizer name registered with the tantivy index.
pub const NAME: &str = "aware_en";

/// Tokens of this many bytes or more are dropped.
pub const MAX_TOKEN_BYTES: usize = 40;

/// A description of the pipeline; its hash goes into the browser export, and the browser
/// refuses an index made with a different one.
pub const CONFIG: &str = "simple|remove_long<40|lowercase|ascii_folding|stopwords:en|stemmer:en|v1";

/// The full analyzer (surface steps + stop words + stemmer).
pub fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(StopWordFilter::new(Language::English).expect("tantivy ships English stop words"))
        .filter(CachedStemmer)
        .build()
}

/// The surface steps only: what a word looks like before stop words and stemming.
pub fn surface_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// Stop-word removal and stemming of one surface word: `None` for a stop word.
pub fn stem_of(surface: &str, stemmer: &mut TextAnalyzer) -> Option<String> {
    let mut stream = stemmer.token_stream(surface);
    let mut out = None;
    while stream.advance() {
        out = Some(stream.token().text.clone());
    }
    out
}

/// Analyzer that applies stop words and stemming to already-normalised words.
pub fn stem_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(tantivy::tokenizer::WhitespaceTokenizer::default())
        .filter(StopWordFilter::new(Language::English).expect("tantivy ships English stop words"))
        .filter(CachedStemmer)
        .build()
}

/// Most distinct words one analyzer remembers the stems of; past this the cache starts
/// again (hostile input cannot make it grow without bound).
const STEM_CACHE_MAX: usize = 50_000;

/// tantivy's English (Porter2) `Stemmer` with a word → stem cache. A course has a few
/// thousand distinct word forms and millions of tokens, so most tokens are stemmed by a
/// lookup. Same output as `tantivy::tokenizer::Stemmer::new(Language::English)` (both run
/// `rust_stemmers`' English algorithm); the cache lives in each clone of the analyzer,
/// so every indexing thread has its own.
#[derive(Clone, Copy)]
struct CachedStemmer;

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter {
            inner: tokenizer,
            cache: HashMap::new(),
        }
    }
}

#[derive(Clone)]
struct CachedStemmerFilter<T> {
    inner: T,
    cache: HashMap<String, String>,
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        if self.cache.len() > STEM_CACHE_MAX {
            self.cache.clear();
        }
        CachedStemmerStream {
            tail: self.inner.token_stream(text),
            cache: &mut self.cache,
            stemmer: None,
        }
    }
}

struct CachedStemmerStream<'a, T> {
    tail: T,
    cache: &'a mut HashMap<String, String>,
    stemmer: Option<rust_stemmers::Stemmer>,
}

impl<T: TokenStream> TokenStream for CachedStemmerStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if let Some(stem) = self.cache.get(token.text.as_str()) {
            token.text.clear();
            token.text.push_str(stem);
            return true;
        }
        let stemmer = self.stemmer.get_or_insert_with(|| {
            rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English)
        });
        let stem = stemmer.stem(&token.text).into_owned();
        let word = std::mem::replace(&mut token.text, stem.clone());
        self.cache.insert(word, stem);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// All tokens of `text` through `analyzer`.
pub fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

/// FNV-1a hash of [`CONFIG`], as 16 hex digits.
pub fn config_hash() -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in CONFIG.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pipeline_stems_folds_and_drops_stop_words() {
        let mut a = analyzer();
        assert_eq!(
            tokens(&mut a, "The Installation of CAFÉS, isn't it?"),
            vec!["instal", "cafe", "isn", "t"]
        );
        assert_eq!(
            tokens(&mut a, "signs of trafficking"),
            vec!["sign", "traffick"]
        );
    }

    #[test]
    fn surface_and_stem_steps_compose_to_the_full_analyzer() {
        let mut full = analyzer();
        let mut surface = surface_analyzer();
        let mut stem = stem_analyzer();
        let text =
            "Survivors’ recovery: 1-888-373-7888, naïve Ünïcode résumé and the bottom's roles";
        let composed: Vec<String> = tokens(&mut surface, text)
            .iter()
            .filter_map(|w| stem_of(w, &mut stem))
            .collect();
        assert_eq!(composed, tokens(&mut full, text));
    }

    #[test]
    fn the_cached_stemmer_stems_like_tantivys_stemmer() {
        let mut plain = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(tantivy::tokenizer::Stemmer::new(Language::English))
            .build();
        let mut cached = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(CachedStemmer)
            .build();
        let text = "running runs ran runner generously generous generously installations \
                    installation caresses ponies ties caress cats running";
        // Twice: the second pass is served from the cache.
        for _ in 0..2 {
            assert_eq!(tokens(&mut cached, text), tokens(&mut plain, text));
        }
    }
}
