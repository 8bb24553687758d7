//! A stem's postings as the browser index stores them: impact-ordered groups of
//! documents with the same score, cut into pieces when they are long, so that one very
//! common word never makes the browser download all of its documents at once.

use std::fmt::Write as _;

/// Postings (as text) larger than this are split into pieces; the first piece is about
/// half of it. `AWARE_SEARCH_SPLIT_BYTES` overrides it (for tests: a small course with
/// split postings).
pub(crate) const SPLIT_BYTES: usize = 24 * 1024;
/// The largest piece, as a multiple of the split size.
const MAX_PIECE_FACTOR: usize = 8;

/// The split size: [`SPLIT_BYTES`] unless `AWARE_SEARCH_SPLIT_BYTES` says otherwise.
pub(crate) fn split_bytes() -> usize {
    std::env::var("AWARE_SEARCH_SPLIT_BYTES")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&n: &usize| n > 0)
        .unwrap_or(SPLIT_BYTES)
}

/// Decimal digits of `x`.
fn digits(mut x: u32) -> usize {
    let mut n = 1;
    while x >= 10 {
        x /= 10;
        n += 1;
    }
    n
}

/// Runs of postings with the same score (postings are impact-ordered: by score
/// descending, then document).
fn score_groups(p: &[(u32, f32)]) -> impl Iterator<Item = &[(u32, f32)]> {
    p.chunk_by(|a, b| a.1.to_bits() == b.1.to_bits())
}

/// About how many bytes [`postings_pieces`] writes for `p` (scores counted as 10).
pub(crate) fn postings_len(p: &[(u32, f32)]) -> usize {
    score_groups(p)
        .map(|g| {
            let mut prev = 0;
            12 + digits(g.len() as u32)
                + g.iter()
                    .map(|&(d, _)| {
                        let n = digits(d - prev) + 1;
                        prev = d;
                        n
                    })
                    .sum::<usize>()
        })
        .sum()
}

/// A stem's postings as the text of flat JSON arrays (without brackets):
/// `score,n,doc,doc…` per group of documents with the same score, documents ascending
/// and delta-coded, scores as the shortest text that reads back as the same `f32`. One
/// piece when the text stays under `split` bytes; otherwise a first piece of about
/// `split / 2` bytes and then pieces twice as big as the one before (at most
/// [`MAX_PIECE_FACTOR`] × `split`). Each piece comes with its best score.
pub(crate) fn postings_pieces(p: &[(u32, f32)], split: usize) -> Vec<(String, f32)> {
    let mut target = if postings_len(p) > split {
        (split / 2).max(1)
    } else {
        usize::MAX
    };
    let mut pieces = Vec::new();
    let mut text = String::new();
    let mut best: Option<f32> = None;
    for group in score_groups(p) {
        let score = group[0].1;
        let mut rest = group;
        while !rest.is_empty() {
            if !text.is_empty() {
                text.push(',');
            }
            let _ = write!(text, "{score},");
            let count_at = text.len();
            best.get_or_insert(score);
            let mut body = String::new();
            let mut prev = 0;
            let mut n = 0;
            for &(d, _) in rest {
                if n > 0 && text.len() + body.len() >= target {
                    break;
                }
                let _ = write!(body, ",{}", d - prev);
                prev = d;
                n += 1;
            }
            let _ = write!(text, "{n}");
            debug_assert!(text.len() > count_at);
            text.push_str(&body);
            rest = &rest[n..];
            if text.len() >= target {
                pieces.push((std::mem::take(&mut text), best.take().unwrap_or(score)));
                target = (target * 2).min(split * MAX_PIECE_FACTOR);
            }
        }
    }
    if !text.is_empty() || pieces.is_empty() {
        pieces.push((text, best.unwrap_or(0.0)));
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_are_impact_ordered_groups_with_exact_scores() {
        let p = vec![(3, 2.5f32), (9, 2.5), (1, 0.1), (4, 0.1), (5, 0.1)];
        let pieces = postings_pieces(&p, 1000);
        assert_eq!(pieces, vec![("2.5,2,3,6,0.1,3,1,3,1".to_string(), 2.5)]);
        // The text reads back as the same f32, as the browser reads it (f64, then fround).
        for x in [2.7134826f32, 0.001234567, 0.1, 1.0 / 3.0, 12.5, 1e-7] {
            let back: f64 = x.to_string().parse().unwrap();
            assert_eq!((back as f32).to_bits(), x.to_bits(), "{x}");
        }
    }

    #[test]
    fn long_postings_are_split_into_growing_pieces_best_scores_first() {
        // 2000 documents with 40 distinct scores, impact-ordered.
        let mut p: Vec<(u32, f32)> = (0..2000u32).map(|d| (d, (d % 40) as f32 + 0.5)).collect();
        p.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let pieces = postings_pieces(&p, 400);
        assert!(pieces.len() > 3, "{} pieces", pieces.len());
        assert!(pieces[0].0.len() < 400, "{}", pieces[0].0.len());
        // Each piece's best score is its first group's, and never above the one before.
        let mut seen = Vec::new();
        for (i, (text, best)) in pieces.iter().enumerate() {
            let nums: Vec<f64> = text.split(',').map(|x| x.parse().unwrap()).collect();
            assert_eq!(nums[0] as f32, *best);
            if i > 0 {
                assert!(*best <= pieces[i - 1].1);
            }
            let mut j = 0;
            while j < nums.len() {
                let (s, n) = (nums[j] as f32, nums[j + 1] as usize);
                assert!(s <= *best);
                let mut doc = 0;
                for k in 0..n {
                    doc += nums[j + 2 + k] as u32;
                    seen.push((doc, s));
                }
                j += 2 + n;
            }
        }
        assert_eq!(seen, p, "every posting once, in order");
        // Small postings stay whole.
        assert_eq!(postings_pieces(&p[..10], 400).len(), 1);
    }
}
